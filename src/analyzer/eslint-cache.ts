import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Project } from 'ts-morph';
import { analyzeOnThread } from './analysis-thread.js';
import { analyzeProject, failedAnalysis, type Analysis, type AnalyzeOptions } from './index.js';
import { loadProject } from './project.js';
import { projectRootOf } from './roots.js';

/**
 * One analysis per project root and middleware configuration for the whole ESLint run, so that
 * each project rule costs one analysis, not one per file. The first one runs on a worker thread
 * (see analysis-thread.ts), whose heap holds the loaded project and is freed when it ends: a
 * command-line run lints each file once, as it is on disk. When a file being linted differs from
 * what the analysis saw (an editor buffer), the project is loaded here with that text, analysed
 * again, and kept from then on, so that each later edit parses one file, not the project.
 */
interface Entry {
  analysis: Analysis;
  /** Kept once an editor buffer has been seen. */
  project: Project | undefined;
  /** The texts the analysis saw instead of the files on disk. */
  readonly buffers: Map<string, string>;
  /** The file being linted when the analysis was made: its failures are reported there, once. */
  readonly firstFile: string;
}

const entries = new Map<string, Entry>();

/**
 * The file last asked about, its project and whether its text is the one the analysis saw: every
 * project rule asks for the same file in turn, and finding the project and comparing the text read the disk.
 */
let lastFile: { readonly absolute: string; readonly cwd: string | undefined; readonly root: string; compared?: { readonly entry: Entry; readonly text: string } } | undefined;

/** A file's text as ESLint gives it to rules (without a byte order mark). */
function diskText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/u, '');
  } catch {
    return undefined;
  }
}

/** The analysis made on this thread. One that throws is an analysis that failed, not a crash of the whole lint. */
function analyzedHere(root: string, middleware: AnalyzeOptions['middleware'], project?: Project): Analysis {
  try {
    return analyzeProject(root, { project: project ?? loadProject(root), middleware });
  } catch (error) {
    return failedAnalysis(root, `the analysis failed (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * The analysis of the project a file belongs to (the nearest package.json, else the git work
 * tree, else ESLint's working folder), the file's path in it, and whether the analysis' failures
 * are to be reported in this file.
 */
export function analysisFor(
  filename: string,
  text: string,
  middleware: AnalyzeOptions['middleware'] = {},
  cwd?: string,
): { analysis: Analysis; file: string; reportsFailures: boolean } {
  // ESLint's Linter API may give a path relative to its working folder.
  const absolute = resolve(cwd ?? process.cwd(), filename);
  if (lastFile?.absolute !== absolute || lastFile.cwd !== cwd) lastFile = { absolute, cwd, root: projectRootOf(absolute, cwd).root };
  const { root } = lastFile;
  // Every project rule shares one analysis unless it names its own middleware.
  const names = { auth: [], validation: [], rateLimit: [], securityHeaders: [], ...middleware };
  const key = `${root}\0${JSON.stringify(names)}`;
  let entry = entries.get(key);
  if (!entry) {
    const analysis = analyzeOnThread(root, middleware) ?? analyzedHere(root, middleware);
    entry = { analysis, project: undefined, buffers: new Map(), firstFile: absolute };
    entries.set(key, entry);
  }
  const compared = lastFile.compared?.entry === entry && lastFile.compared.text === text;
  const seen = compared ? text : (entry.buffers.get(absolute) ?? (entry.project ? entry.project.getSourceFile(absolute)?.getFullText() : diskText(absolute)));
  lastFile.compared = { entry, text };
  if (seen !== undefined && seen !== text) {
    entry.project ??= loadProject(root, { contents: entry.buffers });
    const source = entry.project.getSourceFile(absolute);
    if (source) {
      source.replaceWithText(text);
      entry.buffers.set(absolute, text);
      entry.analysis = analyzedHere(root, middleware, entry.project);
    }
  }
  return { analysis: entry.analysis, file: relative(root, absolute).split('\\').join('/'), reportsFailures: absolute === entry.firstFile };
}
