import type { Node } from 'ts-morph';
import type { Location } from './model.js';
import { relativePath } from './project.js';

export function locationOf(root: string, node: Node): Location {
  const file = node.getSourceFile();
  const start = file.getLineAndColumnAtPos(node.getStart());
  const end = file.getLineAndColumnAtPos(node.getEnd());
  return { file: relativePath(root, file.getFilePath()), line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** A route path joined from prefixes: one leading slash, no trailing or doubled slashes. */
export function joinPaths(...parts: readonly string[]): string {
  const joined = parts
    .filter((part) => part !== '')
    .join('/')
    .replace(/\/{2,}/gu, '/');
  const withSlash = joined.startsWith('/') ? joined : `/${joined}`;
  return withSlash.length > 1 ? withSlash.replace(/(?<!\/)\/+$/u, '') || '/' : withSlash;
}
