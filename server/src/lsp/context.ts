/**
 * The server's state, built once the client has said what it supports. Handlers receive the parts
 * they need; nothing here is a global.
 */
import type { Connection, InitializeParams, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzer } from './analyzer';
import { BomStore } from './bomStore';
import { CacheFiles, storagePathOf } from './cacheFiles';
import { type ClientFeatures, clientFeatures, initialFolders } from './capabilities';
import { ConfigStore } from './configs';
import { DiskFiles } from './diskFiles';
import { PushValidator } from './documents';
import { WorkspaceFolders } from './folders';
import type { OpenNotebooks } from './notebooks';
import { NoticeLog } from './notices';
import { Publisher } from './publisher';
import { ResultStore } from './results';
import { SettingsStore } from './settings';
import { WorkspaceRuleFindings } from './workspaceRuleFindings';
import { WorkspaceScanner } from './workspaceScan';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  notebooks: OpenNotebooks;
  features: ClientFeatures;
  folders: WorkspaceFolders;
  settings: SettingsStore;
  configs: ConfigStore;
  results: ResultStore;
  notices: NoticeLog;
  publisher: Publisher;
  analyzer: DocumentAnalyzer;
  diskFiles: DiskFiles;
  /** The last scan's workspace-rule findings, added to per-file analyses. */
  workspaceFindings: WorkspaceRuleFindings;
  scanner: WorkspaceScanner;
  validator: PushValidator;
  /** The AI-BOM of each folder, kept per file (see `bom.ts`). */
  bom: BomStore;
  /** Each folder's analysis cache on disk, between sessions. */
  cacheFiles: CacheFiles;
}

export function createContext(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  params: InitializeParams,
  notebooks: OpenNotebooks,
): ServerContext {
  const features = clientFeatures(params.capabilities);
  const folders = new WorkspaceFolders(initialFolders(params));
  const settings = new SettingsStore(connection, features.configuration);
  const configs = new ConfigStore(settings, connection);
  const results = new ResultStore();
  const notices = new NoticeLog(connection.console);
  const publisher = new Publisher(connection, documents, results, configs, () => notebooks.files());
  const workspaceFindings = new WorkspaceRuleFindings();
  const analyzer = new DocumentAnalyzer(documents, folders, configs, results, notices, workspaceFindings);
  const bom = new BomStore({ documents, folders, configs });
  const cacheFiles = new CacheFiles(storagePathOf(params.initializationOptions), (message) => connection.console.warn(message));
  const scanner = new WorkspaceScanner({
    connection,
    documents,
    folders,
    configs,
    results,
    publisher,
    notices,
    inventory: bom,
    cacheFiles,
    workspaceFindings,
  });
  const diskFiles = new DiskFiles({
    folders,
    configs,
    results,
    publisher,
    notices,
    tracks: (folder) => scanner.hasScanned(folder),
    workspaceFindings,
  });
  const validator = new PushValidator({ connection, documents, analyzer, publisher, diskFiles, pullDiagnostics: features.pullDiagnostics });
  return {
    connection,
    documents,
    notebooks,
    features,
    folders,
    settings,
    configs,
    results,
    notices,
    publisher,
    analyzer,
    diskFiles,
    scanner,
    validator,
    bom,
    cacheFiles,
    workspaceFindings,
  };
}
