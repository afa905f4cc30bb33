import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/parameterized-queries.js';

const ruleTester = new RuleTester();

const pg = "import { Pool } from 'pg';\nconst pool = new Pool();\n";
const mysql = "import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({});\n";

// rule-tester pins its own copy of @typescript-eslint/utils, whose types differ only nominally.
ruleTester.run('parameterized-queries', rule as never, {
  valid: [
    `${pg}export const byId = (id: string) => pool.query('SELECT * FROM users WHERE id = $1', [id]);`,
    {
      name: 'a configured sanitizer makes an identifier safe',
      code: `${pg}import { quoteIdent } from './sql';\nexport const list = (col: string) => pool.query(\`SELECT \${quoteIdent(col)} FROM users\`);`,
      options: [{ sanitizers: ['quoteIdent'] }],
    },
    {
      name: 'reportUnresolved: false leaves unresolved receivers alone',
      code: "import { db } from './db';\nexport const find = (name: string) => db.query(`SELECT * FROM users WHERE name = '${name}'`);",
      options: [{ reportUnresolved: false }],
    },
    {
      name: 'unresolved receivers need text that looks like SQL',
      code: "import { search } from './search';\nexport const find = (term: string) => search.query(`title:${term}`);",
    },
    {
      name: 'a helper that forwards its parameter is a sink, not a finding',
      code: `${pg}export function run(sql: string, values: unknown[]) { return pool.query(sql, values); }`,
    },
  ],
  invalid: [
    {
      name: 'the message names the sink, the culprit and the placeholder style',
      code: `${pg}export const byName = (name: string) => pool.query(\`SELECT * FROM users WHERE name = '\${name}'\`);`,
      errors: [
        {
          messageId: 'dynamicQuery',
          data: { sink: 'pool.query', driver: 'pg', culprit: '`name`', advice: 'use $1, $2, ... placeholders and pass the values array' },
          line: 3,
          suggestions: [
            {
              messageId: 'useParameters',
              data: { placeholders: '$1, $2, ...' },
              output: `${pg}export const byName = (name: string) => pool.query(\`SELECT * FROM users WHERE name = $1\`, [name]);`,
            },
          ],
        },
      ],
    },
    {
      name: 'mysql gets ? placeholders',
      code: `${mysql}export const page = (status: string, limit: number) => pool.query(\`SELECT * FROM orders WHERE status = '\${status}' LIMIT \${limit}\`);`,
      errors: [
        {
          messageId: 'dynamicQuery',
          suggestions: [
            {
              messageId: 'useParameters',
              data: { placeholders: '?' },
              output: `${mysql}export const page = (status: string, limit: number) => pool.query(\`SELECT * FROM orders WHERE status = ? LIMIT ?\`, [status, limit]);`,
            },
          ],
        },
      ],
    },
    {
      name: 'no suggestion when an interpolation is an identifier, not a value',
      code: `${pg}export const sorted = (column: string) => pool.query(\`SELECT * FROM users ORDER BY \${column}\`);`,
      errors: [{ messageId: 'dynamicQuery', suggestions: [] }],
    },
    {
      name: 'no suggestion inside a LIKE pattern',
      code: `${pg}export const search = (q: string) => pool.query(\`SELECT * FROM users WHERE name LIKE '%\${q}%'\`);`,
      errors: [{ messageId: 'dynamicQuery', suggestions: [] }],
    },
    {
      name: 'Prisma $queryRawUnsafe becomes the tagged $queryRaw',
      code: "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport const byEmail = (email: string) => prisma.$queryRawUnsafe(`SELECT * FROM \"User\" WHERE email = ${email}`);",
      errors: [
        {
          messageId: 'dynamicQuery',
          suggestions: [
            {
              messageId: 'useTaggedTemplate',
              data: { replacement: '$queryRaw`...`' },
              output:
                "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport const byEmail = (email: string) => prisma.$queryRaw`SELECT * FROM \"User\" WHERE email = ${email}`;",
            },
          ],
        },
      ],
    },
    {
      name: 'request input as the whole query',
      code: `${pg}export const handler = async (req: any, res: any) => res.json(await pool.query(req.body.sql));`,
      errors: [{ messageId: 'requestAsQuery', data: { sink: 'pool.query', driver: 'pg', culprit: '`req.body.sql`' } }],
    },
    {
      name: 'callers of a same-file helper are checked at the call',
      code: `${pg}function run(sql: string) { return pool.query(sql); }\nexport const byId = (id: string) => run('SELECT * FROM users WHERE id = ' + id);`,
      errors: [
        {
          messageId: 'dynamicQuery',
          line: 4,
          data: { sink: 'run() → pool.query', driver: 'pg', culprit: '`id`', advice: 'use $1, $2, ... placeholders and pass the values array' },
        },
      ],
    },
    {
      name: 'a configured sink by receiver name',
      code: "import { warehouse } from './warehouse';\nexport const rows = (day: string) => warehouse.sql(`DELETE FROM events WHERE day = '${day}'`);",
      options: [{ sinks: [{ object: 'warehouse', methods: ['sql'] }] }],
      errors: [
        {
          messageId: 'dynamicQuery',
          data: { sink: 'warehouse.sql', driver: 'configured sink', culprit: '`day`', advice: 'use placeholders and pass the values separately' },
        },
      ],
    },
    {
      name: 'the message names the interpolated value and where it comes from',
      code: `${pg}export const search = async (req: any) => {\n  const term = String(req.query.q ?? '');\n  return pool.query('SELECT id FROM users WHERE name = ' + term);\n};`,
      errors: [
        {
          messageId: 'dynamicQuery',
          line: 5,
          data: { sink: 'pool.query', driver: 'pg', culprit: '`term` (from `req.query.q`)', advice: 'use $1, $2, ... placeholders and pass the values array' },
        },
      ],
    },
    {
      name: 'a configured sink function',
      code: "import { runSql } from './legacy';\nexport const purge = (table: string) => runSql(`TRUNCATE ${table}`);",
      options: [{ sinks: [{ function: 'runSql' }] }],
      errors: [{ messageId: 'dynamicQuery' }],
    },
    {
      name: 'a constructor parameter typed with a driver type is a sink',
      code: "import { Pool } from 'pg';\nexport class Repo {\n  constructor(private readonly pool: Pool) {}\n  find(id: string) { return this.pool.query(`SELECT * FROM t WHERE id = ${id}`); }\n}",
      errors: [
        {
          messageId: 'dynamicQuery',
          line: 4,
          suggestions: [
            {
              messageId: 'useParameters',
              data: { placeholders: '$1, $2, ...' },
              output:
                "import { Pool } from 'pg';\nexport class Repo {\n  constructor(private readonly pool: Pool) {}\n  find(id: string) { return this.pool.query(`SELECT * FROM t WHERE id = $1`, [id]); }\n}",
            },
          ],
        },
      ],
    },
  ],
});
