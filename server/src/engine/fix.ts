import { LineIndex } from './text/lineIndex';
import type { AppendLine, Finding, Fix, TextEdit } from './types';

/**
 * Applies edits to a text from the end backwards. Edits that overlap an edit already applied are
 * skipped, so fixing every finding of a file in one go stays well-formed; callers can run again.
 * An edit identical to one already applied (the import several fixes of one file each add) is
 * applied once.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number } {
  const lines = new LineIndex(text);
  const spans = edits
    .map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end)
    // Fixes of one file may each carry the same edit (an `import os` every key's fix needs): once is enough.
    .filter((span, index, sorted) => index === 0 || !sameSpan(span, sorted[index - 1]));
  let result = text;
  let applied = 0;
  let floor = Number.POSITIVE_INFINITY;
  let previous: (typeof spans)[number] | undefined;
  for (const span of spans) {
    if (span.end > floor) continue;
    if (previous && span.start === previous.start && span.end === previous.end && span.newText === previous.newText) continue;
    previous = span;
    result = result.slice(0, span.start) + span.newText + result.slice(span.end);
    floor = span.start;
    applied++;
  }
  return { text: result, applied };
}

function sameSpan(a: { start: number; end: number; newText: string }, b: { start: number; end: number; newText: string }): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}

/** Which fixes a bulk fix ("fix all", `ai-posture fix`) applies. */
export interface FixSelection {
  /** Only fixes of this rule. */
  ruleId?: string;
  /** Also the `unsafe` fixes (`ai-posture fix --unsafe-fixes`); `display-only` fixes are never applied in bulk. */
  unsafe?: boolean;
}

/** Whether a bulk fix may apply this fix without a person looking at it. */
export function isBulkApplicable(fix: Fix, unsafe = false): boolean {
  return fix.applicability === 'safe' || (unsafe && fix.applicability === 'unsafe');
}

/** The edits of the bulk-applicable fixes of unsuppressed findings. */
export function bulkFixEdits(findings: readonly Finding[], selection: FixSelection = {}): TextEdit[] {
  const { ruleId, unsafe } = selection;
  return findings
    .filter((finding) => !finding.suppression && (!ruleId || finding.ruleId === ruleId))
    .flatMap((finding) => (finding.fix && isBulkApplicable(finding.fix, unsafe) ? finding.fix.edits : []));
}

/** The edits of the `safe` fixes of unsuppressed findings: what the editor's "fix all" applies. */
export function safeFixEdits(findings: readonly Finding[], ruleId?: string): TextEdit[] {
  return bulkFixEdits(findings, { ruleId });
}

/**
 * What to insert at the end of a file (`current`, empty when the file does not exist) so that it
 * holds `line`; undefined when it already has that line, so applying a fix twice changes nothing.
 */
export function appendLineInsertion(current: string, line: string): string | undefined {
  if (current.split(/\r?\n/).some((existing) => existing.trim() === line)) return undefined;
  const eol = current.includes('\r\n') ? '\r\n' : '\n';
  return `${current.length > 0 && !current.endsWith('\n') ? eol : ''}${line}${eol}`;
}

/** The lines that bulk-applicable fixes of unsuppressed findings add to other files, with their findings. */
export function bulkAppends(findings: readonly Finding[], selection: FixSelection = {}): { finding: Finding; append: AppendLine }[] {
  const { ruleId, unsafe } = selection;
  return findings
    .filter((finding) => !finding.suppression && (!ruleId || finding.ruleId === ruleId))
    .flatMap((finding) =>
      finding.fix && isBulkApplicable(finding.fix, unsafe) ? (finding.fix.appendTo ?? []).map((append) => ({ finding, append })) : [],
    );
}
