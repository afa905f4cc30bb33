/**
 * End-to-end harness: builds the CLI, copies fixture projects from fixtures/cli/ into temporary
 * git repositories, and runs the built `persona-lint` on them as a separate process.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import type { ESLint } from 'eslint';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(REPO, 'dist', 'src', 'cli', 'main.js');
const FIXTURES = join(REPO, 'fixtures', 'cli');
const BUILD_CACHE = join(REPO, 'node_modules', '.cache', 'persona-lint-cli-tests');

/** Per test; generous because several CLI processes share two cores, and a default run analyzes the project (its project checks are in the recommended preset). */
export const TEST_TIMEOUT = 60_000;
export const BUILD_TIMEOUT = 180_000;

// Git must behave the same everywhere: no global or system config (hooks, signing, diff prefixes).
const GIT_ENV = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };

// ---------------------------------------------------------------------------------------------
// Building

/** A hash of the files under `paths` (relative to the repository), names and contents. */
function treeHash(paths: readonly string[]): string {
  const hash = createHash('sha256');
  const visit = (path: string): void => {
    const absolute = join(REPO, path);
    if (!existsSync(absolute)) return;
    if (statSync(absolute).isDirectory()) {
      for (const entry of readdirSync(absolute).sort()) visit(join(path, entry));
      return;
    }
    hash.update(`${path}\0`).update(readFileSync(absolute)).update('\0');
  };
  for (const path of paths) visit(path);
  return hash.digest('hex');
}

const BUILD_INPUTS = ['src', 'rules', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
const BUILD_OUTPUTS = ['dist/src', 'dist/rules'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One build at a time across test workers: a directory is created atomically. */
async function withLock(lock: string, action: () => void): Promise<void> {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        // A lock older than any build was left by a run that was killed.
        if (Date.now() - statSync(lock).mtimeMs > BUILD_TIMEOUT) rmSync(lock, { recursive: true, force: true });
      } catch {
        // Released meanwhile.
      }
      await sleep(200);
    }
  }
  try {
    action();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Builds dist/ with `tsc -p tsconfig.build.json` unless dist/ is exactly what that build
 * produced from the current sources (both hashed), so a stale dist/ never runs: the first test
 * file of a run builds and the others find it done.
 */
export async function buildCli(): Promise<void> {
  mkdirSync(BUILD_CACHE, { recursive: true });
  await withLock(join(BUILD_CACHE, 'lock'), () => {
    const stampFile = join(BUILD_CACHE, 'stamp.json');
    const sources = treeHash(BUILD_INPUTS);
    const stamp = existsSync(stampFile) ? (JSON.parse(readFileSync(stampFile, 'utf8')) as { sources?: string; outputs?: string }) : {};
    if (stamp.sources === sources && stamp.outputs === treeHash(BUILD_OUTPUTS) && existsSync(CLI)) return;
    rmSync(stampFile, { force: true });
    try {
      execFileSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: REPO, stdio: 'pipe', encoding: 'utf8' });
    } catch (error) {
      // tsc prints its errors on stdout.
      throw new Error(`tsc -p tsconfig.build.json failed:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
    }
    writeFileSync(stampFile, JSON.stringify({ sources, outputs: treeHash(BUILD_OUTPUTS) }));
  });
}

// ---------------------------------------------------------------------------------------------
// Projects

const created: string[] = [];

/** A project in a temporary folder, with helpers to change it and to drive git in it. */
export class Project {
  constructor(readonly dir: string) {}

  path(file: string): string {
    return join(this.dir, file);
  }

  read(file: string): string {
    return readFileSync(this.path(file), 'utf8');
  }

  write(file: string, text: string): this {
    mkdirSync(dirname(this.path(file)), { recursive: true });
    writeFileSync(this.path(file), text);
    return this;
  }

  /** Replaces `search` (which must occur) in a file. */
  replace(file: string, search: string, replacement: string): this {
    const text = this.read(file);
    if (!text.includes(search)) throw new Error(`${file} does not contain ${JSON.stringify(search)}`);
    return this.write(file, text.replace(search, replacement));
  }

  remove(file: string): this {
    rmSync(this.path(file), { recursive: true, force: true });
    return this;
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  commit(message: string): this {
    this.git('add', '-A');
    this.git('commit', '-q', '--no-verify', '-m', message);
    return this;
  }
}

export interface ProjectOptions {
  /** Make it a git repository with everything committed on `main` (default true). */
  readonly git?: boolean;
  /** Put the fixture in this subfolder of the repository (a package of a monorepo). */
  readonly under?: string;
}

/**
 * A copy of fixtures/cli/<name> in a new temporary folder. The fixture's `gitignore` becomes
 * `.gitignore` here: under its real name it would keep files of the fixture out of this repository.
 */
export function fixtureProject(name: string, options: ProjectOptions = {}): Project {
  const top = realpathSync(mkdtempSync(join(tmpdir(), `persona-cli-${name}-`)));
  created.push(top);
  const dir = options.under ? join(top, options.under) : top;
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  if (existsSync(join(dir, 'gitignore'))) renameSync(join(dir, 'gitignore'), join(dir, '.gitignore'));
  const project = new Project(dir);
  if (options.git !== false) {
    const repository = new Project(top);
    repository.git('init', '-q', '-b', 'main');
    repository.git('config', 'user.email', 'dev@example.com');
    repository.git('config', 'user.name', 'Dev');
    repository.commit('Initial commit');
  }
  return project;
}

/** A new empty temporary folder, removed with the projects. */
export function tempDir(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'persona-cli-')));
  created.push(dir);
  return dir;
}

/** Removes every project this test file created (an `afterAll` hook). */
export function removeProjects(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Running the CLI

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  /** Without the summary line, so that a test of what else the run said stays exact. */
  readonly stderr: string;
  /** The summary line a run prints on stderr in CI ("persona-lint: checked 3 files with ..."), or ''. */
  readonly summary: string;
}

const SUMMARY_LINE = /^persona-lint: checked .*\n/mu;

/** A run's output, with the summary line split off stderr. */
function cliRun(code: number, stdout: string, stderr: string): CliRun {
  const summary = SUMMARY_LINE.exec(stderr)?.[0] ?? '';
  return { code, stdout, stderr: stderr.replace(summary, ''), summary: summary.trimEnd() };
}

export interface CliOptions {
  /** Variables to add; `undefined` removes one. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

// Two CLI processes at a time: each needs a core for about two seconds, and concurrent tests
// would otherwise start more than the machine can run before their timeouts.
const MAX_RUNNING = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/** Runs the built CLI in `cwd` as CI does: no progress output, no job summary unless asked for. */
export async function cli(cwd: Project | string, args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...GIT_ENV, CI: 'true' };
  for (const name of ['GITHUB_STEP_SUMMARY', 'FORCE_COLOR', 'NO_COLOR']) delete env[name];
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const release = await slot();
  try {
    return await new Promise<CliRun>((resolve) => {
      execFile(
        process.execPath,
        [CLI, ...args],
        { cwd: typeof cwd === 'string' ? cwd : cwd.dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: TEST_TIMEOUT },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolve(cliRun(code, stdout, error && code === -1 ? `${stderr}\n${error.message}` : stderr));
        },
      );
    });
  } finally {
    release();
  }
}

// ---------------------------------------------------------------------------------------------
// Reading reports

/** ESLint results from `--format json`. */
export function jsonResults(run: CliRun): ESLint.LintResult[] {
  try {
    return JSON.parse(run.stdout) as ESLint.LintResult[];
  } catch {
    throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

/** Reported findings as `path:line rule` (a parse error as `path:line fatal`), sorted, paths relative to the project. */
export function findings(project: Project, run: CliRun): string[] {
  return jsonResults(run)
    .flatMap((result) => result.messages.map((message) => `${relative(project.dir, result.filePath)}:${message.line} ${message.ruleId ?? (message.fatal ? 'fatal' : 'null')}`))
    .sort();
}

/** A run's output for assertion messages. */
export function describeRun(run: CliRun): string {
  return `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}${run.summary}`;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- SARIF is read back as plain JSON */
const SARIF_SCHEMA = JSON.parse(readFileSync(join(REPO, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
/** RFC 3986 characters, with `%` only as the start of an escape (as in test/report/sarif.test.ts). */
const URI_REFERENCE = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/u;
// The package is CommonJS: under NodeNext its default import types as the module, whose `default` is the class.
const ajv = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajv.addFormat('uri-reference', URI_REFERENCE);
ajv.addFormat('uri', (value: string) => URI_REFERENCE.test(value) && /^[A-Za-z][A-Za-z0-9+.-]*:/u.test(value));
ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
const validateSarif = ajv.compile(SARIF_SCHEMA);

/** Problems of a SARIF log against the SARIF 2.1.0 schema, empty when it is valid. */
export function sarifProblems(log: unknown): string[] {
  return validateSarif(log) ? [] : (validateSarif.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

export type SarifLog = any;
