import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isErrorBody } from '../src/analyzer/checks.js';
import { analyzeProject, type ProjectCheckId } from '../src/analyzer/index.js';
import { loadProject } from '../src/analyzer/project.js';
import { tsMorph } from '../src/analyzer/ts-morph.js';
import { PROJECT_CHECK_SETUP, type ProjectRuleOptions } from '../src/project-rule.js';

const APPS = new URL('../fixtures/apps/', import.meta.url).pathname;

interface Expected {
  routes: { method: string; path: string; file: string; line: number; auth: boolean; validation: boolean; rateLimit: boolean }[];
  /** `messageId` is compared when the app's findings give it. */
  findings: { rule: string; file: string; line: number; messageId?: string }[];
  options?: Record<string, unknown[]>;
  /** Which apps are servers (started, exported or handed to a server), when the app's test is about that. */
  apps?: { id: string; served: boolean }[];
  /** The notes on what the analysis could not follow, when the app's test is about that. */
  notes?: string[];
}

const apps = readdirSync(APPS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const byPosition = (a: { file: string; line: number; method?: string }, b: { file: string; line: number; method?: string }) =>
  a.file.localeCompare(b.file) || a.line - b.line || (a.method ?? '').localeCompare(b.method ?? '');

describe.each(apps)('the analyzer on fixtures/apps/%s', (app) => {
  const expected = JSON.parse(readFileSync(join(APPS, app, 'expected.json'), 'utf8')) as Expected;
  // The rules' options, turned into the checks' options as the ESLint rules and the CLI do.
  const checks = Object.fromEntries(
    Object.entries(expected.options ?? {}).map(([rule, [options]]) => {
      const id = rule.replace(/^persona\//u, '') as ProjectCheckId;
      return [id, PROJECT_CHECK_SETUP[id](options as ProjectRuleOptions).options];
    }),
  ) as Partial<Record<ProjectCheckId, object>>;
  const analysis = analyzeProject(join(APPS, app), { checks });

  it('lists every route with its full path, place and middleware', () => {
    const actual = analysis.model.routes
      .map((route) => ({
        method: route.method,
        path: route.path,
        file: route.location.file,
        line: route.location.line,
        auth: route.middleware.some((entry) => entry.kinds.includes('auth')),
        validation: route.middleware.some((entry) => entry.kinds.includes('validation')),
        rateLimit: route.middleware.some((entry) => entry.kinds.includes('rate-limit')),
      }))
      .sort(byPosition);
    expect(actual).toEqual([...expected.routes].sort(byPosition));
  });

  const expectedApps = expected.apps;
  if (expectedApps) {
    it('tells the apps that serve traffic from the ones a script builds', () => {
      expect(analysis.model.apps.map((found) => ({ id: found.id, served: found.served }))).toEqual(expectedApps);
    });
  }

  const expectedNotes = expected.notes;
  if (expectedNotes) {
    it('says what it could not follow', () => {
      expect(analysis.model.notes).toEqual(expectedNotes);
    });
  }

  it('reports exactly the expected project findings', () => {
    const withMessageIds = expected.findings.some((finding) => finding.messageId !== undefined);
    const actual = analysis.findings
      .map((finding) => ({ rule: finding.ruleId, ...(withMessageIds ? { messageId: finding.messageId } : {}), file: finding.location.file, line: finding.location.line }))
      .sort(byPosition);
    expect(actual).toEqual([...expected.findings].sort(byPosition));
  });
});

describe('the analyzer on code it cannot fully understand', () => {
  it('returns an inventory with notes instead of throwing', async () => {
    const { mkdtempSync, writeFileSync, mkdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const root = mkdtempSync(join(tmpdir(), 'persona-analyzer-'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'package.json'), '{ "name": "odd-backend" }');
    writeFileSync(join(root, 'src/broken.ts'), 'export const = ;; app.get(');
    writeFileSync(
      join(root, 'src/app.js'),
      [
        "const fastify = require('fastify')();",
        "const express = require('express');",
        'const app = express();',
        "app.get(`/users/${process.env.VERSION}`, (req, res) => res.json([]));",
        "app.get('/health', (req, res) => res.json({ ok: true }));",
        "fastify.register(import('./plugins/late.js'), { prefix: '/late' });",
        "app.use(require(process.env.ROUTER_PATH));",
        'module.exports = app;',
      ].join('\n'),
    );
    const { model, findings } = analyzeProject(root);
    expect(model.routes.map((route) => `${route.method} ${route.path}`)).toEqual(['GET /health']);
    expect(model.notes.some((note) => note.includes('dynamically imported plugin'))).toBe(true);
    expect(findings.map((finding) => finding.ruleId)).toContain('persona/security-headers');
  });

  it('reports a scan that throws as a failure, and the other scans still run', () => {
    const root = join(APPS, 'nest-controllers');
    const project = loadProject(root);
    const getSourceFiles = project.getSourceFiles.bind(project);
    let calls = 0;
    // The first scan (Express and friends) meets a bug; the NestJS scan after it does not.
    project.getSourceFiles = ((...args: Parameters<typeof getSourceFiles>) => {
      if (calls++ === 0) throw new TypeError('cannot read properties of undefined');
      return getSourceFiles(...args);
    }) as typeof getSourceFiles;
    const { model, failures } = analyzeProject(root, { project });
    expect(failures).toEqual(['the Express/Koa/Fastify/Hono scan failed (cannot read properties of undefined); the inventory is incomplete']);
    expect(model.notes).toEqual(expect.arrayContaining([...failures]));
    expect(model.routes.length).toBeGreaterThan(0);
    expect(analyzeProject(root, { project }).failures).toEqual([]);
  });
});

describe('the route the api-versioning check names as its example', () => {
  async function exampleOf(routes: string[]): Promise<string | undefined> {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const root = mkdtempSync(join(tmpdir(), 'persona-versioning-'));
    writeFileSync(join(root, 'package.json'), '{ "name": "blog" }');
    const lines = routes.map((route) => `app.${route.split(' ')[0]!.toLowerCase()}('${route.split(' ')[1]!}', (req, res) => res.json({}));`);
    writeFileSync(join(root, 'app.js'), ["const app = require('express')();", ...lines, 'app.listen(3000);'].join('\n'));
    const [finding] = analyzeProject(root).findings.filter((found) => found.messageId === 'unversionedApi');
    return /\((\w+ [^)]+)\)/u.exec(finding?.message ?? '')?.[1];
  }

  it('is a route under an api segment, not the asset or page registered first', async () => {
    expect(await exampleOf(['GET /live-reload.js', 'GET /', 'GET /admin', 'POST /api/posts', 'GET /api/posts'])).toBe('POST /api/posts');
  });

  it('is a route that names no file when none is under an api segment', async () => {
    expect(await exampleOf(['GET /assets/app.css', 'GET /posts', 'DELETE /posts/:id'])).toBe('GET /posts');
  });

  it('is the first route when every route names a file', async () => {
    expect(await exampleOf(['GET /feed.xml', 'GET /sitemap.xml'])).toBe('GET /feed.xml');
  });
});

describe('how the analyzer parses a project', () => {
  it('reads the latest syntax and leaves JSDoc comments unparsed, in a project with a tsconfig.json and without one', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    for (const tsconfig of [undefined, '{ "compilerOptions": { "target": "ES2017" } }']) {
      const root = mkdtempSync(join(tmpdir(), 'persona-parse-'));
      writeFileSync(join(root, 'package.json'), '{ "name": "parsed" }');
      if (tsconfig) writeFileSync(join(root, 'tsconfig.json'), tsconfig);
      writeFileSync(join(root, 'app.ts'), '/** The app. @param port where it listens */\nexport function start(port: number) {\n  return port ?? 3000;\n}\n');
      const file = loadProject(root).getSourceFileOrThrow(join(root, 'app.ts'));
      const declaration = file.getFunctionOrThrow('start').compilerNode as { jsDoc?: unknown[] };
      // The comment is still text of the file; only its JSDoc tree is not built.
      expect(file.getFullText()).toContain('@param port');
      expect(declaration.jsDoc).toBeUndefined();
      expect(file.compilerNode.languageVersion).toBe(tsMorph().ts.ScriptTarget.Latest);
    }
  });
});

describe('what the error-envelope check takes for an error body', () => {
  const value = 'value' as const;
  it.each([
    ['{ error }', { error: value }],
    ['{ error, fields }', { error: value, fields: { email: value } }],
    ['{ message, errors }', { message: value, errors: value }],
    ['{ success: false }', { success: { literal: false } }],
    ['{ ok: false, reason }', { ok: { literal: false }, reason: value }],
    ["{ status: 'error' }", { status: { literal: 'error' } }],
  ])('%s is one', (_, shape) => {
    expect(isErrorBody(shape)).toBe(true);
  });
  it.each([
    ['{ views, error }', { views: value, error: value }],
    ['{ valid: true, errors: {} }', { valid: { literal: true }, errors: {} }],
    ['{ data, errors } (GraphQL)', { data: value, errors: value }],
    ['{ error: null }', { error: { literal: null } }],
    ['{ errors: {} }', { errors: {} }],
    ['plain text', 'text' as const],
  ])('%s is not', (_, shape) => {
    expect(isErrorBody(shape)).toBe(false);
  });
});
