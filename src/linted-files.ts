/** Files the presets lint; the TypeScript parser reads JavaScript as well. */
export const LINTED_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];
