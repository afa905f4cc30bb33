import { closeSync, existsSync, lstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isCheckableFile, isSource, listSourceFiles, type SkippedFile, type SkipReason } from '../analyzer/project.js';
import { MAX_SOURCE_BYTES } from '../catalog/source-files.js';
import type { ESLint } from 'eslint';
import { UsageError } from './errors.js';

/** The error of a path that cannot be examined, for a message: "EACCES: permission denied". */
function statError(path: string): NodeJS.ErrnoException | undefined {
  try {
    statSync(path);
    return undefined;
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

/** Fails with a clear message when a named path cannot be linted at all: missing, a link loop, unreadable. */
export function examinePath(absolute: string, shownAs: string): void {
  const error = statError(absolute);
  if (error?.code === 'ELOOP') throw new UsageError(`${shownAs} is a symbolic link loop`);
  if (error?.code === 'ENOENT' && existsLink(absolute)) throw new UsageError(`${shownAs} is a symbolic link to a file or folder that does not exist`);
  if (error?.code === 'ENOENT' || error?.code === 'ENOTDIR') throw new UsageError(`no such file or folder: ${shownAs}`);
  if (error) throw new UsageError(`cannot read ${shownAs}: ${error.message}`);
}

/**
 * The files to lint for a path that exists: a folder stands for its source files (what git
 * tracks or would track, so .gitignore applies; dependency and build folders are left out); a
 * file named explicitly is linted when it is JavaScript or TypeScript. Files larger than 512 KB
 * are left out even when named (a 5 MB bundle takes minutes to lint, and the pre-commit hook
 * names every staged file), as are link loops and what is not a regular file: each is added to
 * `skipped`.
 */
export function lintTargets(absolute: string, skipped: SkippedFile[]): string[] {
  if (statSync(absolute).isDirectory()) return listSourceFiles(absolute, skipped).sort();
  if (!isSource(absolute)) return [];
  if (!statSync(absolute).isFile()) skipped.push({ file: absolute, reason: 'not-a-file' });
  else if (isCheckableFile(absolute, skipped)) return [absolute];
  return [];
}

function existsLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** How many bytes git reads to decide that a file is binary (a NUL byte among them). */
const BINARY_PROBE_BYTES = 8000;

/** Why a file's content cannot be linted, if it cannot: unreadable, or binary. */
function contentProblem(file: string, text: string | undefined): Omit<SkippedFile, 'file'> | undefined {
  if (text !== undefined) {
    if (Buffer.byteLength(text) > MAX_SOURCE_BYTES) return { reason: 'large' };
    return text.slice(0, BINARY_PROBE_BYTES).includes('\0') ? { reason: 'binary' } : undefined;
  }
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, 'r');
    const buffer = Buffer.alloc(BINARY_PROBE_BYTES);
    const length = readSync(descriptor, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, length).includes(0) ? { reason: 'binary' } : undefined;
  } catch (error) {
    return { reason: 'unreadable', detail: (error instanceof Error ? error.message : String(error)).replace(/\s+/gu, ' ').trim() };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/**
 * The targets whose content can be linted: readable, and text (no NUL bytes near the start,
 * as git decides). `textOf` gives the staged content where there is one. The others are added
 * to `skipped`.
 */
export function checkableTargets(files: readonly string[], skipped: SkippedFile[], textOf: (file: string) => string | undefined = () => undefined): string[] {
  return files.filter((file) => {
    const problem = contentProblem(file, textOf(file));
    if (problem) skipped.push({ file, ...problem });
    return problem === undefined;
  });
}

/** The skipped files that the configuration's ignore globs do not leave out anyway, once each. */
export async function skippedToReport(eslint: ESLint, skipped: readonly SkippedFile[]): Promise<SkippedFile[]> {
  const unique = [...new Map(skipped.map((entry) => [`${entry.file}\0${entry.reason}`, entry])).values()];
  const kept = new Set(await withoutIgnored(eslint, unique.map((entry) => entry.file)));
  return unique.filter((entry) => kept.has(entry.file)).sort((first, second) => first.file.localeCompare(second.file));
}

const SKIP_NOTES: Readonly<Record<SkipReason, (count: number) => string>> = {
  large: (count) => `skipped ${count} ${count === 1 ? 'file' : 'files'} larger than ${MAX_SOURCE_BYTES / 1024} KB (bundles or generated code)`,
  binary: (count) => `skipped ${count} binary ${count === 1 ? 'file' : 'files'} (NUL bytes: not UTF-8 text)`,
  'symlink-loop': (count) => `skipped ${count} symbolic ${count === 1 ? 'link' : 'links'} that loop`,
  'not-a-file': (count) => `skipped ${count} ${count === 1 ? 'path that is' : 'paths that are'} not a regular file`,
  unreadable: (count) => `could not read ${count} ${count === 1 ? 'file, which was' : 'files, which were'} not checked`,
  unanalyzable: (count) => `the project checks left out ${count} ${count === 1 ? 'file' : 'files'} they cannot analyze`,
};
const MAX_LISTED = 10;

/**
 * One line per reason for the files left out, for stderr: "skipped 1 file larger than 512 KB
 * (bundles or generated code): dist-like/app.min.js". Paths are as `shown` gives them; at most
 * ten are listed per line.
 */
export function skippedNotes(skipped: readonly SkippedFile[], shown: (file: string) => string): string[] {
  return (Object.keys(SKIP_NOTES) as SkipReason[]).flatMap((reason) => {
    const files = skipped.filter((entry) => entry.reason === reason);
    if (files.length === 0) return [];
    const listed = files.slice(0, MAX_LISTED).map((entry) => `${shown(entry.file)}${entry.detail ? ` (${entry.detail})` : ''}`);
    const more = files.length > MAX_LISTED ? ` and ${files.length - MAX_LISTED} more` : '';
    return [`${SKIP_NOTES[reason](files.length)}: ${listed.join(', ')}${more}`];
  });
}

/**
 * The root .gitignore as ESLint `ignores` patterns, for folders that are not git repositories
 * (inside one, git itself leaves ignored files out of the listing). `prefix` is the root's path
 * from the folder ESLint runs in, when that is above it (`packages/api/`).
 */
export function gitignorePatterns(root: string, prefix = ''): string[] {
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
      return `${negated ? '!' : ''}${prefix}${pattern}`;
    });
}

/** The files the configuration's ignore globs (and, outside git, .gitignore) leave in. */
export async function withoutIgnored(eslint: ESLint, files: readonly string[]): Promise<string[]> {
  const ignored = await Promise.all(files.map((file) => eslint.isPathIgnored(file)));
  return files.filter((_, index) => !ignored[index]);
}
