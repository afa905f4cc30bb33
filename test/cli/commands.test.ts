import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, BUILD_TIMEOUT, cli, describeRun, fixtureProject, Project, removeProjects, REPO, TEST_TIMEOUT } from './harness.js';

const PACKAGE_VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

let shop: Project;

beforeAll(async () => {
  await buildCli();
  shop = fixtureProject('shop-api');
}, BUILD_TIMEOUT);
afterAll(removeProjects);

describe('persona-lint routes and explain', { timeout: TEST_TIMEOUT }, () => {
  it.concurrent('routes prints the route inventory as a table and as JSON', async () => {
    const [table, json] = await Promise.all([cli(shop, ['routes']), cli(shop, ['routes', '--format', 'json'])]);
    expect(table.code, describeRun(table)).toBe(0);
    expect(table.stdout).toBe(
      [
        'METHOD  PATH                          LOCATION                   AUTH  VALIDATION  RATE LIMIT',
        'POST    /api/auth/login               src/routes/auth.ts:12      -     yes         yes',
        'GET     /api/orders                   src/routes/orders.ts:9     yes   -           -',
        'GET     /api/orders/:id               src/routes/orders.ts:21    yes   -           -',
        'GET     /api/products                 src/routes/products.ts:8   -     -           -',
        'GET     /api/products/:id             src/routes/products.ts:21  -     -           -',
        'GET     /api/products/search/by-name  src/routes/products.ts:31  -     -           -',
        'GET     /health                       src/routes/health.ts:6     -     -           -',
        '',
        '7 routes',
        '',
      ].join('\n'),
    );

    expect(json.code, describeRun(json)).toBe(0);
    const { routes } = JSON.parse(json.stdout) as { routes: Record<string, unknown>[] };
    expect(routes).toHaveLength(7);
    expect(routes[0]).toMatchObject({ method: 'POST', path: '/api/auth/login', framework: 'express', file: 'src/routes/auth.ts', line: 12, auth: false, validation: true, rateLimit: true });
    expect(routes.find((route) => route.path === '/api/orders/:id')).toMatchObject({ method: 'GET', file: 'src/routes/orders.ts', line: 21, auth: true, validation: false, rateLimit: false });
  });

  it.concurrent('routes says which files it could not analyze, before its own notes', async () => {
    const sum = Array.from({ length: 10_000 }, (_, index) => `a${index % 10}`).join(' + ');
    const project = fixtureProject('notes-api').write('src/generated/sum.js', `export const total = ${sum};\n`);
    const run = await cli(project, ['routes']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stderr.split('\n')[0]).toBe('note: the project checks left out 1 file they cannot analyze: src/generated/sum.js (nested more than 2,000 levels deep)');
    expect(run.stdout).toMatch(/^METHOD {2}PATH/u);
  });

  it.concurrent('explain prints the standard, why it matters, and the rule doc as plain text when piped, in color with --color; an unknown rule exits 2', async () => {
    const [known, colored, unknown] = await Promise.all([
      cli(shop, ['explain', 'parameterized-queries']),
      cli(shop, ['explain', 'persona/parameterized-queries', '--color']),
      cli(shop, ['explain', 'nope']),
    ]);
    expect(known.code, describeRun(known)).toBe(0);
    expect(known.stdout).toMatch(/^persona\/parameterized-queries\n-+\n\nRequire SQL to be parameterized: no dynamic text reaching a query sink\.\n/u);
    expect(known.stdout).toContain('- Standard: 1. SQL is parameterized\n- Presets: recommended, strict\n- Kind: per-file rule\n');
    expect(known.stdout).toContain('\nWhy it matters. SQL injection');
    expect(known.stdout).toContain('https://github.com/persona-lint/persona-lint/blob/main/docs/standards.md#parameterized-queries');
    expect(known.stdout).toContain('\nOptions\n-------\n');
    // Rendered, not raw: no comments, emphasis markers, table rules or escape codes.
    for (const raw of ['<!--', '**', '| :--', '\u001b[']) expect(known.stdout).not.toContain(raw);
    expect(colored.code, describeRun(colored)).toBe(0);
    expect(colored.stdout).toContain('\u001b[1m\u001b[4mOptions\u001b[24m\u001b[22m');

    expect(unknown.code, describeRun(unknown)).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('persona-lint: unknown rule "nope".');
    expect(unknown.stderr).toContain('  persona/parameterized-queries\n');
  });
});

// A block of its own, so that the timeout of its sequential runs does not include waiting for the runs above.
describe('persona-lint init', { timeout: TEST_TIMEOUT }, () => {
  it('writes .personarc.json in the project root with $schema that persona-lint accepts, and does not overwrite it', async () => {
    const project = fixtureProject('notes-api');
    // From a subfolder: the configuration belongs in the project's root. Not installed: $schema is the published file.
    const first = await cli(project.path('src'), ['init']);
    expect(first.code, describeRun(first)).toBe(0);
    expect(first.stdout).toContain(`Wrote ${project.path('.personarc.json')}`);
    expect(first.stdout).toContain('pre-commit');
    expect(JSON.parse(project.read('.personarc.json'))).toEqual({
      $schema: `https://unpkg.com/eslint-plugin-persona@${PACKAGE_VERSION}/personarc.schema.json`,
      preset: 'recommended',
      rules: {},
      catalog: {},
      ignore: [],
    });

    const [again, lint] = await Promise.all([cli(project, ['init']), cli(project, [])]);
    expect(again.code, describeRun(again)).toBe(2);
    expect(again.stderr).toContain('.personarc.json already exists; nothing was written');
    // The written file is a valid configuration: the clean project stays clean.
    expect(lint, describeRun(lint)).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(existsSync(project.path('.personarc.json'))).toBe(true);
  });

  it('init <path> writes into the named folder, with $schema of a hoisted install; it refuses beside package.json#persona', async () => {
    const monorepo = fixtureProject('notes-api', { under: 'packages/notes' });
    const top = join(monorepo.dir, '../..');
    new Project(top).write('node_modules/eslint-plugin-persona/personarc.schema.json', '{}\n');
    const run = await cli(top, ['init', 'packages/notes']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain('Wrote packages/notes/.personarc.json');
    expect(JSON.parse(monorepo.read('.personarc.json'))).toMatchObject({ $schema: '../../node_modules/eslint-plugin-persona/personarc.schema.json' });

    const withPersona = fixtureProject('notes-api');
    withPersona.write('package.json', JSON.stringify({ ...JSON.parse(withPersona.read('package.json')), persona: { preset: 'strict' } }));
    const refused = await cli(withPersona, ['init', '--force']);
    expect(refused, describeRun(refused)).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'persona-lint: package.json has a "persona" configuration already, which persona-lint reads first; nothing was written (edit it there, or move it to .personarc.json)\n',
    });
    expect(existsSync(withPersona.path('.personarc.json'))).toBe(false);
  });
});
