import * as assert from 'node:assert/strict';
import { find, inventoryOf, namesOf, notebookOfLines, propertyValues, refsOf } from './helpers';

const PYTHON = { kernelspec: { language: 'python' } };
const notebook = (cells: string[][]) => notebookOfLines(cells, PYTHON);

/** ML and agent packages, vector stores, embedding providers, hosted inference and AWS AI services: each with a near miss. */

describe('inventory: ML, Llama and agent packages', () => {
  it('lists JAX, TensorFlow, PyTorch, quantization, Llama tools, embeddings, agent and eval packages', async () => {
    const bom = await inventoryOf({
      'server/requirements.txt': [
        'jax[tpu]==0.4.36 --pre',
        'flax',
        'optax',
        'aqtp',
        't5==0.9.4',
        'torchtune',
        'torchserve',
        'llmcompressor',
        'fastembed>=0.6.0',
        'llama-api-client',
        'codeshield',
        'synthetic-data-kit',
        'prompt-ops',
        'unsloth_zoo',
        'strands-agents-tools',
        'bedrock-agentcore',
        'bedrock-agentcore-starter-toolkit',
        'requests',
        'numpy',
        'pandas',
        'flask',
      ].join('\n'),
      'package.json': JSON.stringify({
        dependencies: { 'mcp-evals': '^2.0.1', '@cdklabs/generative-ai-cdk-constructs': '^0.1.300', express: '^4' },
      }),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), [
      '@cdklabs/generative-ai-cdk-constructs',
      'aqtp',
      'bedrock-agentcore',
      'bedrock-agentcore-starter-toolkit',
      'codeshield',
      'fastembed',
      'flax',
      'jax',
      'llama-api-client',
      'llmcompressor',
      'mcp-evals',
      'optax',
      'prompt-ops',
      'strands-agents-tools',
      'synthetic-data-kit',
      't5',
      'torchserve',
      'torchtune',
      'unsloth-zoo',
    ]);
    // Declared but never imported: no use of the one service each of them reaches.
    assert.deepEqual(refsOf(bom, 'service'), []);
  });

  it('reads imports by their module names (a TorchServe handler, the AgentCore runtime app)', async () => {
    const bom = await inventoryOf({
      'handler.py': ['from ts.torch_handler.base_handler import BaseHandler', 'class H(BaseHandler):', '    pass'].join('\n'),
      'agent.py': ['from bedrock_agentcore.runtime import BedrockAgentCoreApp', 'app = BedrockAgentCoreApp()'].join('\n'),
      'quant.py': ['from llmcompressor import oneshot', 'oneshot(model=m, recipe=r)'].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), ['bedrock-agentcore', 'llmcompressor', 'torchserve']);
    // The AgentCore SDK reaches AgentCore only.
    assert.deepEqual(refsOf(bom, 'service'), ['service:aws-bedrock-agentcore']);
  });

  it('reads packages built from their repositories and script dependencies', async () => {
    const bom = await inventoryOf({
      'pyproject.toml': [
        '[tool.poetry]',
        'name = "rags"',
        '[tool.poetry.dependencies]',
        'python = "^3.10"',
        'clip = { git = "https://github.com/openai/CLIP.git" }',
        'tools = { git = "https://github.com/acme/tools.git" }',
      ].join('\n'),
      'server/Dockerfile': 'FROM python:3.11\nRUN pip install git+https://github.com/google/maxdiffusion.git@v1\n',
      'examples/tools.py': [
        '# /// script',
        '# requires-python = ">=3.11"',
        '# dependencies = ["gpt-oss", "ollama", "rich"]',
        '# ///',
        'from ollama import chat',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), ['clip', 'gpt-oss', 'maxdiffusion', 'ollama']);
  });

  it('near miss: a module named like a package root is not that package', async () => {
    const bom = await inventoryOf({
      'app.py': ['import ts', 'from t5x import utils', 'import optaxx'].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), []);
  });
});

describe('inventory: packages imported from an ES module CDN', () => {
  it('reads the npm package of an esm.sh, jsDelivr or unpkg import', async () => {
    const bom = await inventoryOf({
      'quickstarts/Get_Started.js': [
        'let module;',
        'module = await import("https://esm.sh/@google/genai@1.4.0");',
        'const ai = new module.GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY });',
      ].join('\n'),
      'web/chat.mjs': "import OpenAI from 'https://cdn.jsdelivr.net/npm/openai@4/+esm';\n",
      'web/three.mjs': "import * as THREE from 'https://unpkg.com/three@0.150.0/build/three.module.js';\n",
    });
    assert.deepEqual(namesOf(bom, 'sdk'), ['@google/genai', 'openai']);
  });

  it('near miss: the same path on another host is no package', async () => {
    const bom = await inventoryOf({
      'web/app.mjs': "import { GoogleGenAI } from 'https://example.com/@google/genai/index.js';\n",
    });
    assert.deepEqual(namesOf(bom, 'sdk'), []);
  });
});

describe('inventory: a search client used as a vector store', () => {
  it('lists opensearch-py where a file that imports it writes a knn_vector mapping', async () => {
    const bom = await inventoryOf({
      'requirements.txt': 'opensearch-py==2.4.2\nboto3\n',
      'kb/index.py': [
        'from opensearchpy import OpenSearch, RequestsHttpConnection',
        'client = OpenSearch(hosts=[{"host": host, "port": 443}], connection_class=RequestsHttpConnection)',
        'body = {"mappings": {"properties": {"vector": {"type": "knn_vector", "dimension": 1024}}}}',
        'client.indices.create(index=name, body=body)',
      ].join('\n'),
    });
    assert.deepEqual(
      [...new Set(find(bom, 'sdk', 'opensearch-py').occurrences.map((entry) => `${entry.path}:${entry.line}:${entry.evidence}`))],
      ['kb/index.py:1:import', 'kb/index.py:3:call', 'requirements.txt:1:manifest'],
    );
  });

  it('near miss: OpenSearch for logs, or knn_vector named in a comment, is no AI package', async () => {
    const bom = await inventoryOf({
      'requirements.txt': 'opensearch-py==2.4.2\n',
      'logs.py': [
        'from opensearchpy import OpenSearch',
        '# no knn_vector field: plain log search',
        'client = OpenSearch(hosts=hosts)',
        'client.index(index="logs", body={"message": line})',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), []);
  });
});

describe('inventory: Redis used as a vector store', () => {
  it('lists redis where a file that imports it creates an HNSW index or runs a KNN query', async () => {
    const bom = await inventoryOf({
      'pyproject.toml': '[project]\nname = "app"\ndependencies = ["redis>=6.0.0"]\n',
      'search.py': [
        'from redis.commands.search.field import VectorField',
        'schema = VectorField("embedding", "HNSW", {"TYPE": "FLOAT32", "DIM": 768, "DISTANCE_METRIC": "COSINE"})',
        'query = f"*=>[KNN {k} @embedding $vec AS score]"',
      ].join('\n'),
    });
    assert.ok(find(bom, 'sdk', 'redis').occurrences.some((entry) => entry.path === 'search.py' && entry.evidence === 'call'));
  });

  it('near miss: Redis as a cache, or HNSW named in a comment, is no AI package', async () => {
    const bom = await inventoryOf({
      'requirements.txt': 'redis==5.0.1\n',
      'cache.py': [
        'import redis',
        '# no HNSW index here: a plain cache',
        'r = redis.Redis(host="localhost")',
        'r.set("key", "value")',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), []);
  });
});

describe('inventory: agent-protocol and other AI packages', () => {
  it('lists A2A and Agent Client Protocol SDKs, Triton kernels, Magika and SpeechRecognition from manifests', async () => {
    const bom = await inventoryOf({
      'package.json': JSON.stringify({
        name: 'agent-cli',
        dependencies: { '@a2a-js/sdk': '^0.3.4', '@agentclientprotocol/sdk': '^0.4.0', chalk: '^5.0.0' },
      }),
      'requirements.txt': 'a2a-sdk[http-server]>=0.3.0\ntriton==3.0.0\nmagika~=0.6.1\nSpeechRecognition\nrequests\n',
      'server/agent.py': ['from a2a.server.apps import A2AStarletteApplication', 'import speech_recognition as sr'].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), ['@a2a-js/sdk', '@agentclientprotocol/sdk', 'a2a-sdk', 'magika', 'speechrecognition', 'triton']);
    assert.ok(find(bom, 'sdk', 'speechrecognition').occurrences.some((entry) => entry.path === 'server/agent.py'));
  });
});

describe("inventory: the repository's own AI package", () => {
  it('a manifest whose name the catalog knows is the SDK the repository publishes', async () => {
    const bom = await inventoryOf({
      'pyproject.toml': '[project]\nname = "langgraph-supervisor"\nversion = "0.0.31"\ndependencies = ["langgraph>=1.0.2"]\n',
      'packages/azure/pyproject.toml': '[project]\nname = "mistralai-azure"\ndependencies = ["httpx>=0.28.1"]\n',
      'examples/azure/chat.py': 'from mistralai.azure.client import MistralAzure\n',
    });
    assert.deepEqual(namesOf(bom, 'sdk'), ['langgraph', 'langgraph-supervisor', 'mistralai-azure']);
    assert.deepEqual(propertyValues(find(bom, 'sdk', 'langgraph-supervisor'), 'sdk:source'), ['workspace']);
    assert.deepEqual(
      find(bom, 'sdk', 'mistralai-azure').occurrences.map((entry) => `${entry.path}:${entry.evidence}`),
      ['examples/azure/chat.py:import', 'packages/azure/pyproject.toml:manifest'],
    );
  });

  it('a published workspace package with AI dependencies that other workspace packages depend on locally', async () => {
    const bom = await inventoryOf({
      'packages/core/package.json': JSON.stringify({
        name: '@acme/agent-core',
        main: 'dist/index.js',
        dependencies: { '@google/genai': '1.30.0', '@modelcontextprotocol/sdk': '^1.23.0' },
      }),
      'packages/cli/package.json': JSON.stringify({
        name: '@acme/agent-cli-app',
        private: true,
        dependencies: { '@acme/agent-core': 'file:../core' },
      }),
      'packages/server/package.json': JSON.stringify({ name: '@acme/agent-server', dependencies: { '@acme/agent-core': 'workspace:*' } }),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), ['@acme/agent-core', '@google/genai', '@modelcontextprotocol/sdk']);
    assert.equal(find(bom, 'sdk', '@acme/agent-core').category, 'llm-sdk');
  });

  it('near miss: a private or non-AI workspace package others depend on, and a published AI app nothing depends on', async () => {
    const bom = await inventoryOf({
      'packages/common/package.json': JSON.stringify({
        name: '@repo/mcp-common',
        private: true,
        dependencies: { '@modelcontextprotocol/sdk': '1.0.0' },
      }),
      'packages/utils/package.json': JSON.stringify({ name: '@repo/utils', dependencies: { lodash: '4.17.21' } }),
      'apps/web/package.json': JSON.stringify({
        name: 'chat-web',
        dependencies: { openai: '^4.0.0', '@repo/mcp-common': 'workspace:*', '@repo/utils': 'workspace:*' },
      }),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), ['@modelcontextprotocol/sdk', 'openai']);
  });

  it('a Python workspace member with AI dependencies that the workspace names as a uv or Poetry source', async () => {
    const toml = (name: string, dependencies: string[], extra: string[] = []) =>
      ['[project]', `name = "${name}"`, `dependencies = [${dependencies.map((entry) => `"${entry}"`).join(', ')}]`, ...extra].join('\n');
    const bom = await inventoryOf({
      'pyproject.toml': toml(
        'rag-monorepo',
        [],
        [
          '[tool.uv.sources]',
          'rag-llm = { workspace = true }',
          'rag-vectors = { workspace = true }',
          'rag-common = { workspace = true }',
          'rag-example-stories = { workspace = true }',
        ],
      ),
      'packages/rag-llm/pyproject.toml': toml('rag-llm', ['litellm==1.92.0', 'rag-common==1.0']),
      'packages/rag-vectors/pyproject.toml': toml('rag-vectors', ['lancedb~=0.37.0', 'azure-search-documents~=12.0']),
      // A member without AI dependencies is a helper, not an AI SDK.
      'packages/rag-common/pyproject.toml': toml('rag-common', ['pyyaml~=6.0']),
      'tools/pyproject.toml': [
        '[tool.poetry]',
        'name = "tools"',
        '[tool.poetry.dependencies]',
        'agent-lib = { path = "../agent", develop = true }',
      ].join('\n'),
      'agent/pyproject.toml': toml('agent-lib', ['openai>=1.0']),
      // An AI app nothing else names is an application, not a library; an unpublished example suite neither.
      'apps/chat/pyproject.toml': toml('chat-app', ['anthropic>=0.40']),
      'examples/pyproject.toml': toml('rag-example-stories', ['mcp'], ['version = "0.0.0"']),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), [
      'agent-lib',
      'anthropic',
      'azure-search-documents',
      'lancedb',
      'litellm',
      'mcp',
      'openai',
      'rag-llm',
      'rag-vectors',
    ]);
    assert.equal(find(bom, 'sdk', 'rag-llm').category, 'llm-gateway');
    assert.equal(find(bom, 'sdk', 'rag-vectors').category, 'vector-store');
  });

  it('near miss: an application named like no AI package, and a private package named like one, are not SDKs', async () => {
    const bom = await inventoryOf({
      'pyproject.toml': '[project]\nname = "rag-chat-app"\ndependencies = ["requests"]\n',
      'web/package.json': JSON.stringify({ name: 'ai', private: true, dependencies: { react: '^19.0.0' } }),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), []);
  });
});

describe('inventory: vector stores and embedding providers as services', () => {
  it('a Qdrant client given a server location beside a local path may reach the server', async () => {
    const bom = await inventoryOf({
      'qdrant.py': [
        'from qdrant_client import AsyncQdrantClient',
        'client = AsyncQdrantClient(location=settings.url, api_key=settings.api_key, path=settings.local_path)',
      ].join('\n'),
      'local.py': [
        'from qdrant_client import QdrantClient',
        'a = QdrantClient(path=settings.local_path)',
        'b = QdrantClient(location=":memory:", path=None)',
      ].join('\n'),
    });
    assert.deepEqual(
      find(bom, 'service', 'Qdrant').occurrences.map((entry) => `${entry.path}:${entry.line}`),
      ['qdrant.py:2'],
    );
  });

  it('reads the providers of a table of Chroma embedding functions chosen by name', async () => {
    const bom = await inventoryOf({
      'server.py': [
        'from chromadb.utils.embedding_functions import (',
        '    DefaultEmbeddingFunction, CohereEmbeddingFunction, OpenAIEmbeddingFunction,',
        '    JinaEmbeddingFunction, VoyageAIEmbeddingFunction, RoboflowEmbeddingFunction,',
        ')',
        'known = {',
        '    "default": DefaultEmbeddingFunction,',
        '    "cohere": CohereEmbeddingFunction,',
        '    "openai": OpenAIEmbeddingFunction,',
        '    "jina": JinaEmbeddingFunction,',
        '    "voyageai": VoyageAIEmbeddingFunction,',
        '    "roboflow": RoboflowEmbeddingFunction,',
        '}',
        'def create(name):',
        '    return known[name]()',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), ['service:cohere', 'service:jina', 'service:openai', 'service:roboflow', 'service:voyage']);
    assert.deepEqual(
      find(bom, 'service', 'Jina AI API (embeddings, reranking, reader)').occurrences.map((entry) => entry.line),
      [9],
    );
    assert.ok(find(bom, 'sdk', 'chromadb').dependsOn.includes('service:jina'));
  });

  it('near miss: classes named in a type check, an annotation or a list reach nothing', async () => {
    const bom = await inventoryOf({
      'checks.py': [
        'from chromadb.utils.embedding_functions import OpenAIEmbeddingFunction, CohereEmbeddingFunction',
        'from typing import Dict, Type',
        'def is_hosted(fn) -> bool:',
        '    return isinstance(fn, (OpenAIEmbeddingFunction, CohereEmbeddingFunction))',
        'HOSTED: Dict[str, Type[OpenAIEmbeddingFunction]] = {}',
        'ORDER = [OpenAIEmbeddingFunction, CohereEmbeddingFunction]',
        'labels = {"openai": "OpenAIEmbeddingFunction"}',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), []);
  });

  it('a fastembed model downloads from the Hugging Face Hub', async () => {
    const bom = await inventoryOf({
      'emb.py': ['from fastembed import TextEmbedding', 'model = TextEmbedding("BAAI/bge-small-en-v1.5")'].join('\n'),
    });
    assert.ok(find(bom, 'model', 'BAAI/bge-small-en-v1.5'));
    assert.deepEqual(refsOf(bom, 'service'), ['service:huggingface-hub']);
  });
});

describe('inventory: Hub downloads of ids read at run time', () => {
  it('a Hub client download or a fastembed model reaches the Hub whatever id it is given', async () => {
    const bom = await inventoryOf({
      'build-script/script.py': [
        'import os',
        'from huggingface_hub import snapshot_download',
        'for model_id in os.getenv("MODEL_ID", "").split(","):',
        '    snapshot_download(model_id, local_dir=str(folder))',
      ].join('\n'),
      'embeddings.py': [
        'from fastembed import TextEmbedding',
        'class Provider:',
        '    def __init__(self, model_name: str):',
        '        self.model = TextEmbedding(model_name)',
      ].join('\n'),
    });
    assert.deepEqual(
      find(bom, 'service', 'Hugging Face Hub').occurrences.map((entry) => `${entry.path}:${entry.line}`),
      ['build-script/script.py:4', 'embeddings.py:4'],
    );
  });

  it('near miss: a cached-only download, a loader of local folders and a test fetch nothing', async () => {
    const bom = await inventoryOf({
      'offline.py': [
        'from huggingface_hub import hf_hub_download',
        'path = hf_hub_download(repo_id, filename="config.json", local_files_only=True)',
      ].join('\n'),
      'load.py': ['from transformers import AutoModel', 'model = AutoModel.from_pretrained(args.model_path)'].join('\n'),
      'tests/test_download.py': ['from huggingface_hub import snapshot_download', 'snapshot_download(repo)'].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), []);
  });
});

describe('inventory: hosted inference providers', () => {
  it('reads Replicate through LangChain and the Llama cookbook clients of Together and Anyscale', async () => {
    const bom = await inventoryOf({
      'rag.py': [
        'from langchain_community.llms import Replicate',
        'llm = Replicate(model="meta/meta-llama-3.1-405b-instruct", model_kwargs={"temperature": 0.0})',
      ].join('\n'),
      'shield.py': [
        'from llama_cookbook.inference.llm import TOGETHER, ANYSCALE',
        'a = TOGETHER("togethercomputer/CodeLlama-13b-Instruct", token)',
        'b = ANYSCALE("codellama/CodeLlama-34b-Instruct-hf", token)',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), ['service:anyscale', 'service:replicate', 'service:together']);
  });

  it('reads CAMEL Firecrawl and a ModelsLab endpoint', async () => {
    const bom = await inventoryOf({
      'scrape.py': ['from camel.loaders import Firecrawl', 'firecrawl = Firecrawl()', 'page = firecrawl.tidy_scrape(url=url)'].join('\n'),
      'image.py': [
        'import requests',
        'URL = "https://modelslab.com/api/v6/images/text2img"',
        'def draw(prompt, key):',
        '    return requests.post(URL, json={"key": key, "prompt": prompt})',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), ['service:firecrawl', 'service:modelslab']);
  });

  it('reads the key names of a .env file a notebook cell writes', async () => {
    const bom = await inventoryOf({
      'prompt_ops.ipynb': notebook([
        ['# Create a .env file with your API key', '%%writefile .env', 'OPENROUTER_API_KEY=your_key_here'],
        ['import os', 'from dotenv import load_dotenv', 'load_dotenv()', 'key = os.getenv("OPENROUTER_API_KEY")'],
      ]),
    });
    const openrouter = find(bom, 'service', 'OpenRouter');
    assert.deepEqual(propertyValues(openrouter, 'service:key-name'), ['OPENROUTER_API_KEY']);
    // The written `.env` line, and the read of the next cell that it confirms.
    assert.deepEqual(
      openrouter.occurrences.map((entry) => entry.line),
      [9, 19],
    );
  });

  it('near miss: a cell writing another file, or a key name in a printed string, configures no service', async () => {
    const bom = await inventoryOf({
      'setup.ipynb': notebook([
        ['%%writefile notes.txt', 'OPENROUTER_API_KEY=set this in your shell'],
        ['print("remember to export OPENROUTER_API_KEY")'],
      ]),
    });
    assert.deepEqual(refsOf(bom, 'service'), []);
  });

  it('reads the services an MCP server written in code is given keys for', async () => {
    const bom = await inventoryOf({
      'agent.py': [
        'import os',
        'brave_search_server = {',
        '    "type": "stdio",',
        '    "command": "npx",',
        '    "args": ["-y", "@modelcontextprotocol/server-brave-search"],',
        '    "env": {"BRAVE_API_KEY": os.environ.get("BRAVE_KEY", ""), "PATH": os.environ.get("PATH", "")},',
        '}',
        'files_server = {',
        '    "command": "npx",',
        '    "args": ["-y", "@modelcontextprotocol/server-filesystem", "/data"],',
        '    "env": {"GOOGLE_API_KEY": os.environ.get("K", ""), "HOME": "/tmp"},',
        '}',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'plugin'), ['@modelcontextprotocol/server-brave-search', '@modelcontextprotocol/server-filesystem']);
    // A shared name (`GOOGLE_API_KEY`) says too little; `PATH` and `HOME` name nothing.
    assert.deepEqual(refsOf(bom, 'service'), ['service:brave-search']);
  });
});

describe('inventory: AWS AI services reached from code', () => {
  it('reads boto3 clients by the service they name', async () => {
    const bom = await inventoryOf({
      'aws.py': [
        'import boto3',
        'agentcore = boto3.client("bedrock-agentcore", region_name=region)',
        'kendra = boto3.client("kendra")',
        'runtime = boto3.client(service_name="sagemaker-runtime")',
        'comprehend = boto3.client("comprehend")',
        'bedrock = boto3.client("bedrock-runtime")',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), [
      'service:aws-bedrock',
      'service:aws-bedrock-agentcore',
      'service:aws-comprehend',
      'service:aws-kendra',
      'service:aws-sagemaker',
    ]);
  });

  it('near miss: boto3 clients of storage and compute make no AI SDK', async () => {
    const bom = await inventoryOf({
      'infra.py': ['import boto3', 's3 = boto3.client("s3")', 'ec2 = boto3.client("ec2")', 'ddb = boto3.resource("dynamodb")'].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), []);
    assert.deepEqual(namesOf(bom, 'sdk'), []);
  });

  it('reads an OpenSearch Serverless vector collection and Knowledge Base retrieval', async () => {
    const bom = await inventoryOf({
      'kb.py': [
        'import boto3',
        'aoss = boto3.client("opensearchserverless")',
        'aoss.create_collection(name=name, type="VECTORSEARCH")',
      ].join('\n'),
      'lib/vector.ts': [
        "import * as oss from 'aws-cdk-lib/aws-opensearchserverless';",
        "new oss.CfnCollection(this, 'C', { name: 'docs', type: 'VECTORSEARCH' });",
      ].join('\n'),
      'app/rag.ts': [
        "import { BedrockAgentRuntimeClient, RetrieveCommand } from '@aws-sdk/client-bedrock-agent-runtime';",
        "const client = new BedrockAgentRuntimeClient({ region: 'us-east-1' });",
        'const out = await client.send(new RetrieveCommand({ knowledgeBaseId: id, retrievalQuery: { text: q } }));',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), ['service:aws-bedrock-knowledge-bases', 'service:aws-opensearch-serverless']);
    assert.deepEqual(
      find(bom, 'service', 'Amazon OpenSearch Serverless (vector store)').occurrences.map((entry) => `${entry.path}:${entry.line}`),
      ['kb.py:3', 'lib/vector.ts:2'],
    );
  });

  it('reads Knowledge Base retrieval and agent invocations on a client another module made', async () => {
    const bom = await inventoryOf({
      'kb/query.py': [
        'from .client import get_runtime_client',
        'def query(kb_id, text):',
        '    client = get_runtime_client(kb_id)',
        '    return client.retrieve(knowledgeBaseId=kb_id, retrievalQuery={"text": text})',
      ].join('\n'),
      'agents/run.py': [
        'from .client import runtime',
        'def ask(agent_id, alias_id, session, text):',
        '    return runtime().invoke_agent(agentId=agent_id, agentAliasId=alias_id, sessionId=session, inputText=text)',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), ['service:aws-bedrock-agents', 'service:aws-bedrock-knowledge-bases']);
  });

  it('near miss: another retrieve or a Knowledge Base id outside those operations reaches nothing', async () => {
    const bom = await inventoryOf({
      'search.py': [
        'def find(index, kb):',
        '    hits = index.retrieve(query="refunds", top_k=3)',
        '    meta = admin.get_knowledge_base(knowledgeBaseId=kb)',
        '    return hits, meta',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), []);
  });

  it('near miss: a search or log collection of OpenSearch Serverless is no vector store', async () => {
    const bom = await inventoryOf({
      'logs.py': [
        'import boto3',
        'aoss = boto3.client("opensearchserverless")',
        'aoss.create_collection(name="logs", type="TIMESERIES")',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), []);
  });
});
