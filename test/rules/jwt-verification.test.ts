import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/jwt-verification.js';
import { DENY_NAME, LOOKUP_CALL, suggestedAlgorithm } from '../../src/catalog/jwt.js';

const ruleTester = new RuleTester();

/** A file in a fixture project whose package.json (and lockfile) say which library versions it uses. */
const inProject = (project: 'legacy-api' | 'current-api') => fileURLToPath(new URL(`../../fixtures/jwt-verification/${project}/routes.js`, import.meta.url));
const expressJwt = "import { expressjwt } from 'express-jwt';\n";

const jsonwebtoken = "import jwt from 'jsonwebtoken';\n";
const jose = "import { decodeJwt, jwtVerify, SignJWT } from 'jose';\n";
const VERIFY_ADVICE = '`jwt.verify(token, key, { algorithms: [...] })`';
/** The version note of a verify without algorithms when the project's version of the library is not known. */
const unknownVersion = (name: string, since: string) => ` on ${name} below ${since} (${since} and later bind the algorithm to the key's type and refuse \`none\`; this project's version is not known here)`;

// rule-tester pins its own copy of @typescript-eslint/utils, whose types differ only nominally.
ruleTester.run('jwt-verification', rule as never, {
  valid: [
    {
      name: 'jose binds the algorithm to the key type: no list needed',
      code: `${jose}export const check = (token: string, key: Uint8Array) => jwtVerify(token, key, { issuer: 'api' });`,
    },
    {
      name: 'jsonwebtoken 9 (the project declares ^9.0.2) binds the algorithm to the key type',
      code: `${jsonwebtoken}export const check = (token: string, key: string) => jwt.verify(token, key);`,
      filename: inProject('current-api'),
    },
    {
      name: 'express-jwt 8 refuses to start without algorithms',
      code: `${expressJwt}export const auth = expressjwt({ secret: 'x' } as never);`,
      filename: inProject('current-api'),
    },
    {
      name: '@fastify/jwt verifies with fast-jwt, which binds the algorithm to the key type',
      code: "import fastifyJwt from '@fastify/jwt';\nexport default async function plugin(fastify: any) {\n  await fastify.register(fastifyJwt, { secret: 'x', sign: { expiresIn: '1h' } });\n  fastify.get('/me', async (request: any) => fastify.jwt.verify(request.headers.authorization));\n}",
    },
    {
      name: 'jws with a constant algorithm',
      code: "import jws from 'jws';\nexport const check = (token: string, key: string) => jws.verify(token, 'RS256', key);",
    },
    {
      name: 'a custom expiry claim that the file compares',
      code: `${jsonwebtoken}export const invite = (email: string, key: string) => jwt.sign({ email, expiresAt: Date.now() + 60_000 }, key);\nexport const valid = (claims: { expiresAt: number }) => claims.expiresAt > Date.now();`,
    },
    {
      name: 'verify with an algorithm allowlist',
      code: `${jsonwebtoken}export const check = (token: string, key: string) => jwt.verify(token, key, { algorithms: ['RS256'] });`,
    },
    {
      name: 'sign with expiresIn, and with exp in the payload',
      code: `${jsonwebtoken}export const a = (key: string) => jwt.sign({ sub: '1' }, key, { expiresIn: '15m' });\nexport const b = (key: string) => jwt.sign({ sub: '1', exp: 1 }, key);`,
    },
    {
      name: 'requireExpiry: false leaves signing without expiry alone',
      code: `${jsonwebtoken}export const issue = (key: string) => jwt.sign({ sub: '1' }, key);`,
      options: [{ requireExpiry: false }],
    },
    {
      name: 'options from a parameter cannot be judged',
      code: `${jsonwebtoken}export const check = (token: string, key: string, options: jwt.VerifyOptions) => jwt.verify(token, key, options);`,
    },
    {
      name: 'decode to read the expiry is not authentication',
      code: `${jsonwebtoken}export function expiresAt(token: string) {\n  const claims = jwt.decode(token) as { exp?: number } | null;\n  return claims?.exp ? new Date(claims.exp * 1000) : null;\n}`,
    },
    {
      name: 'decode next to a verify of the same token',
      code: `${jsonwebtoken}export function claims(req: any, key: string) {\n  const token = req.headers.authorization;\n  jwt.verify(token, key, { algorithms: ['HS256'] });\n  req.user = jwt.decode(token);\n}`,
    },
    {
      name: 'a helper decodes the key id and its caller verifies the same token',
      code: `${jsonwebtoken}const keyIdOf = (token: string) => jwt.decode(token, { complete: true })?.header.kid;\nexport function auth(req: any, res: any, next: () => void) {\n  const token = req.headers.authorization;\n  const kid = keyIdOf(token);\n  if (!kid) return res.sendStatus(401);\n  req.user = jwt.verify(token, keys[kid], { algorithms: ['RS256'] });\n  next();\n}`,
    },
    {
      name: 'a decode function of another library',
      code: "import { decode } from 'html-entities';\nexport function middleware(req: any, res: any, next: () => void) {\n  req.user = decode(req.query.name);\n  next();\n}",
    },
    {
      name: 'allowedAlgorithms accepts the listed algorithms',
      code: `${jsonwebtoken}export const check = (token: string, key: string) => jwt.verify(token, key, { algorithms: ['ES256'] });`,
      options: [{ allowedAlgorithms: ['ES256'] }],
    },
    {
      name: '@nestjs/jwt calls rely on module defaults that this file does not show',
      code: "import { Injectable } from '@nestjs/common';\nimport { JwtService } from '@nestjs/jwt';\n@Injectable()\nexport class Tokens {\n  constructor(private readonly jwt: JwtService) {}\n  issue(id: string) { return this.jwt.sign({ sub: id }); }\n  check(token: string) { return this.jwt.verify(token); }\n}",
    },
    {
      name: 'a decoded id replaced before it is used',
      code: `${jsonwebtoken}export async function actor(req: any, Users: any) {\n  let id = jwt.decode(req.headers.authorization)?.sub;\n  id = req.session.userId;\n  return Users.findByPk(id);\n}`,
    },
    {
      name: 'a jose builder kept in a const that sets the expiry',
      code: `${jose}export async function issue(key: Uint8Array) {\n  const builder = new SignJWT({ sub: '1' }).setProtectedHeader({ alg: 'HS256' });\n  builder.setExpirationTime('2h');\n  return builder.sign(key);\n}`,
    },
    {
      name: 'jose SignJWT with setExpirationTime',
      code: `${jose}export const issue = (key: Uint8Array) => new SignJWT({ sub: '1' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('2h').sign(key);`,
    },
  ],
  invalid: [
    {
      name: 'decode result assigned to req.user: the message names the call, the use and the fix',
      code: `${jsonwebtoken}export function auth(req: any, res: any, next: () => void) {\n  req.user = jwt.decode(req.headers.authorization);\n  next();\n}`,
      errors: [
        {
          messageId: 'decodeUsedForAuth',
          line: 3,
          data: { call: 'jwt.decode', library: 'jsonwebtoken', use: 'set `req.user`', verify: VERIFY_ADVICE },
        },
      ],
    },
    {
      name: 'a role check on decoded claims',
      code: `${jose}export function isAdmin(token: string) {\n  const claims = decodeJwt(token);\n  if (claims.role === 'admin') return true;\n  return false;\n}`,
      errors: [
        {
          messageId: 'decodeUsedForAuth',
          data: { call: 'decodeJwt', library: 'jose', use: 'check a role or permission', verify: '`jwtVerify(token, key, { algorithms: [...] })`' },
        },
      ],
    },
    {
      name: 'a user looked up by the decoded sub',
      code: "import { jwtDecode } from 'jwt-decode';\nimport { db } from './db';\nexport async function me(token: string) {\n  const { sub } = jwtDecode(token);\n  return db.user.findUnique({ where: { id: sub } });\n}",
      errors: [
        {
          messageId: 'decodeUsedForAuth',
          data: {
            call: 'jwtDecode',
            library: 'jwt-decode',
            use: 'look up the user by `sub`',
            verify: "jsonwebtoken's `jwt.verify` or jose's `jwtVerify` with an `algorithms` allowlist",
          },
        },
      ],
    },
    {
      name: 'returned from a guard',
      code: "import { JwtService } from '@nestjs/jwt';\nexport class Guard {\n  constructor(private readonly jwtService: JwtService) {}\n  canActivate(token: string) {\n    return !!this.jwtService.decode(token);\n  }\n}",
      errors: [{ messageId: 'decodeUsedForAuth', line: 5, data: { call: 'this.jwtService.decode', library: '@nestjs/jwt', use: 'decide what `canActivate` returns', verify: '`this.jwtService.verifyAsync(token)` with `algorithms` in the options or in `JwtModule` `verifyOptions`' } }],
    },
    {
      name: 'verify without options: the hint follows the key (a secret suggests HS256)',
      code: `${jsonwebtoken}export const check = (token: string) => jwt.verify(token, process.env.JWT_SECRET!);`,
      errors: [{ messageId: 'verifyWithoutAlgorithms', data: { call: 'jwt.verify', library: 'jsonwebtoken', algorithms: "'HS256'", versions: unknownVersion('jsonwebtoken', '9.0.0') } }],
    },
    {
      name: 'allowedAlgorithms is the hint, and an algorithm outside it is reported',
      code: `${jsonwebtoken}export const a = (token: string, key: string) => jwt.verify(token, key, { issuer: 'me' });\nexport const b = (token: string, key: string) => jwt.verify(token, key, { algorithms: ['HS256'] });`,
      options: [{ allowedAlgorithms: ['ES256', 'RS256'] }],
      errors: [
        { messageId: 'verifyWithoutAlgorithms', line: 2, data: { call: 'jwt.verify', library: 'jsonwebtoken', algorithms: "'ES256', 'RS256'", versions: unknownVersion('jsonwebtoken', '9.0.0') } },
        { messageId: 'algorithmNotAllowed', line: 3, data: { call: 'jwt.verify', library: 'jsonwebtoken', algorithm: 'HS256', algorithms: "'ES256', 'RS256'" } },
      ],
    },
    {
      name: 'none among other algorithms: suggestion removes it',
      code: `${jsonwebtoken}export const check = (token: string, key: string) => jwt.verify(token, key, { algorithms: ['RS256', 'none'] });`,
      errors: [
        {
          messageId: 'noneAlgorithm',
          data: { call: 'jwt.verify', library: 'jsonwebtoken', algorithms: "'RS256'" },
          suggestions: [
            {
              messageId: 'removeNone',
              output: `${jsonwebtoken}export const check = (token: string, key: string) => jwt.verify(token, key, { algorithms: ['RS256'] });`,
            },
          ],
        },
      ],
    },
    {
      name: 'none alone: no suggestion (the right algorithm is the user\'s choice)',
      code: `${jose}export const check = (token: string, key: Uint8Array) => jwtVerify(token, key, { algorithms: ['none'] });`,
      errors: [{ messageId: 'noneAlgorithm', suggestions: [] }],
    },
    {
      name: 'signing with the none algorithm',
      code: `${jsonwebtoken}export const issue = () => jwt.sign({ sub: '1' }, '', { algorithm: 'none', expiresIn: '1m' });`,
      errors: [{ messageId: 'noneAlgorithm', data: { call: 'jwt.sign', library: 'jsonwebtoken', algorithms: "'RS256'" } }],
    },
    {
      name: 'ignoreExpiration: true on its own line: suggestion removes the line',
      code: `${jsonwebtoken}export const check = (token: string, key: string) =>\n  jwt.verify(token, key, {\n    algorithms: ['RS256'],\n    ignoreExpiration: true,\n  });`,
      errors: [
        {
          messageId: 'ignoreExpiration',
          line: 5,
          data: { call: 'jwt.verify', library: 'jsonwebtoken', setting: 'ignoreExpiration: true' },
          suggestions: [
            {
              messageId: 'removeIgnoreExpiration',
              output: `${jsonwebtoken}export const check = (token: string, key: string) =>\n  jwt.verify(token, key, {\n    algorithms: ['RS256'],\n  });`,
            },
          ],
        },
      ],
    },
    {
      name: 'ignoreExpiration: true inline: suggestion removes the property and its comma',
      code: `${jsonwebtoken}export const check = (token: string, key: string) => jwt.verify(token, key, { ignoreExpiration: true, algorithms: ['RS256'] });`,
      errors: [
        {
          messageId: 'ignoreExpiration',
          suggestions: [
            {
              messageId: 'removeIgnoreExpiration',
              output: `${jsonwebtoken}export const check = (token: string, key: string) => jwt.verify(token, key, { algorithms: ['RS256'] });`,
            },
          ],
        },
      ],
    },
    {
      name: 'sign without expiry',
      code: `${jsonwebtoken}export const issue = (key: string) => jwt.sign({ sub: '1' }, key, { algorithm: 'RS256' });`,
      errors: [
        {
          messageId: 'signWithoutExpiry',
          data: { call: 'jwt.sign', library: 'jsonwebtoken', fix: "Pass `expiresIn` (for example `expiresIn: '15m'`) or put `exp` in the payload." },
        },
      ],
    },
    {
      name: 'jose SignJWT without setExpirationTime',
      code: `${jose}export const issue = (key: Uint8Array) => new SignJWT({ sub: '1' }).setProtectedHeader({ alg: 'HS256' }).sign(key);`,
      errors: [
        {
          messageId: 'signWithoutExpiry',
          data: { call: 'new SignJWT(...).sign', library: 'jose', fix: "Call `.setExpirationTime('15m')` before `.sign()`, or put `exp` in the payload." },
        },
      ],
    },
    {
      name: 'JwtModule.register in the same file without defaults: calls without options are reported',
      code: "import { Module } from '@nestjs/common';\nimport { JwtModule, JwtService } from '@nestjs/jwt';\n@Module({ imports: [JwtModule.register({ secret: process.env.JWT_SECRET })] })\nexport class AuthModule {}\nexport class Tokens {\n  constructor(private readonly jwt: JwtService) {}\n  issue(id: string) { return this.jwt.sign({ sub: id }); }\n  check(token: string) { return this.jwt.verify(token); }\n}",
      errors: [
        { messageId: 'signWithoutExpiry', line: 7, data: { call: 'this.jwt.sign', library: '@nestjs/jwt', fix: "Pass `expiresIn` (for example `expiresIn: '15m'`) or put `exp` in the payload." } },
        { messageId: 'verifyWithoutAlgorithms', line: 8, data: { call: 'this.jwt.verify', library: '@nestjs/jwt', algorithms: "'HS256'", versions: unknownVersion('@nestjs/jwt', '10.0.0') } },
      ],
    },
    {
      name: 'JwtModule.registerAsync factory with ignoreExpiration',
      code: "import { JwtModule } from '@nestjs/jwt';\nexport const jwtModule = JwtModule.registerAsync({\n  useFactory: () => ({ secret: 's', verifyOptions: { algorithms: ['HS256'], ignoreExpiration: true } }),\n});",
      errors: [
        {
          messageId: 'ignoreExpiration',
          line: 3,
          data: { call: 'JwtModule.registerAsync', library: '@nestjs/jwt', setting: 'ignoreExpiration: true' },
          suggestions: [
            {
              messageId: 'removeIgnoreExpiration',
              output: "import { JwtModule } from '@nestjs/jwt';\nexport const jwtModule = JwtModule.registerAsync({\n  useFactory: () => ({ secret: 's', verifyOptions: { algorithms: ['HS256'] } }),\n});",
            },
          ],
        },
      ],
    },
    {
      name: '@fastify/jwt: request.jwtDecode used to authorize, and sign without the registered expiry',
      code: "import fastifyJwt from '@fastify/jwt';\nexport default async function plugin(fastify: any) {\n  await fastify.register(fastifyJwt, { secret: 'x' });\n  fastify.addHook('onRequest', async (request: any, reply: any) => {\n    const claims = request.jwtDecode();\n    if (!claims) return reply.code(401).send();\n  });\n  fastify.get('/t', async () => fastify.jwt.sign({ sub: '1' }));\n}",
      errors: [
        { messageId: 'decodeUsedForAuth', line: 5, data: { call: 'request.jwtDecode', library: '@fastify/jwt', use: 'decide whether the request is let through', verify: '`await request.jwtVerify()` (or `fastify.jwt.verify`)' } },
        { messageId: 'signWithoutExpiry', line: 8 },
      ],
    },
    {
      name: 'passport-jwt strategy without algorithms',
      code: "import { Strategy as JwtStrategy, ExtractJwt } from 'passport-jwt';\nimport passport from 'passport';\npassport.use(new JwtStrategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET }, (payload: any, done: any) => done(null, payload)));",
      errors: [{ messageId: 'verifyWithoutAlgorithms', line: 3, data: { call: 'new JwtStrategy', library: 'passport-jwt', algorithms: "'HS256'", versions: unknownVersion('passport-jwt', '4.0.1') } }],
    },
    {
      name: 'a lookup whose name does not say so, by an identity claim under `where`',
      code: "import { jwtDecode } from 'jwt-decode';\nexport async function session(token: string, db: any) {\n  const { sub } = jwtDecode(token);\n  return db.session.count({ where: { userId: sub } });\n}",
      errors: [{ messageId: 'decodeUsedForAuth', line: 3, data: { call: 'jwtDecode', library: 'jwt-decode', use: 'look up the user by `sub`', verify: "jsonwebtoken's `jwt.verify` or jose's `jwtVerify` with an `algorithms` allowlist" } }],
    },
    {
      name: 'a role comparison kept in a const, then tested',
      code: `${jose}export function admin(token: string) {\n  const claims = decodeJwt(token);\n  const isAdmin = claims.role === 'admin';\n  return isAdmin ? 'yes' : 'no';\n}`,
      errors: [{ messageId: 'decodeUsedForAuth', line: 3, data: { call: 'decodeJwt', library: 'jose', use: 'check a role or permission', verify: '`jwtVerify(token, key, { algorithms: [...] })`' } }],
    },
    {
      name: 'options in a let: every write that reaches the call counts',
      code: `${jsonwebtoken}export function check(token: string, key: string, legacy: boolean) {\n  let options = { algorithms: ['RS256'] };\n  if (legacy) options = { algorithms: ['RS256', 'none'] };\n  return jwt.verify(token, key, options);\n}`,
      errors: [
        {
          messageId: 'noneAlgorithm',
          line: 4,
          suggestions: [
            {
              messageId: 'removeNone',
              output: `${jsonwebtoken}export function check(token: string, key: string, legacy: boolean) {\n  let options = { algorithms: ['RS256'] };\n  if (legacy) options = { algorithms: ['RS256'] };\n  return jwt.verify(token, key, options);\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a same-file helper that decodes, used by a middleware',
      code: "const jwt = require('jsonwebtoken');\nfunction claimsOf(token) { return jwt.decode(token); }\nfunction authenticate(req, res, next) {\n  const claims = claimsOf(req.headers.authorization);\n  if (!claims) return res.sendStatus(401);\n  next();\n}\nmodule.exports = { authenticate };",
      errors: [{ messageId: 'decodeUsedForAuth', line: 2, data: { call: 'jwt.decode', library: 'jsonwebtoken', use: 'decide whether the request is let through', verify: VERIFY_ADVICE } }],
    },
    {
      name: 'jsonwebtoken 8 in the lockfile: the message names the version',
      code: `${jsonwebtoken}export const check = (token: string, key: string) => jwt.verify(token, key);`,
      filename: inProject('legacy-api'),
      errors: [
        {
          messageId: 'verifyWithoutAlgorithms',
          data: { call: 'jwt.verify', library: 'jsonwebtoken', algorithms: "'RS256'", versions: ", as jsonwebtoken 8.5.1 does (9.0.0 and later bind the algorithm to the key's type and refuse `none`)" },
        },
      ],
    },
    {
      name: 'fastify-jwt (the old name; jsonwebtoken 8 below 4.0.0) registered without verify algorithms',
      code: "import fastifyJwt from 'fastify-jwt';\nexport default async function plugin(fastify: any) {\n  await fastify.register(fastifyJwt, { secret: 'x', sign: { expiresIn: '1h' } });\n  fastify.get('/me', async (request: any) => fastify.jwt.verify(request.headers.authorization));\n}",
      errors: [
        {
          messageId: 'verifyWithoutAlgorithms',
          line: 4,
          data: { call: 'fastify.jwt.verify', library: '@fastify/jwt', algorithms: "'HS256'", versions: unknownVersion('fastify-jwt', '4.0.0') },
        },
      ],
    },
    {
      name: '@hapi/jwt strategy with verify: false',
      code: "import Jwt from '@hapi/jwt';\nexport async function register(server: any) {\n  await server.register(Jwt);\n  server.auth.strategy('legacy', 'jwt', { verify: false, validate: async () => ({ isValid: true }) });\n}",
      errors: [
        {
          messageId: 'decodeUsedForAuth',
          line: 4,
          data: {
            call: 'server.auth.strategy',
            library: '@hapi/jwt',
            use: 'authenticate the requests of the strategy (`verify: false`)',
            verify: "`verify: { aud, iss, sub }` in the `'jwt'` strategy (`false` for a claim you do not check)",
          },
        },
      ],
    },
    {
      name: "fast-jwt: a signer without expiresIn, called with a payload without exp",
      code: "import { createSigner } from 'fast-jwt';\nconst signInvite = createSigner({ key: 'secret' });\nexport const invite = (email: string) => signInvite({ email });\nexport const short = (email: string) => signInvite({ email, exp: 1 });",
      errors: [
        {
          messageId: 'signWithoutExpiry',
          line: 3,
          data: { call: 'signInvite', library: 'fast-jwt, a signer made by `createSigner` at line 2', fix: "Pass `expiresIn` (for example `expiresIn: '15m'`) or put `exp` in the payload." },
        },
      ],
    },
    {
      name: 'njwt verify without a key checks none',
      code: "import nJwt from 'njwt';\nexport const check = (token: string) => nJwt.verify(token);",
      errors: [{ messageId: 'noneAlgorithm', data: { call: 'nJwt.verify', library: 'njwt, which checks `none` when no key is given', algorithms: "'RS256'" }, suggestions: [] }],
    },
    {
      name: "jsrsasign verifyJWT with 'none' in alg",
      code: "import { KJUR } from 'jsrsasign';\nexport const check = (token: string, key: string) => KJUR.jws.JWS.verifyJWT(token, key, { alg: ['none'] });",
      errors: [{ messageId: 'noneAlgorithm', data: { call: 'KJUR.jws.JWS.verifyJWT', library: 'jsrsasign', algorithms: "'RS256'" }, suggestions: [] }],
    },
    {
      name: 'express-jwt of an unknown version without algorithms',
      code: `${expressJwt}export const auth = expressjwt({ secret: process.env.JWT_SECRET } as never);`,
      errors: [
        {
          messageId: 'verifyWithoutAlgorithms',
          data: { call: 'expressjwt', library: 'express-jwt', algorithms: "'RS256'", versions: " on express-jwt below 6.0.0 (6.0.0 and later refuse to start without it; this project's version is not known here)" },
        },
      ],
    },
    {
      name: "jws.verify with the algorithm of the token's own header",
      code: "import jws from 'jws';\nexport function check(token: string, key: string) {\n  const { header } = jws.decode(token);\n  return jws.verify(token, header.alg, key);\n}",
      errors: [
        {
          messageId: 'algorithmFromToken',
          line: 4,
          data: { call: 'jws.verify', library: 'jws', source: "the token's own header gives (`jws.decode(token)`)", algorithms: "'RS256'" },
        },
      ],
    },
    {
      name: 'hono/jwt verify with exp: false',
      code: "import { verify } from 'hono/jwt';\nexport const check = (token: string, secret: string) => verify(token, secret, { alg: 'HS256', exp: false });",
      errors: [
        {
          messageId: 'ignoreExpiration',
          data: { call: 'verify', library: 'hono/jwt', setting: 'exp: false' },
          suggestions: [{ messageId: 'removeIgnoreExpiration', data: { setting: 'exp: false' }, output: "import { verify } from 'hono/jwt';\nexport const check = (token: string, secret: string) => verify(token, secret, { alg: 'HS256' });" }],
        },
      ],
    },
    {
      name: 'jwt-simple decode with noVerify, used to authenticate; encode without exp',
      code: "const jwt = require('jwt-simple');\nfunction authenticate(req, res, next) {\n  req.user = jwt.decode(req.cookies.session, process.env.SECRET, true);\n  next();\n}\nconst issue = (id) => jwt.encode({ sub: id }, process.env.SECRET);\nmodule.exports = { authenticate, issue };",
      errors: [
        { messageId: 'decodeUsedForAuth', line: 3, data: { call: 'jwt.decode', library: 'jwt-simple', use: 'set `req.user`', verify: '`jwt.decode(token, key, false, ALGORITHM)`' } },
        { messageId: 'signWithoutExpiry', line: 6, data: { call: 'jwt.encode', library: 'jwt-simple', fix: 'Put `exp` in the payload (`exp: Math.floor(Date.now() / 1000) + 15 * 60`).' } },
      ],
    },
  ],
});

describe('jwt-verification patterns run in linear time', () => {
  const SIZE = 100_000;
  const inputs = ['a'.repeat(SIZE), 'unauthori'.repeat(SIZE / 9), 'find'.repeat(SIZE / 4), `${'secre'.repeat(SIZE / 5)}x`, 'aA1_'.repeat(SIZE / 4)];
  const patterns: Record<string, (input: string) => unknown> = {
    DENY_NAME: (input) => DENY_NAME.test(input),
    LOOKUP_CALL: (input) => LOOKUP_CALL.test(input),
    suggestedAlgorithm,
  };
  it.each(Object.keys(patterns))('%s takes under 100 ms on 100 KB adversarial inputs', (name) => {
    patterns[name]!('findUser'); // warm up: the measure is the input's length, not the JIT
    for (const input of inputs) {
      const started = performance.now();
      patterns[name]!(input);
      expect(performance.now() - started).toBeLessThan(100);
    }
  });
});
