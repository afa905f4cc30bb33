import { relative } from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  CONFIG_WORDS,
  CONFIRM_WORDS,
  CREATE_METHODS,
  CREATING_DTO_WORDS,
  DRIZZLE_COMPARISONS,
  DTO_WORDS,
  FOREIGN_ACCOUNT_WORDS,
  FILTER_KEYS,
  FILTER_THEN_UPDATE,
  HASH_FUNCTION_WORDS,
  HASH_WORDS,
  HOOK_CALLS,
  HOOK_DECORATORS,
  HOOK_KEYS,
  LOOKUP_METHODS,
  META_AFTER,
  META_BEFORE,
  PASSWORD_WORDS,
  RECORD_KEYS,
  SERVICE_WORDS,
  STORE_METHODS,
  FIELD_VALUE_SETTERS,
  STORED_WORDS,
  USER_CLASS_WORDS,
  USER_WORDS,
  VALIDATOR_FUNCTIONS,
  mentionsPassword,
} from '../src/catalog/passwords.js';
import { DEFAULT_TEST_FILE_PATTERNS, PASSWORD_HASH_PREFIXES } from '../src/catalog/secrets.js';
import { GENERIC_QUERY_METHODS } from '../src/catalog/sql-drivers.js';
import { splitWords } from '../src/catalog/sensitive-names.js';
import { calleeParts, enclosingClass, enclosingFunction, isFunction, keyName, memberName, pushChildren, referenceName, shortSource, staticName, unwrap, type FunctionNode } from '../src/ast/nodes.js';
import { requestDecorator } from '../src/ast/request-input.js';
import { isTestFile } from '../src/ast/test-files.js';
import { findVariable } from '../src/ast/variables.js';
import { createRule } from '../src/create-rule.js';
import { atomsOf, constantText, flowOf, type Atom, type CallAtom, type Flow, type ObjectAtom, type ParamAtom, type Value } from '../src/flow/index.js';
import { nameList } from '../src/schema.js';

type Options = [{ hashFunctions?: string[]; userModels?: string[]; hashingModels?: string[]; ignoreTestFiles?: boolean; testFilePatterns?: string[] }];
type MessageIds = 'plaintextStored' | 'bodyStored' | 'plaintextCompared' | 'plaintextLookup';

/** What a name says it holds. */
type NameClass = 'plain' | 'hash' | 'confirm' | 'meta' | 'service';

/**
 * A plain password that reaches a store or a lookup: request input, a literal written in the code,
 * or a helper's parameter named as a password whose callers the engine cannot see.
 */
interface Plain {
  readonly kind: 'input' | 'literal' | 'parameter';
  readonly atom: Atom;
}

/** What one side of a comparison is: the password a user gives, the stored or configured one, or a form's confirmation. */
type Side = 'given' | 'stored' | 'config' | 'confirm';

/** A hook that hashes the password before a model's records are written. */
interface HashingHook {
  /** Words of the model's name; empty when the model is not known (every user model counts). */
  readonly model: ReadonlySet<string>;
  readonly creates: boolean;
  readonly updates: boolean;
  /** A setter of the password field, which Sequelize's `setDataValue` skips. */
  readonly setter?: boolean;
}

/** The records a write or a lookup goes to, by the names along its receiver. */
interface Target {
  readonly words: Set<string>;
  /** The chain names a model that is not a user model (`Repository<Webhook>`), so the class name does not count. */
  readonly otherModel: boolean;
  /** The collection, table or model itself (`secret` of `db.collection('secret')`), to match writes and lookups. */
  readonly name: string | undefined;
}

/** A report worked out before the checks that may cancel it (a hook that hashes). */
interface Finding {
  readonly node: TSESTree.Node;
  readonly messageId: MessageIds;
  readonly data: Record<string, string>;
}

/** A write of records: the call, how messages name it, the argument that holds the records. */
interface Sink {
  readonly call: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly label: string;
  readonly argument: TSESTree.Node;
  /** A creating method: a whole request body stored there stores its password. */
  readonly creates: boolean;
}

const SQL_METHODS: ReadonlySet<string> = new Set([...GENERIC_QUERY_METHODS, 'raw', 'execute', 'query']);
/** Helpers followed to their callers, and callers' helpers: enough for a data-access layer. */
const MAX_CALLER_DEPTH = 2;
const MAX_RECORD_DEPTH = 5;
/** A literal that is a hash already (hex digests of md5 to sha512, or a library's hash format). */
const HEX_DIGEST = /^[0-9a-f]{32,128}$/iu;
/** A mask written over a password (`'********'`, `'xxxx'`), not a password. */
const MASK = /^(.)\1*$/su;
/** `this.password == '...'` (either way round) in a `$where` text: the stored password compared with a value. */
const WHERE_COMPARISON = /this\.([A-Za-z_$][\w$]*)\s*[!=]==?\s*["'`]?\u0001(\d+)\u0001|\u0001(\d+)\u0001["'`]?\s*[!=]==?\s*this\.([A-Za-z_$][\w$]*)/gu;

const passwordClasses = new Map<string, NameClass | undefined>();

/** What a name holds: a plain password, a hash of one, a form's confirmation, metadata, or another system's credential. */
export function passwordNameClass(name: string): NameClass | undefined {
  if (passwordClasses.has(name)) return passwordClasses.get(name);
  const result = computeNameClass(name);
  if (passwordClasses.size < 20_000) passwordClasses.set(name, result);
  return result;
}

function computeNameClass(name: string): NameClass | undefined {
  const words = splitWords(name);
  let index = -1;
  let numbered = false;
  for (let position = words.length - 1; position >= 0; position--) {
    const word = words[position]!;
    if (PASSWORD_WORDS.has(word)) {
      index = position;
      break;
    }
    const stripped = withoutTrailingDigits(word);
    if (stripped !== word && PASSWORD_WORDS.has(stripped)) {
      index = position;
      numbered = true;
      break;
    }
  }
  if (index < 0) return undefined;
  const before = words.slice(0, index);
  const after = words.slice(index + 1);
  if (numbered || before.some((word) => CONFIRM_WORDS.has(word)) || after.some((word) => CONFIRM_WORDS.has(word))) return 'confirm';
  if (after.some((word) => META_AFTER.has(word))) return 'meta';
  if (before.some((word) => META_BEFORE.has(word))) return 'meta';
  if (after.some((word) => HASH_WORDS.has(word)) || before.some((word) => HASH_WORDS.has(word))) return 'hash';
  if (before.some((word) => SERVICE_WORDS.has(word))) return 'service';
  return 'plain';
}

const isStorageClass = (value: NameClass | undefined): boolean => value === 'plain' || value === 'hash';
const isStorageKey = (name: string | undefined): boolean => name !== undefined && isStorageClass(passwordNameClass(name));

/** The hooks of a file that hash the password, worked out once per file and set of hash function names. */
const hooksByFile = new WeakMap<TSESTree.Program, Map<string, HashingHook[]>>();

export default createRule<Options, MessageIds>({
  name: 'no-plaintext-password',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow storing or comparing user passwords in plain text',
      // Strict preset only until a corpus of real backends confirms its precision (see the doc's Measured precision).
      recommended: false,
      standard: 'Passwords are never stored or compared in plain text',
      precision: 'medium',
      securitySeverity: 7.5,
    },
    messages: {
      plaintextStored:
        'The password `{{value}}` ({{origin}}) is stored unhashed by {{sink}}: it is kept in plain text. Hash it first (`await bcrypt.hash(password, 12)` or `argon2.hash(password)`) and store only the hash.',
      bodyStored:
        '`{{value}}` writes the request body, password included, unhashed to {{sink}}. Pick the fields to store and put a bcrypt or argon2 hash in place of the password.',
      plaintextCompared:
        '`{{expression}}` checks a password by comparing it in plain text with {{stored}}. Keep only a bcrypt or argon2 hash and check it with `bcrypt.compare` or `argon2.verify`, which also run in constant time.',
      plaintextLookup:
        '{{sink}} looks the account up by its plain-text password `{{value}}` ({{origin}}), so the password must be stored in plain text. Look the account up by email or username only, then check a bcrypt or argon2 hash with `bcrypt.compare` or `argon2.verify`.',
    },
    defaultOptions: [{ hashFunctions: [], userModels: [], hashingModels: [], ignoreTestFiles: true, testFilePatterns: [...DEFAULT_TEST_FILE_PATTERNS] }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          hashFunctions: nameList('Extra function names whose result is a password hash (in addition to names with hash, bcrypt, argon2, scrypt, pbkdf2, digest, encrypt).'),
          userModels: nameList('Extra model, table or repository names (matched as words) that hold user accounts, such as `subscriber`.'),
          hashingModels: nameList(
            'Models whose own hooks (Mongoose `pre("save")`, Sequelize `beforeCreate`, TypeORM `@BeforeInsert`) hash the password in a file the rule cannot follow: creating and saving them is not reported.',
          ),
          ignoreTestFiles: {
            type: 'boolean',
            description: 'Leave literal passwords alone in files that match `testFilePatterns` (tests and fixtures create accounts with known passwords on purpose). Passwords from requests are reported there too.',
          },
          testFilePatterns: nameList(
            'Globs of test files, matched against the path relative to the working directory (`**` any folders, `*` within a name). Replaces the defaults.',
          ),
        },
      },
    ],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const flow = flowOf(context);
    const hashFunctions = new Set(options.hashFunctions ?? []);
    const hashFunctionsKey = [...hashFunctions].sort().join(',');
    const userWords = new Set([...USER_WORDS, ...(options.userModels ?? []).flatMap((name) => splitWords(name))]);
    const configuredHooks: HashingHook[] = (options.hashingModels ?? []).map((name) => ({ model: modelWords(name), creates: true, updates: true }));
    // Tests write literal passwords on purpose (fixtures, seeds for a test database).
    const literalsCount = options.ignoreTestFiles === false || !isTestFile(context.filename, context.cwd, options.testFilePatterns ?? DEFAULT_TEST_FILE_PATTERNS);

    // Lookups, comparisons, SQL and assignments need a password name; a file without one can still store a whole body.
    const mentions = mentionsPassword(sourceCode.text);
    const stores: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
    const lookups: TSESTree.CallExpression[] = [];
    const sqlCalls: TSESTree.CallExpression[] = [];
    const comparisons: (TSESTree.BinaryExpression | TSESTree.CallExpression)[] = [];
    const assignments: TSESTree.AssignmentExpression[] = [];
    const reported = new Set<string>();
    /** Collections the code looks records up in by their password: they hold credentials whatever their name. */
    const credentialCollections = new Set<string>();

    // ---- hashing -------------------------------------------------------------------------------

    function isHashName(name: string | undefined): boolean {
      return name !== undefined && (hashFunctions.has(name) || splitWords(name).some((word) => HASH_FUNCTION_WORDS.has(word)));
    }

    /** A call whose name, or a receiver's, says it hashes: `bcrypt.hash`, `hashPassword`, `this.hashingService.make`. */
    function isHashCall(call: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression): boolean {
      if (call.type === AST_NODE_TYPES.TaggedTemplateExpression) return false;
      const { object, name } = calleeParts(call);
      if (isHashName(name)) return true;
      for (let current = object, steps = 0; current && steps < 6; steps++) {
        const inner = unwrap(current);
        if (isHashName(referenceName(inner))) return true;
        current = inner.type === AST_NODE_TYPES.MemberExpression ? inner.object : inner.type === AST_NODE_TYPES.CallExpression ? calleeParts(inner).object : undefined;
      }
      return false;
    }

    const isHashAtom = (atom: CallAtom): boolean => isHashName(atom.name) || isHashCall(atom.node);

    // ---- sources ---------------------------------------------------------------------------------

    /** The engine of the file an atom was made in. */
    function flowFor(atom: Atom): Flow | undefined {
      return atom.file === undefined ? flow : flow.project?.flowOf(atom.file);
    }

    /** The most recent password name a value was read through (`storedPassword = row.password` gives `storedPassword`). */
    function passwordNameOf(atom: Atom): string | undefined {
      const path = 'path' in atom && Array.isArray(atom.path) ? (atom.path as readonly string[]) : [];
      for (const name of [...atom.names].reverse()) if (passwordNameClass(name) !== undefined) return name;
      const last = path.at(-1);
      return last !== undefined && passwordNameClass(last) !== undefined ? last : undefined;
    }

    /** A validator's result is its input (`schema.parse(req.body)`, `schema.validate(body).value`). */
    const isValidator = (atom: CallAtom): boolean => atom.name !== undefined && VALIDATOR_FUNCTIONS.has(atom.name);

    /** A literal that is a password: not empty, not a mask (`'********'`), not a hash already. */
    function isLiteralPassword(atom: Atom): boolean {
      if (!literalsCount || atom.kind !== 'const' || typeof atom.value !== 'string') return false;
      const text = atom.value.trim();
      return text.length > 0 && !MASK.test(text) && !HEX_DIGEST.test(text) && !PASSWORD_HASH_PREFIXES.some((prefix) => text.startsWith(prefix));
    }

    /** The type annotation of the parameter a parameter atom (or a request atom of a NestJS `@Body()`) stands for. */
    function parameterType(atom: Atom): TSESTree.TypeNode | undefined {
      const param = atom.node.type === AST_NODE_TYPES.TSParameterProperty ? atom.node.parameter : atom.node;
      const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      return 'typeAnnotation' in target && target.typeAnnotation?.type === AST_NODE_TYPES.TSTypeAnnotation ? target.typeAnnotation.typeAnnotation : undefined;
    }

    /** A service parameter typed as a request DTO (`dto: CreateUserDto`): the client's input. */
    function isDtoParameter(atom: ParamAtom): boolean {
      const type = parameterType(atom);
      return type !== undefined && isDtoType(type);
    }

    /**
     * The plain passwords a value may be, none of them under a hash: request input, a literal,
     * what the callers of a helper pass it (in this file or in the files that import it). With
     * `named`, a helper's parameter named as a password counts by its name when no caller is found;
     * with `literals`, a literal counts (a seeded account).
     */
    function plainIn(value: Value, { named, literals }: { named: boolean; literals: boolean }, depth = 0): Plain[] {
      const found: Plain[] = [];
      for (const atom of atomsOf(value, { throughCalls: isValidator })) {
        if (atom.kind === 'request' && atom.part !== undefined) found.push({ kind: 'input', atom });
        else if (literals && isLiteralPassword(atom)) found.push({ kind: 'literal', atom });
        else if (atom.kind === 'param') {
          if (isDtoParameter(atom)) {
            found.push({ kind: 'input', atom });
            continue;
          }
          const passed = depth < MAX_CALLER_DEPTH ? flow.passedTo(atom) : [];
          if (passed.length > 0) found.push(...plainIn(passed, { named, literals }, depth + 1));
          else if (named && isStorageKey(passwordNameOf(atom))) found.push({ kind: 'parameter', atom });
        }
      }
      return found;
    }

    function origin(plain: Plain): string {
      const where = plain.atom.file === undefined ? '' : ` at \`${relative(context.cwd, plain.atom.file)}:${plain.atom.node.loc.start.line}\``;
      switch (plain.kind) {
        case 'input':
          return `from the request${where}`;
        case 'literal':
          return `a literal written in the code${where}`;
        case 'parameter': {
          const atom = plain.atom as ParamAtom;
          const name = functionName(atom.fn);
          return `the parameter \`${passwordNameOf(atom) ?? 'password'}\`${name === undefined ? '' : ` of \`${name}\``}${where}`;
        }
      }
    }

    /** Whether a value is a whole request body (or a copy of it, or a DTO) that still carries the password. */
    function carriesBody(atom: Atom): boolean {
      if (atom.omitted?.some((key) => isStorageKey(key))) return false;
      switch (atom.kind) {
        case 'request': {
          // `req.body`, `req.body.user`, an element of `req.body.users`.
          const keys = atom.path.filter((key) => key !== '[]');
          if (atom.part !== 'body' || keys.length > 1 || keys.some((key) => passwordNameClass(key) !== undefined)) return false;
          const type = requestDecorator(atom.node) === 'Body' ? parameterType(atom) : undefined;
          return type ? dtoCarries(type, true) : true;
        }
        case 'call':
          return isValidator(atom) && atom.inputs().some((input) => carriesBody(input)) && schemaMentionsPassword(atom);
        case 'param': {
          const type = atom.path.length === 0 ? parameterType(atom) : undefined;
          return type !== undefined && isDtoType(type) && dtoCarries(type, false);
        }
        default:
          return false;
      }
    }

    /** A schema the code defines (`z.object({ ... }).parse(body)`) that never mentions a password does not pass one on. */
    function schemaMentionsPassword(validation: CallAtom): boolean {
      const owner = flowFor(validation);
      const call = validation.node;
      if (!owner || call.type !== AST_NODE_TYPES.CallExpression) return true;
      const { object } = calleeParts(call);
      if (!object) return true;
      const schemas = owner.valueOf(object).filter((atom) => atom.kind === 'call' || atom.kind === 'object');
      return schemas.length === 0 || schemas.some((atom) => mentionsPassword((flowFor(atom) ?? owner).sourceCode.getText(atom.node)));
    }

    // ---- DTO types -------------------------------------------------------------------------------

    function isDtoType(type: TSESTree.TypeNode): boolean {
      const name = typeName(type);
      const words = name === undefined ? [] : splitWords(name);
      return words.length > 1 && DTO_WORDS.has(words.at(-1)!);
    }

    /** Whether a DTO type carries a password: its same-file declaration says so, or else its name does. */
    function dtoCarries(type: TSESTree.TypeNode, fallback: boolean): boolean {
      if (type.type === AST_NODE_TYPES.TSTypeLiteral) return type.members.some((member) => member.type === AST_NODE_TYPES.TSPropertySignature && passwordNameClass(staticName(member.key) ?? '') === 'plain');
      const name = typeName(type);
      if (name === undefined) return fallback;
      for (const statement of sourceCode.ast.body) {
        const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
        if (!declaration) continue;
        if (declaration.type === AST_NODE_TYPES.ClassDeclaration && declaration.id?.name === name) {
          return declaration.body.body.some((member) => member.type === AST_NODE_TYPES.PropertyDefinition && passwordNameClass(keyName(member) ?? '') === 'plain');
        }
        if (declaration.type === AST_NODE_TYPES.TSInterfaceDeclaration && declaration.id.name === name) {
          return declaration.body.body.some((member) => member.type === AST_NODE_TYPES.TSPropertySignature && passwordNameClass(staticName(member.key) ?? '') === 'plain');
        }
      }
      return splitWords(name).some((word) => CREATING_DTO_WORDS.has(word)) || fallback;
    }

    // ---- user records ----------------------------------------------------------------------------

    function modelWords(name: string): ReadonlySet<string> {
      return new Set(splitWords(name).filter((word) => word !== 'schema' && word !== 'model').map(singular));
    }

    function addWords(words: Set<string>, name: string | undefined): void {
      if (name === undefined) return;
      for (const word of modelNameWords(name)) words.add(word);
    }

    /** Names of what a local holds, as the engine sees it: `db.collection('users')`, `knex('users')`, a model another file exports. */
    function addValueWords(words: Set<string>, identifier: TSESTree.Identifier): void {
      for (const atom of flow.valueOf(identifier).slice(0, 8)) {
        // A call's result (`db.collection('users')`), not an instance of a class (`new UsersService()`, whose methods are the project's own code).
        if (atom.kind === 'call' && atom.node.type === AST_NODE_TYPES.CallExpression) {
          addWords(words, atom.name);
          for (const input of atom.inputs()) if (input.kind === 'const' && typeof input.value === 'string') addWords(words, input.value);
        } else if (atom.kind === 'record') addWords(words, atom.model);
        else if (atom.kind === 'module') addWords(words, atom.path.split('.').at(-1));
      }
    }

    /** Names along a write's receiver: `prisma.user`, `knex('users')`, `this.usersRepository`, `Repository<User>`, a local's value. */
    function targetOf(receiver: TSESTree.Node | undefined, { values = true } = {}): Target {
      const words = new Set<string>();
      let otherModel = false;
      let name: string | undefined;
      let local: TSESTree.Identifier | undefined;
      let current = receiver;
      for (let steps = 0; current && steps < 12; steps++) {
        const node: TSESTree.Node = unwrap(current);
        if (node.type === AST_NODE_TYPES.Identifier) {
          name ??= node.name;
          addWords(words, node.name);
          const definition = findVariable(sourceCode, node)?.defs[0];
          const type = definition?.name.type === AST_NODE_TYPES.Identifier ? definition.name.typeAnnotation?.typeAnnotation : undefined;
          if (type) otherModel ||= addTypeWords(words, type);
          if (definition?.type === 'Variable') local = node;
          break;
        }
        if (node.type === AST_NODE_TYPES.MemberExpression) {
          name ??= memberName(node);
          addWords(words, memberName(node));
          if (node.object.type === AST_NODE_TYPES.ThisExpression) {
            otherModel ||= addThisMemberWords(words, node);
            break;
          }
          current = node.object;
          continue;
        }
        if (node.type === AST_NODE_TYPES.CallExpression) {
          for (const argument of node.arguments) {
            const inner = unwrap(argument);
            if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string') {
              name ??= inner.value;
              addWords(words, inner.value);
            } else if (inner.type === AST_NODE_TYPES.Identifier) addWords(words, inner.name);
            else if (inner.type === AST_NODE_TYPES.MemberExpression) addWords(words, referenceName(inner.object));
          }
          const { object, callee } = calleeParts(node);
          current = object ?? callee;
          continue;
        }
        break;
      }
      // The names are not enough (`const col = db.collection('users')`): what the engine says the local holds.
      if (local && values && !isUserish(words)) addValueWords(words, local);
      return { words, otherModel, name: name === undefined ? undefined : singular(name.toLowerCase()) };
    }

    /** Words of a type's arguments (`Repository<User>`, `Model<UserDocument>`); whether it names a model. */
    function addTypeWords(words: Set<string>, type: TSESTree.TypeNode): boolean {
      if (type.type !== AST_NODE_TYPES.TSTypeReference || !type.typeArguments) return false;
      let named = false;
      for (const argument of type.typeArguments.params) {
        const name = typeName(argument);
        if (name === undefined) continue;
        addWords(words, name);
        named = true;
      }
      return named && !isUserish(new Set(modelNameWords(typeName(type.typeArguments.params[0]!) ?? '')));
    }

    /** `this.repo`: the class field or constructor parameter, its type arguments and `@InjectRepository(User)`. */
    function addThisMemberWords(words: Set<string>, member: TSESTree.MemberExpression): boolean {
      const name = memberName(member);
      const body = enclosingClass(member);
      if (!body || name === undefined) return false;
      const candidates: TSESTree.Node[] = [];
      for (const element of body.body) {
        if (element.type === AST_NODE_TYPES.PropertyDefinition && keyName(element) === name) candidates.push(element);
        if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
          for (const param of element.value.params) {
            if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
            const inner = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
            if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) candidates.push(param);
          }
        }
      }
      let other = false;
      for (const candidate of candidates) {
        const typed = candidate.type === AST_NODE_TYPES.PropertyDefinition ? candidate.typeAnnotation : candidate.type === AST_NODE_TYPES.TSParameterProperty ? (candidate.parameter as TSESTree.Identifier).typeAnnotation : undefined;
        if (typed) other ||= addTypeWords(words, typed.typeAnnotation);
        const decorators = 'decorators' in candidate ? (candidate.decorators as TSESTree.Decorator[]) : [];
        for (const decorator of decorators) {
          const expression = decorator.expression;
          if (expression.type !== AST_NODE_TYPES.CallExpression) continue;
          const model = decoratorModel(expression.arguments[0]);
          if (model === undefined) continue;
          addWords(words, model);
          other ||= !isUserish(new Set(modelNameWords(model)));
        }
      }
      return other;
    }

    function isUserish(words: ReadonlySet<string>): boolean {
      for (const word of words) if (userWords.has(word) || userWords.has(`${word}s`)) return true;
      return false;
    }

    /** Whether a write goes to user records: by its receiver's names, a collection looked up by password, or else the enclosing class (`UsersService`). */
    function isUserTarget(target: Target, at: TSESTree.Node): boolean {
      if (isUserish(target.words)) return true;
      if (target.name !== undefined && credentialCollections.has(target.name)) return true;
      if (target.otherModel) return false;
      const body = enclosingClass(at);
      const declaration = body?.parent;
      const className = declaration && 'id' in declaration && declaration.id ? declaration.id.name : undefined;
      if (className === undefined) return false;
      const words = modelNameWords(className);
      return isUserish(new Set(words)) || words.some((word) => USER_CLASS_WORDS.has(word));
    }

    // ---- hooks that hash -------------------------------------------------------------------------

    /**
     * The hooks of a file that hash the password before a write: Mongoose `schema.pre('save')`,
     * Sequelize `beforeCreate`, TypeORM `@BeforeInsert()`, Bookshelf `onSaving`.
     */
    function hooksOf(file: Flow): HashingHook[] {
      const code = file.sourceCode;
      let byNames = hooksByFile.get(code.ast);
      if (!byNames) {
        byNames = new Map();
        hooksByFile.set(code.ast, byNames);
      }
      let hooks = byNames.get(hashFunctionsKey);
      if (!hooks) {
        hooks = findHooks(file);
        byNames.set(hashFunctionsKey, hooks);
      }
      return hooks;
    }

    function findHooks(file: Flow): HashingHook[] {
      const code = file.sourceCode;
      const hooks: HashingHook[] = [];
      if (!mentionsPassword(code.text)) return hooks;
      const add = (fn: TSESTree.Node | undefined, model: ReadonlySet<string>, event: string) => {
        const kinds = hookKinds(event);
        if (fn && isFunction(fn) && (kinds.creates || kinds.updates) && hashesPassword(fn, file)) hooks.push({ model, ...kinds });
      };
      const stack: TSESTree.Node[] = [code.ast];
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (node.type === AST_NODE_TYPES.CallExpression) {
          const { object, name } = calleeParts(node);
          if (name !== undefined && HOOK_CALLS.has(name)) {
            const event = name === 'pre' || name === 'addHook' || name === 'hook' ? (staticName(node.arguments[0]) ?? '') : name;
            add(
              node.arguments.find((argument) => isFunction(argument)),
              object ? modelWords(referenceName(object) ?? '') : new Set(),
              event,
            );
          }
        } else if (node.type === AST_NODE_TYPES.Property) {
          const key = staticName(node.key, node.computed);
          if (key !== undefined && HOOK_KEYS.has(key)) add(node.value, new Set(), key);
          const setter = setterHook(node, code);
          if (setter) hooks.push(setter);
        } else if (node.type === AST_NODE_TYPES.MethodDefinition) {
          const setter = setterHook(node, code);
          if (setter) hooks.push(setter);
          const key = staticName(node.key, node.computed);
          const decorators = node.decorators.map((decorator) => referenceName(decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.callee : decorator.expression));
          const hook = decorators.find((name) => name !== undefined && HOOK_DECORATORS.has(name)) ?? (key !== undefined && HOOK_KEYS.has(key) ? key : undefined);
          const declaration = node.parent.parent;
          if (hook !== undefined) add(node.value, 'id' in declaration && declaration.id ? modelWords(declaration.id.name) : new Set(), hook);
        }
        pushChildren(stack, node, code.visitorKeys);
      }
      return hooks;
    }

    /**
     * A setter of the password field that hashes what it is given: `set password(value)` of a class,
     * the `set` of a Mongoose schema path or of a Sequelize attribute (`password: { set(value) {
     * this.setDataValue('password', hash(value)) } }`, `set: hashPassword`). Mongoose runs path
     * setters on updates too, and Sequelize's `update` builds through them, so it covers both.
     */
    function setterHook(node: TSESTree.Property | TSESTree.MethodDefinition, code: TSESLint.SourceCode): HashingHook | undefined {
      let field: string | undefined;
      let model: string | undefined;
      if (node.kind === 'set') {
        field = staticName(node.key, node.computed);
        const owner = node.parent.type === AST_NODE_TYPES.ClassBody ? node.parent.parent : undefined;
        model = owner && 'id' in owner && owner.id ? owner.id.name : undefined;
      } else if (node.type === AST_NODE_TYPES.Property && staticName(node.key, node.computed) === 'set' && node.parent.parent?.type === AST_NODE_TYPES.Property) {
        field = staticName(node.parent.parent.key, node.parent.parent.computed);
        model = definedModel(node.parent.parent.parent);
      }
      if (field === undefined || passwordNameClass(field) !== 'plain') return undefined;
      const fn = node.value;
      const hashes =
        fn.type === AST_NODE_TYPES.Identifier ? isHashName(fn.name) : isFunction(fn) && containsNode(fn.body, code, (inner) => inner.type === AST_NODE_TYPES.CallExpression && isHashCall(inner));
      return hashes ? { model: model !== undefined ? modelWords(model) : new Set(), creates: true, updates: true, setter: true } : undefined;
    }

    /** Whether a function's body hashes the password (a hashing call, and the word password in it). */
    function hashesPassword(fn: FunctionNode, file: Flow): boolean {
      return mentionsPassword(file.sourceCode.getText(fn.body)) && file.callsIn(fn).some(isHashCall);
    }

    /** The files of the model a write goes through, as the engine resolves it: `User` required from `../models/users`. */
    function modelFiles(receiver: TSESTree.Node | undefined, depth = 0): string[] {
      let root = receiver && unwrap(receiver);
      while (root?.type === AST_NODE_TYPES.MemberExpression && root.object.type !== AST_NODE_TYPES.ThisExpression) root = unwrap(root.object);
      if (!root || root.type === AST_NODE_TYPES.ThisExpression) return [];
      const files = new Set<string>();
      for (const atom of flow.valueOf(root)) {
        if (atom.file !== undefined) files.add(atom.file);
        // A record read here (`const user = await User.findById(id)`): its model's file.
        if (atom.kind === 'record' && atom.file === undefined && atom.node.type === AST_NODE_TYPES.CallExpression && depth < 2) {
          for (const file of modelFiles(calleeParts(atom.node).object, depth + 1)) files.add(file);
        }
      }
      return [...files];
    }

    /** Whether the model's own hooks (in this file, in its model file, or configured) hash the password for this kind of write. */
    function hashedByHook(target: Target, kind: 'create' | 'update', receiver: TSESTree.Node | undefined, skipsSetters = false): boolean {
      const covers = (hook: HashingHook) =>
        (kind === 'create' ? hook.creates : hook.updates) && !(skipsSetters && hook.setter) && (hook.model.size === 0 || [...hook.model].every((word) => target.words.has(word)));
      if (configuredHooks.some(covers) || hooksOf(flow).some(covers)) return true;
      return modelFiles(receiver).some((file) => {
        const other = flow.project?.flowOf(file);
        return other !== undefined && hooksOf(other).some(covers);
      });
    }

    // ---- reports ---------------------------------------------------------------------------------

    function report(node: TSESTree.Node, messageId: MessageIds, data: Record<string, string>): void {
      const key = `${node.range[0]}:${node.range[1]}:${messageId}`;
      if (reported.has(key)) return;
      reported.add(key);
      context.report({ node, messageId, data });
    }

    function sinkLabel(call: TSESTree.CallExpression | TSESTree.NewExpression): string {
      const text = shortSource(sourceCode, call.callee).replace(/\s+/gu, '');
      return call.type === AST_NODE_TYPES.NewExpression ? `\`new ${text}()\`` : `\`${text}\``;
    }

    /** The property of an object literal inside the sink's argument that an atom was built from, to report on it. */
    function propertyIn(atom: ObjectAtom, key: string, within: TSESTree.Node): TSESTree.Property | undefined {
      if (atom.file !== undefined || atom.node.type !== AST_NODE_TYPES.ObjectExpression || !contains(within, atom.node)) return undefined;
      return atom.node.properties.find((entry): entry is TSESTree.Property => entry.type === AST_NODE_TYPES.Property && keyName(entry) === key);
    }

    /** The record arguments of a store call: `create(record)`, `updateOne(filter, update)`, `update(values, { where })`. */
    function recordArguments(call: TSESTree.CallExpression | TSESTree.NewExpression, method: string): TSESTree.Node[] {
      const args = call.arguments.filter((argument): argument is TSESTree.Expression => argument.type !== AST_NODE_TYPES.SpreadElement);
      if (FILTER_THEN_UPDATE.has(method)) return args.slice(1, 2);
      if (method === 'update' && args.length >= 2) {
        const isOptions = flow.valueOf(args[1]!).some((atom) => atom.kind === 'object' && atom.properties.has('where'));
        return isOptions ? args.slice(0, 1) : args.slice(1, 2);
      }
      return args.slice(0, 1);
    }

    /** The plain passwords and whole bodies in the records a sink writes, as reports. */
    function inspectRecord(value: Value, sink: Sink, found: Finding[], depth = 0): void {
      if (depth > MAX_RECORD_DEPTH) return;
      for (const atom of value) {
        if (atom.kind === 'array') inspectRecord(atom.elements, sink, found, depth + 1);
        else if (atom.kind === 'object') inspectObject(atom, sink, found, depth);
        else if (sink.creates && carriesBody(atom)) found.push({ node: sink.argument, messageId: 'bodyStored', data: { value: shortSource(sourceCode, sink.argument), sink: sink.label } });
      }
    }

    function inspectObject(atom: ObjectAtom, sink: Sink, found: Finding[], depth: number): void {
      let passwordKey = false;
      for (const [key, part] of atom.properties) {
        if (RECORD_KEYS.has(key)) {
          inspectRecord(part, sink, found, depth + 1);
          continue;
        }
        if (!isStorageKey(key)) continue;
        passwordKey = true;
        const entry = propertyIn(atom, key, sink.argument);
        for (const plain of plainIn(part, { named: false, literals: true })) {
          const value = entry ? entry.value : sink.argument;
          found.push({ node: entry ?? sink.argument, messageId: 'plaintextStored', data: { value: shortSource(sourceCode, value), origin: origin(plain), sink: `${sink.label} (field \`${key}\`)` } });
        }
      }
      for (const spread of spreadsOf(atom, sink, passwordKey)) {
        for (const inner of spread.value) {
          if (inner.kind === 'object') inspectObject(inner, sink, found, depth + 1);
          else if (sink.creates && carriesBody(inner)) found.push({ node: spread.node, messageId: 'bodyStored', data: { value: shortSource(sourceCode, spread.node), sink: sink.label } });
        }
      }
    }

    /** The spreads of an object that a later password key does not override (`{ ...req.body, password: hash }` is safe). */
    function spreadsOf(atom: ObjectAtom, sink: Sink, passwordKey: boolean): { value: Value; node: TSESTree.Node }[] {
      if (atom.file !== undefined || atom.node.type !== AST_NODE_TYPES.ObjectExpression || !contains(sink.argument, atom.node)) {
        return passwordKey || atom.rest.length === 0 ? [] : [{ value: atom.rest, node: sink.argument }];
      }
      const spreads: { value: Value; node: TSESTree.Node }[] = [];
      for (const entry of atom.node.properties) {
        if (entry.type === AST_NODE_TYPES.SpreadElement) spreads.push({ value: flow.valueOf(entry.argument), node: entry });
        else if (isStorageKey(keyName(entry))) spreads.length = 0;
      }
      return spreads;
    }

    function checkStore(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const method = call.type === AST_NODE_TYPES.NewExpression ? 'create' : calleeParts(call).name;
      if (method === undefined) return;
      const receiver = call.type === AST_NODE_TYPES.NewExpression ? call.callee : calleeParts(call).object;
      // In a file that never names a password, only a whole body can carry one, and only to a model named as a user's.
      const target = targetOf(receiver, { values: mentions });
      if (!isUserTarget(target, call)) return;
      const found: Finding[] = [];
      const field = fieldSet(call, method);
      if (field) inspectField(field, sinkLabel(call), found);
      else {
        for (const argument of recordArguments(call, method)) {
          inspectRecord(flow.valueOf(argument), { call, label: sinkLabel(call), argument, creates: CREATE_METHODS.has(method) }, found);
        }
      }
      // A field set on a document is written by its `save()`, which runs the document's hooks.
      const updates = !field && (FILTER_THEN_UPDATE.has(method) || method === 'update' || method === 'set' || method === 'patch');
      if (found.length === 0 || hashedByHook(target, updates ? 'update' : 'create', receiver, method === 'setDataValue') || hashedInside(call)) return;
      for (const finding of found) report(finding.node, finding.messageId, finding.data);
    }

    /**
     * A call of the project's own code that hashes the password on the way: `this.usersService.create(dto)`
     * whose `create` calls bcrypt, or hands the input to a base class's method or a helper that does.
     */
    function hashedInside(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      return flow.runsCode(call, hashesPassword);
    }

    /** `doc.set('password', value)`, `instance.setDataValue('password', value)`: the field named by a constant, and its value. */
    function fieldSet(call: TSESTree.CallExpression | TSESTree.NewExpression, method: string): { key: string; value: TSESTree.Node } | undefined {
      const [name, value] = call.arguments;
      if (!FIELD_VALUE_SETTERS.has(method) || !name || !value || value.type === AST_NODE_TYPES.SpreadElement) return undefined;
      const key = constantText(flow.valueOf(name));
      return key !== undefined ? { key, value } : undefined;
    }

    function inspectField(field: { key: string; value: TSESTree.Node }, label: string, found: Finding[]): void {
      if (!isStorageKey(field.key)) return;
      for (const plain of plainIn(flow.valueOf(field.value), { named: false, literals: true })) {
        found.push({ node: field.value, messageId: 'plaintextStored', data: { value: shortSource(sourceCode, field.value), origin: origin(plain), sink: `${label} (field \`${field.key}\`)` } });
      }
    }

    function checkAssignment(node: TSESTree.AssignmentExpression): void {
      const left = node.left as TSESTree.MemberExpression;
      const object = unwrap(left.object);
      const words = new Set<string>();
      addWords(words, object.type === AST_NODE_TYPES.ThisExpression ? undefined : referenceName(object));
      const target: Target = { words, otherModel: object.type !== AST_NODE_TYPES.ThisExpression && words.size > 0 && !isUserish(words), name: undefined };
      if (!isUserTarget(target, node)) return;
      const [plain] = plainIn(flow.valueOf(node.right), { named: false, literals: false });
      if (!plain || hashedByHook(target, 'create', object)) return;
      report(node, 'plaintextStored', { value: shortSource(sourceCode, node.right), origin: origin(plain), sink: `the assignment to \`${shortSource(sourceCode, left)}\`` });
    }

    // ---- lookups ---------------------------------------------------------------------------------

    /**
     * A lookup by password proves the password is stored as typed: on a user model, any plain value
     * under a password key; on any other collection, a value that is itself a password.
     */
    function lookupPlains(value: Value, user: boolean): Plain[] {
      return plainIn(value, { named: true, literals: true }).filter((plain) => user || plain.kind === 'parameter' || isStorageKey(passwordNameOf(plain.atom)));
    }

    function checkLookup(call: TSESTree.CallExpression): void {
      const { object } = calleeParts(call);
      const [argument] = call.arguments;
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return;
      const target = targetOf(object);
      const user = isUserTarget(target, call);
      const pending: Value[] = [flow.valueOf(argument)];
      let found = false;
      for (let steps = 0; pending.length > 0 && steps < 12; steps++) {
        for (const atom of pending.shift()!) {
          if (atom.kind === 'array') pending.push(atom.elements);
          if (atom.kind !== 'object') continue;
          for (const [key, part] of atom.properties) {
            if (FILTER_KEYS.has(key) || key === '$and' || key === '$or') pending.push(part);
            else if (key === '$where') found = checkWhereText(call, part, argument, user) || found;
            else if (isStorageKey(key)) {
              const entry = propertyIn(atom, key, argument);
              for (const plain of lookupPlains(part, user)) {
                found = true;
                report(entry ?? argument, 'plaintextLookup', { value: shortSource(sourceCode, entry ? entry.value : argument), origin: origin(plain), sink: sinkLabel(call) });
              }
            }
          }
        }
      }
      if (found && target.name !== undefined) credentialCollections.add(target.name);
    }

    /** MongoDB `$where: "this.password == '" + password + "'"`: the stored password compared in JavaScript text. */
    function checkWhereText(call: TSESTree.CallExpression, value: Value, argument: TSESTree.Node, user: boolean): boolean {
      let found = false;
      for (const built of flow.textsOf(value, argument)) {
        for (const match of built.text.matchAll(WHERE_COMPARISON)) {
          const column = match[1] ?? match[4];
          const hole = built.holes[Number(match[2] ?? match[3])];
          if (!hole || !isStorageKey(column)) continue;
          for (const plain of lookupPlains(hole.value, user)) {
            found = true;
            const at = contains(call, hole.node) ? hole.node : argument;
            report(at, 'plaintextLookup', { value: shortSource(sourceCode, hole.node), origin: origin(plain), sink: `${sinkLabel(call)} with \`$where\` comparing \`this.${column}\`` });
          }
        }
      }
      return found;
    }

    /** drizzle: `eq(users.password, password)`. */
    function checkDrizzleComparison(call: TSESTree.CallExpression): void {
      const [column, value] = call.arguments;
      if (!column || !value || column.type !== AST_NODE_TYPES.MemberExpression || !isStorageKey(memberName(column))) return;
      if (flow.modules.resolve(call.callee)?.module !== 'drizzle-orm') return;
      const user = isUserTarget(targetOf(column.object), call);
      for (const plain of lookupPlains(flow.valueOf(value), user)) {
        report(value, 'plaintextLookup', { value: shortSource(sourceCode, value), origin: origin(plain), sink: `\`${shortSource(sourceCode, call)}\`` });
      }
    }

    // ---- raw SQL -----------------------------------------------------------------------------------

    function checkSql(call: TSESTree.CallExpression): void {
      const [text, values] = call.arguments;
      if (!text || text.type === AST_NODE_TYPES.SpreadElement || isFunction(text)) return;
      const inner = unwrap(text);
      if (inner.type === AST_NODE_TYPES.Literal && (typeof inner.value !== 'string' || !mentionsPassword(inner.value))) return;
      // Cheap before the engine: SQL written in the call, or a query this file builds in a local (`const q = "..." + password`).
      const built = inner.type === AST_NODE_TYPES.TemplateLiteral || (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === '+');
      if (!built && inner.type !== AST_NODE_TYPES.Literal && !(inner.type === AST_NODE_TYPES.Identifier && findVariable(sourceCode, inner)?.defs[0]?.type === 'Variable')) return;
      const list = values && unwrap(values);
      const array = list?.type === AST_NODE_TYPES.ArrayExpression ? list : undefined;
      for (const built of flow.textsOf(flow.valueOf(text), text)) {
        if (!mentionsPassword(built.text)) continue;
        for (const binding of passwordBindings(built.text)) {
          const element = binding.index !== undefined ? array?.elements[binding.index] : undefined;
          const hole = binding.expression !== undefined ? built.holes[binding.expression] : element && element.type !== AST_NODE_TYPES.SpreadElement ? { value: flow.valueOf(element), node: element } : undefined;
          if (!hole || !isUserish(new Set(modelNameWords(binding.table)))) continue;
          const sink = `the SQL \`${binding.statement} ${binding.table}\` (column \`${binding.column}\`)`;
          // A query built elsewhere (`const q = "..." + password`) is reported at the query call.
          const at = contains(call, hole.node) ? hole.node : text;
          const shown = shortSource(sourceCode, hole.node);
          for (const plain of plainIn(hole.value, { named: binding.kind === 'where', literals: true })) {
            if (binding.kind === 'where') report(at, 'plaintextLookup', { value: shown, origin: origin(plain), sink: `\`${shortSource(sourceCode, call.callee)}\` with ${sink}` });
            else report(at, 'plaintextStored', { value: shown, origin: origin(plain), sink });
          }
        }
      }
    }

    // ---- comparisons ----------------------------------------------------------------------------------

    /** What one atom of a compared value is, by the names it was read through and where it comes from. */
    function atomSide(atom: Atom): Side[] {
      if (atom.kind === 'call' && isHashAtom(atom)) return [];
      const name = passwordNameOf(atom);
      const nameClass = name === undefined ? undefined : passwordNameClass(name);
      if (nameClass === 'confirm') return ['confirm'];
      if (!isStorageClass(nameClass) || name === undefined) return [];
      const configured = /^[A-Z][A-Z0-9_]*$/u.test(name) || atom.names.some((part) => part === 'process' || splitWords(part).some((word) => CONFIG_WORDS.has(word)));
      const stored = splitWords(name).some((word) => STORED_WORDS.has(word));
      switch (atom.kind) {
        case 'request':
        case 'text':
          return ['given'];
        case 'param': {
          if (configured) return ['config'];
          if (isDtoParameter(atom)) return ['given'];
          // A helper's parameter is what its callers pass: `matches(user, req.body.password)`.
          const callers = flow.passedTo(atom).flatMap(sourceSide);
          if (callers.length > 0) return callers;
          // `user.password` of a parameter is a field of a record handed in; a parameter itself is the password given.
          return stored || atom.path.length > 0 ? ['stored'] : ['given'];
        }
        case 'record':
        case 'call':
          return ['stored'];
        case 'env':
        case 'module':
        case 'const':
          return ['config'];
        case 'unknown':
          // `this.password`, `user.password` of an object the engine cannot see: a stored field.
          if (configured) return ['config'];
          return [atom.node.type === AST_NODE_TYPES.MemberExpression || stored ? 'stored' : 'given'];
        default:
          return [];
      }
    }

    /** What a caller's argument is, by where it comes from (its name is the parameter's). */
    function sourceSide(atom: Atom): Side[] {
      switch (atom.kind) {
        case 'request':
          return ['given'];
        case 'record':
          return ['stored'];
        case 'env':
        case 'module':
          return ['config'];
        case 'call':
          return isHashAtom(atom) ? [] : ['stored'];
        default:
          return [];
      }
    }

    /**
     * What a compared value may be, inside texts too (`String(user.password)`); undefined when it may
     * be a form's confirmation field (a form check, not a login).
     */
    function sidesOf(node: TSESTree.Node): Set<Side> | undefined {
      const sides = new Set<Side>();
      for (const atom of atomsOf(flow.valueOf(node))) {
        const found = atomSide(atom);
        if (found.includes('confirm')) return undefined;
        for (const side of found) sides.add(side);
      }
      return sides;
    }

    /** A schema validator (`validate: { validator(value) { return value === this.password } }`) checks a form, not a login. */
    function inValidator(node: TSESTree.Node): boolean {
      const fn = enclosingFunction(node);
      const parent = fn?.parent;
      const key = parent && (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.MethodDefinition) ? staticName(parent.key, parent.computed) : undefined;
      return key === 'validator' || key === 'validate';
    }

    function describeStored(node: TSESTree.Node, side: Side): string {
      const inner = unwrap(node);
      // `Buffer.from(user.passwordHash)`: the field, not the conversion.
      const shown = inner.type === AST_NODE_TYPES.CallExpression && calleeParts(inner).name === 'from' && inner.arguments[0] ? inner.arguments[0] : inner;
      const text = shortSource(sourceCode, shown);
      return side === 'config' ? `the configured secret \`${text}\`` : `the stored password \`${text}\``;
    }

    function checkComparison(node: TSESTree.BinaryExpression | TSESTree.CallExpression): void {
      if (inValidator(node)) return;
      let left: TSESTree.Node | undefined;
      let right: TSESTree.Node | undefined;
      let recordOnly = false;
      if (node.type === AST_NODE_TYPES.BinaryExpression) {
        left = node.left;
        right = node.right;
      } else {
        const { object, name } = calleeParts(node);
        if (name === 'localeCompare') {
          left = object;
          right = node.arguments[0];
        } else {
          // timingSafeEqual of a configured secret is the right way; of a user's stored password it proves plain storage.
          const origin = flow.modules.resolve(node.callee);
          if (origin?.module !== 'crypto' && origin?.module !== 'node:crypto') return;
          left = node.arguments[0];
          right = node.arguments[1];
          recordOnly = true;
        }
      }
      if (!left || !right || left.type === AST_NODE_TYPES.PrivateIdentifier) return;
      const a = sidesOf(left);
      const b = a && a.size > 0 ? sidesOf(right) : undefined;
      if (!a || !b) return;
      const stored = (sides: Set<Side>) => sides.has('stored') || (!recordOnly && sides.has('config'));
      const storedSide = stored(a) && b.has('given') ? left : stored(b) && a.has('given') ? right : undefined;
      if (!storedSide) return;
      const sides = storedSide === left ? a : b;
      report(node, 'plaintextCompared', { expression: shortSource(sourceCode, node), stored: describeStored(storedSide, sides.has('stored') ? 'stored' : 'config') });
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    function functionName(fn: FunctionNode): string | undefined {
      if (fn.id) return fn.id.name;
      const parent = fn.parent;
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
      if (parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.MethodDefinition) return keyName(parent);
      return undefined;
    }

    return {
      CallExpression(node) {
        const { object, name } = calleeParts(node);
        if (name === undefined) return;
        if (object && STORE_METHODS.has(name) && node.arguments.length > 0) stores.push(node);
        if (!mentions) return;
        if (LOOKUP_METHODS.has(name) && node.arguments.length > 0) lookups.push(node);
        if (name === 'localeCompare' || name === 'timingSafeEqual') comparisons.push(node);
        if (!object && DRIZZLE_COMPARISONS.has(name) && node.arguments.length === 2) lookups.push(node);
        if (object && SQL_METHODS.has(name) && node.arguments.length > 0) sqlCalls.push(node);
      },
      NewExpression(node) {
        const name = referenceName(node.callee);
        const isModel = name !== undefined && (/^[A-Z]/u.test(name) || name.endsWith('Model'));
        if (isModel && node.arguments.length > 0 && isUserish(new Set(modelNameWords(name)))) stores.push(node);
      },
      BinaryExpression(node) {
        if (!mentions || (node.operator !== '===' && node.operator !== '==' && node.operator !== '!==' && node.operator !== '!=')) return;
        if (node.left.type === AST_NODE_TYPES.Literal || node.right.type === AST_NODE_TYPES.Literal) return;
        // Cheap before the engine: a side named as a password (`storedPassword !== typed`), or two sides without names (`Buffer.from(...)`).
        const name = (side: TSESTree.Node) => referenceName(side);
        const named = (side: TSESTree.Node) => passwordNameClass(name(side) ?? '') !== undefined;
        if (named(node.left) || named(node.right) || (name(node.left) === undefined && name(node.right) === undefined)) comparisons.push(node);
      },
      AssignmentExpression(node) {
        if (!mentions || node.operator !== '=' || node.left.type !== AST_NODE_TYPES.MemberExpression || !isStorageKey(memberName(node.left))) return;
        assignments.push(node);
      },
      'Program:exit'() {
        // Lookups first: a collection looked up by password holds credentials, so writes to it count.
        for (const call of lookups) {
          if (calleeParts(call).object) checkLookup(call);
          else checkDrizzleComparison(call);
        }
        for (const call of stores) checkStore(call);
        for (const assignment of assignments) checkAssignment(assignment);
        for (const call of sqlCalls) checkSql(call);
        for (const comparison of comparisons) checkComparison(comparison);
      },
    };
  },
});

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

function typeName(type: TSESTree.TypeNode): string | undefined {
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  let name: TSESTree.EntityName = type.typeName;
  while (name.type === AST_NODE_TYPES.TSQualifiedName) name = name.right;
  return name.type === AST_NODE_TYPES.Identifier ? name.name : undefined;
}

/** Whether a node (within its first 400 nodes) holds one that `test` accepts. */
function containsNode(root: TSESTree.Node, code: TSESLint.SourceCode, test: (node: TSESTree.Node) => boolean): boolean {
  const pending: TSESTree.Node[] = [root];
  for (let visited = 0; pending.length > 0 && visited < 400; visited++) {
    const node = pending.pop()!;
    if (test(node)) return true;
    pushChildren(pending, node, code.visitorKeys);
  }
  return false;
}

/**
 * The model an object of field definitions defines: `const MemberSchema = new Schema({...})`,
 * `Customer.init({...})`, `sequelize.define('customer', {...})`.
 */
function definedModel(fields: TSESTree.Node | undefined): string | undefined {
  const call = fields?.parent;
  if (!call || (call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression)) return undefined;
  if (call.type === AST_NODE_TYPES.NewExpression) return call.parent.type === AST_NODE_TYPES.VariableDeclarator && call.parent.id.type === AST_NODE_TYPES.Identifier ? call.parent.id.name : undefined;
  const { object, name } = calleeParts(call);
  if (name === 'define') return staticName(call.arguments[0]);
  return name === 'init' && object ? referenceName(object) : undefined;
}

/**
 * What a hook covers. Document hooks (`save`, `beforeCreate`, `@BeforeInsert`) run when a record
 * is created or saved; only query hooks (`findOneAndUpdate`, `beforeBulkUpdate`) run for updates
 * by query, which otherwise skip them.
 */
function hookKinds(name: string): { creates: boolean; updates: boolean } {
  const lower = name.toLowerCase();
  const updates = ['findoneandupdate', 'updateone', 'updatemany', 'bulkupdate'].some((event) => lower.includes(event));
  const creates = !updates && ['create', 'save', 'insert', 'validate', 'upsert', 'creating', 'saving', 'updating', 'beforeupdate'].some((event) => lower.includes(event));
  return { creates, updates };
}

/** The model a decorator names: `@InjectRepository(User)`, `@InjectModel(User.name)`, `@InjectModel('User')`. */
function decoratorModel(argument: TSESTree.Node | undefined): string | undefined {
  if (!argument) return undefined;
  const inner = unwrap(argument);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression) return referenceName(inner.object);
  if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string') return inner.value;
  return undefined;
}

/**
 * The words of a model or table name, singular; a user word qualified by another system
 * (`MailAccount`, `bank_accounts`, `ServiceAccount`) is not a user account.
 */
function modelNameWords(name: string): string[] {
  const words = splitWords(name).map(singular);
  return words.filter((word, index) => index === 0 || !USER_WORDS.has(word) || !(SERVICE_WORDS.has(words[index - 1]!) || FOREIGN_ACCOUNT_WORDS.has(words[index - 1]!)));
}

function withoutTrailingDigits(word: string): string {
  let end = word.length;
  while (end > 0 && word.charCodeAt(end - 1) >= 48 && word.charCodeAt(end - 1) <= 57) end--;
  return word.slice(0, end);
}

function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** A password column bound to a value in SQL text: `INSERT INTO users (email, password) VALUES ($1, $2)`. */
interface Binding {
  readonly statement: string;
  readonly table: string;
  readonly column: string;
  readonly kind: 'insert' | 'set' | 'where';
  /** Index into the values array. */
  readonly index?: number;
  /** Index of a template literal's interpolation. */
  readonly expression?: number;
}

/**
 * The password columns of an INSERT, UPDATE ... SET or WHERE, with the placeholder each one takes.
 * A small scanner, not a parser: words, identifiers, placeholders and punctuation, in one pass.
 */
export function passwordBindings(sql: string): Binding[] {
  const tokens = tokenize(sql);
  const bindings: Binding[] = [];
  let questionMarks = 0;
  const placeholderIndex = (token: string): { index?: number; expression?: number } | undefined => {
    if (token === '?') return { index: questionMarks++ };
    if (/^\$\d+$/u.test(token)) return { index: Number(token.slice(1)) - 1 };
    if (token.startsWith('\u0001')) return { expression: Number(token.slice(1, -1)) };
    return undefined;
  };
  const lower = tokens.map((token) => token.toLowerCase());
  let statement = '';
  let table = '';
  let inWhere = false;
  for (let position = 0; position < tokens.length; position++) {
    const word = lower[position]!;
    if (word === 'insert' && lower[position + 1] === 'into') {
      statement = 'INSERT INTO';
      table = unquote(tokens[position + 2] ?? '');
      const open = position + 3;
      if (tokens[open] !== '(') continue;
      const columns: string[] = [];
      let cursor = open + 1;
      for (; cursor < tokens.length && tokens[cursor] !== ')'; cursor++) if (tokens[cursor] !== ',') columns.push(unquote(tokens[cursor]!));
      if (lower[cursor + 1] !== 'values' || tokens[cursor + 2] !== '(') continue;
      let column = 0;
      let depth = 0;
      for (cursor += 3; cursor < tokens.length; cursor++) {
        const token = tokens[cursor]!;
        if (token === '(') depth++;
        else if (token === ')') {
          if (depth === 0) break;
          depth--;
        } else if (token === ',' && depth === 0) column++;
        else {
          const placeholder = placeholderIndex(token);
          const name = columns[column];
          if (placeholder && name !== undefined && isStorageClass(passwordNameClass(name))) bindings.push({ statement, table, column: name, kind: 'insert', ...placeholder });
        }
      }
      position = cursor;
      continue;
    }
    if (word === 'update' && position + 1 < tokens.length) {
      statement = 'UPDATE';
      table = unquote(tokens[position + 1]!);
      continue;
    }
    if (word === 'from' && position + 1 < tokens.length) {
      if (statement === '') statement = 'SELECT ... FROM';
      table = unquote(tokens[position + 1]!);
      continue;
    }
    if (word === 'where') {
      inWhere = true;
      if (statement === '') statement = 'WHERE';
      continue;
    }
    const kind = inWhere ? 'where' : statement === 'UPDATE' ? 'set' : undefined;
    if (kind && tokens[position + 1] === '=' && position + 2 < tokens.length) {
      const column = unquote(tokens[position]!.split('.').at(-1)!);
      const placeholder = placeholderIndex(tokens[position + 2]!);
      if (placeholder && isStorageClass(passwordNameClass(column))) bindings.push({ statement, table, column, kind, ...placeholder });
      position += 2;
      continue;
    }
    placeholderIndex(tokens[position]!);
  }
  return bindings;
}

function unquote(token: string): string {
  return token.replace(/^["'`[]/u, '').replace(/["'`\]]$/u, '');
}

/** Letters, digits, `_`, `$`, quotes of identifiers, brackets and `.`: the characters of a word or identifier token. */
function isWordChar(code: number, first: boolean): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 || // _
    code === 36 || // $
    code === 34 || // "
    code === 96 || // `
    code === 46 || // .
    (first ? code === 91 : code === 93) || // [ opens, ] closes
    code > 127
  );
}

const isSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13) || code === 160;

/** Splits SQL into identifiers and words, quoted strings, placeholders and single punctuation characters. */
function tokenize(sql: string): string[] {
  const tokens: string[] = [];
  let index = 0;
  while (index < sql.length && tokens.length < 2000) {
    const code = sql.charCodeAt(index);
    if (isSpace(code)) {
      index++;
      continue;
    }
    if (code === 1) {
      const end = sql.indexOf('\u0001', index + 1);
      const stop = end < 0 ? sql.length : end + 1;
      tokens.push(sql.slice(index, stop));
      index = stop;
      continue;
    }
    if (code === 39) {
      // A quoted interpolation (`'${password}'`) is the interpolation; other strings are one token.
      const end = sql.indexOf("'", index + 1);
      const stop = end < 0 ? sql.length : end + 1;
      const inside = sql.slice(index + 1, stop - 1);
      tokens.push(inside.length > 2 && inside.charCodeAt(0) === 1 && inside.indexOf('\u0001', 1) === inside.length - 1 ? inside : sql.slice(index, stop));
      index = stop;
      continue;
    }
    if (isWordChar(code, true)) {
      let end = index + 1;
      while (end < sql.length && isWordChar(sql.charCodeAt(end), false)) end++;
      tokens.push(sql.slice(index, end));
      index = end;
      continue;
    }
    tokens.push(sql[index]!);
    index++;
  }
  return tokens;
}
