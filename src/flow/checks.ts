import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { alwaysExits, calleeParts, pushChildren } from '../ast/nodes.js';
import type { Flow } from './engine.js';
import { usesOf } from './uses.js';
import type { Atom, Value } from './value.js';

/**
 * Where a check of a value succeeded: the code after an `if` that leaves when it failed, the branch
 * where it held, the code after a call that throws when it fails (or cleans its argument in place).
 */
export interface CheckRegion {
  readonly after?: TSESTree.Node;
  readonly inside?: TSESTree.Node;
}

/** A value checked somewhere in a file, and where the check holds. */
export interface Check {
  readonly value: Value;
  readonly region: CheckRegion;
}

/** A rule's idea of which calls check or clean the values they are given (validators, sanitizers). */
export interface CheckQuestion {
  /** Names the question with the options that change it: each file's checks are kept under it. */
  readonly key: string;
  isCheck(call: TSESTree.CallExpression): boolean;
}

/**
 * Every check of the file: `typeof x` in a condition, a call on the value in a condition (`isEmail(x)`,
 * `x.match(re)`), and the calls the question names (`schema.parse(body)`, `sanitize(req.body)`), each
 * with the region where it succeeded. A check counts only where it succeeded: after
 * `if (banned.has(email)) return`, `email` is no more checked than before.
 */
export function checksOf(flow: Flow, question: CheckQuestion): Check[] {
  const checks: Check[] = [];
  const add = (operands: readonly TSESTree.Node[], region: CheckRegion | undefined) => {
    if (!region) return;
    for (const operand of operands) if (operand.type !== AST_NODE_TYPES.SpreadElement) checks.push({ value: flow.valueOf(operand), region });
  };
  for (const unary of typeofTests(flow)) {
    const test = enclosingTest(unary);
    if (!test) continue;
    // `typeof x` settles the type whichever way the test reads: an exiting guard on it guards what follows.
    const exits = test.statement.type === AST_NODE_TYPES.IfStatement && alwaysExits(test.statement.consequent);
    add([unary.argument], exits ? { after: test.statement } : successBranch(test));
  }
  for (const call of flow.calls()) {
    const test = enclosingTest(call);
    const { object } = calleeParts(call);
    if (test) {
      const operands = object ? [...call.arguments, object] : call.arguments;
      add(operands, successBranch(test));
      if (test.negated && test.statement.type === AST_NODE_TYPES.IfStatement && alwaysExits(test.statement.consequent)) add(operands, { after: test.statement });
      continue;
    }
    if (!question.isCheck(call)) continue;
    add(call.arguments, resultGuard(flow, call) ?? statementRegion(call));
  }
  return checks;
}

/** Whether the region holds at a node: the node runs only after the check succeeded. */
export function holds(region: CheckRegion, node: TSESTree.Node): boolean {
  if (region.inside) return region.inside.range[0] <= node.range[0] && node.range[1] <= region.inside.range[1];
  const after = region.after;
  if (!after || after.range[1] > node.range[0]) return false;
  // The statement is in a block around the node (or around the function the node is in).
  for (let current = node.parent; current; current = current.parent) if (current === after.parent) return true;
  return false;
}

/** Whether a check of `checked` covers `atom`: the same source, at the same path or above it (`req.body` covers `req.body.email`). */
export function covers(checked: Atom, atom: Atom): boolean {
  const prefix = (outer: readonly string[], inner: readonly string[]) => outer.length <= inner.length && outer.every((key, index) => inner[index] === key);
  if (checked.kind === 'request' && atom.kind === 'request') {
    if (checked.context) return false;
    return checked.part === undefined || (checked.part === atom.part && prefix(checked.path, atom.path));
  }
  if (checked.kind === 'param' && atom.kind === 'param') return checked.fn === atom.fn && checked.index === atom.index && prefix(checked.path, atom.path);
  return false;
}

const typeofCache = new WeakMap<Flow, TSESTree.UnaryExpression[]>();

function typeofTests(flow: Flow): TSESTree.UnaryExpression[] {
  let found = typeofCache.get(flow);
  if (!found) {
    found = [];
    const stack: TSESTree.Node[] = [flow.sourceCode.ast];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'typeof') found.push(node);
      pushChildren(stack, node, flow.sourceCode.visitorKeys);
    }
    typeofCache.set(flow, found);
  }
  return found;
}

/** Expressions a check's result passes through on its way into a condition. */
const TEST_PARTS: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.LogicalExpression,
  AST_NODE_TYPES.BinaryExpression,
  AST_NODE_TYPES.UnaryExpression,
  AST_NODE_TYPES.AwaitExpression,
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
]);

type Test = { readonly statement: TSESTree.IfStatement | TSESTree.ConditionalExpression; readonly negated: boolean };

/** The `if` or `?:` whose condition a check is part of, and whether the condition holds when the check fails (`!isEmail(x)`, `typeof x !== 'string'`). */
function enclosingTest(node: TSESTree.Node): Test | undefined {
  let negated = false;
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) return current.test === child ? { statement: current, negated } : undefined;
    if (!TEST_PARTS.has(current.type)) return undefined;
    if (current.type === AST_NODE_TYPES.UnaryExpression && current.operator === '!') negated = !negated;
    if (current.type === AST_NODE_TYPES.BinaryExpression && (current.operator === '!==' || current.operator === '!=')) negated = !negated;
  }
  return undefined;
}

/** The branch that runs when the check succeeded. */
function successBranch(test: Test): CheckRegion | undefined {
  const branch = test.negated ? test.statement.alternate : test.statement.consequent;
  return branch ? { inside: branch } : undefined;
}

/** `const { error } = schema.validate(body); if (error) return ...`: the test of the result guards what follows. */
function resultGuard(flow: Flow, call: TSESTree.CallExpression): CheckRegion | undefined {
  for (const use of usesOf(flow.sourceCode, call)) {
    if (use.kind !== 'test') continue;
    const test = enclosingTest(use.node);
    if (test?.statement.type === AST_NODE_TYPES.IfStatement && alwaysExits(test.statement.consequent)) return { after: test.statement };
  }
  return undefined;
}

/** A check made as a statement (`assert(body)`, `await schema.validate(body)`, `sanitize(req.body)`): what follows it. */
function statementRegion(call: TSESTree.CallExpression): CheckRegion | undefined {
  let current: TSESTree.Node = call;
  while (current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (parent.type === AST_NODE_TYPES.ExpressionStatement || parent.type === AST_NODE_TYPES.VariableDeclaration) return { after: parent };
    if (parent.type !== AST_NODE_TYPES.AwaitExpression && parent.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
    current = parent;
  }
  return undefined;
}
