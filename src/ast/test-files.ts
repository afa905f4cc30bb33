import { isAbsolute, relative } from 'node:path';

/** One path segment against one glob segment with `*` and `?`, greedy with one backtrack point (linear per star). */
function matchesSegment(text: string, glob: string): boolean {
  let t = 0;
  let g = 0;
  let starG = -1;
  let starT = 0;
  while (t < text.length) {
    if (g < glob.length && (glob[g] === '?' || glob[g] === text[t])) {
      t++;
      g++;
    } else if (g < glob.length && glob[g] === '*') {
      starG = g++;
      starT = t;
    } else if (starG >= 0) {
      g = starG + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}

/**
 * Whether a `/`-separated path matches a glob: `**` is any number of segments, `*` and `?` stay
 * within a segment. A glob without `/` is matched against the file name alone.
 */
export function matchesGlob(path: string, glob: string): boolean {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (!glob.includes('/')) return parts.length > 0 && matchesSegment(parts.at(-1)!, glob);
  const globs = glob.split('/').filter((part) => part !== '');
  const memo = new Map<number, boolean>();
  const match = (p: number, g: number): boolean => {
    const key = p * (globs.length + 1) + g;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (g === globs.length) result = p === parts.length;
    else if (globs[g] === '**') result = match(p, g + 1) || (p < parts.length && match(p + 1, g));
    else result = p < parts.length && matchesSegment(parts[p]!, globs[g]!) && match(p + 1, g + 1);
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

/** Whether the file being linted is a test, mock or fixture by the given globs (relative to the working directory). */
export function isTestFile(filename: string, cwd: string, patterns: readonly string[]): boolean {
  const within = isAbsolute(filename) ? relative(cwd, filename) : filename;
  const path = (within.startsWith('..') ? filename : within).replace(/\\/gu, '/');
  return patterns.some((pattern) => matchesGlob(path, pattern));
}
