/**
 * Schema validation of request input: validation libraries and their calls, validation middleware,
 * NestJS pipes, and the calls that parse text without validating it.
 */

/** The request inputs a handler can read, as the rule's options name them. */
export type InputPart = 'body' | 'query' | 'params';
export const INPUT_PARTS: readonly InputPart[] = ['body', 'query', 'params'];

/** Methods of a schema that validate data: zod, joi, yup, ajv, TypeBox, io-ts, runtypes. */
export const SCHEMA_METHODS: ReadonlySet<string> = new Set([
  'parse',
  'safeParse',
  'parseAsync',
  'safeParseAsync',
  'spa',
  'validate',
  'validateAsync',
  'validateSync',
  'isValid',
  'isValidSync',
  'cast',
  'attempt',
  'assert',
  'decode',
  'check',
  'guard',
  'Check',
  'Decode',
  'Parse',
  'Assert',
  'Errors',
]);

/** Receivers whose `parse`/`check`/`decode` only read text or values: no validation. */
export const NON_SCHEMA_RECEIVERS: ReadonlySet<string> = new Set([
  'JSON',
  'JSON5',
  'qs',
  'querystring',
  'url',
  'URL',
  'path',
  'Date',
  'cookie',
  'cookies',
  'YAML',
  'yaml',
  'toml',
  'TOML',
  'ini',
  'csv',
  'Papa',
  'papaparse',
  'marked',
  'bodyParser',
  'Buffer',
  'moment',
  'dayjs',
  'DateTime',
  'mime',
  'contentType',
  'accepts',
  'bytes',
  'ms',
  'semver',
  'uuid',
  'jwt',
  'jsonwebtoken',
  'assert',
  'console',
]);

/** Libraries whose exported functions validate what they are given. */
export const VALIDATION_MODULES: ReadonlySet<string> = new Set([
  'zod',
  'zod/v4',
  'zod/mini',
  'joi',
  '@hapi/joi',
  'yup',
  'valibot',
  'superstruct',
  'ajv',
  'class-validator',
  'class-transformer-validator',
  '@sinclair/typebox',
  '@sinclair/typebox/value',
  '@sinclair/typebox/compiler',
  'typia',
  'io-ts',
  'runtypes',
  'arktype',
  'ow',
  'validator',
  'express-validator',
  'celebrate',
  'vest',
  'myzod',
  '@effect/schema',
  'effect',
]);

/** Bare functions that validate whatever their import (class-validator, express-validator, ajv's compiled `validate`). */
export const VALIDATION_FUNCTIONS: ReadonlySet<string> = new Set([
  'validate',
  'validateSync',
  'validateOrReject',
  'transformAndValidate',
  'matchedData',
  'validationResult',
  'checkSchema',
]);

/** Names that say a function or middleware validates (`validateBody`, `userSchema`, `celebrate`). */
export const VALIDATION_NAME = /valid|celebrate|schema|sanitiz/iu;

/**
 * Words that make a "validate" name about who is calling, not about the input: `validateToken`,
 * `validateSession`, `isValidApiKey` check credentials (authentication), not the body's shape.
 */
export const CREDENTIAL_CHECK_WORDS: ReadonlySet<string> = new Set([
  'token', 'tokens', 'jwt', 'session', 'sessions', 'auth', 'authentication', 'authorization', 'user', 'permission', 'permissions', 'role',
  'roles', 'api', 'key', 'login', 'signature', 'csrf', 'captcha', 'cookie', 'access', 'admin', 'owner', 'password', 'credentials', 'otp',
]);

/** Middleware packages that validate the request (express-openapi-validator mounted with `app.use` covers the file). */
export const VALIDATION_MIDDLEWARE_MODULES: ReadonlySet<string> = new Set([
  'celebrate',
  'express-validator',
  'express-joi-validation',
  'zod-express-middleware',
  'zod-express',
  'express-zod-safe',
  '@hono/zod-validator',
  '@hono/typebox-validator',
  '@hono/valibot-validator',
  '@hono/arktype-validator',
  'hono/validator',
  'koa-joi-router',
  'koa-validate',
  'koa2-validation',
  'express-openapi-validator',
  'express-openapi-validate',
  'openapi-backend',
  'express-json-validator-middleware',
  'express-yup-middleware',
]);

/** Number and boolean coercions: the result is a number (or NaN) or a boolean, never an object or free text. */
export const NUMERIC_COERCIONS: ReadonlySet<string> = new Set(['Number', 'parseInt', 'parseFloat', 'BigInt', 'Boolean', 'toInt', 'toNumber']);

/** Types of a NestJS parameter that the ValidationPipe does not check. */
export const UNCHECKED_NEST_TYPES: ReadonlySet<string> = new Set([
  'Record',
  'Partial',
  'Object',
  'Map',
  'Array',
  'ReadonlyArray',
  'Readonly',
  'Pick',
  'Omit',
  'Required',
  'Request',
  'Express',
]);
