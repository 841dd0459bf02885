import * as assert from 'node:assert/strict';
import { inventoryOf } from './helpers';

/** The ids of the services listed (`service:aws-bedrock` → `aws-bedrock`). */
const services = (bom: Awaited<ReturnType<typeof inventoryOf>>) =>
  bom.components.filter((component) => component.kind === 'service').map((component) => component.ref.slice('service:'.length));

describe('inventory: services of RAG apps', () => {
  it('boto3 Bedrock clients named by keyword, not other AWS clients', async () => {
    const bom = await inventoryOf({
      'bedrock.py': [
        'import boto3',
        'runtime = boto3.client(service_name="bedrock-runtime", region_name="us-west-2")',
        's3 = boto3.client(service_name="s3")',
      ].join('\n'),
      'storage.py': ['import boto3', 's3 = boto3.client(service_name="s3")'].join('\n'),
    });
    assert.deepEqual(services(bom), ['aws-bedrock']);
  });

  it('LangChain community Bedrock classes, legacy LlamaIndex Anthropic and Replicate, Metaphor search tools', async () => {
    const bom = await inventoryOf({
      'helpers.py': [
        'from langchain_community.embeddings import BedrockEmbeddings',
        'e = BedrockEmbeddings(model_id="amazon.titan-embed-text-v2:0")',
      ].join('\n'),
      'llms.py': ['from llama_index.llms import Anthropic, Replicate', 'a = Anthropic(model="claude-2")', 'r = Replicate(model=name)'].join(
        '\n',
      ),
      'tools.py': ['from llama_hub.tools.metaphor.base import MetaphorToolSpec', 'tool = MetaphorToolSpec(api_key=key)'].join('\n'),
    });
    const ids = services(bom);
    for (const id of ['anthropic', 'aws-bedrock', 'exa', 'replicate']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
  });

  it('Streamlit secrets named for a provider key, not other secrets', async () => {
    const bom = await inventoryOf({
      'app.py': [
        'import os',
        'import streamlit as st',
        'from llama_index.agent import OpenAIAgent',
        'os.environ["ANTHROPIC_API_KEY"] = st.secrets.anthropic_key',
        'token = st.secrets["REPLICATE_API_TOKEN"]',
        'db = st.secrets.get("database_url")',
        'password = st.secrets.db_password',
      ].join('\n'),
    });
    assert.deepEqual(services(bom), ['anthropic', 'replicate']);
  });
});
