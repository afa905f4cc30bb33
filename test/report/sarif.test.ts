import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { fingerprintsOf } from '../../src/report/fingerprint.js';
import { formatSarif } from '../../src/report/sarif.js';
import { BROKEN_PATH, CWD, DOCS, ODD_PATH, STANDARDS, USERS_PATH, message, result, sampleContext, sampleResults } from './sample.js';

const SCHEMA_PATH = new URL('../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', import.meta.url);
const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
/** RFC 3986 characters, with `%` only as the start of an escape. */
const URI_REFERENCE = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/u;
// The package is CommonJS: under NodeNext its default import types as the module, whose `default` is the class.
const ajv = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: false });
// No ajv-formats here: check the formats SARIF uses, so that an unencoded uri fails validation.
ajv.addFormat('uri-reference', URI_REFERENCE);
ajv.addFormat('uri', (value: string) => URI_REFERENCE.test(value) && /^[A-Za-z][A-Za-z0-9+.-]*:/u.test(value));
ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
const validate = ajv.compile(schema);

/* eslint-disable @typescript-eslint/no-explicit-any -- SARIF is read back as plain JSON */
function sarifOf(results = sampleResults(), context = sampleContext()): any {
  return JSON.parse(formatSarif(results, context));
}
const ODD_URI = 'src/routes/users%23v2%20100%25%2Cx%3Ay.ts';

describe('formatSarif', () => {
  it('is valid SARIF 2.1.0', () => {
    const log = sarifOf();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The validator rejects what the schema forbids, so the check above can fail.
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ...log.runs[0].results[0], level: 'fatal' }] }] })).toBe(false);
    expect(validate({ ...log, runs: [{ ...log.runs[0], originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///my repo/' } } }] })).toBe(false);
  });

  it('is valid SARIF without findings too', () => {
    const log = sarifOf([result(USERS_PATH, [])]);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('prints the log with two-space indentation', () => {
    const text = formatSarif(sampleResults(), sampleContext());
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2));
    expect(text.startsWith('{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",')).toBe(true);
  });

  it('describes the tool and every rule that ran', () => {
    const [run] = sarifOf().runs;
    expect(run.tool.driver).toMatchObject({ name: 'persona-lint', version: '0.1.0', informationUri: 'https://github.com/persona-lint/persona-lint' });
    expect(run.tool.driver.rules.map((rule: any) => rule.id)).toEqual([
      'persona/error-envelope',
      'persona/health-endpoint',
      'persona/no-hardcoded-secrets',
      'persona/no-secret-logging',
      'persona/parameterized-queries',
    ]);
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('gives a security rule the fields code scanning reads', () => {
    const rule = sarifOf().runs[0].tool.driver.rules.find((entry: any) => entry.id === 'persona/parameterized-queries');
    expect(rule).toEqual({
      id: 'persona/parameterized-queries',
      shortDescription: { text: 'Require parameterized SQL queries' },
      fullDescription: { text: 'Standard: All SQL is parameterized. Require parameterized SQL queries.' },
      help: {
        text: `Standard: All SQL is parameterized. Require parameterized SQL queries. See ${DOCS}parameterized-queries.md Why it matters: ${STANDARDS}#parameterized-queries`,
        markdown: `**persona/parameterized-queries**: Require parameterized SQL queries.\n\nStandard: All SQL is parameterized. [Why it matters](${STANDARDS}#parameterized-queries)\n\n[Documentation of persona/parameterized-queries](${DOCS}parameterized-queries.md)`,
      },
      helpUri: `${DOCS}parameterized-queries.md`,
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'persona'], precision: 'high', 'security-severity': '9.1', 'problem.severity': 'error' },
    });
  });

  it('gives a rule without security severity no security tag, and a rule without findings the default level', () => {
    const rules = sarifOf().runs[0].tool.driver.rules;
    const envelope = rules.find((entry: any) => entry.id === 'persona/error-envelope');
    expect(envelope.properties).toEqual({ tags: ['persona'], precision: 'medium', 'problem.severity': 'warning' });
    expect(envelope.defaultConfiguration).toEqual({ level: 'warning' });
    const health = rules.find((entry: any) => entry.id === 'persona/health-endpoint');
    expect(health.defaultConfiguration).toEqual({ level: 'warning' });
    expect(health.helpUri).toBe(`${DOCS}health-endpoint.md`);
  });

  it('reports each finding with its rule, level, relative uri, region and fingerprint', () => {
    const results = sampleResults();
    const fingerprints = fingerprintsOf(results, sampleContext());
    const run = sarifOf(results).runs[0];
    expect(run.results).toHaveLength(7);
    const [first] = run.results;
    expect(first).toEqual({
      ruleId: 'persona/parameterized-queries',
      ruleIndex: 4,
      level: 'error',
      message: { text: 'SQL built from `id`: pass it as a parameter.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/db/users.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 4, startColumn: 21, endLine: 4, endColumn: 59 },
          },
        },
      ],
      partialFingerprints: { 'personaFingerprint/v1': fingerprints.get(results[0]!.messages[0]!) },
    });
    expect(first.partialFingerprints['personaFingerprint/v1']).toMatch(/^[0-9a-f]{32}$/);
    for (const entry of run.results) expect(run.tool.driver.rules[entry.ruleIndex].id).toBe(entry.ruleId);
    expect(new Set(run.results.map((entry: any) => entry.partialFingerprints['personaFingerprint/v1'])).size).toBe(7);
  });

  it('percent-encodes special characters in uris and leaves out a missing end position', () => {
    const run = sarifOf().runs[0];
    const envelope = run.results.find((entry: any) => entry.ruleId === 'persona/error-envelope' && !entry.suppressions);
    expect(envelope.level).toBe('warning');
    expect(envelope.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: ODD_URI, uriBaseId: '%SRCROOT%' },
      region: { startLine: 7, startColumn: 47 },
    });
    expect(decodeURIComponent(ODD_URI)).toBe(path.relative(CWD, ODD_PATH));
  });

  it('marks directive suppressions as in source and baseline suppressions as external', () => {
    const run = sarifOf().runs[0];
    const suppressed = run.results.filter((entry: any) => entry.suppressions);
    expect(suppressed.map((entry: any) => [entry.ruleId, entry.locations[0].physicalLocation.region.startLine, entry.suppressions])).toEqual([
      ['persona/no-hardcoded-secrets', 13, [{ kind: 'inSource', justification: 'test fixture key' }]],
      ['persona/error-envelope', 5, [{ kind: 'external' }]],
    ]);
  });

  it('reports a parse error as a failed invocation, not as a result', () => {
    const run = sarifOf().runs[0];
    expect(run.results.some((entry: any) => entry.locations[0].physicalLocation.artifactLocation.uri === 'src/broken.ts')).toBe(false);
    expect(run.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: 'Parsing error: Declaration or statement expected.' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'src/broken.ts', uriBaseId: '%SRCROOT%' },
                  region: { startLine: 3, startColumn: 2 },
                },
              },
            ],
          },
        ],
      },
    ]);
    const withoutParseError = sarifOf(sampleResults().filter((entry) => entry.filePath !== BROKEN_PATH)).runs[0];
    expect(withoutParseError.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('adds a descriptor for a rule missing from rulesMeta, and places files outside cwd by absolute uri', () => {
    const outside = path.resolve('/elsewhere/lib.ts');
    const log = sarifOf([result(outside, [message({ ruleId: 'no-eval', severity: 1, line: 0, column: 0, message: 'eval is evil.' })])]);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const [run] = log.runs;
    const [finding] = run.results;
    expect(run.tool.driver.rules[finding.ruleIndex]).toMatchObject({ id: 'no-eval', shortDescription: { text: 'no-eval' }, defaultConfiguration: { level: 'warning' } });
    // Line 0 is the file as a whole: no region.
    expect(finding.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'file:///elsewhere/lib.ts' } });
  });
});
