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
import { SECRET_SINKS, slotPathText } from '../dist/src/catalog/secrets.js';
import { PLACEHOLDER_ADVICE, SQL_DRIVERS } from '../dist/src/catalog/sql-drivers.js';

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
