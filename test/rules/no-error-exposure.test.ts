import tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-error-exposure.js';
import { DEVELOPMENT_FLAG, ERROR_PARAMETER_NAME, PRODUCTION_FLAG } from '../../src/catalog/responses.js';
import { slowInputs } from '../linear-time.js';

const ruleTester = new RuleTester();

const express = "import express from 'express';\nconst app = express();\n";
const advice = 'log the error and send a generic message with a request id instead';

/** The `useGenericMessage` suggestion: `exposed` (its first occurrence after `after`) becomes the generic message. */
function generic(code: string, exposed: string, after = '') {
  const start = code.indexOf(exposed, code.indexOf(after) + after.length);
  return [{ messageId: 'useGenericMessage' as const, output: `${code.slice(0, start)}'Internal server error'${code.slice(start + exposed.length)}` }];
}

// Cases whose suggestion output is derived from their code with `generic()`.
const textInTemplate = `${express}app.get('/x', async (req, res) => { try { await run(); } catch (error) { res.status(502).send(\`failed: \${error}\`); } });`;
const fallbackStatus = `${express}export function onError(err, req, res, next) { res.status(err.status || 500).json({ message: err.message }); }`;
const nestHttpException = "import { HttpException, HttpStatus } from '@nestjs/common';\nexport async function save() { try { await write(); } catch (err) { throw new HttpException({ reason: String(err) }, HttpStatus.BAD_GATEWAY); } }";
const honoHttpException = "import { HTTPException } from 'hono/http-exception';\nexport async function load() { try { return await fetchAll(); } catch (err) { throw new HTTPException(500, { message: (err as Error).message }); } }";
const nextResponse = "import { NextResponse } from 'next/server';\nexport async function GET() { try { return NextResponse.json(await load()); } catch (error) { return NextResponse.json({ error: error instanceof Error ? error.message : 'unknown' }, { status: 500 }); } }";
const koaBody = "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx, next) => { try { await next(); } catch (err) { ctx.status = err.status || 500; ctx.body = { message: err.message }; } });";
const nodeHttp = "import http from 'node:http';\nhttp.createServer((req, res) => { handle(req).catch((err) => { res.writeHead(500); res.end(err.stack); }); });";
const utilInspect = `import { inspect } from 'node:util';\n${express}app.get('/x', (req, res) => { load().then((r) => res.json(r), (failure) => res.status(500).send(inspect(failure))); });`;
const helperSends = `${express}function sendError(res, error) { res.status(500).json({ message: error.message }); }\napp.get('/x', async (req, res) => { try { await run(); } catch (e) { sendError(res, e); } });`;
const helperBuilds = `${express}const describe = (failure) => ({ message: failure.message, stack: failure.stack });\napp.get('/x', async (req, res) => { try { await run(); } catch (e) { res.status(500).json(describe(e)); } });`;
const nestRoute = "import { Controller, Get } from '@nestjs/common';\n@Controller('orders')\nexport class C {\n  @Get()\n  async list() { try { return await load(); } catch (e) { return { error: (e as Error).message }; } }\n}";
const fastifyReturn = "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/x', async (request, reply) => { try { return await load(); } catch (err) { reply.code(500); return { error: err.message }; } });";
const stackInGuard = `${express}app.use((err, req, res, next) => { if (err instanceof HttpError) return res.status(500).json({ stack: err.stack }); res.sendStatus(500); });`;
const developmentStack = `${express}app.use((err, req, res, next) => { res.status(500).json({ error: 'Internal', stack: process.env.NODE_ENV === 'development' ? err.stack : undefined }); });`;
const wrongDirection = `${express}app.use((err, req, res, next) => { res.status(500).json({ error: isProduction ? err.message : 'Internal' }); });`;
const unlistedClass = `${express}class QuotaError extends Error {}\napp.get('/x', async (req, res) => {\n  try { res.json(await load()); } catch (err) {\n    if (err instanceof QuotaError) return res.status(503).json({ error: err.message });\n    res.sendStatus(500);\n  }\n});`;
const customResponseName = `${express}app.get('/x', async (req, out) => {\n  try { out.json(await load()); } catch (err) { out.status(500).json({ error: err.message }); }\n});`;
const hono = "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/a', async (c) => { try { return c.json(await load()); } catch (e) { return c.json({ error: (e as Error).message }, 500); } });\napp.get('/b', async (c) => { try { return c.json(await load()); } catch (e) { c.status(503); return c.text((e as Error).stack ?? 'failed'); } });";

// rule-tester pins its own copy of @typescript-eslint/utils, whose types differ only nominally.
ruleTester.run('no-error-exposure', rule as never, {
  valid: [
    {
      name: 'error middleware whose options the rule cannot read (a spread may set debug) is not guessed',
      code: "import strongErrorHandler from 'strong-error-handler';\nimport express from 'express';\nconst app = express();\napp.use(strongErrorHandler({ ...settings.errors }));",
    },
    {
      name: 'a debug value that is not known to be true is not guessed',
      code: "import strongErrorHandler from 'strong-error-handler';\nimport express from 'express';\nconst app = express();\napp.use(strongErrorHandler({ debug: config.debug }));",
    },
    {
      name: 'an explicit 4xx status',
      code: `${express}app.post('/x', async (req, res) => {\n  try { await save(req.body); } catch (err) { res.status(400).json({ error: err.message }); }\n});`,
    },
    {
      name: 'the error is logged and a generic message with a request id is sent',
      code: `${express}app.get('/x', async (req, res) => {\n  try { res.json(await load()); } catch (err) {\n    req.log.error({ err });\n    res.status(500).json({ error: 'Internal server error', requestId: req.id });\n  }\n});`,
    },
    {
      name: 'a status the rule cannot read is not guessed',
      code: `${express}app.use((err, req, res, next) => { res.status(err.statusCode).json({ error: err.message }); });`,
    },
    {
      name: 'handing the error to next()',
      code: `${express}app.get('/x', (req, res, next) => { load().catch((err) => next(err)); });`,
    },
    {
      name: 'Koa hides the message of a 5xx thrown with ctx.throw',
      code: "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx, next) => { try { await next(); } catch (err) { ctx.throw(500, err.message); } });",
    },
    {
      name: 'a message guarded by the status',
      code: `${express}app.use((err, req, res, next) => {\n  const status = err.status ?? 500;\n  res.status(status).json({ error: status >= 500 ? 'Internal server error' : err.message });\n});`,
    },
    {
      name: 'an early exit for server errors guards what follows',
      code: `${express}app.use((err, req, res, next) => {\n  if (!(err instanceof HttpError)) return res.status(500).json({ error: 'Internal server error' });\n  res.status(500).json({ error: err.message });\n});`,
    },
    {
      name: 'safeErrorClasses adds a client-safe class',
      code: `${express}class QuotaError extends Error {}\napp.get('/x', async (req, res) => {\n  try { res.json(await load()); } catch (err) {\n    if (err instanceof QuotaError) return res.status(503).json({ error: err.message });\n    res.sendStatus(500);\n  }\n});`,
      options: [{ safeErrorClasses: ['QuotaError'] }],
    },
    {
      name: 'a receiver that is not a response object',
      code: `${express}app.get('/x', async (req, out) => {\n  try { out.json(await load()); } catch (err) { out.status(500).json({ error: err.message }); }\n});`,
    },
    {
      name: 'the stack only in development (allowDevelopmentOnly defaults to true)',
      code: `${express}app.use((err, req, res, next) => {\n  res.status(500).json({ error: 'Internal server error', stack: process.env.NODE_ENV !== 'production' ? err.stack : undefined });\n});`,
    },
    {
      name: 'an element callback named error is not a caught error',
      code: `${express}app.get('/x', (req, res) => { res.json({ errors: validate(req.body).map((error) => error.message) }); });`,
    },
    {
      name: 'a NestJS 4xx exception may carry the message',
      code: "import { BadRequestException } from '@nestjs/common';\nexport function parse(csv: string) { try { return read(csv); } catch (err) { throw new BadRequestException((err as Error).message); } }",
    },
    {
      name: 'a NestJS filter that only catches HttpException',
      code: "import { Catch, HttpException, type ArgumentsHost } from '@nestjs/common';\n@Catch(HttpException)\nexport class F { catch(exception, host: ArgumentsHost) { host.switchToHttp().getResponse().status(500).json({ message: exception.message }); } }",
    },
    {
      name: "Parse.Error through Babel's interop helper (compiled parse-server)",
      code: 'const _node = _interopRequireDefault(require("parse/node"));\nfunction _interopRequireDefault(e) { return e && e.__esModule ? e : { default: e }; }\nexport function handleParseErrors(err, req, res, next) {\n  if (err instanceof _node.default.Error) { res.status(500); res.json({ code: err.code, error: err.message }); }\n}',
    },
    {
      name: "Fastify's validation errors are written for the client",
      code: "import Fastify from 'fastify';\nconst app = Fastify();\napp.setErrorHandler((error, request, reply) => { reply.code(error.validation ? 400 : 500).send({ message: error.validation ? error.message : 'Internal Server Error' }); });",
    },
    {
      name: 'a string parameter named error',
      code: `${express}export function fail(res, error: string) { res.status(500).json({ error }); }`,
    },
  ],
  invalid: [
    {
      name: 'the message names the exposed value, what it is, the response and the status',
      code: `${express}app.get('/orders', async (req, res) => {\n  try { res.json(await load()); } catch (err) { res.status(500).json({ error: err.message }); }\n});`,
      errors: [
        {
          messageId: 'errorInResponse',
          data: { value: 'err.message', what: 'the message of `err`', response: '`res.status(500).json`', status: 'status 500' },
          line: 4,
          suggestions: [
            {
              messageId: 'useGenericMessage',
              output: `${express}app.get('/orders', async (req, res) => {\n  try { res.json(await load()); } catch (err) { res.status(500).json({ error: 'Internal server error' }); }\n});`,
            },
          ],
        },
      ],
    },
    {
      name: 'the stack trace, with the status left at the default',
      code: `${express}app.get('/x', (req, res) => { load().catch((e) => res.send(e.stack)); });`,
      errors: [
        {
          messageId: 'errorInResponse',
          data: { value: 'e.stack', what: 'the stack trace of `e`', response: '`res.send`', status: 'the default status' },
          suggestions: [
            { messageId: 'useGenericMessage', output: `${express}app.get('/x', (req, res) => { load().catch((e) => res.send('Internal server error')); });` },
          ],
        },
      ],
    },
    {
      name: 'the raw error object gets no suggestion',
      code: `${express}app.get('/x', (req, res) => { db.query('SELECT 1', (err, rows) => { if (err) return res.status(500).json(err); res.json(rows); }); });`,
      errors: [{ messageId: 'errorInResponse', data: { value: 'err', what: 'the raw error object `err`', response: '`res.status(500).json`', status: 'status 500' }, suggestions: [] }],
    },
    {
      name: 'the error as text in a template',
      code: textInTemplate,
      errors: [{ messageId: 'errorInResponse', data: { value: '`failed: ${error}`', what: 'the text of `error` (with its message)', response: '`res.status(502).send`', status: 'status 502' }, suggestions: generic(textInTemplate, '`failed: ${error}`') }],
    },
    {
      name: 'a status that falls back to 500',
      code: fallbackStatus,
      errors: [{ messageId: 'errorInResponse', data: { value: 'err.message', what: 'the message of `err`', response: '`res.status(err.status || 500).json`', status: 'status `err.status || 500`' }, suggestions: generic(fallbackStatus, 'err.message') }],
    },
    {
      name: 'a shorthand property gets a generic value',
      code: `${express}app.get('/x', async (req, res) => {\n  try { await run(); } catch (err) {\n    const { message } = err;\n    res.status(500).json({ ok: false, message });\n  }\n});`,
      errors: [
        {
          messageId: 'errorInResponse',
          line: 6,
          data: { value: 'message', what: 'the message of `err`', response: '`res.status(500).json`', status: 'status 500' },
          suggestions: [
            {
              messageId: 'useGenericMessage',
              output: `${express}app.get('/x', async (req, res) => {\n  try { await run(); } catch (err) {\n    const { message } = err;\n    res.status(500).json({ ok: false, message: 'Internal server error' });\n  }\n});`,
            },
          ],
        },
      ],
    },
    {
      name: 'NestJS InternalServerErrorException with the message',
      code: "import { InternalServerErrorException } from '@nestjs/common';\nexport async function save() { try { await write(); } catch (err) { throw new InternalServerErrorException(err.message); } }",
      errors: [
        {
          messageId: 'errorInException',
          data: { value: 'err.message', what: 'the message of `err`', response: '`new InternalServerErrorException()`', status: '500' },
          suggestions: [
            {
              messageId: 'useGenericMessage',
              output: "import { InternalServerErrorException } from '@nestjs/common';\nexport async function save() { try { await write(); } catch (err) { throw new InternalServerErrorException('Internal server error'); } }",
            },
          ],
        },
      ],
    },
    {
      name: 'NestJS HttpException with a 5xx HttpStatus',
      code: nestHttpException,
      errors: [{ messageId: 'errorInException', data: { value: 'String(err)', what: 'the text of `err` (with its message)', response: '`new HttpException()`', status: '502' }, suggestions: generic(nestHttpException, 'String(err)') }],
    },
    {
      name: 'Hono c.json with a 500 status argument, and the status set by c.status()',
      code: hono,
      errors: [
        { messageId: 'errorInResponse', line: 3, data: { value: '(e as Error).message', what: 'the message of `e`', response: '`c.json`', status: 'status 500' }, suggestions: generic(hono, '(e as Error).message') },
        { messageId: 'errorInResponse', line: 4, data: { value: "(e as Error).stack ?? 'failed'", what: 'the stack trace of `e`', response: '`c.text`', status: 'status 503' }, suggestions: generic(hono, "(e as Error).stack ?? 'failed'") },
      ],
    },
    {
      name: 'Hono HTTPException with the message',
      code: honoHttpException,
      errors: [{ messageId: 'errorInException', data: { value: '(err as Error).message', what: 'the message of `err`', response: '`new HTTPException()`', status: '500' }, suggestions: generic(honoHttpException, '(err as Error).message') }],
    },
    {
      name: 'Next.js NextResponse.json with { status: 500 }',
      code: nextResponse,
      errors: [{ messageId: 'errorInResponse', data: { value: "error instanceof Error ? error.message : 'unk...", what: 'the message of `error`', response: '`NextResponse.json`', status: 'status 500' }, suggestions: generic(nextResponse, 'error instanceof Error ? error.message : \'unknown\'') }],
    },
    {
      name: 'Koa ctx.body with ctx.status',
      code: koaBody,
      errors: [{ messageId: 'errorInResponse', data: { value: 'err.message', what: 'the message of `err`', response: '`ctx.body`', status: 'status `err.status || 500`' }, suggestions: generic(koaBody, 'err.message', 'ctx.body = ') }],
    },
    {
      name: "Node's http: writeHead then end",
      code: nodeHttp,
      errors: [{ messageId: 'errorInResponse', data: { value: 'err.stack', what: 'the stack trace of `err`', response: '`res.end`', status: 'status 500' }, suggestions: generic(nodeHttp, 'err.stack') }],
    },
    {
      name: 'util.inspect prints the stack',
      code: utilInspect,
      errors: [{ messageId: 'errorInResponse', data: { value: 'inspect(failure)', what: 'the stack trace of `failure`', response: '`res.status(500).send`', status: 'status 500' }, suggestions: generic(utilInspect, 'inspect(failure)', '.send(') }],
    },
    {
      name: 'a same-file helper that receives the caught error',
      code: helperSends,
      errors: [{ messageId: 'errorInResponse', line: 3, data: { value: 'error.message', what: 'the message of `error`', response: '`res.status(500).json`', status: 'status 500' }, suggestions: generic(helperSends, 'error.message') }],
    },
    {
      name: 'a same-file helper that builds the body from the error',
      code: helperBuilds,
      errors: [{ messageId: 'errorInResponse', line: 4, data: { value: 'describe(e)', what: 'the stack trace of `failure`', response: '`res.status(500).json`', status: 'status 500' }, suggestions: generic(helperBuilds, 'describe(e)', '.json(') }],
    },
    {
      name: 'a NestJS route that returns the message with the default status',
      code: nestRoute,
      errors: [{ messageId: 'errorInResponse', line: 5, data: { value: '(e as Error).message', what: 'the message of `e`', response: 'the return value of the NestJS route `list()`', status: 'the default status' }, suggestions: generic(nestRoute, '(e as Error).message') }],
    },
    {
      name: 'a Fastify route handler that returns the message',
      code: fastifyReturn,
      errors: [{ messageId: 'errorInResponse', data: { value: 'err.message', what: 'the message of `err`', response: 'the return value of the Fastify route handler', status: 'status 500' }, suggestions: generic(fastifyReturn, 'err.message') }],
    },
    {
      name: 'the stack counts even inside a client-safe guard',
      code: stackInGuard,
      errors: [{ messageId: 'errorInResponse', data: { value: 'err.stack', what: 'the stack trace of `err`', response: '`res.status(500).json`', status: 'status 500' }, suggestions: generic(stackInGuard, 'err.stack') }],
    },
    {
      name: 'error middleware options in a constant',
      code: "import strongErrorHandler from 'strong-error-handler';\nimport express from 'express';\nconst app = express();\nconst errorOptions = { debug: true, log: true };\napp.use(strongErrorHandler(errorOptions));",
      errors: [
        {
          messageId: 'exposingHandler',
          data: { call: 'strongErrorHandler()', library: 'strong-error-handler', what: 'the stack trace and message', how: ' (`debug: true`)' },
        },
      ],
    },
    {
      name: 'allowDevelopmentOnly: false reports error middleware mounted in development',
      code: "import errorhandler from 'errorhandler';\nimport express from 'express';\nconst app = express();\nif (process.env.NODE_ENV !== 'production') app.use(errorhandler());",
      options: [{ allowDevelopmentOnly: false }],
      errors: [{ messageId: 'exposingHandler', data: { call: 'errorhandler()', library: 'errorhandler', what: 'the stack trace and message', how: '' } }],
    },
    {
      name: 'allowDevelopmentOnly: false reports the development-only stack',
      code: developmentStack,
      options: [{ allowDevelopmentOnly: false }],
      errors: [{ messageId: 'errorInResponse', data: { value: "process.env.NODE_ENV === 'development' ? err....", what: 'the stack trace of `err`', response: '`res.status(500).json`', status: 'status 500' }, suggestions: generic(developmentStack, 'process.env.NODE_ENV === \'development\' ? err.stack : undefined') }],
    },
    {
      name: 'a development guard in the wrong direction is no excuse',
      code: wrongDirection,
      errors: [{ messageId: 'errorInResponse', data: { value: "isProduction ? err.message : 'Internal'", what: 'the message of `err`', response: '`res.status(500).json`', status: 'status 500' }, suggestions: generic(wrongDirection, 'isProduction ? err.message : \'Internal\'') }],
    },
    {
      name: 'without safeErrorClasses the class is not trusted',
      code: unlistedClass,
      errors: [{ messageId: 'errorInResponse', line: 6, suggestions: generic(unlistedClass, 'err.message') }],
    },
    {
      name: 'responseNames adds a response object name',
      code: customResponseName,
      options: [{ responseNames: ['out'] }],
      errors: [{ messageId: 'errorInResponse', data: { value: 'err.message', what: 'the message of `err`', response: '`out.status(500).json`', status: 'status 500' }, suggestions: generic(customResponseName, 'err.message', 'catch') }],
    },
    {
      name: 'a result object whose error field holds the caught error only on the path that sends it with 500',
      code: `${express}app.post('/login', async (req, res) => {\n  const result = {};\n  let status = 200;\n  try {\n    const user = await find(req.body.username);\n    if (!user) {\n      status = 404;\n      result.error = 'Login failed for ' + req.body.username;\n      return res.status(status).send(result);\n    }\n    result.user = user.id;\n    res.status(status).send(result);\n  } catch (err) {\n    status = 500;\n    result.error = err;\n    res.status(status).send(result);\n  }\n});`,
      errors: [{ messageId: 'errorInResponse', line: 18, data: { value: 'result', what: 'the raw error object `err`', response: '`res.status(status).send`', status: 'status 500' }, suggestions: [] }],
    },
    {
      name: 'a body object mutated with the message',
      code: `${express}app.get('/x', async (req, res) => {\n  try { await run(); } catch (err) {\n    const body = { error: 'failed' };\n    body.detail = err.message;\n    res.status(500).json(body);\n  }\n});`,
      errors: [{ messageId: 'errorInResponse', line: 7, data: { value: 'body', what: 'the message of `err`', response: '`res.status(500).json`', status: 'status 500' }, suggestions: [] }],
    },
  ],
});

describe('messages', () => {
  it('say what to do instead', () => {
    expect(rule.meta.messages.errorInResponse).toContain(advice);
  });
});

describe('regular expressions run in linear time on 100 KB adversarial input', () => {
  const SIZE = 100_000;
  const inputs: Record<string, string> = {
    letters: 'a'.repeat(SIZE),
    camel: 'aA'.repeat(SIZE / 2),
    errorish: 'errE'.repeat(SIZE / 4),
    spaces: ' '.repeat(SIZE),
    devs: 'isdev'.repeat(SIZE / 5),
    modes: `is${'devmode'.repeat(SIZE / 7)}`,
    errorWords: `a${'Error'.repeat(SIZE / 5)}x`,
  };
  const patterns: Record<string, RegExp> = { DEVELOPMENT_FLAG, PRODUCTION_FLAG, ERROR_PARAMETER_NAME };
  it.each(Object.keys(patterns))('%s', (name) => {
    expect(slowInputs(inputs, (input) => patterns[name]!.test(input))).toEqual([]);
  });

  it('the rule handles a file of long lines, long names and a 100 KB string in time', () => {
    const longName = `e${'rr'.repeat(20_000)}Error`;
    const code = [
      "import express from 'express';",
      'const app = express();',
      `app.get('/x', (req, res) => { load((${longName}) => res.status(500).send(${longName}.message + '${'x'.repeat(SIZE)}')); });`,
      `app.use((err, req, res, next) => res.status(500).json({ error: err.message, pad: \`${' '.repeat(SIZE)}\n${' '.repeat(SIZE)}\` }));`,
    ].join('\n');
    const linter = new Linter({ configType: 'flat' });
    const started = performance.now();
    const messages = linter.verify(code, [{ files: ['**/*.ts'], plugins: { persona: { rules: { 'no-error-exposure': rule } } as never }, languageOptions: { parser: tsParser as never }, rules: { 'persona/no-error-exposure': 'error' } }], { filename: 'long.ts' });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(messages.map((message) => [message.line, message.messageId])).toEqual([
      [3, 'errorInResponse'],
      [4, 'errorInResponse'],
    ]);
  });
});
