import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { alwaysExits, calleeParts, isFunction, unwrap } from '../ast/nodes.js';
import { findVariable, type Variable } from '../ast/variables.js';
import { isConstant, keys, type Value } from './value.js';

type Check = 'allowed' | 'rejected' | undefined;

const RELATIONAL: ReadonlySet<string> = new Set(['<', '<=', '>', '>=']);

/**
 * Allowlist checks before a use: `if (!ALLOWED.includes(sort)) throw ...`, `ALLOWED.includes(sort) ?
 * sort : 'id'`, `if (dir !== 'asc' && dir !== 'desc') return`. Where one holds, the variable can
 * only be one of the listed constants. Also upper-bound comparisons (`caps`), which leave the value
 * what it is but no larger than the bound.
 */
export class AllowlistGuards {
  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly valueOf: (node: TSESTree.Node) => Value,
  ) {}

  /** Whether the use of the variable only runs when the variable passed an allowlist check. */
  admits(variable: Variable, use: TSESTree.Node): boolean {
    let child: TSESTree.Node = use;
    // Within a few hundred levels: deeper, the code is generated and an allowlist check is not looked for.
    for (let current = use.parent, levels = 0; current && !isFunction(child) && levels < 400; child = current, current = current.parent, levels++) {
      if ((current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) && current.test !== child) {
        const check = this.check(current.test, variable);
        if (current.consequent === child && check === 'allowed') return true;
        if (current.alternate === child && check === 'rejected') return true;
      }
      const statements =
        current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program
          ? current.body
          : current.type === AST_NODE_TYPES.SwitchCase
            ? current.consequent
            : undefined;
      if (!statements) continue;
      for (const statement of statements) {
        if (statement === child) break;
        if (statement.type === AST_NODE_TYPES.IfStatement && alwaysExits(statement.consequent) && this.check(statement.test, variable) === 'rejected') return true;
      }
    }
    return false;
  }

  /**
   * Whether the use of the variable only runs where the variable was compared with an upper bound:
   * in the branch of a `?:` or `if` where `n <= bound` holds (`n > 100 ? 100 : n`), or after an
   * `if (n > bound)` that leaves (`throw`, `return`) or writes the variable (`n = 100`).
   */
  caps(variable: Variable, use: TSESTree.Node): boolean {
    if (!variable.references.some((reference) => reference.identifier.parent?.type === AST_NODE_TYPES.BinaryExpression && RELATIONAL.has(reference.identifier.parent.operator))) return false;
    let child: TSESTree.Node = use;
    for (let current = use.parent; current && !isFunction(child); child = current, current = current.parent) {
      if ((current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) && current.test !== child) {
        if (current.consequent === child && this.upperBound(current.test, variable, true)) return true;
        if (current.alternate === child && this.upperBound(current.test, variable, false)) return true;
      }
      const statements = current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program ? current.body : current.type === AST_NODE_TYPES.SwitchCase ? current.consequent : undefined;
      if (!statements) continue;
      for (const statement of statements) {
        if (statement === child) break;
        if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate || !this.upperBound(statement.test, variable, false)) continue;
        const body = statement.consequent;
        if (alwaysExits(body) || variable.references.some((reference) => reference.isWrite() && reference.identifier.range[0] >= body.range[0] && reference.identifier.range[1] <= body.range[1])) return true;
      }
    }
    return false;
  }

  /** Whether, where `test` is `holds`, the variable is no larger than something (`n < max` true, `n > max` false). */
  private upperBound(test: TSESTree.Node, variable: Variable, holds: boolean): boolean {
    const node = unwrap(test);
    if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return this.upperBound(node.argument, variable, !holds);
    if (node.type === AST_NODE_TYPES.LogicalExpression) {
      const left = this.upperBound(node.left, variable, holds);
      const right = this.upperBound(node.right, variable, holds);
      // Where `a && b` holds, both do; where `a || b` fails, both fail.
      return (node.operator === '&&') === holds ? left || right : left && right;
    }
    if (node.type !== AST_NODE_TYPES.BinaryExpression || !RELATIONAL.has(node.operator)) return false;
    const below = node.operator === '<' || node.operator === '<=';
    if (this.isVariable(node.left, variable)) return below === holds;
    if (this.isVariable(node.right, variable)) return below !== holds;
    return false;
  }

  /** Whether `test` holds when the variable is in a constant allowlist (`allowed`) or when it is not (`rejected`). */
  private check(test: TSESTree.Node, variable: Variable): Check {
    const node = unwrap(test);
    const flip = (result: Check): Check => (result === 'allowed' ? 'rejected' : result === 'rejected' ? 'allowed' : undefined);
    if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return flip(this.check(node.argument, variable));
    if (node.type === AST_NODE_TYPES.LogicalExpression) {
      const left = this.check(node.left, variable);
      const right = this.check(node.right, variable);
      if (node.operator === '&&' && left === 'rejected' && right === 'rejected') return 'rejected';
      if (node.operator === '||' && left === 'allowed' && right === 'allowed') return 'allowed';
      // `!sort || !ALLOWED.includes(sort)` rejects as well.
      if (node.operator === '||' && (left === 'rejected' || right === 'rejected')) return 'rejected';
      if (node.operator === '&&' && (left === 'allowed' || right === 'allowed')) return 'allowed';
      return undefined;
    }
    if (node.type === AST_NODE_TYPES.BinaryExpression) {
      const { left, right, operator } = node;
      if (operator === 'in') return this.isVariable(left, variable) && this.isConstantCollection(right) ? 'allowed' : undefined;
      const literalSide = left.type === AST_NODE_TYPES.Literal ? left : right.type === AST_NODE_TYPES.Literal ? right : undefined;
      const otherSide = literalSide === left ? right : left;
      if (literalSide && this.isVariable(otherSide, variable) && literalSide.value !== null) {
        if (operator === '===' || operator === '==') return 'allowed';
        if (operator === '!==' || operator === '!=') return 'rejected';
      }
      // `ALLOWED.indexOf(x) === -1`
      const call = unwrap(left);
      if (call.type === AST_NODE_TYPES.CallExpression && this.collectionCheck(call, variable)) {
        const value = right.type === AST_NODE_TYPES.UnaryExpression && right.operator === '-' ? -1 : right.type === AST_NODE_TYPES.Literal ? right.value : undefined;
        if ((operator === '===' || operator === '==') && value === -1) return 'rejected';
        if (operator === '<' && value === 0) return 'rejected';
        if ((operator === '!==' || operator === '!=') && value === -1) return 'allowed';
        if ((operator === '>=' && value === 0) || (operator === '>' && value === -1)) return 'allowed';
      }
      return undefined;
    }
    if (node.type === AST_NODE_TYPES.CallExpression && this.collectionCheck(node, variable)) return 'allowed';
    return undefined;
  }

  /** `ALLOWED.includes(x)`, `set.has(x)`, `Object.hasOwn(MAP, x)`, `MAP.hasOwnProperty(x)`, `ALLOWED.indexOf(x)`. */
  private collectionCheck(call: TSESTree.CallExpression, variable: Variable): boolean {
    const { object, name } = calleeParts(call);
    if (!object || name === undefined) return false;
    const [first, second] = call.arguments;
    if (name === 'hasOwn' && isNamed(object, 'Object')) return !!first && !!second && this.isVariable(second, variable) && this.isConstantCollection(first);
    if (name !== 'includes' && name !== 'has' && name !== 'hasOwnProperty' && name !== 'indexOf') return false;
    if (!first || !this.isVariable(first, variable)) return false;
    const collection = unwrap(object);
    if (collection.type === AST_NODE_TYPES.CallExpression) {
      const inner = calleeParts(collection);
      if (inner.object && isNamed(inner.object, 'Object') && inner.name === 'keys' && collection.arguments[0]) return this.isConstantCollection(collection.arguments[0]);
    }
    return this.isConstantCollection(collection) || isConstant(keys(this.valueOf(collection), collection));
  }

  /** A collection of constants: an array or object literal of literals, an import, an enum, `this.allowed`. */
  private isConstantCollection(node: TSESTree.Node): boolean {
    const inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.Identifier) {
      const definition = findVariable(this.sourceCode, inner)?.defs[0];
      if (definition?.type === 'ImportBinding' || definition?.type === 'TSEnumName') return true;
    }
    if (inner.type === AST_NODE_TYPES.MemberExpression && unwrap(inner.object).type === AST_NODE_TYPES.ThisExpression) return true;
    const value = this.valueOf(inner);
    return value.length > 0 && value.every((atom) => (atom.kind === 'array' && isConstant(atom.elements)) || (atom.kind === 'object' && [...atom.properties.values()].every(isConstant) && isConstant(atom.rest)));
  }

  private isVariable(node: TSESTree.Node, variable: Variable): boolean {
    const inner = unwrap(node);
    return inner.type === AST_NODE_TYPES.Identifier && inner.name === variable.name && findVariable(this.sourceCode, inner) === variable;
  }
}

function isNamed(node: TSESTree.Node, name: string): boolean {
  const inner = unwrap(node);
  return inner.type === AST_NODE_TYPES.Identifier && inner.name === name;
}
