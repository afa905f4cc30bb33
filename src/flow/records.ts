import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  ENTITY_SUFFIX_WORDS,
  FIND_OPTION_KEYS,
  PROJECTION_KEYS,
  PROJECTION_METHODS,
  RECORD_CHAIN_METHODS,
  RECORD_FIND_METHODS,
  RESULT_ROW_PROPERTIES,
  RETURNING_ALL,
  SELECT_ALL_FROM,
  SQL_ROW_METHODS,
  USER_ENTITY_WORDS,
  WRITE_TABLE,
} from '../catalog/responses.js';
import { splitWords } from '../catalog/sensitive-names.js';
import { calleeParts, isFunction, keyName, referenceName, staticName, unwrap } from '../ast/nodes.js';

/** What a database call returns, when it returns rows or documents. */
export interface RecordQuery {
  readonly model: string | undefined;
  readonly projected: boolean;
  readonly raw: boolean;
  /** Models loaded with each record: Sequelize `include`, Prisma `include`, Mongoose `populate`. */
  readonly includes: readonly string[];
}

/** Mongoose finds whose second argument is a projection. */
const MONGOOSE_PROJECTION_METHODS: ReadonlySet<string> = new Set(['find', 'findOne', 'findById']);
const SQL_TABLE = /\bfrom\s+[`"[]?(?:[A-Za-z_][\w$]*[`"\]]?\.[`"[]?)?([A-Za-z_][\w$]*)/iu;
const SELECT = /^\s*(?:\(\s*)?select\b/iu;
/** Writes that return the record only on a Prisma-like client (`prisma.user.update()`); elsewhere they return counts. */
const PRISMA_WRITE_METHODS: ReadonlySet<string> = new Set(['update', 'upsert', 'delete']);
const PRISMA_CLIENT_NAME = /^(?:prisma|db|client|tx|trx|database|orm)$/iu;
/** Finds by id, whose first argument is an id rather than a filter object. */
const ID_FIND_METHODS: ReadonlySet<string> = new Set(['findById', 'findByPk', 'findByIdAndUpdate', 'findByIdAndDelete']);

/** A model, table or store of user accounts (`User`, `usersRepository`, `accounts`), or one of `extra` (lower case): its rows carry credentials. */
export function isUserModel(name: string, extra: ReadonlySet<string> = new Set()): boolean {
  if (extra.has(name.toLowerCase())) return true;
  const words = splitWords(name);
  while (words.length > 1 && ENTITY_SUFFIX_WORDS.has(words.at(-1)!)) words.pop();
  const last = words.at(-1);
  return last !== undefined && (USER_ENTITY_WORDS.has(last) || extra.has(last));
}

/**
 * The user model whose whole rows a record holds (its own, or one it loads with each record), when
 * the query chose no fields and the value is still the rows (`rows`, `rows[0]`, `result.recordset`):
 * the password hash is in them.
 */
export function wholeUserRows(atom: { readonly model: string | undefined; readonly includes: readonly string[]; readonly projected: boolean; readonly path: readonly string[] }, extra?: ReadonlySet<string>): string | undefined {
  if (atom.projected || !atom.path.every((key) => key === '[]' || /^\d+$/u.test(key) || RESULT_ROW_PROPERTIES.has(key))) return undefined;
  return [atom.model, ...atom.includes].find((name): name is string => name !== undefined && isUserModel(name, extra));
}

/** The SQL text of a literal or template (placeholders for its expressions). */
export function sqlTextOf(node: TSESTree.Node | undefined): string | undefined {
  const inner = node && unwrap(node);
  if (inner?.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string') return inner.value;
  if (inner?.type === AST_NODE_TYPES.TemplateLiteral) return inner.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join('?');
  if (inner?.type === AST_NODE_TYPES.TaggedTemplateExpression) return sqlTextOf(inner.quasi);
  return undefined;
}

function sqlRecord(text: string): RecordQuery | undefined {
  const whole = SELECT_ALL_FROM.exec(text);
  if (whole) return { model: whole[1], projected: false, raw: true, includes: [] };
  if (SELECT.test(text)) return { model: SQL_TABLE.exec(text)?.[1], projected: true, raw: true, includes: [] };
  const write = WRITE_TABLE.exec(text);
  if (write && RETURNING_ALL.test(text)) return { model: write[1], projected: false, raw: true, includes: [] };
  return undefined;
}

/** The models an `include`/`populate` names: `'users'`, `User`, `{ model: User }`, `{ association: 'users' }`, `['users', ...]`. */
function includedModels(node: TSESTree.Node | undefined, depth = 0): string[] {
  if (!node || depth > 3) return [];
  const inner = unwrap(node);
  const name = staticName(inner) ?? (inner.type === AST_NODE_TYPES.Identifier ? inner.name : undefined);
  if (name !== undefined) return [name];
  if (inner.type === AST_NODE_TYPES.ArrayExpression) return inner.elements.flatMap((element) => (element && element.type !== AST_NODE_TYPES.SpreadElement ? includedModels(element, depth + 1) : []));
  if (inner.type !== AST_NODE_TYPES.ObjectExpression) return [];
  return inner.properties.flatMap((property) => {
    if (property.type !== AST_NODE_TYPES.Property) return [];
    const key = keyName(property);
    if (key === 'model' || key === 'association' || key === 'path') return includedModels(property.value, depth + 1);
    // Prisma: `include: { posts: true }` names relations by key.
    return key !== undefined && unwrap(property.value).type === AST_NODE_TYPES.Literal ? [key] : [];
  });
}

/** The models a find's options load with each record. */
function includesOf(call: TSESTree.CallExpression, name: string): string[] {
  if (name === 'populate') return call.arguments.flatMap((argument) => includedModels(argument));
  return call.arguments.flatMap((argument) => {
    const inner = unwrap(argument);
    if (inner.type !== AST_NODE_TYPES.ObjectExpression) return [];
    return inner.properties.flatMap((property) => (property.type === AST_NODE_TYPES.Property && (keyName(property) === 'include' || keyName(property) === 'populate') ? includedModels(property.value) : []));
  });
}

function objectKeys(node: TSESTree.Node | undefined): string[] | undefined {
  const inner = node && unwrap(node);
  if (inner?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  return inner.properties.flatMap((property) => (property.type === AST_NODE_TYPES.Property ? [keyName(property) ?? ''] : ['...']));
}

/** The model or table a find reads: `User.findOne`, `prisma.user.findUnique`, `db.collection('users').find`, `getRepository(User).find`. */
export function modelOf(receiver: TSESTree.Node): string | undefined {
  const inner = unwrap(receiver);
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    const [first] = inner.arguments;
    return first ? (staticName(first) ?? referenceName(first)) : undefined;
  }
  return referenceName(inner);
}

/** `+passwordHash` in a Mongoose select adds a hidden field back: the select does not narrow. */
function addsFieldsBack(call: TSESTree.CallExpression): boolean {
  return call.arguments.some((argument) => {
    const text = staticName(argument);
    return text !== undefined && text.split(/\s+/u).some((part) => /^\+[A-Za-z_]/u.test(part));
  });
}

function isProjection(call: TSESTree.CallExpression, name: string): boolean {
  if (name === 'first') return call.arguments.length > 0;
  if (!PROJECTION_METHODS.has(name) || addsFieldsBack(call)) return false;
  const [first] = call.arguments;
  if (!first) return false;
  const star = staticName(first);
  const inner = unwrap(first);
  return !(call.arguments.length === 1 && (star === '*' || (inner.type === AST_NODE_TYPES.ArrayExpression && inner.elements.length === 0)));
}

/** Whether the arguments of a find choose the fields. */
function findProjects(call: TSESTree.CallExpression, method: string): boolean {
  const keys = call.arguments.map(objectKeys);
  if (keys.some((list) => list?.some((key) => PROJECTION_KEYS.has(key)))) return true;
  if (MONGOOSE_PROJECTION_METHODS.has(method) && call.arguments[1]) {
    const second = keys[1];
    // A Sequelize options object is not a projection; anything else there (a string, `{ name: 1 }`) is Mongoose's.
    return !second || second.some((key) => !FIND_OPTION_KEYS.has(key));
  }
  return false;
}

/**
 * The rows a call returns, when it is a database read (or a write that returns the record): an ORM
 * find, a query-builder chain, a driver's SQL query. `save` on a record is left to the caller (it
 * returns its receiver). Undefined for anything else.
 */
export function recordQuery(call: TSESTree.CallExpression): RecordQuery | undefined {
  let current: TSESTree.Node = call;
  let projected = false;
  const includes: string[] = [];
  for (let steps = 0; steps < 12 && current.type === AST_NODE_TYPES.CallExpression; steps++) {
    const { object, name } = calleeParts(current);
    if (name === undefined) return undefined;
    const text = sqlTextOf(current.arguments[0]);
    if (object && SQL_ROW_METHODS.has(name) && text !== undefined) {
      const record = sqlRecord(text);
      return record && projected ? { ...record, projected } : record;
    }
    // knex('users'), db.from('users'), knex.table('users')
    const table = current.arguments.length === 1 ? staticName(current.arguments[0]) : undefined;
    if (table !== undefined && (!object || name === 'from' || name === 'table' || name === 'into')) {
      return steps > 0 ? { model: table, projected, raw: true, includes } : undefined;
    }
    if (!object) return undefined;
    includes.push(...includesOf(current, name));
    if (isProjection(current, name)) projected = true;
    else if (RECORD_FIND_METHODS.has(name)) return findRecord(current, object, name, projected, includes);
    else if (!RECORD_CHAIN_METHODS.has(name) && !PROJECTION_METHODS.has(name) && name !== 'populate') return undefined;
    current = unwrap(object);
  }
  return undefined;
}

function findRecord(call: TSESTree.CallExpression, receiver: TSESTree.Node, method: string, projected: boolean, includes: string[]): RecordQuery | undefined {
  const [first] = call.arguments;
  // `users.find(u => ...)` is an array's find; `cache.find(key)` takes no filter object.
  if (first && isFunction(unwrap(first))) return undefined;
  if (first && !ID_FIND_METHODS.has(method) && objectKeys(first) === undefined && method !== 'create') return undefined;
  // A record is created from its values: `md5.create()`, `sha256.create()` make a hash object.
  if (!first && method === 'create') return undefined;
  const model = modelOf(receiver);
  if (model === undefined) return undefined;
  const inner = unwrap(receiver);
  // Prisma takes one `{ where, data }` object; Sequelize's `update(values, { where })` resolves to counts.
  const prismaLike = inner.type === AST_NODE_TYPES.MemberExpression && PRISMA_CLIENT_NAME.test(referenceName(inner.object) ?? '') && call.arguments.length === 1;
  if (PRISMA_WRITE_METHODS.has(method) && !prismaLike) return undefined;
  return { model, projected: projected || findProjects(call, method), raw: false, includes };
}
