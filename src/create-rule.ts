import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';

export interface PersonaRuleDocs {
  /** Whether the rule is in the `recommended` preset (every rule is in `strict`). */
  recommended: boolean;
  /** The persona standard the rule enforces, as written in STANDARDS.md. */
  standard: string;
  /** A project check: it reads the analyzer's model of the whole project, not one file. */
  projectCheck?: boolean;
  /** How often a finding is a real problem, measured on real backends (SARIF's `precision`). */
  precision: 'very-high' | 'high' | 'medium' | 'low';
  /** CVSS-style score of the weakness, 0.1 to 10 (SARIF's `security-severity`); absent for rules that are not about security. */
  securitySeverity?: number;
}

export const DOCS_BASE_URL = 'https://github.com/persona-lint/persona-lint/blob/main/docs/rules/';

const createTypedRule = ESLintUtils.RuleCreator<PersonaRuleDocs>((name) => `${DOCS_BASE_URL}${name}.md`);

type RuleDefinition<Options extends readonly unknown[], MessageIds extends string> = Omit<
  Parameters<typeof createTypedRule<Options, MessageIds>>[0],
  'defaultOptions'
> & { meta: { defaultOptions: Options } };

/**
 * Creates a persona rule: sets the docs URL, and applies `meta.defaultOptions` (where ESLint 9+
 * and the docs generator read them) to the options the rule receives.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: RuleDefinition<Options, MessageIds>,
): TSESLint.RuleModule<MessageIds, Options, PersonaRuleDocs> & { name: string } {
  const created = createTypedRule<Options, MessageIds>({ ...rule, defaultOptions: rule.meta.defaultOptions });
  return { ...created, name: rule.name };
}
