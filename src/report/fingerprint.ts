import { createHash } from 'node:crypto';
import path from 'node:path';
import type { LintMessage, LintResult, ReportContext } from './types.js';

/** The line breaks ESLint counts lines by, so that `message.line` indexes the same lines. */
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/u;
/** A finding spanning a whole function must not hash the whole function: its first lines are enough. */
const MAX_LINES = 20;
const MAX_TEXT = 500;
const HEX_LENGTH = 32;

/** The path of a linted file as reports print it: relative to `cwd`, with `/`. */
export function reportPath(filePath: string, cwd: string): string {
  // Virtual names such as `<text>` are not paths: keep them as they are.
  if (!path.isAbsolute(filePath)) return filePath.split(path.sep).join('/');
  const relative = path.relative(cwd, filePath);
  // On another drive (Windows) there is no relative path.
  if (path.isAbsolute(relative)) return filePath.split(path.sep).join('/');
  return relative.split(path.sep).join('/');
}

/** Every message of a result, reported or suppressed, in source order. */
export function allMessages(result: LintResult): LintMessage[] {
  return [...result.messages, ...(result.suppressedMessages ?? [])];
}

/** The flagged lines with whitespace collapsed, or undefined when the source does not have them. */
function flaggedText(source: string | undefined, message: LintMessage): string | undefined {
  if (source === undefined || message.line < 1) return undefined;
  const lines = source.split(LINE_BREAK);
  if (message.line > lines.length) return undefined;
  const endLine = Math.min(Math.max(message.endLine ?? message.line, message.line), lines.length, message.line + MAX_LINES - 1);
  const text = lines
    .slice(message.line - 1, endLine)
    .join(' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return text === '' ? undefined : text.slice(0, MAX_TEXT);
}

function bySourcePosition(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column || compareText(a.ruleId ?? '', b.ruleId ?? '') || compareText(a.message, b.message);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A fingerprint of every message (reported and suppressed) that survives edits elsewhere in the
 * file: it hashes the rule, the path and the flagged text, never the line number. Identical
 * findings in one file are told apart by their order among themselves.
 */
export function fingerprintsOf(
  results: readonly LintResult[],
  context: Pick<ReportContext, 'cwd' | 'sourceOf'>,
): Map<LintMessage, string> {
  const fingerprints = new Map<LintMessage, string>();
  const occurrences = new Map<string, number>();
  for (const result of results) {
    const filePath = reportPath(result.filePath, context.cwd);
    const source = context.sourceOf(result.filePath) ?? result.source;
    // Suppressed and reported messages share one order, so suppressing one finding does not renumber the others.
    for (const message of allMessages(result).sort(bySourcePosition)) {
      const text = flaggedText(source, message);
      // The prefix keeps a line of code from colliding with a message of the same wording.
      const content = text === undefined ? `message:${message.message}` : `source:${text}`;
      const key = JSON.stringify([message.ruleId ?? '', filePath, content]);
      const index = occurrences.get(key) ?? 0;
      occurrences.set(key, index + 1);
      const hash = createHash('sha256').update(`${key}\u0000${index}`).digest('hex');
      fingerprints.set(message, hash.slice(0, HEX_LENGTH));
    }
  }
  return fingerprints;
}
