/**
 * The scan report every output format is rendered from, and the JSON format itself.
 *
 * JSON report shape (`version` is the version of this shape, not of the tool; fields are only ever
 * added within a version):
 * ```
 * {
 *   "version": 1,
 *   "tool": { "name": "ai-posture", "version": "0.1.0", "informationUri": "…" },
 *   "root": "/abs/folder",            // every `path` below is relative to it, forward slashes
 *   "targets": ["."],                 // the scanned PATHs, relative to root
 *   "findings": [{
 *     "ruleId": "AIP102", "ruleName": "unsafe-torch-load", "severity": "error", "message": "…",
 *     "path": "src/train.py",
 *     "region": { "startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 11 },  // 1-based, end exclusive
 *     "fingerprint": "…", "helpUri": "…",
 *     "fix": { "title": "…", "safe": true, "applicability": "safe", "edits": [{ "region": {…}, "newText": "…" }] },   // when any
 *     "suppression": { "kind": "inSource" | "external", "justification": "…", "until": "…" }, // when suppressed
 *     "expiredSuppression": "2026-01-31",                                                    // when it lapsed
 *     "testCode": true                                                                        // when in test code
 *   }],
 *   "notices": [{ "path": "…", "kind": "skipped" | "error" | "budget", "reason": "…" }],
 *   "summary": { "error": 0, "warning": 0, "information": 0, "hint": 0, "suppressed": 0 },
 *   "stats": { "filesAnalysed": 0, "modelFiles": 0, "skipped": { "gitignored": 0 }, "durationMs": 0, "cancelled": false }
 * }
 * ```
 * Findings are sorted by path, line, column and rule id; notices by path.
 */
import { compareFindings } from '../analyze';
import { PRODUCT, ruleDocsUrl } from '../docs';
import { ruleMeta } from '../rules/index';
import type { ScanStats } from '../scan';
import type { FileNotice, FileResult, Finding, FixApplicability, Range, Severity, SuppressionInfo } from '../types';

/** One CLI (or editor) scan, ready to be rendered: findings already filtered to what is reported. */
export interface ScanReport {
  /** Version of the tool that produced the report. */
  toolVersion: string;
  /** Absolute folder that every path in `files` is relative to. */
  root: string;
  /** The scanned PATHs relative to `root` (`.` for the root itself). */
  targets: string[];
  files: FileResult[];
  stats: ScanStats;
}

/** A 1-based region with an exclusive end column, as SARIF, the JSON report and terminals count. */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SeverityCounts {
  error: number;
  warning: number;
  information: number;
  hint: number;
  /** Suppressed findings, whatever their severity (not in the other counts). */
  suppressed: number;
}

export interface JsonFinding {
  ruleId: string;
  ruleName?: string;
  severity: Severity;
  message: string;
  path: string;
  region: Region;
  fingerprint: string;
  helpUri: string;
  /** `safe` is true for `applicability: 'safe'` only (what `ai-posture fix` applies without `--unsafe-fixes`). */
  fix?: { title: string; safe: boolean; applicability: FixApplicability; edits: { region: Region; newText: string }[] };
  suppression?: SuppressionInfo;
  expiredSuppression?: string;
  /** The finding is in test code (`testCode` config; severity already adjusted). */
  testCode?: boolean;
  /** Where the flagged value comes from (a data-flow finding's source). */
  related?: { region: Region; message: string }[];
}

export interface JsonReport {
  version: 1;
  tool: { name: string; version: string; informationUri: string };
  root: string;
  targets: string[];
  findings: JsonFinding[];
  notices: FileNotice[];
  summary: SeverityCounts;
  stats: ScanStats;
}

export const JSON_REPORT_VERSION = 1;

export function toRegion(range: Range): Region {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** Every finding of the report (suppressed ones included), in a stable order. */
export function reportFindings(report: ScanReport): Finding[] {
  return report.files.flatMap((file) => file.findings).sort(compareFindings);
}

export function reportNotices(report: ScanReport): FileNotice[] {
  return report.files.flatMap((file) => file.notices).sort((a, b) => a.path.localeCompare(b.path) || a.reason.localeCompare(b.reason));
}

export function countFindings(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, information: 0, hint: 0, suppressed: 0 };
  for (const finding of findings) {
    if (finding.suppression) counts.suppressed++;
    else counts[finding.severity]++;
  }
  return counts;
}

function jsonFinding(finding: Finding): JsonFinding {
  const fix = finding.fix;
  return {
    ruleId: finding.ruleId,
    ...(ruleMeta(finding.ruleId) ? { ruleName: ruleMeta(finding.ruleId)?.name } : {}),
    severity: finding.severity,
    message: finding.message,
    path: finding.path,
    region: toRegion(finding.range),
    fingerprint: finding.fingerprint,
    helpUri: ruleDocsUrl(finding.ruleId),
    ...(finding.related ? { related: finding.related.map((item) => ({ region: toRegion(item.range), message: item.message })) } : {}),
    ...(fix
      ? {
          fix: {
            title: fix.title,
            safe: fix.applicability === 'safe',
            applicability: fix.applicability,
            edits: fix.edits.map((edit) => ({ region: toRegion(edit.range), newText: edit.newText })),
          },
        }
      : {}),
    ...(finding.suppression ? { suppression: finding.suppression } : {}),
    ...(finding.expiredSuppression ? { expiredSuppression: finding.expiredSuppression } : {}),
    ...(finding.testCode ? { testCode: true } : {}),
  };
}

export function toJsonReport(report: ScanReport): JsonReport {
  const findings = reportFindings(report);
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: PRODUCT.name, version: report.toolVersion, informationUri: PRODUCT.informationUri },
    root: report.root,
    targets: report.targets,
    findings: findings.map(jsonFinding),
    notices: reportNotices(report),
    summary: countFindings(findings),
    stats: report.stats,
  };
}

export function formatJson(report: ScanReport): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
