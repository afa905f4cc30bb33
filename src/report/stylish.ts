import { styler } from './ansi.js';
import type { LintResult } from './types.js';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * ESLint's stylish report, with one difference: the message comes last but one and the rule
 * last, without padding the messages to the longest one, so that a 300-character message does
 * not push every line of the report past 300 columns. Same on ESLint 9 and 10.
 */
export function formatStylish(results: readonly LintResult[], color: boolean): string {
  const style = styler(color);
  let errors = 0;
  let warnings = 0;
  const blocks: string[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    const rows = result.messages.map((message) => ({
      location: `${message.line || 0}:${message.column || 0}`,
      error: message.fatal === true || message.severity === 2,
      // ESLint drops a message's final full stop.
      text: message.message.replace(/([^ ])\.$/u, '$1'),
      rule: message.ruleId ?? '',
    }));
    const locationWidth = Math.max(...rows.map((row) => row.location.length));
    const severityWidth = rows.some((row) => !row.error) ? 'warning'.length : 'error'.length;
    const lines = rows.map((row) => {
      const severity = row.error ? style('red', 'error') : style('yellow', 'warning');
      const padding = ' '.repeat(severityWidth - (row.error ? 'error' : 'warning').length);
      return `  ${style('dim', row.location.padStart(locationWidth))}  ${severity}${padding}  ${row.text}${row.rule ? `  ${style('dim', row.rule)}` : ''}`;
    });
    blocks.push(`${style('underline', result.filePath)}\n${lines.join('\n')}`);
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = `\u2716 ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  return `\n${blocks.join('\n\n')}\n\n${style('bold', style(errors > 0 ? 'red' : 'yellow', summary))}\n`;
}
