/**
 * `--cache DIR`: one cache file per scanned folder, so a CI job that restores DIR only analyses the
 * files whose content changed. A cache made by another build of the engine, or under another
 * configuration or day, is ignored (see `AnalysisCache`).
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { AnalysisCache } from '../engine/index';
import type { CliIo } from './io';

export class ScanCaches {
  private readonly caches = new Map<string, { file: string; cache: AnalysisCache }>();

  constructor(private readonly dir: string) {}

  /** The cache of a folder, loaded from DIR on first use. */
  readonly forFolder = (folder: string): AnalysisCache => {
    let entry = this.caches.get(folder);
    if (!entry) {
      const name = createHash('sha256').update(folder).digest('hex').slice(0, 16);
      entry = { file: path.join(this.dir, `scan-${name}.json`), cache: new AnalysisCache() };
      entry.cache.load(entry.file);
      this.caches.set(folder, entry);
    }
    return entry.cache;
  };

  /** Writes every cache back; a cache that cannot be written is reported and the scan still counts. */
  save(io: CliIo): void {
    for (const { file, cache } of this.caches.values()) {
      try {
        cache.save(file);
      } catch (error) {
        io.stderr.write(`ai-posture: cannot write the cache ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      }
    }
  }
}
