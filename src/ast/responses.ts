import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  CONTEXT_SEND_METHODS,
  HTTP_STATUS_NAMES,
  NEST_RESPONSE_GETTER,
  RESPONSE_CLASSES,
  RESPONSE_SEND_FUNCTIONS,
  RESPONSE_SEND_METHODS,
  RESPONSE_TYPES,
  RETURNED_BODY_FRAMEWORKS,
  SOCKET_EMIT_METHODS,
  STATUS_FIRST_SEND_METHODS,
  TOOLKIT_NAMES,
  TOOLKIT_SEND_METHODS,
  type ResponseSendFunction,
  type ReturnedBodyFramework,
} from '../catalog/responses.js';
import type { ModuleModel, OriginResolver } from './module-origin.js';
import { calleeParts, keyName, memberName, referenceName, requiredModule, staticName, unwrap, type FunctionNode } from './nodes.js';
import { findVariable, type Variable } from './variables.js';

/**
 * Recognises the objects a handler answers with: a response by name (`res`, `reply`) or by type
 * (`res: Response` from express), Nest's `host.switchToHttp().getResponse()`, and the response
 * classes (`NextResponse`, `Response`).
 */
export class ResponseObjects {
  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly modules: OriginResolver<ModuleModel>,
    private readonly names: ReadonlySet<string>,
    /** Further parameters that are responses whatever their name (an error handler's `res`). */
    private readonly isResponseParameter: (variable: Variable) => boolean = () => false,
  ) {}

  /** The module and export name of an imported type (`Response` from `express`). */
  typeImport(type: TSESTree.TypeNode | undefined): { module: string; name: string } | undefined {
    if (type?.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
    const definition = findVariable(this.sourceCode, type.typeName)?.defs[0];
    if (definition?.type !== 'ImportBinding' || definition.node.type !== AST_NODE_TYPES.ImportSpecifier) return undefined;
    const imported = definition.node.imported;
    return { module: (definition.node.parent as TSESTree.ImportDeclaration).source.value, name: imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value };
  }

  isResponseObject(node: TSESTree.Node): boolean {
    const inner = unwrap(node);
    const name = referenceName(inner);
    if (name !== undefined && this.names.has(name)) return true;
    if (inner.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(this.sourceCode, inner);
    const definition = variable?.defs[0];
    if (variable && definition?.type === 'Parameter') {
      const imported = this.typeImport((definition.name as TSESTree.Identifier).typeAnnotation?.typeAnnotation);
      if (imported && RESPONSE_TYPES.some((type) => type.module === imported.module && type.names.includes(imported.name))) return true;
      return this.isResponseParameter(variable);
    }
    if (definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
      const init = unwrap(definition.node.init);
      return init.type === AST_NODE_TYPES.CallExpression && calleeParts(init).name === NEST_RESPONSE_GETTER;
    }
    return false;
  }

  /** `NextResponse`, `Response` (the global or an import): the response class a callee names. */
  responseClass(node: TSESTree.Node): string | undefined {
    const inner = unwrap(node);
    if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
    for (const candidate of RESPONSE_CLASSES) {
      if (candidate.name !== inner.name) continue;
      if (candidate.module === undefined ? this.isGlobal(inner) : this.modules.resolve(inner)?.module === candidate.module) return candidate.name;
    }
    return undefined;
  }

  /** micro's `send(res, status, body)`, polka's `send(res, code, data)`, h3's `send(event, data)`: the module function a call makes, if it sends a body. */
  sendFunction(call: TSESTree.CallExpression): ResponseSendFunction | undefined {
    const origin = this.modules.resolve(call.callee);
    if (!origin) return undefined;
    const path = origin.path.replace(/^\.default(?=\.|$)/u, '');
    return RESPONSE_SEND_FUNCTIONS.find((candidate) => candidate.module === origin.module && candidate.path === path);
  }

  /** An identifier no declaration in the file binds (a global such as `Response`). */
  isGlobal(identifier: TSESTree.Identifier): boolean {
    const variable = findVariable(this.sourceCode, identifier);
    return !variable || variable.defs.length === 0;
  }
}

/**
 * Where a send method's body is: `res.send(body)`, or after a status given first
 * (`res.send(200, body)` of restify). Undefined when the call has no body there.
 */
export function sendMethodBody(call: TSESTree.CallExpression, name: string): TSESTree.Node | undefined {
  const position = RESPONSE_SEND_METHODS.get(name);
  if (position === undefined) return undefined;
  const [first, second] = call.arguments;
  const body = STATUS_FIRST_SEND_METHODS.has(name) && second && first && isStatusArgument(first) ? second : call.arguments[position];
  return body && body.type !== AST_NODE_TYPES.SpreadElement ? body : undefined;
}

/** A status written as a number or a named constant (`201`, `HttpStatus.CREATED`). */
function isStatusArgument(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Literal) return typeof inner.value === 'number';
  return inner.type === AST_NODE_TYPES.MemberExpression && HTTP_STATUS_NAMES.has(memberName(inner) ?? '');
}

/** hapi's `h.response(value)`: the value, when the call is on the response toolkit. */
export function toolkitBody(call: TSESTree.CallExpression): TSESTree.Node | undefined {
  const { object, name } = calleeParts(call);
  const position = name === undefined ? undefined : TOOLKIT_SEND_METHODS.get(name);
  const receiver = object && unwrap(object);
  if (position === undefined || receiver?.type !== AST_NODE_TYPES.Identifier || !TOOLKIT_NAMES.has(receiver.name)) return undefined;
  const body = call.arguments[position];
  return body && body.type !== AST_NODE_TYPES.SpreadElement ? body : undefined;
}

/**
 * Collects, during the traversal, the nodes that may send a response body: send calls, response
 * constructors, `ctx.body =` assignments, `return` values and arrow bodies (NestJS, Fastify, Next.js).
 */
export class ResponseCandidates {
  readonly candidates: TSESTree.Node[] = [];
  readonly arrowBodies: TSESTree.ArrowFunctionExpression[] = [];
  /** Frameworks the file imports whose handlers' return values are the response body. */
  private readonly frameworks = new Set<ReturnedBodyFramework>();
  /** The file imports a module whose functions send a body (`send` of micro). */
  private sendsWithFunctions = false;

  constructor(private readonly extraSendMethods: ReadonlySet<string> = new Set()) {}

  private imported(module: string): void {
    for (const framework of RETURNED_BODY_FRAMEWORKS) if (framework.modules.has(module)) this.frameworks.add(framework);
    if (RESPONSE_SEND_FUNCTIONS.some((fn) => fn.module === module)) this.sendsWithFunctions = true;
  }

  importDeclaration(node: TSESTree.ImportDeclaration): void {
    this.imported(node.source.value);
  }

  callExpression(node: TSESTree.CallExpression): void {
    const required = requiredModule(node);
    if (required !== undefined) this.imported(required);
    const { object, name } = calleeParts(node);
    if (name === undefined) return;
    if (RESPONSE_SEND_METHODS.has(name) || CONTEXT_SEND_METHODS.has(name) || TOOLKIT_SEND_METHODS.has(name) || SOCKET_EMIT_METHODS.has(name) || this.extraSendMethods.has(name)) this.candidates.push(node);
    else if (!object && this.sendsWithFunctions) this.candidates.push(node);
  }

  /** Whether the file imports the framework (by its label in RETURNED_BODY_FRAMEWORKS: `Fastify`). */
  importsFramework(label: string): boolean {
    return [...this.frameworks].some((framework) => framework.label === label);
  }

  /**
   * The framework whose handler the function is, when what it returns is the response body:
   * `fastify.get('/x', handler)`, `server.route({ handler })`, `defineEventHandler(handler)`,
   * `publicProcedure.query(handler)`, in a file that imports the framework.
   */
  returnedBodyFramework(fn: FunctionNode): ReturnedBodyFramework | undefined {
    if (this.frameworks.size === 0) return undefined;
    const parent = fn.parent;
    for (const framework of this.frameworks) {
      if (parent?.type === AST_NODE_TYPES.Property && framework.handlerOptions?.has(keyName(parent) ?? '')) return framework;
      if (parent?.type !== AST_NODE_TYPES.CallExpression) continue;
      const { object, name } = calleeParts(parent);
      if (name === undefined) continue;
      if (!object && parent.arguments[0] === fn && framework.wrappers?.has(name)) return framework;
      if (!object || parent.arguments.at(-1) !== fn) continue;
      if (framework.procedureMethods?.has(name)) return framework;
      if (framework.routeMethods?.has(name) && staticName(parent.arguments[0]) !== undefined) return framework;
    }
    return undefined;
  }

  /** The listeners that need nothing else from the rule. */
  readonly listeners: TSESLint.RuleListener = {
    NewExpression: (node) => {
      if (node.arguments.length > 0 && node.callee.type === AST_NODE_TYPES.Identifier) this.candidates.push(node);
    },
    AssignmentExpression: (node) => {
      if (node.left.type === AST_NODE_TYPES.MemberExpression && memberName(node.left) === 'body') this.candidates.push(node);
    },
    ReturnStatement: (node) => {
      if (node.argument) this.candidates.push(node);
    },
    ArrowFunctionExpression: (node) => {
      if (node.body.type !== AST_NODE_TYPES.BlockStatement) this.arrowBodies.push(node);
    },
  };
}
