import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-blocking-io.js';

const ruleTester = new RuleTester();

const express = "import express from 'express';\nimport fs from 'node:fs';\nconst app = express();\n";
const readFileAlternative = '`await fs.promises.readFile(...)` (`node:fs/promises`)';

// rule-tester pins its own copy of @typescript-eslint/utils, whose types differ only nominally.
ruleTester.run('no-blocking-io', rule as never, {
  valid: [
    {
      name: 'module top level',
      code: `${express}const config = JSON.parse(fs.readFileSync('config.json', 'utf8'));\napp.get('/config', (req, res) => res.json(config));`,
    },
    {
      name: 'fs/promises and fs.promises',
      code: `${express}import { readFile } from 'node:fs/promises';\napp.get('/a', async (req, res) => res.send(await readFile('a.txt')));\napp.get('/b', async (req, res) => res.send(await fs.promises.readFile('b.txt')));`,
    },
    {
      name: 'a function no handler calls',
      code: `${express}export function load() { return fs.readFileSync('a.txt'); }\napp.get('/a', (req, res) => res.send('a'));`,
    },
    {
      name: 'a file without request handlers',
      code: "import { readFileSync } from 'fs';\nexport const read = (file: string) => readFileSync(file, 'utf8');",
    },
    {
      name: 'a memoized read into a module-level variable',
      code: `${express}let page: Buffer | undefined;\nfunction getPage() { if (!page) page = fs.readFileSync('page.html'); return page; }\napp.get('/', (req, res) => res.send(getPage()));`,
    },
    {
      name: 'a logical assignment cache',
      code: `${express}let key: string | undefined;\napp.get('/key', (req, res) => { key ??= fs.readFileSync('key.pem', 'utf8'); res.send(key); });`,
    },
    {
      name: 'a startup function called at the bottom',
      code: `${express}function bootstrap() { fs.mkdirSync('uploads', { recursive: true }); app.listen(3000); }\nbootstrap();`,
    },
    {
      name: 'a local function named like a sync call',
      code: `${express}const readFileSync = (name: string) => name;\napp.get('/a', (req, res) => res.send(readFileSync('a')));`,
    },
    {
      name: 'a test file by the default globs',
      filename: 'src/routes/files.test.ts',
      code: `${express}app.get('/a', (req, res) => res.send(fs.readFileSync('a.txt')));`,
    },
    {
      name: 'a command-line script by the default globs',
      filename: 'scripts/serve-fixtures.ts',
      code: `${express}app.get('/a', (req, res) => res.send(fs.readFileSync('a.txt')));`,
    },
    {
      name: 'ignoredFiles replaces the globs',
      filename: 'src/dev/mock-server.ts',
      options: [{ ignoredFiles: ['src/dev/**'] }],
      code: `${express}app.get('/a', (req, res) => res.send(fs.readFileSync('a.txt')));`,
    },
    {
      name: 'allowedCalls by export name',
      options: [{ allowedCalls: ['existsSync'] }],
      code: `${express}app.get('/a', (req, res) => res.sendStatus(fs.existsSync('a.txt') ? 200 : 404));`,
    },
    {
      name: 'allowedCalls by module and name',
      options: [{ allowedCalls: ['bcryptjs.compareSync'] }],
      code: `${express}import bcrypt from 'bcryptjs';\napp.post('/login', (req, res) => res.sendStatus(bcrypt.compareSync(req.body.password, 'hash') ? 204 : 401));`,
    },
    {
      name: 'cheap crypto',
      code: `${express}import crypto from 'node:crypto';\napp.get('/id', (req, res) => res.send(crypto.randomBytes(16).toString('hex') + crypto.createHash('sha256').update('x').digest('hex')));`,
    },
  ],
  invalid: [
    {
      name: 'a read in an Express handler',
      code: `${express}app.get('/report', (req, res) => res.send(fs.readFileSync('report.csv')));`,
      errors: [
        {
          messageId: 'blockingInHandler',
          line: 4,
          data: { call: 'fs.readFileSync', kind: 'file system I/O', handler: 'the request handler for `GET /report`', alternative: readFileAlternative },
        },
      ],
    },
    {
      name: 'existsSync is reported by default',
      code: `${express}app.get('/a', (req, res) => res.sendStatus(fs.existsSync('a.txt') ? 200 : 404));`,
      errors: [
        {
          messageId: 'blockingInHandler',
          data: { call: 'fs.existsSync', kind: 'file system I/O', handler: 'the request handler for `GET /a`', alternative: '`await fs.promises.access(path)` (or `stat`) in a try/catch' },
        },
      ],
    },
    {
      name: 'a helper two calls away',
      code: `${express}function readRows(file: string) { return fs.readFileSync(file, 'utf8').split('\\n'); }\nfunction report() { return readRows('data.csv').length; }\napp.get('/count', (req, res) => res.json({ count: report() }));`,
      errors: [
        {
          messageId: 'blockingInHelper',
          line: 4,
          data: { call: 'fs.readFileSync', kind: 'file system I/O', helper: 'readRows', handler: 'the request handler for `GET /count`', chain: ' (through `report()`)', alternative: readFileAlternative },
        },
      ],
    },
    {
      name: 'destructured require in CommonJS, child process',
      code: "const { execSync } = require('child_process');\nconst router = require('express').Router();\nrouter.post('/deploy', (req, res) => res.send(execSync('./deploy.sh')));",
      errors: [
        {
          messageId: 'blockingInHandler',
          data: { call: 'execSync', kind: 'child process execution', handler: 'the request handler for `POST /deploy`', alternative: '`promisify(exec)` (`node:util`), awaited' },
        },
      ],
    },
    {
      name: 'bcrypt in a NestJS controller',
      code: "import { Body, Controller, Post } from '@nestjs/common';\nimport * as bcrypt from 'bcrypt';\n@Controller('users')\nexport class UsersController {\n  @Post()\n  create(@Body() body: { password: string }) {\n    return { hash: bcrypt.hashSync(body.password, 12) };\n  }\n}",
      errors: [
        {
          messageId: 'blockingInHandler',
          line: 7,
          data: { call: 'bcrypt.hashSync', kind: 'password hashing', handler: 'the request handler for `POST /users`', alternative: '`await bcrypt.hash(...)`' },
        },
      ],
    },
    {
      name: 'zlib in a Next.js route handler without a path',
      code: "import { NextResponse } from 'next/server';\nimport { gzipSync } from 'node:zlib';\nexport async function POST(request: Request) {\n  return new NextResponse(gzipSync(await request.text()));\n}",
      errors: [
        {
          messageId: 'blockingInHandler',
          data: { call: 'gzipSync', kind: 'compression', handler: 'the `POST` request handler', alternative: '`promisify(zlib.gzip)`, awaited, or a stream' },
        },
      ],
    },
    {
      name: 'a controller file handler by signature',
      filename: 'src/controllers/keys.controller.js',
      code: "const crypto = require('crypto');\nexports.derive = (req, res) => res.send(crypto.scryptSync(req.body.secret, 'salt', 64));",
      errors: [
        {
          messageId: 'blockingInHandler',
          data: { call: 'crypto.scryptSync', kind: 'CPU-heavy crypto', handler: 'the request handler `derive`', alternative: '`promisify(crypto.scrypt)`, awaited' },
        },
      ],
    },
    {
      name: 'a plain assignment without a guard is no cache',
      code: `${express}let last: Buffer;\napp.get('/last', (req, res) => { last = fs.readFileSync('last.bin'); res.send(last); });`,
      errors: [{ messageId: 'blockingInHandler' }],
    },
  ],
});
