/**
 * Text document sync (incremental, through `TextDocuments`) and what opening, editing and closing
 * a document means for its diagnostics. Pull clients ask for an open document's diagnostics
 * themselves (and debounce); for push clients the server validates after a short quiet period.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type DocumentAnalyzer, STALE } from './analyzer';
import type { DiskFiles } from './diskFiles';
import type { Publisher } from './publisher';
import { fileUriOf } from './uris';

const PUSH_DEBOUNCE_MS = 150;

export interface DocumentDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  analyzer: DocumentAnalyzer;
  publisher: Publisher;
  diskFiles: DiskFiles;
  pullDiagnostics: boolean;
}

/** Validates open documents and pushes their diagnostics, for clients without pull diagnostics. */
export class PushValidator {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: DocumentDeps) {}

  schedule(document: TextDocument, delay = PUSH_DEBOUNCE_MS): void {
    clearTimeout(this.timers.get(document.uri));
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        void this.validate(document.uri);
      }, delay),
    );
  }

  validateAll(): void {
    for (const document of this.deps.documents.all()) this.schedule(document, 0);
  }

  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }

  private async validate(uri: string): Promise<void> {
    const { documents, analyzer, publisher, connection } = this.deps;
    const document = documents.get(uri);
    if (!document) return;
    try {
      const analysis = await analyzer.analyse(document);
      if (analysis === STALE) return; // The newer version has its own validation scheduled.
      const diagnostics = analysis ? publisher.fileDiagnostics(analysis.target.fileUri, analysis.result.findings, analysis.version) : [];
      publisher.pushDocument(uri, document.version, diagnostics);
      publisher.summary();
    } catch (error) {
      connection.console.error(`Analysing ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
}

export function registerDocumentHandlers(deps: DocumentDeps, validator: PushValidator): void {
  const { documents, analyzer, publisher, diskFiles, pullDiagnostics } = deps;
  documents.onDidOpen(({ document }) => publisher.documentOpened(document.uri));
  documents.onDidChangeContent(({ document }) => {
    if (!pullDiagnostics) validator.schedule(document);
  });
  documents.onDidClose(({ document }) => {
    validator.cancel(document.uri);
    analyzer.forget(document.uri);
    // A pull client drops a closed document's diagnostics itself; a push client needs telling.
    if (!pullDiagnostics) publisher.pushDocument(document.uri, undefined, []);
    const fileUri = fileUriOf(document.uri);
    // Back to the disk's view of the file: the buffer may have been closed without saving.
    if (fileUri) void diskFiles.refresh(fileUri);
    publisher.summary();
  });
}
