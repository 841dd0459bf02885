import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultConfig } from '../../server/src/engine/config/config';
import { governingRequirements } from '../../server/src/engine/project';
import { requiresAtLeast } from '../../server/src/engine/rules/aip102-unsafe-torch-load';
import { scanWorkspace } from '../../server/src/engine/scan';
import type { Finding } from '../../server/src/engine/types';

const LOAD = 'import torch\n\nstate = torch.load("model.pt")\nexplicit = torch.load("model.pt", weights_only=False)\n';

/** Temporary workspaces, removed after the suite. */
const roots: string[] = [];

function workspace(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-project-'));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

function findingsOf(files: { path: string; findings: Finding[] }[], file: string): Finding[] {
  return files.find((result) => result.path === file)?.findings ?? [];
}

describe('project context', () => {
  after(() => {
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });

  it('knows the torch floor of a requirement', () => {
    const at = (range: string) => requiresAtLeast({ manifest: 'requirements.txt', package: 'pypi:torch', range }, [2, 6]);
    assert.ok(at('>=2.6'));
    assert.ok(at('>=2.6.0,<3'));
    assert.ok(at('~=2.7'));
    assert.ok(at('==2.6.*'));
    assert.ok(!at('>=2.1'));
    assert.ok(!at('<3'));
    assert.ok(!at(''));
    assert.ok(requiresAtLeast({ manifest: 'uv.lock', package: 'pypi:torch', version: '2.7.1' }, [2, 6]));
    assert.ok(!requiresAtLeast({ manifest: 'uv.lock', package: 'pypi:torch', version: '2.5.1' }, [2, 6]));
  });

  it('takes the requirements of the nearest folder with a manifest naming the package', () => {
    const project = {
      rootFolders: [],
      requirements: [
        { manifest: 'pyproject.toml', package: 'pypi:torch', range: '>=2.6' },
        { manifest: 'examples/old/requirements.txt', package: 'pypi:torch', range: '>=1.13' },
        { manifest: 'examples/old/uv.lock', package: 'pypi:torch', version: '1.13.1' },
      ],
    };
    assert.deepEqual(
      governingRequirements(project, 'src/pkg/load.py', 'pypi:torch').map((r) => r.manifest),
      ['pyproject.toml'],
    );
    assert.deepEqual(
      governingRequirements(project, 'examples/old/train.py', 'pypi:torch').map((r) => r.manifest),
      ['examples/old/uv.lock', 'examples/old/requirements.txt'],
    );
    assert.deepEqual(governingRequirements(project, 'x.py', 'pypi:transformers'), []);
  });

  it('lowers AIP102 for a missing weights_only where the governing manifest requires torch >= 2.6', async () => {
    const root = workspace({
      'pyproject.toml': '[project]\nname = "app"\ndependencies = ["torch>=2.6"]\n',
      'src/app/load.py': LOAD,
      'examples/old/requirements.txt': 'torch>=1.13\n',
      'examples/old/train.py': LOAD,
      'tests/test_load.py': LOAD,
    });
    roots.push(root);
    const scan = await scanWorkspace(root, defaultConfig(), { jobs: 1 });
    const [missing, explicit] = findingsOf(scan.files, 'src/app/load.py');
    assert.equal(missing?.severity, 'warning');
    assert.equal(missing?.messageId, 'missingWeightsOnlyDefaultOn');
    assert.match(missing?.message ?? '', /requires torch>=2\.6 \(pyproject\.toml\)/);
    assert.equal(missing?.fix?.applicability, 'safe');
    // The explicit opt-out stays an error, and its fix stays unsafe.
    assert.equal(explicit?.severity, 'error');
    assert.equal(explicit?.fix?.applicability, 'unsafe');
    // An example with its own, older requirement keeps the error.
    const [old] = findingsOf(scan.files, 'examples/old/train.py');
    assert.equal(old?.severity, 'error');
    assert.equal(old?.fix?.applicability, 'unsafe');
    // Test code: lowered, then demoted one more level.
    const [inTests] = findingsOf(scan.files, 'tests/test_load.py');
    assert.equal(inTests?.severity, 'information');
  });
});
