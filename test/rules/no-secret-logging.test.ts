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
      name: 'a label before a value',
      code: "import debug from 'debug';\nconst dbg = debug('app:auth');\nexport const check = (value: string) => dbg('api key=' + value);",
      errors: [{ messageId: 'sensitiveValue', data: { value: 'value', sink: 'dbg', what: 'an API key' } }],
    },
  ],
});
