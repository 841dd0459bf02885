import * as assert from 'node:assert/strict';
import { find, inventoryOf, namesOf } from './helpers';

/** Services and models written as a library's backend modules, constructs' constants and recipe settings: each with near misses. */

describe('inventory: backend modules of pluggable libraries', () => {
  it('lists the store and reranker a backend module configures, by its folder and name', async () => {
    const bom = await inventoryOf({
      'mem0/configs/vector_stores/qdrant.py': [
        'from pydantic import BaseModel, Field',
        '',
        'class QdrantConfig(BaseModel):',
        '    path: str = Field("/tmp/qdrant")',
      ].join('\n'),
      'mem0/configs/vector_stores/azure_ai_search.py':
        'from pydantic import BaseModel\n\nclass AzureAISearchConfig(BaseModel):\n    service_name: str = None\n',
      'mem0/configs/rerankers/zero_entropy.py': [
        'from pydantic import Field',
        'from mem0.configs.rerankers.base import BaseRerankerConfig',
        '',
        'class ZeroEntropyRerankerConfig(BaseRerankerConfig):',
        '    model: str = Field(',
        '        default="zerank-1",',
        '        description="Model to use for reranking",',
        '    )',
      ].join('\n'),
      'mem0/configs/rerankers/cohere.py':
        'from pydantic import Field\n\nclass CohereRerankerConfig(BaseRerankerConfig):\n    model: Optional[str] = Field(default="rerank-v3.5", description="The Cohere rerank model")\n',
    });
    assert.deepEqual(namesOf(bom, 'service'), ['Azure AI Search', 'Cohere API', 'Qdrant', 'ZeroEntropy rerank API']);
    assert.deepEqual(namesOf(bom, 'model'), ['rerank-v3.5', 'zerank-1']);
    assert.equal(find(bom, 'service', 'Qdrant').occurrences[0].line, 3);
  });

  it('reads no module outside a backend folder, no in-process store and no module without its class', async () => {
    const bom = await inventoryOf({
      'app/storage/qdrant.py': 'class QdrantConfig:\n    pass\n',
      'lib/vector_stores/faiss.py': 'class FAISSConfig:\n    pass\n',
      'lib/vector_stores/redis.py': 'class RedisDBConfig:\n    pass\n',
      'lib/vector_stores/pinecone.py': '# Pinecone support is planned.\nHELPERS = []\n',
      'tests/vector_stores/test_qdrant.py': 'class TestQdrant:\n    pass\n',
    });
    assert.deepEqual(namesOf(bom, 'service'), []);
  });

  it('lists the default model of an LLM or embedder module, whatever its shape', async () => {
    const bom = await inventoryOf({
      'mem0/llms/sarvam.py': [
        'import requests',
        'class SarvamLLM(LLMBase):',
        '    def __init__(self, config=None):',
        '        super().__init__(config)',
        '        if not self.config.model:',
        '            self.config.model = "sarvam-m"',
      ].join('\n'),
      'mem0/embeddings/fastembed.py': [
        'class FastEmbedEmbedding(EmbeddingBase):',
        '    def __init__(self, config=None):',
        '        self.config.model = self.config.model or "thenlper/gte-large"',
      ].join('\n'),
      'mem0/embeddings/huggingface.py': [
        'class HuggingFaceEmbedding(EmbeddingBase):',
        '    def __init__(self, config=None):',
        '        if config.huggingface_base_url:',
        '            self.config.model = self.config.model or "tei"',
        '        self.config.model = (',
        '            self.config.model',
        '            or "multi-qa-MiniLM-L6-cos-v1"',
        '        )',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'model'), ['multi-qa-MiniLM-L6-cos-v1', 'sarvam-m', 'thenlper/gte-large']);
  });

  it('reads no default outside a backend folder, and no word, URL or placeholder', async () => {
    const bom = await inventoryOf({
      'app/services/sarvam.py': 'class Sarvam:\n    def __init__(self):\n        self.config.model = "sarvam-m"\n',
      'lib/llms/custom.py': [
        'class CustomLLM:',
        '    def __init__(self):',
        '        self.model = self.model or "default"',
        '        self.config.model = "https://example.com/v1"',
        '        self.model_name = "<your-model>"',
      ].join('\n'),
      // A test's fake backend names a fixture.
      'tests/llms/fake.py': 'class FakeLLM:\n    def __init__(self):\n        self.model = "fake-llm-1"\n',
    });
    assert.deepEqual(namesOf(bom, 'model'), []);
  });
});

describe('inventory: CDK generative-AI constructs', () => {
  it('reads foundation-model constants as Bedrock model ids, and the knowledge bases vector stores', async () => {
    const bom = await inventoryOf({
      'lib/agent-stack.ts': [
        "import { bedrock } from '@cdklabs/generative-ai-cdk-constructs';",
        "const kb = new bedrock.VectorKnowledgeBase(this, 'KB', {",
        '  embeddingsModel: bedrock.BedrockFoundationModel.TITAN_EMBED_TEXT_V1,',
        '});',
        "const agent = new bedrock.Agent(this, 'Agent', {",
        '  foundationModel: bedrock.BedrockFoundationModel.ANTHROPIC_CLAUDE_3_5_SONNET_V1_0,',
        '});',
      ].join('\n'),
      'stacks/aurora_stack.py': [
        'from cdklabs.generative_ai_cdk_constructs import bedrock, amazonaurora',
        "aurora = amazonaurora.AmazonAuroraVectorStore(self, 'Store', embeddings_model_vector_dimension=1024)",
        "kb = bedrock.VectorKnowledgeBase(self, 'KB', vector_store=aurora,",
        '    embeddings_model=bedrock.BedrockFoundationModel.COHERE_EMBED_ENGLISH_V3)',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'model'), [
      'amazon.titan-embed-text-v1',
      'anthropic.claude-3-5-sonnet-20240620-v1:0',
      'cohere.embed-english-v3',
    ]);
    assert.deepEqual(namesOf(bom, 'service'), [
      'Amazon Aurora (pgvector)',
      'Amazon Bedrock',
      'Amazon OpenSearch Serverless (vector store)',
    ]);
    assert.equal(find(bom, 'service', 'Amazon OpenSearch Serverless (vector store)').occurrences[0].path, 'lib/agent-stack.ts');
  });

  it('reads no unknown constant, and no store class of another library', async () => {
    const bom = await inventoryOf({
      'lib/models.ts': 'export const m = BedrockFoundationModel.MY_CUSTOM_MODEL;\n',
      'app/rag.py': 'from langchain_aws import ChatBedrock\nstore = AmazonAuroraVectorStore(conn)\nkb = VectorKnowledgeBase(store)\n',
      // Props passed as a variable may name another store: no default is assumed.
      'lib/kb-stack.ts':
        "import { bedrock } from '@cdklabs/generative-ai-cdk-constructs';\nconst kb = new bedrock.VectorKnowledgeBase(this, 'KB', kbProps);\n",
    });
    assert.deepEqual(namesOf(bom, 'model'), []);
    assert.ok(!namesOf(bom, 'service').includes('Amazon Aurora (pgvector)'));
    assert.ok(!namesOf(bom, 'service').includes('Amazon OpenSearch Serverless (vector store)'));
  });
});

describe('inventory: Azure AI account kinds, pushed recipe models and voice services', () => {
  it('reads a module given only an account kind, with no resource type in the file', async () => {
    const bom = await inventoryOf({
      'infra/safety.bicep': [
        "module safety 'br/public:avm/res/cognitive-services/account:0.10.2' = {",
        "  name: 'safety'",
        "  params: { name: 'cs-app', kind: 'ContentSafety' }",
        '}',
      ].join('\n'),
    });
    assert.ok(
      namesOf(bom, 'service').some((name) => /content safety/i.test(name)),
      namesOf(bom, 'service').join(', '),
    );
  });

  it('reads ContentSafety and SpeechServices account kinds of Bicep modules', async () => {
    const bom = await inventoryOf({
      'infra/main.bicep': [
        "module contentsafety 'br/public:avm/res/cognitive-services/account:0.10.2' = {",
        "  name: 'contentsafety'",
        '  params: {',
        "    name: 'cs-app'",
        "    kind: 'ContentSafety'",
        '  }',
        '}',
        "resource speech 'Microsoft.CognitiveServices/accounts@2023-05-01' = {",
        "  name: 'speech'",
        "  kind: 'SpeechServices'",
        '}',
        "module storage 'core/storage/storage-account.bicep' = {",
        "  name: 'storage'",
        "  params: { kind: 'StorageV2' }",
        '}',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'service'), ['Azure AI Content Safety', 'Azure AI Speech']);
  });

  it('lists a recipe model pushed under the user namespace only beside push_to_hub', async () => {
    const bom = await inventoryOf({
      'recipes/OlympicCoder-32B/sft/config.yaml': [
        'model_name_or_path: Qwen/Qwen2.5-Coder-32B-Instruct',
        'hub_model_id: OlympicCoder-32B',
        'push_to_hub: true',
      ].join('\n'),
      'recipes/local/config.yaml': ['model_name_or_path: Qwen/Qwen2.5-1.5B-Instruct', 'hub_model_id: my-run-7b', 'push_to_hub: false'].join(
        '\n',
      ),
      'recipes/word/config.yaml': ['model_name_or_path: Qwen/Qwen2.5-1.5B-Instruct', 'hub_model_id: output', 'push_to_hub: true'].join(
        '\n',
      ),
      // A fine-tune pushed as `gpt2` under the user's name is not the canonical gpt2.
      'recipes/gpt2/config.yaml': ['model_name_or_path: Qwen/Qwen2.5-1.5B-Instruct', 'hub_model_id: gpt2', 'push_to_hub: true'].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'model'), ['OlympicCoder-32B', 'Qwen/Qwen2.5-1.5B-Instruct', 'Qwen/Qwen2.5-Coder-32B-Instruct']);
  });

  it('lists voice and sandbox services by their clients', async () => {
    const bom = await inventoryOf({
      'voice.py': [
        'from elevenlabs.client import ElevenLabs',
        'from langchain_tavily import TavilySearch',
        'from morphcloud.api import MorphCloudClient',
        'client = ElevenLabs(api_key=key)',
        'search = TavilySearch(max_results=10)',
        'morph = MorphCloudClient(api_key=key)',
      ].join('\n'),
      'other.py': 'from elevenlabs_helpers import ElevenLabs\nclient = ElevenLabs()\n',
    });
    assert.deepEqual(namesOf(bom, 'service'), ['ElevenLabs API', 'Morph Cloud sandboxes', 'Tavily Search API']);
  });

  it('keeps a Slurm script default that getopts may override, and reads vLLM submitted as a Ray job', async () => {
    const bom = await inventoryOf({
      'slurm/serve.slurm': [
        '#!/bin/bash',
        '#SBATCH --nodes=2',
        'MODEL_PATH="deepseek-ai/DeepSeek-R1"',
        'while getopts "m:h" opt; do',
        '    case $opt in',
        '        m) MODEL_PATH="$OPTARG" ;;',
        '    esac',
        'done',
        'RAY_ADDRESS="http://$HEAD:8265" ray job submit --working-dir src --no-wait -- vllm serve "$MODEL_PATH" --tensor-parallel-size 8',
      ].join('\n'),
      'slurm/other.slurm': ['MODEL="Qwen/Qwen2.5-7B"', 'MODEL="$1"', 'vllm serve "$MODEL"', 'ray start --head --port 6379'].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'model'), ['deepseek-ai/DeepSeek-R1']);
  });

  it('reads Document Intelligence prebuilt models where its SDK is used, and platform clients', async () => {
    const bom = await inventoryOf({
      'helpers/forms.py': [
        'from azure.ai.formrecognizer import DocumentAnalysisClient',
        'from azure.ai.ml import MLClient',
        'def analyze(client, url, use_layout=True):',
        '    model_id = "prebuilt-layout" if use_layout else "prebuilt-read"',
        '    return client.begin_analyze_document_from_url(model_id, document_url=url)',
        'ml = MLClient(credential, subscription, group, workspace)',
      ].join('\n'),
      'deploy.py': 'from langgraph_sdk import get_client\nclient = get_client(url="https://my-agent-1234.default.us.langgraph.app")\n',
      'notes.py': 'STEPS = ["prebuilt-layout", "custom"]\n',
    });
    assert.deepEqual(namesOf(bom, 'model'), ['prebuilt-layout', 'prebuilt-read']);
    assert.deepEqual(namesOf(bom, 'service'), [
      'Azure AI Document Intelligence',
      'Azure Machine Learning',
      'LangGraph Platform (LangSmith Deployment)',
    ]);
  });

  it('lists OpenAI-compatible providers by their host and the Mem0 platform by its client', async () => {
    const bom = await inventoryOf({
      'llms/minimax.py': [
        'import os',
        'from openai import OpenAI',
        'base_url = os.getenv("MINIMAX_API_BASE") or "https://api.minimax.io/v1"',
        'client = OpenAI(api_key=os.getenv("MINIMAX_API_KEY"), base_url=base_url)',
      ].join('\n'),
      'examples/coach.py': 'from mem0 import MemoryClient\nmemory = MemoryClient(api_key=key)\n',
      'examples/local.py': 'from mem0 import Memory\nmemory = Memory()\n',
    });
    const services = namesOf(bom, 'service');
    assert.ok(services.includes('MiniMax API') && services.includes('Mem0 Platform'), services.join());
    assert.equal(find(bom, 'service', 'Mem0 Platform').occurrences.length, 1);
  });
});
