import tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/cors-policy.js';
import { headerKey, originPatternFlaws } from '../../src/catalog/cors.js';

const ruleTester = new RuleTester();

const express = "import express from 'express';\nimport cors from 'cors';\nconst app = express();\n";
const wildcardDefault = '`Access-Control-Allow-Origin: *`';
const header = 'Access-Control-Allow-Origin header';

// rule-tester pins its own copy of @typescript-eslint/utils, whose types differ only nominally.
ruleTester.run('cors-policy', rule as never, {
  valid: [
    { name: 'an explicit allowlist with credentials', code: `${express}app.use(cors({ origin: ['https://app.example.com'], credentials: true }));` },
    { name: 'an origin from the environment', code: `${express}app.use(cors({ origin: process.env.APP_ORIGIN, credentials: true }));` },
    {
      name: 'an origin function that checks an allowlist',
      code: `${express}const allowed = new Set(['https://app.example.com']);\napp.use(cors({ origin: (origin, cb) => cb(null, allowed.has(origin)), credentials: true }));`,
    },
    {
      name: 'a reflected header after an allowlist guard',
      code: `${express}const allowed = ['https://app.example.com'];\napp.use((req, res, next) => {\n  const origin = req.get('origin');\n  if (!origin || !allowed.includes(origin)) return next();\n  res.setHeader('Access-Control-Allow-Origin', origin);\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  next();\n});`,
    },
    { name: 'CORS disabled', code: `${express}app.use(cors({ origin: false }));` },
    { name: 'a function named cors from the project', code: "import { cors } from './middleware/cors';\nexport const mw = cors();" },
    {
      name: 'a header on an outgoing request',
      code: "export const call = () => fetch('https://api.example.com', { headers: { 'Access-Control-Allow-Origin': '*' } });",
    },
    { name: 'other CORS headers', code: "export const mw = (req: any, res: any) => res.setHeader('Access-Control-Allow-Headers', '*');" },
    { name: 'allowPublicWildcard: cors() without options', code: `${express}app.use(cors());`, options: [{ allowPublicWildcard: true }] },
    {
      name: 'allowPublicWildcard: a hand-set wildcard without credentials',
      code: "export const mw = (req: any, res: any) => res.setHeader('Access-Control-Allow-Origin', '*');",
      options: [{ allowPublicWildcard: true }],
    },
    {
      name: 'allowPublicWildcard: a reflected origin without credentials',
      code: `${express}app.use(cors({ origin: true }));`,
      options: [{ allowPublicWildcard: true }],
    },
    {
      name: 'a check function named for the origin',
      code: "import { isAllowedOrigin } from './origins';\nexport const mw = (req: any, res: any, next: any) => {\n  if (!isAllowedOrigin(req)) return next();\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  next();\n};",
    },
    {
      name: 'an origin kept in a let, set from the request only where the allowlist holds it',
      code: "const allowed = process.env.ORIGINS!.split(',');\nexport const mw = (req: any, res: any) => {\n  let allowOrigin = allowed[0];\n  if (allowed.includes(req.headers.origin)) allowOrigin = req.headers.origin;\n  res.setHeader('Access-Control-Allow-Origin', allowOrigin);\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n};",
    },
    {
      name: 'a reflected header after an exiting check written with indexOf',
      code: "import { config } from './config';\nexport const mw = (req: any, res: any, next: any) => {\n  const origin = req.get('origin');\n  if (config.origins.indexOf(origin) === -1) return next();\n  res.set('Access-Control-Allow-Origin', origin);\n  res.set('Access-Control-Allow-Credentials', 'true');\n  next();\n};",
    },
    { name: 'NestJS with CORS off', code: "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nexport const boot = () => NestFactory.create(AppModule, { cors: false });" },
  ],
  invalid: [
    {
      name: 'cors() without options',
      code: `${express}app.use(cors());`,
      errors: [{ messageId: 'permissiveDefault', data: { call: 'cors', library: 'cors', defaultOrigin: wildcardDefault }, line: 4, column: 9 }],
    },
    {
      name: 'origin: true with credentials reflects every origin',
      code: `${express}app.use(cors({ origin: true, credentials: true }));`,
      errors: [{ messageId: 'reflectedOrigin', data: { call: 'cors', library: 'cors', origin: 'origin: true' }, line: 4, column: 24 }],
    },
    {
      name: 'a wildcard with credentials',
      code: `${express}app.use(cors({ origin: '*', credentials: true }));`,
      errors: [{ messageId: 'wildcardWithCredentials', data: { call: 'cors', library: 'cors', origin: "origin: '*'" } }],
    },
    {
      name: 'credentials with the default origin of the cors package',
      code: `${express}app.use(cors({ credentials: true }));`,
      errors: [{ messageId: 'wildcardWithCredentials', data: { call: 'cors', library: 'cors', origin: "the default '*'" } }],
    },
    {
      name: 'an explicit wildcard without credentials',
      code: `${express}app.use(cors({ origin: '*' }));`,
      errors: [{ messageId: 'anyOrigin', data: { call: 'cors', library: 'cors', origin: "origin: '*'" } }],
    },
    {
      name: 'a wildcard fallback when the environment is not set',
      code: `${express}app.use(cors({ origin: process.env.CORS_ORIGIN || '*', credentials: true }));`,
      errors: [{ messageId: 'wildcardWithCredentials', data: { call: 'cors', library: 'cors', origin: "origin: process.env.CORS_ORIGIN || '*'" } }],
    },
    {
      name: 'an origin callback that allows everything',
      code: `${express}app.use(cors({ origin: (origin, callback) => callback(null, true), credentials: true }));`,
      errors: [{ messageId: 'reflectedOrigin', data: { call: 'cors', library: 'cors', origin: 'origin: (origin, callback) => callback(null, true)' } }],
    },
    {
      name: 'a delegate named elsewhere in the file',
      code: `${express}function delegate(req: any, callback: any) {\n  callback(null, { origin: req.header('Origin'), credentials: true });\n}\napp.use(cors(delegate));`,
      errors: [{ messageId: 'reflectedOrigin', line: 5, data: { call: 'cors', library: 'cors', origin: "origin: req.header('Origin')" } }],
    },
    {
      name: 'options in a constant',
      code: `${express}const corsOptions = { origin: true, credentials: true };\napp.use(cors(corsOptions));`,
      errors: [{ messageId: 'reflectedOrigin', line: 4, data: { call: 'cors', library: 'cors', origin: 'origin: true' } }],
    },
    {
      name: 'allowPublicWildcard still reports credentials',
      code: `${express}app.use(cors({ origin: true, credentials: true }));`,
      options: [{ allowPublicWildcard: true }],
      errors: [{ messageId: 'reflectedOrigin', data: { call: 'cors', library: 'cors', origin: 'origin: true' } }],
    },
    {
      name: '@fastify/cors registered without options',
      code: "import Fastify from 'fastify';\nimport cors from '@fastify/cors';\nconst app = Fastify();\nawait app.register(cors);",
      errors: [{ messageId: 'permissiveDefault', data: { call: 'app.register', library: '@fastify/cors', defaultOrigin: wildcardDefault } }],
    },
    {
      name: '@koa/cors with credentials falls back to the request origin',
      code: "import Koa from 'koa';\nimport cors from '@koa/cors';\nconst app = new Koa();\napp.use(cors({ credentials: true }));",
      errors: [{ messageId: 'reflectedOrigin', data: { call: 'cors', library: '@koa/cors', origin: 'the default: the request Origin' } }],
    },
    {
      name: '@koa/cors without options',
      code: "import Koa from 'koa';\nimport cors from '@koa/cors';\nconst app = new Koa();\napp.use(cors());",
      errors: [
        {
          messageId: 'permissiveDefault',
          data: { call: 'cors', library: '@koa/cors', defaultOrigin: "`*` in v5, the request's own Origin in v4 and before" },
        },
      ],
    },
    {
      name: 'hono/cors echoing the origin',
      code: "import { Hono } from 'hono';\nimport { cors } from 'hono/cors';\nconst app = new Hono();\napp.use('*', cors({ origin: (origin) => origin, credentials: true }));",
      errors: [{ messageId: 'reflectedOrigin', data: { call: 'cors', library: 'hono/cors', origin: 'origin: (origin) => origin' } }],
    },
    {
      name: 'NestJS enableCors() and { cors: true }',
      code: "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nexport async function boot() {\n  const app = await NestFactory.create(AppModule, { cors: true });\n  app.enableCors();\n}",
      errors: [
        { messageId: 'permissiveDefault', line: 4, data: { call: 'NestFactory.create', library: 'NestJS', defaultOrigin: wildcardDefault } },
        { messageId: 'permissiveDefault', line: 5, data: { call: 'app.enableCors', library: 'NestJS', defaultOrigin: wildcardDefault } },
      ],
    },
    {
      name: 'socket.io with a wildcard and credentials',
      code: "import { Server } from 'socket.io';\nexport const io = new Server(3000, { cors: { origin: '*', credentials: true } });",
      errors: [{ messageId: 'wildcardWithCredentials', data: { call: 'Server', library: 'socket.io', origin: "origin: '*'" } }],
    },
    {
      name: 'a reflected header with credentials',
      code: "export const mw = (req: any, res: any) => {\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n};",
      errors: [{ messageId: 'reflectedOrigin', line: 2, data: { call: 'res.setHeader', library: header, origin: 'req.headers.origin' } }],
    },
    {
      name: 'a hand-set wildcard with credentials in one object',
      code: "export const preflight = () => new Response(null, { headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' } });",
      errors: [{ messageId: 'wildcardWithCredentials', data: { call: 'new Response', library: header, origin: "'*'" } }],
    },
    {
      name: 'a Lambda proxy response with a wildcard',
      code: "export const handler = async () => {\n  return { statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*' }, body: '{}' };\n};",
      errors: [{ messageId: 'anyOrigin', data: { call: 'response headers', library: header, origin: "'*'" } }],
    },
    {
      name: 'a shared headers constant spread into a response',
      code: "const corsHeaders = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' };\nexport const handler = () => new Response('{}', { headers: { ...corsHeaders, 'Content-Type': 'application/json' } });",
      errors: [{ messageId: 'wildcardWithCredentials', line: 1, data: { call: 'new Response', library: header, origin: "'*'" } }],
    },
    {
      name: 'the NestJS @Header decorator',
      code: "import { Controller, Get, Header } from '@nestjs/common';\n@Controller()\nexport class Feed {\n  @Get() @Header('Access-Control-Allow-Origin', '*') list() { return []; }\n}",
      errors: [{ messageId: 'anyOrigin', data: { call: '@Header', library: header, origin: "'*'" } }],
    },
    {
      name: 'a check that comes after the header is set',
      code: "const allowed = new Set(['https://app.example.com']);\nexport const mw = (req: any, res: any, next: any) => {\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n  if (!allowed.has(req.headers.origin)) return res.sendStatus(403);\n  next();\n};",
      errors: [{ messageId: 'reflectedOrigin', line: 3, data: { call: 'res.setHeader', library: header, origin: 'req.headers.origin' } }],
    },
    {
      name: 'a presence test is no check',
      code: "export const mw = (req: any, res: any) => {\n  if (req.get('origin') !== undefined) {\n    res.header('Access-Control-Allow-Origin', req.get('origin'));\n    res.header('Access-Control-Allow-Credentials', 'true');\n  }\n};",
      errors: [{ messageId: 'reflectedOrigin', line: 3 }],
    },
    {
      name: 'a regular expression that matches every origin',
      code: `${express}app.use(cors({ origin: /.*/, credentials: true }));`,
      errors: [{ messageId: 'reflectedOrigin', data: { call: 'cors', library: 'cors', origin: 'origin: /.*/' } }],
    },
    {
      name: "'null' in an allowlist",
      code: `${express}app.use(cors({ origin: ['https://app.example.com', 'null'], credentials: true }));`,
      errors: [{ messageId: 'nullOrigin', data: { call: 'cors', library: 'cors', credentials: ', with credentials' }, line: 4, column: 52 }],
    },
    {
      name: 'a pattern with an unescaped dot',
      code: `${express}app.use(cors({ origin: [/^https:\\/\\/app.example.com$/], credentials: true }));`,
      errors: [
        {
          messageId: 'loosePattern',
          data: {
            call: 'cors',
            library: 'cors',
            pattern: '/^https:\\/\\/app.example.com$/',
            problem: 'has an unescaped `.` that matches any character (`appXexample.com`)',
            fixed: '^https:\\/\\/app\\.example\\.com$',
            credentials: ', with credentials',
          },
          line: 4,
          column: 25,
        },
      ],
    },
    {
      name: 'an unanchored pattern given to new RegExp',
      code: `${express}app.use(cors({ origin: new RegExp('example\\\\.com') }));`,
      errors: [
        {
          messageId: 'loosePattern',
          data: {
            call: 'cors',
            library: 'cors',
            pattern: "new RegExp('example\\\\.com')",
            problem: 'is not anchored with `^` and `$`, so a host that only contains the allowed one matches (`app.example.com.evil.net`)',
            fixed: '^example\\.com$',
            credentials: '',
          },
        },
      ],
    },
    {
      name: 'GraphQL Yoga without a cors option reflects the Origin with credentials',
      code: "import { createYoga } from 'graphql-yoga';\nimport { schema } from './schema';\nexport const yoga = createYoga({ schema });",
      errors: [{ messageId: 'reflectedOrigin', data: { call: 'createYoga', library: 'GraphQL Yoga', origin: 'the default: the request Origin' }, line: 3, column: 21 }],
    },
    {
      name: "hapi answers ['*'] with credentials with the caller's Origin",
      code: "import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: 3000 });\nserver.route({ method: 'GET', path: '/me', options: { cors: { origin: ['*'], credentials: true }, handler: () => 'me' } });",
      errors: [{ messageId: 'reflectedOrigin', data: { call: 'server.route', library: '@hapi/hapi', origin: "origin: ['*']" }, line: 3, column: 71 }],
    },
    {
      name: 'apollo-server-express mounts cors() when cors is left out',
      code: "import express from 'express';\nimport { ApolloServer } from 'apollo-server-express';\nconst app = express();\nconst server = new ApolloServer({ typeDefs: '', resolvers: {} });\nserver.applyMiddleware({ app });",
      errors: [{ messageId: 'permissiveDefault', data: { call: 'server.applyMiddleware', library: 'apollo-server-express', defaultOrigin: wildcardDefault }, line: 5 }],
    },
    {
      name: 'micro-cors allows credentials unless told otherwise',
      code: "import microCors from 'micro-cors';\nexport const cors = microCors({ origin: '*' });",
      errors: [{ messageId: 'wildcardWithCredentials', data: { call: 'microCors', library: 'micro-cors', origin: "origin: '*'" } }],
    },
  ],
});

describe('cors-policy on adversarial input', () => {
  it('headerKey takes under 100 ms on 100 KB inputs', () => {
    for (const input of [' '.repeat(100_000), `${' '.repeat(50_000)}A${' '.repeat(50_000)}`, 'Access-Control-'.repeat(7_000)]) {
      const started = performance.now();
      headerKey(input);
      expect(performance.now() - started).toBeLessThan(100);
    }
  });

  it('lints a 100 KB header name and a 100 KB origin string quickly', () => {
    const linter = new Linter({ configType: 'flat' });
    const code = `export const mw = (req: any, res: any) => {\n  res.setHeader('${'Access-Control-Allow-Origin'.repeat(4_000)}', '*');\n  res.setHeader('Access-Control-Allow-Origin', '${'*'.repeat(100_000)}');\n};`;
    const started = performance.now();
    const messages = linter.verify(
      code,
      [{ files: ['**/*.ts'], plugins: { persona: { rules: { 'cors-policy': rule } } as never }, languageOptions: { parser: tsParser as never }, rules: { 'persona/cors-policy': 'error' } }],
      { filename: 'big.ts' },
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(messages).toEqual([]);
  });
});

describe('origin patterns', () => {
  it.each([
    ['^https:\\/\\/([a-z0-9-]+\\.)?example\\.com$', undefined],
    ['\\.example\\.com$', undefined],
    ['^https:\\/\\/app\\.example\\.com$|^https:\\/\\/admin\\.example\\.com$', undefined],
    ['https:\\/\\/app\\.example\\.com$', undefined],
    ['example\\.com$', { unanchored: true, unescapedDot: false, fixed: '^example\\.com$' }],
    ['^https://app.example.com', { unanchored: true, unescapedDot: true, fixed: '^https://app\\.example\\.com$' }],
    ['^https://a\\.example\\.com$|b.example\\.com', { unanchored: true, unescapedDot: true, fixed: '^(?:https://a\\.example\\.com|b\\.example\\.com)$' }],
    ['^https://[a-z.]+\\.example\\.com$', undefined],
    ['^https://.*\\.example\\.com$', undefined],
  ])('%s', (source, flaws) => {
    expect(originPatternFlaws(source)).toEqual(flaws);
  });
});
