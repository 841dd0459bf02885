import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultConfig } from '../../../server/src/engine/config/config';
import { modelFileComponent, modelFileInfo } from '../../../server/src/engine/inventory/modelFiles';
import { templateGadget } from '../../../server/src/engine/modelScan/chatTemplate';
import { classifyImport } from '../../../server/src/engine/modelScan/pickleGlobals';
import { scanModelBytes } from '../../../server/src/engine/modelScan/scan';
import { MemorySource } from '../../../server/src/engine/modelScan/source';
import { memberBytes, readZip } from '../../../server/src/engine/modelScan/zip';
import { scanWorkspace } from '../../../server/src/engine/scan';
import { callPickle, plainPickle, torchStateDictPickle, torchZip, validSafetensors, zipArchive } from './modelBytes';

const imports = (bytes: Buffer, extension = '.pkl') =>
  scanModelBytes(bytes, extension).pickles.flatMap((stream) =>
    stream.imports.map((found) => `${found.module}.${found.name}:${found.verdict}`),
  );

describe('model scanner', () => {
  describe('pickle imports', () => {
    it('classifies by the deny list (parent modules included), the safe list and unknown in between', () => {
      assert.equal(classifyImport('os', 'system'), 'dangerous');
      assert.equal(classifyImport('asyncio.unix_events', 'x'), 'dangerous');
      assert.equal(classifyImport('__builtin__', 'eval'), 'dangerous');
      assert.equal(classifyImport('builtins', 'set'), 'safe');
      assert.equal(classifyImport('builtins', 'vars'), 'dangerous');
      assert.equal(classifyImport('torch._utils', '_rebuild_tensor_v2'), 'safe');
      assert.equal(classifyImport('torch._utils', '_rebuild_tensor_v2.__globals__'), 'dangerous');
      assert.equal(classifyImport('numpy.core.multiarray', '_reconstruct'), 'safe');
      assert.equal(classifyImport('sklearn.tree._classes', 'DecisionTreeClassifier'), 'safe');
      assert.equal(classifyImport('sklearn.utils', 'some_function'), 'unknown');
      assert.equal(classifyImport('pandas.core.computation.eval', 'eval'), 'dangerous');
      assert.equal(classifyImport('__main__', 'Net'), 'unknown');
      assert.equal(classifyImport('unknown', 'unknown'), 'dangerous');
    });

    it('reports every import of a benign state dict as safe, and calls as calls', () => {
      assert.deepEqual(imports(torchStateDictPickle([{ name: 'w', key: '0', numel: 2 }])), [
        'collections.OrderedDict:safe',
        'torch._utils._rebuild_tensor_v2:safe',
        'torch.FloatStorage:safe',
      ]);
      const [stream] = scanModelBytes(callPickle('os', 'system', 'id'), '.pkl').pickles;
      assert.equal(stream.imports[0].called, true);
      assert.equal(stream.imports[0].offset, 2);
    });

    it('keeps the imports found before a malformed opcode and says where it stopped', () => {
      const broken = Buffer.concat([callPickle('os', 'system', 'id').subarray(0, -1), Buffer.from([0xff])]);
      const [stream] = scanModelBytes(broken, '.pkl').pickles;
      assert.deepEqual(
        stream.imports.map((found) => found.name),
        ['system'],
      );
      assert.match(stream.error?.reason ?? '', /unknown opcode 0xff/);
    });
  });

  describe('chat templates', () => {
    it('finds gadgets in template code, also hidden in strings, and not in quoted prose', () => {
      assert.equal(templateGadget("{{ ''.__class__.__mro__[1].__subclasses__() }}")?.what, 'a dunder attribute');
      assert.equal(templateGadget("{{ x|attr('\\x5f\\x5fglobals\\x5f\\x5f') }}")?.what, 'an escaped underscore');
      assert.equal(templateGadget('{% import "os" as os %}')?.what, 'a template import');
      assert.equal(templateGadget('{{ self._TemplateReference__context }}')?.what, '_TemplateReference__context');
      // Real templates (Granite, Mistral) quote prose such as "…fulfill the request." in their code.
      assert.equal(templateGadget("{%- set msg = 'You cannot fulfill the request.' %}{{ msg }}"), undefined);
      assert.equal(templateGadget("Runs on macOS. {% for m in messages %}{{ m['content'] }}{% endfor %}"), undefined);
    });
  });

  describe('zip reader', () => {
    it('reads members through the central directory, after prepended bytes too', () => {
      const zip = torchZip(plainPickle());
      const shifted = Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), zip]);
      for (const bytes of [zip, shifted]) {
        const archive = readZip(new MemorySource(bytes));
        assert.equal(archive.centralDirectory, true);
        assert.ok(archive.entries.some((entry) => entry.name === 'archive/data.pkl'));
      }
      assert.equal(scanModelBytes(shifted, '.pt').format, 'pytorch-zip');
    });

    it('bounds what a deflated member may inflate to (zip bombs)', () => {
      const bomb = zipArchive([{ name: 'archive/data.pkl', data: Buffer.alloc(4 * 1024 * 1024), deflate: true }]);
      const source = new MemorySource(bomb);
      const [entry] = readZip(source).entries;
      assert.deepEqual(memberBytes(source, entry, 1024 * 1024), { problem: 'inflates to more than 1048576 bytes' });
    });

    it('says which parts it could not read instead of skipping them silently', () => {
      const stored = zipArchive([{ name: 'archive/data.pkl', data: plainPickle() }]);
      stored.writeUInt16LE(14, 10); // method 14 (LZMA) in the local header
      stored.writeUInt16LE(14, stored.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
      const scan = scanModelBytes(stored, '.pt');
      assert.deepEqual(scan.incomplete, ['zip member archive/data.pkl: compression method 14 is not read']);
    });
  });

  describe('in the scan and the AI-BOM', () => {
    let root: string;
    before(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-modelscan-'));
      fs.mkdirSync(path.join(root, 'models'));
      fs.writeFileSync(path.join(root, 'models', 'evil.bin'), torchZip(callPickle('os', 'system', 'id')));
      fs.writeFileSync(path.join(root, 'models', 'ok.safetensors'), validSafetensors());
      fs.writeFileSync(path.join(root, 'models', 'big.pt'), Buffer.concat([plainPickle(), Buffer.alloc(4096)]));
    });
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    it('puts the verdict and the evidence in the model file entry, with its SHA-256', async () => {
      const info = await modelFileInfo(path.join(root, 'models', 'evil.bin'));
      const component = modelFileComponent('models/evil.bin', info);
      const property = (name: string) => component.properties.find((entry) => entry.name === `ai-posture:modelFile:${name}`)?.value;
      assert.equal(property('verdict'), 'malicious');
      assert.equal(property('evidence'), 'os.system at offset 2 of archive/data.pkl');
      assert.match(component.sha256 ?? '', /^[0-9a-f]{64}$/);
      const clean = modelFileComponent('models/ok.safetensors', await modelFileInfo(path.join(root, 'models', 'ok.safetensors')));
      assert.equal(clean.properties.find((entry) => entry.name === 'ai-posture:modelFile:verdict')?.value, 'no issue found');
    });

    it('lists a file over modelFiles.maxBytes and reports it as not scanned', async () => {
      const config = { ...defaultConfig(), modelFiles: { scan: true, maxBytes: 1024 } };
      const result = await scanWorkspace(root, config, { today: '2026-01-01', jobs: 1 });
      const big = result.files.find((file) => file.path === 'models/big.pt');
      assert.deepEqual(big?.notices, [
        { path: 'models/big.pt', kind: 'skipped', reason: 'not scanned: 4120 bytes is over modelFiles.maxBytes (1024)' },
      ]);
      const entry = result.bom?.components.find((component) => component.name === 'models/big.pt');
      assert.ok(entry?.properties.some((property) => property.name === 'ai-posture:modelFile:verdict' && property.value === 'not scanned'));
      const evil = result.files.find((file) => file.path === 'models/evil.bin');
      assert.deepEqual(
        evil?.findings.map((finding) => finding.ruleId),
        ['AIP701'],
      );
    });
  });
});
