/**
 * Findings as LSP diagnostics: one shape everywhere (pull, push, closed files). `code` is the rule
 * id, `codeDescription` links its docs, and `data` carries what code actions need, so they are
 * lookups instead of a second analysis.
 */
import { type Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver/node';
import { type Finding, type Fix, ruleDocsUrl, type Severity } from '../engine/index';
import type { ConfigProblem } from './configs';

export const SOURCE = 'ai-posture';
const UNUSED_SUPPRESSION_RULE = 'AIP000';
const RULE_ID = /^AIP\d{3}$/;

export interface DiagnosticData {
  ruleId: string;
  fingerprint: string;
  /** Document version the fix edits were computed for; a code action on a newer version recomputes. */
  version?: number;
  fix?: Fix;
  expiredSuppression?: string;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Suppressed findings are not shown; expired suppressions are ordinary findings again. */
export function toDiagnostics(findings: readonly Finding[], version?: number, uri?: string): Diagnostic[] {
  return findings.filter((finding) => !finding.suppression).map((finding) => toDiagnostic(finding, version, uri));
}

/** `uri` is the file the finding is in: related locations (a data-flow source) point into it. */
export function toDiagnostic(finding: Finding, version?: number, uri?: string): Diagnostic {
  const data: DiagnosticData = {
    ruleId: finding.ruleId,
    fingerprint: finding.fingerprint,
    ...(version !== undefined ? { version } : {}),
    ...(finding.fix ? { fix: finding.fix } : {}),
    ...(finding.expiredSuppression ? { expiredSuppression: finding.expiredSuppression } : {}),
  };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    source: SOURCE,
    message: finding.message,
    ...(finding.ruleId === UNUSED_SUPPRESSION_RULE ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    ...(uri && finding.related?.length
      ? { relatedInformation: finding.related.map((related) => ({ location: { uri, range: related.range }, message: related.message })) }
      : {}),
    data,
  };
}

/** A malformed `.ai-posture.json`, shown on the file itself. */
export function configProblemDiagnostic(problem: ConfigProblem): Diagnostic {
  return {
    range: problem.range,
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    message: `${problem.message} (AI Posture uses the default configuration until this is fixed)`,
  };
}

/** Diagnostics this server produced for a rule (not config problems, not other tools'). */
export function ruleDiagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  return typeof data?.ruleId === 'string' && RULE_ID.test(data.ruleId) ? (data as DiagnosticData) : undefined;
}

export function isUnusedSuppression(ruleId: string): boolean {
  return ruleId === UNUSED_SUPPRESSION_RULE;
}
