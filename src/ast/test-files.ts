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

function pathParts(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

/** A glob split into segments, and the fixed text of its segments (`.test.` of `*.test.*`), which a matching path must contain. */
interface CompiledGlob {
  readonly segments: readonly string[];
  readonly literals: readonly string[];
}

/** Globs compiled once each: every file of a run is matched against the same few. */
const compiledGlobs = new Map<string, CompiledGlob>();

function compiled(glob: string): CompiledGlob {
  let known = compiledGlobs.get(glob);
  if (!known) {
    const segments = glob.split('/').filter((part) => part !== '');
    known = { segments, literals: segments.flatMap((segment) => segment.split(/[*?]/u).filter((text) => text !== '')) };
    compiledGlobs.set(glob, known);
  }
  return known;
}

function matchesParts(parts: readonly string[], glob: string): boolean {
  const { segments: globs, literals } = compiled(glob);
  const named = glob.includes('/') ? parts : parts.slice(-1);
  // Most paths hold none of a glob's fixed text (`test`, `.spec.`): no segment matching for them.
  if (!literals.every((literal) => named.some((part) => part.includes(literal)))) return false;
  if (!glob.includes('/')) return parts.length > 0 && matchesSegment(parts.at(-1)!, glob);
  // 0: not yet known, 1: matches, 2: does not (memoized, so `**` stays polynomial).
  const memo = new Uint8Array((parts.length + 1) * (globs.length + 1));
  const match = (p: number, g: number): boolean => {
    const key = p * (globs.length + 1) + g;
    if (memo[key] !== 0) return memo[key] === 1;
    let result: boolean;
    if (g === globs.length) result = p === parts.length;
    else if (globs[g] === '**') result = match(p, g + 1) || (p < parts.length && match(p + 1, g));
    else result = p < parts.length && matchesSegment(parts[p]!, globs[g]!) && match(p + 1, g + 1);
    memo[key] = result ? 1 : 2;
    return result;
  };
  return match(0, 0);
}

/**
 * Whether a `/`-separated path matches a glob: `**` is any number of segments, `*` and `?` stay
 * within a segment. A glob without `/` is matched against the file name alone.
 */
export function matchesGlob(path: string, glob: string): boolean {
  return matchesParts(pathParts(path), glob);
}

/** The file being linted, its path's segments and its answers: every rule of the run asks about it in turn, mostly with the same globs. */
let answered: { readonly filename: string; readonly cwd: string; readonly parts: readonly string[]; readonly answers: Map<string, boolean> } | undefined;

/** Whether the file being linted is a test, mock or fixture by the given globs (relative to the working directory). */
export function isTestFile(filename: string, cwd: string, patterns: readonly string[]): boolean {
  if (answered?.filename !== filename || answered.cwd !== cwd) {
    const within = isAbsolute(filename) ? relative(cwd, filename) : filename;
    answered = { filename, cwd, parts: pathParts((within.startsWith('..') ? filename : within).replace(/\\/gu, '/')), answers: new Map() };
  }
  const key = patterns.join('\0');
  let answer = answered.answers.get(key);
  if (answer === undefined) {
    const { parts } = answered;
    answer = patterns.some((pattern) => matchesParts(parts, pattern));
    answered.answers.set(key, answer);
  }
  return answer;
}
