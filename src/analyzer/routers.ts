import { Node, SyntaxKind } from './ts-morph.js';
import { compilerNodesOfKind, nodesOfKind, wrapped } from './syntax-index.js';
import type { CallExpression, ObjectLiteralExpression, Project, SourceFile, ts } from 'ts-morph';
import { HEALTH_LIBRARIES, HTTP_METHODS, SERVER_HANDOFFS, SERVING_MEMBERS } from '../catalog/frameworks.js';
import { AUTOLOAD_MODULES, autoloadedPlugins, folderOf } from './fastify-autoload.js';
import { delegatedFunctions, guardsAuthentication, handsOn, isFunctionKind, isFunctionNode } from './guards.js';
import type { App, Framework, Middleware, Route } from './model.js';
import { isProbePath } from './probes.js';
import { joinPaths, locationOf } from './locations.js';
import type { MiddlewareClassifier } from './middleware.js';
import { requiredSpecifier, returnedValues, unwrapExpression, type ValueResolver } from './resolve.js';
import { literally } from '../ast/regexp.js';
import { boundValue, callScope, inLoopOrCallback, loopScopes, MAX_SCOPE_DEPTH, type Scope } from './scope.js';

/**
 * Express, Koa, Fastify and Hono: apps and routers are values; routes, middleware and mounts are
 * method calls on them. A router is identified by the expression that creates it (`express.Router()`,
 * `new Router()`, `new Hono()`), by a factory's call (`createApp()`, each call an app of its own),
 * or, for Fastify plugins, by the function whose parameter receives it. Helpers that take a router
 * (`mountAll(app, routes)`, `app.lazyUse = (path, load) => app.use(path, load())`) and loops over
 * lists of routers are evaluated once per call and per element.
 */
interface RouterNode {
  readonly id: string;
  framework: Framework | undefined;
  readonly isApp: boolean;
  readonly node: Node;
  prefix: string;
  readonly ops: Op[];
  mounted: boolean;
  /** For a router made by a factory function (`createApp('admin')`), the router inside the factory whose setup every call shares. */
  readonly template?: RouterNode;
  /** For a router made inside a factory function: how many routers its calls make. */
  instances?: number;
  /** Functions the factory assigns on the router (`app.lazyUse = function (path, load) {...}`): evaluated at each call. */
  readonly members: Map<string, Node>;
  /** A Fastify plugin wrapped in fastify-plugin: its hooks and plugins apply to the scope that registers it. */
  transparent?: boolean;
  /** The router it is mounted on first: serving a router serves the app it belongs to. */
  parent?: RouterNode;
}

type Op =
  | {
      readonly type: 'route';
      readonly method: string;
      readonly path: string;
      readonly node: Node;
      readonly handler: Node | undefined;
      /** The handler's code is out of reach (see Route.opaque). */
      readonly opaque?: boolean;
      readonly middleware: Middleware[];
      readonly order: number;
      /** A health route a library adds (`@fastify/under-pressure`), whatever its path. */
      readonly probe?: boolean;
    }
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
const KOA_MOUNT = new Set(['koa-mount']);

function property(object: Node | undefined, name: string): Node | undefined {
  const inner = object && unwrapExpression(object);
  if (!inner || !Node.isObjectLiteralExpression(inner)) return undefined;
  const found = inner.getProperty(name);
  if (Node.isPropertyAssignment(found)) return found.getInitializer();
  if (Node.isShorthandPropertyAssignment(found)) return found.getNameNode();
  return undefined;
}

function parametersOf(fn: Node): Node[] {
  return (fn as Node & { getParameters?: () => Node[] }).getParameters?.() ?? [];
}

const TEST_FILE = /(?:^|\/)(?:test|tests|__tests__|e2e)\/|\.(?:test|spec|e2e-spec)\.[cm]?[jt]sx?$/u;

const FRAMEWORK_MODULES: ReadonlySet<string> = new Set(CREATORS.map((creator) => creator.module));
const HANDOFF_MODULES: ReadonlySet<string> = new Set(SERVER_HANDOFFS.map((handoff) => handoff.module));

/** Per set of modules, a pattern for any of them in quotes: one scan of a file's text, not two per module. */
const quotedNames = new WeakMap<ReadonlySet<string>, RegExp>();

function quotedNameOf(modules: ReadonlySet<string>): RegExp {
  let pattern = quotedNames.get(modules);
  if (!pattern) {
    const names = [...modules].map(literally).join('|');
    pattern = new RegExp(`['"](?:${names})['"]`, 'u');
    quotedNames.set(modules, pattern);
  }
  return pattern;
}

/** Local names bound to one of these modules in a file: `import express, { Router } from 'express'`, `const Koa = require('koa')`. */
function namesBoundTo(file: SourceFile, modules: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  for (const declaration of file.getImportDeclarations()) {
    if (!modules.has(declaration.getModuleSpecifierValue())) continue;
    const defaultImport = declaration.getDefaultImport();
    if (defaultImport) names.add(defaultImport.getText());
    const namespaceImport = declaration.getNamespaceImport();
    if (namespaceImport) names.add(namespaceImport.getText());
    for (const specifier of declaration.getNamedImports()) names.add((specifier.getAliasNode() ?? specifier.getNameNode()).getText());
  }
  const text = file.getFullText();
  if (!text.includes('require(') || !quotedNameOf(modules).test(text)) return names;
  for (const declaration of nodesOfKind(file, SyntaxKind.VariableDeclaration)) {
    const initializer = declaration.getInitializer();
    const required = initializer && /^require\(\s*['"]([^'"]+)['"]/u.exec(initializer.getText());
    if (!required || !modules.has(required[1]!)) continue;
    const nameNode = declaration.getNameNode();
    if (Node.isIdentifier(nameNode)) names.add(nameNode.getText());
    else if (Node.isObjectBindingPattern(nameNode)) for (const element of nameNode.getElements()) names.add(element.getName());
  }
  return names;
}

/** Whether the `require(...)` a chain starts from loads a framework module: `require('express').Router()`. */
function requiresFramework(node: Node): boolean {
  let current = unwrapExpression(node);
  while (Node.isPropertyAccessExpression(current) || Node.isCallExpression(current)) {
    const specifier = requiredSpecifier(current);
    if (specifier !== undefined) return FRAMEWORK_MODULES.has(specifier);
    current = unwrapExpression(current.getExpression());
  }
  return false;
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

/**
 * A call with arguments that may hand a router to a helper (`mountRoutes(app)`), kept as the
 * compiler's node: nearly every call of a project is one, and few involve a router.
 */
interface PendingCall {
  readonly file: SourceFile;
  readonly node: ts.CallExpression;
}

/** A scope of evaluation, with the router the helper's own app stands for (`app.lazyUse` evaluated for `backendApp`). */
type EvalScope = Scope & { readonly self?: readonly [RouterNode, RouterNode] };

export class RouterScanner {
  private readonly routers = new Map<Node, RouterNode>();
  private readonly resolved = new Map<Node, RouterNode | null>();
  private readonly notes: string[] = [];
  /** Names under which routers are used as receivers, to find `registerRoutes(app)` calls cheaply. */
  private readonly routerNames = new Set<string>();
  /** Operation calls by every function they sit in, to evaluate a helper's body for one of its calls. */
  private readonly operationsIn = new Map<Node, CallExpression[]>();
  private readonly helperCalls: PendingCall[] = [];
  /** Functions evaluated for a call with its arguments: what they mount lands on the routers they were given. */
  private readonly inlined = new Set<Node>();
  private readonly servingCalls: Node[] = [];
  private readonly handoffCalls: CallExpression[] = [];
  private readonly served = new Set<RouterNode>();
  /** Functions whose first parameter they start as a server (`start(app) { app.listen(port) }`). */
  private readonly servingParameters = new Set<Node>();
  private order = 0;

  constructor(
    private readonly project: Project,
    private readonly root: string,
    private readonly resolver: ValueResolver,
    private readonly classifier: MiddlewareClassifier,
  ) {}

  scan(): RouterInventory {
    const operations: CallExpression[] = [];
    const memberAssignments: Node[] = [];
    for (const file of this.project.getSourceFiles()) {
      // Cheap filters first: only calls named like a framework's export can create an app, only
      // method calls named like an operation can register routes; the rest is never resolved.
      const creators = namesBoundTo(file, FRAMEWORK_MODULES);
      const handoffs = namesBoundTo(file, HANDOFF_MODULES);
      const isCreator = (node: Node) => {
        const root = rootIdentifierText(node);
        return root !== undefined && (creators.has(root) || (root === 'require' && requiresFramework(node)));
      };
      const inTest = TEST_FILE.test(locationOf(this.root, file).file);
      // Read from the compiler's nodes: a call is wrapped only once it is kept for evaluation.
      for (const node of compilerNodesOfKind(file, SyntaxKind.CallExpression) as readonly ts.CallExpression[]) {
        const call = () => wrapped<CallExpression>(file, node);
        if (creators.size > 0 && isCreator(call().getExpression())) this.creation(call());
        const callee = node.expression;
        const argumentCount = node.arguments.length;
        if (callee.kind === SyntaxKind.PropertyAccessExpression) {
          const access = callee as ts.PropertyAccessExpression;
          const name = access.name.text;
          if (isOperationCandidate(name, argumentCount, access.expression.kind === SyntaxKind.CallExpression)) operations.push(call());
          else if (argumentCount > 0 && !inTest) this.helperCalls.push({ file, node });
          if (SERVING_MEMBERS.has(name)) this.servingCalls.push(call().getExpression());
        } else if (callee.kind === SyntaxKind.ElementAccessExpression && argumentCount >= 2) {
          // `app[route.method](route.path, route.handler)` in a loop over a list of routes.
          operations.push(call());
        } else if (argumentCount > 0 && !inTest) {
          this.helperCalls.push({ file, node });
        }
        if (handoffs.size > 0 && argumentCount > 0) {
          const root = rootIdentifierText(call().getExpression());
          if (root !== undefined && handoffs.has(root)) this.handoffCalls.push(call());
        }
      }
      if (creators.size > 0) for (const node of nodesOfKind(file, SyntaxKind.NewExpression)) if (isCreator(node.getExpression())) this.creation(node);
      const text = file.getFullText();
      if (/\.(?:fetch|callback)\b/u.test(text)) {
        for (const access of nodesOfKind(file, SyntaxKind.PropertyAccessExpression)) {
          const parent = access.getParent();
          if (/^(?:fetch|callback)$/u.test(access.getName()) && !(Node.isCallExpression(parent) && parent.getExpression() === access)) this.servingCalls.push(access);
        }
      }
      if (/\.\w+\s*=\s*(?:async\s+)?(?:function\b|\()/u.test(text)) {
        for (const assignment of nodesOfKind(file, SyntaxKind.BinaryExpression)) {
          const left = assignment.getLeft();
          if (assignment.getOperatorToken().getKind() === SyntaxKind.EqualsToken && Node.isPropertyAccessExpression(left) && isFunctionNode(unwrapExpression(assignment.getRight()))) memberAssignments.push(assignment);
        }
      }
    }
    for (const assignment of memberAssignments) this.memberAssignment(assignment);
    for (const call of operations) {
      for (let fn = call.getParent(); fn; fn = fn.getParent()) {
        if (!isFunctionNode(fn)) continue;
        const calls = this.operationsIn.get(fn);
        if (calls) calls.push(call);
        else this.operationsIn.set(fn, [call]);
      }
    }
    for (const call of operations) this.evaluate(call, undefined);
    // Outside a loop or a callback, a call does something here only if it hands over (or is made
    // on) a router by a name routers are known by: its text says whether it may.
    for (const call of this.helperCalls) if (inLoopOrCallback(call.node) || this.mentionsRouterName(call)) this.helperCall(this.wrapCall(call), undefined);
    this.markServed();
    return this.inventory();
  }

  private creation(node: Node): void {
    if (!Node.isCallExpression(node) && !Node.isNewExpression(node)) return;
    const origin = this.resolver.packageOrigin(node.getExpression());
    if (!origin) return;
    const creator = CREATORS.find((candidate) => candidate.module === origin.module && candidate.path === origin.path);
    if (!creator) return;
    const options = node.getArguments()[0];
    const prefix = creator.framework === 'koa' && !creator.isApp ? (this.stringValue(property(options, 'prefix'), undefined) ?? '') : '';
    this.routers.set(node, this.router(node, creator.framework, creator.isApp, prefix));
  }

  private router(node: Node, framework: Framework | undefined, isApp: boolean, prefix: string): RouterNode {
    const location = locationOf(this.root, node);
    return { id: `${location.file}:${location.line}`, framework, isApp, node, prefix, ops: [], mounted: false, members: new Map() };
  }

  /** `app.lazyUse = function (path, load) { app.use(path, load()) }` in a factory: a helper of every app it makes. */
  private memberAssignment(assignment: Node): void {
    if (!Node.isBinaryExpression(assignment)) return;
    const left = assignment.getLeft();
    if (!Node.isPropertyAccessExpression(left)) return;
    const router = this.resolve(left.getExpression());
    if (router) router.members.set(left.getName(), unwrapExpression(assignment.getRight()));
  }

  private stringValue(node: Node | undefined, scope: EvalScope | undefined): string | undefined {
    if (!node) return undefined;
    const bound = boundValue(node, scope, this.resolver);
    if (bound) return 'text' in bound ? bound.text : 'node' in bound ? this.stringValue(bound.node, bound.scope as EvalScope | undefined) : undefined;
    const inner = unwrapExpression(node);
    // `/assets/${filename}` in a loop over the file names.
    if (scope && Node.isTemplateExpression(inner)) {
      let text = inner.getHead().getLiteralText();
      for (const span of inner.getTemplateSpans()) {
        const value = this.stringValue(span.getExpression(), scope);
        if (value === undefined) return undefined;
        text += value + span.getLiteral().getLiteralText();
      }
      return text;
    }
    return this.resolver.constantString(node);
  }

  /** The router a value is: a creation, `sub.routes()`, `app.basePath('/x')`, a factory's result, a plugin parameter, a bound argument. */
  private resolve(raw: Node, scope?: EvalScope, depth = 0): RouterNode | undefined {
    if (depth > 12) return undefined;
    const node = unwrapExpression(raw);
    if (scope) {
      const bound = boundValue(node, scope, this.resolver);
      if (bound) return 'node' in bound ? this.substitute(this.resolve(bound.node, bound.scope as EvalScope | undefined, depth + 1), scope) : undefined;
    }
    const cacheable = scope === undefined;
    if (cacheable) {
      const cached = this.resolved.get(node);
      if (cached !== undefined) return cached ?? undefined;
      this.resolved.set(node, null);
    }
    let found: RouterNode | undefined;
    for (const definition of this.resolver.definitions(node)) {
      found = this.routers.get(definition) ?? this.fromDefinition(definition, scope, depth);
      if (found) break;
    }
    found = this.substitute(found, scope);
    if (cacheable) this.resolved.set(node, found ?? null);
    return found;
  }

  /** In a helper evaluated for one app, the factory's own app stands for that app. */
  private substitute(router: RouterNode | undefined, scope: EvalScope | undefined): RouterNode | undefined {
    for (let current: EvalScope | undefined = scope; current && router; current = current.parent as EvalScope | undefined) {
      if (current.self && (current.self[0] === router || this.templateChain(current.self[1]).includes(router))) return current.self[1];
    }
    return router;
  }

  private templateChain(router: RouterNode): RouterNode[] {
    const chain: RouterNode[] = [];
    for (let current: RouterNode | undefined = router.template; current && chain.length < 8; current = current.template) chain.push(current);
    return chain;
  }

  private fromDefinition(definition: Node, scope: EvalScope | undefined, depth: number): RouterNode | undefined {
    if (Node.isParameterDeclaration(definition)) return this.parameterScope(definition);
    if (!Node.isCallExpression(definition)) return undefined;
    const callee = unwrapExpression(definition.getExpression());
    if (Node.isPropertyAccessExpression(callee)) {
      const name = callee.getName();
      // `router.routes()` is the router's middleware; `app.use(a).use(b)` chains on the app.
      if (name === 'routes' || name === 'middleware' || name === 'use') return this.resolve(callee.getExpression(), scope, depth + 1);
      if (name === 'basePath') {
        const base = this.resolve(callee.getExpression(), scope, depth + 1);
        if (!base) return undefined;
        const derived = this.router(definition, base.framework, false, this.stringValue(definition.getArguments()[0], scope) ?? '');
        this.routers.set(definition, derived);
        this.mount(base, derived, '', []);
        return derived;
      }
    }
    if ((scope?.depth ?? 0) >= MAX_SCOPE_DEPTH) return undefined;
    // A function passed as an argument and called in a helper (`load()` where `load` is `require('./api')`).
    const bound = boundValue(callee, scope, this.resolver);
    const functions = bound && 'node' in bound ? this.resolver.functionsOf(bound.node) : this.resolver.functionsOf(callee);
    for (const fn of functions) {
      const inner = callScope(fn, definition.getArguments(), scope, this.resolver);
      for (const value of returnedValues(fn)) {
        const router = this.resolve(value, inner, depth + 1);
        // A function handed to a helper and called there is one call per helper call, not a factory of its own.
        if (router) return !bound && fn.containsRange(router.node.getPos(), router.node.getEnd()) ? this.factoryInstance(router, definition) : router;
      }
    }
    return undefined;
  }

  /**
   * A router given to a wrapper that serves it (`vhost(host, app)`, `lazyLoad(() => import('./api'))`,
   * `Promise.resolve(router)`): in a mount, the router itself.
   */
  private mountedRouter(raw: Node, scope: EvalScope | undefined, depth = 0): RouterNode | undefined {
    const direct = this.resolve(raw, scope);
    if (direct || depth > 3) return direct;
    const node = unwrapExpression(raw);
    const bound = boundValue(node, scope, this.resolver);
    if (bound && 'node' in bound) return this.mountedRouter(bound.node, bound.scope as EvalScope | undefined, depth + 1);
    if (!Node.isCallExpression(node) || this.resolver.functionsOf(unwrapExpression(node.getExpression())).length > 0) return undefined;
    for (const argument of node.getArguments()) {
      const inner = unwrapExpression(argument);
      const candidates = isFunctionNode(inner) ? returnedValues(inner) : [inner];
      for (const candidate of candidates) {
        const router = this.mountedRouter(candidate, scope, depth + 1);
        if (router) return router;
      }
    }
    return undefined;
  }

  /** Each call of a factory that creates and returns a router (`const admin = createApp('admin')`) makes one of its own. */
  private factoryInstance(template: RouterNode, call: Node): RouterNode {
    let instance = this.routers.get(call);
    if (!instance) {
      instance = { ...this.router(call, template.framework, template.isApp, ''), template };
      template.instances = (template.instances ?? 0) + 1;
      this.routers.set(call, instance);
    }
    return instance;
  }

  /** A function whose first parameter receives an app or router: a Fastify plugin, `(app) => { ... }`. */
  private parameterScope(parameter: Node): RouterNode | undefined {
    const fn = parameter.getParent();
    if (!fn || !isFunctionNode(fn) || parametersOf(fn)[0] !== parameter) return undefined;
    let scope = this.routers.get(fn);
    if (!scope) {
      scope = this.router(fn, undefined, false, '');
      this.routers.set(fn, scope);
    }
    return scope;
  }

  /** Runs `evaluate` once per element when the call sits in a loop over a known list (`routes.forEach((route) => ...)`), else once. */
  private perElement(call: CallExpression, scope: EvalScope | undefined, evaluate: (scope: EvalScope | undefined) => void): void {
    const loops = loopScopes(call, scope, this.resolver);
    if (loops) for (const loopScope of loops) evaluate(loopScope);
    else evaluate(scope);
  }

  /** An operation (a route, a `use`, a mount), once per element of the list it is in. */
  private evaluate(call: CallExpression, scope: EvalScope | undefined): void {
    this.perElement(call, scope, (each) => this.operation(call, each));
  }

  private operation(call: CallExpression, scope: EvalScope | undefined): void {
    const callee = unwrapExpression(call.getExpression());
    let method: string | undefined;
    let nameNode: Node;
    if (Node.isPropertyAccessExpression(callee)) {
      method = callee.getName();
      nameNode = callee.getNameNode();
    } else if (Node.isElementAccessExpression(callee)) {
      const argument = callee.getArgumentExpression();
      method = argument && this.stringValue(argument, scope)?.toLowerCase();
      nameNode = callee;
    } else {
      return;
    }
    if (!method || !OPERATIONS.has(method)) return;
    const receiver = unwrapExpression(callee.getExpression());
    const args = call.getArguments();
    const chained = this.routeChain(receiver, scope);
    if (chained) {
      if (ROUTE_METHODS.has(method)) this.addRoute(chained.router, method, chained.path, nameNode, args, scope);
      return;
    }
    const router = this.resolve(receiver, scope);
    if (!router) return;
    if (Node.isIdentifier(receiver)) this.routerNames.add(receiver.getText());
    switch (method) {
      case 'use':
        this.addUse(router, args, scope);
        return;
      case 'route':
        if (args.length >= 2 && this.resolve(args[1]!, scope)) this.addMount(router, args, scope);
        else if (router.framework === 'fastify' && args[0] && Node.isObjectLiteralExpression(unwrapExpression(args[0]))) this.addFastifyRoute(router, nameNode, unwrapExpression(args[0]), scope);
        return;
      case 'register':
        this.addRegister(router, args, scope);
        return;
      case 'addHook': {
        const hook = this.stringValue(args[0], scope);
        if (hook && HOOKS.has(hook) && args[1]) router.ops.push({ type: 'use', path: undefined, middleware: [this.classifier.middleware(args[1], 'router')], order: this.order++ });
        return;
      }
      case 'prefix': {
        const prefix = this.stringValue(args[0], scope);
        if (prefix !== undefined) router.prefix = prefix;
        return;
      }
      case 'on': {
        const methods = this.methodList(args[0], scope);
        const path = this.stringValue(args[1], scope);
        if (methods.length > 0 && path !== undefined) for (const routeMethod of methods) this.addRoute(router, routeMethod, path, nameNode, args.slice(1), scope, true);
        return;
      }
      case 'all':
        return;
      default:
        this.addRoute(router, method, undefined, nameNode, args, scope);
    }
  }

  /** `app.route('/x').get(...).post(...)` (Express): the router and path of a route chain. */
  private routeChain(receiver: Node, scope: EvalScope | undefined): { router: RouterNode; path: string } | undefined {
    let current = receiver;
    for (let depth = 0; depth < 10 && Node.isCallExpression(current); depth++) {
      const callee = unwrapExpression(current.getExpression());
      if (!Node.isPropertyAccessExpression(callee)) return undefined;
      if (callee.getName() === 'route') {
        const path = this.stringValue(current.getArguments()[0], scope);
        const router = path !== undefined && current.getArguments().length === 1 ? this.resolve(callee.getExpression(), scope) : undefined;
        return router && path !== undefined ? { router, path } : undefined;
      }
      if (!ROUTE_METHODS.has(callee.getName())) return undefined;
      current = unwrapExpression(callee.getExpression());
    }
    return undefined;
  }

  private methodList(node: Node | undefined, scope: EvalScope | undefined): string[] {
    const single = this.stringValue(node, scope);
    if (single !== undefined) return [single.toUpperCase()];
    const inner = node && unwrapExpression(node);
    if (inner && Node.isArrayLiteralExpression(inner)) return inner.getElements().flatMap((element) => this.methodList(element, scope));
    return [];
  }

  /** `router.get(path, ...middleware, handler)`; with `path` given, the arguments are the handlers. */
  private addRoute(router: RouterNode, method: string, givenPath: string | undefined, nameNode: Node, args: Node[], scope: EvalScope | undefined, pathIncluded = false): void {
    let rest = args;
    let path = givenPath;
    if (path === undefined || pathIncluded) {
      // koa-router accepts a route name before the path.
      if (this.stringValue(rest[0], scope) !== undefined && this.stringValue(rest[1], scope) !== undefined) rest = rest.slice(1);
      path = this.stringValue(rest[0], scope);
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
    const handler = this.handlerOf(rest.at(-1), scope);
    middleware.push(...this.handlerGuard(handler));
    router.ops.push({ type: 'route', method: routeMethod, path, node: nameNode, handler: handler.node, opaque: handler.opaque, middleware, order: this.order++ });
  }

  /**
   * The handler function: the one written inline or named (through imports, module members and
   * bound arguments), or, when the analyzer cannot reach it, the expression that names it (opaque).
   */
  private handlerOf(written: Node | undefined, scope: EvalScope | undefined): { node: Node | undefined; functions: Node[]; opaque: boolean } {
    const bound = written && boundValue(written, scope, this.resolver);
    const expression = bound && 'node' in bound ? bound.node : written;
    if (!expression) return { node: undefined, functions: [], opaque: true };
    const inner = unwrapExpression(expression);
    const functions = isFunctionNode(inner) ? [inner] : Node.isIdentifier(inner) || Node.isPropertyAccessExpression(inner) ? this.resolver.functionsOf(inner) : [];
    const opaque = functions.length === 0 || functions.every((fn) => handsOn(fn, this.resolver));
    return { node: functions[0] ?? expression, functions, opaque };
  }

  /** An authentication check at the top of the handler itself (`if (!session) return 401`) guards the route. */
  private handlerGuard(handler: { functions: Node[] }): Middleware[] {
    // The handler itself, or what it hands the request to (`(req, res, next) => service.update(req, res, next)`).
    const guarded =
      handler.functions.find((fn) => guardsAuthentication(fn, this.resolver)) ??
      handler.functions.flatMap((fn) => delegatedFunctions(fn, this.resolver)).find((fn) => guardsAuthentication(fn, this.resolver, 1));
    return guarded ? [{ name: 'authentication check in the handler', kinds: ['auth'], scope: 'route', location: locationOf(this.root, guarded) }] : [];
  }

  private addFastifyRoute(router: RouterNode, nameNode: Node, options: Node, scope: EvalScope | undefined): void {
    const path = this.stringValue(property(options, 'url'), scope) ?? this.stringValue(property(options, 'path'), scope);
    if (path === undefined) return;
    const handler = this.handlerOf(property(options, 'handler'), scope);
    const middleware = [...this.fastifyOptionMiddleware(options), ...this.handlerGuard(handler)];
    for (const method of this.methodList(property(options, 'method'), scope)) {
      router.ops.push({ type: 'route', method, path, node: nameNode, handler: handler.node, opaque: handler.opaque, middleware, order: this.order++ });
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

  /** `koa-mount`'s `mount('/api', sub)` or `mount(sub)`. */
  private koaMount(node: Node, scope: EvalScope | undefined): { path: string; target: Node } | undefined {
    const inner = unwrapExpression(node);
    if (!Node.isCallExpression(inner)) return undefined;
    const origin = this.resolver.packageOrigin(inner.getExpression());
    if (!origin || !KOA_MOUNT.has(origin.module) || origin.path !== '') return undefined;
    const [first, second] = inner.getArguments();
    if (!first) return undefined;
    if (!second) return { path: '', target: first };
    return { path: this.stringValue(first, scope) ?? '', target: second };
  }

  private addUse(router: RouterNode, args: Node[], scope: EvalScope | undefined): void {
    let rest = args;
    const path = this.stringValue(rest[0], scope);
    if (path !== undefined) rest = rest.slice(1);
    else if (rest.length > 1 && !this.resolve(rest[0]!, scope) && !isFunctionNode(unwrapExpression(rest[0]!)) && /path|prefix|mount|subdir|base/iu.test(rest[0]!.getText())) {
      // A mount path computed at run time (`app.use(options.mountPath, api)`, `config.getSubdir()`).
      rest = rest.slice(1);
    }
    const before: Middleware[] = [];
    for (const arg of rest) {
      const mounted = this.koaMount(arg, scope);
      const child = mounted ? this.mountedRouter(mounted.target, scope) : this.mountedRouter(arg, scope);
      if (child && child !== router) {
        this.mount(router, child, joinPaths(path ?? '', mounted?.path ?? ''), before);
      } else if (mounted && mounted.path !== '') {
        router.ops.push({ type: 'use', path: joinPaths(path ?? '', mounted.path), middleware: this.middlewareList(mounted.target, router.isApp ? 'global' : 'router'), order: this.order++ });
      } else {
        before.push(...this.middlewareList(arg, router.isApp ? 'global' : 'router'));
      }
    }
    if (before.length > 0) router.ops.push({ type: 'use', path, middleware: before, order: this.order++ });
    // `app.use('/health', handler)` answers every method there: a health endpoint, written as middleware.
    if (path !== undefined && before.length === rest.length && rest.length > 0 && isProbePath(path)) {
      const handler = this.handlerOf(rest.at(-1), scope);
      router.ops.push({ type: 'route', method: 'ALL', path, node: rest.at(-1)!, handler: handler.node, opaque: handler.opaque, middleware: before.slice(0, -1), order: this.order++ });
    }
  }

  /** Hono `app.route('/x', sub)`. */
  private addMount(router: RouterNode, args: Node[], scope: EvalScope | undefined): void {
    const path = this.stringValue(args[0], scope) ?? '';
    const child = args[1] && this.resolve(args[1], scope);
    if (child) this.mount(router, child, path, []);
  }

  /** Fastify `register(plugin, { prefix })`; registering helmet or a rate limiter applies it, @fastify/autoload registers a folder. */
  private addRegister(router: RouterNode, args: Node[], scope: EvalScope | undefined): void {
    const [plugin, options] = args;
    if (!plugin) return;
    const target = unwrapExpression(plugin);
    const origin = this.resolver.packageOrigin(target);
    if (origin && AUTOLOAD_MODULES.has(origin.module)) {
      this.addAutoload(router, options, scope);
      return;
    }
    if (origin && this.addHealthPlugin(router, origin.module, options)) return;
    const prefix = this.stringValue(property(options, 'prefix'), scope) ?? '';
    if (this.registerPlugin(router, isFunctionNode(target) ? [target] : [...this.resolver.definitions(target), target], prefix, options)) return;
    if (Node.isCallExpression(target) && target.getExpression().getKind() === SyntaxKind.ImportKeyword) {
      const location = locationOf(this.root, plugin);
      this.notes.push(`${location.file}:${location.line}: a dynamically imported plugin that the analyzer cannot find; its routes are missing`);
    }
  }

  /**
   * Registers a plugin: a function (its routes, under the prefix), or a package plugin such as
   * helmet or a rate limiter, which applies to the scope. `candidates` are what the plugin
   * expression stands for (a module's default export for @fastify/autoload); `options` as registered.
   */
  private registerPlugin(router: RouterNode, candidates: readonly Node[], prefix: string, options?: Node): boolean {
    for (const candidate of candidates) {
      const unwrapped = this.unwrapFastifyPlugin(candidate);
      const parameter = unwrapped && parametersOf(unwrapped.fn)[0];
      const pluginScope = parameter ? this.parameterScope(parameter) : undefined;
      if (unwrapped && pluginScope) {
        if (unwrapped.transparent) pluginScope.transparent = true;
        this.mount(router, pluginScope, prefix, []);
        return true;
      }
    }
    // Registering helmet or a rate limiter applies it; registering @fastify/jwt only adds a decorator.
    for (const candidate of candidates) {
      const module = Node.isExportSpecifier(candidate) ? candidate.getExportDeclaration().getModuleSpecifierValue() : this.resolver.packageOrigin(candidate)?.module;
      if (module === undefined) continue;
      const middleware = this.classifier.fromPackage(candidate, module, router.isApp ? 'global' : 'router', options);
      if (middleware.kinds.includes('security-headers') || middleware.kinds.includes('rate-limit')) {
        router.ops.push({ type: 'use', path: undefined, middleware: [middleware], order: this.order++ });
        return true;
      }
    }
    return false;
  }

  /** `register(autoload, { dir: join(__dirname, 'routes'), options: { prefix: '/api' } })`: every plugin file of the folder. */
  private addAutoload(router: RouterNode, options: Node | undefined, scope: EvalScope | undefined): void {
    const folder = folderOf(property(options, 'dir'), this.resolver);
    if (folder === undefined) {
      const location = locationOf(this.root, options ?? router.node);
      this.notes.push(`${location.file}:${location.line}: @fastify/autoload with a folder the analyzer cannot compute; its plugins are missing`);
      return;
    }
    const basePrefix = this.stringValue(property(property(options, 'options'), 'prefix'), scope) ?? '';
    const dirNamePrefix = property(options, 'dirNameRoutePrefix')?.getText() !== 'false';
    for (const plugin of autoloadedPlugins(this.project, folder, dirNamePrefix)) {
      const exported = (name: string) => this.resolver.exportDefinitions(plugin.file, name, 0);
      if (exported('autoload').some((value) => value.getText() === 'false')) continue;
      const autoConfigPrefix = exported('autoConfig').map((config) => this.stringValue(property(config, 'prefix'), undefined)).find((value) => value !== undefined);
      const override = exported('prefixOverride').map((value) => this.stringValue(value, undefined)).find((value) => value !== undefined);
      const autoPrefix = exported('autoPrefix').map((value) => this.stringValue(value, undefined)).find((value) => value !== undefined);
      // autoPrefix replaces the folder prefix; prefixOverride replaces every prefix.
      const prefix = override ?? joinPaths(basePrefix, autoPrefix ?? plugin.folderPrefix, autoConfigPrefix ?? '');
      const hooks = plugin.hooks.flatMap((hookFile) => this.resolver.exportDefinitions(hookFile, '', 0));
      if (hooks.length > 0) {
        // An autohooks file runs in the folder's scope, before its plugins.
        const folderScope = this.router(plugin.file, router.framework, false, '');
        this.mount(router, folderScope, prefix, []);
        for (const hook of hooks) this.registerPlugin(folderScope, [hook], '');
        this.registerPlugin(folderScope, exported(''), '');
      } else {
        this.registerPlugin(router, exported(''), prefix);
      }
    }
  }

  /** `register(underPressure, { exposeStatusRoute: true })` adds a GET status route. */
  private addHealthPlugin(router: RouterNode, module: string, options: Node | undefined): boolean {
    const library = HEALTH_LIBRARIES.find((candidate) => candidate.module === module && candidate.kind === 'register');
    if (!library) return false;
    const exposed = library.route ? property(options, library.route) : undefined;
    if (!exposed || exposed.getText() === 'false') return true;
    const path = this.stringValue(exposed, undefined) ?? this.stringValue(property(exposed, 'url'), undefined) ?? library.path ?? '/status';
    router.ops.push({ type: 'route', method: 'GET', path, node: exposed, handler: undefined, middleware: [], order: this.order++, probe: true });
    return true;
  }

  /** fastify-plugin's `fp(fn)` wraps a plugin without changing its routes, and shares its hooks with the registering scope. */
  private unwrapFastifyPlugin(node: Node): { fn: Node; transparent: boolean } | undefined {
    if (isFunctionNode(node)) return { fn: node, transparent: false };
    if (Node.isCallExpression(node) && this.resolver.packageOrigin(node.getExpression())?.module === 'fastify-plugin' && node.getArguments()[0]) {
      const inner = unwrapExpression(node.getArguments()[0]!);
      const fn = isFunctionNode(inner) ? inner : this.resolver.functionsOf(inner)[0];
      return fn ? { fn, transparent: true } : undefined;
    }
    return undefined;
  }

  private mount(parent: RouterNode, child: RouterNode, path: string, middleware: Middleware[]): void {
    child.mounted = true;
    if (!child.parent && !this.isAncestor(child, parent)) child.parent = parent;
    child.framework ??= parent.framework;
    parent.ops.push({ type: 'mount', path, child, middleware: [...middleware], order: this.order++ });
  }

  /**
   * A call that hands a router to a helper: `registerRoutes(app)`, `mountAll(app, '/api', routers)`,
   * `backendApp.lazyUse('/ghost/api', require('../api'))`. The helper's operations are evaluated
   * for this call, its parameters bound to the call's arguments.
   */
  private helperCall(call: CallExpression, scope: EvalScope | undefined): void {
    this.perElement(call, scope, (each) => this.helperCallOnce(call, each));
  }

  private helperCallOnce(call: CallExpression, scope: EvalScope | undefined): void {
    const callee = unwrapExpression(call.getExpression());
    const args = call.getArguments();
    if (Node.isPropertyAccessExpression(callee) && !OPERATIONS.has(callee.getName())) {
      const receiverText = callee.getExpression().getText();
      if (this.routerNames.has(receiverText) || scope) {
        const router = this.resolve(callee.getExpression(), scope);
        const member = router && this.memberOf(router, callee.getName());
        if (router && member) {
          this.inline(member, args, scope, router);
          return;
        }
      }
    }
    if (!args.some((arg) => this.mayHandOverRouter(arg, scope))) return;
    if (!args.some((arg) => this.handsOverRouter(arg, scope))) return;
    const bound = boundValue(callee, scope, this.resolver);
    const functions = bound && 'node' in bound ? this.resolver.functionsOf(bound.node) : this.resolver.functionsOf(callee);
    for (const fn of functions) if (this.operationsIn.has(fn) || this.helperCallsIn(fn).length > 0) this.inline(fn, args, scope, undefined);
  }

  /** Whether an argument's text may name a router, itself or as a property of an options object (`startup({ app, server })`). */
  private mayHandOverRouter(arg: Node, scope: EvalScope | undefined): boolean {
    const inner = unwrapExpression(arg);
    if (Node.isObjectLiteralExpression(inner)) return optionValues(inner).some((value) => this.mayHandOverRouter(value, scope));
    // `koa.app`: a router kept as a property (of what a factory returns, of the options a helper is given).
    if (Node.isPropertyAccessExpression(inner) && (scope !== undefined || this.routerNames.has(inner.getName()))) return true;
    return this.routerNames.has(arg.getText()) || (scope !== undefined && Node.isIdentifier(inner));
  }

  /** Whether an argument is a router, or an options object one of whose properties is. */
  private handsOverRouter(arg: Node, scope: EvalScope | undefined): boolean {
    const inner = unwrapExpression(arg);
    if (Node.isObjectLiteralExpression(inner)) return optionValues(inner).some((value) => this.handsOverRouter(value, scope));
    return this.resolve(arg, scope) !== undefined;
  }

  private isAncestor(candidate: RouterNode, of: RouterNode): boolean {
    for (let current: RouterNode | undefined = of, depth = 0; current && depth < 50; current = current.parent, depth++) if (current === candidate) return true;
    return false;
  }

  private memberOf(router: RouterNode, name: string): Node | undefined {
    for (const candidate of [router, ...this.templateChain(router)]) {
      const member = candidate.members.get(name);
      if (member) return member;
    }
    return undefined;
  }

  /** Helper calls in a function (callbacks in it included), indexed on first use. */
  private helperCallsByFunction: Map<ts.Node, PendingCall[]> | undefined;

  private helperCallsIn(fn: Node): readonly PendingCall[] {
    if (!this.helperCallsByFunction) {
      this.helperCallsByFunction = new Map();
      for (const call of this.helperCalls) {
        for (let owner = call.node.parent; owner; owner = owner.parent) {
          if (!isFunctionKind(owner.kind)) continue;
          const calls = this.helperCallsByFunction.get(owner);
          if (calls) calls.push(call);
          else this.helperCallsByFunction.set(owner, [call]);
        }
      }
    }
    return this.helperCallsByFunction.get(fn.compilerNode) ?? [];
  }

  private wrapCall(call: PendingCall): CallExpression {
    return wrapped<CallExpression>(call.file, call.node);
  }

  /** Whether a call's text holds a name routers are known by (as its receiver or an argument, or within them). */
  private mentionsRouterName(call: PendingCall): boolean {
    const text = call.node.getText(call.file.compilerNode);
    for (const name of this.routerNames) if (text.includes(name)) return true;
    return false;
  }

  private inline(fn: Node, args: Node[], scope: EvalScope | undefined, self: RouterNode | undefined): void {
    if ((scope?.depth ?? 0) >= MAX_SCOPE_DEPTH) return;
    this.inlined.add(fn);
    const bound = callScope(fn, args, scope, this.resolver);
    const inner: EvalScope = self ? { ...bound, self: [self.template ?? self, self] } : bound;
    for (const call of this.operationsIn.get(fn) ?? []) this.evaluate(call, inner);
    for (const call of this.helperCallsIn(fn)) this.helperCall(this.wrapCall(call), inner);
  }

  /**
   * Which apps are servers: started (`listen`), exposed as a request handler (`app.callback()`,
   * `{ fetch: app.fetch }`), handed to a server, a serverless adapter or a test harness, exported
   * from their module, or passed to a function that starts them.
   */
  private markServed(): void {
    const serve = (router: RouterNode | undefined) => {
      for (let current = router, depth = 0; current && depth < 50; current = current.parent, depth++) this.served.add(current);
    };
    for (const access of this.servingCalls) {
      if (!Node.isPropertyAccessExpression(access)) continue;
      const receiver = access.getExpression();
      const router = this.resolve(receiver);
      if (router && isFunctionNode(router.node) && !router.mounted && Node.isIdentifier(unwrapExpression(receiver))) this.servingParameters.add(router.node);
      else serve(router);
    }
    for (const call of this.handoffCalls) {
      for (const arg of call.getArguments()) {
        const inner = unwrapExpression(arg);
        const callbackOf = Node.isCallExpression(inner) && Node.isPropertyAccessExpression(inner.getExpression()) ? inner.getExpression().asKindOrThrow(SyntaxKind.PropertyAccessExpression).getExpression() : undefined;
        serve(this.resolve(callbackOf ?? inner));
      }
    }
    if (this.servingParameters.size > 0) {
      // Resolving every call's callee is costly: only calls by a name the functions are known by, or
      // that hand over a value named like a router, can start one.
      const names = [...this.servingParameters].map(namesOfFunction);
      const calledName = names.every((known) => known.length > 0) ? new Set(names.flat()) : undefined;
      for (const pending of this.helperCalls) {
        // The compiler's node first: most calls go by another name and hand over no router.
        const firstNode = pending.node.arguments[0];
        if (!firstNode || (calledName && !mayGoBy(pending.node.expression, calledName) && !this.routerNames.has(firstNode.getText(pending.file.compilerNode)))) continue;
        const call = this.wrapCall(pending);
        const [first] = call.getArguments();
        if (!first || (calledName && !calledName.has(lastNameOf(call.getExpression())) && !this.routerNames.has(first.getText()))) continue;
        if (this.resolver.functionsOf(unwrapExpression(call.getExpression())).some((fn) => this.servingParameters.has(fn))) serve(this.resolve(first));
      }
    }
    // Exports are resolved only while an app is left that nothing serves yet: resolving every export is costly.
    const apps = this.roots().filter((router) => router.isApp);
    const unserved = () => apps.some((router) => !this.served.has(router));
    for (const file of this.project.getSourceFiles()) {
      if (!unserved()) break;
      for (const value of exportedValues(file)) serve(this.resolve(value));
    }
  }

  /** The apps, and the routers mounted on none, whose routes the inventory lists. */
  private roots(): RouterNode[] {
    // A function scope that is never mounted was not a router after all (a middleware's `req.get(...)`),
    // unless it mounts a router and no call of it was followed: then it is an app the analysis cannot
    // trace (`initRoutes(app)`, its callers' `app` unknown).
    const untracedApp = (router: RouterNode) => mountsRouter(router) && !this.inlined.has(router.node);
    const candidates = [...this.routers.values()].filter(
      (router) =>
        !router.mounted &&
        !router.instances &&
        (router.isApp || (router.ops.length > 0 && !Node.isSourceFile(router.node) && (!isFunctionNode(router.node) || untracedApp(router)))),
    );
    // An app a test builds is the same app again: its routes are already listed.
    return candidates.filter((router) => !TEST_FILE.test(locationOf(this.root, router.node).file));
  }

  private inventory(): RouterInventory {
    const apps: App[] = [];
    const routes: Route[] = [];
    const appFiles = new Map<string, Set<string>>();
    for (const root of this.roots()) {
      if (!root.isApp) {
        this.notes.push(
          isFunctionNode(root.node)
            ? `${root.id}: a function that mounts routers on an app it is given, which the analysis cannot trace to where the app is made; their routes are listed under their own paths`
            : `${root.id}: a router that is not mounted on any app; its routes are listed under their own paths`,
        );
      }
      const appId = root.id;
      const files = new Set<string>([root.id.replace(/:\d+$/u, '')]);
      if (root.isApp) {
        const served = this.served.has(root);
        if (!served) this.notes.push(`${root.id}: an app that is never started, exported or handed to a server (a script's or a factory's); the app-level checks skip it`);
        apps.push({ id: appId, framework: root.framework ?? 'express', location: locationOf(this.root, root.node), middleware: this.appWideMiddleware(root), served });
      }
      this.collect(root, '', [], appId, routes, files, new Set());
      appFiles.set(appId, files);
    }
    return { apps, routes, notes: this.notes, appFiles };
  }

  /** A router's operations: its factory's (and that factory's factory's) first, then its own, each in registration order. */
  private opsOf(router: RouterNode): Op[] {
    const byOrder = (list: readonly Op[]) => [...list].sort((a, b) => a.order - b.order);
    return [...this.templateChain(router).reverse().flatMap((template) => byOrder(template.ops)), ...byOrder(router.ops)];
  }

  /** Middleware on the app itself (or a Hono `basePath` of it, or a fastify-plugin it registers) that covers every path. */
  private appWideMiddleware(router: RouterNode, depth = 0): Middleware[] {
    if (depth > 4) return [];
    return this.opsOf(router).flatMap((op) => {
      if (op.type === 'use') return op.path === undefined || op.path === '*' || op.path === '/*' || op.path === '/(.*)' ? op.middleware : [];
      if (op.type === 'mount' && op.path === '' && (Node.isCallExpression(op.child.node) || op.child.transparent)) return this.appWideMiddleware(op.child, depth + 1);
      return [];
    });
  }

  private collect(router: RouterNode, prefix: string, inherited: Middleware[], appId: string, routes: Route[], files: Set<string>, visiting: Set<RouterNode>, shared?: { path: string | undefined; middleware: Middleware[] }[]): void {
    if (visiting.has(router)) return;
    visiting.add(router);
    files.add(locationOf(this.root, router.node).file);
    const base = joinPaths(prefix, router.prefix);
    // A fastify-plugin's hooks belong to the scope that registered it.
    const active: { path: string | undefined; middleware: Middleware[] }[] = shared ?? [];
    // `app.use('/auth/*', limiter)` and `app.use('/auth', limiter)` cover `/auth` and what is under it.
    const covers = (entry: { path: string | undefined }, path: string) => {
      if (entry.path === undefined || entry.path === '/(.*)') return true;
      const scope = entry.path.replace(/\/?\*$/u, '').replace(/\/$/u, '');
      return scope === '' || path === scope || path.startsWith(`${scope}/`);
    };
    const applicable = (path: string) => active.filter((entry) => covers(entry, path)).flatMap((entry) => entry.middleware);
    const own = this.opsOf(router);
    // Fastify hooks (and fastify-plugin plugins that add them) apply to every route of their scope, wherever they are added.
    const hooksFirst = router.framework === 'fastify';
    const ops = hooksFirst ? [...own.filter((op) => op.type === 'use' || (op.type === 'mount' && op.child.transparent)), ...own.filter((op) => !(op.type === 'use' || (op.type === 'mount' && op.child.transparent)))] : own;
    for (const op of ops) {
      if (op.type === 'use') {
        active.push({ path: op.path === undefined ? undefined : joinPaths(op.path), middleware: op.middleware });
      } else if (op.type === 'mount') {
        const mountInherited = [...inherited, ...applicable(joinPaths(op.path)), ...op.middleware];
        this.collect(op.child, joinPaths(base, op.path), mountInherited, appId, routes, files, visiting, op.child.transparent ? active : undefined);
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
          middleware: [...inherited, ...applicable(joinPaths(op.path)), ...op.middleware],
          ...(op.probe || isProbePath(path) ? { probe: true } : {}),
          ...(op.opaque ? { opaque: true } : {}),
        });
      }
    }
    visiting.delete(router);
  }
}

/** The names a function can be called by: its own, and the variable, property or member that holds it. */
function namesOfFunction(fn: Node): string[] {
  const names: string[] = [];
  const own = (fn as Node & { getName?: () => string | undefined }).getName?.();
  if (own) names.push(own);
  const holder = fn.getParent();
  if (Node.isVariableDeclaration(holder) || Node.isPropertyAssignment(holder)) names.push(holder.getName());
  if (Node.isBinaryExpression(holder)) names.push(lastNameOf(holder.getLeft()));
  return names.filter((name) => name !== '');
}

/** Whether a callee, as the compiler reads it, may go by one of the names: its last name, unless it is wrapped (in parentheses, an assertion) and `lastNameOf` must look. */
function mayGoBy(callee: ts.Expression, names: ReadonlySet<string>): boolean {
  if (callee.kind === SyntaxKind.Identifier) return names.has((callee as ts.Identifier).text);
  if (callee.kind === SyntaxKind.PropertyAccessExpression) return names.has((callee as ts.PropertyAccessExpression).name.text);
  return callee.kind !== SyntaxKind.CallExpression && callee.kind !== SyntaxKind.ElementAccessExpression;
}

/** The last name of a callee: `start` of `start(...)`, `server.start(...)`, `this.start(...)`. */
function lastNameOf(node: Node): string {
  const inner = unwrapExpression(node);
  if (Node.isIdentifier(inner)) return inner.getText();
  if (Node.isPropertyAccessExpression(inner)) return inner.getName();
  return '';
}

/** What a module exports: `module.exports = app`, `export default app`, `export { app }`, `export const app = express()`. */
function exportedValues(file: SourceFile): Node[] {
  const values: Node[] = [];
  for (const assignment of file.getExportAssignments()) values.push(assignment.getExpression());
  for (const statement of file.getStatements()) {
    if (Node.isExpressionStatement(statement)) {
      const expression = statement.getExpression();
      if (Node.isBinaryExpression(expression) && expression.getOperatorToken().getKind() === SyntaxKind.EqualsToken && /^(?:module\.)?exports\b/u.test(expression.getLeft().getText())) values.push(expression.getRight());
    } else if (Node.isVariableStatement(statement) && statement.isExported()) {
      for (const declaration of statement.getDeclarations()) {
        const initializer = declaration.getInitializer();
        if (initializer) values.push(initializer);
      }
    } else if (Node.isExportDeclaration(statement) && !statement.getModuleSpecifier()) {
      for (const specifier of statement.getNamedExports()) values.push(specifier.getNameNode());
    }
  }
  return values;
}

/** Whether a router mounts a router made elsewhere (`app.use(api.router.routes())`), not only a function's own scope. */
function mountsRouter(router: RouterNode): boolean {
  return router.ops.some((op) => op.type === 'mount' && !isFunctionNode(op.child.node));
}

/** The values of an options object's properties: an initializer, or the variable a shorthand names. */
function optionValues(object: ObjectLiteralExpression): Node[] {
  return object.getProperties().flatMap((property) => (Node.isPropertyAssignment(property) ? [property.getInitializerOrThrow()] : Node.isShorthandPropertyAssignment(property) ? [property.getNameNode()] : []));
}
