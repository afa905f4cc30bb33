import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

let loaded: typeof TsMorph | undefined;

/** ts-morph's `Node` (its type guards such as `Node.isCallExpression`): set when ts-morph is loaded. */
export type Node = TsMorph.Node;
export let Node: typeof TsMorph.Node;

/** ts-morph's `SyntaxKind`: set when ts-morph is loaded. */
export type SyntaxKind = TsMorph.SyntaxKind;
export let SyntaxKind: typeof TsMorph.SyntaxKind;

/**
 * Loads ts-morph on first use. Its own TypeScript takes about half a second to load: ESLint runs
 * and CLI runs without project checks never pay for it. The analysis reads `Node` and `SyntaxKind`
 * millions of times, so they are plain bindings, set here, rather than lazy proxies; every way
 * into the analysis (loading a project, analysing one, reading names) calls this first.
 */
export function tsMorph(): typeof TsMorph {
  if (!loaded) {
    loaded = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;
    Node = loaded.Node;
    SyntaxKind = loaded.SyntaxKind;
  }
  return loaded;
}
