import { relative, resolve } from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  AUTH_CLIENT_WORDS,
  AUTH_FUNCTION_WORDS,
  AUTHZ_CLAIM_WORDS,
  DENY_NAME,
  DENY_STATUSES,
  EXPIRY_CLAIMS,
  FASTIFY_AUTH_HOOKS,
  FASTIFY_INSTANCE_NAMES,
  FASTIFY_JWT_DECORATORS,
  FASTIFY_JWT_METHODS,
  FASTIFY_REPLY_NAMES,
  FASTIFY_REQUEST_NAMES,
  HAPI_JWT_SCHEME,
  HAPI_JWT_STRATEGY,
  IGNORE_EXPIRATION,
  IDENTITY_CLAIMS,
  JOSE_SIGN_BUILDER,
  JWT_CALL_NAMES,
  JWT_LIBRARIES,
  JWT_MODULE_FUNCTIONS,
  LOOKUP_CALL,
  NEST_JWT_METHODS,
  PASSPORT_JWT_STRATEGY,
  PASSPORT_JWT_STRATEGY_PATH,
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
  type AlgorithmChoice,
  type JwtFunction,
  type JwtLibrary,
} from '../src/catalog/jwt.js';
import { atLeast, dependencyVersion } from '../src/dependency-version.js';
import { splitWords } from '../src/catalog/sensitive-names.js';
import { originResolver, type ModuleModel } from '../src/ast/module-origin.js';
import { calleeParts, enclosingClass, isFunction, memberName, pushChildren, referenceName, requiredModule, shortSource, staticName, unwrap, type FunctionNode } from '../src/ast/nodes.js';
import { createRule } from '../src/create-rule.js';
import { constantText, elements, flowOf, property, usesOf, type Atom, type Decision, type Flow, type Use, type Value } from '../src/flow/index.js';
import { nameList } from '../src/schema.js';

type Options = [{ allowedAlgorithms?: string[]; requireExpiry?: boolean }];
type MessageIds =
  | 'decodeUsedForAuth'
  | 'verifyWithoutAlgorithms'
  | 'algorithmFromToken'
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

/**
 * Whether an option is set in an options value: with what, not at all, or not knowable here (the
 * options, or the key, come from a parameter or a call the engine cannot see into).
 */
type Setting = { readonly kind: 'present'; readonly value: Value } | { readonly kind: 'absent' } | { readonly kind: 'unknown' };

/** What a module registration (`JwtModule.register`, `fastify.register(fastifyJwt)`) sets as defaults. */
interface Defaults {
  registered: boolean;
  verifyAlgorithms: Setting['kind'];
  signExpiry: Setting['kind'];
  secretKey: boolean;
}

const ABSENT: Setting = { kind: 'absent' };
const UNKNOWN: Setting = { kind: 'unknown' };

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
      servedTraffic: true,
      standard: 'JWTs are verified: signature, algorithm allowlist, expiry; never `decode` to authenticate',
      precision: 'high',
      securitySeverity: 8.1,
    },
    hasSuggestions: true,
    messages: {
      decodeUsedForAuth:
        '`{{call}}` ({{library}}) only decodes the token: it checks neither the signature nor the expiry, yet its result is used to {{use}}. Anyone can forge such a token. Verify it instead with {{verify}}.',
      verifyWithoutAlgorithms:
        '`{{call}}` ({{library}}) verifies without an `algorithms` allowlist, so the token\'s own header chooses how it is checked{{versions}}. Pin the algorithm your key uses: `algorithms: [{{algorithms}}]`.',
      algorithmFromToken:
        '`{{call}}` ({{library}}) verifies with the algorithm {{source}}: whoever made the token chooses how it is checked (`none`, or HMAC keyed with your public key). Use the algorithm your key uses as a constant ({{algorithms}}).',
      noneAlgorithm:
        '`{{call}}` ({{library}}) allows the `none` algorithm: an unsigned token is accepted (or issued) as valid. Remove `none` and allow only the algorithm your key uses ({{algorithms}}).',
      algorithmNotAllowed:
        '`{{call}}` ({{library}}) allows `{{algorithm}}`, which is not in the configured `allowedAlgorithms` ({{algorithms}}). Allow only those.',
      ignoreExpiration:
        '`{{call}}` ({{library}}) sets `{{setting}}`, so an expired (or stolen, long-revoked) token is still accepted. Remove it; for clock skew, allow a small tolerance instead (`clockTolerance`, @hapi/jwt\'s `timeSkewSec`).',
      signWithoutExpiry:
        '`{{call}}` ({{library}}) issues a token without an expiry: if it leaks, it is valid forever. {{fix}}',
      removeIgnoreExpiration: 'Remove `{{setting}}`.',
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
    const resolver = originResolver(sourceCode, modelFor);

    /** Local names bound to a JWT module's exports (`import jwtDecode from 'jwt-decode'`). */
    const importedNames = new Set<string>();
    /** The JWT modules the file imports: their versions decide the library's defaults. */
    const importedModules = new Set<string>();
    let importsJwtLibrary = false;
    const candidates: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
    const registrations: TSESTree.CallExpression[] = [];
    const reported = new Set<string>();
    let engine: Flow | undefined;
    const flow = (): Flow => (engine ??= flowOf(context));

    function noteModule(moduleName: string): boolean {
      if (!jwtLibraryForModule(moduleName)) return false;
      importsJwtLibrary = true;
      importedModules.add(moduleName);
      return true;
    }

    function notePatternNames(pattern: TSESTree.Node): void {
      if (pattern.type === AST_NODE_TYPES.Identifier) importedNames.add(pattern.name);
      else if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
        for (const entry of pattern.properties) {
          const value = entry.type === AST_NODE_TYPES.Property ? entry.value : entry.argument;
          const target = value.type === AST_NODE_TYPES.AssignmentPattern ? value.left : value;
          if (target.type === AST_NODE_TYPES.Identifier) importedNames.add(target.name);
        }
      }
    }

    // ---- Options, as the engine sees them ------------------------------------------------------

    /** `undefined`, `null`: an option left out. */
    function isNothing(atom: Atom): boolean {
      if (atom.kind !== 'const') return false;
      const node = unwrap(atom.node);
      return atom.value === null || (atom.value === undefined && node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
    }

    /** Atoms the engine cannot see into: the option may be anything. */
    function isOpaque(atom: Atom): boolean {
      return atom.kind === 'param' || atom.kind === 'unknown' || atom.kind === 'call' || atom.kind === 'module';
    }

    /** Looks `key` up in an options value: its objects' own keys and what they spread, later stores, other files' objects. */
    function setting(options: Value, key: string, node: TSESTree.Node): Setting {
      const found = property(
        options.filter((atom) => atom.kind === 'object'),
        key,
        node,
      ).filter((atom) => !isNothing(atom));
      if (found.some((atom) => !isOpaque(atom))) return { kind: 'present', value: found.filter((atom) => !isOpaque(atom)) };
      if (found.length > 0 || options.some((atom) => atom.kind !== 'object' && !isNothing(atom))) return UNKNOWN;
      return ABSENT;
    }

    const settingValue = (options: Value, key: string, node: TSESTree.Node): Value => {
      const found = setting(options, key, node);
      return found.kind === 'present' ? found.value : [];
    };

    /** The file and line an atom was written at, when that is another file (for messages). */
    function elsewhere(atom: Atom, owner: Flow): string | undefined {
      const file = atom.file ?? (owner === flow() ? undefined : owner.filename);
      return file === undefined ? undefined : `${relative(context.cwd, file)}:${atom.node.loc.start.line}`;
    }

    // ---- Module defaults -----------------------------------------------------------------------

    const nestDefaults: Defaults = { registered: false, verifyAlgorithms: 'absent', signExpiry: 'absent', secretKey: false };
    const fastifyDefaults: Defaults = { registered: false, verifyAlgorithms: 'absent', signExpiry: 'absent', secretKey: false };

    function merge(defaults: Defaults, verify: Setting['kind'], sign: Setting['kind'], secretKey: boolean): void {
      const combine = (was: Setting['kind'], now: Setting['kind']): Setting['kind'] =>
        !defaults.registered ? now : was === 'present' || now === 'present' ? 'present' : was === 'unknown' || now === 'unknown' ? 'unknown' : 'absent';
      defaults.verifyAlgorithms = combine(defaults.verifyAlgorithms, verify);
      defaults.signExpiry = combine(defaults.signExpiry, sign);
      defaults.secretKey ||= secretKey;
      defaults.registered = true;
    }

    function readRegistration(call: TSESTree.CallExpression): void {
      const { object, name } = calleeParts(call);
      if (!object || name === undefined) return;
      const [first, second] = call.arguments;
      if (name === 'register' || name === 'registerAsync') {
        const origin = resolver.resolve(object);
        if (origin?.module === '@nestjs/jwt' && origin.path === '.JwtModule') {
          let config = first ? flow().valueOf(first) : [];
          // `registerAsync({ useFactory: () => ({ ... }) })`: the options are what the factory returns.
          if (name === 'registerAsync') config = settingValue(config, 'useFactory', call).flatMap((atom) => (atom.kind === 'function' && atom.file === undefined ? [...flow().returnsOf(atom.node)] : []));
          const verifyOptions = settingValue(config, 'verifyOptions', call);
          const signOptions = settingValue(config, 'signOptions', call);
          merge(nestDefaults, setting(verifyOptions, 'algorithms', call).kind, setting(signOptions, 'expiresIn', call).kind, setting(config, 'secret', call).kind === 'present');
          const label = `JwtModule.${name}`;
          checkSettings(verifyOptions, LIBRARY.get('nestjs')!, label, 'verify', call);
          checkSettings(signOptions, LIBRARY.get('nestjs')!, label, 'sign', call);
          return;
        }
      }
      if (name === 'register' && first) {
        const plugin = resolver.resolve(first);
        if (!plugin || jwtLibraryForModule(plugin.module)?.id !== 'fastify') return;
        const config = second ? flow().valueOf(second) : [];
        const secret = setting(config, 'secret', call);
        // `secret: { private, public }` is a key pair, not a shared secret.
        const secretIsKey = secret.kind === 'present' && !secret.value.some((atom) => atom.kind === 'object');
        const verifyOptions = settingValue(config, 'verify', call);
        const signOptions = settingValue(config, 'sign', call);
        merge(fastifyDefaults, setting(verifyOptions, 'algorithms', call).kind, setting(signOptions, 'expiresIn', call).kind, secretIsKey);
        const label = `${shortSource(sourceCode, call.callee)}(@fastify/jwt)`;
        checkSettings(verifyOptions, LIBRARY.get('fastify')!, label, 'verify', call);
        checkSettings(signOptions, LIBRARY.get('fastify')!, label, 'sign', call);
      }
    }

    // ---- Recognizing calls ---------------------------------------------------------------------

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
        if (library && fn) return { node, fn: verifiesAtAll(node, fn) ? fn : { ...fn, kind: 'decode' }, library, label: labelOf(node) };
        const nest = object && NEST_JWT_METHODS[name];
        if (nest) {
          const receiver = resolver.resolve(object);
          if (receiver?.instance && receiver.module === '@nestjs/jwt') return { node, fn: nest, library: LIBRARY.get('nestjs')!, label: labelOf(node) };
        }
        if (name === 'strategy' && object && importedModules.has('@hapi/jwt')) return hapiStrategy(node, object);
      }
      return object ? fastifyCall(node, object, name) : undefined;
    }

    /** Whether a verify call verifies: not with jwt-simple's `noVerify` flag set (`decode(token, key, true)`). */
    function verifiesAtAll(node: TSESTree.CallExpression, fn: JwtFunction): boolean {
      const flag = fn.noVerify === undefined ? undefined : node.arguments[fn.noVerify];
      return !flag || !flow().valueOf(flag).some((atom) => atom.kind === 'const' && Boolean(atom.value));
    }

    /** `server.auth.strategy('session', 'jwt', options)`: a strategy of the scheme @hapi/jwt registers. */
    function hapiStrategy(node: TSESTree.CallExpression, object: TSESTree.Node): JwtCall | undefined {
      const auth = unwrap(object);
      const scheme = node.arguments[1];
      if (auth.type !== AST_NODE_TYPES.MemberExpression || memberName(auth) !== 'auth' || !scheme || constantText(flow().valueOf(scheme)) !== HAPI_JWT_SCHEME) return undefined;
      return { node, fn: HAPI_JWT_STRATEGY, library: LIBRARY.get('hapi')!, label: labelOf(node) };
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
      const fn = PASSPORT_JWT_STRATEGY;
      if (node.type === AST_NODE_TYPES.NewExpression) {
        const origin = resolver.resolve(node);
        return origin?.module === 'passport-jwt' && (origin.path === `${PASSPORT_JWT_STRATEGY_PATH}()` || origin.path === `.default${PASSPORT_JWT_STRATEGY_PATH}()`) ? { node, fn, library, label: labelOf(node) } : undefined;
      }
      const body = enclosingClass(node);
      const declaration = body?.parent;
      const superClass = declaration && 'superClass' in declaration ? declaration.superClass : undefined;
      if (!superClass) return undefined;
      const inner = unwrap(superClass);
      const strategy = inner.type === AST_NODE_TYPES.CallExpression ? inner.arguments[0] : inner;
      const origin = strategy ? resolver.resolve(strategy) : undefined;
      if (origin?.module !== 'passport-jwt' || origin.path !== PASSPORT_JWT_STRATEGY_PATH) return undefined;
      return { node, fn, library, label: 'super(...)' };
    }

    // ---- Verify and sign -------------------------------------------------------------------------

    /** Options as one place gives them: their value, whether they are left out, the file's engine, and where they are given. */
    interface GivenOptions {
      readonly value: Value;
      readonly missing: boolean;
      readonly owner: Flow;
      /** The call of a wrapper that passes them (`verifyToken(token, { algorithms })`), for messages. */
      readonly via?: TSESTree.CallExpression;
    }

    /**
     * The options of a verify or sign call, and whether the call leaves them out. Options that are a
     * wrapper's parameter (`const verify = (token, options) => jwt.verify(token, key, options)`) are
     * what its callers give, in this file and in the files that import it; with no caller, unknown.
     */
    function optionsOf(jwtCall: JwtCall): GivenOptions[] {
      const index = jwtCall.fn.options;
      const argument = index === undefined ? undefined : jwtCall.node.arguments[index];
      if (!argument || isFunction(argument)) return [{ value: [], missing: true, owner: flow() }];
      if (argument.type === AST_NODE_TYPES.SpreadElement) return [{ value: [{ kind: 'unknown', node: argument, names: [] }], missing: false, owner: flow() }];
      const value = flow().valueOf(argument);
      const [param] = value;
      if (value.length !== 1 || param?.kind !== 'param' || param.path.length > 0 || param.file !== undefined) return [{ value, missing: false, owner: flow() }];
      const callers = flow().argumentsAt(param.fn, param.index);
      if (callers.length === 0) return [{ value, missing: false, owner: flow() }];
      return callers.map(({ value: given, call, flow: caller }) => ({ value: given, missing: given.length === 0, owner: caller, via: call }));
    }

    /** The library label, with the wrapper call that gives the options when they come from one. */
    function givenBy(library: JwtLibrary, given: GivenOptions): string {
      if (!given.via) return library.label;
      const where = given.owner === flow() ? `line ${given.via.loc.start.line}` : `${relative(context.cwd, given.owner.filename)}:${given.via.loc.start.line}`;
      return `${library.label}, options given by the call at \`${where}\``;
    }

    function algorithmHint(jwtCall?: JwtCall, options?: Value): string {
      if (allowed.length > 0) return allowed.map((name) => `'${name}'`).join(', ');
      let keyText: string | undefined;
      if (jwtCall?.library.id === 'jsonwebtoken' || jwtCall?.library.id === 'jose') {
        const key = jwtCall.node.arguments[1];
        keyText = key ? sourceCode.getText(key) : undefined;
      } else if (jwtCall?.library.id === 'passport-jwt' && options) {
        keyText = settingValue(options, 'secretOrKey', jwtCall.node)
          .map((atom) => (atom.file === undefined ? sourceCode.getText(atom.node) : atom.names.join(' ')))
          .join(' ');
      } else if (jwtCall?.library.id === 'nestjs') {
        keyText = nestDefaults.secretKey ? 'secret' : undefined;
      } else if (jwtCall?.library.id === 'fastify') {
        keyText = fastifyDefaults.secretKey ? 'secret' : undefined;
      }
      return `'${suggestedAlgorithm(keyText)}'`;
    }

    function report(node: TSESTree.Node, messageId: MessageIds, data: Record<string, string>, suggest?: TSESLint.ReportSuggestionArray<MessageIds>): void {
      // Once per place and problem: a shared options object is reported once; a call may get several problems of another file's options.
      const key = `${messageId}:${node.range[0]}`;
      if (reported.has(key)) return;
      reported.add(key);
      context.report({ node, messageId, data, ...(suggest ? { suggest } : {}) });
    }

    /**
     * `ignoreExpiration: true`, `none` and algorithms outside the allowlist in an options value.
     * A setting written in this file is reported where it is written (once, however many calls
     * share the object); one from another file at `call`, with the place it is written.
     */
    function checkSettings(options: Value, library: JwtLibrary, label: string, kind: 'verify' | 'sign', call: TSESTree.Node, jwtCall?: JwtCall, owner: Flow = flow()): void {
      if (options.length === 0) return;
      const data = (atom: Atom) => {
        const where = elsewhere(atom, owner);
        return { call: label, library: where ? `${library.label}, options in \`${where}\`` : library.label, algorithms: algorithmHint(jwtCall, options) };
      };
      const here = (atom: Atom) => atom.file === undefined && owner === flow();
      const at = (atom: Atom) => (here(atom) ? atom.node : call);
      if (kind === 'verify') {
        const expiryCheck = jwtCall?.fn.expiryCheck ?? IGNORE_EXPIRATION;
        const switchOff = expiryCheck.path.reduce<Value>((value, key) => settingValue(value, key, call), options);
        for (const atom of switchOff) {
          if (atom.kind !== 'const' || atom.value !== expiryCheck.off) continue;
          const entry = here(atom) ? atom.node.parent : undefined;
          const setting = { setting: `${expiryCheck.path.at(-1)!}: ${String(expiryCheck.off)}` };
          const suggest = entry?.type === AST_NODE_TYPES.Property ? [{ messageId: 'removeIgnoreExpiration' as const, data: setting, fix: (fixer: TSESLint.RuleFixer) => fixer.removeRange(removalRange(entry)) }] : [];
          report(entry?.type === AST_NODE_TYPES.Property ? entry : at(atom), 'ignoreExpiration', { ...data(atom), ...setting }, suggest);
        }
        for (const list of settingValue(options, jwtCall?.fn.algorithmsKey ?? 'algorithms', call)) {
          for (const atom of elements([list], call)) {
            const source = tokenChosen(atom);
            if (source) report(call, 'algorithmFromToken', { ...data(atom), source });
            if (atom.kind !== 'const' || typeof atom.value !== 'string') continue;
            if (isNoneAlgorithm(atom.value)) {
              const others = list.kind === 'array' && list.node.type === AST_NODE_TYPES.ArrayExpression && list.node.elements.length > 1 && here(atom);
              report(at(atom), 'noneAlgorithm', data(atom), others ? [{ messageId: 'removeNone', fix: (fixer) => fixer.removeRange(removalRange(atom.node)) }] : []);
            } else if (allowed.length > 0 && !allowed.includes(atom.value)) {
              report(at(atom), 'algorithmNotAllowed', { ...data(atom), algorithm: atom.value });
            }
          }
        }
        return;
      }
      for (const atom of settingValue(options, 'algorithm', call)) {
        if (atom.kind !== 'const' || typeof atom.value !== 'string') continue;
        if (isNoneAlgorithm(atom.value)) report(at(atom), 'noneAlgorithm', data(atom), []);
        else if (allowed.length > 0 && !allowed.includes(atom.value)) report(at(atom), 'algorithmNotAllowed', { ...data(atom), algorithm: atom.value });
      }
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

    /** Where an algorithm comes from when the token (its decoded header) or the request chooses it; undefined otherwise. */
    function tokenChosen(atom: Atom): string | undefined {
      const where = atom.file === undefined ? `\`${shortSource(sourceCode, atom.node)}\`` : `in \`${relative(context.cwd, atom.file)}:${atom.node.loc.start.line}\``;
      if (atom.kind === 'claims' && !atom.verified) return `the token's own header gives (${where})`;
      if (atom.kind === 'request') return `the request gives (${where})`;
      return undefined;
    }

    /** A single algorithm argument (`jws.verify(token, alg, key)`, hono's `verify(token, key, alg)` or `{ alg }`). */
    function checkAlgorithmArgument(jwtCall: JwtCall, index: number): void {
      const argument = jwtCall.node.arguments[index];
      if (!argument) return;
      // A wrapper's parameter (`checkSignature(token, header.alg)`) is what its callers give.
      const given = flow()
        .valueOf(argument)
        .flatMap((atom) => (atom.kind === 'param' ? flow().passedTo(atom) : [atom]));
      const algorithms = [...given.filter((atom) => atom.kind !== 'object'), ...settingValue(given, 'alg', jwtCall.node)];
      for (const atom of algorithms) {
        const source = tokenChosen(atom);
        const data = { call: jwtCall.label, library: jwtCall.library.label, algorithms: algorithmHint(jwtCall) };
        if (source) report(jwtCall.node, 'algorithmFromToken', { ...data, source });
        else if (atom.kind === 'const' && typeof atom.value === 'string' && isNoneAlgorithm(atom.value)) report(jwtCall.node, 'noneAlgorithm', data, []);
      }
    }

    /**
     * Who picks the algorithm when this call has no list, by the version of the library the project
     * installs, locks or declares, and the words for the message; unknown when no project names it.
     */
    function algorithmChoice(library: JwtLibrary): { choice: AlgorithmChoice | 'unknown'; versions: string } {
      // The package the file imports, when the library has several (`@fastify/jwt`, `fastify-jwt`).
      const imported = library.algorithmDefaults.filter((entry) => importedModules.has(entry.package));
      const defaults = imported.length > 0 ? imported : library.algorithmDefaults;
      const first = defaults[0];
      if (!first) return { choice: 'header', versions: '' };
      // Every version of it: no need to know which one.
      if (atLeast([0, 0, 0], first.since)) return { choice: first.choice, versions: '' };
      const later = (choice: AlgorithmChoice) => (choice === 'key' ? "bind the algorithm to the key's type and refuse \`none\`" : 'refuse to start without it');
      for (const entry of defaults) {
        const version = dependencyVersion(resolve(context.cwd, context.filename), entry.package);
        if (!version) continue;
        const applies = defaults.filter((candidate) => candidate.package === entry.package && atLeast(version, candidate.since)).at(-1);
        if (applies) return { choice: applies.choice, versions: '' };
        return { choice: 'header', versions: `, as ${entry.package} ${version.join('.')} does (${entry.since} and later ${later(entry.choice)})` };
      }
      return { choice: 'unknown', versions: ` on ${first.package} below ${first.since} (${first.since} and later ${later(first.choice)}; this project's version is not known here)` };
    }

    function checkVerify(jwtCall: JwtCall): void {
      if (jwtCall.fn.algorithm !== undefined) checkAlgorithmArgument(jwtCall, jwtCall.fn.algorithm);
      const key = jwtCall.fn.noneWithoutKey === undefined ? null : jwtCall.node.arguments[jwtCall.fn.noneWithoutKey];
      if (key === undefined || (key && isFunction(key))) report(jwtCall.node, 'noneAlgorithm', { call: jwtCall.label, library: `${jwtCall.library.label}, which checks \`none\` when no key is given`, algorithms: algorithmHint(jwtCall) }, []);
      for (const given of optionsOf(jwtCall)) {
        const { value, missing, owner } = given;
        checkSettings(value, jwtCall.library, jwtCall.label, 'verify', jwtCall.node, jwtCall, owner);
        const { verifySwitch } = jwtCall.fn;
        if (verifySwitch !== undefined && settingValue(value, verifySwitch, jwtCall.node).some((atom) => atom.kind === 'const' && atom.value === false)) {
          report(jwtCall.node, 'decodeUsedForAuth', { call: jwtCall.label, library: givenBy(jwtCall.library, given), use: `authenticate the requests of the strategy (\`${verifySwitch}: false\`)`, verify: jwtCall.library.verifyAdvice });
        }
        // A function that takes its one algorithm as an argument has no list to leave out.
        if (jwtCall.fn.algorithm !== undefined) continue;
        if (!missing && setting(value, jwtCall.fn.algorithmsKey ?? 'algorithms', jwtCall.node).kind !== 'absent') continue;
        const defaults = jwtCall.library.id === 'nestjs' ? nestDefaults : jwtCall.library.id === 'fastify' ? fastifyDefaults : undefined;
        if (defaults && (!defaults.registered || defaults.verifyAlgorithms !== 'absent')) continue;
        const { choice, versions } = algorithmChoice(jwtCall.library);
        if (choice === 'key' || choice === 'required') continue;
        report(jwtCall.node, 'verifyWithoutAlgorithms', { call: jwtCall.label, library: givenBy(jwtCall.library, given), algorithms: algorithmHint(jwtCall, value), versions });
      }
    }

    function checkSign(jwtCall: JwtCall): void {
      for (const given of optionsOf(jwtCall)) checkSignOptions(jwtCall, given);
    }

    function checkSignOptions(jwtCall: JwtCall, given: GivenOptions): void {
      const { value, missing, owner } = given;
      checkSettings(value, jwtCall.library, jwtCall.label, 'sign', jwtCall.node, jwtCall, owner);
      if (!requireExpiry) return;
      const { expiryOption } = jwtCall.fn;
      if (!missing && expiryOption !== undefined && setting(value, expiryOption, jwtCall.node).kind !== 'absent') return;
      const defaults = jwtCall.library.id === 'nestjs' ? nestDefaults : jwtCall.library.id === 'fastify' ? fastifyDefaults : undefined;
      if (defaults && (!defaults.registered || defaults.signExpiry !== 'absent')) return;
      const fix = expiryOption === undefined ? 'Put `exp` in the payload (`exp: Math.floor(Date.now() / 1000) + 15 * 60`).' : `Pass \`${expiryOption}\` (for example \`${expiryOption}: '15m'\`) or put \`exp\` in the payload.`;
      for (const { payload, call } of payloadsOf(jwtCall)) {
        if (!payload || carriesExpiry(flow().valueOf(payload), call)) continue;
        const library = call === jwtCall.node ? givenBy(jwtCall.library, given) : `${givenBy(jwtCall.library, given)}, a signer made by \`${jwtCall.label}\` at line ${jwtCall.node.loc.start.line}`;
        report(call, 'signWithoutExpiry', { call: labelOf(call), library, fix });
      }
    }

    /** The payloads a sign call signs: its argument, or what the calls of the signer a factory made pass (`const sign = createSigner(options)`). */
    function payloadsOf(jwtCall: JwtCall): { payload: TSESTree.Node | undefined; call: TSESTree.CallExpression | TSESTree.NewExpression }[] {
      if (jwtCall.fn.payload !== undefined) return [{ payload: jwtCall.node.arguments[jwtCall.fn.payload], call: jwtCall.node }];
      if (!jwtCall.fn.middleware) return [];
      return usesOf(sourceCode, jwtCall.node).flatMap(({ kind, at, node, path }) =>
        kind === 'other' && path.length === 0 && at.type === AST_NODE_TYPES.CallExpression && at.callee === node ? [{ payload: at.arguments[0], call: at }] : [],
      );
    }

    /**
     * Whether a payload may carry its expiry: not an object (it cannot be seen into), `exp` in it
     * (wherever the engine finds it set: the literal, a spread, a later store, a helper's result),
     * or an expiry claim of the project's own (`expiresAt`) that this file compares when it reads tokens.
     */
    function carriesExpiry(payload: Value, node: TSESTree.Node): boolean {
      if (!payload.some((atom) => atom.kind === 'object') || setting(payload, 'exp', node).kind !== 'absent') return true;
      return EXPIRY_CLAIMS.some((claim) => setting(payload, claim, node).kind !== 'absent' && comparedClaims().has(claim));
    }

    let compared: Set<string> | undefined;
    /** Names of properties this file compares (`claims.expiresAt < Date.now()`). */
    function comparedClaims(): Set<string> {
      if (compared) return compared;
      compared = new Set();
      const pending: TSESTree.Node[] = [sourceCode.ast];
      while (pending.length > 0) {
        const node = pending.pop()!;
        if (node.type === AST_NODE_TYPES.BinaryExpression && ['<', '<=', '>', '>='].includes(node.operator)) {
          for (const side of [node.left, node.right]) {
            const read = unwrap(side);
            const name = read.type === AST_NODE_TYPES.MemberExpression ? memberName(read) : undefined;
            if (name !== undefined) compared.add(name);
          }
        }
        pushChildren(pending, node, sourceCode.visitorKeys);
      }
      return compared;
    }

    /** jose: `new SignJWT(payload)...sign(key)` without `.setExpirationTime()` or `exp`, whatever holds the builder on the way. */
    function checkSignJwt(builder: TSESTree.NewExpression): void {
      if (!requireExpiry) return;
      const methods = new Set(usesOf(sourceCode, builder).flatMap((use) => use.path.filter((key) => key.endsWith('()'))));
      if (!methods.has('sign()') || methods.has(`${JOSE_SIGN_BUILDER.expiryMethod}()`)) return;
      if (!builder.arguments[0] || carriesExpiry(flow().valueOf(builder.arguments[0]), builder)) return;
      // At the chain the builder starts (`new SignJWT(...).setProtectedHeader(...).sign(key)`).
      let chain: TSESTree.Node = builder;
      while (chain.parent?.type === AST_NODE_TYPES.MemberExpression && chain.parent.object === chain && chain.parent.parent?.type === AST_NODE_TYPES.CallExpression) chain = chain.parent.parent;
      const fix = "Call `.setExpirationTime('15m')` before `.sign()`, or put `exp` in the payload.";
      report(chain, 'signWithoutExpiry', { call: `new ${shortSource(sourceCode, builder.callee)}(...).sign`, library: 'jose', fix });
    }

    // ---- Decode used to authenticate ---------------------------------------------------------------

    function functionName(fn: FunctionNode, owner: Flow): string | undefined {
      if (fn.id) return fn.id.name;
      const parent = fn.parent;
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
      if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
        return staticName(parent.key, parent.computed);
      }
      if (parent?.type === AST_NODE_TYPES.AssignmentExpression) return referenceName(parent.left);
      if (parent?.type === AST_NODE_TYPES.CallExpression) {
        const first = parent.arguments[0];
        if (first && first !== fn) return constantText(owner.valueOf(first));
      }
      return undefined;
    }

    /** A function whose verdict about a token decides access: a middleware, a guard, an auth hook or helper. */
    function isAuthFunction(fn: FunctionNode, owner: Flow): boolean {
      if (fn.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === 'next')) return true;
      const parent = fn.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && calleeParts(parent).name === 'addHook') {
        const hook = parent.arguments[0] ? constantText(owner.valueOf(parent.arguments[0])) : undefined;
        if (hook !== undefined && FASTIFY_AUTH_HOOKS.has(hook)) return true;
      }
      const name = functionName(fn, owner);
      if (name === undefined) return false;
      const words = splitWords(name);
      if (words.some((word) => AUTH_FUNCTION_WORDS.has(word))) return true;
      if (words.includes('auth') && !words.some((word) => AUTH_CLIENT_WORDS.has(word))) return true;
      return words.some((word) => USER_RESOLVER_VERBS.has(word)) && words.some((word) => USER_RESOLVER_SUBJECTS.has(word));
    }

    /** Whether the node sits in an auth function, looking through inline callbacks (`jwt.verify(t, k, (err, d) => ...)`). */
    function inAuthContext(node: TSESTree.Node, owner: Flow): boolean {
      let fn = enclosingFn(node);
      for (let level = 0; fn && level < 3; level++) {
        if (isAuthFunction(fn, owner)) return true;
        const parent = fn.parent;
        const isInlineCallback =
          parent?.type === AST_NODE_TYPES.CallExpression &&
          parent.callee !== fn &&
          (!parent.arguments[0] || constantText(owner.valueOf(parent.arguments[0])) === undefined) &&
          !isRegistration(parent);
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
    function decidesAccess(branch: TSESTree.Node | null | undefined, owner: Flow): boolean {
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
        for (const key of owner.sourceCode.visitorKeys[node.type] ?? []) {
          const value = (node as unknown as Record<string, unknown>)[key];
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

    const normalized = (field: string | undefined) => (field ?? '').replace(/[_-]/gu, '').toLowerCase();
    const isAuthzClaim = (field: string | undefined) => field !== undefined && splitWords(field).some((word) => AUTHZ_CLAIM_WORDS.has(word));
    const isTimeClaim = (field: string | undefined) => TIME_CLAIMS.has(normalized(field));
    const isIdentityClaim = (field: string | undefined) => IDENTITY_CLAIMS.has(normalized(field));

    /** The claim a use reads (`sub` for `claims.sub.toString()`), if any. */
    function claimOf(path: readonly string[]): string | undefined {
      return path.findLast((key) => key !== '[]' && !key.endsWith('()') && !/^\d+$/u.test(key));
    }

    /** Whether the function verifies a token itself (`jwt.verify(...)` next to a decode of its key id). */
    function verifies(fn: FunctionNode | undefined, owner: Flow): boolean {
      if (!fn) return false;
      return owner.calls().some((call) => call.range[0] >= fn.range[0] && call.range[1] <= fn.range[1] && /verify/iu.test(calleeParts(call).name ?? ''));
    }

    /**
     * What a use of decoded claims does, when it authenticates or authorizes: a test that decides
     * access, a lookup by an identity claim, `req.user = claims`, a role check, what an auth
     * function returns. `through` goes on from a comparison or a conversion (`String(claims.sub)`).
     */
    function judge(use: Use, owner: Flow, decodeFunction: FunctionNode | undefined): string | 'through' | undefined {
      // A method other than a conversion or a test (`claims.sub.startsWith(...)` is one): the value is something else now.
      if (use.path.some((key) => key.endsWith('()') && !TRANSFORM_METHODS.has(key.slice(0, -2)) && !PREDICATE_METHODS.has(key.slice(0, -2)))) return undefined;
      const field = claimOf(use.path);
      if (isTimeClaim(field)) return undefined;
      const at = use.at;
      // A caller that verifies the token itself decoded it only to prepare (its key id).
      const useFunction = isFunction(at) ? at : enclosingFn(at);
      if (useFunction !== decodeFunction && verifies(useFunction, owner)) return undefined;
      const where = owner === flow() ? '' : ` in \`${relative(context.cwd, owner.filename)}:${at.loc.start.line}\``;
      const last = use.path.at(-1);
      const compared = (last !== undefined && last.endsWith('()') && PREDICATE_METHODS.has(last.slice(0, -2))) || use.node.type === AST_NODE_TYPES.BinaryExpression || use.node.type === AST_NODE_TYPES.UnaryExpression;
      switch (use.kind) {
        case 'test': {
          const test = conditionOf(use.node);
          // `const isAdmin = claims.role === 'admin'`: the comparison's result goes on.
          if (!test) return 'through';
          const branches =
            test.type === AST_NODE_TYPES.IfStatement || test.type === AST_NODE_TYPES.ConditionalExpression
              ? [test.consequent, test.alternate]
              : test.type === AST_NODE_TYPES.SwitchStatement
                ? test.cases
                : test.type === AST_NODE_TYPES.WhileStatement || test.type === AST_NODE_TYPES.DoWhileStatement || test.type === AST_NODE_TYPES.ForStatement
                  ? [test.body]
                  : [];
          if (isAuthzClaim(field)) return `check a role or permission${where}`;
          if (inAuthContext(test, owner)) return `decide whether the request is let through${where}`;
          if (branches.some((branch) => decidesAccess(branch, owner))) return `decide whether access is granted${where}`;
          return undefined;
        }
        case 'returned': {
          const returning = at.type === AST_NODE_TYPES.ArrowFunctionExpression ? at : enclosingFn(at);
          if (!returning) return undefined;
          if (isAuthFunction(returning, owner)) {
            const name = functionName(returning, owner);
            return name ? `decide what \`${name}\` returns${where}` : `decide what an auth function returns${where}`;
          }
          return compared && isAuthzClaim(field) ? `check a role or permission${where}` : undefined;
        }
        case 'stored': {
          const target = at.type === AST_NODE_TYPES.AssignmentExpression ? at.left : at;
          let root: TSESTree.Node = target;
          while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
          return root.type === AST_NODE_TYPES.Identifier && REQUEST_CARRIERS.has(root.name) ? `set \`${shortSource(owner.sourceCode, target)}\`${where}` : undefined;
        }
        case 'argument':
          return at.type === AST_NODE_TYPES.CallExpression || at.type === AST_NODE_TYPES.NewExpression ? callUse(at, use, field, owner, where) : undefined;
        default:
          return undefined;
      }
    }

    /** The `if`, `?:`, loop or `switch` a test decides, through `!`, `&&`, `||` and comparisons; none when its result goes elsewhere. */
    function conditionOf(node: TSESTree.Node): TSESTree.IfStatement | TSESTree.ConditionalExpression | TSESTree.SwitchStatement | TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement | undefined {
      let current = node;
      for (let steps = 0; steps < 20; steps++) {
        const parent = current.parent;
        if (!parent) return undefined;
        switch (parent.type) {
          case AST_NODE_TYPES.IfStatement:
          case AST_NODE_TYPES.ConditionalExpression:
          case AST_NODE_TYPES.WhileStatement:
          case AST_NODE_TYPES.DoWhileStatement:
          case AST_NODE_TYPES.ForStatement:
            return parent.test === current ? parent : undefined;
          case AST_NODE_TYPES.SwitchStatement:
            return parent.discriminant === current ? parent : undefined;
          case AST_NODE_TYPES.LogicalExpression:
          case AST_NODE_TYPES.UnaryExpression:
          case AST_NODE_TYPES.BinaryExpression:
          case AST_NODE_TYPES.ChainExpression:
          case AST_NODE_TYPES.TSNonNullExpression:
          case AST_NODE_TYPES.TSAsExpression:
            current = parent;
            break;
          default:
            return undefined;
        }
      }
      return undefined;
    }

    function callUse(call: TSESTree.CallExpression | TSESTree.NewExpression, use: Use, field: string | undefined, owner: Flow, where: string): string | 'through' | undefined {
      const { object, name } = calleeParts(call);
      if (name === undefined) return undefined;
      if (!object && TRANSFORM_FUNCTIONS.has(name)) return 'through';
      const receiver = object && referenceName(object);
      // Hono: c.set('user', payload).
      if (name === 'set' && (receiver === 'c' || receiver === 'context') && use.index === 1) {
        const key = call.arguments[0] ? constantText(owner.valueOf(call.arguments[0])) : undefined;
        return `set the request's \`${key ?? 'variable'}\`${where}`;
      }
      // passport: done(null, payload).
      if (name === 'done' && !object && use.index === 1) return `authenticate the request through \`done\`${where}`;
      // `findOne({ where: { id: claims.sub } })`: the claim sits under a `where` of the argument.
      if (isIdentityClaim(field) && (LOOKUP_CALL.test(name) || use.wraps?.includes('where') === true)) return `look up the user by \`${field}\`${where}`;
      const words = splitWords(name);
      if (words.some((word) => PERMISSION_CALL_WORDS.has(word)) && (words.length === 1 || ['has', 'can', 'check', 'is', 'require', 'assert'].includes(words[0]!))) {
        return `check a role or permission${where}`;
      }
      return undefined;
    }

    /**
     * Whether the same function verifies the same token (decode after verify, or to read `kid`
     * first): the token as written, or the request's `jwtVerify()` beside its `jwtDecode()`.
     */
    function verifiedNearby(decode: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      const scope = enclosingFn(decode) ?? sourceCode.ast;
      const token = decode.arguments[0];
      const tokenText = token ? sourceCode.getText(token) : undefined;
      const receiver = calleeParts(decode).object;
      const receiverText = receiver ? sourceCode.getText(receiver) : undefined;
      return flow()
        .calls()
        .some((call) => {
          if (call === decode || call.range[0] < scope.range[0] || call.range[1] > scope.range[1] || !/verify/iu.test(calleeParts(call).name ?? '')) return false;
          const first = call.arguments[0];
          if (tokenText !== undefined && first && sourceCode.getText(first) === tokenText) return true;
          // `request.jwtVerify()` next to `request.jwtDecode()`.
          const { object } = calleeParts(call);
          return tokenText === undefined && object !== undefined && receiverText === sourceCode.getText(object);
        });
    }

    function checkDecode(jwtCall: JwtCall): void {
      if (verifiedNearby(jwtCall.node)) return;
      const decodeFunction = enclosingFn(jwtCall.node);
      let use: string | undefined;
      const decide = (found: Use, owner: Flow): Decision => {
        const verdict = judge(found, owner, decodeFunction);
        if (verdict === 'through') return 'through';
        use = verdict;
        return verdict === undefined ? undefined : 'sink';
      };
      if (!flow().forward(jwtCall.node, decide) || use === undefined) return;
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
        if (name === 'register' || name === 'registerAsync') registrations.push(node);
        if (object ? JWT_CALL_NAMES.has(name) : true) candidates.push(node);
      },
      'Program:exit'() {
        for (const call of registrations) readRegistration(call);
        for (const candidate of candidates) {
          if (candidate.type === AST_NODE_TYPES.NewExpression && importsJwtLibrary) {
            const origin = resolver.resolve(candidate);
            if (origin?.module === 'jose' && origin.path === `${JOSE_SIGN_BUILDER.path}()`) checkSignJwt(candidate);
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
