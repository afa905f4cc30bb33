import type { ESLint } from 'eslint';

/** What a formatter knows besides the results: every surface prints the same ESLint results. */
export interface ReportContext {
  /** The repository (or project) root; paths in reports are relative to it, with `/`. */
  readonly cwd: string;
  /** Meta of every rule that ran, by full id (`persona/parameterized-queries`). */
  readonly rulesMeta: Readonly<Record<string, RuleMeta>>;
  /** The text that was linted for a file (the staged text in `--staged` mode), by absolute path. */
  readonly sourceOf: (filePath: string) => string | undefined;
  /** The version of persona-lint, for SARIF's `tool.driver.version`. */
  readonly toolVersion: string;
}

export interface RuleMeta {
  readonly type?: 'problem' | 'suggestion' | 'layout';
  readonly docs?: {
    readonly description?: string;
    readonly url?: string;
    readonly recommended?: boolean;
    readonly standard?: string;
    readonly projectCheck?: boolean;
    readonly precision?: 'very-high' | 'high' | 'medium' | 'low';
    readonly securitySeverity?: number;
  };
}

export type LintResult = ESLint.LintResult;
export type LintMessage = LintResult['messages'][number];

/** The statement of the team's persona document that a finding enforces (findings under a persona carry it). */
export interface PersonaStatementRef {
  /** The document, absolute. */
  readonly file: string;
  readonly line: number;
  readonly statement: string;
}

/** The persona statement a message quotes, if it ran under a persona document. */
export function personaStatementOf(message: LintMessage): PersonaStatementRef | undefined {
  return (message as { persona?: PersonaStatementRef }).persona;
}
