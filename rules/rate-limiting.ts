import { createRule } from '../src/create-rule.js';
import { PROJECT_RULE_MESSAGES, projectCheckListener, type ProjectRuleMessageId } from '../src/project-rule.js';
import { nameList } from '../src/schema.js';

type Options = [{ scope?: 'app' | 'routes'; limiters?: string[] }];

export default createRule<Options, 'missingRateLimit' | 'routeNotLimited' | ProjectRuleMessageId>({
  name: 'rate-limiting',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require a rate limiter on the app, or on every route that does expensive work (project check)',
      recommended: true,
      standard: 'Rate limiting protects the API',
      precision: 'medium',
      securitySeverity: 5.3,
      projectCheck: true,
    },
    messages: { missingRateLimit: '{{message}}', routeNotLimited: '{{message}}', ...PROJECT_RULE_MESSAGES },
    defaultOptions: [{ scope: 'app', limiters: [] }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          scope: {
            type: 'string',
            enum: ['app', 'routes'],
            description: '`app`: a limiter guards the app or at least its authentication routes. `routes` (strict preset): every route that does expensive work (database, files, password hashing, mail) has a limiter in its chain.',
          },
          limiters: nameList('Names of in-house rate-limit middleware (`apiLimiter`).'),
        },
      },
    ],
  },
  create(context, [options]) {
    return projectCheckListener(context, 'rate-limiting', options);
  },
});
