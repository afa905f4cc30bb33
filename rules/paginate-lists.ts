import { dirname, relative } from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  BUILDER_DATABASE_NAME,
  SQL_AGGREGATE_ITEM,
  SQL_FIRST_TABLE,
  SQL_FROM_WORD,
  SQL_GROUP_BY,
  SQL_LIMIT_AT_END,
  SQL_LIMIT_DOLLAR,
  SQL_LIMIT_NAMED,
  SQL_LIMIT_NUMBER,
  SQL_LIMIT_QUESTION,
  SQL_ROW_BOUND,
  SQL_SELECT_START,
  SQL_UNIQUE_WHERE,
  SQL_EQUALITY_HOLE,
  SQL_HOLE,
  SQL_RANGE_OR_PATTERN,
  CHAIN_LIMITS,
  CHAIN_NOT_LISTS,
  DOCUMENT_CHAIN_METHODS,
  DOCUMENT_NOT_LISTS,
  KNEX_BUILDER_METHODS,
  KNEX_NAME,
  LIST_METHODS,
  MODEL_NAMESPACE_NAME,
  MUTATING_HANDLER_NAME,
  PRESERVING_GLOBALS,
  PRISMA_CLIENT_NAME,
  PROMISE_METHODS,
  QUERY_BUILDER_LIMITS,
  QUERY_BUILDER_LIST_METHODS,
  REFERENCE_TABLES,
  REPOSITORY_NAME,
  RESULT_ROWS,
  ROW_KEEPING_METHODS,
  SQL_LIST_METHODS,
  TRANSFORM_NAME,
  TUPLE_RESULT_DRIVERS,
  TYPEORM_FIND_OPTION_KEYS,
  UNIQUE_KEYS,
  UNRESOLVED_SQL_METHODS,
  listLibraryForModule,
  type ListLibrary,
  type ListLibraryId,
  type ListMethod,
} from '../src/catalog/list-queries.js';
import { isModelModulePath, isModelName } from '../src/catalog/nosql.js';
import { CONTEXT_SEND_METHODS, HONO_CONTEXT_NAMES, KOA_CONTEXT_NAMES, RESPONSE_CHAIN_METHODS, RESPONSE_OBJECT_NAMES, RESPONSE_SEND_METHODS } from '../src/catalog/responses.js';
import { driverForModule, type SqlDriver } from '../src/catalog/sql-drivers.js';
import { originResolver } from '../src/ast/module-origin.js';
import { calleeParts, enclosingFunction, isFunction, keyName, memberName, pushChildren, referenceName, requiredModule, shortSource, staticName, unwrap, type FunctionNode } from '../src/ast/nodes.js';
import { isWholeRequestBody, requestDecorator } from '../src/ast/request-input.js';
import { ResponseObjects } from '../src/ast/responses.js';
import { functionName } from '../src/ast/route-handlers.js';
import { sqlSkeleton } from '../src/ast/sql-text.js';
import { findVariable, parameterOf } from '../src/ast/variables.js';
import { createRule } from '../src/create-rule.js';
import { modelOf } from '../src/flow/records.js';
import { atomsOf, flowOf, property, union, usesOf, type Atom, type Decision, type Flow, type FlowHandler, type RequestAtom, type Use, type Value } from '../src/flow/index.js';
import { nameList } from '../src/schema.js';

type Options = [{ smallTables?: string[]; uniqueKeys?: string[]; unknownMethods?: boolean; unresolvedSql?: boolean; crossFile?: boolean; maxPageSize?: number }];
type MessageIds = 'unboundedList' | 'uncappedPageSize' | 'pageSizeAboveMaximum';

/** A query that returns a list, and what bounds it. */
interface ListQuery {
  /** Reported node: the query call. */
  readonly node: TSESTree.Node;
  /** Where its result is: the end of the query chain, from which the rows flow. */
  readonly outer: TSESTree.Node;
  readonly label: string;
  readonly library: string;
  readonly advice: string;
  /** The model, collection or table, for `smallTables`. */
  readonly table: string | undefined;
  readonly bound: Bound;
  /** Where the rows are in the result: `yes`, the first element (`[rows, fields]`); `maybe`, a driver the rule cannot see. */
  readonly tuple: 'yes' | 'maybe' | 'no';
  /** An error-first callback that receives the rows (`Model.find(filter, (err, docs) => ...)`). */
  readonly callback: FunctionNode | undefined;
  /** What the query filters on, for telling a lookup by a route's composite key from a list. */
  readonly filter: () => Filter | undefined;
}

/**
 * The conditions of a query's filter: whether each compares a column with one value (no range,
 * pattern, list or operator), how many compare with a value that is not a constant, and the values
 * compared (request input among them).
 */
interface Filter {
  readonly onlyEqualities: boolean;
  readonly variable: number;
  readonly values: Value;
}

/** `size`: the largest page the code spells out (a constant size, the bound of a `Math.min` cap), when it does. */
type Bound = { readonly kind: 'none' } | { readonly kind: 'bounded'; readonly size?: number } | { readonly kind: 'uncapped'; readonly culprit: string };

interface Link {
  readonly name: string;
  readonly call: TSESTree.CallExpression;
}

/** Where the rows of a query are sent: the response, its label for messages, the handler. */
interface Delivery {
  readonly response: string;
  readonly use: Use;
  readonly flow: Flow;
}

const NONE: Bound = { kind: 'none' };
const BOUNDED: Bound = { kind: 'bounded' };
/** Calls of one query chain that are read (an iteration, not a recursion). */
const MAX_CHAIN = 1000;

const ADVICE: Readonly<Record<ListLibraryId | 'sql' | 'typeorm-builder' | 'drizzle-relational' | 'typeorm-by', string>> = {
  prisma: 'pass `take` (and `skip` or `cursor`)',
  'drizzle-relational': 'pass `limit` (and `offset`)',
  typeorm: 'pass `take` (and `skip`)',
  'typeorm-by': 'use `find({ where, take, skip })`',
  'typeorm-builder': 'chain `.take()` (and `.skip()`)',
  sequelize: 'pass `limit` (and `offset`)',
  mongoose: 'chain `.limit()` (and `.skip()` or a range on the sort key)',
  mongodb: 'chain `.limit()` (and `.skip()` or a range on the sort key)',
  knex: 'chain `.limit()` (and `.offset()` or a keyset `where`)',
  drizzle: 'chain `.limit()` (and `.offset()` or a keyset `where`)',
  sql: 'add `LIMIT` (and `OFFSET` or a keyset `WHERE`)',
};

const LIBRARY_LABELS: Readonly<Record<ListLibraryId, string>> = {
  prisma: 'Prisma',
  typeorm: 'TypeORM',
  sequelize: 'Sequelize',
  mongoose: 'Mongoose',
  mongodb: 'MongoDB driver',
  knex: 'knex',
  drizzle: 'drizzle',
};

const AGGREGATE_FUNCTIONS: ReadonlySet<string> = new Set(['count', 'countDistinct', 'sum', 'sumDistinct', 'avg', 'avgDistinct', 'min', 'max']);
const SQL_METHOD_NAMES: ReadonlySet<string> = new Set([
  ...UNRESOLVED_SQL_METHODS,
  ...Object.values(SQL_LIST_METHODS).flatMap((methods) => [...methods.rows, ...(methods.statement ?? [])]),
]);
/** Frameworks that send what a handler returns. */
const RETURNING_FRAMEWORKS: ReadonlySet<string> = new Set(['fastify', 'nestjs']);
/** Sequelize list methods, on a receiver that only looks like a model namespace's entry (`db.user.findAll()`). */
const SEQUELIZE_LIST_METHODS: ReadonlySet<string> = new Set(['findAll', 'findAndCountAll']);
/** Route parameters: Express, Koa, Fastify and Hono `:id`, OpenAPI-style `{id}`. */
const ROUTE_PARAMETER = /:([A-Za-z_$][\w$]*)|\{([A-Za-z_$][\w$]*)\}/gu;

/** Response objects of each file the rows are sent in (the engines of other files included). */
const responseObjects = new WeakMap<Flow, ResponseObjects>();
/** Handlers that read the whole request body outside a `req.method` branch. */
const bodyReaders = new WeakMap<FunctionNode, boolean>();

/** The forms a model or table name is compared in: `UserRepository` → `user`, `order_items` → `orderitems`, `orderitem`. */
function tableForms(name: string): string[] {
  let key = name.toLowerCase().replace(/[^a-z0-9]/gu, '');
  for (const suffix of ['repository', 'repo', 'model', 'entity', 'collection', 'table']) {
    if (key.length > suffix.length && key.endsWith(suffix)) {
      key = key.slice(0, -suffix.length);
      break;
    }
  }
  const forms = [key];
  if (key.endsWith('ies') && key.length > 4) forms.push(`${key.slice(0, -3)}y`);
  if (key.endsWith('es') && key.length > 3) forms.push(key.slice(0, -2));
  if (key.endsWith('s') && !key.endsWith('ss') && key.length > 2) forms.push(key.slice(0, -1));
  return forms;
}

function isCallTo(node: TSESTree.Node | undefined): node is TSESTree.CallExpression {
  return node?.type === AST_NODE_TYPES.CallExpression;
}

export default createRule<Options, MessageIds>({
  name: 'paginate-lists',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require list endpoints to paginate: no unbounded queries sent by GET handlers, no page size from the request without a cap',
      recommended: false,
      servedTraffic: true,
      standard: 'List endpoints paginate, with a capped page size',
      precision: 'medium',
    },
    messages: {
      unboundedList:
        '`{{query}}` ({{library}}) sends every matching row to the client through {{response}}: this list has no page size and grows with the table. Paginate it: {{advice}}, with a page size capped on the server (default 20, max 100) and a cursor or offset.',
      uncappedPageSize:
        '`{{query}}` ({{library}}) takes its page size from the request (`{{value}}`) without a cap: a client can ask for every row at once. Cap it on the server, e.g. `Math.min(Number(limit) || 20, 100)` or a schema with `.max(100)`.',
      pageSizeAboveMaximum:
        '`{{query}}` ({{library}}) sends pages of up to {{size}} rows, above the maximum page size of {{maximum}}. Lower the page size or its cap to {{maximum}}.',
    },
    defaultOptions: [{ smallTables: [...REFERENCE_TABLES], uniqueKeys: [...UNIQUE_KEYS], unknownMethods: true, unresolvedSql: true, crossFile: true }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          smallTables: nameList(
            'Models, collections or tables that hold a small fixed set of rows (reference data) and may be listed whole; matched singular or plural, ignoring case, `_` and a `Repository`/`Model` suffix.',
          ),
          uniqueKeys: nameList('Fields whose equality (or `in` list) picks single rows: a filter on one of them is a lookup, not a list.'),
          unknownMethods: {
            type: 'boolean',
            description:
              'Also check handlers whose HTTP method no file says (exported `(req, res)` controller functions no project file registers, Next.js `pages/api` handlers), unless they read the request body, are named like a write (`createUser`) or the response sits under a non-GET `req.method` branch.',
          },
          crossFile: {
            type: 'boolean',
            description:
              'Follow the rows into the project files that call the function returning them (a model, a repository, an injected service): the query is reported where it is written when a GET handler of another file sends its rows.',
          },
          unresolvedSql: {
            type: 'boolean',
            description: 'Check `SELECT` text run through `query`/`execute`/`all`/`any`/`many` on receivers not resolved to a driver (`db.query(...)` with `db` from a project module).',
          },
          maxPageSize: {
            type: 'integer',
            minimum: 1,
            description:
              'The largest page a list endpoint may send. A page size the code spells out (`.limit(500)`, `take: 500`, `LIMIT 500`) or the bound of its cap (`Math.min(n, 500)`, also through a constant) above it is reported. Unset: only whether there is a cap is checked.',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const flow = flowOf(context);
    const smallTables = new Set((options.smallTables ?? []).flatMap(tableForms));
    const uniqueKeys = new Set(options.uniqueKeys ?? UNIQUE_KEYS);
    const orms = originResolver<ListLibrary>(sourceCode, listLibraryForModule);
    const drivers = originResolver<SqlDriver>(sourceCode, driverForModule);
    const candidates: (TSESTree.CallExpression | TSESTree.TaggedTemplateExpression)[] = [];

    // ---- Query chains -------------------------------------------------------------------------

    /** The calls of a chain below `call`, root first, and the value the chain starts from. */
    function chainDown(call: TSESTree.CallExpression): { links: Link[]; root: TSESTree.Node } {
      const links: Link[] = [];
      let current: TSESTree.Node = call;
      for (let depth = 0; depth < MAX_CHAIN; depth++) {
        if (current.type !== AST_NODE_TYPES.CallExpression) break;
        const callee = unwrap(current.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
        const name = memberName(callee);
        if (name === undefined) break;
        links.unshift({ name, call: current });
        current = unwrap(callee.object);
      }
      return { links, root: current };
    }

    /** The calls chained onto `node` (`find().sort().limit()`), up to a promise method; and the chain's end. */
    function chainUp(node: TSESTree.Node): { links: Link[]; outer: TSESTree.Node } {
      const links: Link[] = [];
      let current = node;
      for (let depth = 0; depth < MAX_CHAIN; depth++) {
        let parent = current.parent;
        while (parent && (parent.type === AST_NODE_TYPES.ChainExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression)) {
          current = parent;
          parent = parent.parent;
        }
        if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current) break;
        const call = parent.parent;
        const name = memberName(parent);
        if (!isCallTo(call) || call.callee !== parent || name === undefined || PROMISE_METHODS.has(name)) break;
        links.push({ name, call });
        current = call;
      }
      return { links, outer: current };
    }

    /**
     * Calls made later on a builder kept in a local, not awaited (`const q = knex('t'); q.limit(10)`):
     * the engine's uses of the local whose chain starts at the local itself.
     */
    function laterLinks(builder: TSESTree.Node): Link[] {
      const declarator = builder.parent;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== builder || declarator.id.type !== AST_NODE_TYPES.Identifier) return [];
      const variable = findVariable(sourceCode, declarator.id);
      return usesOf(sourceCode, declarator.id).flatMap((use) => {
        const call = unwrap(use.node);
        if (!isCallTo(call)) return [];
        const below = chainDown(call);
        return below.root.type === AST_NODE_TYPES.Identifier && findVariable(sourceCode, below.root) === variable ? below.links : [];
      });
    }

    /** A chain whose root is a local holding a builder (`const qb = repo.createQueryBuilder('u'); ... qb.getMany()`). */
    function rootLinks(root: TSESTree.Node): { links: Link[]; root: TSESTree.Node } {
      if (root.type !== AST_NODE_TYPES.Identifier) return { links: [], root };
      const built = flow.valueOf(root).find((atom) => atom.file === undefined && isCallTo(atom.node) && atom.node.parent?.type === AST_NODE_TYPES.VariableDeclarator);
      if (!built || !isCallTo(built.node)) return { links: [], root };
      const below = chainDown(built.node);
      return { links: [...below.links, ...laterLinks(built.node).filter((link) => link.call !== root.parent?.parent)], root: below.root };
    }

    // ---- Bounds -------------------------------------------------------------------------------

    /** The bound a page size gives: none when it comes from the request without a cap. */
    function sizeBound(node: TSESTree.Node | undefined): Bound {
      return node ? valueBound(flow.valueOf(node)) : BOUNDED;
    }

    function valueBound(value: Value): Bound {
      const input = uncappedInput(value, 0);
      if (input) return { kind: 'uncapped', culprit: input.node.type === AST_NODE_TYPES.Identifier ? input.node.name : shortSource(sourceCode, input.node) };
      const size = options.maxPageSize === undefined ? undefined : largestSize(value);
      return size === undefined ? BOUNDED : { kind: 'bounded', size };
    }

    /** The largest page a size can give, where the code spells it out: a constant number, or the bound of a `Math.min` cap. */
    function largestSize(value: Value): number | undefined {
      let largest: number | undefined;
      for (const atom of value) {
        if (atom.kind !== 'const') continue;
        const size = typeof atom.value === 'number' ? atom.value : isCap(atom) ? capBound(atom.node as TSESTree.CallExpression) : undefined;
        if (size !== undefined) largest = Math.max(largest ?? size, size);
      }
      return largest;
    }

    /** `Math.min(n, 100, MAX)`: the smallest of its arguments that are known numbers. */
    function capBound(call: TSESTree.CallExpression): number | undefined {
      const bounds = call.arguments.flatMap((argument) => {
        const [atom, ...others] = argument.type === AST_NODE_TYPES.SpreadElement ? [] : flow.valueOf(argument);
        return others.length === 0 && atom?.kind === 'const' && typeof atom.value === 'number' ? [atom.value] : [];
      });
      return bounds.length > 0 ? Math.min(...bounds) : undefined;
    }

    /**
     * Request input a page size is made of, no cap on the way: through numbers made of it
     * (`Number(x) || 20`, `Math.max(1, x)`), not past a cap (`Math.min(x, 100)`, a comparison with
     * a bound before the use) nor into a call the rule cannot see into (a schema's `parse`, a `clamp`).
     */
    function uncappedInput(value: Value, depth: number): RequestAtom | undefined {
      if (depth > 8) return undefined;
      for (const atom of value) {
        if (atom.capped) continue;
        if (atom.kind === 'request' && isPageSizeInput(atom)) return atom;
        if (atom.kind === 'const' && atom.from && !isCap(atom)) {
          const inner = uncappedInput(atom.from, depth + 1);
          if (inner) return inner;
        }
        if (atom.kind === 'text') {
          const inner = uncappedInput(atom.parts, depth + 1);
          if (inner) return inner;
        }
      }
      return undefined;
    }

    /** `Math.min(x, 100)`: one of its arguments is not request input. */
    function isCap(atom: Atom): boolean {
      const call = atom.node;
      if (atom.file !== undefined || !isCallTo(call)) return false;
      const { object, name } = calleeParts(call);
      if (name !== 'min' || !object || referenceName(object) !== 'Math') return false;
      return call.arguments.some((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && !uncappedInput(flow.valueOf(argument), 1));
    }

    /** Query, body or route input not checked on the way in (a Fastify route schema, a NestJS DTO class). */
    function isPageSizeInput(atom: RequestAtom): boolean {
      if (atom.validated || atom.file !== undefined) return false;
      if (atom.part !== 'query' && atom.part !== 'body' && atom.part !== 'params') return false;
      if (handlerAround(atom.node, flow)?.hasFrameworkSchema) return false;
      return !isDtoParameter(atom.node);
    }

    /** `@Query() page: PageDto` (also read as `page.limit`): a class the ValidationPipe checks (`@Max(100)`). */
    function isDtoParameter(node: TSESTree.Node): boolean {
      let root = unwrap(node);
      while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
      if (root.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = findVariable(sourceCode, root);
      const parameter = variable && parameterOf(variable);
      if (!parameter) return false;
      const decorator = requestDecorator(parameter.fn.params[parameter.index] ?? parameter.name);
      if (decorator !== 'Query' && decorator !== 'Body') return false;
      const type = parameter.name.typeAnnotation?.typeAnnotation;
      if (type?.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return false;
      if (type.typeName.name === 'Record' || type.typeName.name === 'Partial') return false;
      // An interface or type alias is erased at run time: nothing checks it.
      return findVariable(sourceCode, type.typeName)?.defs[0]?.type !== 'Type';
    }

    /** Object literals a value may be, or undefined when it may be something the rule cannot see (a parameter, a call). */
    function objectsOf(value: Value): Extract<Atom, { kind: 'object' }>[] | undefined {
      const objects = value.filter((atom): atom is Extract<Atom, { kind: 'object' }> => atom.kind === 'object');
      return objects.length > 0 && objects.length === value.filter((atom) => atom.kind !== 'const').length ? objects : undefined;
    }

    /** A filter that picks rows by a unique key: `{ id }`, `{ _id: { $in: ids } }`, `{ id: In(ids) }`, an `AND` holding one. */
    function isUniqueFilter(value: Value): boolean {
      for (const object of objectsOf(value) ?? []) {
        for (const [key, field] of object.properties) {
          if (key === 'AND' || key === '$and') {
            if (field.some((atom) => atom.kind === 'array' && isUniqueFilter(atom.elements))) return true;
            continue;
          }
          if (!uniqueKeys.has(key)) continue;
          const operators = field.filter((atom) => atom.kind === 'object');
          if (operators.length === 0) return true;
          if (operators.every((atom) => atom.kind === 'object' && atom.rest.length === 0 && [...atom.properties.keys()].every((name) => ['in', '$in', 'equals', '$eq'].includes(name)))) return true;
        }
      }
      return false;
    }

    /** The conditions of an object filter (`{ from, to, active: true }`): each key is an equality unless its value is an operator object. */
    function objectFilter(value: Value): Filter | undefined {
      const objects = objectsOf(value);
      if (!objects || objects.length !== 1) return undefined;
      const [object] = objects;
      const fields = [...object!.properties.values()];
      return {
        onlyEqualities: object!.rest.length === 0 && fields.every((field) => field.every((atom) => atom.kind !== 'object' && atom.kind !== 'array' && atom.kind !== 'call')),
        variable: fields.filter((field) => field.some((atom) => atom.kind !== 'const')).length,
        values: fields.flat(),
      };
    }

    /** knex `where('id', v)`, `where({ id })`, `whereIn('users.id', ids)`; drizzle `where(eq(users.id, v))`. */
    function isUniqueWhere(link: Link): boolean {
      if (link.name !== 'where' && link.name !== 'whereIn' && link.name !== 'andWhere') return false;
      const [first, second] = link.call.arguments;
      const column = staticName(first);
      if (column !== undefined && second) return uniqueKeys.has(column.slice(column.lastIndexOf('.') + 1));
      if (first && unwrap(first).type === AST_NODE_TYPES.ObjectExpression) return isUniqueFilter(flow.valueOf(first));
      return first !== undefined && isUniqueCondition(first, 0);
    }

    function isUniqueCondition(node: TSESTree.Node, depth: number): boolean {
      const inner = unwrap(node);
      if (inner.type !== AST_NODE_TYPES.CallExpression || depth > 4) return false;
      const name = calleeParts(inner).name;
      if (name === 'and') return inner.arguments.some((argument) => isUniqueCondition(argument, depth + 1));
      if (name !== 'eq' && name !== 'inArray') return false;
      const column = inner.arguments[0] && unwrap(inner.arguments[0]);
      const field = column?.type === AST_NODE_TYPES.MemberExpression ? memberName(column) : undefined;
      return field !== undefined && uniqueKeys.has(field);
    }

    // ---- Receivers ----------------------------------------------------------------------------

    /** The class a name is declared as in this file, with the library of its superclass (`class User extends Model`). */
    function classLibrary(node: TSESTree.Node): ListLibraryId | undefined {
      if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
      const definition = findVariable(sourceCode, node)?.defs[0];
      if (definition?.type !== 'ClassName') return undefined;
      const superClass = (definition.node as TSESTree.ClassDeclaration).superClass;
      if (!superClass) return undefined;
      const origin = orms.resolve(superClass);
      if (origin?.model) return origin.model.id;
      return referenceName(superClass) === 'BaseEntity' ? 'typeorm' : undefined;
    }

    /** A library the receiver is resolved to: an instance, a model, a registry entry. */
    function resolvedLibrary(node: TSESTree.Node): ListLibraryId | undefined {
      const inner = unwrap(node);
      const origin = orms.resolve(inner);
      if (origin?.model) {
        const registry = origin.model.modelRegistries?.some((prefix) => origin.path.startsWith(`${prefix}.`)) ?? false;
        if (origin.instance || registry) return origin.model.id;
      }
      return classLibrary(inner);
    }

    /** A receiver guessed to be a model: imported from a models module, named `UserModel`, or `db.User`. */
    function guessedModel(node: TSESTree.Node, method: string): boolean {
      const inner = unwrap(node);
      const name = referenceName(inner);
      if (name === undefined) return false;
      const isOwnField = inner.type === AST_NODE_TYPES.MemberExpression && unwrap(inner.object).type === AST_NODE_TYPES.ThisExpression;
      if (isModelName(name) && (inner.type === AST_NODE_TYPES.Identifier || isOwnField)) return true;
      if (inner.type === AST_NODE_TYPES.Identifier) {
        const origin = flow.modules.resolve(inner);
        return origin !== undefined && isModelModulePath(origin.module) && !origin.path.includes('(') && origin.path.split('.').length <= 2;
      }
      if (inner.type === AST_NODE_TYPES.MemberExpression) {
        // `db.User`, `models.Post`, `sequelize.models.Tag`, `this.models.Order`; `db.user.findAll()` (a lower-case entry only with a Sequelize-only method).
        const namespace = unwrap(inner.object);
        const namespaceName = referenceName(namespace);
        if (!/^[A-Z]/u.test(name) && !SEQUELIZE_LIST_METHODS.has(method)) return false;
        if (namespaceName !== undefined && MODEL_NAMESPACE_NAME.test(namespaceName)) return true;
        const origin = namespace.type === AST_NODE_TYPES.Identifier ? flow.modules.resolve(namespace) : undefined;
        return origin !== undefined && isModelModulePath(origin.module) && origin.path === '';
      }
      return false;
    }

    // ---- Recognising list queries --------------------------------------------------------------

    function describe(
      node: TSESTree.Node,
      outer: TSESTree.Node,
      library: ListLibraryId | 'sql',
      advice: keyof typeof ADVICE,
      table: string | undefined,
      bound: Bound,
      extra: { label?: string; libraryLabel?: string; tuple?: ListQuery['tuple']; callback?: FunctionNode; filter?: () => Filter | undefined } = {},
    ): ListQuery {
      return {
        node,
        outer,
        label: extra.label ?? (isCallTo(node) ? chainLabel(node) : shortSource(sourceCode, node)),
        library: extra.libraryLabel ?? (library === 'sql' ? 'SQL' : LIBRARY_LABELS[library]),
        advice: ADVICE[advice],
        table,
        bound,
        tuple: extra.tuple ?? 'no',
        callback: extra.callback,
        filter: extra.filter ?? (() => undefined),
      };
    }

    /** `prisma.user.findMany()`, `orders.createQueryBuilder(...)...getMany()`: a call named by its chain, without comments. */
    function chainLabel(call: TSESTree.CallExpression): string {
      const { links, root } = chainDown(call);
      const base = shortSource(sourceCode, root);
      if (links.length === 0) return `${base.replace(/\(.*$/su, '')}()`;
      const last = links.at(-1)!.name;
      return links.length === 1 ? `${base}.${last}()` : `${base}.${links[0]!.name}(...).${last}()`;
    }

    /** An error-first callback passed last (`find(filter, (err, docs) => ...)`). */
    function trailingCallback(call: TSESTree.CallExpression): FunctionNode | undefined {
      const last = call.arguments.at(-1);
      return last && isFunction(last) ? last : undefined;
    }

    /** `prisma.user.findMany()`, `User.find()`, `repo.findBy()`, `Post.findAll()`. */
    function ormList(call: TSESTree.CallExpression, name: string, method: ListMethod): ListQuery | undefined {
      const { object } = calleeParts(call);
      if (!object) return undefined;
      const first = call.arguments[0];
      if (first && (isFunction(first) || first.type === AST_NODE_TYPES.SpreadElement)) return undefined;
      const receiver = unwrap(object);
      if (name === 'findMany') {
        if (receiver.type !== AST_NODE_TYPES.MemberExpression || unwrap(receiver.object).type === AST_NODE_TYPES.ThisExpression) return undefined;
        const client = unwrap(receiver.object);
        const table = memberName(receiver);
        if (client.type === AST_NODE_TYPES.MemberExpression && memberName(client) === 'query') {
          return optionsQuery(call, 'drizzle', 'drizzle-relational', 'limit', table, method);
        }
        const clientName = referenceName(client);
        if (resolvedLibrary(client) !== 'prisma' && (clientName === undefined || !PRISMA_CLIENT_NAME.test(clientName))) return undefined;
        return optionsQuery(call, 'prisma', 'prisma', 'take', table, method);
      }
      let library = resolvedLibrary(receiver);
      if (library === undefined || !method.libraries.includes(library)) {
        if (library !== undefined && library !== 'typeorm') return undefined;
        const receiverName = referenceName(receiver);
        const repository = receiverName !== undefined && REPOSITORY_NAME.test(receiverName);
        const collection = isCallTo(receiver) && calleeParts(receiver).name === 'collection';
        if (collection && name === 'find') library = 'mongodb';
        else if (repository && method.libraries.includes('typeorm')) library = 'typeorm';
        else if (library === undefined && guessedModel(receiver, name)) library = guessLibrary(name, first);
        if (library === undefined || !method.libraries.includes(library)) return undefined;
      }
      // A TypeORM `find` on a guessed or Mongo-looking receiver: options decide.
      if (name === 'find' && library !== 'typeorm' && first && typeormOptions(first)) library = 'typeorm';
      const table = modelOf(receiver);
      if (library === 'typeorm') {
        // EntityManager: `manager.find(User, options)`.
        const entityFirst = first !== undefined && call.arguments.length >= 1 && isEntityReference(first) && !typeormOptions(first);
        const shifted = entityFirst ? 1 : 0;
        const entity = entityFirst ? (staticName(first) ?? referenceName(first)) : table;
        if (method.noPageSize) {
          const where = call.arguments[shifted];
          const filter = where ? flow.valueOf(where) : [];
          return describe(call, chainUp(call).outer, 'typeorm', 'typeorm-by', entity, isUniqueFilter(filter) ? BOUNDED : NONE, { tuple: method.withCount ? 'yes' : 'no', filter: () => objectFilter(filter) });
        }
        return optionsQuery(call, 'typeorm', 'typeorm', 'take', entity, method, shifted);
      }
      if (library === 'sequelize') return optionsQuery(call, 'sequelize', 'sequelize', 'limit', table, method);
      return documentQuery(call, library as 'mongoose' | 'mongodb', table);
    }

    function guessLibrary(name: string, first: TSESTree.Node | undefined): ListLibraryId | undefined {
      if (name === 'findAll' || name === 'findAndCountAll') return 'sequelize';
      if (name === 'find') return first && typeormOptions(first) ? 'typeorm' : 'mongoose';
      return 'typeorm';
    }

    function typeormOptions(node: TSESTree.Node): boolean {
      return (objectsOf(flow.valueOf(node)) ?? []).some((object) => [...object.properties.keys()].some((key) => TYPEORM_FIND_OPTION_KEYS.has(key)));
    }

    function isEntityReference(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.Literal) return typeof inner.value === 'string';
      return inner.type === AST_NODE_TYPES.Identifier && /^[A-Z]/u.test(inner.name);
    }

    /** Prisma, drizzle's relational API, TypeORM and Sequelize: the page size is an option. */
    function optionsQuery(call: TSESTree.CallExpression, library: ListLibraryId, advice: keyof typeof ADVICE, key: string, table: string | undefined, method: ListMethod, shift = 0): ListQuery | undefined {
      const argument = call.arguments[(method.options ?? 0) + shift];
      const outer = chainUp(call).outer;
      const extra = { tuple: method.withCount === true && library === 'typeorm' ? ('yes' as const) : ('no' as const) };
      if (!argument) return describe(call, outer, library, advice, table, NONE, extra);
      const options = flow.valueOf(argument);
      const size = property(options, key, argument);
      if (size.length > 0) return describe(call, outer, library, advice, table, valueBound(size), extra);
      // Options the rule cannot see (`findMany(args)`), or a spread that may carry the page size (`{ ...pagination, where }`).
      const objects = objectsOf(options);
      if (!objects || objects.some((object) => object.rest.length > 0)) return undefined;
      const where = method.whereKey ? property(options, 'where', argument) : options;
      return describe(call, outer, library, advice, table, isUniqueFilter(where) ? BOUNDED : NONE, { ...extra, filter: () => objectFilter(where) });
    }

    /** Mongoose and the MongoDB driver: `find(filter)` bounded by `.limit()` or a `limit` option. */
    function documentQuery(call: TSESTree.CallExpression, library: 'mongoose' | 'mongodb', table: string | undefined): ListQuery | undefined {
      const { links, outer } = chainUp(call);
      const all = [...links, ...laterLinks(outer)];
      if (all.some((link) => DOCUMENT_NOT_LISTS.has(link.name))) return undefined;
      const callback = trailingCallback(call) ?? (links.at(-1)?.name === 'exec' ? trailingCallback(links.at(-1)!.call) : undefined);
      const filterNode = call.arguments[0];
      const filterValue = filterNode && !isFunction(filterNode) ? flow.valueOf(filterNode) : [];
      const extra = { callback, filter: () => objectFilter(filterValue) };
      const limit = all.find((link) => CHAIN_LIMITS.has(link.name));
      if (limit) return describe(call, outer, library, library, table, sizeBound(limit.call.arguments[0]), extra);
      if (all.some((link) => !DOCUMENT_CHAIN_METHODS.has(link.name) && !CHAIN_LIMITS.has(link.name))) return undefined;
      const optionsNode = call.arguments[library === 'mongodb' ? 1 : 2];
      if (optionsNode && !isFunction(optionsNode)) {
        const options = flow.valueOf(optionsNode);
        const size = property(options, 'limit', optionsNode);
        if (size.length > 0) return describe(call, outer, library, library, table, valueBound(size), extra);
        if (!objectsOf(options)) return undefined;
      }
      return describe(call, outer, library, library, table, isUniqueFilter(filterValue) ? BOUNDED : NONE, extra);
    }

    /** TypeORM's query builder: `createQueryBuilder('u').where(...).getMany()`. */
    function builderList(call: TSESTree.CallExpression): ListQuery | undefined {
      const below = chainDown(call);
      const fromRoot = rootLinks(below.root);
      const links = [...fromRoot.links, ...below.links];
      const creator = links.find((link) => link.name === 'createQueryBuilder');
      if (!creator && resolvedLibrary(fromRoot.root) !== 'typeorm') return undefined;
      const limit = links.find((link) => QUERY_BUILDER_LIMITS.has(link.name));
      const bound = limit ? sizeBound(limit.call.arguments[0]) : NONE;
      const creatorReceiver = creator && calleeParts(creator.call).object;
      const table = creatorReceiver ? modelOf(creatorReceiver) : undefined;
      const name = calleeParts(call).name;
      return describe(call, chainUp(call).outer, 'typeorm', 'typeorm-builder', table, bound, { tuple: name === 'getManyAndCount' ? 'yes' : 'no' });
    }

    /** Whether a chain can be a knex or drizzle builder: a table call at its root (`knex('users')`, `db(table)`) or a `from`. */
    function mayBeBuilder(links: readonly Link[], root: TSESTree.Node): boolean {
      if (isCallTo(root)) {
        const name = referenceName(root.callee);
        if (staticName(root.arguments[0]) !== undefined || (name !== undefined && (KNEX_NAME.test(name) || BUILDER_DATABASE_NAME.test(name)))) return true;
      }
      return links.some((link) => link.name === 'from' || (KNEX_NAME.test(link.name) && link.call.arguments.length > 0));
    }

    /** A knex or drizzle builder chain ending at `end`: `knex('users').where(...)`, `db.select().from(users)`. */
    function builderChain(end: TSESTree.CallExpression): ListQuery | undefined {
      const below = chainDown(end);
      if (requiredModule(end) !== undefined || !mayBeBuilder(below.links, below.root)) return undefined;
      let links = below.links;
      let root = below.root;
      // `this.knex('users')`, `db.knex('posts')`: the table call is the root of the chain.
      const [head] = links;
      if (head && KNEX_NAME.test(head.name) && head.call.arguments.length > 0) {
        root = head.call;
        links = links.slice(1);
      }
      let library: 'knex' | 'drizzle' | undefined;
      let table: string | undefined;
      const start: TSESTree.Node = root;
      if (isCallTo(root)) {
        // `knex('users')`, `trx('orders')`, a knex instance called with a table name.
        const callee = unwrap(root.callee);
        const resolved = orms.resolve(callee);
        const name = referenceName(callee);
        // `db('accounts').select()` with `db` from a project module: a table name and knex builder methods only.
        const looksLikeKnex =
          name !== undefined &&
          BUILDER_DATABASE_NAME.test(name) &&
          staticName(root.arguments[0]) !== undefined &&
          root.arguments.length === 1 &&
          links.every((link) => KNEX_BUILDER_METHODS.has(link.name) || CHAIN_NOT_LISTS.has(link.name));
        if ((resolved?.model?.id === 'knex' && resolved.instance) || (name !== undefined && KNEX_NAME.test(name)) || looksLikeKnex) {
          library = 'knex';
          table = staticName(root.arguments[0]);
        }
      } else {
        const resolved = orms.resolve(root);
        const name = referenceName(root);
        const from = links.find((link) => link.name === 'from');
        if (resolved?.instance && (resolved.model?.id === 'knex' || resolved.model?.id === 'drizzle')) library = resolved.model.id;
        else if (from && name !== undefined && (BUILDER_DATABASE_NAME.test(name) || KNEX_NAME.test(name))) library = staticName(from.call.arguments[0]) === undefined ? 'drizzle' : 'knex';
        // A select: `db.select().from(t)`, `knex.select('*').from('t')`, `knex.from('t')`.
        if (library !== undefined && !(links[0] && (/^select/u.test(links[0].name) || (library === 'knex' && links[0].name === 'from')))) return undefined;
        if (library !== undefined && !from) return undefined;
        const fromTable = from?.call.arguments[0];
        table = fromTable ? (staticName(fromTable) ?? referenceName(fromTable)) : undefined;
      }
      if (!library) return undefined;
      // A builder kept in a local and completed later: `const q = knex('t'); if (tag) q.where(...); q.limit(size)`.
      links = [...links, ...laterLinks(end)];
      if (links.some((link) => CHAIN_NOT_LISTS.has(link.name) || link.name === 'raw' || link.name === 'transaction')) return undefined;
      if (links[0] && /^select/u.test(links[0].name) && selectsAggregates(links[0].call)) return undefined;
      const label =
        isCallTo(start) && start === root
          ? `${shortSource(sourceCode, root.callee as TSESTree.Node)}(${table === undefined ? '...' : `'${table}'`})`
          : `${shortSource(sourceCode, root)}.${links[0]?.name ?? 'select'}(...)${links[0]?.name === 'from' ? '' : `.from(${library === 'knex' ? `'${table}'` : (table ?? '...')})`}`;
      const limit = links.find((link) => CHAIN_LIMITS.has(link.name));
      let bound: Bound = NONE;
      if (limit) bound = limit.name === 'limit' || limit.name === 'take' ? sizeBound(limit.call.arguments[0]) : BOUNDED;
      else if (links.some((link) => isUniqueWhere(link))) bound = BOUNDED;
      return describe(end, end, library, library, table, bound, { label });
    }

    /** drizzle `db.select({ total: count() })`, `select({ n: sql<number>\`count(*)\` })`: one row of aggregates. */
    function selectsAggregates(call: TSESTree.CallExpression): boolean {
      const fields = call.arguments[0] && unwrap(call.arguments[0]);
      if (fields?.type !== AST_NODE_TYPES.ObjectExpression || fields.properties.length === 0) return false;
      return fields.properties.every((entry) => {
        if (entry.type !== AST_NODE_TYPES.Property) return false;
        const value = unwrap(entry.value);
        if (value.type === AST_NODE_TYPES.CallExpression) return AGGREGATE_FUNCTIONS.has(calleeParts(value).name ?? '');
        if (value.type === AST_NODE_TYPES.TaggedTemplateExpression) return SQL_AGGREGATE_ITEM.test(value.quasi.quasis[0]?.value.cooked ?? '');
        return false;
      });
    }

    function literalProperty(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
      for (const entry of object.properties) {
        if (entry.type === AST_NODE_TYPES.Property && keyName(entry) === key) return entry.value;
      }
      return undefined;
    }

    /** SQL text: `pool.query('SELECT ...')`, `db.prepare(sql).all()`, `` sql`SELECT ...` ``. */
    function sqlList(call: TSESTree.CallExpression): ListQuery | undefined {
      const { object, name } = calleeParts(call);
      if (!object || name === undefined) return undefined;
      let textNode: TSESTree.Node | undefined;
      let driver: SqlDriver | undefined;
      let values: TSESTree.Node | undefined = call.arguments[1];
      const receiver = unwrap(object);
      // better-sqlite3: `db.prepare(sql).all(params)`.
      if (isCallTo(receiver) && calleeParts(receiver).name === 'prepare') {
        const origin = calleeParts(receiver).object && drivers.resolve(calleeParts(receiver).object!);
        const model = origin && origin.instance ? origin.model : undefined;
        if (!model || !SQL_LIST_METHODS[model.id]?.statement?.includes(name)) return undefined;
        driver = model;
        textNode = receiver.arguments[0];
        values = call.arguments[0];
      } else {
        const origin = drivers.resolve(receiver);
        if (origin?.model) {
          const methods = SQL_LIST_METHODS[origin.model.id];
          if (!origin.instance || !methods?.rows.includes(name)) return undefined;
          driver = origin.model;
        } else if (options.unresolvedSql === false || !UNRESOLVED_SQL_METHODS.has(name) || resolvedLibrary(receiver) !== undefined) {
          return undefined;
        }
        textNode = call.arguments[0];
      }
      if (!textNode || textNode.type === AST_NODE_TYPES.SpreadElement) return undefined;
      const inner = unwrap(textNode);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) {
        const text = literalProperty(inner, driver?.textKey ?? 'text') ?? literalProperty(inner, 'sql') ?? literalProperty(inner, 'text');
        values = literalProperty(inner, 'values') ?? values;
        if (!text) return undefined;
        textNode = text;
      }
      const query = sqlQuery(textNode, values);
      if (!query) return undefined;
      const callback = trailingCallback(call);
      return describe(call, chainUp(call).outer, 'sql', 'sql', query.table, query.bound, {
        label: chainLabel(call),
        libraryLabel: driver ? `${driver.label} SQL` : 'SQL',
        tuple: driver ? (!callback && isTupleResult(driver, call) ? 'yes' : 'no') : 'maybe',
        callback,
        filter: query.filter,
      });
    }

    /** mysql2's `[rows, fields]`; Sequelize's `[results, metadata]` unless the query asks for `QueryTypes.SELECT`. */
    function isTupleResult(driver: SqlDriver, call: TSESTree.CallExpression): boolean {
      if (TUPLE_RESULT_DRIVERS.has(driver.id)) return true;
      if (driver.id !== 'sequelize') return false;
      const optionsNode = call.arguments[1];
      const type = optionsNode ? property(flow.valueOf(optionsNode), 'type', optionsNode) : [];
      // `{ type: QueryTypes.SELECT }` (or `'SELECT'`) gives the rows alone.
      return !type.some((atom) => (atom.kind === 'const' && atom.value === 'SELECT') || (atom.kind === 'module' && atom.path.endsWith('.SELECT')) || atom.names.at(-1) === 'SELECT');
    }

    function taggedList(node: TSESTree.TaggedTemplateExpression): ListQuery | undefined {
      const tag = unwrap(node.tag);
      let label: string | undefined;
      if (tag.type === AST_NODE_TYPES.MemberExpression && memberName(tag) === '$queryRaw') {
        const client = unwrap(tag.object);
        const clientName = referenceName(client);
        if (resolvedLibrary(client) !== 'prisma' && drivers.resolve(client)?.model?.id !== 'prisma' && (clientName === undefined || !PRISMA_CLIENT_NAME.test(clientName))) return undefined;
        label = 'Prisma tagged SQL';
      } else {
        const origin = drivers.resolve(tag);
        if (origin?.model?.id !== 'postgres' || !origin.instance) return undefined;
        label = 'postgres.js tagged SQL';
      }
      const query = sqlQuery(node.quasi, undefined);
      if (!query) return undefined;
      return describe(node, node, 'sql', 'sql', query.table, query.bound, { label: shortSource(sourceCode, node.tag), libraryLabel: label, filter: query.filter });
    }

    /** Whether SQL text is a list select, and what bounds it. */
    function sqlQuery(textNode: TSESTree.Node, values: TSESTree.Node | undefined): { table: string | undefined; bound: Bound; filter: () => Filter | undefined } | undefined {
      const inner = unwrap(textNode);
      const skeleton = inner.type === AST_NODE_TYPES.TemplateLiteral ? inner.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join(SQL_HOLE) : sqlSkeleton(sourceCode, textNode);
      const text = skeleton.slice(0, 4000);
      if (!SQL_SELECT_START.test(text)) return undefined;
      const from = SQL_FROM_WORD.exec(text);
      if (!from) return undefined;
      const selectList = text.slice(text.search(/select/iu) + 6, from.index);
      if (SQL_GROUP_BY.test(text)) return undefined;
      if (SQL_AGGREGATE_ITEM.test(selectList)) return undefined;
      const table = SQL_FIRST_TABLE.exec(text)?.[1];
      const filter = () => sqlFilter(text, textNode, values);
      if (SQL_ROW_BOUND.test(text)) return { table, bound: limitBound(text, inner, values), filter };
      for (const match of text.matchAll(SQL_UNIQUE_WHERE)) {
        if (uniqueKeys.has(match[1]!.toLowerCase()) || uniqueKeys.has(match[1]!)) return { table, bound: BOUNDED, filter };
      }
      return { table, bound: NONE, filter };
    }

    /** The conditions of a SQL `WHERE`: the values compared (interpolated or bound), and whether each is an equality. */
    function sqlFilter(text: string, textNode: TSESTree.Node, values: TSESTree.Node | undefined): Filter | undefined {
      const where = /\bwhere\b/iu.exec(text);
      if (!where) return undefined;
      const conditions = text.slice(where.index);
      const holes = conditions.split(SQL_HOLE).length - 1 + (conditions.match(/\$\d+|\?|[:@]\w+/gu)?.length ?? 0);
      const equalities = conditions.match(SQL_EQUALITY_HOLE)?.length ?? 0;
      return {
        onlyEqualities: holes === equalities && !SQL_RANGE_OR_PATTERN.test(conditions),
        variable: holes,
        values: union(flow.valueOf(textNode), values ? flow.valueOf(values) : []),
      };
    }

    /** The value bound to `LIMIT $1`, `LIMIT ?`, `LIMIT :limit` or `LIMIT ${x}`, checked for a cap. */
    function limitBound(text: string, raw: TSESTree.Node, values: TSESTree.Node | undefined): Bound {
      const template = flow.valueOf(raw).map((atom) => atom.node).find((node): node is TSESTree.TemplateLiteral => node.type === AST_NODE_TYPES.TemplateLiteral);
      if (template) {
        const index = template.quasis.findIndex((quasi, position) => position < template.expressions.length && SQL_LIMIT_AT_END.test(quasi.value.cooked ?? quasi.value.raw));
        if (index >= 0) return sizeBound(template.expressions[index]);
      }
      const bound = values && flow.valueOf(values);
      const list = bound?.map((atom) => atom.node).find((node): node is TSESTree.ArrayExpression => node.type === AST_NODE_TYPES.ArrayExpression);
      const dollar = SQL_LIMIT_DOLLAR.exec(text);
      if (dollar && list) return sizeBound(list.elements[Number(dollar[1]) - 1] ?? undefined);
      const question = SQL_LIMIT_QUESTION.exec(text);
      if (question && list) return sizeBound(list.elements[text.slice(0, question.index).split('?').length - 1] ?? undefined);
      const named = SQL_LIMIT_NAMED.exec(text);
      if (named && values && bound) {
        const replacements = union(property(bound, 'replacements', values), property(bound, 'bind', values));
        const size = property(objectsOf(replacements) ? replacements : bound, named[1]!, values);
        return size.length > 0 ? valueBound(size) : BOUNDED;
      }
      const written = SQL_LIMIT_NUMBER.exec(text);
      return written && options.maxPageSize !== undefined ? { kind: 'bounded', size: Number(written[1]) } : BOUNDED;
    }

    function recognise(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): ListQuery | undefined {
      if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) return taggedList(node);
      const { object, name } = calleeParts(node);
      if (name === undefined) return builderEnd(node) ? builderChain(node) : undefined;
      const method = LIST_METHODS.get(name);
      if (object && method) return ormList(node, name, method);
      if (object && QUERY_BUILDER_LIST_METHODS.has(name)) return builderList(node);
      if (object && SQL_METHOD_NAMES.has(name)) {
        const sql = sqlList(node);
        if (sql) return sql;
      }
      return builderEnd(node) ? builderChain(node) : undefined;
    }

    /** The last call of a chain (before `.then`): where a knex or drizzle builder is run. */
    function builderEnd(call: TSESTree.CallExpression): boolean {
      const parent = call.parent;
      if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== call) return true;
      const name = memberName(parent);
      return name !== undefined && PROMISE_METHODS.has(name);
    }

    // ---- Where the rows go: the engine's forward question -----------------------------------

    /** The response that sends the rows of a list query from a GET handler, in this file or (with `crossFile`) another. */
    function deliveryOf(query: ListQuery): Delivery | undefined {
      let delivery: Delivery | undefined;
      const decide = (use: Use, at: Flow): Decision => {
        if (!holdsRows(use.path, query.tuple)) return undefined;
        const response = responseOf(use, at);
        if (response !== undefined) {
          if (!sentByListEndpoint(query, use, at)) return undefined;
          delivery = { response, use, flow: at };
          return 'sink';
        }
        return handsOn(use, at) ? 'through' : undefined;
      };
      const callback = query.callback;
      const start = callback ? callback.params[callback.params.length >= 2 ? 1 : 0] : query.outer;
      if (!start) return undefined;
      flow.forward(start, decide, query.tuple === 'yes' ? ['0'] : []);
      return delivery;
    }

    /** Whether the value at `path` of a query's result is still the list: `result.rows`, `rows.map(...)`, not `rows[0]`, `rows.find()`, `rows.length`. */
    function holdsRows(path: readonly string[], tuple: ListQuery['tuple']): boolean {
      return path.every((key, index) => {
        if (key.endsWith('()')) return ROW_KEEPING_METHODS.has(key.slice(0, -2));
        // A driver the rule cannot see may give `[rows, fields]`.
        if (index === 0 && tuple === 'maybe' && (key === '0' || key === '[]')) return true;
        return RESULT_ROWS.has(key);
      });
    }

    function responsesOf(at: Flow): ResponseObjects {
      let found = responseObjects.get(at);
      if (!found) {
        found = new ResponseObjects(at.sourceCode, at.modules, RESPONSE_OBJECT_NAMES);
        responseObjects.set(at, found);
      }
      return found;
    }

    /** `res.status(200).set(...)` → `res`. */
    function responseBase(node: TSESTree.Node): TSESTree.Node {
      let current = unwrap(node);
      for (let depth = 0; depth < 8 && isCallTo(current); depth++) {
        const { object, name } = calleeParts(current);
        if (!object || name === undefined || !RESPONSE_CHAIN_METHODS.has(name)) break;
        current = unwrap(object);
      }
      return current;
    }

    /**
     * The response a use sends the value in, named for the message: `res.json`/`send`/`render` (its
     * locals)/`jsonp`/`end`/`write`, `reply.send`, Hono's `c.json`, `NextResponse.json`, `new
     * Response()`, a call that is also given the response (`sendSuccess(res, rows)`), Koa's
     * `ctx.body =`, `res.locals`, a NestJS or Fastify handler's return value.
     */
    function responseOf(use: Use, at: Flow): string | undefined {
      const responses = responsesOf(at);
      const call = use.at;
      if (use.kind === 'argument' && call.type === AST_NODE_TYPES.CallExpression) {
        const { object, name } = calleeParts(call);
        if (object && name !== undefined) {
          const receiver = responseBase(object);
          if ((RESPONSE_SEND_METHODS.has(name) || (name === 'render' && use.index === 1)) && responses.isResponseObject(receiver)) return `\`${referenceName(receiver) ?? 'res'}.${name}()\``;
          const receiverName = referenceName(receiver);
          if (CONTEXT_SEND_METHODS.has(name) && receiverName !== undefined && HONO_CONTEXT_NAMES.has(receiverName) && use.index === 0) return `\`${receiverName}.${name}()\``;
          if (name === 'json' && responses.responseClass(object) !== undefined) return `\`${responses.responseClass(object)}.json()\``;
        }
        const other = call.arguments.find((argument, index) => index !== use.index && (responses.isResponseObject(argument) || KOA_CONTEXT_NAMES.has(referenceName(argument) ?? '')));
        return other ? `\`${shortSource(at.sourceCode, call.callee)}()\`` : undefined;
      }
      if (use.kind === 'argument' && call.type === AST_NODE_TYPES.NewExpression) {
        const name = responses.responseClass(call.callee);
        return name === undefined ? undefined : `\`new ${name}()\``;
      }
      if (use.kind === 'stored' && call.type === AST_NODE_TYPES.AssignmentExpression && call.left.type === AST_NODE_TYPES.MemberExpression) {
        const target = call.left;
        const object = unwrap(target.object);
        const objectName = referenceName(object);
        // Koa: `ctx.body = rows`, `ctx.response.body = rows`, `this.body = rows`; Express: `res.locals.rows = rows` for a view.
        if (memberName(target) === 'body' && (object.type === AST_NODE_TYPES.ThisExpression || (objectName !== undefined && (KOA_CONTEXT_NAMES.has(objectName) || objectName === 'response')))) {
          return `\`${shortSource(at.sourceCode, target)} =\``;
        }
        if (objectName === 'locals' && object.type === AST_NODE_TYPES.MemberExpression && responses.isResponseObject(object.object)) return `\`${shortSource(at.sourceCode, object)}\``;
        return undefined;
      }
      if (use.kind === 'returned') {
        const fn = returningFunction(use);
        const handler = fn && at.handlerOf(fn);
        return handler && RETURNING_FRAMEWORKS.has(handler.framework) ? 'the return value of the handler' : undefined;
      }
      return undefined;
    }

    function returningFunction(use: Use): FunctionNode | undefined {
      return use.at.type === AST_NODE_TYPES.ArrowFunctionExpression && use.at.body === use.node ? use.at : enclosingFunction(use.at);
    }

    /** Calls that give the rows back reshaped: `JSON.stringify`, `Promise.all`, `Array.from`, serializers and DTO mappers of libraries, `new ListDto(rows)`. */
    function handsOn(use: Use, at: Flow): boolean {
      if (use.kind !== 'argument') return false;
      const call = use.at;
      if (call.type === AST_NODE_TYPES.NewExpression) return /^[A-Z]/u.test(referenceName(call.callee) ?? '');
      if (call.type !== AST_NODE_TYPES.CallExpression) return false;
      const { object, name, callee } = calleeParts(call);
      if (name === undefined) return false;
      const objectName = object && referenceName(object);
      if (PRESERVING_GLOBALS.has(name) && (objectName === 'JSON' || objectName === 'Array' || objectName === 'Object' || objectName === 'Promise' || !object)) return true;
      // A same-file function is followed into by the engine itself.
      return TRANSFORM_NAME.test(name) && !at.functions.of(callee);
    }

    /** Whether the response is one of a list endpoint: a GET handler (or one whose method no file says) that is not a lookup by its route's key. */
    function sentByListEndpoint(query: ListQuery, use: Use, at: Flow): boolean {
      if (options.crossFile === false && at !== flow) return false;
      const returning = use.kind === 'returned' ? returningFunction(use) : undefined;
      const handler = returning ? at.handlerOf(returning) : handlerAround(use.at, at);
      if (!handler || handler.framework === 'graphql') return false;
      const branch = branchMethod(use.at, handler.fn);
      if (branch !== undefined ? branch !== 'GET' : !checksHandler(handler, at)) return false;
      return !addressesOneItem(query, handler);
    }

    /** The innermost handler around a node, whichever file registers it. */
    function handlerAround(node: TSESTree.Node, at: Flow): FlowHandler | undefined {
      for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
        const handler = at.handlerOf(fn);
        if (handler) return handler;
      }
      return undefined;
    }

    /** Whether a handler, outside any `req.method` branch, answers GET requests. */
    function checksHandler(handler: FlowHandler, at: Flow): boolean {
      if (handler.method === 'GET') return true;
      if (handler.method !== undefined && handler.method !== 'ALL') return false;
      if (options.unknownMethods === false) return false;
      const name = functionName(handler.fn);
      if (name !== undefined && MUTATING_HANDLER_NAME.test(name)) return false;
      return !readsBody(handler.fn, at);
    }

    /** A read of the whole request body outside a `req.method` branch (a body read under `req.method === 'POST'` says nothing of the other branches). */
    function readsBody(fn: FunctionNode, at: Flow): boolean {
      let reads = bodyReaders.get(fn);
      if (reads === undefined) {
        reads = false;
        const stack: TSESTree.Node[] = [fn.body];
        while (stack.length > 0 && !reads) {
          const node = stack.pop()!;
          const bodyRead =
            (node.type === AST_NODE_TYPES.MemberExpression && memberName(node) === 'body') ||
            (node.type === AST_NODE_TYPES.CallExpression && /^(?:json|parseBody|formData)$/u.test(calleeParts(node).name ?? ''));
          if (bodyRead && isWholeRequestBody(node) && branchMethod(node, fn) === undefined) reads = true;
          pushChildren(stack, node, at.sourceCode.visitorKeys);
        }
        bodyReaders.set(fn, reads);
      }
      return reads;
    }

    /**
     * A route that names one item by several path parameters (`GET /rates/:from-:to`,
     * `/repos/:owner/:name`: its last segment is a parameter) whose query fixes exactly those
     * parameters with equalities is a lookup by a composite key, not a list endpoint. One parameter
     * that fixes a column not in `uniqueKeys` (`/notes/user/:userId`) is an owner: its rows are a list.
     */
    function addressesOneItem(query: ListQuery, handler: FlowHandler): boolean {
      const path = handler.path;
      const last = path?.split('/').filter(Boolean).at(-1);
      if (path === undefined || last === undefined || !new RegExp(ROUTE_PARAMETER.source, 'u').test(last)) return false;
      const parameters = new Set([...path.matchAll(ROUTE_PARAMETER)].map((match) => match[1] ?? match[2]!));
      if (parameters.size < 2) return false;
      const filter = query.filter();
      if (!filter?.onlyEqualities || filter.variable !== parameters.size) return false;
      const fixed = new Set([...atomsOf(filter.values, { intoContainers: true })].flatMap((atom) => (atom.kind === 'request' ? [atom.part === 'params' ? atom.path[0] : undefined] : [])));
      return !fixed.has(undefined) && [...parameters].every((name) => fixed.has(name));
    }

    /** The method a `req.method` branch around the node selects (`if (req.method === 'POST')`, `case 'GET':`). */
    function branchMethod(node: TSESTree.Node, fn: FunctionNode): string | undefined {
      for (let current: TSESTree.Node | undefined = node; current && current !== fn; current = current.parent) {
        const parent: TSESTree.Node | undefined = current.parent;
        if (parent?.type === AST_NODE_TYPES.IfStatement && parent.consequent === current) {
          const method = methodTest(parent.test);
          if (method !== undefined) return method;
        }
        if (parent?.type === AST_NODE_TYPES.SwitchCase && parent.test && parent.consequent.includes(current as TSESTree.Statement)) {
          const discriminant = unwrap(parent.parent.discriminant);
          if (discriminant.type === AST_NODE_TYPES.MemberExpression && memberName(discriminant) === 'method') {
            const value = staticName(parent.test);
            if (value !== undefined) return value.toUpperCase();
          }
        }
      }
      return undefined;
    }

    function methodTest(test: TSESTree.Node): string | undefined {
      if (test.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '===' && test.operator !== '==')) return undefined;
      const sides = [unwrap(test.left), unwrap(test.right as TSESTree.Node)];
      const member = sides.find((side) => side.type === AST_NODE_TYPES.MemberExpression && memberName(side) === 'method');
      const literal = sides.find((side) => side.type === AST_NODE_TYPES.Literal && typeof side.value === 'string') as TSESTree.StringLiteral | undefined;
      return member && literal ? literal.value.toUpperCase() : undefined;
    }

    function isSmallTable(name: string | undefined): boolean {
      return name !== undefined && tableForms(name).some((form) => smallTables.has(form));
    }

    /** Where a response in another file is: `in routes/products.js:15`. */
    function whereIs(delivery: Delivery): string {
      if (delivery.flow === flow) return delivery.response;
      const file = relative(dirname(flow.filename), delivery.flow.filename);
      return `${delivery.response} in ${file}:${delivery.use.at.loc.start.line}`;
    }

    function check(candidate: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void {
      const query = recognise(candidate);
      if (!query || isSmallTable(query.table)) return;
      const { bound } = query;
      const maximum = options.maxPageSize;
      const aboveMaximum = bound.kind === 'bounded' && bound.size !== undefined && maximum !== undefined && bound.size > maximum;
      if (bound.kind === 'bounded' && !aboveMaximum) return;
      const delivery = deliveryOf(query);
      if (!delivery) return;
      if (aboveMaximum) {
        context.report({ node: query.node, messageId: 'pageSizeAboveMaximum', data: { query: query.label, library: query.library, size: bound.size, maximum } });
        return;
      }
      if (bound.kind === 'uncapped') {
        context.report({ node: query.node, messageId: 'uncappedPageSize', data: { query: query.label, library: query.library, value: bound.culprit } });
        return;
      }
      context.report({ node: query.node, messageId: 'unboundedList', data: { query: query.label, library: query.library, advice: query.advice, response: whereIs(delivery) } });
    }

    return {
      CallExpression(node) {
        // Cheap name checks: a list method, a SQL method, or the end of a chain a builder may be.
        const { name } = calleeParts(node);
        if ((name !== undefined && (LIST_METHODS.has(name) || QUERY_BUILDER_LIST_METHODS.has(name) || SQL_METHOD_NAMES.has(name))) || builderEnd(node)) candidates.push(node);
      },
      TaggedTemplateExpression(node) {
        candidates.push(node);
      },
      'Program:exit'() {
        for (const candidate of candidates) check(candidate);
      },
    };
  },
});
