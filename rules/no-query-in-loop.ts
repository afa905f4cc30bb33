import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  ARRAY_CALLBACK_METHODS,
  ASSOCIATION_ACCESSOR,
  ASSOCIATION_ADVICE,
  ASYNC_LIBRARY_METHODS,
  BATCHED_SQL,
  BATCH_BUILDER_METHODS,
  BATCH_FUNCTIONS,
  BATCH_KEYS,
  BATCH_NAME,
  BEGIN_STATEMENT,
  CHECK_FUNCTION_NAME,
  COLLECTION_MAPPER_MODULES,
  CONSTANT_NAME,
  DELEGATE_ONLY_METHODS,
  DELETE_BUILDER_METHODS,
  DELETE_METHODS,
  DELETE_STATEMENT,
  EXECUTING_CHAIN_METHODS,
  GENERIC_SQL_ADVICE,
  INJECTION_DECORATORS,
  INSERT_BUILDER_METHODS,
  INSERT_METHODS,
  INSERT_STATEMENT,
  INSTANCE_READ_METHODS,
  INSTANCE_WRITE_METHODS,
  IN_PROCESS_DRIVERS,
  KEY_LIST_NAME,
  KNEX_NAMES,
  MODEL_BATCH_METHODS,
  MODEL_READ_METHODS,
  MODEL_RECEIVER_NAME,
  MODEL_WRITE_METHODS,
  NEW_ENTITY_METHODS,
  NOSQL_CALLS,
  NOT_ASSOCIATION_ACCESSORS,
  NOT_DATA_STATEMENT,
  NOT_PERSISTENCE_FOLDERS,
  ORM_LIBRARIES,
  PRISMA_NAME,
  PROMISE_COLLECTION_METHODS,
  PROMISE_LIBRARY_NAMES,
  REPOSITORY_READ_METHOD,
  SAVE_METHODS,
  SQL_DRIVER_CALLS,
  TRANSACTION_METHODS,
  TRANSACTION_NAMES,
  TRANSACTION_OPTION_KEYS,
  UPDATE_STATEMENT,
  WRITE_BUILDER_METHODS,
  type BatchAdvice,
  type DatabaseCalls,
  type WriteClass,
} from '../src/catalog/database-calls.js';
import { isModelModulePath, nosqlLibraryForModule } from '../src/catalog/nosql.js';
import { DEFAULT_TEST_FILE_PATTERNS } from '../src/catalog/secrets.js';
import { GENERIC_QUERY_FUNCTION, GENERIC_QUERY_METHODS, driverForModule } from '../src/catalog/sql-drivers.js';
import { originResolver, type ModuleModel } from '../src/ast/module-origin.js';
import { calleeParts, enclosingClass, isFunction, keyName, memberName, referenceName, returnedValues, shortSource, unwrap, type FunctionNode } from '../src/ast/nodes.js';
import { looksLikeSql, sqlSkeleton } from '../src/ast/sql-text.js';
import { isTestFile } from '../src/ast/test-files.js';
import { findVariable, parameterOf, writesOf } from '../src/ast/variables.js';
import { createRule } from '../src/create-rule.js';
import { flowOf } from '../src/flow/index.js';
import { nameList } from '../src/schema.js';

type Options = [
  {
    models?: string[];
    guessModels?: boolean;
    writes?: 'batchable' | 'all' | 'none';
    transactionWrites?: boolean;
    helpers?: boolean;
    ignoredFiles?: string[];
  },
];
type MessageIds = 'queryInLoop' | 'writeInLoop';

/** A library whose values the rule tracks from their module, with the calls that query. */
interface Library extends ModuleModel {
  readonly id: string;
  readonly label: string;
  readonly calls: DatabaseCalls;
}

type Kind = 'read' | 'write' | 'batch';

/** A call that runs a query. */
interface Query {
  /** What to print: `prisma.user.findUnique`, `loadAuthor() → prisma.user.findUnique`. */
  readonly label: string;
  readonly library: string;
  readonly advice: BatchAdvice;
  readonly kind: Kind;
  /** For writes: adds, removes or changes rows, or saves an entity. */
  readonly write?: WriteClass;
  /** Runs in a transaction the code opened (`{ transaction: t }`, a `trx` receiver). */
  readonly transactional: boolean;
  /** What the query is given (arguments, builder arguments, template values): tells a per-item update from the same change for every item. */
  readonly values: readonly TSESTree.Node[];
  /** The SQL text argument, when the call takes one. */
  readonly text?: TSESTree.Node;
}

/** Where a node runs once per item: the loop or callback, and what it walks. */
interface Loop {
  readonly node: TSESTree.Node;
  readonly description: string;
  /** The variables that hold the current item (`post` in `for (const post of posts)`). */
  readonly elements: readonly TSESTree.Identifier[];
  /** The collection walked, when there is one expression for it. */
  readonly collection: TSESTree.Node | undefined;
}

/** Where walking up from a node ended: a loop, or the function it runs in (called once). */
type Placement = { readonly loop: Loop } | { readonly fn: FunctionNode | undefined };

const MAX_DEPTH = 12;
/** Calls that collect promises to run them (`Promise.all(list)`, `pending.push(query)`). */
const COLLECTING_CALLS: ReadonlySet<string> = new Set(['push', 'all', 'allSettled', 'race', 'any', 'resolve', 'add', 'map', 'mapSeries', 'each']);
const MUTATING_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'splice', 'add', 'set', 'concat']);
const MAX_HELPER_ROUNDS = 4;
const HOLE = '\u0000';

/** An in-process database (SQLite): its calls run no query this rule counts. */
const IN_PROCESS_CALLS: DatabaseCalls = { advice: GENERIC_SQL_ADVICE };

/** Libraries made from the catalogs, by id, made once. */
const KNOWN_LIBRARIES = new Map<string, Library>();
const ORM_BY_ID = new Map<string, Library>(ORM_LIBRARIES.map((library) => [library.id, { ...library, calls: library }]));

/** The library model for a module: an SQL driver with its calls, MongoDB or Mongoose, or an ORM of the catalog. */
function libraryForModule(moduleName: string): Library | undefined {
  const name = moduleName.startsWith('node:') ? moduleName.slice(5) : moduleName;
  // An ORM this file's catalog describes in full (MikroORM, Objection) before the SQL driver entry of its raw-SQL calls.
  const orm = ORM_LIBRARIES.find((library) => library.modules.includes(name) || (library.modulePrefixes ?? []).some((prefix) => name.startsWith(prefix)));
  if (orm) return ORM_BY_ID.get(orm.id);
  const driver = driverForModule(name);
  if (driver) {
    // SQLite: known, so that `db.prepare('SELECT ...')` is not taken for a remote database's query; never a query here.
    const calls = SQL_DRIVER_CALLS[driver.id] ?? (IN_PROCESS_DRIVERS.has(driver.id) ? IN_PROCESS_CALLS : undefined);
    if (!calls) return undefined;
    let library = KNOWN_LIBRARIES.get(driver.id);
    if (!library) {
      library = {
        id: driver.id,
        label: driver.label,
        factories: driver.factories,
        moduleAliases: driver.moduleAliases,
        derivedInstances: [...(driver.derivedInstances ?? []), ...(calls.derivedInstances ?? [])],
        chainable: driver.chainable,
        callbackInstances: driver.callbackInstances,
        calls,
      };
      KNOWN_LIBRARIES.set(driver.id, library);
    }
    return library;
  }
  const nosql = nosqlLibraryForModule(name);
  if (nosql) {
    // NeDB, LokiJS, TingoDB: known, so that their `find` is not taken for a guessed model's; never a query here.
    const calls = NOSQL_CALLS[nosql.id] ?? (IN_PROCESS_DRIVERS.has(nosql.id) ? IN_PROCESS_CALLS : undefined);
    if (!calls) return undefined;
    let library = KNOWN_LIBRARIES.get(nosql.id);
    if (!library) {
      library = { ...nosql, calls };
      KNOWN_LIBRARIES.set(nosql.id, library);
    }
    return library;
  }
  return undefined;
}

function libraryById(id: string): Library | undefined {
  if (ORM_BY_ID.has(id)) return ORM_BY_ID.get(id);
  const module = id === 'prisma' ? '@prisma/client' : id === 'typeorm' ? 'typeorm' : id;
  return libraryForModule(module);
}

const ALL_METHODS: ReadonlySet<string> = new Set([
  ...[...Object.values(SQL_DRIVER_CALLS), ...Object.values(NOSQL_CALLS), ...ORM_LIBRARIES].flatMap((calls) => [
    ...(calls.sqlMethods ?? []),
    ...(calls.readMethods ?? []),
    ...(calls.writeMethods ?? []),
    ...(calls.batchMethods ?? []),
  ]),
  ...GENERIC_QUERY_METHODS,
  ...MODEL_READ_METHODS,
  ...MODEL_WRITE_METHODS,
  ...MODEL_BATCH_METHODS,
  ...INSTANCE_READ_METHODS,
  ...INSTANCE_WRITE_METHODS,
]);

const DEFAULT_IGNORED_FILES: readonly string[] = [
  '**/migrations/**',
  '**/migration/**',
  '**/seeds/**',
  '**/seeders/**',
  '**/seed.*',
  '**/scripts/**',
  ...DEFAULT_TEST_FILE_PATTERNS,
];

export default createRule<Options, MessageIds>({
  name: 'no-query-in-loop',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow database queries run once per item of a loop or per-item callback (N+1 queries)',
      recommended: true,
      standard: 'No query inside a loop (N+1); batch or eager-load',
      precision: 'high',
    },
    messages: {
      queryInLoop:
        '`{{call}}` ({{library}}) runs once per item of {{loop}}: N+1 queries. Load the data for all items at once ({{advice}}), or batch the lookups with a DataLoader.',
      writeInLoop:
        '`{{call}}` ({{library}}) writes once per item of {{loop}}: one round trip per row. Write all rows in one statement ({{advice}}).',
    },
    defaultOptions: [{ models: [], guessModels: true, writes: 'batchable', transactionWrites: false, helpers: true, ignoredFiles: [...DEFAULT_IGNORED_FILES] }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          models: nameList(
            'Receiver names that are models, repositories or database clients (`Ledger` makes `Ledger.findOne(...)` and `this.Ledger.save(...)` queries), matched on the last name.',
          ),
          guessModels: {
            type: 'boolean',
            description:
              'Treat receivers imported from a models folder or file (`../models/User`, `models.Post`) and names such as `UserModel` or `orderRepository` as models, when their method is a model query (`findOne`, `findAll`, `save`, ...).',
          },
          writes: {
            type: 'string',
            enum: ['batchable', 'all', 'none'],
            description:
              'Which writes once per item to report: `batchable` (inserts, deletes, and updates that make the same change for every item), `all` (every write), or `none` (reads only).',
          },
          transactionWrites: {
            type: 'boolean',
            description:
              'Report writes once per item inside a transaction the code opened (`$transaction(async (tx) => ...)`, `{ transaction: t }`, `BEGIN`). Off: sequential writes in one unit of work are allowed.',
          },
          helpers: {
            type: 'boolean',
            description: 'Report calls in a loop of same-file functions (and methods) that read from the database, at the call.',
          },
          ignoredFiles: nameList('Globs of files where loops of queries are expected (migrations, seeds, scripts, tests); relative to the working directory.'),
        },
      },
    ],
  },
  create(context, [options]) {
    if (isTestFile(context.filename, context.cwd, options.ignoredFiles ?? DEFAULT_IGNORED_FILES)) return {};
    const { sourceCode } = context;
    const configuredModels = new Set(options.models ?? []);
    const guessModels = options.guessModels !== false;
    const writes = options.writes ?? 'batchable';
    const reportTransactionWrites = options.transactionWrites === true;
    const libraries = originResolver(sourceCode, libraryForModule);
    const modules = originResolver(sourceCode);
    const localFunctions = flowOf(context).functions;

    const importedModules = new Set<string>();
    const calls: (TSESTree.CallExpression | TSESTree.TaggedTemplateExpression)[] = [];
    /** Functions that open a transaction themselves (`BEGIN`, `startTransaction()`, `sequelize.transaction()` without a callback). */
    const transactionFunctions = new Set<FunctionNode | undefined>();
    const instanceCache = new Map<TSESTree.Node, Library | null>();
    const reported = new Set<TSESTree.Node>();

    // ---- Which values are database clients, models and builders --------------------------------

    function instanceOf(node: TSESTree.Node, depth = 0): Library | undefined {
      if (depth > MAX_DEPTH) return undefined;
      const inner = unwrap(node);
      const cached = instanceCache.get(inner);
      if (cached !== undefined) return cached ?? undefined;
      instanceCache.set(inner, null);
      const found = computeInstance(inner, depth + 1);
      instanceCache.set(inner, found ?? null);
      return found;
    }

    function computeInstance(node: TSESTree.Node, depth: number): Library | undefined {
      const origin = libraries.resolve(node);
      if (origin?.model && origin.instance) return origin.model;
      const name = referenceName(node);
      if (name !== undefined && (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression)) {
        if (KNEX_NAMES.has(name)) return libraryById('knex');
        if (PRISMA_NAME.test(name)) return libraryById('prisma');
      }
      switch (node.type) {
        case AST_NODE_TYPES.Identifier:
          return identifierInstance(node, depth);
        case AST_NODE_TYPES.MemberExpression:
          if (unwrap(node.object).type === AST_NODE_TYPES.ThisExpression) return injectedInstance(node);
          return undefined;
        case AST_NODE_TYPES.CallExpression: {
          const { object, name: method, callee } = calleeParts(node);
          if (method === 'getRepository' || method === 'getCustomRepository' || method === 'getTreeRepository' || method === 'getMongoRepository' || method === 'withRepository') {
            const receiver = object && instanceOf(object, depth);
            return receiver?.id === 'mikro-orm' ? receiver : libraryById('typeorm');
          }
          // A builder chain: `knex('users').where(...)`, `db.select().from(users)`.
          const receiver = instanceOf(object ?? callee, depth);
          if (receiver?.calls.executesChains || receiver?.chainable) return receiver;
          return undefined;
        }
        default:
          return undefined;
      }
    }

    function identifierInstance(node: TSESTree.Identifier, depth: number): Library | undefined {
      const variable = findVariable(sourceCode, node);
      const definition = variable?.defs[0];
      if (!variable || !definition) return undefined;
      if (definition.type === 'Variable') {
        for (const write of writesOf(variable)) {
          if (write.path.length > 0 || write.element) continue;
          const found = instanceOf(write.value, depth);
          if (found) return found;
        }
        return undefined;
      }
      if (definition.type === 'Parameter') {
        const parameter = parameterOf(variable);
        const fn = parameter?.fn;
        // `prisma.$transaction(async (tx) => ...)`, `knex.transaction(async (trx) => ...)`.
        const call = fn?.parent;
        if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
          const { object, name } = calleeParts(call);
          if (name === '$transaction') return libraryById('prisma');
          if (object && name !== undefined && TRANSACTION_METHODS.has(name)) return instanceOf(object, depth);
        }
        return undefined;
      }
      if (definition.type === 'ClassName') return modelClass(definition.node as TSESTree.ClassDeclaration);
      return undefined;
    }

    /** A class of the file that extends an ORM's model base (`class User extends Model`). */
    function modelClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Library | undefined {
      if (!node.superClass) return undefined;
      const origin = libraries.resolve(node.superClass);
      const bases = origin?.model?.calls.modelBases;
      return origin?.model && bases?.includes(origin.path) ? origin.model : undefined;
    }

    /** `@InjectRepository(User) private users: Repository<User>`, `@InjectModel(User.name) private userModel`. */
    function injectedInstance(node: TSESTree.MemberExpression): Library | undefined {
      const name = memberName(node);
      const body = enclosingClass(node);
      if (name === undefined || !body) return undefined;
      const decorators: TSESTree.Decorator[] = [];
      for (const member of body.body) {
        if (member.type === AST_NODE_TYPES.PropertyDefinition && keyName(member) === name) decorators.push(...member.decorators);
        if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
          for (const param of member.value.params) {
            if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
            const inner = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
            if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) decorators.push(...param.decorators);
          }
        }
      }
      for (const decorator of decorators) {
        const expression = decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.callee : decorator.expression;
        const kind = expression.type === AST_NODE_TYPES.Identifier ? INJECTION_DECORATORS.get(expression.name) : undefined;
        if (kind === 'model') return importedModules.has('@nestjs/sequelize') ? libraryById('sequelize') : libraryForModule('mongoose');
        if (kind !== undefined) return libraryById(kind);
      }
      return undefined;
    }

    /** A model the rule guesses: imported from a models module, or named like a model or repository. */
    function guessedModel(node: TSESTree.Node): { label: string; configured: boolean } | undefined {
      const inner = unwrap(node);
      const name = referenceName(inner);
      if (name !== undefined && configuredModels.has(name)) return { label: 'configured model', configured: true };
      if (!guessModels) return undefined;
      const fromModels = (origin: { module: string; path: string } | undefined, maxSegments: number): boolean =>
        origin !== undefined &&
        isModelModulePath(origin.module) &&
        !origin.module.split('/').some((segment) => NOT_PERSISTENCE_FOLDERS.has(segment)) &&
        !origin.path.includes('(') &&
        origin.path.split('.').length <= maxSegments;
      if (inner.type === AST_NODE_TYPES.Identifier) {
        const origin = modules.resolve(inner);
        if (fromModels(origin, 2)) return { label: `a model from '${origin!.module}'`, configured: false };
      } else if (inner.type === AST_NODE_TYPES.MemberExpression && name !== undefined && /^[A-Z]/u.test(name)) {
        // `models.Post.findOne(...)`: a namespace of models (Sequelize, Bookshelf).
        const namespace = unwrap(inner.object);
        if (namespace.type === AST_NODE_TYPES.Identifier) {
          const origin = modules.resolve(namespace);
          if (fromModels(origin, 3)) return { label: `a model from '${origin!.module}'`, configured: false };
        }
      }
      const isOwnField = inner.type === AST_NODE_TYPES.MemberExpression && unwrap(inner.object).type === AST_NODE_TYPES.ThisExpression;
      if (name !== undefined && MODEL_RECEIVER_NAME.test(name) && (inner.type === AST_NODE_TYPES.Identifier || isOwnField) && !/^(?:view|View|data|Data)Model$/u.test(name)) {
        return { label: 'a model, by its name', configured: false };
      }
      return undefined;
    }

    // ---- Which calls run a query ---------------------------------------------------------------

    function sqlTextOf(node: TSESTree.Node | undefined): string | undefined {
      if (!node || node.type === AST_NODE_TYPES.SpreadElement) return undefined;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) {
        const property = inner.properties.find(
          (candidate): candidate is TSESTree.Property =>
            candidate.type === AST_NODE_TYPES.Property && (keyName(candidate) === 'text' || keyName(candidate) === 'sql' || keyName(candidate) === 'query'),
        );
        return property ? sqlSkeleton(sourceCode, property.value) : undefined;
      }
      if (inner.type === AST_NODE_TYPES.TaggedTemplateExpression) return templateText(inner.quasi);
      const text = sqlSkeleton(sourceCode, inner);
      return text === HOLE ? undefined : text;
    }

    function templateText(quasi: TSESTree.TemplateLiteral): string {
      return quasi.quasis.map((part) => part.value.cooked ?? part.value.raw).join(HOLE);
    }

    /** Read, write or batch by the SQL text; undefined for statements that are not about data (`COMMIT`, `CREATE INDEX`). */
    function sqlKind(text: string | undefined): { kind: Kind; write?: WriteClass } | undefined {
      if (text === undefined) return { kind: 'read' };
      if (NOT_DATA_STATEMENT.test(text)) return undefined;
      if (BATCHED_SQL.test(text)) return { kind: 'batch' };
      if (INSERT_STATEMENT.test(text)) return { kind: 'write', write: 'insert' };
      if (DELETE_STATEMENT.test(text)) return { kind: 'write', write: 'delete' };
      if (UPDATE_STATEMENT.test(text)) return { kind: 'write', write: 'update' };
      return { kind: 'read' };
    }

    function sqlAdvice(text: string | undefined): BatchAdvice {
      if (text?.includes('$1')) return SQL_DRIVER_CALLS['pg']!.advice;
      if (text?.includes('?')) return SQL_DRIVER_CALLS['mysql']!.advice;
      return GENERIC_SQL_ADVICE;
    }

    function methodKind(calls: DatabaseCalls, name: string): Kind | undefined {
      if (calls.batchMethods?.includes(name)) return 'batch';
      if (calls.writeMethods?.includes(name)) return 'write';
      if (calls.readMethods?.includes(name)) return 'read';
      return undefined;
    }

    /** What a write method does; `save(entity)` of an entity made in the loop (`R.dispense()`, `repo.create()`) inserts. */
    function writeClassOf(name: string, call: TSESTree.CallExpression): WriteClass {
      if (INSERT_METHODS.has(name)) return 'insert';
      if (DELETE_METHODS.has(name)) return 'delete';
      if (!SAVE_METHODS.has(name)) return 'update';
      const [argument] = call.arguments;
      const inner = argument && unwrap(argument);
      if (inner?.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(sourceCode, inner);
        const values = variable?.defs[0]?.type === 'Variable' ? writesOf(variable).filter((write) => write.path.length === 0) : [];
        // Only a new entity: one that may also be loaded (`findOne(...) ?? dispense()`) is an upsert.
        if (values.length > 0 && values.every((write) => isNewEntity(write.value))) return 'insert';
      }
      return inner && isNewEntity(inner) ? 'insert' : 'save';
    }

    function isNewEntity(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.NewExpression || inner.type === AST_NODE_TYPES.ObjectExpression) return true;
      return inner.type === AST_NODE_TYPES.CallExpression && NEW_ENTITY_METHODS.has(calleeParts(inner).name ?? '');
    }

    /** A query from a method: read, batch, or a write with what it does. */
    function methodQuery(library: { label: string; advice: BatchAdvice }, kind: Kind, name: string, call: TSESTree.CallExpression, top: TSESTree.Node): Query {
      const batched = kind !== 'batch' && isBatched(call, top);
      return {
        label: callLabel(call),
        library: library.label,
        advice: library.advice,
        kind: batched ? 'batch' : kind,
        write: kind === 'write' ? writeClassOf(name, call) : undefined,
        transactional: inTransaction(call, top),
        values: chainCalls(top).flatMap((link) => link.arguments),
      };
    }

    /** A query from SQL text (`pool.query(text, values)`, `sql\`...\``). */
    function sqlQuery(
      library: { label: string; advice: BatchAdvice },
      text: string | undefined,
      call: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression,
      top: TSESTree.Node,
      fallback?: WriteClass,
    ): Query | undefined {
      const found = sqlKind(text);
      if (!found) return undefined;
      const label = call.type === AST_NODE_TYPES.CallExpression ? callLabel(call) : shortSource(sourceCode, call.tag);
      // `R.exec(statement)`: a write method whose text we cannot read.
      const kind = text === undefined && fallback ? 'write' : found.kind;
      return {
        label,
        library: library.label,
        advice: library.advice,
        kind,
        write: kind === 'write' ? (found.write ?? fallback ?? 'update') : undefined,
        transactional: inTransaction(call, top),
        values: call.type === AST_NODE_TYPES.CallExpression ? call.arguments : call.quasi.expressions,
        text: call.type === AST_NODE_TYPES.CallExpression ? call.arguments[0] : undefined,
      };
    }

    /** How a query call is shown: `prisma.user.findMany`, `knex(...)...first`, `this.users.createQueryBuilder(...)...getOne`. */
    function callLabel(node: TSESTree.CallExpression): string {
      const links = chainCalls(node);
      const { name, callee } = calleeParts(node);
      if (links.length < 2 || name === undefined) return shortSource(sourceCode, callee);
      return `${shortSource(sourceCode, links.at(-1)!.callee)}(...)...${name}`;
    }

    /** The calls of a chain from its top down: `a().b().c()` gives `c()`, `b()`, `a()`. */
    function chainCalls(top: TSESTree.Node): TSESTree.CallExpression[] {
      const found: TSESTree.CallExpression[] = [];
      let current = unwrap(top);
      for (let depth = 0; depth < 40; depth += 1) {
        if (current.type === AST_NODE_TYPES.CallExpression) {
          found.push(current);
          current = unwrap(current.callee);
        } else if (current.type === AST_NODE_TYPES.MemberExpression && unwrap(current.object).type !== AST_NODE_TYPES.ThisExpression) {
          current = unwrap(current.object);
        } else {
          break;
        }
      }
      return found;
    }

    /** The value a chain starts from: `knex` in `knex('users').where(...)`, `this.db` in `this.db.select()`. */
    function chainRoot(top: TSESTree.Node): TSESTree.Node {
      let current = unwrap(top);
      for (let depth = 0; depth < 40; depth += 1) {
        if (current.type === AST_NODE_TYPES.CallExpression) current = unwrap(current.callee);
        else if (current.type === AST_NODE_TYPES.MemberExpression && unwrap(current.object).type !== AST_NODE_TYPES.ThisExpression) current = unwrap(current.object);
        else if (current.type === AST_NODE_TYPES.TaggedTemplateExpression) current = unwrap(current.tag);
        else break;
      }
      return current;
    }

    /** The outermost call of the chain a call is part of: `a.b().c().d()` for `a.b()`. */
    function chainTop(node: TSESTree.Node): TSESTree.Node {
      let current: TSESTree.Node = node;
      for (let depth = 0; depth < 40; depth += 1) {
        let parent = current.parent;
        while (parent && (parent.type === AST_NODE_TYPES.ChainExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression)) parent = parent.parent;
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === outermost(current)) {
          const call = parent.parent;
          if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
            current = call;
            continue;
          }
        }
        break;
      }
      return current;
    }

    function outermost(node: TSESTree.Node): TSESTree.Node {
      let current = node;
      while (current.parent && (current.parent.type === AST_NODE_TYPES.ChainExpression || current.parent.type === AST_NODE_TYPES.TSNonNullExpression)) current = current.parent;
      return current;
    }

    /**
     * A value returned from a function runs when the caller awaits it: a helper's result is, and a
     * per-item callback's results are when the mapped list is (`Promise.all(ids.map(...))`, not
     * `const filters = ids.map((id) => sql\`id = ${id}\`)`).
     */
    function returnRuns(node: TSESTree.Node, depth: number): boolean {
      let fn: TSESTree.Node | undefined = node;
      while (fn && !isFunction(fn)) fn = fn.parent;
      if (!fn || !perItemShape(fn as FunctionNode)) return true;
      return isExecuted(chainTop(fn.parent!), depth + 1);
    }

    /** A builder chain runs: awaited, returned, `then`-ed, collected into `Promise.all` or an array of promises. */
    function isExecuted(top: TSESTree.Node, depth = 0): boolean {
      if (depth > 4) return false;
      if (chainCalls(top).some((call) => EXECUTING_CHAIN_METHODS.has(calleeParts(call).name ?? ''))) return true;
      let child: TSESTree.Node = outermost(top);
      let parent = child.parent;
      while (parent && (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression || parent.type === AST_NODE_TYPES.TSSatisfiesExpression)) {
        child = parent;
        parent = parent.parent;
      }
      if (!parent) return false;
      switch (parent.type) {
        case AST_NODE_TYPES.AwaitExpression:
        case AST_NODE_TYPES.YieldExpression:
        case AST_NODE_TYPES.ArrayExpression:
          return true;
        // A list of promises returned from a helper may be awaited by its caller, or be a list of fragments.
        case AST_NODE_TYPES.ReturnStatement:
          return depth === 0 && returnRuns(parent, depth);
        case AST_NODE_TYPES.ArrowFunctionExpression:
          return depth === 0 && parent.body === child && returnRuns(parent, depth);
        case AST_NODE_TYPES.CallExpression: {
          const name = calleeParts(parent).name;
          return parent.callee !== child && name !== undefined && COLLECTING_CALLS.has(name);
        }
        case AST_NODE_TYPES.VariableDeclarator: {
          // `const pending = ids.map((id) => ...); await Promise.all(pending)`.
          if (parent.init !== child || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
          const variable = findVariable(sourceCode, parent.id);
          return (
            variable?.references.some((reference) => {
              const use = reference.identifier.parent;
              if (reference.isWrite() || !use) return false;
              if (use.type === AST_NODE_TYPES.AwaitExpression || use.type === AST_NODE_TYPES.ReturnStatement) return true;
              return use.type === AST_NODE_TYPES.CallExpression && use.callee !== reference.identifier && COLLECTING_CALLS.has(calleeParts(use).name ?? '');
            }) ?? false
          );
        }
        default:
          return false;
      }
    }

    /** Whether a query's arguments or chain ask for a set of keys at once (`{ id: { in: ids } }`, `whereIn`, `In(ids)`). */
    function isBatched(call: TSESTree.CallExpression, top: TSESTree.Node): boolean {
      for (const link of chainCalls(top)) {
        const name = calleeParts(link).name;
        if (name !== undefined && BATCH_BUILDER_METHODS.has(name)) return true;
        if (link.arguments.some((argument) => hasBatchCondition(argument, 0))) return true;
      }
      return call.arguments.some((argument) => hasBatchCondition(argument, 0));
    }

    function hasBatchCondition(node: TSESTree.Node, depth: number): boolean {
      if (depth > 6) return false;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.CallExpression) {
        const name = calleeParts(inner).name;
        return name !== undefined && BATCH_FUNCTIONS.has(name);
      }
      if (inner.type === AST_NODE_TYPES.ArrayExpression) return inner.elements.some((element) => element && hasBatchCondition(element, depth + 1));
      if (inner.type !== AST_NODE_TYPES.ObjectExpression) return false;
      for (const property of inner.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = property.computed && property.key.type === AST_NODE_TYPES.MemberExpression ? memberName(property.key) : keyName(property);
        if (key !== undefined && BATCH_KEYS.has(key)) return true;
        const value = unwrap(property.value);
        // Sequelize: `where: { id: ids }` matches every id in the list.
        if (depth > 0 && (value.type === AST_NODE_TYPES.ArrayExpression ? value.elements.length > 1 : value.type === AST_NODE_TYPES.Identifier && KEY_LIST_NAME.test(value.name))) return true;
        if (hasBatchCondition(property.value, depth + 1)) return true;
      }
      return false;
    }

    /** What a builder chain writes, if it writes: `insert(...)`, `del()`, `update(...)`. */
    function chainWriteClass(top: TSESTree.Node): WriteClass | undefined {
      let found: WriteClass | undefined;
      for (const call of chainCalls(top)) {
        const name = calleeParts(call).name ?? '';
        if (INSERT_BUILDER_METHODS.has(name)) return 'insert';
        if (DELETE_BUILDER_METHODS.has(name)) return 'delete';
        if (WRITE_BUILDER_METHODS.has(name)) found = 'update';
      }
      return found;
    }

    /** Whether a query runs in a transaction the code holds. */
    function inTransaction(call: TSESTree.Node, top: TSESTree.Node): boolean {
      const root = chainRoot(top);
      const rootName = root.type === AST_NODE_TYPES.Identifier ? root.name : root.type === AST_NODE_TYPES.MemberExpression ? memberName(root) : undefined;
      if (rootName !== undefined && TRANSACTION_NAMES.has(rootName)) return true;
      for (const link of chainCalls(top)) {
        const name = calleeParts(link).name;
        if (name === 'transacting' || name === 'session' || name === 'useTransaction') return true;
        if (link.arguments.some((argument) => hasTransactionOption(argument, 0))) return true;
      }
      for (let current: TSESTree.Node | undefined = call.parent; current; current = current.parent) {
        if (!isFunction(current)) continue;
        if (transactionFunctions.has(current)) return true;
        const parent = current.parent;
        if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(current as TSESTree.CallExpressionArgument)) {
          const name = calleeParts(parent).name;
          if (name !== undefined && TRANSACTION_METHODS.has(name)) return true;
        }
      }
      return false;
    }

    function hasTransactionOption(node: TSESTree.Node, depth: number): boolean {
      const inner = unwrap(node);
      if (depth > 2 || inner.type !== AST_NODE_TYPES.ObjectExpression) return false;
      return inner.properties.some(
        (property) =>
          property.type === AST_NODE_TYPES.Property &&
          ((keyName(property) !== undefined && TRANSACTION_OPTION_KEYS.has(keyName(property)!)) || hasTransactionOption(property.value, depth + 1)),
      );
    }

    /** The query a call or tagged template runs, if it runs one. */
    function queryOf(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): Query | undefined {
      const top = chainTop(node);
      if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
        // postgres.js `sql\`...\``, Prisma `prisma.$queryRaw\`...\``.
        const tag = unwrap(node.tag);
        const library = instanceOf(tag);
        const method = tag.type === AST_NODE_TYPES.MemberExpression ? memberName(tag) : undefined;
        const text = templateText(node.quasi);
        const isQuery =
          ((library?.id === 'postgres' && tag.type === AST_NODE_TYPES.Identifier) || method === '$queryRaw' || method === '$executeRaw') && looksLikeSql(text);
        if (!isQuery || !isExecuted(top)) return undefined;
        const owner = library ?? libraryById('prisma')!;
        return sqlQuery({ label: owner.label, advice: owner.calls.advice }, text, node, top);
      }
      const { object, name, callee } = calleeParts(node);
      if (name === undefined) return undefined;

      if (object) {
        const receiver = instanceOf(object);
        if (receiver) {
          const { calls } = receiver;
          const owner = { label: receiver.label, advice: calls.advice };
          // A builder's call runs only when the chain is awaited (`knex.raw('lower(?)')` inside a select is a fragment).
          if (calls.executesChains && !isExecuted(top)) return undefined;
          if (calls.sqlMethods?.includes(name)) {
            const text = sqlTextOf(node.arguments[0]);
            if (calls.executesChains && text !== undefined && !looksLikeSql(text)) return undefined;
            return sqlQuery(owner, text, node, top);
          }
          const kind = methodKind(calls, name);
          if (kind) {
            // `R.exec(sql)`, `$executeRaw(sql)`: writes that take text.
            const text = kind === 'write' && !INSERT_METHODS.has(name) && !DELETE_METHODS.has(name) && !SAVE_METHODS.has(name) ? sqlTextOf(node.arguments[0]) : undefined;
            if (text !== undefined && looksLikeSql(text)) return sqlQuery(owner, text, node, top, 'update');
            if (kind === 'write' && (name === 'exec' || name === '$executeRawUnsafe')) return sqlQuery(owner, text, node, top, 'update');
            return methodQuery(owner, kind, name, node, top);
          }
        }
        // `prisma.user.findMany(...)`, `tx.post.create(...)`: a model delegate of a Prisma client.
        const inner = unwrap(object);
        if (inner.type === AST_NODE_TYPES.MemberExpression) {
          const client = instanceOf(inner.object);
          if (client?.calls.delegates) {
            const kind = methodKind(client.calls, name);
            if (kind) return methodQuery({ label: client.label, advice: client.calls.advice }, kind, name, node, top);
          }
          if (DELEGATE_ONLY_METHODS.has(name)) {
            const namespace = unwrap(inner.object);
            const drizzle = namespace.type === AST_NODE_TYPES.MemberExpression && memberName(namespace) === 'query';
            const library = drizzle ? libraryById('drizzle')! : libraryById('prisma')!;
            const kind = name.startsWith('create') || name.startsWith('update') ? 'batch' : 'read';
            return methodQuery({ label: library.label, advice: library.calls.advice }, kind, name, node, top);
          }
        }
        if (receiver) return undefined;
        // A model the rule guesses or the user names; a guess counts only when the call's promise is used.
        const guessed = guessedModel(object);
        if (guessed !== undefined && (guessed.configured || isExecuted(top))) {
          const kind = MODEL_BATCH_METHODS.has(name)
            ? 'batch'
            : MODEL_WRITE_METHODS.has(name)
              ? 'write'
              : MODEL_READ_METHODS.has(name) || REPOSITORY_READ_METHOD.test(name)
                ? 'read'
                : undefined;
          if (kind) return methodQuery({ label: guessed.label, advice: GENERIC_SQL_ADVICE }, kind, name, node, top);
        }
        // `db.query('SELECT ...')` on a receiver we cannot resolve: the text says it is SQL.
        if (GENERIC_QUERY_METHODS.has(name)) return unresolvedSql(node, top);
        return undefined;
      }
      // `query('SELECT ...')`: a query function we cannot see into.
      if (GENERIC_QUERY_FUNCTION.test(name) && !localFunctions.of(callee)) return unresolvedSql(node, top);
      return undefined;
    }

    function unresolvedSql(node: TSESTree.CallExpression, top: TSESTree.Node): Query | undefined {
      const text = sqlTextOf(node.arguments[0]);
      if (text === undefined || !looksLikeSql(text)) return undefined;
      return sqlQuery({ label: 'SQL', advice: sqlAdvice(text) }, text, node, top);
    }

    /** A builder chain of knex, drizzle or Objection that runs. */
    function builderQuery(top: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): Query | undefined {
      if (top.type !== AST_NODE_TYPES.CallExpression || !isExecuted(top)) return undefined;
      const root = chainRoot(top);
      const library = instanceOf(root);
      if (!library?.calls.executesChains) return undefined;
      const links = chainCalls(top);
      if (links.length === 0) return undefined;
      const owner = { label: library.label, advice: library.calls.advice };
      const rawLink = links.find((link) => calleeParts(link).name === 'raw');
      if (rawLink) {
        const text = sqlTextOf(rawLink.arguments[0]);
        if (text !== undefined && !looksLikeSql(text)) return undefined;
        return sqlQuery(owner, text, rawLink, top);
      }
      const write = chainWriteClass(top);
      // `insert([...])` with the rows written out is one statement.
      const rowsAtOnce = links.some((link) => INSERT_BUILDER_METHODS.has(calleeParts(link).name ?? '') && link.arguments[0] !== undefined && unwrap(link.arguments[0]).type === AST_NODE_TYPES.ArrayExpression);
      return {
        label: callLabel(top),
        library: owner.label,
        advice: owner.advice,
        kind: rowsAtOnce || isBatched(links.at(-1)!, top) ? 'batch' : write ? 'write' : 'read',
        write,
        transactional: inTransaction(top, top),
        values: links.flatMap((link) => link.arguments),
      };
    }

    // ---- Loops ---------------------------------------------------------------------------------

    /** A collection written out in the source: a fixed, small number of items. */
    function isConstantCollection(node: TSESTree.Node, depth = 0): boolean {
      if (depth > 4) return false;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ArrayExpression) return inner.elements.every((element) => element?.type !== AST_NODE_TYPES.SpreadElement);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner.properties.every((property) => property.type === AST_NODE_TYPES.Property);
      if (inner.type === AST_NODE_TYPES.NewExpression && inner.callee.type === AST_NODE_TYPES.Identifier && (inner.callee.name === 'Set' || inner.callee.name === 'Map')) {
        return inner.arguments[0] !== undefined && isConstantCollection(inner.arguments[0], depth + 1);
      }
      if (inner.type === AST_NODE_TYPES.CallExpression) {
        const { object, name } = calleeParts(inner);
        // `Object.keys(LIMITS)`, `Object.entries({ ... })`.
        if (object?.type === AST_NODE_TYPES.Identifier && object.name === 'Object' && (name === 'keys' || name === 'values' || name === 'entries')) {
          return inner.arguments[0] !== undefined && isConstantCollection(inner.arguments[0], depth + 1);
        }
        return false;
      }
      // `ALLOWED_ROLES`, `constants.EMAIL_SLUGS`: a constant by the naming convention, defined in code.
      const name = referenceName(inner);
      if (name !== undefined && (inner.type === AST_NODE_TYPES.Identifier || inner.type === AST_NODE_TYPES.MemberExpression) && CONSTANT_NAME.test(name)) return true;
      if (inner.type === AST_NODE_TYPES.MemberExpression && unwrap(inner.object).type === AST_NODE_TYPES.ThisExpression) {
        // `static patchList = { ... }` or `roles = ['a', 'b']` in the class: written in the source.
        const property = enclosingClass(inner)?.body.find(
          (member): member is TSESTree.PropertyDefinition => member.type === AST_NODE_TYPES.PropertyDefinition && keyName(member) === name,
        );
        return property?.value != null && isConstantCollection(property.value, depth + 1);
      }
      if (inner.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(sourceCode, inner);
        const definition = variable?.defs[0];
        if (definition?.type !== 'Variable' || definition.parent.type !== AST_NODE_TYPES.VariableDeclaration || definition.parent.kind !== 'const') return false;
        const writes = writesOf(variable!);
        if (writes.length !== 1 || writes[0]!.path.length > 0 || writes[0]!.element || !isConstantCollection(writes[0]!.value, depth + 1)) return false;
        // A list that grows (`queue.push(...)`) is not a fixed one.
        return !variable!.references.some((reference) => {
          const member = reference.identifier.parent;
          return member?.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier && MUTATING_METHODS.has(memberName(member) ?? '');
        });
      }
      return false;
    }

    function isBatchNamed(node: TSESTree.Node | undefined): boolean {
      if (!node) return false;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.CallExpression) {
        const name = calleeParts(inner).name;
        return name !== undefined && BATCH_NAME.test(name);
      }
      const name = referenceName(inner);
      return name !== undefined && BATCH_NAME.test(name);
    }

    function patternIdentifiers(pattern: TSESTree.Node | undefined | null): TSESTree.Identifier[] {
      if (!pattern) return [];
      if (pattern.type === AST_NODE_TYPES.Identifier) return [pattern];
      if (pattern.type === AST_NODE_TYPES.VariableDeclaration) return patternIdentifiers(pattern.declarations[0]?.id);
      return [];
    }

    /** A condition that walks a collection: `i < items.length`, `queue.length > 0`, `cursor.hasNext()`. */
    function walksCollection(test: TSESTree.Node | null): boolean {
      if (!test) return false;
      let found = false;
      const visit = (node: TSESTree.Node, depth: number): void => {
        if (found || depth > 8) return;
        const inner = unwrap(node);
        if (inner.type === AST_NODE_TYPES.MemberExpression) {
          const name = memberName(inner);
          if ((name === 'length' || name === 'size') && !isConstantCollection(inner.object)) found = true;
          else visit(inner.object, depth + 1);
        } else if (inner.type === AST_NODE_TYPES.CallExpression) {
          const name = calleeParts(inner).name;
          if (name === 'hasNext' || name === 'next' || name === 'shift' || name === 'pop') found = true;
        } else if (inner.type === AST_NODE_TYPES.BinaryExpression || inner.type === AST_NODE_TYPES.LogicalExpression) {
          visit(inner.left, depth + 1);
          visit(inner.right, depth + 1);
        } else if (inner.type === AST_NODE_TYPES.UnaryExpression) {
          visit(inner.argument, depth + 1);
        } else if (inner.type === AST_NODE_TYPES.AssignmentExpression) {
          visit(inner.right, depth + 1);
        }
      };
      visit(test, 0);
      return found;
    }

    function line(node: TSESTree.Node): number {
      return node.loc.start.line;
    }

    /** The per-item callback a function is, if it is one: `items.map(fn)`, `Promise.map(items, fn)`, `async.eachSeries(items, fn)`. */
    function perItemCallback(fn: FunctionNode): Loop | undefined {
      const call = fn.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return undefined;
      return perItemCall(call, fn);
    }

    function perItemCall(call: TSESTree.CallExpression, callback: TSESTree.Node): Loop | undefined {
      const { object, name, callee } = calleeParts(call);
      const index = call.arguments.indexOf(callback as TSESTree.CallExpressionArgument);
      const params = isFunction(callback) ? callback.params : [];
      const describe = (collection: TSESTree.Node | undefined, elementIndex: number): Loop | undefined => {
        if (collection && (isConstantCollection(collection) || isBatchNamed(collection))) return undefined;
        const element = params[elementIndex];
        if (element && element.type === AST_NODE_TYPES.Identifier && BATCH_NAME.test(element.name)) return undefined;
        return {
          node: call,
          description: `the \`${shortSource(sourceCode, callee)}()\` callback on line ${line(call)}`,
          elements: element?.type === AST_NODE_TYPES.Identifier ? [element] : [],
          collection,
        };
      };
      if (object && name !== undefined) {
        const receiver = unwrap(object);
        const receiverName = referenceName(receiver);
        if (ARRAY_CALLBACK_METHODS.has(name) && index === 0) {
          if (receiver.type === AST_NODE_TYPES.Identifier && (PROMISE_LIBRARY_NAMES.has(receiver.name) || receiver.name === 'async')) return undefined;
          return describe(receiver, name === 'reduce' || name === 'reduceRight' ? 1 : 0);
        }
        if (receiverName !== undefined && PROMISE_LIBRARY_NAMES.has(receiverName) && PROMISE_COLLECTION_METHODS.has(name) && index === 1) {
          return describe(call.arguments[0], name === 'reduce' ? 1 : 0);
        }
        if (ASYNC_LIBRARY_METHODS.has(name) && index >= 1 && call.arguments.findIndex((argument) => isFunction(argument)) === index) {
          const origin = modules.resolve(receiver);
          if (origin?.module === 'async' || origin?.module === 'neo-async' || receiverName === 'async') return describe(call.arguments[0], 0);
        }
        return undefined;
      }
      if (index === 1) {
        const origin = modules.resolve(callee);
        if (origin && COLLECTION_MAPPER_MODULES.has(origin.module)) return describe(call.arguments[0], 0);
      }
      return undefined;
    }

    /** Functions that run where they are written: IIFEs, `then` callbacks, a Promise executor, a driver's result callback, a transaction's body. */
    function runsInline(fn: FunctionNode): boolean {
      const parent = fn.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === fn) return true;
      if (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === 'Promise') return true;
      if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
      const { object, name } = calleeParts(parent);
      if (name === undefined) return false;
      if (name === 'then' || name === 'catch' || name === 'finally' || TRANSACTION_METHODS.has(name)) return true;
      // `connection.query(sql, (error, rows) => ...)`: the callback of a query runs with it.
      return object !== undefined && (GENERIC_QUERY_METHODS.has(name) || ALL_METHODS.has(name)) && instanceOf(object) !== undefined;
    }

    function placementOf(node: TSESTree.Node): Placement {
      let child: TSESTree.Node = node;
      for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
        switch (parent.type) {
          case AST_NODE_TYPES.ForOfStatement: {
            if (child !== parent.body) break;
            const elements = patternIdentifiers(parent.left);
            if (isConstantCollection(parent.right) || isBatchNamed(parent.right) || elements.some((element) => BATCH_NAME.test(element.name))) break;
            return { loop: { node: parent, description: `the \`${parent.await ? 'for await...of' : 'for...of'}\` loop on line ${line(parent)}`, elements, collection: parent.right } };
          }
          case AST_NODE_TYPES.ForInStatement:
            if (child !== parent.body || isConstantCollection(parent.right)) break;
            return { loop: { node: parent, description: `the \`for...in\` loop on line ${line(parent)}`, elements: [], collection: undefined } };
          case AST_NODE_TYPES.ForStatement:
            if (child !== parent.body || !walksCollection(parent.test)) break;
            return { loop: { node: parent, description: `the \`for\` loop on line ${line(parent)}`, elements: [], collection: undefined } };
          case AST_NODE_TYPES.WhileStatement:
          case AST_NODE_TYPES.DoWhileStatement:
            if (child !== parent.body || !walksCollection(parent.test)) break;
            return {
              loop: {
                node: parent,
                description: `the \`${parent.type === AST_NODE_TYPES.WhileStatement ? 'while' : 'do...while'}\` loop on line ${line(parent)}`,
                elements: [],
                collection: undefined,
              },
            };
          case AST_NODE_TYPES.FunctionDeclaration:
          case AST_NODE_TYPES.FunctionExpression:
          case AST_NODE_TYPES.ArrowFunctionExpression: {
            const loop = perItemCallback(parent);
            if (loop) return { loop };
            if (perItemShape(parent) || runsInline(parent)) break;
            return { fn: parent };
          }
          case AST_NODE_TYPES.ClassBody:
          case AST_NODE_TYPES.Program:
            return { fn: undefined };
          default:
            break;
        }
      }
      return { fn: undefined };
    }

    /** A per-item callback over a constant or batched collection: it runs a fixed number of times, in the enclosing code. */
    function perItemShape(fn: FunctionNode): boolean {
      const call = fn.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
      const { object, name } = calleeParts(call);
      return object !== undefined && name !== undefined && ARRAY_CALLBACK_METHODS.has(name) && call.arguments[0] === fn;
    }

    // ---- Rows of a query, walked in a loop ------------------------------------------------------

    /** Whether a collection holds rows of a query (`const posts = await Post.findAll()`). */
    function holdsRows(node: TSESTree.Node | undefined, depth = 0): boolean {
      if (!node || depth > 4) return false;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.CallExpression) {
        return (queryOf(inner) ?? builderQuery(chainTop(inner) as TSESTree.CallExpression)) !== undefined;
      }
      if (inner.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(sourceCode, inner);
        if (variable?.defs[0]?.type !== 'Variable') return false;
        return writesOf(variable).some((write) => write.path.length === 0 && !write.element && holdsRows(write.value, depth + 1));
      }
      return false;
    }

    /**
     * `const note = new Note({...}); await note.save()` in a loop: a document the code made from a
     * model, written. Saving one made with `new` inserts it, so `insertMany` batches them.
     */
    function documentWrite(call: TSESTree.CallExpression, name: string): Query | undefined {
      const { object } = calleeParts(call);
      const top = chainTop(call);
      if (!object || !INSTANCE_WRITE_METHODS.has(name) || !isExecuted(top)) return undefined;
      const model = flowOf(context)
        .valueOf(object)
        .map((atom) => (atom.kind === 'call' && atom.node.type === AST_NODE_TYPES.NewExpression ? guessedModel(atom.node.callee) : undefined))
        .find((found) => found !== undefined);
      if (!model) return undefined;
      return { ...methodQuery({ label: model.label, advice: GENERIC_SQL_ADVICE }, 'write', name, call, top), write: SAVE_METHODS.has(name) ? 'insert' : writeClassOf(name, call) };
    }

    /** `post.getAuthor()`, `user.save()`, `doc.populate('x')` on the current row of a loop over query results. */
    function rowQuery(call: TSESTree.CallExpression, loop: Loop): Query | undefined {
      const { object, name, callee } = calleeParts(call);
      if (!object || name === undefined || object.type !== AST_NODE_TYPES.Identifier) return undefined;
      const element = loop.elements.find((candidate) => candidate.name === (object as TSESTree.Identifier).name);
      if (!element || findVariable(sourceCode, object)?.defs[0]?.name !== element) return undefined;
      const association = ASSOCIATION_ACCESSOR.test(name) && !NOT_ASSOCIATION_ACCESSORS.has(name) && call.arguments.length <= 1;
      const kind: Kind | undefined = INSTANCE_WRITE_METHODS.has(name) ? 'write' : INSTANCE_READ_METHODS.has(name) || association ? 'read' : undefined;
      if (!kind || !holdsRows(loop.collection)) return undefined;
      return {
        label: shortSource(sourceCode, callee),
        library: association ? 'an association of a row' : 'a row of a query',
        advice: association ? ASSOCIATION_ADVICE : GENERIC_SQL_ADVICE,
        kind,
        // `row.save()` writes whatever the loop changed on the row.
        write: kind === 'write' ? (DELETE_METHODS.has(name) ? 'delete' : SAVE_METHODS.has(name) ? 'save' : 'update') : undefined,
        transactional: inTransaction(call, call),
        values: [object, ...call.arguments],
      };
    }

    // ---- Helpers that look data up ---------------------------------------------------------------

    /**
     * Whether a function looks data up, and with which of its reads: it returns what a query read
     * (`return rows[0]`, `return prisma.user.findUnique(...)`), or its name says it checks
     * (`assertUnique`, `checkQuota`). A function that does a unit of work per item (`processStep`,
     * `createOne`) is not followed. The index of the read, or -1.
     */
    function lookupIndex(fn: FunctionNode, queryNodes: readonly TSESTree.Node[]): number {
      const name = functionName(fn);
      if (name !== undefined && CHECK_FUNCTION_NAME.test(name)) return 0;
      const inside = (node: TSESTree.Node, outer: TSESTree.Node) => node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1];
      const sources = new Set<TSESTree.Node>();
      const holds = (value: TSESTree.Node) => queryNodes.some((queryNode) => inside(queryNode, value)) || referencesAny(value, sources);
      // Locals that hold a result, and locals computed from them (`rows`, then `row`).
      const variables = scopeVariables(fn).filter((variable) => variable.defs[0]?.type === 'Variable');
      for (let round = 0, known = -1; round < 3 && sources.size !== known; round += 1) {
        known = sources.size;
        for (const variable of variables) {
          const definition = variable.defs[0]!;
          if (sources.has(definition.name)) continue;
          if (writesOf(variable).some((write) => holds(write.value))) sources.add(definition.name);
        }
      }
      const returned = returnedValues(fn).filter((value) => holds(value));
      if (returned.length === 0) return -1;
      const direct = queryNodes.findIndex((queryNode) => returned.some((value) => inside(queryNode, value)));
      return Math.max(direct, 0);
    }

    function scopeVariables(fn: FunctionNode): TSESLint.Scope.Variable[] {
      const variables: TSESLint.Scope.Variable[] = [];
      const visit = (scope: TSESLint.Scope.Scope, depth: number) => {
        if (depth > 6) return;
        variables.push(...scope.variables);
        for (const child of scope.childScopes) if (child.type === 'block' || child.type === 'catch' || child.type === 'for') visit(child, depth + 1);
      };
      const scope = sourceCode.scopeManager?.acquire(fn);
      if (scope) visit(scope, 0);
      return variables;
    }

    /** Whether an expression reads one of the variables declared at the given names. */
    function referencesAny(node: TSESTree.Node, names: ReadonlySet<TSESTree.Node>): boolean {
      if (names.size === 0) return false;
      let found = false;
      const visit = (current: TSESTree.Node, depth: number): void => {
        if (found || depth > 10 || isFunction(current)) return;
        if (current.type === AST_NODE_TYPES.Identifier) {
          const definition = findVariable(sourceCode, current)?.defs[0];
          if (definition && names.has(definition.name)) found = true;
          return;
        }
        for (const key of Object.keys(current) as (keyof typeof current)[]) {
          if (key === 'parent' || key === 'loc' || key === 'range') continue;
          const value = current[key] as unknown;
          if (Array.isArray(value)) {
            for (const item of value) if (item && typeof item === 'object' && 'type' in item) visit(item as TSESTree.Node, depth + 1);
          } else if (value && typeof value === 'object' && 'type' in value) {
            visit(value as TSESTree.Node, depth + 1);
          }
        }
      };
      visit(node, 0);
      return found;
    }

    function functionName(fn: FunctionNode): string | undefined {
      if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id?.name;
      const parent = fn.parent;
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
      if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition || parent?.type === AST_NODE_TYPES.Property) return keyName(parent);
      return undefined;
    }

    // ---- Reporting -----------------------------------------------------------------------------

    /** Whether a variable takes a new value on every pass of the loop: declared in it, or assigned in it. */
    function variesIn(identifier: TSESTree.Identifier, scope: TSESTree.Node): boolean {
      const variable = findVariable(sourceCode, identifier);
      const name = variable?.defs[0]?.name;
      if (!variable || !name) return false;
      const inside = (node: TSESTree.Node) => node.range[0] >= scope.range[0] && node.range[1] <= scope.range[1];
      return inside(name) || variable.references.some((reference) => reference.isWrite() && inside(reference.identifier));
    }

    /**
     * How many values of a write change from item to item (up to 2). One is the key of the row
     * (`where: { id }`): the same change for every key is one statement over all keys. Two or more
     * (`{ position: index }` and the key) make an update per row that has no batched form.
     */
    function perItemValues(values: readonly TSESTree.Node[], scope: TSESTree.Node): number {
      let count = 0;
      const visit = (node: TSESTree.Node, depth: number): void => {
        if (count >= 2 || depth > 12 || isFunction(node)) return;
        switch (node.type) {
          case AST_NODE_TYPES.Identifier:
            if (variesIn(node, scope)) count += 1;
            return;
          case AST_NODE_TYPES.MemberExpression: {
            // `row.id` counts once; `ids[i]` counts its index.
            let root: TSESTree.Node = node;
            while (root.type === AST_NODE_TYPES.MemberExpression) {
              if (root.computed) visit(root.property, depth + 1);
              root = root.object;
            }
            visit(root, depth + 1);
            return;
          }
          case AST_NODE_TYPES.Property:
            if (node.computed) visit(node.key, depth + 1);
            visit(node.value, depth + 1);
            return;
          case AST_NODE_TYPES.Literal:
          case AST_NODE_TYPES.ThisExpression:
            return;
          case AST_NODE_TYPES.CallExpression:
            // `new Date()`, `now()`: the callee is not a value of the row.
            for (const argument of node.arguments) visit(argument, depth + 1);
            if (node.callee.type === AST_NODE_TYPES.MemberExpression) visit(node.callee.object, depth + 1);
            return;
          default:
            for (const key of Object.keys(node) as (keyof typeof node)[]) {
              if (key === 'parent' || key === 'loc' || key === 'range') continue;
              const value = node[key] as unknown;
              if (Array.isArray(value)) {
                for (const item of value) if (item && typeof item === 'object' && 'type' in item) visit(item as TSESTree.Node, depth + 1);
              } else if (value && typeof value === 'object' && 'type' in value) {
                visit(value as TSESTree.Node, depth + 1);
              }
            }
        }
      };
      for (const value of values) visit(value, 0);
      return count;
    }

    /** `for (const statement of statements) await db.exec(statement)`: running a script, one statement at a time. */
    function runsTheItem(text: TSESTree.Node | undefined, loop: Loop): boolean {
      if (!text || text.type === AST_NODE_TYPES.SpreadElement) return false;
      const inner = unwrap(text);
      if (inner.type === AST_NODE_TYPES.Identifier) return loop.elements.some((element) => element.name === inner.name) || (sqlTextOf(inner) === undefined && variesIn(inner, loop.node));
      return inner.type === AST_NODE_TYPES.MemberExpression && inner.computed && inner.property.type === AST_NODE_TYPES.Identifier && variesIn(inner.property, loop.node);
    }

    function report(node: TSESTree.Node, found: Query, loop: Loop, transactional: boolean): void {
      if (reported.has(node) || found.kind === 'batch' || runsTheItem(found.text, loop)) return;
      if (found.kind === 'write') {
        if (writes === 'none' || (transactional && !reportTransactionWrites)) return;
        if (writes === 'batchable' && (found.write === 'save' || (found.write === 'update' && perItemValues(found.values, loop.node) >= 2))) return;
      }
      reported.add(node);
      context.report({
        node,
        messageId: found.kind === 'write' ? 'writeInLoop' : 'queryInLoop',
        data: { call: found.label, library: found.library, loop: loop.description, advice: found.kind === 'write' ? found.advice.write : found.advice.read },
      });
    }

    function noteTransactionStart(node: TSESTree.CallExpression): void {
      const { name } = calleeParts(node);
      if (name === undefined) return;
      const text = node.arguments[0] && node.arguments[0].type !== AST_NODE_TYPES.SpreadElement ? sqlTextOf(node.arguments[0]) : undefined;
      const opens =
        name === 'startTransaction' ||
        name === 'beginTransaction' ||
        (name === 'transaction' && !node.arguments.some((argument) => isFunction(argument))) ||
        (text !== undefined && BEGIN_STATEMENT.test(text));
      if (!opens) return;
      for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
        if (isFunction(current)) {
          transactionFunctions.add(current);
          return;
        }
      }
      transactionFunctions.add(undefined);
    }

    return {
      ImportDeclaration(node) {
        importedModules.add(node.source.value);
      },
      TaggedTemplateExpression(node) {
        calls.push(node);
      },
      CallExpression(node) {
        calls.push(node);
        const { name } = calleeParts(node);
        if (name === 'startTransaction' || name === 'beginTransaction' || name === 'transaction' || name === 'query' || name === 'execute' || name === 'raw' || name === 'none') {
          noteTransactionStart(node);
        }
      },
      'Program:exit'() {
        /** Functions that run a query outside any loop, with the query: they are queries where they are called. */
        const queryFunctions = new Map<FunctionNode, Query>();
        /** Reads outside loops, by the function they run in. */
        const reads = new Map<FunctionNode, { node: TSESTree.Node; query: Query }[]>();
        const done = new Set<TSESTree.Node>();
        for (const node of calls) {
          const top = chainTop(node);
          if (done.has(top)) continue;
          let found: Query | undefined;
          const name = node.type === AST_NODE_TYPES.CallExpression ? calleeParts(node).name : undefined;
          if (node.type === AST_NODE_TYPES.TaggedTemplateExpression || (name !== undefined && (ALL_METHODS.has(name) || GENERIC_QUERY_FUNCTION.test(name) || DELEGATE_ONLY_METHODS.has(name)))) {
            found = queryOf(node);
          }
          if (!found && top === node) found = builderQuery(node);
          if (!found) {
            // A row's own query (`post.getAuthor()`): only in a loop over query results.
            if (node.type === AST_NODE_TYPES.CallExpression && name !== undefined) {
              const placement = placementOf(node);
              if ('loop' in placement) {
                const row = rowQuery(node, placement.loop) ?? documentWrite(node, name);
                if (row) {
                  done.add(top);
                  report(node, row, placement.loop, row.transactional);
                }
              }
            }
            continue;
          }
          done.add(top);
          const placement = placementOf(node);
          if ('loop' in placement) report(node, found, placement.loop, found.transactional);
          else if (placement.fn && found.kind === 'read') reads.set(placement.fn, [...(reads.get(placement.fn) ?? []), { node, query: found }]);
        }
        // A function that looks data up is a query where it is called; one that does a unit of work per item is not.
        const registerLookups = (found: ReadonlyMap<FunctionNode, readonly { node: TSESTree.Node; query: Query }[]>) => {
          for (const [fn, list] of found) {
            if (queryFunctions.has(fn)) continue;
            const index = lookupIndex(fn, list.map((read) => read.node));
            if (index >= 0) queryFunctions.set(fn, list[index]!.query);
          }
        };
        registerLookups(reads);
        if (options.helpers === false || queryFunctions.size === 0) return;
        // Calls of same-file functions that query, in a loop; a helper of a helper in turn.
        const checked = new Set<TSESTree.Node>();
        for (let round = 0, known = -1; round < MAX_HELPER_ROUNDS && queryFunctions.size !== known; round += 1) {
          known = queryFunctions.size;
          const viaReads = new Map<FunctionNode, { node: TSESTree.Node; query: Query }[]>();
          for (const node of calls) {
            if (node.type !== AST_NODE_TYPES.CallExpression || checked.has(node)) continue;
            const callee = unwrap(node.callee);
            // `ids.map(loadUser)`: a query function passed as the per-item callback.
            for (const argument of node.arguments) {
              if (argument.type !== AST_NODE_TYPES.Identifier && argument.type !== AST_NODE_TYPES.MemberExpression) continue;
              const fn = localFunctions.of(argument);
              const helper = fn && queryFunctions.get(fn);
              const loop = helper && perItemCall(node, argument);
              if (helper && loop) {
                checked.add(node);
                report(argument, { ...helper, label: `${shortSource(sourceCode, argument)}() → ${helper.label}`, text: undefined }, loop, helper.transactional || inTransaction(node, node));
              }
            }
            if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) continue;
            const fn = localFunctions.of(callee);
            const helper = fn && queryFunctions.get(fn);
            if (!helper) continue;
            checked.add(node);
            const via: Query = { ...helper, label: `${shortSource(sourceCode, callee)}() → ${helper.label.split(' → ').at(-1)}`, transactional: helper.transactional || inTransaction(node, node), text: undefined };
            const placement = placementOf(node);
            if ('loop' in placement) report(node, via, placement.loop, via.transactional);
            else if (placement.fn && placement.fn !== fn) viaReads.set(placement.fn, [...(viaReads.get(placement.fn) ?? []), { node, query: via }]);
          }
          registerLookups(viaReads);
        }
      },
    };
  },
});
