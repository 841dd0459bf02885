import type { SummaryParams } from '../../server/src/shared/protocol';

/**
 * What the status bar item shows, computed without `vscode` so it can be tested in plain mocha.
 * `tone` picks the item's background: VS Code only allows the error and warning colours there.
 */
export interface StatusView {
  text: string;
  tooltip: string;
  tone: 'error' | 'warning' | 'none';
  /** Where a click goes: the findings, or the server's log when there are none to show. */
  target: 'problems' | 'output';
}

type Counts = SummaryParams['counts'];

const NAME = 'AI Posture';

/** Hints are left out of the count: VS Code does not list them in the Problems panel either. */
export function shownFindings(counts: Counts): number {
  return counts.error + counts.warning + counts.information;
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function countsLine(counts: Counts): string {
  return [
    plural(counts.error, 'error'),
    plural(counts.warning, 'warning'),
    `${counts.information} information`,
    plural(counts.hint, 'hint'),
  ].join(', ');
}

export function summaryView(summary: SummaryParams): StatusView {
  const { counts, scanning } = summary;
  const total = shownFindings(counts);
  const icon = scanning ? '$(sync~spin)' : '$(shield)';
  const headline = scanning ? `${NAME}: scanning the workspace…` : `${NAME}: ${plural(total, 'finding')} in the workspace`;
  const tone = counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'none';
  return {
    text: `${icon} ${NAME}: ${total}`,
    tooltip: [headline, countsLine(counts), '', 'Click to open the Problems panel.'].join('\n'),
    tone,
    target: 'problems',
  };
}

export function startingView(): StatusView {
  return { text: `$(sync~spin) ${NAME}`, tooltip: `${NAME}: starting the language server…`, tone: 'none', target: 'output' };
}

/** Running, but no summary has arrived yet (the first scan has not reported). */
export function idleView(): StatusView {
  return { text: `$(shield) ${NAME}`, tooltip: `${NAME}: no findings reported yet.`, tone: 'none', target: 'problems' };
}

export function stoppedView(): StatusView {
  return {
    text: `$(circle-slash) ${NAME}`,
    tooltip: `${NAME}: the language server is not running. Click to show its output; run "AI Posture: Restart Server" to start it again.`,
    tone: 'warning',
    target: 'output',
  };
}
