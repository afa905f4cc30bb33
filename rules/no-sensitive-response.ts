import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import type ts from 'typescript';
import { AUTH_ROUTE_PATTERN, nextRoutePath } from '../src/catalog/request-sources.js';
import {
  CONTEXT_SEND_METHODS,
  COUNT_WORDS,
  DELIVERY_TOKEN_WORDS,
  ENTITY_SUFFIX_WORDS,
  FIELD_DESCRIPTOR_KEYS,
  FIELD_KIND_BY_MEANING,
  HIDING_DECORATORS,
  HONO_CONTEXT_NAMES,
  ISSUING_ROUTE_PATTERN,
  KOA_CONTEXT_NAMES,
  NEST_MODULE,
  NEST_ROUTE_DECORATORS,
  PLACEHOLDER_WORDS,
  PREDICATE_WORDS,
  PUBLIC_TOKEN_WORDS,
  RESPONSE_CHAIN_METHODS,
  RESPONSE_CLASS_STATIC_METHODS,
  RESPONSE_OBJECT_NAMES,
  RESPONSE_SECRET_WORDS,
  ROUTE_METHODS,
  SERIALIZER_INTERCEPTORS,
  SOCKET_EMIT_METHODS,
  SOCKET_NAMES,
  SOCKET_SELECTORS,
  type FieldKind,
} from '../src/catalog/responses.js';
import { ACCOUNT_KEYS, FIELD_MESSAGE_WORDS, REDACTOR_WORDS, splitWords } from '../src/catalog/sensitive-names.js';
import { originResolver } from '../src/ast/module-origin.js';
import { handlerOf } from '../src/ast/route-handlers.js';
import { calleeParts, isFunction, keyName, memberName, referenceName, shortSource, staticName, unwrap, type FunctionNode } from '../src/ast/nodes.js';
import { sensitiveMeaning, vocabularyFor } from '../src/ast/sensitive-name.js';
import { ResponseCandidates, ResponseObjects, sendMethodBody, toolkitBody } from '../src/ast/responses.js';
import { createRule } from '../src/create-rule.js';
import { atomsOf, flowOf, isUserModel, wholeUserRows, type Atom, type ObjectAtom, type RecordAtom, type Value } from '../src/flow/index.js';
import { nameList } from '../src/schema.js';

// Loaded only when type information is there: an ESM import of TypeScript makes Node scan all of it for exports.
const typescript = (): typeof ts => createRequire(import.meta.url)('typescript') as typeof ts;

type Options = [
  {
    sensitiveFields?: string[];
    allowedFields?: string[];
    authRoutes?: string[];
    userModels?: string[];
    checkTypes?: boolean;
  },
];
type MessageIds = 'sensitiveField' | 'wholeRecord' | 'sensitiveType' | 'environment' | 'removeField';

interface Sink {
  readonly label: string;
  readonly body: TSESTree.Node;
  readonly node: TSESTree.Node;
  /** NestJS's ClassSerializerInterceptor applies the entity's `@Exclude()` rules to returned values. */
  readonly serialized: boolean;
  readonly error?: boolean;
}

interface Route {
  /** The response is an error (`res.status(401).json(...)`): no route issues tokens in one. */
  readonly error?: boolean;
  readonly paths: string[];
  readonly methods: string[];
  readonly names: string[];
}

interface Field {
  readonly kind: FieldKind | 'configured';
  readonly what: string;
}

const MAX_DEPTH = 8;
/** Redactor words that do not make a password safe to send: a hash of it is still a secret. */
const NOT_REDACTING = new Set(['hash', 'hashed', 'digest', 'fingerprint', 'safe', 'omit', 'strip']);
const RESPONSE_REDACTOR_WORDS = new Set([...REDACTOR_WORDS].filter((word) => !NOT_REDACTING.has(word)));
const HARMLESS_FUNCTIONS: ReadonlySet<string> = new Set(['Boolean', 'Number', 'isNaN', 'parseInt', 'parseFloat']);
/** Verbs of handler names that create what they return (`createApiKey`, `rotateSecret`). */
const CREATING_VERBS: ReadonlySet<string> = new Set(['create', 'issue', 'generate', 'rotate', 'regenerate', 'roll', 'enroll', 'enrol', 'setup', 'new', 'add', 'mint']);
const MUTATING_METHODS: ReadonlySet<string> = new Set(['post', 'put', 'patch']);

export default createRule<Options, MessageIds>({
  name: 'no-sensitive-response',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow password hashes, secrets and tokens in response bodies, and whole user records sent without a projection',
      // Strict only: no corpus finding yet, so precision is unmeasured (see the doc's Measured precision).
      recommended: false,
      servedTraffic: true,
      standard: 'Responses never carry sensitive fields (password hashes, tokens)',
      precision: 'medium',
      securitySeverity: 6.5,
    },
    hasSuggestions: true,
    messages: {
      sensitiveField: 'The field `{{field}}` ({{what}}) reaches the client through {{response}}. {{advice}}',
      wholeRecord:
        '`{{value}}` is a whole `{{model}}` record from `{{query}}` with no field selection, sent to the client through {{response}} with every column, the password hash included. Select the public fields (`select`, a projection, `attributes`) or map the record to a DTO first.',
      environment:
        '`{{value}}` is the whole process environment, sent to the client through {{response}}: it holds the database password, API keys and signing secrets. Send only the values the client needs.',
      sensitiveType:
        '`{{value}}` has the type `{{type}}`, whose field `{{field}}` holds {{what}}, and reaches the client through {{response}}. Send a type without it (a DTO, `Omit<...>`, a `select`).',
      removeField: 'Remove `{{field}}` from the response.',
    },
    defaultOptions: [{ sensitiveFields: [], allowedFields: [], authRoutes: [], userModels: [], checkTypes: true }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          sensitiveFields: nameList('Extra field names that must never be sent, on any route (`pinHash`, `ssn`).'),
          allowedFields: nameList('Exact field names that are never sensitive in this codebase (`tokenizer`, `publicKey`).'),
          authRoutes: nameList(
            'Extra route paths or handler names (matched as a substring, case-insensitive) that issue tokens, such as `/oauth2/exchange`; tokens may appear in their responses.',
          ),
          userModels: nameList('Extra model or table names whose whole records carry credentials (`Person`, `operators`).'),
          checkTypes: {
            type: 'boolean',
            description: 'With type information (typed linting), report values whose type has a sensitive field (`res.json(user)` where `User` has `passwordHash`).',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const vocabulary = vocabularyFor(options, () => ({ pii: false, extraWords: new Set(RESPONSE_SECRET_WORDS), allowed: new Set(options.allowedFields ?? []) }));
    const configured = new Set(options.sensitiveFields ?? []);
    const allowedFields = new Set(options.allowedFields ?? []);
    const authRoutes = (options.authRoutes ?? []).map((route) => route.toLowerCase());
    const userModels = new Set((options.userModels ?? []).map((model) => model.toLowerCase()));
    const modules = originResolver(sourceCode);
    const responses = new ResponseObjects(sourceCode, modules, RESPONSE_OBJECT_NAMES);
    const services = sourceCode.parserServices;
    const checker = options.checkTypes !== false && services?.program ? services.program.getTypeChecker() : undefined;
    const nextPath = nextRoutePath(context.filename);
    const flow = flowOf(context);

    const collected = new ResponseCandidates();
    const { candidates, arrowBodies } = collected;
    const reported = new Set<TSESTree.Node>();
    /** A model defined in this file hides its secrets (`select: false`, `@Exclude()`, a `toJSON` that deletes them). */
    let modelHidesSecrets = false;

    // ---------------------------------------------------------------------------------------
    // Field names
    // ---------------------------------------------------------------------------------------

    function classify(name: string): Field | undefined {
      if (allowedFields.has(name)) return undefined;
      if (configured.has(name)) return { kind: 'configured', what: 'a value listed in `sensitiveFields`' };
      const words = splitWords(name);
      if (words.some((word) => PUBLIC_TOKEN_WORDS.has(word))) return undefined;
      const meaning = sensitiveMeaning(name, vocabulary);
      const kind = meaning !== undefined ? FIELD_KIND_BY_MEANING.get(meaning) : undefined;
      if (!kind || meaning === undefined) return undefined;
      if (kind === 'token' && words.some((word) => DELIVERY_TOKEN_WORDS.has(word))) return { kind: 'delivery', what: 'a token meant for the mailbox or phone of the user' };
      return { kind, what: kind === 'password' && /hash|digest/u.test(name.toLowerCase()) ? 'a password hash' : meaning };
    }

    function allowed(field: Field, route: Route): boolean {
      if (route.error) return false;
      if (field.kind === 'token') return isAuthRoute(route) || isIssuingRoute(route);
      if (field.kind === 'secret') return isIssuingRoute(route);
      return false;
    }

    function advice(field: Field): string {
      switch (field.kind) {
        case 'password':
          return 'Passwords and their hashes and salts never leave the server: drop the field.';
        case 'delivery':
          return 'Reset, verification and one-time codes go to the mailbox or phone of the user; returning them lets anyone take over the account. Drop the field.';
        case 'token':
          return 'Tokens belong only in the response of the route that issues them (login, refresh, OAuth callback): drop the field, or list the route in `authRoutes`.';
        case 'secret':
          return 'Keys and secrets are shown once, by the POST route that creates them, and never again: drop the field or send a masked preview.';
        default:
          return 'Drop the field.';
      }
    }

    /** `usersRepository` names the `users` entity. */
    function entityLabel(name: string): string {
      const words = splitWords(name);
      if (words.length < 2 || !ENTITY_SUFFIX_WORDS.has(words.at(-1)!)) return name;
      while (words.length > 1 && ENTITY_SUFFIX_WORDS.has(words.at(-1)!)) words.pop();
      return words.map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('');
    }

    function isUserEntity(name: string): boolean {
      return isUserModel(name, userModels);
    }

    // ---------------------------------------------------------------------------------------
    // Routes
    // ---------------------------------------------------------------------------------------

    function routeText(text: string): string {
      return `/${splitWords(text).join('-')}/`;
    }

    function matchesAny(route: Route, pattern: RegExp): boolean {
      return [...route.paths, ...route.names].some((text) => pattern.test(routeText(text)));
    }

    function isAuthRoute(route: Route): boolean {
      if (matchesAny(route, AUTH_ROUTE_PATTERN)) return true;
      return authRoutes.length > 0 && [...route.paths, ...route.names].some((text) => authRoutes.some((wanted) => text.toLowerCase().includes(wanted)));
    }

    /** A route that creates what it returns: a POST/PUT/PATCH (or a `createX` handler) on an auth, key, token or MFA path. */
    function isIssuingRoute(route: Route): boolean {
      const mutating =
        route.methods.some((method) => MUTATING_METHODS.has(method.toLowerCase())) ||
        route.names.some((name) => splitWords(name).some((word) => CREATING_VERBS.has(word)));
      return mutating && (matchesAny(route, ISSUING_ROUTE_PATTERN) || isAuthRoute(route));
    }

    /** The routes and handler names around a node: `router.post('/login', ...)`, `@Post('login')`, `async function login()`. */
    function routeOf(node: TSESTree.Node): Route {
      const route: Route = { paths: [], methods: [], names: [] };
      if (nextPath !== undefined) route.paths.push(nextPath);
      for (let current = node.parent; current; current = current.parent) {
        if (!isFunction(current)) continue;
        // A GraphQL resolver: its field (`auth_login`), and a mutation changes state as a POST does.
        const resolver = handlerOf(sourceCode, current, context.filename);
        if (resolver?.framework === 'graphql') {
          if (resolver.path !== undefined) route.names.push(resolver.path);
          if (resolver.method === 'MUTATION') route.methods.push('post');
        }
        const parent = current.parent;
        if (current.type === AST_NODE_TYPES.FunctionDeclaration && current.id) route.names.push(current.id.name);
        if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) route.names.push(parent.id.name);
        if (parent?.type === AST_NODE_TYPES.Property) {
          const key = keyName(parent);
          if (key !== undefined && key !== 'handler') route.names.push(key);
          if (key === 'handler') fastifyRouteOptions(parent.parent, route);
        }
        if (parent?.type === AST_NODE_TYPES.MethodDefinition) {
          const key = keyName(parent);
          if (key !== undefined) route.names.push(key);
          nestRouteOf(parent, route);
        }
        if (parent?.type === AST_NODE_TYPES.CallExpression) {
          const { object, name } = calleeParts(parent);
          if (object && name !== undefined && ROUTE_METHODS.has(name)) {
            route.methods.push(name);
            const path = staticName(parent.arguments[0]);
            if (path !== undefined) route.paths.push(path);
            // `router.route('/login').post(handler)`
            const inner = unwrap(object);
            if (inner.type === AST_NODE_TYPES.CallExpression && calleeParts(inner).name === 'route') {
              const chained = staticName(inner.arguments[0]);
              if (chained !== undefined) route.paths.push(chained);
            }
          }
        }
      }
      return route;
    }

    function fastifyRouteOptions(options: TSESTree.Node, route: Route): void {
      if (options.type !== AST_NODE_TYPES.ObjectExpression) return;
      for (const property of options.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = keyName(property);
        const value = staticName(property.value);
        if (value === undefined) continue;
        if (key === 'url' || key === 'path') route.paths.push(value);
        if (key === 'method') route.methods.push(value);
      }
    }

    function decoratorCall(decorator: TSESTree.Decorator): { name: string; argument: TSESTree.Node | undefined } | undefined {
      const expression = decorator.expression;
      const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
      if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
      return { name: callee.name, argument: expression.type === AST_NODE_TYPES.CallExpression ? expression.arguments[0] : undefined };
    }

    function nestRouteOf(method: TSESTree.MethodDefinition, route: Route): void {
      const classNode = method.parent.parent;
      const prefixes: string[] = [];
      if (classNode.type === AST_NODE_TYPES.ClassDeclaration || classNode.type === AST_NODE_TYPES.ClassExpression) {
        for (const decorator of classNode.decorators) {
          const call = decoratorCall(decorator);
          if (call?.name === 'Controller') prefixes.push(controllerPath(call.argument) ?? '');
        }
      }
      for (const decorator of method.decorators) {
        const call = decoratorCall(decorator);
        if (!call || !NEST_ROUTE_DECORATORS.has(call.name)) continue;
        route.methods.push(call.name.toLowerCase());
        const path = call.argument ? staticName(call.argument) ?? '' : '';
        route.paths.push(...(prefixes.length > 0 ? prefixes.map((prefix) => `${prefix}/${path}`) : [path]));
      }
    }

    function controllerPath(argument: TSESTree.Node | undefined): string | undefined {
      const inner = argument && unwrap(argument);
      if (inner?.type === AST_NODE_TYPES.ObjectExpression) {
        const path = inner.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && keyName(property) === 'path');
        return path ? staticName(path.value) : undefined;
      }
      return inner ? staticName(inner) : undefined;
    }

    // ---------------------------------------------------------------------------------------
    // Whole records
    // ---------------------------------------------------------------------------------------

    /** The user model a whole record is of (its own, or one it eagerly loads), when the record is sent whole. */
    function wholeUserRecord(atom: RecordAtom): string | undefined {
      if (modelHidesSecrets || atom.omitted?.some((key) => classify(key) !== undefined)) return undefined;
      return wholeUserRows(atom, userModels);
    }

    // ---------------------------------------------------------------------------------------
    // Types
    // ---------------------------------------------------------------------------------------

    /** A sensitive field of the value's type: 'none' when the type is known and clean, undefined when unknown. */
    function typeField(node: TSESTree.Node, route: Route): { field: string; what: string; type: string } | 'clean' | undefined {
      if (!checker || !services?.esTreeNodeToTSNodeMap) return undefined;
      const tsNode = services.esTreeNodeToTSNodeMap.get(node as never);
      if (!tsNode) return undefined;
      const type = checker.getTypeAtLocation(tsNode);
      const { TypeFlags } = typescript();
      if (type.flags & (TypeFlags.Any | TypeFlags.Unknown)) return undefined;
      const found = searchType(type, route, '', 0, new Set());
      return found ? { ...found, type: shortType(checker.typeToString(type)) } : 'clean';
    }

    function searchType(type: ts.Type, route: Route, prefix: string, depth: number, seen: Set<ts.Type>): { field: string; what: string } | undefined {
      if (!checker || depth > 2 || seen.has(type)) return undefined;
      seen.add(type);
      if (type.isUnionOrIntersection()) {
        for (const member of type.types) {
          const found = searchType(member, route, prefix, depth, seen);
          if (found) return found;
        }
        return undefined;
      }
      if (checker.isArrayType(type) || checker.isTupleType(type)) {
        for (const element of checker.getTypeArguments(type as ts.TypeReference)) {
          const found = searchType(element, route, prefix, depth, seen);
          if (found) return found;
        }
        return undefined;
      }
      if (!(type.flags & typescript().TypeFlags.Object) || type.getCallSignatures().length > 0 || isLibraryType(type)) return undefined;
      const properties = checker.getPropertiesOfType(type);
      for (const property of properties) {
        const field = classify(property.getName());
        if (field && !allowed(field, route) && !isMethod(property)) return { field: `${prefix}${property.getName()}`, what: field.what };
      }
      for (const property of properties) {
        const declaration = property.valueDeclaration ?? property.declarations?.[0];
        if (!declaration || isMethod(property)) continue;
        const found = searchType(checker.getTypeOfSymbolAtLocation(property, declaration), route, `${prefix}${property.getName()}.`, depth + 1, seen);
        if (found) return found;
      }
      return undefined;
    }

    function isMethod(symbol: ts.Symbol): boolean {
      const { SymbolFlags } = typescript();
      return (symbol.flags & (SymbolFlags.Method | SymbolFlags.Function)) !== 0;
    }

    function isLibraryType(type: ts.Type): boolean {
      const declaration = type.getSymbol()?.declarations?.[0];
      const program = services?.program;
      return declaration !== undefined && program !== undefined && program !== null && program.isSourceFileDefaultLibrary(declaration.getSourceFile());
    }

    // ---------------------------------------------------------------------------------------
    // Bodies
    // ---------------------------------------------------------------------------------------

    function isRedactor(name: string | undefined): boolean {
      return name !== undefined && (HARMLESS_FUNCTIONS.has(name) || splitWords(name).some((word) => RESPONSE_REDACTOR_WORDS.has(word)));
    }

    /** `{ jwt: auth.isJwtEnabled() }`: a function named for a yes-or-no answer gives a flag. */
    function isPredicate(name: string | undefined): boolean {
      const first = name === undefined ? undefined : splitWords(name)[0];
      return first !== undefined && PREDICATE_WORDS.has(first);
    }

    /** `{ tokens: usage.totalTokens }`: the value's own name says it is a count. */
    function isCount(name: string | undefined): boolean {
      return name !== undefined && classify(name) === undefined && splitWords(name).some((word) => COUNT_WORDS.has(word));
    }

    /**
     * A password written as a literal in an account (`{ username: 'admin', password: 'letmein' }`):
     * not a mask, not a message about the field.
     */
    function literalAccountPassword(atom: Atom, owner: ObjectAtom | undefined): boolean {
      if (!owner || atom.kind !== 'const' || typeof atom.value !== 'string') return false;
      const value = atom.value.trim();
      if (value.length === 0 || /\s/u.test(value) || /^[*\u2022xX.]+$/u.test(value) || FIELD_MESSAGE_WORDS.has(value.toLowerCase())) return false;
      return [...owner.properties.keys()].some((key) => ACCOUNT_KEYS.has(key.toLowerCase()));
    }

    /** Whether sending the value would send the secret: not a constant, a flag, a count or a masked form. */
    function reveals(value: Value, owner?: ObjectAtom, kind?: Field['kind']): boolean {
      for (const atom of atomsOf(value)) {
        if (literalAccountPassword(atom, owner)) return true;
        // A token the client sent (`{ token: req.params.token }`) is not revealed by sending it back; a password is never echoed.
        if (atom.kind === 'request' && kind !== 'password') continue;
        if (atom.kind === 'const' || atom.kind === 'function' || atom.kind === 'text') continue;
        if (atom.kind === 'call' && (isRedactor(atom.name) || isPredicate(atom.name))) continue;
        // `password: { type: 'password', required: true }`: what the field is, not what it holds.
        if (atom.kind === 'object' && atom.properties.size > 0 && atom.rest.length === 0 && [...atom.properties.keys()].every((key) => FIELD_DESCRIPTOR_KEYS.has(key))) continue;
        // `clientSecret: PASSWORD_REPLACEMENT` from a shared package: a mask whose text the file cannot see.
        if (atom.kind === 'module' && splitWords(atom.path.split('.').at(-1) ?? '').some((word) => PLACEHOLDER_WORDS.has(word))) continue;
        if (atom.names.some(isCount)) continue;
        return true;
      }
      return false;
    }

    function removeProperty(property: TSESTree.Property): (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix {
      return (fixer) => {
        const after = sourceCode.getTokenAfter(property);
        if (after?.value === ',') return fixer.removeRange([property.range[0], sourceCode.getTokenAfter(after, { includeComments: true })?.range[0] ?? after.range[1]]);
        const before = sourceCode.getTokenBefore(property);
        if (before?.value === ',') return fixer.removeRange([before.range[0], property.range[1]]);
        // The only property: `{ apiKey }` becomes `{}`.
        return before && after ? fixer.removeRange([before.range[1], after.range[0]]) : fixer.remove(property);
      };
    }

    /** The property of an object literal of this file that writes a key (the last one, as JavaScript keeps it). */
    function literalProperty(atom: ObjectAtom, key: string): TSESTree.Property | undefined {
      if (atom.file !== undefined || atom.node.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      return atom.node.properties.findLast((entry): entry is TSESTree.Property => entry.type === AST_NODE_TYPES.Property && !entry.computed && staticName(entry.key) === key);
    }

    function reportField(node: TSESTree.Node, property: TSESTree.Property | undefined, key: string, field: Field, sink: Sink): void {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({
        node,
        messageId: 'sensitiveField',
        data: { response: sink.label, field: key, what: field.what, advice: advice(field) },
        suggest: property ? [{ messageId: 'removeField', data: { field: key }, fix: removeProperty(property) }] : [],
      });
    }

    /** `{ ...user, passwordHash: undefined }`: keys an object overwrites with nothing. */
    function overwritesSecrets(atom: ObjectAtom): boolean {
      return [...atom.properties].some(([key, value]) => classify(key)?.kind === 'password' && !reveals(value));
    }

    /** `{ hash: user.hash }`: a bare `hash` or `digest` read from a user record. */
    function userHashField(key: string, value: Value): Field | undefined {
      if (key !== 'hash' && key !== 'digest') return undefined;
      const fromUser = value.some((atom) => (atom.kind === 'record' && atom.model !== undefined && isUserEntity(atom.model)) || (atom.names.length > 1 && isUserEntity(atom.names.at(-2)!)));
      return fromUser ? { kind: 'password', what: 'a password hash' } : undefined;
    }

    /**
     * Every part of a response body that carries a secret: a sensitive key of an object, a whole user
     * record, the whole environment. `at` is the expression of this file the part is reported at.
     */
    function inspect(value: Value, at: TSESTree.Node, sink: Sink, route: Route, depth: number): void {
      if (depth > MAX_DEPTH) return;
      for (const atom of value) {
        switch (atom.kind) {
          case 'object': {
            for (const [key, property] of atom.properties) {
              const literal = literalProperty(atom, key);
              // A literal written in the response is reported at its property; one kept in a variable, at each response it reaches.
              const inBody = literal !== undefined && literal.range[0] >= sink.node.range[0] && literal.range[1] <= sink.node.range[1];
              const field = classify(key) ?? userHashField(key, property);
              if (field && !allowed(field, route) && reveals(property, field.kind === 'password' ? atom : undefined, field.kind)) {
                reportField(inBody ? literal : at, literal, key, field, sink);
                continue;
              }
              inspect(property, inBody ? literal.value : at, sink, route, depth + 1);
            }
            if (!overwritesSecrets(atom)) inspect(atom.rest, at, sink, route, depth + 1);
            break;
          }
          case 'array':
            inspect(atom.elements, at, sink, route, depth + 1);
            break;
          case 'text':
            inspectNamed(atom.parts, at, sink, route);
            inspect(atom.parts, at, sink, route, depth + 1);
            break;
          case 'record': {
            const model = sink.serialized ? undefined : wholeUserRecord(atom);
            if (model !== undefined && !reported.has(at)) {
              reported.add(at);
              const value = atom.names[0] ?? shortSource(sourceCode, at);
              context.report({ node: at, messageId: 'wholeRecord', data: { value, model: entityLabel(model), query: recordQuery(atom), response: sink.label } });
            }
            break;
          }
          case 'env':
            if (atom.path.length === 0 && !reported.has(at)) {
              reported.add(at);
              context.report({ node: at, messageId: 'environment', data: { value: shortSource(sourceCode, at), response: sink.label } });
            }
            break;
          case 'call':
          case 'param':
          case 'unknown':
          case 'module':
            inspectType(at, sink, route);
            break;
          default:
            break;
        }
      }
    }

    /** `'OTP was not correct, got: ' + expectedCode`: a value whose own name says it is a secret, written into the body's text. */
    function inspectNamed(parts: Value, at: TSESTree.Node, sink: Sink, route: Route): void {
      for (const atom of parts) {
        if (atom.kind === 'const' || atom.kind === 'text' || atom.kind === 'function') continue;
        const name = atom.names.at(-1);
        const field = name === undefined ? undefined : classify(name);
        if (name !== undefined && field && !allowed(field, route) && reveals([atom], undefined, field.kind)) reportField(at, undefined, name, field, sink);
      }
    }

    /** The query a record comes from, for a message: its code, and its file and line when it is in another file. */
    function recordQuery(atom: RecordAtom): string {
      if (atom.file === undefined) return shortSource(sourceCode, atom.node);
      return `${atom.names.at(-1) ?? 'a query'}\` in \`${relative(context.cwd, atom.file)}:${atom.node.loc.start.line}`;
    }

    /** With type information: a value whose type has a sensitive field. */
    function inspectType(at: TSESTree.Node, sink: Sink, route: Route): void {
      if (sink.serialized || reported.has(at)) return;
      const typed = typeField(at, route);
      if (!typed || typed === 'clean') return;
      reported.add(at);
      context.report({
        node: at,
        messageId: 'sensitiveType',
        data: { value: shortSource(sourceCode, at), type: typed.type, field: typed.field, what: typed.what, response: sink.label },
      });
    }

    // ---------------------------------------------------------------------------------------
    // Responses
    // ---------------------------------------------------------------------------------------

    function code(node: TSESTree.Node): string {
      // Lines joined without their indentation; split and trim keep this linear on any input.
      const text = sourceCode.getText(node).split('\n').map((line) => line.trim()).join('');
      return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\``;
    }





    function responseReceiver(node: TSESTree.Node): boolean {
      let current = unwrap(node);
      for (let steps = 0; steps < 8 && current.type === AST_NODE_TYPES.CallExpression; steps++) {
        const { object, name } = calleeParts(current);
        if (!object || name === undefined || !RESPONSE_CHAIN_METHODS.has(name)) return false;
        current = unwrap(object);
      }
      return responses.isResponseObject(current);
    }

    /** `res.status(401)` before the send: an error status written as a number. */
    function errorStatus(receiver: TSESTree.Node): boolean {
      let current = unwrap(receiver);
      for (let steps = 0; steps < 8 && current.type === AST_NODE_TYPES.CallExpression; steps++) {
        const { object, name } = calleeParts(current);
        const [status] = current.arguments;
        if ((name === 'status' || name === 'code') && status?.type === AST_NODE_TYPES.Literal && typeof status.value === 'number') return status.value >= 400;
        if (!object) return false;
        current = unwrap(object);
      }
      return false;
    }

    /** `socket.emit`, `io.to(room).emit`, `socket.broadcast.emit`: a chain of selectors from a socket.io name. */
    function socketReceiver(receiver: TSESTree.Node): boolean {
      let current = unwrap(receiver);
      for (let steps = 0; steps < 8; steps++) {
        if (current.type === AST_NODE_TYPES.Identifier) return SOCKET_NAMES.has(current.name);
        const member = current.type === AST_NODE_TYPES.CallExpression ? unwrap(current.callee) : current;
        const name = member.type === AST_NODE_TYPES.MemberExpression ? memberName(member) : undefined;
        if (member.type !== AST_NODE_TYPES.MemberExpression || name === undefined) return false;
        // `this.io.emit(...)`: a socket.io name kept on an object.
        if (!SOCKET_SELECTORS.has(name)) return member === current && SOCKET_NAMES.has(name);
        current = unwrap(member.object);
      }
      return false;
    }

    function callSink(call: TSESTree.CallExpression): Sink | undefined {
      const { object, name } = calleeParts(call);
      const [first] = call.arguments;
      if (name === undefined || !first || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
      const sink = (body: TSESTree.Node | undefined, error = false): Sink | undefined => (body ? { label: code(call.callee), body, node: call, serialized: false, error } : undefined);
      if (!object) {
        const fn = responses.sendFunction(call);
        return fn && sink(call.arguments[fn.body]);
      }
      const receiver = unwrap(object);
      if (CONTEXT_SEND_METHODS.has(name) && receiver.type === AST_NODE_TYPES.Identifier && HONO_CONTEXT_NAMES.has(receiver.name)) return sink(first);
      if (RESPONSE_CLASS_STATIC_METHODS.has(name) && responses.responseClass(receiver)) return sink(first);
      if (SOCKET_EMIT_METHODS.has(name) && socketReceiver(object)) return sink(call.arguments[1]);
      const toolkit = toolkitBody(call);
      if (toolkit) return sink(toolkit);
      if (!responseReceiver(object)) return undefined;
      // restify's `res.send(401, body)`: a status given first says whether the response is an error.
      const body = sendMethodBody(call, name);
      const leading = body === call.arguments[1] && first.type === AST_NODE_TYPES.Literal && typeof first.value === 'number' ? first.value : undefined;
      return sink(body, errorStatus(object) || (leading !== undefined && leading >= 400));
    }

    function newSink(node: TSESTree.NewExpression): Sink | undefined {
      const klass = responses.responseClass(node.callee);
      const [first] = node.arguments;
      return klass && first && first.type !== AST_NODE_TYPES.SpreadElement ? { label: `\`new ${klass}()\``, body: first, node, serialized: false } : undefined;
    }

    function assignmentSink(node: TSESTree.AssignmentExpression): Sink | undefined {
      if (node.operator !== '=' || node.left.type !== AST_NODE_TYPES.MemberExpression || memberName(node.left) !== 'body') return undefined;
      let target = unwrap(node.left.object);
      if (target.type === AST_NODE_TYPES.MemberExpression && memberName(target) === 'response') target = unwrap(target.object);
      if (target.type !== AST_NODE_TYPES.Identifier || !KOA_CONTEXT_NAMES.has(target.name)) return undefined;
      return { label: code(node.left), body: node.right, node, serialized: false };
    }

    function hasSerializerInterceptor(decorators: readonly TSESTree.Decorator[]): boolean {
      return decorators.some((decorator) => {
        const call = decorator.expression;
        return (
          call.type === AST_NODE_TYPES.CallExpression &&
          referenceName(call.callee) === 'UseInterceptors' &&
          call.arguments.some((argument) => SERIALIZER_INTERCEPTORS.has(referenceName(argument) ?? ''))
        );
      });
    }

    function nestRoute(fn: FunctionNode): { name: string; serialized: boolean } | undefined {
      const method = fn.parent;
      if (method?.type !== AST_NODE_TYPES.MethodDefinition) return undefined;
      const isRoute = method.decorators.some((decorator) => {
        const call = decoratorCall(decorator);
        const callee = decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.callee : decorator.expression;
        return call !== undefined && NEST_ROUTE_DECORATORS.has(call.name) && modules.resolve(callee)?.module === NEST_MODULE;
      });
      if (!isRoute) return undefined;
      const classNode = method.parent.parent;
      const classDecorators = classNode.type === AST_NODE_TYPES.ClassDeclaration || classNode.type === AST_NODE_TYPES.ClassExpression ? classNode.decorators : [];
      return { name: keyName(method) ?? 'handler', serialized: hasSerializerInterceptor(method.decorators) || hasSerializerInterceptor(classDecorators) };
    }

    function returnSink(body: TSESTree.Node, fn: FunctionNode): Sink | undefined {
      const resolver = handlerOf(sourceCode, fn, context.filename);
      if (resolver?.framework === 'graphql') return { label: `the GraphQL resolver \`${resolver.path ?? 'resolve'}\``, body, node: body, serialized: false };
      const nest = nestRoute(fn);
      if (nest) return { label: `the NestJS route \`${nest.name}()\``, body, node: body, serialized: nest.serialized };
      const framework = collected.returnedBodyFramework(fn);
      return framework ? { label: `the ${framework.label} route handler`, body, node: body, serialized: false } : undefined;
    }

    /** `socket.emit(event, id, rows, flag)`: every data argument after the first reaches the clients too (an acknowledgement callback does not). */
    function socketData(sink: Sink): Sink[] {
      if (sink.node.type !== AST_NODE_TYPES.CallExpression || !SOCKET_EMIT_METHODS.has(calleeParts(sink.node).name ?? '')) return [];
      return sink.node.arguments.slice(2).filter((argument) => !isFunction(unwrap(argument))).map((body) => ({ ...sink, body }));
    }

    function sinkOf(node: TSESTree.Node): Sink | undefined {
      switch (node.type) {
        case AST_NODE_TYPES.CallExpression:
          return callSink(node);
        case AST_NODE_TYPES.NewExpression:
          return newSink(node);
        case AST_NODE_TYPES.AssignmentExpression:
          return assignmentSink(node);
        case AST_NODE_TYPES.ReturnStatement: {
          let fn: TSESTree.Node | undefined = node.parent;
          while (fn && !isFunction(fn)) fn = fn.parent;
          return fn && isFunction(fn) && node.argument ? returnSink(node.argument, fn) : undefined;
        }
        default:
          return undefined;
      }
    }

    // ---------------------------------------------------------------------------------------
    // Models defined in this file that hide their secrets
    // ---------------------------------------------------------------------------------------

    function isSensitiveKey(node: TSESTree.Property | TSESTree.PropertyDefinition): boolean {
      const key = keyName(node);
      return key !== undefined && classify(key) !== undefined;
    }

    function hidesField(value: TSESTree.Node): boolean {
      const inner = unwrap(value);
      if (inner.type !== AST_NODE_TYPES.ObjectExpression) return false;
      return inner.properties.some((property) => {
        if (property.type !== AST_NODE_TYPES.Property) return false;
        const key = keyName(property);
        const flag = unwrap(property.value);
        if (flag.type !== AST_NODE_TYPES.Literal) return false;
        return (key === 'select' && flag.value === false) || ((key === 'hidden' || key === 'private') && flag.value === true);
      });
    }

    return {
      ...collected.listeners,
      ImportDeclaration(node) {
        collected.importDeclaration(node);
      },
      // Mongoose `passwordHash: { type: String, select: false }`, Sequelize `defaultScope` excludes.
      Property(node) {
        if (node.parent.type === AST_NODE_TYPES.ObjectPattern) return;
        if (isSensitiveKey(node) && hidesField(node.value)) modelHidesSecrets = true;
        if (keyName(node) === 'defaultScope' && sourceCode.getText(node.value).includes('exclude')) modelHidesSecrets = true;
      },
      // TypeORM `@Column({ select: false })`, class-transformer `@Exclude()`.
      PropertyDefinition(node) {
        if (!isSensitiveKey(node)) return;
        for (const decorator of node.decorators) {
          const expression = decorator.expression;
          const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
          const name = referenceName(callee);
          if (name !== undefined && HIDING_DECORATORS.has(name)) modelHidesSecrets = true;
          if (name === 'Column' && expression.type === AST_NODE_TYPES.CallExpression && expression.arguments.some(hidesField)) modelHidesSecrets = true;
        }
      },
      // A `toJSON`/`transform` that deletes the secrets.
      'UnaryExpression[operator="delete"]'(node: TSESTree.UnaryExpression) {
        const target = unwrap(node.argument);
        if (target.type !== AST_NODE_TYPES.MemberExpression) return;
        const name = memberName(target);
        if (name === undefined || classify(name) === undefined) return;
        for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
          if (!isFunction(current)) continue;
          const owner = current.parent;
          const key = owner && (owner.type === AST_NODE_TYPES.Property || owner.type === AST_NODE_TYPES.MethodDefinition) ? keyName(owner) : undefined;
          if (key === 'toJSON' || key === 'transform' || key === 'toObject') modelHidesSecrets = true;
          return;
        }
      },
      CallExpression(node) {
        collected.callExpression(node);
      },
      'Program:exit'() {
        const sinks: Sink[] = [];
        for (const candidate of candidates) {
          const sink = sinkOf(candidate);
          if (sink) sinks.push(sink, ...socketData(sink));
        }
        for (const arrow of arrowBodies) {
          const sink = returnSink(arrow.body, arrow);
          if (sink) sinks.push(sink);
        }
        for (const sink of sinks) inspect(flow.valueOf(sink.body), unwrap(sink.body), sink, { ...routeOf(sink.node), error: sink.error }, 0);
      },
    };
  },
});


function shortType(text: string): string {
  return text.length > 48 ? `${text.slice(0, 45)}...` : text;
}

