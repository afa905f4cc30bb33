import type { LintMessage, LintResult } from '../report/types.js';

/** The result with its counts recomputed from its messages (after filtering or suppressing some). */
export function withCounts(result: LintResult, messages: LintMessage[] = result.messages): LintResult {
  const count = (severity: number, extra: (message: LintMessage) => boolean = () => true) =>
    messages.filter((message) => message.severity === severity && extra(message)).length;
  return {
    ...result,
    messages,
    errorCount: count(2),
    fatalErrorCount: count(2, (message) => message.fatal === true),
    warningCount: count(1),
    fixableErrorCount: count(2, (message) => message.fix !== undefined),
    fixableWarningCount: count(1, (message) => message.fix !== undefined),
  };
}

/** A file persona-lint could not check at all: reported like a parse error, so nothing is lost silently. */
export function failedResult(filePath: string, message: string): LintResult {
  return withCounts({
    filePath,
    messages: [{ ruleId: null, fatal: true, severity: 2, message, line: 1, column: 1 }],
    suppressedMessages: [],
    errorCount: 0,
    fatalErrorCount: 0,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  } as LintResult);
}

/** One file's results from two lint passes (its own rules, then the project checks), as one. */
export function mergedResult(first: LintResult, second: LintResult): LintResult {
  const messages = [...first.messages, ...second.messages].sort((a, b) => a.line - b.line || a.column - b.column);
  return withCounts({ ...first, suppressedMessages: [...first.suppressedMessages, ...second.suppressedMessages] }, messages);
}
