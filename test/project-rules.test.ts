import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { describe, expect, it, vi } from 'vitest';
import type { Analysis } from '../src/analyzer/index.js';
import { LINTED_FILES } from '../src/linted-files.js';
import { rules } from '../src/rules.js';

/** What the analysis does instead of or besides its own work: made to fail by the tests of what the rules do then. */
const failing = vi.hoisted(() => ({ mode: 'none' as 'none' | 'throws' | 'scan-failed' }));

vi.mock('../src/analyzer/index.js', async (importOriginal) => {
  const analyzer = await importOriginal<typeof import('../src/analyzer/index.js')>();
  return {
    ...analyzer,
    analyzeProject: (...args: Parameters<typeof analyzer.analyzeProject>): Analysis => {
      if (failing.mode === 'throws') throw new Error('Maximum call stack size exceeded');
      const analysis = analyzer.analyzeProject(...args);
      return failing.mode === 'scan-failed' ? { ...analysis, failures: ['the NestJS scan failed (x is undefined); the inventory is incomplete'] } : analysis;
    },
  };
});

const APPS = new URL('../fixtures/apps/', import.meta.url).pathname;
const projectRules = Object.fromEntries(Object.entries(rules).filter(([, rule]) => rule.meta.docs?.projectCheck === true));

/** ESLint with the project rules alone, on `root`, with these of them on. */
function eslintWithProjectRules(root: string, on: Record<string, unknown>): ESLint {
  return new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: LINTED_FILES,
        plugins: { persona: { rules: projectRules } as never },
        languageOptions: { parser: tsParser as never },
        linterOptions: { reportUnusedDisableDirectives: 'off' },
        rules: on as never,
      },
    ],
  });
}

const apps = readdirSync(APPS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe.each(apps)('the project rules in ESLint on fixtures/apps/%s', (app) => {
  it('report the analyzer findings on the file and line where they belong', async () => {
    const root = join(APPS, app);
    const expected = JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8')) as { findings: { rule: string; file: string; line: number; messageId?: string }[]; options?: Record<string, unknown[]> };
    const withMessageIds = expected.findings.some((finding) => finding.messageId !== undefined);
    const eslint = eslintWithProjectRules(root, Object.fromEntries(Object.keys(projectRules).map((id) => [`persona/${id}`, ['error', ...(expected.options?.[`persona/${id}`] ?? [])]])));
    const results = await eslint.lintFiles(['.']);
    const actual = results
      .flatMap((result) => result.messages.filter((message) => message.fatal || message.ruleId?.startsWith('persona/')).map((message) => ({
          rule: message.ruleId ?? `fatal: ${message.message}`,
          ...(withMessageIds ? { messageId: message.messageId } : {}),
          file: relative(root, result.filePath),
          line: message.line,
        })),
      )
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
    expect(actual).toEqual([...expected.findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule)));
  });
});

describe('the project rules on an editor buffer that differs from the file on disk', () => {
  const root = join(APPS, 'express-commonjs-no-health');
  const appFile = join(root, 'src/app.js');
  const onDisk = readFileSync(appFile, 'utf8');
  const lint = async (text: string) => {
    const eslint = eslintWithProjectRules(root, { 'persona/health-endpoint': 'error' });
    const [result] = await eslint.lintText(text, { filePath: appFile });
    return result!.messages.filter((message) => message.ruleId?.startsWith('persona/')).map((message) => `${message.ruleId}:${message.line}`);
  };

  it('judges the buffer, not the file: a health route typed in the editor answers the finding', async () => {
    expect(await lint(onDisk)).toEqual(['persona/health-endpoint:11']);
    const withHealth = onDisk.replace(/^module\.exports = app;$/mu, "app.get('/healthz', (req, res) => res.json({ status: 'ok' }));\nmodule.exports = app;");
    expect(withHealth).not.toBe(onDisk);
    expect(await lint(withHealth)).toEqual([]);
    // And back: the buffer as it is on disk again brings the finding back.
    expect(await lint(onDisk)).toEqual(['persona/health-endpoint:11']);
  });
});

/** A small Express backend with no health route, in a folder of its own (the analysis is kept per project). */
function backend(): string {
  const root = mkdtempSync(join(tmpdir(), 'persona-failing-analysis-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'shop', dependencies: { express: '^4.21.0' } }));
  writeFileSync(join(root, 'src/app.js'), "const express = require('express');\nconst users = require('./users');\nconst app = express();\napp.use('/users', users);\napp.listen(3000);\n");
  writeFileSync(join(root, 'src/users.js'), "const router = require('express').Router();\nrouter.get('/', (req, res) => res.json([]));\nmodule.exports = router;\n");
  return root;
}

const eslintOn = (root: string) => eslintWithProjectRules(root, { 'persona/health-endpoint': 'error', 'persona/rate-limiting': 'error', 'persona/security-headers': 'error' });

const found = (root: string, results: ESLint.LintResult[]) =>
  results.flatMap((result) => result.messages.map((message) => ({ file: relative(root, result.filePath), line: message.line, messageId: message.messageId, message: message.message })));

describe('the project rules when the project analysis fails', () => {
  it('report an analysis that threw once, on the first file linted, and the lint goes on', async () => {
    failing.mode = 'throws';
    const root = backend();
    const messages = found(root, await eslintOn(root).lintFiles(['.']));
    failing.mode = 'none';
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ line: 1, messageId: 'analysisIncomplete' });
    expect(messages[0]!.message).toBe(
      'The project analysis is incomplete, so the project rules may miss problems in this project: the analysis failed (Maximum call stack size exceeded).',
    );
  });

  it('report a scan that failed beside the findings of the scans that did not', async () => {
    failing.mode = 'scan-failed';
    const root = backend();
    const messages = found(root, await eslintOn(root).lintFiles(['.']));
    failing.mode = 'none';
    expect(messages.filter((message) => message.messageId === 'analysisIncomplete').map((message) => message.message)).toEqual([
      'The project analysis is incomplete, so the project rules may miss problems in this project: the NestJS scan failed (x is undefined); the inventory is incomplete.',
    ]);
    expect(messages.filter((message) => message.messageId !== 'analysisIncomplete').map(({ file, messageId }) => `${file} ${messageId}`).sort()).toEqual([
      'src/app.js missingHealth',
      'src/app.js missingRateLimit',
      'src/app.js missingSecurityHeaders',
    ]);
  });

  it('report it again each time that file is linted again (an editor), and nowhere else', async () => {
    failing.mode = 'throws';
    const root = backend();
    const eslint = eslintOn(root);
    const [first] = found(root, await eslint.lintFiles(['.']));
    failing.mode = 'none';
    // As an editor does, with the text on disk: a different text is analysed again.
    const again = async (file: string) => found(root, await eslint.lintText(readFileSync(join(root, file), 'utf8'), { filePath: join(root, file) }));
    const other = first!.file === 'src/app.js' ? 'src/users.js' : 'src/app.js';
    expect((await again(first!.file)).map((message) => message.messageId)).toEqual(['analysisIncomplete']);
    expect(await again(other)).toEqual([]);
  });

  it('report nothing of the kind when the analysis succeeds', async () => {
    const root = backend();
    const messages = found(root, await eslintOn(root).lintFiles(['.']));
    expect(messages.map((message) => message.messageId).sort()).toEqual(['missingHealth', 'missingRateLimit', 'missingSecurityHeaders']);
  });
});
