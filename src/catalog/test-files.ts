/** Test and mock files, by where test runners look for them. Globs (see `src/ast/test-files.ts`). */
export const TEST_FILE_PATTERNS: readonly string[] = [
  '**/*.test.*',
  '**/*.spec.*',
  '**/*.e2e-spec.*',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/test/**',
  '**/tests/**',
  '**/e2e/**',
];
