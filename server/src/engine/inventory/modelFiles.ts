import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { property } from './components';
import type { PartialComponent, Property } from './types';

/**
 * Model files: format sniffed from the first bytes (never trusted from the extension alone), size,
 * and SHA-256 streamed in chunks so multi-gigabyte weights never sit in memory. Nothing is loaded,
 * unpickled or executed: headers are read as bytes.
 */

export interface ModelFileInfo {
  size: number;
  /** Absent when the file is larger than the hashing limit or unreadable. */
  sha256?: string;
  format: string;
  /** Header facts: GGUF metadata, pickle protocol, ONNX IR version, safetensors tensor count. */
  details: Record<string, string>;
  error?: string;
}

export interface ModelFileOptions {
  /** Files above this size are sniffed but not hashed. */
  maxHashBytes?: number;
}

const HEAD_BYTES = 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
/** Safetensors headers are at most 100 MB by spec; more than this is not read for the BOM. */
const MAX_SAFETENSORS_HEADER = 16 * 1024 * 1024;

/** Streams a file once: hashes every chunk, keeps only the first megabyte and the last byte. */
export async function modelFileInfo(absPath: string, options: ModelFileOptions = {}): Promise<ModelFileInfo> {
  let size = 0;
  try {
    size = (await fs.promises.stat(absPath)).size;
  } catch (error) {
    return { size, format: 'unknown', details: {}, error: errorCode(error) };
  }
  const hash = size <= (options.maxHashBytes ?? Number.POSITIVE_INFINITY) ? createHash('sha256') : undefined;
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let lastByte: number | undefined;
  try {
    if (hash) {
      const stream = fs.createReadStream(absPath, { highWaterMark: CHUNK_BYTES });
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        hash.update(chunk);
        if (headLength < HEAD_BYTES) {
          const part = chunk.subarray(0, HEAD_BYTES - headLength);
          headChunks.push(Buffer.from(part));
          headLength += part.length;
        }
        if (chunk.length > 0) lastByte = chunk[chunk.length - 1];
      }
    } else {
      const head = await readRange(absPath, 0, Math.min(size, HEAD_BYTES));
      headChunks.push(head);
      lastByte = size > 0 ? (await readRange(absPath, size - 1, 1))[0] : undefined;
    }
  } catch (error) {
    return { size, format: 'unknown', details: {}, error: errorCode(error) };
  }
  const head = Buffer.concat(headChunks);
  const sniffed = sniffFormat(head, path.extname(absPath).toLowerCase(), size, lastByte);
  if (sniffed.format === 'safetensors') await safetensorsDetails(absPath, head, sniffed.details);
  return { size, ...(hash ? { sha256: hash.digest('hex') } : {}), ...sniffed };
}

async function readRange(absPath: string, position: number, length: number): Promise<Buffer> {
  const handle = await fs.promises.open(absPath, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const PICKLE_EXTENSIONS = new Set(['.pkl', '.pickle', '.joblib', '.dat', '.data', '.bin', '.pt', '.pth', '.ckpt']);
/** Opcodes a protocol 0/1 pickle commonly starts with: MARK, GLOBAL, EMPTY_DICT/LIST/TUPLE, NONE, INT, STRING, UNICODE, BINUNICODE. */
const PICKLE_V0_FIRST = new Set([0x28, 0x63, 0x7d, 0x5d, 0x29, 0x4e, 0x49, 0x53, 0x56, 0x58]);
const ONNX_SECOND_FIELDS = new Set([0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42]);

/** The format from magic bytes: GGUF, HDF5, zip (PyTorch, Keras, npz), NumPy, pickle, safetensors, ONNX. */
export function sniffFormat(
  head: Buffer,
  extension: string,
  size: number,
  lastByte?: number,
): { format: string; details: Record<string, string> } {
  const details: Record<string, string> = {};
  if (head.subarray(0, 4).toString('latin1') === 'GGUF') {
    ggufDetails(head, details);
    return { format: 'gguf', details };
  }
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]))) return { format: 'hdf5', details };
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return { format: zipFormat(head, extension), details };
  if (head.subarray(0, 6).equals(Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]))) {
    details.version = `${head[6]}.${head[7]}`;
    return { format: 'numpy', details };
  }
  if (head.subarray(0, 6).equals(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]))) return { format: '7z', details };
  if (head[0] === 0x80 && head[1] >= 2 && head[1] <= 5) {
    details.protocol = String(head[1]);
    return { format: 'pickle', details };
  }
  if (isSafetensors(head, size)) return { format: 'safetensors', details };
  if (isOnnx(head)) {
    details.irVersion = String(head[1]);
    return { format: 'onnx', details };
  }
  // Protocol 0/1 pickles have no magic: a pickle extension, a typical first opcode and the STOP opcode last.
  if (PICKLE_EXTENSIONS.has(extension) && PICKLE_V0_FIRST.has(head[0]) && lastByte === 0x2e) {
    details.protocol = '0-1';
    return { format: 'pickle', details };
  }
  return { format: 'unknown', details };
}

function zipFormat(head: Buffer, extension: string): string {
  const names = head.toString('latin1');
  if (/(?:^|\/)data\.pkl/.test(names) || names.includes('/data.pkl') || names.includes('constants.pkl')) return 'pytorch-zip';
  if (extension === '.keras' || names.includes('config.json')) return extension === '.keras' ? 'keras-zip' : 'zip';
  if (extension === '.npz') return 'numpy-zip';
  return 'zip';
}

/** 8-byte little-endian header length N, N ≤ 100 MB, 8 + N ≤ size, and the header starts with `{`. */
function isSafetensors(head: Buffer, size: number): boolean {
  if (head.length < 9) return false;
  const length = head.readBigUInt64LE(0);
  return length > 1n && length <= 100_000_000n && 8n + length <= BigInt(size) && head[8] === 0x7b;
}

/** ONNX has no magic: field 1 (`ir_version`, varint 1–15) followed by another ModelProto field. */
function isOnnx(head: Buffer): boolean {
  return head.length > 3 && head[0] === 0x08 && head[1] >= 1 && head[1] <= 15 && ONNX_SECOND_FIELDS.has(head[2]);
}

async function safetensorsDetails(absPath: string, head: Buffer, details: Record<string, string>): Promise<void> {
  const length = Number(head.readBigUInt64LE(0));
  if (length > MAX_SAFETENSORS_HEADER) return;
  const bytes = 8 + length <= head.length ? head.subarray(8, 8 + length) : await readRange(absPath, 8, length);
  try {
    const header = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    details.tensors = String(Object.keys(header).filter((key) => key !== '__metadata__').length);
    const metadata = header.__metadata__;
    if (metadata && typeof metadata === 'object' && typeof (metadata as Record<string, unknown>).format === 'string') {
      details.metadataFormat = (metadata as Record<string, string>).format;
    }
  } catch {
    details.headerValid = 'false';
  }
}

/** GGUF metadata keys worth listing in the BOM. */
const GGUF_KEYS = new Set([
  'general.architecture',
  'general.name',
  'general.basename',
  'general.size_label',
  'general.license',
  'general.file_type',
  'general.quantization_version',
]);
const GGUF_FIXED_SIZES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

/** Reads GGUF v2/v3 key-value pairs from the head buffer until it runs out; big values are skipped. */
function ggufDetails(head: Buffer, details: Record<string, string>): void {
  if (head.length < 24) return;
  const version = head.readUInt32LE(4);
  details.version = String(version);
  if (version < 2 || version > 3) return;
  const kvCount = Number(head.readBigUInt64LE(16));
  let offset = 24;
  const readString = (): string | undefined => {
    if (offset + 8 > head.length) return undefined;
    const length = Number(head.readBigUInt64LE(offset));
    if (offset + 8 + length > head.length) return undefined;
    const value = head.subarray(offset + 8, offset + 8 + length).toString('utf8');
    offset += 8 + length;
    return value;
  };
  const skipOrRead = (type: number): string | undefined | null => {
    const fixed = GGUF_FIXED_SIZES[type];
    if (fixed !== undefined) {
      if (offset + fixed > head.length) return null;
      const value = readScalar(head, offset, type);
      offset += fixed;
      return value;
    }
    if (type === 8) return readString() ?? null;
    if (type === 9) {
      if (offset + 12 > head.length) return null;
      const elementType = head.readUInt32LE(offset);
      const count = Number(head.readBigUInt64LE(offset + 4));
      offset += 12;
      const elementSize = GGUF_FIXED_SIZES[elementType];
      if (elementSize !== undefined) {
        // Fixed-size arrays (token scores, types) are skipped in one step.
        offset += count * elementSize;
        return offset > head.length ? null : undefined;
      }
      for (let i = 0; i < count; i++) if (skipOrRead(elementType) === null) return null;
      return undefined;
    }
    return null;
  };
  for (let i = 0; i < kvCount && i < 10_000; i++) {
    const key = readString();
    if (key === undefined || offset + 4 > head.length) return;
    const type = head.readUInt32LE(offset);
    offset += 4;
    const value = skipOrRead(type);
    if (value === null) return;
    if (value !== undefined && GGUF_KEYS.has(key)) details[key.replace(/^general\./, '')] = value.slice(0, 200);
  }
}

function readScalar(buffer: Buffer, offset: number, type: number): string {
  switch (type) {
    case 0:
      return String(buffer.readUInt8(offset));
    case 1:
      return String(buffer.readInt8(offset));
    case 2:
      return String(buffer.readUInt16LE(offset));
    case 3:
      return String(buffer.readInt16LE(offset));
    case 4:
      return String(buffer.readUInt32LE(offset));
    case 5:
      return String(buffer.readInt32LE(offset));
    case 6:
      return String(buffer.readFloatLE(offset));
    case 7:
      return buffer.readUInt8(offset) ? 'true' : 'false';
    case 10:
      return String(buffer.readBigUInt64LE(offset));
    case 11:
      return String(buffer.readBigInt64LE(offset));
    default:
      return String(buffer.readDoubleLE(offset));
  }
}

/** The BOM component of a model file. */
export function modelFileComponent(relativePath: string, info: ModelFileInfo): PartialComponent {
  const properties: Property[] = [property('modelFile:format', info.format)];
  for (const [key, value] of Object.entries(info.details).sort(([a], [b]) => a.localeCompare(b))) {
    properties.push(property(`modelFile:${key}`, value));
  }
  if (!info.sha256 && !info.error)
    properties.push(property('modelFile:hash', 'not computed: over modelFiles.maxBytes or model-file scanning off'));
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
