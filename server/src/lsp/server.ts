/**
 * The AI Posture language server. Started by the VS Code client over IPC (`--node-ipc`) or by any
 * LSP client over stdio (`--stdio`); `createConnection` picks the transport from the arguments.
 *
 * Dispatch. Handlers that change state run in notification order: document sync (`documents.ts`),
 * notebook sync (`notebooks.ts`), `workspace/didChangeConfiguration`, `workspace/didChangeWatchedFiles`,
 * workspace folder changes (`environment.ts`). Requests analyse and answer: `textDocument/diagnostic`
 * (`pullDiagnostics.ts`), `textDocument/codeAction` (`codeActions.ts`), `textDocument/hover`
 * (`hover.ts`), `aiPosture/*` (`customRequests.ts`, `ruleCatalog.ts`); they honour
 * cancellation and drop results that a newer version of their document made stale.
 */
import {
  createConnection,
  DidChangeConfigurationNotification,
  type InitializeResult,
  ProposedFeatures,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { version } from '../../../package.json';
import { preloadGrammars } from '../engine/index';
import { SETTINGS_SECTION } from '../shared/settings';
import { registerBomNotifications } from './bom';
import { serverCapabilities } from './capabilities';
import { registerCodeActions } from './codeActions';
import { createContext, type ServerContext } from './context';
import { registerCustomRequests } from './customRequests';
import { registerDocumentHandlers } from './documents';
import { environmentChanged, revalidateOpenDocuments, startupScan, workspaceFoldersChanged } from './environment';
import { registerHover } from './hover';
import { OpenNotebooks } from './notebooks';
import { registerPullDiagnostics } from './pullDiagnostics';
import { registerRuleCatalog } from './ruleCatalog';
import { registerFileWatchers, registerWatchedFiles } from './watchedFiles';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
// Synced notebook cells join `documents`: to every other handler a cell is an open document.
const notebooks = new OpenNotebooks(documents);
let context: ServerContext | undefined;

connection.onInitialize((params): InitializeResult => {
  const ctx = createContext(connection, documents, params, notebooks);
  context = ctx;
  registerHandlers(ctx);
  // Open documents show the workspace-rule findings of the last scan: a scan that changed them validates them again.
  ctx.workspaceFindings.onDidChange(() => revalidateOpenDocuments(ctx));
  // The editor opens files right after `initialize`: have the common grammars compiled by then.
  preloadGrammars(['python', 'typescript', 'tsx', 'javascript']);
  return { capabilities: serverCapabilities(ctx.features), serverInfo: { name: 'ai-posture', version } };
});

connection.onInitialized(() => {
  if (context) start(context).catch((error) => logError('Starting', error));
});

connection.onShutdown(() => {
  context?.scanner.cancel();
  // The last scan's results are worth keeping for the next session.
  context?.cacheFiles.flush();
});

function registerHandlers(ctx: ServerContext): void {
  registerDocumentHandlers({ ...ctx, pullDiagnostics: ctx.features.pullDiagnostics }, ctx.validator);
  if (ctx.features.pullDiagnostics) registerPullDiagnostics(ctx);
  registerCodeActions({ ...ctx, documentChanges: ctx.features.documentChanges });
  registerWatchedFiles(ctx);
  registerCustomRequests(ctx);
  registerBomNotifications(ctx);
  registerHover(ctx);
  ctx.notebooks.register(ctx);
  registerRuleCatalog(ctx.connection);
  // Typing postpones saving the analysis cache, which would hold up the next keystroke's analysis.
  ctx.documents.onDidChangeContent(() => ctx.cacheFiles.postpone());
  ctx.connection.onDidChangeConfiguration(({ settings }) => {
    ctx.settings.clear((settings as { aiPosture?: unknown } | null)?.aiPosture);
    environmentChanged(ctx).catch((error) => logError('Applying the new settings', error));
  });
  // A `.ai-posture.json` problem appeared or went away: its file shows it (or stops showing it).
  ctx.configs.onProblemChanged((uri) => ctx.publisher.closedFile(uri));
}

async function start(ctx: ServerContext): Promise<void> {
  await registerFileWatchers(ctx).catch((error) => logError('Registering file watchers', error));
  if (ctx.features.configurationRegistration) {
    // With a section, the client reports changes to `aiPosture.*` only, not every settings change.
    await ctx.connection.client
      .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
      .catch((error) => logError('Registering for settings changes', error));
  }
  if (ctx.features.workspaceFolders) {
    ctx.connection.workspace.onDidChangeWorkspaceFolders((event) => {
      workspaceFoldersChanged(ctx, event).catch((error) => logError('Updating workspace folders', error));
    });
  }
  await startupScan(ctx);
}

function logError(what: string, error: unknown): void {
  connection.console.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}

// A bug in one handler must not take the server (and every diagnostic) down with it.
process.on('unhandledRejection', (reason) => logError('An asynchronous task', reason));

documents.listen(connection);
notebooks.listen(connection);
connection.listen();
