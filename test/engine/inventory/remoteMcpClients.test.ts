import * as assert from 'node:assert/strict';
import { find, inventoryOf, refsOf } from './helpers';

/** Remote MCP servers that code connects to as a client. */

describe('inventory: remote MCP servers used as clients in code', () => {
  it('a Mistral MCPClientSSE given SSEServerParams(url=…) is a remote server', async () => {
    const bom = await inventoryOf({
      'agents/run.py': [
        'from mistralai.extra.mcp.sse import MCPClientSSE, SSEServerParams',
        'server_url = "https://mcp.semgrep.ai/sse"',
        'mcp_client = MCPClientSSE(sse_params=SSEServerParams(url=server_url, timeout=100))',
      ].join('\n'),
    });
    const semgrep = find(bom, 'plugin', 'mcp.semgrep.ai');
    assert.equal(semgrep.transport, 'sse');
  });

  it('a *_MCP_URL constant built from constants and given to a transport in another file is a remote server', async () => {
    const bom = await inventoryOf({
      'src/constants.ts': [
        "const DOCS_ASSISTANT_BASE_URL = 'https://prod-1-data.ke.pinecone.io';",
        "const DOCS_ASSISTANT_NAME = 'pinecone-docs';",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the TypeScript source under test
        'export const DOCS_MCP_URL = `${DOCS_ASSISTANT_BASE_URL}/mcp/assistants/${DOCS_ASSISTANT_NAME}`;',
      ].join('\n'),
      'src/tools/docs.ts': [
        "import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';",
        "import { DOCS_MCP_URL } from '../constants.js';",
        'const transport = new StreamableHTTPClientTransport(new URL(DOCS_MCP_URL));',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'plugin'), ['plugin:mcp/remote/prod-1-data.ke.pinecone.io']);
  });

  it('near miss: an SSEServerParams of another module, a local or placeholder MCP URL, and a URL of another kind are not listed', async () => {
    const bom = await inventoryOf({
      'other.py': ['from myapp.params import SSEServerParams', 'p = SSEServerParams(url="https://events.example.org/sse")'].join('\n'),
      'src/constants.ts': [
        "export const LOCAL_MCP_URL = 'http://localhost:3000/mcp';",
        "export const REMOTE_MCP_URL = 'https://your-server.example.com/mcp';",
        "export const DOCS_URL = 'https://docs.pinecone.io';",
        'export const MCP_URL = process.env.MCP_URL;',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'plugin'), []);
  });

  it('an MCP server an MCP client package depends on is a server it ships', async () => {
    const bom = await inventoryOf({
      'packages/core/package.json': JSON.stringify({
        name: '@acme/agent-core',
        dependencies: { '@modelcontextprotocol/sdk': '^1.23.0' },
        devDependencies: { 'chrome-devtools-mcp': '0.19.0', 'use-mcp': '0.0.21', '@mastra/mcp': '1.0.0' },
      }),
      // Without an MCP client, a package named like a server is a dependency like any other.
      'apps/docs/package.json': JSON.stringify({ name: 'docs', devDependencies: { 'figma-developer-mcp': '0.5.0' } }),
    });
    const chrome = find(bom, 'plugin', 'chrome-devtools-mcp');
    assert.equal(chrome.version, '0.19.0');
    // A React hook of MCP clients and a library named for MCP are no servers.
    assert.deepEqual(refsOf(bom, 'plugin'), ['plugin:mcp/npm/chrome-devtools-mcp']);
  });
});
