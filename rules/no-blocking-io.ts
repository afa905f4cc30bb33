import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { NON_SERVER_FILE_PATTERNS, STARTUP_FUNCTIONS, blockingCall, isBlockingName, type BlockingKind } from '../src/catalog/blocking-calls.js';
import { originResolver, withoutDefault } from '../src/ast/module-origin.js';
import { calleeOf, isFunction, memberName, shortSource, unwrap, type FunctionNode } from '../src/ast/nodes.js';
import { LocalFunctions, describeHandler, functionName, type RouteHandler } from '../src/ast/route-handlers.js';
import { isTestFile } from '../src/ast/test-files.js';
import { findVariable } from '../src/ast/variables.js';
import { createRule } from '../src/create-rule.js';
import { flowOf } from '../src/flow/index.js';
import { nameList } from '../src/schema.js';

type Options = [{ ignoredFiles?: string[]; allowedCalls?: string[] }];
type MessageIds = 'blockingInHandler' | 'blockingInHelper';

/** How deep calls from a handler into same-file functions are followed. */
const MAX_CALL_DEPTH = 4;
const MAX_REACHABLE = 200;

const KIND_LABELS: Readonly<Record<BlockingKind, string>> = {
  'file system': 'file system I/O',
  'child process': 'child process execution',
  crypto: 'CPU-heavy crypto',
  'password hashing': 'password hashing',
  compression: 'compression',
};

/** A function reachable from a handler: the handler, and the same-file functions between. */
interface Reach {
  readonly handler: RouteHandler;
  readonly via: readonly FunctionNode[];
}

/** The identifier at the root of `cache`, `cache.x`, `cache[key]`, or `this` for `this.cache`. */
function rootOf(node: TSESTree.Node): TSESTree.Identifier | TSESTree.ThisExpression | undefined {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current.type === AST_NODE_TYPES.Identifier || current.type === AST_NODE_TYPES.ThisExpression ? current : undefined;
}

/** Whether an expression mentions a name (`!cache`, `cache === undefined`, `!cache.has(key)`). */
function mentions(node: TSESTree.Node, target: TSESTree.Node, sourceCode: { getText(node: TSESTree.Node): string }): boolean {
  const text = sourceCode.getText(target);
  return text.length > 0 && sourceCode.getText(node).includes(text);
}

export default createRule<Options, MessageIds>({
  name: 'no-blocking-io',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow synchronous file system, process, crypto and compression calls in code that serves requests',
      recommended: true,
      standard: 'No blocking (sync) I/O or CPU-heavy sync crypto inside request handlers',
      precision: 'high',
    },
    messages: {
      blockingInHandler:
        '`{{call}}` is synchronous {{kind}} in {{handler}}: it blocks the event loop, so every other request waits until it finishes. Use {{alternative}}.',
      blockingInHelper:
        '`{{call}}` is synchronous {{kind}} in `{{helper}}()`, which {{handler}} calls{{chain}}: it blocks the event loop on every such request. Use {{alternative}}, or do it once at startup.',
    },
    defaultOptions: [{ ignoredFiles: [...NON_SERVER_FILE_PATTERNS], allowedCalls: [] }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignoredFiles: nameList(
            'Globs of files that do not serve requests (tests, command-line scripts, migrations), matched against the path relative to the working directory. Replaces the defaults.',
          ),
          allowedCalls: nameList('Blocking calls to accept, by export name (`existsSync`) or module and name (`fs.existsSync`, `bcryptjs.compareSync`).'),
        },
      },
    ],
  },
  create(context, [options]) {
    if (isTestFile(context.filename, context.cwd, options.ignoredFiles ?? NON_SERVER_FILE_PATTERNS)) return {};
    const { sourceCode } = context;
    const allowed = new Set(options.allowedCalls ?? []);
    const candidates: TSESTree.CallExpression[] = [];

    function calledName(call: TSESTree.CallExpression): string | undefined {
      const callee = calleeOf(call);
      if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
      if (callee.type === AST_NODE_TYPES.MemberExpression) return memberName(callee);
      return undefined;
    }

    /** Every function a handler reaches through calls to same-file functions, breadth first. */
    function reachable(handlers: readonly RouteHandler[]): Map<FunctionNode, Reach> {
      const functions = new LocalFunctions(sourceCode);
      const reach = new Map<FunctionNode, Reach>();
      const queue: [FunctionNode, Reach][] = handlers.map((handler) => [handler.fn, { handler, via: [] }]);
      while (queue.length > 0 && reach.size < MAX_REACHABLE) {
        const [fn, info] = queue.shift()!;
        if (reach.has(fn)) continue;
        reach.set(fn, info);
        if (info.via.length >= MAX_CALL_DEPTH) continue;
        const stack: TSESTree.Node[] = [fn.body];
        while (stack.length > 0) {
          const node = stack.pop()!;
          if (node.type === AST_NODE_TYPES.CallExpression) {
            for (const reference of [node.callee, ...node.arguments]) {
              const inner = unwrap(reference);
              if (inner.type !== AST_NODE_TYPES.Identifier && inner.type !== AST_NODE_TYPES.MemberExpression) continue;
              const target = functions.of(inner);
              if (!target || reach.has(target) || (target.range[0] >= fn.range[0] && target.range[1] <= fn.range[1])) continue;
              const name = functionName(target);
              if (name !== undefined && STARTUP_FUNCTIONS.has(name)) continue;
              queue.push([target, { handler: info.handler, via: [...info.via, target] }]);
            }
          }
          for (const key of sourceCode.visitorKeys[node.type] ?? []) {
            const value = (node as unknown as Record<string, unknown>)[key];
            if (Array.isArray(value)) {
              for (const child of value) if (child && typeof (child as TSESTree.Node).type === 'string') stack.push(child as TSESTree.Node);
            } else if (value && typeof (value as TSESTree.Node).type === 'string') {
              stack.push(value as TSESTree.Node);
            }
          }
        }
      }
      return reach;
    }

    /** The reachable function around a node: the innermost one that is a handler or reached from one. */
    function reachOf(node: TSESTree.Node, reach: Map<FunctionNode, Reach>): Reach | undefined {
      for (let current = node.parent; current; current = current.parent) {
        if (!isFunction(current)) continue;
        const found = reach.get(current);
        if (found) return found;
        const name = functionName(current);
        if (name !== undefined && STARTUP_FUNCTIONS.has(name)) return undefined;
      }
      return undefined;
    }

    /** A module-level or instance variable, which outlives the request. */
    function isLongLived(root: TSESTree.Identifier | TSESTree.ThisExpression | undefined): boolean {
      if (!root) return false;
      if (root.type === AST_NODE_TYPES.ThisExpression) return true;
      const variable = findVariable(sourceCode, root);
      const scope = variable?.scope.type;
      return scope === 'module' || scope === 'global';
    }

    /**
     * A result computed once and kept: `cache ??= readFileSync(...)`, `if (!cache) cache = ...`,
     * `cache = cache || ...`, `if (!cache.has(k)) cache.set(k, ...)` on a module-level or `this` cache.
     */
    function isMemoized(call: TSESTree.CallExpression, stop: FunctionNode | undefined): boolean {
      let child: TSESTree.Node = call;
      for (let current: TSESTree.Node | undefined = call.parent; current && current !== stop; child = current, current = current.parent) {
        if (isFunction(current)) return false;
        let target: TSESTree.Node | undefined;
        if (current.type === AST_NODE_TYPES.AssignmentExpression && current.right === child) {
          if ((current.operator === '??=' || current.operator === '||=') && isLongLived(rootOf(current.left))) return true;
          if (current.operator === '=') target = current.left;
        } else if (current.type === AST_NODE_TYPES.CallExpression && current.arguments.includes(child as TSESTree.CallExpressionArgument)) {
          const callee = unwrap(current.callee);
          if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'set') target = callee.object;
        }
        if (!target || !isLongLived(rootOf(target))) continue;
        // `cache = cache || readFileSync(...)`, `return cache ?? (cache = ...)`, `if (!cache) cache = ...`.
        for (let guard: TSESTree.Node | undefined = current; guard && guard !== stop && !isFunction(guard); guard = guard.parent) {
          if (guard.type === AST_NODE_TYPES.LogicalExpression && mentions(guard.left, target, sourceCode)) return true;
          if (guard.type === AST_NODE_TYPES.IfStatement && mentions(guard.test, target, sourceCode)) return true;
          if (guard.type === AST_NODE_TYPES.ConditionalExpression && mentions(guard.test, target, sourceCode)) return true;
        }
        if (current.type === AST_NODE_TYPES.AssignmentExpression && current.right.type === AST_NODE_TYPES.LogicalExpression && mentions(current.right.left, target, sourceCode)) return true;
        return false;
      }
      return false;
    }

    return {
      CallExpression(node) {
        const name = calledName(node);
        if (name !== undefined && isBlockingName(name)) candidates.push(node);
      },
      'Program:exit'() {
        if (candidates.length === 0) return;
        // The engine's handlers: also the exports other files declare routes for.
        const handlers = flowOf(context).handlers();
        if (handlers.length === 0) return;
        const reach = reachable(handlers);
        const modules = originResolver(sourceCode);
        for (const call of candidates) {
          const found = reachOf(call, reach);
          if (!found) continue;
          const callee = calleeOf(call);
          const origin = modules.resolve(callee);
          if (!origin) continue;
          const path = withoutDefault(origin.path);
          const exportName = path.startsWith('.') && !path.slice(1).includes('.') && !path.includes('(') ? path.slice(1) : undefined;
          if (exportName === undefined) continue;
          const blocking = blockingCall(origin.module, exportName);
          if (!blocking) continue;
          const bareModule = origin.module.replace(/^node:/u, '');
          if (allowed.has(exportName) || allowed.has(`${bareModule}.${exportName}`) || allowed.has(`${origin.module}.${exportName}`)) continue;
          const owner = found.via.at(-1) ?? found.handler.fn;
          if (isMemoized(call, owner)) continue;
          const callText = shortSource(sourceCode, callee);
          const kind = KIND_LABELS[blocking.kind];
          const handler = describeHandler(found.handler);
          const { alternative } = blocking;
          if (found.via.length === 0) {
            context.report({ node: call, messageId: 'blockingInHandler', data: { call: callText, kind, handler, alternative } });
          } else {
            const names = found.via.map((fn) => `\`${functionName(fn) ?? 'an inline function'}()\``);
            const chain = names.length > 1 ? ` (through ${names.slice(0, -1).join(', ')})` : '';
            const helper = functionName(owner) ?? 'a function';
            context.report({ node: call, messageId: 'blockingInHelper', data: { call: callText, kind, helper, handler, chain, alternative } });
          }
        }
      },
    };
  },
});
