import { analyzeProject, type Route } from '../analyzer/index.js';
import { routeHas } from '../analyzer/checks.js';
import { loadProject, type SkippedFile } from '../analyzer/project.js';
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

function row(route: Route): RouteRow {
  return {
    method: route.method,
    path: route.path,
    framework: route.framework,
    file: route.location.file,
    line: route.location.line,
    auth: routeHas(route, 'auth'),
    validation: routeHas(route, 'validation'),
    rateLimit: routeHas(route, 'rate-limit'),
    middleware: route.middleware.map((middleware) => middleware.name),
  };
}

/** The route inventory of the project: every route with where it is declared and what guards it. */
export function routeInventory(root: string, config: ResolvedConfig, files: readonly string[], skipped: SkippedFile[]): { routes: RouteRow[]; notes: readonly string[] } {
  const project = loadProject(root, { files, skipped });
  const { model } = analyzeProject(root, { project, middleware: config.middleware, checks: {} });
  const routes = model.routes.map(row).sort((first, second) => first.path.localeCompare(second.path) || first.method.localeCompare(second.method));
  return { routes, notes: model.notes };
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
