/**
 * The analysis cache survives the server: a server started on the same workspace with the same
 * storage folder (the VS Code client sends the extension's workspace storage) answers the
 * unchanged files from the saved cache and reports exactly the same diagnostics.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import type { RescanResult } from '../../server/src/shared/protocol';
import { ensureBuilt, makeWorkspace, removeWorkspace, TestClient, TORCH_LOAD, uriOf } from './client';

const FILES: Record<string, string> = {
  'src/train.py': TORCH_LOAD,
  'src/remote.py': 'from transformers import AutoModel\nmodel = AutoModel.from_pretrained("org/m", trust_remote_code=True)\n',
  'src/clean.py': 'print("hello")\n',
  'web/app.ts': "export const greeting = 'hello';\n",
};

/** Starts a server on the workspace (no scan at start), rescans, and returns what it reported. */
async function scanOnce(root: string, storagePath: string): Promise<{ result: RescanResult; diagnostics: Record<string, Diagnostic[]> }> {
  const { client } = await TestClient.start({
    pull: true,
    folders: [root],
    initializationOptions: { storagePath },
    settings: () => ({ scanOnStartup: false }),
  });
  try {
    const result = await client.request<RescanResult>('aiPosture/rescan');
    const diagnostics: Record<string, Diagnostic[]> = {};
    for (const relative of Object.keys(FILES)) diagnostics[relative] = client.diagnosticsOf(uriOf(root, relative)) ?? [];
    return { result, diagnostics };
  } finally {
    // Shutdown saves the cache.
    await client.stop();
  }
}

describe('LSP persistent analysis cache', function () {
  this.timeout(60_000);
  let root: string;
  let storagePath: string;

  before(() => {
    ensureBuilt();
    root = makeWorkspace(FILES);
    storagePath = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-posture-storage-'));
  });
  after(() => {
    removeWorkspace(root);
    removeWorkspace(storagePath);
  });

  it('a second server on the same workspace and storage answers from the saved cache, with identical diagnostics', async () => {
    const first = await scanOnce(root, storagePath);
    assert.equal(first.result.cacheHits, 0);
    assert.ok(first.result.filesAnalysed >= 4);
    const saved = fs.readdirSync(storagePath);
    assert.equal(saved.length, 1);
    assert.match(saved[0], /^cache-[0-9a-f]{16}\.json$/);

    const second = await scanOnce(root, storagePath);
    assert.equal(second.result.cacheHits, second.result.filesAnalysed);
    assert.equal(second.result.filesAnalysed, first.result.filesAnalysed);
    assert.deepEqual(second.diagnostics, first.diagnostics);
    assert.deepEqual(
      second.diagnostics['src/train.py'].map((item) => item.code),
      ['AIP102'],
    );
  });

  it('a changed file is analysed again, the others still come from the cache', async () => {
    fs.appendFileSync(path.join(root, 'src', 'clean.py'), 'print("bye")\n');
    const third = await scanOnce(root, storagePath);
    assert.equal(third.result.cacheHits, third.result.filesAnalysed - 1);
  });

  it('without a storage folder nothing is written and nothing is reused', async () => {
    const { client } = await TestClient.start({ pull: true, folders: [root], settings: () => ({ scanOnStartup: false }) });
    try {
      const result = await client.request<RescanResult>('aiPosture/rescan');
      assert.equal(result.cacheHits, 0);
    } finally {
      await client.stop();
    }
  });
});
