import * as assert from 'node:assert/strict';
import { collectFromFile } from '../../../server/src/engine/inventory/collect';
import { mergeInventory } from '../../../server/src/engine/inventory/merge';
import { GATES } from '../../../server/src/engine/inventory/prefilter';
import type { AiBom } from '../../../server/src/engine/inventory/types';
import { engineTriggers } from '../../../server/src/engine/prefilter/engineTriggers';
import { fileKindOf } from '../../../server/src/engine/workspace/fileKinds';
import { inventoryOf } from './helpers';

/** Models and datasets that launch commands pass to training and evaluation scripts. */

/** `kind name (provider) path:line symbol` of every model and dataset. */
function entries(bom: AiBom): string[] {
  return bom.components
    .filter((component) => component.kind === 'model' || component.kind === 'dataset')
    .flatMap((component) =>
      component.occurrences.map(
        (occurrence) =>
          `${component.kind} ${component.name}${component.provider ? ` (${component.provider})` : ''} ${occurrence.path}:${occurrence.line} ${occurrence.symbol}`,
      ),
    );
}

describe('inventory: models and datasets of launch commands', () => {
  it('gates on literals the one pass looks for', () => {
    for (const word of GATES.launch) assert.ok(engineTriggers().scan(`${word} `).hasFolded(word), word);
  });

  it('python, accelerate, torchrun and deepspeed launches with Hub ids, and variables the script sets', async () => {
    const bom = await inventoryOf({
      'examples/sft/run_peft_fsdp.sh': [
        'accelerate launch --config_file "configs/fsdp_config.yaml"  train.py \\',
        '--seed 100 \\',
        '--model_name_or_path "meta-llama/Llama-2-70b-hf" \\',
        '--dataset_name "smangrul/ultrachat-10k-chatml" \\',
        '--output_dir "llama-sft-qlora-fsdp"',
      ].join('\n'),
      'examples/controlnet/train.sh': [
        'export DATASET_NAME="oftverse/control-celeba-hq"',
        'export MODEL_NAME="stabilityai/stable-diffusion-2-1"',
        '# export MODEL_NAME="runwayml/stable-diffusion-v1-5"',
        `export OUTPUT_DIR="./output/${'$'}{DATASET_NAME}"`,
        'torchrun --nproc_per_node 2 train_controlnet.py \\',
        '  --pretrained_model_name_or_path=$MODEL_NAME \\',
        '  --controlnet_model_name_or_path=$CONTROLNET_PATH \\',
        `  --dataset_name=${'$'}{DATASET_NAME} \\`,
        '  --output_dir=$OUTPUT_DIR',
      ].join('\n'),
      Dockerfile: [
        'FROM python:3.12',
        'CMD ["deepspeed", "finetune.py", "--base_model", "Qwen/Qwen2.5-0.5B", "--data_path", "yahma/alpaca-cleaned"]',
      ].join('\n'),
      '.github/workflows/eval.yml': [
        'jobs:',
        '  eval:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: python -m scripts.evaluate --model gpt-4o-mini --dataset openai/gsm8k',
        '',
      ].join('\n'),
    });
    assert.deepEqual(entries(bom).sort(), [
      'dataset oftverse/control-celeba-hq (huggingface) examples/controlnet/train.sh:8 --dataset_name',
      'dataset openai/gsm8k (huggingface) .github/workflows/eval.yml:5 --dataset',
      'dataset smangrul/ultrachat-10k-chatml (huggingface) examples/sft/run_peft_fsdp.sh:4 --dataset_name',
      'dataset yahma/alpaca-cleaned (huggingface) Dockerfile:2 --data_path',
      'model Qwen/Qwen2.5-0.5B (huggingface) Dockerfile:2 --base_model',
      'model gpt-4o-mini (openai) .github/workflows/eval.yml:5 --model',
      'model meta-llama/Llama-2-70b-hf (huggingface) examples/sft/run_peft_fsdp.sh:3 --model_name_or_path',
      'model stabilityai/stable-diffusion-2-1 (huggingface) examples/controlnet/train.sh:6 --pretrained_model_name_or_path',
    ]);
  });

  it('SLURM batch scripts are shell scripts: the datasets their launches read and push', async () => {
    const bom = await inventoryOf({
      'data/run_edu_bert.slurm': [
        '#!/bin/bash',
        '#SBATCH --job-name=run_edu_bert',
        'python run_edu_bert.py \\',
        '    --dataset_name="HuggingFaceFW/fineweb" \\',
        '    --output_dataset_name="HuggingFaceFW/fineweb-edu-annotations" \\',
        '    --num_shards 128',
      ].join('\n'),
    });
    assert.deepEqual(
      entries(bom).map((entry) => entry.split(' ').slice(0, 2).join(' ')),
      ['dataset HuggingFaceFW/fineweb', 'dataset HuggingFaceFW/fineweb-edu-annotations'],
    );
  });

  it('local folders, placeholders, bare words, outputs and non-launch commands are not models or datasets', async () => {
    const partials = [];
    const files: Record<string, string> = {
      'scripts/train.sh': [
        `MODEL=${'$'}{1:-meta-llama/Llama-3.1-8B}`,
        'python train.py --model_name_or_path ./checkpoints/base --dataset_name data/alpaca \\',
        '  --data_path datasets/train --model_type llama --model_max_length 2048 \\',
        '  --output_model_dir org/merged --dataset imagenet --model $MODEL \\',
        '  --dataset_name your-org/your-dataset --base_model checkpoints/step1000',
        // Not a launch: another program's options.
        'huggingface-cli upload --model_id org/model-a ./out',
        'echo --dataset_name org/not-a-launch',
      ].join('\n'),
    };
    for (const [file, text] of Object.entries(files)) {
      partials.push(await collectFromFile(file, text, fileKindOf(file), undefined, { rootFolders: ['checkpoints', 'scripts'] }));
    }
    assert.deepEqual(entries(mergeInventory(partials)), []);
  });

  it('a model server started through python -m is the serving reader’s, listed once', async () => {
    const bom = await inventoryOf({
      'serve.sh': 'python -m vllm.entrypoints.openai.api_server --model meta-llama/Llama-3.1-8B-Instruct --port 8000\n',
    });
    assert.deepEqual(entries(bom), ['model meta-llama/Llama-3.1-8B-Instruct (huggingface) serve.sh:1 vllm.entrypoints.openai.api_server']);
  });

  it('notebook shell lines, with their continuation lines, not Python code or markdown', async () => {
    const notebook = JSON.stringify(
      {
        cells: [
          { cell_type: 'markdown', source: ['!python train.py --model_name_or_path org/from-markdown'] },
          { cell_type: 'code', source: ['from transformers import AutoModel\n', 'args = ["--model_name_or_path", "org/in-python"]\n'] },
          {
            cell_type: 'code',
            source: [
              '%%capture\n',
              '!accelerate launch run_clm.py \\\n',
              '    --model_name_or_path bigscience/bloomz-560m \\\n',
              '    --dataset_name ought/raft --output_dir out\n',
              'print("done")\n',
            ],
          },
        ],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    );
    const bom = await inventoryOf({ 'examples/clm.ipynb': notebook });
    const lines = notebook.split('\n');
    const lineOf = (needle: string) => lines.findIndex((line) => line.includes(needle)) + 1;
    assert.deepEqual(entries(bom).sort(), [
      `dataset ought/raft (huggingface) examples/clm.ipynb:${lineOf('ought/raft')} --dataset_name`,
      `model bigscience/bloomz-560m (huggingface) examples/clm.ipynb:${lineOf('bigscience/bloomz-560m')} --model_name_or_path`,
    ]);
  });

  it('repositories huggingface-cli download and hf download fetch: models unless the type says dataset', async () => {
    const bom = await inventoryOf({
      'scripts/fetch.sh': [
        'MODEL=Qwen/Qwen2.5-7B-Instruct',
        'huggingface-cli download $MODEL --local-dir models/qwen',
        'huggingface-cli download --repo-type dataset HuggingFaceH4/ultrachat_200k --include "*.parquet"',
        'hf download openai/gsm8k --repo-type=dataset',
        // Near misses: a space, an upload, a local folder, a bare name.
        'hf download gradio/hello_world --repo-type space',
        'huggingface-cli upload org/published ./out',
        'huggingface-cli download ./local/model',
        'hf download gpt2',
      ].join('\n'),
    });
    assert.deepEqual(entries(bom).sort(), [
      'dataset HuggingFaceH4/ultrachat_200k (huggingface) scripts/fetch.sh:3 huggingface-cli download',
      'dataset openai/gsm8k (huggingface) scripts/fetch.sh:4 hf download',
      'model Qwen/Qwen2.5-7B-Instruct (huggingface) scripts/fetch.sh:2 huggingface-cli download',
    ]);
  });

  it('usage commands of a script header: the module docstring and leading comments, not prose or code', async () => {
    const sft = [
      '# Copyright 2025 The project authors.',
      '"""',
      'Supervised fine-tuning script.',
      '',
      'Usage:',
      '',
      "# One node; it's the default recipe",
      '```',
      'accelerate launch --config_file recipes/zero3.yaml scripts/sft.py \\',
      '    --model_name_or_path Qwen/Qwen2.5-1.5B-Instruct \\',
      '    --dataset_name trl-lib/Capybara \\',
      '    --output_dir data/Qwen2.5-1.5B-SFT',
      '```',
      '"""',
      '',
      'import sys',
      '"""python other.py --model_name_or_path org/not-the-header"""',
      '# python later.py --dataset_name org/not-the-header-either',
    ].join('\n');
    const evaluate = [
      '#!/usr/bin/env python',
      '# Example:',
      '#   $ python evaluate.py --model_name_or_path outputs/run1 --output_dir outputs/eval \\',
      '#       --dataset_name HuggingFaceH4/MATH-500',
      '#   python evaluate.py --model_name_or_path your-org/your-model --dataset_name <dataset>',
      'r"""Evaluation. Run it with python and pass --dataset_name of your choice."""',
      'import datasets',
    ].join('\n');
    const bom = await inventoryOf({ 'scripts/sft.py': sft, 'scripts/evaluate.py': evaluate });
    assert.deepEqual(entries(bom).sort(), [
      'dataset HuggingFaceH4/MATH-500 (huggingface) scripts/evaluate.py:4 --dataset_name',
      'dataset trl-lib/Capybara (huggingface) scripts/sft.py:11 --dataset_name',
      'model Qwen/Qwen2.5-1.5B-Instruct (huggingface) scripts/sft.py:10 --model_name_or_path',
    ]);
  });

  it('a model a launch reads from a folder the file’s launches write is a checkpoint, not a Hub id', async () => {
    const bom = await inventoryOf({
      'scripts/eval.sh': [
        'python train.py --model_name_or_path Qwen/Qwen3-4B --output_dir checkpoints/ssd',
        'python eval.py --model_name_or_path checkpoints/ssd --output_file results/scores.json',
        'python push.py --model_name_or_path results/best --output_dataset_name org/scores',
      ].join('\n'),
    });
    // A dataset the run pushes is a Hub repository: its option names no folder.
    assert.deepEqual(entries(bom).sort(), [
      'dataset org/scores (huggingface) scripts/eval.sh:3 --output_dataset_name',
      'model Qwen/Qwen3-4B (huggingface) scripts/eval.sh:1 --model_name_or_path',
    ]);
  });

  it('Kaggle CLI downloads of datasets and competitions, not other Kaggle commands or placeholders', async () => {
    const notebook = JSON.stringify({
      cells: [
        { cell_type: 'code', source: ['!kaggle datasets download -d deepann/covid19-related-faqs\n', '!unzip covid19-related-faqs.zip'] },
        { cell_type: 'markdown', source: ['kaggle datasets download -d someone/in-markdown'] },
      ],
    });
    const bom = await inventoryOf({
      'data/fetch.sh': [
        'kaggle competitions download -c instacart-market-basket-analysis',
        'kaggle datasets download ryanrudes/yttts-speech -p data --unzip',
        'kaggle datasets download -f prices.csv --path data jacksoncrow/stock-market-dataset',
        // Near misses: a listing, an upload, placeholders.
        'kaggle datasets list -s faq',
        'kaggle datasets create -p ./out',
        'kaggle datasets download -d your-username/your-dataset',
        'kaggle datasets download -d <owner>/<dataset>',
      ].join('\n'),
      'faq.ipynb': notebook,
    });
    assert.deepEqual(
      entries(bom)
        .map((entry) => entry.split(' ').slice(0, 3).join(' '))
        .sort(),
      [
        'dataset deepann/covid19-related-faqs (kaggle)',
        'dataset instacart-market-basket-analysis (kaggle)',
        'dataset jacksoncrow/stock-market-dataset (kaggle)',
        'dataset ryanrudes/yttts-speech (kaggle)',
      ],
    );
  });
});
