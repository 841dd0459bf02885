import * as assert from 'node:assert/strict';
import { find, inventoryOf, propertyValues, summary } from './helpers';

const models = (bom: Awaited<ReturnType<typeof inventoryOf>>) =>
  summary(bom)
    .filter((line) => line.startsWith('model '))
    .sort((a, b) => a.localeCompare(b));

/** A notebook of code cells (one string of source each). */
function notebook(...cells: string[]): string {
  return JSON.stringify(
    { cells: cells.map((source) => ({ cell_type: 'code', source: [source] })), metadata: {}, nbformat: 4, nbformat_minor: 5 },
    null,
    1,
  );
}

describe('inventory: models named outside a call', () => {
  it('lists model pickers, tables and enums by a provider pattern or a gateway id, in a file without AI imports', async () => {
    const bom = await inventoryOf({
      'lib/ai/models.ts': [
        'export const DEFAULT_CHAT_MODEL = "google/gemini-2.5-flash-lite";',
        'export const chatModels: ChatModel[] = [',
        '  { id: "anthropic/claude-sonnet-4.5", name: "Claude Sonnet 4.5", provider: "anthropic" },',
        '  { id: "xai/grok-4.1-fast-non-reasoning", name: "Grok 4.1 Fast" },',
        '];',
        'export function Picker() {',
        '  const models = [{ value: "claude-haiku-4-5", label: "Haiku" }];',
        '  return models;',
        '}',
        '',
      ].join('\n'),
      'lib/ai/types.ts': 'export type ChatModelId = "gpt-5-mini" | "claude-opus-4-1";\n',
      'agent.py': 'from openai import OpenAI\nTITLE_MODEL_FOR_SUMMARIES = "gpt-4o-mini"\n',
      'constants.py': [
        'from enum import Enum',
        'class Model(str, Enum):',
        '    HAIKU = "claude-haiku-4-5"',
        'MODEL_TO_CONF = {"gpt-4.1-mini": {"max_tokens": 100}}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), [
      'model claude-haiku-4-5 (anthropic)',
      'model claude-opus-4-1 (anthropic)',
      'model claude-sonnet-4.5 (anthropic)',
      'model gemini-2.5-flash-lite (google)',
      'model gpt-4.1-mini (openai)',
      'model gpt-4o-mini (openai)',
      'model gpt-5-mini (openai)',
      'model grok-4.1-fast-non-reasoning (xai)',
    ]);
    const picked = find(bom, 'model', 'claude-sonnet-4.5');
    assert.deepEqual(propertyValues(picked, 'model:route'), ['anthropic/claude-sonnet-4.5']);
    assert.deepEqual(
      picked.occurrences.map((entry) => `${entry.path}:${entry.line}:${entry.evidence}:${entry.symbol}`),
      ['lib/ai/models.ts:3:constant:chatModels'],
    );
  });

  it('near misses: unnamed or unqualified constants, tables not named for models, Hub ids, test code', async () => {
    const bom = await inventoryOf({
      'util.ts': "import _ from 'lodash';\nexport const model = 'gpt-4o';\nexport const PRICES = { 'gpt-4o': 2.5 };\n",
      'labels.py': 'def f():\n    model = "claude-3-opus"\n    return model\nchat_models = ["org/some-name", "my-model"]\n',
      'tests/test_models.py': 'TEST_MODELS = ["gpt-4o", "claude-3-opus"]\n',
      // Patterns an id is matched against (`any(p in model_id for p in …)`): families cut short, not models.
      'adapters/base.py': 'import boto3\nsingle_param_model_patterns = ["anthropic.claude-opus-4", "anthropic.claude-haiku-4"]\n',
      'routing.ts': "import OpenAI from 'openai';\nexport const MODEL_PREFIXES = ['gpt-5', 'o4-mini'];\n",
      // A configuration table names families and bases other entries extend, beside the models.
      'modelConfigs.ts': [
        "import { GoogleGenAI } from '@google/genai';",
        'export const DEFAULT_MODEL_CONFIGS = {',
        "  'gemini-3-flash-base': { extends: 'base', modelConfig: { temperature: 1 } },",
        "  pro: { tier: 'pro', family: 'gemini-2.5' },",
        '};',
        "export const isGemini3 = (id: string) => service.getModelDefinition(id)?.family === 'gemini-3';",
      ].join('\n'),
    });
    assert.deepEqual(models(bom), []);
  });

  it('C#: a provider model id handed to a base constructor', async () => {
    const bom = await inventoryOf({
      'Step03.cs': [
        'using Microsoft.SemanticKernel;',
        'public class Step03(ITestOutputHelper output) : BaseResponsesAgentTest(output, "o4-mini") { }',
        'public class Step04(ITestOutputHelper output) : BaseAgentTest(output, "chat") { }',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), ['model o4-mini (openai)']);
    assert.equal(find(bom, 'model', 'o4-mini').occurrences[0].symbol, 'BaseResponsesAgentTest');
  });

  it('script defaults: argparse options and argument-class fields named for a model, with a Hub id', async () => {
    const bom = await inventoryOf({
      'train.py': [
        'import argparse',
        'from dataclasses import dataclass, field',
        'from trl import SFTTrainer',
        'parser = argparse.ArgumentParser()',
        'parser.add_argument(',
        '    "--model",',
        '    type=str,',
        '    default="Qwen/Qwen2.5-0.5B-Instruct",',
        ')',
        'parser.add_argument("--output_dir", default="outputs/run1")',
        'parser.add_argument("--model_revision", default="main")',
        'parser.add_argument("--reward_model", default="./checkpoints/rm")',
        'parser.add_argument("--base_model", default="username/repo")',
        '@dataclass',
        'class ScriptArguments:',
        '    model_name_or_path: str = "google/gemma-2-2b-it"',
        '    judge_model: str = field(default="gpt-4o-mini")',
        '    model_output_dir: str = field(default="org/out")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), [
      'model google/gemma-2-2b-it (huggingface)',
      'model gpt-4o-mini (openai)',
      'model Qwen/Qwen2.5-0.5B-Instruct (huggingface)',
    ]);
    assert.equal(find(bom, 'model', 'Qwen/Qwen2.5-0.5B-Instruct').occurrences[0].line, 8);
  });

  it('script options: the models and datasets their choices allow (bare Hub names only beside namespaced ones)', async () => {
    const bom = await inventoryOf({
      'examples/int8_correction.py': [
        'import argparse',
        'import click',
        'from transformers import AutoModelForSeq2SeqLM',
        'parser = argparse.ArgumentParser()',
        'parser.add_argument(',
        '    "--model",',
        '    choices=["t5-small", "t5-base", "facebook/opt-125m"],',
        '    default="t5-base",',
        ')',
        'parser.add_argument("--dataset_name", choices=["glue/mrpc", "cifar100", "openai/gsm8k"])',
        // Near misses: bare words only, an option that is no model, a model type.
        'parser.add_argument("--judge_model", choices=["small", "large"])',
        'parser.add_argument("--scheduler", choices=["linear", "org/cosine"])',
        'parser.add_argument("--model_type", choices=["bert", "google/t5"])',
        '@click.option("--model-id", type=click.Choice(["gpt2", "Qwen/Qwen2.5-0.5B"]))',
        'def main(model_id): ...',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), [
      'model facebook/opt-125m (huggingface)',
      'model gpt2 (huggingface)',
      'model Qwen/Qwen2.5-0.5B (huggingface)',
      'model t5-base (huggingface)',
      'model t5-small (huggingface)',
    ]);
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('dataset ')),
      ['dataset glue/mrpc (huggingface)', 'dataset openai/gsm8k (huggingface)'],
    );
    assert.equal(find(bom, 'model', 'facebook/opt-125m').occurrences[0].line, 7);
  });

  it('serving stacks: Helm modelURL, Hub LoRA adapters and --static-models', async () => {
    const bom = await inventoryOf({
      'values.yaml': [
        'servingEngineSpec:',
        '  modelSpec:',
        '  - name: "llama3"',
        '    modelURL: "meta-llama/Llama-3.1-8B-Instruct"',
        '    labels:',
        '      model: "llama3"',
        '  - name: "local"',
        '    modelURL: "/data/models/llama"',
        'loraAdapters:',
        '  - adapterSource:',
        '      type: "huggingface"',
        '      repository: "nvidia/llama-3.1-nemoguard-8b-topic-control"',
        '  - adapterSource:',
        '      type: "local"',
        '      repository: "team/adapters"',
        'predictor:',
        '  model:',
        '    storageUri: hf://Qwen/Qwen2.5-1.5B-Instruct',
        '  data:',
        '    storageUri: hf://datasets/org/data',
        'routerSpec:',
        '  extraArgs: ["--static-models", "Qwen/Qwen3-8B,mistralai/Mistral-7B-Instruct-v0.2"]',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), [
      'model meta-llama/Llama-3.1-8B-Instruct (huggingface)',
      'model mistralai/Mistral-7B-Instruct-v0.2 (huggingface)',
      'model nvidia/llama-3.1-nemoguard-8b-topic-control (huggingface)',
      'model Qwen/Qwen2.5-1.5B-Instruct (huggingface)',
      'model Qwen/Qwen3-8B (huggingface)',
    ]);
    assert.equal(find(bom, 'model', 'meta-llama/Llama-3.1-8B-Instruct').occurrences[0].line, 4);
  });

  it('provider configs list their models; an azd deployment names its model; labels are not settings', async () => {
    const bom = await inventoryOf({
      'providers.yaml': 'external_providers:\n  - name: openai\n    models:\n      - id: gpt-4o\n        aliases: [gpt4o]\n',
      'infra/ai.yaml': 'deployments:\n  - name: chat\n    model:\n      format: OpenAI\n      name: gpt-4o-mini\n',
      'dbt_project.yml': 'models:\n  - name: customers\n  - name: orders\n',
      'pod.yaml': 'metadata:\n  labels:\n    model: llama-prefill\n',
    });
    assert.deepEqual(models(bom), ['model gpt-4o (openai)', 'model gpt-4o-mini (azure-openai)']);
  });

  it('Bedrock model ARNs in any module argument, also with an interpolated region', async () => {
    const bom = await inventoryOf({
      'main.tf': [
        'module "bedrock" {',
        '  source = "../.."',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Terraform interpolation, as the module call writes it.
        '  app_inference_profile_model_source = "arn:aws:bedrock:${local.region}:${local.account_id}:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0"',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Terraform interpolation, as the module call writes it.
        '  other_source = "arn:aws:bedrock:${data.aws_region.current.region}::foundation-model/anthropic.claude-3-sonnet-20240229-v1:0"',
        '  agent_arn = "arn:aws:bedrock:us-east-1:123456789012:agent/ABCDEFGHIJ"',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), [
      'model anthropic.claude-3-sonnet-20240229-v1:0 (aws-bedrock)',
      'model us.anthropic.claude-3-7-sonnet-20250219-v1:0 (aws-bedrock)',
    ]);
  });

  it('notebooks: an id bound in one cell and loaded in another, and loaders of other Hub clients', async () => {
    const text = notebook(
      '!pip install transformers peft\nfrom transformers import AutoModelForCausalLM\nfrom huggingface_hub import InferenceClient\n',
      'model_name = "bigscience/bloomz-560m"\nlocal_dir = "./my-model"\n',
      'model = AutoModelForCausalLM.from_pretrained(model_name)\nagain = AutoModelForCausalLM.from_pretrained(local_dir)\n',
      'repo_id = "meta-llama/Meta-Llama-3-8B-Instruct"\nclient = InferenceClient(model=repo_id)\n',
      'import outlines\nrepo_id = "mustafaaljadery/gemma-2B-10M"\nmodel = outlines.models.transformers(repo_id)\n',
      'from ragatouille import RAGPretrainedModel\nRERANKER = RAGPretrainedModel.from_pretrained("colbert-ir/colbertv2.0")\n',
      'from huggingface_hub import create_inference_endpoint\nendpoint = create_inference_endpoint("my-endpoint", repository="NousResearch/Nous-Hermes-2-Mixtral-8x7B-DPO")\n',
      'import boto3\nbedrock = boto3.client("bedrock-runtime")\narn = "YOUR_PROVISIONED_THROUGHPUT_ARN"\n',
      'bedrock.invoke_model(modelId=arn, body="{}")\n',
      // A TGI endpoint takes any model name: `tgi` names none.
      'from openai import OpenAI\nclient = OpenAI(base_url=endpoint.url)\nclient.chat.completions.create(model="tgi", messages=[])\n',
    );
    const bom = await inventoryOf({ 'tune.ipynb': text });
    assert.deepEqual(models(bom), [
      'model bigscience/bloomz-560m (huggingface)',
      'model colbert-ir/colbertv2.0 (huggingface)',
      'model meta-llama/Meta-Llama-3-8B-Instruct (huggingface)',
      'model mustafaaljadery/gemma-2B-10M (huggingface)',
      'model NousResearch/Nous-Hermes-2-Mixtral-8x7B-DPO (huggingface)',
    ]);
    const loaded = find(bom, 'model', 'bigscience/bloomz-560m').occurrences[0];
    assert.equal(loaded.symbol, 'AutoModelForCausalLM.from_pretrained');
    assert.match(text.split('\n')[(loaded.line as number) - 1], /from_pretrained\(model_name\)/);
  });
});

describe('inventory: Ollama models with a namespace', () => {
  it('reads hf.co/… and namespace/model:tag ids where a setting says model, not images or routes', async () => {
    const bom = await inventoryOf({
      '.env': [
        'OLLAMA_MODEL=hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M',
        'CHAT_MODEL=library/llama3.1:8b',
        'ROUTED_MODEL=bedrock/anthropic.claude-3-sonnet-20240229-v1:0',
        'IMAGE=library/nginx:1.25',
        'MODEL_PATH=models/org/name',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), [
      'model anthropic.claude-3-sonnet-20240229-v1:0 (aws-bedrock)',
      'model hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M (ollama)',
      'model library/llama3.1:8b (ollama)',
    ]);
  });
});

describe('inventory: spaCy pipelines', () => {
  it('reads a spaCy pipeline name where a setting says model, in a file that imports a non-LLM AI package', async () => {
    const bom = await inventoryOf({
      'presidio.py': [
        'from presidio_analyzer.nlp_engine import NlpEngineProvider',
        'config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": "en_core_web_sm"}]}',
        'other = {"model_name": "en_us_voice"}',
        'provider = NlpEngineProvider(nlp_configuration=config)',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), ['model en_core_web_sm (explosion)']);
  });
});

describe('inventory: gateway ids and Hub repositories of open-weight families', () => {
  it('routes google/gemini-… through a gateway but keeps google/gemma-… and openai/gpt-oss-… as Hub repositories', async () => {
    const bom = await inventoryOf({
      'settings.py': [
        'from openai import OpenAI',
        'CHAT_MODEL = "google/gemini-2.5-flash"',
        'LOCAL_MODEL = "google/gemma-3-12b-it"',
        'OSS_MODEL = "openai/gpt-oss-20b"',
        '',
      ].join('\n'),
      'agent.py': 'from smolagents import LiteLLMModel\nmodel = LiteLLMModel(model_id="deepseek/deepseek-chat")\n',
    });
    assert.deepEqual(models(bom), [
      'model deepseek-chat (deepseek)',
      'model gemini-2.5-flash (google)',
      'model google/gemma-3-12b-it (huggingface)',
      'model openai/gpt-oss-20b (huggingface)',
    ]);
  });
});
