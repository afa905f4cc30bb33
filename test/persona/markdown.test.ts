import { describe, expect, it } from 'vitest';
import { plainText, readStatements } from '../../src/persona/markdown.js';

const brief = (markdown: string) => readStatements(markdown).map(({ line, kind, text, context, language }) => ({ line, kind, text, context, ...(language === undefined ? {} : { language }) }));

describe('reading a persona document into statements', () => {
  it('headings give the context of what stands under them, and are statements themselves', () => {
    expect(brief('# Backend\n\n## Logging\n\n- Never log tokens.\n\n### Personal data\n\n- No e-mail addresses either.\n\n## Errors\n\n- One envelope.\n')).toEqual([
      { line: 1, kind: 'heading', text: 'Backend', context: [] },
      { line: 3, kind: 'heading', text: 'Logging', context: ['Backend'] },
      { line: 5, kind: 'bullet', text: 'Never log tokens.', context: ['Backend', 'Logging'] },
      { line: 7, kind: 'heading', text: 'Personal data', context: ['Backend', 'Logging'] },
      { line: 9, kind: 'bullet', text: 'No e-mail addresses either.', context: ['Backend', 'Logging', 'Personal data'] },
      { line: 11, kind: 'heading', text: 'Errors', context: ['Backend'] },
      { line: 13, kind: 'bullet', text: 'One envelope.', context: ['Backend', 'Errors'] },
    ]);
  });

  it('list items: nested items stand under their parent, continuation lines belong to their item, numbered and checkbox items count', () => {
    expect(brief('- Never do:\n  - log passwords\n  - build SQL\n    from strings\n1. **Rate limits**: on every route\n- [ ] Health checks\n')).toEqual([
      { line: 1, kind: 'bullet', text: 'Never do:', context: [] },
      { line: 2, kind: 'bullet', text: 'log passwords', context: ['Never do'] },
      { line: 3, kind: 'bullet', text: 'build SQL from strings', context: ['Never do'] },
      { line: 5, kind: 'bullet', text: 'Rate limits: on every route', context: [] },
      { line: 6, kind: 'bullet', text: 'Health checks', context: [] },
    ]);
  });

  it('table rows are statements with the header as context; the header and separator rows are not', () => {
    expect(brief('| Area | Standard |\n|:---|---|\n| Logging | Never log **tokens** |\n| Health | `GET /healthz` |\n')).toEqual([
      { line: 3, kind: 'table row', text: 'Logging — Never log tokens', context: ['Area — Standard'] },
      { line: 4, kind: 'table row', text: 'Health — `GET /healthz`', context: ['Area — Standard'] },
    ]);
  });

  it('paragraphs are split into sentences, each with the line it starts on; a sentence ending in ":" introduces what follows', () => {
    expect(brief('We log with pino. Never log\ntokens, e.g. session ids. Errors\nuse one envelope.\n\nNever do the following:\n\n- log passwords\n')).toEqual([
      { line: 1, kind: 'sentence', text: 'We log with pino.', context: [] },
      { line: 1, kind: 'sentence', text: 'Never log tokens, e.g. session ids.', context: [] },
      { line: 2, kind: 'sentence', text: 'Errors use one envelope.', context: [] },
      { line: 5, kind: 'sentence', text: 'Never do the following:', context: [] },
      { line: 7, kind: 'bullet', text: 'log passwords', context: ['Never do the following'] },
    ]);
  });

  it('code blocks are one statement each, with their language and code; Markdown inside them is not read', () => {
    const [, block, after] = readStatements('Errors look like this:\n\n```JSON\n{ "ok": false }\n- not a bullet\n```\n\n~~~\n# not a heading\n~~~\n');
    expect(block).toMatchObject({ line: 3, kind: 'code block', language: 'json', code: '{ "ok": false }\n- not a bullet', context: ['Errors look like this'] });
    expect(after).toMatchObject({ line: 8, kind: 'code block', language: '', code: '# not a heading' });
  });

  it('front matter, thematic breaks, HTML comments and blockquote markers say nothing', () => {
    expect(brief('---\ntitle: Persona\n---\n> **Note**: use with care.\n\n---\n<!-- draft -->\nKeep it small.\n')).toEqual([
      { line: 4, kind: 'sentence', text: 'Note: use with care.', context: [] },
      { line: 8, kind: 'sentence', text: 'Keep it small.', context: [] },
    ]);
  });

  it('plain text keeps code spans and link texts, drops emphasis', () => {
    expect(plainText('**Never** log `req.body` _or_ [tokens](https://example.com)')).toBe('Never log `req.body` or tokens');
  });
});
