/** A mistake in how persona-lint was called (a flag, a path, git mode outside a repository): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
