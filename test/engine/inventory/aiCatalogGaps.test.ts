import * as assert from 'node:assert/strict';
import { find, inventoryOf, namesOf, propertyValues } from './helpers';

/** SDKs, services and data the catalogue and the collectors gained: each with a near miss. */

describe('inventory: agent search, Azure AI, Claude Code, observability and MCP packages', () => {
  it('lists the packages by manifest, with provider and category', async () => {
    const bom = await inventoryOf({
      'pyproject.toml': [
        '[project]',
        'name = "research"',
        'dependencies = [',
        '  "tavily-python>=0.5.0", "exa-py>=1.8.8", "linkup-sdk>=0.2.3", "azure-search>=1.0.0b2",',
        '  "azure-search-documents>=11.5.2", "claude-code-sdk>=0.0.20", "opentelemetry-instrumentation-openai>=0.40",',
        '  "mcp-types", "azure-ai-formrecognizer",',
        '  "opentelemetry-instrumentation-flask", "opentelemetry-sdk", "requests",',
        ']',
      ].join('\n'),
      'package.json': JSON.stringify({
        dependencies: {
          '@anthropic-ai/claude-code': '^1.0.0',
          '@modelcontextprotocol/client': '^2.0.0',
          '@modelcontextprotocol/server': '^2.0.0',
        },
        devDependencies: { '@opentelemetry/instrumentation-http': '^0.50.0', '@modelcontextprotocol/inspector-cli': '^1.0.0' },
      }),
      'app/App.csproj': [
        '<Project Sdk="Microsoft.NET.Sdk">',
        '  <ItemGroup>',
        '    <PackageReference Include="Azure.AI.FormRecognizer" Version="4.1.0" />',
        '    <PackageReference Include="Pinecone.NET" Version="2.1.1" />',
        '    <PackageReference Include="Azure.Storage.Blobs" Version="12.19.1" />',
        '  </ItemGroup>',
        '</Project>',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), [
      '@anthropic-ai/claude-code',
      '@modelcontextprotocol/client',
      '@modelcontextprotocol/server',
      'Azure.AI.FormRecognizer',
      'Pinecone.NET',
      'azure-ai-formrecognizer',
      'azure-search',
      'azure-search-documents',
      'claude-code-sdk',
      'exa-py',
      'linkup-sdk',
      'mcp-types',
      'opentelemetry-instrumentation-openai',
      'tavily-python',
    ]);
    assert.equal(find(bom, 'sdk', 'tavily-python').provider, 'tavily');
    assert.equal(find(bom, 'sdk', 'opentelemetry-instrumentation-openai').category, 'eval-observability');
    assert.equal(find(bom, 'sdk', 'Pinecone.NET').provider, 'pinecone');
  });

  it('lists a package installed from its source repository, and not an unknown repository', async () => {
    const bom = await inventoryOf({
      'evals/requirements.txt': [
        'git+https://github.com/Azure-Samples/ai-rag-chat-evaluator/@2025-06-02',
        'git+https://github.com/openai/openai-python.git@v1.50.0',
        'git+https://github.com/contoso/flask-helpers@main',
        'git+https://github.com/run-llama/llama-index-utils@main',
        'rich',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), ['evaltools', 'openai']);
    assert.equal(find(bom, 'sdk', 'evaltools').category, 'eval-observability');
    assert.equal(find(bom, 'sdk', 'evaltools').occurrences[0].line, 1);
  });
});

describe('inventory: Ruby Gemfile and Gemfile.lock', () => {
  it('reads gem statements with their requirements, and versions from the lockfile', async () => {
    const bom = await inventoryOf({
      'client/Gemfile': [
        '# frozen_string_literal: true',
        'source "https://rubygems.org"',
        '',
        `gem "anthropic", '>= 1.60.0'`,
        'gem "dotenv"',
        'gem "mcp", ">= 1.1.0"',
        "gem 'ruby-openai', '~> 7.3'",
        "gem 'langchainrb'",
        "gem 'rails', '~> 7.1'",
      ].join('\n'),
      'client/Gemfile.lock': [
        'GEM',
        '  remote: https://rubygems.org/',
        '  specs:',
        '    anthropic (1.61.0)',
        '      connection_pool',
        '    langchainrb (0.19.5)',
        '    rails (7.1.3)',
        '',
        'PLATFORMS',
        '  ruby',
        '',
        'DEPENDENCIES',
        '  anthropic (>= 1.60.0)',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), ['anthropic', 'langchainrb', 'mcp', 'ruby-openai']);
    const anthropic = find(bom, 'sdk', 'anthropic');
    assert.equal(anthropic.version, '1.61.0');
    assert.equal(anthropic.purl, 'pkg:gem/anthropic@1.61.0');
    assert.equal(find(bom, 'sdk', 'mcp').provider, 'modelcontextprotocol');
    assert.equal(find(bom, 'sdk', 'ruby-openai').occurrences[0].line, 7);
  });
});

describe('inventory: services named by a shared key name, search clients and Azure AI account kinds', () => {
  it('counts GOOGLE_API_KEY as Gemini next to a Gemini-only SDK, and a key a notebook asks for next to its SDK', async () => {
    const bom = await inventoryOf({
      '.env.example': 'OPENAI_API_KEY=\nGOOGLE_API_KEY=\n',
      'pyproject.toml': '[project]\nname = "x"\ndependencies = ["langchain-google-genai>=2.1", "langchain-groq>=0.2"]\n',
      'graph.ipynb': JSON.stringify({
        cells: [
          {
            cell_type: 'code',
            source: [
              'import os, getpass\n',
              'def _set_env(var):\n',
              '    os.environ[var] = getpass.getpass(var)\n',
              '_set_env("GROQ_API_KEY")\n',
            ],
          },
        ],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      }),
    });
    assert.deepEqual(namesOf(bom, 'service'), ['Google Gemini API', 'Groq API', 'OpenAI API']);
    assert.deepEqual(propertyValues(find(bom, 'service', 'Groq API'), 'service:key-name'), ['GROQ_API_KEY']);
  });

  it('near miss: the same key names without an SDK of the service are not listed', async () => {
    const bom = await inventoryOf({
      '.env.example': 'GOOGLE_API_KEY=\n',
      'pyproject.toml': '[project]\nname = "x"\ndependencies = ["google-cloud-storage", "langchain"]\n',
      'setup.py': 'import os\nkey = os.getenv("GROQ_API_KEY")\n',
    });
    assert.deepEqual(namesOf(bom, 'service'), []);
  });

  it('lists the services of search clients, and not a search client of another library', async () => {
    const bom = await inventoryOf({
      'search.py': [
        'from exa_py import Exa',
        'from linkup import LinkupClient',
        'from tavily import TavilyClient',
        'from azure.search.documents import SearchClient',
        'from algoliasearch.search_client import SearchClient as AlgoliaClient',
        'exa = Exa(api_key=key)',
        'linkup = LinkupClient()',
        'tavily = TavilyClient()',
        'azure = SearchClient(endpoint, index, credential)',
        'algolia = AlgoliaClient.create("app", "key")',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'service'), ['Azure AI Search', 'Exa Search API', 'Linkup Search API', 'Tavily Search API']);
  });

  it('reads FormRecognizer and ComputerVision account kinds in Bicep resources and modules', async () => {
    const bom = await inventoryOf({
      'infra/main.bicep': [
        "module formRecognizer 'core/ai/cognitiveservices.bicep' = {",
        "  name: 'formrecognizer'",
        '  params: {',
        "    name: 'fr-service'",
        "    kind: 'FormRecognizer'",
        '  }',
        '}',
        "module storage 'core/storage/storage-account.bicep' = {",
        "  name: 'storage'",
        "  params: { kind: 'StorageV2' }",
        '}',
      ].join('\n'),
      'infra/vision.bicep': [
        "resource vision 'Microsoft.CognitiveServices/accounts@2023-05-01' = {",
        "  name: 'vision'",
        "  kind: 'ComputerVision'",
        '}',
        "resource language 'Microsoft.CognitiveServices/accounts@2023-05-01' = {",
        "  name: 'language'",
        "  kind: 'TextAnalytics'",
        '}',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'service'), ['Azure AI Document Intelligence', 'Azure AI Services', 'Azure AI Vision']);
    assert.equal(find(bom, 'service', 'Azure AI Document Intelligence').occurrences[0].path, 'infra/main.bicep');
  });
});

describe('inventory: data files of AI code, evaluation configs and LangSmith datasets', () => {
  const notebook = (cells: string[]) =>
    JSON.stringify({ cells: cells.map((source) => ({ cell_type: 'code', source })), metadata: {}, nbformat: 4, nbformat_minor: 5 });

  it('lists the data files a notebook calling a model reads, when the workspace has them', async () => {
    const bom = await inventoryOf({
      'skills/classification/guide.ipynb': notebook([
        'import anthropic\nimport pandas as pd\nclient = anthropic.Anthropic()\n',
        'train_df = pd.read_csv("./data/train.tsv", sep="\\t")\ntest_df = pd.read_csv("./data/missing.tsv", sep="\\t")\n',
        'import json\nwith open("data/chunks.json", "r") as f:\n    chunks = json.load(f)\n',
        'results = pd.read_csv("./data/results.csv")\nsettings = json.load(open("data/config.json"))\n',
        'df.to_csv("data/out.csv")\nother = pd.read_csv("data/out.csv")\n',
      ]),
      'skills/classification/data/train.tsv': 'text\tlabel\n',
      'skills/classification/data/chunks.json': '[]',
      'skills/classification/data/results.csv': 'a\n',
      'skills/classification/data/config.json': '{}',
      'skills/classification/data/out.csv': 'a\n',
    });
    assert.deepEqual(namesOf(bom, 'dataset'), ['skills/classification/data/chunks.json', 'skills/classification/data/train.tsv']);
  });

  it('near miss: the same reads in code that calls no model are not listed', async () => {
    const bom = await inventoryOf({
      'analysis.ipynb': notebook(['import pandas as pd\n', 'train_df = pd.read_csv("./data/train.tsv", sep="\\t")\n']),
      'report.py': 'import pandas as pd\nimport requests\ndf = pd.read_csv("data/train.tsv")\n',
      'data/train.tsv': 'text\tlabel\n',
    });
    assert.deepEqual(namesOf(bom, 'dataset'), []);
  });

  it('lists the test data an evaluation config names, and not a missing file or another config', async () => {
    const bom = await inventoryOf({
      'evals/eval_config.json': JSON.stringify({ testdata_path: 'ground_truth.jsonl', results_dir: 'results/run' }, null, 2),
      'evals/ground_truth.jsonl': '{}\n',
      'evals/safety_config.json': JSON.stringify({ testdata_path: 'missing.jsonl' }),
      'app/app_config.json': JSON.stringify({ testdata_path: 'data.jsonl' }),
      'app/data.jsonl': '{}\n',
    });
    assert.deepEqual(namesOf(bom, 'dataset'), ['evals/ground_truth.jsonl']);
    assert.equal(find(bom, 'dataset', 'evals/ground_truth.jsonl').occurrences[0].line, 2);
  });

  it('lists LangSmith datasets an evaluation names, and not data of another evaluate()', async () => {
    const bom = await inventoryOf({
      'tests/run_evaluate.py': [
        'from langsmith import Client',
        'client = Client()',
        'dataset_name = "Deep Research Bench"',
        'async def main():',
        '    return await client.aevaluate(target, data=dataset_name, evaluators=[])',
      ].join('\n'),
      'tests/other.py': ['from langsmith import evaluate', 'evaluate(target, data="ODR: Supervisor")'].join('\n'),
      'tests/ragas_eval.py': [
        'from ragas import evaluate',
        'import langsmith',
        'evaluate(data="qa-set", metrics=[])',
        'client = langsmith.Client()',
        'client.evaluate(target, data="data/local.jsonl")',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'dataset'), ['Deep Research Bench', 'ODR: Supervisor']);
    assert.equal(find(bom, 'dataset', 'Deep Research Bench').provider, 'langsmith');
    assert.equal(find(bom, 'dataset', 'Deep Research Bench').occurrences[0].line, 5);
  });

  it('LangSmith datasets a client bound by `async with` reads or creates, by a module constant or positionally', async () => {
    const bom = await inventoryOf({
      'src/middleware/guardrails.py': [
        'import langsmith as ls',
        'GUARDRAILS_DATASET_NAME = "Chat-Guardrails-Samples"',
        'async def add(query):',
        '    async with ls.AsyncClient() as client:',
        '        try:',
        '            dataset = await client.read_dataset(dataset_name=GUARDRAILS_DATASET_NAME)',
        '        except Exception:',
        '            dataset = await client.create_dataset(dataset_name=GUARDRAILS_DATASET_NAME, description="samples")',
        '',
        'def seed():',
        '    with ls.Client() as client:',
        '        client.create_dataset("Seed questions")',
        '',
      ].join('\n'),
      // Near miss: a `with` client of another library creating its own dataset.
      'src/other.py': ['import langsmith', 'from mystore import Store', 'with Store() as store:', '    store.create_dataset("rows")'].join(
        '\n',
      ),
    });
    assert.deepEqual(namesOf(bom, 'dataset'), ['Chat-Guardrails-Samples', 'Seed questions']);
  });
});

describe('inventory: vector-store clients, speech, content safety, memory and chat UI packages', () => {
  it('lists them by manifest and import, and leaves general-purpose neighbours out', async () => {
    const bom = await inventoryOf({
      'pyproject.toml': [
        '[project]',
        'name = "memory"',
        'dependencies = [',
        '  "upstash-vector>=0.1.0", "pymochow>=2.2.9", "vecs>=0.4.0", "pinecone-text>=0.10.0",',
        '  "azure-ai-contentsafety==1.0.0", "azure-mgmt-cognitiveservices", "promptflow_vectordb[azure]",',
        '  "nltk~=3.9.0", "textblob", "morphcloud==0.1.67", "trustcall", "sglang-router",',
        '  "azure-mgmt-storage", "requests", "upstash-redis",',
        ']',
      ].join('\n'),
      'voice.py': ['from elevenlabs.client import ElevenLabs', 'client = ElevenLabs()'].join('\n'),
      'learn.py': [
        'from llama_index.memory.mem0 import Mem0Memory',
        // A module of the old single package is that package, not an integration.
        'from llama_index.memory.chat_memory_buffer import ChatMemoryBuffer',
      ].join('\n'),
      'web/package.json': JSON.stringify({
        dependencies: {
          '@assistant-ui/react': '^0.7.0',
          '@assistant-ui/react-ai-sdk': '^0.7.0',
          '@mem0/vercel-ai-provider': '^1.0.0',
          mem0ai: '^2.1.0',
          'llama-ocr': '^0.0.5',
          '@radix-ui/react-dialog': '^1.0.0',
        },
      }),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), [
      '@assistant-ui/react',
      '@assistant-ui/react-ai-sdk',
      '@mem0/vercel-ai-provider',
      'azure-ai-contentsafety',
      'azure-mgmt-cognitiveservices',
      'elevenlabs',
      'llama-index',
      'llama-index-memory-mem0',
      'llama-ocr',
      'mem0ai',
      'morphcloud',
      'nltk',
      'pinecone-text',
      'promptflow-vectordb',
      'pymochow',
      'sglang-router',
      'textblob',
      'trustcall',
      'upstash-vector',
      'vecs',
    ]);
  });
});

describe('inventory: LangSmith datasets and data modules of JavaScript evaluations', () => {
  it('reads the dataset evaluate() runs on and the data modules a LangSmith test takes its inputs from', async () => {
    const bom = await inventoryOf({
      'packages/evals/src/highlights.ts': [
        'import { evaluate } from "langsmith/evaluation";',
        'async function run() {',
        '  const datasetName = "open-canvas-deterministic-highlights";',
        '  await evaluate(runGraph, { data: datasetName, evaluators: [check] });',
        '}',
      ].join('\n'),
      'packages/evals/src/agent.int.test.ts': [
        'import * as ls from "langsmith/vitest";',
        'import { QUERY_ROUTING_DATA } from "./data/query_routing.js";',
        'import { fixtures } from "@acme/fixtures";',
        'ls.test("routes", { inputs: QUERY_ROUTING_DATA.inputs, referenceOutputs: QUERY_ROUTING_DATA.referenceOutputs }, async () => {});',
        // Near misses: inputs from a package, and inputs written in place.
        'ls.test("other", { inputs: fixtures.inputs }, async () => {});',
        'ls.test("inline", { inputs: { question: "hi" } }, async () => {});',
      ].join('\n'),
      'packages/evals/src/data/query_routing.ts': 'export const QUERY_ROUTING_DATA = { inputs: { messages: [] }, referenceOutputs: {} };',
      // Near miss: another library's evaluate and test.
      'src/score.ts': ['import { evaluate } from "mathjs";', 'evaluate("1 + 2", { data: "scope" });'].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'dataset'), ['open-canvas-deterministic-highlights', 'packages/evals/src/data/query_routing.ts']);
  });
});

describe('inventory: batch inputs of a Prompt flow', () => {
  it('reads the data file a flow names as its batch inputs, when the workspace has it', async () => {
    const flow = (file: string) =>
      [
        '$schema: https://azuremlschemas.azureedge.net/latest/flow.schema.json',
        'type: chat',
        'properties:',
        `  promptflow.batch_inputs: ${file}`,
      ].join('\n');
    const bom = await inventoryOf({
      'infra/prompt-flow/cwyd/flow.meta.yaml': flow('samples.json'),
      'infra/prompt-flow/cwyd/samples.json': '[{"question": "What is in my data?"}]',
      // Near misses: a file the workspace does not have, and the key outside `properties`.
      'flows/other/flow.meta.yaml': flow('missing.jsonl'),
      'flows/third/flow.meta.yaml': ['type: chat', 'promptflow.batch_inputs: data.jsonl'].join('\n'),
      'flows/third/data.jsonl': '{"q": 1}',
    });
    assert.deepEqual(namesOf(bom, 'dataset'), ['infra/prompt-flow/cwyd/samples.json']);
  });
});
