import { Node } from './ts-morph.js';
import { MIDDLEWARE_NAME_PATTERNS, MIDDLEWARE_PACKAGES, NOT_IDENTITY_NAME } from '../catalog/frameworks.js';
import type { Middleware, MiddlewareKind } from './model.js';
import { kindsFromBody, middlewareFunctions } from './guards.js';
import { HeaderOptionsReader } from './header-options.js';
import { locationOf } from './locations.js';
import { unwrapExpression, type ValueResolver } from './resolve.js';

export interface MiddlewareNames {
  readonly auth: readonly string[];
  readonly validation: readonly string[];
  readonly rateLimit: readonly string[];
  readonly securityHeaders: readonly string[];
}

/** The identifier a middleware expression starts from: `passport` in `passport.authenticate('jwt')`. */
function rootIdentifier(node: Node): Node | undefined {
  let current = unwrapExpression(node);
  for (let depth = 0; depth < 10; depth++) {
    if (Node.isCallExpression(current) || Node.isNewExpression(current)) current = unwrapExpression(current.getExpression());
    else if (Node.isPropertyAccessExpression(current)) current = unwrapExpression(current.getExpression());
    else break;
  }
  return Node.isIdentifier(current) ? current : undefined;
}

/**
 * Tells what middleware does: by the names the team configured, by the package it comes from, by
 * what the project's own middleware does in its body (answers 401/403, writes the security
 * headers, calls a limiter), and failing all of these by its name.
 */
export class MiddlewareClassifier {
  private readonly bodyKinds = new Map<Node, MiddlewareKind[]>();
  private readonly headers: HeaderOptionsReader;

  constructor(
    private readonly root: string,
    private readonly resolver: ValueResolver,
    private readonly names: MiddlewareNames,
  ) {
    this.headers = new HeaderOptionsReader(root, resolver);
  }

  kindsOf(node: Node): MiddlewareKind[] {
    const kinds = new Set<MiddlewareKind>();
    const text = node.getText().slice(0, 200);
    const configured: [MiddlewareKind, readonly string[]][] = [
      ['auth', this.names.auth],
      ['validation', this.names.validation],
      ['rate-limit', this.names.rateLimit],
      ['security-headers', this.names.securityHeaders],
    ];
    for (const [kind, names] of configured) if (names.some((name) => text.includes(name))) kinds.add(kind);
    const identifier = rootIdentifier(node);
    const origin = identifier ? this.resolver.packageOrigin(identifier) : undefined;
    const packageKind = origin ? MIDDLEWARE_PACKAGES.get(origin.module) : undefined;
    if (packageKind) kinds.add(packageKind);
    if (kinds.size === 0 && !origin) for (const kind of this.fromBody(node)) kinds.add(kind);
    if (kinds.size === 0) {
      // Authentication by the function's own name (`mw.authAdminApi`, not `protected_router.allowedMethods`,
      // nor `auth.session.initSession`); the other kinds by the whole name (`middleware.brute.userLogin`).
      const name = text.replace(/\(.*$/su, '');
      const last = name.split('.').at(-1) ?? name;
      const match = MIDDLEWARE_NAME_PATTERNS.find(([kind, pattern]) => (kind === 'auth' ? pattern.test(last) && !NOT_IDENTITY_NAME.test(last) : pattern.test(name)));
      if (match) kinds.add(match[0]);
    }
    return kinds.size > 0 ? [...kinds] : ['other'];
  }

  /** What the project's own middleware does, read from its body once per function. */
  private fromBody(node: Node): MiddlewareKind[] {
    const functions = middlewareFunctions(node, this.resolver);
    if (functions.length === 0) return [];
    const key = functions[0]!;
    let kinds = this.bodyKinds.get(key);
    if (!kinds) this.bodyKinds.set(key, (kinds = kindsFromBody(functions)));
    return kinds;
  }

  middleware(node: Node, scope: Middleware['scope']): Middleware {
    return this.described(node, this.kindsOf(node), scope);
  }

  /** A plugin of a known package (`export { default } from '@fastify/helmet'`), classified by the package alone; `options` as registered. */
  fromPackage(node: Node, module: string, scope: Middleware['scope'], options?: Node): Middleware {
    const kind = MIDDLEWARE_PACKAGES.get(module);
    return this.described(node, kind ? [kind] : ['other'], scope, { module, options });
  }

  private described(node: Node, kinds: MiddlewareKind[], scope: Middleware['scope'], plugin?: { module: string; options: Node | undefined }): Middleware {
    const text = node.getText().replace(/\s+/gu, ' ');
    const middleware = { name: text.length > 60 ? `${text.slice(0, 57)}...` : text, kinds, scope, location: locationOf(this.root, node) };
    // Middleware the team names is taken at its word: what it does with each header is unknown.
    if (!kinds.includes('security-headers') || this.isConfigured(text)) return middleware;
    const settings = this.headers.settings(node, plugin);
    // The project's own middleware that writes the headers leaves X-Powered-By unless the project removes it.
    const ownHeaders = settings.poweredBy === undefined && !plugin && this.fromBody(node).includes('security-headers');
    return { ...middleware, ...settings, ...(ownHeaders ? { poweredBy: 'kept' as const } : {}) };
  }

  private isConfigured(text: string): boolean {
    return this.names.securityHeaders.some((name) => text.includes(name));
  }
}
