/**
 * Where request input lives in each framework. Matching is by the conventional names of the
 * handler's request object (`req`, `request`, `ctx`, Hono's `c`), which is how handlers are
 * written in practice.
 */

/** Objects that are the incoming request. */
export const REQUEST_OBJECTS: ReadonlySet<string> = new Set(['req', 'request', 'incomingRequest', 'event']);

/** Koa's and Hono's context objects, whose `request`/`req` is the request. */
export const CONTEXT_OBJECTS: ReadonlySet<string> = new Set(['ctx', 'context', 'c']);

/** Koa's context, which also answers the request's own methods (`ctx.get('Authorization')`). */
export const DELEGATING_CONTEXT_OBJECTS: ReadonlySet<string> = new Set(['ctx', 'context']);

/** Properties of a request that hold its headers. */
export const REQUEST_HEADER_PROPERTIES: ReadonlySet<string> = new Set(['headers', 'rawHeaders', 'header']);

/** Properties of a request that hold its body. */
export const REQUEST_BODY_PROPERTIES: ReadonlySet<string> = new Set(['body', 'rawBody']);

/**
 * The route path of a Next.js route file, from its folders: `app/api/login/route.ts` gives
 * `api/login`, `pages/api/auth/[...nextauth].ts` gives `auth/[...nextauth]`.
 */
export function nextRoutePath(filename: string): string | undefined {
  const path = `/${filename.replaceAll('\\', '/')}`;
  const extension = /\.[cm]?[jt]sx?$/u.exec(path);
  if (!extension) return undefined;
  const withoutExtension = path.slice(0, extension.index);
  if (withoutExtension.endsWith('/route')) {
    const app = withoutExtension.lastIndexOf('/app/');
    return app >= 0 ? withoutExtension.slice(app + 5, -'/route'.length) : undefined;
  }
  const pages = withoutExtension.lastIndexOf('/pages/api/');
  return pages >= 0 ? withoutExtension.slice(pages + '/pages/api/'.length) : undefined;
}

/** Route paths (or handler names) that take credentials: their whole body is sensitive. */
export const AUTH_ROUTE_PATTERN =
  /(?:^|[/_-])(?:log-?in|sign-?in|sign-?up|register|auth|authenticate|token|refresh|password|passwd|reset|forgot|otp|mfa|2fa|verify|oauth|callback|session|credentials)(?:$|[/_:.-])/iu;
