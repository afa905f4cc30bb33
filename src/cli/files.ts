import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { isSource, listSourceFiles } from '../analyzer/project.js';
import type { ESLint } from 'eslint';
import { UsageError } from './errors.js';

/** Whether `file` is `folder` or inside it. */
export function isWithin(file: string, folder: string): boolean {
  const path = relative(folder, file);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

/**
 * The files to lint for the given paths: a folder stands for its source files (what git tracks
 * or would track, so .gitignore applies; dependency and build folders are left out); a file
 * named explicitly is linted when it is JavaScript or TypeScript.
 */
export function lintTargets(paths: readonly string[], cwd: string): string[] {
  const files = new Set<string>();
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    if (!existsSync(absolute)) throw new UsageError(`no such file or folder: ${path}`);
    if (statSync(absolute).isDirectory()) for (const file of listSourceFiles(absolute)) files.add(file);
    else if (isSource(absolute)) files.add(absolute);
  }
  return [...files].sort();
}

/**
 * The root .gitignore as ESLint `ignores` patterns, for folders that are not git repositories
 * (inside one, git itself leaves ignored files out of the listing).
 */
export function gitignorePatterns(root: string): string[] {
  const file = join(root, '.gitignore');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      let pattern = negated ? line.slice(1) : line;
      // A pattern with a slash before its end is anchored at the root; one without matches at any depth.
      const anchored = pattern.slice(0, -1).includes('/');
      pattern = pattern.replace(/^\//u, '');
      if (!anchored) pattern = `**/${pattern}`;
      return `${negated ? '!' : ''}${pattern}`;
    });
}

/** The files the configuration's ignore globs (and, outside git, .gitignore) leave in. */
export async function withoutIgnored(eslint: ESLint, files: readonly string[]): Promise<string[]> {
  const ignored = await Promise.all(files.map((file) => eslint.isPathIgnored(file)));
  return files.filter((_, index) => !ignored[index]);
}
