import * as assert from 'node:assert/strict';
import { find, inventoryOf, namesOf, propertyValues, refsOf, summary } from './helpers';

/** Services an SDK implies, vector stores and rerankers reached through framework classes, and catalogue gaps. */

describe('inventory: services an SDK implies', () => {
  it('lists OpenAI for the Agents SDK and ChatKit, with the manifest and import lines', async () => {
    const bom = await inventoryOf({
      'backend/requirements.txt': 'openai-agents==0.4.0\nopenai-chatkit>=1.0\nfastapi\n',
      'backend/agents_app.py': [
        'from agents import Agent, Runner',
        'from chatkit.server import ChatKitServer',
        'triage = Agent(name="Triage", instructions="Route the customer.")',
      ].join('\n'),
      'ui/package.json': JSON.stringify({ dependencies: { '@openai/chatkit-react': '^1.0.0', '@openai/chatkit': '^1.0.0', react: '^19' } }),
      'ui/panel.tsx': "import { ChatKit, useChatKit } from '@openai/chatkit-react';\n",
    });
    assert.ok(find(bom, 'sdk', 'openai-chatkit'));
    assert.ok(find(bom, 'sdk', '@openai/chatkit-react'));
    assert.deepEqual(refsOf(bom, 'service'), ['service:openai']);
    const openai = find(bom, 'service', 'OpenAI API');
    assert.deepEqual(
      [...new Set(openai.occurrences.map((entry) => `${entry.path}:${entry.line}:${entry.evidence}`))],
      [
        'backend/agents_app.py:1:import',
        'backend/agents_app.py:2:import',
        'backend/requirements.txt:1:manifest',
        'backend/requirements.txt:2:manifest',
        'ui/package.json:1:manifest',
        'ui/panel.tsx:1:import',
      ],
    );
    // `@openai/chatkit` is declared but never imported: it shows no use of its own.
    assert.deepEqual(propertyValues(openai, 'service:implied-by'), ['@openai/chatkit-react', 'openai-agents', 'openai-chatkit']);
    assert.ok(find(bom, 'sdk', 'openai-agents').dependsOn.includes('service:openai'));
  });

  it('lists the one service of hosted-only SDKs (Pinecone, E2B, Mistral through Haystack)', async () => {
    const bom = await inventoryOf({
      'requirements.txt': 'pinecone>=5\ne2b-code-interpreter==1.0.0\nmistral-haystack\n',
      'rag.py': [
        'from haystack_integrations.components.generators.mistral import MistralChatGenerator',
        'from pinecone import ServerlessSpec',
        'from e2b_code_interpreter import Sandbox',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), ['service:e2b', 'service:mistral', 'service:pinecone']);
    assert.equal(find(bom, 'sdk', 'mistral-haystack').provider, 'mistral');
  });

  it('near miss: a hosted-only SDK that is declared but never imported implies no service', async () => {
    const bom = await inventoryOf({
      'Embed.csproj': '<Project><ItemGroup><PackageReference Include="Pinecone.NET" Version="2.1.1" /></ItemGroup></Project>',
      'requirements.txt': 'pinecone>=5\n',
    });
    assert.ok(find(bom, 'sdk', 'Pinecone.NET'));
    assert.deepEqual(refsOf(bom, 'service'), []);
  });

  it('near miss: multi-provider SDKs and packages seen only in a lockfile imply no service', async () => {
    const bom = await inventoryOf({
      'requirements.txt': 'litellm==1.50.0\nlangchain-core==0.3.0\nlangchain==0.3.0\n',
      'app.py': 'import litellm\nfrom langchain_core.messages import HumanMessage\n',
      'uv.lock': ['version = 1', '', '[[package]]', 'name = "openai-agents"', 'version = "0.4.0"'].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), []);
  });
});

describe('inventory: services a `provider:model` id implies', () => {
  it('lists the provider API that an agent with a prefixed model calls', async () => {
    const bom = await inventoryOf({
      'agents.py': [
        'from pydantic_ai import Agent',
        'fast = Agent("groq:llama-3.3-70b-versatile")',
        'sql = Agent("google:gemini-3-flash-preview")',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), ['service:google-gemini', 'service:groq']);
    assert.deepEqual(propertyValues(find(bom, 'service', 'Groq API'), 'service:implied-by'), ['llama-3.3-70b-versatile']);
  });

  it('near miss: a gateway route calls the gateway, not the provider it names', async () => {
    const bom = await inventoryOf({
      'chat.ts': [
        "import { createOpenRouter } from '@openrouter/ai-sdk-provider';",
        'const openrouter = createOpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });',
        "const model = openrouter('anthropic/claude-3.5-sonnet');",
      ].join('\n'),
    });
    assert.ok(!refsOf(bom, 'service').includes('service:anthropic'));
  });
});

describe('inventory: vector stores and rerankers reached through clients and framework classes', () => {
  it('reads Pinecone, Qdrant, Weaviate Cloud and Chroma Cloud clients', async () => {
    const bom = await inventoryOf({
      'pc.py': ['from pinecone import Pinecone', 'pc = Pinecone(api_key=key)'].join('\n'),
      'qd.py': ['from qdrant_client import QdrantClient', 'client = QdrantClient(url=QDRANT_URL, api_key=QDRANT_API_KEY)'].join('\n'),
      'wv.py': ['import weaviate', 'client = weaviate.connect_to_weaviate_cloud(cluster_url=url, auth_credentials=auth)'].join('\n'),
      'ch.py': ['import chromadb', 'client = chromadb.CloudClient(tenant=t, database=d)'].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), ['service:chroma-cloud', 'service:pinecone', 'service:qdrant', 'service:weaviate']);
    assert.deepEqual(
      find(bom, 'service', 'Qdrant').occurrences.map((entry) => `${entry.path}:${entry.line}`),
      ['qd.py:2'],
    );
  });

  it('reads LangChain and LlamaIndex vector stores and rerankers', async () => {
    const bom = await inventoryOf({
      'lc.py': [
        'from langchain_pinecone import PineconeVectorStore',
        'from langchain_mongodb import MongoDBAtlasVectorSearch',
        'from langchain_cohere import CohereRerank',
        'store = PineconeVectorStore(index_name="docs", embedding=embeddings)',
        'atlas = MongoDBAtlasVectorSearch(collection=collection, embedding=embeddings, index_name="vector_index")',
        'reranker = CohereRerank(model="rerank-english-v3.0")',
      ].join('\n'),
      'li.ipynb': JSON.stringify({
        cells: [
          {
            cell_type: 'code',
            source: [
              'from llama_index.vector_stores.pinecone import PineconeVectorStore\n',
              'from llama_index.postprocessor.cohere_rerank import CohereRerank\n',
              'from llama_index.vector_stores.azureaisearch import AzureAISearchVectorStore\n',
              'vector_store = PineconeVectorStore(pinecone_index=index)\n',
              'rerank = CohereRerank(api_key=cohere_api_key, top_n=2)\n',
              'search = AzureAISearchVectorStore(search_or_index_client=client, id_field_key="id")\n',
            ],
          },
        ],
        metadata: { kernelspec: { language: 'python' } },
      }),
    });
    assert.deepEqual(refsOf(bom, 'service'), ['service:azure-ai-search', 'service:cohere', 'service:mongodb-atlas', 'service:pinecone']);
  });

  it('near miss: an in-process Qdrant, a local Chroma and a plain MongoDB client reach no service', async () => {
    const bom = await inventoryOf({
      'mem.py': [
        'from qdrant_client import QdrantClient',
        'a = QdrantClient(":memory:")',
        'b = QdrantClient(path="./qdrant_db")',
        'c = QdrantClient(location=":memory:")',
      ].join('\n'),
      'chroma.py': ['import chromadb', 'client = chromadb.PersistentClient(path="./chroma")'].join('\n'),
      'db.py': ['from pymongo import MongoClient', 'client = MongoClient(MONGO_URI)', 'orders = client.shop.orders.find({})'].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), []);
    assert.deepEqual(namesOf(bom, 'sdk'), ['chromadb', 'qdrant-client']);
  });
});

describe('inventory: observability services and catalogue gaps', () => {
  it('reads AI instrumentation calls of tracing SDKs as their hosted services', async () => {
    const bom = await inventoryOf({
      'obs.py': [
        'import logfire',
        'import agentops',
        'from langtrace_python_sdk import langtrace',
        'logfire.configure(send_to_logfire="if-token-present")',
        'logfire.instrument_pydantic_ai()',
        'agentops.init(api_key)',
        'langtrace.init(api_key=key)',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), ['service:agentops', 'service:langtrace', 'service:logfire']);
    assert.ok(find(bom, 'sdk', 'logfire'));
  });

  it('near miss: Logfire configured for a web app without AI instrumentation is not AI', async () => {
    const bom = await inventoryOf({
      'requirements.txt': 'logfire[fastapi]>=3\nfastapi\n',
      'web.py': ['import logfire', 'logfire.configure()', 'logfire.instrument_fastapi(app)'].join('\n'),
    });
    assert.deepEqual(summary(bom), []);
  });

  it('lists agent, evaluation, quantization and data packages the catalogue lacked', async () => {
    const bom = await inventoryOf({
      'requirements.txt': [
        'camel-ai[all]==0.1.6.0',
        'indexify',
        'langtrace-python-sdk',
        'arize-phoenix-evals==0.18.0',
        'maxim-py',
        'pixeltable',
        'distilabel[mistralai]==1.1.1',
        'openlit',
        'phospho==0.3.40',
        'auto-gptq',
        'autoawq',
        'pydantic-evals',
        'ag-ui-protocol',
        'twelvelabs',
        'flask',
      ].join('\n'),
      'eval.py': 'from phoenix.evals import QAEvaluator\nfrom awq import AutoAWQForCausalLM\nfrom camel.agents import ChatAgent\n',
    });
    assert.deepEqual(namesOf(bom, 'sdk'), [
      'ag-ui-protocol',
      'arize-phoenix-evals',
      'auto-gptq',
      'autoawq',
      'camel-ai',
      'distilabel',
      'indexify',
      'langtrace-python-sdk',
      'maxim-py',
      'openlit',
      'phospho',
      'pixeltable',
      'pydantic-evals',
      'twelvelabs',
    ]);
    assert.equal(find(bom, 'sdk', 'arize-phoenix-evals').occurrences[0].path, 'eval.py');
  });

  it('reads dependencies a Hatch metadata hook declares', async () => {
    const bom = await inventoryOf({
      'pyproject.toml': [
        '[project]',
        'name = "examples"',
        'dynamic = ["version", "dependencies"]',
        '',
        '[tool.hatch.metadata.hooks.uv-dynamic-versioning]',
        'dependencies = [',
        '    "pydantic-evals=={{ version }}",',
        '    "mcp[cli]>=1.28.1",',
        '    "rich>=13",',
        ']',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), ['mcp', 'pydantic-evals']);
    assert.equal(find(bom, 'sdk', 'mcp').occurrences[0].line, 8);
  });
});

describe('inventory: a query only one service runs', () => {
  it('reads an Atlas `$vectorSearch` stage as MongoDB Atlas Vector Search, also in a notebook cell without AI imports', async () => {
    const bom = await inventoryOf({
      'search.ipynb': JSON.stringify({
        cells: [
          { cell_type: 'code', source: ['import pymongo\nfrom mistralai import Mistral\n'] },
          {
            cell_type: 'code',
            source: [
              'def find_similar(collection, embedding):\n',
              '    return list(collection.aggregate([{"$vectorSearch": {"index": "vector_index", "path": "embedding", "queryVector": embedding, "limit": 10}}]))\n',
            ],
          },
        ],
        metadata: { kernelspec: { language: 'python' } },
      }),
    });
    assert.deepEqual(refsOf(bom, 'service'), ['service:mongodb-atlas']);
    assert.equal(find(bom, 'service', 'MongoDB Atlas Vector Search').occurrences[0].symbol, '$vectorSearch');
  });

  it('near miss: other aggregation stages, Atlas full-text `$search` and the word in a comment are not vector search', async () => {
    const bom = await inventoryOf({
      'orders.py': [
        'from pymongo import MongoClient',
        'import openai',
        '# we could use $vectorSearch later',
        'rows = db.orders.aggregate([{"$match": {"x": 1}}, {"$search": {"text": {"query": "q", "path": "name"}}}])',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), []);
  });
});

describe('inventory: tracing and evaluation clients', () => {
  it('reads Weave, LangSmith and Langfuse clients as their hosted services, and a self-hosted Langfuse by its host', async () => {
    const bom = await inventoryOf({
      'trace.py': ['import weave', 'from langsmith import Client', 'weave.init("llm-judge")', 'client = Client()'].join('\n'),
      'fuse.py': ['from langfuse import Langfuse', 'langfuse = Langfuse(host="https://langfuse.internal.example.com")'].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), ['service:endpoint/langfuse.internal.example.com', 'service:langsmith', 'service:wandb']);
  });

  it('near miss: a Weave or LangSmith import without a client call names no service', async () => {
    const bom = await inventoryOf({ 'ops.py': 'import weave\nfrom langsmith import traceable\n' });
    assert.deepEqual(refsOf(bom, 'service'), []);
  });
});
