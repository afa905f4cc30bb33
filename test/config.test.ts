import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/errors.js';
import { validatePersonaConfig } from '../src/config/load.js';
import { resolveConfig } from '../src/config/resolve.js';
import { compilePersona } from '../src/persona/compile.js';
import { personaConfigSchema } from '../src/config/schema.js';

function problemsOf(value: unknown): readonly string[] {
  try {
    validatePersonaConfig(value, '.personarc.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('the configuration was accepted');
}

describe('the persona config schema', () => {
  it('ships as personarc.schema.json, generated from the rules (npm run schema)', () => {
    const shipped = JSON.parse(readFileSync(new URL('../personarc.schema.json', import.meta.url), 'utf8')) as unknown;
    expect(shipped).toEqual(JSON.parse(JSON.stringify(personaConfigSchema())));
  });

  it('accepts a full configuration', () => {
    const config = {
      $schema: './node_modules/eslint-plugin-persona/personarc.schema.json',
      preset: 'strict',
      rules: {
        'persona/cors-policy': 'off',
        'persona/no-secret-logging': ['warn', { pii: false, redactors: ['scrub'] }],
        'persona/rate-limiting': 2,
      },
      catalog: { sqlSinks: [{ object: 'warehouse', methods: ['run'] }], loggers: ['audit'], authMiddleware: ['withUser'] },
      ignore: ['scripts/**'],
    };
    expect(validatePersonaConfig(config, '.personarc.json')).toBe(config);
  });

  it('names the key path and the allowed options of an unknown rule option', () => {
    expect(problemsOf({ rules: { 'persona/no-secret-logging': ['error', { redactor: ['scrub'] }] } })).toEqual([
      'rules["persona/no-secret-logging"][1].redactor: unknown option; allowed: loggers, redactors, sensitiveNames, allowedNames, pii',
    ]);
  });

  it('lists the severities for a wrong one', () => {
    expect(problemsOf({ rules: { 'persona/cors-policy': 'errors' } })).toEqual([
      'rules["persona/cors-policy"]: "errors" is not allowed; allowed: "off", "warn", "error", 0, 1, 2',
    ]);
  });

  it('lists the rules for an unknown one', () => {
    const [problem] = problemsOf({ rules: { 'persona/sql-injection': 'error' } });
    expect(problem).toMatch(/^rules\["persona\/sql-injection"\]: unknown rule; allowed: persona\/api-versioning, .*persona\/parameterized-queries/u);
  });

  it('rejects a configuration that is not an object, and unknown top-level keys', () => {
    expect(problemsOf([])).toEqual(['(the whole configuration): must be object, found array']);
    expect(problemsOf({ extends: 'recommended' })).toEqual(['"extends": unknown key; allowed: $schema, preset, persona, rules, catalog, ignore']);
  });

  it('reports every problem, not only the first', () => {
    expect(problemsOf({ preset: 'strictest', ignore: 'dist' })).toEqual([
      'preset: "strictest" is not allowed; allowed: "recommended", "strict"',
      'ignore: must be array, found string',
    ]);
  });

  it('takes a persona document instead of a preset, not both', () => {
    expect(validatePersonaConfig({ persona: 'docs/persona.md', rules: { 'persona/cors-policy': 'off' } }, '.personarc.json')).toEqual({ persona: 'docs/persona.md', rules: { 'persona/cors-policy': 'off' } });
    expect(problemsOf({ persona: '' })).toEqual(['persona: must NOT have fewer than 1 characters']);
    expect(problemsOf({ preset: 'strict', persona: 'docs/persona.md' })).toEqual(['"preset" and "persona" cannot both be set: the persona document decides which rules are on (set one of them)']);
  });

  it('checks the option types of a rule', () => {
    expect(problemsOf({ rules: { 'persona/rate-limiting': ['error', { scope: 'everything' }] } })).toEqual([
      'rules["persona/rate-limiting"][1].scope: "everything" is not allowed; allowed: "app", "routes"',
    ]);
  });
});

describe('resolving the effective rules', () => {
  it('starts from the recommended preset: the high-precision project checks on, require-auth and api-versioning off', () => {
    const { rules } = resolveConfig({});
    expect(rules['persona/parameterized-queries']).toEqual(['error']);
    expect(rules['persona/cors-policy']).toEqual(['error', { allowPublicWildcard: true }]);
    expect(rules['persona/rate-limiting']).toEqual(['error']);
    expect(rules['persona/require-auth']).toBeUndefined();
    expect(rules['persona/api-versioning']).toBeUndefined();
  });

  it('lets --preset override the configured preset', () => {
    expect(resolveConfig({ preset: 'recommended' }, 'strict').rules['persona/rate-limiting']).toEqual(['error', { scope: 'routes' }]);
  });

  it('keeps the preset options when the config gives a severity only, and drops rules turned off', () => {
    const { rules } = resolveConfig({ preset: 'strict', rules: { 'persona/rate-limiting': 'warn', 'persona/cors-policy': 0 } });
    expect(rules['persona/rate-limiting']).toEqual(['warn', { scope: 'routes' }]);
    expect(rules['persona/cors-policy']).toBeUndefined();
  });

  it('under a persona document, starts from the rules it states instead of a preset; the configuration\'s rules still win', () => {
    const persona = compilePersona('- Never log e-mail addresses.\n- Every service answers `GET /healthz` as its health check.\n- You should paginate lists.\n', '/team/persona.md');
    const resolved = resolveConfig({ rules: { 'persona/paginate-lists': 'error', 'persona/cors-policy': 'warn', 'persona/health-endpoint': 'off' }, catalog: { loggers: ['audit'] } }, undefined, persona);
    expect(resolved.persona).toBe(persona);
    expect(resolved.rules).toEqual({
      'persona/no-secret-logging': ['error', { sensitiveNames: ['email', 'emails'], loggers: ['audit'] }],
      // A severity alone keeps the document's options; a rule the document does not state is on only when the configuration says so.
      'persona/paginate-lists': ['error', {}],
      'persona/cors-policy': ['warn'],
    });
  });

  it('adds catalog extensions to the options of the rules that use them', () => {
    const resolved = resolveConfig({
      preset: 'strict',
      rules: { 'persona/no-secret-logging': ['error', { redactors: ['scrub'] }] },
      catalog: { sqlSinks: [{ object: 'warehouse' }], sqlSanitizers: ['quoteIdent'], redactors: ['scrub', 'mask2'], rateLimitMiddleware: ['apiLimiter'], validationMiddleware: ['validateBody'] },
    });
    expect(resolved.rules['persona/parameterized-queries']).toEqual(['error', { sinks: [{ object: 'warehouse' }], sanitizers: ['quoteIdent'] }]);
    expect(resolved.rules['persona/no-secret-logging']).toEqual(['error', { redactors: ['scrub', 'mask2'] }]);
    expect(resolved.rules['persona/rate-limiting']).toEqual(['error', { scope: 'routes', limiters: ['apiLimiter'] }]);
    expect(resolved.middleware).toEqual({ auth: [], validation: ['validateBody'], rateLimit: ['apiLimiter'], securityHeaders: [] });
  });
});
