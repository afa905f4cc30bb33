import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { alwaysExits, isFunction } from '../ast/nodes.js';

/**
 * Which writes of a variable can reach a use, by the shape of the code (no control-flow graph):
 * a write in one branch of an `if` does not reach a use in the other branch, a write in a block
 * that always returns does not reach what follows the block, and a later write at the level of the
 * use replaces the earlier ones. Writes and uses in different functions all reach (callbacks run
 * at times the code does not show).
 */

const LOOPS: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
]);

/** What lies between a write's value and its statement when the write is the whole statement. */
const STATEMENT_PARTS: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.ExpressionStatement,
  AST_NODE_TYPES.AssignmentExpression,
  AST_NODE_TYPES.AwaitExpression,
  AST_NODE_TYPES.VariableDeclarator,
  AST_NODE_TYPES.VariableDeclaration,
]);

/** Deeper than this, code is generated: a write there is taken to reach (the safe answer), in constant time. */
const MAX_ANCESTORS = 400;

function ancestors(node: TSESTree.Node): TSESTree.Node[] | undefined {
  const chain: TSESTree.Node[] = [];
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (chain.length >= MAX_ANCESTORS) return undefined;
    chain.push(current);
  }
  return chain;
}

function functionOf(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return undefined;
}

/**
 * Whether a write sits in a closure that the use's function makes after the use
 * (`const plain = password; run(() => { password = sha256(password) })`): the closure does not
 * exist yet when the use runs, unless a loop around both runs the use again. A function
 * declaration is hoisted and may run first, so it does not count.
 */
function inClosureMadeAfter(write: TSESTree.Node, use: TSESTree.Node, useFunction: TSESTree.Node | undefined): boolean {
  let closure: TSESTree.Node | undefined;
  let current = write.parent;
  for (let depth = 0; current !== useFunction; current = current.parent, depth++) {
    if (!current || depth >= MAX_ANCESTORS) return false;
    if (isFunction(current)) closure = current;
  }
  if (!closure || closure.type === AST_NODE_TYPES.FunctionDeclaration || use.range[1] > closure.range[0]) return false;
  for (let node = closure.parent; node && node !== useFunction; node = node.parent) {
    if (LOOPS.has(node.type) && node.range[0] <= use.range[0] && use.range[1] <= node.range[1]) return false;
  }
  return true;
}

/**
 * Whether a variable is made afresh at each run of a function (declared in it, or one of its
 * parameters), or at the top level, which runs once. A variable declared outside keeps a closure's
 * write from an earlier call for a use that comes before the closure in the next one.
 */
function declaredIn(declaration: TSESTree.Node | undefined, fn: TSESTree.Node | undefined): boolean {
  if (!fn) return true;
  return declaration !== undefined && fn.range[0] <= declaration.range[0] && declaration.range[1] <= fn.range[1];
}

/** The node of `chain` (an ancestor list) just below `ancestor`. */
function childToward(chain: readonly TSESTree.Node[], ancestor: TSESTree.Node): TSESTree.Node | undefined {
  const index = chain.indexOf(ancestor);
  return index > 0 ? chain[index - 1] : undefined;
}

/**
 * Answers by write, then by use. The engine evaluates a use again for each call it follows into the
 * function around it, and each time asks about every write and store of the variable.
 */
const answers = new WeakMap<TSESTree.Node, Map<TSESTree.Node, { readonly declaration: TSESTree.Node | undefined; readonly reaches: boolean }>>();

/**
 * Whether a write can be the value a use reads. `declaration` (the name's declaration) tells a loop
 * that carries the variable from one turn to the next from a loop the variable is declared in.
 */
export function mayReach(write: TSESTree.Node, use: TSESTree.Node, declaration?: TSESTree.Node): boolean {
  let byUse = answers.get(write);
  const known = byUse?.get(use);
  if (known && known.declaration === declaration) return known.reaches;
  const reaches = reachesByShape(write, use, declaration);
  if (!byUse) answers.set(write, (byUse = new Map()));
  byUse.set(use, { declaration, reaches });
  return reaches;
}

function reachesByShape(write: TSESTree.Node, use: TSESTree.Node, declaration: TSESTree.Node | undefined): boolean {
  const useFunction = functionOf(use);
  if (functionOf(write) !== useFunction) return !(declaredIn(declaration, useFunction) && inClosureMadeAfter(write, use, useFunction));
  const writeChain = ancestors(write);
  const useChain = ancestors(use);
  if (!writeChain || !useChain) return true;
  const useSet = new Set(useChain);
  const common = writeChain.find((node) => useSet.has(node));
  if (!common) return true;
  const inLoop = writeChain
    .slice(writeChain.indexOf(common))
    .some((node) => LOOPS.has(node.type) && !(declaration && node.range[0] <= declaration.range[0] && declaration.range[1] <= node.range[1]));
  // The value is stored after it is computed: a use inside it (`x = f(x)`) or before it reads an earlier write.
  if (write.range[1] > use.range[0] && !inLoop) return false;
  const writeSide = childToward(writeChain, common);
  const useSide = childToward(useChain, common);
  // `if (a) { x = 1 } else { use(x) }`, `a ? (x = 1) : use(x)`.
  if ((common.type === AST_NODE_TYPES.IfStatement || common.type === AST_NODE_TYPES.ConditionalExpression) && writeSide !== useSide) {
    const branches = [common.consequent, common.alternate];
    if (writeSide && useSide && branches.includes(writeSide as never) && branches.includes(useSide as never) && !inLoop) return false;
  }
  // A write inside a block that always leaves (`if (x) { y = 1; return }`) does not reach what follows it.
  for (const node of writeChain.slice(0, writeChain.indexOf(common))) {
    if (node.type === AST_NODE_TYPES.BlockStatement && node.parent?.type !== AST_NODE_TYPES.TryStatement && alwaysExits(node) && !inLoop) return false;
  }
  return true;
}

/**
 * The writes that can be the value a use reads: those that reach it (`mayReach`), less those a later
 * write replaces on every path. A write replaces the earlier ones when it is a statement of a block
 * that holds the use, before the use, not inside a branch or a loop of its own; only the last such
 * write matters, so this is linear in the writes.
 */
export function liveWrites<Write extends { readonly value: TSESTree.Node }>(writes: readonly Write[], use: TSESTree.Node, declaration?: TSESTree.Node): Write[] {
  const reaching = writes.filter((write) => mayReach(write.value, use, declaration));
  let last: Write | undefined;
  for (const write of reaching) {
    if (write.value.range[1] <= use.range[0] && (!last || write.value.range[0] > last.value.range[0]) && dominates(write.value, use)) last = write;
  }
  return last ? reaching.filter((write) => write === last || write.value.range[0] > last.value.range[0]) : reaching;
}

/** Whether a write is a whole statement of a block that holds the use (so every path to the use runs it). */
export function dominates(later: TSESTree.Node, use: TSESTree.Node): boolean {
  if (functionOf(later) !== functionOf(use)) return false;
  // The statement of the write, and the block it is a statement of.
  let statement: TSESTree.Node = later;
  while (statement.parent && statement.parent.type !== AST_NODE_TYPES.BlockStatement && statement.parent.type !== AST_NODE_TYPES.Program) {
    if (!STATEMENT_PARTS.has(statement.parent.type)) return false;
    statement = statement.parent;
  }
  const block = statement.parent;
  if (!block) return false;
  for (let current: TSESTree.Node | undefined = use.parent; current; current = current.parent) {
    if (current === block) return true;
    if (isFunction(current)) return false;
  }
  return false;
}
