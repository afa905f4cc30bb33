import tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-query-in-loop.js';
import * as databaseCalls from '../../src/catalog/database-calls.js';
import { slowInputs } from '../linear-time.js';

const ruleTester = new RuleTester();

const prisma = "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n";
const pg = "import { Pool } from 'pg';\nconst pool = new Pool();\n";
const knex = "import knexFactory from 'knex';\nconst db = knexFactory({ client: 'pg' });\n";
const prismaRead = '`findMany({ where: { id: { in: ids } } })` in one query, or `include` for the relation';
const prismaWrite = '`createMany`, or one `updateMany`/`deleteMany` with `{ in: ids }`';
const pgRead = 'one query for all items, `WHERE id = ANY($1)` with an array, or a JOIN';
const pgWrite = 'a multi-row `INSERT ... VALUES`, `= ANY($1)` in one UPDATE or DELETE, or `unnest($1)`';
const knexRead = "`whereIn('id', ids)` in one query, or a join";
const knexWrite = 'one `insert([...])` with every row, or `whereIn` in one update or delete';
const typeormRead = '`findBy({ id: In(ids) })` in one query, or loading the relation with `relations` or a join';
const genericRead = 'one query for all items, `IN (...)`/`= ANY($1)` or `{ id: { in: ids } }`, or eager loading with a join or `include`';
const associationRead = 'eager-load the association with `include` when the rows are loaded';
const forOf = (line: number) => `the \`for...of\` loop on line ${line}`;

// rule-tester pins its own copy of @typescript-eslint/utils, whose types differ only nominally.
ruleTester.run('no-query-in-loop', rule as never, {
  valid: [
    {
      name: 'one query for every id',
      code: `${prisma}export const load = (ids: number[]) => prisma.user.findMany({ where: { id: { in: ids } } });`,
    },
    {
      name: 'a query outside any loop',
      code: `${pg}export async function one(id: number) {\n  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);\n  return rows[0];\n}`,
    },
    {
      name: 'ANY($1) in a loop over chunks',
      code: `${pg}export async function load(chunks: number[][]) {\n  for (const chunk of chunks) await pool.query('SELECT * FROM users WHERE id = ANY($1)', [chunk]);\n}`,
    },
    {
      name: 'a list written in the source',
      code: `${prisma}export async function counts() {\n  for (const status of ['open', 'paid']) await prisma.order.count({ where: { status } });\n}`,
    },
    {
      name: 'a constant by its name',
      code: `${prisma}import { STATUSES } from './constants';\nexport async function counts() {\n  for (const status of STATUSES) await prisma.order.count({ where: { status } });\n}`,
    },
    {
      name: 'a retry loop',
      code: `${pg}export async function ping() {\n  for (let attempt = 0; attempt < 5; attempt++) {\n    try { await pool.query('SELECT 1'); return; } catch { /* retry */ }\n  }\n}`,
    },
    {
      name: 'a paging loop',
      code: `${pg}export async function all() {\n  let offset = 0;\n  while (true) {\n    const { rows } = await pool.query('SELECT * FROM t ORDER BY id LIMIT 100 OFFSET $1', [offset]);\n    if (rows.length === 0) break;\n    offset += 100;\n  }\n}`,
    },
    {
      name: 'sequential writes in a transaction',
      code: `${prisma}export const move = (lines: { sku: string; n: number }[]) => prisma.$transaction(async (tx) => {\n  for (const line of lines) await tx.stock.update({ where: { sku: line.sku }, data: { n: { decrement: line.n } } });\n});`,
    },
    {
      name: 'an update whose values come from the item has no batched form',
      code: `${knex}export async function reorder(ids: number[]) {\n  for (const [index, id] of ids.entries()) await db('items').where({ id }).update({ position: index });\n}`,
    },
    {
      name: 'a builder made in a loop but not run',
      code: `${knex}export function filters(keys: string[]) {\n  let query = db('items');\n  for (const key of keys) query = query.where(key, true);\n  return query;\n}`,
    },
    {
      name: 'schema changes have no batched form',
      code: `${pg}export async function migrate(tables: string[]) {\n  for (const table of tables) await pool.query(\`CREATE INDEX IF NOT EXISTS idx_\${table} ON \${table} (id)\`);\n}`,
    },
    {
      name: 'a script run one statement at a time',
      code: `${pg}export async function run(statements: string[]) {\n  for (const statement of statements) await pool.query(statement);\n}`,
    },
    {
      name: 'a function that does a unit of work per item is not followed',
      code: `${prisma}async function ship(id: number) {\n  const order = await prisma.order.findUnique({ where: { id } });\n  if (order) await notify(order.email);\n  return true;\n}\ndeclare function notify(email: string): Promise<void>;\nexport async function shipAll(ids: number[]) {\n  for (const id of ids) await ship(id);\n}`,
    },
    {
      name: 'no helpers with helpers: false',
      code: `${prisma}const load = (id: number) => prisma.user.findUnique({ where: { id } });\nexport async function all(ids: number[]) {\n  for (const id of ids) await load(id);\n}`,
      options: [{ helpers: false }],
    },
    {
      name: 'writes: none reports reads only',
      code: `${prisma}export async function add(names: string[]) {\n  for (const name of names) await prisma.tag.create({ data: { name } });\n}`,
      options: [{ writes: 'none' }],
    },
    {
      name: 'a guessed model is not guessed with guessModels: false',
      code: "import User from '../models/User';\nexport async function all(ids: string[]) {\n  for (const id of ids) await User.findById(id);\n}",
      options: [{ guessModels: false }],
    },
    {
      name: 'a domain object from a models folder is not a persistence model',
      code: "import { OfferStatus } from '../domain/models/offer-status';\nexport function archive(offers: { status: unknown }[]) {\n  for (const offer of offers) offer.status = OfferStatus.create('archived');\n}",
    },
    {
      name: 'files matched by ignoredFiles',
      code: `${prisma}export async function seed(names: string[]) {\n  for (const name of names) await prisma.tag.findFirst({ where: { name } });\n}`,
      filename: 'prisma/seeds/tags.ts',
    },
    {
      name: 'SQLite runs in the process',
      code: "import Database from 'better-sqlite3';\nconst db = new Database('app.db');\nexport function all(ids: number[]) {\n  for (const id of ids) db.prepare('SELECT * FROM t WHERE id = ?').get(id);\n}",
    },
    {
      name: 'a route registered in a loop runs per request, not per item',
      code: `${prisma}import express from 'express';\nconst router = express.Router();\nfor (const model of models) {\n  router.get(\`/\${model}\`, async (_req, res) => res.json(await prisma.user.findMany({ take: 20 })));\n}\ndeclare const models: string[];`,
    },
  ],
  invalid: [
    {
      name: 'a Prisma lookup in a for...of loop: names the call, the library and the loop',
      code: `${prisma}export async function withAuthors(posts: { authorId: number }[]) {\n  for (const post of posts) {\n    await prisma.user.findUnique({ where: { id: post.authorId } });\n  }\n}`,
      errors: [
        {
          messageId: 'queryInLoop',
          data: { call: 'prisma.user.findUnique', library: 'Prisma', loop: 'the `for...of` loop on line 4', advice: prismaRead },
          line: 5,
        },
      ],
    },
    {
      name: 'Promise.all over map: still one query per item',
      code: `${pg}export const load = (ids: number[]) => Promise.all(ids.map((id) => pool.query('SELECT * FROM users WHERE id = $1', [id])));`,
      errors: [{ messageId: 'queryInLoop', data: { call: 'pool.query', library: 'pg', loop: 'the `ids.map()` callback on line 3', advice: pgRead } }],
    },
    {
      name: 'an insert per row',
      code: `${pg}export async function add(events: { type: string }[]) {\n  for (const event of events) await pool.query('INSERT INTO events (type) VALUES ($1)', [event.type]);\n}`,
      errors: [{ messageId: 'writeInLoop', data: { call: 'pool.query', library: 'pg', loop: 'the `for...of` loop on line 4', advice: pgWrite } }],
    },
    {
      name: 'the same change for every key is one statement',
      code: `${prisma}export async function archive(ids: number[]) {\n  for (const id of ids) await prisma.post.update({ where: { id }, data: { archived: true } });\n}`,
      errors: [{ messageId: 'writeInLoop', data: { call: 'prisma.post.update', library: 'Prisma', loop: 'the `for...of` loop on line 4', advice: prismaWrite } }],
    },
    {
      name: 'writes: all reports an update per row with its own values',
      code: `${knex}export async function reorder(ids: number[]) {\n  for (const [index, id] of ids.entries()) await db('items').where({ id }).update({ position: index });\n}`,
      options: [{ writes: 'all' }],
      errors: [{ messageId: 'writeInLoop', data: { call: 'db(...)...update', library: 'knex', loop: forOf(4), advice: knexWrite } }],
    },
    {
      name: 'transactionWrites reports writes in a transaction',
      code: `${prisma}export const add = (names: string[]) => prisma.$transaction(async (tx) => {\n  for (const name of names) await tx.tag.create({ data: { name } });\n});`,
      options: [{ transactionWrites: true }],
      errors: [{ messageId: 'writeInLoop', data: { call: 'tx.tag.create', library: 'Prisma', loop: forOf(4), advice: prismaWrite } }],
    },
    {
      name: 'a same-file lookup helper, reported at the call',
      code: `${prisma}async function author(id: number) {\n  const user = await prisma.user.findUnique({ where: { id } });\n  return user?.name;\n}\nexport async function names(ids: number[]) {\n  const result = [];\n  for (const id of ids) result.push(await author(id));\n  return result;\n}`,
      errors: [{ messageId: 'queryInLoop', data: { call: 'author() → prisma.user.findUnique', library: 'Prisma', loop: forOf(9), advice: prismaRead }, line: 9 }],
    },
    {
      name: 'a knex builder chain awaited in a while loop over a queue',
      code: `${knex}export async function tree(root: number) {\n  const queue = [root];\n  while (queue.length > 0) {\n    const id = queue.shift();\n    const children = await db('nodes').where({ parent_id: id });\n    queue.push(...children.map((child: { id: number }) => child.id));\n  }\n}`,
      errors: [{ messageId: 'queryInLoop', data: { call: 'db(...)...where', library: 'knex', loop: 'the `while` loop on line 5', advice: knexRead } }],
    },
    {
      name: 'a configured model name',
      code: "import { Ledger } from '../accounting';\nexport async function totals(accounts: string[]) {\n  for (const account of accounts) await Ledger.findOne({ account });\n}",
      options: [{ models: ['Ledger'] }],
      errors: [{ messageId: 'queryInLoop', data: { call: 'Ledger.findOne', library: 'configured model', loop: forOf(3), advice: genericRead } }],
    },
    {
      name: 'a Sequelize association accessor on the rows of a query',
      code: "import { Post } from '../models';\nexport async function authors() {\n  const posts = await Post.findAll({ limit: 20 });\n  for (const post of posts) await post.getAuthor();\n}",
      errors: [{ messageId: 'queryInLoop', data: { call: 'post.getAuthor', library: 'an association of a row', loop: forOf(4), advice: associationRead } }],
    },
    {
      name: 'a TypeORM repository injected by NestJS',
      code: "import { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\nimport { User } from './user.entity';\nexport class UsersService {\n  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}\n  async all(ids: string[]) {\n    return Promise.all(ids.map((id) => this.users.findOneBy({ id })));\n  }\n}",
      errors: [{ messageId: 'queryInLoop', data: { call: 'this.users.findOneBy', library: 'TypeORM', loop: 'the `ids.map()` callback on line 7', advice: typeormRead } }],
    },
  ],
});

describe('no-query-in-loop on adversarial input', () => {
  const SIZE = 100_000;
  const inputs: Record<string, string> = {
    letters: 'a'.repeat(SIZE),
    capitals: 'A'.repeat(SIZE),
    underscores: `A${'_'.repeat(SIZE)}a`,
    camel: 'aA'.repeat(SIZE / 2),
    models: `${'Model'.repeat(SIZE / 5)}x`,
    repositories: `${'Repository'.repeat(SIZE / 10)}!`,
    findBy: `findBy${'A'.repeat(SIZE)}!`,
    inLists: 'in ( '.repeat(SIZE / 5),
    values: `values ${' '.repeat(SIZE)}x`,
    statements: `${'( '.repeat(SIZE / 2)}x`,
    ids: `${'Ids'.repeat(SIZE / 3)}!`,
    bulkValues: `insert into t values ?${' '.repeat(SIZE)}x`,
    bulkSemicolons: `values ?${' ;'.repeat(SIZE / 2)}x`,
  };
  // Every pattern the catalog exports, so that a new one cannot be forgotten here.
  const patterns: Record<string, RegExp> = Object.fromEntries(Object.entries(databaseCalls).filter((entry): entry is [string, RegExp] => entry[1] instanceof RegExp));

  it.each(Object.keys(patterns))('%s takes under 100 ms on every 100 KB adversarial input', (name) => {
    expect(slowInputs(inputs, (input) => patterns[name]!.test(input))).toEqual([]);
  });

  it('lints a loop over 2,000 queries quickly', () => {
    const body = Array.from({ length: 2000 }, (_, index) => `    await pool.query('SELECT * FROM t${index} WHERE id = $1', [id]);`).join('\n');
    const code = `${pg}export async function all(ids: number[]) {\n  for (const id of ids) {\n${body}\n  }\n}`;
    const started = performance.now();
    const messages = new Linter({ configType: 'flat' }).verify(
      code,
      [{ files: ['**/*.ts'], plugins: { persona: { rules: { 'no-query-in-loop': rule } } as never }, languageOptions: { parser: tsParser as never }, rules: { 'persona/no-query-in-loop': 'error' } }],
      { filename: 'big.ts' },
    );
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(messages).toHaveLength(2000);
  });
});
