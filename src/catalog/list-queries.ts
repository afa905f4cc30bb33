/**
 * Queries that return lists, and what bounds them. Read by `persona/paginate-lists`.
 *
 * ORMs and query builders are tracked from their module as in `sql-drivers.ts` (a path of
 * property reads and calls, `.PrismaClient()` is `new PrismaClient()`); SQL text run through a
 * driver of `sql-drivers.ts` is checked for `LIMIT`. Methods are matched by name on receivers
 * that are resolved to a library, or that look like its models (`prisma.user`, `db.User`,
 * `usersRepository`, a model imported from a models folder).
 */

export type ListLibraryId = 'prisma' | 'typeorm' | 'sequelize' | 'mongoose' | 'mongodb' | 'knex' | 'drizzle';

export interface ListLibrary {
  readonly id: ListLibraryId;
  /** Shown in messages. */
  readonly label: string;
  readonly modules: readonly string[];
  /** Module paths that yield an instance: a client, connection, model, repository or builder. */
  readonly factories: readonly string[];
  /** Instance methods and properties that yield another instance. */
  readonly derivedInstances?: readonly string[];
  /** Every call on an instance yields an instance (query builders). */
  readonly chainable?: boolean;
  /** Methods whose callback receives an instance (`prisma.$transaction(async (tx) => ...)`). */
  readonly callbackInstances?: readonly string[];
  /** Module paths whose property reads are models (`mongoose.models.User`). */
  readonly modelRegistries?: readonly string[];
}

export const LIST_LIBRARIES: readonly ListLibrary[] = [
  {
    id: 'prisma',
    label: 'Prisma',
    modules: ['@prisma/client'],
    factories: ['.PrismaClient()', '.default.PrismaClient()'],
    derivedInstances: ['$extends'],
    callbackInstances: ['$transaction'],
  },
  {
    id: 'typeorm',
    label: 'TypeORM',
    modules: ['typeorm', '@nestjs/typeorm'],
    factories: ['.DataSource()', '.createConnection()', '.getConnection()', '.getManager()', '.getRepository()', '.getMongoRepository()', '.getTreeRepository()'],
    derivedInstances: [
      'manager',
      'getRepository',
      'getTreeRepository',
      'getMongoRepository',
      'getCustomRepository',
      'createQueryBuilder',
      'initialize',
      'withRepository',
      'createQueryRunner',
    ],
    chainable: true,
    callbackInstances: ['transaction'],
  },
  {
    id: 'sequelize',
    label: 'Sequelize',
    modules: ['sequelize', 'sequelize-typescript', '@nestjs/sequelize'],
    factories: ['.Sequelize()', '()', '.default()', '.Model', '.default.Model'],
    derivedInstances: ['define', 'model'],
    callbackInstances: ['transaction'],
  },
  {
    id: 'mongoose',
    label: 'Mongoose',
    modules: ['mongoose', '@nestjs/mongoose'],
    factories: ['.model()', '.default.model()', '.connection', '.default.connection', '.createConnection()', '.default.createConnection()', '.Model', '.default.Model'],
    derivedInstances: ['model', 'useDb', 'discriminator'],
    modelRegistries: ['.models', '.default.models', '.connection.models'],
  },
  {
    id: 'mongodb',
    label: 'MongoDB driver',
    modules: ['mongodb'],
    factories: ['.MongoClient()', '.MongoClient.connect()', '.default.MongoClient()', '.Db()', '.Collection()'],
    derivedInstances: ['db', 'collection', 'connect'],
  },
  {
    id: 'knex',
    label: 'knex',
    modules: ['knex'],
    factories: ['()', '.knex()', '.default()'],
    chainable: true,
    callbackInstances: ['transaction'],
  },
  {
    id: 'drizzle',
    label: 'drizzle',
    // Each driver has its own entry point: `drizzle-orm/node-postgres`, `drizzle-orm/mysql2`, ...
    modules: ['drizzle-orm'],
    factories: ['.drizzle()'],
    chainable: true,
    callbackInstances: ['transaction'],
  },
];

const LIBRARIES_BY_MODULE = new Map<string, ListLibrary>(LIST_LIBRARIES.flatMap((library) => library.modules.map((name) => [name, library] as const)));
const DRIZZLE = LIST_LIBRARIES.find((library) => library.id === 'drizzle')!;

export function listLibraryForModule(moduleName: string): ListLibrary | undefined {
  if (moduleName.startsWith('drizzle-orm/')) return DRIZZLE;
  return LIBRARIES_BY_MODULE.get(moduleName);
}

/**
 * How a list method is bounded: the option key that limits it (`take`, `limit`) and where its
 * options are, by argument position. `filter` is where a lookup key would make it one row.
 */
export interface ListMethod {
  readonly libraries: readonly ListLibraryId[];
  /** Argument that holds the options object with the page-size key. */
  readonly options?: number;
  /** The page-size key of the options object. */
  readonly key?: string;
  /** Argument that holds the filter (`where` for Prisma, Sequelize and TypeORM options; the filter itself otherwise). */
  readonly filter?: number;
  /** The filter sits under `where` in the options. */
  readonly whereKey?: boolean;
  /** Always unbounded: the method takes a filter and no page size (TypeORM `findBy`). */
  readonly noPageSize?: true;
  /** The result is `[rows, count]` (TypeORM `findAndCount`) or `{ rows, count }` (Sequelize). */
  readonly withCount?: true;
}

export const LIST_METHODS: ReadonlyMap<string, ListMethod> = new Map<string, ListMethod>([
  ['findMany', { libraries: ['prisma', 'drizzle'], options: 0, key: 'take', filter: 0, whereKey: true }],
  ['find', { libraries: ['mongoose', 'mongodb', 'typeorm'], filter: 0 }],
  ['findBy', { libraries: ['typeorm'], filter: 0, noPageSize: true }],
  ['findAndCount', { libraries: ['typeorm'], options: 0, key: 'take', filter: 0, whereKey: true, withCount: true }],
  ['findAndCountBy', { libraries: ['typeorm'], filter: 0, noPageSize: true, withCount: true }],
  ['findAll', { libraries: ['sequelize'], options: 0, key: 'limit', filter: 0, whereKey: true }],
  ['findAndCountAll', { libraries: ['sequelize'], options: 0, key: 'limit', filter: 0, whereKey: true, withCount: true }],
]);

/** TypeORM query-builder methods that run the query and return a list. */
export const QUERY_BUILDER_LIST_METHODS: ReadonlySet<string> = new Set(['getMany', 'getRawMany', 'getManyAndCount', 'getRawAndEntities']);
/** TypeORM query-builder methods that limit the rows. */
export const QUERY_BUILDER_LIMITS: ReadonlySet<string> = new Set(['take', 'limit']);

/** TypeORM find options (any of these keys makes `find(options)` the TypeORM form, not a Mongo filter). */
export const TYPEORM_FIND_OPTION_KEYS: ReadonlySet<string> = new Set([
  'where', 'take', 'skip', 'order', 'relations', 'select', 'cache', 'withDeleted', 'loadRelationIds', 'loadEagerRelations', 'lock', 'join',
  'relationLoadStrategy', 'transaction',
]);

/** Query-chain methods that limit the rows of a Mongoose query, a MongoDB cursor, a knex or drizzle builder. */
export const CHAIN_LIMITS: ReadonlySet<string> = new Set(['limit', 'take', 'first', 'paginate', 'findOne']);

/** Builder methods that make a knex or drizzle chain return one value or nothing to list. */
export const CHAIN_NOT_LISTS: ReadonlySet<string> = new Set([
  // aggregates
  'count', 'countDistinct', 'sum', 'sumDistinct', 'avg', 'avgDistinct', 'min', 'max', 'exists',
  // writes
  'insert', 'update', 'del', 'delete', 'increment', 'decrement', 'truncate', 'upsert', 'onConflict', 'merge', 'returning', 'values', 'set',
  // not run: compiled, streamed or used as a subquery
  'toString', 'toSQL', 'toQuery', 'as', 'stream', 'pipe', 'cursor', 'iterator', 'explain', 'prepare', 'columnInfo', 'hasTable', 'createTable',
  'groupBy', 'distinctOn',
]);

/** Methods that run a Mongoose or MongoDB query and keep the documents (`find().lean().exec()`). */
export const DOCUMENT_CHAIN_METHODS: ReadonlySet<string> = new Set([
  'sort', 'skip', 'select', 'lean', 'populate', 'setOptions', 'collation', 'hint', 'session', 'read', 'where', 'and', 'or', 'nor', 'exec',
  'toArray', 'project', 'projection', 'batchSize', 'comment', 'maxTimeMS', 'allowDiskUse', 'equals', 'in', 'gt', 'gte', 'lt', 'lte', 'ne',
  'elemMatch', 'regex', 'orFail', 'cache', 'then', 'catch', 'finally',
]);

/** Mongoose and MongoDB calls that return one value rather than the documents. */
export const DOCUMENT_NOT_LISTS: ReadonlySet<string> = new Set([
  'count', 'countDocuments', 'estimatedDocumentCount', 'distinct', 'explain', 'cursor', 'stream', 'forEach', 'map', 'hasNext', 'next', 'close',
  'deleteMany', 'updateMany', 'findOne',
]);

/**
 * SQL methods of each driver (ids of `sql-drivers.ts`) that return rows, and those that return one
 * row. Methods of a statement (`db.prepare(sql).all()`) are listed under `statement`.
 */
export const SQL_LIST_METHODS: Readonly<Record<string, { readonly rows: readonly string[]; readonly one?: readonly string[]; readonly statement?: readonly string[] }>> = {
  pg: { rows: ['query'] },
  mysql: { rows: ['query', 'execute'] },
  sqlite3: { rows: ['all'], one: ['get'] },
  sqlite: { rows: ['all'], one: ['get'] },
  'better-sqlite3': { rows: [], statement: ['all'], one: ['get'] },
  mssql: { rows: ['query'] },
  knex: { rows: ['raw'] },
  sequelize: { rows: ['query'] },
  typeorm: { rows: ['query'] },
  prisma: { rows: ['$queryRawUnsafe', '$queryRaw'] },
  'pg-promise': { rows: ['any', 'many', 'manyOrNone', 'query', 'map'], one: ['one', 'oneOrNone'] },
  postgres: { rows: ['unsafe'] },
  oracledb: { rows: ['execute'] },
};

/** Drivers whose result is `[rows, fields]` (mysql2's promise API). */
export const TUPLE_RESULT_DRIVERS: ReadonlySet<string> = new Set(['mysql']);

/** Method names that run SQL on receivers the rule cannot resolve (`db.query(text)` with `db` from a project module). */
export const UNRESOLVED_SQL_METHODS: ReadonlySet<string> = new Set(['query', 'execute', 'all', 'any', 'many', 'manyOrNone', 'unsafe', '$queryRawUnsafe']);

/** Properties of a query result that hold its rows (`result.rows`, mssql's `recordset`). */
export const RESULT_ROWS: ReadonlySet<string> = new Set(['rows', 'recordset', 'recordsets', 'results', 'docs', 'items', 'data']);

/** Fields whose equality picks one row: a filter on one of them is a lookup, not a list. */
export const UNIQUE_KEYS: readonly string[] = ['id', '_id', 'uuid', 'pk'];

/**
 * Reference data: models and tables that hold a small, fixed set of rows (countries, currencies,
 * roles) that a client may fetch whole. Matched on the model or table name, singular or plural.
 */
export const REFERENCE_TABLES: readonly string[] = [
  'country', 'currency', 'language', 'locale', 'timezone', 'role', 'permission', 'setting', 'config', 'configuration', 'plan',
  'region', 'featureFlag',
];

/**
 * Names of receivers that are a Prisma client or transaction (`prisma.user.findMany()`,
 * `this.prisma.user`, `ctx.db.post`, `tx.order`), when the client is not resolved by import.
 */
export const PRISMA_CLIENT_NAME = /prisma|^(?:db|database|client|tx|trx|orm)$/iu;

/** Receivers named like a TypeORM repository (`usersRepository`, `this.repo`). */
export const REPOSITORY_NAME = /(?:^|[a-z])(?:Repository|Repo)$|^(?:repository|repo)$/u;

/** Receivers named like a knex instance or transaction (`this.knex('users')`, `trx('orders')`). */
export const KNEX_NAME = /^(?:knex|trx|kx)$/u;

/** Receivers named like a drizzle or knex database (`db.select().from(users)`). */
export const BUILDER_DATABASE_NAME = /^(?:db|database|knex|trx|tx|conn|connection)$/u;

/** Names of model namespaces (`db.User`, `models.Post`, `sequelize.models.Tag`). */
export const MODEL_NAMESPACE_NAME = /^(?:db|models|model|database|orm)$/u;

/**
 * Calls whose result still holds the rows they are given: serializers, DTO mappers and response
 * wrappers (`toDto(users)`, `serializeUsers(rows)`, `plainToInstance(UserDto, users)`).
 */
export const TRANSFORM_NAME = /^(?:to[A-Z]\w*|serialize\w*|format\w*|transform\w*|present\w*|map\w*|plainTo\w*|instanceTo\w*|classTo\w*|normalize\w*|wrap\w*|build\w*|render\w*|sanitize\w*|pick\w*|omit\w*|ok|success|paginated\w*)$/u;

/** Array methods whose result keeps the rows (`users.map(toDto)`, `rows.filter(...)`). */
export const LIST_PRESERVING_METHODS: ReadonlySet<string> = new Set([
  'map', 'filter', 'slice', 'sort', 'flatMap', 'concat', 'reverse', 'toSorted', 'toReversed', 'flat', 'values', 'toJSON', 'toObject',
]);

/** Promise methods that pass the rows on (`query.then(rows => ...)`, `.catch(next)`). */
export const PROMISE_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/** Methods called on a result that still give the list: array methods that keep it, query and cursor chains, promises. */
export const ROW_KEEPING_METHODS: ReadonlySet<string> = new Set([...LIST_PRESERVING_METHODS, ...DOCUMENT_CHAIN_METHODS, ...PROMISE_METHODS]);

/** Globals that keep the rows they are given (`JSON.stringify(rows)`, `Array.from(rows)`). */
export const PRESERVING_GLOBALS: ReadonlySet<string> = new Set(['stringify', 'from', 'freeze', 'structuredClone', 'all', 'allSettled']);

/** Words of handler names that say the handler writes (a signature-only handler named `createUser` is a POST). */
export const MUTATING_HANDLER_NAME = /^(?:create|update|delete|remove|add|post|put|patch|save|store|insert|upsert|destroy|set|edit|import|upload|send|register|login|logout)(?:$|[A-Z_])/u;

// SQL text, as the constant skeleton of a query (`\u0000` marks an interpolated value). Every
// pattern is linear: no nested quantifiers, and each alternative scans forward once.

/** A statement that reads rows: `SELECT ...` or `WITH ... SELECT`. */
export const SQL_SELECT_START = /^[\s(]*(?:with\b|select\b)/iu;
export const SQL_FROM_WORD = /\bfrom\b/iu;
/** What bounds the rows: `LIMIT`, `FETCH FIRST/NEXT`, `TOP n`, Oracle's `ROWNUM`. */
export const SQL_ROW_BOUND = /\blimit\b|\bfetch\s+(?:first|next)\b|\btop\s*(?:\(\s*)?[\d\u0000@$:?]|\brownum\b/iu;
export const SQL_GROUP_BY = /\bgroup\s+by\b/iu;
/** A select list that starts with an aggregate: one row without `GROUP BY`. */
export const SQL_AGGREGATE_ITEM = /^\s*(?:distinct\s+)?(?:count|sum|avg|min|max|exists|bool_and|bool_or|every)\s*\(/iu;
/** `WHERE id = $1`, `AND u.id IN (...)`, `WHERE "id" = ANY($1)`: the column compared is group 1. */
export const SQL_UNIQUE_WHERE = /\b(?:where|and)\s+(?:[A-Za-z_]\w*\.)?["`[]?([A-Za-z_]\w*)["`\]]?\s*(?:=\s*(?:\$\d|\?|:\w|@\w|\u0000|'|\d|any\s*\()|in\s*\()/giu;
/** The first table after `FROM`, schema-qualified or quoted. */
export const SQL_FIRST_TABLE = /\bfrom\s+["`[]?(?:[A-Za-z_]\w*["`\]]?\.["`[]?)?([A-Za-z_]\w*)/iu;
/** The placeholder of a `LIMIT`: `$2`, `?`, `:limit`, `@limit`, `${limit}` (pg-promise), `$(limit)`. */
export const SQL_LIMIT_DOLLAR = /\blimit\s+\$(\d+)/iu;
export const SQL_LIMIT_QUESTION = /\blimit\s+\?/iu;
export const SQL_LIMIT_NAMED = /\blimit\s+(?:[:@]|\$\{|\$\()(\w+)/iu;
/** A `LIMIT` written as a number in the text: `LIMIT 500`. */
export const SQL_LIMIT_NUMBER = /\blimit\s+(\d{1,9})\b/iu;
/** A template part that ends right before the interpolated `LIMIT` value. */
export const SQL_LIMIT_AT_END = /\blimit\s*$/iu;
/** Where a value goes into the skeleton of a SQL text. */
export const SQL_HOLE = '\u0000';
/** A condition that compares a column with one value: `= $1`, `= ?`, `= :name`, `= '${x}'`. */
export const SQL_EQUALITY_HOLE = /=\s*['"]?(?:\u0000|\$\d+|\?|[:@]\w+)/gu;
/** Conditions that select a range or a pattern of values rather than one: `LIKE`, `IN`, `BETWEEN`, `<`, `>`, `!=`. */
export const SQL_RANGE_OR_PATTERN = /\b(?:i?like|similar|between|in|any)\b|[<>]|!=/iu;

/**
 * knex builder methods. A chain of only these on `db('table')` is a knex query even when `db`
 * comes from a project module (`const db = require('../data/dbConfig')`).
 */
export const KNEX_BUILDER_METHODS: ReadonlySet<string> = new Set([
  'select', 'distinct', 'column', 'columns', 'from', 'where', 'andWhere', 'orWhere', 'whereNot', 'whereIn', 'whereNotIn', 'whereNull',
  'whereNotNull', 'whereBetween', 'whereNotBetween', 'whereLike', 'whereILike', 'whereExists', 'whereRaw', 'orWhereRaw', 'orWhereIn',
  'orWhereNull', 'orWhereNotNull', 'join', 'innerJoin', 'leftJoin', 'leftOuterJoin', 'rightJoin', 'fullOuterJoin', 'crossJoin', 'joinRaw',
  'orderBy', 'orderByRaw', 'offset', 'limit', 'first', 'modify', 'clearSelect', 'clearWhere', 'clearOrder', 'timeout', 'options', 'debug',
  'forUpdate', 'forShare', 'transacting',
]);
