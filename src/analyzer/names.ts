import type { ts } from 'ts-morph';
import { tsMorph } from './ts-morph.js';

/**
 * Which declaration a name refers to, found in the scopes around it. The compiler's type checker
 * answers the same for the names the analysis asks about, but building it binds every file of the
 * project first (a fifth of the analysis of a large backend). A scope's declarations are listed on
 * the first question about a name in it.
 */
const scopes = new WeakMap<ts.Node, ReadonlyMap<string, ts.Node> | null>();

/**
 * The declaration of the name an identifier stands for (a variable, binding element, parameter,
 * function, class, enum or import), or undefined for a global or an undeclared name. The name of
 * a shorthand property (`{ handler }`) stands for the property.
 */
export function declarationOfName(identifier: ts.Identifier): ts.Node | undefined {
  const { ts } = tsMorph();
  const { parent } = identifier;
  if (ts.isShorthandPropertyAssignment(parent) && parent.name === identifier) return parent;
  return valueDeclarationOfName(identifier);
}

/** The declaration in scope of the variable, function, class or import the identifier's text names. */
export function valueDeclarationOfName(identifier: ts.Identifier): ts.Node | undefined {
  const name = identifier.text;
  for (let node: ts.Node | undefined = identifier.parent; node; node = node.parent) {
    const found = declarationsIn(node)?.get(name);
    if (found) return found;
  }
  return undefined;
}

function declarationsIn(node: ts.Node): ReadonlyMap<string, ts.Node> | undefined {
  const known = scopes.get(node);
  if (known !== undefined) return known ?? undefined;
  const declared = listDeclarations(node);
  scopes.set(node, declared ?? null);
  return declared;
}

/** The names a node declares for the code inside it, each with its first declaration; undefined when it is no scope. */
function listDeclarations(node: ts.Node): Map<string, ts.Node> | undefined {
  const { ts } = tsMorph();
  const declared = new Map<string, ts.Node>();
  const add = (name: string, declaration: ts.Node) => {
    if (!declared.has(name)) declared.set(name, declaration);
  };
  const addBinding = (binding: ts.BindingName, declaration: ts.Node): void => {
    if (ts.isIdentifier(binding)) add(binding.text, declaration);
    else for (const element of binding.elements) if (ts.isBindingElement(element)) addBinding(element.name, element);
  };
  const addVariables = (list: ts.VariableDeclarationList) => {
    for (const declaration of list.declarations) addBinding(declaration.name, declaration);
  };
  const isVar = (list: ts.VariableDeclarationList) => (list.flags & ts.NodeFlags.BlockScoped) === 0;
  const loopVariables = (statement: ts.Node) =>
    (ts.isForStatement(statement) || ts.isForInStatement(statement) || ts.isForOfStatement(statement)) && statement.initializer && ts.isVariableDeclarationList(statement.initializer) ? statement.initializer : undefined;
  // `var` belongs to the function (or the file) around it, wherever in its blocks it is written.
  const addHoisted = (child: ts.Node): void => {
    if (ts.isFunctionLike(child) || ts.isClassLike(child)) return;
    const list = ts.isVariableStatement(child) ? child.declarationList : loopVariables(child);
    if (list && isVar(list)) addVariables(list);
    child.forEachChild(addHoisted);
  };
  const addStatements = (statements: readonly ts.Statement[]) => {
    for (const statement of statements) {
      if (ts.isVariableStatement(statement)) {
        if (!isVar(statement.declarationList)) addVariables(statement.declarationList);
      } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
        add(statement.name.text, statement);
      } else if (ts.isImportDeclaration(statement) && statement.importClause) {
        const clause = statement.importClause;
        if (clause.name) add(clause.name.text, clause);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) add(bindings.name.text, bindings);
        else if (bindings) for (const specifier of bindings.elements) add(specifier.name.text, specifier);
      } else if (ts.isImportEqualsDeclaration(statement)) {
        add(statement.name.text, statement);
      }
    }
  };
  if (ts.isSourceFile(node)) {
    addStatements(node.statements);
    node.statements.forEach(addHoisted);
  } else if (ts.isBlock(node) || ts.isModuleBlock(node)) {
    addStatements(node.statements);
  } else if (ts.isCaseBlock(node)) {
    for (const clause of node.clauses) addStatements(clause.statements);
  } else if (ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) {
    const list = loopVariables(node);
    if (list && !isVar(list)) addVariables(list);
  } else if (ts.isCatchClause(node)) {
    if (node.variableDeclaration) addBinding(node.variableDeclaration.name, node.variableDeclaration);
  } else if (ts.isClassExpression(node)) {
    if (node.name) add(node.name.text, node);
  } else if (ts.isFunctionLike(node) && 'body' in node) {
    const fn = node as ts.FunctionLikeDeclaration;
    for (const parameter of fn.parameters) addBinding(parameter.name, parameter);
    if (ts.isFunctionExpression(fn) && fn.name) add(fn.name.text, fn);
    if (fn.body && ts.isBlock(fn.body)) fn.body.statements.forEach(addHoisted);
  } else {
    return undefined;
  }
  return declared;
}
