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
      name: 'bcrypt at the minimum cost, argon2, scrypt with the default cost',
      code: [
        "import bcrypt from 'bcrypt';",
        "import argon2 from 'argon2';",
        "import { scryptSync } from 'node:crypto';",
        'export const a = (password: string) => bcrypt.hash(password, 10);',
        'export const b = (password: string) => argon2.hash(password);',
        'export const c = (password: string, salt: Buffer) => scryptSync(password, salt, 64);',
      ].join('\n'),
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
      errors: [{ messageId: 'lowBcryptCost', data: { call: 'bcrypt.hash', module: 'bcrypt', cost: 8, minCost: 10 }, line: 3, column: 62 }],
    },
    {
      name: 'minBcryptCost raises the minimum, and genSalt() without a cost uses the default 10',
      code: "import bcrypt from 'bcryptjs';\nexport const a = (password: string) => bcrypt.hash(password, 11);\nexport const b = () => bcrypt.genSaltSync();",
      options: [{ minBcryptCost: 12 }],
      errors: [
        { messageId: 'lowBcryptCost', data: { call: 'bcrypt.hash', module: 'bcryptjs', cost: 11, minCost: 12 }, line: 2 },
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
      name: 'PBKDF2 with a weak digest, at the digest',
      code: "import { pbkdf2Sync } from 'crypto';\nexport const k = (password: string, s: Buffer) => pbkdf2Sync(password, s, 1300000, 20, 'sha1');",
      errors: [{ messageId: 'weakPbkdf2Digest', data: { call: 'pbkdf2Sync', digest: 'SHA-1', minCost: 10 }, column: 88 }],
    },
    {
      name: 'scrypt below the minimum N, and minScryptCost',
      code: "import { scryptSync } from 'crypto';\nexport const a = (password: string, s: Buffer) => scryptSync(password, s, 64, { N: 2 ** 14 });",
      options: [{ minScryptCost: 2 ** 17 }],
      errors: [{ messageId: 'lowScryptCost', data: { call: 'scryptSync', cost: '16,384', minScryptCost: '131,072', minCost: 10 } }],
    },
    {
      name: 'ignoreTestFiles: false checks test files',
      code: "import bcrypt from 'bcrypt';\nexport const fast = (password: string) => bcrypt.hash(password, 1);",
      filename: 'src/users/users.spec.ts',
      options: [{ ignoreTestFiles: false }],
      errors: [{ messageId: 'lowBcryptCost', data: { call: 'bcrypt.hash', module: 'bcrypt', cost: 1, minCost: 10 } }],
    },
    {
      name: 'testFilePatterns replaces the defaults',
      code: "import bcrypt from 'bcrypt';\nexport const fast = (password: string) => bcrypt.hash(password, 1);",
      filename: 'src/users/users.spec.ts',
      options: [{ testFilePatterns: ['**/seeds/**'] }],
      errors: [{ messageId: 'lowBcryptCost' }],
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
