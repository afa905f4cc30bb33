import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { CONTEXT_OBJECTS, REQUEST_OBJECTS } from '../src/catalog/request-sources.js';
import {
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
import { OriginResolver } from '../src/ast/module-origin.js';
import { alwaysExits, calleeOf, isFunction, keyName, memberName, pushChildren, unwrap, type FunctionNode } from '../src/ast/nodes.js';
import { describeHandler, routeHandlers, type RouteHandler } from '../src/ast/route-handlers.js';
import { requestDecorator } from '../src/ast/request-input.js';
import { findVariable, type Variable } from '../src/ast/variables.js';
import { createRule } from '../src/create-rule.js';
import { nameList } from '../src/schema.js';

type Options = [{ inputs?: InputPart[]; validators?: string[]; trustDtoClasses?: boolean; trustServices?: boolean; checkControllerFunctions?: boolean }];
type MessageIds = 'unvalidatedInput' | 'unvalidatedNestInput';

/** One read of request input in a handler. */
interface Read {
  readonly part: InputPart;
  /** The read as the message names it (`req.body`, `c.req.json()`). */
  readonly label: string;
  readonly node: TSESTree.Node;
  /** The expression whose value is the input, followed to see whether it is validated. */
  readonly value: TSESTree.Node | undefined;
  /** Variables the input is bound to directly (a destructured handler parameter). */
  readonly variables: readonly Variable[];
}

const MAX_FOLLOW = 6;
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
/** Hono's and the Fetch API's body readers (`await c.req.json()`, `await request.formData()`). */
const BODY_READERS: ReadonlySet<string> = new Set(['json', 'parseBody', 'formData', 'text', 'arrayBuffer', 'blob']);

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
              'Also check exported `(req, res)` functions of controller files whose route is declared in another file (where validation middleware may sit, unseen).',
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
    const modules = new OriginResolver(sourceCode, () => undefined);
    const useCalls: TSESTree.CallExpression[] = [];
    let fileHasValidationPipe = false;
    const validatedVariables = new Map<Variable, boolean>();

    function isValidatorName(name: string | undefined): boolean {
      return name !== undefined && (validators.has(name) || VALIDATION_NAME.test(name));
    }

    function validationModule(node: TSESTree.Node): boolean {
      const origin = modules.resolve(node);
      return origin !== undefined && (VALIDATION_MODULES.has(origin.module) || VALIDATION_MIDDLEWARE_MODULES.has(origin.module));
    }

    /** Middleware that validates: `celebrate({...})`, `body('email').isEmail()`, `zValidator('json', s)`, `validate(schema)`. */
    function isValidationMiddleware(node: TSESTree.Node): boolean {
      let current = unwrap(node);
      for (let depth = 0; depth < 12; depth++) {
        if (current.type === AST_NODE_TYPES.NewExpression || current.type === AST_NODE_TYPES.CallExpression) {
          current = unwrap(calleeOf(current));
          continue;
        }
        if (current.type === AST_NODE_TYPES.MemberExpression) {
          if (isValidatorName(memberName(current))) return true;
          const object = unwrap(current.object);
          if (object.type === AST_NODE_TYPES.Identifier && validationModule(object)) return true;
          current = object;
          continue;
        }
        if (current.type === AST_NODE_TYPES.Identifier) return isValidatorName(current.name) || validationModule(current);
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

    /** `Number(x)`, `parseInt(x, 10)`, `+x`, `!x`, `Boolean(x)`: a number or a boolean, not an object or free text. */
    function isNumericCoercion(node: TSESTree.Node): boolean {
      if (node.type === AST_NODE_TYPES.UnaryExpression) return node.operator === '+' || node.operator === '-' || node.operator === '!';
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = unwrap(calleeOf(node));
      const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
      return name !== undefined && NUMERIC_COERCIONS.has(name);
    }

    /**
     * A check that exits when it fails: `if (typeof x !== 'string') return ...`,
     * `if (!isEmail(x)) throw ...`, `if (!ALLOWED.includes(x)) return ...`.
     */
    function isGuarded(reference: TSESTree.Node): boolean {
      let child: TSESTree.Node = reference;
      for (let current = reference.parent; current; child = current, current = current.parent) {
        if (isFunction(current) || current.type === AST_NODE_TYPES.BlockStatement) return false;
        if (current.type === AST_NODE_TYPES.UnaryExpression && current.operator === 'typeof') {
          return exitingTest(current);
        }
        if ((current.type === AST_NODE_TYPES.CallExpression) && current.arguments.includes(child as TSESTree.CallExpressionArgument)) {
          const callee = unwrap(calleeOf(current));
          const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
          if (name !== undefined && (/^is[A-Z]/u.test(name) || name === 'includes' || name === 'has' || name === 'test')) return exitingTest(current);
          return false;
        }
        if (current.type === AST_NODE_TYPES.IfStatement) return false;
      }
      return false;
    }

    /**
     * A read only tested, in the condition of an `if` or `?:` (`if (!req.body.otp) throw ...`,
     * `if (Array.isArray(req.body))`): the value goes nowhere.
     */
    function inCheck(node: TSESTree.Node): boolean {
      let child: TSESTree.Node = node;
      for (let current = node.parent; current; child = current, current = current.parent) {
        if (current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) return current.test === child;
        if (current.type === AST_NODE_TYPES.CallExpression && !current.arguments.includes(child as TSESTree.CallExpressionArgument)) return false;
        if (
          current.type !== AST_NODE_TYPES.LogicalExpression &&
          current.type !== AST_NODE_TYPES.UnaryExpression &&
          current.type !== AST_NODE_TYPES.BinaryExpression &&
          current.type !== AST_NODE_TYPES.MemberExpression &&
          current.type !== AST_NODE_TYPES.ChainExpression &&
          current.type !== AST_NODE_TYPES.CallExpression &&
          current.type !== AST_NODE_TYPES.TSAsExpression
        ) {
          return false;
        }
      }
      return false;
    }

    /** The expression is (in) the test of an `if` whose consequent exits. */
    function exitingTest(node: TSESTree.Node): boolean {
      let child: TSESTree.Node = node;
      for (let current = node.parent; current; child = current, current = current.parent) {
        if (current.type === AST_NODE_TYPES.IfStatement) return current.test === child && alwaysExits(current.consequent);
        if (current.type !== AST_NODE_TYPES.LogicalExpression && current.type !== AST_NODE_TYPES.UnaryExpression && current.type !== AST_NODE_TYPES.BinaryExpression) return false;
      }
      return false;
    }

    /**
     * Whether the value of an expression is validated: it reaches a validation call (inside
     * objects, spreads and `??` defaults), is coerced to a number, is guarded, or goes into a
     * variable that is.
     */
    function isValidatedValue(node: TSESTree.Node, depth: number): boolean {
      if (depth > MAX_FOLLOW) return false;
      if (inCheck(node)) return true;
      let child: TSESTree.Node = node;
      for (let current = node.parent; current; child = current, current = current.parent) {
        switch (current.type) {
          case AST_NODE_TYPES.AwaitExpression:
          case AST_NODE_TYPES.TSAsExpression:
          case AST_NODE_TYPES.TSNonNullExpression:
          case AST_NODE_TYPES.TSSatisfiesExpression:
          case AST_NODE_TYPES.ChainExpression:
          case AST_NODE_TYPES.SpreadElement:
          case AST_NODE_TYPES.ArrayExpression:
          case AST_NODE_TYPES.ObjectExpression:
          case AST_NODE_TYPES.TemplateLiteral:
            continue;
          case AST_NODE_TYPES.Property:
            if (current.value === child) continue;
            return false;
          case AST_NODE_TYPES.LogicalExpression:
            if (current.left === child) {
              if (exitingTest(child)) return false;
              continue;
            }
            continue;
          case AST_NODE_TYPES.MemberExpression:
            // `req.body.email` is followed as `req.body`'s value, and so is `searchParams.get('x')`.
            if (current.object === child) continue;
            return false;
          case AST_NODE_TYPES.UnaryExpression:
            if (current.operator === 'typeof') return true;
            return isNumericCoercion(current);
          case AST_NODE_TYPES.BinaryExpression:
            // `req.query.flag === 'true'`, `'download' in req.query`: a boolean.
            return current.operator === '===' || current.operator === '!==' || current.operator === '==' || current.operator === '!=' || current.operator === 'in';
          case AST_NODE_TYPES.CallExpression:
          case AST_NODE_TYPES.NewExpression:
            if (current.arguments.includes(child as TSESTree.CallExpressionArgument)) {
              if (isValidationCall(current) || isNumericCoercion(current)) return true;
              if (trustServices && isServiceCall(current)) return true;
              if (isGuarded(child)) return true;
              // `String(x)`, `plainToInstance(Dto, body)`: the result is still the input.
              if (isTransform(current)) continue;
              return false;
            }
            // A method of the value: `x.trim()`, `searchParams.get('q')`.
            if (current.type === AST_NODE_TYPES.CallExpression && current.callee === child) continue;
            return false;
          case AST_NODE_TYPES.VariableDeclarator:
            return current.init === child && patternValidated(current.id, depth);
          case AST_NODE_TYPES.AssignmentExpression: {
            if (current.right !== child || current.operator !== '=') return false;
            // `data.credentials = req.body.credentials`: follow the local object it goes into.
            const target = current.left.type === AST_NODE_TYPES.MemberExpression ? rootIdentifier(current.left) : current.left;
            return target !== undefined && patternValidated(target, depth);
          }
          case AST_NODE_TYPES.ForOfStatement: {
            // `for (const row of req.body)`: follow the loop variable.
            if (current.right !== child) return false;
            const left = current.left;
            const pattern = left.type === AST_NODE_TYPES.VariableDeclaration ? left.declarations[0]?.id : left;
            return pattern !== undefined && patternValidated(pattern, depth);
          }
          default:
            return false;
        }
      }
      return false;
    }

    function rootIdentifier(node: TSESTree.MemberExpression): TSESTree.Identifier | undefined {
      let current: TSESTree.Node = node;
      while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
      return current.type === AST_NODE_TYPES.Identifier ? current : undefined;
    }

    /** Every variable a pattern binds is validated where it is used. */
    function patternValidated(pattern: TSESTree.Node, depth: number): boolean {
      if (pattern.type === AST_NODE_TYPES.Identifier && pattern.parent?.type !== AST_NODE_TYPES.VariableDeclarator) {
        const variable = findVariable(sourceCode, pattern);
        return variable ? variableValidated(variable, depth) : false;
      }
      const variables = sourceCode.getDeclaredVariables(pattern.parent as TSESTree.Node).filter((variable) =>
        variable.identifiers.some((identifier) => identifier.range[0] >= pattern.range[0] && identifier.range[1] <= pattern.range[1]),
      );
      if (variables.length === 0) {
        if (pattern.type === AST_NODE_TYPES.Identifier) {
          const variable = findVariable(sourceCode, pattern);
          return variable ? variableValidated(variable, depth) : false;
        }
        return false;
      }
      return variables.every((variable) => variableValidated(variable, depth));
    }

    /** A variable is validated when one of its reads is validated (the rest are then its checked value or a pass-through). */
    function variableValidated(variable: Variable, depth: number): boolean {
      const known = validatedVariables.get(variable);
      if (known !== undefined) return known;
      // Cycles (`x = f(x)`) and repeated questions are answered once.
      validatedVariables.set(variable, false);
      const reads = variable.references.filter((reference) => reference.isRead());
      const validated = reads.length === 0 || reads.some((reference) => isValidatedValue(reference.identifier, depth + 1));
      validatedVariables.set(variable, validated);
      return validated;
    }

    // ---- Reads of request input ------------------------------------------------------------

    /** Names that hold the request (or Koa/Hono context) in a handler. */
    function requestNames(handler: RouteHandler): { request: Set<string>; context: Set<string> } {
      const request = new Set<string>();
      const context = new Set<string>();
      const first = paramTarget(handler.fn.params[0]);
      if (first?.type === AST_NODE_TYPES.Identifier) {
        if (handler.framework === 'koa' || handler.framework === 'hono' || CONTEXT_OBJECTS.has(first.name)) context.add(first.name);
        else request.add(first.name);
      }
      return { request, context };
    }

    function partOf(name: string | undefined): InputPart | undefined {
      return name === 'body' || name === 'query' || name === 'params' ? name : undefined;
    }

    function collectReads(handler: RouteHandler, nested: ReadonlySet<FunctionNode>): Read[] {
      const reads: Read[] = [];
      const { request, context } = requestNames(handler);
      const isRequest = (node: TSESTree.Node) => node.type === AST_NODE_TYPES.Identifier && (request.has(node.name) || (REQUEST_OBJECTS.has(node.name) && !context.has(node.name)));
      const isContext = (node: TSESTree.Node) => node.type === AST_NODE_TYPES.Identifier && (context.has(node.name) || CONTEXT_OBJECTS.has(node.name));
      /** `ctx.request`, `c.req`: the request inside a context. */
      const isContextRequest = (node: TSESTree.Node) =>
        node.type === AST_NODE_TYPES.MemberExpression && isContext(unwrap(node.object)) && (memberName(node) === 'request' || memberName(node) === 'req');
      const fn = handler.fn;

      // `async ({ body, query }, res) => ...`, Next.js `(request, { params })`.
      fn.params.forEach((param, index) => {
        const target = paramTarget(param);
        if (target?.type !== AST_NODE_TYPES.ObjectPattern) return;
        if (index === 0 || (index === 1 && handler.framework === 'next')) {
          for (const property of target.properties) {
            if (property.type !== AST_NODE_TYPES.Property) continue;
            const part = partOf(keyName(property));
            if (!part) continue;
            const variables = sourceCode.getDeclaredVariables(fn).filter((variable) => variable.identifiers.some((identifier) => identifier.range[0] >= property.range[0] && identifier.range[1] <= property.range[1]));
            reads.push({ part, label: keyName(property)!, node: property, value: undefined, variables });
          }
        }
      });

      const stack: TSESTree.Node[] = [fn.body];
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (isFunction(node) && nested.has(node)) continue;
        if (node.type === AST_NODE_TYPES.MemberExpression) {
          const read = memberRead(node, isRequest, isContext, isContextRequest);
          if (read) {
            reads.push(read);
            continue;
          }
        } else if (node.type === AST_NODE_TYPES.CallExpression) {
          const read = callRead(node, isRequest, isContextRequest);
          if (read) {
            reads.push(read);
            continue;
          }
        } else if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && node.id.type === AST_NODE_TYPES.ObjectPattern) {
          // `const { body, query } = req`
          const init = unwrap(node.init);
          if (isRequest(init) || isContextRequest(init) || (isContext(init) && handler.framework === 'koa')) {
            for (const property of node.id.properties) {
              if (property.type !== AST_NODE_TYPES.Property) continue;
              const part = partOf(keyName(property));
              if (!part || (isContext(init) && part === 'body')) continue;
              const variables = sourceCode.getDeclaredVariables(node).filter((variable) => variable.identifiers.some((identifier) => identifier.range[0] >= property.range[0] && identifier.range[1] <= property.range[1]));
              reads.push({ part, label: `${sourceCode.getText(init)}.${keyName(property)}`, node: property, value: undefined, variables });
            }
          }
        }
        pushChildren(stack, node, sourceCode.visitorKeys);
      }
      return reads.sort((a, b) => a.node.range[0] - b.node.range[0]);
    }

    /** `req.body`, `ctx.request.body`, `ctx.query`, `request.nextUrl.searchParams`. */
    function memberRead(
      node: TSESTree.MemberExpression,
      isRequest: (node: TSESTree.Node) => boolean,
      isContext: (node: TSESTree.Node) => boolean,
      isContextRequest: (node: TSESTree.Node) => boolean,
    ): Read | undefined {
      const name = memberName(node);
      const object = unwrap(node.object);
      let part = partOf(name);
      if (name === 'searchParams' && object.type === AST_NODE_TYPES.MemberExpression && memberName(object) === 'nextUrl') part = 'query';
      if (!part) return undefined;
      const fromRequest = isRequest(object) || isContextRequest(object) || (object.type === AST_NODE_TYPES.MemberExpression && memberName(object) === 'nextUrl');
      // Koa delegates `ctx.query` and koa-router sets `ctx.params`; `ctx.body` is the response.
      const fromContext = isContext(object) && part !== 'body';
      if (!fromRequest && !fromContext) return undefined;
      return { part, label: sourceCode.getText(node), node, value: node, variables: [] };
    }

    /** `await c.req.json()`, `c.req.query('q')`, `c.req.param('id')`, `await request.json()`. */
    function callRead(node: TSESTree.CallExpression, isRequest: (node: TSESTree.Node) => boolean, isContextRequest: (node: TSESTree.Node) => boolean): Read | undefined {
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const method = memberName(callee);
      const receiver = unwrap(callee.object);
      if (method === undefined || (!isRequest(receiver) && !isContextRequest(receiver))) return undefined;
      let part: InputPart | undefined;
      if (BODY_READERS.has(method)) part = 'body';
      else if (method === 'query' || method === 'queries') part = 'query';
      else if (method === 'param') part = 'params';
      if (!part) return undefined;
      return { part, label: `${sourceCode.getText(callee)}()`, node, value: node, variables: [] };
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

    function checkHandler(handler: RouteHandler, nested: ReadonlySet<FunctionNode>): void {
      if (handler.framework === 'nestjs') {
        checkNest(handler);
        return;
      }
      if (handler.middleware.some(isValidationMiddleware)) return;
      const covered = fastifySchemaParts(handler);
      const reads = collectReads(handler, nested).filter((read) => parts.has(read.part) && !covered.has(read.part));
      if (reads.length === 0) return;
      // The whole request handed to a validator: `validationResult(req)`, `matchedData(req)`, `schema.parse(req)`.
      const { request, context: contexts } = requestNames(handler);
      for (const name of [...request, ...contexts]) {
        const variable = sourceCode.getDeclaredVariables(handler.fn).find((candidate) => candidate.name === name);
        if (variable?.references.some((reference) => isDirectValidationArgument(reference.identifier))) return;
      }
      // `assert(ctx.request.body, Struct)`, `if (!validateOrder(req.body)) return ...`: later reads of the same input are checked.
      const checkedAfter = new Map<string, number>();
      for (const read of reads) {
        if (!read.value) continue;
        const chain = memberChain(read.value);
        const call = validationCallOf(chain);
        if (!call) continue;
        const text = sourceCode.getText(chain);
        if (!checkedAfter.has(text)) checkedAfter.set(text, call.range[1]);
      }
      const checkedBefore = (read: Read) => {
        if (!read.value) return false;
        const chain = memberChain(read.value);
        const position = checkedAfter.get(sourceCode.getText(chain)) ?? checkedAfter.get(sourceCode.getText(read.value));
        return position !== undefined && read.value.range[0] >= position;
      };
      const unvalidated = reads.filter((read) => {
        if (checkedBefore(read)) return false;
        if (read.value) return !isValidatedValue(read.value, 0);
        return !read.variables.every((variable) => variableValidated(variable, 0));
      });
      const first = unvalidated[0];
      if (!first) return;
      const labels = [...new Set(unvalidated.map((read) => read.label))].slice(0, 3);
      context.report({
        node: first.node,
        messageId: 'unvalidatedInput',
        data: { handler: capitalize(describeHandler(handler)), inputs: joinLabels(labels), middleware: middlewareExample(handler) },
      });
    }

    /** `req.query` in `req.query["client_id"]`: the whole member chain read. */
    function memberChain(node: TSESTree.Node): TSESTree.Node {
      let current = node;
      while (current.parent?.type === AST_NODE_TYPES.MemberExpression && current.parent.object === current) current = current.parent;
      return current;
    }

    /** The validation call a value is handed to, directly or inside an object or array literal. */
    function validationCallOf(node: TSESTree.Node): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
      let child = node;
      for (let current = node.parent; current; child = current, current = current.parent) {
        if (current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.NewExpression) {
          return current.arguments.includes(child as TSESTree.CallExpressionArgument) && isValidationCall(current) ? current : undefined;
        }
        if (
          current.type !== AST_NODE_TYPES.Property &&
          current.type !== AST_NODE_TYPES.ObjectExpression &&
          current.type !== AST_NODE_TYPES.ArrayExpression &&
          current.type !== AST_NODE_TYPES.SpreadElement &&
          current.type !== AST_NODE_TYPES.AwaitExpression &&
          current.type !== AST_NODE_TYPES.TSAsExpression &&
          current.type !== AST_NODE_TYPES.UnaryExpression
        ) {
          return undefined;
        }
      }
      return undefined;
    }

    /** `validationResult(req)`: the request itself is an argument of a validation call. */
    function isDirectValidationArgument(identifier: TSESTree.Node): boolean {
      const parent = identifier.parent;
      return (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(identifier as TSESTree.CallExpressionArgument) && isValidationCall(parent);
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
        const handlers = routeHandlers(sourceCode, context.filename);
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
