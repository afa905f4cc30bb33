const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  underline: [4, 24],
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

export type Style = keyof typeof CODES;

/** A function that styles text with ANSI codes, or leaves it plain: the caller decides on color once. */
export function styler(color: boolean): (style: Style, text: string) => string {
  return color ? (style, text) => `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m` : (_, text) => text;
}
