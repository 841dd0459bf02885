import * as assert from 'node:assert/strict';
import { find, inventoryOf, propertyValues } from './helpers';

/** Remote MCP servers that agent frameworks' tool classes connect to, named by the URL host. */

function plugins(files: Record<string, string>): Promise<string[]> {
  return inventoryOf(files).then((bom) =>
    bom.components
      .filter((component) => component.kind === 'plugin')
      .map((component) => `${component.ref} ${component.name}`)
      .sort(),
  );
}

describe('inventory: remote MCP servers of agent tool classes', () => {
  it('reads Azure AI Agents McpTool keywords and Agent Framework MCP tools', async () => {
    const bom = await inventoryOf({
      'agent.py': [
        'from azure.ai.agents.models import McpTool',
        'from agent_framework import MCPStreamableHTTPTool, MCPStdioTool',
        '',
        'mcp_tool = McpTool(',
        '    server_label="github",',
        '    server_url="https://gitmcp.io/Azure/azure-rest-api-specs",',
        '    allowed_tools=[],',
        ')',
        'docs = MCPStreamableHTTPTool(name="Microsoft Learn", url="https://learn.microsoft.com/api/mcp")',
        'fs = MCPStdioTool(name="fs", command="npx", args=["-y", "@modelcontextprotocol/server-filesystem", "/tmp"])',
      ].join('\n'),
    });
    const github = find(bom, 'plugin', 'github');
    assert.equal(github.ref, 'plugin:mcp/remote/gitmcp.io');
    assert.equal(github.occurrences[0].line, 4);
    assert.deepEqual(propertyValues(github, 'mcp:client'), ['hosted-mcp-tool']);
    assert.equal(find(bom, 'plugin', 'Microsoft Learn').ref, 'plugin:mcp/remote/learn.microsoft.com');
    assert.equal(find(bom, 'plugin', 'fs').ref, 'plugin:mcp/npm/@modelcontextprotocol/server-filesystem');
  });

  it('a server URL read at run time: the label names the server', async () => {
    const bom = await inventoryOf({
      'agent.ipynb': JSON.stringify({
        cells: [
          {
            cell_type: 'code',
            source: [
              'import os\n',
              'from azure.ai.projects.models import MCPTool\n',
              'tool = MCPTool(server_label="api-specs", server_url=os.getenv("MCP_SERVER_URL"), require_approval="never")\n',
            ],
          },
        ],
      }),
    });
    const specs = find(bom, 'plugin', 'api-specs');
    assert.equal(specs.ref, 'plugin:mcp/remote/api-specs');
    assert.deepEqual(specs.endpoints, []);
    assert.deepEqual(propertyValues(specs, 'mcp:client'), ['hosted-mcp-tool']);
  });

  it('near miss: a label without a server URL, a URL without a label, a placeholder host and a test are not listed', async () => {
    assert.deepEqual(
      await plugins({
        'agent.py': [
          'import os',
          'from azure.ai.agents.models import McpTool',
          'a = McpTool(server_label="github", allowed_tools=[])',
          'b = McpTool(server_url=os.environ["MCP_URL"])',
          'c = McpTool(server_label="demo", server_url="https://example.com/mcp")',
        ].join('\n'),
        'tests/test_agent.py': [
          'import os',
          'from azure.ai.agents.models import McpTool',
          'd = McpTool(server_label="docs", server_url=os.environ["MCP_URL"])',
        ].join('\n'),
      }),
      [],
    );
  });
});
