import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { CONTEXT_OBJECTS, REQUEST_OBJECTS } from '../catalog/request-sources.js';
import { ERROR_EVENTS, ERROR_HANDLER_REGISTRARS, ERROR_PARAMETER_NAME, EVENT_LISTENER_METHODS, NEXT_PARAMETER_NAMES, RESPONSE_OBJECT_NAMES } from '../catalog/responses.js';
import { baseClassOf, declaredClass, exportedMethods, exportedNames, importedFunction, importedMethod, inheritingCall, resolveRelativeModule, type BaseClass } from '../ast/module-file.js';
import { originResolver, type ModuleModel, type OriginResolver } from '../ast/module-origin.js';
import { calleeOf, calleeParts, enclosingClass, enclosingFunction, isFunction, keyName, memberName, plusOperands, pushChildren, requiredModule, returnedValues, shortSource, staticName, unwrap, type FunctionNode } from '../ast/nodes.js';
import { requestDecorator } from '../ast/request-input.js';
import { guessFramework, handlerOf, LocalFunctions, routeHandlers, type RouteHandler } from '../ast/route-handlers.js';
import { findVariable, parameterOf, writesOf, type Variable, type Write } from '../ast/variables.js';
import { checksOf, covers, holds, type Check, type CheckQuestion } from './checks.js';
import { AllowlistGuards } from './guards.js';
import { JwtCalls } from './jwt-calls.js';
import { dominates, liveWrites, mayReach } from './reach.js';
import { recordQuery } from './records.js';
import { requestMethod } from './request.js';
import { answer, type SinkAnswer, type SinkQuestion } from './sinks.js';
import { readKey, usesOf, type Use } from './uses.js';
import type { ProjectFiles, Registration } from './project-files.js';
import {
  elements,
  inFile,
  keys,
  lazy,
  mapAtoms,
  named,
  NOTHING,
  property,
  returnedBy,
  union,
  without,
  type Atom,
  type CallAtom,
  type ObjectAtom,
  type ParamAtom,
  type RequestAtom,
  type RequestPart,
  type Value,
} from './value.js';

/** What a forward question makes of a use: the place it looks for, a call that hands the value on, or neither. */
export type Decision = 'sink' | 'through' | undefined;

/**
 * A string a value may be, as the text it reads with a hole for each part that is not a constant:
 * `\u0001n\u0001` in `text` stands for `holes[n]`, the part's value and the node it is written at.
 */
export interface BuiltText {
  readonly text: string;
  readonly holes: readonly { readonly value: Value; readonly node: TSESTree.Node }[];
}

/** A place a forward question goes on from, with the path read and the containers the value sits in there. */
interface Onward {
  readonly flow: Flow;
  readonly node: TSESTree.Node;
  readonly path: readonly string[];
  readonly wraps: readonly string[];
}

/** A request handler, with the route another file declares for it when it is registered there. */
export type FlowHandler = RouteHandler & { readonly registration?: Registration };

/** Parameters bound to values while a function's return value is worked out for one call. */
type Env = ReadonlyMap<TSESTree.Node, Value>;

/** A reference that stores into its variable's object or array: `Object.assign(v, x)`, `v.a.b = x`, `delete v.a`, `v.push(x)`. */
type Store =
  | { readonly kind: 'assign'; readonly identifier: TSESTree.Identifier; readonly call: TSESTree.CallExpression }
  | { readonly kind: 'write'; readonly identifier: TSESTree.Identifier; readonly member: TSESTree.MemberExpression; readonly keys: readonly (string | undefined)[]; readonly path: string | undefined; readonly assignment: TSESTree.AssignmentExpression }
  | { readonly kind: 'delete'; readonly identifier: TSESTree.Identifier; readonly path: string }
  | { readonly kind: 'push'; readonly identifier: TSESTree.Identifier; readonly method: string; readonly call: TSESTree.CallExpression };
const EMPTY_ENV: Env = new Map();

const MAX_DEPTH = 28;
/** Work allowed for one question: a file of generated code must not make a query exponential. */
const MAX_STEPS = 25_000;
/** Writes of one variable that are followed: enough for real code, bounded for generated code. */
const MAX_WRITES = 200;
/** Keys below a variable that a property write is followed through (`req.body.password = ...`). */
const MAX_STORED_PATH = 3;
/** Alternatives and parts of a built string that `textsOf` reads: real queries have a few. */
const MAX_TEXT_ALTERNATIVES = 8;
/**
 * Project modules one array or object literal may gather (`module.exports = [require('./a'), ...]`)
 * and still be read module by module: a larger one is a registry (importers, migrations) whose
 * modules stay modules, as a package's would, rather than fifty files parsed for one value.
 */
const MAX_GATHERED_MODULES = 16;
const MAX_TEXT_PARTS = 200;
/** How far down a chain of project calls `runsCode` reads, and how many functions at most: a service's method, its base class's, their helpers. */
const MAX_CALL_CHAIN = 5;
const MAX_FUNCTIONS_RUN = 24;
/** How many classes up an inherited method is looked for (`UsersService`, `CoreUserService`, `CrudService`, `ModuleService`). */
const MAX_BASE_CLASSES = 4;
/** Expressions a forward question visits, across files: a value that goes further is lost in the code. */
const MAX_FORWARD_STEPS = 400;

/** Operators whose result is folded when both operands are numbers the code spells out. */
const FOLDED: Readonly<Record<string, (left: number, right: number) => number>> = {
  '+': (left, right) => left + right,
  '-': (left, right) => left - right,
  '*': (left, right) => left * right,
  '/': (left, right) => left / right,
  '%': (left, right) => left % right,
  '**': (left, right) => left ** right,
  '<<': (left, right) => left << right,
  '>>': (left, right) => left >> right,
};

/** Functions whose result is a number, a boolean or a fixed word, whatever they are given. */
const CONSTANT_GLOBALS: ReadonlySet<string> = new Set(['Number', 'parseInt', 'parseFloat', 'Boolean', 'BigInt', 'isNaN', 'isFinite', 'Date']);
/** Of those, the ones that compute a number from their arguments (the result keeps them in `from`). */
const NUMBER_FUNCTIONS: ReadonlySet<string> = new Set(['Number', 'parseInt', 'parseFloat', 'BigInt']);
const ARITHMETIC: ReadonlySet<string> = new Set(['-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>']);
const CONSTANT_NAMESPACES: ReadonlySet<string> = new Set(['Math', 'Number', 'Date', 'crypto']);
const CONSTANT_METHODS: ReadonlySet<string> = new Set([
  'indexOf', 'lastIndexOf', 'findIndex', 'findLastIndex', 'getTime', 'valueOf', 'toFixed', 'toPrecision',
  'charCodeAt', 'codePointAt', 'includes', 'has', 'some', 'every', 'startsWith', 'endsWith', 'test', 'localeCompare',
  'toISOString', 'toUTCString', 'getFullYear', 'getMonth', 'getDate', 'getHours', 'getMinutes', 'getSeconds', 'isArray',
  'hasOwnProperty', 'randomUUID', 'randomInt', 'now',
]);
/** String methods whose result is the receiver's text, reshaped. */
const TEXT_METHODS: ReadonlySet<string> = new Set([
  'toString', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase',
  'normalize', 'padStart', 'padEnd', 'repeat', 'substring', 'substr', 'charAt',
]);
/** Array methods whose result holds the receiver's elements (a Map's `entries()` its `[key, value]` entries). */
const ARRAY_METHODS: ReadonlySet<string> = new Set(['filter', 'slice', 'reverse', 'sort', 'flat', 'toSorted', 'toReversed', 'splice', 'values', 'entries', 'concat']);
/** Methods that store their arguments into a collection: arrays, Sets, Maps (as `[key, value]` entries). */
const COLLECTION_STORES: ReadonlySet<string> = new Set(['push', 'unshift', 'add', 'set']);
/** Array methods whose result is one of the receiver's elements. */
const ELEMENT_METHODS: ReadonlySet<string> = new Set(['find', 'findLast', 'at', 'pop', 'shift']);
/** Callback methods whose callback's first parameter is an element of the receiver. */
const ELEMENT_CALLBACKS: ReadonlySet<string> = new Set(['map', 'flatMap', 'forEach', 'filter', 'some', 'every', 'find', 'findLast', 'findIndex', 'sort', 'reduce', 'reduceRight']);
/** The parts of a request a destructured handler parameter names. */
const REQUEST_PART_NAMES: ReadonlySet<string> = new Set(['body', 'query', 'params', 'headers', 'cookies', 'files', 'file']);
/** The keys of a Fastify route schema, by the part of the request each validates. */
const SCHEMA_PARTS: ReadonlyMap<string, RequestPart> = new Map([
  ['body', 'body'],
  ['querystring', 'query'],
  ['query', 'query'],
  ['params', 'params'],
  ['headers', 'headers'],
]);
/** Parameter names of node-style callbacks that receive the error. */
const ERROR_PARAMETER = /^(?:err|error|e|ex|exception|er)$/iu;
/** Calls whose result is their argument, unchanged for our purpose. */
const PASSTHROUGH_FUNCTIONS: ReadonlySet<string> = new Set(['structuredClone']);
/** Global functions whose result is a string made from their argument (whatever the argument was: an object becomes text). */
const TEXT_FUNCTIONS: ReadonlySet<string> = new Set(['String', 'decodeURIComponent', 'decodeURI', 'encodeURIComponent', 'encodeURI', 'unescape', 'escape']);

/**
 * The value-flow engine of one file: what an expression's value may be made of, followed through
 * locals, destructuring, object and array literals, property reads and writes, built strings,
 * functions of the same file, promise callbacks, and functions and values other project files
 * export. One instance per file and run, shared by every rule (see `flowOf`), and every answer is
 * kept, so a rule that asks what another already asked pays nothing.
 */
export class Flow {
  readonly modules: OriginResolver<ModuleModel>;
  readonly functions: LocalFunctions;
  private readonly cache = new Map<TSESTree.Node, Value>();
  private readonly active = new Set<TSESTree.Node>();
  private readonly guards: AllowlistGuards;
  private readonly jwt: JwtCalls;
  private readonly fieldWrites = new Map<TSESTree.ClassBody, Map<string, TSESTree.Node[]>>();
  private steps = 0;
  private handlerList: FlowHandler[] | undefined;
  private handlerByFunction: Map<FunctionNode, FlowHandler> | undefined;
  private exportedFunctions: Set<FunctionNode> | undefined;
  private callList: TSESTree.CallExpression[] | undefined;
  private constructionList: TSESTree.NewExpression[] | undefined;
  private callsByFunction: Map<FunctionNode, TSESTree.CallExpression[]> | undefined;
  private exportMap: Map<TSESTree.Node, string[]> | undefined;
  private readonly sinkAnswers = new Map<string, SinkAnswer<unknown>>();
  private readonly checkLists = new Map<string, readonly Check[]>();
  private readonly writeLists = new Map<Variable, readonly Write[]>();
  private readonly storeLists = new Map<Variable, readonly Store[]>();
  private methodMap: Map<FunctionNode, string[]> | undefined;

  constructor(
    readonly sourceCode: TSESLint.SourceCode,
    readonly filename: string,
    readonly project: ProjectFiles | undefined,
  ) {
    this.modules = originResolver(sourceCode);
    this.jwt = new JwtCalls(sourceCode);
    this.functions = new LocalFunctions(sourceCode);
    this.guards = new AllowlistGuards(sourceCode, (node) => this.valueOf(node));
  }

  /** What the value of an expression may be made of. */
  valueOf(node: TSESTree.Node): Value {
    const outermost = this.active.size === 0;
    if (outermost) this.steps = 0;
    return this.evaluate(node, EMPTY_ENV, 0);
  }

  /** A value worked out when a question asks for it later (a call's inputs): a question of its own. */
  private asked(node: TSESTree.Node, env: Env): Value {
    if (this.active.size === 0) this.steps = 0;
    return this.evaluate(node, env, 0);
  }

  /** This file's resolver of values to the modules of a catalog (SQL drivers, MongoDB libraries), shared with every rule. */
  resolverFor<Model extends ModuleModel>(modelFor: (moduleName: string) => Model | undefined): OriginResolver<Model> {
    return originResolver(this.sourceCode, modelFor);
  }

  /** What a function returns (its `return` values, or an arrow's body), its parameters left as parameters. */
  returnsOf(fn: FunctionNode): Value {
    return this.returns(fn, EMPTY_ENV, 0);
  }

  /**
   * Every request handler of the file: those its own routes declare, those it exports by signature
   * from a controller file, and its exports that other files register as routes (or return from an
   * export other files call to get a handler).
   */
  handlers(): readonly FlowHandler[] {
    this.handlerList ??= this.findHandlers();
    return this.handlerList;
  }

  /** The handler whose request the function's parameters are, if the function is one. */
  handlerOf(fn: FunctionNode): FlowHandler | undefined {
    const own = handlerOf(this.sourceCode, fn, this.filename);
    if (own && own.declaration !== undefined) return own;
    // Only an exported function (or one an export returns) can be registered by another file, and
    // only one written as a handler is: `(req, res)`, `(request, reply)`, `(ctx)`.
    if (!looksLikeHandler(fn) || !this.exported().has(fn)) return own;
    this.handlerByFunction ??= new Map(this.handlers().map((handler) => [handler.fn, handler]));
    return this.handlerByFunction.get(fn) ?? own;
  }

  private findHandlers(): FlowHandler[] {
    const handlers: FlowHandler[] = [...routeHandlers(this.sourceCode, this.filename)];
    // Another file can only register what this file exports written as a handler: no such export, nothing to look up.
    if (![...this.exported()].some(looksLikeHandler)) return handlers;
    const registrations = this.project?.registrationsOf(this.filename) ?? [];
    if (registrations.length === 0) return handlers;
    const byName = new Map<string, TSESTree.Node>();
    for (const [node, names] of this.exportNames()) for (const name of names) byName.set(name, node);
    // `module.exports = new UsersController()`: its methods are what the routes name (`users.list`).
    for (const [node, names] of this.exportedMethodNames()) for (const name of names) if (!byName.has(name)) byName.set(name, node);
    for (const registration of registrations) {
      const exported = byName.get(registration.name) ?? (registration.name === 'default' ? byName.get('module.exports') : undefined);
      const fn = exported && this.functions.of(exported);
      if (!fn || !exported) continue;
      const targets = registration.factory ? returnedValues(fn).flatMap((value) => this.functions.of(value) ?? []) : [fn];
      for (const target of targets) {
        const index = handlers.findIndex((handler) => handler.fn === target);
        const handler: FlowHandler = {
          fn: target,
          framework: registration.framework ?? guessFramework(target),
          method: registration.method,
          path: registration.path,
          middleware: [],
          declaration: exported,
          hasFrameworkSchema: false,
          registration,
        };
        if (index >= 0 && handlers[index]!.declaration !== undefined) continue;
        if (index >= 0) handlers[index] = handler;
        else handlers.push(handler);
      }
    }
    return handlers;
  }

  /**
   * What the callers of a function pass for one of its parameters: the calls in this file, and for
   * an exported function the calls in the project files that import it (their atoms marked with
   * their file). For a rule that judges a helper's parameter by what it is given (`sendError(res, err)`).
   */
  argumentsOf(fn: FunctionNode, index: number): Value {
    return union(...this.argumentsAt(fn, index).flatMap(({ value, call, flow }) => (call.arguments[index] === undefined ? [] : [flow === this ? value : inFile(value, flow.filename)])));
  }

  /**
   * What a parameter receives at each call of its function, in this file and, when the function is
   * exported, in the project files that call it: the value (of the caller's file), the call and the
   * engine of its file, for a rule that says where the value was given. A call that leaves the
   * argument out gives the parameter's default (a value of this file), or nothing.
   */
  argumentsAt(fn: FunctionNode, index: number): { value: Value; call: TSESTree.CallExpression; flow: Flow }[] {
    if (!this.callsByFunction) {
      this.callsByFunction = new Map();
      for (const call of this.calls()) {
        const callee = unwrap(call.callee);
        if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) continue;
        const target = this.functions.of(callee);
        if (target) this.callsByFunction.set(target, [...(this.callsByFunction.get(target) ?? []), call]);
      }
    }
    const calls: { call: TSESTree.CallExpression; flow: Flow }[] = (this.callsByFunction.get(fn) ?? []).map((call) => ({ call, flow: this as Flow }));
    const names = this.exportNames().get(fn);
    if (names && this.project) calls.push(...this.project.callersOf(this.filename, names));
    const param = fn.params[index];
    const fallback = param?.type === AST_NODE_TYPES.AssignmentPattern ? this.valueOf(param.right) : NOTHING;
    return calls.flatMap(({ call, flow }) => {
      const argument = call.arguments[index];
      if (!argument) return [{ value: fallback, call, flow }];
      return argument.type === AST_NODE_TYPES.SpreadElement ? [] : [{ value: flow.valueOf(argument), call, flow }];
    });
  }

  /**
   * What the callers pass for a parameter atom, read along its path (`user.password` of
   * `check(user)` is the `password` of what each caller gives): `argumentsOf` for a rule that holds
   * the atom. Empty for a parameter of another file, or when no call is found.
   */
  passedTo(param: ParamAtom): Value {
    if (param.file !== undefined) return NOTHING;
    let value = this.argumentsOf(param.fn, param.index);
    for (const key of param.path) value = key === '[]' ? elements(value, param.node) : property(value, key, param.node);
    return value;
  }

  /** Every call of the file, in source order, listed once. */
  calls(): readonly TSESTree.CallExpression[] {
    if (!this.callList) this.listCalls();
    return this.callList!;
  }

  /** The calls a function makes, its callbacks' included. */
  callsIn(fn: FunctionNode): TSESTree.CallExpression[] {
    return this.calls().filter((call) => call.range[0] >= fn.range[0] && call.range[1] <= fn.range[1]);
  }

  /** Every `new` expression of the file, listed once: command objects that carry query text (`new ExecuteStatementCommand({ sql })`). */
  constructions(): readonly TSESTree.NewExpression[] {
    if (!this.constructionList) this.listCalls();
    return this.constructionList!;
  }

  private listCalls(): void {
    const calls: TSESTree.CallExpression[] = [];
    const constructions: TSESTree.NewExpression[] = [];
    const stack: TSESTree.Node[] = [this.sourceCode.ast];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
      else if (node.type === AST_NODE_TYPES.NewExpression) constructions.push(node);
      pushChildren(stack, node, this.sourceCode.visitorKeys);
    }
    this.callList = calls;
    this.constructionList = constructions;
  }

  /**
   * Follows a value forward until a use `isSink` accepts: through locals and containers (see
   * `usesOf`), into the parameters of same-file functions it is passed to, and out of functions it
   * is returned from to their calls, in this file and in the project files that call them. Gives
   * the first use `decide` calls a sink, and the engine of the file it is in; a use it calls
   * `through` (a call that gives the value back, reshaped) is followed from the call. `wraps` says
   * where the value sits in the start's value (`['0']`: the rows of a `[rows, fields]` result).
   */
  forward(start: TSESTree.Node, decide: (use: Use, flow: Flow) => Decision, wraps: readonly string[] = []): { use: Use; flow: Flow } | undefined {
    const pending: Onward[] = [{ flow: this, node: start, path: [], wraps }];
    // A node reached again with another path carries another part of the value (`claims && claims.role`).
    const seen = new Map<TSESTree.Node, Set<string>>();
    for (let steps = 0; pending.length > 0 && steps < MAX_FORWARD_STEPS; steps++) {
      const { flow, node, path, wraps } = pending.shift()!;
      const key = `${path.join('\u0000')}\u0001${wraps.join('\u0000')}`;
      const paths = seen.get(node) ?? new Set<string>();
      if (paths.has(key)) continue;
      paths.add(key);
      seen.set(node, paths);
      for (const found of usesOf(flow.sourceCode, node, { wraps })) {
        const use = { ...found, path: [...path, ...found.path] };
        const decision = decide(use, flow);
        if (decision === 'sink') return { use, flow };
        // `JSON.stringify(rows)`, `toDto(rows)`: the caller says the call's result still carries the value.
        if (decision === 'through') pending.push({ flow, node: use.at, path: use.path, wraps: use.wraps ?? [] });
        else pending.push(...flow.onward(use));
      }
    }
    return undefined;
  }

  /**
   * Whether a source was checked where a node runs: a `typeof` test, a call on it in a condition, or
   * a call the question names (a validator, a sanitizer in place), each only where it succeeded.
   */
  isChecked(atom: Atom, at: TSESTree.Node, question: CheckQuestion): boolean {
    let checks = this.checkLists.get(question.key);
    if (!checks) {
      checks = checksOf(this, question);
      this.checkLists.set(question.key, checks);
    }
    return checks.some((check) => holds(check.region, at) && check.value.some((checked) => covers(checked, atom)));
  }

  /**
   * Where an atom came from, as a message names it: the source text that made it (`req.query.q`,
   * `options.sort` for a parameter's path) and, when that is in another file, the file and line.
   */
  originOf(atom: Atom): { text: string; file: string | undefined; line: number } {
    const sourceCode = atom.file === undefined ? this.sourceCode : (this.project?.flowOf(atom.file)?.sourceCode ?? this.sourceCode);
    // `request.body as Body` is named `request.body`.
    const node = unwrap(atom.node);
    let text: string;
    if (atom.kind === 'param') {
      const name = atom.fn.params[atom.index] && paramName(atom.fn.params[atom.index]!);
      // A destructured parameter (`({ sort }) => ...`) is named by its path.
      text = name !== undefined ? pathText(name, atom.path) : atom.path.length > 0 ? pathText(atom.path[0]!, atom.path.slice(1)) : `argument ${atom.index + 1}`;
    } else if (atom.kind === 'request') {
      // `const { email } = req.body` reads `email` from the node `req.body`: the path past the node is added.
      const flow = atom.file === undefined ? this : this.project?.flowOf(atom.file);
      const read = flow?.valueOf(node).find((candidate): candidate is RequestAtom => candidate.kind === 'request' && candidate.part === atom.part);
      // A parameter (`@Query('team') team: string`) is named without its type.
      const base = node.type === AST_NODE_TYPES.Identifier ? node.name : shortSource(sourceCode, node);
      text = read ? pathText(base, atom.path.slice(read.path.length)) : pathText(atom.part === undefined ? 'request' : `request.${atom.part}`, atom.path);
    } else {
      text = shortSource(sourceCode, node);
    }
    return { text, file: atom.file, line: node.loc.start.line };
  }

  /**
   * The values that reach a rule's sinks in this file: at the sinks themselves, and at calls of
   * helpers (of this file or exported by other project files) that pass a parameter on to one,
   * with the functions of this file that do so. Worked out once per file and question.
   */
  sinkAnswer<S>(question: SinkQuestion<S>): SinkAnswer<S> {
    let found = this.sinkAnswers.get(question.key) as SinkAnswer<S> | undefined;
    if (!found) {
      found = answer(this, question);
      this.sinkAnswers.set(question.key, found as SinkAnswer<unknown>);
    }
    return found;
  }

  /**
   * Where a use takes the value on: the parameter of a function of this file or one another project
   * file exports, the calls of the function it is returned from, the later reads of a local object
   * it is stored into (`result.items = rows`).
   */
  private onward(use: Use): Onward[] {
    const wraps = use.wraps ?? [];
    if (use.kind === 'argument' && use.at.type === AST_NODE_TYPES.CallExpression && use.index !== undefined && use.index >= 0) {
      const local = this.functions.of(use.at.callee);
      const callee = local ? { fn: local, flow: this as Flow } : this.exportedCallee(use.at.callee);
      const param = callee?.fn.params[use.index];
      const target = param && (param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param);
      if (!callee || !target) return [];
      if (target.type === AST_NODE_TYPES.Identifier) return [{ flow: callee.flow, node: target, path: use.path, wraps }];
      // `function attach(req, { sub, role })`: each name takes its key of the value.
      if (target.type !== AST_NODE_TYPES.ObjectPattern) return [];
      return target.properties.flatMap((entry) => {
        const value = entry.type === AST_NODE_TYPES.Property ? entry.value : undefined;
        const name = value?.type === AST_NODE_TYPES.AssignmentPattern ? value.left : value;
        const inner = entry.type === AST_NODE_TYPES.Property ? readKey(use.path, wraps, keyName(entry) ?? '[]') : undefined;
        return name?.type === AST_NODE_TYPES.Identifier && inner ? [{ flow: callee.flow, node: name, path: inner.path, wraps: inner.wraps }] : [];
      });
    }
    if (use.kind === 'stored') return this.storedOnward(use, wraps);
    if (use.kind !== 'returned') return [];
    const fn = use.at.type === AST_NODE_TYPES.ArrowFunctionExpression && use.at.body === use.node ? use.at : enclosingFunction(use.at);
    if (!fn) return [];
    const parent = fn.parent;
    // A callback (`.then((rows) => rows)`, `items.map(...)`): the call gives what it returns.
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return [{ flow: this, node: parent, path: use.path, wraps }];
    const onward: Onward[] = this.calls()
      .filter((call) => this.functions.of(call.callee) === fn)
      .map((call) => ({ flow: this as Flow, node: call, path: use.path, wraps }));
    const names = [...(this.exportNames().get(fn) ?? []), ...(this.exportedMethodNames().get(fn) ?? [])];
    if (names.length > 0 && this.project) {
      for (const caller of this.project.callersOf(this.filename, names)) onward.push({ flow: caller.flow, node: caller.call, path: use.path, wraps });
    }
    return onward;
  }

  /**
   * The function a call runs, when the code shows it, with the engine of its file: a function of
   * this file, one another project file exports, or a method of a class another file exports
   * (`this.usersService.create(dto)`, the service injected or constructed by its class).
   */
  calledFunction(call: TSESTree.CallExpression | TSESTree.NewExpression): { fn: FunctionNode; flow: Flow } | undefined {
    const local = this.functions.of(call.callee);
    if (local) return { fn: local, flow: this };
    const exported = this.exportedCallee(call.callee);
    if (exported) return exported;
    const inherited = inheritingCall(call.callee);
    if (inherited) {
      const base = baseClassOf(this.sourceCode, inherited.body);
      return base && this.classMethod(base, inherited.method, 1);
    }
    const method = this.project && importedMethod(this.sourceCode, call.callee);
    const file = method && resolveRelativeModule(this.filename, method.specifier);
    return file ? this.project!.exportedMethod(file, method.name) : undefined;
  }

  /**
   * The method a class runs under a name, declared by it or by a class it extends, in this file or
   * imported from another, with the engine of the file that declares it.
   */
  classMethod(owner: TSESTree.ClassBody | BaseClass, name: string, depth = 0): { fn: FunctionNode; flow: Flow } | undefined {
    let body: TSESTree.ClassBody | undefined;
    if ('type' in owner) body = owner;
    else if ('body' in owner) body = owner.body;
    else {
      const file = this.project && resolveRelativeModule(this.filename, owner.specifier);
      const other = file ? this.project!.flowOf(file) : undefined;
      const declared = other && declaredClass(other.sourceCode.ast, owner.name);
      return declared && depth < MAX_BASE_CLASSES ? other.classMethod(declared, name, depth + 1) : undefined;
    }
    const fn = this.functions.classMember(body, name);
    if (fn) return { fn, flow: this };
    const base = depth < MAX_BASE_CLASSES ? baseClassOf(this.sourceCode, body) : undefined;
    return base && this.classMethod(base, name, depth + 1);
  }

  /**
   * Whether the project code a call runs passes `test`: the function it calls, or one that function
   * calls in turn, down a chain of calls (`this.usersService.create(dto)`, then `super.create()`,
   * `this.process()`, `prepareInput()`), with a bound on the functions read.
   */
  runsCode(call: TSESTree.CallExpression | TSESTree.NewExpression, test: (fn: FunctionNode, flow: Flow) => boolean): boolean {
    const seen = new Set<FunctionNode>();
    const passes = (target: { fn: FunctionNode; flow: Flow } | undefined, depth: number): boolean => {
      if (!target || seen.has(target.fn) || seen.size >= MAX_FUNCTIONS_RUN) return false;
      seen.add(target.fn);
      if (test(target.fn, target.flow)) return true;
      if (depth >= MAX_CALL_CHAIN) return false;
      return target.flow.callsIn(target.fn).some((inner) => passes(target.flow.calledFunction(inner), depth + 1));
    };
    return passes(this.calledFunction(call), 1);
  }

  /** A function another project file exports, called here (`import { attachUser } from './session'`), with that file's engine. */
  private exportedCallee(callee: TSESTree.Node): { fn: FunctionNode; flow: Flow } | undefined {
    const imported = this.project && importedFunction(this.sourceCode, callee);
    const file = imported && resolveRelativeModule(this.filename, imported.specifier);
    return file ? this.project!.exportedFunction(file, imported.name) : undefined;
  }

  /** `result.items = rows` with `result` a local: the reads of `result` the store reaches hold the value under `items`. */
  private storedOnward(use: Use, wraps: readonly string[]): Onward[] {
    const target = use.at.type === AST_NODE_TYPES.AssignmentExpression ? use.at.left : undefined;
    const object = target?.type === AST_NODE_TYPES.MemberExpression ? unwrap(target.object) : undefined;
    if (target?.type !== AST_NODE_TYPES.MemberExpression || object?.type !== AST_NODE_TYPES.Identifier) return [];
    const variable = findVariable(this.sourceCode, object);
    if (variable?.defs[0]?.type !== 'Variable') return [];
    const key = (target.computed ? staticName(target.property, true) : memberName(target)) ?? '[]';
    return variable.references
      .filter((reference) => reference.isRead() && reference.identifier !== object && reference.identifier.range[0] > use.at.range[1] && mayReach(use.at, reference.identifier, variable.defs[0]?.name))
      .map((reference) => ({ flow: this as Flow, node: reference.identifier, path: use.path, wraps: [...wraps, key] }));
  }

  /** The methods of the classes this file exports, by the names importers call them (`UsersService.findAll`). */
  exportedMethodNames(): ReadonlyMap<FunctionNode, readonly string[]> {
    this.methodMap ??= exportedMethods(this.sourceCode.ast);
    return this.methodMap;
  }

  /** The names under which the file exports each node (`exports.list = ...`, `export function list`). */
  exportNames(): ReadonlyMap<TSESTree.Node, readonly string[]> {
    this.exportMap ??= exportedNames(this.sourceCode.ast);
    return this.exportMap;
  }

  /** The functions this file exports, and those its exports return (factories of handlers). */
  private exported(): ReadonlySet<FunctionNode> {
    if (!this.exportedFunctions) {
      const functions = new Set<FunctionNode>(this.exportedMethodNames().keys());
      for (const node of this.exportNames().keys()) {
        const fn = this.functions.of(node);
        if (!fn) continue;
        functions.add(fn);
        for (const value of returnedValues(fn)) {
          const returned = this.functions.of(value);
          if (returned) functions.add(returned);
        }
      }
      this.exportedFunctions = functions;
    }
    return this.exportedFunctions;
  }

  /**
   * The strings a value may be, one per alternative (`let sql = ...; if (x) sql += ...`), as text
   * with holes for the parts that are not constants, to scan SQL or JavaScript for where a value
   * lands (`"... WHERE password = '" + password + "'"`). A text built in this file is read from the
   * template or `+` chain that built it, each part asked of the engine and holding its own node;
   * otherwise from the parts the engine kept, their holes at `at`.
   */
  textsOf(value: Value, at: TSESTree.Node): BuiltText[] {
    const texts: BuiltText[] = [];
    for (const atom of value.slice(0, MAX_TEXT_ALTERNATIVES)) {
      if (atom.kind !== 'text' && !(atom.kind === 'const' && typeof atom.value === 'string')) continue;
      const built = { text: '', holes: [] as { value: Value; node: TSESTree.Node }[] };
      this.appendText(built, atom, at, 0);
      texts.push(built);
    }
    return texts;
  }

  private appendText(built: { text: string; holes: { value: Value; node: TSESTree.Node }[] }, atom: Atom, at: TSESTree.Node, depth: number): void {
    const hole = (value: Value, node: TSESTree.Node) => {
      built.text += `\u0001${built.holes.length}\u0001`;
      built.holes.push({ value, node });
    };
    if (built.holes.length > MAX_TEXT_PARTS) return;
    if (atom.kind === 'const') {
      if (typeof atom.value === 'string' || typeof atom.value === 'number') built.text += String(atom.value);
      return;
    }
    if (atom.kind !== 'text' || depth > 4) {
      hole([atom], at);
      return;
    }
    const node = atom.node;
    if (atom.file !== undefined || (node.type !== AST_NODE_TYPES.TemplateLiteral && !(node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+'))) {
      for (const part of atom.parts) this.appendText(built, part, at, depth + 1);
      return;
    }
    const parts: TSESTree.Node[] = [];
    if (node.type === AST_NODE_TYPES.TemplateLiteral) node.quasis.forEach((quasi, index) => parts.push(quasi, ...(node.expressions[index] ? [node.expressions[index]] : [])));
    else parts.push(...plusOperands(node));
    for (const part of parts) {
      if (part.type === AST_NODE_TYPES.TemplateElement) {
        built.text += part.value.cooked ?? part.value.raw;
        continue;
      }
      const value = this.valueOf(part);
      const [single] = value;
      if (value.length === 1 && single && (single.kind === 'const' || single.kind === 'text')) this.appendText(built, single, at, depth + 1);
      else hole(value, part);
    }
  }

  // ---- Evaluation -----------------------------------------------------------------------------

  private evaluate(node: TSESTree.Node, env: Env, depth: number): Value {
    if (depth > MAX_DEPTH || this.steps > MAX_STEPS) return [{ kind: 'unknown', node, names: [] }];
    if (this.active.has(node)) return NOTHING;
    const cacheable = env.size === 0;
    if (cacheable) {
      const cached = this.cache.get(node);
      if (cached) return cached;
    }
    this.steps++;
    this.active.add(node);
    try {
      const value = this.compute(node, env, depth + 1);
      if (cacheable) this.cache.set(node, value);
      return value;
    } finally {
      this.active.delete(node);
    }
  }

  private constant(node: TSESTree.Node, value?: ConstValue): Value {
    return [{ kind: 'const', node, names: [], ...(value === undefined ? {} : { value }) }];
  }

  private compute(raw: TSESTree.Node, env: Env, depth: number): Value {
    const node = unwrap(raw);
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return this.constant(node, node.value as ConstValue);
      case AST_NODE_TYPES.TemplateLiteral:
        if (node.expressions.length === 0) return this.constant(node, node.quasis[0]?.value.cooked ?? '');
        return [{ kind: 'text', node, names: [], parts: union(...node.expressions.map((part) => this.evaluate(part, env, depth))) }];
      case AST_NODE_TYPES.TaggedTemplateExpression:
        return this.tagged(node, env, depth);
      case AST_NODE_TYPES.BinaryExpression:
        if (ARITHMETIC.has(node.operator)) return this.number(node, [node.left as TSESTree.Node, node.right], env, depth);
        if (node.operator === '+') {
          const sum = this.sum(node, env, depth);
          if (sum) return sum;
        }
        if (node.operator !== '+') return this.constant(node);
        return this.text(node, [node.left, node.right], env, depth);
      case AST_NODE_TYPES.ConditionalExpression:
        return union(this.evaluate(node.consequent, env, depth), this.evaluate(node.alternate, env, depth));
      case AST_NODE_TYPES.LogicalExpression:
        // `a && b` is `b`, or a falsy `a` (a constant for our purpose).
        return node.operator === '&&' ? this.evaluate(node.right, env, depth) : union(this.evaluate(node.left, env, depth), this.evaluate(node.right, env, depth));
      case AST_NODE_TYPES.AssignmentExpression:
        if (node.operator === '=') return this.evaluate(node.right, env, depth);
        // `x ||= y`, `x ??= y` keep `x` when it is set.
        if (node.operator === '||=' || node.operator === '??=') return union(this.evaluate(node.left, env, depth), this.evaluate(node.right, env, depth));
        return node.operator === '+=' ? this.text(node, [node.left, node.right], env, depth) : this.constant(node);
      case AST_NODE_TYPES.SequenceExpression:
        return this.evaluate(node.expressions.at(-1)!, env, depth);
      case AST_NODE_TYPES.UnaryExpression:
        return node.operator === '+' || node.operator === '-' || node.operator === '~' ? this.number(node, [node.argument], env, depth) : this.constant(node);
      case AST_NODE_TYPES.UpdateExpression:
        return this.constant(node);
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
        return [{ kind: 'function', node, names: [] }];
      case AST_NODE_TYPES.Identifier:
        return this.identifier(node, env, depth);
      case AST_NODE_TYPES.MemberExpression:
        return this.member(node, env, depth);
      case AST_NODE_TYPES.CallExpression:
        return this.call(node, env, depth);
      case AST_NODE_TYPES.NewExpression:
        return this.construct(node, env, depth);
      case AST_NODE_TYPES.ObjectExpression:
        return this.object(node, env, depth);
      case AST_NODE_TYPES.ArrayExpression:
        return [{ kind: 'array', node, names: [], elements: this.arrayElements(node.elements, env, depth) }];
      default:
        return [{ kind: 'unknown', node, names: [] }];
    }
  }

  /**
   * A number computed from other values (`Number(x)`, `x * 2`): a constant that keeps what it was
   * computed from, and its value when the inputs are numbers the code spells out (`2 ** 14`,
   * `1 << 15`, `256 * 1024`, `-ROUNDS`), for rules about work factors and limits.
   */
  private number(node: TSESTree.Node, inputs: readonly TSESTree.Node[], env: Env, depth: number): Value {
    const values = inputs.map((input) => (input.type === AST_NODE_TYPES.SpreadElement ? elements(this.evaluate(input.argument, env, depth), input) : this.evaluate(input, env, depth)));
    const from = union(...values);
    const folded = fold(node, values);
    return [{ kind: 'const', node, names: [], ...(from.length > 0 ? { from } : {}), ...(folded === undefined ? {} : { value: folded }) }];
  }

  /** `ROUNDS + 2`: a `+` of two known numbers is their sum (of anything else, a text). */
  private sum(node: TSESTree.BinaryExpression, env: Env, depth: number): Value | undefined {
    if (node.left.type === AST_NODE_TYPES.PrivateIdentifier) return undefined;
    const left = this.evaluate(node.left, env, depth);
    if (knownNumber(left) === undefined) return undefined;
    const right = this.evaluate(node.right, env, depth);
    const folded = fold(node, [left, right]);
    return folded === undefined ? undefined : [{ kind: 'const', node, names: [], from: union(left, right), value: folded }];
  }

  private text(node: TSESTree.Node, parts: readonly TSESTree.Node[], env: Env, depth: number): Value {
    return [{ kind: 'text', node, names: [], parts: union(...parts.map((part) => this.evaluate(part, env, depth))) }];
  }

  private tagged(node: TSESTree.TaggedTemplateExpression, env: Env, depth: number): Value {
    const tag = unwrap(node.tag);
    const parts = union(...node.quasi.expressions.map((part) => this.evaluate(part, env, depth)));
    if (tag.type === AST_NODE_TYPES.MemberExpression && staticName(tag.property) === 'raw' && isNamed(tag.object, 'String')) {
      return [{ kind: 'text', node, names: [], parts }];
    }
    const origin = this.modules.resolve(tag);
    return [{ kind: 'call', node, names: [], name: referenceNameOf(tag), module: origin?.module, path: origin?.path, inputs: () => parts }];
  }

  private arrayElements(items: readonly (TSESTree.Node | null)[], env: Env, depth: number): Value {
    return union(
      ...items.map((item) => {
        if (!item) return NOTHING;
        if (item.type === AST_NODE_TYPES.SpreadElement) return elements(this.evaluate(item.argument, env, depth), item);
        return this.evaluate(item, env, depth);
      }),
    );
  }

  private object(node: TSESTree.ObjectExpression, env: Env, depth: number): Value {
    const properties = new Map<string, Value>();
    const rest: Value[] = [];
    const computedKeys: Value[] = [];
    const computedValues: Value[] = [];
    for (const entry of node.properties) {
      if (entry.type === AST_NODE_TYPES.SpreadElement) {
        rest.push(this.evaluate(entry.argument, env, depth));
        continue;
      }
      const key = keyName(entry);
      const value = isFunction(entry.value) ? [{ kind: 'function', node: entry.value, names: [] } as Atom] : this.evaluate(entry.value, env, depth);
      if (key === undefined) {
        rest.push(value);
        computedKeys.push(this.evaluate(entry.key, env, depth));
        computedValues.push(value);
      }
      // A later key wins over what a spread before it brought.
      else properties.set(key, named(value, key));
    }
    const computed = computedKeys.length > 0 ? { computed: { keys: union(...computedKeys), values: union(...computedValues) } } : {};
    return [{ kind: 'object', node, names: [], properties, rest: union(...rest), ...computed }];
  }

  // ---- Names ----------------------------------------------------------------------------------

  private identifier(node: TSESTree.Identifier, env: Env, depth: number): Value {
    if (node.name === 'undefined' || node.name === 'NaN' || node.name === 'Infinity') return this.constant(node);
    const variable = findVariable(this.sourceCode, node);
    const definition = variable?.defs[0];
    if (!variable || !definition) return [{ kind: 'unknown', node, names: [node.name] }];
    if (this.guards.admits(variable, node)) return [{ kind: 'const', node, names: [node.name], guarded: true }];
    switch (definition.type) {
      case 'Parameter':
        return this.bounded(variable, node, named(this.withStores(variable, node, this.parameter(variable, node, env, depth), env, depth), node.name, node));
      case 'Variable':
        return this.bounded(variable, node, named(this.variable(variable, node, env, depth), node.name, node));
      case 'CatchClause':
        return [{ kind: 'error', node, names: [node.name], path: destructuringPath(definition.name, (definition.node as TSESTree.CatchClause).param!) ?? [] }];
      case 'ImportBinding':
        return named(this.imported(node, definition.node), node.name);
      case 'FunctionName':
        return isFunction(definition.node) ? [{ kind: 'function', node: definition.node, names: [node.name] }] : NOTHING;
      case 'ClassName':
      case 'TSEnumName':
      case 'Type':
        return [{ kind: 'const', node, names: [node.name] }];
      default:
        return [{ kind: 'unknown', node, names: [node.name] }];
    }
  }

  /** The value marked `capped` where the use runs only after an upper-bound comparison of the variable. */
  private bounded(variable: Variable, use: TSESTree.Identifier, value: Value): Value {
    return this.guards.caps(variable, use) ? value.map((atom) => ({ ...atom, capped: true })) : value;
  }

  /** Every value written to a variable (initializer, assignments, loop heads), merged, plus what code stores into it. */
  private variable(variable: Variable, use: TSESTree.Node, env: Env, depth: number): Value {
    // Cycles (`list = list.filter(...)` in a loop) end at the node being evaluated (`active`); a use
    // inside a write's own value reads only the writes before it (`mayReach`).
    {
      const writes = liveWrites(this.writes(variable), use, variable.defs[0]?.name);
      const siblings = restSiblings(variable);
      const values: Value[] = writes.map((write) => {
        // `sql += ' AND x'`, `limit ??= 10`: the assignment's value, which holds what the variable was.
        const assignment = write.value.parent;
        const compound = assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.right === write.value && assignment.operator !== '=' ? assignment : undefined;
        let value =
          write.element === undefined && isFunction(write.value) ? ([{ kind: 'function', node: write.value, names: [] }] as Value) : this.evaluate(compound ?? write.value, env, depth);
        if (write.element === 'of') value = elements(value, write.value);
        if (write.element === 'in') value = keys(value, write.value);
        for (const key of write.path) value = key === '[]' ? elements(value, write.value) : property(value, key, write.value);
        return without(value, siblings);
      });
      return this.withStores(variable, use, union(...values), env, depth);
    }
  }

  /** A variable's writes, listed once (a variable read in many places asks many times). */
  private writes(variable: Variable): readonly Write[] {
    let writes = this.writeLists.get(variable);
    if (!writes) {
      writes = writesOf(variable).slice(0, MAX_WRITES);
      this.writeLists.set(variable, writes);
    }
    return writes;
  }

  /**
   * The references that store into a variable's object or array, found once per variable: a
   * variable read in many places asks at each, and most of its references store nothing.
   */
  private stores(variable: Variable): readonly Store[] {
    const known = this.storeLists.get(variable);
    if (known) return known;
    const stores: Store[] = [];
    for (const reference of variable.references) {
      const identifier = reference.identifier as TSESTree.Identifier;
      const parent = identifier.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === identifier) {
        const { object, name } = calleeParts(parent);
        if (object && name === 'assign' && isNamed(object, 'Object')) stores.push({ kind: 'assign', identifier, call: parent });
        continue;
      }
      if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) continue;
      // The keys written through: `user.password = ...`, and below it `req.body.password = ...`.
      const keys: (string | undefined)[] = [];
      let member: TSESTree.MemberExpression = parent;
      for (;;) {
        keys.push(member.computed ? staticName(member.property, true) : memberName(member));
        const outer = member.parent;
        if (outer?.type !== AST_NODE_TYPES.MemberExpression || outer.object !== member || keys.length >= MAX_STORED_PATH) break;
        member = outer;
      }
      const [key] = keys;
      const path = keys.every((part) => part !== undefined) ? keys.join('.') : undefined;
      const grandparent = member.parent;
      if (grandparent?.type === AST_NODE_TYPES.AssignmentExpression && grandparent.left === member && grandparent.operator === '=') {
        stores.push({ kind: 'write', identifier, member, keys, path, assignment: grandparent });
      } else if (grandparent?.type === AST_NODE_TYPES.UnaryExpression && grandparent.operator === 'delete' && path !== undefined) {
        stores.push({ kind: 'delete', identifier, path });
      } else if (keys.length === 1 && grandparent?.type === AST_NODE_TYPES.CallExpression && grandparent.callee === parent && key !== undefined && COLLECTION_STORES.has(key)) {
        stores.push({ kind: 'push', identifier, method: key, call: grandparent });
      }
    }
    this.storeLists.set(variable, stores);
    return stores;
  }

  /**
   * A variable's value with what the code stores into it before the use: keys a write at the use's
   * level replaces (`dto.password = await hash(dto.password)` before `save({ ...dto })`) take the
   * new value only; a write in a branch adds its value beside the old one.
   */
  private withStores(variable: Variable, use: TSESTree.Node, value: Value, env: Env, depth: number): Value {
    const stored = this.storedInto(variable, use, env, depth);
    if (!stored) return value;
    const kept = without(value, stored.replaced);
    return without(stored.value ? union(kept, stored.value) : kept, stored.removed);
  }

  /**
   * What the code stores into a variable's object or array after it is made: `result.password = x`,
   * `list.push(x)`, `Object.assign(target, x)`. It is one more atom of the variable's value.
   */
  private storedInto(variable: Variable, use: TSESTree.Node, env: Env, depth: number): { value: Value | undefined; removed: string[]; replaced: string[] } | undefined {
    const properties = new Map<string, Value[]>();
    const rest: Value[] = [];
    const computedKeys: Value[] = [];
    const computedValues: Value[] = [];
    const pushed: Value[] = [];
    const removed: string[] = [];
    const replaced: string[] = [];
    const definition = variable.defs[0]?.name;
    for (const store of this.stores(variable)) {
      const { identifier } = store;
      if (identifier === use || !mayReach(identifier, use, definition)) continue;
      if (store.kind === 'assign') {
        rest.push(...store.call.arguments.slice(1).map((argument) => this.evaluate(argument, env, depth)));
        continue;
      }
      if (store.kind === 'write') {
        const { member, keys, path, assignment } = store;
        // `dto.password = hash(dto.password)`: the write is not yet there for its own right side.
        if ((assignment.range[0] <= use.range[0] && use.range[1] <= assignment.range[1]) || (path === undefined && keys.length > 1)) continue;
        const value = this.evaluate(assignment.right, env, depth);
        if (path === undefined) {
          rest.push(value);
          computedKeys.push(this.evaluate((identifier.parent as TSESTree.MemberExpression).property, env, depth));
          computedValues.push(value);
        }
        // `user.passwordHash = undefined` takes the field out as `delete` does.
        else if (isEmpty(assignment.right)) removed.push(path);
        else {
          const [key] = keys as string[];
          const nested = (keys as string[]).slice(1).reduceRight((inner: Value, part): Value => [{ kind: 'object', node: member, names: [], properties: new Map([[part, named(inner, part)]]), rest: NOTHING } satisfies ObjectAtom], value);
          properties.set(key!, [...(properties.get(key!) ?? []), named(nested, key!)]);
          if (assignment.range[1] <= use.range[0] && dominates(assignment, use)) replaced.push(path);
        }
      } else if (store.kind === 'delete') removed.push(store.path);
      else pushed.push(this.storedElements(store.call, store.method, env, depth));
    }
    if (properties.size === 0 && rest.length === 0 && pushed.length === 0 && removed.length === 0) return undefined;
    const node = variable.defs[0]?.name ?? use;
    const atoms: Atom[] = [];
    if (properties.size > 0 || rest.length > 0) {
      atoms.push({
        kind: 'object',
        node,
        names: [],
        properties: new Map([...properties].map(([key, values]) => [key, union(...values)])),
        rest: union(...rest),
        ...(computedKeys.length > 0 ? { computed: { keys: union(...computedKeys), values: union(...computedValues) } } : {}),
      });
    }
    if (pushed.length > 0) atoms.push({ kind: 'array', node, names: [], elements: union(...pushed) });
    return { value: atoms.length > 0 ? atoms : undefined, removed, replaced };
  }

  private parameter(variable: Variable, node: TSESTree.Identifier, env: Env, depth: number): Value {
    const parameter = parameterOf(variable);
    if (!parameter) return [{ kind: 'unknown', node, names: [] }];
    const { fn, index, name } = parameter;
    const bound = env.get(name);
    if (bound) return bound;
    const whole = this.parameterValue(fn as FunctionNode, index, env, depth);
    // A caught error is where it is read (guards around the read hold for it), as request input is.
    if (!parameter.destructured) return whole.map((atom) => (atom.kind === 'error' && atom.node === fn.params[index] ? { ...atom, node } : atom));
    // `({ body }, res) => ...`, `({ user: { id } }) => ...`: the path from the parameter to the name.
    const param = fn.params[index]!;
    const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    let value = whole;
    for (const key of destructuringPath(name, target.type === AST_NODE_TYPES.AssignmentPattern ? target.left : target) ?? ['[]']) {
      value = key === '[]' ? elements(value, name) : property(value, key, name);
    }
    return value;
  }

  /** The value a function's parameter receives: the request of a handler, a callback's argument, or the parameter itself. */
  private parameterValue(fn: FunctionNode, index: number, env: Env, depth: number): Value {
    const param = fn.params[index]!;
    const name = paramName(param);
    const node = param;
    // NestJS `@Body() dto`, `@Query('q') q`, `@Req() req`.
    const decorator = requestDecorator(param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param);
    if (decorator !== undefined) return nestParameter(decorator, node, this.sourceCode);
    const handler = this.handlerOf(fn);
    // A GraphQL resolver's `args` are the client's, typed by the schema.
    if (handler?.framework === 'graphql') return index === 1 ? [{ kind: 'request', node, names: [], part: 'body', path: [], validated: true }] : [{ kind: 'unknown', node, names: [] }];
    if (handler) {
      const role = handlerParameterRole(handler, fn, index);
      if (role === 'error') return [{ kind: 'error', node, names: [], path: [] }];
      if (role) {
        const validatedParts = handler.hasFrameworkSchema ? this.schemaParts(handler) : [];
        return [validatedParts.length > 0 ? { ...requestAtom(node, role), validatedParts } : requestAtom(node, role)];
      }
    } else if (index === 0 && (isErrorMiddleware(fn) || isExceptionFilter(fn))) {
      // An error middleware no route of the file registers (`export function onError(err, req, res, next)`), a NestJS exception filter.
      return [{ kind: 'error', node, names: [], path: [] }];
    }
    const callback = this.callbackArgument(fn, index, env, depth);
    if (callback) return callback;
    // Helpers that take the request by its conventional name: `function filters(req) { return req.query }`.
    if (name !== undefined && REQUEST_OBJECTS.has(name)) return [{ ...requestAtom(node, 'request'), byName: { fn, index } }];
    if (name !== undefined && CONTEXT_OBJECTS.has(name) && index === 0 && fn.params.length <= 2) return [requestAtom(node, name === 'c' ? 'hono' : 'koa')];
    return [{ kind: 'param', node, names: [], fn, index, path: [] } satisfies ParamAtom];
  }

  /** The parts of the request a Fastify route's JSON schema validates (`{ schema: { body, querystring } }`); every part when the schema is not a literal. */
  private schemaParts(handler: RouteHandler): RequestPart[] {
    const declaration = handler.declaration;
    if (declaration?.type !== AST_NODE_TYPES.CallExpression) return [];
    const parts: RequestPart[] = [];
    for (const argument of declaration.arguments) {
      const options = unwrap(argument);
      if (options.type !== AST_NODE_TYPES.ObjectExpression) continue;
      for (const property of options.properties) {
        if (property.type !== AST_NODE_TYPES.Property || keyName(property) !== 'schema') continue;
        for (const atom of this.valueOf(property.value)) {
          if (atom.kind !== 'object') return ['body', 'query', 'params', 'headers'];
          for (const key of atom.properties.keys()) {
            const part = SCHEMA_PARTS.get(key);
            if (part) parts.push(part);
          }
          if (atom.rest.length > 0) return ['body', 'query', 'params', 'headers'];
        }
      }
    }
    return parts;
  }

  /**
   * A callback's parameter, from the call it is passed to: `.then(rows => ...)` gets the promise's
   * value, `.catch(err => ...)` an error, `items.map(item => ...)` an element, a node-style
   * `(err, rows) => ...` the error and the call's result.
   */
  private callbackArgument(fn: FunctionNode, index: number, env: Env, depth: number): Value | undefined {
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const position = call.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
    if (position < 0) return undefined;
    const { object, name } = calleeParts(call);
    const param = fn.params[index]!;
    if (object && name === 'then') {
      if (position === 1) return index === 0 ? [{ kind: 'error', node: param, names: [], path: [] }] : NOTHING;
      return index === 0 ? this.evaluate(object, env, depth) : NOTHING;
    }
    if (object && name === 'catch' && position === 0) return index === 0 ? [{ kind: 'error', node: param, names: [], path: [] }] : NOTHING;
    if (object && name !== undefined && ELEMENT_CALLBACKS.has(name) && position === 0) {
      const elementIndex = name === 'reduce' || name === 'reduceRight' ? 1 : 0;
      if (index === elementIndex) return elements(this.evaluate(object, env, depth), param);
      if (name === 'sort' && index === 1) return elements(this.evaluate(object, env, depth), param);
      return name === 'reduce' || name === 'reduceRight' ? [{ kind: 'unknown', node: param, names: [] }] : this.constant(param);
    }
    if (object && name === 'from' && isNamed(object, 'Array') && position === 1 && call.arguments[0]) {
      return index === 0 ? elements(this.evaluate(call.arguments[0], env, depth), param) : this.constant(param);
    }
    // `fastify.setErrorHandler((error, request, reply) => ...)`, `app.onError((err, c) => ...)`, `server.on('error', (err) => ...)`.
    const registrar = name !== undefined ? ERROR_HANDLER_REGISTRARS.get(name) : undefined;
    if (registrar && index === registrar.error) return [{ kind: 'error', node: param, names: [], path: [] }];
    const event = name !== undefined && EVENT_LISTENER_METHODS.has(name) && position > 0 ? staticName(call.arguments[0]) : undefined;
    if (event !== undefined) return index === 0 && ERROR_EVENTS.has(event) ? [{ kind: 'error', node: param, names: [], path: [] }] : undefined;
    // A node-style callback, last: `(err, result) => ...`, `(err) => ...`.
    if (position === call.arguments.length - 1) {
      const first = paramName(fn.params[0]!);
      // With one parameter only an unmistakable name: `(e) => ...` is as often a match or an event.
      if (first !== undefined && (fn.params.length > 1 ? ERROR_PARAMETER : ERROR_PARAMETER_NAME).test(first)) {
        if (index === 0) return [{ kind: 'error', node: param, names: [], path: [] }];
        if (index === 1) return this.callResult(call, env, depth, true);
      }
    }
    return undefined;
  }

  // ---- Members --------------------------------------------------------------------------------

  private member(node: TSESTree.MemberExpression, env: Env, depth: number): Value {
    const object = unwrap(node.object);
    const name = node.computed ? staticName(node.property, true) : memberName(node);
    if (object.type === AST_NODE_TYPES.MemberExpression && isNamed(object.object, 'process') && memberName(object) === 'env') {
      return [{ kind: 'env', node, names: name === undefined ? [] : [name], path: name === undefined ? [] : [name] }];
    }
    if (isNamed(object, 'process') && name === 'env') return [{ kind: 'env', node, names: [], path: [] }];
    if (!node.computed && name === 'length') return this.constant(node);
    if (object.type === AST_NODE_TYPES.ThisExpression && name !== undefined) return named(this.field(node, name, env, depth), name);
    const base = this.evaluate(object, env, depth);
    // A set's or map's `size` is a number; `req.query.size` is what the client sent, `{ size: 100 }.size` is 100.
    if (!node.computed && name === 'size' && !base.some((atom) => (atom.kind === 'request' && atom.part !== undefined) || (atom.kind === 'object' && atom.properties.has('size')))) return this.constant(node);
    if (name === undefined) {
      // `ALLOWED[key]`: a lookup in a table of constants is a constant.
      const inner = unwrap(node.property);
      if (inner.type === AST_NODE_TYPES.Literal) return property(base, String(inner.value), node);
      return property(base, '[]', node);
    }
    return named(property(base, name, node), name);
  }

  /** `this.name`: what the class stores there (its field initializer, `this.name = ...` in its methods). */
  private field(node: TSESTree.MemberExpression, name: string, env: Env, depth: number): Value {
    const body = enclosingClass(node);
    if (!body) return [{ kind: 'unknown', node, names: [] }];
    let byName = this.fieldWrites.get(body);
    if (!byName) {
      byName = classFieldWrites(body, this.sourceCode);
      this.fieldWrites.set(body, byName);
    }
    const writes = byName.get(name);
    if (!writes || writes.length === 0) return [{ kind: 'unknown', node, names: [] }];
    return union(
      ...writes.map((write): Value => {
        if (isFunction(write)) return [{ kind: 'function', node: write, names: [] }];
        if (write.type !== AST_NODE_TYPES.CallExpression || write.callee.type !== AST_NODE_TYPES.MemberExpression) return this.evaluate(write, env, depth);
        // `this.pending.delivered.set(id, at)`: the field holds a collection with that entry, under those keys.
        let value: Value = [{ kind: 'array', node: write, names: [], elements: this.storedElements(write, memberName(write.callee) ?? '', env, depth) }];
        for (const key of storePath(write.callee.object).reverse()) value = [{ kind: 'object', node: write, names: [], properties: new Map([[key, value]]), rest: NOTHING }];
        return value;
      }),
    );
  }

  /** What `push`, `unshift`, `add` or a Map's `set` puts into a collection: the values, or the `[key, value]` entry. */
  private storedElements(call: TSESTree.CallExpression, method: string, env: Env, depth: number): Value {
    const values = this.arrayElements(call.arguments, env, depth);
    return method === 'set' ? [{ kind: 'array', node: call, names: [], elements: values }] : values;
  }

  // ---- Calls ----------------------------------------------------------------------------------

  private call(node: TSESTree.CallExpression, env: Env, depth: number): Value {
    return this.callResult(node, env, depth, false);
  }

  /**
   * The value a call gives. `delivered` asks for what a node-style callback of the call receives,
   * which for a database call is the rows.
   */
  private callResult(node: TSESTree.CallExpression, env: Env, depth: number, delivered: boolean): Value {
    const callee = unwrap(calleeOf(node));
    const { object, name } = calleeParts(node);
    const args = node.arguments;
    const argument = (index: number): Value => {
      const value = args[index];
      if (!value) return NOTHING;
      return value.type === AST_NODE_TYPES.SpreadElement ? elements(this.evaluate(value.argument, env, depth), value) : this.evaluate(value, env, depth);
    };
    if (requiredModule(node) !== undefined) return this.required(node);
    // Sources the catalog knows: database rows, token claims.
    const record = recordQuery(node);
    if (record) return [{ kind: 'record', node, names: [], path: [], ...record }];
    const jwt = this.jwt.kindOf(node);
    if (jwt) return [{ kind: 'claims', node, names: [], path: [], verified: jwt === 'verify' }];
    if (!object && name !== undefined) {
      if (NUMBER_FUNCTIONS.has(name) && !this.isLocal(callee)) return this.number(node, args, env, depth);
      if (CONSTANT_GLOBALS.has(name) && !this.isLocal(callee)) return this.constant(node);
      if (PASSTHROUGH_FUNCTIONS.has(name) && !this.isLocal(callee)) return argument(0);
      // `String(err)` is a text made from its argument (an error's message, not the error object).
      if (TEXT_FUNCTIONS.has(name) && !this.isLocal(callee)) return [{ kind: 'text', node, names: [], parts: argument(0) }];
    }
    if (object && name !== undefined) {
      const receiver = unwrap(object);
      if (receiver.type === AST_NODE_TYPES.Identifier && !this.isLocal(receiver)) {
        if (receiver.name === 'Math' || receiver.name === 'Number') return this.number(node, args, env, depth);
        const global = this.globalCall(node, receiver.name, name, argument);
        if (global) return global;
      }
      const method = this.method(node, object, name, argument, env, depth);
      if (method) return method;
    }
    const parsed = this.parsedUrl(node, callee, argument);
    if (parsed) return parsed;
    const fn = this.functions.of(callee);
    if (fn) return returnedBy(this.returns(fn, this.bind(fn, args, env, depth), depth), referenceNameOf(callee));
    const summary = this.summary(node, callee, args, env, depth);
    if (summary) return returnedBy(summary, referenceNameOf(callee));
    if (delivered) return [{ kind: 'unknown', node, names: [] }];
    return [this.opaqueCall(node, callee, object, args, env)];
  }

  /** `url.parse(req.url, true)` is the URL it parses; `querystring.parse(text)`, `qs.parse(text)` the query in it. */
  private parsedUrl(node: TSESTree.CallExpression, callee: TSESTree.Node, argument: (index: number) => Value): Value | undefined {
    const origin = this.modules.resolve(callee);
    if (!origin) return undefined;
    const path = origin.path.replace(/^\.default/u, '');
    if ((origin.module === 'url' || origin.module === 'node:url') && path === '.parse') return argument(0);
    if ((origin.module === 'querystring' || origin.module === 'node:querystring' || origin.module === 'qs') && path === '.parse') {
      return parsed(argument(0).map((atom) => (atom.kind === 'request' && atom.part === 'url' ? { ...atom, part: 'query' as const, node, names: [] } : atom)));
    }
    return undefined;
  }

  private isLocal(node: TSESTree.Node): boolean {
    const inner = unwrap(node);
    if (inner.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(this.sourceCode, inner);
    return variable !== undefined && variable.defs.length > 0;
  }

  /** Calls on built-ins: `JSON.parse`, `Object.assign`, `Object.keys`, `Promise.all`, `Math.max`, `Array.from`. */
  private globalCall(node: TSESTree.CallExpression, receiver: string, name: string, argument: (index: number) => Value): Value | undefined {
    if (CONSTANT_NAMESPACES.has(receiver) && receiver !== 'crypto') return this.constant(node);
    switch (`${receiver}.${name}`) {
      case 'JSON.parse':
        return parsed(argument(0));
      case 'JSON.stringify':
        return [{ kind: 'text', node, names: [], parts: argument(0) }];
      case 'Object.assign':
      case 'Object.freeze':
        return union(...node.arguments.map((_, index) => argument(index)));
      case 'Object.keys':
        return [{ kind: 'array', node, names: [], elements: keys(argument(0), node) }];
      case 'Object.values':
        return [{ kind: 'array', node, names: [], elements: property(argument(0), '[]', node) }];
      case 'Object.entries':
        return [{ kind: 'array', node, names: [], elements: [{ kind: 'array', node, names: [], elements: union(keys(argument(0), node), property(argument(0), '[]', node)) }] }];
      case 'Object.fromEntries':
        return [{ kind: 'object', node, names: [], properties: new Map(), rest: elements(elements(argument(0), node), node) }];
      case 'Array.from':
      case 'Array.of':
        return name === 'of' ? [{ kind: 'array', node, names: [], elements: union(...node.arguments.map((_, index) => argument(index))) }] : node.arguments[1] ? this.callbackReturns(node.arguments[1]) : argument(0);
      case 'Promise.resolve':
        return argument(0);
      case 'Promise.all':
      case 'Promise.allSettled':
        return argument(0);
      case 'Buffer.from':
        return argument(0);
      default:
        return undefined;
    }
  }

  /** What a callback returns, when the callback is a function of this file. */
  private callbackReturns(node: TSESTree.Node): Value {
    const fn = this.functions.of(node);
    return fn ? this.returns(fn, EMPTY_ENV, 0) : [{ kind: 'unknown', node, names: [] }];
  }

  /** Methods whose result the engine knows from the receiver: string and array methods, promises, request reads. */
  private method(node: TSESTree.CallExpression, object: TSESTree.Node, name: string, argument: (index: number) => Value, env: Env, depth: number): Value | undefined {
    if (CONSTANT_METHODS.has(name)) return this.constant(node);
    if (name === 'then' || name === 'catch' || name === 'finally') {
      const [first] = node.arguments;
      const receiver = this.evaluate(object, env, depth);
      if (name === 'finally' || !first) return receiver;
      const fn = this.functions.of(first);
      const returned = fn ? this.returns(fn, EMPTY_ENV, depth) : NOTHING;
      return name === 'catch' ? union(receiver, returned) : returned;
    }
    if (name === 'bind' || name === 'call' || name === 'apply') return undefined;
    const receiver = this.evaluate(object, env, depth);
    const input = requestMethod(receiver, name, node, node.arguments[0] ? staticName(node.arguments[0], true) : undefined);
    if (input) return input;
    // `email.trim()`: a string made from the receiver (an object has no such method: it is not one).
    if (TEXT_METHODS.has(name)) return receiver.every((atom) => atom.kind === 'text') ? receiver : [{ kind: 'text', node, names: [], parts: receiver }];
    if (name === 'split') return [{ kind: 'array', node, names: [], elements: receiver }];
    if (name === 'join') return [{ kind: 'text', node, names: [], parts: union(elements(receiver, node), argument(0)) }];
    if (name === 'replace' || name === 'replaceAll') {
      const replacement = node.arguments[1] && isFunction(unwrap(node.arguments[1])) ? NOTHING : argument(1);
      return [{ kind: 'text', node, names: [], parts: union(receiver, replacement) }];
    }
    if (name === 'slice' || name === 'at' || name === 'concat') {
      // Strings and arrays share these: an array keeps its elements, a text its parts.
      const isArray = receiver.some((atom) => atom.kind === 'array');
      if (!isArray) return name === 'concat' ? [{ kind: 'text', node, names: [], parts: union(receiver, ...node.arguments.map((_, index) => argument(index))) }] : receiver;
    }
    if (ELEMENT_METHODS.has(name)) return elements(receiver, node);
    if (ARRAY_METHODS.has(name)) {
      const extra = name === 'concat' ? node.arguments.map((_, index) => elements(argument(index), node)) : [];
      return [{ kind: 'array', node, names: [], elements: union(elements(receiver, node), ...extra) }];
    }
    if (name === 'map' || name === 'flatMap') {
      const [mapper] = node.arguments;
      const fn = mapper && this.functions.of(mapper);
      const returned = fn ? this.returns(fn, EMPTY_ENV, depth) : [{ kind: 'unknown', node, names: [] } as Atom];
      return [{ kind: 'array', node, names: [], elements: name === 'flatMap' ? union(returned, elements(returned, node)) : returned }];
    }
    if (name === 'reduce' || name === 'reduceRight') {
      const [reducer, initial] = node.arguments;
      const fn = reducer && this.functions.of(reducer);
      return union(fn ? this.returns(fn, EMPTY_ENV, depth) : NOTHING, initial ? argument(1) : NOTHING);
    }
    if (name === 'save' && receiver.some((atom) => atom.kind === 'record')) return receiver;
    return undefined;
  }

  /** A call of a library or of something the engine cannot see into: its result, made from its inputs. */
  private opaqueCall(node: TSESTree.CallExpression | TSESTree.NewExpression, callee: TSESTree.Node, object: TSESTree.Node | undefined, args: readonly TSESTree.CallExpressionArgument[], env: Env): CallAtom {
    const inputs = lazy(() => {
      const values: Value[] = [];
      if (object) values.push(this.asked(object, env));
      for (const argument of args) {
        if (argument.type === AST_NODE_TYPES.SpreadElement) values.push(elements(this.asked(argument.argument, env), argument));
        else if (!isFunction(unwrap(argument))) values.push(this.asked(argument, env));
      }
      return union(...values);
    });
    const origin = this.modules.resolve(callee);
    return { kind: 'call', node, names: [], name: referenceNameOf(callee), module: origin?.module, path: origin?.path, inputs };
  }

  private construct(node: TSESTree.NewExpression, env: Env, depth: number): Value {
    const callee = unwrap(node.callee);
    if (isNamed(callee, 'Promise') && !this.isLocal(callee)) {
      // `new Promise((resolve) => resolve(x))`: what is resolved.
      const executor = node.arguments[0] && this.functions.of(node.arguments[0]);
      const resolve = executor?.params[0];
      if (resolve?.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(this.sourceCode, resolve);
        const resolved = variable?.references.flatMap((reference) => {
          const parent = reference.identifier.parent;
          return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier && parent.arguments[0] ? [this.evaluate(parent.arguments[0], env, depth)] : [];
        });
        return union(...(resolved ?? []));
      }
      return [{ kind: 'unknown', node, names: [] }];
    }
    if (isNamed(callee, 'URL') && !this.isLocal(callee)) return node.arguments[0] ? this.evaluate(node.arguments[0], env, depth) : this.constant(node);
    if ((isNamed(callee, 'Set') || isNamed(callee, 'Map') || isNamed(callee, 'Array')) && !this.isLocal(callee)) {
      // A collection: what it starts with (a Map's `[key, value]` entries), and what code stores into it later.
      return [{ kind: 'array', node, names: [], elements: node.arguments[0] ? elements(this.evaluate(node.arguments[0], env, depth), node) : NOTHING }];
    }
    if ((isNamed(callee, 'Date') || isNamed(callee, 'RegExp') || isNamed(callee, 'Error')) && !this.isLocal(callee)) return this.constant(node);
    return [this.opaqueCall(node, callee, undefined, node.arguments, env)];
  }

  // ---- Functions ------------------------------------------------------------------------------

  /** Binds a same-file function's parameters to a call's arguments. */
  private bind(fn: FunctionNode, args: readonly TSESTree.CallExpressionArgument[], env: Env, depth: number): Env {
    const bound = new Map<TSESTree.Node, Value>();
    fn.params.forEach((param, index) => {
      const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      const argument = args[index];
      const value =
        !argument
          ? param.type === AST_NODE_TYPES.AssignmentPattern
            ? this.evaluate(param.right, env, depth)
            : this.constant(param)
          : argument.type === AST_NODE_TYPES.SpreadElement
            ? elements(this.evaluate(argument.argument, env, depth), argument)
            : this.evaluate(argument, env, depth);
      if (target.type === AST_NODE_TYPES.Identifier) {
        bound.set(target, value);
        return;
      }
      // A destructured parameter: each name gets its path into the argument.
      for (const variable of this.sourceCode.getDeclaredVariables(fn)) {
        const identifier = variable.identifiers[0];
        if (!identifier || identifier.range[0] < target.range[0] || identifier.range[1] > target.range[1]) continue;
        let inner = value;
        for (const key of destructuringPath(identifier, target) ?? ['[]']) inner = key === '[]' ? elements(inner, identifier) : property(inner, key, identifier);
        bound.set(identifier, inner);
      }
    });
    return bound;
  }

  private returns(fn: FunctionNode, env: Env, depth: number): Value {
    return union(...returnedValues(fn).map((expression) => this.evaluate(expression, env, depth)));
  }

  // ---- Other files ----------------------------------------------------------------------------

  /** `require('./config')`: the module's exports, when it is a project file. */
  private required(node: TSESTree.CallExpression): Value {
    const specifier = requiredModule(node)!;
    const file = this.project && !inRegistry(node) && resolveRelativeModule(this.filename, specifier);
    if (file && this.project) {
      const exported = this.project.exportValue(file, '');
      if (exported) return exported;
    }
    return [{ kind: 'module', node, names: [], module: specifier, path: '' }];
  }

  /** An import binding: a project file's export, or a package's value. */
  private imported(identifier: TSESTree.Identifier, specifierNode: TSESTree.Node): Value {
    const declaration = specifierNode.parent;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return [{ kind: 'unknown', node: identifier, names: [] }];
    const moduleName = declaration.source.value;
    const exportName =
      specifierNode.type === AST_NODE_TYPES.ImportSpecifier
        ? specifierNode.imported.type === AST_NODE_TYPES.Identifier
          ? specifierNode.imported.name
          : specifierNode.imported.value
        : specifierNode.type === AST_NODE_TYPES.ImportDefaultSpecifier
          ? 'default'
          : '';
    const file = this.project && resolveRelativeModule(this.filename, moduleName);
    if (file && this.project) {
      const exported = this.project.exportValue(file, exportName);
      if (exported) return exported;
    }
    return [{ kind: 'module', node: identifier, names: [], module: moduleName, path: exportName === '' ? '' : `.${exportName}` }];
  }

  /** A function another project file exports, called here: its summary, with this call's arguments put in. */
  private summary(node: TSESTree.CallExpression, callee: TSESTree.Node, args: readonly TSESTree.CallExpressionArgument[], env: Env, depth: number): Value | undefined {
    if (!this.project) return undefined;
    const imported = importedFunction(this.sourceCode, callee);
    if (!imported) return undefined;
    const file = resolveRelativeModule(this.filename, imported.specifier);
    if (!file) return undefined;
    const summary = this.project.functionSummary(file, imported.name);
    if (!summary) return undefined;
    const argumentValues = args.map((argument) =>
      argument.type === AST_NODE_TYPES.SpreadElement ? elements(this.evaluate(argument.argument, env, depth), argument) : this.evaluate(argument, env, depth),
    );
    return mapAtoms(inFile(summary.returns, file), (atom) => {
      if (atom.kind !== 'param' || atom.fn !== summary.fn) return undefined;
      let value = argumentValues[atom.index] ?? this.constant(node);
      // What the helper reads of its parameter is read from the argument (`describe(err)` reads `err`).
      const read = args[atom.index] ?? node;
      for (const key of atom.path) value = key === '[]' ? elements(value, read) : property(value, key, read);
      return value;
    });
  }
}

type ConstValue = string | number | boolean | bigint | RegExp | null;

/** Whether a `require(...)` is one entry of a literal that gathers more project modules than are read one by one. */
function inRegistry(call: TSESTree.CallExpression): boolean {
  const entry = call.parent?.type === AST_NODE_TYPES.Property || call.parent?.type === AST_NODE_TYPES.SpreadElement ? call.parent : call;
  const literal = entry.parent;
  if (literal?.type === AST_NODE_TYPES.ArrayExpression) return literal.elements.filter((element) => element && isProjectRequire(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element)).length > MAX_GATHERED_MODULES;
  if (literal?.type === AST_NODE_TYPES.ObjectExpression) {
    return literal.properties.filter((property) => isProjectRequire(property.type === AST_NODE_TYPES.Property ? property.value : property.argument)).length > MAX_GATHERED_MODULES;
  }
  return false;
}

/** `require('./x')`: a relative module, a file of the project. */
function isProjectRequire(node: TSESTree.Node): boolean {
  return requiredModule(node)?.startsWith('.') === true;
}

/** A path below a name as code would read it: `order[].direction` (`[]` is any element or key). */
function pathText(base: string, path: readonly string[]): string {
  return base + path.map((key) => (key === '[]' ? '[]' : `.${key}`)).join('');
}

/** `JSON.parse(text)`, `qs.parse(text)`: client text parsed into a value, which can be an object whatever part it came from. */
function parsed(value: Value): Value {
  return value.map((atom) => (atom.kind === 'request' && atom.part !== undefined ? { ...atom, parsed: true } : atom));
}

/** The number a value is for certain (one constant number), if any. */
function knownNumber(value: Value): number | undefined {
  const [atom] = value;
  return value.length === 1 && atom?.kind === 'const' && typeof atom.value === 'number' ? atom.value : undefined;
}

/** The value of `-a`, `a * b`, `a << b` when the operands are known numbers (a call such as `Number(x)` is not folded). */
function fold(node: TSESTree.Node, operands: readonly Value[]): number | undefined {
  const numbers = operands.map(knownNumber);
  const [first, second] = numbers;
  if (first === undefined || numbers.includes(undefined)) return undefined;
  let result: number | undefined;
  if (node.type === AST_NODE_TYPES.UnaryExpression) result = node.operator === '-' ? -first : node.operator === '+' ? first : undefined;
  else if (node.type === AST_NODE_TYPES.BinaryExpression && second !== undefined) result = FOLDED[node.operator]?.(first, second);
  return result !== undefined && Number.isFinite(result) ? result : undefined;
}

/** A function written as a request handler: a request (or context) and a response (or reply), by name. */
function looksLikeHandler(fn: FunctionNode): boolean {
  const first = fn.params[0] && paramName(fn.params[0]);
  const second = fn.params[1] && paramName(fn.params[1]);
  const responds = second !== undefined && /^(?:res|response|reply|resp|rep|_res)$/u.test(second);
  // `async ({ body, query }, res) => ...`: the request, destructured into its parts.
  if (first === undefined) return responds && fn.params[0]?.type === AST_NODE_TYPES.ObjectPattern && fn.params[0].properties.some((entry) => entry.type === AST_NODE_TYPES.Property && REQUEST_PART_NAMES.has(keyName(entry) ?? ''));
  if (CONTEXT_OBJECTS.has(first)) return fn.params.length <= 2;
  return (REQUEST_OBJECTS.has(first) || first === 'req' || first === '_req') && responds;
}

/** `undefined`, `null`, `void 0`: a value that takes a field out. */
function isEmpty(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  return (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined') || (inner.type === AST_NODE_TYPES.Literal && inner.value === null) || (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'void');
}

/** The keys beside a rest element the variable is (`const { password, ...user } = row` gives `password` for `user`). */
function restSiblings(variable: Variable): string[] {
  const identifier = variable.defs[0]?.name;
  const rest = identifier?.parent;
  if (rest?.type !== AST_NODE_TYPES.RestElement || rest.parent?.type !== AST_NODE_TYPES.ObjectPattern) return [];
  return rest.parent.properties.flatMap((entry) => (entry.type === AST_NODE_TYPES.Property ? [keyName(entry) ?? ''] : []));
}

function isNamed(node: TSESTree.Node, name: string): boolean {
  const inner = unwrap(node);
  return inner.type === AST_NODE_TYPES.Identifier && inner.name === name;
}

function referenceNameOf(node: TSESTree.Node): string | undefined {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression) return memberName(inner);
  return undefined;
}

function paramName(param: TSESTree.Parameter): string | undefined {
  const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  const target = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
  return target.type === AST_NODE_TYPES.Identifier ? target.name : undefined;
}

function requestAtom(node: TSESTree.Node, role: 'request' | 'koa' | 'hono'): RequestAtom {
  return role === 'request' ? { kind: 'request', node, names: [], part: undefined, path: [] } : { kind: 'request', node, names: [], part: undefined, path: [], context: role };
}

/** `@Body() dto` is the body, `@Query('q') q` the query's `q`, `@Req() req` the request. */
function nestParameter(decorator: string, node: TSESTree.Node, sourceCode: TSESLint.SourceCode): Value {
  const parameter = node.type === AST_NODE_TYPES.TSParameterProperty ? node.parameter : node;
  const decorated = (parameter as { decorators?: TSESTree.Decorator[] }).decorators ?? [];
  const call = decorated.map((entry) => entry.expression).find((expression): expression is TSESTree.CallExpression => expression.type === AST_NODE_TYPES.CallExpression);
  const key = call?.arguments[0] ? staticName(call.arguments[0]) : undefined;
  const part = ({ Body: 'body', Query: 'query', Param: 'params', Headers: 'headers', Cookies: 'cookies' } as const)[decorator as 'Body'];
  if (!part) return [requestAtom(node, 'request')];
  // `@Query('n', ParseIntPipe)`, `@Body(new ValidationPipe())`: a pipe transforms or checks it; a DTO class is checked by the ValidationPipe.
  const piped = call?.arguments.some((argument) => unwrap(argument).type !== AST_NODE_TYPES.Literal) ?? false;
  const validated = isDtoClass(parameter, sourceCode);
  return [{ kind: 'request', node, names: [], part, path: key === undefined ? [] : [key], ...(validated ? { validated } : {}), ...(piped ? { piped } : {}) }];
}

/** Types a ValidationPipe cannot check: erased at run time, or a container of anything. */
const UNCHECKED_TYPES: ReadonlySet<string> = new Set(['Record', 'Partial', 'Object', 'Map', 'Array', 'ReadonlyArray', 'Readonly', 'Pick', 'Omit', 'Set', 'String', 'Number', 'Boolean']);

/** A parameter typed with a class (a DTO), not an interface, a type alias, `any` or a primitive. */
function isDtoClass(parameter: TSESTree.Node, sourceCode: TSESLint.SourceCode): boolean {
  const annotation = (parameter as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation?.typeAnnotation;
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const typeName = annotation.typeName;
  if (typeName.type === AST_NODE_TYPES.TSQualifiedName) return !UNCHECKED_TYPES.has(typeName.right.name);
  if (typeName.type !== AST_NODE_TYPES.Identifier || UNCHECKED_TYPES.has(typeName.name)) return false;
  const definition = findVariable(sourceCode, typeName)?.defs[0];
  if (definition?.type === 'Type') return false;
  if (definition?.type === 'ImportBinding') {
    const specifier = definition.node;
    const declaration = specifier.parent;
    const typeOnly = (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type') || (declaration?.type === AST_NODE_TYPES.ImportDeclaration && declaration.importKind === 'type');
    return !typeOnly;
  }
  return true;
}

/** Express error middleware by its shape: `(err, req, res, next)`. */
function isErrorMiddleware(fn: FunctionNode): boolean {
  if (fn.params.length !== 4) return false;
  const [first, , third, fourth] = fn.params.map(paramName);
  return first !== undefined && ERROR_PARAMETER.test(first) && ((third !== undefined && RESPONSE_OBJECT_NAMES.has(third)) || (fourth !== undefined && NEXT_PARAMETER_NAMES.has(fourth)));
}

/** `catch(exception, host)` of a NestJS exception filter (a class decorated with `@Catch()`). */
function isExceptionFilter(fn: FunctionNode): boolean {
  const method = fn.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || keyName(method) !== 'catch') return false;
  const owner = method.parent.parent;
  if (owner.type !== AST_NODE_TYPES.ClassDeclaration && owner.type !== AST_NODE_TYPES.ClassExpression) return false;
  return owner.decorators.some((decorator) => decorator.expression.type === AST_NODE_TYPES.CallExpression && isNamed(decorator.expression.callee, 'Catch'));
}

/** Which request role a handler's parameter plays: the request, a Koa/Hono context, an error middleware's error. */
function handlerParameterRole(handler: RouteHandler, fn: FunctionNode, index: number): 'request' | 'koa' | 'hono' | 'error' | undefined {
  const first = fn.params[0] ? paramName(fn.params[0]) : undefined;
  if (handler.framework === 'koa') return index === 0 ? 'koa' : undefined;
  if (handler.framework === 'hono') return index === 0 ? 'hono' : undefined;
  // Express error middleware: `(err, req, res, next)`.
  if (fn.params.length === 4 && first !== undefined && ERROR_PARAMETER.test(first)) return index === 0 ? 'error' : index === 1 ? 'request' : undefined;
  if (index === 0) {
    if (first !== undefined && CONTEXT_OBJECTS.has(first) && handler.framework === 'unknown') return first === 'c' ? 'hono' : 'koa';
    return 'request';
  }
  // Next.js app router: `(request, { params })`.
  if (handler.framework === 'next' && index === 1) return 'request';
  return undefined;
}

/** Property keys from a destructuring pattern's root down to `name`; `'[]'` marks array elements and rest. */
function destructuringPath(name: TSESTree.Node, root: TSESTree.Node): string[] | undefined {
  const path: string[] = [];
  let current: TSESTree.Node = name;
  while (current !== root) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.Property && parent.value === current) {
      const key = keyName(parent);
      path.unshift(key ?? '[]');
    } else if (parent.type === AST_NODE_TYPES.ArrayPattern) {
      path.unshift('[]');
    } else if (parent.type !== AST_NODE_TYPES.AssignmentPattern && parent.type !== AST_NODE_TYPES.ObjectPattern && parent.type !== AST_NODE_TYPES.RestElement) {
      return undefined;
    }
    current = parent;
  }
  return path;
}

/** The field a chain of property reads starts from: `this.pending.delivered` gives `pending`. */
function fieldOf(node: TSESTree.Node): string | undefined {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrap(current.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) return memberName(current);
    current = object;
  }
  return undefined;
}

/** The keys read below the field: `this.pending.delivered` gives `['delivered']`. */
function storePath(node: TSESTree.Node): string[] {
  const path: string[] = [];
  for (let current = unwrap(node); current.type === AST_NODE_TYPES.MemberExpression && unwrap(current.object).type !== AST_NODE_TYPES.ThisExpression; current = unwrap(current.object)) {
    path.unshift(memberName(current) ?? '[]');
  }
  return path;
}

/** A class's writes to its fields, by name: initializers, `this.name = ...`, constructor parameter properties. */
function classFieldWrites(body: TSESTree.ClassBody, sourceCode: TSESLint.SourceCode): Map<string, TSESTree.Node[]> {
  const writes = new Map<string, TSESTree.Node[]>();
  const add = (name: string, node: TSESTree.Node) => writes.set(name, [...(writes.get(name) ?? []), node]);
  for (const member of body.body) {
    if ((member.type === AST_NODE_TYPES.PropertyDefinition || member.type === AST_NODE_TYPES.MethodDefinition) && member.value) {
      const name = keyName(member);
      if (name !== undefined && member.type === AST_NODE_TYPES.PropertyDefinition) add(name, member.value);
      if (name !== undefined && member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'method') add(name, member.value);
    }
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      for (const param of member.value.params) {
        if (param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter.type === AST_NODE_TYPES.Identifier) add(param.parameter.name, param.parameter);
      }
    }
  }
  const stack: TSESTree.Node[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.left.type === AST_NODE_TYPES.MemberExpression && unwrap(node.left.object).type === AST_NODE_TYPES.ThisExpression) {
      const name = memberName(node.left);
      if (name !== undefined) add(name, node.right);
    }
    // `this.queue.push(x)`, `this.pending.delivered.set(id, at)`: a store into a collection the field holds.
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && COLLECTION_STORES.has(memberName(node.callee) ?? '')) {
      const field = fieldOf(node.callee.object);
      if (field !== undefined) add(field, node);
    }
    // A nested class's `this` is its own.
    if (node !== body && node.type === AST_NODE_TYPES.ClassBody) continue;
    pushChildren(stack, node, sourceCode.visitorKeys);
  }
  return writes;
}
