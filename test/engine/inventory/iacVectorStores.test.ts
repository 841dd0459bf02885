import * as assert from 'node:assert/strict';
import type { AiBom } from '../../../server/src/engine/inventory/types';
import { inventoryOf } from './helpers';

/** Vector stores and retrievers that Bedrock knowledge bases use, declared next to them (Cloud Control provider, modules). */

const services = (bom: AiBom) =>
  bom.components
    .filter((component) => component.kind === 'service')
    .map((component) => `${component.ref} ${component.occurrences.map((occurrence) => `${occurrence.path}:${occurrence.line}`).join(',')}`)
    .sort();

describe('inventory: knowledge-base vector stores in IaC', () => {
  it('reads awscc knowledge bases by storage type or by store block, the OpenSearch Serverless module and Kendra indexes', async () => {
    const bom = await inventoryOf({
      'knowledge-base.tf': [
        'resource "awscc_bedrock_knowledge_base" "default" {',
        '  name     = "kb"',
        '  storage_configuration = {',
        '    type = "OPENSEARCH_SERVERLESS"',
        '    opensearch_serverless_configuration = {',
        '      collection_arn = module.oss.arn',
        '    }',
        '  }',
        '}',
        'resource "awscc_bedrock_knowledge_base" "mongo" {',
        '  storage_configuration = {',
        '    type = var.kb_storage_type',
        '    mongo_db_atlas_configuration = {',
        '      collection_name = var.collection_name',
        '    }',
        '  }',
        '}',
        'resource "awscc_bedrock_knowledge_base" "pinecone" {',
        '  storage_configuration = {',
        '    type = var.kb_storage_type',
        '    pinecone_configuration = {',
        '      connection_string = var.connection_string',
        '    }',
        '  }',
        '}',
      ].join('\n'),
      'opensearch.tf': ['module "oss_knowledgebase" {', '  source  = "aws-ia/opensearch-serverless/aws"', '  version = "0.0.5"', '}'].join(
        '\n',
      ),
      'kendra.tf': ['resource "awscc_kendra_index" "genai" {', '  edition = "GEN_AI_ENTERPRISE_EDITION"', '  name    = "idx"', '}'].join(
        '\n',
      ),
    });
    assert.deepEqual(services(bom), [
      'service:aws-bedrock knowledge-base.tf:1,knowledge-base.tf:10,knowledge-base.tf:18',
      'service:aws-kendra kendra.tf:1',
      'service:aws-opensearch-serverless knowledge-base.tf:4,opensearch.tf:1',
      'service:mongodb-atlas knowledge-base.tf:13',
      'service:pinecone knowledge-base.tf:21',
    ]);
  });

  it('near miss: other OpenSearch modules, a Mongo database outside a knowledge base and non-vector collections are not listed', async () => {
    const bom = await inventoryOf({
      'main.tf': [
        'module "search" {',
        '  source = "terraform-aws-modules/opensearch/aws"',
        '}',
        'resource "mongodbatlas_cluster" "app" {',
        '  name = "orders"',
        '}',
        'resource "awscc_opensearchserverless_collection" "logs" {',
        '  name = "logs"',
        '  type = "TIMESERIES"',
        '}',
        'resource "awscc_s3_bucket" "data" {',
        '  storage_configuration = { mongo_db_atlas_configuration = {} }',
        '}',
      ].join('\n'),
    });
    assert.deepEqual(services(bom), []);
  });
});
