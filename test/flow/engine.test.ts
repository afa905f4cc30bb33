import { describe, expect, it } from 'vitest';
import { callerValues, probe, texts } from './probe.js';

const express = (body: string) => `import express from 'express';\nconst router = express.Router();\nrouter.post('/x', async (req, res) => {\n${body}\n});\n`;

describe('flow engine: sources', () => {
  it('reads request parts through handler parameters, destructuring and locals', () => {
    expect(probe(express(`const { email, password } = req.body; let q = req.query.q; probe(email); probe(password); probe(q); probe(req.get('authorization'));`))).toEqual([
      ['request:body.email'],
      ['request:body.password'],
      ['request:query.q'],
      ['request:headers'],
    ]);
  });

  it('knows Koa and Hono contexts, Next.js requests and NestJS decorators', () => {
    expect(probe(`import Router from '@koa/router';\nconst router = new Router();\nrouter.get('/x', async (ctx) => { probe(ctx.query.q); probe(ctx.request.body); probe(ctx.body); probe(ctx.get('Cookie')); });`)).toEqual([
      ['request:query.q'],
      ['request:body'],
      ['unknown'],
      ['request:headers'],
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

  it('reads a string built up in steps, each read inside a write seeing the writes before it', () => {
    expect(probe(express(`let sql = 'SELECT id FROM users WHERE 1 = 1'; if (req.query.name) sql += ' AND name = ' + req.query.name; sql = sql + ' LIMIT 10'; probe(sql);`))).toEqual([
      // Without the condition, or with it: both texts, each followed by the limit.
      ["text(const' LIMIT 10'|const'SELECT id FROM users WHERE 1 = 1'|text(const'SELECT id FROM users WHERE 1 = 1'|text(const' AND name = '|request:query.name)))"],
    ]);
    expect(probe(express(`let list = req.body.ids; list = list.filter(Boolean); probe(list);`))).toEqual([['[request:body.ids.[]]']]);
  });

  it('reads the texts a value may be, with a hole for each part that is not a constant', () => {
    expect(
      probe(
        express(`const TABLE = 'users';\nconst sql = "SELECT id FROM " + TABLE + " WHERE name = '" + req.body.name + "' AND password = '" + req.body.password + "'";\nprobe(sql);\nlet where = 'active = 1';\nif (req.query.q) where = \`name LIKE '%\${req.query.q}%'\`;\nprobe(where);`),
        undefined,
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

  it('admits a value an allowlist check guards', () => {
    expect(probe(express(`const sort = req.query.sort; if (!['name', 'date'].includes(sort)) return; probe(sort);`))).toEqual([['const(guarded)']]);
  });

  it('folds numbers the code spells out', () => {
    expect(probe(`const ROUNDS = 8;\nconst OPTIONS = { N: 1 << 15 };\nprobe(2 ** 14); probe(ROUNDS + 2); probe(-ROUNDS); probe(OPTIONS.N); probe(256 * 1024 * 1024); probe(ROUNDS * unknown); probe('a' + 1);`)).toEqual([
      ['const=16384'],
      ['const=10'],
      ['const=-8'],
      ['const=32768'],
      ['const=268435456'],
      ['const'],
      ["text(const'a'|const=1)"],
    ]);
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
  it('gives what the callers of a helper pass for its parameter, in this file and in the files that import it', () => {
    const files = {
      'src/model/auth.js': `function doAuth(name, password) { probe(password); return db.one("SELECT 1 FROM users WHERE password = '" + password + "'"); }\nmodule.exports = doAuth;\ndoAuth('admin', 'letmein');`,
      'package.json': '{}',
      'src/routes/login.js': `const express = require('express');\nconst auth = require('../model/auth');\nconst router = express.Router();\nrouter.post('/login', (req, res) => auth(req.body.username, req.body.password));`,
    };
    expect(probe(files, undefined, callerValues)).toEqual([["const'letmein'", 'request:body.password@login.js']]);
    expect(probe(`export function check(user) { probe(user.password); }`, 'src/check.js', callerValues)).toEqual([[]]);
  });

  it('reads values and function results other project files export', () => {
    const files = {
      'src/routes.js': `const config = require('./config');\nconst { likeTerm } = require('./helpers');\nconst express = require('express');\nconst router = express.Router();\nrouter.get('/x', (req, res) => { probe(config.jwtSecret); probe(likeTerm(req.query.q)); });`,
      'src/config.js': `module.exports = { jwtSecret: process.env.JWT_SECRET || 'dev-secret' };`,
      'src/helpers.js': `exports.likeTerm = (term) => '%' + term + '%';`,
    };
    expect(probe(files)).toEqual([["const'dev-secret'@config.js", 'env.JWT_SECRET@config.js'], ["text(const'%'@helpers.js|text(const'%'@helpers.js|request:query.q))"]]);
  });
});
