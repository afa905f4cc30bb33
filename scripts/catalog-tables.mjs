#!/usr/bin/env node
// Writes the library tables of the rule docs from the built catalogs (run after `npm run build`),
// so a doc cannot drift from what the rules know. `--check` fails when a doc is out of date.
//
//   node scripts/catalog-tables.mjs [--check]
//
// A table sits between `<!-- begin catalog table: <name> -->` and `<!-- end catalog table -->`.
import { readFileSync, writeFileSync } from 'node:fs';
import { IN_PROCESS_DRIVERS, NOSQL_CALLS, ORM_LIBRARIES, SQL_DRIVER_CALLS } from '../dist/src/catalog/database-calls.js';
import { COMMAND_CLIENTS, NOSQL_LIBRARIES, QUERY_METHODS } from '../dist/src/catalog/nosql.js';
import { ERROR_CLASS_LIBRARIES, ERROR_MIDDLEWARE, STACK_RENDERERS } from '../dist/src/catalog/error-responders.js';
import { LOG_METHODS, LOGGER_LIBRARIES } from '../dist/src/catalog/loggers.js';
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
