/**
 * Text from file bytes, the way an editor opens it: UTF-8 (a leading byte-order mark is dropped),
 * and UTF-16 little- or big-endian when the file starts with its byte-order mark. Positions are
 * then those of the editor's document, which holds no BOM either. A file with NUL bytes near its
 * start and no UTF-16 mark is binary.
 */

export type TextEncoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be';

/** How far into a file a NUL byte marks it as binary (the same window git uses). */
export const BINARY_SNIFF_BYTES = 8000;

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/** The encoding a file's bytes declare, or `binary`. */
export function sniffEncoding(bytes: Uint8Array): TextEncoding | 'binary' {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  return bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0) ? 'binary' : 'utf8';
}

/** The text of a file's bytes, or undefined for binary content. */
export function decodeBytes(bytes: Uint8Array): DecodedText | undefined {
  const encoding = sniffEncoding(bytes);
  if (encoding === 'binary') return undefined;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (encoding) {
    case 'utf8':
      return { text: buffer.toString('utf8'), encoding };
    case 'utf8bom':
      return { text: buffer.toString('utf8', 3), encoding };
    case 'utf16le':
      return { text: buffer.toString('utf16le', 2), encoding };
    case 'utf16be':
      return { text: swapPairs(buffer.subarray(2)).toString('utf16le'), encoding };
  }
}

/** Bytes to write back after a fix, in the file's own encoding (with its byte-order mark). */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), swapPairs(Buffer.from(text, 'utf16le'))]);
  }
}

function swapPairs(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return copy.swap16();
}
