import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A package.json as far as versions go. */
interface Manifest {
  readonly version?: unknown;
  readonly dependencies?: Record<string, unknown>;
  readonly devDependencies?: Record<string, unknown>;
  readonly peerDependencies?: Record<string, unknown>;
  readonly optionalDependencies?: Record<string, unknown>;
}

/** Manifests read in this process, by path, with the time they were read from disk (`null`: none there). */
const manifests = new Map<string, { mtimeMs: number; manifest: Manifest | null }>();

/**
 * The major version of a package the project of `file` uses, for rules whose judgement depends on
 * a library's defaults: the copy installed in a `node_modules` above the file, or else the range the
 * nearest package.json that lists the package declares (`2.3.0`, `^2.3.0`, `~2`, `>=2 <3`).
 * Undefined when no project above the file names it, or the range has no number (`latest`, `*`).
 */
export function dependencyMajor(file: string, name: string): number | undefined {
  for (let folder = dirname(file); ; folder = dirname(folder)) {
    const installed = read(join(folder, 'node_modules', name, 'package.json'));
    if (installed && typeof installed.version === 'string') return majorOf(installed.version);
    const project = read(join(folder, 'package.json'));
    const range = project && [project.dependencies, project.devDependencies, project.peerDependencies, project.optionalDependencies].map((list) => list?.[name]).find((value) => value !== undefined);
    if (range !== undefined) return typeof range === 'string' ? majorOf(range) : undefined;
    if (dirname(folder) === folder) return undefined;
  }
}

function majorOf(range: string): number | undefined {
  const match = /^[~^>=v\s]*(\d{1,6})/u.exec(range);
  return match ? Number(match[1]) : undefined;
}

function read(path: string): Manifest | null {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return null;
  }
  const cached = manifests.get(path);
  if (cached && cached.mtimeMs === mtimeMs) return cached.manifest;
  let manifest: Manifest | null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    manifest = parsed && typeof parsed === 'object' ? (parsed as Manifest) : null;
  } catch {
    manifest = null;
  }
  manifests.set(path, { mtimeMs, manifest });
  return manifest;
}
