import type { TSESLint } from '@typescript-eslint/utils';
import type { CheckOptions, ProjectCheckId } from './analyzer/index.js';
import { analysisFor } from './analyzer/eslint-cache.js';
import type { MiddlewareNames } from './analyzer/middleware.js';

/**
 * The listener of a project rule: on each file, report the findings of the project check that
 * fall in this file (an app's creation site, a route, an error response).
 */
export function projectCheckListener<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  check: ProjectCheckId,
  options: CheckOptions,
  middleware: Partial<MiddlewareNames> = {},
): TSESLint.RuleListener {
  return {
    Program() {
      const found = analysisFor(context.filename, context.sourceCode.text, middleware);
      if (!found) return;
      for (const finding of found.analysis.check(check, options)) {
        if (finding.location.file !== found.file) continue;
        const { line, column, endLine, endColumn } = finding.location;
        context.report({
          loc: { start: { line, column: column - 1 }, end: { line: endLine, column: endColumn - 1 } },
          messageId: finding.messageId as MessageIds,
          data: { message: finding.message },
        });
      }
    },
  };
}
