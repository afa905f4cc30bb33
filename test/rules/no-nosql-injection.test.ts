import tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-nosql-injection.js';
import { isModelModulePath, isModelName, isProjectModule } from '../../src/catalog/nosql.js';

const ruleTester = new RuleTester();

const user = "import User from '../models/User';\n";
const usersLibrary = "a model from '../models/User'";
const driver = "import { MongoClient } from 'mongodb';\nconst users = new MongoClient('mongodb://db').db().collection('users');\n";
const filterOperators = '$ne, $gt, $regex, $where, ...';

// rule-tester pins its own copy of @typescript-eslint/utils, whose types differ only nominally.
ruleTester.run('no-nosql-injection', rule as never, {
  valid: [
    {
      name: 'a value cast to a string',
      code: `${user}export const login = (req: any) => User.findOne({ email: String(req.body.email) });`,
    },
    {
      name: 'a typeof guard that exits before the query',
      code: `${user}export async function login(req: any, res: any) {\n  const { email } = req.body;\n  if (typeof email !== 'string') return res.sendStatus(400);\n  return User.findOne({ email });\n}`,
    },
    {
      name: 'a typeof guard on the body field before it is destructured',
      code: `${user}export async function login(req: any, res: any) {\n  if (typeof req.body.email !== 'string') return res.sendStatus(400);\n  const { email } = req.body;\n  return User.findOne({ email });\n}`,
    },
    {
      name: 'an allowlist-style validation call that exits when it fails',
      code: `${user}import { isEmail } from 'validator';\nexport async function login(req: any, res: any) {\n  const { email } = req.body;\n  if (!isEmail(email)) return res.sendStatus(400);\n  return User.findOne({ email });\n}`,
    },
    {
      name: 'a schema parse result',
      code: `${user}import { z } from 'zod';\nconst Login = z.object({ email: z.string() });\nexport const login = (req: any) => User.findOne({ email: Login.parse(req.body).email });`,
    },
    {
      name: 'route parameters are strings',
      code: `${user}export const one = (req: any) => User.findById(req.params.id);`,
    },
    {
      name: 'values under a comparison operator are compared, not interpreted',
      code: `${driver}export const search = (req: any) => users.find({ email: { $eq: req.body.email }, tags: { $in: req.body.tags } }).toArray();`,
    },
    {
      name: 'a namespace of models is the Sequelize and Bookshelf style',
      code: "const models = require('../models');\nexports.check = (req) => models.ApiKey.findOne({ secret: req.query.key });",
    },
    {
      name: 'a Sequelize-style where query',
      code: `${user}export const find = (req: any) => User.findOne({ where: { email: req.body.email } });`,
    },
    {
      name: 'a file that uses an SQL ORM gets no guessed models',
      code: "import { Op } from 'sequelize';\nimport Invoice from '../models/invoice';\nexport const find = (req: any) => Invoice.count({ number: req.body.number, total: { [Op.gt]: 0 } });",
    },
    {
      name: 'express-mongo-sanitize mounted in the same file',
      code: `import express from 'express';\nimport mongoSanitize from 'express-mongo-sanitize';\n${user}const app = express();\napp.use(mongoSanitize());\napp.post('/login', (req, res) => User.findOne({ email: req.body.email }).then((u) => res.json(u)));`,
    },
    {
      name: 'Mongoose sanitizeFilter switched on for the file',
      code: `import mongoose from 'mongoose';\n${user}mongoose.set('sanitizeFilter', true);\nexport const login = (req: any) => User.findOne({ email: req.body.email });`,
    },
    {
      name: 'sanitizeFilter as a query option',
      code: `${user}export const login = (req: any) => User.findOne({ email: req.body.email }).setOptions({ sanitizeFilter: true });`,
    },
    {
      name: 'mongo-sanitize applied in place',
      code: `import sanitize from 'mongo-sanitize';\n${user}export function login(req: any) {\n  sanitize(req.body);\n  return User.findOne({ email: req.body.email });\n}`,
    },
    {
      name: 'a NestJS DTO class',
      code: "import { Body, Controller, Post } from '@nestjs/common';\nimport { Model } from 'mongoose';\nimport { LoginDto } from './login.dto';\n@Controller()\nexport class AuthController {\n  constructor(private readonly users: Model<unknown>) {}\n  @Post() login(@Body() dto: LoginDto) { return this.users.findOne({ email: dto.email }); }\n}",
    },
    {
      name: 'Hono validated input',
      code: "import { Hono } from 'hono';\nimport { MongoClient } from 'mongodb';\nconst notes = new MongoClient('x').db().collection('notes');\nconst app = new Hono();\napp.post('/n', async (c) => c.json(await notes.find({ owner: c.req.valid('json').owner }).toArray()));",
    },
    {
      name: 'a constant $where and a constant $function',
      code: `${driver}export const list = () => users.find({ $where: 'this.a > 1', $expr: { $function: { body: function (a: number) { return a > 1; }, args: ['$a'], lang: 'js' } } }).toArray();`,
    },
    {
      name: 'sanitizedRequests: every request is sanitized elsewhere',
      code: `${user}export const login = (req: any) => User.findOne({ email: req.body.email });`,
      options: [{ sanitizedRequests: true }],
    },
    {
      name: 'nestedQueryStrings: false treats query-string values as strings',
      code: `${user}export const list = (req: any) => User.find({ role: req.query.role });`,
      options: [{ nestedQueryStrings: false }],
    },
    {
      name: 'guessModels: false does not guess models from folders or names',
      code: `${user}export const login = (req: any) => User.findOne({ email: req.body.email });`,
      options: [{ guessModels: false }],
    },
    {
      name: 'Next.js API routes parse query strings into strings',
      code: `${user}export default async function handler(req: any, res: any) {\n  res.json(await User.find({ role: req.query.role }));\n}`,
      filename: 'pages/api/users.ts',
    },
    {
      name: 'a receiver that is not a model',
      code: "import { Ledger } from '../accounting/ledger';\nexport const entries = (req: any) => Ledger.find({ account: req.body.account });",
    },
    {
      name: 'a configured sanitizer applied in place',
      code: "import { Ledger } from '../accounting/ledger';\nimport { stripOperators } from '../lib/safety';\nexport function entries(req: any) {\n  stripOperators(req.body);\n  return Ledger.find({ account: req.body.account });\n}",
      options: [{ models: ['Ledger'], sanitizers: ['stripOperators'] }],
    },
    {
      name: 'a configured sanitizer mounted as middleware',
      code: `import express from 'express';\nimport { cleanRequests } from '../lib/safety';\n${user}const app = express();\napp.use(cleanRequests());\napp.post('/login', (req, res) => User.findOne({ email: req.body.email }).then((u) => res.json(u)));`,
      options: [{ sanitizers: ['cleanRequests'] }],
    },
  ],
  invalid: [
    {
      name: 'a destructured body field: the message names the value, the call and the model, with a cast suggestion',
      code: `${user}export async function login(req: any) {\n  const { email } = req.body;\n  return User.findOne({ email });\n}`,
      errors: [
        {
          messageId: 'requestInQuery',
          data: { origin: ' (from `req.body.email`)', value: 'email', call: 'User.findOne', library: usersLibrary },
          line: 4,
          suggestions: [
            {
              messageId: 'castToString',
              data: { value: 'email' },
              output: `${user}export async function login(req: any) {\n  const { email } = req.body;\n  return User.findOne({ email: String(email) });\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a body property in a driver filter',
      code: `${driver}export const byEmail = (req: any) => users.findOne({ email: req.body.email });`,
      errors: [
        {
          messageId: 'requestInQuery',
          data: { origin: '', value: 'req.body.email', call: 'users.findOne', library: 'MongoDB driver' },
          suggestions: [
            {
              messageId: 'castToString',
              data: { value: 'req.body.email' },
              output: `${driver}export const byEmail = (req: any) => users.findOne({ email: String(req.body.email) });`,
            },
          ],
        },
      ],
    },
    {
      name: 'a denylist check is no validation',
      code: `${user}const banned = new Set(['root']);\nexport async function login(req: any, res: any) {\n  const email = req.body.email;\n  if (banned.has(email)) return res.sendStatus(403);\n  return User.findOne({ email });\n}`,
      errors: [
        {
          messageId: 'requestInQuery',
          line: 6,
          suggestions: [
            {
              messageId: 'castToString',
              data: { value: 'email' },
              output: `${user}const banned = new Set(['root']);\nexport async function login(req: any, res: any) {\n  const email = req.body.email;\n  if (banned.has(email)) return res.sendStatus(403);\n  return User.findOne({ email: String(email) });\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'the whole query string as the filter',
      code: `${user}export const list = (req: any) => User.find(req.query);`,
      errors: [{ messageId: 'requestAsQuery', data: { origin: '', part: 'filter', operators: filterOperators, value: 'req.query', call: 'User.find', library: usersLibrary } }],
    },
    {
      name: 'the whole body as an update',
      code: `${user}export const update = (req: any) => User.findByIdAndUpdate(req.params.id, req.body);`,
      errors: [
        {
          messageId: 'requestAsQuery',
          data: { origin: '', part: 'update', operators: '$set, $unset, $rename, ...', value: 'req.body', call: 'User.findByIdAndUpdate', library: usersLibrary },
        },
      ],
    },
    {
      name: 'a pipeline from the client',
      code: `${driver}export const report = (req: any) => users.aggregate(req.body.pipeline).toArray();`,
      errors: [
        {
          messageId: 'requestAsQuery',
          data: { origin: '', part: 'pipeline', operators: '$function, $lookup, $merge, ...', value: 'req.body.pipeline', call: 'users.aggregate', library: 'MongoDB driver' },
        },
      ],
    },
    {
      name: 'parsed JSON from a query string',
      code: `${driver}export const search = (req: any) => users.find(JSON.parse(req.query.filter)).toArray();`,
      errors: [{ messageId: 'requestAsQuery', data: { origin: ' (from `req.query.filter`)', part: 'filter', operators: filterOperators, value: 'JSON.parse(req.query.filter)', call: 'users.find', library: 'MongoDB driver' } }],
    },
    {
      name: 'a field name from the request',
      code: `${driver}export const byField = (req: any) => users.find({ [req.params.field]: String(req.params.value) }).toArray();`,
      errors: [{ messageId: 'requestKeyInQuery', data: { origin: '', value: 'req.params.field', call: 'users.find', library: 'MongoDB driver' } }],
    },
    {
      name: '$where built from request input',
      code: `${driver}export const older = (req: any) => users.find({ $where: 'this.age > ' + req.query.age }).toArray();`,
      errors: [{ messageId: 'dynamicWhere', data: { origin: '', operator: '$where', value: 'req.query.age', call: 'users.find', library: 'MongoDB driver' } }],
    },
    {
      name: '$function with a body from the request',
      code: `${driver}export const scored = (req: any) => users.aggregate([{ $addFields: { s: { $function: { body: req.body.code, args: [], lang: 'js' } } } }]).toArray();`,
      errors: [{ messageId: 'dynamicWhere', data: { origin: '', operator: '$function', value: 'req.body.code', call: 'users.aggregate', library: 'MongoDB driver' } }],
    },
    {
      name: 'mapReduce with a map function from the request',
      code: `${driver}export const rollup = (req: any) => users.mapReduce(req.body.map, function (k: string, v: number[]) { return v.length; }, { out: { inline: 1 } });`,
      errors: [{ messageId: 'dynamicWhere', data: { origin: '', operator: 'mapReduce', value: 'req.body.map', call: 'users.mapReduce', library: 'MongoDB driver' } }],
    },
    {
      name: 'a Redis command from the request (node-redis sendCommand)',
      code: "import { createClient } from 'redis';\nconst redis = createClient();\nexport const run = (req: any) => redis.sendCommand(req.body.command);",
      errors: [{ messageId: 'requestAsCommand', data: { origin: '', value: 'req.body.command', call: 'redis.sendCommand', library: 'node-redis' } }],
    },
    {
      name: 'the first word of an ioredis call from the request',
      code: "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const run = (req: any) => redis.call(req.query.op, 'key');",
      errors: [{ messageId: 'requestAsCommand', data: { origin: '', value: 'req.query.op', call: 'redis.call', library: 'ioredis' } }],
    },
    {
      name: 'a same-file helper is checked where it is called',
      code: `${user}function findByEmail(email: string) {\n  return User.findOne({ email });\n}\nexport const login = (req: any) => findByEmail(req.body.email);`,
      errors: [
        {
          messageId: 'requestInQuery',
          line: 5,
          data: { value: 'req.body.email', origin: '', call: 'findByEmail() → User.findOne', library: usersLibrary },
          suggestions: [
            {
              messageId: 'castToString',
              data: { value: 'req.body.email' },
              output: `${user}function findByEmail(email: string) {\n  return User.findOne({ email });\n}\nexport const login = (req: any) => findByEmail(String(req.body.email));`,
            },
          ],
        },
      ],
    },
    {
      name: 'Mongoose models by mongoose.model and typed Model fields',
      code: "import mongoose, { Model } from 'mongoose';\nconst Review = mongoose.model('Review', new mongoose.Schema({}));\nexport class Reviews {\n  constructor(private readonly model: Model<unknown>) {}\n  byAuthor(req: any) { return Review.find({ author: req.body.author }); }\n  count(req: any) { return this.model.countDocuments({ author: req.body.author }); }\n}",
      errors: [
        {
          messageId: 'requestInQuery',
          line: 5,
          data: { value: 'req.body.author', origin: '', call: 'Review.find', library: 'Mongoose' },
          suggestions: [
            {
              messageId: 'castToString',
              data: { value: 'req.body.author' },
              output:
                "import mongoose, { Model } from 'mongoose';\nconst Review = mongoose.model('Review', new mongoose.Schema({}));\nexport class Reviews {\n  constructor(private readonly model: Model<unknown>) {}\n  byAuthor(req: any) { return Review.find({ author: String(req.body.author) }); }\n  count(req: any) { return this.model.countDocuments({ author: req.body.author }); }\n}",
            },
          ],
        },
        {
          messageId: 'requestInQuery',
          line: 6,
          data: { value: 'req.body.author', origin: '', call: 'this.model.countDocuments', library: 'Mongoose' },
          suggestions: [
            {
              messageId: 'castToString',
              data: { value: 'req.body.author' },
              output:
                "import mongoose, { Model } from 'mongoose';\nconst Review = mongoose.model('Review', new mongoose.Schema({}));\nexport class Reviews {\n  constructor(private readonly model: Model<unknown>) {}\n  byAuthor(req: any) { return Review.find({ author: req.body.author }); }\n  count(req: any) { return this.model.countDocuments({ author: String(req.body.author) }); }\n}",
            },
          ],
        },
      ],
    },
    {
      name: 'models: a configured receiver name',
      code: "import { Ledger } from '../accounting/ledger';\nexport const entries = (req: any) => Ledger.find({ account: req.body.account });",
      options: [{ models: ['Ledger'] }],
      errors: [
        {
          messageId: 'requestInQuery',
          data: { origin: '', value: 'req.body.account', call: 'Ledger.find', library: 'configured model' },
          suggestions: [
            {
              messageId: 'castToString',
              data: { value: 'req.body.account' },
              output: "import { Ledger } from '../accounting/ledger';\nexport const entries = (req: any) => Ledger.find({ account: String(req.body.account) });",
            },
          ],
        },
      ],
    },
    {
      name: 'nestedQueryStrings: false still reports bodies',
      code: `${user}export const list = (req: any) => User.find({ role: req.query.role, team: req.body.team });`,
      options: [{ nestedQueryStrings: false }],
      errors: [
        {
          messageId: 'requestInQuery',
          data: { origin: '', value: 'req.body.team', call: 'User.find', library: usersLibrary },
          suggestions: [
            {
              messageId: 'castToString',
              data: { value: 'req.body.team' },
              output: `${user}export const list = (req: any) => User.find({ role: req.query.role, team: String(req.body.team) });`,
            },
          ],
        },
      ],
    },
    {
      name: 'sanitizedRequests does not cover $where',
      code: `${driver}export const older = (req: any) => users.find({ $where: \`this.age > \${req.body.age}\` }).toArray();`,
      options: [{ sanitizedRequests: true }],
      errors: [{ messageId: 'dynamicWhere', data: { origin: '', operator: '$where', value: 'req.body.age', call: 'users.find', library: 'MongoDB driver' } }],
    },
    {
      name: 'guessed by name: a field named like a model',
      code: "export class Repo {\n  constructor(private readonly userModel: any) {}\n  find(req: any) { return this.userModel.find(req.body); }\n}",
      errors: [{ messageId: 'requestAsQuery', data: { origin: '', part: 'filter', operators: filterOperators, value: 'req.body', call: 'this.userModel.find', library: 'a model, by its name' } }],
    },
    {
      name: 'a NestJS @Query() parameter typed with a primitive',
      code: "import { Controller, Get, Query } from '@nestjs/common';\nimport { Model } from 'mongoose';\n@Controller()\nexport class Teams {\n  constructor(private readonly users: Model<unknown>) {}\n  @Get() byTeam(@Query('team') team: string) { return this.users.find({ team }); }\n}",
      errors: [
        {
          messageId: 'requestInQuery',
          data: { origin: '', value: 'team', call: 'this.users.find', library: 'Mongoose' },
          suggestions: [
            {
              messageId: 'castToString',
              data: { value: 'team' },
              output:
                "import { Controller, Get, Query } from '@nestjs/common';\nimport { Model } from 'mongoose';\n@Controller()\nexport class Teams {\n  constructor(private readonly users: Model<unknown>) {}\n  @Get() byTeam(@Query('team') team: string) { return this.users.find({ team: String(team) }); }\n}",
            },
          ],
        },
      ],
    },
  ],
});

describe('no-nosql-injection on adversarial input', () => {
  const SIZE = 100_000;
  const inputs: Record<string, string> = {
    slashes: '/'.repeat(SIZE),
    models: '../models/'.repeat(SIZE / 10),
    dots: `${'.model'.repeat(SIZE / 6)}x`,
    names: 'Model'.repeat(SIZE / 5),
    spaces: `${' '.repeat(SIZE)}x`,
  };

  it.each(Object.entries({ isModelModulePath, isModelName, isProjectModule }))('%s takes under 100 ms on 100 KB inputs', (_name, check) => {
    for (const input of Object.values(inputs)) {
      const started = performance.now();
      check(input);
      expect(performance.now() - started).toBeLessThan(100);
    }
  });

  it('lints a 100 KB filter value and a 100 KB module path quickly', () => {
    const linter = new Linter({ configType: 'flat' });
    // The rule strips whitespace from source text to compare values: a 100 KB run of it must stay linear.
    const code = `import User from '${'../models/'.repeat(10_000)}User';\nexport const f = (req: any) => User.find({ a: req.body${' '.repeat(100_000)}.email });`;
    const started = performance.now();
    const messages = linter.verify(
      code,
      [{ files: ['**/*.ts'], plugins: { persona: { rules: { 'no-nosql-injection': rule } } as never }, languageOptions: { parser: tsParser as never }, rules: { 'persona/no-nosql-injection': 'error' } }],
      { filename: 'big.ts' },
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(messages.map((message) => message.messageId)).toEqual(['requestInQuery']);
  });
});
