import { createRule } from '../src/create-rule.js';
import { PROJECT_RULE_MESSAGES, projectCheckListener, type ProjectRuleMessageId } from '../src/project-rule.js';

type Options = [{ envelope?: 'infer' | Record<string, unknown> }];

export default createRule<Options, 'envelopeMismatch' | 'errorWithSuccessStatus' | ProjectRuleMessageId>({
  name: 'error-envelope',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require one error envelope for every error response, sent with a 4xx or 5xx status (project check)',
      recommended: true,
      standard: 'One error envelope everywhere; errors use 4xx/5xx, never 200',
      precision: 'medium',
      projectCheck: true,
    },
    messages: { envelopeMismatch: '{{message}}', errorWithSuccessStatus: '{{message}}', ...PROJECT_RULE_MESSAGES },
    defaultOptions: [{ envelope: 'infer' }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          envelope: {
            description:
              '"infer" (the default) to take the shape most error responses of the project use and report the others; or the error body shape the team chose: an object whose keys are required (a `?` suffix makes one optional) and whose values are a literal, "string", "number", "boolean", "object", "any" or a nested shape.',
            oneOf: [
              { type: 'string', enum: ['infer'], description: 'Take the error shape most error responses of the project use.' },
              { type: 'object', description: 'The envelope shape.' },
            ],
          },
        },
      },
    ],
  },
  create(context, [options]) {
    return projectCheckListener(context, 'error-envelope', options);
  },
});
