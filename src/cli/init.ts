import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILES } from '../config/load.js';
import { UsageError } from './errors.js';

const NEXT_STEPS = `Next steps:

  Lint now:                      npx persona-lint
  See the route inventory:       npx persona-lint routes

  In your editor, through ESLint (eslint.config.js):
    import persona from 'eslint-plugin-persona';
    export default [persona.configs.recommended];

  Before each commit, with pre-commit (.pre-commit-config.yaml):
    - repo: https://github.com/persona-lint/persona-lint
      rev: v0.1.0
      hooks: [{ id: persona-lint }, { id: persona-lint-project }]
  or with husky and lint-staged (package.json):
    "lint-staged": { "*.{js,mjs,cjs,ts,mts,cts}": "persona-lint --no-project-checks" }

  In GitHub Actions (annotations on the pull request, SARIF for code scanning):
    - uses: persona-lint/persona-lint@v0
      with: { sarif: true }
`;

/** Writes a starting `.personarc.json` (with `$schema`, for completion in editors) and says what to do next. */
export function initConfig(root: string, force: boolean): string {
  const existing = CONFIG_FILES.filter((file) => file !== 'package.json').find((file) => existsSync(join(root, file)));
  if (existing && !force) throw new UsageError(`${existing} already exists; nothing was written (use --force to replace .personarc.json)`);
  const config = {
    $schema: './node_modules/eslint-plugin-persona/personarc.schema.json',
    preset: 'recommended',
    rules: {},
    catalog: {},
    ignore: [],
  };
  writeFileSync(join(root, '.personarc.json'), `${JSON.stringify(config, null, 2)}\n`);
  return `Wrote .personarc.json (preset "recommended"; "strict" adds the project checks).\n\n${NEXT_STEPS}`;
}
