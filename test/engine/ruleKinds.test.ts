import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeModelFile, withWorkspaceFindings } from '../../server/src/engine/analyzeKinds';
import { defaultConfig, type ResolvedConfig } from '../../server/src/engine/config/config';
import { modelFileInfoFromBytes, modelFileView } from '../../server/src/engine/inventory/modelFiles';
import type { AiBom } from '../../server/src/engine/inventory/types';
import { readNpyHeader } from '../../server/src/engine/modelScan/npy';
import { scanModelBytes } from '../../server/src/engine/modelScan/scan';
import { MemorySource } from '../../server/src/engine/modelScan/source';
import { readZip } from '../../server/src/engine/modelScan/zip';
import { globMatches } from '../../server/src/engine/rules/aip904-model-not-allowed';
import { allRules, byteRules, textRules, workspaceRules } from '../../server/src/engine/rules/index';
import { ruleFilesText } from '../../server/src/engine/rules/rule';
import { scanWorkspace } from '../../server/src/engine/scan';
import type { FileResult } from '../../server/src/engine/types';

/** `pickle.dumps({"w": [1]}, protocol=4)`: plain data, no imports. */
const PICKLE = Buffer.from('8004950d000000000000007d948c0177945d944b0161732e', 'hex');
const TODAY = { today: '2026-01-01' };

function config(extra: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return { ...defaultConfig(), ...extra };
}

async function modelFindings(relative: string, bytes: Buffer, settings: ResolvedConfig = config()) {
  const info = await modelFileInfoFromBytes(bytes, path.extname(relative));
  return analyzeModelFile(modelFileView(relative, info), settings, TODAY);
}

const MODEL_BOM: AiBom = {
  components: [
    {
      ref: 'model:openai/gpt-3.5-turbo',
      kind: 'model',
      name: 'gpt-3.5-turbo',
      provider: 'openai',
      occurrences: [
        { path: 'app.py', line: 2, evidence: 'call', symbol: 'client.create' },
        { path: 'other.py', line: 1, evidence: 'call', symbol: 'client.create' },
      ],
      properties: [],
      dependsOn: [],
    },
  ],
};
const POLICY = { allowedModels: ['gpt-4o*'] };
const TEXTS: Record<string, string> = {
  'app.py': 'import openai\nclient.create(model="gpt-3.5-turbo")\n',
  'other.py': 'client.create(model="gpt-3.5-turbo")  # ai-posture-ignore AIP904 -- approved for the batch job\n',
};
const readText = async (relative: string) => TEXTS[relative];

describe('rule kinds', () => {
  describe('registry', () => {
    it('lists every rule once, split by kind, with the files each kind reads', () => {
      assert.equal(allRules.length, textRules.length + byteRules.length + workspaceRules.length);
      assert.deepEqual(
        byteRules.map((rule) => rule.meta.id),
        ['AIP701', 'AIP702', 'AIP703', 'AIP704', 'AIP705', 'AIP706', 'AIP707'],
      );
      assert.deepEqual(
        workspaceRules.map((rule) => rule.meta.id),
        ['AIP608', 'AIP609', 'AIP811', 'AIP901', 'AIP902', 'AIP903', 'AIP904'],
      );
      assert.match(ruleFilesText(byteRules[0]), /^model files sniffed as pickle/);
      assert.match(ruleFilesText(workspaceRules[0]), /AI-BOM/);
    });
  });

  describe('byte rules', () => {
    it('report on line 1 of a pickle, whatever its extension', async () => {
      for (const name of ['w.pkl', 'w.bin', 'w.pt']) {
        const result = await modelFindings(name, PICKLE);
        assert.deepEqual(
          result.findings.map((finding) => [finding.ruleId, finding.range.start.line, finding.severity]),
          [['AIP703', 0, 'information']],
          name,
        );
      }
    });

    it('are silent with modelFiles.scan false or the rule off, and take severity overrides', async () => {
      assert.deepEqual((await modelFindings('w.pkl', PICKLE, config({ modelFiles: { scan: false, maxBytes: 1 } }))).findings, []);
      assert.deepEqual((await modelFindings('w.pkl', PICKLE, config({ rules: { AIP703: 'off' } }))).findings, []);
      const raised = await modelFindings('w.pkl', PICKLE, config({ rules: { AIP703: 'warning' } }));
      assert.equal(raised.findings[0].severity, 'warning');
    });

    it('are suppressed by config ignore entries on the model file path', async () => {
      const ignore = [{ rule: 'AIP703', paths: ['vendor/**'], reason: 'third-party weights' }];
      const inVendor = await modelFindings('vendor/w.pkl', PICKLE, config({ ignore }));
      assert.deepEqual(inVendor.findings[0].suppression, { kind: 'external', justification: 'third-party weights' });
      const elsewhere = await modelFindings('models/w.pkl', PICKLE, config({ ignore }));
      assert.equal(elsewhere.findings[0].suppression, undefined);
    });

    it('give stable fingerprints that depend on the path, not on the bytes', async () => {
      const [a] = (await modelFindings('a.pkl', PICKLE)).findings;
      const [again] = (await modelFindings('a.pkl', Buffer.concat([PICKLE.subarray(0, -1), Buffer.from('.')]))).findings;
      const [b] = (await modelFindings('b.pkl', PICKLE)).findings;
      assert.equal(a.fingerprint, again.fingerprint);
      assert.notEqual(a.fingerprint, b.fingerprint);
    });
  });

  describe('pickle streams', () => {
    const npy = (descr: string) => {
      const header = `{'descr': ${descr}, 'fortran_order': False, 'shape': (1,), }`.padEnd(53, ' ');
      return Buffer.concat([
        Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]),
        Buffer.from([54, 0]),
        Buffer.from(`${header}\n`),
        PICKLE,
      ]);
    };

    it('finds the pickled body of NumPy object arrays, plain or structured, and nothing in numeric ones', () => {
      const numpyObjectBody = (bytes: Buffer) => {
        const header = readNpyHeader(new MemorySource(bytes));
        return header?.objectDtype ? bytes.subarray(header.bodyOffset) : undefined;
      };
      assert.ok(numpyObjectBody(npy("'|O'")));
      assert.ok(numpyObjectBody(npy("[('label', '|O'), ('score', '<f4')]")));
      assert.equal(numpyObjectBody(npy("'<f8'")), undefined);
      assert.equal(numpyObjectBody(npy("[('count', '<i8')]")), undefined);
    });

    it('stops walking a zip at a member whose size comes after its data', () => {
      const local = (name: string, flags: number, size: number) => {
        const header = Buffer.alloc(30);
        header.writeUInt32LE(0x04034b50, 0);
        header.writeUInt16LE(flags, 6);
        header.writeUInt32LE(size, 18);
        header.writeUInt16LE(name.length, 26);
        return Buffer.concat([header, Buffer.from(name), Buffer.alloc(size)]);
      };
      const zip = Buffer.concat([local('a/data.pkl', 0, 4), local('a/streamed', 0x08, 0), local('a/never', 0, 2)]);
      assert.deepEqual(
        readZip(new MemorySource(zip)).entries.map((entry) => entry.name),
        ['a/data.pkl', 'a/streamed'],
      );
    });

    it('finds nothing in formats that cannot hold pickles', () => {
      const safetensors = Buffer.concat([Buffer.from([2, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('{}')]);
      assert.deepEqual(scanModelBytes(safetensors, '.safetensors').pickles, []);
    });
  });

  describe('workspace rules', () => {
    it('match policy globs case-insensitively and literally otherwise', () => {
      assert.ok(globMatches('gpt-4o*', 'GPT-4o-mini'));
      assert.ok(globMatches('claude-?-opus', 'claude-3-opus'));
      assert.ok(!globMatches('gpt-4o*', 'gpt-4'));
      assert.ok(!globMatches('gpt-4.1', 'gpt-4x1'));
    });

    it('report on the occurrence line and honour the file directives and the config ignore entries', async () => {
      const files = await withWorkspaceFindings([], MODEL_BOM, config({ policy: POLICY }), { ...TODAY, readText });
      const app = files.find((file) => file.path === 'app.py')?.findings ?? [];
      assert.deepEqual(
        app.map((finding) => [finding.ruleId, finding.range.start.line, finding.range.start.character, finding.suppression]),
        [['AIP904', 1, 21, undefined]],
      );
      const other = files.find((file) => file.path === 'other.py')?.findings ?? [];
      assert.equal(other[0].suppression?.kind, 'inSource');
      const ignored = await withWorkspaceFindings(
        [],
        MODEL_BOM,
        config({ policy: POLICY, ignore: [{ rule: 'AIP904', reason: 'pilot' }] }),
        {
          ...TODAY,
          readText,
        },
      );
      assert.ok(ignored.every((file) => file.findings.every((finding) => finding.suppression?.kind !== undefined)));
    });

    it('add to the results without changing them, and do nothing without a policy', async () => {
      const known: FileResult = { path: 'app.py', findings: [], notices: [] };
      const files = await withWorkspaceFindings([known], MODEL_BOM, config({ policy: POLICY }), { ...TODAY, readText });
      assert.deepEqual(known.findings, []);
      assert.equal(files.find((file) => file.path === 'app.py')?.findings.length, 1);
      assert.deepEqual(await withWorkspaceFindings([known], MODEL_BOM, config(), { ...TODAY, readText }), [known]);
    });

    it('skip a commented-out alternative: it is listed, but not in use', async () => {
      const [model] = MODEL_BOM.components;
      const commented = {
        ...model,
        occurrences: [{ path: 'app.py', line: 3, evidence: 'constant' as const, symbol: 'MODEL', commented: true }],
      };
      const files = await withWorkspaceFindings([], { components: [commented] }, config({ policy: POLICY }), { ...TODAY, readText });
      assert.deepEqual(files, []);
    });

    it('place a finding on its line when the file cannot be read', async () => {
      const files = await withWorkspaceFindings([], MODEL_BOM, config({ policy: POLICY }), { ...TODAY, readText: async () => undefined });
      assert.deepEqual(
        files.map((file) => [file.path, file.findings[0].range.start.line]),
        [
          ['app.py', 1],
          ['other.py', 0],
        ],
      );
    });

    it('run at the end of a workspace scan, over open buffers, unless the caller runs them itself', async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-kinds-'));
      try {
        fs.writeFileSync(path.join(root, 'app.py'), 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o")\n');
        const unsaved = 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-3.5-turbo")\n';
        const settings = config({ policy: POLICY });
        const overlay = (relative: string) => (relative === 'app.py' ? unsaved : undefined);
        const scan = await scanWorkspace(root, settings, { ...TODAY, jobs: 1, overlay });
        assert.deepEqual(
          scan.files.flatMap((file) => file.findings.map((finding) => `${finding.ruleId} ${file.path}:${finding.range.start.line}`)),
          ['AIP904 app.py:1'],
        );
        const deferred = await scanWorkspace(root, settings, { ...TODAY, jobs: 1, overlay, workspaceRules: false });
        assert.deepEqual(deferred.files, []);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  });
});
