#!/usr/bin/env node
// Writes the table of secret-bearing arguments in docs/rules/no-hardcoded-secrets.md from the
// catalog the rule reads (src/catalog/secrets.ts, built), so the doc cannot drift from it.
//
//   node scripts/secret-arguments-doc.mjs           rewrite the table
//   node scripts/secret-arguments-doc.mjs --check   exit 1 when the doc's table is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { SECRET_SINKS, slotPathText } from '../dist/src/catalog/secrets.js';

const DOC = new URL('../docs/rules/no-hardcoded-secrets.md', import.meta.url);
const BEGIN = '<!-- begin secret-bearing arguments (npm run docs) -->';
const END = '<!-- end secret-bearing arguments -->';

const code = (text) => `\`${text}\``;

function callee(path) {
  if (path === '') return 'the module itself';
  if (path === '.*') return 'any export (a client class)';
  return code(path.replace(/^\./u, '').replaceAll('()', '(…)').replaceAll('**', '…'));
}

function slot({ argument, path }) {
  const position = `argument ${argument + 1}`;
  return path.length === 0 ? position : `${code(slotPathText(path))} of ${position}`;
}

function table() {
  const rows = SECRET_SINKS.map((sink) => {
    const modules = sink.modules.map(code).join(', ');
    const calls = sink.plugin ? '`register(plugin, options)`' : sink.callees.map(callee).join(', ');
    return `| ${modules} | ${calls} | ${sink.slots.map(slot).join(', ')} | ${sink.what} | ${code(sink.types)} |`;
  });
  return ['| module | function, method or class | secret | kind | type definitions read |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

const doc = readFileSync(DOC, 'utf8');
const begin = doc.indexOf(BEGIN);
const end = doc.indexOf(END);
if (begin < 0 || end < begin) {
  console.error(`${DOC.pathname}: the markers ${BEGIN} and ${END} are missing`);
  process.exit(2);
}
const updated = `${doc.slice(0, begin + BEGIN.length)}\n\n${table()}\n\n${doc.slice(end)}`;
if (process.argv.includes('--check')) {
  if (updated !== doc) {
    console.error('docs/rules/no-hardcoded-secrets.md: the table of secret-bearing arguments is out of date; run `npm run docs`.');
    process.exit(1);
  }
} else if (updated !== doc) {
  writeFileSync(DOC, updated);
}
