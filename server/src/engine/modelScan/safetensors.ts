import { visit } from 'jsonc-parser';
import type { ByteSource } from './source';

/**
 * safetensors header validation (the format's own rules, `safetensors/src/tensor.rs`): an 8-byte
 * little-endian length N ≤ 100 MB, N + 8 ≤ file size, a UTF-8 JSON object starting with `{`,
 * no duplicate keys, known dtypes, `data_offsets` that cover the data buffer exactly (no holes,
 * overlaps or trailing bytes: polyglot files hide payloads there), and each tensor's byte length
 * equal to its element count times its dtype size. Only the header is read.
 */

export interface SafetensorsInfo {
  tensors: number;
  metadataFormat?: string;
  /** What is wrong with the header, in words; empty for a valid file. */
  problems: string[];
  headerBytes: number;
}

export const MAX_SAFETENSORS_HEADER = 100_000_000;
/** Bits per element (sub-byte float formats included). */
const DTYPE_BITS: Record<string, number> = {
  BOOL: 8,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  F8_E8M0: 8,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  C64: 64,
  F64: 64,
  I64: 64,
  U64: 64,
};
const MAX_PROBLEMS = 5;

export function readSafetensors(source: ByteSource): SafetensorsInfo {
  const info: SafetensorsInfo = { tensors: 0, problems: [], headerBytes: 0 };
  const lengthBytes = source.read(0, 8);
  if (lengthBytes.length < 8) return problem(info, 'the file is shorter than the 8-byte header length');
  const length = Number(new DataView(lengthBytes.buffer, lengthBytes.byteOffset, 8).getBigUint64(0, true));
  if (length > MAX_SAFETENSORS_HEADER) return problem(info, `the header length ${length} is over the 100 MB limit`);
  if (8 + length > source.size) return problem(info, `the header length ${length} runs past the end of the file`);
  info.headerBytes = length;
  const header = source.read(8, length);
  if (header[0] !== 0x7b) return problem(info, 'the header does not start with `{`');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(header);
  } catch {
    return problem(info, 'the header is not UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return problem(info, 'the header is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return problem(info, 'the header is not a JSON object');
  const duplicate = duplicateTopLevelKey(text);
  if (duplicate !== undefined) problem(info, `the header names \`${duplicate}\` twice`);
  checkTensors(parsed as Record<string, unknown>, source.size - 8 - length, info);
  return info;
}

function problem(info: SafetensorsInfo, text: string): SafetensorsInfo {
  if (info.problems.length < MAX_PROBLEMS) info.problems.push(text);
  return info;
}

function duplicateTopLevelKey(text: string): string | undefined {
  const seen = new Set<string>();
  let duplicate: string | undefined;
  let depth = 0;
  visit(text, {
    onObjectBegin: () => {
      depth++;
    },
    onObjectEnd: () => {
      depth--;
    },
    onObjectProperty: (property) => {
      if (depth !== 1 || duplicate !== undefined) return;
      if (seen.has(property)) duplicate = property;
      seen.add(property);
    },
  });
  return duplicate;
}

interface Span {
  name: string;
  begin: number;
  end: number;
}

function checkTensors(header: Record<string, unknown>, bufferLength: number, info: SafetensorsInfo): void {
  const spans: Span[] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') {
      checkMetadata(value, info);
      continue;
    }
    info.tensors++;
    const span = tensorSpan(name, value, info);
    if (span) spans.push(span);
  }
  spans.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (const span of spans) {
    if (span.begin > covered) problem(info, `the data has a hole before tensor \`${span.name}\` (bytes ${covered}–${span.begin})`);
    if (span.begin < covered) problem(info, `tensor \`${span.name}\` overlaps the tensor before it`);
    covered = Math.max(covered, span.end);
  }
  if (covered > bufferLength) problem(info, `tensor data ends at ${covered}, past the end of the file (${bufferLength} data bytes)`);
  else if (covered < bufferLength) problem(info, `${bufferLength - covered} bytes follow the last tensor (hidden trailing data)`);
}

function checkMetadata(value: unknown, info: SafetensorsInfo): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problem(info, '`__metadata__` is not an object');
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.some(([, item]) => typeof item !== 'string')) problem(info, '`__metadata__` holds a value that is not a string');
  const format = (value as Record<string, unknown>).format;
  if (typeof format === 'string') info.metadataFormat = format;
}

function tensorSpan(name: string, value: unknown, info: SafetensorsInfo): Span | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problem(info, `tensor \`${name}\` is not an object`);
    return undefined;
  }
  const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
  const bits = typeof dtype === 'string' ? DTYPE_BITS[dtype] : undefined;
  if (bits === undefined) problem(info, `tensor \`${name}\` has an unknown dtype`);
  const dims = Array.isArray(shape) && shape.every(isCount) ? (shape as number[]) : undefined;
  if (!dims) problem(info, `tensor \`${name}\` has an invalid shape`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
    problem(info, `tensor \`${name}\` has invalid data_offsets`);
    return undefined;
  }
  const [begin, end] = offsets as [number, number];
  if (bits !== undefined && dims) {
    const elements = dims.reduce((product, dim) => product * dim, 1);
    const expected = (elements * bits) / 8;
    if (expected !== end - begin) problem(info, `tensor \`${name}\` holds ${end - begin} bytes but its shape and dtype need ${expected}`);
  }
  return { name, begin, end };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
