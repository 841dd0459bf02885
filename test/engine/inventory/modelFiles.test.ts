import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listsAsModelFile, modelFileComponent, modelFileInfo, sniffFormat } from '../../../server/src/engine/inventory/modelFiles';
import { ggufBytes, pickleBytes, safetensorsBytes } from './helpers';

describe('inventory: model files', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-modelfiles-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };

  it('sniffs formats from magic bytes, not extensions', () => {
    const sniff = (bytes: Buffer, extension = '.bin', _lastByte?: number) => sniffFormat(bytes, extension).format;
    assert.equal(sniff(ggufBytes()), 'gguf');
    assert.equal(sniff(safetensorsBytes()), 'safetensors');
    assert.equal(sniff(pickleBytes(), '.pt'), 'pickle');
    assert.equal(sniff(Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), '.h5'), 'hdf5');
    assert.equal(
      sniff(Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26), Buffer.from('archive/data.pkl')]), '.bin'),
      'pytorch-zip',
    );
    assert.equal(
      sniff(Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(26), Buffer.from('config.json')]), '.keras'),
      'keras-zip',
    );
    assert.equal(sniff(Buffer.from('\x93NUMPY\x01\x00v\x00{', 'latin1'), '.npy'), 'numpy');
    // ONNX: ir_version 8, then producer_name.
    assert.equal(sniff(Buffer.from([0x08, 0x08, 0x12, 0x07, 0x70, 0x79, 0x74, 0x6f, 0x72, 0x63, 0x68]), '.onnx'), 'onnx');
    // Protocol 0 pickle: `(dp0\n.` has no magic; it is confirmed by walking its opcodes to STOP,
    // whatever the file is called (a pickle named `.txt` is still a pickle, CVE-2025-1889).
    const protocol0 = Buffer.from("(dp0\nS'a'\np1\nI1\ns.", 'latin1');
    assert.equal(sniff(protocol0, '.pkl', 0x2e), 'pickle');
    assert.equal(sniff(protocol0, '.txt', 0x2e), 'pickle');
    assert.equal(sniff(Buffer.from('(Some text that ends with a stop.', 'latin1'), '.txt', 0x2e), 'unknown');
    assert.equal(sniff(Buffer.from('hello world'), '.bin', 0x64), 'unknown');
    // A safetensors length that points past the end of the file is not safetensors.
    const bad = Buffer.concat([Buffer.from([0xff, 0xff, 0, 0, 0, 0, 0, 0]), Buffer.from('{}')]);
    assert.equal(sniff(bad, '.safetensors'), 'unknown');
  });

  it('reads GGUF metadata and safetensors headers without loading tensors', async () => {
    const gguf = await modelFileInfo(write('tiny.gguf', ggufBytes()));
    assert.equal(gguf.format, 'gguf');
    assert.deepEqual(gguf.details, { version: '3', architecture: 'llama', name: 'tiny-llama-fixture' });
    const safetensors = await modelFileInfo(write('w.safetensors', safetensorsBytes()));
    assert.deepEqual(safetensors.details, { tensors: '1', metadataFormat: 'pt' });
  });

  it('streams SHA-256 over large files and skips hashing above the limit', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 123, 7);
    pickleBytes().copy(big, 0);
    const file = write('big.pt', big);
    const info = await modelFileInfo(file);
    assert.equal(info.size, big.length);
    assert.equal(info.sha256, createHash('sha256').update(big).digest('hex'));
    assert.equal(info.format, 'pickle');
    const unhashed = await modelFileInfo(file, { maxHashBytes: 1024 });
    assert.equal(unhashed.sha256, undefined);
    assert.equal(unhashed.format, 'pickle');
    const component = modelFileComponent('models/big.pt', unhashed);
    assert.ok(component.properties.some((entry) => entry.name === 'ai-posture:modelFile:hash'));
  });

  it('sniffs GGML-era weights by their magic', () => {
    for (const magic of ['lmgg', 'fmgg', 'tjgg', 'algg']) {
      assert.equal(sniffFormat(Buffer.concat([Buffer.from(magic, 'latin1'), Buffer.alloc(28, 1)]), '.bin').format, 'ggml');
    }
    assert.equal(sniffFormat(Buffer.from('ggml and more text'), '.bin').format, 'unknown');
  });

  it('lists a .bin or .dat file by its bytes, not its name', async () => {
    const listed = async (name: string, bytes: Buffer) => listsAsModelFile(`data/${name}`, await modelFileInfo(write(name, bytes)));
    // A small unrecognised blob is test or application data (a `tests/test_files/random.bin`).
    assert.equal(await listed('random.bin', Buffer.alloc(1024, 0x5a)), false);
    assert.equal(await listed('cache.dat', Buffer.alloc(4096, 0x13)), false);
    // Model formats whatever their size; raw weights (OpenVINO IR, llama2.c) by their size.
    assert.equal(await listed('pytorch_model.bin', pickleBytes()), true);
    assert.equal(await listed('ggml-model.bin', Buffer.concat([Buffer.from('tjgg', 'latin1'), Buffer.alloc(60)])), true);
    assert.equal(await listed('openvino_model.bin', Buffer.alloc(2 * 1024 * 1024, 0x3c)), true);
    // A big unrecognised blob whose name says nothing of a model: an Electron snapshot, an IP database.
    assert.equal(await listed('v8_context_snapshot.bin', Buffer.alloc(2 * 1024 * 1024, 0x3c)), false);
    assert.equal(await listed('qqwry.dat', Buffer.alloc(2 * 1024 * 1024, 0x3c)), false);
    // Other model extensions are listed whatever their bytes (a broken `.safetensors` is a finding).
    assert.equal(await listed('tiny.pt', Buffer.alloc(16, 0x5a)), true);
  });

  it('reports unreadable files instead of throwing', async () => {
    const info = await modelFileInfo(path.join(dir, 'missing.gguf'));
    assert.equal(info.error, 'ENOENT');
    assert.equal(info.format, 'unknown');
  });
});
