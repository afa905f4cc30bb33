import { describe, expect, it } from 'vitest';
import { startAnalysis } from '../../src/cli/project-analysis.js';

const FIXTURE = new URL('../../fixtures/cli/notes-api/', import.meta.url).pathname;
const noMiddleware = { auth: [], validation: [], rateLimit: [], securityHeaders: [] };

describe('startAnalysis (run here: the tests use the sources, where no worker is built)', () => {
  it('returns the project findings by file', async () => {
    const { findings, failures } = await startAnalysis({ root: FIXTURE, checks: [['api-versioning', undefined]], middleware: noMiddleware, files: [`${FIXTURE}src/server.js`, `${FIXTURE}src/routes/notes.js`], contents: new Map() });
    expect(failures).toEqual([]);
    expect([...findings.values()].flat().map((entry) => entry.ruleName)).toContain('api-versioning');
  });

  it('turns an analysis that throws into a failure of the run instead of rejecting', async () => {
    const result = await startAnalysis({ root: FIXTURE, checks: [['no-such-check', undefined]], middleware: noMiddleware, files: [], contents: new Map() });
    expect(result.findings.size).toBe(0);
    expect(result.failures).toEqual([expect.stringMatching(/^the analysis stopped \(.+\); no project check ran$/u)]);
  });
});
