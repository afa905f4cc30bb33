import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A package.json or an npm lockfile, as far as versions go. */
interface Manifest {
  readonly version?: unknown;
  readonly dependencies?: Record<string, unknown>;
  readonly devDependencies?: Record<string, unknown>;
  readonly peerDependencies?: Record<string, unknown>;
  readonly optionalDependencies?: Record<string, unknown>;
  /** package-lock.json (lockfile version 2 and 3): installed packages by `node_modules/<name>`. */
  readonly packages?: Record<string, { readonly version?: unknown } | undefined>;
}

/** A version as numbers: major, minor, patch (missing parts are 0). */
export type Version = readonly [number, number, number];

/** Manifests read in this process, by path, with the time they were read from disk (`null`: none there). */
const manifests = new Map<string, { mtimeMs: number; manifest: Manifest | null }>();

/**
 * The version of a package the project of `file` uses, for rules whose judgement depends on a
 * library's defaults: the copy installed in a `node_modules` above the file, else the version the
 * npm lockfile beside the nearest package.json that lists the package pins, else the lowest version
 * the range it declares admits (`2.3.0`, `^2.3.0`, `~2`, `>=2 <3`). Undefined when no project above
 * the file names it, or the range has no number (`latest`, `*`).
 */
export function dependencyVersion(file: string, name: string): Version | undefined {
  for (let folder = dirname(file); ; folder = dirname(folder)) {
    const installed = read(join(folder, 'node_modules', name, 'package.json'));
    if (installed && typeof installed.version === 'string') return versionOf(installed.version);
    const project = read(join(folder, 'package.json'));
    // A folder without a package.json (`src/`) says nothing: go on up.
    const range = project ? [project.dependencies, project.devDependencies, project.peerDependencies, project.optionalDependencies].map((list) => list?.[name]).find((value) => value !== undefined) : undefined;
    if (range !== undefined) {
      const locked = read(join(folder, 'package-lock.json'))?.packages?.[`node_modules/${name}`]?.version;
      if (typeof locked === 'string') return versionOf(locked);
      return typeof range === 'string' ? versionOf(range) : undefined;
    }
    if (dirname(folder) === folder) return undefined;
  }
}

/** The major version of `dependencyVersion`. */
export function dependencyMajor(file: string, name: string): number | undefined {
  return dependencyVersion(file, name)?.[0];
}

/** Whether `version` is at least `since` (`9.0.0`). */
export function atLeast(version: Version, since: string): boolean {
  const floor = versionOf(since) ?? [0, 0, 0];
  for (let index = 0; index < 3; index++) if (version[index] !== floor[index]) return version[index]! > floor[index]!;
  return true;
}

function versionOf(range: string): Version | undefined {
  const match = /^[~^>=v\s]*(\d{1,6})(?:\.(\d{1,6}))?(?:\.(\d{1,6}))?/u.exec(range);
  return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] : undefined;
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
