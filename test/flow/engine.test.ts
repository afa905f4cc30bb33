import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import type { Decision, Use } from '../../src/flow/index.js';
import { probe, probeArguments, probeForward, showReads } from './probe.js';

const express = (body: string) => `import express from 'express';\nconst router = express.Router();\nrouter.post('/x', async (req, res) => {\n${body}\n});\n`;

describe('flow engine: sources', () => {
  it('reads request parts through handler parameters, destructuring and locals', () => {
    expect(probe(express(`const { email, password } = req.body; let q = req.query.q; probe(email); probe(password); probe(q); probe(req.get('authorization'));`))).toEqual([
      ['request:body.email'],
      ['request:body.password'],
      ['request:query.q'],
      ['request:headers.authorization'],
    ]);
  });

  it('names a header read by a literal name, lower case as Node.js keeps headers', () => {
    expect(probe(express(`probe(req.get('Origin')); probe(req.header(name)); probe(req.headers.origin);`))).toEqual([['request:headers.origin'], ['request:headers'], ['request:headers.origin']]);
    expect(probe(`export async function GET(request: Request) { probe(request.headers.get('Origin')); probe(request.headers.get(name)); }`, 'app/api/items/route.ts')).toEqual([
      ['request:headers.origin'],
      ['request:headers.[]'],
    ]);
  });

  it('knows Koa and Hono contexts, Next.js requests and NestJS decorators', () => {
    expect(probe(`import Router from '@koa/router';\nconst router = new Router();\nrouter.get('/x', async (ctx) => { probe(ctx.query.q); probe(ctx.request.body); probe(ctx.body); probe(ctx.get('Cookie')); });`)).toEqual([
      ['request:query.q'],
      ['request:body'],
      ['unknown'],
      ['request:headers.cookie'],
    ]);
    expect(probe(`import { Hono } from 'hono';\nconst app = new Hono();\napp.post('/x', async (c) => { probe(await c.req.json()); probe(c.req.valid('json')); probe(c.get('user')); });`)).toEqual([
      ['request:body'],
      ['request:body(validated)'],
      ["call:get(const'user'|request(hono))"],
    ]);
    expect(probe(`export async function GET(request: Request) { const url = new URL(request.url); probe(url.searchParams.get('q')); }`, 'app/api/items/route.ts')).toEqual([['request:query.[]']]);
    expect(probe(`import { Controller, Post, Body, Query } from '@nestjs/common';\n@Controller('x')\nexport class X { @Post() create(@Body() dto: CreateDto, @Query('page') page: string) { probe(dto.name); probe(page); } }`)).toEqual([
      ['request:body.name'],
      ['request:query.page'],
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
      ['text(request:query.q)'],
    ]);
    expect(probe(express(`const ids = req.body.ids.map((id) => Number(id)); probe(ids); const names = req.body.names.filter(Boolean); probe(names[0]);`))).toEqual([
      ['[const]'],
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
    expect(probe(code, 'src/app.ts', showReads)).toEqual([['9', '4,7,9']]);
  });

  it('admits a value an allowlist check guards', () => {
    expect(probe(express(`const sort = req.query.sort; if (!['name', 'date'].includes(sort)) return; probe(sort);`))).toEqual([['const(guarded)']]);
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
});

describe('flow engine: what a parameter receives', () => {
  it('gives the arguments of the calls in the file and in the project files that call the exported function', () => {
    const files = {
      'src/cors.js': `function allow(res, origin) { probe(origin); res.setHeader('X', origin); }\nfunction local(req, res) { allow(res, 'https://a.example'); }\nmodule.exports = { allow };`,
      'src/routes.js': `const { allow } = require('./cors');\nconst express = require('express');\nconst router = express.Router();\nrouter.get('/x', (req, res) => { allow(res, req.headers.origin); });`,
    };
    expect(probeArguments(files, 'src/cors.js')).toEqual([["cors.js:2 const'https://a.example'", 'routes.js:4 request:headers.origin']]);
    // A call that leaves the argument out gives the default.
    expect(probeArguments(`function verify(token, options = { algorithms: ['RS256'] }) { probe(options); }\nverify('a');\nverify('b', opts);`)).toEqual([
      ["app.ts:2 {algorithms:[const'RS256']}", 'app.ts:3 unknown'],
    ]);
  });
});

describe('flow engine: forward', () => {
  it('follows a value into a function another project file exports, a destructured parameter too', () => {
    const files = {
      'src/auth.js': `const { attach, lookup } = require('./session');\nfunction check(token) { const claims = start(decode(token)); attach(claims); lookup(claims); }`,
      'src/session.js': `exports.attach = (claims) => { const id = claims.sub; sink(id); };\nexports.lookup = ({ sub, role }) => sink(role);`,
    };
    expect(probeForward(files)).toEqual(['session.js:1 sub']);
    const destructured = { ...files, 'src/auth.js': files['src/auth.js'].replace('attach(claims);', '') };
    expect(probeForward(destructured)).toEqual(['session.js:2 role']);
  });

  it('drops a local once a later write replaces it, as valueOf does', () => {
    expect(probeForward(`function load(token, session) { let id = start(decode(token)).sub; id = session.userId; sink(id); }`)).toEqual(['none']);
    expect(probeForward(`function load(token, session) { let id = start(decode(token)).sub; if (session) { id = session.userId; } sink(id); }`)).toEqual(['app.ts:1 sub']);
  });

  it('follows each part of a value that reaches the same expression', () => {
    // A test goes on through the `&&` to the `if`: the whole claims get there first, then `role`.
    const decide = (use: Use): Decision => (use.kind !== 'test' ? undefined : use.at.type === AST_NODE_TYPES.IfStatement ? (use.path.includes('role') ? 'sink' : undefined) : 'through');
    expect(probeForward(`function check(token) { const claims = start(decode(token)); if (claims && claims.role === 'admin') grant(); }`, 'src/app.ts', decide)).toEqual(['app.ts:1 role']);
  });
});
