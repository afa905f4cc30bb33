import path from 'node:path';
import type { LintMessage, LintResult, ReportContext, RuleMeta } from '../../src/report/types.js';

/** Synthetic results as the CLI hands them to the formatters: two files with findings, a parse error, two suppressions. */
export const CWD = path.resolve('/repo');
export const DOCS = 'https://github.com/persona-lint/persona-lint/blob/main/docs/rules/';
export const STANDARDS = 'https://github.com/persona-lint/persona-lint/blob/main/docs/standards.md';

export const USERS_PATH = path.join(CWD, 'src', 'db', 'users.ts');
/** A name with every character that needs escaping somewhere: `#` and space in URIs, `%` `,` `:` in workflow commands. */
export const ODD_PATH = path.join(CWD, 'src', 'routes', 'users#v2 100%,x:y.ts');
export const BROKEN_PATH = path.join(CWD, 'src', 'broken.ts');

export const USERS_SOURCE = [
  "import { pool } from './pool.js';",
  '',
  'export async function findUser(id: string) {',
  '  return pool.query(`SELECT * FROM users WHERE id = ${id}`);',
  '}',
  '',
  'export async function findByEmail(email: string) {',
  "  return pool.query(`SELECT * FROM users WHERE email = '${email}'`);",
  '}',
  '',
  "const API_KEY = 'sk_live_51H8xYzAbCdEfGhIjKlMnOpQr';",
  '// eslint-disable-next-line persona/no-hardcoded-secrets -- test fixture key',
  "const TEST_KEY = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';",
].join('\n');

export const ODD_SOURCE = [
  "import { Router } from 'express';",
  'export const router = Router();',
  "router.get('/users', (req, res) => {",
  "  logger.info('login', { token: req.headers.authorization });",
  '  res.status(500).send(String(error));',
  '});',
  "router.get('/legacy', (req, res) => res.status(400).json({ msg: 'bad' }));",
].join('\n');

export const BROKEN_SOURCE = ['export function broken() {', '  return 1', '}}', ''].join('\n');

function rule(name: string, docs: NonNullable<RuleMeta['docs']>): [string, RuleMeta] {
  return [`persona/${name}`, { type: 'problem', docs: { recommended: true, url: `${DOCS}${name}.md`, ...docs } }];
}

export const RULES_META: Record<string, RuleMeta> = Object.fromEntries([
  rule('parameterized-queries', {
    description: 'Require parameterized SQL queries',
    standard: 'All SQL is parameterized',
    precision: 'high',
    securitySeverity: 9.1,
  }),
  rule('no-hardcoded-secrets', {
    description: 'Disallow hardcoded secrets, credentials and connection strings with inline passwords',
    standard: 'No hardcoded secrets or credentials',
    precision: 'high',
    securitySeverity: 7.5,
  }),
  rule('no-secret-logging', {
    description: 'Disallow logging secrets',
    standard: 'Secrets never reach the logs',
    precision: 'high',
    securitySeverity: 6.5,
  }),
  rule('error-envelope', {
    description: 'Require the standard error envelope in error responses',
    standard: 'Errors are answered with { error: { code, message } }',
    precision: 'medium',
  }),
  // Ran without findings: SARIF still lists it.
  rule('health-endpoint', {
    description: 'Require a health endpoint in every app (project check)',
    standard: 'A health endpoint exists',
    precision: 'high',
    projectCheck: true,
  }),
]);

export function message(fields: Partial<LintMessage> & Pick<LintMessage, 'line' | 'column' | 'message'>): LintMessage {
  return { ruleId: null, severity: 2, ...fields };
}

type Suppressed = LintResult['suppressedMessages'][number];

export function result(filePath: string, messages: LintMessage[], suppressedMessages: Suppressed[] = []): LintResult {
  const errors = messages.filter((entry) => entry.severity === 2);
  return {
    filePath,
    messages,
    suppressedMessages,
    errorCount: errors.length,
    fatalErrorCount: errors.filter((entry) => entry.fatal).length,
    warningCount: messages.length - errors.length,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  };
}

/** Fresh objects on every call: fingerprints are keyed by message identity. */
export function sampleResults(): LintResult[] {
  return [
    result(
      USERS_PATH,
      [
        message({ ruleId: 'persona/parameterized-queries', line: 4, column: 21, endLine: 4, endColumn: 59, message: 'SQL built from `id`: pass it as a parameter.' }),
        message({ ruleId: 'persona/parameterized-queries', line: 8, column: 21, endLine: 8, endColumn: 68, message: 'SQL built from `email`: pass it as a parameter.' }),
        message({ ruleId: 'persona/no-hardcoded-secrets', line: 11, column: 17, endLine: 11, endColumn: 52, message: 'Stripe live key in code.' }),
      ],
      [
        {
          ...message({ ruleId: 'persona/no-hardcoded-secrets', line: 13, column: 18, endLine: 13, endColumn: 50, message: 'Stripe test key in code.' }),
          suppressions: [{ kind: 'directive', justification: 'test fixture key' }],
        },
      ],
    ),
    result(
      ODD_PATH,
      [
        message({ ruleId: 'persona/no-secret-logging', line: 4, column: 3, endLine: 4, endColumn: 61, message: 'Logs `token`, a secret.' }),
        // No end position, as some project checks report.
        message({ ruleId: 'persona/error-envelope', severity: 1, line: 7, column: 47, message: 'Error response without the { error } envelope.' }),
      ],
      [
        {
          ...message({ ruleId: 'persona/error-envelope', severity: 1, line: 5, column: 3, endLine: 5, endColumn: 39, message: 'Error response without the { error } envelope.' }),
          suppressions: [{ kind: 'file', justification: '' }],
        },
      ],
    ),
    result(BROKEN_PATH, [message({ fatal: true, line: 3, column: 2, message: 'Parsing error: Declaration or statement expected.' })]),
  ];
}

const SOURCES = new Map([
  [USERS_PATH, USERS_SOURCE],
  [ODD_PATH, ODD_SOURCE],
  [BROKEN_PATH, BROKEN_SOURCE],
]);

export function sampleContext(overrides: Partial<ReportContext> = {}): ReportContext {
  return { cwd: CWD, rulesMeta: RULES_META, sourceOf: (filePath) => SOURCES.get(filePath), toolVersion: '0.1.0', ...overrides };
}
