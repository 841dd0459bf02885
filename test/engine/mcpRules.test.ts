import * as assert from 'node:assert/strict';
import { analyzeFile } from '../../server/src/engine/analyze';
import { defaultConfig } from '../../server/src/engine/config/config';
import { applyEdits } from '../../server/src/engine/fix';
import { readConfig } from '../../server/src/engine/parse/configDocument';

/** The MCP config rules' fixes on real-shaped files: the result still parses and keeps its comments. */
const VSCODE_MCP = `{
  // Team MCP servers.
  "servers": {
    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] },
    "fetch": { "command": "uvx", "args": ["mcp-server-fetch>=2025"] },
    "docs": { "type": "http", "url": "http://mcp.example.com/mcp" } // shared docs server
  }
}
`;

async function fixesOf(ruleId: string) {
  const result = await analyzeFile({ path: '.vscode/mcp.json', text: VSCODE_MCP }, defaultConfig(), { throwOnRuleError: true });
  return result.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => finding.fix);
}

describe('MCP config rule fixes', () => {
  it('AIP601 pins with a placeholder in place of the moving part, keeping comments', async () => {
    const fixes = await fixesOf('AIP601');
    assert.equal(fixes.length, 2);
    const fixed = applyEdits(
      VSCODE_MCP,
      fixes.flatMap((fix) => fix?.edits ?? []),
    ).text;
    assert.ok(fixed.includes('"@modelcontextprotocol/server-github@<version>"'));
    assert.ok(fixed.includes('"mcp-server-fetch==<version>"'));
    assert.ok(fixed.includes('// Team MCP servers.') && fixed.includes('// shared docs server'));
    assert.deepEqual(readConfig(fixed, 'json').errors, []);
    assert.ok(fixes.every((fix) => fix?.applicability === 'display-only'));
  });

  it('AIP603 rewrites only the scheme', async () => {
    const [fix] = await fixesOf('AIP603');
    const fixed = applyEdits(VSCODE_MCP, fix?.edits ?? []).text;
    assert.equal(fixed, VSCODE_MCP.replace('"http://mcp.example.com', '"https://mcp.example.com'));
  });
});
