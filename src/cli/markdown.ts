import { styler } from '../report/ansi.js';

/**
 * The package's Markdown docs as text for a terminal: headings, emphasis and code in color, or
 * plain text without any escape codes (when piped). Links become "text (url)", with relative
 * links resolved against `base`; tables become one line per row, since the docs' tables are wider
 * than a terminal; HTML comments and anchors are dropped.
 */
export function renderMarkdown(markdown: string, base: string, color: boolean): string {
  const style = styler(color);
  const inline = (text: string) =>
    text
      // Neither part spans a bracket, so that a line of unclosed brackets is scanned once, not once per bracket.
      .replace(/\[([^[\]]+)\]\(([^()[\]\s]+)\)/gu, (_, label: string, href: string) => {
        const url = new URL(href, base).href;
        return label === href || label === url ? url : `${label} (${url})`;
      })
      .replace(/\*\*([^*]+)\*\*/gu, (_, text: string) => style('bold', text))
      .replace(/`([^`]+)`/gu, (whole: string, code: string) => (color ? style('cyan', code) : whole));
  const cells = (row: string) =>
    row
      .trim()
      .replace(/^\||\|$/gu, '')
      .split(/(?<!\\)\|/u)
      .map((cell) => cell.trim().replace(/\\\|/gu, '|'));

  const output: string[] = [];
  const lines = markdown.replace(/<!--[^]*?-->/gu, '').replace(/<a id="[^"]*"><\/a>/gu, '').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const fence = /^(\s*)```/u.exec(line);
    if (fence) {
      for (index++; index < lines.length && !/^\s*```/u.test(lines[index]!); index++) output.push(style('dim', `    ${lines[index]!}`));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/u.exec(line);
    if (heading) {
      const text = inline(heading[2]!);
      output.push(heading[1]!.length <= 2 ? style('bold', style('underline', text)) : style('bold', text));
      if (!color && heading[1]!.length <= 2) output.push('-'.repeat(heading[2]!.length));
      continue;
    }
    if (/^\s*\|/u.test(line)) {
      const header = cells(line);
      // The separator row (| :--- | --- |) follows the header.
      if (index + 1 < lines.length && /^\s*\|[\s:|-]+\|\s*$/u.test(lines[index + 1]!)) index++;
      for (index++; index < lines.length && /^\s*\|/u.test(lines[index]!); index++) {
        const [first = '', second = '', ...rest] = cells(lines[index]!);
        const more = rest.map((cell, column) => (cell ? `${header[column + 2]}: ${cell}` : '')).filter(Boolean);
        output.push(`  - ${inline(first)}: ${inline(second)}${more.length > 0 ? ` (${inline(more.join('; '))})` : ''}`);
      }
      index--;
      continue;
    }
    output.push(inline(line));
  }
  return `${output.join('\n').replace(/\n{3,}/gu, '\n\n').trim()}\n`;
}
