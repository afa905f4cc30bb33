/**
 * Security-header middleware whose options turn a header off, read from the libraries' own types.
 *
 * helmet 4 names its options after its old middleware (`frameguard`, `hsts`, `noSniff`,
 * `hidePoweredBy`); helmet 6 added the header names (`xFrameOptions`, `strictTransportSecurity`,
 * `xContentTypeOptions`, `xPoweredBy`) and helmet 7 and 8 accept both (one of each pair). `false`
 * turns the header off; koa-helmet and @fastify/helmet hand their options to helmet.
 */

/** A header the project checks hold to be essential, and what is lost without it. */
export interface KeyHeader {
  readonly header: string;
  /** Said in the message: what an attacker can do when the header is off. */
  readonly risk: string;
}

export const KEY_HEADERS = {
  csp: { header: 'Content-Security-Policy', risk: 'pages get no script and framing policy, so an injected script runs unhindered' },
  hsts: { header: 'Strict-Transport-Security', risk: 'browsers are not told to use HTTPS only, so a request over plain HTTP can be intercepted' },
  frame: { header: 'X-Frame-Options', risk: 'any site can frame these pages (clickjacking)' },
  noSniff: { header: 'X-Content-Type-Options', risk: 'browsers may sniff a response into another type, such as an upload run as a script' },
  poweredBy: { header: 'X-Powered-By', risk: "Express's X-Powered-By header tells scanners what the server runs" },
} as const satisfies Record<string, KeyHeader>;

export type KeyHeaderId = keyof typeof KEY_HEADERS;

/** helmet's options, under both names, and the header each turns off with `false`. */
const HELMET_SWITCHES: Readonly<Record<string, KeyHeaderId>> = {
  contentSecurityPolicy: 'csp',
  strictTransportSecurity: 'hsts',
  hsts: 'hsts',
  xFrameOptions: 'frame',
  frameguard: 'frame',
  xContentTypeOptions: 'noSniff',
  noSniff: 'noSniff',
  xPoweredBy: 'poweredBy',
  hidePoweredBy: 'poweredBy',
};

export interface HeadersMiddleware {
  readonly module: string;
  /** Module path of the function that takes the options (`''` for `helmet(options)`). */
  readonly factory: string;
  /** Position of the options argument; for a Fastify plugin, of `register(plugin, options)`. */
  readonly options: number;
  readonly plugin?: boolean;
  /** Option keys that turn a key header off with `false`. */
  readonly switches: Readonly<Record<string, KeyHeaderId>>;
  /** The factory removes X-Powered-By unless `poweredBy` is switched off. */
  readonly hidesPoweredBy: boolean;
  /** Module paths of middleware of the package that only remove X-Powered-By (`helmet.hidePoweredBy()`). */
  readonly poweredByMiddleware?: readonly string[];
  /** The package and version whose types were read for this entry. */
  readonly types: string;
}

const HELMET_TYPES = 'helmet@4.6.0 (old names), helmet@6.2.0 and helmet@8.3.0 (both names)';

export const HEADERS_MIDDLEWARE: readonly HeadersMiddleware[] = [
  { module: 'helmet', factory: '', options: 0, switches: HELMET_SWITCHES, hidesPoweredBy: true, poweredByMiddleware: ['hidePoweredBy', 'xPoweredBy'], types: HELMET_TYPES },
  { module: 'koa-helmet', factory: '', options: 0, switches: HELMET_SWITCHES, hidesPoweredBy: true, types: 'koa-helmet@9.0.0 (helmet 6 to 8 options)' },
  { module: '@fastify/helmet', factory: '', options: 1, plugin: true, switches: HELMET_SWITCHES, hidesPoweredBy: true, types: '@fastify/helmet@13.2.0 (helmet 8 options)' },
  { module: 'fastify-helmet', factory: '', options: 1, plugin: true, switches: HELMET_SWITCHES, hidesPoweredBy: true, types: '@fastify/helmet@13.2.0 (the package it was renamed to)' },
  {
    module: 'hono/secure-headers',
    factory: 'secureHeaders',
    options: 0,
    // Hono sets no Content-Security-Policy unless asked to, and removes X-Powered-By with `removePoweredBy`.
    switches: { strictTransportSecurity: 'hsts', xFrameOptions: 'frame', xContentTypeOptions: 'noSniff' },
    hidesPoweredBy: true,
    types: 'hono@4.13.23',
  },
];

/** Option names a team may allow to be turned off, each with the header it turns off. */
export const SWITCHABLE_OPTIONS: readonly string[] = Object.keys(HELMET_SWITCHES);

export function headerOfOption(option: string): KeyHeaderId | undefined {
  return HELMET_SWITCHES[option];
}

export function headersMiddlewareFor(module: string): HeadersMiddleware | undefined {
  return HEADERS_MIDDLEWARE.find((entry) => entry.module === module);
}

/** Header packages that set headers and leave Express's X-Powered-By as it is. */
export const KEEPS_POWERED_BY: ReadonlySet<string> = new Set(['lusca', 'helmet-csp', 'hsts', 'frameguard', 'dont-sniff-mimetype', 'referrer-policy', 'x-xss-protection', 'express-csp-header']);

/** Code that removes X-Powered-By: `app.disable('x-powered-by')`, `app.set('x-powered-by', false)`, `res.removeHeader('X-Powered-By')`. Linear. */
export const POWERED_BY_REMOVED = /\.disable\(\s*['"`]x-powered-by['"`]\s*\)|\.set\(\s*['"`]x-powered-by['"`]\s*,\s*false\s*\)|removeHeader\(\s*['"`]x-powered-by['"`]\s*\)/iu;

/** What a team may turn off without a finding by default: a JSON API renders no pages for a CSP to protect. */
export const DEFAULT_ALLOWED_DISABLED: readonly string[] = ['contentSecurityPolicy'];
