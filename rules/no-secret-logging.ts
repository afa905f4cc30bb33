import { relative } from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { AUTH_ROUTE_PATTERN, nextRoutePath } from '../src/catalog/request-sources.js';
import {
  BODY_READS,
  CHILD_LOGGER_METHODS,
  CONSOLE_METHODS,
  DERIVED_VALUE_WORDS,
  LOGGER_NAME,
  LOG_CALL_NAMES,
  LOG_METHODS,
  NON_CREDENTIAL_TOKEN_WORDS,
  PRINTING_FUNCTIONS,
  logMethodsOf,
  loggerLibraryForModule,
} from '../src/catalog/loggers.js';
import { RESPONSE_OBJECT_NAMES } from '../src/catalog/responses.js';
import { QUALIFIER_WORDS, REDACTOR_WORDS, SECRET_WORDS, SELF_DESCRIBING_WORDS, SENSITIVE_HEADERS, splitWords } from '../src/catalog/sensitive-names.js';
import { originResolver } from '../src/ast/module-origin.js';
import { calleeParts, enclosingFunction, keyName, plusOperands, referenceName, shortSource, staticName, unwrap, type FunctionNode } from '../src/ast/nodes.js';
import { requestDecorator } from '../src/ast/request-input.js';
import { labelMeaning, sensitiveMeaning, vocabularyFor } from '../src/ast/sensitive-name.js';
import { createRule } from '../src/create-rule.js';
import {
  atomsOf,
  flowOf,
  usesOf,
  wholeUserRows,
  type Atom,
  type CallAtom,
  type FlowHandler,
  type ObjectAtom,
  type ParamAtom,
  type RequestAtom,
  type TextAtom,
  type Value,
  union,
} from '../src/flow/index.js';
import { nameList } from '../src/schema.js';

type Options = [
  {
    loggers?: string[];
    redactors?: string[];
    sensitiveNames?: string[];
    allowedNames?: string[];
    pii?: boolean;
  },
];
type MessageIds = 'sensitiveValue';

/** Calls whose result says something about a value without revealing it. */
const HARMLESS_METHODS: ReadonlySet<string> = new Set([
  'slice', 'substring', 'substr', 'startsWith', 'endsWith', 'includes', 'indexOf', 'test', 'match', 'has',
  'localeCompare', 'charAt', 'at', 'keys', 'getTime', 'toISOString',
]);
const HARMLESS_FUNCTIONS: ReadonlySet<string> = new Set(['Boolean', 'Number', 'isNaN', 'parseInt', 'parseFloat']);
/** Verbs in front of a getter's name (`getAccessToken()` returns a token). */
const GETTER_VERB = /^(?:get|fetch|load|read|find|generate|create|issue|sign|decrypt|build|make|mint|extract|parse)(?=[A-Z_])/u;
/** Frameworks whose handlers take `(request, response)`: the second parameter is the response. */
const REQUEST_RESPONSE_FRAMEWORKS: ReadonlySet<string> = new Set(['express', 'fastify', 'unknown']);
const MAX_DEPTH = 8;

/** What the names a value was read through say: a secret, a masked or qualified form, something else, or nothing. */
type Verdict = { readonly what: string } | 'masked' | 'other' | undefined;

interface Finding {
  readonly node: TSESTree.Node;
  readonly what: string;
}

export default createRule<Options, MessageIds>({
  name: 'no-secret-logging',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow passwords, tokens, keys, auth headers, cookies and other secrets in log calls',
      recommended: true,
      standard: 'Never log sensitive data: passwords, tokens, secrets, API keys, auth headers, cookies, whole request bodies/headers of auth routes',
      precision: 'high',
      securitySeverity: 6.5,
    },
    messages: {
      sensitiveValue:
        '`{{value}}` is written to the log by `{{sink}}`: it holds {{what}}. Logs are read by many people and kept for long; leave it out or log a redacted form.',
    },
    defaultOptions: [{ loggers: [], redactors: [], sensitiveNames: [], allowedNames: [], pii: false }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          loggers: nameList('Extra receiver names that are loggers (`audit` makes `audit.info(...)` a log call).'),
          redactors: nameList('Functions whose result is safe to log (in addition to names with redact, mask, hash, sanitize, ...).'),
          sensitiveNames: nameList('Extra words that name a secret (`pin`, `seed`), matched as a word of an identifier.'),
          allowedNames: nameList('Exact identifiers or property names that are never sensitive in this codebase.'),
          pii: {
            type: 'boolean',
            description: 'Also report personal data: email addresses, phone numbers, dates of birth, postal addresses.',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const vocabulary = vocabularyFor(options, () => ({
      pii: options.pii === true,
      extraWords: new Set((options.sensitiveNames ?? []).map((name) => name.toLowerCase())),
      allowed: new Set(options.allowedNames ?? []),
    }));
    const extraLoggers = new Set(options.loggers ?? []);
    const redactors = new Set(options.redactors ?? []);
    const loggers = originResolver(sourceCode, loggerLibraryForModule);
    const routePath = nextRoutePath(context.filename);
    const isAuthFile = routePath !== undefined && AUTH_ROUTE_PATTERN.test(`/${routePath}/`);
    const flow = flowOf(context);
    /** Handlers that take credentials, worked out once each. */
    const credentialHandlers = new Map<FunctionNode, boolean>();

    // ---------------------------------------------------------------------------------------
    // Log calls
    // ---------------------------------------------------------------------------------------

    function isLoggerish(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      const name = referenceName(inner);
      if (name !== undefined && (LOGGER_NAME.test(name) || extraLoggers.has(name))) return true;
      if (inner.type === AST_NODE_TYPES.CallExpression) {
        const { object, name: method } = calleeParts(inner);
        return object !== undefined && method !== undefined && CHILD_LOGGER_METHODS.has(method) && isLoggerish(object);
      }
      return false;
    }

    /** The label of a log call (`logger.info`, `console.log`, `dbg`), or undefined for other calls. */
    function sinkOf(call: TSESTree.CallExpression): string | undefined {
      const { object, name, callee } = calleeParts(call);
      if (name === undefined) return undefined;
      const label = () => sourceCode.getText(callee).replace(/\s+/gu, '');
      if (!object) {
        const origin = loggers.resolve(callee);
        return origin?.model?.logFunctions?.includes(origin.path) ? label() : undefined;
      }
      // Cheap before resolving: a method call that logs goes by a name some logger has.
      if (!LOG_CALL_NAMES.has(name)) return undefined;
      const receiver = unwrap(object);
      if (receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'console') return CONSOLE_METHODS.has(name) ? label() : undefined;
      // `Sentry.captureMessage(text)`: a function of the module.
      const function_ = loggers.resolve(callee);
      if (function_?.model?.logFunctions?.includes(function_.path)) return label();
      // A library's logger writes with its own methods (`server.log()` of hapi, not `server.start()`).
      const instance = loggers.resolve(receiver);
      if (instance?.instance && instance.model) return logMethodsOf(instance.model).has(name) ? label() : undefined;
      return LOG_METHODS.has(name) && isLoggerish(receiver) ? label() : undefined;
    }

    // ---------------------------------------------------------------------------------------
    // Names: what a value is called says whether it is a secret
    // ---------------------------------------------------------------------------------------

    function isRedactorName(name: string | undefined): boolean {
      return name !== undefined && (redactors.has(name) || splitWords(name).some((word) => REDACTOR_WORDS.has(word)));
    }

    function keyMeaning(key: string): string | undefined {
      return SENSITIVE_HEADERS.has(key.toLowerCase()) ? `the ${key.toLowerCase()} header` : sensitiveMeaning(key, vocabulary);
    }

    /**
     * The names a value was read through, newest first: the first that says something decides. A
     * secret (`password`, `accessToken`), a masked or derived form (`maskedToken`, `keyPrefix`) or a
     * secret word qualified away (`tokenType`, `hasPassword`); a name that says what else the value
     * is (`username`, `userId`, `region`) ends the search; other names (`value`, `t`) pass to the
     * name before them (`const t = session.token`).
     */
    function nameVerdict(names: readonly string[]): Verdict {
      for (let index = names.length - 1; index >= 0; index--) {
        const name = names[index]!;
        if (vocabulary.allowed.has(name)) return 'other';
        const what = keyMeaning(name);
        if (what) return { what };
        const words = splitWords(name);
        if (isRedactorName(name) || words.some((word) => DERIVED_VALUE_WORDS.has(word) || SECRET_WORDS.has(word))) return 'masked';
        const head = words.at(-1);
        if (head !== undefined && (SELF_DESCRIBING_WORDS.has(head) || QUALIFIER_WORDS.has(head))) return 'other';
      }
      return undefined;
    }

    /** What an atom's names (and, for a source, the key it was read at) say. */
    function verdictOf(atom: Atom): Verdict {
      let verdict = nameVerdict(atom.names);
      if (verdict === undefined && 'path' in atom && typeof atom.path === 'object') {
        const key = atom.path.at(-1);
        verdict = key === undefined || key === '[]' ? undefined : nameVerdict([key]);
      }
      // `const token = device.deviceToken`: an earlier name says what kind of token it is.
      if (typeof verdict === 'object' && verdict.what === SECRET_WORDS.get('token') && atom.names.some((name) => splitWords(name).some((word) => NON_CREDENTIAL_TOKEN_WORDS.has(word)))) return 'other';
      return verdict;
    }

    /** Whether logging the value would print it: not a constant, a flag, a count or a masked form. */
    function reveals(value: Value): boolean {
      for (const atom of atomsOf(value)) {
        if (atom.kind === 'const' || atom.kind === 'function' || atom.kind === 'text') continue;
        if (atom.kind === 'call' && (isRedactorName(atom.name) || isHarmlessName(atom.name, true))) continue;
        if (verdictOf(atom) === 'masked') continue;
        return true;
      }
      return false;
    }

    function isHarmlessName(name: string | undefined, method: boolean): boolean {
      return name !== undefined && (HARMLESS_FUNCTIONS.has(name) || (method && HARMLESS_METHODS.has(name)));
    }

    /** A call written in the log call that only tells something about a value (`token.slice(0, 6)`, `Boolean(key)`) or redacts it. */
    function isHarmlessCall(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
      const { object, name } = calleeParts(inner);
      return isHarmlessName(name, object !== undefined) || isRedactorName(name);
    }

    /** `'Username from JWT: ' + decoded.username`: a label before a value applies unless the value's own name says what it is. */
    function labelApplies(value: Value): boolean {
      if (!reveals(value)) return false;
      return !value.some((atom) => {
        const name = atom.names.at(-1);
        return name !== undefined && splitWords(name).some((word) => SELF_DESCRIBING_WORDS.has(word));
      });
    }

    // ---------------------------------------------------------------------------------------
    // Requests: headers, cookies, and the whole body of a handler that takes credentials
    // ---------------------------------------------------------------------------------------

    function handlerAround(node: TSESTree.Node): FlowHandler | undefined {
      for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
        const handler = flow.handlerOf(fn);
        if (handler) return handler;
      }
      return undefined;
    }

    /** The names a handler is known by: its route, its function, the variable, property or method that holds it. */
    function handlerNames(handler: FlowHandler): (string | undefined)[] {
      const fn = handler.fn;
      const parent = fn.parent;
      const names: (string | undefined)[] = [handler.path, handler.registration?.path, fn.id?.name];
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) names.push(parent.id.name);
      if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.Property) {
        names.push(keyName(parent));
        for (const decorator of parent.type === AST_NODE_TYPES.MethodDefinition ? parent.decorators : []) {
          const expression = decorator.expression;
          if (expression.type === AST_NODE_TYPES.CallExpression) names.push(staticName(expression.arguments[0]));
        }
      }
      return names;
    }

    /**
     * Whether the handler's body carries credentials: the handler serves an auth route (login,
     * register, token refresh, ...) by its path or name, or reads a secret field from the body.
     */
    function receivesCredentials(handler: FlowHandler): boolean {
      let known = credentialHandlers.get(handler.fn);
      if (known === undefined) {
        known =
          handlerNames(handler).some((name) => name !== undefined && AUTH_ROUTE_PATTERN.test(`/${splitWords(name).join('-')}/`)) ||
          handler.fn.params.some((param) => readsSecretFromBody(param));
        credentialHandlers.set(handler.fn, known);
      }
      return known;
    }

    /** Whether the handler around a read takes credentials; without a known handler, whether a function around it reads a secret from the body. */
    function credentialsAround(node: TSESTree.Node): boolean {
      const handler = handlerAround(node);
      if (handler) return receivesCredentials(handler);
      for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) if (fn.params.some(readsSecretFromBody)) return true;
      return false;
    }

    /** The engine's uses of a request (or NestJS `@Body()`) parameter: does one read a secret field of the body? */
    function readsSecretFromBody(param: TSESTree.Parameter): boolean {
      const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
      const name = target.type === AST_NODE_TYPES.AssignmentPattern ? target.left : target;
      if (name.type !== AST_NODE_TYPES.Identifier) return false;
      const isBody = requestDecorator(target) === 'Body';
      return usesOf(sourceCode, name).some(({ path }) => {
        const start = isBody ? 0 : path.findIndex((key) => BODY_READS.has(key)) + 1;
        const key = start > 0 || isBody ? path[start] : undefined;
        return key !== undefined && sensitiveMeaning(key, vocabulary) !== undefined;
      });
    }

    /** What a read of the request holds that must not be logged. */
    function requestSecret(atom: RequestAtom, call: TSESTree.CallExpression): string | undefined {
      const [key] = atom.path;
      switch (atom.part) {
        case undefined:
          // `console.log(req)` prints the raw headers; a structured logger's serializers choose the fields.
          return isConsole(call) && atom.file === undefined && handlerAround(atom.node) ? 'the whole request, with its raw headers (Authorization, Cookie)' : undefined;
        case 'headers':
          if (key === undefined) return 'all request headers, including Authorization and Cookie';
          return SENSITIVE_HEADERS.has(key.toLowerCase()) ? `the ${key.toLowerCase()} header` : undefined;
        case 'cookies':
          return key === undefined ? 'all request cookies' : undefined;
        case 'body': {
          if (key !== undefined) return undefined;
          return isAuthFile || credentialsAround(atom.file === undefined ? atom.node : call) ? 'the whole request body of a handler that receives credentials' : undefined;
        }
        default:
          return undefined;
      }
    }

    /** `console.log(res)`: the response of a handler prints its `req`, raw headers included. */
    function isResponse(atom: ParamAtom): boolean {
      if (atom.path.length > 0) return false;
      const handler = flow.handlerOf(atom.fn);
      if (!handler) return false;
      if (atom.index === 1 && REQUEST_RESPONSE_FRAMEWORKS.has(handler.framework)) return true;
      const param = atom.fn.params[atom.index];
      return atom.index === 2 && atom.fn.params.length === 4 && param?.type === AST_NODE_TYPES.Identifier && RESPONSE_OBJECT_NAMES.has(param.name);
    }

    // ---------------------------------------------------------------------------------------
    // Inspecting a logged value (the engine says what it is made of)
    // ---------------------------------------------------------------------------------------

    /** `console.*` prints objects in full with `util.inspect`, nested requests and their headers included. */
    function isConsole(call: TSESTree.CallExpression): boolean {
      const { object } = calleeParts(call);
      const receiver = object && unwrap(object);
      return receiver?.type === AST_NODE_TYPES.Identifier && receiver.name === 'console';
    }

    function within(node: TSESTree.Node, call: TSESTree.CallExpression): boolean {
      return node.range[0] >= call.range[0] && node.range[1] <= call.range[1];
    }

    /** Where a value came from, for the message, when that is in another file. */
    function origin(atom: Atom): string {
      return atom.file === undefined ? '' : ` (from \`${relative(context.cwd, atom.file)}:${atom.node.loc.start.line}\`)`;
    }

    /** An expression written in the log call. */
    function inspectNode(node: TSESTree.Node, call: TSESTree.CallExpression, findings: Finding[], depth: number): void {
      if (isHarmlessCall(node)) return;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ArrayExpression) {
        for (const element of inner.elements) if (element) inspectNode(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, call, findings, depth + 1);
        return;
      }
      inspectValue(flow.valueOf(node), node, call, findings, depth);
    }

    /** The secrets a value holds, reported at `at` (or, for literals written in the call, at their parts). */
    function inspectValue(value: Value, at: TSESTree.Node, call: TSESTree.CallExpression, findings: Finding[], depth: number): void {
      if (depth > MAX_DEPTH) return;
      const report = (what: string) => findings.push({ node: at, what });
      for (const atom of value) {
        if (atom.kind === 'const' || atom.kind === 'function' || (atom.kind === 'module' && atom.path === '')) continue;
        const verdict = atom.kind === 'object' || atom.kind === 'array' ? undefined : verdictOf(atom);
        if (verdict === 'masked') continue;
        if (typeof verdict === 'object' && reveals([atom])) {
          report(`${verdict.what}${origin(atom)}`);
          continue;
        }
        switch (atom.kind) {
          case 'object':
            inspectObject(atom, at, call, findings, depth);
            break;
          case 'array':
            inspectValue(atom.elements, at, call, findings, depth + 1);
            break;
          case 'text':
            inspectText(atom, at, call, findings, depth);
            break;
          case 'request': {
            const what = requestSecret(atom, call);
            if (what) report(what);
            break;
          }
          case 'env':
            if (atom.path.length === 0) report('every environment variable, secrets included');
            break;
          case 'record': {
            const model = wholeUserRows(atom);
            if (model !== undefined && !atom.omitted?.some((key) => keyMeaning(key))) report(`whole \`${model}\` records, with the password column${origin(atom)}`);
            break;
          }
          case 'param':
            if (isConsole(call) && isResponse(atom)) report('the response object, which prints its request with the raw headers (Authorization, Cookie)');
            break;
          case 'call':
            // `getAccessToken()`, but not `loadCredentials().username`: the getter's name speaks for the result, not for what is read from it.
            inspectCall(atom, verdict === undefined, at, call, findings, depth);
            break;
          default:
            break;
        }
      }
    }

    function inspectObject(atom: ObjectAtom, at: TSESTree.Node, call: TSESTree.CallExpression, findings: Finding[], depth: number): void {
      const literal = atom.file === undefined && atom.node.type === AST_NODE_TYPES.ObjectExpression && within(atom.node, call) ? atom.node : undefined;
      if (!literal) {
        // An object built elsewhere: its keys are among the names of its values.
        inspectValue(union(...atom.properties.values(), atom.rest), at, call, findings, depth + 1);
        return;
      }
      for (const property of literal.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) {
          inspectNode(property.argument, call, findings, depth + 1);
          continue;
        }
        const before = findings.length;
        inspectNode(property.value, call, findings, depth + 1);
        const key = property.computed ? undefined : keyName(property);
        const what = key === undefined || findings.length > before || isHarmlessCall(property.value) ? undefined : keyMeaning(key);
        if (what && reveals(flow.valueOf(property.value))) findings.push({ node: property.value, what });
      }
    }

    /** A template or concatenation: each part, and a label such as `token=` before a value marks it. */
    function inspectText(atom: TextAtom, at: TSESTree.Node, call: TSESTree.CallExpression, findings: Finding[], depth: number): void {
      const node = atom.file === undefined ? atom.node : undefined;
      const parts =
        node?.type === AST_NODE_TYPES.TemplateLiteral
          ? node.quasis.flatMap((quasi, index) => [quasi, node.expressions[index]].filter((part) => part !== undefined))
          : node?.type === AST_NODE_TYPES.BinaryExpression
            ? plusOperands(node)
            : undefined;
      if (!parts) {
        inspectValue(atom.parts, at, call, findings, depth + 1);
        return;
      }
      let text = '';
      for (const part of parts) {
        if (part.type === AST_NODE_TYPES.TemplateElement || (part.type === AST_NODE_TYPES.Literal && typeof part.value !== 'object')) {
          text += part.type === AST_NODE_TYPES.TemplateElement ? (part.value.cooked ?? part.value.raw) : String(part.value);
          continue;
        }
        const label = labelMeaning(text, vocabulary);
        text = '';
        if (isHarmlessCall(part)) continue;
        const here = within(part, call) ? part : at;
        const before = findings.length;
        const value = flow.valueOf(part);
        inspectValue(value, here, call, findings, depth + 1);
        if (findings.length === before && label && labelApplies(value)) findings.push({ node: here, what: label });
      }
    }

    function inspectCall(atom: CallAtom, unnamed: boolean, at: TSESTree.Node, call: TSESTree.CallExpression, findings: Finding[], depth: number): void {
      if (isRedactorName(atom.name) || isHarmlessName(atom.name, true)) return;
      // `util.inspect(value)`, `util.format('%j', value)` print what they are given.
      if (atom.module !== undefined && atom.name !== undefined && PRINTING_FUNCTIONS.get(atom.module)?.has(atom.name)) {
        inspectValue(atom.inputs(), at, call, findings, depth + 1);
        return;
      }
      if (!unnamed) return;
      const getter = atom.name?.replace(GETTER_VERB, '');
      const what = getter !== undefined && getter !== atom.name ? sensitiveMeaning(getter, vocabulary) : undefined;
      if (what) findings.push({ node: at, what });
    }

    return {
      CallExpression(call) {
        if (call.arguments.length === 0) return;
        const sink = sinkOf(call);
        if (!sink) return;
        const findings: Finding[] = [];
        call.arguments.forEach((argument, index) => {
          const node = argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument;
          const before = findings.length;
          inspectNode(node, call, findings, 0);
          // `console.log('api key:', key)`: a label in the argument before.
          const previous = call.arguments[index - 1];
          if (findings.length > before || !previous || previous.type !== AST_NODE_TYPES.Literal || typeof previous.value !== 'string' || isHarmlessCall(node)) return;
          const label = labelMeaning(previous.value, vocabulary);
          if (label && labelApplies(flow.valueOf(node))) findings.push({ node, what: label });
        });
        const seen = new Set<TSESTree.Node>();
        for (const { node, what } of findings) {
          if (seen.has(node)) continue;
          seen.add(node);
          context.report({ node, messageId: 'sensitiveValue', data: { value: shortSource(sourceCode, node), sink, what } });
        }
      },
    };
  },
});
