import { relative } from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  AUTH_SCHEMES,
  CONNECTION_HOST_KEYS,
  CONNECTION_PASSWORD_KEYS,
  CONNECTION_SCHEMES,
  CREDENTIAL_HEADERS,
  CREDENTIAL_MEANINGS,
  DEFAULT_TEST_FILE_PATTERNS,
  DERIVED_SECRET_WORDS,
  DUMMY_VALUES,
  EXAMPLE_LIST_WORDS,
  HEADER_SETTERS,
  matchesSinkPattern,
  slotPathText,
  PLACEHOLDER_MARKERS,
  PLACEHOLDER_WORDS,
  PASSWORD_HASH_PREFIXES,
  PUBLIC_KEY_PREFIXES,
  REGEX_MARKERS,
  SECRET_PROPERTIES,
  secretSinksOf,
  SECRET_SINK_NAMES,
  TOKEN_FORMATS,
  TOKEN_METADATA_WORDS,
  TOKEN_PLACEHOLDER_MARKERS,
  type SecretSink,
  type TokenFormat,
} from '../src/catalog/secrets.js';
import { ACCOUNT_KEYS, splitWords } from '../src/catalog/sensitive-names.js';
import { originResolver, withoutDefault } from '../src/ast/module-origin.js';
import { isTestFile } from '../src/ast/test-files.js';
import { calleeOf, calleeParts, keyName, memberName, referenceName, shortSource, staticName, unwrap } from '../src/ast/nodes.js';
import { requestHeaderName } from '../src/ast/request-input.js';
import { sensitiveMeaning, vocabularyFor } from '../src/ast/sensitive-name.js';
import { findVariable } from '../src/ast/variables.js';
import { createRule } from '../src/create-rule.js';
import { atomsOf, flowOf, property, union, type ConstAtom, type Value } from '../src/flow/index.js';
import { usesOf } from '../src/flow/uses.js';
import { INSERT_METHODS, MODEL_BATCH_METHODS, NEW_ENTITY_METHODS, SAVE_METHODS } from '../src/catalog/database-calls.js';
import { nameList } from '../src/schema.js';

type Options = [
  {
    ignoreTestFiles?: boolean;
    testFilePatterns?: string[];
    allowedValues?: string[];
    allowedNames?: string[];
    minEntropy?: number;
  },
];
type MessageIds = 'knownTokenFormat' | 'secretInCode' | 'placeholderSecret' | 'credentialsInConnectionString' | 'placeholderInConnectionString';

/** `u.password`, `users.api_key`: a column named in a query, not a value. */
const QUALIFIED_NAME = /^[A-Za-z_]\w*\.[A-Za-z_]\w*$/u;

/** Stands for a `${}` of a template literal, so that a password around it is never taken as constant. */
const HOLE = '\u0000';
const MAX_CLIMB = 8;
/** How many conversions and factory parameters a constant is followed through to a secret slot. */
const MAX_FACTORY_DEPTH = 3;

/** Where a literal sits, and how sure the place is that it holds a secret. */
interface Slot {
  /**
   * `slot`: a library's secret argument or option, a credential header, the password of an account
   * the code creates (any constant there is a finding); `name`: only the name says so (the value
   * must look like a secret).
   */
  readonly strength: 'slot' | 'name';
  readonly where: string;
  readonly what: string;
  /** The credential inside the literal when it is not the whole literal (`Bearer <credential>`). */
  readonly credential?: (text: string) => string | undefined;
  /**
   * The key of an account's field: a value with spaces there is a message keyed by the field
   * (`password: 'Password is required'`), one equal to the key or naming a column (`'u.password'`)
   * is a name, not a value.
   */
  readonly account?: string;
  /**
   * The literal is the fallback of an environment variable that names a credential
   * (`process.env.JWT_SECRET || 'superSecretPassword'`): it is that credential's value wherever the
   * variable is not set, so a value that reads like a phrase is still a value, not a name.
   */
  readonly envFallback?: boolean;
}

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-secrets',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow hardcoded secrets, credentials and connection strings with inline passwords',
      recommended: true,
      standard: 'No hardcoded secrets or credentials, no connection strings with inline passwords',
      precision: 'high',
      securitySeverity: 7.5,
    },
    messages: {
      knownTokenFormat:
        'This string contains {{format}} ({{value}}). A credential in the source is exposed to everyone who can read the code: revoke and rotate it, and read the new one from the environment or a secret manager.',
      secretInCode:
        '{{where}}: a hardcoded {{what}} ({{value}}) is in the source. Anyone who can read the code can use it: read it from the environment or a secret manager, and rotate this one.',
      placeholderSecret:
        '{{where}}: a hardcoded {{what}} ({{value}}) is in the source. It looks like a placeholder or a default, but it is what runs wherever the real value is not set: read it from the environment or a secret manager, and fail at startup when it is missing.',
      placeholderInConnectionString:
        'The {{scheme}} connection string `{{url}}` has its password inline; the password looks like a default or a placeholder, but it is what connects wherever the real URL is not set. Read the URL or the password from the environment or a secret manager.',
      credentialsInConnectionString:
        'The {{scheme}} connection string `{{url}}` has its password inline. Read the URL or the password from the environment or a secret manager, and rotate this password.',
    },
    defaultOptions: [
      { ignoreTestFiles: true, testFilePatterns: [...DEFAULT_TEST_FILE_PATTERNS], allowedValues: [], allowedNames: [], minEntropy: 3 },
    ],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignoreTestFiles: {
            type: 'boolean',
            description: 'Skip files that match `testFilePatterns` (tests, mocks and fixtures hold fake credentials on purpose).',
          },
          testFilePatterns: nameList(
            'Globs of test files, matched against the path relative to the working directory (`**` any folders, `*` within a name; a glob without `/` matches the file name). Replaces the defaults.',
          ),
          allowedValues: nameList('Literal values that are known not to be secrets (a public sandbox key, a published demo token).'),
          allowedNames: nameList('Exact identifiers or property names that never hold a secret in this codebase.'),
          minEntropy: {
            type: 'number',
            minimum: 0,
            maximum: 8,
            description:
              'Shannon entropy in bits per character below which a value that is a secret only by its name is taken as a placeholder; values in a library\'s secret slot need one bit less.',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    if (options.ignoreTestFiles !== false && isTestFile(context.filename, context.cwd, options.testFilePatterns ?? DEFAULT_TEST_FILE_PATTERNS)) {
      return {};
    }
    const { sourceCode } = context;
    const allowedValues = new Set(options.allowedValues ?? []);
    const minEntropy = options.minEntropy ?? 3;
    const vocabulary = vocabularyFor(options, () => ({ pii: false, extraWords: new Set(), allowed: new Set(options.allowedNames ?? []) }));
    const modules = originResolver(sourceCode);
    const flow = flowOf(context);
    const reported = new Set<TSESTree.Node>();

    /** The module and the module path of a callee, with `.default` (compiled ESM) dropped. */
    function originOf(node: TSESTree.Node): { module: string; path: string } | undefined {
      const origin = modules.resolve(node);
      return origin ? { module: origin.module, path: withoutDefault(origin.path) } : undefined;
    }

    function sinkFor(call: TSESTree.CallExpression | TSESTree.NewExpression): { sink: SecretSink; label: string } | undefined {
      const callee = calleeOf(call);
      const { object, name } = calleeParts(call);
      // Cheap before resolving; a constructor may be any class of a module (`new AWS.S3()`).
      if (call.type === AST_NODE_TYPES.CallExpression && object && name !== undefined && !SECRET_SINK_NAMES.has(name) && name !== 'register') return undefined;
      if (object && name === 'register') {
        const [plugin] = call.arguments;
        const origin = plugin ? originOf(plugin) : undefined;
        const sink = origin && origin.path === '' ? secretSinksOf(origin.module).find((candidate) => candidate.plugin) : undefined;
        if (sink && plugin && origin) return { sink, label: `\`${shortSource(sourceCode, callee)}(${shortSource(sourceCode, plugin)})\` (${origin.module})` };
      }
      const origin = originOf(callee);
      if (!origin) return undefined;
      const sink = secretSinksOf(origin.module).find((candidate) => !candidate.plugin && candidate.callees.some((callee) => matchesSinkPattern(callee, origin.path)));
      if (!sink) return undefined;
      const prefix = call.type === AST_NODE_TYPES.NewExpression ? 'new ' : '';
      return { sink, label: `\`${prefix}${shortSource(sourceCode, callee)}()\` (${origin.module})` };
    }

    function nameSlot(name: string | undefined, display: string, where = `\`${display}\``): Slot | undefined {
      if (name === undefined || vocabulary.allowed.has(name)) return undefined;
      if (CREDENTIAL_HEADERS.has(name.toLowerCase())) return headerSlot(name);
      const words = splitWords(name);
      if (words.some((word) => DERIVED_SECRET_WORDS.has(word) || TOKEN_METADATA_WORDS.has(word))) return undefined;
      if (words.length > 1 && EXAMPLE_LIST_WORDS.has(words[0]!)) return undefined;
      const meaning = sensitiveMeaning(name, vocabulary);
      const what = (meaning && CREDENTIAL_MEANINGS.get(meaning)) ?? (words.at(-1) === 'pass' ? 'password' : undefined);
      return what ? { strength: 'name', where, what } : undefined;
    }

    function headerSlot(header: string, where = `Header \`${header}\``): Slot {
      return { strength: 'slot', where, what: 'credential', credential: headerCredential };
    }

    /** A string argument of a call: a library's secret argument, or the value of a header setter. */
    function argumentSlot(call: TSESTree.CallExpression | TSESTree.NewExpression, index: number): Slot | undefined {
      const { object, name } = calleeParts(call);
      if (object && name !== undefined && HEADER_SETTERS.has(name) && index === 1) {
        const first = call.arguments[0];
        const label = first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' ? first.value : undefined;
        if (label !== undefined && CREDENTIAL_HEADERS.has(label.toLowerCase())) return headerSlot(label);
        // `app.set('jwtSecret', '...')`, `config.set('stripe.secretKey', '...')`
        if (label !== undefined) return nameSlot(label, label, `Setting \`${label}\``);
        return undefined;
      }
      const found = sinkFor(call);
      const slot = found?.sink.slots.find((candidate) => candidate.argument === index && candidate.path.length === 0);
      if (!found || !slot) return undefined;
      return { strength: 'slot', where: `Argument ${index + 1} of ${found.label}`, what: found.sink.what };
    }

    /** Calls that receive the object as their argument, directly or through a `const` holding it. */
    function callsReceiving(object: TSESTree.ObjectExpression): { call: TSESTree.CallExpression | TSESTree.NewExpression; index: number }[] {
      const parent = object.parent;
      if ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.callee !== object) {
        return [{ call: parent, index: parent.arguments.indexOf(object as TSESTree.CallExpressionArgument) }];
      }
      if (parent.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== object || parent.id.type !== AST_NODE_TYPES.Identifier) return [];
      const variable = findVariable(sourceCode, parent.id);
      const calls: { call: TSESTree.CallExpression | TSESTree.NewExpression; index: number }[] = [];
      for (const reference of variable?.references ?? []) {
        const use = reference.identifier.parent;
        if ((use?.type === AST_NODE_TYPES.CallExpression || use?.type === AST_NODE_TYPES.NewExpression) && use.callee !== reference.identifier) {
          calls.push({ call: use, index: use.arguments.indexOf(reference.identifier as TSESTree.CallExpressionArgument) });
        }
      }
      return calls.slice(0, 4);
    }

    /** A property value: a library option (`session({ secret })`), a credential header, or a secret by its key. */
    function propertySlot(property: TSESTree.Property): Slot | undefined {
      const key = keyName(property);
      if (key === undefined) return undefined;
      const keys = [key];
      let object = property.parent as TSESTree.ObjectExpression;
      for (let depth = 0; depth < 4; depth++) {
        const outer = object.parent;
        if (outer.type !== AST_NODE_TYPES.Property || outer.value !== object || outer.parent.type !== AST_NODE_TYPES.ObjectExpression) break;
        const outerKey = keyName(outer);
        if (outerKey === undefined) break;
        keys.unshift(outerKey);
        object = outer.parent;
      }
      for (const { call, index } of callsReceiving(object)) {
        const found = sinkFor(call);
        const slot = found?.sink.slots.find(
          (candidate) => candidate.argument === index && candidate.path.length === keys.length && candidate.path.every((part, at) => part === '*' || part === keys[at]),
        );
        if (found && slot) return { strength: 'slot', where: `Option \`${keys.join('.')}\` of ${found.label}`, what: found.sink.what };
      }
      const named = nameSlot(key, key);
      const account = named && accountOf(property.parent as TSESTree.ObjectExpression);
      if (!named || !account) return named;
      const where = account === 'named' ? `The \`${key}\` beside a user name` : `The \`${key}\` of a record the code stores`;
      return { strength: 'slot', where, what: named.what, account: key };
    }

    /**
     * An account written in the code: an object with a user's name or e-mail beside the secret, or
     * one the code stores (`User.create({...})`, `new User({...})`, `collection.insertOne({...})`).
     * Seed scripts and demo users are the usual place; whatever they hold is a live credential.
     */
    function accountOf(object: TSESTree.ObjectExpression): 'named' | 'stored' | undefined {
      const keys = object.properties.flatMap((entry) => (entry.type === AST_NODE_TYPES.Property ? [keyName(entry)?.toLowerCase() ?? ''] : []));
      if (keys.some((key) => ACCOUNT_KEYS.has(key))) return 'named';
      const stored = usesOf(sourceCode, object).some((use) => {
        if (use.kind !== 'argument') return false;
        const call = use.at as TSESTree.CallExpression | TSESTree.NewExpression;
        if (call.type === AST_NODE_TYPES.NewExpression) return call.callee.type === AST_NODE_TYPES.Identifier && /^[A-Z]/u.test(call.callee.name);
        const { name } = calleeParts(call);
        return name !== undefined && (INSERT_METHODS.has(name) || SAVE_METHODS.has(name) || MODEL_BATCH_METHODS.has(name) || NEW_ENTITY_METHODS.has(name));
      });
      return stored ? 'stored' : undefined;
    }

    function assignmentSlot(target: TSESTree.Node): Slot | undefined {
      if (target.type === AST_NODE_TYPES.Identifier) return nameSlot(target.name, target.name);
      if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const name = memberName(target);
      if (name === undefined) return undefined;
      const property = SECRET_PROPERTIES.find((candidate) => candidate.property === name);
      if (property) {
        const origin = originOf(target.object);
        if (origin?.module === property.module && origin.path === property.instance) {
          return { strength: 'slot', where: `\`${shortSource(sourceCode, target)}\` (${property.module})`, what: property.what };
        }
      }
      return nameSlot(name, shortSource(sourceCode, target));
    }

    function comparisonSlot(other: TSESTree.Node): Slot | undefined {
      const header = requestHeaderName(other);
      if (header !== undefined) return CREDENTIAL_HEADERS.has(header) ? headerSlot(header, `Comparison with the \`${header}\` header`) : undefined;
      const name = referenceName(other);
      return nameSlot(name, name ?? '', `Comparison with \`${shortSource(sourceCode, other)}\``);
    }

    /** Climbs from a literal through fallbacks, arrays and conversions to the place that gives it a meaning. */
    function slotOf(literal: TSESTree.Node): Slot | undefined {
      const slot = climb(literal);
      // A list of many values under a secret's name is a word list (`badPasswords`), not secrets; key rotation lists are short.
      if (slot?.strength === 'name' && inLongList(literal)) return undefined;
      if (slot?.strength === 'name' && fallenBackFrom(literal).some((name) => nameSlot(name, name) !== undefined)) return { ...slot, envFallback: true };
      return slot;
    }

    function climb(literal: TSESTree.Node): Slot | undefined {
      let child: TSESTree.Node = literal;
      for (let depth = 0; depth < MAX_CLIMB; depth++) {
        const parent = child.parent;
        if (!parent) return undefined;
        switch (parent.type) {
          case AST_NODE_TYPES.LogicalExpression:
            if (parent.right !== child || parent.operator === '&&') return undefined;
            break;
          case AST_NODE_TYPES.ConditionalExpression:
            if (parent.test === child) return undefined;
            break;
          case AST_NODE_TYPES.TSAsExpression:
          case AST_NODE_TYPES.TSSatisfiesExpression:
          case AST_NODE_TYPES.TSNonNullExpression:
          case AST_NODE_TYPES.TSTypeAssertion:
          case AST_NODE_TYPES.ArrayExpression:
            break;
          case AST_NODE_TYPES.CallExpression:
          case AST_NODE_TYPES.NewExpression: {
            if (parent.callee === child) return undefined;
            if (parent.type === AST_NODE_TYPES.CallExpression && conversionInput(parent) === child) break;
            return argumentSlot(parent, parent.arguments.indexOf(child as TSESTree.CallExpressionArgument));
          }
          case AST_NODE_TYPES.Property:
            return parent.value === child && parent.parent.type === AST_NODE_TYPES.ObjectExpression ? propertySlot(parent) : undefined;
          case AST_NODE_TYPES.VariableDeclarator:
            return parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier ? nameSlot(parent.id.name, parent.id.name) : undefined;
          case AST_NODE_TYPES.AssignmentExpression:
            return parent.right === child && ['=', '||=', '??='].includes(parent.operator) ? assignmentSlot(parent.left) : undefined;
          case AST_NODE_TYPES.PropertyDefinition: {
            const key = parent.value === child ? keyName(parent) : undefined;
            return nameSlot(key, key ?? '');
          }
          case AST_NODE_TYPES.AssignmentPattern:
            return parent.right === child && parent.left.type === AST_NODE_TYPES.Identifier ? nameSlot(parent.left.name, parent.left.name) : undefined;
          case AST_NODE_TYPES.TSEnumMember: {
            const member = staticName(parent.id);
            const enumName = parent.parent.parent.type === AST_NODE_TYPES.TSEnumDeclaration ? parent.parent.parent.id.name : undefined;
            return nameSlot(member, member ?? '') ?? (member !== undefined ? nameSlot(enumName, `${enumName}.${member}`) : undefined);
          }
          case AST_NODE_TYPES.BinaryExpression:
            // `process.env.X | 'fallback'`: a mistyped `||`, the literal is meant as the fallback.
            if (parent.operator === '|' && parent.right === child && fallenBackFrom(child).length > 0) break;
            if (!['===', '!==', '==', '!='].includes(parent.operator)) return undefined;
            return comparisonSlot(parent.left === child ? parent.right : parent.left);
          default:
            return undefined;
        }
        child = parent;
      }
      return undefined;
    }

    function check(node: TSESTree.Literal | TSESTree.TemplateLiteral, text: string, constant: boolean): void {
      if (allowedValues.has(text)) return;
      const token = findToken(text);
      if (token) {
        reported.add(node);
        context.report({ node, messageId: 'knownTokenFormat', data: { format: token.format.label, value: describeValue(token.token) } });
        return;
      }
      const connection = findInlinePassword(text, minEntropy - 1);
      if (connection) {
        reported.add(node);
        context.report({ node, messageId: connection.placeholder ? 'placeholderInConnectionString' : 'credentialsInConnectionString', data: { scheme: connection.scheme, url: connection.url } });
        return;
      }
      if (!constant || text.trim().length === 0) return;
      const slot = slotOf(node);
      if (slot) reportInSlot(node, text, slot);
    }

    /**
     * A constant in a slot: in a library's secret slot any value is a finding (placeholders get a
     * message of their own); under a secret's name only a value that looks like a secret.
     */
    function reportInSlot(node: TSESTree.Node, text: string, slot: Slot, from?: string): void {
      if (reported.has(node) && from === undefined) return;
      const value = slot.credential ? slot.credential(text) : text;
      if (value === undefined || value.trim().length === 0 || allowedValues.has(value)) return;
      if (slot.account !== undefined && (/\s/u.test(value.trim()) || value.toLowerCase() === slot.account.toLowerCase() || QUALIFIED_NAME.test(value))) return;
      const where = from === undefined ? slot.where : `${slot.where}, from ${from}`;
      if (slot.strength === 'name') {
        if (!looksLikeNamedSecret(value, minEntropy, slot.envFallback === true)) return;
        reported.add(node);
        context.report({ node, messageId: 'secretInCode', data: { where, what: slot.what, value: describeValue(value) } });
        return;
      }
      if (PASSWORD_HASH_PREFIXES.some((prefix) => value.startsWith(prefix))) return;
      reported.add(node);
      const messageId = looksLikeSecret(value, minEntropy - 1) ? 'secretInCode' : 'placeholderSecret';
      context.report({ node, messageId, data: { where, what: slot.what, value: describeValue(value) } });
    }

    /**
     * The constants that reach a library's secret argument or option through the engine: a local, a
     * property of a config object, another file's export (`jwt.sign(payload, config.secret)`).
     */
    function checkSinkValues(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const found = sinkFor(call);
      if (!found) return;
      for (const slot of found.sink.slots) {
        const argument = call.arguments[slot.argument];
        if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
        let value = flow.valueOf(argument);
        for (const key of slot.path) value = key === '()' ? returnsOf(value) : property(value, key === '*' ? '[]' : key, argument);
        const where = slot.path.length === 0 ? `Argument ${slot.argument + 1} of ${found.label}` : `Option \`${slotPathText(slot.path)}\` of ${found.label}`;
        for (const atom of constantsOf(value, MAX_FACTORY_DEPTH)) {
          const elsewhere = atom.file !== undefined;
          // A literal of this file is reported where it is written; one from another file, at the option that takes it.
          const at = elsewhere ? optionNode(argument, slot.path) : atom.node;
          reportInSlot(at, atom.value, { strength: 'slot', where, what: found.sink.what }, elsewhere ? `\`${relative(context.cwd, atom.file!)}:${atom.node.loc.start.line}\`` : undefined);
        }
      }
    }

    /** What the functions a value may be return (`() => '…'` given as an option). */
    function returnsOf(value: Value): Value {
      return union(...value.flatMap((atom) => (atom.kind === 'function' ? [flow.returnsOf(atom.node)] : [])));
    }

    /**
     * The string constants of a value, through conversions (`new TextEncoder().encode('...')`) and
     * through the parameters of a factory of this file to what its callers pass
     * (`makeClient('...')` for `new OpenAI({ apiKey: key })`).
     */
    function* constantsOf(value: Value, depth: number): Generator<ConstAtom & { value: string }> {
      for (const atom of atomsOf(value)) {
        if (atom.kind === 'const' && typeof atom.value === 'string') yield { ...atom, value: atom.value };
        const input = atom.kind === 'call' && atom.file === undefined && atom.node.type === AST_NODE_TYPES.CallExpression ? conversionInput(atom.node) : undefined;
        if (input && depth > 0) yield* constantsOf(flow.valueOf(input), depth - 1);
        if (atom.kind === 'param' && depth > 0) yield* constantsOf(flow.passedTo(atom), depth - 1);
      }
    }

    const sinkCalls: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
    const collectSink = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const { object, name } = calleeParts(node);
      // Cheap before resolving: a sink is a known name, a bare call (`session(...)`) or a constructor.
      if (node.type === AST_NODE_TYPES.NewExpression || !object || (name !== undefined && SECRET_SINK_NAMES.has(name))) sinkCalls.push(node);
    };
    return {
      Literal(node) {
        if (typeof node.value !== 'string' || node.value.length === 0 || isNameOrSource(node)) return;
        check(node, node.value, true);
      },
      TemplateLiteral(node) {
        const text = node.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join(HOLE);
        if (text.length === 0) return;
        check(node, text, node.expressions.length === 0);
      },
      CallExpression: collectSink,
      NewExpression: collectSink,
      'Program:exit'() {
        for (const call of sinkCalls) checkSinkValues(call);
      },
    };
  },
});

/**
 * The environment variables a literal is the fallback of: `process.env.A || process.env.B || '…'`
 * gives `A` and `B` (also with `??`, and with `|` mistyped for `||`).
 */
function fallenBackFrom(literal: TSESTree.Node): string[] {
  const parent = literal.parent;
  const isFallback =
    (parent?.type === AST_NODE_TYPES.LogicalExpression && parent.operator !== '&&') || (parent?.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '|');
  if (!isFallback || parent.right !== literal) return [];
  const names: string[] = [];
  let left: TSESTree.Node = parent.left;
  for (let depth = 0; depth < MAX_CLIMB; depth++) {
    const operand = left.type === AST_NODE_TYPES.LogicalExpression && left.operator !== '&&' ? left.right : left;
    const name = envName(operand);
    if (name !== undefined) names.push(name);
    if (left.type !== AST_NODE_TYPES.LogicalExpression || left.operator === '&&') break;
    left = left.left;
  }
  return names;
}

/** `JWT_SECRET` of `process.env.JWT_SECRET` or `process.env['JWT_SECRET']`. */
function envName(node: TSESTree.Node): string | undefined {
  const read = unwrap(node);
  if (read.type !== AST_NODE_TYPES.MemberExpression || read.object.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const { object } = read.object;
  const isEnv = object.type === AST_NODE_TYPES.Identifier && object.name === 'process' && memberName(read.object) === 'env';
  return isEnv ? memberName(read) : undefined;
}

/** The value of an option written in the call (`pass: config.smtp.pass` of `{ auth: { ... } }`), else the argument. */
function optionNode(argument: TSESTree.Node, path: readonly string[]): TSESTree.Node {
  let node = argument;
  for (const key of path) {
    if (node.type !== AST_NODE_TYPES.ObjectExpression) break;
    const option = node.properties.find((entry): entry is TSESTree.Property => entry.type === AST_NODE_TYPES.Property && keyName(entry) === key);
    if (!option) break;
    node = option.value;
  }
  return node;
}

/** The literal is an element of an array of more than three values. */
function inLongList(literal: TSESTree.Node): boolean {
  let current = literal.parent;
  while (current?.type === AST_NODE_TYPES.TSAsExpression || current?.type === AST_NODE_TYPES.TSSatisfiesExpression) current = current.parent;
  return current?.type === AST_NODE_TYPES.ArrayExpression && current.elements.length > 3;
}

/** The input of `Buffer.from('...')`, `encoder.encode('...')`, `createSecretKey(...)`: the same secret in another type. */
function conversionInput(call: TSESTree.CallExpression): TSESTree.Node | undefined {
  const { object, name } = calleeParts(call);
  const converts = (name === 'from' && object?.type === AST_NODE_TYPES.Identifier && object.name === 'Buffer') || name === 'encode' || name === 'createSecretKey';
  return converts ? call.arguments[0] : undefined;
}

/** String literals that are names, not values: object keys, member names, module sources, literal types. */
function isNameOrSource(node: TSESTree.Literal): boolean {
  const parent = node.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.MethodDefinition:
      return parent.key === node;
    case AST_NODE_TYPES.MemberExpression:
      return parent.property === node;
    case AST_NODE_TYPES.ImportDeclaration:
    case AST_NODE_TYPES.ExportAllDeclaration:
    case AST_NODE_TYPES.ExportNamedDeclaration:
    case AST_NODE_TYPES.ImportExpression:
    case AST_NODE_TYPES.TSLiteralType:
    case AST_NODE_TYPES.TSExternalModuleReference:
    case AST_NODE_TYPES.TSModuleDeclaration:
      return true;
    default:
      return false;
  }
}

/** The first token of a known format in the text that is not a published example or a dummy. */
function findToken(text: string): { format: TokenFormat; token: string } | undefined {
  for (const format of TOKEN_FORMATS) {
    if (!format.markers.some((marker) => text.includes(marker))) continue;
    for (const match of text.matchAll(format.pattern)) {
      const token = match[0];
      if (isPlaceholderToken(token) || (format.validate && !format.validate(token))) continue;
      return { format, token };
    }
  }
  return undefined;
}

function isPlaceholderToken(token: string): boolean {
  const lower = token.toLowerCase();
  if (TOKEN_PLACEHOLDER_MARKERS.some((marker) => lower.includes(marker))) return true;
  let run = 1;
  for (let index = 1; index < token.length; index++) {
    run = token[index] === token[index - 1] ? run + 1 : 1;
    if (run >= 8) return true;
  }
  return false;
}

/**
 * A password inside a URL (`postgres://user:pass@host`) or a `key=value;` connection string
 * (`Server=...;Password=...`), unless it is empty, built from `${}` or a placeholder.
 */
function findInlinePassword(text: string, minEntropy: number): { scheme: string; url: string; placeholder: boolean } | undefined {
  for (let from = text.indexOf('://'); from !== -1; from = text.indexOf('://', from + 3)) {
    let start = from;
    while (start > 0 && /[A-Za-z0-9+.-]/u.test(text[start - 1]!)) start--;
    const scheme = text.slice(start, from).toLowerCase();
    if (!CONNECTION_SCHEMES.has(scheme)) continue;
    let end = from + 3;
    while (end < text.length && !'/?#'.includes(text[end]!) && !/\s/u.test(text[end]!)) end++;
    const authority = text.slice(from + 3, end);
    const at = authority.lastIndexOf('@');
    const colon = at < 0 ? -1 : authority.indexOf(':');
    if (colon < 0 || colon > at) continue;
    const password = authority.slice(colon + 1, at);
    if (password.length === 0 || password.includes(HOLE)) continue;
    const url = `${text.slice(start, from + 3)}${authority.slice(0, colon + 1)}****${authority.slice(at)}${text.slice(end, end + 40).split(/\s/u)[0]}`;
    return { scheme, url: shorten(url.replaceAll(HOLE, '${...}')), placeholder: !looksLikeSecret(decodeComponent(password), minEntropy) };
  }
  if (!text.includes(';') || !text.includes('=')) return undefined;
  const parts = text.split(';');
  const pairs = parts.map((part) => {
    const equals = part.indexOf('=');
    return equals < 0 ? undefined : { key: part.slice(0, equals).trim().toLowerCase(), value: part.slice(equals + 1).trim() };
  });
  if (!pairs.some((pair) => pair && CONNECTION_HOST_KEYS.has(pair.key))) return undefined;
  const index = pairs.findIndex((pair) => pair && CONNECTION_PASSWORD_KEYS.has(pair.key));
  const password = pairs[index];
  if (!password || password.value.length === 0 || password.value.includes(HOLE)) return undefined;
  parts[index] = `${parts[index]!.slice(0, parts[index]!.indexOf('='))}=****`;
  return { scheme: 'key=value', url: shorten(parts.join(';').replaceAll(HOLE, '${...}')), placeholder: !looksLikeSecret(password.value, minEntropy) };
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function shorten(text: string): string {
  return text.length > 72 ? `${text.slice(0, 69)}...` : text;
}

/** The credential of a header value: after the scheme (`Bearer x`), and the password of `Basic base64(user:pass)`. */
function headerCredential(text: string): string | undefined {
  const value = text.trim();
  const space = value.indexOf(' ');
  if (space < 0) return AUTH_SCHEMES.has(value.toLowerCase()) ? undefined : value;
  const scheme = value.slice(0, space).toLowerCase();
  if (!AUTH_SCHEMES.has(scheme)) return value;
  const credential = value.slice(space + 1).trim();
  if (scheme !== 'basic') return credential;
  const decoded = Buffer.from(credential, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && /^[\x20-\x7e]+$/u.test(decoded) ? decoded.slice(colon + 1) : credential;
}

/** Shannon entropy in bits per character. */
function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  const length = [...value].length;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** Placeholders, documented defaults and values that only look like a secret: `changeme`, `<token>`, `xxxx`, `aaaaaaaa`, `12345678`. */
function isPlaceholder(value: string): boolean {
  const lower = value.trim().toLowerCase();
  if (DUMMY_VALUES.has(lower) || PUBLIC_KEY_PREFIXES.some((prefix) => lower.startsWith(prefix))) return true;
  if (PLACEHOLDER_MARKERS.some((marker) => lower.includes(marker))) return true;
  if (lower.includes('<') && lower.includes('>')) return true;
  if (/^(?:\$[a-z_][a-z0-9_]*|%[a-z_][a-z0-9_]*%)$/u.test(lower)) return true;
  const words = value.replace(/([a-z])([A-Z])/gu, '$1 $2').toLowerCase().split(/[^a-z]+/u);
  if (words.some((word) => PLACEHOLDER_WORDS.has(word))) return true;
  const counts = new Map<string, number>();
  let breaks = 0;
  for (let index = 0; index < lower.length; index++) {
    counts.set(lower[index]!, (counts.get(lower[index]!) ?? 0) + 1);
    if (index > 0 && lower.charCodeAt(index) !== lower.charCodeAt(index - 1) + 1) breaks++;
  }
  if (counts.size <= 2 || breaks <= 1) return true;
  return Math.max(...counts.values()) * 2 > lower.length;
}

/** A value in a secret slot is reported unless it is a placeholder, too short, or too uniform. */
function looksLikeSecret(value: string, minEntropy: number): boolean {
  const trimmed = value.trim();
  return trimmed.length >= 6 && !isPlaceholder(trimmed) && shannonEntropy(trimmed) >= minEntropy - 1e-9;
}

const WORDS = /^[A-Za-z]+(?:[-_.:/+][A-Za-z]+)*$/u;
const SCREAMING_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/u;
const FILE_NAME = /\.(?:pem|key|crt|cer|der|p8|p12|pfx|jks|keystore|json|txt|env|ya?ml|asc|gpg|pub)$/iu;

/** Values that name something (`access_token`, `X-Api-Key`, `JWT_SECRET`, `sessionToken`) rather than hold a secret. */
function looksLikeName(raw: string): boolean {
  // Punctuation around a name (`?NoLineTerminatorHere`, `:session:`) does not make it random.
  let start = 0;
  let end = raw.length;
  while (start < end && !/[A-Za-z0-9]/u.test(raw[start]!)) start++;
  while (end > start && !/[A-Za-z0-9]/u.test(raw[end - 1]!)) end--;
  const value = raw.slice(start, end);
  if (value.length === 0) return true;
  if (SCREAMING_NAME.test(value)) return true;
  if (!WORDS.test(value)) return false;
  const words = value.replace(/([a-z])([A-Z])/gu, '$1 $2').split(/[^A-Za-z]+/u).filter((word) => word.length > 0);
  return words.length <= 8 && words.slice(1).every((word) => word.length >= 2);
}

function looksLikeEmail(value: string): boolean {
  const at = value.indexOf('@');
  return at > 0 && at === value.lastIndexOf('@') && value.indexOf('.', at) > at + 1 && !value.slice(0, at).includes(':');
}

/**
 * A value that is a secret only by its name must look like one: no whitespace, not a name, a
 * path, a URL, an email address or a number, and random enough.
 */
function looksLikeNamedSecret(value: string, minEntropy: number, envFallback: boolean): boolean {
  const trimmed = value.trim();
  if (trimmed.length < 8 || /\s/u.test(trimmed)) return false;
  // An environment variable's name (`'JWT_SECRET'`) is a name even as a fallback; a phrase there (`'superSecretPassword'`) is the value.
  if ((envFallback ? SCREAMING_NAME.test(trimmed) : looksLikeName(trimmed)) || looksLikeEmail(trimmed) || /^[\d.,:-]+$/u.test(trimmed)) return false;
  if (trimmed.includes('://') || /^(?:\/|\.\.?\/|~\/)/u.test(trimmed) || FILE_NAME.test(trimmed)) return false;
  if (REGEX_MARKERS.some((marker) => trimmed.includes(marker)) || (trimmed.startsWith('^') && trimmed.endsWith('$'))) return false;
  if (PASSWORD_HASH_PREFIXES.some((prefix) => trimmed.startsWith(prefix))) return false;
  return looksLikeSecret(trimmed, minEntropy);
}

/** How a secret is shown in a message: never the secret itself. */
function describeValue(value: string): string {
  return value.length >= 16 ? `\`${value.slice(0, 4)}\u2026\`, ${value.length} characters` : `${value.length} characters`;
}
