import * as assert from 'node:assert/strict';
import { pluginFactsAt } from '../../../server/src/engine/inventory/pluginFacts';
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
    // Its inline instructions are a prompt the agent depends on (issue 8).
    assert.deepEqual(summary(bom), ['plugin Support Agent', 'prompt appPackage/declarativeAgent.json#instructions']);
    assert.deepEqual(propertyValues(bom.components[0], 'agent:capability'), ['OneDriveAndSharePoint', 'WebSearch']);
    assert.deepEqual(bom.components[0].dependsOn, ['prompt:appPackage/declarativeAgent.json#instructions']);
  });

  it('other JSON with plugin-like names is not a plugin', async () => {
    const bom = await inventoryOf({
      'eslint-plugin.json': '{ "name": "x", "rules": {} }',
      'manifest.json': '{ "schema_version": 2, "name": "chrome" }',
    });
    assert.deepEqual(summary(bom), []);
  });
  it('an OpenAI plugin is joined to the OpenAPI description its web server serves, beside the BOM', async () => {
    const manifest = {
      schema_version: 'v1',
      name_for_human: 'TODO List',
      name_for_model: 'todo',
      auth: { type: 'none' },
      api: { type: 'openapi', url: 'http://localhost:5003/openapi.yaml' },
    };
    const spec = 'openapi: 3.0.1\npaths:\n  /todos:\n    get:\n      operationId: getTodos\n    post:\n      operationId: addTodo\n';
    const bom = await inventoryOf({ '.well-known/ai-plugin.json': JSON.stringify(manifest, null, 2), 'openapi.yaml': spec });
    assert.deepEqual(summary(bom), ['plugin TODO List'], 'the description itself is no component');
    const plugin = find(bom, 'plugin', 'TODO List');
    assert.deepEqual(propertyValues(plugin, 'plugin:auth'), ['none']);
    assert.deepEqual(propertyValues(plugin, 'plugin:api-description'), ['openapi.yaml']);
    const runtime = pluginFactsAt(plugin.occurrences[0])?.runtimes?.[0];
    assert.deepEqual(runtime?.auth, { value: 'none', line: 6 });
    assert.deepEqual(runtime?.writeOperations, [{ method: 'POST', path: '/todos', operationId: 'addTodo' }]);
  });

  it('a declarative agent depends on the plugin manifests its actions name', async () => {
    const agent = {
      version: 'v1.4',
      name: 'Repairs agent',
      instructions: 'Help with repairs.',
      actions: [{ id: 'repairs', file: 'ai-plugin.json' }],
    };
    const plugin = { schema_version: 'v2.2', name_for_human: 'Repairs', namespace: 'repairs', runtimes: [] };
    const bom = await inventoryOf({
      'appPackage/declarativeAgent.json': JSON.stringify(agent),
      'appPackage/ai-plugin.json': JSON.stringify(plugin),
    });
    assert.deepEqual(find(bom, 'plugin', 'Repairs agent').dependsOn, ['plugin:manifest/appPackage/ai-plugin.json']);
  });
});
