import { describe, expect, it } from 'vitest';
import { compilePersona, RULE_NAMES, type CompiledPersona } from '../../src/persona/compile.js';
import { coverageJson, coverageTable } from '../../src/persona/report.js';
import { rules } from '../../src/rules.js';

const compile = (markdown: string) => compilePersona(markdown, '/team/persona.md');

/** Each statement as `line status: rules or reason`, for documents small enough to read in full. */
function outcomes(persona: CompiledPersona): string[] {
  return persona.statements.map(({ line, outcome }) =>
    outcome.status === 'enforced'
      ? `${line} enforced: ${outcome.rules.map((use) => `${use.rule} ${use.severity}${Object.keys(use.options).length > 0 ? ` ${JSON.stringify(use.options)}` : ''}`).join(', ')}`
      : `${line} ${outcome.status}`,
  );
}

describe('documents in several styles', () => {
  it('a bullet list with must, should and never: "must" and "never" are errors, "should" and "avoid" warnings', () => {
    const persona = compile(
      [
        '# Service standards',
        '',
        '- Every endpoint must validate its request body with a schema.',
        '- Handlers should never block the event loop with synchronous file reads.',
        '- Never build SQL by string concatenation; use parameterized queries.',
        '- Avoid N+1 queries: batch lookups with a DataLoader.',
        '- Put a rate limiter in front of the API.',
      ].join('\n'),
    );
    expect(outcomes(persona)).toEqual([
      '1 not understood',
      '3 enforced: validate-input error',
      '4 enforced: no-blocking-io warn',
      '5 enforced: parameterized-queries error',
      '6 enforced: no-query-in-loop warn',
      '7 enforced: rate-limiting error',
    ]);
  });

  it('headings that state the standards, with explanations under them', () => {
    const persona = compile(
      [
        '# Our backend',
        '',
        '## Secrets never reach the logs',
        '',
        'Tokens and passwords are credentials; logs are copied everywhere.',
        '',
        '## Secrets come from the environment, never from the source',
        '',
        '## Internal errors stay on the server',
        '',
        'A 500 answers with a generic message and a request id.',
      ].join('\n'),
    );
    expect(persona.rules).toEqual({
      'persona/no-error-exposure': ['error', {}],
      'persona/no-hardcoded-secrets': ['error', {}],
      'persona/no-secret-logging': ['error', {}],
    });
    expect(outcomes(persona)).toEqual([
      '1 not understood',
      '3 enforced: no-secret-logging error',
      // The explanation under a heading is read with the heading: this one is about the same standard.
      '5 enforced: no-secret-logging error',
      '7 enforced: no-hardcoded-secrets error',
      '9 enforced: no-error-exposure error',
      '11 not understood',
    ]);
  });

  it('a table with a level column; the header row is not a statement', () => {
    const persona = compile(
      [
        '| Area | Standard | Level |',
        '|---|---|---|',
        '| CORS | Allow only the origins listed in config, never a wildcard | must |',
        '| Headers | Set security headers with helmet | must |',
        '| Passwords | Hash passwords with bcrypt, cost 12 or more | must |',
        '| Tokens | Verify JWTs with RS256 and reject expired ones | should |',
        '| Caching | Cache catalog pages for a minute | should |',
      ].join('\n'),
    );
    expect(outcomes(persona)).toEqual([
      '3 enforced: cors-policy error {"allowPublicWildcard":false}',
      '4 enforced: security-headers error',
      '5 enforced: strong-password-hash error {"minBcryptCost":12}',
      '6 enforced: jwt-verification warn {"allowedAlgorithms":["RS256"],"requireExpiry":true}',
      '7 not checkable',
    ]);
  });

  it('a "Never do" section and an anti-pattern list: what they name is forbidden', () => {
    const persona = compile(['## Never do', '', '- Log sensitive data (passwords, tokens)', '- Store passwords in plain text', '- Use hardcoded secrets', '', '## Anti-patterns', '', '- ❌ Blocking I/O in handlers'].join('\n'));
    expect(Object.keys(persona.rules)).toEqual(['persona/no-blocking-io', 'persona/no-hardcoded-secrets', 'persona/no-plaintext-password', 'persona/no-secret-logging']);
  });

  it('a paragraph of sentences, each on its own', () => {
    const persona = compile('List endpoints are paginated, with a maximum page size of 50. Request bodies have a size limit of 1mb. We deploy on Fridays.');
    expect(outcomes(persona)).toEqual(['1 enforced: paginate-lists error {"maxPageSize":50}', '1 enforced: request-size-limit error {"maximum":"1mb"}', '1 not checkable']);
  });
});

describe('what a statement states, and what it does not', () => {
  it('logging: a prohibition or a redaction turns the rule on; a statement that asks to log something does not', () => {
    expect(Object.keys(compile('- Log the request id of every request.\n- Log every login with the user id.').rules)).toEqual([]);
    expect(compile('- Redact tokens before they reach the logs.').rules).toEqual({ 'persona/no-secret-logging': ['error', {}] });
  });

  it('logging: named personal data becomes exactly those words; personal data in general turns pii on', () => {
    expect(compile('- Never log e-mail addresses.').rules).toEqual({ 'persona/no-secret-logging': ['error', { sensitiveNames: ['email', 'emails'] }] });
    expect(compile('- Never log email addresses or phone numbers.').rules).toEqual({ 'persona/no-secret-logging': ['error', { sensitiveNames: ['email', 'emails', 'phone', 'mobile'] }] });
    expect(compile('- Keep personal data (PII) out of the logs.').rules).toEqual({ 'persona/no-secret-logging': ['error', { pii: true }] });
  });

  it('health: the paths the document names replace the defaults; dependencies and a 503 together ask for the dependency check', () => {
    expect(compile('- Health checks answer `GET /status` and `GET /ping`.\n- The health check pings the database and answers 503 when it is down.').rules).toEqual({
      'persona/health-endpoint': ['error', { paths: ['/status', '/ping'], requireDependencyCheck: true }],
    });
    const partial = compile('- The health endpoint checks the database.');
    expect(partial.rules).toEqual({ 'persona/health-endpoint': ['error', {}] });
    expect(partial.statements[0]!.outcome).toMatchObject({ status: 'enforced', notes: [expect.stringContaining('the dependency check is not enforced')] });
  });

  it('versioning: the prefix the document writes becomes the version pattern', () => {
    expect(compile('- Version every API: `/api/v2/...`').rules).toEqual({ 'persona/api-versioning': ['error', { versionPattern: '^/api/v[0-9]+(?:/|$)' }] });
    expect(compile('- Routes live under /v1').rules).toEqual({ 'persona/api-versioning': ['error', { versionPattern: '^/v[0-9]+(?:/|$)' }] });
    // Schema versioning is about the database.
    expect(compile('- Migrations: use schema versioning').rules).toEqual({});
  });

  it('a statement about tests asks for tests, whatever they test', () => {
    expect(compile('- Integration tests cover JWT validation and rate limiting.').rules).toEqual({});
    expect(compile('## Testing\n\n- Authentication and authorization checks').rules).toEqual({});
  });

  it('a statement about another language\'s tools is about that language', () => {
    expect(compile('- Async operations: `diesel-async` for non-blocking database operations').statements[0]!.outcome).toEqual({
      status: 'not checkable',
      reason: 'about another language or its tools; persona-lint checks JavaScript and TypeScript',
    });
  });

  it('a statement may state several standards', () => {
    expect(outcomes(compile('- Do not expose sensitive data in logs or responses.'))).toEqual(['1 enforced: no-secret-logging error, no-sensitive-response error']);
  });

  it('a rule named explicitly is the one that enforces the statement', () => {
    expect(outcomes(compile('- Checked by persona/no-nosql-injection.'))).toEqual(['1 enforced: no-nosql-injection error']);
  });

  it('severity: the strongest statement of a rule wins', () => {
    expect(compile('- You should use parameterized queries.\n- SQL must never be built by string concatenation.').rules).toEqual({ 'persona/parameterized-queries': ['error', {}] });
  });

  it('what is not understood says so, and what no linter checks says why', () => {
    const persona = compile('- Be kind in code review.\n- Keep transactions short.\n- Aim for 80% test coverage.');
    expect(persona.statements.map((statement) => statement.outcome)).toEqual([
      { status: 'not checkable', reason: 'team workflow and deployment are not properties of the code' },
      { status: 'not checkable', reason: 'whether writes that belong together run in one transaction depends on what they mean together' },
      { status: 'not checkable', reason: 'tests and their coverage are measured by running them, not by reading the code' },
    ]);
    expect(compile('- Integrate with third parties.').statements[0]!.outcome).toEqual({ status: 'not understood', reason: 'persona-lint does not recognize a standard it checks in this statement' });
  });
});

describe('error envelopes', () => {
  it('a JSON error body under a heading about errors: keys required, literal discriminators, nesting, empty values optional', () => {
    const persona = compile(['## Error format', '', '```json', '{ "ok": false, "error": { "code": "NOT_FOUND", "message": "No such order", "details": [] }, "requestId": "r-1" }', '```'].join('\n'));
    expect(persona.rules).toEqual({
      'persona/error-envelope': ['error', { envelope: { ok: false, error: { code: 'string', message: 'string', 'details?': 'any' }, requestId: 'string' } }],
    });
    expect(persona.statements[1]!.text).toBe('Error format: { ok: false, error: { code, message, details? }, requestId }');
  });

  it('a YAML error body, with a key its comment calls optional and a JSend status word as a literal', () => {
    const persona = compile(['Failed requests answer with:', '', '```yaml', 'status: error', 'message: Order not found', 'data:        # optional', '  field: id', '```'].join('\n'));
    expect(persona.rules['persona/error-envelope']).toEqual(['error', { envelope: { status: 'error', message: 'string', 'data?': { field: 'string' } } }]);
  });

  it('JSON with comments and trailing commas, as documents write it', () => {
    const persona = compile(['### Errors', '```jsonc', '{', '  "success": false, // always false', '  "error": { "code": "E_AUTH", "message": "..." },', '}', '```'].join('\n'));
    expect(persona.rules['persona/error-envelope']).toEqual(['error', { envelope: { success: false, error: { code: 'string', message: 'string' } } }]);
  });

  it('RFC 7807 problem details, named or shown', () => {
    const problem = { type: 'string', title: 'string', status: 'number', 'detail?': 'string', 'instance?': 'string' };
    expect(compile('- Errors are RFC 7807 problem details (`application/problem+json`).').rules['persona/error-envelope']).toEqual(['error', { envelope: problem }]);
    const shown = compile(['## Problems', '```json', '{ "type": "https://example.com/probs/out-of-credit", "title": "Out of credit", "status": 403, "detail": "Balance is 30", "instance": "/account/1" }', '```'].join('\n'));
    expect(shown.rules['persona/error-envelope']).toEqual(['error', { envelope: problem }]);
  });

  it('a document that asks for one envelope without showing it asks for the one the project uses', () => {
    expect(compile('- Implement consistent error handling.').rules).toEqual({ 'persona/error-envelope': ['error', { envelope: 'infer' }] });
  });

  it('a success body is not an envelope, and a block that does not parse says so', () => {
    const persona = compile(['## Response format', '```json', '{ "success": true, "data": {} }', '```', '## Error format', '```json', '{ "error": ', '```'].join('\n'));
    // The heading alone asks for one error format.
    expect(persona.rules).toEqual({ 'persona/error-envelope': ['error', { envelope: 'infer' }] });
    expect(outcomes(persona)).toEqual(['1 not checkable', '2 not checkable', '5 enforced: error-envelope error {"envelope":"infer"}', '6 not understood']);
    expect(persona.statements[3]!.outcome).toEqual({ status: 'not understood', reason: expect.stringMatching(/^the JSON block does not parse: /u) });
  });

  it('two different envelopes: the first is used, the second is noted on its statement', () => {
    const persona = compile(['## Errors', '```json', '{ "error": { "code": "X", "message": "y" } }', '```', '## More errors', '```json', '{ "ok": false, "reason": "y" }', '```'].join('\n'));
    expect(persona.rules['persona/error-envelope']).toEqual(['error', { envelope: { error: { code: 'string', message: 'string' } } }]);
    expect(persona.statements[3]!.outcome).toMatchObject({ status: 'enforced', notes: ['error-envelope: its envelope is not used: line 2 states another one first'] });
  });
});

describe('code in other languages does not confuse the compiler', () => {
  it('Python, Go and shell blocks are not read, whatever they contain', () => {
    const persona = compile(
      [
        '## Health Check Patterns',
        '```python',
        '@app.get("/healthz")',
        'def health(): logger.info(f"password={password}")',
        '```',
        '```go',
        'c.JSON(500, gin.H{"error": err.Error()})',
        '```',
        '```bash',
        'curl http://localhost/health',
        '```',
      ].join('\n'),
    );
    // The heading states a health endpoint; the code states nothing, and the default paths stay.
    expect(persona.rules).toEqual({ 'persona/health-endpoint': ['error', {}] });
    expect(persona.statements.slice(1).map((statement) => statement.outcome)).toEqual([
      { status: 'not checkable', reason: 'code in Python: persona-lint checks JavaScript and TypeScript' },
      { status: 'not checkable', reason: 'code in Go: persona-lint checks JavaScript and TypeScript' },
      { status: 'not checkable', reason: 'shell commands: not code persona-lint checks' },
    ]);
  });
});

describe('the coverage report', () => {
  const persona = compile('# Standards\n\n- Never log tokens.\n- Cache for a minute.\n- Be nice.\n');
  const allRules = RULE_NAMES.map((rule) => `persona/${rule}`);

  it('every rule of the plugin has a topic', () => {
    expect([...RULE_NAMES]).toEqual(Object.keys(rules).sort());
  });

  it('a table: each statement with its line and outcome, the rules turned on and the rules left off', () => {
    const table = coverageTable(persona, { name: 'persona.md', allRules, quote: true });
    expect(table.split('\n').slice(0, 11)).toEqual([
      'persona.md: 4 statements: 1 enforced by 1 rule, 1 not checkable by a linter, 2 not understood',
      '',
      '1  not understood  Standards',
      '                   a heading: the statements under it say what it asks',
      '3  enforced        Never log tokens.',
      '                   → persona/no-secret-logging (error)',
      '4  not checkable   Cache for a minute.',
      '                   a caching strategy (what to cache, how long, how to invalidate) is a design decision, not visible in the code',
      '5  not understood  Be nice.',
      '                   persona-lint does not recognize a standard it checks in this statement',
      '',
    ]);
    expect(table).toContain('Rules the document turns on (1):\n  persona/no-secret-logging  error  line 3\n');
    expect(table).toContain('Rules it leaves off, since it does not state their standard (20): persona/api-versioning, persona/cors-policy,');
    // Without the statements' words, for documents whose text must not be copied.
    expect(coverageTable(persona, { name: 'persona.md', allRules, quote: false })).toContain('3  enforced        bullet\n');
  });

  it('the same as JSON', () => {
    const json = JSON.parse(coverageJson(persona, { name: 'persona.md', allRules })) as Record<string, unknown>;
    expect(json.summary).toEqual({ statements: 4, enforced: 1, notCheckable: 1, notUnderstood: 2, rules: 1 });
    expect((json.statements as unknown[])[1]).toEqual({ line: 3, kind: 'bullet', text: 'Never log tokens.', status: 'enforced', rules: [{ rule: 'persona/no-secret-logging', severity: 'error', options: {} }], notes: [] });
    expect(json.rules).toEqual({ 'persona/no-secret-logging': { severity: 'error', options: {}, lines: [3] } });
    expect((json.off as string[]).length).toBe(20);
  });

  it('is the same for the same text', () => {
    const text = '- Never log tokens.\n- Paginate lists.\n';
    expect(coverageTable(compile(text), { name: 'a', allRules, quote: true })).toBe(coverageTable(compile(text), { name: 'a', allRules, quote: true }));
  });
});
