/**
 * CORS middleware per framework, with the defaults the rule relies on (from each library's
 * documentation), and the response headers that carry a CORS policy.
 */

/** How a library calls an `origin` function, and what the function gives back. */
export type OriginFunctionStyle =
  /** `(origin, callback) => callback(null, true | origin | false)`: cors, @fastify/cors. */
  | 'callback'
  /** `(origin, c) => origin | null`: Hono. */
  | 'return-origin'
  /** `(ctx) => ctx.get('Origin')`: @koa/cors. */
  | 'context';

export interface CorsLibrary {
  readonly id: 'cors' | 'fastify' | 'koa' | 'hono' | 'nest' | 'socket.io';
  /** Shown in messages. */
  readonly label: string;
  readonly modules: readonly string[];
  /** Module paths of the middleware factory (`''` is the default export). */
  readonly paths: readonly string[];
  /**
   * What the library allows when no `origin` is given: `wildcard` (`*`), or, for @koa/cors,
   * `*` in v5 (the request's own origin in v4 and before) and the request's origin as soon as
   * `credentials` is on.
   */
  readonly defaultOrigin: 'wildcard' | 'koa';
  /** The default in words, for messages. */
  readonly defaultText: string;
  readonly originFunction: OriginFunctionStyle;
}

export const CORS_LIBRARIES: readonly CorsLibrary[] = [
  {
    // https://github.com/expressjs/cors: "origin ... default '*'"; `true` reflects the request origin.
    id: 'cors',
    label: 'cors',
    modules: ['cors'],
    paths: ['', '.default'],
    defaultOrigin: 'wildcard',
    defaultText: '`Access-Control-Allow-Origin: *`',
    originFunction: 'callback',
  },
  {
    // @fastify/cors README: "The special * value (default) allows any origin"; `true` reflects.
    id: 'fastify',
    label: '@fastify/cors',
    modules: ['@fastify/cors', 'fastify-cors'],
    paths: ['', '.default', '.fastifyCors'],
    defaultOrigin: 'wildcard',
    defaultText: '`Access-Control-Allow-Origin: *`',
    originFunction: 'callback',
  },
  {
    // @koa/cors README: "origin: * (v4 and before: the request's Origin header)"; "If `credentials`
    // set and return `true`, the `origin` default value will set to the request `Origin` header".
    id: 'koa',
    label: '@koa/cors',
    modules: ['@koa/cors', 'kcors'],
    paths: ['', '.default'],
    defaultOrigin: 'koa',
    defaultText: '`*` in v5, the request\'s own Origin in v4 and before',
    originFunction: 'context',
  },
  {
    // hono/cors: `const defaults = { origin: '*', ... }`.
    id: 'hono',
    label: 'hono/cors',
    modules: ['hono/cors'],
    paths: ['.cors'],
    defaultOrigin: 'wildcard',
    defaultText: '`Access-Control-Allow-Origin: *`',
    originFunction: 'return-origin',
  },
  {
    // NestJS passes enableCors() / { cors } options to the cors package (or @fastify/cors).
    id: 'nest',
    label: 'NestJS',
    modules: ['@nestjs/core'],
    paths: ['.NestFactory'],
    defaultOrigin: 'wildcard',
    defaultText: '`Access-Control-Allow-Origin: *`',
    originFunction: 'callback',
  },
  {
    // socket.io v3+ passes its `cors` option to the cors package.
    id: 'socket.io',
    label: 'socket.io',
    modules: ['socket.io'],
    paths: ['.Server', '', '.default'],
    defaultOrigin: 'wildcard',
    defaultText: '`Access-Control-Allow-Origin: *`',
    originFunction: 'callback',
  },
];

/**
 * socket.io before version 3 (engine.io 3) answers its polling requests with the request's Origin
 * and `Access-Control-Allow-Credentials: true`, for every origin its `origins` option admits; the
 * default `'*:*'` admits every origin. From version 3 on it sends no CORS headers without a `cors`
 * option. https://socket.io/docs/v3/migrating-from-2-x-to-3-0/#cors-handling
 */
export const SOCKET_IO_LEGACY = {
  /** Versions below this major reflect the Origin by default. */
  belowMajor: 3,
  /** The option that narrows the origins, and its values that admit every origin. */
  option: 'origins',
  openValues: new Set(['*:*', '*']),
  /** Module paths that create a server in version 2: `require('socket.io')(server)`, `io.listen(server)`. */
  paths: ['', '.default', '.listen'],
  label: 'socket.io 2',
  defaultText: "the default origins '*:*': every Origin, with credentials",
} as const;

const LIBRARIES_BY_MODULE = new Map<string, CorsLibrary>(
  CORS_LIBRARIES.flatMap((library) => library.modules.map((name) => [name, library] as const)),
);

export function corsLibraryForModule(moduleName: string): CorsLibrary | undefined {
  return LIBRARIES_BY_MODULE.get(moduleName);
}

export function corsLibrary(id: CorsLibrary['id']): CorsLibrary {
  return CORS_LIBRARIES.find((library) => library.id === id)!;
}

/** The headers of a CORS policy, lower case. */
export const ALLOW_ORIGIN_HEADER = 'access-control-allow-origin';
export const ALLOW_CREDENTIALS_HEADER = 'access-control-allow-credentials';

/** A file's text that names a CORS header somewhere (header objects are only evaluated in such files, or when imported). */
export const CORS_HEADER_MENTION = /access-control-allow-(?:origin|credentials)/iu;

/** Methods that set one response header by name: `res.setHeader(name, value)`, `ctx.set`, `c.header`. */
export const HEADER_SETTERS: ReadonlySet<string> = new Set(['setHeader', 'header', 'set', 'append', 'appendHeader']);

/** Methods that set response headers from an object: `res.set({...})`, `reply.headers({...})`, `res.writeHead(200, {...})`. */
export const HEADER_OBJECT_SETTERS: ReadonlySet<string> = new Set(['set', 'header', 'headers', 'setHeaders', 'writeHead']);

/** Response constructors and factories whose init object has `headers` (`new Response(body, { headers })`). */
export const RESPONSE_CLASSES: ReadonlySet<string> = new Set(['Response', 'NextResponse']);
export const RESPONSE_FACTORIES: ReadonlySet<string> = new Set(['json', 'next', 'redirect', 'rewrite']);

/** Regular expression sources that match every origin (`origin: /.*\/`). */
export const MATCH_ALL_SOURCES: ReadonlySet<string> = new Set(['.*', '^.*$', '.+', '^.+$', '.', '[\\s\\S]*', '^[\\s\\S]*$', '']);

/** The request header that carries the calling page's origin, lower case as Node.js keeps headers. */
export const ORIGIN_HEADER = 'origin';

/** A function named for checking origins (`isAllowedOrigin(req)`, `checkCorsOrigin(ctx)`); `setCorsHeaders` is no check. */
export function isOriginCheckName(name: string): boolean {
  const lower = name.toLowerCase();
  return (lower.includes('origin') || lower.includes('cors')) && !lower.startsWith('set');
}

/** Methods of an origin string that test it (`origin.endsWith('.example.com')`). */
export const ORIGIN_TEST_METHODS: ReadonlySet<string> = new Set([
  'endsWith', 'startsWith', 'includes', 'match', 'matchAll', 'indexOf', 'lastIndexOf', 'search', 'localeCompare', 'test', 'equals',
]);

/** Calls that print, parse or write a value: passing the origin to them is no check. */
export const PRINTING_CALLS: ReadonlySet<string> = new Set([
  'log', 'debug', 'info', 'warn', 'error', 'trace', 'String', 'parse', 'stringify', 'encodeURIComponent', 'vary', 'set', 'setHeader',
  'header', 'append', 'appendHeader',
]);

/** Normalizes a header name for comparison: lower case, trimmed. */
export function headerKey(name: string): string {
  return name.trim().toLowerCase();
}
