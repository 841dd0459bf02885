/**
 * The workspace scan over real LSP: at start with work-done progress, closed files pushed, open
 * files never reported twice, `aiPosture/rescan`, watched files and `aiPosture/exportSarif`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type CancellationToken,
  CancellationTokenSource,
  FileChangeType,
  LSPErrorCodes,
  type ResponseError,
  WorkDoneProgressCancelNotification,
} from 'vscode-languageserver-protocol/node';
import type { RescanResult } from '../../server/src/shared/protocol';
import { ensureBuilt, itemsOf, makeWorkspace, removeWorkspace, rulesOf, TestClient, TORCH_LOAD, uriOf, writeFile } from './client';

describe('LSP workspace scan', function () {
  this.timeout(30_000);
  before(ensureBuilt);

  describe('pull client with a workspace folder', () => {
    let root: string;
    let client: TestClient;

    before(async () => {
      root = makeWorkspace({
        'src/train.py': TORCH_LOAD,
        'src/clean.py': 'print("hello")\n',
        'node_modules/pkg/load.py': TORCH_LOAD,
        '.gitignore': 'ignored/\n',
        'ignored/load.py': TORCH_LOAD,
      });
      client = (await TestClient.start({ pull: true, folders: [root] })).client;
    });
    after(async () => {
      await client?.stop();
      removeWorkspace(root);
    });

    it('scans at start with work-done progress and publishes diagnostics for a closed file', async () => {
      const train = uriOf(root, 'src/train.py');
      const diagnostics = await client.waitForPublished(train, (items) => items.length > 0, 'the scan to publish src/train.py');
      assert.deepEqual(rulesOf(diagnostics), ['AIP102']);
      assert.equal(diagnostics[0].source, 'ai-posture');
      await client.waitFor(() => client.progress.find((event) => event.value.kind === 'end'), 'the progress to end');
      const [token] = client.createdTokens;
      const kinds = client.progress.filter((event) => event.token === token).map((event) => event.value.kind);
      assert.equal(kinds[0], 'begin');
      assert.equal(kinds.at(-1), 'end');
      const begin = client.progress[0].value;
      assert.equal(begin.kind === 'begin' && begin.cancellable, true);
    });

    it('leaves out built-in excludes and gitignored files, as the CLI does', () => {
      assert.equal(client.published.has(uriOf(root, 'node_modules/pkg/load.py')), false);
      assert.equal(client.published.has(uriOf(root, 'ignored/load.py')), false);
      assert.equal(client.published.has(uriOf(root, 'src/clean.py')), false);
    });

    it('sends aiPosture/summary with the counts once the scan is done', async () => {
      const summary = await client.waitFor(() => [...client.summaries].reverse().find((item) => !item.scanning), 'a final summary');
      assert.deepEqual(summary.counts, { error: 1, warning: 0, information: 0, hint: 0 });
      assert.ok(client.summaries.some((item) => item.scanning));
    });

    it('registers file watchers for analysed kinds and the configuration files, not everything', () => {
      const registration = client.registrations.find((item) => item.method === 'workspace/didChangeWatchedFiles');
      const options = (registration?.registerOptions ?? { watchers: [] }) as { watchers: { globPattern: string }[] };
      const globs = options.watchers.map((watcher) => watcher.globPattern);
      assert.ok(globs.includes('**/.ai-posture.json'));
      assert.ok(globs.includes('**/.gitignore'));
      assert.ok(globs.some((glob) => glob.includes('py,')));
      assert.equal(globs.includes('**/*'), false);
    });

    it('opening a scanned file hands it to pull diagnostics without reporting it twice', async () => {
      const train = uriOf(root, 'src/train.py');
      await client.open(train, TORCH_LOAD);
      await client.waitForPublished(train, (items) => items.length === 0, 'the pushed diagnostics to be cleared');
      assert.deepEqual(rulesOf(itemsOf(await client.pull(train))), ['AIP102']);
      await client.close(train);
      await client.waitForPublished(train, (items) => items.length === 1, 'the closed file to be pushed again');
    });

    it('aiPosture/rescan returns the counts', async () => {
      const result = await client.request<RescanResult>('aiPosture/rescan');
      assert.equal(result.filesAnalysed, 2);
      assert.equal(result.findings, 1);
      assert.equal(result.cancelled, false);
      assert.equal(typeof result.durationMs, 'number');
    });

    it('re-analyses created, changed and deleted files on didChangeWatchedFiles', async () => {
      const added = uriOf(root, 'src/added.py');
      writeFile(root, 'src/added.py', TORCH_LOAD);
      await client.filesChanged([{ uri: added, type: FileChangeType.Created }]);
      await client.waitForPublished(added, (items) => items.length === 1, 'the created file to be published');
      writeFile(root, 'src/added.py', 'import torch\nm = torch.load(p, weights_only=True)\n');
      await client.filesChanged([{ uri: added, type: FileChangeType.Changed }]);
      await client.waitForPublished(added, (items) => items.length === 0, 'the changed file to be cleared');
      writeFile(root, 'src/added.py', TORCH_LOAD);
      await client.filesChanged([{ uri: added, type: FileChangeType.Changed }]);
      await client.waitForPublished(added, (items) => items.length === 1, 'the file to be reported again');
      fs.rmSync(path.join(root, 'src', 'added.py'));
      await client.filesChanged([{ uri: added, type: FileChangeType.Deleted }]);
      await client.waitForPublished(added, (items) => items.length === 0, 'the deleted file to be cleared');
    });

    it('a .gitignore change rescans the folder', async () => {
      const train = uriOf(root, 'src/train.py');
      writeFile(root, '.gitignore', 'ignored/\nsrc/train.py\n');
      await client.filesChanged([{ uri: uriOf(root, '.gitignore'), type: FileChangeType.Changed }]);
      await client.waitForPublished(train, (items) => items.length === 0, 'the now ignored file to be cleared');
      writeFile(root, '.gitignore', 'ignored/\n');
      await client.filesChanged([{ uri: uriOf(root, '.gitignore'), type: FileChangeType.Changed }]);
      await client.waitForPublished(train, (items) => items.length === 1, 'the file to be reported again');
    });

    it('aiPosture/exportSarif returns a SARIF 2.1.0 log of the workspace', async () => {
      const sarif = JSON.parse(await client.request<string>('aiPosture/exportSarif'));
      assert.equal(sarif.version, '2.1.0');
      assert.equal(sarif.runs.length, 1);
      const results = sarif.runs[0].results as {
        ruleId: string;
        locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
      }[];
      assert.deepEqual(
        results.map((result) => [result.ruleId, result.locations[0].physicalLocation.artifactLocation.uri]),
        [['AIP102', 'src/train.py']],
      );
    });
  });

  describe('push client with rootUri only', () => {
    let root: string;
    let client: TestClient;

    before(async () => {
      root = makeWorkspace({ 'train.py': TORCH_LOAD });
      client = (await TestClient.start({ pull: false, folders: [root], rootUriOnly: true })).client;
    });
    after(async () => {
      await client?.stop();
      removeWorkspace(root);
    });

    it('scans the root folder and pushes its closed files', async () => {
      const diagnostics = await client.waitForPublished(uriOf(root, 'train.py'), (items) => items.length > 0, 'the scan to publish');
      assert.deepEqual(rulesOf(diagnostics), ['AIP102']);
    });

    it('settings with scanOnStartup false are honoured by the next server', async () => {
      const other = makeWorkspace({ 'train.py': TORCH_LOAD });
      const { client: quiet } = await TestClient.start({ pull: false, folders: [other], settings: () => ({ scanOnStartup: false }) });
      try {
        await quiet.waitFor(() => (quiet.configurationScopes.length > 0 ? true : undefined), 'the settings to be read');
        const result = await quiet.request<RescanResult>('aiPosture/rescan');
        assert.equal(result.findings, 1);
        assert.equal(quiet.createdTokens.length, 1, 'only the explicit rescan reports progress');
      } finally {
        await quiet.stop();
        removeWorkspace(other);
      }
    });
  });
});

describe('LSP workspace scan cancellation', function () {
  this.timeout(60_000);
  let root: string;
  let client: TestClient;

  before(async () => {
    ensureBuilt();
    // Enough files that a scan is still running when the cancellation arrives.
    const files: Record<string, string> = {};
    for (let i = 0; i < 1500; i++) files[`pkg${i % 30}/m${i}.py`] = `import torch\nmodel_${i} = torch.load(path_${i})\n`;
    root = makeWorkspace(files);
    client = (await TestClient.start({ pull: true, folders: [root], settings: () => ({ scanOnStartup: false }) })).client;
  });
  after(async () => {
    await client?.stop();
    removeWorkspace(root);
  });

  /** Starts a rescan and waits for its progress to begin; returns the pending result and its token. */
  async function startRescan(token?: CancellationToken) {
    const known = client.createdTokens.length;
    const pending = token
      ? client.connection.sendRequest<RescanResult>('aiPosture/rescan', token)
      : client.request<RescanResult>('aiPosture/rescan');
    const progressToken = await client.waitFor(() => client.createdTokens[known], 'a progress token');
    await client.waitFor(() => client.progress.find((event) => event.token === progressToken && event.value.kind === 'begin'), 'begin');
    return { pending, progressToken };
  }

  it('the user cancels from the progress notification', async () => {
    const { pending, progressToken } = await startRescan();
    await client.connection.sendNotification(WorkDoneProgressCancelNotification.type, { token: progressToken });
    const result = await pending;
    assert.equal(result.cancelled, true);
    assert.ok(result.filesAnalysed < 1500, `${result.filesAnalysed} files analysed`);
    await client.waitFor(() => client.progress.find((event) => event.token === progressToken && event.value.kind === 'end'), 'end');
  });

  it('the client cancels the request: RequestCancelled', async () => {
    const source = new CancellationTokenSource();
    const { pending } = await startRescan(source.token);
    source.cancel();
    await assert.rejects(pending, (error: ResponseError<unknown>) => error.code === LSPErrorCodes.RequestCancelled);
  });

  it('a newer rescan supersedes the running one', async () => {
    const { pending } = await startRescan();
    const second = await client.request<RescanResult>('aiPosture/rescan');
    const first = await pending;
    assert.equal(first.cancelled, true);
    assert.equal(second.cancelled, false);
    assert.equal(second.filesAnalysed, 1500);
    assert.equal(second.findings, 1500);
  });
});
