import { OPERATIONAL_PATHS, VERSIONED_PATH } from '../src/catalog/frameworks.js';
import { createRule } from '../src/create-rule.js';
import { PROJECT_RULE_MESSAGES, projectCheckListener, type ProjectRuleMessageId } from '../src/project-rule.js';
import { nameList } from '../src/schema.js';

type Options = [{ versionPattern?: string; operationalPaths?: string[] }];

export default createRule<Options, 'unversionedApi' | 'unversionedRoute' | ProjectRuleMessageId>({
  name: 'api-versioning',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require API routes to be under a version prefix such as /api/v1 (project check)',
      recommended: false,
      standard: 'APIs are versioned (`/api/v1/`)',
      precision: 'medium',
      projectCheck: true,
    },
    messages: { unversionedApi: '{{message}}', unversionedRoute: '{{message}}', ...PROJECT_RULE_MESSAGES },
    defaultOptions: [{ versionPattern: VERSIONED_PATH, operationalPaths: [...OPERATIONAL_PATHS] }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          versionPattern: {
            type: 'string',
            minLength: 1,
            description: 'A regular expression that the full path of a versioned route matches (default: `/v<N>/...` or `/api/v<N>/...`).',
          },
          operationalPaths: nameList(
            'Full paths that are not part of the versioned API: health and metrics probes, docs, webhooks. A trailing `*` matches everything below. Replaces the default list.',
          ),
        },
      },
    ],
  },
  create(context, [options]) {
    return projectCheckListener(context, 'api-versioning', options);
  },
});
