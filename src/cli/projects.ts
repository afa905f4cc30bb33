import { dirname } from 'node:path';
import { gitTopLevel, isPackageFolder, projectRootOf, type RootReason } from '../analyzer/roots.js';
import { isWithin } from './paths.js';

/**
 * Where the projects of the linted files are, found from the files upward as ESLint finds its
 * configuration, never from the current folder: a project is the folder of the nearest
 * package.json that names a package (a `{ "type": "module" }` stub in `src/` does not), so each
 * package of a monorepo is a project of its own. Outside any package, the git work tree is the
 * project; outside git, the folder that was named. Answers are cached for the run.
 */
export class ProjectRoots {
  /** Whether `folder` holds a package: a package.json that names one (or lists dependencies, workspaces or a persona config). */
  isPackage(folder: string): boolean {
    return isPackageFolder(folder);
  }

  /** The top of the git work tree `folder` is in, or undefined outside git. */
  gitTop(folder: string): string | undefined {
    return gitTopLevel(folder);
  }

  /** The project of a named file or folder (which must exist). */
  of(path: string): string {
    return projectRootOf(path).root;
  }

  /** Why `of` chose its folder: a package.json, the git work tree, or the folder itself. */
  reasonOf(path: string): RootReason {
    return projectRootOf(path).reason;
  }

  /** The project of a file found under the project `base`: the nearest package between the file and `base`, else `base`. */
  ofFileUnder(file: string, base: string): string {
    for (let folder = dirname(file); isWithin(folder, base) && folder !== base; folder = dirname(folder)) {
      if (isPackageFolder(folder)) return folder;
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
