import { describe, expect, it } from 'vitest';
import { mergedResult, withCounts } from '../../src/cli/results.js';
import type { LintMessage, LintResult } from '../../src/report/types.js';

const message = (ruleId: string, line: number, column: number, severity: 1 | 2): LintMessage => ({ ruleId, line, column, severity, message: `${ruleId} at ${line}:${column}` }) as LintMessage;

const result = (messages: LintMessage[], suppressed: LintMessage[] = []): LintResult =>
  withCounts({ filePath: '/app/src/routes/orders.ts', messages, suppressedMessages: suppressed, usedDeprecatedRules: [] } as unknown as LintResult);

describe('mergedResult (a file linted by its own rules, then by the project checks)', () => {
  it('keeps every message in line and column order, with counts and suppressions of both passes', () => {
    const ownRules = result([message('persona/parameterized-queries', 13, 5, 2), message('persona/paginate-lists', 30, 3, 1)], [message('persona/no-secret-logging', 8, 1, 2)]);
    const projectChecks = result([message('persona/rate-limiting', 9, 1, 2), message('persona/require-auth', 13, 1, 2)]);
    const merged = mergedResult(ownRules, projectChecks);
    expect(merged.messages.map((entry) => `${entry.line}:${entry.column} ${entry.ruleId}`)).toEqual([
      '9:1 persona/rate-limiting',
      '13:1 persona/require-auth',
      '13:5 persona/parameterized-queries',
      '30:3 persona/paginate-lists',
    ]);
    expect(merged).toMatchObject({ filePath: '/app/src/routes/orders.ts', errorCount: 3, warningCount: 1, fatalErrorCount: 0 });
    expect(merged.suppressedMessages.map((entry) => entry.ruleId)).toEqual(['persona/no-secret-logging']);
  });
});
