/** What the client can do (from `initialize`) and what the server offers in return. */
import {
  type ClientCapabilities,
  type InitializeParams,
  type ServerCapabilities,
  TextDocumentSyncKind,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { CODE_ACTION_KINDS } from './codeActions';
import { NOTEBOOK_SYNC } from './notebooks';

export interface ClientFeatures {
  /** `textDocument/diagnostic`: the client pulls open documents' diagnostics; otherwise the server pushes. */
  pullDiagnostics: boolean;
  /** `workspace/diagnostic/refresh`. */
  diagnosticRefresh: boolean;
  /** `workspace/configuration`. */
  configuration: boolean;
  /** Dynamic registration of `workspace/didChangeConfiguration` (how VS Code learns which section to report). */
  configurationRegistration: boolean;
  workspaceFolders: boolean;
  /** `window/workDoneProgress/create`. */
  workDoneProgress: boolean;
  /** Dynamic registration of `workspace/didChangeWatchedFiles`. */
  watcherRegistration: boolean;
  documentChanges: boolean;
}

export function clientFeatures(capabilities: ClientCapabilities): ClientFeatures {
  const { textDocument, workspace, window } = capabilities;
  return {
    pullDiagnostics: Boolean(textDocument?.diagnostic),
    diagnosticRefresh: Boolean(workspace?.diagnostics?.refreshSupport),
    configuration: Boolean(workspace?.configuration),
    configurationRegistration: Boolean(workspace?.didChangeConfiguration?.dynamicRegistration),
    workspaceFolders: Boolean(workspace?.workspaceFolders),
    workDoneProgress: Boolean(window?.workDoneProgress),
    watcherRegistration: Boolean(workspace?.didChangeWatchedFiles?.dynamicRegistration),
    documentChanges: Boolean(workspace?.workspaceEdit?.documentChanges),
  };
}

export function serverCapabilities(features: ClientFeatures): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    notebookDocumentSync: NOTEBOOK_SYNC,
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
    // Workspace-wide results (closed files) are pushed by the scan; see publisher.ts.
    ...(features.pullDiagnostics
      ? { diagnosticProvider: { identifier: 'ai-posture', interFileDependencies: false, workspaceDiagnostics: false } }
      : {}),
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}

/** `workspaceFolders`, or the single folder of the deprecated `rootUri`. */
export function initialFolders(params: InitializeParams): WorkspaceFolder[] {
  if (params.workspaceFolders) return params.workspaceFolders;
  if (params.rootUri) return [{ uri: params.rootUri, name: params.rootUri.slice(params.rootUri.lastIndexOf('/') + 1) }];
  return [];
}
