import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { flowOf, type Atom, type Flow, type Value } from '../../src/flow/index.js';

/** A compact, readable form of a value: one string per atom, sorted. */
export function show(value: Value, depth = 0): string[] {
  return [...new Set(value.map((atom) => showAtom(atom, depth)))].sort();
}

function showAtom(atom: Atom, depth: number): string {
  const where = atom.file === undefined ? '' : `@${atom.file.split('/').at(-1)}`;
  const path = 'path' in atom && Array.isArray(atom.path) && atom.path.length > 0 ? `.${atom.path.join('.')}` : '';
  const inner = (value: Value) => (depth > 3 ? '...' : show(value, depth + 1).join('|'));
  switch (atom.kind) {
    case 'const':
      return `const${typeof atom.value === 'string' ? `'${atom.value}'` : typeof atom.value === 'number' ? `=${atom.value}` : ''}${atom.guarded ? '(guarded)' : ''}${where}`;
    case 'request':
      return `request${atom.context ? `(${atom.context})` : ''}${atom.part ? `:${atom.part}` : ''}${path}${atom.validated ? '(validated)' : ''}${where}`;
    case 'record':
      return `record:${atom.model ?? '?'}${atom.projected ? '(projected)' : ''}${path}`;
    case 'claims':
      return `claims${atom.verified ? '(verified)' : ''}${path}`;
    case 'param':
      return `param${atom.index}${path}`;
    case 'object':
      return `{${[...atom.properties].map(([key, value]) => `${key}:${inner(value)}`).join(',')}${atom.rest.length > 0 ? `,...${inner(atom.rest)}` : ''}}${where}`;
    case 'array':
      return `[${inner(atom.elements)}]`;
    case 'text':
      return `text(${inner(atom.parts)})`;
    case 'call':
      return `call:${atom.module ? `${atom.module}${atom.path ?? ''}` : (atom.name ?? '?')}(${inner(atom.inputs)})`;
    case 'module':
      return `module:${atom.module}${atom.path}`;
    default:
      return `${atom.kind}${path}${where}`;
  }
}

/** What a probe asks the engine of the argument of `probe(...)`: a value, or answers already written out. */
type Question = (flow: Flow, node: TSESTree.Node) => Value | string[];

const valueOf: Question = (flow, node) => flow.valueOf(node);

/** What the callers of a helper give for the parameters the probed value is made of (`Flow.argumentsOf`). */
export const callerValues: Question = (flow, node) =>
  flow.valueOf(node).flatMap((atom) => (atom.kind === 'param' ? flow.argumentsOf(atom).flatMap(({ value }) => value) : []));

/** The texts a value may be (`Flow.textsOf`), each hole written as `{value}`. */
export const texts: Question = (flow, node) =>
  flow.textsOf(flow.valueOf(node), node).map((built) => built.text.replace(/\u0001(\d+)\u0001/gu, (_, index: string) => `{${show(built.holes[Number(index)]!.value).join('|')}}`));

/**
 * Lints `files` (the first is the one probed) and gives the value of each argument of `probe(...)`
 * in the first file, in source order (or what `question` asks of it).
 */
export function probe(files: Record<string, string> | string, filename = 'src/app.ts', question: Question = valueOf): string[][] {
  const sources = typeof files === 'string' ? { [filename]: files } : files;
  const root = mkdtempSync(join(tmpdir(), 'persona-flow-'));
  for (const [name, text] of Object.entries(sources)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  const [first] = Object.keys(sources);
  const results: string[][] = [];
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: TSESLint.RuleContext<string, []>) {
      return {
        CallExpression(node: TSESTree.CallExpression) {
          if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'probe' || !node.arguments[0]) return;
          const answer = question(flowOf(context), node.arguments[0]);
          results.push(answer.every((item): item is string => typeof item === 'string') ? answer : show(answer as Value));
        },
      };
    },
  };
  const path = join(root, first!);
  const messages = new Linter({ configType: 'flat', cwd: root }).verify(
    sources[first!]!,
    [
      {
        files: ['**/*.*'],
        plugins: { test: { rules: { probe: rule } } as never },
        languageOptions: { parser: tsParser as never, sourceType: path.endsWith('.cjs') ? 'commonjs' : 'module' },
        rules: { 'test/probe': 'error' },
      },
    ],
    { filename: path },
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(fatal.message);
  return results;
}
