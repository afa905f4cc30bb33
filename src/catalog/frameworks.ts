/** HTTP frameworks and the middleware the project checks look for. */

export const HTTP_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'head']);
export const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** NestJS route decorators and their methods. */
export const NEST_ROUTE_DECORATORS: ReadonlyMap<string, string> = new Map([
  ['Get', 'GET'],
  ['Post', 'POST'],
  ['Put', 'PUT'],
  ['Patch', 'PATCH'],
  ['Delete', 'DELETE'],
  ['Options', 'OPTIONS'],
  ['Head', 'HEAD'],
]);

/** NestJS's built-in HTTP exceptions and their status codes. */
export const NEST_EXCEPTION_STATUS: ReadonlyMap<string, number> = new Map([
  ['BadRequestException', 400],
  ['UnauthorizedException', 401],
  ['PaymentRequiredException', 402],
  ['ForbiddenException', 403],
  ['NotFoundException', 404],
  ['MethodNotAllowedException', 405],
  ['NotAcceptableException', 406],
  ['RequestTimeoutException', 408],
  ['ConflictException', 409],
  ['GoneException', 410],
  ['PayloadTooLargeException', 413],
  ['UnsupportedMediaTypeException', 415],
  ['UnprocessableEntityException', 422],
  ['InternalServerErrorException', 500],
  ['NotImplementedException', 501],
  ['BadGatewayException', 502],
  ['ServiceUnavailableException', 503],
  ['GatewayTimeoutException', 504],
]);

/** Health paths, also accepted under an API prefix (`/api/v1/health`). */
export const HEALTH_PATHS: readonly string[] = ['/health', '/healthz', '/livez', '/readyz', '/ready'];

/** A full route path under a version prefix: `/v1/...` or `/api/v2/...`. */
export const VERSIONED_PATH = '^/(?:api/)?v[0-9]+(?:/|$)';

/**
 * Operational and provider-defined paths that are not part of the versioned API: health and
 * metrics probes, API docs, well-known files, webhooks whose URL a provider was given. A trailing
 * `*` matches what follows.
 */
export const OPERATIONAL_PATHS: readonly string[] = [
  ...['/health', '/healthz', '/livez', '/readyz', '/ready'],
  ...['/', '*', '/*', '/metrics', '/status', '/ping', '/version', '/favicon.ico', '/robots.txt', '/.well-known/*'],
  ...['/docs', '/docs/*', '/swagger', '/swagger/*', '/api-docs', '/api-docs/*', '/openapi.json', '/swagger.json'],
  ...['/webhook', '/webhook/*', '/webhooks', '/webhooks/*', '/api/webhook/*', '/api/webhooks/*', '/api/health'],
];

/** Mutating routes that are public by design (require-auth leaves them alone). */
export const PUBLIC_ROUTE_PATTERN =
  /(?:^|\/)(?:log-?in|sign-?in|sign-?up|register|auth(?:enticate)?|token|refresh|password|forgot|reset|verify|health|healthz|livez|readyz|ready|webhooks?|hooks|callback|oauth)(?:$|[/:.-])/iu;

export type MiddlewareCategory = 'auth' | 'validation' | 'rate-limit' | 'security-headers';

/** Packages whose middleware (or plugin, or guard) belongs to a category. */
export const MIDDLEWARE_PACKAGES: ReadonlyMap<string, MiddlewareCategory> = new Map([
  ['passport', 'auth'],
  ['express-jwt', 'auth'],
  ['express-openid-connect', 'auth'],
  ['express-basic-auth', 'auth'],
  ['express-oauth2-jwt-bearer', 'auth'],
  ['koa-jwt', 'auth'],
  ['koa-passport', 'auth'],
  ['@fastify/jwt', 'auth'],
  ['@fastify/auth', 'auth'],
  ['@fastify/basic-auth', 'auth'],
  ['@nestjs/passport', 'auth'],
  ['hono/jwt', 'auth'],
  ['hono/bearer-auth', 'auth'],
  ['hono/basic-auth', 'auth'],
  ['celebrate', 'validation'],
  ['express-validator', 'validation'],
  ['express-joi-validation', 'validation'],
  ['zod-express-middleware', 'validation'],
  ['@hono/zod-validator', 'validation'],
  ['@hono/typebox-validator', 'validation'],
  ['hono/validator', 'validation'],
  ['koa-joi-router', 'validation'],
  ['express-rate-limit', 'rate-limit'],
  ['express-slow-down', 'rate-limit'],
  ['express-brute', 'rate-limit'],
  ['rate-limiter-flexible', 'rate-limit'],
  ['@fastify/rate-limit', 'rate-limit'],
  ['fastify-rate-limit', 'rate-limit'],
  ['@nestjs/throttler', 'rate-limit'],
  ['hono-rate-limiter', 'rate-limit'],
  ['koa-ratelimit', 'rate-limit'],
  ['koa2-ratelimit', 'rate-limit'],
  ['helmet', 'security-headers'],
  ['@fastify/helmet', 'security-headers'],
  ['fastify-helmet', 'security-headers'],
  ['koa-helmet', 'security-headers'],
  ['hono/secure-headers', 'security-headers'],
]);

/** Names that say what a middleware does when its package is not known (checked in this order). */
export const MIDDLEWARE_NAME_PATTERNS: readonly (readonly [MiddlewareCategory, RegExp])[] = [
  ['rate-limit', /rate_?limit|limiter|throttl|slow_?down|brute/iu],
  ['security-headers', /helmet|secure_?headers|security_?headers/iu],
  ['validation', /valid|celebrate|schema|sanitiz/iu],
  ['auth', /auth|jwt|bearer|passport|logged_?in|require_?(?:user|login|session|role)|verify_?token|check_?token|protect|ensure_?user|current_?user|guard/iu],
];

/** Receivers that are the response in handlers (`res.status(404).json(...)`, `reply.code(500).send(...)`). */
export const RESPONSE_NAMES: ReadonlySet<string> = new Set(['res', 'response', 'reply', 'resp', 'rep']);
/** Receivers that are a request context (Koa `ctx`, Hono `c`). */
export const CONTEXT_NAMES: ReadonlySet<string> = new Set(['ctx', 'c', 'context']);

/** A health handler that touches a dependency (`await db.query('SELECT 1')`, `prisma.$queryRaw`, `redis.ping()`). */
export const HEALTH_DEPENDENCY_CALL = /\b(?:query|queryRaw|\$queryRaw|ping|raw|execute|authenticate|isReady|healthCheck|checkHealth|check|status)\s*[(`]/u;
/** A health handler that can answer 5xx. */
export const HEALTH_FAILURE_STATUS = /\b50[0-9]\b|SERVICE_UNAVAILABLE|ServiceUnavailable|INTERNAL_SERVER_ERROR/u;

/** Work that makes a route worth rate limiting, named for the message. */
export const EXPENSIVE_WORK: readonly (readonly [string, RegExp])[] = [
  ['database access', /\b(?:query|find\w*|create|update\w*|delete\w*|insert|upsert|save|aggregate|count\w*|\$queryRaw\w*|\$executeRaw\w*|raw)\s*[(<`]/u],
  ['file system access', /\b(?:readFile|writeFile|appendFile|createReadStream|createWriteStream|readdir|unlink|mkdir)\w*\s*\(/u],
  ['password hashing or authentication', /\b(?:bcrypt|argon2|scrypt|pbkdf2|hashPassword|verifyPassword|jwt\.sign|compare)\b/u],
  ['sending mail', /\b(?:sendMail|sendEmail|mailer|nodemailer|transporter\.send|ses\.send)\w*/iu],
];
