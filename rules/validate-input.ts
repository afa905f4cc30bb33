import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { splitWords } from '../src/catalog/sensitive-names.js';
import {
  CREDENTIAL_CHECK_WORDS,
  INPUT_PARTS,
  NON_SCHEMA_RECEIVERS,
  NUMERIC_COERCIONS,
  SCHEMA_METHODS,
  UNCHECKED_NEST_TYPES,
  VALIDATION_FUNCTIONS,
  VALIDATION_MIDDLEWARE_MODULES,
  VALIDATION_MODULES,
  VALIDATION_NAME,
  type InputPart,
} from '../src/catalog/validation.js';
import { OriginResolver, originResolver, type ModuleModel } from '../src/ast/module-origin.js';
import { alwaysExits, calleeOf, calleeParts, isFunction, keyName, memberName, pushChildren, returnedValues, unwrap, type FunctionNode } from '../src/ast/nodes.js';
import { describeHandler, type RouteHandler } from '../src/ast/route-handlers.js';
import { requestDecorator } from '../src/ast/request-input.js';
import { findVariable } from '../src/ast/variables.js';
import { createRule } from '../src/create-rule.js';
import { flowOf, type Flow, type FlowHandler } from '../src/flow/index.js';
import { usesOf, type Use } from '../src/flow/uses.js';
import { nameList } from '../src/schema.js';

type Options = [{ inputs?: InputPart[]; validators?: string[]; trustDtoClasses?: boolean; trustServices?: boolean; checkControllerFunctions?: boolean }];
type MessageIds = 'unvalidatedInput' | 'unvalidatedNestInput';

/** One read of request input in a handler. */
interface Read {
  readonly part: InputPart;
  /** The read as the message names it (`req.body`, `c.req.json()`). */
  readonly label: string;
  /** The expression (or the name a destructuring binds) whose value is the input. */
  readonly node: TSESTree.Node;
}

/** Where a check or a validation of (a path into) an input holds: after a statement, or inside a branch. */
interface Guard {
  readonly after?: TSESTree.Node;
  readonly inside?: TSESTree.Node | null;
  readonly path: readonly string[];
}

/** Request properties and methods whose value may be a whole input part (the engine decides). */
const READ_PROPERTIES: ReadonlySet<string> = new Set(['body', 'query', 'params', 'searchParams', 'queryStringParameters', 'pathParameters', 'payload', 'rawBody']);
const READ_METHODS: ReadonlySet<string> = new Set(['json', 'formData', 'text', 'parseBody', 'query', 'queries', 'param', 'arrayBuffer', 'blob']);

const MAX_FOLLOW = 6;
/** How many factories deep a middleware is followed (`v()` returning `w()` returning the validator). */
const MAX_FACTORY_DEPTH = 2;
/** Calls whose result is still the input they were given, to follow to a validation. */
const TRANSFORMS: ReadonlySet<string> = new Set(['String', 'fromEntries', 'structuredClone', 'assign', 'decodeURIComponent', 'plainToInstance', 'plainToClass', 'from', 'trim', 'toLowerCase', 'toUpperCase']);
/** Receivers that are a service layer: `usersService`, `this.authService`, `new ItemsService(...)`, `getService('users')`. */
const SERVICE_NAME = /(?:service|manager)$/iu;
/** Managers that are database handles, not a service layer (TypeORM's `EntityManager`). */
const DATABASE_MANAGERS = /^(?:entity|transaction|transactional)?manager$/iu;
const NEST_PARTS: ReadonlyMap<string, InputPart> = new Map([
  ['Body', 'body'],
  ['Query', 'query'],
  ['Param', 'params'],
]);

function joinLabels(labels: readonly string[]): string {
  const quoted = labels.map((label) => `\`${label}\``);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

function paramTarget(param: TSESTree.Parameter | undefined): TSESTree.Node | undefined {
  if (!param) return undefined;
  const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  return inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
}

export default createRule<Options, MessageIds>({
  name: 'validate-input',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require request handlers to validate the body and query they read with a schema',
      recommended: false,
      servedTraffic: true,
      standard: 'Every endpoint validates its input with a schema',
      precision: 'medium',
      securitySeverity: 5.3,
    },
    messages: {
      unvalidatedInput:
        '{{handler}} uses {{inputs}} without schema validation: the client can send any shape, type or size there. Parse it with a schema (zod, joi, yup, valibot, ajv) and use only the result, or put validation middleware ({{middleware}}) on the route.',
      unvalidatedNestInput:
        '{{handler}} takes {{inputs}} without validation: {{reason}}. Type it with a DTO class (class-validator decorators, checked by the ValidationPipe) or pass a validation pipe to the decorator.',
    },
    defaultOptions: [{ inputs: ['body', 'query'], validators: [], trustDtoClasses: true, trustServices: true, checkControllerFunctions: false }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          inputs: {
            type: 'array',
            items: { type: 'string', enum: [...INPUT_PARTS] },
            uniqueItems: true,
            description: 'The request inputs that must be validated: `body`, `query`, `params` (route parameters are off by default: the router matched them as strings).',
          },
          validators: nameList(
            'Names of in-house functions and middleware that validate the request (`checkBody`, `requireFields`), in addition to the libraries and to names containing "valid", "schema" or "sanitiz".',
          ),
          trustDtoClasses: {
            type: 'boolean',
            description:
              'A NestJS `@Body()`/`@Query()` parameter typed with a class counts as validated, trusting a global ValidationPipe set up in main.ts (which a per-file rule cannot see). Set to false to require a pipe in the file.',
          },
          trustServices: {
            type: 'boolean',
            description:
              'Input handed as an argument to a service (`usersService.create(req.body)`, `new ItemsService(...).updateOne(id, req.body)`) counts as validated there, in a layer a per-file rule cannot see. Set to false to require validation in the handler or its route.',
          },
          checkControllerFunctions: {
            type: 'boolean',
            description:
              'Also check exported `(req, res)` functions of controller files when no file of the project declares their route (so their route middleware is unknown). Functions another project file declares routes for are always checked, with that route\'s middleware.',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const parts = new Set<InputPart>(options.inputs ?? ['body', 'query']);
    const validators = new Set(options.validators ?? []);
    const trustDtoClasses = options.trustDtoClasses !== false;
    const trustServices = options.trustServices !== false;
    const modules = originResolver(sourceCode);
    const flow = flowOf(context);
    const useCalls: TSESTree.CallExpression[] = [];
    let fileHasValidationPipe = false;

    function isValidatorName(name: string | undefined): boolean {
      if (name === undefined) return false;
      if (validators.has(name)) return true;
      return VALIDATION_NAME.test(name) && !splitWords(name).some((word) => CREDENTIAL_CHECK_WORDS.has(word));
    }

    function validationModule(node: TSESTree.Node, resolver: OriginResolver<ModuleModel> = modules): boolean {
      const origin = resolver.resolve(node);
      return origin !== undefined && (VALIDATION_MODULES.has(origin.module) || VALIDATION_MIDDLEWARE_MODULES.has(origin.module));
    }

    /**
     * Middleware that validates: `celebrate({...})`, `body('email').isEmail()`, `zValidator('json', s)`,
     * `validate(schema)`, or a project function's call that returns such middleware (`roleValidator()`
     * returning `joiValidator.body(schema)`): the name of a factory may say what it checks, not how.
     */
    function isValidationMiddleware(node: TSESTree.Node, file: Flow = flow, factories = 0): boolean {
      if (namesValidation(node, file.modules)) return true;
      const call = unwrap(node);
      if (call.type !== AST_NODE_TYPES.CallExpression || factories >= MAX_FACTORY_DEPTH) return false;
      const called = file.calledFunction(call);
      return called !== undefined && returnedValues(called.fn).some((value) => isValidationMiddleware(value, called.flow, factories + 1));
    }

    /** Middleware whose name or module says it validates. */
    function namesValidation(node: TSESTree.Node, resolver: OriginResolver<ModuleModel>): boolean {
      let current = unwrap(node);
      for (let depth = 0; depth < 12; depth++) {
        if (current.type === AST_NODE_TYPES.NewExpression || current.type === AST_NODE_TYPES.CallExpression) {
          current = unwrap(calleeOf(current));
          continue;
        }
        if (current.type === AST_NODE_TYPES.MemberExpression) {
          if (isValidatorName(memberName(current))) return true;
          const object = unwrap(current.object);
          if (object.type === AST_NODE_TYPES.Identifier && validationModule(object, resolver)) return true;
          current = object;
          continue;
        }
        if (current.type === AST_NODE_TYPES.Identifier) return isValidatorName(current.name) || validationModule(current, resolver);
        return false;
      }
      return false;
    }

    /** A call that validates its arguments: a schema method, a validation library's function, an in-house validator. */
    function isValidationCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      const callee = unwrap(calleeOf(call));
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(callee);
        if (name === undefined) return false;
        const object = unwrap(callee.object);
        const receiver = object.type === AST_NODE_TYPES.Identifier ? object.name : object.type === AST_NODE_TYPES.MemberExpression ? memberName(object) : undefined;
        if (receiver !== undefined && NON_SCHEMA_RECEIVERS.has(receiver)) return false;
        if (SCHEMA_METHODS.has(name) || isValidatorName(name)) return true;
        return object.type === AST_NODE_TYPES.Identifier && validationModule(object) && name !== 'object';
      }
      if (callee.type === AST_NODE_TYPES.Identifier) {
        if (VALIDATION_FUNCTIONS.has(callee.name) || isValidatorName(callee.name)) return true;
        // `parse(Schema, input)` (valibot), `assert(input, Struct)` (superstruct), `ow(input, ow.string)`.
        return validationModule(callee);
      }
      return false;
    }

    /** A call on a service or manager (`usersService.create(...)`, `new ItemsService(opts).updateOne(...)`, `getLicenseManager().activate(...)`). */
    function isServiceCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      const callee = unwrap(calleeOf(call));
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      let receiver = unwrap(callee.object);
      if (receiver.type === AST_NODE_TYPES.NewExpression || receiver.type === AST_NODE_TYPES.CallExpression) receiver = unwrap(calleeOf(receiver));
      const name = receiver.type === AST_NODE_TYPES.Identifier ? receiver.name : receiver.type === AST_NODE_TYPES.MemberExpression ? memberName(receiver) : undefined;
      return name !== undefined && SERVICE_NAME.test(name) && !DATABASE_MANAGERS.test(name);
    }

    function isTransform(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      const callee = unwrap(calleeOf(call));
      const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
      return name !== undefined && TRANSFORMS.has(name);
    }


    // ---- Reads of request input and what becomes of them -------------------------------------

    /** A check of a value's type or format (`typeof x`, `isEmail(x)`, `ALLOWED.includes(x)`, `re.test(x)`), as opposed to a presence test. */
    function isCheck(use: Use): boolean {
      const at = use.at;
      if (at.type === AST_NODE_TYPES.UnaryExpression) return at.operator === 'typeof';
      if (at.type === AST_NODE_TYPES.BinaryExpression) {
        if (at.operator === 'instanceof' || at.operator === 'in') return true;
        if (at.operator !== '===' && at.operator !== '!==' && at.operator !== '==' && at.operator !== '!=') return false;
        // `x === 'csv'`: compared with a constant, the result is a boolean.
        const other = at.left === use.node ? at.right : at.left;
        // `x == ''` and `x == null` only test presence.
        return other.type === AST_NODE_TYPES.Literal && other.value !== null && other.value !== '';
      }
      if (at.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = unwrap(calleeOf(at));
      const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
      return name !== undefined && (/^is[A-Z]/u.test(name) || name === 'includes' || name === 'has' || name === 'test' || name === 'match');
    }

    /** The `if` whose test a check or a validation result sits in, and whether the test holds on the success side. */
    function enclosingTest(node: TSESTree.Node): { statement: TSESTree.IfStatement | TSESTree.ConditionalExpression; negated: boolean } | undefined {
      let negated = false;
      let child: TSESTree.Node = node;
      for (let current = node.parent; current; child = current, current = current.parent) {
        if (current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) return current.test === child ? { statement: current, negated } : undefined;
        if (current.type === AST_NODE_TYPES.UnaryExpression && current.operator === '!') negated = !negated;
        else if (current.type === AST_NODE_TYPES.BinaryExpression && (current.operator === '!==' || current.operator === '!=')) negated = !negated;
        else if (current.type !== AST_NODE_TYPES.LogicalExpression && current.type !== AST_NODE_TYPES.BinaryExpression && current.type !== AST_NODE_TYPES.CallExpression && current.type !== AST_NODE_TYPES.MemberExpression && current.type !== AST_NODE_TYPES.UnaryExpression && current.type !== AST_NODE_TYPES.AwaitExpression && current.type !== AST_NODE_TYPES.ChainExpression && current.type !== AST_NODE_TYPES.TSAsExpression) return undefined;
      }
      return undefined;
    }

    /** Whether a statement-level node runs before `use` on every path to it (it is a statement of a block around the use). */
    function precedes(statement: TSESTree.Node, use: TSESTree.Node): boolean {
      if (statement.range[1] > use.range[0]) return false;
      const block = statement.parent;
      for (let current = use.parent; current; current = current.parent) {
        if (current === block) return true;
        if (isFunction(current)) return false;
      }
      return false;
    }

    /** The statement a call is the whole of (`assert(body, Schema);`, `await schema.validate(body);`, `const x = parse(body);`). */
    function statementOf(node: TSESTree.Node): TSESTree.Node | undefined {
      let current = node;
      while (current.parent && (current.parent.type === AST_NODE_TYPES.AwaitExpression || current.parent.type === AST_NODE_TYPES.ExpressionStatement || current.parent.type === AST_NODE_TYPES.VariableDeclarator || current.parent.type === AST_NODE_TYPES.VariableDeclaration)) {
        current = current.parent;
        if (current.type === AST_NODE_TYPES.ExpressionStatement || current.type === AST_NODE_TYPES.VariableDeclaration) return current;
      }
      return undefined;
    }

    /**
     * Where a validation of part of the input holds: after an `if` that leaves when the check or the
     * validation fails, inside the branch where it succeeded, or after a validator that throws.
     */
    function guardOf(use: Use, validation: boolean): Guard | undefined {
      const test = enclosingTest(validation ? use.at : use.node);
      if (test?.statement.type === AST_NODE_TYPES.IfStatement) {
        const exits = alwaysExits(test.statement.consequent);
        if (exits) return { after: test.statement, path: use.path };
        return { inside: test.negated ? (test.statement.alternate ?? undefined) : test.statement.consequent, path: use.path };
      }
      if (test) return { inside: test.negated ? test.statement.alternate : test.statement.consequent, path: use.path };
      if (!validation) return undefined;
      // `const { error } = schema.validate(body); if (error) return ...`: the result's test guards what follows.
      for (const resultUse of usesOf(sourceCode, use.at)) {
        if (resultUse.kind !== 'test') continue;
        const resultTest = enclosingTest(resultUse.node);
        if (resultTest?.statement.type === AST_NODE_TYPES.IfStatement && alwaysExits(resultTest.statement.consequent)) return { after: resultTest.statement, path: use.path };
      }
      // A validator that throws on bad input, called as a statement.
      const statement = statementOf(use.at);
      return statement ? { after: statement, path: use.path } : undefined;
    }

    function covers(guard: Guard, use: Use): boolean {
      if (guard.path.some((key, index) => use.path[index] !== key)) return false;
      if (guard.after) return precedes(guard.after, use.node) && !(guard.after.range[0] <= use.node.range[0] && use.node.range[1] <= guard.after.range[1]);
      return guard.inside !== undefined && guard.inside !== null && guard.inside.range[0] <= use.node.range[0] && use.node.range[1] <= guard.inside.range[1];
    }

    /** Uses of an input: the checks and validations it passes, and the uses that do something with it. */
    function classify(read: TSESTree.Node, depth = 0): { guards: Guard[]; uses: Use[]; handled: boolean } {
      const guards: Guard[] = [];
      const uses: Use[] = [];
      /** The input went into a validator, a number, or a service: somewhere that checks it. */
      let handled = false;
      for (const use of usesOf(sourceCode, read)) {
        if (use.kind === 'discarded') continue;
        if (use.kind === 'test' || isCheck(use)) {
          if (isCheck(use) || use.at.type === AST_NODE_TYPES.UnaryExpression) {
            const guard = isCheck(use) ? guardOf(use, false) : undefined;
            if (guard) guards.push(guard);
          }
          continue;
        }
        if (use.kind === 'argument' && (use.at.type === AST_NODE_TYPES.CallExpression || use.at.type === AST_NODE_TYPES.NewExpression)) {
          const call = use.at;
          if (isValidationCall(call)) {
            handled = true;
            const guard = guardOf(use, true);
            if (guard) guards.push(guard);
            continue;
          }
          if (isNumericCoercion(call) || (trustServices && isServiceCall(call))) {
            handled = true;
            continue;
          }
          // `Object.assign(record, input)` stores the input.
          if (use.index !== 0 && calleeParts(call).name === 'assign') {
            uses.push(use);
            continue;
          }
          // `String(x)`, `Object.fromEntries(searchParams)`: the result is still the input; follow it.
          if (isTransform(call) && depth < MAX_FOLLOW) {
            const inner = classify(call, depth + 1);
            handled ||= inner.handled;
            guards.push(...inner.guards.map((guard) => ({ ...guard, path: [...use.path, ...guard.path] })));
            uses.push(...inner.uses.map((found) => ({ ...found, path: [...use.path, ...found.path] })));
            continue;
          }
        }
        if (use.kind === 'other' && use.at.type === AST_NODE_TYPES.UnaryExpression && isNumericCoercion(use.at)) {
          handled = true;
          continue;
        }
        uses.push(use);
      }
      return { guards, uses, handled };
    }

    /**
     * `if (system) { assert(a, body) } else { assert(b, body) }`: a check made on every branch of
     * an `if` holds after it.
     */
    function joinBranches(guards: readonly Guard[]): Guard[] {
      const joined: Guard[] = [];
      for (const guard of guards) {
        for (let current = guard.after?.parent; current; current = current.parent) {
          if (isFunction(current)) break;
          if (current.type !== AST_NODE_TYPES.IfStatement || !current.alternate) continue;
          const inside = (node: TSESTree.Node | undefined, branch: TSESTree.Node) => node !== undefined && branch.range[0] <= node.range[0] && node.range[1] <= branch.range[1];
          if (!inside(guard.after, current.consequent)) continue;
          const other = guards.find((candidate) => inside(candidate.after, current.alternate!) && candidate.path.join('.') === guard.path.join('.'));
          if (other) joined.push({ after: current, path: guard.path });
          break;
        }
      }
      return joined;
    }

    /** `+x`, `-x`, `Number(x)`, `parseInt(x, 10)`: a number, not an object or free text. */
    function isNumericCoercion(node: TSESTree.Node): boolean {
      if (node.type === AST_NODE_TYPES.UnaryExpression) return node.operator === '+' || node.operator === '-';
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = unwrap(calleeOf(node));
      const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
      return name !== undefined && (NUMERIC_COERCIONS.has(name) || name === 'max' || name === 'min');
    }

    /**
     * The reads of the body, query and (as configured) route parameters in a handler, found by the
     * engine: whatever the request is called, however the handler got it (a context, a destructured
     * parameter, a helper's argument).
     */
    function readsOf(handler: RouteHandler, nested: ReadonlySet<FunctionNode>): Read[] {
      const reads: Read[] = [];
      const partOf = (node: TSESTree.Node): InputPart | undefined => {
        for (const atom of flow.valueOf(node)) {
          if (atom.kind !== 'request' || atom.validated || atom.path.length > 0) continue;
          const part = atom.part === 'url' ? undefined : atom.part;
          if (part === 'body' || part === 'query' || part === 'params') return parts.has(part) ? part : undefined;
        }
        return undefined;
      };
      /** `const { body, query } = req`, `async ({ body }, res) => ...`: the names bound to parts of a request. */
      const patternReads = (pattern: TSESTree.ObjectPattern, isRequest: boolean, label: (key: string) => string) => {
        if (!isRequest) return;
        for (const property of pattern.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const key = keyName(property);
          if ((key === 'body' || key === 'query' || key === 'params') && parts.has(key)) reads.push({ part: key, label: label(key), node: property.value });
        }
      };
      const wholeRequest = (node: TSESTree.Node) => flow.valueOf(node).some((atom) => atom.kind === 'request' && atom.part === undefined && !atom.context);
      handler.fn.params.forEach((param, index) => {
        const target = paramTarget(param);
        if (target?.type === AST_NODE_TYPES.ObjectPattern) patternReads(target, index === 0 ? handler.framework !== 'koa' && handler.framework !== 'hono' : index === 1 && handler.framework === 'next', (key) => key);
      });
      const stack: TSESTree.Node[] = [handler.fn.body];
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (isFunction(node) && nested.has(node)) continue;
        if (node.type === AST_NODE_TYPES.MemberExpression && READ_PROPERTIES.has(memberName(node) ?? '')) {
          const part = partOf(node);
          if (part) {
            reads.push({ part, label: sourceCode.getText(node), node });
            continue;
          }
        } else if (node.type === AST_NODE_TYPES.CallExpression && READ_METHODS.has(calleeParts(node).name ?? '')) {
          const part = partOf(node);
          if (part) {
            reads.push({ part, label: `${sourceCode.getText(node.callee)}()`, node });
            continue;
          }
        } else if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && node.id.type === AST_NODE_TYPES.ObjectPattern) {
          const init = node.init;
          patternReads(node.id, wholeRequest(init), (key) => `${sourceCode.getText(init)}.${key}`);
        }
        pushChildren(stack, node, sourceCode.visitorKeys);
      }
      return reads.sort((a, b) => a.node.range[0] - b.node.range[0]);
    }


    // ---- Framework validation ----------------------------------------------------------------

    /** The inputs a Fastify route's `schema` option validates. */
    function fastifySchemaParts(handler: RouteHandler): Set<InputPart> {
      const covered = new Set<InputPart>();
      const declaration = handler.declaration;
      if (!handler.hasFrameworkSchema || declaration?.type !== AST_NODE_TYPES.CallExpression) return covered;
      for (const argument of declaration.arguments) {
        const options = unwrap(argument);
        if (options.type !== AST_NODE_TYPES.ObjectExpression) continue;
        for (const property of options.properties) {
          if (property.type !== AST_NODE_TYPES.Property || keyName(property) !== 'schema') continue;
          let schema = unwrap(property.value);
          if (schema.type === AST_NODE_TYPES.Identifier) {
            const definition = findVariable(sourceCode, schema)?.defs[0];
            if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) schema = unwrap(definition.node.init);
          }
          if (schema.type !== AST_NODE_TYPES.ObjectExpression) return new Set(INPUT_PARTS);
          for (const entry of schema.properties) {
            if (entry.type === AST_NODE_TYPES.SpreadElement) return new Set(INPUT_PARTS);
            const key = keyName(entry);
            if (key === 'body') covered.add('body');
            if (key === 'querystring' || key === 'query') covered.add('query');
            if (key === 'params') covered.add('params');
          }
        }
      }
      return covered;
    }

    /** Why a NestJS parameter is not validated, or undefined when it is. */
    function nestParamProblem(param: TSESTree.Parameter, decorator: string): string | undefined {
      const target = paramTarget(param);
      const decorated = param as { decorators?: TSESTree.Decorator[] };
      for (const candidate of decorated.decorators ?? []) {
        const expression = candidate.expression;
        if (expression.type !== AST_NODE_TYPES.CallExpression) continue;
        const callee = expression.callee;
        if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== decorator) continue;
        // `@Body(new ValidationPipe())`, `@Param('id', ParseIntPipe)`, `@Body(new ZodValidationPipe(schema))`
        if (expression.arguments.some((argument) => unwrap(argument).type !== AST_NODE_TYPES.Literal)) return undefined;
      }
      const annotation = (target as { typeAnnotation?: TSESTree.TSTypeAnnotation } | undefined)?.typeAnnotation?.typeAnnotation;
      if (!annotation) return 'it has no type, so nothing checks it';
      if (annotation.type === AST_NODE_TYPES.TSAnyKeyword || annotation.type === AST_NODE_TYPES.TSUnknownKeyword || annotation.type === AST_NODE_TYPES.TSObjectKeyword) {
        return `\`${sourceCode.getText(annotation)}\` is not checked`;
      }
      if (annotation.type !== AST_NODE_TYPES.TSTypeReference) {
        return `\`${sourceCode.getText(annotation)}\` is a TypeScript type, erased at run time, that no pipe checks`;
      }
      const typeName = annotation.typeName.type === AST_NODE_TYPES.Identifier ? annotation.typeName.name : undefined;
      if (typeName === undefined || UNCHECKED_NEST_TYPES.has(typeName)) return `\`${sourceCode.getText(annotation)}\` is not a class the ValidationPipe can check`;
      const definition = annotation.typeName.type === AST_NODE_TYPES.Identifier ? findVariable(sourceCode, annotation.typeName)?.defs[0] : undefined;
      if (definition?.type === 'Type') return `\`${typeName}\` is an interface or type alias, erased at run time, so the ValidationPipe cannot check it`;
      if (definition?.type === 'ImportBinding') {
        const specifier = definition.node;
        const declaration = specifier.parent;
        const typeOnly =
          (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type') ||
          (declaration?.type === AST_NODE_TYPES.ImportDeclaration && declaration.importKind === 'type');
        if (typeOnly) return `\`${typeName}\` is imported with \`import type\`, so no class reaches the ValidationPipe at run time`;
      }
      if (!trustDtoClasses && !fileHasValidationPipe) return `no ValidationPipe is set up in this file for \`${typeName}\``;
      return undefined;
    }

    function checkNest(handler: RouteHandler): void {
      const method = handler.fn.parent;
      const classBody = method?.parent;
      const classNode = classBody?.parent;
      const classPipes =
        (classNode?.type === AST_NODE_TYPES.ClassDeclaration || classNode?.type === AST_NODE_TYPES.ClassExpression) &&
        classNode.decorators.some((decorator) => decoratorCallee(decorator) === 'UsePipes');
      const methodPipes = method?.type === AST_NODE_TYPES.MethodDefinition && method.decorators.some((decorator) => decoratorCallee(decorator) === 'UsePipes');
      if (classPipes || methodPipes) return;
      const problems: { node: TSESTree.Node; label: string; reason: string }[] = [];
      for (const param of handler.fn.params) {
        const target = paramTarget(param);
        if (!target) continue;
        const decorator = requestDecorator(target);
        const part = decorator === undefined ? undefined : NEST_PARTS.get(decorator);
        if (!part || !parts.has(part) || decorator === undefined) continue;
        const reason = nestParamProblem(param, decorator);
        if (reason === undefined) continue;
        const name = target.type === AST_NODE_TYPES.Identifier ? target.name : sourceCode.getText(target);
        problems.push({ node: param, label: `@${decorator}() ${name}`, reason });
      }
      const first = problems[0];
      if (!first) return;
      context.report({
        node: first.node,
        messageId: 'unvalidatedNestInput',
        data: { handler: capitalize(describeHandler(handler)), inputs: joinLabels(problems.map((problem) => problem.label)), reason: first.reason },
      });
    }

    function decoratorCallee(decorator: TSESTree.Decorator): string | undefined {
      const expression = decorator.expression;
      const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
      return callee.type === AST_NODE_TYPES.Identifier ? callee.name : undefined;
    }

    function capitalize(text: string): string {
      return text.charAt(0).toUpperCase() + text.slice(1);
    }

    function middlewareExample(handler: RouteHandler): string {
      switch (handler.framework) {
        case 'fastify':
          return 'a route `schema` for the body and querystring';
        case 'hono':
          return '`zValidator(...)` from @hono/zod-validator';
        case 'koa':
          return 'a validation middleware before the handler';
        case 'next':
          return 'a schema parse at the top of the handler';
        default:
          return 'celebrate, express-validator, `validate(schema)`';
      }
    }

    /** `app.use(validateRequest(spec))` in a file: validation for every route it declares. */
    function appliesValidation(file: Flow): boolean {
      const stack: TSESTree.Node[] = [file.sourceCode.ast];
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (node.type === AST_NODE_TYPES.CallExpression && calleeParts(node).name === 'use' && node.arguments.some((argument) => isValidationMiddleware(argument, file))) return true;
        pushChildren(stack, node, file.sourceCode.visitorKeys);
      }
      return false;
    }

    /** A local nothing reads: `var name = req.body.name` left unused. */
    function neverRead(pattern: TSESTree.Node): boolean {
      const variables = pattern.type === AST_NODE_TYPES.Identifier ? [findVariable(sourceCode, pattern)] : sourceCode.getDeclaredVariables(pattern.parent as TSESTree.Node);
      return variables.every((variable) => !variable || variable.references.every((reference) => !reference.isRead()));
    }

    function checkHandler(handler: FlowHandler, nested: ReadonlySet<FunctionNode>): void {
      if (handler.framework === 'nestjs') {
        checkNest(handler);
        return;
      }
      if (handler.middleware.some((node) => isValidationMiddleware(node))) return;
      // Registered in another file: the route's middleware there, and what that file applies to all its routes.
      const registration = handler.registration;
      if (registration && (registration.middleware.some((node) => isValidationMiddleware(node, registration.flow)) || appliesValidation(registration.flow))) return;
      const covered = fastifySchemaParts(handler);
      const reads = readsOf(handler, nested).filter((read) => !covered.has(read.part));
      if (reads.length === 0) return;
      // The whole request handed to a validator: `validationResult(req)`, `matchedData(req)`, `schema.parse(req)`.
      const request = handler.fn.params[0] && paramTarget(handler.fn.params[0]);
      if (request?.type === AST_NODE_TYPES.Identifier && usesOf(sourceCode, request).some((use) => use.kind === 'argument' && use.path.length === 0 && use.at.type === AST_NODE_TYPES.CallExpression && isValidationCall(use.at))) return;
      const results = reads.map((read) => ({ read, ...classify(read.node) }));
      // A check or validation of a part guards the later uses of that part, whichever read they go through.
      const guards = new Map<InputPart, Guard[]>();
      for (const { read, guards: found } of results) guards.set(read.part, [...(guards.get(read.part) ?? []), ...found]);
      for (const [part, found] of guards) guards.set(part, [...found, ...joinBranches(found)]);
      const unvalidated = results.filter(({ read, uses }) => uses.some((use) => !(guards.get(read.part) ?? []).some((guard) => covers(guard, use))));
      if (unvalidated.length === 0) return;
      // Reported at the first read that does something with the input unchecked: a use, or binding it to a name that is read.
      const boundUnchecked = ({ read }: (typeof results)[number]) =>
        usesOf(sourceCode, read.node, { followLocals: false }).some(
          (use) => use.kind === 'assigned' && !neverRead(use.node) && !(guards.get(read.part) ?? []).some((guard) => covers(guard, use)),
        );
      const first = results.find((result) => unvalidated.includes(result) || (result.uses.length === 0 && !result.handled && boundUnchecked(result)))!;
      const labels = [...new Set(unvalidated.map(({ read }) => read.label))].slice(0, 3);
      context.report({
        node: first.read.node,
        messageId: 'unvalidatedInput',
        data: { handler: capitalize(describeHandler(handler)), inputs: joinLabels(labels), middleware: middlewareExample(handler) },
      });
    }


    return {
      CallExpression(node) {
        const callee = unwrap(node.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
        const name = memberName(callee);
        if (name === 'use') useCalls.push(node);
        if (name === 'useGlobalPipes') fileHasValidationPipe = true;
      },
      Decorator(node) {
        if (decoratorCallee(node) === 'UsePipes') fileHasValidationPipe = true;
      },
      'Program:exit'() {
        const handlers = flow.handlers();
        if (handlers.length === 0) return;
        // `app.use(OpenApiValidator.middleware(...))`, `router.use(validateRequest(spec))`: every route of the file.
        if (useCalls.some((call) => call.arguments.some((argument) => isValidationMiddleware(argument)))) return;
        const handlerFunctions = new Set(handlers.map((handler) => handler.fn));
        const checked = new Set<FunctionNode>();
        for (const handler of handlers) {
          if (handler.declaration === undefined && !options.checkControllerFunctions) continue;
          // GraphQL checks arguments against the schema's types before a resolver runs.
          if (handler.framework === 'graphql') continue;
          // A function registered for several methods or paths is reported once.
          if (checked.has(handler.fn)) continue;
          checked.add(handler.fn);
          const nested = new Set([...handlerFunctions].filter((fn) => fn !== handler.fn));
          checkHandler(handler, nested);
        }
      },
    };
  },
});
