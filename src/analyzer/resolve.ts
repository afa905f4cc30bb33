import { existsSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { Node, SyntaxKind } from './ts-morph.js';
import type { Project, SourceFile } from 'ts-morph';

/** A value that comes from a package: `express` itself, or `Router` imported from it. */
export interface PackageOrigin {
  readonly module: string;
  /** `''` for the module (default or namespace import, `require`), else the export name path (`Router`, `NestFactory.create`). */
  readonly path: string;
}

const MAX_DEPTH = 10;
const RESOLVE_EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js', '/index.mjs'];

/** Strips parentheses, type assertions, `await` and `!`. */
export function unwrapExpression(node: Node): Node {
  let current = node;
  for (;;) {
    if (
      Node.isParenthesizedExpression(current) ||
      Node.isAsExpression(current) ||
      Node.isSatisfiesExpression(current) ||
      Node.isNonNullExpression(current) ||
      Node.isAwaitExpression(current) ||
      Node.isTypeAssertion(current)
    ) {
      current = current.getExpression();
    } else {
      return current;
    }
  }
}

export function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

/** The source file a relative specifier names, trying the extensions Node and bundlers try. */
export function resolveModuleFile(project: Project, from: SourceFile, specifier: string): SourceFile | undefined {
  if (!isRelative(specifier)) return undefined;
  const base = resolvePath(dirname(from.getFilePath()), specifier);
  const candidates = [base.replace(/\.[cm]?js$/u, ''), base];
  for (const candidate of candidates) {
    for (const extension of RESOLVE_EXTENSIONS) {
      const file = project.getSourceFile(candidate + extension);
      if (file) return file;
    }
  }
  return existsSync(base) ? project.getSourceFile(base) : undefined;
}

export function requiredSpecifier(node: Node): string | undefined {
  if (!Node.isCallExpression(node)) return undefined;
  const callee = node.getExpression();
  const [argument] = node.getArguments();
  if (!Node.isIdentifier(callee) || callee.getText() !== 'require' || !argument || !Node.isStringLiteral(argument)) return undefined;
  return argument.getLiteralValue();
}

/** Resolves names and module boundaries to the expressions or declarations that define a value. */
export class ValueResolver {
  constructor(private readonly project: Project) {}

  /** The declaration an identifier refers to, without following imports. */
  declarationOf(identifier: Node): Node | undefined {
    const symbol = identifier.getSymbol();
    return symbol?.getDeclarations()[0];
  }

  /** The package a value comes from, if it comes from one. */
  packageOrigin(raw: Node, depth = 0): PackageOrigin | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const node = unwrapExpression(raw);
    if (Node.isIdentifier(node)) {
      const declaration = this.declarationOf(node);
      if (!declaration) return undefined;
      const imported = this.importOrigin(declaration);
      if (imported) return isRelative(imported.module) ? undefined : imported;
      if (Node.isVariableDeclaration(declaration)) {
        const initializer = declaration.getInitializer();
        if (!initializer) return undefined;
        const origin = this.packageOrigin(initializer, depth + 1);
        if (!origin) return undefined;
        const nameNode = declaration.getNameNode();
        if (Node.isObjectBindingPattern(nameNode)) {
          const element = nameNode.getElements().find((candidate) => candidate.getName() === node.getText());
          const key = element?.getPropertyNameNode()?.getText() ?? element?.getName();
          return key ? { module: origin.module, path: join(origin.path, key) } : undefined;
        }
        return origin;
      }
      return undefined;
    }
    const required = requiredSpecifier(node);
    if (required !== undefined) return isRelative(required) ? undefined : { module: required, path: '' };
    if (Node.isPropertyAccessExpression(node)) {
      const origin = this.packageOrigin(node.getExpression(), depth + 1);
      if (!origin) return undefined;
      const name = node.getName();
      return { module: origin.module, path: name === 'default' && origin.path === '' ? '' : join(origin.path, name) };
    }
    return undefined;
  }

  /** `import x from 'm'`, `import { a as x } from 'm'`, `import * as x from 'm'`, `import x = require('m')`. */
  importOrigin(declaration: Node): PackageOrigin | undefined {
    if (Node.isImportSpecifier(declaration)) {
      const name = declaration.getName();
      return { module: declaration.getImportDeclaration().getModuleSpecifierValue(), path: name === 'default' ? '' : name };
    }
    if (Node.isImportClause(declaration) || Node.isNamespaceImport(declaration)) {
      const importDeclaration = declaration.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
      return importDeclaration ? { module: importDeclaration.getModuleSpecifierValue(), path: '' } : undefined;
    }
    if (Node.isImportEqualsDeclaration(declaration)) {
      const reference = declaration.getModuleReference();
      return Node.isExternalModuleReference(reference) ? { module: reference.getExpressionOrThrow().getText().slice(1, -1), path: '' } : undefined;
    }
    return undefined;
  }

  /**
   * The expressions or declarations that define a value: follows local variables, imports and
   * requires of project files (their default or named exports), and returns what it reaches.
   */
  definitions(raw: Node, depth = 0): Node[] {
    if (depth > MAX_DEPTH) return [];
    const node = unwrapExpression(raw);
    if (Node.isIdentifier(node)) {
      const declaration = this.declarationOf(node);
      if (!declaration) return [];
      if (Node.isVariableDeclaration(declaration)) {
        const initializer = declaration.getInitializer();
        return initializer && Node.isIdentifier(declaration.getNameNode()) ? this.definitions(initializer, depth + 1) : [declaration];
      }
      const imported = this.importOrigin(declaration);
      if (imported && isRelative(imported.module)) {
        const file = resolveModuleFile(this.project, declaration.getSourceFile(), imported.module);
        return file ? this.exportDefinitions(file, imported.path, depth + 1) : [];
      }
      if (Node.isShorthandPropertyAssignment(declaration)) return [];
      return [declaration];
    }
    const required = requiredSpecifier(node);
    if (required !== undefined) {
      const file = resolveModuleFile(this.project, node.getSourceFile(), required);
      return file ? this.exportDefinitions(file, '', depth + 1) : [node];
    }
    if (Node.isPropertyAccessExpression(node)) {
      const base = unwrapExpression(node.getExpression());
      const specifier = requiredSpecifier(base);
      if (specifier !== undefined) {
        const file = resolveModuleFile(this.project, node.getSourceFile(), specifier);
        return file ? this.exportDefinitions(file, node.getName() === 'default' ? '' : node.getName(), depth + 1) : [node];
      }
    }
    return [node];
  }

  /** What a module exports under a name (`''` for its default export or `module.exports`). */
  exportDefinitions(file: SourceFile, name: string, depth: number): Node[] {
    const found: Node[] = [];
    if (name === '') {
      for (const assignment of file.getExportAssignments()) found.push(...this.definitions(assignment.getExpression(), depth + 1));
      const defaultDeclaration = file.getDefaultExportSymbol()?.getDeclarations()[0];
      if (defaultDeclaration && (Node.isFunctionDeclaration(defaultDeclaration) || Node.isClassDeclaration(defaultDeclaration))) found.push(defaultDeclaration);
    } else {
      for (const declaration of file.getExportedDeclarations().get(name) ?? []) {
        found.push(...(Node.isVariableDeclaration(declaration) && declaration.getInitializer() ? this.definitions(declaration.getInitializer()!, depth + 1) : [declaration]));
      }
    }
    // CommonJS: `module.exports = x`, `module.exports = { a }`, `exports.a = x`.
    for (const statement of file.getStatements()) {
      if (!Node.isExpressionStatement(statement)) continue;
      const expression = statement.getExpression();
      if (!Node.isBinaryExpression(expression) || expression.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
      const target = expression.getLeft().getText();
      const value = expression.getRight();
      if (target === 'module.exports') {
        if (name === '') found.push(...this.definitions(value, depth + 1));
        else if (Node.isObjectLiteralExpression(value)) {
          const property = value.getProperty(name);
          if (Node.isPropertyAssignment(property)) found.push(...this.definitions(property.getInitializerOrThrow(), depth + 1));
          if (Node.isShorthandPropertyAssignment(property)) found.push(...this.definitions(property.getNameNode(), depth + 1));
        }
      } else if (name !== '' && (target === `module.exports.${name}` || target === `exports.${name}`)) {
        found.push(...this.definitions(value, depth + 1));
      }
    }
    return found;
  }

  /** The functions a callee or a reference stands for (a declaration, an arrow, a method). */
  functionsOf(node: Node): Node[] {
    return this.definitions(node).filter(
      (definition) => Node.isFunctionDeclaration(definition) || Node.isArrowFunction(definition) || Node.isFunctionExpression(definition) || Node.isMethodDeclaration(definition),
    );
  }
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** What a function returns: expression bodies and `return` statements, not nested functions. */
export function returnedValues(fn: Node): Node[] {
  if (Node.isArrowFunction(fn) && !Node.isBlock(fn.getBody())) return [fn.getBody()];
  const values: Node[] = [];
  const body = (fn as unknown as { getBody?: () => Node | undefined }).getBody?.();
  body?.forEachDescendant((descendant, traversal) => {
    if (Node.isFunctionDeclaration(descendant) || Node.isArrowFunction(descendant) || Node.isFunctionExpression(descendant) || Node.isClassDeclaration(descendant)) {
      traversal.skip();
      return;
    }
    if (Node.isReturnStatement(descendant)) {
      const expression = descendant.getExpression();
      if (expression) values.push(expression);
    }
  });
  return values;
}
