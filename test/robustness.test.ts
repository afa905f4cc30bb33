import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { looksLikeSql } from '../src/ast/sql-text.js';
import { labelMeaning, sensitiveMeaning } from '../src/ast/sensitive-name.js';
import { LOGGER_NAME } from '../src/catalog/loggers.js';
import { AUTH_ROUTE_PATTERN, nextRoutePath } from '../src/catalog/request-sources.js';
import { splitWords } from '../src/catalog/sensitive-names.js';
import { GENERIC_QUERY_FUNCTION, KNEX_RAW_METHOD } from '../src/catalog/sql-drivers.js';
import persona from '../src/index.js';
import { slowInputs } from './linear-time.js';

const SIZE = 100_000;
const vocabulary = { pii: true, extraWords: new Set<string>(), allowed: new Set<string>() };

/** Inputs that make backtracking regular expressions take quadratic or exponential time. */
const adversarial: Record<string, string> = {
  letters: 'a'.repeat(SIZE),
  spaces: ' '.repeat(SIZE) + '!',
  camelCase: 'aA'.repeat(SIZE / 2),
  selectsWithoutFrom: 'select '.repeat(SIZE / 7),
  selectThenNoise: `select ${'x '.repeat(SIZE / 2)}`,
  updatesWithoutSet: `update ${'update '.repeat(SIZE / 7)}`,
  routes: '/login-'.repeat(SIZE / 7),
  appFolders: `${'app/'.repeat(SIZE / 4)}x`,
  labels: 'token: '.repeat(SIZE / 7),
  raws: `where${'Raw'.repeat(SIZE / 3)}x`,
  words: 'password_'.repeat(SIZE / 9),
};

const patterns: Record<string, (input: string) => unknown> = {
  looksLikeSql,
  labelMeaning: (input) => labelMeaning(input, vocabulary),
  sensitiveMeaning: (input) => sensitiveMeaning(input, vocabulary),
  splitWords,
  LOGGER_NAME: (input) => LOGGER_NAME.test(input),
  AUTH_ROUTE_PATTERN: (input) => AUTH_ROUTE_PATTERN.test(input),
  nextRoutePath: (input) => nextRoutePath(`${input}/route.ts`),
  GENERIC_QUERY_FUNCTION: (input) => GENERIC_QUERY_FUNCTION.test(input),
  KNEX_RAW_METHOD: (input) => KNEX_RAW_METHOD.test(input),
};

describe('regular expressions and name parsing run in linear time', () => {
  it.each(Object.keys(patterns))('%s takes under 100 ms on every 100 KB adversarial input', (name) => {
    expect(slowInputs(adversarial, (input) => patterns[name]!(input))).toEqual([]);
  });
});

describe('rules on extreme input', () => {
  const linter = new Linter({ configType: 'flat' });
  // Per-file rules only: a project rule would analyze the project around the file (this repository).
  const perFileRules = Object.fromEntries(Object.entries(persona.configs.strict.rules ?? {}).filter(([id]) => !persona.rules[id.slice('persona/'.length) as keyof typeof persona.rules].meta.docs?.projectCheck));
  const lint = (code: string) =>
    linter.verify(code, [{ files: ['**/*.ts'], plugins: { persona: persona as never }, languageOptions: { parser: tsParser as never }, rules: perFileRules as never }], {
      filename: 'extreme.ts',
    });

  it('handles a 400-operand concatenation (the parser itself overflows near 1,000) in a log call and in a query', () => {
    const chain = Array.from({ length: 400 }, (_, index) => `part${index}`).join(' + ');
    const messages = lint(
      `import { Pool } from 'pg';\nconst pool = new Pool();\nexport function run(password: string, ${Array.from({ length: 400 }, (_, index) => `part${index}: string`).join(', ')}) {\n  console.log('x' + password + ${chain});\n  return pool.query('SELECT ' + ${chain});\n}\n`,
    );
    expect(messages.map((message) => [message.ruleId, message.line, message.fatal ?? false])).toEqual([
      ['persona/no-secret-logging', 4, false],
      ['persona/parameterized-queries', 5, false],
    ]);
  });

  it('handles a variable reassigned thousands of times', () => {
    const assignments = Array.from({ length: 2000 }, (_, index) => `  sql += ' AND c${index} = $${index + 1}';`).join('\n');
    const messages = lint(`import { Pool } from 'pg';\nconst pool = new Pool();\nexport function run(values: string[]) {\n  let sql = 'SELECT * FROM t WHERE true';\n${assignments}\n  return pool.query(sql, values);\n}\n`);
    expect(messages).toEqual([]);
  });

  // A walk that grows with the paths (not the writes) never ends here; the timeout fails it. Speed itself is `npm run bench`'s.
  it('the value-flow engine answers in bounded time: a variable written on 3,000 branches, a chain of 300 helpers, a value through 500 nested arrays', { timeout: 120_000 }, () => {
    const branches = Array.from({ length: 3000 }, (_, index) => `  if (flags[${index}]) where = where + ' AND c${index} = ' + req.query.v${index};`).join('\n');
    const helpers = Array.from({ length: 300 }, (_, index) => `function h${index}(value) { return h${index + 1}(value + '${index}'); }`).join('\n');
    const nested = `${'['.repeat(500)}req.body.x${']'.repeat(500)}`;
    const messages = lint(
      `import express from 'express';\nimport { Pool } from 'pg';\nconst pool = new Pool();\nconst app = express();\n${helpers}\nfunction h300(value) { return value; }\napp.get('/x', async (req, res) => {\n  const flags = [];\n  let where = 'true';\n${branches}\n  await pool.query('SELECT * FROM t WHERE ' + where);\n  await pool.query('SELECT * FROM t WHERE ' + h0(req.query.q));\n  console.log(${nested});\n  res.json(await pool.query('SELECT 1'));\n});\n`,
    );
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    expect(messages.filter((message) => message.ruleId === 'persona/parameterized-queries').length).toBeGreaterThanOrEqual(1);
  });

  it('follows an array filtered into itself many times (each pass once, not once per path)', () => {
    const filters = Array.from({ length: 8 }, (_, index) => `  ids = ids.filter((id) => id !== 'skip${index}');`).join('\n');
    const messages = lint(
      `import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function remove(cart: { ids: string[] }) {\n  let ids = cart.ids;\n${filters}\n  return pool.query(\`DELETE FROM carts WHERE id IN (\${ids.map((id) => \`'\${id}'\`).join(',')})\`);\n}\n`,
    );
    expect(messages.map((message) => message.ruleId)).toEqual(['persona/parameterized-queries']);
  });
});
