import { DEFAULT_ALLOWED_DISABLED, SWITCHABLE_OPTIONS } from '../src/catalog/security-headers.js';
import { createRule } from '../src/create-rule.js';
import { PROJECT_RULE_MESSAGES, projectCheckListener, type ProjectRuleMessageId } from '../src/project-rule.js';
import { nameList } from '../src/schema.js';

type Options = [{ middleware?: string[]; allowDisabled?: string[] }];

export default createRule<Options, 'missingSecurityHeaders' | 'headerDisabled' | 'poweredByKept' | ProjectRuleMessageId>({
  name: 'security-headers',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require security headers (helmet or an equivalent) on every app, with no key header turned off (project check)',
      recommended: true,
      standard: 'Security headers are set (helmet or equivalent)',
      precision: 'medium',
      securitySeverity: 4.3,
      projectCheck: true,
    },
    messages: { missingSecurityHeaders: '{{message}}', headerDisabled: '{{message}}', poweredByKept: '{{message}}', ...PROJECT_RULE_MESSAGES },
    defaultOptions: [{ middleware: [], allowDisabled: [...DEFAULT_ALLOWED_DISABLED] }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          middleware: nameList('Names of in-house middleware that set the security headers.'),
          allowDisabled: {
            type: 'array',
            items: { type: 'string', enum: [...SWITCHABLE_OPTIONS] },
            uniqueItems: true,
            description:
              'helmet options (either name: `frameguard` or `xFrameOptions`) that may be turned off with `false` without a finding. By default `contentSecurityPolicy`: an API that only answers JSON renders no page for a policy to protect.',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    return projectCheckListener(context, 'security-headers', options);
  },
});
