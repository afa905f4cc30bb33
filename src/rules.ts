import apiVersioning from '../rules/api-versioning.js';
import corsPolicy from '../rules/cors-policy.js';
import errorEnvelope from '../rules/error-envelope.js';
import healthEndpoint from '../rules/health-endpoint.js';
import jwtVerification from '../rules/jwt-verification.js';
import noBlockingIo from '../rules/no-blocking-io.js';
import noErrorExposure from '../rules/no-error-exposure.js';
import noHardcodedSecrets from '../rules/no-hardcoded-secrets.js';
import noNosqlInjection from '../rules/no-nosql-injection.js';
import noPlaintextPassword from '../rules/no-plaintext-password.js';
import noQueryInLoop from '../rules/no-query-in-loop.js';
import noSecretLogging from '../rules/no-secret-logging.js';
import noSensitiveResponse from '../rules/no-sensitive-response.js';
import paginateLists from '../rules/paginate-lists.js';
import parameterizedQueries from '../rules/parameterized-queries.js';
import rateLimiting from '../rules/rate-limiting.js';
import requestSizeLimit from '../rules/request-size-limit.js';
import requireAuth from '../rules/require-auth.js';
import securityHeaders from '../rules/security-headers.js';
import strongPasswordHash from '../rules/strong-password-hash.js';
import validateInput from '../rules/validate-input.js';

/** Every rule of the plugin, by id without the `persona/` prefix. */
export const rules = {
  'api-versioning': apiVersioning,
  'cors-policy': corsPolicy,
  'error-envelope': errorEnvelope,
  'health-endpoint': healthEndpoint,
  'jwt-verification': jwtVerification,
  'no-blocking-io': noBlockingIo,
  'no-error-exposure': noErrorExposure,
  'no-hardcoded-secrets': noHardcodedSecrets,
  'no-nosql-injection': noNosqlInjection,
  'no-plaintext-password': noPlaintextPassword,
  'no-query-in-loop': noQueryInLoop,
  'no-secret-logging': noSecretLogging,
  'no-sensitive-response': noSensitiveResponse,
  'paginate-lists': paginateLists,
  'parameterized-queries': parameterizedQueries,
  'rate-limiting': rateLimiting,
  'request-size-limit': requestSizeLimit,
  'require-auth': requireAuth,
  'security-headers': securityHeaders,
  'strong-password-hash': strongPasswordHash,
  'validate-input': validateInput,
};
