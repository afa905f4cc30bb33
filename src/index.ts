import tsParser from '@typescript-eslint/parser';
import type { ESLint, Linter, Rule } from 'eslint';
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
  'security-headers': [{ allowDisabled: [] }],
};

/**
 * The plugin, typed with the ESLint types of the user's own ESLint (a peer dependency), 9 or 10,
 * so that `defineConfig([persona.configs.recommended])` and `plugins: { persona }` type-check in
 * an eslint.config.ts. The rules keep their own types as well.
 */
export interface PersonaPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: { [RuleName in keyof typeof rules]: (typeof rules)[RuleName] & Rule.RuleModule };
  configs: Record<'recommended' | 'strict', Linter.Config>;
}

const plugin = {
  meta: { name, version, namespace: 'persona' },
  rules,
  configs: {},
} as unknown as PersonaPlugin;

function preset(presetName: string, presetRulesObject: Linter.RulesRecord): Linter.Config {
  return {
    name: `persona/${presetName}`,
    files: LINTED_FILES,
    plugins: { persona: plugin },
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
