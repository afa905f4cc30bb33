import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import {
  BUILDER_DATABASE_NAME,
  SQL_AGGREGATE_ITEM,
  SQL_FIRST_TABLE,
  SQL_FROM_WORD,
  SQL_GROUP_BY,
  SQL_LIMIT_AT_END,
  SQL_LIMIT_DOLLAR,
  SQL_LIMIT_NAMED,
  SQL_LIMIT_QUESTION,
  SQL_ROW_BOUND,
  SQL_SELECT_START,
  SQL_UNIQUE_WHERE,
  CHAIN_LIMITS,
  CHAIN_NOT_LISTS,
  DOCUMENT_CHAIN_METHODS,
  DOCUMENT_NOT_LISTS,
  KNEX_BUILDER_METHODS,
  KNEX_NAME,
  LIST_METHODS,
  LIST_PRESERVING_METHODS,
  MODEL_NAMESPACE_NAME,
  MUTATING_HANDLER_NAME,
  NUMBER_CONVERSIONS,
  PRESERVING_GLOBALS,
  PRISMA_CLIENT_NAME,
  PROMISE_METHODS,
  QUERY_BUILDER_LIMITS,
  QUERY_BUILDER_LIST_METHODS,
  REFERENCE_TABLES,
  REPOSITORY_NAME,
  RESULT_ROWS,
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
import { StringClassifier } from '../src/ast/dynamic-string.js';
import { OriginResolver } from '../src/ast/module-origin.js';
import { exportedNames, importedFunction, resolveRelativeModule } from '../src/ast/module-file.js';
import { calleeParts, enclosingClass, enclosingFunction, isFunction, keyName, memberName, referenceName, returnedValues, shortSource, staticName, unwrap, type FunctionNode } from '../src/ast/nodes.js';
import { isRequestInput, isWholeRequestBody, requestDecorator } from '../src/ast/request-input.js';
import { ResponseObjects } from '../src/ast/responses.js';
import { handlerOf, routeHandlers, type RouteHandler } from '../src/ast/route-handlers.js';
import { sqlSkeleton } from '../src/ast/sql-text.js';
import { findVariable, parameterOf, writesOf, type Variable } from '../src/ast/variables.js';
import { createRule } from '../src/create-rule.js';
import { LINTED_FILES } from '../src/linted-files.js';
import { nameList } from '../src/schema.js';

type Options = [{ smallTables?: string[]; uniqueKeys?: string[]; unknownMethods?: boolean; unresolvedSql?: boolean; crossFile?: boolean }];
type MessageIds = 'unboundedList' | 'uncappedPageSize';

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
  /** The rows are the first element of the result (`[rows, fields]`, `[items, count]`). */
  readonly tuple: boolean;
  /** An error-first callback that receives the rows (`Model.find(filter, (err, docs) => ...)`). */
  readonly callback: FunctionNode | undefined;
}

type Bound = { readonly kind: 'none' } | { readonly kind: 'bounded' } | { readonly kind: 'uncapped'; readonly culprit: TSESTree.Node };
type Size = { readonly kind: 'request'; readonly culprit: TSESTree.Node } | { readonly kind: 'capped' } | { readonly kind: 'other' };

interface Link {
  readonly name: string;
  readonly call: TSESTree.CallExpression;
}

const NONE: Bound = { kind: 'none' };
const BOUNDED: Bound = { kind: 'bounded' };
const CAPPED: Size = { kind: 'capped' };
const OTHER: Size = { kind: 'other' };
const MAX_DEPTH = 24;
const MAX_HELPER_DEPTH = 2;
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
const RELATIONAL = new Set(['<', '<=', '>', '>=']);
const TRANSPARENT: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.AwaitExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.ChainExpression,
]);
const SQL_METHOD_NAMES: ReadonlySet<string> = new Set([
  ...UNRESOLVED_SQL_METHODS,
  ...Object.values(SQL_LIST_METHODS).flatMap((methods) => [...methods.rows, ...(methods.statement ?? [])]),
]);
/** Frameworks that send what a handler returns. */
const RETURNING_FRAMEWORKS: ReadonlySet<string> = new Set(['fastify', 'nestjs']);

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
      standard: 'List endpoints paginate, with a capped page size',
      precision: 'medium',
    },
    messages: {
      unboundedList:
        '`{{query}}` ({{library}}) sends every matching row to the client: this list has no page size and grows with the table. Paginate it: {{advice}}, with a page size capped on the server (default 20, max 100) and a cursor or offset.',
      uncappedPageSize:
        '`{{query}}` ({{library}}) takes its page size from the request (`{{value}}`) without a cap: a client can ask for every row at once. Cap it on the server, e.g. `Math.min(Number(limit) || 20, 100)` or a schema with `.max(100)`.',
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
              'Also check handlers whose HTTP method the file does not say (exported `(req, res)` controller functions, Next.js `pages/api` handlers), unless they read the request body, are named like a write (`createUser`) or the query sits under a non-GET `req.method` branch.',
          },
          crossFile: {
            type: 'boolean',
            description:
              'Follow calls to functions and injected service methods imported from project files (`this.usersService.findAll()`): one that returns an unbounded list query makes the call a list query here.',
          },
          unresolvedSql: {
            type: 'boolean',
            description: 'Check `SELECT` text run through `query`/`execute`/`all`/`any`/`many` on receivers not resolved to a driver (`db.query(...)` with `db` from a project module).',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    return detect(context, options);
  },
});

/** A function of another file that returns an unbounded list, by export name (`listUsers`, `UsersService.findAll`). */
interface ExportedList {
  readonly label: string;
  readonly library: string;
  readonly advice: string;
  readonly table: string | undefined;
  readonly tuple: boolean;
}

const exportedListCache = new Map<string, { mtimeMs: number; lists: Map<string, ExportedList> }>();
const collecting = new Set<string>();

/** The functions and methods a project file exports that return an unbounded list query, found by running the detection on it. */
function exportedListsOf(path: string, options: Options[0]): Map<string, ExportedList> {
  const mtimeMs = statSync(path).mtimeMs;
  const cached = exportedListCache.get(path);
  if (cached && cached.mtimeMs === mtimeMs) return cached.lists;
  if (collecting.has(path)) return new Map();
  collecting.add(path);
  const lists = new Map<string, ExportedList>();
  try {
    const collector: TSESLint.RuleModule<MessageIds, Options> = {
      meta: { type: 'suggestion', messages: { unboundedList: '', uncappedPageSize: '' }, schema: [] },
      defaultOptions: [{}],
      create: (context) =>
        detect(context, { ...options, crossFile: false }, (found) => {
          for (const [name, query] of found) lists.set(name, { label: query.label, library: query.library, advice: query.advice, table: query.table, tuple: query.tuple });
        }),
    };
    new Linter({ configType: 'flat', cwd: dirname(path) }).verify(
      readFileSync(path, 'utf8'),
      [
        {
          files: LINTED_FILES,
          plugins: { collector: { rules: { lists: collector } } as never },
          languageOptions: { parser: tsParser as never, sourceType: path.endsWith('.cjs') ? 'commonjs' : 'module' },
          rules: { 'collector/lists': 'error' },
        },
      ],
      { filename: path },
    );
  } catch {
    // A file that does not parse exports no lists.
  } finally {
    collecting.delete(path);
  }
  exportedListCache.set(path, { mtimeMs, lists });
  return lists;
}

function detect(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  options: Options[0],
  collect?: (found: ReadonlyMap<string, ListQuery>) => void,
): TSESLint.RuleListener {
  const { sourceCode } = context;
  const smallTables = new Set((options.smallTables ?? []).flatMap(tableForms));
  const uniqueKeys = new Set(options.uniqueKeys ?? UNIQUE_KEYS);
  const orms = new OriginResolver<ListLibrary>(sourceCode, listLibraryForModule);
  const drivers = new OriginResolver<SqlDriver>(sourceCode, driverForModule);
  const modules = new OriginResolver(sourceCode, () => undefined);
  const responses = new ResponseObjects(sourceCode, modules, RESPONSE_OBJECT_NAMES);
  const classifier = new StringClassifier(sourceCode, { isSanitizer: () => false, isFormatter: () => false });

  const calls: TSESTree.CallExpression[] = [];
  const tagged: TSESTree.TaggedTemplateExpression[] = [];
  const bodyReads: TSESTree.Node[] = [];
  const reported = new Set<TSESTree.Node>();

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

  /** Calls made later on a builder kept in a local (`const q = knex('t'); q.limit(10)`). */
  function variableLinks(declared: TSESTree.Node, except: TSESTree.Node | undefined): Link[] {
    const parent = declared.parent;
    if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== declared || parent.id.type !== AST_NODE_TYPES.Identifier) return [];
    const variable = findVariable(sourceCode, parent.id);
    if (!variable) return [];
    const links: Link[] = [];
    for (const reference of variable.references) {
      if (reference.identifier === parent.id || reference.identifier === except) continue;
      links.push(...chainUp(reference.identifier).links);
      // `q = q.limit(10)`: the reassignment is part of the chain.
      const write = reference.writeExpr;
      if (reference.isWrite() && write && isCallTo(unwrap(write))) links.push(...chainDown(unwrap(write) as TSESTree.CallExpression).links);
    }
    return links;
  }

  /** A chain whose root is a local holding a builder (`const qb = repo.createQueryBuilder('u'); ... qb.getMany()`). */
  function rootLinks(root: TSESTree.Node): { links: Link[]; root: TSESTree.Node } {
    if (root.type !== AST_NODE_TYPES.Identifier) return { links: [], root };
    const variable = findVariable(sourceCode, root);
    const definition = variable?.defs[0];
    if (!variable || definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return { links: [], root };
    const init = unwrap(definition.node.init);
    if (!isCallTo(init) || definition.node.init.type === AST_NODE_TYPES.AwaitExpression) return { links: [], root };
    const below = chainDown(init);
    return { links: [...below.links, ...variableLinks(definition.node.init, root)], root: below.root };
  }

  // ---- Bounds -------------------------------------------------------------------------------

  /** An object literal an argument is, following a `const` local. */
  function objectOf(node: TSESTree.Node | undefined, depth = 0): TSESTree.ObjectExpression | 'unknown' | undefined {
    if (!node) return undefined;
    const inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
    if (inner.type === AST_NODE_TYPES.Identifier && depth < 4) {
      const variable = findVariable(sourceCode, inner);
      const definition = variable?.defs[0];
      if (variable && definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === definition.name) {
        const writes = writesOf(variable);
        if (writes.length === 1 && writes[0]!.path.length === 0) return objectOf(writes[0]!.value, depth + 1);
      }
    }
    return 'unknown';
  }

  function propertyOf(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
    for (const property of object.properties) {
      if (property.type === AST_NODE_TYPES.Property && keyName(property) === key) return property.value;
    }
    return undefined;
  }

  /** Later `options.take = x` assignments to a local options object. */
  function assignedKey(node: TSESTree.Node | undefined, key: string): TSESTree.Node | undefined {
    const inner = node && unwrap(node);
    if (inner?.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(sourceCode, inner);
    for (const reference of variable?.references ?? []) {
      const member = reference.identifier.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || memberName(member) !== key) continue;
      const assignment = member.parent;
      if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === member) return assignment.right;
    }
    return undefined;
  }

  function hasSpread(object: TSESTree.ObjectExpression): boolean {
    return object.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement);
  }

  /** A filter that picks rows by a unique key: `{ id }`, `{ _id: { $in: ids } }`, `{ id: In(ids) }`. */
  function isUniqueFilter(node: TSESTree.Node | undefined): boolean {
    const object = objectOf(node);
    if (!object || object === 'unknown') return false;
    for (const property of object.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = keyName(property);
      if (key === 'AND' || key === '$and') {
        const value = unwrap(property.value);
        if (value.type === AST_NODE_TYPES.ArrayExpression && value.elements.some((element) => element && isUniqueFilter(element))) return true;
        continue;
      }
      if (key === undefined || !uniqueKeys.has(key)) continue;
      const value = unwrap(property.value);
      if (value.type === AST_NODE_TYPES.ObjectExpression) {
        if (value.properties.every((entry) => entry.type === AST_NODE_TYPES.Property && ['in', '$in', 'equals', '$eq'].includes(keyName(entry) ?? ''))) return true;
        continue;
      }
      if (value.type === AST_NODE_TYPES.CallExpression) {
        const name = calleeParts(value).name;
        if (name === 'In' || name === 'Equal') return true;
        continue;
      }
      return true;
    }
    return false;
  }

  /** knex `where('id', v)`, `where({ id })`, `whereIn('users.id', ids)`; drizzle `where(eq(users.id, v))`. */
  function isUniqueWhere(link: Link): boolean {
    if (link.name !== 'where' && link.name !== 'whereIn' && link.name !== 'andWhere') return false;
    const [first, second] = link.call.arguments;
    const column = staticName(first);
    if (column !== undefined && second) return uniqueKeys.has(column.slice(column.lastIndexOf('.') + 1));
    if (first && unwrap(first).type === AST_NODE_TYPES.ObjectExpression) return isUniqueFilter(first);
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

  function sizeBound(value: TSESTree.Node | undefined, handler: RouteHandler): Bound {
    if (!value) return BOUNDED;
    const size = pageSize(value, handler, 0);
    return size.kind === 'request' ? { kind: 'uncapped', culprit: size.culprit } : BOUNDED;
  }

  // ---- Page sizes from the request ----------------------------------------------------------

  /** Whether a value is a whole request part (`req.query`, `ctx.request.body`, an untyped `@Query() q`), or a local bound to one. */
  function isRequestPart(node: TSESTree.Node, handler: RouteHandler, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const inner = unwrap(node);
    if (isRequestInput(inner)) return true;
    if (inner.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(sourceCode, inner);
    if (!variable) return false;
    const definition = variable.defs[0];
    if (definition?.type === 'Parameter') return requestParameter(variable) === 'part';
    if (definition?.type !== 'Variable') return false;
    return writesOf(variable).some((write) => write.path.length === 0 && !write.element && isRequestPart(write.value, handler, depth + 1));
  }

  /** A NestJS `@Query()` parameter: a whole part (`'part'`), one value (`'value'`), or a DTO class, trusted to be validated. */
  function requestParameter(variable: Variable): 'part' | 'value' | undefined {
    const parameter = parameterOf(variable);
    if (!parameter) return undefined;
    const decorator = requestDecorator(parameter.fn.params[parameter.index] ?? parameter.name);
    if (decorator !== 'Query' && decorator !== 'Body' && decorator !== 'Param') return undefined;
    const type = parameter.name.typeAnnotation?.typeAnnotation;
    if (type?.type === AST_NODE_TYPES.TSTypeReference) {
      const name = type.typeName.type === AST_NODE_TYPES.Identifier ? type.typeName.name : undefined;
      const definition = type.typeName.type === AST_NODE_TYPES.Identifier ? findVariable(sourceCode, type.typeName)?.defs[0] : undefined;
      // A class (imported or declared here): the ValidationPipe checks it against its decorators.
      if (name !== 'Record' && name !== 'Partial' && definition?.type !== 'Type') return undefined;
    }
    const decoratorNode = (parameter.fn.params[parameter.index] as { decorators?: TSESTree.Decorator[] }).decorators?.[0]?.expression;
    const key = decoratorNode?.type === AST_NODE_TYPES.CallExpression ? staticName(decoratorNode.arguments[0]) : undefined;
    return key === undefined ? 'part' : 'value';
  }

  /** Whether a page size comes from the request without a cap. */
  function pageSize(raw: TSESTree.Node, handler: RouteHandler, depth: number): Size {
    if (depth > MAX_DEPTH || handler.hasFrameworkSchema) return OTHER;
    const node = unwrap(raw);
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return OTHER;
      case AST_NODE_TYPES.MemberExpression: {
        if (isRequestInput(node)) return { kind: 'request', culprit: node };
        return isRequestPart(node.object, handler, depth + 1) ? { kind: 'request', culprit: node } : OTHER;
      }
      case AST_NODE_TYPES.CallExpression: {
        if (isRequestInput(node)) return { kind: 'request', culprit: node };
        const { object, name } = calleeParts(node);
        const objectName = object && referenceName(object);
        if (name === 'min' && objectName === 'Math') {
          const sizes = node.arguments.map((argument) => pageSize(argument, handler, depth + 1));
          return sizes.some((size) => size.kind !== 'request') ? CAPPED : sizes[0] ?? OTHER;
        }
        if (name === 'max' && objectName === 'Math') return union(node.arguments.map((argument) => pageSize(argument, handler, depth + 1)));
        if (name !== undefined && NUMBER_CONVERSIONS.has(name) && (!object || objectName === 'Math' || objectName === 'Number' || objectName === '_')) {
          const [first] = node.arguments;
          return first ? pageSize(first, handler, depth + 1) : OTHER;
        }
        return OTHER;
      }
      case AST_NODE_TYPES.UnaryExpression:
        return node.operator === '+' || node.operator === '-' ? pageSize(node.argument, handler, depth + 1) : OTHER;
      case AST_NODE_TYPES.BinaryExpression:
        if (node.operator === '+' || node.operator === '-' || node.operator === '*' || node.operator === '|') {
          return union([pageSize(node.left, handler, depth + 1), pageSize(node.right as TSESTree.Node, handler, depth + 1)]);
        }
        return OTHER;
      case AST_NODE_TYPES.LogicalExpression:
        return node.operator === '&&' ? pageSize(node.right, handler, depth + 1) : union([pageSize(node.left, handler, depth + 1), pageSize(node.right, handler, depth + 1)]);
      case AST_NODE_TYPES.ConditionalExpression:
        // `limit > 100 ? 100 : limit`: a clamp.
        if (node.test.type === AST_NODE_TYPES.BinaryExpression && RELATIONAL.has(node.test.operator)) return CAPPED;
        return union([pageSize(node.consequent, handler, depth + 1), pageSize(node.alternate, handler, depth + 1)]);
      case AST_NODE_TYPES.Identifier:
        return identifierSize(node, handler, depth);
      default:
        return OTHER;
    }
  }

  function union(sizes: readonly Size[]): Size {
    return sizes.find((size) => size.kind === 'request') ?? sizes.find((size) => size.kind === 'capped') ?? OTHER;
  }

  function identifierSize(node: TSESTree.Identifier, handler: RouteHandler, depth: number): Size {
    const variable = findVariable(sourceCode, node);
    const definition = variable?.defs[0];
    if (!variable || !definition) return OTHER;
    // `if (limit > 100) limit = 100`, `if (limit > MAX) throw ...`: compared with a bound before use.
    const compared = variable.references.some((reference) => {
      const parent = reference.identifier.parent;
      return parent?.type === AST_NODE_TYPES.BinaryExpression && RELATIONAL.has(parent.operator);
    });
    if (definition.type === 'Parameter') {
      if (requestParameter(variable) !== 'value') return OTHER;
      return compared ? CAPPED : { kind: 'request', culprit: node };
    }
    if (definition.type !== 'Variable') return OTHER;
    const sizes = writesOf(variable).map((write): Size => {
      if (write.element) return OTHER;
      if (write.path.length > 0) {
        // `const { limit = 20 } = req.query`.
        return write.path.length === 1 && isRequestPart(write.value, handler, depth + 1) ? { kind: 'request', culprit: write.value } : OTHER;
      }
      return pageSize(write.value, handler, depth + 1);
    });
    if (sizes.some((size) => size.kind === 'capped') || compared) return sizes.some((size) => size.kind === 'request') || compared ? CAPPED : OTHER;
    const request = sizes.find((size) => size.kind === 'request');
    return request ? { kind: 'request', culprit: request.culprit === node ? node : request.culprit } : OTHER;
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
  function guessedModel(node: TSESTree.Node): boolean {
    const inner = unwrap(node);
    const name = referenceName(inner);
    if (name === undefined) return false;
    const isOwnField = inner.type === AST_NODE_TYPES.MemberExpression && unwrap(inner.object).type === AST_NODE_TYPES.ThisExpression;
    if (isModelName(name) && (inner.type === AST_NODE_TYPES.Identifier || isOwnField)) return true;
    if (inner.type === AST_NODE_TYPES.Identifier) {
      const origin = modules.resolve(inner);
      return origin !== undefined && isModelModulePath(origin.module) && !origin.path.includes('(') && origin.path.split('.').length <= 2;
    }
    if (inner.type === AST_NODE_TYPES.MemberExpression && /^[A-Z]/u.test(name)) {
      // `db.User`, `models.Post`, `sequelize.models.Tag`, `this.models.Order`.
      const namespace = unwrap(inner.object);
      const namespaceName = referenceName(namespace);
      if (namespaceName !== undefined && MODEL_NAMESPACE_NAME.test(namespaceName)) return true;
      const origin = namespace.type === AST_NODE_TYPES.Identifier ? modules.resolve(namespace) : undefined;
      return origin !== undefined && isModelModulePath(origin.module) && origin.path === '';
    }
    return false;
  }

  function modelName(node: TSESTree.Node): string | undefined {
    const inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.CallExpression) {
      // `getRepository(User)`, `db.collection('users')`, `dataSource.getRepository(Order)`.
      const [first] = inner.arguments;
      return first ? (staticName(first) ?? referenceName(first)) : undefined;
    }
    return referenceName(inner);
  }

  // ---- Recognising list queries --------------------------------------------------------------

  function describe(
    node: TSESTree.Node,
    outer: TSESTree.Node,
    library: ListLibraryId | 'sql',
    advice: keyof typeof ADVICE,
    table: string | undefined,
    bound: Bound,
    extra: { label?: string; libraryLabel?: string; tuple?: boolean; callback?: FunctionNode } = {},
  ): ListQuery {
    const label = extra.label ?? (isCallTo(node) ? chainLabel(node) : shortSource(sourceCode, node));
    return {
      node,
      outer,
      label,
      library: extra.libraryLabel ?? (library === 'sql' ? 'SQL' : LIBRARY_LABELS[library]),
      advice: ADVICE[advice],
      table,
      bound,
      tuple: extra.tuple ?? false,
      callback: extra.callback,
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
  function ormList(call: TSESTree.CallExpression, name: string, method: ListMethod, handler: RouteHandler): ListQuery | undefined {
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
        return optionsQuery(call, 'drizzle', 'drizzle-relational', 'limit', table, method, handler);
      }
      const clientName = referenceName(client);
      if (resolvedLibrary(client) !== 'prisma' && (clientName === undefined || !PRISMA_CLIENT_NAME.test(clientName))) return undefined;
      return optionsQuery(call, 'prisma', 'prisma', 'take', table, method, handler);
    }
    let library = resolvedLibrary(receiver);
    if (library === undefined || !method.libraries.includes(library)) {
      if (library !== undefined && library !== 'typeorm') return undefined;
      const receiverName = referenceName(receiver);
      const repository = receiverName !== undefined && REPOSITORY_NAME.test(receiverName);
      const collection = isCallTo(receiver) && calleeParts(receiver).name === 'collection';
      if (collection && name === 'find') library = 'mongodb';
      else if (repository && method.libraries.includes('typeorm')) library = 'typeorm';
      else if (library === undefined && guessedModel(receiver)) library = guessLibrary(name, first);
      if (library === undefined || !method.libraries.includes(library)) return undefined;
    }
    // A TypeORM `find` on a guessed or Mongo-looking receiver: options decide.
    if (name === 'find' && library !== 'typeorm' && first && typeormOptions(first)) library = 'typeorm';
    const table = modelName(receiver);
    if (library === 'typeorm') {
      // EntityManager: `manager.find(User, options)`.
      const entityFirst = first !== undefined && call.arguments.length >= 1 && isEntityReference(first) && !typeormOptions(first);
      const shifted = entityFirst ? 1 : 0;
      const entity = entityFirst ? (staticName(first) ?? referenceName(first)) : table;
      if (method.noPageSize) {
        const where = call.arguments[shifted];
        return describe(call, chainUp(call).outer, 'typeorm', 'typeorm-by', entity, isUniqueFilter(where) ? BOUNDED : NONE, { tuple: method.withCount });
      }
      return optionsQuery(call, 'typeorm', 'typeorm', 'take', entity, method, handler, shifted);
    }
    if (library === 'sequelize') return optionsQuery(call, 'sequelize', 'sequelize', 'limit', table, method, handler);
    return documentQuery(call, library as 'mongoose' | 'mongodb', table, handler);
  }

  function guessLibrary(name: string, first: TSESTree.Node | undefined): ListLibraryId | undefined {
    if (name === 'findAll' || name === 'findAndCountAll') return 'sequelize';
    if (name === 'find') return first && typeormOptions(first) ? 'typeorm' : 'mongoose';
    return 'typeorm';
  }

  function typeormOptions(node: TSESTree.Node): boolean {
    const object = objectOf(node);
    return object !== undefined && object !== 'unknown' && object.properties.some((property) => property.type === AST_NODE_TYPES.Property && TYPEORM_FIND_OPTION_KEYS.has(keyName(property) ?? ''));
  }

  function isEntityReference(node: TSESTree.Node): boolean {
    const inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.Literal) return typeof inner.value === 'string';
    return inner.type === AST_NODE_TYPES.Identifier && /^[A-Z]/u.test(inner.name);
  }

  /** Prisma, drizzle's relational API, TypeORM and Sequelize: the page size is an option. */
  function optionsQuery(
    call: TSESTree.CallExpression,
    library: ListLibraryId,
    advice: keyof typeof ADVICE,
    key: string,
    table: string | undefined,
    method: ListMethod,
    handler: RouteHandler,
    shift = 0,
  ): ListQuery | undefined {
    const argument = call.arguments[(method.options ?? 0) + shift];
    const outer = chainUp(call).outer;
    const extra = { tuple: method.withCount === true && library === 'typeorm' };
    if (!argument) return describe(call, outer, library, advice, table, NONE, extra);
    const options = objectOf(argument);
    if (options === 'unknown' || options === undefined) {
      const assigned = assignedKey(argument, key);
      return assigned ? describe(call, outer, library, advice, table, sizeBound(assigned, handler), extra) : undefined;
    }
    const value = propertyOf(options, key) ?? assignedKey(argument, key);
    if (value) return describe(call, outer, library, advice, table, sizeBound(value, handler), extra);
    // A spread may carry the page size (`{ ...pagination, where }`).
    if (hasSpread(options)) return undefined;
    const where = method.whereKey ? propertyOf(options, 'where') : argument;
    return describe(call, outer, library, advice, table, isUniqueFilter(where) ? BOUNDED : NONE, extra);
  }

  /** Mongoose and the MongoDB driver: `find(filter)` bounded by `.limit()` or a `limit` option. */
  function documentQuery(call: TSESTree.CallExpression, library: 'mongoose' | 'mongodb', table: string | undefined, handler: RouteHandler): ListQuery | undefined {
    const { links, outer } = chainUp(call);
    const all = [...links, ...variableLinks(outer, undefined)];
    if (all.some((link) => DOCUMENT_NOT_LISTS.has(link.name))) return undefined;
    const callback = trailingCallback(call) ?? (links.at(-1)?.name === 'exec' ? trailingCallback(links.at(-1)!.call) : undefined);
    const extra = { callback };
    const limit = all.find((link) => CHAIN_LIMITS.has(link.name));
    if (limit) return describe(call, outer, library, library, table, sizeBound(limit.call.arguments[0], handler), extra);
    if (all.some((link) => !DOCUMENT_CHAIN_METHODS.has(link.name) && !CHAIN_LIMITS.has(link.name))) return undefined;
    const optionsIndex = library === 'mongodb' ? 1 : 2;
    const options = objectOf(call.arguments[optionsIndex]);
    if (options === 'unknown') return undefined;
    const optionLimit = options && propertyOf(options, 'limit');
    if (optionLimit) return describe(call, outer, library, library, table, sizeBound(optionLimit, handler), extra);
    return describe(call, outer, library, library, table, isUniqueFilter(call.arguments[0]) ? BOUNDED : NONE, extra);
  }

  /** TypeORM's query builder: `createQueryBuilder('u').where(...).getMany()`. */
  function builderList(call: TSESTree.CallExpression, handler: RouteHandler): ListQuery | undefined {
    const below = chainDown(call);
    const fromRoot = rootLinks(below.root);
    const links = [...fromRoot.links, ...below.links];
    const creator = links.find((link) => link.name === 'createQueryBuilder');
    if (!creator && resolvedLibrary(fromRoot.root) !== 'typeorm') return undefined;
    const limit = links.find((link) => QUERY_BUILDER_LIMITS.has(link.name));
    const bound = limit ? sizeBound(limit.call.arguments[0], handler) : NONE;
    const creatorReceiver = creator && calleeParts(creator.call).object;
    const table = creatorReceiver ? modelName(creatorReceiver) : undefined;
    const name = calleeParts(call).name;
    return describe(call, chainUp(call).outer, 'typeorm', 'typeorm-builder', table, bound, { tuple: name === 'getManyAndCount' });
  }

  /** A knex or drizzle builder chain ending at `end`: `knex('users').where(...)`, `db.select().from(users)`. */
  function builderChain(end: TSESTree.CallExpression, handler: RouteHandler): ListQuery | undefined {
    const below = chainDown(end);
    let links = [...below.links, ...variableLinks(end, undefined)];
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
    if (links.some((link) => CHAIN_NOT_LISTS.has(link.name) || link.name === 'raw' || link.name === 'transaction')) return undefined;
    if (links[0] && /^select/u.test(links[0].name) && selectsAggregates(links[0].call)) return undefined;
    const label = isCallTo(start) && start === root
      ? `${shortSource(sourceCode, root.callee as TSESTree.Node)}(${table === undefined ? '...' : `'${table}'`})`
      : `${shortSource(sourceCode, root)}.${links[0]?.name ?? 'select'}(...)${links[0]?.name === 'from' ? '' : `.from(${library === 'knex' ? `'${table}'` : (table ?? '...')})`}`;
    const limit = links.find((link) => CHAIN_LIMITS.has(link.name));
    let bound: Bound = NONE;
    if (limit) bound = limit.name === 'limit' || limit.name === 'take' ? sizeBound(limit.call.arguments[0], handler) : BOUNDED;
    else if (links.some((link) => isUniqueWhere(link))) bound = BOUNDED;
    return describe(end, end, library, library, table, bound, { label });
  }

  /** drizzle `db.select({ total: count() })`, `select({ n: sql<number>\`count(*)\` })`: one row of aggregates. */
  function selectsAggregates(call: TSESTree.CallExpression): boolean {
    const fields = call.arguments[0] && unwrap(call.arguments[0]);
    if (fields?.type !== AST_NODE_TYPES.ObjectExpression || fields.properties.length === 0) return false;
    return fields.properties.every((property) => {
      if (property.type !== AST_NODE_TYPES.Property) return false;
      const value = unwrap(property.value);
      if (value.type === AST_NODE_TYPES.CallExpression) return AGGREGATE_FUNCTIONS.has(calleeParts(value).name ?? '');
      if (value.type === AST_NODE_TYPES.TaggedTemplateExpression) return SQL_AGGREGATE_ITEM.test(value.quasi.quasis[0]?.value.cooked ?? '');
      return false;
    });
  }

  /** SQL text: `pool.query('SELECT ...')`, `db.prepare(sql).all()`, `` sql`SELECT ...` ``. */
  function sqlList(call: TSESTree.CallExpression, handler: RouteHandler): ListQuery | undefined {
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
      const text = propertyOf(inner, driver?.textKey ?? 'text') ?? propertyOf(inner, 'sql') ?? propertyOf(inner, 'text');
      values = propertyOf(inner, 'values') ?? values;
      if (!text) return undefined;
      textNode = text;
    }
    const label = chainLabel(call);
    const query = sqlQuery(textNode, values, handler);
    if (!query) return undefined;
    const callback = trailingCallback(call);
    return describe(call, chainUp(call).outer, 'sql', 'sql', query.table, query.bound, {
      label,
      libraryLabel: driver ? `${driver.label} SQL` : 'SQL',
      tuple: driver !== undefined && TUPLE_RESULT_DRIVERS.has(driver.id) && !callback,
      callback,
    });
  }

  function taggedList(node: TSESTree.TaggedTemplateExpression, handler: RouteHandler): ListQuery | undefined {
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
    const query = sqlQuery(node.quasi, undefined, handler);
    if (!query) return undefined;
    return describe(node, node, 'sql', 'sql', query.table, query.bound, { label: shortSource(sourceCode, node.tag), libraryLabel: label });
  }

  /** Whether SQL text is a list select, and what bounds it. */
  function sqlQuery(textNode: TSESTree.Node, values: TSESTree.Node | undefined, handler: RouteHandler): { table: string | undefined; bound: Bound } | undefined {
    const inner = unwrap(textNode);
    const skeleton = inner.type === AST_NODE_TYPES.TemplateLiteral ? inner.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join('\u0000') : sqlSkeleton(sourceCode, textNode);
    const text = skeleton.slice(0, 4000);
    if (!SQL_SELECT_START.test(text)) return undefined;
    const from = SQL_FROM_WORD.exec(text);
    if (!from) return undefined;
    const selectList = text.slice(text.search(/select/iu) + 6, from.index);
    if (SQL_GROUP_BY.test(text)) return undefined;
    if (SQL_AGGREGATE_ITEM.test(selectList)) return undefined;
    const table = SQL_FIRST_TABLE.exec(text)?.[1];
    if (SQL_ROW_BOUND.test(text)) return { table, bound: limitBound(text, inner, values, handler) };
    for (const match of text.matchAll(SQL_UNIQUE_WHERE)) {
      if (uniqueKeys.has(match[1]!.toLowerCase()) || uniqueKeys.has(match[1]!)) return { table, bound: BOUNDED };
    }
    return { table, bound: NONE };
  }

  /** The value bound to `LIMIT $1`, `LIMIT ?`, `LIMIT :limit` or `LIMIT ${x}`, checked for a cap. */
  function limitBound(text: string, raw: TSESTree.Node, values: TSESTree.Node | undefined, handler: RouteHandler): Bound {
    const textNode = templateOf(raw);
    if (textNode) {
      const index = textNode.quasis.findIndex((quasi, position) => position < textNode.expressions.length && SQL_LIMIT_AT_END.test(quasi.value.cooked ?? quasi.value.raw));
      if (index >= 0) return sizeBound(textNode.expressions[index], handler);
    }
    const list = values && unwrap(values);
    const elements = list?.type === AST_NODE_TYPES.ArrayExpression ? list.elements : undefined;
    const dollar = SQL_LIMIT_DOLLAR.exec(text);
    if (dollar && elements) return sizeBound(elements[Number(dollar[1]) - 1] ?? undefined, handler);
    const question = SQL_LIMIT_QUESTION.exec(text);
    if (question && elements) {
      const position = text.slice(0, question.index).split('?').length - 1;
      return sizeBound(elements[position] ?? undefined, handler);
    }
    const named = SQL_LIMIT_NAMED.exec(text);
    if (named && list?.type === AST_NODE_TYPES.ObjectExpression) {
      const replacements = propertyOf(list, 'replacements') ?? propertyOf(list, 'bind');
      const holder = replacements && unwrap(replacements).type === AST_NODE_TYPES.ObjectExpression ? (unwrap(replacements) as TSESTree.ObjectExpression) : list;
      return sizeBound(propertyOf(holder, named[1]!), handler);
    }
    return BOUNDED;
  }

  /** The template literal a text is, directly or through a `const`. */
  function templateOf(node: TSESTree.Node): TSESTree.TemplateLiteral | undefined {
    const inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.TemplateLiteral) return inner;
    if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(sourceCode, inner);
    const writes = variable?.defs[0]?.type === 'Variable' ? writesOf(variable) : [];
    const value = writes.length === 1 && writes[0]!.path.length === 0 ? unwrap(writes[0]!.value) : undefined;
    return value?.type === AST_NODE_TYPES.TemplateLiteral ? value : undefined;
  }

  function recognise(node: TSESTree.Node, handler: RouteHandler): ListQuery | undefined {
    if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) return taggedList(node, handler);
    const call = node as TSESTree.CallExpression;
    const { object, name } = calleeParts(call);
    if (name === undefined) return builderEnd(call) ? builderChain(call, handler) : undefined;
    const method = LIST_METHODS.get(name);
    if (object && method) return ormList(call, name, method, handler);
    if (object && QUERY_BUILDER_LIST_METHODS.has(name)) return builderList(call, handler);
    if (object && SQL_METHOD_NAMES.has(name)) {
      const sql = sqlList(call, handler);
      if (sql) return sql;
    }
    return builderEnd(call) ? builderChain(call, handler) : undefined;
  }

  /** The last call of a chain (before `.then`): where a knex or drizzle builder is run. */
  function builderEnd(call: TSESTree.CallExpression): boolean {
    const parent = call.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== call) return true;
    const name = memberName(parent);
    return name !== undefined && PROMISE_METHODS.has(name);
  }

  // ---- Where the rows go ------------------------------------------------------------------

  interface Flow {
    readonly handler: RouteHandler;
    readonly scope: readonly FunctionNode[];
    readonly tuple: boolean;
    readonly seen: Set<TSESTree.Node>;
  }

  /** Whether the value of `node` (the rows, or a value holding them) reaches the response. */
  function reaches(node: TSESTree.Node, flow: Flow, depth: number): boolean {
    if (depth > MAX_DEPTH || flow.seen.has(node)) return false;
    flow.seen.add(node);
    const parent = node.parent;
    if (!parent) return false;
    if (TRANSPARENT.has(parent.type)) return reaches(parent, flow, depth + 1);
    switch (parent.type) {
      case AST_NODE_TYPES.MemberExpression:
        return parent.object === node && memberFlow(parent, flow, depth);
      case AST_NODE_TYPES.CallExpression:
        return parent.callee !== node && argumentFlow(parent, node, flow, depth);
      case AST_NODE_TYPES.NewExpression: {
        if (parent.callee === node) return false;
        if (responses.responseClass(parent.callee) !== undefined) return true;
        const name = referenceName(parent.callee);
        return name !== undefined && /^[A-Z]/u.test(name) && reaches(parent, flow, depth + 1);
      }
      case AST_NODE_TYPES.Property:
        return parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression && reaches(parent.parent, flow, depth + 1);
      case AST_NODE_TYPES.SpreadElement:
        return (parent.parent.type === AST_NODE_TYPES.ObjectExpression || parent.parent.type === AST_NODE_TYPES.ArrayExpression) && reaches(parent.parent, flow, depth + 1);
      case AST_NODE_TYPES.ArrayExpression:
        return arrayFlow(parent, node, flow, depth);
      case AST_NODE_TYPES.ConditionalExpression:
        return parent.test !== node && reaches(parent, flow, depth + 1);
      case AST_NODE_TYPES.LogicalExpression:
        return reaches(parent, flow, depth + 1);
      case AST_NODE_TYPES.VariableDeclarator:
        return parent.init === node && patternFlow(parent.id, flow, depth, flow.tuple);
      case AST_NODE_TYPES.AssignmentExpression:
        return parent.right === node && assignmentFlow(parent, flow, depth);
      case AST_NODE_TYPES.ReturnStatement:
        return returnFlow(enclosingFunction(parent), flow, depth);
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return parent.body === node && returnFlow(parent, flow, depth);
      default:
        return false;
    }
  }

  function memberFlow(member: TSESTree.MemberExpression, flow: Flow, depth: number): boolean {
    const name = memberName(member);
    const call = member.parent;
    if (isCallTo(call) && call.callee === member) {
      if (name === undefined) return false;
      if (name === 'then') {
        const callback = call.arguments[0];
        return (isFunction(callback) && parameterFlow(callback, 0, flow, depth)) || reaches(call, flow, depth + 1);
      }
      if (LIST_PRESERVING_METHODS.has(name) || PROMISE_METHODS.has(name) || DOCUMENT_CHAIN_METHODS.has(name)) return reaches(call, flow, depth + 1);
      return false;
    }
    return name !== undefined && RESULT_ROWS.has(name) && reaches(member, flow, depth + 1);
  }

  /** The rows passed to a function: a response sender, a serializer, or a same-file function that returns them. */
  function argumentFlow(call: TSESTree.CallExpression, argument: TSESTree.Node, flow: Flow, depth: number): boolean {
    if (isSendCall(call, argument)) return true;
    // `sendSuccess(res, rows)`, `respond(ctx, rows)`.
    if (call.arguments.some((other) => other !== argument && (responses.isResponseObject(other) || KOA_CONTEXT_NAMES.has(referenceName(other) ?? '')))) return true;
    const { object, name, callee } = calleeParts(call);
    if (name === undefined) return false;
    const objectName = object && referenceName(object);
    if (PRESERVING_GLOBALS.has(name) && (objectName === 'JSON' || objectName === 'Array' || objectName === 'Object' || objectName === 'Promise' || !object)) {
      return reaches(call, flow, depth + 1);
    }
    if (TRANSFORM_NAME.test(name)) return reaches(call, flow, depth + 1);
    const fn = classifier.functionOf(callee);
    if (fn && returnsParameter(fn, call.arguments.indexOf(argument as TSESTree.CallExpressionArgument))) return reaches(call, flow, depth + 1);
    return false;
  }

  /** Whether a same-file function's return value reads its parameter (`function present(rows) { return { rows } }`). */
  function returnsParameter(fn: FunctionNode, index: number): boolean {
    const param = fn.params[index];
    if (param?.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(sourceCode, param);
    if (!variable) return false;
    const returned = returnedValues(fn);
    return variable.references.some((reference) => returned.some((value) => value.range[0] <= reference.identifier.range[0] && reference.identifier.range[1] <= value.range[1]));
  }

  function isSendCall(call: TSESTree.CallExpression, argument: TSESTree.Node): boolean {
    const { object, name } = calleeParts(call);
    if (!object || name === undefined) return false;
    const receiver = responseBase(object);
    if ((RESPONSE_SEND_METHODS.has(name) || name === 'render') && responses.isResponseObject(receiver)) {
      return name !== 'render' || call.arguments[1] === argument;
    }
    const receiverName = referenceName(receiver);
    if (CONTEXT_SEND_METHODS.has(name) && receiverName !== undefined && HONO_CONTEXT_NAMES.has(receiverName) && call.arguments[0] === argument) return true;
    // `NextResponse.json(rows)`, `Response.json(rows)`.
    return name === 'json' && responses.responseClass(object) !== undefined;
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

  function arrayFlow(array: TSESTree.ArrayExpression, element: TSESTree.Node, flow: Flow, depth: number): boolean {
    const call = array.parent;
    if (isCallTo(call) && call.arguments[0] === array) {
      const { name, object } = calleeParts(call);
      if ((name === 'all' || name === 'allSettled') && object && referenceName(object) === 'Promise') {
        // `const [users, total] = await Promise.all([findMany(), count()])`.
        let current: TSESTree.Node = call;
        while (current.parent && TRANSPARENT.has(current.parent.type)) current = current.parent;
        const declarator = current.parent;
        const index = array.elements.indexOf(element as TSESTree.Expression);
        if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.id.type === AST_NODE_TYPES.ArrayPattern) {
          const target = declarator.id.elements[index];
          return target !== null && target !== undefined && patternFlow(target, flow, depth, flow.tuple);
        }
        if (declarator?.type === AST_NODE_TYPES.AssignmentExpression && declarator.left.type === AST_NODE_TYPES.ArrayPattern) {
          const target = declarator.left.elements[index];
          return target !== null && target !== undefined && patternFlow(target, flow, depth, flow.tuple);
        }
        return false;
      }
    }
    return reaches(array, flow, depth + 1);
  }

  /** A binding that receives the rows: a name, `{ rows }`, or `[rows]` for tuple results. */
  function patternFlow(pattern: TSESTree.Node, flow: Flow, depth: number, tuple: boolean): boolean {
    const target = pattern.type === AST_NODE_TYPES.AssignmentPattern ? pattern.left : pattern;
    if (target.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(sourceCode, target);
      return variable !== undefined && variableFlow(variable, flow, depth);
    }
    if (target.type === AST_NODE_TYPES.ObjectPattern) {
      return target.properties.some(
        (property) => property.type === AST_NODE_TYPES.Property && RESULT_ROWS.has(keyName(property) ?? '') && patternFlow(property.value, flow, depth + 1, false),
      );
    }
    if (target.type === AST_NODE_TYPES.ArrayPattern && tuple) {
      const first = target.elements[0];
      return first !== null && first !== undefined && patternFlow(first, flow, depth + 1, false);
    }
    return false;
  }

  function variableFlow(variable: Variable, flow: Flow, depth: number): boolean {
    return variable.references.some((reference) => reference.isRead() && reaches(reference.identifier, { ...flow, tuple: false }, depth + 1));
  }

  function parameterFlow(fn: FunctionNode, index: number, flow: Flow, depth: number): boolean {
    const param = fn.params[index];
    return param !== undefined && patternFlow(param, flow, depth + 1, flow.tuple);
  }

  function assignmentFlow(assignment: TSESTree.AssignmentExpression, flow: Flow, depth: number): boolean {
    const left = assignment.left;
    if (left.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(sourceCode, left);
      return variable !== undefined && variableFlow(variable, flow, depth);
    }
    if (left.type === AST_NODE_TYPES.ArrayPattern || left.type === AST_NODE_TYPES.ObjectPattern) return patternFlow(left, flow, depth, flow.tuple);
    if (left.type !== AST_NODE_TYPES.MemberExpression) return false;
    const name = memberName(left);
    const object = unwrap(left.object);
    const objectName = referenceName(object);
    // Koa: `ctx.body = rows`, `ctx.response.body = rows`; Express: `res.locals.rows = rows` for a view.
    if (name === 'body' && objectName !== undefined && (KOA_CONTEXT_NAMES.has(objectName) || objectName === 'response')) return true;
    if (name === 'body' && object.type === AST_NODE_TYPES.ThisExpression) return true;
    return objectName === 'locals' && object.type === AST_NODE_TYPES.MemberExpression && responses.isResponseObject(object.object);
  }

  function returnFlow(fn: FunctionNode | undefined, flow: Flow, depth: number): boolean {
    if (!fn) return false;
    if (fn === flow.handler.fn) return RETURNING_FRAMEWORKS.has(flow.handler.framework);
    const parent = fn.parent;
    // A callback: `.then(rows => rows)`, `$transaction(async (tx) => tx.user.findMany())`, `items.map(...)`.
    if (isCallTo(parent) && parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return reaches(parent, flow, depth + 1);
    // A same-file function: where the handler (or a helper of it) calls it.
    return callSitesOf(fn, flow).some((call) => reaches(call, flow, depth + 1));
  }

  function callSitesOf(fn: FunctionNode, flow: Flow): TSESTree.CallExpression[] {
    return calls.filter((call) => flow.scope.some((scope) => scope !== fn && contains(scope, call)) && classifier.functionOf(call.callee) === fn);
  }

  function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
    return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
  }

  // ---- Handlers -------------------------------------------------------------------------------

  /** The function a handler calls (same file), and the ones they call, to `MAX_HELPER_DEPTH`. */
  function scopeOf(handler: RouteHandler): FunctionNode[] {
    const scope: FunctionNode[] = [handler.fn];
    let frontier: FunctionNode[] = [handler.fn];
    for (let level = 0; level < MAX_HELPER_DEPTH && frontier.length > 0; level++) {
      const next: FunctionNode[] = [];
      for (const call of calls) {
        if (!frontier.some((fn) => contains(fn, call))) continue;
        const fn = classifier.functionOf(call.callee);
        if (!fn || scope.includes(fn) || contains(fn, handler.fn) || handlerOf(sourceCode, fn, context.filename)) continue;
        scope.push(fn);
        next.push(fn);
      }
      frontier = next;
    }
    return scope;
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
        const switchNode = parent.parent;
        const discriminant = unwrap(switchNode.discriminant);
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

  function handlerName(fn: FunctionNode): string | undefined {
    if (fn.id) return fn.id.name;
    const parent = fn.parent;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
    if (parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) return keyName(parent);
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression) return memberName(parent.left);
    return undefined;
  }

  /** Whether queries of a handler are checked, outside any `req.method` branch. */
  function checksHandler(handler: RouteHandler): boolean {
    if (handler.method === 'GET') return true;
    if (handler.method !== undefined && handler.method !== 'ALL') return false;
    if (options.unknownMethods === false) return false;
    const name = handlerName(handler.fn);
    if (name !== undefined && MUTATING_HANDLER_NAME.test(name)) return false;
    // A body read under a `req.method === 'POST'` branch says nothing of the other branches.
    return !bodyReads.some((read) => contains(handler.fn, read) && isWholeRequestBody(read) && branchMethod(read, handler.fn) === undefined);
  }

  function isSmallTable(name: string | undefined): boolean {
    return name !== undefined && tableForms(name).some((form) => smallTables.has(form));
  }

  interface Finding {
    readonly query: ListQuery;
    readonly messageId: MessageIds;
  }

  /** The first list query of a handler that is unbounded and sent, or takes an uncapped page size. */
  function firstFinding(handler: RouteHandler, collecting: boolean): Finding | undefined {
    const whole = collecting || checksHandler(handler);
    const scope = scopeOf(handler);
    const candidates: TSESTree.Node[] = [...calls, ...tagged].filter((node) => scope.some((fn) => contains(fn, node)));
    candidates.sort((a, b) => a.range[0] - b.range[0]);
    for (const candidate of candidates) {
      // A query of a helper that another handler already reported.
      if (reported.has(candidate)) return undefined;
      const branch = contains(handler.fn, candidate) ? branchMethod(candidate, handler.fn) : undefined;
      if (branch !== undefined ? branch !== 'GET' : !whole) continue;
      // A handler nested in this one (a router built inside a function) is checked on its own.
      const inner = enclosingHandler(candidate);
      if (inner && inner !== handler && contains(handler.fn, inner.fn)) continue;
      const query = recognise(candidate, handler) ?? (collecting || options.crossFile === false ? undefined : importedList(candidate));
      if (!query || query.bound.kind === 'bounded' || isSmallTable(query.table)) continue;
      if (query.bound.kind === 'uncapped') {
        if (collecting) continue;
        return { query, messageId: 'uncappedPageSize' };
      }
      const flow: Flow = { handler, scope, tuple: query.tuple, seen: new Set() };
      const sent = query.callback ? parameterFlow(query.callback, query.callback.params.length >= 2 ? 1 : 0, flow, 0) : reaches(query.outer, flow, 0);
      if (sent) return { query, messageId: 'unboundedList' };
    }
    return undefined;
  }

  function check(handler: RouteHandler): void {
    const finding = firstFinding(handler, false);
    if (!finding) return;
    const { query, messageId } = finding;
    reported.add(query.node);
    const data =
      query.bound.kind === 'uncapped'
        ? { query: query.label, library: query.library, value: shortSource(sourceCode, query.bound.culprit) }
        : { query: query.label, library: query.library, advice: query.advice };
    context.report({ node: query.node, messageId, data });
  }

  // ---- Other files ------------------------------------------------------------------------------

  /** A call to a function or service method of a project file that returns an unbounded list. */
  function importedList(node: TSESTree.Node): ListQuery | undefined {
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const target = importedTarget(node);
    const path = target && resolveRelativeModule(context.filename, target.specifier);
    const list = target && path ? exportedListsOf(path, options).get(target.key) : undefined;
    if (!target || !list) return undefined;
    return {
      node,
      outer: chainUp(node).outer,
      label: `${chainLabel(node)} → ${list.label}`,
      library: `${list.library}, in ${target.specifier}`,
      advice: list.advice,
      table: list.table,
      bound: NONE,
      tuple: list.tuple,
      callback: undefined,
    };
  }

  /** Where a callee is exported: `listUsers` (an import), `users.list` (a namespace), `this.usersService.findAll` (an injected class). */
  function importedTarget(call: TSESTree.CallExpression): { specifier: string; key: string } | undefined {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = memberName(callee);
      const owner = method === undefined ? undefined : classOf(unwrap(callee.object));
      if (owner) return { specifier: owner.specifier, key: `${owner.name}.${method}` };
    }
    const imported = importedFunction(sourceCode, callee);
    return imported && { specifier: imported.specifier, key: imported.name };
  }

  /** The imported class a value is an instance of: an injected `this.usersService`, `new UsersService()`, a typed parameter. */
  function classOf(node: TSESTree.Node): { specifier: string; name: string } | undefined {
    if (node.type === AST_NODE_TYPES.MemberExpression && unwrap(node.object).type === AST_NODE_TYPES.ThisExpression) {
      const name = memberName(node);
      const body = enclosingClass(node);
      if (name === undefined || !body) return undefined;
      for (const member of body.body) {
        if (member.type === AST_NODE_TYPES.PropertyDefinition && keyName(member) === name) {
          const value = member.value && unwrap(member.value);
          return importedType(member.typeAnnotation?.typeAnnotation) ?? (value?.type === AST_NODE_TYPES.NewExpression ? importedClass(value.callee) : undefined);
        }
        if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
          for (const param of member.value.params) {
            const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : undefined;
            const target = inner?.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
            if (target?.type === AST_NODE_TYPES.Identifier && target.name === name) return importedType(target.typeAnnotation?.typeAnnotation);
          }
        }
      }
      return undefined;
    }
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(sourceCode, node);
    const definition = variable?.defs[0];
    if (definition?.type === 'Parameter') return importedType((definition.name as TSESTree.Identifier).typeAnnotation?.typeAnnotation);
    if (definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
      const init = unwrap(definition.node.init);
      return init.type === AST_NODE_TYPES.NewExpression ? importedClass(init.callee) : importedType(definition.node.id.typeAnnotation?.typeAnnotation);
    }
    return undefined;
  }

  function importedType(type: TSESTree.TypeNode | undefined): { specifier: string; name: string } | undefined {
    return type?.type === AST_NODE_TYPES.TSTypeReference ? importedClass(type.typeName) : undefined;
  }

  /** An identifier bound by `import { UsersService } from './users.service'` (or a default import). */
  function importedClass(node: TSESTree.Node): { specifier: string; name: string } | undefined {
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const definition = findVariable(sourceCode, node)?.defs[0];
    if (definition?.type !== 'ImportBinding' || definition.node.parent?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
    const specifier = definition.node.parent.source.value;
    if (definition.node.type === AST_NODE_TYPES.ImportSpecifier) {
      const imported = definition.node.imported;
      return { specifier, name: imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value };
    }
    return definition.node.type === AST_NODE_TYPES.ImportDefaultSpecifier ? { specifier, name: 'default' } : undefined;
  }

  /** Exported functions and methods of exported classes, by the name an importer calls them (`list`, `UsersService.findAll`). */
  function exportedFunctions(program: TSESTree.Program): Map<FunctionNode, string[]> {
    const byFunction = new Map<FunctionNode, string[]>();
    const add = (fn: FunctionNode, name: string) => byFunction.set(fn, [...(byFunction.get(fn) ?? []), name]);
    const addClass = (body: TSESTree.ClassBody, prefix: string | undefined) => {
      for (const member of body.body) {
        const name = member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition ? keyName(member) : undefined;
        const value = member.type === AST_NODE_TYPES.MethodDefinition ? member.value : member.type === AST_NODE_TYPES.PropertyDefinition ? member.value : undefined;
        if (name === undefined || !isFunction(value) || (member.type === AST_NODE_TYPES.MethodDefinition && member.kind !== 'method')) continue;
        add(value, prefix === undefined ? name : `${prefix}.${name}`);
      }
    };
    const classes = new Map<string, TSESTree.ClassBody>();
    for (const statement of program.body) {
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
      if (declaration?.type !== AST_NODE_TYPES.ClassDeclaration && declaration?.type !== AST_NODE_TYPES.ClassExpression) continue;
      if (declaration.id) {
        classes.set(declaration.id.name, declaration.body);
        addClass(declaration.body, declaration.id.name);
      }
      if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) addClass(declaration.body, 'default');
    }
    for (const [node, names] of exportedNames(program)) {
      for (const name of names) {
        if (isFunction(node)) add(node, name);
        // `export default new UsersService()`, `module.exports = new UsersService()`: its methods by plain name.
        const created = node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier ? classes.get(node.callee.name) : undefined;
        if (created) addClass(created, name === 'default' ? undefined : name);
      }
    }
    return byFunction;
  }

  function enclosingHandler(node: TSESTree.Node): RouteHandler | undefined {
    for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
      if (isFunction(current)) {
        const handler = handlerOf(sourceCode, current, context.filename);
        if (handler) return handler;
      }
    }
    return undefined;
  }

  return {
    CallExpression(node) {
      calls.push(node);
    },
    TaggedTemplateExpression(node) {
      tagged.push(node);
    },
    MemberExpression(node) {
      if (memberName(node) === 'body') bodyReads.push(node);
    },
    'CallExpression[callee.property.name=/^(?:json|parseBody|formData)$/]'(node: TSESTree.CallExpression) {
      bodyReads.push(node);
    },
    'Program:exit'() {
      if (collect) {
        const found = new Map<string, ListQuery>();
        for (const [fn, names] of exportedFunctions(sourceCode.ast)) {
          const handler: RouteHandler = { fn, framework: 'nestjs', method: 'GET', path: undefined, middleware: [], declaration: undefined, hasFrameworkSchema: false };
          const finding = firstFinding(handler, true);
          if (finding) for (const name of names) found.set(name, finding.query);
        }
        collect(found);
        return;
      }
      // GraphQL lists are paged by the schema's arguments (connections), not by the resolver's query.
      for (const handler of routeHandlers(sourceCode, context.filename)) if (handler.framework !== 'graphql') check(handler);
    },
  };
}
