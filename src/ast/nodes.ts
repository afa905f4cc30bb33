import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

/** Strips what does not change a value: type assertions, `!`, optional chains, `await`. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.AwaitExpression:
        current = current.argument;
        break;
      default:
        return current;
    }
  }
}

/** The static name of a member's property or an object key: `a.b`, `a['b']`, `{ b: 1 }`. */
export function staticName(node: TSESTree.Node | null | undefined, computed = false): string | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Identifier && !computed) return node.name;
  if (node.type === AST_NODE_TYPES.PrivateIdentifier) return node.name;
  if (node.type === AST_NODE_TYPES.Literal && (typeof node.value === 'string' || typeof node.value === 'number')) {
    return String(node.value);
  }
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

export function memberName(node: TSESTree.MemberExpression): string | undefined {
  return staticName(node.property, node.computed);
}

export function keyName(node: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | undefined {
  return staticName(node.key, node.computed);
}

/** The callee of a call, with its member parts when it is `object.method(...)`. */
export function calleeParts(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): { object: TSESTree.Node | undefined; name: string | undefined; callee: TSESTree.Node } {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    return { object: callee.object, name: memberName(callee), callee };
  }
  if (callee.type === AST_NODE_TYPES.Identifier) return { object: undefined, name: callee.name, callee };
  return { object: undefined, name: undefined, callee };
}

/** Whether two expressions name the same variable or property of it, casts aside: `(input as any).password` and `input.password`. */
export function sameReference(first: TSESTree.Node, second: TSESTree.Node): boolean {
  const a = unwrap(first);
  const b = unwrap(second);
  if (a.type === AST_NODE_TYPES.Identifier) return b.type === AST_NODE_TYPES.Identifier && a.name === b.name;
  if (a.type !== AST_NODE_TYPES.MemberExpression || b.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(a);
  return name !== undefined && name === memberName(b) && sameReference(a.object, b.object);
}

/** The last name in a reference: `logger`, `this.logger` and `req.log` give `logger`, `logger`, `log`. */
export function referenceName(node: TSESTree.Node): string | undefined {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression) return memberName(inner);
  return undefined;
}

export function isFunction(node: TSESTree.Node | undefined | null): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return current;
  }
  return undefined;
}

export function enclosingClass(node: TSESTree.Node): TSESTree.ClassBody | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassBody) return current;
  }
  return undefined;
}

/** `require('x')` gives `'x'`. */
export function requiredModule(node: TSESTree.Node): string | undefined {
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments.length === 1
  ) {
    const [argument] = node.arguments;
    if (argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string') return argument.value;
  }
  return undefined;
}

/** The statements that always leave the block: `return`, `throw`, `continue`, `break`. */
export function alwaysExits(statement: TSESTree.Statement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.ContinueStatement:
    case AST_NODE_TYPES.BreakStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement: {
      const last = statement.body.at(-1);
      return last !== undefined && alwaysExits(last);
    }
    case AST_NODE_TYPES.IfStatement:
      return statement.alternate !== null && alwaysExits(statement.consequent) && alwaysExits(statement.alternate);
    default:
      return false;
  }
}

/** A node's source on one line, shortened for a message. */
export function shortSource(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): string {
  const text = sourceCode.getText(node).replace(/\s+/gu, ' ');
  return text.length > 48 ? `${text.slice(0, 45)}...` : text;
}

/** What a function gives back: its `return` arguments (not those of nested functions), or an arrow's expression body. */
export function returnedValues(fn: FunctionNode): readonly TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  // Asked again at every call the engine follows into the function: one walk of its body per file.
  const known = returnedValuesOf.get(fn);
  if (known) return known;
  const found: TSESTree.Node[] = [];
  const visit = (node: TSESTree.Node, depth: number): void => {
    if (depth > 60) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) found.push(node.argument);
      return;
    }
    if (isFunction(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    for (const key of Object.keys(node) as (keyof typeof node)[]) {
      if (key === 'parent') continue;
      const value = node[key] as unknown;
      if (Array.isArray(value)) {
        for (const item of value) if (item && typeof item === 'object' && 'type' in item) visit(item as TSESTree.Node, depth + 1);
      } else if (value && typeof value === 'object' && 'type' in value) {
        visit(value as TSESTree.Node, depth + 1);
      }
    }
  };
  for (const statement of fn.body.body) visit(statement, 0);
  returnedValuesOf.set(fn, found);
  return found;
}

const returnedValuesOf = new WeakMap<FunctionNode, readonly TSESTree.Node[]>();

/** The operands of a `+` chain in source order, without recursion (chains can be hundreds long). */
export function plusOperands(node: TSESTree.Node): TSESTree.Node[] {
  const operands: TSESTree.Node[] = [];
  const pending: TSESTree.Node[] = [node];
  while (pending.length > 0) {
    const inner = unwrap(pending.pop()!);
    if (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === '+') pending.push(inner.right, inner.left);
    else operands.push(inner);
  }
  return operands;
}

/** The callee, without the `(0, module.fn)` wrapper of compiled code. */
export function calleeOf(call: TSESTree.CallExpression | TSESTree.NewExpression): TSESTree.Node {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.SequenceExpression ? (callee.expressions.at(-1) ?? callee) : callee;
}

/** Pushes a node's children on a walk's stack, last child first, so that they pop in source order. */
export function pushChildren(stack: TSESTree.Node[], node: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys): void {
  for (const key of visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) {
        const child = value[index] as TSESTree.Node | null;
        if (child && typeof child.type === 'string') stack.push(child);
      }
    } else if (value && typeof (value as TSESTree.Node).type === 'string') {
      stack.push(value as TSESTree.Node);
    }
  }
}

/**
 * The expression inside an argument that holds a path of it: `{ email: x }` and `['email']` give
 * `x`; where the path is not written out, the deepest part that is.
 */
export function nodeAtPath(argument: TSESTree.Node, path: readonly string[]): TSESTree.Node {
  let node = argument;
  for (const key of path) {
    const inner = unwrap(node);
    if (inner.type !== AST_NODE_TYPES.ObjectExpression) return node;
    const entry = inner.properties.findLast((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && keyName(candidate) === key);
    if (!entry) return node;
    node = entry.value;
  }
  return node;
}
