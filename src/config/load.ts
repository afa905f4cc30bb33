import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { cosmiconfig } from 'cosmiconfig';
import { shownPath } from '../cli/paths.js';
import { ConfigError } from './errors.js';
import { CONFIG_FILES } from './files.js';
import { personaConfigSchema, type PersonaConfig } from './schema.js';

export interface LoadedConfig {
  readonly config: PersonaConfig;
  /** The file it came from; undefined when the project has none (the defaults apply). */
  readonly file: string | undefined;
}

let compiled: ValidateFunction | undefined;
// Compiled on first use: a project without a persona config does not pay for it.
const validator = () => (compiled ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(personaConfigSchema()));

/** `rules["persona/cors-policy"][1].origins` from `/rules/persona~1cors-policy/1/origins`. */
function keyPath(instancePath: string): string {
  const segments = instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/gu, '/').replace(/~0/gu, '~'));
  let path = '';
  for (const segment of segments) {
    if (/^\d+$/u.test(segment)) path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/u.test(segment)) path += path ? `.${segment}` : segment;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path || '(the whole configuration)';
}

const listed = (values: readonly unknown[]) => values.map((value) => JSON.stringify(value)).join(', ');

/** What one schema violation means, said in terms of the configuration rather than of JSON Schema. */
function describe(error: ErrorObject, path: string): string {
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const allowed = Object.keys((error.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      const what = path === 'rules' ? 'rule' : path === '(the whole configuration)' ? 'key' : 'option';
      const at = path === '(the whole configuration)' ? JSON.stringify(key) : keyPath(`${error.instancePath}/${key.replace(/~/gu, '~0').replace(/\//gu, '~1')}`);
      return `${at}: unknown ${what}; allowed: ${allowed.join(', ') || 'none'}`;
    }
    case 'enum':
      return `${path}: ${JSON.stringify(error.data)} is not allowed; allowed: ${listed(error.params.allowedValues as unknown[])}`;
    case 'type':
      return `${path}: must be ${String(error.params.type)}, found ${Array.isArray(error.data) ? 'array' : error.data === null ? 'null' : typeof error.data}`;
    case 'additionalItems':
    case 'maxItems':
      return `${path}: too many options; this rule takes ${Number(error.params.limit) - 1}`;
    default:
      return `${path}: ${error.message ?? 'is not valid'}`;
  }
}

/** Checks a configuration object against the schema; throws a ConfigError that lists every problem. */
export function validatePersonaConfig(value: unknown, file: string): PersonaConfig {
  const validate = validator();
  if (validate(value)) {
    const config = value as PersonaConfig;
    if (config.preset !== undefined && config.persona !== undefined) {
      throw new ConfigError(file, ['"preset" and "persona" cannot both be set: the persona document decides which rules are on (set one of them)']);
    }
    return config;
  }
  const errors = (validate.errors ?? []).filter((error) => error.keyword !== 'oneOf');
  // Report the deepest problems: a wrong option inside `[severity, options]` rather than "not a severity".
  const paths = [...new Set(errors.map((error) => error.instancePath))];
  const deepest = paths.filter((path) => !paths.some((other) => other !== path && other.startsWith(`${path}/`)));
  const problems = paths.flatMap((instancePath) => {
    const atPath = errors.filter((error) => error.instancePath === instancePath);
    // Each unknown key is a problem of its own, also beside a deeper one (an unknown rule next to a bad severity).
    const unknownKeys = atPath.filter((error) => error.keyword === 'additionalProperties');
    if (unknownKeys.length > 0) return unknownKeys;
    return deepest.includes(instancePath) ? [atPath.find((error) => error.keyword === 'enum') ?? atPath[0]!] : [];
  });
  throw new ConfigError(file, [...new Set(problems.map((error) => describe(error, keyPath(error.instancePath))))]);
}

/**
 * The parser's own words from a loader error: "YAML Error in <file>:" comes first and a code
 * frame after, so the first line alone says nothing.
 */
function parseProblem(message: string): string {
  const lines = message
    .replace(/\u001b\[[\d;]*m/gu, '')
    .replace(/^\w+ Error in [^]*?:\s*\n/u, '')
    .split('\n')
    .map((line) => line.trim());
  return lines.find((line) => line !== '' && !/^(?:>?\s*(?:\d+\s*)?\||-*\^)/u.test(line)) ?? message.split('\n')[0]!;
}

/**
 * import() alone: cosmiconfig retries a failed import with require(), and on Node 20.19+ that
 * second error (a Node internal assertion) replaces the real one, such as a syntax error.
 */
const importDefault = async (filepath: string): Promise<unknown> => ((await import(pathToFileURL(filepath).href)) as { default?: unknown }).default;

/**
 * The persona configurations of one run. A project's configuration is the first of
 * CONFIG_FILES (package.json only with a `persona` key) in its folder or a folder above it, up
 * to `ceiling` (the top of its git work tree), as ESLint looks its configuration up from the
 * linted files; `--config` names one for every project instead. Each file is read and validated
 * once per run.
 */
export class PersonaConfigs {
  private readonly explorer = cosmiconfig('persona', {
    searchPlaces: CONFIG_FILES,
    searchStrategy: 'none',
    cache: true,
    loaders: { '.js': importDefault, '.cjs': importDefault, '.mjs': importDefault },
  });

  /** `cwd`: paths in messages are relative to it. `explicitFile`: the file `--config` names, absolute. */
  constructor(
    private readonly cwd: string,
    private readonly explicitFile?: string,
  ) {}

  async forProject(root: string, ceiling: string | undefined): Promise<LoadedConfig> {
    let result;
    try {
      if (this.explicitFile) result = await this.explorer.load(this.explicitFile);
      else {
        for (let folder = root; ; folder = dirname(folder)) {
          result = await this.explorer.search(folder);
          if (result || folder === ceiling || dirname(folder) === folder) break;
        }
      }
    } catch (error) {
      // cosmiconfig names the file it failed on, also when searching: the folder is not the file.
      const file = (error as { filepath?: string }).filepath ?? this.explicitFile ?? root;
      const reason = error instanceof Error ? parseProblem(error.message) : String(error);
      throw new ConfigError(shownPath(file, this.cwd), [(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : `cannot be read: ${reason}`]);
    }
    if (!result || result.isEmpty) return { config: {}, file: result?.filepath };
    return { config: validatePersonaConfig(result.config, shownPath(result.filepath, this.cwd)), file: result.filepath };
  }
}
