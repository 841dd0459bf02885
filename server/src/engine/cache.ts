import { createHash } from 'node:crypto';
import type { ResolvedConfig } from './config/config';
import type { FileResult } from './types';

/** Results per file keyed by content hash and configuration, so unchanged files are not re-analysed. */
export class AnalysisCache {
  private readonly entries = new Map<string, { key: string; result: FileResult }>();
  private readonly configKeys = new WeakMap<ResolvedConfig, string>();

  constructor(private readonly maxEntries = 50_000) {}

  get(path: string, text: string, config: ResolvedConfig, today: string): FileResult | undefined {
    const entry = this.entries.get(path);
    return entry && entry.key === this.key(text, config, today) ? entry.result : undefined;
  }

  set(path: string, text: string, config: ResolvedConfig, today: string, result: FileResult): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(path)) {
      // Drop the oldest entry; Map keeps insertion order.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(path, { key: this.key(text, config, today), result });
  }

  delete(path: string): void {
    this.entries.delete(path);
  }

  clear(): void {
    this.entries.clear();
  }

  private key(text: string, config: ResolvedConfig, today: string): string {
    let configKey = this.configKeys.get(config);
    if (!configKey) {
      configKey = createHash('sha256').update(JSON.stringify(config)).digest('hex');
      this.configKeys.set(config, configKey);
    }
    // `today` is part of the key because `until` expiry changes results at midnight.
    return createHash('sha256').update(configKey).update(today).update(text).digest('hex');
  }
}
