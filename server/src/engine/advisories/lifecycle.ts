import lifecycleData from '../data/model-lifecycle.json';

/**
 * The bundled model lifecycle catalog (`data/model-lifecycle.json`): when a provider deprecated
 * or retired a model id, and what it recommends instead. Status is a function of a date, so a
 * CI run with `--as-of` gives the same answer on any day.
 */

export interface LifecycleEntry {
  id: string;
  provider: string;
  /** Azure deployments: only this model version is affected. */
  version?: string;
  deprecated?: string;
  retired: string;
  successor?: string;
  source: string;
  note?: string;
}

export type LifecycleStatus = 'active' | 'deprecated' | 'retired';

const data = lifecycleData as { dataDate: string; models: LifecycleEntry[] };

export const LIFECYCLE_DATA_DATE = data.dataDate;

export function allLifecycleEntries(): readonly LifecycleEntry[] {
  return data.models;
}

const byModel = new Map<string, LifecycleEntry[]>();
for (const entry of data.models) {
  const key = `${entry.provider}/${entry.id.toLowerCase()}`;
  byModel.set(key, [...(byModel.get(key) ?? []), entry]);
}

/** The entry for a model id of a provider, narrowed by the deployed version when the catalog lists versions. */
export function lifecycleEntry(provider: string, id: string, versions: readonly string[]): LifecycleEntry | undefined {
  const entries = byModel.get(`${provider}/${id.toLowerCase()}`) ?? [];
  return entries.find((entry) => entry.version === undefined || versions.includes(entry.version));
}

/** ISO dates compare as strings. */
export function statusOn(entry: LifecycleEntry, date: string): LifecycleStatus {
  if (date >= entry.retired) return 'retired';
  if (entry.deprecated && date >= entry.deprecated) return 'deprecated';
  return 'active';
}

/** The successor to recommend on a date: followed while the recommended model is itself retired by then. */
export function successorOn(entry: LifecycleEntry, date: string): string | undefined {
  let successor = entry.successor;
  const seen = new Set<string>();
  while (successor && !seen.has(successor)) {
    seen.add(successor);
    const next = lifecycleEntry(entry.provider, successor, []);
    if (!next || next.version !== undefined || statusOn(next, date) !== 'retired' || !next.successor) return successor;
    successor = next.successor;
  }
  return successor;
}
