#!/usr/bin/env node
// Runs the project analyzer over the pinned real backends of the corpus (see corpus.mjs) and
// prints, per backend, its wall time, the peak memory of the process, the inventory's size and the
// project findings. Figures, not assertions.
//
//   node bench/analyzer.mjs [--json <file>] [<package name>...]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyzeProject } from '../dist/src/analyzer/index.js';
import { CORPUS, installPackage } from './corpus.mjs';

const { values, positionals } = parseArgs({ options: { json: { type: 'string' } }, allowPositionals: true });
const report = [];
for (const entry of CORPUS.filter((candidate) => positionals.length === 0 || positionals.includes(candidate.name))) {
  const root = installPackage(entry);
  const started = performance.now();
  const { model, findings } = analyzeProject(root);
  const seconds = (performance.now() - started) / 1000;
  const figures = {
    package: `${entry.name}@${entry.version}`,
    seconds: Number(seconds.toFixed(1)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    apps: model.apps.map((app) => `${app.framework} ${app.id}`),
    routes: model.routes.length,
    errorSites: model.errorSites.length,
    findings: findings.map((finding) => `${finding.ruleId} ${finding.location.file}:${finding.location.line} ${finding.message}`),
    notes: model.notes,
  };
  report.push(figures);
  console.log(JSON.stringify(figures, null, 2));
}
if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2));
