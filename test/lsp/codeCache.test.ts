/**
 * The server loader's V8 code cache (`server/src/lsp/start.ts`): with `--code-cache <folder>` the
 * server writes the cache once, starts from it afterwards with the same diagnostics, and survives a
 * damaged cache (V8 rejects it, the server starts anyway and writes a good one).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeCacheFolder } from '../../server/src/lsp/start';
import { ensureBuilt, makeWorkspace, removeWorkspace, TestClient, TORCH_LOAD, uriOf } from './client';

/** The loader writes the cache 2 s after start; wait a little longer than that. */
const WRITE_WAIT_MS = 3500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a server with the code cache folder, returns the first diagnostics' messages of an opened file. */
async function firstDiagnostics(root: string, cacheFolder: string, waitMs = 0): Promise<string[]> {
  const { client } = await TestClient.start({
    pull: true,
    folders: [root],
    serverArgs: ['--code-cache', cacheFolder],
    settings: () => ({ scanOnStartup: false }),
  });
  try {
    const uri = uriOf(root, 'src/train.py');
    await client.open(uri, TORCH_LOAD);
    const items = await client.pullUntil(uri, (found) => found.length > 0, 'the first diagnostics');
    await sleep(waitMs);
    return items.map((item) => `${item.code}: ${item.message}`).sort();
  } finally {
    await client.stop();
  }
}

function cacheFiles(folder: string): string[] {
  return fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.endsWith('.code-cache')) : [];
}

describe('LSP server code cache', function () {
  this.timeout(60_000);
  let root: string;
  let cacheFolder: string;

  before(() => {
    ensureBuilt();
    root = makeWorkspace({ 'src/train.py': TORCH_LOAD });
    cacheFolder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ai-posture-code-cache-')), 'global-storage');
  });
  after(() => {
    removeWorkspace(root);
    removeWorkspace(path.dirname(cacheFolder));
  });

  it('reads the folder from `--code-cache <folder>` or `--code-cache=<folder>`, absolute paths only', () => {
    assert.equal(codeCacheFolder(['node', 'server.js', '--stdio', '--code-cache', '/a/b']), '/a/b');
    assert.equal(codeCacheFolder(['node', 'server.js', '--code-cache=/a/b', '--node-ipc']), '/a/b');
    assert.equal(codeCacheFolder(['node', 'server.js', '--code-cache', 'relative']), undefined);
    assert.equal(codeCacheFolder(['node', 'server.js', '--stdio']), undefined);
  });

  it('writes the cache on the first start (creating the folder), keeps it on the next, with the same diagnostics', async () => {
    const cold = await firstDiagnostics(root, cacheFolder, WRITE_WAIT_MS);
    assert.ok(cold.length > 0);
    const written = cacheFiles(cacheFolder);
    assert.equal(written.length, 1, 'one cache file after the first start');
    const file = path.join(cacheFolder, written[0]);
    const firstWrite = fs.statSync(file).mtimeMs;

    const warm = await firstDiagnostics(root, cacheFolder, WRITE_WAIT_MS);
    assert.deepEqual(warm, cold);
    assert.equal(fs.statSync(file).mtimeMs, firstWrite, 'an accepted cache is not written again');
  });

  it('starts from a damaged cache, with the same diagnostics, and replaces it', async () => {
    const [name] = cacheFiles(cacheFolder);
    const file = path.join(cacheFolder, name);
    const expected = await firstDiagnostics(root, cacheFolder);
    fs.writeFileSync(file, Buffer.from('not a V8 code cache'));
    // A cache of another build sits beside it: writing the new cache removes it.
    fs.writeFileSync(path.join(cacheFolder, 'server-otherbuild-1.0-x64.code-cache'), 'old');

    const damaged = await firstDiagnostics(root, cacheFolder, WRITE_WAIT_MS);
    assert.deepEqual(damaged, expected);
    assert.deepEqual(cacheFiles(cacheFolder), [name]);
    assert.ok(fs.statSync(file).size > 10_000, 'the damaged cache was replaced by a real one');
  });
});
