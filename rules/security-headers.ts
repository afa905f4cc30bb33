import { createRule } from '../src/create-rule.js';
import { projectCheckListener } from '../src/project-rule.js';
import { nameList } from '../src/schema.js';

type Options = [{ middleware?: string[] }];

export default createRule<Options, 'missingSecurityHeaders'>({
  name: 'security-headers',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require security headers (helmet or an equivalent) on every app (project check)',
      recommended: true,
      standard: 'Security headers are set (helmet or equivalent)',
      precision: 'medium',
      securitySeverity: 4.3,
      projectCheck: true,
    },
    messages: { missingSecurityHeaders: '{{message}}' },
    defaultOptions: [{ middleware: [] }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: { middleware: nameList('Names of in-house middleware that set the security headers.') },
      },
    ],
  },
  create(context, [options]) {
    return projectCheckListener(context, 'security-headers', options);
  },
});
