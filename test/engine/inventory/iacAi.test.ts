import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { modelFromSetting } from '../../../server/src/engine/inventory/iac';
import { IAC_MODEL_LITERALS } from '../../../server/src/engine/inventory/prefilter';
import type { AiBom, AiComponent } from '../../../server/src/engine/inventory/types';
import { find, inventoryOf, propertyValues, summary } from './helpers';

const at = (component: AiComponent) =>
  component.occurrences.map((occurrence) => `${occurrence.path}:${occurrence.line} ${occurrence.symbol}`);
const kinds = (bom: AiBom, kind: AiComponent['kind']) => summary(bom).filter((line) => line.startsWith(`${kind} `));

/** Shaped like the aws-ia Bedrock module's examples and the Bedrock knowledge-base samples. */
const VARIABLES_TF = `variable "region" {
  type    = string
  default = "us-east-1"
}

variable "foundation_model" {
  description = "The foundation model for the agent"
  type        = string
  default     = "anthropic.claude-3-5-sonnet-20241022-v2:0"
}

variable "kb_embedding_model" {
  type    = string
  default = "amazon.titan-embed-text-v2:0"
}

variable "model_version" {
  default = "2024-05-13"
}

variable "model_path" {
  default = "./models/ranker"
}

variable "model" {
  default = "my-model"
}

variable "llm_model_name" {
  default = "llama3"
}
`;

const MAIN_TF = `locals {
  reranker_model_arn = "arn:aws:bedrock:us-west-2::foundation-model/cohere.rerank-v3-5:0"
  project            = "docs"
}

module "bedrock" {
  source                 = "aws-ia/bedrock/aws"
  version                = "0.0.20"
  create_agent           = true
  foundation_model       = var.foundation_model
  instruction            = "You are an automotive assistant who can provide detailed information about cars."
  kb_embedding_model_arn = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v1"
}

module "network" {
  source = "terraform-aws-modules/vpc/aws"
  name   = "model-vpc"
}

resource "aws_opensearchserverless_collection" "kb" {
  name = "kb-collection"
  type = "VECTORSEARCH"
}

resource "aws_opensearchserverless_collection" "logs" {
  name = "app-logs"
  type = "TIMESERIES"
}

resource "aws_bedrockagent_knowledge_base" "docs" {
  name     = "docs-kb"
  role_arn = aws_iam_role.kb.arn
  knowledge_base_configuration {
    type = "VECTOR"
    vector_knowledge_base_configuration {
      embedding_model_arn = "arn:aws:bedrock:\${data.aws_region.current.name}::foundation-model/amazon.titan-embed-text-v2:0"
    }
  }
  storage_configuration {
    type = "OPENSEARCH_SERVERLESS"
    opensearch_serverless_configuration {
      collection_arn    = aws_opensearchserverless_collection.kb.arn
      vector_index_name = "bedrock-knowledge-base-default-index"
    }
  }
}

resource "aws_bedrockagent_prompt" "summarize" {
  name            = "summarize"
  default_variant = "v1"
  variant {
    name          = "v1"
    model_id      = "amazon.nova-lite-v1:0"
    template_type = "TEXT"
    template_configuration {
      text {
        text = <<-EOT
          Summarize the following text in three sentences: {{input}}
        EOT
      }
    }
  }
}

resource "aws_bedrock_custom_model" "tuned" {
  custom_model_name     = "tuned-titan"
  job_name              = "tuned-titan-job"
  base_model_identifier = data.aws_bedrock_foundation_model.titan.model_arn
  role_arn              = aws_iam_role.custom.arn
  hyperparameters = {
    "epochCount" = "1"
  }
  output_data_config {
    s3_uri = "s3://contoso-bedrock-output/"
  }
  training_data_config {
    s3_uri = "s3://contoso-bedrock-training/train.jsonl"
  }
  validation_data_config {
    validator {
      s3_uri = "s3://\${aws_s3_bucket.validation.id}/validation.jsonl"
    }
  }
}

resource "pinecone_index" "docs" {
  name      = "docs"
  dimension = 1536
}
`;

describe('inventory: AI settings in infrastructure as code', () => {
  it('Terraform variables, locals and module arguments that name models; nothing for other variables', async () => {
    const bom = await inventoryOf({ 'infra/variables.tf': VARIABLES_TF, 'infra/main.tf': MAIN_TF });
    assert.deepEqual(kinds(bom, 'model'), [
      'model amazon.nova-lite-v1:0 (aws-bedrock)',
      'model amazon.titan-embed-text-v1 (aws-bedrock)',
      'model amazon.titan-embed-text-v2:0 (aws-bedrock)',
      'model anthropic.claude-3-5-sonnet-20241022-v2:0 (aws-bedrock)',
      'model cohere.rerank-v3-5:0 (aws-bedrock)',
    ]);
    const claude = find(bom, 'model', 'anthropic.claude-3-5-sonnet-20241022-v2:0');
    assert.deepEqual(at(claude), ['infra/variables.tf:9 var.foundation_model']);
    assert.deepEqual(propertyValues(claude, 'iac:declaration'), ['var.foundation_model']);
    assert.deepEqual(at(find(bom, 'model', 'cohere.rerank-v3-5:0')), ['infra/main.tf:2 local.reranker_model_arn']);
    // A knowledge base's embedding model, with the region interpolated into its ARN.
    assert.deepEqual(at(find(bom, 'model', 'amazon.titan-embed-text-v2:0')), [
      'infra/main.tf:36 aws_bedrockagent_knowledge_base',
      'infra/variables.tf:14 var.kb_embedding_model',
    ]);
    assert.deepEqual(at(find(bom, 'model', 'amazon.titan-embed-text-v1')), ['infra/main.tf:12 module']);
  });

  it('vector stores, agent instructions, prompt templates and training data', async () => {
    const bom = await inventoryOf({ 'infra/main.tf': MAIN_TF });
    assert.deepEqual(kinds(bom, 'service'), [
      'service Amazon Bedrock (aws-bedrock)',
      'service Amazon OpenSearch Serverless (vector store) (aws)',
      'service Pinecone (pinecone)',
    ]);
    assert.deepEqual(at(find(bom, 'service', 'Amazon OpenSearch Serverless (vector store)')), [
      'infra/main.tf:20 aws_opensearchserverless_collection',
      'infra/main.tf:40 aws_bedrockagent_knowledge_base',
    ]);
    const bedrock = find(bom, 'service', 'Amazon Bedrock');
    assert.ok(bedrock.dependsOn.includes('service:aws-opensearch-serverless'));
    assert.deepEqual(kinds(bom, 'prompt'), ['prompt infra/main.tf#bedrock.instruction', 'prompt infra/main.tf#summarize']);
    assert.deepEqual(at(find(bom, 'prompt', 'infra/main.tf#bedrock.instruction')), ['infra/main.tf:11 module']);
    const prompt = find(bom, 'prompt', 'infra/main.tf#summarize');
    assert.equal(prompt.sha256, createHash('sha256').update('Summarize the following text in three sentences: {{input}}\n').digest('hex'));
    assert.deepEqual(at(prompt), ['infra/main.tf:57 aws_bedrockagent_prompt']);
    assert.deepEqual(propertyValues(prompt, 'prompt:type'), ['agent-instructions']);
    // The output bucket is not data; an interpolated bucket cannot be named.
    assert.deepEqual(kinds(bom, 'dataset'), ['dataset s3://contoso-bedrock-training/train.jsonl (aws)']);
    assert.deepEqual(propertyValues(find(bom, 'dataset', 's3://contoso-bedrock-training/train.jsonl'), 'dataset:use'), ['training']);
  });

  it('instructions in variable defaults and per module argument, maps by index included; not in a template without AI', async () => {
    const variables = [
      'variable "supervisor_model_id" {',
      '  default = "anthropic.claude-3-sonnet-20240229-v1:0"',
      '}',
      'variable "supervisor_instructions" {',
      '  type    = string',
      '  default = <<-EOT',
      '    You are a supervisor agent. Route each request to the specialised agent best suited to it.',
      '  EOT',
      '}',
      'variable "child_agent_instructions" {',
      '  type    = map(string)',
      '  default = {',
      '    0 = "You are a data analysis agent. Answer with tables and short summaries of what you find."',
      '    1 = "You are a code generation agent. Write small, tested functions for the request you get."',
      '  }',
      '}',
      '',
    ].join('\n');
    const example = [
      'module "multi_agent_ai" {',
      '  source                  = "../.."',
      '  supervisor_model_id     = "anthropic.claude-3-opus-20240229-v1:0"',
      '  supervisor_instructions = "You are an enterprise supervisor agent. Delegate each part of a request to one agent."',
      '  child_agent_model_ids = {',
      '    0 = "anthropic.claude-3-haiku-20240307-v1:0"',
      '  }',
      '  child_agent_instructions = {',
      '    0 = "You are a customer support agent. Answer politely and escalate what you cannot solve."',
      '  }',
      '}',
      '',
    ].join('\n');
    const plain = [
      'variable "install_instructions" {',
      '  default = "Run the installer, then restart the service and check the logs for any errors you see."',
      '}',
      'resource "aws_s3_bucket" "logs" {',
      '  bucket = "logs"',
      '}',
      '',
    ].join('\n');
    const bom = await inventoryOf({ 'variables.tf': variables, 'examples/advanced/main.tf': example, 'ops/main.tf': plain });
    assert.deepEqual(kinds(bom, 'prompt'), [
      'prompt examples/advanced/main.tf#multi_agent_ai.child_agent_instructions',
      'prompt examples/advanced/main.tf#multi_agent_ai.supervisor_instructions',
      'prompt variables.tf#child_agent_instructions',
      'prompt variables.tf#supervisor_instructions',
    ]);
    assert.deepEqual(at(find(bom, 'prompt', 'variables.tf#child_agent_instructions')), ['variables.tf:13 child_agent_instructions']);
    assert.ok(kinds(bom, 'model').includes('model anthropic.claude-3-haiku-20240307-v1:0 (aws-bedrock)'));
  });

  it('keys of a Terraform map variable that catalogues models, with the value as version; not maps of tags, regions or prices', async () => {
    const variables = [
      'variable "openai_models" {',
      '  description = "The Azure OpenAI models to deploy."',
      '  type        = list(string)',
      '  default     = []',
      '}',
      'variable "openai_version_map" {',
      '  type = map(string)',
      '  default = {',
      '    "o1"          = "2024-12-17"',
      '    "gpt-4o"      = "2024-11-20"',
      '    "gpt-4o-mini" = "latest-ish"',
      '  }',
      '}',
      'variable "model_deployments" {',
      '  default = {',
      '    "text-embedding-3-large" = { version = "1", capacity = 10 }',
      '  }',
      '}',
      'variable "default_tags" {',
      '  default = { project = "gpt-4o", "gpt-4o" = "chat" }',
      '}',
      'variable "model_regions" {',
      '  default = { "gpt-4o" = "eastus2" }',
      '}',
      'variable "model_prices" {',
      '  default = { "gpt-4o" = "2.50", "o3-mini" = "1.10" }',
      '}',
      'variable "model_versions" {',
      '  default = { "chat" = "2024-11-20", "llama3" = "1" }',
      '}',
      '',
    ].join('\n');
    const bom = await inventoryOf({ 'variables.tf': variables });
    assert.deepEqual(kinds(bom, 'model'), [
      'model gpt-4o (azure-openai)',
      'model gpt-4o-mini (azure-openai)',
      'model o1 (azure-openai)',
      'model text-embedding-3-large (azure-openai)',
    ]);
    const gpt4o = find(bom, 'model', 'gpt-4o');
    assert.deepEqual(at(gpt4o), ['variables.tf:10 var.openai_version_map']);
    assert.deepEqual(propertyValues(gpt4o, 'model:version'), ['2024-11-20']);
    assert.deepEqual(propertyValues(find(bom, 'model', 'gpt-4o-mini'), 'model:version'), []);
    assert.deepEqual(propertyValues(find(bom, 'model', 'text-embedding-3-large'), 'model:version'), ['1']);
  });

  it('Azure OpenAI deployment names as Bicep parameter defaults; other deployment names are not models', async () => {
    const bicep = [
      "param azureChatGptDeploymentName string = 'chat'",
      "param azureEmbeddingDeploymentName string = 'embedding'",
      "param webAppDeploymentName string = 'frontend'",
      "module openAi 'core/ai/cognitiveservices.bicep' = {",
      "  name: 'openai'",
      '  params: {',
      '    deployments: [',
      '      {',
      '        name: azureChatGptDeploymentName',
      "        model: { format: 'OpenAI', name: 'gpt-4o-mini', version: '2024-07-18' }",
      '      }',
      '    ]',
      '  }',
      '}',
      '',
    ].join('\n');
    const plain = [
      "param chatDeploymentName string = 'chat'",
      "resource site 'Microsoft.Web/sites@2022-03-01' = {",
      "  name: 'web'",
      '}',
      '',
    ].join('\n');
    const bom = await inventoryOf({ 'infra/main.bicep': bicep, 'web/main.bicep': plain });
    const deployments = bom.components.filter((component) => propertyValues(component, 'model:deployment').includes('true'));
    assert.deepEqual(deployments.map((component) => `${component.name} ${at(component)[0]}`).sort(), [
      'chat infra/main.bicep:1 param azureChatGptDeploymentName',
      'embedding infra/main.bicep:2 param azureEmbeddingDeploymentName',
    ]);
  });

  it('Bicep parameters and CloudFormation parameter defaults; Azure ids of OpenAI shape are Azure OpenAI', async () => {
    const bom = await inventoryOf({
      'infra/main.bicep': [
        "param location string = 'eastus2'",
        "param chatModelName string = 'gpt-4o-mini'",
        "param chatModelVersion string = '2024-07-18'",
        "param embeddingModelName string = 'text-embedding-3-small'",
        "param chatDeploymentName string = 'chat'",
        "var modelFormat = 'OpenAI'",
        'param openAiDeployments array = [',
        '  {',
        '    model: {',
        "      name: 'text-embedding-ada-002'",
        "      version: '2'",
        '    }',
        "    sku: { name: 'Standard', capacity: 10 }",
        '  }',
        ']',
      ].join('\n'),
      'agent/template.yaml': [
        "AWSTemplateFormatVersion: '2010-09-09'",
        'Parameters:',
        '  ModelId:',
        '    Type: String',
        '    Default: us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        '  TableName:',
        '    Type: String',
        '    Default: sessions',
        'Resources:',
        '  Handler:',
        '    Type: AWS::Lambda::Function',
        '    Properties:',
        '      Environment:',
        '        Variables:',
        '          MODEL_ID: !Ref ModelId',
      ].join('\n'),
    });
    // The deployment name a parameter gives (`chatDeploymentName = 'chat'`) is how the app calls its model.
    assert.deepEqual(kinds(bom, 'model'), [
      'model chat (azure-openai)',
      'model gpt-4o-mini (azure-openai)',
      'model text-embedding-3-small (azure-openai)',
      'model text-embedding-ada-002 (azure-openai)',
      'model us.anthropic.claude-sonnet-4-5-20250929-v1:0 (aws-bedrock)',
    ]);
    assert.deepEqual(at(find(bom, 'model', 'gpt-4o-mini')), ['infra/main.bicep:2 param chatModelName']);
    assert.deepEqual(at(find(bom, 'model', 'text-embedding-ada-002')), ['infra/main.bicep:10 param openAiDeployments[0].model.name']);
    assert.deepEqual(at(find(bom, 'model', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0')), ['agent/template.yaml:5 Parameters.ModelId']);
  });

  it('model deployments in collection defaults and in parameters files (azd substitutions)', async () => {
    const bom = await inventoryOf({
      'terraform/variables.tf': [
        'variable "openai_deployments" {',
        '  type = list(object({ name = string, model = object({ name = string, version = string }) }))',
        '  default = [',
        '    {',
        '      name = "chat"',
        '      model = {',
        '        name    = "gpt-4.1"',
        '        version = "2025-04-14"',
        '      }',
        '    }',
        '  ]',
        '}',
        'variable "tags" {',
        '  default = { model = "none", owner = "ai-team" }',
        '}',
        'resource "azurerm_resource_group" "rg" {}',
      ].join('\n'),
      'infra/main.parameters.json': JSON.stringify(
        {
          $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
          contentVersion: '1.0.0.0',
          parameters: {
            environmentName: { value: `${'$'}{AZURE_ENV_NAME}` },
            chatModelName: { value: `${'$'}{AZURE_OPENAI_CHAT_MODEL=gpt-5-mini}` },
            embeddingModelName: { value: 'text-embedding-3-large' },
            embedModelVersion: { value: '1' },
          },
        },
        null,
        2,
      ),
    });
    assert.deepEqual(kinds(bom, 'model'), [
      'model gpt-4.1 (azure-openai)',
      'model gpt-5-mini (azure-openai)',
      'model text-embedding-3-large (azure-openai)',
    ]);
    assert.deepEqual(at(find(bom, 'model', 'gpt-4.1')), ['terraform/variables.tf:7 var.openai_deployments[0].model.name']);
    assert.deepEqual(at(find(bom, 'model', 'gpt-5-mini')), ["infra/main.parameters.json:9 parameters('chatModelName')"]);
  });

  it('CloudFormation agents, knowledge bases and vector collections', async () => {
    const bom = await inventoryOf({
      'template.yaml': [
        "AWSTemplateFormatVersion: '2010-09-09'",
        'Resources:',
        '  Collection:',
        '    Type: AWS::OpenSearchServerless::Collection',
        '    Properties:',
        '      Name: kb',
        '      Type: VECTORSEARCH',
        '  KnowledgeBase:',
        '    Type: AWS::Bedrock::KnowledgeBase',
        '    Properties:',
        '      Name: docs',
        '      KnowledgeBaseConfiguration:',
        '        Type: VECTOR',
        '        VectorKnowledgeBaseConfiguration:',
        `          EmbeddingModelArn: !Sub arn:${'$'}{AWS::Partition}:bedrock:${'$'}{AWS::Region}::foundation-model/cohere.embed-english-v3`,
        '      StorageConfiguration:',
        '        Type: OPENSEARCH_SERVERLESS',
        '  Agent:',
        '    Type: AWS::Bedrock::Agent',
        '    Properties:',
        '      AgentName: helper',
        '      FoundationModel: amazon.nova-pro-v1:0',
        '      Instruction: |',
        '        You help employees find HR policies. Cite the policy you used.',
      ].join('\n'),
    });
    assert.deepEqual(summary(bom), [
      'model amazon.nova-pro-v1:0 (aws-bedrock)',
      'model cohere.embed-english-v3 (aws-bedrock)',
      'service Amazon Bedrock (aws-bedrock)',
      'service Amazon OpenSearch Serverless (vector store) (aws)',
      'prompt template.yaml#Agent',
    ]);
  });

  it('every id a template setting accepts holds one of the one-pass literals (new releases included)', () => {
    const ids = [
      'gpt-5.1',
      'gpt-4.1-mini',
      'o3-mini',
      'claude-opus-4-5',
      'gemini-3-pro',
      'text-embedding-3-large',
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'amazon.nova-pro-v1:0',
      'meta.llama3-70b-instruct-v1:0',
      'cohere.embed-english-v3',
      'mistral.mistral-large-2407-v1:0',
      'arn:aws:bedrock:us-east-1::foundation-model/ai21.jamba-1-5-large-v1:0',
      'mistral-large-latest',
      'command-r-plus',
      'grok-4',
      'deepseek-reasoner',
      'voyage-3',
    ];
    for (const id of ids) {
      assert.ok(modelFromSetting(id), `${id} is a hosted model id`);
      assert.ok(
        IAC_MODEL_LITERALS.some((literal) => id.toLowerCase().includes(literal)),
        `${id} holds a gate literal`,
      );
    }
    for (const notModel of ['my-model', 'llama3', 'org/name', 'standard', '2024-05-13'])
      assert.equal(modelFromSetting(notModel), undefined);
  });
});
