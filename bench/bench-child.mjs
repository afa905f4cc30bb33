// One measured command of bench/bench.mjs, in its own process:
//
//   node --import ./bench/resource-probe.mjs bench/bench-child.mjs <spec.json>
//
// spec: { kind: 'eslint', config: 'floor' | 'one-rule' | 'persona-recommended' | 'persona-strict' |
// 'sonarjs' | 'security', root, filesFile, out } or { kind: 'analyzer', root, out }. Writes what the command saw
// to `out` as JSON. Standard output stays free for ESLint's TIMING table.
import { readFileSync, writeFileSync } from 'node:fs';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import security from 'eslint-plugin-security';
import sonarjs from 'eslint-plugin-sonarjs';
import { analyzeProject } from '../dist/src/analyzer/index.js';
import { loadProject } from '../dist/src/analyzer/project.js';
import plugin from '../dist/src/index.js';
import { LINTED_FILES } from '../dist/src/linted-files.js';
import { summarize } from './summary.mjs';

/** The floor: parsing with the TypeScript parser and traversal, no rules, no inline config. */
const FLOOR = {
  files: LINTED_FILES,
  languageOptions: { parser: tsParser },
  // The targets' own `/* eslint ... */` comments would turn on core rules or name rules not loaded.
  linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
};

/** Each ESLint command is the floor plus one preset, taken from the plugins (never a list of rule ids), or one core rule. */
export const ESLINT_CONFIGS = {
  floor: [FLOOR],
  'one-rule': [FLOOR, { rules: { 'no-debugger': 'error' } }],
  'persona-recommended': [FLOOR, plugin.configs.recommended],
  'persona-strict': [FLOOR, plugin.configs.strict],
  sonarjs: [FLOOR, sonarjs.configs.recommended],
  security: [FLOOR, security.configs.recommended],
};

async function runEslint(spec) {
  const files = JSON.parse(readFileSync(spec.filesFile, 'utf8'));
  const eslint = new ESLint({ cwd: spec.root, overrideConfigFile: true, overrideConfig: ESLINT_CONFIGS[spec.config], errorOnUnmatchedPattern: false });
  return summarize(await eslint.lintFiles(files));
}

function runAnalyzer(spec) {
  const project = loadProject(spec.root);
  const { model, findings } = analyzeProject(spec.root, { project });
  return { files: project.getSourceFiles().length, routes: model.routes.length, problems: findings.length };
}

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
if (spec.kind === 'eslint' && !(spec.config in ESLINT_CONFIGS)) throw new Error(`bench-child: unknown ESLint config ${spec.config}`);
const summary = spec.kind === 'analyzer' ? runAnalyzer(spec) : await runEslint(spec);
writeFileSync(spec.out, JSON.stringify(summary));
