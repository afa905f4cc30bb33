import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { memberName, requiredModule, unwrap } from './nodes.js';
import { findVariable } from './variables.js';

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.js', '/index.mjs'];

/** The file a relative module specifier names, as Node and bundlers resolve it (`./db.js` may be `db.ts`). */
export function resolveRelativeModule(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
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
