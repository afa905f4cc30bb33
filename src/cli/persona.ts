import { resolve } from 'node:path';
import { PersonaDocuments } from '../config/persona.js';
import { RULE_NAMES } from '../persona/compile.js';
import { coverageJson, coverageTable } from '../persona/report.js';
import { UsageError } from './errors.js';
import { shownPath } from './paths.js';
import { ProjectRoots } from './projects.js';
import { choice, type Io, type Values } from './run.js';

/**
 * `persona-lint persona [file]`: what a persona document becomes, statement by statement: the
 * named document, else the one the configuration of the current project names.
 */
export async function personaCommand(values: Values, path: string | undefined, io: Io): Promise<number> {
  const formatName = choice(values.format, ['table', 'json'] as const, '--format') ?? 'table';
  if (path !== undefined && values.persona !== undefined) throw new UsageError('persona takes one document: name it once', true);
  const named = path ?? values.persona;
  const documents = new PersonaDocuments(io.cwd);
  let persona;
  if (named !== undefined) {
    persona = documents.load(resolve(io.cwd, named), (reason) => new UsageError(`${named}: ${reason}`));
  } else {
    // Only here: the configuration's schema is made from the rules, which the document alone does not need.
    const { PersonaConfigs } = await import('../config/load.js');
    const roots = new ProjectRoots();
    const root = roots.of(io.cwd);
    const configs = new PersonaConfigs(io.cwd, values.config === undefined ? undefined : resolve(io.cwd, values.config));
    const loaded = await configs.forProject(root, roots.gitTop(root));
    persona = documents.ofConfig(loaded);
    if (!persona) {
      throw new UsageError(
        `no persona document is configured for the project in ${shownPath(root, io.cwd)}: name one (persona-lint persona docs/persona.md) or set "persona" in its configuration. Without one, persona-lint checks the standards of its own docs/standards.md with the ${loaded.config.preset ?? 'recommended'} preset.`,
      );
    }
  }
  const report = { name: shownPath(persona.file, io.cwd), allRules: RULE_NAMES.map((rule) => `persona/${rule}`) };
  io.stdout(formatName === 'json' ? coverageJson(persona, report) : coverageTable(persona, { ...report, quote: true }));
  return 0;
}
