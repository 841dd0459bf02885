import * as fs from 'node:fs';

/**
 * Random access to a model file's bytes, synchronous and bounded: every reader of the model
 * scanner pulls only the ranges it needs (a safetensors header, a zip central directory, a pickle
 * member) instead of holding a multi-gigabyte file in memory. Reads past the end return fewer bytes.
 */
export interface ByteSource {
  readonly size: number;
  read(position: number, length: number): Uint8Array;
  /** Bytes handed out so far (the docs report the share of each format that is read). */
  readonly bytesRead: number;
}

/** Bytes already in memory: an editor buffer, a fixture, an inflated zip member, a fuzz input. */
export class MemorySource implements ByteSource {
  bytesRead = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get size(): number {
    return this.bytes.length;
  }

  read(position: number, length: number): Uint8Array {
    const start = Math.max(0, Math.min(position, this.bytes.length));
    const slice = this.bytes.subarray(start, Math.min(this.bytes.length, start + Math.max(0, length)));
    this.bytesRead += slice.length;
    return slice;
  }
}

/** A file opened once; each read is one `pread` of exactly the range asked for. */
export class FileSource implements ByteSource {
  bytesRead = 0;
  private constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  static open(absolutePath: string): FileSource {
    const fd = fs.openSync(absolutePath, 'r');
    try {
      return new FileSource(fd, fs.fstatSync(fd).size);
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
  }

  read(position: number, length: number): Uint8Array {
    const wanted = Math.max(0, Math.min(length, this.size - position));
    if (wanted === 0 || position < 0) return new Uint8Array(0);
    const buffer = Buffer.allocUnsafe(wanted);
    let done = 0;
    while (done < wanted) {
      const read = fs.readSync(this.fd, buffer, done, wanted - done, position + done);
      if (read === 0) break;
      done += read;
    }
    this.bytesRead += done;
    return buffer.subarray(0, done);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

/** A part of another source (a stored zip member), addressed from its own offset 0. */
export class SliceSource implements ByteSource {
  constructor(
    private readonly parent: ByteSource,
    private readonly start: number,
    readonly size: number,
  ) {}

  get bytesRead(): number {
    return this.parent.bytesRead;
  }

  read(position: number, length: number): Uint8Array {
    const clipped = Math.max(0, Math.min(length, this.size - position));
    return position < 0 ? new Uint8Array(0) : this.parent.read(this.start + position, clipped);
  }
}

/** What a reader throws when the bytes end in the middle of a structure. */
export class Truncated extends Error {
  constructor(what: string) {
    super(`truncated: ${what}`);
  }
}

const WINDOW_BYTES = 1024 * 1024;

/**
 * A forward cursor over a source through a one-megabyte window: sequential readers (the pickle
 * opcode walker, GGUF metadata) stream through any file size with bounded memory.
 */
export class Cursor {
  private window: Uint8Array = new Uint8Array(0);
  private windowStart = 0;

  constructor(
    private readonly source: ByteSource,
    public position = 0,
    private readonly end = source.size,
  ) {}

  get remaining(): number {
    return this.end - this.position;
  }

  atEnd(): boolean {
    return this.position >= this.end;
  }

  /** `length` bytes from the cursor (a copy only when they straddle the window); throws `Truncated` when short. */
  bytes(length: number, what = 'bytes'): Uint8Array {
    if (length < 0 || length > this.remaining) throw new Truncated(what);
    const offset = this.position - this.windowStart;
    if (offset < 0 || offset + length > this.window.length) {
      if (length > WINDOW_BYTES) {
        const direct = this.source.read(this.position, length);
        if (direct.length < length) throw new Truncated(what);
        this.position += length;
        return direct;
      }
      this.window = this.source.read(this.position, Math.min(WINDOW_BYTES, this.end - this.position));
      this.windowStart = this.position;
      if (this.window.length < length) throw new Truncated(what);
    }
    const start = this.position - this.windowStart;
    this.position += length;
    return this.window.subarray(start, start + length);
  }

  skip(length: number, what = 'skipped bytes'): void {
    if (length < 0 || length > this.remaining) throw new Truncated(what);
    this.position += length;
  }

  u8(): number {
    return this.bytes(1, 'u8')[0];
  }

  u16(): number {
    const b = this.bytes(2, 'u16');
    return b[0] | (b[1] << 8);
  }

  u32(): number {
    const b = this.bytes(4, 'u32');
    return (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
  }

  i32(): number {
    return this.u32() | 0;
  }

  /** An unsigned 64-bit little-endian number; above 2^53 it is returned as Infinity (never a valid length). */
  u64(): number {
    const low = this.u32();
    const high = this.u32();
    return high >= 0x200000 ? Number.POSITIVE_INFINITY : high * 0x100000000 + low;
  }

  /** Bytes up to a `\n` (not included), at most `max` long. */
  line(max: number): Uint8Array {
    const start = this.position;
    const chunk = this.source.read(start, Math.min(max + 1, this.end - start));
    const newline = chunk.indexOf(0x0a);
    if (newline < 0) throw new Truncated(chunk.length > max ? 'line too long' : 'line');
    this.position = start + newline + 1;
    return chunk.subarray(0, newline);
  }
}
