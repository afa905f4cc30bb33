import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * A package's manifest, not a marker file such as `{ "type": "module" }` in a build or source
 * folder: it names the package, lists dependencies or scripts, or declares workspaces.
 */
const MANIFEST_KEYS = ['name', 'dependencies', 'devDependencies', 'scripts', 'workspaces', 'private', 'persona'];

const manifests = new Map<string, boolean>();
/** Whether a folder holds a package: a package.json that is a manifest (outside node_modules). */
export function isPackageFolder(folder: string): boolean {
  let known = manifests.get(folder);
  if (known !== undefined) return known;
  known = false;
  const path = join(folder, 'package.json');
  if (existsSync(path)) {
    try {
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      known = typeof manifest === 'object' && manifest !== null && MANIFEST_KEYS.some((key) => key in manifest);
    } catch {
      // A package.json that does not parse is still where the user put the project.
      known = true;
    }
  }
  manifests.set(folder, known);
  return known;
}

const topLevels = new Map<string, string | undefined>();
/** The top of the git work tree a folder is in, or undefined outside git (asked once per folder). */
export function gitTopLevel(folder: string): string | undefined {
  if (topLevels.has(folder)) return topLevels.get(folder);
  let top: string | undefined;
  try {
    top = execFileSync('git', ['-C', folder, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    top = undefined;
  }
  topLevels.set(folder, top);
  return top;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Why the analysis of a file starts where it does, for `routes` to say. */
export type RootReason = 'package.json' | 'git' | 'folder';

const workTreeTops = new Map<string, boolean>();
/** Whether a folder is the top of a git work tree: it holds `.git` (a folder, or a file in a linked work tree or submodule). */
function isWorkTreeTop(folder: string): boolean {
  let known = workTreeTops.get(folder);
  if (known === undefined) workTreeTops.set(folder, (known = existsSync(join(folder, '.git'))));
  return known;
}

/**
 * The project a file or folder belongs to: the nearest folder with a package's package.json
 * (outside node_modules), else the top of its git work tree, else `fallback` (the folder being
 * linted) or the folder itself. The ESLint rules ask for every file: it reads the folders
 * (cached), it does not run git.
 */
export function projectRootOf(path: string, fallback?: string): { root: string; reason: RootReason } {
  const start = resolve(path);
  const first = isFolder(start) ? start : dirname(start);
  for (let folder = first; ; folder = dirname(folder)) {
    if (!folder.split(/[\\/]/u).includes('node_modules') && isPackageFolder(folder)) return { root: folder, reason: 'package.json' };
    // Not above the git work tree: a package.json in a parent folder of a repository is not its project.
    if (isWorkTreeTop(folder)) return { root: folder, reason: 'git' };
    if (dirname(folder) === folder) break;
  }
  return { root: resolve(fallback ?? first), reason: 'folder' };
}

/** Files by the project they belong to: in a monorepo, one group (and one analysis) per package. */
export function groupByProject(files: readonly string[], fallback: string): Map<string, { reason: RootReason; files: string[] }> {
  const groups = new Map<string, { reason: RootReason; files: string[] }>();
  for (const file of files) {
    const { root, reason } = projectRootOf(file, fallback);
    const group = groups.get(root);
    if (group) group.files.push(file);
    else groups.set(root, { reason, files: [file] });
  }
  return groups;
}
