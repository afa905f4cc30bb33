import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  CONSTANT_TIME_COMPARE,
  FAST_HASH_FUNCTIONS,
  FAST_HASH_MODULES,
  HASHER_FACTORIES,
  HASHER_DATA_METHODS,
  HASHER_SELF_METHODS,
  PIPELINE_CALLS,
  HASHER_FACTORY_NAMES,
  NODE_CRYPTO_MODULES,
  NOT_A_PASSWORD_WORDS,
  PASSTHROUGH_CALLS,
  MACHINE_SECRET_CALLS,
  SLOW_HASH_CHECKS,
  PASSWORD_HASH_DEFAULTS,
  SODIUM_LIMITS,
  WEAK_PBKDF2_DIGESTS,
  WIDE_PBKDF2_DIGESTS,
  WORK_FACTOR_APIS,
  WORK_FACTOR_NAMES,
  algorithmLabel,
  argon2MemoryFor,
  digestOf,
  normalizeDigest,
  scryptShare,
  type FastHashFunction,
  type HasherFactory,
  type ParameterPlace,
  type WorkFactorApi,
  type WorkParameter,
} from '../src/catalog/password-hashing.js';
import { DEFAULT_TEST_FILE_PATTERNS } from '../src/catalog/secrets.js';
import { splitWords } from '../src/catalog/sensitive-names.js';
import { namesAnyModule, withoutDefault } from '../src/ast/module-origin.js';
import { isTestFile } from '../src/ast/test-files.js';
import { calleeOf, calleeParts, enclosingFunction, isFunction, keyName, memberName, pushChildren, referenceName, sameReference, shortSource, unwrap, type FunctionNode } from '../src/ast/nodes.js';
import { sensitiveMeaning, vocabularyFor } from '../src/ast/sensitive-name.js';
import { findVariable } from '../src/ast/variables.js';
import { createRule } from '../src/create-rule.js';
import { atomsOf, constantText, flowOf, property, usesOf, type Atom, type CallAtom, type Flow, type ParamAtom, type Value } from '../src/flow/index.js';
import { nameList } from '../src/schema.js';

type Options = [
  {
    minBcryptCost?: number;
    minPbkdf2Iterations?: number;
    minPbkdf2Sha1Iterations?: number;
    minPbkdf2Sha512Iterations?: number;
    minScryptCost?: number;
    minArgon2Memory?: number;
    passwordNames?: string[];
    ignoreTestFiles?: boolean;
    testFilePatterns?: string[];
  },
];
type MessageIds = 'fastHashForPassword' | 'lowBcryptCost' | 'lowPbkdf2Iterations' | 'weakPbkdf2Digest' | 'lowScryptCost' | 'lowArgon2Cost' | 'raiseCost';

const PASSWORD_MEANINGS: ReadonlySet<string> = new Set(['a password', 'a passphrase']);
/** Meanings of a name that make a value a machine secret (random, not chosen by a person): a fast hash is enough for it. */
const MACHINE_SECRET_MEANINGS: ReadonlySet<string> = new Set([
  'a token', 'an API key', 'a secret', 'a secret key', 'a signing key', 'an encryption key', 'a master key', 'an access key', 'a session key', 'a private key', 'a one-time password',
]);
/** Modules whose default export hashes, called under any local name (`scryptsy(...)`, `securePassword()`). */
const DEFAULT_EXPORT_MODULES: readonly string[] = WORK_FACTOR_APIS.filter((api) => api.paths.includes('') && !api.form).flatMap((api) => [...api.modules]);
/** Nodes of an argument searched for the name a password was read through, to show it in the message. */
const MAX_DISPLAY_SEARCH = 200;

const integer = (description: string, minimum: number) => ({ type: 'integer' as const, minimum, description });

/** A value a rule option bounds: the number it is written as, and where. */
interface Bound {
  readonly value: number;
  readonly node: TSESTree.Node;
}

export default createRule<Options, MessageIds>({
  name: 'strong-password-hash',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require passwords to be hashed with a slow, salted algorithm (bcrypt, scrypt, argon2) with a sufficient work factor',
      recommended: true,
      standard: 'Passwords are hashed with a slow, salted algorithm (bcrypt, scrypt, argon2), never md5/sha*',
      precision: 'high',
      securitySeverity: 7.5,
    },
    messages: {
      fastHashForPassword:
        '`{{call}}` hashes the password `{{password}}`{{origin}} with {{algorithm}}, a fast hash: leaked hashes of this kind are cracked at billions of guesses per second, salted or not. Hash passwords with bcrypt (cost >= {{minCost}}), scrypt or argon2.',
      lowBcryptCost:
        '`{{call}}` ({{module}}) uses bcrypt cost {{cost}}, below {{minCost}}: each step down halves the work of every guess. Use a cost of at least {{minCost}}, or scrypt or argon2.',
      lowPbkdf2Iterations:
        '`{{call}}` runs PBKDF2-{{digest}} with {{iterations}} iterations, below the {{minIterations}} recommended for it. Raise the iterations, or hash passwords with bcrypt (cost >= {{minCost}}), scrypt or argon2.',
      weakPbkdf2Digest:
        '`{{call}}` runs PBKDF2 with {{digest}}, a weak digest for passwords. Use SHA-256 or SHA-512 with enough iterations, or better bcrypt (cost >= {{minCost}}), scrypt or argon2.',
      lowScryptCost:
        '`{{call}}` runs scrypt with N = {{cost}}, r = {{r}}, p = {{p}}{{defaults}}: current guidance asks for N >= {{minScryptCost}} with these r and p (OWASP: N = 2^17 with r = 8, p = 1, or an equivalent). Raise N (and `maxmem` where the library has one), or use argon2id.',
      lowArgon2Cost:
        '`{{call}}` runs argon2 with {{memory}} KiB of memory and {{time}} passes{{defaults}}: current guidance asks for at least {{minMemory}} KiB with {{time}} passes (OWASP: argon2id with 19,456 KiB (19 MiB), 2 passes, 1 lane, or an equivalent). Raise the memory or the passes.',
      raiseCost: 'Use {{value}} instead (the library stores its parameters in each hash, so existing hashes still verify).',
    },
    hasSuggestions: true,
    defaultOptions: [
      {
        minBcryptCost: PASSWORD_HASH_DEFAULTS.minBcryptCost,
        minPbkdf2Iterations: PASSWORD_HASH_DEFAULTS.minPbkdf2Iterations,
        minPbkdf2Sha1Iterations: PASSWORD_HASH_DEFAULTS.minPbkdf2Sha1Iterations,
        minPbkdf2Sha512Iterations: PASSWORD_HASH_DEFAULTS.minPbkdf2Sha512Iterations,
        minScryptCost: PASSWORD_HASH_DEFAULTS.minScryptCost,
        minArgon2Memory: PASSWORD_HASH_DEFAULTS.minArgon2Memory,
        passwordNames: [],
        ignoreTestFiles: true,
        testFilePatterns: [...DEFAULT_TEST_FILE_PATTERNS],
      },
    ],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          minBcryptCost: integer('The lowest bcrypt cost (log2 rounds) accepted.', 4),
          minPbkdf2Iterations: integer('The lowest PBKDF2 iteration count accepted with SHA-256.', 1),
          minPbkdf2Sha1Iterations: integer('The lowest PBKDF2 iteration count accepted with SHA-1.', 1),
          minPbkdf2Sha512Iterations: integer('The lowest PBKDF2 iteration count accepted with SHA-512 or SHA-384 (and with a digest the rule cannot see).', 1),
          minScryptCost: integer('The lowest scrypt cost N accepted with r = 8 and p = 1; other r and p move it as OWASP\'s equivalent settings do (N x r constant, 2^16 with p = 2, ...).', 2),
          minArgon2Memory: integer('The lowest argon2 memory in KiB accepted with 2 passes; other pass counts move it as OWASP\'s equivalent settings do (47,104 KiB with 1 pass, 12,288 with 3, ...).', 8),
          passwordNames: nameList('Extra words that name a password in this codebase (`pin`, `passcode`), matched as a word of an identifier.'),
          ignoreTestFiles: {
            type: 'boolean',
            description: 'Skip files that match `testFilePatterns` (tests use a low bcrypt cost on purpose, for speed).',
          },
          testFilePatterns: nameList(
            'Globs of test files, matched against the path relative to the working directory (`**` any folders, `*` within a name). Replaces the defaults.',
          ),
        },
      },
    ],
  },
  create(context, [options]) {
    if (options.ignoreTestFiles !== false && isTestFile(context.filename, context.cwd, options.testFilePatterns ?? DEFAULT_TEST_FILE_PATTERNS)) {
      return {};
    }
    const { sourceCode } = context;
    const flow = flowOf(context);
    const minCost = options.minBcryptCost ?? PASSWORD_HASH_DEFAULTS.minBcryptCost;
    const minSha256 = options.minPbkdf2Iterations ?? PASSWORD_HASH_DEFAULTS.minPbkdf2Iterations;
    const minSha1 = options.minPbkdf2Sha1Iterations ?? PASSWORD_HASH_DEFAULTS.minPbkdf2Sha1Iterations;
    const minSha512 = options.minPbkdf2Sha512Iterations ?? PASSWORD_HASH_DEFAULTS.minPbkdf2Sha512Iterations;
    const minScryptCost = options.minScryptCost ?? PASSWORD_HASH_DEFAULTS.minScryptCost;
    const minArgon2Memory = options.minArgon2Memory ?? PASSWORD_HASH_DEFAULTS.minArgon2Memory;
    const vocabulary = vocabularyFor(options, () => ({ pii: false, extraWords: new Set((options.passwordNames ?? []).map((name) => name.toLowerCase())), allowed: new Set() }));
    const extraMeanings = new Set([...vocabulary.extraWords].map((word) => `a ${word}`));

    function originOf(node: TSESTree.Node): { module: string; path: string } | undefined {
      const origin = flow.modules.resolve(node);
      return origin ? { module: origin.module, path: withoutDefault(origin.path) } : undefined;
    }

    /** The engine of the file an atom was made in (a hasher a helper file creates). */
    function flowFor(atom: Atom): Flow | undefined {
      return atom.file === undefined ? flow : flow.project?.flowOf(atom.file);
    }

    function isPasswordName(name: string | undefined, forFunction = false): boolean {
      if (name === undefined) return false;
      if (!forFunction && splitWords(name).some((word) => NOT_A_PASSWORD_WORDS.has(word))) return false;
      const meaning = sensitiveMeaning(name, vocabulary);
      return meaning !== undefined && (PASSWORD_MEANINGS.has(meaning) || extraMeanings.has(meaning));
    }

    /** The name of a function: its id, or what it is assigned to (`User.prototype.hashPassword = function (...)`). */
    function functionName(fn: FunctionNode): string | undefined {
      if (fn.id) return fn.id.name;
      const parent = fn.parent;
      if (setterOf(fn) !== undefined) return undefined;
      switch (parent.type) {
        case AST_NODE_TYPES.VariableDeclarator:
          return parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.name : undefined;
        case AST_NODE_TYPES.MethodDefinition:
        case AST_NODE_TYPES.Property:
        case AST_NODE_TYPES.PropertyDefinition:
          return keyName(parent);
        case AST_NODE_TYPES.AssignmentExpression:
          return referenceName(parent.left);
        default:
          return undefined;
      }
    }

    /**
     * The field a model setter writes: `set password(value)` of a class or object, and the `set`
     * of a schema path (Mongoose `password: { type: String, set: (v) => ... }`, a Sequelize
     * attribute's `set(value)`). Its first parameter is the value being stored in that field.
     */
    function setterOf(fn: FunctionNode): string | undefined {
      const parent = fn.parent;
      if ((parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.Property) && parent.kind === 'set') return keyName(parent);
      if (parent.type !== AST_NODE_TYPES.Property || parent.kind === 'set' || keyName(parent) !== 'set') return undefined;
      const path = parent.parent.parent;
      return path?.type === AST_NODE_TYPES.Property ? keyName(path) : undefined;
    }

    /** A value made at random (`randomBytes(32).toString('hex')`, `nanoid()`), or read through a name of a token or key, not of a password. */
    function isMachineMade(atom: Atom): boolean {
      if (madeAtRandom(atom)) return true;
      // `apiKey`, `resetToken`; not `credentials.secret` of `{ secret: req.body.password }`.
      const last = atom.names.at(-1);
      const meaning = last !== undefined ? sensitiveMeaning(last, vocabulary) : undefined;
      return meaning !== undefined && MACHINE_SECRET_MEANINGS.has(meaning) && !atom.names.some((name) => isPasswordName(name));
    }

    /** `randomBytes(32)`, and texts and conversions of it only (`randomBytes(24).toString('hex')`, `'sk_' + nanoid()`). */
    function madeAtRandom(atom: Atom, depth = 0): boolean {
      if (atom.kind === 'call' && atom.name !== undefined && MACHINE_SECRET_CALLS.has(atom.name)) return true;
      if (depth > 3) return false;
      const parts = atom.kind === 'text' ? atom.parts : atom.kind === 'call' && throughCalls(atom) ? atom.inputs() : [];
      const made = parts.filter((part) => part.kind !== 'const');
      return made.length > 0 && made.every((part) => madeAtRandom(part, depth + 1));
    }

    /**
     * Whether a value is only machine secrets: random values, tokens and keys by name, the
     * environment's keys, and parameters whose callers pass only those (two levels of callers).
     */
    function isMachineSecret(value: Value, depth = 0): boolean {
      // Constants around a secret (`process.env.KEY ?? ''`) are neither.
      const atoms = [...atomsOf(value, { throughCalls })].filter((atom) => atom.kind !== 'const');
      return (
        atoms.length > 0 &&
        atoms.every((atom) => {
          if (isMachineMade(atom)) return true;
          if (passwordName(atom) !== undefined && atom.kind !== 'param') return false;
          if (atom.kind === 'env') return true;
          return atom.kind === 'param' && depth < 2 && isMachineSecret(flow.passedTo(atom), depth + 1);
        })
      );
    }

    /**
     * Whether an atom is a password: the names it was read through say so (`req.body.password`,
     * `user.password`, `const pwd = ...`) and the last one does not make it a hash or a salt, or it
     * is the first parameter of a function named for hashing passwords (`hashPassword(value)`).
     */
    function passwordName(atom: Atom): string | undefined {
      const last = atom.names.at(-1);
      if (last !== undefined && splitWords(last).some((word) => NOT_A_PASSWORD_WORDS.has(word))) return undefined;
      const path = 'path' in atom && Array.isArray(atom.path) ? (atom.path as readonly string[]) : [];
      const named = [...atom.names].reverse().find((name) => isPasswordName(name)) ?? (isPasswordName(path.at(-1)) ? path.at(-1) : undefined);
      if (named !== undefined) return named;
      if (atom.kind !== 'param' || atom.index !== 0 || atom.path.length !== 0) return undefined;
      if (isPasswordName(functionName(atom.fn), true)) return last ?? '';
      // The value a setter of a password field receives (not of `passwordHash`).
      const field = setterOf(atom.fn);
      return field !== undefined && isPasswordName(field) ? (last ?? field) : undefined;
    }

    /** Calls whose result is their data in another form (`Buffer.from(pw)`, `encoder.encode(pw)`, `[salt, pw].join('')`). */
    const throughCalls = (atom: CallAtom): boolean => atom.name !== undefined && PASSTHROUGH_CALLS.has(atom.name);

    /**
     * The password in the data a hash is given, and the atom it was found in, when `isHash` says the
     * call hashes. A helper's parameter (`legacyDigest(value)`) is what its callers pass, in this file
     * or in the files that import it.
     */
    function passwordIn(data: Value, isHash: () => boolean): { atom: Atom; name: string } | undefined {
      const pending: Value[] = [data];
      const helpers: ParamAtom[] = [];
      for (let steps = 0; pending.length > 0 && steps < 8; steps++) {
        for (const atom of atomsOf(pending.shift()!, { throughCalls })) {
          // `Buffer.concat([salt, Buffer.from(password)])`: the elements of an array of data.
          if (atom.kind === 'array') pending.push(atom.elements);
          if (isMachineMade(atom)) continue;
          const name = passwordName(atom);
          // `hashPassword(value)` whose callers all pass tokens or keys hashes no password.
          if (name !== undefined && atom.kind === 'param' && isMachineSecret(flow.passedTo(atom))) continue;
          if (name !== undefined) return isHash() ? { atom, name } : undefined;
          if (atom.kind === 'param') helpers.push(atom);
        }
      }
      // The callers of other files are read only for a hash it is sure of.
      if (helpers.length === 0 || !isHash()) return undefined;
      for (const helper of helpers.slice(0, 4)) {
        for (const atom of atomsOf(flow.passedTo(helper), { throughCalls })) {
          const name = isMachineMade(atom) ? undefined : passwordName(atom);
          if (name !== undefined) return { atom, name };
        }
      }
      return undefined;
    }

    /** Where the password is in the argument, for the report and the message: the read itself, or the name it was read through. */
    function passwordNode(argument: TSESTree.Node, found: { atom: Atom; name: string }): TSESTree.Node {
      const { atom, name } = found;
      if (atom.file === undefined && within(argument, atom.node)) return atom.node;
      // The latest name it was read through first: `typed` of `const { password: typed } = req.body`.
      for (const wanted of [...atom.names.slice().reverse(), name]) {
        const stack: TSESTree.Node[] = [argument];
        for (let visited = 0; stack.length > 0 && visited < MAX_DISPLAY_SEARCH; visited++) {
          const node = stack.pop()!;
          if (node.type === AST_NODE_TYPES.Identifier && node.name === wanted) return node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.property === node ? node.parent : node;
          if (node.type === AST_NODE_TYPES.MemberExpression && memberName(node) === wanted) return node;
          pushChildren(stack, node, sourceCode.visitorKeys);
        }
      }
      return argument;
    }

    /** The number a value is, when it is only numbers the code spells out: the largest it may be, and where it is written. */
    function numberIn(value: Value): Bound | undefined {
      let largest: Bound | undefined;
      for (const atom of value) {
        if (atom.kind !== 'const' || typeof atom.value !== 'number') return undefined;
        if (!largest || atom.value > largest.value) largest = { value: atom.value, node: atom.node };
      }
      return largest;
    }

    /** `promisify(crypto.pbkdf2)` stands for `crypto.pbkdf2`: the function a local was made from. */
    function unpromisified(callee: TSESTree.Node): TSESTree.Node {
      if (callee.type !== AST_NODE_TYPES.Identifier) return callee;
      // Cheap before the engine: a local declared from a `promisify(...)` call.
      const definition = findVariable(sourceCode, callee)?.defs[0];
      const init = definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator ? definition.node.init : null;
      if (!init || init.type !== AST_NODE_TYPES.CallExpression || calleeParts(init).name !== 'promisify') return callee;
      for (const atom of flow.valueOf(callee)) {
        if (atom.kind !== 'call' || atom.name !== 'promisify' || atom.file !== undefined || atom.node.type !== AST_NODE_TYPES.CallExpression) continue;
        const [wrapped] = atom.node.arguments;
        if (wrapped && wrapped.type !== AST_NODE_TYPES.SpreadElement) return unwrap(wrapped);
      }
      return callee;
    }

    /** The hash object behind `x.update(data)`: a `createHash('md5')` the value was made by, directly, chained or through a local. */
    function hasherOf(receiver: TSESTree.Node): { atom: CallAtom; factory: HasherFactory; flow: Flow } | undefined {
      for (const atom of atomsOf(flow.valueOf(receiver), { throughCalls: (call) => call.name !== undefined && HASHER_SELF_METHODS.has(call.name) })) {
        if (atom.kind !== 'call' || atom.module === undefined) continue;
        const path = withoutDefault(atom.path ?? '');
        const factory = HASHER_FACTORIES.find((candidate) => candidate.modules.has(atom.module!) && candidate.paths.includes(path));
        const owner = flowFor(atom);
        if (factory && owner) return { atom, factory, flow: owner };
      }
      return undefined;
    }

    function algorithmOf(spec: string | { readonly argument: number }, call: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression, path: string, owner: Flow = flow): string {
      if (typeof spec === 'string') return spec;
      if (spec.argument < 0) return algorithmLabel(path.slice(path.lastIndexOf('.') + 1));
      const argument = call.type === AST_NODE_TYPES.TaggedTemplateExpression ? undefined : call.arguments[spec.argument];
      const name = argument ? constantText(owner.valueOf(argument)) : undefined;
      const label = name !== undefined ? algorithmLabel(name) : 'an algorithm chosen at run time';
      return call.type !== AST_NODE_TYPES.TaggedTemplateExpression && calleeParts(call).name === 'createHmac' ? `HMAC-${label}` : label;
    }

    /**
     * A digest used only in a constant-time comparison (or for its length) is a comparison, not a
     * stored hash; one given straight to a slow hash or its check (`bcrypt.hash(sha256(password),
     * 12)`, a pre-hash past bcrypt's 72 bytes) is hashed slowly after all.
     */
    function neverStoredAsIs(expression: TSESTree.Node): boolean {
      // `password = sha256(password)` reassigns a local: its reads before the write (and the hash's own) do not see the digest.
      const looped = insideLoop(expression);
      const uses = usesOf(sourceCode, expression).filter((use) => use.at !== expression && (looped || use.at.range[1] > expression.range[0]));
      return (
        uses.length > 0 &&
        uses.every((use) => {
          if (use.at.type === AST_NODE_TYPES.MemberExpression && memberName(use.at) === 'length') return true;
          if (use.kind === 'stored' && use.at.type === AST_NODE_TYPES.AssignmentExpression && replacedBySlowHash(use.at)) return true;
          if (use.kind !== 'argument' || (use.at.type !== AST_NODE_TYPES.CallExpression && use.at.type !== AST_NODE_TYPES.NewExpression)) return false;
          return CONSTANT_TIME_COMPARE.has(calleeParts(use.at).name ?? '') || isSlowHash(use.at);
        })
      );
    }

    /**
     * A digest stored into a property that the object's next use replaces with a slow hash of it:
     * `input.password = sha256(input.password)`, then `input.password = await bcrypt.hash(input.password, 10)`.
     */
    function replacedBySlowHash(store: TSESTree.AssignmentExpression): boolean {
      let base = unwrap(store.left);
      while (base.type === AST_NODE_TYPES.MemberExpression) base = unwrap(base.object);
      const variable = base.type === AST_NODE_TYPES.Identifier ? findVariable(sourceCode, base) : undefined;
      let next: TSESTree.Node | undefined;
      for (const reference of variable?.references ?? []) {
        const identifier = reference.identifier;
        if (identifier.range[0] > store.range[1] && (!next || identifier.range[0] < next.range[0])) next = identifier;
      }
      // Up from the name to the whole property (`(input as any).password`), and the assignment that writes it.
      let target = next;
      while (target?.parent && (target.parent.type === AST_NODE_TYPES.MemberExpression ? target.parent.object === target : unwrap(target.parent) === unwrap(target))) target = target.parent;
      const replacement = target?.parent;
      if (replacement?.type !== AST_NODE_TYPES.AssignmentExpression || replacement.left !== target || replacement.operator !== '=') return false;
      if (!sameReference(replacement.left, store.left) || enclosingFunction(replacement) !== enclosingFunction(store)) return false;
      const hash = unwrap(replacement.right);
      return (hash.type === AST_NODE_TYPES.CallExpression || hash.type === AST_NODE_TYPES.NewExpression) && isSlowHash(hash) && hash.arguments.some((argument) => sameReference(argument, store.left));
    }

    /** A call of one of the slow password hashes, or of its check (`bcrypt.compare`, `argon2.verify`). */
    function isSlowHash(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      const origin = originOf(unpromisified(calleeOf(call)));
      return origin !== undefined && WORK_FACTOR_APIS.some((api) => api.modules.has(origin.module) && (api.paths.includes(origin.path) || (api.algorithm !== 'pbkdf2' && SLOW_HASH_CHECKS.has(origin.path))));
    }

    function reportFastHash(call: TSESTree.Node, label: string, argument: TSESTree.Node, found: { atom: Atom; name: string }, algorithm: string): void {
      if (neverStoredAsIs(call)) return;
      const password = passwordNode(argument, found);
      const elsewhere = found.atom.file !== undefined ? ` (from \`${relativeName(found.atom.file)}:${found.atom.node.loc.start.line}\`)` : '';
      context.report({
        node: password,
        messageId: 'fastHashForPassword',
        data: { call: label, password: shortSource(sourceCode, password), origin: elsewhere, algorithm, minCost },
      });
    }

    function relativeName(file: string): string {
      return file.startsWith(`${context.cwd}/`) ? file.slice(context.cwd.length + 1) : file;
    }

    /** `hash.update(password)`, `hash.write(password)` on a hash object of a fast algorithm. */
    /** `hash.update(password)`, `hash.write(password)`, `hash.end(password)`; `source.pipe(hash)` and `pipeline(source, hash)` with the data first. */
    function checkHasherData(call: TSESTree.CallExpression, object: TSESTree.Node, data: TSESTree.Node | undefined): void {
      if (!data || data.type === AST_NODE_TYPES.SpreadElement) return;
      let hasher: ReturnType<typeof hasherOf>;
      const found = passwordIn(flow.valueOf(data), () => (hasher ??= hasherOf(object)) !== undefined);
      if (!found || !hasher) return;
      const path = withoutDefault(hasher.atom.path ?? '');
      const label = shortSource(hasher.flow.sourceCode, hasher.atom.node);
      reportFastHash(call, label, data, found, algorithmOf(hasher.factory.algorithm, hasher.atom.node, path, hasher.flow));
    }

    function checkFastFunction(call: TSESTree.CallExpression, callee: TSESTree.Node): void {
      if (call.arguments.length === 0 || !namesAnyModule(sourceCode, FAST_HASH_MODULES)) return;
      const origin = originOf(callee);
      const fn: FastHashFunction | undefined = origin && FAST_HASH_FUNCTIONS.find((candidate) => candidate.modules.has(origin.module) && candidate.paths.includes(origin.path));
      const data = fn && call.arguments[fn.data];
      if (!fn || !origin || !data || data.type === AST_NODE_TYPES.SpreadElement) return;
      const found = passwordIn(flow.valueOf(data), () => true);
      if (found) reportFastHash(call, shortSource(sourceCode, callee), data, found, algorithmOf(fn.algorithm, call, origin.path));
    }

    /** `crypto.subtle.digest('SHA-256', encoder.encode(password))`. */
    function checkWebDigest(call: TSESTree.CallExpression, object: TSESTree.Node): void {
      if (!isSubtle(object)) return;
      const [spec, data] = call.arguments;
      if (!spec || !data || data.type === AST_NODE_TYPES.SpreadElement) return;
      const found = passwordIn(flow.valueOf(data), () => true);
      if (!found) return;
      const algorithm = flow.valueOf(spec);
      const name = constantText(algorithm) ?? constantText(property(algorithm, 'name', spec));
      reportFastHash(call, shortSource(sourceCode, call.callee), data, found, name !== undefined ? algorithmLabel(name) : 'a fast digest');
    }

    /** `crypto.subtle` of the Web Crypto API: the global, `globalThis.crypto`, or `webcrypto` of node:crypto. */
    function isSubtle(raw: TSESTree.Node): boolean {
      const node = unwrap(raw);
      if (node.type === AST_NODE_TYPES.Identifier) return node.name === 'subtle';
      if (node.type !== AST_NODE_TYPES.MemberExpression || memberName(node) !== 'subtle') return false;
      const base = unwrap(node.object);
      if (base.type === AST_NODE_TYPES.Identifier && base.name === 'crypto' && flow.valueOf(base).every((atom) => atom.kind === 'unknown')) return true;
      if (base.type === AST_NODE_TYPES.MemberExpression && memberName(base) === 'crypto') return true;
      const origin = originOf(base);
      return origin !== undefined && NODE_CRYPTO_MODULES.has(origin.module) && (origin.path === '' || origin.path === '.webcrypto');
    }

    /** A parameter as given: a number (a libsodium limit by its name too) or a digest's name, where it is written, and whether it is the library's default. */
    interface Given {
      readonly value: number | string;
      readonly node: TSESTree.Node | undefined;
      readonly byDefault: boolean;
    }

    /** The value at a place of a call: the argument, or the first of the keys present in the options object there; undefined when left out. */
    function valueAt(call: TSESTree.CallExpression | TSESTree.NewExpression, place: ParameterPlace, callers = false): { value: Value; node: TSESTree.Node } | undefined {
      const argument = call.arguments[place.argument];
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
      // A factory's options are what its callers pass (`makeHasher(SCRYPT_QUICK)`).
      const value = flow.valueOf(argument).flatMap((atom) => (callers && atom.kind === 'param' ? flow.passedTo(atom) : [atom]));
      if (!place.keys) return { value, node: argument };
      for (const key of place.keys) {
        const found = property(value, key, argument);
        if (found.length > 0) return { value: found, node: argument };
      }
      return undefined;
    }

    /** A number, or one of libsodium's named limits (`sodium.crypto_pwhash_MEMLIMIT_MIN`). */
    function limitIn(value: Value): Bound | undefined {
      const number = numberIn(value);
      if (number) return number;
      const [atom] = value;
      if (value.length !== 1 || atom?.kind !== 'module') return undefined;
      const limit = SODIUM_LIMITS.get(atom.path.slice(atom.path.lastIndexOf('.') + 1).replace(/^crypto_pwhash_/u, ''));
      return limit !== undefined ? { value: limit, node: atom.node } : undefined;
    }

    /** A digest: its name (`'sha512'`), or the hash function given (`createSHA1()`, `sha256` of @noble/hashes, `CryptoJS.algo.SHA1`). */
    function digestIn(value: Value): Bound | { value: string; node: TSESTree.Node } | undefined {
      const text = constantText(value) ?? constantText(property(value, 'name', value[0]?.node ?? sourceCode.ast));
      const [atom] = value;
      if (text !== undefined) return { value: normalizeDigest(text), node: atom!.node };
      const path = value.length === 1 && (atom?.kind === 'module' || atom?.kind === 'call') ? atom.path : undefined;
      return path ? { value: digestOf(path.slice(path.lastIndexOf('.') + 1)), node: atom!.node } : undefined;
    }

    /**
     * A parameter of a password hash: as given, the library's default when it is left out, undefined
     * when the code gives a value the rule cannot tell (nothing is reported then), null when neither.
     */
    function parameter(call: TSESTree.CallExpression | TSESTree.NewExpression, api: WorkFactorApi, name: WorkParameter): Given | undefined | null {
      const place = api.parameters[name];
      const given = place && valueAt(call, place, true);
      if (!given) {
        const fallback = api.defaults?.[name];
        return fallback !== undefined ? { value: fallback, node: undefined, byDefault: true } : null;
      }
      const found = name === 'digest' ? digestIn(given.value) : limitIn(given.value);
      if (!found) return undefined;
      const node = within(call, found.node) ? found.node : given.node;
      if (name === 'N' && api.logN && typeof found.value === 'number') return { value: 2 ** found.value, node, byDefault: false };
      return { value: found.value, node, byDefault: false };
    }

    /** Whether a finding about a hash's parameters holds for what it hashes: never a machine secret, and a password when the finding rests on defaults only. */
    function hashesPasswords(call: TSESTree.CallExpression | TSESTree.NewExpression, api: WorkFactorApi, used: readonly (Given | null | undefined)[]): boolean {
      const data = api.data && valueAt(call, api.data);
      if (!api.data) return true;
      if (!data) return false;
      if (isMachineSecret(data.value)) return false;
      return used.some((given) => given && !given.byDefault) || passwordIn(data.value, () => true) !== undefined;
    }

    const shown = (value: number): string => value.toLocaleString('en-US');
    const defaultsNote = (used: readonly (Given | null | undefined)[]): string => (used.some((given) => given?.byDefault) ? ' (the library\'s defaults where not given)' : '');

    /** Reports a number below the guidance, with a suggestion when it is a literal in the call and the library keeps its parameters in each hash. */
    function reportLow(messageId: MessageIds, call: TSESTree.Node, at: Given, minimum: number | undefined, data: Record<string, string | number>): void {
      const node = at.node ?? call;
      const literal = at.node?.type === AST_NODE_TYPES.Literal && typeof at.node.value === 'number' ? at.node : undefined;
      context.report({
        node,
        messageId,
        data,
        suggest: literal && minimum !== undefined ? [{ messageId: 'raiseCost', data: { value: String(minimum) }, fix: (fixer) => fixer.replaceText(literal, String(minimum)) }] : [],
      });
    }

    function checkWorkFactor(call: TSESTree.CallExpression | TSESTree.NewExpression, callee: TSESTree.Node, api: WorkFactorApi): void {
      const label = shortSource(sourceCode, callee);
      switch (api.algorithm) {
        case 'bcrypt': {
          const cost = parameter(call, api, 'cost');
          if (!cost || typeof cost.value !== 'number' || cost.value >= minCost || !hashesPasswords(call, api, [cost])) return;
          reportLow('lowBcryptCost', call, cost, minCost, { call: label, module: api.package, cost: cost.byDefault ? `${cost.value} (the default)` : cost.value, minCost });
          return;
        }
        case 'scrypt': {
          const [cost, r, p] = (['N', 'r', 'p'] as const).map((name) => parameter(call, api, name));
          if (!cost || typeof cost.value !== 'number' || r === undefined || p === undefined) return;
          const blockSize = typeof r?.value === 'number' ? r.value : 8;
          const lanes = typeof p?.value === 'number' ? p.value : 1;
          const minimum = Math.ceil((minScryptCost * scryptShare(lanes) * 8) / blockSize);
          if (cost.value >= minimum || !hashesPasswords(call, api, [cost, r, p])) return;
          reportLow('lowScryptCost', call, cost, undefined, { call: label, cost: powerOfTwo(cost.value), r: blockSize, p: lanes, defaults: defaultsNote([cost, r, p]), minScryptCost: powerOfTwo(minimum), minCost });
          return;
        }
        case 'argon2': {
          const [memory, time] = (['memory', 'time'] as const).map((name) => parameter(call, api, name));
          if (!memory || !time || typeof memory.value !== 'number' || typeof time.value !== 'number') return;
          const kib = api.memoryInBytes ? Math.floor(memory.value / 1024) : memory.value;
          const minimum = argon2MemoryFor(time.value, minArgon2Memory);
          if (kib >= minimum || !hashesPasswords(call, api, [memory, time])) return;
          const suggested = api.memoryInBytes ? minimum * 1024 : minimum;
          reportLow('lowArgon2Cost', call, memory.byDefault ? time : memory, memory.byDefault ? undefined : suggested, { call: label, memory: shown(kib), time: time.value, defaults: defaultsNote([memory, time]), minMemory: shown(minimum) });
          return;
        }
        case 'pbkdf2': {
          const iterations = parameter(call, api, 'iterations');
          const digest = parameter(call, api, 'digest');
          const used = [iterations, digest];
          if (!hashesPasswords(call, api, used)) return;
          checkPbkdf2(call, callee, iterations && typeof iterations.value === 'number' ? { ...iterations, value: iterations.value } : undefined, typeof digest?.value === 'string' ? digest : undefined);
          return;
        }
      }
    }

    function checkPbkdf2(call: TSESTree.Node, callee: TSESTree.Node, iterations: Given | undefined, digest: Given | undefined): void {
      const label = shortSource(sourceCode, callee);
      const name = typeof digest?.value === 'string' ? normalizeDigest(digest.value) : undefined;
      const minimum = name === 'sha1' ? minSha1 : name === undefined || WIDE_PBKDF2_DIGESTS.has(name) ? minSha512 : minSha256;
      if (iterations && typeof iterations.value === 'number' && iterations.value < minimum) {
        report('lowPbkdf2Iterations', iterations.node ?? call, {
          call: label,
          digest: name !== undefined ? algorithmLabel(name) : 'HMAC',
          iterations: `${shown(iterations.value)}${iterations.byDefault ? ' (the default)' : ''}`,
          minIterations: shown(minimum),
          minCost,
        });
      }
      if (name !== undefined && WEAK_PBKDF2_DIGESTS.has(name)) report('weakPbkdf2Digest', digest?.node ?? call, { call: label, digest: algorithmLabel(name), minCost });
    }

    /** `{ name: 'PBKDF2', iterations, hash }` given to `subtle.deriveBits` / `deriveKey`. */
    function checkWebPbkdf2(call: TSESTree.CallExpression, object: TSESTree.Node): void {
      const [argument] = call.arguments;
      if (!argument) return;
      const params = flow.valueOf(argument);
      if (constantText(property(params, 'name', argument))?.toUpperCase() !== 'PBKDF2' || !isSubtle(object)) return;
      const iterations = numberIn(property(params, 'iterations', argument));
      const digest = digestIn(property(params, 'hash', argument));
      const placed = (found: Bound | { value: string; node: TSESTree.Node } | undefined): Given | undefined =>
        found && { value: found.value, node: within(call, found.node) ? found.node : argument, byDefault: false };
      checkPbkdf2(call, call.callee, placed(iterations), placed(digest));
    }

    /** The exported name of an import that was renamed (`import { pbkdf2Sync as derive }`). */
    function importedName(node: TSESTree.Node): string | undefined {
      if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
      const definition = findVariable(sourceCode, node)?.defs[0];
      if (definition?.type !== 'ImportBinding' || definition.node.type !== AST_NODE_TYPES.ImportSpecifier) return undefined;
      const imported = definition.node.imported;
      const name = imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value;
      return name !== node.name && WORK_FACTOR_NAMES.has(name) ? name : undefined;
    }

    function report(messageId: MessageIds, node: TSESTree.Node, data: Record<string, string | number>): void {
      context.report({ node, messageId, data });
    }

    /**
     * A call or `new` of a password hash with a work factor. Cheap names first: the function's or
     * class's name, a promisified or renamed import, or a default export of a hashing module.
     */
    function checkWorkFactorCall(node: TSESTree.CallExpression | TSESTree.NewExpression, original: TSESTree.Node, callee: TSESTree.Node, name: string | undefined): void {
      // A promisified or renamed function is resolved to find out what it is.
      const renamed = callee !== original || importedName(callee) !== undefined;
      const bare = callee.type === AST_NODE_TYPES.Identifier && callsDefaultExports;
      if (!WORK_FACTOR_NAMES.has(referenceName(callee) ?? '') && !WORK_FACTOR_NAMES.has(name ?? '') && !renamed && !bare) return;
      const origin = originOf(callee);
      const api = origin && WORK_FACTOR_APIS.find((candidate) => !candidate.form && candidate.modules.has(origin.module) && candidate.paths.includes(origin.path));
      // Messages name the function as it is called (`pbkdf2Async`), resolution uses what it stands for.
      if (api) checkWorkFactor(node, original, api);
    }

    /** `schema.plugin(passportLocalMongoose, { iterations })`: a plugin that hashes the schema's passwords. */
    function checkPlugin(call: TSESTree.CallExpression): void {
      const [plugin] = call.arguments;
      if (!plugin || plugin.type === AST_NODE_TYPES.SpreadElement) return;
      const origin = originOf(plugin);
      const api = origin && WORK_FACTOR_APIS.find((candidate) => candidate.form === 'plugin' && candidate.modules.has(origin.module) && candidate.paths.includes(origin.path));
      if (api) checkWorkFactor(call, plugin, api);
    }

    const callsDefaultExports = DEFAULT_EXPORT_MODULES.some((module) => sourceCode.text.includes(module));
    // Cheap before the engine: a hash object is made in a file that names its factory (`createHash`, `sha.js`).
    const makesHashers = HASHER_FACTORY_NAMES.some((name) => sourceCode.text.includes(name));

    return {
      CallExpression(node) {
        const { object, name } = calleeParts(node);
        if (object && name !== undefined && HASHER_DATA_METHODS.has(name) && node.arguments.length > 0) {
          if (makesHashers) checkHasherData(node, object, node.arguments[0]);
          return;
        }
        // A stream of the password piped into a hash object.
        if (makesHashers && object && name === 'pipe' && node.arguments[0] && node.arguments[0].type !== AST_NODE_TYPES.SpreadElement) {
          checkHasherData(node, node.arguments[0], object);
          return;
        }
        if (makesHashers && name !== undefined && PIPELINE_CALLS.has(name)) {
          const [source, ...streams] = node.arguments;
          for (const stream of streams) if (stream.type !== AST_NODE_TYPES.SpreadElement) checkHasherData(node, stream, source);
          return;
        }
        if (object && name === 'digest' && node.arguments.length > 1) {
          checkWebDigest(node, object);
          return;
        }
        if (object && (name === 'deriveBits' || name === 'deriveKey')) {
          checkWebPbkdf2(node, object);
          return;
        }
        const original = calleeOf(node);
        const callee = unpromisified(original);
        if (name === 'plugin') checkPlugin(node);
        else checkWorkFactorCall(node, original, callee, name);
        checkFastFunction(node, callee);
      },
      NewExpression(node) {
        const callee = calleeOf(node);
        checkWorkFactorCall(node, callee, callee, referenceName(callee));
      },
    };
  },
});

function within(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** `131072` as `131,072 (2^17)`, for numbers that are powers of two. */
function powerOfTwo(value: number): string {
  const exponent = Math.log2(value);
  return Number.isInteger(exponent) ? `${value.toLocaleString('en-US')} (2^${exponent})` : value.toLocaleString('en-US');
}

/** Whether a node runs in a loop of its function (where a read written before it may still see it). */
function insideLoop(node: TSESTree.Node): boolean {
  for (let current = node.parent; current && !isFunction(current); current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return true;
      default:
    }
  }
  return false;
}
