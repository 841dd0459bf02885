import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Builders of model files from bytes in code, for tests and generated fixtures: a pickle opcode
 * writer, a zip writer (with the knobs the published scanner bypasses turn: bad CRCs, flipped
 * flags), NumPy, safetensors, GGUF and ONNX writers. Nothing here is ever unpickled or loaded;
 * the "malicious" pickles only name dangerous callables, which is all the scanner looks at.
 */

export class PickleWriter {
  private readonly parts: Buffer[] = [];

  private op(code: number, operand: Buffer = Buffer.alloc(0)): this {
    this.parts.push(Buffer.from([code]), operand);
    return this;
  }

  raw(bytes: Uint8Array | number[]): this {
    this.parts.push(Buffer.from(bytes));
    return this;
  }

  proto(version: number): this {
    return this.op(0x80, Buffer.from([version]));
  }

  frame(length: number): this {
    const operand = Buffer.alloc(8);
    operand.writeBigUInt64LE(BigInt(length));
    return this.op(0x95, operand);
  }

  global(module: string, name: string): this {
    return this.op(0x63, Buffer.from(`${module}\n${name}\n`));
  }

  inst(module: string, name: string): this {
    return this.op(0x69, Buffer.from(`${module}\n${name}\n`));
  }

  stackGlobal(): this {
    return this.op(0x93);
  }

  shortUnicode(text: string): this {
    const bytes = Buffer.from(text, 'utf8');
    return this.op(0x8c, Buffer.concat([Buffer.from([bytes.length]), bytes]));
  }

  binUnicode(text: string): this {
    const bytes = Buffer.from(text, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(bytes.length);
    return this.op(0x58, Buffer.concat([length, bytes]));
  }

  /** `UNICODE`: raw-unicode-escape text ending in a newline. */
  unicode(escaped: string): this {
    return this.op(0x56, Buffer.from(`${escaped}\n`, 'latin1'));
  }

  /** `STRING`: a quoted Python literal as written (`'os'`, `'po\\x73ix'`). */
  string(literal: string): this {
    return this.op(0x53, Buffer.from(`${literal}\n`, 'latin1'));
  }

  shortBinString(text: string): this {
    return this.op(0x55, Buffer.concat([Buffer.from([text.length]), Buffer.from(text, 'latin1')]));
  }

  shortBinBytes(bytes: Uint8Array): this {
    return this.op(0x43, Buffer.concat([Buffer.from([bytes.length]), Buffer.from(bytes)]));
  }

  binint1(value: number): this {
    return this.op(0x4b, Buffer.from([value]));
  }

  memoize(): this {
    return this.op(0x94);
  }

  binput(index: number): this {
    return this.op(0x71, Buffer.from([index]));
  }

  longBinput(index: number): this {
    const operand = Buffer.alloc(4);
    operand.writeUInt32LE(index);
    return this.op(0x72, operand);
  }

  put(index: number): this {
    return this.op(0x70, Buffer.from(`${index}\n`));
  }

  binget(index: number): this {
    return this.op(0x68, Buffer.from([index]));
  }

  longBinget(index: number): this {
    const operand = Buffer.alloc(4);
    operand.writeUInt32LE(index);
    return this.op(0x6a, operand);
  }

  get(index: number): this {
    return this.op(0x67, Buffer.from(`${index}\n`));
  }

  mark(): this {
    return this.op(0x28);
  }

  tuple(): this {
    return this.op(0x74);
  }

  tuple1(): this {
    return this.op(0x85);
  }

  tuple2(): this {
    return this.op(0x86);
  }

  emptyTuple(): this {
    return this.op(0x29);
  }

  emptyDict(): this {
    return this.op(0x7d);
  }

  setitem(): this {
    return this.op(0x73);
  }

  reduce(): this {
    return this.op(0x52);
  }

  build(): this {
    return this.op(0x62);
  }

  obj(): this {
    return this.op(0x6f);
  }

  newobj(): this {
    return this.op(0x81);
  }

  ext1(code: number): this {
    return this.op(0x82, Buffer.from([code]));
  }

  binpersid(): this {
    return this.op(0x51);
  }

  none(): this {
    return this.op(0x4e);
  }

  stop(): this {
    return this.op(0x2e);
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** `module.name(argument)` as pickle bytes, the way `__reduce__` payloads are written for each protocol. */
export function callPickle(module: string, name: string, argument: string, protocol = 2): Buffer {
  if (protocol <= 1) return new PickleWriter().global(module, name).mark().string(`'${argument}'`).tuple().reduce().stop().bytes();
  const writer = new PickleWriter().proto(protocol);
  if (protocol >= 4) writer.shortUnicode(module).memoize().shortUnicode(name).memoize().stackGlobal().memoize();
  else writer.global(module, name).binput(0);
  return writer.binUnicode(argument).tuple1().reduce().stop().bytes();
}

/** `{"w": [1]}` at protocol 4: plain data, no imports. */
export function plainPickle(): Buffer {
  return Buffer.from('8004950d000000000000007d948c0177945d944b0161732e', 'hex');
}

/** What `torch.save(state_dict)` pickles: an OrderedDict of tensors rebuilt from persistent storages. */
export function torchStateDictPickle(tensors: { name: string; key: string; numel: number }[]): Buffer {
  const writer = new PickleWriter().proto(2).global('collections', 'OrderedDict').binput(0).emptyTuple().reduce().binput(1);
  for (const [index, tensor] of tensors.entries()) {
    writer
      .binUnicode(tensor.name)
      .global('torch._utils', '_rebuild_tensor_v2')
      .mark()
      .mark()
      .binUnicode('storage')
      .global('torch', 'FloatStorage')
      .binUnicode(tensor.key)
      .binUnicode('cpu')
      .binint1(tensor.numel)
      .tuple()
      .binpersid()
      .binint1(0)
      .binint1(tensor.numel)
      .tuple1()
      .binint1(1)
      .tuple1()
      .raw([0x89]) // NEWFALSE: requires_grad
      .global('collections', 'OrderedDict')
      .emptyTuple()
      .reduce()
      .tuple()
      .reduce()
      .binput(2 + index)
      .setitem();
  }
  return writer.stop().bytes();
}

export interface ZipMember {
  name: string;
  data: Uint8Array;
  deflate?: boolean;
  /** A CRC to write instead of the right one (CVE-2025-10156). */
  crc?: number;
  /** General-purpose flags to write (CVE-2025-1945 flips the encryption bit). */
  flags?: number;
}

/** A zip archive with local headers, a central directory and an end record. */
export function zipArchive(members: ZipMember[], options: { centralDirectory?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.name, 'utf8');
    const stored = member.deflate ? deflateRawSync(member.data) : Buffer.from(member.data);
    const crc = member.crc ?? crc32(member.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(member.flags ?? 0, 6);
    local.writeUInt16LE(member.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(member.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(member.flags ?? 0, 8);
    central.writeUInt16LE(member.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(member.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, stored);
    centrals.push(central, name);
    offset += 30 + name.length + stored.length;
  }
  if (options.centralDirectory === false) return Buffer.concat(locals);
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A checkpoint laid out like `torch.save` writes it (`archive/data.pkl`, storages, version, serialization id). */
export function torchZip(dataPkl: Buffer, storages: Buffer[] = [Buffer.alloc(16)], prefix = 'archive'): Buffer {
  return zipArchive([
    { name: `${prefix}/data.pkl`, data: dataPkl },
    { name: `${prefix}/.format_version`, data: Buffer.from('1') },
    { name: `${prefix}/.storage_alignment`, data: Buffer.from('64') },
    { name: `${prefix}/byteorder`, data: Buffer.from('little') },
    ...storages.map((data, index) => ({ name: `${prefix}/data/${index}`, data })),
    { name: `${prefix}/version`, data: Buffer.from('3\n') },
    { name: `${prefix}/.data/serialization_id`, data: Buffer.from('1234567890123456789012345678901234567890') },
  ]);
}

/** A `.npy` file: magic, v1.0 header padded to 64 bytes, body. */
export function npyFile(descr: string, shape: string, body: Uint8Array): Buffer {
  let header = `{'descr': ${descr}, 'fortran_order': False, 'shape': ${shape}, }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64);
  header += '\n';
  const length = Buffer.alloc(2);
  length.writeUInt16LE(header.length);
  return Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]), length, Buffer.from(header, 'latin1'), Buffer.from(body)]);
}

/** A safetensors file from a header object and a data buffer; `lengthOverride` writes another header length. */
export function safetensorsFile(header: unknown, data: Uint8Array, options: { lengthOverride?: bigint; rawHeader?: string } = {}): Buffer {
  const json = Buffer.from(options.rawHeader ?? JSON.stringify(header), 'utf8');
  const padded = Buffer.concat([json, Buffer.alloc((8 - (json.length % 8)) % 8, 0x20)]);
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(options.lengthOverride ?? BigInt(padded.length));
  return Buffer.concat([length, padded, Buffer.from(data)]);
}

/** Two float32 tensors, contiguous: a valid safetensors file. */
export function validSafetensors(): Buffer {
  const header = {
    __metadata__: { format: 'pt' },
    'layer.bias': { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
    'layer.weight': { dtype: 'F32', shape: [2, 2], data_offsets: [8, 24] },
  };
  return safetensorsFile(header, Buffer.alloc(24));
}

type GgufValue = { type: 'string'; value: string } | { type: 'u32'; value: number } | { type: 'strings'; value: string[] };

function ggufString(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(bytes.length));
  return Buffer.concat([length, bytes]);
}

/** A GGUF v3 file with the given metadata and one aligned F32 tensor. */
export function ggufFile(metadata: Record<string, GgufValue>, options: { tensorType?: number; version?: number } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from('GGUF')];
  const fixed = Buffer.alloc(20);
  fixed.writeUInt32LE(options.version ?? 3, 0);
  fixed.writeBigUInt64LE(1n, 4);
  fixed.writeBigUInt64LE(BigInt(Object.keys(metadata).length), 12);
  parts.push(fixed);
  for (const [key, entry] of Object.entries(metadata)) {
    parts.push(ggufString(key));
    const type = Buffer.alloc(4);
    if (entry.type === 'string') {
      type.writeUInt32LE(8);
      parts.push(type, ggufString(entry.value));
    } else if (entry.type === 'u32') {
      type.writeUInt32LE(4);
      const value = Buffer.alloc(4);
      value.writeUInt32LE(entry.value);
      parts.push(type, value);
    } else {
      type.writeUInt32LE(9);
      const header = Buffer.alloc(12);
      header.writeUInt32LE(8, 0);
      header.writeBigUInt64LE(BigInt(entry.value.length), 4);
      parts.push(type, header, ...entry.value.map(ggufString));
    }
  }
  const tensor = Buffer.alloc(4 + 8 + 4 + 8);
  tensor.writeUInt32LE(1, 0);
  tensor.writeBigUInt64LE(4n, 4);
  tensor.writeUInt32LE(options.tensorType ?? 0, 12);
  tensor.writeBigUInt64LE(0n, 16);
  parts.push(ggufString('output.weight'), tensor);
  const header = Buffer.concat(parts);
  const padding = Buffer.alloc((32 - (header.length % 32)) % 32);
  return Buffer.concat([header, padding, Buffer.alloc(16)]);
}

/** A benign llama-style chat template. */
export const BENIGN_CHAT_TEMPLATE =
  "{% for message in messages %}{% if message['role'] == 'system' %}{{ '<|system|>\\n' + message['content'] }}{% else %}{{ '<|' + message['role'] + '|>\\n' + message['content'] + eos_token }}{% endif %}{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% endif %}";

// --- protobuf (ONNX) -------------------------------------------------------------------------

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

export function protoField(number: number, payload: Buffer | string | number): Buffer {
  if (typeof payload === 'number') return Buffer.concat([varint(number * 8), varint(payload)]);
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return Buffer.concat([varint(number * 8 + 2), varint(bytes.length), bytes]);
}

/** An ONNX model whose one initializer stores its data at `location` (or embeds `raw_data` when undefined). */
export function onnxModel(location: string | undefined, options: { inSubgraph?: boolean } = {}): Buffer {
  const tensorFields = [protoField(1, 4), protoField(2, 1), protoField(8, 'weight')];
  if (location === undefined) tensorFields.push(protoField(9, Buffer.alloc(16)));
  else {
    tensorFields.push(protoField(13, Buffer.concat([protoField(1, 'location'), protoField(2, location)])));
    tensorFields.push(protoField(13, Buffer.concat([protoField(1, 'length'), protoField(2, '16')])));
    tensorFields.push(protoField(14, 1));
  }
  const tensor = Buffer.concat(tensorFields);
  let graph = Buffer.concat([
    protoField(1, Buffer.concat([protoField(4, 'Identity'), protoField(1, 'x')])),
    protoField(5, tensor),
    protoField(2, 'main'),
  ]);
  if (options.inSubgraph) {
    const branch = graph;
    const attribute = Buffer.concat([protoField(1, 'then_branch'), protoField(6, branch), protoField(20, 5)]);
    graph = Buffer.concat([protoField(1, Buffer.concat([protoField(4, 'If'), protoField(5, attribute)])), protoField(2, 'main')]);
  }
  return Buffer.concat([
    protoField(1, 8),
    protoField(2, 'pytorch'),
    protoField(3, '2.3.0'),
    protoField(7, graph),
    protoField(8, Buffer.concat([protoField(2, 17)])),
  ]);
}

/** A `.keras` archive around a `config.json` object. */
export function kerasArchive(config: unknown): Buffer {
  return zipArchive([
    { name: 'metadata.json', data: Buffer.from('{"keras_version": "3.4.1", "date_saved": "2024-07-01@12:00:00"}') },
    { name: 'config.json', data: Buffer.from(JSON.stringify(config)), deflate: true },
    { name: 'model.weights.h5', data: Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]) },
  ]);
}

/** A Keras 3 Sequential config with the given layers. */
export function kerasSequential(layers: unknown[]): unknown {
  return {
    module: 'keras',
    class_name: 'Sequential',
    config: {
      name: 'sequential',
      trainable: true,
      dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' } },
      layers,
    },
    registered_name: null,
  };
}

export const DENSE_LAYER = {
  module: 'keras.layers',
  class_name: 'Dense',
  config: {
    name: 'dense',
    units: 4,
    activation: 'relu',
    kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null } },
  },
  registered_name: null,
};
