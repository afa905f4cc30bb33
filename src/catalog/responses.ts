/**
 * How each framework sends a response body, how error handlers receive the error, which error
 * classes are written for the client, and which response fields hold secrets. Read by
 * `persona/no-error-exposure` and `persona/no-sensitive-response`.
 *
 * Handlers are matched by the conventional names of their response object (`res`, `reply`,
 * Koa's `ctx`, Hono's `c`), by their shape (Express's four-parameter error middleware) and, where
 * a library names the API (`NextResponse` of `next/server`, NestJS exceptions, `util.inspect`),
 * by import.
 */

/**
 * The packages and versions whose types were read for the sinks below that name no package of
 * their own: response methods, Hono's context, Koa's `ctx.body`, the response classes, NestJS
 * routes, GraphQL resolvers, hapi's toolkit, socket.io.
 */
export const RESPONSE_SINK_TYPES = {
  responseMethods: '@types/express@5.0.6, @types/node@20.19.43 (http.ServerResponse), next@16.5.0 (NextApiResponse), fastify@5.12.8 (FastifyReply), @types/restify@8.5.12',
  contextMethods: 'hono@4.13.23',
  koaBody: '@types/koa@3.0.3',
  responseClasses: 'next@16.5.0 (next/server), @types/node@20.19.43 (the global Response)',
  nestRoutes: '@nestjs/common@12.6.3',
  graphqlResolvers: 'graphql@16.15.0',
  toolkit: '@hapi/hapi@21.4.13',
  socket: 'socket.io@4.8.4',
} as const;

/** Names of the response object in Express, Fastify, Node's `http` and Next.js API routes. */
export const RESPONSE_OBJECT_NAMES: ReadonlySet<string> = new Set(['res', 'response', 'reply', 'resp', 'httpResponse', 'serverResponse']);

/**
 * Methods of a response object that send a body, with the position of the body argument: Express's
 * `send`, `json`, `jsonp`, Node's `end` and `write` (also on Next.js API routes' and Fastify's raw
 * response), restify's `sendRaw`.
 */
export const RESPONSE_SEND_METHODS: ReadonlyMap<string, number> = new Map([
  ['send', 0],
  ['json', 0],
  ['jsonp', 0],
  ['end', 0],
  ['write', 0],
  ['sendRaw', 0],
]);

/**
 * Send methods that take the status first when their first argument is a number: restify's
 * `res.send(200, body)`, `res.json(201, body)`, `res.sendRaw(200, body)` (and Express 3's forms).
 * The body is then the next argument.
 */
export const STATUS_FIRST_SEND_METHODS: ReadonlySet<string> = new Set(['send', 'json', 'jsonp', 'sendRaw']);

/** Functions of a module that send a response body, by module path (`''` the module itself), with the body's position. */
export interface ResponseSendFunction {
  readonly module: string;
  readonly path: string;
  readonly body: number;
  /** The package and version whose types (or source, for packages without types) were read. */
  readonly types: string;
}

export const RESPONSE_SEND_FUNCTIONS: readonly ResponseSendFunction[] = [
  // micro: `send(res, statusCode, data)`.
  { module: 'micro', path: '.send', body: 2, types: 'micro@10.0.1' },
  // polka's helpers: `send(res, code, data, headers)`; no types, the source was read.
  { module: '@polka/send-type', path: '', body: 2, types: '@polka/send-type@0.5.2 (source)' },
  { module: '@polka/send', path: '', body: 2, types: '@polka/send@0.4.0 (source)' },
  // h3 1: `send(event, data, type)`; h3 2 sends what a handler returns.
  { module: 'h3', path: '.send', body: 1, types: 'h3@1.15.11' },
];

/** hapi's response toolkit: `h.response(value)` builds the response from its argument. */
export const TOOLKIT_SEND_METHODS: ReadonlyMap<string, number> = new Map([['response', 0]]);
export const TOOLKIT_NAMES: ReadonlySet<string> = new Set(['h', 'toolkit']);

/**
 * socket.io: `emit(event, ...data)` sends its data to clients, from a socket, the server, a
 * namespace or a room (`socket.to(room).emit`, `io.of('/admin').emit`, `socket.broadcast.emit`).
 * Receivers are recognised by the name the chain starts at.
 */
export const SOCKET_EMIT_METHODS: ReadonlySet<string> = new Set(['emit', 'emitWithAck']);
export const SOCKET_NAMES: ReadonlySet<string> = new Set(['socket', 'io', 'nsp', 'namespace']);
/** Methods and properties between the socket and `emit` that pick who receives (`to`, `broadcast`, `volatile`). */
export const SOCKET_SELECTORS: ReadonlySet<string> = new Set(['to', 'in', 'except', 'of', 'broadcast', 'volatile', 'local', 'compress', 'timeout']);

/** `res.render(view, locals)`: the locals reach the page. Only the error rule reads them. */
export const RESPONSE_RENDER_METHOD = 'render';

/**
 * Methods that return the response itself, so that a send can follow (`res.status(500).json()`),
 * with the position of a status argument where they take one.
 */
export const RESPONSE_CHAIN_METHODS: ReadonlyMap<string, number | undefined> = new Map<string, number | undefined>([
  ['status', 0],
  ['code', 0],
  ['writeHead', 0],
  ['type', undefined],
  ['set', undefined],
  ['header', undefined],
  ['headers', undefined],
  ['append', undefined],
  ['cookie', undefined],
  ['clearCookie', undefined],
  ['vary', undefined],
  ['contentType', undefined],
  ['location', undefined],
  ['links', undefined],
  ['attachment', undefined],
  ['removeHeader', undefined],
  ['serializer', undefined],
]);

/** Properties of a response object that hold its status (`res.statusCode = 500`). */
export const RESPONSE_STATUS_PROPERTIES: ReadonlySet<string> = new Set(['statusCode', 'status']);

/** Hono's context (`c.json(body, 500)`): its sending methods, with the body and status positions. */
export const CONTEXT_SEND_METHODS: ReadonlyMap<string, { body: number; status: number }> = new Map([
  ['json', { body: 0, status: 1 }],
  ['text', { body: 0, status: 1 }],
  ['html', { body: 0, status: 1 }],
  ['body', { body: 0, status: 1 }],
  ['newResponse', { body: 0, status: 1 }],
]);

/** Names of Hono's context object. */
export const HONO_CONTEXT_NAMES: ReadonlySet<string> = new Set(['c', 'ctx', 'context']);

/** Names of Koa's context object, whose `body` and `status` are assigned. */
export const KOA_CONTEXT_NAMES: ReadonlySet<string> = new Set(['ctx', 'context']);

/**
 * Classes that build a response from a body and an init with `status`: `NextResponse` from
 * `next/server` (and its static `json`), and the global `Response` (Next.js route handlers,
 * Hono, workers).
 */
export const RESPONSE_CLASSES: readonly { readonly name: string; readonly module: string | undefined }[] = [
  { name: 'NextResponse', module: 'next/server' },
  { name: 'Response', module: undefined },
];
export const RESPONSE_CLASS_STATIC_METHODS: ReadonlySet<string> = new Set(['json']);

/** Types that mark a parameter as a response object, by the module that exports them. */
export const RESPONSE_TYPES: readonly { readonly module: string; readonly names: readonly string[] }[] = [
  { module: 'express', names: ['Response'] },
  { module: 'express-serve-static-core', names: ['Response'] },
  { module: 'fastify', names: ['FastifyReply'] },
  { module: 'http', names: ['ServerResponse'] },
  { module: 'node:http', names: ['ServerResponse'] },
  { module: 'next', names: ['NextApiResponse'] },
];

/** NestJS: `host.switchToHttp().getResponse()` is the platform's response object. */
export const NEST_RESPONSE_GETTER = 'getResponse';

/** NestJS route decorators (from `@nestjs/common`), whose method's return value is the response body. */
export const NEST_ROUTE_DECORATORS: ReadonlySet<string> = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head', 'Search']);
export const NEST_MODULE = '@nestjs/common';

/** Route registration methods (`app.get('/x', handler)`) of Express, Fastify, Koa routers and Hono. */
export const ROUTE_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'use', 'route', 'on']);

/**
 * Frameworks where what a handler returns is the response body, when the file imports one of their
 * modules. A handler is the last argument of a route method called with a path
 * (`app.get('/users', handler)`), of a procedure method (`publicProcedure.query(handler)`), the
 * first argument of a wrapper (`defineEventHandler(handler)`), or the value of a handler option
 * (`server.route({ handler })`).
 */
export interface ReturnedBodyFramework {
  readonly label: string;
  readonly modules: ReadonlySet<string>;
  readonly routeMethods?: ReadonlySet<string>;
  readonly procedureMethods?: ReadonlySet<string>;
  readonly wrappers?: ReadonlySet<string>;
  readonly handlerOptions?: ReadonlySet<string>;
  readonly types: string;
}

const HTTP_ROUTE_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'head', 'options', 'route', 'on']);

export const RETURNED_BODY_FRAMEWORKS: readonly ReturnedBodyFramework[] = [
  { label: 'Fastify', modules: new Set(['fastify', 'fastify-plugin']), routeMethods: HTTP_ROUTE_METHODS, handlerOptions: new Set(['handler']), types: 'fastify@5.12.8' },
  { label: 'hapi', modules: new Set(['@hapi/hapi', 'hapi']), handlerOptions: new Set(['handler']), types: '@hapi/hapi@21.4.13' },
  { label: 'Elysia', modules: new Set(['elysia']), routeMethods: HTTP_ROUTE_METHODS, types: 'elysia@1.4.30' },
  // h3 1 and 2: `defineEventHandler`/`eventHandler` (1), `defineHandler` (2), and `app.get(path, handler)` of h3 2's `H3`.
  { label: 'h3', modules: new Set(['h3']), routeMethods: HTTP_ROUTE_METHODS, wrappers: new Set(['defineEventHandler', 'eventHandler', 'defineHandler']), types: 'h3@1.15.11 and h3@2.0.8' },
  { label: 'micro', modules: new Set(['micro']), wrappers: new Set(['serve']), types: 'micro@10.0.1' },
  { label: 'tRPC', modules: new Set(['@trpc/server']), procedureMethods: new Set(['query', 'mutation']), types: '@trpc/server@11.25.2' },
];

/** HTTP status constants (`HttpStatus.INTERNAL_SERVER_ERROR`, `StatusCodes.BAD_REQUEST`). */
export const HTTP_STATUS_NAMES: ReadonlyMap<string, number> = new Map([
  ['OK', 200],
  ['CREATED', 201],
  ['ACCEPTED', 202],
  ['NO_CONTENT', 204],
  ['BAD_REQUEST', 400],
  ['UNAUTHORIZED', 401],
  ['PAYMENT_REQUIRED', 402],
  ['FORBIDDEN', 403],
  ['NOT_FOUND', 404],
  ['METHOD_NOT_ALLOWED', 405],
  ['NOT_ACCEPTABLE', 406],
  ['REQUEST_TIMEOUT', 408],
  ['CONFLICT', 409],
  ['GONE', 410],
  ['PRECONDITION_FAILED', 412],
  ['PAYLOAD_TOO_LARGE', 413],
  ['REQUEST_TOO_LONG', 413],
  ['UNSUPPORTED_MEDIA_TYPE', 415],
  ['UNPROCESSABLE_ENTITY', 422],
  ['TOO_MANY_REQUESTS', 429],
  ['INTERNAL_SERVER_ERROR', 500],
  ['NOT_IMPLEMENTED', 501],
  ['BAD_GATEWAY', 502],
  ['SERVICE_UNAVAILABLE', 503],
  ['GATEWAY_TIMEOUT', 504],
  ['HTTP_VERSION_NOT_SUPPORTED', 505],
]);

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** Calls that register an error handler, with the positions of the error and the response/context. */
export const ERROR_HANDLER_REGISTRARS: ReadonlyMap<string, { error: number; response: number }> = new Map([
  ['setErrorHandler', { error: 0, response: 2 }], // Fastify
  ['onError', { error: 0, response: 1 }], // Hono
]);

/** Events whose listener receives an error first (`app.on('error', (err, ctx) => ...)` in Koa, streams). */
export const ERROR_EVENTS: ReadonlySet<string> = new Set(['error', 'uncaughtException', 'unhandledRejection']);
export const EVENT_LISTENER_METHODS: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener']);

/** Names of the last parameter of Express error middleware `(err, req, res, next)`. */
export const NEXT_PARAMETER_NAMES: ReadonlySet<string> = new Set(['next', '_next', 'nxt', '_']);

/** The first parameter of an error-first callback (`(err, rows) => ...`). */
export const ERROR_PARAMETER_NAME = /^(?:err|error|[a-z][A-Za-z0-9]*(?:Err|Error))$/u;

/** Names that by themselves say a parameter holds an error (`function sendError(res, error)`). */
export const NAMED_ERROR_PARAMETERS: ReadonlySet<string> = new Set(['err', 'error', 'exception', 'ex']);

/**
 * Error classes whose message is written for the client: HTTP errors (http-errors, NestJS,
 * Hono), validation errors (zod, joi, class-validator, yup, celebrate, ajv) and the usual
 * 4xx classes of application code. A class name counts when it is listed here, or when one of its
 * words is in `SAFE_ERROR_WORDS` (`UserValidationError`, `OrderNotFoundError`).
 */
export const SAFE_ERROR_CLASSES: ReadonlySet<string> = new Set([
  'HttpError', 'HTTPError', 'HttpException', 'HTTPException', 'ZodError', 'ValidationError', 'ValidationException', 'ClientError',
  'UserInputError', 'CelebrateError', 'BadRequestException', 'UnauthorizedException', 'ForbiddenException', 'NotFoundException',
  'ConflictException', 'GoneException', 'PayloadTooLargeException', 'UnprocessableEntityException', 'NotAcceptableException',
  'MethodNotAllowedException', 'RequestTimeoutException', 'UnsupportedMediaTypeException', 'PreconditionFailedException',
  'ImATeapotException', 'MisdirectedException', 'BadRequestError', 'UnauthorizedError', 'ForbiddenError', 'NotFoundError',
  'ConflictError', 'TooManyRequestsError', 'PayloadTooLargeError', 'UnprocessableEntityError', 'InvalidInputError',
]);

/**
 * Client-facing error classes of libraries, by module (`Parse.Error` of parse-server's SDK: every
 * instance carries a code and a message written for the client).
 */
export const SAFE_ERROR_MODULE_CLASSES: readonly { readonly module: string; readonly path: string }[] = [
  { module: 'parse/node', path: '.Error' },
  { module: 'parse/node', path: '.default.Error' },
  { module: 'parse', path: '.Error' },
  { module: 'parse', path: '.default.Error' },
];
/** Globals that stand for such a module (`Parse` in Cloud Code). */
export const SAFE_ERROR_GLOBALS: ReadonlyMap<string, string> = new Map([['Parse', 'parse']]);

/** Words of an error class name that make it a client error (`OrderNotFoundError`, `SchemaValidationError`). */
export const SAFE_ERROR_WORDS: ReadonlySet<string> = new Set([
  'validation', 'unauthorized', 'unauthenticated', 'forbidden', 'conflict', 'notfound', 'found', 'badrequest', 'zod', 'joi', 'yup',
  'celebrate', 'client', 'input',
]);

/** Truthy properties that mark an error as safe to show (http-errors' `expose`, `isOperational`). */
export const SAFE_ERROR_FLAGS: ReadonlySet<string> = new Set([
  'expose', 'isOperational', 'isPublic', 'isClientError', 'isUserError', 'isUserFacing', 'userFacing', 'isJoi', 'isValidationError',
  'validation',
]);

/** Properties and getters of an error that hold its HTTP status. */
export const ERROR_STATUS_NAMES: ReadonlySet<string> = new Set(['status', 'statusCode', 'httpStatus', 'httpStatusCode', 'getStatus', 'code']);

/** Properties of an error that hold its message (including a driver's SQL message). */
export const ERROR_MESSAGE_PROPERTIES: ReadonlySet<string> = new Set(['message', 'sqlMessage', 'sql']);

/** Properties of an error that hold its stack trace. */
export const ERROR_STACK_PROPERTIES: ReadonlySet<string> = new Set(['stack', 'stackTrace']);

/** Properties of an error that hold another error (`err.cause`, Sequelize's `err.original`). */
export const NESTED_ERROR_PROPERTIES: ReadonlySet<string> = new Set(['cause', 'original', 'parent', 'originalError', 'innerError', 'inner']);

/** Functions that print an error with its stack and own properties, by module and path. */
export const ERROR_SERIALIZERS: readonly { readonly module: string; readonly path: string }[] = [
  { module: 'util', path: '.inspect' },
  { module: 'node:util', path: '.inspect' },
  { module: 'util', path: '.format' },
  { module: 'node:util', path: '.format' },
  { module: 'serialize-error', path: '.serializeError' },
  { module: 'serialize-error', path: '' },
  { module: 'safe-stable-stringify', path: '' },
  { module: 'flatted', path: '.stringify' },
];

/** NestJS exceptions (from `@nestjs/common`) that answer with a 5xx status, and that status. */
export const NEST_SERVER_EXCEPTIONS: ReadonlyMap<string, number> = new Map([
  ['InternalServerErrorException', 500],
  ['NotImplementedException', 501],
  ['BadGatewayException', 502],
  ['ServiceUnavailableException', 503],
  ['GatewayTimeoutException', 504],
  ['HttpVersionNotSupportedException', 505],
]);

/** NestJS's `HttpException(body, status)` and Hono's `HTTPException(status, { message })`. */
export const NEST_HTTP_EXCEPTION = 'HttpException';
export const HONO_HTTP_EXCEPTION = { module: 'hono/http-exception', name: 'HTTPException' } as const;

/** Names that say a value or a branch is about the development environment. */
export const DEVELOPMENT_FLAG = /^(?:is|in)?(?:dev|development|debug|local|test|testing)(?:mode|env|environment|build)?$/iu;
/** Names that say a value or a branch is about production. */
export const PRODUCTION_FLAG = /^(?:is|in)?(?:prod|production|live)(?:mode|env|environment|build)?$/iu;
/** Names of values that hold the environment's name (`process.env.NODE_ENV`, `app.get('env')`). */
export const ENVIRONMENT_NAMES: ReadonlySet<string> = new Set(['NODE_ENV', 'env', 'environment', 'ENV', 'ENVIRONMENT', 'APP_ENV', 'mode', 'nodeEnv']);
export const DEVELOPMENT_ENVIRONMENTS: ReadonlySet<string> = new Set(['development', 'dev', 'local', 'test', 'testing']);
export const PRODUCTION_ENVIRONMENTS: ReadonlySet<string> = new Set(['production', 'prod', 'staging', 'live']);

// ---------------------------------------------------------------------------------------------
// Sensitive response fields
// ---------------------------------------------------------------------------------------------

/**
 * What a sensitive response field is, which decides where it may appear:
 * - `password`: passwords, password hashes and salts never leave the server;
 * - `delivery`: reset, verification and one-time codes go to the user's mail or phone, never into
 *   a response (returning them lets anyone take over the account);
 * - `token`: session tokens (access, refresh, id, bearer, jwt) are returned by the routes that
 *   issue them (login, refresh, OAuth callback) and nowhere else;
 * - `secret`: API keys, client secrets, private keys and MFA secrets are shown by the route that
 *   creates them (once), and nowhere else.
 */
export type FieldKind = 'password' | 'delivery' | 'token' | 'secret';

/** Meanings of `sensitiveMeaning` (src/ast/sensitive-name.ts), by kind; others are not response secrets. */
export const FIELD_KIND_BY_MEANING: ReadonlyMap<string, FieldKind> = new Map<string, FieldKind>([
  ['a password', 'password'],
  ['a passphrase', 'password'],
  ['a salt', 'password'],
  ['a one-time password', 'delivery'],
  ['a token', 'token'],
  ['a secret', 'secret'],
  ['an API key', 'secret'],
  ['a private key', 'secret'],
  ['a secret key', 'secret'],
  ['a signing key', 'secret'],
  ['an encryption key', 'secret'],
  ['a master key', 'secret'],
  ['an access key', 'secret'],
  ['a session key', 'secret'],
  ['credentials', 'secret'],
  ['a connection string, which carries the database password', 'secret'],
]);

/** Extra words that name a response secret (added to the shared vocabulary). */
export const RESPONSE_SECRET_WORDS: readonly string[] = ['salt'];

/** Words before `token` that make it a token delivered out of band (`resetToken`, `verificationToken`). */
export const DELIVERY_TOKEN_WORDS: ReadonlySet<string> = new Set([
  'reset', 'verification', 'verify', 'confirmation', 'confirm', 'activation', 'activate', 'magic', 'recovery', 'unlock', 'otp',
]);

/**
 * Words that make a token or key public or not a credential at all: CSRF tokens are meant for the
 * client, pagination tokens are cursors, push tokens come from the device, LLM tokens are counts,
 * publishable and site keys are public.
 */
export const PUBLIC_TOKEN_WORDS: ReadonlySet<string> = new Set([
  'csrf', 'xsrf', 'page', 'next', 'prev', 'previous', 'continuation', 'pagination', 'cursor', 'sync', 'push', 'device', 'fcm', 'apns',
  'prompt', 'completion', 'input', 'output', 'publishable', 'public', 'site', 'recaptcha', 'captcha', 'turnstile', 'cache', 'etag',
  'upload', 'lexer', 'parser', 'design', 'color', 'colors', 'theme',
]);

/** Words of a package constant's name that say it stands in for a secret (`PASSWORD_REPLACEMENT`, `REDACTED_VALUE`): the package's own mask. */
export const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set(['replacement', 'placeholder', 'redacted', 'masked', 'mask', 'hidden', 'obfuscated']);

/**
 * Keys of a field's description, not of its value: a JSON Schema (`password: { type: 'string',
 * minLength: 12 }`), a form or datasource field definition (`password: { type: 'password', required: true }`).
 */
export const FIELD_DESCRIPTOR_KEYS: ReadonlySet<string> = new Set([
  'type', 'required', 'default', 'display', 'displayName', 'label', 'description', 'title', 'placeholder', 'format', 'pattern',
  'minLength', 'maxLength', 'min', 'max', 'enum', 'hidden', 'optional', 'nullable', 'readOnly', 'writeOnly', 'example', 'examples',
]);

/** First words of a function that answers yes or no (`isJwtEnabled()`, `hasToken()`): its result is a flag, not the secret. */
export const PREDICATE_WORDS: ReadonlySet<string> = new Set(['is', 'has', 'can', 'should', 'was', 'are', 'does', 'did']);

/** Words of a value's name that say it is a count (`{ tokens: usage.totalTokens }`). */
export const COUNT_WORDS: ReadonlySet<string> = new Set(['count', 'total', 'used', 'remaining', 'limit', 'max', 'min', 'num', 'number', 'length', 'size', 'usage']);

/**
 * Route paths and handler names (split into kebab-case words) that issue tokens or secrets: login,
 * refresh, OAuth, API-key and MFA enrolment routes. Added to `AUTH_ROUTE_PATTERN` of
 * request-sources.ts.
 */
export const ISSUING_ROUTE_PATTERN = /(?:^|[/_.:-])(?:api-?keys?|access-?keys?|keys?|tokens?|secrets?|totp|mfa|2fa|tfa|otp|enrol{1,2}(?:ment)?|impersonate|sso|saml|oidc)(?:$|[/_.:-])/iu;

/** Entities whose records hold credentials: a whole record of one of these is sent with its hash. */
export const USER_ENTITY_WORDS: ReadonlySet<string> = new Set([
  'user', 'users', 'account', 'accounts', 'credential', 'credentials', 'member', 'members', 'admin', 'admins', 'administrator',
  'administrators', 'identity', 'identities', 'login', 'logins', 'principal', 'principals',
]);

/** Words after an entity name that still name the entity's store (`UserModel`, `usersRepository`). */
export const ENTITY_SUFFIX_WORDS: ReadonlySet<string> = new Set([
  'model', 'models', 'entity', 'entities', 'repository', 'repo', 'repos', 'collection', 'table', 'schema', 'dao', 'record', 'records',
  'doc', 'docs', 'document', 'documents', 'row', 'rows', 'store', 'db',
]);

/** ORM and driver methods that return whole records (Mongoose, Sequelize, TypeORM, Prisma, drizzle, the MongoDB driver). */
export const RECORD_FIND_METHODS: ReadonlySet<string> = new Set([
  'find', 'findOne', 'findById', 'findByPk', 'findAll', 'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany',
  'findOneBy', 'findBy', 'findOneOrFail', 'findOneByOrFail', 'findAndCountAll', 'findAndCount', 'findByIdAndUpdate',
  'findOneAndUpdate', 'findByIdAndDelete', 'findOneAndDelete', 'create', 'update', 'upsert', 'findOrCreate',
]);

/** Methods on a query chain that keep the records whole (`User.findOne(q).lean().exec()`). */
export const RECORD_CHAIN_METHODS: ReadonlySet<string> = new Set([
  'lean', 'exec', 'populate', 'sort', 'limit', 'skip', 'where', 'orFail', 'session', 'collation', 'hint', 'setOptions', 'first',
  'andWhere', 'orWhere', 'whereIn', 'orderBy', 'offset', 'toArray', 'cursor',
]);

/** Query chain methods and option keys that choose the fields (a projection). */
export const PROJECTION_METHODS: ReadonlySet<string> = new Set(['select', 'projection', 'project', 'columns', 'column', 'pluck', 'attributes', 'returning', 'omit']);
export const PROJECTION_KEYS: ReadonlySet<string> = new Set(['select', 'omit', 'attributes', 'projection', 'fields', 'columns', 'exclude']);

/**
 * Option keys of a find call's second argument that are not a projection (Sequelize
 * `findByPk(id, { include })`); any other object there is a Mongoose projection.
 */
export const FIND_OPTION_KEYS: ReadonlySet<string> = new Set([
  'include', 'where', 'transaction', 'raw', 'paranoid', 'lock', 'order', 'limit', 'offset', 'lean', 'populate', 'session', 'sort',
  'relations', 'rejectOnEmpty', 'plain', 'nest', 'useMaster', 'logging', 'benchmark',
]);

/** Properties of a query result that hold its rows (`result.rows`, mssql's `recordset`). */
export const RESULT_ROW_PROPERTIES: ReadonlySet<string> = new Set(['rows', 'recordset', 'recordsets', 'Items', 'Item', 'dataValues', '_doc']);

/** Methods that take SQL text and return rows (pg, mysql2, sqlite, pg-promise, mssql, knex.raw). */
export const SQL_ROW_METHODS: ReadonlySet<string> = new Set([
  'query', 'execute', 'raw', 'any', 'one', 'oneOrNone', 'many', 'manyOrNone', 'get', 'all', 'first', '$queryRawUnsafe', 'unsafe',
]);

/** `SELECT * FROM users` / `SELECT u.* FROM users u`: a whole-row select, with its table. */
export const SELECT_ALL_FROM = /\bselect\s+(?:distinct\s+)?(?:[A-Za-z_][\w$]*\.)?\*\s+from\s+[`"[]?(?:[A-Za-z_][\w$]*[`"\]]?\.[`"[]?)?([A-Za-z_][\w$]*)/iu;
/** `INSERT INTO users` / `UPDATE users`: the table of a write, whose `RETURNING *` gives whole rows. */
export const WRITE_TABLE = /\b(?:insert\s+into|update)\s+[`"[]?(?:[A-Za-z_][\w$]*[`"\]]?\.[`"[]?)?([A-Za-z_][\w$]*)/iu;
export const RETURNING_ALL = /\breturning\s+\*/iu;

/** Decorators that keep an entity's field out of serialization. */
export const HIDING_DECORATORS: ReadonlySet<string> = new Set(['Exclude', 'Hidden', 'HideField', 'ApiHideProperty']);
/** NestJS's serializer that applies class-transformer's `@Exclude()` to returned entities. */
export const SERIALIZER_INTERCEPTORS: ReadonlySet<string> = new Set(['ClassSerializerInterceptor', 'SerializeInterceptor']);

/**
 * Fields an error body carries beside its `error` or `errors` (RFC 9457 problem details, the common
 * envelopes). A body with any other field also carries a result (`{ views, error }`, `{ valid: true,
 * errors: {} }`, GraphQL's `{ data, errors }`): an answer that reports partial failures, not an error.
 */
export const ERROR_BODY_FIELDS: ReadonlySet<string> = new Set([
  'error', 'errors', 'message', 'msg', 'errorMessage', 'error_description', 'code', 'errorCode', 'errorId', 'status', 'statusCode',
  'success', 'ok', 'reason', 'details', 'detail', 'errorDetails', 'fields', 'fieldErrors', 'validationErrors', 'issues', 'violations',
  'title', 'type', 'instance', 'hint', 'help', 'documentation_url', 'timestamp', 'path', 'requestId', 'traceId', 'correlationId',
  'exception', 'stack', 'trace', 'name',
]);
