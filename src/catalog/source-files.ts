/**
 * Which files are a project's own source code, for the project analysis and for the files the
 * value-flow engine reads beside the linted one.
 */

export const SOURCE_EXTENSIONS: ReadonlySet<string> = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);

/** Folders of dependencies, build output, coverage reports and version control: never the project's own source. */
export const NON_SOURCE_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'dist', 'build', 'built', 'coverage', '.git', '.next', 'out', 'vendor', 'bower_components']);

/** Whether a path, relative to its project's root, lies in a dependency, build or coverage folder. */
export function inNonSourceFolder(relativePath: string): boolean {
  return relativePath.split(/[\\/]/u).some((part) => NON_SOURCE_FOLDERS.has(part));
}

/** Larger files are bundles or generated code, not the backend's own source. */
export const MAX_SOURCE_BYTES = 512 * 1024;

/** Hand-written code averages about 40 characters a line; minifiers put thousands on one. */
const MINIFIED_LINE_LENGTH = 200;
/** A smaller file costs little to read whatever its layout, and a hand-written one may be a single long line. */
const MINIFIED_MIN_LENGTH = 10_000;

/**
 * Whether a text is minified: a bundle chunk, whose exports are no project helper worth following,
 * and whose parse can cost a hundred times the file that imports it.
 */
export function isMinified(text: string): boolean {
  if (text.length < MINIFIED_MIN_LENGTH) return false;
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return text.length / lines > MINIFIED_LINE_LENGTH;
}
