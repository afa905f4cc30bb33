import type { Linter } from 'eslint';
import type { MiddlewareNames } from '../analyzer/middleware.js';
import plugin from '../index.js';
import type { CompiledPersona } from '../persona/compile.js';
import type { CatalogExtensions, PersonaConfig, PresetName, RuleEntry, Severity } from './schema.js';

export interface ResolvedConfig {
  /** The preset the rules start from; unused when a persona document decides them. */
  readonly preset: PresetName;
  /** The persona document the rules start from instead of the preset, when there is one. */
  readonly persona?: CompiledPersona;
  /** Every persona rule that is on, as `[severity, ...options]`, with the catalog extensions merged in. */
  readonly rules: Readonly<Record<string, [Linter.StringSeverity, ...unknown[]]>>;
  readonly ignores: readonly string[];
  /** Middleware names the analyzer adds to its catalog (routes inventory, project checks). */
  readonly middleware: MiddlewareNames;
}

const SEVERITY_NAMES: Readonly<Record<string, Linter.StringSeverity>> = { 0: 'off', 1: 'warn', 2: 'error', off: 'off', warn: 'warn', error: 'error' };

/** Which option of which rule each catalog extension adds to. */
const CATALOG_OPTIONS: readonly [keyof CatalogExtensions, string, string][] = [
  ['sqlSinks', 'persona/parameterized-queries', 'sinks'],
  ['sqlSanitizers', 'persona/parameterized-queries', 'sanitizers'],
  ['loggers', 'persona/no-secret-logging', 'loggers'],
  ['redactors', 'persona/no-secret-logging', 'redactors'],
  ['authMiddleware', 'persona/require-auth', 'authMiddleware'],
  ['rateLimitMiddleware', 'persona/rate-limiting', 'limiters'],
  ['securityHeadersMiddleware', 'persona/security-headers', 'middleware'],
];

function entryParts(entry: RuleEntry | Linter.RuleEntry): { severity: Linter.StringSeverity; options: unknown[] | undefined } {
  if (Array.isArray(entry)) {
    const [severity, ...options] = entry as [Severity, ...unknown[]];
    return { severity: SEVERITY_NAMES[String(severity)]!, options: options.length > 0 ? options : undefined };
  }
  return { severity: SEVERITY_NAMES[String(entry)]!, options: undefined };
}

const union = (first: unknown, second: readonly unknown[]) => [...new Set([...(Array.isArray(first) ? first : []), ...second])];

/**
 * The effective settings: the rules the persona document states (when there is one) or else the
 * preset's, then the configuration's rules over them (a severity alone keeps the options it
 * overrides, as in ESLint), then the catalog extensions added to the options of the rules that
 * use them. Which of a persona and a preset applies is the caller's choice.
 */
export function resolveConfig(config: PersonaConfig, presetOverride?: PresetName, persona?: CompiledPersona): ResolvedConfig {
  const preset = presetOverride ?? config.preset ?? 'recommended';
  const effective = new Map<string, { severity: Linter.StringSeverity; options: unknown[] }>();
  const base: Readonly<Record<string, RuleEntry | Linter.RuleEntry | undefined>> = persona ? persona.rules : (plugin.configs[preset].rules ?? {});
  for (const [ruleId, entry] of Object.entries(base)) {
    const { severity, options } = entryParts(entry!);
    effective.set(ruleId, { severity, options: options ?? [] });
  }
  for (const [ruleId, entry] of Object.entries(config.rules ?? {})) {
    const { severity, options } = entryParts(entry);
    effective.set(ruleId, { severity, options: options ?? effective.get(ruleId)?.options ?? [] });
  }
  const catalog = config.catalog ?? {};
  for (const [extension, ruleId, option] of CATALOG_OPTIONS) {
    const names = catalog[extension];
    const rule = effective.get(ruleId);
    if (!names || !rule || rule.severity === 'off') continue;
    const first = (rule.options[0] ?? {}) as Record<string, unknown>;
    rule.options = [{ ...first, [option]: union(first[option], names) }, ...rule.options.slice(1)];
  }
  const rules = Object.fromEntries(
    [...effective].filter(([, rule]) => rule.severity !== 'off').map(([ruleId, rule]) => [ruleId, [rule.severity, ...rule.options] as [Linter.StringSeverity, ...unknown[]]]),
  );
  return {
    preset,
    ...(persona ? { persona } : {}),
    rules,
    ignores: config.ignore ?? [],
    middleware: {
      auth: catalog.authMiddleware ?? [],
      validation: catalog.validationMiddleware ?? [],
      rateLimit: catalog.rateLimitMiddleware ?? [],
      securityHeaders: catalog.securityHeadersMiddleware ?? [],
    },
  };
}
