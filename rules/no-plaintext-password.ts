import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  CONFIG_WORDS,
  CONFIRM_WORDS,
  CREATE_METHODS,
  CREATING_DTO_WORDS,
  DRIZZLE_COMPARISONS,
  DTO_WORDS,
  ELEMENT_CALLBACK_METHODS,
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
  STORED_WORDS,
  STRING_TRANSFORMS,
  USER_CLASS_WORDS,
  USER_WORDS,
  VALIDATED_KEYS,
  VALIDATOR_FUNCTIONS,
  mentionsPassword,
} from '../src/catalog/passwords.js';
import { GENERIC_QUERY_METHODS } from '../src/catalog/sql-drivers.js';
import { splitWords } from '../src/catalog/sensitive-names.js';
import { OriginResolver } from '../src/ast/module-origin.js';
import { calleeParts, enclosingClass, isFunction, keyName, memberName, referenceName, shortSource, staticName, unwrap, type FunctionNode } from '../src/ast/nodes.js';
import { isRequestInputCall, isRequestInputMember, isWholeRequestBody, requestDecorator } from '../src/ast/request-input.js';
import { findVariable, parameterOf, writesOf } from '../src/ast/variables.js';
import { createRule } from '../src/create-rule.js';
import { nameList } from '../src/schema.js';

type Options = [{ hashFunctions?: string[]; userModels?: string[]; hashingModels?: string[] }];
type MessageIds = 'plaintextStored' | 'bodyStored' | 'plaintextCompared' | 'plaintextLookup';

/** What a name says it holds. */
type NameClass = 'plain' | 'hash' | 'confirm' | 'meta' | 'service';

/** Where a compared password comes from. */
type Source = 'input' | 'record' | 'config' | 'unknown' | 'confirm';

/** A hook that hashes the password before a model's records are written. */
interface HashingHook {
  /** Words of the model's name; empty when the model is not known (every user model counts). */
  readonly model: ReadonlySet<string>;
  readonly creates: boolean;
  readonly updates: boolean;
}

const MAX_DEPTH = 6;
const SQL_METHODS: ReadonlySet<string> = new Set([...GENERIC_QUERY_METHODS, 'raw', 'execute', 'query']);
/** Methods of a string that keep it the same secret for this purpose (`header.split(':')`). */
const DERIVED_STRING_METHODS: ReadonlySet<string> = new Set([...STRING_TRANSFORMS, 'split', 'replace', 'replaceAll', 'slice', 'substring', 'substr', 'at']);
const DERIVED_STRING_FUNCTIONS: ReadonlySet<string> = new Set(['String', 'decodeURIComponent', 'atob']);

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

export default createRule<Options, MessageIds>({
  name: 'no-plaintext-password',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow storing or comparing user passwords in plain text',
      // Strict preset only: no corpus finding to measure precision on yet, and hooks that hash in
      // another file are a known source of false positives (see the doc's Measured precision).
      recommended: false,
      standard: 'Passwords are never stored or compared in plain text',
      precision: 'medium',
      securitySeverity: 7.5,
    },
    messages: {
      plaintextStored:
        'The password `{{value}}` from the request is stored unhashed by {{sink}}: it is kept in plain text. Hash it first (`await bcrypt.hash(password, 12)` or `argon2.hash(password)`) and store only the hash.',
      bodyStored:
        '`{{value}}` writes the request body, password included, unhashed to {{sink}}. Pick the fields to store and put a bcrypt or argon2 hash in place of the password.',
      plaintextCompared:
        '`{{expression}}` checks a password by comparing it in plain text with {{stored}}. Keep only a bcrypt or argon2 hash and check it with `bcrypt.compare` or `argon2.verify`, which also run in constant time.',
      plaintextLookup:
        '{{sink}} looks the account up by its plain-text password `{{value}}`, so the password must be stored in plain text. Look the account up by email or username only, then check a bcrypt or argon2 hash with `bcrypt.compare` or `argon2.verify`.',
    },
    defaultOptions: [{ hashFunctions: [], userModels: [], hashingModels: [] }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          hashFunctions: nameList('Extra function names whose result is a password hash (in addition to names with hash, bcrypt, argon2, scrypt, pbkdf2, digest, encrypt).'),
          userModels: nameList('Extra model, table or repository names (matched as words) that hold user accounts, such as `subscriber`.'),
          hashingModels: nameList(
            'Models whose own hooks (Mongoose `pre("save")`, Sequelize `beforeCreate`, TypeORM `@BeforeInsert`) hash the password in another file: creating and saving them is not reported.',
          ),
        },
      },
    ],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const hashFunctions = new Set(options.hashFunctions ?? []);
    const userWords = new Set([...USER_WORDS, ...(options.userModels ?? []).flatMap((name) => splitWords(name))]);
    const modules = new OriginResolver(sourceCode, () => undefined);
    const hooks: HashingHook[] = (options.hashingModels ?? []).map((name) => ({ model: modelWords(name), creates: true, updates: true }));

    const stores: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
    const lookups: TSESTree.CallExpression[] = [];
    const sqlCalls: TSESTree.CallExpression[] = [];
    const comparisons: (TSESTree.BinaryExpression | TSESTree.CallExpression)[] = [];
    const assignments: TSESTree.AssignmentExpression[] = [];
    const hookCandidates: { fn: FunctionNode; model: ReadonlySet<string>; creates: boolean; updates: boolean }[] = [];
    const reported = new Set<TSESTree.Node>();

    function modelWords(name: string): ReadonlySet<string> {
      return new Set(splitWords(name).filter((word) => word !== 'schema' && word !== 'model').map(singular));
    }

    // ---- hashing ---------------------------------------------------------------------------------

    function isHashCall(call: TSESTree.CallExpression): boolean {
      const { object, name } = calleeParts(call);
      if (name === undefined) return false;
      if (hashFunctions.has(name) || splitWords(name).some((word) => HASH_FUNCTION_WORDS.has(word))) return true;
      for (let current = object, steps = 0; current && steps < 6; steps++) {
        const inner = unwrap(current);
        const receiver = referenceName(inner);
        if (receiver !== undefined && splitWords(receiver).some((word) => HASH_FUNCTION_WORDS.has(word))) return true;
        current = inner.type === AST_NODE_TYPES.MemberExpression ? inner.object : inner.type === AST_NODE_TYPES.CallExpression ? calleeParts(inner).object : undefined;
      }
      return false;
    }

    /** Whether a value is a hash: a hashing call, a name that says hash, or a local written from a hash. */
    function isHashed(raw: TSESTree.Node, depth = 0): boolean {
      if (depth > MAX_DEPTH) return false;
      const node = unwrap(raw);
      switch (node.type) {
        case AST_NODE_TYPES.CallExpression:
          return isHashCall(node);
        case AST_NODE_TYPES.ConditionalExpression:
          return isHashed(node.consequent, depth + 1) && isHashed(node.alternate, depth + 1);
        case AST_NODE_TYPES.Identifier: {
          if (splitWords(node.name).some((word) => HASH_WORDS.has(word))) return true;
          const variable = findVariable(sourceCode, node);
          return variable !== undefined && writesOf(variable).some((write) => write.path.length === 0 && isHashed(write.value, depth + 1));
        }
        case AST_NODE_TYPES.MemberExpression: {
          const name = memberName(node);
          return name !== undefined && splitWords(name).some((word) => HASH_WORDS.has(word)) && passwordNameClass(name) !== 'plain';
        }
        default:
          return false;
      }
    }

    /** `dto.password = await hash(dto.password)` earlier in the same function. */
    const hashedInPlace: { object: string; fn: FunctionNode | undefined; end: number }[] = [];

    function replacedByHash(node: TSESTree.Node, at: TSESTree.Node): boolean {
      const inner = unwrap(node);
      const objectText = sourceCode.getText(inner.type === AST_NODE_TYPES.MemberExpression ? unwrap(inner.object) : inner);
      const fn = enclosingFn(at);
      return hashedInPlace.some((entry) => entry.object === objectText && entry.fn === fn && entry.end <= at.range[0]);
    }

    // ---- request input ---------------------------------------------------------------------------

    /** Whether a value is the whole request body or a copy of it; and whether it still carries the password. */
    function bodyOf(raw: TSESTree.Node | undefined, depth = 0): { carries: boolean } | undefined {
      if (!raw || depth > MAX_DEPTH) return undefined;
      const node = unwrap(raw);
      if (isWholeRequestBody(node)) return { carries: true };
      switch (node.type) {
        case AST_NODE_TYPES.CallExpression: {
          const { object, name } = calleeParts(node);
          if (name === 'valid' && object && isRequestInputCall(node)) return { carries: true };
          if (name !== undefined && VALIDATOR_FUNCTIONS.has(name) && node.arguments.some((argument) => bodyOf(argument, depth + 1) !== undefined)) {
            return { carries: schemaMentionsPassword(object) };
          }
          return undefined;
        }
        case AST_NODE_TYPES.MemberExpression: {
          const name = memberName(node);
          if (name !== undefined && VALIDATED_KEYS.has(name)) return bodyOf(node.object, depth + 1);
          // `req.body.user`: an object inside the body.
          return isRequestInputMember(node) && isWholeRequestBody(node.object) ? { carries: true } : undefined;
        }
        case AST_NODE_TYPES.Identifier:
          return identifierBody(node, depth);
        default:
          return undefined;
      }
    }

    function identifierBody(node: TSESTree.Identifier, depth: number): { carries: boolean } | undefined {
      const variable = findVariable(sourceCode, node);
      const definition = variable?.defs[0];
      if (!variable || !definition) return undefined;
      if (definition.type === 'Parameter') {
        const parameter = parameterOf(variable);
        if (!parameter || parameter.destructured) return undefined;
        const param = parameter.fn.params[parameter.index]!;
        const decorator = requestDecorator(param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param);
        const type = parameter.name.typeAnnotation?.typeAnnotation;
        if (decorator === 'Body') return { carries: type ? dtoCarries(type, true) : true };
        if (type && isDtoType(type)) return { carries: dtoCarries(type, false) };
        if (elementOfInput(parameter.fn, parameter.index, depth)) return { carries: true };
        return undefined;
      }
      if (definition.type !== 'Variable') return undefined;
      for (const write of writesOf(variable)) {
        if (write.element) continue;
        if (write.path.length === 0) {
          const body = bodyOf(write.value, depth + 1);
          if (body) return restOfBody(node, body);
        } else if (write.path.length === 1 && VALIDATED_KEYS.has(write.path[0]!)) {
          const body = bodyOf(write.value, depth + 1);
          if (body) return body;
        }
      }
      return undefined;
    }

    /** `const { password, ...rest } = req.body`: the rest no longer carries the password. */
    function restOfBody(identifier: TSESTree.Identifier, body: { carries: boolean }): { carries: boolean } {
      const definition = findVariable(sourceCode, identifier)?.defs[0];
      const pattern = definition?.node.type === AST_NODE_TYPES.VariableDeclarator ? definition.node.id : undefined;
      if (pattern?.type !== AST_NODE_TYPES.ObjectPattern) return body;
      const takesPassword = pattern.properties.some(
        (property) => property.type === AST_NODE_TYPES.Property && isStorageClass(passwordNameClass(staticName(property.key, property.computed) ?? '')),
      );
      return takesPassword ? { carries: false } : body;
    }

    /** A callback parameter that receives the elements of an input array (`req.body.users.map(row => ...)`). */
    function elementOfInput(fn: TSESTree.FunctionLike, index: number, depth: number): boolean {
      const call = fn.parent;
      if (index !== 0 || call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return false;
      const { object, name } = calleeParts(call);
      return object !== undefined && name !== undefined && ELEMENT_CALLBACK_METHODS.has(name) && (isInput(object, depth + 1) || bodyOf(object, depth + 1) !== undefined);
    }

    function isDtoType(type: TSESTree.TypeNode): boolean {
      const name = typeName(type);
      const words = name === undefined ? [] : splitWords(name);
      return words.length > 1 && DTO_WORDS.has(words.at(-1)!);
    }

    function typeName(type: TSESTree.TypeNode): string | undefined {
      if (type.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
      let name: TSESTree.EntityName = type.typeName;
      while (name.type === AST_NODE_TYPES.TSQualifiedName) name = name.right;
      return name.type === AST_NODE_TYPES.Identifier ? name.name : undefined;
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

    /** A schema object defined in this file (`const schema = z.object({ ... })`) that never mentions a password does not pass one. */
    function schemaMentionsPassword(receiver: TSESTree.Node | undefined): boolean {
      const inner = receiver && unwrap(receiver);
      if (inner?.type !== AST_NODE_TYPES.Identifier) return true;
      const definition = findVariable(sourceCode, inner)?.defs[0];
      if (definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return true;
      return mentionsPassword(sourceCode.getText(definition.node.init));
    }

    /** Whether a value comes from the request (a field of the body, a destructured body field, a validated copy). */
    function isInput(raw: TSESTree.Node, depth = 0): boolean {
      if (depth > MAX_DEPTH) return false;
      const node = unwrap(raw);
      switch (node.type) {
        case AST_NODE_TYPES.MemberExpression:
          if (isRequestInputMember(node)) return true;
          return bodyOf(node.object, depth + 1) !== undefined || (memberName(node) !== undefined && isInput(node.object, depth + 1) && !isRecordRoot(node.object));
        case AST_NODE_TYPES.Identifier: {
          const variable = findVariable(sourceCode, node);
          const definition = variable?.defs[0];
          if (!variable || !definition) return false;
          if (definition.type === 'Parameter') {
            const parameter = parameterOf(variable);
            if (!parameter) return false;
            const param = parameter.fn.params[parameter.index]!;
            const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
            if (parameter.destructured) {
              const type = 'typeAnnotation' in target ? target.typeAnnotation?.typeAnnotation : undefined;
              return requestDecorator(target) === 'Body' || (type !== undefined && isDtoType(type)) || elementOfInput(parameter.fn, parameter.index, depth);
            }
            return bodyOf(node, depth + 1) !== undefined;
          }
          if (definition.type !== 'Variable') return false;
          const writes = writesOf(variable);
          if (writes.some((write) => write.path.length === 0 && isHashed(write.value, depth + 1))) return false;
          return writes.some((write) =>
            write.path.length > 0 ? bodyOf(write.value, depth + 1) !== undefined || isInput(write.value, depth + 1) : isInput(write.value, depth + 1),
          );
        }
        case AST_NODE_TYPES.CallExpression: {
          if (isHashCall(node)) return false;
          if (isRequestInputCall(node)) return true;
          const { object, name } = calleeParts(node);
          if (name === undefined) return false;
          if (object && DERIVED_STRING_METHODS.has(name)) {
            // `Buffer.from(x, 'base64')`: the argument; `x.trim()`: the receiver.
            const receiver = unwrap(object);
            if (name === 'from' && receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'Buffer') return node.arguments[0] !== undefined && isInput(node.arguments[0], depth + 1);
            return isInput(object, depth + 1);
          }
          if (!object && DERIVED_STRING_FUNCTIONS.has(name)) return node.arguments[0] !== undefined && isInput(node.arguments[0], depth + 1);
          return false;
        }
        case AST_NODE_TYPES.LogicalExpression:
          return isInput(node.left, depth + 1) || isInput(node.right, depth + 1);
        case AST_NODE_TYPES.ConditionalExpression:
          return isInput(node.consequent, depth + 1) || isInput(node.alternate, depth + 1);
        default:
          return false;
      }
    }

    /** `req.user`, `res.locals`: request-scoped values the server set, not client input. */
    function isRecordRoot(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      return inner.type === AST_NODE_TYPES.MemberExpression && (memberName(inner) === 'user' || memberName(inner) === 'locals' || memberName(inner) === 'session');
    }

    /** A plain password from the request that has not been hashed. */
    function isPlainInput(value: TSESTree.Node, at: TSESTree.Node): boolean {
      return !isHashed(value) && isInput(value) && !replacedByHash(value, at);
    }

    // ---- user records ----------------------------------------------------------------------------

    interface Target {
      readonly words: Set<string>;
      /** The chain names a model that is not a user model (`Repository<Webhook>`), so the class name does not count. */
      readonly otherModel: boolean;
    }

    function addWords(words: Set<string>, name: string | undefined): void {
      if (name === undefined) return;
      for (const word of modelNameWords(name)) words.add(word);
    }

    /** Names along a write's receiver: `prisma.user`, `knex('users')`, `this.usersRepository`, `Repository<User>`. */
    function targetOf(receiver: TSESTree.Node | undefined): Target {
      const words = new Set<string>();
      let otherModel = false;
      let current = receiver;
      for (let steps = 0; current && steps < 12; steps++) {
        const node: TSESTree.Node = unwrap(current);
        if (node.type === AST_NODE_TYPES.Identifier) {
          addWords(words, node.name);
          const definition = findVariable(sourceCode, node)?.defs[0];
          const type = definition?.name.type === AST_NODE_TYPES.Identifier ? definition.name.typeAnnotation?.typeAnnotation : undefined;
          if (type) otherModel ||= addTypeWords(words, type);
          const init = definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === definition.name ? definition.node.init : null;
          current = init && init.type === AST_NODE_TYPES.CallExpression ? init : undefined;
          continue;
        }
        if (node.type === AST_NODE_TYPES.MemberExpression) {
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
            if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string') addWords(words, inner.value);
            else if (inner.type === AST_NODE_TYPES.Identifier) addWords(words, inner.name);
            else if (inner.type === AST_NODE_TYPES.MemberExpression) addWords(words, referenceName(inner.object));
          }
          const { object, callee } = calleeParts(node);
          current = object ?? callee;
          continue;
        }
        break;
      }
      return { words, otherModel };
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

    /** Whether a write goes to user records: by its receiver's names, or else by the enclosing class (`UsersService`). */
    function isUserTarget(target: Target, at: TSESTree.Node): boolean {
      if (isUserish(target.words)) return true;
      if (target.otherModel) return false;
      const body = enclosingClass(at);
      const declaration = body?.parent;
      const className = declaration && 'id' in declaration && declaration.id ? declaration.id.name : undefined;
      if (className === undefined) return false;
      const words = modelNameWords(className);
      return isUserish(new Set(words)) || words.some((word) => USER_CLASS_WORDS.has(word));
    }

    function hashedByHook(target: Target, kind: 'create' | 'update'): boolean {
      return hooks.some((hook) => (kind === 'create' ? hook.creates : hook.updates) && (hook.model.size === 0 || [...hook.model].every((word) => target.words.has(word))));
    }

    // ---- reports -----------------------------------------------------------------------------------

    function report(node: TSESTree.Node, messageId: MessageIds, data: Record<string, string>): void {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({ node, messageId, data });
    }

    function sinkLabel(call: TSESTree.CallExpression | TSESTree.NewExpression): string {
      const text = shortSource(sourceCode, call.callee).replace(/\s+/gu, '');
      return call.type === AST_NODE_TYPES.NewExpression ? `\`new ${text}()\`` : `\`${text}\``;
    }

    /** The record arguments of a store call: `create(record)`, `updateOne(filter, update)`, `update(values, { where })`. */
    function recordArguments(call: TSESTree.CallExpression | TSESTree.NewExpression, method: string): TSESTree.Node[] {
      const args = call.arguments.filter((argument): argument is TSESTree.Expression => argument.type !== AST_NODE_TYPES.SpreadElement);
      if (FILTER_THEN_UPDATE.has(method)) return args.slice(1, 2);
      if (method === 'update' && args.length >= 2) {
        const second = objectOf(args[1]);
        const isOptions = second?.properties.some((property) => property.type === AST_NODE_TYPES.Property && keyName(property) === 'where');
        return isOptions ? args.slice(0, 1) : args.slice(1, 2);
      }
      return args.slice(0, 1);
    }

    function objectOf(node: TSESTree.Node | undefined, depth = 0): TSESTree.ObjectExpression | undefined {
      if (!node || depth > MAX_DEPTH) return undefined;
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
      if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
      const definition = findVariable(sourceCode, inner)?.defs[0];
      if (definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id !== definition.name) return undefined;
      return definition.node.init ? objectOf(definition.node.init, depth + 1) : undefined;
    }

    /** Reports plain passwords and whole bodies in a record written by `call`. */
    function inspectRecord(raw: TSESTree.Node, call: TSESTree.CallExpression | TSESTree.NewExpression, method: string, depth = 0): void {
      if (depth > MAX_DEPTH) return;
      const node = unwrap(raw);
      if (node.type === AST_NODE_TYPES.ArrayExpression) {
        for (const element of node.elements) if (element && element.type !== AST_NODE_TYPES.SpreadElement) inspectRecord(element, call, method, depth + 1);
        return;
      }
      if (node.type === AST_NODE_TYPES.ObjectExpression) {
        let pendingSpreads: TSESTree.SpreadElement[] = [];
        for (const property of node.properties) {
          if (property.type === AST_NODE_TYPES.SpreadElement) {
            const body = bodyOf(property.argument);
            if (body?.carries && CREATE_METHODS.has(method) && !replacedByHash(property.argument, call)) pendingSpreads.push(property);
            else if (!body) {
              const inner = objectOf(property.argument);
              if (inner) inspectRecord(inner, call, method, depth + 1);
            }
            continue;
          }
          const key = staticName(property.key, property.computed);
          if (key === undefined) continue;
          if (RECORD_KEYS.has(key)) {
            inspectRecord(property.value, call, method, depth + 1);
            continue;
          }
          if (!isStorageClass(passwordNameClass(key))) continue;
          pendingSpreads = [];
          if (isPlainInput(property.value, call)) {
            report(property, 'plaintextStored', { value: shortSource(sourceCode, property.value), sink: `${sinkLabel(call)} (field \`${key}\`)` });
          }
        }
        for (const spread of pendingSpreads) report(spread, 'bodyStored', { value: shortSource(sourceCode, spread), sink: sinkLabel(call) });
        return;
      }
      // `rows.map(row => ({ ... }))`: the records the callback builds.
      if (node.type === AST_NODE_TYPES.CallExpression) {
        const { name } = calleeParts(node);
        const callback = node.arguments[0];
        if (name === 'map' && callback && isFunction(callback)) {
          const result = callback.body.type === AST_NODE_TYPES.BlockStatement ? callback.body.body.findLast((statement) => statement.type === AST_NODE_TYPES.ReturnStatement) : callback.body;
          const value = result?.type === AST_NODE_TYPES.ReturnStatement ? result.argument : result;
          if (value) inspectRecord(value, call, method, depth + 1);
          return;
        }
      }
      const body = bodyOf(node);
      if (body) {
        if (body.carries && CREATE_METHODS.has(method) && !replacedByHash(node, call)) report(node, 'bodyStored', { value: shortSource(sourceCode, node), sink: sinkLabel(call) });
        return;
      }
      const object = objectOf(node);
      if (object) inspectRecord(object, call, method, depth + 1);
    }

    function checkStore(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const method = call.type === AST_NODE_TYPES.NewExpression ? 'create' : calleeParts(call).name;
      if (method === undefined) return;
      const target = call.type === AST_NODE_TYPES.NewExpression ? targetOf(call.callee) : targetOf(calleeParts(call).object);
      if (!isUserTarget(target, call)) return;
      if (hashedByHook(target, FILTER_THEN_UPDATE.has(method) || method === 'update' || method === 'set' || method === 'patch' ? 'update' : 'create')) return;
      for (const argument of recordArguments(call, method)) inspectRecord(argument, call, method);
    }

    function checkAssignment(node: TSESTree.AssignmentExpression): void {
      const left = node.left as TSESTree.MemberExpression;
      const object = unwrap(left.object);
      const words = new Set<string>();
      addWords(words, object.type === AST_NODE_TYPES.ThisExpression ? undefined : referenceName(object));
      const target: Target = { words, otherModel: object.type !== AST_NODE_TYPES.ThisExpression && words.size > 0 && !isUserish(words) };
      if (!isUserTarget(target, node) || hashedByHook(target, 'create')) return;
      if (!isPlainInput(node.right, node)) return;
      report(node, 'plaintextStored', { value: shortSource(sourceCode, node.right), sink: `the assignment to \`${shortSource(sourceCode, left)}\`` });
    }

    function checkLookup(call: TSESTree.CallExpression): void {
      const { object } = calleeParts(call);
      const target = targetOf(object);
      if (!isUserTarget(target, call)) return;
      const filters: TSESTree.ObjectExpression[] = [];
      const first = objectOf(call.arguments[0]);
      if (first) filters.push(first);
      for (let index = 0; index < filters.length && index < 8; index++) {
        for (const property of filters[index]!.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const key = staticName(property.key, property.computed);
          if (key === undefined) continue;
          if (FILTER_KEYS.has(key) || key === '$and' || key === '$or') {
            const inner = objectOf(property.value);
            if (inner) filters.push(inner);
            continue;
          }
          if (isStorageClass(passwordNameClass(key)) && isPlainInput(property.value, call)) {
            report(property, 'plaintextLookup', { value: shortSource(sourceCode, property.value), sink: sinkLabel(call) });
          }
        }
      }
    }

    /** drizzle: `eq(users.password, password)`. */
    function checkDrizzleComparison(call: TSESTree.CallExpression): void {
      const [column, value] = call.arguments;
      if (!column || !value || column.type !== AST_NODE_TYPES.MemberExpression) return;
      const name = memberName(column);
      if (name === undefined || !isStorageClass(passwordNameClass(name))) return;
      const origin = modules.resolve(call.callee);
      if (origin?.module !== 'drizzle-orm') return;
      if (!isUserTarget(targetOf(column.object), call) || !isPlainInput(value, call)) return;
      report(value, 'plaintextLookup', { value: shortSource(sourceCode, value), sink: `\`${shortSource(sourceCode, call)}\`` });
    }

    // ---- comparisons ----------------------------------------------------------------------------------

    /** Where an operand of a comparison comes from, when it is a password. */
    function sourceOf(raw: TSESTree.Node, depth = 0): Source | undefined {
      if (depth > MAX_DEPTH) return undefined;
      const node = unwrap(raw);
      switch (node.type) {
        case AST_NODE_TYPES.Identifier: {
          const nameClass = passwordNameClass(node.name);
          const variable = findVariable(sourceCode, node);
          const definition = variable?.defs[0];
          if (!isStorageClass(nameClass) && nameClass !== 'confirm') {
            // `const given = Buffer.from(dto.password)`: follow a local that is not named as a password.
            const write = variable && definition?.type === 'Variable' ? writesOf(variable).find((candidate) => candidate.path.length === 0) : undefined;
            return write ? sourceOf(write.value, depth + 1) : undefined;
          }
          if (nameClass === 'confirm') return 'confirm';
          if (isHashed(node)) return undefined;
          if (isInput(node)) return 'input';
          if (variable && definition?.type === 'Variable') {
            for (const write of writesOf(variable)) {
              const source = write.path.length === 0 ? sourceOf(write.value, depth + 1) : undefined;
              if (source === 'record' || source === 'config') return source;
              if (write.path.length > 0 && !isInput(write.value)) return 'record';
            }
          }
          if (/^[A-Z][A-Z0-9_]*$/u.test(node.name)) return 'config';
          if (splitWords(node.name).some((word) => STORED_WORDS.has(word))) return 'record';
          return 'unknown';
        }
        case AST_NODE_TYPES.MemberExpression: {
          const name = memberName(node);
          const nameClass = name === undefined ? undefined : passwordNameClass(name);
          if (nameClass === 'confirm') return 'confirm';
          if (!isStorageClass(nameClass)) return undefined;
          if (isInput(node)) return 'input';
          return isConfigRoot(node.object) ? 'config' : 'record';
        }
        case AST_NODE_TYPES.CallExpression: {
          if (isHashCall(node)) return undefined;
          const { object, name } = calleeParts(node);
          if (name === undefined) return undefined;
          if (object && DERIVED_STRING_METHODS.has(name)) {
            const receiver = unwrap(object);
            if (name === 'from' && receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'Buffer') return node.arguments[0] ? sourceOf(node.arguments[0], depth + 1) : undefined;
            return sourceOf(object, depth + 1);
          }
          if (!object && DERIVED_STRING_FUNCTIONS.has(name)) return node.arguments[0] ? sourceOf(node.arguments[0], depth + 1) : undefined;
          return undefined;
        }
        default:
          return undefined;
      }
    }

    function isConfigRoot(node: TSESTree.Node): boolean {
      let current = unwrap(node);
      for (let steps = 0; steps < 8; steps++) {
        const name = current.type === AST_NODE_TYPES.Identifier ? current.name : current.type === AST_NODE_TYPES.MemberExpression ? memberName(current) : undefined;
        if (name === 'process' || (name !== undefined && splitWords(name).some((word) => CONFIG_WORDS.has(word)))) return true;
        if (current.type !== AST_NODE_TYPES.MemberExpression) return false;
        current = unwrap(current.object);
      }
      return false;
    }

    function describeStored(node: TSESTree.Node, source: Source): string {
      const text = shortSource(sourceCode, unwrapBuffer(node));
      return source === 'config' ? `the configured secret \`${text}\`` : `the stored password \`${text}\``;
    }

    function unwrapBuffer(node: TSESTree.Node): TSESTree.Node {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.Identifier) {
        const definition = findVariable(sourceCode, inner)?.defs[0];
        if (definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init && passwordNameClass(inner.name) === undefined) {
          return unwrapBuffer(definition.node.init);
        }
      }
      if (inner.type === AST_NODE_TYPES.CallExpression && calleeParts(inner).name === 'from' && inner.arguments[0]) return unwrap(inner.arguments[0]);
      return inner;
    }

    /** A schema validator (`validate: { validator(value) { return value === this.password } }`) checks a form, not a login. */
    function inValidator(node: TSESTree.Node): boolean {
      const fn = enclosingFn(node);
      const parent = fn?.parent;
      const key = parent && (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.MethodDefinition) ? staticName(parent.key, parent.computed) : undefined;
      return key === 'validator' || key === 'validate';
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
          const origin = modules.resolve(node.callee);
          if (origin?.module !== 'crypto' && origin?.module !== 'node:crypto') return;
          left = node.arguments[0];
          right = node.arguments[1];
          recordOnly = true;
        }
      }
      if (!left || !right || left.type === AST_NODE_TYPES.PrivateIdentifier) return;
      const a = sourceOf(left);
      const b = sourceOf(right);
      if (!a || !b) return;
      const stored = (source: Source) => source === 'record' || (!recordOnly && source === 'config');
      const given = (source: Source) => source === 'input' || source === 'unknown';
      const storedSide = stored(a) && given(b) ? left : stored(b) && given(a) ? right : undefined;
      if (!storedSide) return;
      report(node, 'plaintextCompared', { expression: shortSource(sourceCode, node), stored: describeStored(storedSide, storedSide === left ? a : b) });
    }

    // ---- raw SQL -----------------------------------------------------------------------------------

    function checkSql(call: TSESTree.CallExpression): void {
      const [text, values] = call.arguments;
      if (!text || !values) return;
      const inner = unwrap(text);
      const expressions: TSESTree.Node[] = [];
      let sql: string;
      if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string') sql = inner.value;
      else if (inner.type === AST_NODE_TYPES.TemplateLiteral) {
        sql = inner.quasis.map((quasi, index) => (index < inner.expressions.length ? `${quasi.value.cooked ?? ''}\u0001${index}\u0001` : (quasi.value.cooked ?? ''))).join('');
        expressions.push(...inner.expressions);
      } else return;
      if (!mentionsPassword(sql)) return;
      const list = unwrap(values);
      const array = list.type === AST_NODE_TYPES.ArrayExpression ? list : undefined;
      for (const binding of passwordBindings(sql)) {
        const value = binding.expression !== undefined ? expressions[binding.expression] : binding.index !== undefined ? array?.elements[binding.index] : undefined;
        if (!value || value.type === AST_NODE_TYPES.SpreadElement || !isUserish(new Set(modelNameWords(binding.table)))) continue;
        if (!isPlainInput(value, call)) continue;
        const sink = `the SQL \`${binding.statement} ${binding.table}\` (column \`${binding.column}\`)`;
        if (binding.kind === 'where') report(value, 'plaintextLookup', { value: shortSource(sourceCode, value), sink: `\`${shortSource(sourceCode, call.callee)}\` with ${sink}` });
        else report(value, 'plaintextStored', { value: shortSource(sourceCode, value), sink });
      }
    }

    const reportedHooks = new Set<FunctionNode>();

    function collectHook(fn: TSESTree.Node | undefined, model: ReadonlySet<string>, creates: boolean, updates: boolean): void {
      if (!fn || !isFunction(fn) || reportedHooks.has(fn)) return;
      reportedHooks.add(fn);
      hookCandidates.push({ fn, model, creates, updates });
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

    /** Whether a hook's body hashes the password (a hashing call, and the word password in it). */
    function hashesPassword(fn: FunctionNode): boolean {
      if (!mentionsPassword(sourceCode.getText(fn.body))) return false;
      const pending: TSESTree.Node[] = [fn.body];
      for (let visited = 0; pending.length > 0 && visited < 400; visited++) {
        const node = pending.pop()!;
        if (node.type === AST_NODE_TYPES.CallExpression && isHashCall(node)) return true;
        for (const [key, value] of Object.entries(node)) {
          if (key === 'parent' || !value || typeof value !== 'object') continue;
          for (const child of Array.isArray(value) ? value : [value]) if (child && typeof (child as TSESTree.Node).type === 'string') pending.push(child as TSESTree.Node);
        }
      }
      return false;
    }

    function enclosingFn(node: TSESTree.Node): FunctionNode | undefined {
      for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
      return undefined;
    }

    const EMPTY: ReadonlySet<string> = new Set();

    return {
      CallExpression(node) {
        const { object, name } = calleeParts(node);
        if (name === undefined) return;
        if (object && STORE_METHODS.has(name) && node.arguments.length > 0) stores.push(node);
        if (LOOKUP_METHODS.has(name) && node.arguments.length > 0) lookups.push(node);
        if (name === 'localeCompare' || name === 'timingSafeEqual') comparisons.push(node);
        if (!object && DRIZZLE_COMPARISONS.has(name) && node.arguments.length === 2) lookups.push(node);
        if (object && SQL_METHODS.has(name) && node.arguments.length >= 2) sqlCalls.push(node);
        if (HOOK_CALLS.has(name)) {
          const event = staticName(node.arguments[0]);
          const kinds = hookKinds(name === 'pre' || name === 'addHook' || name === 'hook' ? (event ?? '') : name);
          const model = object ? modelWords(referenceName(object) ?? '') : EMPTY;
          if (kinds.creates || kinds.updates) collectHook(node.arguments.find((argument) => isFunction(argument)), model, kinds.creates, kinds.updates);
        }
      },
      NewExpression(node) {
        const name = referenceName(node.callee);
        const isModel = name !== undefined && (/^[A-Z]/u.test(name) || name.endsWith('Model'));
        if (isModel && node.arguments.length > 0 && isUserish(new Set(modelNameWords(name)))) stores.push(node);
      },
      BinaryExpression(node) {
        if (node.operator !== '===' && node.operator !== '==' && node.operator !== '!==' && node.operator !== '!=') return;
        const named = (side: TSESTree.Node) => {
          const name = referenceName(side);
          return name === undefined || passwordNameClass(name) !== undefined || unwrap(side).type === AST_NODE_TYPES.CallExpression;
        };
        if (node.left.type !== AST_NODE_TYPES.Literal && node.right.type !== AST_NODE_TYPES.Literal && named(node.left) && named(node.right)) comparisons.push(node);
      },
      AssignmentExpression(node) {
        if (node.operator !== '=' || node.left.type !== AST_NODE_TYPES.MemberExpression) return;
        const name = memberName(node.left);
        if (name === undefined || !isStorageClass(passwordNameClass(name))) return;
        assignments.push(node);
      },
      Property(node) {
        const key = staticName(node.key, node.computed);
        if (key !== undefined && HOOK_KEYS.has(key) && isFunction(node.value)) {
          const kinds = hookKinds(key);
          collectHook(node.value, EMPTY, kinds.creates, kinds.updates);
        }
      },
      MethodDefinition(node) {
        const key = staticName(node.key, node.computed);
        const decorators = node.decorators.map((decorator) => referenceName(decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.callee : decorator.expression));
        const hook = decorators.find((name) => name !== undefined && HOOK_DECORATORS.has(name)) ?? (key !== undefined && HOOK_KEYS.has(key) ? key : undefined);
        if (hook === undefined) return;
        const declaration = node.parent.parent;
        const model = 'id' in declaration && declaration.id ? modelWords(declaration.id.name) : EMPTY;
        const kinds = hookKinds(hook);
        collectHook(node.value, model, kinds.creates, kinds.updates);
      },
      'Program:exit'() {
        for (const candidate of hookCandidates) {
          if (hashesPassword(candidate.fn)) hooks.push({ model: candidate.model, creates: candidate.creates, updates: candidate.updates });
        }
        for (const assignment of assignments) {
          if (isHashed(assignment.right)) {
            const left = assignment.left as TSESTree.MemberExpression;
            hashedInPlace.push({ object: sourceCode.getText(unwrap(left.object)), fn: enclosingFn(assignment), end: assignment.range[1] });
          }
        }
        for (const call of stores) checkStore(call);
        for (const assignment of assignments) checkAssignment(assignment);
        for (const call of lookups) {
          if (calleeParts(call).object) checkLookup(call);
          else checkDrizzleComparison(call);
        }
        for (const call of sqlCalls) checkSql(call);
        for (const comparison of comparisons) checkComparison(comparison);
      },
    };
  },
});

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
