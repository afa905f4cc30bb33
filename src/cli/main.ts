#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps compiled code between runs: most of a one-file run (a pre-commit hook) is
// compiling TypeScript's 9 MB compiler. Older Node has no such API and compiles every time.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
// Imported after the cache is on, so that it covers every module.
const { run } = await import('./run.js');

// A reader that stops early (`persona-lint | head`) closes the pipe: stop quietly, with the status
// of a process that SIGPIPE ended (the run was cut short, so it cannot say "clean").
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(141);
});

process.exitCode = await run(process.argv.slice(2), {
  stdoutIsTerminal: process.stdout.isTTY === true,
  // The process started for this run: the summary line counts loading the code too.
  startedAt: 0,
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
});
