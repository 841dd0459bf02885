import {
  BENIGN_CHAT_TEMPLATE,
  callPickle,
  DENSE_LAYER,
  ggufFile,
  kerasArchive,
  kerasSequential,
  npyFile,
  onnxModel,
  PickleWriter,
  plainPickle,
  protoField,
  safetensorsFile,
  torchStateDictPickle,
  torchZip,
  validSafetensors,
  zipArchive,
} from './modelBytes';

/**
 * Binary fixtures of the model-file rules, built from bytes in code at test time: no malicious
 * pickle is ever committed. The fixture runner treats each entry like a binary fixture in
 * `test/fixtures/<path>` (its snapshot `<path>.snap.json` lives there) with the expectations given
 * here instead of a sidecar. Each entry names the published bypass or case it covers.
 */
export interface GeneratedFixture {
  /** Path under `test/fixtures/`, e.g. `aip701/positive-os-system.pkl`. */
  path: string;
  description: string;
  ruleid: string[];
  ok: string[];
  bytes(): Buffer;
}

const benignTorch = () => torchZip(torchStateDictPickle([{ name: 'fc.weight', key: '0', numel: 4 }]), [Buffer.alloc(16)]);
const maliciousTorch = () => torchZip(callPickle('os', 'system', 'echo pwned'));

/** Python's `pickle.dumps` of a `__reduce__` payload whose module and name come back through the memo. */
function stackGlobalViaMemo(): Buffer {
  return new PickleWriter()
    .proto(4)
    .shortUnicode('os')
    .memoize() // memo[0] = 'os'
    .shortUnicode('system')
    .memoize() // memo[1] = 'system'
    .shortUnicode('decoy')
    .memoize()
    .raw([0x30]) // POP: the walk-backwards scanners of old read 'decoy' here
    .raw([0x30])
    .raw([0x30])
    .binget(0)
    .binget(1)
    .stackGlobal()
    .binUnicode('id')
    .tuple1()
    .reduce()
    .stop()
    .bytes();
}

function stackGlobalLongMemo(): Buffer {
  return new PickleWriter()
    .proto(4)
    .shortUnicode('subprocess')
    .longBinput(70000)
    .raw([0x30])
    .shortUnicode('check_output')
    .put(7)
    .raw([0x30])
    .longBinget(70000)
    .get(7)
    .stackGlobal()
    .binUnicode('id')
    .tuple1()
    .reduce()
    .stop()
    .bytes();
}

function unresolvedMemoKey(): Buffer {
  return new PickleWriter().proto(4).shortUnicode('os').memoize().binget(0).binget(9).stackGlobal().emptyTuple().reduce().stop().bytes();
}

function nonStringOperand(): Buffer {
  return new PickleWriter()
    .proto(4)
    .shortBinBytes(Buffer.from('os'))
    .shortBinBytes(Buffer.from('system'))
    .stackGlobal()
    .emptyTuple()
    .reduce()
    .stop()
    .bytes();
}

function unicodeEscapes(): Buffer {
  return new PickleWriter().proto(2).unicode('o\\u0073').unicode('sy\\u0073tem').stackGlobal().emptyTuple().reduce().stop().bytes();
}

function stringEscapes(): Buffer {
  return new PickleWriter()
    .string("'po\\x73ix'")
    .string("'sys\\164em'")
    .stackGlobal()
    .mark()
    .string("'id'")
    .tuple()
    .reduce()
    .stop()
    .bytes();
}

function instOpcode(): Buffer {
  return new PickleWriter().mark().string("'id'").inst('os', 'system').stop().bytes();
}

function concatenated(): Buffer {
  return Buffer.concat([plainPickle(), callPickle('builtins', 'eval', '1+1', 4)]);
}

/** Five stacked protocol-2 pickles like torch < 1.6 wrote, the object pickle malicious, then raw storage bytes. */
function legacyTorch(): Buffer {
  const magic = Buffer.from([0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e]);
  const protocolVersion = new PickleWriter().proto(2).raw([0x4d, 0xe9, 0x03]).stop().bytes();
  const sysInfo = new PickleWriter().proto(2).emptyDict().stop().bytes();
  const storageKeys = new PickleWriter().proto(2).raw([0x5d]).stop().bytes();
  const storage = Buffer.concat([Buffer.from([16, 0, 0, 0, 0, 0, 0, 0]), Buffer.alloc(16, 0x63)]);
  return Buffer.concat([magic, protocolVersion, sysInfo, callPickle('posix', 'system', 'id'), storageKeys, storage]);
}

function joblibFile(): Buffer {
  return new PickleWriter()
    .proto(3)
    .global('joblib.numpy_pickle', 'NumpyArrayWrapper')
    .emptyTuple()
    .newobj()
    .emptyDict()
    .build()
    .raw([0x30])
    .global('os', 'system')
    .binUnicode('id')
    .tuple1()
    .reduce()
    .stop()
    .bytes();
}

function numpyObject(payload: Buffer): Buffer {
  return npyFile("'|O'", '(1,)', payload);
}

function unknownClass(): Buffer {
  return new PickleWriter().proto(2).global('__main__', 'Net').emptyTuple().newobj().emptyDict().build().stop().bytes();
}

function sklearnEstimator(): Buffer {
  return new PickleWriter()
    .proto(4)
    .shortUnicode('sklearn.linear_model._logistic')
    .memoize()
    .shortUnicode('LogisticRegression')
    .memoize()
    .stackGlobal()
    .memoize()
    .emptyTuple()
    .newobj()
    .emptyDict()
    .shortUnicode('C')
    .raw([0x47, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0]) // BINFLOAT 1.0
    .setitem()
    .build()
    .stop()
    .bytes();
}

function withTrailing(bytes: Buffer): Buffer {
  return Buffer.concat([bytes, Buffer.from('<?php system($_GET["c"]); ?>')]);
}

const TORCH_MEMBERS = (pickle: Buffer, override: { crc?: number; flags?: number } = {}) => [
  { name: 'archive/data.pkl', data: pickle, ...override },
  { name: 'archive/byteorder', data: Buffer.from('little'), ...override },
  { name: 'archive/data/0', data: Buffer.alloc(16), ...override },
  { name: 'archive/version', data: Buffer.from('3\n'), ...override },
  { name: 'archive/.data/serialization_id', data: Buffer.from('0123456789'), ...override },
];

const gguf = (template: string, key = 'tokenizer.chat_template') =>
  ggufFile({
    'general.architecture': { type: 'string', value: 'llama' },
    'general.name': { type: 'string', value: 'tiny' },
    'tokenizer.ggml.tokens': { type: 'strings', value: ['<s>', '</s>', 'hello'] },
    [key]: { type: 'string', value: template },
  });

const lambdaLayer = {
  module: 'keras.layers',
  class_name: 'Lambda',
  config: { name: 'double', function: { class_name: '__lambda__', config: { code: '4wEAAAAAAAAA', defaults: null, closure: null } } },
  registered_name: null,
};

/** An HDF5 file start with a `model_config` attribute holding the Keras 2 JSON (stored uncompressed). */
function h5Model(layers: unknown[]): Buffer {
  const json = JSON.stringify({ class_name: 'Sequential', config: { name: 'sequential', layers } })
    .replace(/":/g, '": ')
    .replace(/,"/g, ', "');
  return Buffer.concat([
    Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
    Buffer.alloc(84),
    Buffer.from('model_config\0'),
    Buffer.from(json),
  ]);
}

const SSTI = "{% for message in messages %}{{ message['content'] }}{% endfor %}{{ cycler.__init__.__globals__.os.popen('id').read() }}";

export const GENERATED_FIXTURES: GeneratedFixture[] = [
  // AIP701: the list and every published picklescan bypass (knowledge file 4.1).
  {
    path: 'aip701/positive-os-system.pkl',
    description: 'os.system via GLOBAL + REDUCE, protocol 2',
    ruleid: ['AIP701'],
    ok: ['AIP702', 'AIP703'],
    bytes: () => callPickle('os', 'system', 'id'),
  },
  {
    path: 'aip701/positive-posix-v0.bin',
    description: 'posix.system, protocol 0 (no magic) named .bin (CVE-2025-10155)',
    ruleid: ['AIP701'],
    ok: ['AIP703'],
    bytes: () => callPickle('posix', 'system', 'id', 0),
  },
  {
    path: 'aip701/positive-subprocess.pkl',
    description: 'subprocess.Popen, protocol 3',
    ruleid: ['AIP701'],
    ok: [],
    bytes: () => callPickle('subprocess', 'Popen', 'id', 3),
  },
  {
    path: 'aip701/positive-builtins-exec.pkl',
    description: 'builtins.exec via STACK_GLOBAL, protocol 4',
    ruleid: ['AIP701'],
    ok: [],
    bytes: () => callPickle('builtins', 'exec', 'import os', 4),
  },
  {
    path: 'aip701/positive-builtin-eval-py2.pkl',
    description: '__builtin__.eval (Python 2 name), protocol 0',
    ruleid: ['AIP701'],
    ok: [],
    bytes: () => callPickle('__builtin__', 'eval', '1', 0),
  },
  {
    path: 'aip701/positive-pip-main.pkl',
    description: 'pip.main (CVE-2025-1716)',
    ruleid: ['AIP701'],
    ok: [],
    bytes: () => callPickle('pip', 'main', 'install evil', 4),
  },
  {
    path: 'aip701/positive-timeit.pkl',
    description: 'timeit.timeit (CVE-2025-71351)',
    ruleid: ['AIP701'],
    ok: [],
    bytes: () => callPickle('timeit', 'timeit', 'import os', 2),
  },
  {
    path: 'aip701/positive-submodule.pkl',
    description: 'asyncio.unix_events, a submodule of a denied module (CVE-2025-10157)',
    ruleid: ['AIP701'],
    ok: [],
    bytes: () => callPickle('asyncio.unix_events', '_UnixSubprocessTransport', 'id', 4),
  },
  {
    path: 'aip701/positive-numpy-f2py.pkl',
    description: 'numpy.f2py.crackfortran.myeval (CVE-2025-71365)',
    ruleid: ['AIP701'],
    ok: [],
    bytes: () => callPickle('numpy.f2py.crackfortran', 'myeval', '1', 4),
  },
  {
    path: 'aip701/positive-stack-global-memo.pkl',
    description: 'STACK_GLOBAL whose operands come from the memo (BINGET after MEMOIZE) behind decoys (CVE-2025-71325)',
    ruleid: ['AIP701'],
    ok: [],
    bytes: stackGlobalViaMemo,
  },
  {
    path: 'aip701/positive-stack-global-long-memo.pkl',
    description: 'STACK_GLOBAL through LONG_BINPUT/LONG_BINGET and text PUT/GET',
    ruleid: ['AIP701'],
    ok: [],
    bytes: stackGlobalLongMemo,
  },
  {
    path: 'aip701/positive-unresolved-memo.pkl',
    description: 'STACK_GLOBAL over a memo key never stored: unresolvable, dangerous',
    ruleid: ['AIP701'],
    ok: [],
    bytes: unresolvedMemoKey,
  },
  {
    path: 'aip701/positive-non-string.pkl',
    description: 'STACK_GLOBAL over bytes operands: unresolvable, dangerous',
    ruleid: ['AIP701'],
    ok: [],
    bytes: nonStringOperand,
  },
  {
    path: 'aip701/positive-unicode-escape.pkl',
    description: 'UNICODE operands with \\u escapes spelling os.system',
    ruleid: ['AIP701'],
    ok: [],
    bytes: unicodeEscapes,
  },
  {
    path: 'aip701/positive-string-escape.pkl',
    description: 'protocol 0 STRING operands with \\x and octal escapes spelling posix.system',
    ruleid: ['AIP701'],
    ok: [],
    bytes: stringEscapes,
  },
  { path: 'aip701/positive-inst.pkl', description: 'INST imports and calls in one opcode', ruleid: ['AIP701'], ok: [], bytes: instOpcode },
  {
    path: 'aip701/positive-second-pickle.pkl',
    description: 'a benign pickle followed by a malicious one (concatenated pickles)',
    ruleid: ['AIP701'],
    ok: [],
    bytes: concatenated,
  },
  {
    path: 'aip701/positive-torch.pt',
    description: 'a PyTorch zip whose archive/data.pkl calls os.system',
    ruleid: ['AIP701'],
    ok: [],
    bytes: maliciousTorch,
  },
  {
    path: 'aip701/positive-torch-renamed.bin',
    description: 'the same PyTorch zip named .bin (CVE-2025-1889)',
    ruleid: ['AIP701'],
    ok: [],
    bytes: maliciousTorch,
  },
  {
    path: 'aip701/positive-torch-bad-crc.pt',
    description: 'a PyTorch zip with wrong CRCs (CVE-2025-10156)',
    ruleid: ['AIP701'],
    ok: [],
    bytes: () => zipArchive(TORCH_MEMBERS(callPickle('os', 'system', 'id'), { crc: 0xdeadbeef })),
  },
  {
    path: 'aip701/positive-torch-flipped-flags.pt',
    description: 'a PyTorch zip with the encryption flag bit set (CVE-2025-1945)',
    ruleid: ['AIP701'],
    ok: [],
    bytes: () => zipArchive(TORCH_MEMBERS(callPickle('os', 'system', 'id'), { flags: 0x0009 })),
  },
  {
    path: 'aip701/positive-zip-member-no-extension.zip',
    description: 'a zip member without a .pkl name whose bytes are a pickle',
    ruleid: ['AIP701'],
    ok: [],
    bytes: () => zipArchive([{ name: 'payload', data: callPickle('runpy', '_run_code', 'x', 4), deflate: true }]),
  },
  {
    path: 'aip701/positive-legacy.pt',
    description: 'a legacy torch checkpoint whose object pickle calls posix.system, then storage bytes',
    ruleid: ['AIP701'],
    ok: [],
    bytes: legacyTorch,
  },
  {
    path: 'aip701/positive.joblib',
    description: 'a joblib file with a NumpyArrayWrapper, then os.system',
    ruleid: ['AIP701'],
    ok: [],
    bytes: joblibFile,
  },
  {
    path: 'aip701/positive-object.npy',
    description: 'a NumPy object array whose pickle calls os.system',
    ruleid: ['AIP701'],
    ok: [],
    bytes: () => numpyObject(callPickle('os', 'system', 'id', 3)),
  },
  {
    path: 'aip701/positive-object.npz',
    description: 'an .npz whose deflated object array calls builtins.exec',
    ruleid: ['AIP701'],
    ok: [],
    bytes: () =>
      zipArchive([
        { name: 'scale.npy', data: npyFile("'<f4'", '(2,)', Buffer.alloc(8)) },
        { name: 'labels.npy', data: numpyObject(callPickle('builtins', 'exec', 'x', 3)), deflate: true },
      ]),
  },
  {
    path: 'aip701/positive-keras-weights.keras',
    description: 'a .keras archive whose weights member, named twice, is a pickle calling os.system',
    ruleid: ['AIP701'],
    ok: ['AIP704'],
    bytes: () =>
      zipArchive([
        { name: 'config.json', data: Buffer.from(JSON.stringify(kerasSequential([DENSE_LAYER]))) },
        { name: 'model.weights.npz', data: zipArchive([{ name: 'dense.npy', data: npyFile("'<f4'", '(1,)', Buffer.alloc(4)) }]) },
        { name: 'model.weights.npz', data: callPickle('os', 'system', 'id', 4) },
      ]),
  },
  {
    path: 'aip701/negative-torch.pt',
    description: 'a benign PyTorch state dict (OrderedDict, _rebuild_tensor_v2, FloatStorage)',
    ruleid: ['AIP703'],
    ok: ['AIP701', 'AIP702'],
    bytes: benignTorch,
  },
  {
    path: 'aip701/negative-plain.pkl',
    description: 'plain data, no imports',
    ruleid: ['AIP703'],
    ok: ['AIP701', 'AIP702'],
    bytes: plainPickle,
  },
  {
    path: 'aip701/near-miss-string-data.pkl',
    description: 'the text "os.system" as a string value, not an import',
    ruleid: ['AIP703'],
    ok: ['AIP701'],
    bytes: () => new PickleWriter().proto(4).shortUnicode('os').shortUnicode('system').tuple2().stop().bytes(),
  },
  {
    path: 'aip701/near-miss-storage-bytes.pt',
    description: 'a benign PyTorch zip whose storage bytes spell a GLOBAL opcode',
    ruleid: ['AIP703'],
    ok: ['AIP701', 'AIP702'],
    bytes: () => torchZip(torchStateDictPickle([{ name: 'w', key: '0', numel: 4 }]), [Buffer.from('cos\nsystem\n(S"id"\ntR.')]),
  },
  // AIP702
  {
    path: 'aip702/positive-main-class.pkl',
    description: 'a whole model pickled: __main__.Net',
    ruleid: ['AIP702'],
    ok: ['AIP701', 'AIP703'],
    bytes: unknownClass,
  },
  {
    path: 'aip702/positive-extension.pkl',
    description: 'an EXT1 copyreg extension code',
    ruleid: ['AIP702'],
    ok: ['AIP701'],
    bytes: () => new PickleWriter().proto(2).ext1(7).emptyTuple().reduce().stop().bytes(),
  },
  {
    path: 'aip702/negative-sklearn.pkl',
    description: 'a scikit-learn estimator: safe-listed class',
    ruleid: ['AIP703'],
    ok: ['AIP702'],
    bytes: sklearnEstimator,
  },
  {
    path: 'aip702/near-miss-dangerous.pkl',
    description: 'a dangerous import is AIP701, not also AIP702',
    ruleid: ['AIP701'],
    ok: ['AIP702'],
    bytes: () => Buffer.concat([unknownClass().subarray(0, -1), Buffer.from([0x30]), callPickle('os', 'system', 'id').subarray(2)]),
  },
  // AIP704
  {
    path: 'aip704/positive-lambda.keras',
    description: 'a .keras model with a Lambda layer',
    ruleid: ['AIP704'],
    ok: [],
    bytes: () => kerasArchive(kerasSequential([DENSE_LAYER, lambdaLayer])),
  },
  {
    path: 'aip704/positive-module.keras',
    description: 'a .keras config naming subprocess.Popen (CVE-2025-1550)',
    ruleid: ['AIP704'],
    ok: [],
    bytes: () =>
      kerasArchive(
        kerasSequential([DENSE_LAYER, { module: 'subprocess', class_name: 'Popen', config: { args: ['id'] }, registered_name: null }]),
      ),
  },
  {
    path: 'aip704/positive-unsafe-flag.keras',
    description: 'a config that turns safe mode off (CVE-2025-9906)',
    ruleid: ['AIP704'],
    ok: [],
    bytes: () =>
      kerasArchive(
        kerasSequential([
          DENSE_LAYER,
          { module: 'keras.config', class_name: 'function', config: 'enable_unsafe_deserialization', registered_name: null },
        ]),
      ),
  },
  {
    path: 'aip704/positive-torch-wrapper.keras',
    description: 'a TorchModuleWrapper layer (CVE-2025-49655)',
    ruleid: ['AIP704'],
    ok: [],
    bytes: () =>
      kerasArchive(
        kerasSequential([
          { module: 'keras.layers', class_name: 'TorchModuleWrapper', config: { name: 'torch_module_wrapper' }, registered_name: null },
        ]),
      ),
  },
  {
    path: 'aip704/positive-lambda.h5',
    description: 'an HDF5 Keras model whose model_config has a Lambda layer',
    ruleid: ['AIP704'],
    ok: [],
    bytes: () =>
      h5Model([
        { class_name: 'Dense', config: { name: 'dense' } },
        { class_name: 'Lambda', config: { name: 'lambda' } },
      ]),
  },
  {
    path: 'aip704/negative.keras',
    description: 'Dense layers only',
    ruleid: [],
    ok: ['AIP704'],
    bytes: () => kerasArchive(kerasSequential([DENSE_LAYER])),
  },
  {
    path: 'aip704/negative.h5',
    description: 'an HDF5 Keras model without Lambda layers',
    ruleid: [],
    ok: ['AIP704'],
    bytes: () => h5Model([{ class_name: 'Dense', config: { name: 'dense' } }]),
  },
  {
    path: 'aip704/near-miss.keras',
    description: 'a layer named lambda that is a Dense, and keras_hub modules',
    ruleid: [],
    ok: ['AIP704'],
    bytes: () =>
      kerasArchive(
        kerasSequential([
          { ...DENSE_LAYER, config: { ...DENSE_LAYER.config, name: 'Lambda' } },
          { module: 'keras_hub.src.models', class_name: 'Backbone', config: {}, registered_name: null },
        ]),
      ),
  },
  // AIP705
  {
    path: 'aip705/positive.gguf',
    description: 'a GGUF chat template reaching os.popen through cycler globals (CVE-2024-34359)',
    ruleid: ['AIP705'],
    ok: [],
    bytes: () => gguf(SSTI),
  },
  {
    path: 'aip705/positive-named-template.gguf',
    description: 'a named template variant using the attr filter with escaped underscores',
    ruleid: ['AIP705'],
    ok: [],
    bytes: () => gguf("{{ ''|attr('\\x5f\\x5fclass\\x5f\\x5f') }}", 'tokenizer.chat_template.tool_use'),
  },
  {
    path: 'aip705/negative.gguf',
    description: 'a benign chat template',
    ruleid: [],
    ok: ['AIP705'],
    bytes: () => gguf(BENIGN_CHAT_TEMPLATE),
  },
  {
    path: 'aip705/near-miss.gguf',
    description: 'literal text about os.system and __init__ outside template code',
    ruleid: [],
    ok: ['AIP705'],
    bytes: () =>
      gguf("You run on macOS. Never call os.system or __init__.{% for message in messages %}{{ message['content'] }}{% endfor %}"),
  },
  // AIP706
  {
    path: 'aip706/positive-escape.onnx',
    description: 'external data location ../../etc/passwd',
    ruleid: ['AIP706'],
    ok: [],
    bytes: () => onnxModel('../../etc/passwd'),
  },
  {
    path: 'aip706/positive-absolute.onnx',
    description: 'an absolute external data location',
    ruleid: ['AIP706'],
    ok: [],
    bytes: () => onnxModel('/etc/passwd'),
  },
  {
    path: 'aip706/positive-subgraph.onnx',
    description: 'an escaping location inside an If branch subgraph (Windows separators)',
    ruleid: ['AIP706'],
    ok: [],
    bytes: () => onnxModel('..\\..\\secrets.txt', { inSubgraph: true }),
  },
  {
    path: 'aip706/negative.onnx',
    description: 'external data beside the model',
    ruleid: [],
    ok: ['AIP706'],
    bytes: () => onnxModel('model.onnx.data'),
  },
  {
    path: 'aip706/near-miss.onnx',
    description: 'a file name starting with dots, not a .. segment',
    ruleid: [],
    ok: ['AIP706'],
    bytes: () => onnxModel('weights/..data.bin'),
  },
  // AIP707
  {
    path: 'aip707/positive-length.safetensors',
    description: 'a header length over 100 MB',
    ruleid: ['AIP707'],
    ok: [],
    bytes: () => safetensorsFile({}, Buffer.alloc(0), { lengthOverride: 200_000_000n }),
  },
  {
    path: 'aip707/positive-trailing.safetensors',
    description: 'bytes after the last tensor (polyglot)',
    ruleid: ['AIP707'],
    ok: [],
    bytes: () => withTrailing(validSafetensors()),
  },
  {
    path: 'aip707/positive-overlap.safetensors',
    description: 'overlapping data_offsets',
    ruleid: ['AIP707'],
    ok: [],
    bytes: () =>
      safetensorsFile(
        { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } },
        Buffer.alloc(12),
      ),
  },
  {
    path: 'aip707/positive-not-brace.safetensors',
    description: 'a header that does not start with {',
    ruleid: ['AIP707'],
    ok: [],
    bytes: () => safetensorsFile({}, Buffer.alloc(0), { rawHeader: ' {"a": 1}' }),
  },
  {
    path: 'aip707/positive-dtype.safetensors',
    description: 'an unknown dtype and a size that does not match the shape',
    ruleid: ['AIP707'],
    ok: [],
    bytes: () =>
      safetensorsFile(
        { a: { dtype: 'F128', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F16', shape: [3], data_offsets: [8, 12] } },
        Buffer.alloc(12),
      ),
  },
  {
    path: 'aip707/positive-type.gguf',
    description: 'a GGUF tensor with an unknown ggml type',
    ruleid: ['AIP707'],
    ok: [],
    bytes: () => ggufFile({ 'general.architecture': { type: 'string', value: 'llama' } }, { tensorType: 999 }),
  },
  {
    path: 'aip707/positive-truncated.onnx',
    description: 'an ONNX protobuf cut in the middle of its graph',
    ruleid: ['AIP707'],
    ok: [],
    bytes: () => onnxModel(undefined).subarray(0, 30),
  },
  {
    path: 'aip707/positive-not-onnx.onnx',
    description: 'a file named .onnx that is a pickle',
    ruleid: ['AIP707', 'AIP703'],
    ok: [],
    bytes: plainPickle,
  },
  { path: 'aip707/negative.safetensors', description: 'a valid safetensors file', ruleid: [], ok: ['AIP707'], bytes: validSafetensors },
  {
    path: 'aip707/negative.gguf',
    description: 'a valid GGUF file',
    ruleid: [],
    ok: ['AIP707', 'AIP705'],
    bytes: () => gguf(BENIGN_CHAT_TEMPLATE),
  },
  {
    path: 'aip707/negative.onnx',
    description: 'an ONNX model with embedded weights',
    ruleid: [],
    ok: ['AIP707'],
    bytes: () => onnxModel(undefined),
  },
  {
    path: 'aip707/near-miss-lfs.safetensors',
    description: 'a Git LFS pointer in place of the weights',
    ruleid: [],
    ok: ['AIP707'],
    bytes: () => Buffer.from('version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 1234\n'),
  },
  {
    path: 'aip707/near-miss-empty-tensor.safetensors',
    description: 'a zero-element tensor and a padded header',
    ruleid: [],
    ok: ['AIP707'],
    bytes: () =>
      safetensorsFile(
        { a: { dtype: 'F32', shape: [0, 4], data_offsets: [0, 0] }, b: { dtype: 'BF16', shape: [2], data_offsets: [0, 4] } },
        Buffer.alloc(4),
      ),
  },
  {
    path: 'aip707/near-miss-onnx-fields.onnx',
    description: 'unknown fields and a nested message ONNX readers skip',
    ruleid: [],
    ok: ['AIP707'],
    bytes: () => Buffer.concat([onnxModel(undefined), protoField(99, Buffer.from([0x08, 0x01]))]),
  },
];
