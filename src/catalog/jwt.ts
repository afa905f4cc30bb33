/**
 * JSON Web Token libraries: which of their calls decode, verify or sign a token, and where their
 * options go. Module paths use the notation of `sql-drivers.ts` (`.decode` is the module's
 * `decode` export; `.Strategy()` is `new Strategy()`).
 */

export type JwtCallKind = 'decode' | 'verify' | 'sign';

/**
 * Who picks the algorithm when a verify call has no `algorithms` list: the token's own header
 * (`none`, or HMAC keyed with the public key), the key (only the algorithms of its type, `none`
 * refused), or nobody (the library refuses to run, or takes one algorithm as an argument).
 */
export type AlgorithmChoice = 'header' | 'key' | 'required';

/** From which version of which package a library's verify picks the algorithm how; before the first, the header does. */
export interface AlgorithmDefault {
  readonly package: string;
  readonly since: string;
  readonly choice: AlgorithmChoice;
}

export interface JwtLibrary {
  readonly id: 'jsonwebtoken' | 'jose' | 'jwt-decode' | 'nestjs' | 'fastify' | 'passport-jwt' | 'jws' | 'jwt-simple' | 'express-jwt' | 'koa-jwt' | 'hono' | 'fast-jwt' | 'hapi' | 'jsrsasign' | 'njwt';
  /** Shown in messages. */
  readonly label: string;
  readonly modules: readonly string[];
  /** Module paths that yield an instance whose methods are listed in `methods` (`new JwtService()`). */
  readonly factories: readonly string[];
  /** How to verify instead of decoding, for the message. */
  readonly verifyAdvice: string;
  /** The package versions whose type definitions (and, for defaults, sources) the entries were read from. */
  readonly read: string;
  /** What verify does without `algorithms`, by package and version; a file that imports none of the packages gets the first. */
  readonly algorithmDefaults: readonly AlgorithmDefault[];
}

/**
 * The libraries a Node backend verifies, signs or decodes tokens with by calls the rule can judge:
 * the general JWT and JWS packages, and the JWT helpers of the frameworks the linter knows (NestJS,
 * Fastify, Hono, Express, Koa, Passport). The rule's doc lists the packages that were read and left
 * out (verifiers that take no algorithm or expiry option from the caller).
 */
export const JWT_LIBRARIES: readonly JwtLibrary[] = [
  {
    id: 'jsonwebtoken',
    label: 'jsonwebtoken',
    modules: ['jsonwebtoken'],
    factories: [],
    verifyAdvice: '`jwt.verify(token, key, { algorithms: [...] })`',
    read: 'jsonwebtoken 9.0.3 (@types/jsonwebtoken 9.0.10), and the verify.js of 8.5.1 for the defaults before 9',
    // 9.0.0 refuses `none` without `algorithms` and limits the algorithms to the key's type.
    algorithmDefaults: [{ package: 'jsonwebtoken', since: '9.0.0', choice: 'key' }],
  },
  {
    id: 'jose',
    label: 'jose',
    modules: ['jose'],
    factories: [],
    verifyAdvice: '`jwtVerify(token, key, { algorithms: [...] })`',
    read: 'jose 6.2.19 (bundled types)',
    // "By default all alg values applicable for the used key/secret are allowed; unsecured JWTs are never accepted."
    algorithmDefaults: [{ package: 'jose', since: '0.0.0', choice: 'key' }],
  },
  {
    id: 'jwt-decode',
    label: 'jwt-decode',
    modules: ['jwt-decode'],
    factories: [],
    verifyAdvice: "jsonwebtoken's `jwt.verify` or jose's `jwtVerify` with an `algorithms` allowlist",
    read: 'jwt-decode 4.0.0 (bundled types)',
    algorithmDefaults: [],
  },
  {
    id: 'nestjs',
    label: '@nestjs/jwt',
    modules: ['@nestjs/jwt'],
    factories: ['.JwtService()'],
    verifyAdvice: '`this.jwtService.verifyAsync(token)` with `algorithms` in the options or in `JwtModule` `verifyOptions`',
    read: '@nestjs/jwt 11.0.2 (bundled types); it verifies with jsonwebtoken 9 from 10.0.0, 8 before',
    algorithmDefaults: [{ package: '@nestjs/jwt', since: '10.0.0', choice: 'key' }],
  },
  {
    id: 'fastify',
    label: '@fastify/jwt',
    modules: ['@fastify/jwt', 'fastify-jwt'],
    factories: [],
    verifyAdvice: '`await request.jwtVerify()` (or `fastify.jwt.verify`)',
    read: '@fastify/jwt 9.1.0 (bundled types); it verifies with fast-jwt, fastify-jwt below 4.0.0 with jsonwebtoken 8',
    algorithmDefaults: [
      { package: '@fastify/jwt', since: '0.0.0', choice: 'key' },
      { package: 'fastify-jwt', since: '4.0.0', choice: 'key' },
    ],
  },
  {
    id: 'passport-jwt',
    label: 'passport-jwt',
    modules: ['passport-jwt'],
    factories: [],
    verifyAdvice: 'the strategy',
    read: 'passport-jwt 4.0.1 (@types/passport-jwt 4.0.1); it verifies with jsonwebtoken 9 from 4.0.1, 8 before',
    algorithmDefaults: [{ package: 'passport-jwt', since: '4.0.1', choice: 'key' }],
  },
  {
    id: 'jws',
    label: 'jws',
    modules: ['jws'],
    factories: [],
    verifyAdvice: '`jws.verify(token, ALGORITHM, key)` with the algorithm your key uses as a constant',
    read: 'jws 4.0.1 (@types/jws 3.2.11)',
    // `jws.verify(signature, algorithm, key)` throws without its algorithm argument.
    algorithmDefaults: [{ package: 'jws', since: '0.0.0', choice: 'required' }],
  },
  {
    id: 'jwt-simple',
    label: 'jwt-simple',
    modules: ['jwt-simple'],
    factories: [],
    verifyAdvice: '`jwt.decode(token, key, false, ALGORITHM)`',
    read: 'jwt-simple 0.5.6 (bundled types)',
    // Without an algorithm, a PEM public key means RS256 and a secret the header's HS256/384/512.
    algorithmDefaults: [{ package: 'jwt-simple', since: '0.5.6', choice: 'key' }],
  },
  {
    id: 'express-jwt',
    label: 'express-jwt',
    modules: ['express-jwt'],
    factories: [],
    verifyAdvice: '`expressjwt({ secret, algorithms: [...] })`',
    read: 'express-jwt 8.5.1 (bundled types); 6.0.0 made `algorithms` required',
    algorithmDefaults: [{ package: 'express-jwt', since: '6.0.0', choice: 'required' }],
  },
  {
    id: 'koa-jwt',
    label: 'koa-jwt',
    modules: ['koa-jwt'],
    factories: [],
    verifyAdvice: '`koaJwt({ secret, algorithms: [...] })`',
    read: 'koa-jwt 4.0.4 (bundled types); it verifies with jsonwebtoken 9 from 4.0.4, 8 before',
    algorithmDefaults: [{ package: 'koa-jwt', since: '4.0.4', choice: 'key' }],
  },
  {
    id: 'hono',
    label: 'hono/jwt',
    modules: ['hono/jwt', 'hono/utils/jwt', 'hono/utils/jwt/jwt'],
    factories: [],
    verifyAdvice: "`await verify(token, secret, 'HS256')`",
    read: 'hono 4.13.23 (bundled types)',
    // `verify(token, key, alg)` and `jwt({ secret, alg })` check the header against the one algorithm given.
    algorithmDefaults: [{ package: 'hono', since: '0.0.0', choice: 'required' }],
  },
  {
    id: 'fast-jwt',
    label: 'fast-jwt',
    modules: ['fast-jwt'],
    factories: [],
    verifyAdvice: '`createVerifier({ key, algorithms: [...] })`',
    read: 'fast-jwt 5.0.6 (bundled types); 1.0.0 for the default',
    // Without `algorithms`, the verifier allows the algorithms it detects from the key.
    algorithmDefaults: [{ package: 'fast-jwt', since: '0.0.0', choice: 'key' }],
  },
  {
    id: 'hapi',
    label: '@hapi/jwt',
    modules: ['@hapi/jwt'],
    factories: [],
    verifyAdvice: "`verify: { aud, iss, sub }` in the `'jwt'` strategy (`false` for a claim you do not check)",
    read: '@hapi/jwt 3.2.4 (bundled types, and plugin.js for the strategy options)',
    // A key without `algorithms` allows the algorithms of its type.
    algorithmDefaults: [{ package: '@hapi/jwt', since: '0.0.0', choice: 'key' }],
  },
  {
    id: 'jsrsasign',
    label: 'jsrsasign',
    modules: ['jsrsasign'],
    factories: [],
    verifyAdvice: "`KJUR.jws.JWS.verifyJWT(token, key, { alg: ['RS256'] })`",
    read: 'jsrsasign 11.1.5 (@types/jsrsasign 10.5.15), and 4.8.2, the first with verifyJWT, for the required list',
    // `verifyJWT` throws "acceptField.alg shall be specified" without its list.
    algorithmDefaults: [{ package: 'jsrsasign', since: '0.0.0', choice: 'required' }],
  },
  {
    id: 'njwt',
    label: 'njwt',
    modules: ['njwt'],
    factories: [],
    verifyAdvice: "`nJwt.verify(token, key, 'HS256')`",
    read: 'njwt 2.0.1 (bundled types, and index.js for what verify does without a key)',
    // `verify(token, key)` checks HS256 only, `verify(token, key, alg)` that algorithm only.
    algorithmDefaults: [{ package: 'njwt', since: '0.0.0', choice: 'required' }],
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
  /** The option that lists the allowed algorithms, when it is not `algorithms` (jsrsasign's `alg`). */
  readonly algorithmsKey?: string;
  /** Position of an argument that names the one algorithm to verify with (`jws.verify(token, 'RS256', key)`). */
  readonly algorithm?: number;
  /** Position of the key: a call that leaves it out verifies with `none` (njwt's `verify(token)`). */
  readonly noneWithoutKey?: number;
  /** Position of a flag that turns verification off (`jwt-simple`'s `decode(token, key, noVerify)`). */
  readonly noVerify?: number;
  /** The option that carries the expiry when signing; none: only `exp` in the payload. */
  readonly expiryOption?: string;
  /** The option that turns the expiry check off, and the value that does (`ignoreExpiration: true`, hono's `exp: false`). */
  readonly expiryCheck?: { readonly path: readonly string[]; readonly off: boolean };
  /** An option that turns verification off when `false` (@hapi/jwt's `verify: false`): the token is only decoded. */
  readonly verifySwitch?: string;
  /** A middleware factory: it returns a request handler, not claims. */
  readonly middleware?: boolean;
  /** Shown in messages: `jwt.verify`. */
  readonly label: string;
}

/** How jsonwebtoken (and the libraries that pass their options to it) turns the expiry check off. */
export const IGNORE_EXPIRATION = { path: ['ignoreExpiration'], off: true } as const;

/** The same function under its CommonJS path and its ES module default export's path. */
function withDefault(functions: Record<string, JwtFunction>): Record<string, JwtFunction> {
  return Object.fromEntries(Object.entries(functions).flatMap(([path, fn]) => [[path, fn], [`.default${path}`, fn]]));
}

/** Module functions by library id, then module path. */
export const JWT_MODULE_FUNCTIONS: Readonly<Record<string, Readonly<Record<string, JwtFunction>>>> = {
  jsonwebtoken: withDefault({
    '.decode': { kind: 'decode', label: 'jwt.decode' },
    '.verify': { kind: 'verify', options: 2, expiryCheck: IGNORE_EXPIRATION, label: 'jwt.verify' },
    '.sign': { kind: 'sign', options: 2, payload: 0, expiryOption: 'expiresIn', label: 'jwt.sign' },
  }),
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
  jws: withDefault({
    '.decode': { kind: 'decode', label: 'jws.decode' },
    '.verify': { kind: 'verify', algorithm: 1, label: 'jws.verify' },
  }),
  'jwt-simple': withDefault({
    '.decode': { kind: 'verify', algorithm: 3, noVerify: 2, label: 'jwt.decode' },
    '.encode': { kind: 'sign', payload: 0, label: 'jwt.encode' },
  }),
  'express-jwt': withDefault({
    '': { kind: 'verify', options: 0, expiryCheck: IGNORE_EXPIRATION, middleware: true, label: 'jwt' },
    '.expressjwt': { kind: 'verify', options: 0, expiryCheck: IGNORE_EXPIRATION, middleware: true, label: 'expressjwt' },
  }),
  'koa-jwt': withDefault({
    '': { kind: 'verify', options: 0, expiryCheck: IGNORE_EXPIRATION, middleware: true, label: 'koaJwt' },
  }),
  hono: {
    '.decode': { kind: 'decode', label: 'decode' },
    '.Jwt.decode': { kind: 'decode', label: 'Jwt.decode' },
    '.verify': { kind: 'verify', algorithm: 2, options: 2, expiryCheck: { path: ['exp'], off: false }, label: 'verify' },
    '.Jwt.verify': { kind: 'verify', algorithm: 2, options: 2, expiryCheck: { path: ['exp'], off: false }, label: 'Jwt.verify' },
    '.sign': { kind: 'sign', payload: 0, label: 'sign' },
    '.Jwt.sign': { kind: 'sign', payload: 0, label: 'Jwt.sign' },
    '.jwt': { kind: 'verify', options: 0, expiryCheck: { path: ['verification', 'exp'], off: false }, middleware: true, label: 'jwt' },
  },
  njwt: withDefault({
    '.verify': { kind: 'verify', algorithm: 2, noneWithoutKey: 1, label: 'nJwt.verify' },
  }),
  jsrsasign: withDefault({
    '.KJUR.jws.JWS.verifyJWT': { kind: 'verify', options: 2, algorithmsKey: 'alg', label: 'KJUR.jws.JWS.verifyJWT' },
  }),
  'fast-jwt': {
    '.createVerifier': { kind: 'verify', options: 0, expiryCheck: IGNORE_EXPIRATION, middleware: true, label: 'createVerifier' },
    '.createSigner': { kind: 'sign', options: 0, expiryOption: 'expiresIn', middleware: true, label: 'createSigner' },
  },
};

/** `server.auth.strategy(name, 'jwt', options)` once `@hapi/jwt` is registered: the scheme and what its options do. */
export const HAPI_JWT_SCHEME = 'jwt';
export const HAPI_JWT_STRATEGY: JwtFunction = {
  kind: 'verify',
  options: 2,
  expiryCheck: { path: ['verify', 'exp'], off: false },
  verifySwitch: 'verify',
  middleware: true,
  label: 'server.auth.strategy',
};

/** passport-jwt: `new Strategy(options, verify)`, and `super(options)` of a class that extends `PassportStrategy(Strategy)`. */
export const PASSPORT_JWT_STRATEGY: JwtFunction = { kind: 'verify', options: 0, expiryCheck: IGNORE_EXPIRATION, label: 'Strategy' };
export const PASSPORT_JWT_STRATEGY_PATH = '.Strategy';

/** jose: the `SignJWT` builder (`new SignJWT(payload)...sign(key)`), which signs without an expiry unless `setExpirationTime()` is called. */
export const JOSE_SIGN_BUILDER = { path: '.SignJWT', expiryMethod: 'setExpirationTime', label: 'new SignJWT(payload)…sign(key)' } as const;

/** Methods of an `@nestjs/jwt` `JwtService`. */
export const NEST_JWT_METHODS: Readonly<Record<string, JwtFunction>> = {
  decode: { kind: 'decode', label: 'jwtService.decode' },
  verify: { kind: 'verify', options: 1, expiryCheck: IGNORE_EXPIRATION, label: 'jwtService.verify' },
  verifyAsync: { kind: 'verify', options: 1, expiryCheck: IGNORE_EXPIRATION, label: 'jwtService.verifyAsync' },
  sign: { kind: 'sign', options: 1, payload: 0, expiryOption: 'expiresIn', label: 'jwtService.sign' },
  signAsync: { kind: 'sign', options: 1, payload: 0, expiryOption: 'expiresIn', label: 'jwtService.signAsync' },
};

/** `fastify.jwt.*` methods of `@fastify/jwt`. */
export const FASTIFY_JWT_METHODS: Readonly<Record<string, JwtFunction>> = {
  decode: { kind: 'decode', label: 'fastify.jwt.decode' },
  verify: { kind: 'verify', options: 1, expiryCheck: IGNORE_EXPIRATION, label: 'fastify.jwt.verify' },
  sign: { kind: 'sign', options: 1, payload: 0, expiryOption: 'expiresIn', label: 'fastify.jwt.sign' },
};

/** Request and reply decorators of `@fastify/jwt`. */
export const FASTIFY_JWT_DECORATORS: Readonly<Record<string, JwtFunction>> = {
  jwtDecode: { kind: 'decode', label: 'request.jwtDecode' },
  jwtVerify: { kind: 'verify', options: 0, expiryCheck: IGNORE_EXPIRATION, label: 'request.jwtVerify' },
  jwtSign: { kind: 'sign', options: 1, payload: 0, expiryOption: 'expiresIn', label: 'reply.jwtSign' },
};

/** Receivers of `.jwt` that are a Fastify instance by convention. */
export const FASTIFY_INSTANCE_NAMES: ReadonlySet<string> = new Set(['fastify', 'app', 'server', 'instance', 'fastifyInstance']);

/** Receivers of `jwtVerify()` / `jwtDecode()` (requests) and `jwtSign()` (replies). */
export const FASTIFY_REQUEST_NAMES: ReadonlySet<string> = new Set(['request', 'req']);
export const FASTIFY_REPLY_NAMES: ReadonlySet<string> = new Set(['reply', 'res', 'response']);

/** Every method or function name the rule looks at before resolving anything. */
export const JWT_CALL_NAMES: ReadonlySet<string> = new Set([
  'decode', 'decodeJwt', 'jwtDecode', 'verify', 'verifyAsync', 'jwtVerify', 'sign', 'signAsync', 'jwtSign',
  'encode', 'expressjwt', 'createVerifier', 'createSigner', 'verifyJWT', 'strategy', 'register', 'registerAsync',
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

/** Expiry claims a project names itself; `exp` is the registered one the libraries check. */
export const EXPIRY_CLAIMS: readonly string[] = ['expiresAt', 'expires', 'expiry', 'expiration', 'expiresOn', 'validUntil', 'exp_at'];

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
