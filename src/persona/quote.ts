import type { LintMessage, LintResult, PersonaStatementRef } from '../report/types.js';
import type { CompiledPersona, Source } from './compile.js';

const MAX_QUOTE = 160;

/** The statement a finding of a rule quotes: the one whose words its message mentions, else the first that states the rule. */
export function sourceFor(persona: CompiledPersona, ruleId: string, message: string): Source | undefined {
  const sources = persona.sources[ruleId];
  if (!sources || sources.length === 0) return undefined;
  const lower = message.toLowerCase();
  return sources.find((source) => source.keywords.some((keyword) => lower.includes(keyword.toLowerCase()))) ?? sources[0];
}

const quoted = (text: string) => (text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text);

/**
 * Findings under a persona quote the team's own statement they enforce, with its line: in the
 * message, so that every report shows it (stylish, JSON, SARIF, GitHub, GitLab), and as a
 * `persona` property for the reports that carry data (JSON, SARIF). `shownFile` is the
 * document's name in messages.
 */
export function quoteStatements(results: readonly LintResult[], persona: CompiledPersona, shownFile: string): LintResult[] {
  const quote = <Message extends LintMessage>(message: Message): Message => {
    if (message.ruleId === null) return message;
    const source = sourceFor(persona, message.ruleId, message.message);
    if (!source) return message;
    const ref: PersonaStatementRef = { file: persona.file, line: source.line, statement: source.text };
    return { ...message, message: `${message.message} (${shownFile}:${source.line}: "${quoted(source.text)}")`, persona: ref };
  };
  return results.map((result) => ({ ...result, messages: result.messages.map(quote), suppressedMessages: result.suppressedMessages.map(quote) }));
}
