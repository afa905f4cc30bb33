import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { handlerContaining, importedHandlers, routeHandlers, type ImportedHandler, type RouteHandler } from '../../src/ast/route-handlers.js';

interface Found {
  framework: string;
  method: string | undefined;
  path: string | undefined;
  name: string | undefined;
  middleware: string[];
  schema: boolean;
  declared: boolean;
}

/** Runs the scanner in a tiny rule, so the SourceCode is the one ESLint builds. */
function scan(code: string, filename = 'src/app.ts', extra?: (sourceCode: TSESLint.SourceCode) => void): Found[] {
  let handlers: readonly RouteHandler[] = [];
  let text = '';
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: TSESLint.RuleContext<string, []>) {
      return {
        'Program:exit'() {
          handlers = routeHandlers(context.sourceCode, context.filename);
          text = context.sourceCode.text;
          extra?.(context.sourceCode);
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.*'],
        plugins: { test: { rules: { scan: rule } } as never },
        languageOptions: { parser: tsParser as never, sourceType: filename.endsWith('.cjs') ? 'commonjs' : 'module' },
        rules: { 'test/scan': 'error' },
      },
    ],
    { filename },
  );
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return handlers.map((handler) => ({
    framework: handler.framework,
    method: handler.method,
    path: handler.path,
    name: nameOf(handler),
    middleware: handler.middleware.map((node) => text.slice(node.range[0], node.range[1])),
    schema: handler.hasFrameworkSchema,
    declared: handler.declaration !== undefined,
  }));
}

function nameOf(handler: RouteHandler): string | undefined {
  const fn = handler.fn;
  if (fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') {
    if (fn.id) return fn.id.name;
  }
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if ((parent?.type === 'MethodDefinition' || parent?.type === 'Property' || parent?.type === 'PropertyDefinition') && parent.key.type === 'Identifier') return parent.key.name;
  return undefined;
}

describe('routeHandlers', () => {
  it('finds Express routes with middleware, by name and through wrappers', () => {
    const found = scan(`
      import express from 'express';
      import { celebrate } from 'celebrate';
      const router = express.Router();
      const asyncHandler = (fn) => (req, res, next) => fn(req, res, next).catch(next);
      async function listUsers(req, res) { res.json([]); }
      const createUser = asyncHandler(async (req, res) => { res.status(201).json(req.body); });
      router.get('/users', listUsers);
      router.post('/users', auth, celebrate({ body: {} }), createUser);
      router.delete('/users/:id', [auth, admin], (req, res) => res.sendStatus(204));
      router.route('/items').get((req, res) => res.json([])).put(auth, (req, res) => res.json({}));
      export default router;
    `);
    expect(found).toEqual([
      { framework: 'express', method: 'GET', path: '/users', name: 'listUsers', middleware: [], schema: false, declared: true },
      { framework: 'express', method: 'POST', path: '/users', name: undefined, middleware: ['auth', 'celebrate({ body: {} })'], schema: false, declared: true },
      { framework: 'express', method: 'DELETE', path: '/users/:id', name: undefined, middleware: ['auth', 'admin'], schema: false, declared: true },
      { framework: 'express', method: 'GET', path: '/items', name: undefined, middleware: [], schema: false, declared: true },
      { framework: 'express', method: 'PUT', path: '/items', name: undefined, middleware: ['auth'], schema: false, declared: true },
    ]);
  });

  it('does not take clients, maps, caches or the response for routers', () => {
    const found = scan(`
      import axios from 'axios';
      import Redis from 'ioredis';
      const api = axios.create();
      const cache = new Redis();
      const map = new Map();
      export async function load(req, res) {
        await axios.get('/users', { params: req.query });
        await api.get('/users', () => 1);
        cache.get('key', (err, v) => v);
        map.get('key');
        res.get('Content-Type');
        [1, 2].map((x) => x);
      }
    `);
    expect(found).toEqual([]);
  });

  it('finds Fastify shorthand, options and route() with schema and hooks', () => {
    const found = scan(`
      import type { FastifyInstance } from 'fastify';
      export default async function plugin(server: FastifyInstance) {
        server.get('/a', async (request, reply) => ({ ok: true }));
        server.post('/b', { schema: { body: {} }, preHandler: [server.authenticate] }, async (request) => request.body);
        server.route({ method: 'PUT', url: '/c', preValidation: check, handler: async (request) => request.body });
        server.get('/d', { handler: async () => [] , schema: {} });
      }
    `);
    expect(found).toEqual([
      { framework: 'fastify', method: 'GET', path: '/a', name: undefined, middleware: [], schema: false, declared: true },
      { framework: 'fastify', method: 'POST', path: '/b', name: undefined, middleware: ['server.authenticate'], schema: true, declared: true },
      { framework: 'fastify', method: 'PUT', path: '/c', name: 'handler', middleware: ['check'], schema: false, declared: true },
      { framework: 'fastify', method: 'GET', path: '/d', name: 'handler', middleware: [], schema: true, declared: true },
    ]);
  });

  it('finds Hono routes, chains and on()', () => {
    const found = scan(`
      import { Hono } from 'hono';
      import { zValidator } from '@hono/zod-validator';
      const app = new Hono().get('/x', (c) => c.text('x'));
      app.post('/notes', zValidator('json', schema), async (c) => c.json(c.req.valid('json')));
      app.on('PURGE', '/cache', (c) => c.text('no'));
      app.on(['GET', 'HEAD'], '/h', (c) => c.text('h'));
      export default app;
    `);
    expect(found.map((f) => [f.framework, f.method, f.path, f.middleware])).toEqual([
      ['hono', 'GET', '/x', []],
      ['hono', 'POST', '/notes', ["zValidator('json', schema)"]],
      ['hono', undefined, '/h', []],
    ]);
  });

  it('finds Koa router routes, named routes and CommonJS requires', () => {
    const found = scan(
      `
      const Router = require('@koa/router');
      const router = new Router({ prefix: '/api' });
      router.get('user', '/users/:id', async (ctx) => { ctx.body = {}; });
      router.post('/users', validate(schema), async (ctx, next) => { ctx.body = ctx.request.body; });
      module.exports = router;
    `,
      'src/router.cjs',
    );
    expect(found.map((f) => [f.framework, f.method, f.path, f.middleware])).toEqual([
      ['koa', 'GET', '/users/:id', []],
      ['koa', 'POST', '/users', ['validate(schema)']],
    ]);
  });

  it('finds NestJS controller methods with pipes', () => {
    const found = scan(`
      import { Body, Controller, Get, Param, ParseIntPipe, Post, UsePipes, ValidationPipe } from '@nestjs/common';
      @Controller('users')
      export class UsersController {
        @Get(':id')
        one(@Param('id', ParseIntPipe) id: number) { return id; }
        @Post()
        @UsePipes(new ValidationPipe())
        create(@Body() dto: CreateUserDto) { return dto; }
        helper() { return 1; }
      }
    `);
    expect(found).toEqual([
      { framework: 'nestjs', method: 'GET', path: '/users/:id', name: 'one', middleware: ['ParseIntPipe'], schema: false, declared: true },
      { framework: 'nestjs', method: 'POST', path: '/users', name: 'create', middleware: ['new ValidationPipe()'], schema: false, declared: true },
    ]);
  });

  it('finds Next.js app route handlers and pages API handlers', () => {
    const app = scan(
      `
      import { NextResponse } from 'next/server';
      export async function GET(request: Request) { return NextResponse.json([]); }
      export const POST = async (request: Request) => NextResponse.json(await request.json());
      export function helper() {}
      const handler = (req) => new Response('x');
      export { handler as PUT };
    `,
      'src/app/api/users/route.ts',
    );
    expect(app.map((f) => [f.framework, f.method, f.path, f.name])).toEqual([
      ['next', 'GET', '/api/users', 'GET'],
      ['next', 'POST', '/api/users', 'POST'],
      ['next', 'PUT', '/api/users', 'handler'],
    ]);
    const pages = scan(`export default async function handler(req, res) { res.json([]); }`, 'pages/api/users/[id].ts');
    expect(pages.map((f) => [f.framework, f.method, f.path])).toEqual([['next', undefined, '/users/[id]']]);
    // An exported GET elsewhere is not a route.
    expect(scan(`export function GET() { return 1; }`, 'src/lib/http.ts')).toEqual([]);
  });

  it('finds exported (req, res) functions of controller files as signature-only handlers', () => {
    const code = `
      exports.list = async (req, res) => res.json([]);
      exports.format = (value) => String(value);
      module.exports.create = function create(req, res, next) { res.status(201).end(); };
    `;
    expect(scan(code, 'src/controllers/users.cjs').map((f) => [f.framework, f.method, f.name, f.declared])).toEqual([
      ['express', undefined, undefined, false],
      ['express', undefined, 'create', false],
    ]);
    expect(scan(code, 'src/users.controller.cjs')).toHaveLength(2);
    expect(scan(code, 'src/lib/users.cjs')).toEqual([]);
  });

  it('finds class handlers passed as this.method and Node servers', () => {
    const found = scan(`
      import { Router } from 'express';
      import http from 'node:http';
      class UsersRoutes {
        router = Router();
        constructor() { this.router.get('/users', this.list.bind(this)); this.router.post('/users', this.create); }
        async list(req, res) { res.json([]); }
        create = async (req, res) => { res.json(req.body); };
      }
      http.createServer((req, res) => res.end('ok'));
    `);
    expect(found.map((f) => [f.framework, f.method, f.name])).toEqual([
      ['express', 'GET', 'list'],
      ['express', 'POST', 'create'],
      ['unknown', undefined, undefined],
    ]);
  });

  it('takes the last same-file function as the handler when imported finishers follow it', () => {
    const found = scan(`
      import express from 'express';
      import { respond } from '../middleware/respond.js';
      import asyncHandler from '../utils/async-handler.js';
      import passport from 'passport';
      const router = express.Router();
      const readHandler = asyncHandler(async (req, res, next) => { res.locals.payload = []; return next(); });
      router.get('/:collection', collectionExists, readHandler, respond);
      router.post('/login', passport.authenticate('local', (err, user) => user), sessions.create);
    `);
    expect(found.map((f) => [f.method, f.name, f.middleware])).toEqual([['GET', undefined, ['collectionExists']]]);
  });

  it('finds routes registered from a table in a loop, and exports of other files wrapped or listed there', () => {
    const found = scan(`
      import express from 'express';
      const router = express.Router();
      const list = (req, res) => res.json([]);
      const create = (req, res) => res.status(201).json(req.body);
      for (const [method, path, handler] of [['get', '/items', list], ['post', '/items', create]]) router[method](path, handler);
      const pages = [{ path: '/about', render: (req, res) => res.send('about') }];
      pages.forEach((page) => router.get(page.path, page.render));
      for (const name of ['a', 'b']) router.get('/static', (req, res) => res.send(name));
    `);
    expect(found.map((f) => [f.method, f.path, f.name])).toEqual([
      ['GET', '/items', 'list'],
      ['POST', '/items', 'create'],
      ['GET', '/about', 'render'],
      ['GET', '/static', undefined],
    ]);
    let imported: readonly ImportedHandler[] = [];
    scan(
      `
      const express = require('express');
      const asyncHandler = require('express-async-handler');
      const users = require('./users-controller');
      const router = express.Router();
      const routes = [['post', '/login', users.login()], ['get', '/users', users.list]];
      for (const [method, path, handler] of routes) router[method](path, handler);
      router.put('/users/:id', asyncHandler(users.update));
    `,
      'src/routes.cjs',
      (sourceCode) => {
        imported = importedHandlers(sourceCode, 'src/routes.cjs');
      },
    );
    expect(imported.map((route) => [route.method, route.path, route.name, route.factory])).toEqual([
      ['POST', '/login', 'login', true],
      ['GET', '/users', 'list', false],
      ['PUT', '/users/:id', 'update', false],
    ]);
  });

  it('does not take middleware files for controllers', () => {
    const code = `module.exports = function updateLastSeen(req, res, next) { next(); };`;
    expect(scan(code, 'src/api/middleware/update-last-seen.cjs')).toEqual([]);
    expect(scan(code, 'src/routes/auth-middleware.cjs')).toEqual([]);
    expect(scan(code, 'src/routes/last-seen.cjs')).toHaveLength(1);
  });

  it('tells which handler contains a node', () => {
    let innermost: string | undefined;
    scan(
      `
      import express from 'express';
      const app = express();
      app.get('/a', (req, res) => { [1].forEach(function inner() { marker(); }); });
    `,
      'src/app.ts',
      (sourceCode) => {
        const marker = sourceCode.getNodeByRangeIndex(sourceCode.text.indexOf('marker()'));
        const handler = marker ? handlerContaining(sourceCode, marker, 'src/app.ts') : undefined;
        innermost = handler?.path;
      },
    );
    expect(innermost).toBe('/a');
  });
});
