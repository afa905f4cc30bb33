import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atLeast, dependencyMajor, dependencyVersion } from '../src/dependency-version.js';

/** A project folder with a package.json, and optionally a lockfile and installed packages. */
function project(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'persona-versions-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), JSON.stringify(content));
  }
  mkdirSync(join(root, 'src'), { recursive: true });
  return root;
}

describe('dependencyVersion', () => {
  it('reads the installed copy first', () => {
    const root = project({
      'package.json': { dependencies: { jsonwebtoken: '^8.5.1' } },
      'package-lock.json': { packages: { 'node_modules/jsonwebtoken': { version: '8.5.1' } } },
      'node_modules/jsonwebtoken/package.json': { version: '9.0.2' },
    });
    expect(dependencyVersion(join(root, 'src', 'auth.js'), 'jsonwebtoken')).toEqual([9, 0, 2]);
  });

  it('reads the npm lockfile beside the package.json that declares the package, before the range', () => {
    const root = project({
      'package.json': { dependencies: { 'passport-jwt': '^4.0.0' } },
      'package-lock.json': { lockfileVersion: 3, packages: { 'node_modules/passport-jwt': { version: '4.0.1' } } },
    });
    expect(dependencyVersion(join(root, 'src', 'auth.js'), 'passport-jwt')).toEqual([4, 0, 1]);
  });

  it('falls back to the lowest version the declared range admits', () => {
    const root = project({ 'package.json': { devDependencies: { 'express-jwt': '~5.3' } } });
    expect(dependencyVersion(join(root, 'src', 'auth.js'), 'express-jwt')).toEqual([5, 3, 0]);
    expect(dependencyMajor(join(root, 'src', 'auth.js'), 'express-jwt')).toBe(5);
  });

  it('is unknown for a range without a number and for a package nobody declares', () => {
    const root = project({ 'package.json': { dependencies: { jose: 'latest' } } });
    expect(dependencyVersion(join(root, 'src', 'auth.js'), 'jose')).toBeUndefined();
    expect(dependencyVersion(join(root, 'src', 'auth.js'), 'jws')).toBeUndefined();
  });
});

describe('atLeast', () => {
  it('compares major, minor and patch in order', () => {
    expect(atLeast([4, 0, 1], '4.0.1')).toBe(true);
    expect(atLeast([4, 0, 0], '4.0.1')).toBe(false);
    expect(atLeast([10, 0, 0], '9.0.0')).toBe(true);
    expect(atLeast([8, 5, 1], '9.0.0')).toBe(false);
  });
});
