import * as assert from 'node:assert/strict';
import { find, inventoryOf, summary } from './helpers';

/** SDKs, services and default models of LLM service layers: each class with a near miss. */

function refsOf(bom: Awaited<ReturnType<typeof inventoryOf>>, kind: string): string[] {
  return bom.components
    .filter((component) => component.kind === kind)
    .map((component) => component.ref)
    .sort();
}

describe('inventory: setup.py requirement tables picked by name', () => {
  it('reads `_deps` entries that install_requires and the extras pick with deps[…] and deps_list(…)', async () => {
    const bom = await inventoryOf({
      'setup.py': [
        'import re',
        'from setuptools import setup',
        '',
        '_deps = [',
        '    "accelerate>=1.9.0",',
        '    "black>=24.4.2",',
        '    "peft>=0.16.0",',
        '    "pytest",',
        '    "transformers==4.53.3",',
        '    "wandb",',
        ']',
        'deps = {b: a for a, b in (re.findall(r"^(([^!=<>~ ]+)(?:[!=<>~ ].*)?$)", x)[0] for x in _deps)}',
        '',
        'def deps_list(*pkgs):',
        '    return [deps[pkg] for pkg in pkgs]',
        '',
        'extras = {}',
        'extras["tests"] = deps_list("pytest")',
        'extras["train"] = deps_list("peft", "wandb")',
        'install_requires = [deps["accelerate"], deps["transformers"], deps["black"]]',
        '',
        'setup(name="recipes", install_requires=install_requires, extras_require=extras)',
        '',
      ].join('\n'),
    });
    assert.deepEqual(summary(bom), ['sdk accelerate', 'sdk peft', 'sdk transformers@4.53.3', 'sdk wandb']);
    // The occurrence is the table's line, where the version is written.
    assert.equal(find(bom, 'sdk', 'accelerate').occurrences[0].line, 5);
  });

  it('reads the packages a Poetry extra installs', async () => {
    const bom = await inventoryOf({
      'pyproject.toml': [
        '[tool.poetry]',
        'name = "rags"',
        '[tool.poetry.dependencies]',
        'python = ">=3.10"',
        'llama-index = "0.9.7"',
        '[tool.poetry.extras]',
        'multimodal = ["torch", "torchvision", "pillow"]',
      ].join('\n'),
    });
    assert.deepEqual(summary(bom), ['sdk llama-index@0.9.7', 'sdk torch', 'sdk torchvision']);
  });

  it('near miss: a subscript of another mapping names no requirement', async () => {
    const bom = await inventoryOf({
      'setup.py': [
        'import os',
        'from setuptools import setup',
        'NAMES = ["openai-helper-docs"]',
        'setup(name="x", install_requires=[os.environ["OPENAI_PKG"], NAMES[0]])',
      ].join('\n'),
    });
    assert.deepEqual(summary(bom), []);
  });
});

describe('inventory: provider SDKs and services of LLM service layers', () => {
  it('lists DashScope, ZhipuAI, Document AI, Argilla and the agent ecosystem packages', async () => {
    const bom = await inventoryOf({
      'requirements.txt': [
        'dashscope==1.20.0',
        'zhipuai',
        'google-cloud-documentai==3.3.0',
        'argilla',
        'easyocr',
        'loralib',
        'requests',
      ].join('\n'),
      'package.json': JSON.stringify({
        dependencies: { '@modelcontextprotocol/node': '^1.0.0', '@opencode-ai/plugin': '^1.0.0', lodash: '^4.0.0' },
        devDependencies: { 'workers-mcp': '^0.1.0', '@anthropic-ai/dxt': '^0.2.0', 'gpt-tokenizer': '^3.0.0' },
      }),
      // The SDKs code imports reach their one service; a declared one alone shows no use of it.
      'qwen.py': 'def generate(prompt):\n    import dashscope\n    return dashscope.Generation.call(model="qwen-plus", prompt=prompt)\n',
      'annotate.py': 'import argilla as rg\n\nclient = rg.Argilla(api_url="http://localhost:6900")\n',
    });
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('sdk ')),
      [
        'sdk @anthropic-ai/dxt',
        'sdk @modelcontextprotocol/node',
        'sdk @opencode-ai/plugin',
        'sdk argilla',
        'sdk dashscope@1.20.0',
        'sdk easyocr',
        'sdk google-cloud-documentai@3.3.0',
        'sdk gpt-tokenizer',
        'sdk loralib',
        'sdk workers-mcp',
        'sdk zhipuai',
      ],
    );
    assert.deepEqual(refsOf(bom, 'service'), ['service:argilla', 'service:dashscope']);
  });

  it('finds the services by host, Terraform resource and the Azure ML endpoint suffix', async () => {
    const bom = await inventoryOf({
      'main.tf': [
        'resource "google_project_service" "docai" {',
        '  service = "documentai.googleapis.com"',
        '}',
        'resource "google_document_ai_processor" "ocr" {',
        '  location     = "us"',
        '  display_name = "ocr"',
        '  type         = "OCR_PROCESSOR"',
        '}',
      ].join('\n'),
      'qwen.py': 'import requests\nURL = "https://dashscope.aliyuncs.com/compatible-mode/v1"\n',
      'glm.py': 'import requests\nBASE = "https://open.bigmodel.cn/api/paas/v4"\n',
      'docs.ts': 'export const CONTEXT7_API_BASE_URL = process.env.CONTEXT7_API_URL || "https://context7.com/api";\n',
      'azure_ml.py': [
        'import requests',
        'def score(endpoint, body):',
        '    if endpoint.endswith(".ml.azure.com"):',
        '        endpoint += "/score"',
        '    return requests.post(endpoint, json=body)',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), [
      'service:azure-machine-learning',
      'service:context7',
      'service:dashscope',
      'service:google-document-ai',
      'service:zhipuai',
    ]);
    assert.deepEqual(
      find(bom, 'service', 'Google Document AI').occurrences.map((occurrence) => `${occurrence.path}:${occurrence.line}`),
      ['main.tf:2', 'main.tf:4'],
    );
  });

  it('near miss: Azure ML studio links and other Google resources are not those services', async () => {
    const bom = await inventoryOf({
      'main.tf': 'resource "google_storage_bucket" "docs" {\n  name = "documents"\n}\n',
      'README.md': 'Open https://ml.azure.com to see the workspace.',
      'links.py': 'import requests\nSTUDIO = "https://ml.azure.com/endpoints"\n',
      // The hosted MCP server is a plugin of the MCP configuration, not the documentation API.
      'mcp.ts': 'export const RESOURCE_URL = "https://mcp.context7.com";\n',
    });
    assert.deepEqual(refsOf(bom, 'service'), []);
  });

  it('reads `report_to: wandb` in training configs, not local trackers', async () => {
    const bom = await inventoryOf({
      'recipes/sft.yaml': 'model_name_or_path: org/base\nreport_to:\n- tensorboard\n- wandb\n',
      'recipes/dpo.yaml': 'report_to: [wandb]\n',
      'recipes/args.json': JSON.stringify({ report_to: 'wandb', seed: 1 }, null, 2),
      'recipes/local.yaml': 'report_to: tensorboard\n# report_to: wandb\n',
    });
    assert.deepEqual(
      find(bom, 'service', 'Weights & Biases').occurrences.map((occurrence) => `${occurrence.path}:${occurrence.line}`),
      ['recipes/args.json:2', 'recipes/dpo.yaml:1', 'recipes/sft.yaml:2'],
    );
  });

  it('reads install commands after a shell keyword (`if …; then pip install …; fi` in a Dockerfile)', async () => {
    const bom = await inventoryOf({
      Dockerfile: [
        'FROM python:3.11',
        'RUN if [ "$WITH_SEARCH" = "true" ]; then \\',
        '    pip install --no-cache-dir "faiss-cpu>=1.8.0" \\',
        '    "sentence-transformers>=2.6.0"; \\',
        '    fi',
        'RUN for p in a b; do echo then; done',
      ].join('\n'),
    });
    assert.deepEqual(summary(bom), ['sdk faiss-cpu', 'sdk sentence-transformers']);
  });

  it('reads a notebook install command continued over several lines', async () => {
    const bom = await inventoryOf({
      'rag.ipynb': JSON.stringify({
        cells: [
          {
            cell_type: 'code',
            source: [
              '# Install required packages\n',
              '!pip install -qU \\\n',
              '    transformers \\\n',
              '    accelerate \\\n',
              '    pypdf\n',
            ],
          },
          // Near miss: the line after a finished command is not part of it.
          { cell_type: 'code', source: ['!pip install requests\n', 'peft = 1\n'] },
          // A package installed from its source repository.
          {
            cell_type: 'code',
            source: ['!pip install -q git+https://github.com/huggingface/peft.git git+https://github.com/acme/tools.git\n'],
          },
        ],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      }),
    });
    assert.deepEqual(summary(bom), ['sdk accelerate', 'sdk peft', 'sdk transformers']);
  });
});

describe('inventory: default models of configuration reads', () => {
  it('reads the default of a config getter keyed by a model setting', async () => {
    const bom = await inventoryOf({
      'llm/openai_service.py': [
        'from openai import OpenAI',
        '',
        'class OpenAIServiceConfig(LLMServiceConfig):',
        '    def _configure(self):',
        '        shared = self.llm_module_config.model',
        '        self.model = self._get_str("model", shared if shared is not None else "gpt-4")',
        '        self.embedding_model = self._get_str(',
        '            "embedding_model",',
        '            (shared if shared is not None else "text-embedding-ada-002"),',
        '        )',
        '        self.api_version = self._get_str("api_version", "2024-06-01")',
        '',
      ].join('\n'),
      'llm/qwen.py': [
        'class QWenServiceConfig(LLMServiceConfig):',
        '    def _configure(self):',
        '        self.model = self._get_str("model", "qwen-max-1201")',
        '',
        'def client():',
        '    import dashscope',
        '    return dashscope',
        '',
      ].join('\n'),
      'app/settings.py':
        'import anthropic\n\ndef model_of(config):\n    return config.get("chat_model", default="claude-3-5-haiku-latest")\n',
    });
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('model ')),
      ['model claude-3-5-haiku-latest (anthropic)', 'model gpt-4 (openai)', 'model qwen-max-1201', 'model text-embedding-ada-002 (openai)'],
    );
  });

  it('near miss: reads of other keys, without a default, or of non-model values name no model', async () => {
    const bom = await inventoryOf({
      'llm/config.py': [
        'import openai',
        '',
        'class Config:',
        '    def _configure(self):',
        '        self.model = self._get_str("model", None, required=False)',
        '        self.endpoint = self._get_str("endpoint", "gpt-4")',
        '        self.provider = config.get("model_provider", "openai")',
        '        self.label = labels.get("model")',
        '        self.base = info.get("model_id", "N/A")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('model ')),
      [],
    );
  });
});

describe('inventory: models given to provider factories, raw HTTP bodies and parameter defaults', () => {
  it("reads gateway ids given to the workspace's own provider factory in an AI SDK call", async () => {
    const bom = await inventoryOf({
      'examples/openai.ts': [
        "import { generateText } from 'ai';",
        "import { createStripe } from '..';",
        'const llm = createStripe({ apiKey: process.env.KEY! });',
        "const a = await generateText({ model: llm('openai/gpt-4.1'), prompt: 'Hi' });",
        "const b = await generateText({ model: llm('anthropic/claude-sonnet-4', { customerId: 'c' }), prompt: 'Hi' });",
        // Near misses: a factory's argument that is no hosted model id, and a method's argument.
        "const c = await generateText({ model: llm('my-router'), prompt: 'Hi' });",
        "const d = { model: registry.languageModel('openai/gpt-4o') };",
      ].join('\n'),
    });
    assert.deepEqual(
      bom.components.filter((component) => component.kind === 'model').map((component) => component.ref),
      ['model:anthropic/claude-sonnet-4', 'model:openai/gpt-4.1'],
    );
  });

  it('reads the model of a body posted to an AI API over plain HTTP, and of a URL built from a model variable', async () => {
    const bom = await inventoryOf({
      'server.js': [
        'app.get("/token", async (req, res) => {',
        '  const r = await fetch("https://api.openai.com/v1/realtime/sessions", {',
        '    method: "POST",',
        '    body: JSON.stringify({ model: "gpt-4o-realtime-preview-2025-06-03", voice: "verse" }),',
        '  });',
        '});',
      ].join('\n'),
      'client/App.jsx': [
        'const baseUrl = "https://api.openai.com/v1/realtime";',
        'const model = "gpt-4o-realtime-preview-2024-12-17";',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the JavaScript source under test.
        'await fetch(`${baseUrl}?model=${model}`, { method: "POST" });',
      ].join('\n'),
      // Near miss: the same object in a file that reaches no AI API is a label.
      'ui/labels.js': 'const option = { model: "gpt-4o-mini", label: "Mini" };\n',
    });
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('model ')),
      ['model gpt-4o-realtime-preview-2024-12-17 (openai)', 'model gpt-4o-realtime-preview-2025-06-03 (openai)'],
    );
  });

  it('reads defaults of parameters named for a model, in Python and TypeScript', async () => {
    const bom = await inventoryOf({
      'stacks/util.py': [
        'from aws_cdk import aws_stepfunctions_tasks as tasks',
        '',
        'def invoke_chain(scope, id, claude_model_id: str = "global.anthropic.claude-haiku-4-5-20251001-v1:0", max_tokens=250):',
        '    return tasks.BedrockInvokeModel(scope, id)',
        '',
        'def label(name="gpt-4o"):',
        '    return name',
      ].join('\n'),
      'src/ask.ts': 'export async function ask(prompt: string, model: string = "claude-3-5-haiku-latest") {\n  return prompt;\n}\n',
      // Near miss: test code makes its parameters up.
      'tests/test_util.py': 'def test_chain(model="gpt-4o-mini"):\n    assert model\n',
    });
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('model ')),
      ['model claude-3-5-haiku-latest (anthropic)', 'model global.anthropic.claude-haiku-4-5-20251001-v1:0 (aws-bedrock)'],
    );
  });

  it('reads Whisper checkpoints loaded by name, and not other load_model calls', async () => {
    const bom = await inventoryOf({
      'plugins/speech2text.py': [
        'try:',
        '    import whisper',
        'except ImportError:',
        '    raise',
        '',
        'model = whisper.load_model("base")',
        'large = whisper.load_model(name="large-v3")',
        'custom = whisper.load_model("checkpoints/mine.pt")',
      ].join('\n'),
      'train.py': 'import keras\nmodel = keras.models.load_model("base")\n',
    });
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('model ')),
      ['model whisper-base (openai)', 'model whisper-large-v3 (openai)'],
    );
  });

  it('names distributions of namespace packages by their import path', async () => {
    const bom = await inventoryOf({
      'rag.py': [
        'from llama_index.core import VectorStoreIndex',
        'from llama_index.core.llms import ChatMessage',
        'from llama_index.vector_stores.faiss import FaissVectorStore',
        'from llama_index.llms import OpenAI',
        // Near miss: a helper module of the old single package names no distribution.
        'from llama_index.llms.base import LLM',
        'from openinference.instrumentation.smolagents import SmolagentsInstrumentor',
      ].join('\n'),
    });
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('sdk ')),
      ['sdk llama-index', 'sdk llama-index-core', 'sdk llama-index-vector-stores-faiss', 'sdk openinference-instrumentation-smolagents'],
    );
  });
});

describe('inventory: Hugging Face Inference Providers', () => {
  it('reads the provider a Hub client routes to as that provider’s service', async () => {
    const bom = await inventoryOf({
      'agent.py': [
        'from smolagents import InferenceClientModel',
        'model = InferenceClientModel(model_id="meta-llama/Llama-3.3-70B-Instruct", provider="nebius")',
      ].join('\n'),
      'client.py': [
        'from huggingface_hub import InferenceClient',
        'client = InferenceClient(provider="together")',
        // Near misses: the automatic choice, an unknown name, and a provider keyword of another call.
        'auto = InferenceClient(provider="auto")',
        'other = InferenceClient(provider="acme")',
        'settings = dict(provider="groq")',
      ].join('\n'),
    });
    const services = refsOf(bom, 'service');
    assert.ok(services.includes('service:nebius') && services.includes('service:together'), services.join('\n'));
    assert.ok(!services.includes('service:groq'), services.join('\n'));
  });
});

describe('inventory: the AWS SDK for JavaScript v2', () => {
  it('counts as a Bedrock SDK only where code creates a Bedrock client', async () => {
    const bedrock = await inventoryOf({
      'package.json': JSON.stringify({ dependencies: { 'aws-sdk': '^2.1500.0' } }),
      'index.js': "const AWS = require('aws-sdk');\nconst client = new AWS.BedrockRuntime({ region: 'us-east-1' });\n",
    });
    assert.deepEqual(summary(bedrock), ['sdk aws-sdk', 'service Amazon Bedrock (aws-bedrock)']);
    // Near miss: the same package for S3 alone is no AI SDK.
    const storage = await inventoryOf({
      'package.json': JSON.stringify({ dependencies: { 'aws-sdk': '^2.1500.0' } }),
      'index.js': "const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\n",
    });
    assert.deepEqual(summary(storage), []);
  });
});

describe('inventory: sentence-transformers models listed by their short names', () => {
  it('reads the pretrained names a model list holds in a file that uses AI', async () => {
    const bom = await inventoryOf({
      'llm/sentence_transformer.py': [
        'class SentenceTransformerServiceConfig(LLMServiceConfig):',
        '    def _configure(self):',
        '        self.embedding_model_candidates = [',
        '            "all-mpnet-base-v2",',
        '            "multi-qa-MiniLM-L6-cos-v1",',
        '        ]',
        '',
        'def load(name):',
        '    from sentence_transformers import SentenceTransformer',
        '    return SentenceTransformer(name)',
      ].join('\n'),
      // Near misses: the same names in a file without AI, and a list whose name says nothing of models.
      'docs/names.py': 'EMBEDDING_MODELS = ["all-MiniLM-L6-v2"]\n',
      'app/tags.py': 'import openai\nTAGS = ["all-mpnet-base-v2"]\n',
    });
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('model ')),
      ['model all-mpnet-base-v2 (huggingface)', 'model multi-qa-MiniLM-L6-cos-v1 (huggingface)'],
    );
  });
});
