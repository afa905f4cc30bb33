/**
 * Every per-file rule over thousands of real-world files: the JavaScript and TypeScript of this
 * repository's own node_modules, which every clean clone has after `npm install`. No rule may
 * throw; files the parser rejects are counted, not crashes.
 *
 * The project checks (api-versioning, error-envelope, health-endpoint, rate-limiting,
 * require-auth, security-headers) are left out: they analyze the project around the file, and
 * node_modules is not a project. The analyzer has its own tests.
 *
 * The files are linted in two worker threads with the built plugin (dist/, built by the CLI
 * tests' harness when the sources changed), so that the run takes about half as long on the
 * two-core CI machine, where vitest itself runs one test file at a time.
 */
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { isSource } from '../src/analyzer/project.js';
import { MAX_SOURCE_BYTES } from '../src/catalog/source-files.js';
import { rules } from '../src/rules.js';
import { buildCli, BUILD_TIMEOUT, REPO } from './cli/harness.js';

const NODE_MODULES = join(REPO, 'node_modules');
/**
 * How many files to lint: 3,000 of the about 4,900 eligible ones, from every package. About
 * 50 s with two threads on the 2-core machine (105 s on one thread): the parser is half of it.
 */
const SAMPLE_SIZE = 3_000;
const THREADS = Math.max(1, Math.min(2, availableParallelism()));

/**
 * Every file under node_modules that the CLI would lint (JavaScript and TypeScript, not a
 * declaration file or a .min.js bundle, at most 512 KB), sorted, without following symbolic links.
 */
function eligibleFiles(): string[] {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        // .cache holds the build stamps of this repository's tests, .bin only links.
        if (entry.name !== '.cache' && entry.name !== '.bin') walk(path);
      } else if (entry.isFile() && isSource(entry.name) && !/\.d\.[cm]ts$/u.test(entry.name) && statSync(path).size <= MAX_SOURCE_BYTES) {
        files.push(path);
      }
    }
  };
  walk(NODE_MODULES);
  return files.sort();
}

/** The package a file belongs to: the part after its last node_modules/ (`@scope/name` or `name`). */
function packageOf(file: string): string {
  const parts = relative(NODE_MODULES, file).split(/[\\/]/u);
  const rest = parts.slice(parts.lastIndexOf('node_modules') + 1);
  return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
}

/**
 * A deterministic sample spread over every package: the packages in sorted order, one file of
 * each in turn (in sorted path order) until the sample is full, so that a few large packages
 * (typescript, eslint, vite) do not make up most of it.
 */
function sample(files: readonly string[], size: number): string[] {
  const byPackage = new Map<string, string[]>();
  for (const file of files) byPackage.set(packageOf(file), [...(byPackage.get(packageOf(file)) ?? []), file]);
  const queues = [...byPackage.keys()].sort().map((name) => byPackage.get(name)!);
  const chosen: string[] = [];
  for (let round = 0; chosen.length < size && queues.some((queue) => round < queue.length); round++) {
    for (const queue of queues) if (round < queue.length && chosen.length < size) chosen.push(queue[round]!);
  }
  return chosen.sort();
}

interface Crash {
  readonly file: string;
  readonly rule: string;
  readonly stack: string;
}

interface WorkerReport {
  readonly crashes: Crash[];
  readonly parseFailures: string[];
  readonly findings: Record<string, number>;
  /** Up to 20 findings per thread as `path:line rule`, to look at. */
  readonly examples: string[];
}

/**
 * The worker: lints its files with every per-file rule at the strict preset's options (the
 * widest), the way the CLI does (the TypeScript parser for JavaScript too). The files' own ESLint
 * comments are not applied: they would turn on core rules or name rules not loaded here, and a
 * `eslint-disable` must not keep a persona rule from running. ESLint ignores paths under
 * node_modules/ whatever the config says, so each file is linted under another name.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
(async () => {
  const { files, repo, modules } = workerData;
  const { Linter } = await import(modules.eslint);
  const tsParser = (await import(modules.parser)).default;
  const persona = (await import(modules.plugin)).default;
  const rules = Object.fromEntries(
    Object.entries(persona.configs.strict.rules).filter(([id]) => !persona.rules[id.slice('persona/'.length)].meta.docs.projectCheck),
  );
  const config = [{
    files: ['**/*'],
    plugins: { persona },
    languageOptions: { parser: tsParser },
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    rules,
  }];
  const linter = new Linter({ configType: 'flat', cwd: repo });
  const crashes = [];
  const parseFailures = [];
  const findings = {};
  const examples = [];
  for (const { path, name } of files) {
    let messages;
    try {
      messages = linter.verify(readFileSync(path, 'utf8'), config, { filename: name });
    } catch (error) {
      // ESLint adds 'Rule: "<id>"' to the message of an error a rule throws.
      const stack = error instanceof Error ? String(error.stack || error.message) : String(error);
      crashes.push({ file: path, rule: (/Rule: "([^"]+)"/.exec(stack) || [])[1] || '(not a rule)', stack });
      continue;
    }
    if (messages.some((message) => message.fatal)) parseFailures.push(path + ': ' + messages.find((message) => message.fatal).message);
    for (const message of messages) {
      if (!message.ruleId || !message.ruleId.startsWith('persona/')) continue;
      findings[message.ruleId] = (findings[message.ruleId] || 0) + 1;
      if (examples.length < 20) examples.push(path + ':' + message.line + ' ' + message.ruleId);
    }
  }
  parentPort.postMessage({ crashes, parseFailures, findings, examples, rules: Object.keys(rules).length });
})().catch((error) => { throw error; });
`;

function lintInWorker(files: readonly string[]): Promise<WorkerReport & { rules: number }> {
  const modules = {
    eslint: import.meta.resolve('eslint'),
    parser: import.meta.resolve('@typescript-eslint/parser'),
    plugin: pathToFileURL(join(REPO, 'dist', 'src', 'index.js')).href,
  };
  // Linted under real-world/<path in node_modules>, with nested node_modules/ as nm/.
  const named = files.map((path) => ({ path, name: join(REPO, 'real-world', relative(NODE_MODULES, path).split(/[\\/]node_modules[\\/]/u).join('/nm/')) }));
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { files: named, repo: REPO, modules } });
    worker.once('message', (report: WorkerReport & { rules: number }) => {
      resolve(report);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker exited with code ${code} before reporting`)));
  });
}

describe('every per-file rule on real-world code', () => {
  it(
    `lints ${SAMPLE_SIZE} files of node_modules without a rule exception`,
    async () => {
      await buildCli();
      const files = sample(eligibleFiles(), SAMPLE_SIZE);
      expect(files.length).toBe(SAMPLE_SIZE);
      const started = performance.now();
      const reports = await Promise.all(Array.from({ length: THREADS }, (_, thread) => lintInWorker(files.filter((_, index) => index % THREADS === thread))));
      const seconds = ((performance.now() - started) / 1000).toFixed(1);

      const perFileRules = Object.values(rules).filter((rule) => !rule.meta.docs?.projectCheck).length;
      for (const report of reports) expect(report.rules).toBe(perFileRules);
      const crashes = reports.flatMap((report) => report.crashes);
      const parseFailures = reports.flatMap((report) => report.parseFailures).sort();
      const findings = new Map<string, number>();
      for (const report of reports) for (const [rule, count] of Object.entries(report.findings)) findings.set(rule, (findings.get(rule) ?? 0) + count);
      const findingCount = [...findings.values()].reduce((sum, count) => sum + count, 0);
      console.log(
        [
          `real-world robustness: ${files.length} files from ${new Set(files.map(packageOf)).size} packages, ${perFileRules} rules, ${THREADS} threads, ${seconds} s`,
          `  parse failures: ${parseFailures.length}${parseFailures.map((failure) => `\n    ${relative(REPO, failure)}`).join('')}`,
          `  rule exceptions: ${crashes.length}`,
          `  findings: ${findingCount}${[...findings].sort(([, a], [, b]) => b - a).map(([rule, count]) => `\n    ${rule}: ${count}`).join('')}`,
          ...reports.flatMap((report) => report.examples).map((example) => `    ${relative(REPO, example)}`),
        ].join('\n'),
      );
      // A crash here is a bug in the rule: fix the rule, do not leave the file out.
      expect(crashes.map((crash) => `${relative(REPO, crash.file)} (${crash.rule})\n${crash.stack}`)).toEqual([]);
    },
    BUILD_TIMEOUT + 180_000,
  );
});
