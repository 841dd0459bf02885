import type { ByteSource } from './source';

/**
 * NumPy `.npy` headers: `\x93NUMPY`, version, header length (u16 in v1, u32 in v2/v3) and a
 * Python dict literal. An array whose dtype holds Python objects (`'|O'`, or a structured dtype with
 * an `O` field) is stored as a pickle right after the header: that is where the pickle walker starts.
 */

export interface NpyHeader {
  version: string;
  descr: string;
  /** True when the dtype holds Python objects: the body is a pickle. */
  objectDtype: boolean;
  /** Where the array body starts. */
  bodyOffset: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
/** NumPy itself refuses headers over 10 000 bytes unless told otherwise; a little slack for v2 files. */
const MAX_HEADER_BYTES = 1024 * 1024;
const latin1 = new TextDecoder('latin1');

export function isNpy(source: ByteSource): boolean {
  const head = source.read(0, 6);
  return head.length === 6 && MAGIC.every((byte, index) => head[index] === byte);
}

export function readNpyHeader(source: ByteSource): NpyHeader | undefined {
  if (!isNpy(source)) return undefined;
  const fixed = source.read(6, 6);
  if (fixed.length < 4) return undefined;
  const major = fixed[0];
  const lengthSize = major === 1 ? 2 : 4;
  if (fixed.length < 2 + lengthSize) return undefined;
  const length = lengthSize === 2 ? fixed[2] | (fixed[3] << 8) : (fixed[2] | (fixed[3] << 8) | (fixed[4] << 16) | (fixed[5] << 24)) >>> 0;
  if (length > MAX_HEADER_BYTES) return undefined;
  const headerStart = 8 + lengthSize;
  const header = latin1.decode(source.read(headerStart, length));
  const descr = descrOf(header);
  return {
    version: `${major}.${fixed[1]}`,
    descr,
    objectDtype: quotedStrings(descr).some((code) => /^[|<>=]?O\d*$/.test(code)),
    bodyOffset: headerStart + length,
  };
}

/** The `descr` value as written: one quoted type string, or the bracketed list of a structured dtype. */
function descrOf(header: string): string {
  const key = header.indexOf("'descr'");
  if (key < 0) return '';
  const rest = header.slice(header.indexOf(':', key) + 1).trimStart();
  const end = rest.startsWith('[') ? closingBracket(rest) : rest.indexOf(rest[0], 1) + 1;
  return rest.slice(0, end);
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
