import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ESLint } from 'eslint';
import { listSourceFiles, type SkippedFile } from '../analyzer/project.js';
import { ConfigError, loadPersonaConfig } from '../config/load.js';
import { resolveConfig } from '../config/resolve.js';
import { PRESETS, type PresetName } from '../config/schema.js';
import { PACKAGE_JSON } from '../package-root.js';
import { formatGithub, githubJobSummary } from '../report/github.js';
import { formatGitlab } from '../report/gitlab.js';
import { formatSarif } from '../report/sarif.js';
import type { LintResult, ReportContext } from '../report/types.js';
import { applySuppressions, DEFAULT_SUPPRESSIONS_FILE, pruneSuppressions, readSuppressions, suppressAll, writeSuppressions } from './baseline.js';
import { UsageError } from './errors.js';
import { explainRule } from './explain.js';
import { gitTopLevel } from './git.js';
import { initConfig } from './init.js';
import { skippedNotes, skippedToReport, withoutIgnored } from './files.js';
import { createEslint, ignorePatterns, lintProject, type Mode, type ProjectChecks } from './lint.js';
import { rootLine, routeInventory, routesTable } from './routes.js';

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'gitlab'] as const;
type Format = (typeof FORMATS)[number];

export const HELP = `Usage: persona-lint [options] [paths...]
       persona-lint routes [--format table|json]
       persona-lint explain <rule>
       persona-lint init [--force]

Checks a Node.js backend against the persona standards: the persona ESLint rules on each file,
and the project checks (health endpoint, rate limiting, auth, ...) on the whole project. Needs no
ESLint setup; reads package.json#persona, .personarc[.json|.yaml|.yml|.js|.cjs|.mjs] or
persona.config.{js,cjs,mjs}. Paths default to the current folder; .gitignore applies.

Options:
  --preset recommended|strict    Preset to start from (default: the config's, else recommended)
  -c, --config <file>            Use this config file instead of searching for one
  -f, --format <name>            stylish (default), json, sarif, github, gitlab
  -o, --output-file <file>       Write the report to a file instead of standard output
  --max-warnings <n>             Exit 1 when there are more than n warnings
  --no-project-checks            Only the per-file rules (fast; for file-level hooks)
  --project-checks-only          Only the project checks

Code review:
  --staged                       Lint the staged content of staged files (pre-commit); the
                                 project checks see the staged tree
  --diff <ref>                   Report only findings on lines changed since <ref> (pull requests)

Baselines (ESLint's bulk suppressions, eslint-suppressions.json):
  --suppress-all                 Accept every current error; later runs fail only on new ones
  --suppress-rule <rule>         Accept the current errors of one rule (repeatable)
  --prune-suppressions           Remove accepted errors that no longer occur
  --suppressions-location <file> Where the suppressions file is (default eslint-suppressions.json)

  -h, --help                     Show this help
  -v, --version                  Show the version

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage, configuration or internal error.
`;

const OPTIONS = {
  preset: { type: 'string' },
  config: { type: 'string', short: 'c' },
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  'max-warnings': { type: 'string' },
  'no-project-checks': { type: 'boolean' },
  'project-checks-only': { type: 'boolean' },
  staged: { type: 'boolean' },
  diff: { type: 'string' },
  'suppress-all': { type: 'boolean' },
  'suppress-rule': { type: 'string', multiple: true },
  'prune-suppressions': { type: 'boolean' },
  'suppressions-location': { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

export interface Io {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress is shown there). */
  readonly interactive: boolean;
}

function choice<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

function maxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/u.test(value)) throw new UsageError(`--max-warnings must be a whole number, not "${value}"`);
  return Number(value);
}

function checkCombinations(values: Values): void {
  if (values.staged && values.diff !== undefined) throw new UsageError('--staged and --diff cannot be used together');
  if (values['no-project-checks'] && values['project-checks-only']) throw new UsageError('--no-project-checks and --project-checks-only cannot be used together');
  const baseline = values['suppress-all'] || values['suppress-rule'] || values['prune-suppressions'];
  if (baseline && (values.staged || values.diff !== undefined)) throw new UsageError('baselines are written from a full run, not with --staged or --diff');
}

/** The ESLint instance is only used to load ESLint's own formatters (stylish, json). */
async function format(name: Format, results: LintResult[], context: ReportContext, toTerminal: boolean): Promise<string> {
  switch (name) {
    case 'sarif':
      return formatSarif(results, context);
    case 'github':
      return formatGithub(results, context);
    case 'gitlab':
      return formatGitlab(results, context);
    default: {
      const formatter = await new ESLint({ cwd: context.cwd, overrideConfigFile: true }).loadFormatter(name);
      const text = await formatter.format(results, { color: toTerminal ? undefined : false } as never);
      return text ? `${text}\n` : '';
    }
  }
}

async function lintCommand(values: Values, paths: readonly string[], io: Io): Promise<number> {
  checkCombinations(values);
  const root = io.cwd;
  const formatName = choice(values.format, FORMATS, '--format') ?? 'stylish';
  const preset = choice(values.preset, PRESETS, '--preset');
  const warningLimit = maxWarnings(values['max-warnings']);
  const { config: personaConfig } = await loadPersonaConfig(root, values.config === undefined ? undefined : resolve(root, values.config));
  const config = resolveConfig(personaConfig, preset);
  const mode: Mode = values.staged ? { kind: 'staged' } : values.diff !== undefined ? { kind: 'diff', ref: values.diff } : { kind: 'files' };
  const projectChecks: ProjectChecks = values['no-project-checks'] ? 'off' : values['project-checks-only'] ? 'only' : 'on';
  // Progress only for a person watching a terminal: nothing in CI or when stderr is piped.
  const showStatus = io.interactive && !io.env.CI;
  const onStatus = showStatus ? (status: string) => io.stderr(`\r\u001b[Kpersona-lint: ${status}`) : undefined;
  const run = await lintProject({ root, paths: paths.length > 0 ? paths : ['.'], config, mode, projectChecks, onStatus });
  if (showStatus) io.stderr('\r\u001b[K');

  const suppressionsFile = resolve(root, values['suppressions-location'] ?? DEFAULT_SUPPRESSIONS_FILE);
  let suppressions = readSuppressions(suppressionsFile);
  if (values['suppress-all'] || values['suppress-rule']) {
    const onlyRules = values['suppress-rule']?.map((rule) => (rule.startsWith('persona/') ? rule : `persona/${rule}`));
    suppressions = suppressAll(run.results, suppressions, root, onlyRules);
    writeSuppressions(suppressionsFile, suppressions);
  }
  const { results, unused } = applySuppressions(run.results, suppressions, root);
  if (values['prune-suppressions']) writeSuppressions(suppressionsFile, pruneSuppressions(suppressions, unused, root));
  else if (Object.keys(unused).length > 0) io.stderr(`persona-lint: ${suppressionsFile} accepts findings that no longer occur; run persona-lint --prune-suppressions to update it\n`);

  const context: ReportContext = { cwd: gitTopLevel(root) ?? root, rulesMeta: run.rulesMeta, sourceOf: run.sourceOf, toolVersion: PACKAGE_JSON.version };
  const outputFile = values['output-file'];
  const report = await format(formatName, results, context, outputFile === undefined);
  if (outputFile === undefined) io.stdout(report);
  else {
    mkdirSync(dirname(resolve(root, outputFile)), { recursive: true });
    writeFileSync(resolve(root, outputFile), report);
  }
  if (formatName === 'github' && io.env.GITHUB_STEP_SUMMARY) appendFileSync(io.env.GITHUB_STEP_SUMMARY, githubJobSummary(results, context));

  for (const note of skippedNotes(run.skipped, root)) io.stderr(`persona-lint: ${note}\n`);
  for (const problem of run.internalErrors) io.stderr(`persona-lint: internal error: ${problem}\n`);
  // A file that could not be read was not checked: the run cannot pass.
  if (run.internalErrors.length > 0 || run.skipped.some((file) => file.reason === 'unreadable')) return 2;
  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  if (errors > 0) return 1;
  if (warningLimit !== undefined && warnings > warningLimit) {
    io.stderr(`persona-lint found too many warnings (maximum: ${warningLimit}).\n`);
    return 1;
  }
  return 0;
}

async function routesCommand(values: Values, io: Io): Promise<number> {
  const formatName = choice(values.format, ['table', 'json'] as const, '--format') ?? 'table';
  const { config: personaConfig } = await loadPersonaConfig(io.cwd, values.config === undefined ? undefined : resolve(io.cwd, values.config));
  const config = resolveConfig(personaConfig, choice(values.preset, PRESETS, '--preset') as PresetName | undefined);
  const eslint = createEslint(io.cwd, ignorePatterns(io.cwd, config));
  const skipped: SkippedFile[] = [];
  const files = await withoutIgnored(eslint, listSourceFiles(io.cwd, skipped));
  const inventory = routeInventory(io.cwd, config, files, skipped);
  // Files the analysis could not read are routes it may have missed: said first.
  const skippedFiles = skippedNotes(await skippedToReport(eslint, skipped), io.cwd);
  const notes = [...skippedFiles, ...inventory.notes];
  const { routes, roots } = inventory;
  io.stdout(formatName === 'json' ? `${JSON.stringify({ roots, routes, notes }, null, 2)}\n` : routesTable(routes));
  if (formatName === 'table') for (const note of [...skippedFiles, ...roots.map(rootLine), ...inventory.notes]) io.stderr(`note: ${note}\n`);
  return 0;
}

/** Runs persona-lint with command-line arguments; returns the exit code. Never throws. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (values.version) {
      io.stdout(`${PACKAGE_JSON.version}\n`);
      return 0;
    }
    const [command, ...rest] = positionals;
    switch (command) {
      case 'routes':
        return await routesCommand(values, io);
      case 'explain':
        if (rest.length !== 1) throw new UsageError('explain takes one rule name: persona-lint explain parameterized-queries');
        io.stdout(explainRule(rest[0]!));
        return 0;
      case 'init':
        io.stdout(initConfig(io.cwd, values.force === true));
        return 0;
      default:
        return await lintCommand(values, positionals, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`persona-lint: ${error.message}\nRun persona-lint --help for usage.\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr(`persona-lint: ${error.message}\n`);
      return 2;
    }
    io.stderr(`persona-lint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nPlease report it with the command you ran.\n`);
    return 2;
  }
}
