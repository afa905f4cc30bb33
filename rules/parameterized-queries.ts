import { relative } from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
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
import { OriginResolver, withoutDefault } from '../src/ast/module-origin.js';
import { literally } from '../src/ast/regexp.js';
import { calleeParts, keyName, referenceName, shortSource, unwrap } from '../src/ast/nodes.js';
import { looksLikeSql, parameterizeTemplate, sqlSkeleton } from '../src/ast/sql-text.js';
import { createRule } from '../src/create-rule.js';
import { atomsOf, flowOf, type Atom, type CallAtom, type Flow, type Reached, type SinkQuestion, type Value } from '../src/flow/index.js';
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

/** A sink call, the position of its argument, and the keys read from that argument to the text. */
interface FoundSink {
  readonly sink: SqlSink;
  readonly argument: number;
  readonly path?: readonly string[];
}

/** A call that takes SQL text, and how to describe it. */
interface SqlSink {
  /** The callee as written (`pool.query`). */
  readonly label: string;
  readonly driver: SqlDriver | undefined;
  /** Resolved by name only: report only text that looks like SQL. */
  readonly unresolved: boolean;
  readonly file: string;
  readonly line: number;
}

/** TypeORM query-builder methods, trusted on any receiver built by `createQueryBuilder()`. */
const QUERY_BUILDER_METHODS: ReadonlySet<string> = new Set(SQL_DRIVERS.find((driver) => driver.id === 'typeorm')!.instanceSinks);

const lastName = (path: string) => path.slice(path.lastIndexOf('.') + 1);

const SINK_NAMES: ReadonlySet<string> = new Set([
  ...SQL_DRIVERS.flatMap((driver) => [
    ...driver.instanceSinks,
    ...Object.keys(driver.sinkArguments ?? {}),
    ...[...(driver.moduleSinks ?? []), ...(driver.optionSinks ?? []).map((option) => option.call)].map(lastName),
  ]),
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
      servedTraffic: true,
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
    const { sourceCode } = context;
    const question = sqlQuestion(options);
    const sanitizers = new Set(options.sanitizers ?? []);

    const trusted = (atom: Atom) => atom.helpers?.some((name) => sanitizers.has(name) || isEscaperName(name)) ?? false;
    const insideOf = (atom: Atom): Value | undefined => (atom.kind === 'text' ? atom.parts : atom.kind === 'call' && isFormatter(atom) ? atom.inputs() : undefined);

    /**
     * What makes the text dynamic: request input or a parameter inside built text (request input
     * first), and the outermost text of this file that holds it, whose part names it in the message.
     */
    function culpritOf(value: Value): { atom: Atom; text: Atom | undefined } | undefined {
      let found: { atom: Atom; text: Atom | undefined } | undefined;
      const walk = (atoms: Value, text: Atom | undefined, inText: boolean, depth: number): void => {
        for (const atom of atoms) {
          if (depth > 12 || trusted(atom) || found?.atom.kind === 'request') continue;
          if ((atom.kind === 'request' || atom.kind === 'param') && inText) {
            if (!found || atom.kind === 'request') found = { atom, text };
            continue;
          }
          const inner = insideOf(atom);
          if (inner) walk(inner, text ?? (atom.file === undefined && partsOf(atom.node).length > 0 ? atom : undefined), true, depth + 1);
        }
      };
      walk(value, undefined, false, 0);
      return found;
    }

    /** How the message names the culprit: the part of the text that holds it (`term`, from `req.query.q`), and the file and line when it is elsewhere. */
    function describe(flow: Flow, atom: Atom, text: Atom | undefined): string {
      const origin = flow.originOf(atom);
      const where = origin.file === undefined ? '' : ` in ${relative(context.cwd, origin.file)}:${origin.line}`;
      const part = text && partsOf(text.node).find((expression) => [...atomsOf(flow.valueOf(expression), { throughCalls: isFormatter })].includes(atom));
      const shown = part && shortSource(sourceCode, part);
      if (shown !== undefined && shown !== origin.text) return `\`${shown}\` (from \`${origin.text}\`${where})`;
      return `\`${origin.text}\`${where ? ` (${where.trim()})` : ''}`;
    }

    function sinkLabel(reached: Reached<SqlSink>): { sink: string; driver: string } {
      const root = reached.sink;
      const driver = root.driver?.label ?? (root.unresolved ? 'SQL' : 'configured sink');
      const [outer] = reached.via;
      if (!outer) return { sink: root.label, driver };
      const elsewhere = root.file === reached.flow.filename ? '' : `, in ${relative(context.cwd, root.file)}:${root.line}`;
      return { sink: `${shortSource(sourceCode, outer.call.callee)}() → ${root.label}`, driver: `${driver}${elsewhere}` };
    }

    function check(reached: Reached<SqlSink>, reported: Set<TSESTree.Node>): void {
      const { node, value, sink, flow } = reached;
      if (reported.has(node)) return;
      const whole = value.find((atom) => atom.kind === 'request' && !trusted(atom));
      const culprit = culpritOf(value);
      if (!whole && !culprit) return;
      if (sink.unresolved && !looksLikeSql(sqlSkeleton(sourceCode, node))) return;
      reported.add(node);
      const { sink: label, driver } = sinkLabel(reached);
      // `query({ text: ..., values })`: the argument is the query.
      const options = node.parent?.type === AST_NODE_TYPES.Property ? node.parent.parent : undefined;
      const at = options?.type === AST_NODE_TYPES.ObjectExpression && options.parent?.type === AST_NODE_TYPES.CallExpression ? options : node;
      if (whole && !culprit) {
        context.report({ node: at, messageId: 'requestAsQuery', data: { sink: label, driver, culprit: describe(flow, whole, undefined) } });
        return;
      }
      const advice = sink.driver ? PLACEHOLDER_ADVICE[sink.driver.placeholder] : UNRESOLVED_ADVICE;
      context.report({
        node: at,
        messageId: 'dynamicQuery',
        data: { sink: label, driver, culprit: describe(flow, culprit!.atom, culprit!.text), advice },
        suggest: reached.via.length === 0 ? suggestions(node, sink) : [],
      });
    }

    function suggestions(argument: TSESTree.Node, sink: SqlSink): TSESLint.ReportSuggestionArray<MessageIds> {
      const call = argument.parent;
      if (argument.type !== AST_NODE_TYPES.TemplateLiteral || call?.type !== AST_NODE_TYPES.CallExpression || call.arguments.length !== 1 || call.arguments[0] !== argument) return [];
      const driver = sink.driver;
      const positional = driver && POSITIONAL[driver.id];
      if (positional) {
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
      if (replacement && callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed) {
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
      'Program:exit'() {
        const reached = flowOf(context).sinkAnswer(question).reached;
        const reported = new Set<TSESTree.Node>();
        // A call both named like a query and known as a helper of a resolved driver is described by the helper.
        for (const found of [...reached].sort((a, b) => Number(a.sink.unresolved) - Number(b.sink.unresolved))) check(found, reported);
      },
    };
  },
});

/** The expressions a built text is made of: a template's, the operands of a `+` chain, a `+=`'s added text. */
function partsOf(node: TSESTree.Node): TSESTree.Node[] {
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.expressions;
  if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '+=') return [node.right];
  if (node.type !== AST_NODE_TYPES.BinaryExpression || node.operator !== '+') return [];
  const operand = (side: TSESTree.Node): TSESTree.Node[] => (side.type === AST_NODE_TYPES.BinaryExpression && side.operator === '+' ? partsOf(side) : [side]);
  return [...operand(node.left), ...operand(node.right)];
}

/** Escapers the catalog knows by name alone (`escapeId`), trusted when the engine sees into a project function of that name. */
function isEscaperName(name: string): boolean {
  return SQL_ESCAPERS.some((escaper) => escaper.module === undefined && escaper.name === name);
}

/** `util.format(...)`, `sprintf(...)`: the result is the format text with the arguments pasted in. */
function isFormatter(atom: CallAtom): boolean {
  if (atom.module === undefined || atom.path === undefined) return false;
  const path = withoutDefault(atom.path);
  return STRING_FORMATTERS.some((formatter) => formatter.module === atom.module && formatter.path === path);
}

const questions = new Map<string, SinkQuestion<SqlSink>>();

/** The rule's question to the engine, one per set of options: which calls take SQL text, and where. */
function sqlQuestion(options: Options[0]): SinkQuestion<SqlSink> {
  const key = `parameterized-queries:${JSON.stringify(options)}`;
  let question = questions.get(key);
  if (question) return question;
  const customSinks = options.sinks ?? [];
  const customMethods = new Set(customSinks.flatMap((sink) => sink.methods ?? (sink.function ? [] : ['query'])));
  const customFunctions = new Map(customSinks.filter((sink) => sink.function).map((sink) => [sink.function!, sink]));
  const reportUnresolved = options.reportUnresolved !== false;

  function sinkOf(flow: Flow, call: TSESTree.CallExpression): FoundSink | undefined {
    const { object, name, callee } = calleeParts(call);
    if (name === undefined) return undefined;
    const describe = (driver: SqlDriver | undefined, argument = 0, unresolved = false) => ({
      sink: { label: shortSource(flow.sourceCode, callee), driver, unresolved, file: flow.filename, line: call.loc.start.line },
      argument,
    });
    if (!object) {
      const custom = customFunctions.get(name);
      if (custom) return describe(undefined, custom.argument ?? 0);
      const origin = drivers(flow).resolve(callee);
      if (origin?.model) return moduleSink(flow, call, origin.model, origin.path);
      // `import { query } from './db'`: a query function the file cannot see into.
      if (reportUnresolved && GENERIC_QUERY_FUNCTION.test(name) && !flow.functions.of(callee)) return describe(undefined, 0, true);
      return undefined;
    }
    if (!SINK_NAMES.has(name) && !KNEX_RAW_METHOD.test(name) && !customMethods.has(name)) return undefined;
    const distinctive = DISTINCTIVE_SINKS.get(name);
    if (distinctive) return describe(DRIVERS_BY_ID.get(distinctive));
    if (KNEX_RAW_METHOD.test(name)) return describe(DRIVERS_BY_ID.get('knex'));
    const custom = customSinks.find((sink) => matchesCustom(flow, sink, object, name));
    if (custom) return describe(undefined, custom.argument ?? 0);
    const origin = drivers(flow).resolve(object);
    if (origin?.model) {
      const { model } = origin;
      if (origin.instance && model.instanceSinks.includes(name)) return describe(model);
      const position = origin.instance ? model.sinkArguments?.[name] : undefined;
      if (position !== undefined) return describe(model, position);
      const option = origin.instance ? model.optionSinks?.find((candidate) => candidate.call === name) : undefined;
      if (option) return { ...describe(model), path: option.path };
      if (!origin.path.startsWith('#')) return moduleSink(flow, call, model, `${origin.path}.${name}`);
      return undefined;
    }
    if (QUERY_BUILDER_METHODS.has(name) && builtByQueryBuilder(object)) return describe(DRIVERS_BY_ID.get('typeorm'));
    if (reportUnresolved && GENERIC_QUERY_METHODS.has(name)) return describe(undefined, 0, true);
    return undefined;
  }

  /** A function or constructor of a driver's module that takes text (`sql.raw(text)`, `new Request(text)`), or an options object holding it (`new ExecuteStatementCommand({ sql })`). */
  function moduleSink(flow: Flow, node: TSESTree.CallExpression | TSESTree.NewExpression, driver: SqlDriver, modulePath: string): FoundSink | undefined {
    const path = withoutDefault(modulePath);
    const sink: SqlSink = { label: shortSource(flow.sourceCode, node.callee), driver, unresolved: false, file: flow.filename, line: node.loc.start.line };
    if (driver.moduleSinks?.includes(path)) return { sink, argument: 0 };
    const option = driver.optionSinks?.find((candidate) => candidate.call === path);
    return option ? { sink, argument: 0, path: option.path } : undefined;
  }

  function matchesCustom(flow: Flow, sink: CustomSink, object: TSESTree.Node, name: string): boolean {
    if (sink.function || !(sink.methods ?? ['query']).includes(name)) return false;
    if (sink.object !== undefined && referenceName(object) !== sink.object) return false;
    if (sink.module !== undefined) {
      const origin = flow.modules.resolve(object);
      if (!origin) return false;
      const wanted = normalizeModule(sink.module);
      const actual = normalizeModule(origin.module);
      if (actual !== wanted && !actual.endsWith(`/${wanted}`)) return false;
    }
    return sink.object !== undefined || sink.module !== undefined;
  }

  question = {
    key,
    sameFile: options.crossFile === false,
    mentions: sqlMentions(customSinks),
    *sinks(flow) {
      const found = (call: TSESTree.CallExpression | TSESTree.NewExpression): FoundSink | undefined => {
        if (call.type === AST_NODE_TYPES.CallExpression) return sinkOf(flow, call);
        const origin = drivers(flow).resolve(call.callee);
        return origin?.model ? moduleSink(flow, call, origin.model, origin.path) : undefined;
      };
      for (const call of [...flow.calls(), ...flow.constructions()]) {
        const [first] = call.arguments;
        // `db.query('SELECT 1')`, `router.get('/x')`: a literal alone cannot be dynamic SQL.
        if (!first || (first.type === AST_NODE_TYPES.Literal && call.arguments.length === 1)) continue;
        const sink = found(call);
        const argument = sink && call.arguments[sink.argument];
        if (!sink || !argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
        yield* textsOf(flow, argument, sink);
      }
    },
    // A helper that passes its parameter on as the whole text (`run(sql)`) is a sink for its callers.
    *parameters({ value, sink }) {
      for (const atom of value) if (atom.kind === 'param') yield { param: atom, sink };
    },
    sinkKey: () => '',
    carries: (value) => [...atomsOf(value, { throughCalls: true, intoContainers: true })].some((atom) => atom.kind === 'request' || atom.kind === 'param'),
  };
  questions.set(key, question);
  return question;
}

/**
 * What the text of a file with a SQL sink shows: a driver's module, a call named like a query, SQL
 * text, or a configured sink. Other files are not parsed for helpers that pass SQL on.
 */
function sqlMentions(customSinks: readonly CustomSink[]): RegExp {
  const modules = SQL_DRIVERS.flatMap((driver) => driver.modules).map(literally).join('|');
  const calls = ['query', 'sql', 'raw', 'execute', 'exec', 'unsafe', 'prepare', ...customSinks.flatMap((sink) => [...(sink.methods ?? []), ...(sink.function ? [sink.function] : [])])].map(literally).join('|');
  return new RegExp(`['"](?:${modules})['"/]|(?:\\b(?:${calls})|Raw|Unsafe)\\s*\\(|\\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM)\\b`, 'u');
}

/**
 * The expressions a path leads to inside what is written at a call (each statement of
 * `[{ Statement: a }, { Statement: b }]`, so a finding points at the one that is built), and the
 * rest of the path where the code holds a value built elsewhere.
 */
function* along(node: TSESTree.Node, path: readonly string[]): Iterable<{ node: TSESTree.Node; path: readonly string[] }> {
  const inner = unwrap(node);
  const [key, ...rest] = path;
  if (key === '[]' && inner.type === AST_NODE_TYPES.ArrayExpression) {
    for (const element of inner.elements) {
      if (element?.type === AST_NODE_TYPES.SpreadElement) yield { node: element.argument, path };
      else if (element) yield* along(element, rest);
    }
    return;
  }
  if (key !== undefined && key !== '[]' && inner.type === AST_NODE_TYPES.ObjectExpression) {
    const property = inner.properties.findLast((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && !candidate.computed && keyName(candidate) === key);
    if (property) {
      yield* along(property.value, rest);
      return;
    }
  }
  yield { node, path };
}

function drivers(flow: Flow): OriginResolver<SqlDriver> {
  return flow.resolverFor(driverForModule);
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

/**
 * Where the text of a query argument is: the argument itself, the text key of an object written
 * there (`query({ text, values })`, `query({ sql, values })`), or of an object built elsewhere
 * (`const statement = { sql, args }; client.execute(statement)`), or the catalog's path into an
 * options object (`new ExecuteStatementCommand({ sql })`).
 */
function* textsOf(flow: Flow, argument: TSESTree.Node, found: FoundSink): Iterable<{ node: TSESTree.Node; sink: SqlSink; path?: readonly string[] }> {
  const { sink } = found;
  if (found.path) {
    for (const part of along(argument, found.path)) yield { ...part, sink };
    return;
  }
  const inner = unwrap(argument);
  const key = sink.driver?.textKey ?? (sink.unresolved ? undefined : 'text');
  if (inner.type !== AST_NODE_TYPES.ObjectExpression) {
    yield { node: argument, sink };
    if (key !== undefined && flow.valueOf(argument).some((atom) => atom.kind === 'object')) yield { node: argument, sink, path: [key] };
    return;
  }
  const property = inner.properties.find(
    (candidate): candidate is TSESTree.Property =>
      candidate.type === AST_NODE_TYPES.Property && (keyName(candidate) === key || keyName(candidate) === 'sql' || keyName(candidate) === 'text'),
  );
  if (property) yield { node: property.value, sink };
}
