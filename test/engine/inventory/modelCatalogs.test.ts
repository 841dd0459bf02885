import * as assert from 'node:assert/strict';
import { inventoryOf, summary } from './helpers';

const models = (bom: Awaited<ReturnType<typeof inventoryOf>>) =>
  summary(bom)
    .filter((line) => line.startsWith('model '))
    .sort((a, b) => a.localeCompare(b));

describe('inventory: model catalogs of apps', () => {
  it('lists every id of a JSON catalog whose entries name their provider, whatever the id shape', async () => {
    const bom = await inventoryOf({
      'lib/models.json': JSON.stringify(
        {
          models: [
            { id: 'models/gemini-2.0-flash', provider: 'Google Generative AI', providerId: 'google', name: 'Gemini 2.0 Flash' },
            { id: 'qwen/qwen3-32b', provider: 'Groq', providerId: 'groq', name: 'Qwen3 32B' },
            { id: 'accounts/fireworks/models/zai-org/glm-4p5', provider: 'Fireworks', providerId: 'fireworks', name: 'GLM' },
            { id: 'llama3.1', provider: 'Ollama', providerId: 'ollama', name: 'Llama 3.1' },
            { id: 'default', provider: 'Ollama', providerId: 'ollama' },
            { id: 'your-model-id', provider: 'Groq' },
          ],
        },
        null,
        2,
      ),
      // A login provider list is no model catalog: neither the key nor the list says model.
      'config/auth.json': JSON.stringify({ providers: [{ id: 'github', provider: 'google' }] }, null, 2),
      // A provider that serves no models (`github`) makes no catalog.
      'lib/other-models.json': JSON.stringify({ models: [{ id: 'octo', provider: 'github' }] }, null, 2),
    });
    assert.deepEqual(models(bom), [
      'model accounts/fireworks/models/zai-org/glm-4p5 (fireworks)',
      'model gemini-2.0-flash (google)',
      'model llama3.1 (ollama)',
      'model qwen/qwen3-32b (groq)',
    ]);
  });

  it('lists TypeScript and Python catalog entries by their id keys, once, with the entry provider', async () => {
    const bom = await inventoryOf({
      'lib/models/llm/groq-llm-list.ts': [
        'import { LLM } from "@/types"',
        'const LLaMA3_8B: LLM = {',
        '  modelId: "llama3-8b-8192",',
        '  modelName: "LLaMA3-8b-chat",',
        '  provider: "groq",',
        '  hostedId: "llama3-8b-8192",',
        '}',
        'const MIXTRAL: LLM = { modelId: "mixtral-8x7b-32768", modelName: "Mixtral", provider: "groq" }',
        'export const GROQ_LLM_LIST: LLM[] = [LLaMA3_8B, MIXTRAL]',
        '',
      ].join('\n'),
      'catalog.py': 'MODELS = [{"model_id": "sonar-small-chat", "provider": "perplexity"}]\n',
      // Neither a provider that serves models nor an id key: not a catalog.
      'lib/db.ts': 'export const tables = [{ modelId: "User", provider: "prisma" }, { name: "gemma-7b-it", provider: "groq" }]\n',
    });
    assert.deepEqual(models(bom), [
      'model llama3-8b-8192 (groq)',
      'model mixtral-8x7b-32768 (groq)',
      'model sonar-small-chat (perplexity)',
    ]);
  });

  it('reads ids on an SDK surface reached through the workspace client module', async () => {
    const bom = await inventoryOf({
      'app/openai.ts': 'import OpenAI from "openai";\nexport const openai = new OpenAI();\n',
      'app/api/route.ts': [
        'import { openai } from "@/app/openai";',
        'export async function POST() {',
        '  return openai.beta.assistants.create({ name: "A", model: "gpt-4o" });',
        '}',
        // Not an SDK surface, not a hosted provider's id.
        'export const saved = store.save({ model: "gpt-4o-mini" });',
        'export const other = openai.beta.assistants.create({ model: "my-assistant" });',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), ['model gpt-4o (openai)']);
  });

  it('reads UI model pickers in JSX: select options and the state default, by a hosted id only', async () => {
    const bom = await inventoryOf({
      'src/InputForm.tsx': [
        'import { useState } from "react";',
        'export function InputForm() {',
        '  const [model, setModel] = useState("gemini-2.5-flash-preview-04-17");',
        '  const [effort, setEffort] = useState("gpt-is-not-a-setting");',
        '  return (',
        '    <Select value={model} onValueChange={setModel}>',
        '      <SelectItem value="gemini-2.5-pro-preview-05-06">2.5 Pro</SelectItem>',
        '      <option value="claude-haiku-4-5">Haiku</option>',
        '      <option value="medium">Medium</option>',
        '      <input value="gpt-4o" />',
        '    </Select>',
        '  );',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), [
      'model claude-haiku-4-5 (anthropic)',
      'model gemini-2.5-flash-preview-04-17 (google)',
      'model gemini-2.5-pro-preview-05-06 (google)',
    ]);
  });
});

describe('inventory: Hub repositories of training configs and local runtimes', () => {
  it('reads tokenizer and model Hub ids of YAML training configs, not folders', async () => {
    const bom = await inventoryOf({
      'configs/pretrain.yaml': [
        'tokenizer:',
        '  tokenizer_name_or_path: HuggingFaceTB/cosmo2-tokenizer',
        'model:',
        '  model_name_or_path: checkpoints/nanotron/Nanotron-Llama-3.2-3B',
        '  model_path: runs/last',
        'hub_model_id: your-org/your-model',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), ['model HuggingFaceTB/cosmo2-tokenizer (huggingface)']);
  });

  it('reads mlx_lm.load and MLCEngine repositories, and Hub ids a subclass gives its base wrapper', async () => {
    const bom = await inventoryOf({
      'mlx.py': 'from mlx_lm import load\nmodel, tokenizer = load("HuggingFaceTB/SmolLM2-1.7B-Instruct-Q8-mlx")\n',
      'mlc.py': 'from mlc_llm import MLCEngine\nmodel = "HF://mlc-ai/SmolLM2-1.7B-Instruct-q0f16-MLC"\nengine = MLCEngine(model)\n',
      'tools/base.py': [
        'from llama_cpp import Llama',
        'class SmolTool:',
        '    def __init__(self, model_repo: str, model_filename: str):',
        '        self.model = Llama.from_pretrained(repo_id=model_repo, filename=model_filename)',
        '',
      ].join('\n'),
      'tools/titler.py': [
        'from .base import SmolTool',
        'class SmolTitler(SmolTool):',
        '    def __init__(self):',
        '        super().__init__(model_repo="andito/SmolLM2-1.7B-Instruct-F16-GGUF", model_filename="m.gguf")',
        '',
      ].join('\n'),
      // Not a wrapper of the workspace: a keyword of an unknown class is not read.
      'other.py': 'from .store import Cache\nCache(model_name="org/some-table")\n',
    });
    assert.deepEqual(models(bom), [
      'model andito/SmolLM2-1.7B-Instruct-F16-GGUF (huggingface)',
      'model HuggingFaceTB/SmolLM2-1.7B-Instruct-Q8-mlx (huggingface)',
      'model mlc-ai/SmolLM2-1.7B-Instruct-q0f16-MLC (huggingface)',
    ]);
  });

  it('reads canonical Hub names without an owner only where a loader or a model setting takes them', async () => {
    const bom = await inventoryOf({
      'config/eval_gpt2_xl.py': "batch_size = 8\ninit_from = 'gpt2-xl'\n",
      'model.py': [
        'from transformers import GPT2LMHeadModel',
        'class GPT:',
        '    @classmethod',
        '    def from_pretrained(cls, model_type):',
        "        assert model_type in {'gpt2', 'gpt2-medium'}",
        '        return GPT2LMHeadModel.from_pretrained(model_type)',
        '',
      ].join('\n'),
      'train.py': 'import argparse\np = argparse.ArgumentParser()\np.add_argument("--base_model", default="t5-small")\n',
      // An encoding name and a plain label are not models.
      'prepare.py': "import tiktoken\nenc = tiktoken.get_encoding('gpt2')\nlabel = 'bert-base-uncased'\n",
    });
    assert.deepEqual(models(bom), [
      'model gpt2 (huggingface)',
      'model gpt2-medium (huggingface)',
      'model gpt2-xl (huggingface)',
      'model t5-small (huggingface)',
    ]);
  });
});
