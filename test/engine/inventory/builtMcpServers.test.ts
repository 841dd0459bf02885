import * as assert from 'node:assert/strict';
import { find, inventoryOf, propertyValues } from './helpers';

/** MCP servers a workspace builds and publishes itself, read from their package manifests. */

describe('inventory: MCP servers built in the workspace', () => {
  it('lists an npm package that depends on the MCP SDK and publishes a server command', async () => {
    const bom = await inventoryOf({
      'src/memory/package.json': JSON.stringify(
        {
          name: '@modelcontextprotocol/server-memory',
          version: '0.6.3',
          bin: { 'mcp-server-memory': 'dist/index.js' },
          dependencies: { '@modelcontextprotocol/sdk': '^1.24.0' },
        },
        null,
        2,
      ),
      'src/weather/package.json': JSON.stringify({
        name: 'weather',
        mcpName: 'io.github.example/weather',
        dependencies: { '@modelcontextprotocol/sdk': '^1.24.0' },
      }),
    });
    const memory = find(bom, 'plugin', '@modelcontextprotocol/server-memory');
    assert.equal(memory.ref, 'plugin:mcp/npm/@modelcontextprotocol/server-memory');
    assert.equal(memory.version, '0.6.3');
    assert.deepEqual(propertyValues(memory, 'mcp:source'), ['workspace']);
    assert.deepEqual(memory.occurrences, [{ path: 'src/memory/package.json', line: 2, evidence: 'manifest', symbol: 'bin' }]);
    assert.equal(find(bom, 'plugin', 'weather').occurrences[0].symbol, 'mcpName');
  });

  it('lists a Python project that depends on mcp and has a server console script', async () => {
    const bom = await inventoryOf({
      'src/fetch/pyproject.toml': [
        '[project]',
        'name = "mcp-server-fetch"',
        'version = "0.6.3"',
        'dependencies = ["httpx>=0.27", "mcp>=1.1.3"]',
        '',
        '[project.scripts]',
        'mcp-server-fetch = "mcp_server_fetch:main"',
      ].join('\n'),
    });
    const fetch = find(bom, 'plugin', 'mcp-server-fetch');
    assert.equal(fetch.ref, 'plugin:mcp/pypi/mcp-server-fetch');
    assert.equal(fetch.occurrences[0].line, 2);
  });

  it('meets the plugin a client configuration launches from the same package', async () => {
    const bom = await inventoryOf({
      'src/memory/package.json': JSON.stringify({
        name: '@modelcontextprotocol/server-memory',
        bin: { 'mcp-server-memory': 'dist/index.js' },
        dependencies: { '@modelcontextprotocol/sdk': '^1.24.0' },
      }),
      '.vscode/mcp.json': JSON.stringify({ servers: { memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] } } }),
    });
    const plugins = bom.components.filter((component) => component.kind === 'plugin');
    assert.equal(plugins.length, 1);
    assert.equal(plugins[0].occurrences.length, 2);
  });

  it('near miss: an MCP client CLI, a library without a command, a dev-only SDK and a server without mcp are not servers built here', async () => {
    const bom = await inventoryOf({
      'client/package.json': JSON.stringify({
        name: 'my-chat-cli',
        bin: { chat: 'dist/cli.js' },
        dependencies: { '@modelcontextprotocol/sdk': '^1.24.0' },
      }),
      'lib/package.json': JSON.stringify({ name: 'mcp-tools-lib', dependencies: { '@modelcontextprotocol/sdk': '^1.24.0' } }),
      'dev/package.json': JSON.stringify({
        name: 'mcp-server-dev',
        bin: { 'mcp-server-dev': 'x.js' },
        devDependencies: { '@modelcontextprotocol/sdk': '^1.24.0' },
      }),
      'web/pyproject.toml': [
        '[project]',
        'name = "web-server"',
        'dependencies = ["flask"]',
        '[project.scripts]',
        'web-server = "web:main"',
      ].join('\n'),
      'cli/pyproject.toml': [
        '[project]',
        'name = "mcp-client-cli"',
        'dependencies = ["mcp"]',
        '[project.scripts]',
        'mcp-client = "cli:main"',
      ].join('\n'),
      'agent/pyproject.toml': ['[project]', 'name = "agent"', 'dependencies = ["mcp"]', '[project.scripts]', 'agent = "agent:main"'].join(
        '\n',
      ),
    });
    assert.deepEqual(
      bom.components.filter((component) => component.kind === 'plugin').map((component) => component.name),
      [],
    );
  });
});
