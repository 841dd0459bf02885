import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultConfig } from '../../server/src/engine/config/config';
import { scanWorkspace } from '../../server/src/engine/scan';
import { discoverFiles } from '../../server/src/engine/workspace/discover';

function write(root: string, relative: string, content: string | Buffer): void {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

async function listed(root: string, exclude: string[] = []): Promise<string[]> {
  const files: string[] = [];
  for await (const file of discoverFiles(root, { exclude })) files.push(file.relativePath);
  return files;
}

describe('workspace discovery', () => {
  let root: string;
  let outside: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-discover-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-outside-'));
  });

  afterEach(() => {
    for (const dir of [root, outside]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('honours nested .gitignore files, including re-includes', async () => {
    write(root, '.gitignore', 'generated/\n*.log\n');
    write(root, 'app.py', 'x = 1\n');
    write(root, 'generated/out.py', 'x = 1\n');
    write(root, 'pkg/.gitignore', 'local_*.py\n!local_keep.py\n');
    write(root, 'pkg/local_tmp.py', 'x = 1\n');
    write(root, 'pkg/local_keep.py', 'x = 1\n');
    write(root, 'pkg/mod.py', 'x = 1\n');
    assert.deepEqual(await listed(root), ['app.py', 'pkg/local_keep.py', 'pkg/mod.py']);
  });

  it('skips built-in excludes and virtual environments', async () => {
    write(root, 'node_modules/openai/index.js', 'x');
    write(root, '.git/config.py', 'x');
    write(root, 'env/pyvenv.cfg', 'home = /usr');
    write(root, 'env/lib/site.py', 'x');
    write(root, 'dist/bundle.js', 'x');
    write(root, 'src/main.ts', 'x');
    assert.deepEqual(await listed(root), ['src/main.ts']);
  });

  it('applies config exclude patterns', async () => {
    write(root, 'src/a.py', 'x');
    write(root, 'tests/fixtures/b.py', 'x');
    assert.deepEqual(await listed(root, ['**/fixtures/**']), ['src/a.py']);
  });

  it('never follows a symlink out of the workspace, and follows one inside once', async () => {
    write(outside, 'secret.py', 'x');
    write(root, 'real/a.py', 'x');
    fs.symlinkSync(outside, path.join(root, 'escape'));
    fs.symlinkSync(path.join(root, 'real'), path.join(root, 'alias'));
    fs.symlinkSync(root, path.join(root, 'real', 'loop'));
    const files = await listed(root);
    assert.ok(!files.some((f) => f.startsWith('escape')), files.join());
    assert.ok(files.includes('real/a.py'));
    assert.equal(files.filter((f) => f.endsWith('a.py')).length, 2, 'alias/a.py and real/a.py, no loop');
  });

  it('lists git-ignored model files but not git-ignored code', async () => {
    write(root, '.gitignore', 'weights/\n');
    write(root, 'weights/model.pt', Buffer.from([0x80, 0x02]));
    write(root, 'weights/notes.py', 'x');
    const files: { path: string; kind: string }[] = [];
    for await (const file of discoverFiles(root)) files.push({ path: file.relativePath, kind: file.kind });
    assert.deepEqual(files, [{ path: 'weights/model.pt', kind: 'model' }]);
  });

  it('skips binary and oversized files with counted reasons and goes on', async () => {
    write(root, 'blob.py', Buffer.from([0x69, 0x00, 0x01]));
    write(root, 'huge.py', `import torch\n${'#'.repeat(3000)}\ntorch.load(p)\n`);
    write(root, 'ok.py', 'import torch\ntorch.load(p)\n');
    const config = { ...defaultConfig(), maxFileBytes: 2048 };
    const scan = await scanWorkspace(root, config, { today: '2026-01-01' });
    assert.equal(scan.stats.skipped.binary, 1);
    assert.equal(scan.stats.skipped.oversized, 1);
    assert.deepEqual(
      scan.files.map((f) => [f.path, f.findings.length, f.notices.length]),
      [
        ['huge.py', 0, 1],
        ['ok.py', 1, 0],
      ],
    );
  });

  it('stops when cancelled', async () => {
    for (let i = 0; i < 20; i++) write(root, `m${i}.py`, 'import torch\ntorch.load(p)\n');
    let done = 0;
    const signal = { isCancellationRequested: false };
    const scan = await scanWorkspace(root, defaultConfig(), {
      signal,
      onProgress: () => {
        done++;
        if (done === 3) signal.isCancellationRequested = true;
      },
    });
    assert.equal(scan.stats.cancelled, true);
    assert.equal(scan.stats.filesAnalysed, 3);
  });
});
