import * as fs from 'node:fs';
import * as path from 'node:path';
import { withWorkspaceFindings } from './analyzeKinds';
import { AnalysisCache } from './cache';
import type { ResolvedConfig } from './config/config';
import { BomBuilder } from './inventory/bomBuilder';
import type { AiBom, PartialInventory } from './inventory/types';
import { EMPTY_PROJECT, type ProjectContext, type ProjectRequirement, projectContextOf } from './project';
import { projectAround } from './projectRequirements';
import { refineWithProject } from './refine';
import { cacheHitOutcome, type FileTask, runFileTask, sameStamp, type TaskOutcome, type TaskSettings } from './scan/fileTask';
import { type BatchRunner, backgroundJobs, defaultJobs, InProcessRunner, WorkerPool } from './scan/pool';
import { isoToday } from './suppress/apply';
import { decodeBytes } from './text/decode';
import type { CancellationSignal, FileResult } from './types';
import { type DiscoveredFile, discoveredKindOf, discoverFiles, isDiscoverable, type SkipReason } from './workspace/discover';
import { fileKindOf } from './workspace/fileKinds';

export interface ScanOptions {
  signal?: CancellationSignal;
  today?: string;
  cache?: AnalysisCache;
  /** Called after each file, in discovery order; `path` is the file just analysed. */
  onProgress?: (filesDone: number, path: string) => void;
  /** Open editor buffers win over the disk (the language server passes them). */
  overlay?: (relativePath: string) => string | undefined;
  /** Build the AI-BOM while scanning (default true). */
  inventory?: boolean;
  /** Receives each file's partial inventory as it is collected (the language server keeps them per file). */
  onInventory?: (relativePath: string, partial: PartialInventory) => void;
  /**
   * Analysis threads: 1 analyses on the calling thread; more use a pool of worker threads. Default:
   * one per core (one fewer for a background scan, which always uses worker threads). Small
   * workspaces are analysed on the calling thread whatever this says.
   */
  jobs?: number;
  /**
   * Run the workspace rules over the merged AI-BOM at the end (default true). The CLI turns this
   * off and runs them once over the AI-BOM of all its targets instead.
   */
  workspaceRules?: boolean;
  /**
   * A background scan (the editor's): its worker threads run at the lowest CPU priority where the
   * platform allows it per thread, so analysing the document being edited is never slowed by it.
   */
  background?: boolean;
}

/** Counts that explain where a scan's time went (`ai-posture scan --stats`). */
export interface PipelineStats {
  filesDiscovered: number;
  bytesRead: number;
  /** Files no rule or collector could use: their bytes were scanned once and never decoded. */
  prefilteredOut: number;
  /** Files whose unchanged content was answered from the cache. */
  cacheHits: number;
  /** Files parsed into a syntax tree (at most once each). */
  filesParsed: number;
  /** Per consumer (`rule AIP102`, `ai-bom: import`), the files it asked a syntax tree for. */
  parseReasons: Record<string, number>;
  /** Analysis threads used (1: the calling thread). */
  threads: number;
}

export interface ScanStats {
  filesAnalysed: number;
  modelFiles: number;
  skipped: Record<string, number>;
  durationMs: number;
  cancelled: boolean;
  pipeline?: PipelineStats;
}

export interface WorkspaceScan {
  root: string;
  /** Results of files with findings or notices, sorted by path. */
  files: FileResult[];
  stats: ScanStats;
  /** The AI-BOM of the scanned files (empty when `inventory` is false). */
  bom: AiBom;
  /** What the scan learnt about the project (root folders, the manifests' requirements). */
  project: ProjectContext;
}

const NOTHING: PartialInventory = { components: [] };

/** Below this many files a pool's start-up costs more than it saves. */
const POOL_MIN_FILES = 400;
/** Files per batch sent to a worker: enough to amortise messaging, small enough to balance load. */
const BATCH_FILES = 24;

/**
 * Scans a workspace folder. Discovery streams file paths; batches of files are analysed on worker
 * threads (or on this thread for small workspaces), each file read once and decided by one pass
 * over its bytes; outcomes are folded in discovery order, so the findings and the AI-BOM are the
 * same whatever the number of threads. Only results are kept, never contents.
 */
export async function scanWorkspace(root: string, config: ResolvedConfig, options: ScanOptions = {}): Promise<WorkspaceScan> {
  const started = Date.now();
  const today = options.today ?? isoToday();
  options.cache?.use(config, today);
  const inventory = options.inventory !== false;
  const settings: TaskSettings = {
    config,
    today,
    inventory,
    hashContents: options.cache !== undefined,
    project: projectContextOf(root),
  };
  const fold = new OutcomeFolder(options, inventory);
  const discovery = discoverFiles(root, {
    exclude: config.exclude,
    signal: options.signal,
    onSkip: (_path, reason: SkipReason) => fold.count(reason),
  });
  await runTasks(workStream(discovery, options, inventory, fold), settings, options, fold);
  if (options.signal?.isCancellationRequested) fold.stats.cancelled = true;
  const bom = await fold.finishBom(root);
  const project: ProjectContext = { ...(settings.project ?? EMPTY_PROJECT), requirements: fold.requirements() };
  const refinedFiles = refineWithProject(fold.files(), project, config);
  // Workspace rules judge the whole AI-BOM: a cancelled scan has only part of it.
  const files =
    options.workspaceRules === false || fold.stats.cancelled
      ? refinedFiles
      : await withWorkspaceFindings(refinedFiles, bom, config, { today, readText: workspaceTextReader(root, options.overlay) });
  fold.stats.durationMs = Date.now() - started;
  return { root, files, stats: fold.stats, bom, project };
}

/** The text of a workspace file for placing workspace-rule findings: the open buffer, else the disk. */
export function workspaceTextReader(
  root: string,
  overlay?: (relativePath: string) => string | undefined,
): (relativePath: string) => Promise<string | undefined> {
  return async (relativePath) => {
    const open = overlay?.(relativePath);
    if (open !== undefined) return open;
    try {
      return decodeBytes(await fs.promises.readFile(path.join(root, ...relativePath.split('/'))))?.text;
    } catch {
      return undefined;
    }
  };
}

/** A discovered file: a task to run, or (unchanged on disk since the cache saw it) a cache hit. */
type Work = { task: FileTask } | { hit: TaskOutcome };

/** Files between two yields of this thread while checking the cache (the editor stays responsive). */
const YIELD_EVERY = 256;

/**
 * Discovered files as work, numbered in discovery order. A file whose size and modification time
 * are those the cache saw is a hit without being read or sent to a worker; others carry what the
 * cache knows, so a worker that finds the same bytes can still answer from it.
 */
async function* workStream(
  discovery: AsyncIterable<DiscoveredFile>,
  options: ScanOptions,
  inventory: boolean,
  fold: OutcomeFolder,
): AsyncGenerator<Work> {
  let seq = 0;
  for await (const file of discovery) {
    fold.discovered(file);
    if (file.kind === 'model' && !inventory) continue;
    if (seq % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    const overlay = file.kind === 'model' ? undefined : options.overlay?.(file.relativePath);
    const cached = options.cache?.entry(file.relativePath);
    const usable = cached && (!inventory || cached.partial) ? cached : undefined;
    const task: FileTask = { seq: seq++, relativePath: file.relativePath, absolutePath: file.absolutePath, kind: file.kind };
    if (overlay !== undefined) task.overlay = overlay;
    else if (usable?.stamp && sameStamp(file.absolutePath, usable.stamp)) {
      yield { hit: cacheHitOutcome(task) };
      continue;
    }
    if (usable) task.cachedHash = usable.hash;
    yield { task };
  }
}

/** Runs the tasks in batches, keeping every thread busy and folding outcomes as they arrive. */
async function runTasks(work: AsyncIterable<Work>, settings: TaskSettings, options: ScanOptions, fold: OutcomeFolder): Promise<void> {
  const iterator = work[Symbol.asyncIterator]();
  // Small workspaces (and warm scans where little changed) stay on this thread: look ahead before
  // paying for a pool. Cache hits are folded right away and do not count.
  const head: FileTask[] = [];
  let exhausted = false;
  const jobs = options.jobs ?? (options.background ? backgroundJobs() : defaultJobs());
  // A background scan never runs on the calling thread (the editor's) once the workspace is big enough.
  const poolAllowed = jobs > 1 || options.background === true;
  while (poolAllowed && head.length < POOL_MIN_FILES) {
    const next = await iterator.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    if ('hit' in next.value) fold.add([next.value.hit]);
    else head.push(next.value.task);
  }
  const usePool = poolAllowed && !exhausted;
  const runner: BatchRunner = usePool ? new WorkerPool(jobs, settings, options.background) : new InProcessRunner(settings);
  fold.stats.pipeline = { ...(fold.stats.pipeline as PipelineStats), threads: usePool ? jobs : 1 };
  const inFlight = new Set<Promise<void>>();
  const send = async (batch: FileTask[]) => {
    const running = runner.run(batch).then((outcomes) => fold.add(outcomes));
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running));
    while (inFlight.size >= runner.capacity) await Promise.race(inFlight);
  };
  try {
    let batch: FileTask[] = [];
    for await (const next of withHead(head, exhausted ? undefined : iterator)) {
      if (options.signal?.isCancellationRequested) break;
      if ('hit' in next) {
        fold.add([next.hit]);
        continue;
      }
      batch.push('task' in next ? next.task : next);
      if (batch.length >= (usePool ? BATCH_FILES : 1)) {
        await send(batch);
        batch = [];
      }
    }
    if (batch.length > 0 && !options.signal?.isCancellationRequested) await send(batch);
    await Promise.all(inFlight);
  } finally {
    await runner.close();
  }
}

async function* withHead(head: FileTask[], rest: AsyncIterator<Work> | undefined): AsyncGenerator<FileTask | Work> {
  yield* head;
  if (!rest) return;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/**
 * Folds task outcomes in discovery order (outcomes of later files wait for earlier ones), so the
 * cache, the AI-BOM, progress and statistics do not depend on which thread finished first.
 */
class OutcomeFolder {
  readonly stats: ScanStats;
  private readonly results: FileResult[] = [];
  private readonly waiting = new Map<number, TaskOutcome>();
  private nextSeq = 0;
  private readonly bom: BomBuilder | undefined;

  constructor(
    private readonly options: ScanOptions,
    private readonly inventory: boolean,
  ) {
    this.bom = inventory ? new BomBuilder() : undefined;
    const pipeline: PipelineStats = {
      filesDiscovered: 0,
      bytesRead: 0,
      prefilteredOut: 0,
      cacheHits: 0,
      filesParsed: 0,
      parseReasons: {},
      threads: 1,
    };
    this.stats = { filesAnalysed: 0, modelFiles: 0, skipped: {}, durationMs: 0, cancelled: false, pipeline };
  }

  count(reason: string): void {
    this.stats.skipped[reason] = (this.stats.skipped[reason] ?? 0) + 1;
  }

  discovered(file: DiscoveredFile): void {
    this.pipeline.filesDiscovered++;
    if (file.kind === 'model') this.stats.modelFiles++;
  }

  add(outcomes: TaskOutcome[]): void {
    for (const outcome of outcomes) this.waiting.set(outcome.seq, outcome);
    for (let outcome = this.waiting.get(this.nextSeq); outcome; outcome = this.waiting.get(this.nextSeq)) {
      this.waiting.delete(this.nextSeq++);
      this.fold(outcome);
    }
  }

  files(): FileResult[] {
    return this.results.sort((a, b) => a.path.localeCompare(b.path));
  }

  requirements(): ProjectRequirement[] {
    return this.bom?.requirements() ?? [];
  }

  finishBom(root: string): Promise<AiBom> {
    return this.bom ? this.bom.finishFromDisk(root) : Promise.resolve({ components: [] });
  }

  private get pipeline(): PipelineStats {
    return this.stats.pipeline as PipelineStats;
  }

  private fold(outcome: TaskOutcome): void {
    const { relativePath: path } = outcome;
    const cache = this.options.cache;
    const cached = outcome.cacheHit ? cache?.entry(path) : undefined;
    const result = cached?.result ?? outcome.result;
    const partial = cached?.partial ?? outcome.partial;
    if (!outcome.cacheHit && cache && outcome.contentHash && outcome.result && !outcome.skipped) {
      // A file that adds nothing to the AI-BOM is cached as such, so the next scan can skip it too.
      const kept = partial ?? (this.inventory ? NOTHING : undefined);
      const stamp = outcome.stamp ? { stamp: outcome.stamp } : {};
      cache.store(path, { hash: outcome.contentHash, result: outcome.result, ...(kept ? { partial: kept } : {}), ...stamp });
    }
    this.tally(outcome);
    if (partial) {
      this.bom?.addPartial(path, partial);
      this.options.onInventory?.(path, partial);
    }
    if (!result) return; // a model file byte rules had nothing to say about: listed in the AI-BOM only
    if (result.findings.length > 0 || result.notices.length > 0) this.results.push(result);
    if (outcome.modelFile) return; // counted in `modelFiles`, not as an analysed source file
    this.stats.filesAnalysed++;
    this.options.onProgress?.(this.stats.filesAnalysed, path);
  }

  private tally(outcome: TaskOutcome): void {
    const pipeline = this.pipeline;
    pipeline.bytesRead += outcome.bytesRead;
    if (outcome.cacheHit) pipeline.cacheHits++;
    if (outcome.prefilteredOut) pipeline.prefilteredOut++;
    if (outcome.skipped) this.count(outcome.skipped);
    if (outcome.parse.parses > 0) pipeline.filesParsed++;
    for (const reason of outcome.parse.reasons) pipeline.parseReasons[reason] = (pipeline.parseReasons[reason] ?? 0) + 1;
  }
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
  const outcome = await singleFile(root, relativePath, kind, config, { ...options, inventory: false });
  if (!outcome?.result) return undefined;
  // Judged like an open file: with the manifests around it (`Rule.refine`).
  const project = await projectAround(projectContextOf(root), root, relativePath);
  return refineWithProject([outcome.result], project, config)[0];
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
  const kind = discoveredKindOf(relativePath);
  if (!kind) return nothing;
  const outcome = await singleFile(root, relativePath, kind, config, { ...options, inventory: true });
  return outcome?.partial ?? nothing;
}

/** One file through the same task a scan runs (with the cache when one is given). */
async function singleFile(
  root: string,
  relativePath: string,
  kind: FileTask['kind'],
  config: ResolvedConfig,
  options: Pick<ScanOptions, 'today' | 'cache' | 'overlay' | 'inventory'>,
): Promise<TaskOutcome | undefined> {
  const absolutePath = path.join(root, ...relativePath.split('/'));
  const today = options.today ?? isoToday();
  const cache = options.inventory ? undefined : options.cache;
  cache?.use(config, today);
  const overlay = kind === 'model' ? undefined : options.overlay?.(relativePath);
  const cachedHash = cache?.entry(relativePath)?.hash;
  const task: FileTask = {
    seq: 0,
    relativePath,
    absolutePath,
    kind,
    ...(overlay !== undefined ? { overlay } : {}),
    ...(cachedHash ? { cachedHash } : {}),
  };
  const settings: TaskSettings = {
    config,
    today,
    inventory: options.inventory !== false,
    hashContents: cache !== undefined,
    project: projectContextOf(root),
  };
  const outcome = await runFileTask(task, settings);
  if (outcome.cacheHit) return { ...outcome, result: cache?.entry(relativePath)?.result };
  if (cache && outcome.contentHash && outcome.result && !outcome.skipped) {
    cache.store(relativePath, { hash: outcome.contentHash, result: outcome.result });
  }
  return outcome;
}

export { AnalysisCache };
