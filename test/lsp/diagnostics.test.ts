/**
 * Diagnostics over real LSP: the built server over stdio, pull and push clients, incremental sync.
 */
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-protocol/node';
import { ensureBuilt, itemsOf, makeWorkspace, removeWorkspace, rulesOf, TestClient, TORCH_LOAD, uriOf } from './client';

/** A file outside every workspace folder: analysed with the defaults, never scanned. */
const LOOSE_URI = pathToFileURL(path.join(os.tmpdir(), 'ai-posture-lsp-loose', 'train.py')).href;
const DOCS = 'https://github.com/ai-posture/ai-posture/blob/main/docs/rules.md#aip102';

describe('LSP diagnostics', function () {
  this.timeout(30_000);
  before(ensureBuilt);

  describe('pull client (textDocument.diagnostic)', () => {
    let client: TestClient;
    let capabilities: Awaited<ReturnType<typeof TestClient.start>>['result']['capabilities'];

    before(async () => {
      const started = await TestClient.start({ pull: true });
      client = started.client;
      capabilities = started.result.capabilities;
    });
    after(() => client?.stop());

    it('advertises pull diagnostics, incremental sync and the code action kinds', () => {
      assert.deepEqual(capabilities.diagnosticProvider, {
        identifier: 'ai-posture',
        interFileDependencies: false,
        workspaceDiagnostics: false,
      });
      assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
      assert.deepEqual((capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, [
        'quickfix',
        'source.fixAll.ai-posture',
        'source.fixAll',
      ]);
    });

    it('reports AIP102 for torch.load with code, docs link, source, severity and fix data', async () => {
      await client.open(LOOSE_URI, TORCH_LOAD);
      const [diagnostic] = itemsOf(await client.pull(LOOSE_URI));
      assert.equal(diagnostic.code, 'AIP102');
      assert.equal(diagnostic.source, 'ai-posture');
      assert.deepEqual(diagnostic.codeDescription, { href: DOCS });
      assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
      assert.deepEqual(diagnostic.range, { start: { line: 1, character: 8 }, end: { line: 1, character: 18 } });
      const data = diagnostic.data as { ruleId: string; fingerprint: string; version: number; fix: { title: string } };
      assert.equal(data.ruleId, 'AIP102');
      assert.match(data.fingerprint, /^[0-9a-f]{32}$/);
      assert.equal(data.version, 1);
      assert.equal(data.fix.title, 'Add weights_only=True');
    });

    it('shows the source of a data-flow finding as related information', async () => {
      const uri = pathToFileURL(path.join(os.tmpdir(), 'ai-posture-lsp-loose', 'agent.py')).href;
      await client.open(
        uri,
        'from openai import OpenAI\nclient = OpenAI()\nreply = client.responses.create(model="m", input="x")\nexec(reply.output_text)\n',
      );
      const diagnostic = itemsOf(await client.pull(uri)).find((item) => item.code === 'AIP401');
      assert.ok(diagnostic, 'an AIP401 diagnostic');
      assert.equal(diagnostic.range.start.line, 3);
      const [related] = diagnostic.relatedInformation ?? [];
      assert.equal(related?.location.uri, uri);
      assert.equal(related?.location.range.start.line, 2);
      assert.match(related?.message ?? '', /LLM output/);
    });

    it('answers unchanged for the same document version and configuration', async () => {
      const first = await client.pull(LOOSE_URI);
      assert.equal(first.kind, 'full');
      const second = await client.pull(LOOSE_URI, first.resultId);
      assert.deepEqual(second, { kind: 'unchanged', resultId: first.resultId });
    });

    it('incremental sync: an edit that adds weights_only=True clears the diagnostic', async () => {
      const text = await client.applyEdits(LOOSE_URI, [
        { range: { start: { line: 1, character: 23 }, end: { line: 1, character: 23 } }, newText: ', weights_only=True' },
      ]);
      assert.equal(text, 'import torch\nmodel = torch.load(path, weights_only=True)\n');
      assert.deepEqual(itemsOf(await client.pull(LOOSE_URI)), []);
    });

    it('hides suppressed findings and shows an unused suppression as unnecessary information', async () => {
      const uri = pathToFileURL(path.join(os.tmpdir(), 'ai-posture-lsp-loose', 'suppressed.py')).href;
      await client.open(
        uri,
        'import torch\n# ai-posture-ignore-next-line AIP102 -- reason: trusted\nm = torch.load(p)\nprint(1)  # ai-posture-ignore AIP102 -- stale\n',
      );
      const items = itemsOf(await client.pull(uri));
      assert.deepEqual(rulesOf(items), ['AIP000']);
      assert.equal(items[0].severity, DiagnosticSeverity.Information);
      assert.deepEqual(items[0].tags, [DiagnosticTag.Unnecessary]);
      assert.equal(items[0].range.start.line, 3);
    });

    it('analyses untitled buffers by language id and ignores unknown kinds', async () => {
      await client.open('untitled:Untitled-1', TORCH_LOAD, 'python');
      assert.deepEqual(rulesOf(itemsOf(await client.pull('untitled:Untitled-1'))), ['AIP102']);
      const unknown = pathToFileURL(path.join(os.tmpdir(), 'ai-posture-lsp-loose', 'notes.unknown')).href;
      await client.open(unknown, TORCH_LOAD, 'python');
      assert.deepEqual(itemsOf(await client.pull(unknown)), []);
    });
  });

  describe('notebook cells and file notices', () => {
    let root: string;
    let client: TestClient;

    before(async () => {
      // torch >= 2.6 loads weights only by default: there, adding weights_only=True is a safe fix.
      root = makeWorkspace({ '.ai-posture.json': '{ "maxFileBytes": 1024 }\n', 'requirements.txt': 'torch>=2.6\n' });
      client = (await TestClient.start({ pull: true, folders: [root] })).client;
    });
    after(async () => {
      await client?.stop();
      removeWorkspace(root);
    });

    it('analyses a Python notebook cell by its language and offers the ignore comment', async () => {
      const cell = `vscode-notebook-cell:${pathToFileURL(path.join(root, 'nb.ipynb')).pathname}#W0sZmlsZQ%3D%3D`;
      await client.open(cell, TORCH_LOAD, 'python');
      const items = itemsOf(await client.pull(cell));
      assert.deepEqual(rulesOf(items), ['AIP102']);
      const titles = (await client.codeActions(cell, items, ['quickfix'])).map((action) => action.title);
      assert.deepEqual(titles, ['Add weights_only=True', 'Ignore AIP102 on this line (ai-posture-ignore comment)']);
    });

    it('logs a file the engine skips instead of failing', async () => {
      const big = uriOf(root, 'big.py');
      await client.open(big, `${TORCH_LOAD}${'# padding\n'.repeat(120)}`);
      assert.deepEqual(itemsOf(await client.pull(big)), []);
      await client.waitFor(
        () => client.logs.find((line) => line.includes('big.py: larger than maxFileBytes (1024)')),
        'the notice in the log',
      );
    });
  });

  describe('push client (no textDocument.diagnostic)', () => {
    let client: TestClient;
    let capabilities: Awaited<ReturnType<typeof TestClient.start>>['result']['capabilities'];

    before(async () => {
      const started = await TestClient.start({ pull: false });
      client = started.client;
      capabilities = started.result.capabilities;
    });
    after(() => client?.stop());

    it('does not advertise pull diagnostics', () => {
      assert.equal(capabilities.diagnosticProvider, undefined);
    });

    it('publishes AIP102 for an opened document, with its version', async () => {
      await client.open(LOOSE_URI, TORCH_LOAD);
      const diagnostics = await client.waitForPublished(LOOSE_URI, (items) => items.length > 0, 'AIP102 to be published');
      assert.deepEqual(rulesOf(diagnostics), ['AIP102']);
      assert.equal(diagnostics[0].source, 'ai-posture');
      assert.deepEqual(diagnostics[0].codeDescription, { href: DOCS });
      assert.equal(client.published.get(LOOSE_URI)?.version, 1);
    });

    it('incremental sync: an edit that adds weights_only=True clears the published diagnostic', async () => {
      await client.applyEdits(LOOSE_URI, [
        { range: { start: { line: 1, character: 23 }, end: { line: 1, character: 23 } }, newText: ', weights_only=True' },
      ]);
      await client.waitForPublished(LOOSE_URI, (items) => items.length === 0, 'the diagnostic to be cleared');
    });

    it('clears the diagnostics of a closed document outside the workspace', async () => {
      await client.change(LOOSE_URI, [{ text: TORCH_LOAD }]);
      await client.waitForPublished(LOOSE_URI, (items) => items.length === 1, 'AIP102 again');
      await client.close(LOOSE_URI);
      await client.waitForPublished(LOOSE_URI, (items) => items.length === 0, 'the closed document to be cleared');
    });
  });
});
