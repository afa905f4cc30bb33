import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import type { Project, ts } from 'ts-morph';
import { tsMorph } from './ts-morph.js';

const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'built', 'coverage', '.git', '.next', 'out', 'vendor', 'bower_components']);
/** Larger files are bundles or generated code, not the backend's own source. */
const MAX_FILE_BYTES = 512 * 1024;

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
  return isSource(path) && !path.split(/[\\/]/u).some((part) => SKIPPED_FOLDERS.has(part));
}

function isSmallEnough(path: string): boolean {
  try {
    return statSync(path).size <= MAX_FILE_BYTES;
  } catch {
    return false;
  }
}

/** The project's source files: what git tracks or would track, or a walk of the folder without git. */
export function listSourceFiles(root: string): string[] {
  try {
    const output = execFileSync('git', ['-C', root, 'ls-files', '-co', '--exclude-standard', '-z', '.'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
    return output
      .split('\0')
      .filter((path) => path && isProjectSource(path))
      .map((path) => resolve(root, path))
      .filter((path) => existsSync(path) && isSmallEnough(path));
  } catch {
    const files: string[] = [];
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (entry.isSymbolicLink()) continue;
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name)) walk(join(folder, entry.name));
        } else if (isSource(entry.name) && isSmallEnough(join(folder, entry.name))) {
          files.push(join(folder, entry.name));
        }
      }
    };
    walk(root);
    return files;
  }
}

export interface LoadOptions {
  /** The files to load (absolute paths), instead of every source file under the root. */
  readonly files?: readonly string[];
  /** Texts to use instead of what is on disk (the staged content in pre-commit mode), by absolute path. */
  readonly contents?: ReadonlyMap<string, string>;
}

/**
 * Loads the project's files into ts-morph without type checking: the compiler options of its
 * tsconfig.json when there is one (with JavaScript allowed), every source file under the root.
 */
export function loadProject(root: string, options: LoadOptions = {}): Project {
  const tsConfigFilePath = join(root, 'tsconfig.json');
  const { Project } = tsMorph();
  const project = existsSync(tsConfigFilePath)
    ? new Project({ tsConfigFilePath, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, compilerOptions: { allowJs: true, noEmit: true } })
    : new Project({ compilerOptions: defaultOptions(), skipFileDependencyResolution: true });
  for (const file of options.files ?? listSourceFiles(root)) {
    const text = options.contents?.get(file);
    if (text === undefined) project.addSourceFileAtPathIfExists(file);
    else project.createSourceFile(file, text, { overwrite: true });
  }
  return project;
}

export function relativePath(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}
