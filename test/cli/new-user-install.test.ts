/**
 * The package as a user installs it: `npm pack`, the tarball installed into a new sample
 * project (with ESLint 10, ESLint 9 beside it, and TypeScript, from the npm cache the project's
 * own install filled), and the README's recipes run there; then the real pre-commit tool
 * installing the hooks from a repository at a release tag, when pre-commit is installed.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, BUILD_TIMEOUT, Project, removeProjects, REPO, tempDir } from './harness.js';

// The sample's node_modules and pre-commit's environments take a while to remove.
afterAll(removeProjects, 120_000);

const INSTALL_TIMEOUT = 300_000;
const RUN_TIMEOUT = 60_000;
const PACKAGE = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { name: string; version: string; files: string[] };
const installed = (name: string) => (JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * A backend file with a secret in a log call (persona/no-secret-logging, in the recommended preset),
 * and an app with no health endpoint, rate limiter or security headers (the recommended project checks).
 */
const APP = `import express from 'express';

const app = express();
app.get('/me', (req, res) => {
  console.log('auth', req.headers.authorization);
  res.json({ ok: true });
});
app.listen(3000);
`;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command the way a user's shell would (CI set, as in a pipeline), never throwing. */
function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...process.env, CI: 'true', ...env }, encoding: 'utf8', timeout: RUN_TIMEOUT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr: error && typeof error.code !== 'number' ? `${stderr}\n${error.message}` : stderr });
    });
  });
}

const show = (result: Run) => `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;

/** Every file of the package, from `npm pack --dry-run` (no build script runs: dist/ is built by buildCli). */
function packedFiles(): { files: string[]; size: number; unpackedSize: number } {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [pack] = JSON.parse(output) as { files: { path: string }[]; size: number; unpackedSize: number }[];
  return { files: pack!.files.map((file) => file.path).sort(), size: pack!.size, unpackedSize: pack!.unpackedSize };
}

describe('the package', () => {
  let packed: ReturnType<typeof packedFiles>;
  beforeAll(async () => {
    await buildCli();
    packed = packedFiles();
  }, BUILD_TIMEOUT);

  it('ships the build, the docs, the schema, the license and the readme, and nothing else', () => {
    const outside = packed.files.filter((file) => !/^(dist\/(src|rules)\/|docs\/rules\/[\w-]+\.md$|docs\/standards\.md$|personarc\.schema\.json$|LICENSE$|README\.md$|package\.json$)/u.test(file));
    expect(outside).toEqual([]);
    for (const file of ['dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/require.cjs', 'dist/src/require.d.cts', 'dist/src/cli/main.js', 'dist/src/cli/analysis-worker.js', 'dist/src/analyzer/analysis-thread-worker.js', 'dist/src/analyzer/analysis-scan-worker.js', 'docs/standards.md', 'LICENSE']) {
      expect(packed.files).toContain(file);
    }
    // No source maps that point to sources the package does not have.
    expect(packed.files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(readFileSync(join(REPO, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} persona-lint contributors\n/u);
  });

  it('speaks of its own docs: no shipped file names the persona documents the standards came from, or a path outside the package', () => {
    const texts = packed.files.filter((file) => /\.(md|json|js|cjs|ts|cts)$/u.test(file)).map((file) => [file, readFileSync(join(REPO, file), 'utf8')] as const);
    for (const [file, text] of texts) {
      expect(text, file).not.toMatch(/\d{3}_[0-9a-f]{16}|\.\.\/shared|STANDARDS\.md/u);
    }
    // Relative links of the shipped Markdown lead to shipped files, and their anchors exist.
    for (const [file, text] of texts.filter(([path]) => path.endsWith('.md'))) {
      for (const [, target = ''] of text.matchAll(/\]\((?!https?:|#)([^)\s]+)\)/gu)) {
        const [path = '', anchor] = target.split('#');
        const linked = join(dirname(file), path).split('\\').join('/');
        expect(packed.files, `${file} links to ${target}`).toContain(linked);
        if (anchor) expect(readFileSync(join(REPO, linked), 'utf8'), `${file} links to ${target}`).toContain(`<a id="${anchor}"></a>`);
      }
    }
  });
});

describe('installed from the packed tarball into a new Express + TypeScript project', () => {
  let sample: Project;

  beforeAll(async () => {
    await buildCli();
    const packs = tempDir();
    const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', packs], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').pop()!;
    sample = new Project(tempDir())
      .write('package.json', `${JSON.stringify({ name: 'sample-api', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`)
      .write('src/app.ts', APP)
      .write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'nodenext', target: 'es2022', strict: true, skipLibCheck: true, noEmit: true }, include: ['eslint.config.ts'] }));
    // The versions the project's own install put in the npm cache: no download is needed.
    const install = spawnSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', join(packs, tarball), `eslint@${installed('eslint')}`, `eslint9@npm:eslint@${installed('eslint9')}`, `typescript@${installed('typescript')}`],
      { cwd: sample.dir, encoding: 'utf8' },
    );
    if (install.status !== 0) throw new Error(`npm install failed:\n${install.stdout}\n${install.stderr}`);
  }, INSTALL_TIMEOUT);

  const bin = (name: string) => join(sample.dir, 'node_modules', '.bin', name);

  it('npx persona-lint: the version, and a run with its finding and summary line', { timeout: RUN_TIMEOUT }, async () => {
    const [version, lint] = await Promise.all([run(bin('persona-lint'), ['--version'], sample.dir), run(bin('persona-lint'), [], sample.dir)]);
    expect(version).toEqual({ code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' });
    expect(lint.code, show(lint)).toBe(1);
    expect(lint.stdout).toContain(`${sample.path('src/app.ts')}\n  3:13  error  This express app has no health endpoint`);
    expect(lint.stdout).toContain('\n  5:23  error  `req.headers.authorization` is written to the log');
    expect(lint.stderr).toMatch(/^persona-lint: checked 1 file with 10 rules and 4 project checks in \d+\.\d s: 4 errors, 0 warnings\n$/u);
  });

  it('flat config with ESLint 10 (eslint.config.js) and ESLint 9 (eslint.config.cjs, through require)', { timeout: RUN_TIMEOUT }, async () => {
    sample.write('eslint.config.js', "import persona from 'eslint-plugin-persona';\n\nexport default [persona.configs.recommended];\n");
    sample.write('eslint9.config.cjs', "const persona = require('eslint-plugin-persona');\n\nmodule.exports = [persona.configs.recommended];\n");
    const [ten, nine] = await Promise.all([
      run(bin('eslint'), ['src'], sample.dir),
      run(process.execPath, [join(sample.dir, 'node_modules', 'eslint9', 'bin', 'eslint.js'), '--config', 'eslint9.config.cjs', 'src'], sample.dir),
    ]);
    for (const result of [ten, nine]) {
      expect(result.code, show(result)).toBe(1);
      expect(result.stdout).toMatch(/5:23 +error +`req\.headers\.authorization` is written to the log.*persona\/no-secret-logging/u);
    }
  });

  it('a typed eslint.config.ts with defineConfig and plugins: { persona } type-checks', { timeout: RUN_TIMEOUT }, async () => {
    sample.write(
      'eslint.config.ts',
      "import { defineConfig } from 'eslint/config';\nimport persona from 'eslint-plugin-persona';\n\nexport default defineConfig([\n  persona.configs.recommended,\n  { files: ['scripts/**'], plugins: { persona }, rules: { 'persona/no-blocking-io': 'off' } },\n]);\n",
    );
    const result = await run(bin('tsc'), ['-p', 'tsconfig.json'], sample.dir);
    expect(result, show(result)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('explain reads the installed docs; init writes a $schema that exists', { timeout: RUN_TIMEOUT }, async () => {
    const explain = await run(bin('persona-lint'), ['explain', 'no-secret-logging'], sample.dir);
    expect(explain.code, show(explain)).toBe(0);
    expect(explain.stdout).toContain('Why it matters. Logs are copied to aggregators');
    const init = await run(bin('persona-lint'), ['init'], sample.dir);
    expect(init.code, show(init)).toBe(0);
    const { $schema } = JSON.parse(sample.read('.personarc.json')) as { $schema: string };
    expect($schema).toBe('./node_modules/eslint-plugin-persona/personarc.schema.json');
    expect(statSync(sample.path($schema)).isFile()).toBe(true);
  });
});

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const hasPreCommit = preCommit.status === 0;
if (!hasPreCommit) console.warn('new-user-install.test.ts: the pre-commit tool is not installed (apt-get install pre-commit); its end-to-end test is skipped');

describe.skipIf(!hasPreCommit)(`the real pre-commit tool${hasPreCommit ? ` (${preCommit.stdout.trim()})` : ' (skipped: not installed)'} installs the hooks from the repository at a release tag`, () => {
  let sample: Project;
  const env: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    await buildCli();
    // The hook repository: this working tree's files (not its build), tagged by the release script.
    const hooks = new Project(tempDir());
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter((file) => file && existsSync(join(REPO, file)));
    for (const file of files) {
      mkdirSync(dirname(hooks.path(file)), { recursive: true });
      cpSync(join(REPO, file), hooks.path(file));
    }
    hooks.git('init', '-q', '-b', 'main');
    hooks.git('config', 'user.email', 'dev@example.com');
    hooks.git('config', 'user.name', 'Dev');
    hooks.commit('Sources');
    symlinkSync(join(REPO, 'node_modules'), hooks.path('node_modules'));
    execFileSync('bash', ['scripts/tag-release.sh', 'v9.9.9'], { cwd: hooks.dir, stdio: 'pipe' });

    Object.assign(env, { PRE_COMMIT_HOME: join(tempDir(), 'pre-commit'), npm_config_prefer_offline: 'true', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' });
    sample = new Project(tempDir())
      .write('package.json', `${JSON.stringify({ name: 'sample-api', version: '1.0.0', private: true }, null, 2)}\n`)
      .write('src/app.ts', APP)
      .write('.pre-commit-config.yaml', `repos:\n  - repo: ${hooks.dir}\n    rev: v9.9.9\n    hooks:\n      - id: persona-lint\n      - id: persona-lint-project\n`);
    sample.git('init', '-q', '-b', 'main');
    sample.git('config', 'user.email', 'dev@example.com');
    sample.git('config', 'user.name', 'Dev');
    sample.git('add', '-A');
  }, INSTALL_TIMEOUT);

  it('runs both hooks on the staged files: the per-file finding, and the project findings of the app', { timeout: INSTALL_TIMEOUT }, async () => {
    const result = await run('pre-commit', ['run', '--all-files'], sample.dir, env);
    expect(result.code, show(result)).toBe(1);
    expect(result.stdout).toMatch(/persona-lint \(per-file rules\)\.+Failed/u);
    expect(result.stdout).toContain('`req.headers.authorization` is written to the log');
    expect(result.stdout).toMatch(/persona-lint \(project checks\)\.+Failed\n- hook id: persona-lint-project\n- exit code: 1\n/u);
    expect(result.stdout).toMatch(/3:13 +error +This express app has no health endpoint.*persona\/health-endpoint/u);
  });

  it('a commit that changes only .personarc.json runs the hooks, which check every file it configures', { timeout: INSTALL_TIMEOUT }, async () => {
    sample.write('src/app.ts', APP.replace("  console.log('auth', req.headers.authorization);\n", '')).write('.personarc.json', '{ "preset": "strict" }\n');
    sample.git('add', '-A');
    sample.git('commit', '-q', '--no-verify', '-m', 'Start');
    sample.write('.personarc.json', '{ "preset": "strict", "rules": { "persona/api-versioning": "off" } }\n');
    sample.git('add', '.personarc.json');
    const result = await run('pre-commit', ['run'], sample.dir, env);
    expect(result.code, show(result)).toBe(1);
    expect(result.stdout).toMatch(/persona-lint \(per-file rules\)\.+Passed/u);
    expect(result.stdout).toMatch(/persona-lint \(project checks\)\.+Failed/u);
    expect(result.stdout).toContain('has no health endpoint');
    expect(result.stdout).not.toContain('persona/api-versioning');
  });

  it('installs the tagged package with its built dist/ and without development dependencies', () => {
    const environments = readdirSync(env.PRE_COMMIT_HOME!).filter((entry) => entry.startsWith('repo'));
    expect(environments).toHaveLength(1);
    const nodeEnv = readdirSync(join(env.PRE_COMMIT_HOME!, environments[0]!)).find((entry) => entry.startsWith('node_env'))!;
    const installedPackage = join(env.PRE_COMMIT_HOME!, environments[0]!, nodeEnv, 'lib', 'node_modules', PACKAGE.name);
    expect(existsSync(join(installedPackage, 'dist', 'src', 'cli', 'main.js'))).toBe(true);
    expect(existsSync(join(installedPackage, 'node_modules', 'vitest'))).toBe(false);
  });
});
