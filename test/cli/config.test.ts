import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, BUILD_TIMEOUT, cli, describeRun, findings, fixtureProject, removeProjects, TEST_TIMEOUT, type Project } from './harness.js';

const LEGACY = 'src/legacy/export-orders.ts:5 persona/parameterized-queries';
const LOGIN_LOG = 'src/routes/auth.ts:17 persona/no-secret-logging';
const ORDERS = 'src/routes/orders.ts:13 persona/parameterized-queries';

/** fixtures/cli/shop-api with `package.json` given a `persona` key. */
function withPackageKey(persona: unknown): Project {
  const project = fixtureProject('shop-api');
  return project.write('package.json', JSON.stringify({ ...JSON.parse(project.read('package.json')), persona }, null, 2));
}

/** Runs persona-lint and returns stderr, after checking that it exits 2 without a report. */
async function configProblems(project: Project, args: string[] = []): Promise<string> {
  const run = await cli(project, args);
  expect(run.code, describeRun(run)).toBe(2);
  expect(run.stdout).toBe('');
  return run.stderr;
}

beforeAll(buildCli, BUILD_TIMEOUT);
afterAll(removeProjects);

describe('config files', { timeout: TEST_TIMEOUT }, () => {
  // Each file changes the result in its own way, so the result tells which file was read.
  it.concurrent('package.json#persona', async () => {
    const project = withPackageKey({ rules: { 'persona/parameterized-queries': 'off' } });
    const run = await cli(project, ['-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(findings(project, run)).toEqual([LOGIN_LOG]);
  });

  it.concurrent('.personarc in YAML', async () => {
    const project = fixtureProject('shop-api').write('.personarc', '# YAML without an extension\nrules:\n  persona/no-secret-logging: off\n');
    const run = await cli(project, ['-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(findings(project, run)).toEqual([LEGACY, ORDERS]);
  });

  it.concurrent('.personarc.yml, whose ignore globs leave files out', async () => {
    const project = fixtureProject('shop-api').write('.personarc.yml', "ignore:\n  - 'src/routes/**'\n");
    const run = await cli(project, ['-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(findings(project, run)).toEqual([LEGACY]);
  });

  it.concurrent('persona.config.mjs; warnings alone exit 0', async () => {
    const project = fixtureProject('shop-api').write(
      'persona.config.mjs',
      "export default {\n  rules: {\n    'persona/parameterized-queries': ['warn'],\n    'persona/no-secret-logging': 'off',\n  },\n};\n",
    );
    const run = await cli(project, ['-f', 'json']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(findings(project, run)).toEqual([LEGACY, ORDERS]);
  });

  it.concurrent('--config replaces the search', async () => {
    // The .personarc.json found by searching is invalid: the run passes only if --config replaced it.
    const project = fixtureProject('shop-api')
      .write('.personarc.json', JSON.stringify({ rules: { 'persona/not-a-rule': 'error' } }))
      .write('config/persona.ci.json', JSON.stringify({ ignore: ['src/legacy/**'], rules: { 'persona/no-secret-logging': 'off' } }));
    const run = await cli(project, ['-f', 'json', '--config', 'config/persona.ci.json']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(findings(project, run)).toEqual([ORDERS]);
  });
});

describe('an invalid config exits 2 and names the file, the key path and what is allowed', { timeout: TEST_TIMEOUT }, () => {
  it.concurrent('an unknown option inside [severity, options], a bad severity and an unknown rule, all at once', async () => {
    const project = fixtureProject('shop-api').write(
      '.personarc.json',
      JSON.stringify({
        rules: {
          'persona/parameterized-queries': ['error', { sanitisers: ['quoteIdent'] }],
          'persona/no-secret-logging': 'fatal',
          'persona/sql-injection': 'error',
        },
      }),
    );
    const lines = (await configProblems(project)).split('\n');
    expect(lines[0]).toBe('persona-lint: invalid configuration in .personarc.json');
    expect(lines.slice(1, -1).sort()).toEqual([
      '  rules["persona/no-secret-logging"]: "fatal" is not allowed; allowed: "off", "warn", "error", 0, 1, 2',
      expect.stringMatching(/^ {2}rules\["persona\/parameterized-queries"\]\[1\]\.sanitisers: unknown option; allowed: .*\bsanitizers\b/u),
      expect.stringMatching(/^ {2}rules\["persona\/sql-injection"\]: unknown rule; allowed: .*persona\/parameterized-queries/u),
    ]);
  });

  it.concurrent('a config that is not an object', async () => {
    const stderr = await configProblems(fixtureProject('shop-api').write('persona.config.mjs', 'export default [];\n'));
    expect(stderr).toBe('persona-lint: invalid configuration in persona.config.mjs\n  (the whole configuration): must be object, found array\n');
  });

  it.concurrent('a YAML syntax error', async () => {
    const stderr = await configProblems(fixtureProject('shop-api').write('.personarc.yaml', "preset: strict\nignore: ['scripts/**'\nrules: {}\n"));
    expect(stderr).toMatch(/^persona-lint: invalid configuration in \.personarc\.yaml\n {2}cannot be read: .*\(\d+:\d+\)\n$/u);
  });

  it.concurrent('--config naming a file that does not exist', async () => {
    const stderr = await configProblems(fixtureProject('shop-api'), ['--config', 'config/persona.json']);
    expect(stderr).toBe('persona-lint: invalid configuration in config/persona.json\n  the file does not exist\n');
  });
});
