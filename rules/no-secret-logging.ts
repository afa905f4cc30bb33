import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { AUTH_ROUTE_PATTERN, nextRoutePath } from '../src/catalog/request-sources.js';
import {
  CHILD_LOGGER_METHODS,
  CONSOLE_METHODS,
  LOGGER_NAME,
  LOG_METHODS,
  loggerLibraryForModule,
} from '../src/catalog/loggers.js';
import { REDACTOR_WORDS, SELF_DESCRIBING_WORDS, SENSITIVE_HEADERS, splitWords } from '../src/catalog/sensitive-names.js';
import { OriginResolver } from '../src/ast/module-origin.js';
import { calleeParts, isFunction, memberName, plusOperands, referenceName, shortSource, staticName, unwrap, type FunctionNode } from '../src/ast/nodes.js';
import {
  requestDecorator,
  isWholeRequestBody,
  isWholeRequestHeaders,
  requestHeaderName,
} from '../src/ast/request-input.js';
import { labelMeaning, sensitiveMeaning, vocabularyFor } from '../src/ast/sensitive-name.js';
import { findVariable } from '../src/ast/variables.js';
import { createRule } from '../src/create-rule.js';
import { nameList } from '../src/schema.js';

type Options = [
  {
    loggers?: string[];
    redactors?: string[];
    sensitiveNames?: string[];
    allowedNames?: string[];
    pii?: boolean;
  },
];
type MessageIds = 'sensitiveValue';

/** Calls whose result says something about a value without revealing it. */
const HARMLESS_METHODS: ReadonlySet<string> = new Set([
  'slice', 'substring', 'substr', 'startsWith', 'endsWith', 'includes', 'indexOf', 'test', 'match', 'has',
  'localeCompare', 'charAt', 'at', 'keys', 'getTime', 'toISOString',
]);
const HARMLESS_FUNCTIONS: ReadonlySet<string> = new Set(['Boolean', 'Number', 'isNaN', 'parseInt', 'parseFloat', 'typeof']);
/** Calls that print their argument in full. */
const PRINTING_FUNCTIONS: ReadonlySet<string> = new Set(['stringify', 'inspect', 'String', 'format', 'toJSON', 'toString', 'trim', 'toLowerCase', 'toUpperCase', 'split', 'concat']);
/** Verbs in front of a getter's name (`getAccessToken()` returns a token). */
const GETTER_VERB = /^(?:get|fetch|load|read|find|generate|create|issue|sign|decrypt|build|make|mint|extract|parse)(?=[A-Z_])/u;

interface Finding {
  readonly node: TSESTree.Node;
  readonly what: string;
}

export default createRule<Options, MessageIds>({
  name: 'no-secret-logging',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow passwords, tokens, keys, auth headers, cookies and other secrets in log calls',
      recommended: true,
      standard: 'Never log sensitive data: passwords, tokens, secrets, API keys, auth headers, cookies, whole request bodies/headers of auth routes',
      precision: 'high',
      securitySeverity: 6.5,
    },
    messages: {
      sensitiveValue:
        '`{{value}}` is written to the log by `{{sink}}`: it holds {{what}}. Logs are read by many people and kept for long; leave it out or log a redacted form.',
    },
    defaultOptions: [{ loggers: [], redactors: [], sensitiveNames: [], allowedNames: [], pii: false }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          loggers: nameList('Extra receiver names that are loggers (`audit` makes `audit.info(...)` a log call).'),
          redactors: nameList('Functions whose result is safe to log (in addition to names with redact, mask, hash, sanitize, ...).'),
          sensitiveNames: nameList('Extra words that name a secret (`pin`, `seed`), matched as a word of an identifier.'),
          allowedNames: nameList('Exact identifiers or property names that are never sensitive in this codebase.'),
          pii: {
            type: 'boolean',
            description: 'Also report personal data: email addresses, phone numbers, dates of birth, postal addresses.',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const vocabulary = vocabularyFor(options, () => ({
      pii: options.pii === true,
      extraWords: new Set((options.sensitiveNames ?? []).map((name) => name.toLowerCase())),
      allowed: new Set(options.allowedNames ?? []),
    }));
    const extraLoggers = new Set(options.loggers ?? []);
    const redactors = new Set(options.redactors ?? []);
    const loggers = new OriginResolver(sourceCode, loggerLibraryForModule);
    /** Functions that read a secret field from the whole request body. */
    const readsSecretFromBody = new Set<FunctionNode>();
    const logCalls: { call: TSESTree.CallExpression; sink: string }[] = [];
    const routePath = nextRoutePath(context.filename);
    const isAuthFile = routePath !== undefined && AUTH_ROUTE_PATTERN.test(`/${routePath}/`);

    function isLoggerish(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      const name = referenceName(inner);
      if (name !== undefined && (LOGGER_NAME.test(name) || extraLoggers.has(name))) return true;
      if (inner.type === AST_NODE_TYPES.CallExpression) {
        const { object, name: method } = calleeParts(inner);
        return object !== undefined && method !== undefined && CHILD_LOGGER_METHODS.has(method) && isLoggerish(object);
      }
      return false;
    }

    /** The label of a log call (`logger.info`, `console.log`, `dbg`), or undefined for other calls. */
    function sinkOf(call: TSESTree.CallExpression): string | undefined {
      const { object, name, callee } = calleeParts(call);
      if (name === undefined) return undefined;
      const label = () => sourceCode.getText(callee).replace(/\s+/gu, '');
      if (!object) {
        const origin = loggers.resolve(callee);
        return origin?.model?.logFunctions?.includes(origin.path) ? label() : undefined;
      }
      const receiver = unwrap(object);
      if (receiver.type === AST_NODE_TYPES.Identifier && receiver.name === 'console') return CONSOLE_METHODS.has(name) ? label() : undefined;
      if (!LOG_METHODS.has(name)) return undefined;
      if (isLoggerish(receiver)) return label();
      return loggers.resolve(receiver)?.instance ? label() : undefined;
    }

    function isRedactor(call: TSESTree.CallExpression): boolean {
      const { name } = calleeParts(call);
      if (name === undefined) return false;
      if (redactors.has(name)) return true;
      return splitWords(name).some((word) => REDACTOR_WORDS.has(word));
    }

    /** An identifier that stands for the whole request body (`const body = await c.req.json()`, `@Body() dto`). */
    function isWholeBody(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      if (isWholeRequestBody(inner)) return true;
      if (inner.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = findVariable(sourceCode, inner);
      const definition = variable?.defs[0];
      if (definition?.type === 'Parameter') return requestDecorator(definition.name) === 'Body';
      if (definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator) return false;
      return definition.node.id === definition.name && definition.node.init !== null && isWholeRequestBody(definition.node.init);
    }

    /** Whether the function handles credentials: it reads a secret from the body, or serves an auth route. */
    function handlesCredentials(from: TSESTree.Node): boolean {
      if (isAuthFile) return true;
      for (let current = from.parent; current; current = current.parent) {
        if (!isFunction(current)) continue;
        if (readsSecretFromBody.has(current) || isAuthHandler(current)) return true;
        // Look through inline callbacks (`.then(...)`) up to the handler, not beyond it.
        const parent = current.parent;
        const isInlineCallback = parent?.type === AST_NODE_TYPES.CallExpression && staticName(parent.arguments[0]) === undefined;
        if (!isInlineCallback) return false;
      }
      return false;
    }

    function isAuthHandler(fn: FunctionNode): boolean {
      const parent = fn.parent;
      const names: (string | undefined)[] = [];
      if (fn.id) names.push(fn.id.name);
      if (parent?.type === AST_NODE_TYPES.CallExpression) {
        const first = parent.arguments[0];
        if (first && first !== fn) names.push(staticName(first));
      }
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) names.push(parent.id.name);
      if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.Property) {
        names.push(staticName(parent.key, parent.computed));
        for (const decorator of parent.type === AST_NODE_TYPES.MethodDefinition ? parent.decorators : []) {
          const expression = decorator.expression;
          if (expression.type === AST_NODE_TYPES.CallExpression) names.push(staticName(expression.arguments[0]));
        }
      }
      return names.some((name) => name !== undefined && AUTH_ROUTE_PATTERN.test(`/${kebab(name)}/`));
    }

    function report(findings: Finding[], node: TSESTree.Node, what: string): void {
      findings.push({ node, what });
    }

    /** Finds the sensitive values in one logged expression. */
    function inspect(raw: TSESTree.Node, findings: Finding[], depth = 0): void {
      if (depth > 8) return;
      const node = unwrap(raw);
      switch (node.type) {
        case AST_NODE_TYPES.TemplateLiteral:
          inspectParts(node.quasis.flatMap((quasi, index) => [quasi, node.expressions[index]].filter((part) => part !== undefined)), findings, depth);
          return;
        case AST_NODE_TYPES.BinaryExpression:
          if (node.operator === '+') inspectParts(plusOperands(node), findings, depth);
          return;
        case AST_NODE_TYPES.ObjectExpression:
          for (const property of node.properties) {
            if (property.type === AST_NODE_TYPES.SpreadElement) {
              inspect(property.argument, findings, depth + 1);
              continue;
            }
            const before = findings.length;
            inspect(property.value, findings, depth + 1);
            if (findings.length > before || property.computed) continue;
            const key = staticName(property.key);
            const what = key !== undefined ? keyMeaning(key) : undefined;
            if (what && revealsValue(property.value)) report(findings, property.value, what);
          }
          return;
        case AST_NODE_TYPES.ArrayExpression:
          for (const element of node.elements) if (element) inspect(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, findings, depth + 1);
          return;
        case AST_NODE_TYPES.ConditionalExpression:
          inspect(node.consequent, findings, depth + 1);
          inspect(node.alternate, findings, depth + 1);
          return;
        case AST_NODE_TYPES.LogicalExpression:
          if (node.operator !== '&&') inspect(node.left, findings, depth + 1);
          inspect(node.right, findings, depth + 1);
          return;
        case AST_NODE_TYPES.Identifier:
          inspectIdentifier(node, findings, depth);
          return;
        case AST_NODE_TYPES.MemberExpression:
          inspectMember(node, findings, depth);
          return;
        case AST_NODE_TYPES.CallExpression:
          inspectCall(node, findings, depth);
          return;
        default:
          return;
      }
    }

    function inspectIdentifier(node: TSESTree.Identifier, findings: Finding[], depth: number): void {
      const definition = findVariable(sourceCode, node)?.defs[0];
      const declarator = definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator ? definition.node : undefined;
      const init = declarator?.id === definition?.name && declarator?.parent.kind === 'const' ? declarator?.init : undefined;
      // `const SESSION_COOKIE = 'sid'` names a cookie; the literal is in the source already.
      if (init && isConstantText(init)) return;
      const what = sensitiveMeaning(node.name, vocabulary);
      if (what) {
        report(findings, node, what);
        return;
      }
      if (isWholeBody(node)) {
        if (handlesCredentials(node)) report(findings, node, 'the whole request body of a handler that receives credentials');
        return;
      }
      // One step through a `const` alias: `const header = req.headers.authorization`.
      if (init && !isFunction(init)) {
        const inner: Finding[] = [];
        inspect(init, inner, depth + 4);
        if (inner[0]) report(findings, node, inner[0].what);
      }
    }

    /**
     * Reads of the request's credentials: a sensitive header, all headers, or the whole body of a
     * handler that takes credentials. Returns whether the node was such a read.
     */
    function inspectRequestRead(node: TSESTree.Node, findings: Finding[]): boolean {
      const header = requestHeaderName(node);
      if (header !== undefined) {
        if (SENSITIVE_HEADERS.has(header)) report(findings, node, `the ${header} header`);
        return true;
      }
      if (isWholeRequestHeaders(node)) {
        report(findings, node, 'all request headers, including Authorization and Cookie');
        return true;
      }
      if (isWholeRequestBody(node)) {
        if (handlesCredentials(node)) report(findings, node, 'the whole request body of a handler that receives credentials');
        return true;
      }
      return false;
    }

    function inspectMember(node: TSESTree.MemberExpression, findings: Finding[], depth: number): void {
      if (inspectRequestRead(node, findings)) return;
      const object = unwrap(node.object);
      const name = memberName(node);
      if (object.type === AST_NODE_TYPES.Identifier && object.name === 'process' && name === 'env') {
        report(findings, node, 'every environment variable, secrets included');
        return;
      }
      if (name === 'length' || name === 'size') return;
      if (name === undefined || /^\d+$/u.test(name)) {
        inspect(object, findings, depth + 1);
        return;
      }
      const what = sensitiveMeaning(name, vocabulary);
      if (what) report(findings, node, what);
    }

    function inspectCall(node: TSESTree.CallExpression, findings: Finding[], depth: number): void {
      if (isRedactor(node) || inspectRequestRead(node, findings)) return;
      const { object, name } = calleeParts(node);
      if (name === undefined || HARMLESS_FUNCTIONS.has(name) || (object && HARMLESS_METHODS.has(name))) return;
      if (PRINTING_FUNCTIONS.has(name)) {
        const printed = object && name !== 'stringify' && name !== 'inspect' && name !== 'format' && name !== 'String' ? object : node.arguments[0];
        if (printed) inspect(printed, findings, depth + 1);
        return;
      }
      const getter = name.replace(GETTER_VERB, '');
      if (getter !== name) {
        const what = sensitiveMeaning(getter, vocabulary);
        if (what) report(findings, node, what);
      }
    }

    /** Text parts and values of a template or concatenation: a label such as `token=` marks the value after it. */
    function inspectParts(parts: readonly TSESTree.Node[], findings: Finding[], depth: number): void {
      let text = '';
      for (const part of parts) {
        const inner = unwrap(part);
        if (inner.type === AST_NODE_TYPES.TemplateElement) {
          text += inner.value.cooked ?? inner.value.raw;
          continue;
        }
        if (inner.type === AST_NODE_TYPES.Literal) {
          text += String(inner.value);
          continue;
        }
        const before = findings.length;
        inspect(inner, findings, depth + 1);
        const label = findings.length === before ? labelMeaning(text, vocabulary) : undefined;
        if (label && labelApplies(inner)) report(findings, inner, label);
        text = '';
      }
    }

    function keyMeaning(key: string): string | undefined {
      return SENSITIVE_HEADERS.has(key.toLowerCase()) ? `the ${key.toLowerCase()} header` : sensitiveMeaning(key, vocabulary);
    }

    /** A label before the value applies unless the value's own name says what it is. */
    function labelApplies(value: TSESTree.Node): boolean {
      if (!revealsValue(value)) return false;
      const name = referenceName(value);
      if (name === undefined) return true;
      return !splitWords(name).some((word) => SELF_DESCRIBING_WORDS.has(word));
    }

    /** Whether logging the value would print it: not a constant, a flag, a count or a redacted form. */
    function revealsValue(raw: TSESTree.Node): boolean {
      const node = unwrap(raw);
      switch (node.type) {
        case AST_NODE_TYPES.Literal:
        case AST_NODE_TYPES.UnaryExpression:
        case AST_NODE_TYPES.BinaryExpression:
        case AST_NODE_TYPES.ArrowFunctionExpression:
        case AST_NODE_TYPES.FunctionExpression:
        case AST_NODE_TYPES.ObjectExpression:
        case AST_NODE_TYPES.ArrayExpression:
          return false;
        case AST_NODE_TYPES.TemplateLiteral:
          return node.expressions.some(revealsValue);
        case AST_NODE_TYPES.ConditionalExpression:
          return revealsValue(node.consequent) || revealsValue(node.alternate);
        case AST_NODE_TYPES.LogicalExpression:
          return (node.operator !== '&&' && revealsValue(node.left)) || revealsValue(node.right);
        case AST_NODE_TYPES.MemberExpression: {
          const name = memberName(node);
          return name !== 'length' && name !== 'size';
        }
        case AST_NODE_TYPES.CallExpression: {
          const { object, name } = calleeParts(node);
          if (isRedactor(node) || name === undefined) return false;
          return !HARMLESS_FUNCTIONS.has(name) && !(object && HARMLESS_METHODS.has(name));
        }
        case AST_NODE_TYPES.Identifier:
          return node.name !== 'undefined';
        default:
          return true;
      }
    }

    function markSecretBodyRead(node: TSESTree.Node): void {
      for (let current = node.parent; current; current = current.parent) {
        if (isFunction(current)) {
          readsSecretFromBody.add(current);
          return;
        }
      }
    }

    return {
      MemberExpression(node) {
        const name = memberName(node);
        if (name !== undefined && sensitiveMeaning(name, vocabulary) && isWholeBody(node.object)) markSecretBodyRead(node);
      },
      VariableDeclarator(node) {
        if (node.id.type !== AST_NODE_TYPES.ObjectPattern || !node.init || !isWholeBody(node.init)) return;
        const secret = node.id.properties.some((property) => {
          if (property.type !== AST_NODE_TYPES.Property) return false;
          const key = staticName(property.key, property.computed);
          return key !== undefined && sensitiveMeaning(key, vocabulary) !== undefined;
        });
        if (secret) markSecretBodyRead(node);
      },
      CallExpression(node) {
        if (node.arguments.length === 0) return;
        const sink = sinkOf(node);
        if (sink) logCalls.push({ call: node, sink });
      },
      // Reported at the end: whether a body is sensitive depends on reads anywhere in the handler.
      'Program:exit'() {
        for (const { call, sink } of logCalls) {
          const findings: Finding[] = [];
          const args = call.arguments;
          args.forEach((argument, index) => {
            const before = findings.length;
            inspect(argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument, findings);
            const previous = args[index - 1];
            if (findings.length > before || !previous) return;
            const label = previous.type === AST_NODE_TYPES.Literal && typeof previous.value === 'string' ? labelMeaning(previous.value, vocabulary) : undefined;
            if (label && labelApplies(argument)) findings.push({ node: argument, what: label });
          });
          const seen = new Set<TSESTree.Node>();
          for (const { node, what } of findings) {
            if (seen.has(node)) continue;
            seen.add(node);
            context.report({ node, messageId: 'sensitiveValue', data: { value: shortSource(sourceCode, node), sink, what } });
          }
        }
      },
    };
  },
});


function isConstantText(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  return inner.type === AST_NODE_TYPES.Literal || (inner.type === AST_NODE_TYPES.TemplateLiteral && inner.expressions.length === 0);
}

function kebab(name: string): string {
  return splitWords(name).join('-');
}

