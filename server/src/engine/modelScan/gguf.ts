import { type ByteSource, Cursor, Truncated } from './source';

/**
 * GGUF header and metadata (ggml `docs/gguf.md`): magic, version (1–3, little- or big-endian),
 * tensor and key-value counts, every key-value pair (large arrays such as the token list are
 * skipped by their lengths, never materialized), then the tensor infos. It keeps the chat
 * templates (`tokenizer.chat_template*`) for AIP705, a few keys for the AI-BOM, and every
 * inconsistency for AIP707. Bounded by the file: each count is checked against the bytes left.
 */

export interface GgufInfo {
  version: number;
  bigEndian: boolean;
  tensorCount: number;
  /** AI-BOM facts (`architecture`, `name`, `license`, …). */
  details: Record<string, string>;
  templates: { key: string; text: string }[];
  problems: string[];
}

const BOM_KEYS = new Set([
  'general.architecture',
  'general.name',
  'general.basename',
  'general.version',
  'general.size_label',
  'general.license',
  'general.file_type',
  'general.quantization_version',
  'tokenizer.ggml.model',
]);
const FIXED_SIZES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
const STRING = 8;
const ARRAY = 9;
const MAX_KEY_BYTES = 65_535;
const MAX_TEMPLATE_BYTES = 4 * 1024 * 1024;
const MAX_ARRAY_DEPTH = 4;
const MAX_DIMENSIONS = 4;
/** ggml types defined today (GGML_TYPE_COUNT); higher numbers are unknown to every loader. */
const GGML_TYPE_COUNT = 40;
const utf8 = new TextDecoder('utf-8');

export function isGguf(source: ByteSource): boolean {
  const head = source.read(0, 4);
  return head.length === 4 && head[0] === 0x47 && head[1] === 0x47 && head[2] === 0x55 && head[3] === 0x46;
}

class GgufReader {
  constructor(
    readonly cursor: Cursor,
    readonly bigEndian: boolean,
    readonly version: number,
  ) {}

  private number(size: 4 | 8): number {
    const bytes = this.cursor.bytes(size, 'number');
    const data = new DataView(bytes.buffer, bytes.byteOffset, size);
    if (size === 4) return data.getUint32(0, !this.bigEndian);
    const value = data.getBigUint64(0, !this.bigEndian);
    return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(value);
  }

  u32(): number {
    return this.number(4);
  }

  /** A count or length: u64 since v2, u32 in v1. */
  count(): number {
    return this.version === 1 ? this.number(4) : this.number(8);
  }

  string(limit: number, what: string): string | undefined {
    const length = this.count();
    if (length > this.cursor.remaining) throw new Truncated(`${what} length ${length}`);
    if (length > limit) {
      this.cursor.skip(length);
      return undefined;
    }
    return utf8.decode(this.cursor.bytes(length, what));
  }

  scalarText(type: number): string {
    const bytes = this.cursor.bytes(FIXED_SIZES[type], 'value');
    const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const little = !this.bigEndian;
    switch (type) {
      case 0:
        return String(data.getUint8(0));
      case 1:
        return String(data.getInt8(0));
      case 2:
        return String(data.getUint16(0, little));
      case 3:
        return String(data.getInt16(0, little));
      case 4:
        return String(data.getUint32(0, little));
      case 5:
        return String(data.getInt32(0, little));
      case 6:
        return String(data.getFloat32(0, little));
      case 7:
        return data.getUint8(0) ? 'true' : 'false';
      case 10:
        return String(data.getBigUint64(0, little));
      case 11:
        return String(data.getBigInt64(0, little));
      default:
        return String(data.getFloat64(0, little));
    }
  }

  /** A value as text (strings up to `limit`), or undefined for arrays and long strings. */
  value(type: number, limit: number, depth = 0): string | undefined {
    if (FIXED_SIZES[type] !== undefined) return this.scalarText(type);
    if (type === STRING) return this.string(limit, 'string value');
    if (type !== ARRAY) throw new GgufProblem(`unknown value type ${type}`);
    if (depth >= MAX_ARRAY_DEPTH) throw new GgufProblem('arrays nested too deeply');
    const elementType = this.u32();
    const count = this.count();
    const fixed = FIXED_SIZES[elementType];
    if (fixed !== undefined) {
      if (count * fixed > this.cursor.remaining) throw new Truncated(`array of ${count} values`);
      this.cursor.skip(count * fixed);
      return undefined;
    }
    // Each string or nested array takes at least 8 bytes: a count beyond that cannot be in the file.
    if (count * 4 > this.cursor.remaining) throw new Truncated(`array of ${count} values`);
    for (let index = 0; index < count; index++) this.value(elementType, 0, depth + 1);
    return undefined;
  }
}

class GgufProblem extends Error {}

export function readGguf(source: ByteSource): GgufInfo | undefined {
  if (!isGguf(source)) return undefined;
  const versionBytes = source.read(4, 4);
  if (versionBytes.length < 4)
    return { version: 0, bigEndian: false, tensorCount: 0, details: {}, templates: [], problems: ['the header is truncated'] };
  const data = new DataView(versionBytes.buffer, versionBytes.byteOffset, 4);
  // Big-endian files are not self-describing: a version that only makes sense byte-swapped says so.
  const little = data.getUint32(0, true);
  const bigEndian = little > 0xffff && data.getUint32(0, false) <= 3;
  const version = bigEndian ? data.getUint32(0, false) : little;
  const info: GgufInfo = { version, bigEndian, tensorCount: 0, details: { version: String(version) }, templates: [], problems: [] };
  if (bigEndian) info.details.endian = 'big';
  if (version < 1 || version > 3) {
    info.problems.push(`unknown GGUF version ${version}`);
    return info;
  }
  const reader = new GgufReader(new Cursor(source, 8), bigEndian, version);
  try {
    readBody(reader, source.size, info);
  } catch (error) {
    if (!(error instanceof Truncated || error instanceof GgufProblem)) throw error;
    info.problems.push(error instanceof Truncated ? `the header is ${error.message}` : error.message);
  }
  return info;
}

function readBody(reader: GgufReader, size: number, info: GgufInfo): void {
  const tensorCount = reader.count();
  const kvCount = reader.count();
  info.tensorCount = tensorCount;
  // A key-value pair takes at least 13 bytes and a tensor info at least 24.
  if (kvCount * 13 > reader.cursor.remaining) throw new GgufProblem(`metadata count ${kvCount} is more than the file can hold`);
  if (tensorCount * 24 > reader.cursor.remaining) throw new GgufProblem(`tensor count ${tensorCount} is more than the file can hold`);
  let alignment = 32;
  for (let index = 0; index < kvCount; index++) {
    const key = reader.string(MAX_KEY_BYTES, 'key');
    if (key === undefined) throw new GgufProblem('a metadata key is longer than 65535 bytes');
    const type = reader.u32();
    const wantsText = key.startsWith('tokenizer.chat_template') || BOM_KEYS.has(key) || key === 'general.alignment';
    const value = reader.value(type, wantsText ? MAX_TEMPLATE_BYTES : 0);
    if (value === undefined) continue;
    if (key.startsWith('tokenizer.chat_template') && type === STRING) info.templates.push({ key, text: value });
    if (BOM_KEYS.has(key)) info.details[key.replace(/^general\./, '')] = value.slice(0, 200);
    if (key === 'general.alignment') alignment = Number(value);
  }
  if (!Number.isSafeInteger(alignment) || alignment <= 0 || alignment % 8 !== 0) {
    info.problems.push(`general.alignment ${alignment} is not a positive multiple of 8`);
    alignment = 32;
  }
  readTensorInfos(reader, tensorCount, alignment, size, info);
}

function readTensorInfos(reader: GgufReader, count: number, alignment: number, size: number, info: GgufInfo): void {
  const offsets: number[] = [];
  for (let index = 0; index < count; index++) {
    const name = reader.string(MAX_KEY_BYTES, 'tensor name') ?? '';
    const dimensions = reader.u32();
    if (dimensions > MAX_DIMENSIONS) throw new GgufProblem(`tensor \`${name.slice(0, 64)}\` has ${dimensions} dimensions (at most 4)`);
    for (let dim = 0; dim < dimensions; dim++) reader.count();
    const type = reader.u32();
    if (type >= GGML_TYPE_COUNT) throw new GgufProblem(`tensor \`${name.slice(0, 64)}\` has unknown ggml type ${type}`);
    const offset = reader.count();
    if (offset % alignment !== 0)
      throw new GgufProblem(`tensor \`${name.slice(0, 64)}\` data offset ${offset} is not aligned to ${alignment}`);
    offsets.push(offset);
  }
  const dataStart = Math.ceil(reader.cursor.position / alignment) * alignment;
  const beyond = offsets.find((offset) => dataStart + offset > size);
  if (beyond !== undefined) info.problems.push(`a tensor's data offset ${beyond} is past the end of the file`);
}
