/**
 * Workspace scans: every (outermost) workspace folder through the engine's `scanWorkspace`, with
 * work-done progress and cancellation (the user cancels the progress, the client cancels the
 * request, or a newer scan supersedes this one). Results of closed files are pushed; open files
 * keep reporting through their documents (see `publisher.ts`).
 */
import * as path from 'node:path';
import type {
  CancellationToken,
  Connection,
  TextDocuments,
  WorkDoneProgressReporter,
  WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type CancellationSignal, type ScanStats, scanWorkspace, type WorkspaceScan } from '../engine/index';
import type { RescanResult } from '../shared/protocol';
import type { InventorySink } from './bomStore';
import type { CacheFiles } from './cacheFiles';
import { type ConfigStore, folderScope } from './configs';
import type { Folder, WorkspaceFolders } from './folders';
import type { NoticeLog } from './notices';
import type { Publisher } from './publisher';
import type { ResultStore } from './results';
import { fileUriOf, isNotebookCell, pathToUri } from './uris';
import type { WorkspaceRuleFindings } from './workspaceRuleFindings';

const PROGRESS_INTERVAL_MS = 200;

interface Totals {
  filesAnalysed: number;
  findings: number;
  cacheHits: number;
}

export interface ScanDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  folders: WorkspaceFolders;
  configs: ConfigStore;
  results: ResultStore;
  publisher: Publisher;
  notices: NoticeLog;
  /** Receives each file's AI-BOM partial as the scan collects it. */
  inventory?: InventorySink;
  /** Loads each folder's saved cache before its first scan and saves it after each complete one. */
  cacheFiles?: CacheFiles;
  /** Keeps each complete scan's workspace-rule findings for per-file analyses. */
  workspaceFindings?: WorkspaceRuleFindings;
}

/** One scan; cancelled by any of its tokens or by a newer scan. */
class ScanRun {
  superseded = false;
  private readonly tokens: CancellationToken[] = [];
  readonly signal: CancellationSignal;

  constructor(...tokens: (CancellationToken | undefined)[]) {
    for (const token of tokens) this.watch(token);
    const run = this;
    this.signal = {
      get isCancellationRequested() {
        return run.superseded || run.tokens.some((token) => token.isCancellationRequested);
      },
    };
  }

  watch(token: CancellationToken | undefined): void {
    if (token) this.tokens.push(token);
  }
}

export class WorkspaceScanner {
  private current: ScanRun | undefined;
  private readonly scanned = new Set<string>();
  private readonly stats = new Map<string, ScanStats>();

  constructor(private readonly deps: ScanDeps) {}

  /** Whether closed-file results are kept for the folder (a scan of it completed). */
  hasScanned(folder: Folder): boolean {
    return this.scanned.has(folder.uri);
  }

  lastStats(folder: Folder): ScanStats | undefined {
    return this.stats.get(folder.uri);
  }

  cancel(): void {
    if (this.current) this.current.superseded = true;
  }

  /** Scans the folders (all by default); a scan already running is cancelled first. */
  async rescan(folders: Folder[] = this.deps.folders.roots(), token?: CancellationToken): Promise<RescanResult> {
    this.cancel();
    const run = new ScanRun(token);
    this.current = run;
    const started = Date.now();
    const totals: Totals = { filesAnalysed: 0, findings: 0, cacheHits: 0 };
    const progress = await this.startProgress(run);
    this.deps.publisher.setScanning(true);
    try {
      for (const folder of folders) {
        if (run.signal.isCancellationRequested) break;
        await this.scanFolder(folder, run, progress, totals);
      }
    } finally {
      progress.done();
      if (this.current === run) {
        this.current = undefined;
        this.deps.publisher.setScanning(false);
      }
    }
    return { ...totals, durationMs: Date.now() - started, cancelled: run.signal.isCancellationRequested };
  }

  /** Drops a folder's closed-file results (folder removed or disabled). */
  forget(folder: Folder): void {
    const { results, publisher } = this.deps;
    this.scanned.delete(folder.uri);
    this.stats.delete(folder.uri);
    this.deps.inventory?.forget(folder);
    const openFiles = publisher.openFiles();
    for (const uri of results.diskFiles(folder.uri)) {
      results.deleteDisk(uri);
      publisher.closedFile(uri, openFiles);
    }
    publisher.summary();
  }

  private async scanFolder(folder: Folder, run: ScanRun, progress: WorkDoneProgressReporter, totals: Totals): Promise<void> {
    const { configs, connection } = this.deps;
    try {
      const { config, settings } = await configs.resolve(folderScope(folder));
      if (!settings.enable) {
        this.forget(folder);
        return;
      }
      const done = totals.filesAnalysed;
      let reported = 0;
      this.deps.inventory?.scanStarted(folder);
      this.deps.cacheFiles?.loadOnce(folder);
      const scan = await scanWorkspace(folder.root, config, {
        signal: run.signal,
        background: true,
        cache: folder.cache,
        overlay: this.overlay(folder),
        onInventory: (relativePath, partial) => this.deps.inventory?.file(folder, relativePath, partial),
        onProgress: (filesDone, relativePath) => {
          if (Date.now() - reported < PROGRESS_INTERVAL_MS) return;
          reported = Date.now();
          progress.report(`${done + filesDone} files analysed (${relativePath})`);
        },
      });
      if (run.superseded) return;
      if (!scan.stats.cancelled) folder.project = scan.project;
      totals.filesAnalysed += scan.stats.filesAnalysed;
      totals.cacheHits += scan.stats.pipeline?.cacheHits ?? 0;
      totals.findings += scan.files.reduce((sum, file) => sum + file.findings.filter((finding) => !finding.suppression).length, 0);
      this.publish(folder, scan);
    } catch (error) {
      this.deps.inventory?.scanEnded(folder, false);
      connection.console.error(
        `Scanning ${folder.root} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  }

  /** Stores and pushes a folder's results; a complete scan also clears files that have no findings any more. */
  private publish(folder: Folder, scan: WorkspaceScan): void {
    const { results, publisher, notices } = this.deps;
    const openFiles = publisher.openFiles();
    const seen = new Set<string>();
    for (const file of scan.files) {
      const uri = pathToUri(path.join(folder.root, ...file.path.split('/')));
      seen.add(uri);
      results.setDisk(uri, folder.uri, file);
      publisher.closedFile(uri, openFiles);
      notices.report(file.notices);
    }
    if (!scan.stats.cancelled) {
      for (const uri of results.diskFiles(folder.uri)) {
        if (seen.has(uri)) continue;
        results.deleteDisk(uri);
        publisher.closedFile(uri, openFiles);
      }
      this.scanned.add(folder.uri);
      this.stats.set(folder.uri, scan.stats);
      this.deps.workspaceFindings?.update(folder.uri, scan.files);
      this.deps.cacheFiles?.scheduleSave(folder);
    }
    this.deps.inventory?.scanEnded(folder, !scan.stats.cancelled);
    publisher.summary();
  }

  /** Open buffers win over the disk: their unsaved text is what the user sees. */
  private overlay(folder: Folder): (relativePath: string) => string | undefined {
    const byFile = new Map<string, string>();
    for (const document of this.deps.documents.all()) {
      const fileUri = fileUriOf(document.uri);
      if (fileUri && !isNotebookCell(document.uri)) byFile.set(fileUri, document.uri);
    }
    return (relativePath) => {
      const documentUri = byFile.get(pathToUri(path.join(folder.root, ...relativePath.split('/'))));
      return documentUri ? this.deps.documents.get(documentUri)?.getText() : undefined;
    };
  }

  private async startProgress(run: ScanRun): Promise<WorkDoneProgressReporter> {
    let progress: WorkDoneProgressServerReporter | undefined;
    try {
      progress = await this.deps.connection.window.createWorkDoneProgress();
    } catch {
      // The client refused a progress token: scan without one.
    }
    if (!progress) return NO_PROGRESS;
    run.watch(progress.token);
    progress.begin('AI Posture', undefined, 'Scanning the workspace…', true);
    return progress;
  }
}

const NO_PROGRESS: WorkDoneProgressReporter = { begin() {}, report() {}, done() {} };
