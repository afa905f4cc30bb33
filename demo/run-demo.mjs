#!/usr/bin/env node
// Lints the demo backend with the recommended preset (`--strict`: the strict preset) and prints the
// findings. Exits 1 when there are findings, as a CI step would.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import persona from '../dist/src/index.js';

const backend = fileURLToPath(new URL('./backend/', import.meta.url));
const preset = process.argv.includes('--strict') ? persona.configs.strict : persona.configs.recommended;
const eslint = new ESLint({ cwd: backend, overrideConfigFile: true, overrideConfig: [preset] });
const results = await eslint.lintFiles(['src']);
const formatter = await eslint.loadFormatter('stylish');
const output = await formatter.format(results);
const findings = results.reduce((sum, result) => sum + result.errorCount + result.warningCount, 0);
console.log(output || 'No findings.');
console.log(`persona-lint demo: ${findings} finding(s) in ${results.length} file(s) of demo/backend/src.`);
process.exitCode = findings > 0 ? 1 : 0;
