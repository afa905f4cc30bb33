import { accessSync, appendFileSync, constants, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from './errors.js';

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\s+/gu, ' ').trim();

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') throw new UsageError('a part of the path is a file, not a folder');
    throw error;
  }
}

/**
 * Makes sure a file can be written, before the run does any work: it is not a folder, its folder
 * exists (missing folders are created one level at a time: a recursive mkdir under /proc never
 * returns on some systems) and both can be written. `what` names the file in messages: "the
 * report", "the job summary".
 */
export function prepareOutputFile(file: string, what: string): void {
  try {
    const stats = statOrUndefined(file);
    if (stats?.isDirectory()) throw new UsageError('it is a folder; name a file');
    if (stats) {
      accessSync(file, constants.W_OK);
      return;
    }
    const missing: string[] = [];
    let folder = dirname(file);
    for (let stats = statOrUndefined(folder); !stats; stats = statOrUndefined(folder)) {
      missing.unshift(folder);
      if (dirname(folder) === folder) break;
      folder = dirname(folder);
    }
    if (!statSync(folder).isDirectory()) throw new UsageError(`${folder} is a file, not a folder`);
    accessSync(folder, constants.W_OK);
    for (const path of missing) mkdirSync(path);
  } catch (error) {
    throw new UsageError(`cannot write ${what} to ${file}: ${error instanceof UsageError ? error.message : reason(error)}`);
  }
}

/** Writes (or appends to) a file prepared with prepareOutputFile; a failure is a one-line error. */
export function writeOutputFile(file: string, text: string, what: string, append = false): void {
  try {
    if (append) appendFileSync(file, text);
    else writeFileSync(file, text);
  } catch (error) {
    throw new UsageError(`cannot write ${what} to ${file}: ${reason(error)}`);
  }
}
