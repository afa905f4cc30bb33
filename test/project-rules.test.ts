import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LINTED_FILES } from '../src/linted-files.js';
import { rules } from '../src/rules.js';

const APPS = new URL('../fixtures/apps/', import.meta.url).pathname;
const projectRules = Object.fromEntries(Object.entries(rules).filter(([, rule]) => rule.meta.docs?.projectCheck === true));

const apps = readdirSync(APPS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe.each(apps)('the project rules in ESLint on fixtures/apps/%s', (app) => {
  it('report the analyzer findings on the file and line where they belong', async () => {
    const root = join(APPS, app);
    const expected = JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8')) as { findings: { rule: string; file: string; line: number; messageId?: string }[]; options?: Record<string, unknown[]> };
    const withMessageIds = expected.findings.some((finding) => finding.messageId !== undefined);
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: LINTED_FILES,
          plugins: { persona: { rules: projectRules } as never },
          languageOptions: { parser: tsParser as never },
          linterOptions: { reportUnusedDisableDirectives: 'off' },
          rules: Object.fromEntries(Object.keys(projectRules).map((id) => [`persona/${id}`, ['error', ...(expected.options?.[`persona/${id}`] ?? [])]])),
        },
      ],
    });
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
  const plugins = { persona: { rules: projectRules } as never };
  const lint = async (text: string) => {
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [{ files: LINTED_FILES, plugins, languageOptions: { parser: tsParser as never }, rules: { 'persona/health-endpoint': 'error' } }],
    });
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
