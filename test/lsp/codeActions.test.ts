/**
 * Code actions over real LSP: the rule's quick fix, "ignore with a comment" and
 * `source.fixAll.ai-posture`, each applied to the text the way an editor would apply it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { editsFor, ensureBuilt, itemsOf, rulesOf, TestClient, TORCH_LOAD } from './client';

function looseUriPath(name: string): string {
  return path.join(os.tmpdir(), 'ai-posture-lsp-actions', name);
}

function looseUri(name: string): string {
  return pathToFileURL(looseUriPath(name)).href;
}

describe('LSP code actions', function () {
  this.timeout(30_000);
  let client: TestClient;

  before(async () => {
    ensureBuilt();
    // torch >= 2.6 loads weights only by default: there, adding weights_only=True is a safe fix.
    fs.mkdirSync(path.dirname(looseUriPath('requirements.txt')), { recursive: true });
    fs.writeFileSync(looseUriPath('requirements.txt'), 'torch>=2.6\n');
    client = (await TestClient.start({ pull: true })).client;
  });
  after(() => client?.stop());

  async function openWithFinding(name: string, text = TORCH_LOAD): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = looseUri(name);
    await client.open(uri, text);
    const diagnostics = itemsOf(await client.pull(uri));
    assert.ok(diagnostics.length > 0, 'expected a finding to act on');
    return { uri, diagnostics };
  }

  function actionTitled(actions: CodeAction[], title: string | RegExp): CodeAction {
    const action = actions.find((candidate) => (typeof title === 'string' ? candidate.title === title : title.test(candidate.title)));
    assert.ok(action, `no action ${title} in ${actions.map((a) => a.title).join(', ')}`);
    return action;
  }

  it('offers the rule fix as the preferred quick fix; applying it adds weights_only=True', async () => {
    const { uri, diagnostics } = await openWithFinding('fix.py');
    const actions = await client.codeActions(uri, diagnostics);
    const fix = actionTitled(actions, 'Add weights_only=True');
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, diagnostics);
    const text = await client.applyEdits(uri, editsFor(fix.edit, uri));
    assert.equal(text.split('\n')[1], 'model = torch.load(path, weights_only=True)');
    assert.deepEqual(itemsOf(await client.pull(uri)), []);
  });

  it('ignore with a comment inserts a next-line directive; after it the finding is gone', async () => {
    const { uri, diagnostics } = await openWithFinding('ignore.py', 'import torch\ndef f(path):\n    return torch.load(path)\n');
    const actions = await client.codeActions(uri, diagnostics);
    const ignore = actionTitled(actions, 'Ignore AIP102 on this line (ai-posture-ignore comment)');
    assert.equal(ignore.kind, 'quickfix');
    assert.notEqual(ignore.isPreferred, true);
    const text = await client.applyEdits(uri, editsFor(ignore.edit, uri));
    assert.equal(text, 'import torch\ndef f(path):\n    # ai-posture-ignore-next-line AIP102 -- reason: \n    return torch.load(path)\n');
    assert.deepEqual(itemsOf(await client.pull(uri)), []);
  });

  it('does not offer a stale fix for a diagnostic of an older document version', async () => {
    const { uri, diagnostics } = await openWithFinding('stale.py');
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    const actions = await client.codeActions(uri, diagnostics);
    assert.equal(
      actions.some((action) => action.title === 'Add weights_only=True'),
      false,
    );
  });

  it('source.fixAll.ai-posture applies every safe fix of the document', async () => {
    const uri = looseUri('all.py');
    const text = 'import torch\na = torch.load(p)\nb = torch.load(q, map_location="cpu")\nc = torch.load(r, weights_only=False)\n';
    await client.open(uri, text);
    const actions = await client.codeActions(uri, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    const [fixAll] = actions;
    assert.equal(fixAll.kind, 'source.fixAll.ai-posture');
    const fixed = await client.applyEdits(uri, editsFor(fixAll.edit, uri));
    // Turning an explicit weights_only=False around may break the load: an unsafe fix, left to a person.
    assert.equal(
      fixed,
      'import torch\na = torch.load(p, weights_only=True)\nb = torch.load(q, map_location="cpu", weights_only=True)\nc = torch.load(r, weights_only=False)\n',
    );
    assert.deepEqual(rulesOf(itemsOf(await client.pull(uri))), ['AIP102']);
    assert.deepEqual(await client.codeActions(uri, [], ['source.fixAll.ai-posture']), []);
  });

  it('offers unsafe and display-only fixes one by one, marked and not preferred, and leaves them out of fix all', async () => {
    const text = 'from transformers import AutoModel\nm = AutoModel.from_pretrained("org/model", use_safetensors=False)\n';
    const { uri, diagnostics } = await openWithFinding('unsafe.py', text);
    const actions = await client.codeActions(uri, diagnostics);
    const unsafe = actionTitled(actions, 'Set use_safetensors=True (unsafe: review, may change behaviour)');
    assert.notEqual(unsafe.isPreferred, true);
    const review = actionTitled(actions, 'Pin revision to a commit SHA (needs review: fill in the placeholder)');
    assert.notEqual(review.isPreferred, true);
    assert.deepEqual(await client.codeActions(uri, [], ['source.fixAll.ai-posture']), []);
    const fixed = await client.applyEdits(uri, editsFor(unsafe.edit, uri));
    assert.equal(fixed.split('\n')[1], 'm = AutoModel.from_pretrained("org/model", use_safetensors=True)');
  });

  it('honours the only filter: quick fixes only when asked for quickfix', async () => {
    const { uri, diagnostics } = await openWithFinding('only.py');
    const quickFixes = await client.codeActions(uri, diagnostics, ['quickfix']);
    assert.ok(quickFixes.length >= 2);
    assert.ok(quickFixes.every((action) => action.kind === 'quickfix'));
  });
});
