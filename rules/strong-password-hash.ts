import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  BCRYPT_COST_ARGUMENT,
  BCRYPT_MODULES,
  CONSTANT_TIME_COMPARE,
  FAST_HASH_FUNCTIONS,
  HASHER_FACTORIES,
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
import { OriginResolver, withoutDefault } from '../src/ast/module-origin.js';
import { isTestFile } from '../src/ast/test-files.js';
import { calleeOf, calleeParts, enclosingClass, enclosingFunction, keyName, memberName, referenceName, shortSource, staticName, unwrap, type FunctionNode } from '../src/ast/nodes.js';
import { sensitiveMeaning, vocabularyFor } from '../src/ast/sensitive-name.js';
import { findVariable, writesOf } from '../src/ast/variables.js';
import { createRule } from '../src/create-rule.js';
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

const MAX_DEPTH = 6;
const BCRYPT_DEFAULT_COST = 10;
const PASSWORD_MEANINGS: ReadonlySet<string> = new Set(['a password', 'a passphrase']);
/** Callee names worth resolving; everything else is skipped before any resolution. */
const SLOW_HASH_NAMES: ReadonlySet<string> = new Set([
  'hash', 'hashSync', 'genSalt', 'genSaltSync', 'pbkdf2', 'pbkdf2Sync', 'PBKDF2', 'scrypt', 'scryptSync', 'syncScrypt', 'scryptAsync',
]);

const integer = (description: string, minimum: number) => ({ type: 'integer' as const, minimum, description });

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
        '`{{call}}` hashes the password `{{password}}` with {{algorithm}}, a fast hash: leaked hashes of this kind are cracked at billions of guesses per second, salted or not. Hash passwords with bcrypt (cost >= {{minCost}}), scrypt or argon2.',
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
    const minCost = options.minBcryptCost ?? PASSWORD_HASH_DEFAULTS.minBcryptCost;
    const minSha256 = options.minPbkdf2Iterations ?? PASSWORD_HASH_DEFAULTS.minPbkdf2Iterations;
    const minSha512 = options.minPbkdf2Sha512Iterations ?? PASSWORD_HASH_DEFAULTS.minPbkdf2Sha512Iterations;
    const minScryptCost = options.minScryptCost ?? PASSWORD_HASH_DEFAULTS.minScryptCost;
    const vocabulary = vocabularyFor(options, () => ({ pii: false, extraWords: new Set((options.passwordNames ?? []).map((name) => name.toLowerCase())), allowed: new Set() }));
    const extraMeanings = new Set([...vocabulary.extraWords].map((word) => `a ${word}`));
    const modules = new OriginResolver(sourceCode, () => undefined);

    function originOf(node: TSESTree.Node): { module: string; path: string } | undefined {
      const origin = modules.resolve(node);
      return origin ? { module: origin.module, path: withoutDefault(origin.path) } : undefined;
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

    /** The password inside a hashed value: a name that means a password, or a parameter of `hashPassword(value)`. */
    function passwordIn(raw: TSESTree.Node, depth = 0): TSESTree.Node | undefined {
      if (depth > MAX_DEPTH) return undefined;
      const node = unwrap(raw);
      switch (node.type) {
        case AST_NODE_TYPES.Identifier: {
          if (isPasswordName(node.name)) return node;
          const variable = findVariable(sourceCode, node);
          const definition = variable?.defs[0];
          if (definition?.type === 'Parameter') {
            // The first parameter of `hashPassword(plain, salt)` is the password.
            const fn = enclosingFunction(definition.name);
            const first = fn?.params[0];
            const firstName = first?.type === AST_NODE_TYPES.AssignmentPattern ? first.left : first;
            return fn && firstName === definition.name && isPasswordName(functionName(fn), true) ? node : undefined;
          }
          if (definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === definition.name) {
            const writes = writesOf(variable!);
            return writes.length === 1 && writes[0]!.path.length === 0 ? passwordIn(writes[0]!.value, depth + 1) : undefined;
          }
          return undefined;
        }
        case AST_NODE_TYPES.MemberExpression:
          return isPasswordName(memberName(node)) ? node : undefined;
        case AST_NODE_TYPES.TemplateLiteral:
          return firstOf(node.expressions, depth);
        case AST_NODE_TYPES.BinaryExpression:
          return node.operator === '+' ? firstOf([node.left, node.right], depth) : undefined;
        case AST_NODE_TYPES.LogicalExpression:
          return firstOf([node.left, node.right], depth);
        case AST_NODE_TYPES.ConditionalExpression:
          return firstOf([node.consequent, node.alternate], depth);
        case AST_NODE_TYPES.ArrayExpression:
          return firstOf(node.elements.filter((element): element is TSESTree.Expression => element?.type !== AST_NODE_TYPES.SpreadElement && element !== null), depth);
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression: {
          const { object, name } = calleeParts(node);
          if (name === undefined || (!PASSTHROUGH_CALLS.has(name) && name !== 'join')) return undefined;
          const [first] = node.arguments;
          return firstOf([...(object ? [object] : []), ...(first && first.type !== AST_NODE_TYPES.SpreadElement ? [first] : [])], depth);
        }
        default:
          return undefined;
      }
    }

    function firstOf(nodes: readonly TSESTree.Node[], depth: number): TSESTree.Node | undefined {
      for (const node of nodes) {
        const found = passwordIn(node, depth + 1);
        if (found) return found;
      }
      return undefined;
    }

    /** `promisify(crypto.pbkdf2)` stands for `crypto.pbkdf2`. */
    function unpromisified(callee: TSESTree.Node): TSESTree.Node {
      if (callee.type !== AST_NODE_TYPES.Identifier) return callee;
      const definition = findVariable(sourceCode, callee)?.defs[0];
      const init = definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator ? definition.node.init : null;
      if (init?.type !== AST_NODE_TYPES.CallExpression || calleeParts(init).name !== 'promisify') return callee;
      const [wrapped] = init.arguments;
      return wrapped && wrapped.type !== AST_NODE_TYPES.SpreadElement ? unwrap(wrapped) : callee;
    }

    function staticNumber(raw: TSESTree.Node | undefined, depth = 0): number | undefined {
      if (!raw || depth > MAX_DEPTH) return undefined;
      const node = unwrap(raw);
      switch (node.type) {
        case AST_NODE_TYPES.Literal:
          return typeof node.value === 'number' ? node.value : undefined;
        case AST_NODE_TYPES.UnaryExpression: {
          const value = staticNumber(node.argument, depth + 1);
          return value === undefined ? undefined : node.operator === '-' ? -value : node.operator === '+' ? value : undefined;
        }
        case AST_NODE_TYPES.BinaryExpression: {
          const left = staticNumber(node.left, depth + 1);
          const right = staticNumber(node.right, depth + 1);
          if (left === undefined || right === undefined) return undefined;
          switch (node.operator) {
            case '**': return left ** right;
            case '*': return left * right;
            case '+': return left + right;
            case '-': return left - right;
            case '<<': return left << right;
            default: return undefined;
          }
        }
        default: {
          const value = constantValue(node, depth);
          return value ? staticNumber(value, depth + 1) : undefined;
        }
      }
    }

    function staticString(raw: TSESTree.Node | undefined, depth = 0): string | undefined {
      if (!raw || depth > MAX_DEPTH) return undefined;
      const node = unwrap(raw);
      if (node.type === AST_NODE_TYPES.Literal || node.type === AST_NODE_TYPES.TemplateLiteral) {
        const name = staticName(node);
        return name !== undefined && typeof (node.type === AST_NODE_TYPES.Literal ? node.value : '') === 'string' ? name : undefined;
      }
      const value = constantValue(node, depth);
      return value ? staticString(value, depth + 1) : undefined;
    }

    /** The value behind a name that cannot change: a `const`, a readonly class field, a property of a `const` object. */
    function constantValue(node: TSESTree.Node, depth: number): TSESTree.Node | undefined {
      if (depth > MAX_DEPTH) return undefined;
      if (node.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(sourceCode, node);
        const definition = variable?.defs[0];
        if (definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id !== definition.name) return undefined;
        const writes = writesOf(variable!);
        return writes.length === 1 ? writes[0]!.value : undefined;
      }
      if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const name = memberName(node);
      if (name === undefined) return undefined;
      if (node.object.type === AST_NODE_TYPES.ThisExpression) {
        const field = enclosingClass(node)?.body.find(
          (member): member is TSESTree.PropertyDefinition => member.type === AST_NODE_TYPES.PropertyDefinition && keyName(member) === name,
        );
        return field?.readonly || field?.static ? (field.value ?? undefined) : undefined;
      }
      const object = objectOf(node.object, depth + 1);
      return object ? propertyValue(object, name) : undefined;
    }

    function objectOf(raw: TSESTree.Node | undefined, depth = 0): TSESTree.ObjectExpression | undefined {
      if (!raw || depth > MAX_DEPTH) return undefined;
      const node = unwrap(raw);
      if (node.type === AST_NODE_TYPES.ObjectExpression) return node;
      const value = constantValue(node, depth);
      return value ? objectOf(value, depth + 1) : undefined;
    }

    function propertyValue(object: TSESTree.ObjectExpression, ...keys: string[]): TSESTree.Node | undefined {
      for (const key of keys) {
        const property = object.properties.find(
          (candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && keyName(candidate) === key,
        );
        if (property) return property.value;
      }
      return undefined;
    }

    /** The hash object's factory call behind `x.update(...)`: `createHash('md5')` directly, chained, or through a variable. */
    function hasherOf(raw: TSESTree.Node, depth = 0): { call: TSESTree.CallExpression | TSESTree.NewExpression; factory: HasherFactory } | undefined {
      if (depth > MAX_DEPTH) return undefined;
      const node = unwrap(raw);
      if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
        const { object, name } = calleeParts(node);
        if (object && name === 'update') return hasherOf(object, depth + 1);
        const origin = originOf(calleeOf(node));
        const factory = origin && HASHER_FACTORIES.find((candidate) => candidate.modules.has(origin.module) && candidate.paths.includes(origin.path));
        return factory ? { call: node, factory } : undefined;
      }
      if (node.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(sourceCode, node);
        const writes = variable ? writesOf(variable) : [];
        return writes.length === 1 && writes[0]!.path.length === 0 ? hasherOf(writes[0]!.value, depth + 1) : undefined;
      }
      return undefined;
    }

    function algorithmOf(spec: string | { readonly argument: number }, call: TSESTree.CallExpression | TSESTree.NewExpression, path: string): string {
      if (typeof spec === 'string') return spec;
      if (spec.argument < 0) return algorithmLabel(path.slice(path.lastIndexOf('.') + 1));
      const name = staticString(call.arguments[spec.argument]);
      const label = name !== undefined ? algorithmLabel(name) : 'an algorithm chosen at run time';
      return calleeParts(call).name === 'createHmac' ? `HMAC-${label}` : label;
    }

    /** A digest used only in a constant-time comparison is a comparison, not a stored hash. */
    function onlyComparedInConstantTime(expression: TSESTree.Node): boolean {
      let current = expression;
      for (;;) {
        const parent = current.parent;
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === current && parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
          current = parent.parent;
        } else if (parent?.type === AST_NODE_TYPES.AwaitExpression) {
          current = parent;
        } else {
          break;
        }
      }
      const parent = current.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== current) return CONSTANT_TIME_COMPARE.has(calleeParts(parent).name ?? '');
      if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== current || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
      const reads = (findVariable(sourceCode, parent.id)?.references ?? []).filter((reference) => reference.isRead());
      return (
        reads.length > 0 &&
        reads.every((reference) => {
          const use = reference.identifier.parent;
          if (use?.type === AST_NODE_TYPES.MemberExpression && memberName(use) === 'length') return true;
          return use?.type === AST_NODE_TYPES.CallExpression && use.callee !== reference.identifier && CONSTANT_TIME_COMPARE.has(calleeParts(use).name ?? '');
        })
      );
    }

    function reportFastHash(call: TSESTree.Node, label: TSESTree.Node, argument: TSESTree.Node, password: TSESTree.Node, algorithm: string): void {
      if (onlyComparedInConstantTime(call)) return;
      context.report({
        node: within(argument, password) ? password : argument,
        messageId: 'fastHashForPassword',
        data: { call: shortSource(sourceCode, label), password: shortSource(sourceCode, password), algorithm, minCost },
      });
    }

    function checkUpdate(call: TSESTree.CallExpression, object: TSESTree.Node): void {
      const [data] = call.arguments;
      const password = data && data.type !== AST_NODE_TYPES.SpreadElement ? passwordIn(data) : undefined;
      if (!password) return;
      const hasher = hasherOf(object);
      if (!hasher) return;
      const origin = originOf(calleeOf(hasher.call))!;
      reportFastHash(call, hasher.call, data!, password, algorithmOf(hasher.factory.algorithm, hasher.call, origin.path));
    }

    function checkFastFunction(call: TSESTree.CallExpression, callee: TSESTree.Node): void {
      const candidates = call.arguments.slice(0, 2).map((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? undefined : passwordIn(argument)));
      if (!candidates.some(Boolean)) return;
      const origin = originOf(callee);
      const fn: FastHashFunction | undefined = origin && FAST_HASH_FUNCTIONS.find((candidate) => candidate.modules.has(origin.module) && candidate.paths.includes(origin.path));
      const password = fn && candidates[fn.data];
      if (!fn || !password || !origin) return;
      reportFastHash(call, callee, call.arguments[fn.data]!, password, algorithmOf(fn.algorithm, call, origin.path));
    }

    /** `crypto.subtle.digest('SHA-256', encoder.encode(password))`. */
    function checkWebDigest(call: TSESTree.CallExpression, object: TSESTree.Node): void {
      if (!isSubtle(object)) return;
      const data = call.arguments[1];
      const password = data && data.type !== AST_NODE_TYPES.SpreadElement ? passwordIn(data) : undefined;
      if (!password) return;
      const name = staticString(call.arguments[0]) ?? staticString(objectOf(call.arguments[0]) && propertyValue(objectOf(call.arguments[0])!, 'name'));
      reportFastHash(call, call.callee, data!, password, name !== undefined ? algorithmLabel(name) : 'a fast digest');
    }

    /** `crypto.subtle` of the Web Crypto API: the global, `globalThis.crypto`, or `webcrypto` of node:crypto. */
    function isSubtle(raw: TSESTree.Node): boolean {
      const node = unwrap(raw);
      if (node.type === AST_NODE_TYPES.Identifier) return node.name === 'subtle';
      if (node.type !== AST_NODE_TYPES.MemberExpression || memberName(node) !== 'subtle') return false;
      const base = unwrap(node.object);
      if (base.type === AST_NODE_TYPES.Identifier) {
        const variable = findVariable(sourceCode, base);
        if (!variable || variable.defs.length === 0) return base.name === 'crypto';
      }
      if (base.type === AST_NODE_TYPES.MemberExpression && memberName(base) === 'crypto') return true;
      const origin = originOf(base);
      return origin !== undefined && NODE_CRYPTO_MODULES.has(origin.module) && (origin.path === '' || origin.path === '.webcrypto');
    }

    function checkBcrypt(call: TSESTree.CallExpression, callee: TSESTree.Node, origin: { module: string; path: string }): void {
      const index = BCRYPT_COST_ARGUMENT.get(origin.path);
      if (index === undefined) return;
      const argument = call.arguments[index];
      const isSaltMaker = origin.path.startsWith('.genSalt');
      if (!argument && isSaltMaker) {
        if (BCRYPT_DEFAULT_COST < minCost) report('lowBcryptCost', call, { call: shortSource(sourceCode, callee), module: origin.module, cost: `${BCRYPT_DEFAULT_COST} (the default)`, minCost });
        return;
      }
      const cost = staticNumber(argument);
      if (argument && cost !== undefined && cost < minCost) {
        report('lowBcryptCost', argument, { call: shortSource(sourceCode, callee), module: origin.module, cost, minCost });
      }
    }

    function checkPbkdf2(
      call: TSESTree.CallExpression,
      callee: TSESTree.Node,
      iterationsNode: TSESTree.Node | undefined,
      digestNode: TSESTree.Node | undefined,
      digestName: string | undefined,
      fallback: TSESTree.Node = call,
    ): void {
      const label = shortSource(sourceCode, callee);
      const digest = digestName !== undefined ? normalizeDigest(digestName) : undefined;
      const weak = digest !== undefined && WEAK_PBKDF2_DIGESTS.has(digest);
      const iterations = staticNumber(iterationsNode);
      const minimum = digest === undefined || WIDE_PBKDF2_DIGESTS.has(digest) ? minSha512 : minSha256;
      if (iterationsNode && iterations !== undefined && iterations < minimum) {
        report('lowPbkdf2Iterations', within(call, iterationsNode) ? iterationsNode : fallback, {
          call: label,
          digest: digest !== undefined ? algorithmLabel(digest) : 'HMAC',
          iterations: iterations.toLocaleString('en-US'),
          minIterations: minimum.toLocaleString('en-US'),
          minCost,
        });
      }
      if (weak) report('weakPbkdf2Digest', digestNode && within(call, digestNode) ? digestNode : fallback, { call: label, digest: algorithmLabel(digest), minCost });
    }

    function checkScrypt(call: TSESTree.CallExpression, callee: TSESTree.Node, origin: { module: string; path: string }): void {
      const spec = SCRYPT_FUNCTIONS.find((candidate) => candidate.modules.has(origin.module) && candidate.paths.includes(origin.path));
      if (!spec) return;
      const argument = call.arguments[spec.cost.argument];
      const costNode = spec.cost.keys ? (objectOf(argument) && propertyValue(objectOf(argument)!, ...spec.cost.keys)) : argument;
      const cost = staticNumber(costNode);
      if (costNode && cost !== undefined && cost < minScryptCost) {
        report('lowScryptCost', within(call, costNode) ? costNode : argument!, { call: shortSource(sourceCode, callee), cost: cost.toLocaleString('en-US'), minScryptCost: minScryptCost.toLocaleString('en-US'), minCost });
      }
    }

    /** `{ name: 'PBKDF2', iterations, hash }` given to `subtle.deriveBits` / `deriveKey`. */
    function checkWebPbkdf2(call: TSESTree.CallExpression, object: TSESTree.Node): void {
      const params = objectOf(call.arguments[0]);
      if (!params || staticString(propertyValue(params, 'name'))?.toUpperCase() !== 'PBKDF2' || !isSubtle(object)) return;
      const hash = propertyValue(params, 'hash');
      const hashObject = objectOf(hash);
      const digestNode = hashObject ? propertyValue(hashObject, 'name') : hash;
      checkPbkdf2(call, call.callee, propertyValue(params, 'iterations'), digestNode, staticString(digestNode), call.arguments[0]);
    }

    /** `CryptoJS.PBKDF2(password, salt, { iterations, hasher: CryptoJS.algo.SHA1 })`. */
    function checkCryptoJsPbkdf2(call: TSESTree.CallExpression, callee: TSESTree.Node): void {
      const config = objectOf(call.arguments[2]);
      if (!config) return;
      const hasher = propertyValue(config, 'hasher');
      const hasherName = hasher ? referenceName(hasher) : 'SHA256';
      checkPbkdf2(call, callee, propertyValue(config, 'iterations'), hasher, hasherName, call.arguments[2]);
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

    return {
      CallExpression(node) {
        const { object, name } = calleeParts(node);
        if (object && name === 'update' && node.arguments.length > 0) {
          checkUpdate(node, object);
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
            const digestNode = node.arguments[4];
            checkPbkdf2(node, original, node.arguments[2], digestNode, staticString(digestNode));
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

