/**
 * How risky each AI-BOM component is: the server's current unsuppressed findings on the lines of
 * its occurrences, or anywhere in the file for components that are a whole file (model files,
 * prompts, plugin configurations found without a line). Occurrence lines are 1-based, finding
 * ranges 0-based.
 */
import type { AiComponent, Occurrence, Severity } from '../engine/index';
import type { SeverityCounts } from '../shared/protocol';
import type { CurrentEntry } from './results';
import { isNotebookCell } from './uris';

interface Placed {
  /** Zero-based; undefined when the line is not the file's (a notebook cell's lines are the cell's). */
  line: number | undefined;
  severity: Severity;
}

/** Where an occurrence lets findings count: the whole file, or one 0-based line. */
interface Spots {
  wholeFile: boolean;
  lines: Set<number>;
}

/** The unsuppressed findings of the server's current results, by folder and workspace-relative path. */
export class FindingIndex {
  private readonly byFile = new Map<string, Placed[]>();

  constructor(entries: readonly CurrentEntry[]) {
    for (const entry of entries) {
      if (!entry.folderUri) continue;
      const cell = isNotebookCell(entry.uri);
      const key = fileKey(entry.folderUri, entry.result.path);
      const placed = this.byFile.get(key) ?? [];
      for (const finding of entry.result.findings) {
        if (!finding.suppression) placed.push({ line: cell ? undefined : finding.range.start.line, severity: finding.severity });
      }
      if (placed.length > 0) this.byFile.set(key, placed);
    }
  }

  /** Each finding counts once per component, however many of its occurrences share the line. */
  counts(folderUri: string, component: AiComponent): SeverityCounts {
    const counts: SeverityCounts = { error: 0, warning: 0, information: 0, hint: 0 };
    for (const [file, spots] of spotsByFile(component)) {
      for (const finding of this.byFile.get(fileKey(folderUri, file)) ?? []) {
        if (spots.wholeFile || (finding.line !== undefined && spots.lines.has(finding.line))) counts[finding.severity]++;
      }
    }
    return counts;
  }
}

function spotsByFile(component: AiComponent): Map<string, Spots> {
  const byFile = new Map<string, Spots>();
  for (const occurrence of component.occurrences) {
    let spots = byFile.get(occurrence.path);
    if (!spots) {
      spots = { wholeFile: false, lines: new Set() };
      byFile.set(occurrence.path, spots);
    }
    if (isFileLevel(component, occurrence)) spots.wholeFile = true;
    else if (occurrence.line !== undefined) spots.lines.add(occurrence.line - 1);
  }
  return byFile;
}

function isFileLevel(component: AiComponent, occurrence: Occurrence): boolean {
  return component.kind === 'modelFile' || component.kind === 'prompt' || (component.kind === 'plugin' && occurrence.line === undefined);
}

function fileKey(folderUri: string, relativePath: string): string {
  return `${folderUri}\u0000${relativePath}`;
}
