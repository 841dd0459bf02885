import { type ConfigurationChangeEvent, type Disposable, EventEmitter, type ExtensionContext, workspace } from 'vscode';
import { DidChangeConfigurationNotification, type LanguageClient, State } from 'vscode-languageclient/node';
import { BOM_CHANGED_METHOD, type BomChangedParams, SUMMARY_METHOD, type SummaryParams } from '../../server/src/shared/protocol';
import { DEFAULT_SETTINGS, SETTINGS_SECTION } from '../../server/src/shared/settings';
import { type Channels, createLanguageClient, SERVER_MODULE } from './languageClient';
import type { PostureStatusBar } from './statusBar';

/** The settings the server reads (`aiPosture.enable`, `aiPosture.rules`…), not the client's trace level. */
const SERVER_SETTINGS = Object.keys(DEFAULT_SETTINGS).map((key) => `${SETTINGS_SECTION}.${key}`);

/** Owns the language client across restarts and keeps the status bar in step with it. */
export class ServerHost implements Disposable {
  private client: LanguageClient | undefined;
  private listeners: Disposable[] = [];
  private readonly settingsWatcher: Disposable;
  private readonly summaries = new EventEmitter<SummaryParams>();
  private readonly states = new EventEmitter<State>();
  private readonly bomChanges = new EventEmitter<BomChangedParams>();
  /** Each `aiPosture/summary` the server sends (the library allows one handler per notification). */
  readonly onSummary = this.summaries.event;
  /** The current client's state changed (starting, running, stopped). */
  readonly onDidChangeState = this.states.event;
  /** Each `aiPosture/bomChanged`: the AI-BOM view asks for the new BOM. */
  readonly onBomChanged = this.bomChanges.event;

  constructor(
    private readonly context: ExtensionContext,
    private readonly channels: Channels,
    private readonly statusBar: PostureStatusBar,
  ) {
    this.settingsWatcher = workspace.onDidChangeConfiguration((event) => this.settingsChanged(event));
  }

  /** The client when the server is up (or coming up); undefined after a stop. */
  get current(): LanguageClient | undefined {
    return this.client;
  }

  /** Starts a fresh client; resolves to false (after logging why) when the server could not start. */
  async start(): Promise<boolean> {
    const client = createLanguageClient(this.context.asAbsolutePath(SERVER_MODULE), this.channels, {
      storagePath: this.context.storageUri?.fsPath,
      codeCachePath: this.context.globalStorageUri.fsPath,
    });
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
    this.settingsWatcher.dispose();
    this.summaries.dispose();
    this.states.dispose();
    this.bomChanges.dispose();
    void this.stop();
  }

  /**
   * The server pulls settings and caches them; this tells it to drop the cache. Sent here rather
   * than through `synchronize.configurationSection`, which also notifies once at start (a needless
   * second workspace scan) and on trace changes, which the library applies itself.
   */
  private settingsChanged(event: ConfigurationChangeEvent): void {
    const client = this.client;
    if (!client?.isRunning()) return;
    if (!SERVER_SETTINGS.some((name) => event.affectsConfiguration(name))) return;
    client.sendNotification(DidChangeConfigurationNotification.type, { settings: null }).catch((error) => {
      this.channels.output.error(`Telling the server about changed settings failed: ${errorMessage(error)}`);
    });
  }

  private listen(client: LanguageClient): Disposable[] {
    return [
      client.onNotification(SUMMARY_METHOD, (summary: SummaryParams) => {
        this.statusBar.showSummary(summary);
        this.summaries.fire(summary);
      }),
      client.onNotification(BOM_CHANGED_METHOD, (params: BomChangedParams) => this.bomChanges.fire(params)),
      client.onDidChangeState(({ newState }) => {
        if (newState === State.Running) this.statusBar.showRunning();
        else if (newState === State.Starting) this.statusBar.showStarting();
        else this.statusBar.showStopped();
        this.states.fire(newState);
      }),
    ];
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
