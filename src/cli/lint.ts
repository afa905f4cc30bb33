import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter, type Rule } from 'eslint';
import { isProjectSource, isSource, listSourceFiles, type SkippedFile } from '../analyzer/project.js';
import { isPersonaConfigFile } from '../config/files.js';
import type { ResolvedConfig } from '../config/resolve.js';
import plugin from '../index.js';
import { LINTED_FILES } from '../linted-files.js';
import { quoteStatements } from '../persona/quote.js';
import { PROJECT_CHECK_SETUP } from '../project-rule.js';
import type { LintMessage, LintResult, RuleMeta } from '../report/types.js';
import { UsageError } from './errors.js';
import { checkableTargets, examinePath, gitignorePatterns, lintTargets, skippedToReport, withoutIgnored } from './files.js';
import { changedLinesSince, gitIgnored, gitTopLevel, indexFiles, requireGit, stagedFiles, stagedText, unstagedFiles, type ChangedLines } from './git.js';
import { isWithin, shownPath } from './paths.js';
import { startAnalysis, type AnalysisResult, type FindingsByFile } from './project-analysis.js';
import { commonFolder, ProjectRoots } from './projects.js';
import { failedResult, mergedResult, withCounts } from './results.js';

export type Mode = { readonly kind: 'files' } | { readonly kind: 'staged' } | { readonly kind: 'diff'; readonly ref: string };
export type ProjectChecks = 'on' | 'off' | 'only';

/** The configuration of one project: its effective settings and the file they came from. */
export interface ProjectConfig {
  readonly config: ResolvedConfig;
  /** Absolute; undefined when the project has none. Its folder is where its ignore globs start. */
  readonly file: string | undefined;
}

export interface LintRequest {
  /** The folder persona-lint runs in: named paths are relative to it. */
  readonly cwd: string;
  /** Files and folders named on the command line; none stands for the project of `cwd`. */
  readonly paths: readonly string[];
  readonly mode: Mode;
  readonly projectChecks: ProjectChecks;
  /** The configuration of the project at a root (the `ceiling` is where a lookup upward stops). */
  readonly configOf: (root: string, ceiling: string | undefined) => Promise<ProjectConfig>;
  /** ESLint's cache file for a project, when caching is on. */
  readonly cacheFile?: (root: string) => string;
  /** Progress for a terminal: what the run is doing now. */
  readonly onStatus?: (status: string) => void;
}

/** One project of a run: its root, its configuration, and what was checked in it. */
export interface LintedProject {
  readonly root: string;
  readonly configFile: string | undefined;
  readonly preset: string;
  /** Files linted with the per-file rules. */
  readonly files: number;
  /** The per-file rules and the project checks that ran, by full id. */
  readonly rules: readonly string[];
  readonly projectChecks: readonly string[];
}

export interface LintRun {
  readonly results: LintResult[];
  readonly rulesMeta: Readonly<Record<string, RuleMeta>>;
  readonly sourceOf: (filePath: string) => string | undefined;
  /** Files a rule crashed on. They are in the results too; the run ends with exit code 2. */
  readonly internalErrors: readonly string[];
  /** Files left out, and why (too large, binary, unreadable, ...): the CLI lists them on stderr. */
  readonly skipped: readonly SkippedFile[];
  readonly projects: readonly LintedProject[];
  /** What the run did not do, for stderr: named files an ignore setting leaves out, an empty project. */
  readonly notes: readonly string[];
  /** The folder the run is about: the root of its project, or the folder that holds its projects. */
  readonly base: string;
}

const BATCH_SIZE = 50;
const PROJECT_CHECKS = new Set(Object.keys(PROJECT_CHECK_SETUP));
const ruleName = (ruleId: string) => ruleId.replace(/^persona\//u, '');

/** A project rule that reports the findings of the one analysis the CLI ran, in the file ESLint is linting. */
function replayRule(name: string, findings: FindingsByFile): Rule.RuleModule {
  return {
    meta: plugin.rules[name as keyof typeof plugin.rules].meta as unknown as Rule.RuleMetaData,
    create(context) {
      return {
        Program() {
          for (const { ruleName: findingRule, finding } of findings.get(context.filename) ?? []) {
            if (findingRule !== name) continue;
            const { line, column, endLine, endColumn } = finding.location;
            context.report({ loc: { start: { line, column: column - 1 }, end: { line: endLine, column: endColumn - 1 } }, messageId: finding.messageId, data: { message: finding.message } });
          }
        },
      };
    },
  };
}

export interface EslintSetup {
  /** The folder ESLint runs in: rules see it as the working directory, ignore globs start there. */
  readonly cwd: string;
  readonly ignores: readonly string[];
  readonly rules?: Linter.RulesRecord;
  readonly pluginRules?: Record<string, Rule.RuleModule>;
  /** ESLint's cache file; no cache without one. */
  readonly cacheFile?: string;
}

export function createEslint({ cwd, ignores, rules = {}, pluginRules = {}, cacheFile }: EslintSetup): ESLint {
  return new ESLint({
    cwd,
    // The project's own ESLint config (and the plugins it needs) is not ours to load.
    overrideConfigFile: true,
    overrideConfig: [
      { ignores: [...ignores] },
      {
        files: LINTED_FILES,
        plugins: { persona: { meta: plugin.meta, rules: pluginRules } },
        languageOptions: { parser: tsParser as Linter.Parser },
        // Directives for the project's other rules are not unused just because those rules do not run here.
        linterOptions: { reportUnusedDisableDirectives: 'off' },
        rules,
      },
    ],
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
    ...(cacheFile ? { cache: true, cacheLocation: cacheFile, cacheStrategy: 'content' as const } : {}),
  });
}

/**
 * ESLint for a project: it runs in the configuration file's folder (which may be above the
 * project's root, in a monorepo), so that the configuration's ignore globs start where the file
 * is; outside git, the project's .gitignore applies too (inside, git leaves ignored files out of
 * the listing).
 */
export function projectEslint(root: string, project: ProjectConfig, setup: Omit<EslintSetup, 'cwd' | 'ignores'> = {}): ESLint {
  const configFolder = project.file === undefined ? root : dirname(project.file);
  const cwd = isWithin(root, configFolder) ? configFolder : root;
  const prefix = root === cwd ? '' : `${relative(cwd, root).split('\\').join('/').replace(/[*?[\]{}()!]/gu, '\\$&')}/`;
  const ignores = [...(gitTopLevel(root) === undefined ? gitignorePatterns(root, prefix) : []), ...project.config.ignores];
  return createEslint({ ...setup, cwd, ignores });
}

/**
 * Persona's findings and parse errors only. The project's own ESLint comments are for its own
 * ESLint: `eslint-disable-next-line unicorn/no-null` names a rule not loaded here ("Definition for
 * rule ... was not found"), an `eslint no-console: "error"` comment would turn on a core rule, and
 * an `eslint-env` comment is a fatal error in ESLint 10 though the file parsed.
 */
function ownFindings(results: LintResult[]): LintResult[] {
  const isOwn = (message: LintMessage) =>
    message.ruleId === null ? message.fatal === true && message.message.startsWith('Parsing error') : message.ruleId.startsWith('persona/');
  return results.map((result) =>
    result.messages.every(isOwn) && result.suppressedMessages.every(isOwn)
      ? result
      : withCounts({ ...result, suppressedMessages: result.suppressedMessages.filter(isOwn) }, result.messages.filter(isOwn)),
  );
}

/** Lints files in one call, or one by one when a rule throws, so that one crash loses one file. */
export async function lintSafely(eslint: ESLint, files: readonly string[], textOf: (file: string) => string | undefined, internalErrors: string[], root: string): Promise<LintResult[]> {
  const lintOne = async (file: string) => {
    const text = textOf(file);
    return ownFindings(text === undefined ? await eslint.lintFiles([file]) : await eslint.lintText(text, { filePath: file }));
  };
  // ESLint reads no files as "the whole working directory".
  if (files.length === 0) return [];
  try {
    if (files.every((file) => textOf(file) === undefined)) return ownFindings(await eslint.lintFiles([...files]));
    return (await Promise.all(files.map(lintOne))).flat();
  } catch {
    const results: LintResult[] = [];
    for (const file of files) {
      try {
        results.push(...(await lintOne(file)));
      } catch (error) {
        const detail = (error instanceof Error ? error.message : String(error)).replace(/\s+/gu, ' ').trim();
        internalErrors.push(`${relative(root, file)} was not checked: ${detail}`);
        results.push(failedResult(file, `persona-lint crashed on this file, which was not checked: ${detail}`));
      }
    }
    return results;
  }
}

function keepChangedLines(results: LintResult[], changed: ChangedLines, root: string): LintResult[] {
  return results.flatMap((result) => {
    const lines = changed.get(relative(root, result.filePath).split('\\').join('/'));
    if (!lines) return [];
    if (lines === 'all') return [result];
    const touches = (message: LintResult['messages'][number]) => {
      if (message.fatal) return true;
      for (let line = message.line; line <= (message.endLine ?? message.line); line++) if (lines.has(line)) return true;
      return false;
    };
    return [withCounts(result, result.messages.filter(touches))];
  });
}

/**
 * The files the analysis sees in staged mode: every project file in the index, with the staged
 * text of those whose working copy differs.
 */
function stagedProjectFiles(root: string, stagedContents: Map<string, string>): string[] {
  const unstaged = unstagedFiles(root);
  const files = indexFiles(root).filter((path) => isProjectSource(path)).map((path) => resolve(root, path));
  for (const file of files) {
    const path = relative(root, file).split('\\').join('/');
    if (unstaged.has(path) && !stagedContents.has(file)) stagedContents.set(file, stagedText(root, path));
  }
  return files;
}

/** The files of a project, the targets among them, and the ESLint that lints them. */
interface Group {
  readonly root: string;
  readonly project: ProjectConfig;
  readonly eslint: ESLint;
  readonly fileRules: [string, [Linter.StringSeverity, ...unknown[]]][];
  readonly projectRules: [string, [Linter.StringSeverity, ...unknown[]]][];
  targets: string[];
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Lints the requested files with the persona rules, runs the project analysis once per project,
 * and returns one list of ESLint results: per-file findings and project findings alike, with
 * directives (`eslint-disable-next-line persona/...`) applied to both. Each file is linted with
 * its own project's configuration: projects are found from the files upward (ProjectRoots).
 */
export async function lintProject(request: LintRequest): Promise<LintRun> {
  const { cwd, mode, projectChecks } = request;
  const roots = new ProjectRoots();
  const named = request.paths.length > 0;
  const scopes = (named ? request.paths : ['.']).map((path) => resolve(cwd, path));
  for (const [index, scope] of scopes.entries()) examinePath(scope, request.paths[index] ?? '.');
  // The project each named path belongs to; a file found under a path belongs to the nearest package between them.
  const bases = scopes.map((scope) => roots.of(scope));
  const scopeIndex = (file: string) => scopes.findIndex((scope) => isWithin(file, scope));
  const inScope = (file: string) => scopeIndex(file) >= 0;
  const projectOf = (file: string) => {
    const index = scopeIndex(file);
    return index < 0 ? roots.of(file) : roots.ofFileUnder(file, bases[index]!);
  };
  let top: string | undefined;
  if (mode.kind !== 'files') {
    requireGit(cwd, mode.kind === 'staged' ? '--staged' : '--diff');
    top = roots.gitTop(cwd)!;
  }

  // Staged mode reads the index, not the working tree, for the files linted and the analysis alike.
  const stagedContents = new Map<string, string>();
  const textOf = (file: string) => stagedContents.get(file);
  const changed = mode.kind === 'diff' ? changedLinesSince(top!, mode.ref) : undefined;
  const skipped: SkippedFile[] = [];
  const unmatched: string[] = [];
  const notes: string[] = [];
  /** Files the projects are made of, under the named paths; `targets` are the ones to lint among them. */
  let listed: string[];
  let targets: string[];
  if (mode.kind === 'staged') {
    listed = indexFiles(top!).filter((path) => isProjectSource(path)).map((path) => resolve(top!, path)).filter(inScope);
    const staged = stagedFiles(top!).map((path) => resolve(top!, path)).filter(inScope);
    // A staged persona configuration changes the result of every file it configures.
    const reconfigured = staged.filter((file) => isPersonaConfigFile(file)).map((file) => dirname(file));
    targets = [...new Set([...staged.filter((file) => isSource(file)), ...listed.filter((file) => reconfigured.some((folder) => isWithin(file, folder)))])].sort();
    for (const file of targets) stagedContents.set(file, stagedText(top!, relative(top!, file)));
  } else if (changed) {
    targets = [...changed.keys()].filter((path) => isProjectSource(path)).map((path) => resolve(top!, path)).filter(inScope);
    listed = targets;
  } else {
    const found = new Set<string>();
    for (const [index, scope] of scopes.entries()) {
      // A persona configuration named on the command line (a hook passes it when it changes) stands for the files it configures.
      const files = statSync(scope).isFile() && isPersonaConfigFile(scope) ? lintTargets(dirname(scope), skipped) : lintTargets(scope, skipped);
      if (files.length === 0 && named && !skipped.some((entry) => isWithin(entry.file, scope))) {
        const path = request.paths[index]!;
        unmatched.push(statSync(scope).isDirectory() ? `${path} has no JavaScript or TypeScript files` : `${path} is not a JavaScript or TypeScript file`);
      }
      for (const file of files) found.add(file);
    }
    listed = [...found].sort();
    // A file named explicitly is listed even when .gitignore leaves it out: say so instead of linting it.
    const namedFiles = scopes.filter((scope) => found.has(scope));
    const top = roots.gitTop(cwd);
    const gitignored = top === undefined ? new Set<string>() : gitIgnored(top, namedFiles);
    for (const file of gitignored) notes.push(`${shownPath(file, cwd)} is left out by .gitignore; it was not linted`);
    listed = listed.filter((file) => !gitignored.has(file));
    targets = listed;
  }

  // One group per project, with its configuration and its own ESLint.
  const groups = new Map<string, Group>();
  const groupOf = async (file: string): Promise<Group> => {
    const root = projectOf(file);
    let group = groups.get(root);
    if (!group) {
      const project = await request.configOf(root, roots.gitTop(root));
      const enabled = Object.entries(project.config.rules).filter(([ruleId]) => projectChecks !== 'off' || !PROJECT_CHECKS.has(ruleName(ruleId)));
      const fileRules = enabled.filter(([ruleId]) => !PROJECT_CHECKS.has(ruleName(ruleId)) && projectChecks !== 'only');
      const projectRules = enabled.filter(([ruleId]) => PROJECT_CHECKS.has(ruleName(ruleId)));
      const eslint = projectEslint(root, project, {
        rules: Object.fromEntries(fileRules),
        pluginRules: plugin.rules as unknown as Record<string, Rule.RuleModule>,
        cacheFile: mode.kind === 'files' ? request.cacheFile?.(root) : undefined,
      });
      group = { root, project, eslint, fileRules, projectRules, targets: [] };
      groups.set(root, group);
    }
    return group;
  };
  // Without project checks, only the projects of the files to lint matter.
  for (const file of projectChecks === 'off' ? targets : listed) await groupOf(file);
  for (const entry of skipped) await groupOf(entry.file);
  const linted = new Set<string>();
  for (const group of groups.values()) {
    const mine = targets.filter((file) => projectOf(file) === group.root);
    group.targets = await withoutIgnored(group.eslint, mine);
    for (const file of group.targets) linted.add(file);
    for (const file of mine) {
      if (named && scopes.includes(file) && !linted.has(file)) {
        const setting = group.project.file ? `the ignore setting of ${shownPath(group.project.file, cwd)}` : '.gitignore';
        notes.push(`${shownPath(file, cwd)} is left out by ${setting}; it was not linted`);
      }
    }
  }
  // A named folder whose every file is ignored matched nothing either.
  for (const [index, scope] of scopes.entries()) {
    const inside = targets.filter((file) => isWithin(file, scope));
    if (named && statSync(scope).isDirectory() && inside.length > 0 && !inside.some((file) => linted.has(file))) {
      unmatched.push(`every file in ${request.paths[index]} is left out by an ignore setting`);
    }
  }
  if (unmatched.length > 0) throw new UsageError(`nothing to lint: ${unmatched.join('; ')}`);
  if (projectChecks === 'only' && groups.size > 0 && [...groups.values()].every((group) => group.projectRules.length === 0)) {
    const sources = [...new Set([...groups.values()].map(({ project: { config } }) => (config.persona ? `persona document ${shownPath(config.persona.file, cwd)}` : `${config.preset} preset`)))];
    throw new UsageError(`--project-checks-only: no project check is on (${sources.join(', ')}); use --preset strict or turn one on in the configuration`);
  }
  if (!named && mode.kind === 'files' && listed.length === 0) notes.push(`no JavaScript or TypeScript files to lint in ${shownPath(bases[0]!, cwd)}`);

  const internalErrors: string[] = [];
  const results: LintResult[] = [];
  const rulesMeta: Record<string, RuleMeta> = {};
  const projects: LintedProject[] = [];
  const total = [...groups.values()].reduce((sum, group) => sum + (projectChecks === 'only' ? 0 : group.targets.length), 0);
  let done = 0;
  for (const group of groups.values()) {
    const { root, project, eslint, fileRules, projectRules } = group;
    const groupTargets = projectChecks === 'only' ? [] : checkableTargets(group.targets, skipped, textOf);
    for (const [ruleId] of [...fileRules, ...projectRules]) rulesMeta[ruleId] = plugin.rules[ruleName(ruleId) as keyof typeof plugin.rules].meta as RuleMeta;

    // The analysis runs beside the lint; its findings are then replayed through ESLint in the files
    // they belong to, so that directives apply to them as to any finding.
    let analysis: Promise<AnalysisResult> | undefined;
    if (projectRules.length > 0) {
      const ownFiles = (mode.kind === 'staged' ? stagedProjectFiles(root, stagedContents) : listSourceFiles(root)).filter((file) => roots.ofFileUnder(file, root) === root);
      analysis = startAnalysis({
        root,
        checks: projectRules.map(([ruleId, [, options]]) => [ruleName(ruleId), options] as const),
        middleware: project.config.middleware,
        files: await withoutIgnored(eslint, ownFiles),
        contents: stagedContents,
      });
    }

    const groupResults: LintResult[] = [];
    for (let start = 0; start < groupTargets.length; start += BATCH_SIZE) {
      groupResults.push(...(await lintSafely(eslint, groupTargets.slice(start, start + BATCH_SIZE), textOf, internalErrors, root)));
      done += Math.min(BATCH_SIZE, groupTargets.length - start);
      request.onStatus?.(`linted ${done} of ${plural(total, 'file')}`);
    }
    if (analysis) {
      request.onStatus?.(groups.size === 1 ? 'analyzing the project' : `analyzing ${shownPath(root, cwd)}`);
      const analyzed = await analysis;
      internalErrors.push(...analyzed.failures.map((failure) => `project analysis: ${failure}`));
      skipped.push(...analyzed.skipped);
      // Linted files that did not parse have their error already; the rest get their project findings.
      const linted = new Map(groupResults.map((result, index) => [result.filePath, index]));
      const replayed = [...analyzed.findings.keys()].filter((file) => {
        const index = linted.get(file);
        return index === undefined ? mode.kind === 'staged' || inScope(file) : groupResults[index]!.fatalErrorCount === 0;
      });
      const replayRules = Object.fromEntries(projectRules.map(([ruleId]) => [ruleName(ruleId), replayRule(ruleName(ruleId), analyzed.findings)]));
      const projectOnly = projectEslint(root, project, { rules: Object.fromEntries(projectRules), pluginRules: replayRules });
      for (const result of await lintSafely(projectOnly, replayed, textOf, internalErrors, root)) {
        const index = linted.get(result.filePath);
        if (index === undefined) groupResults.push(result);
        else groupResults[index] = mergedResult(groupResults[index]!, result);
      }
    }
    // Under a persona document, each finding quotes the team's statement it enforces.
    const { persona } = project.config;
    results.push(...(persona ? quoteStatements(groupResults, persona, shownPath(persona.file, cwd)) : groupResults));
    projects.push({
      root,
      configFile: project.file,
      preset: project.config.preset,
      files: groupTargets.length,
      rules: fileRules.map(([ruleId]) => ruleId),
      projectChecks: projectRules.map(([ruleId]) => ruleId),
    });
  }

  const sourceCache = new Map<string, string | undefined>();
  const sourceOf = (file: string) => {
    if (stagedContents.has(file)) return stagedContents.get(file);
    if (!sourceCache.has(file)) {
      try {
        sourceCache.set(file, readFileSync(file, 'utf8'));
      } catch {
        sourceCache.set(file, undefined);
      }
    }
    return sourceCache.get(file);
  };
  // Skipped files that an ignore setting leaves out anyway are not worth a note.
  const reported: SkippedFile[] = [];
  for (const group of groups.values()) reported.push(...(await skippedToReport(group.eslint, skipped.filter((entry) => projectOf(entry.file) === group.root))));
  const ordered = results.sort((first, second) => first.filePath.localeCompare(second.filePath));
  const base = groups.size > 0 ? commonFolder([...groups.keys()]) : bases.length > 0 ? commonFolder(bases) : cwd;
  return {
    results: changed ? keepChangedLines(ordered, changed, top!) : ordered,
    rulesMeta,
    sourceOf,
    internalErrors,
    skipped: reported.sort((first, second) => first.file.localeCompare(second.file)),
    projects,
    notes,
    base,
  };
}
