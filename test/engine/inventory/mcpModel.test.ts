import * as assert from 'node:assert/strict';
import { collectMcpConfig, readMcpServers } from '../../../server/src/engine/inventory/mcpConfigs';
import { type ConfigDocument, readConfig } from '../../../server/src/engine/parse/configDocument';
import type { Range } from '../../../server/src/engine/types';

/** Fake secret values, assembled at run time. */
const TOKEN = ['ghp', 'modelTestValue000'].join('_');

function textAt(document: ConfigDocument, range: Range | undefined): string {
  assert.ok(range, 'a range');
  return document.text.slice(document.lines.offsetAt(range.start), document.lines.offsetAt(range.end));
}

describe('MCP server model', () => {
  it('VS Code mcp.json: command, each args item, env and headers entries, url and inputs, all ranged', () => {
    const text = [
      '{',
      '  "inputs": [{ "id": "token", "type": "promptString", "password": true }],',
      '  "servers": {',
      '    // local',
      '    "github": {',
      '      "command": "npx",',
      `      "args": ["-y", "@modelcontextprotocol/server-github@1.0.0", 42],`,
      `      "env": { "GITHUB_TOKEN": "${TOKEN}", "MODE": "\${input:token}" }`,
      '    },',
      `    "remote": { "type": "http", "url": "https://example.com/mcp", "headers": { "Authorization": "Bearer ${TOKEN}" } }`,
      '  }',
      '}',
    ].join('\n');
    const document = readConfig(text, 'json');
    const [github, remote] = readMcpServers('.vscode/mcp.json', document, 'vscode');
    assert.equal(github.name, 'github');
    assert.equal(github.transport, 'stdio');
    assert.equal(textAt(document, github.nameRange), '"github"');
    assert.equal(textAt(document, github.command?.range), '"npx"');
    assert.deepEqual(
      github.args.map((arg) => textAt(document, arg.range)),
      ['"-y"', '"@modelcontextprotocol/server-github@1.0.0"'],
    );
    assert.deepEqual(
      github.env.map((entry) => [entry.key, textAt(document, entry.keyRange), entry.range.start.line]),
      [
        ['GITHUB_TOKEN', '"GITHUB_TOKEN"', 7],
        ['MODE', '"MODE"', 7],
      ],
    );
    assert.equal(textAt(document, github.env[1].range), `"\${input:token}"`);
    assert.equal(github.inputs?.kind, 'array');
    assert.equal(github.inputs?.get([0, 'id'])?.value, 'token');
    assert.equal(remote.transport, 'http');
    assert.equal(textAt(document, remote.url?.range), '"https://example.com/mcp"');
    assert.equal(textAt(document, remote.type?.range), '"http"');
    assert.equal(textAt(document, remote.headers[0].keyRange), '"Authorization"');
    // The BOM built from the same model keeps names only.
    const components = collectMcpConfig('.vscode/mcp.json', text, 'vscode');
    assert.ok(!JSON.stringify(components).includes(TOKEN));
    assert.deepEqual(
      components.map((component) => component.occurrences[0].line),
      [5, 10],
    );
  });

  it('Continue YAML list and map forms, and Zed and OpenCode command shapes', () => {
    const yaml = readConfig('mcpServers:\n  - name: browser\n    command: npx\n    args:\n      - "@playwright/mcp@0.0.41"\n', 'yaml');
    const [browser] = readMcpServers('.continue/config.yaml', yaml, 'continue');
    assert.equal(browser.name, 'browser');
    assert.equal(textAt(yaml, browser.nameRange), 'browser');
    assert.equal(textAt(yaml, browser.args[0].range), '"@playwright/mcp@0.0.41"');

    const map = readConfig('mcpServers:\n  docs:\n    url: https://example.com/sse\n', 'yaml');
    const [docs] = readMcpServers('.continue/mcpServers/docs.yaml', map, 'continue');
    assert.equal(docs.transport, 'sse');
    assert.equal(textAt(map, docs.nameRange), 'docs');

    const zed = readConfig(
      '{"context_servers": {"z": {"command": {"path": "uvx", "args": ["mcp-server-git"], "env": {"A": "1"}}}}}',
      'json',
    );
    const [z] = readMcpServers('.zed/settings.json', zed, 'zed');
    assert.equal(textAt(zed, z.command?.range), '"uvx"');
    assert.equal(textAt(zed, z.args[0].range), '"mcp-server-git"');
    assert.deepEqual(
      z.env.map((entry) => entry.key),
      ['A'],
    );

    const opencode = readConfig('{"mcp": {"fs": {"type": "local", "command": ["npx", "-y", "pkg@1"], "environment": {"B": "2"}}}}', 'json');
    const [fs] = readMcpServers('opencode.json', opencode, 'opencode');
    assert.equal(textAt(opencode, fs.command?.range), '"npx"');
    assert.deepEqual(
      fs.args.map((arg) => arg.string),
      ['-y', 'pkg@1'],
    );
    assert.equal(fs.env[0].key, 'B');
  });

  it('Codex TOML: tables, inline env and arrays', () => {
    const text = [
      '[mcp_servers.github]',
      'command = "docker"',
      'args = ["run", "-i", "ghcr.io/github/github-mcp-server"]',
      'env = { "GITHUB_TOKEN" = "x" }',
    ].join('\n');
    const document = readConfig(text, 'toml');
    const [github] = readMcpServers('.codex/config.toml', document, 'codex');
    assert.equal(textAt(document, github.nameRange), 'github');
    assert.equal(textAt(document, github.args[2].range), '"ghcr.io/github/github-mcp-server"');
    assert.equal(textAt(document, github.env[0].keyRange), '"GITHUB_TOKEN"');
    assert.equal(textAt(document, github.env[0].range), '"x"');
    assert.equal(github.inputs, undefined);
  });

  it('VS Code settings: servers and inputs under `mcp`', () => {
    const text = '{"editor.fontSize": 12, "mcp": {"inputs": [{"id": "key"}], "servers": {"s": {"url": "https://example.com/mcp"}}}}';
    const document = readConfig(text, 'json');
    const [server] = readMcpServers('.vscode/settings.json', document, 'vscode');
    assert.equal(server.name, 's');
    assert.equal(server.inputs?.get([0, 'id'])?.value, 'key');
    assert.equal(textAt(document, server.url?.range), '"https://example.com/mcp"');
  });

  it('skips entries with neither a command nor a URL, and broken files', () => {
    assert.deepEqual(readMcpServers('.mcp.json', readConfig('{"mcpServers": {"x": {"disabled": true}}}', 'json'), 'claude-code'), []);
    assert.deepEqual(readMcpServers('.mcp.json', readConfig('{"mcpServers": ', 'json'), 'claude-code'), []);
    assert.deepEqual(readMcpServers('.codex/config.toml', readConfig('[mcp_servers', 'toml'), 'codex'), []);
  });
});
