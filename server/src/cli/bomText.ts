/**
 * The AI-BOM in the text report: a one-line count per kind after the findings summary, the full
 * inventory as a table with `--bom`, and the changes since `--baseline`.
 */
import type { AiBom, AiComponent, ComponentKind } from '../engine/index';
import { type BomChange, type BomChanges, formatOccurrence } from './baseline';

const ANSI = { reset: '\u001b[0m', bold: '\u001b[1m', red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m' };

type Paint = (code: string, text: string) => string;

export function painter(color: boolean): Paint {
  return color ? (code, text) => `${code}${text}${ANSI.reset}` : (_code, text) => text;
}

/** Singular and plural nouns per kind, in the order the BOM lists kinds. */
const KIND_NOUNS: Record<ComponentKind, [string, string]> = {
  sdk: ['SDK', 'SDKs'],
  model: ['model', 'models'],
  modelFile: ['model file', 'model files'],
  service: ['service', 'services'],
  plugin: ['plugin', 'plugins'],
  prompt: ['prompt', 'prompts'],
  dataset: ['dataset', 'datasets'],
};

function count(n: number, [one, many]: [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `AI-BOM: 22 components (11 SDKs, 5 models, …)`. */
export function bomSummaryLine(bom: AiBom, listed: boolean): string {
  const total = bom.components.length;
  if (total === 0) return 'AI-BOM: no AI components found';
  const perKind = (Object.keys(KIND_NOUNS) as ComponentKind[])
    .map((kind) => [kind, bom.components.filter((component) => component.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => count(n, KIND_NOUNS[kind]));
  return `AI-BOM: ${count(total, ['component', 'components'])} (${perKind.join(', ')})${listed ? '' : '; --bom lists them'}`;
}

/** SDKs of different ecosystems can share a name (`openai` on npm and PyPI): show `pypi/openai`. */
function displayName(kind: string, name: string, ecosystem: string | undefined): string {
  return kind === 'sdk' && ecosystem ? `${ecosystem}/${name}` : name;
}

/** The whole inventory, one row per component, in BOM order. */
export function bomTable(bom: AiBom, paint: Paint): string {
  if (bom.components.length === 0) return '';
  const header = ['KIND', 'NAME', 'VERSION', 'PROVIDER', 'FIRST OCCURRENCE'];
  const rows = bom.components.map((component: AiComponent) => [
    component.kind,
    displayName(component.kind, component.name, component.ecosystem),
    component.version ?? '-',
    component.provider ?? '-',
    component.occurrences[0] ? formatOccurrence(component.occurrences[0]) : '-',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [paint(ANSI.bold, line(header)), ...rows.map(line)].join('\n');
}

/** The pieces of the `--baseline` section: a headline and one `+`, `-` or `~` line per entry. */
export function bomChangesText(changes: BomChanges, paint: Paint): string {
  const { added, removed, changed } = changes;
  const headline = `AI-BOM changes since baseline ${changes.baseline}`;
  if (added.length + removed.length + changed.length === 0) return `${paint(ANSI.bold, headline)}: none`;
  const tally = `${added.length} added, ${removed.length} removed, ${changed.length} changed`;
  const lines = [
    ...added.map((entry) => `${paint(ANSI.green, '+')} ${describe(entry)}${where(entry, 'first occurrence')}`),
    ...removed.map((entry) => `${paint(ANSI.red, '-')} ${describe(entry)}${where(entry, 'was at')}`),
    ...changed.map(
      ({ before, after }) =>
        `${paint(ANSI.yellow, '~')} ${describe(after, false)} ${transition(before, after)}${where(after, 'first occurrence')}`,
    ),
  ];
  return [`${paint(ANSI.bold, headline)}: ${tally}`, ...lines].join('\n');
}

function describe(entry: BomChange, withVersion = true): string {
  const name = displayName(entry.kind, entry.name, entry.purl ? /^pkg:([^/]+)\//.exec(entry.purl)?.[1] : undefined);
  return `${entry.kind} ${name}${withVersion && entry.version ? `@${entry.version}` : ''}`;
}

/** `1.2.0 → 1.3.0`, or `content changed` when only the hash differs (an edited prompt, new weights). */
function transition(before: BomChange, after: BomChange): string {
  if (before.version !== after.version) return `${before.version ?? 'unversioned'} → ${after.version ?? 'unversioned'}`;
  return 'content changed';
}

function where(entry: BomChange, label: string): string {
  return entry.occurrence ? ` (${label} ${formatOccurrence(entry.occurrence)})` : '';
}

/** One stderr line naming what was added, for CI logs when no text report is printed. */
export function addedLine(changes: BomChanges): string {
  const names = changes.added.map((entry) => describe(entry));
  const shown = names.length > 5 ? [...names.slice(0, 5), `and ${names.length - 5} more`] : names;
  return `${count(changes.added.length, ['AI component', 'AI components'])} added since baseline ${changes.baseline}: ${shown.join(', ')}`;
}
