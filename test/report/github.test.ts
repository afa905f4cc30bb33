import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUMMARY_MAX_ROWS, formatGithub, githubJobSummary } from '../../src/report/github.js';
import { CWD, DOCS, USERS_PATH, message, result, sampleContext, sampleResults } from './sample.js';

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe('formatGithub', () => {
  it('prints one annotation per reported message, parse errors and the most severe security findings first', () => {
    expect(formatGithub(sampleResults(), sampleContext())).toBe(
      [
        '::error file=src/broken.ts,line=3,col=2,title=persona-lint%3A parse error::Parsing error: Declaration or statement expected.',
        '::error file=src/db/users.ts,line=4,endLine=4,col=21,endColumn=59,title=persona/parameterized-queries::SQL built from `id`: pass it as a parameter.',
        '::error file=src/db/users.ts,line=8,endLine=8,col=21,endColumn=68,title=persona/parameterized-queries::SQL built from `email`: pass it as a parameter.',
        '::error file=src/db/users.ts,line=11,endLine=11,col=17,endColumn=52,title=persona/no-hardcoded-secrets::Stripe live key in code.',
        '::error file=src/routes/users#v2 100%25%2Cx%3Ay.ts,line=4,endLine=4,col=3,endColumn=61,title=persona/no-secret-logging::Logs `token`, a secret.',
        '::warning file=src/routes/users#v2 100%25%2Cx%3Ay.ts,line=7,col=47,title=persona/error-envelope::Error response without the { error } envelope.',
        '',
      ].join('\n'),
    );
  });

  it('escapes %, CR and LF in messages, and also : and , in property values', () => {
    const weird = path.join(CWD, 'src', 'a:b,c%d\r\ne.ts');
    const output = formatGithub(
      [result(weird, [message({ ruleId: 'persona/no-secret-logging', line: 2, column: 1, message: 'Logs 100%: token,\r\nthen\nmore' })])],
      sampleContext(),
    );
    expect(output).toBe('::error file=src/a%3Ab%2Cc%25d%0D%0Ae.ts,line=2,col=1,title=persona/no-secret-logging::Logs 100%25: token,%0D%0Athen%0Amore\n');
    expect(lines(output)).toHaveLength(1);
  });

  it('escapes a rule id used as a title', () => {
    const output = formatGithub([result(USERS_PATH, [message({ ruleId: 'other:rule,x', severity: 1, line: 1, column: 1, message: 'm' })])], sampleContext());
    expect(output).toBe('::warning file=src/db/users.ts,line=1,col=1,title=other%3Arule%2Cx::m\n');
  });

  it('orders errors before warnings, then by security severity, file and line', () => {
    const a = path.join(CWD, 'a.ts');
    const b = path.join(CWD, 'b.ts');
    const finding = (ruleId: string, severity: 1 | 2, line: number) => message({ ruleId, severity, line, column: 1, message: `${ruleId}@${line}` });
    const results = [
      result(b, [finding('persona/error-envelope', 2, 1), finding('persona/parameterized-queries', 1, 2), finding('persona/no-secret-logging', 2, 3)]),
      result(a, [finding('persona/no-secret-logging', 2, 9), finding('persona/error-envelope', 2, 5), finding('persona/no-hardcoded-secrets', 2, 1)]),
    ];
    const order = lines(formatGithub(results, sampleContext())).map((line) => `${/file=([^,]+)/u.exec(line)?.[1]} ${line.split('::')[2]}`);
    expect(order).toEqual([
      'a.ts persona/no-hardcoded-secrets@1',
      'a.ts persona/no-secret-logging@9',
      'b.ts persona/no-secret-logging@3',
      'a.ts persona/error-envelope@5',
      'b.ts persona/error-envelope@1',
      // A warning stays below every error, whatever its security severity.
      'b.ts persona/parameterized-queries@2',
    ]);
  });

  it('prints nothing without reported messages, suppressed ones included', () => {
    const [users] = sampleResults();
    expect(formatGithub([{ ...users!, messages: [] }], sampleContext())).toBe('');
  });
});

describe('githubJobSummary', () => {
  it('counts by rule with links, and lists the findings most severe first', () => {
    expect(githubJobSummary(sampleResults(), sampleContext())).toBe(
      [
        '## persona-lint',
        '',
        '**5 errors, 1 warning** in 3 files (2 suppressed).',
        '',
        '| Rule | Errors | Warnings | Security severity |',
        '| --- | ---: | ---: | ---: |',
        '| parse error | 1 | 0 |  |',
        `| [persona/parameterized-queries](${DOCS}parameterized-queries.md) | 2 | 0 | 9.1 |`,
        `| [persona/no-hardcoded-secrets](${DOCS}no-hardcoded-secrets.md) | 1 | 0 | 7.5 |`,
        `| [persona/no-secret-logging](${DOCS}no-secret-logging.md) | 1 | 0 | 6.5 |`,
        `| [persona/error-envelope](${DOCS}error-envelope.md) | 0 | 1 |  |`,
        '',
        '| Severity | Rule | Location | Message |',
        '| --- | --- | --- | --- |',
        '| error | parse error | src/broken.ts:3 | Parsing error: Declaration or statement expected. |',
        `| error | [persona/parameterized-queries](${DOCS}parameterized-queries.md) | src/db/users.ts:4 | SQL built from \\\`id\\\`: pass it as a parameter. |`,
        `| error | [persona/parameterized-queries](${DOCS}parameterized-queries.md) | src/db/users.ts:8 | SQL built from \\\`email\\\`: pass it as a parameter. |`,
        `| error | [persona/no-hardcoded-secrets](${DOCS}no-hardcoded-secrets.md) | src/db/users.ts:11 | Stripe live key in code. |`,
        `| error | [persona/no-secret-logging](${DOCS}no-secret-logging.md) | src/routes/users#v2 100%,x:y.ts:4 | Logs \\\`token\\\`, a secret. |`,
        `| warning | [persona/error-envelope](${DOCS}error-envelope.md) | src/routes/users#v2 100%,x:y.ts:7 | Error response without the { error } envelope. |`,
        '',
      ].join('\n'),
    );
  });

  it('escapes pipes, newlines and markup in cells', () => {
    const summary = githubJobSummary(
      [result(path.join(CWD, 'a|b.ts'), [message({ ruleId: 'persona/no-secret-logging', line: 1, column: 1, message: 'a | b\r\nc\n<script>x</script>' })])],
      sampleContext(),
    );
    const row = summary.split('\n').find((line) => line.startsWith('| error |'));
    expect(row).toBe(`| error | [persona/no-secret-logging](${DOCS}no-secret-logging.md) | a\\|b.ts:1 | a \\| b<br>c<br>\\<script\\>x\\</script\\> |`);
  });

  it(`caps the table at ${SUMMARY_MAX_ROWS} rows and says how many were left out`, () => {
    const many = Array.from({ length: SUMMARY_MAX_ROWS + 12 }, (_, index) =>
      message({ ruleId: 'persona/no-secret-logging', line: index + 1, column: 1, message: `finding ${index + 1}` }),
    );
    const summary = githubJobSummary([result(USERS_PATH, many)], sampleContext());
    const rows = summary.split('\n').filter((line) => line.startsWith('| error |'));
    expect(rows).toHaveLength(SUMMARY_MAX_ROWS);
    expect(rows.at(-1)).toContain(`| src/db/users.ts:${SUMMARY_MAX_ROWS} | finding ${SUMMARY_MAX_ROWS} |`);
    expect(summary).toContain(`| [persona/no-secret-logging](${DOCS}no-secret-logging.md) | ${SUMMARY_MAX_ROWS + 12} | 0 | 6.5 |`);
    expect(summary.endsWith('\n12 more findings not shown.\n')).toBe(true);
  });

  it('says so when nothing was found', () => {
    expect(githubJobSummary([result(USERS_PATH, [])], sampleContext())).toBe('## persona-lint\n\nNo problems found in 1 file.\n');
  });
});
