#!/usr/bin/env node
// Writes the library tables of the rule docs from the built catalogs (run after `npm run build`),
// so a doc cannot drift from what the rules know. `--check` fails when a doc is out of date.
//
//   node scripts/catalog-tables.mjs [--check]
//
// A table sits between `<!-- begin catalog table: <name> -->` and `<!-- end catalog table -->`.
import { readFileSync, writeFileSync } from 'node:fs';
import { CORS_LIBRARIES } from '../dist/src/catalog/cors.js';
import { IN_PROCESS_DRIVERS, NOSQL_CALLS, ORM_LIBRARIES, SQL_DRIVER_CALLS } from '../dist/src/catalog/database-calls.js';
import { COMMAND_CLIENTS, NOSQL_LIBRARIES, QUERY_METHODS } from '../dist/src/catalog/nosql.js';
import { ERROR_CLASS_LIBRARIES, ERROR_MIDDLEWARE, STACK_RENDERERS } from '../dist/src/catalog/error-responders.js';
import { LOG_METHODS, LOGGER_LIBRARIES } from '../dist/src/catalog/loggers.js';
import { SECRET_SINKS, slotPathText } from '../dist/src/catalog/secrets.js';
import { PLACEHOLDER_ADVICE, SQL_DRIVERS } from '../dist/src/catalog/sql-drivers.js';
import {
  FASTIFY_JWT_DECORATORS,
  FASTIFY_JWT_METHODS,
  HAPI_JWT_STRATEGY,
  JOSE_SIGN_BUILDER,
  JWT_LIBRARIES,
  JWT_MODULE_FUNCTIONS,
  NEST_JWT_METHODS,
  PASSPORT_JWT_STRATEGY,
} from '../dist/src/catalog/jwt.js';
import { FAST_HASH_FUNCTIONS, HASHER_FACTORIES, PASSWORD_HASH_DEFAULTS, WORK_FACTOR_APIS } from '../dist/src/catalog/password-hashing.js';
import { BODY_PARSERS } from '../dist/src/catalog/body-parsers.js';
import { HEADERS_MIDDLEWARE, KEY_HEADERS } from '../dist/src/catalog/security-headers.js';
import {
  CONTEXT_SEND_METHODS,
  KOA_CONTEXT_NAMES,
  NEST_ROUTE_DECORATORS,
  RESPONSE_CLASS_STATIC_METHODS,
  RESPONSE_CLASSES,
  RESPONSE_OBJECT_NAMES,
  RESPONSE_SEND_FUNCTIONS,
  RESPONSE_SEND_METHODS,
  RESPONSE_SINK_TYPES,
  RETURNED_BODY_FRAMEWORKS,
  SOCKET_EMIT_METHODS,
  SOCKET_NAMES,
  SOCKET_SELECTORS,
  STATUS_FIRST_SEND_METHODS,
  TOOLKIT_NAMES,
  TOOLKIT_SEND_METHODS,
} from '../dist/src/catalog/responses.js';

const DOCS = new URL('../docs/rules/', import.meta.url);
const code = (text) => `\`${text}\``;
const unique = (items) => [...new Set(items)];
const list = (items) => (items.length > 0 ? items.join(', ') : '—');
const modules = (names) => list(names.map(code));
/** A module path as code calls it: `.sql.raw` is `sql.raw()`, `.ExecuteStatementCommand` a constructor. */
const modulePath = (path) => path.replace(/^\.(?:default\.)?/u, '');
/** The shape of an options argument down to the text: `['Statements', '[]', 'Statement']` is `{ Statements: [{ Statement }, ...] }`. */
function shape(path) {
  const [key, ...rest] = path;
  if (key === undefined) return 'text';
  if (key === '[]') return `[${shape(rest)}, ...]`;
  return rest.length === 0 ? `{ ${key} }` : `{ ${key}: ${shape(rest)} }`;
}
/** A module function, or a constructor by the capital (`new Request()` of tedious). */
const moduleCall = (path) => (/^[A-Z]/u.test(path.slice(path.lastIndexOf('.') + 1)) ? `new ${modulePath(path)}()` : `${modulePath(path)}()`);

function sqlCalls(driver) {
  const text = driver.textKey ? ` (also \`{ ${driver.textKey} }\`)` : '';
  return list(unique([
    ...driver.instanceSinks.map((name) => `${code(`${name}()`)}${text}`),
    ...Object.entries(driver.sinkArguments ?? {}).map(([name, position]) => `${code(`${name}()`)} (argument ${position + 1})`),
    ...(driver.moduleSinks ?? []).map((path) => code(moduleCall(path))),
    ...(driver.optionSinks ?? []).map(({ call, path }) =>
      code(call.startsWith('.') ? `new ${modulePath(call)}(${shape(path)})` : `${call}(${shape(path)})`),
    ),
  ]));
}

/** A secret sink's callee path: `''` is the module called itself, `.*` any client class it exports. */
function secretCallee(path) {
  if (path === '') return 'the module itself';
  if (path === '.*') return 'any export (a client class)';
  return code(path.replace(/^\./u, '').replaceAll('()', '(…)').replaceAll('**', '…'));
}

const secretSlot = ({ argument, path }) => (path.length === 0 ? `argument ${argument + 1}` : `${code(slotPathText(path))} of argument ${argument + 1}`);

/** A logging library's own methods: those it adds to the level names, or all of its own when it has no level names. */
function logMethods(library) {
  const methods = library.methods ?? [];
  const extends_ = [...LOG_METHODS].every((name) => methods.includes(name));
  if (methods.length === 0) return 'the level methods';
  return extends_ ? `the level methods, ${list(methods.filter((name) => !LOG_METHODS.has(name)).map((name) => code(`${name}()`)))}` : list(methods.map((name) => code(`${name}()`)));
}

/**
 * A module path as code writes it: `''` is the module's default import (named after the module:
 * `errorhandler`), `.name` a named import, `#throw` a method of a framework object, a capitalised
 * call a constructor (`.Youch().toHTML` is `new Youch().toHTML`).
 */
function pathText(module, path) {
  if (path.startsWith('#')) return path.slice(1);
  const local = module.replace(/^@[^/]+\//u, '').replace(/[^A-Za-z0-9]+(.)/gu, (_, letter) => letter.toUpperCase());
  const written = path.startsWith('.') ? path.slice(1) : `${local}${path}`;
  return written.replace(/(^|\.)([A-Z]\w*)\(\)/gu, (_, dot, name) => `${dot}new ${name}()`);
}
/** Compiled forms of a default import (`.default()`) say nothing more. */
const shownPaths = (paths) => paths.filter((path) => !path.startsWith('.default'));
/** A call of a module path: a capitalised name is a constructor (`new InternalServerError()`). */
function callText(module, path) {
  const text = pathText(module, path);
  if (/\)$/u.test(path)) return code(text);
  return code(/(?:^|\.)[A-Z]\w*$/u.test(text) ? `new ${text}()` : `${text}()`);
}

function statusText(status) {
  if (typeof status === 'number') return String(status);
  if (status === 'arguments') return 'its number argument, else 500';
  if ('option' in status) return `${code(status.option)} of argument ${status.argument + 1}, else ${status.default}`;
  return `argument ${status.argument + 1}, else ${status.default}`;
}

const POLICY = {
  sent: 'always',
  'exposed-only': 'only with `{ expose: true }` (always in a Fastify app)',
  'hidden-at-500': 'at every 5xx but 500',
};

function when(middleware) {
  if (middleware.when === 'always') return 'always';
  if (middleware.when === 'outside-production') return 'only outside production: not reported';
  return middleware.when.values.map((value) => code(`${middleware.when.option}: ${JSON.stringify(value).replaceAll('"', "'")}`)).join(', ');
}

/** The JWT calls a library's entry knows, beyond its module functions: instance methods, strategies, builders. */
const JWT_OTHER_CALLS = {
  nestjs: Object.values(NEST_JWT_METHODS).map((fn) => ({ ...fn, label: jwtSignature(fn) })),
  fastify: [...Object.values(FASTIFY_JWT_METHODS), ...Object.values(FASTIFY_JWT_DECORATORS)].map((fn) => ({ ...fn, label: jwtSignature(fn) })),
  hapi: [{ ...HAPI_JWT_STRATEGY, label: `${HAPI_JWT_STRATEGY.label}(name, 'jwt', options)` }],
  'passport-jwt': [{ ...PASSPORT_JWT_STRATEGY, label: 'new Strategy(options, verify), super(options) of PassportStrategy(Strategy)' }],
  jose: [{ kind: 'sign', label: JOSE_SIGN_BUILDER.label }],
};
/** A JWT call with its arguments where the catalog places them: `jwt.verify(token, key, options)`, `verify(token, key, algorithm or options)`. */
function jwtSignature(fn) {
  const places = [
    [fn.payload, 'payload'],
    [fn.noVerify, 'noVerify'],
    [fn.algorithm, 'algorithm'],
    [fn.options, 'options'],
  ].filter(([position]) => position !== undefined);
  const last = Math.max(0, ...places.map(([position]) => position));
  const names = Array.from({ length: last + 1 }, (_, index) => {
    const named = places.filter(([position]) => position === index).map(([, name]) => name);
    if (named.length > 0) return named.join(' or ');
    return index === 0 && fn.kind !== 'sign' ? 'token' : 'key';
  });
  return `${fn.label}(${names.join(', ')})`;
}
function jwtCalls(library, kind) {
  const functions = [
    ...Object.values(JWT_MODULE_FUNCTIONS[library.id] ?? {}).map((fn) => ({ ...fn, label: jwtSignature(fn) })),
    ...(JWT_OTHER_CALLS[library.id] ?? []),
  ];
  return modules(unique(functions.filter((fn) => fn.kind === kind).map((fn) => fn.label)));
}
const ALGORITHM_CHOICE = {
  header: "the token's header",
  key: "the algorithms of the key's type",
  required: 'nothing: the call must name its algorithm',
};
/** What verify allows without an `algorithms` list, by version: before the first version listed, the header decides. */
function algorithmDefaults(library) {
  if (library.algorithmDefaults.length === 0) return '— (no verify)';
  return library.algorithmDefaults
    .map(({ package: name, since, choice }) => (since === '0.0.0' ? `${name}: ${ALGORITHM_CHOICE[choice]}` : `${name} ${since} and later: ${ALGORITHM_CHOICE[choice]}; before: ${ALGORITHM_CHOICE.header}`))
    .join('<br>');
}

/** A module path of the password and body-parser catalogs as code calls it: `''` the module itself, a capital a constructor. */
function callOf(path) {
  if (path === '') return 'the module itself';
  return code(moduleCall(path));
}
/** Where a work factor is given: `argument 2`, or `{ memoryCost }` of argument 2 (first key present wins). */
const place = ({ argument, keys }) => (keys ? `${code(`{ ${keys.join(' | ')} }`)} of argument ${argument + 1}` : `argument ${argument + 1}`);
const WORK_LABELS = { cost: 'cost', N: 'N', r: 'r', p: 'p', memory: 'memory', time: 'passes', iterations: 'iterations', digest: 'digest' };
function workDefault(api, [name, value]) {
  if (name === 'memory') return `memory ${value.toLocaleString('en-US')} ${api.memoryInBytes ? 'bytes' : 'KiB'}`;
  return `${WORK_LABELS[name]} ${typeof value === 'number' ? value.toLocaleString('en-US') : value}`;
}
const algorithmOf = (algorithm) => (typeof algorithm === 'string' ? algorithm : algorithm.argument < 0 ? 'the function called' : `argument ${algorithm.argument + 1}`);

/** A body parser's options: the limit keys and their default. */
const sizeDefault = (limit) => (limit === undefined ? 'none' : limit);
const optionKeys = (keys) => modules(keys ?? []);

/** How a framework's handler is recognised, for the response-sink table: its route methods, procedures, wrappers, options. */
function returnedBodyHandlers(framework) {
  return [
    framework.routeMethods ? `the last argument of ${list([...framework.routeMethods].map((name) => code(`${name}(path, …)`)))}` : '',
    framework.procedureMethods ? `the argument of ${list([...framework.procedureMethods].map((name) => code(`.${name}(…)`)))}` : '',
    framework.wrappers ? `the argument of ${list([...framework.wrappers].map((name) => code(`${name}(…)`)))}` : '',
    framework.handlerOptions ? `the ${list([...framework.handlerOptions].map(code))} option of a route` : '',
  ]
    .filter(Boolean)
    .join('; ');
}
const sendFunctionCall = (fn) => {
  const args = Array.from({ length: fn.body + 1 }, (_, index) => (index === fn.body ? 'body' : index === 0 ? (fn.module === 'h3' ? 'event' : 'res') : 'status'));
  return code(`${fn.path === '' ? 'send' : modulePath(fn.path)}(${args.join(', ')})`);
};
/** A CORS call as code writes it: `cors(options)`, `server.applyMiddleware({ cors })`, `fastify.register(cors, options)`. */
function corsCall(library, call) {
  const options = call.key ? `{ ${call.key.join(': { ')} }${' }'.repeat(call.key.length - 1)}` : 'options';
  const args = call.argument === 'any' ? `…, ${options}` : [...Array(call.argument).fill('…'), options].join(', ');
  if (call.plugin) return code(`register(plugin, ${options})`);
  if (call.path === '') return code(`require('${library.modules[0]}')(${args})`);
  const name = call.path.slice(1).replace(/^([A-Z]\w*)\(\)\./u, (_, cls) => `new ${cls}().`);
  const constructed = /^[A-Z]/u.test(name.slice(name.lastIndexOf('.') + 1)) ? `new ${name}` : name;
  return code(`${call.anyReceiver ? `app.${name}` : constructed}(${args})`);
}

const corsDefault = (library) => `${library.defaultText}${library.credentialsByDefault ? '; credentials on unless turned off' : ''}`;
const corsTrue = { reflect: "the request's Origin", wildcard: '`*`' };

const TABLES = {
  'no-secret-logging.md': {
    'log-libraries': [
      '| library | modules | loggers | methods that write | types read |',
      '|---|---|---|---|---|',
      ...LOGGER_LIBRARIES.map((library) => {
        const loggers = list(unique([
          ...shownPaths(library.factories).map((path) => (path === '' ? 'the module itself' : code(pathText(library.modules[0], path)))),
          ...(library.derivedInstances?.includes('child') ? ['their child loggers'] : (library.derivedInstances ?? []).map((name) => code(`${name}()`))),
        ]));
        const writes = library.logFunctions ? list(unique(shownPaths(library.logFunctions).map((path) => callText(library.modules[0], path)))) : logMethods(library);
        return `| ${library.id} | ${modules(library.modules)} | ${loggers} | ${writes} | ${code(library.types)} |`;
      }),
    ],
  },
  'no-error-exposure.md': {
    'error-middleware': [
      '| library | modules | calls | sends | when | what it does | types read |',
      '|---|---|---|---|---|---|---|',
      ...ERROR_MIDDLEWARE.map(
        (middleware) =>
          `| ${middleware.label} | ${modules(middleware.modules)} | ${list(middleware.calls.map((call) => callText(middleware.modules[0], call.path)))} | the ${middleware.exposes} | ${when(middleware)} | ${middleware.semantics} | ${code(middleware.types)} |`,
      ),
    ],
    'error-classes': [
      '| library | modules | calls (status) | message sent | what it does | types read |',
      '|---|---|---|---|---|---|',
      ...ERROR_CLASS_LIBRARIES.map(
        (library) =>
          `| ${library.label} | ${modules(library.modules)} | ${library.calls.map((call) => `${callText(library.modules[0], call.call)} (${statusText(call.status)})`).join(', ')} | ${POLICY[library.policy]} | ${library.semantics} | ${code(library.types)} |`,
      ),
    ],
    'stack-renderers': [
      '| library | modules | calls whose result holds the stack | types read |',
      '|---|---|---|---|',
      ...STACK_RENDERERS.map((renderer) => `| ${renderer.label} | ${modules(renderer.modules)} | ${list(renderer.calls.map((path) => callText(renderer.modules[0], path)))} | ${code(renderer.types)} |`),
    ],
  },
  'no-hardcoded-secrets.md': {
    'secret-arguments': [
      '| module | function, method or class | secret | kind | type definitions read |',
      '| --- | --- | --- | --- | --- |',
      ...SECRET_SINKS.map(
        (sink) =>
          `| ${modules(sink.modules)} | ${sink.plugin ? '`register(plugin, options)`' : sink.callees.map(secretCallee).join(', ')} | ${sink.slots.map(secretSlot).join(', ')} | ${sink.what} | ${code(sink.types)} |`,
      ),
    ],
  },
  'parameterized-queries.md': {
    'sql-drivers': [
      '| library | modules | calls that take query text | instead | types read |',
      '|---|---|---|---|---|',
      ...SQL_DRIVERS.map((driver) => `| ${driver.label} | ${modules(driver.modules)} | ${sqlCalls(driver)} | ${PLACEHOLDER_ADVICE[driver.placeholder]} | ${driver.types} |`),
    ],
  },
  'no-nosql-injection.md': {
    'nosql-libraries': [
      '| library | modules | types read |',
      '|---|---|---|',
      ...NOSQL_LIBRARIES.map((library) => `| ${library.label} | ${modules(library.modules)} | ${library.types} |`),
    ],
    'command-clients': [
      '| client | modules | calls that send a whole command | types read |',
      '|---|---|---|---|',
      ...COMMAND_CLIENTS.map(
        (client) =>
          `| ${client.label} | ${modules(client.modules)} | ${list([...client.commandArrays.map((name) => code(`${name}([command, ...args])`)), ...client.commandWords.map((name) => code(`${name}(command, ...args)`))])} | ${client.types} |`,
      ),
    ],
    'query-methods': [
      '| method | what its arguments are | only on |',
      '|---|---|---|',
      ...[...QUERY_METHODS].map(([name, method]) => {
        const roles = [
          ['filter', method.filter],
          ['`_id`', method.id],
          ['update', method.update],
          ['pipeline', method.pipeline],
          ['array of filters', method.filters],
          ['JavaScript', method.code],
        ]
          .filter(([, position]) => position !== undefined)
          .map(([role, position]) => `${position + 1}: ${role}`);
        if (method.mapReduce) roles.push('map and reduce functions, or `{ map, reduce, query }`');
        const only = [method.mongooseOnly ? 'Mongoose models and queries' : '', method.resolvedOnly ? 'receivers resolved to a library (not guessed models)' : ''].filter(Boolean);
        return `| ${code(name)} | ${roles.join('; ')} | ${list(only)} |`;
      }),
    ],
  },
  'no-query-in-loop.md': {
    'query-libraries': [
      '| library | modules | SQL text | reads | writes | one statement for many rows |',
      '|---|---|---|---|---|---|',
      ...[
        ...SQL_DRIVERS.filter((driver) => SQL_DRIVER_CALLS[driver.id] && !ORM_LIBRARIES.some((orm) => orm.id === driver.id)).map((driver) => ({ ...driver, calls: SQL_DRIVER_CALLS[driver.id] })),
        ...NOSQL_LIBRARIES.filter((library) => NOSQL_CALLS[library.id]).map((library) => ({ ...library, calls: NOSQL_CALLS[library.id] })),
        ...ORM_LIBRARIES.map((library) => ({ ...library, modules: [...library.modules, ...(library.modulePrefixes ?? []).map((prefix) => `${prefix}*`)], calls: library })),
      ].map(({ label, modules: names, calls }) => {
        const names_ = (methods) => list((methods ?? []).map((name) => code(name)));
        return `| ${label} | ${modules(names)} | ${names_(calls.sqlMethods)} | ${calls.executesChains ? 'any builder chain that runs' : names_(calls.readMethods)} | ${names_(calls.writeMethods)} | ${names_(calls.batchMethods)} |`;
      }),
    ],
    'in-process': [
      [...SQL_DRIVERS, ...NOSQL_LIBRARIES]
        .filter((library) => IN_PROCESS_DRIVERS.has(library.id))
        .map((library) => `${library.label} (${modules(library.modules)})`)
        .join(', '),
    ],
  },
  'jwt-verification.md': {
    'jwt-libraries': [
      '| library | modules | decode | verify | sign | verify without `algorithms` allows | types read |',
      '|---|---|---|---|---|---|---|',
      ...JWT_LIBRARIES.map(
        (library) =>
          `| ${library.label} | ${modules(library.modules)} | ${jwtCalls(library, 'decode')} | ${jwtCalls(library, 'verify')} | ${jwtCalls(library, 'sign')} | ${algorithmDefaults(library)} | ${library.read} |`,
      ),
    ],
  },
  'strong-password-hash.md': {
    'work-factor-apis': [
      '| package (types read) | modules | calls | algorithm | work factors | library defaults |',
      '|---|---|---|---|---|---|',
      ...WORK_FACTOR_APIS.map(
        (api) =>
          `| ${api.package} ${api.version} | ${modules([...api.modules])} | ${api.form === 'plugin' ? code('schema.plugin(plugin, options)') : list(api.paths.map(callOf))} | ${api.algorithm} | ${list(Object.entries(api.parameters).map(([name, at]) => `${WORK_LABELS[name]}: ${place(at)}`))} | ${list(Object.entries(api.defaults ?? {}).map((entry) => workDefault(api, entry)))} |`,
      ),
    ],
    'fast-hashes': [
      '| modules | calls | algorithm | types read |',
      '|---|---|---|---|',
      ...HASHER_FACTORIES.map((factory) => `| ${modules([...factory.modules])} | ${list(factory.paths.map(callOf))}, then \`update(data)\` | ${algorithmOf(factory.algorithm)} | ${factory.types} |`),
      ...FAST_HASH_FUNCTIONS.map((fn) => `| ${modules([...fn.modules])} | ${list(fn.paths.map(callOf))} (data: argument ${fn.data + 1}) | ${algorithmOf(fn.algorithm)} | ${fn.types} |`),
    ],
    'owasp-minimums': [
      '| algorithm | minimum (option) |',
      '|---|---|',
      `| bcrypt | cost ${PASSWORD_HASH_DEFAULTS.minBcryptCost} (\`minBcryptCost\`) |`,
      `| PBKDF2 | ${PASSWORD_HASH_DEFAULTS.minPbkdf2Iterations.toLocaleString('en-US')} iterations with SHA-256 (\`minPbkdf2Iterations\`), ${PASSWORD_HASH_DEFAULTS.minPbkdf2Sha1Iterations.toLocaleString('en-US')} with SHA-1 (\`minPbkdf2Sha1Iterations\`), ${PASSWORD_HASH_DEFAULTS.minPbkdf2Sha512Iterations.toLocaleString('en-US')} with SHA-512 (\`minPbkdf2Sha512Iterations\`) |`,
      `| scrypt | N = ${PASSWORD_HASH_DEFAULTS.minScryptCost.toLocaleString('en-US')} with r = 8, p = 1 (\`minScryptCost\`) |`,
      `| argon2 | ${PASSWORD_HASH_DEFAULTS.minArgon2Memory.toLocaleString('en-US')} KiB of memory with 2 passes (\`minArgon2Memory\`) |`,
    ],
  },
  'request-size-limit.md': {
    'body-parsers': [
      '| module | calls | options argument | body and field limits (default) | file limits (default) | counts | types read |',
      '|---|---|---|---|---|---|---|',
      ...BODY_PARSERS.map(
        (parser) =>
          `| ${code(parser.module)} | ${parser.plugin ? code('register(plugin, options)') : list(parser.paths.map((path) => (path === '' ? 'the module itself' : code(`${modulePath(path)}()`))))} | ${parser.plugin ? 2 : parser.options + 1} | ${optionKeys(parser.limitKeys)} (${parser.unboundedByDefault ? 'none: no limit' : sizeDefault(parser.defaultLimit)}) | ${parser.files ? `${optionKeys(parser.files.keys)} (${sizeDefault(parser.files.defaultLimit)}; files go to ${parser.files.storage}${parser.files.defaultsElsewhere ? '; defaults may come from `MulterModule`' : ''})` : '—'} | ${optionKeys(parser.countKeys)} | ${parser.types} |`,
      ),
    ],
  },
  'security-headers.md': {
    'headers-middleware': [
      '| module | call | options that turn a header off with `false` | removes X-Powered-By | types read |',
      '|---|---|---|---|---|',
      ...HEADERS_MIDDLEWARE.map(
        (entry) =>
          `| ${code(entry.module)} | ${entry.plugin ? code('register(plugin, options)') : entry.factory === '' ? 'the module itself' : code(`${entry.factory}(options)`)} | ${Object.entries(KEY_HEADERS)
            .map(([id, { header }]) => [header, Object.keys(entry.switches).filter((option) => entry.switches[option] === id)])
            .filter(([, options]) => options.length > 0)
            .map(([header, options]) => `${header}: ${modules(options)}`)
            .join('<br>')} | ${entry.hidesPoweredBy ? 'yes' : 'no'}${entry.poweredByMiddleware ? `; also ${modules(entry.poweredByMiddleware.map((name) => `${name}()`))}` : ''} | ${entry.types} |`,
      ),
    ],
  },
  'no-sensitive-response.md': {
    'response-sinks': [
      '| framework | what sends the body | types read |',
      '|---|---|---|',
      `| Express, Node's \`http\`, Next.js API routes, Fastify's reply, restify | ${list([...RESPONSE_SEND_METHODS.keys()].map((name) => code(`res.${name}(body)`)))} on a response object (named ${list([...RESPONSE_OBJECT_NAMES].map(code))}, or typed as one), also after \`status()\`, \`set()\`, ...; ${list([...STATUS_FIRST_SEND_METHODS].map((name) => code(`${name}(status, body)`)))} | ${RESPONSE_SINK_TYPES.responseMethods} |`,
      `| Hono | ${list([...CONTEXT_SEND_METHODS.keys()].map((name) => code(`c.${name}(body)`)))} | ${RESPONSE_SINK_TYPES.contextMethods} |`,
      `| Koa | ${list([...KOA_CONTEXT_NAMES].map((name) => code(`${name}.body = body`)))}, \`ctx.response.body = body\` | ${RESPONSE_SINK_TYPES.koaBody} |`,
      `| Next.js route handlers, Web \`Response\` | ${list(RESPONSE_CLASSES.flatMap((klass) => [code(`new ${klass.name}(body)`), ...[...RESPONSE_CLASS_STATIC_METHODS].map((name) => code(`${klass.name}.${name}(body)`))]))} | ${RESPONSE_SINK_TYPES.responseClasses} |`,
      `| NestJS | the return value of a method decorated with ${list([...NEST_ROUTE_DECORATORS].map((name) => code(`@${name}()`)))} | ${RESPONSE_SINK_TYPES.nestRoutes} |`,
      `| GraphQL | the return value of a resolver | ${RESPONSE_SINK_TYPES.graphqlResolvers} |`,
      `| hapi | ${list([...TOOLKIT_SEND_METHODS.keys()].map((name) => code(`h.${name}(value)`)))} on the toolkit (named ${list([...TOOLKIT_NAMES].map(code))}) | ${RESPONSE_SINK_TYPES.toolkit} |`,
      ...RESPONSE_SEND_FUNCTIONS.map((fn) => `| ${code(fn.module)} | ${sendFunctionCall(fn)} | ${fn.types} |`),
      ...RETURNED_BODY_FRAMEWORKS.map((framework) => `| ${framework.label} (${modules([...framework.modules])}) | the return value of a handler: ${returnedBodyHandlers(framework)} | ${framework.types} |`),
      `| socket.io | ${list([...SOCKET_EMIT_METHODS].map((name) => code(`${name}(event, data)`)))} on ${list([...SOCKET_NAMES].map(code))}, also through ${list([...SOCKET_SELECTORS].map(code))} (\`socket.to(room).emit\`) | ${RESPONSE_SINK_TYPES.socket} |`,
    ],
  },
  'cors-policy.md': {
    'cors-libraries': [
      "| library | modules | calls | origin option | default when no origin is given | `true` | `'*'` with credentials | types read |",
      '|---|---|---|---|---|---|---|---|',
      ...CORS_LIBRARIES.map(
        (library) =>
          `| [${library.label}](${library.docs}) | ${modules(library.modules)} | ${list(unique(library.calls.map((call) => corsCall(library, call))))} | ${modules(library.originKeys)} | ${corsDefault(library)} | ${library.trueOrigin ? corsTrue[library.trueOrigin] : '—'} | ${library.wildcardReflects ? "the request's Origin" : '`*` (browsers refuse it)'} | ${library.types} |`,
      ),
    ],
  },
};

const check = process.argv.includes('--check');
const stale = [];
for (const [file, tables] of Object.entries(TABLES)) {
  const url = new URL(file, DOCS);
  const before = readFileSync(url, 'utf8');
  let after = before;
  for (const [name, lines] of Object.entries(tables)) {
    const begin = `<!-- begin catalog table: ${name} -->`;
    const end = '<!-- end catalog table -->';
    const start = after.indexOf(begin);
    const stop = start < 0 ? -1 : after.indexOf(end, start);
    if (start < 0 || stop < 0) throw new Error(`docs/rules/${file}: no ${begin} ... ${end} section`);
    after = `${after.slice(0, start + begin.length)}\n\n${lines.join('\n')}\n\n${after.slice(stop)}`;
  }
  if (after === before) continue;
  stale.push(`docs/rules/${file}`);
  if (!check) writeFileSync(url, after);
}
if (check && stale.length > 0) {
  console.error(`The catalog tables of ${stale.join(', ')} are out of date: run \`npm run docs\`.`);
  process.exit(1);
}
