import noSecretLogging from '../rules/no-secret-logging.js';
import parameterizedQueries from '../rules/parameterized-queries.js';

/** Every rule of the plugin, by id without the `persona/` prefix. */
export const rules = {
  'no-secret-logging': noSecretLogging,
  'parameterized-queries': parameterizedQueries,
};
