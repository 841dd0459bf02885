import * as assert from 'node:assert/strict';
import type { AiBom } from '../../../server/src/engine/inventory/types';
import { find, inventoryOf, propertyValues, summary } from './helpers';

const occurrences = (bom: AiBom, kind: 'model' | 'service' | 'prompt', name: string) =>
  find(bom, kind, name).occurrences.map((occurrence) => `${occurrence.path}:${occurrence.line} ${occurrence.symbol}`);

const TERRAFORM = `# Azure OpenAI for the support bot
resource "azurerm_cognitive_account" "openai" {
  name                  = "contoso-openai"
  location              = azurerm_resource_group.main.location
  resource_group_name   = azurerm_resource_group.main.name
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "contoso-openai"
  local_auth_enabled    = false
}

resource "azurerm_cognitive_deployment" "chat" {
  name                 = "chat"
  cognitive_account_id = azurerm_cognitive_account.openai.id
  model {
    format  = "OpenAI"
    name    = "gpt-4o"
    version = "2024-08-06"
  }
  sku {
    name = "Standard"
  }
}

resource "azurerm_cognitive_deployment" "llama" {
  name                 = "llama"
  cognitive_account_id = azurerm_ai_services.hub.id
  model {
    format = "Meta"
    name   = "Llama-3.3-70B-Instruct"
  }
  sku {
    name = "GlobalStandard"
  }
}

resource "azurerm_ai_services" "hub" {
  name                  = "contoso-hub"
  custom_subdomain_name = "\${var.prefix}-hub"
  sku_name              = "S0"
}

resource "azurerm_search_service" "search" {
  name = "contoso-search"
  sku  = "standard"
}

resource "azurerm_machine_learning_workspace" "ml" {
  name = "contoso-ml"
}

resource "aws_bedrockagent_agent" "support" {
  agent_name       = "support-agent"
  foundation_model = "anthropic.claude-3-5-sonnet-20240620-v1:0"
  instruction      = <<-EOT
    resource "aws_sagemaker_domain" "inside_a_heredoc" {}
  EOT
}

resource "aws_bedrock_provisioned_model_throughput" "titan" {
  provisioned_model_name = "titan"
  model_arn              = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1"
  model_units            = 1
}

resource "aws_sagemaker_endpoint" "ranker" {
  name                 = "ranker"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.ranker.name
}

resource "google_vertex_ai_endpoint" "chat" {
  name         = "chat"
  display_name = "chat"
  location     = "us-central1"
}

/*
resource "azurerm_cognitive_account" "old" {
  kind = "OpenAI"
}
*/
// resource "aws_bedrock_guardrail" "commented" {}
`;

const BICEP = `// resource old 'Microsoft.Search/searchServices@2023-11-01' = { name: 'old-search' }
@description('Name of the Azure OpenAI account')
param accountName string = 'contoso-support'

/* resource gone 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'gone'
} */

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: accountName
  location: resourceGroup().location
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {
    customSubDomainName: 'contoso-support'
    publicNetworkAccess: 'Enabled'
    disableLocalAuth: false
  }

  resource chat 'deployments@2024-10-01' = {
    name: 'chat'
    sku: {
      name: 'Standard'
      capacity: 10
    }
    properties: {
      model: {
        format: 'OpenAI'
        name: 'gpt-4o'
        version: '2024-08-06'
      }
    }
  }
}

resource embeddings 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: 'embeddings'
  properties: {
    model: { format: 'OpenAI', name: 'text-embedding-3-large', version: '1' }
  }
  dependsOn: [
    account::chat
  ]
}

resource dynamic 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: 'dynamic'
  properties: {
    model: { format: 'OpenAI', name: '\${modelPrefix}-mini' }
  }
}

resource search 'Microsoft.Search/searchServices@2023-11-01' = if (deploySearch) {
  name: 'contoso-search'
  location: location
  sku: { name: 'basic' }
}

resource workspaces 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = [for name in names: {
  name: name
  location: location
}]

resource shared 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: 'shared-ai'
  resource legacy 'deployments@2024-10-01' existing = {
    name: 'legacy'
  }
  resource summarize 'deployments@2024-10-01' = {
    name: 'summarize'
    properties: {
      model: {
        format: 'OpenAI'
        name: 'gpt-4o-mini'
      }
    }
  }
}

output endpoint string = account.properties.endpoint
`;

const ARM = JSON.stringify(
  {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { accountName: { type: 'string' } },
    resources: [
      {
        type: 'Microsoft.CognitiveServices/accounts',
        apiVersion: '2024-10-01',
        name: "[parameters('accountName')]",
        kind: 'AIServices',
        properties: { customSubDomainName: 'contoso-ai' },
        resources: [
          {
            type: 'deployments',
            apiVersion: '2024-10-01',
            name: 'o3-mini',
            dependsOn: ["[resourceId('Microsoft.CognitiveServices/accounts', parameters('accountName'))]"],
            properties: { model: { format: 'OpenAI', name: 'o3-mini', version: '2025-01-31' } },
          },
        ],
      },
      {
        type: 'Microsoft.CognitiveServices/accounts/deployments',
        apiVersion: '2024-10-01',
        name: "[concat(parameters('accountName'), '/phi')]",
        properties: { model: { format: 'Microsoft', name: 'Phi-4', version: "[parameters('phiVersion')]" } },
      },
      { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'contosodata', kind: 'StorageV2' },
    ],
  },
  null,
  2,
);

const CLOUDFORMATION = `AWSTemplateFormatVersion: '2010-09-09'
Description: Support agent
Parameters:
  ModelId:
    Type: String
Resources:
  SupportAgent:
    Type: AWS::Bedrock::Agent
    Properties:
      AgentName: !Ref AgentName
      FoundationModel: anthropic.claude-3-haiku-20240307-v1:0
      Instruction: Answer support questions.
  DynamicAgent:
    Type: AWS::Bedrock::Agent
    Properties:
      FoundationModel: !Ref ModelId
  KnowledgeBase:
    Type: AWS::Bedrock::KnowledgeBase
    Properties:
      Name: docs
  Endpoint:
    Type: AWS::SageMaker::Endpoint
    Properties:
      EndpointConfigName: !GetAtt Config.EndpointConfigName
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: support-docs
`;

describe('inventory: infrastructure as code', () => {
  it('Terraform: Azure accounts and deployments, Search, ML, Bedrock, SageMaker and Vertex AI', async () => {
    const bom = await inventoryOf({ 'infra/main.tf': TERRAFORM });
    assert.deepEqual(summary(bom), [
      'model Llama-3.3-70B-Instruct (azure-ai)',
      'model amazon.titan-text-express-v1 (aws-bedrock)',
      'model anthropic.claude-3-5-sonnet-20240620-v1:0 (aws-bedrock)',
      'model gpt-4o (azure-openai)',
      'service Amazon Bedrock (aws-bedrock)',
      'service Amazon SageMaker (aws)',
      'service Azure AI Search (azure)',
      'service Azure AI Services (azure-ai)',
      'service Azure Machine Learning (azure)',
      'service Azure OpenAI (azure-openai)',
      'service Google Vertex AI (google)',
      'prompt infra/main.tf#support',
    ]);
    // The agent's heredoc instruction is its prompt, not a resource.
    assert.deepEqual(occurrences(bom, 'prompt', 'infra/main.tf#support'), ['infra/main.tf:55 aws_bedrockagent_agent']);
    const gpt = find(bom, 'model', 'gpt-4o');
    assert.equal(gpt.ref, 'model:azure-openai/gpt-4o');
    assert.deepEqual(occurrences(bom, 'model', 'gpt-4o'), ['infra/main.tf:17 azurerm_cognitive_deployment']);
    assert.deepEqual(propertyValues(gpt, 'model:version'), ['2024-08-06']);
    assert.deepEqual(propertyValues(gpt, 'model:deployment-name'), ['chat']);
    assert.deepEqual(propertyValues(gpt, 'source'), ['iac']);
    assert.deepEqual(propertyValues(gpt, 'iac:format'), ['terraform']);
    assert.deepEqual(propertyValues(find(bom, 'model', 'Llama-3.3-70B-Instruct'), 'model:version'), []);

    const openai = find(bom, 'service', 'Azure OpenAI');
    assert.deepEqual(openai.endpoints, ['https://contoso-openai.openai.azure.com']);
    assert.deepEqual(occurrences(bom, 'service', 'Azure OpenAI'), ['infra/main.tf:2 azurerm_cognitive_account']);
    // An interpolated subdomain is not an endpoint.
    assert.deepEqual(find(bom, 'service', 'Azure AI Services').endpoints, []);
    assert.deepEqual(find(bom, 'service', 'Azure AI Search').endpoints, ['https://contoso-search.search.windows.net']);
    assert.deepEqual(occurrences(bom, 'service', 'Amazon Bedrock'), [
      'infra/main.tf:52 aws_bedrockagent_agent',
      'infra/main.tf:60 aws_bedrock_provisioned_model_throughput',
    ]);
    assert.deepEqual(occurrences(bom, 'model', 'anthropic.claude-3-5-sonnet-20240620-v1:0'), ['infra/main.tf:54 aws_bedrockagent_agent']);
    // Heredocs and comments do not declare resources.
    assert.deepEqual(occurrences(bom, 'service', 'Amazon SageMaker'), ['infra/main.tf:66 aws_sagemaker_endpoint']);
  });

  it('Bicep: accounts, nested and parented deployments, conditions and loops; comments and `existing` do not count', async () => {
    const bom = await inventoryOf({ 'infra/main.bicep': BICEP });
    assert.deepEqual(summary(bom), [
      'model gpt-4o (azure-openai)',
      'model gpt-4o-mini (azure-openai)',
      'model text-embedding-3-large (azure-openai)',
      'service Azure AI Search (azure)',
      'service Azure Machine Learning (azure)',
      'service Azure OpenAI (azure-openai)',
    ]);
    assert.deepEqual(occurrences(bom, 'service', 'Azure OpenAI'), ['infra/main.bicep:9 Microsoft.CognitiveServices/accounts']);
    assert.deepEqual(find(bom, 'service', 'Azure OpenAI').endpoints, ['https://contoso-support.openai.azure.com']);
    assert.deepEqual(occurrences(bom, 'model', 'gpt-4o'), ['infra/main.bicep:29 Microsoft.CognitiveServices/accounts/deployments']);
    assert.deepEqual(propertyValues(find(bom, 'model', 'gpt-4o'), 'model:deployment-name'), ['chat']);
    assert.deepEqual(propertyValues(find(bom, 'model', 'gpt-4o'), 'iac:format'), ['bicep']);
    assert.deepEqual(occurrences(bom, 'model', 'text-embedding-3-large'), [
      'infra/main.bicep:40 Microsoft.CognitiveServices/accounts/deployments',
    ]);
    // A deployment declared inside an `existing` account counts; the account itself is declared elsewhere.
    assert.deepEqual(occurrences(bom, 'model', 'gpt-4o-mini'), ['infra/main.bicep:76 Microsoft.CognitiveServices/accounts/deployments']);
    assert.deepEqual(occurrences(bom, 'service', 'Azure AI Search'), ['infra/main.bicep:55 Microsoft.Search/searchServices']);
    assert.deepEqual(find(bom, 'service', 'Azure AI Search').endpoints, ['https://contoso-search.search.windows.net']);
    assert.deepEqual(occurrences(bom, 'service', 'Azure Machine Learning'), [
      'infra/main.bicep:61 Microsoft.MachineLearningServices/workspaces',
    ]);
  });

  it('ARM templates: nested and top-level deployments; expressions are not literals', async () => {
    const bom = await inventoryOf({ 'infra/azuredeploy.json': ARM });
    assert.deepEqual(summary(bom), ['model Phi-4 (azure-ai)', 'model o3-mini (azure-openai)', 'service Azure AI Services (azure-ai)']);
    assert.deepEqual(find(bom, 'service', 'Azure AI Services').endpoints, ['https://contoso-ai.cognitiveservices.azure.com']);
    const o3 = find(bom, 'model', 'o3-mini');
    assert.deepEqual(propertyValues(o3, 'model:version'), ['2025-01-31']);
    assert.deepEqual(propertyValues(o3, 'iac:format'), ['arm']);
    assert.deepEqual(propertyValues(o3, 'iac:resource'), ['Microsoft.CognitiveServices/accounts/deployments']);
    const phi = find(bom, 'model', 'Phi-4');
    assert.deepEqual(propertyValues(phi, 'model:version'), []);
    assert.deepEqual(propertyValues(phi, 'model:deployment-name'), []);
    const line = ARM.split('\n').findIndex((text) => text.includes('"name": "Phi-4"')) + 1;
    assert.deepEqual(occurrences(bom, 'model', 'Phi-4'), [
      `infra/azuredeploy.json:${line} Microsoft.CognitiveServices/accounts/deployments`,
    ]);
  });

  it('CloudFormation in YAML and JSON: Bedrock agents and SageMaker; intrinsics are not literals', async () => {
    const json = JSON.stringify(
      {
        Resources: {
          Agent: {
            Type: 'AWS::Bedrock::Agent',
            Properties: { AgentName: { Ref: 'Name' }, FoundationModel: 'amazon.nova-pro-v1:0' },
          },
          Notebook: { Type: 'AWS::SageMaker::NotebookInstance', Properties: { InstanceType: 'ml.t3.medium' } },
        },
      },
      null,
      2,
    );
    const bom = await inventoryOf({ 'template.yaml': CLOUDFORMATION, 'stack.json': json });
    assert.deepEqual(summary(bom), [
      'model amazon.nova-pro-v1:0 (aws-bedrock)',
      'model anthropic.claude-3-haiku-20240307-v1:0 (aws-bedrock)',
      'service Amazon Bedrock (aws-bedrock)',
      'service Amazon SageMaker (aws)',
      'prompt template.yaml#SupportAgent',
    ]);
    assert.deepEqual(occurrences(bom, 'model', 'anthropic.claude-3-haiku-20240307-v1:0'), ['template.yaml:11 AWS::Bedrock::Agent']);
    assert.deepEqual(occurrences(bom, 'model', 'amazon.nova-pro-v1:0'), ['stack.json:9 AWS::Bedrock::Agent']);
    assert.deepEqual(occurrences(bom, 'service', 'Amazon Bedrock'), [
      'stack.json:3 AWS::Bedrock::Agent',
      'template.yaml:7 AWS::Bedrock::Agent',
      'template.yaml:13 AWS::Bedrock::Agent',
      'template.yaml:17 AWS::Bedrock::KnowledgeBase',
    ]);
    assert.deepEqual(propertyValues(find(bom, 'service', 'Amazon SageMaker'), 'iac:format'), ['cloudformation']);
  });

  it('non-AI infrastructure produces nothing', async () => {
    const bom = await inventoryOf({
      'infra/storage.tf': [
        'resource "azurerm_storage_account" "data" {',
        '  name = "contosodata"',
        '  account_kind = "StorageV2"',
        '}',
        'resource "aws_s3_bucket" "docs" {',
        '  bucket = "azurerm_cognitive_account"',
        '}',
        '# resource "azurerm_cognitive_account" "x" { kind = "OpenAI" }',
        '',
      ].join('\n'),
      'infra/web.bicep': [
        "resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {",
        "  name: 'plan'",
        "  sku: { name: 'B1' }",
        '}',
        "resource app 'Microsoft.Web/sites@2023-12-01' = {",
        "  name: 'contoso-web'",
        "  properties: { serverFarmId: plan.id, siteConfig: { appSettings: [ { name: 'KIND', value: 'Microsoft.CognitiveServices/accounts' } ] } }",
        '}',
        '',
      ].join('\n'),
      'infra/storage.json': JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        resources: [{ type: 'Microsoft.Storage/storageAccounts', name: 'data', kind: 'StorageV2' }],
      }),
      'infra/bucket.yaml': 'Resources:\n  Docs:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: AWS::Bedrock::Agent\n',
      // Not a CloudFormation template: a plain YAML file that happens to mention a type.
      'notes.yaml': 'types:\n  - AWS::Bedrock::Agent\n',
    });
    assert.deepEqual(summary(bom), []);
  });

  it('never takes interpolated or malformed values as names', async () => {
    const bom = await inventoryOf({
      'a.bicep': `resource a 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  kind: 'OpenAI'\n  properties: {\n    customSubDomainName: '\${prefix}-ai'\n  }\n`,
      'b.tf': `resource "azurerm_cognitive_deployment" "d" {\n  model {\n    name = "\${var.model}"\n  }\n}\n`,
    });
    assert.deepEqual(summary(bom), ['service Azure OpenAI (azure-openai)']);
    assert.deepEqual(find(bom, 'service', 'Azure OpenAI').endpoints, []);
  });
});

describe('AI-BOM from IaC: parameter and variable defaults', () => {
  it('Bicep: the model, version and region come from literal parameter defaults and vars', async () => {
    const bicep = [
      "param location string = 'swedencentral'",
      "param modelName string = 'gpt-4o-mini'",
      "var modelVersion = '2024-07-18'",
      'param accountName string',
      "resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {",
      '  name: accountName',
      '  location: location',
      "  kind: 'OpenAI'",
      "  resource chat 'deployments@2024-10-01' = {",
      "    name: 'chat'",
      '    properties: {',
      "      model: { format: 'OpenAI', name: modelName, version: modelVersion }",
      '    }',
      '  }',
      '}',
    ].join('\n');
    const bom = await inventoryOf({ 'infra/main.bicep': bicep });
    const model = find(bom, 'model', 'gpt-4o-mini');
    assert.deepEqual(propertyValues(model, 'model:version'), ['2024-07-18']);
    assert.deepEqual(propertyValues(find(bom, 'service', 'Azure OpenAI'), 'iac:region'), ['swedencentral']);
  });

  it('Terraform: variable defaults in the same file name the model; a variable without a default names nothing', async () => {
    const terraform = [
      'variable "model" {',
      '  type    = string',
      '  default = "gpt-4.1"',
      '}',
      'variable "other" {',
      '  type = string',
      '}',
      'resource "azurerm_cognitive_deployment" "chat" {',
      '  name                 = "chat"',
      '  cognitive_account_id = azurerm_cognitive_account.openai.id',
      '  model {',
      '    format  = "OpenAI"',
      '    name    = var.model',
      '    version = "2025-04-14"',
      '  }',
      '}',
      'resource "azurerm_cognitive_deployment" "other" {',
      '  name                 = "other"',
      '  cognitive_account_id = azurerm_cognitive_account.openai.id',
      '  model {',
      '    format = "OpenAI"',
      '    name   = var.other',
      '  }',
      '}',
    ].join('\n');
    const bom = await inventoryOf({ 'main.tf': terraform });
    assert.deepEqual(
      summary(bom).filter((entry) => entry.startsWith('model')),
      ['model gpt-4.1 (azure-openai)'],
    );
    assert.deepEqual(propertyValues(find(bom, 'model', 'gpt-4.1'), 'model:version'), ['2025-04-14']);
  });

  it('azapi_resource: an ARM deployment declared from Terraform feeds the BOM like ARM', async () => {
    const terraform = [
      'resource "azapi_resource" "chat" {',
      '  type      = "Microsoft.CognitiveServices/accounts/deployments@2024-10-01"',
      '  name      = "chat"',
      '  parent_id = azapi_resource.account.id',
      '  body = {',
      '    properties = {',
      '      model = { format = "OpenAI", name = "gpt-4o", version = "2024-11-20" }',
      '    }',
      '  }',
      '}',
    ].join('\n');
    const bom = await inventoryOf({ 'main.tf': terraform });
    assert.deepEqual(propertyValues(find(bom, 'model', 'gpt-4o'), 'model:version'), ['2024-11-20']);
  });
});
