/**
 * Password hashing APIs: the fast hashes that must never see a password, and the slow,
 * salted ones whose work factor must be high enough. Module paths use the notation of
 * `sql-drivers.ts` (`.createHash` is the module's `createHash`, `''` the module itself);
 * `.default` of compiled ESM is dropped before matching.
 */

/** Node's crypto module under its names. */
export const NODE_CRYPTO_MODULES: ReadonlySet<string> = new Set(['crypto', 'node:crypto', 'crypto-browserify']);

/** Factories of hash objects whose `.update(data)` takes the data: `createHash('md5').update(password)`. */
export interface HasherFactory {
  readonly modules: ReadonlySet<string>;
  readonly paths: readonly string[];
  /** The algorithm: a fixed name, or the argument that names it. */
  readonly algorithm: string | { readonly argument: number };
  /** The packages and versions whose types were read for this entry. */
  readonly types: string;
}

/** Where Node's crypto was read (its types describe Node 20's API here). */
const NODE_CRYPTO_TYPES = '@types/node 20.19.43';
const CRYPTO_JS_TYPES = 'crypto-js 4.2.0 (@types/crypto-js 4.2.2)';

export const HASHER_FACTORIES: readonly HasherFactory[] = [
  { modules: NODE_CRYPTO_MODULES, paths: ['.createHash', '.createHmac'], algorithm: { argument: 0 }, types: NODE_CRYPTO_TYPES },
  { modules: new Set(['sha.js']), paths: [''], algorithm: { argument: 0 }, types: 'sha.js 2.4.12 (@types/sha.js 2.4.4)' },
  { modules: new Set(['hash.js']), paths: ['.sha1', '.sha224', '.sha256', '.sha384', '.sha512', '.ripemd160', '.md5'], algorithm: { argument: -1 }, types: 'hash.js 1.1.7' },
  { modules: new Set(['js-sha256']), paths: ['.create', '.sha256.create', '.sha224.create'], algorithm: 'SHA-256', types: 'js-sha256 1.0.0' },
  { modules: new Set(['js-sha512']), paths: ['.create', '.sha512.create', '.sha384.create'], algorithm: 'SHA-512', types: 'js-sha512 0.9.0' },
  { modules: new Set(['js-md5']), paths: ['.create'], algorithm: 'MD5', types: 'js-md5 0.9.2' },
];

/** Text in a file that makes one of `HASHER_FACTORIES` there: Node's factories by name, the other libraries by module. */
export const HASHER_FACTORY_NAMES: readonly string[] = ['createHash', 'createHmac', 'sha.js', 'hash.js', 'js-sha256', 'js-sha512', 'js-md5'];

/** Methods of a hash object that take data: `update(data)`, and the stream's `write(data)` and `end(data)`. */
export const HASHER_DATA_METHODS: ReadonlySet<string> = new Set(['update', 'write', 'end']);
/** Methods of a hash object that return it (`createHash('sha1').setEncoding('hex')`), besides `update` and `end`. */
export const HASHER_SELF_METHODS: ReadonlySet<string> = new Set(['update', 'end', 'setEncoding', 'cork', 'on', 'once']);
/** Calls that stream their first argument into the streams after it (`pipeline(Readable.from([password]), hash)`). */
export const PIPELINE_CALLS: ReadonlySet<string> = new Set(['pipeline']);

/** Functions that hash their argument at once: `md5(password)`, `CryptoJS.SHA256(password)`. */
export interface FastHashFunction {
  readonly modules: ReadonlySet<string>;
  readonly paths: readonly string[];
  readonly algorithm: string | { readonly argument: number };
  /** The argument that holds the data. */
  readonly data: number;
  /** The packages and versions whose types were read for this entry. */
  readonly types: string;
}

const CRYPTO_JS_ALGORITHMS: readonly [string, string][] = [
  ['MD5', 'MD5'], ['SHA1', 'SHA-1'], ['SHA224', 'SHA-224'], ['SHA256', 'SHA-256'], ['SHA384', 'SHA-384'],
  ['SHA512', 'SHA-512'], ['SHA3', 'SHA-3'], ['RIPEMD160', 'RIPEMD-160'],
];

export const FAST_HASH_FUNCTIONS: readonly FastHashFunction[] = [
  { modules: NODE_CRYPTO_MODULES, paths: ['.hash'], algorithm: { argument: 0 }, data: 1, types: NODE_CRYPTO_TYPES },
  { modules: new Set(['md5', 'blueimp-md5', 'js-md5', 'crypto-js/md5']), paths: ['', '.hex', '.md5', '.md5.hex'], algorithm: 'MD5', data: 0, types: `md5 2.3.0 (@types/md5 2.3.6), blueimp-md5 2.19.0, js-md5 0.9.2, ${CRYPTO_JS_TYPES}` },
  { modules: new Set(['sha1', 'js-sha1', 'crypto-js/sha1']), paths: ['', '.hex', '.sha1', '.sha1.hex'], algorithm: 'SHA-1', data: 0, types: `sha1 1.1.1 (@types/sha1 1.1.5), js-sha1 0.7.0, ${CRYPTO_JS_TYPES}` },
  { modules: new Set(['js-sha256', 'crypto-js/sha256']), paths: ['', '.hex', '.sha256', '.sha256.hex', '.sha224', '.sha224.hex'], algorithm: 'SHA-256', data: 0, types: `js-sha256 1.0.0, ${CRYPTO_JS_TYPES}` },
  { modules: new Set(['js-sha512', 'crypto-js/sha512']), paths: ['', '.hex', '.sha512', '.sha512.hex', '.sha384', '.sha384.hex'], algorithm: 'SHA-512', data: 0, types: `js-sha512 0.9.0, ${CRYPTO_JS_TYPES}` },
  { modules: new Set(['crypto-js/sha3']), paths: [''], algorithm: 'SHA-3', data: 0, types: CRYPTO_JS_TYPES },
  { modules: new Set(['crypto-js/hmac-sha256']), paths: [''], algorithm: 'HMAC-SHA-256', data: 0, types: CRYPTO_JS_TYPES },
  { modules: new Set(['crypto-js/hmac-sha1']), paths: [''], algorithm: 'HMAC-SHA-1', data: 0, types: CRYPTO_JS_TYPES },
  { modules: new Set(['crypto-js/hmac-md5']), paths: [''], algorithm: 'HMAC-MD5', data: 0, types: CRYPTO_JS_TYPES },
  ...CRYPTO_JS_ALGORITHMS.flatMap(([name, label]): FastHashFunction[] => [
    { modules: new Set(['crypto-js']), paths: [`.${name}`], algorithm: label, data: 0, types: CRYPTO_JS_TYPES },
    { modules: new Set(['crypto-js']), paths: [`.Hmac${name}`], algorithm: `HMAC-${label}`, data: 0, types: CRYPTO_JS_TYPES },
  ]),
  // @noble/hashes 2 exports `sha2.js` and `legacy.js` only; 1.x also the names without `.js` and a module per hash.
  {
    modules: new Set(['@noble/hashes/sha2.js', '@noble/hashes/legacy.js', '@noble/hashes/sha2', '@noble/hashes/legacy', '@noble/hashes/sha256', '@noble/hashes/sha512', '@noble/hashes/sha1']),
    paths: ['.sha256', '.sha224', '.sha512', '.sha384', '.sha1', '.md5', '.ripemd160'],
    algorithm: { argument: -1 },
    data: 0,
    types: '@noble/hashes 2.4.0, 1.x module names',
  },
  // password-hash (npm) salts one HMAC-SHA-1 by default: fast.
  { modules: new Set(['password-hash']), paths: ['.generate'], algorithm: 'HMAC-SHA-1 (password-hash)', data: 0, types: 'password-hash 1.2.2 (@types/password-hash 1.2.24)' },
];

/** Every module a fast hash function comes from. */
export const FAST_HASH_MODULES: ReadonlySet<string> = new Set(FAST_HASH_FUNCTIONS.flatMap((fn) => [...fn.modules]));

/** The work factors of the slow password hashes, as the guidance below names them. */
export type WorkParameter = 'cost' | 'N' | 'r' | 'p' | 'memory' | 'time' | 'iterations' | 'digest';
export type SlowAlgorithm = 'bcrypt' | 'scrypt' | 'argon2' | 'pbkdf2';

/** Where a value is given: an argument, or a key of the options object at that argument (the first key present wins). */
export interface ParameterPlace {
  readonly argument: number;
  readonly keys?: readonly string[];
}

/**
 * A function, constructor or plugin that hashes passwords with a work factor, read from the
 * package's own type definitions (`version` is the one read). `form` says how it is reached: a
 * call (or `new`) of the export at `paths`, or a plugin given to a Mongoose schema's `plugin()`.
 * `data` is where the password is (none for a hasher configured once and used later); `defaults`
 * are the library's own when a parameter is left out.
 */
export interface WorkFactorApi {
  readonly package: string;
  readonly version: string;
  readonly modules: ReadonlySet<string>;
  readonly paths: readonly string[];
  readonly form?: 'plugin';
  readonly algorithm: SlowAlgorithm;
  readonly data?: ParameterPlace;
  readonly parameters: { readonly [P in WorkParameter]?: ParameterPlace };
  readonly defaults?: { readonly [P in WorkParameter]?: number | string };
  /** argon2 memory is in KiB unless the library counts bytes (libsodium). */
  readonly memoryInBytes?: boolean;
  /** The library takes log2(N) (`{ logN: 15 }`). */
  readonly logN?: boolean;
}

const modules = (...names: string[]): ReadonlySet<string> => new Set(names);
const at = (argument: number, ...keys: string[]): ParameterPlace => (keys.length > 0 ? { argument, keys } : { argument });

const BCRYPT_FUNCTIONS = (pkg: string, version: string, names: string[], hashDefault?: number): WorkFactorApi[] => [
  { package: pkg, version, modules: modules(...names), paths: ['.hash', '.hashSync'], algorithm: 'bcrypt', data: at(0), parameters: { cost: at(1) }, ...(hashDefault !== undefined ? { defaults: { cost: hashDefault } } : {}) },
  { package: pkg, version, modules: modules(...names), paths: ['.genSalt', '.genSaltSync'], algorithm: 'bcrypt', parameters: { cost: at(0) }, defaults: { cost: 10 } },
];

const NODE_SCRYPT_OPTIONS = { N: at(3, 'N', 'cost'), r: at(3, 'r', 'blockSize'), p: at(3, 'p', 'parallelization') };
const ARGON2_KEYS = { memory: ['memoryCost'], time: ['timeCost'], p: ['parallelism'] };
/** libsodium's `crypto_pwhash` and `crypto_pwhash_str`; sodium-native adds `_async` forms that take the same arguments and a callback. */
const SODIUM_PWHASH = (pkg: string, version: string, str: { data: number; time: number; memory: number }, withAsync: boolean): WorkFactorApi[] => [
  { package: pkg, version, modules: modules(pkg), paths: withAsync ? ['.crypto_pwhash', '.crypto_pwhash_async'] : ['.crypto_pwhash'], algorithm: 'argon2', data: at(1), parameters: { time: at(3), memory: at(4) }, memoryInBytes: true },
  { package: pkg, version, modules: modules(pkg), paths: withAsync ? ['.crypto_pwhash_str', '.crypto_pwhash_str_async'] : ['.crypto_pwhash_str'], algorithm: 'argon2', data: at(str.data), parameters: { time: at(str.time), memory: at(str.memory) }, memoryInBytes: true },
];

/**
 * Password hashing APIs with a work factor, one entry per package and call shape. Chosen from the
 * packages Node backends use to hash passwords (ranked by monthly downloads on the npm registry),
 * with their type definitions (bundled or `@types/*`) read at the version given.
 */
export const WORK_FACTOR_APIS: readonly WorkFactorApi[] = [
  // bcrypt: `hash(password, saltOrRounds)`, `genSalt(rounds = 10)`.
  ...BCRYPT_FUNCTIONS('bcrypt', '6.0.0 (@types/bcrypt 6.0.0)', ['bcrypt']),
  ...BCRYPT_FUNCTIONS('bcryptjs', '3.0.3', ['bcryptjs']),
  ...BCRYPT_FUNCTIONS('bcrypt-ts', '8.0.1', ['bcrypt-ts', 'bcrypt-ts/browser']),
  ...BCRYPT_FUNCTIONS('@node-rs/bcrypt', '1.10.7', ['@node-rs/bcrypt'], 12),
  // bcrypt-nodejs: `hash(data, salt, progress, callback)` takes a salt, `genSalt(rounds = 10, callback)`.
  { package: 'bcrypt-nodejs', version: '0.0.3 (@types/bcrypt-nodejs 0.0.31)', modules: modules('bcrypt-nodejs'), paths: ['.genSalt', '.genSaltSync'], algorithm: 'bcrypt', parameters: { cost: at(0) }, defaults: { cost: 10 } },
  { package: 'hash-wasm', version: '4.13.0', modules: modules('hash-wasm'), paths: ['.bcrypt'], algorithm: 'bcrypt', data: at(0, 'password'), parameters: { cost: at(0, 'costFactor') } },
  { package: 'oslo', version: '1.2.1', modules: modules('oslo/password'), paths: ['.Bcrypt'], algorithm: 'bcrypt', parameters: { cost: at(0, 'cost') }, defaults: { cost: 10 } },
  { package: '@adonisjs/hash', version: '10.1.1', modules: modules('@adonisjs/hash/drivers/bcrypt'), paths: ['.Bcrypt'], algorithm: 'bcrypt', parameters: { cost: at(0, 'rounds') }, defaults: { cost: 10 } },

  // scrypt: N (cost), r (block size), p (parallelization).
  { package: 'node:crypto', version: 'Node 20 (@types/node 26.6.11)', modules: NODE_CRYPTO_MODULES, paths: ['.scrypt', '.scryptSync'], algorithm: 'scrypt', data: at(0), parameters: NODE_SCRYPT_OPTIONS, defaults: { N: 16_384, r: 8, p: 1 } },
  { package: 'scrypt-js', version: '3.0.1', modules: modules('scrypt-js'), paths: ['.scrypt', '.syncScrypt'], algorithm: 'scrypt', data: at(0), parameters: { N: at(2), r: at(3), p: at(4) } },
  { package: 'scryptsy', version: '2.1.0', modules: modules('scryptsy'), paths: ['', '.async'], algorithm: 'scrypt', data: at(0), parameters: { N: at(2), r: at(3), p: at(4) } },
  { package: 'scrypt-kdf', version: '4.0.0', modules: modules('scrypt-kdf'), paths: ['.kdf'], algorithm: 'scrypt', data: at(0), parameters: { N: at(1, 'logN'), r: at(1, 'r'), p: at(1, 'p') }, defaults: { r: 8, p: 1 }, logN: true },
  { package: '@noble/hashes', version: '2.4.0', modules: modules('@noble/hashes/scrypt', '@noble/hashes/scrypt.js'), paths: ['.scrypt', '.scryptAsync'], algorithm: 'scrypt', data: at(0), parameters: { N: at(2, 'N'), r: at(2, 'r'), p: at(2, 'p') } },
  { package: 'hash-wasm', version: '4.13.0', modules: modules('hash-wasm'), paths: ['.scrypt'], algorithm: 'scrypt', data: at(0, 'password'), parameters: { N: at(0, 'costFactor'), r: at(0, 'blockSize'), p: at(0, 'parallelism') } },
  { package: 'oslo', version: '1.2.1', modules: modules('oslo/password'), paths: ['.Scrypt'], algorithm: 'scrypt', parameters: { N: at(0, 'N'), r: at(0, 'r'), p: at(0, 'p') }, defaults: { N: 16_384, r: 16, p: 1 } },
  { package: '@adonisjs/hash', version: '10.1.1', modules: modules('@adonisjs/hash/drivers/scrypt'), paths: ['.Scrypt'], algorithm: 'scrypt', parameters: { N: at(0, 'cost'), r: at(0, 'blockSize'), p: at(0, 'parallelization') }, defaults: { N: 16_384, r: 8, p: 1 } },

  // argon2: memory (KiB unless said), time (passes), p (lanes).
  { package: 'argon2', version: '0.45.1', modules: modules('argon2'), paths: ['.hash'], algorithm: 'argon2', data: at(0), parameters: { memory: at(1, ...ARGON2_KEYS.memory), time: at(1, ...ARGON2_KEYS.time), p: at(1, ...ARGON2_KEYS.p) }, defaults: { memory: 65_536, time: 3, p: 4 } },
  // @phc/argon2 ships no types; its JSDoc and defaults were read (4 MiB and 3 passes: below the guidance).
  { package: '@phc/argon2', version: '1.0.9', modules: modules('@phc/argon2'), paths: ['.hash'], algorithm: 'argon2', data: at(0), parameters: { memory: at(1, 'memory'), time: at(1, 'iterations'), p: at(1, 'parallelism') }, defaults: { memory: 4096, time: 3, p: 1 } },
  { package: '@node-rs/argon2', version: '2.2.1', modules: modules('@node-rs/argon2'), paths: ['.hash', '.hashSync', '.hashRaw', '.hashRawSync'], algorithm: 'argon2', data: at(0), parameters: { memory: at(1, ...ARGON2_KEYS.memory), time: at(1, ...ARGON2_KEYS.time), p: at(1, ...ARGON2_KEYS.p) }, defaults: { memory: 19_456, time: 2, p: 1 } },
  { package: 'hash-wasm', version: '4.13.0', modules: modules('hash-wasm'), paths: ['.argon2id', '.argon2i', '.argon2d'], algorithm: 'argon2', data: at(0, 'password'), parameters: { memory: at(0, 'memorySize'), time: at(0, 'iterations'), p: at(0, 'parallelism') } },
  { package: '@noble/hashes', version: '2.4.0', modules: modules('@noble/hashes/argon2', '@noble/hashes/argon2.js'), paths: ['.argon2id', '.argon2i', '.argon2d', '.argon2idAsync', '.argon2iAsync', '.argon2dAsync'], algorithm: 'argon2', data: at(0), parameters: { memory: at(2, 'm'), time: at(2, 't'), p: at(2, 'p') } },
  { package: 'oslo', version: '1.2.1', modules: modules('oslo/password'), paths: ['.Argon2id'], algorithm: 'argon2', parameters: { memory: at(0, 'memorySize'), time: at(0, 'iterations'), p: at(0, 'parallelism') }, defaults: { memory: 19_456, time: 2, p: 1 } },
  { package: '@adonisjs/hash', version: '10.1.1', modules: modules('@adonisjs/hash/drivers/argon'), paths: ['.Argon'], algorithm: 'argon2', parameters: { memory: at(0, 'memory'), time: at(0, 'iterations'), p: at(0, 'parallelism') }, defaults: { memory: 65_536, time: 3, p: 4 } },
  // libsodium's crypto_pwhash (argon2id): opslimit is the passes, memlimit the bytes.
  ...SODIUM_PWHASH('libsodium-wrappers', '0.8.4 (@types/libsodium-wrappers 0.7.14)', { data: 0, time: 1, memory: 2 }, false),
  ...SODIUM_PWHASH('sodium-native', '5.1.0 (@types/sodium-native 2.3.9)', { data: 1, time: 2, memory: 3 }, true),
  { package: 'secure-password', version: '4.0.0 (@types/secure-password 4.0.2)', modules: modules('secure-password'), paths: [''], algorithm: 'argon2', parameters: { memory: at(0, 'memlimit'), time: at(0, 'opslimit') }, defaults: { memory: 67_108_864, time: 2 }, memoryInBytes: true },

  // PBKDF2: iterations and the HMAC digest.
  { package: 'node:crypto', version: 'Node 20 (@types/node 26.6.11)', modules: NODE_CRYPTO_MODULES, paths: ['.pbkdf2', '.pbkdf2Sync'], algorithm: 'pbkdf2', data: at(0), parameters: { iterations: at(2), digest: at(4) } },
  { package: 'pbkdf2', version: '3.1.7 (@types/pbkdf2 3.1.2)', modules: modules('pbkdf2'), paths: ['.pbkdf2', '.pbkdf2Sync'], algorithm: 'pbkdf2', data: at(0), parameters: { iterations: at(2), digest: at(4) }, defaults: { digest: 'sha1' } },
  { package: '@noble/hashes', version: '2.4.0', modules: modules('@noble/hashes/pbkdf2', '@noble/hashes/pbkdf2.js'), paths: ['.pbkdf2', '.pbkdf2Async'], algorithm: 'pbkdf2', data: at(1), parameters: { digest: at(0), iterations: at(3, 'c') } },
  { package: 'hash-wasm', version: '4.13.0', modules: modules('hash-wasm'), paths: ['.pbkdf2'], algorithm: 'pbkdf2', data: at(0, 'password'), parameters: { iterations: at(0, 'iterations'), digest: at(0, 'hashFunction') } },
  { package: 'crypto-js', version: '4.2.0 (@types/crypto-js 4.2.2)', modules: modules('crypto-js'), paths: ['.PBKDF2'], algorithm: 'pbkdf2', data: at(0), parameters: { iterations: at(2, 'iterations'), digest: at(2, 'hasher') }, defaults: { iterations: 250_000, digest: 'sha256' } },
  { package: 'crypto-js', version: '4.2.0 (@types/crypto-js 4.2.2)', modules: modules('crypto-js/pbkdf2'), paths: [''], algorithm: 'pbkdf2', data: at(0), parameters: { iterations: at(2, 'iterations'), digest: at(2, 'hasher') }, defaults: { iterations: 250_000, digest: 'sha256' } },
  // passport-local-mongoose hashes with PBKDF2-SHA-256, 25,000 iterations unless told otherwise.
  { package: 'passport-local-mongoose', version: '9.2.0', modules: modules('passport-local-mongoose'), paths: [''], form: 'plugin', algorithm: 'pbkdf2', parameters: { iterations: at(1, 'iterations'), digest: at(1, 'digestAlgorithm') }, defaults: { iterations: 25_000, digest: 'sha256' } },
];

/** The checks beside the slow hashes above (`bcrypt.compare`, `argon2.verify`). */
export const SLOW_HASH_CHECKS: ReadonlySet<string> = new Set(['.compare', '.compareSync', '.verify', '.verifySync']);

/** Names of the calls and classes above, for a cheap test before any resolution. */
export const WORK_FACTOR_NAMES: ReadonlySet<string> = new Set([
  ...WORK_FACTOR_APIS.flatMap((api) => api.paths.map((path) => path.slice(path.lastIndexOf('.') + 1)).filter(Boolean)),
  'plugin',
]);

/** libsodium's named limits, as its bindings define them (crypto_pwhash_*, and secure-password's copies). */
export const SODIUM_LIMITS: ReadonlyMap<string, number> = new Map([
  ['OPSLIMIT_MIN', 1], ['OPSLIMIT_INTERACTIVE', 2], ['OPSLIMIT_MODERATE', 3], ['OPSLIMIT_SENSITIVE', 4], ['OPSLIMIT_DEFAULT', 2],
  ['MEMLIMIT_MIN', 8192], ['MEMLIMIT_INTERACTIVE', 67_108_864], ['MEMLIMIT_MODERATE', 268_435_456], ['MEMLIMIT_SENSITIVE', 1_073_741_824], ['MEMLIMIT_DEFAULT', 67_108_864],
]);

/** Digests too weak for PBKDF2 whatever the iteration count. */
export const WEAK_PBKDF2_DIGESTS: ReadonlySet<string> = new Set(['md5', 'md4', 'ripemd160', 'rmd160']);
/** Digests that OWASP gives a lower iteration minimum (210,000 for SHA-512 against 600,000 for SHA-256). */
export const WIDE_PBKDF2_DIGESTS: ReadonlySet<string> = new Set(['sha512', 'sha384', 'sha512-256', 'sha3-512', 'sha3-384']);

/**
 * Current guidance, from the OWASP Password Storage Cheat Sheet: bcrypt cost 10; PBKDF2-HMAC
 * 600,000 iterations with SHA-256, 1,300,000 with SHA-1, 210,000 with SHA-512; scrypt N = 2^17
 * with r = 8, p = 1; argon2id m = 19 MiB (19,456 KiB) with t = 2, p = 1.
 */
export const PASSWORD_HASH_DEFAULTS = {
  minBcryptCost: 10,
  minPbkdf2Iterations: 600_000,
  minPbkdf2Sha1Iterations: 1_300_000,
  minPbkdf2Sha512Iterations: 210_000,
  minScryptCost: 131_072,
  minArgon2Memory: 19_456,
} as const;

/**
 * OWASP's equivalent scrypt settings, as N for r = 8 against p: N = 2^17 with p = 1, 2^16 with
 * p = 2, 2^15 with p = 3, 2^14 with p = 5, 2^13 with p = 10. The fraction of the p = 1 minimum.
 */
export function scryptShare(p: number): number {
  if (p >= 10) return 1 / 16;
  if (p >= 5) return 1 / 8;
  if (p >= 3) return 1 / 4;
  if (p >= 2) return 1 / 2;
  return 1;
}

/**
 * OWASP's equivalent argon2id settings, as memory against passes: 46 MiB with t = 1, 19 MiB with
 * t = 2, 12 MiB with t = 3, 9 MiB with t = 4, 7 MiB with t = 5 or more. Memory in KiB for the
 * minimum at t = 2.
 */
export function argon2MemoryFor(time: number, minimumAtTwo: number): number {
  const table: readonly [number, number][] = [[5, 7_168], [4, 9_216], [3, 12_288], [2, 19_456], [1, 47_104]];
  const row = table.find(([passes]) => time >= passes) ?? table.at(-1)!;
  return Math.ceil((row[1] * minimumAtTwo) / 19_456);
}

/** A digest as the libraries name it (`'SHA-256'`, `createSHA1`, `sha256` of @noble/hashes, `CryptoJS.algo.SHA1`): Node's name (`sha1`). */
export function digestOf(name: string): string {
  return normalizeDigest(name.replace(/^create/u, ''));
}

/** Words in a name that make the value something derived from a password, not the password. */
export const NOT_A_PASSWORD_WORDS: ReadonlySet<string> = new Set([
  'hash', 'hashed', 'digest', 'salt', 'pepper', 'encrypted', 'cipher', 'ciphertext', 'fingerprint', 'checksum', 'hmac',
]);

/**
 * Calls that make a random secret (`crypto.randomBytes(32)`, `randomUUID()`, `nanoid()`): a value
 * of such high entropy needs no slow hash, whatever it is named.
 */
export const MACHINE_SECRET_CALLS: ReadonlySet<string> = new Set([
  'randomBytes', 'randomUUID', 'getRandomValues', 'randomFillSync', 'nanoid', 'uuid', 'v4', 'uuidv4', 'uid', 'uid2',
  'cryptoRandomString', 'randomString', 'generateSecret', 'generateRandomString', 'generateToken', 'generateApiKey',
]);

/** Calls whose result is the same text in another form: `Buffer.from(pw)`, `pw.normalize()`, `encoder.encode(pw)`. */
export const PASSTHROUGH_CALLS: ReadonlySet<string> = new Set([
  'from', 'encode', 'normalize', 'trim', 'toString', 'String', 'concat', 'toLowerCase', 'toUpperCase', 'parse', 'stringify',
  // @noble/hashes' own conversion to bytes.
  'utf8ToBytes',
]);

/** Calls that compare two digests in constant time: a digest fed only to them is not stored. */
export const CONSTANT_TIME_COMPARE: ReadonlySet<string> = new Set(['timingSafeEqual', 'safeCompare', 'constantTimeEqual']);

/** Shown in messages: `'sha256'` becomes SHA-256. */
export function algorithmLabel(name: string): string {
  const lower = name.toLowerCase().replace(/^rsa-/u, '');
  const sha = /^sha-?(\d+)$/u.exec(lower);
  if (sha) return `SHA-${sha[1] === '1' ? '1' : sha[1]}`;
  const sha3 = /^sha3-(\d+)$/u.exec(lower);
  if (sha3) return `SHA3-${sha3[1]}`;
  if (lower === 'md5' || lower === 'md4') return lower.toUpperCase();
  return name;
}

/** `'SHA-256'`, `'sha256'`, `{ name: 'SHA-256' }` all become `sha256`, as Node names digests. */
export function normalizeDigest(name: string): string {
  return name.toLowerCase().replace(/^sha-(\d)/u, 'sha$1');
}
