/** Where the package's documentation is online: rule docs and the standards they enforce. */
const REPOSITORY_DOCS = 'https://github.com/persona-lint/persona-lint/blob/main/docs/';

export const ruleDocUrl = (ruleName: string): string => `${REPOSITORY_DOCS}rules/${ruleName}.md`;

/** Where docs/standards.md states the standard a rule enforces: its section is named after the rule. */
export const standardUrl = (ruleName: string): string => `${REPOSITORY_DOCS}standards.md#${ruleName}`;
