/**
 * Hovers on findings over real LSP (the built server over stdio), plus the Markdown of a hover
 * with several findings at one place, which no rule pair produces on real code today.
 */
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Hover, HoverRequest, type MarkupContent, type Position } from 'vscode-languageserver-protocol/node';
import type { Finding } from '../../server/src/engine/index';
import { findingMarkdown, hoverOf } from '../../server/src/lsp/hover';
import { ensureBuilt, itemsOf, TestClient, TORCH_LOAD } from './client';

const DOCS = 'https://github.com/ai-posture/ai-posture/blob/main/docs/rules.md#aip102';

function looseUri(name: string): string {
  return pathToFileURL(path.join(os.tmpdir(), 'ai-posture-lsp-hover', name)).href;
}

function markdownOf(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

describe('LSP hover on findings', function () {
  this.timeout(30_000);
  let client: TestClient;
  let capabilities: Awaited<ReturnType<typeof TestClient.start>>['result']['capabilities'];

  before(async () => {
    ensureBuilt();
    const started = await TestClient.start({ pull: true });
    client = started.client;
    capabilities = started.result.capabilities;
  });
  after(() => client?.stop());

  function hover(uri: string, position: Position): Promise<Hover | null> {
    return client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  it('advertises hovers', () => {
    assert.equal(capabilities.hoverProvider, true);
  });

  it('explains the finding under the cursor: rule, message, why, how to fix, ids, quick fix and docs', async () => {
    const uri = looseUri('train.py');
    await client.open(uri, TORCH_LOAD);
    const [diagnostic] = itemsOf(await client.pull(uri));
    // `model = torch.load(path)`: inside `torch.load`.
    const result = await hover(uri, { line: 1, character: 12 });
    const markdown = markdownOf(result);
    assert.deepEqual(result?.range, diagnostic.range);
    assert.match(markdown, /^\*\*AIP102\*\* · torch\.load without weights\\_only=True · \*error\*/);
    assert.ok(markdown.includes('torch.load() without weights\\_only=True can execute arbitrary code from the loaded file.'));
    assert.match(markdown, /\*\*Why this is risky\.\*\* `torch\.load` unpickles the file\./);
    assert.match(markdown, /\*\*How to fix\.\*\* Pass `weights_only=True`/);
    assert.ok(markdown.includes('OWASP: `LLM03:2025`, `LLM04:2025` · CWE: `CWE-502` · ATLAS: `AML.T0011.000`'), markdown);
    assert.ok(markdown.includes('**Quick fix:** Add weights\\_only=True'));
    assert.ok(markdown.includes(`[AIP102 documentation](${DOCS})`));
  });

  it('covers both ends of the finding and nothing beside it', async () => {
    const uri = looseUri('edges.py');
    await client.open(uri, TORCH_LOAD);
    assert.ok(await hover(uri, { line: 1, character: 8 }), 'at the start of torch.load');
    assert.ok(await hover(uri, { line: 1, character: 18 }), 'right after torch.load');
    assert.equal(await hover(uri, { line: 1, character: 2 }), null, 'on `model`');
    assert.equal(await hover(uri, { line: 0, character: 3 }), null, 'on the import');
  });

  it('analyses a document nobody pulled yet, and follows its edits', async () => {
    const uri = looseUri('fresh.py');
    await client.open(uri, 'import torch\n');
    assert.equal(await hover(uri, { line: 0, character: 3 }), null);
    await client.change(uri, [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'w = torch.load(p)\n' },
    ]);
    assert.match(markdownOf(await hover(uri, { line: 1, character: 6 })), /\*\*AIP102\*\*/);
  });

  it('says nothing for a suppressed finding', async () => {
    const uri = looseUri('suppressed.py');
    await client.open(uri, 'import torch\nmodel = torch.load(path)  # ai-posture-ignore AIP102 -- our own checkpoint\n');
    assert.deepEqual(itemsOf(await client.pull(uri)), []);
    assert.equal(await hover(uri, { line: 1, character: 12 }), null);
  });

  it('says when a rule has no automatic fix', async () => {
    const uri = looseUri('pickled.py');
    await client.open(uri, 'import pickle\nstate = pickle.load(open("state.pkl", "rb"))\n');
    const markdown = markdownOf(await hover(uri, { line: 1, character: 12 }));
    assert.match(markdown, /^\*\*AIP103\*\*/);
    assert.ok(markdown.includes('No automatic fix; follow the steps above.'));
  });

  it('answers null for documents it does not know', async () => {
    assert.equal(await hover(looseUri('never-opened.py'), { line: 0, character: 0 }), null);
  });

  it('gives several findings at one place one section each, over the range they share', () => {
    const finding = (ruleId: string, message: string, start: number, end: number): Finding => ({
      ruleId,
      severity: 'error',
      message,
      path: 'a.py',
      range: { start: { line: 3, character: start }, end: { line: 3, character: end } },
      fingerprint: ruleId,
    });
    const result = hoverOf([finding('AIP102', 'first', 4, 20), finding('AIP104', 'second', 10, 30)]);
    const sections = (result.contents as MarkupContent).value.split('\n\n---\n\n');
    assert.equal(sections.length, 2);
    assert.match(sections[0], /^\*\*AIP102\*\*[\s\S]*\n\nfirst\n\n/);
    assert.match(sections[1], /^\*\*AIP104\*\*[\s\S]*\n\nsecond\n\n/);
    assert.deepEqual(result.range, { start: { line: 3, character: 10 }, end: { line: 3, character: 20 } });
  });
});

describe('hover quick fix line', () => {
  const finding = (applicability: 'unsafe' | 'display-only', title: string): Finding => ({
    ruleId: 'AIP109',
    severity: 'warning',
    message: 'm',
    path: 'a.py',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    fingerprint: 'f',
    fix: { title, edits: [], applicability },
  });

  it('says when a fix is unsafe or needs review', () => {
    assert.ok(
      findingMarkdown(finding('unsafe', 'Set use_safetensors=True')).includes(
        '**Quick fix:** Set use\\_safetensors=True (unsafe: review, may change behaviour)',
      ),
    );
    assert.ok(
      findingMarkdown(finding('display-only', 'Pin revision')).includes(
        '**Quick fix:** Pin revision (needs review: fill in the placeholder)',
      ),
    );
  });
});
