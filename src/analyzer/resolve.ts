import { existsSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { Node, SyntaxKind } from './ts-morph.js';
import { declarationOfName, valueDeclarationOfName } from './names.js';
import { wrapped } from './syntax-index.js';
import type { BinaryExpression, Project, SourceFile, ts, VariableDeclaration } from 'ts-morph';

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

/** Per project, what a specifier names from a folder: the files of a folder import the same few modules. */
const resolvedModules = new WeakMap<Project, Map<string, SourceFile | null>>();

/** The source file a relative specifier names, trying the extensions Node and bundlers try. */
export function resolveModuleFile(project: Project, from: SourceFile, specifier: string): SourceFile | undefined {
  const folder = dirname(from.getFilePath());
  let known = resolvedModules.get(project);
  if (!known) {
    known = new Map();
    resolvedModules.set(project, known);
  }
  const key = `${folder}\0${specifier}`;
  const cached = known.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const found = moduleFileFrom(project, folder, specifier);
  known.set(key, found ?? null);
  return found;
}

function moduleFileFrom(project: Project, folder: string, specifier: string): SourceFile | undefined {
  const bases = isRelative(specifier) ? [resolvePath(folder, specifier)] : aliasedPaths(project, specifier);
  for (const base of bases) {
    for (const candidate of [base.replace(/\.[cm]?js$/u, ''), base]) {
      for (const extension of RESOLVE_EXTENSIONS) {
        const file = project.getSourceFile(candidate + extension);
        if (file) return file;
      }
    }
    if (existsSync(base)) {
      const file = project.getSourceFile(base);
      if (file) return file;
    }
  }
  return undefined;
}

/** Where tsconfig's `baseUrl` and `paths` send a bare specifier (`lib/middleware`, `@/db`). */
function aliasedPaths(project: Project, specifier: string): string[] {
  const { baseUrl, paths, pathsBasePath } = project.getCompilerOptions() as { baseUrl?: string; paths?: Record<string, string[]>; pathsBasePath?: string };
  const base = baseUrl ?? (typeof pathsBasePath === 'string' ? pathsBasePath : undefined);
  if (base === undefined) return [];
  const found: string[] = [];
  for (const [pattern, targets] of Object.entries(paths ?? {})) {
    const star = pattern.indexOf('*');
    const matched = star === -1 ? (specifier === pattern ? '' : undefined) : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1)) ? specifier.slice(star, specifier.length - (pattern.length - star - 1)) : undefined;
    if (matched !== undefined) for (const target of targets) found.push(resolvePath(base, target.replace('*', matched)));
  }
  if (baseUrl !== undefined) found.push(resolvePath(baseUrl, specifier));
  return found;
}

export function requiredSpecifier(node: Node): string | undefined {
  if (!Node.isCallExpression(node)) return undefined;
  const callee = node.getExpression();
  const [argument] = node.getArguments();
  if (!Node.isIdentifier(callee) || callee.getText() !== 'require' || !argument || !Node.isStringLiteral(argument)) return undefined;
  return argument.getLiteralValue();
}

/** A `require('./x')`, `import('./x')` or Babel's `_interopRequireDefault(require('./x'))`: the specifier it loads. */
function loadedSpecifier(node: Node): string | undefined {
  const required = requiredSpecifier(node);
  if (required !== undefined) return required;
  if (!Node.isCallExpression(node)) return undefined;
  const [argument] = node.getArguments();
  if (node.getExpression().getKind() === SyntaxKind.ImportKeyword) return argument && Node.isStringLiteral(argument) ? argument.getLiteralValue() : undefined;
  // Compiled ES modules wrap their requires: `_interopRequireDefault(require('./x'))`.
  if (argument && node.getArguments().length === 1 && /interop/iu.test(node.getExpression().getText())) return requiredSpecifier(unwrapExpression(argument));
  return undefined;
}

/**
 * What `export default` names in a module: a function or class declared with it, the expression
 * of `export default value`, or the specifier of `export { x as default }`.
 */
export function defaultExportDeclaration(file: SourceFile): Node | undefined {
  for (const statement of file.getStatements()) {
    if ((Node.isFunctionDeclaration(statement) || Node.isClassDeclaration(statement)) && statement.hasExportKeyword() && statement.hasDefaultKeyword()) return statement;
    if (Node.isExportAssignment(statement) && !statement.isExportEquals()) return statement;
    if (Node.isExportDeclaration(statement)) for (const specifier of statement.getNamedExports()) if ((specifier.getAliasNode()?.getText() ?? specifier.getName()) === 'default') return specifier;
  }
  return undefined;
}

type ClassLike = Node & { getMembers(): Node[]; getExtends(): Node | undefined };

function isClassLike(node: Node): node is ClassLike {
  return Node.isClassDeclaration(node) || Node.isClassExpression(node);
}

/** Resolves names and module boundaries to the expressions or declarations that define a value. */
export class ValueResolver {
  /** Per class: the values assigned to `this.name` and `ClassName.name` anywhere in it. */
  private readonly assignedMembers = new Map<Node, Map<string, Node[]>>();
  /** Per variable declared without a value: the values assigned to it. */
  private readonly assignments = new Map<Node, Node[]>();
  /** Per ES module: what it exports, by name. */
  private readonly moduleExports = new Map<SourceFile, Map<string, Node[]>>();

  constructor(private readonly project: Project) {}

  /** The declaration an identifier refers to, without following imports. */
  declarationOf(identifier: Node): Node | undefined {
    if (!Node.isIdentifier(identifier)) return undefined;
    const declaration = declarationOfName(identifier.compilerNode);
    return declaration && wrapped(identifier.getSourceFile(), declaration);
  }

  /** The package a value comes from, if it comes from one. */
  packageOrigin(raw: Node, depth = 0): PackageOrigin | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const node = unwrapExpression(raw);
    if (Node.isIdentifier(node)) {
      const declaration = this.declarationOf(node);
      if (!declaration) return undefined;
      const imported = this.importOrigin(declaration);
      if (imported) return this.isProjectModule(declaration, imported.module) ? undefined : imported;
      // `const { Router } = require('express')`
      if (Node.isBindingElement(declaration)) {
        const holder = declaration.getParent()?.getParent();
        const initializer = Node.isVariableDeclaration(holder) && Node.isObjectBindingPattern(declaration.getParent()) ? holder.getInitializer() : undefined;
        const origin = initializer && this.packageOrigin(initializer, depth + 1);
        const key = declaration.getPropertyNameNode()?.getText() ?? declaration.getName();
        return origin ? { module: origin.module, path: join(origin.path, key) } : undefined;
      }
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
    const loaded = loadedSpecifier(node);
    if (loaded !== undefined) return isRelative(loaded) ? undefined : { module: loaded, path: '' };
    if (Node.isPropertyAccessExpression(node)) {
      const origin = this.packageOrigin(node.getExpression(), depth + 1);
      if (!origin) return undefined;
      const name = node.getName();
      return { module: origin.module, path: name === 'default' && origin.path === '' ? '' : join(origin.path, name) };
    }
    return undefined;
  }

  /** A specifier of the project's own code: relative, or a tsconfig alias that leads to a project file. */
  isProjectModule(from: Node, specifier: string): boolean {
    return isRelative(specifier) || (!specifier.startsWith('node:') && resolveModuleFile(this.project, from.getSourceFile(), specifier) !== undefined);
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
   * The project file a value stands for as a whole module: `require('./routes')`, a variable
   * holding it, `import * as api from './api'`.
   */
  moduleOf(raw: Node): SourceFile | undefined {
    const node = unwrapExpression(raw);
    const specifier = loadedSpecifier(node);
    if (specifier !== undefined) return resolveModuleFile(this.project, node.getSourceFile(), specifier);
    if (!Node.isIdentifier(node)) return undefined;
    const declaration = this.declarationOf(node);
    if (Node.isVariableDeclaration(declaration) && Node.isIdentifier(declaration.getNameNode())) {
      const initializer = declaration.getInitializer();
      const loaded = initializer && loadedSpecifier(unwrapExpression(initializer));
      return loaded === undefined ? undefined : resolveModuleFile(this.project, declaration.getSourceFile(), loaded);
    }
    if (declaration && Node.isNamespaceImport(declaration)) {
      const module = declaration.getFirstAncestorByKind(SyntaxKind.ImportDeclaration)?.getModuleSpecifierValue();
      return module ? resolveModuleFile(this.project, declaration.getSourceFile(), module) : undefined;
    }
    return undefined;
  }

  /**
   * The expressions or declarations that define a value: follows local variables, imports and
   * requires of project files (their default or named exports), members of modules, object
   * literals and classes (`routes.admin`, `this.app`, `Server.create`), and returns what it reaches.
   */
  definitions(raw: Node, depth = 0): Node[] {
    if (depth > MAX_DEPTH) return [];
    const node = unwrapExpression(raw);
    if (Node.isIdentifier(node)) {
      const declaration = this.declarationOf(node);
      if (!declaration) return [];
      if (Node.isVariableDeclaration(declaration)) return this.variableDefinitions(declaration, depth);
      // `const { Server } = require('./server')`, `const { app } = services`.
      if (Node.isBindingElement(declaration)) {
        const holder = declaration.getParent()?.getParent();
        const initializer = Node.isVariableDeclaration(holder) && Node.isObjectBindingPattern(declaration.getParent()) ? holder.getInitializer() : undefined;
        const key = declaration.getPropertyNameNode()?.getText() ?? declaration.getName();
        const members = initializer ? this.memberDefinitions(unwrapExpression(initializer), key, depth + 1) : [];
        return members.length > 0 ? members : [declaration];
      }
      const imported = this.importOrigin(declaration);
      if (imported && this.isProjectModule(declaration, imported.module)) {
        const file = resolveModuleFile(this.project, declaration.getSourceFile(), imported.module);
        return file ? this.exportDefinitions(file, imported.path, depth + 1) : [];
      }
      // `{ handler }`: the variable the shorthand names.
      if (Node.isShorthandPropertyAssignment(declaration)) {
        const valueNode = valueDeclarationOfName(declaration.getNameNode().compilerNode);
        const value = valueNode && wrapped(declaration.getSourceFile(), valueNode);
        return value && Node.isVariableDeclaration(value) ? this.variableDefinitions(value, depth) : value ? [value] : [];
      }
      return [declaration];
    }
    const specifier = loadedSpecifier(node);
    if (specifier !== undefined) {
      const file = resolveModuleFile(this.project, node.getSourceFile(), specifier);
      return file ? this.exportDefinitions(file, '', depth + 1) : [node];
    }
    if (Node.isPropertyAccessExpression(node)) {
      const members = this.memberDefinitions(unwrapExpression(node.getExpression()), node.getName(), depth);
      if (members.length > 0) return members;
    }
    return [node];
  }

  /** What a variable holds: its initializer's definitions, or those of the values assigned to it later (`let server; ... server = new Server()`). */
  private variableDefinitions(declaration: VariableDeclaration, depth: number): Node[] {
    if (!Node.isIdentifier(declaration.getNameNode())) return [declaration];
    const initializer = declaration.getInitializer();
    const values = initializer ? [initializer] : this.assignedValues(declaration);
    return values.length > 0 ? values.flatMap((value) => this.definitions(value, depth + 1)) : [declaration];
  }

  /** The values assigned to a variable after its declaration (`let server; server = ...`), in the function or file that declares it. */
  assignedValues(declaration: Node): Node[] {
    let values = this.assignments.get(declaration);
    if (values) return values;
    values = [];
    const name = (declaration as Node & { getName(): string }).getName();
    const scope = declaration.getFirstAncestor((ancestor) => Node.isSourceFile(ancestor) || Node.isFunctionDeclaration(ancestor) || Node.isArrowFunction(ancestor) || Node.isFunctionExpression(ancestor) || Node.isMethodDeclaration(ancestor));
    if (scope && scope.getText().includes(`${name} =`)) {
      for (const assignment of scope.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
        const left = assignment.getLeft();
        if (assignment.getOperatorToken().getKind() === SyntaxKind.EqualsToken && Node.isIdentifier(left) && left.getText() === name && this.declarationOf(left) === declaration) values.push(assignment.getRight());
      }
    }
    this.assignments.set(declaration, values);
    return values;
  }

  /** What `base.name` reads: a module's export, an object literal's property, a class's member. */
  private memberDefinitions(base: Node, name: string, depth: number): Node[] {
    if (base.getKind() === SyntaxKind.ThisKeyword) {
      const owner = base.getFirstAncestor((ancestor) => isClassLike(ancestor));
      return owner && isClassLike(owner) ? this.classMember(owner, name, depth) : [];
    }
    const module = this.moduleOf(base);
    if (module) return this.exportDefinitions(module, name === 'default' ? '' : name, depth + 1);
    const found: Node[] = [];
    for (const definition of this.definitions(base, depth + 1)) {
      found.push(...this.memberOf(definition, name, depth));
    }
    return found;
  }

  /** `name` of a value: an object literal's property (or getter), a class's static or an instance's member, what a call returns. */
  private memberOf(definition: Node, name: string, depth: number): Node[] {
    if (depth > MAX_DEPTH) return [];
    if (Node.isObjectLiteralExpression(definition)) {
      const property = definition.getProperty(name);
      if (Node.isPropertyAssignment(property)) return this.definitions(property.getInitializerOrThrow(), depth + 1);
      if (Node.isShorthandPropertyAssignment(property)) return this.definitions(property.getNameNode(), depth + 1);
      if (Node.isMethodDeclaration(property)) return [property];
      // `get api() { return membersApi; }`
      if (Node.isGetAccessorDeclaration(property)) return returnedValues(property).flatMap((value) => this.definitions(value, depth + 1));
      return [];
    }
    if (isClassLike(definition)) return this.classMember(definition, name, depth);
    if (Node.isNewExpression(definition)) return this.definitions(definition.getExpression(), depth + 1).flatMap((owner) => (isClassLike(owner) ? this.classMember(owner, name, depth) : []));
    // `createApi(config).middleware`, `Server.getInstance().app`: the member of what the call returns.
    if (Node.isCallExpression(definition) && depth < 6) {
      return this.functionsOf(definition.getExpression(), depth + 2).flatMap((fn) =>
        returnedValues(fn).flatMap((value) => this.definitions(value, depth + 2).flatMap((returned) => (returned === definition ? [] : this.memberOf(returned, name, depth + 2)))),
      );
    }
    return [];
  }

  /** A class member: a method, what a getter returns, a property's initializer or the values assigned to it; inherited members too. */
  private classMember(owner: ClassLike, name: string, depth: number): Node[] {
    if (depth > MAX_DEPTH) return [];
    const found: Node[] = [];
    for (const member of owner.getMembers()) {
      const memberName = (member as Node & { getName?: () => string }).getName?.();
      if (memberName !== name) continue;
      if (Node.isMethodDeclaration(member)) found.push(member);
      else if (Node.isGetAccessorDeclaration(member)) for (const value of returnedValues(member)) found.push(...this.definitions(value, depth + 1));
      else if (Node.isPropertyDeclaration(member)) {
        const initializer = member.getInitializer();
        if (initializer && !Node.isNullLiteral(unwrapExpression(initializer))) found.push(...this.definitions(initializer, depth + 1));
      }
    }
    for (const value of this.assignedMembersOf(owner).get(name) ?? []) found.push(...this.definitions(value, depth + 1));
    if (found.length === 0) {
      const base = owner.getExtends();
      const expression = base && Node.isExpressionWithTypeArguments(base) ? base.getExpression() : undefined;
      if (expression) for (const parent of this.definitions(expression, depth + 1)) if (isClassLike(parent) && parent !== owner) found.push(...this.classMember(parent, name, depth + 1));
    }
    return found;
  }

  private assignedMembersOf(owner: ClassLike): Map<string, Node[]> {
    let assigned = this.assignedMembers.get(owner);
    if (assigned) return assigned;
    assigned = new Map();
    const className = Node.isClassDeclaration(owner) ? owner.getName() : undefined;
    for (const assignment of owner.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
      if (assignment.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
      const left = assignment.getLeft();
      if (!Node.isPropertyAccessExpression(left)) continue;
      const target = left.getExpression();
      if (target.getKind() !== SyntaxKind.ThisKeyword && !(className && target.getText() === className)) continue;
      const right = unwrapExpression(assignment.getRight());
      if (Node.isNullLiteral(right)) continue;
      assigned.set(left.getName(), [...(assigned.get(left.getName()) ?? []), right]);
    }
    this.assignedMembers.set(owner, assigned);
    return assigned;
  }

  /** What a module exports under a name (`''` for its default export or `module.exports`). */
  exportDefinitions(file: SourceFile, name: string, depth: number): Node[] {
    const found: Node[] = [];
    if (depth > MAX_DEPTH) return found;
    if (name === '') {
      for (const assignment of file.getExportAssignments()) found.push(...this.definitions(assignment.getExpression(), depth + 1));
      const defaultDeclaration = defaultExportDeclaration(file);
      if (defaultDeclaration && (Node.isFunctionDeclaration(defaultDeclaration) || Node.isClassDeclaration(defaultDeclaration))) found.push(defaultDeclaration);
      if (defaultDeclaration && Node.isExportSpecifier(defaultDeclaration)) found.push(...this.exportSpecifierDefinitions(defaultDeclaration, depth));
    } else {
      for (const declaration of this.exportedDeclarations(file).get(name) ?? []) {
        // CommonJS `exports.a = value` and `module.exports = { a }` are read below, from the assignment.
        if (Node.isPropertyAccessExpression(declaration) || Node.isBinaryExpression(declaration) || Node.isShorthandPropertyAssignment(declaration) || Node.isPropertyAssignment(declaration)) continue;
        found.push(...(Node.isVariableDeclaration(declaration) && declaration.getInitializer() ? this.definitions(declaration.getInitializer()!, depth + 1) : [declaration]));
      }
    }
    // CommonJS: `module.exports = x`, `module.exports = { a }`, `exports.a = x`, `exports.default = x`.
    for (const statement of file.getStatements()) {
      const expression = Node.isExpressionStatement(statement) ? statement.getExpression() : undefined;
      for (const assignment of expression ? assignmentChain(expression) : []) {
        const target = assignment.getLeft().getText();
        const value = lastAssigned(assignment);
        // Compiled modules declare their exports first: `exports.a = exports.b = void 0`.
        if (Node.isVoidExpression(value)) continue;
        if (target === 'module.exports') {
          if (name === '') found.push(...this.definitions(value, depth + 1));
          // `module.exports = { a, get b() {} }`, or `module.exports = require('./service')`.
          else found.push(...this.definitions(value, depth + 1).flatMap((exported) => this.memberOf(exported, name, depth + 1)));
        } else if (name === '' ? target === 'exports.default' : target === `module.exports.${name}` || target === `exports.${name}`) {
          found.push(...this.definitions(value, depth + 1));
        }
      }
    }
    return found;
  }

  /** `export { default } from './x'`, `export { app as default }`. */
  /**
   * The declarations an ES module exports, by name (`default` aside): `export const/function/class`,
   * `export { local as name }` (the local's declaration, or what its import names), and what
   * `export { a } from './x'` and `export * from './x'` bring from project files. Read from the
   * statements, as the compiler would give them without binding the whole project.
   */
  exportedDeclarations(file: SourceFile, depth = 0): ReadonlyMap<string, readonly Node[]> {
    const known = this.moduleExports.get(file);
    if (known) return known;
    const found = new Map<string, Node[]>();
    // Known before it is complete: a cycle of re-exports ends here.
    this.moduleExports.set(file, found);
    const add = (name: string, declarations: readonly Node[]) => {
      if (declarations.length > 0) found.set(name, [...(found.get(name) ?? []), ...declarations]);
    };
    const reexported = (target: SourceFile | undefined, name: string, hops = 0): readonly Node[] => {
      if (!target || depth + hops >= MAX_DEPTH) return [];
      if (name !== 'default') return this.exportedDeclarations(target, depth + 1).get(name) ?? [];
      const declaration = defaultExportDeclaration(target);
      // `export default router`: the declaration of `router`, as for a named export.
      if (declaration && Node.isExportAssignment(declaration)) {
        const expression = declaration.getExpression();
        return [(Node.isIdentifier(expression) && this.declarationOf(expression)) || expression];
      }
      if (declaration && Node.isExportSpecifier(declaration)) {
        const module = declaration.getExportDeclaration().getModuleSpecifierValue();
        if (module !== undefined) return reexported(resolveModuleFile(this.project, target, module), declaration.getName(), hops + 1);
        const local = this.declarationOf(declaration.getNameNode());
        return local ? [local] : [];
      }
      return declaration ? [declaration] : [];
    };
    for (const statement of file.getStatements()) {
      if (Node.isVariableStatement(statement) && statement.hasExportKeyword()) {
        for (const declaration of statement.getDeclarations()) if (Node.isIdentifier(declaration.getNameNode())) add(declaration.getName(), [declaration]);
      } else if ((Node.isFunctionDeclaration(statement) || Node.isClassDeclaration(statement) || Node.isEnumDeclaration(statement)) && statement.hasExportKeyword() && !statement.hasDefaultKeyword()) {
        const name = statement.getName();
        if (name) add(name, [statement]);
      } else if (Node.isExportDeclaration(statement)) {
        const module = statement.getModuleSpecifierValue();
        const target = module === undefined ? undefined : resolveModuleFile(this.project, file, module);
        const named = statement.getNamedExports();
        if (named.length === 0 && !statement.getNamespaceExport()) {
          // `export * from './x'`: every name but the default.
          if (target && depth < MAX_DEPTH) for (const [name, declarations] of this.exportedDeclarations(target, depth + 1)) if (name !== 'default') add(name, declarations);
          continue;
        }
        for (const specifier of named) {
          const exportedName = specifier.getAliasNode()?.getText() ?? specifier.getName();
          if (module !== undefined) {
            add(exportedName, reexported(target, specifier.getName()));
            continue;
          }
          const local = this.declarationOf(specifier.getNameNode());
          if (!local) continue;
          // `import { a } from './x'; export { a }`: what `./x` exports; a package's export is out of reach.
          const imported = Node.isNamespaceImport(local) ? undefined : this.importOrigin(local);
          if (!imported) add(exportedName, [local]);
          else if (this.isProjectModule(local, imported.module)) add(exportedName, reexported(resolveModuleFile(this.project, file, imported.module), imported.path || 'default'));
        }
      }
    }
    return found;
  }

  private exportSpecifierDefinitions(specifier: Node, depth: number): Node[] {
    if (!Node.isExportSpecifier(specifier)) return [];
    const declaration = specifier.getExportDeclaration();
    const module = declaration.getModuleSpecifierValue();
    const local = specifier.getNameNode().getText();
    if (module === undefined) return this.definitions(specifier.getNameNode(), depth + 1);
    if (!isRelative(module)) return [specifier];
    const file = resolveModuleFile(this.project, specifier.getSourceFile(), module);
    return file ? this.exportDefinitions(file, local === 'default' ? '' : local, depth + 1) : [];
  }

  /** The functions a callee or a reference stands for (a declaration, an arrow, a method). */
  functionsOf(node: Node, depth = 0): Node[] {
    return this.definitions(node, depth).filter(
      (definition) => Node.isFunctionDeclaration(definition) || Node.isArrowFunction(definition) || Node.isFunctionExpression(definition) || Node.isMethodDeclaration(definition),
    );
  }

  /**
   * The text of a string that is constant: a literal, a template or concatenation of constants,
   * a constant variable or an exported constant of another project file (`BASE_API_PATH`).
   */
  constantString(raw: Node, depth = 0): string | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const node = unwrapExpression(raw);
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
    if (Node.isTemplateExpression(node)) {
      let text = node.getHead().getLiteralText();
      for (const span of node.getTemplateSpans()) {
        const value = this.constantString(span.getExpression(), depth + 1);
        if (value === undefined) return undefined;
        text += value + span.getLiteral().getLiteralText();
      }
      return text;
    }
    if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
      const left = this.constantString(node.getLeft(), depth + 1);
      const right = left === undefined ? undefined : this.constantString(node.getRight(), depth + 1);
      return right === undefined ? undefined : left! + right;
    }
    if (!Node.isIdentifier(node) && !Node.isPropertyAccessExpression(node)) return undefined;
    if (Node.isIdentifier(node)) {
      // A destructured constant: `const { BASE_API_PATH } = require('./url-utils')`.
      const declaration = this.declarationOf(node);
      if (Node.isBindingElement(declaration)) {
        const pattern = declaration.getParent();
        const holder = pattern?.getParent();
        const key = declaration.getPropertyNameNode()?.getText() ?? declaration.getName();
        const initializer = Node.isVariableDeclaration(holder) ? holder.getInitializer() : undefined;
        const module = initializer && this.moduleOf(initializer);
        const values = module ? this.exportDefinitions(module, key, depth + 1) : [];
        return values.length === 1 ? this.constantString(values[0]!, depth + 1) : undefined;
      }
    }
    const definitions = this.definitions(node, depth + 1).filter((definition) => definition !== node);
    return definitions.length === 1 ? this.constantString(definitions[0]!, depth + 1) : undefined;
  }
}

/** `a = b = value` as a list of its assignments, outermost first. */
function assignmentChain(expression: Node): BinaryExpression[] {
  const chain: BinaryExpression[] = [];
  let current: Node = expression;
  while (Node.isBinaryExpression(current) && current.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
    chain.push(current);
    current = current.getRight();
  }
  return chain;
}

/** The value at the end of `a = b = value`. */
function lastAssigned(assignment: BinaryExpression): Node {
  let value: Node = assignment.getRight();
  while (Node.isBinaryExpression(value) && value.getOperatorToken().getKind() === SyntaxKind.EqualsToken) value = value.getRight();
  return value;
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** What a function returns: expression bodies and `return` statements, not nested functions. */
export function returnedValues(fn: Node): Node[] {
  if (Node.isArrowFunction(fn) && !Node.isBlock(fn.getBody())) return [fn.getBody()];
  const body = (fn as unknown as { getBody?: () => Node | undefined }).getBody?.();
  if (!body) return [];
  const file = body.getSourceFile();
  const values: Node[] = [];
  // On the compiler's nodes: of a body's many nodes, only the returned expressions are wrapped.
  const visit = (node: ts.Node): void => {
    if (node.kind === SyntaxKind.FunctionDeclaration || node.kind === SyntaxKind.ArrowFunction || node.kind === SyntaxKind.FunctionExpression || node.kind === SyntaxKind.ClassDeclaration) return;
    const expression = node.kind === SyntaxKind.ReturnStatement ? (node as ts.ReturnStatement).expression : undefined;
    if (expression) values.push(wrapped(file, expression));
    node.forEachChild(visit);
  };
  body.compilerNode.forEachChild(visit);
  return values;
}
