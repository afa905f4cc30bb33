import { pathToFileURL } from 'node:url';
import { standardUrl } from '../doc-links.js';
import { allMessages, compareText, fingerprintsOf, reportPath } from './fingerprint.js';
import { personaStatementOf, type LintMessage, type LintResult, type ReportContext, type RuleMeta } from './types.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/persona-lint/persona-lint';
const SRCROOT = '%SRCROOT%';
export const FINGERPRINT_KEY = 'personaFingerprint/v1';

type Level = 'error' | 'warning';

interface Region {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

interface PhysicalLocation {
  artifactLocation: { uri: string; uriBaseId?: string };
  region?: Region;
}

interface ReportingDescriptor {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: Level };
  properties: {
    tags: string[];
    precision?: string;
    'security-severity'?: string;
    'problem.severity': Level;
  };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations: { physicalLocation: PhysicalLocation }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'inSource' | 'external'; justification?: string }[];
  /** Under a persona document: the team's statement the finding enforces, where it is written. */
  relatedLocations?: { id: number; physicalLocation: PhysicalLocation; message: { text: string } }[];
  properties?: { personaStatement: { file: string; line: number; statement: string } };
}

interface Notification {
  level: Level;
  message: { text: string };
  locations: { physicalLocation: PhysicalLocation }[];
}

function levelOf(message: LintMessage): Level {
  return message.severity === 2 ? 'error' : 'warning';
}

/** A sentence ends with a full stop, whether or not the docs wrote one. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** A relative URI reference: each segment percent-encoded (`%`, `#`, `?`, spaces, `:` that would read as a scheme). */
function artifactLocation(filePath: string, cwd: string): PhysicalLocation['artifactLocation'] {
  const relative = reportPath(filePath, cwd);
  if (relative.startsWith('../') || /^(?:[a-zA-Z]:)?\//u.test(relative)) {
    // Outside the repository: code scanning cannot place it under %SRCROOT%, so give the absolute file URI.
    return { uri: pathToFileURL(filePath).href };
  }
  return { uri: relative.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function regionOf(message: LintMessage): Region | undefined {
  // A project check may report on the file as a whole (line 0): SARIF lines start at 1.
  if (!(message.line >= 1)) return undefined;
  const region: Region = { startLine: message.line };
  if (message.column >= 1) region.startColumn = message.column;
  if (message.endLine !== undefined && message.endLine >= message.line) {
    region.endLine = message.endLine;
    const endColumn = message.endColumn;
    if (endColumn !== undefined && endColumn >= 1 && (message.endLine > message.line || endColumn >= (region.startColumn ?? 1))) {
      region.endColumn = endColumn;
    }
  }
  return region;
}

function physicalLocation(result: LintResult, message: LintMessage, cwd: string): PhysicalLocation {
  const location: PhysicalLocation = { artifactLocation: artifactLocation(result.filePath, cwd) };
  const region = regionOf(message);
  if (region) location.region = region;
  return location;
}

function ruleDescriptor(id: string, meta: RuleMeta | undefined, level: Level): ReportingDescriptor {
  const docs = meta?.docs ?? {};
  const description = docs.description?.trim() || id;
  const full = docs.standard ? `Standard: ${sentence(docs.standard)} ${sentence(description)}` : sentence(description);
  const seeDocs = docs.url ? ` See ${docs.url}` : '';
  // A persona rule's standard is the section of docs/standards.md named after the rule.
  const standardLink = id.startsWith('persona/') && docs.standard ? standardUrl(id.slice('persona/'.length)) : undefined;
  const markdownParts = [`**${id}**: ${sentence(description)}`];
  if (docs.standard) markdownParts.push(standardLink ? `Standard: ${sentence(docs.standard)} [Why it matters](${standardLink})` : `Standard: ${sentence(docs.standard)}`);
  if (docs.url) markdownParts.push(`[Documentation of ${id}](${docs.url})`);
  const descriptor: ReportingDescriptor = {
    id,
    shortDescription: { text: description },
    fullDescription: { text: full },
    help: { text: `${full}${seeDocs}${standardLink ? ` Why it matters: ${standardLink}` : ''}`, markdown: markdownParts.join('\n\n') },
    defaultConfiguration: { level },
    properties: {
      tags: docs.securitySeverity === undefined ? ['persona'] : ['security', 'persona'],
      'problem.severity': level,
    },
  };
  if (docs.url) descriptor.helpUri = docs.url;
  if (docs.precision) descriptor.properties.precision = docs.precision;
  if (docs.securitySeverity !== undefined) descriptor.properties['security-severity'] = docs.securitySeverity.toFixed(1);
  return descriptor;
}

/**
 * The level a rule ran at is not in its meta: take the most severe level it reported at, and
 * SARIF's default, `warning`, for a rule without findings.
 */
function levelsByRule(results: readonly LintResult[]): Map<string, Level> {
  const levels = new Map<string, Level>();
  for (const result of results) {
    for (const message of allMessages(result)) {
      if (message.ruleId === null) continue;
      if (levels.get(message.ruleId) !== 'error') levels.set(message.ruleId, levelOf(message));
    }
  }
  return levels;
}

/** SARIF 2.1.0 for GitHub code scanning. */
export function formatSarif(results: readonly LintResult[], context: ReportContext): string {
  const fingerprints = fingerprintsOf(results, context);
  const levels = levelsByRule(results);
  // Rules that reported but are missing from rulesMeta (another plugin's) still need a descriptor for ruleIndex.
  const ruleIds = [...new Set([...Object.keys(context.rulesMeta), ...levels.keys()])].sort(compareText);
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const rules = ruleIds.map((id) => ruleDescriptor(id, context.rulesMeta[id], levels.get(id) ?? 'warning'));

  const sarifResults: SarifResult[] = [];
  const notifications: Notification[] = [];
  let parseFailed = false;
  for (const result of results) {
    const suppressed = new Set<LintMessage>(result.suppressedMessages ?? []);
    for (const message of allMessages(result)) {
      const location = physicalLocation(result, message, context.cwd);
      if (message.ruleId === null) {
        // A parse error (or an unused-directive report) is about the run, not a rule: code scanning shows it as a tool notification.
        if (suppressed.has(message)) continue;
        if (message.fatal) parseFailed = true;
        notifications.push({ level: message.fatal ? 'error' : levelOf(message), message: { text: message.message }, locations: [{ physicalLocation: location }] });
        continue;
      }
      const sarifResult: SarifResult = {
        ruleId: message.ruleId,
        ruleIndex: ruleIndex.get(message.ruleId) ?? 0,
        level: levelOf(message),
        message: { text: message.message },
        locations: [{ physicalLocation: location }],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprints.get(message) ?? '' },
      };
      const persona = personaStatementOf(message);
      if (persona) {
        const file = reportPath(persona.file, context.cwd);
        sarifResult.relatedLocations = [
          { id: 1, physicalLocation: { artifactLocation: artifactLocation(persona.file, context.cwd), region: { startLine: persona.line } }, message: { text: `The team's standard: ${persona.statement}` } },
        ];
        sarifResult.properties = { personaStatement: { file, line: persona.line, statement: persona.statement } };
      }
      if (suppressed.has(message)) {
        const suppressions = (message as LintResult['suppressedMessages'][number]).suppressions ?? [];
        sarifResult.suppressions = suppressions.map((suppression) => {
          // `file` is ESLint's suppressions file: a baseline kept outside the source.
          const kind = suppression.kind === 'directive' ? ('inSource' as const) : ('external' as const);
          const justification = suppression.justification?.trim();
          return justification ? { kind, justification } : { kind };
        });
        // Suppressed without a recorded reason still has to read as suppressed.
        if (sarifResult.suppressions.length === 0) sarifResult.suppressions = [{ kind: 'inSource' }];
      }
      sarifResults.push(sarifResult);
    }
  }

  const cwdUri = pathToFileURL(context.cwd).href;
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'persona-lint',
            version: context.toolVersion,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        invocations: [
          notifications.length > 0
            ? { executionSuccessful: !parseFailed, toolExecutionNotifications: notifications }
            : { executionSuccessful: true },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: cwdUri.endsWith('/') ? cwdUri : `${cwdUri}/` } },
        // ESLint counts columns in UTF-16 code units, as JavaScript strings do.
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
