import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintsOf } from '../../src/report/fingerprint.js';
import { formatGitlab, type CodeQualityIssue } from '../../src/report/gitlab.js';
import type { LintResult } from '../../src/report/types.js';
import { CWD, message, result, sampleContext, sampleResults } from './sample.js';

function issuesOf(results: LintResult[], context = sampleContext()): CodeQualityIssue[] {
  return JSON.parse(formatGitlab(results, context)) as CodeQualityIssue[];
}

const ODD = 'src/routes/users#v2 100%,x:y.ts';
const SERVICE = path.join(CWD, 'src', 'service.ts');
const SERVICE_SOURCE = [
  'export function handler(req, res) {',
  '  db.query("SELECT * FROM t WHERE id = " + req.params.id);',
  '  audit();',
  '  db.query("SELECT * FROM t WHERE id = " + req.params.id);',
  '}',
].join('\n');

function serviceResult(shift: number): LintResult {
  const finding = (line: number) =>
    message({ ruleId: 'persona/parameterized-queries', line: line + shift, column: 3, endLine: line + shift, endColumn: 58, message: 'SQL built from `req.params.id`.' });
  return result(SERVICE, [finding(2), finding(4)]);
}

function serviceContext(prepended: string[]) {
  const source = [...prepended, SERVICE_SOURCE].join('\n');
  return sampleContext({ sourceOf: (filePath) => (filePath === SERVICE ? source : undefined) });
}

describe('formatGitlab', () => {
  it('lists reported messages as Code Quality issues with severities by level and security severity', () => {
    const results = sampleResults();
    const fingerprints = fingerprintsOf(results, sampleContext());
    const fingerprint = (file: number, index: number) => fingerprints.get(results[file]!.messages[index]!);
    expect(issuesOf(results)).toEqual([
      {
        description: 'persona/parameterized-queries: SQL built from `id`: pass it as a parameter.',
        check_name: 'persona/parameterized-queries',
        fingerprint: fingerprint(0, 0),
        severity: 'critical',
        location: { path: 'src/db/users.ts', lines: { begin: 4, end: 4 } },
      },
      {
        description: 'persona/parameterized-queries: SQL built from `email`: pass it as a parameter.',
        check_name: 'persona/parameterized-queries',
        fingerprint: fingerprint(0, 1),
        severity: 'critical',
        location: { path: 'src/db/users.ts', lines: { begin: 8, end: 8 } },
      },
      {
        description: 'persona/no-hardcoded-secrets: Stripe live key in code.',
        check_name: 'persona/no-hardcoded-secrets',
        fingerprint: fingerprint(0, 2),
        severity: 'major',
        location: { path: 'src/db/users.ts', lines: { begin: 11, end: 11 } },
      },
      {
        description: 'persona/no-secret-logging: Logs `token`, a secret.',
        check_name: 'persona/no-secret-logging',
        fingerprint: fingerprint(1, 0),
        severity: 'major',
        location: { path: ODD, lines: { begin: 4, end: 4 } },
      },
      {
        description: 'persona/error-envelope: Error response without the { error } envelope.',
        check_name: 'persona/error-envelope',
        fingerprint: fingerprint(1, 1),
        severity: 'minor',
        location: { path: ODD, lines: { begin: 7, end: 7 } },
      },
      {
        description: 'persona-lint/parse-error: Parsing error: Declaration or statement expected.',
        check_name: 'persona-lint/parse-error',
        fingerprint: fingerprint(2, 0),
        severity: 'blocker',
        location: { path: 'src/broken.ts', lines: { begin: 3, end: 3 } },
      },
    ]);
    for (const issue of issuesOf(results)) expect(issue.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('leaves suppressed messages out', () => {
    const issues = issuesOf(sampleResults());
    expect(issues.some((issue) => issue.description.includes('Stripe test key'))).toBe(false);
    expect(issues.filter((issue) => issue.check_name === 'persona/error-envelope').map((issue) => issue.location.lines.begin)).toEqual([7]);
  });

  it('keeps fingerprints when lines are inserted above the findings', () => {
    const before = issuesOf([serviceResult(0)], serviceContext([]));
    const after = issuesOf([serviceResult(3)], serviceContext(['import { db } from "./db.js";', '', '// handlers']));
    expect(after.map((issue) => issue.location.lines.begin)).toEqual([5, 7]);
    expect(after.map((issue) => issue.fingerprint)).toEqual(before.map((issue) => issue.fingerprint));
  });

  it('gives identical findings in one file different fingerprints, and the same finding in another file another one', () => {
    const [first, second] = issuesOf([serviceResult(0)], serviceContext([]));
    expect(first!.fingerprint).not.toBe(second!.fingerprint);
    const copy = path.join(CWD, 'src', 'copy.ts');
    const both = issuesOf([serviceResult(0), { ...serviceResult(0), filePath: copy }], sampleContext({ sourceOf: () => SERVICE_SOURCE }));
    expect(new Set(both.map((issue) => issue.fingerprint)).size).toBe(4);
    expect(both.map((issue) => issue.location.path)).toEqual(['src/service.ts', 'src/service.ts', 'src/copy.ts', 'src/copy.ts']);
  });

  it('spans multi-line findings and puts file-level findings on line 1', () => {
    const issues = issuesOf([
      result(SERVICE, [
        message({ ruleId: 'persona/error-envelope', severity: 1, line: 2, column: 3, endLine: 4, endColumn: 2, message: 'multi' }),
        message({ ruleId: 'persona/health-endpoint', severity: 2, line: 0, column: 0, message: 'No health endpoint.' }),
      ]),
    ]);
    expect(issues.map((issue) => [issue.severity, issue.location.lines])).toEqual([
      ['minor', { begin: 2, end: 4 }],
      ['major', { begin: 1, end: 1 }],
    ]);
  });

  it('prints an empty array without findings', () => {
    expect(formatGitlab([result(SERVICE, [])], sampleContext())).toBe('[]');
  });
});
