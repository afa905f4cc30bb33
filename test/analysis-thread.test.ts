import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { postAnswer, workerAnswer } from '../src/analyzer/analysis-answer.js';
import { buildCli, REPO } from './cli/harness.js';

const APPS = join(REPO, 'fixtures', 'apps');
/** One app per kind of scan: Express (CommonJS), Koa sub-apps, NestJS controllers. */
const SAMPLE = ['express-commonjs-no-health', 'koa-mount-subapps', 'nest-controllers'];

interface Finding {
  readonly rule: string;
  readonly file: string;
  readonly line: number;
}

/**
 * Lints each app with the built plugin's project rules in a fresh process, as an ESLint user runs
 * them, and says whether ts-morph was loaded on that process's main thread.
 */
const LINT_SCRIPT = `
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { ESLint } from 'eslint';
import plugin from ${JSON.stringify(pathToFileURL(join(REPO, 'dist/src/index.js')).href)};
// Under -e, the arguments start at process.argv[1].
const roots = process.argv.slice(1);
const projectRules = Object.keys(plugin.rules).filter((id) => plugin.rules[id].meta.docs.projectCheck);
const found = {};
for (const root of roots) {
  const expected = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(root + '/expected.json', 'utf8')));
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [plugin.configs.recommended, { rules: Object.fromEntries(projectRules.map((id) => ['persona/' + id, ['error', ...(expected.options?.['persona/' + id] ?? [])]])) }],
  });
  const results = await eslint.lintFiles(['.']);
  found[root] = results.flatMap((result) => result.messages
    .filter((message) => projectRules.includes(message.ruleId?.replace('persona/', '')))
    .map((message) => ({ rule: message.ruleId, file: relative(root, result.filePath), line: message.line })));
}
const tsMorphOnMainThread = Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('/node_modules/ts-morph/'));
console.log(JSON.stringify({ found, tsMorphOnMainThread }));
`;

const byPlace = (a: Finding, b: Finding) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule);

describe('the project analysis under ESLint, with the built plugin', () => {
  beforeAll(buildCli, 240_000);

  it('runs on a worker thread and reports what the analysis reports, on the file and line where each finding belongs', () => {
    const roots = SAMPLE.map((app) => join(APPS, app));
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', LINT_SCRIPT, ...roots], { cwd: REPO, encoding: 'utf8' });
    const { found, tsMorphOnMainThread } = JSON.parse(output) as { found: Record<string, Finding[]>; tsMorphOnMainThread: boolean };
    for (const root of roots) {
      const expected = (JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8')) as { findings: Finding[] }).findings.map(({ rule, file, line }) => ({ rule, file, line }));
      expect(found[root]!.sort(byPlace), root).toEqual(expected.sort(byPlace));
    }
    // The loaded project (and ts-morph with its own TypeScript) stayed in the worker's heap.
    expect(tsMorphOnMainThread).toBe(false);
  }, 120_000);

  it('answers at once with the failure when the scan runs out of memory, instead of leaving ESLint waiting', () => {
    // A heap too small for TypeScript, which the scan loads: the scan's worker dies of it, the thread that waits does not.
    const script = `
      import { analyzeOnThread } from ${JSON.stringify(pathToFileURL(join(REPO, 'dist/src/analyzer/analysis-thread.js')).href)};
      const analysis = analyzeOnThread(process.argv[1], {});
      console.log(JSON.stringify({ failures: analysis.failures, routes: analysis.model.routes.length, findings: analysis.findings.length }));
    `;
    const output = execFileSync(process.execPath, ['--max-old-space-size=24', '--input-type=module', '-e', script, join(APPS, 'koa-mount-subapps')], { cwd: REPO, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({
      failures: ['the analysis stopped (Worker terminated due to reaching memory limit: JS heap out of memory)'],
      routes: 0,
      findings: 0,
    });
  }, 60_000);
});

describe("the analysis worker's answer", () => {
  /** What the waiting thread sees once woken: the message on its port and the flag. */
  async function answered(compute: () => Promise<object>): Promise<{ message: unknown; woken: number }> {
    const done = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    const { port1, port2 } = new MessageChannel();
    try {
      await postAnswer(port2, done, compute);
      return { message: receiveMessageOnPort(port1)?.message, woken: Atomics.load(done, 0) };
    } finally {
      port1.close();
      port2.close();
    }
  }

  it('posts the answer and wakes the waiting thread', async () => {
    expect(await answered(async () => ({ scan: { files: 2 } }))).toEqual({ message: { scan: { files: 2 } }, woken: 1 });
  });

  it('answers empty, and still wakes the waiting thread, when the analysis throws', async () => {
    expect(
      await answered(async () => {
        throw new Error('the analyzer failed to load');
      }),
    ).toEqual({ message: {}, woken: 1 });
  });

  it('answers empty, and still wakes the waiting thread, when the answer cannot be copied to it', async () => {
    expect(await answered(async () => ({ scan: { check: () => [] } }))).toEqual({ message: {}, woken: 1 });
  });
});

describe('what a worker answers, however it ends', () => {
  const answerOf = (code: string, options: { resourceLimits?: { maxOldGenerationSizeMb: number } } = {}) =>
    workerAnswer(new Worker(code, { eval: true, ...options }), (why) => ({ stopped: why }));

  it('its message', async () => {
    expect(await answerOf("require('node:worker_threads').parentPort.postMessage({ scan: 1 })")).toEqual({ scan: 1 });
  });

  it('the error it threw', async () => {
    expect(await answerOf("throw new Error('the scan failed')")).toEqual({ stopped: 'the scan failed' });
  });

  it('an exit before any message', async () => {
    expect(await answerOf('process.exit(3)')).toEqual({ stopped: 'exit code 3' });
  });

  it('running out of memory', async () => {
    const grow = 'const kept = []; for (;;) kept.push(new Array(1e5).fill(kept.length));';
    expect(await answerOf(grow, { resourceLimits: { maxOldGenerationSizeMb: 16 } })).toEqual({
      stopped: 'Worker terminated due to reaching memory limit: JS heap out of memory',
    });
  });
});
