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
}

export const HASHER_FACTORIES: readonly HasherFactory[] = [
  { modules: NODE_CRYPTO_MODULES, paths: ['.createHash', '.createHmac'], algorithm: { argument: 0 } },
  { modules: new Set(['sha.js']), paths: [''], algorithm: { argument: 0 } },
  { modules: new Set(['hash.js']), paths: ['.sha1', '.sha224', '.sha256', '.sha384', '.sha512', '.ripemd160', '.md5'], algorithm: { argument: -1 } },
  { modules: new Set(['js-sha256']), paths: ['.create', '.sha256.create', '.sha224.create'], algorithm: 'SHA-256' },
  { modules: new Set(['js-sha512']), paths: ['.create', '.sha512.create', '.sha384.create'], algorithm: 'SHA-512' },
  { modules: new Set(['js-md5']), paths: ['.create'], algorithm: 'MD5' },
];

/** Text in a file that makes one of `HASHER_FACTORIES` there: Node's factories by name, the other libraries by module. */
export const HASHER_FACTORY_NAMES: readonly string[] = ['createHash', 'createHmac', 'sha.js', 'hash.js', 'js-sha256', 'js-sha512', 'js-md5'];

/** Methods of a hash object that take data: `update(data)`, and the stream's `write(data)` and `end(data)`. */
export const HASHER_DATA_METHODS: ReadonlySet<string> = new Set(['update', 'write', 'end']);

/** Functions that hash their argument at once: `md5(password)`, `CryptoJS.SHA256(password)`. */
export interface FastHashFunction {
  readonly modules: ReadonlySet<string>;
  readonly paths: readonly string[];
  readonly algorithm: string | { readonly argument: number };
  /** The argument that holds the data. */
  readonly data: number;
}

const CRYPTO_JS_ALGORITHMS: readonly [string, string][] = [
  ['MD5', 'MD5'], ['SHA1', 'SHA-1'], ['SHA224', 'SHA-224'], ['SHA256', 'SHA-256'], ['SHA384', 'SHA-384'],
  ['SHA512', 'SHA-512'], ['SHA3', 'SHA-3'], ['RIPEMD160', 'RIPEMD-160'],
];

export const FAST_HASH_FUNCTIONS: readonly FastHashFunction[] = [
  { modules: NODE_CRYPTO_MODULES, paths: ['.hash'], algorithm: { argument: 0 }, data: 1 },
  { modules: new Set(['md5', 'blueimp-md5', 'js-md5', 'crypto-js/md5']), paths: ['', '.hex', '.md5', '.md5.hex'], algorithm: 'MD5', data: 0 },
  { modules: new Set(['sha1', 'js-sha1', 'crypto-js/sha1']), paths: ['', '.hex', '.sha1', '.sha1.hex'], algorithm: 'SHA-1', data: 0 },
  { modules: new Set(['js-sha256', 'crypto-js/sha256']), paths: ['', '.hex', '.sha256', '.sha256.hex', '.sha224', '.sha224.hex'], algorithm: 'SHA-256', data: 0 },
  { modules: new Set(['js-sha512', 'crypto-js/sha512']), paths: ['', '.hex', '.sha512', '.sha512.hex', '.sha384', '.sha384.hex'], algorithm: 'SHA-512', data: 0 },
  { modules: new Set(['crypto-js/sha3']), paths: [''], algorithm: 'SHA-3', data: 0 },
  { modules: new Set(['crypto-js/hmac-sha256']), paths: [''], algorithm: 'HMAC-SHA-256', data: 0 },
  { modules: new Set(['crypto-js/hmac-sha1']), paths: [''], algorithm: 'HMAC-SHA-1', data: 0 },
  { modules: new Set(['crypto-js/hmac-md5']), paths: [''], algorithm: 'HMAC-MD5', data: 0 },
  ...CRYPTO_JS_ALGORITHMS.flatMap(([name, label]): FastHashFunction[] => [
    { modules: new Set(['crypto-js']), paths: [`.${name}`], algorithm: label, data: 0 },
    { modules: new Set(['crypto-js']), paths: [`.Hmac${name}`], algorithm: `HMAC-${label}`, data: 0 },
  ]),
  { modules: new Set(['@noble/hashes/sha256', '@noble/hashes/sha2', '@noble/hashes/sha512', '@noble/hashes/sha1', '@noble/hashes/legacy']), paths: ['.sha256', '.sha512', '.sha384', '.sha1', '.md5'], algorithm: { argument: -1 }, data: 0 },
  // password-hash (npm) salts one HMAC-SHA-1 by default: fast.
  { modules: new Set(['password-hash']), paths: ['.generate'], algorithm: 'HMAC-SHA-1 (password-hash)', data: 0 },
];

/** bcrypt libraries, and the functions that take the cost (rounds) and where. */
export const BCRYPT_MODULES: ReadonlySet<string> = new Set(['bcrypt', 'bcryptjs', 'bcrypt-ts', '@node-rs/bcrypt', 'bcrypt-nodejs']);
export const BCRYPT_COST_ARGUMENT: ReadonlyMap<string, number> = new Map([
  ['.hash', 1],
  ['.hashSync', 1],
  ['.genSalt', 0],
  ['.genSaltSync', 0],
]);

/** PBKDF2 functions: `(password, salt, iterations, keylen, digest)`. */
export const PBKDF2_MODULES: ReadonlySet<string> = new Set([...NODE_CRYPTO_MODULES, 'pbkdf2']);
export const PBKDF2_PATHS: ReadonlySet<string> = new Set(['.pbkdf2', '.pbkdf2Sync']);

/** scrypt functions: Node's `(password, salt, keylen, { N })`, scrypt-js' `(password, salt, N, r, p, dkLen)`. */
export const SCRYPT_FUNCTIONS: readonly { readonly modules: ReadonlySet<string>; readonly paths: readonly string[]; readonly cost: { argument: number; keys?: readonly string[] } }[] = [
  { modules: NODE_CRYPTO_MODULES, paths: ['.scrypt', '.scryptSync'], cost: { argument: 3, keys: ['N', 'cost'] } },
  { modules: new Set(['scrypt-js']), paths: ['.scrypt', '.syncScrypt'], cost: { argument: 2 } },
  { modules: new Set(['@noble/hashes/scrypt']), paths: ['.scrypt', '.scryptAsync'], cost: { argument: 2, keys: ['N'] } },
];

/** Digests too weak for PBKDF2 whatever the iteration count. */
export const WEAK_PBKDF2_DIGESTS: ReadonlySet<string> = new Set(['md5', 'md4', 'sha1', 'ripemd160', 'rmd160']);
/** Digests that OWASP gives a lower iteration minimum (210,000 for SHA-512 against 600,000 for SHA-256). */
export const WIDE_PBKDF2_DIGESTS: ReadonlySet<string> = new Set(['sha512', 'sha384', 'sha512-256', 'sha3-512', 'sha3-384']);

/** Defaults, from the OWASP Password Storage Cheat Sheet (bcrypt 10, PBKDF2-HMAC-SHA256 600,000, SHA-512 210,000) and Node's scrypt default N = 2^14. */
export const PASSWORD_HASH_DEFAULTS = {
  minBcryptCost: 10,
  minPbkdf2Iterations: 600_000,
  minPbkdf2Sha512Iterations: 210_000,
  minScryptCost: 16_384,
} as const;

/** Words in a name that make the value something derived from a password, not the password. */
export const NOT_A_PASSWORD_WORDS: ReadonlySet<string> = new Set([
  'hash', 'hashed', 'digest', 'salt', 'pepper', 'encrypted', 'cipher', 'ciphertext', 'fingerprint', 'checksum', 'hmac',
]);

/** Calls whose result is the same text in another form: `Buffer.from(pw)`, `pw.normalize()`, `encoder.encode(pw)`. */
export const PASSTHROUGH_CALLS: ReadonlySet<string> = new Set([
  'from', 'encode', 'normalize', 'trim', 'toString', 'String', 'concat', 'toLowerCase', 'toUpperCase', 'parse', 'stringify',
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
