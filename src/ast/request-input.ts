import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  CONTEXT_OBJECTS,
  DELEGATING_CONTEXT_OBJECTS,
  REQUEST_BODY_PROPERTIES,
  REQUEST_HEADER_PROPERTIES,
  REQUEST_OBJECTS,
} from '../catalog/request-sources.js';
import { memberName, unwrap } from './nodes.js';

/** NestJS parameter decorators that inject request input. */
const REQUEST_DECORATORS: ReadonlySet<string> = new Set(['Body', 'Query', 'Param', 'Headers', 'Req', 'Request', 'Cookies']);

/**
 * The request itself: `req`, `request`, Koa's `ctx.request`, Hono's `c.req`. Returns the names
 * read from it, outermost first, when `node` is a member chain into the request.
 */
function requestChain(node: TSESTree.Node): string[] | undefined {
  const names: string[] = [];
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(current);
    names.unshift(name ?? '[]');
    current = unwrap(current.object);
  }
  if (current.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (REQUEST_OBJECTS.has(current.name)) return names;
  if (CONTEXT_OBJECTS.has(current.name)) {
    if (names[0] === 'request' || names[0] === 'req') return names.slice(1);
    if (names.length === 0 && DELEGATING_CONTEXT_OBJECTS.has(current.name)) return names;
    // Koa delegates these to ctx.request.
    if (names[0] === 'query' || names[0] === 'params' || names[0] === 'headers' || names[0] === 'header') return names;
  }
  return undefined;
}

/** The whole request headers: `req.headers`, `ctx.request.headers`, Hono's `c.req.header()`. */
export function isWholeRequestHeaders(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(inner.callee);
    return (
      inner.arguments.length === 0 &&
      callee.type === AST_NODE_TYPES.MemberExpression &&
      memberName(callee) === 'header' &&
      requestChain(callee.object)?.length === 0
    );
  }
  const names = requestChain(inner);
  return names?.length === 1 && REQUEST_HEADER_PROPERTIES.has(names[0]!);
}

/** The whole request body: `req.body`, `ctx.request.body`, `await c.req.json()`. */
export function isWholeRequestBody(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(inner.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = memberName(callee);
    return (method === 'json' || method === 'parseBody' || method === 'formData') && requestChain(callee.object)?.length === 0;
  }
  const names = requestChain(inner);
  return names?.length === 1 && REQUEST_BODY_PROPERTIES.has(names[0]!);
}

/** A header read from the request by name: `req.headers.authorization`, `req.get('Cookie')`. */
export function requestHeaderName(node: TSESTree.Node): string | undefined {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(inner.callee);
    const [argument] = inner.arguments;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || argument?.type !== AST_NODE_TYPES.Literal) return undefined;
    if (typeof argument.value !== 'string') return undefined;
    const method = memberName(callee);
    if ((method === 'get' || method === 'header') && requestChain(callee.object)?.length === 0) return argument.value.toLowerCase();
    if (method === 'get' && isWholeRequestHeaders(callee.object)) return argument.value.toLowerCase();
    return undefined;
  }
  const names = requestChain(inner);
  if (names?.length === 2 && REQUEST_HEADER_PROPERTIES.has(names[0]!)) return names[1]!.toLowerCase();
  return undefined;
}

/** The NestJS decorator that injects a handler parameter from the request (`Body` for `@Body() dto`). */
export function requestDecorator(param: TSESTree.Node): string | undefined {
  const decorated = param.parent?.type === AST_NODE_TYPES.TSParameterProperty ? param.parent : param;
  if (!('decorators' in decorated) || !Array.isArray(decorated.decorators)) return undefined;
  for (const decorator of decorated.decorators as TSESTree.Decorator[]) {
    const expression = decorator.expression;
    const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
    if (callee.type === AST_NODE_TYPES.Identifier && REQUEST_DECORATORS.has(callee.name)) return callee.name;
  }
  return undefined;
}
