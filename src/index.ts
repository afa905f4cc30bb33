import tsParser from '@typescript-eslint/parser';
import type { ESLint, Linter } from 'eslint';
import { LINTED_FILES } from './linted-files.js';
import { PACKAGE_JSON } from './package-root.js';
import { rules } from './rules.js';

const { name, version } = PACKAGE_JSON;

type Severity = 'error' | 'warn';

function presetRules(filter: (recommended: boolean) => boolean, severity: Severity): Linter.RulesRecord {
  return Object.fromEntries(
    Object.entries(rules)
      .filter(([, rule]) => filter(rule.meta.docs?.recommended === true))
      .map(([ruleName]) => [`persona/${ruleName}`, severity]),
  );
}

/** Options that the recommended preset sets: only the high-precision part of a rule. */
const RECOMMENDED_OPTIONS: Readonly<Record<string, unknown[]>> = {
  'cors-policy': [{ allowPublicWildcard: true }],
};

/**
 * Options that the strict preset sets beyond each rule's defaults. Personal data in logs
 * (`no-secret-logging`'s `pii`) stays opt-in: the standard forbids secrets, and an e-mail is not one.
 */
const STRICT_OPTIONS: Readonly<Record<string, unknown[]>> = {
  'health-endpoint': [{ requireDependencyCheck: true }],
  'rate-limiting': [{ scope: 'routes' }],
};

// Typed with ESLint's own types (eslint is a peer dependency), so that a user's
// `export default [persona.configs.recommended]` type-checks in eslint.config.ts.
const plugin = {
  meta: { name, version, namespace: 'persona' },
  rules,
  configs: {} as Record<'recommended' | 'strict', Linter.Config>,
};

function preset(presetName: string, presetRulesObject: Linter.RulesRecord): Linter.Config {
  return {
    name: `persona/${presetName}`,
    files: LINTED_FILES,
    plugins: { persona: plugin as unknown as ESLint.Plugin },
    languageOptions: { parser: tsParser as Linter.Parser },
    rules: presetRulesObject,
  };
}

const withOptions = (presetRulesObject: Linter.RulesRecord, options: Readonly<Record<string, unknown[]>>): Linter.RulesRecord => ({
  ...presetRulesObject,
  ...Object.fromEntries(
    Object.entries(options)
      .filter(([ruleName]) => `persona/${ruleName}` in presetRulesObject)
      .map(([ruleName, ruleOptions]) => [`persona/${ruleName}`, ['error', ...ruleOptions]]),
  ),
});

plugin.configs.recommended = preset('recommended', withOptions(presetRules((recommended) => recommended, 'error'), RECOMMENDED_OPTIONS));
plugin.configs.strict = preset('strict', withOptions(presetRules(() => true, 'error'), STRICT_OPTIONS));

export default plugin;
