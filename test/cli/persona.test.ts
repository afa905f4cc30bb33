import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, BUILD_TIMEOUT, cli, describeRun, findings, fixtureProject, jsonResults, removeProjects, sarifProblems, TEST_TIMEOUT, type SarifLog } from './harness.js';

// fixtures/cli/persona-api: an Express API whose code breaks several standards on purpose: an
// error body outside the envelope (accounts.ts:33, while :24 uses `{ ok: false, error }`), an
// unbounded list (:17), an e-mail address and a phone number in the logs (:36, :37), a token
// decoded without verification (:11), CORS reflecting any origin with credentials (app.ts:10);
// its health route is GET /healthz.
const ENVELOPE = 'src/routes/accounts.ts:33 persona/error-envelope';
const UNBOUNDED_LIST = 'src/routes/accounts.ts:17 persona/paginate-lists';
const PAGE_ABOVE_CAP = 'src/routes/accounts.ts:44 persona/paginate-lists';
const EMAIL_LOGGED = 'src/routes/accounts.ts:36 persona/no-secret-logging';
const PHONE_LOGGED = 'src/routes/accounts.ts:37 persona/no-secret-logging';
const JWT_DECODED = 'src/routes/accounts.ts:11 persona/jwt-verification';
const CORS_REFLECTED = 'src/app.ts:10 persona/cors-policy';
const NO_HEALTH = 'src/app.ts:7 persona/health-endpoint';

/** Documents in the styles teams write them. */
const ENVELOPE_DOC = ['# Accounts API', '', '## Errors', '', 'Every error response uses this envelope:', '', '```json', '{ "ok": false, "error": { "code": "NOT_FOUND", "message": "No such account" } }', '```', ''].join('\n');
const EMAIL_DOC = '# Logging\n\n- Never log e-mail addresses.\n';
const TEAM_DOC = [
  '# How we build services',
  '',
  '| Area | Standard | Level |',
  '|---|---|---|',
  '| Health | The health check answers `GET /healthz` | must |',
  '| Lists | List endpoints are paginated; the page size is capped at 50 | must |',
  '| Logging | Never log e-mail addresses | must |',
  '| Caching | Cache account lookups for five minutes | should |',
  '',
].join('\n');

beforeAll(buildCli, BUILD_TIMEOUT);
// One test at a time: a test's time then counts its own runs, not the runs of the tests before it.
afterAll(removeProjects);

describe('linting against the team\'s persona document', { timeout: TEST_TIMEOUT }, () => {
  it('another envelope: only the error body outside it is reported, quoting the document', async () => {
    const project = fixtureProject('persona-api').write('docs/persona.md', ENVELOPE_DOC);
    const run = await cli(project, ['--persona', 'docs/persona.md', '-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(findings(project, run)).toEqual([ENVELOPE]);
    const [message] = jsonResults(run).flatMap((result) => result.messages);
    expect(message!.message).toMatch(/does not use the configured envelope \{"ok":false,"error":\{"code":"string","message":"string"\}\}/u);
    expect(message!.message).toMatch(/ \(docs\/persona\.md:7: "Every error response uses this envelope: \{ ok: false, error: \{ code, message \} \}"\)$/u);
    expect((message as unknown as { persona: unknown }).persona).toEqual({ file: project.path('docs/persona.md'), line: 7, statement: 'Every error response uses this envelope: { ok: false, error: { code, message } }' });
  });

  it('"never log e-mail addresses": the e-mail address is reported, the phone number and the rest are not', async () => {
    const project = fixtureProject('persona-api').write('docs/persona.md', EMAIL_DOC);
    const run = await cli(project, ['--persona', 'docs/persona.md', '-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(findings(project, run)).toEqual([EMAIL_LOGGED]);
    expect(jsonResults(run).flatMap((result) => result.messages)[0]!.message).toMatch(/\(docs\/persona\.md:3: "Never log e-mail addresses\."\)$/u);
  });

  it('"personal data stays out of the logs": the e-mail address and the phone number, as warnings where the document says "should"', async () => {
    const project = fixtureProject('persona-api').write('docs/persona.md', '## Logging\n\nPersonal data should stay out of the logs.\n');
    const run = await cli(project, ['--persona', 'docs/persona.md', '-f', 'json']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(findings(project, run)).toEqual([EMAIL_LOGGED, PHONE_LOGGED]);
    expect(jsonResults(run).flatMap((result) => result.messages.map((message) => message.severity))).toEqual([1, 1]);
  });

  it('a health path of its own, a page cap of 50, and silence on CORS and JWT: exactly what the document states', async () => {
    const project = fixtureProject('persona-api').write('docs/persona.md', TEAM_DOC).write('.personarc.json', '{ "persona": "docs/persona.md" }\n');
    const run = await cli(project, ['-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    // GET /healthz is the health endpoint it names; pages of 100 are above its cap of 50; no CORS, no JWT.
    expect(findings(project, run)).toEqual([UNBOUNDED_LIST, EMAIL_LOGGED, PAGE_ABOVE_CAP]);
  });

  it('for contrast, the strict preset on the same code reports what that document is silent on', async () => {
    const project = fixtureProject('persona-api');
    const run = await cli(project, ['--preset', 'strict', '-f', 'json']);
    expect(findings(project, run)).toEqual(expect.arrayContaining([CORS_REFLECTED, JWT_DECODED, UNBOUNDED_LIST]));
  });

  it('a health path the app does not serve is reported', async () => {
    const project = fixtureProject('persona-api').write('PERSONA.md', '## Operations\n\n- Health checks answer `GET /ping` and report the database; it is down, answer 503.\n');
    const run = await cli(project, ['--persona', 'PERSONA.md', '-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(findings(project, run)).toEqual([NO_HEALTH]);
    expect(jsonResults(run).flatMap((result) => result.messages)[0]!.message).toMatch(/\(PERSONA\.md:3: "Health checks answer `GET \/ping`/u);
  });

  it('the configuration\'s rules still win over the document; the document is found relative to the configuration', async () => {
    const project = fixtureProject('persona-api')
      .write('config/team-persona.md', EMAIL_DOC)
      .write('.personarc.json', JSON.stringify({ persona: 'config/team-persona.md', rules: { 'persona/cors-policy': 'warn', 'persona/no-secret-logging': 'off' } }));
    const run = await cli(project, ['-f', 'json', 'src']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(findings(project, run)).toEqual([CORS_REFLECTED]);
    // A rule the document does not state quotes nothing.
    expect(jsonResults(run).flatMap((result) => result.messages)[0]!.message).not.toMatch(/team-persona/u);
  });

  it('every report shows the statement: stylish, SARIF (a related location in the document), GitHub, GitLab', async () => {
    const project = fixtureProject('persona-api').write('docs/persona.md', EMAIL_DOC);
    const quote = '(docs/persona.md:3: "Never log e-mail addresses.")';
    const [stylish, sarif, github, gitlab] = await Promise.all(
      ['stylish', 'sarif', 'github', 'gitlab'].map((format) => cli(project, ['--persona', 'docs/persona.md', '-f', format], { env: { GITHUB_STEP_SUMMARY: undefined } })),
    );
    expect(stylish!.stdout).toContain(quote);
    expect(github!.stdout).toContain(quote);
    expect((JSON.parse(gitlab!.stdout) as { description: string }[])[0]!.description).toContain(quote);
    const log = JSON.parse(sarif!.stdout) as SarifLog;
    expect(sarifProblems(log)).toEqual([]);
    const [result] = log.runs[0].results;
    expect(result.message.text).toContain(quote);
    expect(result.relatedLocations).toEqual([
      { id: 1, physicalLocation: { artifactLocation: { uri: 'docs/persona.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 3 } }, message: { text: "The team's standard: Never log e-mail addresses." } },
    ]);
    expect(result.properties).toEqual({ personaStatement: { file: 'docs/persona.md', line: 3, statement: 'Never log e-mail addresses.' } });
  }, 2 * TEST_TIMEOUT);

  it('a document that states nothing persona-lint checks says so', async () => {
    const project = fixtureProject('persona-api').write('docs/persona.md', '# Team\n\n- Cache account lookups.\n- Small pull requests.\n');
    const run = await cli(project, ['--persona', 'docs/persona.md', '-f', 'json']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(findings(project, run)).toEqual([]);
    expect(run.stderr).toBe(
      'persona-lint: docs/persona.md states no standard persona-lint checks, so only the rules the configuration turns on ran (persona-lint persona docs/persona.md shows how it was read)\n',
    );
  });

  it('mistakes: a missing document, named or configured; --persona with --preset', async () => {
    const project = fixtureProject('persona-api');
    const missing = await cli(project, ['--persona', 'docs/nope.md']);
    expect([missing.code, missing.stdout, missing.stderr]).toEqual([2, '', 'persona-lint: --persona docs/nope.md: the file does not exist\n']);
    const both = await cli(project, ['--persona', 'docs/nope.md', '--preset', 'strict']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^persona-lint: --persona and --preset cannot be used together/u);
    project.write('.personarc.json', '{ "persona": "docs/gone.md" }\n');
    const configured = await cli(project, []);
    expect([configured.code, configured.stderr]).toEqual([2, 'persona-lint: invalid configuration in .personarc.json\n  persona: "docs/gone.md" cannot be used: the file does not exist (docs/gone.md)\n']);
  });
});

describe('persona-lint persona', { timeout: TEST_TIMEOUT }, () => {
  it('prints every statement with its line and what became of it, then the rules on and off', async () => {
    const project = fixtureProject('persona-api').write('docs/persona.md', TEAM_DOC);
    const run = await cli(project, ['persona', 'docs/persona.md']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toBe(
      [
        'docs/persona.md: 5 statements: 3 enforced by 3 rules, 1 not checkable by a linter, 1 not understood',
        '',
        '1  not understood  How we build services',
        '                   a heading: the statements under it say what it asks',
        '5  enforced        Health — The health check answers `GET /healthz` — must',
        '                   → persona/health-endpoint (error) {"paths":["/healthz"]}',
        '6  enforced        Lists — List endpoints are paginated; the page size is capped at 50 — must',
        '                   → persona/paginate-lists (error) {"maxPageSize":50}',
        '7  enforced        Logging — Never log e-mail addresses — must',
        '                   → persona/no-secret-logging (error) {"sensitiveNames":["email","emails"]}',
        '                     note: no-secret-logging reads the named personal data as extra sensitive words, and reports secrets (passwords, tokens, keys) in logs as well',
        '8  not checkable   Caching — Cache account lookups for five minutes — should',
        '                   a caching strategy (what to cache, how long, how to invalidate) is a design decision, not visible in the code',
        '',
        'Rules the document turns on (3):',
        '  persona/health-endpoint    error  line 5 {"paths":["/healthz"]}',
        '  persona/no-secret-logging  error  line 7 {"sensitiveNames":["email","emails"]}',
        '  persona/paginate-lists     error  line 6 {"maxPageSize":50}',
        '',
        'Rules it leaves off, since it does not state their standard (18): persona/api-versioning, persona/cors-policy, persona/error-envelope, persona/jwt-verification, persona/no-blocking-io, persona/no-error-exposure, persona/no-hardcoded-secrets, persona/no-nosql-injection, persona/no-plaintext-password, persona/no-query-in-loop, persona/no-sensitive-response, persona/parameterized-queries, persona/rate-limiting, persona/request-size-limit, persona/require-auth, persona/security-headers, persona/strong-password-hash, persona/validate-input',
        '',
      ].join('\n'),
    );
  });

  it('--format json; without a file, the document the configuration names', async () => {
    const project = fixtureProject('persona-api').write('docs/persona.md', EMAIL_DOC).write('.personarc.json', '{ "persona": "docs/persona.md" }\n');
    const run = await cli(project.path('src'), ['persona', '--format', 'json']);
    expect(run.code, describeRun(run)).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    // Named as messages name paths: relative below the current folder, else absolute.
    expect(report.document).toBe(project.path('docs/persona.md'));
    expect(report.summary).toEqual({ statements: 2, enforced: 1, notCheckable: 0, notUnderstood: 1, rules: 1 });
    expect(report.rules).toEqual({ 'persona/no-secret-logging': { severity: 'error', options: { sensitiveNames: ['email', 'emails'] }, lines: [3] } });
  });

  it('without a file and without a configured document, says what applies instead', async () => {
    const project = fixtureProject('persona-api');
    const run = await cli(project, ['persona']);
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toBe(
      'persona-lint: no persona document is configured for the project in .: name one (persona-lint persona docs/persona.md) or set "persona" in its configuration. Without one, persona-lint checks the standards of its own docs/standards.md with the recommended preset.\n',
    );
    const missing = await cli(project, ['persona', 'docs/nope.md']);
    expect([missing.code, missing.stderr]).toEqual([2, 'persona-lint: docs/nope.md: the file does not exist\n']);
  });
});
