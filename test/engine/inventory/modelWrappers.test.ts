import * as assert from 'node:assert/strict';
import { isOllamaModelName } from '../../../server/src/engine/inventory/modelSettings';
import { inventoryOf, notebookOfLines, summary } from './helpers';

const models = (bom: Awaited<ReturnType<typeof inventoryOf>>) => summary(bom).filter((line) => line.startsWith('model '));

const WRAPPER_MODULE = [
  'from anthropic import Anthropic',
  'class ClaudeModel:',
  '    def __init__(self, model: str, api_key=None, **kwargs):',
  '        self.client = Anthropic()',
  '        self.model = model',
  'class GenericLLMProvider:',
  '    def __init__(self, provider, name, temperature=0.0):',
  '        self.client = Anthropic()',
  '        self.kwargs = dict(model=name)',
  'class Retriever:',
  '    def __init__(self, index_name: str, k: int = 3):',
  '        self.client = Anthropic()',
  'def get_llm(provider: str, **kwargs):',
  '    return GenericLLMProvider(provider, **kwargs)',
  '',
].join('\n');

describe('inventory: model ids given to wrapper classes of the workspace', () => {
  it('follows an imported class to its definition and its model parameter (keyword and position)', async () => {
    const bom = await inventoryOf({
      'pkg/lm.py': WRAPPER_MODULE,
      'examples/run.py': [
        'from pkg.lm import ClaudeModel, GenericLLMProvider',
        'a = ClaudeModel(model="claude-3-haiku-20240307", max_tokens=500)',
        'b = GenericLLMProvider("openai", "meta-llama/Llama-3.1-8B-Instruct")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), ['model claude-3-haiku-20240307 (anthropic)', 'model meta-llama/Llama-3.1-8B-Instruct (huggingface)']);
  });

  it('resolves relative imports, package re-exports and functions taking **kwargs', async () => {
    const bom = await inventoryOf({
      'pkg/lm.py': WRAPPER_MODULE,
      'pkg/sub/engine.py':
        'import dspy\nfrom ..lm import ClaudeModel\nlm = ClaudeModel(model="together_ai/meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo")\n',
      'tests/t.py': 'from pkg import get_llm\nllm = get_llm("openai", model="gpt-4o-mini")\n',
    });
    assert.deepEqual(models(bom), ['model gpt-4o-mini (openai)', 'model meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo (huggingface)']);
  });

  it('lists nothing when the definition takes no model, is not in the workspace, or its module imports no AI', async () => {
    const bom = await inventoryOf({
      'pkg/lm.py': WRAPPER_MODULE,
      'plain/store.py': 'class Cache:\n    def __init__(self, model):\n        self.model = model\n',
      'run.py': [
        'from pkg.lm import Retriever, ClaudeModel',
        'from plain.store import Cache',
        'from elsewhere import Thing',
        'r = Retriever("org/index-name")',
        'c = Cache(model="org/some-model")',
        't = Thing(model="org/other-model")',
        'x = ClaudeModel(model="default")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), []);
  });

  it('near miss: a positional id at a position the wrapper gives no model parameter', async () => {
    const bom = await inventoryOf({
      'pkg/lm.py': WRAPPER_MODULE,
      'run.py': 'from pkg.lm import GenericLLMProvider\np = GenericLLMProvider("org/provider-config", temperature=0.2)\n',
    });
    assert.deepEqual(models(bom), []);
  });
});

describe('inventory: Ollama name:tag models in settings and script defaults', () => {
  it('reads script defaults and env defaults of a file that names Ollama', async () => {
    const bom = await inventoryOf({
      'run_ollama.py': [
        'from argparse import ArgumentParser',
        'parser = ArgumentParser()',
        'parser.add_argument("--url", default="http://localhost", help="URL of the Ollama server.")',
        'parser.add_argument("--model", type=str, default="llama3:latest", help="Model of the Ollama server.")',
        '',
      ].join('\n'),
      'settings.py':
        'import os\nOLLAMA_MODEL = os.getenv("OLLAMA_MODEL", "qwen2.5:7b")\nMODEL = os.getenv("MODEL", "phi3")  # served by ollama\n',
    });
    assert.deepEqual(models(bom), ['model llama3:latest (ollama)', 'model phi3 (ollama)', 'model qwen2.5:7b (ollama)']);
  });

  it('reads an Ollama client id as name:tag, not as a provider prefix', async () => {
    const bom = await inventoryOf({ 'a.py': 'from llama_index.llms.ollama import Ollama\nllm = Ollama(model="mistral:instruct")\n' });
    assert.deepEqual(models(bom), ['model mistral:instruct (ollama)']);
  });

  it('never lists images, versions or ports, nor name:tag defaults of a file that does not name Ollama', async () => {
    const bom = await inventoryOf({
      'deploy.py': [
        'import os',
        'parser.add_argument("--model-image", default="redis:7")',
        'IMAGE_MODEL = os.getenv("IMAGE_MODEL", "python:3.11")  # ollama sidecar',
        'MODEL_HOST = os.getenv("MODEL_HOST", "localhost:8000")  # ollama',
        '',
      ].join('\n'),
      'other.py':
        'from argparse import ArgumentParser\nparser = ArgumentParser()\nparser.add_argument("--model", default="llama3:latest")\n',
    });
    assert.deepEqual(models(bom), []);
    for (const id of ['redis:7', 'python:3.11', 'localhost:8000', 'postgres:16-alpine', 'node:20']) assert.ok(!isOllamaModelName(id), id);
    for (const id of ['llama3.1:8b', 'qwen2.5:7b', 'phi3', 'mistral-nemo', 'foo:7b-instruct-q4_K_M']) assert.ok(isOllamaModelName(id), id);
  });
});

describe('inventory: model ids given to a helper of another notebook cell', () => {
  const helperCell = [
    'import together',
    'def generate_embeddings(input_texts, model_api_string):',
    '    client = together.Together()',
    '    return client.embeddings.create(input=input_texts, model=model_api_string)',
  ];

  it('follows the call in a later cell to the helper and the model argument it hands on', async () => {
    const bom = await inventoryOf({
      'rag.ipynb': notebookOfLines([helperCell, ['vectors = generate_embeddings(["a"], "BAAI/bge-base-en-v1.5")']]),
    });
    assert.deepEqual(models(bom), ['model BAAI/bge-base-en-v1.5 (huggingface)']);
  });

  it('lists nothing when the helper hands the argument to no model parameter', async () => {
    const bom = await inventoryOf({
      'rag.ipynb': notebookOfLines([
        ['import together', 'def load_rows(dataset_name, split):', '    return together.Together().files.list()'],
        ['rows = load_rows("BAAI/some-corpus", "train")'],
      ]),
    });
    assert.deepEqual(models(bom), []);
  });
});
