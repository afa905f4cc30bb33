/** The project model the analyzer builds: apps, routes with their middleware, error responses. */
import type { KeyHeaderId } from '../catalog/security-headers.js';

export type Framework = 'express' | 'fastify' | 'koa' | 'nestjs' | 'hono' | 'next';

/** A place in the project: a path relative to the root, 1-based line and column. */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export type MiddlewareKind = 'auth' | 'validation' | 'rate-limit' | 'security-headers' | 'error-handler' | 'other';

export interface Middleware {
  /** Source text of the middleware, shortened (`requireAuth`, `rateLimit({...})`). */
  readonly name: string;
  readonly kinds: readonly MiddlewareKind[];
  readonly scope: 'global' | 'router' | 'route';
  readonly location: Location;
  /** Security-headers middleware: the key headers its options turn off (`helmet({ frameguard: false })`). */
  readonly disabledHeaders?: readonly DisabledHeader[];
  /** Security-headers middleware: whether it removes Express's X-Powered-By (`hidden`) or leaves it (`kept`); absent when unknown. */
  readonly poweredBy?: 'hidden' | 'kept';
}

/** A key header turned off by an option of a security-headers middleware. */
export interface DisabledHeader {
  readonly header: KeyHeaderId;
  /** The option as written (`frameguard`, `xFrameOptions`). */
  readonly option: string;
  readonly module: string;
  /** Where the option is written: the `frameguard: false` property, wherever the options object is. */
  readonly location: Location;
}

export interface App {
  readonly id: string;
  readonly framework: Framework;
  /** Where the app is created (`express()`, `new Hono()`, `NestFactory.create(...)`, next.config). */
  readonly location: Location;
  /** Middleware applied to every route of the app. */
  readonly middleware: readonly Middleware[];
  /** The app versions its API outside the paths it declares (NestJS `app.enableVersioning()`). */
  readonly versioned?: boolean;
  /**
   * A server: started (`listen`), handed to a server, a serverless adapter or a test harness, or
   * exported for a runtime. An app a script or a CLI command builds and never serves is listed
   * with its routes, but the project checks skip it.
   */
  readonly served: boolean;
  /** A health endpoint a library serves for the app (`@godaddy/terminus`, `lightship`), when no route of the app is one. */
  readonly healthLibrary?: string;
}

export interface Route {
  readonly app: string;
  readonly framework: Framework;
  readonly method: string;
  /** Full path after every prefix, `:param` style. */
  readonly path: string;
  readonly location: Location;
  readonly handler: Location | undefined;
  /** Global, router-level and route-level middleware, in the order they run. */
  readonly middleware: readonly Middleware[];
  /** A health or readiness probe (`/healthz`, a `@HealthCheck()` handler): exempt from rate limiting and versioning. */
  readonly probe?: boolean;
  /**
   * The handler's code is out of the analyzer's reach (a library's handler, a call it cannot
   * follow, a function that only hands the request on to one): what it checks is unknown.
   * `handler` is then where it is named; otherwise it is the handler function itself.
   */
  readonly opaque?: boolean;
}

/**
 * The static shape of a response body: an object's keys to shapes, a literal, `'text'` for a
 * plain-text body, `'value'` for a property whose value is not a literal, `'unknown'` for a body
 * the analyzer cannot see (a variable).
 */
export type Shape = { readonly [key: string]: Shape } | 'value' | 'text' | 'unknown' | { readonly literal: string | number | boolean | null };

export interface ErrorSite {
  readonly app: string | undefined;
  readonly framework: Framework;
  readonly location: Location;
  /** The HTTP status, when it is known. */
  readonly status: number | undefined;
  /** The body's shape; `unknown` when it is not a literal. */
  readonly shape: Shape;
  /** A central error handler (`app.use((err, req, res, next) => ...)`, `setErrorHandler`, a Nest filter). */
  readonly central: boolean;
  /** What made it: `res.status().json`, `ctx.throw`, `throw new NotFoundException`, ... */
  readonly via: string;
}

export interface ProjectModel {
  readonly root: string;
  readonly apps: readonly App[];
  readonly routes: readonly Route[];
  readonly errorSites: readonly ErrorSite[];
  /** What the analyzer could not understand; the inventory may be incomplete there. */
  readonly notes: readonly string[];
}

export interface ProjectFinding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly location: Location;
}
