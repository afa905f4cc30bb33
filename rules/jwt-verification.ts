import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  AUTH_CLIENT_WORDS,
  AUTH_FUNCTION_WORDS,
  AUTHZ_CLAIM_WORDS,
  DENY_NAME,
  DENY_STATUSES,
  FASTIFY_AUTH_HOOKS,
  FASTIFY_INSTANCE_NAMES,
  FASTIFY_JWT_DECORATORS,
  FASTIFY_JWT_METHODS,
  FASTIFY_REPLY_NAMES,
  FASTIFY_REQUEST_NAMES,
  IDENTITY_CLAIMS,
  JWT_CALL_NAMES,
  JWT_LIBRARIES,
  JWT_MODULE_FUNCTIONS,
  LOOKUP_CALL,
  NEST_JWT_METHODS,
  PERMISSION_CALL_WORDS,
  PREDICATE_METHODS,
  REQUEST_CARRIERS,
  TIME_CLAIMS,
  TRANSFORM_FUNCTIONS,
  TRANSFORM_METHODS,
  USER_RESOLVER_SUBJECTS,
  USER_RESOLVER_VERBS,
  isNoneAlgorithm,
  jwtLibraryForModule,
  suggestedAlgorithm,
  type JwtFunction,
  type JwtLibrary,
} from '../src/catalog/jwt.js';
import { splitWords } from '../src/catalog/sensitive-names.js';
import { OriginResolver, type ModuleModel } from '../src/ast/module-origin.js';
import {
  calleeParts,
  enclosingClass,
  isFunction,
  keyName,
  memberName,
  referenceName,
  requiredModule,
  shortSource,
  staticName,
  unwrap,
  type FunctionNode,
} from '../src/ast/nodes.js';
import { findVariable } from '../src/ast/variables.js';
import { createRule } from '../src/create-rule.js';
import { nameList } from '../src/schema.js';

type Options = [{ allowedAlgorithms?: string[]; requireExpiry?: boolean }];
type MessageIds =
  | 'decodeUsedForAuth'
  | 'verifyWithoutAlgorithms'
  | 'noneAlgorithm'
  | 'algorithmNotAllowed'
  | 'ignoreExpiration'
  | 'signWithoutExpiry'
  | 'removeIgnoreExpiration'
  | 'removeNone';

/** A call of a JWT library, resolved. */
interface JwtCall {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly fn: JwtFunction;
  readonly library: JwtLibrary;
  /** The call as written, for messages (`jwt.verify`, `this.jwtService.decode`). */
  readonly label: string;
}

/** Whether an option is set: found (with its property), absent, or hidden behind something we cannot read. */
type Lookup = { readonly kind: 'present'; readonly property: TSESTree.Property } | { readonly kind: 'absent' } | { readonly kind: 'unknown' };

/** What a module registration (`JwtModule.register`, `fastify.register(fastifyJwt)`) sets as defaults. */
interface Defaults {
  registered: boolean;
  verifyAlgorithms: Lookup['kind'];
  signExpiry: Lookup['kind'];
  secretKey: boolean;
}

const ABSENT: Lookup = { kind: 'absent' };
const UNKNOWN: Lookup = { kind: 'unknown' };
const MAX_FLOW_DEPTH = 4;
const MAX_CLIMB = 40;
const MAX_OBJECT_DEPTH = 4;

const LIBRARY = new Map(JWT_LIBRARIES.map((library) => [library.id, library]));
const MODELS = new Map<string, ModuleModel>(JWT_LIBRARIES.map((library) => [library.id, { factories: library.factories }]));
const modelFor = (moduleName: string): ModuleModel | undefined => {
  const library = jwtLibraryForModule(moduleName);
  return library ? MODELS.get(library.id) : undefined;
};

export default createRule<Options, MessageIds>({
  name: 'jwt-verification',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require JWTs to be verified with an algorithm allowlist and an expiry, never merely decoded to authenticate',
      recommended: true,
      standard: 'JWTs are verified: signature, algorithm allowlist, expiry; never `decode` to authenticate',
      precision: 'high',
      securitySeverity: 8.1,
    },
    hasSuggestions: true,
    messages: {
      decodeUsedForAuth:
        '`{{call}}` ({{library}}) only decodes the token: it checks neither the signature nor the expiry, yet its result is used to {{use}}. Anyone can forge such a token. Verify it instead with {{verify}}.',
      verifyWithoutAlgorithms:
        '`{{call}}` ({{library}}) verifies without an `algorithms` allowlist, so the token\'s own header chooses how it is checked. Pin the algorithm your key uses: `algorithms: [{{algorithms}}]`.',
      noneAlgorithm:
        '`{{call}}` ({{library}}) allows the `none` algorithm: an unsigned token is accepted (or issued) as valid. Remove `none` and allow only the algorithm your key uses ({{algorithms}}).',
      algorithmNotAllowed:
        '`{{call}}` ({{library}}) allows `{{algorithm}}`, which is not in the configured `allowedAlgorithms` ({{algorithms}}). Allow only those.',
      ignoreExpiration:
        '`{{call}}` ({{library}}) sets `ignoreExpiration: true`, so an expired (or stolen, long-revoked) token is still accepted. Remove it; use `clockTolerance` for clock skew.',
      signWithoutExpiry:
        '`{{call}}` ({{library}}) issues a token without an expiry: if it leaks, it is valid forever. {{fix}}',
      removeIgnoreExpiration: 'Remove `ignoreExpiration: true`.',
      removeNone: "Remove 'none' from the allowed algorithms.",
    },
    defaultOptions: [{ allowedAlgorithms: [], requireExpiry: true }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowedAlgorithms: nameList(
            'The algorithms your tokens use (`RS256`, `ES256`, ...). Messages suggest them, and an `algorithms` list or a signing `algorithm` with any other algorithm is reported.',
          ),
          requireExpiry: {
            type: 'boolean',
            description: 'Report tokens signed without an expiry (`expiresIn`, `exp` in the payload, `setExpirationTime`).',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const allowed = (options.allowedAlgorithms ?? []).filter((name) => !isNoneAlgorithm(name));
    const requireExpiry = options.requireExpiry !== false;
    const resolver = new OriginResolver(sourceCode, modelFor);

    /** Local names bound to a JWT module's exports (`import jwtDecode from 'jwt-decode'`). */
    const importedNames = new Set<string>();
    let importsJwtLibrary = false;
    const candidates: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
    const registrations: TSESTree.CallExpression[] = [];
    /** Calls whose name says they verify a token, by enclosing function (for decode-after-verify). */
    const verifyCalls: TSESTree.CallExpression[] = [];
    /** `this.name(...)` calls, by method name (callers of same-file helpers). */
    const thisCalls = new Map<string, TSESTree.CallExpression[]>();
    const reported = new Set<TSESTree.Node>();

    function noteModule(moduleName: string): boolean {
      if (!jwtLibraryForModule(moduleName)) return false;
      importsJwtLibrary = true;
      return true;
    }

    function notePatternNames(pattern: TSESTree.Node): void {
      if (pattern.type === AST_NODE_TYPES.Identifier) importedNames.add(pattern.name);
      else if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
        for (const property of pattern.properties) {
          const value = property.type === AST_NODE_TYPES.Property ? property.value : property.argument;
          const target = value.type === AST_NODE_TYPES.AssignmentPattern ? value.left : value;
          if (target.type === AST_NODE_TYPES.Identifier) importedNames.add(target.name);
        }
      }
    }

    // ---- reading options objects -------------------------------------------------------------

    /** The object literal a value is, directly or through a `const`. */
    function objectOf(node: TSESTree.Node | undefined, depth = 0): TSESTree.ObjectExpression | undefined {
      if (!node || depth > MAX_OBJECT_DEPTH) return undefined;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
      const init = constInit(inner);
      return init ? objectOf(init, depth + 1) : undefined;
    }

    function constInit(node: TSESTree.Node): TSESTree.Expression | undefined {
      if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
      const definition = findVariable(sourceCode, node)?.defs[0];
      if (definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
      const declarator = definition.node;
      if (declarator.id !== definition.name || declarator.parent.kind !== 'const') return undefined;
      return declarator.init ?? undefined;
    }

    /** Looks `key` up in an object literal, following spreads of other literals; the last one wins. */
    function lookup(object: TSESTree.ObjectExpression | undefined, key: string, depth = 0): Lookup {
      if (!object || depth > MAX_OBJECT_DEPTH) return UNKNOWN;
      let result: Lookup = ABSENT;
      for (const property of object.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) {
          const inner = objectOf(property.argument);
          const found = inner ? lookup(inner, key, depth + 1) : UNKNOWN;
          if (found.kind !== 'absent') result = found;
          continue;
        }
        const name = staticName(property.key, property.computed);
        if (name === key) {
          const value = unwrap(property.value);
          const empty = (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') || (value.type === AST_NODE_TYPES.Literal && value.value === null);
          result = empty ? ABSENT : { kind: 'present', property };
        } else if (name === undefined) {
          result = result.kind === 'present' ? result : UNKNOWN;
        }
      }
      return result;
    }

    /** `lookup` of `outer.inner`: `verifyOptions.algorithms`. */
    function lookupNested(object: TSESTree.ObjectExpression | undefined, outer: string, inner: string): Lookup {
      const found = lookup(object, outer);
      if (found.kind !== 'present') return found;
      return lookup(objectOf(found.property.value), inner);
    }

    function isLiteralTrue(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      return inner.type === AST_NODE_TYPES.Literal && inner.value === true;
    }

    function stringValue(node: TSESTree.Node | undefined): string | undefined {
      if (!node) return undefined;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string') return inner.value;
      if (inner.type === AST_NODE_TYPES.TemplateLiteral && inner.expressions.length === 0) return inner.quasis[0]?.value.cooked ?? undefined;
      const init = constInit(inner);
      return init && init !== node ? stringValue(init) : undefined;
    }

    function arrayOf(node: TSESTree.Node, depth = 0): TSESTree.ArrayExpression | undefined {
      if (depth > MAX_OBJECT_DEPTH) return undefined;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ArrayExpression) return inner;
      const init = constInit(inner);
      return init ? arrayOf(init, depth + 1) : undefined;
    }

    // ---- module defaults -----------------------------------------------------------------------

    const nestDefaults: Defaults = { registered: false, verifyAlgorithms: 'absent', signExpiry: 'absent', secretKey: false };
    const fastifyDefaults: Defaults = { registered: false, verifyAlgorithms: 'absent', signExpiry: 'absent', secretKey: false };

    function merge(defaults: Defaults, verify: Lookup['kind'], sign: Lookup['kind'], secretKey: boolean): void {
      const combine = (was: Lookup['kind'], now: Lookup['kind']): Lookup['kind'] =>
        !defaults.registered ? now : was === 'present' || now === 'present' ? 'present' : was === 'unknown' || now === 'unknown' ? 'unknown' : 'absent';
      defaults.verifyAlgorithms = combine(defaults.verifyAlgorithms, verify);
      defaults.signExpiry = combine(defaults.signExpiry, sign);
      defaults.secretKey ||= secretKey;
      defaults.registered = true;
    }

    /** The options object a `registerAsync({ useFactory })` factory returns. */
    function factoryResult(options: TSESTree.ObjectExpression): TSESTree.ObjectExpression | undefined {
      const factory = lookup(options, 'useFactory');
      if (factory.kind !== 'present') return undefined;
      const fn = unwrap(factory.property.value);
      if (!isFunction(fn)) return undefined;
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return objectOf(fn.body);
      const last = fn.body.body.findLast((statement) => statement.type === AST_NODE_TYPES.ReturnStatement);
      return last?.type === AST_NODE_TYPES.ReturnStatement && last.argument ? objectOf(last.argument) : undefined;
    }

    function readRegistration(call: TSESTree.CallExpression): void {
      const { object, name } = calleeParts(call);
      if (!object || name === undefined) return;
      if (name === 'register' || name === 'registerAsync') {
        const origin = resolver.resolve(object);
        if (origin?.module === '@nestjs/jwt' && origin.path === '.JwtModule') {
          const raw = objectOf(call.arguments[0]);
          const config = name === 'registerAsync' && raw ? factoryResult(raw) : raw;
          const label = `JwtModule.${name}`;
          if (!config) {
            merge(nestDefaults, 'unknown', 'unknown', false);
            return;
          }
          merge(nestDefaults, lookupNested(config, 'verifyOptions', 'algorithms').kind, lookupNested(config, 'signOptions', 'expiresIn').kind, lookup(config, 'secret').kind === 'present');
          checkSettings(objectOf(lookupValue(config, 'verifyOptions')), LIBRARY.get('nestjs')!, label, 'verify');
          checkSettings(objectOf(lookupValue(config, 'signOptions')), LIBRARY.get('nestjs')!, label, 'sign');
          return;
        }
      }
      if (name === 'register' && call.arguments[0]) {
        const plugin = resolver.resolve(call.arguments[0]);
        if (!plugin || jwtLibraryForModule(plugin.module)?.id !== 'fastify') return;
        const config = objectOf(call.arguments[1]);
        if (!config) {
          merge(fastifyDefaults, 'unknown', 'unknown', false);
          return;
        }
        const secret = lookup(config, 'secret');
        const secretIsKey = secret.kind === 'present' && unwrap(secret.property.value).type !== AST_NODE_TYPES.ObjectExpression;
        merge(fastifyDefaults, lookupNested(config, 'verify', 'algorithms').kind, lookupNested(config, 'sign', 'expiresIn').kind, secretIsKey);
        const label = `${shortSource(sourceCode, call.callee)}(@fastify/jwt)`;
        checkSettings(objectOf(lookupValue(config, 'verify')), LIBRARY.get('fastify')!, label, 'verify');
        checkSettings(objectOf(lookupValue(config, 'sign')), LIBRARY.get('fastify')!, label, 'sign');
      }
    }

    function lookupValue(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
      const found = lookup(object, key);
      return found.kind === 'present' ? found.property.value : undefined;
    }

    // ---- recognizing calls ---------------------------------------------------------------------

    function labelOf(node: TSESTree.CallExpression | TSESTree.NewExpression): string {
      const text = sourceCode.getText(node.callee).replace(/\s+/gu, '');
      const label = text.length > 48 ? `${text.slice(0, 45)}...` : text;
      return node.type === AST_NODE_TYPES.NewExpression ? `new ${label}` : label;
    }

    function jwtCallOf(node: TSESTree.CallExpression | TSESTree.NewExpression): JwtCall | undefined {
      if (node.type === AST_NODE_TYPES.NewExpression) return passportCall(node);
      if (node.callee.type === AST_NODE_TYPES.Super) return passportCall(node);
      const { object, name, callee } = calleeParts(node);
      if (name === undefined) return undefined;
      if (importsJwtLibrary && (object ? JWT_CALL_NAMES.has(name) : importedNames.has(name))) {
        const origin = resolver.resolve(callee);
        const library = origin && jwtLibraryForModule(origin.module);
        const fn = library && JWT_MODULE_FUNCTIONS[library.id]?.[origin.path];
        if (library && fn) return { node, fn, library, label: labelOf(node) };
        const nest = object && NEST_JWT_METHODS[name];
        if (nest) {
          const receiver = resolver.resolve(object);
          if (receiver?.instance && receiver.module === '@nestjs/jwt') return { node, fn: nest, library: LIBRARY.get('nestjs')!, label: labelOf(node) };
        }
      }
      return object ? fastifyCall(node, object, name) : undefined;
    }

    /** `request.jwtVerify()`, `reply.jwtSign()`, `fastify.jwt.decode()`: @fastify/jwt's decorators, by their names. */
    function fastifyCall(node: TSESTree.CallExpression, object: TSESTree.Node, name: string): JwtCall | undefined {
      const receiver = unwrap(object);
      const decorator = FASTIFY_JWT_DECORATORS[name];
      if (decorator && receiver.type === AST_NODE_TYPES.Identifier) {
        const names = decorator.kind === 'sign' ? FASTIFY_REPLY_NAMES : FASTIFY_REQUEST_NAMES;
        return names.has(receiver.name) ? { node, fn: decorator, library: LIBRARY.get('fastify')!, label: labelOf(node) } : undefined;
      }
      const method = FASTIFY_JWT_METHODS[name];
      if (!method || receiver.type !== AST_NODE_TYPES.MemberExpression || memberName(receiver) !== 'jwt') return undefined;
      const instance = unwrap(receiver.object);
      const isInstance =
        (instance.type === AST_NODE_TYPES.Identifier && FASTIFY_INSTANCE_NAMES.has(instance.name)) ||
        (instance.type === AST_NODE_TYPES.ThisExpression && !enclosingClass(instance)) ||
        (instance.type === AST_NODE_TYPES.MemberExpression && memberName(instance) === 'server' && FASTIFY_REQUEST_NAMES.has(referenceName(instance.object) ?? ''));
      if (!isInstance) return undefined;
      // A `.jwt` that is itself a known module (`app.jwt = require('jsonwebtoken')`) is not @fastify/jwt.
      const origin = resolver.resolve(receiver);
      if (origin && jwtLibraryForModule(origin.module)?.id !== 'fastify') return undefined;
      return { node, fn: method, library: LIBRARY.get('fastify')!, label: labelOf(node) };
    }

    /** `new JwtStrategy(options, verify)` and `super(options)` in `class extends PassportStrategy(Strategy)`. */
    function passportCall(node: TSESTree.CallExpression | TSESTree.NewExpression): JwtCall | undefined {
      if (!importsJwtLibrary) return undefined;
      const library = LIBRARY.get('passport-jwt')!;
      const fn: JwtFunction = { kind: 'verify', options: 0, label: 'Strategy' };
      if (node.type === AST_NODE_TYPES.NewExpression) {
        const origin = resolver.resolve(node);
        return origin?.module === 'passport-jwt' && (origin.path === '.Strategy()' || origin.path === '.default.Strategy()') ? { node, fn, library, label: labelOf(node) } : undefined;
      }
      const body = enclosingClass(node);
      const declaration = body?.parent;
      const superClass = declaration && 'superClass' in declaration ? declaration.superClass : undefined;
      if (!superClass) return undefined;
      const inner = unwrap(superClass);
      const strategy = inner.type === AST_NODE_TYPES.CallExpression ? inner.arguments[0] : inner;
      const origin = strategy ? resolver.resolve(strategy) : undefined;
      if (origin?.module !== 'passport-jwt' || origin.path !== '.Strategy') return undefined;
      return { node, fn, library, label: 'super(...)' };
    }

    // ---- verify and sign -------------------------------------------------------------------------

    function optionsOf(jwtCall: JwtCall): { object: TSESTree.ObjectExpression | undefined; missing: boolean } {
      const index = jwtCall.fn.options;
      const argument = index === undefined ? undefined : jwtCall.node.arguments[index];
      if (!argument || isFunction(argument)) return { object: undefined, missing: true };
      if (argument.type === AST_NODE_TYPES.SpreadElement) return { object: undefined, missing: false };
      return { object: objectOf(argument), missing: false };
    }

    function algorithmHint(jwtCall?: JwtCall, options?: TSESTree.ObjectExpression): string {
      if (allowed.length > 0) return allowed.map((name) => `'${name}'`).join(', ');
      let keyText: string | undefined;
      if (jwtCall?.library.id === 'jsonwebtoken' || jwtCall?.library.id === 'jose') {
        const key = jwtCall.node.arguments[1];
        keyText = key ? sourceCode.getText(key) : undefined;
      } else if (jwtCall?.library.id === 'passport-jwt' && options) {
        const key = lookupValue(options, 'secretOrKey');
        keyText = key ? sourceCode.getText(key) : undefined;
      } else if (jwtCall?.library.id === 'nestjs') {
        keyText = nestDefaults.secretKey ? 'secret' : undefined;
      } else if (jwtCall?.library.id === 'fastify') {
        keyText = fastifyDefaults.secretKey ? 'secret' : undefined;
      }
      return `'${suggestedAlgorithm(keyText)}'`;
    }

    function report(node: TSESTree.Node, messageId: MessageIds, data: Record<string, string>, suggest?: TSESLint.ReportSuggestionArray<MessageIds>): void {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({ node, messageId, data, ...(suggest ? { suggest } : {}) });
    }

    /** `ignoreExpiration: true`, `none` and algorithms outside the allowlist in an options object. */
    function checkSettings(
      object: TSESTree.ObjectExpression | undefined,
      library: JwtLibrary,
      label: string,
      kind: 'verify' | 'sign',
      jwtCall?: JwtCall,
    ): void {
      if (!object) return;
      const data = { call: label, library: library.label, algorithms: algorithmHint(jwtCall, object) };
      if (kind === 'verify') {
        const ignore = lookup(object, 'ignoreExpiration');
        if (ignore.kind === 'present' && isLiteralTrue(ignore.property.value)) {
          report(ignore.property, 'ignoreExpiration', data, [
            { messageId: 'removeIgnoreExpiration', fix: (fixer) => fixer.removeRange(removalRange(ignore.property)) },
          ]);
        }
        const algorithms = lookup(object, 'algorithms');
        const list = algorithms.kind === 'present' ? arrayOf(algorithms.property.value) : undefined;
        for (const element of list?.elements ?? []) {
          const value = element && element.type !== AST_NODE_TYPES.SpreadElement ? stringValue(element) : undefined;
          if (value === undefined || !element) continue;
          if (isNoneAlgorithm(value)) {
            const others = list!.elements.length > 1;
            report(element, 'noneAlgorithm', data, others ? [{ messageId: 'removeNone', fix: (fixer) => fixer.removeRange(removalRange(element)) }] : []);
          } else if (allowed.length > 0 && !allowed.includes(value)) {
            report(element, 'algorithmNotAllowed', { ...data, algorithm: value });
          }
        }
        return;
      }
      const algorithm = lookup(object, 'algorithm');
      const value = algorithm.kind === 'present' ? stringValue(algorithm.property.value) : undefined;
      if (value === undefined || algorithm.kind !== 'present') return;
      if (isNoneAlgorithm(value)) report(algorithm.property.value, 'noneAlgorithm', data, []);
      else if (allowed.length > 0 && !allowed.includes(value)) report(algorithm.property.value, 'algorithmNotAllowed', { ...data, algorithm: value });
    }

    /** The range that removes an object property or array element with its comma, and its line when it stands alone. */
    function removalRange(node: TSESTree.Node): [number, number] {
      const after = sourceCode.getTokenAfter(node);
      const before = sourceCode.getTokenBefore(node);
      let start = node.range[0];
      let end = node.range[1];
      if (after?.value === ',') end = after.range[1];
      else if (before?.value === ',') start = before.range[0];
      const text = sourceCode.text;
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      const lineEndIndex = text.indexOf('\n', end);
      const lineEnd = lineEndIndex < 0 ? text.length : lineEndIndex;
      if (text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '' && lineEndIndex >= 0) return [lineStart, lineEnd + 1];
      if (after?.value === ',' && text[end] === ' ') end += 1;
      return [start, end];
    }

    function checkVerify(jwtCall: JwtCall): void {
      const { object, missing } = optionsOf(jwtCall);
      checkSettings(object, jwtCall.library, jwtCall.label, 'verify', jwtCall);
      if (!missing && !object) return;
      const algorithms = object ? lookup(object, 'algorithms') : ABSENT;
      if (algorithms.kind !== 'absent') return;
      const defaults = jwtCall.library.id === 'nestjs' ? nestDefaults : jwtCall.library.id === 'fastify' ? fastifyDefaults : undefined;
      if (defaults && (!defaults.registered || defaults.verifyAlgorithms !== 'absent')) return;
      report(jwtCall.node, 'verifyWithoutAlgorithms', { call: jwtCall.label, library: jwtCall.library.label, algorithms: algorithmHint(jwtCall, object) });
    }

    function checkSign(jwtCall: JwtCall): void {
      const { object, missing } = optionsOf(jwtCall);
      checkSettings(object, jwtCall.library, jwtCall.label, 'sign', jwtCall);
      if (!requireExpiry || (!missing && !object)) return;
      const payload = objectOf(jwtCall.fn.payload === undefined ? undefined : jwtCall.node.arguments[jwtCall.fn.payload]);
      if (!payload || lookup(payload, 'exp').kind !== 'absent') return;
      if (object && lookup(object, 'expiresIn').kind !== 'absent') return;
      const defaults = jwtCall.library.id === 'nestjs' ? nestDefaults : jwtCall.library.id === 'fastify' ? fastifyDefaults : undefined;
      if (defaults && (!defaults.registered || defaults.signExpiry !== 'absent')) return;
      const fix = "Pass `expiresIn` (for example `expiresIn: '15m'`) or put `exp` in the payload.";
      report(jwtCall.node, 'signWithoutExpiry', { call: jwtCall.label, library: jwtCall.library.label, fix });
    }

    /** jose: `new SignJWT(payload)...sign(key)` without `.setExpirationTime()` or `exp`. */
    function checkSignJwt(call: TSESTree.CallExpression): void {
      if (!requireExpiry) return;
      const methods = new Set<string>();
      let current: TSESTree.Node = call;
      let root: TSESTree.NewExpression | undefined;
      let variable: TSESTree.Identifier | undefined;
      for (let steps = 0; steps < 20; steps++) {
        const inner = unwrap(current);
        if (inner.type === AST_NODE_TYPES.NewExpression) {
          root = inner;
          break;
        }
        if (inner.type === AST_NODE_TYPES.Identifier && !variable) {
          const init = constInit(inner);
          if (!init) return;
          variable = inner;
          current = init;
          continue;
        }
        if (inner.type !== AST_NODE_TYPES.CallExpression) return;
        const { object, name } = calleeParts(inner);
        if (!object || name === undefined) return;
        methods.add(name);
        current = object;
      }
      if (!root) return;
      const origin = resolver.resolve(root);
      if (origin?.module !== 'jose' || origin.path !== '.SignJWT()') return;
      if (variable) {
        for (const reference of findVariable(sourceCode, variable)?.references ?? []) {
          const parent = reference.identifier.parent;
          if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier) {
            const name = memberName(parent);
            if (name !== undefined) methods.add(name);
          }
        }
      }
      if (methods.has('setExpirationTime')) return;
      const payload = objectOf(root.arguments[0]);
      if (!payload || lookup(payload, 'exp').kind !== 'absent') return;
      const fix = "Call `.setExpirationTime('15m')` before `.sign()`, or put `exp` in the payload.";
      report(call, 'signWithoutExpiry', { call: `new ${shortSource(sourceCode, root.callee)}(...).sign`, library: 'jose', fix });
    }

    // ---- decode used to authenticate ---------------------------------------------------------------

    function functionName(fn: FunctionNode): string | undefined {
      if (fn.id) return fn.id.name;
      const parent = fn.parent;
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
      if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
        return staticName(parent.key, parent.computed);
      }
      if (parent?.type === AST_NODE_TYPES.AssignmentExpression) return referenceName(parent.left);
      if (parent?.type === AST_NODE_TYPES.CallExpression) {
        const first = parent.arguments[0];
        if (first && first !== fn) return stringValue(first) ?? undefined;
      }
      return undefined;
    }

    /** A function whose verdict about a token decides access: a middleware, a guard, an auth hook or helper. */
    function isAuthFunction(fn: FunctionNode): boolean {
      if (fn.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === 'next')) return true;
      const parent = fn.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && calleeParts(parent).name === 'addHook') {
        const hook = stringValue(parent.arguments[0]);
        if (hook !== undefined && FASTIFY_AUTH_HOOKS.has(hook)) return true;
      }
      const name = functionName(fn);
      if (name === undefined) return false;
      const words = splitWords(name);
      if (words.some((word) => AUTH_FUNCTION_WORDS.has(word))) return true;
      if (words.includes('auth') && !words.some((word) => AUTH_CLIENT_WORDS.has(word))) return true;
      return words.some((word) => USER_RESOLVER_VERBS.has(word)) && words.some((word) => USER_RESOLVER_SUBJECTS.has(word));
    }

    /** Whether the node sits in an auth function, looking through inline callbacks (`jwt.verify(t, k, (err, d) => ...)`). */
    function inAuthContext(node: TSESTree.Node): boolean {
      let fn = enclosingFn(node);
      for (let level = 0; fn && level < 3; level++) {
        if (isAuthFunction(fn)) return true;
        const parent = fn.parent;
        const isInlineCallback =
          parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== fn && stringValue(parent.arguments[0]) === undefined && !isRegistration(parent);
        if (!isInlineCallback) return false;
        fn = enclosingFn(fn);
      }
      return false;
    }

    function isRegistration(call: TSESTree.CallExpression): boolean {
      const { name } = calleeParts(call);
      return name === 'register' || name === 'use' || name === 'decorate' || name === 'addHook' || name === 'route';
    }

    function enclosingFn(node: TSESTree.Node): FunctionNode | undefined {
      for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
      return undefined;
    }

    /** Whether a branch denies access (401/403, an Unauthorized error, a redirect to login) or grants it (`next()`). */
    function decidesAccess(branch: TSESTree.Node | null | undefined): boolean {
      if (!branch) return false;
      const pending: { node: TSESTree.Node; depth: number }[] = [{ node: branch, depth: 0 }];
      for (let visited = 0; pending.length > 0 && visited < 300; visited++) {
        const { node, depth } = pending.pop()!;
        if (isFunction(node) || depth > 10) continue;
        if (node.type === AST_NODE_TYPES.Literal) {
          if (typeof node.value === 'number' && DENY_STATUSES.has(node.value)) return true;
          if (typeof node.value === 'string' && deniesByText(node.value)) return true;
          continue;
        }
        if (node.type === AST_NODE_TYPES.Identifier && DENY_NAME.test(node.name)) return true;
        if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 0 && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'next') return true;
        for (const [key, value] of Object.entries(node)) {
          if (key === 'parent' || !value || typeof value !== 'object') continue;
          const children: unknown[] = Array.isArray(value) ? value : [value];
          for (const child of children) {
            if (child && typeof (child as TSESTree.Node).type === 'string') pending.push({ node: child as TSESTree.Node, depth: depth + 1 });
          }
        }
      }
      return false;
    }

    function deniesByText(text: string): boolean {
      const lower = text.toLowerCase();
      return (
        lower === 'deny' ||
        lower === 'unauthorized' ||
        lower === 'forbidden' ||
        lower === 'unauthenticated' ||
        lower.startsWith('/login') ||
        lower.startsWith('/signin') ||
        lower.startsWith('/sign-in') ||
        lower.startsWith('/401') ||
        lower.startsWith('/403')
      );
    }

    function claimWords(field: string | undefined): string[] {
      return field === undefined ? [] : splitWords(field);
    }
    const normalized = (field: string | undefined) => (field ?? '').replace(/[_-]/gu, '').toLowerCase();
    const isAuthzClaim = (field: string | undefined) => claimWords(field).some((word) => AUTHZ_CLAIM_WORDS.has(word));
    const isTimeClaim = (field: string | undefined) => TIME_CLAIMS.has(normalized(field));
    const isIdentityClaim = (field: string | undefined) => IDENTITY_CLAIMS.has(normalized(field));

    /** A use of a test (`if`, `?:`, `switch`) on a claim. */
    function testUse(owner: TSESTree.Node, field: string | undefined, branches: (TSESTree.Node | null | undefined)[]): string | undefined {
      if (isAuthzClaim(field)) return 'check a role or permission';
      if (isTimeClaim(field)) return undefined;
      if (inAuthContext(owner)) return 'decide whether the request is let through';
      if (branches.some((branch) => decidesAccess(branch))) return 'decide whether access is granted';
      return undefined;
    }

    interface Flow {
      readonly field: string | undefined;
      readonly depth: number;
      readonly seen: Set<TSESTree.Node>;
    }

    /**
     * How the value at `start` (a decoded payload or one of its claims) is used, following it up
     * the tree and through locals, same-file helpers and callers. Returns what it authorizes.
     */
    function useOf(start: TSESTree.Node, flow: Flow): string | undefined {
      if (flow.depth > MAX_FLOW_DEPTH || flow.seen.has(start)) return undefined;
      flow.seen.add(start);
      let node: TSESTree.Node = start;
      let field = flow.field;
      let compared = false;
      let underWhere = false;
      for (let steps = 0; steps < MAX_CLIMB; steps++) {
        const parent: TSESTree.Node | undefined = node.parent;
        if (!parent) return undefined;
        switch (parent.type) {
          case AST_NODE_TYPES.TSAsExpression:
          case AST_NODE_TYPES.TSNonNullExpression:
          case AST_NODE_TYPES.TSSatisfiesExpression:
          case AST_NODE_TYPES.TSTypeAssertion:
          case AST_NODE_TYPES.AwaitExpression:
          case AST_NODE_TYPES.ChainExpression:
          case AST_NODE_TYPES.TemplateLiteral:
          case AST_NODE_TYPES.ArrayExpression:
          case AST_NODE_TYPES.SpreadElement:
          case AST_NODE_TYPES.LogicalExpression:
            node = parent;
            continue;
          case AST_NODE_TYPES.UnaryExpression:
          case AST_NODE_TYPES.BinaryExpression:
            compared = true;
            node = parent;
            continue;
          case AST_NODE_TYPES.MemberExpression: {
            if (parent.object !== node) return undefined;
            const name = memberName(parent);
            const grand = parent.parent;
            if (grand?.type === AST_NODE_TYPES.CallExpression && grand.callee === parent) {
              if (name !== undefined && PREDICATE_METHODS.has(name)) compared = true;
              else if (name === undefined || !TRANSFORM_METHODS.has(name)) return undefined;
              node = grand;
              continue;
            }
            if (name === 'length') return undefined;
            if (name !== undefined && !/^\d+$/u.test(name)) field = name;
            node = parent;
            continue;
          }
          case AST_NODE_TYPES.ConditionalExpression:
            if (parent.test === node) return testUse(parent, field, [parent.consequent, parent.alternate]);
            node = parent;
            continue;
          case AST_NODE_TYPES.IfStatement:
            return parent.test === node ? testUse(parent, field, [parent.consequent, parent.alternate]) : undefined;
          case AST_NODE_TYPES.WhileStatement:
          case AST_NODE_TYPES.DoWhileStatement:
            return parent.test === node ? testUse(parent, field, [parent.body]) : undefined;
          case AST_NODE_TYPES.SwitchStatement:
            return parent.discriminant === node ? testUse(parent, field, parent.cases) : undefined;
          case AST_NODE_TYPES.Property:
            if (parent.value !== node || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
            if (keyName(parent) === 'where') underWhere = true;
            node = parent.parent;
            continue;
          case AST_NODE_TYPES.ReturnStatement:
            return returnUse(parent, field, compared, flow);
          case AST_NODE_TYPES.ArrowFunctionExpression:
            return parent.body === node ? returnUse(parent, field, compared, flow) : undefined;
          case AST_NODE_TYPES.VariableDeclarator:
            return parent.init === node ? bindingUse(parent.id, field, flow) : undefined;
          case AST_NODE_TYPES.AssignmentExpression:
            return parent.right === node ? assignmentUse(parent.left, field, flow) : undefined;
          case AST_NODE_TYPES.CallExpression:
          case AST_NODE_TYPES.NewExpression: {
            if (parent.callee === node) return undefined;
            const { object, name } = calleeParts(parent);
            if (!object && name !== undefined && TRANSFORM_FUNCTIONS.has(name)) {
              node = parent;
              continue;
            }
            return callUse(parent, node, field, underWhere);
          }
          default:
            return undefined;
        }
      }
      return undefined;
    }

    function returnUse(owner: TSESTree.Node, field: string | undefined, compared: boolean, flow: Flow): string | undefined {
      const fn = isFunction(owner) ? owner : enclosingFn(owner);
      if (!fn || isTimeClaim(field)) return undefined;
      if (isAuthFunction(fn)) {
        const name = functionName(fn);
        return name ? `decide what \`${name}\` returns` : 'decide what an auth function returns';
      }
      if (compared && isAuthzClaim(field)) return 'check a role or permission';
      for (const call of callersOf(fn)) {
        // A caller that verifies the token it passed (`const kid = keyIdOf(token); jwt.verify(token, ...)`) decodes only to prepare.
        if (verifiedNearby(call)) continue;
        const use = useOf(call, { field, depth: flow.depth + 1, seen: flow.seen });
        if (use) return use;
      }
      return undefined;
    }

    /** Same-file calls of a function: by its name, or `this.name()` in its class. */
    function callersOf(fn: FunctionNode): TSESTree.CallExpression[] {
      const parent = fn.parent;
      if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
        const name = staticName(parent.key, parent.computed);
        return name === undefined ? [] : (thisCalls.get(name) ?? []).filter((call) => enclosingClass(call) === parent.parent);
      }
      const id = fn.id ?? (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier ? parent.id : undefined);
      if (!id) return [];
      const variable = findVariable(sourceCode, id);
      const calls: TSESTree.CallExpression[] = [];
      for (const reference of variable?.references ?? []) {
        const call = reference.identifier.parent;
        if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === reference.identifier) calls.push(call);
      }
      return calls;
    }

    function bindingUse(target: TSESTree.Node, field: string | undefined, flow: Flow): string | undefined {
      const next = (identifier: TSESTree.Identifier, claim: string | undefined): string | undefined => {
        const variable = findVariable(sourceCode, identifier);
        for (const reference of variable?.references ?? []) {
          if (reference.identifier === identifier || reference.isWrite()) continue;
          const use = useOf(reference.identifier, { field: claim, depth: flow.depth + 1, seen: flow.seen });
          if (use) return use;
        }
        return undefined;
      };
      const inner = target.type === AST_NODE_TYPES.AssignmentPattern ? target.left : target;
      if (inner.type === AST_NODE_TYPES.Identifier) return next(inner, field);
      if (inner.type === AST_NODE_TYPES.ObjectPattern) {
        for (const property of inner.properties) {
          const value = property.type === AST_NODE_TYPES.Property ? property.value : property.argument;
          const claim = property.type === AST_NODE_TYPES.Property ? (staticName(property.key, property.computed) ?? field) : field;
          const use = bindingUse(value, claim, flow);
          if (use) return use;
        }
        return undefined;
      }
      if (inner.type === AST_NODE_TYPES.ArrayPattern) {
        for (const element of inner.elements) {
          const use = element ? bindingUse(element, field, flow) : undefined;
          if (use) return use;
        }
      }
      return undefined;
    }

    function assignmentUse(left: TSESTree.Node, field: string | undefined, flow: Flow): string | undefined {
      if (left.type === AST_NODE_TYPES.Identifier) return bindingUse(left, field, flow);
      if (left.type !== AST_NODE_TYPES.MemberExpression || isTimeClaim(field)) return undefined;
      let root: TSESTree.Node = left;
      while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
      if (root.type === AST_NODE_TYPES.Identifier && REQUEST_CARRIERS.has(root.name)) return `set \`${shortSource(sourceCode, left)}\``;
      return undefined;
    }

    function callUse(call: TSESTree.CallExpression | TSESTree.NewExpression, argument: TSESTree.Node, field: string | undefined, underWhere: boolean): string | undefined {
      const { object, name } = calleeParts(call);
      if (name === undefined || isTimeClaim(field)) return undefined;
      const receiver = object && referenceName(object);
      // Hono: c.set('user', payload).
      if (name === 'set' && receiver !== undefined && (receiver === 'c' || receiver === 'context') && call.arguments[1] === argument) {
        const key = stringValue(call.arguments[0]);
        return `set the request's \`${key ?? 'variable'}\``;
      }
      // passport: done(null, payload).
      if (name === 'done' && !object && call.arguments[1] === argument) return 'authenticate the request through `done`';
      if (isIdentityClaim(field) && (LOOKUP_CALL.test(name) || underWhere)) return `look up the user by \`${field}\``;
      const words = splitWords(name);
      if (words.some((word) => PERMISSION_CALL_WORDS.has(word)) && (words[0] === 'has' || words[0] === 'can' || words[0] === 'check' || words[0] === 'is' || words[0] === 'require' || words[0] === 'assert' || words.length === 1)) {
        return 'check a role or permission';
      }
      return undefined;
    }

    /**
     * Whether the same function verifies the same token (decode after verify, or to read `kid`
     * first). `decode` is the decoding call, or a call of a same-file helper that decodes its argument.
     */
    function verifiedNearby(decode: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      const scope = enclosingFn(decode) ?? sourceCode.ast;
      const token = decode.arguments[0];
      const tokenText = token ? sourceCode.getText(token) : undefined;
      const receiver = calleeParts(decode).object;
      const receiverText = receiver ? sourceCode.getText(receiver) : undefined;
      return verifyCalls.some((call) => {
        if (call === decode || call.range[0] < scope.range[0] || call.range[1] > scope.range[1]) return false;
        const first = call.arguments[0];
        if (tokenText !== undefined && first && sourceCode.getText(first) === tokenText) return true;
        // `request.jwtVerify()` next to `request.jwtDecode()`.
        const { object } = calleeParts(call);
        return tokenText === undefined && object !== undefined && receiverText === sourceCode.getText(object);
      });
    }

    function checkDecode(jwtCall: JwtCall): void {
      if (verifiedNearby(jwtCall.node)) return;
      const use = useOf(jwtCall.node, { field: undefined, depth: 0, seen: new Set() });
      if (!use) return;
      report(jwtCall.node, 'decodeUsedForAuth', { call: jwtCall.label, library: jwtCall.library.label, use, verify: jwtCall.library.verifyAdvice });
    }

    return {
      ImportDeclaration(node) {
        if (!noteModule(node.source.value)) return;
        for (const specifier of node.specifiers) importedNames.add(specifier.local.name);
      },
      VariableDeclarator(node) {
        const init = node.init && unwrap(node.init);
        const moduleName = init && requiredModule(init.type === AST_NODE_TYPES.MemberExpression ? unwrap(init.object) : init);
        if (moduleName !== undefined && moduleName !== null && noteModule(moduleName)) notePatternNames(node.id);
      },
      NewExpression(node) {
        if (node.arguments.length > 0 && referenceName(node.callee) !== undefined) candidates.push(node);
      },
      CallExpression(node) {
        const { object, name } = calleeParts(node);
        if (node.callee.type === AST_NODE_TYPES.Super) {
          candidates.push(node);
          return;
        }
        if (name === undefined) return;
        if (/verify/iu.test(name)) verifyCalls.push(node);
        if (object?.type === AST_NODE_TYPES.ThisExpression) {
          const list = thisCalls.get(name) ?? [];
          list.push(node);
          thisCalls.set(name, list);
        }
        if (name === 'register' || name === 'registerAsync') registrations.push(node);
        if (object ? JWT_CALL_NAMES.has(name) : true) candidates.push(node);
      },
      'Program:exit'() {
        for (const call of registrations) readRegistration(call);
        for (const candidate of candidates) {
          if (candidate.type === AST_NODE_TYPES.CallExpression && candidate.callee.type !== AST_NODE_TYPES.Super && calleeParts(candidate).name === 'sign' && importsJwtLibrary) {
            checkSignJwt(candidate);
          }
          const jwtCall = jwtCallOf(candidate);
          if (!jwtCall) continue;
          if (jwtCall.fn.kind === 'decode') checkDecode(jwtCall);
          else if (jwtCall.fn.kind === 'verify') checkVerify(jwtCall);
          else checkSign(jwtCall);
        }
      },
    };
  },
});
