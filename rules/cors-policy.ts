import { relative, resolve } from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  ALLOW_CREDENTIALS_HEADER,
  ALLOW_ORIGIN_HEADER,
  CORS_HEADER_MENTION,
  CORS_LIBRARIES,
  HEADER_OBJECT_SETTERS,
  HEADER_SETTERS,
  MATCH_ALL_SOURCES,
  ORIGIN_HEADER,
  ORIGIN_TEST_METHODS,
  PRINTING_CALLS,
  RESPONSE_CLASSES,
  RESPONSE_FACTORIES,
  NULL_ORIGIN,
  ORIGIN_OPTION_KEYS,
  RECEIVER_METHODS,
  SOCKET_IO_LEGACY,
  corsLibraryForModule,
  headerKey,
  isOriginCheckName,
  originPatternFlaws,
  type CorsCall,
  type CorsLibrary,
  type OriginFunctionStyle,
} from '../src/catalog/cors.js';
import { withoutDefault } from '../src/ast/module-origin.js';
import {
  alwaysExits,
  calleeParts,
  enclosingFunction,
  isFunction,
  keyName,
  memberName,
  nodeAtPath,
  pushChildren,
  requiredModule,
  returnedValues,
  shortSource,
  staticName,
  unwrap,
  type FunctionNode,
} from '../src/ast/nodes.js';
import { findVariable } from '../src/ast/variables.js';
import { createRule } from '../src/create-rule.js';
import { dependencyMajor } from '../src/dependency-version.js';
import { elements, flowOf, property, usesOf, type Atom, type Flow, type ObjectAtom, type Value } from '../src/flow/index.js';

type Options = [{ allowPublicWildcard?: boolean }];
type MessageIds = 'permissiveDefault' | 'anyOrigin' | 'wildcardWithCredentials' | 'reflectedOrigin' | 'nullOrigin' | 'loosePattern';

/**
 * What an allowed origin can turn out to be, of what matters: `*`, the request's own Origin, the
 * `null` origin any site can send, or a regular expression that admits more than it was meant to.
 */
type OriginKind = 'wildcard' | 'reflect' | 'null' | 'pattern';

/** One risky part of an allowed-origin value, and the engine of the file it was written in. */
interface Risk {
  readonly kind: OriginKind;
  readonly atom: Atom;
  readonly flow: Flow;
  /** For a `pattern`: the expression as written, and what is wrong with it. */
  readonly pattern?: { readonly source: string; readonly problem: string; readonly fixed: string };
}

/** How a library reads an allowed-origin value (header values have no such semantics). */
interface OriginSemantics {
  /** What `true` allows. */
  readonly trueOrigin?: 'reflect' | 'wildcard';
  /** `'*'` in a list allows every origin. */
  readonly listWildcard?: boolean;
}

/** How a call is described in messages. */
interface Site {
  readonly call: string;
  readonly library: string;
}

/** A response header written by hand: `res.setHeader('Access-Control-Allow-Origin', value)`, `{ 'Access-Control-...': value }`. */
interface HeaderWrite {
  readonly header: 'origin' | 'credentials';
  /** The value's expression, when the header is written here. */
  readonly node: TSESTree.Node;
  readonly value: Value;
  readonly scope: FunctionNode | undefined;
  /** The object literal that holds the header, for headers written as an object. */
  readonly object: TSESTree.Node | undefined;
  readonly site: Site;
}

/** How deep a test's boolean locals are followed (`const allowed = list.includes(origin); if (allowed)`). */
const MAX_TEST_DEPTH = 4;
/** Nodes a test's callback is searched for the origin (`list.some((o) => o === origin)`). */
const MAX_MENTION_NODES = 200;
const HEADER_SITE_LABEL = 'Access-Control-Allow-Origin header';
const CHECK_SITE_LABEL = 'a check of the Origin';
/** Calls that test a text against a regular expression: the expression is the receiver (`re.test(text)`) or the argument (`text.match(re)`). */
const PATTERN_RECEIVER_TESTS: ReadonlySet<string> = new Set(['test', 'exec']);
const PATTERN_ARGUMENT_TESTS: ReadonlySet<string> = new Set(['match', 'matchAll', 'search']);
/** A pattern that names a host (`example\.com`, `localhost`): an allowlist, not a test of the scheme (`/^https?:\/\//`). */
const HOST_IN_PATTERN = /\w\\?\.\w|localhost/u;
const CORS_MODULES: ReadonlySet<string> = new Set(CORS_LIBRARIES.flatMap((library) => library.modules));

export default createRule<Options, MessageIds>({
  name: 'cors-policy',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require CORS to allow an explicit list of origins, never a wildcard or a reflected origin with credentials',
      recommended: true,
      servedTraffic: true,
      standard: 'CORS is an explicit allowlist; never a wildcard or a reflected origin with credentials',
      precision: 'high',
      securitySeverity: 5.3,
    },
    messages: {
      permissiveDefault:
        '`{{call}}` ({{library}}) enables CORS without an `origin` option, and the default allows every origin ({{defaultOrigin}}). List the origins that may call this API: `origin: [\'https://app.example.com\']`.',
      anyOrigin:
        '`{{call}}` ({{library}}) allows every origin (`{{origin}}`). List the origins that may call this API, or set `allowPublicWildcard` if it is a public, read-only API without credentials.',
      wildcardWithCredentials:
        '`{{call}}` ({{library}}) combines a wildcard origin (`{{origin}}`) with credentials: browsers reject the pair, and the usual workaround reflects every origin. List the allowed origins instead.',
      reflectedOrigin:
        "`{{call}}` ({{library}}) reflects the request's Origin (`{{origin}}`) and allows credentials: any website can send authenticated requests and read the responses. Check the origin against an allowlist first.",
      nullOrigin:
        "`{{call}}` ({{library}}) allows the origin `'null'`{{credentials}}: sandboxed iframes and `file:` pages send it, so any website can. Remove `'null'` and list the real origins.",
      loosePattern:
        '`{{call}}` ({{library}}) allows origins by the pattern `{{pattern}}`, which {{problem}}{{credentials}}. Write `/{{fixed}}/`, or list the origins as strings.',
    },
    defaultOptions: [{ allowPublicWildcard: false }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowPublicWildcard: {
            type: 'boolean',
            description:
              'Allow any origin (`*`, `origin: true`, a reflected origin, a library default) when credentials are not allowed: for public, read-only APIs.',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const allowPublic = options.allowPublicWildcard === true;
    const importedModules = new Set<string>();
    const factoryCalls: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
    const headerSources: { node: TSESTree.Node; label: string; scope: FunctionNode | undefined }[] = [];
    const headerCalls: { call: TSESTree.CallExpression; header: 'origin' | 'credentials'; node: TSESTree.Node; site: Site }[] = [];
    /** `re.test(text)` and `text.match(re)` with a regular expression written in the call or kept in a local: checks of the origin, maybe loose. */
    const patternTests: { call: TSESTree.CallExpression; pattern: TSESTree.Node; subject: TSESTree.Node }[] = [];
    const reported = new Set<TSESTree.Node>();
    /** Functions given as an `origin` option: their first parameter is the request's Origin. */
    const originFunctions = new Set<FunctionNode>();
    /** Parameters of header helpers (`setCors(res, origin)`) whose value is set as the allowed origin. */
    const originParameters = new Map<FunctionNode, Set<number>>();
    let engine: Flow | undefined;
    let legacySocketIo: boolean | undefined;
    const flow = (): Flow => (engine ??= flowOf(context));

    // ---- Reporting ----------------------------------------------------------------------------

    function report(node: TSESTree.Node, kinds: readonly OriginKind[], credentials: boolean, site: Site, origin: string, pattern?: Risk['pattern']): void {
      if (reported.has(node) || kinds.length === 0) return;
      if (!credentials && allowPublic) return;
      reported.add(node);
      const withCredentials = credentials ? ', with credentials' : '';
      if (kinds.includes('null')) {
        context.report({ node, messageId: 'nullOrigin', data: { call: site.call, library: site.library, credentials: withCredentials } });
        return;
      }
      if (pattern && kinds.includes('pattern')) {
        context.report({ node, messageId: 'loosePattern', data: { call: site.call, library: site.library, pattern: pattern.source, problem: pattern.problem, fixed: pattern.fixed, credentials: withCredentials } });
        return;
      }
      const kind: OriginKind = kinds.includes('reflect') ? 'reflect' : 'wildcard';
      const messageId: MessageIds = !credentials ? 'anyOrigin' : kind === 'reflect' ? 'reflectedOrigin' : 'wildcardWithCredentials';
      context.report({ node, messageId, data: { call: site.call, library: site.library, origin } });
    }

    function reportDefault(node: TSESTree.Node, library: CorsLibrary, credentials: boolean, site: Site): void {
      if (library.defaultOrigin === 'none') return;
      if (credentials) {
        // @koa/cors falls back to the request's Origin as soon as credentials are on.
        const reflects = library.defaultOrigin === 'koa' || library.defaultOrigin === 'reflect' || library.wildcardReflects === true;
        report(node, [reflects ? 'reflect' : 'wildcard'], true, site, reflects ? 'the default: the request Origin' : "the default '*'");
        return;
      }
      if (allowPublic || reported.has(node)) return;
      reported.add(node);
      context.report({ node, messageId: 'permissiveDefault', data: { call: site.call, library: site.library, defaultOrigin: library.defaultText } });
    }

    // ---- What an allowed origin is ----------------------------------------------------------------

    /** The request's Origin header, or the first parameter of an origin function, or what is computed from it. */
    function isOrigin(value: Value): boolean {
      return value.some(
        (atom) =>
          (atom.kind === 'request' && atom.part === 'headers' && atom.path[0] === ORIGIN_HEADER) ||
          (atom.kind === 'param' && ((atom.index === 0 && originFunctions.has(atom.fn)) || originParameters.get(atom.fn)?.has(atom.index) === true)),
      );
    }

    /** The parts of an allowed-origin value that allow every origin, unless a check of the origin holds where they are used. */
    function risksOf(value: Value, owner: Flow, semantics: OriginSemantics, sites: readonly TSESTree.Node[]): Risk[] {
      const risks: Risk[] = [];
      const pending = value.map((atom) => ({ atom, listed: false }));
      for (let steps = 0; pending.length > 0 && steps < 200; steps++) {
        const { atom, listed } = pending.pop()!;
        if (atom.kind === 'text') {
          // `${origin}` alone is the origin; a text around it is a URL of the code's own making.
          if (atom.node.type === AST_NODE_TYPES.TemplateLiteral && atom.node.quasis.every((quasi) => quasi.value.cooked === '')) pending.push(...atom.parts.map((part) => ({ atom: part, listed })));
          continue;
        }
        // A list of origins: each entry is allowed.
        if (atom.kind === 'array' && atom.file === undefined) {
          pending.push(...elements([atom], atom.node).map((element) => ({ atom: element, listed: true })));
          continue;
        }
        const pattern = patternRisk(atom, owner);
        if (pattern) {
          risks.push(pattern);
          continue;
        }
        const kind = kindOf(atom, semantics);
        if (kind === 'wildcard' && (!listed || semantics.listWildcard === true)) risks.push({ kind, atom, flow: owner });
        if (kind === 'null') risks.push({ kind, atom, flow: owner });
        if (kind === 'reflect' && !checkedOnTheWay(atom, owner, sites)) risks.push({ kind, atom, flow: owner });
      }
      return risks;
    }

    function kindOf(atom: Atom, semantics: OriginSemantics): OriginKind | undefined {
      if (atom.kind === 'const') {
        if (atom.value === '*') return 'wildcard';
        if (atom.value === NULL_ORIGIN) return 'null';
        if (atom.value === true) return semantics.trueOrigin;
        return undefined;
      }
      return isOrigin([atom]) ? 'reflect' : undefined;
    }

    /**
     * A regular expression allowlist (`/https:\/\/app.example.com$/`, `new RegExp('example\\.com')`): one that
     * matches everything reflects every origin; one with an unescaped dot or without anchors admits
     * look-alike hosts.
     */
    function patternRisk(atom: Atom, owner: Flow): Risk | undefined {
      if (atom.kind !== 'const') return undefined;
      for (const { source, shown } of patternSources(atom, owner)) {
        if (MATCH_ALL_SOURCES.has(source)) return { kind: 'reflect', atom, flow: owner };
        const flaws = originPatternFlaws(source);
        if (!flaws) continue;
        const problems = [
          flaws.unescapedDot ? 'has an unescaped `.` that matches any character (`appXexample.com`)' : '',
          flaws.unanchored ? 'is not anchored with `^` and `$`, so a host that only contains the allowed one matches (`app.example.com.evil.net`)' : '',
        ].filter(Boolean);
        return { kind: 'pattern', atom, flow: owner, pattern: { source: shown, problem: problems.join(' and '), fixed: flaws.fixed.replace(/(?<!\\)\//gu, '\\/') } };
      }
      return undefined;
    }

    /** The sources of a regular expression constant: a literal, or `new RegExp(text)` / `RegExp(text)` of constant strings. */
    function patternSources(atom: Atom, owner: Flow): { source: string; shown: string }[] {
      if (atom.kind !== 'const') return [];
      if (atom.value instanceof RegExp) return [{ source: atom.value.source, shown: `/${atom.value.source}/` }];
      const node = atom.node;
      if ((node.type !== AST_NODE_TYPES.NewExpression && node.type !== AST_NODE_TYPES.CallExpression) || node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'RegExp') return [];
      const [text] = node.arguments;
      if (!text || text.type === AST_NODE_TYPES.SpreadElement) return [];
      return owner.valueOf(text).flatMap((part) => (part.kind === 'const' && typeof part.value === 'string' ? [{ source: part.value, shown: shortSource(owner.sourceCode, node) }] : []));
    }

    /** Whether the origin was checked where the value is used, where it was made, or at a local it went through. */
    function checkedOnTheWay(atom: Atom, owner: Flow, sites: readonly TSESTree.Node[]): boolean {
      if (atom.file !== undefined) return false;
      return [...sites, atom.node, ...(atom.reads ?? [])].some((node) => holdsAfterCheck(node, owner));
    }

    // ---- Checks of the origin ---------------------------------------------------------------------

    /**
     * Whether `node` runs only where a check of the origin succeeded: in the branch of an `if`, `?:`
     * or `&&` the check leads to, or after an `if` that leaves when the check fails.
     */
    function holdsAfterCheck(node: TSESTree.Node, owner: Flow): boolean {
      let child: TSESTree.Node = node;
      for (let current = node.parent; current && !isFunction(child); child = current, current = current.parent) {
        if (current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) {
          if (current.consequent === child && holds(current.test, 'allowed', owner, 0)) return true;
          if (current.alternate === child && holds(current.test, 'rejected', owner, 0)) return true;
        }
        if (current.type === AST_NODE_TYPES.LogicalExpression && current.right === child) {
          if (holds(current.left, current.operator === '&&' ? 'allowed' : 'rejected', owner, 0)) return true;
        }
        const statements = current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program ? current.body : current.type === AST_NODE_TYPES.SwitchCase ? current.consequent : undefined;
        for (const statement of statements ?? []) {
          if (statement === child) break;
          if (statement.type === AST_NODE_TYPES.IfStatement && alwaysExits(statement.consequent) && holds(statement.test, 'rejected', owner, 0)) return true;
        }
      }
      return false;
    }

    /**
     * What a test says of the origin. `allowed`: when the test is true, the origin is one the code
     * accepts (or there is none). `rejected`: when it is false.
     */
    function holds(test: TSESTree.Node, want: 'allowed' | 'rejected', owner: Flow, depth: number): boolean {
      if (depth > MAX_TEST_DEPTH) return false;
      const node = unwrap(test);
      const other = want === 'allowed' ? 'rejected' : 'allowed';
      if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return holds(node.argument, other, owner, depth + 1);
      if (node.type === AST_NODE_TYPES.LogicalExpression) {
        const left = holds(node.left, want, owner, depth + 1);
        const right = holds(node.right, want, owner, depth + 1);
        // `a && b` is true only when both are; `a || b` is false only when both are.
        if ((node.operator === '&&') === (want === 'allowed')) return left || right;
        return left && right;
      }
      if (node.type === AST_NODE_TYPES.BinaryExpression) return comparison(node, want, owner);
      if (node.type === AST_NODE_TYPES.CallExpression) return want === 'allowed' && isCheckCall(node, owner);
      // The origin itself, tested for presence: when it is false, there is no origin to reflect.
      if (isOrigin(owner.valueOf(node))) return want === 'rejected';
      // `const allowed = list.includes(origin); if (allowed)`: the check the name stands for.
      const declarator = node.type === AST_NODE_TYPES.Identifier ? findVariable(owner.sourceCode, node)?.defs[0]?.node : undefined;
      if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.parent.kind === 'const' && declarator.init) return holds(declarator.init, want, owner, depth + 1);
      return false;
    }

    /** `origin === 'https://a'`, `url.host === site.host`, `list.indexOf(origin) !== -1`, `origin !== undefined`. */
    function comparison(node: TSESTree.BinaryExpression, want: 'allowed' | 'rejected', owner: Flow): boolean {
      const { left, right, operator } = node;
      if (operator === 'in') return want === 'allowed' && isOrigin(owner.valueOf(left));
      const indexCall = unwrap(left).type === AST_NODE_TYPES.CallExpression ? (unwrap(left) as TSESTree.CallExpression) : undefined;
      if (indexCall && calleeParts(indexCall).name === 'indexOf' && isCheckCall(indexCall, owner)) {
        const bound = right.type === AST_NODE_TYPES.UnaryExpression && right.operator === '-' ? -1 : right.type === AST_NODE_TYPES.Literal ? right.value : undefined;
        const found = ((operator === '!==' || operator === '!=' || operator === '>') && bound === -1) || (operator === '>=' && bound === 0);
        const missing = ((operator === '===' || operator === '==') && bound === -1) || (operator === '<' && bound === 0);
        return want === 'allowed' ? found : missing;
      }
      const equal = operator === '===' || operator === '==';
      if (!equal && operator !== '!==' && operator !== '!=') return false;
      const originSide = isOrigin(owner.valueOf(left)) ? right : isOrigin(owner.valueOf(right)) ? left : undefined;
      if (!originSide) return false;
      // Against a real value the comparison checks it; against `undefined`, `null`, `''` or `'null'` it only tests presence.
      const absent = isNothing(originSide);
      return want === 'allowed' ? equal : absent ? equal === false : !equal;
    }

    function isNothing(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.Literal) return inner.value === null || inner.value === '' || inner.value === 'null';
      return inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined';
    }

    /** `allowed.includes(origin)`, `origin.endsWith('.example.com')`, `re.test(origin)`, `isAllowedOrigin(req)`, `list.some((o) => o === origin)`. */
    function isCheckCall(call: TSESTree.CallExpression, owner: Flow): boolean {
      const { object, name } = calleeParts(call);
      if (name === undefined || PRINTING_CALLS.has(name)) return false;
      if (object && ORIGIN_TEST_METHODS.has(name) && isOrigin(owner.valueOf(object))) return true;
      if (call.arguments.length > 0 && isOriginCheckName(name)) return true;
      return call.arguments.some((argument) => (isFunction(argument) ? mentionsOrigin(argument.body, owner) : isOrigin(owner.valueOf(argument))));
    }

    function mentionsOrigin(root: TSESTree.Node, owner: Flow): boolean {
      const stack: TSESTree.Node[] = [root];
      for (let visited = 0; stack.length > 0 && visited < MAX_MENTION_NODES; visited++) {
        const node = stack.pop()!;
        if ((node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) && isOrigin(owner.valueOf(node))) return true;
        if (node.type !== AST_NODE_TYPES.Identifier) pushChildren(stack, node, owner.sourceCode.visitorKeys);
      }
      return false;
    }

    // ---- Library options ------------------------------------------------------------------------

    /**
     * The `origin` option's expression an atom was written as (`origin: true`, `options.origin = ...`,
     * `{ origin: allowOrigin }` for a local it went through), for an atom of this file.
     */
    function optionNode(atom: Atom): TSESTree.Node | undefined {
      for (const start of [atom.node, ...(atom.reads ?? [])]) {
        const found = originOptionAround(start);
        if (found) return found;
      }
      return undefined;
    }

    /** The value of the `origin` property or `.origin =` assignment that `start` is (part of), within its statement. */
    function originOptionAround(start: TSESTree.Node): TSESTree.Node | undefined {
      let node: TSESTree.Node = start;
      for (let steps = 0; steps < 6 && node.parent; steps++) {
        const parent: TSESTree.Node = node.parent;
        if (parent.type === AST_NODE_TYPES.Property && parent.value === node) return ORIGIN_OPTION_KEYS.has(keyName(parent) ?? '') ? node : undefined;
        if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) {
          return parent.left.type === AST_NODE_TYPES.MemberExpression && ORIGIN_OPTION_KEYS.has(memberName(parent.left) ?? '') ? node : undefined;
        }
        if (isFunction(parent) || parent.type.endsWith('Statement')) return undefined;
        node = parent;
      }
      return undefined;
    }

    /** The `origin` property of the options object literal, when it is written in this file. */
    function originProperty(value: Value): TSESTree.Node | undefined {
      for (const atom of value) {
        if (atom.kind !== 'object' || atom.file !== undefined || atom.node.type !== AST_NODE_TYPES.ObjectExpression) continue;
        const found = atom.node.properties.find((entry): entry is TSESTree.Property => entry.type === AST_NODE_TYPES.Property && ORIGIN_OPTION_KEYS.has(keyName(entry) ?? ''));
        if (found) return found.value;
      }
      return undefined;
    }

    function reportRisks(risks: readonly Risk[], credentials: boolean, site: Site, options: Value, whole: TSESTree.Node, library: CorsLibrary): void {
      for (const risk of risks) {
        // `'*'` with credentials is answered with the request's Origin by some libraries.
        const kind: OriginKind = risk.kind === 'wildcard' && credentials && library.wildcardReflects === true ? 'reflect' : risk.kind;
        const file = risk.atom.file ?? (risk.flow === flow() ? undefined : risk.flow.filename);
        // A `'null'` or a pattern is reported where it is written, also inside a list.
        const entry = file === undefined && (kind === 'null' || kind === 'pattern') ? risk.atom.node : undefined;
        const at = entry ?? (file === undefined ? (optionNode(risk.atom) ?? originProperty(options)) : undefined);
        if (at) {
          report(at, [kind], credentials, site, `origin: ${shortSource(sourceCode, at)}`, risk.pattern);
          continue;
        }
        // Written in another file: reported at the call here, with the place it was written.
        const written = file === undefined ? undefined : flowOfFile(file)?.sourceCode;
        const text = written ? `${shortSource(written, risk.atom.node)}, set in ${relative(context.cwd, file!)}:${risk.atom.node.loc.start.line}` : `origin: ${shortSource(sourceCode, risk.atom.node)}`;
        report(whole, [kind], credentials, site, text, risk.pattern);
      }
    }

    function isTrue(value: Value): boolean {
      return value.some((atom) => atom.kind === 'const' && (atom.value === true || atom.value === 'true'));
    }

    /** Whether the options allow credentials: set to true, or left out where the library allows them by default. */
    function credentialsOf(objects: Value, library: CorsLibrary, whole: TSESTree.Node): boolean {
      const value = property(objects, library.credentialsKey, whole);
      if (library.credentialsByDefault && value.length === 0) return true;
      return isTrue(value);
    }

    /**
     * Checks a CORS middleware's options: an object (its `origin`, or the library's default, with
     * `credentials`), a delegate that builds them per request, or nothing at all. `whole` is where
     * a default or a value from another file is reported.
     */
    function checkOptions(node: TSESTree.Node | undefined, library: CorsLibrary, whole: TSESTree.Node, site: Site): void {
      if (!node) {
        reportDefault(whole, library, library.credentialsByDefault === true, site);
        return;
      }
      checkOptionsValue(flow().valueOf(node), unwrap(node).type === AST_NODE_TYPES.ObjectExpression ? unwrap(node) : whole, library, whole, site, flow(), []);
    }

    /** The options as a value of `owner`'s file; `sites` are where they are handed over (a delegate's `callback(null, options)`). */
    function checkOptionsValue(value: Value, defaultAt: TSESTree.Node, library: CorsLibrary, whole: TSESTree.Node, site: Site, owner: Flow, sites: readonly TSESTree.Node[]): void {
      for (const atom of value) if (atom.kind === 'function') checkDelegate(atom.node, atom.file ? flowOfFile(atom.file) : owner, library, whole, site);
      const objects = value.filter((atom): atom is ObjectAtom => atom.kind === 'object');
      if (objects.length === 0) return;
      // @fastify/cors `delegator`: the options come from it.
      const delegators = property(objects, 'delegator', whole).filter((atom) => atom.kind === 'function');
      for (const atom of delegators) checkDelegate(atom.node, atom.file ? flowOfFile(atom.file) : owner, library, whole, site);
      if (delegators.length > 0) return;
      const credentials = credentialsOf(objects, library, whole);
      const origins = library.originKeys.flatMap((key) => property(objects, key, whole));
      if (origins.length === 0) {
        if (objects.length === value.length) reportDefault(defaultAt, library, credentials, site);
        return;
      }
      const risks: Risk[] = [];
      for (const atom of origins) {
        if (atom.kind === 'function') risks.push(...originFunctionRisks(atom.node, atom.file ? flowOfFile(atom.file) : owner, library.originFunction, atom));
        else risks.push(...risksOf([atom], owner, library, sites));
      }
      reportRisks(risks, credentials, site, objects, whole, library);
    }

    function flowOfFile(file: string): Flow | undefined {
      return flow().project?.flowOf(file);
    }

    /**
     * What a function hands back: its return values, and the second argument of the calls of its
     * callback parameter (`callback(null, options)`).
     */
    function yielded(fn: FunctionNode, owner: Flow, callbackIndex: number | undefined): TSESTree.Node[] {
      const values = [...returnedValues(fn)];
      const callback = callbackIndex === undefined ? undefined : fn.params[callbackIndex];
      if (callback?.type !== AST_NODE_TYPES.Identifier) return values;
      for (const use of usesOf(owner.sourceCode, callback)) {
        if (use.kind === 'other' && use.at.type === AST_NODE_TYPES.CallExpression && use.at.callee === use.node && use.at.arguments[1]) values.push(use.at.arguments[1]);
      }
      return values;
    }

    /** A function that builds the options per request: `cors((req, callback) => callback(null, { origin, credentials }))`. */
    function checkDelegate(fn: FunctionNode, owner: Flow | undefined, library: CorsLibrary, whole: TSESTree.Node, site: Site): void {
      if (!owner) return;
      // @fastify/cors also takes `(instance) => (req, callback) => ...`.
      if (fn.params.length <= 1 && library.id === 'fastify') {
        for (const value of returnedValues(fn)) for (const atom of owner.valueOf(value)) if (atom.kind === 'function' && atom.node !== fn) checkDelegate(atom.node, owner, library, whole, site);
        return;
      }
      for (const value of yielded(fn, owner, 1)) {
        const options = owner.valueOf(value);
        if (options.some((atom) => atom.kind === 'object')) checkOptionsValue(options, owner === flow() ? value : whole, library, whole, site, owner, [value]);
      }
    }

    /** An `origin` option that is a function: does it allow every origin, unchecked? */
    function originFunctionRisks(fn: FunctionNode, owner: Flow | undefined, style: OriginFunctionStyle, atom: Atom): Risk[] {
      if (!owner) return [];
      if (style !== 'context') originFunctions.add(fn);
      // A callback's `true` and a predicate's `true` allow the origin the function was given.
      const semantics: OriginSemantics = style === 'callback' || style === 'predicate' ? { trueOrigin: 'reflect' } : {};
      const risks = yielded(fn, owner, style === 'callback' ? 1 : undefined).flatMap((value) => risksOf(owner.valueOf(value), owner, semantics, [value]));
      // Reported at the option, as the function: `origin: (origin, cb) => cb(null, true)`.
      return risks.length > 0 ? [{ kind: risks.some((risk) => risk.kind === 'reflect') ? 'reflect' : 'wildcard', atom, flow: owner }] : [];
    }

    /** The catalog's calls that a callee (or, for `register`, a plugin) is: one per place its options may sit. */
    function corsCallsAt(node: TSESTree.Node, plugin: boolean): { library: CorsLibrary; call: CorsCall }[] {
      const origin = flow().modules.resolve(node);
      const library = origin && corsLibraryForModule(origin.module);
      if (!library) return [];
      const path = withoutDefault(origin.path);
      return library.calls.filter((entry) => entry.plugin === (plugin || undefined) && !entry.anyReceiver && withoutDefault(entry.path) === path).map((call) => ({ library, call }));
    }

    function checkFactoryCall(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const { object, name, callee } = calleeParts(call);
      const receiverMethod = object && name !== undefined && call.type === AST_NODE_TYPES.CallExpression ? RECEIVER_METHODS.get(name) : undefined;
      if (receiverMethod) return checkCorsCall(call, receiverMethod.library, receiverMethod.call);
      // Fastify: fastify.register(cors, options)
      if (object && name === 'register' && call.arguments[0]) {
        for (const found of corsCallsAt(call.arguments[0], true)) checkCorsCall(call, found.library, found.call);
        return;
      }
      const resolved = flow().modules.resolve(callee);
      if (resolved?.module === 'socket.io' && (SOCKET_IO_LEGACY.paths as readonly string[]).includes(resolved.path) && isLegacySocketIo()) {
        checkLegacySocketIo(call);
        return;
      }
      for (const found of corsCallsAt(callee, false)) checkCorsCall(call, found.library, found.call);
    }

    /** A call of the catalog: its options where the catalog says they are, or the default when they are left out. */
    function checkCorsCall(call: TSESTree.CallExpression | TSESTree.NewExpression, library: CorsLibrary, entry: CorsCall): void {
      const site: Site = { call: shortSource(sourceCode, calleeParts(call).callee), library: library.label };
      if (entry.key === undefined && entry.argument !== 'any') {
        const node = call.arguments[entry.argument];
        if (node || entry.absent === 'default') checkOptions(node, library, call, site);
        return;
      }
      const keys = entry.key ?? [];
      const candidates = entry.argument === 'any' ? call.arguments : call.arguments.slice(entry.argument, entry.argument + 1);
      if (candidates.length === 0 && entry.absent === 'default') reportDefault(call, library, library.credentialsByDefault === true, site);
      for (const argument of candidates) {
        const whole = flow().valueOf(argument);
        if (!whole.some((atom) => atom.kind === 'object')) continue;
        const value = keys.reduce((inner, key) => property(inner, key, argument), whole);
        // `{ cors: ... }` written in the call (or as much of `{ routes: { cors } }` as is): where a default is reported.
        const written = nodeAtPath(argument, keys);
        const at = keys.length > 0 && written !== argument ? written : call;
        if (value.length === 0) {
          // Only objects the engine can read whole say that the option is left out.
          if (entry.absent === 'default' && whole.every((atom) => atom.kind === 'object')) reportDefault(at, library, library.credentialsByDefault === true, site);
        } else if (value.some((atom) => atom.kind === 'const' && atom.value === true)) {
          reportDefault(at, library, library.credentialsByDefault === true, site);
        } else if (value.some((atom) => atom.kind === 'object' || atom.kind === 'function')) {
          checkOptionsValue(value, at, library, call, site, flow(), []);
        }
      }
    }

    function isLegacySocketIo(): boolean {
      legacySocketIo ??= (dependencyMajor(resolve(context.cwd, context.filename), 'socket.io') ?? SOCKET_IO_LEGACY.belowMajor) < SOCKET_IO_LEGACY.belowMajor;
      return legacySocketIo;
    }

    /** A socket.io 2 server: without `origins` (or with `'*:*'`), it answers every Origin with credentials. */
    function checkLegacySocketIo(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      // `(server, options)`, `(port, options)` or `(options)`: options that cannot be read are not judged.
      const options = call.arguments.map((argument) => flow().valueOf(argument)).filter((value, index) => index > 0 || value.some((atom) => atom.kind === 'object'));
      if (options.some((value) => value.some((atom) => atom.kind !== 'object'))) return;
      const origins = options.flatMap((value) => [...property(value, SOCKET_IO_LEGACY.option, call)]);
      if (origins.some((atom) => atom.kind !== 'const' || typeof atom.value !== 'string' || !SOCKET_IO_LEGACY.openValues.has(atom.value))) return;
      // `io.origins([...])` narrows them later.
      if (origins.length === 0 && usesOf(sourceCode, call).some((use) => use.path.includes(`${SOCKET_IO_LEGACY.option}()`))) return;
      report(call, ['reflect'], true, { call: shortSource(sourceCode, calleeParts(call).callee), library: SOCKET_IO_LEGACY.label }, SOCKET_IO_LEGACY.defaultText);
    }

    // ---- Checks by regular expression ---------------------------------------------------------

    function notePatternTest(call: TSESTree.CallExpression): void {
      const { object, name } = calleeParts(call);
      const [argument] = call.arguments;
      if (!object || name === undefined || !argument || argument.type === AST_NODE_TYPES.SpreadElement) return;
      const [pattern, subject] = PATTERN_RECEIVER_TESTS.has(name) ? [object, argument] : PATTERN_ARGUMENT_TESTS.has(name) ? [argument, object] : [];
      if (!pattern || !subject) return;
      const inner = unwrap(pattern);
      const written = (inner.type === AST_NODE_TYPES.Literal && 'regex' in inner) || inner.type === AST_NODE_TYPES.Identifier || inner.type === AST_NODE_TYPES.NewExpression;
      if (written) patternTests.push({ call, pattern, subject });
    }

    /** A check of the origin by a loose pattern (`/example\.com/.test(origin)`) lets look-alike hosts through whatever the code does next. */
    function checkPatternTests(): void {
      for (const { call, pattern, subject } of patternTests) {
        const risk = flow().valueOf(pattern).map((atom) => patternRisk(atom, flow())).find((found) => found?.kind === 'pattern');
        if (!risk?.pattern || !HOST_IN_PATTERN.test(risk.pattern.source) || !isOrigin(flow().valueOf(subject))) continue;
        const node = risk.atom.file === undefined ? risk.atom.node : pattern;
        if (reported.has(node)) continue;
        reported.add(node);
        const { source, problem, fixed } = risk.pattern;
        context.report({ node, messageId: 'loosePattern', data: { call: shortSource(sourceCode, call), library: CHECK_SITE_LABEL, pattern: source, problem, fixed, credentials: '' } });
      }
    }

    // ---- Hand-written headers -----------------------------------------------------------------

    function headerOf(name: string | undefined): 'origin' | 'credentials' | undefined {
      if (name === undefined) return undefined;
      const key = headerKey(name);
      return key === ALLOW_ORIGIN_HEADER ? 'origin' : key === ALLOW_CREDENTIALS_HEADER ? 'credentials' : undefined;
    }

    function noteHeaderCall(call: TSESTree.CallExpression): void {
      const { name, callee, object } = calleeParts(call);
      if (name === undefined) return;
      // NestJS: `@Header('Access-Control-Allow-Origin', '*')` on a handler.
      if (!object && name === 'Header' && call.parent?.type === AST_NODE_TYPES.Decorator) {
        const header = headerOf(staticName(call.arguments[0]));
        const value = call.arguments[1];
        if (header && value && value.type !== AST_NODE_TYPES.SpreadElement) headerCalls.push({ call, header, node: value, site: { call: '@Header', library: HEADER_SITE_LABEL } });
        return;
      }
      if (!object) return;
      const [first, second] = call.arguments;
      const header = HEADER_SETTERS.has(name) ? headerOf(staticName(first)) : undefined;
      if (header && second && second.type !== AST_NODE_TYPES.SpreadElement) {
        headerCalls.push({ call, header, node: second, site: { call: shortSource(sourceCode, callee), library: HEADER_SITE_LABEL } });
        return;
      }
      if (HEADER_OBJECT_SETTERS.has(name)) {
        for (const argument of call.arguments) if (argument.type !== AST_NODE_TYPES.SpreadElement) headerSources.push({ node: argument, label: shortSource(sourceCode, callee), scope: enclosingFunction(call) });
      }
      // Response.json(body, { headers }), NextResponse.json(body, { headers })
      const receiver = unwrap(object);
      if (RESPONSE_FACTORIES.has(name) && receiver.type === AST_NODE_TYPES.Identifier && RESPONSE_CLASSES.has(receiver.name)) noteResponseInit(call, shortSource(sourceCode, callee));
    }

    function noteResponseInit(call: TSESTree.CallExpression | TSESTree.NewExpression, label: string): void {
      for (const argument of call.arguments) {
        const init = unwrap(argument);
        if (init.type !== AST_NODE_TYPES.ObjectExpression) continue;
        for (const entry of init.properties) {
          if (entry.type === AST_NODE_TYPES.Property && keyName(entry) === 'headers') headerSources.push({ node: entry.value, label, scope: enclosingFunction(call) });
        }
      }
    }

    /** The headers an object value sets (`{ 'Access-Control-Allow-Origin': ... }`, with what it spreads), each where it is written. */
    function headerWritesOf(source: { node: TSESTree.Node; label: string; scope: FunctionNode | undefined }): HeaderWrite[] {
      const writes: HeaderWrite[] = [];
      const pending = [...flow().valueOf(source.node)];
      for (let steps = 0; pending.length > 0 && steps < 100; steps++) {
        const atom = pending.pop()!;
        if (atom.kind !== 'object' || atom.file !== undefined) continue;
        pending.push(...atom.rest);
        for (const [key, value] of atom.properties) {
          const header = headerOf(key);
          if (!header) continue;
          const literal = atom.node.type === AST_NODE_TYPES.ObjectExpression ? atom.node : undefined;
          const entry = literal?.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && keyName(candidate) === key);
          writes.push({ header, node: entry?.value ?? source.node, value, scope: source.scope, object: atom.node, site: { call: source.label, library: HEADER_SITE_LABEL } });
        }
      }
      return writes;
    }

    /** A value imported from a project file, or an object literal that spreads one. */
    function fromProjectFile(node: TSESTree.Node): boolean {
      const inner = unwrap(node);
      if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner.properties.some((entry) => entry.type === AST_NODE_TYPES.SpreadElement && fromProjectFile(entry.argument));
      let root: TSESTree.Node = inner;
      while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
      if (root.type !== AST_NODE_TYPES.Identifier) return false;
      const definition = findVariable(sourceCode, root)?.defs[0];
      if (definition?.type === 'ImportBinding') return definition.parent?.type === AST_NODE_TYPES.ImportDeclaration && definition.parent.source.value.startsWith('.');
      if (definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
      let init: TSESTree.Node = unwrap(definition.node.init);
      while (init.type === AST_NODE_TYPES.MemberExpression) init = unwrap(init.object);
      return requiredModule(init)?.startsWith('.') === true;
    }

    function checkHeaderWrites(): void {
      const writes: HeaderWrite[] = headerCalls.map(({ call, header, node, site }) => {
        const method = call.parent?.type === AST_NODE_TYPES.Decorator ? call.parent.parent : undefined;
        const scope = method?.type === AST_NODE_TYPES.MethodDefinition && isFunction(method.value) ? method.value : enclosingFunction(call);
        return { header, node, value: flow().valueOf(node), scope, object: undefined, site };
      });
      // Header objects are evaluated only where a CORS header can be among their keys: the file names
      // one, or the object comes from another project file (`res.set(corsHeaders)`); not every `map.set(k, v)`.
      const mentions = CORS_HEADER_MENTION.test(sourceCode.text);
      for (const source of headerSources) if (mentions || fromProjectFile(source.node)) writes.push(...headerWritesOf(source));
      for (const write of writes) {
        if (write.header !== 'origin') continue;
        const credentials = writes.some(
          (other) => other.header === 'credentials' && isTrue(other.value) && (write.object !== undefined && other.object === write.object ? true : other.scope === write.scope),
        );
        const risks = risksOf(write.value, flow(), {}, [write.node]);
        report(write.node, [...new Set(risks.map((risk) => risk.kind))], credentials, write.site, shortSource(sourceCode, write.node));
        for (const passed of passedRisks(write)) report(write.node, [passed.kind], credentials, write.site, passed.text);
      }
    }

    /**
     * A header value that is a helper's parameter (`function setCors(res, origin)`): what the
     * helper's callers pass, in this file and in the files that import it, unless the helper
     * checks it before the header.
     */
    function passedRisks(write: HeaderWrite): { kind: OriginKind; text: string }[] {
      const found: { kind: OriginKind; text: string }[] = [];
      for (const atom of write.value) {
        if (atom.kind !== 'param' || atom.file !== undefined || originFunctions.has(atom.fn)) continue;
        originParameters.set(atom.fn, (originParameters.get(atom.fn) ?? new Set()).add(atom.index));
        if (checkedOnTheWay(atom, flow(), [write.node])) continue;
        for (const { value, call, flow: caller } of flow().argumentsAt(atom.fn, atom.index)) {
          const where = caller === flow() ? `line ${call.loc.start.line}` : `${relative(context.cwd, caller.filename)}:${call.loc.start.line}`;
          const text = `${shortSource(sourceCode, write.node)}, given ${shortSource(caller.sourceCode, call.arguments[atom.index]!)} at ${where}`;
          for (const risk of risksOf(value, caller, {}, [call])) found.push({ kind: risk.kind, text });
        }
      }
      return found;
    }

    return {
      ImportDeclaration(node) {
        importedModules.add(node.source.value);
      },
      NewExpression(node) {
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.Identifier && RESPONSE_CLASSES.has(callee.name)) noteResponseInit(node, `new ${callee.name}`);
        else if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Headers') {
          const [init] = node.arguments;
          if (init && init.type !== AST_NODE_TYPES.SpreadElement) headerSources.push({ node: init, label: 'new Headers', scope: enclosingFunction(node) });
        } else if (node.arguments.length > 0) {
          factoryCalls.push(node);
        }
      },
      CallExpression(node) {
        const required = requiredModule(node);
        if (required !== undefined) {
          importedModules.add(required);
          return;
        }
        // Cheap name checks: a header setter with a literal CORS header name, or any call that may
        // be a CORS middleware factory (resolved at the end, only when the file imports a CORS module).
        noteHeaderCall(node);
        notePatternTest(node);
        factoryCalls.push(node);
      },
      ReturnStatement(node) {
        // AWS Lambda proxy responses: `return { statusCode: 200, headers: { ... }, body }`.
        const value = node.argument && unwrap(node.argument);
        if (value?.type !== AST_NODE_TYPES.ObjectExpression) return;
        if (!value.properties.some((entry) => entry.type === AST_NODE_TYPES.Property && keyName(entry) === 'statusCode')) return;
        for (const entry of value.properties) {
          if (entry.type === AST_NODE_TYPES.Property && keyName(entry) === 'headers') headerSources.push({ node: entry.value, label: 'response headers', scope: enclosingFunction(node) });
        }
      },
      'Program:exit'() {
        const usesCorsModule = [...importedModules].some((name) => CORS_MODULES.has(name));
        for (const call of factoryCalls) {
          const { name } = calleeParts(call);
          if ((name !== undefined && RECEIVER_METHODS.has(name)) || usesCorsModule) checkFactoryCall(call);
        }
        if (headerCalls.length > 0 || headerSources.length > 0) checkHeaderWrites();
        checkPatternTests();
      },
    };
  },
});
