/**
 * Runs the engine over every target (folders through `scanWorkspace`, single files through
 * `analyzeFile` and the AI-BOM collectors) and merges the results into one set whose paths are
 * relative to the common root.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type AiBom,
  analyzeFile,
  BomBuilder,
  type FileResult,
  fileKindOf,
  mergeTargetBoms,
  type ResolvedConfig,
  rebaseBom,
  type ScanStats,
  scanWorkspace,
} from '../engine/index';
import { relativeToRoot, type Target, type TargetSet } from './targets';

export interface Collected {
  files: FileResult[];
  stats: ScanStats;
  /** The AI-BOM of every target, its paths relative to the common root like the findings'. */
  bom: AiBom;
}

export interface CollectOptions {
  today?: string;
  /** Total files analysed so far, across targets. */
  onProgress?: (filesDone: number) => void;
  /** Build the AI-BOM too (default true; `fix` does not need it, and it hashes model files). */
  inventory?: boolean;
}

export async function collect(set: TargetSet, config: ResolvedConfig, options: CollectOptions = {}): Promise<Collected> {
  const started = Date.now();
  const stats: ScanStats = { filesAnalysed: 0, modelFiles: 0, skipped: {}, durationMs: 0, cancelled: false };
  const files: FileResult[] = [];
  const boms: AiBom[] = [];
  for (const target of set.targets) {
    const done = stats.filesAnalysed;
    const result = target.isFile
      ? await collectFile(set.root, target, config, options)
      : await collectFolder(set.root, target, config, options, (n) => options.onProgress?.(done + n));
    files.push(...result.files);
    boms.push(result.bom);
    mergeStats(stats, result.stats);
    options.onProgress?.(stats.filesAnalysed);
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  const bom = mergeTargetBoms(boms);
  stats.durationMs = Date.now() - started;
  return { files, stats, bom };
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
  options: CollectOptions,
  onProgress: (filesDone: number) => void,
): Promise<Collected> {
  const scan = await scanWorkspace(target.absolute, config, { today: options.today, onProgress, inventory: options.inventory });
  const prefix = relativeToRoot(root, target.absolute);
  if (prefix === '.') return { files: scan.files, stats: scan.stats, bom: scan.bom };
  // Several folders were scanned: keep each file's path unambiguous under the common root.
  const rebase = (relative: string) => `${prefix}/${relative}`;
  const files = scan.files.map((file) => ({
    path: rebase(file.path),
    findings: file.findings.map((finding) => ({ ...finding, path: rebase(finding.path) })),
    notices: file.notices.map((notice) => ({ ...notice, path: rebase(notice.path) })),
  }));
  return { files, stats: scan.stats, bom: rebaseBom(scan.bom, prefix) };
}

const BINARY_SNIFF_BYTES = 8000;

/** One file named on the command line: analysed whatever the excludes say, like an open editor. */
async function collectFile(root: string, target: Target, config: ResolvedConfig, options: CollectOptions): Promise<Collected> {
  const relative = relativeToRoot(root, target.absolute);
  const stats: ScanStats = { filesAnalysed: 0, modelFiles: 0, skipped: {}, durationMs: 0, cancelled: false };
  const builder = options.inventory === false ? undefined : new BomBuilder();
  const finishBom = async (): Promise<AiBom> => (builder ? builder.finishFromDisk(root) : { components: [] });
  const skip = async (reason: string, notice?: { kind: 'skipped' | 'error'; reason: string }): Promise<Collected> => {
    stats.skipped[reason] = 1;
    const files = notice ? [{ path: relative, findings: [], notices: [{ path: relative, ...notice }] }] : [];
    return { files, stats, bom: await finishBom() };
  };
  const kind = fileKindOf(relative);
  if (!kind) return skip('not-analysed');
  const size = fs.statSync(target.absolute).size;
  if (size > config.maxFileBytes) {
    // A big lockfile is still read for the AI-BOM, as a folder scan does.
    await builder?.addLargeManifest(relative, target.absolute, size);
    return skip('oversized', { kind: 'skipped', reason: `skipped: ${size} bytes is over maxFileBytes (${config.maxFileBytes})` });
  }
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(target.absolute);
  } catch (error) {
    return skip('unreadable', { kind: 'error', reason: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return skip('binary');
  const text = bytes.toString('utf8');
  await builder?.addFile(relative, text, kind);
  const result = await analyzeFile({ path: relative, text, kind }, config, { today: options.today });
  stats.filesAnalysed = 1;
  const files = result.findings.length > 0 || result.notices.length > 0 ? [result] : [];
  return { files, stats, bom: await finishBom() };
}

/** Absolute path of a root-relative output path. */
export function absoluteOf(root: string, relative: string): string {
  return path.resolve(root, ...relative.split('/'));
}
