import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { unwrap } from './nodes.js';
import { findVariable, writesOf } from './variables.js';

const HOLE = '\u0000';
const MAX_SKELETON = 4000;

/**
 * The constant text of a string expression with a hole for every non-constant part, following
 * local variables (every write, in source order). Enough to tell whether the text is SQL.
 */
export function sqlSkeleton(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, depth = 0): string {
  if (depth > 8) return HOLE;
  const inner = unwrap(node);
  switch (inner.type) {
    case AST_NODE_TYPES.Literal:
      return typeof inner.value === 'string' ? inner.value : HOLE;
    case AST_NODE_TYPES.TemplateLiteral:
      return inner.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join(HOLE);
    case AST_NODE_TYPES.BinaryExpression:
      return inner.operator === '+'
        ? sqlSkeleton(sourceCode, inner.left, depth + 1) + sqlSkeleton(sourceCode, inner.right, depth + 1)
        : HOLE;
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariable(sourceCode, inner);
      if (variable?.defs[0]?.type !== 'Variable') return HOLE;
      let text = '';
      for (const write of writesOf(variable)) {
        if (write.path.length > 0 || write.element) continue;
        text += sqlSkeleton(sourceCode, write.value, depth + 1);
        if (text.length > MAX_SKELETON) break;
      }
      return text || HOLE;
    }
    default:
      return HOLE;
  }
}

// Anchored at the start; each alternative scans forward once, so matching is linear.
const SQL_STATEMENT =
  /^[\s(]*(?:select\b[^]*?\bfrom\b|insert\s+(?:ignore\s+)?into\b|update\b[^]*?\bset\b|delete\s+from\b|with\b[^]*?\bas\s*\(|merge\s+into\b|replace\s+into\b|upsert\b|(?:create|alter|drop|truncate)\s+(?:table|index|view|schema|database|function|trigger)\b|call\s+\w|exec(?:ute)?\s+\w|pragma\s+\w|show\s+(?:index|indexes|keys|columns|fields|tables|create|databases|schemas|variables|grants)\b|explain\s+\w|describe\s+\w|load\s+data\b|copy\s+\w[^]*?\b(?:from|to)\b)/iu;

export function looksLikeSql(skeleton: string): boolean {
  return SQL_STATEMENT.test(skeleton.replaceAll(HOLE, ' x ').slice(0, MAX_SKELETON));
}

/** Where a value sits in SQL text: right of a comparison, in LIMIT/OFFSET, or in a VALUES list. */
const VALUE_CONTEXT = /(?:=|<>|!=|<=|>=|<|>|\blike|\bilike|\blimit|\boffset|\bvalues\s*\((?:\s*'?\u0000'?\s*,)*)\s*$/iu;

export interface ParameterizedTemplate {
  /** The SQL text with placeholders, as a template literal without expressions. */
  readonly text: string;
  /** The source text of each value, in placeholder order. */
  readonly values: readonly string[];
}

/**
 * Rewrites `WHERE id = ${id} AND name = '${name}'` into numbered or positional placeholders,
 * when every interpolation is clearly a value (not an identifier or a fragment of SQL).
 * `quotesAllowed` is false for tagged templates, where a quoted `${}` would become a literal.
 */
export function parameterizeTemplate(
  sourceCode: TSESLint.SourceCode,
  template: TSESTree.TemplateLiteral,
  placeholder: (index: number) => string,
  quotesAllowed: boolean,
): ParameterizedTemplate | undefined {
  if (template.expressions.length === 0) return undefined;
  const raws = template.quasis.map((quasi) => quasi.value.raw);
  let before = '';
  let text = '';
  const values: string[] = [];
  for (let index = 0; index < template.expressions.length; index++) {
    let head = raws[index]!;
    let tail = raws[index + 1]!;
    const quoted = head.endsWith("'") && tail.startsWith("'");
    if (quoted && !quotesAllowed) return undefined;
    if (quoted) {
      head = head.slice(0, -1);
      tail = tail.slice(1);
      raws[index + 1] = tail;
    } else if (head.endsWith("'") || tail.startsWith("'") || head.endsWith('%') || tail.startsWith('%')) {
      return undefined;
    }
    before += head;
    if (!VALUE_CONTEXT.test(before)) return undefined;
    before += HOLE;
    text += head + (quotesAllowed ? placeholder(index) : '${' + sourceCode.getText(template.expressions[index]!) + '}');
    values.push(sourceCode.getText(template.expressions[index]!));
  }
  text += raws.at(-1)!;
  return { text: '`' + text + '`', values };
}
