/**
 * `--baseline BOM.cdx.json`: reads a previous BOM (ours or another CycloneDX tool's) and lists the
 * AI components added, removed and changed since, each with the first place it is (or was) found.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type AiBom, type BomEntry, bomDiff, bomEntries } from '../engine/index';
import { UsageError } from './usageError';

export interface Baseline {
  /** As given on the command line (for messages). */
  file: string;
  document: unknown;
}

/** Where an entry is first found: `path` with a 1-based `line` when the BOM says. */
export interface EntryOccurrence {
  path: string;
  line?: number;
}

export interface BomChange extends BomEntry {
  occurrence?: EntryOccurrence;
}

/** The `bomChanges` field of the JSON report. */
export interface BomChanges {
  baseline: string;
  added: BomChange[];
  removed: BomChange[];
  changed: { before: BomChange; after: BomChange }[];
}

type Json = Record<string, unknown>;

/** Reads and checks the baseline before any scanning, so a bad file fails fast with one line. */
export function readBaseline(file: string, cwd: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, false);
  }
  let document: unknown;
  try {
    // Editors on Windows may save JSON with a byte-order mark.
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`baseline ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, false);
  }
  try {
    bomEntries(document);
  } catch {
    throw new UsageError(`baseline ${file} is not a CycloneDX JSON BOM`, false);
  }
  return { file, document };
}

export function bomChanges(baseline: Baseline, bom: AiBom): BomChanges {
  const diff = bomDiff(baseline.document, bom);
  const now = currentOccurrences(bom);
  const before = baselineOccurrences(baseline.document);
  const withOccurrence = (entry: BomEntry, where: Map<string, EntryOccurrence>): BomChange => {
    const occurrence = where.get(entry.key);
    return occurrence ? { ...entry, occurrence } : entry;
  };
  return {
    baseline: baseline.file,
    added: diff.added.map((entry) => withOccurrence(entry, now)),
    removed: diff.removed.map((entry) => withOccurrence(entry, before)),
    changed: diff.changed.map((change) => ({ before: withOccurrence(change.before, before), after: withOccurrence(change.after, now) })),
  };
}

/** `bomEntries` of an inventory lists its components in order, so the two zip. */
function currentOccurrences(bom: AiBom): Map<string, EntryOccurrence> {
  const entries = bomEntries(bom);
  const found = new Map<string, EntryOccurrence>();
  bom.components.forEach((component, index) => {
    const first = component.occurrences[0];
    const key = entries[index]?.key;
    if (first && key && !found.has(key)) found.set(key, { path: first.path, ...(first.line ? { line: first.line } : {}) });
  });
  return found;
}

/**
 * The first occurrence of each baseline entry: CycloneDX `evidence.occurrences`, our services'
 * `ai-posture:occurrence` properties, or an inventory's `occurrences`. Each item is keyed by asking
 * `bomEntries` about it alone, so the keys are the ones the diff uses.
 */
function baselineOccurrences(document: unknown): Map<string, EntryOccurrence> {
  const found = new Map<string, EntryOccurrence>();
  const keep = (item: Json, key: string | undefined) => {
    const occurrence = firstOccurrence(item);
    if (key && occurrence && !found.has(key)) found.set(key, occurrence);
  };
  const root = document as Json;
  if (root.bomFormat !== 'CycloneDX') {
    const items = Array.isArray(root.components) ? (root.components as Json[]) : [];
    bomEntries(document).forEach((entry, index) => {
      keep(items[index] ?? {}, entry.key);
    });
    return found;
  }
  const walk = (list: unknown, field: 'components' | 'services') => {
    for (const item of Array.isArray(list) ? (list as Json[]) : []) {
      if (!item || typeof item !== 'object') continue;
      const alone = { ...item, components: undefined, services: undefined };
      keep(item, bomEntries({ bomFormat: 'CycloneDX', [field]: [alone] })[0]?.key);
      walk(item.components, 'components');
      walk(item.services, 'services');
    }
  };
  walk(root.components, 'components');
  walk(root.services, 'services');
  return found;
}

function firstOccurrence(item: Json): EntryOccurrence | undefined {
  const evidence = (item.evidence as Json | undefined)?.occurrences;
  const cdx = Array.isArray(evidence) ? (evidence[0] as Json | undefined) : undefined;
  if (typeof cdx?.location === 'string') return place(cdx.location, cdx.line);
  const own = Array.isArray(item.occurrences) ? (item.occurrences[0] as Json | undefined) : undefined;
  if (typeof own?.path === 'string') return place(own.path, own.line);
  const properties = Array.isArray(item.properties) ? (item.properties as Json[]) : [];
  const property = properties.find((entry) => entry?.name === 'ai-posture:occurrence')?.value;
  if (typeof property !== 'string') return undefined;
  const match = /^(.*):(\d+)$/.exec(property);
  return match ? place(match[1], Number(match[2])) : place(property, undefined);
}

function place(file: string, line: unknown): EntryOccurrence {
  return typeof line === 'number' && line > 0 ? { path: file, line } : { path: file };
}

/** `path:line`, or the path alone for a whole-file occurrence. */
export function formatOccurrence(occurrence: EntryOccurrence): string {
  return occurrence.line ? `${occurrence.path}:${occurrence.line}` : occurrence.path;
}
