import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  ALLOW_CREDENTIALS_HEADER,
  ALLOW_ORIGIN_HEADER,
  CORS_LIBRARIES,
  HEADER_OBJECT_SETTERS,
  HEADER_SETTERS,
  MATCH_ALL_SOURCES,
  ORIGIN_TEST_METHODS,
  PRINTING_CALLS,
  RESPONSE_CLASSES,
  RESPONSE_FACTORIES,
  corsLibrary,
  corsLibraryForModule,
  headerKey,
  type CorsLibrary,
  type OriginFunctionStyle,
} from '../src/catalog/cors.js';
import { OriginResolver } from '../src/ast/module-origin.js';
import { calleeParts, enclosingFunction, isFunction, keyName, memberName, requiredModule, shortSource, staticName, unwrap, type FunctionNode } from '../src/ast/nodes.js';
import { isWholeRequestHeaders, requestHeaderName } from '../src/ast/request-input.js';
import { findVariable, writesOf, type Variable } from '../src/ast/variables.js';
import { createRule } from '../src/create-rule.js';

type Options = [{ allowPublicWildcard?: boolean }];
type MessageIds = 'permissiveDefault' | 'anyOrigin' | 'wildcardWithCredentials' | 'reflectedOrigin';

/** What an allowed origin can turn out to be, of what matters: `*`, or the request's own Origin. */
type OriginKind = 'wildcard' | 'reflect';

/** Where an origin value is read: which values are the request's origin, and whether it was checked. */
interface OriginContext {
  /** Variables that hold the request's origin or something computed from it. */
  readonly originVariables: ReadonlySet<Variable>;
  /** The enclosing function tests the origin (an allowlist, a suffix, a comparison). */
  readonly checked: boolean;
  /** `true` means "reflect the request's origin" (the cors package, @fastify/cors). */
  readonly booleanReflects: boolean;
}

/** How a call is described in messages. */
interface Site {
  readonly call: string;
  readonly library: string;
}

/** A response header write: `res.setHeader('Access-Control-Allow-Origin', value)`, `{ 'Access-Control-...': value }`. */
interface HeaderWrite {
  readonly header: 'origin' | 'credentials';
  readonly value: TSESTree.Node;
  readonly scope: FunctionNode | undefined;
  readonly object: TSESTree.ObjectExpression | undefined;
  readonly site: Site;
}

const MAX_DEPTH = 12;
const EMPTY_CONTEXT: OriginContext = { originVariables: new Set(), checked: false, booleanReflects: true };
const HEADER_SITE_LABEL = 'Access-Control-Allow-Origin header';

const CORS_MODULES: ReadonlySet<string> = new Set(CORS_LIBRARIES.flatMap((library) => library.modules));

export default createRule<Options, MessageIds>({
  name: 'cors-policy',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require CORS to allow an explicit list of origins, never a wildcard or a reflected origin with credentials',
      recommended: true,
      standard: 'CORS is an explicit allowlist; never a wildcard or a reflected origin with credentials',
      precision: 'high',
      securitySeverity: 5.3,
    },
    messages: {
      permissiveDefault:
        '`{{call}}` ({{library}}) enables CORS without an `origin` option, and the default allows every origin ({{defaultOrigin}}). List the origins that may call this API: `origin: [\'https://app.example.com\']`.',
      anyOrigin:
        '`{{call}}` ({{library}}) allows every origin (`{{origin}}`). List the origins that may call this API, or set `allowPublicWildcard` if it is a public, read-only API without credentials.',
      wildcardWithCredentials:
        '`{{call}}` ({{library}}) combines a wildcard origin (`{{origin}}`) with credentials: browsers reject the pair, and the usual workaround reflects every origin. List the allowed origins instead.',
      reflectedOrigin:
        "`{{call}}` ({{library}}) reflects the request's Origin (`{{origin}}`) and allows credentials: any website can send authenticated requests and read the responses. Check the origin against an allowlist first.",
    },
    defaultOptions: [{ allowPublicWildcard: false }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowPublicWildcard: {
            type: 'boolean',
            description:
              'Allow any origin (`*`, `origin: true`, a reflected origin, a library default) when credentials are not allowed: for public, read-only APIs.',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const allowPublic = options.allowPublicWildcard === true;
    const modules = new OriginResolver(sourceCode, () => undefined);
    const importedModules = new Set<string>();
    const factoryCalls: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
    const headerWrites: HeaderWrite[] = [];
    const notedObjects = new Set<TSESTree.ObjectExpression>();
    const reported = new Set<TSESTree.Node>();
    const checkedFunctions = new Map<TSESTree.Node, { variables: Set<Variable>; checked: boolean }>();

    // ---- Reporting ----------------------------------------------------------------------------

    function reportKind(node: TSESTree.Node, kinds: readonly OriginKind[], credentials: boolean, site: Site, origin = shortSource(sourceCode, node)): void {
      if (reported.has(node) || kinds.length === 0) return;
      const kind: OriginKind = kinds.includes('reflect') ? 'reflect' : 'wildcard';
      if (!credentials && allowPublic) return;
      reported.add(node);
      const messageId: MessageIds = !credentials ? 'anyOrigin' : kind === 'reflect' ? 'reflectedOrigin' : 'wildcardWithCredentials';
      context.report({ node, messageId, data: { call: site.call, library: site.library, origin } });
    }

    function reportDefault(node: TSESTree.Node, library: CorsLibrary, credentials: boolean, site: Site): void {
      if (reported.has(node)) return;
      if (credentials) {
        // @koa/cors falls back to the request's Origin as soon as credentials are on.
        const kind: OriginKind = library.defaultOrigin === 'koa' ? 'reflect' : 'wildcard';
        reportKind(node, [kind], true, site, kind === 'reflect' ? 'the default: the request Origin' : "the default '*'");
        return;
      }
      if (allowPublic) return;
      reported.add(node);
      context.report({ node, messageId: 'permissiveDefault', data: { call: site.call, library: site.library, defaultOrigin: library.defaultText } });
    }

    // ---- Values -------------------------------------------------------------------------------

    function isRequestOrigin(node: TSESTree.Node): boolean {
      return requestHeaderName(node) === 'origin';
    }

    /** `origin`, `url.hostname` where `url = new URL(origin)`, `req.headers.origin`, `origin.toLowerCase()`. */
    function isOriginReference(node: TSESTree.Node, variables: ReadonlySet<Variable>, depth = 0): boolean {
      if (depth > MAX_DEPTH) return false;
      const inner = unwrap(node);
      if (isRequestOrigin(inner)) return true;
      if (inner.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(sourceCode, inner);
        return variable !== undefined && variables.has(variable);
      }
      if (inner.type === AST_NODE_TYPES.MemberExpression) return isOriginReference(inner.object, variables, depth + 1);
      if (inner.type === AST_NODE_TYPES.CallExpression) {
        // `origin.toLowerCase()`, and `url.parse(origin)`, `String(origin)`
        const { object, name } = calleeParts(inner);
        if (object !== undefined && isOriginReference(object, variables, depth + 1)) return true;
        const [first] = inner.arguments;
        return (name === 'parse' || name === 'String') && first !== undefined && isOriginReference(first, variables, depth + 1);
      }
      if (inner.type === AST_NODE_TYPES.NewExpression) {
        const [first] = inner.arguments;
        return first !== undefined && isOriginReference(first, variables, depth + 1);
      }
      if (inner.type === AST_NODE_TYPES.LogicalExpression) return isOriginReference(inner.left, variables, depth + 1) || isOriginReference(inner.right, variables, depth + 1);
      return false;
    }

    /** Whether an expression mentions the origin anywhere (for locals computed from it). */
    function mentionsOrigin(node: TSESTree.Node, variables: ReadonlySet<Variable>, depth = 0): boolean {
      if (depth > MAX_DEPTH) return false;
      const inner = unwrap(node);
      if (isOriginReference(inner, variables)) return true;
      switch (inner.type) {
        case AST_NODE_TYPES.BinaryExpression:
        case AST_NODE_TYPES.LogicalExpression:
          return mentionsOrigin(inner.left, variables, depth + 1) || mentionsOrigin(inner.right, variables, depth + 1);
        case AST_NODE_TYPES.ConditionalExpression:
          return [inner.test, inner.consequent, inner.alternate].some((part) => mentionsOrigin(part, variables, depth + 1));
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression:
          return inner.arguments.some((argument) => mentionsOrigin(argument, variables, depth + 1)) || mentionsOrigin(inner.callee, variables, depth + 1);
        case AST_NODE_TYPES.MemberExpression:
          return mentionsOrigin(inner.object, variables, depth + 1);
        case AST_NODE_TYPES.UnaryExpression:
          return mentionsOrigin(inner.argument, variables, depth + 1);
        default:
          return false;
      }
    }

    /** Walks a function's body (not into nested functions unless `nested`), depth-limited. */
    function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => void, nested: boolean): void {
      const stack: { node: TSESTree.Node; depth: number }[] = [{ node: root, depth: 0 }];
      let budget = 20_000;
      while (stack.length > 0 && budget > 0) {
        budget -= 1;
        const { node, depth } = stack.pop()!;
        visit(node);
        if (depth > 64) continue;
        for (const key of Object.keys(node)) {
          if (key === 'parent' || key === 'range' || key === 'loc') continue;
          const child = (node as unknown as Record<string, unknown>)[key];
          const children = Array.isArray(child) ? child : [child];
          for (const item of children) {
            if (!item || typeof item !== 'object' || !('type' in item)) continue;
            const childNode = item as TSESTree.Node;
            if (!nested && childNode !== root && isFunction(childNode)) continue;
            stack.push({ node: childNode, depth: depth + 1 });
          }
        }
      }
    }

    /**
     * The variables of a function that hold the request's origin (its `origin` parameter, a
     * `const origin = req.get('origin')`, a `new URL(origin)`), and whether the function tests them.
     */
    function originScope(fn: TSESTree.Node, seeds: readonly Variable[], callback: Variable | undefined): { variables: Set<Variable>; checked: boolean } {
      const key = fn;
      const cached = seeds.length === 0 && callback === undefined ? checkedFunctions.get(key) : undefined;
      if (cached) return cached;
      const variables = new Set<Variable>(seeds);
      const declarators: TSESTree.VariableDeclarator[] = [];
      const assignments: { target: TSESTree.Identifier; value: TSESTree.Node }[] = [];
      walk(fn, (node) => {
        if (node.type === AST_NODE_TYPES.VariableDeclarator) {
          declarators.push(node);
          if (node.id.type === AST_NODE_TYPES.Identifier && node.init) assignments.push({ target: node.id, value: node.init });
        }
        // `let originUrl; try { originUrl = new URL(origin); } catch { ... }`
        if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.left.type === AST_NODE_TYPES.Identifier) {
          assignments.push({ target: node.left, value: node.right });
        }
      }, true);
      for (let round = 0; round < 3; round += 1) {
        for (const { target, value } of assignments) {
          const variable = findVariable(sourceCode, target);
          if (!variable || variables.has(variable)) continue;
          if (mentionsOrigin(value, variables)) variables.add(variable);
        }
        for (const declarator of declarators) {
          // `const { origin } = req.headers`
          if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern || !declarator.init || !isWholeRequestHeaders(declarator.init)) continue;
          for (const property of declarator.id.properties) {
            if (property.type === AST_NODE_TYPES.Property && keyName(property) === 'origin' && property.value.type === AST_NODE_TYPES.Identifier) {
              const variable = findVariable(sourceCode, property.value);
              if (variable) variables.add(variable);
            }
          }
        }
      }
      let checked = false;
      walk(fn, (node) => {
        if (!checked && isOriginCheck(node, variables, callback)) checked = true;
      }, true);
      const scope = { variables, checked };
      if (seeds.length === 0 && callback === undefined) checkedFunctions.set(key, scope);
      return scope;
    }

    function isNullish(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.Literal) return inner.value === null || inner.value === '' || inner.value === 'null';
      if (inner.type === AST_NODE_TYPES.Identifier) return inner.name === 'undefined';
      return inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'typeof';
    }

    /** A test of the origin: `allowed.includes(origin)`, `origin.endsWith(...)`, `url.host === site.host`. */
    function isOriginCheck(node: TSESTree.Node, variables: ReadonlySet<Variable>, callback: Variable | undefined): boolean {
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const { object, name, callee } = calleeParts(node);
        if (callee.type === AST_NODE_TYPES.Identifier && callback && findVariable(sourceCode, callee) === callback) return false;
        if (name !== undefined && PRINTING_CALLS.has(name)) return false;
        if (object && name !== undefined && ORIGIN_TEST_METHODS.has(name) && isOriginReference(object, variables)) return true;
        // `isAllowedOrigin(req)`, `checkCorsOrigin(ctx)`: a check named for what it does.
        const lower = name?.toLowerCase();
        if (lower !== undefined && node.arguments.length > 0 && (lower.includes('origin') || lower.includes('cors')) && !lower.startsWith('set')) return true;
        return node.arguments.some((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && isOriginReference(argument, variables));
      }
      if (node.type === AST_NODE_TYPES.BinaryExpression) {
        if (node.operator === 'in') return isOriginReference(node.left, variables);
        if (!['===', '!==', '==', '!='].includes(node.operator)) return false;
        const left = isOriginReference(node.left, variables);
        const right = isOriginReference(node.right, variables);
        return (left && !isNullish(node.right)) || (right && !isNullish(node.left));
      }
      if (node.type === AST_NODE_TYPES.SwitchStatement) return isOriginReference(node.discriminant, variables);
      return false;
    }

    /** The risky values an origin setting can take: `*` and the request's own origin. */
    function originKinds(node: TSESTree.Node, scope: OriginContext, depth = 0): OriginKind[] {
      if (depth > MAX_DEPTH) return [];
      const inner = unwrap(node);
      let kinds: OriginKind[] = [];
      switch (inner.type) {
        case AST_NODE_TYPES.Literal:
          if (inner.value === '*') kinds = ['wildcard'];
          else if (inner.value === true && scope.booleanReflects) kinds = ['reflect'];
          else if ('regex' in inner && inner.regex && MATCH_ALL_SOURCES.has(inner.regex.pattern)) kinds = ['reflect'];
          break;
        case AST_NODE_TYPES.TemplateLiteral:
          if (inner.expressions.length === 0 && inner.quasis[0]?.value.cooked === '*') kinds = ['wildcard'];
          else if (inner.expressions.length === 1 && inner.quasis.every((quasi) => quasi.value.cooked === '')) kinds = originKinds(inner.expressions[0]!, scope, depth + 1);
          break;
        case AST_NODE_TYPES.Identifier: {
          const variable = findVariable(sourceCode, inner);
          if (variable && scope.originVariables.has(variable)) {
            kinds = ['reflect'];
            break;
          }
          if (variable?.defs[0]?.type !== 'Variable') break;
          for (const write of writesOf(variable)) {
            if (write.element) continue;
            if (write.path.length === 1 && write.path[0] === 'origin' && isWholeRequestHeaders(write.value)) kinds.push('reflect');
            else if (write.path.length === 0) kinds.push(...originKinds(write.value, scope, depth + 1));
          }
          break;
        }
        case AST_NODE_TYPES.MemberExpression:
        case AST_NODE_TYPES.CallExpression:
          if (isRequestOrigin(inner)) kinds = ['reflect'];
          break;
        case AST_NODE_TYPES.LogicalExpression:
          kinds = inner.operator === '&&' ? originKinds(inner.right, scope, depth + 1) : [...originKinds(inner.left, scope, depth + 1), ...originKinds(inner.right, scope, depth + 1)];
          break;
        case AST_NODE_TYPES.ConditionalExpression: {
          const branches = [...originKinds(inner.consequent, scope, depth + 1), ...originKinds(inner.alternate, scope, depth + 1)];
          // `allowed.includes(origin) ? origin : fallback`: the test is the check.
          const tested = mentionsOrigin(inner.test, scope.originVariables);
          kinds = tested ? branches.filter((kind) => kind === 'wildcard') : branches;
          break;
        }
        default:
          break;
      }
      return scope.checked ? kinds.filter((kind) => kind === 'wildcard') : kinds;
    }

    function parameterVariable(fn: FunctionNode, index: number): Variable | undefined {
      const param = fn.params[index];
      const target = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      return target?.type === AST_NODE_TYPES.Identifier ? findVariable(sourceCode, target) : undefined;
    }

    /** Values a function hands back: its return values, and what it passes to its callback. */
    function yielded(fn: FunctionNode, callback: Variable | undefined): TSESTree.Node[] {
      const values: TSESTree.Node[] = [];
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
        const body = unwrap(fn.body);
        if (!(body.type === AST_NODE_TYPES.CallExpression && isCallTo(body, callback))) values.push(fn.body);
      }
      walk(fn.body, (node) => {
        if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && !(unwrap(node.argument).type === AST_NODE_TYPES.CallExpression && isCallTo(unwrap(node.argument) as TSESTree.CallExpression, callback))) {
          values.push(node.argument);
        }
        if (node.type === AST_NODE_TYPES.CallExpression && isCallTo(node, callback)) {
          const value = node.arguments[1];
          if (value && value.type !== AST_NODE_TYPES.SpreadElement) values.push(value);
        }
      }, false);
      return values;
    }

    function isCallTo(call: TSESTree.CallExpression, callback: Variable | undefined): boolean {
      const callee = unwrap(call.callee);
      return callback !== undefined && callee.type === AST_NODE_TYPES.Identifier && findVariable(sourceCode, callee) === callback;
    }

    /** An `origin` option that is a function: does it allow every origin, unchecked? */
    function originFunctionKinds(fn: FunctionNode, style: OriginFunctionStyle): OriginKind[] {
      const seeds: Variable[] = [];
      const first = parameterVariable(fn, 0);
      if (style !== 'context' && first) seeds.push(first);
      const callback = style === 'callback' ? parameterVariable(fn, 1) : undefined;
      const scope = originScope(fn, seeds, callback);
      const originContext: OriginContext = { originVariables: scope.variables, checked: scope.checked, booleanReflects: style === 'callback' };
      return unique(yielded(fn, callback).flatMap((value) => originKinds(value, originContext)));
    }

    // ---- Options objects ----------------------------------------------------------------------

    /** A function written here or named here: `function delegate(req, cb) {...}`, `const check = (origin) => ...`. */
    function functionOf(node: TSESTree.Node): FunctionNode | undefined {
      const inner = unwrap(node);
      if (isFunction(inner)) return inner;
      if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
      const definition = findVariable(sourceCode, inner)?.defs[0];
      if (definition?.type === 'FunctionName' && isFunction(definition.node)) return definition.node;
      if (definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.parent.kind === 'const' && definition.node.init) {
        const init = unwrap(definition.node.init);
        if (isFunction(init)) return init;
      }
      return undefined;
    }

    /** The object literal an options value stands for, following `const options = {...}`. */
    function objectOf(node: TSESTree.Node, depth = 0): TSESTree.ObjectExpression | undefined {
      if (depth > MAX_DEPTH) return undefined;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
      if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = findVariable(sourceCode, inner);
      if (variable?.defs[0]?.type !== 'Variable') return undefined;
      const writes = writesOf(variable).filter((write) => write.path.length === 0 && !write.element);
      return writes.length === 1 ? objectOf(writes[0]!.value, depth + 1) : undefined;
    }

    /** Every value given to `key` in an options object: its property, spreads, and `options.key = value` assignments. */
    function optionValues(node: TSESTree.Node, key: string, depth = 0): TSESTree.Node[] {
      if (depth > MAX_DEPTH) return [];
      const object = objectOf(node);
      if (!object) return [];
      const values: TSESTree.Node[] = [];
      for (const property of object.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) values.push(...optionValues(property.argument, key, depth + 1));
        else if (keyName(property) === key) values.push(property.value);
      }
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(sourceCode, inner);
        for (const reference of variable?.references ?? []) {
          const member = reference.identifier.parent;
          if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || memberName(member) !== key) continue;
          const assignment = member.parent;
          if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === member && assignment.operator === '=') values.push(assignment.right);
        }
      }
      return values;
    }

    function isTrue(node: TSESTree.Node, depth = 0): boolean {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.Literal) return inner.value === true || inner.value === 'true';
      if (inner.type === AST_NODE_TYPES.Identifier && depth < MAX_DEPTH) {
        const variable = findVariable(sourceCode, inner);
        const declarator = variable?.defs[0]?.node;
        if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.parent.kind === 'const' && declarator.init) return isTrue(declarator.init, depth + 1);
      }
      return false;
    }

    /**
     * Checks the options of a CORS middleware: its `origin` (or the library's default) together
     * with `credentials`. `whole` is where to report a default; `scope` says where the options
     * are built (a delegate that tests the request's origin).
     */
    function checkOptions(optionsNode: TSESTree.Node | undefined, library: CorsLibrary, whole: TSESTree.Node, site: Site, scope: OriginContext = EMPTY_CONTEXT): void {
      if (!optionsNode) {
        reportDefault(whole, library, false, site);
        return;
      }
      const inner = unwrap(optionsNode);
      const delegateFunction = functionOf(inner);
      if (delegateFunction) {
        checkDelegate(delegateFunction, library, site);
        return;
      }
      const object = objectOf(inner);
      if (!object) return;
      const delegator = optionValues(inner, 'delegator')[0];
      const delegate = delegator && functionOf(delegator);
      if (delegate) {
        checkDelegate(delegate, library, site);
        return;
      }
      const credentials = optionValues(inner, 'credentials').some((value) => isTrue(value));
      const origins = optionValues(inner, 'origin');
      if (origins.length === 0) {
        reportDefault(object === inner ? inner : whole, library, credentials, site);
        return;
      }
      for (const value of origins) {
        const originFunction = functionOf(value);
        const kinds = originFunction ? originFunctionKinds(originFunction, library.originFunction) : originKinds(value, { ...scope, booleanReflects: library.originFunction === 'callback' });
        reportKind(value, unique(kinds), credentials, site, `origin: ${shortSource(sourceCode, value)}`);
      }
    }

    /** A function that builds the options per request: `cors((req, callback) => callback(null, { origin, credentials }))`. */
    function checkDelegate(fn: FunctionNode, library: CorsLibrary, site: Site): void {
      // @fastify/cors also takes `(instance) => (req, callback) => ...`.
      if (fn.params.length <= 1 && library.id === 'fastify') {
        for (const value of yielded(fn, undefined)) {
          const inner = unwrap(value);
          if (isFunction(inner)) checkDelegate(inner, library, site);
        }
        return;
      }
      const callback = parameterVariable(fn, 1);
      const scope = originScope(fn, [], callback);
      const originContext: OriginContext = { originVariables: scope.variables, checked: scope.checked, booleanReflects: true };
      for (const value of yielded(fn, callback)) {
        if (objectOf(value)) checkOptions(value, library, value, site, originContext);
      }
    }

    // ---- Library calls ------------------------------------------------------------------------

    function libraryAt(node: TSESTree.Node): CorsLibrary | undefined {
      const origin = modules.resolve(node);
      if (!origin) return undefined;
      const library = corsLibraryForModule(origin.module);
      return library?.paths.includes(origin.path) ? library : undefined;
    }

    function checkFactoryCall(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const { object, name, callee } = calleeParts(call);
      const site = (library: CorsLibrary): Site => ({ call: shortSource(sourceCode, callee), library: library.label });
      // NestJS: app.enableCors(options)
      if (object && name === 'enableCors') {
        const library = corsLibrary('nest');
        checkOptions(call.arguments[0], library, call, site(library));
        return;
      }
      // Fastify: fastify.register(cors, options)
      if (object && name === 'register' && call.arguments[0]) {
        const library = libraryAt(call.arguments[0]);
        if (library?.id === 'fastify') checkOptions(call.arguments[1], library, call, site(library));
        return;
      }
      // NestFactory.create(AppModule, { cors: true })
      if (object && name === 'create') {
        const library = libraryAt(object);
        if (library?.id !== 'nest') return;
        for (const argument of call.arguments.slice(1)) {
          for (const value of optionValues(argument, 'cors')) {
            const inner = unwrap(value);
            if (inner.type === AST_NODE_TYPES.Literal && inner.value === true) reportDefault(value, library, false, site(library));
            else if (objectOf(inner) || functionOf(inner)) checkOptions(value, library, value, site(library));
          }
        }
        return;
      }
      const library = libraryAt(callee);
      if (!library) return;
      if (library.id === 'socket.io') {
        for (const argument of call.arguments) {
          for (const value of optionValues(argument, 'cors')) if (objectOf(value)) checkOptions(value, library, value, site(library));
        }
        return;
      }
      if (library.id === 'nest' || call.type === AST_NODE_TYPES.NewExpression) return;
      checkOptions(call.arguments[0], library, call, site(library));
    }

    // ---- Hand-written headers -----------------------------------------------------------------

    function headerOf(node: TSESTree.Node | undefined): 'origin' | 'credentials' | undefined {
      const name = staticName(node);
      if (name === undefined) return undefined;
      const key = headerKey(name);
      return key === ALLOW_ORIGIN_HEADER ? 'origin' : key === ALLOW_CREDENTIALS_HEADER ? 'credentials' : undefined;
    }

    function noteHeaderCall(call: TSESTree.CallExpression): void {
      const { name, callee, object } = calleeParts(call);
      if (name === undefined) return;
      // NestJS: `@Header('Access-Control-Allow-Origin', '*')` on a handler.
      if (!object && name === 'Header' && call.parent?.type === AST_NODE_TYPES.Decorator) {
        const header = headerOf(call.arguments[0]);
        const value = call.arguments[1];
        const method = call.parent.parent;
        const scope = method?.type === AST_NODE_TYPES.MethodDefinition && isFunction(method.value) ? method.value : undefined;
        if (header && value && value.type !== AST_NODE_TYPES.SpreadElement) headerWrites.push({ header, value, scope, object: undefined, site: { call: '@Header', library: HEADER_SITE_LABEL } });
        return;
      }
      if (!object) return;
      const [first, second] = call.arguments;
      const header = HEADER_SETTERS.has(name) ? headerOf(first) : undefined;
      if (header && second && second.type !== AST_NODE_TYPES.SpreadElement) {
        headerWrites.push({ header, value: second, scope: enclosingFunction(call), object: undefined, site: { call: shortSource(sourceCode, callee), library: HEADER_SITE_LABEL } });
        return;
      }
      if (HEADER_OBJECT_SETTERS.has(name)) {
        for (const argument of call.arguments) if (argument.type !== AST_NODE_TYPES.SpreadElement) noteHeaders(argument, shortSource(sourceCode, callee));
      }
      // Response.json(body, { headers }), NextResponse.json(body, { headers })
      const receiver = unwrap(object);
      if (RESPONSE_FACTORIES.has(name) && receiver.type === AST_NODE_TYPES.Identifier && RESPONSE_CLASSES.has(receiver.name)) noteResponseInit(call, shortSource(sourceCode, callee));
    }

    function noteResponseInit(call: TSESTree.CallExpression | TSESTree.NewExpression, label: string): void {
      for (const argument of call.arguments) {
        const init = unwrap(argument);
        if (init.type !== AST_NODE_TYPES.ObjectExpression) continue;
        for (const property of init.properties) {
          if (property.type === AST_NODE_TYPES.Property && keyName(property) === 'headers') noteHeaders(property.value, label);
        }
      }
    }

    /** A headers value: an object literal, a `const corsHeaders = {...}`, and the objects it spreads. */
    function noteHeaders(node: TSESTree.Node, label: string, depth = 0): void {
      if (depth > MAX_DEPTH) return;
      const object = objectOf(node);
      if (!object) return;
      noteHeaderObject(object, label);
      for (const property of object.properties) if (property.type === AST_NODE_TYPES.SpreadElement) noteHeaders(property.argument, label, depth + 1);
    }

    function noteHeaderObject(object: TSESTree.ObjectExpression, label: string): void {
      if (notedObjects.has(object)) return;
      notedObjects.add(object);
      for (const property of object.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const header = headerOf(property.computed ? property.key : property.key.type === AST_NODE_TYPES.Identifier ? undefined : property.key);
        if (header) headerWrites.push({ header, value: property.value, scope: enclosingFunction(object), object, site: { call: label, library: HEADER_SITE_LABEL } });
      }
    }

    function checkHeaderWrites(): void {
      for (const write of headerWrites) {
        if (write.header !== 'origin') continue;
        const scope = write.scope ? originScope(write.scope, [], undefined) : { variables: new Set<Variable>(), checked: false };
        const kinds = originKinds(write.value, { originVariables: scope.variables, checked: scope.checked, booleanReflects: false });
        const credentials = headerWrites.some(
          (other) =>
            other.header === 'credentials' &&
            isTrue(other.value) &&
            (write.object !== undefined && other.object === write.object ? true : other.scope === write.scope),
        );
        reportKind(write.value, unique(kinds), credentials, write.site);
      }
    }

    return {
      ImportDeclaration(node) {
        importedModules.add(node.source.value);
      },
      NewExpression(node) {
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.Identifier && RESPONSE_CLASSES.has(callee.name)) noteResponseInit(node, `new ${callee.name}`);
        else if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Headers') {
          const [init] = node.arguments;
          if (init && init.type !== AST_NODE_TYPES.SpreadElement) noteHeaders(init, 'new Headers');
        } else if (node.arguments.length > 0) {
          factoryCalls.push(node);
        }
      },
      CallExpression(node) {
        const required = requiredModule(node);
        if (required !== undefined) {
          importedModules.add(required);
          return;
        }
        // Cheap name checks: a header setter with a literal CORS header name, a method named like a
        // CORS setup, or any call that may be a CORS middleware factory (resolved at the end, only
        // when the file imports a CORS module).
        noteHeaderCall(node);
        factoryCalls.push(node);
      },
      ReturnStatement(node) {
        // AWS Lambda proxy responses: `return { statusCode: 200, headers: { ... }, body }`.
        const value = node.argument && unwrap(node.argument);
        if (value?.type !== AST_NODE_TYPES.ObjectExpression) return;
        const hasStatus = value.properties.some((property) => property.type === AST_NODE_TYPES.Property && keyName(property) === 'statusCode');
        if (!hasStatus) return;
        for (const property of value.properties) {
          if (property.type === AST_NODE_TYPES.Property && keyName(property) === 'headers') noteHeaders(property.value, 'response headers');
        }
      },
      'Program:exit'() {
        const usesCorsModule = [...importedModules].some((name) => CORS_MODULES.has(name));
        for (const call of factoryCalls) {
          const { name } = calleeParts(call);
          if (name === 'enableCors' || usesCorsModule) checkFactoryCall(call);
        }
        checkHeaderWrites();
      },
    };
  },
});

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
