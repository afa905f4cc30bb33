import { relative, resolve } from 'node:path';
import type { Project } from 'ts-morph';
import { analyzeProject, type Analysis, type AnalyzeOptions } from './index.js';
import { loadProject } from './project.js';
import { projectRootOf } from './roots.js';

/**
 * One analysis per project root and middleware configuration for the whole ESLint run, so that
 * each project rule costs one analysis, not one per file. When the file being linted differs from
 * what the analysis saw (an editor buffer), that file is updated and the analysis redone.
 */
interface Entry {
  readonly project: Project;
  analysis: Analysis;
}

const entries = new Map<string, Entry>();

/**
 * The analysis of the project a file belongs to (the nearest package.json, else the git work
 * tree, else ESLint's working folder) and the file's path in it.
 */
export function analysisFor(filename: string, text: string, middleware: AnalyzeOptions['middleware'] = {}, cwd?: string): { analysis: Analysis; file: string } {
  // ESLint's Linter API may give a path relative to its working folder.
  const absolute = resolve(cwd ?? process.cwd(), filename);
  const { root } = projectRootOf(absolute, cwd);
  // Every project rule shares one analysis unless it names its own middleware.
  const names = { auth: [], validation: [], rateLimit: [], securityHeaders: [], ...middleware };
  const key = `${root}\0${JSON.stringify(names)}`;
  let entry = entries.get(key);
  if (!entry) {
    const project = loadProject(root);
    entry = { project, analysis: analyzeProject(root, { project, middleware }) };
    entries.set(key, entry);
  }
  const source = entry.project.getSourceFile(absolute);
  if (source && source.getFullText() !== text) {
    source.replaceWithText(text);
    entry.analysis = analyzeProject(root, { project: entry.project, middleware });
  }
  return { analysis: entry.analysis, file: relative(root, absolute).split('\\').join('/') };
}
