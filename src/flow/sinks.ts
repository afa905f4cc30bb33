import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { importedFunction, resolveRelativeModule } from '../ast/module-file.js';
import { enclosingFunction, nodeAtPath, type FunctionNode } from '../ast/nodes.js';
import type { Flow } from './engine.js';
import { elements, property, sourcesOf, type ParamAtom, type Value } from './value.js';

/**
 * A rule's question about the sinks it owns (SQL text, a MongoDB filter), which the engine asks of
 * the linted file and of the project files it calls. `S` is the rule's description of a sink.
 */
export interface SinkQuestion<S> {
  /** Names the question with the options that change its answers: each file's answer is kept under it. */
  readonly key: string;
  /**
   * The sinks a file calls itself, each with the expression whose value matters there, and the
   * keys read below it when only a part of the value does (`['sql']` of `new ExecuteStatementCommand(params)`).
   */
  sinks(flow: Flow): Iterable<{ readonly node: TSESTree.Node; readonly sink: S; readonly path?: readonly string[] }>;
  /**
   * The parameters a value at a sink is, as it reaches it (a helper passes its `sql` argument on as
   * the query): each makes its function a sink for what callers pass in that parameter.
   */
  parameters(reached: Reached<S>): Iterable<{ readonly param: ParamAtom; readonly sink: S }>;
  /** Sinks with the same key are one: a parameter that reaches it twice is followed once. */
  sinkKey(sink: S): string;
  /** Whether a value can matter at a sink: an argument of another file's helper is followed there only when it can. */
  carries(value: Value): boolean;
  /** Follow only the file's own helpers, not those other project files export. */
  readonly sameFile?: boolean;
  /**
   * What the text of a file with one of the sinks contains (`/\.query\(/`): another file whose
   * text does not, nor that of the files it imports, is not parsed for its summary.
   */
  readonly mentions?: RegExp;
}

/** A call of a helper that takes a value on to a sink, in its file. */
export interface HelperCall {
  readonly call: TSESTree.CallExpression;
  readonly file: string;
}

/** A value that reaches a sink: at the sink itself, or as the argument of a helper that passes it there. */
export interface Reached<S> {
  /** The engine of the file the value is in. */
  readonly flow: Flow;
  /** The expression of that file that holds the value where it goes in: the sink's argument, or the helper's. */
  readonly node: TSESTree.Node;
  readonly value: Value;
  readonly sink: S;
  /** The helper calls that take the value to the sink, the outermost (the one in this file) first. */
  readonly via: readonly HelperCall[];
}

/** A function parameter (or a path inside it) whose value reaches a sink: the function is a sink for its callers. */
export interface ParameterSink<S> {
  readonly fn: FunctionNode;
  readonly index: number;
  readonly path: readonly string[];
  readonly sink: S;
  /** Helpers between the function and the sink, as in `Reached.via`. */
  readonly via: readonly HelperCall[];
}

export interface SinkAnswer<S> {
  readonly reached: readonly Reached<S>[];
  readonly parameters: ReadonlyMap<FunctionNode, readonly ParameterSink<S>[]>;
}

/** Helpers of helpers followed in one file: enough for layered code, bounded for generated code. */
const MAX_ROUNDS = 8;
const MAX_REACHED = 2_000;

/**
 * Every value that reaches one of the question's sinks in a file: at the sinks the file calls, and
 * at its calls of functions (its own, or other project files' exports) that pass a parameter on to
 * one. The functions of the file that do so are its summary, which callers in other files use.
 */
export function answer<S>(flow: Flow, question: SinkQuestion<S>): SinkAnswer<S> {
  const reached: Reached<S>[] = [];
  const parameters = new Map<FunctionNode, ParameterSink<S>[]>();
  const known = new Set<string>();
  const fresh: ParameterSink<S>[] = [];

  const collect = (found: Reached<S>): void => {
    if (reached.length >= MAX_REACHED) return;
    reached.push(found);
    for (const { param, sink } of question.parameters(found)) {
      const key = `${param.fn.range[0]}:${param.index}:${param.path.join('.')}:${question.sinkKey(sink)}`;
      if (known.has(key)) continue;
      known.add(key);
      const parameterSink: ParameterSink<S> = { fn: param.fn, index: param.index, path: param.path, sink, via: found.via };
      parameters.set(param.fn, [...(parameters.get(param.fn) ?? []), parameterSink]);
      fresh.push(parameterSink);
    }
  };
  const atCall = (call: TSESTree.CallExpression, parameterSink: ParameterSink<S>, file: string): void => {
    const argument = call.arguments[parameterSink.index];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return;
    collect({ flow, node: nodeAtPath(argument, parameterSink.path), value: valueAt(flow, argument, parameterSink.path), sink: parameterSink.sink, via: [{ call, file }, ...parameterSink.via] });
  };

  for (const { node, sink, path = [] } of question.sinks(flow)) collect({ flow, node: nodeAtPath(node, path), value: valueAt(flow, node, path), sink, via: [] });

  // Calls of other files' functions that pass a parameter on to a sink.
  const project = question.sameFile ? undefined : flow.project;
  if (project) {
    // A module and a helper called many times are looked up once.
    const files = new Map<string, string | undefined>();
    const summaries = new Map<string, readonly ParameterSink<S>[]>();
    const matters = relevance(flow, project.holds(flow), question);
    for (const call of flow.calls()) {
      // Constants cannot carry anything to a sink: no need to read the other file.
      if (call.arguments.every((argument) => argument.type === AST_NODE_TYPES.Literal)) continue;
      const imported = importedFunction(flow.sourceCode, call.callee);
      if (!imported) continue;
      if (!files.has(imported.specifier)) files.set(imported.specifier, resolveRelativeModule(flow.filename, imported.specifier));
      const file = files.get(imported.specifier);
      if (!file) continue;
      const key = `${file}#${imported.name}`;
      let parameterSinks = summaries.get(key);
      if (!parameterSinks) {
        parameterSinks = project.parameterSinks(file, imported.name, question) ?? [];
        summaries.set(key, parameterSinks);
      }
      for (const parameterSink of parameterSinks) {
        const argument = call.arguments[parameterSink.index];
        // Only arguments that can matter at the sink are followed there.
        if (argument && argument.type !== AST_NODE_TYPES.SpreadElement && matters(flow.valueOf(argument))) atCall(call, parameterSink, file);
      }
    }
  }

  // Calls of this file's functions that pass a parameter on, and of the helpers of those helpers.
  for (let round = 0; fresh.length > 0 && round < MAX_ROUNDS; round++) {
    const pending = fresh.splice(0);
    const byFunction = new Set(pending.map((parameterSink) => parameterSink.fn));
    for (const call of flow.calls()) {
      const fn = flow.functions.of(call.callee);
      // A recursive call passes the function's own parameter: nothing new.
      if (!fn || !byFunction.has(fn) || enclosingFunction(call) === fn) continue;
      for (const parameterSink of pending) if (parameterSink.fn === fn) atCall(call, parameterSink, flow.filename);
    }
  }
  return { reached, parameters };
}

/**
 * Whether a value can matter at another file's sink: what the question cares for, from client input
 * (or any source but a parameter) or from a parameter of a function something can call with more. In
 * a file read for its summary that is any function (its callers are elsewhere); in the linted file,
 * one this file calls.
 */
function relevance<S>(flow: Flow, summarized: boolean, question: SinkQuestion<S>): (value: Value) => boolean {
  let called: Set<FunctionNode> | undefined;
  const canBeCalled = (fn: FunctionNode): boolean => {
    if (summarized) return true;
    called ??= new Set(flow.calls().flatMap((call) => flow.functions.of(call.callee) ?? []));
    return called.has(fn);
  };
  return (value) => question.carries(value) && sourcesOf(value, { intoContainers: true }).some((atom) => atom.kind !== 'param' || canBeCalled(atom.fn));
}

/** The value of an expression read along a path (`[]` for the elements of an array). */
function valueAt(flow: Flow, node: TSESTree.Node, path: readonly string[]): Value {
  let value = flow.valueOf(node);
  for (const key of path) value = key === '[]' ? elements(value, node) : property(value, key, node);
  return value;
}

