import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import {
  DISTINCTIVE_SINKS,
  GENERIC_QUERY_FUNCTION,
  GENERIC_QUERY_METHODS,
  KNEX_RAW_METHOD,
  PLACEHOLDER_ADVICE,
  SQL_DRIVERS,
  SQL_ESCAPERS,
  STRING_FORMATTERS,
  UNRESOLVED_ADVICE,
  driverForModule,
  type SqlDriver,
} from '../src/catalog/sql-drivers.js';
import { StringClassifier, type Verdict } from '../src/ast/dynamic-string.js';
import { OriginResolver } from '../src/ast/module-origin.js';
import { calleeParts, enclosingFunction, isFunction, keyName, referenceName, shortSource, unwrap, type FunctionNode } from '../src/ast/nodes.js';
import { looksLikeSql, parameterizeTemplate, sqlSkeleton } from '../src/ast/sql-text.js';
import { createRule } from '../src/create-rule.js';
import { LINTED_FILES } from '../src/linted-files.js';
import { exportedNames, importedFunction, resolveRelativeModule } from '../src/ast/module-file.js';
import { nameList } from '../src/schema.js';

export interface CustomSink {
  module?: string;
  object?: string;
  function?: string;
  methods?: string[];
  argument?: number;
}

type Options = [{ sinks?: CustomSink[]; sanitizers?: string[]; reportUnresolved?: boolean; crossFile?: boolean }];
type MessageIds = 'dynamicQuery' | 'requestAsQuery' | 'useParameters' | 'useTaggedTemplate';

/** A call that takes SQL text, and how to describe it. */
interface Sink {
  readonly label: string;
  readonly driver: SqlDriver | undefined;
  readonly argument: number;
  /** Resolved by name only: report only text that looks like SQL. */
  readonly unresolved: boolean;
  /** A same-file helper that forwards its parameter here. */
  readonly via?: Sink;
}

/** TypeORM query-builder methods, trusted on any receiver built by `createQueryBuilder()`. */
const QUERY_BUILDER_METHODS: ReadonlySet<string> = new Set(SQL_DRIVERS.find((driver) => driver.id === 'typeorm')!.instanceSinks);

const SINK_NAMES: ReadonlySet<string> = new Set([
  ...SQL_DRIVERS.flatMap((driver) => [...driver.instanceSinks, ...(driver.moduleSinks ?? []).map((path) => path.slice(path.lastIndexOf('.') + 1))]),
  ...GENERIC_QUERY_METHODS,
  ...DISTINCTIVE_SINKS.keys(),
]);

const DRIVERS_BY_ID = new Map(SQL_DRIVERS.map((driver) => [driver.id, driver]));

/** Drivers whose plain `query(text)` can be rewritten to placeholders plus a values array. */
const POSITIONAL: Readonly<Record<string, (index: number) => string>> = {
  pg: (index) => `$${index + 1}`,
  mysql: () => '?',
  sqlite3: () => '?',
  sqlite: () => '?',
};

function normalizeModule(name: string): string {
  return name.replace(/^(?:\.{1,2}\/)+/u, '').replace(/\.[cm]?[jt]s$/u, '').replace(/\/index$/u, '');
}


export default createRule<Options, MessageIds>({
  name: 'parameterized-queries',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require SQL to be parameterized: no dynamic text reaching a query sink',
      recommended: true,
      standard: 'SQL is parameterized: no string concatenation, template interpolation or formatting into a query sink',
      precision: 'high',
      securitySeverity: 9.1,
    },
    hasSuggestions: true,
    messages: {
      dynamicQuery:
        'SQL passed to `{{sink}}` ({{driver}}) is built from {{culprit}}, which is not a constant: SQL injection. Keep the text constant and {{advice}}.',
      requestAsQuery:
        'Request input {{culprit}} is the whole SQL text of `{{sink}}` ({{driver}}). Never run SQL the client sends: choose a constant query from the input instead.',
      useParameters: 'Move the interpolated values into {{placeholders}} placeholders and a values array.',
      useTaggedTemplate: 'Use the tagged template `{{replacement}}`, which sends each value as a parameter.',
    },
    defaultOptions: [{ sinks: [], sanitizers: [], reportUnresolved: true, crossFile: true }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          sinks: {
            type: 'array',
            description: 'Extra calls that take SQL text, for in-house wrappers and drivers the catalog does not know.',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                module: { type: 'string', description: 'Values imported or required from this module (an npm name, or a path such as `lib/db`).' },
                object: { type: 'string', description: 'Receivers with this name (`db` matches `db.query()` and `this.db.query()`).' },
                function: { type: 'string', description: 'A function with this name called directly (`runSql(text)`).' },
                methods: nameList('Method names that take SQL (default `["query"]`).'),
                argument: { type: 'integer', minimum: 0, description: 'Position of the SQL text argument (default 0).' },
              },
            },
          },
          sanitizers: nameList('Functions whose result is safe to put into SQL text (an identifier allowlist, an escaper).'),
          reportUnresolved: {
            type: 'boolean',
            description: 'Report query-like calls on receivers the rule cannot resolve to a driver when the text is clearly dynamic SQL.',
          },
          crossFile: {
            type: 'boolean',
            description: 'Follow calls to functions imported from project files: a function there that passes its parameter into a sink is a sink here too.',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    return detect(context, options);
  },
});

/** Helpers a file exports, by export name: which argument reaches which sink. */
interface ExportedHelper {
  readonly argument: number;
  readonly label: string;
  readonly driverId: string | undefined;
  readonly unresolved: boolean;
}

const exportedHelperCache = new Map<string, { mtimeMs: number; helpers: Map<string, ExportedHelper> }>();
const collecting = new Set<string>();

/** The SQL helpers a project file exports, found by running this rule's detection on it. */
function exportedHelpersOf(path: string, options: Options[0]): Map<string, ExportedHelper> {
  const mtimeMs = statSync(path).mtimeMs;
  const cached = exportedHelperCache.get(path);
  if (cached && cached.mtimeMs === mtimeMs) return cached.helpers;
  if (collecting.has(path)) return new Map();
  collecting.add(path);
  const helpers = new Map<string, ExportedHelper>();
  try {
    const collector: TSESLint.RuleModule<MessageIds, Options> = {
      meta: { type: 'problem', messages: { dynamicQuery: '', requestAsQuery: '', useParameters: '', useTaggedTemplate: '' }, schema: [] },
      defaultOptions: [{}],
      create: (context) =>
        detect(context, options, (found, program) => {
          const names = exportedNames(program);
          for (const [fn, sink] of found) {
            const root = sink.via ?? sink;
            for (const name of names.get(fn) ?? []) {
              helpers.set(name, { argument: sink.argument, label: root.label, driverId: root.driver?.id, unresolved: root.unresolved });
            }
          }
        }),
    };
    new Linter({ configType: 'flat', cwd: dirname(path) }).verify(
      readFileSync(path, 'utf8'),
      [
        {
          files: LINTED_FILES,
          plugins: { collector: { rules: { helpers: collector } } as never },
          languageOptions: { parser: tsParser as never, sourceType: path.endsWith('.cjs') ? 'commonjs' : 'module' },
          rules: { 'collector/helpers': 'error' },
        },
      ],
      { filename: path },
    );
  } catch {
    // A file that does not parse exports no helpers.
  } finally {
    collecting.delete(path);
  }
  exportedHelperCache.set(path, { mtimeMs, helpers });
  return helpers;
}

function detect(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  options: Options[0],
  onHelpers?: (helpers: ReadonlyMap<FunctionNode, Sink>, program: TSESTree.Program) => void,
): TSESLint.RuleListener {
  const { sourceCode } = context;
  const customSinks = options.sinks ?? [];
  const sanitizers = new Set(options.sanitizers ?? []);
  const customMethods = new Set(customSinks.flatMap((sink) => sink.methods ?? (sink.function ? [] : ['query'])));
  const customFunctions = new Map(customSinks.filter((sink) => sink.function).map((sink) => [sink.function!, sink]));
  const drivers = new OriginResolver(sourceCode, driverForModule);
  const modules = new OriginResolver(sourceCode, () => undefined);

  const isEscaper = (call: TSESTree.CallExpression): boolean => {
    const { object, name, callee } = calleeParts(call);
    if (name === undefined) return false;
    if (sanitizers.has(name)) return true;
    return SQL_ESCAPERS.some((escaper) => {
      if (escaper.name !== name) return false;
      if (!escaper.module) return object !== undefined;
      return modules.resolve(object ?? callee)?.module === escaper.module;
    });
  };
  const isFormatter = (call: TSESTree.CallExpression): boolean => {
    const origin = modules.resolve(call.callee);
    return origin !== undefined && STRING_FORMATTERS.some((formatter) => formatter.module === origin.module && formatter.path === origin.path);
  };
  const classifier = new StringClassifier(sourceCode, { isSanitizer: isEscaper, isFormatter });

  const calls: TSESTree.CallExpression[] = [];
  const reported = new Set<TSESTree.Node>();
  const helpers = new Map<FunctionNode, Sink>();

  function describe(callee: TSESTree.Node, driver: SqlDriver | undefined, argument = 0, unresolved = false): Sink {
    return { label: shortSource(sourceCode, callee), driver, argument, unresolved };
  }

  function builtByQueryBuilder(node: TSESTree.Node): boolean {
    for (let current = unwrap(node); current.type === AST_NODE_TYPES.CallExpression; ) {
      const { object, name } = calleeParts(current);
      if (name === 'createQueryBuilder') return true;
      if (!object) return false;
      current = unwrap(object);
    }
    return false;
  }

  function matchesCustom(sink: CustomSink, object: TSESTree.Node | undefined, name: string): boolean {
    if (sink.function || !(sink.methods ?? ['query']).includes(name) || !object) return false;
    if (sink.object !== undefined && referenceName(object) !== sink.object) return false;
    if (sink.module !== undefined) {
      const origin = modules.resolve(object);
      if (!origin) return false;
      const wanted = normalizeModule(sink.module);
      const actual = normalizeModule(origin.module);
      if (actual !== wanted && !actual.endsWith(`/${wanted}`)) return false;
    }
    return sink.object !== undefined || sink.module !== undefined;
  }

  function sinkOf(call: TSESTree.CallExpression): Sink | undefined {
    const { object, name, callee } = calleeParts(call);
    if (name === undefined) return undefined;
    if (!object) {
      const custom = customFunctions.get(name);
      if (custom) return describe(callee, undefined, custom.argument ?? 0);
      const origin = drivers.resolve(callee);
      if (origin?.model) return origin.model.moduleSinks?.includes(origin.path) ? describe(callee, origin.model) : undefined;
      // `import { query } from './db'`: a query function we cannot see into.
      if (options.reportUnresolved !== false && GENERIC_QUERY_FUNCTION.test(name) && !classifier.functionOf(callee)) {
        return describe(callee, undefined, 0, true);
      }
      return undefined;
    }
    const isKnownName = SINK_NAMES.has(name) || KNEX_RAW_METHOD.test(name) || customMethods.has(name);
    if (!isKnownName) return undefined;
    const distinctive = DISTINCTIVE_SINKS.get(name);
    if (distinctive) return describe(callee, DRIVERS_BY_ID.get(distinctive));
    if (KNEX_RAW_METHOD.test(name)) return describe(callee, DRIVERS_BY_ID.get('knex'));
    const custom = customSinks.find((sink) => matchesCustom(sink, object, name));
    if (custom) return describe(callee, undefined, custom.argument ?? 0);
    const origin = drivers.resolve(object);
    if (origin?.model) {
      const { model } = origin;
      if (origin.instance && model.instanceSinks.includes(name)) return describe(callee, model);
      if (!origin.path.startsWith('#') && model.moduleSinks?.includes(`${origin.path}.${name}`)) return describe(callee, model);
      return undefined;
    }
    if (QUERY_BUILDER_METHODS.has(name) && builtByQueryBuilder(object)) return describe(callee, DRIVERS_BY_ID.get('typeorm'));
    if (options.reportUnresolved !== false && GENERIC_QUERY_METHODS.has(name)) return describe(callee, undefined, 0, true);
    return undefined;
  }

  /** The text of `query({ text, values })` / `query({ sql, values })`. */
  function queryText(argument: TSESTree.Node, sink: Sink): TSESTree.Node | undefined {
    const inner = unwrap(argument);
    if (inner.type !== AST_NODE_TYPES.ObjectExpression) return argument;
    const key = sink.driver?.textKey ?? (sink.unresolved ? undefined : 'text');
    const property = inner.properties.find(
      (candidate): candidate is TSESTree.Property =>
        candidate.type === AST_NODE_TYPES.Property && (keyName(candidate) === key || keyName(candidate) === 'sql' || keyName(candidate) === 'text'),
    );
    return property?.value;
  }

  function check(call: TSESTree.CallExpression, sink: Sink): void {
    const argument = call.arguments[sink.argument];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement || reported.has(argument)) return;
    const text = queryText(argument, sink);
    if (!text) return;
    const verdict = classifier.classify(text);
    if (verdict.kind === 'parameter') {
      if (isFunction(verdict.fn) && !helpers.has(verdict.fn)) helpers.set(verdict.fn, { ...sink, argument: verdict.index });
      return;
    }
    if (verdict.kind !== 'dynamic' || (!verdict.constructed && !verdict.fromRequest)) return;
    const root = sink.via ?? sink;
    if (root.unresolved && !looksLikeSql(sqlSkeleton(sourceCode, text))) return;
    reported.add(argument);
    report(call, argument, sink, verdict);
  }

  function report(call: TSESTree.CallExpression, argument: TSESTree.Node, sink: Sink, verdict: Extract<Verdict, { kind: 'dynamic' }>): void {
    const root = sink.via ?? sink;
    const driverLabel = root.driver?.label ?? (root.unresolved ? 'SQL' : 'configured sink');
    const sinkLabel = sink.via ? `${sink.label}() → ${root.label}` : sink.label;
    const origin = shortSource(sourceCode, verdict.culprit);
    if (!verdict.constructed) {
      context.report({ node: argument, messageId: 'requestAsQuery', data: { sink: sinkLabel, driver: driverLabel, culprit: `\`${origin}\`` } });
      return;
    }
    const part = verdict.part && shortSource(sourceCode, verdict.part);
    const culprit = part && part !== origin ? `\`${part}\` (from \`${origin}\`)` : `\`${origin}\``;
    const advice = root.driver ? PLACEHOLDER_ADVICE[root.driver.placeholder] : UNRESOLVED_ADVICE;
    context.report({
      node: argument,
      messageId: 'dynamicQuery',
      data: { sink: sinkLabel, driver: driverLabel, culprit, advice },
      suggest: suggestions(call, argument, sink),
    });
  }

  function suggestions(
    call: TSESTree.CallExpression,
    argument: TSESTree.Node,
    sink: Sink,
  ): TSESLint.ReportSuggestionArray<MessageIds> {
    if (sink.via || argument.type !== AST_NODE_TYPES.TemplateLiteral) return [];
    const driver = sink.driver;
    const positional = driver && POSITIONAL[driver.id];
    if (positional && call.arguments.length === 1) {
      const rewrite = parameterizeTemplate(sourceCode, argument, positional, true);
      if (!rewrite) return [];
      return [
        {
          messageId: 'useParameters',
          data: { placeholders: positional(0) === '?' ? '?' : '$1, $2, ...' },
          fix: (fixer) => fixer.replaceText(argument, `${rewrite.text}, [${rewrite.values.join(', ')}]`),
        },
      ];
    }
    const callee = unwrap(call.callee);
    const { name } = calleeParts(call);
    const replacement = name !== undefined ? driver?.taggedReplacement?.[name] : undefined;
    if (replacement && call.arguments.length === 1 && callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed) {
      const rewrite = parameterizeTemplate(sourceCode, argument, () => '', false);
      if (!rewrite) return [];
      const receiver = sourceCode.getText(callee.object);
      return [
        {
          messageId: 'useTaggedTemplate',
          data: { replacement: `${replacement}\`...\`` },
          fix: (fixer) => fixer.replaceText(call, `${receiver}.${replacement}${rewrite.text}`),
        },
      ];
    }
    return [];
  }

  return {
    CallExpression(node) {
      // A call whose first argument is a literal (`router.get('/x')`, `db.query('SELECT 1')`)
      // cannot pass dynamic SQL there; skipping it here keeps the rule cheap.
      const [first] = node.arguments;
      if (!first || (first.type === AST_NODE_TYPES.Literal && node.arguments.length === 1)) return;
      calls.push(node);
    },
    'Program:exit'() {
      const direct = new Set<TSESTree.CallExpression>();
      for (const call of calls) {
        const sink = sinkOf(call);
        if (sink) {
          direct.add(call);
          check(call, sink);
        }
      }
      // A helper that forwards its parameter to a sink is a sink; so is a helper of a helper.
      for (let known = -1; helpers.size !== known; ) {
        known = helpers.size;
        for (const call of calls) {
          if (direct.has(call)) continue;
          const fn = helpers.size > 0 ? classifier.functionOf(call.callee) : undefined;
          const helper = fn && helpers.get(fn);
          if (helper && fn !== enclosingFunction(call)) {
            check(call, { label: shortSource(sourceCode, call.callee), driver: helper.driver, argument: helper.argument, unresolved: helper.unresolved, via: helper.via ?? helper });
          }
        }
      }
      if (options.crossFile !== false) checkImportedHelpers(direct);
      onHelpers?.(helpers, sourceCode.ast);
    },
  };

  /** Calls to SQL helpers exported by other project files. */
  function checkImportedHelpers(direct: ReadonlySet<TSESTree.CallExpression>): void {
    for (const call of calls) {
      if (direct.has(call)) continue;
      // Reading the other file costs a parse: only when some argument is dynamic text.
      const dynamicArgument = call.arguments.some((argument) => {
        const verdict = argument.type === AST_NODE_TYPES.SpreadElement ? undefined : classifier.classify(argument);
        return verdict?.kind === 'dynamic' && (verdict.constructed || verdict.fromRequest);
      });
      if (!dynamicArgument) continue;
      const imported = importedFunction(sourceCode, call.callee);
      const path = imported && resolveRelativeModule(context.filename, imported.specifier);
      const helper = path ? exportedHelpersOf(path, options).get(imported.name) : undefined;
      if (!helper) continue;
      const root: Sink = { label: helper.label, driver: helper.driverId ? DRIVERS_BY_ID.get(helper.driverId) : undefined, argument: 0, unresolved: helper.unresolved };
      check(call, { label: shortSource(sourceCode, call.callee), driver: root.driver, argument: helper.argument, unresolved: helper.unresolved, via: root });
    }
  }
}
