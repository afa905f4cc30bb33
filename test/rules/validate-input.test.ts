import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/validate-input.js';

const ruleTester = new RuleTester();

const express = "import express from 'express';\nimport { z } from 'zod';\nconst app = express();\nconst Body = z.object({ name: z.string() });\n";
const expressMiddleware = 'celebrate, express-validator, `validate(schema)`';
const nest = "import { Body, Controller, Post, Query } from '@nestjs/common';\n";

// rule-tester pins its own copy of @typescript-eslint/utils, whose types differ only nominally.
ruleTester.run('validate-input', rule as never, {
  valid: [
    { name: 'zod parse of the body', code: `${express}app.post('/a', (req, res) => res.json(Body.parse(req.body)));` },
    { name: 'a handler that reads no input', code: `${express}app.get('/a', (req, res) => res.json({ ok: true }));` },
    { name: 'route parameters are off by default', code: `${express}app.get('/a/:id', (req, res) => res.json({ id: req.params.id }));` },
    { name: 'a number coercion of a query value', code: `${express}app.get('/a', (req, res) => res.json({ page: Number(req.query.page) }));` },
    { name: 'a test in a condition', code: `${express}app.post('/a', (req, res) => res.sendStatus(req.body.force ? 202 : 204));` },
    {
      name: 'validation middleware by name',
      code: `${express}import { validateBody } from './validation';\napp.post('/a', validateBody(Body), (req, res) => res.json(req.body));`,
    },
    {
      name: 'a configured validator',
      options: [{ validators: ['requireFields'] }],
      code: `${express}import { requireFields } from './http';\napp.post('/a', requireFields('name'), (req, res) => res.json(req.body));`,
    },
    {
      name: 'a service receives the input',
      code: `${express}import { usersService } from './users.service';\napp.post('/a', async (req, res) => res.json(await usersService.create(req.body)));`,
    },
    {
      name: 'a Fastify body schema',
      code: "import Fastify from 'fastify';\nconst app = Fastify();\napp.post('/a', { schema: { body: { type: 'object' } } }, async (request) => request.body);",
    },
    {
      name: 'a NestJS DTO class is trusted by default',
      code: `${nest}import { CreateDto } from './create.dto';\n@Controller('a')\nexport class A {\n  @Post()\n  create(@Body() dto: CreateDto) { return dto; }\n}`,
    },
    {
      name: 'a NestJS DTO class with a ValidationPipe in the file when not trusted',
      options: [{ trustDtoClasses: false }],
      code: `${nest}import { UsePipes, ValidationPipe } from '@nestjs/common';\nimport { CreateDto } from './create.dto';\n@Controller('a')\n@UsePipes(new ValidationPipe())\nexport class A {\n  @Post()\n  create(@Body() dto: CreateDto) { return dto; }\n}`,
    },
    {
      name: 'a controller function whose route is elsewhere',
      filename: 'src/controllers/users.controller.js',
      code: "exports.create = (req, res) => res.json(req.body);",
    },
    {
      name: 'params are not checked when only the body is',
      options: [{ inputs: ['body'] }],
      code: `${express}app.get('/a', (req, res) => res.json({ q: req.query.q }));`,
    },
  ],
  invalid: [
    {
      name: 'the body passed to the database',
      code: `${express}import { db } from './db';\napp.post('/users', async (req, res) => res.json(await db.users.insert(req.body)));`,
      errors: [{ messageId: 'unvalidatedInput', line: 6, data: { handler: 'The request handler for `POST /users`', inputs: '`req.body`', middleware: expressMiddleware } }],
    },
    {
      name: 'one report per handler, naming every input',
      code: `${express}import { db } from './db';\napp.put('/users/:id', async (req, res) => {\n  const { name } = req.body;\n  res.json(await db.users.update(req.query.tenant, name));\n});`,
      errors: [{ messageId: 'unvalidatedInput', line: 7, data: { handler: 'The request handler for `PUT /users/:id`', inputs: '`req.body` and `req.query`', middleware: expressMiddleware } }],
    },
    {
      name: 'route parameters when configured',
      options: [{ inputs: ['params'] }],
      code: `${express}import { db } from './db';\napp.get('/users/:id', async (req, res) => res.json(await db.users.find(req.params.id)));`,
      errors: [{ messageId: 'unvalidatedInput', data: { handler: 'The request handler for `GET /users/:id`', inputs: '`req.params`', middleware: expressMiddleware } }],
    },
    {
      name: 'a service call when services are not trusted',
      options: [{ trustServices: false }],
      code: `${express}import { usersService } from './users.service';\napp.post('/a', async (req, res) => res.json(await usersService.create(req.body)));`,
      errors: [{ messageId: 'unvalidatedInput' }],
    },
    {
      name: 'Hono body',
      code: "import { Hono } from 'hono';\nconst app = new Hono();\napp.post('/notes', async (c) => c.json(await save(await c.req.json())));",
      errors: [{ messageId: 'unvalidatedInput', data: { handler: 'The request handler for `POST /notes`', inputs: '`c.req.json()`', middleware: '`zValidator(...)` from @hono/zod-validator' } }],
    },
    {
      name: 'Koa query',
      code: "import Router from '@koa/router';\nconst router = new Router();\nrouter.get('/p', async (ctx) => { ctx.body = await find(ctx.query.q); });",
      errors: [{ messageId: 'unvalidatedInput', data: { handler: 'The request handler for `GET /p`', inputs: '`ctx.query`', middleware: 'a validation middleware before the handler' } }],
    },
    {
      name: 'a Fastify schema for the response only',
      code: "import Fastify from 'fastify';\nconst app = Fastify();\napp.post('/a', { schema: { response: { 200: {} } } }, async (request) => save(request.body));",
      errors: [{ messageId: 'unvalidatedInput', data: { handler: 'The request handler for `POST /a`', inputs: '`request.body`', middleware: 'a route `schema` for the body and querystring' } }],
    },
    {
      name: 'a NestJS interface body',
      code: `${nest}interface Input { name: string }\n@Controller('a')\nexport class A {\n  @Post()\n  create(@Body() input: Input, @Query() q: any) { return input; }\n}`,
      errors: [
        {
          messageId: 'unvalidatedNestInput',
          line: 6,
          data: {
            handler: 'The request handler for `POST /a`',
            inputs: '`@Body() input` and `@Query() q`',
            reason: '`Input` is an interface or type alias, erased at run time, so the ValidationPipe cannot check it',
          },
        },
      ],
    },
    {
      name: 'a NestJS DTO class when DTOs are not trusted and no pipe is in the file',
      options: [{ trustDtoClasses: false }],
      code: `${nest}import { CreateDto } from './create.dto';\n@Controller('a')\nexport class A {\n  @Post()\n  create(@Body() dto: CreateDto) { return dto; }\n}`,
      errors: [{ messageId: 'unvalidatedNestInput', data: { handler: 'The request handler for `POST /a`', inputs: '`@Body() dto`', reason: 'no ValidationPipe is set up in this file for `CreateDto`' } }],
    },
    {
      name: 'a NestJS type-only import',
      code: `${nest}import type { CreateDto } from './create.dto';\n@Controller('a')\nexport class A {\n  @Post()\n  create(@Body() dto: CreateDto) { return dto; }\n}`,
      errors: [{ messageId: 'unvalidatedNestInput', data: { handler: 'The request handler for `POST /a`', inputs: '`@Body() dto`', reason: '`CreateDto` is imported with `import type`, so no class reaches the ValidationPipe at run time' } }],
    },
    {
      name: 'a controller function when asked',
      filename: 'src/controllers/users.controller.js',
      options: [{ checkControllerFunctions: true }],
      code: "exports.create = (req, res) => res.json(req.body);",
      errors: [{ messageId: 'unvalidatedInput', data: { handler: 'The request handler `create`', inputs: '`req.body`', middleware: expressMiddleware } }],
    },
    {
      name: 'a Next.js route handler',
      code: "import { NextResponse } from 'next/server';\nexport async function POST(request: Request) {\n  const body = await request.json();\n  return NextResponse.json(await save(body));\n}",
      errors: [{ messageId: 'unvalidatedInput', line: 3, data: { handler: 'The `POST` request handler', inputs: '`request.json()`', middleware: 'a schema parse at the top of the handler' } }],
    },
  ],
});
