import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModelScan } from '../modelScan/scan';
import { scanModel } from '../modelScan/scan';
import { type ByteSource, FileSource, MemorySource } from '../modelScan/source';
import { modelVerdict } from '../modelScan/verdict';
import type { ModelFileView } from '../rules/rule';
import { property } from './components';
import type { PartialComponent, Property } from './types';

/**
 * Model files: format sniffed from the bytes (never trusted from the extension), size, the
 * scanner's verdict (`modelScan/`), and SHA-256 streamed in chunks so multi-gigabyte weights never
 * sit in memory. Nothing is loaded, unpickled or executed. The scanner reads only what each
 * format needs (a header, a zip directory, the pickle members); the hash reads every byte.
 */

export interface ModelFileInfo {
  size: number;
  /** Absent when the file is larger than the hashing limit or unreadable. */
  sha256?: string;
  format: string;
  /** Header facts: GGUF metadata, pickle protocol, ONNX IR version, safetensors tensor count. */
  details: Record<string, string>;
  /** What the scanner found (absent when scanning is off or the file is over the limit). */
  scan?: ModelScan;
  /** Why the file was listed but not scanned (over `modelFiles.maxBytes`). */
  notScanned?: string;
  /** Bytes the scanner read (the hash reads the whole file besides). */
  scannedBytes: number;
  error?: string;
}

export interface ModelFileOptions {
  /** Files above this size are sniffed but not hashed. */
  maxHashBytes?: number;
  /** Scan the file's contents (byte rules and the AI-BOM verdict); default true. */
  scan?: boolean;
  /** Files above this size are sniffed, listed and reported as not scanned (`modelFiles.maxBytes`). */
  maxScanBytes?: number;
}

const CHUNK_BYTES = 1024 * 1024;

/** Scans a model file (bounded reads of what its format needs), then streams it once for SHA-256. */
export async function modelFileInfo(absPath: string, options: ModelFileOptions = {}): Promise<ModelFileInfo> {
  let source: FileSource;
  try {
    source = FileSource.open(absPath);
  } catch (error) {
    return { size: 0, format: 'unknown', details: {}, scannedBytes: 0, error: errorCode(error) };
  }
  let described: Omit<ModelFileInfo, 'size' | 'sha256'>;
  try {
    described = describe(source, path.extname(absPath), options);
  } finally {
    source.close();
  }
  const size = source.size;
  if (size > (options.maxHashBytes ?? Number.POSITIVE_INFINITY)) return { size, ...described };
  try {
    const hash = createHash('sha256');
    for await (const chunk of fs.createReadStream(absPath, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) hash.update(chunk);
    return { size, sha256: hash.digest('hex'), ...described };
  } catch (error) {
    return { size, ...described, error: errorCode(error) };
  }
}

/** The same facts from bytes already in memory (an editor buffer, a fixture); hashes them all. */
export async function modelFileInfoFromBytes(bytes: Uint8Array, extension: string, options: ModelFileOptions = {}): Promise<ModelFileInfo> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { size: bytes.length, sha256, ...describe(new MemorySource(bytes), extension, options) };
}

function describe(source: ByteSource, extension: string, options: ModelFileOptions): Omit<ModelFileInfo, 'size' | 'sha256'> {
  const overLimit = source.size > (options.maxScanBytes ?? Number.POSITIVE_INFINITY);
  const deep = options.scan !== false && !overLimit;
  const scan = scanModel(source, extension, { deep });
  const notScanned =
    options.scan !== false && overLimit
      ? `not scanned: ${source.size} bytes is over modelFiles.maxBytes (${options.maxScanBytes})`
      : undefined;
  return {
    format: scan.format,
    details: scan.details,
    ...(deep ? { scan } : {}),
    ...(notScanned ? { notScanned } : {}),
    scannedBytes: source.bytesRead,
  };
}

/**
 * The format from the first bytes of a file: GGUF, HDF5, zip (PyTorch, Keras, npz), NumPy,
 * pickle (any protocol, confirmed by walking it), safetensors, ONNX. The extension never decides.
 */
export function sniffFormat(head: Uint8Array, extension: string): { format: string; details: Record<string, string> } {
  const { format, details } = scanModel(new MemorySource(head), extension, { deep: false });
  return { format, details };
}

/** What the byte rules see of a model file: the same scan that gives its AI-BOM entry. */
export function modelFileView(relativePath: string, info: ModelFileInfo): ModelFileView {
  return { path: relativePath, size: info.size, format: info.format, details: info.details, ...(info.scan ? { scan: info.scan } : {}) };
}

const ARCHIVE_MODEL_FORMATS = new Set(['pytorch-zip', 'numpy-zip', 'keras-zip']);
/** Extensions any binary blob may have (test data, caches, firmware): the bytes decide, not the name. */
const GENERIC_BINARY = /\.(?:bin|dat)$/i;
/**
 * Raw weights with no header of their own (OpenVINO IR `.bin`, llama2.c checkpoints, TensorRT
 * plans) are megabytes at the least; an unrecognised blob below this is test or application data.
 */
const MIN_RAW_WEIGHTS_BYTES = 1024 * 1024;

/**
 * Whether the AI-BOM lists the file: a model-file name whose bytes may hold a model. A plain `.zip`
 * is listed only when it holds a model or a pickle; a `.bin` or `.dat` only when its bytes are a
 * model format, or an unrecognised blob big enough to be raw weights.
 */
export function listsAsModelFile(relativePath: string, info: ModelFileInfo): boolean {
  if (relativePath.toLowerCase().endsWith('.zip'))
    return ARCHIVE_MODEL_FORMATS.has(info.format) || (info.scan?.pickles.length ?? 0) > 0 || info.notScanned !== undefined;
  if (!GENERIC_BINARY.test(relativePath) || info.format !== 'unknown' || info.error) return true;
  // Big unrecognised blobs are also snapshots, firmware and IP databases: the name or folder must say model.
  return info.size >= MIN_RAW_WEIGHTS_BYTES && MODEL_NAME_HINT.test(relativePath);
}

/** A path that says it holds weights (`openvino_model.bin`, `checkpoints/stories15M.bin`, `shape_predictor_68….dat`). */
const MODEL_NAME_HINT =
  /(?:^|[/_.-])(?:models?|weights?|ckpt|checkpoints?|predictor|detector|recognition|encoder|decoder|adapter|lora|ggml|llama|whisper|stories\d+\w*)(?:[/_.-]|$)/i;

/** The BOM component of a model file. */
export function modelFileComponent(relativePath: string, info: ModelFileInfo): PartialComponent {
  const properties: Property[] = [property('modelFile:format', info.format)];
  for (const [key, value] of Object.entries(info.details).sort(([a], [b]) => a.localeCompare(b))) {
    properties.push(property(`modelFile:${key}`, value));
  }
  if (!info.sha256 && !info.error)
    properties.push(property('modelFile:hash', 'not computed: over modelFiles.maxBytes or model-file scanning off'));
  const verdict = modelVerdict(info);
  if (verdict) properties.push(property('modelFile:verdict', verdict.verdict));
  if (verdict?.evidence) properties.push(property('modelFile:evidence', verdict.evidence));
  if (info.error) properties.push(property('modelFile:error', info.error));
  return {
    ref: `modelFile:${relativePath}`,
    kind: 'modelFile',
    name: relativePath,
    format: info.format,
    size: info.size,
    ...(info.sha256 ? { sha256: info.sha256 } : {}),
    occurrences: [{ path: relativePath, evidence: 'file' }],
    properties,
    dependsOn: [],
  };
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
