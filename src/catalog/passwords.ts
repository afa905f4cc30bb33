/**
 * The vocabulary of user passwords: which names hold a password, a hash of one, or only
 * metadata about one; which calls hash; which writes store a user record.
 */

/** Words that name a password. */
export const PASSWORD_WORDS: ReadonlySet<string> = new Set(['password', 'passwords', 'passwd', 'pwd', 'pw', 'pass', 'passphrase', 'passcode']);

/** Words that make a password name the hash of one (`passwordHash`, `hashed_password`). */
export const HASH_WORDS: ReadonlySet<string> = new Set([
  'hash', 'hashed', 'hashes', 'digest', 'bcrypt', 'bcrypted', 'argon', 'argon2', 'scrypt', 'pbkdf2', 'crypt', 'crypted', 'encrypted', 'salted',
]);

/** Words after the password word that make the name metadata (`passwordChangedAt`, `passwordPolicy`). */
export const META_AFTER: ReadonlySet<string> = new Set([
  'reset', 'resets', 'changed', 'updated', 'created', 'at', 'on', 'date', 'time', 'expires', 'expiry', 'expiration', 'expired',
  'policy', 'policies', 'length', 'len', 'strength', 'hint', 'token', 'tokens', 'required', 'rules', 'rule', 'attempts',
  'attempt', 'score', 'min', 'max', 'version', 'salt', 'field', 'fields', 'label', 'visible', 'visibility', 'error',
  'errors', 'valid', 'validity', 'ok', 'match', 'matches', 'matching', 'mismatch', 'validator', 'validation', 'regex',
  'pattern', 'history', 'count', 'last', 'enabled', 'disabled', 'flag', 'type', 'mode', 'manager', 'service', 'helper',
  'utils', 'util', 'strategy', 'provider', 'input', 'placeholder', 'form', 'dialog', 'modal', 'page', 'screen', 'url',
  'link', 'mail', 'email', 'sent', 'request', 'requested', 'age', 'lifetime', 'ttl', 'rotation', 'set', 'exists',
  'present', 'provided', 'needed', 'status', 'state', 'code', 'key', 'id', 'schema', 'config', 'options', 'settings',
  'module', 'controller', 'route', 'router', 'handler', 'check', 'checker', 'generator', 'lock', 'locked', 'encoder',
  'hasher', 'algorithm', 'algo', 'rounds', 'cost', 'iterations', 'pepper', 'params', 'less',
]);

/** Words before the password word that make the name a flag or an action (`mustChangePassword`, `hasPassword`). */
export const META_BEFORE: ReadonlySet<string> = new Set([
  'has', 'is', 'must', 'should', 'force', 'forced', 'require', 'requires', 'need', 'needs', 'can', 'allow', 'allows',
  'enable', 'enabled', 'show', 'hide', 'min', 'max', 'reset', 'forgot', 'forgotten', 'change', 'changed', 'update',
  'updated', 'last', 'no', 'without', 'with', 'check', 'validate', 'verify', 'set', 'expire', 'expired', 'num', 'count',
  'send', 'sent', 'generate', 'random', 'default', 'weak', 'strong', 'common', 'leaked', 'breached', 'compromised', 'one',
]);

/** Words that make a password name the confirmation field of a form (`passwordConfirm`, `confirmPassword`, `password2`). */
export const CONFIRM_WORDS: ReadonlySet<string> = new Set(['confirm', 'confirmation', 'confirmed', 'repeat', 'repeated', 'retype', 'again', 'verification', '2']);

/**
 * Words before the password word that make it a credential for another system (`smtpPassword`,
 * `basicAuthPass`, `dbPassword`): it must stay readable to log in there, so it is not hashed.
 */
export const SERVICE_WORDS: ReadonlySet<string> = new Set([
  'smtp', 'mail', 'email', 'imap', 'pop', 'pop3', 'db', 'database', 'mysql', 'postgres', 'pg', 'redis', 'mongo', 'mongodb',
  'ftp', 'sftp', 'ssh', 'proxy', 'basic', 'ldap', 'bind', 'api', 'app', 'wifi', 'vnc', 'rdp', 'keystore', 'cert', 'pfx',
  'p12', 'archive', 'zip', 'pdf', 'sip', 'vpn', 'radius', 'snmp', 'mqtt', 'kafka', 'amqp', 'broker', 'git', 'registry',
  'docker', 'remote', 'server', 'device', 'router', 'camera', 'monitor', 'integration', 'webhook', 'upstream', 'target',
  'backup', 's3', 'aws', 'azure', 'gcp', 'sasl', 'jks', 'truststore', 'certificate', 'http', 'socks', 'tls', 'ssl',
  'connection', 'conn', 'dsn', 'sql', 'mssql', 'oracle', 'rabbit', 'rabbitmq', 'nats', 'stomp', 'xmpp', 'irc', 'matrix',
  'telegram', 'gotify', 'pushover', 'ntfy', 'splunk', 'elastic', 'influx', 'grafana', 'kuma', 'radius', 'tunnel',
]);

/** Words of a variable's name that say it holds the stored password (`storedPassword`, `expectedPwd`). */
export const STORED_WORDS: ReadonlySet<string> = new Set([
  'stored', 'saved', 'expected', 'existing', 'correct', 'actual', 'real', 'known', 'admin', 'root', 'master', 'configured', 'user', 'account',
]);

/** Roots of a member chain that hold configuration (`config.admin.password`, `process.env.X`). */
export const CONFIG_WORDS: ReadonlySet<string> = new Set(['config', 'configuration', 'conf', 'cfg', 'env', 'settings', 'options', 'opts', 'secrets', 'vars']);

/** Words of a model, table, repository or class name that say it holds user accounts. */
export const USER_WORDS: ReadonlySet<string> = new Set([
  'user', 'users', 'account', 'accounts', 'member', 'members', 'customer', 'customers', 'admin', 'admins',
  'administrator', 'administrators', 'person', 'people', 'persons', 'profile', 'profiles', 'employee', 'employees', 'staff',
  'credential', 'credentials', 'login', 'logins', 'identity', 'identities', 'principal', 'principals', 'owner', 'owners',
  'subscriber', 'subscribers', 'player', 'players', 'student', 'students', 'patient', 'patients', 'author', 'authors',
  'operator', 'operators', 'signup', 'signups', 'registration', 'registrations', 'tenant', 'tenants', 'seller', 'sellers',
  'buyer', 'buyers', 'teacher', 'teachers', 'agent', 'agents', 'doctor', 'doctors', 'learner', 'learners',
]);

/** Words before a user word that make it an account at another system (`bankAccount`, `serviceAccount`, `MailAccount`). */
export const FOREIGN_ACCOUNT_WORDS: ReadonlySet<string> = new Set([
  'bank', 'service', 'social', 'oauth', 'cloud', 'storage', 'billing', 'payment', 'merchant', 'stripe', 'ad', 'ads', 'provider',
  'external', 'linked', 'connected', 'third', 'party', 'twitter', 'google', 'github', 'facebook', 'slack', 'discord',
]);

/** Extra words of an enclosing class name that make it a user service (`AuthService`). */
export const USER_CLASS_WORDS: ReadonlySet<string> = new Set(['auth', 'authentication', 'signup', 'registration', 'register']);

/** Function-name words that hash (`bcrypt.hash`, `hashPassword`, `crypto.scryptSync`, `argon2.hash`). */
export const HASH_FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'hash', 'hashed', 'hashing', 'hasher', 'bcrypt', 'bcryptjs', 'argon', 'argon2', 'argon2id', 'scrypt', 'pbkdf2', 'crypt',
  'digest', 'encrypt', 'encrypted', 'encryption', 'kdf', 'derive', 'derived', 'hmac',
]);

/** Methods that store a record. Values are the argument that carries the record, when it is not the first. */
export const STORE_METHODS: ReadonlySet<string> = new Set([
  'create', 'createMany', 'build', 'insert', 'insertOne', 'insertMany', 'bulkCreate', 'bulkInsert', 'save', 'upsert',
  'update', 'updateOne', 'updateMany', 'findOneAndUpdate', 'findByIdAndUpdate', 'replaceOne', 'findOneAndReplace',
  'set', 'values', 'add', 'edit', 'patch', 'insertAndFetch', 'patchAndFetch', 'updateAndFetch', 'merge', 'assign', 'setDataValue',
]);

/** Store methods that also take a field and its value (`doc.set('password', value)`, Sequelize's `setDataValue`). */
export const FIELD_VALUE_SETTERS: ReadonlySet<string> = new Set(['set', 'setDataValue']);

/** Store methods that create a record: storing the whole request body there stores its password. */
export const CREATE_METHODS: ReadonlySet<string> = new Set([
  'create', 'createMany', 'build', 'insert', 'insertOne', 'insertMany', 'bulkCreate', 'bulkInsert', 'save', 'upsert', 'values', 'add', 'insertAndFetch',
]);

/** Methods whose first argument is a filter and second the update (`updateOne(filter, update)`). */
export const FILTER_THEN_UPDATE: ReadonlySet<string> = new Set(['updateOne', 'updateMany', 'findOneAndUpdate', 'findByIdAndUpdate', 'replaceOne', 'findOneAndReplace']);

/** Keys inside a store call's argument that hold the record (`{ data }` of Prisma, `$set` of MongoDB). */
export const RECORD_KEYS: ReadonlySet<string> = new Set(['data', 'create', 'update', '$set', '$setOnInsert', 'values', 'attributes', 'record', 'set', 'changes', 'fields']);

/** Methods that look records up by the fields of their argument (`findOne({ email, password })`). */
export const LOOKUP_METHODS: ReadonlySet<string> = new Set([
  'findOne', 'findFirst', 'findUnique', 'find', 'findAll', 'findBy', 'findOneBy', 'findOneByOrFail', 'findOneOrFail',
  'findFirstOrThrow', 'findUniqueOrThrow', 'findMany', 'findAndCountAll', 'where', 'andWhere', 'orWhere', 'count',
  'exists', 'countDocuments', 'first', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndRemove',
]);

/** Keys of a lookup's argument that hold the filter (`{ where: { ... } }`). */
export const FILTER_KEYS: ReadonlySet<string> = new Set(['where', 'filter', 'query', 'conditions', 'selector']);

/** Functions that validate or parse input: their result is still the input (`schema.parse(req.body)`). */
export const VALIDATOR_FUNCTIONS: ReadonlySet<string> = new Set([
  'parse', 'parseAsync', 'safeParse', 'safeParseAsync', 'validate', 'validateAsync', 'validateSync', 'cast', 'assert',
  'plainToInstance', 'plainToClass', 'sanitize', 'clean', 'valid',
]);

/** Type-name words of a DTO that carries a new password (`CreateUserDto`, `RegisterInput`). */
export const CREATING_DTO_WORDS: ReadonlySet<string> = new Set(['create', 'register', 'registration', 'signup', 'sign', 'new', 'credentials', 'credential', 'login', 'join', 'invite', 'onboard', 'onboarding']);

/** Type-name suffix words of a parameter that is request input in a service (`dto: CreateUserDto`). */
export const DTO_WORDS: ReadonlySet<string> = new Set(['dto', 'input', 'body', 'payload', 'form', 'args']);

/** Hooks that run before a record is written: when they hash the password, writes through the model are safe. */
export const HOOK_CALLS: ReadonlySet<string> = new Set(['pre', 'beforeCreate', 'beforeSave', 'beforeUpdate', 'beforeValidate', 'beforeBulkCreate', 'beforeUpsert', 'addHook', 'hook']);
export const HOOK_KEYS: ReadonlySet<string> = new Set(['beforeCreate', 'beforeSave', 'beforeUpdate', 'beforeValidate', 'beforeInsert', 'beforeUpsert', 'onSaving', 'onCreating', 'onUpdating', '$beforeInsert', '$beforeUpdate']);
export const HOOK_DECORATORS: ReadonlySet<string> = new Set(['BeforeInsert', 'BeforeUpdate', 'BeforeCreate', 'BeforeSave', 'BeforeUpsert']);

/** Drizzle's comparison helpers (`eq(users.password, password)`). */
export const DRIZZLE_COMPARISONS: ReadonlySet<string> = new Set(['eq', 'like', 'ilike']);

/** Text that may name a password column in SQL, checked before any parsing. */
export function mentionsPassword(text: string): boolean {
  const lower = text.toLowerCase();
  return lower.includes('pass') || lower.includes('pwd') || lower.includes('pw');
}
