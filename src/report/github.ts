import { compareText, reportPath } from './fingerprint.js';
import type { LintMessage, LintResult, ReportContext } from './types.js';

const PARSE_ERROR_TITLE = 'persona-lint: parse error';
/** Findings listed in the job summary; the counts by rule cover the rest. */
export const SUMMARY_MAX_ROWS = 50;

interface Finding {
  readonly result: LintResult;
  readonly message: LintMessage;
  readonly path: string;
}

/** Workflow command data: the runner splits commands on line breaks and decodes `%`. */
function escapeData(text: string): string {
  return text.replace(/%/gu, '%25').replace(/\r/gu, '%0D').replace(/\n/gu, '%0A');
}

/** Property values are also split on `,` and `:`. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/gu, '%3A').replace(/,/gu, '%2C');
}

function securitySeverityOf(message: LintMessage, context: ReportContext): number {
  if (message.ruleId === null) return -1;
  return context.rulesMeta[message.ruleId]?.docs?.securitySeverity ?? 0;
}

/** Reported (not suppressed) messages, most severe first: GitHub shows only the first few annotations of each type. */
function findingsOf(results: readonly LintResult[], context: ReportContext): Finding[] {
  const findings = results.flatMap((result) =>
    result.messages.map((message) => ({ result, message, path: reportPath(result.filePath, context.cwd) })),
  );
  return findings.sort(
    (a, b) =>
      b.message.severity - a.message.severity ||
      Number(b.message.fatal === true) - Number(a.message.fatal === true) ||
      securitySeverityOf(b.message, context) - securitySeverityOf(a.message, context) ||
      compareText(a.path, b.path) ||
      a.message.line - b.message.line ||
      a.message.column - b.message.column ||
      compareText(a.message.ruleId ?? '', b.message.ruleId ?? ''),
  );
}

function titleOf(message: LintMessage): string {
  if (message.fatal) return PARSE_ERROR_TITLE;
  return message.ruleId ?? 'persona-lint';
}

function annotation({ message, path }: Finding): string {
  const properties: [string, string | number][] = [['file', path]];
  if (message.line >= 1) {
    properties.push(['line', message.line]);
    if (message.endLine !== undefined && message.endLine >= message.line) properties.push(['endLine', message.endLine]);
    if (message.column >= 1) properties.push(['col', message.column]);
    if (message.endColumn !== undefined && message.endLine !== undefined && message.endColumn >= 1) {
      properties.push(['endColumn', message.endColumn]);
    }
  }
  properties.push(['title', titleOf(message)]);
  const command = message.severity === 2 ? 'error' : 'warning';
  const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${command} ${list}::${escapeData(message.message)}`;
}

/** GitHub Actions workflow commands, one annotation per reported message. */
export function formatGithub(results: readonly LintResult[], context: ReportContext): string {
  const lines = findingsOf(results, context).map(annotation);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Markdown that renders as the text itself inside a table cell. */
function escapeCell(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~&]/gu, (character) => `\\${character}`)
    .replace(/\r\n|[\r\n\u2028\u2029]/gu, '<br>');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** What the summary calls a message's source: its rule, or the tool for a parse error. */
function labelOf(message: LintMessage): string {
  if (message.fatal) return 'parse error';
  return message.ruleId ?? 'persona-lint';
}

function ruleCell(label: string, context: ReportContext): string {
  const url = context.rulesMeta[label]?.docs?.url;
  const text = escapeCell(label);
  return url ? `[${text}](${encodeURI(url).replace(/[()]/gu, (paren) => (paren === '(' ? '%28' : '%29'))})` : text;
}

/** A Markdown summary for `$GITHUB_STEP_SUMMARY`: counts by rule, then the most severe findings. */
export function githubJobSummary(results: readonly LintResult[], context: ReportContext): string {
  const findings = findingsOf(results, context);
  const errors = findings.filter((finding) => finding.message.severity === 2).length;
  const warnings = findings.length - errors;
  const suppressed = results.reduce((count, result) => count + (result.suppressedMessages?.length ?? 0), 0);
  const files = new Set(findings.map((finding) => finding.path)).size;

  const lines = ['## persona-lint', ''];
  const suppressedNote = suppressed > 0 ? ` (${suppressed} suppressed)` : '';
  if (findings.length === 0) {
    lines.push(`No problems found in ${plural(results.length, 'file')}${suppressedNote}.`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`**${plural(errors, 'error')}, ${plural(warnings, 'warning')}** in ${plural(files, 'file')}${suppressedNote}.`, '');

  const byRule = new Map<string, { errors: number; warnings: number }>();
  for (const { message } of findings) {
    const counts = byRule.get(labelOf(message)) ?? { errors: 0, warnings: 0 };
    if (message.severity === 2) counts.errors++;
    else counts.warnings++;
    byRule.set(labelOf(message), counts);
  }
  lines.push('| Rule | Errors | Warnings | Security severity |', '| --- | ---: | ---: | ---: |');
  // findings are sorted most severe first, so the map's order ranks the rules the same way.
  for (const [label, counts] of byRule) {
    const severity = context.rulesMeta[label]?.docs?.securitySeverity;
    lines.push(`| ${ruleCell(label, context)} | ${counts.errors} | ${counts.warnings} | ${severity === undefined ? '' : severity.toFixed(1)} |`);
  }

  lines.push('', '| Severity | Rule | Location | Message |', '| --- | --- | --- | --- |');
  for (const { message, path } of findings.slice(0, SUMMARY_MAX_ROWS)) {
    const severity = message.severity === 2 ? 'error' : 'warning';
    const location = message.line >= 1 ? `${path}:${message.line}` : path;
    lines.push(`| ${severity} | ${ruleCell(labelOf(message), context)} | ${escapeCell(location)} | ${escapeCell(message.message)} |`);
  }
  const omitted = findings.length - SUMMARY_MAX_ROWS;
  if (omitted > 0) lines.push('', `${plural(omitted, 'more finding')} not shown.`);
  return `${lines.join('\n')}\n`;
}
