import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import persona from '../src/index.js';
import { ruleDocUrl } from '../src/doc-links.js';
import { fixtureRuleIds, readFixtures } from './fixture-annotations.js';

/** The least number of reported lines and of near misses in a rule's fixture folder. */
const MINIMUM_CASES = 40;
const ROOT = new URL('../', import.meta.url).pathname;
const ruleIds = Object.keys(persona.rules).sort();
const isProjectCheck = (ruleId: string) => persona.rules[ruleId as keyof typeof persona.rules].meta.docs?.projectCheck === true;
const APPS = `${ROOT}fixtures/apps/`;
const STANDARDS = readFileSync(`${ROOT}docs/standards.md`, 'utf8');

/** A rule's section of docs/standards.md: from its anchor to the next anchor. */
function standardSection(ruleId: string): string {
  const start = STANDARDS.indexOf(`<a id="${ruleId}"></a>`);
  if (start < 0) return '';
  const end = STANDARDS.indexOf('<a id=', start + 1);
  // Lines are wrapped anywhere: compare with single spaces.
  return STANDARDS.slice(start, end < 0 ? undefined : end).replace(/\s+/gu, ' ');
}

/** How many fixture apps expect a finding of the rule, and how many expect none. */
function appCoverage(ruleId: string): { flagged: number; clean: number } {
  let flagged = 0;
  let clean = 0;
  for (const app of readdirSync(APPS, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const expected = JSON.parse(readFileSync(`${APPS}${app.name}/expected.json`, 'utf8')) as { findings: { rule: string }[] };
    if (expected.findings.some((finding) => finding.rule === `persona/${ruleId}`)) flagged++;
    else clean++;
  }
  return { flagged, clean };
}

/** Every object schema is closed and every property says what it is for. */
function schemaProblems(schema: unknown, path: string): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const problems: string[] = [];
  if (node['type'] === 'object') {
    if (node['additionalProperties'] !== false) problems.push(`${path}: additionalProperties must be false`);
    for (const [key, property] of Object.entries((node['properties'] ?? {}) as Record<string, Record<string, unknown>>)) {
      if (typeof property['description'] !== 'string') problems.push(`${path}.${key}: no description`);
      problems.push(...schemaProblems(property, `${path}.${key}`));
    }
  }
  if (node['items']) problems.push(...schemaProblems(node['items'], `${path}[]`));
  return problems;
}

describe('rule metadata', () => {
  it('has a fixture folder for every rule and a rule for every fixture folder', () => {
    expect(fixtureRuleIds()).toEqual(ruleIds.filter((ruleId) => !isProjectCheck(ruleId)));
  });

  describe.each(ruleIds)('persona/%s', (ruleId) => {
    const rule = persona.rules[ruleId as keyof typeof persona.rules];

    it('lives in a file of its own name and links to its doc', () => {
      expect(existsSync(`${ROOT}rules/${ruleId}.ts`)).toBe(true);
      expect(rule.meta.docs?.url).toBe(ruleDocUrl(ruleId));
    });

    it('has a description, messages, default options and a closed, described schema', () => {
      expect(rule.meta.docs?.description).toMatch(/^[A-Z].{10,}[^.]$/u);
      expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
      const schemas = Array.isArray(rule.meta.schema) ? rule.meta.schema : [rule.meta.schema];
      expect(rule.meta.defaultOptions).toEqual(rule.defaultOptions);
      expect(rule.meta.defaultOptions?.length).toBe(schemas.length);
      expect(schemas.flatMap((schema, index) => schemaProblems(schema, `options[${index}]`))).toEqual([]);
    });

    it('is documented with examples and links to its standard in docs/standards.md', () => {
      const doc = readFileSync(`${ROOT}docs/rules/${ruleId}.md`, 'utf8');
      expect(doc).toContain(`](../standards.md#${ruleId})`);
      expect(doc).toMatch(/## Examples/u);
      expect(doc).toMatch(/## Options/u);
      for (const option of Object.keys((rule.meta.defaultOptions?.[0] ?? {}) as object)) expect(doc).toContain(`\`${option}\``);
    });

    it('has its standard stated in docs/standards.md: what it asks, why, its rule and kind, and what is not checkable', () => {
      const section = standardSection(ruleId);
      expect(section).toMatch(/ ## \d+\. [A-Z]/u);
      for (const part of ['**Standard.**', '**Why it matters.**', '**Not checkable statically.**']) expect(section).toContain(part);
      const kind = isProjectCheck(ruleId) ? 'project check' : 'per-file rule';
      expect(section).toContain(`**Enforced by** [\`persona/${ruleId}\`](rules/${ruleId}.md), a ${kind}`);
      expect(STANDARDS).toMatch(new RegExp(`\\| \\[\`persona/${ruleId}\`\\]\\(rules/${ruleId}\\.md\\) \\| ${kind} \\|`, 'u'));
    });

    it.runIf(isProjectCheck(ruleId))('is exercised by fixture apps in both directions', () => {
      const { flagged, clean } = appCoverage(ruleId);
      expect(flagged).toBeGreaterThanOrEqual(2);
      expect(clean).toBeGreaterThanOrEqual(2);
    });

    it.skipIf(isProjectCheck(ruleId))(`has at least ${MINIMUM_CASES} fixture lines that must be reported and ${MINIMUM_CASES} near misses`, () => {
      const fixtures = readFixtures(ruleId);
      const reported = fixtures.reduce((sum, fixture) => sum + fixture.expected.size, 0);
      const nearMisses = fixtures.reduce((sum, fixture) => sum + fixture.nearMisses.length, 0);
      expect(reported).toBeGreaterThanOrEqual(MINIMUM_CASES);
      expect(nearMisses).toBeGreaterThanOrEqual(MINIMUM_CASES);
    });

    it('sits in the presets that meta.docs.recommended says', () => {
      const key = `persona/${ruleId}`;
      expect(key in (persona.configs.recommended.rules ?? {})).toBe(rule.meta.docs?.recommended === true);
      expect(key in (persona.configs.strict.rules ?? {})).toBe(true);
    });
  });
});
