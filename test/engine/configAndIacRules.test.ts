import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeFile } from '../../server/src/engine/analyze';
import { defaultConfig } from '../../server/src/engine/config/config';
import { scanWorkspace } from '../../server/src/engine/scan';
import type { Finding } from '../../server/src/engine/types';

/**
 * AIP504 (agent settings) and AIP801 (Azure AI Services key access) through the whole pipeline:
 * the one-pass trigger prefilter must let settings files, Bicep, Terraform and ARM templates through
 * (a file whose triggers miss is never decoded), and the findings land where the fixtures say.
 */

const FILES: Record<string, string> = {
  '.vscode/settings.json': '{\n  // agent mode\n  "chat.tools.global.autoApprove": true,\n}\n',
  '.claude/settings.json': '{ "permissions": { "defaultMode": "bypassPermissions" } }\n',
  '.gemini/settings.json': '{ "mcpServers": { "s": { "command": "node", "args": ["s.js"], "trust": true } } }\n',
  '.roo/mcp.json': '{ "mcpServers": { "s": { "command": "node", "alwaysAllow": ["*"] } } }\n',
  'infra/main.bicep':
    "resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'x'\n  properties: {\n    disableLocalAuth: false\n  }\n}\n",
  'infra/main.tf': 'resource "azurerm_ai_services" "x" {\n  name = "x"\n}\n',
  'infra/azuredeploy.json': JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      resources: [{ type: 'Microsoft.CognitiveServices/accounts', name: 'x', properties: { customSubDomainName: 'x' } }],
    },
    null,
    2,
  ),
  // Settings that keep approvals on: read, but silent.
  'safe/.vscode/settings.json': '{ "chat.tools.global.autoApprove": false }\n',
};

function place(finding: Finding, file: string): string {
  return `${file}:${finding.range.start.line + 1}:${finding.ruleId}:${finding.messageId}`;
}

describe('config and IaC rules in a workspace scan', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-cfg-iac-'));
    for (const [relative, text] of Object.entries(FILES)) {
      const file = path.join(root, ...relative.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reports each risky setting and resource once, on its value or declaration', async () => {
    const scan = await scanWorkspace(root, defaultConfig(), { today: '2026-01-01' });
    const places = scan.files.flatMap((file) =>
      file.findings.filter((finding) => ['AIP504', 'AIP801'].includes(finding.ruleId)).map((finding) => place(finding, file.path)),
    );
    assert.deepEqual(places.sort(), [
      '.claude/settings.json:1:AIP504:claudeBypass',
      '.gemini/settings.json:1:AIP504:mcpTrust',
      '.roo/mcp.json:1:AIP504:mcpApproveAll',
      '.vscode/settings.json:3:AIP504:vscodeGlobal',
      'infra/azuredeploy.json:5:AIP801:missing',
      'infra/main.bicep:4:AIP801:enabled',
      'infra/main.tf:1:AIP801:missing',
    ]);
  });
});

describe('AIP801 values', () => {
  async function fixesOf(filePath: string, text: string) {
    const result = await analyzeFile({ path: filePath, text }, defaultConfig(), { throwOnRuleError: true, today: '2026-01-01' });
    return result.findings.filter((finding) => finding.ruleId === 'AIP801').map((finding) => finding.fix);
  }

  it('offers no insertion when the parent shares its line with other members', async () => {
    const text =
      "resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'x'\n  properties: { customSubDomainName: 'x' }\n}\n";
    assert.deepEqual(await fixesOf('main.bicep', text), [undefined]);
  });

  it('reads a Terraform string "false" as the boolean Terraform converts it to', async () => {
    const text = 'resource "azurerm_cognitive_account" "x" {\n  name               = "x"\n  local_auth_enabled = "false"\n}\n';
    assert.deepEqual(await fixesOf('main.tf', text), []);
  });

  it('does not replace a value that is not a boolean', async () => {
    const text = 'resource "azurerm_cognitive_account" "x" {\n  name               = "x"\n  local_auth_enabled = "yes"\n}\n';
    assert.deepEqual(await fixesOf('main.tf', text), [undefined]);
  });
});
