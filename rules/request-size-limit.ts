import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  DEFAULT_FILE_MAXIMUM,
  DEFAULT_MAXIMUM,
  FRAMEWORK_LIMIT_KEYS,
  NEST_BODY_PARSER_METHOD,
  SIZE_COUNTER_NAME,
  WHOLE_BODY_METHODS,
  bodyParserFor,
  byteExpression,
  formatSize,
  parseSize,
  type BodyParser,
  type UploadLimits,
  type UploadStorage,
} from '../src/catalog/body-parsers.js';
import { CONTEXT_OBJECTS, REQUEST_OBJECTS } from '../src/catalog/request-sources.js';
import { originResolver, withoutDefault } from '../src/ast/module-origin.js';
import { calleeOf, calleeParts, isFunction, keyName, memberName, referenceName, shortSource, staticName, unwrap, type FunctionNode } from '../src/ast/nodes.js';
import { findVariable, writesOf } from '../src/ast/variables.js';
import { createRule } from '../src/create-rule.js';

type Options = [{ maximum?: string | number; fileMaximum?: string | number; rawBodies?: boolean; webRequests?: boolean }];
type MessageIds =
  | 'limitAboveMaximum'
  | 'unboundedLimit'
  | 'rawBodyWithoutLimit'
  | 'wholeWebBody'
  | 'uploadWithoutFileLimit'
  | 'fileLimitAboveMaximum'
  | 'unboundedFileLimit'
  | 'unboundedCount'
  | 'useMaximum'
  | 'addFileLimit';

/** What a limit expression is worth. */
type Size = { readonly kind: 'bytes'; readonly bytes: number } | { readonly kind: 'unbounded'; readonly why: string };

const MAX_DEPTH = 8;

/** Where an upload parser puts files, for messages. */
const STORAGE: Readonly<Record<UploadStorage, string>> = { memory: 'memory', disk: 'disk', stream: 'storage' };

/** What a count limit counts, for messages. */
const COUNTED: Readonly<Record<string, string>> = { files: 'files', maxFiles: 'files', fields: 'fields', maxFields: 'fields', parts: 'parts' };

export default createRule<Options, MessageIds>({
  name: 'request-size-limit',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require request body limits that are set, bounded and no larger than a configured maximum',
      recommended: false,
      servedTraffic: true,
      standard: 'Request bodies have a size limit that is not disabled or unbounded',
      precision: 'high',
      securitySeverity: 5.3,
    },
    hasSuggestions: true,
    messages: {
      limitAboveMaximum:
        '`{{call}}` accepts request bodies up to {{limit}}, above the maximum of {{maximum}}: every request may make the server buffer and parse that much. Set `{{key}}` to {{maximum}} or less, and take large uploads as a stream on their own route.',
      unboundedLimit:
        '`{{call}}` has no request body limit ({{why}}): a client can send a body of any size and the server buffers all of it. Set `{{key}}` to a size such as \'{{maximum}}\'.',
      rawBodyWithoutLimit:
        'The request body is read into memory without a size limit ({{how}}): a client can send a body of any size. Pass `limit` (raw-body) or count the bytes and answer 413 past {{maximum}}.',
      wholeWebBody:
        '`{{call}}` reads the whole request body into memory and nothing in this file limits its size. Check `content-length` and cap the bytes read at {{maximum}}, or mount the framework\'s body limit (Hono\'s `bodyLimit`).',
      uploadWithoutFileLimit:
        '`{{call}}` accepts uploaded files of any size ({{why}}): one request can fill the server\'s {{storage}}. Set `{{key}}` to the largest file this route takes, at most {{maximum}}.',
      fileLimitAboveMaximum:
        '`{{call}}` accepts uploaded files up to {{limit}}, above the file maximum of {{maximum}}: every upload may fill the server\'s {{storage}} with that much. Set `{{key}}` to {{maximum}} or less.',
      unboundedFileLimit:
        '`{{call}}` has no limit on uploaded files ({{why}}): one request can fill the server\'s {{storage}}. Set `{{key}}` to the largest file this route takes, at most {{maximum}}.',
      unboundedCount: '`{{call}}` accepts any number of {{what}} ({{why}}): one request can send thousands. Set `{{key}}` to the most this route needs.',
      useMaximum: 'Set the limit to {{replacement}}.',
      addFileLimit: 'Add `{{key}}: {{replacement}}`.',
    },
    defaultOptions: [{ maximum: DEFAULT_MAXIMUM, fileMaximum: DEFAULT_FILE_MAXIMUM, rawBodies: true, webRequests: false }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          maximum: {
            type: ['string', 'integer'],
            description: 'The largest body limit allowed: a size as body-parser writes it (`\'1mb\'`, `\'500kb\'`) or a number of bytes.',
          },
          fileMaximum: {
            type: ['string', 'integer'],
            description: 'The largest limit on an uploaded file (multer, busboy, formidable, ...): a size (`\'10mb\'`) or a number of bytes.',
          },
          rawBodies: {
            type: 'boolean',
            description: 'Report request bodies read into memory without a limit: `getRawBody(req)` without `limit`, `req.on(\'data\')` or `for await (const chunk of req)` collecting chunks without a size check.',
          },
          webRequests: {
            type: 'boolean',
            description:
              'Report `await request.arrayBuffer()`/`text()`/`json()`/`formData()` of a Web Request (Next.js route handlers, Hono) in files that mount no body limit. Off by default: the platform often limits bodies where a file cannot see it.',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const maximumSize = typeof options.maximum === 'number' ? options.maximum : parseSize(String(options.maximum ?? DEFAULT_MAXIMUM));
    const maximum = maximumSize ?? parseSize(DEFAULT_MAXIMUM)!;
    const maximumText = typeof options.maximum === 'string' && maximumSize !== null ? options.maximum : formatSize(maximum);
    const fileMaximum =
      (typeof options.fileMaximum === 'number' ? options.fileMaximum : parseSize(String(options.fileMaximum ?? DEFAULT_FILE_MAXIMUM))) ?? parseSize(DEFAULT_FILE_MAXIMUM)!;
    const modules = originResolver(sourceCode);
    const webReads: TSESTree.CallExpression[] = [];
    let fileLimitsBodies = false;
    /** Limit values already checked: one options object shared by several parsers is reported once. */
    const checked = new Set<TSESTree.Node>();

    /** The value of a `const` of the file written once (`const MAX = 5 * MB`). */
    function constantOf(identifier: TSESTree.Identifier): TSESTree.Node | undefined {
      const variable = findVariable(sourceCode, identifier);
      const definition = variable?.defs[0];
      if (definition?.type !== 'Variable' || definition.parent.type !== AST_NODE_TYPES.VariableDeclaration || definition.parent.kind !== 'const') return undefined;
      const writes = writesOf(variable!);
      return writes.length === 1 && writes[0]!.path.length === 0 && !writes[0]!.element ? writes[0]!.value : undefined;
    }

    /** What a limit expression is worth, following constants of the file. */
    function sizeOf(node: TSESTree.Node, parser: { bytesParsed: boolean }, depth = 0): Size | undefined {
      if (depth > MAX_DEPTH) return undefined;
      const inner = unwrap(node);
      switch (inner.type) {
        case AST_NODE_TYPES.Literal: {
          if (typeof inner.value === 'number') return Number.isFinite(inner.value) ? { kind: 'bytes', bytes: inner.value } : { kind: 'unbounded', why: `\`${inner.raw}\`` };
          if (typeof inner.value !== 'string') return undefined;
          const bytes = parseSize(inner.value);
          if (bytes !== null) return { kind: 'bytes', bytes };
          // body-parser hands the text to `bytes.parse`, which gives null: raw-body then reads without a limit.
          return parser.bytesParsed ? { kind: 'unbounded', why: `'${inner.value}' is not a size: it parses to no limit at all` } : undefined;
        }
        case AST_NODE_TYPES.TemplateLiteral: {
          const text = staticName(inner);
          if (text === undefined) return undefined;
          const bytes = parseSize(text);
          if (bytes !== null) return { kind: 'bytes', bytes };
          return parser.bytesParsed ? { kind: 'unbounded', why: `'${text}' is not a size: it parses to no limit at all` } : undefined;
        }
        case AST_NODE_TYPES.Identifier: {
          if (inner.name === 'Infinity') return { kind: 'unbounded', why: '`Infinity`' };
          const value = constantOf(inner);
          return value ? sizeOf(value, parser, depth + 1) : undefined;
        }
        case AST_NODE_TYPES.MemberExpression: {
          const object = unwrap(inner.object);
          const name = memberName(inner);
          if (object.type === AST_NODE_TYPES.Identifier && object.name === 'Number') {
            if (name === 'POSITIVE_INFINITY') return { kind: 'unbounded', why: '`Number.POSITIVE_INFINITY`' };
            if (name === 'MAX_SAFE_INTEGER' || name === 'MAX_VALUE') return { kind: 'unbounded', why: `\`Number.${name}\`` };
          }
          return undefined;
        }
        case AST_NODE_TYPES.BinaryExpression: {
          if (inner.operator !== '*' && inner.operator !== '+' && inner.operator !== '**' && inner.operator !== '<<') return undefined;
          const left = sizeOf(inner.left, { bytesParsed: false }, depth + 1);
          const right = sizeOf(inner.right, { bytesParsed: false }, depth + 1);
          if (left?.kind !== 'bytes' || right?.kind !== 'bytes') return left?.kind === 'unbounded' ? left : right?.kind === 'unbounded' ? right : undefined;
          const value =
            inner.operator === '*'
              ? left.bytes * right.bytes
              : inner.operator === '+'
                ? left.bytes + right.bytes
                : inner.operator === '**'
                  ? left.bytes ** right.bytes
                  : left.bytes * 2 ** right.bytes;
          return Number.isFinite(value) ? { kind: 'bytes', bytes: value } : { kind: 'unbounded', why: 'an infinite number' };
        }
        default:
          return undefined;
      }
    }

    /** The object literal an options argument is, following a `const` of the file. */
    function objectOf(node: TSESTree.Node | undefined, depth = 0): TSESTree.ObjectExpression | undefined {
      if (!node || depth > MAX_DEPTH) return undefined;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
      if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
      const variable = findVariable(sourceCode, inner);
      if (variable?.defs[0]?.type !== 'Variable') return undefined;
      const writes = writesOf(variable).filter((write) => write.path.length === 0 && !write.element);
      return writes.length === 1 ? objectOf(writes[0]!.value, depth + 1) : undefined;
    }

    function propertyOf(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | undefined {
      return object.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && keyName(property) === key);
    }

    function replacementFor(value: TSESTree.Node): string {
      const inner = unwrap(value);
      const numeric = (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'number') || inner.type === AST_NODE_TYPES.BinaryExpression;
      if (numeric || typeof options.maximum === 'number') return String(maximum);
      return `'${maximumText}'`;
    }

    /** Checks one limit value; `key` is the option that holds it. */
    function checkLimit(call: string, key: string, value: TSESTree.Node, parser: { bytesParsed: boolean }): void {
      if (checked.has(value)) return;
      checked.add(value);
      const size = sizeOf(value, parser);
      if (!size) return;
      const replacement = replacementFor(value);
      const suggest: TSESLint.ReportSuggestionArray<MessageIds> = [
        { messageId: 'useMaximum', data: { replacement }, fix: (fixer) => fixer.replaceText(value, replacement) },
      ];
      if (size.kind === 'unbounded') {
        context.report({ node: value, messageId: 'unboundedLimit', data: { call, why: size.why, key, maximum: maximumText }, suggest });
      } else if (size.bytes > maximum) {
        context.report({ node: value, messageId: 'limitAboveMaximum', data: { call, limit: formatSize(size.bytes), maximum: maximumText, key }, suggest });
      }
    }

    function hasSpread(object: TSESTree.ObjectExpression): boolean {
      return object.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement);
    }

    /**
     * The option at a dotted key (`limits.fileSize`) of an options object, following objects held
     * in `const`s. `missing` is the object that lacks it and the key left to add there; neither when a
     * level cannot be read (`limits: config.uploads`, a spread).
     */
    function optionAt(object: TSESTree.ObjectExpression, key: string): { property?: TSESTree.Property; missing?: { object: TSESTree.ObjectExpression; key: string } } {
      const parts = key.split('.');
      let current = object;
      for (const [index, part] of parts.entries()) {
        const property = propertyOf(current, part);
        if (!property) return hasSpread(current) ? {} : { missing: { object: current, key: parts.slice(index).join('.') } };
        if (index === parts.length - 1) return { property };
        const next = objectOf(property.value);
        if (!next) return {};
        current = next;
      }
      return {};
    }

    function checkParser(call: TSESTree.CallExpression | TSESTree.NewExpression, parser: BodyParser): void {
      const argument = call.arguments[parser.options];
      const label = parser.label;
      const object = objectOf(argument);
      if (parser.unboundedByDefault) {
        if (options.rawBodies === false) return;
        // `getRawBody(req)`, `getRawBody(req, 'utf8')`: no limit.
        if (argument && !object && unwrap(argument).type !== AST_NODE_TYPES.Literal) return;
        if (!object || (!hasSpread(object) && parser.limitKeys.every((key) => !propertyOf(object, key)))) {
          context.report({ node: call, messageId: 'rawBodyWithoutLimit', data: { how: `\`${shortSource(sourceCode, call.callee)}(...)\` (${label}) without \`limit\``, maximum: maximumText } });
          return;
        }
      }
      if (parser.files) checkUploadLimits(call, parser, parser.files, argument === undefined ? undefined : object);
      if (!object) return;
      for (const key of parser.limitKeys) {
        const { property } = optionAt(object, key);
        if (property) checkLimit(label, key, property.value, parser);
      }
      for (const key of parser.countKeys ?? []) {
        const { property } = optionAt(object, key);
        if (!property || checked.has(property.value)) continue;
        checked.add(property.value);
        const size = sizeOf(property.value, parser);
        const zero = size?.kind === 'bytes' && size.bytes === 0 && parser.zeroIsUnbounded?.includes(key);
        if (size?.kind !== 'unbounded' && !zero) continue;
        const why = size.kind === 'unbounded' ? size.why : `\`0\` is no limit to ${label}`;
        context.report({ node: property.value, messageId: 'unboundedCount', data: { call: label, what: COUNTED[key.split('.').at(-1)!] ?? 'parts', why, key } });
      }
    }

    /** An upload parser's limit on each file: missing where the library has none, unbounded, or above `fileMaximum`. */
    function checkUploadLimits(call: TSESTree.CallExpression | TSESTree.NewExpression, parser: BodyParser, files: UploadLimits, object: TSESTree.ObjectExpression | undefined): void {
      const storage = STORAGE[storageOf(files, object)];
      const replacement = byteExpression(fileMaximum);
      const found = object ? files.keys.map((key) => ({ key, ...optionAt(object, key) })) : [];
      for (const { key, property } of found) {
        if (!property || checked.has(property.value)) continue;
        checked.add(property.value);
        const size = sizeOf(property.value, parser);
        const zero = size?.kind === 'bytes' && size.bytes === 0 && parser.zeroIsUnbounded?.includes(key);
        if (!size || (size.kind === 'bytes' && size.bytes <= fileMaximum && !zero)) continue;
        const value = property.value;
        const suggest: TSESLint.ReportSuggestionArray<MessageIds> = [{ messageId: 'useMaximum', data: { replacement }, fix: (fixer) => fixer.replaceText(value, replacement) }];
        if (size.kind === 'bytes' && !zero) {
          context.report({ node: value, messageId: 'fileLimitAboveMaximum', data: { call: parser.label, limit: formatSize(size.bytes), maximum: formatSize(fileMaximum), key, storage }, suggest });
        } else {
          const why = size.kind === 'unbounded' ? size.why : `\`0\` is no limit to ${parser.label}`;
          context.report({ node: value, messageId: 'unboundedFileLimit', data: { call: parser.label, why, maximum: formatSize(fileMaximum), key, storage }, suggest });
        }
      }
      if (files.defaultLimit !== undefined || files.defaultsElsewhere) return;
      const [first] = files.keys;
      // An options value the rule cannot read (`multer(config.upload)`) may set the limit.
      if (call.arguments.length > parser.options && !object) return;
      const missing = object ? found[0]!.missing : undefined;
      if (object && !missing) return;
      const why = missing && missing.key !== first ? `\`${first.split('.')[0]}\` sets no \`${missing.key}\`` : `no \`${first}\`, and ${parser.label} has no default limit`;
      const fix = (fixer: TSESLint.RuleFixer) => {
        if (missing) return addOption(fixer, missing.object, missing.key, replacement);
        const text = optionText(first, replacement);
        const last = call.arguments.at(-1);
        return call.arguments.length === parser.options && last ? fixer.insertTextAfter(last, `, ${text}`) : parser.options === 0 && call.arguments.length === 0 ? fixer.insertTextBefore(sourceCode.getLastToken(call)!, text) : null;
      };
      context.report({
        node: call,
        messageId: 'uploadWithoutFileLimit',
        data: { call: parser.label, why, key: first, maximum: formatSize(fileMaximum), storage },
        suggest: [{ messageId: 'addFileLimit', data: { key: first, replacement }, fix }],
      });
    }

    /** Where files go: the library's default, or what an option names (`dest`, `storage: multer.memoryStorage()`). */
    function storageOf(files: UploadLimits, object: TSESTree.ObjectExpression | undefined): UploadStorage {
      for (const [key, storage] of Object.entries(files.storageKeys ?? {})) {
        const written = object && propertyOf(object, key)?.value;
        const value = written?.type === AST_NODE_TYPES.Identifier ? (constantOf(written) ?? written) : written;
        if (!value || (value.type === AST_NODE_TYPES.Literal && value.value === false)) continue;
        return value.type === AST_NODE_TYPES.CallExpression && calleeParts(value).name === 'memoryStorage' ? 'memory' : storage;
      }
      return files.storage;
    }

    /** `limits.fileSize` as an object literal holding the value: `{ limits: { fileSize: 10 * 1024 * 1024 } }`. */
    function optionText(key: string, value: string): string {
      return key
        .split('.')
        .reverse()
        .reduce((inner, part) => `{ ${part}: ${inner} }`, value);
    }

    function addOption(fixer: TSESLint.RuleFixer, object: TSESTree.ObjectExpression, key: string, value: string): TSESLint.RuleFix {
      const entry = optionText(key, value).slice(2, -2);
      const last = object.properties.at(-1);
      if (!last) return fixer.replaceText(object, `{ ${entry} }`);
      return fixer.insertTextAfter(last, `, ${entry}`);
    }

    /** Fastify `bodyLimit` in the server, route or content-type parser options, or NestJS's FastifyAdapter. */
    function checkFrameworkOptions(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      for (const argument of call.arguments) {
        const object = argument.type === AST_NODE_TYPES.ObjectExpression ? argument : undefined;
        if (!object) continue;
        for (const key of FRAMEWORK_LIMIT_KEYS) {
          const property = propertyOf(object, key);
          const callee = call.type === AST_NODE_TYPES.NewExpression ? `new ${shortSource(sourceCode, call.callee)}` : shortSource(sourceCode, call.callee);
          if (property) checkLimit(`${callee}(...)`, key, property.value, { bytesParsed: false });
        }
      }
    }

    // ---- Raw bodies read by hand ---------------------------------------------------------------

    /** `req`, `request`, `ctx.req`, `c.req.raw`: the incoming request stream. */
    function isRequestStream(node: TSESTree.Node, depth = 0): boolean {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.Identifier) return REQUEST_OBJECTS.has(inner.name) && inner.name !== 'event';
      if (inner.type !== AST_NODE_TYPES.MemberExpression || depth > 2) return false;
      const object = unwrap(inner.object);
      const name = memberName(inner);
      // Fastify's `request.raw`, Hono's `c.req.raw`: the Node request under the framework's.
      if (name === 'raw') return isRequestStream(object, depth + 1) || isContextRequest(object);
      return isContextRequest(inner);
    }

    /** Koa's `ctx.req`, Hono's `c.req`. */
    function isContextRequest(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      if (inner.type !== AST_NODE_TYPES.MemberExpression) return false;
      const object = unwrap(inner.object);
      const name = memberName(inner);
      return object.type === AST_NODE_TYPES.Identifier && CONTEXT_OBJECTS.has(object.name) && (name === 'req' || name === 'request');
    }

    /** Whether code collects chunks (`chunks.push(chunk)`, `body += chunk`, `Buffer.concat([body, chunk])`), not only counts them. */
    function collects(body: TSESTree.Node, chunk: string | undefined): boolean {
      if (chunk === undefined) return false;
      let found = false;
      visit(body, (node) => {
        if (node.type === AST_NODE_TYPES.CallExpression) {
          const { name } = calleeParts(node);
          if ((name === 'push' || name === 'concat' || name === 'write') && node.arguments.some((argument) => carries(argument, chunk, 0))) found = true;
        } else if (node.type === AST_NODE_TYPES.AssignmentExpression && (node.operator === '+=' || node.operator === '=') && carries(node.right, chunk, 0)) {
          found = true;
        }
      });
      return found;
    }

    /** A value that holds the chunk's bytes: the chunk, its text, an array or concatenation with it (not `chunk.length`). */
    function carries(node: TSESTree.Node, chunk: string, depth: number): boolean {
      if (depth > 6) return false;
      const inner = unwrap(node);
      switch (inner.type) {
        case AST_NODE_TYPES.Identifier:
          return inner.name === chunk;
        case AST_NODE_TYPES.CallExpression: {
          const { object, name } = calleeParts(inner);
          if (object && (name === 'toString' || name === 'slice' || name === 'subarray')) return carries(object, chunk, depth + 1);
          return name === 'concat' && inner.arguments.some((argument) => carries(argument, chunk, depth + 1));
        }
        case AST_NODE_TYPES.ArrayExpression:
          return inner.elements.some((element) => element !== null && carries(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, chunk, depth + 1));
        case AST_NODE_TYPES.BinaryExpression:
          return inner.operator === '+' && (carries(inner.left, chunk, depth + 1) || carries(inner.right, chunk, depth + 1));
        case AST_NODE_TYPES.TemplateLiteral:
          return inner.expressions.some((expression) => carries(expression, chunk, depth + 1));
        default:
          return false;
      }
    }

    /** A size check: a comparison of a length or byte count, or a stream destroyed when it is too big. */
    function checksSize(body: TSESTree.Node): boolean {
      let found = false;
      visit(body, (node) => {
        if (node.type === AST_NODE_TYPES.BinaryExpression && ['>', '>=', '<', '<='].includes(node.operator)) {
          if (node.left.type !== AST_NODE_TYPES.PrivateIdentifier && (isCounter(node.left) || isCounter(node.right))) found = true;
        } else if (node.type === AST_NODE_TYPES.CallExpression) {
          const { name } = calleeParts(node);
          if (name === 'destroy' || name === 'unpipe') found = true;
        }
      });
      return found;
    }

    function isCounter(node: TSESTree.Node): boolean {
      const name = referenceName(node);
      return name !== undefined && SIZE_COUNTER_NAME.test(name);
    }

    function visit(node: TSESTree.Node, callback: (node: TSESTree.Node) => void, depth = 0): void {
      if (depth > 40) return;
      callback(node);
      for (const key of Object.keys(node) as (keyof typeof node)[]) {
        if (key === 'parent' || key === 'loc' || key === 'range') continue;
        const value = node[key] as unknown;
        if (Array.isArray(value)) {
          for (const item of value) if (item && typeof item === 'object' && 'type' in item) visit(item as TSESTree.Node, callback, depth + 1);
        } else if (value && typeof value === 'object' && 'type' in value) {
          visit(value as TSESTree.Node, callback, depth + 1);
        }
      }
    }

    function firstParamName(fn: FunctionNode): string | undefined {
      const [param] = fn.params;
      return param?.type === AST_NODE_TYPES.Identifier ? param.name : undefined;
    }

    /** `req.on('data', (chunk) => { body += chunk })` without a size check. */
    function checkDataListener(call: TSESTree.CallExpression): void {
      const { object, name } = calleeParts(call);
      const [event, listener] = call.arguments;
      if (!object || (name !== 'on' && name !== 'addListener') || staticName(event) !== 'data' || !isFunction(listener) || !isRequestStream(object)) return;
      if (!collects(listener.body, firstParamName(listener)) || checksSize(listener.body)) return;
      context.report({
        node: call,
        messageId: 'rawBodyWithoutLimit',
        data: { how: `\`${shortSource(sourceCode, object)}.on('data')\` collects every chunk`, maximum: maximumText },
      });
    }

    /** `for await (const chunk of req) chunks.push(chunk)` without a size check. */
    function checkChunkLoop(loop: TSESTree.ForOfStatement): void {
      if (!loop.await || !isRequestStream(loop.right)) return;
      const left = loop.left.type === AST_NODE_TYPES.VariableDeclaration ? loop.left.declarations[0]?.id : loop.left;
      const chunk = left?.type === AST_NODE_TYPES.Identifier ? left.name : undefined;
      if (!collects(loop.body, chunk) || checksSize(loop.body)) return;
      context.report({
        node: loop,
        messageId: 'rawBodyWithoutLimit',
        data: { how: `\`for await (... of ${shortSource(sourceCode, loop.right)})\` collects every chunk`, maximum: maximumText },
      });
    }

    function parserAt(node: TSESTree.Node): BodyParser | undefined {
      const origin = modules.resolve(node);
      return origin ? bodyParserFor(origin.module, withoutDefault(origin.path)) : undefined;
    }

    /** `await request.json()` of a Web Request, `c.req.arrayBuffer()` of Hono. */
    function isWholeWebBody(call: TSESTree.CallExpression): boolean {
      const { object, name } = calleeParts(call);
      if (!object || name === undefined || !WHOLE_BODY_METHODS.has(name) || call.arguments.length > 0) return false;
      const receiver = unwrap(object);
      if (receiver.type === AST_NODE_TYPES.Identifier) return receiver.name === 'request' || receiver.name === 'req';
      if (receiver.type !== AST_NODE_TYPES.MemberExpression) return false;
      // `c.req`, `c.req.raw`, `context.request`.
      let root: TSESTree.Node = receiver;
      while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
      return root.type === AST_NODE_TYPES.Identifier && CONTEXT_OBJECTS.has(root.name);
    }

    return {
      CallExpression(node) {
        const { object, name, callee } = calleeParts(node);
        if (name === NEST_BODY_PARSER_METHOD && object) {
          // `app.useBodyParser('json', { limit: '50mb' })`: body-parser options.
          const parserOptions = objectOf(node.arguments[1]);
          const limit = parserOptions && propertyOf(parserOptions, 'limit');
          if (limit) checkLimit(`${shortSource(sourceCode, callee)}('${staticName(node.arguments[0]) ?? 'json'}')`, 'limit', limit.value, { bytesParsed: true });
          fileLimitsBodies = true;
          return;
        }
        if (node.arguments.some((argument) => argument.type === AST_NODE_TYPES.ObjectExpression)) checkFrameworkOptions(node);
        if (options.rawBodies !== false) checkDataListener(node);
        if (options.webRequests === true && isWholeWebBody(node)) webReads.push(node);
        // Compiled code calls `(0, multer_1.default)(options)`.
        const target = calleeOf(node);
        if (name === undefined && target === callee) return;
        // Fastify `app.register(multipart, { limits })`.
        const plugin = name === 'register' && object && node.arguments[0] ? parserAt(node.arguments[0]) : undefined;
        const parser = plugin?.plugin ? plugin : parserAt(target);
        if (parser && (parser.plugin ?? false) === (parser === plugin)) {
          fileLimitsBodies = true;
          checkParser(node, parser);
        }
      },
      NewExpression(node) {
        if (node.arguments.some((argument) => argument.type === AST_NODE_TYPES.ObjectExpression)) checkFrameworkOptions(node);
        // `new Busboy({ headers })` (busboy 0.x, @fastify/busboy), `new formidable.IncomingForm(options)`, `new multiparty.Form()`.
        const parser = parserAt(calleeOf(node));
        if (parser && !parser.plugin) checkParser(node, parser);
      },
      ForOfStatement(node) {
        if (options.rawBodies !== false) checkChunkLoop(node);
      },
      'Program:exit'() {
        if (fileLimitsBodies) return;
        for (const call of webReads) {
          context.report({ node: call, messageId: 'wholeWebBody', data: { call: shortSource(sourceCode, call.callee), maximum: maximumText } });
        }
      },
    };
  },
});
