import type { CompiledPersona, CompiledStatement } from './compile.js';

export interface CoverageSummary {
  readonly statements: number;
  readonly enforced: number;
  readonly notCheckable: number;
  readonly notUnderstood: number;
  /** Rules the document turns on. */
  readonly rules: number;
}

export function coverageSummary(persona: CompiledPersona): CoverageSummary {
  const count = (status: CompiledStatement['outcome']['status']) => persona.statements.filter((statement) => statement.outcome.status === status).length;
  return {
    statements: persona.statements.length,
    enforced: count('enforced'),
    notCheckable: count('not checkable'),
    notUnderstood: count('not understood'),
    rules: Object.keys(persona.rules).length,
  };
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const optionsText = (options: Readonly<Record<string, unknown>>) => (Object.keys(options).length === 0 ? '' : ` ${JSON.stringify(options)}`);

export interface ReportOptions {
  /** The document's name in the report. */
  readonly name: string;
  /** Every rule of the plugin, by full id: the ones the document leaves off are listed. */
  readonly allRules: readonly string[];
  /**
   * Show each statement's text (the command does), or only its kind: a report that must not
   * carry the document's words (the tests' expected reports of documents that are not ours).
   */
  readonly quote: boolean;
}

/**
 * The coverage report of a persona document as a table: each statement with its line and what
 * became of it, then the rules the document turns on (with the lines that state them) and the
 * rules it leaves off.
 */
export function coverageTable(persona: CompiledPersona, { name, allRules, quote }: ReportOptions): string {
  const summary = coverageSummary(persona);
  const lines = [
    `${name}: ${plural(summary.statements, 'statement')}: ${summary.enforced} enforced by ${plural(summary.rules, 'rule')}, ${summary.notCheckable} not checkable by a linter, ${summary.notUnderstood} not understood`,
    '',
  ];
  const width = String(persona.statements.at(-1)?.line ?? 1).length;
  const indent = ' '.repeat(width + 2 + 16);
  for (const statement of persona.statements) {
    const { outcome } = statement;
    const what = quote ? statement.text : `${statement.kind}${statement.language === undefined ? '' : ` (${statement.language || 'untagged'})`}`;
    lines.push(`${String(statement.line).padStart(width)}  ${outcome.status.padEnd(14)}  ${what}`);
    if (outcome.status === 'enforced') {
      for (const use of outcome.rules) lines.push(`${indent}→ persona/${use.rule} (${use.severity})${optionsText(use.options)}`);
      for (const note of outcome.notes) lines.push(`${indent}  note: ${note}`);
    } else {
      lines.push(`${indent}${outcome.reason}`);
    }
  }
  const on = Object.entries(persona.rules);
  lines.push('', `Rules the document turns on (${on.length}):`);
  if (on.length === 0) lines.push('  none: nothing would be checked');
  const ruleWidth = Math.max(0, ...on.map(([rule]) => rule.length));
  for (const [rule, [severity, options]] of on) {
    const stated = persona.sources[rule]!.map((source) => source.line).join(', ');
    lines.push(`  ${rule.padEnd(ruleWidth)}  ${severity.padEnd(5)}  line${persona.sources[rule]!.length === 1 ? '' : 's'} ${stated}${optionsText(options)}`);
  }
  const off = allRules.filter((rule) => !(rule in persona.rules));
  lines.push('', `Rules it leaves off, since it does not state their standard (${off.length}): ${off.join(', ') || 'none'}`);
  return `${lines.join('\n')}\n`;
}

/** The same report as data. */
export function coverageJson(persona: CompiledPersona, { name, allRules }: Omit<ReportOptions, 'quote'>): string {
  const rules = Object.fromEntries(Object.entries(persona.rules).map(([rule, [severity, options]]) => [rule, { severity, options, lines: persona.sources[rule]!.map((source) => source.line) }]));
  const statements = persona.statements.map((statement) => ({
    line: statement.line,
    kind: statement.kind,
    ...(statement.language === undefined ? {} : { language: statement.language }),
    text: statement.text,
    status: statement.outcome.status,
    ...(statement.outcome.status === 'enforced'
      ? { rules: statement.outcome.rules.map((use) => ({ rule: `persona/${use.rule}`, severity: use.severity, options: use.options })), notes: statement.outcome.notes }
      : { reason: statement.outcome.reason }),
  }));
  const off = allRules.filter((rule) => !(rule in persona.rules));
  return `${JSON.stringify({ document: name, summary: coverageSummary(persona), statements, rules, off }, null, 2)}\n`;
}
