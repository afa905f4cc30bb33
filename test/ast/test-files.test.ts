import { describe, expect, it } from 'vitest';
import { isTestFile, matchesGlob } from '../../src/ast/test-files.js';
import { TEST_FILE_PATTERNS } from '../../src/catalog/test-files.js';

describe('matchesGlob', () => {
  it('matches `**` over any number of folders, `*` and `?` within one segment', () => {
    expect(matchesGlob('src/test/users.ts', '**/test/**')).toBe(true);
    expect(matchesGlob('test/users.ts', '**/test/**')).toBe(true);
    expect(matchesGlob('src/routes/users.test.ts', '**/*.test.*')).toBe(true);
    expect(matchesGlob('src/routes/v1/users.ts', 'src/*/v?/*.ts')).toBe(true);
  });

  it('needs a whole segment: a path that holds the fixed text elsewhere does not match', () => {
    expect(matchesGlob('src/testing/users.ts', '**/test/**')).toBe(false);
    expect(matchesGlob('src/latest/users.ts', '**/test/**')).toBe(false);
    expect(matchesGlob('src/routes/contest.ts', '**/*.test.*')).toBe(false);
    expect(matchesGlob('src/routes/v12/users.ts', 'src/*/v?/*.ts')).toBe(false);
  });

  it('matches a glob without `/` against the file name alone', () => {
    expect(matchesGlob('src/a/users.spec.ts', '*.spec.ts')).toBe(true);
    expect(matchesGlob('src/x.spec.ts/users.ts', '*.spec.ts')).toBe(false);
  });
});

describe('isTestFile', () => {
  it('takes test folders and test file names, relative to the working folder', () => {
    expect(isTestFile('/repo/e2e/app.ts', '/repo', TEST_FILE_PATTERNS)).toBe(true);
    expect(isTestFile('/repo/src/__mocks__/db.ts', '/repo', TEST_FILE_PATTERNS)).toBe(true);
    expect(isTestFile('/repo/src/users.e2e-spec.ts', '/repo', TEST_FILE_PATTERNS)).toBe(true);
  });

  it('leaves served code alone, also when its path holds a test word', () => {
    expect(isTestFile('/repo/src/services/latest.ts', '/repo', TEST_FILE_PATTERNS)).toBe(false);
    expect(isTestFile('/repo/src/testimonials/routes.ts', '/repo', TEST_FILE_PATTERNS)).toBe(false);
    // The folder the project sits in is not part of the path matched.
    expect(isTestFile('/work/tests/app/src/routes.ts', '/work/tests/app', TEST_FILE_PATTERNS)).toBe(false);
  });
});
