import type { LogOutputChannel } from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../server/src/shared/protocol';
import { SETTINGS_SECTION } from '../../server/src/shared/settings';
import { documentSelector } from './documentSelector';

/** The bundled server, relative to the extension root (see `scripts/build.mjs`). */
export const SERVER_MODULE = 'server/out/server.js';

export interface Channels {
  /** "AI Posture": the server's log and the client's own errors. */
  output: LogOutputChannel;
  /** "AI Posture Trace": LSP messages, when `aiPosture.trace.server` is on and the channel logs at Trace. */
  trace: LogOutputChannel;
}

/** Folders the extension owns: the workspace's storage (analysis caches) and the global one (code cache). */
export interface ServerStorage {
  storagePath?: string;
  codeCachePath?: string;
}

/**
 * The client id equals the settings section, so the library reads `aiPosture.trace.server` itself.
 * The server pulls `aiPosture` settings per resource with `workspace/configuration` and registers
 * its own file watchers, so no configuration middleware and no `synchronize` options are needed.
 */
export function createLanguageClient(serverModule: string, channels: Channels, storage: ServerStorage): LanguageClient {
  const { storagePath, codeCachePath } = storage;
  // V8's code cache of the server bundle makes every start after the first one quicker (see `server/src/lsp/start.ts`).
  const args = codeCachePath ? ['--code-cache', codeCachePath] : [];
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, args },
    debug: { module: serverModule, transport: TransportKind.ipc, args, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    diagnosticPullOptions: { onChange: true, onSave: true },
    outputChannel: channels.output,
    traceOutputChannel: channels.trace,
    // Findings belong in the Problems panel; the log opens only on request.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // The server keeps each folder's analysis cache there, so a reopened workspace is not analysed again.
    initializationOptions: (storagePath ? { storagePath } : {}) satisfies InitializationOptions,
  };
  return new LanguageClient(SETTINGS_SECTION, 'AI Posture', serverOptions, clientOptions);
}
