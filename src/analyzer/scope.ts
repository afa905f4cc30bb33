import { Node, SyntaxKind, tsMorph } from './ts-morph.js';
import type { ObjectLiteralExpression, ts, VariableDeclaration } from 'ts-morph';
import { unwrapExpression, type ValueResolver } from './resolve.js';

/**
 * Values bound to parameters and loop variables while the analyzer evaluates a helper's body for
 * one call (`mountAt(app, '/x', router)`) or a loop's body for one element (`for (const { path,
 * router } of routes) app.use(path, router)`). A bound value is an expression with the scope it is
 * read in, or a text (an object key from `Object.entries`).
 */
export type Bound = { readonly node: Node; readonly scope: Scope | undefined } | { readonly text: string } | { readonly pair: readonly [Bound, Bound] };

export interface Scope {
  /** By declaration: a VariableDeclaration or ParameterDeclaration with a plain name, or a BindingElement. */
  readonly values: ReadonlyMap<Node, Bound>;
  readonly parent: Scope | undefined;
  /** How many helpers and loops deep this is; evaluation stops at a limit. */
  readonly depth: number;
}

export const MAX_SCOPE_DEPTH = 4;

function childScope(parent: Scope | undefined, values: ReadonlyMap<Node, Bound>): Scope {
  return { values, parent, depth: (parent?.depth ?? 0) + 1 };
}

function lookup(declaration: Node, scope: Scope | undefined): Bound | undefined {
  for (let current = scope; current; current = current.parent) {
    const found = current.values.get(declaration);
    if (found) return found;
  }
  return undefined;
}

/** The value bound to an identifier, `item.path` or `pair[0]` in a scope, if one is. */
export function boundValue(raw: Node, scope: Scope | undefined, resolver: ValueResolver, depth = 0): Bound | undefined {
  if (!scope || depth > MAX_LOCAL_DEPTH) return undefined;
  const node = unwrapExpression(raw);
  if (Node.isIdentifier(node)) {
    const declaration = resolver.declarationOf(node);
    return declaration ? (lookup(declaration, scope) ?? constantOfBound(declaration, scope, resolver, depth)) : undefined;
  }
  if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
    const base = boundValue(node.getExpression(), scope, resolver, depth);
    const index = Node.isElementAccessExpression(node) ? node.getArgumentExpression() : undefined;
    const boundKey = index && boundValue(index, scope, resolver, depth);
    const loopKey = boundKey && 'text' in boundKey ? boundKey.text : undefined;
    // `routers[path]`, `path` a key of the `for...in` loop over `routers`.
    if (!base) return loopKey === undefined ? undefined : propertyOf(node.getExpression(), loopKey, scope, resolver);
    if ('pair' in base) {
      const position = index?.getText();
      return position === '0' ? base.pair[0] : position === '1' ? base.pair[1] : undefined;
    }
    if (!('node' in base)) return undefined;
    const key = Node.isPropertyAccessExpression(node) ? node.getName() : (loopKey ?? stringKey(index));
    return key === undefined ? undefined : propertyOf(base.node, key, base.scope, resolver);
  }
  return undefined;
}

/** How many constants deep a bound value is followed (`const { app } = opts`, `const api = app`). */
const MAX_LOCAL_DEPTH = 8;

/**
 * A constant made from a bound value, in the helper being evaluated: `const app = opts.app`,
 * `const { app, server } = opts`, `const [path, router] = entry`. A `let` may be assigned again,
 * so it is not followed.
 */
function constantOfBound(declaration: Node, scope: Scope, resolver: ValueResolver, depth: number): Bound | undefined {
  let holder: Node | undefined = declaration;
  while (holder && Node.isBindingElement(holder)) holder = holder.getParent()?.getParent();
  if (!Node.isVariableDeclaration(holder) || !isConstant(holder)) return undefined;
  const initializer = holder.getInitializer();
  const value = initializer && boundValue(initializer, scope, resolver, depth + 1);
  if (!value) return undefined;
  const names = new Map<Node, Bound>();
  bindName(holder.getNameNode(), holder, value, names, resolver);
  return names.get(declaration);
}

function isConstant(declaration: VariableDeclaration): boolean {
  const list = declaration.getParent();
  return Node.isVariableDeclarationList(list) && list.getDeclarationKind() === tsMorph().VariableDeclarationKind.Const;
}

function stringKey(node: Node | undefined): string | undefined {
  const inner = node && unwrapExpression(node);
  return inner && (Node.isStringLiteral(inner) || Node.isNoSubstitutionTemplateLiteral(inner)) ? inner.getLiteralValue() : undefined;
}

/** A property of an object literal value (following variables to it). */
function propertyOf(value: Node, key: string, scope: Scope | undefined, resolver: ValueResolver): Bound | undefined {
  const object = objectLiteral(value, resolver);
  if (!object) return undefined;
  const known = literalEntries(object, resolver, 0)?.get(key);
  if (known) return { node: known, scope };
  const property = object.getProperty(key) ?? object.getProperty(`'${key}'`) ?? object.getProperty(`"${key}"`);
  if (Node.isPropertyAssignment(property)) return { node: property.getInitializerOrThrow(), scope };
  if (Node.isShorthandPropertyAssignment(property)) return { node: property.getNameNode(), scope };
  return undefined;
}

function objectLiteral(value: Node, resolver: ValueResolver): ObjectLiteralExpression | undefined {
  const inner = unwrapExpression(value);
  if (Node.isObjectLiteralExpression(inner)) return inner;
  const [definition] = resolver.definitions(inner);
  return definition && Node.isObjectLiteralExpression(definition) ? definition : undefined;
}

/**
 * The keys of an object literal in their run-time order, each with its value, the object literals it
 * spreads included (a later value replaces an earlier one in its place); undefined when a key is not
 * known: a spread of anything else, a computed name that is not a string, a method or an accessor.
 */
function literalEntries(object: ObjectLiteralExpression, resolver: ValueResolver, depth: number): Map<string, Node> | undefined {
  if (depth > 6) return undefined;
  const entries = new Map<string, Node>();
  for (const property of object.getProperties()) {
    if (Node.isSpreadAssignment(property)) {
      const spread = objectLiteral(property.getExpression(), resolver);
      const spreadEntries = spread && literalEntries(spread, resolver, depth + 1);
      if (!spreadEntries) return undefined;
      for (const [key, value] of spreadEntries) entries.set(key, value);
      continue;
    }
    if (Node.isShorthandPropertyAssignment(property)) {
      entries.set(property.getName(), property.getNameNode());
      continue;
    }
    if (!Node.isPropertyAssignment(property)) return undefined;
    const name = property.getNameNode();
    const key = Node.isComputedPropertyName(name) ? stringKey(name.getExpression()) : Node.isStringLiteral(name) ? name.getLiteralValue() : name.getText();
    if (key === undefined) return undefined;
    entries.set(key, property.getInitializerOrThrow());
  }
  return entries;
}

function arrayElements(value: Node, scope: Scope | undefined, resolver: ValueResolver, depth: number): Bound[] | undefined {
  if (depth > 6) return undefined;
  const bound = boundValue(value, scope, resolver);
  if (bound) return 'node' in bound ? arrayElements(bound.node, bound.scope, resolver, depth + 1) : undefined;
  const inner = unwrapExpression(value);
  if (Node.isArrayLiteralExpression(inner)) {
    const elements: Bound[] = [];
    for (const element of inner.getElements()) {
      if (Node.isSpreadElement(element)) {
        const spread = arrayElements(element.getExpression(), scope, resolver, depth + 1);
        if (!spread) return undefined;
        elements.push(...spread);
      } else {
        elements.push({ node: element, scope });
      }
    }
    return elements;
  }
  if (Node.isCallExpression(inner)) {
    const callee = unwrapExpression(inner.getExpression());
    if (!Node.isPropertyAccessExpression(callee)) return undefined;
    const [argument] = inner.getArguments();
    const receiver = callee.getExpression();
    const method = callee.getName();
    // `Object.entries(routes)`, `Object.values(routes)`, `Object.keys(routes)` of an object literal.
    if (receiver.getText() === 'Object' && argument) {
      const object = objectLiteral(boundNode(argument, scope, resolver), resolver);
      const known = object && literalEntries(object, resolver, 0);
      if (!known) return undefined;
      const entries: Bound[] = [];
      for (const [text, node] of known) {
        const key: Bound = { text };
        const entryValue: Bound = { node, scope };
        entries.push(method === 'keys' ? key : method === 'values' ? entryValue : { pair: [key, entryValue] });
      }
      return ['entries', 'values', 'keys'].includes(method) ? entries : undefined;
    }
    // A filtered or copied list holds (some of) the same elements.
    if (['filter', 'slice', 'concat', 'reverse'].includes(method)) return arrayElements(receiver, scope, resolver, depth + 1);
    return undefined;
  }
  const definitions = resolver.definitions(inner).filter((definition) => definition !== inner);
  return definitions.length === 1 ? arrayElements(definitions[0]!, scope, resolver, depth + 1) : undefined;
}

function boundNode(node: Node, scope: Scope | undefined, resolver: ValueResolver): Node {
  const bound = boundValue(node, scope, resolver);
  return bound && 'node' in bound ? bound.node : node;
}

/** Binds a declared name (`item`, `{ path, router }`, `[path, router]`) to a value. */
function bindName(nameNode: Node, holder: Node, value: Bound, into: Map<Node, Bound>, resolver: ValueResolver): void {
  if (Node.isIdentifier(nameNode)) {
    into.set(holder, value);
    return;
  }
  if (Node.isObjectBindingPattern(nameNode)) {
    if (!('node' in value)) return;
    for (const element of nameNode.getElements()) {
      const key = element.getPropertyNameNode()?.getText() ?? element.getName();
      const property = propertyOf(value.node, key, value.scope, resolver);
      if (property) bindName(element.getNameNode(), element, property, into, resolver);
    }
    return;
  }
  if (Node.isArrayBindingPattern(nameNode)) {
    const parts: (Bound | undefined)[] =
      'pair' in value ? [...value.pair] : 'node' in value && Node.isArrayLiteralExpression(unwrapExpression(value.node)) ? unwrapExpression(value.node).asKindOrThrow(SyntaxKind.ArrayLiteralExpression).getElements().map((element) => ({ node: element, scope: value.scope })) : [];
    nameNode.getElements().forEach((element, index) => {
      const part = parts[index];
      if (part && Node.isBindingElement(element)) bindName(element.getNameNode(), element, part, into, resolver);
    });
  }
}

/** One scope per element, the loop's variable (or the callback's parameter) bound to it. */
function elementScopes(holder: Node & { getNameNode(): Node }, elements: readonly Bound[], scope: Scope | undefined, resolver: ValueResolver): Scope[] {
  return elements.map((element) => {
    const values = new Map<Node, Bound>();
    bindName(holder.getNameNode(), holder, element, values, resolver);
    return childScope(scope, values);
  });
}

const ITERATING_METHODS: ReadonlySet<string> = new Set(['forEach', 'map', 'flatMap']);

/**
 * The loops a node sits in, innermost first, up to its function: `for (const x of list)` and
 * `list.forEach((x) => ...)`. For each, one scope per element of the list, when the list is known
 * (an array literal, a constant, `Object.entries` of an object literal); undefined otherwise.
 */
export function loopScopes(node: Node, scope: Scope | undefined, resolver: ValueResolver): Scope[] | undefined {
  if (!inLoopOrCallback(node.compilerNode)) return undefined;
  for (let current = node.getParent(); current; current = current.getParent()) {
    if (Node.isForOfStatement(current)) {
      const initializer = current.getInitializer();
      const declaration = Node.isVariableDeclarationList(initializer) ? initializer.getDeclarations()[0] : undefined;
      const elements = declaration && arrayElements(current.getExpression(), scope, resolver, 0);
      return declaration && elements ? elementScopes(declaration, elements, scope, resolver) : undefined;
    }
    if (Node.isForInStatement(current)) {
      const initializer = current.getInitializer();
      const declaration = Node.isVariableDeclarationList(initializer) ? initializer.getDeclarations()[0] : undefined;
      const object = declaration && objectLiteral(boundNode(current.getExpression(), scope, resolver), resolver);
      const entries = object && literalEntries(object, resolver, 0);
      if (!declaration || !entries) return undefined;
      return [...entries.keys()].map((text) => childScope(scope, new Map([[declaration as Node, { text }]])));
    }
    if (Node.isArrowFunction(current) || Node.isFunctionExpression(current)) {
      const call = current.getParent();
      if (!Node.isCallExpression(call)) return undefined;
      const callee = unwrapExpression(call.getExpression());
      if (!Node.isPropertyAccessExpression(callee) || !ITERATING_METHODS.has(callee.getName()) || call.getArguments()[0] !== current) return undefined;
      const parameter = current.getParameters()[0];
      const elements = parameter && arrayElements(callee.getExpression(), scope, resolver, 0);
      return parameter && elements ? elementScopes(parameter, elements, scope, resolver) : undefined;
    }
    if (Node.isFunctionDeclaration(current) || Node.isMethodDeclaration(current) || Node.isSourceFile(current)) return undefined;
  }
  return undefined;
}

/**
 * Whether a loop or a function passed to a call encloses the node within its function. Most calls
 * the scans evaluate are in neither; the compiler's tree answers that without wrapping ancestors.
 */
export function inLoopOrCallback(node: ts.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    switch (current.kind) {
      case SyntaxKind.ForOfStatement:
      case SyntaxKind.ForInStatement:
        return true;
      case SyntaxKind.ArrowFunction:
      case SyntaxKind.FunctionExpression:
        return current.parent.kind === SyntaxKind.CallExpression;
      case SyntaxKind.FunctionDeclaration:
      case SyntaxKind.MethodDeclaration:
      case SyntaxKind.SourceFile:
        return false;
    }
  }
  return false;
}

/** Binds a function's parameters to a call's arguments. */
export function callScope(fn: Node, args: readonly Node[], callerScope: Scope | undefined, resolver: ValueResolver): Scope {
  const values = new Map<Node, Bound>();
  const parameters = (fn as Node & { getParameters?: () => Node[] }).getParameters?.() ?? [];
  parameters.forEach((parameter, index) => {
    const argument = args[index];
    if (!argument || !Node.isParameterDeclaration(parameter)) return;
    bindName(parameter.getNameNode(), parameter, { node: argument, scope: callerScope }, values, resolver);
  });
  return childScope(callerScope, values);
}
