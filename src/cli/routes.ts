import { relative, resolve } from 'node:path';
import { analyzeProject, type Route } from '../analyzer/index.js';
import { routeHas } from '../analyzer/checks.js';
import { loadProject, type SkippedFile } from '../analyzer/project.js';
import { groupByProject, type RootReason } from '../analyzer/roots.js';
import type { ResolvedConfig } from '../config/resolve.js';

export interface RouteRow {
  readonly method: string;
  readonly path: string;
  readonly framework: string;
  readonly file: string;
  readonly line: number;
  readonly auth: boolean;
  readonly validation: boolean;
  readonly rateLimit: boolean;
  readonly middleware: readonly string[];
}

function row(route: Route, file: string): RouteRow {
  return {
    method: route.method,
    path: route.path,
    framework: route.framework,
    file,
    line: route.location.line,
    auth: routeHas(route, 'auth'),
    validation: routeHas(route, 'validation'),
    rateLimit: routeHas(route, 'rate-limit'),
    middleware: route.middleware.map((middleware) => middleware.name),
  };
}

/** A project the inventory analyzed, and why it starts there: a package.json, a git work tree, or the folder itself. */
export interface RouteRoot {
  readonly root: string;
  readonly reason: RootReason;
  readonly routes: number;
}

/**
 * The route inventory: every route with where it is declared (relative to `cwd`) and what guards
 * it, from one analysis per project the files belong to (each package of a monorepo).
 */
export function routeInventory(cwd: string, config: ResolvedConfig, files: readonly string[], skipped: SkippedFile[]): { routes: RouteRow[]; notes: readonly string[]; roots: RouteRoot[] } {
  const routes: RouteRow[] = [];
  const notes: string[] = [];
  const roots: RouteRoot[] = [];
  for (const [root, group] of groupByProject(files, cwd)) {
    const project = loadProject(root, { files: group.files, skipped });
    const { model } = analyzeProject(root, { project, middleware: config.middleware, checks: {} });
    const fromCwd = (file: string) => relative(cwd, resolve(root, file)).split('\\').join('/');
    routes.push(...model.routes.map((route) => row(route, fromCwd(route.location.file))));
    notes.push(...model.notes);
    roots.push({ root, reason: group.reason, routes: model.routes.length });
  }
  routes.sort((first, second) => first.path.localeCompare(second.path) || first.method.localeCompare(second.method));
  return { routes, notes, roots };
}

const REASONS: Readonly<Record<RootReason, string>> = { 'package.json': 'its package.json', git: 'the top of its git work tree, no package.json above the files', folder: 'the folder linted: no package.json or git work tree above the files' };

/** `project root: /path/to/api (its package.json), 42 routes` */
export function rootLine({ root, reason, routes }: RouteRoot): string {
  return `project root: ${root} (${REASONS[reason]}), ${routes} route${routes === 1 ? '' : 's'}`;
}

const mark = (value: boolean) => (value ? 'yes' : '-');

export function routesTable(routes: readonly RouteRow[]): string {
  if (routes.length === 0) return 'No routes found.\n';
  const header = ['METHOD', 'PATH', 'LOCATION', 'AUTH', 'VALIDATION', 'RATE LIMIT'];
  const rows = routes.map((route) => [route.method, route.path, `${route.file}:${route.line}`, mark(route.auth), mark(route.validation), mark(route.rateLimit)]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n\n${routes.length} route${routes.length === 1 ? '' : 's'}\n`;
}
