/**
 * `aiPosture.*` settings per resource, pulled with `workspace/configuration` and cached per scope
 * (a workspace folder, or the folder of a file outside the workspace). Never a server global: the
 * cache is dropped on `workspace/didChangeConfiguration` and filled again on demand.
 */
import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, normalizeSettings, SETTINGS_SECTION, type Settings } from '../shared/settings';

export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  /** Settings pushed with `didChangeConfiguration`, for clients that cannot answer `workspace/configuration`. */
  private pushed: Settings = DEFAULT_SETTINGS;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
  ) {}

  get(scopeUri: string | undefined): Promise<Settings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    const key = scopeUri ?? '';
    let settings = this.cache.get(key);
    if (!settings) {
      settings = this.pull(scopeUri);
      this.cache.set(key, settings);
    }
    return settings;
  }

  /** Forgets every cached value; `pushedSection` is the `aiPosture` part of a pushed change, if any. */
  clear(pushedSection?: unknown): void {
    this.cache.clear();
    if (!this.canPull) this.pushed = normalizeSettings(pushedSection);
  }

  private async pull(scopeUri: string | undefined): Promise<Settings> {
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION });
      return normalizeSettings(raw);
    } catch (error) {
      this.connection.console.warn(`Reading the aiPosture settings failed; using the defaults: ${String(error)}`);
      return DEFAULT_SETTINGS;
    }
  }
}
