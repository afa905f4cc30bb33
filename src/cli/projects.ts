import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isWithin } from './paths.js';
import { gitTopLevel } from './git.js';

/**
 * Where the projects of the linted files are, found from the files upward as ESLint finds its
 * configuration, never from the current folder: a project is the folder of the nearest
 * package.json that names a package (a `{ "type": "module" }` stub in `src/` does not), so each
 * package of a monorepo is a project of its own. Outside any package, the git work tree is the
 * project; outside git, the folder that was named. Answers are cached for the run.
 */
export class ProjectRoots {
  private readonly packages = new Map<string, boolean>();
  private readonly gitTops = new Map<string, string | undefined>();

  /** Whether `folder` holds a package: a package.json with a name, workspaces or a persona config. */
  isPackage(folder: string): boolean {
    let known = this.packages.get(folder);
    if (known === undefined) {
      known = false;
      const file = join(folder, 'package.json');
      if (existsSync(file)) {
        try {
          const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
          known = typeof manifest === 'object' && manifest !== null && ('name' in manifest || 'workspaces' in manifest || 'persona' in manifest);
        } catch {
          // A package.json that does not parse still marks a project: ESLint and npm will say what is wrong with it.
          known = true;
        }
      }
      this.packages.set(folder, known);
    }
    return known;
  }

  /** The top of the git work tree `folder` is in, or undefined outside git. */
  gitTop(folder: string): string | undefined {
    if (!this.gitTops.has(folder)) this.gitTops.set(folder, gitTopLevel(folder));
    return this.gitTops.get(folder);
  }

  /** The project of a named file or folder (which must exist). */
  of(path: string): string {
    const start = statSync(path).isDirectory() ? path : dirname(path);
    // Not above the git work tree: a package.json in a parent folder of a repository is not its project.
    const stop = this.gitTop(start);
    for (let folder = start; ; folder = dirname(folder)) {
      if (this.isPackage(folder)) return folder;
      if (folder === stop || dirname(folder) === folder) break;
    }
    return stop ?? start;
  }

  /** The project of a file found under the project `base`: the nearest package between the file and `base`, else `base`. */
  ofFileUnder(file: string, base: string): string {
    for (let folder = dirname(file); isWithin(folder, base) && folder !== base; folder = dirname(folder)) {
      if (this.isPackage(folder)) return folder;
    }
    return base;
  }
}

/** The deepest folder that holds every one of `folders` (at least one). */
export function commonFolder(folders: readonly string[]): string {
  let common = folders[0]!;
  for (const folder of folders) while (!isWithin(folder, common)) common = dirname(common);
  return common;
}
