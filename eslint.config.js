import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'fixtures/', 'coverage/', 'demo/backend/'] },
  ...tseslint.configs.recommended,
  { files: ['rules/**/*.ts'], ...eslintPlugin.configs.recommended },
);
