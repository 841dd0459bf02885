import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile } from './analyze';
import type { AnalysisCache } from './cache';
import type { ResolvedConfig } from './config/config';
import { BomBuilder } from './inventory/builder';
import type { AiBom, PartialInventory } from './inventory/types';
import { isoToday } from './suppress/apply';
import type { CancellationSignal, FileKind, FileNotice, FileResult } from './types';
import { discoverFiles, isDiscoverable, MODEL_FILE_EXTENSIONS, type SkipReason } from './workspace/discover';
import { fileKindOf } from './workspace/fileKinds';

export interface ScanOptions {
  signal?: CancellationSignal;
  today?: string;
  cache?: AnalysisCache;
  /** Called after each file; `path` is the file just analysed. */
  onProgress?: (filesDone: number, path: string) => void;
  /** Open editor buffers win over the disk (the language server passes them). */
  overlay?: (relativePath: string) => string | undefined;
  /** Build the AI-BOM while scanning (default true). */
  inventory?: boolean;
  /** Receives each file's partial inventory as it is collected (the language server keeps them per file). */
  onInventory?: (relativePath: string, partial: PartialInventory) => void;
}

export interface ScanStats {
  filesAnalysed: number;
  modelFiles: number;
  skipped: Record<string, number>;
  durationMs: number;
  cancelled: boolean;
}

export interface WorkspaceScan {
  root: string;
  /** Results of files with findings or notices, sorted by path. */
  files: FileResult[];
  stats: ScanStats;
  /** The AI-BOM of the scanned files (empty when `inventory` is false). */
  bom: AiBom;
}

const BINARY_SNIFF_BYTES = 8000;

/**
 * Scans a workspace folder: streams discovery, reads one file at a time, analyses it, and keeps
 * only results (never file contents), so memory stays bounded on very large trees.
 */
export async function scanWorkspace(root: string, config: ResolvedConfig, options: ScanOptions = {}): Promise<WorkspaceScan> {
  const started = Date.now();
  const today = options.today ?? isoToday();
  const skipped: Record<string, number> = {};
  const count = (reason: string) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  const files: FileResult[] = [];
  const stats: ScanStats = { filesAnalysed: 0, modelFiles: 0, skipped, durationMs: 0, cancelled: false };
  const bom = options.inventory === false ? undefined : new BomBuilder();
  const discovery = discoverFiles(root, {
    exclude: config.exclude,
    signal: options.signal,
    onSkip: (_path, reason: SkipReason) => count(reason),
  });
  for await (const file of discovery) {
    if (options.signal?.isCancellationRequested) {
      stats.cancelled = true;
      break;
    }
    if (file.kind === 'model') {
      // Model files are listed for the AI-BOM and scanned as bytes by the model-file rules.
      stats.modelFiles++;
      const partial = await bom?.addModelFile(file.relativePath, file.absolutePath, modelFileOptions(config));
      if (partial) options.onInventory?.(file.relativePath, partial);
      continue;
    }
    // Lockfiles over the rules' size limit are still read for the BOM (an open buffer is collected below).
    if (bom && file.size > config.maxFileBytes && options.overlay?.(file.relativePath) === undefined) {
      const partial = await bom.addLargeManifest(file.relativePath, file.absolutePath, file.size);
      if (partial) options.onInventory?.(file.relativePath, partial);
    }
    const kind = file.kind;
    // Collect first: `onInventory?.(…, await …)` would skip the collection when no listener is set.
    const collect = bom
      ? async (text: string) => {
          const partial = await bom.addFile(file.relativePath, text, kind);
          options.onInventory?.(file.relativePath, partial);
        }
      : undefined;
    const result = await analyzeDiscovered(file.relativePath, file.absolutePath, kind, file.size, config, today, options, count, collect);
    stats.filesAnalysed++;
    if (result.findings.length > 0 || result.notices.length > 0) files.push(result);
    options.onProgress?.(stats.filesAnalysed, file.relativePath);
  }
  if (options.signal?.isCancellationRequested) stats.cancelled = true;
  files.sort((a, b) => a.path.localeCompare(b.path));
  const inventory = bom ? await bom.finishFromDisk(root) : { components: [] };
  stats.durationMs = Date.now() - started;
  return { root, files, stats, bom: inventory };
}

/**
 * Analyses one file of a workspace from disk exactly as a scan would (excludes, `.gitignore`, size
 * and binary checks, cache, open-buffer overlay). Undefined when a scan would not analyse it, so the
 * language server can refresh a single changed file and still agree with the CLI.
 */
export async function analyzeWorkspaceFile(
  root: string,
  relativePath: string,
  config: ResolvedConfig,
  options: Pick<ScanOptions, 'today' | 'cache' | 'overlay'> = {},
): Promise<FileResult | undefined> {
  const kind = fileKindOf(relativePath);
  if (!kind || !(await isDiscoverable(root, relativePath, config.exclude))) return undefined;
  const absolutePath = path.join(root, ...relativePath.split('/'));
  let size: number;
  try {
    size = (await fs.promises.stat(absolutePath)).size;
  } catch {
    return undefined;
  }
  return analyzeDiscovered(relativePath, absolutePath, kind, size, config, options.today ?? isoToday(), options, () => {});
}

/**
 * The partial inventory a scan would collect from one file of a workspace (the same excludes,
 * `.gitignore`, size and binary checks, model-file hashing and open-buffer overlay); empty when a
 * scan would collect nothing from it. Lets the language server keep the AI-BOM current file by file.
 */
export async function collectWorkspaceFile(
  root: string,
  relativePath: string,
  config: ResolvedConfig,
  options: Pick<ScanOptions, 'overlay'> = {},
): Promise<PartialInventory> {
  const nothing: PartialInventory = { components: [] };
  if (!(await isDiscoverable(root, relativePath, config.exclude))) return nothing;
  const absolutePath = path.join(root, ...relativePath.split('/'));
  const builder = new BomBuilder();
  if (MODEL_FILE_EXTENSIONS.has(path.extname(relativePath).toLowerCase())) {
    return builder.addModelFile(relativePath, absolutePath, modelFileOptions(config));
  }
  const kind = fileKindOf(relativePath);
  if (!kind) return nothing;
  const overlay = options.overlay?.(relativePath);
  if (overlay !== undefined) return builder.addFile(relativePath, overlay, kind);
  try {
    const size = (await fs.promises.stat(absolutePath)).size;
    if (size > config.maxFileBytes) return (await builder.addLargeManifest(relativePath, absolutePath, size)) ?? nothing;
    const bytes = await fs.promises.readFile(absolutePath);
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return nothing;
    return await builder.addFile(relativePath, bytes.toString('utf8'), kind);
  } catch {
    return nothing;
  }
}

/** Streamed hashing; with model-file scanning off a model file is listed without a hash. */
function modelFileOptions(config: ResolvedConfig): { maxHashBytes: number } {
  return { maxHashBytes: config.modelFiles.scan ? config.modelFiles.maxBytes : -1 };
}

async function analyzeDiscovered(
  relativePath: string,
  absolutePath: string,
  kind: FileKind,
  size: number,
  config: ResolvedConfig,
  today: string,
  options: ScanOptions,
  count: (reason: string) => void,
  /** Receives the text once read (the AI-BOM collects it; the text is not kept). */
  collect?: (text: string) => Promise<void>,
): Promise<FileResult> {
  const notice = (reason: string, kindOfNotice: FileNotice['kind'] = 'skipped'): FileResult => ({
    path: relativePath,
    findings: [],
    notices: [{ path: relativePath, kind: kindOfNotice, reason }],
  });
  let text = options.overlay?.(relativePath);
  if (text === undefined) {
    if (size > config.maxFileBytes) {
      count('oversized');
      return notice(`skipped: ${size} bytes is over maxFileBytes (${config.maxFileBytes})`);
    }
    let bytes: Buffer;
    try {
      bytes = await fs.promises.readFile(absolutePath);
    } catch (error) {
      count('unreadable');
      return notice(`cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 'error');
    }
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
      count('binary');
      return { path: relativePath, findings: [], notices: [] };
    }
    text = bytes.toString('utf8');
  }
  await collect?.(text);
  const cached = options.cache?.get(relativePath, text, config, today);
  if (cached) return cached;
  const result = await analyzeFile({ path: relativePath, text, kind }, config, { today });
  options.cache?.set(relativePath, text, config, today, result);
  return result;
}
