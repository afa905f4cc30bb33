import { describe, expect, it } from 'vitest';
import { calleeParts } from '../../src/ast/nodes.js';
import type { Decision, Use } from '../../src/flow/index.js';
import { checked, forwardProbe, handlersProbe, probe, reached } from './probe.js';

const express = (body: string) => `import express from 'express';\nconst router = express.Router();\nrouter.post('/x', async (req, res) => {\n${body}\n});\n`;

describe('flow engine: sources', () => {
  it('reads request parts through handler parameters, destructuring and locals', () => {
    expect(probe(express(`const { email, password } = req.body; let q = req.query.q; probe(email); probe(password); probe(q); probe(req.get('authorization'));`))).toEqual([
      ['request:body.email'],
      ['request:body.password'],
      ['request:query.q'],
      ['request:headers(text)'],
    ]);
  });

  it('knows Koa and Hono contexts, Next.js requests and NestJS decorators', () => {
    expect(probe(`import Router from '@koa/router';\nconst router = new Router();\nrouter.get('/x', async (ctx) => { probe(ctx.query.q); probe(ctx.request.body); probe(ctx.body); probe(ctx.get('Cookie')); });`)).toEqual([
      ['request:query.q'],
      ['request:body'],
      ['unknown'],
      ['request:headers(text)'],
    ]);
    expect(probe(`import { Hono } from 'hono';\nconst app = new Hono();\napp.post('/x', async (c) => { probe(await c.req.json()); probe(c.req.valid('json')); probe(c.get('user')); probe(c.req.query('tag')); });`)).toEqual([
      ['request:body'],
      ['request:body(validated)'],
      ["call:get(const'user'|request(hono))"],
      ['request:query(text)'],
    ]);
    expect(probe(`export async function GET(request: Request) { const url = new URL(request.url); probe(url.searchParams.get('q')); }`, 'app/api/items/route.ts')).toEqual([['request:query.[](text)']]);
    expect(
      probe(
        `import { Controller, Post, Body, Query, ParseIntPipe } from '@nestjs/common';\nimport { CreateDto } from './create.dto';\ninterface Filter { q: string }\n@Controller('x')\nexport class X { @Post() create(@Body() dto: CreateDto, @Query('page') page: string, @Query('n', ParseIntPipe) n: number, @Body() raw: any, @Query() filter: Filter) { probe(dto.name); probe(page); probe(n); probe(raw.name); probe(filter.q); } }`,
      ),
    ).toEqual([['request:body.name(validated)'], ['request:query.page'], ['request:query.n(piped)'], ['request:body.name'], ['request:query.q']]);
    // A Fastify route's JSON schema validates the parts it names.
    expect(probe(`export default async function plugin(fastify) {\n  fastify.post('/x', { schema: { body: { type: 'object' } } }, async (request) => { probe(request.body.name); probe(request.query.q); });\n}`)).toEqual([
      ['request:body.name(validated)'],
      ['request:query.q'],
    ]);
  });

  it('gives caught errors, token claims, database rows and the environment', () => {
    const [caught, promise, claims, decoded, rows, sql, env] = probe(
      express(
        `try { await work(); } catch (e) { probe(e.message); }\nwork().catch((err) => probe(err));\nprobe(jwt.verify(token, key).sub);\nprobe(jwt.decode(token));\nUser.find({ active: true }).then((users) => probe(users));\npool.query('SELECT * FROM users', (err, result) => probe(result.rows));\nprobe(process.env.JWT_SECRET);`,
      ).replace(`import express from 'express';`, `import express from 'express';\nimport jwt from 'jsonwebtoken';`),
    );
    expect([caught, promise, claims, decoded, rows, sql, env]).toEqual([['error.message'], ['error'], ['claims(verified).sub'], ['claims'], ['record:User'], ['record:users.rows'], ['env.JWT_SECRET']]);
  });

  it('passes GraphQL resolver arguments as typed client input', () => {
    expect(probe(`const resolvers = { Query: { user: (parent, args) => { probe(args.id); return null; } } };`)).toEqual([['request:body.id(validated)']]);
  });
});

describe('flow engine: propagation', () => {
  it('merges the writes of let and var over branches, and drops writes that cannot reach the use', () => {
    expect(probe(express(`let where = 'a'; if (req.query.x) { where = req.query.x; } probe(where);`))).toEqual([["const'a'", 'request:query.x']]);
    expect(probe(express(`let where = req.query.x; where = 'fixed'; probe(where);`))).toEqual([["const'fixed'"]]);
    expect(probe(express(`let v = 'a'; if (req.query.x) { v = req.query.x; } else { probe(v); }`))).toEqual([["const'a'"]]);
    expect(probe(express(`let v = 'a'; if (req.query.x) { v = req.query.x; return res.send(v); } probe(v);`))).toEqual([["const'a'"]]);
  });

  it('builds objects from literals, spreads and later stores, and reads their properties', () => {
    expect(probe(express(`const result = { id: 1 }; result.password = req.body.password; probe(result.password); probe({ ...req.body, role: 'user' }.role);`))).toEqual([
      ['request:body.password'],
      ["const'user'"],
    ]);
    expect(probe(express(`const { password, ...rest } = req.body; probe(rest.password); probe(rest.name);`))).toEqual([['const'], ['request:body.name']]);
    expect(probe(express(`const user = await User.findOne({ id: 1 }); delete user.passwordHash; probe(user.passwordHash);`))).toEqual([['const']]);
  });

  it('follows built strings, arrays and their methods', () => {
    expect(probe(express(`const parts = []; parts.push('a = ' + req.query.a); probe(parts.join(' AND ')); probe(\`%\${req.query.q.trim()}%\`);`))).toEqual([
      ["text(const' AND '|text(const'a = '|request:query.a))"],
      ['text(text(request:query.q))'],
    ]);
    // `String(x)`, `x.trim()`: a string made from the value, whatever the value was.
    expect(probe(express(`probe(String(req.body.id)); probe(req.body.email.toLowerCase()); probe(structuredClone(req.body));`))).toEqual([['text(request:body.id)'], ['text(request:body.email)'], ['request:body']]);
    expect(probe(express(`const ids = req.body.ids.map((id) => Number(id)); probe(ids); const names = req.body.names.filter(Boolean); probe(names[0]);`))).toEqual([
      ['[const<request:body.ids.[]>]'],
      ['request:body.names.[]'],
    ]);
  });

  it('follows functions of the same file with their arguments bound, and leaves the parameter of a helper as a parameter', () => {
    expect(probe(`${express(`probe(wrap(req.query.q)); probe(wrap('x'));`)}\nfunction wrap(value) { return '%' + value + '%'; }\nfunction helper(sql) { probe(sql); }`)).toEqual([
      ["text(const'%'|text(const'%'|request:query.q))"],
      ["text(const'%'|text(const'%'|const'x'))"],
      ['param0'],
    ]);
  });

  it('admits a value an allowlist check guards', () => {
    expect(probe(express(`const sort = req.query.sort; if (!['name', 'date'].includes(sort)) return; probe(sort);`))).toEqual([['const(guarded)']]);
  });

  it('marks client text parsed into a value, and keeps the keys an object is given', () => {
    expect(probe(express(`probe(JSON.parse(req.headers['x-filter'])); const filter = { [req.query.field]: 1 }; filter[req.body.other] = 2; probe(filter); probe(Object.keys(filter));`))).toEqual([
      ['request:headers.x-filter(parsed)'],
      ['{,...const,[request:body.other]}', '{,...const,[request:query.field]}'],
      ['[const|request:body.other|request:query.field]'],
    ]);
  });

  it('gives a library call the inputs it was made from', () => {
    expect(probe(`import bcrypt from 'bcrypt';\n${express(`probe(await bcrypt.hash(req.body.password, 12));`)}`)).toEqual([['call:bcrypt.hash(const|module:bcrypt.default|request:body.password)']]);
  });
});

describe('flow engine: other files', () => {
  it('reads values and function results other project files export', () => {
    const files = {
      'src/routes.js': `const config = require('./config');\nconst { likeTerm } = require('./helpers');\nconst express = require('express');\nconst router = express.Router();\nrouter.get('/x', (req, res) => { probe(config.jwtSecret); probe(likeTerm(req.query.q)); });`,
      'src/config.js': `module.exports = { jwtSecret: process.env.JWT_SECRET || 'dev-secret' };`,
      'src/helpers.js': `exports.likeTerm = (term) => '%' + term + '%';`,
    };
    expect(probe(files)).toEqual([["const'dev-secret'@config.js", 'env.JWT_SECRET@config.js'], ["text(const'%'@helpers.js|text(const'%'@helpers.js|request:query.q))"]]);
  });

  it('takes a destructured request for a handler when another file registers the export as a route', () => {
    const files = {
      'src/controller.js': `exports.search = async ({ body }, res) => { probe(body.email); };\nexports.format = async ({ body }, options) => { probe(body.email); };`,
      'src/routes.js': `const express = require('express');\nconst controller = require('./controller');\nconst router = express.Router();\nrouter.post('/search', controller.search);\nrouter.post('/format', controller.format);`,
    };
    expect(probe(files, 'src/controller.js')).toEqual([['request:body.email'], ['param0.body.email']]);
  });
});

describe('flow engine: writes that keep what was there', () => {
  it('reads a compound assignment as the text it extends, and `??=` as either value', () => {
    expect(probe(express(`let sql = 'SELECT * FROM t'; if (req.query.s) { sql += ' WHERE s = ' + req.query.s; } sql += ' ORDER BY id'; probe(sql);`))).toEqual([
      ["text(const' ORDER BY id'|const'SELECT * FROM t'|text(const'SELECT * FROM t'|text(const' WHERE s = '|request:query.s)))"],
    ]);
    expect(probe(express(`let limit = req.query.limit; limit ??= 10; probe(limit);`))).toEqual([['const', 'request:query.limit']]);
  });

  it('keeps what code stores into Maps, Sets and arrays, also inside class fields', () => {
    const code = `class Pending {\n  constructor() { this.updates = { delivered: new Map() }; }\n  add(event) { this.updates.delivered.set(event.id, event.at); }\n  flush() { for (const [id, at] of this.updates.delivered.entries()) probe(id); }\n}\nconst seen = new Set(); seen.add(process.env.X); probe([...seen][0]);`;
    expect(probe(code)).toEqual([['param0.at', 'param0.id'], ['env.X']]);
    // A parameter named like a request (`event`) is the request for its parts, and a parameter for the rest.
    expect(probe(`export function handle(event) { probe(event.body); probe(event.recipientId); }`)).toEqual([['request:body'], ['param0.recipientId']]);
  });
});

describe('flow engine: parameters that reach a sink', () => {
  it('checks what callers pass to helpers, of this file and of other files, helpers of helpers included', () => {
    const files = {
      'src/app.ts': [
        `import { findBy } from './repo';`,
        `import * as db from './db';`,
        `function run(text) { return sink(text); }`,
        `function runOption(options) { return run(options.text); }`,
        `export function handler(req) {`,
        `  run('a' + req.query.a);`,
        `  runOption({ text: req.body.b });`,
        `  findBy(req.query.c);`,
        `  db.exec(req.query.d);`,
        `  db.exec('constant');`,
        `}`,
      ].join('\n'),
      'src/repo.ts': `import { exec } from './db';\nexport function findBy(value) { return exec(value); }`,
      'src/db.ts': `export function exec(statement) { return sink(statement); }`,
    };
    expect(reached(files)).toEqual([
      '3: param0 via sink@3',
      '8: request:query.c via findBy() -> exec() -> sink@1',
      '9: request:query.d via db.exec() -> sink@1',
      '4: param0.text via run() -> sink@3',
      "6: text(const'a'|request:query.a) via run() -> sink@3",
      '7: request:body.b via runOption() -> run() -> sink@3',
    ]);
    // Another file is read for its summary only when its text, or that of a file it imports, shows a sink.
    expect(reached(files, /\bsink\(/u).filter((line) => line.includes('exec()'))).toEqual(['8: request:query.c via findBy() -> exec() -> sink@1', '9: request:query.d via db.exec() -> sink@1']);
    expect(reached(files, /\bnever\(/u).filter((line) => line.includes('exec()'))).toEqual([]);
  });
});

describe('flow engine: checks hold only where they succeeded', () => {
  it('after an exiting typeof guard, in the branch where a check held, after a validator made as a statement', () => {
    const body = [
      `const { email } = req.body;`,
      `if (typeof email !== 'string') return res.sendStatus(400);`,
      `probe(email);`,
      `if (isEmail(req.body.alias)) { probe(req.body.alias); } else { probe(req.body.alias); }`,
      `if (!isEmail(req.body.login)) return res.sendStatus(400);`,
      `probe(req.body.login);`,
      `if (banned.has(req.body.name)) return res.sendStatus(403);`,
      `probe(req.body.name);`,
      `probe(req.query.page);`,
      `validate(req.query);`,
      `probe(req.query.page);`,
      `const { error } = validate(req.params); if (error) return res.sendStatus(400);`,
      `probe(req.params.id);`,
    ].join('\n');
    expect(checked(express(body))).toEqual([true, true, false, true, false, false, true, true]);
  });
});

describe('flow engine: numbers and bounds', () => {
  it('keeps what a number was computed from, and marks values compared with an upper bound', () => {
    expect(probe(express(`probe(Number(req.query.limit) || 20); probe(Math.min(+req.query.n, 100)); probe(req.query.a * 2);`))).toEqual([
      ['const', 'const<request:query.limit>'],
      ['const<const|const<request:query.n>>'],
      ['const<const|request:query.a>'],
    ]);
    expect(probe(express(`probe(req.query.size); probe(new Set(req.body.ids).size);`))).toEqual([['request:query.size'], ['const']]);
    expect(probe(express(`const n = Number(req.query.limit); probe(n > 100 ? 100 : n); probe(n > 0 ? n : 20);`))).toEqual([
      ['const', 'const<request:query.limit>(capped)'],
      ['const', 'const<request:query.limit>'],
    ]);
    expect(probe(express(`let limit = parseInt(req.query.limit, 10) || 20; if (limit > 100) limit = 100; probe(limit); const per = req.query.per; if (per > 500) throw new Error('too big'); probe(per);`))).toEqual([
      ['const(capped)', 'const<const|request:query.limit>(capped)'],
      ['request:query.per(capped)'],
    ]);
  });
});

/** A sink for the forward tests: an argument of `send(...)`; `Promise.all` and `JSON.stringify` hand the value on. */
const sendSink = (use: Use): Decision => {
  if (use.kind !== 'argument' || use.at.type !== 'CallExpression') return undefined;
  const { name } = calleeParts(use.at);
  if (name === 'send' || name === 'render') return 'sink';
  return name === 'all' || name === 'stringify' ? 'through' : undefined;
};

describe('flow engine: forward', () => {
  it('takes a value back out of the array or object it was put in, and not another element', () => {
    const code = (use: string) => ({ 'src/app.js': `async function list(res) {\n  const [users, total] = await Promise.all([/* start */ find(), count()]);\n  res.send(${use});\n}` });
    expect(forwardProbe(code('users'), sendSink)).toBe('app.js:3 argument');
    expect(forwardProbe(code('total'), sendSink)).toBeUndefined();
    expect(forwardProbe(code('{ data: users }'), sendSink)).toBe('app.js:3 argument [data]');
    expect(forwardProbe({ 'src/app.js': `const page = { items: /* start */ find(), total: 3 };\nsend(page.total);\nsend(page.items[0]);` }, sendSink)).toBe('app.js:3 argument 0');
  });

  it('follows a value stored into a local object to the later reads of the object', () => {
    const files = { 'src/app.js': `async function list(res) {\n  const result = {};\n  try {\n    result.items = await /* start */ find();\n  } catch (err) {\n    result.error = err;\n  }\n  res.send(result);\n}` };
    expect(forwardProbe(files, sendSink)).toBe('app.js:8 argument [items]');
  });

  it('goes from a function exported through a local object to its callers in other files', () => {
    const files = {
      'src/model/products.js': `function listProducts() {\n  return /* start */ db.many('SELECT * FROM products');\n}\nconst actions = { 'list': listProducts };\nmodule.exports = actions;`,
      'src/routes/products.js': `const products = require('../model/products');\nrouter.get('/', (req, res) => {\n  products.list().then((data) => {\n    res.render('products', { products: data });\n  });\n});`,
    };
    expect(forwardProbe(files, sendSink)).toBe('products.js:4 argument [products]');
  });

  it('goes from a method of an exported class to the calls on its injected or constructed instances', () => {
    const returned = (use: Use): Decision => (use.kind === 'returned' ? 'sink' : undefined);
    const files = {
      'src/catalog.service.ts': `export class CatalogService {\n  findAll() {\n    return /* start */ this.products.find();\n  }\n}`,
      'src/catalog.controller.ts': `import { CatalogService } from './catalog.service';\nexport class CatalogController {\n  constructor(private readonly catalog: CatalogService) {}\n  list() {\n    const all = this.catalog.findAll();\n    return all;\n  }\n}`,
    };
    expect(forwardProbe(files, returned)).toBe('catalog.service.ts:3 returned');
    const onlyController = (use: Use, flow: { filename: string }): Decision => (use.kind === 'returned' && flow.filename.endsWith('controller.ts') ? 'sink' : undefined);
    expect(forwardProbe(files, onlyController)).toBe('catalog.controller.ts:6 returned');
  });
});

describe('flow engine: handlers other files register', () => {
  it('knows controllers registered through a package wrapper, a table of routes, and the methods of an exported instance', () => {
    const files = {
      'src/controllers/posts.js': `class PostsController {\n  async index(req, res) {}\n  async search(req, res) {}\n}\nmodule.exports = new PostsController();`,
      'src/controllers/tags.js': `exports.list = async (req, res) => {};\nexports.create = async (req, res) => {};\nexports.popular = async (req, res) => {};`,
      'src/routes.js': [
        `const express = require('express');`,
        `const asyncHandler = require('express-async-handler');`,
        `const posts = require('./controllers/posts');`,
        `const tags = require('./controllers/tags');`,
        `const router = express.Router();`,
        `router.get('/posts', asyncHandler(posts.index));`,
        `router.post('/posts/search', posts.search);`,
        `for (const [path, handler] of [['/tags', tags.list]]) router.get(path, handler);`,
        `const writes = [{ path: '/tags', handler: tags.create }];`,
        `writes.forEach((route) => router.post(route.path, route.handler));`,
        `const reads = [{ path: '/tags/popular', action: tags.popular }];`,
        `reads.forEach(({ path, action }) => router.get(path, action));`,
      ].join('\n'),
    };
    expect(handlersProbe({ 'src/controllers/posts.js': files['src/controllers/posts.js'], 'src/routes.js': files['src/routes.js'] })).toEqual(['index GET /posts', 'search POST /posts/search']);
    expect(handlersProbe({ 'src/controllers/tags.js': files['src/controllers/tags.js'], 'src/routes.js': files['src/routes.js'] })).toEqual(['create POST /tags', 'list GET /tags', 'popular GET /tags/popular']);
  });
});
