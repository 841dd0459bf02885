import * as assert from 'node:assert/strict';
import { fileKindOf } from '../../../server/src/engine/workspace/fileKinds';
import { inventoryOf, refsOf, summary } from './helpers';

/** Model ids by family pattern (Mistral's spellings), in `.env` templates, and behind a provider prefix. */

describe('inventory: Mistral model spellings and provider-prefixed ids', () => {
  it('recognises Mistral families by pattern, including new releases and dated ids', async () => {
    const bom = await inventoryOf({
      'chat.py': [
        'from mistralai import Mistral',
        'client = Mistral(api_key=key)',
        'a = client.chat.complete(model="open-mixtral-8x7b", messages=m)',
        'b = client.chat.complete(model="open-codestral-mamba", messages=m)',
        'c = client.chat.complete(model="magistral-medium-2509", messages=m)',
        'd = client.chat.complete(model="devstral-small-latest", messages=m)',
        'e = client.chat.complete(model="voxtral-mini-2507", messages=m)',
        'f = client.ocr.process(model="mistral-document-ai-2512", document=doc)',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'model'), [
      'model:mistral/devstral-small-latest',
      'model:mistral/magistral-medium-2509',
      'model:mistral/mistral-document-ai-2512',
      'model:mistral/open-codestral-mamba',
      'model:mistral/open-mixtral-8x7b',
      'model:mistral/voxtral-mini-2507',
    ]);
  });

  it('reads `.env` templates written without the dot, and drops a stray quote from a value', async () => {
    assert.equal(fileKindOf('samples/env.example'), 'dotenv');
    assert.equal(fileKindOf('samples/env.examples'), 'dotenv');
    const bom = await inventoryOf({
      'foundry/env.example': [
        'AZURE_AI_DEPLOYMENT_NAME=Mistral-Large-3',
        'AZURE_AI_QNA_MODEL=mistral-small-2503-1"',
        'MISTRAL_MODEL_NAME=mistral-medium-3-5',
      ].join('\n'),
    });
    assert.deepEqual(summary(bom), [
      'model Mistral-Large-3 (azure-ai)',
      'model mistral-medium-3-5 (mistral)',
      'model mistral-small-2503-1 (azure-ai)',
    ]);
  });

  it('near miss: the word mistral, a Hub repository and a model setting without a value are no Mistral API models', async () => {
    assert.equal(fileKindOf('docs/environment.md'), 'markdown');
    assert.equal(fileKindOf('env.py'), 'python');
    const bom = await inventoryOf({
      'env.example': 'MISTRAL_MODEL_NAME=\nMISTRAL_API_URL=https://example.org\n',
      'notes.py': ['from mistralai import Mistral', 'mistral_model = None', 'print("mistral is fast")', 'label = "mistral"'].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'model'), []);
  });

  it('reads `provider:model` ids an agent framework takes as its first argument', async () => {
    const bom = await inventoryOf({
      'agents.py': [
        'from pydantic_ai import Agent',
        'fast = Agent("groq:llama-3.3-70b-versatile")',
        'smart = Agent("openai:gpt-5-mini", instructions="Be brief.")',
        'sql = Agent("google:gemini-3-flash-preview")',
        'local = Agent("llama3:latest")',
      ].join('\n'),
      'compare.py': [
        'import logfire',
        'from agents_module import time_range_agent',
        'time_range_agent.override(model="openai:gpt-5.1")',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'model'), [
      'model:google/gemini-3-flash-preview',
      'model:groq/llama-3.3-70b-versatile',
      'model:openai/gpt-5-mini',
      'model:openai/gpt-5.1',
    ]);
  });

  it('near miss: a table keyed by `provider:model` ids is no use of those models', async () => {
    const bom = await inventoryOf({
      'utils.py': [
        'from langchain.chat_models import init_chat_model',
        'MODEL_TOKEN_LIMITS = {"openai:gpt-4o": 128000, "anthropic:claude-sonnet-4": 200000, "groq:llama-3.3-70b-versatile": 131072}',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'model'), []);
  });
});
