import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { HTTP_METHODS, NEST_ROUTE_DECORATORS } from '../catalog/frameworks.js';
import { nextRoutePath } from '../catalog/request-sources.js';
import { exportedNames, importedFunction, importedMethod } from './module-file.js';
import { originResolver, type ModuleModel, type OriginResolver } from './module-origin.js';
import { calleeParts, isFunction, keyName, memberName, pushChildren, referenceName, requiredModule, unwrap, type FunctionNode } from './nodes.js';
import { findVariable } from './variables.js';

export type HandlerFramework = 'express' | 'koa' | 'fastify' | 'hono' | 'nestjs' | 'next' | 'graphql' | 'unknown';

export interface RouteHandler {
  /** The handler function (an inline function, or a same-file function/method passed by name). */
  readonly fn: FunctionNode;
  readonly framework: HandlerFramework;
  /** Upper-case HTTP method ('GET', 'POST', ..., 'ALL'), undefined when unknown (a bare `(req, res)` function). */
  readonly method: string | undefined;
  /** The route path as written in this file (without mount prefixes), when it is a literal. */
  readonly path: string | undefined;
  /** Route-level middleware: the other arguments of the route call before the handler, Fastify route options' preHandler/preValidation, Nest `@UsePipes`/param pipes. */
  readonly middleware: readonly TSESTree.Node[];
  /** The route call, decorator or export that declares it; undefined for signature-only handlers. */
  readonly declaration: TSESTree.Node | undefined;
  /** Fastify route `schema` option present (validation by the framework). */
  readonly hasFrameworkSchema: boolean;
}

/** Route registration methods of Express, Koa routers, Fastify and Hono (`x.get(path, handler)`). */
const ROUTE_METHODS: ReadonlySet<string> = new Set([...HTTP_METHODS, 'all', 'del']);

/** Packages whose apps and routers register routes, and the framework they are. */
const FRAMEWORK_MODULES: ReadonlyMap<string, HandlerFramework> = new Map([
  ['express', 'express'],
  ['express-promise-router', 'express'],
  ['express-async-router', 'express'],
  ['koa', 'koa'],
  ['koa-router', 'koa'],
  ['@koa/router', 'koa'],
  ['koa-tree-router', 'koa'],
  ['fastify', 'fastify'],
  ['hono', 'hono'],
  ['@hono/zod-openapi', 'hono'],
  ['@nestjs/common', 'nestjs'],
  ['next', 'next'],
  ['next/server', 'next'],
]);

/** Node's own servers: `http.createServer((req, res) => ...)`. */
const NODE_HTTP_MODULES: ReadonlySet<string> = new Set(['http', 'https', 'http2', 'node:http', 'node:https', 'node:http2']);

/** Receivers named like an app or a router when their origin is not visible (`app`, `usersRouter`, `this.router`). */
const APP_NAME = /^(?:app|router|api|server|fastify|routes|instance)$|(?:App|Router|Routes|router|routes)$/u;

/** Packages that have `get`/`post` methods but no routes: HTTP clients, caches, test agents. */
const NOT_ROUTERS = /^(?:axios|got|ky|node-fetch|undici|superagent|supertest|request|needle|redis|ioredis|keyv|lru-cache|node-cache|memory-cache|cache-manager|@nestjs\/axios|ofetch|wretch)(?:$|\/)/u;

/** Keys of a resolver map whose functions answer operations. */
const GRAPHQL_OPERATION_TYPES: ReadonlySet<string> = new Set(['Query', 'Mutation', 'Subscription']);

const BUILT_IN_COLLECTIONS: ReadonlySet<string> = new Set(['Map', 'WeakMap', 'Set', 'URLSearchParams', 'Headers', 'FormData']);

const NEST_MODULE = '@nestjs/common';
const NEST_DECORATORS: ReadonlyMap<string, string> = new Map([...NEST_ROUTE_DECORATORS, ['All', 'ALL']]);
const NEXT_METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const SOURCE_FILE = /\.[cm]?[jt]sx?$/u;
const ROUTE_FILE = /^route\.[cm]?[jt]sx?$/u;
/** Files whose exported `(req, res)` functions are request handlers: `controllers/`, `users.controller.js`, `routes/`. */
const HANDLER_FOLDER = /(?:^|\/)(?:controllers?|handlers?|routes?|api)\//u;
const HANDLER_FILE = /(?:^|[./_-])(?:controllers?|handlers?|routes?)\.[cm]?[jt]sx?$|(?:Controller|Handlers?|Routes?)\.[cm]?[jt]sx?$/u;
/** Fastify route options that run before the handler. */
const FASTIFY_HOOKS: ReadonlySet<string> = new Set(['onRequest', 'preParsing', 'preValidation', 'preHandler']);
const MAX_WRAPPER_DEPTH = 3;

/**
 * A route whose handler another project file exports: `router.post('/notes', auth, notes.create)`,
 * `app.get('/users', users.list())` (a factory the other file exports). The other file's engine
 * finds these to know its exports are handlers, and what runs before them.
 */
export interface ImportedHandler {
  /** The module specifier as written (`../controllers/notes`). */
  readonly specifier: string;
  /** The export: `create`, `default` for the module itself. */
  readonly name: string;
  /** The route calls the export to get the handler (`users.list()`). */
  readonly factory: boolean;
  /** Undefined when the registering file names no framework (`groups.public.get('/x', controller.list)`): the handler's parameters tell. */
  readonly framework: HandlerFramework | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  /** The other arguments of the route call, and Fastify route options' hooks. */
  readonly middleware: readonly TSESTree.Node[];
  readonly declaration: TSESTree.Node;
}

interface Computed {
  readonly handlers: readonly RouteHandler[];
  readonly byFunction: ReadonlyMap<FunctionNode, RouteHandler>;
  readonly imported: readonly ImportedHandler[];
}

/** Per Program, per file name (the name decides Next.js routes and controller files). */
/** Path checks by string search, not by backtracking patterns (file names can be anything). */
function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Next.js app router: `app/**\/route.ts`. */
function isNextAppRoute(path: string): boolean {
  return ROUTE_FILE.test(baseName(path)) && `/${path}`.includes('/app/');
}

/** Next.js pages router API: `pages/api/**`. */
function isNextPagesApi(path: string): boolean {
  return SOURCE_FILE.test(baseName(path)) && `/${path}`.includes('/pages/api/');
}

/** Middleware folders and files: their `(req, res, next)` functions are not handlers. */
function isMiddlewarePath(path: string): boolean {
  const lower = `/${path.toLowerCase()}`;
  return lower.includes('/middleware/') || lower.includes('/middlewares/') || baseName(lower).includes('middleware');
}

const cache = new WeakMap<TSESTree.Program, Map<string, Computed>>();

function computed(sourceCode: TSESLint.SourceCode, filename = ''): Computed {
  const program = sourceCode.ast;
  let byName = cache.get(program);
  if (!byName) {
    byName = new Map();
    cache.set(program, byName);
  }
  const normalized = filename.replaceAll('\\', '/');
  let entry = byName.get(normalized);
  if (!entry) {
    const scanner = new HandlerScanner(sourceCode, normalized);
    const handlers = scanner.scan();
    const byFunction = new Map<FunctionNode, RouteHandler>();
    for (const handler of handlers) if (!byFunction.has(handler.fn)) byFunction.set(handler.fn, handler);
    entry = { handlers, byFunction, imported: scanner.imported };
    byName.set(normalized, entry);
  }
  return entry;
}

/**
 * Every request handler of the file, computed once per file (cache by Program node in a WeakMap).
 * Pass `context.filename` to recognise what only the file's place says: Next.js `app/**\/route.ts`
 * and `pages/api/**` handlers, and `(req, res)` functions of controller and route files. Without
 * it, Next.js handlers are found in files that import `next` or `next/server`.
 */
export function routeHandlers(sourceCode: TSESLint.SourceCode, filename?: string): readonly RouteHandler[] {
  return computed(sourceCode, filename).handlers;
}

/** The routes of the file whose handler is a function another project file exports. */
export function importedHandlers(sourceCode: TSESLint.SourceCode, filename?: string): readonly ImportedHandler[] {
  return computed(sourceCode, filename).imported;
}

/** The innermost handler whose function contains the node, if any. */
export function handlerContaining(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, filename?: string): RouteHandler | undefined {
  const { byFunction } = computed(sourceCode, filename);
  if (byFunction.size === 0) return undefined;
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (isFunction(current)) {
      const handler = byFunction.get(current);
      if (handler) return handler;
    }
  }
  return undefined;
}

/** The handler a function is, if any (the function itself, not one around it). */
export function handlerOf(sourceCode: TSESLint.SourceCode, fn: FunctionNode, filename?: string): RouteHandler | undefined {
  return computed(sourceCode, filename).byFunction.get(fn);
}

/** A function's own name: its id, the variable, key or export it is assigned to. */
export function functionName(fn: FunctionNode): string | undefined {
  if ((fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
    return keyName(parent);
  }
  // `exports.login = (req, res) => ...`, `module.exports.login = ...`
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression) return memberName(parent.left);
  return undefined;
}

/** A handler for messages: `the request handler for \`GET /users\``, `the request handler \`login\``. */
export function describeHandler(handler: RouteHandler): string {
  if (handler.method !== undefined && handler.path !== undefined) return `the request handler for \`${handler.method} ${handler.path}\``;
  const name = functionName(handler.fn);
  if (handler.method !== undefined && name !== undefined && name !== handler.method) return `the \`${handler.method}\` request handler \`${name}\``;
  if (handler.method !== undefined) return `the \`${handler.method}\` request handler`;
  return name !== undefined && name !== 'handler' ? `the request handler \`${name}\`` : 'a request handler';
}

function stringOf(node: TSESTree.Node | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string') return inner.value;
  if (inner.type === AST_NODE_TYPES.TemplateLiteral && inner.expressions.length === 0) return inner.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** A function another project file exports (a relative import). */
function isProjectFunction(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  return importedFunction(sourceCode, node)?.specifier.startsWith('.') === true;
}

function isPathLike(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Literal) return typeof inner.value === 'string' || 'regex' in inner;
  if (inner.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (inner.type === AST_NODE_TYPES.ArrayExpression) return inner.elements.every((element) => element && isPathLike(element));
  if (inner.type === AST_NODE_TYPES.BinaryExpression) return inner.operator === '+';
  // A path held in a constant (`ROUTES.users`, `usersPath`): a name, never a call or a function.
  return inner.type === AST_NODE_TYPES.Identifier || inner.type === AST_NODE_TYPES.MemberExpression;
}

function property(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  for (const entry of object.properties) {
    if (entry.type === AST_NODE_TYPES.Property && keyName(entry) === name) return entry;
  }
  return undefined;
}

function flatten(node: TSESTree.Node): TSESTree.Node[] {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.ArrayExpression) {
    return inner.elements.flatMap((element) => (element && element.type !== AST_NODE_TYPES.SpreadElement ? flatten(element) : element ? [element] : []));
  }
  return [node];
}

/**
 * The table a route call is registered from: the array literal a `for...of` or a `forEach` around the
 * call walks, and the pattern each row is bound to.
 */
function routeTable(call: TSESTree.CallExpression, sourceCode: TSESLint.SourceCode): { binding: TSESTree.Node; rows: TSESTree.Node[] } | undefined {
  for (let current: TSESTree.Node | undefined = call.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ForOfStatement && current.left.type === AST_NODE_TYPES.VariableDeclaration) {
      const binding = current.left.declarations[0]?.id;
      const rows = arrayRows(current.right, sourceCode);
      return binding && rows ? { binding, rows } : undefined;
    }
    if (isFunction(current)) {
      const parent = current.parent;
      if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.arguments[0] !== current || calleeParts(parent).name !== 'forEach') return undefined;
      const receiver = calleeParts(parent).object;
      const rows = receiver && arrayRows(receiver, sourceCode);
      const binding = current.params[0];
      return binding && rows ? { binding, rows } : undefined;
    }
  }
  return undefined;
}

/** The rows of an array literal of arrays or objects, inline or held in a `const`. */
function arrayRows(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): TSESTree.Node[] | undefined {
  let inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const definition = findVariable(sourceCode, inner)?.defs[0];
    const init = definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator ? definition.node.init : null;
    if (!init) return undefined;
    inner = unwrap(init);
  }
  if (inner.type !== AST_NODE_TYPES.ArrayExpression) return undefined;
  return inner.elements.flatMap((element) => (element && (element.type === AST_NODE_TYPES.ArrayExpression || element.type === AST_NODE_TYPES.ObjectExpression) ? [element] : []));
}

/** What each name a loop binds holds in one row: `[method, path]` of `['get', '/x']`; `route.path` of `{ path: '/x' }`. */
function rowBinding(binding: TSESTree.Node, row: TSESTree.Node): Map<string, TSESTree.Node> {
  const bound = new Map<string, TSESTree.Node>();
  if (binding.type === AST_NODE_TYPES.ArrayPattern && row.type === AST_NODE_TYPES.ArrayExpression) {
    binding.elements.forEach((element, index) => {
      const value = row.elements[index];
      if (element?.type === AST_NODE_TYPES.Identifier && value && value.type !== AST_NODE_TYPES.SpreadElement) bound.set(element.name, value);
    });
  } else if (binding.type === AST_NODE_TYPES.ObjectPattern && row.type === AST_NODE_TYPES.ObjectExpression) {
    for (const entry of binding.properties) {
      const key = entry.type === AST_NODE_TYPES.Property ? keyName(entry) : undefined;
      const value = key === undefined ? undefined : property(row, key)?.value;
      if (entry.type === AST_NODE_TYPES.Property && entry.value.type === AST_NODE_TYPES.Identifier && value) bound.set(entry.value.name, value);
    }
  } else if (binding.type === AST_NODE_TYPES.Identifier) {
    const items: [string, TSESTree.Node | null | undefined][] =
      row.type === AST_NODE_TYPES.ObjectExpression
        ? row.properties.flatMap((entry) => (entry.type === AST_NODE_TYPES.Property && keyName(entry) !== undefined ? [[keyName(entry)!, entry.value] as [string, TSESTree.Node]] : []))
        : row.type === AST_NODE_TYPES.ArrayExpression
          ? row.elements.map((element, index) => [String(index), element] as [string, TSESTree.Node | null])
          : [];
    for (const [key, value] of items) if (value && value.type !== AST_NODE_TYPES.SpreadElement) bound.set(`${binding.name}.${key}`, value);
  }
  return bound;
}

function decoratorName(decorator: TSESTree.Decorator): { name: string; callee: TSESTree.Node; args: readonly TSESTree.CallExpressionArgument[] } | undefined {
  const expression = decorator.expression;
  const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  return { name: callee.name, callee, args: expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments : [] };
}

function joinNestPath(prefix: string | undefined, path: string | undefined): string | undefined {
  if (prefix === undefined || path === undefined) return undefined;
  const parts = [prefix, path].map((part) => part.replace(/^\/+|(?<!\/)\/+$/gu, '')).filter((part) => part !== '');
  return `/${parts.join('/')}`;
}

function paramName(param: TSESTree.Parameter | undefined): string | undefined {
  if (!param) return undefined;
  const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  const target = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
  return target.type === AST_NODE_TYPES.Identifier ? target.name : undefined;
}

/** The framework a handler's parameters name, when nothing else does: `(ctx)` is Koa's, `(c)` Hono's, `(req, reply)` Fastify's, `(req, res)` Express's. */
export function guessFramework(fn: FunctionNode): HandlerFramework {
  const first = paramName(fn.params[0]);
  const second = paramName(fn.params[1]);
  if (first === 'ctx' || first === 'context') return 'koa';
  if (first === 'c' && fn.params.length <= 2) return 'hono';
  if (second === 'reply') return 'fastify';
  if (second === 'res' || second === 'response') return 'express';
  return 'unknown';
}

/**
 * The same-file function a value is: inline, a function or `const` of the file, an object or class
 * member (`controller.list`, `this.list.bind(this)`), or the function a wrapper takes
 * (`asyncHandler(async (req, res) => ...)`).
 */
export class LocalFunctions {
  constructor(private readonly sourceCode: TSESLint.SourceCode) {}

  of(node: TSESTree.Node, depth = 0): FunctionNode | undefined {
    if (depth > MAX_WRAPPER_DEPTH + 4) return undefined;
    const inner = unwrap(node);
    if (isFunction(inner)) return inner;
    if (inner.type === AST_NODE_TYPES.Identifier) return this.functionOfIdentifier(inner, depth);
    if (inner.type === AST_NODE_TYPES.MemberExpression) return this.functionOfMember(inner, depth);
    if (inner.type === AST_NODE_TYPES.CallExpression) {
      const { object, name } = calleeParts(inner);
      if (object && name === 'bind') return this.of(object, depth + 1);
      if (depth >= MAX_WRAPPER_DEPTH || inner.arguments.length === 0) return undefined;
      // A wrapper takes the handler first (`asyncHandler(fn)`, `withAuth(fn, opts)`), or last
      // when it is a plain function (`wrap(opts, fn)`); `passport.authenticate('local', cb)`'s
      // callback is not a handler.
      const first = this.of(inner.arguments[0]!, depth + 1);
      if (first) return first;
      if (inner.arguments.length > 1 && unwrap(inner.callee).type === AST_NODE_TYPES.Identifier) return this.of(inner.arguments.at(-1)!, depth + 1);
    }
    return undefined;
  }

  private functionOfIdentifier(identifier: TSESTree.Identifier, depth: number): FunctionNode | undefined {
    const variable = findVariable(this.sourceCode, identifier);
    const definition = variable?.defs[0];
    if (!variable || !definition || variable.defs.length > 1) return undefined;
    if (definition.type === 'FunctionName' && isFunction(definition.node)) return definition.node;
    if (definition.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === definition.name && definition.node.init) {
      const parent = definition.node.parent;
      if (parent?.type === AST_NODE_TYPES.VariableDeclaration && parent.kind !== 'const' && variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
      return this.of(definition.node.init, depth + 1);
    }
    return undefined;
  }

  private functionOfMember(member: TSESTree.MemberExpression, depth: number): FunctionNode | undefined {
    const name = memberName(member);
    if (name === undefined) return undefined;
    const object = unwrap(member.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) {
      for (let current: TSESTree.Node | undefined = member.parent; current; current = current.parent) {
        if (current.type === AST_NODE_TYPES.ClassBody) return this.classMember(current, name, depth);
      }
      return undefined;
    }
    if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(this.sourceCode, object);
    const definition = variable?.defs[0];
    if (!definition) return undefined;
    if (definition.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
      const init = unwrap(definition.node.init);
      if (init.type === AST_NODE_TYPES.ObjectExpression) {
        const entry = property(init, name);
        return entry ? this.of(entry.value, depth + 1) : undefined;
      }
      if (init.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier) {
        const classVariable = findVariable(this.sourceCode, init.callee);
        const classNode = classVariable?.defs[0]?.node;
        if (classNode?.type === AST_NODE_TYPES.ClassDeclaration) return this.classMember(classNode.body, name, depth);
      }
    }
    if (definition.type === 'ClassName' && definition.node.type === AST_NODE_TYPES.ClassDeclaration) {
      // A static method: `UsersController.list`.
      return this.classMember(definition.node.body, name, depth);
    }
    return undefined;
  }

  /** The function a class declares under a name: a method, or a property holding one. */
  classMember(body: TSESTree.ClassBody, name: string, depth = 0): FunctionNode | undefined {
    for (const member of body.body) {
      // An overload signature or an abstract method has no body: the implementation comes later.
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'method' && keyName(member) === name && isFunction(member.value)) return member.value;
      if (member.type === AST_NODE_TYPES.PropertyDefinition && keyName(member) === name && member.value) return this.of(member.value, depth + 1);
    }
    return undefined;
  }

}

class HandlerScanner {
  private readonly modules: OriginResolver<ModuleModel>;
  private readonly functions: LocalFunctions;
  private readonly handlers: RouteHandler[] = [];
  readonly imported: ImportedHandler[] = [];
  private readonly seen = new Set<FunctionNode>();
  /** Frameworks the file imports or requires. */
  private readonly fileFrameworks = new Set<HandlerFramework>();
  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly filename: string,
  ) {
    this.modules = originResolver(sourceCode);
    this.functions = new LocalFunctions(sourceCode);
  }

  scan(): RouteHandler[] {
    const calls: TSESTree.CallExpression[] = [];
    const methods: TSESTree.MethodDefinition[] = [];
    const properties: TSESTree.Property[] = [];
    const program = this.sourceCode.ast;
    const keys = this.sourceCode.visitorKeys;
    const stack: TSESTree.Node[] = [program];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === AST_NODE_TYPES.CallExpression) {
        calls.push(node);
        const required = requiredModule(node);
        const framework = required === undefined ? undefined : FRAMEWORK_MODULES.get(required);
        if (framework) this.fileFrameworks.add(framework);
      } else if (node.type === AST_NODE_TYPES.ImportDeclaration) {
        const framework = FRAMEWORK_MODULES.get(node.source.value);
        if (framework) this.fileFrameworks.add(framework);
      } else if (node.type === AST_NODE_TYPES.MethodDefinition && node.decorators.length > 0) {
        methods.push(node);
      } else if (node.type === AST_NODE_TYPES.Property) {
        properties.push(node);
      }
      pushChildren(stack, node, keys);
    }
    // Source order: the walk visits calls outer first, and route chains are nested calls.
    // Sorted by the method name's position, so `router.route('/x').get(a).put(b)` lists `get` first.
    const position = (call: TSESTree.CallExpression) => {
      const callee = unwrap(call.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression ? callee.property.range[0] : call.range[0];
    };
    calls.sort((a, b) => position(a) - position(b));
    for (const call of calls) this.routeCall(call);
    for (const method of methods) this.nestMethod(method);
    for (const entry of properties) this.graphqlResolvers(entry);
    this.nextExports(program);
    this.signatureOnly(program);
    return this.handlers;
  }

  private add(handler: RouteHandler): void {
    this.handlers.push(handler);
    this.seen.add(handler.fn);
  }

  // ---- Express, Koa, Fastify, Hono --------------------------------------------------------

  private routeCall(call: TSESTree.CallExpression): void {
    const { object, name } = calleeParts(call);
    if (name === 'createServer') {
      this.nodeServer(call);
      return;
    }
    if (this.tableRoutes(call)) return;
    if (!object || name === undefined) return;
    const args = call.arguments;
    if (name === 'route' && args.length === 1 && unwrap(args[0]!).type === AST_NODE_TYPES.ObjectExpression) {
      this.fastifyRoute(call, object, unwrap(args[0]!) as TSESTree.ObjectExpression);
      return;
    }
    if (name === 'on' && args.length >= 3) {
      this.honoOn(call, object);
      return;
    }
    if (!ROUTE_METHODS.has(name) || args.length === 0) return;
    const method = name === 'del' ? 'DELETE' : name.toUpperCase();
    // `router.route('/users').get(list).post(create)`: no path argument, the chain gives it.
    const chainPath = this.routeChainPath(object);
    if (chainPath !== undefined) {
      const receiverFramework = this.receiverFramework(chainPath.receiver);
      if (receiverFramework === undefined) return;
      this.fromArguments(call, method, chainPath.path, args, receiverFramework);
      return;
    }
    if (args.length < 2) return;
    let pathIndex = 0;
    // Koa named routes: `router.get('user', '/users/:id', handler)`.
    if (stringOf(args[0]) !== undefined && stringOf(args[1]) !== undefined && args.length >= 3) pathIndex = 1;
    if (!isPathLike(args[pathIndex])) return;
    const framework = this.receiverFramework(object);
    if (framework === undefined) return;
    this.fromArguments(call, method, stringOf(args[pathIndex]), args.slice(pathIndex + 1), framework);
  }

  /**
   * A route call in a loop over a table of routes, once per row: `for (const [method, path, handler]
   * of routes) router[method](path, handler)`, `routes.forEach((route) => app.post(route.path, route.handler))`.
   * Returns whether the call reads the loop's row (and was handled here).
   */
  private tableRoutes(call: TSESTree.CallExpression): boolean {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const table = routeTable(call, this.sourceCode);
    if (!table) return false;
    const rows = table.rows.map((row) => rowBinding(table.binding, row));
    const read = (node: TSESTree.Node, bound: ReadonlyMap<string, TSESTree.Node>): TSESTree.Node | undefined => {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.Identifier) return bound.get(inner.name);
      if (inner.type !== AST_NODE_TYPES.MemberExpression || unwrap(inner.object).type !== AST_NODE_TYPES.Identifier) return undefined;
      const key = inner.computed ? stringOf(inner.property) ?? (inner.property.type === AST_NODE_TYPES.Literal ? String(inner.property.value) : undefined) : memberName(inner);
      return key === undefined ? undefined : bound.get(`${(unwrap(inner.object) as TSESTree.Identifier).name}.${key}`);
    };
    const first = rows[0];
    const reads = [...(callee.computed ? [callee.property] : []), ...call.arguments];
    if (!first || !reads.some((node) => read(node, first) !== undefined)) return false;
    for (const bound of rows) {
      const methodNode = callee.computed ? read(callee.property, bound) : undefined;
      const method = callee.computed ? (methodNode ? stringOf(methodNode) : undefined) : memberName(callee);
      if (method === undefined || !ROUTE_METHODS.has(method.toLowerCase())) continue;
      const args = call.arguments.map((argument) => (read(argument, bound) ?? argument) as TSESTree.CallExpressionArgument);
      if (args.length < 2 || !isPathLike(args[0])) continue;
      const framework = this.receiverFramework(callee.object);
      if (framework === undefined) continue;
      this.fromArguments(call, method.toLowerCase() === 'del' ? 'DELETE' : method.toUpperCase(), stringOf(args[0]), args.slice(1), framework);
    }
    return true;
  }

  /** The handler and middleware among a route call's arguments after the path. */
  private fromArguments(
    call: TSESTree.CallExpression,
    method: string,
    path: string | undefined,
    rest: readonly TSESTree.CallExpressionArgument[],
    receiverFramework: HandlerFramework | 'guess',
  ): void {
    if (rest.length === 0) return;
    // The handler is the last argument that is a function of this file: after it may come
    // imported finishers (Directus's `respond`); an imported handler is not seen at all.
    let handlerIndex = rest.length - 1;
    let fn: FunctionNode | undefined;
    for (; handlerIndex >= 0; handlerIndex--) {
      const candidate = unwrap(rest[handlerIndex]!);
      const options = candidate.type === AST_NODE_TYPES.ObjectExpression ? property(candidate, 'handler') : undefined;
      fn = options ? this.functions.of(options.value) : candidate.type === AST_NODE_TYPES.ObjectExpression ? undefined : this.functions.of(candidate);
      if (fn) break;
    }
    if (!fn) {
      this.importedRoute(call, method, path, rest, receiverFramework);
      return;
    }
    const middleware: TSESTree.Node[] = [];
    let hasFrameworkSchema = false;
    for (const argument of rest.slice(0, handlerIndex + 1)) {
      const inner = unwrap(argument);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) {
        // Fastify route options: `(path, { schema, preHandler }, handler)` or `(path, { schema, handler })`.
        const options = this.fastifyOptions(inner);
        hasFrameworkSchema ||= options.hasSchema;
        middleware.push(...options.middleware);
      } else if (argument !== rest[handlerIndex]) {
        middleware.push(...flatten(argument));
      }
    }
    const framework = receiverFramework === 'guess' ? guessFramework(fn) : receiverFramework;
    this.add({ fn, framework, method, path, middleware, declaration: call, hasFrameworkSchema });
  }

  /** A route whose handler is the last argument that another project file exports (or a call of such an export). */
  private importedRoute(call: TSESTree.CallExpression, method: string, path: string | undefined, rest: readonly TSESTree.CallExpressionArgument[], receiverFramework: HandlerFramework | 'guess'): void {
    for (let index = rest.length - 1; index >= 0; index--) {
      let candidate = unwrap(rest[index]!);
      // `controller.list.bind(controller)` is `controller.list`.
      if (candidate.type === AST_NODE_TYPES.CallExpression && calleeParts(candidate).name === 'bind') candidate = unwrap(calleeParts(candidate).object!);
      // A package's wrapper around the handler: `asyncHandler(users.list)`, `catchAsync(users.list())`.
      if (candidate.type === AST_NODE_TYPES.CallExpression && !isProjectFunction(this.sourceCode, candidate.callee)) {
        const wrapped = candidate.arguments.find((argument) => {
          const inner = unwrap(argument);
          return isProjectFunction(this.sourceCode, inner.type === AST_NODE_TYPES.CallExpression ? inner.callee : inner);
        });
        if (wrapped) candidate = unwrap(wrapped);
      }
      const factory = candidate.type === AST_NODE_TYPES.CallExpression;
      const target = factory ? (candidate as TSESTree.CallExpression).callee : candidate;
      const imported = importedFunction(this.sourceCode, target) ?? importedMethod(this.sourceCode, target);
      if (!imported || !imported.specifier.startsWith('.')) continue;
      const middleware = rest.filter((_, other) => other !== index).flatMap((argument) => flatten(argument));
      const framework = receiverFramework === 'guess' ? this.fileFramework() : receiverFramework;
      this.imported.push({ specifier: imported.specifier, name: imported.name, factory, framework, method, path, middleware, declaration: call });
      return;
    }
  }

  private fastifyOptions(options: TSESTree.ObjectExpression): { hasSchema: boolean; middleware: TSESTree.Node[] } {
    const middleware: TSESTree.Node[] = [];
    for (const entry of options.properties) {
      if (entry.type !== AST_NODE_TYPES.Property) continue;
      const key = keyName(entry);
      if (key !== undefined && FASTIFY_HOOKS.has(key)) middleware.push(...flatten(entry.value));
    }
    const schema = property(options, 'schema');
    const hasSchema = schema !== undefined && !(unwrap(schema.value).type === AST_NODE_TYPES.Identifier && (unwrap(schema.value) as TSESTree.Identifier).name === 'undefined');
    return { hasSchema, middleware };
  }

  /** Fastify `fastify.route({ method: 'GET', url: '/x', handler, preHandler, schema })`. */
  private fastifyRoute(call: TSESTree.CallExpression, object: TSESTree.Node, options: TSESTree.ObjectExpression): void {
    const handlerProperty = property(options, 'handler');
    if (!handlerProperty) return;
    const receiver = this.receiverFramework(object);
    if (receiver === undefined) return;
    const fn = this.functions.of(handlerProperty.value);
    if (!fn) return;
    const methodProperty = property(options, 'method');
    let method: string | undefined;
    if (methodProperty) {
      const values = flatten(methodProperty.value).map((value) => stringOf(value));
      method = values.length === 1 && values[0] !== undefined ? values[0].toUpperCase() : undefined;
    }
    const urlProperty = property(options, 'url') ?? property(options, 'path');
    const { hasSchema, middleware } = this.fastifyOptions(options);
    const framework = receiver === 'guess' ? 'fastify' : receiver;
    this.add({ fn, framework, method, path: urlProperty ? stringOf(urlProperty.value) : undefined, middleware, declaration: call, hasFrameworkSchema: hasSchema });
  }

  /** Hono `app.on('GET', '/x', handler)`, `app.on(['GET', 'POST'], '/x', ...)`. */
  private honoOn(call: TSESTree.CallExpression, object: TSESTree.Node): void {
    const [methods, path, ...rest] = call.arguments;
    const values = flatten(methods!).map((value) => stringOf(value));
    if (values.length === 0 || values.some((value) => value === undefined || !ROUTE_METHODS.has(value.toLowerCase()))) return;
    if (!isPathLike(path)) return;
    const receiver = this.receiverFramework(object);
    if (receiver === undefined) return;
    const method = values.length === 1 ? values[0]!.toUpperCase() : undefined;
    this.fromArguments(call, method ?? 'ALL', stringOf(path), rest, receiver === 'guess' ? 'hono' : receiver);
    if (method === undefined) {
      // Several methods: the handler's method is not one of them alone.
      const added = this.handlers.at(-1);
      if (added?.declaration === call) this.handlers[this.handlers.length - 1] = { ...added, method: undefined };
    }
  }

  /** `http.createServer((req, res) => ...)`: every request goes to the function. */
  private nodeServer(call: TSESTree.CallExpression): void {
    if (call.arguments.length === 0) return;
    const origin = this.modules.resolve(call.callee);
    if (!origin || !NODE_HTTP_MODULES.has(origin.module) || !/^(?:\.default)?\.createServer$/u.test(origin.path)) return;
    const fn = this.functions.of(call.arguments.at(-1)!);
    if (fn) this.add({ fn, framework: 'unknown', method: undefined, path: undefined, middleware: [], declaration: call, hasFrameworkSchema: false });
  }

  /** The path of `router.route('/users')` (possibly with `.get(...)` calls between) and the router. */
  private routeChainPath(object: TSESTree.Node): { path: string | undefined; receiver: TSESTree.Node } | undefined {
    let current = unwrap(object);
    for (let depth = 0; depth < 12 && current.type === AST_NODE_TYPES.CallExpression; depth++) {
      const { object: inner, name } = calleeParts(current);
      if (!inner || name === undefined) return undefined;
      if (name === 'route' && current.arguments.length === 1 && isPathLike(current.arguments[0])) {
        return { path: stringOf(current.arguments[0]), receiver: inner };
      }
      if (!ROUTE_METHODS.has(name)) return undefined;
      current = unwrap(inner);
    }
    return undefined;
  }

  /**
   * Whether a receiver is an app or a router, and of which framework: by where it comes from
   * (`express.Router()`, `new Hono()`, a `FastifyInstance` parameter), else by its name (`app`,
   * `router`, `usersRouter`). `'guess'` is an app by name only.
   */
  private receiverFramework(receiver: TSESTree.Node, depth = 0): HandlerFramework | 'guess' | undefined {
    const inner = unwrap(receiver);
    if (depth > 8) return undefined;
    // A chain: `new Hono().get(...).post(...)`, `app.basePath('/api').get(...)`, `router.use(auth).get(...)`.
    if (inner.type === AST_NODE_TYPES.CallExpression) {
      const { object, name } = calleeParts(inner);
      if (object && name !== undefined && (ROUTE_METHODS.has(name) || name === 'use' || name === 'basePath' || name === 'on' || name === 'route')) {
        return this.receiverFramework(object, depth + 1);
      }
    }
    const origin = this.modules.resolve(inner);
    if (origin) {
      const framework = FRAMEWORK_MODULES.get(origin.module);
      if (framework && framework !== 'nestjs' && framework !== 'next') return framework;
      if (NOT_ROUTERS.test(origin.module)) return undefined;
      if (/(?:^|[/-])(?:express|koa|router|fastify|hono|restify|polka)(?:$|[/-])/u.test(origin.module)) return this.fileFramework() ?? 'guess';
    }
    const name = referenceName(inner);
    if (name === undefined || !APP_NAME.test(name)) return undefined;
    if (inner.type === AST_NODE_TYPES.Identifier && this.isPlainValue(inner)) return undefined;
    if (inner.type === AST_NODE_TYPES.MemberExpression && unwrap(inner.object).type !== AST_NODE_TYPES.ThisExpression) {
      // `this.router`, `this.app` yes; `config.api`, `clients.api` are not routers.
      return undefined;
    }
    return this.fileFramework() ?? 'guess';
  }

  /** A name bound to an object literal, an array, a literal or a built-in collection (`new Map()`): no router. */
  private isPlainValue(identifier: TSESTree.Identifier): boolean {
    const definition = findVariable(this.sourceCode, identifier)?.defs[0];
    if (definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
    const init = unwrap(definition.node.init);
    if (init.type === AST_NODE_TYPES.ObjectExpression || init.type === AST_NODE_TYPES.ArrayExpression || init.type === AST_NODE_TYPES.Literal) return true;
    return init.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier && BUILT_IN_COLLECTIONS.has(init.callee.name);
  }

  /** The one HTTP framework the file imports, if it imports exactly one. */
  private fileFramework(): HandlerFramework | undefined {
    const frameworks = [...this.fileFrameworks].filter((framework) => framework !== 'nestjs' && framework !== 'next');
    return frameworks.length === 1 ? frameworks[0] : undefined;
  }

  // ---- NestJS -------------------------------------------------------------------------------

  private nestMethod(method: TSESTree.MethodDefinition): void {
    if (!isFunction(method.value)) return;
    for (const decorator of method.decorators) {
      const found = decoratorName(decorator);
      const verb = found ? NEST_DECORATORS.get(found.name) : undefined;
      if (!found || verb === undefined) continue;
      const origin = this.modules.resolve(found.callee);
      if (origin?.module !== NEST_MODULE) continue;
      const classNode = method.parent.parent;
      const classDecorators = classNode.type === AST_NODE_TYPES.ClassDeclaration || classNode.type === AST_NODE_TYPES.ClassExpression ? classNode.decorators : [];
      const controller = classDecorators.map(decoratorName).find((candidate) => candidate?.name === 'Controller');
      const prefix = controller ? this.nestPath(controller.args[0]) : '';
      const middleware: TSESTree.Node[] = [];
      for (const candidate of [...classDecorators, ...method.decorators]) {
        const usePipes = decoratorName(candidate);
        if (usePipes?.name === 'UsePipes') middleware.push(...usePipes.args);
      }
      for (const param of method.value.params) {
        const decorated = param.type === AST_NODE_TYPES.TSParameterProperty ? param : param;
        for (const paramDecorator of decorated.decorators ?? []) {
          const paramFound = decoratorName(paramDecorator);
          if (!paramFound) continue;
          // `@Body(new ValidationPipe())`, `@Param('id', ParseIntPipe)`: the pipes after the key.
          for (const argument of paramFound.args) if (stringOf(argument) === undefined) middleware.push(argument);
        }
      }
      this.add({
        fn: method.value as FunctionNode,
        framework: 'nestjs',
        method: verb,
        path: joinNestPath(prefix, this.nestPath(found.args[0])),
        middleware,
        declaration: decorator,
        hasFrameworkSchema: false,
      });
      return;
    }
  }

  private nestPath(argument: TSESTree.Node | undefined): string | undefined {
    if (!argument) return '';
    const inner = unwrap(argument);
    const value = stringOf(inner);
    if (value !== undefined) return value;
    if (inner.type === AST_NODE_TYPES.ObjectExpression) {
      const path = property(inner, 'path');
      return path ? stringOf(path.value) : '';
    }
    return undefined;
  }

  // ---- GraphQL ------------------------------------------------------------------------------

  /**
   * Resolvers answer GraphQL operations as handlers answer routes: the functions of a resolver map
   * (`Query: { user: (parent, args) => ... }`, Apollo, Mercurius, graphql-tools) and the `resolve`
   * of a graphql-js field config (`{ type: UserType, args, resolve }`).
   */
  private graphqlResolvers(entry: TSESTree.Property): void {
    const key = keyName(entry);
    if (key === undefined) return;
    const value = unwrap(entry.value);
    if (GRAPHQL_OPERATION_TYPES.has(key) && value.type === AST_NODE_TYPES.ObjectExpression) {
      for (const field of value.properties) {
        if (field.type !== AST_NODE_TYPES.Property) continue;
        const fn = this.functions.of(field.value);
        if (fn && !this.seen.has(fn)) this.add({ fn, framework: 'graphql', method: key.toUpperCase(), path: keyName(field), middleware: [], declaration: field, hasFrameworkSchema: true });
      }
      return;
    }
    if (key !== 'resolve' || entry.parent.type !== AST_NODE_TYPES.ObjectExpression || !property(entry.parent, 'type')) return;
    const fn = this.functions.of(entry.value);
    if (!fn || this.seen.has(fn)) return;
    const field = entry.parent.parent;
    this.add({ fn, framework: 'graphql', method: undefined, path: field?.type === AST_NODE_TYPES.Property ? keyName(field) : undefined, middleware: [], declaration: entry, hasFrameworkSchema: true });
  }

  // ---- Next.js ------------------------------------------------------------------------------

  private nextExports(program: TSESTree.Program): void {
    const appRoute = isNextAppRoute(this.filename);
    const pagesApi = isNextPagesApi(this.filename);
    const importsNext = this.fileFrameworks.has('next');
    if (!appRoute && !pagesApi && !importsNext) return;
    const routePath = nextRoutePath(this.filename);
    const path = routePath === undefined ? undefined : `/${routePath}`;
    for (const statement of program.body) {
      if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
        const declaration = statement.declaration;
        if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id && NEXT_METHODS.has(declaration.id.name)) {
          this.nextHandler(declaration, declaration.id.name, path, statement);
        }
        if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const declarator of declaration.declarations) {
            if (declarator.id.type !== AST_NODE_TYPES.Identifier || !NEXT_METHODS.has(declarator.id.name) || !declarator.init) continue;
            const fn = this.functions.of(declarator.init);
            if (fn) this.nextHandler(fn, declarator.id.name, path, statement);
          }
        }
        if (!statement.source) {
          // `export { handler as GET, handler as POST }` (NextAuth).
          for (const specifier of statement.specifiers) {
            const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
            if (!NEXT_METHODS.has(exported) || specifier.local.type !== AST_NODE_TYPES.Identifier) continue;
            const fn = this.functions.of(specifier.local);
            if (fn) this.nextHandler(fn, exported, path, statement);
          }
        }
      } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && (pagesApi || (importsNext && !appRoute && this.isPagesApiHandler(statement)))) {
        const fn = this.functions.of(statement.declaration);
        if (fn && fn.params.length >= 1) {
          this.add({ fn, framework: 'next', method: undefined, path, middleware: [], declaration: statement, hasFrameworkSchema: false });
        }
      }
    }
  }

  private nextHandler(fn: FunctionNode, method: string, path: string | undefined, declaration: TSESTree.Node): void {
    const appRoute = isNextAppRoute(this.filename);
    // Outside `app/**/route.ts` an exported `GET` counts when the file imports Next.js.
    if (!appRoute && !this.fileFrameworks.has('next')) return;
    this.add({ fn, framework: 'next', method, path, middleware: [], declaration, hasFrameworkSchema: false });
  }

  /** `export default function handler(req: NextApiRequest, res: NextApiResponse)`. */
  private isPagesApiHandler(statement: TSESTree.ExportDefaultDeclaration): boolean {
    const fn = this.functions.of(statement.declaration);
    const first = fn?.params[0];
    const target = first?.type === AST_NODE_TYPES.AssignmentPattern ? first.left : first;
    const annotation = target && 'typeAnnotation' in target ? target.typeAnnotation?.typeAnnotation : undefined;
    return annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && annotation.typeName.name === 'NextApiRequest';
  }

  // ---- Handlers by signature ----------------------------------------------------------------

  /** Exported `(req, res[, next])` functions of controller, handler and route files: method unknown. */
  private signatureOnly(program: TSESTree.Program): void {
    if (!HANDLER_FOLDER.test(this.filename) && !HANDLER_FILE.test(this.filename)) return;
    if (isMiddlewarePath(this.filename)) return;
    if (isNextAppRoute(this.filename) || isNextPagesApi(this.filename)) return;
    const candidates: FunctionNode[] = [...exportedNames(program).keys()].filter(isFunction);
    // Controller classes: `export class UsersController { async list(req: Request, res: Response) {} }`.
    for (const statement of program.body) {
      const declaration =
        statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
      if (declaration?.type !== AST_NODE_TYPES.ClassDeclaration) continue;
      for (const member of declaration.body.body) {
        if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'method' && isFunction(member.value)) candidates.push(member.value as FunctionNode);
        if (member.type === AST_NODE_TYPES.PropertyDefinition && member.value && isFunction(member.value)) candidates.push(member.value);
      }
    }
    for (const fn of candidates) {
      if (this.seen.has(fn)) continue;
      const framework = this.signatureFramework(fn);
      if (framework) this.add({ fn, framework, method: undefined, path: undefined, middleware: [], declaration: undefined, hasFrameworkSchema: false });
    }
  }

  private signatureFramework(fn: FunctionNode): HandlerFramework | undefined {
    const first = paramName(fn.params[0]);
    const second = paramName(fn.params[1]);
    if (fn.params.length > 3) return undefined;
    if ((first === 'req' || first === 'request') && (second === 'res' || second === 'response')) return 'express';
    if ((first === 'request' || first === 'req') && second === 'reply') return 'fastify';
    if (first === 'ctx' && (second === undefined || second === 'next')) return 'koa';
    return undefined;
  }
}
