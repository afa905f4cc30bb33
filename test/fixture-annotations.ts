import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter, type Rule } from 'eslint';
import { LINTED_FILES } from '../src/linted-files.js';

export const FIXTURES_DIR = new URL('../fixtures/', import.meta.url).pathname;
const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);

export interface FixtureFile {
  readonly path: string;
  readonly name: string;
  readonly code: string;
  readonly options: unknown[];
  /** Line number to the message ids that must be reported there. */
  readonly expected: ReadonlyMap<number, readonly string[]>;
  /** Lines marked as near misses. */
  readonly nearMisses: readonly number[];
}

const EXPECT = /\/\/\s*expect:\s*([\w ,]+?)\s*$/u;
const OK = /\/\/\s*ok:/u;
const OPTIONS = /^\/\*\s*persona-options:\s*([^]*?)\*\//u;

/** Folders of whole projects: analyzer apps and CLI end-to-end projects, not a rule's fixtures. */
const PROJECT_FOLDERS = new Set(['apps', 'cli']);

/** The rule ids that have a fixture folder. */
export function fixtureRuleIds(): string[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !PROJECT_FOLDERS.has(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/**
 * The fixture files of a rule, subfolders included: a pattern that spans files (a controller and the
 * routes that register it, a helper in another module) is several files that import each other.
 */
export function readFixtures(ruleId: string): FixtureFile[] {
  const directory = join(FIXTURES_DIR, ruleId);
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => SOURCE_EXTENSIONS.has(extname(name)))
    .sort()
    .map((name) => {
      const path = join(directory, name);
      const code = readFileSync(path, 'utf8');
      const optionsMatch = OPTIONS.exec(code);
      const expected = new Map<number, string[]>();
      const nearMisses: number[] = [];
      code.split('\n').forEach((line, index) => {
        const expectMatch = EXPECT.exec(line);
        if (expectMatch) expected.set(index + 1, expectMatch[1]!.split(',').map((id) => id.trim()).sort());
        if (OK.test(line)) nearMisses.push(index + 1);
      });
      return { path, name, code, options: optionsMatch ? (JSON.parse(optionsMatch[1]!) as unknown[]) : [], expected, nearMisses };
    });
}

/** Lints a fixture with one rule alone, with the fixture's options, as `fixtures/<rule-id>/<name>`. */
export function lintFixture(ruleId: string, rule: Rule.RuleModule, fixture: FixtureFile): Linter.LintMessage[] {
  const extension = extname(fixture.name);
  return new Linter({ configType: 'flat' }).verify(
    fixture.code,
    [
      {
        files: LINTED_FILES,
        plugins: { persona: { rules: { [ruleId]: rule } } },
        languageOptions: {
          parser: tsParser as never,
          sourceType: extension === '.cjs' ? 'commonjs' : 'module',
          parserOptions: { ecmaFeatures: { jsx: extension.endsWith('x') } },
        },
        rules: { [`persona/${ruleId}`]: ['error', ...fixture.options] as Linter.RuleEntry },
      },
    ],
    { filename: `fixtures/${ruleId}/${fixture.name}` },
  );
}
