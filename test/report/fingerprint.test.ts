import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintsOf, reportPath } from '../../src/report/fingerprint.js';
import type { LintMessage, LintResult } from '../../src/report/types.js';
import { CWD, USERS_PATH, USERS_SOURCE, message, result, sampleContext, sampleResults } from './sample.js';

const LOGGING = 'persona/no-secret-logging';
const ROUTES = path.join(CWD, 'src', 'routes.ts');
const ROUTES_SOURCE = [
  "import { logger } from './logger.js';",
  'export function login(token: string) {',
  '  logger.info(token);',
  '  doLogin(token);',
  '  logger.info(token);',
  '}',
].join('\n');
const PREPENDED = ['// A comment added above the finding.', "import { audit } from './audit.js';", '', ''];

function logged(line: number): LintMessage {
  return message({ ruleId: LOGGING, line, column: 3, endLine: line, endColumn: 21, message: 'Logs `token`, a secret.' });
}

function suppressedLogged(line: number) {
  return { ...logged(line), suppressions: [{ kind: 'directive', justification: '' }] };
}

function fingerprintsFor(results: LintResult[], sources: Record<string, string>): string[] {
  const fingerprints = fingerprintsOf(results, { cwd: CWD, sourceOf: (filePath) => sources[filePath] });
  return results.flatMap((entry) => [...entry.messages, ...entry.suppressedMessages].map((item) => fingerprints.get(item) ?? 'missing'));
}

describe('fingerprintsOf', () => {
  it('gives every reported and suppressed message a 32-digit hex fingerprint, all different', () => {
    const results = sampleResults();
    const fingerprints = fingerprintsOf(results, sampleContext());
    const all = results.flatMap((entry) => [...entry.messages, ...entry.suppressedMessages]);
    expect(all).toHaveLength(8);
    expect(fingerprints.size).toBe(8);
    for (const entry of all) expect(fingerprints.get(entry)).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(fingerprints.values()).size).toBe(8);
  });

  it('is unchanged when lines are inserted above the finding', () => {
    const before = fingerprintsFor([result(ROUTES, [logged(3), logged(5)])], { [ROUTES]: ROUTES_SOURCE });
    const shift = PREPENDED.length;
    const after = fingerprintsFor([result(ROUTES, [logged(3 + shift), logged(5 + shift)])], {
      [ROUTES]: [...PREPENDED, ROUTES_SOURCE].join('\n'),
    });
    expect(after).toEqual(before);
    expect(before[0]).not.toBe('missing');
  });

  it('is unchanged when the flagged line is only re-indented', () => {
    const before = fingerprintsFor([result(ROUTES, [logged(3)])], { [ROUTES]: ROUTES_SOURCE });
    const after = fingerprintsFor([result(ROUTES, [logged(3)])], { [ROUTES]: ROUTES_SOURCE.replace('  logger.info(token);', '\t\tlogger.info(token);  ') });
    expect(after).toEqual(before);
  });

  it('tells two identical findings in one file apart', () => {
    const [first, second] = fingerprintsFor([result(ROUTES, [logged(3), logged(5)])], { [ROUTES]: ROUTES_SOURCE });
    expect(first).not.toBe(second);
  });

  it('keeps the numbering of identical findings when one of them is suppressed', () => {
    const reported = fingerprintsFor([result(ROUTES, [logged(3), logged(5)])], { [ROUTES]: ROUTES_SOURCE });
    // Suppressed messages come after the reported ones in the result, but count in source order.
    const oneSuppressed = fingerprintsFor([result(ROUTES, [logged(5)], [suppressedLogged(3)])], { [ROUTES]: ROUTES_SOURCE });
    expect(oneSuppressed).toEqual([reported[1], reported[0]]);
  });

  it('differs between files with the same finding', () => {
    const other = path.join(CWD, 'src', 'admin.ts');
    const [here, there] = fingerprintsFor([result(ROUTES, [logged(3)]), result(other, [logged(3)])], {
      [ROUTES]: ROUTES_SOURCE,
      [other]: ROUTES_SOURCE,
    });
    expect(here).not.toBe(there);
  });

  it('differs between rules on the same line, and when the flagged code changes', () => {
    const sources = { [ROUTES]: ROUTES_SOURCE };
    const [logging] = fingerprintsFor([result(ROUTES, [logged(3)])], sources);
    const [other] = fingerprintsFor([result(ROUTES, [{ ...logged(3), ruleId: 'persona/no-sensitive-response' }])], sources);
    const [edited] = fingerprintsFor([result(ROUTES, [logged(3)])], { [ROUTES]: ROUTES_SOURCE.replace('logger.info(token);', 'logger.warn(token);') });
    expect(new Set([logging, other, edited]).size).toBe(3);
  });

  it('hashes every flagged line of a multi-line finding', () => {
    const span = (endLine: number) => ({ ...logged(3), endLine });
    const sources = { [ROUTES]: ROUTES_SOURCE };
    const [oneLine] = fingerprintsFor([result(ROUTES, [span(3)])], sources);
    const [twoLines] = fingerprintsFor([result(ROUTES, [span(4)])], sources);
    const [twoLinesEdited] = fingerprintsFor([result(ROUTES, [span(4)])], { [ROUTES]: ROUTES_SOURCE.replace('doLogin(token)', 'doLogin(token, true)') });
    expect(new Set([oneLine, twoLines, twoLinesEdited]).size).toBe(3);
  });

  it('falls back to the message text when the source is unavailable', () => {
    const withMessage = (text: string, line: number): LintMessage => ({ ...logged(line), message: text });
    const [a, b] = fingerprintsFor([result(ROUTES, [withMessage('Logs `token`.', 3), withMessage('Logs `token`.', 5)])], {});
    // Without the source, only the message and the order tell findings apart; the line still does not count.
    const [moved] = fingerprintsFor([result(ROUTES, [withMessage('Logs `token`.', 40)])], {});
    const [otherText] = fingerprintsFor([result(ROUTES, [withMessage('Logs `password`.', 3)])], {});
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(b).not.toBe(a);
    expect(moved).toBe(a);
    expect(otherText).not.toBe(a);
  });

  it('falls back to the message text when the source does not have the line', () => {
    const [pastTheEnd] = fingerprintsFor([result(ROUTES, [logged(99)])], { [ROUTES]: ROUTES_SOURCE });
    const [noSource] = fingerprintsFor([result(ROUTES, [logged(99)])], {});
    expect(pastTheEnd).toBe(noSource);
  });

  it('uses the ESLint result source when the context has none', () => {
    const withSource = { ...result(ROUTES, [logged(3)]), source: ROUTES_SOURCE };
    const [fromResult] = fingerprintsFor([withSource], {});
    const [fromContext] = fingerprintsFor([result(ROUTES, [logged(3)])], { [ROUTES]: ROUTES_SOURCE });
    expect(fromResult).toBe(fromContext);
  });

  it('does not depend on where the repository is checked out', () => {
    const elsewhere = path.resolve('/home/runner/work/app');
    const moved = USERS_PATH.replace(CWD, elsewhere);
    const here = fingerprintsOf(sampleResults().slice(0, 1), sampleContext());
    const movedResults = sampleResults().slice(0, 1).map((entry) => ({ ...entry, filePath: moved }));
    const there = fingerprintsOf(movedResults, { cwd: elsewhere, sourceOf: (filePath) => (filePath === moved ? USERS_SOURCE : undefined) });
    expect([...there.values()]).toEqual([...here.values()]);
  });
});

describe('reportPath', () => {
  it('is relative to cwd with forward slashes', () => {
    expect(reportPath(path.join(CWD, 'src', 'db', 'users.ts'), CWD)).toBe('src/db/users.ts');
    expect(reportPath(path.resolve('/elsewhere/x.ts'), CWD)).toBe('../elsewhere/x.ts');
    expect(reportPath('<text>', CWD)).toBe('<text>');
  });
});
