/** HTTP frameworks and the middleware the project checks look for. */
import { ERROR_MIDDLEWARE } from './error-responders.js';

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

/** NestJS decorators that require a signed-in user (`@Roles('admin')`, `@Auth()`); the Swagger `@Api...` ones only document. */
export const NEST_AUTH_DECORATOR = /^(?:Roles|Role|Auth|Authorized?|Authenticated|RequireAuth|RequireUser|RequireRoles?|Permissions|RequirePermissions|HasRoles?|UseAuth|Restricted)$/u;
/** NestJS decorators that open a handler under a global authentication guard. */
export const NEST_PUBLIC_DECORATOR = /^(?:Public|IsPublic|SkipAuth|NoAuth|AllowAnonymous|Anonymous|PublicRoute)$/u;

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

/**
 * Probe paths: a route at one of them, under any prefix (`/api/v1/healthz`, `/health/ready`), is a
 * health endpoint. The generic ones (`/ping`, `/status`) count only at the end of a short path.
 */
export const HEALTH_PATHS: readonly string[] = ['/health', '/healthz', '/_health', '/livez', '/readyz', '/healthcheck', '/health-check', '/heartbeat', '/ready', '/ping', '/status'];

/** Probe paths common enough in APIs (`/orders/:id/status`) that they count only near the root. */
export const GENERIC_PROBE_PATHS: ReadonlySet<string> = new Set(['/ping', '/status', '/ready']);

/**
 * Health libraries: what adds a health endpoint without a route of the project's own. `route` is
 * the option that names or enables the endpoint and `path` its default path (an app without the
 * option gets none); `process` means the library answers probes on its own server.
 */
export const HEALTH_LIBRARIES: readonly { readonly module: string; readonly export: string; readonly kind: 'register' | 'server' | 'process'; readonly route?: string; readonly path?: string }[] = [
  // fastify.register(underPressure, { exposeStatusRoute: true | '/alive' | { url } })
  { module: '@fastify/under-pressure', export: '', kind: 'register', route: 'exposeStatusRoute', path: '/status' },
  { module: 'under-pressure', export: '', kind: 'register', route: 'exposeStatusRoute', path: '/status' },
  // createTerminus(server, { healthChecks: { '/healthcheck': check } })
  { module: '@godaddy/terminus', export: 'createTerminus', kind: 'server' },
  // createLightship() answers /health, /live and /ready on a port of its own.
  { module: 'lightship', export: 'createLightship', kind: 'process' },
];

/** NestJS: a handler decorated with `@HealthCheck()` (@nestjs/terminus) is a health endpoint whatever its path. */
export const NEST_HEALTH_DECORATOR = 'HealthCheck';

/** A full route path under a version prefix: `/v1/...` or `/api/v2/...`. */
export const VERSIONED_PATH = '^/(?:api/)?v[0-9]+(?:/|$)';

/**
 * Operational and provider-defined paths that are not part of the versioned API: health and
 * metrics probes, API docs, well-known files, webhooks whose URL a provider was given. A trailing
 * `*` matches what follows.
 */
export const OPERATIONAL_PATHS: readonly string[] = [
  ...['/health', '/healthz', '/_health', '/livez', '/readyz', '/ready'],
  ...['/', '*', '/*', '/metrics', '/status', '/ping', '/version', '/favicon.ico', '/robots.txt', '/.well-known/*'],
  ...['/docs', '/docs/*', '/swagger', '/swagger/*', '/api-docs', '/api-docs/*', '/openapi.json', '/swagger.json'],
  ...['/webhook', '/webhook/*', '/webhooks', '/webhooks/*', '/api/webhook/*', '/api/webhooks/*', '/api/health'],
];

/** Mutating routes that are public by design (require-auth leaves them alone). */
export const PUBLIC_ROUTE_PATTERN =
  /(?:^|\/)(?:log-?in|log-?out|sign-?in|sign-?out|sign-?up|register|auth(?:enticate|entication)?|sessions?|token|refresh|password|forgot|reset|verify|health|healthz|livez|readyz|ready|webhooks?|hooks|callback|oauth)(?:$|[/:._-])/iu;

export type MiddlewareCategory = 'auth' | 'validation' | 'rate-limit' | 'security-headers' | 'error-handler';

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
  ['koa-basic-auth', 'auth'],
  ['express-jwt-permissions', 'auth'],
  ['connect-ensure-login', 'auth'],
  ['@clerk/express', 'auth'],
  ['@hono/clerk-auth', 'auth'],
  ['hono/jwk', 'auth'],
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
  ['@upstash/ratelimit', 'rate-limit'],
  ['koa-ratelimit', 'rate-limit'],
  ['koa2-ratelimit', 'rate-limit'],
  ['helmet', 'security-headers'],
  ['@fastify/helmet', 'security-headers'],
  ['fastify-helmet', 'security-headers'],
  ['koa-helmet', 'security-headers'],
  ['hono/secure-headers', 'security-headers'],
  ['lusca', 'security-headers'],
  ['helmet-csp', 'security-headers'],
  ['hsts', 'security-headers'],
  ['frameguard', 'security-headers'],
  ['dont-sniff-mimetype', 'security-headers'],
  ['referrer-policy', 'security-headers'],
  ['x-xss-protection', 'security-headers'],
  ['express-csp-header', 'security-headers'],
  // Error-handling middleware: what is thrown in the routes after it is answered in the shape it gives.
  ...ERROR_MIDDLEWARE.flatMap((middleware) => middleware.modules.map((module) => [module, 'error-handler'] as const)),
]);

/**
 * Names that say what a middleware does when its package is not known, checked in this order: a
 * check of a token or session (`validateToken`, `checkSession`) is authentication, not validation.
 */
export const MIDDLEWARE_NAME_PATTERNS: readonly (readonly [MiddlewareCategory, RegExp])[] = [
  ['rate-limit', /rate_?limit|limiter|throttl|slow_?down|brute/iu],
  ['security-headers', /helmet|secure_?headers|security_?headers|\bcsp\b|content_?security_?policy/iu],
  ['auth', /(?:valid|verif|check|ensure|require)\w{0,24}?(?:token|session|jwt|auth|user|login|api_?key|admin)/iu],
  ['validation', /valid|celebrate|schema|sanitiz/iu],
  ['auth', /auth|jwt|bearer|passport|logged_?in|require_?(?:user|login|session|role)|verify_?token|check_?token|protect|ensure_?user|current_?user|guard/iu],
  ['error-handler', /error_?handl|handle_?errors?|errors?_?middleware|catch_?errors?/iu],
];

/** Tokens that are not a caller's identity: anti-forgery and anti-abuse checks (`verifyIntegrityToken`, `checkCsrfToken`). */
export const NOT_IDENTITY_NAME = /integrity|csrf|xsrf|captcha|turnstile/iu;

/**
 * What a project's own middleware does, read from its body. A branch that answers 401 or 403 (or
 * sends to the login page) rejects unauthenticated requests.
 */
export const AUTH_REJECTION =
  /\b(?:status|code|sendStatus|writeHead|HTTPException|createError|HttpError|throw)\(\s*(?:401|403)\b|,\s*(?:401|403)\s*\)|\bstatus(?:Code)?\s*[:=]\s*(?:401|403)\b|\b(?:Unauthori[sz]ed|Forbidden)(?:Error|Exception)\b|\bBoom\.(?:unauthorized|forbidden)\(|\b(?:HttpStatus|StatusCodes|HttpStatusCode)\.(?:UNAUTHORIZED|FORBIDDEN|Unauthorized|Forbidden)\b|\bredirect\(\s*['"`][^'"`\n]{0,80}\/(?:log-?in|sign-?in)\b|\b(?:unauthorized|forbidden)\(\s*(?:res|reply|ctx|c)\b/u;
/** A condition about who is calling: `!session`, `!req.user`, `!token`, `!c.get('user')`, `!ctx.state.user`. */
export const IDENTITY_TEST = /session|user|token|auth|principal|claims|identity|account|member|jwt|bearer|api_?key|logged/iu;
/** A condition about the credentials a login was given (the login itself, not a guard). */
export const CREDENTIALS_TEST = /password|passwd|compare|bcrypt|argon|scrypt|credential|otp|totp/iu;
/** Work that changes data: an authentication check must come before it. */
export const DATA_WORK = /\b(?:insert|update|delete|destroy|save|upsert|remove|create|write|unlink)(?:One|Many|All|File|ById)?\s*\(/iu;
/** Middleware that writes one of the key security headers itself. */
export const SECURITY_HEADER_WRITE = /['"`](?:Content-Security-Policy|Strict-Transport-Security|X-Frame-Options|X-Content-Type-Options)['"`]/iu;
/** Middleware that calls a rate limiter (`await limiter.consume(ip)`, `handleRateLimit(req, res, next)`). */
export const LIMITER_CALL = /(?:rate_?limit|limiter|throttl)\w{0,40}\s*(?:\(|\.(?:consume|check|hit)\b)/iu;

/** Calls that hand an app to a server or a runtime, by package and export path (`''` for the module itself). */
export const SERVER_HANDOFFS: readonly { readonly module: string; readonly path?: string }[] = [
  { module: 'http', path: 'createServer' },
  { module: 'https', path: 'createServer' },
  { module: 'http2', path: 'createSecureServer' },
  { module: 'http2', path: 'createServer' },
  { module: 'node:http', path: 'createServer' },
  { module: 'node:https', path: 'createServer' },
  { module: 'node:http2', path: 'createSecureServer' },
  { module: 'spdy', path: 'createServer' },
  { module: 'serverless-http' },
  { module: '@vendia/serverless-express' },
  { module: '@codegenie/serverless-express' },
  { module: 'aws-serverless-express', path: 'createServer' },
  { module: '@fastify/aws-lambda' },
  { module: '@hono/node-server', path: 'serve' },
  { module: '@hono/node-server', path: 'createAdaptorServer' },
  { module: 'hono/vercel', path: 'handle' },
  { module: 'hono/aws-lambda', path: 'handle' },
  { module: 'hono/netlify', path: 'handle' },
  { module: 'hono/cloudflare-pages', path: 'handle' },
  { module: '@godaddy/terminus', path: 'createTerminus' },
  // Test harnesses drive the app as its server does.
  { module: 'supertest' },
  { module: 'supertest', path: 'agent' },
  { module: 'light-my-request' },
];

/** Methods and properties that start an app or expose it as a request handler (`app.listen()`, `app.callback()`, `{ fetch: app.fetch }`). */
export const SERVING_MEMBERS: ReadonlySet<string> = new Set(['listen', 'callback', 'fetch', 'inject', 'ready', 'server']);

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
  ['database access', /\b(?:query|execute|find\w*|create|update\w*|delete\w*|remove\w*|destroy\w*|insert|upsert|save|aggregate|count\w*|\$queryRaw\w*|\$executeRaw\w*|raw)\s*[(<`]/u],
  ['file system access', /\b(?:readFile|writeFile|appendFile|createReadStream|createWriteStream|readdir|unlink|mkdir)\w*\s*\(/u],
  ['password hashing or authentication', /\b(?:bcrypt|argon2|scrypt|pbkdf2|hashPassword|verifyPassword|jwt\.sign|compare)\b/u],
  ['sending mail', /\b(?:sendMail|sendEmail|mailer|nodemailer|transporter\.send|ses\.send)\w*/iu],
];
