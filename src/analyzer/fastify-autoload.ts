import { dirname, join, relative, resolve as resolvePath } from 'node:path';
import { Node } from './ts-morph.js';
import type { Project, SourceFile } from 'ts-morph';
import { unwrapExpression, type ValueResolver } from './resolve.js';

/** The packages whose plugin registers every plugin file of a folder. */
export const AUTOLOAD_MODULES: ReadonlySet<string> = new Set(['@fastify/autoload', 'fastify-autoload']);

const SCRIPT = /\.(?:[cm]?js|[cm]?ts)$/u;
const INDEX = /^index\.(?:[cm]?js|[cm]?ts)$/u;
const AUTOHOOKS = /^[_.]?auto_?hooks\.(?:[cm]?js|[cm]?ts)$/iu;
const TEST = /\.(?:test|spec)\.[cm]?[jt]s$/u;

export interface AutoloadedPlugin {
  readonly file: SourceFile;
  /** The folder prefixes in front of the plugin (`users/_id` → `/users/:id`), before `options.prefix`. */
  readonly folderPrefix: string;
  /** autohooks files of the plugin's folder: their hooks apply to its routes. */
  readonly hooks: readonly SourceFile[];
}

/** A folder given as `path.join(__dirname, 'routes')`, `` `${__dirname}/routes` `` or `fileURLToPath(new URL('./routes', import.meta.url))`. */
export function folderOf(raw: Node | undefined, resolver: ValueResolver): string | undefined {
  if (!raw) return undefined;
  const node = unwrapExpression(raw);
  const here = dirname(node.getSourceFile().getFilePath());
  const text = node.getText();
  if (/^(?:__dirname|import\.meta\.dirname)$/u.test(text) || /^(?:path\.)?dirname\(\s*(?:__filename|(?:url\.)?fileURLToPath\(\s*import\.meta\.url\s*\))\s*\)$/u.test(text)) return here;
  if (Node.isIdentifier(node)) {
    const [definition] = resolver.definitions(node);
    return definition && definition !== node && !Node.isParameterDeclaration(definition) ? folderOf(definition, resolver) : undefined;
  }
  if (Node.isTemplateExpression(node)) {
    const spans = node.getTemplateSpans();
    const base = spans.length === 1 ? folderOf(spans[0]!.getExpression(), resolver) : undefined;
    return base === undefined || node.getHead().getLiteralText() !== '' ? undefined : resolvePath(base, `.${spans[0]!.getLiteral().getLiteralText()}`);
  }
  if (Node.isNewExpression(node) && /^(?:url\.)?URL$/u.test(node.getExpression().getText())) {
    const [target, base] = node.getArguments();
    const path = target && resolver.constantString(target);
    return path !== undefined && base?.getText() === 'import.meta.url' ? resolvePath(here, path) : undefined;
  }
  if (!Node.isCallExpression(node)) return undefined;
  const callee = node.getExpression().getText();
  const args = node.getArguments();
  if (/^(?:url\.)?fileURLToPath$/u.test(callee) && args[0]) return folderOf(args[0], resolver);
  if (!/^(?:path\.)?(?:join|resolve)$/u.test(callee) || args.length === 0) return undefined;
  const [first, ...rest] = args;
  const base = folderOf(first, resolver);
  if (base === undefined) return undefined;
  const parts = rest.map((part) => resolver.constantString(part));
  return parts.some((part) => part === undefined) ? undefined : join(base, ...(parts as string[]));
}

/**
 * The plugins @fastify/autoload registers from a folder, in a stable order: every script file,
 * except in a folder with an index file, where only the index (and the subfolders) load; a
 * subfolder's name prefixes its routes (`_id` is the parameter `:id`) unless
 * `dirNameRoutePrefix: false`.
 */
export function autoloadedPlugins(project: Project, folder: string, dirNamePrefix: boolean): AutoloadedPlugin[] {
  const files = project
    .getSourceFiles()
    .filter((file) => {
      const path = relative(folder, file.getFilePath());
      return !path.startsWith('..') && SCRIPT.test(path) && !path.endsWith('.d.ts') && !TEST.test(path) && !path.split(/[\\/]/u).some((part) => part === 'node_modules');
    })
    .sort((first, second) => first.getFilePath().localeCompare(second.getFilePath()));
  const byFolder = new Map<string, SourceFile[]>();
  for (const file of files) {
    const folderPath = dirname(file.getFilePath());
    byFolder.set(folderPath, [...(byFolder.get(folderPath) ?? []), file]);
  }
  const plugins: AutoloadedPlugin[] = [];
  for (const [folderPath, inFolder] of byFolder) {
    const hooks = inFolder.filter((file) => AUTOHOOKS.test(file.getBaseName()));
    const scripts = inFolder.filter((file) => !AUTOHOOKS.test(file.getBaseName()));
    const index = scripts.find((file) => INDEX.test(file.getBaseName()));
    const segments = relative(folder, folderPath)
      .split(/[\\/]/u)
      .filter((segment) => segment !== '')
      .map((segment) => segment.replace(/^_+/u, ':'));
    const folderPrefix = dirNamePrefix && segments.length > 0 ? `/${segments.join('/')}` : '';
    for (const file of index ? [index] : scripts) plugins.push({ file, folderPrefix, hooks });
  }
  return plugins;
}
