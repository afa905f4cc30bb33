import { describe, expect, it } from 'vitest';
import { IN_PROCESS_DRIVERS, NOSQL_CALLS, ORM_LIBRARIES, SQL_DRIVER_CALLS, type DatabaseCalls } from '../src/catalog/database-calls.js';
import { COMMAND_CLIENTS, NOSQL_LIBRARIES, QUERY_METHODS } from '../src/catalog/nosql.js';
import { CORS_LIBRARIES, type CorsCall } from '../src/catalog/cors.js';
import { SQL_DRIVERS } from '../src/catalog/sql-drivers.js';
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
