import { Node, SyntaxKind } from './ts-morph.js';
import { KEEPS_POWERED_BY, headersMiddlewareFor, type HeadersMiddleware } from '../catalog/security-headers.js';
import { locationOf } from './locations.js';
import type { DisabledHeader, Middleware } from './model.js';
import { returnedValues, unwrapExpression, type ValueResolver } from './resolve.js';

const MAX_DEPTH = 6;

/** A call of a security-headers package's middleware: `helmet(options)`, `helmet.frameguard()`, `secureHeaders(options)`. */
interface HeadersCall {
  readonly entry: HeadersMiddleware;
  /** The module path called (`''`, `frameguard`). */
  readonly path: string;
  readonly options: Node | undefined;
}

export type HeaderSettings = Pick<Middleware, 'disabledHeaders' | 'poweredBy'>;

/**
 * Reads what a security-headers middleware turns off: finds the package's call behind the
 * middleware expression (directly, in a variable, in a factory's return, in another module) and
 * reads its options wherever they are written (a `const`, an imported config object, a spread of
 * another object, a `let` reassigned later).
 */
export class HeaderOptionsReader {
  constructor(
    private readonly root: string,
    private readonly resolver: ValueResolver,
  ) {}

  /** `node` is the middleware as applied; `plugin` and `options` are given for `register(plugin, options)`. */
  settings(node: Node, plugin?: { module: string; options: Node | undefined }): HeaderSettings {
    const pluginEntry = plugin && headersMiddlewareFor(plugin.module);
    const calls = pluginEntry?.plugin && plugin ? [{ entry: pluginEntry, path: pluginEntry.factory, options: plugin.options }] : this.callsOf(node, 0);
    if (calls.length === 0) return { poweredBy: this.keepsPoweredBy(node) ? 'kept' : undefined };
    const disabledHeaders = calls.flatMap((call) => this.disabled(call));
    const hides = calls.some(
      (call) =>
        call.entry.poweredByMiddleware?.includes(call.path) ||
        (call.path === call.entry.factory && call.entry.hidesPoweredBy && !disabledHeaders.some((disabled) => disabled.header === 'poweredBy' && disabled.module === call.entry.module)),
    );
    return { disabledHeaders, poweredBy: hides ? 'hidden' : 'kept' };
  }

  /** A package known to leave X-Powered-By (lusca, helmet's standalone `hsts`). */
  private keepsPoweredBy(node: Node): boolean {
    let current = unwrapExpression(node);
    while (Node.isCallExpression(current) || Node.isPropertyAccessExpression(current)) current = unwrapExpression(current.getExpression());
    const origin = Node.isIdentifier(current) ? this.resolver.packageOrigin(current) : undefined;
    return origin !== undefined && KEEPS_POWERED_BY.has(origin.module);
  }

  private callsOf(node: Node, depth: number): HeadersCall[] {
    if (depth > MAX_DEPTH) return [];
    const inner = unwrapExpression(node);
    if (Node.isCallExpression(inner)) {
      const origin = this.resolver.packageOrigin(inner.getExpression());
      if (origin) {
        const entry = headersMiddlewareFor(origin.module);
        return entry && !entry.plugin ? [{ entry, path: origin.path, options: origin.path === entry.factory ? inner.getArguments()[entry.options] : undefined }] : [];
      }
      // A factory of the project's: `app.use(securityHeaders())`.
      return this.resolver.functionsOf(inner.getExpression()).flatMap((fn) => returnedValues(fn).flatMap((value) => this.callsOf(value, depth + 1)));
    }
    if (Node.isIdentifier(inner) || Node.isPropertyAccessExpression(inner)) {
      return this.resolver
        .definitions(inner)
        .filter((definition) => definition !== inner)
        .flatMap((definition) => this.callsOf(definition, depth + 1));
    }
    return [];
  }

  private disabled(call: HeadersCall): DisabledHeader[] {
    if (!call.options) return [];
    // Later keys win over earlier ones and over spread objects, as in the object the code builds.
    const found: DisabledHeader[] = [];
    for (const object of this.objectsOf(call.options, 0)) {
      const switches = new Map<string, { off: boolean; node: Node }>();
      this.readSwitches(object, call.entry, switches, 0);
      for (const [option, { off, node }] of switches) {
        if (off) found.push({ header: call.entry.switches[option]!, option, module: call.entry.module, location: locationOf(this.root, node) });
      }
    }
    return found;
  }

  private readSwitches(object: Node, entry: HeadersMiddleware, switches: Map<string, { off: boolean; node: Node }>, depth: number): void {
    if (!Node.isObjectLiteralExpression(object) || depth > MAX_DEPTH) return;
    for (const property of object.getProperties()) {
      if (Node.isSpreadAssignment(property)) {
        for (const spread of this.objectsOf(property.getExpression(), depth + 1)) this.readSwitches(spread, entry, switches, depth + 1);
        continue;
      }
      if (!Node.isPropertyAssignment(property) && !Node.isShorthandPropertyAssignment(property)) continue;
      const option = property.getName();
      if (entry.switches[option] === undefined) continue;
      const value = Node.isPropertyAssignment(property) ? property.getInitializerOrThrow() : property.getNameNode();
      switches.set(option, { off: this.isFalse(value), node: property });
    }
  }

  private isFalse(node: Node): boolean {
    const inner = unwrapExpression(node);
    if (inner.getKind() === SyntaxKind.FalseKeyword) return true;
    if (!Node.isIdentifier(inner) && !Node.isPropertyAccessExpression(inner)) return false;
    const definitions = this.resolver.definitions(inner).filter((definition) => definition !== inner);
    return definitions.length > 0 && definitions.every((definition) => unwrapExpression(definition).getKind() === SyntaxKind.FalseKeyword);
  }

  /** The object literals an options expression may be: through variables (a `let`'s later values too), imports and factories. */
  private objectsOf(node: Node, depth: number): Node[] {
    if (depth > MAX_DEPTH) return [];
    const inner = unwrapExpression(node);
    if (Node.isObjectLiteralExpression(inner)) return [inner];
    if (Node.isCallExpression(inner)) {
      return this.resolver.functionsOf(inner.getExpression()).flatMap((fn) => returnedValues(fn).flatMap((value) => this.objectsOf(value, depth + 1)));
    }
    if (!Node.isIdentifier(inner) && !Node.isPropertyAccessExpression(inner)) return [];
    const declaration = Node.isIdentifier(inner) ? this.resolver.declarationOf(inner) : undefined;
    const reassigned = Node.isVariableDeclaration(declaration) && declaration.getInitializer() ? this.resolver.assignedValues(declaration) : [];
    return [...this.resolver.definitions(inner), ...reassigned].filter((definition) => definition !== inner).flatMap((definition) => this.objectsOf(definition, depth + 1));
  }
}
