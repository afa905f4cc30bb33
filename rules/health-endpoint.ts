import { HEALTH_PATHS } from '../src/catalog/frameworks.js';
import { createRule } from '../src/create-rule.js';
import { PROJECT_RULE_MESSAGES, projectCheckListener, type ProjectRuleMessageId } from '../src/project-rule.js';
import { nameList } from '../src/schema.js';

type Options = [{ paths?: string[]; requireDependencyCheck?: boolean }];

export default createRule<Options, 'missingHealth' | 'shallowHealth' | ProjectRuleMessageId>({
  name: 'health-endpoint',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require a health endpoint in every app (project check)',
      recommended: true,
      standard: 'A health endpoint exists (GET /health or a configured alias), reports dependencies, answers 503 when unhealthy',
      precision: 'high',
      projectCheck: true,
    },
    messages: { missingHealth: '{{message}}', shallowHealth: '{{message}}', ...PROJECT_RULE_MESSAGES },
    defaultOptions: [{ paths: [...HEALTH_PATHS], requireDependencyCheck: false }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          paths: nameList('Paths that count as a health endpoint, also under an API prefix of up to two segments (`/api/v1/health`).'),
          requireDependencyCheck: { type: 'boolean', description: 'Also require the health handler to touch a dependency and to be able to answer 503 (on in the strict preset).' },
        },
      },
    ],
  },
  create(context, [options]) {
    return projectCheckListener(context, 'health-endpoint', options);
  },
});
