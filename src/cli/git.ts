import { execFileSync } from 'node:child_process';
import { gitTopLevel } from '../analyzer/roots.js';
import { UsageError } from './errors.js';

export { gitTopLevel };

function git(root: string, args: readonly string[]): string {
  return execFileSync('git', ['-C', root, '-c', 'core.quotePath=false', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 512 * 1024 * 1024,
  });
}

const nulSeparated = (output: string) => output.split('\0').filter(Boolean);

/** Fails with a clear message when a git-based mode runs outside a repository. */
export function requireGit(root: string, flag: string): void {
  if (!gitTopLevel(root)) throw new UsageError(`${flag} needs a git repository, and ${root} is not inside one`);
}

/** Which of `files` (absolute) .gitignore leaves out; tracked files never are. */
export function gitIgnored(root: string, files: readonly string[]): Set<string> {
  if (files.length === 0) return new Set();
  try {
    const output = execFileSync('git', ['-C', root, 'check-ignore', '-z', '--stdin'], { input: files.join('\0'), encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    return new Set(nulSeparated(output));
  } catch {
    // Exit code 1: none is ignored.
    return new Set();
  }
}

/** Staged files (added, copied, modified, renamed) under `root`, relative to it. */
export function stagedFiles(root: string): string[] {
  return nulSeparated(git(root, ['diff', '--cached', '--name-only', '--relative', '--diff-filter=ACMR', '-z']));
}

/** Every file of the index (the staged tree) under `root`, relative to it. */
export function indexFiles(root: string): string[] {
  return nulSeparated(git(root, ['ls-files', '--cached', '-z', '.']));
}

/** Files whose working-tree content differs from the index (modified or deleted, not staged). */
export function unstagedFiles(root: string): Set<string> {
  return new Set(nulSeparated(git(root, ['diff', '--name-only', '--relative', '-z'])));
}

/** The staged content of a file, by path relative to `root`. */
export function stagedText(root: string, path: string): string {
  return git(root, ['show', `:./${path}`]);
}

/** Lines added or changed since a ref: every line of a new file, or the set of changed line numbers. */
export type ChangedLines = ReadonlyMap<string, ReadonlySet<number> | 'all'>;

function unquote(path: string): string {
  return path.startsWith('"') ? (JSON.parse(path) as string) : path;
}

/**
 * What changed since the merge base of `ref` and the working tree, as pull-request review sees
 * it: changed lines of tracked files plus every line of untracked files.
 */
export function changedLinesSince(root: string, ref: string): ChangedLines {
  let diff: string;
  try {
    git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    diff = git(root, ['diff', '--merge-base', ref, '--relative', '--unified=0', '--no-color', '--no-ext-diff', '--src-prefix=a/', '--dst-prefix=b/']);
  } catch {
    throw new UsageError(`--diff ${ref}: git does not know this ref here (fetch it first, e.g. git fetch origin ${ref.replace(/^origin\//u, '')})`);
  }
  const changed = new Map<string, Set<number> | 'all'>();
  let current: Set<number> | undefined;
  // Lines of the current hunk still to come: inside a hunk, an added line `++ x` reads `+++ x`
  // and a removed `-- x` reads `--- x`, which are file headers only outside hunks.
  let hunkLines = 0;
  for (const line of diff.split('\n')) {
    if (hunkLines > 0) {
      if (!line.startsWith('\\')) hunkLines--;
      continue;
    }
    if (line.startsWith('+++ ')) {
      // Git ends a name that contains a space with a tab (for patch(1)); a name with a real tab is quoted.
      const target = line.slice(4).replace(/\t$/u, '');
      current = undefined;
      if (target !== '/dev/null') {
        current = new Set();
        changed.set(unquote(target).replace(/^"?b\//u, ''), current);
      }
      continue;
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/u.exec(line);
    if (hunk) {
      const removed = hunk[1] === undefined ? 1 : Number(hunk[1]);
      const start = Number(hunk[2]);
      const added = hunk[3] === undefined ? 1 : Number(hunk[3]);
      hunkLines = removed + added;
      for (let number = start; current && number < start + added; number++) current.add(number);
    }
  }
  for (const path of nulSeparated(git(root, ['ls-files', '--others', '--exclude-standard', '-z', '.']))) changed.set(path, 'all');
  return changed;
}
