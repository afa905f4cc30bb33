import tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/paginate-lists.js';
import {
  MUTATING_HANDLER_NAME,
  PRISMA_CLIENT_NAME,
  REPOSITORY_NAME,
  SQL_AGGREGATE_ITEM,
  SQL_FIRST_TABLE,
  SQL_LIMIT_NAMED,
  SQL_ROW_BOUND,
  SQL_UNIQUE_WHERE,
  TRANSFORM_NAME,
} from '../../src/catalog/list-queries.js';
import { slowInputs } from '../linear-time.js';

const ruleTester = new RuleTester();

const prisma = "import express from 'express';\nimport { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nconst router = express.Router();\n";
const pg = "import express from 'express';\nimport { Pool } from 'pg';\nconst pool = new Pool();\nconst app = express();\n";
const unbounded = (query: string, library: string, advice: string, response: string) => ({ messageId: 'unboundedList' as const, data: { query, library, advice, response } });
const uncapped = (query: string, library: string, value: string) => ({ messageId: 'uncappedPageSize' as const, data: { query, library, value } });
const TAKE = 'pass `take` (and `skip` or `cursor`)';

// rule-tester pins its own copy of @typescript-eslint/utils, whose types differ only nominally.
ruleTester.run('paginate-lists', rule as never, {
  valid: [
    {
      name: 'a constant take',
      code: `${prisma}router.get('/p', async (req, res) => res.json(await prisma.product.findMany({ take: 20 })));`,
    },
    {
      name: 'a page size capped with Math.min',
      code: `${prisma}router.get('/p', async (req, res) => {\n  const take = Math.min(Number(req.query.limit) || 20, 100);\n  res.json(await prisma.product.findMany({ take }));\n});`,
    },
    {
      name: 'a page size clamped with a ternary',
      code: `${prisma}router.get('/p', async (req, res) => {\n  const n = Number(req.query.limit);\n  res.json(await prisma.product.findMany({ take: n > 100 ? 100 : n }));\n});`,
    },
    {
      name: 'a page size from a helper the rule cannot see into',
      code: `${prisma}import { pageOf } from './paging';\nrouter.get('/p', async (req, res) => res.json(await prisma.product.findMany(pageOf(req.query))));`,
    },
    {
      name: 'findUnique and findFirst are lookups',
      code: `${prisma}router.get('/p/:id', async (req, res) => res.json(await prisma.product.findUnique({ where: { id: req.params.id } })));`,
    },
    {
      name: 'a filter on the primary key',
      code: `${prisma}router.get('/p/:id', async (req, res) => res.json(await prisma.product.findMany({ where: { id: req.params.id } })));`,
    },
    {
      name: 'a POST handler',
      code: `${prisma}router.post('/p', async (req, res) => res.json(await prisma.product.findMany()));`,
    },
    {
      name: 'not in a handler',
      code: `${prisma}export async function exportAll() { return prisma.product.findMany(); }`,
    },
    {
      name: 'reduced to a count before responding',
      code: `${prisma}router.get('/p', async (req, res) => {\n  const all = await prisma.product.findMany();\n  res.json({ count: all.length });\n});`,
    },
    {
      name: 'reference data is a small table',
      code: `${prisma}router.get('/currencies', async (req, res) => res.json(await prisma.currency.findMany()));`,
    },
    {
      name: 'a table configured as small',
      code: `${prisma}router.get('/w', async (req, res) => res.json(await prisma.warehouse.findMany()));`,
      options: [{ smallTables: ['warehouses'] }],
    },
    {
      name: 'a configured unique key',
      code: `${prisma}router.get('/p/:sku', async (req, res) => res.json(await prisma.product.findMany({ where: { sku: req.params.sku } })));`,
      options: [{ uniqueKeys: ['id', 'sku'] }],
    },
    {
      name: 'unknown-method handlers are not checked when unknownMethods is off',
      code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport async function list(req, res) { res.json(await prisma.product.findMany()); }",
      filename: 'src/controllers/products.controller.ts',
      options: [{ unknownMethods: false }],
    },
    {
      name: 'an unknown-method handler that reads the body is a write',
      code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport async function search(req, res) { res.json(await prisma.product.findMany({ where: { name: req.body.name } })); }",
      filename: 'src/controllers/products.controller.ts',
    },
    {
      name: 'an unknown-method handler named like a write',
      code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport async function createProduct(req, res) { res.json(await prisma.product.findMany()); }",
      filename: 'src/controllers/products.controller.ts',
    },
    {
      name: 'SQL with a LIMIT literal',
      code: `${pg}app.get('/i', async (req, res) => res.json((await pool.query('SELECT * FROM invoices LIMIT 50')).rows));`,
    },
    {
      name: 'SQL aggregates and grouped reports',
      code: `${pg}app.get('/i', async (req, res) => {\n  const a = await pool.query('SELECT count(*) FROM invoices');\n  const b = await pool.query('SELECT status, count(*) FROM invoices GROUP BY status');\n  res.json({ a: a.rows, b: b.rows });\n});`,
    },
    {
      name: 'SQL on an unresolved receiver when unresolvedSql is off',
      code: "import express from 'express';\nimport db from './db';\nconst app = express();\napp.get('/i', async (req, res) => res.json((await db.query('SELECT * FROM invoices')).rows));",
      options: [{ unresolvedSql: false }],
    },
    {
      name: 'a db(...) wrapper with non-knex methods is not knex',
      code: "import express from 'express';\nimport db from './db.js';\nconst app = express();\napp.get('/live', async (req, res) => res.json(await db('live').find({}, { sort: { time: -1 } })));",
    },
    {
      name: 'Array.prototype.find is no query',
      code: `${prisma}const items = [{ id: 1 }];\nrouter.get('/i', (req, res) => res.json(items.find((item) => item.id === 1)));`,
    },
    {
      name: 'crossFile off: rows that only a route of another file sends are not followed there',
      code: "const { Order } = require('./models');\nexports.allOrders = () => Order.findAll({ order: [['createdAt', 'DESC']] });",
      filename: 'fixtures/paginate-lists/orders-repository.js',
      options: [{ crossFile: false }],
    },
    {
      name: 'a repository function that takes the page size from its caller',
      code: "const { Order } = require('./models');\nexports.ordersPage = (limit, offset) => Order.findAll({ limit, offset });",
      filename: 'fixtures/paginate-lists/orders-repository.js',
    },
    {
      name: 'a call of a service in another file is not a query here',
      code: "import { Controller, Get } from '@nestjs/common';\nimport { UsersService } from './users.service';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly users: UsersService) {}\n  @Get() findAll() { return this.users.findAll(); }\n}",
    },
    {
      name: 'a lookup by the composite key its route names (GET /rates/:from/:to)',
      code: "import express from 'express';\nimport { Rate } from './models';\nconst router = express.Router();\nrouter.get('/rates/:from/:to', async (req, res) => res.json(await Rate.findAll({ where: { from: req.params.from, to: req.params.to } })));",
    },
  ],
  invalid: [
    {
      name: 'an unbounded findMany sent with res.json',
      code: `${prisma}router.get('/p', async (req, res) => {\n  const products = await prisma.product.findMany({ where: { published: true } });\n  res.json(products);\n});`,
      errors: [{ ...unbounded('prisma.product.findMany()', 'Prisma', TAKE, '`res.json()`'), line: 6 }],
    },
    {
      name: 'a take from the query string',
      code: `${prisma}router.get('/p', async (req, res) => {\n  const { limit = 20 } = req.query;\n  res.json(await prisma.product.findMany({ take: Number(limit) }));\n});`,
      errors: [
        {
          ...uncapped('prisma.product.findMany()', 'Prisma', 'req.query'),
          line: 7,
        },
      ],
    },
    {
      name: 'each list query whose rows are sent',
      code: `${prisma}router.get('/p', async (req, res) => {\n  const products = await prisma.product.findMany();\n  const tags = await prisma.tag.findMany();\n  res.json({ products, tags });\n});`,
      errors: [
        { messageId: 'unboundedList', line: 6 },
        { messageId: 'unboundedList', line: 7 },
      ],
    },
    {
      name: 'a signature-only controller function (method unknown)',
      code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport async function list(req, res) { res.json(await prisma.product.findMany()); }",
      filename: 'src/controllers/products.controller.ts',
      errors: [unbounded('prisma.product.findMany()', 'Prisma', TAKE, '`res.json()`')],
    },
    {
      name: 'the GET branch of a Next.js pages API handler',
      code: "import type { NextApiRequest, NextApiResponse } from 'next';\nimport { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  if (req.method === 'POST') return res.json(await prisma.post.findMany({ where: { authorId: req.body.id } }));\n  return res.json(await prisma.post.findMany());\n}",
      filename: 'pages/api/posts.ts',
      errors: [{ messageId: 'unboundedList', line: 6 }],
    },
    {
      name: 'SQL without LIMIT through pg',
      code: `${pg}app.get('/i', async (req, res) => {\n  const { rows } = await pool.query('SELECT id, total FROM invoices WHERE customer_id = $1', [req.query.customer]);\n  res.json(rows);\n});`,
      errors: [{ ...unbounded('pool.query()', 'pg SQL', 'add `LIMIT` (and `OFFSET` or a keyset `WHERE`)', '`res.json()`'), line: 6 }],
    },
    {
      name: 'a LIMIT placeholder bound to the raw query value',
      code: `${pg}app.get('/i', async (req, res) => {\n  const { rows } = await pool.query('SELECT * FROM invoices ORDER BY id LIMIT $2 OFFSET $1', [req.query.offset, req.query.limit]);\n  res.json(rows);\n});`,
      errors: [uncapped('pool.query()', 'pg SQL', 'req.query.limit')],
    },
    {
      name: 'SQL on an unresolved receiver',
      code: "import express from 'express';\nimport db from './db';\nconst app = express();\napp.get('/i', async (req, res) => res.json((await db.query('SELECT * FROM invoices')).rows));",
      errors: [unbounded('db.query()', 'SQL', 'add `LIMIT` (and `OFFSET` or a keyset `WHERE`)', '`res.json()`')],
    },
    {
      name: 'a Mongoose query returned by a NestJS handler',
      code: "import { Controller, Get } from '@nestjs/common';\nimport { InjectModel } from '@nestjs/mongoose';\nimport { Model } from 'mongoose';\n@Controller('users')\nexport class UsersController {\n  constructor(@InjectModel('User') private readonly userModel: Model<unknown>) {}\n  @Get() findAll() { return this.userModel.find().lean(); }\n}",
      errors: [unbounded('this.userModel.find()', 'Mongoose', 'chain `.limit()` (and `.skip()` or a range on the sort key)', 'the return value of the handler')],
    },
    {
      name: 'a Sequelize model from a models folder, rendered into a view',
      code: "const express = require('express');\nconst { Customer } = require('../models');\nconst router = express.Router();\nrouter.get('/customers', async (req, res) => res.render('customers', { customers: await Customer.findAll() }));",
      errors: [unbounded('Customer.findAll()', 'Sequelize', 'pass `limit` (and `offset`)', '`res.render()`')],
    },
    {
      name: 'a repository function whose rows a route of another file sends: reported in the repository, naming the route',
      code: "const { Order } = require('./models');\nexports.allOrders = () => Order.findAll({ order: [['createdAt', 'DESC']] });",
      filename: 'fixtures/paginate-lists/orders-repository.js',
      errors: [unbounded('Order.findAll()', 'Sequelize', 'pass `limit` (and `offset`)', '`res.json()` in orders-routes.js:8')],
    },
    {
      name: 'an injected NestJS service whose method returns every row: reported in the service',
      code: "import { Injectable } from '@nestjs/common';\nimport { InjectRepository } from '@nestjs/typeorm';\nimport { Repository } from 'typeorm';\nimport { Product } from './entities/product.entity';\n@Injectable()\nexport class CatalogService {\n  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}\n  findAll() { return this.products.find(); }\n}",
      filename: 'fixtures/paginate-lists/catalog.service.ts',
      errors: [unbounded('this.products.find()', 'TypeORM', 'pass `take` (and `skip`)', 'the return value of the handler in catalog.controller.ts:10')],
    },
    {
      name: 'a knex chain on a project-module db',
      code: "const express = require('express');\nconst db = require('../data/dbConfig');\nconst router = express.Router();\nrouter.get('/', async (req, res) => res.json(await db('accounts').select().orderBy('name')));",
      errors: [unbounded("db('accounts')", 'knex', 'chain `.limit()` (and `.offset()` or a keyset `where`)', '`res.json()`')],
    },
    {
      name: 'a knex chain assigned to the Koa body',
      code: "import Router from '@koa/router';\nimport knex from 'knex';\nconst db = knex({ client: 'pg' });\nconst router = new Router();\nrouter.get('/a', async (ctx) => { ctx.body = await db('articles').where({ published: true }); });",
      errors: [unbounded("db('articles')", 'knex', 'chain `.limit()` (and `.offset()` or a keyset `where`)', '`ctx.body =`')],
    },
  ],
});

function lint(code: string, filename = 'routes.ts'): Linter.LintMessage[] {
  return new Linter({ configType: 'flat' }).verify(
    code,
    [{ files: ['**/*.ts'], plugins: { persona: { rules: { 'paginate-lists': rule } } as never }, languageOptions: { parser: tsParser as never }, rules: { 'persona/paginate-lists': 'error' } }],
    { filename },
  );
}

describe('paginate-lists messages', () => {
  it('says the list is unbounded, names the query and says how to page it', () => {
    const [message] = lint(`${prisma}router.get('/p', async (req, res) => res.json(await prisma.product.findMany()));`);
    expect(message?.message).toBe(
      '`prisma.product.findMany()` (Prisma) sends every matching row to the client through `res.json()`: this list has no page size and grows with the table. Paginate it: pass `take` (and `skip` or `cursor`), with a page size capped on the server (default 20, max 100) and a cursor or offset.',
    );
  });

  it('names the request value of an uncapped page size and how to cap it', () => {
    const [message] = lint(`${prisma}router.get('/p', async (req, res) => res.json(await prisma.product.findMany({ take: +req.query.limit })));`);
    expect(message?.message).toBe(
      '`prisma.product.findMany()` (Prisma) takes its page size from the request (`req.query.limit`) without a cap: a client can ask for every row at once. Cap it on the server, e.g. `Math.min(Number(limit) || 20, 100)` or a schema with `.max(100)`.',
    );
  });
});

describe('paginate-lists on adversarial input', () => {
  const SIZE = 100_000;
  const inputs: Record<string, string> = {
    letters: 'a'.repeat(SIZE),
    spaces: `${' '.repeat(SIZE)}x`,
    wheres: 'where '.repeat(SIZE / 6),
    ands: `where ${'and '.repeat(SIZE / 4)}`,
    dotted: `where ${'a.'.repeat(SIZE / 2)}`,
    fetches: `fetch ${' '.repeat(SIZE)}x`,
    tops: `top${' '.repeat(SIZE)}(${' '.repeat(SIZE)}`,
    froms: `from ${'a.'.repeat(SIZE / 2)}`,
    limits: 'limit '.repeat(SIZE / 6),
    names: `to${'A'.repeat(SIZE)}!`,
  };
  const patterns: Record<string, RegExp> = {
    SQL_ROW_BOUND,
    SQL_UNIQUE_WHERE,
    SQL_FIRST_TABLE,
    SQL_AGGREGATE_ITEM,
    SQL_LIMIT_NAMED,
    TRANSFORM_NAME,
    REPOSITORY_NAME,
    PRISMA_CLIENT_NAME,
    MUTATING_HANDLER_NAME,
  };

  it.each(Object.keys(patterns))('%s takes under 100 ms on every 100 KB adversarial input', (name) => {
    const pattern = patterns[name]!;
    expect(slowInputs(inputs, (input) => [...input.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))])).toEqual([]);
  });

  it('lints a handler with a 150-part query chain (the parser overflows near 300) and a 100 KB SQL text quickly', () => {
    const chain = Array.from({ length: 150 }, (_, index) => `.where('c${index}', ${index})`).join('');
    const sql = `SELECT * FROM t WHERE ${'a = 1 AND '.repeat(10_000)}b = 2`;
    const code = `${prisma}import knex from 'knex';\nconst db = knex({});\nrouter.get('/a', async (req, res) => res.json(await db('t')${chain}));\nrouter.get('/b', async (req, res) => res.json((await db.raw('${sql}')).rows));`;
    const started = performance.now();
    const messages = lint(code, 'big.ts');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(messages.map((message) => [message.line, message.messageId ?? message.message])).toEqual([
      [7, 'unboundedList'],
      [8, 'unboundedList'],
    ]);
  });
});
