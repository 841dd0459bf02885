import { templateGadget } from './chatTemplate';
import { type GgufInfo, isGguf, readGguf } from './gguf';
import { h5LambdaHeuristic, type KerasIssue, kerasConfigIssues } from './keras';
import { type NpyHeader, readNpyHeader } from './npy';
import { type OnnxInfo, readOnnx } from './onnx';
import { type PickleImport, type PickleScan, scanPickle } from './pickle';
import { classifyImport, type ImportVerdict } from './pickleGlobals';
import { MAX_SAFETENSORS_HEADER, readSafetensors, type SafetensorsInfo } from './safetensors';
import { type ByteSource, MemorySource } from './source';
import { looksLikeZip, memberBytes, memberPrefix, readZip, type ZipArchive, type ZipEntry, zipFromEnd } from './zip';

/**
 * The model scanner: sniffs a model file's format from its bytes (never from its name), then reads
 * only what that format needs: a safetensors header, a GGUF header and metadata, an ONNX graph
 * without its weights, a zip's central directory and the members that hold pickles or configs,
 * every pickle stream opcode by opcode. Nothing is loaded, unpickled or executed, and every reader
 * is bounded, so hostile bytes cost at most a bounded amount of time and memory and never throw.
 */

export type PickleContainer = 'pickle' | 'joblib' | 'legacy-torch' | 'pytorch-zip' | 'numpy-object' | 'npz-object' | 'zip-member';

export interface ClassifiedImport extends PickleImport {
  verdict: ImportVerdict;
}

export interface PickleStreamScan {
  container: PickleContainer;
  /** The zip member holding the stream, for archives. */
  member?: string;
  imports: ClassifiedImport[];
  pickles: number;
  protocol: number;
  error?: PickleScan['error'];
}

export interface ModelScan {
  format: string;
  details: Record<string, string>;
  pickles: PickleStreamScan[];
  keras: KerasIssue[];
  /** `.h5` heuristic: a Lambda layer in the `model_config` JSON. */
  h5Lambda: boolean;
  /** Chat templates with a construct that reaches Python internals. */
  templates: { key: string; construct: string; what: string }[];
  /** ONNX external-data locations that are absolute or leave the model directory. */
  externalData: { tensor: string; location: string; why: 'absolute' | 'escapes' }[];
  /** Header problems of safetensors, GGUF and ONNX files (AIP707). */
  malformed: { format: string; problem: string }[];
  /** Parts the scanner did not look at (limits, unsupported compression), in words. */
  incomplete: string[];
}

export interface ScanOptions {
  /** False: sniff the format only (a file over `modelFiles.maxBytes`, or scanning off). */
  deep: boolean;
}

const LEGACY_TORCH_START = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];
const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const SEVEN_ZIP = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];
const LFS_POINTER = 'version https://git-lfs';
/**
 * GGUF's predecessors (llama.cpp and whisper.cpp `.bin` weights): a little-endian u32 magic,
 * `ggml` (unversioned), `ggmf`, `ggjt` and `ggla` (LoRA adapters), so the bytes read backwards.
 */
const GGML_MAGICS = ['lmgg', 'fmgg', 'tjgg', 'algg'];
/** Opcodes a protocol 0/1 pickle commonly starts with: MARK, GLOBAL, EMPTY_DICT/LIST/TUPLE, NONE, INT, STRING, UNICODE, BINUNICODE, LONG, INST. */
const PICKLE_V0_FIRST = new Set([0x28, 0x63, 0x7d, 0x5d, 0x29, 0x4e, 0x49, 0x53, 0x56, 0x58, 0x4c, 0x69]);
const ONNX_SECOND_FIELDS = new Set([0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42]);
/** Protocol 0/1 pickles have no magic: they are confirmed by walking them, which is bounded to this size. */
const MAX_V0_SNIFF_BYTES = 64 * 1024 * 1024;
const MIN_OPCODES_OF_BROKEN_PICKLE = 4;
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
const MAX_PICKLE_MEMBERS = 1_000;
/** Where the format's name promises a format, a mismatch is a malformed file (AIP707). */
const PROMISED_FORMATS: Record<string, string> = { '.safetensors': 'safetensors', '.gguf': 'gguf', '.onnx': 'onnx' };
const FORMAT_NAMES: Record<string, string> = { safetensors: 'safetensors', gguf: 'GGUF', onnx: 'ONNX' };

function startsWith(source: ByteSource, bytes: readonly number[], at = 0): boolean {
  const head = source.read(at, bytes.length);
  return head.length === bytes.length && bytes.every((byte, index) => head[index] === byte);
}

function emptyScan(format: string): ModelScan {
  return { format, details: {}, pickles: [], keras: [], h5Lambda: false, templates: [], externalData: [], malformed: [], incomplete: [] };
}

/** Sniffs and, when `deep`, scans a model file. Never throws for any bytes. */
export function scanModel(source: ByteSource, extension: string, options: ScanOptions): ModelScan {
  try {
    const scan = sniffAndScan(source, extension.toLowerCase(), options);
    const promised = PROMISED_FORMATS[extension.toLowerCase()];
    if (options.deep && promised && scan.format !== promised && scan.format !== 'lfs-pointer') {
      // A safetensors file that fails the sniff gets the header's own reason (a length over the limit, say).
      const reasons = promised === 'safetensors' ? readSafetensors(source).problems : [];
      const problem =
        reasons[0] ?? `the file is named ${extension} but its bytes are not ${FORMAT_NAMES[promised]} (sniffed: ${scan.format})`;
      scan.malformed.push({ format: FORMAT_NAMES[promised], problem });
    }
    return scan;
  } catch (error) {
    // The readers handle hostile bytes themselves; this is the last line of defence.
    const scan = emptyScan('unknown');
    scan.incomplete.push(`the scanner stopped: ${error instanceof Error ? error.message : String(error)}`);
    return scan;
  }
}

function sniffAndScan(source: ByteSource, extension: string, options: ScanOptions): ModelScan {
  if (isGguf(source)) return options.deep ? ggufScan(readGguf(source)) : emptyScan('gguf');
  if (startsWith(source, HDF5_MAGIC)) {
    const scan = emptyScan('hdf5');
    if (options.deep) scan.h5Lambda = h5LambdaHeuristic(source);
    return scan;
  }
  if (looksLikeZip(source)) return zipScan(source, extension, options);
  const npy = readNpyHeader(source);
  if (npy) return npyScan(source, npy, options);
  if (startsWith(source, SEVEN_ZIP)) return emptyScan('7z');
  const head = source.read(0, 32);
  if (head[0] === 0x80 && head[1] >= 2 && head[1] <= 5) return rawPickleScan(source, extension, String(head[1]), options);
  if (isSafetensors(source)) return safetensorsScan(source, options);
  const text = new TextDecoder('latin1').decode(head);
  if (text.startsWith(LFS_POINTER)) return emptyScan('lfs-pointer');
  if (GGML_MAGICS.includes(text.slice(0, 4))) return emptyScan('ggml');
  // A SavedModel graph (`saved_model.pb`) opens with the same protobuf field numbers as an ONNX model.
  if (isOnnx(head))
    return extension === '.pb' ? emptyScan('tensorflow-savedmodel') : options.deep ? onnxScan(readOnnx(source)) : emptyScan('onnx');
  if (isProtocol0Pickle(source, head)) return rawPickleScan(source, extension, '0-1', options);
  // Zip readers find an archive from its end: bytes in front of it do not hide it (polyglot files).
  if (zipFromEnd(source)) return zipScan(source, extension, options);
  // A SavedModel's weight shard (`variables.data-00000-of-00001`): raw tensor bytes, no header of their own.
  return emptyScan(/^\.data-\d+-of-\d+$/.test(extension) ? 'tensorflow-variables' : 'unknown');
}

/** 8-byte little-endian header length N, N ≤ 100 MB, 8 + N ≤ size, and the header starts with `{`. */
function isSafetensors(source: ByteSource): boolean {
  const head = source.read(0, 9);
  if (head.length < 9 || head[8] !== 0x7b) return false;
  const length = new DataView(head.buffer, head.byteOffset, 8).getBigUint64(0, true);
  return length > 1n && length <= BigInt(MAX_SAFETENSORS_HEADER) && 8n + length <= BigInt(source.size);
}

/** ONNX has no magic: field 1 (`ir_version`, varint 1–15) followed by another ModelProto field. */
function isOnnx(head: Uint8Array): boolean {
  return head.length > 3 && head[0] === 0x08 && head[1] >= 1 && head[1] <= 15 && ONNX_SECOND_FIELDS.has(head[2]);
}

/**
 * A protocol 0/1 pickle: the walk reaches a STOP (bytes after it are ignored, as `pickle.load`
 * ignores them), or it imports something and goes on for a few valid opcodes before breaking
 * (a payload with a broken tail still runs up to the break), or imports a known module before
 * breaking (`find_class` has already imported it). Plain text fails within an opcode or two.
 */
function isProtocol0Pickle(source: ByteSource, head: Uint8Array): boolean {
  if (!PICKLE_V0_FIRST.has(head[0]) || source.size > MAX_V0_SNIFF_BYTES) return false;
  const walked = scanPickle(source);
  if (walked.pickles > 0) return true;
  const known = walked.imports.some((found) => classifyImport(found.module, found.name) !== 'unknown');
  return walked.imports.length > 0 && (known || walked.opcodes >= MIN_OPCODES_OF_BROKEN_PICKLE);
}

// --- pickles -------------------------------------------------------------------------------

function classified(scan: PickleScan, container: PickleContainer, member?: string): PickleStreamScan {
  return {
    container,
    ...(member ? { member } : {}),
    imports: scan.imports.map((found) => ({ ...found, verdict: classifyImport(found.module, found.name) })),
    pickles: scan.pickles,
    protocol: scan.protocol,
    ...(scan.error ? { error: scan.error } : {}),
  };
}

function rawPickleScan(source: ByteSource, extension: string, protocol: string, options: ScanOptions): ModelScan {
  const scan = emptyScan('pickle');
  scan.details.protocol = protocol;
  if (!options.deep) return scan;
  const container: PickleContainer = startsWith(source, LEGACY_TORCH_START)
    ? 'legacy-torch'
    : extension === '.joblib'
      ? 'joblib'
      : 'pickle';
  scan.pickles.push(classified(scanPickle(source), container));
  return scan;
}

function npyScan(source: ByteSource, npy: NpyHeader, options: ScanOptions): ModelScan {
  const scan = emptyScan('numpy');
  scan.details.version = npy.version;
  if (npy.descr) scan.details.dtype = npy.descr.slice(0, 100);
  if (options.deep && npy.objectDtype) scan.pickles.push(classified(scanPickle(source, npy.bodyOffset), 'numpy-object'));
  return scan;
}

// --- zips ----------------------------------------------------------------------------------

function zipFormat(source: ByteSource, archive: ZipArchive, extension: string): string {
  const names = archive.entries.map((entry) => entry.name);
  // A checkpoint cut short has no central directory; the member names near its start still say what it is.
  if (!archive.centralDirectory) names.push(...namesInHead(source));
  const base = (name: string) => name.slice(name.lastIndexOf('/') + 1);
  if (names.some((name) => base(name) === 'data.pkl' || name.endsWith('.data/serialization_id') || base(name) === 'constants.pkl'))
    return 'pytorch-zip';
  if (names.includes('config.json') && (extension === '.keras' || names.includes('model.weights.h5') || names.includes('metadata.json')))
    return 'keras-zip';
  if (extension === '.npz' || (names.length > 0 && names.every((name) => name.endsWith('.npy')))) return 'numpy-zip';
  return 'zip';
}

const HEAD_NAMES = ['data.pkl', 'constants.pkl', 'config.json'];

function namesInHead(source: ByteSource): string[] {
  const head = new TextDecoder('latin1').decode(source.read(0, 64 * 1024));
  return HEAD_NAMES.filter((name) => head.includes(name));
}

function zipScan(source: ByteSource, extension: string, options: ScanOptions): ModelScan {
  const archive = readZip(source);
  const scan = emptyScan(zipFormat(source, archive, extension));
  scan.details.entries = String(archive.entries.length);
  if (!options.deep) return scan;
  if (archive.incomplete) scan.incomplete.push(`zip: ${archive.incomplete}`);
  let pickleMembers = 0;
  for (const entry of archive.entries) {
    if (entry.name.endsWith('/')) continue;
    if (scan.format === 'keras-zip' && entry.name === 'config.json') kerasMember(source, entry, scan);
    else if (looksLikePickleMember(source, entry)) {
      if (++pickleMembers > MAX_PICKLE_MEMBERS) {
        scan.incomplete.push(`zip: more than ${MAX_PICKLE_MEMBERS} pickle members`);
        break;
      }
      memberPickles(source, entry, scan);
    }
  }
  return scan;
}

/** A member is read when its name says pickle or NumPy, or its first bytes do (extension-less members, CVE-2025-1889). */
function looksLikePickleMember(source: ByteSource, entry: ZipEntry): boolean {
  const name = entry.name.toLowerCase();
  if (/\.(pkl|pickle|npy|joblib)$/.test(name)) return true;
  if (entry.size === 0 && entry.compressedSize === 0) return false;
  const first = memberPrefix(source, entry, 6);
  if (!first) return false;
  return (first[0] === 0x80 && first[1] >= 2 && first[1] <= 5) || startsWith(new MemorySource(first), [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);
}

function memberPickles(source: ByteSource, entry: ZipEntry, scan: ModelScan): void {
  const member = memberBytes(source, entry);
  if ('problem' in member) {
    scan.incomplete.push(`zip member ${entry.name}: ${member.problem}`);
    return;
  }
  const npy = readNpyHeader(member.source);
  if (npy) {
    if (npy.objectDtype) scan.pickles.push(classified(scanPickle(member.source, npy.bodyOffset), 'npz-object', entry.name));
    return;
  }
  const container: PickleContainer =
    scan.format === 'pytorch-zip' ? 'pytorch-zip' : scan.format === 'numpy-zip' ? 'npz-object' : 'zip-member';
  scan.pickles.push(classified(scanPickle(member.source), container, entry.name));
}

function kerasMember(source: ByteSource, entry: ZipEntry, scan: ModelScan): void {
  const member = memberBytes(source, entry, MAX_CONFIG_BYTES);
  if ('problem' in member) {
    scan.incomplete.push(`config.json: ${member.problem}`);
    return;
  }
  try {
    const text = new TextDecoder('utf-8').decode(member.source.read(0, MAX_CONFIG_BYTES));
    scan.keras.push(...kerasConfigIssues(JSON.parse(text)));
  } catch {
    scan.incomplete.push('config.json is not valid JSON');
  }
}

// --- header formats ------------------------------------------------------------------------

function safetensorsScan(source: ByteSource, options: ScanOptions): ModelScan {
  const scan = emptyScan('safetensors');
  if (!options.deep) return scan;
  const info: SafetensorsInfo = readSafetensors(source);
  scan.details.tensors = String(info.tensors);
  if (info.metadataFormat) scan.details.metadataFormat = info.metadataFormat.slice(0, 100);
  for (const problem of info.problems) scan.malformed.push({ format: 'safetensors', problem });
  return scan;
}

function ggufScan(info: GgufInfo | undefined): ModelScan {
  const scan = emptyScan('gguf');
  if (!info) return scan;
  Object.assign(scan.details, info.details);
  for (const template of info.templates) {
    const gadget = templateGadget(template.text);
    if (gadget) scan.templates.push({ key: template.key, ...gadget });
  }
  for (const problem of info.problems) scan.malformed.push({ format: 'GGUF', problem });
  return scan;
}

function onnxScan(info: OnnxInfo): ModelScan {
  const scan = emptyScan('onnx');
  Object.assign(scan.details, info.details);
  for (const { tensor, location } of info.externalData) {
    const why = externalLocationRisk(location);
    if (why) scan.externalData.push({ tensor: tensor.slice(0, 100), location: location.slice(0, 200), why });
  }
  for (const problem of info.problems) scan.malformed.push({ format: 'ONNX', problem });
  return scan;
}

/** `absolute`: `/x`, `\x`, `C:x`, `\\host`, `~`; `escapes`: a `..` segment (either separator). */
export function externalLocationRisk(location: string): 'absolute' | 'escapes' | undefined {
  if (/^(?:[/\\~]|[A-Za-z]:)/.test(location)) return 'absolute';
  if (location.split(/[/\\]/).includes('..')) return 'escapes';
  return undefined;
}

/** A scan of bytes in memory (tests, fuzzing). */
export function scanModelBytes(bytes: Uint8Array, extension: string): ModelScan {
  return scanModel(new MemorySource(bytes), extension, { deep: true });
}
