import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { enclosingClass, isFunction, keyName, memberName, requiredModule, unwrap, type FunctionNode } from './nodes.js';
import { findVariable } from './variables.js';

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.js', '/index.mjs'];

/** How long a resolution is trusted: every file asks for the same few modules, and an editor adds files. */
const RESOLUTION_LIFETIME_MS = 30_000;
/** A specifier's absolute path, before extensions are tried, to the file it names (undefined: none exists). */
let resolutions = new Map<string, string | undefined>();
let resolutionsSince = 0;

/** The file a relative module specifier names, as Node and bundlers resolve it (`./db.js` may be `db.ts`). */
export function resolveRelativeModule(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  if (Date.now() - resolutionsSince > RESOLUTION_LIFETIME_MS) {
    resolutions = new Map();
    resolutionsSince = Date.now();
  }
  if (resolutions.has(base)) return resolutions.get(base);
  const found = existingModuleFile(base);
  resolutions.set(base, found);
  return found;
}

function existingModuleFile(base: string): string | undefined {
  for (const candidate of [base.replace(/\.[cm]?js$/u, ''), base]) {
    for (const extension of EXTENSIONS) {
      const path = candidate + extension;
      if (existsSync(path) && statSync(path).isFile()) return path;
    }
  }
  return undefined;
}

/**
 * A callee imported from a project file: `import { run } from './db'`, `import db from './db'` with
 * `db.run(...)`, `const { run } = require('./db')`. Returns the module specifier and export name.
 */
export function importedFunction(sourceCode: TSESLint.SourceCode, callee: TSESTree.Node): { specifier: string; name: string } | undefined {
  const inner = unwrap(callee);
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrap(inner.object);
    const name = memberName(inner);
    if (object.type !== AST_NODE_TYPES.Identifier || name === undefined) return undefined;
    const base = importedBinding(sourceCode, object);
    return base && base.name === '' ? { specifier: base.specifier, name } : undefined;
  }
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const binding = importedBinding(sourceCode, inner);
  return binding ? { specifier: binding.specifier, name: binding.name === '' ? 'default' : binding.name } : undefined;
}

/** What an identifier imports: `''` is the whole module (a default or namespace import, `require`). */
function importedBinding(sourceCode: TSESLint.SourceCode, identifier: TSESTree.Identifier): { specifier: string; name: string } | undefined {
  const definition = findVariable(sourceCode, identifier)?.defs[0];
  if (!definition) return undefined;
  if (definition.type === 'ImportBinding') {
    const node = definition.node;
    const declaration = node.parent;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
    const specifier = declaration.source.value;
    if (node.type === AST_NODE_TYPES.ImportSpecifier) {
      const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value;
      return { specifier, name: imported === 'default' ? 'default' : imported };
    }
    // A namespace import holds named exports; a default import of CommonJS is `module.exports`.
    return { specifier, name: '' };
  }
  if (definition.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return undefined;
  const specifier = requiredModule(unwrap(definition.node.init));
  if (specifier === undefined) return undefined;
  const { id } = definition.node;
  if (id.type === AST_NODE_TYPES.Identifier) return { specifier, name: '' };
  if (id.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of id.properties) {
      if (property.type === AST_NODE_TYPES.Property && property.value === definition.name && property.key.type === AST_NODE_TYPES.Identifier) {
        return { specifier, name: property.key.name };
      }
    }
  }
  return undefined;
}

/** The names under which a file exports each local function or variable (`export`, `module.exports`, `exports.x`). */
export function exportedNames(program: TSESTree.Program): Map<TSESTree.Node, string[]> {
  const byLocal = new Map<string, string[]>();
  const byNode = new Map<TSESTree.Node, string[]>();
  const add = (map: Map<string, string[]>, key: string, name: string) => map.set(key, [...(map.get(key) ?? []), name]);
  const addNode = (node: TSESTree.Node, name: string) => byNode.set(node, [...(byNode.get(node) ?? []), name]);
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) addNode(declaration, declaration.id.name);
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) addNode(unwrap(declarator.init), declarator.id.name);
        }
      }
      for (const specifier of statement.source ? [] : statement.specifiers) {
        if (specifier.local.type === AST_NODE_TYPES.Identifier) {
          add(byLocal, specifier.local.name, specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value);
        }
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const declaration = statement.declaration;
      if (declaration.type === AST_NODE_TYPES.Identifier) add(byLocal, declaration.name, 'default');
      else addNode(unwrap(declaration), 'default');
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const { left, right } = statement.expression;
      const target = left.type === AST_NODE_TYPES.MemberExpression ? left : undefined;
      const targetText = target && target.object.type === AST_NODE_TYPES.Identifier ? target.object.name : target && target.object.type === AST_NODE_TYPES.MemberExpression ? 'module.exports' : undefined;
      const value = unwrap(right);
      if (target && target.object.type === AST_NODE_TYPES.Identifier && target.object.name === 'module' && memberName(target) === 'exports') {
        if (value.type === AST_NODE_TYPES.ObjectExpression) {
          for (const property of value.properties) {
            if (property.type !== AST_NODE_TYPES.Property || property.key.type !== AST_NODE_TYPES.Identifier) continue;
            const propertyValue = unwrap(property.value);
            if (propertyValue.type === AST_NODE_TYPES.Identifier) add(byLocal, propertyValue.name, property.key.name);
            else addNode(propertyValue, property.key.name);
          }
        } else if (value.type === AST_NODE_TYPES.Identifier) {
          add(byLocal, value.name, 'default');
        } else {
          addNode(value, 'default');
        }
      } else if (target && (targetText === 'exports' || targetText === 'module.exports')) {
        const name = memberName(target);
        if (name === undefined) continue;
        if (value.type === AST_NODE_TYPES.Identifier) add(byLocal, value.name, name);
        else addNode(value, name);
      }
    }
  }
  // `module.exports = actions` with `const actions = { list: listProducts }`: its keys are named exports.
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init && unwrap(declarator.init);
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || init?.type !== AST_NODE_TYPES.ObjectExpression || !byLocal.get(declarator.id.name)?.includes('default')) continue;
      for (const property of init.properties) {
        const key = property.type === AST_NODE_TYPES.Property && !property.computed ? keyName(property) : undefined;
        if (key === undefined || property.type !== AST_NODE_TYPES.Property) continue;
        const propertyValue = unwrap(property.value);
        if (propertyValue.type === AST_NODE_TYPES.Identifier) add(byLocal, propertyValue.name, key);
        else addNode(propertyValue, key);
      }
    }
  }
  // Locals exported by name: find their function.
  for (const statement of program.body) {
    const declarations =
      statement.type === AST_NODE_TYPES.VariableDeclaration ? statement.declarations : statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration ? statement.declaration.declarations : [];
    for (const declarator of declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) for (const name of byLocal.get(declarator.id.name) ?? []) addNode(unwrap(declarator.init), name);
    }
    const fn = statement.type === AST_NODE_TYPES.FunctionDeclaration ? statement : undefined;
    if (fn?.id) for (const name of byLocal.get(fn.id.name) ?? []) addNode(fn, name);
  }
  return byNode;
}

/**
 * The methods of the classes a file exports, by the name an importer calls them through an
 * instance: `UsersService.findAll` (an injected or constructed `UsersService`), `default.findAll`
 * for a default-exported class, and plain `findAll` for an exported instance
 * (`module.exports = new UsersService()`).
 */
export function exportedMethods(program: TSESTree.Program): Map<FunctionNode, string[]> {
  const byFunction = new Map<FunctionNode, string[]>();
  const addClass = (body: TSESTree.ClassBody, prefix: string | undefined) => {
    for (const member of body.body) {
      if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
      if (member.static || (member.type === AST_NODE_TYPES.MethodDefinition && member.kind !== 'method')) continue;
      const name = keyName(member);
      const value = member.value && unwrap(member.value);
      if (name === undefined || !isFunction(value)) continue;
      byFunction.set(value, [...(byFunction.get(value) ?? []), prefix === undefined ? name : `${prefix}.${name}`]);
    }
  };
  const classes = new Map<string, TSESTree.ClassBody>();
  for (const statement of program.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.ClassDeclaration || !declaration.id) continue;
    classes.set(declaration.id.name, declaration.body);
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) addClass(declaration.body, declaration.id.name);
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) addClass(declaration.body, 'default');
  }
  for (const [node, names] of exportedNames(program)) {
    for (const name of names) {
      if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) addClass(node.body, name);
      // `export default new UsersService()`, `module.exports = new UsersService()`: its methods are the module's.
      const created = node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier ? classes.get(node.callee.name) : undefined;
      if (created && name === 'default') addClass(created, undefined);
    }
  }
  for (const statement of program.body) {
    // `export { UsersService }`, `module.exports = UsersService` for a class declared apart.
    if (statement.type !== AST_NODE_TYPES.ClassDeclaration || !statement.id) continue;
    for (const name of exportedLocalNames(program, statement.id.name)) addClass(statement.body, name);
  }
  return byFunction;
}

/** The names under which a file exports a local by name (`export { X }`, `export default X`, `module.exports = X`, `exports.y = X`). */
function exportedLocalNames(program: TSESTree.Program, local: string): string[] {
  const names: string[] = [];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && !statement.source) {
      for (const specifier of statement.specifiers) {
        if (specifier.local.type === AST_NODE_TYPES.Identifier && specifier.local.name === local) names.push(specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value);
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && statement.declaration.type === AST_NODE_TYPES.Identifier && statement.declaration.name === local) {
      names.push('default');
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const { left, right } = statement.expression;
      const value = unwrap(right);
      if (left.type !== AST_NODE_TYPES.MemberExpression) continue;
      const object = left.object;
      // `module.exports = { UsersController }`: exported under its key.
      if (value.type === AST_NODE_TYPES.ObjectExpression && object.type === AST_NODE_TYPES.Identifier && object.name === 'module' && memberName(left) === 'exports') {
        for (const property of value.properties) {
          if (property.type === AST_NODE_TYPES.Property && unwrap(property.value).type === AST_NODE_TYPES.Identifier && (unwrap(property.value) as TSESTree.Identifier).name === local) names.push(keyName(property) ?? '');
        }
        continue;
      }
      if (value.type !== AST_NODE_TYPES.Identifier || value.name !== local) continue;
      if (object.type === AST_NODE_TYPES.Identifier && object.name === 'module' && memberName(left) === 'exports') names.push('default');
      else if (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports') names.push(memberName(left) ?? '');
    }
  }
  return names.filter((name) => name !== '');
}

/**
 * A method called on an instance of a class a project file exports: `this.users.findAll()` with
 * `constructor(private readonly users: UsersService)` or a field typed or built as one, a local
 * `new UsersService()`, a parameter typed `UsersService`. The name is `UsersService.findAll` (or
 * `default.findAll` for a default import), as `exportedMethods` names it.
 */
export function importedMethod(sourceCode: TSESLint.SourceCode, callee: TSESTree.Node): { specifier: string; name: string } | undefined {
  const inner = unwrap(callee);
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = memberName(inner);
  const owner = method === undefined ? undefined : instanceClass(sourceCode, unwrap(inner.object));
  return owner && method !== undefined ? { specifier: owner.specifier, name: `${owner.name}.${method}` } : undefined;
}

/** The class a class extends: one this file declares, or an imported one. */
export type BaseClass = { readonly body: TSESTree.ClassBody } | { readonly specifier: string; readonly name: string };

export function baseClassOf(sourceCode: TSESLint.SourceCode, body: TSESTree.ClassBody): BaseClass | undefined {
  const superClass = body.parent.superClass && unwrap(body.parent.superClass);
  if (superClass?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const declared = findVariable(sourceCode, superClass)?.defs[0]?.node;
  if (declared?.type === AST_NODE_TYPES.ClassDeclaration) return { body: declared.body };
  return importedClass(sourceCode, superClass);
}

/**
 * The class whose method `super.create()` runs, or `this.process()` where the enclosing class
 * declares no `process`: the class the enclosing one extends.
 */
export function inheritingCall(callee: TSESTree.Node): { body: TSESTree.ClassBody; method: string } | undefined {
  const inner = unwrap(callee);
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const object = unwrap(inner.object);
  const method = memberName(inner);
  const body = method === undefined ? undefined : enclosingClass(inner);
  if (!body || (object.type !== AST_NODE_TYPES.Super && object.type !== AST_NODE_TYPES.ThisExpression)) return undefined;
  const declared = body.body.some((member) => (member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition) && keyName(member) === method);
  if (object.type === AST_NODE_TYPES.ThisExpression && declared) return undefined;
  return { body, method: method! };
}

/** The class a file declares under a name (`default`: its default export). */
export function declaredClass(program: TSESTree.Program, name: string): TSESTree.ClassBody | undefined {
  for (const statement of program.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.ClassDeclaration) continue;
    if (declaration.id?.name === name || (name === 'default' && statement.type === AST_NODE_TYPES.ExportDefaultDeclaration)) return declaration.body;
  }
  return undefined;
}

/** The imported class a value is an instance of. */
function instanceClass(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): { specifier: string; name: string } | undefined {
  if (node.type === AST_NODE_TYPES.NewExpression) return importedClass(sourceCode, node.callee);
  if (node.type === AST_NODE_TYPES.MemberExpression && unwrap(node.object).type === AST_NODE_TYPES.ThisExpression) {
    const name = memberName(node);
    const body = enclosingClass(node);
    if (name === undefined || !body) return undefined;
    for (const member of body.body) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition && keyName(member) === name) {
        const value = member.value && unwrap(member.value);
        return importedType(sourceCode, member.typeAnnotation?.typeAnnotation) ?? (value?.type === AST_NODE_TYPES.NewExpression ? importedClass(sourceCode, value.callee) : undefined);
      }
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
        for (const param of member.value.params) {
          const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : undefined;
          const target = inner?.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
          if (target?.type === AST_NODE_TYPES.Identifier && target.name === name) return importedType(sourceCode, target.typeAnnotation?.typeAnnotation);
        }
      }
    }
    return undefined;
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const definition = findVariable(sourceCode, node)?.defs[0];
  if (definition?.type === 'Parameter') return importedType(sourceCode, (definition.name as TSESTree.Identifier).typeAnnotation?.typeAnnotation);
  if (definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
    const init = unwrap(definition.node.init);
    return init.type === AST_NODE_TYPES.NewExpression ? importedClass(sourceCode, init.callee) : importedType(sourceCode, definition.node.id.typeAnnotation?.typeAnnotation);
  }
  return undefined;
}

function importedType(sourceCode: TSESLint.SourceCode, type: TSESTree.TypeNode | undefined): { specifier: string; name: string } | undefined {
  return type?.type === AST_NODE_TYPES.TSTypeReference ? importedClass(sourceCode, type.typeName) : undefined;
}

/** A class imported by name (`import { UsersService } from './users.service'`), a default import, or `require`d. */
function importedClass(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): { specifier: string; name: string } | undefined {
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const binding = importedBinding(sourceCode, node);
  return binding && { specifier: binding.specifier, name: binding.name === '' ? 'default' : binding.name };
}
