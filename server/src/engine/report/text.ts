/**
 * The human-readable report: findings grouped by file, one line each as
 * `path:line:col  severity  AIPnnn  message` (1-based, so terminals and editors can jump to it),
 * then a summary. Suppressed findings are counted, not listed.
 */
import type { FileNotice, Finding, Severity } from '../types';
import { countFindings, reportFindings, type ScanReport, type SeverityCounts } from './json';

export interface TextOptions {
  /** ANSI colours; the caller decides (a TTY and no `NO_COLOR`). */
  color?: boolean;
}

const ANSI = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[31m', yellow: '\u001b[33m', blue: '\u001b[34m' };

const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, information: ANSI.blue, hint: ANSI.dim };

type Paint = (code: string, text: string) => string;

function painter(color: boolean | undefined): Paint {
  return color ? (code, text) => (code ? `${code}${text}${ANSI.reset}` : text) : (_code, text) => text;
}

/** `severityWidth` pads the severity so the rule ids of a report line up. */
export function formatFindingLine(finding: Finding, paint: Paint = painter(false), severityWidth = 0): string {
  const location = `${finding.path}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
  const severity = paint(SEVERITY_COLOR[finding.severity], finding.severity.padEnd(severityWidth));
  return `${paint(ANSI.bold, location)}  ${severity}  ${paint(ANSI.dim, finding.ruleId)}  ${finding.message}`;
}

/** One line for a file the scan could not fully analyse (read error, parser failure, budget, size). */
export function formatNoticeLine(notice: FileNotice): string {
  return `${notice.path}: ${notice.kind === 'skipped' ? '' : `${notice.kind}: `}${notice.reason}`;
}

export function formatText(report: ScanReport, options: TextOptions = {}): string {
  const paint = painter(options.color);
  const findings = reportFindings(report);
  const shown = findings.filter((finding) => !finding.suppression);
  const severityWidth = Math.max(0, ...shown.map((finding) => finding.severity.length));
  // Test code is listed after the product code, under its own heading, so it cannot drown it.
  const productCode = fileGroups(
    shown.filter((finding) => !finding.testCode),
    paint,
    severityWidth,
  );
  const testFindings = shown.filter((finding) => finding.testCode);
  const testCode = fileGroups(testFindings, paint, severityWidth);
  if (testCode.length > 0) testCode.unshift(paint(ANSI.bold, `In test code (${plural(testFindings.length, 'finding')}):`));
  const summary = summaryLines(report, countFindings(findings), testFindings.length, paint);
  return `${[...productCode, ...testCode, summary.join('\n')].join('\n\n')}\n`;
}

/** Findings (sorted by path) as one block of lines per file. */
function fileGroups(findings: readonly Finding[], paint: Paint, severityWidth: number): string[] {
  const groups: string[] = [];
  let current: string[] = [];
  let currentPath: string | undefined;
  for (const finding of findings) {
    if (finding.path !== currentPath && current.length > 0) {
      groups.push(current.join('\n'));
      current = [];
    }
    currentPath = finding.path;
    current.push(formatFindingLine(finding, paint, severityWidth));
  }
  if (current.length > 0) groups.push(current.join('\n'));
  return groups;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 || word === 'information' ? '' : 's'}`;
}

function summaryLines(report: ScanReport, counts: SeverityCounts, inTestCode: number, paint: Paint): string[] {
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const parts = [
    paint(counts.error > 0 ? ANSI.red : '', plural(counts.error, 'error')),
    paint(counts.warning > 0 ? ANSI.yellow : '', plural(counts.warning, 'warning')),
    plural(counts.information, 'information'),
    plural(counts.hint, 'hint'),
  ];
  const testPart = inTestCode > 0 ? ` (${inTestCode} in test code)` : '';
  const headline = total === 0 ? 'No findings' : `${plural(total, 'finding')}${testPart}: ${parts.join(', ')}`;
  const { stats } = report;
  const skipped = Object.entries(stats.skipped)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reason, count]) => `${count} ${reason}`);
  const scope = [
    `${plural(stats.filesAnalysed, 'file')} analysed`,
    ...(stats.modelFiles > 0 ? [`${plural(stats.modelFiles, 'model file')} found`] : []),
    ...(skipped.length > 0 ? [`skipped: ${skipped.join(', ')}`] : []),
    formatDuration(stats.durationMs),
  ];
  return [
    `${paint(ANSI.bold, headline)}${counts.suppressed > 0 ? ` (${counts.suppressed} suppressed)` : ''}`,
    `${scope.join('; ')}${stats.cancelled ? ' (cancelled)' : ''}`,
  ];
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
