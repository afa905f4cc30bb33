import type { TSESLint } from '@typescript-eslint/utils';
import type { Analysis, CheckOptions, ProjectCheckId, ProjectFinding } from './analyzer/index.js';
import { analysisFor } from './analyzer/eslint-cache.js';
import type { MiddlewareNames } from './analyzer/middleware.js';

/** The ESLint options of the project rules, as their schemas allow them. */
export interface ProjectRuleOptions {
  readonly paths?: readonly string[];
  readonly requireDependencyCheck?: boolean;
  readonly envelope?: CheckOptions['envelope'];
  readonly scope?: 'app' | 'routes';
  readonly limiters?: readonly string[];
  readonly publicRoutes?: readonly string[];
  readonly authMiddleware?: readonly string[];
  readonly middleware?: readonly string[];
  readonly versionPattern?: string;
  readonly operationalPaths?: readonly string[];
  readonly allowDisabled?: readonly string[];
}

export interface ProjectCheckSetup {
  readonly options: CheckOptions;
  readonly middleware: Partial<MiddlewareNames>;
}

/**
 * How a project rule's options become the analyzer's check options and middleware names. The
 * ESLint rules and the CLI (which runs the analyzer once for the whole project) share it.
 */
export const PROJECT_CHECK_SETUP: Readonly<Record<ProjectCheckId, (options: ProjectRuleOptions) => ProjectCheckSetup>> = {
  'health-endpoint': (options) => ({ options: { healthPaths: options.paths, requireDependencyCheck: options.requireDependencyCheck }, middleware: {} }),
  'error-envelope': (options) => ({ options: { envelope: options.envelope }, middleware: {} }),
  'rate-limiting': (options) => ({ options: { rateLimitScope: options.scope }, middleware: { rateLimit: options.limiters ?? [] } }),
  'require-auth': (options) => ({ options: { publicRoutes: options.publicRoutes }, middleware: { auth: options.authMiddleware ?? [] } }),
  'security-headers': (options) => ({ options: { allowDisabled: options.allowDisabled }, middleware: { securityHeaders: options.middleware ?? [] } }),
  'api-versioning': (options) => ({ options: { versionPattern: options.versionPattern, operationalPaths: options.operationalPaths }, middleware: {} }),
};

/** The message every project rule has besides its findings': the analysis it reads is incomplete. */
export const PROJECT_RULE_MESSAGES = { analysisIncomplete: '{{message}}' } as const;
export type ProjectRuleMessageId = keyof typeof PROJECT_RULE_MESSAGES;

/** Which project rule reports an analysis' failures: one of them, so that a run shows each failure once. */
const failureReporters = new WeakMap<Analysis, string>();

const checked = new WeakMap<Analysis, Map<string, readonly ProjectFinding[]>>();

/** A check's findings, computed once per analysis and options rather than once per linted file. */
function findingsOf(analysis: Analysis, check: ProjectCheckId, options: CheckOptions): readonly ProjectFinding[] {
  let byKey = checked.get(analysis);
  if (!byKey) checked.set(analysis, (byKey = new Map()));
  const key = `${check}\0${JSON.stringify(options)}`;
  let findings = byKey.get(key);
  if (!findings) byKey.set(key, (findings = analysis.check(check, options)));
  return findings;
}

/**
 * The listener of a project rule: on each file, report the findings of the project check that
 * fall in this file (an app's creation site, a route, an error response). An analysis that failed
 * in part or whole is reported too, on the first file linted, by the first project rule there.
 */
export function projectCheckListener<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds | ProjectRuleMessageId, readonly unknown[]>>,
  check: ProjectCheckId,
  ruleOptions: ProjectRuleOptions,
): TSESLint.RuleListener {
  const { options, middleware } = PROJECT_CHECK_SETUP[check](ruleOptions);
  return {
    Program() {
      const found = analysisFor(context.filename, context.sourceCode.text, middleware, context.cwd);
      const { failures } = found.analysis;
      if (found.reportsFailures && failures.length > 0) {
        if (!failureReporters.has(found.analysis)) failureReporters.set(found.analysis, context.id);
        if (failureReporters.get(found.analysis) === context.id) {
          context.report({
            loc: { line: 1, column: 0 },
            messageId: 'analysisIncomplete',
            data: { message: `The project analysis is incomplete, so the project rules may miss problems in this project: ${failures.join('; ')}.` },
          });
        }
      }
      for (const finding of findingsOf(found.analysis, check, options)) {
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
