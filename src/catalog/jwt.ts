/**
 * JSON Web Token libraries: which of their calls decode, verify or sign a token, and where their
 * options go. Module paths use the notation of `sql-drivers.ts` (`.decode` is the module's
 * `decode` export; `.Strategy()` is `new Strategy()`).
 */

export type JwtCallKind = 'decode' | 'verify' | 'sign';

export interface JwtLibrary {
  readonly id: 'jsonwebtoken' | 'jose' | 'jwt-decode' | 'nestjs' | 'fastify' | 'passport-jwt';
  /** Shown in messages. */
  readonly label: string;
  readonly modules: readonly string[];
  /** Module paths that yield an instance whose methods are listed in `methods` (`new JwtService()`). */
  readonly factories: readonly string[];
  /** How to verify instead of decoding, for the message. */
  readonly verifyAdvice: string;
}

export const JWT_LIBRARIES: readonly JwtLibrary[] = [
  {
    id: 'jsonwebtoken',
    label: 'jsonwebtoken',
    modules: ['jsonwebtoken'],
    factories: [],
    verifyAdvice: '`jwt.verify(token, key, { algorithms: [...] })`',
  },
  {
    id: 'jose',
    label: 'jose',
    modules: ['jose'],
    factories: [],
    verifyAdvice: '`jwtVerify(token, key, { algorithms: [...] })`',
  },
  {
    id: 'jwt-decode',
    label: 'jwt-decode',
    modules: ['jwt-decode'],
    factories: [],
    verifyAdvice: "jsonwebtoken's `jwt.verify` or jose's `jwtVerify` with an `algorithms` allowlist",
  },
  {
    id: 'nestjs',
    label: '@nestjs/jwt',
    modules: ['@nestjs/jwt'],
    factories: ['.JwtService()'],
    verifyAdvice: '`this.jwtService.verifyAsync(token)` with `algorithms` in the options or in `JwtModule` `verifyOptions`',
  },
  {
    id: 'fastify',
    label: '@fastify/jwt',
    modules: ['@fastify/jwt', 'fastify-jwt'],
    factories: [],
    verifyAdvice: '`await request.jwtVerify()` (or `fastify.jwt.verify`)',
  },
  {
    id: 'passport-jwt',
    label: 'passport-jwt',
    modules: ['passport-jwt'],
    factories: [],
    verifyAdvice: 'the strategy',
  },
];

const LIBRARIES_BY_MODULE = new Map<string, JwtLibrary>(JWT_LIBRARIES.flatMap((library) => library.modules.map((name) => [name, library] as const)));

export function jwtLibraryForModule(moduleName: string): JwtLibrary | undefined {
  return LIBRARIES_BY_MODULE.get(moduleName);
}

/** A function a module exports, by its path, and what it does. */
export interface JwtFunction {
  readonly kind: JwtCallKind;
  /** Position of the options argument (verify, sign). */
  readonly options?: number;
  /** Position of the payload argument (sign). */
  readonly payload?: number;
  /** Shown in messages: `jwt.verify`. */
  readonly label: string;
}

/** Module functions by library id, then module path. */
export const JWT_MODULE_FUNCTIONS: Readonly<Record<string, Readonly<Record<string, JwtFunction>>>> = {
  jsonwebtoken: {
    '.decode': { kind: 'decode', label: 'jwt.decode' },
    '.default.decode': { kind: 'decode', label: 'jwt.decode' },
    '.verify': { kind: 'verify', options: 2, label: 'jwt.verify' },
    '.default.verify': { kind: 'verify', options: 2, label: 'jwt.verify' },
    '.sign': { kind: 'sign', options: 2, payload: 0, label: 'jwt.sign' },
    '.default.sign': { kind: 'sign', options: 2, payload: 0, label: 'jwt.sign' },
  },
  jose: {
    '.decodeJwt': { kind: 'decode', label: 'decodeJwt' },
    '.UnsecuredJWT.decode': { kind: 'decode', label: 'UnsecuredJWT.decode' },
    '.jwtVerify': { kind: 'verify', options: 2, label: 'jwtVerify' },
  },
  'jwt-decode': {
    '': { kind: 'decode', label: 'jwtDecode' },
    '.default': { kind: 'decode', label: 'jwtDecode' },
    '.jwtDecode': { kind: 'decode', label: 'jwtDecode' },
  },
};

/** Methods of an `@nestjs/jwt` `JwtService`. */
export const NEST_JWT_METHODS: Readonly<Record<string, JwtFunction>> = {
  decode: { kind: 'decode', label: 'jwtService.decode' },
  verify: { kind: 'verify', options: 1, label: 'jwtService.verify' },
  verifyAsync: { kind: 'verify', options: 1, label: 'jwtService.verifyAsync' },
  sign: { kind: 'sign', options: 1, payload: 0, label: 'jwtService.sign' },
  signAsync: { kind: 'sign', options: 1, payload: 0, label: 'jwtService.signAsync' },
};

/** `fastify.jwt.*` methods of `@fastify/jwt`. */
export const FASTIFY_JWT_METHODS: Readonly<Record<string, JwtFunction>> = {
  decode: { kind: 'decode', label: 'fastify.jwt.decode' },
  verify: { kind: 'verify', options: 1, label: 'fastify.jwt.verify' },
  sign: { kind: 'sign', options: 1, payload: 0, label: 'fastify.jwt.sign' },
};

/** Request and reply decorators of `@fastify/jwt`. */
export const FASTIFY_JWT_DECORATORS: Readonly<Record<string, JwtFunction>> = {
  jwtDecode: { kind: 'decode', label: 'request.jwtDecode' },
  jwtVerify: { kind: 'verify', options: 0, label: 'request.jwtVerify' },
  jwtSign: { kind: 'sign', options: 1, payload: 0, label: 'reply.jwtSign' },
};

/** Receivers of `.jwt` that are a Fastify instance by convention. */
export const FASTIFY_INSTANCE_NAMES: ReadonlySet<string> = new Set(['fastify', 'app', 'server', 'instance', 'fastifyInstance']);

/** Receivers of `jwtVerify()` / `jwtDecode()` (requests) and `jwtSign()` (replies). */
export const FASTIFY_REQUEST_NAMES: ReadonlySet<string> = new Set(['request', 'req']);
export const FASTIFY_REPLY_NAMES: ReadonlySet<string> = new Set(['reply', 'res', 'response']);

/** Every method or function name the rule looks at before resolving anything. */
export const JWT_CALL_NAMES: ReadonlySet<string> = new Set([
  'decode', 'decodeJwt', 'jwtDecode', 'verify', 'verifyAsync', 'jwtVerify', 'sign', 'signAsync', 'jwtSign',
  'register', 'registerAsync',
]);

/** Claims that carry roles, scopes or permissions: testing them is an authorization decision. */
export const AUTHZ_CLAIM_WORDS: ReadonlySet<string> = new Set([
  'role', 'roles', 'permission', 'permissions', 'perms', 'scope', 'scopes', 'scp', 'group', 'groups', 'admin',
  'superuser', 'authorities', 'entitlements', 'privileges', 'acl',
]);

/** Claims that identify the user: looking a record up by them authenticates. */
export const IDENTITY_CLAIMS: ReadonlySet<string> = new Set([
  'sub', 'id', 'uid', 'userid', 'user', 'email', 'username', 'login', 'accountid', 'memberid', 'customerid', 'oid', 'tenantid',
]);

/** Time claims: reading them schedules a refresh or shows an expiry; it grants nothing. */
export const TIME_CLAIMS: ReadonlySet<string> = new Set(['exp', 'iat', 'nbf', 'authtime', 'expiresat', 'issuedat']);

/** Methods on a claim value that test it (`roles.includes('admin')`). */
export const PREDICATE_METHODS: ReadonlySet<string> = new Set([
  'includes', 'some', 'every', 'indexOf', 'has', 'startsWith', 'endsWith', 'find', 'findIndex', 'localeCompare', 'equals',
]);

/** Methods and functions that pass a claim through (`String(claims.sub)`, `scope.split(' ')`). */
export const TRANSFORM_METHODS: ReadonlySet<string> = new Set([
  'split', 'trim', 'toLowerCase', 'toUpperCase', 'toString', 'map', 'filter', 'slice', 'concat', 'flat', 'replace', 'normalize', 'valueOf',
]);
export const TRANSFORM_FUNCTIONS: ReadonlySet<string> = new Set(['String', 'Number', 'BigInt', 'Boolean', 'parseInt']);

/**
 * Words of a function name that make it an authentication or authorization step: what it
 * returns or tests about a token decides access.
 */
export const AUTH_FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'authenticate', 'authenticated', 'authentication', 'authorize', 'authorized', 'authorizer', 'authorization',
  'guard', 'protect', 'protected', 'activate', 'middleware', 'whoami', 'principal', 'identify',
]);

/** With `auth` in a name, these words make it about a client's own credentials, not a check. */
export const AUTH_CLIENT_WORDS: ReadonlySet<string> = new Set(['header', 'headers', 'token', 'tokens', 'url', 'client', 'config', 'options', 'provider', 'cookie', 'code']);

/** A verb and a subject that together name a function that resolves the current user (`requireUser`, `getCurrentUser`). */
export const USER_RESOLVER_VERBS: ReadonlySet<string> = new Set(['require', 'ensure', 'current', 'resolve', 'load', 'get', 'extract', 'check', 'verify', 'validate']);
export const USER_RESOLVER_SUBJECTS: ReadonlySet<string> = new Set(['user', 'session', 'account', 'member', 'admin', 'role', 'roles', 'scope', 'permission', 'permissions', 'login', 'principal', 'identity', 'claims']);

/** Fastify hooks that run before the handler: what they test about a token decides access. */
export const FASTIFY_AUTH_HOOKS: ReadonlySet<string> = new Set(['onRequest', 'preParsing', 'preValidation', 'preHandler']);

/** Names of calls that check a permission (`hasRole(claims, 'admin')`, `authorize(claims)`), by word. */
export const PERMISSION_CALL_WORDS: ReadonlySet<string> = new Set([
  'role', 'roles', 'permission', 'permissions', 'scope', 'scopes', 'authorize', 'authorized', 'allowed', 'allow', 'access', 'ability', 'grant', 'grants', 'policy', 'admin',
]);

/** Calls that look a record up (`findById`, `findUnique`, `getUser`, `where`, `update`). */
export const LOOKUP_CALL = /^(?:find|get|load|fetch|lookup|retrieve|select|query|read|where|update|upsert|delete|remove|destroy|first)/u;

/** Names in a branch that deny access (`UnauthorizedException`, `Boom.forbidden`). */
export const DENY_NAME = /unauthori[sz]ed|unauthenticated|forbidden|accessdenied|permissiondenied|notallowed/iu;

/** HTTP statuses that deny access. */
export const DENY_STATUSES: ReadonlySet<number> = new Set([401, 403]);

/** Roots of a member chain that is the request or its context: assigning claims there authenticates. */
export const REQUEST_CARRIERS: ReadonlySet<string> = new Set([
  'req', 'request', 'ctx', 'context', 'c', 'res', 'response', 'reply', 'socket', 'ws', 'client', 'event', 'locals',
]);

/** The `none` algorithm: an unsigned token. */
export function isNoneAlgorithm(value: string): boolean {
  return value.toLowerCase() === 'none';
}

/** The algorithm the message suggests when none is configured: HMAC for a shared secret, RS256 otherwise. */
export function suggestedAlgorithm(keyName: string | undefined): string {
  return keyName !== undefined && /secret/iu.test(keyName) ? 'HS256' : 'RS256';
}
