import { join } from 'node:path';
import type { Rule } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEslint, lintSafely } from '../../src/cli/lint.js';
import { buildCli, BUILD_TIMEOUT, cli, describeRun, findings, fixtureProject, jsonResults, Project, removeProjects, tempDir, TEST_TIMEOUT } from './harness.js';

/** What the recommended preset finds in fixtures/cli/shop-api, and nothing else. */
const SHOP_FINDINGS = [
  'src/legacy/export-orders.ts:5 persona/parameterized-queries',
  'src/routes/auth.ts:17 persona/no-secret-logging',
  'src/routes/orders.ts:13 persona/parameterized-queries',
];
const PROJECT_CHECKS = ['persona/api-versioning', 'persona/error-envelope', 'persona/health-endpoint', 'persona/rate-limiting', 'persona/require-auth', 'persona/security-headers'];
const ruleOf = (finding: string) => finding.split(' ')[1]!;

let shop: Project;

beforeAll(async () => {
  await buildCli();
  // Shared by the tests that only read it.
  shop = fixtureProject('shop-api');
}, BUILD_TIMEOUT);
afterAll(removeProjects);

describe('a zero-config run', { timeout: TEST_TIMEOUT }, () => {
  it.concurrent('reports the findings in the expected files and lines only, without loading the project ESLint setup', async () => {
    // scratch/ is gitignored but on disk, eslint.config.js imports plugins that are not installed,
    // and products.ts has `eslint-disable-next-line unicorn/no-null`.
    expect(shop.read('scratch/try-order-query.ts')).toContain('${customer}');
    expect(shop.read('eslint.config.js')).toContain("from 'eslint-plugin-unicorn'");
    const run = await cli(shop, ['--format', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stderr).toBe('');
    expect(findings(shop, run)).toEqual(SHOP_FINDINGS);
    const results = jsonResults(run);
    const linted = results.map((result) => result.filePath.slice(shop.dir.length + 1));
    expect(linted).toContain('src/routes/products.ts');
    expect(linted.some((file) => file.startsWith('scratch/'))).toBe(false);
    // ESLint's JSON result format, so that tools reading ESLint's output read this too.
    expect(results.find((result) => result.filePath === shop.path('src/routes/orders.ts'))).toMatchObject({
      filePath: shop.path('src/routes/orders.ts'),
      messages: [
        {
          ruleId: 'persona/parameterized-queries',
          severity: 2,
          message: expect.stringContaining('SQL injection'),
          messageId: 'dynamicQuery',
          line: 13,
          column: 7,
          endLine: 13,
          endColumn: expect.any(Number),
        },
      ],
      suppressedMessages: [],
      errorCount: 1,
      fatalErrorCount: 0,
      warningCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    });
  });

  it.concurrent('prints the stylish report by default', async () => {
    const run = await cli(shop, []);
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stdout).toContain(`${shop.path('src/routes/orders.ts')}\n  13:7  error  SQL passed to \`pool.query\``);
    expect(run.stdout).toMatch(/17:26 +error +`req\.body` is written to the log by `req\.log\.info`.*persona\/no-secret-logging/u);
    expect(run.stdout).toContain('3 problems (3 errors, 0 warnings)');
    // Not a TTY and CI is set: no colors, no progress.
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stderr).toBe('');
  });

  it.concurrent('exits 0 on a clean project, eslint-env and foreign directives included', async () => {
    const project = fixtureProject('notes-api');
    expect(project.read('scripts/migrate.cjs')).toContain('/* eslint-env node */');
    expect(project.read('scripts/migrate.cjs')).toContain('// eslint-disable-next-line n/no-sync');
    const run = await cli(project, []);
    expect(run, describeRun(run)).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });
});

describe('presets and project checks', { timeout: TEST_TIMEOUT }, () => {
  it.concurrent('--preset strict adds the project checks to the per-file rules', async () => {
    const run = await cli(shop, ['--preset', 'strict', '-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    const found = findings(shop, run);
    expect(found).toEqual(
      expect.arrayContaining([
        ...SHOP_FINDINGS,
        'src/app.ts:10 persona/api-versioning',
        'src/routes/orders.ts:9 persona/rate-limiting',
        'src/routes/products.ts:8 persona/rate-limiting',
      ]),
    );
    // The login route has a limiter, and /health, which pings the database, is a probe: no limiter needed.
    expect(found.filter((finding) => (finding.startsWith('src/routes/auth.ts') || finding.startsWith('src/routes/health.ts')) && ruleOf(finding) === 'persona/rate-limiting')).toEqual([]);
    expect(found.filter((finding) => ruleOf(finding) === 'persona/health-endpoint')).toEqual([]);
  });

  it.concurrent('--no-project-checks runs only the per-file rules', async () => {
    const run = await cli(shop, ['--preset', 'strict', '--no-project-checks', '-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    const found = findings(shop, run);
    expect(found).toEqual(expect.arrayContaining(SHOP_FINDINGS));
    expect(found.filter((finding) => PROJECT_CHECKS.includes(ruleOf(finding)))).toEqual([]);
  });

  it.concurrent('--project-checks-only runs only the project checks', async () => {
    const run = await cli(shop, ['--preset', 'strict', '--project-checks-only', '-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    const found = findings(shop, run);
    expect(found).toContain('src/routes/orders.ts:9 persona/rate-limiting');
    expect(found.filter((finding) => !PROJECT_CHECKS.includes(ruleOf(finding)))).toEqual([]);
  });
});

describe('exit codes', { timeout: TEST_TIMEOUT }, () => {
  it.concurrent('exits 2 on an unknown flag and on an unknown format', async () => {
    const [flag, format] = await Promise.all([cli(shop, ['--fix']), cli(shop, ['--format', 'nope'])]);
    expect(flag.code, describeRun(flag)).toBe(2);
    expect(flag.stderr).toBe('persona-lint: unknown option --fix\nRun persona-lint --help for usage.\n');
    expect(flag.stdout).toBe('');
    expect(format.code, describeRun(format)).toBe(2);
    expect(format.stderr).toContain('--format must be one of stylish, json, sarif, github, gitlab, not "nope"');
    expect(format.stdout).toBe('');
  });

  it.concurrent('reports a file that does not parse and still checks the others', async () => {
    const project = fixtureProject('shop-api').write(
      'src/routes/refunds.ts',
      "import { Router } from 'express';\n\nexport const refundsRouter = Router();\n\nrefundsRouter.post('/', async (req, res) => {\n  res.json({ ok: true }\n});\n",
    );
    const run = await cli(project, ['-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(findings(project, run)).toEqual([...SHOP_FINDINGS, 'src/routes/refunds.ts:7 fatal'].sort());
    const broken = jsonResults(run).find((result) => result.filePath.endsWith('refunds.ts'))!;
    expect(broken.messages[0]).toMatchObject({ fatal: true, severity: 2, message: expect.stringMatching(/^Parsing error: /u) });
    expect(broken).toMatchObject({ errorCount: 1, fatalErrorCount: 1 });
  });

  it.concurrent('--max-warnings fails a run whose findings are all warnings', async () => {
    const project = fixtureProject('shop-api').write(
      '.personarc.json',
      JSON.stringify({ rules: { 'persona/parameterized-queries': 'warn', 'persona/no-secret-logging': 'off' } }),
    );
    const [plain, none] = await Promise.all([cli(project, []), cli(project, ['--max-warnings', '0'])]);
    expect(plain.code, describeRun(plain)).toBe(0);
    expect(plain.stdout).toContain('2 problems (0 errors, 2 warnings)');
    expect(none.code, describeRun(none)).toBe(1);
    expect(none.stderr).toContain('too many warnings (maximum: 0)');
  });
});

// In process, because a crash cannot be provoked through the CLI: a rule that throws on one file
// stands for a bug in a persona rule. The CLI turns internal errors into exit code 2 (run.ts).
describe('lintSafely', () => {
  const explode: Rule.RuleModule = {
    meta: { type: 'problem', schema: [], messages: { found: 'found a TODO' } },
    create(context) {
      return {
        Program(node) {
          if (context.sourceCode.text.includes('EXPLODE')) throw new Error('rule bug:\n  cannot read x');
          if (context.sourceCode.text.includes('TODO')) context.report({ node, messageId: 'found' });
        },
      };
    },
  };

  it.each([
    ['files on disk', () => undefined],
    ['given texts (the staged content)', (file: string) => `${file.endsWith('b.ts') ? 'const b = "EXPLODE";' : '// TODO: staged'}\n`],
  ] as const)('turns a file a rule throws on into a fatal result and an internal error, keeping the other results: %s', async (_name, textOf) => {
    const root = tempDir();
    const files = ['a.ts', 'b.ts', 'c.ts'].map((name) => join(root, name));
    new Project(root)
      .write('a.ts', '// TODO: paginate\nexport const a = 1;\n')
      .write('b.ts', 'export const b = "EXPLODE";\n')
      .write('c.ts', '// TODO: cache\nexport const c = 3;\n');
    const internalErrors: string[] = [];
    const results = await lintSafely(createEslint({ cwd: root, ignores: [], rules: { 'persona/explode': 'error' }, pluginRules: { explode } }), files, textOf, internalErrors, root);
    expect(results.map((result) => result.filePath)).toEqual(files);
    const [a, b, c] = results;
    expect(a!.messages.map((message) => message.ruleId)).toEqual(['persona/explode']);
    expect(c!.messages.map((message) => message.ruleId)).toEqual(['persona/explode']);
    expect(b!.messages).toEqual([
      expect.objectContaining({ ruleId: null, fatal: true, severity: 2, message: expect.stringMatching(/^persona-lint crashed on this file, which was not checked: rule bug: cannot read x/u) }),
    ]);
    expect(b).toMatchObject({ errorCount: 1, fatalErrorCount: 1 });
    // One line per file, naming the file and the rule.
    expect(internalErrors).toEqual([expect.stringMatching(/^b\.ts was not checked: rule bug: cannot read x .*Rule: "persona\/explode"$/u)]);
  });
});
