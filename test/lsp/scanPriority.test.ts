/**
 * Open documents never wait behind the workspace scan: while a scan of a large folder runs, an
 * edit to an open document gets the diagnostics of its new version before the scan ends. The
 * assertion is about order (the answer arrives while the scan is still running), never about time.
 */
import * as assert from 'node:assert/strict';
import type { RescanResult } from '../../server/src/shared/protocol';
import { generateWorkspace } from '../bench/generate';
import { ensureBuilt, itemsOf, makeWorkspace, removeWorkspace, rulesOf, TestClient, uriOf } from './client';

/** Enough files for the scan to use its worker pool and to take a while on any machine. */
const WORKSPACE_FILES = 3_000;

describe('LSP open documents during a workspace scan', function () {
  this.timeout(120_000);

  let root: string;
  let client: TestClient;

  before(async () => {
    ensureBuilt();
    root = makeWorkspace({});
    generateWorkspace(root, WORKSPACE_FILES, 'mixed');
    client = (await TestClient.start({ pull: true, folders: [root], settings: () => ({ scanOnStartup: false }) })).client;
  });
  after(async () => {
    await client?.stop();
    removeWorkspace(root);
  });

  it('answers a changed open document with its new diagnostics before the scan ends', async () => {
    const uri = uriOf(root, 'src/editing.py');
    await client.open(uri, 'import torch\n\n\ndef load(path):\n    return path\n');
    assert.deepEqual(itemsOf(await client.pull(uri)), []);

    let scanEnded = false;
    const scan = client.request<RescanResult>('aiPosture/rescan').then((result) => {
      scanEnded = true;
      return result;
    });
    // The scan is under way once it reports progress on some file.
    await client.waitFor(() => client.progress.find((event) => event.value.kind === 'report'), 'the scan to report progress');

    const lines = client.document(uri).getText().split('\n');
    await client.change(uri, [{ range: { start: { line: 4, character: 11 }, end: { line: 4, character: 15 } }, text: 'torch.load(path)' }]);
    assert.equal(lines[4], '    return path');
    const items = itemsOf(await client.pull(uri));
    const answeredDuringScan = !scanEnded;

    const result = await scan;
    assert.deepEqual(rulesOf(items), ['AIP102'], 'the new version is analysed');
    assert.equal(result.cancelled, false);
    assert.ok(result.filesAnalysed > 1_000, `the scan analysed ${result.filesAnalysed} files`);
    assert.ok(answeredDuringScan, 'the diagnostics of the new version arrived before the scan ended');
  });
});
