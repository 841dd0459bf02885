import * as assert from 'node:assert/strict';
import { find, inventoryOf, propertyValues, refsOf } from './helpers';

/** MCP servers that the workspace's own code defines. */

describe('inventory: MCP servers defined in code', () => {
  it('lists FastMCP, MCPServer and McpServer instances by their names', async () => {
    const bom = await inventoryOf({
      'weather-server-python/weather.py': ['from mcp.server.fastmcp import FastMCP', '', 'mcp = FastMCP("weather")'].join('\n'),
      'docs/server.py': ['from fastmcp import FastMCP', 'app = FastMCP(name="docs-server")'].join('\n'),
      'weather-server-typescript/src/index.ts': [
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";',
        'const server = new McpServer({ name: "weather", version: "1.0.0" });',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'plugin'), ['plugin:mcp/local/docs-server', 'plugin:mcp/local/weather']);
    const weather = find(bom, 'plugin', 'weather');
    assert.equal(weather.occurrences.length, 2);
    assert.deepEqual(propertyValues(weather, 'mcp:source'), ['workspace']);
  });

  it('joins a server defined in code to the package that publishes it', async () => {
    const bom = await inventoryOf({
      'src/memory/package.json': JSON.stringify({
        name: '@modelcontextprotocol/server-memory',
        bin: { 'mcp-server-memory': 'dist/index.js' },
        dependencies: { '@modelcontextprotocol/sdk': '^1.24.0' },
      }),
      'src/memory/index.ts': [
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";',
        'const server = new McpServer({ name: "memory-server", version: "0.6.3" });',
      ].join('\n'),
      'src/other/index.ts': [
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";',
        'const server = new McpServer({ name: "other-server", version: "1" });',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'plugin'), ['plugin:mcp/local/other-server', 'plugin:mcp/npm/@modelcontextprotocol/server-memory']);
    assert.deepEqual(
      find(bom, 'plugin', '@modelcontextprotocol/server-memory').occurrences.map((occurrence) => occurrence.path),
      ['src/memory/index.ts', 'src/memory/package.json'],
    );
  });

  it('near miss: a server in a test, a look-alike class of another package and a name built at run time are not listed', async () => {
    const bom = await inventoryOf({
      'tests/test_server.py': ['from mcp.server.fastmcp import FastMCP', 'mcp = FastMCP("test")'].join('\n'),
      'app.py': ['from mcp import ClientSession', 'from myproject import FastMCP', 'x = FastMCP("other")'].join('\n'),
      'dyn.py': ['import os', 'from mcp.server.fastmcp import FastMCP', 'mcp = FastMCP(os.environ["NAME"])'].join('\n'),
      'http.ts': ['import { Server } from "node:http";', 'import OpenAI from "openai";', 'const s = new Server({ name: "web" });'].join(
        '\n',
      ),
    });
    assert.deepEqual(refsOf(bom, 'plugin'), []);
  });
});
