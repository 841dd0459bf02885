/**
 * Findings of the rule kinds that read no source text, over real LSP: workspace rules (AIP904, the
 * policy over the AI-BOM) on the lines of their occurrences, and byte rules (AIP703) on line 1 of a
 * model file, both pushed by the workspace scan like any closed file's findings.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, makeWorkspace, removeWorkspace, rulesOf, TestClient, uriOf } from './client';

const POLICY = JSON.stringify({ policy: { allowedModels: ['gpt-4o*'] } });
const APP = [
  'from openai import OpenAI',
  '',
  'client = OpenAI()',
  'answer = client.chat.completions.create(model="gpt-4o-mini", messages=[])',
  'legacy = client.chat.completions.create(model="gpt-3.5-turbo", messages=[])',
  'kept = client.chat.completions.create(model="gpt-3.5-turbo-16k", messages=[])  # ai-posture-ignore AIP904 -- approved',
  '',
].join('\n');
/** `pickle.dumps({"w": [1]}, protocol=4)`: plain data, no imports. */
const PICKLE = Buffer.from('8004950d000000000000007d948c0177945d944b0161732e', 'hex');

describe('LSP findings of workspace and byte rules', function () {
  this.timeout(30_000);
  let root: string;
  let client: TestClient;

  before(async () => {
    ensureBuilt();
    root = makeWorkspace({ '.ai-posture.json': POLICY, 'src/app.py': APP });
    fs.writeFileSync(path.join(root, 'weights.pkl'), PICKLE);
    client = (await TestClient.start({ pull: true, folders: [root] })).client;
  });
  after(async () => {
    await client?.stop();
    removeWorkspace(root);
  });

  it('shows AIP904 on the line where the disallowed model is used, and honours the comment directive', async () => {
    const app = uriOf(root, 'src/app.py');
    const diagnostics = await client.waitForPublished(app, (items) => items.length > 0, 'the scan to publish src/app.py');
    assert.deepEqual(rulesOf(diagnostics), ['AIP904']);
    const [finding] = diagnostics;
    assert.equal(finding.range.start.line, 4);
    assert.equal(APP.split('\n')[4].slice(finding.range.start.character, finding.range.end.character), 'gpt-3.5-turbo');
    assert.match(String(finding.message), /gpt-3\.5-turbo is not on the workspace policy allow-list/);
  });

  it('shows AIP703 on line 1 of a pickle model file', async () => {
    const weights = uriOf(root, 'weights.pkl');
    const diagnostics = await client.waitForPublished(weights, (items) => items.length > 0, 'the scan to publish weights.pkl');
    assert.deepEqual(rulesOf(diagnostics), ['AIP703']);
    assert.equal(diagnostics[0].range.start.line, 0);
  });
});
