/**
 * Error responders: libraries that put an error's stack or message into the response for the
 * client. Read by `no-error-exposure`.
 *
 * Built from each package's own type definitions (bundled or `@types/*`); where the types leave
 * the behaviour unsaid (what a default handler sends, which status hides the message), from the
 * package's source of the same version. `types` names what was read. The packages are the
 * error-handling middleware of Express, Koa and Next.js API routes, the HTTP error classes and
 * factories that Express, Koa, Fastify, restify, Feathers and hapi backends throw, and the
 * libraries that render a stack trace as text or HTML: the ones their frameworks' docs and
 * generators recommend, and the ones found in real backends' dependencies.
 *
 * Module paths follow `sql-drivers.ts`: `''` is the module itself (`errorhandler()`), `.name`
 * an export, `()` a call or `new`. A path starting with `#` is a method of a framework object
 * (`#throw` is Koa's `ctx.throw()`, `#badGateway` Fastify's `reply.badGateway()`).
 */

/** What of an error a responder sends. */
export type ErrorPart = 'stack' | 'message';

/** An option that turns exposure on, and the values that do. */
export interface ExposingOption {
  readonly option: string;
  readonly values: readonly (boolean | string)[];
}

/** Error-handling middleware: the factory call decides what every error's response holds. */
export interface ErrorMiddleware {
  readonly id: string;
  readonly label: string;
  readonly modules: readonly string[];
  /** The package and the version whose type definitions (and source, for defaults) were read. */
  readonly types: string;
  /** Module paths of the calls that make or run the handler, and the argument holding their options. */
  readonly calls: readonly { readonly path: string; readonly options: number }[];
  readonly exposes: ErrorPart;
  /**
   * When the handler sends it: on every use, when an option holds one of the values, or only when
   * `NODE_ENV` is not `production` (the deployment decides: never reported).
   */
  readonly when: 'always' | ExposingOption | 'outside-production';
  /** Options that replace what the handler sends: with one, the project's own code decides (and is checked as code). */
  readonly replacedBy?: readonly string[];
  /** What the docs table says of it. */
  readonly semantics: string;
}

/**
 * How a library's errors carry their message to the client: always; only when created with
 * `expose: true` (http-errors hides 5xx messages, and Koa and Express honour it; Fastify sends
 * the message regardless); or at every 5xx status but 500 (Boom replaces a 500's message).
 */
export type MessagePolicy = 'sent' | 'exposed-only' | 'hidden-at-500';

/** Where a call takes its status: a fixed one, an argument, an option of an argument, or any number among the arguments (500 when none). */
export type StatusSource =
  | number
  | { readonly argument: number; readonly default: number }
  | { readonly option: string; readonly argument: number; readonly default: number }
  | 'arguments';

export interface ErrorCall {
  /** A module path (`.badGateway`), or `#name`: a method of a framework object. */
  readonly call: string;
  readonly status: StatusSource;
  /** The argument that becomes the message (an error there gives its own), or `arguments`: each argument that is not the status or the options. */
  readonly message: number | 'arguments';
  /** Arguments before this one are not the error's (`ctx.assert(value, status, message)`). */
  readonly from?: number;
}

/** HTTP error classes and factories: what is thrown with them reaches the client by the framework's error handler. */
export interface ErrorClassLibrary {
  readonly id: string;
  readonly label: string;
  readonly modules: readonly string[];
  readonly types: string;
  readonly policy: MessagePolicy;
  readonly calls: readonly ErrorCall[];
  /** An error among the arguments is a cause kept for the logs, not the message (restify's `new InternalError(err, 'text')`). */
  readonly errorIsCause?: boolean;
  /** The objects whose `#` methods these are: Koa's context, Fastify's reply and `httpErrors`. */
  readonly receivers?: 'koa-context' | 'fastify-reply';
  readonly semantics: string;
}

/** Libraries that render an error's stack as text, HTML or JSON: what they return holds the stack. */
export interface StackRenderer {
  readonly id: string;
  readonly label: string;
  readonly modules: readonly string[];
  readonly types: string;
  /** Module paths of the calls whose result holds the stack of an error among their inputs (receiver or arguments). */
  readonly calls: readonly string[];
}

export const ERROR_MIDDLEWARE: readonly ErrorMiddleware[] = [
  {
    id: 'errorhandler',
    label: 'errorhandler',
    modules: ['errorhandler'],
    types: '@types/errorhandler 1.5.3, errorhandler 1.5.2',
    calls: [{ path: '', options: 0 }],
    exposes: 'stack',
    when: 'always',
    semantics: 'sends the stack trace of every error whatever `NODE_ENV` says: for development only',
  },
  {
    id: 'strong-error-handler',
    label: 'strong-error-handler',
    modules: ['strong-error-handler'],
    types: 'strong-error-handler 6.0.2',
    calls: [
      { path: '', options: 0 },
      { path: '.writeErrorToResponse', options: 3 },
    ],
    exposes: 'stack',
    when: { option: 'debug', values: [true] },
    semantics: '`debug: true` sends every property of the error, stack included (default `false`: a 5xx gets its status text)',
  },
  {
    id: 'express-error-handler',
    label: 'express-error-handler',
    modules: ['express-error-handler'],
    types: 'express-error-handler 1.1.0 (no type definitions: its source)',
    calls: [{ path: '', options: 0 }],
    exposes: 'message',
    when: 'always',
    replacedBy: ['handlers', 'views', 'static'],
    semantics: 'sends `err.message` at any status unless `handlers`, `views` or `static` answer it (`serializer` changes only the JSON form)',
  },
  {
    id: 'koa-json-error',
    label: 'koa-json-error',
    modules: ['koa-json-error'],
    types: 'koa-json-error 3.1.2 (no type definitions: its source)',
    calls: [{ path: '', options: 0 }],
    exposes: 'stack',
    when: 'always',
    replacedBy: ['format', 'postFormat'],
    semantics: 'the default `format` sends `name`, `message`, `stack` and every enumerable property; a `format` or `postFormat` of the project replaces it',
  },
  {
    id: 'koa-error',
    label: 'koa-error',
    modules: ['koa-error'],
    types: 'koa-error 3.2.0 (no type definitions: its source)',
    calls: [{ path: '', options: 0 }],
    exposes: 'stack',
    when: { option: 'env', values: ['development'] },
    semantics: '`env: \'development\'` sends the message and stack (JSON) and renders them (HTML); the default `env` is `NODE_ENV`',
  },
  {
    id: 'next-connect',
    label: 'next-connect 0.x',
    modules: ['next-connect'],
    types: 'next-connect 0.13.0 and 1.0.0',
    calls: [{ path: '', options: 0 }],
    exposes: 'message',
    when: 'always',
    replacedBy: ['onError'],
    semantics: "0.x (`nc()`): the default `onError` ends the response with `err.message`; 1.x (`createRouter()`) sends 'Internal Server Error'",
  },
  {
    id: 'api-error-handler',
    label: 'api-error-handler',
    modules: ['api-error-handler'],
    types: 'api-error-handler 1.0.0 (no type definitions: its source)',
    calls: [{ path: '', options: 0 }],
    exposes: 'stack',
    when: 'outside-production',
    semantics: 'a 5xx gets its status text; the stack only when `NODE_ENV` is not `production`',
  },
  {
    id: 'koa-onerror',
    label: 'koa-onerror',
    modules: ['koa-onerror'],
    types: 'koa-onerror 5.0.1',
    calls: [
      { path: '', options: 1 },
      { path: '.onerror', options: 1 },
    ],
    exposes: 'stack',
    when: 'outside-production',
    semantics: 'the message of an error without `expose` and the HTML stack page only when `NODE_ENV` is unset or `development`',
  },
];

export const ERROR_CLASS_LIBRARIES: readonly ErrorClassLibrary[] = [
  {
    id: 'http-errors',
    label: 'http-errors',
    modules: ['http-errors'],
    types: '@types/http-errors 2.0.5, http-errors 2.0.1',
    policy: 'exposed-only',
    calls: [
      { call: '', status: 'arguments', message: 'arguments' },
      { call: '.InternalServerError', status: 500, message: 0 },
      { call: '.NotImplemented', status: 501, message: 0 },
      { call: '.BadGateway', status: 502, message: 0 },
      { call: '.ServiceUnavailable', status: 503, message: 0 },
      { call: '.GatewayTimeout', status: 504, message: 0 },
    ],
    semantics: '`expose` defaults to `status < 500`: Express (in production) and Koa send a 5xx message only with `{ expose: true }`; Fastify sends it regardless',
  },
  {
    id: 'koa',
    label: 'Koa `ctx.throw()`',
    modules: ['koa'],
    types: '@types/koa 3.0.3, koa 3.3.0',
    policy: 'exposed-only',
    receivers: 'koa-context',
    calls: [
      { call: '#throw', status: 'arguments', message: 'arguments' },
      { call: '#assert', status: 'arguments', message: 'arguments', from: 1 },
    ],
    semantics: 'makes an http-errors error: Koa sends its message only when `expose` is true, which `{ expose: true }` sets on a 5xx',
  },
  {
    id: '@fastify/sensible',
    label: '@fastify/sensible',
    modules: ['@fastify/sensible', 'fastify-sensible'],
    types: '@fastify/sensible 6.0.6, fastify 5.12.8',
    policy: 'sent',
    receivers: 'fastify-reply',
    calls: [
      { call: '#internalServerError', status: 500, message: 0 },
      { call: '#notImplemented', status: 501, message: 0 },
      { call: '#badGateway', status: 502, message: 0 },
      { call: '#serviceUnavailable', status: 503, message: 0 },
      { call: '#gatewayTimeout', status: 504, message: 0 },
      { call: '#getHttpError', status: { argument: 0, default: 500 }, message: 1 },
      { call: '#createError', status: 'arguments', message: 'arguments' },
    ],
    semantics: "`reply.*()` and `fastify.httpErrors.*()`: Fastify's default error handler sends the message of a 5xx (it ignores `expose`)",
  },
  {
    id: 'restify-errors',
    label: 'restify-errors',
    modules: ['restify-errors'],
    types: 'restify-errors 8.1.0 (no type definitions: its source)',
    policy: 'sent',
    errorIsCause: true,
    calls: [
      { call: '.InternalServerError', status: 500, message: 'arguments' },
      { call: '.InternalError', status: 500, message: 'arguments' },
      { call: '.NotImplementedError', status: 501, message: 'arguments' },
      { call: '.BadGatewayError', status: 502, message: 'arguments' },
      { call: '.ServiceUnavailableError', status: 503, message: 'arguments' },
      { call: '.GatewayTimeoutError', status: 504, message: 'arguments' },
    ],
    semantics: 'restify sends `{ code, message }` of any error; an error passed first is the cause, kept out of the message',
  },
  {
    id: '@feathersjs/errors',
    label: '@feathersjs/errors',
    modules: ['@feathersjs/errors'],
    types: '@feathersjs/errors 5.0.50',
    policy: 'sent',
    calls: [
      { call: '.GeneralError', status: 500, message: 0 },
      { call: '.NotImplemented', status: 501, message: 0 },
      { call: '.BadGateway', status: 502, message: 0 },
      { call: '.Unavailable', status: 503, message: 0 },
    ],
    semantics: "Feathers sends an error's `toJSON()`: `name`, `message`, `code`, `data`; an error passed first gives its message",
  },
  {
    id: '@hapi/boom',
    label: '@hapi/boom',
    modules: ['@hapi/boom', 'boom'],
    types: '@hapi/boom 10.0.1',
    policy: 'hidden-at-500',
    calls: [
      { call: '.badImplementation', status: 500, message: 0 },
      { call: '.internal', status: { argument: 2, default: 500 }, message: 0 },
      { call: '.notImplemented', status: 501, message: 0 },
      { call: '.badGateway', status: 502, message: 0 },
      { call: '.serverUnavailable', status: 503, message: 0 },
      { call: '.gatewayTimeout', status: 504, message: 0 },
      { call: '.boomify', status: { option: 'statusCode', argument: 1, default: 500 }, message: 0 },
      { call: '.Boom', status: { option: 'statusCode', argument: 1, default: 500 }, message: 0 },
    ],
    semantics: "a 500's message is replaced with 'An internal server error occurred'; the other 5xx (`badGateway()`, `boomify(err, { statusCode: 503 })`) send theirs",
  },
];

export const STACK_RENDERERS: readonly StackRenderer[] = [
  { id: 'youch', label: 'Youch', modules: ['youch'], types: 'youch 4.1.1 and 3.3.4', calls: ['.Youch().toHTML', '.Youch().toJSON', '', '().toHTML', '().toJSON'] },
  { id: 'pretty-error', label: 'pretty-error', modules: ['pretty-error'], types: 'pretty-error 4.0.0', calls: ['().render'] },
  { id: 'pino-std-serializers', label: 'pino-std-serializers', modules: ['pino-std-serializers'], types: 'pino-std-serializers 7.1.0', calls: ['.err', '.errWithCause'] },
  { id: 'pino', label: 'pino `stdSerializers`', modules: ['pino'], types: 'pino 10.4.0', calls: ['.stdSerializers.err', '.stdSerializers.errWithCause'] },
  { id: 'verror', label: 'verror', modules: ['verror'], types: '@types/verror 1.10.11, verror 1.10.1', calls: ['.fullStack', '.VError.fullStack'] },
  { id: 'error-stack-parser', label: 'error-stack-parser', modules: ['error-stack-parser'], types: 'error-stack-parser 3.0.0', calls: ['.parse'] },
];

const RENDERER_CALLS = new Set(STACK_RENDERERS.flatMap((renderer) => renderer.modules.flatMap((module) => renderer.calls.map((call) => `${module} ${call}`))));

/** Whether a call (its module and path) returns a rendering of an error's stack. */
export function rendersStack(module: string, path: string): boolean {
  return RENDERER_CALLS.has(`${module} ${path}`);
}

/** HTTP error helpers, by method name, of the framework objects named by `receivers`. */
export const FRAMEWORK_ERROR_METHODS: ReadonlyMap<string, { readonly library: ErrorClassLibrary; readonly call: ErrorCall }> = new Map(
  ERROR_CLASS_LIBRARIES.flatMap((library) =>
    library.calls.filter((call) => call.call.startsWith('#')).map((call) => [call.call.slice(1), { library, call }] as const),
  ),
);
