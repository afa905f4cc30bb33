import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint as ESLint10 } from 'eslint';
import { ESLint as ESLint9 } from 'eslint9';
import { describe, expect, it } from 'vitest';
import persona from '../src/index.js';

const typescriptSource = `import { Pool } from 'pg';
const pool = new Pool();
export async function byName(name: string): Promise<unknown[]> {
  const { rows } = await pool.query(\`SELECT * FROM users WHERE name = '\${name}'\`);
  return rows;
}
`;
const javascriptSource = `const express = require('express');
const router = express.Router();
router.post('/login', (req, res) => {
  console.log('login', req.body.password);
  res.sendStatus(204);
});
module.exports = router;
`;

describe.each([
  ['ESLint 10', ESLint10],
  ['ESLint 9', ESLint9 as unknown as typeof ESLint10],
])('the recommended preset in %s', (_name, ESLint) => {
  // Outside any package, so that the project rules find no project to analyze.
  const cwd = mkdtempSync(join(tmpdir(), 'persona-plugin-'));
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [persona.configs.recommended] });

  it('lints TypeScript with no other setup', async () => {
    const [result] = await eslint.lintText(typescriptSource, { filePath: 'src/users.ts' });
    expect(result?.messages.map((message) => [message.ruleId, message.line])).toEqual([['persona/parameterized-queries', 4]]);
  });

  it('lints CommonJS JavaScript with no other setup', async () => {
    const [result] = await eslint.lintText(javascriptSource, { filePath: 'routes/auth.cjs' });
    expect(result?.messages.map((message) => [message.ruleId, message.line])).toEqual([['persona/no-secret-logging', 4]]);
  });
});

describe('the plugin object', () => {
  it('names itself with the version from package.json', async () => {
    const { default: packageJson } = await import('../package.json', { with: { type: 'json' } });
    expect(persona.meta).toEqual({ name: 'eslint-plugin-persona', version: packageJson.version, namespace: 'persona' });
  });

  it('has named presets that refer to the plugin itself', () => {
    for (const [presetName, preset] of Object.entries(persona.configs)) {
      expect(preset.name).toBe(`persona/${presetName}`);
      expect(preset.plugins?.['persona']).toBe(persona);
    }
  });
});
