import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../dist/src/index.js';
import { LINTED_FILES } from '../dist/src/linted-files.js';
import { CORPUS, installPackage, sourceFiles } from './corpus.mjs';
const files = [];
for (const e of CORPUS) { const root = installPackage(e); for (const f of e.roots.flatMap(r => sourceFiles(join(root, r)))) files.push([relative(root,f), readFileSync(f,'utf8')]); }
const linter = new Linter({ configType: 'flat' });
const base = { files: LINTED_FILES, plugins: { persona: plugin }, languageOptions: { parser: tsParser }, linterOptions: { noInlineConfig: true } };
const perFile = Object.fromEntries(Object.entries(plugin.configs.recommended.rules).filter(([id]) => !plugin.rules[id.slice(8)].meta.docs.projectCheck));
const variants = { floor: {}, recommendedPerFile: perFile };
const times = {};
for (let round = 0; round < 3; round++) for (const [name, rules] of Object.entries(variants)) {
  const t = performance.now();
  for (const [p, code] of files) linter.verify(code, [{ ...base, rules }], { filename: p });
  (times[name] ??= []).push(performance.now() - t);
}
for (const [n, ts] of Object.entries(times)) { ts.sort((a,b)=>a-b); console.log(n, (ts[1]/1000).toFixed(2)+'s', (ts[1]/times.floor[1]).toFixed(3)+'x'); }
console.log(Object.keys(perFile).join(' '));
