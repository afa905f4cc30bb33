import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, enclosingClass, isFunction, keyName, memberName, requiredModule, unwrap } from './nodes.js';
import { findVariable, parameterOf, writesOf } from './variables.js';

/** What the catalog knows of a module's values (an SQL driver, a logging library). */
export interface ModuleModel {
  readonly factories: readonly string[];
  readonly moduleAliases?: readonly string[];
  readonly derivedInstances?: readonly string[];
  readonly chainable?: boolean;
  readonly callbackInstances?: readonly string[];
}

/**
 * Where a value comes from: a module, and the property reads and calls applied to it
 * (`.Pool()` for `new Pool()`). `instance` says the value is one the model describes.
 */
export interface Origin<Model extends ModuleModel> {
  readonly module: string;
  readonly model: Model | undefined;
  readonly path: string;
  readonly instance: boolean;
}

const MAX_DEPTH = 12;
const MAX_PATH = 80;

/** No catalog: the resolver says which module a value comes from and by which path, nothing more. */
export const NO_MODEL = (): undefined => undefined;

const resolversByFile = new WeakMap<TSESTree.Program, Map<(moduleName: string) => ModuleModel | undefined, OriginResolver<ModuleModel>>>();

/**
 * The file's resolver for one catalog's models (or none), made once per file and model: every rule
 * linting the file, and the value-flow engine, share what it worked out.
 */
export function originResolver<Model extends ModuleModel = ModuleModel>(
  sourceCode: TSESLint.SourceCode,
  modelFor: (moduleName: string) => Model | undefined = NO_MODEL,
): OriginResolver<Model> {
  let resolvers = resolversByFile.get(sourceCode.ast);
  if (!resolvers) resolversByFile.set(sourceCode.ast, (resolvers = new Map()));
  let resolver = resolvers.get(modelFor);
  if (!resolver) resolvers.set(modelFor, (resolver = new OriginResolver<Model>(sourceCode, modelFor)));
  return resolver as OriginResolver<Model>;
}

const namedModules = new WeakMap<TSESTree.Program, Map<ReadonlySet<string>, boolean>>();

/**
 * Whether the file's text names one of these modules. A value's origin is always a module the
 * file imports or requires by a literal name, so a file that names none of a catalog's modules
 * needs none of its calls resolved.
 */
export function namesAnyModule(sourceCode: TSESLint.SourceCode, modules: ReadonlySet<string>): boolean {
  let answers = namedModules.get(sourceCode.ast);
  if (!answers) namedModules.set(sourceCode.ast, (answers = new Map()));
  let answer = answers.get(modules);
  if (answer === undefined) {
    answer = [...modules].some((module) => sourceCode.text.includes(module));
    answers.set(modules, answer);
  }
  return answer;
}

/** Resolves values to the module they come from, through imports, requires, locals and `this`. */
export class OriginResolver<Model extends ModuleModel> {
  private readonly cache = new Map<TSESTree.Node, Origin<Model> | null>();

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly modelFor: (moduleName: string) => Model | undefined,
  ) {}

  resolve(node: TSESTree.Node, depth = 0): Origin<Model> | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const cached = this.cache.get(node);
    if (cached !== undefined) return cached ?? undefined;
    this.cache.set(node, null);
    const origin = this.compute(unwrap(node), depth + 1);
    this.cache.set(node, origin ?? null);
    return origin;
  }

  private root(moduleName: string, path = ''): Origin<Model> {
    const model = this.modelFor(moduleName);
    return { module: moduleName, model, path, instance: model?.factories.includes(path) ?? false };
  }

  /**
   * One property read (`.name`) or call (`()`) further. Module paths grow until they reach a
   * factory; an instance's derived members (`pool.connect()`, `dataSource.manager`) stay instances.
   */
  private step(origin: Origin<Model> | undefined, segment: string): Origin<Model> | undefined {
    if (!origin) return undefined;
    const { model } = origin;
    const path = origin.path.startsWith('#') ? undefined : origin.path + segment;
    if (path !== undefined && model?.factories.includes(path)) return { ...origin, path, instance: true };
    if (path !== undefined && model?.moduleAliases?.includes(path)) return { ...origin, path: '', instance: model.factories.includes('') };
    if (origin.instance) {
      const name = segment.startsWith('.') ? segment.slice(1) : undefined;
      if (name !== undefined && model?.derivedInstances?.includes(name)) return { ...origin, path: `#${name}` };
      if (segment === '()' && model?.chainable) return { ...origin, path: '#()' };
    }
    if (path === undefined || path.length > MAX_PATH) return undefined;
    return { ...origin, path, instance: false };
  }

  private instanceOf(origin: Origin<Model> | undefined, how: string): Origin<Model> | undefined {
    return origin?.model ? { ...origin, path: `#${how}`, instance: true } : undefined;
  }

  private compute(node: TSESTree.Node, depth: number): Origin<Model> | undefined {
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.fromIdentifier(node, depth);
      case AST_NODE_TYPES.MemberExpression: {
        const name = memberName(node);
        if (name === undefined) return undefined;
        if (node.object.type === AST_NODE_TYPES.ThisExpression) return this.fromThisMember(node, name, depth);
        return this.step(this.resolve(node.object, depth), `.${name}`);
      }
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        const required = node.type === AST_NODE_TYPES.CallExpression ? requiredModule(node) : undefined;
        if (required !== undefined) return this.root(required);
        const { object, name, callee } = calleeParts(node);
        if (object && name !== undefined) {
          const receiver = this.resolve(object, depth);
          if (receiver?.instance && (receiver.model?.derivedInstances?.includes(name) || receiver.model?.chainable)) {
            return { ...receiver, path: `#${name}` };
          }
          return this.step(this.step(receiver, `.${name}`), '()');
        }
        return this.step(this.resolve(callee, depth), '()');
      }
      case AST_NODE_TYPES.ImportExpression:
        return node.source.type === AST_NODE_TYPES.Literal && typeof node.source.value === 'string'
          ? this.root(node.source.value)
          : undefined;
      case AST_NODE_TYPES.LogicalExpression:
        return this.resolve(node.left, depth) ?? this.resolve(node.right, depth);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.resolve(node.consequent, depth) ?? this.resolve(node.alternate, depth);
      default:
        return undefined;
    }
  }

  private fromIdentifier(node: TSESTree.Identifier, depth: number): Origin<Model> | undefined {
    const variable = findVariable(this.sourceCode, node);
    const definition = variable?.defs[0];
    if (!variable || !definition) return undefined;
    switch (definition.type) {
      case 'ImportBinding':
        return this.fromImport(definition.node);
      case 'Variable': {
        for (const write of writesOf(variable)) {
          let origin = this.resolve(write.value, depth);
          for (const key of write.path) origin = this.step(origin, key === '[]' ? '.[]' : `.${key}`);
          if (origin) return origin;
        }
        return undefined;
      }
      case 'Parameter':
        return this.fromParameter(variable, depth);
      default:
        return undefined;
    }
  }

  private fromImport(node: TSESTree.Node): Origin<Model> | undefined {
    if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const reference = node.moduleReference;
      return reference.type === AST_NODE_TYPES.TSExternalModuleReference &&
        reference.expression.type === AST_NODE_TYPES.Literal &&
        typeof reference.expression.value === 'string'
        ? this.root(reference.expression.value)
        : undefined;
    }
    const declaration = node.parent;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
    const moduleName = declaration.source.value;
    if (node.type === AST_NODE_TYPES.ImportSpecifier) {
      const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value;
      return this.root(moduleName, imported === 'default' ? '' : `.${imported}`);
    }
    return this.root(moduleName);
  }

  private fromParameter(variable: NonNullable<ReturnType<typeof findVariable>>, depth: number): Origin<Model> | undefined {
    const parameter = parameterOf(variable);
    if (!parameter) return undefined;
    const { fn, name } = parameter;
    const typed = this.fromType(name.typeAnnotation?.typeAnnotation);
    if (typed) return typed;
    const param = fn.params[parameter.index];
    if (param?.type === AST_NODE_TYPES.AssignmentPattern && param.left === name) return this.resolve(param.right, depth);
    // A callback handed to a driver (`knex.transaction(trx => ...)`) receives an instance.
    const call = fn.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
      const { object, name: method } = calleeParts(call);
      if (object && method !== undefined) {
        const receiver = this.resolve(object, depth);
        if (receiver?.instance && receiver.model?.callbackInstances?.includes(method)) {
          return { ...receiver, path: `#${method}`, instance: true };
        }
      }
    }
    return undefined;
  }

  /** A value typed with a type the module exports is an instance of that module's API. */
  fromType(type: TSESTree.TypeNode | undefined): Origin<Model> | undefined {
    if (!type) return undefined;
    if (type.type === AST_NODE_TYPES.TSUnionType || type.type === AST_NODE_TYPES.TSIntersectionType) {
      for (const member of type.types) {
        const origin = this.fromType(member);
        if (origin) return origin;
      }
      return undefined;
    }
    if (type.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
    let name: TSESTree.EntityName = type.typeName;
    while (name.type === AST_NODE_TYPES.TSQualifiedName) name = name.left;
    if (name.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(this.sourceCode, name);
    const definition = variable?.defs[0];
    if (definition?.type !== 'ImportBinding') return undefined;
    return this.instanceOf(this.fromImport(definition.node), 'typed');
  }

  private fromThisMember(node: TSESTree.MemberExpression, name: string, depth: number): Origin<Model> | undefined {
    const body = enclosingClass(node);
    if (!body) return undefined;
    for (const member of body.body) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition && keyName(member) === name) {
        const origin = this.fromType(member.typeAnnotation?.typeAnnotation) ?? (member.value ? this.resolve(member.value, depth) : undefined);
        if (origin) return origin;
      }
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
        for (const param of member.value.params) {
          if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
          const inner = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
          if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) {
            const origin = this.fromType(inner.typeAnnotation?.typeAnnotation);
            if (origin) return origin;
          }
        }
      }
    }
    return this.fromThisAssignment(body, name, depth);
  }

  /** `this.pool = new Pool()` in a constructor or method of the class. */
  private fromThisAssignment(body: TSESTree.ClassBody, name: string, depth: number): Origin<Model> | undefined {
    for (const member of body.body) {
      if (member.type !== AST_NODE_TYPES.MethodDefinition || !isFunction(member.value)) continue;
      for (const statement of member.value.body?.body ?? []) {
        if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
        const expression = statement.expression;
        if (
          expression.type === AST_NODE_TYPES.AssignmentExpression &&
          expression.left.type === AST_NODE_TYPES.MemberExpression &&
          expression.left.object.type === AST_NODE_TYPES.ThisExpression &&
          memberName(expression.left) === name
        ) {
          const origin = this.resolve(expression.right, depth);
          if (origin) return origin;
        }
      }
    }
    return undefined;
  }
}

/** A module path without the `.default` that compiled ESM adds (`.default.sign` is `.sign`). */
export function withoutDefault(path: string): string {
  if (path === '.default') return '';
  return path.startsWith('.default.') || path.startsWith('.default(') ? path.slice('.default'.length) : path;
}
