import { relative } from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  CONTEXT_SEND_METHODS,
  DEVELOPMENT_ENVIRONMENTS,
  DEVELOPMENT_FLAG,
  ENVIRONMENT_NAMES,
  ERROR_HANDLER_REGISTRARS,
  ERROR_MESSAGE_PROPERTIES,
  ERROR_SERIALIZERS,
  ERROR_STACK_PROPERTIES,
  ERROR_STATUS_NAMES,
  HONO_CONTEXT_NAMES,
  HONO_HTTP_EXCEPTION,
  HTTP_STATUS_NAMES,
  KOA_CONTEXT_NAMES,
  NAMED_ERROR_PARAMETERS,
  NEST_HTTP_EXCEPTION,
  NEST_MODULE,
  NEST_ROUTE_DECORATORS,
  NEST_SERVER_EXCEPTIONS,
  NESTED_ERROR_PROPERTIES,
  NEXT_PARAMETER_NAMES,
  PRODUCTION_ENVIRONMENTS,
  PRODUCTION_FLAG,
  RESPONSE_CHAIN_METHODS,
  RESPONSE_CLASS_STATIC_METHODS,
  RESPONSE_OBJECT_NAMES,
  RESPONSE_RENDER_METHOD,
  RESPONSE_STATUS_PROPERTIES,
  SAFE_ERROR_CLASSES,
  SAFE_ERROR_FLAGS,
  SAFE_ERROR_GLOBALS,
  SAFE_ERROR_MODULE_CLASSES,
  SAFE_ERROR_WORDS,
} from '../src/catalog/responses.js';
import { splitWords } from '../src/catalog/sensitive-names.js';
import {
  ERROR_CLASS_LIBRARIES,
  ERROR_MIDDLEWARE,
  FRAMEWORK_ERROR_METHODS,
  rendersStack,
  type ErrorCall,
  type ErrorClassLibrary,
  type ErrorMiddleware,
} from '../src/catalog/error-responders.js';
import { originResolver } from '../src/ast/module-origin.js';
import {
  alwaysExits,
  calleeParts,
  enclosingFunction,
  isFunction,
  keyName,
  memberName,
  referenceName,
  requiredModule,
  shortSource,
  staticName,
  unwrap,
  type FunctionNode,
} from '../src/ast/nodes.js';
import { findVariable, parameterOf, type Variable } from '../src/ast/variables.js';
import { ResponseCandidates, ResponseObjects, sendMethodBody, toolkitBody } from '../src/ast/responses.js';
import { createRule } from '../src/create-rule.js';
import { flowOf, property, union, type CallAtom, type ErrorAtom, type ParamAtom, type Value } from '../src/flow/index.js';
import { nameList } from '../src/schema.js';

type Options = [{ safeErrorClasses?: string[]; responseNames?: string[]; allowDevelopmentOnly?: boolean }];
type MessageIds = 'errorInResponse' | 'errorInException' | 'exposingHandler' | 'useGenericMessage';

/** What of an error reaches the client, worst first. */
type ExposureKind = 'stack' | 'raw' | 'text' | 'message';
const SEVERITY: Readonly<Record<ExposureKind, number>> = { stack: 0, raw: 1, text: 2, message: 3 };

interface Exposure {
  readonly kind: ExposureKind;
  /** The expression that reads the error (`err.message`), for guards around it; in another file for an error read there. */
  readonly origin: TSESTree.Node | undefined;
  /** The error binding's identifier, for messages and `instanceof` guards. */
  readonly error: string;
  /** The variable of the error, when known. */
  readonly variable: Variable | undefined;
  /** Where the error was read, when that is in another file (`lib/errors.js:12`). */
  readonly from: string | undefined;
}

/** What a helper's parameter says of itself: typed `Error`, named like an error (`error`, `err`), or neither. */
type Binding = 'caught' | 'named' | 'unnamed';

interface Status {
  /** Status values the expression can take; `unknown` when some cannot be worked out. */
  readonly values: readonly number[];
  readonly unknown: boolean;
  readonly node: TSESTree.Node | undefined;
}

interface Sink {
  readonly kind: 'response' | 'exception';
  readonly label: string;
  readonly bodies: readonly TSESTree.Node[];
  /** undefined: the status is left at the default. */
  readonly status: Status | undefined;
  /** A raw error in the body: the message (an error passed to an error class) or a cause kept for the logs. */
  readonly rawError?: 'message' | 'cause';
}

const MAX_DEPTH = 10;
const GENERIC_MESSAGE = "'Internal server error'";

export default createRule<Options, MessageIds>({
  name: 'no-error-exposure',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow sending internal error messages, stack traces and raw error objects in 5xx responses',
      recommended: true,
      servedTraffic: true,
      standard: 'Never expose internal errors (messages, stacks, raw error objects) to clients in 5xx responses',
      precision: 'high',
      securitySeverity: 5.3,
    },
    hasSuggestions: true,
    messages: {
      errorInResponse:
        '`{{value}}` sends {{what}} to the client through {{response}} ({{status}}). Internal error details (messages, stack traces, queries, file paths) help attackers: log the error and send a generic message with a request id instead.',
      errorInException:
        '`{{value}}` puts {{what}} into the {{status}} response that {{response}} sends to the client. Log the error and throw with a generic message; keep the error as `{ cause }` for the logs.',
      exposingHandler:
        '`{{call}}` makes {{library}} send {{what}} of every error to the client{{how}}. Use it only in development, or answer 5xx errors with a generic message and log the error.',
      useGenericMessage: "Send the generic message 'Internal server error' instead.",
    },
    defaultOptions: [{ safeErrorClasses: [], responseNames: [], allowDevelopmentOnly: true }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          safeErrorClasses: nameList(
            'Extra error class names whose message is written for the client (in addition to HttpError, HttpException, ValidationError, ZodError, ...): `err.message` is allowed inside `if (err instanceof <name>)`.',
          ),
          responseNames: nameList('Extra names of response objects (`out` makes `out.status(500).json(...)` a response).'),
          allowDevelopmentOnly: {
            type: 'boolean',
            description: 'Allow error details in a branch that runs only in development (`NODE_ENV === "development"`, `isDev ? err.stack : undefined`).',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const extraSafe = new Set(options.safeErrorClasses ?? []);
    const responseNames = new Set([...RESPONSE_OBJECT_NAMES, ...(options.responseNames ?? [])]);
    const allowDevelopment = options.allowDevelopmentOnly !== false;
    const modules = originResolver(sourceCode);
    // The response parameter of an error handler counts whatever its name.
    const responses = new ResponseObjects(sourceCode, modules, responseNames, (variable) => {
      const parameter = parameterOf(variable);
      const fn = parameter?.fn as TSESTree.Node | undefined;
      if (!parameter || !isFunction(fn)) return false;
      if (parameter.index === 2 && isErrorMiddleware(fn)) return true;
      const call = fn.parent;
      const registrar = call?.type === AST_NODE_TYPES.CallExpression ? ERROR_HANDLER_REGISTRARS.get(calleeParts(call).name ?? '') : undefined;
      return registrar?.response === parameter.index;
    });

    const collected = new ResponseCandidates(new Set([RESPONSE_RENDER_METHOD]));
    const { candidates, arrowBodies } = collected;
    const flow = flowOf(context);

    // ---------------------------------------------------------------------------------------
    // Error classes written for the client
    // ---------------------------------------------------------------------------------------

    function isSafeClassName(name: string | undefined): boolean {
      if (name === undefined) return false;
      if (SAFE_ERROR_CLASSES.has(name) || extraSafe.has(name)) return true;
      const words = splitWords(name);
      if (words.at(-1) !== 'error' && words.at(-1) !== 'exception') return false;
      return words.some((word) => SAFE_ERROR_WORDS.has(word)) || (words.includes('bad') && words.includes('request'));
    }

    /**
     * `Parse.Error`, `_node.default.Error` of Babel's `_interopRequireDefault(require('parse/node'))`:
     * a client-facing error class of a library.
     */
    function isSafeLibraryClass(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      if (inner.type !== AST_NODE_TYPES.MemberExpression) return false;
      const path: string[] = [];
      let root: TSESTree.Node = inner;
      while (root.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(root);
        if (name === undefined) return false;
        path.unshift(name);
        root = unwrap(root.object);
      }
      // A guard in another file (a helper's): its imports are not this file's to resolve.
      if (root.type !== AST_NODE_TYPES.Identifier || !inThisFile(root)) return false;
      const moduleName = SAFE_ERROR_GLOBALS.get(root.name) !== undefined && isGlobal(root, root.name) ? SAFE_ERROR_GLOBALS.get(root.name) : moduleOf(root);
      const dotted = `.${path.join('.')}`;
      return moduleName !== undefined && SAFE_ERROR_MODULE_CLASSES.some((candidate) => candidate.module === moduleName && candidate.path === dotted);
    }

    function inThisFile(node: TSESTree.Node): boolean {
      let top: TSESTree.Node = node;
      while (top.parent) top = top.parent;
      return top === sourceCode.ast;
    }

    /** The module a binding holds: an import, a `require`, or a `require` wrapped in an interop helper. */
    function moduleOf(identifier: TSESTree.Identifier): string | undefined {
      const resolved = modules.resolve(identifier);
      if (resolved) return resolved.path === '' ? resolved.module : undefined;
      const definition = findVariable(sourceCode, identifier)?.defs[0];
      if (definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return undefined;
      const init = unwrap(definition.node.init);
      if (init.type !== AST_NODE_TYPES.CallExpression || init.arguments.length !== 1) return undefined;
      const argument = unwrap(init.arguments[0]!);
      return argument.type === AST_NODE_TYPES.CallExpression ? requiredModule(argument) : undefined;
    }

    function parameterName(param: TSESTree.Parameter | undefined): string | undefined {
      if (!param) return undefined;
      const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
      const target = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
      return target.type === AST_NODE_TYPES.Identifier ? target.name : undefined;
    }

    /** Express error middleware: `(err, req, res, next)`. */
    function isErrorMiddleware(fn: FunctionNode): boolean {
      if (fn.params.length !== 4) return false;
      const third = parameterName(fn.params[2]);
      const fourth = parameterName(fn.params[3]);
      if ((third !== undefined && responseNames.has(third)) || (fourth !== undefined && NEXT_PARAMETER_NAMES.has(fourth))) return true;
      const parent = fn.parent;
      return parent?.type === AST_NODE_TYPES.CallExpression && calleeParts(parent).name === 'use';
    }

    /** The NestJS exception filter class of a `catch(exception, host)` method, with its `@Catch()` arguments. */
    function nestFilterOf(fn: FunctionNode): TSESTree.CallExpression | undefined {
      const method = fn.parent;
      if (method?.type !== AST_NODE_TYPES.MethodDefinition || keyName(method) !== 'catch') return undefined;
      const classNode = method.parent.parent;
      if (classNode.type !== AST_NODE_TYPES.ClassDeclaration && classNode.type !== AST_NODE_TYPES.ClassExpression) return undefined;
      for (const decorator of classNode.decorators) {
        const expression = decorator.expression;
        if (expression.type === AST_NODE_TYPES.CallExpression && referenceName(expression.callee) === 'Catch') return expression;
      }
      return undefined;
    }

    /** The declared type of an error binding names a client-safe class (`(err: HttpError, req, res, next)`). */
    function declaredSafe(variable: Variable | undefined): boolean {
      const definition = variable?.defs[0];
      if (definition?.type !== 'Parameter') return false;
      const annotation = (definition.name as TSESTree.Identifier).typeAnnotation?.typeAnnotation;
      if (annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && isSafeClassName(annotation.typeName.name)) {
        return true;
      }
      // `@Catch(HttpException)`: the filter only receives client-safe exceptions.
      const fn = definition.node as TSESTree.Node;
      const filter = isFunction(fn) ? nestFilterOf(fn) : undefined;
      return filter !== undefined && filter.arguments.length > 0 && filter.arguments.every((argument) => isSafeClassName(referenceName(argument)));
    }

    // ---------------------------------------------------------------------------------------
    // What of an error a value carries (the engine says where the value comes from)
    // ---------------------------------------------------------------------------------------

    /**
     * A parameter the engine could not bind to a caught error (a helper's): `caught` when its type
     * says Error, `named` when only its name does (`function sendError(res, error)`), where only its
     * message and stack count; a string parameter named `error` is a message the code wrote.
     */
    function parameterBinding(atom: ParamAtom): Binding | undefined {
      const param = atom.fn.params[atom.index];
      const inner = param?.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
      const target = inner?.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
      if (target?.type !== AST_NODE_TYPES.Identifier) return undefined;
      const annotation = target.typeAnnotation?.typeAnnotation;
      if (annotation?.type === AST_NODE_TYPES.TSStringKeyword) return undefined;
      if (annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier && annotation.typeName.name === 'Error') return 'caught';
      return NAMED_ERROR_PARAMETERS.has(target.name) ? 'named' : 'unnamed';
    }

    function pathKind(names: readonly string[], named: boolean): ExposureKind | undefined {
      if (names.some((name) => ERROR_STACK_PROPERTIES.has(name))) return 'stack';
      const last = names.at(-1);
      const nested = names.slice(0, -1).every((name) => NESTED_ERROR_PROPERTIES.has(name));
      if (last !== undefined && ERROR_MESSAGE_PROPERTIES.has(last) && nested) return 'message';
      if (!named && names.every((name) => NESTED_ERROR_PROPERTIES.has(name))) return 'raw';
      return undefined;
    }

    /** The error variable an expression reads (`err` of `(err as Error).cause.message`), when it is in this file. */
    function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | undefined {
      let current = unwrap(node);
      for (let steps = 0; steps < 12 && current.type === AST_NODE_TYPES.MemberExpression; steps++) current = unwrap(current.object);
      return current.type === AST_NODE_TYPES.Identifier ? current : undefined;
    }

    function exposure(atom: ErrorAtom | ParamAtom, kind: ExposureKind, inText: boolean): Exposure {
      const here = atom.file === undefined;
      const identifier = atom.kind === 'error' ? rootIdentifier(atom.node) : undefined;
      const variable = here && identifier ? findVariable(sourceCode, identifier) : undefined;
      const definition = variable?.defs[0];
      // `catch ({ message })`: the error is the pattern.
      const pattern = definition?.type === 'CatchClause' && definition.node.param !== definition.name ? definition.node.param : undefined;
      const name = atom.kind === 'param' ? parameterName(atom.fn.params[atom.index]) : pattern ? shortSource(sourceCode, pattern) : identifier?.name;
      return {
        kind: inText && kind === 'raw' ? 'text' : kind,
        origin: atom.kind === 'error' ? atom.node : undefined,
        error: name ?? atom.names[0] ?? 'error',
        variable,
        from: here ? undefined : `${relative(context.cwd, atom.file!)}:${atom.node.loc.start.line}`,
      };
    }

    function isSerializer(atom: CallAtom): boolean {
      if (atom.module === undefined || atom.path === undefined) return false;
      return ERROR_SERIALIZERS.some((serializer) => serializer.module === atom.module && serializer.path === atom.path) || rendersStack(atom.module, atom.path);
    }

    /** The parts of a caught error a value holds: inside objects, arrays and texts, and through serializers (which print the stack). */
    function exposuresIn(value: Value, found: Exposure[], inText: boolean, depth: number): void {
      if (depth > MAX_DEPTH) return;
      for (const atom of value) {
        switch (atom.kind) {
          case 'error': {
            const kind = pathKind(atom.path, false);
            if (kind) found.push(exposure(atom, kind, inText));
            break;
          }
          case 'param': {
            const binding = parameterBinding(atom);
            if (!binding) break;
            // What the callers pass (`sendError(res, err)`, `sendHttpError(res, error.message)`), read as the helper reads it.
            let passed = atom.file === undefined ? flow.argumentsOf(atom.fn, atom.index) : [];
            for (const key of atom.path) passed = property(passed, key, atom.node);
            const before = found.length;
            exposuresIn(passed, found, inText, depth + 1);
            const kind = found.length === before && binding !== 'unnamed' ? pathKind(atom.path, binding === 'named') : undefined;
            if (kind) found.push(exposure(atom, kind, inText));
            break;
          }
          case 'text':
            exposuresIn(atom.parts, found, true, depth + 1);
            break;
          case 'object':
            exposuresIn(union(...atom.properties.values(), atom.rest), found, inText, depth + 1);
            break;
          case 'array':
            exposuresIn(atom.elements, found, inText, depth + 1);
            break;
          case 'call':
            if (isSerializer(atom)) {
              const printed: Exposure[] = [];
              exposuresIn(atom.inputs(), printed, inText, depth + 1);
              found.push(...printed.map((inner) => ({ ...inner, kind: 'stack' as const })));
            }
            break;
          default:
            break;
        }
      }
    }

    function isGlobal(node: TSESTree.Node, name: string): boolean {
      const inner = unwrap(node);
      return inner.type === AST_NODE_TYPES.Identifier && inner.name === name && responses.isGlobal(inner);
    }

    // ---------------------------------------------------------------------------------------
    // Guards: a client-safe error, a development-only branch
    // ---------------------------------------------------------------------------------------

    /** Whether knowing that `test` evaluated to `value` proves what `atom` checks. */
    function proves(test: TSESTree.Node, value: boolean, atom: (node: TSESTree.Node, value: boolean) => boolean, depth = 0): boolean {
      if (depth > MAX_DEPTH) return false;
      const node = unwrap(test);
      if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return proves(node.argument, !value, atom, depth + 1);
      if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&') {
        return value
          ? proves(node.left, true, atom, depth + 1) || proves(node.right, true, atom, depth + 1)
          : proves(node.left, false, atom, depth + 1) && proves(node.right, false, atom, depth + 1);
      }
      if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '||') {
        return value
          ? proves(node.left, true, atom, depth + 1) && proves(node.right, true, atom, depth + 1)
          : proves(node.left, false, atom, depth + 1) || proves(node.right, false, atom, depth + 1);
      }
      return atom(node, value);
    }

    function isStatusLike(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.CallExpression) return calleeParts(inner).name === 'getStatus';
      const name = referenceName(inner);
      return name !== undefined && (ERROR_STATUS_NAMES.has(name) || /status/iu.test(name));
    }

    /** `status < 500` true, `status >= 500` false, `err.status === 404`: the status is below 500. */
    function statusBelow500(node: TSESTree.BinaryExpression, value: boolean): boolean {
      let operator: string = node.operator;
      let other: TSESTree.Node = node.left;
      let literal = unwrap(node.right);
      if (literal.type !== AST_NODE_TYPES.Literal) {
        literal = unwrap(node.left);
        other = node.right;
        operator = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[operator] ?? operator;
      }
      if (literal.type !== AST_NODE_TYPES.Literal || typeof literal.value !== 'number' || !isStatusLike(other)) return false;
      const negated: Record<string, string> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '===': '!==', '!==': '===', '==': '!=', '!=': '==' };
      const effective = value ? operator : negated[operator];
      const limit = literal.value;
      switch (effective) {
        case '<':
          return limit <= 500;
        case '<=':
          return limit < 500;
        case '===':
        case '==':
          return limit < 500;
        case '!==':
        case '!=':
          return limit === 500;
        default:
          return false;
      }
    }

    function clientSafeAtom(errorName: string): (node: TSESTree.Node, value: boolean) => boolean {
      return (node, value) => {
        if (node.type === AST_NODE_TYPES.BinaryExpression) {
          if (node.operator === 'instanceof') {
            const left = unwrap(node.left);
            const sameError = left.type !== AST_NODE_TYPES.Identifier || left.name === errorName;
            return value && sameError && (isSafeClassName(referenceName(node.right)) || isSafeLibraryClass(node.right));
          }
          if (node.operator === '===' || node.operator === '==') {
            const literal = [node.left, node.right].map(unwrap).find((side) => side.type === AST_NODE_TYPES.Literal);
            const other = [node.left, node.right].map(unwrap).find((side) => side !== literal);
            if (literal?.type === AST_NODE_TYPES.Literal && typeof literal.value === 'string' && other && referenceName(other) === 'name') {
              return value && isSafeClassName(literal.value);
            }
            if (literal?.type === AST_NODE_TYPES.Literal && literal.value === true && other && SAFE_ERROR_FLAGS.has(referenceName(other) ?? '')) return value;
          }
          return statusBelow500(node, value);
        }
        if (node.type === AST_NODE_TYPES.CallExpression) {
          const { name } = calleeParts(node);
          return value && name !== undefined && name.startsWith('is') && isSafeClassName(name.slice(2));
        }
        const name = referenceName(node);
        return value && name !== undefined && SAFE_ERROR_FLAGS.has(name);
      };
    }

    /** Truthiness of `node` says whether we run in development: 'development', 'production' or undefined. */
    function environmentOf(node: TSESTree.Node): 'development' | 'production' | undefined {
      const inner = unwrap(node);
      const name = inner.type === AST_NODE_TYPES.CallExpression ? calleeParts(inner).name : referenceName(inner);
      if (name === undefined) return undefined;
      if (DEVELOPMENT_FLAG.test(name)) return 'development';
      if (PRODUCTION_FLAG.test(name)) return 'production';
      return undefined;
    }

    function isEnvironmentName(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.CallExpression) {
        // `app.get('env')`
        const { name } = calleeParts(inner);
        return name === 'get' && staticName(inner.arguments[0]) === 'env';
      }
      const name = referenceName(inner);
      return name !== undefined && ENVIRONMENT_NAMES.has(name);
    }

    function developmentAtom(node: TSESTree.Node, value: boolean): boolean {
      if (node.type === AST_NODE_TYPES.BinaryExpression && ['===', '==', '!==', '!='].includes(node.operator)) {
        const sides = [unwrap(node.left), unwrap(node.right)];
        const literal = sides.find((side) => side.type === AST_NODE_TYPES.Literal && typeof side.value === 'string');
        const other = sides.find((side) => side !== literal);
        if (literal?.type !== AST_NODE_TYPES.Literal || !other || !isEnvironmentName(other)) return false;
        const equal = node.operator.startsWith('=') === value;
        const environment = String(literal.value).toLowerCase();
        if (DEVELOPMENT_ENVIRONMENTS.has(environment)) return equal;
        if (PRODUCTION_ENVIRONMENTS.has(environment)) return !equal;
        return false;
      }
      const environment = environmentOf(node);
      return (environment === 'development' && value) || (environment === 'production' && !value);
    }

    /** Whether a condition on the way from `node` up to its function proves what `atom` checks. */
    function guarded(node: TSESTree.Node, atom: (node: TSESTree.Node, value: boolean) => boolean): boolean {
      let child: TSESTree.Node = node;
      for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
        switch (parent.type) {
          case AST_NODE_TYPES.ConditionalExpression:
          case AST_NODE_TYPES.IfStatement:
            if (child === parent.consequent && proves(parent.test, true, atom)) return true;
            if (child === parent.alternate && proves(parent.test, false, atom)) return true;
            break;
          case AST_NODE_TYPES.LogicalExpression:
            if (child === parent.right && parent.operator === '&&' && proves(parent.left, true, atom)) return true;
            if (child === parent.right && parent.operator === '||' && proves(parent.left, false, atom)) return true;
            break;
          case AST_NODE_TYPES.BlockStatement:
          case AST_NODE_TYPES.SwitchCase: {
            // `if (!(err instanceof HttpError)) return res.status(500).json(...)` guards what follows.
            const statements: readonly TSESTree.Statement[] = parent.type === AST_NODE_TYPES.BlockStatement ? parent.body : parent.consequent;
            for (const statement of statements) {
              if (statement === child) break;
              if (statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate && alwaysExits(statement.consequent) && proves(statement.test, false, atom)) {
                return true;
              }
            }
            break;
          }
          default:
            break;
        }
        if (isFunction(parent)) return false;
      }
      return false;
    }

    function excused(exposure: Exposure, use: TSESTree.Node): boolean {
      const atOrigin = (atom: (node: TSESTree.Node, value: boolean) => boolean) => exposure.origin !== undefined && guarded(exposure.origin, atom);
      if (allowDevelopment && (atOrigin(developmentAtom) || guarded(use, developmentAtom))) return true;
      if (exposure.kind === 'stack') return false;
      if (declaredSafe(exposure.variable)) return true;
      const atom = clientSafeAtom(exposure.error);
      return atOrigin(atom) || guarded(use, atom);
    }

    // ---------------------------------------------------------------------------------------
    // Responses and their status
    // ---------------------------------------------------------------------------------------



    function evaluateStatus(raw: TSESTree.Node, depth = 0): Status {
      const node = unwrap(raw);
      const unknown: Status = { values: [], unknown: true, node: raw };
      if (depth > MAX_DEPTH) return unknown;
      switch (node.type) {
        case AST_NODE_TYPES.Literal:
          return typeof node.value === 'number' ? { values: [node.value], unknown: false, node: raw } : unknown;
        case AST_NODE_TYPES.MemberExpression: {
          const name = memberName(node);
          const value = name !== undefined ? HTTP_STATUS_NAMES.get(name) : undefined;
          return value !== undefined ? { values: [value], unknown: false, node: raw } : unknown;
        }
        case AST_NODE_TYPES.LogicalExpression:
        case AST_NODE_TYPES.ConditionalExpression: {
          const parts = node.type === AST_NODE_TYPES.LogicalExpression ? [node.left, node.right] : [node.consequent, node.alternate];
          const statuses = parts.map((part) => evaluateStatus(part, depth + 1));
          return { values: statuses.flatMap((status) => status.values), unknown: statuses.some((status) => status.unknown), node: raw };
        }
        case AST_NODE_TYPES.Identifier: {
          // A local, merged over the writes that reach here: `let status = 200; ... status = 500;`.
          const values: number[] = [];
          let unknownPart = false;
          for (const atom of flow.valueOf(node)) {
            const known = atom.kind === 'const' && typeof atom.value === 'number' ? atom.value : HTTP_STATUS_NAMES.get(atom.names.at(-1) ?? '');
            if (known === undefined) unknownPart = true;
            else values.push(known);
          }
          return { values, unknown: unknownPart || values.length === 0, node: raw };
        }
        default:
          return unknown;
      }
    }

    /**
     * The status a statement before `sink` sets on `receiver`: `res.status(500);`,
     * `res.statusCode = 500;`, `ctx.status = 500;`, `res.writeHead(500)`, `c.status(500)`.
     * Only statements in blocks that enclose the sink count (not the `try` block of a `catch`).
     */
    function statementStatus(sink: TSESTree.Node, receiver: string): Status | undefined {
      let found: Status | undefined;
      let child: TSESTree.Node = sink;
      for (let parent = sink.parent; parent && !found; child = parent, parent = parent.parent) {
        if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.SwitchCase) {
          const statements: readonly TSESTree.Statement[] = parent.type === AST_NODE_TYPES.BlockStatement ? parent.body : parent.consequent;
          for (const statement of statements) {
            if (statement === child) break;
            const status = statusSetBy(statement, receiver);
            if (status) found = status;
          }
        }
        if (isFunction(parent)) break;
      }
      return found;
    }

    function statusSetBy(statement: TSESTree.Statement, receiver: string): Status | undefined {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
      const expression = unwrap(statement.expression);
      if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.left.type === AST_NODE_TYPES.MemberExpression) {
        const property = memberName(expression.left);
        const target = sourceCode.getText(unwrap(expression.left.object));
        const isReceiver = target === receiver || target === `${receiver}.response`;
        return isReceiver && property !== undefined && RESPONSE_STATUS_PROPERTIES.has(property) ? evaluateStatus(expression.right) : undefined;
      }
      if (expression.type !== AST_NODE_TYPES.CallExpression) return undefined;
      // The status call may start a chain: `res.status(500).set('x', 'y');`
      for (let call: TSESTree.Node = expression; call.type === AST_NODE_TYPES.CallExpression; ) {
        const { object, name } = calleeParts(call);
        if (!object) return undefined;
        const position = name !== undefined ? RESPONSE_CHAIN_METHODS.get(name) : undefined;
        if (position !== undefined && sourceCode.getText(unwrap(object)) === receiver && call.arguments[position]) {
          return evaluateStatus(call.arguments[position]!);
        }
        call = unwrap(object);
      }
      return undefined;
    }

    /** `res.status(500).json(body)`: the response call's receiver and the status set in its chain. */
    function responseChain(callee: TSESTree.Node): { receiver: TSESTree.Node; status: Status | undefined } | undefined {
      let status: Status | undefined;
      let current = unwrap(callee);
      for (let steps = 0; steps < 8; steps++) {
        if (current.type === AST_NODE_TYPES.CallExpression) {
          const { object, name } = calleeParts(current);
          if (!object || name === undefined || !RESPONSE_CHAIN_METHODS.has(name)) return undefined;
          const position = RESPONSE_CHAIN_METHODS.get(name);
          const argument = position !== undefined ? current.arguments[position] : undefined;
          if (argument && !status) status = evaluateStatus(argument);
          current = unwrap(object);
          continue;
        }
        return responses.isResponseObject(current) ? { receiver: current, status } : undefined;
      }
      return undefined;
    }


    function initStatus(init: TSESTree.Node | undefined): Status | undefined {
      const inner = init && unwrap(init);
      if (inner?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      const property = inner.properties.find(
        (candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && keyName(candidate) === 'status',
      );
      return property ? evaluateStatus(property.value) : undefined;
    }

    function callSink(call: TSESTree.CallExpression): Sink | undefined {
      const { object, name } = calleeParts(call);
      if (name === undefined || call.arguments.length === 0) return undefined;
      const label = code(call.callee);
      if (!object) {
        // micro's `send(res, 500, body)`, polka's `send(res, 500, data)`: the status comes before the body.
        const fn = responses.sendFunction(call);
        const body = fn && call.arguments[fn.body];
        if (!fn || !body) return undefined;
        const statusArgument = fn.body > 1 ? call.arguments[fn.body - 1] : undefined;
        return { kind: 'response', label, bodies: [body], status: statusArgument ? evaluateStatus(statusArgument) : undefined };
      }
      const receiver = unwrap(object);
      // hapi: `h.response(body).code(500)`
      const toolkit = toolkitBody(call);
      if (toolkit) return { kind: 'response', label, bodies: [toolkit], status: chainedStatus(call) };
      // Hono: c.json(body, 500)
      const contextMethod = CONTEXT_SEND_METHODS.get(name);
      if (contextMethod && receiver.type === AST_NODE_TYPES.Identifier && HONO_CONTEXT_NAMES.has(receiver.name)) {
        const statusArgument = call.arguments[contextMethod.status];
        const status = statusArgument ? evaluateStatus(statusArgument) : statementStatus(call, receiver.name);
        return { kind: 'response', label, bodies: [call.arguments[contextMethod.body]!], status };
      }
      // NextResponse.json(body, { status: 500 }), Response.json(...)
      if (RESPONSE_CLASS_STATIC_METHODS.has(name) && responses.responseClass(receiver)) {
        return { kind: 'response', label, bodies: [call.arguments[0]!], status: initStatus(call.arguments[1]) };
      }
      const body = name === RESPONSE_RENDER_METHOD ? call.arguments[1] : sendMethodBody(call, name);
      if (!body) return undefined;
      const chain = responseChain(object);
      if (!chain) return undefined;
      // restify's `res.send(500, body)`: a status given first.
      const leading = body === call.arguments[1] && name !== RESPONSE_RENDER_METHOD ? evaluateStatus(call.arguments[0]!) : undefined;
      const status = leading ?? chain.status ?? statementStatus(call, sourceCode.getText(chain.receiver));
      return { kind: 'response', label, bodies: [body], status };
    }

    /** `h.response(body).code(500)`: the status a chained `code()` or `status()` sets. */
    function chainedStatus(call: TSESTree.CallExpression): Status | undefined {
      const member = call.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== call) return undefined;
      const next = member.parent;
      const name = memberName(member);
      return next?.type === AST_NODE_TYPES.CallExpression && next.callee === member && (name === 'code' || name === 'status') && next.arguments[0] ? evaluateStatus(next.arguments[0]) : undefined;
    }

    function fixedStatus(value: number): Status {
      return { values: [value], unknown: false, node: undefined };
    }

    function newSink(node: TSESTree.NewExpression): Sink | undefined {
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier || node.arguments.length === 0) return undefined;
      const label = `\`new ${callee.name}()\``;
      const klass = responses.responseClass(callee);
      if (klass) return { kind: 'response', label: `\`new ${klass}()\``, bodies: [node.arguments[0]!], status: initStatus(node.arguments[1]) };
      const origin = modules.resolve(callee);
      if (origin?.module === NEST_MODULE) {
        const imported = origin.path.slice(1);
        const fixed = NEST_SERVER_EXCEPTIONS.get(imported);
        if (fixed !== undefined) return { kind: 'exception', label, bodies: [node.arguments[0]!], status: fixedStatus(fixed) };
        if (imported === NEST_HTTP_EXCEPTION && node.arguments[1]) {
          return { kind: 'exception', label, bodies: [node.arguments[0]!], status: evaluateStatus(node.arguments[1]) };
        }
        return undefined;
      }
      if (origin?.module === HONO_HTTP_EXCEPTION.module && origin.path === `.${HONO_HTTP_EXCEPTION.name}`) {
        const settings = node.arguments[1] && unwrap(node.arguments[1]);
        const message =
          settings?.type === AST_NODE_TYPES.ObjectExpression
            ? settings.properties.find(
                (property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && keyName(property) === 'message',
              )
            : undefined;
        return message ? { kind: 'exception', label, bodies: [message.value], status: evaluateStatus(node.arguments[0]!) } : undefined;
      }
      return undefined;
    }

    /** Koa: `ctx.body = value`, `ctx.response.body = value`. */
    function assignmentSink(node: TSESTree.AssignmentExpression): Sink | undefined {
      if (node.operator !== '=' || node.left.type !== AST_NODE_TYPES.MemberExpression || memberName(node.left) !== 'body') return undefined;
      let target = unwrap(node.left.object);
      if (target.type === AST_NODE_TYPES.MemberExpression && memberName(target) === 'response') target = unwrap(target.object);
      if (target.type !== AST_NODE_TYPES.Identifier || !KOA_CONTEXT_NAMES.has(target.name)) return undefined;
      return { kind: 'response', label: code(node.left), bodies: [node.right], status: statementStatus(node, target.name) };
    }

    function importedFrom(node: TSESTree.Node, moduleName: string): boolean {
      return modules.resolve(node)?.module === moduleName;
    }

    /** The NestJS route decorators of a method: `@Get()`, with `@HttpCode(n)` if any. */
    function nestRoute(fn: FunctionNode): { name: string; status: Status | undefined } | undefined {
      const method = fn.parent;
      if (method?.type !== AST_NODE_TYPES.MethodDefinition) return undefined;
      let route = false;
      let status: Status | undefined;
      for (const decorator of method.decorators) {
        const expression = decorator.expression;
        const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
        if (callee.type !== AST_NODE_TYPES.Identifier || !importedFrom(callee, NEST_MODULE)) continue;
        if (NEST_ROUTE_DECORATORS.has(callee.name)) route = true;
        if (callee.name === 'HttpCode' && expression.type === AST_NODE_TYPES.CallExpression && expression.arguments[0]) status = evaluateStatus(expression.arguments[0]);
      }
      return route ? { name: keyName(method) ?? 'handler', status } : undefined;
    }

    function returnSink(body: TSESTree.Node, fn: FunctionNode): Sink | undefined {
      const nest = nestRoute(fn);
      if (nest) return { kind: 'response', label: `the return value of the NestJS route \`${nest.name}()\``, bodies: [body], status: nest.status };
      const framework = collected.returnedBodyFramework(fn);
      if (!framework) return undefined;
      const reply = parameterName(fn.params[1]);
      return { kind: 'response', label: `the return value of the ${framework.label} route handler`, bodies: [body], status: reply ? statementStatus(body, reply) : undefined };
    }

    function sinkOf(node: TSESTree.Node): Sink | undefined {
      switch (node.type) {
        case AST_NODE_TYPES.CallExpression:
          return callSink(node);
        case AST_NODE_TYPES.NewExpression:
          return newSink(node);
        case AST_NODE_TYPES.AssignmentExpression:
          return assignmentSink(node);
        case AST_NODE_TYPES.ReturnStatement: {
          const fn = enclosingFunction(node);
          return fn && node.argument ? returnSink(node.argument, fn) : undefined;
        }
        default:
          return undefined;
      }
    }

    /** A callee or target as code for a message, on one line. */
    function code(node: TSESTree.Node): string {
      // Lines joined without their indentation; split and trim keep this linear on any input.
      const text = sourceCode.getText(node).split('\n').map((line) => line.trim()).join('');
      return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\``;
    }

    // ---------------------------------------------------------------------------------------
    // Libraries that answer with the error (src/catalog/error-responders.ts)
    // ---------------------------------------------------------------------------------------

    /** Calls and constructions, checked against the catalog once the file is read (Fastify's import may come later). */
    const libraryCalls: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];

    /** The object literal an argument is, directly or through a `const` (`const options = { debug: true }`). */
    function objectLiteral(argument: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined {
      const inner = argument && unwrap(argument);
      if (inner?.type === AST_NODE_TYPES.ObjectExpression) return inner;
      if (inner?.type !== AST_NODE_TYPES.Identifier) return undefined;
      const definition = findVariable(sourceCode, inner)?.defs[0];
      const init = definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.parent.kind === 'const' ? definition.node.init : null;
      return init && unwrap(init).type === AST_NODE_TYPES.ObjectExpression ? (unwrap(init) as TSESTree.ObjectExpression) : undefined;
    }

    /** An option's value, `null` when a spread may set it, undefined when absent. */
    function optionOf(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | null | undefined {
      let found: TSESTree.Node | null | undefined;
      for (const property of object.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) found = null;
        else if (keyName(property) === key) found = property.value;
      }
      return found;
    }

    /** Whether an option's value is one of `values`: written so, or a constant that is; a development-only value is not. */
    function holdsOneOf(value: TSESTree.Node, values: readonly (boolean | string)[]): boolean {
      if (allowDevelopment && proves(value, true, developmentAtom)) return false;
      const atoms = flow.valueOf(value);
      return atoms.length > 0 && atoms.every((atom) => atom.kind === 'const' && values.includes(atom.value as boolean | string));
    }

    function checkMiddleware(node: TSESTree.CallExpression | TSESTree.NewExpression, middleware: ErrorMiddleware, optionsIndex: number): void {
      const { when } = middleware;
      if (when === 'outside-production') return;
      const argument = node.arguments[optionsIndex];
      const options = objectLiteral(argument);
      // Options we cannot read may turn it off or replace what it sends.
      if (argument && !options && (middleware.replacedBy || when !== 'always')) return;
      if (options && middleware.replacedBy?.some((key) => optionOf(options, key) !== undefined)) return;
      let how = '';
      if (when !== 'always') {
        const value = options && optionOf(options, when.option);
        if (!value || !holdsOneOf(value, when.values)) return;
        how = ` (\`${when.option}: ${shortSource(sourceCode, value)}\`)`;
      }
      if (allowDevelopment && guarded(node, developmentAtom)) return;
      context.report({
        node,
        messageId: 'exposingHandler',
        data: {
          call: `${sourceCode.getText(node.callee).replace(/\s+/gu, '')}()`,
          library: middleware.label,
          what: middleware.exposes === 'stack' ? 'the stack trace and message' : 'the message',
          how,
        },
      });
    }

    function isStatusArgument(argument: TSESTree.Node): boolean {
      return evaluateStatus(argument).values.length > 0 || isStatusLike(argument);
    }

    /** The status an error class call answers with. */
    function callStatus(args: readonly TSESTree.Node[], call: ErrorCall): Status {
      const { status } = call;
      if (typeof status === 'number') return fixedStatus(status);
      if (status === 'arguments') {
        const argument = args.find(isStatusArgument);
        return argument ? evaluateStatus(argument) : fixedStatus(500);
      }
      const argument = args[status.argument];
      if (!argument) return fixedStatus(status.default);
      if (!('option' in status)) return evaluateStatus(argument);
      const options = objectLiteral(argument);
      const value = options && optionOf(options, status.option);
      if (value === undefined && options) return fixedStatus(status.default);
      return value ? evaluateStatus(value) : { values: [], unknown: true, node: argument };
    }

    function checkErrorCall(node: TSESTree.CallExpression | TSESTree.NewExpression, library: ErrorClassLibrary, call: ErrorCall): void {
      const args = node.arguments.slice(call.from ?? 0);
      const props = call.message === 'arguments' ? args.find((argument) => unwrap(argument).type === AST_NODE_TYPES.ObjectExpression) : undefined;
      const exposed = props && objectLiteral(props) ? optionOf(objectLiteral(props)!, 'expose') : undefined;
      // http-errors hides a 5xx message unless `expose: true`; Fastify's error handler sends it anyway.
      if (library.policy === 'exposed-only' && !collected.importsFramework('Fastify') && !(exposed && holdsOneOf(exposed, [true]))) return;
      let status = callStatus(args, call);
      // Boom replaces the message of a 500, not of the other 5xx.
      if (library.policy === 'hidden-at-500') status = { ...status, values: status.values.filter((value) => value !== 500) };
      const bodies =
        call.message === 'arguments'
          ? args.filter((argument) => argument !== props && argument.type !== AST_NODE_TYPES.SpreadElement && !isStatusArgument(argument))
          : [args[call.message]].filter((argument) => argument !== undefined);
      const label = `\`${node.type === AST_NODE_TYPES.NewExpression ? 'new ' : ''}${sourceCode.getText(node.callee).replace(/\s+/gu, '')}()\``;
      check({ kind: 'exception', label, bodies, status, rawError: library.errorIsCause ? 'cause' : 'message' });
    }

    /** The module path a call's callee has, without the `.default` of a compiled default import. */
    function libraryPath(callee: TSESTree.Node): { module: string; path: string } | undefined {
      const origin = modules.resolve(callee);
      if (!origin) return undefined;
      return { module: origin.module, path: origin.path.startsWith('.default') ? origin.path.slice('.default'.length) : origin.path };
    }

    function isFrameworkReceiver(receiver: TSESTree.Node, library: ErrorClassLibrary): boolean {
      const inner = unwrap(receiver);
      if (library.receivers === 'koa-context') return inner.type === AST_NODE_TYPES.Identifier && KOA_CONTEXT_NAMES.has(inner.name);
      return referenceName(inner) === 'httpErrors' || responses.isResponseObject(inner);
    }

    function checkLibraryCall(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const origin = libraryPath(node.callee);
      if (origin) {
        for (const middleware of ERROR_MIDDLEWARE) {
          const call = middleware.modules.includes(origin.module) ? middleware.calls.find((candidate) => candidate.path === origin.path) : undefined;
          if (call) return checkMiddleware(node, middleware, call.options);
        }
        for (const library of ERROR_CLASS_LIBRARIES) {
          const call = library.modules.includes(origin.module) ? library.calls.find((candidate) => candidate.call === origin.path) : undefined;
          if (call) return checkErrorCall(node, library, call);
        }
      }
      const { object, name } = calleeParts(node);
      const method = name !== undefined ? FRAMEWORK_ERROR_METHODS.get(name) : undefined;
      if (object && method && isFrameworkReceiver(object, method.library)) checkErrorCall(node, method.library, method.call);
    }

    // ---------------------------------------------------------------------------------------
    // Reporting
    // ---------------------------------------------------------------------------------------

    function describe(exposure: Exposure): string {
      const from = exposure.from === undefined ? '' : ` (read in \`${exposure.from}\`)`;
      switch (exposure.kind) {
        case 'stack':
          return `the stack trace of \`${exposure.error}\`${from}`;
        case 'raw':
          return `the raw error object \`${exposure.error}\`${from}`;
        case 'text':
          return `the text of \`${exposure.error}\` (with its message)${from}`;
        default:
          return `the message of \`${exposure.error}\`${from}`;
      }
    }

    function statusLabel(status: Status | undefined, exception: boolean): string {
      if (!status) return 'the default status';
      const exact = !status.unknown && status.values.length === 1 ? String(status.values[0]) : undefined;
      const shown = exact ?? `\`${shortSource(sourceCode, status.node!)}\``;
      return exception ? shown : `status ${shown}`;
    }

    /** 5xx or left at the default: reported. An explicit status below 500, or one we cannot read, is not. */
    function reportable(status: Status | undefined): boolean {
      if (!status) return true;
      return status.values.some((value) => value >= 500);
    }

    /** The values a body is made of, through object and array literals. */
    function leaves(node: TSESTree.Node, depth = 0): TSESTree.Node[] {
      const inner = unwrap(node);
      if (depth > MAX_DEPTH) return [];
      if (inner.type === AST_NODE_TYPES.ObjectExpression) {
        return inner.properties.flatMap((property) =>
          property.type === AST_NODE_TYPES.SpreadElement ? [property.argument] : leaves(property.value, depth + 1),
        );
      }
      if (inner.type === AST_NODE_TYPES.ArrayExpression) {
        return inner.elements.flatMap((element) => (!element ? [] : element.type === AST_NODE_TYPES.SpreadElement ? [element.argument] : leaves(element, depth + 1)));
      }
      return [node];
    }

    function suggestion(leaf: TSESTree.Node, kind: ExposureKind): TSESLint.ReportSuggestionArray<MessageIds> {
      // A raw error or a local that holds one: the right rewrite is not a string in its place.
      if (kind === 'raw' || (unwrap(leaf).type === AST_NODE_TYPES.Identifier && !(leaf.parent?.type === AST_NODE_TYPES.Property && leaf.parent.shorthand))) return [];
      const parent = leaf.parent;
      if (parent?.type === AST_NODE_TYPES.Property && parent.value === leaf) {
        const fix = parent.shorthand
          ? (fixer: TSESLint.RuleFixer) => fixer.replaceText(parent, `${sourceCode.getText(parent.key)}: ${GENERIC_MESSAGE}`)
          : (fixer: TSESLint.RuleFixer) => fixer.replaceText(leaf, GENERIC_MESSAGE);
        return [{ messageId: 'useGenericMessage', fix }];
      }
      if ((parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments[0] === leaf) {
        return [{ messageId: 'useGenericMessage', fix: (fixer) => fixer.replaceText(leaf, GENERIC_MESSAGE) }];
      }
      if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === leaf) {
        return [{ messageId: 'useGenericMessage', fix: (fixer) => fixer.replaceText(leaf, GENERIC_MESSAGE) }];
      }
      return [];
    }

    function check(sink: Sink): void {
      if (!reportable(sink.status)) return;
      for (const body of sink.bodies) {
        for (const leaf of leaves(body)) {
          const exposed: Exposure[] = [];
          exposuresIn(flow.valueOf(leaf), exposed, false, 0);
          const found = exposed
            .filter((exposure) => exposure.kind !== 'raw' || sink.rawError !== 'cause')
            .map((exposure) => (exposure.kind === 'raw' && sink.rawError === 'message' ? { ...exposure, kind: 'message' as const } : exposure))
            .filter((exposure) => !excused(exposure, leaf));
          if (found.length === 0) continue;
          const worst = found.reduce((a, b) => (SEVERITY[b.kind] < SEVERITY[a.kind] ? b : a));
          context.report({
            node: leaf,
            messageId: sink.kind === 'exception' ? 'errorInException' : 'errorInResponse',
            data: {
              value: shortSource(sourceCode, leaf),
              what: describe(worst),
              response: sink.label,
              status: statusLabel(sink.status, sink.kind === 'exception'),
            },
            suggest: suggestion(leaf, worst.kind),
          });
        }
      }
    }

    return {
      ...collected.listeners,
      ImportDeclaration(node) {
        collected.importDeclaration(node);
      },
      CallExpression(node) {
        collected.callExpression(node);
        libraryCalls.push(node);
      },
      NewExpression(node) {
        collected.listeners.NewExpression?.(node);
        libraryCalls.push(node);
      },
      'Program:exit'() {
        for (const call of libraryCalls) checkLibraryCall(call);
        for (const candidate of candidates) {
          const sink = sinkOf(candidate);
          if (sink) check(sink);
        }
        for (const arrow of arrowBodies) {
          const sink = returnSink(arrow.body, arrow);
          if (sink) check(sink);
        }
      },
    };
  },
});


