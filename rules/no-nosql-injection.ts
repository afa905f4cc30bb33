import { relative } from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  CODE_OPERATORS,
  FILTER_STAGES,
  INERT_STAGES,
  LOGICAL_OPERATORS,
  MONGOOSE_QUERY_MODIFIERS,
  NESTED_CONDITION_OPERATORS,
  NON_VALIDATING_PARSERS,
  PASSTHROUGH_FUNCTIONS,
  PIPELINE_STAGES,
  QUERY_METHODS,
  SANITIZER_MIDDLEWARE_MODULES,
  SANITIZER_NAMES,
  COMMAND_CLIENTS,
  SQL_ORM_MODULES,
  VALIDATION_METHODS,
  commandClientForModule,
  isModelModulePath,
  isModelName,
  nosqlLibraryForModule,
  type CommandClient,
  type NosqlLibrary,
} from '../src/catalog/nosql.js';
import { OriginResolver } from '../src/ast/module-origin.js';
import { literally } from '../src/ast/regexp.js';
import { calleeParts, keyName, memberName, referenceName, requiredModule, shortSource, staticName, unwrap } from '../src/ast/nodes.js';
import { createRule } from '../src/create-rule.js';
import { atomsOf, flowOf, type Atom, type CheckQuestion, type Flow, type ParamAtom, type Reached, type SinkQuestion, type Value } from '../src/flow/index.js';
import { nameList } from '../src/schema.js';

type Options = [
  {
    models?: string[];
    sanitizers?: string[];
    sanitizedRequests?: boolean;
    nestedQueryStrings?: boolean;
    guessModels?: boolean;
  },
];
type MessageIds = 'requestInQuery' | 'requestAsQuery' | 'requestKeyInQuery' | 'dynamicWhere' | 'requestAsCommand' | 'castToString';

/** What a query argument is to MongoDB: a filter, a value in one, an update, a pipeline, JavaScript, or `mapReduce` options; or a Redis command. */
type Role = 'filter' | 'value' | 'filters' | 'update' | 'pipeline' | 'code' | 'mapReduce' | 'command';

/** A query call on a MongoDB collection or a Mongoose model, and the argument's role in it. */
interface QuerySink {
  /** The callee as written (`User.findOne`). */
  readonly label: string;
  readonly library: string;
  /** Filters of this call are cleaned by Mongoose's `sanitizeFilter`. */
  readonly sanitizedFilter: boolean;
  readonly role: Role;
  /** For code: the operator that runs it (`$where`, `mapReduce`). */
  readonly operator?: string;
  readonly file: string;
  readonly line: number;
}

/** A receiver of query calls: its library as messages name it, whether it is Mongoose, and whether it was resolved rather than guessed. */
interface Receiver {
  readonly library: string;
  readonly mongoose: boolean;
  readonly resolved: boolean;
}

/** Where a value sits in the query: the expression of this file that holds it, and the keys read below that expression. */
interface Position {
  readonly at: TSESTree.Node;
  readonly path: readonly string[];
}

interface Finding {
  readonly messageId: Exclude<MessageIds, 'castToString'>;
  readonly position: Position;
  readonly atom: Atom;
  readonly data?: Record<string, string>;
}

const MAX_DEPTH = 16;
const CHAIN_METHODS: ReadonlySet<string> = new Set(MONGOOSE_QUERY_MODIFIERS);


const OPERATORS: Readonly<Record<'filter' | 'update' | 'pipeline', string>> = {
  filter: '$ne, $gt, $regex, $where, ...',
  update: '$set, $unset, $rename, ...',
  pipeline: '$function, $lookup, $merge, ...',
};

export default createRule<Options, MessageIds>({
  name: 'no-nosql-injection',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow request objects in MongoDB-style queries (MongoDB, Mongoose, NeDB, LokiJS, ...) and request-chosen Redis commands without a cast, validation or sanitizer',
      recommended: true,
      servedTraffic: true,
      standard: 'NoSQL queries never take raw request objects (operator injection)',
      precision: 'high',
      securitySeverity: 8.1,
    },
    hasSuggestions: true,
    messages: {
      requestInQuery:
        '`{{value}}`{{origin}} comes from the request and goes into the filter of `{{call}}` ({{library}}) unchecked: a JSON object such as {"$ne": null} becomes a query operator. Cast it (`String({{value}})`), validate it with a schema, or strip `$` operators with a sanitizer.',
      requestAsQuery:
        'The {{part}} of `{{call}}` ({{library}}) is client data (`{{value}}`{{origin}}): the client chooses its fields and operators ({{operators}}). Build the {{part}} from chosen fields, each cast or validated with a schema, or strip `$` operators with a sanitizer.',
      requestKeyInQuery:
        'The field name `{{value}}`{{origin}} in the filter of `{{call}}` ({{library}}) comes from the request: a client can send `$where` or `$expr` as the name. Map it through a constant allowlist of field names.',
      dynamicWhere:
        '`{{operator}}` in `{{call}}` ({{library}}) runs JavaScript on the database server built from `{{value}}`{{origin}}: code injection. Use query operators with the values as data, or a constant function.',
      requestAsCommand:
        'The Redis command of `{{call}}` ({{library}}) comes from the request (`{{value}}`{{origin}}): the client chooses the command and its arguments (FLUSHALL, CONFIG SET, EVAL, ...). Call a constant command with the values as its arguments.',
      castToString: 'Cast the value with `String({{value}})`.',
    },
    defaultOptions: [{ models: [], sanitizers: [], sanitizedRequests: false, nestedQueryStrings: true, guessModels: true }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          models: nameList('Extra receiver names that are Mongoose models or MongoDB collections (`Ledger` makes `Ledger.find(...)` a query).'),
          sanitizers: nameList(
            'Functions that strip `$` operators or validate: their result is safe, a request object passed to them is clean afterwards, and `app.use(name())` cleans every request of the file.',
          ),
          sanitizedRequests: {
            type: 'boolean',
            description:
              'Every request is sanitized elsewhere (express-mongo-sanitize mounted in another file): request values are not reported, `$where` and parsed JSON still are.',
          },
          nestedQueryStrings: {
            type: 'boolean',
            description:
              'Query-string values can be objects (`?email[$ne]=x` with Express 4\'s default `qs` parser). Set to false when the query parser only yields strings.',
          },
          guessModels: {
            type: 'boolean',
            description:
              'Treat receivers imported from a models folder or file (`../models/User`, `./user.model`) and names ending in `Model` as Mongoose models.',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const question = nosqlQuestion(options);
    const cleaning = cleaningQuestion(options);
    // Next.js API routes (pages/api) parse the query string with `querystring`: strings only.
    const filename = context.filename.replaceAll('\\', '/');
    const nestedQueries = options.nestedQueryStrings !== false && !filename.includes('/pages/api/') && !filename.startsWith('pages/api/');

    /** Whether a request value can be an object here: a body, cookies or (configurable) query string, or parsed text, unchecked. */
    function isRaw(atom: Atom, at: TSESTree.Node, flow: Flow, requestsSanitized: boolean): boolean {
      if (atom.kind !== 'request' || atom.validated || atom.piped) return false;
      if (atom.parsed) return true;
      if (atom.text) return false;
      // A Lambda `event.body` is text until parsed.
      if (requestsSanitized || isLambdaEvent(atom)) return false;
      const objectPart = atom.part === 'body' || atom.part === 'cookies' || (atom.part === 'query' && nestedQueries);
      return objectPart && !flow.isChecked(atom, at, cleaning);
    }

    function report(findings: readonly Finding[], reached: Reached<QuerySink>, reported: Set<string>): void {
      const { sink, via, flow } = reached;
      const call = via[0] ? `${shortSource(sourceCode, via[0].call.callee)}() → ${sink.label}` : sink.label;
      const library = via.length > 0 && sink.file !== flow.filename ? `${sink.library}, in ${relative(context.cwd, sink.file)}:${sink.line}` : sink.library;
      for (const { messageId, position, atom, data } of findings) {
        const node = position.at;
        const key = `${node.range[0]}:${node.range[1]}:${messageId}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const value = messageId === 'dynamicWhere' || messageId === 'requestKeyInQuery' || messageId === 'requestAsCommand' ? flow.originOf(atom).text : [shortSource(sourceCode, node), ...position.path].join('.');
        context.report({
          node,
          messageId,
          data: { value, origin: originOf(flow, atom, value), call, library, ...data },
          suggest: messageId === 'requestInQuery' && position.path.length === 0 ? castSuggestion(node, value) : [],
        });
      }
    }

    /** ` (from `req.body.email` at line 3)` when the value shown is not the source itself. */
    function originOf(flow: Flow, atom: Atom, shown: string): string {
      const origin = flow.originOf(atom);
      if (origin.file !== undefined) return ` (from \`${origin.text}\` in ${relative(context.cwd, origin.file)}:${origin.line})`;
      return origin.text === shown ? '' : ` (from \`${origin.text}\`)`;
    }

    function castSuggestion(node: TSESTree.Node, value: string): TSESLint.ReportSuggestionArray<MessageIds> {
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === node) {
        const text = sourceCode.getText(node);
        return [{ messageId: 'castToString', data: { value }, fix: (fixer) => fixer.replaceText(parent, `${text}: String(${text})`) }];
      }
      return [{ messageId: 'castToString', data: { value }, fix: (fixer) => fixer.replaceText(node, `String(${sourceCode.getText(node)})`) }];
    }

    return {
      'Program:exit'() {
        const flow = flowOf(context);
        const { reached } = flow.sinkAnswer(question);
        if (reached.length === 0) return;
        const requestsSanitized = options.sanitizedRequests === true || sanitizesRequests(flow, options);
        const reported = new Set<string>();
        for (const found of reached) {
          const findings: Finding[] = [];
          inspect(found, (atom, at) => isRaw(atom, at, flow, requestsSanitized), cleaning, findings);
          report(findings, found, reported);
        }
      },
    };
  },
});

/** A request value read from a Lambda `event` (its `body` is JSON text, not an object). */
function isLambdaEvent(atom: Atom): boolean {
  if (atom.kind !== 'request' || !atom.byName) return false;
  const param = atom.byName.fn.params[atom.byName.index];
  return param?.type === AST_NODE_TYPES.Identifier && param.name === 'event';
}

/**
 * Walks the value at a query argument by the argument's role, as MongoDB reads it: filters field by
 * field, operator objects, updates, pipeline stages, JavaScript. Request values that can be objects
 * (`isRaw`) where MongoDB reads operators are findings; parameters there are handed back, for the
 * engine to check what callers pass.
 */
function inspect(reached: Reached<QuerySink>, isRaw: (atom: Atom, at: TSESTree.Node) => boolean, cleaning: CheckQuestion, findings: Finding[] = []): { param: ParamAtom; sink: QuerySink }[] {
  const { sink, flow } = reached;
  const params: { param: ParamAtom; sink: QuerySink }[] = [];
  // A parameter checked before the query (`if (typeof email !== 'string') throw`) is safe whatever callers pass.
  const parameter = (atom: ParamAtom, role: Role, at: TSESTree.Node, operator?: string) => {
    if (!flow.isChecked(atom, at, cleaning)) params.push({ param: atom, sink: { ...sink, role, ...(operator === undefined ? {} : { operator }) } });
  };

  /** Inside an object literal written at the position, the expression of a key; else the same expression, one key deeper. */
  const child = (atom: Atom, position: Position, key: string): Position => {
    if (position.path.length === 0 && atom.kind === 'object' && atom.file === undefined && atom.node.type === AST_NODE_TYPES.ObjectExpression && within(atom.node, position.at)) {
      const property = atom.node.properties.findLast((entry): entry is TSESTree.Property => entry.type === AST_NODE_TYPES.Property && !entry.computed && keyName(entry) === key);
      if (property) return { at: property.value, path: [] };
    }
    return { at: position.at, path: [...position.path, key] };
  };

  /** Library results that hold their argument's fields unchanged (`_.pick(req.body, ...)`, `Object.assign`). */
  const through = (atom: Atom): Value | undefined => (atom.kind === 'call' && atom.name !== undefined && PASSTHROUGH_FUNCTIONS.has(atom.name) ? atom.inputs() : undefined);

  /** A whole filter, update or pipeline: client data there chooses fields and operators. */
  const whole = (value: Value, position: Position, part: 'filter' | 'update' | 'pipeline' | 'pipeline stage', role: Role, depth: number): Value => {
    const rest: Atom[] = [];
    for (const atom of value) {
      if (depth > MAX_DEPTH) break;
      if (isRaw(atom, position.at)) findings.push({ messageId: 'requestAsQuery', position, atom, data: { part, operators: OPERATORS[part === 'pipeline stage' ? 'pipeline' : part] } });
      else if (atom.kind === 'param') parameter(atom, role, position.at);
      else if (through(atom)) rest.push(...whole(through(atom)!, position, part, role, depth + 1));
      else rest.push(atom);
    }
    return rest;
  };

  const filter = (value: Value, position: Position, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const parts = sink.sanitizedFilter ? value : whole(value, position, 'filter', 'filter', depth);
    for (const atom of parts) {
      if (atom.kind !== 'object') continue;
      // `{ where: { ... } }` is a Sequelize or TypeORM query, not a MongoDB filter.
      if (sink.library.startsWith('a model') && atom.properties.has('where')) continue;
      for (const [key, inner] of atom.properties) field(key, inner, child(atom, position, key), depth + 1);
      const computed = atom.computed;
      // Spreads are filters too; values under computed names are field values.
      filter(computed ? atom.rest.filter((part) => !computed.values.includes(part)) : atom.rest, position, depth + 1);
      if (computed) {
        for (const key of computed.keys) fieldName(key, atom, position);
        condition(computed.values, position, depth + 1);
      }
    }
  };

  /** `{ [req.query.field]: value }`: any request text can name `$where`. */
  const fieldName = (key: Atom, object: Atom, position: Position): void => {
    for (const atom of atomsOf([key])) {
      if (atom.kind !== 'request') continue;
      const written = object.file === undefined && object.node.type === AST_NODE_TYPES.ObjectExpression && within(object.node, position.at) ? object.node.properties.find((entry) => entry.type === AST_NODE_TYPES.Property && entry.computed && within(atom.node, entry.key)) : undefined;
      findings.push({ messageId: 'requestKeyInQuery', position: written?.type === AST_NODE_TYPES.Property ? { at: written.key, path: [] } : position, atom });
    }
  };

  const field = (key: string, value: Value, position: Position, depth: number): void => {
    if (CODE_OPERATORS.has(key)) return codeOperator(key, value, position, depth);
    if (LOGICAL_OPERATORS.has(key)) return filters(value, position, depth);
    if (key === '$expr') {
      for (const atom of sink.sanitizedFilter ? value : whole(value, position, 'filter', 'filter', depth)) scanForCode([atom], position, depth + 1);
      return;
    }
    if (key.startsWith('$')) return NESTED_CONDITION_OPERATORS.has(key) ? condition(value, position, depth + 1) : scanForCode(value, position, depth + 1);
    condition(value, position, depth + 1);
  };

  /** An array of filters (`$or`, Mongoose `or([...])`), or client data as the whole list. */
  const filters = (value: Value, position: Position, depth: number): void => {
    for (const atom of sink.sanitizedFilter ? value : whole(value, position, 'filter', 'filters', depth)) {
      if (atom.kind === 'array') filter(atom.elements, position, depth + 1);
    }
  };

  /** A field's value: a plain value, or an operator object (`{ $gt: x }`, `{ $not: {...} }`). */
  const condition = (value: Value, position: Position, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const atom of value) {
      if (atom.kind === 'object') {
        for (const [key, inner] of atom.properties) {
          if (key === '$elemMatch') filter(inner, child(atom, position, key), depth + 1);
          else if (key === '$not') condition(inner, child(atom, position, key), depth + 1);
          else scanForCode(inner, child(atom, position, key), depth + 1);
        }
        if (!sink.sanitizedFilter) whole(atom.rest, position, 'filter', 'filter', depth);
      } else {
        plainValue([atom], position, depth);
      }
    }
  };

  const plainValue = (value: Value, position: Position, depth: number): void => {
    if (sink.sanitizedFilter || depth > MAX_DEPTH) return;
    for (const atom of value) {
      if (isRaw(atom, position.at)) findings.push({ messageId: 'requestInQuery', position, atom });
      else if (atom.kind === 'param') parameter(atom, 'value', position.at);
      else if (through(atom)) plainValue(through(atom)!, position, depth + 1);
    }
  };

  const update = (value: Value, position: Position, depth: number): void => {
    for (const atom of whole(value, position, 'update', 'update', depth)) {
      if (atom.kind === 'array') pipeline([atom], position, depth + 1);
      if (atom.kind !== 'object') continue;
      whole(atom.rest, position, 'update', 'update', depth + 1);
      // `{ $set: req.body }`, `{ $set: { ...req.body } }`: the client picks the fields to set.
      for (const [key, inner] of atom.properties) {
        if (!key.startsWith('$')) continue;
        for (const operand of whole(inner, child(atom, position, key), 'update', 'update', depth + 1)) {
          if (operand.kind === 'object') whole(operand.rest, child(atom, position, key), 'update', 'update', depth + 1);
        }
      }
    }
  };

  const pipeline = (value: Value, position: Position, depth: number): void => {
    for (const atom of whole(value, position, 'pipeline', 'pipeline', depth)) {
      if (atom.kind === 'array') stage(atom.elements, position, depth + 1);
    }
  };

  const stage = (value: Value, position: Position, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const atom of whole(value, position, 'pipeline stage', 'pipeline', depth)) {
      if (atom.kind !== 'object') continue;
      for (const [key, inner] of atom.properties) {
        const at = child(atom, position, key);
        if (FILTER_STAGES.has(key)) filter(inner, at, depth + 1);
        else if (PIPELINE_STAGES.has(key)) {
          for (const operand of whole(inner, at, 'pipeline stage', 'pipeline', depth + 1)) {
            if (operand.kind !== 'object') continue;
            for (const [nested, stages] of operand.properties) {
              if (nested === 'pipeline' || stages.some((candidate) => candidate.kind === 'array')) pipeline(stages, child(operand, at, nested), depth + 1);
            }
          }
        } else if (!INERT_STAGES.has(key)) scanForCode(whole(inner, at, 'pipeline stage', 'pipeline', depth + 1), at, depth + 1);
      }
    }
  };

  /** Operators that run JavaScript, anywhere inside an expression (`$expr`, `$addFields`). */
  const scanForCode = (value: Value, position: Position, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const atom of value) {
      if (atom.kind === 'array') scanForCode(atom.elements, position, depth + 1);
      if (atom.kind !== 'object') continue;
      for (const [key, inner] of atom.properties) {
        if (CODE_OPERATORS.has(key)) codeOperator(key, inner, child(atom, position, key), depth + 1);
        else scanForCode(inner, child(atom, position, key), depth + 1);
      }
    }
  };

  /** `$where: 'js'`, `$function: { body: 'js' }`, `$accumulator: { init: 'js', ... }`. */
  const codeOperator = (operator: string, value: Value, position: Position, depth: number): void => {
    const keys = CODE_OPERATORS.get(operator) ?? [];
    if (keys.length === 0) return code(value, position, operator);
    for (const atom of value) {
      if (atom.kind !== 'object') continue;
      for (const [key, inner] of atom.properties) {
        if (keys.includes(key)) code(inner, child(atom, position, key), operator);
        else scanForCode(inner, child(atom, position, key), depth + 1);
      }
    }
  };

  /** JavaScript text: request input or a parameter in it is code from somewhere (and a helper's callers are checked too). */
  const code = (value: Value, position: Position, operator: string): void => {
    for (const atom of atomsOf(value)) {
      if (atom.kind === 'request' || atom.kind === 'param') findings.push({ messageId: 'dynamicWhere', position, atom, data: { operator } });
      if (atom.kind === 'param') parameter(atom, 'code', position.at, operator);
    }
  };

  /** `mapReduce({ map, reduce, query })` or its third argument. */
  const mapReduceOptions = (value: Value, position: Position, depth: number): void => {
    for (const atom of value) {
      if (atom.kind !== 'object') continue;
      for (const [key, inner] of atom.properties) {
        if (key === 'map' || key === 'reduce' || key === 'finalize') code(inner, child(atom, position, key), 'mapReduce');
        else if (key === 'query') filter(inner, child(atom, position, key), depth + 1);
      }
    }
  };

  const walkers: Record<Role, (value: Value, position: Position) => void> = {
    filter: (value, position) => filter(value, position, 0),
    value: (value, position) => plainValue(value, position, 0),
    filters: (value, position) => filters(value, position, 0),
    update: (value, position) => update(value, position, 0),
    pipeline: (value, position) => pipeline(value, position, 0),
    code: (value, position) => code(value, position, sink.operator ?? '$where'),
    mapReduce: (value, position) => mapReduceOptions(value, position, 0),
    command: (value, position) => {
      for (const atom of atomsOf(value)) {
        if (atom.kind === 'request' && !atom.validated) findings.push({ messageId: 'requestAsCommand', position, atom });
        if (atom.kind === 'param') parameter(atom, 'command', position.at);
      }
    },
  };
  walkers[sink.role](reached.value, { at: reached.node, path: [] });
  return params;
}

function within(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

// ---- The rule's questions to the engine ------------------------------------------------------

const questions = new Map<string, SinkQuestion<QuerySink>>();
const cleaningQuestions = new Map<string, CheckQuestion>();

/** Calls that clean or validate what they are given: sanitizers and validation methods (not `JSON.parse`). */
function cleaningQuestion(options: Options[0]): CheckQuestion {
  const key = `no-nosql-injection:${JSON.stringify(options.sanitizers ?? [])}`;
  let question = cleaningQuestions.get(key);
  if (!question) {
    const configured = new Set(options.sanitizers ?? []);
    question = {
      key,
      isCheck(call) {
        const { object, name } = calleeParts(call);
        if (name === undefined) return false;
        if (configured.has(name) || SANITIZER_NAMES.has(name) || name.toLowerCase().includes('sanitiz')) return true;
        if (!VALIDATION_METHODS.has(name)) return false;
        const receiver = object && unwrap(object);
        return !(name === 'parse' && receiver?.type === AST_NODE_TYPES.Identifier && NON_VALIDATING_PARSERS.has(receiver.name));
      },
    };
    cleaningQuestions.set(key, question);
  }
  return question;
}

/** The modules a file imports or requires. */
const importsOfFlow = new WeakMap<Flow, Set<string>>();

function importsOf(flow: Flow): Set<string> {
  let modules = importsOfFlow.get(flow);
  if (!modules) {
    modules = new Set();
    for (const statement of flow.sourceCode.ast.body) if (statement.type === AST_NODE_TYPES.ImportDeclaration) modules.add(statement.source.value);
    for (const call of flow.calls()) {
      const required = requiredModule(call);
      if (required !== undefined) modules.add(required);
    }
    importsOfFlow.set(flow, modules);
  }
  return modules;
}

/** `app.use(mongoSanitize())` (express-mongo-sanitize) or a configured sanitizer mounted in the file: every request is cleaned. */
function sanitizesRequests(flow: Flow, options: Options[0]): boolean {
  const configured = new Set(options.sanitizers ?? []);
  const imports = importsOf(flow);
  if (configured.size === 0 && ![...imports].some((name) => SANITIZER_MIDDLEWARE_MODULES.has(name))) return false;
  return flow.calls().some((call) => {
    const { object, name, callee } = calleeParts(call);
    if (object || name === undefined) return false;
    const origin = flow.modules.resolve(callee);
    if (origin && SANITIZER_MIDDLEWARE_MODULES.has(origin.module) && (origin.path === '' || origin.path === '.default')) return true;
    const parent = call.parent;
    return configured.has(name) && parent?.type === AST_NODE_TYPES.CallExpression && calleeParts(parent).name === 'use';
  });
}

/** `mongoose.set('sanitizeFilter', true)` in the file: Mongoose cleans every filter. */
function sanitizesFilters(flow: Flow): boolean {
  if (!importsOf(flow).has('mongoose')) return false;
  return flow.calls().some((call) => {
    const { object, name } = calleeParts(call);
    if (!object || name !== 'set' || staticName(call.arguments[0]) !== 'sanitizeFilter') return false;
    const value = call.arguments[1];
    return value?.type === AST_NODE_TYPES.Literal && value.value === true && flow.modules.resolve(object)?.module === 'mongoose';
  });
}

/** `Model.find(filter, null, { sanitizeFilter: true })` or `.setOptions({ sanitizeFilter: true })` in the chain. */
function hasSanitizeFilterOption(call: TSESTree.CallExpression): boolean {
  const setsIt = (argument: TSESTree.Node | undefined) => {
    const inner = argument && unwrap(argument);
    return (
      inner?.type === AST_NODE_TYPES.ObjectExpression &&
      inner.properties.some((property) => property.type === AST_NODE_TYPES.Property && keyName(property) === 'sanitizeFilter' && property.value.type === AST_NODE_TYPES.Literal && property.value.value === true)
    );
  };
  if (call.arguments.slice(1).some((argument) => setsIt(argument))) return true;
  let current: TSESTree.Node = call;
  for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
    const member: TSESTree.Node | undefined = current.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) return false;
    const next: TSESTree.Node | undefined = member.parent;
    if (next?.type !== AST_NODE_TYPES.CallExpression || next.callee !== member) return false;
    if (memberName(member) === 'setOptions' && setsIt(next.arguments[0])) return true;
    current = next;
  }
  return false;
}

/** `db.collection('users')`, `client.db().collection(name)`. */
function isCollectionCall(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const { object, name } = calleeParts(node);
  const [argument] = node.arguments;
  return object !== undefined && name === 'collection' && argument !== undefined && argument.type !== AST_NODE_TYPES.ArrowFunctionExpression && argument.type !== AST_NODE_TYPES.FunctionExpression && node.arguments.length <= 2;
}

function libraries(flow: Flow): OriginResolver<NosqlLibrary> {
  return flow.resolverFor(nosqlLibraryForModule);
}

function commandClients(flow: Flow): OriginResolver<CommandClient> {
  return flow.resolverFor(commandClientForModule);
}

/**
 * The command a Redis call sends, where the client could choose it: the whole array of
 * `sendCommand(args)` or its first word, the first word of `call(name, ...)`, or a spread of words.
 */
function* redisCommands(flow: Flow, call: TSESTree.CallExpression, object: TSESTree.Node, name: string, label: string): Iterable<{ node: TSESTree.Node; sink: QuerySink }> {
  const origin = commandClients(flow).resolve(object);
  const client = origin?.instance ? origin.model : undefined;
  if (!client) return;
  const [first] = call.arguments;
  if (!first) return;
  const sink: QuerySink = { label, library: client.label, sanitizedFilter: false, role: 'command', file: flow.filename, line: call.loc.start.line };
  if (client.commandArrays.includes(name)) {
    const words = first.type === AST_NODE_TYPES.SpreadElement ? undefined : unwrap(first);
    if (words?.type !== AST_NODE_TYPES.ArrayExpression) {
      if (words) yield { node: first, sink };
      return;
    }
    const [word] = words.elements;
    if (word) yield { node: word.type === AST_NODE_TYPES.SpreadElement ? word.argument : word, sink };
  } else if (client.commandWords.includes(name)) {
    yield { node: first.type === AST_NODE_TYPES.SpreadElement ? first.argument : first, sink };
  }
}

/** The rule's question to the engine, one per set of options: which calls are MongoDB queries, and what each argument is to them. */
function nosqlQuestion(options: Options[0]): SinkQuestion<QuerySink> {
  const key = `no-nosql-injection:${JSON.stringify({ models: options.models, guessModels: options.guessModels, sanitizers: options.sanitizers })}`;
  let question = questions.get(key);
  if (question) return question;
  const configuredModels = new Set(options.models ?? []);
  const modelNames = [...configuredModels].filter((name) => /^\w+$/u.test(name)).map((name) => `|\\b${name}\\b`).join('');
  const cleaning = cleaningQuestion(options);

  function guessingAllowed(flow: Flow): boolean {
    if (options.guessModels === false) return false;
    const imports = importsOf(flow);
    const usesMongo = imports.has('mongoose') || imports.has('mongodb') || imports.has('@nestjs/mongoose');
    return usesMongo || ![...imports].some((name) => SQL_ORM_MODULES.has(name));
  }

  /** A receiver that is a MongoDB collection or a Mongoose model (or a query built from one). */
  function receiverOf(flow: Flow, node: TSESTree.Node, depth = 0): Receiver | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const inner = unwrap(node);
    const name = referenceName(inner);
    if (name !== undefined && configuredModels.has(name)) return { library: 'configured model', mongoose: true, resolved: true };
    const origin = libraries(flow).resolve(inner);
    if (origin?.model) {
      const registry = origin.model.modelRegistries?.some((prefix) => origin.path.startsWith(`${prefix}.`)) ?? false;
      if (origin.instance || registry) return { library: origin.model.label, mongoose: origin.model.id === 'mongoose', resolved: true };
      return undefined;
    }
    // `db.collection('users')`, here or kept in a local or returned by a function of the file.
    const kept = inner.type === AST_NODE_TYPES.Identifier || (inner.type === AST_NODE_TYPES.CallExpression && flow.functions.of(inner.callee) !== undefined);
    if (isCollectionCall(inner) || (kept && flow.valueOf(inner).some((atom) => atom.kind === 'call' && isCollectionCall(atom.node)))) return { library: 'MongoDB collection', mongoose: false, resolved: true };
    if (inner.type === AST_NODE_TYPES.CallExpression) {
      // `User.find(...).where(...)`: a query built from a model.
      const { object, name: method } = calleeParts(inner);
      if (object && method !== undefined && (QUERY_METHODS.has(method) || CHAIN_METHODS.has(method))) {
        const receiver = receiverOf(flow, object, depth + 1);
        return receiver?.mongoose ? receiver : undefined;
      }
      return undefined;
    }
    if (!guessingAllowed(flow)) return undefined;
    // Only a binding of its own (`import User from '../models/User'`, `const { User } = require('../models')`):
    // a namespace of models (`models.User`, `db.User`) is the Sequelize and Bookshelf style.
    if (inner.type === AST_NODE_TYPES.Identifier) {
      const moduleOrigin = flow.modules.resolve(inner);
      if (moduleOrigin && isModelModulePath(moduleOrigin.module) && !moduleOrigin.path.includes('(') && moduleOrigin.path.split('.').length <= 2) {
        return { library: `a model from '${moduleOrigin.module}'`, mongoose: true, resolved: false };
      }
    }
    const isOwnField = inner.type === AST_NODE_TYPES.MemberExpression && unwrap(inner.object).type === AST_NODE_TYPES.ThisExpression;
    if (name !== undefined && isModelName(name) && (inner.type === AST_NODE_TYPES.Identifier || isOwnField)) return { library: 'a model, by its name', mongoose: true, resolved: false };
    return undefined;
  }

  // A file with a MongoDB query or a Redis command names MongoDB, Redis, a model or a collection
  // somewhere in its text, and calls a query or command method by its name.
  const commandMethods = new Set(COMMAND_CLIENTS.flatMap((client) => [...client.commandArrays, ...client.commandWords]));
  const methodNames = [...QUERY_METHODS.keys(), ...commandMethods].map(literally).join('|');
  const mentions = new RegExp(
    `^(?=[\\s\\S]*?(?:mongo|models?\\b|Model\\b|\\.collection\\s*\\(|redis|nedb|loki|tingo|monk${modelNames}))(?=[\\s\\S]*?[.'"\`]\\s*(?:${methodNames})\\b)`,
    'u',
  );
  question = {
    key,
    mentions,
    *sinks(flow) {
      // A receiver is a model or collection only where the text names one (cheap, and most files do not).
      if (!mentions.test(flow.sourceCode.text)) return;
      let filtersSanitized: boolean | undefined;
      for (const call of flow.calls()) {
        const { object, name, callee } = calleeParts(call);
        if (object && name !== undefined && commandMethods.has(name)) yield* redisCommands(flow, call, object, name, shortSource(flow.sourceCode, callee));
        const method = name === undefined ? undefined : QUERY_METHODS.get(name);
        if (!object || !method || call.arguments.length === 0) continue;
        const receiver = receiverOf(flow, object);
        if (!receiver || (method.mongooseOnly && !receiver.mongoose) || (method.resolvedOnly && !receiver.resolved)) continue;
        filtersSanitized ??= sanitizesFilters(flow);
        const base = {
          label: shortSource(flow.sourceCode, callee),
          library: receiver.library,
          sanitizedFilter: (receiver.mongoose && filtersSanitized) || hasSanitizeFilterOption(call),
          file: flow.filename,
          line: call.loc.start.line,
        };
        const argument = (index: number | undefined) => {
          const node = index === undefined ? undefined : call.arguments[index];
          return node && node.type !== AST_NODE_TYPES.SpreadElement ? node : undefined;
        };
        if (method.mapReduce) {
          const [first, second, third] = call.arguments.map((_, index) => argument(index));
          if (first && unwrap(first).type === AST_NODE_TYPES.ObjectExpression) {
            yield { node: first, sink: { ...base, role: 'mapReduce' } };
            continue;
          }
          for (const code of [first, second]) if (code) yield { node: code, sink: { ...base, role: 'code', operator: 'mapReduce' } };
          if (third) yield { node: third, sink: { ...base, role: 'mapReduce' } };
          continue;
        }
        const filter = argument(method.filter);
        // Mongoose `where('email', value)`: a path and its value; `where(null)` is nothing.
        if (filter && name === 'where' && staticName(unwrap(filter)) !== undefined) {
          const value = argument(1);
          if (value) yield { node: value, sink: { ...base, role: 'value' } };
        } else if (filter && !(name === 'where' && unwrap(filter).type === AST_NODE_TYPES.Literal)) {
          yield { node: filter, sink: { ...base, role: 'filter' } };
        }
        const roles: [number | undefined, Role][] = [
          [method.id, 'value'],
          [method.update, 'update'],
          [method.pipeline, 'pipeline'],
          [method.filters, 'filters'],
          [method.code, 'code'],
        ];
        for (const [index, role] of roles) {
          const node = argument(index);
          if (node) yield { node, sink: { ...base, role, ...(role === 'code' ? { operator: '$where' } : {}) } };
        }
      }
    },
    // A helper that passes a parameter into a query (`findByEmail(email)`) is a sink for its callers.
    parameters: (reached) => inspect(reached, () => false, cleaning),
    sinkKey: (sink) => `${sink.role}:${sink.operator ?? ''}`,
    carries: (value) => [...atomsOf(value, { throughCalls: true, intoContainers: true })].some((atom) => atom.kind === 'request' || atom.kind === 'param'),
  };
  questions.set(key, question);
  return question;
}
