import tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-sensitive-response.js';
import { ISSUING_ROUTE_PATTERN, RETURNING_ALL, SELECT_ALL_FROM, WRITE_TABLE } from '../../src/catalog/responses.js';
import { slowInputs } from '../linear-time.js';

const ruleTester = new RuleTester();
// Typed cases run outside the root tsconfig's `include`, so the project service uses a default project.
const typedTester = new RuleTester({
  languageOptions: {
    parserOptions: {
      projectService: { allowDefaultProject: ['*.ts'] },
      tsconfigRootDir: new URL('../../fixtures/no-sensitive-response/', import.meta.url).pathname,
    },
  },
});

const express = "import express from 'express';\nconst router = express.Router();\n";
const passwordAdvice = 'Passwords and their hashes and salts never leave the server: drop the field.';
const tokenAdvice =
  'Tokens belong only in the response of the route that issues them (login, refresh, OAuth callback): drop the field, or list the route in `authRoutes`.';
const secretAdvice = 'Keys and secrets are shown once, by the POST route that creates them, and never again: drop the field or send a masked preview.';
const deliveryAdvice =
  'Reset, verification and one-time codes go to the mailbox or phone of the user; returning them lets anyone take over the account. Drop the field.';

// rule-tester pins its own copy of @typescript-eslint/utils, whose types differ only nominally.
ruleTester.run('no-sensitive-response', rule as never, {
  valid: [
    {
      name: 'the login route issues tokens',
      code: `${express}router.post('/auth/login', async (req, res) => { res.json({ accessToken: sign(req.user), refreshToken: await issue(req.user) }); });`,
    },
    {
      name: 'a Next.js route folder that issues tokens',
      code: "import { NextResponse } from 'next/server';\nexport async function POST() { const tokens = await login(); return NextResponse.json({ accessToken: tokens.access }); }",
      filename: 'app/api/auth/refresh/route.ts',
    },
    {
      name: 'the POST route that creates an API key shows it once',
      code: `${express}router.post('/api-keys', async (req, res) => { const apiKey = await createKey(req.user); res.status(201).json({ apiKey }); });`,
    },
    {
      name: 'authRoutes adds a route that issues tokens',
      code: `${express}router.post('/oauth2/exchange', async (req, res) => { res.json({ token: await exchange(req.body.code) }); });`,
      options: [{ authRoutes: ['/oauth2/exchange'] }],
    },
    {
      name: 'a projection chooses the fields',
      code: `import { prisma } from './db';\n${express}router.get('/users/:id', async (req, res) => { res.json(await prisma.user.findUnique({ where: { id: req.params.id }, select: { id: true, name: true } })); });`,
    },
    {
      name: 'explicit columns in SQL',
      code: `import { pool } from './db';\n${express}router.get('/users', async (req, res) => { const { rows } = await pool.query('SELECT id, name FROM users'); res.json(rows); });`,
    },
    {
      name: 'a record of an entity that holds no credentials',
      code: `import { Post } from './models';\n${express}router.get('/posts/:id', async (req, res) => { res.json(await Post.findById(req.params.id)); });`,
    },
    {
      name: 'mapped to a DTO',
      code: `import { User } from './models';\n${express}router.get('/users/:id', async (req, res) => { const user = await User.findById(req.params.id); res.json(toDto(user)); });`,
    },
    {
      name: 'flags, counts, timestamps, policies and public tokens',
      code: `${express}router.get('/me', (req, res) => { res.json({ hasPassword: true, passwordChangedAt: req.user.passwordChangedAt, passwordPolicy: 'strong', csrfToken: req.csrfToken(), nextPageToken: req.query.after, tokenCount: 3 }); });`,
    },
    {
      name: 'allowedFields exempts a name',
      code: `${express}router.get('/lexer', (req, res) => { res.json({ tokens: lex(req.query.q) }); });`,
      options: [{ allowedFields: ['tokens'] }],
    },
    {
      name: 'a masked key',
      code: `${express}router.get('/keys/:id', async (req, res) => { const key = await loadKey(req.params.id); res.json({ apiKey: maskKey(key.value) }); });`,
    },
    {
      name: 'a secret removed by rest destructuring',
      code: `import { pool } from './db';\n${express}router.get('/users/:id', async (req, res) => { const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]); const { password_hash, ...user } = rows[0]; res.json(user); });`,
    },
    {
      name: 'a model in the same file hides the hash',
      code: `import mongoose from 'mongoose';\n${express}const User = mongoose.model('User', new mongoose.Schema({ email: String, passwordHash: { type: String, select: false } }));\nrouter.get('/users/:id', async (req, res) => { res.json(await User.findById(req.params.id)); });`,
    },
    {
      name: 'ClassSerializerInterceptor applies @Exclude() to returned entities',
      code: "import { ClassSerializerInterceptor, Controller, Get, UseInterceptors } from '@nestjs/common';\n@Controller('users')\n@UseInterceptors(ClassSerializerInterceptor)\nexport class C { constructor(private readonly usersRepository: any) {}\n  @Get() list() { return this.usersRepository.find(); } }",
    },
    {
      name: 'userModels: an entity the rule does not know is not reported without the option',
      code: `import { Person } from './models';\n${express}router.get('/people/:id', async (req, res) => { res.json(await Person.findById(req.params.id)); });`,
    },
    {
      name: 'a handler named after creating the secret',
      code: `${express}export async function rotateSecret(req, res) { res.json({ secret: await rotate(req.params.id) }); }\nrouter.post('/webhooks/:id/rotate', rotateSecret);`,
    },
    {
      name: 'a secret outside any response',
      code: `${express}router.post('/users', async (req, res) => { await db.insert({ passwordHash: await hash(req.body.password) }); res.sendStatus(201); });`,
    },
  ],
  invalid: [
    {
      name: 'a password hash, with the field, what it holds, the response and a removal suggestion',
      code: `${express}router.post('/users', async (req, res) => { const passwordHash = await hash(req.body.password); res.status(201).json({ id: 1, passwordHash }); });`,
      errors: [
        {
          messageId: 'sensitiveField',
          data: { field: 'passwordHash', what: 'a password hash', response: '`res.status(201).json`', advice: passwordAdvice },
          suggestions: [
            {
              messageId: 'removeField',
              data: { field: 'passwordHash' },
              output: `${express}router.post('/users', async (req, res) => { const passwordHash = await hash(req.body.password); res.status(201).json({ id: 1 }); });`,
            },
          ],
        },
      ],
    },
    {
      name: 'a token outside an auth route',
      code: `${express}router.get('/users/:id/sessions', async (req, res) => { const s = await load(req.params.id); res.json({ refreshToken: s.refreshToken, id: s.id }); });`,
      errors: [
        {
          messageId: 'sensitiveField',
          data: { field: 'refreshToken', what: 'a token', response: '`res.json`', advice: tokenAdvice },
          suggestions: [
            {
              messageId: 'removeField',
              data: { field: 'refreshToken' },
              output: `${express}router.get('/users/:id/sessions', async (req, res) => { const s = await load(req.params.id); res.json({ id: s.id }); });`,
            },
          ],
        },
      ],
    },
    {
      name: 'a reset token, even on an auth route',
      code: `${express}router.post('/auth/forgot-password', async (req, res) => { const resetToken = await createReset(req.body.email); res.json({ sent: true, resetToken }); });`,
      errors: [
        {
          messageId: 'sensitiveField',
          data: { field: 'resetToken', what: 'a token meant for the mailbox or phone of the user', response: '`res.json`', advice: deliveryAdvice },
          suggestions: [
            {
              messageId: 'removeField',
              data: { field: 'resetToken' },
              output: `${express}router.post('/auth/forgot-password', async (req, res) => { const resetToken = await createReset(req.body.email); res.json({ sent: true }); });`,
            },
          ],
        },
      ],
    },
    {
      name: 'an API key on a GET route',
      code: `${express}router.get('/api-keys/:id', async (req, res) => { const key = await loadKey(req.params.id); res.json({ apiKey: key.value }); });`,
      errors: [
        {
          messageId: 'sensitiveField',
          data: { field: 'apiKey', what: 'an API key', response: '`res.json`', advice: secretAdvice },
          suggestions: [
            {
              messageId: 'removeField',
              data: { field: 'apiKey' },
              output: `${express}router.get('/api-keys/:id', async (req, res) => { const key = await loadKey(req.params.id); res.json({}); });`,
            },
          ],
        },
      ],
    },
    {
      name: 'without authRoutes, the exchange route is not known to issue tokens',
      code: `${express}router.post('/oauth2/exchange', async (req, res) => { res.json({ token: await exchange(req.body.code) }); });`,
      errors: [
        {
          messageId: 'sensitiveField',
          data: { field: 'token', what: 'a token', response: '`res.json`', advice: tokenAdvice },
          suggestions: [
            { messageId: 'removeField', data: { field: 'token' }, output: `${express}router.post('/oauth2/exchange', async (req, res) => { res.json({}); });` },
          ],
        },
      ],
    },
    {
      name: 'a bare hash read from a user record',
      code: `${express}router.get('/users/:id/debug', async (req, res) => { const user = await loadUser(req.params.id); res.json({ hash: user.hash }); });`,
      errors: [{ messageId: 'sensitiveField', data: { field: 'hash', what: 'a password hash', response: '`res.json`', advice: passwordAdvice }, suggestions: [{ messageId: 'removeField', data: { field: 'hash' }, output: `${express}router.get('/users/:id/debug', async (req, res) => { const user = await loadUser(req.params.id); res.json({}); });` }] }],
    },
    {
      name: 'sensitiveFields adds a name that is never sent',
      code: `${express}router.get('/cards/:id', async (req, res) => { const card = await load(req.params.id); res.json({ last4: card.last4, pinHash: card.pinHash }); });`,
      options: [{ sensitiveFields: ['pinHash'] }],
      errors: [
        {
          messageId: 'sensitiveField',
          data: { field: 'pinHash', what: 'a value listed in `sensitiveFields`', response: '`res.json`', advice: 'Drop the field.' },
          suggestions: [
            {
              messageId: 'removeField',
              data: { field: 'pinHash' },
              output: `${express}router.get('/cards/:id', async (req, res) => { const card = await load(req.params.id); res.json({ last4: card.last4 }); });`,
            },
          ],
        },
      ],
    },
    {
      name: 'a whole Mongoose record',
      code: `import { User } from './models';\n${express}router.get('/users/:id', async (req, res) => { const user = await User.findById(req.params.id); res.json(user); });`,
      errors: [
        {
          messageId: 'wholeRecord',
          line: 4,
          data: { value: 'user', model: 'User', query: 'User.findById(req.params.id)', response: '`res.json`' },
        },
      ],
    },
    {
      name: 'a whole Prisma record in an object, on a login route',
      code: `import { prisma } from './db';\n${express}router.post('/login', async (req, res) => { const user = await prisma.user.findUnique({ where: { email: req.body.email } }); res.json({ token: sign(user), user }); });`,
      errors: [
        {
          messageId: 'wholeRecord',
          data: { value: 'user', model: 'user', query: 'prisma.user.findUnique({ where: { email: req....', response: '`res.json`' },
        },
      ],
    },
    {
      name: 'SELECT * rows of a users table',
      code: `import { pool } from './db';\n${express}router.get('/users', async (req, res) => { const { rows } = await pool.query('SELECT * FROM users'); res.json(rows); });`,
      errors: [{ messageId: 'wholeRecord', data: { value: 'rows', model: 'users', query: "pool.query('SELECT * FROM users')", response: '`res.json`' } }],
    },
    {
      name: 'INSERT ... RETURNING * into an accounts table, sent by Koa',
      code: "import { pool } from './db';\nexport async function create(ctx) { const { rows: [account] } = await pool.query('INSERT INTO accounts (email) VALUES ($1) RETURNING *', [ctx.request.body.email]); ctx.body = account; }",
      errors: [{ messageId: 'wholeRecord', data: { value: 'account', model: 'accounts', query: "pool.query('INSERT INTO accounts (email) VALU...", response: '`ctx.body`' } }],
    },
    {
      name: 'a knex row without columns, sent by Hono',
      code: "import { Hono } from 'hono';\nimport { db } from './db';\nconst app = new Hono();\napp.get('/members/:id', async (c) => c.json(await db('members').where({ id: c.req.param('id') }).first()));",
      errors: [{ messageId: 'wholeRecord', data: { value: "db('members').where({ id: c.req.param('id') }...", model: 'members', query: "db('members').where({ id: c.req.param('id') }...", response: '`c.json`' } }],
    },
    {
      name: 'a TypeORM repository result returned by a NestJS route',
      code: "import { Controller, Get, Param } from '@nestjs/common';\n@Controller('users')\nexport class C { constructor(private readonly usersRepository: any) {}\n  @Get(':id') one(@Param('id') id: string) { return this.usersRepository.findOneBy({ id }); } }",
      errors: [{ messageId: 'wholeRecord', data: { value: 'this.usersRepository.findOneBy({ id })', model: 'users', query: 'this.usersRepository.findOneBy({ id })', response: 'the NestJS route `one()`' } }],
    },
    {
      name: "Mongoose select('+passwordHash') adds the hash back",
      code: `import { User } from './models';\n${express}router.get('/users/:id', async (req, res) => { res.json(await User.findById(req.params.id).select('+passwordHash')); });`,
      errors: [{ messageId: 'wholeRecord' }],
    },
    {
      name: 'rows of SELECT * iterated with for...of',
      code: `import { pool } from './db';\n${express}router.get('/export', async (req, res) => { const { rows } = await pool.query('SELECT u.* FROM users u'); for (const row of rows) res.write(JSON.stringify(row)); res.end(); });`,
      errors: [{ messageId: 'wholeRecord', data: { value: 'row', model: 'users', query: "pool.query('SELECT u.* FROM users u')", response: '`res.write`' } }],
    },
    {
      name: 'a MongoDB driver document spread into the response',
      code: `import { db } from './mongo';\n${express}router.get('/me', async (req, res) => { const user = await db.collection('users').findOne({ _id: req.user.id }); res.json({ ...user, online: true }); });`,
      errors: [{ messageId: 'wholeRecord', data: { value: 'user', model: 'users', query: "db.collection('users').findOne({ _id: req.use...", response: '`res.json`' } }],
    },
    {
      name: 'userModels adds an entity',
      code: `import { Person } from './models';\n${express}router.get('/people/:id', async (req, res) => { res.json(await Person.findById(req.params.id)); });`,
      options: [{ userModels: ['Person'] }],
      errors: [{ messageId: 'wholeRecord', data: { value: 'Person.findById(req.params.id)', model: 'Person', query: 'Person.findById(req.params.id)', response: '`res.json`' } }],
    },
  ],
});

typedTester.run('no-sensitive-response with types', rule as never, {
  valid: [
    {
      name: 'a type without secrets',
      code: "interface PublicUser { id: string; name: string }\ndeclare const res: { json(body: unknown): void };\nexport function show(user: PublicUser) { res.json(user); }",
    },
    {
      name: 'checkTypes: false ignores the type',
      code: "interface User { id: string; passwordHash: string }\ndeclare const res: { json(body: unknown): void };\nexport function show(user: User) { res.json(user); }",
      options: [{ checkTypes: false }],
    },
  ],
  invalid: [
    {
      name: 'a value whose type has a password hash, nested in an array and an object',
      code: "interface User { id: string; passwordHash: string }\ndeclare const res: { json(body: unknown): void };\nexport function list(users: User[]) { res.json({ data: users }); }",
      errors: [
        {
          messageId: 'sensitiveType',
          data: { value: 'users', type: 'User[]', field: 'passwordHash', what: 'a password hash', response: '`res.json`' },
        },
      ],
    },
  ],
});

describe('regular expressions run in linear time on 100 KB adversarial input', () => {
  const SIZE = 100_000;
  const inputs: Record<string, string> = {
    letters: 'a'.repeat(SIZE),
    spaces: `select${' '.repeat(SIZE)}x`,
    selects: 'select * from '.repeat(SIZE / 14),
    selectIdents: `select ${'a'.repeat(SIZE)}`,
    qualified: `select * from ${'a.'.repeat(SIZE / 2)}`,
    quoted: `select * from ${'"a".'.repeat(SIZE / 4)}`,
    updates: 'update '.repeat(SIZE / 7),
    inserts: `insert into ${'x '.repeat(SIZE / 2)}`,
    returning: `insert into users ${'returning '.repeat(SIZE / 10)}`,
    routes: '/api-keys-'.repeat(SIZE / 10),
    enrol: `/${'enrol'.repeat(SIZE / 5)}`,
  };
  const patterns: Record<string, RegExp> = { SELECT_ALL_FROM, WRITE_TABLE, RETURNING_ALL, ISSUING_ROUTE_PATTERN };
  it.each(Object.keys(patterns))('%s', (name) => {
    expect(slowInputs(inputs, (input) => patterns[name]!.test(input))).toEqual([]);
  });

  it('the rule handles 100 KB SQL text, long names and long selects in time', () => {
    const code = [
      "import express from 'express';",
      "import { pool } from './db';",
      'const router = express.Router();',
      `router.get('/users', async (req, res) => { const { rows } = await pool.query('SELECT * FROM users ${'WHERE '.repeat(SIZE / 6)}'); res.json(rows); });`,
      `router.get('/x', async (req, res) => { const { rows } = await pool.query('select ${' '.repeat(SIZE)}'); res.json({ ${'a'.repeat(SIZE)}Token: rows }); });`,
      `router.get('/y', async (req, res) => { res.json(await User.findOne({}).select('${'+'.repeat(SIZE)}')); });`,
    ].join('\n');
    const linter = new Linter({ configType: 'flat' });
    const started = performance.now();
    const messages = linter.verify(code, [{ files: ['**/*.ts'], plugins: { persona: { rules: { 'no-sensitive-response': rule } } as never }, languageOptions: { parser: tsParser as never }, rules: { 'persona/no-sensitive-response': 'error' } }], { filename: 'long.ts' });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(messages.map((message) => [message.line, message.messageId])).toEqual([
      [4, 'wholeRecord'],
      [5, 'sensitiveField'],
    ]);
  });
});
