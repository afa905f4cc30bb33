import tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-hardcoded-secrets.js';
import { DEFAULT_TEST_FILE_PATTERNS, matchesSinkPattern, SECRET_SINKS, slotPathText, TOKEN_FORMATS, type SecretSink, type SecretSlot } from '../../src/catalog/secrets.js';
import { matchesGlob } from '../../src/ast/test-files.js';
import { lintFixture, readFixtures } from '../fixture-annotations.js';
import { slowInputs } from '../linear-time.js';

const ruleTester = new RuleTester();

const rotate = 'Anyone who can read the code can use it: read it from the environment or a secret manager, and rotate this one.';

// rule-tester pins its own copy of @typescript-eslint/utils, whose types differ only nominally.
ruleTester.run('no-hardcoded-secrets', rule as never, {
  valid: [
    {
      name: 'secrets read from the environment',
      code: "import jwt from 'jsonwebtoken';\nexport const sign = (sub: string) => jwt.sign({ sub }, process.env.JWT_SECRET!, { expiresIn: '15m' });",
    },
    {
      name: 'a placeholder fallback',
      code: "export const secret = process.env.SESSION_SECRET ?? 'dev-only-change-me';",
    },
    {
      name: 'names that only look sensitive',
      code: "export const TOKEN_HEADER = 'x-auth-token';\nexport const passwordPolicy = 'min12-upper-digit';\nexport const accessKeyId = 'Lk8Vq3Zt6Wn1Xr4M';",
    },
    {
      name: 'a call the rule does not know as a secret sink',
      code: "import { sign } from './signing';\nexport const signature = sign(process.env.KEY!, 'Wq8Lz3Xv7Kt2Rn5M');",
    },
    {
      name: 'ignoreTestFiles (default) skips test files',
      code: "export const apiKey = 'Pg4Wz9Lq2Xt7Kn3Vr8Mb';",
      filename: 'src/payments/gateway.test.ts',
    },
    {
      name: 'ignoreTestFiles (default) skips fixtures folders',
      code: "export const apiKey = 'Pg4Wz9Lq2Xt7Kn3Vr8Mb';",
      filename: 'fixtures/gateway.ts',
    },
    {
      name: 'testFilePatterns replaces the defaults',
      code: "export const apiKey = 'Pg4Wz9Lq2Xt7Kn3Vr8Mb';",
      filename: 'src/sandbox/gateway.ts',
      options: [{ testFilePatterns: ['**/sandbox/**'] }],
    },
    {
      name: 'allowedValues exempts a known public value',
      code: "export const apiKey = 'pub_Gv7Lq2Zx9Wt4Kn8R';",
      options: [{ allowedValues: ['pub_Gv7Lq2Zx9Wt4Kn8R'] }],
    },
    {
      name: 'allowedNames exempts a name that holds no secret here',
      code: "export const lexerToken = 'Gv7Lq2Zx9Wt4Kn8R';",
      options: [{ allowedNames: ['lexerToken'] }],
    },
    {
      name: 'minEntropy: a higher threshold leaves a lower-entropy name-only value alone',
      code: "export const apiKey = 'abc123abc123xyz9';",
      options: [{ minEntropy: 3.5 }],
    },
    {
      name: 'published examples of token formats',
      code: "export const docs = ['AKIAIOSFODNN7EXAMPLE', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'];",
    },
    {
      name: 'connection strings without a password, or with one built from the environment',
      code: "export const a = 'postgres://localhost:5432/app';\nexport const b = `postgres://app:${process.env.PGPASSWORD}@db:5432/app`;\nexport const c = 'redis://:@localhost:6379';",
    },
  ],
  invalid: [
    {
      name: 'a short session secret names the library option and says it looks like a default',
      code: "import session from 'express-session';\nexport const sessions = session({ secret: 'devpw', resave: false });",
      errors: [{ messageId: 'placeholderSecret', data: { where: 'Option `secret` of `session()` (express-session)', what: 'session secret', value: '5 characters' }, line: 2 }],
    },
    {
      name: 'a constant given to a factory that passes it to a library, converted on the way',
      code: "import { jwtVerify } from 'jose';\nconst verifier = (key: string) => (token: string) => jwtVerify(token, new TextEncoder().encode(key));\nexport const verify = verifier('Jv2Lq8Zx4Tk7Rm3W');",
      errors: [{ messageId: 'secretInCode', data: { where: 'Argument 2 of `jwtVerify()` (jose)', what: 'JWT key', value: '`Jv2L\u2026`, 16 characters' }, line: 3 }],
    },
    {
      name: 'a phrase as the fallback of a credential\'s environment variable, also behind a mistyped |',
      code: "export const config = {\n  jwtSecret: process.env.JWT_SECRET | 'superSecretPassword',\n  sessionSecret: process.env.SESSION_SECRET || 'keepItSecretKeepItSafe',\n  cookieName: process.env.COOKIE_NAME || 'sessionCookieName',\n};",
      errors: [
        { messageId: 'secretInCode', data: { where: '`jwtSecret`', what: 'secret', value: '`supe\u2026`, 19 characters' }, line: 2 },
        { messageId: 'secretInCode', data: { where: '`sessionSecret`', what: 'secret', value: '`keep\u2026`, 22 characters' }, line: 3 },
      ],
    },
    {
      name: 'a default password inline in a connection string is still a credential in the code, with a message that says it looks like a default',
      code: "export const c = 'amqp://guest:guest@localhost';",
      errors: [{ messageId: 'placeholderInConnectionString', data: { scheme: 'amqp', url: 'amqp://guest:****@localhost' } }],
    },
    {
      name: 'a constant reaching a library secret through a local is reported where it is written, whatever it looks like',
      code: "import jwt from 'jsonwebtoken';\nconst secret = 'SuperSecret';\nexport const sign = (sub: string) => jwt.sign({ sub }, secret);",
      errors: [{ messageId: 'secretInCode', line: 2 }],
    },
    {
      name: 'a known token format names the format and shows only a redacted prefix',
      code: "export const client = { token: 'ghp_1c74XvSwVALmqrMAmM0jB95YDaFO0gC8uyUx' };",
      errors: [{ messageId: 'knownTokenFormat', data: { format: 'a GitHub token', value: '`ghp_\u2026`, 40 characters' }, line: 1, column: 32 }],
    },
    {
      name: 'the secret argument of jwt.sign, resolved through the import',
      code: "import jwt from 'jsonwebtoken';\nexport const sign = (sub: string) => jwt.sign({ sub }, 'Xr7bN2qLw9Tz4VkC');",
      errors: [
        {
          messageId: 'secretInCode',
          data: { where: 'Argument 2 of `jwt.sign()` (jsonwebtoken)', what: 'JWT signing secret', value: '`Xr7b\u2026`, 16 characters' },
          line: 2,
        },
      ],
    },
    {
      name: 'a short secret shows only its length',
      code: "import session from 'express-session';\nexport const middleware = session({ secret: 'keyboard cat', resave: false });",
      errors: [{ messageId: 'secretInCode', data: { where: 'Option `secret` of `session()` (express-session)', what: 'session secret', value: '12 characters' } }],
    },
    {
      name: 'a database password in a pg pool',
      code: "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db', password: 'Pg!rders2024#prod' });",
      errors: [{ messageId: 'secretInCode', data: { where: 'Option `password` of `new Pool()` (pg)', what: 'database password', value: '`Pg!r\u2026`, 17 characters' } }],
    },
    {
      name: 'a secret by its name',
      code: "export const STRIPE_WEBHOOK_SECRET = 'Wh7Kq3Zx8Lt2Vn5Rm9Pb';",
      errors: [{ messageId: 'secretInCode', data: { where: '`STRIPE_WEBHOOK_SECRET`', what: 'secret', value: '`Wh7K\u2026`, 20 characters' } }],
    },
    {
      name: 'an Authorization header: the scheme is not part of the secret',
      code: "export const headers = { Authorization: 'Bearer 7fK2pQ9xLm4Vt8Rz1Nc6Wb3Hs5Jd0Ya' };",
      errors: [{ messageId: 'secretInCode', data: { where: 'Header `Authorization`', what: 'credential', value: '`7fK2\u2026`, 31 characters' } }],
    },
    {
      name: 'a connection string: the password is masked in the message',
      code: "export const url = 'postgres://reporting:Rp8xT3vQ9mLz@db.internal:5432/reporting';",
      errors: [{ messageId: 'credentialsInConnectionString', data: { scheme: 'postgres', url: 'postgres://reporting:****@db.internal:5432/reporting' } }],
    },
    {
      name: 'a fallback that is itself a real-looking secret',
      code: "export const secret = process.env.PREVIEW_SECRET ?? 'Pv8Qz3Lw7Xk2Tn5R';",
      errors: [{ messageId: 'secretInCode', data: { where: '`secret`', what: 'secret', value: '`Pv8Q\u2026`, 16 characters' } }],
    },
    {
      name: 'ignoreTestFiles: false reports test files too',
      code: "export const apiKey = 'Pg4Wz9Lq2Xt7Kn3Vr8Mb';",
      filename: 'src/payments/gateway.test.ts',
      options: [{ ignoreTestFiles: false }],
      errors: [{ messageId: 'secretInCode', data: { where: '`apiKey`', what: 'API key', value: '`Pg4W\u2026`, 20 characters' } }],
    },
    {
      name: 'testFilePatterns: files outside the configured patterns are checked',
      code: "export const apiKey = 'Pg4Wz9Lq2Xt7Kn3Vr8Mb';",
      filename: 'src/payments/gateway.test.ts',
      options: [{ testFilePatterns: ['**/sandbox/**'] }],
      errors: [{ messageId: 'secretInCode' }],
    },
    {
      name: 'allowedValues exempts only the listed value',
      code: "export const keys = { current: 'Pg4Wz9Lq2Xt7Kn3Vr8Mb', apiKey: 'Qh5Xa0Mr3Yu8Lo4Ws9Nc' };",
      options: [{ allowedValues: ['Pg4Wz9Lq2Xt7Kn3Vr8Mb'] }],
      errors: [{ messageId: 'secretInCode', data: { where: '`apiKey`', what: 'API key', value: '`Qh5X\u2026`, 20 characters' } }],
    },
    {
      name: 'allowedNames exempts names, not token formats',
      code: "export const lexerToken = 'ghp_1c74XvSwVALmqrMAmM0jB95YDaFO0gC8uyUx';",
      options: [{ allowedNames: ['lexerToken'] }],
      errors: [{ messageId: 'knownTokenFormat' }],
    },
    {
      name: 'minEntropy: a lower threshold reports a lower-entropy name-only value',
      code: "export const apiKey = 'abab1212abab1299';",
      options: [{ minEntropy: 2 }],
      errors: [{ messageId: 'secretInCode', data: { where: '`apiKey`', what: 'API key', value: '`abab\u2026`, 16 characters' } }],
    },
    {
      name: 'minEntropy: a secret slot needs one bit less than a name',
      code: "import jwt from 'jsonwebtoken';\nexport const t = jwt.sign({}, 'abab1212abab1299');\nexport const apiKey = 'abab1212abab1299';",
      options: [{ minEntropy: 3 }],
      errors: [{ messageId: 'secretInCode', line: 2 }],
    },
  ],
});

/** Inputs that make backtracking regular expressions take quadratic or exponential time. */
const SIZE = 100_000;
const adversarial: Record<string, string> = {
  letters: 'a'.repeat(SIZE),
  jwtStarts: 'eyJ-'.repeat(SIZE / 4),
  jwtNoDot: `eyJ${'a'.repeat(SIZE)}`,
  jwtTwoParts: `eyJ${'a'.repeat(SIZE / 2)}.eyJ${'a'.repeat(SIZE / 2)}.`,
  githubRuns: 'ghp_'.repeat(SIZE / 4),
  openAiNoMarker: `sk-proj-${'a'.repeat(SIZE)}!`,
  openAiMarkers: `sk-${'T3BlbkFJ'.repeat(SIZE / 8)}`,
  pemHeaders: '-----BEGIN '.repeat(SIZE / 11),
  pemSpaces: `-----BEGIN PRIVATE KEY-----${' '.repeat(SIZE)}`,
  azure: `AccountKey=${'a'.repeat(SIZE)}!`,
  slack: 'xoxb-'.repeat(SIZE / 5),
  slackHook: `hooks.slack.com/services/${'a/'.repeat(SIZE / 2)}`,
  schemes: 'postgres://'.repeat(SIZE / 11),
  userinfo: `postgres://${'a:'.repeat(SIZE / 2)}`,
  semicolons: `${';'.repeat(SIZE)}server=x;password=y`,
  equals: `${'a=b;'.repeat(SIZE / 4)}server=x;password=Zx8Lq2Wv7Kt4`,
  separators: 'a-'.repeat(SIZE / 2),
  camel: 'aA'.repeat(SIZE / 2),
  punctuation: `${'!'.repeat(SIZE / 2)}a${'!'.repeat(SIZE / 2)}`,
  sendgrid: 'SG.'.repeat(SIZE / 3),
};

const lint = (code: string, filename = 'src/app.ts') =>
  new Linter({ configType: 'flat' }).verify(
    code,
    [{ files: ['**/*.ts'], plugins: { persona: { rules: { 'no-hardcoded-secrets': rule } } as never }, languageOptions: { parser: tsParser as never }, rules: { 'persona/no-hardcoded-secrets': 'error' } }],
    { filename },
  );

describe('messages', () => {
  it('say what is wrong and what to do, and never print the secret', () => {
    const messages = lint(
      "export const STRIPE_WEBHOOK_SECRET = 'Wh7Kq3Zx8Lt2Vn5Rm9Pb';\nexport const pubsub = 'rediss://:Hq7Tz2Wx9Lc4Vb8N@pubsub.internal:6380/0';\nexport const npm = 'npm_lJTCAaOnLmSAe0CfBAg68xazOtsL0qMLsWAF';",
    );
    expect(messages.map((message) => message.message)).toEqual([
      `\`STRIPE_WEBHOOK_SECRET\`: a hardcoded secret (\`Wh7K\u2026\`, 20 characters) is in the source. ${rotate}`,
      'The rediss connection string `rediss://:****@pubsub.internal:6380/0` has its password inline. Read the URL or the password from the environment or a secret manager, and rotate this password.',
      'This string contains an npm access token (`npm_\u2026`, 40 characters). A credential in the source is exposed to everyone who can read the code: revoke and rotate it, and read the new one from the environment or a secret manager.',
    ]);
    for (const secret of ['Wh7Kq3Zx8Lt2Vn5Rm9Pb', 'Hq7Tz2Wx9Lc4Vb8N', 'lJTCAaOnLmSAe0CfBAg68xazOtsL0qMLsWAF']) {
      expect(messages.some((message) => message.message.includes(secret.slice(4)))).toBe(false);
    }
  });

  it('offer no suggestions: moving a secret is not a safe rewrite', () => {
    const [message] = lint("export const apiKey = 'Pg4Wz9Lq2Xt7Kn3Vr8Mb';");
    expect(message?.suggestions).toBeUndefined();
    expect(message?.fix).toBeUndefined();
  });
});

describe('regular expressions run in linear time', () => {
  it.each(TOKEN_FORMATS.map((format) => [format.id, format] as const))('%s takes under 100 ms on every 100 KB adversarial input', (_id, format) => {
    expect(slowInputs(adversarial, (input) => expect([...input.matchAll(format.pattern)].length).toBeLessThan(SIZE))).toEqual([]);
  });

  it('the rule takes under 1 s on each 100 KB adversarial literal in every kind of place', () => {
    const slow: string[] = [];
    for (const [inputName, input] of Object.entries(adversarial)) {
      const literal = JSON.stringify(input);
      const code = [
        "import jwt from 'jsonwebtoken';",
        `export const apiKey = ${literal};`,
        `export const signed = jwt.sign({}, ${literal});`,
        `export const headers = { Authorization: ${literal} };`,
        `export const template = \`${input.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${')}\${process.env.X}\`;`,
      ].join('\n');
      const started = performance.now();
      const messages = lint(code, 'src/adversarial.ts');
      const elapsed = performance.now() - started;
      expect(messages.filter((message) => message.fatal)).toEqual([]);
      if (elapsed > 1000) slow.push(`${inputName}: ${elapsed.toFixed(0)} ms`);
    }
    expect(slow).toEqual([]);
  });
});

describe('test file globs', () => {
  it('match test files and leave application files alone', () => {
    const isTest = (path: string) => DEFAULT_TEST_FILE_PATTERNS.some((pattern) => matchesGlob(path, pattern));
    expect(['src/users.test.ts', 'src/__tests__/users.ts', 'test/app.js', 'packages/api/tests/e2e.ts', 'fixtures/keys.ts', 'src/users.spec.js'].filter(isTest)).toHaveLength(6);
    expect(['src/users.ts', 'src/testing-utils.ts', 'src/latest/contest.ts', 'src/fixtures.ts'].filter(isTest)).toEqual([]);
  });

  it('treats a glob without a slash as a file name pattern', () => {
    expect(matchesGlob('src/deep/seed-data.ts', 'seed-*.ts')).toBe(true);
    expect(matchesGlob('src/deep/seed-data.ts', 'seed-*.js')).toBe(false);
  });

  it('stays fast on long paths with many stars', () => {
    const path = `${'a/'.repeat(2000)}b.ts`;
    const started = performance.now();
    expect(matchesGlob(path, '**/*a*a*a*a*a*/**/x/**/*.test.*')).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

/** A report in a library's secret slot, read back from its message. */
interface SlotReport {
  readonly slot: string;
  readonly callee: string;
  readonly module: string;
  readonly what: string;
}

const SLOT_REPORT = /^(?:Argument (\d+)|Option `([^`]+)`) of `(?:new )?([^`]*)\([^`]*\)` \(([^)]+)\)(?:, from `[^`]+`)?: a hardcoded (.+?) \(/u;

function slotReports(): SlotReport[] {
  return readFixtures('no-hardcoded-secrets').flatMap((fixture) =>
    lintFixture('no-hardcoded-secrets', rule as never, fixture).flatMap((message) => {
      const match = SLOT_REPORT.exec(message.message);
      if (!match) return [];
      const [, argument, path, callee, module, what] = match;
      return [{ slot: argument ? `argument ${argument}` : `option ${path}`, callee: callee!.split('.').at(-1)!, module: module!, what: what! }];
    }),
  );
}

const lastName = (callee: string) => callee.slice(callee.lastIndexOf('.') + 1);

/** The report is of this slot: the argument, or the option's path (`*` any key). */
function isOfSlot(slot: SecretSlot, report: SlotReport): boolean {
  const wildcard = slot.path.indexOf('*');
  if (wildcard >= 0) return report.slot.startsWith(`option ${slot.path.slice(0, wildcard).join('.')}.`);
  return report.slot === (slot.path.length === 0 ? `argument ${slot.argument + 1}` : `option ${slotPathText(slot.path)}`);
}

/**
 * The entry a report comes from: the one of its module, kind of secret and slot, or where several
 * are, the one whose callee has the called name (the code may rename an import).
 */
function entryOf(report: SlotReport): SecretSink | undefined {
  const candidates = SECRET_SINKS.filter(
    (sink) => sink.modules.some((pattern) => matchesSinkPattern(pattern, report.module)) && sink.what === report.what && sink.slots.some((slot) => isOfSlot(slot, report)),
  );
  if (candidates.length <= 1) return candidates[0];
  return candidates.find((sink) => (sink.plugin ? report.callee === 'register' : sink.callees.map(lastName).includes(report.callee)));
}

describe('catalog of secret-bearing arguments', () => {
  const reports = slotReports();
  const fixtures = readFixtures('no-hardcoded-secrets');

  it.each(SECRET_SINKS.map((sink) => [`${sink.modules.join(', ')} ${sink.callees.join(' ')}`, sink] as const))(
    '%s: fixtures report a secret in each of its slots, and a fixture that uses the library has a near miss',
    (_name, sink) => {
      const unreported = sink.slots.filter((slot) => !reports.some((report) => entryOf(report) === sink && isOfSlot(slot, report)));
      expect(unreported, `slots of ${sink.modules[0]} that no fixture reports`).toEqual([]);
      const users = fixtures.filter((fixture) => sink.modules.some((pattern) => new RegExp(`['"]${pattern.replace(/[.+/]/gu, '\\$&').replace('*', '[^\'"]+')}['"]`, 'u').test(fixture.code)));
      expect(users.some((fixture) => fixture.nearMisses.length > 0), `a fixture that imports ${sink.modules[0]} has a near miss`).toBe(true);
    },
  );

  it('records the type definitions read for every entry, as package@version', () => {
    expect(SECRET_SINKS.filter((sink) => !/^(?:@[\w.-]+\/)?[\w.-]+@\d+\.\d+\.\d+$/u.test(sink.types))).toEqual([]);
  });

  it('has patterns with at most one `**` (their regular expressions stay linear)', () => {
    const patterns = SECRET_SINKS.flatMap((sink) => [...sink.modules, ...sink.callees]);
    expect(patterns.filter((pattern) => pattern.split('**').length > 2)).toEqual([]);
    expect(matchesSinkPattern('.SignJWT()**.sign', '.SignJWT().setIssuedAt().sign')).toBe(true);
    expect(matchesSinkPattern('.*', '.config.update')).toBe(false);
    expect(matchesSinkPattern('@aws-sdk/client-*', '@aws-sdk/client-s3')).toBe(true);
  });

  it('has no two entries that claim the same call', () => {
    const overlaps = SECRET_SINKS.flatMap((sink, index) =>
      SECRET_SINKS.slice(index + 1)
        .filter((other) => !!sink.plugin === !!other.plugin && sink.modules.some((module) => other.modules.includes(module)))
        .filter((other) => sink.callees.some((callee) => other.callees.some((path) => !path.includes('*') && matchesSinkPattern(callee, path))))
        .map((other) => `${sink.modules[0]} ${sink.callees.join(' ')} / ${other.callees.join(' ')}`),
    );
    expect(overlaps).toEqual([]);
  });
});
