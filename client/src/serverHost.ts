import type { Disposable, ExtensionContext } from 'vscode';
import { type LanguageClient, State } from 'vscode-languageclient/node';
import { SUMMARY_METHOD, type SummaryParams } from '../../server/src/shared/protocol';
import { type Channels, createLanguageClient, SERVER_MODULE } from './languageClient';
import type { PostureStatusBar } from './statusBar';

/** Owns the language client across restarts and keeps the status bar in step with it. */
export class ServerHost implements Disposable {
  private client: LanguageClient | undefined;
  private listeners: Disposable[] = [];

  constructor(
    private readonly context: ExtensionContext,
    private readonly channels: Channels,
    private readonly statusBar: PostureStatusBar,
  ) {}

  /** The client when the server is up (or coming up); undefined after a stop. */
  get current(): LanguageClient | undefined {
    return this.client;
  }

  /** Starts a fresh client; resolves to false (after logging why) when the server could not start. */
  async start(): Promise<boolean> {
    const client = createLanguageClient(this.context.asAbsolutePath(SERVER_MODULE), this.channels);
    this.client = client;
    this.listeners = this.listen(client);
    this.statusBar.showStarting();
    try {
      await client.start();
      return true;
    } catch (error) {
      this.channels.output.error(`The AI Posture server did not start: ${errorMessage(error)}`);
      this.statusBar.showStopped();
      return false;
    }
  }

  /**
   * A running client restarts in place. One that failed to start, or stopped after crashing too
   * often, cannot be restarted by the library, so it is replaced by a new one.
   */
  async restart(): Promise<boolean> {
    const client = this.client;
    if (client?.state === State.Running) {
      await client.restart();
      return true;
    }
    await this.stop();
    return this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const listener of this.listeners) listener.dispose();
    this.listeners = [];
    if (!client) return;
    try {
      await client.dispose();
    } catch (error) {
      // A client that never got running throws on stop; there is nothing left to shut down.
      this.channels.output.debug(`Stopping the AI Posture client: ${errorMessage(error)}`);
    }
  }

  dispose(): void {
    void this.stop();
  }

  private listen(client: LanguageClient): Disposable[] {
    return [
      client.onNotification(SUMMARY_METHOD, (summary: SummaryParams) => this.statusBar.showSummary(summary)),
      client.onDidChangeState(({ newState }) => {
        if (newState === State.Running) this.statusBar.showRunning();
        else if (newState === State.Starting) this.statusBar.showStarting();
        else this.statusBar.showStopped();
      }),
    ];
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
