#!/usr/bin/env node
// The route-inventory ruling: pinned real backends from the npm registry (installed like
// bench/corpus.mjs does), each with an expected inventory written by reading the app's code
// (bench/ruling/<backend>.json, see bench/ruling/README.md). `persona-lint routes` must find at
// least 95% of each inventory (method, full path, auth), and the run fails when the inventory or
// the project findings drift from what the expected file records: a route newly missed or newly
// found, a finding that appears or disappears. Update the file (and its verdicts) when a change is
// an improvement.
//
//   npm run ruling [-- <backend>...]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installPackage } from './corpus.mjs';

/** The pinned backends: three frameworks, each with 50 routes or more. */
export const BACKENDS = [
  { name: 'ghost', version: '6.65.0', framework: 'express' },
  { name: 'rsshub', version: '1.0.0', framework: 'koa' },
  { name: 'umami', version: '2.10.0', framework: 'next' },
];

const MIN_MATCHED = 0.95;
const HERE = fileURLToPath(new URL('.', import.meta.url));
const CLI = join(HERE, '..', 'dist', 'src', 'cli', 'main.js');

function personaLint(cwd, args) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, CI: 'true' } });
  if (run.status !== 0 && run.status !== 1) throw new Error(`persona-lint ${args.join(' ')} exited ${run.status} in ${cwd}:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

const routeKey = ([method, path, auth]) => `${method} ${path}${auth ? ' [auth]' : ''}`;

/** The expected entries not found (each found route counts once) and the found routes not expected. */
function compare(expected, found) {
  const left = new Map();
  for (const key of found) left.set(key, (left.get(key) ?? 0) + 1);
  const missed = [];
  for (const key of expected) {
    if ((left.get(key) ?? 0) > 0) left.set(key, left.get(key) - 1);
    else missed.push(key);
  }
  const extra = [...left].flatMap(([key, count]) => Array.from({ length: count }, () => key));
  return { missed: missed.sort(), extra: extra.sort() };
}

/** Lines in one list and not in the other, each way. */
function drift(label, recorded, actual) {
  const was = new Set(recorded);
  const now = new Set(actual);
  return [...actual.filter((entry) => !was.has(entry)).map((entry) => `  + ${label}: ${entry}`), ...recorded.filter((entry) => !now.has(entry)).map((entry) => `  - ${label}: ${entry}`)];
}

function rule(backend) {
  const expected = JSON.parse(readFileSync(join(HERE, 'ruling', `${backend.name}.json`), 'utf8'));
  const root = installPackage(backend);
  const started = performance.now();
  const inventory = personaLint(root, ['routes', '--format', 'json']);
  const found = inventory.routes.map((route) => routeKey([route.method, route.path, route.auth]));
  const { missed, extra } = compare(expected.routes.map(routeKey), found);
  const results = personaLint(root, ['--project-checks-only', '--preset', 'strict', '--format', 'json']);
  const findings = results
    .flatMap((result) => result.messages.map((message) => `${message.ruleId} ${result.filePath.slice(root.length + 1)}:${message.line}`))
    .sort();
  const triaged = expected.findings.map((finding) => `${finding.rule} ${finding.file}:${finding.line}`).sort();
  const matched = expected.routes.length - missed.length;
  const share = matched / expected.routes.length;
  const problems = [
    ...(share < MIN_MATCHED ? [`  ${(share * 100).toFixed(1)}% of the expected routes found, below ${MIN_MATCHED * 100}%`] : []),
    ...drift('missed route', expected.differences.missed, missed),
    ...drift('route not in the inventory', expected.differences.extra, extra),
    ...drift('project finding', triaged, findings),
  ];
  const verdicts = expected.findings.reduce((counts, finding) => ({ ...counts, [finding.verdict]: (counts[finding.verdict] ?? 0) + 1 }), {});
  console.log(
    `${backend.name}@${backend.version} (${backend.framework}): ${expected.routes.length} routes expected, ${matched} found (${(share * 100).toFixed(1)}%), ${extra.length} more listed; ` +
      `${findings.length} project findings (${Object.entries(verdicts).map(([verdict, count]) => `${count} ${verdict}`).join(', ') || 'none triaged'}); ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  for (const problem of problems) console.log(problem);
  return problems.length === 0;
}

const only = process.argv.slice(2);
let passed = true;
for (const backend of BACKENDS.filter((candidate) => only.length === 0 || only.includes(candidate.name))) passed = rule(backend) && passed;
if (!passed) {
  console.log(`\nThe ruling drifted: compare with bench/ruling/<backend>.json and update its differences and findings (with a verdict and why) if the change is right.`);
  process.exitCode = 1;
}
