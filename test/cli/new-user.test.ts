/**
 * persona-lint as a new user meets it, end to end on throwaway projects: paths and
 * configuration found from the files (not the current folder), runs that say what they did,
 * user errors as one-line errors, and the flags a user of ESLint expects. The installed package
 * (npm pack into a sample project) and the real pre-commit tool are in new-user-install.test.ts.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, BUILD_TIMEOUT, cli, describeRun, findings, fixtureProject, jsonResults, Project, removeProjects, tempDir, TEST_TIMEOUT } from './harness.js';

beforeAll(buildCli, BUILD_TIMEOUT);
afterAll(removeProjects);

/** What the recommended preset finds in fixtures/cli/shop-api. */
const SHOP_FINDINGS = [
  'src/legacy/export-orders.ts:5 persona/parameterized-queries',
  'src/routes/auth.ts:17 persona/no-secret-logging',
  'src/routes/orders.ts:13 persona/parameterized-queries',
];
const SUMMARY = /^persona-lint: checked (\d+) files? (?:in (\d+) projects )?with (\d+) rules? and (\d+) project checks? in \d+\.\d s: (.+)$/u;

/** An SQL injection for the recommended preset to find. */
const INJECTION = "import { pool } from './db.js';\nexport const find = (title) => pool.query(\"SELECT * FROM notes WHERE title = '\" + title + \"'\");\n";

describe('paths and configuration are found from the linted files', { timeout: TEST_TIMEOUT }, () => {
  it.concurrent('a project named from another folder is linted with its own configuration', async () => {
    const shop = fixtureProject('shop-api').write('.personarc.json', JSON.stringify({ rules: { 'persona/no-secret-logging': 'off' } }));
    const elsewhere = tempDir();
    const run = await cli(elsewhere, ['-f', 'json', shop.dir]);
    expect(run.code, describeRun(run)).toBe(1);
    expect(findings(shop, run)).toEqual(SHOP_FINDINGS.filter((finding) => !finding.includes('no-secret-logging')));
    expect(run.summary).toMatch(SUMMARY);
  });

  it.concurrent('from a subfolder, the project configuration applies and only the subfolder is linted', async () => {
    const shop = fixtureProject('shop-api').write('.personarc.json', JSON.stringify({ rules: { 'persona/no-secret-logging': 'off' } }));
    const run = await cli(shop.path('src/routes'), ['-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(findings(shop, run)).toEqual(['src/routes/orders.ts:13 persona/parameterized-queries']);
  });

  it.concurrent('in a monorepo, each package is a project with its own configuration, from the top or from inside', async () => {
    const top = new Project(tempDir());
    top.write('package.json', JSON.stringify({ name: 'monorepo', private: true, workspaces: ['packages/*'] }));
    // The top configuration applies to packages without their own; packages/strict has its own in package.json.
    top.write('.personarc.json', JSON.stringify({ rules: { 'persona/no-secret-logging': 'off' } }));
    top.write('packages/plain/package.json', JSON.stringify({ name: 'plain' }));
    top.write('packages/plain/src/log.js', "export const show = (req) => console.log(req.headers.authorization);\n");
    top.write('packages/plain/src/db.js', INJECTION);
    top.write('packages/strict/package.json', JSON.stringify({ name: 'strict', persona: { preset: 'strict' } }));
    top.write('packages/strict/src/log.js', "export const show = (req) => console.log(req.headers.authorization);\n");
    const relative = (run: Awaited<ReturnType<typeof cli>>) => findings(top, run);
    const [fromTop, fromPackage] = await Promise.all([cli(top, ['-f', 'json']), cli(top.path('packages/strict/src'), ['-f', 'json'])]);
    expect(fromTop.code, describeRun(fromTop)).toBe(1);
    expect(relative(fromTop)).toEqual(['packages/plain/src/db.js:2 persona/parameterized-queries', 'packages/strict/src/log.js:1 persona/no-secret-logging']);
    expect(fromTop.summary).toMatch(/checked 3 files in 2 projects with 15 rules and 6 project checks/u);
    expect(relative(fromPackage)).toEqual(['packages/strict/src/log.js:1 persona/no-secret-logging']);
  });

  it.concurrent('routes <path> lists the routes of the named project, not of the current folder', async () => {
    const shop = fixtureProject('shop-api');
    const notes = fixtureProject('notes-api');
    const run = await cli(notes, ['routes', '--format', 'json', shop.path('src')]);
    expect(run.code, describeRun(run)).toBe(0);
    const inventory = JSON.parse(run.stdout) as { root: string; routes: { path: string }[] };
    expect(inventory.root).toBe(shop.dir);
    expect(inventory.routes.map((route) => route.path)).toContain('/api/orders/:id');
    expect(inventory.routes.map((route) => route.path)).not.toContain('/api/notes');
  });
});

describe('a run says what it did', { timeout: TEST_TIMEOUT }, () => {
  it.concurrent('a clean run prints one summary line in CI, and none when piped outside CI or with --quiet', async () => {
    const notes = fixtureProject('notes-api');
    const [inCi, piped, quiet] = await Promise.all([cli(notes, []), cli(notes, [], { env: { CI: undefined } }), cli(notes, ['--quiet'])]);
    expect(inCi, describeRun(inCi)).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(inCi.summary).toMatch(/^persona-lint: checked 6 files with 10 rules and 4 project checks in \d+\.\d s: no problems$/u);
    expect(piped).toMatchObject({ code: 0, stdout: '', stderr: '', summary: '' });
    expect(quiet).toMatchObject({ code: 0, stdout: '', stderr: '', summary: '' });
  });

  it.concurrent('named paths with nothing to lint say why and exit 2 before any work', async () => {
    const notes = fixtureProject('notes-api').write('notes.txt', 'remember the milk\n').write('docs/readme.md', '# notes\n');
    mkdirSync(notes.path('empty'));
    const [text, empty, docs, both] = await Promise.all([
      cli(notes, ['notes.txt']),
      cli(notes, ['empty']),
      cli(notes, ['docs']),
      cli(notes, ['src', 'notes.txt']),
    ]);
    expect(text).toMatchObject({ code: 2, stdout: '', stderr: 'persona-lint: nothing to lint: notes.txt is not a JavaScript or TypeScript file\n', summary: '' });
    expect(empty).toMatchObject({ code: 2, stdout: '', stderr: 'persona-lint: nothing to lint: empty has no JavaScript or TypeScript files\n' });
    expect(docs.stderr).toBe('persona-lint: nothing to lint: docs has no JavaScript or TypeScript files\n');
    expect(both.stderr).toBe('persona-lint: nothing to lint: notes.txt is not a JavaScript or TypeScript file\n');
  });

  it.concurrent('ignored files: named alone, a note and exit 0; a named folder of ignored files, exit 2', async () => {
    const notes = fixtureProject('notes-api')
      .write('.personarc.json', JSON.stringify({ ignore: ['src/generated/**'] }))
      .write('src/generated/client.js', INJECTION)
      .write('coverage/report.js', INJECTION);
    const [gitignored, configIgnored, folder] = await Promise.all([cli(notes, ['coverage/report.js']), cli(notes, ['src/generated/client.js']), cli(notes, ['src/generated'])]);
    expect(gitignored, describeRun(gitignored)).toMatchObject({ code: 0, stdout: '', stderr: 'persona-lint: coverage/report.js is left out by .gitignore; it was not linted\n' });
    expect(configIgnored).toMatchObject({ code: 0, stderr: 'persona-lint: src/generated/client.js is left out by the ignore setting of .personarc.json; it was not linted\n' });
    expect(configIgnored.summary).toMatch(/checked 0 files/u);
    expect(folder).toMatchObject({ code: 2, stderr: 'persona-lint: nothing to lint: every file in src/generated is left out by an ignore setting\n' });
  });

  it.concurrent('a project with no JavaScript or TypeScript says so; --project-checks-only with no project check exits 2', async () => {
    const empty = new Project(tempDir()).write('package.json', JSON.stringify({ name: 'empty' }));
    const off = Object.fromEntries(['health-endpoint', 'error-envelope', 'security-headers', 'rate-limiting'].map((rule) => [`persona/${rule}`, 'off']));
    const notes = fixtureProject('notes-api').write('.personarc.json', JSON.stringify({ rules: off }));
    const [nothing, onlyChecks] = await Promise.all([cli(empty, []), cli(notes, ['--project-checks-only'])]);
    expect(nothing).toMatchObject({ code: 0, stdout: '', stderr: 'persona-lint: no JavaScript or TypeScript files to lint in .\n' });
    expect(onlyChecks).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'persona-lint: --project-checks-only: no project check is on (recommended preset); use --preset strict or turn one on in the configuration\n',
    });
  });
});

describe('user errors are one-line errors, before any work', { timeout: TEST_TIMEOUT }, () => {
  it.concurrent('an output file that is a folder, under a file, or under /proc; a job summary that is a folder', async () => {
    const notes = fixtureProject('notes-api');
    mkdirSync(notes.path('reports'));
    const [folder, underFile, proc, summary] = await Promise.all([
      cli(notes, ['-o', 'reports']),
      cli(notes, ['-o', 'package.json/report.txt']),
      cli(notes, ['-o', '/proc/nope/report.txt']),
      cli(notes, ['-f', 'github'], { env: { GITHUB_STEP_SUMMARY: notes.path('reports') } }),
    ]);
    expect(folder).toMatchObject({ code: 2, stdout: '', stderr: `persona-lint: cannot write the report to ${notes.path('reports')}: it is a folder; name a file\n`, summary: '' });
    expect(underFile).toMatchObject({ code: 2, stderr: `persona-lint: cannot write the report to ${notes.path('package.json/report.txt')}: a part of the path is a file, not a folder\n` });
    expect(proc.code, describeRun(proc)).toBe(2);
    expect(proc.stderr).toMatch(/^persona-lint: cannot write the report to \/proc\/nope\/report\.txt: .+\n$/u);
    expect(summary).toMatchObject({ code: 2, stdout: '', stderr: `persona-lint: cannot write the job summary ($GITHUB_STEP_SUMMARY) to ${notes.path('reports')}: it is a folder; name a file\n` });
  });

  it.concurrent('an unknown --suppress-rule, a mistyped flag and a flag without its value', async () => {
    const notes = fixtureProject('notes-api');
    const [rule, typo, missing] = await Promise.all([cli(notes, ['--suppress-rule', 'nope']), cli(notes, ['--formt', 'json']), cli(notes, ['-f'])]);
    expect(rule.code).toBe(2);
    expect(rule.stderr).toMatch(/^persona-lint: --suppress-rule nope: no such rule; the rules are api-versioning, cors-policy, /u);
    expect(existsSync(notes.path('eslint-suppressions.json'))).toBe(false);
    expect(typo).toMatchObject({ code: 2, stdout: '', stderr: 'persona-lint: unknown option --formt; did you mean --format?\nRun persona-lint --help for usage.\n' });
    expect(missing).toMatchObject({ code: 2, stderr: 'persona-lint: --format needs a value\nRun persona-lint --help for usage.\n' });
  });
});

describe('flags a user of ESLint expects', { timeout: TEST_TIMEOUT }, () => {
  it.concurrent('--quiet reports errors only; --color and --no-color decide over the terminal check and NO_COLOR', async () => {
    const shop = fixtureProject('shop-api').write('.personarc.json', JSON.stringify({ rules: { 'persona/no-secret-logging': 'warn' } }));
    const [quiet, colored, plain] = await Promise.all([
      cli(shop, ['--quiet', '-f', 'json']),
      cli(shop, ['--color'], { env: { NO_COLOR: '1' } }),
      cli(shop, ['--no-color'], { env: { FORCE_COLOR: '1' } }),
    ]);
    expect(quiet.code).toBe(1);
    expect(findings(shop, quiet)).toEqual(SHOP_FINDINGS.filter((finding) => !finding.includes('no-secret-logging')));
    expect(colored.stdout).toContain('\u001b[31merror\u001b[39m');
    expect(colored.stdout).toContain('\u001b[33mwarning\u001b[39m');
    expect(plain.stdout).not.toContain('\u001b[');
  });

  it.concurrent('the stylish report does not pad lines to the longest message', async () => {
    const shop = fixtureProject('shop-api');
    const run = await cli(shop, []);
    const lines = run.stdout.split('\n').filter((line) => /^ +\d+:\d+ /u.test(line));
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^ {2}\d+:\d+ {2}error {2}\S.*\S {2}persona\/[a-z-]+$/u);
  });

  it.concurrent('--cache keeps a cache per project and gives the same report on the next run', async () => {
    const shop = fixtureProject('shop-api');
    const first = await cli(shop, ['--cache', '-f', 'json']);
    const cacheFolder = shop.path('.persona-lint-cache');
    expect(readdirSync(cacheFolder)).toEqual([expect.stringMatching(/^[\w-]+-[0-9a-f]{8}\.json$/u)]);
    const second = await cli(shop, ['--cache', '-f', 'json']);
    expect(findings(shop, second)).toEqual(findings(shop, first));
    expect(findings(shop, first)).toEqual(SHOP_FINDINGS);
  });
});

describe('code review', { timeout: TEST_TIMEOUT }, () => {
  it.concurrent('--diff reads an added line that starts with "++ " as a line, not as the header of another file', async () => {
    const notes = fixtureProject('notes-api');
    const hits = 'let hits = 0;\nexport function count() {\n++ hits;\n}\n';
    const filler = Array.from({ length: 12 }, (_, index) => `export const line${index} = ${index};\n`).join('');
    notes.write('src/stats.js', `${filler}${filler}`).commit('Stats');
    notes.write('src/stats.js', `${hits}${filler}${filler}${INJECTION}`);
    const run = await cli(notes, ['--diff', 'main', '-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(findings(notes, run)).toEqual(['src/stats.js:30 persona/parameterized-queries']);
  });

  it.concurrent('a changed persona configuration checks every file it configures: named (the pre-commit hook) or staged', async () => {
    const notes = fixtureProject('notes-api').write('src/find.js', INJECTION).commit('Find');
    notes.write('.personarc.json', JSON.stringify({ rules: { 'persona/parameterized-queries': 'warn' } })).git('add', '.personarc.json');
    const [named, staged] = await Promise.all([cli(notes, ['-f', 'json', '.personarc.json']), cli(notes, ['--staged', '-f', 'json'])]);
    for (const run of [named, staged]) {
      expect(run.code, describeRun(run)).toBe(0);
      expect(jsonResults(run)).toHaveLength(7);
      expect(findings(notes, run)).toEqual(['src/find.js:2 persona/parameterized-queries']);
    }
  });
});
