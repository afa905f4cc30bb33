import { Node, SyntaxKind } from './ts-morph.js';
import { AUTH_REJECTION, CREDENTIALS_TEST, DATA_WORK, IDENTITY_TEST, LIMITER_CALL, SECURITY_HEADER_WRITE } from '../catalog/frameworks.js';
import type { MiddlewareKind } from './model.js';
import { unwrapExpression, type ValueResolver } from './resolve.js';

type FunctionNode = Node & { getBody?: () => Node | undefined; getParameters?: () => Node[] };

/** Built on first use: reading SyntaxKind loads ts-morph. */
let functionKinds: ReadonlySet<SyntaxKind> | undefined;

/** Whether a node of this kind is a function the analysis evaluates: an arrow, a function expression or declaration, a method. */
export function isFunctionKind(kind: SyntaxKind): boolean {
  functionKinds ??= new Set([SyntaxKind.ArrowFunction, SyntaxKind.FunctionExpression, SyntaxKind.FunctionDeclaration, SyntaxKind.MethodDeclaration]);
  return functionKinds.has(kind);
}

export function isFunctionNode(node: Node): boolean {
  return isFunctionKind(node.getKind());
}

/** The statements of a function body, looking through one `try` that wraps them all. */
function leadingStatements(fn: Node): Node[] {
  const body = (fn as FunctionNode).getBody?.();
  if (!body || !Node.isBlock(body)) return [];
  const statements = body.getStatements();
  const first = statements[0];
  if (statements.length === 1 && first && Node.isTryStatement(first)) return first.getTryBlock().getStatements();
  return statements;
}

/**
 * An `if` that tests who is calling (a session, a user, a token), not whether the credentials
 * given to a login are right: that one rejects with 401 too, but it is the login itself.
 */
function testsIdentity(statement: Node): boolean {
  return Node.isIfStatement(statement) && IDENTITY_TEST.test(statement.getExpression().getText());
}

/** The text of the branch an `if` takes, when that branch ends the handler (return or throw). */
function exitingBranch(statement: Node): string | undefined {
  if (!Node.isIfStatement(statement)) return undefined;
  const branch = statement.getThenStatement();
  const text = branch.getText();
  const exits = Node.isReturnStatement(branch) || Node.isThrowStatement(branch) || (Node.isBlock(branch) && branch.getStatements().some((inner) => Node.isReturnStatement(inner) || Node.isThrowStatement(inner)));
  return exits ? text : undefined;
}

/**
 * How far into a handler to look for its guard: an authentication check comes first, after the
 * few declarations that read the session or token.
 */
const GUARD_WINDOW = 8;

/**
 * Whether a function rejects unauthenticated requests before doing any work: an `if` near the top
 * that returns or throws a 401/403 (or redirects to a login page), with no data work before it
 * (`const session = await auth(); if (!session) return new Response(null, { status: 401 })`). A
 * helper called first that itself rejects that way (`await requireUser(ctx)`) counts too.
 */
export function guardsAuthentication(raw: Node, resolver: ValueResolver, depth = 0): boolean {
  // `export const POST = async (req) => { ... }`
  const initializer = Node.isVariableDeclaration(raw) ? raw.getInitializer() : undefined;
  const fn = initializer ? unwrapExpression(initializer) : raw;
  // A helper that does nothing but check the caller may take a few more statements to find it.
  const statements = leadingStatements(fn).slice(0, depth === 0 ? GUARD_WINDOW : 2 * GUARD_WINDOW);
  for (const statement of statements) {
    // A login checks the credentials it was given and answers 401 too: that is not a guard.
    if (CREDENTIALS_TEST.test(Node.isIfStatement(statement) ? statement.getExpression().getText() : statement.getText())) return false;
    const branch = exitingBranch(statement);
    if (branch !== undefined && AUTH_REJECTION.test(branch) && testsIdentity(statement)) return true;
    if (depth === 0 && callsGuard(statement, resolver)) return true;
    if (DATA_WORK.test(statement.getText())) return false;
  }
  return false;
}

/** A statement that calls a project function that rejects unauthenticated requests (`await requireUser(req)`). */
function callsGuard(statement: Node, resolver: ValueResolver): boolean {
  if (!Node.isExpressionStatement(statement) && !Node.isVariableStatement(statement)) return false;
  const calls = statement.getDescendants().filter((node) => Node.isCallExpression(node));
  for (const call of calls.slice(0, 3)) {
    if (!Node.isCallExpression(call)) continue;
    for (const fn of calledFunctions(call, resolver)) if (guardsAuthentication(fn, resolver, 1)) return true;
  }
  return false;
}

/**
 * The functions a call runs: the callee; for a wrapped one (`useAuth = createMiddleware(async (req,
 * res, next) => ...)`) the function it wraps; for a router built in a chain (`Router().use(json(),
 * forwardError((req, res) => controller.update(req, res)))`) its last handler.
 */
function calledFunctions(call: Node, resolver: ValueResolver): Node[] {
  if (!Node.isCallExpression(call)) return [];
  const callee = unwrapExpression(call.getExpression());
  const direct = resolver.functionsOf(callee);
  if (direct.length > 0) return direct;
  return resolver.definitions(callee).flatMap((definition) => (Node.isCallExpression(definition) ? wrappedFunctions(definition) : []));
}

function wrappedFunctions(call: Node): Node[] {
  if (!Node.isCallExpression(call)) return [];
  const last = call.getArguments().at(-1);
  const inner = last && unwrapExpression(last);
  if (!inner) return [];
  if (isFunctionNode(inner)) return [inner];
  // `forwardError(fn)`: the function a wrapper is given.
  return Node.isCallExpression(inner) ? inner.getArguments().map(unwrapExpression).filter(isFunctionNode) : [];
}

/** A handler that only hands the request on: the functions it hands it to, when the analyzer can read them. */
export function delegatedFunctions(fn: Node, resolver: ValueResolver): Node[] {
  const call = delegateCall(fn);
  if (!call) return [];
  const targets = calledFunctions(call, resolver);
  // `(req, res) => memberController.update(req, res)`: one more hand-off to the controller.
  return targets.flatMap((target) => {
    const next = delegateCall(target);
    return next && !isFunctionNode(target) ? [] : next ? [target, ...calledFunctions(next, resolver)] : [target];
  });
}

/** Middleware that is an error handler (`(err, req, res, next)`) answers every error, auth or not. */
function isErrorHandler(fn: Node): boolean {
  return ((fn as FunctionNode).getParameters?.() ?? []).length === 4;
}

/**
 * What a project's own middleware does, read from its body: rejects with 401/403 (auth), writes
 * the key security headers (security headers), or calls a limiter (rate limit). `functions` are
 * the middleware function and, for a factory (`csp()`), the factory and what it returns.
 */
export function kindsFromBody(functions: readonly Node[]): MiddlewareKind[] {
  const kinds = new Set<MiddlewareKind>();
  for (const fn of functions) {
    if (isErrorHandler(fn)) continue;
    const text = fn.getText();
    if (text.length > 20_000) continue;
    if (SECURITY_HEADER_WRITE.test(text)) kinds.add('security-headers');
    if (LIMITER_CALL.test(text)) kinds.add('rate-limit');
    const rejects = leadingStatements(fn).some((statement) => {
      const branch = exitingBranch(statement);
      return branch !== undefined && AUTH_REJECTION.test(branch);
    });
    if (rejects || (Node.isArrowFunction(fn) && AUTH_REJECTION.test(text) && text.length < 2_000)) kinds.add('auth');
  }
  return [...kinds];
}

/** The functions a middleware expression runs: itself, or for a factory call what the factory returns. */
export function middlewareFunctions(node: Node, resolver: ValueResolver): Node[] {
  const inner = unwrapExpression(node);
  if (isFunctionNode(inner)) return [inner];
  if (Node.isCallExpression(inner)) {
    const factories = resolver.functionsOf(unwrapExpression(inner.getExpression()));
    return factories.flatMap((factory) => {
      const returned = returnedFunctions(factory, resolver);
      return returned.length > 0 ? returned : [factory];
    });
  }
  if (Node.isIdentifier(inner) || Node.isPropertyAccessExpression(inner)) return resolver.functionsOf(inner);
  return [];
}

function returnedFunctions(factory: Node, resolver: ValueResolver): Node[] {
  const body = (factory as FunctionNode).getBody?.();
  if (!body) return [];
  if (!Node.isBlock(body)) return isFunctionNode(body) ? [body] : [];
  const found: Node[] = [];
  for (const statement of body.getStatements()) {
    if (!Node.isReturnStatement(statement)) continue;
    const value = statement.getExpression();
    if (!value) continue;
    const inner = unwrapExpression(value);
    if (isFunctionNode(inner)) found.push(inner);
    else if (Node.isIdentifier(inner)) found.push(...resolver.functionsOf(inner));
  }
  return found;
}

/**
 * A handler that only hands the request on to a function the analyzer cannot read
 * (`(req, res, next) => service.middleware.update(req, res, next)`): what runs is out of sight.
 */
export function handsOn(fn: Node, resolver: ValueResolver): boolean {
  return delegateCall(fn) !== undefined && delegatedFunctions(fn, resolver).length === 0;
}

/** The one call a function's body makes, passing its request on (`return service.update(req, res, next)`). */
function delegateCall(fn: Node): Node | undefined {
  const body = (fn as FunctionNode).getBody?.();
  if (!body) return undefined;
  const statements = Node.isBlock(body) ? body.getStatements() : [body];
  if (statements.length !== 1) return undefined;
  const only = statements[0]!;
  const expression = Node.isReturnStatement(only) ? only.getExpression() : Node.isExpressionStatement(only) ? only.getExpression() : Node.isBlock(body) ? undefined : only;
  const call = expression && unwrapExpression(expression);
  if (!call || !Node.isCallExpression(call)) return undefined;
  const [first] = (fn as FunctionNode).getParameters?.() ?? [];
  const request = first?.getText().replace(/[:=].*$/su, '').trim();
  return request !== undefined && call.getArguments().some((argument) => argument.getText() === request) ? call : undefined;
}
