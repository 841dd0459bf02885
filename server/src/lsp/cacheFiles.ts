/**
 * Each workspace folder's analysis cache, kept in the extension's workspace storage between
 * sessions (`<storage>/cache-<hash of the folder path>.json`), so reopening a workspace analyses
 * only the files that changed meanwhile. Loaded before the folder's first scan; saved after each
 * completed scan and at shutdown. Saving waits for a quiet moment (typing postpones it), because
 * writing a large cache takes the main thread for a while.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { Folder } from './folders';

/** How long after the last scan or keystroke a save waits. */
const SAVE_QUIET_MS = 2_000;

export class CacheFiles {
  private readonly loaded = new Set<string>();
  private readonly pending = new Map<string, Folder>();
  private timer: NodeJS.Timeout | undefined;

  /** `storagePath` undefined (no storage, or a client that sends none): caches live in memory only. */
  constructor(
    private readonly storagePath: string | undefined,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  fileOf(folder: Folder): string | undefined {
    if (!this.storagePath) return undefined;
    const key = createHash('sha256').update(folder.root).digest('hex').slice(0, 16);
    return path.join(this.storagePath, `cache-${key}.json`);
  }

  /** Loads the folder's saved cache once, before its first scan. */
  loadOnce(folder: Folder): void {
    const file = this.fileOf(folder);
    if (!file || this.loaded.has(folder.uri)) return;
    this.loaded.add(folder.uri);
    folder.cache.load(file);
  }

  /** Saves the folder's cache once the server has been quiet for a moment. */
  scheduleSave(folder: Folder): void {
    if (!this.storagePath) return;
    this.pending.set(folder.uri, folder);
    this.rearm();
  }

  /** A document changed: a save now would compete with its analysis. */
  postpone(): void {
    if (this.timer) this.rearm();
  }

  /** Writes every pending save now (shutdown). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const folders = [...this.pending.values()];
    this.pending.clear();
    for (const folder of folders) this.save(folder);
  }

  private rearm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SAVE_QUIET_MS);
    // A pending save never keeps the process alive on its own; shutdown flushes it.
    this.timer.unref();
  }

  private save(folder: Folder): void {
    const file = this.fileOf(folder);
    if (!file) return;
    try {
      folder.cache.save(file);
    } catch (error) {
      // A cache is only an optimisation: a read-only or full disk must not fail anything else.
      this.log(`Saving the analysis cache of ${folder.root} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** The storage folder from the client's `initializationOptions`, if it sent a usable one. */
export function storagePathOf(initializationOptions: unknown): string | undefined {
  const storagePath = (initializationOptions as { storagePath?: unknown } | null | undefined)?.storagePath;
  return typeof storagePath === 'string' && path.isAbsolute(storagePath) ? storagePath : undefined;
}
