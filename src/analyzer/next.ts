import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Node, SyntaxKind } from './ts-morph.js';
import type { Project, SourceFile } from 'ts-morph';
import type { App, Route } from './model.js';
import { joinPaths, locationOf } from './locations.js';
import { relativePath } from './project.js';
import type { RouterInventory } from './routers.js';
import { guardsAuthentication } from './guards.js';
import { isProbePath } from './probes.js';
import { defaultExportDeclaration, type ValueResolver } from './resolve.js';

const NEXT_CONFIGS = ['next.config.mjs', 'next.config.js', 'next.config.ts', 'next.config.cjs'];
const APP_ROUTE = /^(?:src\/)?app\/(?:(.*)\/)?route\.[cm]?[jt]sx?$/u;
const PAGES_API = /^(?:src\/)?pages\/api\/(.*)\.[cm]?[jt]sx?$/u;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const SECURITY_HEADER = /Content-Security-Policy|Strict-Transport-Security|X-Frame-Options|X-Content-Type-Options/iu;

/** Folder names to a route path: `[id]` is `:id`, `[...slug]` is `*slug`, `(group)` disappears. */
function segmentsToPath(folders: string): string {
  return joinPaths(
    ...folders
      .split('/')
      .filter((segment) => segment !== '' && !/^\(.*\)$/u.test(segment) && !segment.startsWith('@'))
      .map((segment) =>
        segment
          .replace(/^\[\[\.\.\.(.+)\]\]$/u, '*$1?')
          .replace(/^\[\.\.\.(.+)\]$/u, '*$1')
          .replace(/^\[(.+)\]$/u, ':$1'),
      ),
  );
}

/** The methods a pages-router handler serves: `req.method === 'POST'`, `case 'GET':`. */
function pagesMethods(file: SourceFile): string[] {
  const found = new Set<string>();
  file.forEachDescendant((node) => {
    if (Node.isStringLiteral(node) && METHODS.includes(node.getLiteralValue())) {
      const parent = node.getParent();
      const compared =
        (Node.isBinaryExpression(parent) && ['===', '=='].includes(parent.getOperatorToken().getText()) && /\.method$/u.test((parent.getLeft() === node ? parent.getRight() : parent.getLeft()).getText())) ||
        (Node.isCaseClause(parent) && /\.method\b/u.test(parent.getParentOrThrow().getParentOrThrow().getText().slice(0, 40)));
      if (compared) found.add(node.getLiteralValue());
    }
  });
  return [...found];
}

/**
 * Next.js: the app router's `route.ts` files export one function per method; the pages router's
 * `pages/api` files default-export a handler that switches on `req.method`. The app is the project,
 * located at next.config.
 */
export function scanNext(project: Project, root: string, resolver: ValueResolver): RouterInventory & { securityHeaders: boolean } {
  const config = NEXT_CONFIGS.map((name) => join(root, name)).find((path) => existsSync(path));
  const routes: Route[] = [];
  const notes: string[] = [];
  const files = project.getSourceFiles().map((file) => ({ file, path: relativePath(root, file.getFilePath()) }));
  const routeFiles = files.filter(({ path }) => APP_ROUTE.test(path) || PAGES_API.test(path));
  if (!config && routeFiles.length === 0) return { apps: [], routes, notes, appFiles: new Map(), securityHeaders: false };
  const configPath = config ? relativePath(root, config) : routeFiles[0]!.path;
  const appId = `${configPath}:1`;
  const location = { file: configPath, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const app: App = { id: appId, framework: 'next', location, middleware: [], served: true };
  for (const { file, path } of routeFiles) {
    const appRoute = APP_ROUTE.exec(path);
    if (appRoute) {
      const routePath = segmentsToPath(appRoute[1] ?? '');
      for (const [name, declarations] of resolver.exportedDeclarations(file)) {
        if (!METHODS.includes(name)) continue;
        const declaration = declarations[0];
        if (!declaration) continue;
        const statement = Node.isVariableDeclaration(declaration) ? declaration.getFirstAncestorByKind(SyntaxKind.VariableStatement) ?? declaration : declaration;
        // The route handler itself is the only place a Next.js route can check the session.
        const guard = guardsAuthentication(declaration, resolver) ? [{ name: 'authentication check in the handler', kinds: ['auth' as const], scope: 'route' as const, location: locationOf(root, declaration) }] : [];
        routes.push({ app: appId, framework: 'next', method: name, path: routePath, location: locationOf(root, statement), handler: locationOf(root, declaration), middleware: guard, ...(isProbePath(routePath) ? { probe: true } : {}) });
      }
      continue;
    }
    const pagesRoute = PAGES_API.exec(path)!;
    const routePath = segmentsToPath(`api/${pagesRoute[1]!.replace(/(?:^|\/)index$/u, '')}`);
    const exported = defaultExportDeclaration(file);
    const anchor = exported ? (exported.getFirstAncestorByKind(SyntaxKind.ExportAssignment) ?? exported) : undefined;
    if (!anchor) {
      notes.push(`${path}: no default export; not listed`);
      continue;
    }
    const methods = pagesMethods(file);
    const handler = Node.isExportAssignment(anchor) ? anchor.getExpression() : anchor;
    const guard = guardsAuthentication(handler, resolver) ? [{ name: 'authentication check in the handler', kinds: ['auth' as const], scope: 'route' as const, location: locationOf(root, handler) }] : [];
    for (const method of methods.length > 0 ? methods : ['ALL']) {
      routes.push({ app: appId, framework: 'next', method, path: routePath, location: locationOf(root, anchor), handler: locationOf(root, anchor), middleware: guard, ...(isProbePath(routePath) ? { probe: true } : {}) });
    }
  }
  const configText = config ? readFileSync(config, 'utf8') : '';
  const securityHeaders = /\bheaders\s*(?:\(|:)/u.test(configText) && SECURITY_HEADER.test(configText);
  const appFiles = new Map([[appId, new Set(routeFiles.map(({ path }) => path))]]);
  return { apps: [app], routes, notes, appFiles, securityHeaders };
}
