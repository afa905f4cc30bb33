import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Runs a full garbage collection now. After the project analysis, V8 has sized the heap for every
 * file's syntax tree; left alone, it lets the lint that follows fill that size before collecting,
 * and peak memory on a large project more than doubles (Ghost: 1.36 GB instead of 0.59 GB).
 * Node exposes `gc` only behind a flag, which can be set at run time for new contexts.
 */
export function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    // Only memory is at stake: a runtime without the flag collects when it sees fit.
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
