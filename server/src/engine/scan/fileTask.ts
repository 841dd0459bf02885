import * as fs from 'node:fs';
import { analyzeFile } from '../analyze';
import { analyzeModelFile } from '../analyzeKinds';
import { contentHash, type FileStamp } from '../cache';
import type { ResolvedConfig } from '../config/config';
import { MAX_MANIFEST_BYTES } from '../inventory/bomBuilder';
import { collectFromFile, collectsWithoutTriggers, isManifestPath } from '../inventory/collect';
import { listsAsModelFile, modelFileComponent, modelFileInfo, modelFileView } from '../inventory/modelFiles';
import { literalGroupsFor } from '../inventory/prefilter';
import { promptFileFact, promptFileFactOfBytes } from '../inventory/promptFiles';
import type { PartialInventory } from '../inventory/types';
import { pickledIndexOf } from '../inventory/vectorIndexes';
import { engineTriggers } from '../prefilter/engineTriggers';
import { type FileParseRecord, recordParses } from '../prefilter/parseLedger';
import { type FileTriggers, SUPPRESSION_KEYWORD } from '../prefilter/triggers';
import type { ProjectContext } from '../project';
import { decodeBytes, sniffEncoding } from '../text/decode';
import type { FileKind, FileNotice, FileResult } from '../types';

/**
 * The work a scan does for one file, from its path to its findings and partial AI-BOM: read the
 * bytes once, hash them for the cache, look for every trigger in one pass over the bytes, and only
 * when some rule or collector can use the file decode it, parse it once, and analyse it. The same
 * function runs on the main thread and in the scan's worker threads, so both give the same output.
 */

export interface FileTask {
  /** Discovery order; results are folded in this order whatever thread finishes first. */
  seq: number;
  relativePath: string;
  absolutePath: string;
  kind: FileKind | 'model';
  /** The open editor buffer, which wins over the disk. */
  overlay?: string;
  /** The content hash the cache holds for this path: when the bytes still hash to it, the cached entry stands. */
  cachedHash?: string;
}

/** What stays the same for every file of a scan (sent to each worker once). */
export interface TaskSettings {
  config: ResolvedConfig;
  today: string;
  /** Collect the AI-BOM too. */
  inventory: boolean;
  /** Hash contents (for the cache). */
  hashContents: boolean;
  /** What rules may know about the project (`project.ts`). */
  project?: ProjectContext;
}

export type TaskSkip = 'oversized' | 'binary' | 'unreadable';

export interface TaskOutcome {
  seq: number;
  relativePath: string;
  /** Absent on a cache hit: the caller keeps its cached entry. */
  result?: FileResult;
  partial?: PartialInventory;
  contentHash?: string;
  /** Size and modification time of the file read (for the next scan's cache check). */
  stamp?: FileStamp;
  cacheHit: boolean;
  /** A model file's outcome: listed in the AI-BOM, judged by byte rules, not counted as an analysed file. */
  modelFile?: boolean;
  skipped?: TaskSkip;
  /** True when no trigger occurred and no collector reads the file by its name: it was never decoded. */
  prefilteredOut: boolean;
  bytesRead: number;
  parse: FileParseRecord;
}

const NO_PARSE: FileParseRecord = { reasons: [], parses: 0 };

export async function runFileTask(task: FileTask, settings: TaskSettings): Promise<TaskOutcome> {
  const outcome: TaskOutcome = {
    seq: task.seq,
    relativePath: task.relativePath,
    cacheHit: false,
    prefilteredOut: false,
    bytesRead: 0,
    parse: NO_PARSE,
  };
  if (task.kind === 'model') return modelTask(task, settings, outcome);
  const { config } = settings;
  const notice = (kind: FileNotice['kind'], reason: string): FileResult => ({
    path: task.relativePath,
    findings: [],
    notices: [{ path: task.relativePath, kind, reason }],
  });
  let bytes: Buffer;
  try {
    const read =
      task.overlay === undefined ? readAtMost(task.absolutePath, readLimit(task.kind, config), outcome) : Buffer.from(task.overlay, 'utf8');
    if (typeof read === 'number') {
      outcome.skipped = 'oversized';
      outcome.result = notice('skipped', `skipped: ${read} bytes is over ${readLimitName(task.kind)} (${readLimit(task.kind, config)})`);
      if (settings.inventory) outcome.partial = await largeManifest(task, read, outcome);
      return outcome;
    }
    bytes = read;
  } catch (error) {
    outcome.skipped = 'unreadable';
    outcome.result = notice('error', `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return outcome;
  }
  outcome.bytesRead = task.overlay === undefined ? bytes.length : 0;
  if (settings.hashContents) {
    outcome.contentHash = contentHash(bytes);
    if (outcome.contentHash === task.cachedHash) {
      outcome.cacheHit = true;
      return outcome;
    }
  }
  return analyseBytes(task, task.kind, bytes, settings, outcome);
}

async function analyseBytes(
  task: FileTask,
  kind: FileKind,
  bytes: Buffer,
  settings: TaskSettings,
  outcome: TaskOutcome,
): Promise<TaskOutcome> {
  const path = task.relativePath;
  const empty: FileResult = { path, findings: [], notices: [] };
  const encoding = sniffEncoding(bytes);
  if (encoding === 'binary') {
    outcome.skipped = 'binary';
    outcome.result = empty;
    return outcome;
  }
  // UTF-8 is scanned as bytes (never decoded when nothing matches); UTF-16 is decoded first.
  const decodedFirst = encoding === 'utf16le' || encoding === 'utf16be' ? decodeBytes(bytes) : undefined;
  const triggers = engineTriggers().scan(decodedFirst?.text ?? bytes);
  if (!needsText(path, kind, triggers, settings)) {
    outcome.prefilteredOut = true;
    outcome.result = empty;
    // A prompt file code may load: its hash, from the bytes (the merge resolves references to it).
    const promptFile = !settings.inventory
      ? undefined
      : decodedFirst
        ? promptFileFact(path, decodedFirst.text)
        : promptFileFactOfBytes(path, bytes);
    if (promptFile) outcome.partial = { components: [], promptFiles: [promptFile] };
    return outcome;
  }
  const text = (decodedFirst ?? decodeBytes(bytes))?.text ?? '';
  const { value, parses } = await recordParses(async () => {
    const partial = settings.inventory ? await collectFromFile(path, text, kind, triggers, settings.project) : undefined;
    const result = await analyzeFile({ path, text, kind }, settings.config, {
      today: settings.today,
      triggers,
      ...(settings.project ? { project: settings.project } : {}),
    });
    return { partial, result };
  });
  outcome.result = value.result;
  outcome.partial = value.partial;
  outcome.parse = parses;
  return outcome;
}

/** Whether any rule or collector can use a file, from its one-pass triggers, its kind and its name. */
function needsText(path: string, kind: FileKind, triggers: FileTriggers, settings: TaskSettings): boolean {
  if (triggers.has(SUPPRESSION_KEYWORD)) return true;
  if (settings.inventory && (collectsWithoutTriggers(path, kind) || literalGroupsFor(kind).some((group) => triggers.hasGroup(group))))
    return true;
  // Rule triggers count for the rules that look at this kind of file.
  return engineTriggers()
    .select(triggers)
    .some(
      (rule) =>
        rule.meta.fileKinds.includes(kind) && settings.config.rules[rule.meta.id] !== 'off' && (!rule.appliesTo || rule.appliesTo(path)),
    );
}

/** Lockfiles of big projects exceed the rules' size limit; the AI-BOM still reads them. */
async function largeManifest(task: FileTask, size: number, outcome: TaskOutcome): Promise<PartialInventory | undefined> {
  if (size > MAX_MANIFEST_BYTES || !isManifestPath(task.relativePath) || task.kind === 'model') return undefined;
  try {
    const bytes = fs.readFileSync(task.absolutePath);
    outcome.bytesRead = bytes.length;
    const decoded = decodeBytes(bytes);
    return decoded ? await collectFromFile(task.relativePath, decoded.text, task.kind) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A file's bytes, or its size when that is over `maxBytes` (then nothing is read). One open, one
 * stat of the open file and one read: discovery does not stat files, the reader does.
 */
/**
 * Notebooks carry their outputs (images, tables) in the file: they are read up to a larger limit
 * and measured by their code cells against `maxFileBytes` (`analyzeFile`).
 */
const NOTEBOOK_READ_LIMIT = 64 * 1024 * 1024;

function readLimit(kind: FileTask['kind'], config: ResolvedConfig): number {
  return kind === 'notebook' ? Math.max(config.maxFileBytes, NOTEBOOK_READ_LIMIT) : config.maxFileBytes;
}

function readLimitName(kind: FileTask['kind']): string {
  return kind === 'notebook' ? 'the notebook read limit' : 'maxFileBytes';
}

function readAtMost(absolutePath: string, maxBytes: number, outcome: TaskOutcome): Buffer | number {
  const fd = fs.openSync(absolutePath, 'r');
  try {
    const { size, mtimeMs } = fs.fstatSync(fd);
    outcome.stamp = { size, mtimeMs };
    if (size > maxBytes) return size;
    const bytes = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const read = fs.readSync(fd, bytes, done, size - done, null);
      if (read === 0) break;
      done += read;
    }
    return done === size ? bytes : bytes.subarray(0, done);
  } finally {
    fs.closeSync(fd);
  }
}

/** True when a file still has the size and modification time the cache saw. */
export function sameStamp(absolutePath: string, stamp: FileStamp): boolean {
  try {
    const now = fs.statSync(absolutePath);
    return now.size === stamp.size && now.mtimeMs === stamp.mtimeMs;
  } catch {
    return false;
  }
}

/**
 * Model files are listed for the AI-BOM with their format, verdict and hash, and judged by the byte
 * rules from the same scan; nothing in them is ever loaded. A file over `modelFiles.maxBytes` is
 * listed and gets a notice that it was not scanned. A result is kept only when there is something
 * to say, so model files do not count as analysed source files.
 */
async function modelTask(task: FileTask, settings: TaskSettings, outcome: TaskOutcome): Promise<TaskOutcome> {
  const { config } = settings;
  const { modelFiles } = config;
  const info = await modelFileInfo(task.absolutePath, {
    maxHashBytes: modelFiles.scan ? modelFiles.maxBytes : -1,
    scan: modelFiles.scan,
    maxScanBytes: modelFiles.maxBytes,
  });
  outcome.bytesRead = (info.sha256 ? info.size : 0) + info.scannedBytes;
  outcome.modelFile = true;
  if (settings.inventory && listsAsModelFile(task.relativePath, info)) {
    const index = pickledIndexOf(task.relativePath, task.absolutePath);
    outcome.partial = { components: [modelFileComponent(task.relativePath, info), ...(index ? [index] : [])] };
  }
  const result = analyzeModelFile(modelFileView(task.relativePath, info), config, { today: settings.today });
  if (info.notScanned) result.notices.push({ path: task.relativePath, kind: 'skipped', reason: info.notScanned });
  if (result.findings.length > 0 || result.notices.length > 0) outcome.result = result;
  return outcome;
}

/** The outcome of a file the cache answers for. */
export function cacheHitOutcome(task: FileTask): TaskOutcome {
  return { seq: task.seq, relativePath: task.relativePath, cacheHit: true, prefilteredOut: false, bytesRead: 0, parse: NO_PARSE };
}

/** The outcome of a task that threw or whose thread died: a notice, and the scan goes on. */
export function failedOutcome(task: FileTask, error: unknown): TaskOutcome {
  const reason = `analysis failed: ${error instanceof Error ? error.message : String(error)}`;
  return {
    seq: task.seq,
    relativePath: task.relativePath,
    result: { path: task.relativePath, findings: [], notices: [{ path: task.relativePath, kind: 'error', reason }] },
    cacheHit: false,
    prefilteredOut: false,
    bytesRead: 0,
    parse: NO_PARSE,
  };
}
