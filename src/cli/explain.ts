import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleDocUrl, standardUrl } from '../doc-links.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { UsageError } from './errors.js';
import { renderMarkdown } from './markdown.js';

const DOCS = join(PACKAGE_ROOT, 'docs');
const HEADER_END = '<!-- end auto-generated rule header -->';

/** A rule's section of docs/standards.md: its number and title, and the text under the heading. */
function standardOf(ruleName: string): { title: string; text: string; kind: string } {
  const standards = readFileSync(join(DOCS, 'standards.md'), 'utf8');
  const start = standards.indexOf(`<a id="${ruleName}"></a>`);
  const end = standards.indexOf('<a id=', start + 1);
  const section = standards.slice(start, end < 0 ? undefined : end);
  const heading = /^## (\d+\. .+)$/mu.exec(section);
  const kind = /\*\*Enforced by\*\* \[[^\]]+\]\([^)]+\),\s+an?\s+(per-file\s+rule|project\s+check)/u.exec(section);
  return { title: heading?.[1] ?? ruleName, text: heading ? section.slice(heading.index + heading[0].length).trim() : '', kind: kind?.[1]?.replace(/\s+/gu, ' ') ?? '' };
}

/**
 * A rule explained from the package's own docs, so that it answers at once (no rule, ESLint or
 * TypeScript is loaded): the standard and why it matters (docs/standards.md), then the rule's
 * doc (what it reports, examples, options, limitations).
 */
export function explainRule(requested: string, { color }: { color: boolean }): string {
  const name = requested.replace(/^persona\//u, '');
  const known = readdirSync(join(DOCS, 'rules'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => file.slice(0, -'.md'.length))
    .sort();
  if (!known.includes(name)) {
    const similar = known.filter((ruleName) => ruleName.includes(name) || name.includes(ruleName)).map((ruleName) => `persona/${ruleName}`);
    throw new UsageError(
      `unknown rule "${requested}".${similar.length > 0 ? ` Did you mean ${similar.join(' or ')}?` : ''} The rules are:\n  ${known.map((ruleName) => `persona/${ruleName}`).join('\n  ')}`,
    );
  }
  const [header = '', body = ''] = readFileSync(join(DOCS, 'rules', `${name}.md`), 'utf8').split(HEADER_END);
  const description = /📝 (.+)/u.exec(header)?.[1] ?? '';
  const presets = [...(/following configs?: (.+)$/mu.exec(header)?.[1] ?? '').matchAll(/`(\w+)`/gu)].map((match) => match[1]).join(', ');
  const standard = standardOf(name);
  const overview = [
    `# persona/${name}`,
    '',
    description,
    '',
    `- **Standard**: ${standard.title}`,
    `- **Presets**: ${presets || 'none (turn it on in the configuration)'}`,
    `- **Kind**: ${standard.kind}`,
    `- **Docs**: ${ruleDocUrl(name)}`,
    '',
    `## The standard: ${standard.title.replace(/^\d+\. /u, '')}`,
    '',
    standard.text,
    '',
    `Online: ${standardUrl(name)}`,
    '',
  ].join('\n');
  // The doc's own first paragraphs state the standard and link to it: the overview has both.
  const details = body.replace(/^\s*\*\*\[Standard[^]*?\n\n/u, '').replace(/^Why it matters, and what of it no linter can check[^]*?\n\n/mu, '');
  return `${renderMarkdown(overview, standardUrl(name), color)}\n${renderMarkdown(details, ruleDocUrl(name), color)}`;
}
