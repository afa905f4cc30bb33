import { Node, SyntaxKind } from './ts-morph.js';
import type { CallExpression, Project, SourceFile } from 'ts-morph';
import { HEALTH_PATHS, HTTP_METHODS } from '../catalog/frameworks.js';
import type { App, Framework, Middleware, Route } from './model.js';
import { joinPaths, locationOf } from './locations.js';
import type { MiddlewareClassifier } from './middleware.js';
import { returnedValues, unwrapExpression, type ValueResolver } from './resolve.js';

/**
 * Express, Koa, Fastify and Hono: apps and routers are values; routes, middleware and mounts are
 * method calls on them. A router is identified by the expression that creates it (`express.Router()`,
 * `new Router()`, `new Hono()`), or, for Fastify plugins and `(app) => { app.get(...) }` modules,
 * by the function whose parameter receives it.
 */
interface RouterNode {
  readonly id: string;
  framework: Framework | undefined;
  readonly isApp: boolean;
  readonly node: Node;
  prefix: string;
  readonly ops: Op[];
  mounted: boolean;
  /** For an app made by a factory function (`createApp('admin')`), the app inside the factory whose setup every call shares. */
  readonly template?: RouterNode;
  /** For an app made inside a factory function: the apps its calls make. */
  instances?: number;
}

type Op =
  | { readonly type: 'route'; readonly method: string; readonly path: string; readonly node: Node; readonly handler: Node | undefined; readonly middleware: Middleware[]; readonly order: number }
  | { readonly type: 'use'; readonly path: string | undefined; readonly middleware: Middleware[]; readonly order: number }
  | { readonly type: 'mount'; readonly path: string; readonly child: RouterNode; readonly middleware: Middleware[]; readonly order: number };

/** What creates an app or a router, by package and export path. */
const CREATORS: readonly { module: string; path: string; framework: Framework; isApp: boolean }[] = [
  { module: 'express', path: '', framework: 'express', isApp: true },
  { module: 'express', path: 'Router', framework: 'express', isApp: false },
  { module: 'koa', path: '', framework: 'koa', isApp: true },
  { module: '@koa/router', path: '', framework: 'koa', isApp: false },
  { module: 'koa-router', path: '', framework: 'koa', isApp: false },
  { module: 'fastify', path: '', framework: 'fastify', isApp: true },
  { module: 'fastify', path: 'fastify', framework: 'fastify', isApp: true },
  { module: 'fastify', path: 'Fastify', framework: 'fastify', isApp: true },
  { module: 'hono', path: 'Hono', framework: 'hono', isApp: true },
];

const ROUTE_METHODS: ReadonlySet<string> = new Set([...HTTP_METHODS, 'del']);
const OPERATIONS: ReadonlySet<string> = new Set([...ROUTE_METHODS, 'use', 'route', 'register', 'addHook', 'on', 'prefix', 'all']);
const HOOKS: ReadonlySet<string> = new Set(['onRequest', 'preParsing', 'preValidation', 'preHandler']);

function stringValue(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrapExpression(node);
  if (Node.isStringLiteral(inner) || Node.isNoSubstitutionTemplateLiteral(inner)) return inner.getLiteralValue();
  return undefined;
}

function property(object: Node | undefined, name: string): Node | undefined {
  if (!object || !Node.isObjectLiteralExpression(object)) return undefined;
  const found = object.getProperty(name);
  if (Node.isPropertyAssignment(found)) return found.getInitializer();
  if (Node.isShorthandPropertyAssignment(found)) return found.getNameNode();
  return undefined;
}

function isFunctionLike(node: Node): boolean {
  return Node.isArrowFunction(node) || Node.isFunctionExpression(node) || Node.isFunctionDeclaration(node);
}

const TEST_FILE = /(?:^|\/)(?:test|tests|__tests__|e2e)\/|\.(?:test|spec|e2e-spec)\.[cm]?[jt]sx?$/u;

const FRAMEWORK_MODULES: ReadonlySet<string> = new Set(CREATORS.map((creator) => creator.module));

/** Local names bound to a framework module in a file: `import express, { Router } from 'express'`, `const Koa = require('koa')`. */
function creatorNames(file: SourceFile): Set<string> {
  const names = new Set<string>();
  for (const declaration of file.getImportDeclarations()) {
    if (!FRAMEWORK_MODULES.has(declaration.getModuleSpecifierValue())) continue;
    const defaultImport = declaration.getDefaultImport();
    if (defaultImport) names.add(defaultImport.getText());
    const namespaceImport = declaration.getNamespaceImport();
    if (namespaceImport) names.add(namespaceImport.getText());
    for (const specifier of declaration.getNamedImports()) names.add((specifier.getAliasNode() ?? specifier.getNameNode()).getText());
  }
  const text = file.getFullText();
  if (/require\(\s*['"](?:express|koa|@koa\/router|koa-router|fastify|hono)['"]\s*\)/u.test(text)) {
    for (const declaration of file.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) {
      const initializer = declaration.getInitializer();
      if (!initializer || !/^require\(\s*['"](?:express|koa|@koa\/router|koa-router|fastify|hono)['"]/u.test(initializer.getText())) continue;
      const nameNode = declaration.getNameNode();
      if (Node.isIdentifier(nameNode)) names.add(nameNode.getText());
      else if (Node.isObjectBindingPattern(nameNode)) for (const element of nameNode.getElements()) names.add(element.getName());
    }
  }
  return names;
}

function rootIdentifierText(node: Node): string | undefined {
  let current = unwrapExpression(node);
  while (Node.isPropertyAccessExpression(current) || Node.isCallExpression(current)) current = unwrapExpression(current.getExpression());
  return Node.isIdentifier(current) ? current.getText() : undefined;
}

/** A method call that may register a route (path and handler, or a handler on a `route()` chain), middleware or a mount. */
function isOperationCandidate(method: string, argumentCount: number, chained: boolean): boolean {
  if (!OPERATIONS.has(method)) return false;
  return ROUTE_METHODS.has(method) ? argumentCount >= 2 || (chained && argumentCount >= 1) : argumentCount >= 1;
}

export interface RouterInventory {
  readonly apps: App[];
  readonly routes: Route[];
  readonly notes: string[];
  /** Files that hold a route handler or a router of each app, to attribute error responses. */
  readonly appFiles: Map<string, Set<string>>;
}

export class RouterScanner {
  private readonly routers = new Map<Node, RouterNode>();
  private readonly resolved = new Map<Node, RouterNode | null>();
  private readonly notes: string[] = [];
  /** Names under which routers are used as receivers, to find `registerRoutes(app)` calls cheaply. */
  private readonly routerNames = new Set<string>();
  private order = 0;

  constructor(
    private readonly project: Project,
    private readonly root: string,
    private readonly resolver: ValueResolver,
    private readonly classifier: MiddlewareClassifier,
  ) {}

  scan(): RouterInventory {
    const operations: CallExpression[] = [];
    const calls: CallExpression[] = [];
    for (const file of this.project.getSourceFiles()) {
      // Cheap filters first: only calls named like a framework's export can create an app, only
      // method calls named like an operation can register routes; the rest is never resolved.
      const creators = creatorNames(file);
      const isCreator = (node: Node) => {
        const root = rootIdentifierText(node);
        return root !== undefined && (creators.has(root) || root === 'require');
      };
      for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        if (creators.size > 0 && isCreator(call.getExpression())) this.creation(call);
        const callee = call.getExpression();
        if (Node.isPropertyAccessExpression(callee) && isOperationCandidate(callee.getName(), call.getArguments().length, Node.isCallExpression(callee.getExpression()))) {
          operations.push(call);
        }
        else if (call.getArguments().length > 0 && Node.isIdentifier(call.getArguments()[0]!)) calls.push(call);
      }
      if (creators.size > 0) for (const node of file.getDescendantsOfKind(SyntaxKind.NewExpression)) if (isCreator(node.getExpression())) this.creation(node);
    }
    for (const call of operations) this.operation(call);
    this.mountParameterScopes(calls);
    return this.inventory();
  }

  private creation(node: Node): void {
    if (!Node.isCallExpression(node) && !Node.isNewExpression(node)) return;
    const origin = this.resolver.packageOrigin(node.getExpression());
    if (!origin) return;
    const creator = CREATORS.find((candidate) => candidate.module === origin.module && candidate.path === origin.path);
    if (!creator) return;
    const options = node.getArguments()[0];
    const prefix = creator.framework === 'koa' && !creator.isApp ? (stringValue(property(options, 'prefix')) ?? '') : '';
    this.routers.set(node, this.router(node, creator.framework, creator.isApp, prefix));
  }

  private router(node: Node, framework: Framework | undefined, isApp: boolean, prefix: string): RouterNode {
    const location = locationOf(this.root, node);
    return { id: `${location.file}:${location.line}`, framework, isApp, node, prefix, ops: [], mounted: false };
  }

  /** The router a value is: a creation, `sub.routes()`, `app.basePath('/x')`, a factory's result, a plugin parameter. */
  private resolve(raw: Node, depth = 0): RouterNode | undefined {
    if (depth > 8) return undefined;
    const node = unwrapExpression(raw);
    const cached = this.resolved.get(node);
    if (cached !== undefined) return cached ?? undefined;
    this.resolved.set(node, null);
    let found: RouterNode | undefined;
    for (const definition of this.resolver.definitions(node)) {
      found = this.routers.get(definition) ?? this.fromDefinition(definition, depth);
      if (found) break;
    }
    this.resolved.set(node, found ?? null);
    return found;
  }

  private fromDefinition(definition: Node, depth: number): RouterNode | undefined {
    if (Node.isParameterDeclaration(definition)) return this.parameterScope(definition);
    if (!Node.isCallExpression(definition)) return undefined;
    const callee = unwrapExpression(definition.getExpression());
    if (Node.isPropertyAccessExpression(callee)) {
      const name = callee.getName();
      if (name === 'routes' || name === 'middleware') return this.resolve(callee.getExpression(), depth + 1);
      if (name === 'basePath') {
        const base = this.resolve(callee.getExpression(), depth + 1);
        if (!base) return undefined;
        const derived = this.router(definition, base.framework, false, stringValue(definition.getArguments()[0]) ?? '');
        this.routers.set(definition, derived);
        base.ops.push({ type: 'mount', path: '', child: derived, middleware: [], order: this.order++ });
        derived.mounted = true;
        return derived;
      }
    }
    for (const fn of this.resolver.functionsOf(callee)) {
      for (const value of returnedValues(fn)) {
        const router = this.resolve(value, depth + 1);
        if (router) return router.isApp && fn.containsRange(router.node.getPos(), router.node.getEnd()) ? this.factoryInstance(router, definition) : router;
      }
    }
    return undefined;
  }

  /** Each call of a factory that creates and returns an app (`const admin = createApp('admin')`) makes an app of its own. */
  private factoryInstance(template: RouterNode, call: Node): RouterNode {
    let instance = this.routers.get(call);
    if (!instance) {
      instance = { ...this.router(call, template.framework, true, ''), template };
      template.instances = (template.instances ?? 0) + 1;
      this.routers.set(call, instance);
    }
    return instance;
  }

  /** A function whose first parameter receives an app or router: a Fastify plugin, `(app) => { ... }`. */
  private parameterScope(parameter: Node): RouterNode | undefined {
    const fn = parameter.getParent();
    if (!fn || !isFunctionLike(fn) || (fn as unknown as { getParameters(): Node[] }).getParameters()[0] !== parameter) return undefined;
    let scope = this.routers.get(fn);
    if (!scope) {
      scope = this.router(fn, undefined, false, '');
      this.routers.set(fn, scope);
    }
    return scope;
  }

  private operation(call: CallExpression): void {
    const callee = unwrapExpression(call.getExpression());
    if (!Node.isPropertyAccessExpression(callee)) return;
    const method = callee.getName();
    if (!OPERATIONS.has(method)) return;
    const receiver = unwrapExpression(callee.getExpression());
    const chained = this.routeChain(receiver);
    if (chained) {
      if (ROUTE_METHODS.has(method)) this.addRoute(chained.router, method, chained.path, callee.getNameNode(), call.getArguments());
      return;
    }
    const router = this.resolve(receiver);
    if (!router) return;
    if (Node.isIdentifier(receiver)) this.routerNames.add(receiver.getText());
    const args = call.getArguments();
    switch (method) {
      case 'use':
        this.addUse(router, args);
        return;
      case 'route':
        if (args.length >= 2 && this.resolve(args[1]!)) this.addMount(router, args);
        else if (router.framework === 'fastify' && args[0] && Node.isObjectLiteralExpression(unwrapExpression(args[0]))) this.addFastifyRoute(router, callee.getNameNode(), unwrapExpression(args[0]));
        return;
      case 'register':
        this.addRegister(router, args);
        return;
      case 'addHook': {
        const hook = stringValue(args[0]);
        if (hook && HOOKS.has(hook) && args[1]) router.ops.push({ type: 'use', path: undefined, middleware: [this.classifier.middleware(args[1], 'router')], order: this.order++ });
        return;
      }
      case 'prefix': {
        const prefix = stringValue(args[0]);
        if (prefix !== undefined) router.prefix = prefix;
        return;
      }
      case 'on': {
        const methods = this.methodList(args[0]);
        const path = stringValue(args[1]);
        if (methods.length > 0 && path !== undefined) for (const routeMethod of methods) this.addRoute(router, routeMethod, path, callee.getNameNode(), args.slice(1), true);
        return;
      }
      case 'all':
        return;
      default:
        this.addRoute(router, method, undefined, callee.getNameNode(), args);
    }
  }

  /** `app.route('/x').get(...).post(...)` (Express): the router and path of a route chain. */
  private routeChain(receiver: Node): { router: RouterNode; path: string } | undefined {
    let current = receiver;
    for (let depth = 0; depth < 10 && Node.isCallExpression(current); depth++) {
      const callee = unwrapExpression(current.getExpression());
      if (!Node.isPropertyAccessExpression(callee)) return undefined;
      if (callee.getName() === 'route') {
        const path = stringValue(current.getArguments()[0]);
        const router = path !== undefined && current.getArguments().length === 1 ? this.resolve(callee.getExpression()) : undefined;
        return router && path !== undefined ? { router, path } : undefined;
      }
      if (!ROUTE_METHODS.has(callee.getName())) return undefined;
      current = unwrapExpression(callee.getExpression());
    }
    return undefined;
  }

  private methodList(node: Node | undefined): string[] {
    const single = stringValue(node);
    if (single !== undefined) return [single.toUpperCase()];
    const inner = node && unwrapExpression(node);
    if (inner && Node.isArrayLiteralExpression(inner)) return inner.getElements().flatMap((element) => this.methodList(element));
    return [];
  }

  /** `router.get(path, ...middleware, handler)`; with `path` given, the arguments are the handlers. */
  private addRoute(router: RouterNode, method: string, givenPath: string | undefined, nameNode: Node, args: Node[], pathIncluded = false): void {
    let rest = args;
    let path = givenPath;
    if (path === undefined || pathIncluded) {
      // koa-router accepts a route name before the path.
      if (stringValue(rest[0]) !== undefined && stringValue(rest[1]) !== undefined) rest = rest.slice(1);
      path = stringValue(rest[0]);
      // `app.get('trust proxy')` reads a setting, `req.get('Authorization')` a header: a route needs a handler.
      if (path === undefined || rest.length < 2) return;
      rest = rest.slice(1);
    }
    const routeMethod = method === 'del' ? 'DELETE' : method.toUpperCase();
    let options: Node | undefined;
    // Fastify's route options; no other framework takes an object literal there.
    if (rest.length >= 2 && Node.isObjectLiteralExpression(unwrapExpression(rest[0]!))) {
      options = unwrapExpression(rest[0]!);
      rest = rest.slice(1);
    }
    const middleware = rest.slice(0, -1).flatMap((arg) => this.middlewareList(arg, 'route'));
    if (options) middleware.push(...this.fastifyOptionMiddleware(options));
    router.ops.push({ type: 'route', method: routeMethod, path, node: nameNode, handler: rest.at(-1), middleware, order: this.order++ });
  }

  private addFastifyRoute(router: RouterNode, nameNode: Node, options: Node): void {
    const path = stringValue(property(options, 'url')) ?? stringValue(property(options, 'path'));
    if (path === undefined) return;
    const middleware = this.fastifyOptionMiddleware(options);
    for (const method of this.methodList(property(options, 'method'))) {
      router.ops.push({ type: 'route', method, path, node: nameNode, handler: property(options, 'handler'), middleware, order: this.order++ });
    }
  }

  /** Fastify route options: hooks run as middleware, a `schema` validates. */
  private fastifyOptionMiddleware(options: Node): Middleware[] {
    const middleware: Middleware[] = [];
    for (const hook of HOOKS) {
      const value = property(options, hook);
      if (value) middleware.push(...this.middlewareList(value, 'route'));
    }
    const schema = property(options, 'schema');
    if (schema) middleware.push({ ...this.classifier.middleware(schema, 'route'), kinds: ['validation'] });
    return middleware;
  }

  private middlewareList(node: Node, scope: Middleware['scope']): Middleware[] {
    const inner = unwrapExpression(node);
    if (Node.isArrayLiteralExpression(inner)) return inner.getElements().flatMap((element) => this.middlewareList(element, scope));
    return [this.classifier.middleware(inner, scope)];
  }

  private addUse(router: RouterNode, args: Node[]): void {
    let rest = args;
    const path = stringValue(rest[0]);
    if (path !== undefined) rest = rest.slice(1);
    const before: Middleware[] = [];
    for (const arg of rest) {
      const child = this.resolve(arg);
      if (child && child !== router) {
        this.mount(router, child, path ?? '', before);
      } else {
        before.push(...this.middlewareList(arg, router.isApp ? 'global' : 'router'));
      }
    }
    if (before.length > 0) router.ops.push({ type: 'use', path, middleware: before, order: this.order++ });
    // `app.use('/health', handler)` answers every method there: a health endpoint, written as middleware.
    if (path !== undefined && before.length === rest.length && HEALTH_PATHS.includes(path.toLowerCase()) && rest.length > 0) {
      router.ops.push({ type: 'route', method: 'ALL', path, node: rest.at(-1)!, handler: rest.at(-1), middleware: before.slice(0, -1), order: this.order++ });
    }
  }

  /** Hono `app.route('/x', sub)`. */
  private addMount(router: RouterNode, args: Node[]): void {
    const path = stringValue(args[0]) ?? '';
    const child = args[1] && this.resolve(args[1]);
    if (child) this.mount(router, child, path, []);
  }

  /** Fastify `register(plugin, { prefix })`; registering helmet or a rate limiter applies it. */
  private addRegister(router: RouterNode, args: Node[]): void {
    const [plugin, options] = args;
    if (!plugin) return;
    const target = unwrapExpression(plugin);
    if (Node.isCallExpression(target) && target.getExpression().getKind() === SyntaxKind.ImportKeyword) {
      const location = locationOf(this.root, plugin);
      this.notes.push(`${location.file}:${location.line}: a dynamically imported plugin is not followed; its routes are missing`);
      return;
    }
    const prefix = stringValue(property(options && unwrapExpression(options), 'prefix')) ?? '';
    const candidates = isFunctionLike(target) ? [target] : this.resolver.definitions(target);
    for (const candidate of candidates) {
      const fn = this.unwrapFastifyPlugin(candidate);
      const parameter = fn && (fn as unknown as { getParameters(): Node[] }).getParameters()[0];
      const scope = parameter ? this.parameterScope(parameter) : undefined;
      if (scope) {
        this.mount(router, scope, prefix, []);
        return;
      }
    }
    // Registering helmet or a rate limiter applies it; registering @fastify/jwt only adds a decorator.
    const middleware = this.classifier.middleware(plugin, router.isApp ? 'global' : 'router');
    if (middleware.kinds.includes('security-headers') || middleware.kinds.includes('rate-limit')) {
      router.ops.push({ type: 'use', path: undefined, middleware: [middleware], order: this.order++ });
    }
  }

  /** fastify-plugin's `fp(fn)` wraps a plugin without changing its routes. */
  private unwrapFastifyPlugin(node: Node): Node | undefined {
    if (isFunctionLike(node)) return node;
    if (Node.isCallExpression(node) && this.resolver.packageOrigin(node.getExpression())?.module === 'fastify-plugin' && node.getArguments()[0]) {
      const inner = unwrapExpression(node.getArguments()[0]!);
      return isFunctionLike(inner) ? inner : this.resolver.functionsOf(inner)[0];
    }
    return undefined;
  }

  private mount(parent: RouterNode, child: RouterNode, path: string, middleware: Middleware[]): void {
    child.mounted = true;
    child.framework ??= parent.framework;
    parent.ops.push({ type: 'mount', path, child, middleware: [...middleware], order: this.order++ });
  }

  /** `registerRoutes(app)`: a function whose parameter receives a known router runs inline on it. */
  private mountParameterScopes(calls: CallExpression[]): void {
    const scopes = [...this.routers.values()].filter((router) => !router.mounted && isFunctionLike(router.node) && router.ops.length > 0);
    if (scopes.length === 0) return;
    const byFunction = new Map(scopes.map((scope) => [scope.node, scope]));
    for (const call of calls) {
      const [first] = call.getArguments();
      if (!first || !this.routerNames.has(first.getText())) continue;
      const callee = unwrapExpression(call.getExpression());
      const scope = this.resolver.functionsOf(callee).map((fn) => byFunction.get(fn)).find((candidate) => candidate !== undefined);
      const parent = scope && this.resolve(first);
      if (scope && parent && parent !== scope) this.mount(parent, scope, '', []);
    }
  }

  private inventory(): RouterInventory {
    const apps: App[] = [];
    const routes: Route[] = [];
    const appFiles = new Map<string, Set<string>>();
    // A function scope that is never mounted was not a router after all (a middleware's `req.get(...)`).
    this.instantiateFactories();
    const candidates = [...this.routers.values()].filter(
      (router) => !router.mounted && !router.instances && (router.isApp || (router.ops.length > 0 && !isFunctionLike(router.node))),
    );
    // Apps that tests build, and sub-apps a function builds and hands to a parent the analyzer cannot
    // see, are not servers: their routes are listed, but the app-level checks skip them.
    const isServer = (router: RouterNode): boolean => {
      if (router.isApp && this.isReturnedByItsFunction(router)) {
        this.notes.push(`${router.id}: an app built and returned by a function and mounted where the analyzer cannot see; the app-level checks skip it`);
        return false;
      }
      return true;
    };
    // An app a test builds is the same app again: its routes are already listed.
    const roots = candidates.filter((router) => !TEST_FILE.test(locationOf(this.root, router.node).file));
    for (const root of roots) {
      if (!root.isApp) {
        this.notes.push(`${root.id}: a router that is not mounted on any app; its routes are listed under their own paths`);
      }
      const appId = root.id;
      const files = new Set<string>([root.id.replace(/:\d+$/u, '')]);
      const global = this.appWideMiddleware(root);
      if (root.isApp && isServer(root)) {
        apps.push({ id: appId, framework: root.framework ?? 'express', location: locationOf(this.root, root.node), middleware: global });
      }
      this.collect(root, '', [], appId, routes, files, new Set());
      appFiles.set(appId, files);
    }
    return { apps, routes, notes: this.notes, appFiles };
  }

  /**
   * `export function createApp() { const app = express(); ...; return app; }` called as
   * `createApp().listen(3000)`: each call found by reference is an app of its own.
   */
  private instantiateFactories(): void {
    for (const router of [...this.routers.values()]) {
      if (!router.isApp || router.template || router.instances || !this.isReturnedByItsFunction(router)) continue;
      const fn = router.node.getFirstAncestor((ancestor) => isFunctionLike(ancestor))!;
      const declarator = fn.getParent();
      const nameNode = Node.isFunctionDeclaration(fn) ? fn.getNameNode() : Node.isVariableDeclaration(declarator) ? declarator.getNameNode() : undefined;
      if (!nameNode || !Node.isIdentifier(nameNode)) continue;
      for (const reference of nameNode.findReferencesAsNodes()) {
        const call = reference.getParent();
        if (Node.isCallExpression(call) && call.getExpression() === reference && !TEST_FILE.test(locationOf(this.root, call).file)) this.factoryInstance(router, call);
      }
    }
  }

  /** Whether the function that creates the app returns it (`function setupApiApp() { const app = express(); ...; return app; }`). */
  private isReturnedByItsFunction(router: RouterNode): boolean {
    const fn = router.node.getFirstAncestor((ancestor) => isFunctionLike(ancestor));
    return fn !== undefined && returnedValues(fn).some((value) => this.resolve(value) === router);
  }

  /** Middleware on the app itself, or on a Hono `basePath` of it, that covers every path. */
  private appWideMiddleware(router: RouterNode, depth = 0): Middleware[] {
    if (depth > 4) return [];
    return [...(router.template?.ops ?? []), ...router.ops].flatMap((op) => {
      if (op.type === 'use') return op.path === undefined || op.path === '*' || op.path === '/*' ? op.middleware : [];
      if (op.type === 'mount' && op.path === '' && Node.isCallExpression(op.child.node)) return this.appWideMiddleware(op.child, depth + 1);
      return [];
    });
  }

  private collect(router: RouterNode, prefix: string, inherited: Middleware[], appId: string, routes: Route[], files: Set<string>, visiting: Set<RouterNode>): void {
    if (visiting.has(router)) return;
    visiting.add(router);
    files.add(locationOf(this.root, router.node).file);
    const base = joinPaths(prefix, router.prefix);
    const active: { path: string | undefined; middleware: Middleware[] }[] = [];
    const applicable = (path: string) =>
      active.filter((entry) => entry.path === undefined || entry.path === '*' || path.startsWith(entry.path.replace(/\/?\*$/u, ''))).flatMap((entry) => entry.middleware);
    // Fastify hooks apply to every route of their scope, wherever they are added.
    const hooksFirst = router.framework === 'fastify';
    // A factory-made app runs the factory's own setup first.
    const byOrder = (list: readonly Op[]) => [...list].sort((a, b) => a.order - b.order);
    const own = [...byOrder(router.template?.ops ?? []), ...byOrder(router.ops)];
    const ops = hooksFirst ? [...own.filter((op) => op.type === 'use'), ...own.filter((op) => op.type !== 'use')] : own;
    for (const op of ops) {
      if (op.type === 'use') {
        active.push({ path: op.path, middleware: op.middleware });
      } else if (op.type === 'mount') {
        this.collect(op.child, joinPaths(base, op.path), [...inherited, ...applicable(op.path), ...op.middleware], appId, routes, files, visiting);
      } else {
        const path = joinPaths(base, op.path);
        const location = locationOf(this.root, op.node);
        files.add(location.file);
        routes.push({
          app: appId,
          framework: router.framework ?? 'express',
          method: op.method,
          path,
          location,
          handler: op.handler ? locationOf(this.root, op.handler) : undefined,
          middleware: [...inherited, ...applicable(op.path), ...op.middleware],
        });
      }
    }
    visiting.delete(router);
  }
}

