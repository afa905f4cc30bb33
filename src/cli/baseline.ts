import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { LintResult } from '../report/types.js';
import { UsageError } from './errors.js';
import { writeOutputFile } from './output.js';
import { withCounts } from './results.js';

/**
 * Baselines in ESLint's bulk-suppressions format (`eslint-suppressions.json`): per file and rule,
 * how many error-level findings are accepted. While a file has at most that many findings of a
 * rule, they are suppressed (and kept as suppressed, kind `file`); one more, and all are reported.
 * Only `persona/` entries are ours; a file shared with ESLint keeps the other rules' entries.
 */
export type Suppressions = Record<string, Record<string, { count: number }>>;

export const DEFAULT_SUPPRESSIONS_FILE = 'eslint-suppressions.json';

const relativeKey = (root: string, filePath: string) => relative(root, filePath).split('\\').join('/');
const isOurs = (ruleId: string) => ruleId.startsWith('persona/');

export function readSuppressions(file: string): Suppressions {
  if (!existsSync(file)) return {};
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Suppressions;
  } catch (error) {
    throw new UsageError(`cannot read the suppressions file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Writes with sorted keys, so that the file diffs cleanly in review. */
export function writeSuppressions(file: string, suppressions: Suppressions): void {
  const sorted = Object.fromEntries(
    Object.keys(suppressions)
      .sort()
      .filter((path) => Object.keys(suppressions[path]!).length > 0)
      .map((path) => [path, Object.fromEntries(Object.keys(suppressions[path]!).sort().map((ruleId) => [ruleId, suppressions[path]![ruleId]!]))]),
  );
  writeOutputFile(file, `${JSON.stringify(sorted, null, 2)}\n`, 'the suppressions file');
}

function errorCounts(result: LintResult): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of result.messages) if (message.severity === 2 && message.ruleId) counts.set(message.ruleId, (counts.get(message.ruleId) ?? 0) + 1);
  return counts;
}

/** Records every current error-level finding (of `onlyRules`, when given) as accepted. */
export function suppressAll(results: readonly LintResult[], suppressions: Suppressions, root: string, onlyRules?: readonly string[]): Suppressions {
  const next: Suppressions = structuredClone(suppressions);
  for (const result of results) {
    const key = relativeKey(root, result.filePath);
    for (const [ruleId, count] of errorCounts(result)) {
      if (onlyRules && !onlyRules.includes(ruleId)) continue;
      next[key] = { ...next[key], [ruleId]: { count } };
    }
  }
  return next;
}

export interface Applied {
  readonly results: LintResult[];
  /** Accepted findings that no longer occur, per file and rule: what `--prune-suppressions` removes. */
  readonly unused: Suppressions;
}

export function applySuppressions(results: readonly LintResult[], suppressions: Suppressions, root: string): Applied {
  const unused: Suppressions = {};
  const applied = results.map((result) => {
    const key = relativeKey(root, result.filePath);
    const accepted = suppressions[key];
    if (!accepted) return result;
    const counts = errorCounts(result);
    const suppressed = new Set<string>();
    for (const [ruleId, { count }] of Object.entries(accepted)) {
      if (!isOurs(ruleId)) continue;
      const found = counts.get(ruleId) ?? 0;
      if (found > 0 && found <= count) suppressed.add(ruleId);
      if (found < count) unused[key] = { ...unused[key], [ruleId]: { count: count - found } };
    }
    if (suppressed.size === 0) return result;
    const isSuppressed = (message: LintResult['messages'][number]) => message.ruleId !== null && suppressed.has(message.ruleId);
    return withCounts(
      {
        ...result,
        suppressedMessages: [
          ...result.suppressedMessages,
          ...result.messages.filter(isSuppressed).map((message) => ({ ...message, suppressions: [{ kind: 'file', justification: '' }] })),
        ],
      },
      result.messages.filter((message) => !isSuppressed(message)),
    );
  });
  return { results: applied, unused };
}

/** Lowers or removes accepted counts that are no longer used, and entries of files that are gone. */
export function pruneSuppressions(suppressions: Suppressions, unused: Suppressions, root: string): Suppressions {
  const next: Suppressions = structuredClone(suppressions);
  for (const [path, rules] of Object.entries(unused)) {
    for (const [ruleId, { count }] of Object.entries(rules)) {
      const entry = next[path]?.[ruleId];
      if (!entry) continue;
      if (entry.count <= count) delete next[path]![ruleId];
      else entry.count -= count;
    }
  }
  for (const path of Object.keys(next)) {
    if (!existsSync(resolve(root, path))) {
      for (const ruleId of Object.keys(next[path]!)) if (isOurs(ruleId)) delete next[path]![ruleId];
    }
  }
  return next;
}
