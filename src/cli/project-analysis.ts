import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { workerAnswer } from '../analyzer/analysis-answer.js';
import { analyzeProject, type ProjectCheckId, type ProjectFinding } from '../analyzer/index.js';
import type { MiddlewareNames } from '../analyzer/middleware.js';
import { loadProject, type SkippedFile } from '../analyzer/project.js';
import { groupByProject } from '../analyzer/roots.js';
import { PROJECT_CHECK_SETUP, type ProjectRuleOptions } from '../project-rule.js';

export type FindingsByFile = Map<string, { ruleName: string; finding: ProjectFinding }[]>;

/** What the analysis needs: plain data, so that it can cross to a worker thread. */
export interface AnalysisRequest {
  /** The folder being linted: the project root of files that have no package.json or git work tree above them. */
  readonly root: string;
  /** The project checks that are on, by rule name, with their options. */
  readonly checks: readonly (readonly [string, unknown])[];
  /** Middleware names from the config's catalog. */
  readonly middleware: MiddlewareNames;
  readonly files: readonly string[];
  /** Texts that replace the files on disk (the staged versions). */
  readonly contents: ReadonlyMap<string, string>;
}

export interface AnalysisResult {
  readonly findings: FindingsByFile;
  /** Scans that threw: the run cannot pass. */
  readonly failures: readonly string[];
  /** Files the analysis could not read or left out. */
  readonly skipped: readonly SkippedFile[];
}

/** Runs the project analysis and keeps only what the lint needs: the project is garbage once it returns. */
export function analyzeForReplay(request: AnalysisRequest): AnalysisResult {
  const { checks, middleware, contents } = request;
  const skipped: SkippedFile[] = [];
  const failures: string[] = [];
  const setups = checks.map(([name, options]) => ({ name, ...PROJECT_CHECK_SETUP[name as ProjectCheckId]((options ?? {}) as ProjectRuleOptions) }));
  const names = (kind: keyof MiddlewareNames) => [...middleware[kind], ...setups.flatMap((setup) => setup.middleware[kind] ?? [])];
  const findings: FindingsByFile = new Map();
  // One analysis per project: each package of a monorepo is a backend of its own.
  for (const [root, { files }] of groupByProject(request.files, request.root)) {
    const project = loadProject(root, { files, contents, skipped });
    const analysis = analyzeProject(root, {
      project,
      middleware: { auth: names('auth'), validation: names('validation'), rateLimit: names('rateLimit'), securityHeaders: names('securityHeaders') },
    });
    failures.push(...analysis.failures);
    for (const setup of setups) {
      for (const finding of analysis.check(setup.name as ProjectCheckId, setup.options)) {
        const file = resolve(root, finding.location.file);
        findings.set(file, [...(findings.get(file) ?? []), { ruleName: setup.name, finding }]);
      }
    }
  }
  return { findings, failures, skipped };
}

const WORKER = fileURLToPath(new URL('./analysis-worker.js', import.meta.url));

/**
 * Runs the analysis on a worker thread, so that it overlaps the lint on a second core and its heap
 * (every file's syntax tree) is freed at once when it ends. Where the worker is not built (the
 * sources run by the tests), it runs here. An analysis that throws, or a worker that dies, is a
 * failure of the run, not a lost run.
 */
export function startAnalysis(request: AnalysisRequest): Promise<AnalysisResult> {
  const stopped = (why: string): AnalysisResult => ({ findings: new Map(), failures: [`the analysis stopped (${why}); no project check ran`], skipped: [] });
  if (!existsSync(WORKER)) {
    return Promise.resolve()
      .then(() => analyzeForReplay(request))
      .catch((error: unknown) => stopped(error instanceof Error ? error.message : String(error)));
  }
  return workerAnswer(new Worker(WORKER, { workerData: request }), stopped);
}
