import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CONFIG_FILES, packagePersona } from '../config/files.js';
import { PACKAGE_JSON } from '../package-root.js';
import { UsageError } from './errors.js';
import { examinePath } from './files.js';
import { writeOutputFile } from './output.js';
import { shownPath } from './paths.js';
import { ProjectRoots } from './projects.js';

const NEXT_STEPS = `Next steps:

  Lint now:                      npx persona-lint
  See the route inventory:       npx persona-lint routes

  In your editor, through ESLint (eslint.config.js):
    import persona from 'eslint-plugin-persona';
    export default [persona.configs.recommended];

  Before each commit, with pre-commit (.pre-commit-config.yaml; rev is a release tag):
    - repo: https://github.com/persona-lint/persona-lint
      rev: v${PACKAGE_JSON.version}
      hooks: [{ id: persona-lint }, { id: persona-lint-project }]
  or with husky and lint-staged (package.json):
    "lint-staged": { "*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}": "persona-lint --no-project-checks" }

  In GitHub Actions (annotations on the pull request, SARIF for code scanning):
    - uses: persona-lint/persona-lint@v${PACKAGE_JSON.version.split('.')[0]}
      with: { sarif: true }
`;

/**
 * Where `$schema` should point from `folder`: the schema of the installed package, found as Node
 * finds packages (up the node_modules folders, so a hoisted install in a monorepo is found), else
 * the published file of this version.
 */
function schemaReference(folder: string): string {
  for (let current = folder; ; current = dirname(current)) {
    const installed = join(current, 'node_modules', PACKAGE_JSON.name, 'personarc.schema.json');
    if (existsSync(installed)) {
      const path = relative(folder, installed).split('\\').join('/');
      return path.startsWith('.') ? path : `./${path}`;
    }
    if (dirname(current) === current) break;
  }
  // Run through npx from a cache outside the project: the file of this version on the registry's CDN.
  return `https://unpkg.com/${PACKAGE_JSON.name}@${PACKAGE_JSON.version}/personarc.schema.json`;
}

/**
 * Writes a starting `.personarc.json` (with `$schema`, for completion in editors) and says what
 * to do next: in the named folder, else in the root of the project of `cwd`. It writes nothing
 * where a configuration that persona-lint would read first, or instead, exists already.
 */
export function initConfig(cwd: string, path: string | undefined, force: boolean): string {
  let folder: string;
  if (path === undefined) folder = new ProjectRoots().of(cwd);
  else {
    folder = resolve(cwd, path);
    examinePath(folder, path);
    if (!statSync(folder).isDirectory()) throw new UsageError(`init writes .personarc.json into a folder, and ${path} is a file`, true);
  }
  const target = join(folder, '.personarc.json');
  if (packagePersona(join(folder, 'package.json')) !== undefined) {
    throw new UsageError(`${shownPath(join(folder, 'package.json'), cwd)} has a "persona" configuration already, which persona-lint reads first; nothing was written (edit it there, or move it to .personarc.json)`);
  }
  const existing = CONFIG_FILES.filter((file) => file !== 'package.json').find((file) => existsSync(join(folder, file)));
  if (existing && !(force && existing === '.personarc.json')) {
    const how = existing === '.personarc.json' ? ' (use --force to replace it)' : '';
    throw new UsageError(`${shownPath(join(folder, existing), cwd)} already exists; nothing was written${how}`);
  }
  const config = {
    $schema: schemaReference(folder),
    preset: 'recommended',
    rules: {},
    catalog: {},
    ignore: [],
  };
  writeOutputFile(target, `${JSON.stringify(config, null, 2)}\n`, 'the configuration');
  return `Wrote ${shownPath(target, cwd)} (preset "recommended"; "strict" adds the project checks).\n\n${NEXT_STEPS}`;
}
