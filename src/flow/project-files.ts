import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import { analyze } from '@typescript-eslint/scope-manager';
import { parse as parseTree } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { SourceCode } from 'eslint';
import { declaredClass, exportedNames, importedFunction, importedMethod, resolveRelativeModule } from '../ast/module-file.js';
import { importedHandlers, type ImportedHandler } from '../ast/route-handlers.js';
import { isFunction, unwrap, type FunctionNode } from '../ast/nodes.js';
import type { Flow } from './engine.js';
import type { ParameterSink, SinkQuestion } from './sinks.js';
import { inFile, type Value } from './value.js';
import { inNonSourceFolder, isMinified, MAX_SOURCE_BYTES, NON_SOURCE_FOLDERS, SOURCE_EXTENSIONS } from '../catalog/source-files.js';

/** What a function of another file gives back, in terms of its own parameters. */
export interface FunctionSummary {
  readonly fn: FunctionNode;
  readonly returns: Value;
}

/** Files followed from a linted file through imports: enough for a helper's helper, bounded for chains. */
const MAX_FILE_DEPTH = 2;
/** A project larger than this is not searched for the files that import a file. */
const MAX_INDEXED_FILES = 10_000;
/** How long the list of importers is trusted before the project is read again (an editor adds files). */
const INDEX_LIFETIME_MS = 30_000;
/**
 * A route declaration somewhere in a file's text: `.get('/`, `.post("/`, `.route('/`, a path written
 * as a string. Only such files can register another file's exports; `config.get('key')` is not one.
 */
const ROUTE_CALL = /\.(?:get|post|put|patch|delete|del|all|route|options|head)\s*\(\s*['"`]\//u;
/** Relative module specifiers in `require('./x')`, `import('./x')`, `from './x'`. */
const RELATIVE_SPECIFIER = /\b(?:require|import)\s*\(\s*['"](\.{1,2}\/[^'"\n]*)['"]|\bfrom\s*['"](\.{1,2}\/[^'"\n]*)['"]/gu;

/** A route another file declares for a function this file exports. */
export interface Registration extends ImportedHandler {
  /** The file that declares the route, and its engine (its middleware are nodes of that file). */
  readonly file: string;
  readonly flow: Flow;
}

interface ImportIndex {
  readonly builtAt: number;
  /** Imported file to the files that import it. */
  readonly importers: ReadonlyMap<string, readonly string[]>;
  /** Files whose text declares routes (`.get(`, `.route(`): only they can register another file's exports. */
  readonly routeFiles: ReadonlySet<string>;
}

interface Loaded {
  readonly mtimeMs: number;
  readonly flow: Flow | undefined;
  readonly exports: ReadonlyMap<string, TSESTree.Node>;
}

/**
 * The other files of the project, as the engine reads them: each parsed once per run (again when it
 * changes on disk), with its own `Flow`, so a function another file exports is summarised once and
 * reused by every file that imports it.
 */
export class ProjectFiles {
  private readonly loaded = new Map<string, Loaded>();
  private readonly indexes = new Map<string, ImportIndex>();
  private readonly loading = new Set<string>();
  /** What the text of each file said: the project files it imports, and which sink patterns it matches. */
  private readonly texts = new Map<string, { imports: string[]; mentions: Map<RegExp, boolean> }>();
  private depth = 0;

  constructor(private readonly createFlow: (sourceCode: TSESLint.SourceCode, filename: string) => Flow) {}

  /** The value a file exports under a name (`''`: the whole module, as `require` returns it). */
  exportValue(file: string, name: string): Value | undefined {
    return this.within(file, (loaded) => {
      const flow = loaded.flow!;
      if (name === '') {
        const whole = loaded.exports.get('module.exports');
        if (whole) return inFile(flow.valueOf(whole), file);
        // A namespace: the named exports, as an object.
        const properties = new Map<string, Value>();
        for (const [exported, node] of loaded.exports) if (exported !== 'default') properties.set(exported, inFile(this.valueOfExport(flow, node), file));
        return [{ kind: 'object', node: flow.sourceCode.ast, file, names: [], properties, rest: [] }];
      }
      const node = loaded.exports.get(name) ?? (name === 'default' ? loaded.exports.get('module.exports') : undefined);
      return node ? inFile(this.valueOfExport(flow, node), file) : undefined;
    });
  }

  /** What an exported function returns, with its parameters as parameter atoms. */
  functionSummary(file: string, name: string): FunctionSummary | undefined {
    return this.within(file, (loaded) => {
      const fn = exportedFunctionOf(loaded, name);
      return fn ? { fn, returns: loaded.flow!.returnsOf(fn) } : undefined;
    });
  }

  /** The parameters of an exported function that reach one of a rule's sinks (the function is a sink for its callers). */
  parameterSinks<S>(file: string, name: string, question: SinkQuestion<S>): readonly ParameterSink<S>[] | undefined {
    // Most files hold no sink: their text says so without parsing them.
    if (question.mentions && !this.mayHold(file, question.mentions, 0)) return undefined;
    return this.within(file, (loaded) => {
      const fn = exportedFunctionOf(loaded, name);
      return fn ? loaded.flow!.sinkAnswer(question).parameters.get(fn) : undefined;
    });
  }

  /**
   * Whether a file's text, or that of a project file it imports (as deep as files are followed),
   * matches what a sink's call looks like: a file that does not can hold no sink nor pass a parameter to one.
   */
  private mayHold(file: string, mentions: RegExp, depth: number): boolean {
    let known = this.texts.get(file);
    if (!known) {
      const text = readSourceFile(file);
      known = { imports: [...text.matchAll(RELATIVE_SPECIFIER)].flatMap((match) => resolveRelativeModule(file, match[1] ?? match[2]!) ?? []), mentions: new Map() };
      this.texts.set(file, known);
    }
    let matches = known.mentions.get(mentions);
    if (matches === undefined) {
      matches = mentions.test(readSourceFile(file));
      known.mentions.set(mentions, matches);
    }
    return matches || (depth + 1 < MAX_FILE_DEPTH && known.imports.some((imported) => this.mayHold(imported, mentions, depth + 1)));
  }

  /** A function the file exports under a name, with the file's engine: where a forward question goes into another file. */
  exportedFunction(file: string, name: string): { fn: FunctionNode; flow: Flow } | undefined {
    const loaded = this.load(file);
    const fn = loaded && exportedFunctionOf(loaded, name);
    return fn && loaded.flow ? { fn, flow: loaded.flow } : undefined;
  }

  /** A method of a class the file exports, by the name importers call it (`UsersService.create`), with the file's engine. */
  exportedMethod(file: string, name: string): { fn: FunctionNode; flow: Flow } | undefined {
    const flow = this.load(file)?.flow;
    if (!flow) return undefined;
    for (const [fn, names] of flow.exportedMethodNames()) if (names.includes(name)) return { fn, flow };
    // A method the class inherits: `UsersService.process` declared by the `CrudService` it extends.
    const [className, method] = name.split('.');
    const body = method === undefined ? undefined : declaredClass(flow.sourceCode.ast, className!);
    return body && flow.classMethod(body, method!);
  }

  /** The routes other project files declare for this file's exports: they make those exports request handlers. */
  registrationsOf(file: string): Registration[] {
    const registrations: Registration[] = [];
    const index = this.indexOf(file);
    for (const importer of index.importers.get(file) ?? []) {
      if (!index.routeFiles.has(importer)) continue;
      const flow = this.load(importer)?.flow;
      if (!flow) continue;
      for (const route of importedHandlers(flow.sourceCode, importer)) {
        if (resolveRelativeModule(importer, route.specifier) === file) registrations.push({ ...route, file: importer, flow });
      }
    }
    return registrations;
  }

  /** The project files that import `file`, from a list of every file's relative imports, read once per project. */
  importersOf(file: string): readonly string[] {
    return this.indexOf(file).importers.get(file) ?? [];
  }

  /**
   * The calls other project files make of a function `file` exports under one of `names` (a method of
   * an exported class as `Class.method`, called on an instance), each with the engine of its file.
   */
  callersOf(file: string, names: readonly string[]): { call: TSESTree.CallExpression; flow: Flow }[] {
    const callers: { call: TSESTree.CallExpression; flow: Flow }[] = [];
    for (const importer of this.importersOf(file)) {
      const flow = this.load(importer)?.flow;
      if (!flow) continue;
      for (const call of flow.calls()) {
        const imported = importedFunction(flow.sourceCode, call.callee) ?? importedMethod(flow.sourceCode, call.callee);
        if (imported && names.includes(imported.name) && resolveRelativeModule(importer, imported.specifier) === file) callers.push({ call, flow });
      }
    }
    return callers;
  }

  private indexOf(file: string): ImportIndex {
    const root = projectRoot(file);
    let index = this.indexes.get(root);
    if (!index || Date.now() - index.builtAt > INDEX_LIFETIME_MS) {
      index = { builtAt: Date.now(), ...buildImportIndex(root) };
      this.indexes.set(root, index);
    }
    return index;
  }

  /** Whether an engine is the one of a file read for its exports (not a file being linted). */
  holds(flow: Flow): boolean {
    return this.loaded.get(flow.filename)?.flow === flow;
  }

  /** The engine of another project file, for rules that ask it their own questions (which parameter reaches a sink). */
  flowOf(file: string): Flow | undefined {
    return this.load(file)?.flow;
  }

  private valueOfExport(flow: Flow, node: TSESTree.Node): Value {
    return isFunction(node) ? [{ kind: 'function', node, names: [] }] : flow.valueOf(node);
  }

  private within<T>(file: string, read: (loaded: Loaded) => T | undefined): T | undefined {
    if (this.depth >= MAX_FILE_DEPTH || this.loading.has(file)) return undefined;
    const loaded = this.load(file);
    if (!loaded?.flow) return undefined;
    this.depth++;
    this.loading.add(file);
    try {
      return read(loaded);
    } finally {
      this.depth--;
      this.loading.delete(file);
    }
  }

  private load(file: string): Loaded | undefined {
    let stats;
    try {
      stats = statSync(file);
    } catch {
      return undefined;
    }
    const cached = this.loaded.get(file);
    if (cached && cached.mtimeMs === stats.mtimeMs) return cached;
    const sourceCode = stats.size <= MAX_SOURCE_BYTES && !inBuildOutput(file) ? parse(file) : undefined;
    const flow = sourceCode ? this.createFlow(sourceCode, file) : undefined;
    const loaded: Loaded = { mtimeMs: stats.mtimeMs, flow, exports: sourceCode ? exportsOf(sourceCode.ast) : new Map() };
    this.loaded.set(file, loaded);
    return loaded;
  }
}

/** The function a loaded file exports under a name (`default` is `module.exports` too). */
function exportedFunctionOf(loaded: Loaded, name: string): FunctionNode | undefined {
  const node = loaded.exports.get(name) ?? (name === 'default' ? loaded.exports.get('module.exports') : undefined);
  return node && (isFunction(node) ? node : loaded.flow?.functions.of(node));
}

/**
 * A file's source code as the engine reads it (tree with parents, scopes), or undefined when it does
 * not parse. Parsed and scoped as ESLint's TypeScript parser does, minus what only a linted file
 * needs: no tokens, no comments, no compiler tree behind the parse (node maps), no configuration
 * lookup and no code path analysis. Such a file is read, never reported on nor fixed, and stays
 * loaded for the run.
 */
function parse(file: string): TSESLint.SourceCode | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    // Bundled code: its exports are no helper of the project's.
    if (isMinified(text)) return undefined;
    const sourceType = file.endsWith('.cjs') ? 'script' : 'module';
    const ast = parseTree(text, { filePath: file, sourceType, jsx: /\.[jt]sx$/u.test(file), loc: true, range: true, tokens: false, comment: false });
    const scopeManager = analyze(ast, { sourceType, globalReturn: sourceType === 'script' });
    setParents(ast, visitorKeys);
    Object.assign(ast, { tokens: [], comments: [] });
    return new SourceCode({ text, ast: ast as never, scopeManager: scopeManager as never, visitorKeys: visitorKeys as never }) as unknown as TSESLint.SourceCode;
  } catch {
    return undefined;
  }
}

/** A file's text, or nothing when it is generated (build output, too large, minified) or cannot be read. */
function readSourceFile(file: string): string {
  return inBuildOutput(file) ? '' : readSourceText(file);
}

/** As readSourceFile, for a file already known to lie outside build output. */
function readSourceText(file: string): string {
  try {
    if (statSync(file).size > MAX_SOURCE_BYTES) return '';
    const text = readFileSync(file, 'utf8');
    return isMinified(text) ? '' : text;
  } catch {
    return '';
  }
}

/** Every node's `parent`, as ESLint sets it while it walks a file. */
function setParents(program: TSESTree.Program, visitorKeys: Readonly<Record<string, readonly string[] | undefined>>): void {
  const stack: [TSESTree.Node, TSESTree.Node | undefined][] = [[program, undefined]];
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    (node as { parent?: TSESTree.Node }).parent = parent;
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof (item as TSESTree.Node).type === 'string') stack.push([item as TSESTree.Node, node]);
      } else if (child && typeof (child as TSESTree.Node).type === 'string') {
        stack.push([child as TSESTree.Node, node]);
      }
    }
  }
}

/** Export name to the node exported: functions, values, `module.exports` itself under `'module.exports'`. */
function exportsOf(program: TSESTree.Program): Map<string, TSESTree.Node> {
  const exports = new Map<string, TSESTree.Node>();
  for (const [node, names] of exportedNames(program)) for (const name of names) exports.set(name, node);
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
    const { left, right } = statement.expression;
    if (left.type === AST_NODE_TYPES.MemberExpression && left.object.type === AST_NODE_TYPES.Identifier && left.object.name === 'module' && !left.computed && left.property.type === AST_NODE_TYPES.Identifier && left.property.name === 'exports') {
      exports.set('module.exports', unwrap(right));
    }
  }
  return exports;
}

/** Build output and dependencies: their exports are no helper of the project's, and bundles are costly to read. */
function inBuildOutput(file: string): boolean {
  return inNonSourceFolder(relative(projectRoot(file), file));
}

/** The folder of the nearest package.json above a file, or the file's own folder. */
function projectRoot(file: string): string {
  for (let folder = dirname(file); ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) return dirname(file);
  }
}

/** Imported file to the files that import it, over the project's source files (dependencies and build output left out). */
function buildImportIndex(root: string): { importers: Map<string, string[]>; routeFiles: Set<string> } {
  const importers = new Map<string, Set<string>>();
  const routeFiles = new Set<string>();
  const files: string[] = [];
  const walk = (folder: string): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (files.length >= MAX_INDEXED_FILES) return;
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!NON_SOURCE_FOLDERS.has(entry.name)) walk(path);
      } else if (entry.isFile() && SOURCE_EXTENSIONS.has(extname(entry.name)) && !entry.name.endsWith('.d.ts')) {
        files.push(path);
      }
    }
  };
  walk(root);
  for (const file of files) {
    // The walk left out build output already.
    const text = readSourceText(file);
    if (ROUTE_CALL.test(text)) routeFiles.add(file);
    for (const match of text.matchAll(RELATIVE_SPECIFIER)) {
      const target = resolveRelativeModule(file, match[1] ?? match[2]!);
      if (!target) continue;
      const known = importers.get(target);
      if (known) known.add(file);
      else importers.set(target, new Set([file]));
    }
  }
  return { importers: new Map([...importers].map(([target, files]) => [target, [...files]])), routeFiles };
}
