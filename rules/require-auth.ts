import { createRule } from '../src/create-rule.js';
import { PROJECT_RULE_MESSAGES, projectCheckListener, type ProjectRuleMessageId } from '../src/project-rule.js';
import { nameList } from '../src/schema.js';

type Options = [{ publicRoutes?: string[]; authMiddleware?: string[] }];

export default createRule<Options, 'unauthenticatedMutation' | ProjectRuleMessageId>({
  name: 'require-auth',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require authentication on routes that change data when the app authenticates elsewhere (project check)',
      recommended: false,
      standard: 'Protected (mutating) endpoints require authentication',
      precision: 'medium',
      securitySeverity: 7.5,
      projectCheck: true,
    },
    messages: { unauthenticatedMutation: '{{message}}', ...PROJECT_RULE_MESSAGES },
    defaultOptions: [{ publicRoutes: [], authMiddleware: [] }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          publicRoutes: nameList('Full paths of mutating routes that are public by design (`/api/v1/contact`, `/api/v1/public/*`), in addition to login, sign-up, password reset, health and webhooks.'),
          authMiddleware: nameList('Names of in-house authentication middleware or guards (`withUser`).'),
        },
      },
    ],
  },
  create(context, [options]) {
    return projectCheckListener(context, 'require-auth', options);
  },
});
