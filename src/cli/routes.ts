import { resolve } from 'node:path';
import { analyzeProject, type Route } from '../analyzer/index.js';
import { routeHas } from '../analyzer/checks.js';
import { listSourceFiles, loadProject, type SkippedFile } from '../analyzer/project.js';
import type { RootReason } from '../analyzer/roots.js';
import { PersonaConfigs } from '../config/load.js';
import { resolveConfig, type ResolvedConfig } from '../config/resolve.js';
import { PRESETS } from '../config/schema.js';
import { examinePath, skippedNotes, skippedToReport, withoutIgnored } from './files.js';
import { projectEslint } from './lint.js';
import { shownPath } from './paths.js';
import { ProjectRoots } from './projects.js';
import { choice, type Io, type Values } from './run.js';

/** Why the project root is where it is, for the note `routes` prints. */
const ROOT_REASONS: Readonly<Record<RootReason, string>> = {
  'package.json': 'the nearest package.json',
  git: 'the top of the git work tree: no package.json above the files',
  folder: 'the named folder: no package.json or git work tree above it',
};

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

/** `persona-lint routes [path]`: the inventory of the project the path belongs to. */
export async function routesCommand(values: Values, path: string | undefined, io: Io): Promise<number> {
  const formatName = choice(values.format, ['table', 'json'] as const, '--format') ?? 'table';
  const preset = choice(values.preset, PRESETS, '--preset');
  const target = resolve(io.cwd, path ?? '.');
  examinePath(target, path ?? '.');
  const roots = new ProjectRoots();
  const root = roots.of(target);
  const configs = new PersonaConfigs(io.cwd, values.config === undefined ? undefined : resolve(io.cwd, values.config));
  const loaded = await configs.forProject(root, roots.gitTop(root));
  const config = resolveConfig(loaded.config, preset);
  const eslint = projectEslint(root, { config, file: loaded.file });
  const skipped: SkippedFile[] = [];
  const files = await withoutIgnored(eslint, listSourceFiles(root, skipped));
  const inventory = routeInventory(root, config, files, skipped);
  // Files the analysis could not read are routes it may have missed: said first; then where the project was taken to be.
  const reason = roots.reasonOf(target);
  const notes = [
    ...skippedNotes(await skippedToReport(eslint, skipped), (file) => shownPath(file, io.cwd)),
    `project root: ${shownPath(root, io.cwd) || '.'} (${ROOT_REASONS[reason]})`,
    ...inventory.notes,
  ];
  const { routes } = inventory;
  io.stdout(formatName === 'json' ? `${JSON.stringify({ root, rootReason: reason, routes, notes }, null, 2)}\n` : routesTable(routes));
  if (formatName === 'table') for (const note of notes) io.stderr(`note: ${note}\n`);
  return 0;
}
