import { parseArgs } from 'node:util';
import { ConfigError } from '../config/errors.js';
import { PACKAGE_JSON } from '../package-root.js';
import { UsageError } from './errors.js';

// Light on purpose: --help, --version and explain answer without loading ESLint, TypeScript or
// the rules. Each command's module is imported when it runs.

export const HELP = `Usage: persona-lint [options] [paths...]
       persona-lint routes [path] [--format table|json]
       persona-lint explain <rule>
       persona-lint persona [file] [--format table|json]
       persona-lint init [path] [--force]

Checks a Node.js backend against the persona standards: the persona ESLint rules on each file,
and the project checks (health endpoint, rate limiting, auth, ...) on the whole project. Needs no
ESLint setup. Paths default to the current folder; .gitignore applies. Each file is checked with
the configuration of its project, found from the file upward (package.json#persona,
.personarc[.json|.yaml|.yml|.js|.cjs|.mjs] or persona.config.{js,cjs,mjs}); in a monorepo, each
package is a project of its own.

A team's persona document (Markdown) can state the standards instead of a preset: name it with
"persona" in the configuration or --persona; persona-lint persona <file> shows what it enforces,
what no linter can check and what was not understood, and findings quote its statements.

Options:
  --preset recommended|strict    Preset to start from (default: the config's, else recommended)
  -c, --config <file>            Use this config file for every project instead of looking one up
  --persona <file>               Check every project against this persona document (Markdown):
                                 the standards it states decide the rules, instead of a preset
  -f, --format <name>            stylish (default), json, sarif, github, gitlab
  -o, --output-file <file>       Write the report to a file instead of standard output
  --max-warnings <n>             Exit 1 when there are more than n warnings
  --quiet                        Report errors only, and no summary line
  --color, --no-color            Force colors in the report on or off (default: on a terminal)
  --cache                        Skip files that have not changed since the last run (per-file
                                 rules; the project checks always run)
  --cache-location <folder>      Where the cache files go (default: node_modules/.cache/persona-lint)
  --no-project-checks            Only the per-file rules (fast; for file-level hooks)
  --project-checks-only          Only the project checks

Code review:
  --staged                       Lint the staged content of staged files (pre-commit); the
                                 project checks see the staged tree
  --diff <ref>                   Report only findings on lines changed since <ref> (pull requests)

Baselines (ESLint's bulk suppressions, eslint-suppressions.json):
  --suppress-all                 Accept every current error; later runs fail only on new ones
  --suppress-rule <rule>         Accept the current errors of one rule (repeatable)
  --prune-suppressions           Remove accepted errors that no longer occur
  --suppressions-location <file> Where the suppressions file is (default: eslint-suppressions.json
                                 in the project's root)

  -h, --help                     Show this help
  -v, --version                  Show the version

A summary line (files, rules, project checks, time) goes to stderr on a terminal and in CI.
Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage, configuration or internal error.
`;

export const OPTIONS = {
  preset: { type: 'string' },
  config: { type: 'string', short: 'c' },
  persona: { type: 'string' },
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  'no-project-checks': { type: 'boolean' },
  'project-checks-only': { type: 'boolean' },
  staged: { type: 'boolean' },
  diff: { type: 'string' },
  'suppress-all': { type: 'boolean' },
  'suppress-rule': { type: 'string', multiple: true },
  'prune-suppressions': { type: 'boolean' },
  'suppressions-location': { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

export interface Io {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress and the summary line are shown there). */
  readonly interactive: boolean;
  /** Whether stdout is a terminal (the report is in color there). */
  readonly stdoutIsTerminal?: boolean;
  /** When the run started, as `performance.now()`: the summary line's time; default, when the command starts. */
  readonly startedAt?: number;
}

/** A flag's value among the allowed ones; anything else is a usage error. */
export function choice<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}"`, true);
  return value as T;
}

/** The option closest to a mistyped one, if one is close: `--formt` is `--format`. */
function closestOption(name: string): string | undefined {
  const distance = (first: string, second: string): number => {
    let previous = Array.from({ length: second.length + 1 }, (_, index) => index);
    for (let row = 1; row <= first.length; row++) {
      const current = [row];
      for (let column = 1; column <= second.length; column++) {
        current[column] = Math.min(previous[column]! + 1, current[column - 1]! + 1, previous[column - 1]! + (first[row - 1] === second[column - 1] ? 0 : 1));
      }
      previous = current;
    }
    return previous[second.length]!;
  };
  const [best] = Object.keys(OPTIONS)
    .map((option) => ({ option, cost: distance(name.replace(/^-+/u, ''), option) }))
    .sort((first, second) => first.cost - second.cost);
  return best && best.cost <= 2 ? `--${best.option}` : undefined;
}

/** Node's parseArgs messages, said as persona-lint says things. */
function argumentProblem(error: unknown): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/u.exec(message);
  if (unknown) {
    const option = unknown[1]!;
    const suggestion = closestOption(option);
    return new UsageError(`unknown option ${option}${suggestion ? `; did you mean ${suggestion}?` : ''}`, true);
  }
  const missing = /^Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/u.exec(message);
  if (missing) return new UsageError(`${missing[1]} needs a value`, true);
  const needless = /^Option '(?:-\w, )?(--[\w-]+)' does not take an argument/u.exec(message);
  if (needless) return new UsageError(`${needless[1]} takes no value`, true);
  return new UsageError(message.split('\n')[0]!, true);
}

/** Runs persona-lint with command-line arguments; returns the exit code. Never throws. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
      throw argumentProblem(error);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (values.version) {
      io.stdout(`${PACKAGE_JSON.version}\n`);
      return 0;
    }
    const [command, ...rest] = positionals;
    switch (command) {
      case 'routes': {
        if (rest.length > 1) throw new UsageError('routes takes one path: persona-lint routes [path]', true);
        const { routesCommand } = await import('./routes.js');
        return await routesCommand(values, rest[0], io);
      }
      case 'explain': {
        if (rest.length !== 1) throw new UsageError('explain takes one rule name: persona-lint explain parameterized-queries', true);
        const { explainRule } = await import('./explain.js');
        io.stdout(explainRule(rest[0]!, { color: colorFor(values, io.stdoutIsTerminal === true, io.env) }));
        return 0;
      }
      case 'persona': {
        if (rest.length > 1) throw new UsageError('persona takes one document: persona-lint persona docs/persona.md', true);
        const { personaCommand } = await import('./persona.js');
        return await personaCommand(values, rest[0], io);
      }
      case 'init': {
        if (rest.length > 1) throw new UsageError('init takes one path: persona-lint init [path]', true);
        const { initConfig } = await import('./init.js');
        io.stdout(initConfig(io.cwd, rest[0], values.force === true));
        return 0;
      }
      default: {
        const { lintCommand } = await import('./lint-command.js');
        return await lintCommand(values, positionals, io);
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`persona-lint: ${error.message}\n${error.showUsage ? 'Run persona-lint --help for usage.\n' : ''}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr(`persona-lint: ${error.message}\n`);
      return 2;
    }
    io.stderr(`persona-lint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nPlease report it with the command you ran.\n`);
    return 2;
  }
}

/**
 * Whether text for a stream gets colors: --color and --no-color decide, then NO_COLOR and
 * FORCE_COLOR (https://no-color.org), then whether the stream is a terminal.
 */
export function colorFor(values: Values, isTerminal: boolean, env: NodeJS.ProcessEnv): boolean {
  if (values['no-color']) return false;
  if (values.color) return true;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTerminal && env.TERM !== 'dumb';
}
