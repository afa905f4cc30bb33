// Not a test file: `npm run typecheck` compiles it, so a user's typed eslint.config.ts that uses
// the presets and the plugin object keeps compiling against ESLint's own config types
// (test/consumer-config-eslint9.ts checks the same against ESLint 9's).
import { defineConfig } from 'eslint/config';
import persona from '../src/index.js';

export default defineConfig([
  persona.configs.recommended,
  { rules: { 'persona/no-secret-logging': ['error', { pii: true }] } },
  { files: ['scripts/**/*.ts'], plugins: { persona }, rules: { 'persona/no-blocking-io': 'off' } },
]);
