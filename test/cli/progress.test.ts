import { afterAll, describe, expect, it } from 'vitest';
import { run, type Io } from '../../src/cli/run.js';
import { fixtureProject, removeProjects, TEST_TIMEOUT } from './harness.js';

afterAll(removeProjects);

/** Runs the CLI in-process with a fake terminal, so the progress stream can be observed. */
async function runWith(cwd: string, interactive: boolean, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { cwd, env, interactive, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) };
  const code = await run(['--preset', 'strict'], io);
  return { code, stdout, stderr };
}

describe('progress on a terminal', () => {
  it('shows what the run is doing on stderr of a terminal, clears the line before the report, and ends with the summary line', { timeout: TEST_TIMEOUT }, async () => {
    const project = fixtureProject('shop-api');
    const { code, stdout, stderr } = await runWith(project.dir, true, {});
    expect(code).toBe(1);
    expect(stderr).toContain('persona-lint: analyzing the project');
    expect(stderr).toMatch(/persona-lint: linted \d+ of \d+ files/u);
    expect(stderr).toMatch(/\r\u001b\[Kpersona-lint: checked 10 files with 15 rules and 6 project checks in \d+\.\d s: \d+ errors, 0 warnings\n$/u);
    expect(stdout).not.toContain('linted');
  });

  it('prints only the summary line in CI, and nothing extra when stderr is piped', { timeout: TEST_TIMEOUT }, async () => {
    const project = fixtureProject('shop-api');
    const inCi = await runWith(project.dir, true, { CI: 'true' });
    const piped = await runWith(project.dir, false, {});
    expect(inCi.code).toBe(1);
    expect(inCi.stderr).toMatch(/^persona-lint: checked 10 files with 15 rules and 6 project checks in \d+\.\d s: \d+ errors, 0 warnings\n$/u);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe(inCi.stdout);
  });
});
