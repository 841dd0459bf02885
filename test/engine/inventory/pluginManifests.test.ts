import * as assert from 'node:assert/strict';
import { find, inventoryOf, propertyValues, summary } from './helpers';

describe('inventory: AI plugin and agent manifests', () => {
  it('a Microsoft 365 Copilot API plugin, with a remote MCP runtime as its own plugin', async () => {
    const manifest = {
      $schema: 'https://developer.microsoft.com/json-schemas/copilot/plugin/v2.4/schema.json',
      schema_version: 'v2.4',
      name_for_human: 'Contoso Tickets',
      namespace: 'tickets',
      description_for_human: 'Tickets',
      functions: [{ name: 'getTicket' }, { name: 'closeTicket' }],
      runtimes: [
        { type: 'OpenApi', auth: { type: 'OAuthPluginVault', reference_id: 'x' }, spec: { url: 'apiSpecificationFile/openapi.yaml' } },
        { type: 'RemoteMCPServer', auth: { type: 'None' }, spec: { url: 'https://mcp.contoso.com/tickets' } },
      ],
    };
    const bom = await inventoryOf({ 'appPackage/ai-plugin.json': JSON.stringify(manifest, null, 2) });
    assert.deepEqual(summary(bom), ['plugin Contoso Tickets', 'plugin Contoso Tickets (MCP)']);
    const plugin = find(bom, 'plugin', 'Contoso Tickets');
    assert.deepEqual(propertyValues(plugin, 'plugin:type'), ['m365-api-plugin']);
    assert.deepEqual(propertyValues(plugin, 'plugin:functions'), ['2']);
    assert.deepEqual(propertyValues(plugin, 'plugin:runtime'), ['OpenApi', 'RemoteMCPServer']);
    assert.deepEqual(find(bom, 'plugin', 'Contoso Tickets (MCP)').endpoints, ['https://mcp.contoso.com']);
  });

  it('a declarative agent lists its capabilities', async () => {
    const agent = {
      $schema: 'https://developer.microsoft.com/json-schemas/copilot/declarative-agent/v1.4/schema.json',
      version: 'v1.4',
      name: 'Support Agent',
      description: 'Answers support questions',
      instructions: 'You answer questions about Contoso products.',
      capabilities: [{ name: 'WebSearch' }, { name: 'OneDriveAndSharePoint' }],
      actions: [{ id: 'tickets', file: 'ai-plugin.json' }],
    };
    const bom = await inventoryOf({ 'appPackage/declarativeAgent.json': JSON.stringify(agent) });
    assert.deepEqual(summary(bom), ['plugin Support Agent']);
    assert.deepEqual(propertyValues(bom.components[0], 'agent:capability'), ['OneDriveAndSharePoint', 'WebSearch']);
  });

  it('other JSON with plugin-like names is not a plugin', async () => {
    const bom = await inventoryOf({
      'eslint-plugin.json': '{ "name": "x", "rules": {} }',
      'manifest.json': '{ "schema_version": 2, "name": "chrome" }',
    });
    assert.deepEqual(summary(bom), []);
  });
});
