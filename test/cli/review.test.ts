import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, BUILD_TIMEOUT, cli, describeRun, findings, fixtureProject, jsonResults, removeProjects, TEST_TIMEOUT, type Project, type SarifLog } from './harness.js';

/** A new route in products.ts, with SQL built by a template literal or with a placeholder. */
const skuRoute = (query: string) => `
productsRouter.get('/by-sku/:sku', async (req, res, next) => {
  try {
    const { rows } = await pool.query(${query});
    res.json({ data: rows[0] });
  } catch (error) {
    next(error);
  }
});
`;
const SKU_INJECTION = skuRoute("`SELECT id, name FROM products WHERE sku = '${req.params.sku}'`");
const SKU_PARAMETERIZED = skuRoute("'SELECT id, name FROM products WHERE sku = $1', [req.params.sku]");
/** The line of `pool.query` in products.ts once a route is appended (the file has 39 lines). */
const SKU_QUERY_LINE = 43;
const ORDERS_FIXED = "'SELECT id, total_cents, status, created_at FROM orders WHERE status = $1 ORDER BY created_at DESC LIMIT 50',\n      [status],";
const ORDERS_INJECTION = "`SELECT id, total_cents, status, created_at FROM orders WHERE status = '${status}' ORDER BY created_at DESC LIMIT 50`,";

const SUPPRESSIONS = 'eslint-suppressions.json';
/** A second injection in orders.ts, so that the baseline accepts two of one rule in one file. */
const SEARCH_ROUTE = `
ordersRouter.get('/search', async (req, res) => {
  const { rows } = await pool.query(\`SELECT id FROM orders WHERE reference LIKE '\${req.query.q}%'\`);
  res.json({ data: rows });
});
`;
const THIRD_ROUTE = `
ordersRouter.get('/by-coupon', async (req, res) => {
  const { rows } = await pool.query(\`SELECT id FROM orders WHERE coupon = '\${req.query.code}'\`);
  res.json({ data: rows });
});
`;

beforeAll(buildCli, BUILD_TIMEOUT);
afterAll(removeProjects);

describe('--staged', { timeout: TEST_TIMEOUT }, () => {
  it.concurrent('lints the staged content, not the working tree, in both directions', async () => {
    const project = fixtureProject('shop-api');
    const products = project.read('src/routes/products.ts');
    expect(products.split('\n')).toHaveLength(40);
    // products.ts: staged with an injection, fixed in the working tree since.
    project.write('src/routes/products.ts', products + SKU_INJECTION);
    project.git('add', 'src/routes/products.ts');
    project.write('src/routes/products.ts', products + SKU_PARAMETERIZED);
    // orders.ts: its fix is staged, the working tree still has the injection.
    project.replace('src/routes/orders.ts', ORDERS_INJECTION, ORDERS_FIXED);
    project.git('add', 'src/routes/orders.ts');
    project.replace('src/routes/orders.ts', ORDERS_FIXED, ORDERS_INJECTION);
    expect(project.git('diff', '--cached', '--name-only').trim().split('\n')).toEqual(['src/routes/orders.ts', 'src/routes/products.ts']);

    const run = await cli(project, ['--staged', '-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    // Only staged files are linted: the findings of auth.ts and the legacy export are not reported.
    expect(findings(project, run)).toEqual([`src/routes/products.ts:${SKU_QUERY_LINE} persona/parameterized-queries`]);
  });

  it.concurrent('runs the project checks on the staged tree', async () => {
    // /health is committed nowhere: it exists only in the working tree, not staged.
    const project = fixtureProject('shop-api');
    const app = project.read('src/app.ts');
    const health = project.read('src/routes/health.ts');
    project
      .remove('src/routes/health.ts')
      .replace('src/app.ts', "import { healthRouter } from './routes/health.js';\n", '')
      .replace('src/app.ts', 'app.use(healthRouter);\n', '')
      .commit('Drop the health route for now');
    project.write('src/app.ts', app).write('src/routes/health.ts', health);

    const [staged, worktree] = await Promise.all([
      cli(project, ['--staged', '--preset', 'strict', '--project-checks-only', '-f', 'json']),
      cli(project, ['--preset', 'strict', '--project-checks-only', '-f', 'json']),
    ]);
    expect(staged.code, describeRun(staged)).toBe(1);
    expect(findings(project, staged)).toContain('src/app.ts:9 persona/health-endpoint');
    // The same checks on the working tree find the route.
    expect(findings(project, worktree).filter((finding) => finding.includes('health-endpoint'))).toEqual([]);
  });
});

describe('--diff', { timeout: TEST_TIMEOUT }, () => {
  it.concurrent('reports only findings on lines changed since the ref, untracked files included', async () => {
    const project = fixtureProject('shop-api');
    // A tracked file with a space in its name: git's diff header ends such a name with a tab.
    const giftCards = (query: string) => `import { pool } from '../db.js';\n\nexport const balanceOf = (code: string) =>\n  pool.query(${query});\n`;
    project.write('src/routes/gift cards.ts', giftCards("'SELECT balance_cents FROM gift_cards WHERE code = $1', [code]")).commit('Gift card balances');
    project.git('checkout', '-q', '-b', 'feature/sku-lookup');
    project.write('src/routes/products.ts', project.read('src/routes/products.ts') + SKU_INJECTION);
    project.write('src/routes/gift cards.ts', giftCards("`SELECT balance_cents FROM gift_cards WHERE code = '${code}'`"));
    // orders.ts changes too, but not on the line of its old finding (13).
    project.replace('src/routes/orders.ts', "message: 'No such order'", "message: 'Order not found'");
    project.commit('Look products up by SKU');
    project.write('src/routes/reports.ts', "import { pool } from '../db.js';\n\nexport const totalsSince = (since: string) =>\n  pool.query(`SELECT sum(total_cents) FROM orders WHERE created_at >= '${since}'`);\n");

    const run = await cli(project, ['--diff', 'main', '-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(findings(project, run)).toEqual([
      'src/routes/gift cards.ts:4 persona/parameterized-queries',
      `src/routes/products.ts:${SKU_QUERY_LINE} persona/parameterized-queries`,
      'src/routes/reports.ts:4 persona/parameterized-queries',
    ]);
  });

  it.concurrent('exits 2 on a ref git does not know', async () => {
    const project = fixtureProject('notes-api');
    const run = await cli(project, ['--diff', 'origin/develop']);
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toContain('--diff origin/develop: git does not know this ref here (fetch it first, e.g. git fetch origin develop)');
    expect(run.stdout).toBe('');
  });
});

describe('outside a git repository', { timeout: TEST_TIMEOUT }, () => {
  it.concurrent('--staged and --diff say that they need one and exit 2; a plain run still honours .gitignore', async () => {
    const project = fixtureProject('shop-api', { git: false });
    expect(() => execFileSync('git', ['rev-parse', '--git-dir'], { cwd: project.dir, stdio: 'pipe' })).toThrow();
    const [staged, diff, plain] = await Promise.all([cli(project, ['--staged']), cli(project, ['--diff', 'main']), cli(project, ['-f', 'json'])]);
    expect(staged.code, describeRun(staged)).toBe(2);
    expect(staged.stderr).toContain(`--staged needs a git repository, and ${project.dir} is not inside one`);
    expect(diff.code, describeRun(diff)).toBe(2);
    expect(diff.stderr).toContain(`--diff needs a git repository, and ${project.dir} is not inside one`);
    expect(plain.code, describeRun(plain)).toBe(1);
    expect(findings(project, plain)).toEqual([
      'src/legacy/export-orders.ts:5 persona/parameterized-queries',
      'src/routes/auth.ts:17 persona/no-secret-logging',
      'src/routes/orders.ts:13 persona/parameterized-queries',
    ]);
  });
});

// One legacy codebase adopting persona-lint, step by step: the tests share the project and run in order.
describe('baselines in eslint-suppressions.json', { timeout: TEST_TIMEOUT }, () => {
  let project: Project;
  const suppressions = () => JSON.parse(project.read(SUPPRESSIONS)) as unknown;

  beforeAll(() => {
    project = fixtureProject('shop-api');
    project.write('src/routes/orders.ts', project.read('src/routes/orders.ts') + SEARCH_ROUTE);
    // The team's ESLint already keeps a baseline in the same file: persona-lint must keep its entry.
    project.write(SUPPRESSIONS, `${JSON.stringify({ 'src/app.ts': { 'n/no-process-env': { count: 1 } } }, null, 2)}\n`).commit('Order search');
  });

  it('--suppress-all accepts every current finding in ESLint format, says what it accepted, and exits 0', async () => {
    const run = await cli(project, ['--suppress-all']);
    expect(run, describeRun(run)).toMatchObject({
      code: 0,
      stdout: '',
      stderr: `persona-lint: accepted 4 errors of 2 rules in 3 files into ${SUPPRESSIONS}; commit it, and later runs fail only on new errors\n`,
    });
    expect(run.summary).toMatch(/: no problems; 4 errors accepted by eslint-suppressions\.json$/u);
    expect(suppressions()).toEqual({
      'src/app.ts': { 'n/no-process-env': { count: 1 } },
      'src/legacy/export-orders.ts': { 'persona/parameterized-queries': { count: 1 } },
      'src/routes/auth.ts': { 'persona/no-secret-logging': { count: 1 } },
      'src/routes/orders.ts': { 'persona/parameterized-queries': { count: 2 } },
    });
  });

  it('the next run exits 0, says how many errors the baseline accepts, and SARIF lists them as suppressed outside the source', async () => {
    const run = await cli(project, ['-f', 'sarif']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.summary).toMatch(/^persona-lint: checked \d+ files with 10 rules and 4 project checks in \d+\.\d s: no problems; 4 errors accepted by eslint-suppressions\.json$/u);
    const results = (JSON.parse(run.stdout) as SarifLog).runs[0].results as SarifLog[];
    expect(results.map((result) => `${result.locations[0].physicalLocation.artifactLocation.uri}:${result.locations[0].physicalLocation.region.startLine}`).sort()).toEqual([
      'src/legacy/export-orders.ts:5',
      'src/routes/auth.ts:17',
      'src/routes/orders.ts:13',
      'src/routes/orders.ts:35',
    ]);
    for (const result of results) expect(result.suppressions).toEqual([{ kind: 'external' }]);
  });

  it('one more finding of a rule in a file makes all of them count', async () => {
    project.write('src/routes/orders.ts', project.read('src/routes/orders.ts') + THIRD_ROUTE);
    const run = await cli(project, ['-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(findings(project, run)).toEqual([
      'src/routes/orders.ts:13 persona/parameterized-queries',
      'src/routes/orders.ts:35 persona/parameterized-queries',
      'src/routes/orders.ts:40 persona/parameterized-queries',
    ]);
    // The other files stay within their baseline.
    const auth = jsonResults(run).find((result) => result.filePath === project.path('src/routes/auth.ts'))!;
    expect(auth.suppressedMessages.map((message) => [message.line, message.ruleId])).toEqual([[17, 'persona/no-secret-logging']]);
  });

  it('--prune-suppressions lowers the count after a fix and keeps the other tools\u2019 entries', async () => {
    // Fix the third route and the search route: one accepted finding is left in orders.ts.
    project.replace('src/routes/orders.ts', THIRD_ROUTE, '');
    project.replace('src/routes/orders.ts', "`SELECT id FROM orders WHERE reference LIKE '${req.query.q}%'`", "'SELECT id FROM orders WHERE reference LIKE $1', [`${req.query.q}%`]");
    const stale = await cli(project, []);
    expect(stale.code, describeRun(stale)).toBe(0);
    expect(stale.stderr).toContain('accepts findings that no longer occur; run persona-lint --prune-suppressions');

    const pruned = await cli(project, ['--prune-suppressions']);
    expect(pruned, describeRun(pruned)).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(suppressions()).toEqual({
      'src/app.ts': { 'n/no-process-env': { count: 1 } },
      'src/legacy/export-orders.ts': { 'persona/parameterized-queries': { count: 1 } },
      'src/routes/auth.ts': { 'persona/no-secret-logging': { count: 1 } },
      'src/routes/orders.ts': { 'persona/parameterized-queries': { count: 1 } },
    });
  });
});
