/**
 * Bad input through the built CLI: each case must end with a clear message and the right exit
 * code (0 clean, 1 findings, 2 usage, configuration or internal error), never a crash or a hang.
 *
 * Covered elsewhere, not repeated here: a config that is not an object, an unknown rule and an
 * unknown rule option (test/cli/config.test.ts, "an invalid config exits 2 ..."), an unknown
 * command-line option (test/cli/lint.test.ts, "exits 2 on an unknown flag ..."), and a TypeScript
 * syntax error with the recommended preset (test/cli/lint.test.ts, "reports a file that does not
 * parse ...").
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, BUILD_TIMEOUT, cli, describeRun, findings, fixtureProject, jsonResults, removeProjects, TEST_TIMEOUT, type Project } from './harness.js';

beforeAll(buildCli, BUILD_TIMEOUT);
afterAll(removeProjects);

/** What --preset strict finds in fixtures/cli/notes-api (the recommended preset finds nothing). */
const NOTES_STRICT = [
  'src/routes/notes.js:10 persona/validate-input',
  'src/routes/notes.js:20 persona/validate-input',
  'src/routes/notes.js:9 persona/paginate-lists',
  'src/server.js:14 persona/health-endpoint',
  'src/server.js:8 persona/api-versioning',
];

const linted = (project: Project, run: Awaited<ReturnType<typeof cli>>) => jsonResults(run).map((result) => result.filePath.slice(project.dir.length + 1)).sort();

/** An SQL injection for the recommended preset to find. */
const INJECTION = "import { pool } from './db.js';\nexport const find = (title) => pool.query(\"SELECT * FROM notes WHERE title = '\" + title + \"'\");\n";

describe('files that are not ordinary source', { timeout: TEST_TIMEOUT }, () => {
  it.concurrent('an empty file is linted and clean', async () => {
    const project = fixtureProject('notes-api').write('src/empty.js', '').write('src/types.ts', '');
    const run = await cli(project, ['-f', 'json']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stderr).toBe('');
    expect(linted(project, run)).toEqual(expect.arrayContaining(['src/empty.js', 'src/types.ts']));
    expect(findings(project, run)).toEqual([]);
  });

  it.concurrent('a binary file with a .js name is skipped with a note; the others are checked', async () => {
    const project = fixtureProject('notes-api').write('src/injection.js', INJECTION);
    // A compiled artifact or a UTF-16 file: NUL bytes near the start, as git decides "binary".
    writeFileSync(project.path('src/blob.js'), Buffer.from([0x63, 0x6f, 0x6e, 0x73, 0x74, 0x00, 0x00, 0xff, 0xfe, 0x01, 0x02]));
    const run = await cli(project, ['-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stderr).toBe('persona-lint: skipped 1 binary file (NUL bytes: not UTF-8 text): src/blob.js\n');
    expect(findings(project, run)).toEqual(['src/injection.js:2 persona/parameterized-queries']);
    expect(linted(project, run)).not.toContain('src/blob.js');
  });

  it.concurrent('a Latin-1 file is linted (invalid UTF-8 bytes read as U+FFFD), with findings where its UTF-8 twin has them', async () => {
    // "é" is 0xE9 in Latin-1, not valid UTF-8: one byte, one replacement character, so positions stay right.
    const text = (e: string) => `// R${e}sum${e} des notes\nimport { pool } from './db.js';\nexport const trouver = (titre) => pool.query("SELECT * FROM notes WHERE titre = '${e}" + titre + "'");\n`;
    const project = fixtureProject('notes-api').write('src/twin.js', text('e'));
    writeFileSync(project.path('src/legacy.js'), Buffer.from(text('\xe9'), 'latin1'));
    const run = await cli(project, ['-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stderr).toBe('');
    expect(findings(project, run)).toEqual(['src/legacy.js:3 persona/parameterized-queries', 'src/twin.js:3 persona/parameterized-queries']);
    const position = (file: string) => {
      const { line, column, endLine, endColumn } = jsonResults(run).find((result) => result.filePath.endsWith(file))!.messages[0]!;
      return { line, column, endLine, endColumn };
    };
    expect(position('src/legacy.js')).toEqual(position('src/twin.js'));
  });

  it.concurrent('a 5 MB minified file is skipped with a note, also when named explicitly, unless the config ignores it', async () => {
    const unit = (index: number) => `!function(e,t){var n${index}=t.query("SELECT * FROM users WHERE id = "+e.id);t.log("ok",n${index})}(this,window);`;
    let bundle = '';
    for (let index = 0; bundle.length < 5 * 1024 * 1024; index++) bundle += unit(index);
    const project = fixtureProject('notes-api').write('public/app.bundle.js', bundle);
    const note = 'persona-lint: skipped 1 file larger than 512 KB (bundles or generated code): public/app.bundle.js\n';

    const [folder, named] = await Promise.all([cli(project, []), cli(project, ['public/app.bundle.js', 'src'])]);
    expect(folder, describeRun(folder)).toMatchObject({ code: 0, stdout: '', stderr: note });
    expect(named, describeRun(named)).toMatchObject({ code: 0, stdout: '', stderr: note });

    project.write('.personarc.json', JSON.stringify({ ignore: ['public/**'] }));
    const ignored = await cli(project, []);
    expect(ignored, describeRun(ignored)).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it.concurrent('10,000-deep nested expressions: a parse error for the file, a note from the project checks, the rest checked', async () => {
    const depth = 10_000;
    const project = fixtureProject('notes-api')
      .write('src/deep.js', `export const x = ${'('.repeat(depth)}1${')'.repeat(depth)};\n`)
      .write('src/calls.ts', `export const y = ${'f('.repeat(depth)}1${')'.repeat(depth)};\n`)
      .write('src/sum.js', `export const z = ${Array.from({ length: depth }, (_, index) => `a${index % 10}`).join(' + ')};\n`);
    const run = await cli(project, ['--preset', 'strict', '-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    // ESLint's parser overflows on all three, TypeScript's (the project checks) on the nested ones; it
    // parses the flat sum, which is still too deep for the analysis. The other files' project findings remain.
    expect(run.stderr).toBe(
      'persona-lint: the project checks left out 3 files they cannot analyze: ' +
        'src/calls.ts (nested too deeply: Maximum call stack size exceeded), src/deep.js (nested too deeply: Maximum call stack size exceeded), ' +
        'src/sum.js (nested more than 2,000 levels deep)\n',
    );
    expect(findings(project, run)).toEqual([...NOTES_STRICT, 'src/calls.ts:undefined fatal', 'src/deep.js:undefined fatal', 'src/sum.js:undefined fatal'].sort());
    for (const file of ['deep.js', 'calls.ts', 'sum.js']) {
      expect(jsonResults(run).find((result) => result.filePath.endsWith(`src/${file}`))!.messages).toEqual([
        expect.objectContaining({ fatal: true, severity: 2, message: 'Parsing error: Maximum call stack size exceeded' }),
      ]);
    }
  });

  it.concurrent('syntax errors in JavaScript and TypeScript with the project checks on: parse errors, the rest checked', async () => {
    const project = fixtureProject('notes-api')
      .write('src/broken.js', "export function list(req, res) {\n  res.json({ ok: true }\n}\n")
      .write('src/broken.ts', 'export const total = (a: number, b: number) => a +;\n');
    const run = await cli(project, ['--preset', 'strict', '-f', 'json']);
    expect(run.code, describeRun(run)).toBe(1);
    expect(run.stderr).toBe('');
    expect(findings(project, run)).toEqual([...NOTES_STRICT, 'src/broken.js:3 fatal', 'src/broken.ts:1 fatal'].sort());
    const broken = jsonResults(run).find((result) => result.filePath.endsWith('broken.ts'))!;
    expect(broken.messages[0]).toMatchObject({ fatal: true, message: expect.stringMatching(/^Parsing error: Expression expected/u) });
  });
});

describe('paths that cannot be followed or read', { timeout: TEST_TIMEOUT }, () => {
  /** Two links to each other, and a link to the folder above (a loop for a walk that follows links). */
  const withLoops = (project: Project) => {
    symlinkSync('b.js', project.path('src/a.js'));
    symlinkSync('a.js', project.path('src/b.js'));
    symlinkSync('..', project.path('src/up'));
    return project;
  };

  it.concurrent.each([
    ['in a git repository', true],
    ['outside one', false],
  ])('a symbolic link loop %s: skipped with a note; named explicitly, exit 2', async (_where, git) => {
    const project = withLoops(fixtureProject('notes-api', { git }).write('src/injection.js', INJECTION));
    const [all, named] = await Promise.all([cli(project, ['-f', 'json']), cli(project, ['src/a.js'])]);
    expect(all.code, describeRun(all)).toBe(1);
    expect(all.stderr).toBe('persona-lint: skipped 2 symbolic links that loop: src/a.js, src/b.js\n');
    // Each file once: the link to the folder above is not followed.
    expect(findings(project, all)).toEqual(['src/injection.js:2 persona/parameterized-queries']);
    expect(linted(project, all).filter((file) => file.startsWith('src/up'))).toEqual([]);
    expect(named, describeRun(named)).toMatchObject({ code: 2, stdout: '', stderr: 'persona-lint: src/a.js is a symbolic link loop\n' });
  });

  // As root, chmod 000 does not stop reading: there the unreadable file is a link to
  // /proc/self/mem, whose first page is never mapped (reading it fails with EIO).
  const asRoot = process.getuid?.() === 0;
  (!asRoot || existsSync('/proc/self/mem') ? it.concurrent : it.concurrent.skip)('an unreadable file: exit 2, and the file is named with the reason; the others are checked', async () => {
    const project = fixtureProject('notes-api').write('src/injection.js', INJECTION);
    if (asRoot) symlinkSync('/proc/self/mem', project.path('src/secret.js'));
    else chmodSync(project.write('src/secret.js', 'export const a = 1;\n').path('src/secret.js'), 0o000);
    const run = await cli(project, ['-f', 'json']);
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stderr).toBe(
      `persona-lint: could not read 1 file, which was not checked: src/secret.js (${asRoot ? 'EIO: i/o error, read' : `EACCES: permission denied, open '${project.path('src/secret.js')}'`})\n`,
    );
    expect(findings(project, run)).toEqual(['src/injection.js:2 persona/parameterized-queries']);
  });

  it.concurrent('a named pipe with a source name is not read (reading would wait forever), with the project checks, in git or not', async () => {
    const inGit = fixtureProject('notes-api');
    const outside = fixtureProject('notes-api', { git: false });
    for (const project of [inGit, outside]) execFileSync('mkfifo', [project.path('src/pipe.js')]);
    const [gitRun, outsideRun, named] = await Promise.all([
      cli(inGit, ['--preset', 'strict', '-f', 'json']),
      cli(outside, ['--preset', 'strict', '-f', 'json']),
      cli(outside, ['--preset', 'strict', '-f', 'json', 'src/pipe.js', 'src']),
    ]);
    for (const [project, run] of [[inGit, gitRun], [outside, outsideRun], [outside, named]] as const) {
      expect(run.code, describeRun(run)).toBe(1);
      expect(findings(project, run)).toEqual(NOTES_STRICT);
    }
    expect(gitRun.stderr).toBe('');
    expect(outsideRun.stderr).toBe('');
    expect(named.stderr).toBe('persona-lint: skipped 1 path that is not a regular file: src/pipe.js\n');
  });
});
