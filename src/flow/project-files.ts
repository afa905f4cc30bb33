import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { exportedNames } from '../ast/module-file.js';
import { isFunction, unwrap, type FunctionNode } from '../ast/nodes.js';
import { LINTED_FILES } from '../linted-files.js';
import type { Flow } from './engine.js';
import { inFile, type Value } from './value.js';

/** What a function of another file gives back, in terms of its own parameters. */
export interface FunctionSummary {
  readonly fn: FunctionNode;
  readonly returns: Value;
}

/** Files followed from a linted file through imports: enough for a helper's helper, bounded for chains. */
const MAX_FILE_DEPTH = 2;
/** Larger files are bundles or generated code: their exports are not followed. */
const MAX_FILE_BYTES = 512 * 1024;

interface Loaded {
  readonly mtimeMs: number;
  readonly flow: Flow | undefined;
  readonly exports: ReadonlyMap<string, TSESTree.Node>;
}

/**
 * The other files of the project, as the engine reads them: each parsed once per run (again when it
 * changes on disk), with its own `Flow`, so a function another file exports is summarised once and
 * reused by every file that imports it.
 */
export class ProjectFiles {
  private readonly loaded = new Map<string, Loaded>();
  private readonly loading = new Set<string>();
  private depth = 0;

  constructor(private readonly createFlow: (sourceCode: TSESLint.SourceCode, filename: string) => Flow) {}

  /** The value a file exports under a name (`''`: the whole module, as `require` returns it). */
  exportValue(file: string, name: string): Value | undefined {
    return this.within(file, (loaded) => {
      const flow = loaded.flow!;
      if (name === '') {
        const whole = loaded.exports.get('module.exports');
        if (whole) return inFile(flow.valueOf(whole), file);
        // A namespace: the named exports, as an object.
        const properties = new Map<string, Value>();
        for (const [exported, node] of loaded.exports) if (exported !== 'default') properties.set(exported, inFile(this.valueOfExport(flow, node), file));
        return [{ kind: 'object', node: flow.sourceCode.ast, file, names: [], properties, rest: [] }];
      }
      const node = loaded.exports.get(name) ?? (name === 'default' ? loaded.exports.get('module.exports') : undefined);
      return node ? inFile(this.valueOfExport(flow, node), file) : undefined;
    });
  }

  /** What an exported function returns, with its parameters as parameter atoms. */
  functionSummary(file: string, name: string): FunctionSummary | undefined {
    return this.within(file, (loaded) => {
      const node = loaded.exports.get(name) ?? (name === 'default' ? loaded.exports.get('module.exports') : undefined);
      const flow = loaded.flow!;
      const fn = node && (isFunction(node) ? node : flow.functions.of(node));
      return fn ? { fn, returns: flow.returnsOf(fn) } : undefined;
    });
  }

  /** The engine of another project file, for rules that ask it their own questions (which parameter reaches a sink). */
  flowOf(file: string): Flow | undefined {
    return this.load(file)?.flow;
  }

  private valueOfExport(flow: Flow, node: TSESTree.Node): Value {
    return isFunction(node) ? [{ kind: 'function', node, names: [] }] : flow.valueOf(node);
  }

  private within<T>(file: string, read: (loaded: Loaded) => T | undefined): T | undefined {
    if (this.depth >= MAX_FILE_DEPTH || this.loading.has(file)) return undefined;
    const loaded = this.load(file);
    if (!loaded?.flow) return undefined;
    this.depth++;
    this.loading.add(file);
    try {
      return read(loaded);
    } finally {
      this.depth--;
      this.loading.delete(file);
    }
  }

  private load(file: string): Loaded | undefined {
    let stats;
    try {
      stats = statSync(file);
    } catch {
      return undefined;
    }
    const cached = this.loaded.get(file);
    if (cached && cached.mtimeMs === stats.mtimeMs) return cached;
    const sourceCode = stats.size <= MAX_FILE_BYTES ? parse(file) : undefined;
    const flow = sourceCode ? this.createFlow(sourceCode, file) : undefined;
    const loaded: Loaded = { mtimeMs: stats.mtimeMs, flow, exports: sourceCode ? exportsOf(sourceCode.ast) : new Map() };
    this.loaded.set(file, loaded);
    return loaded;
  }
}

/** A file's source code as ESLint would give it to a rule, or undefined when it does not parse. */
function parse(file: string): TSESLint.SourceCode | undefined {
  let captured: TSESLint.SourceCode | undefined;
  const capture: TSESLint.RuleModule<never, []> = {
    meta: { type: 'problem', messages: {}, schema: [] },
    defaultOptions: [],
    create(context) {
      captured = context.sourceCode;
      return {};
    },
  };
  try {
    new Linter({ configType: 'flat', cwd: dirname(file) }).verify(
      readFileSync(file, 'utf8'),
      [
        {
          files: LINTED_FILES,
          plugins: { flow: { rules: { capture } } as never },
          languageOptions: { parser: tsParser as never, sourceType: file.endsWith('.cjs') ? 'commonjs' : 'module' },
          rules: { 'flow/capture': 'error' },
        },
      ],
      { filename: file },
    );
  } catch {
    return undefined;
  }
  return captured;
}

/** Export name to the node exported: functions, values, `module.exports` itself under `'module.exports'`. */
function exportsOf(program: TSESTree.Program): Map<string, TSESTree.Node> {
  const exports = new Map<string, TSESTree.Node>();
  for (const [node, names] of exportedNames(program)) for (const name of names) exports.set(name, node);
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
    const { left, right } = statement.expression;
    if (left.type === AST_NODE_TYPES.MemberExpression && left.object.type === AST_NODE_TYPES.Identifier && left.object.name === 'module' && !left.computed && left.property.type === AST_NODE_TYPES.Identifier && left.property.name === 'exports') {
      exports.set('module.exports', unwrap(right));
    }
  }
  return exports;
}
