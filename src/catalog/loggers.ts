import { PUBLIC_TOKEN_WORDS } from './responses.js';

/**
 * Logging libraries. Values are tracked from the module like SQL drivers are (see
 * `sql-drivers.ts` for the path notation); a logger instance's level methods are log sinks.
 */
export interface LoggerLibrary {
  readonly id: string;
  readonly modules: readonly string[];
  /** Module paths that yield a logger. `''` is the module itself (winston's default logger). */
  readonly factories: readonly string[];
  /** Logger methods that yield another logger. */
  readonly derivedInstances?: readonly string[];
  /** Module paths that are log functions themselves (`debug('ns')` returns one). */
  readonly logFunctions?: readonly string[];
}

/** Logger methods that make another logger (`logger.child({ requestId })`). */
const CHILD_LOGGERS = ['child', 'withTag', 'getSubLogger', 'scope', 'getLogger', 'createLogger', 'create'];

export const LOGGER_LIBRARIES: readonly LoggerLibrary[] = [
  { id: 'pino', modules: ['pino', 'pino-http'], factories: ['()', '.pino()', '.default()'], derivedInstances: CHILD_LOGGERS },
  { id: 'winston', modules: ['winston'], factories: ['', '.createLogger()', '.loggers.get()', '.loggers.add()'], derivedInstances: CHILD_LOGGERS },
  { id: 'bunyan', modules: ['bunyan'], factories: ['.createLogger()', '()'], derivedInstances: CHILD_LOGGERS },
  { id: 'log4js', modules: ['log4js'], factories: ['.getLogger()'], derivedInstances: CHILD_LOGGERS },
  { id: 'loglevel', modules: ['loglevel'], factories: ['', '.getLogger()'], derivedInstances: CHILD_LOGGERS },
  { id: 'npmlog', modules: ['npmlog'], factories: [''], derivedInstances: CHILD_LOGGERS },
  { id: 'consola', modules: ['consola'], factories: ['', '.consola', '.createConsola()', '.default'], derivedInstances: CHILD_LOGGERS },
  { id: 'signale', modules: ['signale'], factories: ['', '.Signale()'], derivedInstances: CHILD_LOGGERS },
  { id: 'roarr', modules: ['roarr'], factories: ['.Roarr', '.Roarr.child()'], derivedInstances: CHILD_LOGGERS },
  { id: 'tslog', modules: ['tslog'], factories: ['.Logger()'], derivedInstances: CHILD_LOGGERS },
  { id: 'NestJS Logger', modules: ['@nestjs/common'], factories: ['.Logger()', '.Logger', '.ConsoleLogger()'], derivedInstances: CHILD_LOGGERS },
  { id: 'debug', modules: ['debug'], factories: [], logFunctions: ['()', '.default()', '.debug()'] },
];

const LIBRARIES_BY_MODULE = new Map<string, LoggerLibrary>(
  LOGGER_LIBRARIES.flatMap((library) => library.modules.map((name) => [name, library] as const)),
);

export function loggerLibraryForModule(moduleName: string): LoggerLibrary | undefined {
  return LIBRARIES_BY_MODULE.get(moduleName);
}

/** Methods of a logger that write a record. */
export const LOG_METHODS: ReadonlySet<string> = new Set([
  'trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'log', 'verbose', 'silly', 'http',
  'notice', 'critical', 'crit', 'alert', 'emerg', 'success', 'fail', 'start', 'ready', 'box',
  'mark', 'silent',
]);

/** Methods of a logger that make another logger. */
export const CHILD_LOGGER_METHODS: ReadonlySet<string> = new Set(CHILD_LOGGERS);

/** `console` methods that print their arguments. */
export const CONSOLE_METHODS: ReadonlySet<string> = new Set([
  'log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table', 'dirxml', 'group', 'groupCollapsed', 'assert',
]);

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
