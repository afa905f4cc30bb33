/**
 * SQL drivers, ORMs and cloud query APIs whose calls take query text.
 *
 * Built from each package's own type definitions (bundled or `@types/*`), not from examples:
 * `types` names the package and the version whose definitions were read. The packages are the
 * SQL clients Node backends commonly use: the drivers of the open-source databases, the ORMs and
 * query builders, and the query APIs of the cloud databases (AWS, Google Cloud, Snowflake,
 * Databricks) and serverless clients (Neon, PlanetScale, Vercel, Turso, Cloudflare D1).
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
  | 'pg-promise'
  | 'rds-data'
  | 'athena'
  | 'redshift-data'
  | 'partiql'
  | 'bigquery'
  | 'spanner'
  | 'snowflake'
  | 'databricks'
  | 'aql'
  | 'sqlpp';

/**
 * A call whose options object holds the text (`new ExecuteStatementCommand({ sql })`): a module
 * path of a constructor or function (`.ExecuteStatementCommand`), or an instance method
 * (`executeStatement`), and the keys read from its first argument to the text (`[]` for each
 * element of an array: `['Statements', '[]', 'Statement']`).
 */
export interface TextOption {
  readonly call: string;
  readonly path: readonly string[];
}

export interface SqlDriver {
  readonly id: string;
  /** Shown in messages. */
  readonly label: string;
  readonly modules: readonly string[];
  /** The package and the version whose type definitions this entry was read from. */
  readonly types: string;
  readonly placeholder: PlaceholderStyle;
  /** Module paths that yield an instance. */
  readonly factories: readonly string[];
  /** Module paths that yield the module again (sqlite3's `verbose()`). */
  readonly moduleAliases?: readonly string[];
  /** Methods of an instance that take query text. */
  readonly instanceSinks: readonly string[];
  /** Methods of an instance that take query text after other arguments, and its position (`R.find(type, clause)`). */
  readonly sinkArguments?: Readonly<Record<string, number>>;
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
  /** Calls and constructors that take the text only inside an options object. */
  readonly optionSinks?: readonly TextOption[];
  /** The tagged-template form suggested instead of the unsafe call, when certain. */
  readonly taggedReplacement?: Readonly<Record<string, string>>;
}

export const SQL_DRIVERS: readonly SqlDriver[] = [
  {
    id: 'pg',
    label: 'pg',
    modules: ['pg', 'pg-pool', 'pg-native'],
    types: '@types/pg 8.23.1',
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
    types: 'mysql2 3.26.1, @types/mysql 2.15.28',
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
    types: 'sqlite3 6.0.1',
    placeholder: 'question',
    factories: ['.Database()', '.cached.Database()'],
    moduleAliases: ['.verbose()'],
    instanceSinks: ['all', 'each', 'exec', 'get', 'prepare', 'run'],
  },
  {
    id: 'sqlite',
    label: 'sqlite',
    modules: ['sqlite'],
    types: 'sqlite 5.1.1',
    placeholder: 'question',
    factories: ['.open()', '.Database()'],
    instanceSinks: ['all', 'each', 'exec', 'get', 'prepare', 'run'],
  },
  {
    id: 'better-sqlite3',
    label: 'better-sqlite3',
    modules: ['better-sqlite3'],
    types: '@types/better-sqlite3 9.6.0',
    placeholder: 'question',
    factories: ['()', '.default()'],
    instanceSinks: ['prepare', 'exec', 'pragma'],
  },
  {
    id: 'mssql',
    label: 'mssql',
    modules: ['mssql', 'mssql/msnodesqlv8'],
    types: '@types/mssql 12.3.0',
    placeholder: 'named-at',
    factories: ['.connect()', '.ConnectionPool()', '.Request()', '.Transaction()', '.PreparedStatement()'],
    instanceSinks: ['query', 'batch'],
    moduleSinks: ['.query', '.batch'],
    derivedInstances: ['connect', 'request', 'transaction', 'input', 'output'],
    taggedSinks: ['query', 'batch'],
  },
  {
    id: 'knex',
    label: 'knex',
    modules: ['knex'],
    types: 'knex 3.3.0',
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
    types: 'sequelize 6.37.8',
    placeholder: 'sequelize',
    factories: ['.Sequelize()', '()', '.default()'],
    instanceSinks: ['query', 'literal'],
    moduleSinks: ['.literal', '.Sequelize.literal', '.default.literal'],
  },
  {
    id: 'typeorm',
    label: 'TypeORM',
    modules: ['typeorm', '@nestjs/typeorm'],
    types: 'typeorm 1.1.3',
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
    types: '@prisma/client 7.10.1',
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
    types: 'drizzle-orm 0.45.4',
    placeholder: 'tagged',
    factories: [],
    instanceSinks: [],
    moduleSinks: ['.sql.raw'],
  },
  {
    id: 'pg-promise',
    label: 'pg-promise',
    modules: ['pg-promise'],
    types: 'pg-promise 12.7.1',
    placeholder: 'pg-promise',
    factories: ['()()', '.default()()'],
    instanceSinks: ['any', 'many', 'none', 'one', 'oneOrNone', 'manyOrNone', 'query', 'result', 'map', 'each', 'multi', 'multiResult', 'func', 'proc'],
    callbackInstances: ['tx', 'task', 'txIf', 'taskIf'],
  },
  {
    id: 'postgres',
    label: 'postgres.js',
    modules: ['postgres'],
    types: 'postgres 4.2.0',
    placeholder: 'tagged',
    factories: ['()', '.default()'],
    instanceSinks: ['unsafe'],
    callbackInstances: ['begin', 'reserve'],
  },
  {
    id: 'slonik',
    label: 'slonik',
    modules: ['slonik'],
    // `sql.unsafe` and `sql.fragment` are tags; called with a string (JavaScript, or a cast), the string is the query.
    types: 'slonik 47.3.2 (@slonik/sql-tag)',
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
    types: '@types/oracledb 7.0.3',
    placeholder: 'named-colon',
    factories: ['.getConnection()', '.createPool()', '.default.getConnection()', '.default.createPool()'],
    instanceSinks: ['execute', 'executeMany', 'queryStream'],
    derivedInstances: ['getConnection', 'getPool'],
  },
  {
    id: 'mariadb',
    label: 'mariadb',
    modules: ['mariadb', 'mariadb/callback'],
    types: 'mariadb 3.5.4',
    placeholder: 'question',
    factories: ['.createPool()', '.createConnection()', '.createPoolCluster()', '.default.createPool()', '.default.createConnection()'],
    instanceSinks: ['query', 'execute', 'batch', 'queryStream', 'prepare'],
    derivedInstances: ['getConnection', 'of'],
    textKey: 'sql',
  },
  {
    id: 'tedious',
    label: 'tedious',
    modules: ['tedious'],
    types: 'tedious 19.2.2',
    placeholder: 'named-at',
    factories: ['.Connection()'],
    instanceSinks: [],
    // `new Request(sql, callback)`: the text goes with the request to `execSql`.
    moduleSinks: ['.Request'],
  },
  {
    id: 'duckdb',
    label: 'duckdb',
    modules: ['duckdb'],
    types: 'duckdb 1.4.4',
    placeholder: 'question',
    factories: ['.Database()', '.default.Database()'],
    instanceSinks: ['all', 'each', 'exec', 'prepare', 'run', 'arrowIPCAll'],
    derivedInstances: ['connect'],
  },
  {
    id: 'kysely',
    label: 'Kysely',
    modules: ['kysely'],
    types: 'kysely 0.28.20',
    placeholder: 'tagged',
    factories: [],
    instanceSinks: [],
    moduleSinks: ['.sql.raw'],
  },
  {
    id: 'mikro-orm',
    label: 'MikroORM',
    modules: ['@mikro-orm/core', '@mikro-orm/knex', '@mikro-orm/postgresql', '@mikro-orm/mysql', '@mikro-orm/mariadb', '@mikro-orm/mssql', '@mikro-orm/sqlite', '@mikro-orm/libsql'],
    types: '@mikro-orm/core 6.6.16, @mikro-orm/knex 6.6.16',
    placeholder: 'question',
    factories: ['.MikroORM.init()'],
    instanceSinks: ['execute'],
    moduleSinks: ['.raw'],
    derivedInstances: ['em', 'fork', 'getConnection'],
    callbackInstances: ['transactional'],
  },
  {
    id: 'objection',
    label: 'Objection',
    modules: ['objection'],
    types: 'objection 3.1.5',
    placeholder: 'knex',
    factories: [],
    instanceSinks: [],
    moduleSinks: ['.raw'],
  },
  {
    id: 'neon',
    label: 'Neon serverless',
    modules: ['@neondatabase/serverless'],
    types: '@neondatabase/serverless 1.2.0',
    placeholder: 'dollar',
    // `neon(url)` is the tagged `sql` function; its `query(text, params)` and `unsafe(text)` take text.
    factories: ['.neon()', '.Pool()', '.Client()'],
    instanceSinks: ['query', 'unsafe'],
    derivedInstances: ['connect'],
    textKey: 'text',
  },
  {
    id: 'planetscale',
    label: 'PlanetScale',
    modules: ['@planetscale/database'],
    types: '@planetscale/database 1.20.2',
    placeholder: 'question',
    factories: ['.connect()', '.Client()'],
    instanceSinks: ['execute'],
    derivedInstances: ['connection'],
    callbackInstances: ['transaction'],
  },
  {
    id: 'vercel-postgres',
    label: '@vercel/postgres',
    modules: ['@vercel/postgres'],
    types: '@vercel/postgres 0.10.0',
    placeholder: 'dollar',
    // `sql` and `db` are pools; `sql\`...\`` is safe, `sql.query(text)` is not.
    factories: ['.sql', '.db', '.createPool()', '.createClient()', '.VercelPool()', '.VercelClient()'],
    instanceSinks: ['query'],
    derivedInstances: ['connect'],
    textKey: 'text',
  },
  {
    id: 'libsql',
    label: 'libSQL',
    modules: ['@libsql/client', '@libsql/client/web', '@libsql/client/http', '@libsql/client/ws', '@libsql/client/sqlite3'],
    types: '@libsql/client 0.18.0 (@libsql/core)',
    placeholder: 'question',
    factories: ['.createClient()'],
    instanceSinks: ['execute', 'executeMultiple'],
    derivedInstances: ['transaction'],
    textKey: 'sql',
    optionSinks: [
      { call: 'batch', path: ['[]'] },
      { call: 'batch', path: ['[]', 'sql'] },
      { call: 'migrate', path: ['[]', 'sql'] },
    ],
  },
  {
    id: 'd1',
    label: 'Cloudflare D1',
    modules: ['@cloudflare/workers-types'],
    types: '@cloudflare/workers-types 5.20261117.1',
    placeholder: 'question',
    // A binding of the environment, not a module's value: known through a `D1Database` type.
    factories: [],
    instanceSinks: ['prepare', 'exec'],
  },
  {
    id: 'rds-data',
    label: 'RDS Data API',
    modules: ['@aws-sdk/client-rds-data'],
    types: '@aws-sdk/client-rds-data 3.1143.0',
    placeholder: 'rds-data',
    factories: ['.RDSDataClient()', '.RDSData()'],
    instanceSinks: [],
    optionSinks: [
      { call: '.ExecuteStatementCommand', path: ['sql'] },
      { call: '.BatchExecuteStatementCommand', path: ['sql'] },
      { call: '.ExecuteSqlCommand', path: ['sqlStatements'] },
      { call: 'executeStatement', path: ['sql'] },
      { call: 'batchExecuteStatement', path: ['sql'] },
      { call: 'executeSql', path: ['sqlStatements'] },
    ],
  },
  {
    id: 'athena',
    label: 'Athena',
    modules: ['@aws-sdk/client-athena'],
    types: '@aws-sdk/client-athena 3.1178.0',
    placeholder: 'athena',
    factories: ['.AthenaClient()', '.Athena()'],
    instanceSinks: [],
    optionSinks: [
      { call: '.StartQueryExecutionCommand', path: ['QueryString'] },
      { call: '.CreateNamedQueryCommand', path: ['QueryString'] },
      { call: '.UpdateNamedQueryCommand', path: ['QueryString'] },
      { call: '.CreatePreparedStatementCommand', path: ['QueryStatement'] },
      { call: '.UpdatePreparedStatementCommand', path: ['QueryStatement'] },
      { call: 'startQueryExecution', path: ['QueryString'] },
      { call: 'createNamedQuery', path: ['QueryString'] },
      { call: 'updateNamedQuery', path: ['QueryString'] },
      { call: 'createPreparedStatement', path: ['QueryStatement'] },
      { call: 'updatePreparedStatement', path: ['QueryStatement'] },
    ],
  },
  {
    id: 'redshift-data',
    label: 'Redshift Data API',
    modules: ['@aws-sdk/client-redshift-data'],
    types: '@aws-sdk/client-redshift-data 3.1178.0',
    placeholder: 'redshift-data',
    factories: ['.RedshiftDataClient()', '.RedshiftData()'],
    instanceSinks: [],
    optionSinks: [
      { call: '.ExecuteStatementCommand', path: ['Sql'] },
      { call: '.BatchExecuteStatementCommand', path: ['Sqls', '[]'] },
      { call: 'executeStatement', path: ['Sql'] },
      { call: 'batchExecuteStatement', path: ['Sqls', '[]'] },
    ],
  },
  {
    id: 'dynamodb',
    label: 'DynamoDB PartiQL',
    modules: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
    types: '@aws-sdk/client-dynamodb 3.1178.0, @aws-sdk/lib-dynamodb 3.1178.0',
    placeholder: 'partiql',
    factories: ['.DynamoDBClient()', '.DynamoDB()', '.DynamoDBDocumentClient.from()', '.DynamoDBDocument.from()'],
    instanceSinks: [],
    optionSinks: [
      { call: '.ExecuteStatementCommand', path: ['Statement'] },
      { call: '.BatchExecuteStatementCommand', path: ['Statements', '[]', 'Statement'] },
      { call: '.ExecuteTransactionCommand', path: ['TransactStatements', '[]', 'Statement'] },
      { call: 'executeStatement', path: ['Statement'] },
      { call: 'batchExecuteStatement', path: ['Statements', '[]', 'Statement'] },
      { call: 'executeTransaction', path: ['TransactStatements', '[]', 'Statement'] },
    ],
  },
  {
    id: 'bigquery',
    label: 'BigQuery',
    modules: ['@google-cloud/bigquery'],
    types: '@google-cloud/bigquery 8.3.1',
    placeholder: 'bigquery',
    factories: ['.BigQuery()'],
    instanceSinks: ['query', 'createQueryJob', 'createQueryStream'],
    derivedInstances: ['dataset', 'table'],
    textKey: 'query',
  },
  {
    id: 'spanner',
    label: 'Cloud Spanner',
    modules: ['@google-cloud/spanner'],
    types: '@google-cloud/spanner 8.13.0',
    placeholder: 'spanner',
    factories: ['.Spanner()'],
    instanceSinks: ['run', 'runStream', 'runUpdate', 'runPartitionedUpdate'],
    derivedInstances: ['instance', 'database'],
    callbackInstances: ['runTransaction', 'runTransactionAsync', 'getSnapshot'],
    textKey: 'sql',
  },
  {
    id: 'snowflake',
    label: 'Snowflake',
    modules: ['snowflake-sdk'],
    types: 'snowflake-sdk 3.4.1',
    placeholder: 'snowflake',
    factories: ['.createConnection()', '.createPool()', '.default.createConnection()', '.default.createPool()'],
    instanceSinks: [],
    callbackInstances: ['use', 'connect'],
    optionSinks: [{ call: 'execute', path: ['sqlText'] }],
  },
  {
    id: 'databricks',
    label: 'Databricks SQL',
    modules: ['@databricks/sql'],
    types: '@databricks/sql 2.1.0',
    placeholder: 'databricks',
    factories: ['.DBSQLClient()', '.default.DBSQLClient()'],
    instanceSinks: ['executeStatement'],
    derivedInstances: ['connect', 'openSession'],
  },
  {
    id: 'couchbase',
    label: 'Couchbase SQL++',
    modules: ['couchbase'],
    types: 'couchbase 4.7.1',
    placeholder: 'sqlpp',
    factories: ['.connect()', '.Cluster.connect()', '.default.connect()'],
    instanceSinks: ['query', 'analyticsQuery'],
    derivedInstances: ['bucket', 'scope', 'defaultScope'],
  },
  {
    id: 'arangojs',
    label: 'ArangoDB AQL',
    modules: ['arangojs'],
    types: 'arangojs 10.4.0',
    placeholder: 'aql',
    factories: ['.Database()', '()', '.arangojs()', '.default()'],
    instanceSinks: ['query'],
    moduleSinks: ['.aql.literal', '.literal'],
    derivedInstances: ['database', 'createDatabase'],
  },
  {
    id: 'redbean-node',
    label: 'RedBeanNode',
    modules: ['redbean-node'],
    types: 'redbean-node 0.4.0',
    placeholder: 'question',
    factories: ['.R', '.default.R'],
    instanceSinks: ['exec', 'getAll', 'getRow', 'getCol', 'getCell', 'getAssoc'],
    // `R.find('user', ' email = ? ', [email])`: the second argument is the WHERE clause.
    sinkArguments: { find: 1, findOne: 1, findAll: 1, count: 1 },
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
  'rds-data': 'use :name placeholders and pass `parameters`',
  athena: 'use ? placeholders and pass `ExecutionParameters`',
  'redshift-data': 'use :name placeholders and pass `Parameters`',
  partiql: 'use ? placeholders and pass `Parameters`',
  bigquery: 'use @name or ? placeholders and pass `params`',
  spanner: 'use @name placeholders and pass `params`',
  snowflake: 'use ? or :1 binds and pass `binds`',
  databricks: 'use :name markers and pass `namedParameters`',
  aql: 'use the aql tagged template or @name bind variables',
  sqlpp: 'use $1 or $name placeholders and pass `parameters`',
};

export const UNRESOLVED_ADVICE = 'use placeholders and pass the values separately';
