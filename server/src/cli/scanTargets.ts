/**
 * Runs the engine over every target (folders through `scanWorkspace`, single files through
 * `analyzeFile` and the AI-BOM collectors) and merges the results into one set whose paths are
 * relative to the common root.
 */
import * as path from 'node:path';
import {
  type AiBom,
  type AnalysisCache,
  BomBuilder,
  discoveredKindOf,
  type FileResult,
  type FileTask,
  isoToday,
  mergeTargetBoms,
  type PipelineStats,
  type ResolvedConfig,
  rebaseBom,
  runFileTask,
  type ScanStats,
  scanWorkspace,
  withMcpFindingCounts,
  withWorkspaceFindings,
  workspaceTextReader,
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
  /** The day dated data (model retirements) is judged at (`--as-of`); defaults to today. */
  asOf?: string;
  /** Total files analysed so far, across targets. */
  onProgress?: (filesDone: number) => void;
  /** Build the AI-BOM too (default true; `fix` does not need it, and it hashes model files). */
  inventory?: boolean;
  /** Analysis threads (default: one per core). */
  jobs?: number;
  /** The cache of a scanned folder (`--cache DIR`), by the folder's absolute path. */
  cacheFor?: (folder: string) => AnalysisCache | undefined;
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
  // Workspace rules run once, over the AI-BOM of every target, as a one-folder scan runs them at its end.
  const today = options.today ?? isoToday();
  const judged = await withWorkspaceFindings(files, bom, config, { today, asOf: options.asOf, readText: workspaceTextReader(set.root) });
  stats.durationMs = Date.now() - started;
  // Each MCP server's finding count, from the final results (refined, workspace rules included).
  return { files: judged, stats, bom: withMcpFindingCounts(bom, judged) };
}

function mergeStats(into: ScanStats, from: ScanStats): void {
  into.filesAnalysed += from.filesAnalysed;
  into.modelFiles += from.modelFiles;
  for (const [reason, count] of Object.entries(from.skipped)) into.skipped[reason] = (into.skipped[reason] ?? 0) + count;
  into.cancelled ||= from.cancelled;
  if (from.pipeline)
    into.pipeline = into.pipeline
      ? addPipeline(into.pipeline, from.pipeline)
      : { ...from.pipeline, parseReasons: { ...from.pipeline.parseReasons } };
}

function addPipeline(into: PipelineStats, from: PipelineStats): PipelineStats {
  for (const key of ['filesDiscovered', 'bytesRead', 'prefilteredOut', 'cacheHits', 'filesParsed'] as const) into[key] += from[key];
  for (const [reason, count] of Object.entries(from.parseReasons)) into.parseReasons[reason] = (into.parseReasons[reason] ?? 0) + count;
  into.threads = Math.max(into.threads, from.threads);
  return into;
}

async function collectFolder(
  root: string,
  target: Target,
  config: ResolvedConfig,
  options: CollectOptions,
  onProgress: (filesDone: number) => void,
): Promise<Collected> {
  const scan = await scanWorkspace(target.absolute, config, {
    today: options.today,
    onProgress,
    inventory: options.inventory,
    jobs: options.jobs,
    cache: options.cacheFor?.(target.absolute),
    workspaceRules: false,
  });
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

/** One file named on the command line: analysed whatever the excludes say, like an open editor. */
async function collectFile(root: string, target: Target, config: ResolvedConfig, options: CollectOptions): Promise<Collected> {
  const relative = relativeToRoot(root, target.absolute);
  const stats: ScanStats = { filesAnalysed: 0, modelFiles: 0, skipped: {}, durationMs: 0, cancelled: false };
  const inventory = options.inventory !== false;
  const builder = inventory ? new BomBuilder() : undefined;
  // A model file named on the command line is listed and judged by the byte rules, as in a folder.
  const kind: FileTask['kind'] | undefined = discoveredKindOf(relative);
  let files: FileResult[] = [];
  if (!kind) {
    stats.skipped['not-analysed'] = 1;
  } else {
    // The same per-file work as a folder scan: read, prefilter, parse once, rules and AI-BOM.
    const task = { seq: 0, relativePath: relative, absolutePath: target.absolute, kind };
    const outcome = await runFileTask(task, { config, today: options.today ?? isoToday(), inventory, hashContents: false });
    if (outcome.partial) builder?.addPartial(relative, outcome.partial);
    if (outcome.skipped) stats.skipped[outcome.skipped] = 1;
    else if (outcome.modelFile) stats.modelFiles = 1;
    else stats.filesAnalysed = 1;
    const result = outcome.result;
    if (result && (result.findings.length > 0 || result.notices.length > 0)) files = [result];
  }
  return { files, stats, bom: builder ? await builder.finishFromDisk(root) : { components: [] } };
}

/** Absolute path of a root-relative output path. */
export function absoluteOf(root: string, relative: string): string {
  return path.resolve(root, ...relative.split('/'));
}
