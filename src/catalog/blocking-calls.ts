/**
 * Synchronous calls that block Node's event loop: file system and process calls that wait for the
 * operating system, and CPU-heavy crypto and compression. Each names its asynchronous alternative.
 */
import { TEST_FILE_PATTERNS } from './test-files.js';

export type BlockingKind = 'file system' | 'child process' | 'crypto' | 'password hashing' | 'compression';

export interface BlockingModule {
  /** Module names as imported or required. */
  readonly modules: readonly string[];
  readonly kind: BlockingKind;
  /** The blocking exports and their asynchronous alternative; `*Sync` means every export ending in `Sync`. */
  readonly calls: ReadonlyMap<string, string> | '*Sync';
  /** How to name the alternative of a `*Sync` call that `calls` does not list. */
  readonly alternative?: (name: string) => string;
}

const FS_PROMISES: ReadonlySet<string> = new Set([
  'access',
  'appendFile',
  'chmod',
  'chown',
  'copyFile',
  'cp',
  'lchown',
  'link',
  'lstat',
  'lutimes',
  'mkdir',
  'mkdtemp',
  'open',
  'opendir',
  'readdir',
  'readFile',
  'readlink',
  'realpath',
  'rename',
  'rm',
  'rmdir',
  'stat',
  'statfs',
  'symlink',
  'truncate',
  'unlink',
  'utimes',
  'writeFile',
]);

function fsAlternative(name: string): string {
  const base = name.slice(0, -'Sync'.length);
  if (base === 'exists') return '`await fs.promises.access(path)` (or `stat`) in a try/catch';
  if (FS_PROMISES.has(base)) return `\`await fs.promises.${base}(...)\` (\`node:fs/promises\`)`;
  return `the callback or promise form \`${base}(...)\``;
}

function fsExtraAlternative(name: string): string {
  const base = name.slice(0, -'Sync'.length);
  return `\`await fse.${base}(...)\` (fs-extra's promise form)`;
}

export const BLOCKING_MODULES: readonly BlockingModule[] = [
  { modules: ['fs', 'node:fs', 'graceful-fs', 'original-fs'], kind: 'file system', calls: '*Sync', alternative: fsAlternative },
  { modules: ['fs-extra'], kind: 'file system', calls: '*Sync', alternative: (name) => (name === 'existsSync' ? fsAlternative(name) : FS_PROMISES.has(name.slice(0, -4)) ? fsAlternative(name) : fsExtraAlternative(name)) },
  {
    modules: ['child_process', 'node:child_process'],
    kind: 'child process',
    calls: new Map([
      ['execSync', '`promisify(exec)` (`node:util`), awaited'],
      ['execFileSync', '`promisify(execFile)` (`node:util`), awaited'],
      ['spawnSync', '`spawn` and its `close` event'],
    ]),
  },
  {
    modules: ['crypto', 'node:crypto'],
    kind: 'crypto',
    calls: new Map([
      ['pbkdf2Sync', '`promisify(crypto.pbkdf2)`, awaited'],
      ['scryptSync', '`promisify(crypto.scrypt)`, awaited'],
      ['generateKeyPairSync', '`promisify(crypto.generateKeyPair)`, awaited'],
      ['generatePrimeSync', '`promisify(crypto.generatePrime)`, awaited'],
      ['checkPrimeSync', '`promisify(crypto.checkPrime)`, awaited'],
    ]),
  },
  {
    modules: ['bcrypt', 'bcryptjs', 'bcrypt-nodejs', '@node-rs/bcrypt'],
    kind: 'password hashing',
    calls: new Map([
      ['hashSync', '`await bcrypt.hash(...)`'],
      ['compareSync', '`await bcrypt.compare(...)`'],
      ['verifySync', '`await verify(...)`'],
    ]),
  },
  {
    modules: ['@node-rs/argon2'],
    kind: 'password hashing',
    calls: new Map([
      ['hashSync', '`await hash(...)`'],
      ['verifySync', '`await verify(...)`'],
    ]),
  },
  {
    modules: ['zlib', 'node:zlib'],
    kind: 'compression',
    calls: '*Sync',
    alternative: (name) => `\`promisify(zlib.${name.slice(0, -'Sync'.length)})\`, awaited, or a stream`,
  },
];

/** Export names that block whatever their module, for the cheap check before resolving a callee. */
export function isBlockingName(name: string): boolean {
  return name.endsWith('Sync');
}

/** The blocking call a module export is, with its kind and alternative. */
export function blockingCall(moduleName: string, exportName: string): { kind: BlockingKind; alternative: string } | undefined {
  for (const entry of BLOCKING_MODULES) {
    if (!entry.modules.includes(moduleName)) continue;
    if (entry.calls === '*Sync') {
      if (exportName.endsWith('Sync') && exportName.length > 4) return { kind: entry.kind, alternative: entry.alternative!(exportName) };
      continue;
    }
    const alternative = entry.calls.get(exportName);
    if (alternative !== undefined) return { kind: entry.kind, alternative };
  }
  return undefined;
}

/**
 * Files that are not served: tests, command-line scripts, migrations and seeds. Globs (see
 * `src/ast/test-files.ts`).
 */
export const NON_SERVER_FILE_PATTERNS: readonly string[] = [
  ...TEST_FILE_PATTERNS,
  'scripts/**',
  '**/scripts/**',
  'bin/**',
  '**/bin/**',
  '**/cli/**',
  '**/migrations/**',
  '**/seeds/**',
  '**/seeders/**',
];

/**
 * Functions that run at startup, not per request: their sync reads are fine (NestJS lifecycle
 * hooks, `bootstrap`/`main`/`start`). Calls into them from a handler are not followed.
 */
export const STARTUP_FUNCTIONS: ReadonlySet<string> = new Set([
  'onModuleInit',
  'onApplicationBootstrap',
  'onModuleDestroy',
  'beforeApplicationShutdown',
  'onApplicationShutdown',
  'bootstrap',
  'main',
  'start',
  'startServer',
  'constructor',
]);
