import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ParseError, parse as parseJsonc } from 'jsonc-parser';
import { parseAllDocuments } from 'yaml';
import { analyzeFile } from '../../server/src/engine/analyze';
import { defaultConfig } from '../../server/src/engine/config/config';
import { readBicep } from '../../server/src/engine/inventory/iacBicep';
import { readArmTemplate, readCloudFormation } from '../../server/src/engine/inventory/iacTemplates';
import { readTerraform } from '../../server/src/engine/inventory/iacTerraform';
import { withTree } from '../../server/src/engine/parse/treeSitter';

/**
 * The IaC rules' fixes give templates that still parse (tree-sitter HCL without error nodes, JSON
 * with comments without syntax errors, YAML without errors, Bicep read by the same reader), still
 * declare the same resources, and no longer carry the finding the fix was for.
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const OPTIONS = { throwOnRuleError: true, today: '2026-01-01' };

function fixedFixtures(): { ruleId: string; original: string; fixed: string }[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((dir) => /^aip8\d\d$/.test(dir))
    .flatMap((dir) =>
      fs
        .readdirSync(path.join(FIXTURES, dir))
        .filter((name) => name.includes('.fixed.'))
        .map((name) => ({
          ruleId: dir.toUpperCase(),
          fixed: path.join(FIXTURES, dir, name),
          original: path.join(FIXTURES, dir, name.replace('.fixed.', '.')),
        })),
    );
}

async function resourceTypes(file: string, text: string): Promise<string[]> {
  if (file.endsWith('.tf')) {
    const broken = await withTree('hcl', text, (tree) => tree.rootNode.hasError);
    assert.equal(broken, false, `${file} parses as HCL`);
    return (await readTerraform(text)).map((resource) => resource.type);
  }
  if (file.endsWith('.bicep')) return readBicep(text).map((resource) => resource.type);
  if (file.endsWith('.json')) {
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { allowTrailingComma: false });
    assert.deepEqual(errors, [], `${file} parses as JSON with comments`);
    return [...readArmTemplate(text), ...readCloudFormation(text, 'json')].map((resource) => resource.type);
  }
  assert.deepEqual(
    parseAllDocuments(text).flatMap((document) => ('errors' in document ? document.errors : [])),
    [],
    `${file} parses as YAML`,
  );
  return readCloudFormation(text, 'yaml').map((resource) => resource.type);
}

describe('IaC fixes parse back', () => {
  for (const { ruleId, original, fixed } of fixedFixtures()) {
    it(`${path.relative(FIXTURES, fixed)}`, async () => {
      const before = fs.readFileSync(original, 'utf8');
      const after = fs.readFileSync(fixed, 'utf8');
      assert.deepEqual(await resourceTypes(fixed, after), await resourceTypes(original, before));
      const fixable = async (text: string) =>
        (await analyzeFile({ path: path.basename(original), text }, defaultConfig(), OPTIONS)).findings.filter(
          (finding) => finding.ruleId === ruleId && finding.fix,
        ).length;
      // A filter both off and not blocking is fixed in two steps (one finding per filter).
      const [left, was] = [await fixable(after), await fixable(before)];
      assert.ok(was > 0 && left < was, `fixable findings ${was} → ${left}`);
    });
  }
});

describe('IaC model: values a rule may judge', () => {
  it('fixes the second weakness of a content filter on the second pass', async () => {
    const fixed = fs.readFileSync(path.join(FIXTURES, 'aip806', 'positive.fixed.tf'), 'utf8');
    const result = await analyzeFile({ path: 'positive.tf', text: fixed }, defaultConfig(), OPTIONS);
    assert.deepEqual(
      result.findings.filter((finding) => finding.ruleId === 'AIP806' && finding.fix).map((finding) => finding.fix?.title),
      ['Set block_enabled to true'],
    );
  });

  it('Terraform: locals are constants, variable defaults are defaults, repeated blocks are items', async () => {
    const text = [
      'variable "pna" {',
      '  default = true',
      '}',
      'locals {',
      '  kind = "OpenAI"',
      '}',
      'resource "aws_bedrock_guardrail" "g" {',
      '  kind = local.kind',
      '  pna  = var.pna',
      '  content_policy_config {',
      '    filters_config {',
      '      type = "HATE"',
      '    }',
      '    filters_config {',
      '      type = "PROMPT_ATTACK"',
      '    }',
      '  }',
      '}',
      'module "ai" {',
      '  source = "./ai"',
      '  sku    = "S0"',
      '}',
    ].join('\n');
    const [guardrail, module] = await readTerraform(text);
    assert.deepEqual(guardrail.known('kind')?.value, 'OpenAI');
    assert.equal(guardrail.known('pna'), undefined);
    assert.equal(guardrail.known('pna', { defaults: true })?.value, true);
    const types = guardrail.items('content_policy_config.filters_config').map((item) => item.get('type')?.value);
    assert.deepEqual(types, ['HATE', 'PROMPT_ATTACK']);
    assert.deepEqual([module.type, module.name, module.known('sku')?.value], ['module', 'ai', 'S0']);
  });

  it('Bicep: params, vars, arrays of objects, module calls', () => {
    const text = [
      "param sku string = 'S0'",
      "var kind = 'OpenAI'",
      "resource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = {",
      '  kind: kind',
      '  sku: {',
      '    name: sku',
      '  }',
      '  properties: {',
      "    allowedFqdnList: [ 'a.example.com', 'b.example.com' ]",
      '    networkAcls: {',
      '      ipRules: [',
      "        { value: '203.0.113.1' }",
      '      ]',
      '    }',
      '  }',
      '}',
      "module m 'm.bicep' = {",
      '  params: {',
      '    account: a.name',
      '  }',
      '}',
    ].join('\n');
    const [account, module] = readBicep(text);
    assert.equal(account.known('kind')?.value, 'OpenAI');
    assert.equal(account.known('sku.name'), undefined);
    assert.equal(account.known('sku.name', { defaults: true })?.value, 'S0');
    assert.deepEqual(
      account.items('properties.allowedFqdnList').map((item) => item.property.value),
      ['a.example.com', 'b.example.com'],
    );
    assert.equal(account.items('properties.networkAcls.ipRules')[0].get('value')?.value, '203.0.113.1');
    assert.equal(module.type, 'module');
    assert.equal(module.get('params.account')?.value, 'a.name');
  });

  it('Bicep: an expression closing a one-line array ends the element, not the array', () => {
    const text = [
      "resource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = {",
      "  tags: [ 'a', x.y ]",
      '  properties: {',
      '    disableLocalAuth: true',
      '  }',
      '}',
      "resource b 'Microsoft.Search/searchServices@2023-11-01' = {",
      "  name: 'b'",
      '}',
    ].join('\n');
    const [account, search] = readBicep(text);
    assert.deepEqual(
      account.items('tags').map((item) => item.property.value),
      ['a', 'x.y'],
    );
    assert.equal(account.known('properties.disableLocalAuth')?.value, true);
    assert.equal(search?.type, 'Microsoft.Search/searchServices');
  });

  it('ARM: parameters with defaultValue and variables; CloudFormation: Ref to a parameter Default, Sub without placeholders', () => {
    const arm = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      parameters: { pna: { type: 'string', defaultValue: 'Enabled' } },
      variables: { kind: 'OpenAI' },
      resources: [
        {
          type: 'Microsoft.CognitiveServices/accounts',
          kind: "[variables('kind')]",
          properties: { publicNetworkAccess: "[parameters('pna')]" },
        },
      ],
    });
    const [account] = readArmTemplate(arm);
    assert.equal(account.known('kind')?.value, 'OpenAI');
    assert.equal(account.known('properties.publicNetworkAccess'), undefined);
    assert.equal(account.known('properties.publicNetworkAccess', { defaults: true })?.value, 'Enabled');
    const cfn = [
      'Parameters:',
      '  Root:',
      '    Type: String',
      '    Default: Enabled',
      'Resources:',
      '  Nb:',
      '    Type: AWS::SageMaker::NotebookInstance',
      '    Properties:',
      '      RootAccess: !Ref Root',
      '      DirectInternetAccess: !Sub Disabled',
      '      RoleArn: !GetAtt Role.Arn',
      '      Tags:',
      '        - Key: team',
      '          Value: ml',
    ].join('\n');
    const [notebook] = readCloudFormation(cfn, 'yaml');
    assert.equal(notebook.known('Properties.RootAccess'), undefined);
    assert.equal(notebook.known('Properties.RootAccess', { defaults: true })?.value, 'Enabled');
    assert.equal(notebook.known('Properties.DirectInternetAccess')?.value, 'Disabled');
    assert.equal(notebook.known('Properties.RoleArn', { defaults: true }), undefined);
    assert.equal(notebook.items('Properties.Tags')[0].get('Value')?.value, 'ml');
  });
});
