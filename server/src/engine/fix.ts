import { LineIndex } from './text/lineIndex';
import type { Finding, TextEdit } from './types';

/**
 * Applies edits to a text from the end backwards. Edits that overlap an edit already applied are
 * skipped, so fixing every finding of a file in one go stays well-formed; callers can run again.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number } {
  const lines = new LineIndex(text);
  const spans = edits
    .map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let applied = 0;
  let floor = Number.POSITIVE_INFINITY;
  for (const span of spans) {
    if (span.end > floor) continue;
    result = result.slice(0, span.start) + span.newText + result.slice(span.end);
    floor = span.start;
    applied++;
  }
  return { text: result, applied };
}

/** The safe fixes of unsuppressed findings (snippet fixes need a human and are left out). */
export function safeFixEdits(findings: readonly Finding[], ruleId?: string): TextEdit[] {
  return findings
    .filter((finding) => finding.fix && !finding.fix.isSnippet && !finding.suppression && (!ruleId || finding.ruleId === ruleId))
    .flatMap((finding) => finding.fix?.edits ?? []);
}
