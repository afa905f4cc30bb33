/**
 * Every regular expression of the plugin runs in linear time: none takes over 100 ms on any of
 * several adversarial inputs of 100,000 characters (runs of one character, of word characters,
 * of spaces before a non-matching end, nested brackets and quotes, and runs of the characters
 * and words the pattern itself mentions).
 *
 * The patterns are collected from the source, so that none can be forgotten: every regular
 * expression literal in src/ and rules/, and every `RegExp(...)` / `new RegExp(...)` whose pattern
 * is a constant (string literals, templates and concatenations of constants, imported or not);
 * a string literal passed to `match`, `matchAll` or `search` is a pattern too. A part of a
 * `RegExp` pattern that is not a constant must be listed in NOT_CONSTANT below, with the reason.
 *
 * test/robustness.test.ts feeds adversarial input to the functions and rules that use the
 * patterns; this test checks the patterns themselves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const LIMIT_MS = 100;
/** A run (one pattern on one input) not finished in this time is stopped: a linear one takes milliseconds, an exponential one would never finish. */
const STUCK_MS = 2_000;
const THREADS = 2;

/**
 * The parts of `RegExp(...)` patterns that are not constants, as `file: expression`, with the
 * reason they are safe. The constant alternatives (the default of `a ?? b`) are still checked.
 */
const NOT_CONSTANT: Readonly<Record<string, string>> = {
  'src/analyzer/routers.ts: names': 'module names of the framework and server catalogs, escaped: literal alternatives',
  'src/analyzer/checks.ts: options.versionPattern': "the user's own pattern (the versionPattern option), run on the user's own route paths",
  'rules/no-nosql-injection.ts: methodNames': 'query and command method names of the catalog, escaped: literal alternatives',
  'rules/no-nosql-injection.ts: modelNames': 'configured model names made only of word characters, each a literal alternative between word boundaries',
  'rules/parameterized-queries.ts: calls': 'call names of the catalog and of configured sinks, escaped: literal alternatives',
  'rules/parameterized-queries.ts: modules': 'driver module names of the catalog, escaped: literal alternatives',
  'src/catalog/secrets.ts: source':
    'module and callee patterns of the secret-sink catalog: escaped literals, `[^.()]*` between them and at most one `.*`, anchored, run on module names and module paths of at most 80 characters',
};

interface Pattern {
  /** `file:line` */
  readonly where: string;
  readonly source: string;
  readonly flags: string;
}

function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(path);
    }
  };
  walk(join(REPO, 'src'));
  walk(join(REPO, 'rules'));
  return files.sort();
}

const parsed = new Map<string, ts.SourceFile>();
function parse(file: string): ts.SourceFile {
  let sourceFile = parsed.get(file);
  if (!sourceFile) {
    sourceFile = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    parsed.set(file, sourceFile);
  }
  return sourceFile;
}

/** The value of a string expression: every value it can have, and the parts that are not constants. */
interface Value {
  readonly strings: string[];
  readonly unknown: string[];
}

const known = (...strings: string[]): Value => ({ strings, unknown: [] });
const unknownValue = (node: ts.Node): Value => ({ strings: [], unknown: [node.getText()] });

/** `a + b`: every combination of their values. */
function concat(first: Value, second: Value): Value {
  return { strings: first.strings.flatMap((a) => second.strings.map((b) => a + b)), unknown: [...first.unknown, ...second.unknown] };
}

/** The initializer of a top-level `const name = ...` in the file, or of the declaration an import of `name` names. */
function declaration(file: string, name: string): { file: string; node: ts.Expression } | undefined {
  for (const statement of parse(file).statements) {
    if (ts.isVariableStatement(statement) && statement.declarationList.flags & ts.NodeFlags.Const) {
      for (const variable of statement.declarationList.declarations) {
        if (ts.isIdentifier(variable.name) && variable.name.text === name && variable.initializer) return { file, node: variable.initializer };
      }
    }
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text.startsWith('.')) {
      const bindings = statement.importClause?.namedBindings;
      if (!bindings || !ts.isNamedImports(bindings)) continue;
      for (const element of bindings.elements) {
        if (element.name.text !== name) continue;
        const target = resolve(dirname(file), statement.moduleSpecifier.text.replace(/\.js$/u, '.ts'));
        return declaration(target, (element.propertyName ?? element.name).text);
      }
    }
  }
  return undefined;
}

/** `seen`: the constants being resolved, so that a constant defined through itself ends the recursion. */
function evaluate(node: ts.Expression, file: string, seen: ReadonlySet<string> = new Set()): Value {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return known(node.text);
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return evaluate(node.expression, file, seen);
  if (ts.isTemplateExpression(node)) {
    let value = known(node.head.text);
    for (const span of node.templateSpans) value = concat(concat(value, evaluate(span.expression, file, seen)), known(span.literal.text));
    return value;
  }
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.PlusToken) return concat(evaluate(node.left, file, seen), evaluate(node.right, file, seen));
    if (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) {
      const [left, right] = [evaluate(node.left, file, seen), evaluate(node.right, file, seen)];
      return { strings: [...left.strings, ...right.strings], unknown: [...left.unknown, ...right.unknown] };
    }
  }
  if (ts.isConditionalExpression(node)) {
    const [whenTrue, whenFalse] = [evaluate(node.whenTrue, file, seen), evaluate(node.whenFalse, file, seen)];
    return { strings: [...whenTrue.strings, ...whenFalse.strings], unknown: [...whenTrue.unknown, ...whenFalse.unknown] };
  }
  if (ts.isIdentifier(node)) {
    const found = declaration(file, node.text);
    const key = found && `${found.file}:${found.node.pos}`;
    return found && !seen.has(key!) ? evaluate(found.node, found.file, new Set([...seen, key!])) : unknownValue(node);
  }
  // `OTHER.source`: the pattern of another regular expression literal.
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'source' && ts.isIdentifier(node.expression)) {
    const found = declaration(file, node.expression.text);
    if (found && ts.isRegularExpressionLiteral(found.node)) return known(literalPattern(found.node).source);
  }
  return unknownValue(node);
}

function literalPattern(node: ts.RegularExpressionLiteral): { source: string; flags: string } {
  const end = node.text.lastIndexOf('/');
  return { source: node.text.slice(1, end), flags: node.text.slice(end + 1) };
}

/** Every pattern of the plugin, and the parts of `RegExp(...)` patterns that are not constants. */
function collectPatterns(): { patterns: Pattern[]; notConstant: string[] } {
  const patterns: Pattern[] = [];
  const notConstant: string[] = [];
  for (const file of sourceFiles()) {
    const sourceFile = parse(file);
    const where = (node: ts.Node) => `${relative(REPO, file).split('\\').join('/')}:${sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) patterns.push({ where: where(node), ...literalPattern(node) });
      const isRegExp = (ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp';
      const [pattern, flags] = isRegExp ? (node.arguments ?? []) : [];
      if (pattern && !ts.isRegularExpressionLiteral(pattern)) {
        const value = evaluate(pattern, file);
        const flagValue = flags ? evaluate(flags, file) : known('');
        for (const part of [...value.unknown, ...flagValue.unknown]) notConstant.push(`${where(node).replace(/:\d+$/u, '')}: ${part}`);
        for (const source of value.strings) for (const flag of flagValue.strings) patterns.push({ where: where(node), source, flags: flag });
      }
      // `text.match('...')`: a string is made a pattern.
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ['match', 'matchAll', 'search'].includes(node.expression.name.text)) {
        const [argument] = node.arguments;
        if (argument && (ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument))) patterns.push({ where: where(node), source: argument.text, flags: '' });
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return { patterns, notConstant };
}

interface Outcome {
  readonly slow: Record<string, string[]>;
  readonly inputs: number;
}

/**
 * Runs the patterns in worker threads. A run not finished after STUCK_MS is reported as slow, and
 * its worker replaced to go on with the next pattern.
 */
async function timePatterns(patterns: readonly Pattern[]): Promise<Outcome> {
  const slow: Record<string, string[]> = {};
  let inputs = 0;
  const queue = patterns.map((pattern, id) => ({ id, source: pattern.source, flags: pattern.flags }));
  const label = (id: number) => `${patterns[id]!.where} /${patterns[id]!.source}/${patterns[id]!.flags}`;
  const runQueue = async (items: typeof queue): Promise<void> => {
    let remaining = items;
    while (remaining.length > 0) {
      remaining = await new Promise<typeof queue>((resolveRun, rejectRun) => {
        const worker = new Worker(new URL('./regex-linear-time.worker.mjs', import.meta.url), { workerData: { regexes: remaining, limitMs: LIMIT_MS } });
        let current: number | undefined;
        let timer: NodeJS.Timeout | undefined;
        const finish = (rest: typeof queue) => {
          clearTimeout(timer);
          worker.removeAllListeners();
          void worker.terminate();
          resolveRun(rest);
        };
        worker.on('message', (message: { started?: number; input?: string; done?: number; slow?: string[]; inputs?: number; finished?: boolean }) => {
          if (message.started !== undefined) {
            current = message.started;
            const input = message.input;
            clearTimeout(timer);
            timer = setTimeout(() => {
              // The other inputs of this pattern are not run: one is enough.
              slow[label(current!)] = [...(slow[label(current!)] ?? []), `${input}: stopped after ${STUCK_MS / 1000} s`];
              finish(remaining.slice(remaining.findIndex((item) => item.id === current) + 1));
            }, STUCK_MS);
          } else if (message.done !== undefined) {
            inputs += message.inputs ?? 0;
            if (message.slow && message.slow.length > 0) slow[label(message.done)] = message.slow;
          } else if (message.finished) {
            finish([]);
          }
        });
        worker.on('error', (error) => {
          clearTimeout(timer);
          rejectRun(error);
        });
      });
    }
  };
  await Promise.all(Array.from({ length: THREADS }, (_, thread) => runQueue(queue.filter((_, index) => index % THREADS === thread))));
  return { slow, inputs };
}

describe('regular expressions run in linear time', () => {
  const { patterns, notConstant } = collectPatterns();

  it('collects every regular expression of src/ and rules/; the ones that are not constants are known', () => {
    expect(patterns.length).toBeGreaterThan(200);
    // One of the token formats built from a constant, to show that templates of constants are read.
    expect(patterns).toContainEqual(expect.objectContaining({ where: expect.stringMatching(/^src\/catalog\/secrets\.ts:/u), source: expect.stringContaining('(?<![A-Za-z0-9_-])AIza'), flags: 'gu' }));
    expect(notConstant.sort()).toEqual(Object.keys(NOT_CONSTANT).sort());
    for (const pattern of patterns) expect(() => new RegExp(pattern.source, pattern.flags), pattern.where).not.toThrow();
  });

  it('finds a quadratic and an exponential pattern (the check itself works)', { timeout: 60_000 }, async () => {
    const { slow } = await timePatterns([
      { where: 'quadratic', source: '\\s+$', flags: 'u' },
      { where: 'exponential', source: '^(\\w+\\s?)*$', flags: 'u' },
      { where: 'linear', source: '(?<!\\s)\\s+$', flags: 'u' },
    ]);
    expect(Object.keys(slow).sort()).toEqual(['exponential /^(\\w+\\s?)*$/u', 'quadratic /\\s+$/u']);
  });

  it(`each takes under ${LIMIT_MS} ms on every 100 KB adversarial input`, { timeout: 240_000 }, async () => {
    const started = performance.now();
    const { slow, inputs } = await timePatterns(patterns);
    console.log(`regex linear time: ${patterns.length} patterns, ${inputs} runs on 100 KB inputs, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(Object.keys(slow).map((label) => `${label}\n  ${slow[label]!.join('\n  ')}`)).toEqual([]);
  });
});
