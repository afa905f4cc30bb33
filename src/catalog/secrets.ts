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

import { TEST_FILE_PATTERNS } from './test-files.js';

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
  /**
   * Keys from the argument down to the secret; `[]` is the argument itself, `*` any key, `()` what
   * a function given there returns (`getSecret: () => '…'`).
   */
  readonly path: readonly string[];
}

/** How a slot's path reads in messages and docs: `auth.password`, `getSecret()`. */
export function slotPathText(path: readonly string[]): string {
  return path.map((key, index) => (key === '()' || index === 0 ? key : `.${key}`)).join('');
}

/**
 * A function, method or constructor of a library that takes a secret, as its type definitions
 * declare it. Only the secret itself is a slot: identifiers that go with it (an access key id, a
 * client id, an account SID, a user name) are not secrets.
 */
export interface SecretSink {
  /** Module names; a trailing `*` matches any rest (`@aws-sdk/client-*`). */
  readonly modules: readonly string[];
  /**
   * Module paths of the function or class: property reads and `()` calls from the module (`.Pool`,
   * `''` for the module itself, `().client` for a method of `new Mailgun()`). `*` matches one name,
   * `**` anything (`.SignJWT()**.sign` for `new SignJWT(p).setIssuedAt().sign(key)`).
   */
  readonly callees: readonly string[];
  /** The secret's kind, shown in messages. */
  readonly what: string;
  readonly slots: readonly SecretSlot[];
  /** The module is a Fastify plugin: its options are the second argument of `register(plugin, options)`. */
  readonly plugin?: boolean;
  /** The package whose type definitions declare the slots, at the version read (`@types/pg@8.23.1`). */
  readonly types: string;
}

const options = (argument: number, ...paths: string[][]): SecretSlot[] => paths.map((path) => ({ argument, path }));
const argument = (...indexes: number[]): SecretSlot[] => indexes.map((index) => ({ argument: index, path: [] }));
const password = (...paths: string[][]): SecretSlot[] => options(0, ...paths);
/** Every callee with each of the method names after it (`.create().get`). */
const methods = (prefixes: string[], names: string[]): string[] => prefixes.flatMap((prefix) => names.map((name) => `${prefix}.${name}`));

const AWS_V2_CREDENTIALS = options(0, ['secretAccessKey'], ['sessionToken'], ['credentials', 'secretAccessKey'], ['credentials', 'sessionToken']);
const GOOGLE_AUTH_OPTIONS = options(0, ['apiKey'], ['credentials', 'private_key'], ['credentials', 'client_secret'], ['credentials', 'refresh_token']);
const AXIOS_INSTANCES = ['', '.create()'];
const GOT_METHODS = ['.get', '.post', '.put', '.patch', '.delete', '.head', '.stream', '.paginate'];

export const SECRET_SINKS: readonly SecretSink[] = [
  // Signed tokens
  { modules: ['jsonwebtoken'], callees: ['.sign'], what: 'JWT signing secret', slots: argument(1), types: '@types/jsonwebtoken@9.0.10' },
  { modules: ['jsonwebtoken'], callees: ['.verify'], what: 'JWT verification secret', slots: argument(1), types: '@types/jsonwebtoken@9.0.10' },
  { modules: ['jose'], callees: ['.jwtVerify', '.jwtDecrypt', '.compactVerify', '.flattenedVerify', '.generalVerify', '.compactDecrypt', '.flattenedDecrypt', '.generalDecrypt'], what: 'JWT key', slots: argument(1), types: 'jose@6.2.19' },
  { modules: ['jose'], callees: ['.SignJWT()**.sign', '.EncryptJWT()**.encrypt', '.CompactSign()**.sign', '.FlattenedSign()**.sign', '.CompactEncrypt()**.encrypt'], what: 'JWT key', slots: argument(0), types: 'jose@6.2.19' },
  // `''`: express-jwt 6 and earlier export the middleware itself.
  { modules: ['express-jwt'], callees: ['', '.expressjwt'], what: 'JWT secret', slots: options(0, ['secret']), types: 'express-jwt@8.5.1' },
  { modules: ['passport-jwt'], callees: ['.Strategy'], what: 'JWT secret', slots: options(0, ['secretOrKey']), types: '@types/passport-jwt@4.0.1' },
  { modules: ['@nestjs/jwt'], callees: ['.JwtModule.register', '.JwtService'], what: 'JWT secret', slots: options(0, ['secret'], ['privateKey'], ['secretOrPrivateKey']), types: '@nestjs/jwt@12.0.2' },
  { modules: ['@fastify/jwt', 'fastify-jwt'], callees: [''], plugin: true, what: 'JWT secret', slots: options(1, ['secret'], ['secret', 'private']), types: '@fastify/jwt@10.2.8' },
  // Sessions, signed cookies, sealed data
  { modules: ['express-session'], callees: [''], what: 'session secret', slots: options(0, ['secret']), types: '@types/express-session@1.19.0' },
  { modules: ['cookie-parser'], callees: [''], what: 'cookie signing secret', slots: argument(0), types: '@types/cookie-parser@1.4.10' },
  { modules: ['cookie-parser'], callees: ['.signedCookie', '.signedCookies'], what: 'cookie signing secret', slots: argument(1), types: '@types/cookie-parser@1.4.10' },
  { modules: ['cookie-session'], callees: [''], what: 'cookie signing key', slots: options(0, ['secret'], ['keys']), types: '@types/cookie-session@2.0.49' },
  { modules: ['@fastify/cookie', 'fastify-cookie'], callees: [''], plugin: true, what: 'cookie signing secret', slots: options(1, ['secret']), types: '@fastify/cookie@11.1.5' },
  { modules: ['@fastify/cookie'], callees: ['.sign', '.unsign'], what: 'cookie signing secret', slots: argument(1), types: '@fastify/cookie@11.1.5' },
  { modules: ['@fastify/cookie'], callees: ['.Signer', '.signerFactory'], what: 'cookie signing secret', slots: argument(0), types: '@fastify/cookie@11.1.5' },
  { modules: ['@fastify/session', 'fastify-session'], callees: [''], plugin: true, what: 'session secret', slots: options(1, ['secret']), types: '@fastify/session@11.1.3' },
  { modules: ['@fastify/secure-session'], callees: [''], plugin: true, what: 'session secret', slots: options(1, ['secret'], ['key']), types: '@fastify/secure-session@8.4.0' },
  { modules: ['koa'], callees: [''], what: 'cookie signing key', slots: options(0, ['keys']), types: '@types/koa@3.0.3' },
  { modules: ['iron-session'], callees: ['.getIronSession'], what: 'session password', slots: options(1, ['password']).concat(options(2, ['password'])), types: 'iron-session@8.0.4' },
  { modules: ['iron-session'], callees: ['.sealData', '.unsealData'], what: 'seal password', slots: options(1, ['password']), types: 'iron-session@8.0.4' },
  { modules: ['@hapi/iron'], callees: ['.seal', '.unseal'], what: 'seal password', slots: [...argument(1), ...options(1, ['secret'])], types: '@hapi/iron@7.0.1' },
  { modules: ['@hapi/iron'], callees: ['.generateKey', '.encrypt', '.decrypt', '.hmacWithPassword'], what: 'seal password', slots: argument(0), types: '@hapi/iron@7.0.1' },
  { modules: ['csrf-csrf'], callees: ['.doubleCsrf'], what: 'CSRF secret', slots: password(['getSecret', '()']), types: 'csrf-csrf@4.0.3' },
  { modules: ['hashids'], callees: [''], what: 'id-obfuscation salt', slots: argument(0), types: 'hashids@2.3.0' },
  // Basic auth and bearer tokens checked by a server
  { modules: ['express-basic-auth'], callees: [''], what: 'basic-auth password', slots: options(0, ['users', '*']), types: 'express-basic-auth@1.2.1' },
  { modules: ['hono/bearer-auth'], callees: ['.bearerAuth'], what: 'bearer token', slots: options(0, ['token']), types: 'hono@4.13.23' },
  { modules: ['hono/basic-auth'], callees: ['.basicAuth'], what: 'basic-auth password', slots: options(0, ['password']), types: 'hono@4.13.23' },
  // Databases, caches, brokers
  { modules: ['pg', 'pg-pool'], callees: ['.Pool', '.Client', '', '.native.Pool', '.native.Client'], what: 'database password', slots: password(['password']), types: '@types/pg@8.23.1' },
  { modules: ['mysql', 'mysql2', 'mysql2/promise'], callees: ['.createPool', '.createConnection', '.createPoolCluster'], what: 'database password', slots: password(['password']), types: 'mysql2@3.26.1' },
  { modules: ['knex'], callees: ['', '.knex'], what: 'database password', slots: password(['connection', 'password']), types: 'knex@3.3.0' },
  { modules: ['sequelize', 'sequelize-typescript'], callees: ['.Sequelize', ''], what: 'database password', slots: [...argument(2), ...options(0, ['password']), ...options(3, ['password'])], types: 'sequelize@6.37.8' },
  { modules: ['typeorm'], callees: ['.DataSource', '.createConnection'], what: 'database password', slots: password(['password']), types: 'typeorm@1.1.3' },
  { modules: ['@nestjs/typeorm'], callees: ['.TypeOrmModule.forRoot'], what: 'database password', slots: password(['password']), types: '@nestjs/typeorm@12.0.2' },
  { modules: ['@nestjs/sequelize'], callees: ['.SequelizeModule.forRoot'], what: 'database password', slots: password(['password']), types: '@nestjs/sequelize@12.0.0' },
  { modules: ['@nestjs/mongoose'], callees: ['.MongooseModule.forRoot'], what: 'database password', slots: options(1, ['pass'], ['auth', 'password']), types: '@nestjs/mongoose@12.0.0' },
  { modules: ['mongoose'], callees: ['.connect', '.createConnection'], what: 'database password', slots: options(1, ['pass'], ['auth', 'password']), types: 'mongoose@9.13.2' },
  { modules: ['mongodb'], callees: ['.MongoClient', '.MongoClient.connect'], what: 'database password', slots: options(1, ['auth', 'password']), types: 'mongodb@7.9.1' },
  { modules: ['mssql'], callees: ['.connect', '.ConnectionPool'], what: 'database password', slots: password(['password']), types: '@types/mssql@12.3.0' },
  { modules: ['oracledb'], callees: ['.getConnection', '.createPool'], what: 'database password', slots: password(['password']), types: '@types/oracledb@7.0.3' },
  { modules: ['ioredis'], callees: ['', '.Redis', '.Cluster'], what: 'Redis password', slots: [0, 1, 2].map((index) => ({ argument: index, path: ['password'] })), types: 'ioredis@6.1.0' },
  { modules: ['redis'], callees: ['.createClient'], what: 'Redis password', slots: password(['password']), types: '@redis/client@6.4.0' },
  { modules: ['redis'], callees: ['.createCluster'], what: 'Redis password', slots: password(['defaults', 'password']), types: '@redis/client@6.4.0' },
  { modules: ['amqplib', 'amqplib/callback_api'], callees: ['.connect'], what: 'broker password', slots: password(['password']), types: '@types/amqplib@0.10.8' },
  { modules: ['kafkajs'], callees: ['.Kafka'], what: 'broker password', slots: password(['sasl', 'password']), types: 'kafkajs@2.2.4' },
  { modules: ['@elastic/elasticsearch'], callees: ['.Client'], what: 'Elasticsearch credential', slots: password(['auth', 'password'], ['auth', 'apiKey'], ['auth', 'bearer']), types: '@elastic/elasticsearch@9.4.3' },
  // Cloud SDK credentials
  { modules: ['@aws-sdk/client-*'], callees: ['.*'], what: 'AWS secret access key', slots: password(['credentials', 'secretAccessKey'], ['credentials', 'sessionToken']), types: '@aws-sdk/client-s3@3.1178.0' },
  // A service, `new AWS.Config(...)`, `AWS.config.update(...)`, and `new AWS.Credentials(id, secret, token)`.
  { modules: ['aws-sdk'], callees: ['.*', '.config.update'], what: 'AWS secret access key', slots: [...argument(1, 2), ...AWS_V2_CREDENTIALS], types: 'aws-sdk@2.1693.0' },
  { modules: ['aws-sdk/clients/*'], callees: [''], what: 'AWS secret access key', slots: AWS_V2_CREDENTIALS, types: 'aws-sdk@2.1693.0' },
  { modules: ['@google-cloud/*'], callees: ['.*'], what: 'Google Cloud credential', slots: GOOGLE_AUTH_OPTIONS, types: '@google-cloud/storage@7.22.0' },
  { modules: ['google-auth-library'], callees: ['.GoogleAuth'], what: 'Google Cloud credential', slots: GOOGLE_AUTH_OPTIONS, types: 'google-auth-library@9.15.1' },
  { modules: ['google-auth-library'], callees: ['.OAuth2Client'], what: 'OAuth client secret', slots: [...argument(1), ...options(0, ['clientSecret'])], types: 'google-auth-library@9.15.1' },
  { modules: ['google-auth-library'], callees: ['.JWT'], what: 'service account private key', slots: [...argument(2), ...options(0, ['key'])], types: 'google-auth-library@9.15.1' },
  // `google.auth` of googleapis is googleapis-common's AuthPlus: google-auth-library's classes.
  { modules: ['googleapis'], callees: ['.google.auth.GoogleAuth'], what: 'Google Cloud credential', slots: GOOGLE_AUTH_OPTIONS, types: 'googleapis-common@8.0.3' },
  { modules: ['googleapis'], callees: ['.google.auth.OAuth2'], what: 'OAuth client secret', slots: [...argument(1), ...options(0, ['clientSecret'])], types: 'googleapis-common@8.0.3' },
  { modules: ['googleapis'], callees: ['.google.auth.JWT'], what: 'service account private key', slots: [...argument(2), ...options(0, ['key'])], types: 'googleapis-common@8.0.3' },
  { modules: ['firebase-admin'], callees: ['.credential.cert'], what: 'service account private key', slots: password(['privateKey']), types: 'firebase-admin@13.10.0' },
  { modules: ['firebase-admin/app'], callees: ['.cert'], what: 'service account private key', slots: password(['privateKey']), types: 'firebase-admin@13.10.0' },
  { modules: ['@azure/storage-blob'], callees: ['.StorageSharedKeyCredential'], what: 'Azure storage account key', slots: argument(1), types: '@azure/storage-blob@12.32.0' },
  { modules: ['@azure/core-auth'], callees: ['.AzureKeyCredential'], what: 'Azure key', slots: argument(0), types: '@azure/core-auth@1.10.1' },
  { modules: ['@azure/core-auth'], callees: ['.AzureNamedKeyCredential'], what: 'Azure key', slots: argument(1), types: '@azure/core-auth@1.10.1' },
  { modules: ['@azure/identity'], callees: ['.ClientSecretCredential'], what: 'OAuth client secret', slots: argument(2), types: '@azure/identity@4.13.1' },
  // HTTP clients and OAuth clients
  { modules: ['axios'], callees: methods(AXIOS_INSTANCES, ['request']).concat('', '.create'), what: 'basic-auth password', slots: password(['auth', 'password']), types: 'axios@1.21.1' },
  { modules: ['axios'], callees: methods(AXIOS_INSTANCES, ['get', 'delete', 'head', 'options']), what: 'basic-auth password', slots: options(1, ['auth', 'password']), types: 'axios@1.21.1' },
  { modules: ['axios'], callees: methods(AXIOS_INSTANCES, ['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']), what: 'basic-auth password', slots: options(2, ['auth', 'password']), types: 'axios@1.21.1' },
  { modules: ['got'], callees: ['', ...GOT_METHODS], what: 'HTTP password', slots: [...options(0, ['password']), ...options(1, ['password'])], types: 'got@14.6.6' },
  { modules: ['got'], callees: ['.extend'], what: 'HTTP password', slots: password(['password']), types: 'got@14.6.6' },
  { modules: ['superagent'], callees: ['.*()**.auth'], what: 'basic-auth password', slots: argument(1), types: '@types/superagent@8.1.11' },
  { modules: ['simple-oauth2'], callees: ['.AuthorizationCode', '.ClientCredentials', '.ResourceOwnerPassword'], what: 'OAuth client secret', slots: password(['client', 'secret']), types: '@types/simple-oauth2@5.0.8' },
  { modules: ['openid-client'], callees: ['.discovery', '.Configuration'], what: 'OAuth client secret', slots: [...argument(2), ...options(2, ['client_secret'])], types: 'openid-client@6.9.1' },
  { modules: ['openid-client'], callees: ['.ClientSecretPost', '.ClientSecretBasic', '.ClientSecretJwt'], what: 'OAuth client secret', slots: argument(0), types: 'openid-client@6.9.1' },
  { modules: ['passport-oauth2'], callees: ['', '.Strategy', '.OAuth2Strategy'], what: 'OAuth client secret', slots: password(['clientSecret']), types: '@types/passport-oauth2@1.8.0' },
  { modules: ['passport-google-oauth20'], callees: ['', '.Strategy'], what: 'OAuth client secret', slots: password(['clientSecret']), types: '@types/passport-google-oauth20@2.0.17' },
  { modules: ['passport-github2'], callees: ['', '.Strategy'], what: 'OAuth client secret', slots: password(['clientSecret']), types: '@types/passport-github2@1.2.9' },
  { modules: ['passport-facebook'], callees: ['', '.Strategy'], what: 'OAuth client secret', slots: password(['clientSecret']), types: '@types/passport-facebook@3.0.4' },
  // Service SDKs
  { modules: ['nodemailer'], callees: ['.createTransport'], what: 'SMTP credential', slots: password(['auth', 'pass'], ['auth', 'clientSecret'], ['auth', 'refreshToken'], ['auth', 'accessToken'], ['auth', 'privateKey']), types: '@types/nodemailer@8.0.2' },
  { modules: ['@sendgrid/mail', '@sendgrid/client'], callees: ['.setApiKey'], what: 'SendGrid API key', slots: argument(0), types: '@sendgrid/mail@8.1.6' },
  { modules: ['stripe'], callees: ['', '.Stripe'], what: 'Stripe secret key', slots: argument(0), types: 'stripe@23.2.0' },
  { modules: ['stripe'], callees: methods(['()', '.Stripe()'], ['webhooks.constructEvent', 'webhooks.constructEventAsync']), what: 'Stripe webhook secret', slots: argument(2), types: 'stripe@23.2.0' },
  { modules: ['twilio'], callees: ['', '.Twilio'], what: 'Twilio auth token', slots: argument(1), types: 'twilio@6.3.1' },
  { modules: ['twilio'], callees: ['.validateRequest', '.validateRequestWithBody', '.getExpectedTwilioSignature'], what: 'Twilio auth token', slots: argument(0), types: 'twilio@6.3.1' },
  { modules: ['mailgun.js'], callees: ['().client'], what: 'Mailgun API key', slots: password(['key']), types: 'mailgun.js@14.0.1' },
  { modules: ['openai'], callees: ['', '.OpenAI', '.AzureOpenAI'], what: 'OpenAI API key', slots: password(['apiKey']), types: 'openai@6.49.0' },
  { modules: ['@anthropic-ai/sdk'], callees: ['', '.Anthropic'], what: 'Anthropic API key', slots: password(['apiKey'], ['authToken']), types: '@anthropic-ai/sdk@1.17.0' },
  { modules: ['@slack/web-api'], callees: ['.WebClient'], what: 'Slack token', slots: argument(0), types: '@slack/web-api@8.2.0' },
  { modules: ['@slack/bolt'], callees: ['.App'], what: 'Slack credential', slots: password(['token'], ['signingSecret'], ['clientSecret'], ['appToken'], ['stateSecret']), types: '@slack/bolt@5.1.0' },
  { modules: ['octokit', '@octokit/rest', '@octokit/core'], callees: ['.Octokit'], what: 'GitHub token', slots: password(['auth']), types: '@octokit/core@7.0.8' },
  { modules: ['octokit', '@octokit/app'], callees: ['.App'], what: 'GitHub App credential', slots: password(['privateKey'], ['webhooks', 'secret'], ['oauth', 'clientSecret']), types: '@octokit/app@16.1.4' },
  { modules: ['@octokit/webhooks'], callees: ['.Webhooks'], what: 'webhook secret', slots: password(['secret']), types: '@octokit/webhooks@14.2.0' },
  { modules: ['algoliasearch'], callees: ['', '.algoliasearch'], what: 'Algolia API key', slots: argument(1), types: 'algoliasearch@5.65.1' },
  { modules: ['cloudinary'], callees: ['.config', '.v2.config'], what: 'Cloudinary API secret', slots: password(['api_secret']), types: 'cloudinary@2.11.0' },
  { modules: ['cloudinary'], callees: ['.utils.api_sign_request', '.v2.utils.api_sign_request'], what: 'Cloudinary API secret', slots: argument(1), types: 'cloudinary@2.11.0' },
  // One-time passwords
  { modules: ['otplib'], callees: ['.authenticator.generate', '.totp.generate', '.hotp.generate'], what: 'one-time-password seed', slots: argument(0), types: '@otplib/core@12.0.1' },
  { modules: ['otplib'], callees: ['.authenticator.keyuri', '.totp.keyuri', '.hotp.keyuri'], what: 'one-time-password seed', slots: argument(2), types: '@otplib/core@12.0.1' },
  { modules: ['otplib'], callees: ['.authenticator.check', '.totp.check', '.hotp.check'], what: 'one-time-password seed', slots: argument(1), types: '@otplib/core@12.0.1' },
  { modules: ['otplib'], callees: ['.authenticator.verify', '.totp.verify', '.hotp.verify'], what: 'one-time-password seed', slots: options(0, ['secret']), types: '@otplib/core@12.0.1' },
  { modules: ['otplib'], callees: ['.generate', '.generateSync', '.verify', '.verifySync', '.generateURI'], what: 'one-time-password seed', slots: options(0, ['secret']), types: 'otplib@13.5.0' },
  { modules: ['speakeasy'], callees: ['.totp', '.hotp', '.totp.verify', '.hotp.verify', '.totp.verifyDelta'], what: 'one-time-password seed', slots: options(0, ['secret']), types: '@types/speakeasy@2.0.10' },
  { modules: ['node-2fa'], callees: ['.generateToken', '.verifyToken'], what: 'one-time-password seed', slots: argument(0), types: 'node-2fa@2.0.3' },
  // Node's own keyed primitives
  { modules: ['crypto', 'node:crypto'], callees: ['.createHmac'], what: 'HMAC key', slots: argument(1), types: '@types/node@20.19.43' },
  { modules: ['crypto', 'node:crypto'], callees: ['.createCipheriv', '.createDecipheriv'], what: 'encryption key', slots: argument(1), types: '@types/node@20.19.43' },
];

/** Properties of an instance that hold secrets when assigned (`app.keys = [...]` of Koa). */
export const SECRET_PROPERTIES: readonly { module: string; instance: string; property: string; what: string }[] = [
  { module: 'koa', instance: '()', property: 'keys', what: 'cookie signing key' },
];

const GLOBS = new Map<string, RegExp>();

/** Matches a module name or a module path against a pattern of `SecretSink` (`*` one name, `**` anything). */
export function matchesSinkPattern(pattern: string, text: string): boolean {
  if (!pattern.includes('*')) return pattern === text;
  let glob = GLOBS.get(pattern);
  if (!glob) {
    const source = pattern
      .split('**')
      .map((part) => part.split('*').map((literal) => literal.replace(/[.()[\]\\^$+?{}|/]/gu, '\\$&')).join('[^.()]*'))
      .join('.*');
    glob = new RegExp(`^${source}$`, 'u');
    GLOBS.set(pattern, glob);
  }
  return glob.test(text);
}

const sinksByModule = new Map<string, readonly SecretSink[]>();

/** The sinks of a module, in catalog order: looked up once per module name, since every call of a file asks. */
export function secretSinksOf(module: string): readonly SecretSink[] {
  let sinks = sinksByModule.get(module);
  if (!sinks) {
    sinks = SECRET_SINKS.filter((sink) => sink.modules.some((pattern) => matchesSinkPattern(pattern, module)));
    sinksByModule.set(module, sinks);
  }
  return sinks;
}

/** Names of callees in `SECRET_SINKS`, for the cheap check before resolving a call. */
export const SECRET_SINK_NAMES: ReadonlySet<string> = new Set(
  SECRET_SINKS.flatMap((sink) => sink.callees.map((callee) => callee.slice(callee.lastIndexOf('.') + 1))).filter((name) => name !== '' && !name.includes('*')),
);

/** Files where fake credentials are expected: tests, mocks and fixtures. Globs (see `src/ast/test-files.ts`). */
export const DEFAULT_TEST_FILE_PATTERNS: readonly string[] = [...TEST_FILE_PATTERNS, '**/__fixtures__/**', '**/fixtures/**'];
