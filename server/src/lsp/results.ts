/**
 * The latest results the server knows: per file on disk (workspace scan, watched files) and per
 * open document (its buffer). An open document's results replace its file's disk results in the
 * summary counts, so nothing is counted twice.
 */
import type { FileResult, Finding } from '../engine/index';
import type { SummaryParams } from '../shared/protocol';

interface DiskEntry {
  folderUri: string;
  result: FileResult;
}

export interface OpenEntry {
  /** The file the document shows (the notebook for a cell), when it has one. */
  fileUri?: string;
  folderUri?: string;
  /** False for a notebook cell: its results are a part of the file's, not all of them. */
  wholeFile: boolean;
  result: FileResult;
}

export type Counts = SummaryParams['counts'];

/** One file's results as `ResultStore.current` lists them. */
export interface CurrentEntry {
  /** The open document's URI, or the file's for disk results. */
  uri: string;
  folderUri?: string;
  /** From an open document's buffer rather than the disk. */
  open: boolean;
  result: FileResult;
}

export class ResultStore {
  private readonly disk = new Map<string, DiskEntry>();
  private readonly open = new Map<string, OpenEntry>();
  private readonly listeners: (() => void)[] = [];

  /** Called after every change (the AI-BOM counts findings per component; see `bom.ts`). */
  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  setDisk(fileUri: string, folderUri: string, result: FileResult): void {
    this.disk.set(fileUri, { folderUri, result });
    this.changed();
  }

  deleteDisk(fileUri: string): void {
    if (this.disk.delete(fileUri)) this.changed();
  }

  diskResult(fileUri: string): FileResult | undefined {
    return this.disk.get(fileUri)?.result;
  }

  /** Files of a folder with disk results. */
  diskFiles(folderUri: string): string[] {
    return [...this.disk].filter(([, entry]) => entry.folderUri === folderUri).map(([uri]) => uri);
  }

  /** Files with disk results at `fileUri` or below it (a deleted folder). */
  diskFilesUnder(fileUri: string): string[] {
    const prefix = fileUri.endsWith('/') ? fileUri : `${fileUri}/`;
    return [...this.disk.keys()].filter((uri) => uri === fileUri || uri.startsWith(prefix));
  }

  setOpen(documentUri: string, entry: OpenEntry): void {
    this.open.set(documentUri, entry);
    this.changed();
  }

  deleteOpen(documentUri: string): void {
    if (this.open.delete(documentUri)) this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** A folder's results, with the buffers of open documents winning over the disk (for reports). */
  folderResults(folderUri: string): FileResult[] {
    const byUri = new Map<string, FileResult>();
    for (const [uri, entry] of this.disk) if (entry.folderUri === folderUri) byUri.set(uri, entry.result);
    for (const entry of this.open.values()) {
      if (entry.fileUri && entry.wholeFile && entry.folderUri === folderUri) byUri.set(entry.fileUri, entry.result);
    }
    return [...byUri.values()]
      .filter((result) => result.findings.length > 0 || result.notices.length > 0)
      .sort((a, b) => a.path.localeCompare(b.path));
  }

  /**
   * Every file's latest results, each once, as `counts` sees them: an open document (keyed by its
   * own URI, a cell's included) wins over the disk results of the file it shows.
   */
  current(): CurrentEntry[] {
    const entries: CurrentEntry[] = [];
    const shownOpen = new Set<string>();
    for (const [uri, entry] of this.open) {
      if (entry.fileUri) shownOpen.add(entry.fileUri);
      entries.push({ uri, folderUri: entry.folderUri, open: true, result: entry.result });
    }
    for (const [uri, entry] of this.disk) {
      if (!shownOpen.has(uri)) entries.push({ uri, folderUri: entry.folderUri, open: false, result: entry.result });
    }
    return entries;
  }

  /** Unsuppressed findings across the workspace, per severity. */
  counts(): Counts {
    const counts: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
    const shownOpen = new Set<string>();
    for (const entry of this.open.values()) {
      if (entry.fileUri) shownOpen.add(entry.fileUri);
      add(counts, entry.result.findings);
    }
    for (const [uri, entry] of this.disk) if (!shownOpen.has(uri)) add(counts, entry.result.findings);
    return counts;
  }
}

function add(counts: Counts, findings: readonly Finding[]): void {
  for (const finding of findings) if (!finding.suppression) counts[finding.severity]++;
}
