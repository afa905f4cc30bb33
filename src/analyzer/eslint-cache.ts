import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Project } from 'ts-morph';
import { analyzeProject, type Analysis, type AnalyzeOptions } from './index.js';
import { loadProject } from './project.js';

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

/** The project a file belongs to: the nearest folder with a package.json, outside node_modules. */
export function projectRootOf(filename: string): string | undefined {
  for (let directory = dirname(resolve(filename)); ; directory = dirname(directory)) {
    if (!directory.split(/[\\/]/u).includes('node_modules') && existsSync(join(directory, 'package.json'))) return directory;
    if (dirname(directory) === directory) return undefined;
  }
}

export function analysisFor(filename: string, text: string, middleware: AnalyzeOptions['middleware'] = {}): { analysis: Analysis; file: string } | undefined {
  const root = projectRootOf(filename);
  if (!root) return undefined;
  // Every project rule shares one analysis unless it names its own middleware.
  const names = { auth: [], validation: [], rateLimit: [], securityHeaders: [], ...middleware };
  const key = `${root}\0${JSON.stringify(names)}`;
  let entry = entries.get(key);
  if (!entry) {
    const project = loadProject(root);
    entry = { project, analysis: analyzeProject(root, { project, middleware }) };
    entries.set(key, entry);
  }
  const source = entry.project.getSourceFile(resolve(filename));
  if (source && source.getFullText() !== text) {
    source.replaceWithText(text);
    entry.analysis = analyzeProject(root, { project: entry.project, middleware });
  }
  return { analysis: entry.analysis, file: relative(root, resolve(filename)).split('\\').join('/') };
}
