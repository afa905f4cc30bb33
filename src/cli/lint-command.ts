import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { PersonaConfigs } from '../config/load.js';
import { PersonaDocuments, personaChooser } from '../config/persona.js';
import { resolveConfig } from '../config/resolve.js';
import { PRESETS } from '../config/schema.js';
import { PACKAGE_JSON } from '../package-root.js';
import { formatGithub, githubJobSummary } from '../report/github.js';
import { formatGitlab } from '../report/gitlab.js';
import { formatSarif } from '../report/sarif.js';
import { formatStylish } from '../report/stylish.js';
import type { LintResult, ReportContext } from '../report/types.js';
import { rules } from '../rules.js';
import { applySuppressions, DEFAULT_SUPPRESSIONS_FILE, pruneSuppressions, readSuppressions, suppressAll, writeSuppressions } from './baseline.js';
import { UsageError } from './errors.js';
import { skippedNotes } from './files.js';
import { gitTopLevel } from './git.js';
import { lintProject, type LintRun, type Mode, type ProjectChecks } from './lint.js';
import { prepareOutputFile, writeOutputFile } from './output.js';
import { shownPath } from './paths.js';
import { withCounts } from './results.js';
import { choice, colorFor, type Io, type Values } from './run.js';

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'gitlab'] as const;
type Format = (typeof FORMATS)[number];

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function maxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/u.test(value)) throw new UsageError(`--max-warnings must be a whole number, not "${value}"`, true);
  return Number(value);
}

function checkCombinations(values: Values): void {
  const together = (first: string, second: string) => new UsageError(`${first} and ${second} cannot be used together`, true);
  if (values.staged && values.diff !== undefined) throw together('--staged', '--diff');
  if (values['no-project-checks'] && values['project-checks-only']) throw together('--no-project-checks', '--project-checks-only');
  if (values.color && values['no-color']) throw together('--color', '--no-color');
  if (values['cache-location'] !== undefined && !values.cache) throw new UsageError('--cache-location needs --cache', true);
  const baseline = values['suppress-all'] || values['suppress-rule'] || values['prune-suppressions'];
  if (baseline && (values.staged || values.diff !== undefined)) throw new UsageError('baselines are written from a full run, not with --staged or --diff', true);
}

/** `--suppress-rule` names, as full rule ids; an unknown rule is a mistake, not an empty baseline. */
function suppressedRules(names: readonly string[] | undefined): string[] | undefined {
  return names?.map((name) => {
    const ruleName = name.replace(/^persona\//u, '');
    if (!(ruleName in rules)) throw new UsageError(`--suppress-rule ${name}: no such rule; the rules are ${Object.keys(rules).join(', ')}`, true);
    return `persona/${ruleName}`;
  });
}

function format(name: Format, results: LintResult[], context: ReportContext, color: boolean): string {
  switch (name) {
    case 'sarif':
      return formatSarif(results, context);
    case 'github':
      return formatGithub(results, context);
    case 'gitlab':
      return formatGitlab(results, context);
    case 'json':
      // ESLint's own JSON format.
      return `${JSON.stringify(results)}\n`;
    default:
      return formatStylish(results, color);
  }
}

/**
 * ESLint's cache file of a project: one file per project (a monorepo's packages are linted by
 * separate ESLint instances, which must not overwrite each other's cache).
 */
function cacheFileFor(values: Values, cwd: string): ((root: string) => string) | undefined {
  if (!values.cache) return undefined;
  return (root) => {
    const folder = values['cache-location']
      ? resolve(cwd, values['cache-location'])
      : existsSync(join(root, 'node_modules'))
        ? join(root, 'node_modules', '.cache', 'persona-lint')
        : join(root, '.persona-lint-cache');
    const file = join(folder, `${basename(root)}-${createHash('sha256').update(root).digest('hex').slice(0, 8)}.json`);
    prepareOutputFile(file, 'the cache');
    return file;
  };
}

/** "checked 12 files with 10 rules and 6 project checks in 1.4 s: 3 errors, 1 warning; 2 errors accepted by eslint-suppressions.json". */
function summaryLine(run: LintRun, results: readonly LintResult[], seconds: number, suppressed: number, suppressionsFile: string, cwd: string): string {
  // Projects where something ran: a staged run also looks at projects whose files did not change.
  const projects = run.projects.filter((project) => project.files > 0 || project.projectChecks.length > 0);
  const files = projects.reduce((sum, project) => sum + project.files, 0);
  const rulesRun = new Set(projects.flatMap((project) => project.rules)).size;
  const checks = new Set(projects.flatMap((project) => project.projectChecks)).size;
  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  const where = projects.length > 1 ? ` in ${plural(projects.length, 'project')}` : '';
  const outcome = errors + warnings === 0 ? 'no problems' : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  const accepted = suppressed > 0 ? `; ${plural(suppressed, 'error')} accepted by ${shownPath(suppressionsFile, cwd)}` : '';
  return `persona-lint: checked ${plural(files, 'file')}${where} with ${plural(rulesRun, 'rule')} and ${plural(checks, 'project check')} in ${seconds.toFixed(1)} s: ${outcome}${accepted}\n`;
}

export async function lintCommand(values: Values, paths: readonly string[], io: Io): Promise<number> {
  const started = io.startedAt ?? performance.now();
  checkCombinations(values);
  const { cwd } = io;
  const formatName = choice(values.format, FORMATS, '--format') ?? 'stylish';
  const preset = choice(values.preset, PRESETS, '--preset');
  const warningLimit = maxWarnings(values['max-warnings']);
  const onlyRules = suppressedRules(values['suppress-rule']);
  // Where the results go is checked before any work: a mistake there must not cost a whole run.
  const outputFile = values['output-file'] === undefined ? undefined : resolve(cwd, values['output-file']);
  if (outputFile) prepareOutputFile(outputFile, 'the report');
  const jobSummary = formatName === 'github' ? io.env.GITHUB_STEP_SUMMARY : undefined;
  if (jobSummary) prepareOutputFile(jobSummary, 'the job summary ($GITHUB_STEP_SUMMARY)');
  const namedSuppressions = values['suppressions-location'] === undefined ? undefined : resolve(cwd, values['suppressions-location']);
  if (namedSuppressions && (values['suppress-all'] || onlyRules || values['prune-suppressions'])) prepareOutputFile(namedSuppressions, 'the suppressions file');

  const configs = new PersonaConfigs(cwd, values.config === undefined ? undefined : resolve(cwd, values.config));
  const documents = new PersonaDocuments(cwd);
  const personaOf = personaChooser(documents, cwd, { persona: values.persona, preset });
  const mode: Mode = values.staged ? { kind: 'staged' } : values.diff !== undefined ? { kind: 'diff', ref: values.diff } : { kind: 'files' };
  const projectChecks: ProjectChecks = values['no-project-checks'] ? 'off' : values['project-checks-only'] ? 'only' : 'on';
  // Progress only for a person watching a terminal: nothing in CI or when stderr is piped.
  const showStatus = io.interactive && !io.env.CI;
  const onStatus = showStatus ? (status: string) => io.stderr(`\r\u001b[Kpersona-lint: ${status}`) : undefined;
  const run = await lintProject({
    cwd,
    paths,
    mode,
    projectChecks,
    configOf: async (root, ceiling) => {
      const loaded = await configs.forProject(root, ceiling);
      return { config: resolveConfig(loaded.config, preset, personaOf(loaded)), file: loaded.file };
    },
    cacheFile: cacheFileFor(values, cwd),
    onStatus,
  });
  if (showStatus) io.stderr('\r\u001b[K');

  // The baseline is in the root of the run's project unless named.
  const suppressionsFile = namedSuppressions ?? join(run.base, DEFAULT_SUPPRESSIONS_FILE);
  let suppressions = readSuppressions(suppressionsFile);
  if (values['suppress-all'] || onlyRules) {
    suppressions = suppressAll(run.results, suppressions, run.base, onlyRules);
    writeSuppressions(suppressionsFile, suppressions);
    const accepted = run.results.flatMap((result) => result.messages.filter((message) => message.severity === 2 && message.ruleId && (!onlyRules || onlyRules.includes(message.ruleId))).map((message) => ({ file: result.filePath, rule: message.ruleId })));
    const ruleCount = new Set(accepted.map((entry) => entry.rule)).size;
    const fileCount = new Set(accepted.map((entry) => entry.file)).size;
    io.stderr(`persona-lint: accepted ${plural(accepted.length, 'error')} of ${plural(ruleCount, 'rule')} in ${plural(fileCount, 'file')} into ${shownPath(suppressionsFile, cwd)}; commit it, and later runs fail only on new errors\n`);
  }
  const applied = applySuppressions(run.results, suppressions, run.base);
  const suppressed = run.results.reduce((sum, result) => sum + result.errorCount, 0) - applied.results.reduce((sum, result) => sum + result.errorCount, 0);
  if (values['prune-suppressions']) writeSuppressions(suppressionsFile, pruneSuppressions(suppressions, applied.unused, run.base));
  else if (Object.keys(applied.unused).length > 0) {
    io.stderr(`persona-lint: ${shownPath(suppressionsFile, cwd)} accepts findings that no longer occur; run persona-lint --prune-suppressions to update it\n`);
  }
  // --quiet: errors only, as ESLint's.
  const results = values.quiet ? applied.results.map((result) => withCounts(result, result.messages.filter((message) => message.severity === 2))) : applied.results;

  const context: ReportContext = { cwd: gitTopLevel(run.base) ?? run.base, rulesMeta: run.rulesMeta, sourceOf: run.sourceOf, toolVersion: PACKAGE_JSON.version };
  const color = colorFor(values, outputFile === undefined && io.stdoutIsTerminal === true, io.env);
  const report = format(formatName, results, context, color && outputFile === undefined);
  if (outputFile === undefined) io.stdout(report);
  else writeOutputFile(outputFile, report, 'the report');
  if (jobSummary) writeOutputFile(jobSummary, githubJobSummary(results, context), 'the job summary ($GITHUB_STEP_SUMMARY)', true);

  // A document that states nothing persona-lint checks would make a clean run of nothing: say so.
  const silent = documents
    .all()
    .filter((persona) => Object.keys(persona.rules).length === 0)
    .map((persona) => `${shownPath(persona.file, cwd)} states no standard persona-lint checks, so only the rules the configuration turns on ran (persona-lint persona ${shownPath(persona.file, cwd)} shows how it was read)`);
  for (const note of [...run.notes, ...silent, ...skippedNotes(run.skipped, (file) => shownPath(file, cwd))]) io.stderr(`persona-lint: ${note}\n`);
  for (const problem of run.internalErrors) io.stderr(`persona-lint: internal error: ${problem}\n`);
  if ((io.interactive || io.env.CI) && !values.quiet) {
    io.stderr(summaryLine(run, results, (performance.now() - started) / 1000, suppressed, suppressionsFile, cwd));
  }
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
