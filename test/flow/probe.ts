import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { functionName } from '../../src/ast/route-handlers.js';
import { flowOf, type Atom, type CheckQuestion, type Decision, type Flow, type SinkQuestion, type Use, type Value } from '../../src/flow/index.js';

/** A compact, readable form of a value: one string per atom, sorted. */
export function show(value: Value, depth = 0): string[] {
  return [...new Set(value.map((atom) => showAtom(atom, depth)))].sort();
}

function showAtom(atom: Atom, depth: number): string {
  return `${showKind(atom, depth)}${atom.capped ? '(capped)' : ''}`;
}

function showKind(atom: Atom, depth: number): string {
  const where = atom.file === undefined ? '' : `@${atom.file.split('/').at(-1)}`;
  const path = 'path' in atom && Array.isArray(atom.path) && atom.path.length > 0 ? `.${atom.path.join('.')}` : '';
  const inner = (value: Value) => (depth > 3 ? '...' : show(value, depth + 1).join('|'));
  switch (atom.kind) {
    case 'const':
      return `const${typeof atom.value === 'string' ? `'${atom.value}'` : typeof atom.value === 'number' ? `=${atom.value}` : ''}${atom.guarded ? '(guarded)' : ''}${atom.from ? `<${inner(atom.from)}>` : ''}${where}`;
    case 'request':
      return `request${atom.context ? `(${atom.context})` : ''}${atom.part ? `:${atom.part}` : ''}${path}${atom.validated ? '(validated)' : ''}${atom.parsed ? '(parsed)' : ''}${atom.text ? '(text)' : ''}${atom.piped ? '(piped)' : ''}${where}`;
    case 'record':
      return `record:${atom.model ?? '?'}${atom.projected ? '(projected)' : ''}${path}`;
    case 'claims':
      return `claims${atom.verified ? '(verified)' : ''}${path}`;
    case 'param':
      return `param${atom.index}${path}`;
    case 'object':
      return `{${[...atom.properties].map(([key, value]) => `${key}:${inner(value)}`).join(',')}${atom.rest.length > 0 ? `,...${inner(atom.rest)}` : ''}${atom.computed ? `,[${inner(atom.computed.keys)}]` : ''}}${where}`;
    case 'array':
      return `[${inner(atom.elements)}]`;
    case 'text':
      return `text(${inner(atom.parts)})`;
    case 'call':
      return `call:${atom.module ? `${atom.module}${atom.path ?? ''}` : (atom.name ?? '?')}(${inner(atom.inputs())})`;
    case 'module':
      return `module:${atom.module}${atom.path}`;
    default:
      return `${atom.kind}${path}${where}`;
  }
}

/** The texts a value may be (`Flow.textsOf`), each hole written as `{value}`: an `ask` for `probeWith`. */
export function texts(flow: Flow, node: TSESTree.Node): string[] {
  return flow.textsOf(flow.valueOf(node), node).map((built) => built.text.replace(/\u0001(\d+)\u0001/gu, (_, index: string) => `{${show(built.holes[Number(index)]!.value).join('|')}}`));
}

/**
 * Lints `files` (the first is the one probed) and gives the value of each argument of `probe(...)`
 * in the first file, in source order.
 */
export function probe(files: Record<string, string> | string, filename = 'src/app.ts'): string[][] {
  return probeValues(files, filename).map((value) => show(value));
}

/** As `probe`, with the engine's values themselves (their atoms keep their nodes). */
export function probeValues(files: Record<string, string> | string, filename = 'src/app.ts'): Value[] {
  return probeWith(files, (flow, node) => flow.valueOf(node), filename);
}

/** As `probe`, with what `ask` makes of each argument of `probe(...)` and the file's engine. */
export function probeWith<T>(files: Record<string, string> | string, ask: (flow: Flow, node: TSESTree.Node) => T, filename = 'src/app.ts'): T[] {
  const results: T[] = [];
  lintWith(files, filename, (context) => ({
    CallExpression(node: TSESTree.CallExpression) {
      if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'probe' || !node.arguments[0]) return;
      results.push(ask(flowOf(context), node.arguments[0]));
    },
  }));
  return results;
}

/** A check question for tests: `validate(x)` and `sanitize(x)` check their argument. */
const validateCalls: CheckQuestion = {
  key: 'test:validate',
  isCheck: (call) => call.callee.type === AST_NODE_TYPES.Identifier && (call.callee.name === 'validate' || call.callee.name === 'sanitize'),
};

/** For each `probe(x)` of the first file: whether the request input or parameter `x` holds was checked there. */
export function checked(files: Record<string, string> | string): boolean[] {
  const results: boolean[] = [];
  lintWith(files, 'src/app.ts', (context) => ({
    CallExpression(node: TSESTree.CallExpression) {
      if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'probe' || !node.arguments[0]) return;
      const flow = flowOf(context);
      const sources = flow.valueOf(node.arguments[0]).filter((atom) => atom.kind === 'request' || atom.kind === 'param');
      results.push(sources.length > 0 && sources.every((atom) => flow.isChecked(atom, node.arguments[0]!, validateCalls)));
    },
  }));
  return results;
}

/**
 * A sink question for tests: the argument of every `sink(...)` call, and the `text` option of every
 * `new Sink({ text })`, passed on by helpers as it is.
 */
const sinkCalls: SinkQuestion<string> = {
  key: 'test:sink',
  *sinks(flow) {
    for (const call of flow.calls()) {
      if (call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'sink' && call.arguments[0]) yield { node: call.arguments[0], sink: `sink@${call.loc.start.line}` };
    }
    for (const construction of flow.constructions()) {
      const [options] = construction.arguments;
      if (construction.callee.type === AST_NODE_TYPES.Identifier && construction.callee.name === 'Sink' && options) {
        yield { node: options, sink: `Sink@${construction.loc.start.line}`, path: ['text'] };
      }
    }
  },
  *parameters({ value, sink }) {
    for (const atom of value) if (atom.kind === 'param') yield { param: atom, sink };
  },
  sinkKey: (sink) => sink,
  carries: (value) => value.some((atom) => atom.kind !== 'const'),
};

/**
 * Lints `files` (the first is the one asked) and lists what reaches a `sink(...)` call there, directly
 * or through helpers: `line: value via helper() -> ... => sink@line`.
 */
export function reached(files: Record<string, string>, mentions?: RegExp): string[] {
  const results: string[] = [];
  const question = mentions ? { ...sinkCalls, key: `test:sink:${mentions.source}`, mentions } : sinkCalls;
  lintWith(files, 'src/app.ts', (context) => ({
    'Program:exit'() {
      for (const found of flowOf(context).sinkAnswer(question).reached) {
        // Inner helper calls are nodes of other files: named from the tree, not this file's text.
        const via = found.via.map(({ call }) => `${call.callee.type === AST_NODE_TYPES.MemberExpression ? `${(call.callee.object as TSESTree.Identifier).name}.${(call.callee.property as TSESTree.Identifier).name}` : (call.callee as TSESTree.Identifier).name}() -> `).join('');
        results.push(`${found.node.loc.start.line}: ${show(found.value).join('|')} via ${via}${found.sink}`);
      }
    },
  }));
  return results;
}

/**
 * Lints `files` and asks the engine where the value of the expression after the first
 * `/* start *\/` comment of the first file goes: the sink `decide` accepts, as
 * `file:line kind path [wraps]`, or undefined.
 */
export function forwardProbe(files: Record<string, string>, decide: (use: Use, flow: Flow) => Decision): string | undefined {
  let found: string | undefined;
  lintWith(files, 'src/app.ts', (context) => ({
    'Program:exit'() {
      const sourceCode = context.sourceCode;
      const marker = sourceCode.getAllComments().find((comment) => comment.value.trim() === 'start');
      if (!marker) throw new Error('no /* start */ marker');
      let start = sourceCode.getNodeByRangeIndex(sourceCode.text.slice(marker.range[1]).search(/\S/u) + marker.range[1]);
      while (start?.parent && start.parent.range[0] === start.range[0] && start.parent.type !== AST_NODE_TYPES.ExpressionStatement) start = start.parent;
      const result = start && flowOf(context).forward(start, decide);
      if (!result) return;
      const { use, flow } = result;
      const wraps = use.wraps && use.wraps.length > 0 ? `[${use.wraps.join(',')}]` : '';
      found = [`${flow.filename.split('/').at(-1)}:${use.at.loc.start.line}`, use.kind, use.path.join('.'), wraps].filter(Boolean).join(' ');
    },
  }));
  return found;
}

/** Lints `files` and lists the handlers the engine finds in the first one: `name METHOD path`. */
export function handlersProbe(files: Record<string, string>): string[] {
  const found: string[] = [];
  lintWith(files, 'src/app.ts', (context) => ({
    'Program:exit'() {
      for (const handler of flowOf(context).handlers()) found.push(`${functionName(handler.fn) ?? '?'} ${handler.method ?? '?'} ${handler.path ?? '?'}`);
    },
  }));
  return found.sort();
}

function lintWith(files: Record<string, string> | string, filename: string, create: (context: TSESLint.RuleContext<string, []>) => TSESLint.RuleListener): void {
  const sources = typeof files === 'string' ? { [filename]: files } : files;
  const root = mkdtempSync(join(tmpdir(), 'persona-flow-'));
  writeFileSync(join(root, 'package.json'), '{}');
  for (const [name, text] of Object.entries(sources)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  const [first] = Object.keys(sources);
  const rule = { meta: { type: 'problem' as const, schema: [] }, create };
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
}
