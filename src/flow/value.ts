import type { TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from '../ast/nodes.js';
import { requestProperty } from './request.js';

/**
 * What the engine knows of a value: the union of the atoms it may be. An atom is where (part of) the
 * value comes from, or the shape that holds such parts (an object literal, an array, a built text).
 * Every atom keeps the node it was made at, and the file when that node is in another file.
 */
export type Value = readonly Atom[];

/** The parts of a request a handler reads. `undefined` is the whole request (or context) object. */
export type RequestPart = 'body' | 'query' | 'params' | 'headers' | 'cookies' | 'files' | 'url';

interface Base {
  /** Where the atom was made: a literal, a request read, a query call, an object literal. */
  readonly node: TSESTree.Node;
  /** The file of `node` when it is not the linted file (a helper or a config module elsewhere). */
  readonly file?: string;
  /** The names the value was read through, oldest first: variables, properties, parameters (at most a few). */
  readonly names: readonly string[];
  /** Keys the code took out of the value before this use: a rest element beside them, `delete x.key`, `x.key = undefined`; a dotted key is a path below the value (`body.password`). */
  readonly omitted?: readonly string[];
  /**
   * Project functions (of this file or another) whose result this is, the last one outermost
   * (`quoteIdent` for `quoteIdent(col)`): the engine sees into them, and a rule may still trust one
   * by name, as a configured sanitizer.
   */
  readonly helpers?: readonly string[];
  /**
   * The identifiers of locals and parameters the value was read at on its way, oldest first (at most
   * a few): a check that guards one of them (`if (allowed.includes(origin)) value = origin`) held
   * for the value.
   */
  readonly reads?: readonly TSESTree.Node[];
  /**
   * The use only runs where the value was compared with an upper bound (`n > 100 ? 100 : n`, after
   * `if (n > 100) n = 100` or `if (n > MAX) throw ...`): a number no larger than the bound.
   */
  readonly capped?: boolean;
}

/** A constant: a literal, a number, a boolean, a value an allowlist check admitted. */
export interface ConstAtom extends Base {
  readonly kind: 'const';
  /** The literal value, when the constant is a literal (a string, number, boolean, null or RegExp). */
  readonly value?: string | number | boolean | bigint | RegExp | null;
  /** The value passed an allowlist check (`if (!ALLOWED.includes(sort)) throw`). */
  readonly guarded?: boolean;
  /**
   * What a number was computed from (`Number(req.query.limit)`, `parseInt(x, 10)`, `Math.floor(x)`,
   * `x * 2`, `+x`): constant as a text, but a rule about sizes still sees where it came from.
   */
  readonly from?: Value;
}

/** Client input: the request of a handler, or one of its parts and a property path inside it. */
export interface RequestAtom extends Base {
  readonly kind: 'request';
  readonly part: RequestPart | undefined;
  /** Property keys below the part (`['password']` for `req.body.password`); `'[]'` is any element or key. */
  readonly path: readonly string[];
  /** The whole Koa or Hono context of a handler, whose `request`/`req` (and some delegated parts) are the request. */
  readonly context?: 'koa' | 'hono';
  /**
   * Input a framework validated against a schema on the way in: Hono's `c.req.valid('json')`, a
   * Fastify route's `schema.body`, a NestJS parameter typed with a DTO class.
   */
  readonly validated?: boolean;
  /** A NestJS pipe given to the parameter's decorator transforms or checks it (`@Query('n', ParseIntPipe)`): it is what the pipe gives. */
  readonly piped?: boolean;
  /** Client text parsed into a value (`JSON.parse(req.query.filter)`): it can be an object, whatever part it came from. */
  readonly parsed?: boolean;
  /** Read by a getter that gives one entry's text (`c.req.query('q')`, `req.get('x')`, `searchParams.get('q')`): a string, never an object. */
  readonly text?: boolean;
  /** The parts a route's schema validates (Fastify `schema.body`, `schema.querystring`): reading one of them gives validated input. */
  readonly validatedParts?: readonly RequestPart[];
  /**
   * A parameter taken for the request by its name alone (`function filters(req)`, `handle(event)`):
   * what it holds besides the request's parts (`event.emailRecipientId`) is that parameter's.
   */
  readonly byName?: { readonly fn: FunctionNode; readonly index: number };
}

/**
 * An error caught by `catch`, a promise `.catch`, a node-style callback, an error middleware, an
 * error handler or listener, or an exception filter. Its `node` is where the code read it (`err`,
 * `err.message`), as for request input, so that a guard around the read holds for it.
 */
export interface ErrorAtom extends Base {
  readonly kind: 'error';
  readonly path: readonly string[];
}

/** The claims of a JSON Web Token, from a decode or verify call. */
export interface ClaimsAtom extends Base {
  readonly kind: 'claims';
  readonly verified: boolean;
  readonly path: readonly string[];
}

/** Rows or documents from a database read or write that returns them. */
export interface RecordAtom extends Base {
  readonly kind: 'record';
  /** The model, table or collection, when the call names it. */
  readonly model: string | undefined;
  /** The call chooses the fields it returns (a projection, `select`, `attributes`). */
  readonly projected: boolean;
  /** The query is raw SQL or a query builder (no model option can hide a field). */
  readonly raw: boolean;
  /** Models the query loads with each record (Sequelize `include`, Mongoose `populate`, Prisma `include`). */
  readonly includes: readonly string[];
  readonly path: readonly string[];
}

/** `process.env.NAME`, a value the deployment provides. */
export interface EnvAtom extends Base {
  readonly kind: 'env';
  readonly path: readonly string[];
}

/** A parameter of a function whose callers the engine does not follow (a helper's argument). */
export interface ParamAtom extends Base {
  readonly kind: 'param';
  readonly fn: FunctionNode;
  readonly index: number;
  readonly path: readonly string[];
}

/** An object literal (or an object the code filled key by key). */
export interface ObjectAtom extends Base {
  readonly kind: 'object';
  readonly properties: ReadonlyMap<string, Value>;
  /** Spread values (`{ ...user }`) and values under computed keys: any key may be one of them. */
  readonly rest: Value;
  /**
   * Entries under keys the code computes (`{ [field]: value }`, `filter[field] = value`): what the
   * names are made of, and their values (which are in `rest` too).
   */
  readonly computed?: { readonly keys: Value; readonly values: Value };
}

export interface ArrayAtom extends Base {
  readonly kind: 'array';
  readonly elements: Value;
}

/** A string built from parts: concatenation, a template literal, `join`, `format`, `replace`. */
export interface TextAtom extends Base {
  readonly kind: 'text';
  readonly parts: Value;
}

/**
 * The result of a call the engine cannot see into (a library function, an unresolved method). The
 * module and path say what was called when the callee resolves to an import.
 */
export interface CallAtom extends Base {
  readonly kind: 'call';
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression;
  /** The callee's last name (`hash` for `bcrypt.hash`), when it has one. */
  readonly name: string | undefined;
  /** The module the callee comes from and the path inside it (`.hash`, `.default.sign`). */
  readonly module: string | undefined;
  readonly path: string | undefined;
  /**
   * The receiver and the arguments: what the result may be made from. Worked out when asked
   * (`inputsOf`): most questions never look into a library call's arguments.
   */
  readonly inputs: () => Value;
}

/** A value imported from a package (not a project file): `import jwt from 'jsonwebtoken'`. */
export interface ModuleAtom extends Base {
  readonly kind: 'module';
  readonly module: string;
  readonly path: string;
}

export interface FunctionAtom extends Base {
  readonly kind: 'function';
  readonly node: FunctionNode;
}

/** Anything else: a global, a class instance, a value the engine cannot follow. */
export interface UnknownAtom extends Base {
  readonly kind: 'unknown';
}

export type Atom =
  | ConstAtom
  | RequestAtom
  | ErrorAtom
  | ClaimsAtom
  | RecordAtom
  | EnvAtom
  | ParamAtom
  | ObjectAtom
  | ArrayAtom
  | TextAtom
  | CallAtom
  | ModuleAtom
  | FunctionAtom
  | UnknownAtom;

/** Atoms that stand for data from somewhere, with a property path below it. */
export type SourceAtom = RequestAtom | ErrorAtom | ClaimsAtom | RecordAtom | EnvAtom | ParamAtom;

export const NOTHING: Value = [];

/** Unions grow with branches and writes; past this many atoms the rest is not worth keeping apart. */
const MAX_ATOMS = 48;
const MAX_NAMES = 4;
/** Property paths deeper than this are cut: `a.b.c.d.e.f` says no more than `a.b.c.d`. */
const MAX_PATH = 6;

export function isSource(atom: Atom): atom is SourceAtom {
  return atom.kind === 'request' || atom.kind === 'error' || atom.kind === 'claims' || atom.kind === 'record' || atom.kind === 'env' || atom.kind === 'param';
}

export function union(...values: readonly Value[]): Value {
  if (values.length === 1) return values[0]!;
  const atoms: Atom[] = [];
  for (const value of values) {
    for (const atom of value) {
      if (atoms.length >= MAX_ATOMS) return atoms;
      if (!atoms.includes(atom)) atoms.push(atom);
    }
  }
  return atoms;
}

/** The same atoms, read through one more name (a variable or property the value was kept in), at `read` for a variable's read. */
export function named(value: Value, name: string, read?: TSESTree.Node): Value {
  return value.map((atom) => {
    const names = atom.names.at(-1) === name ? atom.names : [...atom.names, name].slice(-MAX_NAMES);
    if (read) return { ...atom, names, reads: [...(atom.reads ?? []), read].slice(-MAX_NAMES) };
    return names === atom.names ? atom : { ...atom, names };
  });
}

/** The same atoms, as the result of a call of a project function named `name`. */
export function returnedBy(value: Value, name: string | undefined): Value {
  if (name === undefined) return value;
  return value.map((atom) => (atom.helpers?.at(-1) === name ? atom : { ...atom, helpers: [...(atom.helpers ?? []), name].slice(-MAX_NAMES) }));
}

/**
 * The value with each atom replaced by what `replace` gives for it, inside objects, arrays, built
 * texts and call inputs too (a summary's parameters are replaced wherever they sit).
 */
export function mapAtoms(value: Value, replace: (atom: Atom) => Value | undefined, depth = 0): Value {
  if (depth > 8) return value;
  const inner = (part: Value) => mapAtoms(part, replace, depth + 1);
  return union(
    ...value.map((atom): Value => {
      const replaced = replace(atom);
      if (replaced) return replaced;
      switch (atom.kind) {
        case 'const':
          return atom.from ? [{ ...atom, from: inner(atom.from) }] : [atom];
        case 'object':
          return [
            {
              ...atom,
              properties: new Map([...atom.properties].map(([key, part]) => [key, inner(part)])),
              rest: inner(atom.rest),
              ...(atom.computed ? { computed: { keys: inner(atom.computed.keys), values: inner(atom.computed.values) } } : {}),
            },
          ];
        case 'array':
          return [{ ...atom, elements: inner(atom.elements) }];
        case 'text':
          return [{ ...atom, parts: inner(atom.parts) }];
        case 'call':
          return [{ ...atom, inputs: lazy(() => inner(atom.inputs())) }];
        default:
          return [atom];
      }
    }),
  );
}

/** A value worked out once, the first time it is asked for. */
export function lazy(compute: () => Value): () => Value {
  let value: Value | undefined;
  return () => (value ??= compute());
}

/** The atoms with `file` set, nested ones too: values that come from another file. */
export function inFile(value: Value, file: string): Value {
  return mapAtoms(value, (atom) => {
    if (atom.file !== undefined) return [atom];
    if (atom.kind === 'object' || atom.kind === 'array' || atom.kind === 'text' || atom.kind === 'call' || (atom.kind === 'const' && atom.from)) return undefined;
    return [{ ...atom, file }];
  }).map((atom) => (atom.file === undefined ? { ...atom, file } : atom));
}

function extend(path: readonly string[], key: string): readonly string[] {
  return path.length >= MAX_PATH ? path : [...path, key];
}

/**
 * The value of `value[key]`: a property of an object literal (or of what was spread into it), a
 * path further into a source, an element of an array. `key` `'[]'` is any element or computed key.
 */
export function property(value: Value, key: string, node: TSESTree.Node): Value {
  const result: Value[] = [];
  for (const atom of value) result.push(propertyOfAtom(atom, key, node));
  return union(...result);
}

function propertyOfAtom(atom: Atom, key: string, node: TSESTree.Node): Value {
  if (atom.omitted?.includes(key)) return [{ kind: 'const', node, names: [] }];
  const child = childOf(atom, key, node);
  // `req.body.password` taken out of `req` is `password` taken out of `req.body`.
  const below = atom.omitted?.flatMap((entry) => (entry.startsWith(`${key}.`) ? [entry.slice(key.length + 1)] : [])) ?? [];
  if (atom.kind === 'call' || atom.kind === 'unknown' || (below.length === 0 && !atom.omitted)) return child;
  if (atom.kind === 'object') return without(child, below);
  return child.map((part): Atom => (part.kind === 'const' || part.kind === 'unknown' ? part : { ...part, omitted: below.length > 0 ? below : undefined }));
}

function childOf(atom: Atom, key: string, node: TSESTree.Node): Value {
  switch (atom.kind) {
    case 'object': {
      if (key === '[]') return union(...atom.properties.values(), property(atom.rest, key, node));
      const found = atom.properties.get(key);
      if (found) return found;
      return property(atom.rest, key, node);
    }
    case 'array':
      if (key === 'length') return [{ kind: 'const', node, names: [] }];
      return /^\d+$/u.test(key) || key === '[]' ? atom.elements : [{ kind: 'unknown', node, names: [] }];
    case 'text':
    case 'const':
    case 'function':
      return [{ kind: 'const', node, names: [] }];
    case 'request':
      return [requestProperty(atom, key, node)];
    case 'error':
      // Like request input, a caught error is where it was read: `err.message`, for guards around that read
      // (one from another file keeps its node there).
      return [{ ...atom, path: extend(atom.path, key), node: atom.file === undefined ? node : atom.node, names: [] }];
    case 'claims':
    case 'record':
    case 'env':
    case 'param':
      return [{ ...atom, path: extend(atom.path, key), names: [] }];
    case 'module':
      return [{ ...atom, path: `${atom.path}.${key}`, node, names: [] }];
    case 'call':
      // A property of a library result (`result.rows`, `response.data`) is still made from its inputs.
      return [{ ...atom, names: [...atom.names, key].slice(-MAX_NAMES) }];
    case 'unknown':
      return [atom];
  }
}

/**
 * The value with some keys taken out (`const { password, ...rest } = user`, `delete user.password`);
 * a dotted key is a path (`body.password` from `req`).
 */
export function without(value: Value, omitted: readonly string[]): Value {
  if (omitted.length === 0) return value;
  return value.map((atom) => {
    if (atom.kind === 'object') {
      const properties = new Map(
        [...atom.properties].filter(([key]) => !omitted.includes(key)).map(([key, part]): [string, Value] => {
          const below = omitted.flatMap((entry) => (entry.startsWith(`${key}.`) ? [entry.slice(key.length + 1)] : []));
          return [key, below.length > 0 ? without(part, below) : part];
        }),
      );
      return { ...atom, properties, rest: without(atom.rest, omitted) };
    }
    if (atom.kind === 'const' || atom.kind === 'function') return atom;
    return { ...atom, omitted: [...(atom.omitted ?? []), ...omitted] };
  });
}

/** The elements of an array-valued value (`for (const x of value)`, `value.map(x => ...)`). */
export function elements(value: Value, node: TSESTree.Node): Value {
  return property(value, '[]', node);
}

/** Keys of an object-valued value (`for (const key in value)`, `Object.keys(value)`). */
export function keys(value: Value, node: TSESTree.Node): Value {
  return union(
    ...value.map((atom): Value => {
      switch (atom.kind) {
        case 'object':
          return union([{ kind: 'const', node, names: [] }], atom.computed?.keys ?? NOTHING, keys(atom.rest, node));
        case 'request':
        case 'claims':
        case 'param':
        case 'error':
        case 'record':
        case 'env':
          return [{ ...atom, path: extend(atom.path, '[]'), names: [] }];
        default:
          return [{ kind: 'const', node, names: [] }];
      }
    }),
  );
}

export interface WalkOptions {
  /** Look into the inputs of calls the engine cannot see into (a library's result may carry its input). */
  readonly throughCalls?: boolean | ((atom: CallAtom) => boolean);
  /** Look into the properties of objects and the elements of arrays (a body that holds a secret). */
  readonly intoContainers?: boolean;
}

/**
 * Every atom the value may hold, looking into built texts (and, as asked, into objects, arrays and
 * call inputs). Containers are yielded too, before their contents.
 */
export function* atomsOf(value: Value, options: WalkOptions = {}): Generator<Atom> {
  const seen = new Set<Atom>();
  const stack: Atom[] = [...value].reverse();
  while (stack.length > 0) {
    const atom = stack.pop()!;
    if (seen.has(atom)) continue;
    seen.add(atom);
    if (seen.size > 2_000) return;
    yield atom;
    let inner: Value | undefined;
    if (atom.kind === 'text') inner = atom.parts;
    else if (atom.kind === 'call') {
      const through = typeof options.throughCalls === 'function' ? options.throughCalls(atom) : options.throughCalls === true;
      if (through) inner = atom.inputs();
    } else if (options.intoContainers && atom.kind === 'object') inner = union(...atom.properties.values(), atom.rest);
    else if (options.intoContainers && atom.kind === 'array') inner = atom.elements;
    if (inner) for (let index = inner.length - 1; index >= 0; index--) stack.push(inner[index]!);
  }
}

/** The source atoms a value holds (request input, records, claims, errors, parameters, env). */
export function sourcesOf(value: Value, options: WalkOptions = {}): SourceAtom[] {
  const found: SourceAtom[] = [];
  for (const atom of atomsOf(value, options)) if (isSource(atom)) found.push(atom);
  return found;
}

/** Whether every atom is a constant (through built texts): a value with nothing from outside in it. */
export function isConstant(value: Value): boolean {
  if (value.length === 0) return true;
  for (const atom of atomsOf(value)) {
    if (atom.kind !== 'const' && atom.kind !== 'text' && atom.kind !== 'function') return false;
  }
  return true;
}

/** The string a value is for certain (a literal, or a text of literals), if any. */
export function constantText(value: Value): string | undefined {
  if (value.length !== 1) return undefined;
  const [atom] = value;
  if (atom?.kind === 'const' && typeof atom.value === 'string') return atom.value;
  return undefined;
}
