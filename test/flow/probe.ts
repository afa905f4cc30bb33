import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { flowOf, type Atom, type Decision, type Use, type Value } from '../../src/flow/index.js';

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
      return `const${typeof atom.value === 'string' ? `'${atom.value}'` : ''}${atom.guarded ? '(guarded)' : ''}${where}`;
    case 'request':
      return `request${atom.context ? `(${atom.context})` : ''}${atom.part ? `:${atom.part}` : ''}${path}${atom.validated ? '(validated)' : ''}`;
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

/** The lines of the reads each atom of a value went through (`reads`), one string per atom. */
export function showReads(value: Value): string[] {
  return value.map((atom) => (atom.reads ?? []).map((read) => read.loc.start.line).join(','));
}

/**
 * Lints `files` (the first is the one probed) and gives the value of each argument of `probe(...)`
 * in the first file, in source order, as `format` shows it.
 */
export function probe(files: Record<string, string> | string, filename = 'src/app.ts', format: (value: Value) => string[] = show): string[][] {
  const results: string[][] = [];
  lintCalls(files, filename, 'probe', (argument, context) => results.push(format(flowOf(context).valueOf(argument))));
  return results;
}

/**
 * Follows the value of each `start(...)` call in the first file (`const claims = start(decode(token))`)
 * forward (`flow.forward`) to the first argument of a call named `sink`, and gives where it got:
 * `file:line path`, or `none`.
 */
export function probeForward(files: Record<string, string> | string, filename = 'src/app.ts', decide: (use: Use) => Decision = toSinkCall): string[] {
  const results: string[] = [];
  lintCalls(files, filename, 'start', (argument, context) => {
    const found = flowOf(context).forward(argument.parent!, decide);
    results.push(found ? `${basename(found.flow.filename)}:${found.use.at.loc.start.line} ${found.use.path.join('.')}` : 'none');
  });
  return results;
}

/**
 * For each `probe(param)` in the first file, what the parameter receives at the calls of its
 * function (`flow.argumentsOf`): `file:line value` per call.
 */
export function probeArguments(files: Record<string, string> | string, filename = 'src/app.ts'): string[][] {
  const results: string[][] = [];
  lintCalls(files, filename, 'probe', (argument, context) => {
    const flow = flowOf(context);
    results.push(
      flow.valueOf(argument).flatMap((atom) =>
        atom.kind === 'param' ? flow.argumentsOf(atom.fn, atom.index).map(({ value, call, flow: caller }) => `${basename(caller.filename)}:${call.loc.start.line} ${show(value).join('|')}`) : [],
      ),
    );
  });
  return results;
}

function toSinkCall(use: Use): Decision {
  return use.at.type === AST_NODE_TYPES.CallExpression && use.at.callee.type === AST_NODE_TYPES.Identifier && use.at.callee.name === 'sink' ? 'sink' : undefined;
}

/** Writes `files` to a temporary folder and lints the first, calling `visit` with the first argument of each call named `callee`. */
function lintCalls(files: Record<string, string> | string, filename: string, callee: string, visit: (argument: TSESTree.Node, context: TSESLint.RuleContext<string, []>) => void): void {
  const sources = typeof files === 'string' ? { [filename]: files } : files;
  const root = mkdtempSync(join(tmpdir(), 'persona-flow-'));
  for (const [name, text] of Object.entries(sources)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  const [first] = Object.keys(sources);
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: TSESLint.RuleContext<string, []>) {
      return {
        CallExpression(node: TSESTree.CallExpression) {
          if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== callee || !node.arguments[0]) return;
          visit(node.arguments[0], context);
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
}
