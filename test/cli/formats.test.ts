import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeQualityIssue } from '../../src/report/gitlab.js';
import { buildCli, BUILD_TIMEOUT, cli, describeRun, fixtureProject, removeProjects, sarifProblems, tempDir, TEST_TIMEOUT, type Project, type SarifLog } from './harness.js';

/** A file name git can commit and every report has to escape: `%`, `,`, `:` and a line break. */
const ODD_NAME = 'src/routes/report 100%,q3:final\nv2.ts';
/** A route path with the same characters ends up in a project check's message. */
const ODD_ROUTER = `import { Router } from 'express';
import { pool } from '../db.js';

export const quarterlyRouter = Router();

quarterlyRouter.get('/export/:from,:to/100%\\nraw', async (req, res) => {
  const { rows } = await pool.query(\`SELECT id, total_cents FROM orders WHERE created_at >= '\${req.params.from}'\`);
  res.json({ data: rows });
});
`;

/** shop-api as one package of a monorepo (services/shop-api), with the odd file mounted in its app. */
let monorepo: Project;
let repositoryRoot: string;
const PACKAGE = 'services/shop-api';

beforeAll(async () => {
  await buildCli();
  monorepo = fixtureProject('shop-api', { under: PACKAGE })
    .write(ODD_NAME, ODD_ROUTER)
    .replace('src/app.ts', "import { productsRouter } from './routes/products.js';\n", "import { productsRouter } from './routes/products.js';\nimport { quarterlyRouter } from './routes/report 100%,q3:final\\nv2.js';\n")
    .replace('src/app.ts', "app.use('/api/orders', ordersRouter);\n", "app.use('/api/orders', ordersRouter);\napp.use('/api/reports', quarterlyRouter);\n")
    .commit('Quarterly report export');
  repositoryRoot = monorepo.git('rev-parse', '--show-toplevel').trim();
  expect(monorepo.git('ls-files', '-z').split('\0')).toContain(ODD_NAME);
}, BUILD_TIMEOUT);
afterAll(removeProjects);

describe('report formats', { timeout: TEST_TIMEOUT }, () => {
  it.concurrent('sarif: schema-valid SARIF 2.1.0 with repository-relative uris, written by --output-file', async () => {
    const run = await cli(monorepo, ['-f', 'sarif', '--output-file', 'reports/persona.sarif']);
    expect(run.code, describeRun(run)).toBe(1);
    // The report goes to the file only.
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
    const log = JSON.parse(readFileSync(monorepo.path('reports/persona.sarif'), 'utf8')) as SarifLog;
    expect(sarifProblems(log)).toEqual([]);
    const [sarifRun] = log.runs;
    expect(sarifRun.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(repositoryRoot).href}/` } });
    const located = sarifRun.results.map((result: SarifLog) => `${result.locations[0].physicalLocation.artifactLocation.uri}:${result.locations[0].physicalLocation.region.startLine} ${result.ruleId}`);
    expect(located.sort()).toEqual([
      `${PACKAGE}/src/legacy/export-orders.ts:5 persona/parameterized-queries`,
      `${PACKAGE}/src/routes/auth.ts:17 persona/no-secret-logging`,
      `${PACKAGE}/src/routes/orders.ts:13 persona/parameterized-queries`,
      `${PACKAGE}/src/routes/report%20100%25%2Cq3%3Afinal%0Av2.ts:7 persona/parameterized-queries`,
    ]);
    for (const result of sarifRun.results) {
      expect(result.locations[0].physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(result.partialFingerprints['personaFingerprint/v1']).toMatch(/^[0-9a-f]{32}$/u);
    }
    const queries = sarifRun.tool.driver.rules.find((rule: SarifLog) => rule.id === 'persona/parameterized-queries');
    expect(queries.properties).toMatchObject({ 'security-severity': expect.stringMatching(/^\d+\.\d$/u), precision: 'high' });
    expect(queries.helpUri).toMatch(/parameterized-queries\.md$/u);
  });

  it.concurrent('github: escaped annotations, most severe first, and a job summary appended to $GITHUB_STEP_SUMMARY', async () => {
    const summary = join(tempDir(), 'step-summary.md');
    writeFileSync(summary, '## Tests\n\nAll passed.\n');
    const run = await cli(monorepo, ['-f', 'github', '--preset', 'strict'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.code, describeRun(run)).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    const oddFile = `file=${PACKAGE}/src/routes/report 100%25%2Cq3%3Afinal%0Av2.ts`;
    expect(lines).toContain(
      `::error ${oddFile},line=7,endLine=7,col=37,endColumn=114,title=persona/parameterized-queries::SQL passed to \`pool.query\` (SQL) is built from \`req.params.from\`, which is not a constant: SQL injection. Keep the text constant and use placeholders and pass the values separately.`,
    );
    // The route path in the message keeps `:` and `,` (data, not a property) and escapes `%` and the line break.
    expect(lines).toContainEqual(
      expect.stringMatching(/^::error file=services\/shop-api\/src\/routes\/report 100%25%2Cq3%3Afinal%0Av2\.ts,line=6,.*,title=persona\/rate-limiting::GET \/api\/reports\/export\/:from,:to\/100%25%0Araw does expensive work/u),
    );
    // Every annotation is one line; SQL injection (the highest security severity) comes first.
    expect(lines.every((line) => /^::(?:error|warning) file=[^\n]+::/u.test(line))).toBe(true);
    expect(lines.slice(0, 3).map((line) => /title=([^:]+)::/u.exec(line)?.[1])).toEqual(Array(3).fill('persona/parameterized-queries'));

    const written = readFileSync(summary, 'utf8');
    expect(written.startsWith('## Tests\n\nAll passed.\n## persona-lint\n')).toBe(true);
    expect(written).toMatch(/\| \[persona\/parameterized-queries\]\(https:[^)]+\) \| 3 \| 0 \|/u);
    expect(written).toContain(`| error | [persona/parameterized-queries]`);
  });

  it.concurrent('gitlab: fingerprints do not change when lines are inserted above a finding', async () => {
    const project = fixtureProject('shop-api');
    const before = await cli(project, ['-f', 'gitlab']);
    expect(before.code, describeRun(before)).toBe(1);
    project.replace('src/routes/orders.ts', "import { Router } from 'express';\n", "// Orders of the signed-in customer.\n// Admins use the back office.\n\nimport { Router } from 'express';\n");
    const after = await cli(project, ['-f', 'gitlab']);
    expect(after.code, describeRun(after)).toBe(1);

    const issues = (run: typeof before) => (JSON.parse(run.stdout) as CodeQualityIssue[]).map(({ check_name, fingerprint, location }) => ({ check_name, fingerprint, location }));
    const moved = (issue: ReturnType<typeof issues>[number]) =>
      issue.location.path === 'src/routes/orders.ts' ? { ...issue, location: { ...issue.location, lines: { begin: issue.location.lines.begin + 3, end: issue.location.lines.end + 3 } } } : issue;
    expect(issues(before)).toHaveLength(3);
    expect(issues(after)).toEqual(issues(before).map(moved));
    expect(issues(after).find((issue) => issue.location.path === 'src/routes/orders.ts')?.location.lines).toEqual({ begin: 16, end: 16 });
    expect(new Set(issues(before).map((issue) => issue.fingerprint)).size).toBe(3);
  });
});
