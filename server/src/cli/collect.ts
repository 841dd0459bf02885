/**
 * Runs the engine over every target (folders through `scanWorkspace`, single files through
 * `analyzeFile`) and merges the results into one set whose paths are relative to the common root.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, type FileResult, fileKindOf, type ResolvedConfig, type ScanStats, scanWorkspace } from '../engine/index';
import { relativeToRoot, type Target, type TargetSet } from './targets';

export interface Collected {
  files: FileResult[];
  stats: ScanStats;
}

export interface CollectOptions {
  today?: string;
  /** Total files analysed so far, across targets. */
  onProgress?: (filesDone: number) => void;
}

export async function collect(set: TargetSet, config: ResolvedConfig, options: CollectOptions = {}): Promise<Collected> {
  const started = Date.now();
  const stats: ScanStats = { filesAnalysed: 0, modelFiles: 0, skipped: {}, durationMs: 0, cancelled: false };
  const files: FileResult[] = [];
  for (const target of set.targets) {
    const done = stats.filesAnalysed;
    const result = target.isFile
      ? await collectFile(set.root, target, config, options.today)
      : await collectFolder(set.root, target, config, options.today, (n) => options.onProgress?.(done + n));
    files.push(...result.files);
    mergeStats(stats, result.stats);
    options.onProgress?.(stats.filesAnalysed);
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  stats.durationMs = Date.now() - started;
  return { files, stats };
}

function mergeStats(into: ScanStats, from: ScanStats): void {
  into.filesAnalysed += from.filesAnalysed;
  into.modelFiles += from.modelFiles;
  for (const [reason, count] of Object.entries(from.skipped)) into.skipped[reason] = (into.skipped[reason] ?? 0) + count;
  into.cancelled ||= from.cancelled;
}

async function collectFolder(
  root: string,
  target: Target,
  config: ResolvedConfig,
  today: string | undefined,
  onProgress: (filesDone: number) => void,
): Promise<Collected> {
  const scan = await scanWorkspace(target.absolute, config, { today, onProgress });
  const prefix = relativeToRoot(root, target.absolute);
  if (prefix === '.') return scan;
  // Several folders were scanned: keep each file's path unambiguous under the common root.
  const rebase = (relative: string) => `${prefix}/${relative}`;
  const files = scan.files.map((file) => ({
    path: rebase(file.path),
    findings: file.findings.map((finding) => ({ ...finding, path: rebase(finding.path) })),
    notices: file.notices.map((notice) => ({ ...notice, path: rebase(notice.path) })),
  }));
  return { files, stats: scan.stats };
}

const BINARY_SNIFF_BYTES = 8000;

/** One file named on the command line: analysed whatever the excludes say, like an open editor. */
async function collectFile(root: string, target: Target, config: ResolvedConfig, today: string | undefined): Promise<Collected> {
  const relative = relativeToRoot(root, target.absolute);
  const stats: ScanStats = { filesAnalysed: 0, modelFiles: 0, skipped: {}, durationMs: 0, cancelled: false };
  const skip = (reason: string, notice?: { kind: 'skipped' | 'error'; reason: string }): Collected => {
    stats.skipped[reason] = 1;
    const files = notice ? [{ path: relative, findings: [], notices: [{ path: relative, ...notice }] }] : [];
    return { files, stats };
  };
  const kind = fileKindOf(relative);
  if (!kind) return skip('not-analysed');
  const size = fs.statSync(target.absolute).size;
  if (size > config.maxFileBytes) {
    return skip('oversized', { kind: 'skipped', reason: `skipped: ${size} bytes is over maxFileBytes (${config.maxFileBytes})` });
  }
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(target.absolute);
  } catch (error) {
    return skip('unreadable', { kind: 'error', reason: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return skip('binary');
  const result = await analyzeFile({ path: relative, text: bytes.toString('utf8'), kind }, config, { today });
  stats.filesAnalysed = 1;
  const files = result.findings.length > 0 || result.notices.length > 0 ? [result] : [];
  return { files, stats };
}

/** Absolute path of a root-relative output path. */
export function absoluteOf(root: string, relative: string): string {
  return path.resolve(root, ...relative.split('/'));
}
