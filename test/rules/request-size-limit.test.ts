import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/request-size-limit.js';
import { SIZE_COUNTER_NAME, SIZE_TEXT, formatSize, parseSize } from '../../src/catalog/body-parsers.js';
import { slowInputs } from '../linear-time.js';

const ruleTester = new RuleTester();

const express = "import express from 'express';\nconst app = express();\n";
const above = (call: string, limit: string, key = 'limit', maximum = '1mb') => ({ call, limit, maximum, key });

/** An upload parser without a file size limit, and the suggestion that adds `limits.fileSize`. */
const missingFileLimit = (name: string, code: string, output: string, data: Record<string, string>, replacement: string, options?: Record<string, unknown>) => ({
  name,
  code,
  options: options ? [options] : [],
  errors: [
    {
      messageId: 'uploadWithoutFileLimit' as const,
      data: { ...data, key: 'limits.fileSize' },
      suggestions: [{ messageId: 'addFileLimit' as const, data: { key: 'limits.fileSize', replacement }, output }],
    },
  ],
});

/** A file limit that is unbounded or too large, and the suggestion that writes the file maximum in its place. */
const fileLimitReplaced = (name: string, code: string, limit: string, messageId: 'unboundedFileLimit' | 'fileLimitAboveMaximum', data: Record<string, string>, replacement: string, options?: Record<string, unknown>) => ({
  name,
  code,
  options: options ? [options] : [],
  errors: [{ messageId, data, suggestions: [{ messageId: 'useMaximum' as const, data: { replacement }, output: code.replace(limit, replacement) }] }],
});

// rule-tester pins its own copy of @typescript-eslint/utils, whose types differ only nominally.
ruleTester.run('request-size-limit', rule as never, {
  valid: [
    { name: 'the default limit of body-parser', code: `${express}app.use(express.json());` },
    { name: 'a limit at the maximum', code: `${express}app.use(express.json({ limit: '1mb' }));` },
    { name: 'a limit in bytes below the maximum', code: `${express}app.use(express.json({ limit: 512 * 1024 }));` },
    { name: 'a limit from configuration', code: `${express}import { config } from './config';\napp.use(express.json({ limit: config.bodyLimit }));` },
    { name: 'a raised maximum', code: `${express}app.use(express.json({ limit: '10mb' }));`, options: [{ maximum: '10mb' }] },
    { name: 'a maximum in bytes', code: `${express}app.use(express.json({ limit: '2mb' }));`, options: [{ maximum: 4 * 1024 * 1024 }] },
    { name: 'Fastify within the maximum', code: "import Fastify from 'fastify';\nexport const app = Fastify({ bodyLimit: 1048576 });" },
    { name: 'raw-body with a limit', code: "import getRawBody from 'raw-body';\nexport const read = (req: any) => getRawBody(req, { limit: '1mb' });" },
    {
      name: 'chunks counted against a limit',
      code: "export function read(req: any) {\n  const chunks: Buffer[] = [];\n  let size = 0;\n  req.on('data', (chunk: Buffer) => {\n    size += chunk.length;\n    if (size > 1e6) return req.destroy();\n    chunks.push(chunk);\n  });\n}",
    },
    { name: 'raw bodies are not checked with rawBodies: false', code: "import getRawBody from 'raw-body';\nexport const read = (req: any) => getRawBody(req);", options: [{ rawBodies: false }] },
    { name: 'Web Request bodies are not checked by default', code: 'export async function POST(request: Request) {\n  return Response.json(await request.json());\n}' },
    {
      name: 'a Web Request body in a file that mounts a body limit',
      code: "import { Hono } from 'hono';\nimport { bodyLimit } from 'hono/body-limit';\nconst app = new Hono();\napp.use(bodyLimit({ maxSize: 1024 * 1024 }));\napp.post('/x', async (c) => c.json(await c.req.json()));",
      options: [{ webRequests: true }],
    },
    { name: 'multer with a file size limit', code: "import multer from 'multer';\nexport const upload = multer({ dest: 'tmp', limits: { fileSize: 5 * 1024 * 1024 } });" },
    { name: 'formidable without options: its 200 MB default', code: "import formidable from 'formidable';\nexport const form = formidable();" },
    { name: 'multer options the rule cannot read', code: "import multer from 'multer';\nimport { options } from './uploads';\nexport const upload = multer(options);" },
    { name: 'a raised file maximum', code: "import multer from 'multer';\nexport const upload = multer({ limits: { fileSize: 1024 * 1024 * 1024 } });", options: [{ fileMaximum: '1gb' }] },
    { name: 'a limit key of something else', code: "export const page = { limit: '50mb' };\nexport const rows = db.select().limit(5000);\ndeclare const db: any;" },
  ],
  invalid: [
    missingFileLimit(
      'multer without a file size limit: the limit is added to its options',
      "import multer from 'multer';\nexport const upload = multer({ dest: 'tmp' });",
      "import multer from 'multer';\nexport const upload = multer({ dest: 'tmp', limits: { fileSize: 200 * 1024 * 1024 } });",
      { call: 'multer', why: 'no `limits.fileSize`, and multer has no default limit', maximum: '200mb', storage: 'disk' },
      '200 * 1024 * 1024',
    ),
    missingFileLimit(
      'busboy with limits but no fileSize, and a file maximum in bytes',
      "import busboy from 'busboy';\nexport const parse = (req: any) => busboy({ headers: req.headers, limits: { files: 1 } });",
      "import busboy from 'busboy';\nexport const parse = (req: any) => busboy({ headers: req.headers, limits: { files: 1, fileSize: 10 * 1024 * 1024 } });",
      { call: 'busboy', why: '`limits` sets no `fileSize`', maximum: '10mb', storage: 'storage' },
      '10 * 1024 * 1024',
      { fileMaximum: 10 * 1024 * 1024 },
    ),
    missingFileLimit(
      'multer with memory storage held in a const',
      "import multer from 'multer';\nconst storage = multer.memoryStorage();\nexport const upload = multer({ storage });",
      "import multer from 'multer';\nconst storage = multer.memoryStorage();\nexport const upload = multer({ storage, limits: { fileSize: 200 * 1024 * 1024 } });",
      { call: 'multer', why: 'no `limits.fileSize`, and multer has no default limit', maximum: '200mb', storage: 'memory' },
      '200 * 1024 * 1024',
    ),
    {
      name: 'multer called without options',
      code: "import multer from 'multer';\nexport const upload = multer();",
      errors: [
        {
          messageId: 'uploadWithoutFileLimit',
          data: { call: 'multer', why: 'no `limits.fileSize`, and multer has no default limit', key: 'limits.fileSize', maximum: '200mb', storage: 'memory' },
          suggestions: [{ messageId: 'addFileLimit', data: { key: 'limits.fileSize', replacement: '200 * 1024 * 1024' }, output: "import multer from 'multer';\nexport const upload = multer({ limits: { fileSize: 200 * 1024 * 1024 } });" }],
        },
      ],
    },
    fileLimitReplaced(
      'formidable with an infinite file size',
      "import formidable from 'formidable';\nexport const form = formidable({ maxFileSize: Infinity });",
      'Infinity',
      'unboundedFileLimit',
      { call: 'formidable', why: '`Infinity`', key: 'maxFileSize', maximum: '200mb', storage: 'disk' },
      '200 * 1024 * 1024',
    ),
    fileLimitReplaced(
      'a file limit above the file maximum',
      "import fileUpload from 'express-fileupload';\nexport const upload = fileUpload({ limits: { fileSize: 50 * 1024 * 1024 } });",
      '50 * 1024 * 1024',
      'fileLimitAboveMaximum',
      { call: 'express-fileupload', limit: '50mb', maximum: '10mb', key: 'limits.fileSize', storage: 'memory' },
      '10 * 1024 * 1024',
      { fileMaximum: '10mb' },
    ),
    {
      name: 'formidable maxFields 0 is no limit',
      code: "import formidable from 'formidable';\nexport const form = formidable({ maxFileSize: 1024 * 1024, maxFields: 0 });",
      errors: [{ messageId: 'unboundedCount', data: { call: 'formidable', what: 'fields', why: '`0` is no limit to formidable', key: 'maxFields' } }],
    },
    {
      name: 'express.json above the maximum, with a suggestion',
      code: `${express}app.use(express.json({ limit: '50mb' }));`,
      errors: [
        {
          messageId: 'limitAboveMaximum',
          data: above('express.json', '50mb'),
          line: 3,
          suggestions: [{ messageId: 'useMaximum', data: { replacement: "'1mb'" }, output: `${express}app.use(express.json({ limit: '1mb' }));` }],
        },
      ],
    },
    {
      name: 'a numeric limit is replaced by a number',
      code: `${express}app.use(express.raw({ limit: 20 * 1024 * 1024 }));`,
      errors: [
        {
          messageId: 'limitAboveMaximum',
          data: above('express.raw', '20mb'),
          suggestions: [{ messageId: 'useMaximum', data: { replacement: '1048576' }, output: `${express}app.use(express.raw({ limit: 1048576 }));` }],
        },
      ],
    },
    {
      name: 'Infinity removes the limit',
      code: "import bodyParser from 'body-parser';\nexport const parse = bodyParser.json({ limit: Infinity });",
      errors: [
        {
          messageId: 'unboundedLimit',
          data: { call: 'bodyParser.json', why: '`Infinity`', key: 'limit', maximum: '1mb' },
          suggestions: [{ messageId: 'useMaximum', data: { replacement: "'1mb'" }, output: "import bodyParser from 'body-parser';\nexport const parse = bodyParser.json({ limit: '1mb' });" }],
        },
      ],
    },
    {
      name: 'text that bytes cannot parse is no limit at all',
      code: `${express}app.use(express.urlencoded({ extended: true, limit: 'unlimited' }));`,
      errors: [
        {
          messageId: 'unboundedLimit',
          data: { call: 'express.urlencoded', why: "'unlimited' is not a size: it parses to no limit at all", key: 'limit', maximum: '1mb' },
          suggestions: [{ messageId: 'useMaximum', data: { replacement: "'1mb'" }, output: `${express}app.use(express.urlencoded({ extended: true, limit: '1mb' }));` }],
        },
      ],
    },
    {
      name: 'a configured maximum in the message',
      code: "import { koaBody } from 'koa-body';\nexport const parse = koaBody({ jsonLimit: '8mb' });",
      options: [{ maximum: '5mb' }],
      errors: [
        {
          messageId: 'limitAboveMaximum',
          data: above('koa-body', '8mb', 'jsonLimit', '5mb'),
          suggestions: [{ messageId: 'useMaximum', data: { replacement: "'5mb'" }, output: "import { koaBody } from 'koa-body';\nexport const parse = koaBody({ jsonLimit: '5mb' });" }],
        },
      ],
    },
    {
      name: 'Fastify route options',
      code: "import Fastify from 'fastify';\nconst app = Fastify();\napp.post('/docs', { bodyLimit: 10 * 1048576 }, async () => ({}));",
      errors: [
        {
          messageId: 'limitAboveMaximum',
          data: above('app.post(...)', '10mb', 'bodyLimit'),
          suggestions: [
            { messageId: 'useMaximum', data: { replacement: '1048576' }, output: "import Fastify from 'fastify';\nconst app = Fastify();\napp.post('/docs', { bodyLimit: 1048576 }, async () => ({}));" },
          ],
        },
      ],
    },
    {
      name: 'NestJS useBodyParser',
      code: "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nexport async function bootstrap() {\n  const app = await NestFactory.create(AppModule, { bodyParser: false });\n  app.useBodyParser('json', { limit: '25mb' });\n}",
      errors: [
        {
          messageId: 'limitAboveMaximum',
          data: above("app.useBodyParser('json')", '25mb'),
          suggestions: [
            {
              messageId: 'useMaximum',
              data: { replacement: "'1mb'" },
              output:
                "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nexport async function bootstrap() {\n  const app = await NestFactory.create(AppModule, { bodyParser: false });\n  app.useBodyParser('json', { limit: '1mb' });\n}",
            },
          ],
        },
      ],
    },
    {
      name: 'raw-body without a limit',
      code: "import getRawBody from 'raw-body';\nexport const read = (req: any) => getRawBody(req, { encoding: 'utf8' });",
      errors: [{ messageId: 'rawBodyWithoutLimit', data: { how: '`getRawBody(...)` (raw-body) without `limit`', maximum: '1mb' } }],
    },
    {
      name: 'chunks collected from the request without a size check',
      code: "export function read(req: any) {\n  let body = '';\n  req.on('data', (chunk: string) => { body += chunk; });\n  return new Promise((resolve) => req.on('end', () => resolve(body)));\n}",
      errors: [{ messageId: 'rawBodyWithoutLimit', data: { how: "`req.on('data')` collects every chunk", maximum: '1mb' }, line: 3 }],
    },
    {
      name: 'a whole Web Request body with webRequests',
      code: 'export async function POST(request: Request) {\n  const data = await request.arrayBuffer();\n  return new Response(String(data.byteLength));\n}',
      options: [{ webRequests: true }],
      errors: [{ messageId: 'wholeWebBody', data: { call: 'request.arrayBuffer', maximum: '1mb' } }],
    },
  ],
});

describe('sizes', () => {
  it('parses sizes as bytes.parse does', () => {
    expect(parseSize('1mb')).toBe(1048576);
    expect(parseSize('100KB')).toBe(102400);
    expect(parseSize('1.5 mb')).toBe(1572864);
    expect(parseSize('2048')).toBe(2048);
    expect(parseSize('50 megabytes')).toBeNull();
    expect(parseSize('')).toBeNull();
  });

  it('formats sizes for messages', () => {
    expect(formatSize(1048576)).toBe('1mb');
    expect(formatSize(52428800)).toBe('50mb');
    expect(formatSize(1536)).toBe('1.5kb');
    expect(formatSize(1000)).toBe('1000 bytes');
  });

  it.each(Object.entries({ SIZE_TEXT, SIZE_COUNTER_NAME }))('%s takes under 100 ms on every 100 KB adversarial input', (_name, pattern) => {
    const inputs = {
      digits: '1'.repeat(100_000),
      spaces: ` ${' '.repeat(100_000)}x`,
      numberThenSpaces: `1${' '.repeat(100_000)}x`,
      unitThenSpaces: `1mb${' '.repeat(100_000)}x`,
      decimals: `${'1.'.repeat(50_000)}x`,
      letters: `${'size'.repeat(25_000)}!`,
    };
    expect(slowInputs(inputs, (input) => pattern.test(input))).toEqual([]);
  });
});
