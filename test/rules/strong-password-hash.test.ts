import tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/strong-password-hash.js';
import { algorithmLabel, normalizeDigest } from '../../src/catalog/password-hashing.js';

const ruleTester = new RuleTester();

// rule-tester pins its own copy of @typescript-eslint/utils, whose types differ only nominally.
ruleTester.run('strong-password-hash', rule as never, {
  valid: [
    {
      name: 'bcrypt at the minimum cost, argon2 with its defaults, scrypt at N = 2^17',
      code: [
        "import bcrypt from 'bcrypt';",
        "import argon2 from 'argon2';",
        "import { scryptSync } from 'node:crypto';",
        'export const a = (password: string) => bcrypt.hash(password, 10);',
        'export const b = (password: string) => argon2.hash(password);',
        'export const c = (password: string, salt: Buffer) => scryptSync(password, salt, 64, { N: 2 ** 17, maxmem: 256 * 1024 * 1024 });',
      ].join('\n'),
    },
    {
      name: "scrypt at Node's default N of a value that is not named as a password (an encryption key's derivation)",
      code: "import { scryptSync } from 'node:crypto';\nexport const key = (text: string, salt: Buffer) => scryptSync(text, salt, 32);",
    },
    {
      name: 'a fast hash or a cheap scrypt of machine secrets: random values, tokens, keys from the environment',
      code: [
        "import { createHash, randomBytes, scryptSync } from 'node:crypto';",
        "import { nanoid } from 'nanoid';",
        'export function issue() {',
        "  const password = randomBytes(24).toString('base64url');",
        "  return { password, stored: createHash('sha256').update(password).digest('hex') };",
        '}',
        "export const hashPassword = (value: string) => createHash('sha256').update(value).digest('hex');",
        'export const apiKeyHash = () => hashPassword(nanoid(32));',
        "export const encryptionKey = () => scryptSync(process.env.APP_SECRET ?? '', 'salt', 32, { N: 1024 });",
      ].join('\n'),
    },
    {
      name: 'argon2 at the guidance and its equivalents',
      code: [
        "import argon2 from 'argon2';",
        "import { hash } from '@node-rs/argon2';",
        'export const a = (password: string) => argon2.hash(password, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });',
        'export const b = (password: string) => hash(password, { memoryCost: 12288, timeCost: 3 });',
        'export const c = (password: string) => hash(password);',
      ].join('\n'),
    },
    {
      name: 'PBKDF2 with SHA-1 at OWASP\'s 1,300,000 iterations',
      code: "import { pbkdf2Sync } from 'crypto';\nexport const k = (password: string, s: Buffer) => pbkdf2Sync(password, s, 1_300_000, 20, 'sha1');",
    },
    {
      name: 'a fast hash of data that is not a password',
      code: "import { createHash } from 'node:crypto';\nexport const etag = (body: string) => createHash('md5').update(body).digest('hex');\nexport const key = (resetToken: string) => createHash('sha256').update(resetToken).digest('hex');",
    },
    {
      name: 'an update() of something that is not a hash object',
      code: "import { store } from './store';\nexport const save = (password: string) => store.update({ password });",
    },
    {
      name: 'a local md5 helper is not resolved to a library',
      code: "import { md5 } from './legacy/md5';\nexport const avatar = (email: string) => md5(email);",
    },
    {
      name: 'ignoreTestFiles (default) skips test files',
      code: "import bcrypt from 'bcrypt';\nexport const fast = (password: string) => bcrypt.hash(password, 1);",
      filename: 'src/users/users.spec.ts',
    },
    {
      name: 'minBcryptCost lowers the minimum',
      code: "import bcrypt from 'bcryptjs';\nexport const h = (password: string) => bcrypt.hashSync(password, 8);",
      options: [{ minBcryptCost: 8 }],
    },
    {
      name: 'minPbkdf2Iterations lowers the SHA-256 minimum',
      code: "import { pbkdf2Sync } from 'crypto';\nexport const k = (password: string, salt: Buffer) => pbkdf2Sync(password, salt, 310000, 32, 'sha256');",
      options: [{ minPbkdf2Iterations: 310000 }],
    },
    {
      name: 'minPbkdf2Sha512Iterations lowers the SHA-512 minimum',
      code: "import { pbkdf2Sync } from 'crypto';\nexport const k = (password: string, salt: Buffer) => pbkdf2Sync(password, salt, 120000, 64, 'sha512');",
      options: [{ minPbkdf2Sha512Iterations: 100000 }],
    },
    {
      name: 'minScryptCost lowers the scrypt minimum',
      code: "import { scryptSync } from 'crypto';\nexport const k = (password: string, salt: Buffer) => scryptSync(password, salt, 64, { N: 8192 });",
      options: [{ minScryptCost: 8192 }],
    },
    {
      name: 'minArgon2Memory lowers the argon2 minimum (at 2 passes, 4,096 KiB with 3)',
      code: "import argon2 from 'argon2';\nexport const h = (password: string) => argon2.hash(password, { memoryCost: 4096, timeCost: 3 });",
      options: [{ minArgon2Memory: 6485 }],
    },
    {
      name: 'a digest compared only in constant time',
      code: "import { createHash, timingSafeEqual } from 'crypto';\nexport function check(password: string) {\n  const a = createHash('sha256').update(password).digest();\n  const b = createHash('sha256').update(process.env.ADMIN_PASSWORD ?? '').digest();\n  return a.length === b.length && timingSafeEqual(a, b);\n}",
    },
  ],
  invalid: [
    {
      name: 'createHash on a password names the call, the password and the algorithm',
      code: "import crypto from 'node:crypto';\nexport const h = (req: any) => crypto.createHash('md5').update(req.body.password).digest('hex');",
      errors: [
        {
          messageId: 'fastHashForPassword',
          data: { call: "crypto.createHash('md5')", password: 'req.body.password', algorithm: 'MD5', origin: '', minCost: 10 },
          line: 2,
          column: 64,
        },
      ],
    },
    {
      name: 'a hash object in a variable, updated with a salted password',
      code: "const crypto = require('crypto');\nexports.h = function (dto) {\n  const hasher = crypto.createHash('sha1');\n  hasher.update(dto.salt + dto.newPassword);\n  return hasher.digest('hex');\n};",
      errors: [{ messageId: 'fastHashForPassword', data: { call: "crypto.createHash('sha1')", password: 'dto.newPassword', algorithm: 'SHA-1', origin: '', minCost: 10 }, line: 4 }],
    },
    {
      name: 'a hashing library resolved by import',
      code: "import md5 from 'md5';\nexport const h = (plainPassword: string) => md5(plainPassword);",
      errors: [{ messageId: 'fastHashForPassword', data: { call: 'md5', password: 'plainPassword', algorithm: 'MD5', origin: '', minCost: 10 } }],
    },
    {
      name: 'the parameter of a function that hashes passwords',
      code: "import { createHash } from 'crypto';\nexport function hashPassword(value: string) {\n  return createHash('sha256').update(value).digest('hex');\n}",
      errors: [{ messageId: 'fastHashForPassword', data: { call: "createHash('sha256')", password: 'value', algorithm: 'SHA-256', origin: '', minCost: 10 } }],
    },
    {
      name: 'passwordNames adds words that mean a password',
      code: "import { createHash } from 'crypto';\nexport const h = (pinCode: string) => createHash('sha256').update(pinCode).digest('hex');",
      options: [{ passwordNames: ['pin'] }],
      errors: [{ messageId: 'fastHashForPassword', data: { call: "createHash('sha256')", password: 'pinCode', algorithm: 'SHA-256', origin: '', minCost: 10 } }],
    },
    {
      name: 'a low bcrypt cost, through a constant',
      code: "import bcrypt from 'bcrypt';\nconst ROUNDS = 8;\nexport const h = (password: string) => bcrypt.hash(password, ROUNDS);",
      errors: [{ messageId: 'lowBcryptCost', data: { call: 'bcrypt.hash', module: 'bcrypt', cost: 8, minCost: 10 }, line: 3, column: 62, suggestions: [] }],
    },
    {
      name: 'a literal bcrypt cost has a suggestion',
      code: "import bcrypt from 'bcrypt';\nexport const h = (password: string) => bcrypt.hash(password, 8);",
      errors: [
        {
          messageId: 'lowBcryptCost',
          suggestions: [{ messageId: 'raiseCost', data: { value: '10' }, output: "import bcrypt from 'bcrypt';\nexport const h = (password: string) => bcrypt.hash(password, 10);" }],
        },
      ],
    },
    {
      name: 'minBcryptCost raises the minimum, and genSalt() without a cost uses the default 10',
      code: "import bcrypt from 'bcryptjs';\nexport const a = (password: string) => bcrypt.hash(password, 11);\nexport const b = () => bcrypt.genSaltSync();",
      options: [{ minBcryptCost: 12 }],
      errors: [
        {
          messageId: 'lowBcryptCost',
          data: { call: 'bcrypt.hash', module: 'bcryptjs', cost: 11, minCost: 12 },
          line: 2,
          suggestions: [{ messageId: 'raiseCost', data: { value: '12' }, output: "import bcrypt from 'bcryptjs';\nexport const a = (password: string) => bcrypt.hash(password, 12);\nexport const b = () => bcrypt.genSaltSync();" }],
        },
        { messageId: 'lowBcryptCost', data: { call: 'bcrypt.genSaltSync', module: 'bcryptjs', cost: '10 (the default)', minCost: 12 }, line: 3 },
      ],
    },
    {
      name: 'PBKDF2 below the SHA-256 minimum, through promisify',
      code: "import crypto from 'node:crypto';\nimport { promisify } from 'node:util';\nconst pbkdf2Async = promisify(crypto.pbkdf2);\nexport const k = (password: string, salt: Buffer) => pbkdf2Async(password, salt, 100_000, 32, 'sha256');",
      errors: [
        {
          messageId: 'lowPbkdf2Iterations',
          data: { call: 'pbkdf2Async', digest: 'SHA-256', iterations: '100,000', minIterations: '600,000', minCost: 10 },
          line: 4,
        },
      ],
    },
    {
      name: 'minPbkdf2Iterations and minPbkdf2Sha512Iterations raise the minimums',
      code: "import { pbkdf2Sync } from 'crypto';\nexport const a = (password: string, s: Buffer) => pbkdf2Sync(password, s, 600000, 32, 'sha256');\nexport const b = (password: string, s: Buffer) => pbkdf2Sync(password, s, 210000, 64, 'sha512');",
      options: [{ minPbkdf2Iterations: 1000000, minPbkdf2Sha512Iterations: 300000 }],
      errors: [
        { messageId: 'lowPbkdf2Iterations', data: { call: 'pbkdf2Sync', digest: 'SHA-256', iterations: '600,000', minIterations: '1,000,000', minCost: 10 }, line: 2 },
        { messageId: 'lowPbkdf2Iterations', data: { call: 'pbkdf2Sync', digest: 'SHA-512', iterations: '210,000', minIterations: '300,000', minCost: 10 }, line: 3 },
      ],
    },
    {
      name: 'PBKDF2 with a weak digest, at the digest; SHA-1 below its own minimum',
      code: "import { pbkdf2Sync } from 'crypto';\nexport const k = (password: string, s: Buffer) => pbkdf2Sync(password, s, 1300000, 16, 'md5');\nexport const l = (password: string, s: Buffer) => pbkdf2Sync(password, s, 600000, 20, 'sha1');",
      errors: [
        { messageId: 'weakPbkdf2Digest', data: { call: 'pbkdf2Sync', digest: 'MD5', minCost: 10 }, column: 88 },
        { messageId: 'lowPbkdf2Iterations', data: { call: 'pbkdf2Sync', digest: 'SHA-1', iterations: '600,000', minIterations: '1,300,000', minCost: 10 }, line: 3 },
      ],
    },
    {
      name: "scrypt below the guidance, given or by Node's default, and minScryptCost with r and p",
      code: [
        "import { scryptSync } from 'crypto';",
        'export const a = (password: string, s: Buffer) => scryptSync(password, s, 64, { N: 2 ** 14 });',
        'export const b = (password: string, s: Buffer) => scryptSync(password, s, 64);',
        'export const c = (password: string, s: Buffer) => scryptSync(password, s, 64, { cost: 2 ** 15, blockSize: 8, parallelization: 2 });',
      ].join('\n'),
      errors: [
        { messageId: 'lowScryptCost', data: { call: 'scryptSync', cost: '16,384 (2^14)', r: 8, p: 1, defaults: " (the library's defaults where not given)", minScryptCost: '131,072 (2^17)', minCost: 10 }, line: 2 },
        { messageId: 'lowScryptCost', data: { call: 'scryptSync', cost: '16,384 (2^14)', r: 8, p: 1, defaults: " (the library's defaults where not given)", minScryptCost: '131,072 (2^17)', minCost: 10 }, line: 3 },
        { messageId: 'lowScryptCost', data: { call: 'scryptSync', cost: '32,768 (2^15)', r: 8, p: 2, defaults: '', minScryptCost: '65,536 (2^16)', minCost: 10 }, line: 4 },
      ],
    },
    {
      name: 'argon2 below the guidance, with a suggestion for a literal memory, and minArgon2Memory',
      code: "import argon2 from 'argon2';\nexport const h = (password: string) => argon2.hash(password, { memoryCost: 4096, timeCost: 3 });",
      errors: [
        {
          messageId: 'lowArgon2Cost',
          data: { call: 'argon2.hash', memory: '4,096', time: 3, defaults: '', minMemory: '12,288' },
          suggestions: [{ messageId: 'raiseCost', data: { value: '12288' }, output: "import argon2 from 'argon2';\nexport const h = (password: string) => argon2.hash(password, { memoryCost: 12288, timeCost: 3 });" }],
        },
      ],
    },
    {
      name: "libsodium's named minimum limits, in bytes",
      code: "import sodium from 'libsodium-wrappers';\nexport const h = (password: string) => sodium.crypto_pwhash_str(password, sodium.crypto_pwhash_OPSLIMIT_MIN, sodium.crypto_pwhash_MEMLIMIT_MIN);",
      errors: [{ messageId: 'lowArgon2Cost', data: { call: 'sodium.crypto_pwhash_str', memory: '8', time: 1, defaults: '', minMemory: '47,104' }, suggestions: [] }],
    },
    {
      name: "a hasher configured once: oslo's Scrypt defaults and passport-local-mongoose's",
      code: "import { Scrypt } from 'oslo/password';\nimport passportLocalMongoose from 'passport-local-mongoose';\nimport { Schema } from 'mongoose';\nexport const scrypt = new Scrypt();\nconst User = new Schema({ email: String });\nUser.plugin(passportLocalMongoose, { usernameField: 'email' });",
      errors: [
        { messageId: 'lowScryptCost', data: { call: 'Scrypt', cost: '16,384 (2^14)', r: 16, p: 1, defaults: " (the library's defaults where not given)", minScryptCost: '65,536 (2^16)', minCost: 10 }, line: 4 },
        { messageId: 'lowPbkdf2Iterations', data: { call: 'passportLocalMongoose', digest: 'SHA-256', iterations: '25,000 (the default)', minIterations: '600,000', minCost: 10 }, line: 6 },
      ],
    },
    {
      name: 'a model setter of the password field hashes what it is given',
      code: [
        "import { createHash } from 'node:crypto';",
        "import { Schema } from 'mongoose';",
        "const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');",
        'export const User = new Schema({',
        '  email: String,',
        "  password: { type: String, set: (value: string) => createHash('sha1').update(value).digest('hex') },",
        '});',
        'export class Account {',
        '  private digest = "";',
        '  set password(plain: string) {',
        "    this.digest = createHash('md5').update(plain).digest('hex');",
        '  }',
        '}',
      ].join('\n'),
      errors: [
        { messageId: 'fastHashForPassword', data: { call: "createHash('sha1')", password: 'value', algorithm: 'SHA-1', origin: '', minCost: 10 }, line: 6 },
        { messageId: 'fastHashForPassword', data: { call: "createHash('md5')", password: 'plain', algorithm: 'MD5', origin: '', minCost: 10 }, line: 11 },
      ],
    },
    {
      name: 'ignoreTestFiles: false checks test files',
      code: "import bcrypt from 'bcrypt';\nexport const fast = (password: string) => bcrypt.hash(password, 1);",
      filename: 'src/users/users.spec.ts',
      options: [{ ignoreTestFiles: false }],
      errors: [{ messageId: 'lowBcryptCost', data: { call: 'bcrypt.hash', module: 'bcrypt', cost: 1, minCost: 10 }, suggestions: [{ messageId: 'raiseCost', output: "import bcrypt from 'bcrypt';\nexport const fast = (password: string) => bcrypt.hash(password, 10);" }] }],
    },
    {
      name: 'testFilePatterns replaces the defaults',
      code: "import bcrypt from 'bcrypt';\nexport const fast = (password: string) => bcrypt.hash(password, 1);",
      filename: 'src/users/users.spec.ts',
      options: [{ testFilePatterns: ['**/seeds/**'] }],
      errors: [{ messageId: 'lowBcryptCost', suggestions: [{ messageId: 'raiseCost', output: "import bcrypt from 'bcrypt';\nexport const fast = (password: string) => bcrypt.hash(password, 10);" }] }],
    },
  ],
});

describe('messages', () => {
  it('say what is wrong, name the call and the algorithm, and say what to use instead', () => {
    const linter = new Linter({ configType: 'flat' });
    const [message] = linter.verify(
      "import { createHash } from 'crypto';\nexport const h = (password: string) => createHash('sha256').update(password).digest('hex');",
      [{ files: ['**/*.ts'], plugins: { persona: { rules: { 'strong-password-hash': rule } } as never }, languageOptions: { parser: tsParser as never }, rules: { 'persona/strong-password-hash': 'error' } }],
      { filename: 'src/users.ts' },
    );
    expect(message?.message).toBe(
      "`createHash('sha256')` hashes the password `password` with SHA-256, a fast hash: leaked hashes of this kind are cracked at billions of guesses per second, salted or not. Hash passwords with bcrypt (cost >= 10), scrypt or argon2.",
    );
  });

  it('labels algorithms and digests the way people write them', () => {
    expect(['sha256', 'SHA-512', 'sha1', 'md5', 'sha3-256', 'RSA-SHA256', 'whirlpool'].map(algorithmLabel)).toEqual([
      'SHA-256',
      'SHA-512',
      'SHA-1',
      'MD5',
      'SHA3-256',
      'SHA-256',
      'whirlpool',
    ]);
    expect(['SHA-256', 'sha512', 'SHA-1'].map(normalizeDigest)).toEqual(['sha256', 'sha512', 'sha1']);
  });

  it('the algorithm patterns take under 100 ms on 100 KB adversarial input', () => {
    const inputs = ['sha-'.repeat(25_000), `sha${'1'.repeat(100_000)}x`, `sha3-${'1'.repeat(100_000)}x`, `rsa-${'a'.repeat(100_000)}`];
    for (const input of inputs) {
      const started = performance.now();
      algorithmLabel(input);
      normalizeDigest(input);
      expect(performance.now() - started).toBeLessThan(100);
    }
  });
});
