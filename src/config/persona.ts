import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../cli/errors.js';
import { shownPath } from '../cli/paths.js';
import { compilePersona, type CompiledPersona } from '../persona/compile.js';
import { ConfigError } from './errors.js';
import type { LoadedConfig } from './load.js';

/** Why a document cannot be read, in a few words. */
function unreadable(file: string): string | undefined {
  try {
    if (statSync(file).isDirectory()) return 'it is a folder, not a Markdown document';
    readFileSync(file, 'utf8');
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'the file does not exist' : `it cannot be read (${code ?? String(error)})`;
  }
}

/**
 * The persona documents of a run, each read and compiled once: the one `--persona` names for
 * every project, or the one a project's configuration names (`persona`, relative to the
 * configuration file).
 */
export class PersonaDocuments {
  private readonly compiled = new Map<string, CompiledPersona>();

  constructor(private readonly cwd: string) {}

  /** The compiled document at an absolute path; `problem` says what to do when it cannot be read. */
  load(file: string, problem: (reason: string) => Error): CompiledPersona {
    let persona = this.compiled.get(file);
    if (!persona) {
      const reason = unreadable(file);
      if (reason) throw problem(reason);
      persona = compilePersona(readFileSync(file, 'utf8'), file);
      this.compiled.set(file, persona);
    }
    return persona;
  }

  /** The document a project's configuration names, if it names one. */
  ofConfig(loaded: LoadedConfig): CompiledPersona | undefined {
    const named = loaded.config.persona;
    if (named === undefined || loaded.file === undefined) return undefined;
    const file = resolve(dirname(loaded.file), named);
    return this.load(file, (reason) => new ConfigError(shownPath(loaded.file!, this.cwd), [`persona: ${JSON.stringify(named)} cannot be used: ${reason} (${shownPath(file, this.cwd)})`]));
  }

  /** Every document compiled so far. */
  all(): CompiledPersona[] {
    return [...this.compiled.values()];
  }
}

/**
 * The persona of a run's projects: none when `--preset` is given (a preset instead), the document
 * `--persona` names for every project, else the one each project's configuration names.
 */
export function personaChooser(documents: PersonaDocuments, cwd: string, flags: { persona?: string; preset?: string }): (loaded: LoadedConfig) => CompiledPersona | undefined {
  if (flags.persona !== undefined && flags.preset !== undefined) {
    throw new UsageError('--persona and --preset cannot be used together: the persona document decides which rules are on', true);
  }
  if (flags.preset !== undefined) return () => undefined;
  const named = flags.persona;
  if (named !== undefined) {
    const persona = documents.load(resolve(cwd, named), (reason) => new UsageError(`--persona ${named}: ${reason}`));
    return () => persona;
  }
  return (loaded) => documents.ofConfig(loaded);
}
