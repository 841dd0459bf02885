/**
 * `textDocument/diagnostic` (pull model). The client schedules the requests (on open, change and
 * save) and cancels the ones it no longer needs; an unchanged document, configuration and day
 * answer `unchanged`, and an analysis overtaken by a newer version asks the client to retry.
 */
import {
  type CancellationToken,
  type Connection,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type DocumentAnalyzer, STALE } from './analyzer';
import type { Publisher } from './publisher';

export interface PullDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  analyzer: DocumentAnalyzer;
  publisher: Publisher;
}

export function registerPullDiagnostics(deps: PullDeps): void {
  deps.connection.languages.diagnostics.on((params, token) => documentDiagnostics(deps, params, token));
}

async function documentDiagnostics(
  { documents, analyzer, publisher }: PullDeps,
  params: DocumentDiagnosticParams,
  token: CancellationToken,
): Promise<DocumentDiagnosticReport | ResponseError<{ retriggerRequest: boolean }>> {
  const document = documents.get(params.textDocument.uri);
  if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const resultId = analyzer.resultId(document);
  if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
  const analysis = await analyzer.analyse(document);
  if (token.isCancellationRequested)
    return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled', { retriggerRequest: false });
  if (analysis === STALE) return new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed', { retriggerRequest: true });
  publisher.summary();
  const items = analysis ? publisher.fileDiagnostics(analysis.target.fileUri, analysis.result.findings, analysis.version) : [];
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
}
