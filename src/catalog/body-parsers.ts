/**
 * Request body parsers, upload parsers and readers, and where their size limits are set.
 *
 * A parser is found by the module its factory is imported or required from and the path to the
 * factory (`.json` for `express.json`, `''` for the module itself, as in `sql-drivers.ts`; a
 * `.default` that compiled ESM adds is ignored). Its options argument holds the limits under the
 * keys listed (a dotted key is a nested option: `limits.fileSize`); a missing key means the library
 * default. `types` names the package and version whose type definitions (or, where the types are
 * silent, source) the entry was read from.
 */
export interface BodyParser {
  /** Shown in messages (`express.json`, `koa-bodyparser`). */
  readonly label: string;
  readonly module: string;
  /** Module paths of the factory or reader, without `.default`. */
  readonly paths: readonly string[];
  /** Position of the options argument. */
  readonly options: number;
  /** Option keys that hold a size limit of what is buffered in memory (a body, a form field): checked against `maximum`. */
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
  /** An upload parser: its limits on each uploaded file, checked against `fileMaximum`. */
  readonly files?: UploadLimits;
  /** Limits on a number of files, fields or parts: reported only when set to no limit. */
  readonly countKeys?: readonly string[];
  /** Keys where `0` means no limit (`opts.maxFilesSize || Infinity`). */
  readonly zeroIsUnbounded?: readonly string[];
  /** A Fastify plugin: its options are the second argument of `register(plugin, options)`. */
  readonly plugin?: boolean;
  /** The package and version whose types were read for this entry. */
  readonly types: string;
}

export interface UploadLimits {
  /** Keys that limit the size of uploaded files; the first is the one to add when none is set. */
  readonly keys: readonly [string, ...string[]];
  /** The per-file limit when no key is set; `undefined` when files of any size are accepted (busboy's `Infinity`). */
  readonly defaultLimit: string | undefined;
  /**
   * Defaults may be set where the call cannot show them (NestJS's `MulterModule.register` for
   * `FileInterceptor`): a missing key is not reported, explicit values are.
   */
  readonly defaultsElsewhere?: boolean;
  /** Where files go when the code names no storage: told in the message. */
  readonly storage: UploadStorage;
  /** Options that send files elsewhere (`dest` of multer: disk), when set to anything but `false`. */
  readonly storageKeys?: Readonly<Record<string, UploadStorage>>;
}

export type UploadStorage = 'memory' | 'disk' | 'stream';

/** busboy's own `limits` (also under connect-busboy, async-busboy, @fastify/busboy): fileSize defaults to Infinity. */
const BUSBOY_LIMITS = {
  limitKeys: ['limits.fieldSize'],
  defaultLimit: '1mb',
  bytesParsed: false,
  files: { keys: ['limits.fileSize'], defaultLimit: undefined, storage: 'stream' },
  countKeys: ['limits.files', 'limits.fields', 'limits.parts'],
} as const;

/** multer and the middleware built on it hand `limits` to busboy; without `storage` or `dest`, files stay in memory. */
const MULTER_LIMITS = { ...BUSBOY_LIMITS, files: { ...BUSBOY_LIMITS.files, storage: 'memory', storageKeys: { dest: 'disk', storage: 'stream' } } } as const;

/** formidable 1 to 3: maxFileSize defaults to 200 MB (`200 * 1024 * 1024`), maxFieldsSize to 20 MB, maxFields 0 is no limit. */
const FORMIDABLE_LIMITS = {
  limitKeys: ['maxFieldsSize'],
  defaultLimit: '20mb',
  bytesParsed: false,
  files: { keys: ['maxFileSize', 'maxTotalFileSize'], defaultLimit: '200mb', storage: 'disk' },
  countKeys: ['maxFiles', 'maxFields'],
  zeroIsUnbounded: ['maxFields'],
} as const;

const NEST_MULTER = { module: '@nestjs/platform-express', ...MULTER_LIMITS, files: { ...MULTER_LIMITS.files, defaultsElsewhere: true }, types: '@nestjs/platform-express@11.2.12' } as const;

export const BODY_PARSERS: readonly BodyParser[] = [
  ...(['json', 'urlencoded', 'raw', 'text'] as const).map((type) => ({
    label: `express.${type}`,
    module: 'express',
    paths: [`.${type}`],
    options: 0,
    limitKeys: ['limit'],
    defaultLimit: '100kb',
    bytesParsed: true,
    types: '@types/express@5.0.6',
  })),
  ...(['', '.json', '.urlencoded', '.raw', '.text'] as const).map((path) => ({
    label: `bodyParser${path}`,
    module: 'body-parser',
    paths: [path],
    options: 0,
    limitKeys: ['limit'],
    defaultLimit: '100kb',
    bytesParsed: true,
    types: '@types/body-parser@2.2.0',
  })),
  {
    label: 'koa-body',
    module: 'koa-body',
    paths: ['', '.koaBody'],
    options: 0,
    // Multipart bodies go to formidable with `formidable: { ... }`.
    limitKeys: ['jsonLimit', 'formLimit', 'textLimit', 'formidable.maxFieldsSize'],
    defaultLimit: '1mb',
    bytesParsed: true,
    files: { keys: ['formidable.maxFileSize', 'formidable.maxTotalFileSize'], defaultLimit: '200mb', storage: 'disk' },
    countKeys: ['formidable.maxFiles', 'formidable.maxFields'],
    zeroIsUnbounded: ['formidable.maxFields'],
    types: 'koa-body@8.0.1',
  },
  {
    label: 'koa-bodyparser',
    module: 'koa-bodyparser',
    paths: [''],
    options: 0,
    limitKeys: ['jsonLimit', 'formLimit', 'textLimit', 'xmlLimit'],
    defaultLimit: '1mb',
    bytesParsed: true,
    types: '@types/koa-bodyparser@4.3.13',
  },
  {
    label: '@koa/bodyparser',
    module: '@koa/bodyparser',
    paths: ['', '.bodyParser'],
    options: 0,
    limitKeys: ['jsonLimit', 'formLimit', 'textLimit', 'xmlLimit'],
    defaultLimit: '1mb',
    bytesParsed: true,
    types: '@koa/bodyparser@6.1.0',
  },
  { label: 'co-body', module: 'co-body', paths: ['', '.json', '.form', '.text'], options: 1, limitKeys: ['limit'], defaultLimit: '1mb', bytesParsed: true, types: '@types/co-body@6.1.3' },
  { label: 'micro', module: 'micro', paths: ['.json', '.text', '.buffer'], options: 1, limitKeys: ['limit'], defaultLimit: '1mb', bytesParsed: true, types: 'micro@10.0.1' },
  { label: 'raw-body', module: 'raw-body', paths: [''], options: 1, limitKeys: ['limit'], defaultLimit: undefined, bytesParsed: true, unboundedByDefault: true, types: 'raw-body@3.0.2' },
  { label: 'bodyLimit (hono)', module: 'hono/body-limit', paths: ['.bodyLimit'], options: 0, limitKeys: ['maxSize'], defaultLimit: undefined, bytesParsed: false, types: 'hono@4.13.23' },
  // Upload (multipart) parsers.
  { label: 'multer', module: 'multer', paths: [''], options: 0, ...MULTER_LIMITS, types: '@types/multer@2.3.0' },
  { label: '@koa/multer', module: '@koa/multer', paths: [''], options: 0, ...MULTER_LIMITS, types: '@koa/multer@4.0.0 (multer options)' },
  { label: 'koa-multer', module: 'koa-multer', paths: [''], options: 0, ...MULTER_LIMITS, types: 'koa-multer@1.0.2 (multer options)' },
  { label: 'FileInterceptor', paths: ['.FileInterceptor'], options: 1, ...NEST_MULTER },
  { label: 'FilesInterceptor', paths: ['.FilesInterceptor'], options: 2, ...NEST_MULTER },
  { label: 'FileFieldsInterceptor', paths: ['.FileFieldsInterceptor'], options: 1, ...NEST_MULTER },
  { label: 'AnyFilesInterceptor', paths: ['.AnyFilesInterceptor'], options: 0, ...NEST_MULTER },
  { label: 'MulterModule.register', paths: ['.MulterModule.register'], options: 0, ...NEST_MULTER, files: MULTER_LIMITS.files },
  { label: 'busboy', module: 'busboy', paths: [''], options: 0, ...BUSBOY_LIMITS, types: '@types/busboy@1.5.5' },
  { label: '@fastify/busboy', module: '@fastify/busboy', paths: ['', '.Busboy'], options: 0, ...BUSBOY_LIMITS, types: '@fastify/busboy@3.2.6' },
  { label: 'connect-busboy', module: 'connect-busboy', paths: [''], options: 0, ...BUSBOY_LIMITS, types: '@types/connect-busboy@1.0.3' },
  { label: 'async-busboy', module: 'async-busboy', paths: [''], options: 1, ...BUSBOY_LIMITS, files: { ...BUSBOY_LIMITS.files, storage: 'disk' }, types: 'async-busboy@1.1.0 (source: busboy options)' },
  // express-fileupload keeps files in memory unless `useTempFiles` is set.
  {
    label: 'express-fileupload',
    module: 'express-fileupload',
    paths: [''],
    options: 0,
    ...BUSBOY_LIMITS,
    files: { ...BUSBOY_LIMITS.files, storage: 'memory', storageKeys: { useTempFiles: 'disk' } },
    types: '@types/express-fileupload@1.5.1',
  },
  {
    label: '@fastify/multipart',
    module: '@fastify/multipart',
    paths: [''],
    options: 1,
    plugin: true,
    limitKeys: ['limits.fieldSize'],
    defaultLimit: '1mb',
    bytesParsed: false,
    // `fileSize` defaults to the server's `bodyLimit`.
    files: { keys: ['limits.fileSize'], defaultLimit: '1mb', storage: 'stream' },
    countKeys: ['limits.files', 'limits.fields', 'limits.parts'],
    types: '@fastify/multipart@10.1.9',
  },
  { label: 'formidable', module: 'formidable', paths: ['', '.formidable', '.IncomingForm', '.Formidable'], options: 0, ...FORMIDABLE_LIMITS, types: '@types/formidable@3.5.1, formidable@2.1.5 and 3.5.4' },
  // express-formidable exports its middleware factory only, as the module and as `parse`; it copies the options onto a formidable 1 form.
  { label: 'express-formidable', module: 'express-formidable', paths: ['', '.parse'], options: 0, ...FORMIDABLE_LIMITS, types: '@types/express-formidable@1.2.4, express-formidable@1.2.0' },
  {
    label: 'multiparty.Form',
    module: 'multiparty',
    paths: ['.Form'],
    options: 0,
    limitKeys: ['maxFieldsSize'],
    defaultLimit: '2mb',
    bytesParsed: false,
    // `maxFilesSize` is the total of all files, and `opts.maxFilesSize || Infinity`.
    files: { keys: ['maxFilesSize'], defaultLimit: undefined, storage: 'disk' },
    countKeys: ['maxFields'],
    zeroIsUnbounded: ['maxFilesSize'],
    types: '@types/multiparty@4.2.1, multiparty@4.3.1',
  },
  ...(['graphqlUploadExpress', 'graphqlUploadKoa', 'processRequest'] as const).flatMap((name) =>
    // graphql-upload 8 to 12 export them by name, 13 and later from their own modules.
    ['graphql-upload', `graphql-upload/${name}.js`, `graphql-upload/${name}.mjs`].map((module) => ({
      label: name,
      module,
      paths: module === 'graphql-upload' ? [`.${name}`] : ['', `.${name}`],
      options: name === 'processRequest' ? 2 : 0,
      limitKeys: ['maxFieldSize'],
      defaultLimit: '1mb',
      bytesParsed: false,
      files: { keys: ['maxFileSize'], defaultLimit: undefined, storage: 'stream' },
      countKeys: ['maxFiles'],
      types: '@types/graphql-upload@17.0.0, graphql-upload@17.1.0',
    })),
  ),
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

/**
 * The default largest limit on an uploaded file: formidable's own default, the most generous one an
 * upload library that has a default ships with. Lower it to what the project's uploads need.
 */
export const DEFAULT_FILE_MAXIMUM = '200mb';

/** A byte count as code writes it: `10 * 1024 * 1024`, `512 * 1024`, `1000`. */
export function byteExpression(bytes: number): string {
  if (bytes >= 1024 ** 2 && bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2} * 1024 * 1024`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} * 1024`;
  return String(bytes);
}
