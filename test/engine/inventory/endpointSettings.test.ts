import * as assert from 'node:assert/strict';
import type { AiBom } from '../../../server/src/engine/inventory/types';
import { inventoryOf } from './helpers';

/** `kind ref path:line,…` of every model and service. */
function entries(bom: AiBom): string[] {
  return bom.components
    .filter((component) => component.kind === 'model' || component.kind === 'service')
    .map((component) => `${component.ref} ${component.occurrences.map((entry) => `${entry.path}:${entry.line}`).join(',')}`);
}

describe('inventory: the service an OpenAI-compatible client reaches by its endpoint setting', () => {
  it('lists Azure OpenAI (or a local server) for a client given its endpoint setting, in Python and TypeScript', async () => {
    const bom = await inventoryOf({
      'app.py': [
        'import os',
        'from openai import OpenAI',
        'from langchain_openai import ChatOpenAI',
        'client = OpenAI(base_url=os.environ["AZURE_OPENAI_ENDPOINT"] + "/openai/v1/", api_key=os.environ["AZURE_OPENAI_API_KEY"])',
        'llm = ChatOpenAI(model="gpt-4o", openai_api_base=settings.azure_openai_endpoint)',
        'local = ChatOpenAI(model="meta-llama/Llama-3.1-8B-Instruct", openai_api_base=os.environ["VLLM_OPENAI_API_BASE"])',
      ].join('\n'),
      'src/llm.ts': [
        "import { ChatOpenAI } from '@langchain/openai'",
        "export const llm = new ChatOpenAI({ model: 'gpt-4o-mini', configuration: { baseURL: process.env.AZURE_OPENAI_ENDPOINT } })",
      ].join('\n'),
    });
    assert.deepEqual(entries(bom), [
      'model:azure-openai/gpt-4o app.py:5',
      'model:azure-openai/gpt-4o-mini src/llm.ts:2',
      'model:vllm/meta-llama/Llama-3.1-8B-Instruct app.py:6',
      'service:azure-openai app.py:4,app.py:5,src/llm.ts:2',
      'service:vllm app.py:6',
    ]);
  });

  it('lists Azure OpenAI alone for a client whose address template fixes an Azure OpenAI host', async () => {
    const bom = await inventoryOf({
      'app.py': [
        'import os',
        'from openai import OpenAI',
        'client = OpenAI(base_url=f"https://{os.getenv(\'AZURE_OPENAI_SERVICE\')}.openai.azure.com/openai/v1", api_key=key)',
      ].join('\n'),
      'src/llm.ts': [
        "import OpenAI from 'openai'",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the source under test writes a template
        'export const client = new OpenAI({ baseURL: `https://${resource}.openai.azure.com/openai/v1` })',
      ].join('\n'),
    });
    assert.deepEqual(
      entries(bom).map((entry) => entry.split(' ')[0]),
      ['service:azure-openai'],
    );
  });

  it('keeps OpenAI for a template of an unknown host', async () => {
    const bom = await inventoryOf({
      'app.py': ['from openai import OpenAI', 'client = OpenAI(base_url=f"https://{host}/v1")'].join('\n'),
    });
    assert.deepEqual(
      entries(bom).map((entry) => entry.split(' ')[0]),
      ['service:openai'],
    );
  });

  it('keeps OpenAI for a key alone, an OpenAI base URL setting, or an Azure name outside the endpoint', async () => {
    const bom = await inventoryOf({
      'app.py': [
        'import os',
        'from openai import OpenAI',
        'a = OpenAI(api_key=os.environ["AZURE_OPENAI_API_KEY"])',
        'b = OpenAI(base_url=os.environ["OPENAI_BASE_URL"])',
        'c = OpenAI(default_headers={"x-origin": AZURE_OPENAI_ENDPOINT})',
      ].join('\n'),
    });
    assert.deepEqual(entries(bom), ['service:openai app.py:3,app.py:4,app.py:5']);
  });
});

describe('inventory: Vertex AI publisher model resource names', () => {
  it('lists the model of a publisher resource name, and no other Google Cloud resource', async () => {
    const bom = await inventoryOf({
      'rag.py': [
        'from vertexai.preview import rag',
        'a = rag.EmbeddingModelConfig(publisher_model="publishers/google/models/text-embedding-004")',
        'b = rag.VertexPredictionEndpoint(publisher_model="projects/p/locations/us-central1/publishers/google/models/text-embedding-005")',
        'c = rag.VertexPredictionEndpoint(endpoint="projects/p/locations/us-central1/endpoints/12345")',
        'd = rag.EmbeddingModelConfig(publisher_model="projects/p/locations/l/endpoints/12345")',
      ].join('\n'),
    });
    assert.deepEqual(entries(bom), ['model:google/text-embedding-004 rag.py:2', 'model:google/text-embedding-005 rag.py:3']);
  });
});
