/**
 * SARIF 2.1.0 for GitHub code scanning and the SARIF Viewer: one run, every rule in
 * `tool.driver.rules`, 1-based regions relative to `%SRCROOT%`, fingerprints, fixes, and suppressed
 * findings kept with their `suppressions`. The output is deterministic (sorted, no timestamps).
 */
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { PRODUCT, ruleDocsUrl } from '../docs';
import { allRuleMetas } from '../rules/index';
import type { FileNotice, Finding, RuleMeta, Severity } from '../types';
import { reportFindings, reportNotices, type ScanReport, toRegion } from './json';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
/** Key of `partialFingerprints`; bump the version if the fingerprint recipe ever changes. */
export const FINGERPRINT_KEY = 'aiPosture/v1';

export function sarifLevel(severity: Severity): Sarif.Result.level {
  if (severity === 'error') return 'error';
  if (severity === 'warning') return 'warning';
  return 'note';
}

/** A relative path as a URI reference: each segment percent-encoded, separators kept. */
export function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The root folder as a `file:` URI ending in a slash, as `originalUriBaseIds` requires. */
export function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function sarifRule(meta: RuleMeta): Sarif.ReportingDescriptor {
  const helpUri = ruleDocsUrl(meta.id);
  // The engine's own hygiene diagnostics (security severity 0) are not security alerts.
  const security = meta.securitySeverity > 0;
  const tags = [...(security ? ['security'] : []), ...meta.owasp, ...meta.cwe, ...meta.atlas];
  return {
    id: meta.id,
    name: meta.name,
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.explanation },
    help: {
      text: `${meta.remediation}\n\nDocumentation: ${helpUri}`,
      markdown: `${meta.remediation}\n\n[${meta.id} documentation](${helpUri})`,
    },
    helpUri,
    defaultConfiguration: { level: sarifLevel(meta.defaultSeverity) },
    properties: {
      tags,
      ...(security ? { 'security-severity': meta.securitySeverity.toFixed(1) } : {}),
      precision: meta.confidence,
    },
  };
}

function artifactLocation(path: string): Sarif.ArtifactLocation {
  return { uri: relativeUri(path), uriBaseId: SRCROOT };
}

function sarifFixes(finding: Finding): Sarif.Fix[] | undefined {
  const fix = finding.fix;
  // Display-only fixes hold placeholders for a person to fill: not an applicable change.
  if (!fix || fix.applicability === 'display-only' || fix.edits.length === 0) return undefined;
  return [
    {
      description: { text: fix.title },
      // Consumers that apply fixes in bulk should leave `unsafe` ones to a person, as `ai-posture fix` does.
      properties: { applicability: fix.applicability },
      artifactChanges: [
        {
          artifactLocation: artifactLocation(finding.path),
          replacements: fix.edits.map((edit) => ({ deletedRegion: toRegion(edit.range), insertedContent: { text: edit.newText } })),
        },
      ],
    },
  ];
}

function physicalLocation(path: string, range: Finding['range']): Sarif.PhysicalLocation {
  return { artifactLocation: artifactLocation(path), region: toRegion(range) };
}

/**
 * A data-flow finding's path as SARIF shows it: `relatedLocations` (the source, linked from the
 * message by id) and one `codeFlows` thread from the source to the sink.
 */
function sarifFlow(finding: Finding): Pick<Sarif.Result, 'relatedLocations' | 'codeFlows'> {
  const related = finding.related ?? [];
  if (related.length === 0) return {};
  const steps = [
    ...related.map((item) => ({
      location: { physicalLocation: physicalLocation(finding.path, item.range), message: { text: item.message } },
    })),
    { location: { physicalLocation: physicalLocation(finding.path, finding.range), message: { text: 'sink' } } },
  ];
  return {
    relatedLocations: related.map((item, id) => ({
      id,
      physicalLocation: physicalLocation(finding.path, item.range),
      message: { text: item.message },
    })),
    codeFlows: [{ threadFlows: [{ locations: steps }] }],
  };
}

function sarifResult(finding: Finding, ruleIndex: Map<string, number>): Sarif.Result {
  const index = ruleIndex.get(finding.ruleId);
  const fixes = sarifFixes(finding);
  const suppression = finding.suppression;
  return {
    ruleId: finding.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: sarifLevel(finding.severity),
    message: { text: finding.message },
    locations: [{ physicalLocation: physicalLocation(finding.path, finding.range) }],
    ...sarifFlow(finding),
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...(fixes ? { fixes } : {}),
    ...(suppression
      ? {
          suppressions: [
            {
              kind: suppression.kind,
              justification: suppression.justification,
              ...(suppression.until ? { properties: { until: suppression.until } } : {}),
            },
          ],
        }
      : {}),
    ...resultProperties(finding),
  };
}

/** `tags: ["test"]` lets code scanning filter test code out; an expired suppression says when it lapsed. */
function resultProperties(finding: Finding): { properties?: Sarif.PropertyBag } {
  const properties: Sarif.PropertyBag = {
    ...(finding.expiredSuppression ? { expiredSuppression: finding.expiredSuppression } : {}),
    ...(finding.testCode ? { tags: ['test'] } : {}),
  };
  return Object.keys(properties).length > 0 ? { properties } : {};
}

/** Read errors and parser failures matter more than a deliberately skipped file. */
function notification(notice: FileNotice): Sarif.Notification {
  return {
    level: notice.kind === 'skipped' ? 'note' : 'warning',
    message: { text: `${notice.path}: ${notice.reason}` },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(notice.path) } }],
    descriptor: { id: `file-${notice.kind}` },
  };
}

export function toSarif(report: ScanReport, metas: readonly RuleMeta[] = allRuleMetas): Sarif.Log {
  const rules = [...metas].sort((a, b) => a.id.localeCompare(b.id));
  const ruleIndex = new Map(rules.map((meta, index) => [meta.id, index]));
  const notices = reportNotices(report);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: PRODUCT.name,
            fullName: PRODUCT.displayName,
            semanticVersion: report.toolVersion,
            version: report.toolVersion,
            informationUri: PRODUCT.informationUri,
            rules: rules.map(sarifRule),
          },
        },
        invocations: [
          {
            executionSuccessful: !report.stats.cancelled,
            ...(notices.length > 0 ? { toolExecutionNotifications: notices.map(notification) } : {}),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri(report.root) } },
        columnKind: 'utf16CodeUnits',
        results: reportFindings(report).map((finding) => sarifResult(finding, ruleIndex)),
      },
    ],
  };
}

export function formatSarif(report: ScanReport, metas?: readonly RuleMeta[]): string {
  return `${JSON.stringify(toSarif(report, metas), null, 2)}\n`;
}
