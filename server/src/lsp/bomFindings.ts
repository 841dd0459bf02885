/**
 * How risky each AI-BOM component is: the server's current unsuppressed findings where the engine
 * places the component (`findingSpots`: the lines of its occurrences, every line of an MCP server's
 * entry, or the whole file).
 */
import { type AiComponent, findingSpots, type Severity } from '../engine/index';
import type { SeverityCounts } from '../shared/protocol';
import type { CurrentEntry } from './results';
import { isNotebookCell } from './uris';

interface Placed {
  /** Zero-based; undefined when the line is not the file's (a notebook cell's lines are the cell's). */
  line: number | undefined;
  severity: Severity;
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
    for (const [file, spots] of findingSpots(component)) {
      for (const finding of this.byFile.get(fileKey(folderUri, file)) ?? []) {
        if (spots.wholeFile || (finding.line !== undefined && spots.lines.has(finding.line))) counts[finding.severity]++;
      }
    }
    return counts;
  }
}

function fileKey(folderUri: string, relativePath: string): string {
  return `${folderUri}\u0000${relativePath}`;
}
