/**
 * A mistake in how persona-lint was called (a flag, a path, an output file, git mode outside a
 * repository): one message, exit code 2, no stack trace. `showUsage` adds a pointer to --help,
 * for mistakes in the flags.
 */
export class UsageError extends Error {
  override name = 'UsageError';

  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
  }
}
