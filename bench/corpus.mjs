#!/usr/bin/env node
// Runs every persona rule over real backends installed from the npm registry at pinned
// versions, and prints each finding, parse failures and rule crashes. Figures, not assertions:
// the findings are triaged by hand (see the issue notes).
//
//   node bench/corpus.mjs [--rule <id>]... [--json <file>]
//
// The corpus is unpacked into $PERSONA_CORPUS_DIR (default ~/.cache/persona-lint/corpus).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../dist/src/index.js';
import { LINTED_FILES } from '../dist/src/linted-files.js';

/** Pinned real backends: their own source, as published to the registry. */
export const CORPUS = [
  { name: 'ghost', version: '6.65.0', roots: ['core/server', 'core/shared', 'core/frontend'] },
  { name: 'parse-server', version: '9.10.0', roots: ['lib'] },
  { name: '@directus/api', version: '39.2.1', roots: ['dist'] },
  { name: 'uptime-kuma', version: '2.0.0-dev.0', roots: ['server'] },
];

/**
 * A backend that publishes its TypeScript sources to the registry (a NestJS server with REST and
 * GraphQL modules): the corpus run's TypeScript, and bench/bench.mjs's. Found by listing
 * candidates' files with `npm pack <name> --dry-run --json`.
 */
export const TYPESCRIPT_SOURCE_BACKEND = { name: '@lenne.tech/nest-server', version: '11.24.1', roots: ['src'] };

/**
 * A Koa backend that publishes its TypeScript sources: route files that register controllers of
 * other files on shared routers, with validators made by factories. The corpus run's second TypeScript backend.
 */
export const KOA_TYPESCRIPT_BACKEND = { name: '@budibase/server', version: '3.38.1', roots: ['src'] };

const SOURCE_EXTENSIONS = new Set(['.js', '.cjs', '.mjs', '.ts', '.mts', '.cts']);
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'built', 'test', 'tests', '__tests__']);

export function corpusDirectory() {
  return process.env.PERSONA_CORPUS_DIR ?? join(homedir(), '.cache', 'persona-lint', 'corpus');
}

/** Downloads and unpacks one pinned package unless it is there already; returns its folder. */
export function installPackage({ name, version }) {
  const target = join(corpusDirectory(), `${name.replace('/', '__')}-${version}`);
  if (existsSync(join(target, 'package', 'package.json'))) return join(target, 'package');
  mkdirSync(target, { recursive: true });
  const tarball = execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', target, '--silent'], { encoding: 'utf8' }).trim().split('\n').at(-1);
  execFileSync('tar', ['xzf', join(target, tarball), '-C', target]);
  return join(target, 'package');
}

export function sourceFiles(directory) {
  const files = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(join(folder, entry.name));
      } else if (SOURCE_EXTENSIONS.has(extname(entry.name)) && !entry.name.endsWith('.d.ts') && !entry.name.includes('.min.')) {
        files.push(join(folder, entry.name));
      }
    }
  };
  if (existsSync(directory) && statSync(directory).isDirectory()) walk(directory);
  return files;
}

async function main() {
  const { values } = parseArgs({ options: { rule: { type: 'string', multiple: true }, json: { type: 'string' } } });
  const ruleIds = values.rule ?? Object.keys(plugin.rules);
  // Rules are loaded from their built files, so a rule can be measured before it is registered.
  const ruleModules = Object.fromEntries(await Promise.all(ruleIds.map(async (id) => [id, (await import(`../dist/rules/${id}.js`)).default])));
  const rules = Object.fromEntries(ruleIds.map((id) => [`persona/${id}`, 'error']));
  const config = [
    {
      files: LINTED_FILES,
      plugins: { persona: { rules: ruleModules } },
      languageOptions: { parser: tsParser },
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      rules,
    },
  ];
  const report = { packages: [], findings: [], parseErrors: [], crashes: [] };
  for (const entry of [...CORPUS, TYPESCRIPT_SOURCE_BACKEND, KOA_TYPESCRIPT_BACKEND]) {
    const root = installPackage(entry);
    // Linted from the package's folder with absolute names, as an editor or the CLI would: rules that read imported files find them.
    const linter = new Linter({ configType: 'flat', cwd: root });
    const files = entry.roots.flatMap((folder) => sourceFiles(join(root, folder)));
    const started = performance.now();
    for (const file of files) {
      const path = `${entry.name}@${entry.version}/${relative(root, file)}`;
      const code = readFileSync(file, 'utf8');
      let messages;
      try {
        messages = linter.verify(code, config, { filename: file });
      } catch (error) {
        report.crashes.push({ path, error: String(error?.stack ?? error).split('\n').slice(0, 4).join(' | ') });
        continue;
      }
      for (const message of messages) {
        if (message.fatal) report.parseErrors.push({ path, message: message.message });
        else if (message.ruleId?.startsWith('persona/')) report.findings.push({ path: `${path}:${message.line}`, rule: message.ruleId, message: message.message, source: code.split('\n')[message.line - 1]?.trim().slice(0, 160) });
      }
    }
    report.packages.push({ name: entry.name, version: entry.version, files: files.length, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) });
  }
  for (const finding of report.findings) console.log(`${finding.path}  ${finding.rule}\n    ${finding.source}\n    ${finding.message}`);
  console.log('\npackages:', JSON.stringify(report.packages));
  console.log(`findings: ${report.findings.length}, files that do not parse: ${report.parseErrors.length}, rule crashes: ${report.crashes.length}`);
  for (const crash of report.crashes) console.log(`CRASH ${crash.path}: ${crash.error}`);
  if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2));
  if (report.crashes.length > 0) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
