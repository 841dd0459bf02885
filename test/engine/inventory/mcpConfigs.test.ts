import * as assert from 'node:assert/strict';
import { launchedPackage, mcpClientOf, placedLaunch } from '../../../server/src/engine/inventory/mcpConfigs';
import { find, inventoryOf, propertyValues, summary } from './helpers';

const SECRET = 'ghp_fixtureValueThatMustNeverAppear000';

describe('inventory: MCP servers', () => {
  it('knows each client by its config path', () => {
    const cases: [string, string | undefined][] = [
      ['.vscode/mcp.json', 'vscode'],
      ['.mcp.json', 'claude-code'],
      ['claude_desktop_config.json', 'claude-desktop'],
      ['.cursor/mcp.json', 'cursor'],
      ['.gemini/settings.json', 'gemini-cli'],
      ['.kiro/settings/mcp.json', 'kiro'],
      ['.roo/mcp.json', 'roo-code'],
      ['cline_mcp_settings.json', 'cline'],
      ['.continue/config.yaml', 'continue'],
      ['.codex/config.toml', 'codex'],
      ['opencode.jsonc', 'opencode'],
      ['.zed/settings.json', 'zed'],
      ['package.json', undefined],
    ];
    for (const [path, client] of cases) assert.equal(mcpClientOf(path), client, path);
  });

  it('derives the package a local server runs', () => {
    assert.deepEqual(launchedPackage('npx', ['-y', '@modelcontextprotocol/server-github@2025.4.8']), {
      ecosystem: 'npm',
      name: '@modelcontextprotocol/server-github',
      version: '2025.4.8',
    });
    assert.deepEqual(launchedPackage('npx', ['-y', 'mcp-remote@latest', 'https://x']), { ecosystem: 'npm', name: 'mcp-remote' });
    assert.deepEqual(launchedPackage('npx.cmd', ['--package=@playwright/mcp@0.0.41', 'mcp-server-playwright']), {
      ecosystem: 'npm',
      name: '@playwright/mcp',
      version: '0.0.41',
    });
    assert.deepEqual(launchedPackage('uvx', ['--from', 'mcp-server-git==2025.1.14', 'mcp-server-git']), {
      ecosystem: 'pypi',
      name: 'mcp-server-git',
      version: '2025.1.14',
    });
    assert.deepEqual(launchedPackage('pipx', ['run', 'mcp-server-time']), { ecosystem: 'pypi', name: 'mcp-server-time' });
    assert.deepEqual(launchedPackage('docker', ['run', '-i', '--rm', '-e', 'GITHUB_TOKEN', 'ghcr.io/github/github-mcp-server:v0.4.0']), {
      ecosystem: 'docker',
      name: 'ghcr.io/github/github-mcp-server',
      version: 'v0.4.0',
    });
    assert.deepEqual(launchedPackage('dnx', ['Contoso.Mcp@1.2.0', '--yes']), { ecosystem: 'nuget', name: 'Contoso.Mcp', version: '1.2.0' });
    assert.equal(launchedPackage('node', ['./tools/server.js']), undefined);
    assert.equal(launchedPackage('/usr/local/bin/my-server', []), undefined);
  });

  it('starts no package for subcommands that run none, and reads docker options with values', () => {
    assert.equal(launchedPackage('docker', ['mcp', 'gateway', 'run']), undefined);
    assert.equal(launchedPackage('npm', ['run', 'start']), undefined);
    assert.equal(launchedPackage('pnpm', ['start']), undefined);
    assert.deepEqual(launchedPackage('docker', ['run', '-i', '--memory', '2g', '-p', '8080:80', '--read-only', 'kali-mcp:1.2']), {
      ecosystem: 'docker',
      name: 'kali-mcp',
      version: '1.2',
    });
    assert.deepEqual(launchedPackage('uvx', ['tool@latest']), { ecosystem: 'pypi', name: 'tool' });
  });

  it('places the package spec: its argument and where it starts in it', () => {
    assert.deepEqual(placedLaunch('npx', ['-y', '--package=@playwright/mcp@latest', 'mcp-server-playwright']), {
      ecosystem: 'npm',
      name: '@playwright/mcp',
      spec: '@playwright/mcp@latest',
      argIndex: 1,
      specStart: '--package='.length,
    });
  });

  it('VS Code mcp.json and Claude Desktop: local and remote servers, names of env vars and headers only', async () => {
    const bom = await inventoryOf({
      '.vscode/mcp.json': JSON.stringify({
        servers: {
          github: { type: 'http', url: 'https://api.githubcopilot.com/mcp/?token=abc', headers: { Authorization: `Bearer ${SECRET}` } },
          events: { type: 'sse', url: 'http://localhost:3001/sse' },
          tools: { command: 'node', args: ['./tools/server.js', '--token', SECRET] },
        },
      }),
      'claude_desktop_config.json': JSON.stringify({
        mcpServers: {
          github: {
            command: 'docker',
            args: ['run', '-i', '--rm', '-e', 'GITHUB_TOKEN', 'ghcr.io/github/github-mcp-server'],
            env: { GITHUB_TOKEN: SECRET },
          },
        },
      }),
    });
    assert.deepEqual(summary(bom), ['plugin events', 'plugin github', 'plugin github', 'plugin tools']);
    assert.ok(!JSON.stringify(bom).includes(SECRET), 'secret values never enter the BOM');
    assert.ok(!JSON.stringify(bom).includes('token=abc'));
    const remote = bom.components.find((component) => component.ref === 'plugin:mcp/remote/api.githubcopilot.com');
    assert.deepEqual(remote?.endpoints, ['https://api.githubcopilot.com']);
    assert.deepEqual(propertyValues(remote!, 'mcp:header'), ['Authorization']);
    const events = find(bom, 'plugin', 'events');
    assert.equal(events.transport, 'sse');
    assert.equal(events.trustZone, 'local');
    const docker = bom.components.find((component) => component.ref === 'plugin:mcp/docker/ghcr.io/github/github-mcp-server');
    assert.equal(docker?.purl, 'pkg:docker/ghcr.io/github/github-mcp-server');
    assert.deepEqual(propertyValues(docker!, 'mcp:env'), ['GITHUB_TOKEN']);
    assert.deepEqual(propertyValues(find(bom, 'plugin', 'tools'), 'mcp:command'), ['node']);
  });

  it('the same package configured for two clients is one plugin with both occurrences', async () => {
    const server = { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2025.8.21', '.'] };
    const bom = await inventoryOf({
      '.cursor/mcp.json': JSON.stringify({ mcpServers: { fs: server } }),
      '.mcp.json': JSON.stringify({ mcpServers: { filesystem: server } }),
    });
    assert.equal(bom.components.length, 1);
    const plugin = bom.components[0];
    assert.equal(plugin.purl, 'pkg:npm/%40modelcontextprotocol/server-filesystem@2025.8.21');
    assert.deepEqual(propertyValues(plugin, 'mcp:client'), ['claude-code', 'cursor']);
    assert.deepEqual(
      plugin.occurrences.map((entry) => entry.path),
      ['.cursor/mcp.json', '.mcp.json'],
    );
  });

  it('VS Code settings, OpenCode, Zed, Continue YAML, Codex TOML and unknown JSON with mcpServers', async () => {
    const bom = await inventoryOf({
      '.vscode/settings.json':
        '{\n  // editor\n  "editor.tabSize": 2,\n  "mcp": { "servers": { "time": { "command": "uvx", "args": ["mcp-server-time"] } } }\n}\n',
      'opencode.json': JSON.stringify({
        mcp: {
          web: { type: 'remote', url: 'https://mcp.contoso.com/mcp' },
          shell: { type: 'local', command: ['npx', '-y', 'shell-mcp@1.0.0'] },
        },
      }),
      '.zed/settings.json': JSON.stringify({
        context_servers: { postgres: { command: { path: 'npx', args: ['-y', '@modelcontextprotocol/server-postgres'] } } },
      }),
      '.continue/config.yaml': 'name: cfg\nmcpServers:\n  - name: sqlite\n    command: uvx\n    args: ["mcp-server-sqlite==0.6.2"]\n',
      '.codex/config.toml': '[mcp_servers.docs]\ncommand = "npx"\nargs = ["-y", "docs-mcp@2.0.0"]\nenv = { DOCS_TOKEN = "x" }\n',
      'tools/agent-config.json': JSON.stringify({ mcpServers: { fetch: { command: 'uvx', args: ['mcp-server-fetch'] } } }),
      '.vscode/extensions.json': '{ "recommendations": ["ms-python.python"] }',
    });
    assert.deepEqual(summary(bom), [
      'plugin docs@2.0.0',
      'plugin fetch',
      'plugin postgres',
      'plugin shell@1.0.0',
      'plugin sqlite@0.6.2',
      'plugin time',
      'plugin web',
    ]);
    assert.equal(find(bom, 'plugin', 'time').occurrences[0].line, 4);
    assert.equal(find(bom, 'plugin', 'sqlite').occurrences[0].line, 3);
    assert.deepEqual(propertyValues(find(bom, 'plugin', 'docs'), 'mcp:env'), ['DOCS_TOKEN']);
    assert.deepEqual(propertyValues(find(bom, 'plugin', 'fetch'), 'mcp:client'), ['unknown']);
  });
});
