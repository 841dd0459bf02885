import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedConfig } from './config/config';
import type { PartialInventory } from './inventory/types';
import type { FileResult } from './types';

/**
 * Results per file, keyed by a hash of the file's bytes, so an unchanged file is never analysed
 * again: not by the next scan, not by the editor after a reload (the extension keeps the cache in
 * its workspace storage), not by CI with `--cache DIR`.
 *
 * Entries hold for one engine build, one configuration and one day (suppressions can expire at
 * midnight): a cache used under another of these is emptied first.
 */

export interface CachedFile {
  /** SHA-256 of the file's bytes (base64). */
  hash: string;
  result: FileResult;
  /** The file's AI-BOM partial; absent when only the rules ran (an editor buffer). */
  partial?: PartialInventory;
  /** Size and modification time when read from disk: while both stay the same, the file is not even read again. */
  stamp?: FileStamp;
}

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

declare const AI_POSTURE_BUILD_ID: string | undefined;

/** Changes with every build of the engine (the bundler defines it); sources under test share one id. */
export const ENGINE_BUILD_ID = typeof AI_POSTURE_BUILD_ID === 'string' ? AI_POSTURE_BUILD_ID : 'source';

const FILE_FORMAT = 1;

export class AnalysisCache {
  private readonly entries = new Map<string, CachedFile>();
  private generation = '';
  private readonly configKeys = new WeakMap<ResolvedConfig, string>();

  constructor(private readonly maxEntries = 100_000) {}

  /** Binds the cache to a configuration and day; entries made under others are dropped. */
  use(config: ResolvedConfig, today: string): void {
    const generation = `${ENGINE_BUILD_ID}\u0000${this.configKey(config)}\u0000${today}`;
    if (generation === this.generation) return;
    this.entries.clear();
    this.generation = generation;
  }

  entry(path: string): CachedFile | undefined {
    return this.entries.get(path);
  }

  store(path: string, entry: CachedFile): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(path)) {
      // Drop the oldest entry; Map keeps insertion order.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(path, entry);
  }

  /** The cached result of a text (an open editor buffer); `hash` is its `contentHash` when the caller has it. */
  get(path: string, text: string, config: ResolvedConfig, today: string, hash = contentHash(text)): FileResult | undefined {
    this.use(config, today);
    const entry = this.entries.get(path);
    return entry && entry.hash === hash ? entry.result : undefined;
  }

  set(path: string, text: string, config: ResolvedConfig, today: string, result: FileResult, hash = contentHash(text)): void {
    this.use(config, today);
    const previous = this.entries.get(path);
    // Keep the scan's AI-BOM partial when the buffer still has the scanned content.
    this.store(path, { hash, result, ...(previous?.hash === hash && previous.partial ? { partial: previous.partial } : {}) });
  }

  delete(path: string): void {
    this.entries.delete(path);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Writes the cache to a file (atomically: a crash never leaves half a cache). */
  save(file: string): void {
    const data = { format: FILE_FORMAT, build: ENGINE_BUILD_ID, generation: this.generation, entries: [...this.entries] };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(data));
    fs.renameSync(temporary, file);
  }

  /**
   * Loads entries saved by `save`. A missing, unreadable or foreign file (another engine build)
   * leaves the cache empty: a cache is only ever an optimisation.
   */
  load(file: string): boolean {
    let data: { format?: number; build?: string; generation?: string; entries?: [string, CachedFile][] };
    try {
      data = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      return false;
    }
    if (
      data.format !== FILE_FORMAT ||
      data.build !== ENGINE_BUILD_ID ||
      !Array.isArray(data.entries) ||
      typeof data.generation !== 'string'
    ) {
      return false;
    }
    this.entries.clear();
    this.generation = data.generation;
    for (const [key, entry] of data.entries) if (isCachedFile(entry)) this.store(key, entry);
    return true;
  }

  private configKey(config: ResolvedConfig): string {
    let key = this.configKeys.get(config);
    if (!key) {
      // `configPath` names where the settings came from, not what they are.
      const { configPath: _where, ...settings } = config;
      key = createHash('sha256').update(JSON.stringify(settings)).digest('base64');
      this.configKeys.set(config, key);
    }
    return key;
  }
}

/** The hash the cache keys contents by: of the UTF-8 bytes, as a scan reads them from disk. */
export function contentHash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('base64');
}

function isCachedFile(value: unknown): value is CachedFile {
  const entry = value as CachedFile;
  return typeof entry?.hash === 'string' && typeof entry.result?.path === 'string' && Array.isArray(entry.result.findings);
}
