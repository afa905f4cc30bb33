import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPENSIVE_WORK, HEALTH_DEPENDENCY_CALL, HEALTH_FAILURE_STATUS, HEALTH_PATHS, MUTATING_METHODS, OPERATIONAL_PATHS, PUBLIC_ROUTE_PATTERN, VERSIONED_PATH } from '../catalog/frameworks.js';
import type { App, ErrorSite, Location, Middleware, MiddlewareKind, ProjectFinding, ProjectModel, Route, Shape } from './model.js';

export interface CheckOptions {
  readonly healthPaths?: readonly string[];
  /** Health: the handler must touch a dependency and be able to answer 5xx. */
  readonly requireDependencyCheck?: boolean;
  /** `infer`, or the envelope as a shape: `{ "success": false, "error": { "code": "string", "message": "string", "details?": "any" } }`. */
  readonly envelope?: 'infer' | Record<string, unknown>;
  readonly rateLimitScope?: 'app' | 'routes';
  readonly publicRoutes?: readonly string[];
  /** API versioning: a regular expression a versioned full path matches. */
  readonly versionPattern?: string;
  /** API versioning: paths outside the versioned API (a trailing `*` matches what follows). */
  readonly operationalPaths?: readonly string[];
}

export const DEFAULT_ENVELOPE: Record<string, unknown> = { success: false, error: { code: 'string', message: 'string', 'details?': 'any' } };

const has = (middleware: readonly Middleware[], kind: MiddlewareKind) => middleware.some((entry) => entry.kinds.includes(kind));

export function routeHas(route: Route, kind: MiddlewareKind): boolean {
  return has(route.middleware, kind);
}

function finding(ruleId: string, messageId: string, message: string, location: Location): ProjectFinding {
  return { ruleId, messageId, message, location };
}

function appRoutes(model: ProjectModel, app: App): Route[] {
  return model.routes.filter((route) => route.app === app.id);
}

/** `/health`, or a health path under an API prefix of up to two segments (`/api/v1/health`). */
export function isHealthPath(path: string, healthPaths: readonly string[]): boolean {
  const lower = path.toLowerCase();
  return healthPaths.some((health) => lower === health || (lower.endsWith(health) && lower.slice(0, -health.length).split('/').length <= 3));
}

/** The source text of a handler, read from its file. */
function handlerText(model: ProjectModel, route: Route): string {
  if (!route.handler) return '';
  try {
    const lines = readFileSync(join(model.root, route.handler.file), 'utf8').split('\n');
    return lines.slice(route.handler.line - 1, route.handler.endLine).join('\n');
  } catch {
    return '';
  }
}

export function healthEndpoint(model: ProjectModel, options: CheckOptions): ProjectFinding[] {
  const paths = options.healthPaths ?? HEALTH_PATHS;
  const findings: ProjectFinding[] = [];
  for (const app of model.apps) {
    const health = appRoutes(model, app).filter((route) => (route.method === 'GET' || route.method === 'ALL') && isHealthPath(route.path, paths));
    if (health.length === 0) {
      findings.push(
        finding(
          'persona/health-endpoint',
          'missingHealth',
          `This ${app.framework} app has no health endpoint: add a GET ${paths[0]} route that checks its dependencies and answers 503 when one is down.`,
          app.location,
        ),
      );
      continue;
    }
    if (!options.requireDependencyCheck) continue;
    for (const route of health) {
      const text = handlerText(model, route);
      if (HEALTH_DEPENDENCY_CALL.test(text) && HEALTH_FAILURE_STATUS.test(text)) continue;
      findings.push(
        finding(
          'persona/health-endpoint',
          'shallowHealth',
          `${route.method} ${route.path} answers without checking a dependency or cannot answer 503: ping the database (and other dependencies) and return 503 when one fails.`,
          route.location,
        ),
      );
    }
  }
  return findings;
}

export function securityHeaders(model: ProjectModel, nextHeaders: boolean): ProjectFinding[] {
  return model.apps
    .filter((app) => !(app.framework === 'next' && nextHeaders) && !has(app.middleware, 'security-headers'))
    .map((app) =>
      finding(
        'persona/security-headers',
        'missingSecurityHeaders',
        app.framework === 'next'
          ? 'This Next.js app sets no security headers: return them from headers() in next.config.'
          : `This ${app.framework} app applies no security-headers middleware: use helmet (or @fastify/helmet, koa-helmet, Hono secureHeaders) on the app.`,
        app.location,
      ),
    );
}

export function rateLimiting(model: ProjectModel, options: CheckOptions): ProjectFinding[] {
  const findings: ProjectFinding[] = [];
  for (const app of model.apps) {
    const routes = appRoutes(model, app);
    if (has(app.middleware, 'rate-limit')) continue;
    if (options.rateLimitScope === 'routes') {
      for (const route of routes) {
        if (routeHas(route, 'rate-limit')) continue;
        const text = handlerText(model, route);
        const work = EXPENSIVE_WORK.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
        if (work.length === 0) continue;
        findings.push(
          finding(
            'persona/rate-limiting',
            'routeNotLimited',
            `${route.method} ${route.path} does expensive work (${work.join(', ')}) and no rate limiter guards it: apply one to the route or the app.`,
            route.location,
          ),
        );
      }
      continue;
    }
    const authRoutes = routes.filter((route) => MUTATING_METHODS.has(route.method) && /(?:^|\/)(?:log-?in|sign-?in|sign-?up|register|token|password|reset|forgot)(?:$|[/-])/iu.test(route.path));
    if (authRoutes.length > 0 && authRoutes.every((route) => routeHas(route, 'rate-limit'))) continue;
    if (routes.some((route) => routeHas(route, 'rate-limit')) && authRoutes.length === 0) continue;
    findings.push(
      finding(
        'persona/rate-limiting',
        'missingRateLimit',
        `No rate limiter is applied to this ${app.framework} app${authRoutes.length > 0 ? ' or to its authentication routes' : ''}: apply express-rate-limit (or @fastify/rate-limit, @nestjs/throttler, hono-rate-limiter, koa-ratelimit) to the app.`,
        app.location,
      ),
    );
  }
  return findings;
}

export function requireAuth(model: ProjectModel, options: CheckOptions): ProjectFinding[] {
  const extraPublic = options.publicRoutes ?? [];
  const findings: ProjectFinding[] = [];
  for (const app of model.apps) {
    const routes = appRoutes(model, app);
    if (!routes.some((route) => routeHas(route, 'auth'))) continue;
    for (const route of routes) {
      if (!MUTATING_METHODS.has(route.method) || routeHas(route, 'auth')) continue;
      if (PUBLIC_ROUTE_PATTERN.test(route.path) || extraPublic.some((pattern) => route.path === pattern || route.path.startsWith(pattern.replace(/\*$/u, '')))) continue;
      findings.push(
        finding(
          'persona/require-auth',
          'unauthenticatedMutation',
          `${route.method} ${route.path} changes data but no authentication middleware or guard runs before it, while other routes of this app require one: add it to the route, or list the route in publicRoutes if it is public by design.`,
          route.location,
        ),
      );
    }
  }
  return findings;
}

/** Whether a body shape fits an envelope template (`"string"`, `"any"`, literals, nested objects, `key?` optional). */
export function matchesEnvelope(shape: Shape, envelope: unknown): boolean {
  if (shape === 'unknown') return true;
  if (shape === 'text') return envelope === 'any' || envelope === 'string';
  if (envelope === 'any' || envelope === 'string' || envelope === 'number' || envelope === 'boolean' || envelope === 'object') {
    return envelope === 'any' || shape === 'value' || typeof shape === 'object';
  }
  if (envelope === null || typeof envelope !== 'object') {
    if (shape === 'value') return true;
    return typeof shape === 'object' && 'literal' in shape && shape.literal === envelope;
  }
  if (shape === 'value') return true;
  if (typeof shape !== 'object' || 'literal' in shape) return false;
  for (const [rawKey, expected] of Object.entries(envelope as Record<string, unknown>)) {
    const optional = rawKey.endsWith('?');
    const key = optional ? rawKey.slice(0, -1) : rawKey;
    const actual = (shape as Record<string, Shape>)[key];
    if (actual === undefined) {
      if (!optional) return false;
      continue;
    }
    if (!matchesEnvelope(actual, expected)) return false;
  }
  return true;
}

/** The key paths of a shape, to compare error bodies in `infer` mode (`error.code,error.message,success`). */
export function shapeSignature(shape: Shape, prefix = ''): string {
  if (typeof shape !== 'object' || 'literal' in shape) return prefix || String(shape);
  return Object.keys(shape)
    .sort()
    .map((key) => shapeSignature((shape as Record<string, Shape>)[key]!, prefix ? `${prefix}.${key}` : key))
    .join(',');
}

function isErrorBody(shape: Shape): boolean {
  if (typeof shape !== 'object' || 'literal' in shape) return false;
  const success = (shape as Record<string, Shape>)['success'];
  return 'error' in shape || 'errors' in shape || (typeof success === 'object' && 'literal' in success && success.literal === false);
}

export function errorEnvelope(model: ProjectModel, options: CheckOptions, centralEnvelope: (site: ErrorSite) => boolean): ProjectFinding[] {
  const findings: ProjectFinding[] = [];
  const errorSites = model.errorSites.filter((site) => (site.status !== undefined && site.status >= 400) || site.central);
  const known = errorSites.filter((site) => site.shape !== 'unknown');
  let envelope: unknown = options.envelope && options.envelope !== 'infer' ? options.envelope : DEFAULT_ENVELOPE;
  let describe = 'the envelope { success: false, error: { code, message, details? } }';
  if (options.envelope === 'infer') {
    const counts = new Map<string, { count: number; shape: Shape }>();
    for (const site of known) {
      const signature = shapeSignature(site.shape);
      counts.set(signature, { count: (counts.get(signature)?.count ?? 0) + 1, shape: site.shape });
    }
    const dominant = [...counts.entries()].sort((a, b) => b[1].count - a[1].count)[0];
    if (!dominant) return [];
    envelope = undefined;
    describe = `the project's usual error shape { ${dominant[0]} }`;
    for (const site of known) {
      if (shapeSignature(site.shape) !== dominant[0]) findings.push(envelopeFinding(site, describe));
    }
  } else if (options.envelope !== undefined) {
    describe = `the configured envelope ${JSON.stringify(options.envelope)}`;
  }
  if (envelope !== undefined) {
    for (const site of known) {
      if (site.via.startsWith('throw new') || site.via.endsWith('.throw')) {
        if (centralEnvelope(site)) continue;
      }
      if (!matchesEnvelope(site.shape, envelope)) findings.push(envelopeFinding(site, describe));
    }
  }
  for (const site of model.errorSites) {
    if (site.status !== undefined && site.status >= 200 && site.status < 300 && !site.central && isErrorBody(site.shape)) {
      findings.push(
        finding('persona/error-envelope', 'errorWithSuccessStatus', `This error body is sent with status ${site.status}: send errors with a 4xx or 5xx status so clients and monitors see them.`, site.location),
      );
    }
  }
  return findings;
}

function envelopeFinding(site: ErrorSite, describe: string): ProjectFinding {
  const status = site.status === undefined ? '' : ` (${site.status})`;
  return finding('persona/error-envelope', 'envelopeMismatch', `This error response${status} from \`${site.via}\` does not use ${describe}: send every error in the same shape.`, site.location);
}

/**
 * `/metrics` matches `/metrics` and `/metrics/`; `/docs/*` matches `/docs` and everything under
 * it; `*` and `/*` match only catch-all routes declared with that path.
 */
function matchesPathPattern(path: string, pattern: string): boolean {
  const normalized = path.length > 1 ? path.replace(/(?<!\/)\/+$/u, '') : path;
  if (pattern.length > 2 && pattern.endsWith('/*')) return normalized === pattern.slice(0, -2) || normalized.startsWith(pattern.slice(0, -1));
  return normalized === pattern;
}

/**
 * API versioning: an app whose API routes are all unversioned gets one finding (at the app); an
 * app that versions most routes gets one finding per route that was left out of the version.
 */
export function apiVersioning(model: ProjectModel, options: CheckOptions): ProjectFinding[] {
  let versioned: RegExp;
  try {
    versioned = new RegExp(options.versionPattern ?? VERSIONED_PATH, 'u');
  } catch (error) {
    throw new Error(`persona/api-versioning: the versionPattern option is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`);
  }
  const operational = options.operationalPaths ?? OPERATIONAL_PATHS;
  const findings: ProjectFinding[] = [];
  for (const app of model.apps) {
    if (app.versioned) continue;
    const routes = appRoutes(model, app).filter((route) => !isHealthPath(route.path, HEALTH_PATHS) && !operational.some((pattern) => matchesPathPattern(route.path, pattern)));
    const unversioned = routes.filter((route) => !versioned.test(route.path));
    if (unversioned.length === 0) continue;
    if (unversioned.length === routes.length) {
      const example = unversioned[0]!;
      findings.push(
        finding(
          'persona/api-versioning',
          'unversionedApi',
          `None of the ${routes.length} API route${routes.length === 1 ? '' : 's'} of this ${app.framework} app is under a version prefix (${example.method} ${example.path}): mount the API under /api/v1 (or /v1) so that clients keep working when it changes.`,
          app.location,
        ),
      );
      continue;
    }
    const prefix = versioned.exec(routes.find((route) => versioned.test(route.path))!.path)![0].replace(/\/$/u, '');
    for (const route of unversioned) {
      findings.push(
        finding(
          'persona/api-versioning',
          'unversionedRoute',
          `${route.method} ${route.path} is not under a version prefix while the other routes of this app are (${prefix}): move it under the same version.`,
          route.location,
        ),
      );
    }
  }
  return findings;
}
