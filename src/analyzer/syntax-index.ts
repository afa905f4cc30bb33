import type { KindToNodeMappings, Node, SourceFile, SyntaxKind as Kind, ts } from 'ts-morph';
import { SyntaxKind } from './ts-morph.js';

/** The node kinds the scans start from. */
export type IndexedKind =
  | Kind.CallExpression
  | Kind.NewExpression
  | Kind.BinaryExpression
  | Kind.PropertyAccessExpression
  | Kind.VariableDeclaration
  | Kind.ThrowStatement
  | Kind.ClassDeclaration
  | Kind.ObjectLiteralExpression;

/**
 * Per file (by its compiler tree, which an edited file replaces), the compiler nodes of every
 * indexed kind. One walk of the compiler's tree per file serves every scan: ts-morph's own
 * descendant search walks the whole file again for each kind, through an iterator, and wraps
 * every node it returns.
 */
const indexes = new WeakMap<ts.SourceFile, Map<Kind, ts.Node[]>>();

/** Built on first use: reading SyntaxKind loads ts-morph, which an ESLint run without project rules never needs. */
let indexedKinds: ReadonlySet<Kind> | undefined;

function indexOf(file: SourceFile): Map<Kind, ts.Node[]> {
  const tree = file.compilerNode;
  const known = indexes.get(tree);
  if (known) return known;
  indexedKinds ??= new Set<Kind>([
    SyntaxKind.CallExpression,
    SyntaxKind.NewExpression,
    SyntaxKind.BinaryExpression,
    SyntaxKind.PropertyAccessExpression,
    SyntaxKind.VariableDeclaration,
    SyntaxKind.ThrowStatement,
    SyntaxKind.ClassDeclaration,
    SyntaxKind.ObjectLiteralExpression,
  ]);
  const kinds = indexedKinds;
  const index = new Map<Kind, ts.Node[]>([...kinds].map((kind) => [kind, []]));
  // loadProject leaves out trees deeper than the analysis can walk, so recursion is bounded.
  const visit = (node: ts.Node): void => {
    if (kinds.has(node.kind)) index.get(node.kind)!.push(node);
    node.forEachChild(visit);
  };
  tree.forEachChild(visit);
  indexes.set(tree, index);
  return index;
}

/** ts-morph's node for a compiler node of the file (ts-morph keeps one per compiler node). */
export function wrapped<T extends Node = Node>(file: SourceFile, node: ts.Node): T {
  // Internal to ts-morph, and what its own descendant search returns through.
  return (file as unknown as { _getNodeFromCompilerNode(compilerNode: ts.Node): T })._getNodeFromCompilerNode(node);
}

/** The compiler nodes of one kind in the file, in source order, none of them wrapped. */
export function compilerNodesOfKind(file: SourceFile, kind: IndexedKind): readonly ts.Node[] {
  return indexOf(file).get(kind)!;
}

/**
 * The nodes of one kind in the file, in source order; with `keep`, only those its compiler node
 * passes, so that the others are never wrapped.
 */
export function nodesOfKind<K extends IndexedKind>(file: SourceFile, kind: K, keep?: (node: ts.Node) => boolean): KindToNodeMappings[K][] {
  const nodes = compilerNodesOfKind(file, kind);
  return (keep ? nodes.filter(keep) : nodes).map((node) => wrapped<KindToNodeMappings[K]>(file, node));
}
