import { PUBLIC_TOKEN_WORDS } from './responses.js';

/**
 * Logging libraries and the services that keep what a backend sends them (error trackers, cloud
 * logging). Values are tracked from the module like SQL drivers are (see `sql-drivers.ts` for the
 * path notation); a logger instance's level methods are log sinks.
 *
 * Built from each package's own type definitions (bundled or `@types/*`): `types` names the
 * package and the version whose definitions were read. The packages are the loggers Node
 * backends commonly use (the ones their frameworks ship or document: pino for Fastify, NestJS's
 * Logger, hapi's `server.log`; the general-purpose loggers with the most dependents; the loggers
 * of AWS Lambda and Azure SDKs) and the error trackers and cloud logs whose calls take free text
 * and data (Sentry, Bugsnag, Rollbar, Google Cloud Logging). Transports (winston-daily-rotate-file,
 * @google-cloud/logging-winston) and formatters (pino-pretty) write what a logger was given: the
 * logger's call is the sink.
 */
export interface LoggerLibrary {
  readonly id: string;
  readonly modules: readonly string[];
  /** The package and the version whose type definitions this entry was read from. */
  readonly types: string;
  /** Module paths that yield a logger. `''` is the module itself (winston's default logger). */
  readonly factories: readonly string[];
  /** Logger methods that yield another logger. */
  readonly derivedInstances?: readonly string[];
  /** Module paths that are log functions themselves (`debug('ns')` returns one, `Sentry.captureMessage`). */
  readonly logFunctions?: readonly string[];
  /** The methods of its loggers that write a record, when not the common level names of `LOG_METHODS` (`server.log` of hapi). */
  readonly methods?: readonly string[];
}

/** Logger methods that make another logger (`logger.child({ requestId })`). */
const CHILD_LOGGERS = ['child', 'withTag', 'getSubLogger', 'scope', 'getLogger', 'createLogger', 'create', 'createChild'];

/** Level names that write a record, on any logger. */
const LEVEL_METHODS = [
  'trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'log', 'verbose', 'silly', 'http',
  'notice', 'critical', 'crit', 'alert', 'emerg', 'success', 'fail', 'start', 'ready', 'box',
  'mark', 'silent',
];

export const LOGGER_LIBRARIES: readonly LoggerLibrary[] = [
  { id: 'pino', modules: ['pino', 'pino-http'], types: 'pino 10.4.0', factories: ['()', '.pino()', '.default()'], derivedInstances: CHILD_LOGGERS },
  { id: 'winston', modules: ['winston'], types: 'winston 3.19.0', factories: ['', '.createLogger()', '.loggers.get()', '.loggers.add()'], derivedInstances: CHILD_LOGGERS },
  { id: 'bunyan', modules: ['bunyan'], types: '@types/bunyan 1.8.11', factories: ['.createLogger()', '()'], derivedInstances: CHILD_LOGGERS },
  { id: 'log4js', modules: ['log4js'], types: 'log4js 6.9.1', factories: ['.getLogger()'], derivedInstances: CHILD_LOGGERS },
  { id: 'loglevel', modules: ['loglevel'], types: 'loglevel 1.9.2', factories: ['', '.getLogger()'], derivedInstances: CHILD_LOGGERS },
  { id: 'npmlog', modules: ['npmlog'], types: '@types/npmlog 7.0.0', factories: [''], derivedInstances: CHILD_LOGGERS, methods: [...LEVEL_METHODS, 'timing'] },
  { id: 'consola', modules: ['consola'], types: 'consola 3.4.2', factories: ['', '.consola', '.createConsola()', '.default'], derivedInstances: CHILD_LOGGERS },
  {
    id: 'signale',
    modules: ['signale'],
    types: '@types/signale 1.4.7',
    factories: ['', '.Signale()'],
    derivedInstances: CHILD_LOGGERS,
    methods: [...LEVEL_METHODS, 'await', 'complete', 'fav', 'note', 'pause', 'pending', 'star', 'wait', 'watch'],
  },
  { id: 'roarr', modules: ['roarr'], types: 'roarr 7.21.7', factories: ['.Roarr', '.Roarr.child()'], derivedInstances: CHILD_LOGGERS },
  { id: 'tslog', modules: ['tslog'], types: 'tslog 5.1.0', factories: ['.Logger()'], derivedInstances: CHILD_LOGGERS },
  { id: 'NestJS Logger', modules: ['@nestjs/common'], types: '@nestjs/common 12.6.3', factories: ['.Logger()', '.Logger', '.ConsoleLogger()'], derivedInstances: CHILD_LOGGERS },
  { id: 'debug', modules: ['debug'], types: '@types/debug 4.1.13', factories: [], logFunctions: ['()', '.default()', '.debug()'] },
  {
    id: 'Powertools for AWS Lambda Logger',
    modules: ['@aws-lambda-powertools/logger'],
    types: '@aws-lambda-powertools/logger 2.36.0',
    factories: ['.Logger()'],
    derivedInstances: CHILD_LOGGERS,
    // Keys appended to a logger are written with every record after.
    methods: [...LEVEL_METHODS, 'appendKeys', 'appendPersistentKeys', 'addPersistentLogAttributes', 'setPersistentLogAttributes'],
  },
  { id: 'lambda-log', modules: ['lambda-log'], types: '@types/lambda-log 3.0.3', factories: ['', '.LambdaLog()'], derivedInstances: CHILD_LOGGERS },
  { id: 'Azure SDK logger', modules: ['@azure/logger'], types: '@azure/logger 1.3.0', factories: ['.createClientLogger()'], derivedInstances: CHILD_LOGGERS },
  {
    id: 'simple-node-logger',
    modules: ['simple-node-logger'],
    types: 'simple-node-logger 21.8.12',
    factories: ['.createSimpleLogger()', '.createSimpleFileLogger()', '.createRollingFileLogger()', '.createLogManager().createLogger()', '().createLogger()'],
    methods: [...LEVEL_METHODS, 'all'],
  },
  { id: 'tracer', modules: ['tracer'], types: 'tracer 1.3.0', factories: ['.console()', '.colorConsole()', '.dailyfile()'] },
  {
    id: 'Google Cloud Logging',
    modules: ['@google-cloud/logging'],
    types: '@google-cloud/logging 11.4.0',
    factories: ['.Logging()'],
    derivedInstances: ['log', 'logSync'],
    // `log.entry(metadata, data)` makes the record that `write()` or a level method sends.
    methods: ['entry', 'write', 'debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'],
  },
  { id: 'Rollbar', modules: ['rollbar'], types: 'rollbar 3.1.0', factories: ['()', '.init()'] },
  {
    id: 'Bugsnag',
    modules: ['@bugsnag/js', '@bugsnag/node'],
    types: '@bugsnag/js 9.0.0 (@bugsnag/core types)',
    factories: ['', '.start()', '.createClient()'],
    methods: ['leaveBreadcrumb', 'addMetadata'],
  },
  {
    id: 'Sentry',
    modules: ['@sentry/node', '@sentry/core'],
    types: '@sentry/node 11.12.0 (@sentry/core types)',
    factories: [],
    logFunctions: ['.captureMessage', '.addBreadcrumb', '.setExtra', '.setExtras', '.setContext', '.setTag', '.setTags'],
  },
  { id: 'hapi', modules: ['@hapi/hapi'], types: '@hapi/hapi 21.4.13', factories: ['.server()', '.Server()'], methods: ['log'] },
];

const LIBRARIES_BY_MODULE = new Map<string, LoggerLibrary>(
  LOGGER_LIBRARIES.flatMap((library) => library.modules.map((name) => [name, library] as const)),
);

export function loggerLibraryForModule(moduleName: string): LoggerLibrary | undefined {
  return LIBRARIES_BY_MODULE.get(moduleName);
}

/** Methods of a logger that write a record. */
export const LOG_METHODS: ReadonlySet<string> = new Set(LEVEL_METHODS);

const METHODS_BY_LIBRARY = new Map<LoggerLibrary, ReadonlySet<string>>(
  LOGGER_LIBRARIES.map((library) => [library, library.methods ? new Set(library.methods) : LOG_METHODS]),
);

/** The methods of a library's loggers that write a record. */
export function logMethodsOf(library: LoggerLibrary): ReadonlySet<string> {
  return METHODS_BY_LIBRARY.get(library) ?? LOG_METHODS;
}

/** `console` methods that print their arguments. */
export const CONSOLE_METHODS: ReadonlySet<string> = new Set([
  'log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table', 'dirxml', 'group', 'groupCollapsed', 'assert',
]);

/**
 * Every name a method call that logs can have: a logger's methods, `console`'s, and the functions
 * of a module that log (`Sentry.captureMessage`). A call by another name is not looked into.
 */
export const LOG_CALL_NAMES: ReadonlySet<string> = new Set([
  ...LOG_METHODS,
  ...CONSOLE_METHODS,
  ...LOGGER_LIBRARIES.flatMap((library) => [...(library.methods ?? []), ...(library.logFunctions ?? []).flatMap((path) => /\.(\w+)$/u.exec(path)?.[1] ?? [])]),
]);

/** Methods of a logger that make another logger. */
export const CHILD_LOGGER_METHODS: ReadonlySet<string> = new Set(CHILD_LOGGERS);



/** Receiver names that are loggers by convention (`logger.info`, `this.log.warn`, `req.log`). */
export const LOGGER_NAME = /^(?:[a-z][a-zA-Z0-9]*Logger|logger|log|logging|_logger|_log|LOGGER|LOG|Logger)$/u;

/** Library functions that print what they are given, by module (`util.inspect(value)`, `util.format('%j', value)`). */
export const PRINTING_FUNCTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['util', new Set(['inspect', 'format', 'formatWithOptions'])],
  ['node:util', new Set(['inspect', 'format', 'formatWithOptions'])],
]);

/** Words of a name that say the value is a derived, partial form of a secret (`keyPrefix`, `tokenPreview`). */
export const DERIVED_VALUE_WORDS: ReadonlySet<string> = new Set(['prefix', 'suffix', 'preview', 'hint', 'length', 'len', 'count', 'size', 'last4', 'first4']);

/** Reads of a request that give its body, as uses of the request name them (`req.body`, `await request.json()`). */
export const BODY_READS: ReadonlySet<string> = new Set(['body', 'rawBody', 'payload', 'json()', 'formData()', 'parseBody()', 'text()']);

/**
 * Words that make a token something other than a credential in a log: push and device registration
 * tokens, pagination cursors, LLM token counts (the response rule's public tokens, less CSRF tokens,
 * which a log must not keep either).
 */
export const NON_CREDENTIAL_TOKEN_WORDS: ReadonlySet<string> = new Set([...PUBLIC_TOKEN_WORDS].filter((word) => word !== 'csrf' && word !== 'xsrf'));
