/** Each MCP server of the AI-BOM with its transport, pinning and finding count, in the BOM and in CycloneDX. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultConfig } from '../../../server/src/engine/config/config';
import { MCP_FINDINGS_PROPERTY, withMcpFindingCounts } from '../../../server/src/engine/inventory/componentFindings';
import type { AiBom, AiComponent } from '../../../server/src/engine/inventory/types';
import { cycloneDxJson } from '../../../server/src/engine/report/cyclonedx';
import { scanWorkspace } from '../../../server/src/engine/scan';
import type { FileResult } from '../../../server/src/engine/types';
import { cycloneDxValidator, find, propertyValues } from './helpers';

// biome-ignore lint/suspicious/noExplicitAny: the tests walk parsed CycloneDX JSON freely.
type Json = Record<string, any>;

const MCP_JSON = `{
  // Team servers
  "servers": {
    "github": {
      "command": "npx",
      "args": [
        "-y",
        "@modelcontextprotocol/server-github"
      ]
    },
    "memory": {
      "command": "npx",
      // ai-posture-ignore-next-line AIP601 -- the memory server is vendored by the release job
      "args": ["-y", "@modelcontextprotocol/server-memory"]
    },
    "fetch": { "command": "uvx", "args": ["mcp-server-fetch==2025.4.7"] },
    "docs": { "type": "http", "url": "http://docs.example.com/mcp" }
  }
}
`;

function mcpFindings(component: AiComponent): string[] {
  return propertyValues(component, 'mcp:findings');
}

describe('inventory: MCP servers with their findings', function () {
  this.timeout(30_000);
  let root: string;
  let bom: AiBom;
  let files: FileResult[];

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-posture-mcp-bom-'));
    fs.mkdirSync(path.join(root, '.vscode'));
    fs.writeFileSync(path.join(root, '.vscode', 'mcp.json'), MCP_JSON);
    const scan = await scanWorkspace(root, defaultConfig());
    files = scan.files;
    bom = withMcpFindingCounts(scan.bom, files);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('gives each server its transport, whether it is pinned, and the version when it is', () => {
    const github = find(bom, 'plugin', 'github');
    assert.equal(github.transport, 'stdio');
    assert.deepEqual(propertyValues(github, 'mcp:pinned'), ['false']);
    assert.equal(github.version, undefined);
    const fetch = find(bom, 'plugin', 'fetch');
    assert.deepEqual(propertyValues(fetch, 'mcp:pinned'), ['true']);
    assert.equal(fetch.version, '2025.4.7');
    assert.equal(find(bom, 'plugin', 'docs').transport, 'http');
  });

  it('spans the whole config entry, so a finding on an argument line counts for its server', () => {
    const github = find(bom, 'plugin', 'github');
    assert.deepEqual(github.occurrences, [{ path: '.vscode/mcp.json', line: 4, endLine: 10, evidence: 'config', symbol: 'github' }]);
    const finding = files.flatMap((file) => file.findings).find((entry) => entry.ruleId === 'AIP601' && !entry.suppression);
    assert.equal(finding?.range.start.line, 7, 'AIP601 is on the package argument, three lines below the name');
    assert.deepEqual(mcpFindings(github), ['1']);
  });

  it('counts unsuppressed findings only, and gives every MCP server a count (zero included)', () => {
    assert.deepEqual(mcpFindings(find(bom, 'plugin', 'memory')), ['0'], 'its AIP601 is suppressed');
    assert.deepEqual(mcpFindings(find(bom, 'plugin', 'fetch')), ['0']);
    const docs = find(bom, 'plugin', 'docs');
    const onDocs = files.flatMap((file) => file.findings).filter((entry) => entry.range.start.line === 16 && !entry.suppression);
    assert.ok(onDocs.length > 0, 'the plain-HTTP remote has a finding (AIP603)');
    assert.deepEqual(mcpFindings(docs), [String(onDocs.length)]);
  });

  it('counts again from scratch: one property, never two', () => {
    const again = withMcpFindingCounts(bom, []);
    assert.deepEqual(mcpFindings(find(again, 'plugin', 'github')), ['0']);
  });

  it('exports transport, pinning, version and finding count as CycloneDX properties', () => {
    const text = cycloneDxJson(bom, { workspaceName: 'mcp', toolVersion: '0.1.0', deterministic: true });
    const document: Json = JSON.parse(text);
    const validate = cycloneDxValidator();
    assert.ok(validate(document), JSON.stringify(validate.errors));
    const entry = (name: string): Json => [...document.components, ...(document.services ?? [])].find((item: Json) => item.name === name);
    const props = (item: Json) =>
      Object.fromEntries(
        (item.properties as Json[])
          .filter((p) => p.name.startsWith('ai-posture:mcp:') || p.name === 'ai-posture:transport')
          .map((p) => [p.name, p.value]),
      );
    assert.equal(entry('github').type, 'application');
    assert.deepEqual(props(entry('github')), {
      'ai-posture:transport': 'stdio',
      'ai-posture:mcp:client': 'vscode',
      'ai-posture:mcp:command': 'npx',
      [MCP_FINDINGS_PROPERTY]: '1',
      'ai-posture:mcp:package': '@modelcontextprotocol/server-github',
      'ai-posture:mcp:pinned': 'false',
      'ai-posture:mcp:transport': 'stdio',
    });
    assert.equal(entry('fetch').version, '2025.4.7');
    const docs = entry('docs');
    assert.ok(document.services.includes(docs), 'a remote server is a service');
    assert.equal(props(docs)[MCP_FINDINGS_PROPERTY], mcpFindings(find(bom, 'plugin', 'docs'))[0]);
  });
});

describe('inventory: what counts as a pinned MCP server', function () {
  this.timeout(30_000);

  it('is an exact version or an image digest, as AIP601 judges it; a moving version or tag is not', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-posture-mcp-pin-'));
    try {
      fs.writeFileSync(
        path.join(root, '.mcp.json'),
        JSON.stringify({
          mcpServers: {
            exact: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory@2025.4.25'] },
            major: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-everything@1'] },
            latest: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github@latest'] },
            tagged: { command: 'docker', args: ['run', '-i', 'mcp/fetch:1.0'] },
            digest: { command: 'docker', args: ['run', '-i', `ghcr.io/github/github-mcp-server@sha256:${'a'.repeat(64)}`] },
          },
        }),
      );
      const { bom } = await scanWorkspace(root, defaultConfig());
      const pinned = (server: string) => propertyValues(find(bom, 'plugin', server), 'mcp:pinned');
      assert.deepEqual(
        ['exact', 'major', 'latest', 'tagged', 'digest'].map((server) => [server, ...pinned(server)]),
        [
          ['exact', 'true'],
          ['major', 'false'],
          ['latest', 'false'],
          ['tagged', 'false'],
          ['digest', 'true'],
        ],
      );
      assert.equal(find(bom, 'plugin', 'major').version, '1', 'the written version is kept');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
