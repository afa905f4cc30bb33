import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { alwaysExits, calleeParts, enclosingClass, isFunction, keyName, memberName, returnedValues, staticName, unwrap, type FunctionNode } from './nodes.js';
import { isRequestInput, requestDecorator } from './request-input.js';
import { findVariable, parameterOf, writesOf, type Variable } from './variables.js';

/**
 * What a string expression is made of:
 * - `constant`: only literals, constants and values that cannot carry text (numbers, booleans);
 * - `parameter`: exactly a parameter of the enclosing function (a helper's `sql` argument);
 * - `opaque`: a value we cannot see into (an imported function's result, a database row);
 * - `dynamic`: built from something non-constant we can see (a parameter, request input).
 *   `constructed` is false when the whole value is that thing (`req.query.sql`).
 */
export type Verdict =
  | { readonly kind: 'constant' }
  | { readonly kind: 'parameter'; readonly fn: TSESTree.FunctionLike; readonly index: number; readonly node: TSESTree.Node }
  | { readonly kind: 'opaque' }
  | {
      readonly kind: 'dynamic';
      readonly culprit: TSESTree.Node;
      readonly fromRequest: boolean;
      readonly constructed: boolean;
      /** The part of the text that carries the culprit (`term` in `'...' + term`), when it is not the culprit itself. */
      readonly part?: TSESTree.Node;
    };

const CONSTANT: Verdict = { kind: 'constant' };
const OPAQUE: Verdict = { kind: 'opaque' };

type Env = ReadonlyMap<TSESTree.Node, Verdict>;
const EMPTY_ENV: Env = new Map();

const MAX_DEPTH = 24;

/** Functions whose result is a number, a boolean or a fixed word. */
const NUMERIC_GLOBALS: ReadonlySet<string> = new Set(['Number', 'parseInt', 'parseFloat', 'Boolean', 'BigInt', 'isNaN', 'isFinite']);
const NUMERIC_NAMESPACES: ReadonlySet<string> = new Set(['Math', 'Number', 'Date']);
const NUMERIC_METHODS: ReadonlySet<string> = new Set([
  'indexOf', 'lastIndexOf', 'findIndex', 'findLastIndex', 'getTime', 'valueOf', 'toFixed', 'toPrecision',
  'charCodeAt', 'codePointAt', 'includes', 'has', 'some', 'every', 'startsWith', 'endsWith', 'test', 'localeCompare',
  'toISOString', 'toUTCString', 'getFullYear', 'getMonth', 'getDate', 'getHours', 'getMinutes', 'getSeconds',
]);
/** String methods whose result is the receiver's text, reshaped. */
const PASSTHROUGH_METHODS: ReadonlySet<string> = new Set([
  'toString', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase',
  'normalize', 'padStart', 'padEnd', 'repeat', 'slice', 'substring', 'substr', 'at', 'charAt',
]);
const ARRAY_PASSTHROUGH_METHODS: ReadonlySet<string> = new Set([
  'filter', 'slice', 'reverse', 'sort', 'flat', 'toSorted', 'toReversed', 'splice', 'concat', 'values',
]);
const ELEMENT_CALLBACK_METHODS: ReadonlySet<string> = new Set(['map', 'flatMap', 'forEach', 'filter', 'some', 'every', 'find', 'reduce']);

export interface ClassifierOptions {
  /** Calls whose result is safe to put into the text (escapers, configured sanitizers). */
  readonly isSanitizer: (call: TSESTree.CallExpression) => boolean;
  /** Calls that paste their arguments into a format string (`util.format`, `sprintf`). */
  readonly isFormatter: (call: TSESTree.CallExpression) => boolean;
}

/** Classifies string expressions by following locals, helpers and arrays within one file. */
export class StringClassifier {
  private readonly cache = new Map<TSESTree.Node, Verdict>();
  private readonly active = new Set<TSESTree.Node>();
  /** Array variables being read: `list = list.filter(...)` reads `list` again, which adds nothing. */
  private readonly activeArrays = new Set<Variable>();

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly options: ClassifierOptions,
  ) {}

  classify(node: TSESTree.Node, env: Env = EMPTY_ENV, depth = 0): Verdict {
    if (depth > MAX_DEPTH || this.active.has(node)) return CONSTANT;
    const cacheable = env.size === 0;
    if (cacheable) {
      const cached = this.cache.get(node);
      if (cached) return cached;
    }
    this.active.add(node);
    try {
      const verdict = this.compute(node, env, depth + 1);
      if (cacheable) this.cache.set(node, verdict);
      return verdict;
    } finally {
      this.active.delete(node);
    }
  }

  /** Parts joined into one text: anything visible and non-constant makes it dynamic. */
  construction(parts: readonly { node: TSESTree.Node; verdict: Verdict }[]): Verdict {
    let opaque = false;
    let first: Verdict | undefined;
    for (const { node, verdict } of parts) {
      if (verdict.kind === 'dynamic') {
        const candidate: Verdict = { ...verdict, constructed: true, part: node === verdict.culprit ? undefined : node };
        if (!first || (verdict.fromRequest && first.kind === 'dynamic' && !first.fromRequest)) first = candidate;
      } else if (verdict.kind === 'parameter') {
        first ??= { kind: 'dynamic', culprit: node, fromRequest: false, constructed: true };
      } else if (verdict.kind === 'opaque') {
        opaque = true;
      }
    }
    return first ?? (opaque ? OPAQUE : CONSTANT);
  }

  /** One of several values (branches, assignments): the riskiest decides. */
  union(verdicts: readonly Verdict[]): Verdict {
    let dynamic: Verdict | undefined;
    let parameter: Verdict | undefined;
    let opaque = false;
    for (const verdict of verdicts) {
      if (verdict.kind === 'dynamic') {
        if (!dynamic || (verdict.fromRequest && dynamic.kind === 'dynamic' && !dynamic.fromRequest)) dynamic = verdict;
      } else if (verdict.kind === 'parameter') {
        if (parameter && parameter.kind === 'parameter' && parameter.index !== verdict.index) opaque = true;
        parameter ??= verdict;
      } else if (verdict.kind === 'opaque') {
        opaque = true;
      }
    }
    if (dynamic) return dynamic;
    if (parameter && !opaque) return parameter;
    return opaque ? OPAQUE : CONSTANT;
  }

  private parts(nodes: readonly TSESTree.Node[], env: Env, depth: number): Verdict {
    return this.construction(nodes.map((node) => ({ node, verdict: this.classify(node, env, depth) })));
  }

  private compute(raw: TSESTree.Node, env: Env, depth: number): Verdict {
    const node = unwrap(raw);
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return CONSTANT;
      case AST_NODE_TYPES.TemplateLiteral:
        return this.parts(node.expressions, env, depth);
      case AST_NODE_TYPES.TaggedTemplateExpression:
        return isStringRaw(node.tag) ? this.parts(node.quasi.expressions, env, depth) : CONSTANT;
      case AST_NODE_TYPES.BinaryExpression:
        return node.operator === '+' ? this.parts([node.left, node.right], env, depth) : CONSTANT;
      case AST_NODE_TYPES.ConditionalExpression:
        return this.union([this.classify(node.consequent, env, depth), this.classify(node.alternate, env, depth)]);
      case AST_NODE_TYPES.LogicalExpression:
        return this.union([this.classify(node.left, env, depth), this.classify(node.right, env, depth)]);
      case AST_NODE_TYPES.AssignmentExpression:
        return this.classify(node.right, env, depth);
      case AST_NODE_TYPES.SequenceExpression:
        return this.classify(node.expressions.at(-1)!, env, depth);
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.UpdateExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ClassExpression:
      case AST_NODE_TYPES.ThisExpression:
        return CONSTANT;
      case AST_NODE_TYPES.Identifier:
        return this.identifier(node, env, depth);
      case AST_NODE_TYPES.MemberExpression:
        return this.member(node, env, depth);
      case AST_NODE_TYPES.CallExpression:
        return this.call(node, env, depth);
      default:
        return OPAQUE;
    }
  }

  private identifier(node: TSESTree.Identifier, env: Env, depth: number): Verdict {
    if (node.name === 'undefined' || node.name === 'NaN' || node.name === 'Infinity') return CONSTANT;
    const variable = findVariable(this.sourceCode, node);
    const definition = variable?.defs[0];
    if (!variable || !definition) return OPAQUE;
    if (this.isGuarded(variable, node)) return CONSTANT;
    switch (definition.type) {
      case 'Parameter':
        return this.parameter(variable, node, env, depth);
      case 'Variable':
        return this.variable(variable, env, depth);
      case 'ImportBinding':
      case 'ClassName':
      case 'FunctionName':
      case 'TSEnumName':
      case 'Type':
        return CONSTANT;
      default:
        return OPAQUE;
    }
  }

  private parameter(variable: Variable, node: TSESTree.Identifier, env: Env, depth: number): Verdict {
    const parameter = parameterOf(variable);
    if (!parameter) return OPAQUE;
    const bound = env.get(parameter.name);
    if (bound) return bound;
    const { fn, index, name } = parameter;
    // `items.map((item, i) => ...)`: the index is a number, the item an element of `items`.
    const call = fn.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === fn && !parameter.destructured) {
      const { object, name: method } = calleeParts(call);
      if (object && method !== undefined && ELEMENT_CALLBACK_METHODS.has(method)) {
        const elementIndex = method === 'reduce' ? 1 : 0;
        if (index === elementIndex) return this.elements(object, env, depth);
        return method === 'reduce' && index === 0 ? OPAQUE : CONSTANT;
      }
      if (object && method === 'from' && isIdentifierNamed(object, 'Array')) {
        return index === 0 && call.arguments[0] ? this.elements(call.arguments[0], env, depth) : CONSTANT;
      }
    }
    if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments[1] === fn) {
      const { object, name: method } = calleeParts(call);
      if (object && method === 'from' && isIdentifierNamed(object, 'Array')) {
        return index === 0 && call.arguments[0] ? this.elements(call.arguments[0], env, depth) : CONSTANT;
      }
    }
    const fromRequest = requestDecorator(name) !== undefined;
    if (parameter.destructured || fromRequest) return { kind: 'dynamic', culprit: node, fromRequest, constructed: false };
    return { kind: 'parameter', fn, index, node };
  }

  private variable(variable: Variable, env: Env, depth: number): Verdict {
    const writes = writesOf(variable);
    if (writes.length === 0) return OPAQUE;
    return this.union(
      writes.map((write) => {
        if (write.element === 'of') return this.elements(write.value, env, depth);
        if (write.element === 'in') return this.keys(write.value, env, depth);
        if (write.path.length > 0) return this.memberOf(write.value, write.path, write.value, env, depth);
        if (isFunction(write.value)) return CONSTANT;
        return this.classify(write.value, env, depth);
      }),
    );
  }

  /** `object.a.b` where the object is `value` (a destructured variable, a property read). */
  private memberOf(value: TSESTree.Node, path: readonly string[], culprit: TSESTree.Node, env: Env, depth: number): Verdict {
    const literal = this.objectLiteral(value);
    if (literal && path[0] !== undefined) {
      const property = literal.properties.find(
        (candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && keyName(candidate) === path[0],
      );
      if (property) return path.length === 1 ? this.classify(property.value, env, depth) : this.memberOf(property.value, path.slice(1), culprit, env, depth);
      if (literal.properties.every((candidate) => candidate.type === AST_NODE_TYPES.Property)) return CONSTANT;
    }
    const verdict = this.classify(value, env, depth);
    switch (verdict.kind) {
      case 'constant':
      case 'opaque':
        return verdict;
      case 'parameter':
        return { kind: 'dynamic', culprit, fromRequest: false, constructed: false };
      case 'dynamic':
        return { ...verdict, culprit: verdict.constructed ? verdict.culprit : culprit, constructed: verdict.constructed };
    }
  }

  /** The object literal a value stands for: `{...}` itself or a `const` bound to one. */
  private objectLiteral(node: TSESTree.Node): TSESTree.ObjectExpression | undefined {
    const inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
    if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariable(this.sourceCode, inner);
    const declarator = variable?.defs[0]?.node;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.parent.kind !== 'const' || declarator.id !== variable?.defs[0]?.name) {
      return undefined;
    }
    return declarator.init ? this.objectLiteral(declarator.init) : undefined;
  }

  private member(node: TSESTree.MemberExpression, env: Env, depth: number): Verdict {
    if (isRequestInput(node)) return { kind: 'dynamic', culprit: node, fromRequest: true, constructed: false };
    const object = unwrap(node.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) return CONSTANT;
    if (object.type === AST_NODE_TYPES.MemberExpression && isIdentifierNamed(object.object, 'process') && memberName(object) === 'env') {
      return CONSTANT;
    }
    const name = memberName(node);
    if (!node.computed && (name === 'length' || name === 'size')) return CONSTANT;
    if (node.computed && this.isConstantCollection(object, env, depth)) return CONSTANT;
    if (name !== undefined) return this.memberOf(object, [name], node, env, depth);
    const verdict = this.classify(object, env, depth);
    if (verdict.kind === 'parameter') return { kind: 'dynamic', culprit: node, fromRequest: false, constructed: false };
    return verdict;
  }

  private call(node: TSESTree.CallExpression, env: Env, depth: number): Verdict {
    if (isRequestInput(node)) return { kind: 'dynamic', culprit: node, fromRequest: true, constructed: false };
    if (this.options.isSanitizer(node)) return CONSTANT;
    const { object, name } = calleeParts(node);
    const callee = unwrap(node.callee);
    if (!object && name !== undefined && NUMERIC_GLOBALS.has(name)) return CONSTANT;
    if (object && isIdentifierNamed(object, 'JSON') && name === 'stringify') {
      return node.arguments[0] ? this.parts([node.arguments[0]], env, depth) : CONSTANT;
    }
    if (object && unwrap(object).type === AST_NODE_TYPES.Identifier && NUMERIC_NAMESPACES.has((unwrap(object) as TSESTree.Identifier).name)) {
      return CONSTANT;
    }
    if (name === 'String' && !object) return node.arguments[0] ? this.classify(node.arguments[0], env, depth) : CONSTANT;
    if (object && name !== undefined) {
      if (NUMERIC_METHODS.has(name)) return CONSTANT;
      // `params.get('q')` where `params` is the request's search parameters.
      if (name === 'get' || name === 'getAll') {
        const receiver = this.classify(object, env, depth);
        if (receiver.kind === 'dynamic' && receiver.fromRequest) return { kind: 'dynamic', culprit: node, fromRequest: true, constructed: false };
      }
      if (PASSTHROUGH_METHODS.has(name)) return this.classify(object, env, depth);
      if (name === 'join') {
        const separator = node.arguments[0];
        return this.construction([
          { node: object, verdict: this.elements(object, env, depth) },
          ...(separator ? [{ node: separator, verdict: this.classify(separator, env, depth) }] : []),
        ]);
      }
      if (name === 'concat') return this.parts([object, ...node.arguments], env, depth);
      if (name === 'replace' || name === 'replaceAll') {
        const replacement = node.arguments[1];
        const replacementVerdict = !replacement ? CONSTANT : isFunction(unwrap(replacement)) ? OPAQUE : this.classify(replacement, env, depth);
        return this.construction([
          { node: object, verdict: this.classify(object, env, depth) },
          ...(replacement ? [{ node: replacement, verdict: replacementVerdict }] : []),
        ]);
      }
    }
    if (this.options.isFormatter(node)) return this.parts(node.arguments, env, depth);
    const fn = this.functionOf(callee);
    if (fn) return this.returns(fn, this.bind(fn, node.arguments, env, depth), depth);
    return OPAQUE;
  }

  /** Binds a same-file function's parameters to the call's arguments. */
  private bind(fn: FunctionNode, args: readonly TSESTree.CallExpressionArgument[], env: Env, depth: number): Env {
    const bound = new Map<TSESTree.Node, Verdict>();
    fn.params.forEach((param, index) => {
      const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      const argument = args[index];
      if (target.type !== AST_NODE_TYPES.Identifier) return;
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) {
        bound.set(target, param.type === AST_NODE_TYPES.AssignmentPattern ? this.classify(param.right, env, depth) : CONSTANT);
      } else {
        bound.set(target, this.classify(argument, env, depth));
      }
    });
    return bound;
  }

  /** What a function returns, with its parameters bound. */
  returns(fn: FunctionNode, env: Env, depth: number): Verdict {
    return this.union(returnedValues(fn).map((expression) => this.classify(expression, env, depth)));
  }

  /** The function a callee names in this file: a declaration, a `const` arrow, `this.method`. */
  functionOf(callee: TSESTree.Node): FunctionNode | undefined {
    const inner = unwrap(callee);
    if (inner.type === AST_NODE_TYPES.Identifier) {
      const definition = findVariable(this.sourceCode, inner)?.defs[0];
      if (definition?.type === 'FunctionName' && isFunction(definition.node)) return definition.node;
      if (definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === definition.name) {
        const init = definition.node.init && unwrap(definition.node.init);
        if (isFunction(init) && definition.node.parent.kind === 'const') return init;
      }
      return undefined;
    }
    if (inner.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const name = memberName(inner);
    if (name === undefined) return undefined;
    const object = unwrap(inner.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) {
      for (const member of enclosingClass(inner)?.body ?? []) {
        if ((member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition) && keyName(member) === name) {
          const value = member.value && unwrap(member.value);
          if (isFunction(value)) return value;
        }
      }
      return undefined;
    }
    const literal = this.objectLiteral(object);
    const property = literal?.properties.find(
      (candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && keyName(candidate) === name,
    );
    const value = property && unwrap(property.value);
    return isFunction(value) ? value : undefined;
  }

  /** The elements of an array-valued expression, as one verdict. */
  elements(node: TSESTree.Node, env: Env, depth: number): Verdict {
    if (depth > MAX_DEPTH) return CONSTANT;
    const inner = unwrap(node);
    switch (inner.type) {
      case AST_NODE_TYPES.ArrayExpression:
        return this.union(
          inner.elements.map((element) =>
            !element ? CONSTANT : element.type === AST_NODE_TYPES.SpreadElement ? this.elements(element.argument, env, depth + 1) : this.classify(element, env, depth + 1),
          ),
        );
      case AST_NODE_TYPES.Identifier:
        return this.arrayVariable(inner, env, depth + 1);
      case AST_NODE_TYPES.NewExpression:
        return inner.arguments[0] && isIdentifierNamed(inner.callee, 'Set') ? this.elements(inner.arguments[0], env, depth + 1) : OPAQUE;
      case AST_NODE_TYPES.CallExpression:
        return this.arrayCall(inner, env, depth + 1);
      default: {
        const verdict = this.classify(inner, env, depth + 1);
        return verdict.kind === 'parameter' ? { kind: 'dynamic', culprit: inner, fromRequest: false, constructed: false } : verdict;
      }
    }
  }

  private arrayCall(node: TSESTree.CallExpression, env: Env, depth: number): Verdict {
    const { object, name } = calleeParts(node);
    if (!object || name === undefined) return OPAQUE;
    if (isIdentifierNamed(object, 'Object')) {
      const [target] = node.arguments;
      if (!target) return CONSTANT;
      const values = () => (this.isConstantCollection(target, env, depth) ? CONSTANT : this.classify(target, env, depth));
      if (name === 'keys') return this.keys(target, env, depth);
      if (name === 'values') return values();
      // Entries are [key, value] pairs: a destructured key or value is as risky as either.
      if (name === 'entries') return this.union([this.keys(target, env, depth), values()]);
      return OPAQUE;
    }
    if (isIdentifierNamed(object, 'Array') && name === 'from') {
      const [source, mapper] = node.arguments;
      if (mapper && isFunction(unwrap(mapper))) return this.returns(unwrap(mapper) as FunctionNode, env, depth);
      return source ? this.elements(source, env, depth) : CONSTANT;
    }
    if (name === 'fill') return node.arguments[0] ? this.classify(node.arguments[0], env, depth) : CONSTANT;
    if (name === 'map' || name === 'flatMap') {
      const mapper = node.arguments[0] && unwrap(node.arguments[0]);
      return isFunction(mapper) ? this.returns(mapper, env, depth) : OPAQUE;
    }
    if (name === 'split') return this.classify(object, env, depth);
    if (ARRAY_PASSTHROUGH_METHODS.has(name)) {
      return this.union([this.elements(object, env, depth), ...node.arguments.map((argument) => this.elements(argument, env, depth))]);
    }
    return OPAQUE;
  }

  /** An array variable: its initial value, what is pushed into it and what is assigned to its slots. */
  private arrayVariable(node: TSESTree.Identifier, env: Env, depth: number): Verdict {
    const variable = findVariable(this.sourceCode, node);
    const definition = variable?.defs[0];
    if (!variable || !definition) return OPAQUE;
    if (definition.type === 'ImportBinding') return CONSTANT;
    if (definition.type === 'Parameter') {
      const verdict = this.parameter(variable, node, env, depth);
      return verdict.kind === 'parameter' ? { kind: 'dynamic', culprit: node, fromRequest: false, constructed: false } : verdict;
    }
    if (definition.type !== 'Variable') return OPAQUE;
    if (this.activeArrays.has(variable)) return CONSTANT;
    this.activeArrays.add(variable);
    try {
      return this.union(this.arrayWrites(variable, node, env, depth));
    } finally {
      this.activeArrays.delete(variable);
    }
  }

  /** The values that flow into an array variable, one verdict each. */
  private arrayWrites(variable: Variable, node: TSESTree.Identifier, env: Env, depth: number): Verdict[] {
    const verdicts: Verdict[] = writesOf(variable).map((write) =>
      write.path.length > 0 ? this.memberOf(write.value, write.path, node, env, depth) : this.elements(write.value, env, depth),
    );
    for (const reference of variable.references) {
      const parent = reference.identifier.parent;
      if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== reference.identifier) continue;
      const grandparent = parent.parent;
      const method = memberName(parent);
      if (grandparent?.type === AST_NODE_TYPES.CallExpression && grandparent.callee === parent && (method === 'push' || method === 'unshift')) {
        for (const argument of grandparent.arguments) {
          verdicts.push(argument.type === AST_NODE_TYPES.SpreadElement ? this.elements(argument.argument, env, depth) : this.classify(argument, env, depth));
        }
      } else if (parent.computed && grandparent?.type === AST_NODE_TYPES.AssignmentExpression && grandparent.left === parent) {
        verdicts.push(this.classify(grandparent.right, env, depth));
      }
    }
    return verdicts;
  }

  /** The keys of an object-valued expression. */
  private keys(node: TSESTree.Node, env: Env, depth: number): Verdict {
    const literal = this.objectLiteral(node);
    if (literal) {
      return this.union(
        literal.properties.map((property) => {
          if (property.type === AST_NODE_TYPES.SpreadElement) return this.keys(property.argument, env, depth + 1);
          return property.computed ? this.classify(property.key, env, depth + 1) : CONSTANT;
        }),
      );
    }
    const verdict = this.classify(node, env, depth + 1);
    if (verdict.kind === 'parameter') return { kind: 'dynamic', culprit: node, fromRequest: false, constructed: false };
    return verdict;
  }

  /** A collection whose every element (or value) is a constant: an allowlist, a lookup table. */
  private isConstantCollection(node: TSESTree.Node, env: Env, depth: number): boolean {
    const inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.Identifier) {
      const definition = findVariable(this.sourceCode, inner)?.defs[0];
      if (definition?.type === 'ImportBinding' || definition?.type === 'TSEnumName') return true;
    }
    if (inner.type === AST_NODE_TYPES.MemberExpression && unwrap(inner.object).type === AST_NODE_TYPES.ThisExpression) return true;
    const literal = this.objectLiteral(inner);
    if (literal) {
      return literal.properties.every(
        (property) => property.type === AST_NODE_TYPES.Property && this.classify(property.value, env, depth + 1).kind === 'constant',
      );
    }
    return this.elements(inner, env, depth + 1).kind === 'constant';
  }

  /** An allowlist check before the use: `if (!ALLOWED.includes(sort)) throw ...` or `ALLOWED.includes(sort) ? sort : 'id'`. */
  private isGuarded(variable: Variable, use: TSESTree.Node): boolean {
    let child: TSESTree.Node = use;
    for (let current = use.parent; current && !isFunction(child); child = current, current = current.parent) {
      if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child && this.allowlistCheck(current.test, variable) === 'allowed') {
        return true;
      }
      if (current.type === AST_NODE_TYPES.ConditionalExpression && current.consequent === child && this.allowlistCheck(current.test, variable) === 'allowed') {
        return true;
      }
      if (current.type === AST_NODE_TYPES.IfStatement && current.alternate === child && this.allowlistCheck(current.test, variable) === 'rejected') {
        return true;
      }
      const statements =
        current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program
          ? current.body
          : current.type === AST_NODE_TYPES.SwitchCase
            ? current.consequent
            : undefined;
      if (!statements) continue;
      for (const statement of statements) {
        if (statement === child) break;
        if (
          statement.type === AST_NODE_TYPES.IfStatement &&
          alwaysExits(statement.consequent) &&
          this.allowlistCheck(statement.test, variable) === 'rejected'
        ) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether `test` holds when the variable is in a constant allowlist (`allowed`) or when it is not (`rejected`). */
  private allowlistCheck(test: TSESTree.Node, variable: Variable): 'allowed' | 'rejected' | undefined {
    const node = unwrap(test);
    const flip = (result: 'allowed' | 'rejected' | undefined) => (result === 'allowed' ? 'rejected' : result === 'rejected' ? 'allowed' : undefined);
    if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return flip(this.allowlistCheck(node.argument, variable));
    if (node.type === AST_NODE_TYPES.LogicalExpression) {
      const left = this.allowlistCheck(node.left, variable);
      const right = this.allowlistCheck(node.right, variable);
      if (node.operator === '&&' && left === 'rejected' && right === 'rejected') return 'rejected';
      if (node.operator === '||' && left === 'allowed' && right === 'allowed') return 'allowed';
      // `!sort || !ALLOWED.includes(sort)` rejects as well.
      if (node.operator === '||' && (left === 'rejected' || right === 'rejected')) return 'rejected';
      if (node.operator === '&&' && (left === 'allowed' || right === 'allowed')) return 'allowed';
      return undefined;
    }
    if (node.type === AST_NODE_TYPES.BinaryExpression) {
      const { left, right, operator } = node;
      if (operator === 'in') return this.isVariable(left, variable) && this.isConstantCollection(right, EMPTY_ENV, 0) ? 'allowed' : undefined;
      const literalSide = left.type === AST_NODE_TYPES.Literal ? left : right.type === AST_NODE_TYPES.Literal ? right : undefined;
      const otherSide = literalSide === left ? right : left;
      if (literalSide && this.isVariable(otherSide, variable) && literalSide.value !== null) {
        if (operator === '===' || operator === '==') return 'allowed';
        if (operator === '!==' || operator === '!=') return 'rejected';
      }
      // `ALLOWED.indexOf(x) === -1`
      const call = unwrap(left);
      if (call.type === AST_NODE_TYPES.CallExpression && this.collectionCheck(call, variable)) {
        const value = right.type === AST_NODE_TYPES.UnaryExpression && right.operator === '-' ? -1 : right.type === AST_NODE_TYPES.Literal ? right.value : undefined;
        if ((operator === '===' || operator === '==') && value === -1) return 'rejected';
        if (operator === '<' && value === 0) return 'rejected';
        if ((operator === '!==' || operator === '!=') && value === -1) return 'allowed';
        if ((operator === '>=' && value === 0) || (operator === '>' && value === -1)) return 'allowed';
      }
      return undefined;
    }
    if (node.type === AST_NODE_TYPES.CallExpression && this.collectionCheck(node, variable)) return 'allowed';
    return undefined;
  }

  /** `ALLOWED.includes(x)`, `set.has(x)`, `Object.hasOwn(MAP, x)`, `MAP.hasOwnProperty(x)`, `ALLOWED.indexOf(x)`. */
  private collectionCheck(call: TSESTree.CallExpression, variable: Variable): boolean {
    const { object, name } = calleeParts(call);
    if (!object || name === undefined) return false;
    const [first, second] = call.arguments;
    if (name === 'hasOwn' && isIdentifierNamed(object, 'Object')) {
      return !!first && !!second && this.isVariable(second, variable) && this.isConstantCollection(first, EMPTY_ENV, 0);
    }
    if (name !== 'includes' && name !== 'has' && name !== 'hasOwnProperty' && name !== 'indexOf') return false;
    if (!first || !this.isVariable(first, variable)) return false;
    const collection = unwrap(object);
    if (collection.type === AST_NODE_TYPES.CallExpression) {
      const inner = calleeParts(collection);
      if (inner.object && isIdentifierNamed(inner.object, 'Object') && inner.name === 'keys' && collection.arguments[0]) {
        return this.isConstantCollection(collection.arguments[0], EMPTY_ENV, 0);
      }
    }
    return this.isConstantCollection(collection, EMPTY_ENV, 0) || this.keys(collection, EMPTY_ENV, 0).kind === 'constant';
  }

  private isVariable(node: TSESTree.Node, variable: Variable): boolean {
    const inner = unwrap(node);
    return inner.type === AST_NODE_TYPES.Identifier && inner.name === variable.name && findVariable(this.sourceCode, inner) === variable;
  }
}

function isIdentifierNamed(node: TSESTree.Node, name: string): boolean {
  const inner = unwrap(node);
  return inner.type === AST_NODE_TYPES.Identifier && inner.name === name;
}

function isStringRaw(tag: TSESTree.Node): boolean {
  return tag.type === AST_NODE_TYPES.MemberExpression && isIdentifierNamed(tag.object, 'String') && staticName(tag.property) === 'raw';
}
