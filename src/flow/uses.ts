import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, keyName, memberName } from '../ast/nodes.js';
import { findVariable, writesOf, type Variable } from '../ast/variables.js';
import { liveWrites, mayReach } from './reach.js';

/**
 * Where a value goes, the other direction of the engine: from an expression forward through
 * property reads, methods of the value, locals (those the write reaches), destructuring, object and
 * array literals, to the places that do something with it.
 */
export type UseKind =
  /** Passed to a call or constructor: `at` is the call, `index` the argument. */
  | 'argument'
  /** Stored into an object's property (`target.x = value`) or an outer variable. */
  | 'stored'
  /** Written into a string: a template literal or a `+` concatenation. */
  | 'interpolated'
  /** Returned from a function, or an arrow's body. */
  | 'returned'
  /** Only tested: an `if`/`?:`/`while` condition, `!`, `typeof`, a comparison, a `switch` discriminant. */
  | 'test'
  /** A computed key or an index (`map[value]`). */
  | 'key'
  /** `throw value`. */
  | 'thrown'
  /** An expression statement whose value nobody reads. */
  | 'discarded'
  /** Bound to a local (only when the uses are asked without following locals). */
  | 'assigned'
  /** Anything else (a `yield`, a class field, a default value). */
  | 'other';

export interface Use {
  readonly kind: UseKind;
  /** The expression holding the value where it is used: `req.body.email`, `email`, `{ email }`. */
  readonly node: TSESTree.Node;
  /** The node that uses it: the call, the assignment, the template, the `if`. */
  readonly at: TSESTree.Node;
  /** For arguments: the position. */
  readonly index?: number;
  /**
   * Property keys read from the starting value on the way, and methods called on it as `name()`:
   * `['email']` for `req.body.email`, `['email', 'trim()']` for `req.body.email.trim()`.
   */
  readonly path: readonly string[];
  /**
   * The containers `node` holds the value in, innermost first: `['0']` for `rows` in `[rows, total]`,
   * `['data']` in `{ data: rows }`. Reading one back out (`const [users] = ...`, `.data`) takes
   * it off instead of adding to `path`; reading another key does not reach the value.
   */
  readonly wraps?: readonly string[];
}

/** The value reads `key` of where it is: a container it was put in (taken off `wraps`), or a property of the value itself. */
export function readKey(path: readonly string[], wraps: readonly string[], key: string | undefined, index?: number): { path: readonly string[]; wraps: readonly string[] } | undefined {
  if (wraps.length === 0) return { path: key === undefined ? path : [...path, key], wraps };
  const outer = wraps.at(-1)!;
  const matches =
    key === undefined || outer === '[]' || (index === undefined ? outer === key || (key === '[]' && /^\d+$/u.test(outer)) : outer === String(index));
  return matches ? { path, wraps: wraps.slice(0, -1) } : undefined;
}

const MAX_USES = 400;
const MAX_DEPTH = 12;
const COMPARISONS: ReadonlySet<string> = new Set(['===', '!==', '==', '!=', '<', '<=', '>', '>=', 'in', 'instanceof']);

/**
 * Every use of the value of `start`, in source order. With `followLocals: false` a value bound to a
 * local is one use (`assigned`), not the uses of the local.
 */
export function usesOf(sourceCode: TSESLint.SourceCode, start: TSESTree.Node, { followLocals = true, wraps: startWraps = [] as readonly string[] } = {}): Use[] {
  const uses: Use[] = [];
  const seenVariables = new Set<Variable>();
  const seenNodes = new Set<TSESTree.Node>();

  const follow = (node: TSESTree.Node, path: readonly string[], depth: number, wraps: readonly string[] = []): void => {
    if (uses.length >= MAX_USES || depth > MAX_DEPTH || seenNodes.has(node)) return;
    seenNodes.add(node);
    const parent = node.parent;
    if (!parent) return;
    const add = (kind: UseKind, at: TSESTree.Node, index?: number) =>
      uses.push({ kind, node, at, path, ...(index === undefined ? {} : { index }), ...(wraps.length === 0 ? {} : { wraps }) });
    switch (parent.type) {
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.SpreadElement:
        follow(parent, path, depth, wraps);
        return;
      case AST_NODE_TYPES.MemberExpression: {
        if (parent.object !== node) {
          add('key', parent);
          return;
        }
        const grandparent = parent.parent;
        const key = memberName(parent);
        if (grandparent?.type === AST_NODE_TYPES.CallExpression && grandparent.callee === parent) {
          // `promise.then((rows) => ...)`: the callback's parameter is the value.
          const callback = grandparent.arguments[0];
          if (key === 'then' && callback && isFunction(callback) && callback.params[0]) {
            followPattern(callback.params[0], path, depth + 1, wraps);
            return;
          }
          // `value.trim()`, `rows.map(...)`: the method's result carries the value on, the method named in the path
          // (`find()` gives one row, `map()` all of them); a promise's `catch` and `finally` change nothing.
          follow(grandparent, key === 'catch' || key === 'finally' || key === undefined ? path : [...path, `${key}()`], depth + 1, wraps);
          return;
        }
        // `rows.length` is a number.
        if (key === 'length' || key === 'size') {
          add('other', parent);
          return;
        }
        const inner = readKey(path, wraps, key);
        if (inner) follow(parent, inner.path, depth + 1, inner.wraps);
        return;
      }
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        if (parent.callee === node) add('other', parent);
        else add('argument', parent, parent.arguments.indexOf(node as TSESTree.CallExpressionArgument));
        return;
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.TaggedTemplateExpression:
        add('interpolated', parent);
        return;
      case AST_NODE_TYPES.BinaryExpression:
        if (parent.operator === '+') add('interpolated', parent);
        else add(COMPARISONS.has(parent.operator) ? 'test' : 'other', parent);
        return;
      case AST_NODE_TYPES.UnaryExpression:
        add(parent.operator === '!' || parent.operator === 'typeof' || parent.operator === 'void' ? 'test' : 'other', parent);
        return;
      case AST_NODE_TYPES.LogicalExpression:
        // `value || fallback` and `value ?? fallback` still carry the value; `value && x` tests it.
        if (inTest(parent)) add('test', parent);
        else follow(parent, path, depth + 1, wraps);
        return;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === node) add('test', parent);
        else follow(parent, path, depth + 1, wraps);
        return;
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.SwitchStatement:
        add('test', parent);
        return;
      case AST_NODE_TYPES.VariableDeclarator:
        if (parent.init === node) followPattern(parent.id, path, depth, wraps);
        else add('other', parent);
        return;
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right !== node) {
          add('other', parent);
          return;
        }
        if (parent.left.type === AST_NODE_TYPES.MemberExpression) add('stored', parent);
        else followPattern(parent.left, path, depth, wraps);
        return;
      case AST_NODE_TYPES.Property:
        if (parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression) follow(parent.parent, path, depth + 1, [...wraps, (parent.computed ? undefined : keyName(parent)) ?? '[]']);
        else add('key', parent);
        return;
      case AST_NODE_TYPES.ArrayExpression:
        // An element (kept under its index), or a spread (`[...rows]` holds what `rows` holds).
        follow(parent, path, depth + 1, node.type === AST_NODE_TYPES.SpreadElement ? wraps : [...wraps, String(parent.elements.indexOf(node as TSESTree.Expression))]);
        return;
      case AST_NODE_TYPES.ObjectExpression:
        // A spread (`{ ...value }`): the object holds the value's keys.
        follow(parent, path, depth + 1, wraps);
        return;
      case AST_NODE_TYPES.ReturnStatement:
        add('returned', parent);
        return;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        add(parent.body === node ? 'returned' : 'other', parent);
        return;
      case AST_NODE_TYPES.ThrowStatement:
        add('thrown', parent);
        return;
      case AST_NODE_TYPES.ExpressionStatement:
        add('discarded', parent);
        return;
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.ForInStatement:
        if (parent.right === node) {
          const left = parent.left;
          const inner = readKey(path, wraps, '[]');
          if (inner) followPattern(left.type === AST_NODE_TYPES.VariableDeclaration ? left.declarations[0]!.id : left, inner.path, depth, inner.wraps);
        } else {
          add('other', parent);
        }
        return;
      default:
        add('other', parent);
    }
  };

  /** The names a pattern binds take the value on: each variable's reads that the write reaches. */
  const followPattern = (pattern: TSESTree.Node, path: readonly string[], depth: number, wraps: readonly string[] = []): void => {
    if (!followLocals && pattern.type !== AST_NODE_TYPES.MemberExpression) {
      uses.push({ kind: 'assigned', node: pattern, at: pattern.parent ?? pattern, path, ...(wraps.length === 0 ? {} : { wraps }) });
      return;
    }
    if (pattern.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(sourceCode, pattern);
      if (variable) followVariable(variable, pattern, path, depth, wraps);
      return;
    }
    if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of pattern.properties) {
        if (property.type === AST_NODE_TYPES.RestElement) {
          followPattern(property.argument, path, depth, wraps);
          continue;
        }
        const inner = readKey(path, wraps, keyName(property) ?? '[]');
        if (inner) followPattern(property.value, inner.path, depth, inner.wraps);
      }
      return;
    }
    if (pattern.type === AST_NODE_TYPES.ArrayPattern) {
      pattern.elements.forEach((element, index) => {
        const inner = element && readKey(path, wraps, '[]', element.type === AST_NODE_TYPES.RestElement ? undefined : index);
        if (element && inner) followPattern(element, inner.path, depth, inner.wraps);
      });
      return;
    }
    if (pattern.type === AST_NODE_TYPES.AssignmentPattern) followPattern(pattern.left, path, depth, wraps);
    if (pattern.type === AST_NODE_TYPES.RestElement) followPattern(pattern.argument, path, depth, wraps);
    if (pattern.type === AST_NODE_TYPES.MemberExpression) uses.push({ kind: 'stored', node: pattern, at: pattern, path, ...(wraps.length === 0 ? {} : { wraps }) });
  };

  const followVariable = (variable: Variable, write: TSESTree.Node, path: readonly string[], depth: number, wraps: readonly string[] = []): void => {
    if (seenVariables.has(variable)) return;
    seenVariables.add(variable);
    // As `Flow.valueOf` reads it: only where this write is still live (`let id = a; id = b; use(id)` reads `b`).
    // A name can be written twice at one place (`const { roles = [] } = claims`: the default and the value).
    const own = new Set(variable.references.filter((reference) => reference.identifier === write && reference.writeExpr).map((reference) => reference.writeExpr!));
    const writes = own.size > 0 && variable.references.some((reference) => reference.isWrite() && reference.identifier !== write) ? writesOf(variable) : undefined;
    const declaration = variable.defs[0]?.name;
    const reads = variable.references.filter(
      (reference) =>
        reference.isRead() && mayReach(write, reference.identifier, declaration) && (!writes || liveWrites(writes, reference.identifier, declaration).some((live) => own.has(live.value))),
    );
    for (const reference of reads) follow(reference.identifier, path, depth + 1, wraps);
  };

  // A name a pattern binds (`({ body }) => ...`, `const { query } = req`): the uses of the variable.
  const variable = start.type === AST_NODE_TYPES.Identifier ? findVariable(sourceCode, start) : undefined;
  if (variable?.identifiers.includes(start as TSESTree.Identifier)) followVariable(variable, start, [], 0, startWraps);
  else follow(start, [], 0, startWraps);
  return uses.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/** Whether a logical expression is itself (part of) a condition: `if (a && b)`, `!(a || b)`. */
function inTest(node: TSESTree.LogicalExpression): boolean {
  let current: TSESTree.Node = node;
  while (current.parent?.type === AST_NODE_TYPES.LogicalExpression || (current.parent?.type === AST_NODE_TYPES.UnaryExpression && current.parent.operator === '!')) current = current.parent;
  const parent = current.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.WhileStatement || parent.type === AST_NODE_TYPES.DoWhileStatement || parent.type === AST_NODE_TYPES.ForStatement) return parent.test === current;
  if (parent.type === AST_NODE_TYPES.ConditionalExpression) return parent.test === current;
  return current !== node && current.parent?.type === AST_NODE_TYPES.UnaryExpression;
}
