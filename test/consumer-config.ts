// Not a test file: `npm run typecheck` compiles it, so a user's typed eslint.config.ts that uses
// the presets keeps compiling against ESLint's own config types.
import { defineConfig } from 'eslint/config';
import persona from '../src/index.js';

export default defineConfig([persona.configs.recommended, { rules: { 'persona/no-secret-logging': ['error', { pii: true }] } }]);
