/**
 * A small LSP client for tests: it starts the BUILT server (`server/out/server.js --stdio`) as a
 * child process, speaks JSON-RPC through `vscode-languageserver-protocol`, answers the server's
 * requests (configuration, progress tokens, registrations, refresh) and records what it is sent.
 * Tests wait on conditions by polling, never by sleeping a fixed time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type ClientCapabilities,
  type CodeAction,
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  type Diagnostic,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type DocumentDiagnosticReport,
  DocumentDiagnosticRequest,
  ExitNotification,
  type FileEvent,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  LogMessageNotification,
  type ProgressToken,
  ProgressType,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkDoneProgressBegin,
  WorkDoneProgressCreateRequest,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { SummaryParams } from '../../server/src/shared/protocol';

import { ensureBuilt as ensureBundle, REPO, TORCH_LOAD } from '../support/bundles';

export { REPO, TORCH_LOAD };
export const SERVER = path.join(REPO, 'server', 'out', 'server.js');

/** Builds the bundles when the server bundle is missing or stale. */
export function ensureBuilt(): void {
  ensureBundle(SERVER);
}

/** A temporary folder with the given files (forward-slash relative paths); removed by `removeWorkspace`. */
export function makeWorkspace(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ai-posture-lsp-')));
  for (const [relative, text] of Object.entries(files)) writeFile(root, relative, text);
  return root;
}

export function writeFile(root: string, relative: string, text: string): string {
  const file = path.join(root, ...relative.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

export function removeWorkspace(root: string | undefined): void {
  if (root) fs.rmSync(root, { recursive: true, force: true });
}

export function uriOf(root: string, relative: string): string {
  return pathToFileURL(path.join(root, ...relative.split('/'))).href;
}

export interface StartOptions {
  /** Declare `textDocument.diagnostic` (pull diagnostics). */
  pull: boolean;
  /** Workspace folders (file system paths). */
  folders?: string[];
  /** Send the folders as the deprecated `rootUri` instead of `workspaceFolders`. */
  rootUriOnly?: boolean;
  /** Answer to `workspace/configuration` for the `aiPosture` section. */
  settings?: (scopeUri: string | undefined) => unknown;
  /** Sent as `initializationOptions` (the VS Code client sends the extension's storage folder). */
  initializationOptions?: unknown;
  /** Node options for the server process (for example `--cpu-prof` when profiling a benchmark). */
  execArgv?: string[];
  /** Arguments after the server script (the VS Code client passes `--code-cache <folder>`). */
  serverArgs?: string[];
  /** The `trace` of `initialize` (`verbose` asks the server to log the most). */
  trace?: 'off' | 'messages' | 'verbose';
}

export interface ProgressEvent {
  token: ProgressToken;
  value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;
}

export class TestClient {
  readonly published = new Map<string, PublishDiagnosticsParams>();
  readonly publishCount = new Map<string, number>();
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  readonly createdTokens: ProgressToken[] = [];
  readonly progress: ProgressEvent[] = [];
  readonly registrations: Registration[] = [];
  readonly summaries: SummaryParams[] = [];
  readonly configurationScopes: (string | undefined)[] = [];
  refreshRequests = 0;
  settings: (scopeUri: string | undefined) => unknown;
  stderr = '';
  /** Every byte the server wrote to stdout: all it ever sent the client (responses, notifications, logs). */
  rawOutput = '';
  private readonly documents = new Map<string, TextDocument>();

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    readonly options: StartOptions,
  ) {
    this.settings = options.settings ?? (() => ({}));
    child.stderr?.on('data', (chunk) => {
      this.stderr += String(chunk);
    });
    child.stdout?.on('data', (chunk) => {
      this.rawOutput += String(chunk);
    });
    this.listen();
  }

  /** Starts the server and completes `initialize` / `initialized`. */
  static async start(options: StartOptions): Promise<{ client: TestClient; result: InitializeResult }> {
    const child = spawn(process.execPath, [...(options.execArgv ?? []), SERVER, '--stdio', ...(options.serverArgs ?? [])], {
      cwd: os.tmpdir(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
      new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
    );
    const client = new TestClient(child, connection, options);
    connection.listen();
    // A server that dies while starting fails the test at once, with its stderr, instead of a timeout.
    const died = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`the server exited (${code}) during initialize:\n${client.stderr}`))),
    );
    const result = await Promise.race([client.initialize(), died]);
    died.catch(() => undefined);
    return { client, result };
  }

  /** The server's process id (benchmarks read its memory from `/proc`). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  private listen(): void {
    const { connection } = this;
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.set(params.uri, params);
      this.publishCount.set(params.uri, (this.publishCount.get(params.uri) ?? 0) + 1);
    });
    connection.onNotification(ShowMessageNotification.type, (params) => {
      this.messages.push(params);
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
    });
    connection.onNotification('aiPosture/summary', (params: SummaryParams) => {
      this.summaries.push(params);
    });
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => {
        this.configurationScopes.push(item.scopeUri);
        return item.section === 'aiPosture' ? this.settings(item.scopeUri) : null;
      }),
    );
    connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      this.createdTokens.push(params.token);
      connection.onProgress(new ProgressType<ProgressEvent['value']>(), params.token, (value) => {
        this.progress.push({ token: params.token, value });
      });
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
    });
    connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshRequests++;
    });
  }

  private async initialize(): Promise<InitializeResult> {
    const folders = (this.options.folders ?? []).map((folder) => ({ uri: pathToFileURL(folder).href, name: path.basename(folder) }));
    const capabilities: ClientCapabilities = {
      textDocument: {
        synchronization: { dynamicRegistration: false },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
        publishDiagnostics: { versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
        ...(this.options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceFolders: !this.options.rootUriOnly,
        didChangeWatchedFiles: { dynamicRegistration: true },
        diagnostics: { refreshSupport: true },
        workspaceEdit: { documentChanges: true },
      },
      window: { workDoneProgress: true },
    };
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: this.options.rootUriOnly ? null : folders,
      capabilities,
      ...(this.options.trace ? { trace: this.options.trace } : {}),
      ...(this.options.initializationOptions !== undefined ? { initializationOptions: this.options.initializationOptions } : {}),
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(uri: string, text: string, languageId = 'python'): Promise<void> {
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends incremental changes and keeps the client's copy of the document in step. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<TextDocument> {
    const document = this.document(uri);
    const version = document.version + 1;
    TextDocument.update(document, changes, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return document;
  }

  /** Applies edits locally (as an editor would) and sends them as incremental changes. */
  async applyEdits(uri: string, edits: TextEdit[]): Promise<string> {
    // Later edits first, so earlier ranges stay valid.
    const ordered = [...edits].sort((a, b) => compareRanges(b.range, a.range));
    const document = await this.change(
      uri,
      ordered.map((edit) => ({ range: edit.range, text: edit.newText })),
    );
    return document.getText();
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  document(uri: string): TextDocument {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document;
  }

  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId });
  }

  /** Pulls until the diagnostics satisfy `check` (the server may answer "retry" while a document settles). */
  async pullUntil(uri: string, check: (diagnostics: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
    return this.waitFor(async () => {
      try {
        const report = await this.pull(uri);
        return report.kind === 'full' && check(report.items) ? report.items : undefined;
      } catch {
        return undefined;
      }
    }, what);
  }

  async codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
    return (actions ?? []) as CodeAction[];
  }

  async changeSettings(settings: (scopeUri: string | undefined) => unknown): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  request<R>(method: string, params?: unknown): Promise<R> {
    return params === undefined ? this.connection.sendRequest<R>(method) : this.connection.sendRequest<R>(method, params);
  }

  diagnosticsOf(uri: string): Diagnostic[] | undefined {
    return this.published.get(uri)?.diagnostics;
  }

  /** Polls `check` until it returns something other than undefined (or fails after `timeoutMs`). */
  async waitFor<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (this.exited) throw new Error(`the server exited while waiting for ${what}:\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  waitForPublished(uri: string, check: (diagnostics: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
    return this.waitFor(() => {
      const diagnostics = this.diagnosticsOf(uri);
      return diagnostics && check(diagnostics) ? diagnostics : undefined;
    }, what);
  }

  /** `shutdown`, `exit`, then waits for the process (killing it if it hangs). */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 5_000);
      await this.connection.sendNotification(ExitNotification.type);
      await withTimeout(exited, 5_000);
    } catch {
      this.child.kill();
    } finally {
      this.connection.dispose();
    }
  }
}

/** The edits a workspace edit makes to one document (`documentChanges` or `changes`). */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((change) =>
    'textDocument' in change && change.textDocument.uri === uri ? (change.edits as TextEdit[]) : [],
  );
  return [...fromDocumentChanges, ...(edit.changes?.[uri] ?? [])];
}

/** The items of a full report; fails the test on an `unchanged` one. */
export function itemsOf(report: DocumentDiagnosticReport): Diagnostic[] {
  if (report.kind !== 'full') throw new Error(`expected a full report, got ${JSON.stringify(report)}`);
  return report.items;
}

export function rulesOf(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => String(diagnostic.code));
}

function compareRanges(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}
