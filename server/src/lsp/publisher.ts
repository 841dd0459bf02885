/**
 * Everything the server pushes: diagnostics of files that are not open (workspace scan, watched
 * files, a malformed `.ai-posture.json`), diagnostics of open documents for clients without pull
 * diagnostics, and the `aiPosture/summary` counts.
 *
 * Who reports a file, so it is never reported twice: while a file is open, its document owns its
 * diagnostics (pulled, or pushed on the document's URI); while it is closed, the disk results are
 * pushed. Opening a file clears what was pushed for it from the disk.
 */
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SUMMARY_METHOD, type SummaryParams } from '../shared/protocol';
import type { ConfigStore } from './configs';
import { configProblemDiagnostic, toDiagnostics } from './diagnostics';
import type { ResultStore } from './results';
import { fileUriOf } from './uris';

const SUMMARY_DELAY_MS = 100;

export class Publisher {
  private readonly pushed = new Set<string>();
  private scanning = false;
  private summaryTimer: NodeJS.Timeout | undefined;
  private lastSummary = '';

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly results: ResultStore,
    private readonly configs: ConfigStore,
    /** `.ipynb` files open in a notebook editor (see `notebooks.ts`). */
    private readonly openNotebooks: () => Iterable<string> = () => [],
  ) {}

  /** The `file:` URIs the editor has open, as documents, as notebook cells or as notebooks. */
  openFiles(): Set<string> {
    const open = new Set<string>(this.openNotebooks());
    for (const document of this.documents.all()) {
      const fileUri = fileUriOf(document.uri);
      if (fileUri) open.add(fileUri);
    }
    return open;
  }

  /** Pushes the disk results of a closed file (an empty list clears it); open files are left to their document. */
  closedFile(fileUri: string, openFiles: Set<string> = this.openFiles()): void {
    if (openFiles.has(fileUri)) return;
    const diagnostics = this.fileDiagnostics(fileUri, this.results.diskResult(fileUri)?.findings ?? []);
    if (diagnostics.length === 0 && !this.pushed.has(fileUri)) return;
    if (diagnostics.length > 0) this.pushed.add(fileUri);
    else this.pushed.delete(fileUri);
    this.send(fileUri, diagnostics);
  }

  /** A document opened: what was pushed for its file from the disk goes, the document reports now. */
  documentOpened(documentUri: string): void {
    const fileUri = fileUriOf(documentUri);
    if (fileUri && this.pushed.delete(fileUri)) this.send(fileUri, []);
  }

  /** Diagnostics of a file's findings plus the problem of a `.ai-posture.json`, if the file is one. */
  fileDiagnostics(fileUri: string | undefined, findings: Parameters<typeof toDiagnostics>[0], version?: number): Diagnostic[] {
    const diagnostics = toDiagnostics(findings, version, fileUri);
    const problem = fileUri ? this.configs.problem(fileUri) : undefined;
    if (problem) diagnostics.push(configProblemDiagnostic(problem));
    return diagnostics;
  }

  /** Push clients only: the diagnostics of an open document. */
  pushDocument(documentUri: string, version: number | undefined, diagnostics: Diagnostic[]): void {
    this.connection.sendDiagnostics({ uri: documentUri, version, diagnostics }).catch(() => undefined);
  }

  setScanning(scanning: boolean): void {
    this.scanning = scanning;
    this.sendSummary();
  }

  /** Sends the counts soon (coalesced), if they changed. */
  summary(): void {
    this.summaryTimer ??= setTimeout(() => this.sendSummary(), SUMMARY_DELAY_MS);
  }

  private sendSummary(): void {
    clearTimeout(this.summaryTimer);
    this.summaryTimer = undefined;
    const params: SummaryParams = { counts: this.results.counts(), scanning: this.scanning };
    const text = JSON.stringify(params);
    if (text === this.lastSummary) return;
    this.lastSummary = text;
    this.connection.sendNotification(SUMMARY_METHOD, params).catch(() => undefined);
  }

  private send(uri: string, diagnostics: Diagnostic[]): void {
    this.connection.sendDiagnostics({ uri, diagnostics }).catch(() => undefined);
  }
}
