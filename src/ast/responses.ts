import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { CONTEXT_SEND_METHODS, FASTIFY_MODULES, NEST_RESPONSE_GETTER, RESPONSE_CLASSES, RESPONSE_SEND_METHODS, RESPONSE_TYPES } from '../catalog/responses.js';
import type { ModuleModel, OriginResolver } from './module-origin.js';
import { calleeParts, memberName, referenceName, requiredModule, unwrap } from './nodes.js';
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

  /** An identifier no declaration in the file binds (a global such as `Response`). */
  isGlobal(identifier: TSESTree.Identifier): boolean {
    const variable = findVariable(this.sourceCode, identifier);
    return !variable || variable.defs.length === 0;
  }
}

/**
 * Collects, during the traversal, the nodes that may send a response body: send calls, response
 * constructors, `ctx.body =` assignments, `return` values and arrow bodies (NestJS, Fastify, Next.js).
 */
export class ResponseCandidates {
  readonly candidates: TSESTree.Node[] = [];
  readonly arrowBodies: TSESTree.ArrowFunctionExpression[] = [];
  /** The file uses Fastify, where a route handler's return value is the response body. */
  usesFastify = false;

  constructor(private readonly extraSendMethods: ReadonlySet<string> = new Set()) {}

  importDeclaration(node: TSESTree.ImportDeclaration): void {
    if (FASTIFY_MODULES.has(node.source.value)) this.usesFastify = true;
  }

  callExpression(node: TSESTree.CallExpression): void {
    const required = requiredModule(node);
    if (required !== undefined && FASTIFY_MODULES.has(required)) this.usesFastify = true;
    const { name } = calleeParts(node);
    if (name !== undefined && (RESPONSE_SEND_METHODS.has(name) || CONTEXT_SEND_METHODS.has(name) || this.extraSendMethods.has(name))) this.candidates.push(node);
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
