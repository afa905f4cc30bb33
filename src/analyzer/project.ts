import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import type { Project, SourceFile, ts } from 'ts-morph';
import { tsMorph } from './ts-morph.js';
import { inNonSourceFolder, MAX_SOURCE_BYTES, NON_SOURCE_FOLDERS, SOURCE_EXTENSIONS } from '../catalog/source-files.js';

function defaultOptions(): ts.CompilerOptions {
  const { ts } = tsMorph();
  return {
    allowJs: true,
    checkJs: false,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.Preserve,
    experimentalDecorators: true,
    resolveJsonModule: true,
  };
}

/** A JavaScript or TypeScript source file, not a declaration file or a minified bundle. */
export function isSource(path: string): boolean {
  return SOURCE_EXTENSIONS.has(extname(path)) && !path.endsWith('.d.ts') && !/\.min\.[cm]?js$/u.test(path);
}

/** A source file of the project's own, not one in a dependency, build or coverage folder. */
export function isProjectSource(path: string): boolean {
  return isSource(path) && !inNonSourceFolder(path);
}

/** Why a file that looks like source is not checked; the CLI tells which files it left out. */
export type SkipReason =
  /** Larger than MAX_SOURCE_BYTES: a bundle or generated code. */
  | 'large'
  /** NUL bytes in its first 8,000 bytes (git's test): not UTF-8 text. */
  | 'binary'
  /** A symbolic link that points to itself, directly or through others. */
  | 'symlink-loop'
  /** Named explicitly, but a folder link, pipe, socket or device (reading a pipe would wait forever). */
  | 'not-a-file'
  /** Opening or reading it failed (permissions, I/O error). */
  | 'unreadable'
  /** The project analysis cannot take it: nested deeper than the parser's or the analysis' stack. */
  | 'unanalyzable';

export interface SkippedFile {
  /** Absolute path. */
  readonly file: string;
  readonly reason: SkipReason;
  /** The error, for `unreadable` and `unanalyzable`. */
  readonly detail?: string;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\s+/gu, ' ').trim();

/**
 * Whether a listed path is a source file to check: a regular file (through symbolic links) of
 * at most MAX_SOURCE_BYTES. A path that no longer exists (deleted, or a link to nothing) is left
 * out silently, as are folders, pipes and devices; larger files, link loops and files that cannot
 * be examined are added to `skipped`.
 */
export function isCheckableFile(path: string, skipped?: SkippedFile[]): boolean {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') skipped?.push({ file: path, reason: 'symlink-loop' });
    else if (code !== 'ENOENT' && code !== 'ENOTDIR') skipped?.push({ file: path, reason: 'unreadable', detail: errorText(error) });
    return false;
  }
  if (!stats.isFile()) return false;
  if (stats.size > MAX_SOURCE_BYTES) {
    skipped?.push({ file: path, reason: 'large' });
    return false;
  }
  return true;
}

function isLinkLoop(path: string): boolean {
  try {
    statSync(path);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ELOOP';
  }
}

/**
 * The project's source files: what git tracks or would track, or a walk of the folder without
 * git (which does not follow symbolic links). Files left out for a reason the user should know
 * (too large, a link loop, unreadable) are added to `skipped`.
 */
export function listSourceFiles(root: string, skipped?: SkippedFile[]): string[] {
  let output: string;
  try {
    output = execFileSync('git', ['-C', root, 'ls-files', '-co', '--exclude-standard', '-z', '.'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    const files: string[] = [];
    const walk = (folder: string): void => {
      let entries;
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch (error) {
        skipped?.push({ file: folder, reason: 'unreadable', detail: errorText(error) });
        return;
      }
      for (const entry of entries) {
        const path = join(folder, entry.name);
        if (entry.isSymbolicLink()) {
          // Not followed (a link to a folder could loop), but a loop among the sources is reported.
          if (isSource(entry.name) && isLinkLoop(path)) skipped?.push({ file: path, reason: 'symlink-loop' });
        } else if (entry.isDirectory()) {
          if (!NON_SOURCE_FOLDERS.has(entry.name)) walk(path);
        } else if (entry.isFile() && isSource(entry.name) && isCheckableFile(path, skipped)) {
          // Only regular files: a pipe named like a source file would block the read forever.
          files.push(path);
        }
      }
    };
    walk(root);
    return files;
  }
  return output
    .split('\0')
    .filter((path) => path && isProjectSource(path))
    .map((path) => resolve(root, path))
    .filter((path) => isCheckableFile(path, skipped));
}

export interface LoadOptions {
  /** The files to load (absolute paths), instead of every source file under the root. */
  readonly files?: readonly string[];
  /** Texts to use instead of what is on disk (the staged content in pre-commit mode), by absolute path. */
  readonly contents?: ReadonlyMap<string, string>;
  /**
   * Where to add the files that could not be loaded (unreadable, or nested deeper than the
   * TypeScript parser's stack); without it they are left out silently. The analysis goes on without them.
   */
  readonly skipped?: SkippedFile[];
}

/**
 * How the files are parsed: the latest syntax, and without their JSDoc comments, which the
 * analysis never reads and which cost about a fifth of the parse. ts-morph hands its `target`
 * option to TypeScript's parser as it is, and the parser takes these options in its place; the
 * analysis builds no program, the one reader of `target` as a language version.
 */
function syntaxOnly(): ts.ScriptTarget {
  const { ts } = tsMorph();
  const options: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  return options as unknown as ts.ScriptTarget;
}

/**
 * Loads the project's files into ts-morph, as syntax trees: the analysis reads declarations and
 * exports from the trees (src/analyzer/names.ts), so the compiler never builds a program or a type
 * checker. The compiler options of its tsconfig.json when there is one (with JavaScript allowed),
 * every source file under the root.
 */
export function loadProject(root: string, options: LoadOptions = {}): Project {
  const tsConfigFilePath = join(root, 'tsconfig.json');
  const { Project } = tsMorph();
  const parsing = { target: syntaxOnly() };
  const project = existsSync(tsConfigFilePath)
    ? new Project({ tsConfigFilePath, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, compilerOptions: { allowJs: true, noEmit: true, ...parsing } })
    : new Project({ compilerOptions: { ...defaultOptions(), ...parsing }, skipFileDependencyResolution: true });
  for (const file of options.files ?? listSourceFiles(root)) {
    const text = options.contents?.get(file);
    let sourceFile: SourceFile | undefined;
    try {
      sourceFile = text === undefined ? project.addSourceFileAtPathIfExists(file) : project.createSourceFile(file, text, { overwrite: true });
    } catch (error) {
      // One file must not stop the analysis of the others: a 10,000-deep expression overflows the
      // parser's stack (RangeError), a file may vanish or be unreadable between listing and loading.
      const code = (error as NodeJS.ErrnoException).code;
      const detail = error instanceof RangeError ? `nested too deeply: ${errorText(error)}` : errorText(error);
      options.skipped?.push({ file, reason: typeof code === 'string' ? 'unreadable' : 'unanalyzable', detail });
      continue;
    }
    if (sourceFile && isDeeperThan(sourceFile.compilerNode, MAX_SYNTAX_DEPTH)) {
      project.removeSourceFile(sourceFile);
      options.skipped?.push({ file, reason: 'unanalyzable', detail: `nested more than ${MAX_SYNTAX_DEPTH.toLocaleString('en-US')} levels deep` });
    }
  }
  return project;
}

/**
 * How deep a syntax tree the analysis walks. TypeScript parses some chains without recursion (a
 * 5,000-term concatenation, `a.b.c...`), and the analysis' recursive walks overflow the stack
 * between 3,000 and 5,000 levels: one such file would make the route scan fail for the whole
 * project, silently (every route-based check finding nothing).
 */
const MAX_SYNTAX_DEPTH = 2_000;

/** Whether the tree is deeper than `limit`, walked without recursion; a tree of fewer nodes cannot be. */
function isDeeperThan(root: ts.Node, limit: number): boolean {
  if (((root as ts.SourceFile & { nodeCount?: number }).nodeCount ?? Number.POSITIVE_INFINITY) <= limit) return false;
  const nodes: ts.Node[] = [root];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    node.forEachChild((child) => {
      nodes.push(child);
      depths.push(depth + 1);
    });
  }
  return false;
}

export function relativePath(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}
