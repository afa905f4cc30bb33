import { describe, expect, it } from 'vitest';
import { fixtureRuleIds, lintFixture, readFixtures, type FixtureFile } from './fixture-annotations.js';

// Each fixture folder is linted with its rule module alone, loaded by file name, so a rule can be
// tested before it is registered in the plugin (the metadata test checks the registration).
const ruleModules = Object.fromEntries(
  await Promise.all(fixtureRuleIds().map(async (ruleId) => [ruleId, (await import(`../rules/${ruleId}.ts`)).default] as const)),
);

/** Lints a fixture with its rule alone and returns line number to sorted message ids. */
function lint(ruleId: string, fixture: FixtureFile): Map<number, string[]> {
  const messages = lintFixture(ruleId, ruleModules[ruleId], fixture);
  const fatal = messages.filter((message) => message.fatal || message.ruleId !== `persona/${ruleId}`);
  expect(fatal, 'the fixture parses and the rule runs without error').toEqual([]);
  const actual = new Map<number, string[]>();
  for (const message of messages) actual.set(message.line, [...(actual.get(message.line) ?? []), message.messageId ?? '?'].sort());
  return actual;
}

function describeDifferences(fixture: FixtureFile, actual: Map<number, string[]>): string[] {
  const lines = fixture.code.split('\n');
  const differences: string[] = [];
  const all = new Set([...fixture.expected.keys(), ...actual.keys()]);
  for (const line of [...all].sort((a, b) => a - b)) {
    const want = fixture.expected.get(line) ?? [];
    const got = actual.get(line) ?? [];
    if (want.join() !== got.join()) {
      differences.push(`${fixture.name}:${line} expected [${want.join(', ')}] got [${got.join(', ')}]: ${lines[line - 1]?.trim()}`);
    }
  }
  return differences;
}

describe.each(fixtureRuleIds())('fixtures of persona/%s', (ruleId) => {
  it.each(readFixtures(ruleId).map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    const actual = lint(ruleId, fixture);
    expect(describeDifferences(fixture, actual)).toEqual([]);
  });
});
