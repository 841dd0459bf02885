/**
 * `aiPosture/recommendations` and `aiPosture/fixAll` over real LSP: findings grouped by rule with
 * their places, the healthy rules behind the posture score, open buffers winning over the disk, and
 * one workspace edit that fixes a rule across files (an open document at its version, a closed file
 * from disk).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ErrorCodes, type ResponseError, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Recommendation, RecommendationsResult } from '../../server/src/shared/protocol';
import { editsFor, ensureBuilt, itemsOf, makeWorkspace, removeWorkspace, TestClient, uriOf } from './client';

const A_PY = [
  'import torch',
  'from transformers import AutoModel',
  '',
  'a = torch.load("a.pt")',
  'b = torch.load("b.pt", map_location="cpu")',
  'm = AutoModel.from_pretrained("org/model", trust_remote_code=True, revision="0123456789abcdef0123456789abcdef01234567")',
  '',
].join('\n');
const B_PY = [
  'import pickle',
  'import torch',
  '',
  'c = torch.load("c.pt")',
  'with open("d.pkl", "rb") as f:',
  '    d = pickle.load(f)',
  '',
].join('\n');
const SUPPRESSED_PY = 'import torch\ne = torch.load("e.pt")  # ai-posture-ignore AIP102 -- trusted local file\n';
const CONFIG = '{\n  // team settings\n  "rules": { "AIP109": "off", "AIP104": "error", "AIP102": "error" }\n}\n';
// torch >= 2.6 loads weights only by default: there, adding weights_only=True is a safe fix.
const REQUIREMENTS = 'torch>=2.6\n';

function byRule(result: RecommendationsResult, ruleId: string): Recommendation {
  const recommendation = result.recommendations.find((candidate) => candidate.ruleId === ruleId);
  assert.ok(recommendation, `no recommendation for ${ruleId} in ${result.recommendations.map((r) => r.ruleId).join(', ')}`);
  return recommendation;
}

/** Applies the edits of one document in a workspace edit to `text`, as an editor would. */
function applied(edit: WorkspaceEdit, uri: string, text: string): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'python', 0, text), editsFor(edit, uri));
}

describe('LSP recommendations and workspace fix-all', function () {
  this.timeout(30_000);
  let root: string;
  let client: TestClient;

  before(async () => {
    ensureBuilt();
    root = makeWorkspace({
      'src/a.py': A_PY,
      'src/b.py': B_PY,
      'src/suppressed.py': SUPPRESSED_PY,
      'web/app.js': 'export const answer = 42;\n',
      'README.md': '# demo\n',
      '.ai-posture.json': CONFIG,
      'requirements.txt': REQUIREMENTS,
    });
    client = (await TestClient.start({ pull: true, folders: [root] })).client;
  });
  after(async () => {
    await client?.stop();
    removeWorkspace(root);
  });

  async function completeRecommendations(): Promise<RecommendationsResult> {
    return client.waitFor(async () => {
      const result = await client.request<RecommendationsResult>('aiPosture/recommendations');
      return result.complete && result.recommendations.length > 0 ? result : undefined;
    }, 'the first scan to complete');
  }

  it('groups the unsuppressed findings by rule, with counts and places', async () => {
    const result = await completeRecommendations();
    assert.deepEqual(
      result.recommendations.map((recommendation) => [recommendation.ruleId, recommendation.severity, recommendation.places.length]),
      [
        ['AIP102', 'error', 3],
        ['AIP101', 'error', 1],
        ['AIP103', 'warning', 1],
      ],
    );
    const torchLoad = byRule(result, 'AIP102');
    // The suppressed torch.load in src/suppressed.py is not a place.
    assert.deepEqual(
      torchLoad.places.map((place) => [place.path, place.range.start.line, place.range.start.character]),
      [
        ['src/a.py', 3, 4],
        ['src/a.py', 4, 4],
        ['src/b.py', 3, 4],
      ],
    );
    assert.equal(torchLoad.places[0].uri, uriOf(root, 'src/a.py'));
    assert.match(torchLoad.places[0].message, /weights_only=True/);
    assert.ok(torchLoad.places.every((place) => place.fixable));
    assert.equal(torchLoad.fixable, true);
    assert.equal(torchLoad.family, 'AIP1xx');
    assert.equal(torchLoad.name, 'unsafe-torch-load');
    assert.deepEqual(torchLoad.cwe, ['CWE-502']);
    assert.ok(torchLoad.owasp.length > 0 && torchLoad.atlas.length > 0);
    assert.ok(torchLoad.explanation.length > 0 && torchLoad.remediation.length > 0);
    assert.match(torchLoad.docsUrl, /#aip102$/);
    assert.equal(byRule(result, 'AIP103').fixable, false);
  });

  it('lists as healthy the enabled rules that apply to the file kinds present and have no finding', async () => {
    const result = await completeRecommendations();
    const healthy = Object.fromEntries(result.healthyRules.map((rule) => [rule.ruleId, rule.severity]));
    // Python and JavaScript files are present: AIP104/AIP105 (Python) and AIP203 (JavaScript) apply;
    // AIP109 is off in .ai-posture.json, and AIP104 is raised to error there. That file is JSON, so the
    // JSON rules (AIP504 agent settings, AIP601/AIP603–AIP605 MCP configs, AIP602 MCP secrets, AIP801–AIP810,
    // AIP812, AIP813 ARM and CloudFormation templates) apply too. The Python agent and risky-API rules
    // (AIP106, AIP108, AIP302, AIP501–AIP506) and AIP507 (Python, JavaScript, JSON) apply as well, and so
    // do the data-flow rules of Python and JavaScript (AIP107, AIP301, AIP401–AIP405) and AIP606 (MCP tool
    // descriptions). The secret rules read every text file (AIP201), JS/TS (AIP202) and Markdown (AIP205,
    // the README); AIP303 and AIP607 apply to the Markdown/text file kinds present.
    assert.deepEqual(healthy, {
      AIP104: 'error',
      AIP105: 'information',
      AIP106: 'warning',
      AIP107: 'error',
      AIP108: 'warning',
      AIP201: 'error',
      AIP202: 'error',
      AIP203: 'error',
      AIP205: 'error',
      AIP301: 'warning',
      AIP302: 'warning',
      AIP303: 'error',
      AIP401: 'error',
      AIP402: 'error',
      AIP403: 'warning',
      AIP404: 'warning',
      AIP405: 'warning',
      AIP501: 'error',
      AIP502: 'error',
      AIP503: 'warning',
      AIP504: 'error',
      AIP505: 'warning',
      AIP506: 'warning',
      AIP507: 'warning',
      AIP601: 'warning',
      AIP602: 'error',
      AIP603: 'error',
      AIP604: 'warning',
      AIP605: 'warning',
      AIP606: 'error',
      AIP607: 'error',
      AIP801: 'warning',
      AIP802: 'warning',
      AIP803: 'information',
      AIP804: 'information',
      AIP805: 'information',
      AIP806: 'warning',
      AIP807: 'information',
      AIP808: 'warning',
      AIP809: 'warning',
      AIP810: 'warning',
      AIP812: 'warning',
      AIP813: 'warning',
    });
    assert.ok(result.healthyRules.every((rule) => rule.title.length > 0));
    const listed = new Set(result.recommendations.map((recommendation) => recommendation.ruleId));
    assert.ok(result.healthyRules.every((rule) => !listed.has(rule.ruleId)));
  });

  it('narrows to one folder with folderUri', async () => {
    const other = await client.request<RecommendationsResult>('aiPosture/recommendations', { folderUri: 'file:///nowhere' });
    assert.deepEqual(other, { recommendations: [], healthyRules: [], complete: true });
    const same = await client.request<RecommendationsResult>('aiPosture/recommendations', { folderUri: uriOf(root, '') });
    assert.equal(byRule(same, 'AIP102').places.length, 3);
  });

  it('follows an open buffer instead of the disk', async () => {
    const uri = uriOf(root, 'src/a.py');
    // The buffer drops the first torch.load (line 4) without saving.
    await client.open(uri, A_PY.replace('a = torch.load("a.pt")\n', ''));
    itemsOf(await client.pull(uri));
    const result = await client.waitFor(async () => {
      const current = await client.request<RecommendationsResult>('aiPosture/recommendations');
      return byRule(current, 'AIP102').places.length === 2 ? current : undefined;
    }, 'the open buffer to count');
    assert.deepEqual(
      byRule(result, 'AIP102').places.map((place) => [place.path, place.range.start.line]),
      [
        ['src/a.py', 3],
        ['src/b.py', 3],
      ],
    );
  });

  it('fixAll returns every safe fix of a rule across files: the open buffer at its version, the closed file from disk', async () => {
    const aUri = uriOf(root, 'src/a.py');
    const bUri = uriOf(root, 'src/b.py');
    const edit = await client.request<WorkspaceEdit>('aiPosture/fixAll', { ruleId: 'AIP102' });
    const changes = (edit.documentChanges ?? []) as TextDocumentEdit[];
    assert.deepEqual(
      changes.map((change) => [change.textDocument.uri, change.textDocument.version]),
      [
        [aUri, client.document(aUri).version],
        [bUri, null],
      ],
    );
    const fixedA = applied(edit, aUri, client.document(aUri).getText());
    assert.equal(fixedA, client.document(aUri).getText().replace('map_location="cpu")', 'map_location="cpu", weights_only=True)'));
    const fixedB = applied(edit, bUri, fs.readFileSync(path.join(root, 'src', 'b.py'), 'utf8'));
    assert.equal(fixedB, B_PY.replace('torch.load("c.pt")', 'torch.load("c.pt", weights_only=True)'));
    // Only AIP102: trust_remote_code and pickle.load are untouched, and so is the suppressed line.
    assert.ok(fixedA.includes('trust_remote_code=True') && fixedB.includes('pickle.load(f)'));
    assert.equal(
      changes.some((change) => change.textDocument.uri === uriOf(root, 'src/suppressed.py')),
      false,
    );
  });

  it('fixAll leaves files alone when the rule has no safe fix, and applying its edit clears the rule', async () => {
    const none = await client.request<WorkspaceEdit>('aiPosture/fixAll', { ruleId: 'AIP103' });
    assert.deepEqual(none, { documentChanges: [] });
    const aUri = uriOf(root, 'src/a.py');
    const edit = await client.request<WorkspaceEdit>('aiPosture/fixAll', { ruleId: 'AIP102' });
    await client.applyEdits(aUri, editsFor(edit, aUri));
    await client.pullUntil(aUri, (items) => !items.some((item) => item.code === 'AIP102'), 'AIP102 to leave src/a.py');
    const result = await client.waitFor(async () => {
      const current = await client.request<RecommendationsResult>('aiPosture/recommendations');
      return byRule(current, 'AIP102').places.length === 1 ? current : undefined;
    }, 'the recommendation to shrink');
    assert.deepEqual(
      byRule(result, 'AIP102').places.map((place) => place.path),
      ['src/b.py'],
    );
  });

  it('refuses an unknown rule id', async () => {
    await assert.rejects(client.request('aiPosture/fixAll', { ruleId: 'AIP999' }), (error: ResponseError<unknown>) => {
      assert.equal(error.code, ErrorCodes.InvalidParams);
      return true;
    });
  });
});
