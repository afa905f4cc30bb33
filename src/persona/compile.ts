import { describeEnvelope, envelopeOf, looksLikeError, looksLikeSuccess, parseExample } from './envelope.js';
import { readStatements, type Statement, type StatementKind } from './markdown.js';
import { OTHER_LANGUAGE, OTHER_LANGUAGES, RULE_TOPICS, SCRIPT_LANGUAGES, SHELL_LANGUAGES, UNCHECKABLE, type Contribution, type Reading, type RuleName } from './topics.js';

export type Severity = 'error' | 'warn';

/** A rule a statement turns on, with the options the statement itself gives it. */
export interface RuleUse {
  readonly rule: RuleName;
  readonly severity: Severity;
  readonly options: Readonly<Record<string, unknown>>;
}

export type Outcome =
  | { readonly status: 'enforced'; readonly rules: readonly RuleUse[]; readonly notes: readonly string[] }
  | { readonly status: 'not checkable'; readonly reason: string }
  | { readonly status: 'not understood'; readonly reason: string };

export interface CompiledStatement {
  readonly line: number;
  readonly kind: StatementKind;
  /** The statement's text; for a code block, what it states (`Error Format: { success: false, ... }`) or what it is. */
  readonly text: string;
  readonly language?: string;
  readonly outcome: Outcome;
}

/** A statement a rule enforces, as findings of the rule quote it. */
export interface Source {
  readonly line: number;
  readonly text: string;
  /** Words of a finding's message that make this statement the one to quote. */
  readonly keywords: readonly string[];
}

export interface CompiledPersona {
  /** The document, as it was named (absolute). */
  readonly file: string;
  readonly statements: readonly CompiledStatement[];
  /** The rules the document turns on, by full id, in ESLint's format: `[severity, options]`. */
  readonly rules: Readonly<Record<string, [Severity, Record<string, unknown>]>>;
  /** For each rule it turns on, the statements that state its standard, in document order. */
  readonly sources: Readonly<Record<string, readonly Source[]>>;
}

const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/\be-mail/gu, 'email')
    .replace(/[‘’]/gu, "'")
    .replace(/`/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();

const NEGATION = /\b(?:never|do not|don't|dont|must not|mustn't|should not|shouldn't|shall not|may not|cannot|can't|avoid\w*|forbid\w*|prohibit\w*|disallow\w*|not allowed|refrain)\b|^no\b|❌|🚫|⛔|✗|✘/u;
const NEGATIVE_SECTION = /\b(?:never|don'?ts?|do not|avoid|anti-?patterns?|must not|forbidden|prohibited|pitfalls?|mistakes?)\b|❌|🚫/u;
const STRONG = /\b(?:must|shall|required|mandatory)\b|❌|🚫|⛔/u;
const ADVISORY = /\b(?:should|prefer\w*|recommend\w*|consider|ideally|try to|aim\w*|encourag\w*|avoid\w*|may|could)\b/u;
const ABSOLUTE = /\b(?:never|always|only|do not|don't)\b/u;
const TESTS = UNCHECKABLE[0]!.pattern;
const HEADING_ABOUT_TESTS = /\btest/u;

/** How strongly a text asks: "must" and "never" are errors, "should" and "avoid" warnings. */
function strength(text: string): Severity | undefined {
  if (STRONG.test(text)) return 'error';
  if (ADVISORY.test(text)) return 'warn';
  return ABSOLUTE.test(text) ? 'error' : undefined;
}

function readingOf(statement: Statement): { reading: Reading; severity: Severity; nearest: string } {
  const text = normalize(statement.text);
  const context = statement.context.map(normalize);
  const colon = text.indexOf(': ');
  const label = colon > 0 && colon <= 60 ? text.slice(0, colon) : '';
  const prohibits = NEGATION.test(text) || context.some((entry) => NEGATIVE_SECTION.test(entry));
  // The statement's own words decide; else the nearest heading or lead-in that says how strongly; else it is stated plainly.
  const severity = strength(text) ?? [...context].reverse().map(strength).find((found) => found !== undefined) ?? 'error';
  return { reading: { text, label, context: context.join(' / '), prohibits }, severity, nearest: statement.context.at(-1) ?? '' };
}

const uncheckable = (text: string) => UNCHECKABLE.find((topic) => topic.pattern.test(text))?.reason;

/** What a fenced code block states: an error envelope (JSON or YAML error body), or why it states nothing checkable. */
function codeOutcome(statement: Statement, severity: Severity): { text: string; outcome: Outcome; contribution?: Contribution } {
  const language = statement.language ?? '';
  const code = statement.code ?? '';
  const lines = code.split('\n').length;
  const described = `${language || 'untagged'} code block (${lines} line${lines === 1 ? '' : 's'})`;
  const dataLanguage = ['json', 'jsonc', 'json5'].includes(language) || (language === '' && /^\s*\{/u.test(code)) ? 'json' : ['yaml', 'yml'].includes(language) ? 'yaml' : undefined;
  if (dataLanguage) {
    const parsed = parseExample(code, dataLanguage);
    if ('problem' in parsed) return { text: described, outcome: { status: 'not understood', reason: `the ${dataLanguage.toUpperCase()} block does not parse: ${parsed.problem}` } };
    const aboutErrors = statement.context.some((entry) => /\b(?:errors?|problems?|failures?|exceptions?)\b/iu.test(entry));
    const envelope = looksLikeError(parsed.value) || (aboutErrors && !looksLikeSuccess(parsed.value)) ? envelopeOf(parsed.value, parsed.optional) : undefined;
    if (!envelope) return { text: described, outcome: { status: 'not checkable', reason: `a ${dataLanguage.toUpperCase()} example that is not an error body: persona-lint checks the shape of error responses only` } };
    const options = { envelope };
    return {
      text: `${statement.context.at(-1) ?? 'Error body'}: ${describeEnvelope(envelope)}`,
      outcome: { status: 'enforced', rules: [{ rule: 'error-envelope', severity, options }], notes: [] },
      contribution: { options, keywords: ['envelope'] },
    };
  }
  const other = OTHER_LANGUAGES[language];
  if (other) return { text: described, outcome: { status: 'not checkable', reason: `code in ${other}: persona-lint checks JavaScript and TypeScript` } };
  if (SHELL_LANGUAGES.has(language)) return { text: described, outcome: { status: 'not checkable', reason: 'shell commands: not code persona-lint checks' } };
  if (language === 'sql') return { text: described, outcome: { status: 'not checkable', reason: 'SQL for the database (tables, indexes, views): the database is not linted' } };
  if (SCRIPT_LANGUAGES.has(language)) return { text: described, outcome: { status: 'not understood', reason: 'an example: persona-lint reads the standards the text states, not the examples' } };
  if (language === 'markdown' || language === 'md') return { text: described, outcome: { status: 'not understood', reason: 'a Markdown template, not a standard' } };
  return { text: described, outcome: { status: 'not understood', reason: language ? `a ${language} block, not a standard` : 'a block without a language (a listing or a diagram), not a standard' } };
}

const EXPLICIT_RULE = /\bpersona\/([a-z-]+)\b/gu;
/** Every rule of the plugin: each has a topic. */
export const RULE_NAMES: readonly RuleName[] = [...new Set(RULE_TOPICS.map((topic) => topic.rule))].sort();
const KNOWN_RULES: ReadonlySet<string> = new Set(RULE_NAMES);

/** What a statement of text (a heading, a list item, a table row, a sentence) states. */
function textOutcome(statement: Statement): { outcome: Outcome; contributions: Map<RuleName, Contribution | undefined> } {
  const { reading, severity } = readingOf(statement);
  const contributions = new Map<RuleName, Contribution | undefined>();
  // A statement about tests asks for tests, whatever they test ("Extensive integration tests for JWT validation").
  const aboutTests = TESTS.test(reading.label) || TESTS.test(reading.text.split(' ').slice(0, 3).join(' ')) || HEADING_ABOUT_TESTS.test(normalize(statement.context.at(-1) ?? ''));
  // A statement about another language's tools is about that language ("`diesel-async` for non-blocking database operations").
  if (!aboutTests && !OTHER_LANGUAGE.pattern.test(reading.text)) {
    for (const topic of RULE_TOPICS) if (topic.matches(reading)) contributions.set(topic.rule, topic.options?.(reading));
    for (const match of statement.text.matchAll(EXPLICIT_RULE)) if (KNOWN_RULES.has(match[1]!)) contributions.set(match[1] as RuleName, contributions.get(match[1] as RuleName));
  }
  if (contributions.size > 0) {
    const uses = [...contributions].map(([rule, contribution]) => ({ rule, severity, options: contribution?.options ?? {} }));
    return { outcome: { status: 'enforced', rules: uses, notes: [...contributions.values()].flatMap((contribution) => contribution?.notes ?? []) }, contributions };
  }
  const reason = (reading.label ? uncheckable(reading.label) : undefined) ?? uncheckable(reading.text);
  if (reason) return { outcome: { status: 'not checkable', reason }, contributions };
  const unknown = statement.kind === 'heading' ? 'a heading: the statements under it say what it asks' : 'persona-lint does not recognize a standard it checks in this statement';
  return { outcome: { status: 'not understood', reason: unknown }, contributions };
}

const RANK: Readonly<Record<Severity, number>> = { warn: 1, error: 2 };

/** Array options add up; other options keep the first statement's value (a later, different one is noted on its statement). */
function mergeOptions(into: Record<string, unknown>, options: Readonly<Record<string, unknown>>, firstLine: Map<string, number>, line: number): string[] {
  const notes: string[] = [];
  for (const [key, value] of Object.entries(options)) {
    const existing = into[key];
    if (Array.isArray(value)) into[key] = [...new Set([...((existing as unknown[] | undefined) ?? []), ...value])];
    else if (existing === undefined || (key === 'envelope' && existing === 'infer')) {
      into[key] = value;
      firstLine.set(key, line);
    } else if (!(key === 'envelope' && value === 'infer') && JSON.stringify(existing) !== JSON.stringify(value)) {
      notes.push(`its ${key} is not used: line ${firstLine.get(key)} states another one first`);
    }
  }
  return notes;
}

/**
 * Compiles a persona document: every statement with what became of it (enforced by which rules
 * with which options, not checkable by a linter and why, or not understood), and the rule
 * settings it adds up to. Deterministic: the same text always gives the same result.
 */
export function compilePersona(markdown: string, file: string): CompiledPersona {
  const statements: CompiledStatement[] = [];
  const settings = new Map<RuleName, { severity: Severity; options: Record<string, unknown>; firstLine: Map<string, number> }>();
  const sources = new Map<RuleName, Source[]>();
  for (const statement of readStatements(markdown)) {
    let text = statement.text;
    let outcome: Outcome;
    let contributions: Map<RuleName, Contribution | undefined>;
    if (statement.kind === 'code block') {
      const code = codeOutcome(statement, readingOf(statement).severity);
      ({ text, outcome } = code);
      contributions = new Map(code.contribution ? [['error-envelope', code.contribution]] : []);
    } else {
      ({ outcome, contributions } = textOutcome(statement));
    }
    if (outcome.status === 'enforced') {
      const notes = [...outcome.notes];
      for (const use of outcome.rules) {
        let setting = settings.get(use.rule);
        if (!setting) settings.set(use.rule, (setting = { severity: use.severity, options: {}, firstLine: new Map() }));
        if (RANK[use.severity] > RANK[setting.severity]) setting.severity = use.severity;
        notes.push(...mergeOptions(setting.options, use.options, setting.firstLine, statement.line).map((note) => `${use.rule}: ${note}`));
        const list = sources.get(use.rule) ?? [];
        list.push({ line: statement.line, text, keywords: contributions.get(use.rule)?.keywords ?? [] });
        sources.set(use.rule, list);
      }
      outcome = { ...outcome, notes };
    }
    statements.push({ line: statement.line, kind: statement.kind, text, ...(statement.language === undefined ? {} : { language: statement.language }), outcome });
  }
  // A document that asks for one envelope without writing it down asks for the one the project already uses.
  const envelope = settings.get('error-envelope');
  if (envelope && envelope.options.envelope === undefined) envelope.options.envelope = 'infer';
  const ordered = [...settings].sort(([first], [second]) => first.localeCompare(second));
  return {
    file,
    statements,
    rules: Object.fromEntries(ordered.map(([rule, setting]) => [`persona/${rule}`, [setting.severity, setting.options]])),
    sources: Object.fromEntries(ordered.map(([rule]) => [`persona/${rule}`, sources.get(rule)!])),
  };
}
