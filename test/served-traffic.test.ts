/**
 * Rules about served traffic (CORS, body limits, validation, error details, responses, pagination,
 * JWT verification, injection) judge code that serves requests: a test builds an app to call it,
 * not to serve clients, so test files are not checked; the same code elsewhere is.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import persona from '../src/index.js';

const SERVED_TRAFFIC_RULES = Object.entries(persona.rules)
  .filter(([, rule]) => rule.meta.docs?.servedTraffic === true)
  .map(([name]) => `persona/${name}`);

/** An app a test builds and calls: each line is a finding where the code serves clients. */
const APP = `import express from 'express';
import cors from 'cors';
import jwt from 'jsonwebtoken';
import { Pool } from 'pg';

const pool = new Pool();
const app = express();
app.use(cors({ origin: true, credentials: true }));
app.use(express.json({ limit: '50mb' }));
app.get('/items', async (req, res) => {
  const { rows } = await pool.query('SELECT * FROM items WHERE name = ' + req.query.q);
  res.json(rows);
});
app.get('/me', (req, res) => res.json(jwt.verify(String(req.headers.authorization), String(process.env.JWT_SECRET))));
app.use((err, req, res, next) => res.status(500).json({ error: err.message }));
export default app;
`;

function rulesReported(filename: string): string[] {
  const linter = new Linter({ cwd: '/project', configType: 'flat' });
  const messages = linter.verify(
    APP,
    [{ files: ['**/*.ts'], plugins: { persona }, languageOptions: { parser: tsParser }, rules: Object.fromEntries(SERVED_TRAFFIC_RULES.map((rule) => [rule, 'error'])) }],
    { filename: `/project/${filename}` },
  );
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return [...new Set(messages.map((message) => message.ruleId ?? ''))].sort();
}

describe('rules about served traffic', () => {
  it('are the rules that judge handlers, responses and app configuration', () => {
    expect(SERVED_TRAFFIC_RULES.sort()).toEqual([
      'persona/cors-policy',
      'persona/jwt-verification',
      'persona/no-error-exposure',
      'persona/no-nosql-injection',
      'persona/no-sensitive-response',
      'persona/paginate-lists',
      'persona/parameterized-queries',
      'persona/request-size-limit',
      'persona/validate-input',
    ]);
  });

  it('report in the code that serves clients', () => {
    expect(rulesReported('src/app.ts')).toEqual([
      'persona/cors-policy',
      'persona/jwt-verification',
      'persona/no-error-exposure',
      'persona/paginate-lists',
      'persona/parameterized-queries',
      'persona/request-size-limit',
      'persona/validate-input',
    ]);
  });

  it.each(['test/app.test.ts', 'src/app.spec.ts', 'src/__tests__/app.ts', 'e2e/app.e2e-spec.ts', 'tests/helpers/app.ts'])('leave a test file alone: %s', (filename) => {
    expect(rulesReported(filename)).toEqual([]);
  });
});
