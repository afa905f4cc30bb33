import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { rules } from '../rules.js';
import { UsageError } from './errors.js';

/** The rule's documentation: the standard, why it matters, examples and options. */
export function explainRule(requested: string): string {
  const name = requested.replace(/^persona\//u, '');
  if (!(name in rules)) {
    const known = Object.keys(rules).map((ruleName) => `persona/${ruleName}`);
    const similar = known.filter((ruleId) => ruleId.includes(name));
    throw new UsageError(`unknown rule "${requested}".${similar.length > 0 ? ` Did you mean ${similar.join(' or ')}?` : ''} The rules are:\n  ${known.join('\n  ')}`);
  }
  const docs = rules[name as keyof typeof rules].meta.docs!;
  const docFile = join(PACKAGE_ROOT, 'docs', 'rules', `${name}.md`);
  const doc = existsSync(docFile) ? readFileSync(docFile, 'utf8').split('<!-- end auto-generated rule header -->').pop()!.trim() : '';
  const presets = docs.recommended ? 'recommended, strict' : 'strict';
  const kind = docs.projectCheck ? 'project check (reads the whole project through the analyzer)' : 'per-file rule';
  return [
    `persona/${name}: ${docs.description}`,
    '',
    `Standard: ${docs.standard}`,
    `Presets:  ${presets}`,
    `Kind:     ${kind}`,
    `Docs:     ${docs.url}`,
    '',
    doc,
    '',
  ].join('\n');
}
