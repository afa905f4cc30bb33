import { resolve } from 'node:path';
import type { Project } from 'ts-morph';
import { apiVersioning, errorEnvelope, healthEndpoint, rateLimiting, requireAuth, securityHeaders, type CheckOptions } from './checks.js';
import { scanErrorSites } from './errors.js';
import { processHealthLibrary } from './health.js';
import { MiddlewareClassifier, type MiddlewareNames } from './middleware.js';
import type { ErrorSite, Framework, ProjectFinding, ProjectModel } from './model.js';
import { scanNest } from './nest.js';
import { scanNext } from './next.js';
import { loadProject } from './project.js';
import { ValueResolver } from './resolve.js';
import { RouterScanner } from './routers.js';
import { tsMorph } from './ts-morph.js';
import { POWERED_BY_REMOVED } from '../catalog/security-headers.js';

export type { App, ErrorSite, Location, Middleware, ProjectFinding, ProjectModel, Route } from './model.js';
export type { CheckOptions } from './checks.js';

export interface AnalyzeOptions {
  /** Extra middleware names (`authorize`, `apiLimiter`) per kind. */
  readonly middleware?: Partial<MiddlewareNames>;
  /** Options of each project check, by rule id without the `persona/` prefix. */
  readonly checks?: Partial<Record<ProjectCheckId, CheckOptions>>;
  /** An already loaded project (the ESLint rules keep one per run). */
  readonly project?: Project;
}

export type ProjectCheckId = 'health-endpoint' | 'error-envelope' | 'rate-limiting' | 'security-headers' | 'require-auth' | 'api-versioning';

export interface Analysis {
  readonly model: ProjectModel;
  readonly findings: readonly ProjectFinding[];
  /** Scans that threw (a bug in the analyzer): the inventory is incomplete. Also in the model's notes. */
  readonly failures: readonly string[];
  /** Runs one check with other options on the same model. */
  readonly check: (id: ProjectCheckId, options: CheckOptions) => ProjectFinding[];
}

/**
 * What the analysis finds in a project, as plain data: it can cross from a worker thread, and the
 * checks run on it alone.
 */
export interface ProjectScan {
  readonly model: ProjectModel;
  readonly failures: readonly string[];
  /** A Next.js app sets the key security headers in its configuration. */
  readonly nextHeaders: boolean;
  /** Some file removes the `X-Powered-By` header. */
  readonly removesPoweredBy: boolean;
}

/**
 * Builds the project model (apps, routes with their middleware chains, error responses) of the
 * backend under `root`, and runs the project checks on it. It does not type-check; a pattern it
 * does not understand leaves the inventory incomplete and adds a note, it never throws for it.
 */
export function analyzeProject(rootPath: string, options: AnalyzeOptions = {}): Analysis {
  return analysisOf(scanProject(rootPath, options), options.checks);
}

/** The project checks, with their options, on a scan made here or on another thread. */
export function analysisOf(scan: ProjectScan, checks: AnalyzeOptions['checks'] = {}): Analysis {
  const check = projectChecks(scan.model, scan.nextHeaders, scan.removesPoweredBy);
  const ids: ProjectCheckId[] = ['health-endpoint', 'error-envelope', 'rate-limiting', 'security-headers', 'require-auth', 'api-versioning'];
  const findings = ids.flatMap((id) => check(id, checks[id] ?? {}));
  return { model: scan.model, findings, failures: scan.failures, check };
}

/**
 * The analysis of a project whose scan stopped before it could say anything (out of memory, a
 * crash): no app, no finding, and the failure, which the project rules report.
 */
export function failedAnalysis(root: string, failure: string): Analysis {
  const model: ProjectModel = { root: resolve(root), apps: [], routes: [], errorSites: [], notes: [failure] };
  return analysisOf({ model, failures: [failure], nextHeaders: false, removesPoweredBy: false });
}

/** The scans of the analysis: the model of the project's apps, routes and error responses. */
export function scanProject(rootPath: string, options: Omit<AnalyzeOptions, 'checks'> = {}): ProjectScan {
  tsMorph();
  const root = resolve(rootPath);
  const project = options.project ?? loadProject(root);
  const resolver = new ValueResolver(project);
  const names: MiddlewareNames = { auth: [], validation: [], rateLimit: [], securityHeaders: [], ...options.middleware };
  const classifier = new MiddlewareClassifier(root, resolver, names);
  const failures: string[] = [];
  const safely = <T>(what: string, scan: () => T, fallback: T): T => {
    try {
      return scan();
    } catch (error) {
      failures.push(`${what} failed (${error instanceof Error ? error.message : String(error)}); the inventory is incomplete`);
      return fallback;
    }
  };
  const empty = { apps: [], routes: [], notes: [], appFiles: new Map<string, Set<string>>() };
  const routers = safely('the Express/Koa/Fastify/Hono scan', () => new RouterScanner(project, root, resolver, classifier).scan(), empty);
  const nest = safely('the NestJS scan', () => scanNest(project, root, resolver, classifier), empty);
  const next = safely('the Next.js scan', () => scanNext(project, root, resolver), { ...empty, securityHeaders: false });
  const inventories = [routers, nest, next];
  const healthLibrary = safely('the health library scan', () => processHealthLibrary(project, resolver), undefined);
  const apps = inventories.flatMap((inventory) => inventory.apps).map((app) => (healthLibrary && app.served ? { ...app, healthLibrary } : app));
  const routes = inventories.flatMap((inventory) => inventory.routes);
  const appFiles = new Map(inventories.flatMap((inventory) => [...inventory.appFiles]));
  const appOfFile = (file: string): string | undefined => {
    for (const [app, files] of appFiles) if (files.has(file) && apps.some((candidate) => candidate.id === app)) return app;
    const servers = apps.filter((app) => app.served);
    return servers.length === 1 ? servers[0]!.id : undefined;
  };
  const frameworkOf = (file: string): Framework | undefined => apps.find((app) => app.id === appOfFile(file))?.framework;
  const errors = safely('the error-response scan', () => scanErrorSites(project, root, frameworkOf), { sites: [] as ErrorSite[], nestFilter: false });
  const errorSites = errors.sites
    .map((site) => ({ ...site, app: appOfFile(site.location.file) }))
    .filter((site) => site.app !== undefined && !(errors.nestFilter && site.via.startsWith('throw new')));
  const notes = [...failures, ...inventories.flatMap((inventory) => inventory.notes)];
  const model: ProjectModel = { root, apps, routes, errorSites, notes };
  // Read now: the checks keep the model, not the project (the ESLint rules let the project go).
  const removesPoweredBy = project.getSourceFiles().some((file) => POWERED_BY_REMOVED.test(file.getFullText()));
  return { model, failures, nextHeaders: next.securityHeaders, removesPoweredBy };
}

/**
 * The checks on a model. Built from the scan's data alone: a closure made in `scanProject` would
 * keep the loaded project alive as long as the analysis.
 */
function projectChecks(model: ProjectModel, nextHeaders: boolean, removesPoweredBy: boolean): (id: ProjectCheckId, checkOptions: CheckOptions) => ProjectFinding[] {
  // Thrown errors (ctx.throw, Nest exceptions) are shaped by the app's central handler when it writes the envelope,
  // or by error-handling middleware in front of its routes (a package's, or one named so), whose shape may not be known.
  const handledApps = new Set(model.routes.filter((route) => route.middleware.some((entry) => entry.kinds.includes('error-handler'))).map((route) => route.app));
  const centralEnvelope = (site: ErrorSite) =>
    site.framework !== 'nestjs' && ((site.app !== undefined && handledApps.has(site.app)) || model.errorSites.some((other) => other.central && other.app === site.app));
  return (id, checkOptions) => {
    switch (id) {
      case 'health-endpoint':
        return healthEndpoint(model, checkOptions);
      case 'error-envelope':
        return errorEnvelope(model, checkOptions, centralEnvelope);
      case 'rate-limiting':
        return rateLimiting(model, checkOptions);
      case 'security-headers':
        return securityHeaders(model, nextHeaders, checkOptions, () => removesPoweredBy);
      case 'require-auth':
        return requireAuth(model, checkOptions);
      case 'api-versioning':
        return apiVersioning(model, checkOptions);
    }
  };
}
