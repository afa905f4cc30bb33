import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IN_PROCESS_DRIVERS, NOSQL_CALLS, ORM_LIBRARIES, SQL_DRIVER_CALLS, type DatabaseCalls } from '../src/catalog/database-calls.js';
import { ERROR_CLASS_LIBRARIES, ERROR_MIDDLEWARE, STACK_RENDERERS } from '../src/catalog/error-responders.js';
import { LOG_METHODS, LOGGER_LIBRARIES } from '../src/catalog/loggers.js';
import { COMMAND_CLIENTS, NOSQL_LIBRARIES, QUERY_METHODS } from '../src/catalog/nosql.js';
import { CORS_LIBRARIES, type CorsCall } from '../src/catalog/cors.js';
import { SQL_DRIVERS } from '../src/catalog/sql-drivers.js';
import { BODY_PARSERS } from '../src/catalog/body-parsers.js';
import { FASTIFY_JWT_DECORATORS, FASTIFY_JWT_METHODS, JWT_LIBRARIES, JWT_MODULE_FUNCTIONS, NEST_JWT_METHODS } from '../src/catalog/jwt.js';
import { FAST_HASH_FUNCTIONS, HASHER_FACTORIES, WORK_FACTOR_APIS } from '../src/catalog/password-hashing.js';
import {
  CONTEXT_SEND_METHODS,
  RESPONSE_CLASS_STATIC_METHODS,
  RESPONSE_SEND_FUNCTIONS,
  RESPONSE_SEND_METHODS,
  RETURNED_BODY_FRAMEWORKS,
  SOCKET_EMIT_METHODS,
  TOOLKIT_SEND_METHODS,
} from '../src/catalog/responses.js';
import { HEADERS_MIDDLEWARE } from '../src/catalog/security-headers.js';
import { readFixtures, type FixtureFile } from './fixture-annotations.js';

/**
 * Every entry of the catalogs that name sinks (SQL text, MongoDB-style filters) and queries (for
 * loops) is exercised by the fixtures of its rule: a library by a fixture file that imports it with
 * a line that must be reported and a near miss, and each of its calls by an annotated statement.
 */

/** How many lines a statement may run before the line its annotation is on. */
const STATEMENT_LINES = 6;

interface Library {
  readonly id: string;
  readonly modules: readonly string[];
  /** Names of its functions, methods and constructors that play the role. */
  readonly calls: readonly string[];
  /** Only near misses are expected (an in-process database is never a query in a loop). */
  readonly neverReported?: boolean;
}

const lastName = (path: string) => path.slice(path.lastIndexOf('.') + 1);
const withoutExtension = (file: string) => file.replace(/\.[cm]?[jt]sx?$/u, '');
const unique = (names: readonly string[]) => [...new Set(names)].sort();

/** The files of a rule's fixtures that import or require one of the modules (a name ending in `/` is a prefix: `drizzle-orm/`). */
function importing(fixtures: readonly FixtureFile[], modules: readonly string[]): FixtureFile[] {
  const quoted = (module: string) => (module.endsWith('/') ? [`'${module}`, `"${module}`] : [`'${module}'`, `"${module}"`]);
  return fixtures.filter((fixture) => modules.some((module) => quoted(module).some((text) => fixture.code.includes(text))));
}

/** Whether a call of the name (`name(`, `` name` ``, `name<T>(`) is part of an annotated statement of one of the files. */
function annotatedUse(files: readonly FixtureFile[], name: string): boolean {
  const call = new RegExp(`(?:^|[^\\w$])${name.replace(/\$/gu, '\\$')}\\s*(?:<[^<>()]*>)?\\s*[(\`]`, 'u');
  return files.some((fixture) => {
    const lines = fixture.code.split('\n');
    const annotated = new Set([...fixture.expected.keys(), ...fixture.nearMisses]);
    return lines.some((line, index) => {
      if (!call.test(line) || /^\s*(?:import|const .*= require\()/u.test(line)) return false;
      for (let next = index + 1; next <= index + 1 + STATEMENT_LINES; next += 1) if (annotated.has(next)) return true;
      return false;
    });
  });
}

function checkLibraries(ruleId: string, libraries: readonly Library[]): void {
  const fixtures = readFixtures(ruleId);
  describe.each(libraries.map((library) => [library.id, library] as const))(`${ruleId}: %s`, (_id, library) => {
    const files = importing(fixtures, library.modules);

    it('is imported by a fixture with a line that must be reported and a near miss', () => {
      expect(files.map((fixture) => fixture.name), `a fixture of ${ruleId} imports ${library.modules.join(' or ')}`).not.toEqual([]);
      const reported = files.reduce((sum, fixture) => sum + fixture.expected.size, 0);
      const nearMisses = files.reduce((sum, fixture) => sum + fixture.nearMisses.length, 0);
      if (!library.neverReported) expect(reported).toBeGreaterThan(0);
      expect(nearMisses).toBeGreaterThan(0);
    });

    it.runIf(library.calls.length > 0)('has each of its calls in an annotated statement', () => {
      expect(library.calls.filter((name) => !annotatedUse(files, name))).toEqual([]);
    });
  });
}

/**
 * The calls of a query-in-loop library each checked by a fixture: those that take SQL text, and
 * the aggregates. Its finders and writes are checked as a library (a fixture both ways), not one by one.
 */
const AGGREGATES: ReadonlySet<string> = new Set([
  'count', 'countBy', 'countDocuments', 'estimatedDocumentCount', 'distinct', 'aggregate', 'groupBy', 'sum', 'min', 'max', 'average', 'minimum', 'maximum',
]);
const queryCalls = (calls: DatabaseCalls) => unique([...(calls.sqlMethods ?? []), ...(calls.readMethods ?? []).filter((name) => AGGREGATES.has(name))]);

checkLibraries(
  'parameterized-queries',
  SQL_DRIVERS.map((driver) => ({
    id: driver.id,
    modules: driver.modules,
    calls: unique([
      ...driver.instanceSinks,
      ...Object.keys(driver.sinkArguments ?? {}),
      ...(driver.moduleSinks ?? []).map(lastName),
      ...(driver.optionSinks ?? []).map((option) => lastName(option.call)),
    ]),
  })),
);

checkLibraries('no-nosql-injection', [
  ...NOSQL_LIBRARIES.map((library) => ({ id: library.id, modules: library.modules, calls: [] })),
  ...COMMAND_CLIENTS.map((client) => ({ id: client.id, modules: client.modules, calls: [...client.commandArrays, ...client.commandWords] })),
]);

describe('no-nosql-injection: query methods', () => {
  const fixtures = readFixtures('no-nosql-injection');
  it('has each method of the catalog in an annotated statement', () => {
    expect([...QUERY_METHODS.keys()].filter((name) => !annotatedUse(fixtures, name))).toEqual([]);
  });
});

checkLibraries('no-query-in-loop', [
  ...SQL_DRIVERS.filter((driver) => SQL_DRIVER_CALLS[driver.id] !== undefined && !ORM_LIBRARIES.some((orm) => orm.id === driver.id)).map((driver) => ({
    id: driver.id,
    modules: driver.modules,
    calls: queryCalls(SQL_DRIVER_CALLS[driver.id]!),
  })),
  ...NOSQL_LIBRARIES.map((library) => ({
    id: library.id,
    modules: library.modules,
    calls: NOSQL_CALLS[library.id] ? queryCalls(NOSQL_CALLS[library.id]!) : [],
    neverReported: IN_PROCESS_DRIVERS.has(library.id),
  })),
  ...ORM_LIBRARIES.map((library) => ({ id: library.id, modules: [...library.modules, ...(library.modulePrefixes ?? [])], calls: queryCalls(library) })),
]);

// Log sinks (no-secret-logging) and error responders (no-error-exposure).

/** Names that a call can have: not `()` of a module called, nor a path through another call. */
const callNames = (paths: readonly string[]) => unique(paths.map(lastName).filter((name) => /^[\w$]+$/u.test(name)));

checkLibraries(
  'no-secret-logging',
  LOGGER_LIBRARIES.map((library) => {
    const methods = library.methods ?? [];
    // A library that adds its own methods to the level names: those; one that replaces them: all of its methods.
    const ownMethods = [...LOG_METHODS].every((name) => methods.includes(name)) ? methods.filter((name) => !LOG_METHODS.has(name)) : methods;
    return { id: library.id, modules: library.modules, calls: unique([...ownMethods, ...callNames(library.logFunctions ?? [])]) };
  }),
);

checkLibraries('no-error-exposure', [
  ...ERROR_MIDDLEWARE.map((middleware) => ({
    id: middleware.id,
    modules: middleware.modules,
    calls: callNames(middleware.calls.map((call) => call.path)),
    neverReported: middleware.when === 'outside-production',
  })),
  ...ERROR_CLASS_LIBRARIES.map((library) => ({ id: library.id, modules: library.modules, calls: callNames(library.calls.map((call) => call.call.replace(/^#/u, '.'))) })),
  ...STACK_RENDERERS.map((renderer) => ({ id: renderer.id, modules: renderer.modules, calls: callNames(renderer.calls) })),
]);

checkLibraries(
  'jwt-verification',
  JWT_LIBRARIES.map((library) => ({
    id: library.id,
    modules: library.modules,
    calls: unique([
      ...Object.keys(JWT_MODULE_FUNCTIONS[library.id] ?? {}).map(lastName).filter((name) => name !== '' && name !== 'default'),
      ...Object.keys(library.id === 'nestjs' ? NEST_JWT_METHODS : library.id === 'fastify' ? { ...FASTIFY_JWT_METHODS, ...FASTIFY_JWT_DECORATORS } : {}),
    ]),
  })),
);

/** A module path's function name (`.sha256.create` is `create`); the module itself is called by whatever name the file gives it. */
const calledNames = (paths: readonly string[]) => unique(paths.map(lastName).filter((name) => name !== ''));

checkLibraries('strong-password-hash', [
  ...[...new Set(WORK_FACTOR_APIS.map((api) => api.package))].map((name) => {
    const apis = WORK_FACTOR_APIS.filter((api) => api.package === name);
    return { id: name, modules: unique(apis.flatMap((api) => [...api.modules])), calls: calledNames(apis.flatMap((api) => (api.form === 'plugin' ? ['.plugin'] : api.paths))) };
  }),
  ...[...HASHER_FACTORIES, ...FAST_HASH_FUNCTIONS].map((entry) => ({
    id: `${[...entry.modules][0]} ${entry.paths.join(', ') || '(the module)'}`,
    modules: [...entry.modules],
    calls: calledNames(entry.paths),
  })),
]);

/** The package a module belongs to: `graphql-upload/processRequest.mjs` is graphql-upload's. */
const packageOf = (module: string) => module.split('/').slice(0, module.startsWith('@') ? 2 : 1).join('/');

checkLibraries(
  'request-size-limit',
  [...new Set(BODY_PARSERS.map((parser) => packageOf(parser.module)))].map((name) => {
    const parsers = BODY_PARSERS.filter((parser) => packageOf(parser.module) === name);
    return { id: name, modules: unique(parsers.map((parser) => parser.module)), calls: calledNames(parsers.flatMap((parser) => (parser.plugin ? ['.register'] : parser.paths))) };
  }),
);

/**
 * security-headers is a project check: its fixtures are the apps of fixtures/apps. Each middleware
 * of the catalog is imported by a server file whose options the check reports (in the file or a
 * module it imports) and by one it leaves alone.
 */
describe.each(HEADERS_MIDDLEWARE.map((entry) => [entry.module, entry] as const))('security-headers: %s', (module) => {
  const APPS = new URL('../fixtures/apps/', import.meta.url).pathname;
  const servers = readdirSync(APPS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const app = join(APPS, entry.name);
      const { findings } = JSON.parse(readFileSync(join(app, 'expected.json'), 'utf8')) as { findings: { rule: string; messageId?: string; file: string }[] };
      const reportedFiles = new Set(findings.filter((finding) => finding.rule === 'persona/security-headers').map((finding) => withoutExtension(finding.file)));
      return readdirSync(app, { recursive: true, encoding: 'utf8' })
        .filter((name) => /\.[cm]?[jt]sx?$/u.test(name) && !name.includes('node_modules'))
        .map((name) => ({ file: name, code: readFileSync(join(app, name), 'utf8') }))
        .filter(({ code }) => code.includes(`'${module}'`) || code.includes(`"${module}"`))
        .map(({ file, code }) => {
          // The file and the modules it imports relatively: where its helmet options may be written.
          const places = [file, ...[...code.matchAll(/(?:from |require\()['"](\.{1,2}\/[^'"]+)['"]/gu)].map((match) => join(dirname(file), match[1]!))].map(withoutExtension);
          return { name: `${entry.name}/${file}`, reported: places.some((place) => reportedFiles.has(place)) };
        });
    });

  it('is imported by a server whose options are reported and by one left alone', () => {
    expect(servers.filter((server) => server.reported).map((server) => server.name), `a fixture app imports ${module} with a header turned off`).not.toEqual([]);
    expect(servers.filter((server) => !server.reported).map((server) => server.name), `a fixture app imports ${module} with no finding`).not.toEqual([]);
  });
});

checkLibraries('no-sensitive-response', [
  ...RESPONSE_SEND_FUNCTIONS.map((fn) => ({ id: `${fn.module} ${fn.path || '(the module)'}`, modules: [fn.module], calls: calledNames([fn.path]) })),
  ...RETURNED_BODY_FRAMEWORKS.map((framework) => ({
    id: framework.label,
    modules: [...framework.modules],
    calls: unique([...(framework.wrappers ?? []), ...(framework.procedureMethods ?? [])]),
  })),
]);

describe('no-sensitive-response: response methods', () => {
  const fixtures = readFixtures('no-sensitive-response');
  it('has each send method of the catalog in an annotated statement', () => {
    const methods = [...RESPONSE_SEND_METHODS.keys(), ...CONTEXT_SEND_METHODS.keys(), ...TOOLKIT_SEND_METHODS.keys(), ...SOCKET_EMIT_METHODS, ...RESPONSE_CLASS_STATIC_METHODS];
    expect(methods.filter((name) => !annotatedUse(fixtures, name))).toEqual([]);
  });
});

// ---- cors-policy: every library of the CORS catalog, and each of its calls -----------------------

/** The name a CORS call is written with: the last member of its path (`.ApolloServer().applyMiddleware` is `applyMiddleware`), `register` for a plugin; none for the module itself. */
function corsCallName(call: CorsCall): string[] {
  if (call.plugin) return ['register'];
  const name = lastName(call.path.replaceAll('()', ''));
  return name === '' ? [] : [name];
}

checkLibraries(
  'cors-policy',
  CORS_LIBRARIES.map((library) => ({ id: library.id, modules: library.modules, calls: unique(library.calls.flatMap(corsCallName)) })),
);
