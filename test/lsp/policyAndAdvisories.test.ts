/**
 * The issue's editor cases over real LSP: a policy that allows only Azure OpenAI flags an Anthropic
 * SDK call and a non-allowed MCP server, and the workspace rules' findings (policy, vulnerable
 * packages, retired models) show in an open document as in a closed file: they come from the last
 * scan, since one file's analysis cannot judge the whole AI-BOM, and a file changed on disk keeps them.
 */
import * as assert from 'node:assert/strict';
import { ensureBuilt, makeWorkspace, removeWorkspace, rulesOf, TestClient, uriOf, writeFile } from './client';

const POLICY = JSON.stringify({ policy: { allowedProviders: ['azure-openai'], allowedMcpServers: ['@azure/mcp'] } });
const APP = [
  'import anthropic',
  '',
  'client = anthropic.Anthropic()',
  'reply = client.messages.create(model="claude-2.1", max_tokens=64, messages=[])',
  '',
].join('\n');
const MCP = '{ "servers": { "fetch": { "command": "uvx", "args": ["mcp-server-fetch==2025.4.7"] } } }\n';
const REQUIREMENTS = 'langchain==0.0.200\n';

describe('LSP: workspace policy, advisories and retired models', function () {
  this.timeout(30_000);
  let root: string;
  let client: TestClient;

  before(async () => {
    ensureBuilt();
    root = makeWorkspace({ '.ai-posture.json': POLICY, 'app.py': APP, '.vscode/mcp.json': MCP, 'requirements.txt': REQUIREMENTS });
    client = (await TestClient.start({ pull: true, folders: [root] })).client;
  });
  after(async () => {
    await client?.stop();
    removeWorkspace(root);
  });

  it('pushes AIP904 for a non-allowed MCP server and AIP901 for a vulnerable pin in closed files', async () => {
    const mcp = await client.waitForPublished(uriOf(root, '.vscode/mcp.json'), (items) => items.length > 0, 'the scan to publish mcp.json');
    assert.deepEqual(rulesOf(mcp), ['AIP904']);
    assert.match(String(mcp[0].message), /The MCP server fetch is not on the workspace policy allow-list/);
    const requirements = await client.waitForPublished(uriOf(root, 'requirements.txt'), (items) => items.length > 0, 'requirements.txt');
    assert.deepEqual(rulesOf(requirements), ['AIP901']);
  });

  it('shows the Anthropic call as not allowed, and the retired model, in the open document', async () => {
    const app = uriOf(root, 'app.py');
    await client.waitForPublished(app, (items) => items.length > 0, 'the scan to publish app.py');
    await client.open(app, APP);
    const diagnostics = await client.pullUntil(app, (items) => rulesOf(items).includes('AIP904'), 'AIP904 in the open document');
    assert.ok(
      diagnostics.some((item) => item.code === 'AIP904' && item.range.start.line === 2 && /provider anthropic/.test(String(item.message))),
    );
    assert.ok(diagnostics.some((item) => item.code === 'AIP903' && /claude-2\.1 was retired/.test(String(item.message))));
    await client.close(app);
  });

  it('keeps the workspace-rule findings of a file changed on disk until the next scan', async () => {
    const uri = uriOf(root, 'requirements.txt');
    writeFile(root, 'requirements.txt', `${REQUIREMENTS}# pinned for the demo\n`);
    await client.filesChanged([{ uri, type: 2 }]);
    const after = await client.waitForPublished(uri, (items) => items.length > 0, 'requirements.txt after the change');
    assert.deepEqual(rulesOf(after), ['AIP901']);
  });
});
