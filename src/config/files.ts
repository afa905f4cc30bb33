import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** Where a project's persona configuration can be, in the order they are looked for. */
export const CONFIG_FILES = [
  'package.json',
  '.personarc',
  '.personarc.json',
  '.personarc.yaml',
  '.personarc.yml',
  '.personarc.js',
  '.personarc.cjs',
  '.personarc.mjs',
  'persona.config.js',
  'persona.config.cjs',
  'persona.config.mjs',
];

/** The `persona` key of a package.json, if it has one. */
export function packagePersona(file: string): unknown {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { persona?: unknown }).persona;
  } catch {
    return undefined;
  }
}

/** Whether a file is a persona configuration: one of CONFIG_FILES, a package.json only with a `persona` key. */
export function isPersonaConfigFile(file: string): boolean {
  const name = basename(file);
  if (name === 'package.json') return packagePersona(file) !== undefined;
  return CONFIG_FILES.includes(name);
}
