import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { Project, ts } from 'ts-morph';

const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'built', 'coverage', '.git', '.next', 'out', 'vendor', 'bower_components']);
/** Larger files are bundles or generated code, not the backend's own source. */
const MAX_FILE_BYTES = 512 * 1024;

const DEFAULT_OPTIONS: ts.CompilerOptions = {
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

function isSource(path: string): boolean {
  return SOURCE_EXTENSIONS.has(extname(path)) && !path.endsWith('.d.ts') && !/\.min\.[cm]?js$/u.test(path);
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
      .filter((path) => path && isSource(path) && !path.split('/').some((part) => SKIPPED_FOLDERS.has(part)))
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

/**
 * Loads the project's files into ts-morph without type checking: the compiler options of its
 * tsconfig.json when there is one (with JavaScript allowed), every source file under the root.
 */
export function loadProject(root: string): Project {
  const tsConfigFilePath = join(root, 'tsconfig.json');
  const project = existsSync(tsConfigFilePath)
    ? new Project({ tsConfigFilePath, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, compilerOptions: { allowJs: true, noEmit: true } })
    : new Project({ compilerOptions: DEFAULT_OPTIONS, skipFileDependencyResolution: true });
  for (const file of listSourceFiles(root)) project.addSourceFileAtPathIfExists(file);
  return project;
}

export function relativePath(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}
