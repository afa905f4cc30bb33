/**
 * SQL drivers and ORMs whose calls take query text.
 *
 * A value is tracked from the module (an import or `require`) along a path of property reads
 * and calls, written as a string: `.Pool()` is `new Pool()` from the module, `()()` is calling
 * the module's result (pg-promise's `pgp(cn)`). Once a path reaches `factories` (or a value is
 * typed with any type the module exports), the value is a driver instance: a pool, client,
 * connection, manager, repository or builder.
 */
export type PlaceholderStyle =
  | 'dollar'
  | 'question'
  | 'named-at'
  | 'named-colon'
  | 'tagged'
  | 'knex'
  | 'sequelize'
  | 'typeorm'
  | 'pg-promise';

export interface SqlDriver {
  readonly id: string;
  /** Shown in messages. */
  readonly label: string;
  readonly modules: readonly string[];
  readonly placeholder: PlaceholderStyle;
  /** Module paths that yield an instance. */
  readonly factories: readonly string[];
  /** Module paths that yield the module again (sqlite3's `verbose()`). */
  readonly moduleAliases?: readonly string[];
  /** Methods of an instance that take query text. */
  readonly instanceSinks: readonly string[];
  /** Module paths of functions that take query text (`.sql.raw` of drizzle). */
  readonly moduleSinks?: readonly string[];
  /** Instance methods and properties that yield another instance. */
  readonly derivedInstances?: readonly string[];
  /** Every call on an instance yields an instance (query builders such as knex). */
  readonly chainable?: boolean;
  /** Methods whose callback receives an instance (`knex.transaction(trx => ...)`). */
  readonly callbackInstances?: readonly string[];
  /** Instance sinks that accept a tagged template and parameterize it. */
  readonly taggedSinks?: readonly string[];
  /** Object form of a query: the key that holds the text (`{ text }` of pg). */
  readonly textKey?: string;
  /** The tagged-template form suggested instead of the unsafe call, when certain. */
  readonly taggedReplacement?: Readonly<Record<string, string>>;
}

export const SQL_DRIVERS: readonly SqlDriver[] = [
  {
    id: 'pg',
    label: 'pg',
    modules: ['pg', 'pg-pool', 'pg-native'],
    placeholder: 'dollar',
    factories: ['.Pool()', '.Client()', '()', '.native.Pool()', '.native.Client()', '.default.Pool()', '.default.Client()'],
    instanceSinks: ['query'],
    derivedInstances: ['connect'],
    callbackInstances: ['connect'],
    textKey: 'text',
  },
  {
    id: 'mysql',
    label: 'mysql2',
    modules: ['mysql', 'mysql2', 'mysql2/promise'],
    placeholder: 'question',
    factories: ['.createPool()', '.createConnection()', '.createPoolCluster()', '.default.createPool()', '.default.createConnection()'],
    instanceSinks: ['query', 'execute'],
    derivedInstances: ['getConnection', 'promise', 'of'],
    callbackInstances: ['getConnection'],
    textKey: 'sql',
  },
  {
    id: 'sqlite3',
    label: 'sqlite3',
    modules: ['sqlite3'],
    placeholder: 'question',
    factories: ['.Database()', '.cached.Database()'],
    moduleAliases: ['.verbose()'],
    instanceSinks: ['all', 'each', 'exec', 'get', 'prepare', 'run'],
  },
  {
    id: 'sqlite',
    label: 'sqlite',
    modules: ['sqlite'],
    placeholder: 'question',
    factories: ['.open()', '.Database()'],
    instanceSinks: ['all', 'each', 'exec', 'get', 'prepare', 'run'],
  },
  {
    id: 'better-sqlite3',
    label: 'better-sqlite3',
    modules: ['better-sqlite3'],
    placeholder: 'question',
    factories: ['()', '.default()'],
    instanceSinks: ['prepare', 'exec'],
  },
  {
    id: 'mssql',
    label: 'mssql',
    modules: ['mssql', 'mssql/msnodesqlv8'],
    placeholder: 'named-at',
    factories: ['.connect()', '.ConnectionPool()', '.Request()', '.Transaction()', '.PreparedStatement()'],
    instanceSinks: ['query', 'batch'],
    moduleSinks: ['.query', '.batch'],
    derivedInstances: ['connect', 'request', 'transaction'],
    taggedSinks: ['query', 'batch'],
  },
  {
    id: 'knex',
    label: 'knex',
    modules: ['knex'],
    placeholder: 'knex',
    factories: ['()', '.knex()', '.default()'],
    instanceSinks: ['raw'],
    chainable: true,
    callbackInstances: ['transaction'],
  },
  {
    id: 'sequelize',
    label: 'sequelize',
    modules: ['sequelize', 'sequelize-typescript'],
    placeholder: 'sequelize',
    factories: ['.Sequelize()', '()', '.default()'],
    instanceSinks: ['query', 'literal'],
    moduleSinks: ['.literal', '.Sequelize.literal', '.default.literal'],
  },
  {
    id: 'typeorm',
    label: 'TypeORM',
    modules: ['typeorm', '@nestjs/typeorm'],
    placeholder: 'typeorm',
    factories: ['.DataSource()', '.createConnection()', '.getConnection()', '.getManager()', '.getRepository()'],
    instanceSinks: ['query', 'where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving', 'orderBy', 'addOrderBy', 'select', 'addSelect', 'groupBy', 'addGroupBy'],
    derivedInstances: [
      'manager',
      'createQueryRunner',
      'getRepository',
      'getTreeRepository',
      'getCustomRepository',
      'createQueryBuilder',
      'initialize',
      'withRepository',
    ],
    chainable: true,
    callbackInstances: ['transaction'],
  },
  {
    id: 'prisma',
    label: 'Prisma',
    modules: ['@prisma/client'],
    placeholder: 'tagged',
    factories: ['.PrismaClient()'],
    instanceSinks: ['$queryRawUnsafe', '$executeRawUnsafe'],
    callbackInstances: ['$transaction'],
    taggedReplacement: { $queryRawUnsafe: '$queryRaw', $executeRawUnsafe: '$executeRaw' },
  },
  {
    id: 'drizzle',
    label: 'drizzle',
    modules: ['drizzle-orm'],
    placeholder: 'tagged',
    factories: [],
    instanceSinks: [],
    moduleSinks: ['.sql.raw'],
  },
  {
    id: 'pg-promise',
    label: 'pg-promise',
    modules: ['pg-promise'],
    placeholder: 'pg-promise',
    factories: ['()()', '.default()()'],
    instanceSinks: ['any', 'many', 'none', 'one', 'oneOrNone', 'manyOrNone', 'query', 'result', 'map', 'each', 'multi', 'multiResult', 'func', 'proc'],
    callbackInstances: ['tx', 'task', 'txIf', 'taskIf'],
  },
  {
    id: 'postgres',
    label: 'postgres.js',
    modules: ['postgres'],
    placeholder: 'tagged',
    factories: ['()', '.default()'],
    instanceSinks: ['unsafe'],
    callbackInstances: ['begin', 'reserve'],
  },
  {
    id: 'slonik',
    label: 'slonik',
    modules: ['slonik'],
    placeholder: 'tagged',
    factories: ['.createPool()'],
    instanceSinks: [],
    moduleSinks: ['.sql.unsafe', '.sql.fragment'],
    callbackInstances: ['connect', 'transaction'],
  },
  {
    id: 'oracledb',
    label: 'oracledb',
    modules: ['oracledb'],
    placeholder: 'named-colon',
    factories: ['.getConnection()', '.createPool()', '.default.getConnection()', '.default.createPool()'],
    instanceSinks: ['execute', 'executeMany', 'queryStream'],
    derivedInstances: ['getConnection', 'getPool'],
  },
];

const DRIVERS_BY_MODULE = new Map<string, SqlDriver>(
  SQL_DRIVERS.flatMap((driver) => driver.modules.map((name) => [name, driver] as const)),
);

export function driverForModule(moduleName: string): SqlDriver | undefined {
  return DRIVERS_BY_MODULE.get(moduleName.startsWith('node:') ? moduleName.slice(5) : moduleName);
}

/** Methods that only Prisma and knex have: a receiver need not be resolved to trust them. */
export const DISTINCTIVE_SINKS: ReadonlyMap<string, string> = new Map([
  ['$queryRawUnsafe', 'prisma'],
  ['$executeRawUnsafe', 'prisma'],
]);

/** knex's raw builders other than `raw` itself: `whereRaw`, `orWhereRaw`, `orderByRaw`, ... */
export const KNEX_RAW_METHOD = /^(?:and|or)?(?:where|having|orderBy|groupBy|join|leftJoin|rightJoin|innerJoin|on|select|update|insert|from|with|column)\w*Raw$/u;

/**
 * Method names that take query text on receivers we cannot resolve (a `db` imported from a
 * relative module). Only reported when the text looks like SQL.
 */
export const GENERIC_QUERY_METHODS: ReadonlySet<string> = new Set([
  'query',
  'execute',
  'exec',
  'raw',
  'all',
  'get',
  'run',
  'prepare',
  'any',
  'many',
  'one',
  'none',
  'oneOrNone',
  'manyOrNone',
  'unsafe',
  'batch',
]);

/** Names of plain functions that run SQL (`query(text)`, `runQuery`, `executeSql`), for unresolved callees. */
export const GENERIC_QUERY_FUNCTION = /^(?:query|sql|execute|raw|[a-z]\w*(?:Query|Sql|SQL))$/u;

/** Functions that paste their arguments into a format string: module and path to the function. */
export const STRING_FORMATTERS: readonly { module: string; path: string }[] = [
  { module: 'util', path: '.format' },
  { module: 'util', path: '.formatWithOptions' },
  { module: 'node:util', path: '.format' },
  { module: 'node:util', path: '.formatWithOptions' },
  { module: 'sprintf-js', path: '.sprintf' },
  { module: 'sprintf-js', path: '.vsprintf' },
  { module: 'format-util', path: '' },
];

/** Functions whose result is an escaped SQL value or identifier. */
export const SQL_ESCAPERS: readonly { module?: string; name: string }[] = [
  { name: 'escape' },
  { name: 'escapeId' },
  { name: 'escapeIdentifier' },
  { name: 'escapeLiteral' },
  { module: 'pg-format', name: 'format' },
  { module: 'pg-format', name: 'ident' },
  { module: 'pg-format', name: 'literal' },
  { module: 'pg-format', name: 'string' },
  { module: 'pg-escape', name: 'ident' },
  { module: 'pg-escape', name: 'literal' },
  { module: 'sqlstring', name: 'format' },
  { module: 'mysql', name: 'format' },
  { module: 'mysql2', name: 'format' },
  { module: 'mysql2/promise', name: 'format' },
];

export const PLACEHOLDER_ADVICE: Readonly<Record<PlaceholderStyle, string>> = {
  dollar: 'use $1, $2, ... placeholders and pass the values array',
  question: 'use ? placeholders and pass the values array',
  'named-at': 'use @name inputs (request.input) or the tagged template query`...`',
  'named-colon': 'use :name bind variables and pass the binds object',
  tagged: 'use the tagged template form, which sends each ${} as a parameter',
  knex: 'use ? bindings (raw(sql, [values])) or the query builder',
  sequelize: 'use replacements (:name or ?) or bind parameters ($1)',
  typeorm: 'use :name parameters (where("x = :x", { x })) or $1/? with a parameters array',
  'pg-promise': 'use $1 or ${name} formatting and pass the values argument',
};

export const UNRESOLVED_ADVICE = 'use placeholders and pass the values separately';
