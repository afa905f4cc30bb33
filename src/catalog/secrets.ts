/**
 * What hardcoded secrets look like: token formats with their own pattern, the arguments and
 * options of libraries that take a secret, connection-string schemes, and the placeholders that
 * are not secrets.
 *
 * Every pattern here runs in linear time: a quantified run is preceded by a negative lookbehind
 * of its own character class (so a failed match starts only once per run) and followed by a
 * character outside that class or by a lookahead, so no two unbounded quantifiers compete for
 * the same characters.
 */

export interface TokenFormat {
  readonly id: string;
  /** Shown in messages: "This string contains {label}". */
  readonly label: string;
  /** Substrings that a value must contain before the pattern runs (a cheap filter). */
  readonly markers: readonly string[];
  /** A global pattern; each match is a candidate token. */
  readonly pattern: RegExp;
  /** Further checks on a match (a JWT must decode to JSON). */
  readonly validate?: (token: string) => boolean;
}

const B64URL = 'A-Za-z0-9_-';

function decodeJsonSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A JWT is a credential unless it is public by design or a published sample: Supabase's `anon`
 * key is meant for browsers, and jwt.io's sample (`"name": "John Doe"`) is in every tutorial.
 */
function isCredentialJwt(token: string): boolean {
  const [header, payload] = token.split('.');
  const decodedHeader = decodeJsonSegment(header ?? '');
  const decodedPayload = decodeJsonSegment(payload ?? '');
  if (!decodedHeader || typeof decodedHeader !== 'object' || !('alg' in decodedHeader)) return false;
  if (!decodedPayload || typeof decodedPayload !== 'object') return false;
  const claims = decodedPayload as Record<string, unknown>;
  if (claims['role'] === 'anon') return false;
  if (claims['name'] === 'John Doe' || claims['sub'] === '1234567890') return false;
  return true;
}

export const TOKEN_FORMATS: readonly TokenFormat[] = [
  {
    id: 'aws-access-key-id',
    label: 'an AWS access key id',
    markers: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/gu,
  },
  {
    id: 'github-token',
    label: 'a GitHub token',
    markers: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])/gu,
  },
  {
    id: 'github-fine-grained-token',
    label: 'a GitHub fine-grained personal access token',
    markers: ['github_pat_'],
    pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])/gu,
  },
  {
    id: 'gitlab-token',
    label: 'a GitLab token',
    markers: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glsoat-', 'glcbt-'],
    pattern: new RegExp(`(?<![${B64URL}])gl(?:pat|dt|rt|ptt|soat|cbt)-[${B64URL}]{20,}(?![${B64URL}])`, 'gu'),
  },
  {
    id: 'slack-token',
    label: 'a Slack token',
    markers: ['xox', 'xapp-'],
    pattern: /(?<![A-Za-z0-9-])(?:xox[abposr]|xapp)-[A-Za-z0-9-]{10,}(?![A-Za-z0-9-])/gu,
  },
  {
    id: 'slack-webhook',
    label: 'a Slack incoming webhook URL',
    markers: ['hooks.slack.com/'],
    pattern: /hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9_/-]{20,}(?![A-Za-z0-9_/-])/gu,
  },
  {
    id: 'stripe-live-key',
    label: 'a Stripe live secret key',
    markers: ['_live_'],
    pattern: /(?<![A-Za-z0-9_])(?:sk|rk)_live_[A-Za-z0-9]{20,}(?![A-Za-z0-9_])/gu,
  },
  {
    id: 'stripe-webhook-secret',
    label: 'a Stripe webhook signing secret',
    markers: ['whsec_'],
    pattern: /(?<![A-Za-z0-9_])whsec_[A-Za-z0-9]{24,}(?![A-Za-z0-9_])/gu,
  },
  {
    id: 'google-api-key',
    label: 'a Google API key',
    markers: ['AIza'],
    pattern: new RegExp(`(?<![${B64URL}])AIza[${B64URL}]{35}(?![${B64URL}])`, 'gu'),
  },
  {
    id: 'npm-token',
    label: 'an npm access token',
    markers: ['npm_'],
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/gu,
  },
  {
    id: 'sendgrid-api-key',
    label: 'a SendGrid API key',
    markers: ['SG.'],
    pattern: new RegExp(`(?<![.${B64URL}])SG\\.[${B64URL}]{22}\\.[${B64URL}]{43}(?![.${B64URL}])`, 'gu'),
  },
  {
    id: 'openai-api-key',
    label: 'an OpenAI API key',
    markers: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'T3BlbkFJ'],
    pattern: new RegExp(
      `(?<![${B64URL}])sk-(?:(?:proj|svcacct|admin)-[${B64URL}]{40,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})(?![${B64URL}])`,
      'gu',
    ),
  },
  {
    id: 'anthropic-api-key',
    label: 'an Anthropic API key',
    markers: ['sk-ant-'],
    pattern: new RegExp(`(?<![${B64URL}])sk-ant-(?:api|admin)\\d{2}-[${B64URL}]{80,}(?![${B64URL}])`, 'gu'),
  },
  {
    id: 'shopify-token',
    label: 'a Shopify access token',
    markers: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    pattern: /(?<![A-Za-z0-9_])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9_])/gu,
  },
  {
    id: 'mailgun-api-key',
    label: 'a Mailgun API key',
    markers: ['key-'],
    pattern: /(?<![A-Za-z0-9_-])key-[a-f0-9]{32}(?![A-Za-z0-9_-])/gu,
  },
  {
    id: 'azure-storage-key',
    label: 'an Azure storage account key',
    markers: ['AccountKey='],
    pattern: /AccountKey=[A-Za-z0-9+/]{80,}={0,2}/gu,
  },
  {
    id: 'private-key',
    label: 'a private key',
    markers: ['PRIVATE KEY'],
    // The header alone (`pem.startsWith('-----BEGIN PRIVATE KEY-----')`) is not a key: key material must follow.
    pattern: /-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----(?:\s|\\n){0,8}[A-Za-z0-9+/=]{40}/gu,
  },
  {
    id: 'jwt',
    label: 'a JSON Web Token',
    markers: ['eyJ'],
    pattern: new RegExp(`(?<![${B64URL}])eyJ[${B64URL}]{8,}\\.eyJ[${B64URL}]{8,}\\.[${B64URL}]{16,}(?![.${B64URL}])`, 'gu'),
    validate: isCredentialJwt,
  },
];

/** Words in a token that make it a published example or a dummy (`AKIAIOSFODNN7EXAMPLE`). */
export const TOKEN_PLACEHOLDER_MARKERS: readonly string[] = ['example', 'sample', 'dummy', 'fake', 'placeholder', 'redacted', 'xxxx', 'test'];

/** URL schemes of databases, brokers and services whose URL can carry a password. */
export const CONNECTION_SCHEMES: ReadonlySet<string> = new Set([
  'postgres', 'postgresql', 'mysql', 'mysql2', 'mysqlx', 'mariadb', 'mongodb', 'mongodb+srv', 'redis', 'rediss',
  'amqp', 'amqps', 'mssql', 'sqlserver', 'oracle', 'cockroachdb', 'clickhouse', 'nats', 'memcached', 'couchdb',
  'neo4j', 'neo4j+s', 'bolt', 'cassandra', 'elasticsearch', 'mqtt', 'mqtts', 'kafka', 'smtp', 'smtps', 'imap',
  'imaps', 'ftp', 'ftps', 'sftp', 'ldap', 'ldaps', 'http', 'https',
]);

/** Keys of a `key=value;` connection string (ADO.NET, ODBC) that hold the password. */
export const CONNECTION_PASSWORD_KEYS: ReadonlySet<string> = new Set(['password', 'pwd']);
/** Keys that make a `key=value;` string a connection string. */
export const CONNECTION_HOST_KEYS: ReadonlySet<string> = new Set([
  'server', 'host', 'data source', 'datasource', 'address', 'addr', 'network address', 'hostname', 'user id', 'uid', 'username',
]);

/** Whole values that are dummies or documented defaults, compared in lower case. */
export const DUMMY_VALUES: ReadonlySet<string> = new Set([
  'secret', 'secrets', 'password', 'passwd', 'pass', 'pwd', 'changeme', 'changeit', 'token', 'apikey', 'api-key', 'api_key',
  'key', 'default', 'none', 'null', 'undefined', 'root', 'admin', 'administrator', 'guest', 'postgres', 'postgresql',
  'mysql', 'mariadb', 'mongo', 'mongodb', 'redis', 'rabbitmq', 'user', 'username', 'test', 'testing', 'demo', 'dev',
  'development', 'local', 'localhost', 'example', 'sample', 'dummy', 'fake', 'mock', 'placeholder', 'foo', 'bar',
  'foobar', 'qwerty', 'letmein', 'sa', 'docker',
]);

/** Substrings (lower case) that mark a placeholder or a development-only value. */
export const PLACEHOLDER_MARKERS: readonly string[] = [
  'changeme', 'change-me', 'change_me', 'change-this', 'change_this', 'changethis', 'change-in-production',
  'replace', 'your-', 'your_', 'yourapi', 'yoursecret', 'yourpassword', 'example', 'sample', 'dummy', 'placeholder',
  'fake', 'mock', 'redacted', 'xxxx', '****', '....', '\u2026', '${', '{{', '}}', '%s', '$(', 'todo', 'fixme',
  'insert', 'enter-', 'not-a-secret', 'notasecret', 'not_a_secret', 'dev-only', 'dev_only', 'devonly', 'for-dev',
  'local-only', 'unsafe', 'insecure', 'do-not-use', 'donotuse',
];

/** Words (between non-letters) that mark a test or development value: `sk_test_...`, `dev-secret`. */
export const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set(['test', 'testing', 'dev', 'development', 'local', 'localhost', 'demo', 'sandbox', 'staging']);

/** Substrings of regular expressions: a password rule (`^(?=.*[A-Z])(?=.*\\d).{12,}$`) is not a password. */
export const REGEX_MARKERS: readonly string[] = ['(?=', '(?!', '(?:', '\\d', '\\w', '\\s', '[a-z', '[A-Z', '[0-9', '.*', '.+'];

/** Prefixes of password hashes (bcrypt, argon2, scrypt, PBKDF2): a stored hash, not the password. */
export const PASSWORD_HASH_PREFIXES: readonly string[] = ['$2a$', '$2b$', '$2y$', '$argon2', '$scrypt$', '$pbkdf2', 'pbkdf2_sha256$', 'pbkdf2:sha256:', 'scrypt:'];

/** Prefixes of keys that are public by design (Stripe publishable keys). */
export const PUBLIC_KEY_PREFIXES: readonly string[] = ['pk_live_', 'pk_test_'];

/** Meanings of `sensitiveMeaning` that are credentials (not cookies' names, card numbers or SSNs). */
export const CREDENTIAL_MEANINGS: ReadonlyMap<string, string> = new Map([
  ['a password', 'password'],
  ['a passphrase', 'passphrase'],
  ['a secret', 'secret'],
  ['a token', 'token'],
  ['an API key', 'API key'],
  ['a private key', 'private key'],
  ['a secret key', 'secret key'],
  ['a signing key', 'signing key'],
  ['an encryption key', 'encryption key'],
  ['a master key', 'master key'],
  ['an access key', 'access key'],
  ['a session key', 'session key'],
  ['credentials', 'credential'],
  ['an Authorization header', 'Authorization header value'],
]);

/** Words in a name that say the value is derived from the secret, not the secret. */
export const DERIVED_SECRET_WORDS: ReadonlySet<string> = new Set(['hash', 'hashed', 'digest', 'salt', 'fingerprint', 'checksum', 'encrypted', 'public']);

/** Words in a name that make it metadata of a token rather than the token (`CONSENT_JWT_TYP`, `jwtKid`). */
export const TOKEN_METADATA_WORDS: ReadonlySet<string> = new Set(['typ', 'kid', 'cty', 'iss', 'aud', 'jti', 'jku', 'x5u']);

/** First words of a name that make its values examples of bad or fake secrets (`badPasswords`, `commonPasswords`). */
export const EXAMPLE_LIST_WORDS: ReadonlySet<string> = new Set([
  'bad', 'weak', 'common', 'banned', 'blocked', 'forbidden', 'leaked', 'breached', 'pwned', 'invalid', 'known',
  'disallowed', 'blacklisted', 'denylisted', 'denied', 'rejected', 'sample', 'example', 'fake', 'dummy', 'mock', 'test',
]);

/** Request and response headers whose value is a credential. */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'x-apikey', 'x-auth-token',
  'x-access-token', 'private-token', 'x-vault-token', 'x-goog-api-key', 'ocp-apim-subscription-key', 'x-functions-key',
]);

/** Authorization schemes before the credential in a header value. */
export const AUTH_SCHEMES: ReadonlySet<string> = new Set(['bearer', 'basic', 'token', 'bot', 'apikey', 'api-key', 'key', 'digest', 'sso-key']);

/** Methods that set a header by name and value (`headers.set('Authorization', v)`, `res.setHeader`). */
export const HEADER_SETTERS: ReadonlySet<string> = new Set(['set', 'setHeader', 'header', 'append', 'setRequestHeader']);

/** One place in a call where a library takes a secret. */
export interface SecretSlot {
  /** Argument position. */
  readonly argument: number;
  /** Keys from the argument down to the secret; `[]` is the argument itself, `*` any key. */
  readonly path: readonly string[];
}

export interface SecretSink {
  readonly modules: readonly string[];
  /** Module paths of the function or class (`.sign`, `.Pool`, `''` for the module itself). */
  readonly callees: readonly string[];
  /** The secret's kind, shown in messages. */
  readonly what: string;
  readonly slots: readonly SecretSlot[];
  /** The module is a Fastify plugin: its options are the second argument of `register(plugin, options)`. */
  readonly plugin?: boolean;
}

const password = (...paths: string[][]): SecretSlot[] => paths.map((path) => ({ argument: 0, path }));

export const SECRET_SINKS: readonly SecretSink[] = [
  { modules: ['jsonwebtoken'], callees: ['.sign'], what: 'JWT signing secret', slots: [{ argument: 1, path: [] }] },
  { modules: ['jsonwebtoken'], callees: ['.verify'], what: 'JWT verification secret', slots: [{ argument: 1, path: [] }] },
  { modules: ['express-session'], callees: [''], what: 'session secret', slots: [{ argument: 0, path: ['secret'] }] },
  { modules: ['cookie-parser'], callees: [''], what: 'cookie signing secret', slots: [{ argument: 0, path: [] }] },
  { modules: ['cookie-session'], callees: [''], what: 'cookie signing key', slots: [{ argument: 0, path: ['secret'] }, { argument: 0, path: ['keys'] }] },
  { modules: ['express-jwt'], callees: ['', '.expressjwt'], what: 'JWT secret', slots: [{ argument: 0, path: ['secret'] }] },
  { modules: ['passport-jwt'], callees: ['.Strategy'], what: 'JWT secret', slots: [{ argument: 0, path: ['secretOrKey'] }] },
  { modules: ['@nestjs/jwt'], callees: ['.JwtModule.register'], what: 'JWT secret', slots: [{ argument: 0, path: ['secret'] }, { argument: 0, path: ['privateKey'] }] },
  { modules: ['express-basic-auth'], callees: [''], what: 'basic-auth password', slots: [{ argument: 0, path: ['users', '*'] }] },
  { modules: ['@fastify/cookie', 'fastify-cookie'], callees: [''], plugin: true, what: 'cookie signing secret', slots: [{ argument: 1, path: ['secret'] }] },
  { modules: ['@fastify/session', 'fastify-session'], callees: [''], plugin: true, what: 'session secret', slots: [{ argument: 1, path: ['secret'] }] },
  { modules: ['@fastify/secure-session'], callees: [''], plugin: true, what: 'session secret', slots: [{ argument: 1, path: ['secret'] }] },
  { modules: ['@fastify/jwt', 'fastify-jwt'], callees: [''], plugin: true, what: 'JWT secret', slots: [{ argument: 1, path: ['secret'] }] },
  { modules: ['pg', 'pg-pool'], callees: ['.Pool', '.Client', '', '.native.Pool', '.native.Client'], what: 'database password', slots: password(['password']) },
  { modules: ['mysql', 'mysql2', 'mysql2/promise'], callees: ['.createPool', '.createConnection', '.createPoolCluster'], what: 'database password', slots: password(['password']) },
  { modules: ['knex'], callees: ['', '.knex'], what: 'database password', slots: password(['connection', 'password']) },
  {
    modules: ['sequelize', 'sequelize-typescript'],
    callees: ['.Sequelize', ''],
    what: 'database password',
    slots: [{ argument: 2, path: [] }, { argument: 0, path: ['password'] }, { argument: 3, path: ['password'] }],
  },
  { modules: ['typeorm'], callees: ['.DataSource', '.createConnection'], what: 'database password', slots: password(['password']) },
  { modules: ['@nestjs/typeorm'], callees: ['.TypeOrmModule.forRoot'], what: 'database password', slots: password(['password']) },
  { modules: ['@nestjs/sequelize'], callees: ['.SequelizeModule.forRoot'], what: 'database password', slots: password(['password']) },
  { modules: ['@nestjs/mongoose'], callees: ['.MongooseModule.forRoot'], what: 'database password', slots: [{ argument: 1, path: ['pass'] }, { argument: 1, path: ['auth', 'password'] }] },
  { modules: ['mongoose'], callees: ['.connect', '.createConnection'], what: 'database password', slots: [{ argument: 1, path: ['pass'] }, { argument: 1, path: ['auth', 'password'] }] },
  { modules: ['mongodb'], callees: ['.MongoClient', '.MongoClient.connect'], what: 'database password', slots: [{ argument: 1, path: ['auth', 'password'] }] },
  { modules: ['mssql'], callees: ['.connect', '.ConnectionPool'], what: 'database password', slots: password(['password']) },
  { modules: ['oracledb'], callees: ['.getConnection', '.createPool'], what: 'database password', slots: password(['password']) },
  { modules: ['ioredis'], callees: ['', '.Redis', '.Cluster'], what: 'Redis password', slots: [0, 1, 2].map((argument) => ({ argument, path: ['password'] })) },
  { modules: ['redis'], callees: ['.createClient'], what: 'Redis password', slots: password(['password']) },
  { modules: ['nodemailer'], callees: ['.createTransport'], what: 'SMTP password', slots: password(['auth', 'pass']) },
  { modules: ['twilio'], callees: [''], what: 'Twilio auth token', slots: [{ argument: 1, path: [] }] },
  { modules: ['@sendgrid/mail'], callees: ['.setApiKey'], what: 'SendGrid API key', slots: [{ argument: 0, path: [] }] },
  { modules: ['stripe'], callees: ['', '.Stripe'], what: 'Stripe secret key', slots: [{ argument: 0, path: [] }] },
  { modules: ['@slack/web-api'], callees: ['.WebClient'], what: 'Slack token', slots: [{ argument: 0, path: [] }] },
  { modules: ['hono/bearer-auth'], callees: ['.bearerAuth'], what: 'bearer token', slots: [{ argument: 0, path: ['token'] }] },
  { modules: ['hono/basic-auth'], callees: ['.basicAuth'], what: 'basic-auth password', slots: [{ argument: 0, path: ['password'] }] },
  { modules: ['otplib'], callees: ['.authenticator.generate', '.totp.generate', '.hotp.generate', '.authenticator.keyuri'], what: 'one-time-password seed', slots: [{ argument: 0, path: [] }] },
  { modules: ['otplib'], callees: ['.authenticator.check', '.totp.check', '.hotp.check'], what: 'one-time-password seed', slots: [{ argument: 1, path: [] }] },
  { modules: ['otplib'], callees: ['.authenticator.verify', '.totp.verify', '.hotp.verify'], what: 'one-time-password seed', slots: [{ argument: 0, path: ['secret'] }] },
  { modules: ['speakeasy'], callees: ['.totp', '.hotp', '.totp.verify', '.hotp.verify', '.totp.verifyDelta'], what: 'one-time-password seed', slots: [{ argument: 0, path: ['secret'] }] },
  { modules: ['node-2fa'], callees: ['.generateToken', '.verifyToken'], what: 'one-time-password seed', slots: [{ argument: 0, path: [] }] },
  { modules: ['crypto', 'node:crypto'], callees: ['.createHmac'], what: 'HMAC key', slots: [{ argument: 1, path: [] }] },
  { modules: ['crypto', 'node:crypto'], callees: ['.createCipheriv', '.createDecipheriv'], what: 'encryption key', slots: [{ argument: 1, path: [] }] },
  { modules: ['iron-session'], callees: ['.getIronSession', '.ironSession'], what: 'session password', slots: [{ argument: 2, path: ['password'] }, { argument: 0, path: ['password'] }] },
];

/** Properties of an instance that hold secrets when assigned (`app.keys = [...]` of Koa). */
export const SECRET_PROPERTIES: readonly { module: string; instance: string; property: string; what: string }[] = [
  { module: 'koa', instance: '()', property: 'keys', what: 'cookie signing key' },
];

/** Names of callees in `SECRET_SINKS`, for the cheap check before resolving a call. */
export const SECRET_SINK_NAMES: ReadonlySet<string> = new Set(
  SECRET_SINKS.flatMap((sink) => sink.callees.map((callee) => callee.slice(callee.lastIndexOf('.') + 1))).filter((name) => name !== ''),
);

/** Files where fake credentials are expected: tests, mocks and fixtures. Globs (see `src/ast/test-files.ts`). */
export const DEFAULT_TEST_FILE_PATTERNS: readonly string[] = [
  '**/*.test.*',
  '**/*.spec.*',
  '**/*.e2e-spec.*',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/__fixtures__/**',
  '**/test/**',
  '**/tests/**',
  '**/fixtures/**',
  '**/e2e/**',
];
