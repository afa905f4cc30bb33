import { isAbsolute, relative } from 'node:path';

/** Whether `file` is `folder` or inside it. */
export function isWithin(file: string, folder: string): boolean {
  const path = relative(folder, file);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

/** A path for a message: relative to `cwd` (with `/`) when it is below it, else absolute. */
export function shownPath(file: string, cwd: string): string {
  return isWithin(file, cwd) ? relative(cwd, file).split('\\').join('/') || '.' : file;
}
