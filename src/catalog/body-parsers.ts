/**
 * Request body parsers and readers, and where their size limit is set.
 *
 * A parser is found by the module its factory is imported or required from and the path to the
 * factory (`.json` for `express.json`, `''` for the module itself, as in `sql-drivers.ts`; a
 * `.default` that compiled ESM adds is ignored). Its options argument holds the limit under one of
 * `limitKeys`; a missing key means the library default (`defaultLimit`), which is bounded for every
 * parser here except `raw-body`.
 */
export interface BodyParser {
  /** Shown in messages (`express.json`, `koa-bodyparser`). */
  readonly label: string;
  readonly module: string;
  /** Module paths of the factory or reader, without `.default`. */
  readonly paths: readonly string[];
  /** Position of the options argument. */
  readonly options: number;
  /** Option keys that hold a size limit. */
  readonly limitKeys: readonly string[];
  /** The limit when no key is set, as the library writes it; `undefined` when there is none. */
  readonly defaultLimit: string | undefined;
  /**
   * The library parses a text limit with `bytes` and reads bodies of any size when that fails
   * (`limit: '50 megabytes'` is no limit at all): body-parser, raw-body, co-body and those built on them.
   */
  readonly bytesParsed: boolean;
  /** Reads a raw body: a missing options argument or limit means no limit (`getRawBody(req)`). */
  readonly unboundedByDefault?: boolean;
}

export const BODY_PARSERS: readonly BodyParser[] = [
  { label: 'express.json', module: 'express', paths: ['.json'], options: 0, limitKeys: ['limit'], defaultLimit: '100kb', bytesParsed: true },
  { label: 'express.urlencoded', module: 'express', paths: ['.urlencoded'], options: 0, limitKeys: ['limit'], defaultLimit: '100kb', bytesParsed: true },
  { label: 'express.raw', module: 'express', paths: ['.raw'], options: 0, limitKeys: ['limit'], defaultLimit: '100kb', bytesParsed: true },
  { label: 'express.text', module: 'express', paths: ['.text'], options: 0, limitKeys: ['limit'], defaultLimit: '100kb', bytesParsed: true },
  { label: 'bodyParser', module: 'body-parser', paths: [''], options: 0, limitKeys: ['limit'], defaultLimit: '100kb', bytesParsed: true },
  { label: 'bodyParser.json', module: 'body-parser', paths: ['.json'], options: 0, limitKeys: ['limit'], defaultLimit: '100kb', bytesParsed: true },
  { label: 'bodyParser.urlencoded', module: 'body-parser', paths: ['.urlencoded'], options: 0, limitKeys: ['limit'], defaultLimit: '100kb', bytesParsed: true },
  { label: 'bodyParser.raw', module: 'body-parser', paths: ['.raw'], options: 0, limitKeys: ['limit'], defaultLimit: '100kb', bytesParsed: true },
  { label: 'bodyParser.text', module: 'body-parser', paths: ['.text'], options: 0, limitKeys: ['limit'], defaultLimit: '100kb', bytesParsed: true },
  {
    label: 'koa-body',
    module: 'koa-body',
    paths: ['', '.koaBody'],
    options: 0,
    limitKeys: ['jsonLimit', 'formLimit', 'textLimit'],
    defaultLimit: '1mb',
    bytesParsed: true,
  },
  {
    label: 'koa-bodyparser',
    module: 'koa-bodyparser',
    paths: [''],
    options: 0,
    limitKeys: ['jsonLimit', 'formLimit', 'textLimit', 'xmlLimit'],
    defaultLimit: '1mb',
    bytesParsed: true,
  },
  {
    label: '@koa/bodyparser',
    module: '@koa/bodyparser',
    paths: ['', '.bodyParser'],
    options: 0,
    limitKeys: ['jsonLimit', 'formLimit', 'textLimit', 'xmlLimit'],
    defaultLimit: '1mb',
    bytesParsed: true,
  },
  { label: 'co-body', module: 'co-body', paths: ['', '.json', '.form', '.text'], options: 1, limitKeys: ['limit'], defaultLimit: '1mb', bytesParsed: true },
  { label: 'micro', module: 'micro', paths: ['.json', '.text', '.buffer'], options: 1, limitKeys: ['limit'], defaultLimit: '1mb', bytesParsed: true },
  { label: 'raw-body', module: 'raw-body', paths: [''], options: 1, limitKeys: ['limit'], defaultLimit: undefined, bytesParsed: true, unboundedByDefault: true },
  { label: 'bodyLimit (hono)', module: 'hono/body-limit', paths: ['.bodyLimit'], options: 0, limitKeys: ['maxSize'], defaultLimit: undefined, bytesParsed: false },
];

const PARSERS_BY_MODULE = new Map<string, BodyParser[]>();
for (const parser of BODY_PARSERS) PARSERS_BY_MODULE.set(parser.module, [...(PARSERS_BY_MODULE.get(parser.module) ?? []), parser]);

/** The parser a module path names (`express` and `.json`), if the catalog knows it. */
export function bodyParserFor(moduleName: string, path: string): BodyParser | undefined {
  return PARSERS_BY_MODULE.get(moduleName)?.find((parser) => parser.paths.includes(path));
}

/** Option keys that set a body limit whatever the call: Fastify's server, route and content-type parser options, NestJS's FastifyAdapter. */
export const FRAMEWORK_LIMIT_KEYS: readonly string[] = ['bodyLimit'];

/** NestJS's `app.useBodyParser(type, options)`: body-parser options under the hood. */
export const NEST_BODY_PARSER_METHOD = 'useBodyParser';

/** Units of a size as `bytes` (and so body-parser) reads them: powers of 1024. */
export const SIZE_UNITS: ReadonlyMap<string, number> = new Map([
  ['b', 1],
  ['kb', 1024],
  ['mb', 1024 ** 2],
  ['gb', 1024 ** 3],
  ['tb', 1024 ** 4],
  ['pb', 1024 ** 5],
]);

/** A size as `bytes.parse` accepts it: `'100kb'`, `'1.5 MB'`, `'1024'`. Anchored, no nested quantifiers: linear. */
export const SIZE_TEXT = /^\s*([+-]?\d+(?:\.\d+)?)\s*(?:(b|kb|mb|gb|tb|pb)\s*)?$/iu;

/** The default largest body limit: Fastify's default, and koa-bodyparser's JSON default. */
export const DEFAULT_MAXIMUM = '1mb';

/** Methods of a Web `Request` that read the whole body into memory (Next.js route handlers, Hono's `c.req`, workers). */
export const WHOLE_BODY_METHODS: ReadonlySet<string> = new Set(['arrayBuffer', 'text', 'json', 'formData', 'blob', 'parseBody']);

/** Names of a value that counts the bytes received, in a size check (`received > MAX`, `size += chunk.length`). Anchored, linear. */
export const SIZE_COUNTER_NAME = /(?:size|length|bytes|received|total|count|limit)$/iu;

/** Bytes of a size text as `bytes.parse` reads it (`'1mb'` is 1048576); `null` when it is not a size. */
export function parseSize(text: string): number | null {
  const match = SIZE_TEXT.exec(text);
  if (!match) return null;
  const unit = SIZE_UNITS.get((match[2] ?? 'b').toLowerCase()) ?? 1;
  return Math.floor(Number(match[1]) * unit);
}

/** A byte count for messages: `1048576` is `1mb`, `1536` is `1.5kb`, `10000000` is `9.5mb`, `1000` is `1000 bytes`. */
export function formatSize(bytes: number): string {
  for (const [unit, factor] of [...SIZE_UNITS].reverse()) {
    if (factor > 1 && bytes >= factor) {
      const value = bytes / factor;
      return `${Number.isInteger(value) ? value : value.toFixed(1)}${unit}`;
    }
  }
  return `${bytes} bytes`;
}
