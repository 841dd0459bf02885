import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, makeWorkspace, removeWorkspaces, runCli } from './helpers';

/**
 * Byte rules (AIP703) and workspace rules (AIP904) through the built CLI: their findings are the
 * same with one thread and with a pool of workers, the same for a folder and for its parts named
 * as separate targets (workspace rules run once over the merged AI-BOM), and `ignore` entries and
 * `modelFiles.scan: false` apply to them.
 */
describe('CLI: byte and workspace rules', function () {
  this.timeout(120_000);
  const roots: string[] = [];
  let root: string;

  /** `pickle.dumps({"w": [1]}, protocol=4)`: plain data, no imports. */
  const PICKLE = Buffer.from('8004950d000000000000007d948c0177945d944b0161732e', 'hex');
  const APP = 'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-3.5-turbo", messages=[])\n';

  before(() => {
    ensureBuilt();
    const files: Record<string, string> = {
      '.ai-posture.json': JSON.stringify({ policy: { allowedModels: ['gpt-4o*'] } }),
      'src/app.py': APP,
    };
    // Over the pool's threshold (400 files), so `--jobs 3` really uses worker threads.
    for (let index = 0; index < 420; index++) files[`pad/module${index}.py`] = `VALUE = ${index}\n`;
    root = makeWorkspace(files);
    fs.mkdirSync(path.join(root, 'models'));
    fs.writeFileSync(path.join(root, 'models', 'weights.pkl'), PICKLE);
    fs.writeFileSync(path.join(root, 'models', 'weights.bin'), PICKLE);
    roots.push(root);
  });
  after(() => removeWorkspaces(roots));

  const findings = (args: string[]) => {
    const result = runCli(['scan', ...args, '--format', 'json', '--fail-on', 'never'], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as {
      findings: { ruleId: string; path: string; region: { startLine: number }; suppression?: unknown }[];
    };
    return report.findings
      .filter((finding) => !finding.suppression)
      .map((finding) => `${finding.ruleId} ${finding.path}:${finding.region.startLine}`)
      .sort();
  };

  it('reports AIP703 on line 1 of pickle model files and AIP904 on the model use, the same with one thread and a pool', () => {
    const one = findings([root, '--jobs', '1']);
    assert.deepEqual(one, ['AIP703 models/weights.bin:1', 'AIP703 models/weights.pkl:1', 'AIP904 src/app.py:3']);
    assert.deepEqual(findings([root, '--jobs', '3']), one);
  });

  it('gives the same findings when the folder is named as several targets', () => {
    assert.deepEqual(findings([path.join(root, 'src'), path.join(root, 'models'), '--jobs', '1']), [
      'AIP703 models/weights.bin:1',
      'AIP703 models/weights.pkl:1',
      'AIP904 src/app.py:3',
    ]);
  });

  it('judges a model file named on the command line like one found in a folder', () => {
    assert.deepEqual(findings([path.join(root, 'models', 'weights.bin'), path.join(root, 'src', 'app.py')]), [
      'AIP703 models/weights.bin:1',
      'AIP904 src/app.py:3',
    ]);
  });

  it('lets ignore entries suppress them and modelFiles.scan: false turn byte rules off', () => {
    const config = path.join(root, '.ai-posture.json');
    const original = fs.readFileSync(config, 'utf8');
    try {
      fs.writeFileSync(
        config,
        JSON.stringify({
          policy: { allowedModels: ['gpt-4o*'] },
          ignore: [{ rule: 'AIP904', paths: ['src/**'], reason: 'migration in progress' }],
          modelFiles: { scan: false },
        }),
      );
      assert.deepEqual(findings([root, '--jobs', '1']), []);
    } finally {
      fs.writeFileSync(config, original);
    }
  });
});
