import { fingerprintsOf, reportPath } from './fingerprint.js';
import type { LintMessage, LintResult, ReportContext } from './types.js';

export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: GitlabSeverity;
  location: { path: string; lines: { begin: number; end: number } };
}

const PARSE_ERROR_CHECK = 'persona-lint/parse-error';
/** A security finding this severe (CVSS "critical") outranks other errors in the merge request widget. */
const CRITICAL_SECURITY_SEVERITY = 9;

function severityOf(message: LintMessage, context: ReportContext): GitlabSeverity {
  if (message.fatal) return 'blocker';
  if (message.severity !== 2) return 'minor';
  const securitySeverity = message.ruleId === null ? undefined : context.rulesMeta[message.ruleId]?.docs?.securitySeverity;
  return securitySeverity !== undefined && securitySeverity >= CRITICAL_SECURITY_SEVERITY ? 'critical' : 'major';
}

/** GitLab Code Quality JSON: reported messages only, suppressed ones are left out. */
export function formatGitlab(results: readonly LintResult[], context: ReportContext): string {
  const fingerprints = fingerprintsOf(results, context);
  const issues: CodeQualityIssue[] = [];
  for (const result of results) {
    const path = reportPath(result.filePath, context.cwd);
    for (const message of result.messages) {
      const checkName = message.fatal ? PARSE_ERROR_CHECK : (message.ruleId ?? 'persona-lint');
      // GitLab numbers lines from 1; a report on the whole file points at its first line.
      const begin = Math.max(message.line, 1);
      const end = Math.max(message.endLine ?? begin, begin);
      issues.push({
        description: `${checkName}: ${message.message}`,
        check_name: checkName,
        fingerprint: fingerprints.get(message) ?? '',
        severity: severityOf(message, context),
        location: { path, lines: { begin, end } },
      });
    }
  }
  return JSON.stringify(issues, null, 2);
}
