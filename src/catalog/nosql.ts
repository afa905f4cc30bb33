import { SOURCE_EXTENSIONS } from './source-files.js';

/**
 * MongoDB, Mongoose and the stores that read MongoDB's query language (NeDB, LokiJS, TingoDB,
 * mongojs, Monk): where their query objects come from, which calls take a filter, an update or a
 * pipeline, which operators run JavaScript, and what cleans client input of operators. Each
 * library entry records the package and version whose type definitions (or, for packages that
 * ship none, whose source) were read. mongodb-memory-server is not one: it starts a server and
 * gives its URI to the `mongodb` client.
 *
 * Values are tracked from the module along a path of property reads and calls, as in
 * `sql-drivers.ts`: `.MongoClient()` is `new MongoClient()`, `.model()` is `mongoose.model(...)`.
 * Once a path reaches `factories`, the value is a client, database, collection or model; the
 * `derivedInstances` keep it one (`client.db().collection('x')`, `User.find().where(...)`).
 */
/** A library whose values are tracked from its modules: what it is, and where its instances come from. */
interface TrackedLibrary {
  readonly id: string;
  /** Shown in messages. */
  readonly label: string;
  readonly modules: readonly string[];
  /** The packages and versions whose type definitions (or source, where none ship) were read. */
  readonly types: string;
  readonly factories: readonly string[];
  readonly derivedInstances: readonly string[];
}

/** Each module of the libraries to its library. */
function byModule<L extends TrackedLibrary>(libraries: readonly L[]): (moduleName: string) => L | undefined {
  const map = new Map<string, L>(libraries.flatMap((library) => library.modules.map((name) => [name, library] as const)));
  return (moduleName) => map.get(moduleName);
}

export interface NosqlLibrary extends TrackedLibrary {
  /** Module paths whose property reads are models (`mongoose.models.User`). */
  readonly modelRegistries?: readonly string[];
}

/** Mongoose query-building methods that return the query again (`User.find().where(...)`). */
export const MONGOOSE_CHAIN_METHODS: readonly string[] = [
  'find', 'findOne', 'findById', 'where', 'and', 'or', 'nor', 'sort', 'limit', 'skip', 'select', 'lean',
  'populate', 'setOptions', 'collation', 'hint', 'projection', 'read', 'session', 'batchSize', 'comment',
  'maxTimeMS', 'exec', 'countDocuments', 'distinct', 'exists', 'equals', 'in', 'gt', 'gte', 'lt', 'lte', 'ne',
];

/** Mongoose query methods that refine a query and return it (`User.find(...).sort(...).where(...)`). */
export const MONGOOSE_QUERY_MODIFIERS: readonly string[] = [
  'sort', 'limit', 'skip', 'select', 'lean', 'populate', 'setOptions', 'collation', 'hint', 'session', 'read',
];

export const NOSQL_LIBRARIES: readonly NosqlLibrary[] = [
  {
    id: 'mongodb',
    label: 'MongoDB driver',
    modules: ['mongodb'],
    types: 'mongodb 7.9.1, mongodb 4.17.2 (update, remove, count)',
    factories: [
      '.MongoClient()',
      '.MongoClient.connect()',
      '.default.MongoClient()',
      '.Db()',
      '.Collection()',
    ],
    derivedInstances: ['db', 'collection', 'connect'],
  },
  {
    id: 'mongoose',
    label: 'Mongoose',
    modules: ['mongoose'],
    types: 'mongoose 9.13.2, mongoose 6.13.11 (update, remove, count, findOneAndRemove, findByIdAndRemove)',
    factories: [
      '.model()',
      '.default.model()',
      '.connection',
      '.default.connection',
      '.createConnection()',
      '.default.createConnection()',
      '.connect()',
      '.default.connect()',
    ],
    derivedInstances: ['model', 'collection', 'db', 'useDb', 'asPromise', 'connection', 'discriminator', ...MONGOOSE_CHAIN_METHODS],
    modelRegistries: ['.models', '.default.models', '.connection.models'],
  },
  {
    id: 'nedb',
    label: 'NeDB',
    modules: ['nedb', '@seald-io/nedb', 'nedb-promises'],
    types: '@types/nedb 1.8.16, @seald-io/nedb 4.1.2, nedb-promises 6.2.4',
    // `new Datastore(...)`; nedb-promises also `Datastore.create(...)`.
    factories: ['()', '.default()', '.create()', '.default.create()', '.Datastore()', '.Datastore.create()'],
    derivedInstances: [],
  },
  {
    id: 'lokijs',
    label: 'LokiJS',
    modules: ['lokijs'],
    types: '@types/lokijs 1.5.14',
    factories: ['()', '.default()'],
    derivedInstances: ['addCollection', 'getCollection', 'chain'],
  },
  {
    id: 'tingodb',
    label: 'TingoDB',
    modules: ['tingodb'],
    types: 'tingodb 0.6.1 (source: lib/tcoll.js)',
    // `new (require('tingodb')().Db)(path)`.
    factories: ['().Db()'],
    derivedInstances: ['collection'],
  },
  {
    id: 'mongojs',
    label: 'mongojs',
    modules: ['mongojs'],
    types: 'mongojs 3.1.0 (source: lib/collection.js)',
    factories: ['()', '.default()'],
    derivedInstances: ['collection'],
  },
  {
    id: 'monk',
    label: 'Monk',
    modules: ['monk'],
    types: 'monk 7.3.4',
    factories: ['()', '.default()'],
    derivedInstances: ['get', 'create'],
  },
];

/**
 * Redis clients whose calls take a whole command as an array of words (`sendCommand(['GET', key])`,
 * `call('GET', key)`): a request array there lets the client choose the command (`FLUSHALL`,
 * `CONFIG SET`, `EVAL`). Read from their type definitions.
 */
export interface CommandClient extends TrackedLibrary {
  /** Methods whose first argument is the command as an array of words. */
  readonly commandArrays: readonly string[];
  /** Methods whose arguments are the command's words, the name first. */
  readonly commandWords: readonly string[];
}

export const COMMAND_CLIENTS: readonly CommandClient[] = [
  {
    id: 'node-redis',
    label: 'node-redis',
    modules: ['redis', '@redis/client'],
    types: 'redis 6.4.0 (@redis/client)',
    factories: ['.createClient()', '.createCluster()', '.createSentinel()', '.default.createClient()'],
    derivedInstances: ['duplicate', 'connect', 'withTypeMapping', 'multi'],
    commandArrays: ['sendCommand'],
    commandWords: [],
  },
  {
    id: 'ioredis',
    label: 'ioredis',
    modules: ['ioredis'],
    types: 'ioredis 6.1.0',
    factories: ['()', '.default()', '.Redis()', '.Cluster()', '.default.Cluster()'],
    derivedInstances: ['duplicate', 'multi', 'pipeline'],
    commandArrays: [],
    commandWords: ['call'],
  },
];

export const commandClientForModule = byModule(COMMAND_CLIENTS);

export const nosqlLibraryForModule = byModule(NOSQL_LIBRARIES);

/** Where each query method takes what: a filter, an `_id`, an update, a pipeline or JavaScript. */
export interface QueryMethod {
  readonly filter?: number;
  readonly id?: number;
  readonly update?: number;
  readonly pipeline?: number;
  /** An array of filters (`Query.prototype.or([...])`). */
  readonly filters?: number;
  /** JavaScript text (`Query.prototype.$where(js)`). */
  readonly code?: number;
  /** `mapReduce(map, reduce, options)` or `mapReduce({ map, reduce, query })`. */
  readonly mapReduce?: true;
  /** Only Mongoose models and queries have it (a plain collection does not). */
  readonly mongooseOnly?: true;
  /**
   * A name other libraries use for other things (Sequelize's `update(values, { where })`): a
   * query only on a receiver resolved to a library of this file, not on a guessed model.
   */
  readonly resolvedOnly?: true;
}

export const QUERY_METHODS: ReadonlyMap<string, QueryMethod> = new Map<string, QueryMethod>([
  ['find', { filter: 0 }],
  ['findOne', { filter: 0 }],
  ['findOneAndUpdate', { filter: 0, update: 1 }],
  ['findOneAndDelete', { filter: 0 }],
  ['findOneAndRemove', { filter: 0, mongooseOnly: true }],
  ['findOneAndReplace', { filter: 0 }],
  ['updateOne', { filter: 0, update: 1 }],
  ['updateMany', { filter: 0, update: 1 }],
  ['deleteOne', { filter: 0 }],
  ['deleteMany', { filter: 0 }],
  ['replaceOne', { filter: 0 }],
  ['countDocuments', { filter: 0 }],
  ['count', { filter: 0 }],
  ['distinct', { filter: 1 }],
  ['exists', { filter: 0, mongooseOnly: true }],
  ['where', { filter: 0, mongooseOnly: true }],
  ['and', { filters: 0, mongooseOnly: true }],
  ['or', { filters: 0, mongooseOnly: true }],
  ['nor', { filters: 0, mongooseOnly: true }],
  ['findById', { id: 0, mongooseOnly: true }],
  ['findByIdAndUpdate', { id: 0, update: 1, mongooseOnly: true }],
  ['findByIdAndDelete', { id: 0, mongooseOnly: true }],
  ['findByIdAndRemove', { id: 0, mongooseOnly: true }],
  ['aggregate', { pipeline: 0 }],
  ['watch', { pipeline: 0 }],
  ['$where', { code: 0, mongooseOnly: true }],
  ['mapReduce', { mapReduce: true }],
  // Mongoose 6 and the MongoDB driver 4 (removed since), NeDB, TingoDB, mongojs, Monk.
  ['update', { filter: 0, update: 1, resolvedOnly: true }],
  ['remove', { filter: 0, resolvedOnly: true }],
  // Mongoose: a filter merged into a query, or set as its filter.
  ['merge', { filter: 0, mongooseOnly: true, resolvedOnly: true }],
  ['setQuery', { filter: 0, mongooseOnly: true, resolvedOnly: true }],
  // @seald-io/nedb's promise methods.
  ['findAsync', { filter: 0, resolvedOnly: true }],
  ['findOneAsync', { filter: 0, resolvedOnly: true }],
  ['countAsync', { filter: 0, resolvedOnly: true }],
  ['updateAsync', { filter: 0, update: 1, resolvedOnly: true }],
  ['removeAsync', { filter: 0, resolvedOnly: true }],
  // LokiJS collections (`find`, `findOne` and `count` above).
  ['findAndUpdate', { filter: 0, resolvedOnly: true }],
  ['findAndRemove', { filter: 0, resolvedOnly: true }],
  ['removeWhere', { filter: 0, resolvedOnly: true }],
]);

/** Filter operators whose operand is an array of filters. */
export const LOGICAL_OPERATORS: ReadonlySet<string> = new Set(['$and', '$or', '$nor']);

/** Filter operators whose operand is itself a condition or a filter. */
export const NESTED_CONDITION_OPERATORS: ReadonlySet<string> = new Set(['$not', '$elemMatch']);

/** Operators that run JavaScript on the server, and the keys that hold the code. */
export const CODE_OPERATORS: ReadonlyMap<string, readonly string[]> = new Map([
  ['$where', []],
  ['$function', ['body']],
  ['$accumulator', ['init', 'accumulate', 'merge', 'finalize']],
]);

/** Pipeline stages whose operand is a filter. */
export const FILTER_STAGES: ReadonlySet<string> = new Set(['$match']);

/** Pipeline stages whose operand holds nested pipelines. */
export const PIPELINE_STAGES: ReadonlySet<string> = new Set(['$lookup', '$facet', '$unionWith']);

/** Pipeline stages whose operand cannot run code or pick documents (a client-chosen sort is harmless). */
export const INERT_STAGES: ReadonlySet<string> = new Set(['$sort', '$limit', '$skip', '$sample', '$count', '$unset']);

/** Modules whose default export is middleware that strips operators from every request. */
export const SANITIZER_MIDDLEWARE_MODULES: ReadonlySet<string> = new Set(['express-mongo-sanitize']);

/** Function names that strip operators (`mongoose.sanitizeFilter`, `mongoSanitize.sanitize`). */
export const SANITIZER_NAMES: ReadonlySet<string> = new Set(['sanitize', 'sanitizeFilter', 'mongoSanitize']);

/**
 * Calls that validate what they are given: a schema's `parse`/`validate`, express-validator's
 * `validationResult(req)` and `matchedData(req)`. After such a call on a request value, the
 * value (and everything read from it) is treated as validated.
 */
export const VALIDATION_METHODS: ReadonlySet<string> = new Set([
  'validate', 'validateSync', 'validateAsync', 'validateOrReject', 'parse', 'parseAsync', 'safeParse',
  'safeParseAsync', 'assert', 'assertValid', 'check', 'validationResult', 'matchedData', 'isValid', 'isValidSync',
]);

/** Receivers of a `parse` that does not validate (`JSON.parse`, `qs.parse`). */
export const NON_VALIDATING_PARSERS: ReadonlySet<string> = new Set(['JSON', 'qs', 'querystring', 'url', 'Date', 'path', 'URL']);

/** Functions whose result holds the properties of their argument unchanged (`_.pick(req.body, ...)`). */
export const PASSTHROUGH_FUNCTIONS: ReadonlySet<string> = new Set([
  'assign', 'structuredClone', 'pick', 'omit', 'clone', 'cloneDeep', 'merge', 'defaults', 'freeze', 'toPlainObject',
]);

/**
 * SQL ORMs and query builders. Their models share method names with Mongoose (`findOne`,
 * `count`) but do not read `$` keys as operators, so a file that uses one of them and neither
 * `mongoose` nor `mongodb` gets no models guessed from names or folders.
 */
export const SQL_ORM_MODULES: ReadonlySet<string> = new Set([
  'sequelize', 'sequelize-typescript', 'typeorm', '@nestjs/typeorm', '@nestjs/sequelize', 'objection', 'bookshelf',
  'knex', '@prisma/client', '@mikro-orm/core', '@mikro-orm/postgresql', '@mikro-orm/mysql', 'drizzle-orm', 'waterline',
]);

function withoutExtension(segment: string): string {
  const dot = segment.lastIndexOf('.');
  return dot >= 0 && SOURCE_EXTENSIONS.has(segment.slice(dot)) ? segment.slice(0, dot) : segment;
}

/** `./x`, `../x`, `/x`, and the usual source aliases `@/x`, `~/x`, `#x`, `src/x`. */
export function isProjectModule(moduleName: string): boolean {
  return (
    moduleName.startsWith('.') ||
    moduleName.startsWith('/') ||
    moduleName.startsWith('@/') ||
    moduleName.startsWith('~') ||
    moduleName.startsWith('#') ||
    moduleName.startsWith('src/')
  );
}

/**
 * A project module that holds models: a `models`/`model` folder (`../models`, `@/models/User`),
 * or a file named like one (`./user.model`, `./invoice-model`, `./UserModel`).
 */
export function isModelModulePath(moduleName: string): boolean {
  if (!isProjectModule(moduleName)) return false;
  const segments = moduleName.split('/');
  const last = withoutExtension(segments.at(-1) ?? '');
  if (last === 'models' || last === 'model' || segments.some((segment) => segment === 'models' || segment === 'model')) return true;
  return last.endsWith('.model') || last.endsWith('-model') || last.endsWith('_model') || (last.length > 5 && last.endsWith('Model'));
}

/** A name that says it holds a model: `UserModel`, `userModel` (not `model` or `viewModel` alone). */
export function isModelName(name: string): boolean {
  if (name.length <= 5 || !name.endsWith('Model')) return false;
  const head = name.slice(0, -5);
  return head !== 'view' && head !== 'View' && head !== 'data' && head !== 'Data';
}
