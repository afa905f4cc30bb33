/** Escapes a name (a module, a method) for a regular expression: it matches only itself. */
export function literally(name: string): string {
  return name.replace(/[$()*+.?[\\\]^{|}]/gu, '\\$&');
}
