import { resolve } from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Flow } from './engine.js';
import { ProjectFiles } from './project-files.js';

export { Flow, type BuiltText, type Decision, type FlowHandler } from './engine.js';
export { isUserModel, wholeUserRows } from './records.js';
export { usesOf, type Use, type UseKind } from './uses.js';
export type { Check, CheckQuestion, CheckRegion } from './checks.js';
export type { HelperCall, ParameterSink, Reached, SinkAnswer, SinkQuestion } from './sinks.js';
export * from './value.js';

/** Other project files, parsed once per process and shared by every linted file that imports them. */
const project: ProjectFiles = new ProjectFiles((sourceCode, filename): Flow => new Flow(sourceCode, filename, project));

/** One engine per linted file (per Program node), shared by every rule of the run. */
const flows = new WeakMap<TSESTree.Program, Flow>();

/**
 * The value-flow engine of the file a rule is linting. Every rule that follows a value asks this one
 * instance, so what one rule worked out (a variable's value, a helper's summary) serves the others.
 */
export function flowOf(context: { readonly sourceCode: TSESLint.SourceCode; readonly filename: string; readonly cwd: string }): Flow {
  const program = context.sourceCode.ast;
  let flow = flows.get(program);
  if (!flow) {
    // Absolute, as other files' imports resolve to.
    flow = new Flow(context.sourceCode, resolve(context.cwd, context.filename), project);
    flows.set(program, flow);
  }
  return flow;
}
