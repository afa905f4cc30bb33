/**
 * Calls that run a database query, for rules about how often queries run (N+1 queries in loops).
 *
 * Where values come from is tracked as in `sql-drivers.ts` (see there for the path notation):
 * this file does not repeat the SQL drivers' modules and factories, it says which of their
 * instances' methods run a query, keyed by the driver's `id` there (`SQL_DRIVER_CALLS`). MongoDB
 * and Mongoose are keyed by their `id` in `nosql.ts` (`NOSQL_CALLS`). ORMs and builders that
 * neither file knows (drizzle's database object, MikroORM, Objection, RedBeanNode) are described
 * here in full (`ORM_LIBRARIES`).
 */

/** How to do it in one query instead: for reads, and for writes. */
export interface BatchAdvice {
  readonly read: string;
  readonly write: string;
}

/** Which calls on a library's instances (clients, pools, models, repositories, builders) run a query. */
export interface DatabaseCalls {
  /** Methods that take SQL text: a read or a write by the text (`pool.query('UPDATE ...')`). */
  readonly sqlMethods?: readonly string[];
  /** Methods that read. */
  readonly readMethods?: readonly string[];
  /** Methods that write one row or one set of rows. */
  readonly writeMethods?: readonly string[];
  /** Methods that write many rows in one statement (`createMany`, `insertMany`, `bulkCreate`). */
  readonly batchMethods?: readonly string[];
  /** A query builder: every chain on an instance runs when it is awaited or `then`-ed (knex, drizzle). */
  readonly executesChains?: boolean;
  /** Properties of the client are model delegates whose methods query (`prisma.user.findMany()`). */
  readonly delegates?: boolean;
  /** Instance members that yield another instance, beyond those of `sql-drivers.ts`/`nosql.ts` (`sequelize.define()` gives a model). */
  readonly derivedInstances?: readonly string[];
  /** Module paths of base classes: a class of the file that extends one is a model (`class User extends Model`). */
  readonly modelBases?: readonly string[];
  readonly advice: BatchAdvice;
}

/** A library not in `sql-drivers.ts` or `nosql.ts`, described in full. */
export interface OrmLibrary extends DatabaseCalls {
  readonly id: string;
  /** Shown in messages. */
  readonly label: string;
  readonly modules: readonly string[];
  /** Module name prefixes (`drizzle-orm/` for `drizzle-orm/node-postgres`, `drizzle-orm/mysql2`, ...). */
  readonly modulePrefixes?: readonly string[];
  readonly factories: readonly string[];
  readonly chainable?: boolean;
  readonly callbackInstances?: readonly string[];
}

/** Advice for a query whose library is not known (a guessed model, SQL text on an unresolved receiver). */
export const GENERIC_SQL_ADVICE: BatchAdvice = {
  read: 'one query for all items, `IN (...)`/`= ANY($1)` or `{ id: { in: ids } }`, or eager loading with a join or `include`',
  write: 'one multi-row insert (`createMany`, `bulkCreate`, `insertMany`, `INSERT ... VALUES (...), (...)`), or one update or delete over all keys',
};

const SQL_ADVICE_DOLLAR: BatchAdvice = {
  read: 'one query for all items, `WHERE id = ANY($1)` with an array, or a JOIN',
  write: 'a multi-row `INSERT ... VALUES`, `= ANY($1)` in one UPDATE or DELETE, or `unnest($1)`',
};
const SQL_ADVICE_QUESTION: BatchAdvice = {
  read: 'one query for all items, `WHERE id IN (?)` with an array, or a JOIN',
  write: 'a multi-row `INSERT ... VALUES ?`, or `IN (?)` in one UPDATE or DELETE',
};
const SQL_ADVICE_NAMED: BatchAdvice = {
  read: 'one query for all items (`WHERE id IN (...)`, a table-valued parameter) or a JOIN',
  write: 'one multi-row INSERT, or `IN (...)` in one UPDATE or DELETE',
};

/** Query-builder calls that run the built query (TypeORM). */
const TYPEORM_BUILDER_READS = ['getOne', 'getOneOrFail', 'getMany', 'getRawOne', 'getRawMany', 'getManyAndCount', 'getRawAndEntities', 'getCount', 'getExists', 'stream'];

/**
 * SQL drivers of `sql-drivers.ts`, by id. SQLite (`IN_PROCESS_DRIVERS`) is left out on purpose: it
 * runs in the process, where many small queries cost no round trip
 * (https://www.sqlite.org/np1queryprob.html); its values are known so that their calls are not
 * taken for another database's.
 */
export const IN_PROCESS_DRIVERS: ReadonlySet<string> = new Set(['sqlite3', 'sqlite', 'better-sqlite3', 'duckdb', 'nedb', 'lokijs', 'tingodb']);

export const SQL_DRIVER_CALLS: Readonly<Record<string, DatabaseCalls>> = {
  pg: { sqlMethods: ['query'], advice: SQL_ADVICE_DOLLAR },
  mysql: { sqlMethods: ['query', 'execute'], advice: SQL_ADVICE_QUESTION },
  mssql: { sqlMethods: ['query', 'batch'], readMethods: ['execute'], advice: SQL_ADVICE_NAMED },
  oracledb: { sqlMethods: ['execute'], batchMethods: ['executeMany'], advice: SQL_ADVICE_NAMED },
  'pg-promise': {
    sqlMethods: ['any', 'many', 'none', 'one', 'oneOrNone', 'manyOrNone', 'query', 'result', 'map', 'each', 'multi', 'multiResult', 'func', 'proc'],
    advice: SQL_ADVICE_DOLLAR,
  },
  postgres: { sqlMethods: ['unsafe'], advice: SQL_ADVICE_DOLLAR },
  slonik: {
    readMethods: ['any', 'anyFirst', 'many', 'manyFirst', 'one', 'oneFirst', 'maybeOne', 'maybeOneFirst', 'exists'],
    sqlMethods: ['query'],
    advice: { read: 'one query for all items, `= ANY(${sql.array(ids, "int4")})`, or a JOIN', write: '`sql.unnest(...)` in one INSERT, or `= ANY(...)` in one UPDATE or DELETE' },
  },
  knex: {
    sqlMethods: ['raw'],
    executesChains: true,
    advice: { read: '`whereIn(\'id\', ids)` in one query, or a join', write: 'one `insert([...])` with every row, or `whereIn` in one update or delete' },
  },
  sequelize: {
    sqlMethods: ['query'],
    readMethods: ['findAll', 'findOne', 'findByPk', 'findAndCountAll', 'findOrCreate', 'findOrBuild', 'findCreateFind', 'count', 'max', 'min', 'sum', 'aggregate'],
    writeMethods: ['create', 'update', 'destroy', 'upsert', 'increment', 'decrement', 'restore', 'truncate'],
    batchMethods: ['bulkCreate'],
    derivedInstances: ['define', 'model'],
    modelBases: ['.Model', '.default.Model'],
    advice: { read: '`findAll({ where: { id: ids } })` in one query, or eager loading with `include`', write: '`bulkCreate`, or one `update`/`destroy` with `where: { id: ids }`' },
  },
  typeorm: {
    sqlMethods: ['query'],
    readMethods: [
      'find', 'findBy', 'findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'findAndCount', 'findAndCountBy', 'findByIds',
      'count', 'countBy', 'exist', 'exists', 'existsBy', 'sum', 'average', 'minimum', 'maximum', 'preload', ...TYPEORM_BUILDER_READS,
    ],
    writeMethods: ['save', 'insert', 'update', 'upsert', 'delete', 'softDelete', 'restore', 'remove', 'softRemove', 'increment', 'decrement', 'execute'],
    modelBases: ['.BaseEntity'],
    advice: {
      read: '`findBy({ id: In(ids) })` in one query, or loading the relation with `relations` or a join',
      write: '`save([...])`/`insert([...])` with every entity, or one `update`/`delete` with `In(ids)`',
    },
  },
  mariadb: { sqlMethods: ['query', 'execute'], batchMethods: ['batch'], advice: SQL_ADVICE_QUESTION },
  neon: { sqlMethods: ['query'], advice: SQL_ADVICE_DOLLAR },
  planetscale: { sqlMethods: ['execute'], advice: SQL_ADVICE_QUESTION },
  'vercel-postgres': { sqlMethods: ['query'], advice: SQL_ADVICE_DOLLAR },
  libsql: { sqlMethods: ['execute'], batchMethods: ['batch', 'migrate'], advice: SQL_ADVICE_QUESTION },
  bigquery: { sqlMethods: ['query', 'createQueryJob'], advice: { read: 'one query for all items, `WHERE id IN UNNEST(@ids)` with an array parameter, or a JOIN', write: 'one DML statement over all rows (`IN UNNEST(@ids)`), or a load job' } },
  spanner: { sqlMethods: ['run', 'runUpdate'], batchMethods: ['batchUpdate'], advice: { read: 'one query for all items, `WHERE id IN UNNEST(@ids)`, or a JOIN', write: '`batchUpdate` with every statement, or mutations (`table.insert([...])`)' } },
  couchbase: { sqlMethods: ['query'], advice: { read: 'one query for all items (`USE KEYS $ids`, `WHERE id IN $ids`)', write: 'one statement over all keys (`USE KEYS $ids`)' } },
  arangojs: { sqlMethods: ['query'], advice: { read: 'one AQL query with `FOR key IN @keys`', write: 'one AQL query with `FOR doc IN @docs INSERT doc`' } },
  prisma: {
    readMethods: ['$queryRaw', '$queryRawUnsafe', 'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'count', 'aggregate', 'groupBy'],
    writeMethods: ['$executeRaw', '$executeRawUnsafe', 'create', 'update', 'upsert', 'delete', 'updateMany', 'deleteMany'],
    batchMethods: ['createMany', 'createManyAndReturn', 'updateManyAndReturn'],
    delegates: true,
    advice: {
      read: '`findMany({ where: { id: { in: ids } } })` in one query, or `include` for the relation',
      write: '`createMany`, or one `updateMany`/`deleteMany` with `{ in: ids }`',
    },
  },
};

const MONGO_READS = ['find', 'findOne', 'countDocuments', 'estimatedDocumentCount', 'count', 'distinct', 'aggregate'];
const MONGO_WRITES = [
  'insertOne', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'replaceOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace',
];

/** MongoDB and the libraries that talk to a MongoDB server, by their id in `nosql.ts` (NeDB, LokiJS and TingoDB run in the process: `IN_PROCESS_DRIVERS`). */
export const NOSQL_CALLS: Readonly<Record<string, DatabaseCalls>> = {
  mongodb: {
    readMethods: MONGO_READS,
    writeMethods: MONGO_WRITES,
    batchMethods: ['insertMany', 'bulkWrite'],
    advice: { read: '`find({ _id: { $in: ids } })` in one query, or a `$lookup` stage', write: '`insertMany` or `bulkWrite`, or one `updateMany`/`deleteMany` with `$in`' },
  },
  mongoose: {
    readMethods: [...MONGO_READS, 'findById', 'exists', 'populate'],
    writeMethods: [
      ...MONGO_WRITES, 'create', 'findByIdAndUpdate', 'findByIdAndDelete', 'findOneAndRemove', 'findByIdAndRemove',
    ],
    batchMethods: ['insertMany', 'bulkWrite', 'bulkSave'],
    advice: { read: '`find({ _id: { $in: ids } })` in one query, or `populate`', write: '`insertMany` or `bulkWrite`, or one `updateMany`/`deleteMany` with `$in`' },
  },
  mongojs: {
    readMethods: ['find', 'findOne', 'count', 'distinct', 'aggregate'],
    writeMethods: ['update', 'remove', 'save', 'findAndModify'],
    batchMethods: ['insert'],
    advice: { read: '`find({ _id: { $in: ids } })` in one query', write: '`insert([...])` with every document, or one `update` with `{ multi: true }` and `$in`' },
  },
  monk: {
    readMethods: ['find', 'findOne', 'count', 'distinct', 'aggregate'],
    writeMethods: ['update', 'remove', 'findOneAndUpdate', 'findOneAndDelete'],
    batchMethods: ['insert', 'bulkWrite'],
    advice: { read: '`find({ _id: { $in: ids } })` in one query', write: '`insert([...])` with every document, or one `update` with `{ multi: true }` and `$in`' },
  },
};

export const ORM_LIBRARIES: readonly OrmLibrary[] = [
  {
    id: 'drizzle',
    label: 'drizzle',
    modules: [],
    modulePrefixes: ['drizzle-orm/'],
    factories: ['.drizzle()', '()'],
    chainable: true,
    callbackInstances: ['transaction'],
    executesChains: true,
    readMethods: ['findMany', 'findFirst'],
    advice: { read: '`inArray(table.id, ids)` in one query, or the relation `with` a relational query', write: 'one `insert(table).values([...])` with every row, or `inArray` in one update or delete' },
  },
  {
    id: 'mikro-orm',
    label: 'MikroORM',
    modules: ['@mikro-orm/core', '@mikro-orm/postgresql', '@mikro-orm/mysql', '@mikro-orm/mariadb', '@mikro-orm/mssql', '@mikro-orm/mongodb', '@mikro-orm/knex', '@mikro-orm/sqlite', '@mikro-orm/libsql'],
    factories: ['.MikroORM.init()', '.MikroORM()'],
    derivedInstances: ['em', 'fork', 'getRepository', 'getEntityManager', 'getConnection'],
    callbackInstances: ['transactional'],
    sqlMethods: ['execute'],
    readMethods: ['find', 'findOne', 'findOneOrFail', 'findAll', 'findAndCount', 'findByCursor', 'count', 'populate', 'refresh'],
    writeMethods: ['nativeInsert', 'nativeUpdate', 'nativeDelete', 'insert', 'upsert', 'flush', 'persistAndFlush', 'removeAndFlush'],
    batchMethods: ['insertMany', 'upsertMany'],
    advice: { read: '`find(Entity, { id: { $in: ids } })` in one query, or `populate`', write: '`persist` every entity and `flush()` once' },
  },
  {
    id: 'objection',
    label: 'Objection',
    modules: ['objection'],
    factories: [],
    executesChains: true,
    modelBases: ['.Model', '.default.Model'],
    readMethods: ['query', '$relatedQuery', '$fetchGraph', 'fetchGraph'],
    advice: { read: '`whereIn(\'id\', ids)` in one query, or `withGraphFetched` for the relation', write: 'one `insert([...])` or `insertGraph` with every row' },
  },
  {
    id: 'kysely',
    label: 'Kysely',
    modules: ['kysely'],
    factories: ['.Kysely()'],
    chainable: true,
    callbackInstances: ['execute'],
    executesChains: true,
    advice: { read: '`where(\'id\', \'in\', ids)` in one query, or a join', write: 'one `insertInto(table).values([...])` with every row, or `in` in one update or delete' },
  },
  {
    id: 'redbean-node',
    label: 'RedBeanNode',
    modules: ['redbean-node'],
    factories: ['.R', '.default.R'],
    readMethods: ['find', 'findOne', 'findAll', 'load', 'getAll', 'getRow', 'getCol', 'getCell', 'getAssoc', 'count'],
    writeMethods: ['store', 'trash', 'exec'],
    advice: { read: 'one query for all items (`IN (...)`), or a JOIN', write: 'one multi-row statement' },
  },
];

/** Methods that start a transaction and run their callback in it; queries in the callback are part of one unit of work. */
export const TRANSACTION_METHODS: ReadonlySet<string> = new Set([
  'transaction', '$transaction', 'tx', 'txIf', 'task', 'taskIf', 'withTransaction', 'begin', 'transactional', 'runInTransaction',
]);

/** Option keys that run a query in a transaction (`{ transaction: t }`, `{ session }`, knex's `transacting`). */
export const TRANSACTION_OPTION_KEYS: ReadonlySet<string> = new Set(['transaction', 'session', 'transacting', 'trx']);

/** Receiver names that hold a transaction (`trx('users').insert(...)`, `tx.user.update(...)`). */
export const TRANSACTION_NAMES: ReadonlySet<string> = new Set(['trx', 'tx', 'transaction', 'transactionalEntityManager', 'transactionManager']);

/** SQL statements that begin a transaction (`await client.query('BEGIN')`). */
export const BEGIN_STATEMENT = /^\s*(?:begin|start\s+transaction)\b/iu;

/**
 * Statements that are not a query for data: transaction and session control (`COMMIT`,
 * `SAVEPOINT x`, `SET search_path`) and schema changes (`CREATE INDEX`, `ALTER TABLE`), which have
 * no batched form.
 */
export const NOT_DATA_STATEMENT =
  /^[\s(]*(?:begin|start\s+transaction|commit|rollback|savepoint|release|set|lock|listen|unlisten|notify|select\s+pg_advisory|create|alter|drop|truncate|grant|revoke|comment\s+on|vacuum|analyze|reindex|pragma|use)\b/iu;

/** SQL statements that insert, delete or update rows (the first keyword). */
export const INSERT_STATEMENT = /^[\s(]*(?:insert|replace)\b/iu;
export const DELETE_STATEMENT = /^[\s(]*delete\b/iu;
export const UPDATE_STATEMENT = /^[\s(]*(?:update|merge|upsert)\b/iu;

/** What a write does: adds rows, removes rows, changes rows, or saves an entity (an insert or an update). */
export type WriteClass = 'insert' | 'delete' | 'update' | 'save';

/** Write methods by what they do (every library of this file, and guessed models). */
export const INSERT_METHODS: ReadonlySet<string> = new Set(['create', 'insert', 'insertOne', 'nativeInsert', 'add', '$executeRaw']);
export const DELETE_METHODS: ReadonlySet<string> = new Set([
  'delete', 'deleteOne', 'deleteMany', 'destroy', 'remove', 'softDelete', 'softRemove', 'del', 'trash', 'nativeDelete', 'findOneAndDelete',
  'findByIdAndDelete', 'findOneAndRemove', 'findByIdAndRemove', 'removeAndFlush', 'truncate',
]);
/** Methods that save a whole entity: an insert of a new one, an update of a loaded one. */
export const SAVE_METHODS: ReadonlySet<string> = new Set(['save', 'store', 'persist', 'persistAndFlush', 'flush', 'upsert', 'bulkSave']);

/** Calls that make a new, unsaved entity: saving it is an insert (`R.dispense('tag')`, `repo.create({...})`, `Model.build()`). */
export const NEW_ENTITY_METHODS: ReadonlySet<string> = new Set(['dispense', 'create', 'build', 'forge', 'merge']);

/** Builder methods by the write they make (knex, Objection, drizzle). */
export const INSERT_BUILDER_METHODS: ReadonlySet<string> = new Set(['insert', 'insertAndFetch', 'insertGraph', 'values', 'relate']);
export const DELETE_BUILDER_METHODS: ReadonlySet<string> = new Set(['del', 'delete', 'deleteById', 'truncate', 'unrelate']);

/**
 * SQL that reads or writes a set in one statement: `IN (` with a placeholder or an interpolated
 * list, `= ANY(...)`, `unnest(...)`, MySQL's bulk `VALUES ?`. Each alternative is anchored by a
 * keyword and scans forward once, so matching is linear.
 */
export const BATCHED_SQL = /\bin\s*\(\s*(?:\?|\$\d|:[a-z_]|@[a-z_]|\u0000)|\bany\s*\(|\bunnest\s*\(|\bvalues\s*(?:\?|\u0000)[\s;]*$/iu;

/** Object keys whose value is a set of keys to match in one query (`{ id: { in: ids } }`, `$in`, `[Op.in]`). */
export const BATCH_KEYS: ReadonlySet<string> = new Set(['in', '$in', 'hasSome', 'hasEvery', '$all']);

/** Functions that build a set condition (`In(ids)` of TypeORM, `inArray` of drizzle, `Any` of TypeORM). */
export const BATCH_FUNCTIONS: ReadonlySet<string> = new Set(['In', 'inArray', 'Any', 'ArrayContains', 'ArrayOverlap', 'arrayContains', 'arrayOverlaps']);

/** Builder methods that match a set of keys (knex, Objection, Kysely). */
export const BATCH_BUILDER_METHODS: ReadonlySet<string> = new Set(['whereIn', 'orWhereIn', 'andWhereIn', 'whereInArray', 'findByIds', 'whereAny', 'havingIn']);

/** Builder methods that make a chain write (knex, Objection, drizzle); those not listed as inserts or deletes update. */
export const WRITE_BUILDER_METHODS: ReadonlySet<string> = new Set([
  'insert', 'update', 'del', 'delete', 'increment', 'decrement', 'upsert', 'merge', 'truncate', 'patch', 'patchAndFetchById', 'updateAndFetchById',
  'deleteById', 'insertAndFetch', 'insertGraph', 'upsertGraph', 'relate', 'unrelate', 'values', 'set', 'onConflict', 'onConflictDoUpdate', 'onConflictDoNothing',
]);

/** Chain calls that run a builder (`knex('users').then(...)`, `.asCallback(cb)`). */
export const EXECUTING_CHAIN_METHODS: ReadonlySet<string> = new Set([
  'then', 'catch', 'finally', 'asCallback', 'stream', 'pipe', 'execute', 'run', 'all', 'get', 'values', 'toArray', 'executeTakeFirst', 'executeTakeFirstOrThrow',
]);

/** Receiver names that are a knex instance or a Prisma client by every convention (`knex('users')`, `this.prisma.user`). */
export const KNEX_NAMES: ReadonlySet<string> = new Set(['knex', 'Knex']);
export const PRISMA_NAME = /^(?:prisma|prismaService|prismaClient|_prisma|Prisma(?:Service|Client)?)$/iu;

/**
 * Method names only a Prisma model delegate (or a drizzle relational query) has: `x.user.findUnique(...)`
 * is a query whatever `x` is.
 */
export const DELEGATE_ONLY_METHODS: ReadonlySet<string> = new Set([
  'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'createManyAndReturn', 'updateManyAndReturn',
]);

/** Decorators that inject a repository, model or database connection into a NestJS class. */
export const INJECTION_DECORATORS: ReadonlyMap<string, string> = new Map([
  ['InjectRepository', 'typeorm'],
  ['InjectEntityManager', 'typeorm'],
  ['InjectDataSource', 'typeorm'],
  ['InjectModel', 'model'],
  ['InjectConnection', 'model'],
  ['InjectKnex', 'knex'],
  ['InjectDrizzle', 'drizzle'],
]);

/**
 * Methods of models whose library is not resolved (guessed models: imported from a models
 * folder, `UserModel`, `userRepository`). Mongoose, Sequelize, Bookshelf, Objection, Waterline
 * and TypeORM's Active Record share these names.
 */
export const MODEL_READ_METHODS: ReadonlySet<string> = new Set([
  'find', 'findOne', 'findAll', 'findById', 'findByPk', 'findBy', 'findOneBy', 'findOneOrFail', 'findAndCount', 'findAndCountAll', 'findPage',
  'findOrCreate', 'countDocuments', 'count', 'exists', 'aggregate', 'fetch', 'fetchAll', 'fetchOne', 'query', 'populate',
  // Aggregates: Sequelize `sum`/`min`/`max`, TypeORM `sum`/`average`/`minimum`/`maximum`/`countBy`, Mongoose `distinct`/`estimatedDocumentCount`.
  'sum', 'min', 'max', 'average', 'minimum', 'maximum', 'countBy', 'distinct', 'estimatedDocumentCount',
]);
export const MODEL_WRITE_METHODS: ReadonlySet<string> = new Set([
  'create', 'update', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'destroy', 'upsert', 'save', 'insert', 'delete', 'remove',
  'findOneAndUpdate', 'findByIdAndUpdate', 'findOneAndDelete', 'findByIdAndDelete', 'increment', 'decrement', 'add', 'edit',
]);
export const MODEL_BATCH_METHODS: ReadonlySet<string> = new Set(['insertMany', 'bulkCreate', 'bulkWrite', 'bulkSave', 'createMany']);

/** Repository-style methods named after what they find (`findByEmail`, `countByStatus`). Anchored, linear. */
export const REPOSITORY_READ_METHOD = /^(?:find|findOne|findAll|findMany|count|exists)By[A-Z]\w*$/u;

/** Receiver names of guessed models and repositories (`UserModel`, `this.userRepository`, `orderRepo`). Anchored, linear. */
export const MODEL_RECEIVER_NAME = /^(?:[A-Za-z]\w*Model|[A-Za-z]\w*(?:Repository|Repo))$/u;

/** What a model instance (a row) does that queries: reload, lazy relations, Sequelize's `getX()` association accessors. */
export const INSTANCE_READ_METHODS: ReadonlySet<string> = new Set(['reload', 'populate', '$relatedQuery', '$fetchGraph', 'load', 'fetch', 'refresh']);
export const INSTANCE_WRITE_METHODS: ReadonlySet<string> = new Set(['save', 'destroy', 'update', 'increment', 'decrement', 'restore', 'deleteOne', 'updateOne', '$query']);

/** Folders named like models that hold domain objects or view models, not persistence models (`domain/models/offer`). */
export const NOT_PERSISTENCE_FOLDERS: ReadonlySet<string> = new Set(['domain', 'view-models', 'viewmodels', 'viewModels', 'dto', 'dtos']);

export const ASSOCIATION_ADVICE: BatchAdvice = {
  read: 'eager-load the association with `include` when the rows are loaded',
  write: 'one statement over all rows',
};

/** Sequelize association accessors: `post.getAuthor()`, `user.countPosts()`, `user.hasRole(r)`. Anchored, linear. */
export const ASSOCIATION_ACCESSOR = /^(?:get|count|has)[A-Z]\w*$/u;

/** Instance methods shaped like association accessors that are not queries. */
export const NOT_ASSOCIATION_ACCESSORS: ReadonlySet<string> = new Set([
  'getDataValue', 'getChanges', 'getTableName', 'getAttributes', 'getMaxListeners', 'getPrimaryKey', 'getId', 'getTime', 'getDate', 'getFullYear',
  'getMonth', 'getDay', 'getHours', 'getMinutes', 'getSeconds', 'getTimezoneOffset', 'hasOwnProperty', 'hasChanged', 'getValue', 'getType', 'getName',
]);

/**
 * Calls that run a callback once per item of a collection, and the position of the callback.
 * Array methods take it first; Bluebird's `Promise.map(items, fn)` and p-map's `pMap(items, fn)` second.
 */
export const ARRAY_CALLBACK_METHODS: ReadonlySet<string> = new Set(['map', 'forEach', 'flatMap', 'filter', 'some', 'every', 'reduce', 'reduceRight']);
export const PROMISE_COLLECTION_METHODS: ReadonlySet<string> = new Set(['map', 'mapSeries', 'each', 'filter', 'reduce']);
export const PROMISE_LIBRARY_NAMES: ReadonlySet<string> = new Set(['Promise', 'Bluebird', 'bluebird', 'BluebirdPromise', 'P']);
/** The `async` library's collection functions (`async.eachSeries(items, fn, done)`). */
export const ASYNC_LIBRARY_METHODS: ReadonlySet<string> = new Set([
  'each', 'eachSeries', 'eachLimit', 'forEach', 'forEachSeries', 'forEachLimit', 'eachOf', 'eachOfSeries', 'eachOfLimit', 'forEachOf',
  'map', 'mapSeries', 'mapLimit', 'mapValues', 'mapValuesSeries', 'mapValuesLimit', 'filter', 'filterSeries', 'filterLimit', 'concat', 'concatSeries',
  'detect', 'reduce', 'some', 'every', 'groupBy', 'sortBy',
]);
/** Modules whose default export maps a collection through a callback (`pMap(items, fn)`). */
export const COLLECTION_MAPPER_MODULES: ReadonlySet<string> = new Set([
  'p-map', 'p-map-series', 'p-each-series', 'p-filter', 'p-reduce', 'p-series', 'p-all',
]);

/** Functions whose name says they check something against the database (`assertUnique`, `checkQuota`). Anchored, linear. */
export const CHECK_FUNCTION_NAME = /^(?:assert|check|verify)[A-Z_]/u;

/** Names of constants by convention (`ALLOWED_ROLES`, `EMAIL_SLUGS`): a list defined in code, a fixed number of items. Anchored, linear. */
export const CONSTANT_NAME = /^[A-Z][A-Z0-9_]+$/u;

/** Loop variables and collections named like a batch: a loop over chunks runs one query per chunk, by design. Anchored, linear. */
export const BATCH_NAME = /^(?:chunk|chunks|batch|batches|page|pages|slice|slices|group|groups|bucket|buckets|window|windows)$|(?:Chunk|Chunks|Batch|Batches|Page|Pages|_chunk|_batch)$/u;

/** Names of key lists: `where: { id: userIds }` matches many rows in Sequelize. Anchored, linear. */
export const KEY_LIST_NAME = /^(?:ids|keys|uuids)$|(?:Ids|IDs|_ids|Keys|Uuids)$/u;
