import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter, type Rule } from 'eslint';
import { isProjectSource, isSource, listSourceFiles, type SkippedFile } from '../analyzer/project.js';
import type { ResolvedConfig } from '../config/resolve.js';
import plugin from '../index.js';
import { LINTED_FILES } from '../linted-files.js';
import { PROJECT_CHECK_SETUP } from '../project-rule.js';
import type { LintMessage, LintResult, RuleMeta } from '../report/types.js';
import { checkableTargets, gitignorePatterns, isWithin, lintTargets, skippedToReport, withoutIgnored } from './files.js';
import { changedLinesSince, gitTopLevel, indexFiles, requireGit, stagedFiles, stagedText, unstagedFiles, type ChangedLines } from './git.js';
import { startAnalysis, type AnalysisResult, type FindingsByFile } from './project-analysis.js';
import { failedResult, mergedResult, withCounts } from './results.js';

export type Mode = { readonly kind: 'files' } | { readonly kind: 'staged' } | { readonly kind: 'diff'; readonly ref: string };
export type ProjectChecks = 'on' | 'off' | 'only';

export interface LintRequest {
  /** The project root: the analyzer runs here, ignore globs and suppressions are relative to it. */
  readonly root: string;
  /** Files and folders to lint, relative to `root` or absolute. */
  readonly paths: readonly string[];
  readonly config: ResolvedConfig;
  readonly mode: Mode;
  readonly projectChecks: ProjectChecks;
  /** Progress for a terminal: what the run is doing now. */
  readonly onStatus?: (status: string) => void;
}

export interface LintRun {
  readonly results: LintResult[];
  readonly rulesMeta: Readonly<Record<string, RuleMeta>>;
  readonly sourceOf: (filePath: string) => string | undefined;
  /** Files a rule crashed on. They are in the results too; the run ends with exit code 2. */
  readonly internalErrors: readonly string[];
  /** Files left out, and why (too large, binary, unreadable, ...): the CLI lists them on stderr. */
  readonly skipped: readonly SkippedFile[];
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

export function createEslint(root: string, ignores: readonly string[], rules: Linter.RulesRecord = {}, pluginRules: Record<string, Rule.RuleModule> = {}): ESLint {
  return new ESLint({
    cwd: root,
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
  });
}

/** The configuration's ignore globs, and the root .gitignore where git does not apply it. */
export function ignorePatterns(root: string, config: ResolvedConfig): string[] {
  return [...(gitTopLevel(root) === undefined ? gitignorePatterns(root) : []), ...config.ignores];
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

/**
 * Lints the requested files with the persona rules, runs the project analysis once, and returns
 * one list of ESLint results: per-file findings and project findings alike, with directives
 * (`eslint-disable-next-line persona/...`) applied to both.
 */
export async function lintProject(request: LintRequest): Promise<LintRun> {
  const { root, config, mode, projectChecks } = request;
  if (mode.kind !== 'files') requireGit(root, mode.kind === 'staged' ? '--staged' : '--diff');
  const ignores = ignorePatterns(root, config);
  const enabled = Object.entries(config.rules).filter(([ruleId]) => projectChecks !== 'off' || !PROJECT_CHECKS.has(ruleName(ruleId)));
  const fileRules = enabled.filter(([ruleId]) => !PROJECT_CHECKS.has(ruleName(ruleId)) && projectChecks !== 'only');
  const projectRules = enabled.filter(([ruleId]) => PROJECT_CHECKS.has(ruleName(ruleId)));

  // Staged mode reads the index, not the working tree, for the files linted and the analysis alike.
  const stagedContents = new Map<string, string>();
  const textOf = (file: string) => stagedContents.get(file);
  const changed = mode.kind === 'diff' ? changedLinesSince(root, mode.ref) : undefined;
  const scopes = request.paths.map((path) => resolve(root, path));
  const inScope = (file: string) => scopes.some((scope) => isWithin(file, scope));
  const skipped: SkippedFile[] = [];
  let targets: string[];
  if (mode.kind === 'staged') {
    targets = stagedFiles(root).filter((path) => isSource(path)).map((path) => resolve(root, path)).filter(inScope);
    for (const file of targets) stagedContents.set(file, stagedText(root, relative(root, file)));
  } else if (changed) {
    targets = [...changed.keys()].filter((path) => isProjectSource(path)).map((path) => resolve(root, path)).filter(inScope);
  } else {
    targets = lintTargets(request.paths, root, skipped);
  }
  targets = projectChecks === 'only' ? [] : checkableTargets(targets, skipped, textOf);

  const rulesMeta: Record<string, RuleMeta> = Object.fromEntries(
    enabled.map(([ruleId]) => [ruleId, plugin.rules[ruleName(ruleId) as keyof typeof plugin.rules].meta as RuleMeta]),
  );
  const internalErrors: string[] = [];
  const eslint = createEslint(root, ignores, Object.fromEntries(fileRules), plugin.rules as unknown as Record<string, Rule.RuleModule>);

  // The analysis runs beside the lint; its findings are then replayed through ESLint in the files
  // they belong to, so that directives apply to them as to any finding.
  let analysis: Promise<AnalysisResult> | undefined;
  if (projectRules.length > 0) {
    const projectFiles = mode.kind === 'staged' ? stagedProjectFiles(root, stagedContents) : listSourceFiles(root);
    analysis = startAnalysis({
      root,
      checks: projectRules.map(([ruleId, [, options]]) => [ruleName(ruleId), options] as const),
      middleware: config.middleware,
      files: await withoutIgnored(eslint, projectFiles),
      contents: stagedContents,
    });
  }

  const results: LintResult[] = [];
  for (let start = 0; start < targets.length; start += BATCH_SIZE) {
    results.push(...(await lintSafely(eslint, targets.slice(start, start + BATCH_SIZE), textOf, internalErrors, root)));
    request.onStatus?.(`linted ${Math.min(start + BATCH_SIZE, targets.length)} of ${targets.length} files`);
  }
  if (analysis) {
    request.onStatus?.('analyzing the project');
    const analyzed = await analysis;
    internalErrors.push(...analyzed.failures.map((failure) => `project analysis: ${failure}`));
    skipped.push(...analyzed.skipped);
    // Linted files that did not parse have their error already; the rest get their project findings.
    const linted = new Map(results.map((result, index) => [result.filePath, index]));
    const replayed = [...analyzed.findings.keys()].filter((file) => {
      const index = linted.get(file);
      return index === undefined ? mode.kind === 'staged' || inScope(file) : results[index]!.fatalErrorCount === 0;
    });
    const replayRules = Object.fromEntries(projectRules.map(([ruleId]) => [ruleName(ruleId), replayRule(ruleName(ruleId), analyzed.findings)]));
    const projectOnly = createEslint(root, ignores, Object.fromEntries(projectRules), replayRules);
    for (const result of await lintSafely(projectOnly, replayed, textOf, internalErrors, root)) {
      const index = linted.get(result.filePath);
      if (index === undefined) results.push(result);
      else results[index] = mergedResult(results[index]!, result);
    }
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
  const ordered = results.sort((first, second) => first.filePath.localeCompare(second.filePath));
  return { results: changed ? keepChangedLines(ordered, changed, root) : ordered, rulesMeta, sourceOf, internalErrors, skipped: await skippedToReport(eslint, skipped) };
}
