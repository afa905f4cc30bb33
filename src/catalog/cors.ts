/**
 * The calls that configure CORS, per library, with the defaults and option semantics the rule
 * relies on, and the response headers that carry a CORS policy.
 *
 * How the libraries were chosen: the CORS middleware of every Node.js HTTP framework persona-lint
 * checks (Express, Fastify, Koa, Hono, NestJS), the servers that take a `cors` option of their own
 * (socket.io, Apollo Server, GraphQL Yoga, hapi) and the CORS packages of the other Node.js
 * frameworks and runtimes (restify, Elysia, micro, h3, itty-router, tinyhttp, Middy for AWS Lambda),
 * 20 libraries in all. Each entry names the package whose type definitions (bundled or
 * `@types/*`) were read, at the version read; behaviour the types do not state (a default, what
 * `'*'` does with credentials) was read in that version's code. Packages without a CORS option in
 * their types are not here: express-graphql, mercurius, @trpc/server's adapters,
 * @fastify/websocket, @apollo/server (its standalone server always applies `cors()`, with no option).
 */

/** How a library calls an `origin` function, and what the function gives back. */
export type OriginFunctionStyle =
  /** `(origin, callback) => callback(null, true | origin | false)`: cors, @fastify/cors. */
  | 'callback'
  /** `(origin, c) => origin | null`: Hono, Middy's `getOrigin`. */
  | 'return-origin'
  /** `(ctx) => ctx.get('Origin')`: @koa/cors, tinyhttp's `(req, res) => origin`. */
  | 'context'
  /** `(origin) => true | false`: h3, Elysia, whose function says whether the origin is allowed. */
  | 'predicate';

/** Where a call takes its CORS options. */
export interface CorsCall {
  /**
   * The callee as a module path, without an ES module's `.default` (`''` the module itself, `.cors` an
   * export, `.ApolloServer().applyMiddleware` a method of an instance).
   */
  readonly path: string;
  /** The export at `path` is a Fastify plugin: `fastify.register(plugin, options)`. */
  readonly plugin?: boolean;
  /** A method of any receiver: `app.enableCors()` (NestJS applications are rarely traced to their factory). */
  readonly anyReceiver?: boolean;
  /** The argument that holds the options, or `'any'` argument that holds `key`. */
  readonly argument: number | 'any';
  /** The path of the CORS options inside that argument (`['cors']`, `['routes', 'cors']`); none: the argument itself. */
  readonly key?: readonly string[];
  /** What the call does when the options are left out: apply the library's default, or no CORS at all. */
  readonly absent: 'default' | 'off';
}

export interface CorsLibrary {
  readonly id: string;
  /** Shown in messages. */
  readonly label: string;
  readonly modules: readonly string[];
  readonly calls: readonly CorsCall[];
  /**
   * What the library allows when no origin is given: `wildcard` (`*`), `reflect` (the request's
   * Origin), `none` (no CORS header), or, for @koa/cors, `*` in v5 (the request's own origin in
   * v4 and before) and the request's origin as soon as `credentials` is on.
   */
  readonly defaultOrigin: 'wildcard' | 'reflect' | 'none' | 'koa';
  /** The default in words, for messages. */
  readonly defaultText: string;
  /** Credentials are allowed unless the options turn them off (micro-cors, Elysia, GraphQL Yoga). */
  readonly credentialsByDefault?: boolean;
  /** The option keys of the allowed origins and of credentials. */
  readonly originKeys: readonly string[];
  readonly credentialsKey: string;
  readonly originFunction: OriginFunctionStyle;
  /** What `origin: true` allows: the request's Origin, `*`, or nothing special (no boolean origins). */
  readonly trueOrigin?: 'reflect' | 'wildcard';
  /** `'*'` together with credentials answers with the request's Origin rather than a literal `*`. */
  readonly wildcardReflects?: boolean;
  /** `'*'` inside a list of origins allows every origin (hapi, restify, GraphQL Yoga, Middy). */
  readonly listWildcard?: boolean;
  /** Where its CORS options are documented. */
  readonly docs: string;
  /** The package whose type definitions were read, at the version read (`@types/cors@2.8.19`). */
  readonly types: string;
}

/** The module called with its options (`cors(options)`); an ES module's `.default` is the same call. */
const OPTIONS_ARGUMENT: CorsCall[] = [{ path: '', argument: 0, absent: 'default' }];
const CORS_PACKAGE = { originKeys: ['origin'], credentialsKey: 'credentials', originFunction: 'callback', trueOrigin: 'reflect' } as const;
const WILDCARD = { defaultOrigin: 'wildcard', defaultText: '`Access-Control-Allow-Origin: *`' } as const;
/** Koa middleware that fall back to the request's Origin: `origin` a string or a function of `ctx`. */
const KOA_REFLECTING = { defaultOrigin: 'reflect', defaultText: "the request's own Origin", originKeys: ['origin'], credentialsKey: 'credentials', originFunction: 'context' } as const;

export const CORS_LIBRARIES: readonly CorsLibrary[] = [
  {
    // "origin ... default '*'"; `true` reflects the request origin.
    id: 'cors',
    label: 'cors',
    modules: ['cors'],
    calls: OPTIONS_ARGUMENT,
    ...WILDCARD,
    ...CORS_PACKAGE,
    docs: 'https://github.com/expressjs/cors#configuration-options',
    types: '@types/cors@2.8.19',
  },
  {
    // "The special * value (default) allows any origin"; `true` reflects.
    id: 'fastify',
    label: '@fastify/cors',
    modules: ['@fastify/cors', 'fastify-cors'],
    calls: ['', '.fastifyCors'].map((path) => ({ path, plugin: true, argument: 1, absent: 'default' })),
    ...WILDCARD,
    ...CORS_PACKAGE,
    docs: 'https://github.com/fastify/fastify-cors#options',
    types: '@fastify/cors@11.4.3',
  },
  {
    // "origin: * (v4 and before: the request's Origin header)"; "If `credentials` set and return
    // `true`, the `origin` default value will set to the request `Origin` header".
    id: 'koa',
    label: '@koa/cors',
    modules: ['@koa/cors'],
    calls: OPTIONS_ARGUMENT,
    defaultOrigin: 'koa',
    defaultText: "`*` in v5, the request's own Origin in v4 and before",
    originKeys: ['origin'],
    credentialsKey: 'credentials',
    originFunction: 'context',
    docs: 'https://github.com/koajs/cors#corsoptions',
    types: '@types/koa__cors@5.0.1',
  },
  {
    // kcors is @koa/cors v2: `options.origin || ctx.get('Origin')`.
    id: 'kcors',
    label: 'kcors',
    modules: ['kcors'],
    calls: OPTIONS_ARGUMENT,
    ...KOA_REFLECTING,
    docs: 'https://github.com/koajs/cors/tree/v2.2.2#corsoptions',
    types: '@types/kcors@2.2.9',
  },
  {
    // `origin = options.origin || ctx.get('Origin') || '*'`.
    id: 'koa2-cors',
    label: 'koa2-cors',
    modules: ['koa2-cors'],
    calls: OPTIONS_ARGUMENT,
    ...KOA_REFLECTING,
    docs: 'https://github.com/zadzbw/koa2-cors#options',
    types: '@types/koa2-cors@2.0.6',
  },
  {
    // `const defaults = { origin: '*', ... }`.
    id: 'hono',
    label: 'hono/cors',
    modules: ['hono/cors'],
    calls: [{ path: '.cors', argument: 0, absent: 'default' }],
    ...WILDCARD,
    originKeys: ['origin'],
    credentialsKey: 'credentials',
    originFunction: 'return-origin',
    docs: 'https://hono.dev/docs/middleware/builtin/cors',
    types: 'hono@4.13.23',
  },
  {
    // `enableCors(options?: CorsOptions | CorsOptionsDelegate)` and `NestApplicationOptions.cors`, handed to
    // the cors package (or @fastify/cors on @nestjs/platform-fastify).
    id: 'nest',
    label: 'NestJS',
    // `enableCors` is found by name; only `NestFactory` needs its module (so NestJS files that import
    // only @nestjs/common are not searched call by call).
    modules: ['@nestjs/core'],
    calls: [
      { path: '.enableCors', anyReceiver: true, argument: 0, absent: 'default' },
      { path: '.NestFactory.create', argument: 'any', key: ['cors'], absent: 'off' },
    ],
    ...WILDCARD,
    ...CORS_PACKAGE,
    docs: 'https://docs.nestjs.com/security/cors',
    types: '@nestjs/common@12.6.3, @nestjs/core@12.6.3, @nestjs/platform-fastify@12.6.3',
  },
  {
    // `ServerOptions.cors: CorsOptions` of the cors package, from version 3 on.
    id: 'socket.io',
    label: 'socket.io',
    modules: ['socket.io'],
    calls: ['.Server', ''].map((path) => ({ path, argument: 'any', key: ['cors'], absent: 'off' })),
    ...WILDCARD,
    ...CORS_PACKAGE,
    docs: 'https://socket.io/docs/v4/handling-cors/',
    types: 'socket.io@4.8.4',
  },
  {
    // `GetMiddlewareOptions.cors: CorsOptions | CorsOptionsDelegate | boolean`: `true` or nothing is `cors()`.
    id: 'apollo-server-express',
    label: 'apollo-server-express',
    modules: ['apollo-server-express'],
    calls: ['.ApolloServer().applyMiddleware', '.ApolloServer().getMiddleware'].map((path) => ({ path, argument: 0, key: ['cors'], absent: 'default' })),
    ...WILDCARD,
    ...CORS_PACKAGE,
    docs: 'https://www.apollographql.com/docs/apollo-server/v3/api/apollo-server#applymiddleware',
    types: 'apollo-server-express@3.13.0',
  },
  {
    // The standalone server: `cors?: CorsOptions | boolean`, `{ origin: '*' }` when left out.
    id: 'apollo-server',
    label: 'apollo-server',
    modules: ['apollo-server'],
    calls: [{ path: '.ApolloServer', argument: 0, key: ['cors'], absent: 'default' }],
    ...WILDCARD,
    ...CORS_PACKAGE,
    docs: 'https://www.apollographql.com/docs/apollo-server/v3/api/apollo-server#cors',
    types: 'apollo-server@3.13.0',
  },
  {
    // `createHandler({ expressGetMiddlewareOptions: { cors } })`, apollo-server-express's options.
    id: 'apollo-server-lambda',
    label: 'apollo-server-lambda',
    modules: ['apollo-server-lambda'],
    calls: [{ path: '.ApolloServer().createHandler', argument: 0, key: ['expressGetMiddlewareOptions', 'cors'], absent: 'default' }],
    ...WILDCARD,
    ...CORS_PACKAGE,
    docs: 'https://www.apollographql.com/docs/apollo-server/v3/deployment/lambda#customizing-http-behavior',
    types: 'apollo-server-lambda@3.13.0',
  },
  {
    // @whatwg-node/server's useCORS: no origin, an empty list or one with '*' answers with the
    // request's Origin, and `Access-Control-Allow-Credentials: true` unless `credentials: false`.
    id: 'graphql-yoga',
    label: 'GraphQL Yoga',
    modules: ['graphql-yoga', '@graphql-yoga/node'],
    calls: ['.createYoga', '.createServer'].map((path) => ({ path, argument: 0, key: ['cors'], absent: 'default' })),
    defaultOrigin: 'reflect',
    defaultText: "the request's own Origin, with credentials",
    credentialsByDefault: true,
    originKeys: ['origin'],
    credentialsKey: 'credentials',
    originFunction: 'return-origin',
    wildcardReflects: true,
    listWildcard: true,
    docs: 'https://the-guild.dev/graphql/yoga-server/docs/features/cors',
    types: 'graphql-yoga@5.24.1, @whatwg-node/server@0.11.0, @graphql-yoga/node@2.13.13',
  },
  {
    // `RouteOptionsCors`, as server `routes.cors` or route `options.cors`: `true` is `origin: ['*']`;
    // hapi answers a '*' origin with the request's Origin (lib/cors.js).
    id: 'hapi',
    label: '@hapi/hapi',
    modules: ['@hapi/hapi', 'hapi'],
    calls: [
      ...['.server', '.Server'].map((path) => ({ path, argument: 0, key: ['routes', 'cors'], absent: 'off' as const })),
      ...['.server().route', '.Server().route'].flatMap((path) => [
        { path, argument: 0, key: ['options', 'cors'], absent: 'off' as const },
        { path, argument: 0, key: ['config', 'cors'], absent: 'off' as const },
      ]),
    ],
    ...WILDCARD,
    originKeys: ['origin'],
    credentialsKey: 'credentials',
    originFunction: 'callback',
    wildcardReflects: true,
    listWildcard: true,
    docs: 'https://hapi.dev/api/#-routeoptionscors',
    types: '@hapi/hapi@21.4.13',
  },
  {
    // `opts.origins = options.origins || ['*']` (src/index.js; the package has no type definitions).
    id: 'restify',
    label: 'restify-cors-middleware2',
    modules: ['restify-cors-middleware2', 'restify-cors-middleware'],
    calls: OPTIONS_ARGUMENT,
    ...WILDCARD,
    originKeys: ['origins'],
    credentialsKey: 'credentials',
    originFunction: 'callback',
    listWildcard: true,
    docs: 'https://github.com/restify/node-restify-cors-middleware2#usage',
    types: 'restify-cors-middleware2@2.2.1 (JSDoc)',
  },
  {
    // `origin = true, credentials = true`: the request's Origin, with credentials.
    id: 'elysia',
    label: '@elysiajs/cors',
    modules: ['@elysiajs/cors'],
    calls: [{ path: '.cors', argument: 0, absent: 'default' }],
    defaultOrigin: 'reflect',
    defaultText: "the request's own Origin, with credentials",
    credentialsByDefault: true,
    originKeys: ['origin'],
    credentialsKey: 'credentials',
    originFunction: 'predicate',
    trueOrigin: 'reflect',
    wildcardReflects: true,
    docs: 'https://elysiajs.com/plugins/cors',
    types: '@elysiajs/cors@1.4.2',
  },
  {
    // `origin = '*'`, `allowCredentials = true` unless given.
    id: 'micro-cors',
    label: 'micro-cors',
    modules: ['micro-cors'],
    calls: OPTIONS_ARGUMENT,
    ...WILDCARD,
    credentialsByDefault: true,
    originKeys: ['origin'],
    credentialsKey: 'allowCredentials',
    originFunction: 'callback',
    docs: 'https://github.com/possibilities/micro-cors#options',
    types: '@types/micro-cors@0.1.6',
  },
  {
    // `CorsOptions.origin`, "@default '*'"; a function says whether the origin is allowed.
    id: 'h3',
    label: 'h3',
    modules: ['h3'],
    calls: ['.handleCors', '.appendCorsHeaders', '.appendCorsPreflightHeaders'].map((path) => ({ path, argument: 1, absent: 'default' })),
    ...WILDCARD,
    originKeys: ['origin'],
    credentialsKey: 'credentials',
    originFunction: 'predicate',
    docs: 'https://h3.dev/utils/more#handlecorsevent-options',
    types: 'h3@2.0.8',
  },
  {
    // `origin = '*'`; `true`, or `'*'` with credentials, answers with the request's Origin.
    id: 'itty-router',
    label: 'itty-router',
    modules: ['itty-router'],
    calls: [{ path: '.cors', argument: 0, absent: 'default' }],
    ...WILDCARD,
    originKeys: ['origin'],
    credentialsKey: 'credentials',
    originFunction: 'return-origin',
    trueOrigin: 'reflect',
    wildcardReflects: true,
    docs: 'https://itty.dev/itty-router/cors',
    types: 'itty-router@5.0.24',
  },
  {
    // `origin` is `*` when left out or `true`; a function of `(req, res)` returns the origin.
    id: 'tinyhttp',
    label: '@tinyhttp/cors',
    modules: ['@tinyhttp/cors'],
    calls: [{ path: '.cors', argument: 0, absent: 'default' }],
    ...WILDCARD,
    originKeys: ['origin'],
    credentialsKey: 'credentials',
    originFunction: 'context',
    trueOrigin: 'wildcard',
    docs: 'https://tinyhttp.v1rtl.site/mw/cors',
    types: '@tinyhttp/cors@2.0.1',
  },
  {
    // No origin: no header. `origin: '*'` or `origins: ['*']` with credentials answers with the request's Origin.
    id: 'middy',
    label: '@middy/http-cors',
    modules: ['@middy/http-cors'],
    calls: OPTIONS_ARGUMENT,
    defaultOrigin: 'none',
    defaultText: 'no `Access-Control-Allow-Origin` header',
    originKeys: ['origin', 'origins', 'getOrigin'],
    credentialsKey: 'credentials',
    originFunction: 'return-origin',
    wildcardReflects: true,
    listWildcard: true,
    docs: 'https://middy.js.org/docs/middlewares/http-cors',
    types: '@middy/http-cors@6.4.5',
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

/** Every option key that holds allowed origins, in any library. */
export const ORIGIN_OPTION_KEYS: ReadonlySet<string> = new Set(CORS_LIBRARIES.flatMap((library) => library.originKeys));

/** Methods that configure CORS on any receiver (`app.enableCors()`), by name. */
export const RECEIVER_METHODS: ReadonlyMap<string, { library: CorsLibrary; call: CorsCall }> = new Map(
  CORS_LIBRARIES.flatMap((library) => library.calls.filter((call) => call.anyReceiver).map((call) => [call.path.slice(1), { library, call }] as const)),
);

/**
 * The origin browsers send from sandboxed iframes, `file:` and `data:` documents, and after some
 * cross-origin redirects: any site can make its requests carry it.
 */
export const NULL_ORIGIN = 'null';

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

/** What is wrong with a regular expression that is meant to list origins, and the expression to write instead. */
export interface OriginPatternFlaws {
  /** A branch lacks `$` (`https://app.example.com.evil.net` matches), or lacks `^` before a host (`https://evilexample.com`). */
  readonly unanchored: boolean;
  /** A `.` between host characters matches any character (`appXexample.com`). */
  readonly unescapedDot: boolean;
  /** The source with every branch anchored and its dots escaped. */
  readonly fixed: string;
}

/** Top-level `|` branches of a regular expression source. */
function branchesOf(source: string): string[] {
  const branches: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (char === '\\') index++;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === '|' && depth === 0) {
      branches.push(source.slice(start, index));
      start = index + 1;
    }
  }
  return [...branches, source.slice(start)];
}

/** A branch with its host dots escaped (a `.` followed by a letter or digit, outside a class); `.*`, `.+` stay. */
function escapeHostDots(branch: string): string {
  let out = '';
  let inClass = false;
  for (let index = 0; index < branch.length; index++) {
    const char = branch[index]!;
    if (char === '\\') {
      out += branch.slice(index, index + 2);
      index++;
      continue;
    }
    if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    out += char === '.' && !inClass && /[\w-]/u.test(branch[index + 1] ?? '') ? '\\.' : char;
  }
  return out;
}

/**
 * The flaws of an origin allowlist written as a regular expression (`/https:\/\/app.example.com$/`,
 * `new RegExp('example\\.com')`), or undefined when it has none. A branch that starts with `\.`, `\/`
 * or the scheme needs no `^`: what can come before it is no other host.
 */
export function originPatternFlaws(source: string): OriginPatternFlaws | undefined {
  const branches = branchesOf(source);
  let unanchored = false;
  let unescapedDot = false;
  const fixed = branches.map((branch) => {
    const escaped = escapeHostDots(branch);
    if (escaped !== branch) unescapedDot = true;
    const start = branch.startsWith('^') || !/^[\w-]/u.test(branch) || /^https?\b/u.test(branch);
    const end = /(?<!\\)\$$/u.test(branch);
    if (!start || !end) unanchored = true;
    const body = escaped.replace(/^\^/u, '').replace(/(?<!\\)\$$/u, '');
    return branches.length > 1 ? body : `^${body}$`;
  });
  if (!unanchored && !unescapedDot) return undefined;
  return { unanchored, unescapedDot, fixed: branches.length > 1 ? `^(?:${fixed.join('|')})$` : fixed[0]! };
}

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
