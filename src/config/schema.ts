import { rules } from '../rules.js';
import { nameList } from '../schema.js';

/** A JSON Schema object, typed loosely: draft-07 keywords the rule schema types do not model. */
export type JsonSchema = Readonly<Record<string, unknown>>;

export const PRESETS = ['recommended', 'strict'] as const;
export type PresetName = (typeof PRESETS)[number];

export type Severity = 'off' | 'warn' | 'error' | 0 | 1 | 2;
export type RuleEntry = Severity | [Severity, ...unknown[]];

/** Catalog extensions: names the rules and the analyzer learn in addition to the built-in catalog. */
export interface CatalogExtensions {
  readonly sqlSinks?: readonly Record<string, unknown>[];
  readonly sqlSanitizers?: readonly string[];
  readonly loggers?: readonly string[];
  readonly redactors?: readonly string[];
  readonly authMiddleware?: readonly string[];
  readonly validationMiddleware?: readonly string[];
  readonly rateLimitMiddleware?: readonly string[];
  readonly securityHeadersMiddleware?: readonly string[];
}

export interface PersonaConfig {
  readonly $schema?: string;
  readonly preset?: PresetName;
  /** A Markdown persona document, relative to the configuration file: it decides which rules are on instead of a preset. */
  readonly persona?: string;
  readonly rules?: Readonly<Record<string, RuleEntry>>;
  readonly catalog?: CatalogExtensions;
  readonly ignore?: readonly string[];
}

const SEVERITY: JsonSchema = {
  description: '"off" (0), "warn" (1) or "error" (2).',
  enum: ['off', 'warn', 'error', 0, 1, 2],
};

/** A rule entry in ESLint's format: a severity, or `[severity, ...options]` checked against the rule's own schema. */
function ruleEntrySchema(ruleName: keyof typeof rules): JsonSchema {
  const rule = rules[ruleName];
  const optionSchemas = Array.isArray(rule.meta.schema) ? (rule.meta.schema as unknown as readonly JsonSchema[]) : [];
  return {
    description: `${rule.meta.docs?.description}. ${rule.meta.docs?.url}`,
    oneOf: [
      SEVERITY,
      {
        type: 'array',
        items: [SEVERITY, ...optionSchemas],
        additionalItems: false,
        minItems: 1,
      },
    ],
  };
}

const sqlSinkSchema = ((rules['parameterized-queries'].meta.schema as unknown as readonly JsonSchema[])[0]!.properties as Record<string, JsonSchema>).sinks!;

/**
 * The one schema of the persona config: the CLI validates with it, and it ships as
 * `personarc.schema.json` so that `.personarc.json` with `$schema` gets completion in editors.
 */
export function personaConfigSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/persona-lint/persona-lint/blob/main/personarc.schema.json',
    title: 'persona-lint configuration',
    description: 'Configuration of persona-lint: which persona standards to check, how, and where.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'The JSON Schema of this file, for editor completion.' },
      preset: {
        enum: [...PRESETS],
        description: '`recommended` (default): the high-precision rules. `strict`: every rule, project checks included, with stricter options.',
      },
      persona: {
        type: 'string',
        minLength: 1,
        description:
          "The team's persona document (Markdown), relative to this file: the standards it states turn rules on and set their options, and findings quote its statements. Rules it does not state are off unless `rules` turns them on. Instead of `preset`; `persona-lint persona <file>` shows what it enforces.",
      },
      rules: {
        type: 'object',
        description: 'Rule settings in ESLint\'s format, applied over the preset or the persona document: `"persona/<rule>": "off" | "warn" | "error" | [severity, options]`.',
        additionalProperties: false,
        properties: Object.fromEntries(Object.keys(rules).map((ruleName) => [`persona/${ruleName}`, ruleEntrySchema(ruleName as keyof typeof rules)])),
      },
      catalog: {
        type: 'object',
        description: 'Names of the team\'s own wrappers and middleware, added to the built-in catalog.',
        additionalProperties: false,
        properties: {
          sqlSinks: { ...sqlSinkSchema, description: 'In-house calls that take SQL text (persona/parameterized-queries `sinks`).' },
          sqlSanitizers: nameList('Functions whose result is safe to put into SQL text (persona/parameterized-queries `sanitizers`).'),
          loggers: nameList('Receiver names that are loggers (persona/no-secret-logging `loggers`).'),
          redactors: nameList('Functions whose result is safe to log (persona/no-secret-logging `redactors`).'),
          authMiddleware: nameList('Authentication middleware and guards (persona/require-auth `authMiddleware`, the routes inventory).'),
          validationMiddleware: nameList('Request validation middleware (the routes inventory).'),
          rateLimitMiddleware: nameList('Rate-limit middleware (persona/rate-limiting `limiters`, the routes inventory).'),
          securityHeadersMiddleware: nameList('Middleware that sets security headers (persona/security-headers `middleware`).'),
        },
      },
      ignore: {
        ...nameList('Globs of files not to lint or analyze, relative to the project root, in ESLint\'s `ignores` syntax (`"scripts/**"`).'),
      },
    },
  };
}
