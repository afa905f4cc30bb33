import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-secret-logging.js';

const ruleTester = new RuleTester();

// rule-tester pins its own copy of @typescript-eslint/utils, whose types differ only nominally.
ruleTester.run('no-secret-logging', rule as never, {
  valid: [
    "import pino from 'pino';\nconst logger = pino();\nexport const done = (user: { id: string }) => logger.info({ userId: user.id }, 'signed in');",
    {
      name: 'a configured redactor',
      code: "import { logger } from './logger';\nimport { scrub } from './privacy';\nexport const audit = (token: string) => logger.info({ token: scrub(token) });",
      options: [{ redactors: ['scrub'] }],
    },
    {
      name: 'allowedNames exempts a name the codebase uses for something else',
      code: 'export const show = (tokens: string[]) => console.log(tokens);',
      options: [{ allowedNames: ['tokens'] }],
    },
    {
      name: 'email is PII, reported only with pii: true',
      code: "import { logger } from './logger';\nexport const welcome = (email: string) => logger.info({ email }, 'welcome mail queued');",
    },
    {
      name: 'a token masked on every path',
      code: "import pino from 'pino';\nimport { mask } from './mask';\nconst logger = pino();\nexport const issued = (token: string) => {\n  let shown = token;\n  shown = mask(shown);\n  logger.info({ shown });\n};",
    },
    {
      name: 'a whole body outside credential handling',
      code: "import express from 'express';\nconst router = express.Router();\nrouter.post('/posts', (req, res) => { req.log.info({ post: req.body }); res.sendStatus(201); });",
    },
  ],
  invalid: [
    {
      name: 'the message names the value, the sink and what it holds',
      code: "import pino from 'pino';\nconst logger = pino();\nexport const login = (password: string) => logger.debug({ password }, 'login attempt');",
      errors: [{ messageId: 'sensitiveValue', data: { value: 'password', sink: 'logger.debug', what: 'a password' }, line: 3 }],
    },
    {
      name: 'the Authorization header',
      code: "export const trace = (req: any) => console.log('incoming', req.headers.authorization);",
      errors: [{ messageId: 'sensitiveValue', data: { value: 'req.headers.authorization', sink: 'console.log', what: 'the authorization header' } }],
    },
    {
      name: 'the whole body of a login route',
      code: "import express from 'express';\nconst router = express.Router();\nrouter.post('/login', (req, res) => { req.log.info(req.body); res.sendStatus(204); });",
      errors: [
        {
          messageId: 'sensitiveValue',
          data: { value: 'req.body', sink: 'req.log.info', what: 'the whole request body of a handler that receives credentials' },
        },
      ],
    },
    {
      name: 'extra sensitive words and extra logger names',
      code: "import { audit } from './audit';\nexport const enroll = (pinCode: string) => audit.info('enrolled', { pinCode });",
      options: [{ sensitiveNames: ['pin'], loggers: ['audit'] }],
      errors: [{ messageId: 'sensitiveValue', data: { value: 'pinCode', sink: 'audit.info', what: 'a pin' } }],
    },
    {
      name: 'pii: true reports email addresses',
      code: "import { logger } from './logger';\nexport const welcome = (email: string) => logger.info({ email }, 'welcome mail queued');",
      options: [{ pii: true }],
      errors: [{ messageId: 'sensitiveValue', data: { value: 'email', sink: 'logger.info', what: 'an email address' } }],
    },
    {
      name: 'whole rows of a user model, and the response object printed by console.log',
      code: "import express from 'express';\nconst app = express();\napp.get('/me', async (req, res) => {\n  const user = await User.findByPk(req.params.id);\n  console.log(user);\n  console.log(res);\n  res.json({ id: user.id });\n});",
      errors: [
        { messageId: 'sensitiveValue', line: 5, data: { value: 'user', sink: 'console.log', what: 'whole `User` records, with the password column' } },
        { messageId: 'sensitiveValue', line: 6, data: { value: 'res', sink: 'console.log', what: 'the response object, which prints its request with the raw headers (Authorization, Cookie)' } },
      ],
    },
    {
      name: 'a header kept in a local, reported at each log call',
      code: "import pino from 'pino';\nconst logger = pino();\nexport const trace = (req: any) => {\n  let via = 'none';\n  if (req.headers.authorization) via = req.headers.authorization;\n  logger.debug({ via });\n  console.log(via);\n};",
      errors: [
        { messageId: 'sensitiveValue', line: 6, data: { value: 'via', sink: 'logger.debug', what: 'the authorization header' } },
        { messageId: 'sensitiveValue', line: 7, data: { value: 'via', sink: 'console.log', what: 'the authorization header' } },
      ],
    },
    {
      name: 'a label before a value',
      code: "import debug from 'debug';\nconst dbg = debug('app:auth');\nexport const check = (value: string) => dbg('api key=' + value);",
      errors: [{ messageId: 'sensitiveValue', data: { value: 'value', sink: 'dbg', what: 'an API key' } }],
    },
  ],
});
