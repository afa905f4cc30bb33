import type { TSESTree } from '@typescript-eslint/utils';
import type { Atom, RequestAtom, RequestPart, Value } from './value.js';

/** Request properties that hold client input, by the part they are. */
const REQUEST_PARTS: ReadonlyMap<string, RequestPart> = new Map([
  ['body', 'body'],
  ['rawBody', 'body'],
  ['payload', 'body'],
  ['query', 'query'],
  ['queryStringParameters', 'query'],
  ['multiValueQueryStringParameters', 'query'],
  ['searchParams', 'query'],
  ['params', 'params'],
  ['pathParameters', 'params'],
  ['headers', 'headers'],
  ['header', 'headers'],
  ['rawHeaders', 'headers'],
  ['cookies', 'cookies'],
  ['signedCookies', 'cookies'],
  ['files', 'files'],
  ['file', 'files'],
  ['url', 'url'],
  ['originalUrl', 'url'],
  ['nextUrl', 'url'],
  ['path', 'url'],
  ['search', 'url'],
]);

/** What a Koa or Hono context delegates to its request (`ctx.query`, `ctx.params`, `ctx.headers`). */
const CONTEXT_PARTS: ReadonlySet<string> = new Set(['query', 'params', 'headers', 'header', 'cookies', 'url', 'path', 'querystring']);

/** Request methods that return input, by the part (`req.get('x')`, Hono's `c.req.json()`). */
const REQUEST_METHODS: ReadonlyMap<string, RequestPart> = new Map([
  ['get', 'headers'],
  ['header', 'headers'],
  ['param', 'params'],
  ['query', 'query'],
  ['queries', 'query'],
  ['json', 'body'],
  ['text', 'body'],
  ['formData', 'body'],
  ['parseBody', 'body'],
  ['arrayBuffer', 'body'],
  ['blob', 'body'],
  ['valid', 'body'],
]);

/** Request methods that, given a name, return the text of that one entry (`c.req.query('q')`, `req.get('x')`), not an object. */
const TEXT_GETTERS: ReadonlySet<string> = new Set(['get', 'header', 'param', 'query', 'queries']);

/** `searchParams.get('q')`, `headers.get('x')`, `cookies.get('sid')` on a part of the request. */
const PART_GETTERS: ReadonlySet<string> = new Set(['get', 'getAll', 'has']);

const unknown = (node: TSESTree.Node, name: string): Atom => ({ kind: 'unknown', node, names: [name] });

/** `request[key]`: a part of the request, a path further into a part, or a property that is not input. */
export function requestProperty(atom: RequestAtom, key: string, node: TSESTree.Node): Atom {
  if (atom.part !== undefined) {
    // `new URL(req.url).searchParams` and `req.nextUrl.searchParams` are the query.
    // `new URL(req.url).searchParams`, `req.nextUrl.searchParams`, `url.parse(req.url, true).query` are the query.
    if (atom.part === 'url' && atom.path.length === 0 && (key === 'searchParams' || key === 'query')) return { ...atom, part: 'query', node, names: [] };
    return { ...atom, path: atom.path.length >= 6 ? atom.path : [...atom.path, key], node, names: [] };
  }
  if (atom.context) {
    if (key === 'request' || key === 'req') return { ...atom, context: undefined, node, names: [] };
    if (atom.context === 'koa' && CONTEXT_PARTS.has(key)) {
      return { ...atom, context: undefined, part: key === 'querystring' ? 'query' : (REQUEST_PARTS.get(key) ?? 'url'), node, names: [] };
    }
    // `ctx.body` is the response, `ctx.state` what middleware put there.
    return unknown(node, key);
  }
  const part = REQUEST_PARTS.get(key);
  if (part) return { ...atom, part, node, names: [], ...(atom.validatedParts?.includes(part) ? { validated: true } : {}) };
  return atom.byName ? { kind: 'param', node: atom.node, names: [], fn: atom.byName.fn, index: atom.byName.index, path: [key] } : unknown(node, key);
}

/**
 * The result of `receiver.method(...)` where the receiver is (part of) a request: `req.get('Cookie')`,
 * `c.req.query('q')`, `await request.json()`, `url.searchParams.get('q')`. `key` is the constant
 * name the call reads (`'Cookie'`), when it has one. Undefined when the call does not read input.
 */
export function requestMethod(receiver: Value, method: string, node: TSESTree.CallExpression, key?: string): Atom[] | undefined {
  const found: Atom[] = [];
  for (const atom of receiver) {
    if (atom.kind !== 'request') continue;
    if (atom.part === undefined) {
      // Koa's `ctx.get('Authorization')` reads a header; Hono's `c.get('user')` reads what middleware set.
      if (atom.context === 'hono' || (atom.context === 'koa' && method !== 'get')) continue;
      const part = REQUEST_METHODS.get(method);
      const text = node.arguments.length > 0 && TEXT_GETTERS.has(method);
      // A header read by name (`req.get('Cookie')`) is that header; other named reads (`c.req.query('q')`) stay reads of their part.
      const path = part === 'headers' && key !== undefined ? [key.toLowerCase()] : [];
      if (part) found.push({ ...atom, context: undefined, part, path, node, names: [], validated: method === 'valid' || atom.validated, ...(text ? { text } : {}) });
    } else if (PART_GETTERS.has(method)) {
      const named = method === 'get' && key !== undefined ? (atom.part === 'headers' ? key.toLowerCase() : key) : '[]';
      found.push({ ...atom, path: [...atom.path, named], node, names: [], text: true });
    }
  }
  return found.length > 0 ? found : undefined;
}
