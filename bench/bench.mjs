#!/usr/bin/env node
// Speed and memory of persona-lint against bare ESLint and two peer plugins, on real backends
// installed from the npm registry at pinned versions (see corpus.mjs). Figures, not assertions: it
// exits 0 unless it cannot run.
//
//   npm run bench [-- --runs N] [--target <name>]... [--json <file>] [--quick]
//
// Per target, the commands run round robin (A B C ... A B C ...), each in its own Node process:
// the parent times it from spawn to exit; bench/resource-probe.mjs, preloaded into the child, writes the
// child's peak RSS and CPU time at exit. Then one more run of persona `strict` with TIMING=all gives each rule's
// cost. Rules come from the presets and from ESLint's TIMING table, so rules added later show up
// without edits here.
import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { listSourceFiles } from '../dist/src/analyzer/project.js';
import plugin from '../dist/src/index.js';
import { PROJECT_CHECK_SETUP } from '../dist/src/project-rule.js';
import { CORPUS, TYPESCRIPT_SOURCE_BACKEND, corpusDirectory, installPackage, sourceFiles } from './corpus.mjs';
import { summarize } from './summary.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const PACKAGE_DIR = dirname(BENCH_DIR);
const CLI = join(PACKAGE_DIR, 'dist', 'src', 'cli', 'main.js');
const CHILD = join(BENCH_DIR, 'bench-child.mjs');
const PROBE = join(BENCH_DIR, 'resource-probe.mjs');
/** A child that runs longer than this is stopped and reported as failed. */
const CHILD_TIMEOUT_MS = 20 * 60 * 1000;

/** What was checked on the registry for a backend that publishes TypeScript sources. */
const TYPESCRIPT_SEARCH = {
  found: `${TYPESCRIPT_SOURCE_BACKEND.name}@${TYPESCRIPT_SOURCE_BACKEND.version}`,
  checkedWithoutSources: ['@actual-app/sync-server@26.9.0', '@nocobase/server@2.2.15', '@vendure/core@3.7.3', '@medusajs/medusa@2.21.2'],
};

const ALL_TARGETS = [...CORPUS, TYPESCRIPT_SOURCE_BACKEND];
const DEFAULT_TARGETS = ['ghost', 'parse-server', TYPESCRIPT_SOURCE_BACKEND.name];

/**
 * The measured commands. Those of scope `roots` lint the same file list (the target's roots) through
 * ESLint's Node API; those of scope `package` work on the whole package folder, as a user would run them.
 */
const COMMANDS = [
  { id: 'floor', label: 'ESLint + @typescript-eslint/parser, no rules (floor)', kind: 'eslint', scope: 'roots' },
  // ESLint does more once any rule is on, whatever the rule: this row shows what every plugin pays before its own work.
  { id: 'one-rule', label: 'floor + one core rule that finds nothing (no-debugger)', kind: 'eslint', scope: 'roots' },
  { id: 'persona-recommended', label: 'floor + persona recommended', kind: 'eslint', scope: 'roots' },
  { id: 'persona-strict', label: 'floor + persona strict (project rules too)', kind: 'eslint', scope: 'roots' },
  { id: 'sonarjs', label: 'floor + eslint-plugin-sonarjs recommended', kind: 'eslint', scope: 'roots' },
  { id: 'security', label: 'floor + eslint-plugin-security recommended', kind: 'eslint', scope: 'roots' },
  { id: 'cli-strict', label: 'persona-lint --preset strict (end to end)', kind: 'cli', args: ['--preset', 'strict'], scope: 'package' },
  { id: 'analyzer', label: 'analyzer alone (analyzeProject)', kind: 'analyzer', scope: 'package' },
  { id: 'cli-staged', label: 'persona-lint --staged, one staged file', kind: 'cli', args: ['--staged'], scope: 'package', staged: true },
];

const TARGET_GOALS = {
  recommendedRatio: 1.15,
  endToEndRatio: 1.6,
  stagedSeconds: 1.5,
  peakRssMb: 1024,
};

// ---------------------------------------------------------------------------------------------
// Small helpers

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round = (value, digits = 2) => (value === undefined || Number.isNaN(value) ? undefined : Number(value.toFixed(digits)));
const show = (value, digits = 2, suffix = '') => (value === undefined ? 'n/a' : `${value.toFixed(digits)}${suffix}`);
const slug = (entry) => `${entry.name.replace('/', '__')}-${entry.version}`;
const log = (text) => process.stderr.write(`${text}\n`);

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(join(PACKAGE_DIR, 'node_modules', ...name.split('/'), 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

function git(cwd, args) {
  return execFileSync('git', ['-C', cwd, '-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgSign=false', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
}

function ownRevision() {
  try {
    const commit = git(PACKAGE_DIR, ['rev-parse', '--short', 'HEAD']).trim();
    const dirty = git(PACKAGE_DIR, ['status', '--porcelain', '--', 'src', 'rules']).trim() !== '';
    return dirty ? `commit ${commit} + uncommitted changes in src/ or rules/` : `commit ${commit}`;
  } catch {
    return 'not a git checkout';
  }
}

function machine() {
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model?.trim() ?? 'unknown',
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: round(os.loadavg()[0], 1),
  };
}

function versions() {
  return {
    'eslint-plugin-persona': `${JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')).version} (${ownRevision()})`,
    ...Object.fromEntries(['eslint', '@typescript-eslint/parser', 'typescript', 'ts-morph', 'eslint-plugin-sonarjs', 'eslint-plugin-security'].map((name) => [name, packageVersion(name)])),
  };
}

// ---------------------------------------------------------------------------------------------
// Targets

function findTarget(name) {
  const matches = ALL_TARGETS.filter((entry) => entry.name === name || entry.name.split('/').at(-1) === name);
  if (matches.length !== 1) throw new Error(`unknown target "${name}"; known: ${ALL_TARGETS.map((entry) => entry.name).join(', ')}`);
  return matches[0];
}

/** Reads every source file once so that the first timed command does not pay for a cold disk cache. */
function warmFileCache(files) {
  for (const file of files) readFileSync(file);
}

/**
 * A git repository copy of the target (made once, in the cache folder), with one source file
 * changed and staged: the state a pre-commit hook sees. The file is the one of median size among
 * the roots' files, so that it is neither trivial nor an outlier.
 */
function stagedCopy(entry, root, rootFiles) {
  const copy = join(corpusDirectory(), 'staged-copies', slug(entry));
  const ready = join(copy, '.git', 'persona-bench-ready');
  if (!existsSync(ready)) {
    rmSync(copy, { recursive: true, force: true });
    mkdirSync(dirname(copy), { recursive: true });
    cpSync(root, copy, { recursive: true });
    git(copy, ['init', '-q']);
    git(copy, ['add', '-A']);
    git(copy, ['-c', 'user.name=persona-bench', '-c', 'user.email=bench@persona-lint.invalid', 'commit', '-q', '-m', `${entry.name}@${entry.version}`]);
    writeFileSync(ready, '');
  }
  const bySize = rootFiles.map((file) => ({ file, size: statSync(file).size })).sort((a, b) => a.size - b.size || a.file.localeCompare(b.file));
  const chosen = relative(root, bySize[Math.floor(bySize.length / 2)].file);
  git(copy, ['reset', '-q', '--hard', 'HEAD']);
  appendFileSync(join(copy, chosen), '\n// persona-lint bench: a staged change\n');
  git(copy, ['add', '--', chosen]);
  return { copy, file: chosen.split('\\').join('/') };
}

// ---------------------------------------------------------------------------------------------
// Children

/** Runs one command in a child process: wall time from spawn to exit, its peak RSS, what it saw. */
function runChild(command, target, scratch, { timing = false } = {}) {
  const tag = `${command.id}-${Math.random().toString(36).slice(2)}`;
  const probeFile = join(scratch, `${tag}.probe.json`);
  const out = join(scratch, `${tag}.json`);
  let args;
  let cwd = PACKAGE_DIR;
  if (command.kind === 'cli') {
    cwd = command.staged ? target.stagedRoot : target.root;
    args = [CLI, ...command.args, '--format', 'json', '--output-file', out];
  } else {
    const spec = join(scratch, `${tag}.spec.json`);
    writeFileSync(spec, JSON.stringify({ kind: command.kind, config: command.id, root: target.root, filesFile: target.filesFile, out }));
    args = [CHILD, spec];
  }
  const env = { ...process.env, PERSONA_BENCH_RSS_FILE: probeFile };
  delete env.TIMING;
  delete env.NODE_OPTIONS;
  if (timing) env.TIMING = 'all';
  const load = os.loadavg()[0];
  return new Promise((resolvePromise) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', PROBE, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      clearTimeout(timer);
      let peakRssMb;
      let cpuSeconds;
      try {
        const probe = JSON.parse(readFileSync(probeFile, 'utf8'));
        peakRssMb = probe.maxRSS / 1024;
        cpuSeconds = (probe.userCPUTime + probe.systemCPUTime) / 1e6;
      } catch {
        // No figures: the child died before its exit handlers ran.
      }
      let seen;
      try {
        const output = JSON.parse(readFileSync(out, 'utf8'));
        seen = command.kind === 'cli' ? summarize(output) : output;
      } catch {
        seen = undefined;
      }
      // persona-lint exits 1 when it finds errors: that is a successful run here.
      const ok = command.kind === 'cli' ? (code === 0 || code === 1) && seen !== undefined : code === 0 && seen !== undefined;
      resolvePromise({ seconds, cpuSeconds, load, peakRssMb, seen, ok, code, signal, stdout, stderr: stderr.trim().split('\n').slice(-6).join('\n') });
    });
  });
}

/** ESLint's TIMING table: `rule | time (ms) | relative`, printed at exit. */
function parseTiming(stdout) {
  const rows = [];
  for (const line of stdout.split('\n')) {
    const match = /^\s*(\S+)\s*\|\s*([\d.]+)\s*\|\s*([\d.]+)%\s*$/u.exec(line);
    if (match) rows.push({ rule: match[1], ms: Number(match[2]), share: Number(match[3]) / 100 });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Measuring

async function measureTarget(entry, runs, scratch) {
  log(`\n${entry.name}@${entry.version}: installing`);
  const root = installPackage(entry);
  const rootFiles = entry.roots.flatMap((folder) => sourceFiles(join(root, folder)));
  if (rootFiles.length === 0) throw new Error(`${entry.name}: no source files under ${entry.roots.join(', ')} in ${root}`);
  const filesFile = join(scratch, `${slug(entry)}.files.json`);
  writeFileSync(filesFile, JSON.stringify(rootFiles));
  warmFileCache([...new Set([...rootFiles, ...listSourceFiles(root)])]);
  log(`${entry.name}: making the git copy for --staged`);
  const staged = stagedCopy(entry, root, rootFiles);
  const target = { root, filesFile, stagedRoot: staged.copy };

  const times = new Map(COMMANDS.map((command) => [command.id, []]));
  const rss = new Map(COMMANDS.map((command) => [command.id, []]));
  const cpu = new Map(COMMANDS.map((command) => [command.id, []]));
  const loads = [];
  const seen = new Map();
  const failures = [];
  for (let run = 1; run <= runs; run++) {
    for (const command of COMMANDS) {
      const result = await runChild(command, target, scratch);
      loads.push(result.load);
      log(`${entry.name} run ${run}/${runs} ${command.id}: ${result.seconds.toFixed(1)} s, CPU ${show(result.cpuSeconds, 1, ' s')}, ${show(result.peakRssMb, 0, ' MB')}, load ${result.load.toFixed(1)}${result.ok ? '' : ` FAILED (exit ${result.code ?? result.signal})`}`);
      if (!result.ok) {
        failures.push({ command: command.id, run, exit: result.code ?? result.signal, stderr: result.stderr });
        continue;
      }
      times.get(command.id).push(result.seconds);
      if (result.peakRssMb !== undefined) rss.get(command.id).push(result.peakRssMb);
      if (result.cpuSeconds !== undefined) cpu.get(command.id).push(result.cpuSeconds);
      seen.set(command.id, result.seen);
    }
  }

  log(`${entry.name}: persona strict with TIMING=all`);
  const timingRun = await runChild(COMMANDS.find((command) => command.id === 'persona-strict'), target, scratch, { timing: true });
  const timing = timingRun.ok ? parseTiming(timingRun.stdout) : [];
  if (!timingRun.ok) failures.push({ command: 'persona-strict TIMING=all', run: 1, exit: timingRun.code ?? timingRun.signal, stderr: timingRun.stderr });

  const floor = median(times.get('floor'));
  const floorCpu = median(cpu.get('floor'));
  const commands = COMMANDS.map((command, index) => {
    const seconds = median(times.get(command.id));
    const cpuSeconds = median(cpu.get(command.id));
    return {
      number: index + 1,
      id: command.id,
      label: command.label,
      scope: command.scope,
      files: seen.get(command.id)?.files,
      parseErrors: seen.get(command.id)?.parseErrors,
      problems: seen.get(command.id)?.problems,
      runsSeconds: times.get(command.id).map((value) => round(value, 2)),
      medianSeconds: round(seconds, 2),
      ratioToFloor: seconds !== undefined && floor ? round(seconds / floor, 2) : undefined,
      medianCpuSeconds: round(cpuSeconds, 2),
      cpuRatioToFloor: cpuSeconds !== undefined && floorCpu ? round(cpuSeconds / floorCpu, 2) : undefined,
      peakRssMb: rss.get(command.id).length > 0 ? Math.round(Math.max(...rss.get(command.id))) : undefined,
    };
  });

  const recommended = new Set(Object.keys(plugin.configs.recommended.rules ?? {}));
  const strict = new Set(Object.keys(plugin.configs.strict.rules ?? {}));
  const projectRules = new Set(Object.keys(PROJECT_CHECK_SETUP).map((name) => `persona/${name}`));
  const floorMs = floor === undefined ? undefined : floor * 1000;
  const ruleTiming = timing.map((row) => ({
    rule: row.rule,
    // A rule id that is in neither preset belongs to a Linter that a persona rule runs inside itself
    // (parameterized-queries' cross-file helper collector): its time is inside that rule's too.
    preset: recommended.has(row.rule) ? 'recommended' : strict.has(row.rule) ? 'strict' : 'nested',
    project: projectRules.has(row.rule),
    ms: round(row.ms, 1),
    share: round(row.share, 3),
    percentOfFloor: floorMs ? round((100 * row.ms) / floorMs, 1) : undefined,
  }));

  return {
    name: entry.name,
    version: entry.version,
    roots: entry.roots,
    root,
    rootFiles: rootFiles.length,
    stagedCopy: staged.copy,
    stagedFile: staged.file,
    loadAverage: { median: round(median(loads), 1), max: round(Math.max(...loads), 1) },
    commands,
    ruleTiming,
    failures,
  };
}

// ---------------------------------------------------------------------------------------------
// Judging against the issue's targets

const PERSONA_COMMANDS = ['persona-recommended', 'persona-strict', 'cli-strict', 'analyzer', 'cli-staged'];

/** A command's number in the tables (its place in COMMANDS). */
function numberOf(id) {
  return COMMANDS.findIndex((command) => command.id === id) + 1;
}

/** The numbers of the commands of one scope, as a range (`1-7`): each scope's commands are listed together. */
function numbersOfScope(scope) {
  const numbers = COMMANDS.flatMap((command, index) => (command.scope === scope ? [index + 1] : []));
  return `${numbers[0]}-${numbers.at(-1)}`;
}

/** Judged on wall time, as the issue states the targets; the CPU-time ratio is shown beside it. */
function ratioGoal(goal, command, limit) {
  const status = command.ratioToFloor === undefined ? 'n/a' : command.ratioToFloor <= limit ? 'met' : 'missed';
  return { goal, value: command.ratioToFloor, shown: `${show(command.ratioToFloor, 2, 'x')} (CPU ${show(command.cpuRatioToFloor, 2, 'x')})`, status };
}

function judge(target) {
  const byId = Object.fromEntries(target.commands.map((command) => [command.id, command]));
  const mark = (value, limit) => (value === undefined ? 'n/a' : value <= limit ? 'met' : 'missed');
  const personaCommands = PERSONA_COMMANDS.map((id) => byId[id]).filter((command) => command.peakRssMb !== undefined);
  const heaviest = personaCommands.sort((a, b) => b.peakRssMb - a.peakRssMb)[0];
  return [
    ratioGoal(`persona recommended <= ${TARGET_GOALS.recommendedRatio}x floor`, byId['persona-recommended'], TARGET_GOALS.recommendedRatio),
    ratioGoal(`persona-lint end to end <= ${TARGET_GOALS.endToEndRatio}x floor`, byId['cli-strict'], TARGET_GOALS.endToEndRatio),
    {
      goal: `persona-lint --staged, one file <= ${TARGET_GOALS.stagedSeconds} s`,
      value: byId['cli-staged'].medianSeconds,
      shown: `${show(byId['cli-staged'].medianSeconds, 2, ' s')} (CPU ${show(byId['cli-staged'].medianCpuSeconds, 2, ' s')})`,
      status: mark(byId['cli-staged'].medianSeconds, TARGET_GOALS.stagedSeconds),
    },
    {
      goal: `peak RSS <= 1 GB (persona commands ${PERSONA_COMMANDS.map((id) => numberOf(id)).join(', ')})`,
      value: heaviest?.peakRssMb,
      shown: heaviest ? `${heaviest.peakRssMb} MB (${heaviest.number}. ${heaviest.id})` : 'n/a',
      status: mark(heaviest?.peakRssMb, TARGET_GOALS.peakRssMb),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Output

function markdown(report) {
  const lines = [];
  const { machine: m } = report;
  lines.push('# persona-lint benchmark', '');
  lines.push(`- Machine: ${m.cores} cores (os.availableParallelism), ${m.cpu}, ${m.memoryGb} GB memory, Node ${m.node}, ${m.platform}`);
  lines.push(`- Packages: ${Object.entries(report.versions).map(([name, version]) => `${name} ${version}`).join(', ')}`);
  lines.push(
    `- Method: ${report.runs} run(s) per command, round robin (1 2 3 ... ${COMMANDS.length}, 1 2 3 ... ${COMMANDS.length}, ...), each command in its own Node process. ` +
      'Wall time is measured by the parent from spawn to exit (Node start and module loading included, for the floor too); ' +
      'CPU s is the child\'s user + system CPU time (all its threads) and peak RSS its `process.resourceUsage().maxRSS`, both written at exit by a preloaded module (bench/resource-probe.mjs): the Node process only, not the git processes persona-lint starts. Medians over the runs, except peak RSS: the largest. The targets are judged on wall time.',
  );
  lines.push(
    `- Commands ${numbersOfScope('roots')} lint the same file list, the target's roots, through ESLint's Node API (\`overrideConfigFile: true\`, no inline config). ` +
      `Commands ${numbersOfScope('package')} work on the whole package folder (persona-lint lints every source file there and the analyzer loads them all): compare their files column. ` +
      `Command ${numberOf('cli-staged')} runs in a git copy of the package with one file changed and staged, with the default preset (recommended).`,
  );
  lines.push(
    `- Command ${numberOf('one-rule')} turns on one core rule that reports nothing. ESLint then does more for every file, whatever the rule (in our measurements, mostly longer garbage collection), ` +
      'so its distance from the floor is what any plugin pays before its own work; a plugin\'s ratio to the floor includes it.',
  );
  lines.push('');
  for (const target of report.targets) {
    lines.push(`## ${target.name}@${target.version}`, '');
    lines.push(`Roots: ${target.roots.join(', ')} (${target.rootFiles} files). Staged file: ${target.stagedFile}.`, '');
    if (target.loadAverage.max > report.machine.cores) {
      lines.push(
        `**The machine was busy with other work** (1-minute load average ${target.loadAverage.median} median, up to ${target.loadAverage.max}, on ${report.machine.cores} cores): wall times are inflated and noisy; the CPU-time columns are less affected.`,
        '',
      );
    }
    lines.push('| # | command | files | median s | runs s | ratio to floor | CPU s | CPU ratio | peak RSS MB | parse errors | problems |');
    lines.push('|---|---|--:|--:|---|--:|--:|--:|--:|--:|--:|');
    for (const command of target.commands) {
      const files = command.files === undefined ? 'n/a' : `${command.files}${command.scope === 'package' ? ' (package)' : ''}`;
      lines.push(
        `| ${command.number} | ${command.label} | ${files} | ${show(command.medianSeconds)} | ${command.runsSeconds.map((value) => value.toFixed(1)).join(', ') || 'n/a'} | ${show(command.ratioToFloor, 2, 'x')} | ${show(command.medianCpuSeconds)} | ${show(command.cpuRatioToFloor, 2, 'x')} | ${command.peakRssMb ?? 'n/a'} | ${command.parseErrors ?? 'n/a'} | ${command.problems ?? 'n/a'} |`,
      );
    }
    lines.push('');
    lines.push(`### Per-rule cost: persona strict with TIMING=all (one extra run, ${target.name})`, '');
    if (target.ruleTiming.length === 0) {
      lines.push('No TIMING table (the run failed).', '');
    } else {
      const floorMs = target.commands[0].medianSeconds * 1000;
      const sum = (rows) => rows.reduce((total, row) => total + row.ms, 0);
      const recommendedMs = sum(target.ruleTiming.filter((row) => row.preset === 'recommended'));
      const allMs = sum(target.ruleTiming.filter((row) => row.preset !== 'nested'));
      lines.push('| rule | preset | ms | share of rule time | % of floor |');
      lines.push('|---|---|--:|--:|--:|');
      for (const row of target.ruleTiming) {
        lines.push(`| ${row.rule}${row.project ? ' (project)' : ''} | ${row.preset} | ${row.ms.toFixed(1)} | ${(row.share * 100).toFixed(1)}% | ${show(row.percentOfFloor, 1, '%')} |`);
      }
      lines.push('');
      lines.push(
        `Rule time: recommended rules ${recommendedMs.toFixed(0)} ms (${((100 * recommendedMs) / floorMs).toFixed(1)}% of the floor's ${(floorMs / 1000).toFixed(1)} s), ` +
          `all strict rules ${allMs.toFixed(0)} ms (${((100 * allMs) / floorMs).toFixed(1)}%). ` +
          'A project rule\'s time includes the project analysis, which the first project rule to run on a file of the project pays for all of them. ' +
          '"nested" rows are rules of a Linter that a persona rule runs inside itself: their time is also inside that rule\'s, and out of the totals; the shares are ESLint\'s, over every row.',
      );
      lines.push('');
    }
    if (target.failures.length > 0) {
      lines.push('Failed runs:', '');
      for (const failure of target.failures) lines.push(`- ${failure.command} run ${failure.run}: exit ${failure.exit}: ${failure.stderr.replace(/\s+/gu, ' ').slice(0, 400)}`);
      lines.push('');
    }
  }
  lines.push('## Targets', '');
  lines.push(`| target | ${report.targets.map((target) => target.name).join(' | ')} |`);
  lines.push(`|---|${report.targets.map(() => '---').join('|')}|`);
  const goals = report.targets[0]?.goals.map((goal) => goal.goal) ?? [];
  goals.forEach((goal, index) => {
    lines.push(`| ${goal} | ${report.targets.map((target) => `${target.goals[index].shown} ${target.goals[index].status}`).join(' | ')} |`);
  });
  lines.push('');
  lines.push('## TypeScript-source backend', '');
  lines.push(
    `Found on the registry: ${TYPESCRIPT_SEARCH.found} (it publishes its src/ folder). Checked and found to publish compiled JavaScript only: ${TYPESCRIPT_SEARCH.checkedWithoutSources.join(', ')}.` +
      (report.targets.some((target) => target.name === TYPESCRIPT_SOURCE_BACKEND.name) ? '' : ' (Not measured in this run: pass --target to include it.)'),
  );
  lines.push('');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      target: { type: 'string', multiple: true },
      json: { type: 'string' },
      quick: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`Usage: node bench/bench.mjs [--runs N] [--target <name>]... [--json <file>] [--quick]\nTargets: ${ALL_TARGETS.map((entry) => entry.name).join(', ')} (default: ${DEFAULT_TARGETS.join(', ')})\n`);
    return;
  }
  const runs = values.quick ? 1 : Number(values.runs ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, not "${values.runs}"`);
  const entries = (values.target ?? DEFAULT_TARGETS).map(findTarget);
  const jsonFile = values.json ?? join(dirname(corpusDirectory()), 'bench', `bench-${new Date().toISOString().replace(/[:.]/gu, '-')}.json`);

  const scratch = mkdtempSync(join(os.tmpdir(), 'persona-bench-'));
  const started = performance.now();
  try {
    const targets = [];
    for (const entry of entries) {
      const target = await measureTarget(entry, runs, scratch);
      target.goals = judge(target);
      targets.push(target);
    }
    const report = {
      date: new Date().toISOString(),
      machine: machine(),
      versions: versions(),
      runs,
      totalSeconds: round((performance.now() - started) / 1000, 0),
      goals: TARGET_GOALS,
      typescriptSourceSearch: TYPESCRIPT_SEARCH,
      targets,
    };
    process.stdout.write(`${markdown(report)}\n`);
    mkdirSync(dirname(jsonFile), { recursive: true });
    writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`JSON: ${jsonFile}\nTotal: ${report.totalSeconds} s\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
