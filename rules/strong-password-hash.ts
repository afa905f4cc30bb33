import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  BCRYPT_COST_ARGUMENT,
  BCRYPT_MODULES,
  CONSTANT_TIME_COMPARE,
  FAST_HASH_FUNCTIONS,
  HASHER_FACTORIES,
  HASHER_DATA_METHODS,
  HASHER_FACTORY_NAMES,
  NODE_CRYPTO_MODULES,
  NOT_A_PASSWORD_WORDS,
  PASSTHROUGH_CALLS,
  PASSWORD_HASH_DEFAULTS,
  PBKDF2_MODULES,
  PBKDF2_PATHS,
  SCRYPT_FUNCTIONS,
  WEAK_PBKDF2_DIGESTS,
  WIDE_PBKDF2_DIGESTS,
  algorithmLabel,
  normalizeDigest,
  type FastHashFunction,
  type HasherFactory,
} from '../src/catalog/password-hashing.js';
import { DEFAULT_TEST_FILE_PATTERNS } from '../src/catalog/secrets.js';
import { splitWords } from '../src/catalog/sensitive-names.js';
import { withoutDefault } from '../src/ast/module-origin.js';
import { isTestFile } from '../src/ast/test-files.js';
import { calleeOf, calleeParts, keyName, memberName, pushChildren, referenceName, shortSource, unwrap, type FunctionNode } from '../src/ast/nodes.js';
import { sensitiveMeaning, vocabularyFor } from '../src/ast/sensitive-name.js';
import { findVariable } from '../src/ast/variables.js';
import { createRule } from '../src/create-rule.js';
import { atomsOf, constantText, flowOf, property, usesOf, type Atom, type CallAtom, type Flow, type ParamAtom, type Value } from '../src/flow/index.js';
import { nameList } from '../src/schema.js';

type Options = [
  {
    minBcryptCost?: number;
    minPbkdf2Iterations?: number;
    minPbkdf2Sha512Iterations?: number;
    minScryptCost?: number;
    passwordNames?: string[];
    ignoreTestFiles?: boolean;
    testFilePatterns?: string[];
  },
];
type MessageIds = 'fastHashForPassword' | 'lowBcryptCost' | 'lowPbkdf2Iterations' | 'weakPbkdf2Digest' | 'lowScryptCost';

const BCRYPT_DEFAULT_COST = 10;
const PASSWORD_MEANINGS: ReadonlySet<string> = new Set(['a password', 'a passphrase']);
/** Callee names worth resolving; everything else is skipped before any resolution. */
const SLOW_HASH_NAMES: ReadonlySet<string> = new Set([
  'hash', 'hashSync', 'genSalt', 'genSaltSync', 'pbkdf2', 'pbkdf2Sync', 'PBKDF2', 'scrypt', 'scryptSync', 'syncScrypt', 'scryptAsync',
]);
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
        '`{{call}}` runs scrypt with cost N = {{cost}}, below {{minScryptCost}}: too little memory and time per guess. Use N >= {{minScryptCost}}, or bcrypt (cost >= {{minCost}}) or argon2.',
    },
    defaultOptions: [
      {
        minBcryptCost: PASSWORD_HASH_DEFAULTS.minBcryptCost,
        minPbkdf2Iterations: PASSWORD_HASH_DEFAULTS.minPbkdf2Iterations,
        minPbkdf2Sha512Iterations: PASSWORD_HASH_DEFAULTS.minPbkdf2Sha512Iterations,
        minScryptCost: PASSWORD_HASH_DEFAULTS.minScryptCost,
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
          minBcryptCost: integer('The lowest bcrypt cost (log2 rounds) accepted in `hash`, `hashSync`, `genSalt` and `genSaltSync`.', 4),
          minPbkdf2Iterations: integer('The lowest PBKDF2 iteration count accepted with SHA-256 (and with a digest the rule cannot see).', 1),
          minPbkdf2Sha512Iterations: integer('The lowest PBKDF2 iteration count accepted with SHA-512 or SHA-384.', 1),
          minScryptCost: integer('The lowest scrypt cost parameter N accepted.', 2),
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
    const minSha512 = options.minPbkdf2Sha512Iterations ?? PASSWORD_HASH_DEFAULTS.minPbkdf2Sha512Iterations;
    const minScryptCost = options.minScryptCost ?? PASSWORD_HASH_DEFAULTS.minScryptCost;
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
      if (atom.kind === 'param' && atom.index === 0 && atom.path.length === 0 && isPasswordName(functionName(atom.fn), true)) return last ?? '';
      return undefined;
    }

    /** Calls whose result is their data in another form (`Buffer.from(pw)`, `encoder.encode(pw)`, `[salt, pw].join('')`). */
    const throughCalls = (atom: CallAtom): boolean => atom.name !== undefined && PASSTHROUGH_CALLS.has(atom.name);

    /**
     * The password in the data a hash is given, and the atom it was found in, when `isHash` says the
     * call hashes. A helper's parameter (`legacyDigest(value)`) is what its callers pass, in this file
     * or in the files that import it.
     */
    function passwordIn(data: TSESTree.Node, isHash: () => boolean): { atom: Atom; name: string } | undefined {
      const pending: Value[] = [flow.valueOf(data)];
      const helpers: ParamAtom[] = [];
      for (let steps = 0; pending.length > 0 && steps < 8; steps++) {
        for (const atom of atomsOf(pending.shift()!, { throughCalls })) {
          // `Buffer.concat([salt, Buffer.from(password)])`: the elements of an array of data.
          if (atom.kind === 'array') pending.push(atom.elements);
          const name = passwordName(atom);
          if (name !== undefined) return isHash() ? { atom, name } : undefined;
          if (atom.kind === 'param') helpers.push(atom);
        }
      }
      // The callers of other files are read only for a hash it is sure of.
      if (helpers.length === 0 || !isHash()) return undefined;
      for (const helper of helpers.slice(0, 4)) {
        for (const atom of atomsOf(flow.passedTo(helper), { throughCalls })) {
          const name = passwordName(atom);
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

    /** The number an argument is, reported at the argument. */
    function numberOf(node: TSESTree.Node | undefined): Bound | undefined {
      const found = node ? numberIn(flow.valueOf(node)) : undefined;
      return found && node ? { value: found.value, node } : undefined;
    }
    const textOf = (node: TSESTree.Node | undefined): string | undefined => (node ? constantText(flow.valueOf(node)) : undefined);

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
      for (const atom of atomsOf(flow.valueOf(receiver), { throughCalls: (call) => call.name !== undefined && HASHER_DATA_METHODS.has(call.name) })) {
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

    /** A digest used only in a constant-time comparison (or for its length) is a comparison, not a stored hash. */
    function onlyComparedInConstantTime(expression: TSESTree.Node): boolean {
      const uses = usesOf(sourceCode, expression);
      return (
        uses.length > 0 &&
        uses.every((use) => {
          if (use.at.type === AST_NODE_TYPES.MemberExpression && memberName(use.at) === 'length') return true;
          return use.kind === 'argument' && use.at.type === AST_NODE_TYPES.CallExpression && CONSTANT_TIME_COMPARE.has(calleeParts(use.at).name ?? '');
        })
      );
    }

    function reportFastHash(call: TSESTree.Node, label: string, argument: TSESTree.Node, found: { atom: Atom; name: string }, algorithm: string): void {
      if (onlyComparedInConstantTime(call)) return;
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
    function checkHasherData(call: TSESTree.CallExpression, object: TSESTree.Node): void {
      const [data] = call.arguments;
      if (!data || data.type === AST_NODE_TYPES.SpreadElement) return;
      let hasher: ReturnType<typeof hasherOf>;
      const found = passwordIn(data, () => (hasher ??= hasherOf(object)) !== undefined);
      if (!found || !hasher) return;
      const path = withoutDefault(hasher.atom.path ?? '');
      const label = shortSource(hasher.flow.sourceCode, hasher.atom.node);
      reportFastHash(call, label, data, found, algorithmOf(hasher.factory.algorithm, hasher.atom.node, path, hasher.flow));
    }

    function checkFastFunction(call: TSESTree.CallExpression, callee: TSESTree.Node): void {
      if (call.arguments.length === 0) return;
      const origin = originOf(callee);
      const fn: FastHashFunction | undefined = origin && FAST_HASH_FUNCTIONS.find((candidate) => candidate.modules.has(origin.module) && candidate.paths.includes(origin.path));
      const data = fn && call.arguments[fn.data];
      if (!fn || !origin || !data || data.type === AST_NODE_TYPES.SpreadElement) return;
      const found = passwordIn(data, () => true);
      if (found) reportFastHash(call, shortSource(sourceCode, callee), data, found, algorithmOf(fn.algorithm, call, origin.path));
    }

    /** `crypto.subtle.digest('SHA-256', encoder.encode(password))`. */
    function checkWebDigest(call: TSESTree.CallExpression, object: TSESTree.Node): void {
      if (!isSubtle(object)) return;
      const [spec, data] = call.arguments;
      if (!spec || !data || data.type === AST_NODE_TYPES.SpreadElement) return;
      const found = passwordIn(data, () => true);
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

    function checkBcrypt(call: TSESTree.CallExpression, callee: TSESTree.Node, origin: { module: string; path: string }): void {
      const index = BCRYPT_COST_ARGUMENT.get(origin.path);
      if (index === undefined) return;
      const argument = call.arguments[index];
      if (!argument && origin.path.startsWith('.genSalt')) {
        if (BCRYPT_DEFAULT_COST < minCost) report('lowBcryptCost', call, { call: shortSource(sourceCode, callee), module: origin.module, cost: `${BCRYPT_DEFAULT_COST} (the default)`, minCost });
        return;
      }
      const cost = numberOf(argument);
      if (argument && cost && cost.value < minCost) report('lowBcryptCost', argument, { call: shortSource(sourceCode, callee), module: origin.module, cost: cost.value, minCost });
    }

    function checkPbkdf2(call: TSESTree.CallExpression, callee: TSESTree.Node, iterations: Bound | undefined, digestName: string | undefined, digestNode: TSESTree.Node | undefined, fallback: TSESTree.Node): void {
      const label = shortSource(sourceCode, callee);
      const digest = digestName !== undefined ? normalizeDigest(digestName) : undefined;
      const minimum = digest === undefined || WIDE_PBKDF2_DIGESTS.has(digest) ? minSha512 : minSha256;
      if (iterations && iterations.value < minimum) {
        report('lowPbkdf2Iterations', within(call, iterations.node) ? iterations.node : fallback, {
          call: label,
          digest: digest !== undefined ? algorithmLabel(digest) : 'HMAC',
          iterations: iterations.value.toLocaleString('en-US'),
          minIterations: minimum.toLocaleString('en-US'),
          minCost,
        });
      }
      if (digest !== undefined && WEAK_PBKDF2_DIGESTS.has(digest)) {
        report('weakPbkdf2Digest', digestNode && within(call, digestNode) ? digestNode : fallback, { call: label, digest: algorithmLabel(digest), minCost });
      }
    }

    function checkScrypt(call: TSESTree.CallExpression, callee: TSESTree.Node, origin: { module: string; path: string }): void {
      const spec = SCRYPT_FUNCTIONS.find((candidate) => candidate.modules.has(origin.module) && candidate.paths.includes(origin.path));
      const argument = spec && call.arguments[spec.cost.argument];
      if (!spec || !argument) return;
      const value = flow.valueOf(argument);
      const cost = spec.cost.keys ? spec.cost.keys.map((key) => numberIn(property(value, key, argument))).find(Boolean) : numberIn(value);
      if (cost && cost.value < minScryptCost) {
        report('lowScryptCost', within(call, cost.node) ? cost.node : argument, { call: shortSource(sourceCode, callee), cost: cost.value.toLocaleString('en-US'), minScryptCost: minScryptCost.toLocaleString('en-US'), minCost });
      }
    }

    /** `{ name: 'PBKDF2', iterations, hash }` given to `subtle.deriveBits` / `deriveKey`. */
    function checkWebPbkdf2(call: TSESTree.CallExpression, object: TSESTree.Node): void {
      const [argument] = call.arguments;
      if (!argument) return;
      const params = flow.valueOf(argument);
      if (constantText(property(params, 'name', argument))?.toUpperCase() !== 'PBKDF2' || !isSubtle(object)) return;
      const hash = property(params, 'hash', argument);
      const digest = constantText(hash) ?? constantText(property(hash, 'name', argument));
      const digestNode = [...hash, ...property(hash, 'name', argument)].find((atom) => atom.kind === 'const' && typeof atom.value === 'string')?.node;
      checkPbkdf2(call, call.callee, numberIn(property(params, 'iterations', argument)), digest, digestNode, argument);
    }

    /** `CryptoJS.PBKDF2(password, salt, { iterations, hasher: CryptoJS.algo.SHA1 })`: SHA-256 unless a hasher is given. */
    function checkCryptoJsPbkdf2(call: TSESTree.CallExpression, callee: TSESTree.Node): void {
      const argument = call.arguments[2];
      if (!argument) return;
      const config = flow.valueOf(argument);
      if (!config.some((atom) => atom.kind === 'object')) return;
      const hasher = property(config, 'hasher', argument);
      const module = hasher.find((atom) => atom.kind === 'module');
      const hasherName = hasher.length === 0 ? 'SHA256' : module?.kind === 'module' ? module.path.slice(module.path.lastIndexOf('.') + 1) : undefined;
      checkPbkdf2(call, callee, numberIn(property(config, 'iterations', argument)), hasherName, module?.node, argument);
    }

    /** The exported name of an import that was renamed (`import { pbkdf2Sync as derive }`). */
    function importedName(node: TSESTree.Node): string | undefined {
      if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
      const definition = findVariable(sourceCode, node)?.defs[0];
      if (definition?.type !== 'ImportBinding' || definition.node.type !== AST_NODE_TYPES.ImportSpecifier) return undefined;
      const imported = definition.node.imported;
      const name = imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value;
      return name !== node.name && SLOW_HASH_NAMES.has(name) ? name : undefined;
    }

    function report(messageId: MessageIds, node: TSESTree.Node, data: Record<string, string | number>): void {
      context.report({ node, messageId, data });
    }

    // Cheap before the engine: a hash object is made in a file that names its factory (`createHash`, `sha.js`).
    const makesHashers = HASHER_FACTORY_NAMES.some((name) => sourceCode.text.includes(name));

    return {
      CallExpression(node) {
        const { object, name } = calleeParts(node);
        if (object && name !== undefined && HASHER_DATA_METHODS.has(name) && node.arguments.length > 0) {
          if (makesHashers) checkHasherData(node, object);
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
        // A promisified or renamed function is resolved to find out what it is.
        const renamed = callee !== original || importedName(callee) !== undefined;
        if (SLOW_HASH_NAMES.has(referenceName(callee) ?? '') || SLOW_HASH_NAMES.has(name ?? '') || renamed) {
          const origin = originOf(callee);
          if (!origin) return;
          // Messages name the function as it is called (`pbkdf2Async`), resolution uses what it stands for.
          if (BCRYPT_MODULES.has(origin.module)) checkBcrypt(node, original, origin);
          else if (PBKDF2_MODULES.has(origin.module) && PBKDF2_PATHS.has(origin.path)) {
            const digest = node.arguments[4];
            checkPbkdf2(node, original, numberOf(node.arguments[2]), textOf(digest), digest, node);
          } else if ((origin.module === 'crypto-js' && origin.path === '.PBKDF2') || (origin.module === 'crypto-js/pbkdf2' && origin.path === '')) {
            checkCryptoJsPbkdf2(node, original);
          } else checkScrypt(node, original, origin);
        }
        checkFastFunction(node, callee);
      },
    };
  },
});

function within(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}
