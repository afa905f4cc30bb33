import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

export type Variable = TSESLint.Scope.Variable;

/**
 * The variable an identifier names, looked up from the innermost scope around it outwards.
 * `getScope` already gives that innermost scope. ASTUtils.findVariable searches it again for a child scope
 * holding the identifier, checking every child: for a name at the top level of a bundle with thousands
 * of functions, each lookup then costs thousands of steps, and a file costs the square of its size.
 */
export function findVariable(sourceCode: TSESLint.SourceCode, identifier: TSESTree.Identifier): Variable | undefined {
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier); scope; scope = scope.upper) {
    const variable = scope.set.get(identifier.name);
    if (variable) return variable;
  }
  return undefined;
}

/** How a value reached a variable. */
export interface Write {
  /** The assigned expression (for `+=`, the right-hand side). */
  readonly value: TSESTree.Node;
  /** Property keys from the assigned value to the variable, for destructuring. */
  readonly path: readonly string[];
  /** The value is one element of `value` (`for (const x of value)`). */
  readonly element: 'of' | 'in' | undefined;
}

/** Property keys from a destructuring pattern's root down to `name`; `[]` marks array elements. */
function patternPath(name: TSESTree.Node, root: TSESTree.Node): string[] | undefined {
  const path: string[] = [];
  let current: TSESTree.Node = name;
  while (current !== root) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.Property && parent.value === current) {
      const key = parent.computed ? undefined : parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : undefined;
      if (key === undefined && parent.key.type === AST_NODE_TYPES.Literal) path.unshift(String(parent.key.value));
      else if (key === undefined) return undefined;
      else path.unshift(key);
    } else if (parent.type === AST_NODE_TYPES.ArrayPattern) {
      path.unshift('[]');
    } else if (
      parent.type !== AST_NODE_TYPES.AssignmentPattern &&
      parent.type !== AST_NODE_TYPES.ObjectPattern &&
      parent.type !== AST_NODE_TYPES.RestElement
    ) {
      return undefined;
    }
    current = parent;
  }
  return path;
}

/** Every value written to the variable: its initializer, assignments and loop heads. */
export function writesOf(variable: Variable): Write[] {
  const writes: Write[] = [];
  for (const reference of variable.references) {
    const value = reference.writeExpr;
    if (!reference.isWrite() || !value) continue;
    const parent = value.parent;
    const element =
      parent?.type === AST_NODE_TYPES.ForOfStatement && parent.right === value
        ? 'of'
        : parent?.type === AST_NODE_TYPES.ForInStatement && parent.right === value
          ? 'in'
          : undefined;
    const target = reference.identifier;
    let root: TSESTree.Node | undefined;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator) root = parent.id;
    else if (parent?.type === AST_NODE_TYPES.AssignmentExpression) root = parent.left;
    else if (element) {
      const left = (parent as TSESTree.ForOfStatement).left;
      root = left.type === AST_NODE_TYPES.VariableDeclaration ? left.declarations[0]?.id : left;
    }
    const path = root && root !== target ? patternPath(target, root) : [];
    if (path === undefined) continue;
    writes.push({ value, path, element });
  }
  return writes;
}

/** The parameter definition of a variable, with the function and the parameter's position. */
export function parameterOf(
  variable: Variable,
): { fn: TSESTree.FunctionLike; index: number; name: TSESTree.Identifier; destructured: boolean } | undefined {
  const definition = variable.defs[0];
  if (definition?.type !== 'Parameter') return undefined;
  const fn = definition.node as TSESTree.FunctionLike;
  const name = definition.name as TSESTree.Identifier;
  const index = fn.params.findIndex((param) => {
    const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    const target = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
    return target === name || (target.range[0] <= name.range[0] && name.range[1] <= target.range[1]);
  });
  if (index < 0) return undefined;
  const param = fn.params[index]!;
  const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  const target = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
  return { fn, index, name, destructured: target !== name };
}
