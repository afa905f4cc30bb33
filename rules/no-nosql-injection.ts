import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  CODE_OPERATORS,
  FILTER_STAGES,
  INERT_STAGES,
  LOGICAL_OPERATORS,
  MONGOOSE_QUERY_MODIFIERS,
  NESTED_CONDITION_OPERATORS,
  NON_VALIDATING_PARSERS,
  NOSQL_LIBRARIES,
  PASSTHROUGH_FUNCTIONS,
  PIPELINE_STAGES,
  QUERY_METHODS,
  SANITIZER_MIDDLEWARE_MODULES,
  SANITIZER_MODULES,
  SANITIZER_NAMES,
  SQL_ORM_MODULES,
  VALIDATION_METHODS,
  isModelModulePath,
  isModelName,
  nosqlLibraryForModule,
  type NosqlLibrary,
  type QueryMethod,
} from '../src/catalog/nosql.js';
import { CONTEXT_OBJECTS, REQUEST_OBJECTS } from '../src/catalog/request-sources.js';
import { StringClassifier } from '../src/ast/dynamic-string.js';
import { OriginResolver } from '../src/ast/module-origin.js';
import {
  alwaysExits,
  calleeParts,
  enclosingFunction,
  isFunction,
  keyName,
  memberName,
  referenceName,
  requiredModule,
  returnedValues,
  shortSource,
  staticName,
  unwrap,
  type FunctionNode,
} from '../src/ast/nodes.js';
import { isRequestInput, requestDecorator } from '../src/ast/request-input.js';
import { findVariable, parameterOf, writesOf, type Variable, type Write } from '../src/ast/variables.js';
import { createRule } from '../src/create-rule.js';
import { nameList } from '../src/schema.js';

type Options = [
  {
    models?: string[];
    sanitizers?: string[];
    sanitizedRequests?: boolean;
    nestedQueryStrings?: boolean;
    guessModels?: boolean;
  },
];
type MessageIds = 'requestInQuery' | 'requestAsQuery' | 'requestKeyInQuery' | 'dynamicWhere' | 'castToString';

/** A query call on a MongoDB collection or a Mongoose model, and how to describe it. */
interface Sink {
  readonly label: string;
  readonly library: string;
  /** A Mongoose model or query (resolved or guessed), as opposed to a driver collection. */
  readonly mongoose: boolean;
  /** Filters of this call are cleaned by Mongoose's `sanitizeFilter`. */
  readonly sanitizedFilter: boolean;
}

/** What a value holds: client data that can be an object, or a parameter of a same-file function. */
type Taint =
  | { readonly kind: 'raw'; readonly culprit: TSESTree.Node }
  | { readonly kind: 'param'; readonly fn: FunctionNode; readonly index: number; readonly path: readonly string[] };

type Role = 'value' | 'filter' | 'update' | 'pipeline';

/** A same-file function that passes a parameter into a query. */
interface Helper {
  readonly fn: FunctionNode;
  readonly index: number;
  readonly path: readonly string[];
  readonly role: Role;
  readonly sink: Sink;
}

const MAX_DEPTH = 16;
const MAX_HELPER_ROUNDS = 8;

/** Primitive TypeScript types: the annotation says nothing about what arrives at run time. */
const UNCHECKED_TYPES: ReadonlySet<string> = new Set(['Record', 'Partial', 'Object', 'Map', 'Array', 'ReadonlyArray', 'Readonly', 'Pick', 'Omit']);

const LIBRARY_LABELS: Readonly<Record<NosqlLibrary['id'], string>> = {
  mongodb: NOSQL_LIBRARIES.find((library) => library.id === 'mongodb')!.label,
  mongoose: NOSQL_LIBRARIES.find((library) => library.id === 'mongoose')!.label,
};

/**
 * The request properties a chain reads, with the root stripped: `req.body.x` gives
 * `['body', 'x']`, `ctx.request.query` gives `['query']`; undefined when the chain does not start
 * at a request or a Koa/Hono context.
 */
function requestPath(node: TSESTree.Node): { root: string; names: string[] } | undefined {
  const names: string[] = [];
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    names.unshift(memberName(current) ?? '[]');
    current = unwrap(current.object);
  }
  if (current.type !== AST_NODE_TYPES.Identifier || names.length === 0) return undefined;
  if (REQUEST_OBJECTS.has(current.name)) return { root: current.name, names };
  if (CONTEXT_OBJECTS.has(current.name)) {
    if (names[0] === 'request' || names[0] === 'req') return names.length > 1 ? { root: current.name, names: names.slice(1) } : undefined;
    // Koa delegates these to ctx.request.
    if (names[0] === 'query' || names[0] === 'params' || names[0] === 'headers' || names[0] === 'header') return { root: current.name, names };
  }
  return undefined;
}

export default createRule<Options, MessageIds>({
  name: 'no-nosql-injection',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow request objects in MongoDB and Mongoose queries without a cast, validation or sanitizer',
      recommended: true,
      standard: 'NoSQL queries never take raw request objects (operator injection)',
      precision: 'high',
      securitySeverity: 8.1,
    },
    hasSuggestions: true,
    messages: {
      requestInQuery:
        '`{{value}}` comes from the request and goes into the filter of `{{call}}` ({{library}}) unchecked: a JSON object such as {"$ne": null} becomes a query operator. Cast it (`String({{value}})`), validate it with a schema, or strip `$` operators with a sanitizer.',
      requestAsQuery:
        'The {{part}} of `{{call}}` ({{library}}) is client data (`{{value}}`): the client chooses its fields and operators ({{operators}}). Build the {{part}} from chosen fields, each cast or validated with a schema, or strip `$` operators with a sanitizer.',
      requestKeyInQuery:
        'The field name `{{value}}` in the filter of `{{call}}` ({{library}}) comes from the request: a client can send `$where` or `$expr` as the name. Map it through a constant allowlist of field names.',
      dynamicWhere:
        '`{{operator}}` in `{{call}}` ({{library}}) runs JavaScript on the database server built from `{{value}}`: code injection. Use query operators with the values as data, or a constant function.',
      castToString: 'Cast the value with `String({{value}})`.',
    },
    defaultOptions: [{ models: [], sanitizers: [], sanitizedRequests: false, nestedQueryStrings: true, guessModels: true }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          models: nameList('Extra receiver names that are Mongoose models or MongoDB collections (`Ledger` makes `Ledger.find(...)` a query).'),
          sanitizers: nameList(
            'Functions that strip `$` operators or validate: their result is safe, a request object passed to them is clean afterwards, and `app.use(name())` cleans every request of the file.',
          ),
          sanitizedRequests: {
            type: 'boolean',
            description:
              'Every request is sanitized elsewhere (express-mongo-sanitize mounted in another file): request values are not reported, `$where` and parsed JSON still are.',
          },
          nestedQueryStrings: {
            type: 'boolean',
            description:
              'Query-string values can be objects (`?email[$ne]=x` with Express 4\'s default `qs` parser). Set to false when the query parser only yields strings.',
          },
          guessModels: {
            type: 'boolean',
            description:
              'Treat receivers imported from a models folder or file (`../models/User`, `./user.model`) and names ending in `Model` as Mongoose models.',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const configuredModels = new Set(options.models ?? []);
    const configuredSanitizers = new Set(options.sanitizers ?? []);
    // Next.js API routes (pages/api) parse the query string with `querystring`: strings only.
    const filename = context.filename.replaceAll('\\', '/');
    const nestedQueries = options.nestedQueryStrings !== false && !filename.includes('/pages/api/') && !filename.startsWith('pages/api/');
    const libraries = new OriginResolver(sourceCode, nosqlLibraryForModule);
    const modules = new OriginResolver(sourceCode, () => undefined);
    const classifier = new StringClassifier(sourceCode, { isSanitizer: () => false, isFormatter: () => false });

    const importedModules = new Set<string>();
    const candidates: TSESTree.CallExpression[] = [];
    const callsWithArguments: TSESTree.CallExpression[] = [];
    const middlewareFactories: TSESTree.CallExpression[] = [];
    /** Calls that clean or validate their arguments, by the function they run in. */
    const cleaningCalls: TSESTree.CallExpression[] = [];
    const reported = new Set<TSESTree.Node>();
    const helpers: Helper[] = [];
    let requestsSanitized = options.sanitizedRequests === true;
    let mongooseSanitizesFilters = false;

    // ---- Which calls are queries -------------------------------------------------------------

    function guessingAllowed(): boolean {
      if (options.guessModels === false) return false;
      const usesMongo = importedModules.has('mongoose') || importedModules.has('mongodb') || importedModules.has('@nestjs/mongoose');
      return usesMongo || ![...importedModules].some((name) => SQL_ORM_MODULES.has(name));
    }

    /** A receiver that is a MongoDB collection or a Mongoose model (or a query built from one). */
    function receiverOf(node: TSESTree.Node, depth = 0): { library: string; mongoose: boolean } | undefined {
      if (depth > MAX_DEPTH) return undefined;
      const inner = unwrap(node);
      const name = referenceName(inner);
      if (name !== undefined && configuredModels.has(name)) return { library: 'configured model', mongoose: true };
      const origin = libraries.resolve(inner);
      if (origin?.model) {
        const registry = origin.model.modelRegistries?.some((prefix) => origin.path.startsWith(`${prefix}.`)) ?? false;
        if (origin.instance || registry) return { library: LIBRARY_LABELS[origin.model.id], mongoose: origin.model.id === 'mongoose' };
        return undefined;
      }
      if (isCollectionCall(inner) || returnsCollection(inner, depth)) return { library: 'MongoDB collection', mongoose: false };
      if (inner.type === AST_NODE_TYPES.CallExpression) {
        // `User.find(...).where(...)`: a query built from a model.
        const { object, name: method } = calleeParts(inner);
        if (object && method !== undefined && (QUERY_METHODS.has(method) || CHAIN_METHODS.has(method))) {
          const receiver = receiverOf(object, depth + 1);
          return receiver?.mongoose ? receiver : undefined;
        }
        return undefined;
      }
      if (!guessingAllowed()) return undefined;
      // Only a binding of its own (`import User from '../models/User'`, `const { User } = require('../models')`):
      // a namespace of models (`models.User`, `db.User`) is the Sequelize and Bookshelf style.
      if (inner.type === AST_NODE_TYPES.Identifier) {
        const moduleOrigin = modules.resolve(inner);
        if (moduleOrigin && isModelModulePath(moduleOrigin.module) && !moduleOrigin.path.includes('(') && moduleOrigin.path.split('.').length <= 2) {
          return { library: `a model from '${moduleOrigin.module}'`, mongoose: true };
        }
      }
      const isOwnField = inner.type === AST_NODE_TYPES.MemberExpression && unwrap(inner.object).type === AST_NODE_TYPES.ThisExpression;
      if (name !== undefined && isModelName(name) && (inner.type === AST_NODE_TYPES.Identifier || isOwnField)) {
        return { library: 'a model, by its name', mongoose: true };
      }
      return undefined;
    }

    /** `db.collection('users')`, `client.db().collection(name)`. */
    function isCollectionCall(node: TSESTree.Node): boolean {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const { object, name } = calleeParts(node);
      const [argument] = node.arguments;
      return object !== undefined && name === 'collection' && argument !== undefined && !isFunction(argument) && node.arguments.length <= 2;
    }

    /** A local bound to a collection, or a same-file function that returns one. */
    function returnsCollection(node: TSESTree.Node, depth: number): boolean {
      if (depth > MAX_DEPTH) return false;
      if (node.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(sourceCode, node);
        if (variable?.defs[0]?.type !== 'Variable') return false;
        return writesOf(variable).some((write) => write.path.length === 0 && !write.element && collectionValue(write.value, depth + 1));
      }
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const fn = classifier.functionOf(node.callee);
        return fn !== undefined && returnedValues(fn).some((value) => collectionValue(value, depth + 1));
      }
      return false;
    }

    function collectionValue(node: TSESTree.Node, depth: number): boolean {
      const inner = unwrap(node);
      if (isCollectionCall(inner)) return true;
      const origin = libraries.resolve(inner);
      if (origin?.model?.id === 'mongodb' && origin.instance) return true;
      return returnsCollection(inner, depth);
    }

    function sinkOf(call: TSESTree.CallExpression, method: QueryMethod): Sink | undefined {
      const { object, callee } = calleeParts(call);
      if (!object) return undefined;
      const receiver = receiverOf(object);
      if (!receiver || (method.mongooseOnly && !receiver.mongoose)) return undefined;
      return {
        label: shortSource(sourceCode, callee),
        library: receiver.library,
        mongoose: receiver.mongoose,
        sanitizedFilter: (receiver.mongoose && mongooseSanitizesFilters) || hasSanitizeFilterOption(call),
      };
    }

    /** `Model.find(filter, null, { sanitizeFilter: true })` or `.setOptions({ sanitizeFilter: true })` in the chain. */
    function hasSanitizeFilterOption(call: TSESTree.CallExpression): boolean {
      const setsIt = (argument: TSESTree.Node | undefined) => {
        const inner = argument && unwrap(argument);
        return (
          inner?.type === AST_NODE_TYPES.ObjectExpression &&
          inner.properties.some(
            (property) =>
              property.type === AST_NODE_TYPES.Property &&
              keyName(property) === 'sanitizeFilter' &&
              property.value.type === AST_NODE_TYPES.Literal &&
              property.value.value === true,
          )
        );
      };
      if (call.arguments.slice(1).some((argument) => setsIt(argument))) return true;
      let current: TSESTree.Node = call;
      for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
        const member: TSESTree.Node | undefined = current.parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) return false;
        const next: TSESTree.Node | undefined = member.parent;
        if (next?.type !== AST_NODE_TYPES.CallExpression || next.callee !== member) return false;
        if (memberName(member) === 'setOptions' && setsIt(next.arguments[0])) return true;
        current = next;
      }
      return false;
    }

    // ---- What a value holds -------------------------------------------------------------------

    /** Whether a request property can hold an object: bodies, query strings (configurable), cookies. */
    function requestObjectPart(path: { root: string; names: string[] }): boolean {
      if (path.root === 'event') return false;
      const [part] = path.names;
      if (part === 'body' || part === 'cookies' || part === 'signedCookies') return true;
      return part === 'query' && nestedQueries;
    }

    function taintOf(node: TSESTree.Node, depth = 0): Taint | undefined {
      if (depth > MAX_DEPTH) return undefined;
      const inner = unwrap(node);
      switch (inner.type) {
        case AST_NODE_TYPES.MemberExpression: {
          const path = requestPath(inner);
          if (path) {
            if (!requestObjectPart(path) || requestsSanitized || isCleaned(inner) || schemaValidated(inner, path.names[0]!)) return undefined;
            return { kind: 'raw', culprit: inner };
          }
          const name = memberName(inner);
          if (!inner.computed && (name === 'length' || name === 'size')) return undefined;
          const base = taintOf(inner.object, depth + 1);
          if (!base) return undefined;
          if (base.kind === 'raw') return isCleaned(inner) ? undefined : { kind: 'raw', culprit: inner };
          return name === undefined ? undefined : { ...base, path: [...base.path, name] };
        }
        case AST_NODE_TYPES.Identifier:
          return identifierTaint(inner, depth);
        case AST_NODE_TYPES.CallExpression:
          return callTaint(inner, depth);
        case AST_NODE_TYPES.LogicalExpression:
          return taintOf(inner.left, depth + 1) ?? taintOf(inner.right, depth + 1);
        case AST_NODE_TYPES.ConditionalExpression:
          return taintOf(inner.consequent, depth + 1) ?? taintOf(inner.alternate, depth + 1);
        case AST_NODE_TYPES.AssignmentExpression:
          return inner.operator === '=' ? taintOf(inner.right, depth + 1) : undefined;
        case AST_NODE_TYPES.SequenceExpression:
          return taintOf(inner.expressions.at(-1)!, depth + 1);
        case AST_NODE_TYPES.ObjectExpression: {
          for (const property of inner.properties) {
            if (property.type !== AST_NODE_TYPES.SpreadElement) continue;
            const spread = taintOf(property.argument, depth + 1);
            if (spread?.kind === 'raw') return spread;
          }
          return undefined;
        }
        default:
          return undefined;
      }
    }

    function callTaint(call: TSESTree.CallExpression, depth: number): Taint | undefined {
      const { object, name, callee } = calleeParts(call);
      // `await c.req.json()`, `await request.json()`: the parsed JSON body.
      if (name === 'json' && object && call.arguments.length === 0 && isRequestInput(call)) return { kind: 'raw', culprit: call };
      if (name === undefined) return undefined;
      const [first] = call.arguments;
      if (!first || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
      // `JSON.parse(req.query.filter)`: the client's text becomes an object.
      if (name === 'parse' && object && unwrap(object).type === AST_NODE_TYPES.Identifier && (unwrap(object) as TSESTree.Identifier).name === 'JSON') {
        return fromRequest(first, depth) ? { kind: 'raw', culprit: call } : undefined;
      }
      if (PASSTHROUGH_FUNCTIONS.has(name) && !(name === 'assign' && object === undefined && callee.type !== AST_NODE_TYPES.Identifier)) {
        for (const argument of call.arguments) {
          if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
          const taint = taintOf(argument, depth + 1);
          if (taint?.kind === 'raw') return taint;
        }
      }
      return undefined;
    }

    /** Any client input, strings included (for `JSON.parse` and field names). */
    function fromRequest(node: TSESTree.Node, depth: number): boolean {
      if (taintOf(node, depth + 1)?.kind === 'raw') return true;
      const verdict = classifier.classify(node);
      return verdict.kind === 'dynamic' && verdict.fromRequest;
    }

    function identifierTaint(node: TSESTree.Identifier, depth: number): Taint | undefined {
      const variable = findVariable(sourceCode, node);
      const definition = variable?.defs[0];
      if (!variable || !definition || isCleaned(node)) return undefined;
      if (definition.type === 'Parameter') return parameterTaint(variable, node);
      if (definition.type !== 'Variable') return undefined;
      for (const write of effectiveWrites(variable, node)) {
        if (write.element === 'in' || isFunction(unwrap(write.value))) continue;
        const taint = taintOf(write.value, depth + 1);
        if (!taint) continue;
        // `if (typeof req.body.email !== 'string') return; const { email } = req.body;`
        if (taint.kind === 'raw' && write.path.length > 0 && !write.path.includes('[]') && isCleaned(write.value, `${textOf(write.value)}.${write.path.join('.')}`)) continue;
        if (taint.kind === 'raw') return { kind: 'raw', culprit: node };
        if (!write.element) return { ...taint, path: [...taint.path, ...write.path] };
      }
      return undefined;
    }

    /**
     * The writes that reach a use: after the last unconditional assignment before it in an
     * enclosing block (`email = String(email)` replaces what came before), else all of them.
     */
    function effectiveWrites(variable: Variable, use: TSESTree.Node): Write[] {
      const writes = writesOf(variable);
      let last: { write: Write; end: number } | undefined;
      for (const write of writes) {
        const statement = statementOf(write.value);
        if (!statement || statement.range[1] > use.range[0] || !encloses(statement.parent, use)) continue;
        if (!last || statement.range[1] > last.end) last = { write, end: statement.range[1] };
      }
      if (!last) return writes;
      const cut = last.end;
      return writes.filter((write) => write === last!.write || (write.value.range[0] > cut && write.value.range[1] < use.range[0]));
    }

    function statementOf(value: TSESTree.Node): TSESTree.Node | undefined {
      const parent = value.parent;
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.parent.parent && isBlock(parent.parent.parent)) return parent.parent;
      if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.type === AST_NODE_TYPES.ExpressionStatement) return parent.parent;
      return undefined;
    }

    function isBlock(node: TSESTree.Node): boolean {
      return node.type === AST_NODE_TYPES.BlockStatement || node.type === AST_NODE_TYPES.Program || node.type === AST_NODE_TYPES.SwitchCase;
    }

    function encloses(ancestor: TSESTree.Node | undefined, node: TSESTree.Node): boolean {
      return ancestor !== undefined && isBlock(ancestor) && ancestor.range[0] <= node.range[0] && node.range[1] <= ancestor.range[1];
    }

    function parameterTaint(variable: Variable, node: TSESTree.Identifier): Taint | undefined {
      const parameter = parameterOf(variable);
      if (!parameter) return undefined;
      const decorator = requestDecorator(parameter.name);
      if (decorator !== undefined) return nestParameterTaint(parameter.name, decorator) ? { kind: 'raw', culprit: node } : undefined;
      if (!isFunction(parameter.fn)) return undefined;
      if (parameter.destructured) return destructuredRequest(parameter.fn, parameter.index, parameter.name) ? { kind: 'raw', culprit: node } : undefined;
      return { kind: 'param', fn: parameter.fn, index: parameter.index, path: [] };
    }

    /**
     * A route handler that destructures its request: `async ({ body, query }, res) => ...`. The
     * function is a callback argument and takes a response (or `next`) after the request.
     */
    function destructuredRequest(fn: FunctionNode, index: number, name: TSESTree.Identifier): boolean {
      if (index !== 0 || fn.params.length < 2) return false;
      const call = fn.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
      const keys: string[] = [];
      for (let current: TSESTree.Node = name; current !== fn.params[0]; ) {
        const parent: TSESTree.Node | undefined = current.parent;
        if (!parent) return false;
        if (parent.type === AST_NODE_TYPES.Property) {
          const key = keyName(parent);
          if (key === undefined) return false;
          keys.unshift(key);
        }
        current = parent;
      }
      const [part] = keys;
      return part === 'body' || part === 'cookies' || part === 'signedCookies' || (part === 'query' && nestedQueries);
    }

    /**
     * A NestJS `@Body()`/`@Query()` parameter without a DTO class: the ValidationPipe checks
     * classes, not `any`, interfaces, type aliases, `Record<...>` or primitives.
     */
    function nestParameterTaint(name: TSESTree.Identifier, decorator: string): boolean {
      if (decorator !== 'Body' && decorator !== 'Query' && decorator !== 'Cookies') return false;
      if (decorator === 'Query' && !nestedQueries) return false;
      const decorated = name.parent?.type === AST_NODE_TYPES.TSParameterProperty ? name.parent : name;
      const decorators = ('decorators' in decorated ? decorated.decorators : []) as TSESTree.Decorator[];
      for (const item of decorators) {
        const expression = item.expression;
        // `@Body('email', ParseEmailPipe)`, `@Body(new ValidationPipe())`: a pipe checks the value.
        if (expression.type === AST_NODE_TYPES.CallExpression && expression.arguments.some((argument) => argument.type !== AST_NODE_TYPES.Literal)) return false;
      }
      const type = name.typeAnnotation?.typeAnnotation;
      if (!type || type.type !== AST_NODE_TYPES.TSTypeReference) return true;
      const typeName = type.typeName;
      if (typeName.type === AST_NODE_TYPES.TSQualifiedName) return UNCHECKED_TYPES.has(typeName.right.name);
      if (typeName.type !== AST_NODE_TYPES.Identifier || UNCHECKED_TYPES.has(typeName.name)) return true;
      const definition = findVariable(sourceCode, typeName)?.defs[0];
      return definition?.type === 'Type';
    }

    /** A Fastify route registered with a JSON schema for this part of the request. */
    function schemaValidated(node: TSESTree.Node, part: string): boolean {
      const schemaKeys = part === 'body' ? ['body'] : part === 'query' ? ['querystring', 'query'] : [];
      if (schemaKeys.length === 0) return false;
      for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
        const parent = fn.parent;
        let siblings: readonly TSESTree.Node[] = [];
        if (parent?.type === AST_NODE_TYPES.CallExpression) siblings = parent.arguments;
        else if (parent?.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectExpression) siblings = [parent.parent];
        for (const sibling of siblings) {
          const inner = unwrap(sibling);
          if (inner.type !== AST_NODE_TYPES.ObjectExpression) continue;
          const schema = propertyValue(inner, 'schema');
          const schemaObject = schema && unwrap(schema);
          if (schemaObject?.type === AST_NODE_TYPES.ObjectExpression && schemaKeys.some((key) => propertyValue(schemaObject, key))) return true;
        }
      }
      return false;
    }

    // ---- Cleaning: guards, validation, sanitizers ---------------------------------------------

    function textOf(node: TSESTree.Node): string {
      return sourceCode.getText(unwrap(node)).replace(/\s/gu, '');
    }

    function isSanitizerName(name: string): boolean {
      return configuredSanitizers.has(name) || SANITIZER_NAMES.has(name) || name.toLowerCase().includes('sanitiz');
    }

    function isCleaningCall(call: TSESTree.CallExpression): boolean {
      const { object, name } = calleeParts(call);
      if (name === undefined) return false;
      if (isSanitizerName(name)) return true;
      if (!VALIDATION_METHODS.has(name)) return false;
      const receiver = object && unwrap(object);
      return !(name === 'parse' && receiver?.type === AST_NODE_TYPES.Identifier && NON_VALIDATING_PARSERS.has(receiver.name));
    }

    /** The value was checked before this use: a typeof guard, a validation or sanitizer call on it. */
    function isCleaned(node: TSESTree.Node, text = textOf(node)): boolean {
      const covers = (argument: TSESTree.Node) => {
        const argumentText = textOf(argument);
        return text === argumentText || text.startsWith(`${argumentText}.`) || text.startsWith(`${argumentText}[`);
      };
      const fn = enclosingFunction(node);
      for (const call of cleaningCalls) {
        if (call.range[1] > node.range[0]) continue;
        const callFunction = enclosingFunction(call);
        if (callFunction !== fn && !(callFunction && fn && callFunction.range[0] <= fn.range[0] && fn.range[1] <= callFunction.range[1])) continue;
        if (call.arguments.some((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && covers(argument))) return true;
      }
      return isGuarded(node, text);
    }

    /** `if (typeof x !== 'string') return ...;` before the use, or `typeof x === 'string' ? use : ...`. */
    function isGuarded(use: TSESTree.Node, text: string): boolean {
      let child: TSESTree.Node = use;
      for (let current = use.parent; current; child = current, current = current.parent) {
        if (
          (current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) &&
          current.consequent === child &&
          testChecks(current.test, text, false)
        ) {
          return true;
        }
        const statements = isBlock(current) ? ('body' in current ? (current.body as TSESTree.Node[]) : (current as TSESTree.SwitchCase).consequent) : undefined;
        if (statements) {
          for (const statement of statements) {
            if (statement === child) break;
            if (statement.type === AST_NODE_TYPES.IfStatement && alwaysExits(statement.consequent) && testChecks(statement.test, text, true)) return true;
          }
        }
        if (isFunction(current)) break;
      }
      return false;
    }

    /**
     * A test that checks the value's type or validity: `typeof x`, `isEmail(x)`, `x.match(...)`.
     * `negated` says the check must fail for the test to hold (a guard that exits): then a call
     * counts only under `!` (`if (!isEmail(x)) return`, not the denylist `if (banned.has(x)) return`).
     */
    function testChecks(test: TSESTree.Node, text: string, negated: boolean, depth = 0): boolean {
      if (depth > MAX_DEPTH) return false;
      const inner = unwrap(test);
      switch (inner.type) {
        case AST_NODE_TYPES.UnaryExpression:
          if (inner.operator === 'typeof') return textOf(inner.argument) === text;
          return testChecks(inner.argument, text, inner.operator === '!' ? !negated : negated, depth + 1);
        case AST_NODE_TYPES.BinaryExpression:
          return testChecks(inner.left, text, negated, depth + 1) || testChecks(inner.right, text, negated, depth + 1);
        case AST_NODE_TYPES.LogicalExpression:
          return testChecks(inner.left, text, negated, depth + 1) || testChecks(inner.right, text, negated, depth + 1);
        case AST_NODE_TYPES.CallExpression: {
          if (negated) return false;
          if (inner.arguments.some((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && textOf(argument) === text)) return true;
          const { object } = calleeParts(inner);
          return object !== undefined && textOf(object) === text;
        }
        default:
          return false;
      }
    }

    // ---- Checking the parts of a query --------------------------------------------------------

    function report(node: TSESTree.Node, messageId: Exclude<MessageIds, 'castToString'>, data: Record<string, string>, suggest = false): void {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({ node, messageId, data, suggest: suggest ? castSuggestion(node, data['value']!) : [] });
    }

    function castSuggestion(node: TSESTree.Node, value: string): TSESLint.ReportSuggestionArray<MessageIds> {
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === node) {
        const text = sourceCode.getText(node);
        return [{ messageId: 'castToString', data: { value }, fix: (fixer) => fixer.replaceText(parent, `${text}: String(${text})`) }];
      }
      return [{ messageId: 'castToString', data: { value }, fix: (fixer) => fixer.replaceText(node, `String(${sourceCode.getText(node)})`) }];
    }

    function remember(taint: Extract<Taint, { kind: 'param' }>, role: Role, sink: Sink): void {
      if (!helpers.some((helper) => helper.fn === taint.fn && helper.index === taint.index && helper.role === role && helper.path.join('.') === taint.path.join('.'))) {
        helpers.push({ fn: taint.fn, index: taint.index, path: taint.path, role, sink });
      }
    }

    /** A value inside a filter (a field's value, an `_id`). */
    function checkValue(node: TSESTree.Node, sink: Sink): void {
      if (sink.sanitizedFilter) return;
      const taint = taintOf(node);
      if (taint?.kind === 'raw') {
        report(node, 'requestInQuery', { value: shortSource(sourceCode, taint.culprit), call: sink.label, library: sink.library }, true);
      } else if (taint?.kind === 'param') {
        remember(taint, 'value', sink);
      }
    }

    /** A whole filter, update or pipeline that may be client data. */
    function checkWhole(node: TSESTree.Node, sink: Sink, part: string, role: Role): boolean {
      const taint = taintOf(node);
      if (taint?.kind === 'raw') {
        const operators = part === 'update' ? '$set, $unset, $rename, ...' : part === 'filter' ? '$ne, $gt, $regex, $where, ...' : '$function, $lookup, $merge, ...';
        report(node, 'requestAsQuery', { part, operators, value: shortSource(sourceCode, taint.culprit), call: sink.label, library: sink.library });
        return true;
      }
      if (taint?.kind === 'param') remember(taint, role, sink);
      return taint !== undefined;
    }

    function checkFilter(node: TSESTree.Node, sink: Sink, depth = 0): void {
      if (depth > MAX_DEPTH) return;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) {
        checkFilterObject(inner, sink, depth + 1);
        return;
      }
      if (!sink.sanitizedFilter && checkWhole(node, sink, 'filter', 'filter')) return;
      for (const literal of literalWrites(inner, AST_NODE_TYPES.ObjectExpression)) checkFilterObject(literal, sink, depth + 1);
      for (const [key, value, keyNode] of memberAssignments(inner)) checkField(key, value, keyNode, sink, depth + 1);
    }

    function checkFilterObject(object: TSESTree.ObjectExpression, sink: Sink, depth: number): void {
      // `{ where: { ... } }` is a Sequelize or TypeORM query, not a MongoDB filter.
      if (sink.library.startsWith('a model') && object.properties.some((property) => property.type === AST_NODE_TYPES.Property && keyName(property) === 'where')) {
        return;
      }
      for (const property of object.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) {
          if (!sink.sanitizedFilter && checkWhole(property.argument, sink, 'filter', 'filter')) continue;
          const inner = unwrap(property.argument);
          if (inner.type === AST_NODE_TYPES.Identifier) checkFilter(inner, sink, depth + 1);
          continue;
        }
        const key = property.computed ? staticName(property.key, true) : keyName(property);
        checkField(key, property.value, property.computed && key === undefined ? property.key : undefined, sink, depth + 1);
      }
    }

    /** One `key: value` of a filter; `keyNode` is a computed key whose name is not constant. */
    function checkField(key: string | undefined, value: TSESTree.Node, keyNode: TSESTree.Node | undefined, sink: Sink, depth: number): void {
      if (depth > MAX_DEPTH) return;
      if (keyNode && fromRequest(keyNode, depth)) {
        report(keyNode, 'requestKeyInQuery', { value: shortSource(sourceCode, keyNode), call: sink.label, library: sink.library });
      }
      const inner = unwrap(value);
      if (key !== undefined && CODE_OPERATORS.has(key)) {
        checkCodeOperator(key, inner, sink, depth);
        return;
      }
      if (key !== undefined && LOGICAL_OPERATORS.has(key)) {
        if (inner.type === AST_NODE_TYPES.ArrayExpression) {
          for (const element of inner.elements) if (element && element.type !== AST_NODE_TYPES.SpreadElement) checkFilter(element, sink, depth + 1);
        } else if (!sink.sanitizedFilter) {
          checkWhole(inner, sink, 'filter', 'filter');
        }
        return;
      }
      if (key === '$expr') {
        if (!sink.sanitizedFilter && !checkWhole(inner, sink, 'filter', 'filter')) scanForCode(inner, sink, depth + 1);
        return;
      }
      if (key !== undefined && key.startsWith('$')) {
        if (NESTED_CONDITION_OPERATORS.has(key)) checkCondition(inner, sink, depth + 1);
        else scanForCode(inner, sink, depth + 1);
        return;
      }
      checkCondition(inner, sink, depth + 1);
    }

    /** The value of a field: a plain value, or an operator object (`{ $gt: x }`, `{ $not: {...} }`). */
    function checkCondition(value: TSESTree.Node, sink: Sink, depth: number): void {
      if (depth > MAX_DEPTH) return;
      if (value.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of value.properties) {
          if (property.type === AST_NODE_TYPES.SpreadElement) {
            if (!sink.sanitizedFilter) checkWhole(property.argument, sink, 'filter', 'filter');
            continue;
          }
          const key = keyName(property);
          if (key === '$elemMatch') checkFilter(property.value, sink, depth + 1);
          else if (key === '$not') checkCondition(unwrap(property.value), sink, depth + 1);
          else scanForCode(property.value, sink, depth + 1);
        }
        return;
      }
      checkValue(value, sink);
    }

    /** `$where: 'js'`, `$function: { body: 'js' }`, `$accumulator: { init: 'js', ... }`. */
    function checkCodeOperator(operator: string, value: TSESTree.Node, sink: Sink, depth: number): void {
      const keys = CODE_OPERATORS.get(operator) ?? [];
      if (keys.length === 0) {
        checkCode(value, operator, sink);
        return;
      }
      if (value.type !== AST_NODE_TYPES.ObjectExpression) return;
      for (const property of value.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = keyName(property);
        if (key !== undefined && keys.includes(key)) checkCode(property.value, operator, sink);
        else scanForCode(property.value, sink, depth + 1);
      }
    }

    function checkCode(node: TSESTree.Node, operator: string, sink: Sink): void {
      const verdict = classifier.classify(node);
      if (verdict.kind === 'dynamic') {
        report(node, 'dynamicWhere', { operator, value: shortSource(sourceCode, verdict.culprit), call: sink.label, library: sink.library });
      } else if (verdict.kind === 'parameter') {
        report(node, 'dynamicWhere', { operator, value: shortSource(sourceCode, verdict.node), call: sink.label, library: sink.library });
      }
    }

    /** Looks through object and array literals for operators that run JavaScript. */
    function scanForCode(node: TSESTree.Node, sink: Sink, depth: number): void {
      if (depth > MAX_DEPTH) return;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ArrayExpression) {
        for (const element of inner.elements) if (element && element.type !== AST_NODE_TYPES.SpreadElement) scanForCode(element, sink, depth + 1);
        return;
      }
      if (inner.type !== AST_NODE_TYPES.ObjectExpression) return;
      for (const property of inner.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = keyName(property);
        if (key !== undefined && CODE_OPERATORS.has(key)) checkCodeOperator(key, unwrap(property.value), sink, depth + 1);
        else scanForCode(property.value, sink, depth + 1);
      }
    }

    function checkUpdate(node: TSESTree.Node, sink: Sink, depth = 0): void {
      if (depth > MAX_DEPTH) return;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ArrayExpression) {
        checkPipeline(inner, sink, depth + 1);
        return;
      }
      if (inner.type !== AST_NODE_TYPES.ObjectExpression) {
        if (checkWhole(node, sink, 'update', 'update')) return;
        for (const literal of literalWrites(inner, AST_NODE_TYPES.ObjectExpression)) checkUpdate(literal, sink, depth + 1);
        return;
      }
      for (const property of inner.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) {
          checkWhole(property.argument, sink, 'update', 'update');
          continue;
        }
        // `{ $set: req.body }`: the client picks the fields to set.
        if (keyName(property)?.startsWith('$')) {
          const value = unwrap(property.value);
          if (value.type === AST_NODE_TYPES.ObjectExpression) {
            for (const inside of value.properties) if (inside.type === AST_NODE_TYPES.SpreadElement) checkWhole(inside.argument, sink, 'update', 'update');
          } else {
            checkWhole(value, sink, 'update', 'update');
          }
        }
      }
    }

    function checkPipeline(node: TSESTree.Node, sink: Sink, depth = 0): void {
      if (depth > MAX_DEPTH) return;
      const inner = unwrap(node);
      if (inner.type !== AST_NODE_TYPES.ArrayExpression) {
        if (checkWhole(node, sink, 'pipeline', 'pipeline')) return;
        for (const literal of literalWrites(inner, AST_NODE_TYPES.ArrayExpression)) checkPipeline(literal, sink, depth + 1);
        for (const stage of pushedValues(inner)) checkStage(stage, sink, depth + 1);
        return;
      }
      for (const element of inner.elements) {
        if (!element) continue;
        if (element.type === AST_NODE_TYPES.SpreadElement) checkWhole(element.argument, sink, 'pipeline', 'pipeline');
        else checkStage(element, sink, depth + 1);
      }
    }

    function checkStage(node: TSESTree.Node, sink: Sink, depth: number): void {
      const inner = unwrap(node);
      if (inner.type !== AST_NODE_TYPES.ObjectExpression) {
        checkWhole(inner, sink, 'pipeline stage', 'pipeline');
        return;
      }
      for (const property of inner.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = keyName(property);
        if (key !== undefined && FILTER_STAGES.has(key)) {
          checkFilter(property.value, sink, depth + 1);
        } else if (key !== undefined && PIPELINE_STAGES.has(key)) {
          const value = unwrap(property.value);
          if (value.type === AST_NODE_TYPES.ObjectExpression) {
            for (const nested of value.properties) {
              if (nested.type !== AST_NODE_TYPES.Property) continue;
              const nestedValue = unwrap(nested.value);
              if (nestedValue.type === AST_NODE_TYPES.ArrayExpression || keyName(nested) === 'pipeline') checkPipeline(nestedValue, sink, depth + 1);
            }
          } else {
            checkWhole(value, sink, 'pipeline stage', 'pipeline');
          }
        } else if (key !== undefined && INERT_STAGES.has(key)) {
          continue;
        } else if (!checkWhole(property.value, sink, 'pipeline stage', 'pipeline')) {
          scanForCode(property.value, sink, depth + 1);
        }
      }
    }

    /** Literals of one kind written to a local (`const filter = { ... }`, `const pipeline = [...]`). */
    function literalWrites<Kind extends AST_NODE_TYPES.ObjectExpression | AST_NODE_TYPES.ArrayExpression>(
      node: TSESTree.Node,
      kind: Kind,
    ): Extract<TSESTree.Node, { type: Kind }>[] {
      if (node.type !== AST_NODE_TYPES.Identifier) return [];
      const variable = findVariable(sourceCode, node);
      if (variable?.defs[0]?.type !== 'Variable') return [];
      return writesOf(variable)
        .filter((write) => write.path.length === 0 && !write.element)
        .map((write) => unwrap(write.value))
        .filter((value): value is Extract<TSESTree.Node, { type: Kind }> => value.type === kind);
    }

    /** `filter.status = value` and `filter[key] = value` after the declaration. */
    function memberAssignments(node: TSESTree.Node): [string | undefined, TSESTree.Node, TSESTree.Node | undefined][] {
      if (node.type !== AST_NODE_TYPES.Identifier) return [];
      const variable = findVariable(sourceCode, node);
      if (variable?.defs[0]?.type !== 'Variable') return [];
      const assignments: [string | undefined, TSESTree.Node, TSESTree.Node | undefined][] = [];
      for (const reference of variable.references) {
        const member = reference.identifier.parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) continue;
        const assignment = member.parent;
        if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== member || assignment.operator !== '=') continue;
        const key = memberName(member);
        assignments.push([key, assignment.right, member.computed && key === undefined ? member.property : undefined]);
      }
      return assignments;
    }

    /** Values added to a local array (`pipeline.push({ $match: ... })`, `unshift`). */
    function pushedValues(node: TSESTree.Node): TSESTree.Node[] {
      if (node.type !== AST_NODE_TYPES.Identifier) return [];
      const variable = findVariable(sourceCode, node);
      if (variable?.defs[0]?.type !== 'Variable') return [];
      const values: TSESTree.Node[] = [];
      for (const reference of variable.references) {
        const member = reference.identifier.parent;
        const method = member?.type === AST_NODE_TYPES.MemberExpression ? memberName(member) : undefined;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || (method !== 'push' && method !== 'unshift')) continue;
        const call = member.parent;
        if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) {
          values.push(...call.arguments.filter((argument) => argument.type !== AST_NODE_TYPES.SpreadElement));
        }
      }
      return values;
    }

    function checkMapReduce(call: TSESTree.CallExpression, sink: Sink): void {
      const [first, second, third] = call.arguments;
      const checkOptions = (node: TSESTree.Node | undefined) => {
        const inner = node && unwrap(node);
        if (inner?.type !== AST_NODE_TYPES.ObjectExpression) return;
        for (const property of inner.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const key = keyName(property);
          if (key === 'map' || key === 'reduce' || key === 'finalize') checkCode(property.value, 'mapReduce', sink);
          else if (key === 'query') checkFilter(property.value, sink);
        }
      };
      if (first && unwrap(first).type === AST_NODE_TYPES.ObjectExpression) {
        checkOptions(first);
        return;
      }
      for (const argument of [first, second]) if (argument && argument.type !== AST_NODE_TYPES.SpreadElement) checkCode(argument, 'mapReduce', sink);
      checkOptions(third);
    }

    function checkCall(call: TSESTree.CallExpression, method: QueryMethod, name: string, sink: Sink): void {
      const argument = (index: number | undefined) => {
        const node = index === undefined ? undefined : call.arguments[index];
        return node && node.type !== AST_NODE_TYPES.SpreadElement ? node : undefined;
      };
      if (method.mapReduce) {
        checkMapReduce(call, sink);
        return;
      }
      const filter = argument(method.filter);
      if (filter) {
        const inner = unwrap(filter);
        // Mongoose `where('email', value)`: a path and its value.
        if (name === 'where' && staticName(inner) !== undefined) {
          const value = argument(1);
          if (value) checkValue(value, sink);
        } else if (name === 'where' && inner.type === AST_NODE_TYPES.Literal) {
          // `where(null)`: nothing to check.
        } else {
          checkFilter(filter, sink);
        }
      }
      const id = argument(method.id);
      if (id) checkValue(id, sink);
      const update = argument(method.update);
      if (update) checkUpdate(update, sink);
      const pipeline = argument(method.pipeline);
      if (pipeline) checkPipeline(pipeline, sink);
      const filters = argument(method.filters);
      if (filters) {
        const inner = unwrap(filters);
        if (inner.type === AST_NODE_TYPES.ArrayExpression) {
          for (const element of inner.elements) if (element && element.type !== AST_NODE_TYPES.SpreadElement) checkFilter(element, sink);
        } else if (!sink.sanitizedFilter) {
          checkWhole(filters, sink, 'filter', 'filter');
        }
      }
      const code = argument(method.code);
      if (code) checkCode(code, '$where', sink);
    }

    /** Checks what callers of a same-file helper pass for the parameter that reaches a query. */
    function checkHelperCall(call: TSESTree.CallExpression, helper: Helper): void {
      const argument = call.arguments[helper.index];
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return;
      const name = referenceName(call.callee) ?? 'helper';
      const sink: Sink = { ...helper.sink, label: `${name}() → ${helper.sink.label}` };
      let value: TSESTree.Node | undefined = argument;
      for (const key of helper.path) {
        const inner: TSESTree.Node = unwrap(value);
        if (inner.type !== AST_NODE_TYPES.ObjectExpression) break;
        value = propertyValue(inner, key);
        if (!value) return;
      }
      if (helper.role === 'value') checkValue(value, sink);
      else if (helper.role === 'filter') checkFilter(value, sink);
      else if (helper.role === 'update') checkUpdate(value, sink);
      else checkPipeline(value, sink);
    }

    /** Marks the file when express-mongo-sanitize or a configured sanitizer is mounted, or Mongoose sanitizes filters. */
    function noteFileSanitizers(call: TSESTree.CallExpression): void {
      const { object, name, callee } = calleeParts(call);
      if (name === undefined) return;
      if (!object) {
        const origin = modules.resolve(callee);
        if (origin && SANITIZER_MIDDLEWARE_MODULES.has(origin.module) && (origin.path === '' || origin.path === '.default')) requestsSanitized = true;
        const parent = call.parent;
        if (configuredSanitizers.has(name) && parent?.type === AST_NODE_TYPES.CallExpression && calleeParts(parent).name === 'use') requestsSanitized = true;
        return;
      }
      if (name === 'set' && staticName(call.arguments[0]) === 'sanitizeFilter') {
        const value = call.arguments[1];
        if (value?.type === AST_NODE_TYPES.Literal && value.value === true && modules.resolve(object)?.module === 'mongoose') mongooseSanitizesFilters = true;
      }
    }

    return {
      ImportDeclaration(node) {
        importedModules.add(node.source.value);
      },
      CallExpression(node) {
        const required = requiredModule(node);
        if (required !== undefined) {
          importedModules.add(required);
          return;
        }
        if (node.arguments.length === 0) {
          // `app.use(mongoSanitize())`: a sanitizer middleware made without options.
          if (node.callee.type === AST_NODE_TYPES.Identifier) middlewareFactories.push(node);
          return;
        }
        callsWithArguments.push(node);
        if (isCleaningCall(node)) cleaningCalls.push(node);
        // Cheap shape check first: a method with a query's name, or a call that may mount a sanitizer.
        const { object, name } = calleeParts(node);
        if (name === undefined) return;
        if (object && QUERY_METHODS.has(name)) candidates.push(node);
      },
      'Program:exit'() {
        // No call named like a query: nothing to resolve.
        if (candidates.length === 0) return;
        if ([...importedModules].some((name) => SANITIZER_MODULES.has(name)) || configuredSanitizers.size > 0 || importedModules.has('mongoose')) {
          for (const call of [...callsWithArguments, ...middlewareFactories]) noteFileSanitizers(call);
        }
        for (const call of candidates) {
          const name = calleeParts(call).name!;
          const method = QUERY_METHODS.get(name)!;
          const sink = sinkOf(call, method);
          if (sink) checkCall(call, method, name, sink);
        }
        // A helper that passes its parameter into a query is checked where it is called; so is a helper of a helper.
        const checked = new Set<string>();
        for (let round = 0, known = 0; helpers.length !== known && round < MAX_HELPER_ROUNDS; round += 1) {
          known = helpers.length;
          for (const call of callsWithArguments) {
            const fn = classifier.functionOf(call.callee);
            if (!fn) continue;
            helpers.forEach((helper, index) => {
              const key = `${index}:${call.range[0]}`;
              if (helper.fn !== fn || checked.has(key) || enclosingFunction(call) === fn) return;
              checked.add(key);
              checkHelperCall(call, helper);
            });
          }
        }
      },
    };
  },
});

const CHAIN_METHODS: ReadonlySet<string> = new Set(MONGOOSE_QUERY_MODIFIERS);

function propertyValue(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && keyName(property) === key) return property.value;
  }
  return undefined;
}
