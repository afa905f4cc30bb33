import { Node, SyntaxKind } from './ts-morph.js';
import { nodesOfKind } from './syntax-index.js';
import type { Project, ts } from 'ts-morph';
import { CONTEXT_NAMES, NEST_EXCEPTION_STATUS, RESPONSE_NAMES } from '../catalog/frameworks.js';
import { HTTP_STATUS_NAMES } from '../catalog/responses.js';
import type { ErrorSite, Framework, Shape } from './model.js';
import { locationOf } from './locations.js';
import { unwrapExpression } from './resolve.js';

/** The static shape of a response body: an object literal's keys, a literal, or `unknown`. */
export function shapeOf(raw: Node | undefined, top = true): Shape {
  if (!raw) return 'unknown';
  const node = unwrapExpression(raw);
  if (Node.isObjectLiteralExpression(node)) {
    const shape: Record<string, Shape> = {};
    for (const property of node.getProperties()) {
      if (Node.isSpreadAssignment(property)) return 'unknown';
      if (Node.isPropertyAssignment(property)) shape[property.getName().replace(/^['"]|['"]$/gu, '')] = shapeOf(property.getInitializerOrThrow(), false);
      else if (Node.isShorthandPropertyAssignment(property)) shape[property.getName()] = 'value';
      else return 'unknown';
    }
    return shape;
  }
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node) || Node.isNumericLiteral(node)) return top ? 'text' : { literal: node.getLiteralValue() };
  if (Node.isTrueLiteral(node) || Node.isFalseLiteral(node)) return { literal: node.getLiteralValue() };
  if (Node.isNullLiteral(node)) return { literal: null };
  if (Node.isTemplateExpression(node)) return top ? 'text' : 'value';
  return top ? 'unknown' : 'value';
}

/** A status written as a number or as `HttpStatus.NOT_FOUND` / `StatusCodes.NOT_FOUND`. */
export function statusOf(raw: Node | undefined): number | undefined {
  if (!raw) return undefined;
  const node = unwrapExpression(raw);
  if (Node.isNumericLiteral(node)) return node.getLiteralValue();
  if (Node.isPropertyAccessExpression(node)) return HTTP_STATUS_NAMES.get(node.getName());
  return undefined;
}

function rootName(node: Node): string | undefined {
  let current = unwrapExpression(node);
  while (Node.isCallExpression(current) || Node.isPropertyAccessExpression(current)) current = unwrapExpression(current.getExpression());
  return Node.isIdentifier(current) ? current.getText() : undefined;
}

function objectStatus(options: Node | undefined): number | undefined {
  const inner = options && unwrapExpression(options);
  if (!inner || !Node.isObjectLiteralExpression(inner)) return undefined;
  const status = inner.getProperty('status');
  return Node.isPropertyAssignment(status) ? statusOf(status.getInitializerOrThrow()) : undefined;
}

/** Whether a node runs inside a central error handler. */
function isCentral(node: Node): boolean {
  for (let current = node.getParent(); current; current = current.getParent()) {
    if (Node.isClassDeclaration(current)) return current.getDecorator('Catch') !== undefined;
    if (!(Node.isArrowFunction(current) || Node.isFunctionExpression(current) || Node.isFunctionDeclaration(current))) continue;
    const call = current.getParent();
    const callee = call && Node.isCallExpression(call) ? unwrapExpression(call.getExpression()) : undefined;
    const method = callee && Node.isPropertyAccessExpression(callee) ? callee.getName() : undefined;
    if (method === 'setErrorHandler' || method === 'onError') return true;
    if (method === 'use' && current.getParameters().length === 4) return true;
    // Koa: `async (ctx, next) => { try { await next() } catch (err) { ctx.body = ... } }`, wherever it is defined.
    if (node.getAncestors().some((ancestor) => Node.isCatchClause(ancestor) && ancestor.getFirstAncestor((outer) => outer === current) && /\bnext\(\)/u.test(ancestor.getParentOrThrow().getText().slice(0, 2000)))) return true;
  }
  return false;
}

/** The methods that answer a request in the forms the scan below reads (`res.status(500).json(...)`, `ctx.throw(...)`). */
const ANSWERING_METHODS: ReadonlySet<string> = new Set(['json', 'text', 'throw', 'send', 'sendStatus']);

/** Whether a callee may be a response method: a member call by one of their names, or a callee in parentheses or an assertion, which the scan looks through. */
function mayAnswer(callee: ts.Expression): boolean {
  if (callee.kind === SyntaxKind.PropertyAccessExpression) return ANSWERING_METHODS.has((callee as ts.PropertyAccessExpression).name.text);
  return callee.kind !== SyntaxKind.Identifier && callee.kind !== SyntaxKind.ElementAccessExpression && callee.kind !== SyntaxKind.CallExpression;
}

/** `x.body = ...`, as the compiler reads it: the form of a Koa response (`ctx.body = { error }`). */
function assignsBody(node: ts.BinaryExpression): boolean {
  return node.operatorToken.kind === SyntaxKind.EqualsToken && node.left.kind === SyntaxKind.PropertyAccessExpression && (node.left as ts.PropertyAccessExpression).name.text === 'body';
}

/** Error responses of every framework: where, with which status and which body shape. */
export function scanErrorSites(project: Project, root: string, frameworkOf: (file: string) => Framework | undefined): { sites: ErrorSite[]; nestFilter: boolean } {
  const sites: ErrorSite[] = [];
  // A global exception filter replaces Nest's default error body.
  let nestFilter = false;
  const registersFilter = project.getSourceFiles().some((source) => /useGlobalFilters\(|APP_FILTER/u.test(source.getFullText()));
  const add = (node: Node, status: number | undefined, body: Node | undefined, via: string, framework: Framework, shape: Shape = shapeOf(body)) => {
    sites.push({ app: undefined, framework, location: locationOf(root, node), status, shape, central: isCentral(node), via });
  };
  for (const file of project.getSourceFiles()) {
    const framework = frameworkOf(locationOf(root, file).file);
    // Only the node kinds that can answer a request, and of them only those whose compiler node
    // looks like an answer (a response method, an exception), so that the others are never wrapped.
    const tree = file.compilerNode;
    const text = tree.text;
    const startOf = (node: ts.Node) => node.getStart(tree);
    const candidates: Node[] = [
      ...nodesOfKind(file, SyntaxKind.ThrowStatement, (node) => text.slice(startOf(node), node.end).includes('Exception')),
      ...nodesOfKind(file, SyntaxKind.BinaryExpression, (node) => assignsBody(node as ts.BinaryExpression)),
      ...nodesOfKind(file, SyntaxKind.NewExpression, (node) => /^(?:Next)?Response$/u.test(text.slice(startOf((node as ts.NewExpression).expression), (node as ts.NewExpression).expression.end))),
      ...nodesOfKind(file, SyntaxKind.CallExpression, (node) => mayAnswer((node as ts.CallExpression).expression)),
      ...(text.includes('@Catch') ? nodesOfKind(file, SyntaxKind.ClassDeclaration) : []),
    ];
    for (const node of candidates) {
      if (Node.isClassDeclaration(node) && node.getDecorator('Catch')) nestFilter ||= registersFilter;
      if (Node.isThrowStatement(node)) {
        const thrown = unwrapExpression(node.getExpression());
        if (Node.isNewExpression(thrown)) {
          const name = thrown.getExpression().getText();
          const status = NEST_EXCEPTION_STATUS.get(name);
          if (status !== undefined) add(node, status, undefined, `throw new ${name}`, 'nestjs', { statusCode: 'value', message: 'value', error: 'value' });
          if (name === 'HttpException') add(node, statusOf(thrown.getArguments()[1]), thrown.getArguments()[0], 'throw new HttpException', 'nestjs');
        }
        continue;
      }
      if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
        const left = node.getLeft();
        if (Node.isPropertyAccessExpression(left) && left.getName() === 'body' && CONTEXT_NAMES.has(left.getExpression().getText())) {
          add(node, statusSetBefore(node, koaStatusSetting), node.getRight(), 'ctx.body =', 'koa');
        }
        continue;
      }
      if (Node.isNewExpression(node)) {
        const name = node.getExpression().getText();
        if (name === 'Response' || name === 'NextResponse') {
          const [body, options] = node.getArguments();
          if (body) add(node, objectStatus(options) ?? 200, body, `new ${name}`, 'next');
        }
        continue;
      }
      if (!Node.isCallExpression(node)) continue;
      const callee = unwrapExpression(node.getExpression());
      if (!Node.isPropertyAccessExpression(callee)) continue;
      const method = callee.getName();
      const receiver = unwrapExpression(callee.getExpression());
      const args = node.getArguments();
      const receiverText = receiver.getText();
      if ((receiverText === 'NextResponse' || receiverText === 'Response') && method === 'json') {
        add(node, objectStatus(args[1]) ?? 200, args[0], `${receiverText}.json`, 'next');
        continue;
      }
      const root = rootName(receiver);
      if (root === undefined) continue;
      if (CONTEXT_NAMES.has(root) && Node.isIdentifier(receiver)) {
        if (method === 'json' || method === 'text') add(node, statusOf(args[1]) ?? 200, args[0], `${root}.${method}`, 'hono');
        if (method === 'throw') add(node, statusOf(args[0]), undefined, `${root}.throw`, 'koa', 'text');
        continue;
      }
      if (!RESPONSE_NAMES.has(root)) continue;
      if (method === 'sendStatus') {
        add(node, statusOf(args[0]), undefined, `${root}.sendStatus`, framework ?? 'express', 'text');
        continue;
      }
      if (method !== 'json' && method !== 'send') continue;
      if (args.length === 0) continue;
      const statusCall = Node.isCallExpression(receiver) ? unwrapExpression(receiver.getExpression()) : undefined;
      const statusMethod = statusCall && Node.isPropertyAccessExpression(statusCall) ? statusCall.getName() : undefined;
      const status =
        (statusMethod === 'status' || statusMethod === 'code') && Node.isCallExpression(receiver)
          ? statusOf(receiver.getArguments()[0])
          : statusSetBefore(node, responseStatusSetting(receiver.getText()));
      if (statusMethod === 'status' || statusMethod === 'code' || Node.isIdentifier(receiver)) {
        add(node, status, args[0], `${root}.${statusMethod ? `${statusMethod}().` : ''}${method}`, framework ?? (root === 'reply' ? 'fastify' : 'express'));
      }
    }
  }
  return { sites, nestFilter };
}

/**
 * The status set before a response in the statements that lead to it: `ctx.status = N` (Koa) or
 * `res.status(N);` (Express, as a statement of its own) in the same block or an enclosing one of
 * the same function. 200 when none is set; undefined when it is set from a variable.
 */
function statusSetBefore(response: Node, isStatusSetting: (statement: Node) => Node | undefined): number | undefined {
  let statement: Node | undefined = response.getFirstAncestorByKind(SyntaxKind.ExpressionStatement);
  while (statement) {
    const block = statement.getParent();
    if (!block || !(Node.isBlock(block) || Node.isSourceFile(block))) break;
    const siblings = block.getStatements();
    for (let index = siblings.indexOf(statement as never) - 1; index >= 0; index--) {
      const value = isStatusSetting(siblings[index]!);
      if (value) return statusOf(value);
    }
    const owner = block.getParent();
    if (!owner || Node.isArrowFunction(owner) || Node.isFunctionExpression(owner) || Node.isFunctionDeclaration(owner) || Node.isMethodDeclaration(owner) || Node.isSourceFile(block)) break;
    statement = owner.getFirstAncestor((ancestor) => Node.isStatement(ancestor) && (Node.isBlock(ancestor.getParent()) || Node.isSourceFile(ancestor.getParent())));
  }
  return 200;
}

/** `ctx.status = 404` as a statement: its value. */
function koaStatusSetting(statement: Node): Node | undefined {
  const expression = Node.isExpressionStatement(statement) ? statement.getExpression() : undefined;
  return expression && Node.isBinaryExpression(expression) && /^(?:ctx|context)\.status$/u.test(expression.getLeft().getText()) ? expression.getRight() : undefined;
}

/** `res.status(404);` as a statement of its own, on the given response: its argument. */
function responseStatusSetting(receiver: string): (statement: Node) => Node | undefined {
  return (statement) => {
    const expression = Node.isExpressionStatement(statement) ? unwrapExpression(statement.getExpression()) : undefined;
    if (!expression || !Node.isCallExpression(expression)) return undefined;
    const callee = unwrapExpression(expression.getExpression());
    return Node.isPropertyAccessExpression(callee) && /^(?:status|code)$/u.test(callee.getName()) && callee.getExpression().getText() === receiver ? (expression.getArguments()[0] ?? undefined) : undefined;
  };
}
