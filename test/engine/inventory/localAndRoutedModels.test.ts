import * as assert from 'node:assert/strict';
import { modelOfSetting } from '../../../server/src/engine/inventory/modelSettings';
import { inventoryOf, namesOf, notebookOf, refsOf } from './helpers';

describe('inventory: local-runtime, Llama API and gateway-routed models', () => {
  it('Ollama module functions take the model first, bare family names included', async () => {
    const bom = await inventoryOf({
      'generate.py':
        "from ollama import generate\n\nfor part in generate('llava', 'explain this comic:', images=[b''], stream=True):\n  print(part)\n",
      'think.py': "from ollama import chat\n\nresponse = chat('deepseek-r1', messages=[], think=True)\n",
      // The client's first argument is its host, and a variable names no model here.
      'client.py': "from ollama import Client, chat\n\nclient = Client('http://localhost:11434')\nchat(model_name, messages=[])\n",
      // A test double's name against a mocked server is no model.
      'tests/test_client.py':
        "from ollama import Client\n\nclient = Client('http://localhost:1')\nclient.generate('dummy-image', 'a sunset')\n",
    });
    assert.deepEqual(namesOf(bom, 'model'), ['deepseek-r1', 'llava']);
  });

  it('LM Studio model keys join a publisher and a sized name with an underscore', async () => {
    assert.equal(modelOfSetting(['LOCAL_LLM'], 'qwen_qwq-32b')?.id, 'qwen_qwq-32b');
    // A package or module name is no model, even under a key that says LLM.
    for (const value of ['llama_index', 'llama_cpp', 'qwen_agent', 'mistral_common'])
      assert.equal(modelOfSetting(['LLM'], value), undefined, value);
    const bom = await inventoryOf({
      '.env.example': 'LLM_PROVIDER=lmstudio          # Options: ollama, lmstudio\nLOCAL_LLM=qwen_qwq-32b         # Model name\n',
    });
    assert.deepEqual(namesOf(bom, 'model'), ['qwen_qwq-32b']);
  });

  it("Meta's Llama API ids given to its client", async () => {
    const bom = await inventoryOf({
      'api.py': [
        'from llama_api_client import LlamaAPIClient',
        'client = LlamaAPIClient()',
        'client.chat.completions.create(model="Llama-4-Maverick-17B-128E-Instruct-FP8", messages=[])',
        'client.chat.completions.create(model="Llama-3.3-8B-Instruct", messages=[])',
        '',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'model'), ['Llama-3.3-8B-Instruct', 'Llama-4-Maverick-17B-128E-Instruct-FP8']);
    assert.ok(namesOf(bom, 'sdk').includes('llama-api-client'));
  });

  it('OpenRouter routes in configs a notebook writes, with the notebook line', async () => {
    const bom = await inventoryOf({
      'prompt-ops.ipynb': notebookOf(
        'import prompt_ops\n',
        '%%writefile custom_config.yaml\nsystem_prompt:\n  file: "prompts/prompt.txt"\nmodel:\n  task_model: "openrouter/meta-llama/llama-3.3-70b-instruct"\n',
        // A cell that writes a script or a config without a model adds nothing.
        '%%writefile app.py\nmodel = "openrouter/meta-llama/llama-3.1-8b-instruct"\n',
        '%%writefile settings.yaml\noutput_dir: "openrouter/results"\nmodel: "openrouter/test-model"\n',
      ),
    });
    assert.deepEqual(refsOf(bom, 'model'), ['model:openrouter/meta-llama/llama-3.3-70b-instruct']);
    const model = bom.components.find((component) => component.kind === 'model');
    assert.equal(model?.provider, 'openrouter');
    // The line of `task_model:` in the notebook's JSON (one source line per JSON line).
    assert.deepEqual(
      model?.occurrences.map((occurrence) => `${occurrence.path}:${occurrence.line}`),
      ['prompt-ops.ipynb:18'],
    );
  });
});

describe('inventory: a model picker compares the selection with its preferred models', () => {
  it('reads the preferred ids a picker searches its models for, and a selection compared with an id', async () => {
    const bom = await inventoryOf({
      'src/chat-input-panel.tsx': [
        'export function pick(models: Model[], selectedModel: string) {',
        '  const bedrockModels = models.filter((m) => m.provider === "bedrock");',
        '  let candidate = bedrockModels.find((m) => m.name === "anthropic.claude-v2");',
        '  if (!candidate) candidate = models.find((m) => m.name === "gpt-3.5-turbo-16k");',
        '  if (selectedModel === "gpt-4") return candidate;',
        '  return candidate;',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'model'), ['anthropic.claude-v2', 'gpt-3.5-turbo-16k', 'gpt-4']);
  });

  it('near misses: a comparison with a label, a list that holds no models, an inequality', async () => {
    const bom = await inventoryOf({
      'src/labels.tsx': [
        'export function pick(users: User[], label: string, tab: string) {',
        '  const user = users.find((u) => u.name === "gpt-4");',
        '  if (label === "claude-3-opus") return user;',
        '  if (tab !== "gpt-4o") return user;',
        '  return undefined;',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'model'), []);
  });
});

describe('inventory: evaluation cases an eval script reads through a name it rebinds', () => {
  it('reads `cases = "…json"` then `with open(cases) as f: cases = json.load(f)`, not what it writes', async () => {
    const script = [
      'import json',
      'from examples.airline.evals.eval_utils import run_function_evals',
      '',
      'triage_cases = "eval_cases/triage_cases.json"',
      'results = "eval_results/triage_evals.json"',
      '',
      'if __name__ == "__main__":',
      '    with open(triage_cases, "r") as file:',
      '        triage_cases = json.load(file)',
      '    outcome = run_function_evals(triage_cases)',
      '    with open(results, "w") as file:',
      '        json.dump(outcome, file)',
      '',
    ].join('\n');
    const bom = await inventoryOf({
      'examples/airline/evals/function_evals.py': script,
      'examples/airline/evals/eval_cases/triage_cases.json': '[]',
      'examples/airline/evals/eval_results/triage_evals.json': '[]',
    });
    assert.deepEqual(namesOf(bom, 'dataset'), ['examples/airline/evals/eval_cases/triage_cases.json']);
  });
});

describe("inventory: data files of a trainer's dataset config", () => {
  it('reads `data_files` of a dataset section from the folder the trainer runs in, written or not', async () => {
    const config = [
      'dataset:',
      '  _component_: torchtune.datasets.instruct_dataset',
      '  source: json',
      '  data_files: torchtune_configs/pii_train.json',
      'tokenizer:',
      '  path: /tmp/Meta-Llama-Guard-3-8B/original/tokenizer.model',
      'eval:',
      '  data_files: [eval/a.json]',
      '',
    ].join('\n');
    const bom = await inventoryOf({ 'guard/torchtune_configs/8B_guard_full.yaml': config });
    assert.deepEqual(namesOf(bom, 'dataset'), ['guard/torchtune_configs/pii_train.json']);
  });
});

describe('inventory: data a notebook downloads with a shell line', () => {
  it('names a corpus by its folder or file, and a file of its own repository by its path when the workspace has it', async () => {
    const bom = await inventoryOf({
      'distillation.ipynb': notebookOf(
        'from transformers import pipeline\n',
        '!mkdir Datasets && cd Datasets && wget https://www.replaywell.com/atco2/download/ATCO2-ASRdataset-v1_beta.tgz && tar xf ATCO2-ASRdataset-v1_beta.tgz\n',
        '! wget https://guillaumejaume.github.io/FUNSD/dataset.zip\n',
        '!wget https://raw.githubusercontent.com/owner/rag/main/data/q_a.json -O data/q_a.json\n',
        '!wget https://raw.githubusercontent.com/owner/rag/main/data/missing.json\n',
        // Weights, source archives and a script are no data.
        '!wget https://example.com/models/model_weights.zip\n!wget https://github.com/owner/repo/archive/refs/heads/main.zip\n!curl -O https://example.com/tools/run.sh\n',
      ),
      'data/q_a.json': '[]',
    });
    assert.deepEqual(namesOf(bom, 'dataset'), ['ATCO2-ASRdataset-v1_beta', 'FUNSD', 'data/q_a.json']);
  });

  it('near miss: a notebook that imports no AI package downloads no dataset', async () => {
    const bom = await inventoryOf({
      'setup.ipynb': notebookOf('import os\n', '!wget https://guillaumejaume.github.io/FUNSD/dataset.zip\n'),
    });
    assert.deepEqual(namesOf(bom, 'dataset'), []);
  });
});

describe('inventory: the document folder of a knowledge base', () => {
  it('reads `kb_files_path` of a deployment config from its folder, not paths, buckets or files', async () => {
    const bom = await inventoryOf({
      'agents/prereqs/prereqs_config.yaml':
        "knowledge_base_name: 'restaurant-assistant'\nkb_files_path: 'kb_files'\ntable_name: 'bookings'\n",
      'other/config.yaml': "kb_files_path: 's3://bucket/docs'\nkb_data_dir: /var/data\nknowledge_base_docs: docs/menu.pdf\n",
    });
    assert.deepEqual(namesOf(bom, 'dataset'), ['agents/prereqs/kb_files']);
  });
});

describe("inventory: named datasets of a training library's datasets module", () => {
  it('reads dataset configs and builders imported and used, not generic builders or unused imports', async () => {
    const bom = await inventoryOf({
      'finetune.py': [
        'import torch',
        'from llama_cookbook.configs.datasets import samsum_dataset',
        'from llama_cookbook.datasets.toxicchat_dataset import get_llamaguard_toxicchat_dataset',
        'from torchtune.datasets import alpaca_dataset, instruct_dataset',
        'from llama_cookbook.datasets.custom_dataset import get_custom_dataset',
        'from datasets import load_dataset',
        '',
        'samsum_dataset.trust_remote_code = True',
        'evaluation = get_llamaguard_toxicchat_dataset(None, tokenizer, "test")',
        'train = instruct_dataset(tokenizer, source="json")',
        'custom = get_custom_dataset(config)',
        '',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'dataset'), ['llamaguard_toxicchat_dataset', 'samsum_dataset']);
  });
});

describe('inventory: Bedrock inference profiles built at run time', () => {
  it('joins a region prefix with a Bedrock id the file binds once', async () => {
    const bom = await inventoryOf({
      'invoke.py': [
        'import boto3',
        'MODEL_ID = "anthropic.claude-3-5-sonnet-20240620-v1:0"',
        'client = boto3.client("bedrock-runtime")',
        'client.converse(modelId=f"us.{MODEL_ID}", messages=[])',
        '',
      ].join('\n'),
      'invoke.ts': [
        'import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";',
        'const modelId = "amazon.nova-pro-v1:0";',
        'const profile = "global." + modelId;',
        // A name bound to an id that already has its region, or to no Bedrock id, builds nothing.
        'const regional = "us.amazon.nova-lite-v1:0";',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source under test, as written.
        'const other = `eu.${regional}`;',
        'const bucket = "my-bucket";',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source under test, as written.
        'const key = `eu.${bucket}`;',
        '',
      ].join('\n'),
    });
    const profiles = namesOf(bom, 'model').filter((name) => /^(?:us|eu|global)\./.test(name));
    assert.deepEqual(profiles, ['global.amazon.nova-pro-v1:0', 'us.anthropic.claude-3-5-sonnet-20240620-v1:0']);
  });
});
