import * as assert from 'node:assert/strict';
import { readBicep } from '../../../server/src/engine/inventory/iacBicep';
import type { IacResource } from '../../../server/src/engine/inventory/iacResource';
import { readArmTemplate, readCloudFormation } from '../../../server/src/engine/inventory/iacTemplates';
import { readTerraform, terraformResources } from '../../../server/src/engine/inventory/iacTerraform';
import { withTree } from '../../../server/src/engine/parse/treeSitter';
import { LineIndex } from '../../../server/src/engine/text/lineIndex';
import type { Range } from '../../../server/src/engine/types';
import { grammarFor } from '../../../server/src/engine/workspace/fileKinds';

/** The text a range covers. */
function textAt(text: string, range: Range | undefined): string {
  assert.ok(range, 'a range');
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

function property(resource: IacResource | undefined, path: string) {
  const found = resource?.get(path);
  assert.ok(found, `property ${path}`);
  return found;
}

describe('IaC resource model', () => {
  it('Terraform: declaration, literal and expression attributes, nested blocks, all ranged', async () => {
    const text = [
      '# Azure OpenAI',
      'resource "azurerm_cognitive_account" "openai" {',
      '  name                  = "contoso-é-openai"',
      '  location              = azurerm_resource_group.main.location',
      '  local_auth_enabled    = false',
      '  dynamic_throttling    = 3',
      `  custom_subdomain_name = "\${var.prefix}-ai"`,
      '  network_acls {',
      '    default_action = "Allow"',
      '  }',
      '}',
    ].join('\n');
    const [account] = await readTerraform(text);
    assert.equal(account.format, 'terraform');
    assert.equal(account.type, 'azurerm_cognitive_account');
    assert.equal(account.name, 'openai');
    assert.equal(account.line, 2);
    assert.equal(textAt(text, account.declarationRange), 'resource "azurerm_cognitive_account" "openai"');
    assert.equal(account.range.end.line, 10);
    const name = property(account, 'name');
    assert.deepEqual(
      [name.kind, name.value, textAt(text, name.range), textAt(text, name.keyRange)],
      ['literal', 'contoso-é-openai', '"contoso-é-openai"', 'name'],
    );
    assert.deepEqual([property(account, 'local_auth_enabled').kind, property(account, 'local_auth_enabled').value], ['literal', false]);
    assert.equal(property(account, 'dynamic_throttling').value, 3);
    assert.deepEqual(
      [property(account, 'location').kind, property(account, 'location').value],
      ['expression', 'azurerm_resource_group.main.location'],
    );
    assert.equal(property(account, 'custom_subdomain_name').kind, 'expression');
    assert.equal(property(account, 'network_acls').kind, 'object');
    const action = property(account, 'Network_ACLs.Default_Action');
    assert.equal(textAt(text, action.range), '"Allow"');
    assert.equal(action.range.start.line, 8);
    assert.equal(account.literalString('custom_subdomain_name', 'name')?.value, 'contoso-é-openai');
  });

  it('Bicep: declaration, literals, expressions, objects and child resources, all ranged', () => {
    const text = [
      "resource account 'Microsoft.CognitiveServices/accounts@2023-05-01' = {",
      "  name: 'contoso-openai'",
      "  kind: 'OpenAI'",
      '  location: location',
      '  properties: {',
      '    disableLocalAuth: false',
      '    dynamicThrottlingEnabled: true',
      "    publicNetworkAccess: enabled ? 'Enabled' : 'Disabled'",
      "    allowedFqdnList: ['a.example.com']",
      '    restore: 2',
      '  }',
      "  resource chat 'deployments' = {",
      "    name: 'chat'",
      '  }',
      '}',
    ].join('\n');
    const resources = readBicep(text);
    const account = resources.find((resource) => resource.name === 'account');
    const chat = resources.find((resource) => resource.name === 'chat');
    assert.ok(account && chat);
    assert.equal(account.name, 'account');
    assert.equal(textAt(text, account.declarationRange), "resource account 'Microsoft.CognitiveServices/accounts@2023-05-01'");
    assert.equal(account.range.end.line, 14);
    const disable = property(account, 'properties.disableLocalAuth');
    assert.deepEqual(
      [disable.kind, disable.value, textAt(text, disable.range), textAt(text, disable.keyRange)],
      ['literal', false, 'false', 'disableLocalAuth'],
    );
    assert.equal(property(account, 'properties.restore').value, 2);
    const access = property(account, 'properties.publicNetworkAccess');
    assert.equal(access.kind, 'expression');
    assert.equal(access.value, "enabled ? 'Enabled' : 'Disabled'");
    assert.equal(property(account, 'properties.allowedFqdnList').kind, 'array');
    assert.equal(property(account, 'location').kind, 'expression');
    const properties = property(account, 'properties');
    assert.equal(properties.kind, 'object');
    assert.deepEqual([properties.range.start.line, properties.range.end.line], [4, 10]);
    assert.equal(chat.type, 'Microsoft.CognitiveServices/accounts/deployments');
    assert.equal(textAt(text, property(chat, 'name').range), "'chat'");
    assert.equal(account.get('name')?.value, 'contoso-openai', 'child resources do not leak into the parent');
  });

  it('ARM: the type member is the declaration; expressions stay expressions', () => {
    const text = JSON.stringify(
      {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        resources: [
          {
            type: 'Microsoft.CognitiveServices/accounts',
            name: "[parameters('name')]",
            kind: 'OpenAI',
            properties: { disableLocalAuth: false, customSubDomainName: 'contoso' },
          },
        ],
      },
      null,
      2,
    );
    const [account] = readArmTemplate(text);
    assert.equal(textAt(text, account.declarationRange), '"type": "Microsoft.CognitiveServices/accounts"');
    assert.equal(account.get('name')?.kind, 'expression');
    const disable = property(account, 'properties.disableLocalAuth');
    assert.deepEqual([disable.kind, disable.value, textAt(text, disable.range)], ['literal', false, 'false']);
    assert.equal(textAt(text, disable.keyRange), '"disableLocalAuth"');
    assert.equal(account.literalString('properties.customSubDomainName')?.value, 'contoso');
  });

  it('CloudFormation YAML and JSON: the logical id is the declaration; intrinsics are expressions', () => {
    const yaml = [
      'Resources:',
      '  Agent:',
      '    Type: AWS::Bedrock::Agent',
      '    Properties:',
      '      AgentName: !Ref Name',
      '      FoundationModel: anthropic.claude-3-5-sonnet-20240620-v1:0',
      '      IdleSessionTTLInSeconds: 600',
      '      Role:',
      '        Fn::GetAtt: [AgentRole, Arn]',
    ].join('\n');
    const [agent] = readCloudFormation(yaml, 'yaml');
    assert.equal(agent.name, 'Agent');
    assert.equal(textAt(yaml, agent.declarationRange), 'Agent');
    assert.equal(agent.line, 2);
    assert.equal(property(agent, 'properties.agentname').kind, 'expression');
    assert.equal(property(agent, 'Properties.Role').kind, 'expression');
    assert.equal(property(agent, 'Properties.IdleSessionTTLInSeconds').value, 600);
    const model = property(agent, 'Properties.FoundationModel');
    assert.equal(model.kind, 'literal');
    assert.equal(model.range.start.line, 5);

    const json = JSON.stringify(
      { Resources: { Agent: { Type: 'AWS::Bedrock::Agent', Properties: { AgentName: { Ref: 'Name' } } } } },
      null,
      2,
    );
    const [fromJson] = readCloudFormation(json, 'json');
    assert.equal(textAt(json, fromJson.declarationRange), '"Agent"');
    assert.equal(property(fromJson, 'Properties.AgentName').kind, 'expression');
  });

  it('Terraform files get the HCL grammar, so a rule reads the resources from its tree', async () => {
    assert.equal(grammarFor('terraform'), 'hcl');
    assert.equal(grammarFor('bicep'), undefined);
    const text = 'resource "aws_bedrockagent_agent" "a" {\n  foundation_model = "anthropic.claude-v2"\n}\n';
    const fromTree = await withTree('hcl', text, (tree) => terraformResources(tree, text));
    assert.deepEqual(fromTree, await readTerraform(text));
    assert.equal(fromTree[0].get('foundation_model')?.range.start.line, 1);
  });
});
