/** What a persona document says, one statement at a time: how it was written and where. */
export type StatementKind = 'heading' | 'bullet' | 'table row' | 'sentence' | 'code block';

export interface Statement {
  /** 1-based line of the document where the statement starts. */
  readonly line: number;
  readonly kind: StatementKind;
  /** The statement as the document writes it, on one line, without Markdown emphasis. */
  readonly text: string;
  /**
   * What the statement stands under, nearest last: its headings, the sentence that introduces
   * its list or block ("Never do the following:"), its parent bullets.
   */
  readonly context: readonly string[];
  /** Code blocks: the info string's first word, lowercase ('' when there is none), and the code. */
  readonly language?: string;
  readonly code?: string;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/u;
const HEADING = /^\s{0,3}(#{1,6})(?:\s+|$)/u;
const BULLET = /^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(.*)$/u;
const RULE_LINE = /^\s{0,3}(?:[-*_]\s*){3,}$/u;
/** `|---|:--:|`: only pipes, colons, dashes and spaces, with a pipe and a run of dashes. */
const isTableSeparator = (line: string) => /^[\s|:-]+$/u.test(line) && line.includes('|') && line.includes('--');

/** Inline Markdown as plain text: links keep their text, emphasis and HTML go, code spans keep their backticks. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/<\/?[a-z][^>]*>/giu, '')
    .replace(/!?\[([^[\]]*)\]\([^()\s]*\)/gu, '$1')
    .replace(/\*\*|__/gu, '')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,:;!?]|$)/gu, '$1$2')
    .replace(/^\[[ xX]\]\s+/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

const tableCells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/gu, '')
    .split(/(?<!\\)\|/u)
    .map((cell) => plainText(cell.replace(/\\\|/gu, '|')));

/**
 * Sentences of a paragraph, each with the line it starts on. A sentence ends at `.`, `!` or `?`
 * followed by a space and a capital, a quote, a code span or emphasis: `e.g. the` does not end one.
 */
function sentences(lines: readonly { text: string; line: number }[]): { text: string; line: number }[] {
  const found: { text: string; line: number }[] = [];
  let current = '';
  let start = 0;
  for (const { text, line } of lines) {
    const parts = text.split(/(?<=[.!?])\s+(?=[A-Z`"'*_(])/u);
    for (const [index, part] of parts.entries()) {
      if (current === '') start = line;
      current = current === '' ? part : `${current} ${part}`;
      if (index < parts.length - 1) {
        found.push({ text: current, line: start });
        current = '';
      }
    }
    // A line that ends a sentence ends it, whatever the next line starts with.
    if (/[.!?]$/u.test(text.trim()) && current !== '') {
      found.push({ text: current, line: start });
      current = '';
    }
  }
  if (current !== '') found.push({ text: current, line: start });
  return found.map((sentence) => ({ ...sentence, text: plainText(sentence.text) })).filter((sentence) => sentence.text !== '');
}

/**
 * The statements of a Markdown document, in order: headings, list items, table rows, the
 * sentences of paragraphs and blockquotes, and fenced code blocks (one statement each). Front
 * matter, thematic breaks and table header rows say nothing and are left out.
 */
export function readStatements(markdown: string): Statement[] {
  // Comments go, their line breaks stay: lines keep their numbers.
  const lines = markdown
    .replace(/^\uFEFF/u, '')
    .replace(/<!--[^]*?-->/gu, (comment) => comment.replace(/[^\r\n]/gu, ''))
    .split(/\r\n|\r|\n/u);
  const statements: Statement[] = [];
  const headings: string[] = [];
  /** Open list items by indentation, for the context of nested items. */
  let parents: { indent: number; text: string }[] = [];
  /** A paragraph ending in ":" introduces the list, table or block right after it. */
  let leadIn: string | undefined;
  let paragraph: { text: string; line: number }[] = [];

  const context = () => [...headings, ...(leadIn === undefined ? [] : [leadIn]), ...parents.map((parent) => parent.text)];
  const flushParagraph = () => {
    if (paragraph.length === 0) return;
    const found = sentences(paragraph);
    for (const sentence of found) statements.push({ line: sentence.line, kind: 'sentence', text: sentence.text, context: context() });
    const last = found.at(-1)?.text;
    leadIn = last?.endsWith(':') ? last.slice(0, -1) : undefined;
    paragraph = [];
  };

  let index = 0;
  // YAML front matter says how the document is published, not what it asks.
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((line, at) => at > 0 && /^(?:---|\.\.\.)\s*$/u.test(line));
    if (end > 0) index = end + 1;
  }
  for (; index < lines.length; index++) {
    const raw = lines[index]!;
    const lineNumber = index + 1;
    const fence = FENCE.exec(raw);
    if (fence) {
      flushParagraph();
      const marker = fence[2]!;
      const body: string[] = [];
      let end = index + 1;
      for (; end < lines.length; end++) {
        const closing = lines[end]!.trim();
        if (closing.startsWith(marker[0]!.repeat(marker.length)) && closing.replace(/[`~]/gu, '') === '') break;
        body.push(lines[end]!);
      }
      statements.push({ line: lineNumber, kind: 'code block', text: '', context: context(), language: fence[3]!.toLowerCase(), code: body.join('\n') });
      index = end;
      continue;
    }
    if (raw.trim() === '') {
      flushParagraph();
      continue;
    }
    const heading = HEADING.exec(raw);
    if (heading) {
      flushParagraph();
      const level = heading[1]!.length;
      headings.length = Math.min(headings.length, level - 1);
      while (headings.length < level - 1) headings.push('');
      // The closing sequence of `## Errors ##` is not part of the heading.
      const text = plainText(raw.slice(heading[0].length).trimEnd().replace(/(?:^|\s)#+$/u, ''));
      statements.push({ line: lineNumber, kind: 'heading', text, context: headings.filter(Boolean) });
      headings.push(text);
      parents = [];
      leadIn = undefined;
      continue;
    }
    if (RULE_LINE.test(raw)) {
      flushParagraph();
      parents = [];
      leadIn = undefined;
      continue;
    }
    const bullet = BULLET.exec(raw);
    if (bullet) {
      flushParagraph();
      const indent = bullet[1]!.replace(/\t/gu, '    ').length;
      let text = bullet[2]!;
      // Lines indented under the item continue it.
      while (index + 1 < lines.length && /^\s+\S/u.test(lines[index + 1]!) && !BULLET.test(lines[index + 1]!) && !FENCE.test(lines[index + 1]!)) {
        index++;
        text += ` ${lines[index]!.trim()}`;
      }
      parents = parents.filter((parent) => parent.indent < indent);
      const plain = plainText(text);
      if (plain !== '') statements.push({ line: lineNumber, kind: 'bullet', text: plain, context: context() });
      parents.push({ indent, text: plain.replace(/:$/u, '') });
      continue;
    }
    if (/^\s*\|/u.test(raw)) {
      flushParagraph();
      const header = tableCells(raw);
      const hasHeader = index + 1 < lines.length && isTableSeparator(lines[index + 1]!);
      if (hasHeader) index++;
      else index--;
      for (index++; index < lines.length && /^\s*\|/u.test(lines[index]!); index++) {
        const cells = tableCells(lines[index]!).filter((cell) => cell !== '');
        if (cells.length > 0) statements.push({ line: index + 1, kind: 'table row', text: cells.join(' — '), context: hasHeader ? [...context(), header.join(' — ')] : context() });
      }
      index--;
      leadIn = undefined;
      continue;
    }
    // A paragraph line; a blockquote is read as its text.
    if (parents.length > 0 && /^\s/u.test(raw) === false) parents = [];
    paragraph.push({ text: raw.replace(/^\s*(?:>\s?)+/u, '').trim(), line: lineNumber });
  }
  flushParagraph();
  return statements;
}
