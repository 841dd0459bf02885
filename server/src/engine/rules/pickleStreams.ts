import { inflateRawSync, constants as zlibConstants } from 'node:zlib';
import type { ModelFileView } from './rule';

/**
 * Where a model file holds pickle data, found from its first bytes without unpickling anything:
 * the file itself (raw pickle, joblib, legacy PyTorch), a zip member (`data.pkl` of a PyTorch
 * checkpoint, an object array in an `.npz`), or the body of a NumPy object array. AIP703 reports
 * that a file has any; the pickle opcode scanner of AIP701/AIP702 walks each stream's bytes.
 */
export interface PickleStream {
  /** What holds the pickle, as a message names it. */
  container: 'pickle' | 'joblib' | 'legacy-torch' | 'pytorch-zip' | 'numpy-object' | 'npz-object';
  /** The zip member holding it, for archives. */
  member?: string;
  /** The start of the stream, as far as the file's head holds it (a deflated member is inflated). */
  bytes: Uint8Array;
}

/** `PROTO 2`, then the legacy torch magic number 0x1950A86A20F9469CFC6C as a pickled `LONG1`. */
const LEGACY_TORCH_START = Buffer.from([0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19]);
const NUMPY_MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);
const ZIP_LOCAL_HEADER = 0x04034b50;
/** Compressed bytes of a member inflated for a look: plenty for a `.npy` header and the first opcodes. */
const INFLATE_INPUT_BYTES = 4 * 1024;
/** Deflate expands at most about 1032:1, so this bound is never hit by the input above. */
const INFLATE_OUTPUT_LIMIT = 8 * 1024 * 1024;

export function pickleStreams(file: ModelFileView): PickleStream[] {
  const head = Buffer.from(file.head.buffer, file.head.byteOffset, file.head.byteLength);
  switch (file.format) {
    case 'pickle':
      return [{ container: rawPickleContainer(head, file.path), bytes: head }];
    case 'numpy': {
      const body = numpyObjectBody(head);
      return body ? [{ container: 'numpy-object', bytes: body }] : [];
    }
    case 'pytorch-zip':
    case 'numpy-zip':
    case 'zip':
      return zipEntries(head).flatMap((entry) => memberStreams(entry, file.format));
    default:
      return [];
  }
}

function rawPickleContainer(head: Buffer, path: string): PickleStream['container'] {
  if (head.subarray(0, LEGACY_TORCH_START.length).equals(LEGACY_TORCH_START)) return 'legacy-torch';
  return path.toLowerCase().endsWith('.joblib') ? 'joblib' : 'pickle';
}

function memberStreams(entry: ZipEntry, format: string): PickleStream[] {
  const name = entry.name.toLowerCase();
  if (name.endsWith('.npy')) {
    const body = numpyObjectBody(entry.data());
    return body ? [{ container: 'npz-object', member: entry.name, bytes: body }] : [];
  }
  const data = entry.data();
  if (name.endsWith('.pkl') || isPickleStart(data)) {
    return [{ container: format === 'numpy-zip' ? 'npz-object' : 'pytorch-zip', member: entry.name, bytes: data }];
  }
  return [];
}

/** `PROTO` with a protocol from 2 to 5: how every pickle written by a current Python starts. */
function isPickleStart(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x80 && bytes[1] >= 2 && bytes[1] <= 5;
}

/**
 * The body of a NumPy array whose dtype holds Python objects (`'descr': '|O'`, or a structured
 * dtype with an `O` field): NumPy writes such arrays as a pickle right after the header.
 */
export function numpyObjectBody(bytes: Uint8Array): Uint8Array | undefined {
  const npy = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (npy.length < 10 || !npy.subarray(0, 6).equals(NUMPY_MAGIC)) return undefined;
  const major = npy[6];
  const lengthSize = major === 1 ? 2 : 4;
  if (npy.length < 8 + lengthSize) return undefined;
  const headerLength = lengthSize === 2 ? npy.readUInt16LE(8) : npy.readUInt32LE(8);
  const headerStart = 8 + lengthSize;
  const header = npy.subarray(headerStart, headerStart + headerLength).toString('latin1');
  return hasObjectDtype(header) ? npy.subarray(headerStart + headerLength) : undefined;
}

/** Whether the header dict's `descr` names the object type code `O` (alone or in a structured dtype). */
function hasObjectDtype(header: string): boolean {
  const key = header.indexOf("'descr'");
  if (key < 0) return false;
  const valueStart = header.indexOf(':', key) + 1;
  const rest = header.slice(valueStart).trimStart();
  // A plain dtype is one quoted string ('|O'); a structured one is a list of (name, type) tuples.
  const end = rest.startsWith('[') ? closingBracket(rest) : rest.indexOf(rest[0], 1) + 1;
  const descr = rest.slice(0, end);
  return quotedStrings(descr).some((code) => /^[|<>=]?O\d*$/.test(code));
}

function closingBracket(text: string): number {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '[') depth++;
    else if (text[index] === ']' && --depth === 0) return index + 1;
  }
  return text.length;
}

function quotedStrings(text: string): string[] {
  const strings: string[] = [];
  for (let index = 0; index < text.length; index++) {
    const quote = text[index];
    if (quote !== "'" && quote !== '"') continue;
    const end = text.indexOf(quote, index + 1);
    if (end < 0) break;
    strings.push(text.slice(index + 1, end));
    index = end;
  }
  return strings;
}

interface ZipEntry {
  name: string;
  /** The member's first bytes (stored as is, or inflated as far as the head holds them). */
  data(): Uint8Array;
}

/**
 * The members whose local headers lie in the head, in file order. Local headers are walked rather
 * than the central directory (at the end of the file, beyond the head); a member written with a
 * data descriptor has no size up front, so the walk stops there with what it found so far.
 */
export function zipEntries(head: Buffer): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let offset = 0;
  while (offset + 30 <= head.length && head.readUInt32LE(offset) === ZIP_LOCAL_HEADER) {
    const flags = head.readUInt16LE(offset + 6);
    const method = head.readUInt16LE(offset + 8);
    const compressedSize = head.readUInt32LE(offset + 18);
    const nameLength = head.readUInt16LE(offset + 26);
    const extraLength = head.readUInt16LE(offset + 28);
    const name = head.subarray(offset + 30, offset + 30 + nameLength).toString('utf8');
    const dataStart = offset + 30 + nameLength + extraLength;
    const raw = head.subarray(dataStart, Math.min(head.length, dataStart + compressedSize));
    entries.push({ name, data: () => memberData(raw, method) });
    const hasDescriptor = (flags & 0x08) !== 0 && compressedSize === 0;
    if (hasDescriptor) break;
    offset = dataStart + compressedSize;
  }
  return entries;
}

function memberData(raw: Buffer, method: number): Uint8Array {
  if (method === 0) return raw;
  if (method !== 8) return new Uint8Array(0);
  try {
    // A sync flush inflates what is there even when the head cut the member short.
    return inflateRawSync(raw.subarray(0, INFLATE_INPUT_BYTES), {
      finishFlush: zlibConstants.Z_SYNC_FLUSH,
      maxOutputLength: INFLATE_OUTPUT_LIMIT,
    });
  } catch {
    return new Uint8Array(0);
  }
}
