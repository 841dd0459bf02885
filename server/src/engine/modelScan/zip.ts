import { inflateRawSync, constants as zlibConstants } from 'node:zlib';
import { type ByteSource, MemorySource, SliceSource } from './source';

/**
 * A bounded zip reader for model archives (PyTorch checkpoints, `.npz`, `.keras`). It reads the
 * central directory from the end of the file, as PyTorch and Python's `zipfile` do, so a
 * multi-gigabyte checkpoint costs a few small reads; it falls back to walking local headers when
 * there is no central directory. It is deliberately lenient where loaders are lenient and
 * scanners were bypassed: CRCs are never checked (CVE-2025-10156), general-purpose flag bits are
 * ignored (CVE-2025-1945), sizes come from the central directory while the data offset comes from
 * the local header (what loaders do when the two disagree), and prepended bytes are tolerated.
 * Entry count and inflated sizes are bounded.
 */

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  /** Offset of the local header. */
  localOffset: number;
}

export interface ZipArchive {
  entries: ZipEntry[];
  /** True when the entries come from the central directory (false: the local-header fallback). */
  centralDirectory: boolean;
  /** Set when the archive holds more than the reader looks at (too many entries, a truncated directory). */
  incomplete?: string;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SEARCH = 22 + 0xffff;
export const MAX_ZIP_ENTRIES = 100_000;
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;
/** A deflated member is inflated in memory only up to this size (pickles and configs are small). */
export const MAX_INFLATED_BYTES = 128 * 1024 * 1024;
const MAX_DEFLATED_INPUT = 64 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8');

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Whether the source starts like a zip (a local header, or an empty archive's end record). */
export function looksLikeZip(source: ByteSource): boolean {
  const head = source.read(0, 4);
  return head.length === 4 && (view(head).getUint32(0, true) === LOCAL || view(head).getUint32(0, true) === EOCD);
}

export function readZip(source: ByteSource): ZipArchive {
  return centralDirectory(source) ?? localHeaderWalk(source);
}

/** A zip found from its end (bytes prepended, as in self-extracting or polyglot files), with at least one entry. */
export function zipFromEnd(source: ByteSource): boolean {
  return (centralDirectory(source)?.entries.length ?? 0) > 0;
}

interface DirectoryLocation {
  offset: number;
  size: number;
  count: number;
  endRecord: number;
}

function endOfCentralDirectory(source: ByteSource): DirectoryLocation | undefined {
  const tailStart = Math.max(0, source.size - EOCD_SEARCH);
  const tail = source.read(tailStart, source.size - tailStart);
  const data = view(tail);
  for (let at = tail.length - 22; at >= 0; at--) {
    if (data.getUint32(at, true) !== EOCD) continue;
    const endRecord = tailStart + at;
    const location = {
      count: data.getUint16(at + 10, true),
      size: data.getUint32(at + 12, true),
      offset: data.getUint32(at + 16, true),
      endRecord,
    };
    return zip64Location(source, location) ?? location;
  }
  return undefined;
}

/** Archives over 4 GB (large PyTorch checkpoints) keep the real counts in the zip64 end record. */
function zip64Location(source: ByteSource, location: DirectoryLocation): DirectoryLocation | undefined {
  if (location.endRecord < 20) return undefined;
  const locator = source.read(location.endRecord - 20, 20);
  if (locator.length < 20 || view(locator).getUint32(0, true) !== ZIP64_LOCATOR) return undefined;
  const recordOffset = Number(view(locator).getBigUint64(8, true));
  const record = source.read(recordOffset, 56);
  if (record.length < 56 || view(record).getUint32(0, true) !== ZIP64_EOCD) return undefined;
  const data = view(record);
  return {
    count: Number(data.getBigUint64(32, true)),
    size: Number(data.getBigUint64(40, true)),
    offset: Number(data.getBigUint64(48, true)),
    endRecord: recordOffset,
  };
}

function centralDirectory(source: ByteSource): ZipArchive | undefined {
  const location = endOfCentralDirectory(source);
  if (!location || location.size > MAX_DIRECTORY_BYTES) return undefined;
  // Bytes prepended to the archive shift every offset; `zipfile` corrects by the same difference.
  let shift = 0;
  const signatureAt = (offset: number) => {
    const bytes = source.read(offset, 4);
    return bytes.length === 4 ? view(bytes).getUint32(0, true) : -1;
  };
  if (signatureAt(location.offset) !== CENTRAL && location.count > 0) {
    shift = location.endRecord - location.size - location.offset;
    if (shift <= 0 || signatureAt(location.offset + shift) !== CENTRAL) return undefined;
  }
  const directory = source.read(location.offset + shift, location.size);
  const entries: ZipEntry[] = [];
  const data = view(directory);
  let at = 0;
  let incomplete: string | undefined;
  while (at + 46 <= directory.length && data.getUint32(at, true) === CENTRAL) {
    if (entries.length >= MAX_ZIP_ENTRIES) {
      incomplete = `more than ${MAX_ZIP_ENTRIES} entries`;
      break;
    }
    const nameLength = data.getUint16(at + 28, true);
    const extraLength = data.getUint16(at + 30, true);
    const commentLength = data.getUint16(at + 32, true);
    const entry: ZipEntry = {
      flags: data.getUint16(at + 8, true),
      method: data.getUint16(at + 10, true),
      compressedSize: data.getUint32(at + 20, true),
      size: data.getUint32(at + 24, true),
      localOffset: data.getUint32(at + 42, true),
      name: utf8.decode(directory.subarray(at + 46, at + 46 + nameLength)),
    };
    applyZip64Extra(entry, directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    entry.localOffset += shift;
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (entries.length === 0 && location.count > 0) return undefined;
  if (!incomplete && entries.length < Math.min(location.count, MAX_ZIP_ENTRIES)) incomplete = 'truncated central directory';
  return { entries, centralDirectory: true, ...(incomplete ? { incomplete } : {}) };
}

/** The zip64 extended-information field holds the values whose 32-bit fields are 0xFFFFFFFF, in this order. */
function applyZip64Extra(entry: ZipEntry, extra: Uint8Array): void {
  const data = view(extra);
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = data.getUint16(at, true);
    const length = data.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + length || field + 8 > extra.length) return undefined;
        const value = Number(data.getBigUint64(field, true));
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next() ?? entry.size;
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next() ?? entry.compressedSize;
      if (entry.localOffset === 0xffffffff) entry.localOffset = next() ?? entry.localOffset;
      return;
    }
    at += 4 + length;
  }
}

/**
 * Without a central directory (a truncated or hand-made archive), the local headers in file order.
 * A member written with a data descriptor has no size up front, so the walk stops after it.
 */
function localHeaderWalk(source: ByteSource): ZipArchive {
  const entries: ZipEntry[] = [];
  let offset = 0;
  while (offset + 30 <= source.size) {
    const header = source.read(offset, 30);
    const data = view(header);
    if (header.length < 30 || data.getUint32(0, true) !== LOCAL) break;
    if (entries.length >= MAX_ZIP_ENTRIES) return { entries, centralDirectory: false, incomplete: `more than ${MAX_ZIP_ENTRIES} entries` };
    const nameLength = data.getUint16(26, true);
    const extraLength = data.getUint16(28, true);
    const entry: ZipEntry = {
      flags: data.getUint16(6, true),
      method: data.getUint16(8, true),
      compressedSize: data.getUint32(18, true),
      size: data.getUint32(22, true),
      localOffset: offset,
      name: utf8.decode(source.read(offset + 30, nameLength)),
    };
    entries.push(entry);
    if ((entry.flags & 0x08) !== 0 && entry.compressedSize === 0) {
      return { entries, centralDirectory: false, incomplete: 'a member with a data descriptor and no central directory' };
    }
    offset += 30 + nameLength + extraLength + entry.compressedSize;
  }
  return { entries, centralDirectory: false };
}

/** Where a member's data starts: after its local header's own name and extra field lengths. */
function dataOffset(source: ByteSource, entry: ZipEntry): number | undefined {
  const header = source.read(entry.localOffset, 30);
  if (header.length < 30 || view(header).getUint32(0, true) !== LOCAL) return undefined;
  return entry.localOffset + 30 + view(header).getUint16(26, true) + view(header).getUint16(28, true);
}

export type MemberBytes = { source: ByteSource } | { problem: string };

/**
 * A member's uncompressed bytes: a window onto the archive for a stored member (nothing is read
 * yet), the inflated bytes for a deflated one (bounded; a member cut short inflates as far as it goes).
 */
export function memberBytes(source: ByteSource, entry: ZipEntry, maxInflated = MAX_INFLATED_BYTES): MemberBytes {
  const start = dataOffset(source, entry);
  if (start === undefined) return { problem: 'no local header at its offset' };
  const available = Math.max(0, Math.min(entry.compressedSize, source.size - start));
  if (entry.method === 0) return { source: new SliceSource(source, start, available) };
  if (entry.method !== 8) return { problem: `compression method ${entry.method} is not read` };
  if (available > MAX_DEFLATED_INPUT) return { problem: `deflated size ${available} is over the inflate limit` };
  try {
    const inflated = inflateRawSync(source.read(start, available), {
      finishFlush: zlibConstants.Z_SYNC_FLUSH,
      maxOutputLength: maxInflated,
    });
    return { source: new MemorySource(inflated) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === 'ERR_BUFFER_TOO_LARGE' ? `inflates to more than ${maxInflated} bytes` : 'invalid deflate data' };
  }
}

/** Compressed bytes inflated to sniff a member: deflate's first output bytes need only its first input bytes. */
const PREFIX_INPUT_BYTES = 4096;

/** The first `length` uncompressed bytes of a member (what sniffing it needs), or undefined when unreadable. */
export function memberPrefix(source: ByteSource, entry: ZipEntry, length: number): Uint8Array | undefined {
  const start = dataOffset(source, entry);
  if (start === undefined) return undefined;
  const available = Math.max(0, Math.min(entry.compressedSize, source.size - start));
  if (entry.method === 0) return source.read(start, Math.min(length, available));
  if (entry.method !== 8) return undefined;
  try {
    const input = source.read(start, Math.min(available, PREFIX_INPUT_BYTES));
    // Deflate expands at most about 1032:1, so this output bound is never the reason for a failure.
    return inflateRawSync(input, { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: PREFIX_INPUT_BYTES * 1100 }).subarray(
      0,
      length,
    );
  } catch {
    return undefined;
  }
}
