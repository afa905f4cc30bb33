import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { calleeParts } from '../../src/ast/nodes.js';
import { isUserModel, wholeUserRows, type Decision, type Flow, type Use } from '../../src/flow/index.js';
import { checked, forwardProbe, handlersProbe, probe, probeValues, probeWith, reached, show, texts } from './probe.js';

const express = (body: string) => `import express from 'express';\nconst router = express.Router();\nrouter.post('/x', async (req, res) => {\n${body}\n});\n`;

describe('flow engine: sources', () => {
  it('reads request parts through handler parameters, destructuring and locals', () => {
    expect(probe(express(`const { email, password } = req.body; let q = req.query.q; probe(email); probe(password); probe(q); probe(req.get('authorization'));`))).toEqual([
      ['request:body.email'],
      ['request:body.password'],
      ['request:query.q'],
      ['request:headers.authorization(text)'],
    ]);
  });

  it('names a header read by a literal name, lower case as Node.js keeps headers', () => {
    expect(probe(express(`probe(req.get('Origin')); probe(req.header(name)); probe(req.headers.origin);`))).toEqual([['request:headers.origin(text)'], ['request:headers(text)'], ['request:headers.origin']]);
    expect(probe(`export async function GET(request: Request) { probe(request.headers.get('Origin')); probe(request.headers.get(name)); }`, 'app/api/items/route.ts')).toEqual([
      ['request:headers.origin(text)'],
      ['request:headers.[](text)'],
    ]);
  });

  it('knows Koa and Hono contexts, Next.js requests and NestJS decorators', () => {
    expect(probe(`import Router from '@koa/router';\nconst router = new Router();\nrouter.get('/x', async (ctx) => { probe(ctx.query.q); probe(ctx.request.body); probe(ctx.body); probe(ctx.get('Cookie')); });`)).toEqual([
      ['request:query.q'],
      ['request:body'],
      ['unknown'],
      ['request:headers.cookie(text)'],
    ]);
    expect(probe(`import { Hono } from 'hono';\nconst app = new Hono();\napp.post('/x', async (c) => { probe(await c.req.json()); probe(c.req.valid('json')); probe(c.get('user')); probe(c.req.query('tag')); });`)).toEqual([
      ['request:body'],
      ['request:body(validated)'],
      ["call:get(const'user'|request(hono))"],
      ['request:query(text)'],
    ]);
    expect(probe(`export async function GET(request: Request) { const url = new URL(request.url); probe(url.searchParams.get('q')); }`, 'app/api/items/route.ts')).toEqual([['request:query.q(text)']]);
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

  it("gives claims of the JWT libraries of the catalog: jwt-simple's noVerify only decodes, a middleware factory gives no claims", () => {
    const code = `const jwt = require('jwt-simple');\nconst { expressjwt } = require('express-jwt');\nprobe(jwt.decode(token, key).sub);\nprobe(jwt.decode(token, key, true).sub);\nprobe(expressjwt({ secret: key, algorithms: ['HS256'] }));`;
    const [verified, decoded, middleware] = probe(code, 'src/app.js');
    expect([verified, decoded]).toEqual([['claims(verified).sub'], ['claims.sub']]);
    expect(middleware!.some((atom) => atom.startsWith('claims'))).toBe(false);
  });

  it('gives the errors of error handlers, error listeners, exception filters and one-parameter callbacks', () => {
    const app = `import Fastify from 'fastify';\nconst app = Fastify();\n`;
    expect(probe(`${app}app.setErrorHandler((error, request, reply) => { probe(error.message); });\nprocess.on('uncaughtException', (err) => probe(err));\nsocket.on('data', (err) => probe(err));`)).toEqual([
      ['error.message'],
      ['error'],
      ['param0'],
    ]);
    expect(probe(`export function onError(err, req, res, next) { probe(err.stack); probe(req.body); }\nfs.unlink(path, (err) => probe(err));\ntext.replace(/a/g, (e) => probe(e));`)).toEqual([
      ['error.stack'],
      ['request:body'],
      ['error'],
      ['param0'],
    ]);
    expect(probe(`import { Catch } from '@nestjs/common';\n@Catch()\nexport class AllErrors { catch(exception, host) { probe(exception.message); probe(host); } }`)).toEqual([['error.message'], ['param1']]);
  });

  it('keeps where a caught error is read, and reads destructured catch parameters', () => {
    const code = express(`try { await work(); } catch (err) { const detail = isDev ? err.stack : undefined; probe(detail); probe(err); }\ntry { await work(); } catch ({ message }) { probe(message); }`);
    const [detail, raw, message] = probeValues(code);
    const read = (value: typeof detail) => value!.filter((atom) => atom.kind === 'error').map((atom) => code.slice(...atom.node.range));
    expect(read(detail)).toEqual(['err.stack']);
    expect(read(raw)).toEqual(['err']);
    expect(show(message!)).toEqual(['error.message']);
  });

  it('tells whole rows of a user model from a projection, another model or a field', () => {
    const values = probeValues(express(`db.user.findAll({ where: { id: 1 } }).then((users) => probe(users)); probe(await UserModel.findOne({ id: 1 }).select('name')); probe(await Beer.findAll({ include: 'users' })); probe((await db.users.findByPk(1)).email);`));
    expect(values.map((value) => value.map((atom) => (atom.kind === 'record' ? (wholeUserRows(atom) ?? 'none') : atom.kind)))).toEqual([['user'], ['none'], ['users'], ['none']]);
    expect(isUserModel('usersRepository')).toBe(true);
    expect(isUserModel('Person', new Set(['person']))).toBe(true);
    expect(isUserModel('orders')).toBe(false);
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

  it('drops a write in a closure made after the use, unless a loop runs the use again or the function is a hoisted declaration', () => {
    expect(probe(express(`let q = 'a'; probe(q); run(() => { q = req.query.q; }); probe(q);`))).toEqual([["const'a'"], ["const'a'", 'request:query.q']]);
    expect(probe(express(`let q = 'a'; for (const key of keys) { probe(q); run(() => { q = req.query.q; }); }`))).toEqual([["const'a'", 'request:query.q']]);
    expect(probe(express(`let q = 'a'; probe(q); function fill() { q = req.query.q; }`))).toEqual([["const'a'", 'request:query.q']]);
    // Declared outside the handler: a closure of an earlier request has written it by the time of the next.
    const shared = `import express from 'express';\nconst router = express.Router();\nlet last = 'a';\nrouter.post('/x', async (req, res) => { probe(last); run(() => { last = req.query.q; }); });`;
    expect(probe(shared)).toEqual([["const'a'", 'request:query.q']]);
  });

  it('reads a string built up in steps, each read inside a write seeing the writes before it', () => {
    expect(probe(express(`let sql = 'SELECT id FROM users WHERE 1 = 1'; if (req.query.name) sql += ' AND name = ' + req.query.name; sql = sql + ' LIMIT 10'; probe(sql);`))).toEqual([
      // Without the condition, or with it: both texts, each followed by the limit.
      ["text(const' LIMIT 10'|const'SELECT id FROM users WHERE 1 = 1'|text(const'SELECT id FROM users WHERE 1 = 1'|text(const' AND name = '|request:query.name)))"],
    ]);
    expect(probe(express(`let list = req.body.ids; list = list.filter(Boolean); probe(list);`))).toEqual([['[request:body.ids.[]]']]);
  });

  it('reads the texts a value may be, with a hole for each part that is not a constant', () => {
    expect(
      probeWith(
        express(`const TABLE = 'users';\nconst sql = "SELECT id FROM " + TABLE + " WHERE name = '" + req.body.name + "' AND password = '" + req.body.password + "'";\nprobe(sql);\nlet where = 'active = 1';\nif (req.query.q) where = \`name LIKE '%\${req.query.q}%'\`;\nprobe(where);`),
        texts,
      ),
    ).toEqual([["SELECT id FROM users WHERE name = '{request:body.name}' AND password = '{request:body.password}'"], ['active = 1', "name LIKE '%{request:query.q}%'"]]);
  });

  it('builds objects from literals, spreads and later stores, and reads their properties', () => {
    expect(probe(express(`const result = { id: 1 }; result.password = req.body.password; probe(result.password); probe({ ...req.body, role: 'user' }.role);`))).toEqual([
      ['request:body.password'],
      ["const'user'"],
    ]);
    expect(probe(express(`const { password, ...rest } = req.body; probe(rest.password); probe(rest.name);`))).toEqual([['const'], ['request:body.name']]);
    expect(probe(express(`const user = await User.findOne({ id: 1 }); delete user.passwordHash; probe(user.passwordHash);`))).toEqual([['const']]);
  });

  it('makes String(x) and x.toString() a text of x', () => {
    expect(probe(express(`try { await work(); } catch (err) { probe(String(err)); probe(err.toString()); probe(String(req.query.n).trim()); }`))).toEqual([
      ['text(error)'],
      ['text(error)'],
      ['text(request:query.n)'],
    ]);
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

  it('keeps the reads of locals a value went through, where a check on the way can be seen', () => {
    const code = express(`const origin = req.get('origin');\nlet allow = 'https://a.example';\nif (origin.endsWith('.example.com')) {\n  allow = origin;\n}\nprobe(allow);`);
    // Lines: req's read (4), origin's read inside the if (7), allow's read at the probe (9); the constant has only the last.
    const [value] = probeValues(code);
    expect(value!.map((atom) => (atom.reads ?? []).map((read) => read.loc.start.line).join(',')).sort()).toEqual(['4,7,9', '9']);
  });

  it('admits a value an allowlist check guards', () => {
    expect(probe(express(`const sort = req.query.sort; if (!['name', 'date'].includes(sort)) return; probe(sort);`))).toEqual([['const(guarded)']]);
  });

  it('marks client text parsed into a value, and keeps the keys an object is given', () => {
    expect(probe(express(`probe(JSON.parse(req.headers['x-filter'])); const filter = { [req.query.field]: 1 }; filter[req.body.other] = 2; probe(filter); probe(Object.keys(filter));`))).toEqual([
      ['request:headers.x-filter(parsed)'],
      ['{,...const=1,[request:query.field]}', '{,...const=2,[request:body.other]}'],
      ['[const|request:body.other|request:query.field]'],
    ]);
  });

  it('folds numbers the code spells out', () => {
    expect(probe(`const ROUNDS = 8;\nconst OPTIONS = { N: 1 << 15 };\nprobe(2 ** 14); probe(ROUNDS + 2); probe(-ROUNDS); probe(OPTIONS.N); probe(256 * 1024 * 1024); probe(ROUNDS * unknown); probe('a' + 1);`)).toEqual([
      ['const=16384<const=14|const=2>'],
      ['const=10<const=2|const=8>'],
      ['const=-8<const=8>'],
      ['const=32768<const=1|const=15>'],
      ['const=268435456<const=1024|const=262144<const=1024|const=256>>'],
      ['const<const=8|unknown>'],
      ["text(const'a'|const=1)"],
    ]);
  });

  it("reads an object's `size` key, and takes a collection's `size` for a number", () => {
    expect(probe(`const PAGE = { size: 25 };\nconst seen = new Set();\nprobe(PAGE.size); probe(seen.size);`)).toEqual([['const=25'], ['const']]);
  });

  it('keeps what the code stores into a parameter, a write at the level of the use replacing the key', () => {
    expect(probe(`import argon2 from 'argon2';\nexport async function register(dto) { dto.password = await argon2.hash(dto.password); probe({ ...dto }.password); probe(dto.email); }`)).toEqual([
      // The key the write replaced reads as nothing (a constant) in the old value.
      ['call:argon2.hash(module:argon2.default|param0.password)', 'const'],
      ['param0.email'],
    ]);
    expect(probe(`import bcrypt from 'bcrypt';\n${express(`req.body.password = await bcrypt.hash(req.body.password, 10); probe(req.body); probe(req.body.password); probe(req.body.email); probe(req.query);`)}`)).toEqual([
      ['request:body', '{password:call:bcrypt.hash(const=10|module:bcrypt.default|request:body.password)}'],
      ['call:bcrypt.hash(const=10|module:bcrypt.default|request:body.password)', 'const'],
      ['request:body.email'],
      ['request:query'],
    ]);
    expect(probe(`import argon2 from 'argon2';\nexport async function register(dto, legacy) { if (legacy) { dto.password = await argon2.hash(dto.password); } probe(dto.password); }`)).toEqual([
      ['call:argon2.hash(module:argon2.default|param0.password)', 'param0.password'],
    ]);
  });

  it('gives a library call the inputs it was made from', () => {
    expect(probe(`import bcrypt from 'bcrypt';\n${express(`probe(await bcrypt.hash(req.body.password, 12));`)}`)).toEqual([['call:bcrypt.hash(const=12|module:bcrypt.default|request:body.password)']]);
  });
});

describe('flow engine: other files', () => {
  it('reads the modules a small list gathers one by one, and leaves the modules of a registry as modules', () => {
    const modules = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`src/importers/i${index}.js`, `module.exports = { table: 't${index}' };`]));
    const listOf = (count: number) => `module.exports = [${Array.from({ length: count }, (_, index) => `require('./i${index}')`).join(', ')}];`;
    const app = `const importers = require('./importers');\nfor (const importer of importers) probe(importer.table);`;
    const small = probe({ 'src/app.js': app, 'src/importers/index.js': listOf(3), ...modules(3) }, 'src/app.js');
    expect(small).toEqual([["const't0'@i0.js", "const't1'@i1.js", "const't2'@i2.js"]]);
    const registry = probe({ 'src/app.js': app, 'src/importers/index.js': listOf(20), ...modules(20) }, 'src/app.js');
    // Each element is the module `./iN` with its `.table` read, as a package's value would be.
    expect(registry[0]).toHaveLength(20);
    expect(registry[0]!.every((atom) => /^module:\.\/i\d+\.table$/u.test(atom))).toBe(true);
  });

  it('gives what the callers of a function pass for a parameter, in this file and in the files that import it', () => {
    const files = {
      'src/errors.js': `function send(res, problem) { probe(problem); }\ntry { run(); } catch (e) { send(res, e); }\nsend(res, 'busy');\nexports.fail = (res, failure) => probe(failure);`,
      'src/routes.js': `const { fail } = require('./errors');\ntry { run(); } catch (err) { fail(res, err); }`,
    };
    const passed = probeWith(files, (flow, node) => {
      const param = flow.valueOf(node).find((atom) => atom.kind === 'param');
      return param?.kind === 'param' ? show(flow.argumentsOf(param.fn, param.index)) : [];
    }, 'src/errors.js');
    expect(passed).toEqual([["const'busy'", 'error'], ['error@routes.js']]);
  });

  it('reads what a helper of another file reads of its parameter from the argument, and keeps an error caught there in its file', () => {
    const files = {
      'src/routes.js': `const { details } = require('./errors');\nconst store = require('./store');\ntry { run(); } catch (err) { probe(details(err)); }\nprobe(store.lookup().failure.message);`,
      'src/errors.js': `exports.details = (failure) => ({ message: failure.message });`,
      'src/store.js': `exports.lookup = () => { try { return { rows: load() }; } catch (e) { return { failure: e }; } };`,
    };
    const [details, failure] = probeValues(files);
    const message = details!.flatMap((atom) => (atom.kind === 'object' ? [...atom.properties.get('message')!] : []));
    expect(message.map((atom) => [atom.kind, atom.node.type === 'Identifier' ? atom.node.name : atom.node.type, atom.file])).toEqual([['error', 'err', undefined]]);
    expect(failure!.map((atom) => [atom.kind, 'path' in atom ? atom.path : [], atom.file?.split('/').at(-1), atom.node.loc.start.line])).toEqual([['error', ['message'], 'store.js', 1]]);
  });

  it('reads values and function results other project files export', () => {
    const files = {
      'src/routes.js': `const config = require('./config');\nconst { likeTerm } = require('./helpers');\nconst express = require('express');\nconst router = express.Router();\nrouter.get('/x', (req, res) => { probe(config.jwtSecret); probe(likeTerm(req.query.q)); });`,
      'src/config.js': `module.exports = { jwtSecret: process.env.JWT_SECRET || 'dev-secret' };`,
      'src/helpers.js': `exports.likeTerm = (term) => '%' + term + '%';`,
    };
    expect(probe(files)).toEqual([["const'dev-secret'@config.js", 'env.JWT_SECRET@config.js'], ["text(const'%'@helpers.js|text(const'%'@helpers.js|request:query.q))"]]);
  });

  it('leaves unread the exports of a minified bundle chunk and of build output, and reads the same helper written by hand', () => {
    const helper = `export const likeTerm = (term) => '%' + term + '%';`;
    // A bundler's chunk: the same export on one long line among the rest of the bundle.
    const chunk = `${Array.from({ length: 300 }, (_, index) => `const v${index}=(e)=>e.filter(Boolean).join(' ')`).join(';')};${helper}`;
    const files = (folder: string, imported: string) => ({
      [`${folder}/routes.js`]: `import { likeTerm } from './helpers.js';\nimport express from 'express';\nconst router = express.Router();\nrouter.get('/x', (req, res) => { probe(likeTerm(req.query.q)); });`,
      [`${folder}/helpers.js`]: imported,
    });
    expect(probe(files('src', `\n\n${helper}\n`))).toEqual([["text(const'%'@helpers.js|text(const'%'@helpers.js|request:query.q))"]]);
    const unread = [['call:./helpers.js.likeTerm(request:query.q)']];
    expect(probe(files('src', chunk))).toEqual(unread);
    expect(probe(files('built/assets', `\n\n${helper}\n`))).toEqual(unread);
  });

  it('finds the function a call runs: of this file, exported by another, or a method of a class another file exports', () => {
    const files = {
      'src/accounts.controller.ts': `import { AccountsService } from './accounts.service';\nimport { normalize } from './text';\nexport class AccountsController {\n  constructor(private readonly accounts: AccountsService) {}\n  create(dto) { const local = (x) => x; probe(local(dto)); probe(normalize(dto)); probe(this.accounts.create(dto)); probe(this.accounts.missing(dto)); }\n}`,
      'src/accounts.service.ts': `export class AccountsService {\n  create(dto) { return dto; }\n}`,
      'src/text.ts': `export function normalize(value) { return value; }`,
    };
    const called = (flow: Flow, node: TSESTree.Node) => {
      const found = node.type === 'CallExpression' ? flow.calledFunction(node) : undefined;
      return found ? `${found.flow.filename.split('/').at(-1)}:${found.fn.loc.start.line}` : 'unknown';
    };
    expect(probeWith(files, called, 'src/accounts.controller.ts')).toEqual(['accounts.controller.ts:5', 'text.ts:1', 'accounts.service.ts:2', 'unknown']);
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
    expect(probe(express(`let limit = req.query.limit; limit ??= 10; probe(limit);`))).toEqual([['const=10', 'request:query.limit']]);
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

describe('flow engine: sinks inside an options object', () => {
  it('reads the path a sink names from the object written at the call, built in a local first, or passed by a caller', () => {
    const files = {
      'src/app.ts': [
        `function command(text) { return new Sink({ text, retries: 2 }); }`,
        `export function handler(req) {`,
        `  new Sink({ text: req.query.a, limit: req.query.limit });`,
        `  const options = { text: 'b' + req.body.b };`,
        `  new Sink(options);`,
        `  command(req.query.c);`,
        `}`,
      ].join('\n'),
    };
    expect(reached(files)).toEqual([
      '1: param0 via Sink@1',
      '3: request:query.a via Sink@3',
      "5: text(const'b'|request:body.b) via Sink@5",
      '6: request:query.c via command() -> Sink@1',
    ]);
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

describe('flow engine: what a parameter receives at each call', () => {
  it('gives each call, in this file and in the project files that call the exported function, with its file', () => {
    const files = {
      'src/cors.js': `function allow(res, origin) { probe(origin); res.setHeader('X', origin); }\nfunction local(req, res) { allow(res, 'https://a.example'); }\nmodule.exports = { allow };`,
      'src/routes.js': `const { allow } = require('./cors');\nconst express = require('express');\nconst router = express.Router();\nrouter.get('/x', (req, res) => { allow(res, req.headers.origin); });`,
    };
    const at = (flow: Flow, node: TSESTree.Node) =>
      flow.valueOf(node).flatMap((atom) => (atom.kind === 'param' ? flow.argumentsAt(atom.fn, atom.index).map(({ value, call, flow: caller }) => `${caller.filename.split('/').at(-1)}:${call.loc.start.line} ${show(value).join('|')}`) : []));
    expect(probeWith(files, at, 'src/cors.js')).toEqual([["cors.js:2 const'https://a.example'", 'routes.js:4 request:headers.origin']]);
    // A call that leaves the argument out gives the default.
    expect(probeWith(`function verify(token, options = { algorithms: ['RS256'] }) { probe(options); }\nverify('a');\nverify('b', opts);`, at)).toEqual([["app.ts:2 {algorithms:[const'RS256']}", 'app.ts:3 unknown']]);
  });
});

describe('flow engine: numbers and bounds', () => {
  it('keeps what a number was computed from, and marks values compared with an upper bound', () => {
    expect(probe(express(`probe(Number(req.query.limit) || 20); probe(Math.min(+req.query.n, 100)); probe(req.query.a * 2);`))).toEqual([
      ['const<request:query.limit>', 'const=20'],
      ['const<const<request:query.n>|const=100>'],
      ['const<const=2|request:query.a>'],
    ]);
    expect(probe(express(`probe(req.query.size); probe(new Set(req.body.ids).size);`))).toEqual([['request:query.size'], ['const']]);
    expect(probe(express(`const n = Number(req.query.limit); probe(n > 100 ? 100 : n); probe(n > 0 ? n : 20);`))).toEqual([
      ['const<request:query.limit>(capped)', 'const=100'],
      ['const<request:query.limit>', 'const=20'],
    ]);
    expect(probe(express(`let limit = parseInt(req.query.limit, 10) || 20; if (limit > 100) limit = 100; probe(limit); const per = req.query.per; if (per > 500) throw new Error('too big'); probe(per);`))).toEqual([
      ['const<const=10|request:query.limit>(capped)', 'const=100(capped)', 'const=20(capped)'],
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

/** A sink for the forward tests of claims: an argument of `sink(...)`. */
const sinkCall = (use: Use): Decision => (use.kind === 'argument' && use.at.type === 'CallExpression' && calleeParts(use.at).name === 'sink' ? 'sink' : undefined);

describe('flow engine: forward', () => {
  it('follows a value into a function another project file exports, a destructured parameter too', () => {
    const files = {
      'src/auth.js': `const { attach, lookup } = require('./session');\nfunction check(token) { const claims = /* start */ decode(token); attach(claims); lookup(claims); }`,
      'src/session.js': `exports.attach = (claims) => { const id = claims.sub; sink(id); };\nexports.lookup = ({ sub, role }) => sink(role);`,
    };
    expect(forwardProbe(files, sinkCall)).toBe('session.js:1 argument sub');
    expect(forwardProbe({ ...files, 'src/auth.js': files['src/auth.js'].replace('attach(claims);', '') }, sinkCall)).toBe('session.js:2 argument role');
  });

  it('drops a local once a later write replaces it, as valueOf does', () => {
    expect(forwardProbe({ 'src/app.js': `function load(token, session) { let id = /* start */ decode(token).sub; id = session.userId; sink(id); }` }, sinkCall)).toBeUndefined();
    expect(forwardProbe({ 'src/app.js': `function load(token, session) { let id = /* start */ decode(token).sub; if (session) { id = session.userId; } sink(id); }` }, sinkCall)).toBe('app.js:1 argument');
  });

  it('follows each part of a value that reaches the same expression', () => {
    // A test goes on through the `&&` to the `if`: the whole claims get there first, then `role`.
    const decide = (use: Use): Decision => (use.kind !== 'test' ? undefined : use.at.type === 'IfStatement' ? (use.path.includes('role') ? 'sink' : undefined) : 'through');
    expect(forwardProbe({ 'src/app.js': `function check(token) { const claims = /* start */ decode(token); if (claims && claims.role === 'admin') grant(); }` }, decide)).toBe('app.js:1 test role');
  });

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
