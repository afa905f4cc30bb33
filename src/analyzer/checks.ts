import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPENSIVE_WORK, GENERIC_PROBE_PATHS, HEALTH_DEPENDENCY_CALL, HEALTH_FAILURE_STATUS, HEALTH_PATHS, MUTATING_METHODS, OPERATIONAL_PATHS, PUBLIC_ROUTE_PATTERN, VERSIONED_PATH } from '../catalog/frameworks.js';
import type { App, ErrorSite, Location, Middleware, MiddlewareKind, ProjectFinding, ProjectModel, Route, Shape } from './model.js';
import { isProbePath } from './probes.js';
import { DEFAULT_ALLOWED_DISABLED, KEY_HEADERS, headerOfOption } from '../catalog/security-headers.js';
import { ERROR_BODY_FIELDS } from '../catalog/responses.js';

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
  /** Security headers: options of helmet (either name) that may turn their header off. */
  readonly allowDisabled?: readonly string[];
}

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

/**
 * The apps the project checks look at: servers with at least one route. An app no code starts,
 * exports or hands to a server (a script's, a CLI command's) is not one, nor is an app that only
 * carries a websocket server.
 */
export function checkedApps(model: ProjectModel): App[] {
  return model.apps.filter((app) => app.served && model.routes.some((route) => route.app === app.id));
}

/** A health route: a probe path (under any prefix) or a library's health handler. */
export function isHealthRoute(route: Route, healthPaths: readonly string[] = HEALTH_PATHS): boolean {
  if (route.method !== 'GET' && route.method !== 'ALL') return false;
  if (isProbePath(route.path, healthPaths.filter((path) => !GENERIC_PROBE_PATHS.has(path)))) return true;
  // A library's probe at a path of its own counts whatever the paths; a route on a common probe path
  // counts only when the team has not named its own health paths.
  const libraryProbe = route.probe === true && !isProbePath(route.path);
  // A probe answers the orchestrator, which has no credentials: `/ping` behind a login is a feature.
  return (libraryProbe || isProbePath(route.path, healthPaths)) && !routeHas(route, 'auth');
}

/** The source text of a route's handler function, read from its file; empty when the handler is out of reach. */
function handlerText(model: ProjectModel, route: Route): string {
  const handler = route.handler;
  if (!handler || route.opaque) return '';
  try {
    const lines = readFileSync(join(model.root, handler.file), 'utf8').split('\n').slice(handler.line - 1, handler.endLine);
    // From the handler's first column to its last: not the `router.delete(` the line starts with.
    if (lines.length > 0) {
      lines[lines.length - 1] = lines.at(-1)!.slice(0, handler.line === handler.endLine ? handler.endColumn - 1 : handler.endColumn - 1);
      lines[0] = lines[0]!.slice(handler.column - 1);
    }
    return lines.join('\n');
  } catch {
    return '';
  }
}

export function healthEndpoint(model: ProjectModel, options: CheckOptions): ProjectFinding[] {
  const paths = options.healthPaths ?? HEALTH_PATHS;
  const findings: ProjectFinding[] = [];
  for (const app of checkedApps(model)) {
    const health = appRoutes(model, app).filter((route) => isHealthRoute(route, paths));
    if (health.length === 0 && !app.healthLibrary) {
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
      // A handler the analyzer cannot read may well check its dependencies.
      if (route.handler === undefined || route.opaque || (HEALTH_DEPENDENCY_CALL.test(text) && HEALTH_FAILURE_STATUS.test(text))) continue;
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

/**
 * Whether middleware of a kind guards an app: some route has it in its chain (app-wide middleware
 * covers only the routes registered after it); `late` when the app applies it but after every route.
 */
function coverage(model: ProjectModel, app: App, kind: MiddlewareKind): { routes: Route[]; covered: Route[]; late: boolean } {
  const routes = appRoutes(model, app).filter((route) => !(route.probe && isHealthRoute(route)));
  const covered = routes.filter((route) => routeHas(route, kind));
  return { routes, covered, late: covered.length === 0 && has(app.middleware, kind) };
}

/**
 * Security headers: an app where no route gets security-headers middleware; where it does, each key
 * header its options turn off (unless allowed), and Express's X-Powered-By when nothing removes it.
 * `poweredByRemoved` tells whether the project removes X-Powered-By itself (`app.disable('x-powered-by')`).
 */
export function securityHeaders(model: ProjectModel, nextHeaders: boolean, options: CheckOptions, poweredByRemoved: () => boolean): ProjectFinding[] {
  const allowed = new Set((options.allowDisabled ?? DEFAULT_ALLOWED_DISABLED).map(headerOfOption));
  const findings: ProjectFinding[] = [];
  const reported = new Set<string>();
  for (const app of checkedApps(model)) {
    if (app.framework === 'next') {
      if (!nextHeaders) findings.push(finding('persona/security-headers', 'missingSecurityHeaders', 'This Next.js app sets no security headers: return them from headers() in next.config.', app.location));
      continue;
    }
    const { covered, late } = coverage(model, app, 'security-headers');
    if (covered.length > 0) {
      findings.push(...turnedOff(app, covered, allowed, reported, poweredByRemoved));
      continue;
    }
    findings.push(
      finding(
        'persona/security-headers',
        'missingSecurityHeaders',
        late
          ? `This ${app.framework} app applies its security-headers middleware after every route, so no response gets the headers: register it before the routes.`
          : `This ${app.framework} app applies no security-headers middleware: use helmet (or @fastify/helmet, koa-helmet, Hono secureHeaders) on the app.`,
        app.location,
      ),
    );
  }
  return findings;
}

/** The key headers that the security-headers middleware of an app's routes turns off, each option reported once. */
function turnedOff(app: App, covered: readonly Route[], allowed: ReadonlySet<string | undefined>, reported: Set<string>, poweredByRemoved: () => boolean): ProjectFinding[] {
  const applied = [...new Set(covered.flatMap((route) => route.middleware.filter((entry) => entry.kinds.includes('security-headers'))))];
  const findings: ProjectFinding[] = [];
  const once = (location: Location, make: () => ProjectFinding) => {
    const key = `${location.file}:${location.line}:${location.column}`;
    if (reported.has(key)) return;
    reported.add(key);
    findings.push(make());
  };
  for (const disabled of applied.flatMap((entry) => entry.disabledHeaders ?? [])) {
    if (disabled.header === 'poweredBy' || allowed.has(disabled.header)) continue;
    const { header, risk } = KEY_HEADERS[disabled.header];
    once(disabled.location, () =>
      finding(
        'persona/security-headers',
        'headerDisabled',
        `\`${disabled.option}: false\` turns off ${header} in ${disabled.module}: ${risk}. Remove the option, or configure the header rather than turning it off; if this app must do without it, list \`${disabled.option}\` in the rule's allowDisabled option.`,
        disabled.location,
      ),
    );
  }
  // Express sends X-Powered-By unless something removes it: helmet does, hand-written headers do not.
  if (app.framework !== 'express' || allowed.has('poweredBy') || !applied.every((entry) => entry.poweredBy === 'kept') || poweredByRemoved()) return findings;
  const option = applied.flatMap((entry) => entry.disabledHeaders ?? []).find((disabled) => disabled.header === 'poweredBy');
  const { risk } = KEY_HEADERS.poweredBy;
  const fix = "call app.disable('x-powered-by') where the app is created";
  once(option?.location ?? app.location, () =>
    finding(
      'persona/security-headers',
      'poweredByKept',
      option
        ? `\`${option.option}: false\` keeps X-Powered-By in ${option.module}, and nothing else removes it: ${risk}. Remove the option, or ${fix}.`
        : `The security-headers middleware of this express app leaves X-Powered-By on, and nothing else removes it: ${risk}. ${fix[0]!.toUpperCase()}${fix.slice(1)} (helmet() removes it too).`,
      option?.location ?? app.location,
    ),
  );
  return findings;
}

/** Work on stored data, to tell a handler that changes something from one that only answers. */
const STORED_DATA_WORK = EXPENSIVE_WORK.filter(([name]) => name === 'database access' || name === 'file system access');
/** A handler that hashes a password it was given: a sign-up or an invitation's acceptance. */
const NEW_PASSWORD_HASH = /\b(?:bcrypt|bcryptjs|argon2)\.hash(?:Sync)?\s*\(|\bhashPassword\s*\(/u;
/** A handler that takes a password from the body (`const { username, password } = req.body`): with POST, an account's creation. */
const PASSWORD_FROM_BODY = /\b(?:req|request)\.body\.password\b|\{[^{}]{0,80}\bpassword\b[^{}]{0,80}\}\s*=\s*(?:req|request|ctx\.request)\.body\b/u;

const AUTHENTICATION_ROUTE = /(?:^|\/)(?:log-?in|sign-?in|sign-?up|register|token|password|reset|forgot)(?:$|[/-])/iu;

export function rateLimiting(model: ProjectModel, options: CheckOptions): ProjectFinding[] {
  const findings: ProjectFinding[] = [];
  for (const app of checkedApps(model)) {
    const { routes, covered, late } = coverage(model, app, 'rate-limit');
    if (routes.length === 0) continue;
    // No limiter at all: one finding at the app, not one per route.
    if (covered.length === 0) {
      findings.push(
        finding(
          'persona/rate-limiting',
          'missingRateLimit',
          late
            ? `This ${app.framework} app applies its rate limiter after every route, so it limits none of them: register it before the routes.`
            : `No rate limiter is applied to this ${app.framework} app: apply express-rate-limit (or @fastify/rate-limit, @nestjs/throttler, hono-rate-limiter, koa-ratelimit) to the app.`,
          app.location,
        ),
      );
      continue;
    }
    for (const route of routes) {
      if (routeHas(route, 'rate-limit')) continue;
      if (options.rateLimitScope === 'routes') {
        const work = EXPENSIVE_WORK.filter(([, pattern]) => pattern.test(handlerText(model, route))).map(([name]) => name);
        if (work.length === 0) continue;
        findings.push(
          finding(
            'persona/rate-limiting',
            'routeNotLimited',
            `${route.method} ${route.path} does expensive work (${work.join(', ')}) and no rate limiter guards it: apply one to the route or the app.`,
            route.location,
          ),
        );
      } else if (MUTATING_METHODS.has(route.method) && AUTHENTICATION_ROUTE.test(route.path) && !routeHas(route, 'auth')) {
        // A route that takes credentials from anyone: signed-in routes (change password) are out of reach of guessing.
        findings.push(
          finding(
            'persona/rate-limiting',
            'routeNotLimited',
            `${route.method} ${route.path} takes credentials and no rate limiter guards it, while other routes of this app have one: apply a limiter to it (or to the app) against password guessing.`,
            route.location,
          ),
        );
      }
    }
  }
  return findings;
}

export function requireAuth(model: ProjectModel, options: CheckOptions): ProjectFinding[] {
  const extraPublic = options.publicRoutes ?? [];
  const findings: ProjectFinding[] = [];
  for (const app of checkedApps(model)) {
    const routes = appRoutes(model, app);
    if (!routes.some((route) => routeHas(route, 'auth'))) continue;
    for (const route of routes) {
      // A handler the analyzer cannot read (a library's, a call it cannot follow) may check the caller itself.
      if (!MUTATING_METHODS.has(route.method) || routeHas(route, 'auth') || route.probe || route.opaque) continue;
      if (PUBLIC_ROUTE_PATTERN.test(route.path) || extraPublic.some((pattern) => route.path === pattern || route.path.startsWith(pattern.replace(/\*$/u, '')))) continue;
      // A handler the analyzer reads that stores nothing (echoes, renders, computes) changes no data;
      // one that hashes a new password is a sign-up, public by design.
      const text = handlerText(model, route);
      if (!STORED_DATA_WORK.some(([, pattern]) => pattern.test(text)) || NEW_PASSWORD_HASH.test(text) || (route.method === 'POST' && PASSWORD_FROM_BODY.test(text))) continue;
      findings.push(
        finding(
          'persona/require-auth',
          'unauthenticatedMutation',
          `${route.method} ${route.path} changes data but no authentication middleware, guard or check in the handler runs before it, while other routes of this app require one: add it to the route, or list the route in publicRoutes if it is public by design.`,
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

const literalOf = (shape: Shape | undefined) => (shape !== undefined && typeof shape === 'object' && 'literal' in shape ? shape.literal : undefined);

/**
 * `{ error: ... }`, `{ errors: [...] }`, `{ success: false }`, `{ ok: false, reason }`, `{ status: 'error' }`:
 * a body that reports a failure. An `error` beside a result (`{ views, error }`), or an empty
 * `errors: {}`, reports none.
 */
export function isErrorBody(shape: Shape): boolean {
  if (typeof shape !== 'object' || 'literal' in shape) return false;
  const fields = shape as Record<string, Shape>;
  const error = fields['error'] ?? fields['errors'];
  const empty = error !== undefined && (literalOf(error) === null || literalOf(error) === false || (typeof error === 'object' && Object.keys(error).length === 0));
  if (error !== undefined && !empty && Object.keys(fields).every((field) => ERROR_BODY_FIELDS.has(field))) return true;
  if (literalOf(fields['success']) === false || literalOf(fields['ok']) === false) return true;
  const status = literalOf(fields['status']);
  return typeof status === 'string' && /^(?:error|fail|failed|failure)$/iu.test(status);
}

/** The key paths of a shape (`success`, `error.code`, `error.message`). */
function keyPaths(shape: Shape): Set<string> {
  return new Set(shapeSignature(shape).split(','));
}

/** A body in the inferred envelope: it has every field of it (extra fields, such as `details`, are allowed). */
function fitsInferred(shape: Shape, envelope: string): boolean {
  const paths = keyPaths(shape);
  return envelope.split(',').every((path) => paths.has(path));
}

/**
 * The shape most error responses of the project use, when one does: more sites than any other
 * shape, and at least two.
 */
function inferredEnvelope(sites: readonly ErrorSite[]): string | undefined {
  const counts = new Map<string, number>();
  for (const site of sites) counts.set(shapeSignature(site.shape), (counts.get(shapeSignature(site.shape)) ?? 0) + 1);
  const [first, second] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return first && first[1] >= 2 && (!second || first[1] > second[1]) ? first[0] : undefined;
}

/**
 * One error envelope: in `infer` mode (the default) every error response whose shape differs from
 * the one most of them use; with a configured envelope every one that does not fit it. In both,
 * an error body sent with a 2xx status.
 */
export function errorEnvelope(model: ProjectModel, options: CheckOptions, centralEnvelope: (site: ErrorSite) => boolean): ProjectFinding[] {
  const findings: ProjectFinding[] = [];
  const servers = new Set(checkedApps(model).map((app) => app.id));
  const sites = model.errorSites.filter((site) => site.app !== undefined && servers.has(site.app));
  // Thrown errors (ctx.throw, Nest exceptions) take the shape the app's central handler gives them.
  const known = sites.filter((site) => ((site.status !== undefined && site.status >= 400) || site.central) && site.shape !== 'unknown' && !((site.via.startsWith('throw new') || site.via.endsWith('.throw')) && centralEnvelope(site)));
  const configured = options.envelope !== undefined && options.envelope !== 'infer' ? options.envelope : undefined;
  if (configured) {
    const describe = `the configured envelope ${JSON.stringify(configured)}`;
    for (const site of known) if (!matchesEnvelope(site.shape, configured)) findings.push(envelopeFinding(site, describe));
  } else {
    const dominant = inferredEnvelope(known);
    if (dominant !== undefined) {
      const describe = dominant === 'text' ? 'the plain-text message most error responses of this project send' : `the shape most error responses of this project use, { ${dominant} }`;
      for (const site of known) if (!fitsInferred(site.shape, dominant)) findings.push(envelopeFinding(site, describe));
    }
  }
  for (const site of sites) {
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
/** A path with an `api` segment, and one that names a file (an asset, a page). */
const API_PATH = /(?:^|\/)api(?:\/|$)/iu;
const FILE_PATH = /\.\w+$/u;

/** The route a message names as its example: one that looks like an API's, not a page or an asset, when there is one. */
function exampleRoute(routes: readonly Route[]): Route {
  return routes.find((route) => API_PATH.test(route.path)) ?? routes.find((route) => !FILE_PATH.test(route.path)) ?? routes[0]!;
}

export function apiVersioning(model: ProjectModel, options: CheckOptions): ProjectFinding[] {
  let versioned: RegExp;
  try {
    versioned = new RegExp(options.versionPattern ?? VERSIONED_PATH, 'u');
  } catch (error) {
    throw new Error(`persona/api-versioning: the versionPattern option is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`);
  }
  const operational = options.operationalPaths ?? OPERATIONAL_PATHS;
  const findings: ProjectFinding[] = [];
  for (const app of checkedApps(model)) {
    if (app.versioned) continue;
    const routes = appRoutes(model, app).filter((route) => !route.probe && !operational.some((pattern) => matchesPathPattern(route.path, pattern)));
    const unversioned = routes.filter((route) => !versioned.test(route.path));
    if (unversioned.length === 0) continue;
    if (unversioned.length === routes.length) {
      const example = exampleRoute(unversioned);
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
