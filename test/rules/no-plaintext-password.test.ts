import { readFileSync } from 'node:fs';
import tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule, { passwordBindings, passwordNameClass } from '../../rules/no-plaintext-password.js';
import { mentionsPassword } from '../../src/catalog/passwords.js';

const ruleTester = new RuleTester();

const express = "import express from 'express';\nimport { User } from './models';\nconst router = express.Router();\n";

// rule-tester pins its own copy of @typescript-eslint/utils, whose types differ only nominally.
ruleTester.run('no-plaintext-password', rule as never, {
  valid: [
    {
      name: "a model whose password setter hashes: a Sequelize attribute's set(), a class setter",
      code: [
        "import express from 'express';",
        "import bcrypt from 'bcrypt';",
        "import { DataTypes, Model } from 'sequelize';",
        'class Account extends Model {}',
        "Account.init({ password: { type: DataTypes.STRING, set(value) { this.setDataValue('password', bcrypt.hashSync(value, 12)); } } }, { sequelize: undefined });",
        'class Member { set password(plain) { this.passwordHash = bcrypt.hashSync(plain, 12); } }',
        'const router = express.Router();',
        "router.post('/accounts', async (req, res) => res.json(await Account.create({ password: req.body.password })));",
        "router.post('/members', async (req, res) => res.json(await Member.create({ password: req.body.password })));",
      ].join('\n'),
    },
    {
      name: 'a hash through a local is stored',
      code: `${express}import bcrypt from 'bcrypt';\nrouter.post('/signup', async (req, res) => {\n  const hash = await bcrypt.hash(req.body.password, 12);\n  await User.create({ email: req.body.email, password: hash });\n  res.sendStatus(201);\n});`,
    },
    {
      name: 'bcrypt.compare, a length check and a confirmation check',
      code: `${express}import bcrypt from 'bcrypt';\nrouter.post('/login', async (req, res) => {\n  const { password, passwordConfirm } = req.body;\n  if (password.length < 12 || password !== passwordConfirm) return res.sendStatus(400);\n  const user = await User.findOne({ email: req.body.email });\n  res.json({ ok: await bcrypt.compare(password, user.passwordHash) });\n});`,
    },
    {
      name: 'hashFunctions names an in-house hasher',
      code: `${express}import { seal } from './vault';\nrouter.post('/signup', async (req, res) => {\n  await User.create({ email: req.body.email, password: await seal(req.body.password) });\n  res.sendStatus(201);\n});`,
      options: [{ hashFunctions: ['seal'] }],
    },
    {
      name: 'hashingModels: a model whose hooks hash in another file',
      code: `${express}router.post('/signup', async (req, res) => {\n  await User.create({ email: req.body.email, password: req.body.password });\n  res.sendStatus(201);\n});`,
      options: [{ hashingModels: ['User'] }],
    },
    {
      name: 'a model that is not a user record (a mail account needs its password readable)',
      code: "import { MailAccount } from './models';\nexport const save = async (req: any) => MailAccount.create({ host: req.body.host, password: req.body.password });",
    },
    {
      name: 'a timingSafeEqual of a configured secret is the right way',
      code: "import { timingSafeEqual } from 'node:crypto';\nexport const ok = (req: any) => timingSafeEqual(Buffer.from(String(req.body.password)), Buffer.from(process.env.ADMIN_PASSWORD!));",
    },
    {
      name: 'a literal password in a test file (ignoreTestFiles, the default)',
      code: "import { User } from '../src/models';\nexport const seed = () => User.create({ email: 'a@example.com', password: 'test-pass-1' });",
      filename: 'test/users.spec.ts',
    },
    {
      name: 'empty, masked and already hashed literals are not passwords',
      code: "import { User } from './models';\nexport const seed = async () => {\n  await User.create({ email: 'sso@example.com', password: '' });\n  await User.create({ email: 'x@example.com', password: '********' });\n  await User.create({ email: 'y@example.com', password: '$2b$12$C6UzMDM.H6dfI/f/IKcEeO5mDWLp9N6hdB1UeQyFqbP3xvzGzsP0e' });\n};",
    },
    {
      name: 'a body whose password was replaced by its hash on every path',
      code: `${express}import bcrypt from 'bcrypt';\nrouter.post('/signup', async (req, res) => {\n  req.body.password = await bcrypt.hash(req.body.password, 12);\n  await User.create(req.body);\n  res.sendStatus(201);\n});`,
    },
  ],
  invalid: [
    {
      name: "a document's or an instance's field set to the password: set('password', value), setDataValue",
      code: `${express}router.put('/me/password', async (req, res) => {\n  const user = await User.findByPk(req.user.id);\n  user.set('password', req.body.password);\n  user.setDataValue('password', req.body.newPassword);\n  user.set('passwordChangedAt', new Date());\n  await user.save();\n  res.sendStatus(204);\n});`,
      errors: [
        { messageId: 'plaintextStored', data: { value: 'req.body.password', origin: 'from the request', sink: '`user.set` (field `password`)' }, line: 6 },
        { messageId: 'plaintextStored', data: { value: 'req.body.newPassword', origin: 'from the request', sink: '`user.setDataValue` (field `password`)' }, line: 7 },
      ],
    },
    {
      name: "a setter of another model, or one that does not hash, does not cover a write",
      code: [
        "import express from 'express';",
        "import mongoose from 'mongoose';",
        "import bcrypt from 'bcrypt';",
        'const hashPassword = (plain) => bcrypt.hashSync(plain, 12);',
        "const Admin = mongoose.model('Admin', new mongoose.Schema({ password: { type: String, set: (value) => value.trim() } }));",
        'const CustomerSchema = new mongoose.Schema({ password: { type: String, set: hashPassword } });',
        "const Customer = mongoose.model('Customer', CustomerSchema);",
        'const router = express.Router();',
        "router.post('/admins', async (req, res) => res.json(await Admin.create({ password: req.body.password })));",
        "router.post('/customers', async (req, res) => res.json(await Customer.create({ password: req.body.password })));",
      ].join('\n'),
      errors: [{ messageId: 'plaintextStored', line: 9 }],
    },
    {
      name: 'a request password stored by an ORM create: the message names the value and the sink',
      code: `${express}router.post('/signup', async (req, res) => {\n  await User.create({ email: req.body.email, password: req.body.password });\n  res.sendStatus(201);\n});`,
      errors: [
        {
          messageId: 'plaintextStored',
          line: 5,
          data: { value: 'req.body.password', origin: 'from the request', sink: '`User.create` (field `password`)' },
        },
      ],
    },
    {
      name: 'a destructured body field reaching a Prisma create',
      code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport async function signup(req: any) {\n  const { email, password } = req.body;\n  await prisma.user.create({ data: { email, password } });\n}",
      errors: [{ messageId: 'plaintextStored', line: 5, data: { value: 'password', origin: 'from the request', sink: '`prisma.user.create` (field `password`)' } }],
    },
    {
      name: 'userModels adds a user model',
      code: "import { Subscriber } from './models';\nexport const join = async (req: any) => Subscriber.create({ email: req.body.email, password: req.body.password });",
      options: [{ userModels: ['Subscriber'] }],
      errors: [{ messageId: 'plaintextStored', data: { value: 'req.body.password', origin: 'from the request', sink: '`Subscriber.create` (field `password`)' } }],
    },
    {
      name: 'hashFunctions does not exempt other functions',
      code: `${express}import { trimmed } from './text';\nrouter.post('/signup', async (req, res) => {\n  await User.create({ password: trimmed(req.body.password) ?? req.body.password });\n});`,
      options: [{ hashFunctions: ['seal'] }],
      errors: [{ messageId: 'plaintextStored', data: { value: 'trimmed(req.body.password) ?? req.body.password', origin: 'from the request', sink: '`User.create` (field `password`)' } }],
    },
    {
      name: 'hashingModels only exempts the listed model',
      code: "import { Admin } from './models';\nexport const add = async (req: any) => Admin.create({ password: req.body.password });",
      options: [{ hashingModels: ['User'] }],
      errors: [{ messageId: 'plaintextStored' }],
    },
    {
      name: 'the whole request body spread into a user record',
      code: `${express}router.post('/signup', async (req, res) => {\n  await User.create({ ...req.body, role: 'member' });\n});`,
      errors: [
        { messageId: 'bodyStored', data: { value: '...req.body', sink: '`User.create`' } },
      ],
    },
    {
      name: 'a stored password compared with ===',
      code: `${express}router.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: req.body.email });\n  if (user.password === req.body.password) res.sendStatus(204);\n});`,
      errors: [
        {
          messageId: 'plaintextCompared',
          line: 6,
          data: { expression: 'user.password === req.body.password', stored: 'the stored password `user.password`' },
        },
      ],
    },
    {
      name: 'a configured secret compared with !==',
      code: 'export function basicAuth(pass: string) {\n  if (pass !== process.env.METRICS_PASSWORD) throw new Error("unauthorized");\n}',
      errors: [{ messageId: 'plaintextCompared', data: { expression: 'pass !== process.env.METRICS_PASSWORD', stored: 'the configured secret `process.env.METRICS_PASSWORD`' } }],
    },
    {
      name: 'an account looked up by its password',
      code: `${express}router.post('/login', async (req, res) => {\n  res.json(await User.findOne({ email: req.body.email, password: req.body.password }));\n});`,
      errors: [
        { messageId: 'plaintextLookup', data: { value: 'req.body.password', origin: 'from the request', sink: '`User.findOne`' } },
      ],
    },
    {
      name: 'raw SQL INSERT with the password among the values',
      code: "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function signup(req: any) {\n  const { email, password } = req.body;\n  await pool.query('INSERT INTO users (email, password) VALUES ($1, $2)', [email, password]);\n}",
      errors: [{ messageId: 'plaintextStored', line: 5, data: { value: 'password', origin: 'from the request', sink: 'the SQL `INSERT INTO users` (column `password`)' } }],
    },
    {
      name: 'a password interpolated into a WHERE clause',
      code: "import { Pool } from 'pg';\nconst pool = new Pool();\nexport const login = (req: any) => pool.query(`SELECT id FROM users WHERE email = $1 AND password = '${req.body.password}'`, [req.body.email]);",
      errors: [{ messageId: 'plaintextLookup', data: { value: 'req.body.password', origin: 'from the request', sink: '`pool.query` with the SQL `SELECT ... FROM users` (column `password`)' } }],
    },
    {
      name: 'a literal password seeded into a user record',
      code: "import { User } from './models';\nexport const seed = () => User.create({ email: 'admin@example.com', password: 'changeme' });",
      errors: [{ messageId: 'plaintextStored', data: { value: "'changeme'", origin: 'a literal written in the code', sink: '`User.create` (field `password`)' } }],
    },
    {
      name: 'ignoreTestFiles: false reports literal passwords in test files',
      code: "import { User } from '../src/models';\nexport const seed = () => User.create({ email: 'a@example.com', password: 'test-pass-1' });",
      filename: 'test/users.spec.ts',
      options: [{ ignoreTestFiles: false }],
      errors: [{ messageId: 'plaintextStored' }],
    },
    {
      name: 'a body hashed in one branch only is stored plain on the other',
      code: `${express}import bcrypt from 'bcrypt';\nrouter.post('/signup', async (req, res) => {\n  if (req.query.secure) req.body.password = await bcrypt.hash(req.body.password, 12);\n  await User.create(req.body);\n});`,
      errors: [{ messageId: 'bodyStored', line: 7 }],
    },
    {
      name: 'a MongoDB $where comparing the stored password with the request',
      code: "import { MongoClient } from 'mongodb';\nconst db = new MongoClient('mongodb://db').db('app');\nexport const unlock = (req: any) => db.collection('users').find({ $where: \"this.password == '\" + req.body.password + \"'\" });",
      errors: [
        {
          messageId: 'plaintextLookup',
          data: { value: 'req.body.password', origin: 'from the request', sink: "`db.collection('users').find` with `$where` comparing `this.password`" },
        },
      ],
    },
    {
      name: 'SQL concatenated before the call, with a helper parameter named password',
      code: "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function login(name: string, password: string) {\n  const sql = \"SELECT id FROM users WHERE name = '\" + name + \"' AND password = '\" + password + \"'\";\n  return pool.query(sql);\n}",
      errors: [
        {
          messageId: 'plaintextLookup',
          line: 5,
          data: { value: 'password', origin: 'the parameter `password` of `login`', sink: '`pool.query` with the SQL `SELECT ... FROM users` (column `password`)' },
        },
      ],
    },
    {
      name: 'a helper comparing the field of the record its caller passes with the password it passes',
      code: `${express}function matches(user, password) {\n  return user.password === password;\n}\nrouter.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: req.body.email });\n  res.json({ ok: matches(user, req.body.password) });\n});`,
      errors: [{ messageId: 'plaintextCompared', line: 5, data: { expression: 'user.password === password', stored: 'the stored password `user.password`' } }],
    },
    {
      name: 'assigned to a user record',
      code: `${express}router.post('/reset', async (req, res) => {\n  const user = await User.findById(req.body.id);\n  user.password = req.body.password;\n  await user.save();\n});`,
      errors: [{ messageId: 'plaintextStored', line: 6, data: { value: 'req.body.password', origin: 'from the request', sink: 'the assignment to `user.password`' } }],
    },
  ],
});

describe('messages across files', () => {
  it('name the file and line a password comes from', () => {
    const file = 'fixtures/no-plaintext-password/user-repository.js';
    const messages = new Linter({ configType: 'flat' }).verify(
      readFileSync(file, 'utf8'),
      [{ files: ['**/*.js'], plugins: { persona: { rules: { 'no-plaintext-password': rule } } as never }, languageOptions: { parser: tsParser as never }, rules: { 'persona/no-plaintext-password': 'error' } }],
      { filename: file },
    );
    expect(messages.map((message) => `${message.line}: ${/\(from the request at `([^`]+)`\)/u.exec(message.message)?.[1]}`)).toEqual([
      '7: fixtures/no-plaintext-password/users-sql-routes.js:9',
      '18: fixtures/no-plaintext-password/users-sql-routes.js:21',
      '30: fixtures/no-plaintext-password/users-sql-routes.js:35',
    ]);
  });
});

describe('password names', () => {
  it.each([
    ['password', 'plain'],
    ['newPassword', 'plain'],
    ['pass', 'plain'],
    ['passwordHash', 'hash'],
    ['hashed_password', 'hash'],
    ['passwordConfirm', 'confirm'],
    ['password2', 'confirm'],
    ['passwordChangedAt', 'meta'],
    ['mustChangePassword', 'meta'],
    ['passwordResetToken', 'meta'],
    ['smtpPassword', 'service'],
    ['basicAuthPass', 'service'],
    ['passport', undefined],
    ['bypass', undefined],
  ])('%s is %s', (name, expected) => {
    expect(passwordNameClass(name)).toBe(expected);
  });

  it('finds password columns and their placeholders in SQL', () => {
    expect(passwordBindings('INSERT INTO users (email, password) VALUES (?, ?)')).toEqual([
      { statement: 'INSERT INTO', table: 'users', column: 'password', kind: 'insert', index: 1 },
    ]);
    expect(passwordBindings('UPDATE "users" SET password = $1, updated_at = now() WHERE id = $2')).toEqual([
      { statement: 'UPDATE', table: 'users', column: 'password', kind: 'set', index: 0 },
    ]);
    expect(passwordBindings('SELECT id FROM users u WHERE u.email = ? AND u.password = ?')).toEqual([
      { statement: 'SELECT ... FROM', table: 'users', column: 'password', kind: 'where', index: 1 },
    ]);
    expect(passwordBindings('SELECT id, password FROM users WHERE email = ?')).toEqual([]);
  });
});

describe('no-plaintext-password patterns run in linear time', () => {
  const SIZE = 100_000;
  const inputs = [
    'a'.repeat(SIZE),
    `${'1'.repeat(SIZE)}a`,
    'password'.repeat(SIZE / 8),
    'passwordA1_'.repeat(SIZE / 11),
    `INSERT INTO users (${'password, '.repeat(SIZE / 10)}`,
    `UPDATE users SET ${'password = ?, '.repeat(SIZE / 15)}`,
    `'${"'".repeat(SIZE)}`,
    '\u0001'.repeat(SIZE),
    `where ${'x = '.repeat(SIZE / 4)}`,
  ];
  const patterns: Record<string, (input: string) => unknown> = { passwordNameClass, passwordBindings, mentionsPassword };
  it.each(Object.keys(patterns))('%s takes under 100 ms on 100 KB adversarial inputs', (name) => {
    patterns[name]!('INSERT INTO users (password) VALUES (?)'); // warm up: the measure is the input's length, not the JIT
    for (const input of inputs) {
      const started = performance.now();
      patterns[name]!(input);
      expect(performance.now() - started).toBeLessThan(100);
    }
  });
});
