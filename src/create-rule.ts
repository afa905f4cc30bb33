import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';
import { isTestFile } from './ast/test-files.js';
import { TEST_FILE_PATTERNS } from './catalog/test-files.js';
import { ruleDocUrl } from './doc-links.js';

export interface PersonaRuleDocs {
  /** Whether the rule is in the `recommended` preset (every rule is in `strict`). */
  recommended: boolean;
  /** The persona standard the rule enforces, as docs/standards.md states it. */
  standard: string;
  /** A project check: it reads the analyzer's model of the whole project, not one file. */
  projectCheck?: boolean;
  /** How often a finding is a real problem, measured on real backends (SARIF's `precision`). */
  precision: 'very-high' | 'high' | 'medium' | 'low';
  /** CVSS-style score of the weakness, 0.1 to 10 (SARIF's `security-severity`); absent for rules that are not about security. */
  securitySeverity?: number;
  /** The rule judges code that serves requests: test files (`TEST_FILE_PATTERNS`), which serve none, are not checked. */
  servedTraffic?: boolean;
}


type RuleModule<Options extends readonly unknown[], MessageIds extends string> = TSESLint.RuleModule<MessageIds, Options, PersonaRuleDocs>;

type RuleDefinition<Options extends readonly unknown[], MessageIds extends string> = Omit<RuleModule<Options, MessageIds>, 'create' | 'defaultOptions' | 'meta'> & {
  name: string;
  meta: Omit<TSESLint.RuleMetaData<MessageIds, PersonaRuleDocs, Options>, 'docs'> & { docs: PersonaRuleDocs & { description: string }; defaultOptions: Options };
  create: (context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, options: Readonly<Options>) => TSESLint.RuleListener;
};

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Creates a persona rule: sets the docs URL, and applies `meta.defaultOptions` (where ESLint 9+
 * and the docs generator read them) to the options the rule receives.
 *
 * Every file of a run has the same options: they are merged once per distinct value and frozen,
 * not cloned for each file, so that a rule can also cache what it derives from them.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: RuleDefinition<Options, MessageIds>,
): RuleModule<Options, MessageIds> & { name: string } {
  const { create, meta, name, ...rest } = rule;
  const merged = new Map<string, Options>();
  // With a severity alone in the config, ESLint gives every file the default option object itself.
  const byIdentity = new WeakMap<object, Options>();
  return {
    ...rest,
    name,
    meta: { ...meta, docs: { ...meta.docs, url: ruleDocUrl(name) } },
    defaultOptions: meta.defaultOptions,
    create(context) {
      if (meta.docs.servedTraffic && isTestFile(context.filename, context.cwd, TEST_FILE_PATTERNS)) return {};
      const [first] = context.options;
      const shared = context.options.length === 1 && typeof first === 'object' && first !== null ? first : undefined;
      let options = shared && byIdentity.get(shared);
      if (!options) {
        const key = JSON.stringify(context.options);
        options = merged.get(key) ?? deepFreeze(structuredClone(ESLintUtils.applyDefault(meta.defaultOptions, context.options)) as Options);
        merged.set(key, options);
        if (shared) byIdentity.set(shared, options);
      }
      return create(context, options);
    },
  };
}
