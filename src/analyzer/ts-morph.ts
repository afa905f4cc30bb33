import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

/**
 * ts-morph, loaded on first use. It bundles its own TypeScript, which takes about half a second
 * to load: ESLint runs and CLI runs without project checks never pay for it.
 */
let loaded: typeof TsMorph | undefined;
export function tsMorph(): typeof TsMorph {
  loaded ??= createRequire(import.meta.url)('ts-morph') as typeof TsMorph;
  return loaded;
}

function lazy<T extends object>(get: () => T): T {
  // The analysis reads these members millions of times: each is looked up and bound once.
  const members = new Map<string | symbol, unknown>();
  return new Proxy({} as T, {
    get(_, key) {
      if (members.has(key)) return members.get(key);
      const target = get();
      const value = Reflect.get(target, key) as unknown;
      const member = typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      members.set(key, member);
      return member;
    },
  });
}

/** ts-morph's `Node` (its type guards such as `Node.isCallExpression`), loaded on first use. */
export type Node = TsMorph.Node;
export const Node = lazy(() => tsMorph().Node);

/** ts-morph's `SyntaxKind`, loaded on first use. */
export type SyntaxKind = TsMorph.SyntaxKind;
export const SyntaxKind = lazy(() => tsMorph().SyntaxKind);
