import * as assert from 'node:assert/strict';
import { inventoryOf, summary } from './helpers';

const kinds = (bom: Awaited<ReturnType<typeof inventoryOf>>, ...wanted: string[]) =>
  summary(bom)
    .filter((line) => wanted.some((kind) => line.startsWith(`${kind} `)))
    .sort();

describe('inventory: model ids in slots a name or a provider key says hold models', () => {
  it('reads a picker table keyed by provider: Hub ids, Ollama tags and plain ids of that provider', async () => {
    const bom = await inventoryOf({
      'src/utils/config.py': [
        'model_names = {',
        '    "ollama": ["qwen2.5:14b", "llama2:7b"],',
        '    "siliconflow": ["deepseek-ai/DeepSeek-V3", "Pro/Qwen/Qwen2-7B-Instruct"],',
        '    "alibaba": ["qwen-max"],',
        '    "moonshot": ["moonshot-v1-8k-vision-preview"],',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(kinds(bom, 'model'), [
      'model Pro/Qwen/Qwen2-7B-Instruct (siliconflow)',
      'model deepseek-ai/DeepSeek-V3 (siliconflow)',
      'model llama2:7b (ollama)',
      'model moonshot-v1-8k-vision-preview (moonshot)',
      'model qwen-max (alibaba)',
      'model qwen2.5:14b (ollama)',
    ]);
  });

  it('near miss: a provider-keyed table not named for models, or a model table keyed by something else', async () => {
    const bom = await inventoryOf({
      'src/utils/config.py': [
        'regions = {"ollama": ["us-east-1"], "siliconflow": ["cn-north"]}',
        'model_labels = {"fast": ["qwen-max"], "local": ["org/display"]}',
        'model_names = {"ollama": ["<your-model>", "TODO"]}',
        'TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING = {',
        '    "t5": ["q", "v"], "bart": ["q_proj", "v_proj"], "gpt2": ["c_attn"], "bloom": ["query_key_value"],',
        '    "mistral": ["q_proj", "v_proj"], "cohere": ["q_proj-2", "v_proj"],',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(kinds(bom, 'model'), []);
  });

  it('reads Hub repositories of training configs by any key naming a tokenizer, feature extractor or model path', async () => {
    const bom = await inventoryOf({
      'helpers/training_configs/run.json': JSON.stringify(
        {
          model_name_or_path: './parler-tts-untrained-600M/',
          feature_extractor_name: 'ylacombe/dac_44khZ_8kbps',
          description_tokenizer_name: 'google/flan-t5-base',
          prompt_tokenizer_name: './tokenizers/local',
          teacher_model_id: 'Qwen/Qwen2.5-7B-Instruct',
          output_dir: './output_dir_training',
          train_dataset_name: 'blabble-io/libritts_r+parler-tts/mls_eng_10k',
        },
        null,
        2,
      ),
    });
    assert.deepEqual(kinds(bom, 'model', 'dataset'), [
      'dataset blabble-io/libritts_r (huggingface)',
      'dataset parler-tts/mls_eng_10k (huggingface)',
      'model Qwen/Qwen2.5-7B-Instruct (huggingface)',
      'model google/flan-t5-base (huggingface)',
      'model ylacombe/dac_44khZ_8kbps (huggingface)',
    ]);
  });

  it('reads multi-line dataclass field defaults of an argument module that imports no AI package', async () => {
    const bom = await inventoryOf({
      'training/arguments.py': [
        'from dataclasses import dataclass, field',
        '@dataclass',
        'class ModelArguments:',
        '    asr_model_name_or_path: str = field(',
        '        default="distil-whisper/distil-large-v2",',
        '        metadata={"help": "Used to compute WER during evaluation."},',
        '    )',
        '    output_model_dir: str = field(',
        '        default="outputs/model",',
        '    )',
        '',
      ].join('\n'),
    });
    assert.deepEqual(kinds(bom, 'model'), ['model distil-whisper/distil-large-v2 (huggingface)']);
  });

  it('reads the Hub model a serving container of IaC downloads, and the Hub as its service', async () => {
    const bom = await inventoryOf({
      'examples/hf/main.tf': [
        'module "endpoint" {',
        '  source = "../.."',
        '  containers = [{',
        '    image_uri = "huggingface-pytorch-tgi-inference:2.4.0"',
        '    environment = {',
        '      "HF_MODEL_ID" = "mistralai/Mistral-7B-Instruct-v0.1"',
        '      "SM_NUM_GPUS" = 1',
        '    }',
        '  }]',
        '}',
        'resource "aws_sagemaker_model" "m" {',
        '  primary_container {',
        '    image = "tei:latest"',
        '    environment = { HF_MODEL_ID = "BAAI/bge-m3" }',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(kinds(bom, 'model'), ['model BAAI/bge-m3 (huggingface)', 'model mistralai/Mistral-7B-Instruct-v0.1 (huggingface)']);
    assert.ok(bom.components.some((component) => component.kind === 'service' && component.provider === 'huggingface'));
  });

  it('near miss: a model-named tag or a local model folder in a container environment', async () => {
    const bom = await inventoryOf({
      'main.tf': [
        'resource "aws_sagemaker_model" "m" {',
        '  primary_container {',
        '    environment = { HF_MODEL_ID = "/opt/ml/model", MODEL_NAME = "my-model" }',
        '  }',
        '  tags = { MODEL_ID = "team/cost-center" }',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(kinds(bom, 'model'), []);
  });
});

describe('inventory: models and datasets named by variables, fields and provider prefixes', () => {
  it('reads Hub ids of fields and constants named for a model or a part of one in a module that imports AI', async () => {
    const bom = await inventoryOf({
      'policies/configuration_eo1.py': [
        'from dataclasses import dataclass',
        'import torch',
        'GROOT_BASE_MODEL = "nvidia/GR00T-N1.7-3B"',
        '@dataclass',
        'class EO1Config:',
        '    vlm_base: str = "Qwen/Qwen2.5-VL-3B-Instruct"',
        '    tokenizer_name: str = "google/paligemma-3b-pt-224"',
        '    output_dir: str = "outputs/train"',
        '    checkpoint_dir: str = "checkpoints/eo1"',
        '    vision_backbone: str = "resnet18"',
        '',
      ].join('\n'),
    });
    assert.deepEqual(kinds(bom, 'model'), [
      'model Qwen/Qwen2.5-VL-3B-Instruct (huggingface)',
      'model google/paligemma-3b-pt-224 (huggingface)',
      'model nvidia/GR00T-N1.7-3B (huggingface)',
    ]);
  });

  it('near miss: the same names in a module without AI, or bound to a documentation owner', async () => {
    const bom = await inventoryOf({
      'tools/paths.py': 'vlm_base = "Qwen/Qwen2.5-VL-3B-Instruct"\n',
      'policies/cfg.py':
        'import torch\ntokenizer_name = "user/my-tokenizer"\nencoder_name = "./encoders/local"\ngpu_model = "N/A"\nbase_model = "n/a"\n',
    });
    assert.deepEqual(kinds(bom, 'model'), []);
  });

  it('reads a variable named for a dataset in a module that imports AI', async () => {
    const bom = await inventoryOf({
      'examples/train.py': 'import torch\ndataset_id = "lerobot/svla_so101_pickplace"\noutput_dataset = "outputs/ds"\n',
    });
    assert.deepEqual(kinds(bom, 'dataset'), ['dataset lerobot/svla_so101_pickplace (huggingface)']);
  });

  it('reads provider-qualified ids in configuration files, not other word:value strings', async () => {
    const bom = await inventoryOf({
      'langgraph.json': JSON.stringify({
        store: { index: { embed: 'openai:text-embedding-3-small', dims: 1536 } },
        services: { cache: 'redis:7', agent: 'anthropic:claude-sonnet-4-5', local: 'ollama:llama3.1:8b', note: 'openai:soon' },
      }),
      // A JSON Schema's enum lists every model a type allows, not the ones a project uses.
      'evals/schema.json': JSON.stringify({ $defs: { KnownModelName: { enum: ['openai:gpt-4o', 'bedrock:amazon.titan-tg1-large'] } } }),
    });
    assert.deepEqual(kinds(bom, 'model'), [
      'model claude-sonnet-4-5 (anthropic)',
      'model llama3.1:8b (ollama)',
      'model text-embedding-3-small (openai)',
    ]);
  });

  it('reads an app constant named MODEL in a module without AI imports, not a lower-case variable', async () => {
    const bom = await inventoryOf({
      'config/constants.ts': 'export const MODEL = "gpt-5.2";\n',
      'ui/labels.ts': 'const model = "gpt-4o";\nexport const label = model;\n',
    });
    assert.deepEqual(kinds(bom, 'model'), ['model gpt-5.2 (openai)']);
  });
});

describe('inventory: parameter defaults, configuration labels and Bedrock ARNs in code', () => {
  it('reads the Hub id a loader defaults to, and not the labels of a table of configured samplers', async () => {
    const bom = await inventoryOf({
      'models/qwen2.py': [
        'import torch',
        'class FastQwen2Model:',
        '    @staticmethod',
        '    def from_pretrained(',
        '        model_name = "Qwen/Qwen2-7B",',
        '        max_seq_length = 4096,',
        '    ):',
        '        return model_name',
        '',
      ].join('\n'),
      'simple_evals.py': [
        'from sampler import ResponsesSampler',
        'import openai',
        'models = {',
        '    "o3_high": ResponsesSampler(model="o3-2025-04-16", reasoning_effort="high"),',
        '    "gpt-4.1-temp-1": ResponsesSampler(model="gpt-4.1-2025-04-14", temperature=1.0),',
        '}',
        '',
      ].join('\n'),
    });
    const models = kinds(bom, 'model');
    assert.ok(models.includes('model Qwen/Qwen2-7B (huggingface)'), models.join(', '));
    assert.ok(!models.some((line) => /o3_high|temp-1/.test(line)), models.join(', '));
  });

  it('reads the model of a Bedrock ARN built in a string, not one in a comment', async () => {
    const bom = await inventoryOf({
      'kb.py': [
        'import boto3',
        'region = "us-east-1"',
        '# see arn:aws:bedrock:us-east-1::foundation-model/cohere.embed-english-v3 for the other option',
        'config = {"embeddingModelArn": f"arn:aws:bedrock:{region}::foundation-model/amazon.titan-embed-text-v1"}',
        'policy = [f"arn:aws:bedrock:{region}::foundation-model/anthropic.claude-*", "arn:aws:bedrock:*::foundation-model/amazon.nova-*"]',
        'textract = boto3.client("textract")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(kinds(bom, 'model'), ['model amazon.titan-embed-text-v1 (aws-bedrock)']);
    assert.ok(bom.components.some((component) => component.kind === 'service' && component.name === 'Amazon Textract'));
  });
});
