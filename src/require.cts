// The CommonJS entry (`exports["."].require`): `require('eslint-plugin-persona')` in an
// eslint.config.cjs gives the plugin itself, not the namespace of the ES module (Node 20.19+
// loads ES modules with require()).
import type { PersonaPlugin } from './index.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- this file is the CommonJS entry
const plugin = (require('./index.js') as { default: PersonaPlugin }).default;

export = plugin;
