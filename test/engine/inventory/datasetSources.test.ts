import * as assert from 'node:assert/strict';
import { collectFromFile } from '../../../server/src/engine/inventory/collect';
import { mergeInventory } from '../../../server/src/engine/inventory/merge';
import { GATES } from '../../../server/src/engine/inventory/prefilter';
import type { AiBom } from '../../../server/src/engine/inventory/types';
import { engineTriggers } from '../../../server/src/engine/prefilter/engineTriggers';
import { fileKindOf } from '../../../server/src/engine/workspace/fileKinds';
import { find, inventoryOf, summary } from './helpers';

/** Datasets named outside a loader call: script argument defaults, config keys and data files. */

function datasets(bom: AiBom): string[] {
  return summary(bom).filter((line) => line.startsWith('dataset '));
}

function occurrencesOf(bom: AiBom, name: string): string[] {
  return find(bom, 'dataset', name).occurrences.map((entry) => `${entry.path}:${entry.line} ${entry.evidence} ${entry.symbol}`);
}

async function inventoryIn(rootFolders: string[], files: Record<string, string>): Promise<AiBom> {
  const partials = [];
  for (const [file, text] of Object.entries(files)) {
    partials.push(await collectFromFile(file, text, fileKindOf(file), undefined, { rootFolders }));
  }
  return mergeInventory(partials);
}

describe('inventory: datasets named by arguments, configs and data files', () => {
  it("gates configs on literals the engine's one pass looks for", async () => {
    const config = 'base_model: org/base\ndatasets:\n  - path: org/rows\n';
    for (const word of GATES.dataset) assert.ok(engineTriggers().scan(`${word} `).hasFolded(word), word);
    assert.ok(engineTriggers().scan(config).hasFolded('dataset'));
    // Without a dataset key the config is never parsed for datasets.
    const plain = await collectFromFile('train.yaml', 'base_model: org/base\nlr: 0.1\n');
    // (its `base_model` is a model setting: only the dataset collector must stay away)
    assert.deepEqual(
      plain.components.filter((component) => component.kind === 'dataset'),
      [],
    );
  });

  it('argparse, click and typer defaults of dataset options (a bare word or a local folder is not a Hub dataset)', async () => {
    const bom = await inventoryOf({
      'scripts/sft.py': [
        'import argparse',
        'import click',
        'import typer',
        'from transformers import AutoModelForCausalLM',
        '',
        'parser = argparse.ArgumentParser()',
        'parser.add_argument("--model_name", default="Qwen/Qwen2.5-0.5B")',
        'parser.add_argument(',
        '    "--dataset_name",',
        '    type=str,',
        '    default="HuggingFaceH4/ultrachat_200k",',
        '    help="the dataset to train on",',
        ')',
        'parser.add_argument("--eval-dataset", default="openai/gsm8k")',
        'parser.add_argument("--dataset", default="cifar10", choices=["cifar10", "mnist"])',
        'parser.add_argument("--dataset_dir", default="data/raw")',
        'parser.add_argument("--output_dir", default="outputs/sft")',
        'parser.add_argument("--train_dataset", default="./data/local_set")',
        'parser.add_argument("--dataset_name_or_path", default="your-org/your-dataset")',
        'parser.add_argument("--output_dataset_name", default="HuggingFaceFW/fineweb-edu")',
        'parser.add_argument("--output_dataset", default="outputs/scored")',
        '',
        '@click.command()',
        '@click.option("--dataset", default="tatsu-lab/alpaca", show_default=True)',
        'def main(dataset):',
        '    pass',
        '',
        'def run(dataset_id: str = typer.Option("allenai/c4", "--dataset-id")):',
        '    pass',
        '',
      ].join('\n'),
    });
    assert.deepEqual(datasets(bom), [
      'dataset HuggingFaceFW/fineweb-edu (huggingface)',
      'dataset HuggingFaceH4/ultrachat_200k (huggingface)',
      'dataset allenai/c4 (huggingface)',
      'dataset openai/gsm8k (huggingface)',
      'dataset tatsu-lab/alpaca (huggingface)',
    ]);
    assert.deepEqual(occurrencesOf(bom, 'HuggingFaceH4/ultrachat_200k'), ['scripts/sft.py:8 config dataset_name']);
  });

  it('dataclass and pydantic fields of script arguments (TRL ScriptArguments)', async () => {
    const bom = await inventoryOf({
      'train.py': [
        'from dataclasses import dataclass, field',
        'from pydantic import BaseModel, Field',
        'from trl import SFTTrainer',
        '',
        '@dataclass',
        'class ScriptArguments:',
        '    dataset_name: str = field(default="trl-lib/Capybara", metadata={"help": "the dataset name"})',
        '    dataset_config: str = field(default="default")',
        '    dataset_text_field: str = "text"',
        '    eval_dataset: str = "trl-lib/tldr"',
        '',
        'class Settings(BaseModel):',
        '    dataset_id: str = Field("mlabonne/orpo-dpo-mix-40k", description="preference pairs")',
        '    dataset_path: str = Field(default="data/prefs")',
        '',
        'dataset_dir = "not/a-dataset"',
        '',
      ].join('\n'),
    });
    assert.deepEqual(datasets(bom), [
      'dataset mlabonne/orpo-dpo-mix-40k (huggingface)',
      'dataset trl-lib/Capybara (huggingface)',
      'dataset trl-lib/tldr (huggingface)',
    ]);
    assert.deepEqual(occurrencesOf(bom, 'trl-lib/Capybara'), ['train.py:7 config dataset_name']);
  });

  it('a file that imports no AI package is not read for dataset defaults', async () => {
    const bom = await inventoryOf({
      'cli.py': 'import argparse\np = argparse.ArgumentParser()\np.add_argument("--dataset", default="org/rows")\n',
    });
    assert.deepEqual(summary(bom), []);
  });

  it('a first segment that is a workspace folder is a local folder, not a Hub dataset', async () => {
    const bom = await inventoryIn(['data'], {
      'train.py':
        'from datasets import load_dataset\nimport argparse\np = argparse.ArgumentParser()\np.add_argument("--dataset_name", default="data/processed")\n',
      'config.yaml': 'dataset_name: data/processed\n',
    });
    assert.deepEqual(datasets(bom), []);
  });

  it('training configs: dataset keys, LLaMA-Factory comma lists and axolotl dataset lists', async () => {
    const bom = await inventoryOf({
      'recipes/sft/config.yaml': [
        '# Model arguments',
        'model_name_or_path: Qwen/Qwen2.5-1.5B-Instruct',
        'dataset_name: HuggingFaceTB/smoltalk',
        'dataset_config: all',
        'dataset_num_proc: 12',
        'output_dir: data/Qwen2.5-1.5B-Open-R1-Distill',
        '',
      ].join('\n'),
      'examples/llama3_lora_sft.yaml':
        'model_name_or_path: meta-llama/Meta-Llama-3-8B-Instruct\ndataset: identity,alpaca_en_demo\ntemplate: llama3\n',
      'examples/axolotl/qlora.yml': [
        'base_model: NousResearch/Llama-2-7b-hf',
        'datasets:',
        '  - path: mhenrichsen/alpaca_2k_test',
        '    type: alpaca',
        '  - path: data/train.jsonl',
        '    ds_type: json',
        '    type: chat_template',
        'test_datasets:',
        '  - path: ./eval',
        'dataset_prepared_path: last_run_prepared',
        '',
      ].join('\n'),
      'conf/train.yaml': 'defaults:\n  - dataset: imagenet/small\n  - _self_\nlr: 0.1\n',
      // Written by the first step and read by the second: a local folder, not a Hub dataset.
      'pipeline.yaml': 'steps:\n  - name: filter\n    output_dir: work/filtered\n  - name: train\n    dataset_name: work/filtered\n',
    });
    assert.deepEqual(datasets(bom), [
      'dataset HuggingFaceTB/smoltalk (huggingface)',
      'dataset data/train.jsonl',
      'dataset mhenrichsen/alpaca_2k_test (huggingface)',
    ]);
    assert.deepEqual(occurrencesOf(bom, 'mhenrichsen/alpaca_2k_test'), ['examples/axolotl/qlora.yml:3 config datasets']);
  });

  it('data files read by load_dataset builders and uploaded for fine-tuning', async () => {
    const bom = await inventoryOf({
      'finetune/prepare.py': [
        'from datasets import load_dataset',
        'from openai import OpenAI',
        '',
        'client = OpenAI()',
        'rows = load_dataset("json", data_files={"train": "data/train.jsonl", "test": ["data/test.jsonl"]})',
        'table = load_dataset("parquet", data_files="../shared/eval.parquet", split="train")',
        'remote = load_dataset("csv", data_files="https://example.com/rows.csv")',
        'upload = client.files.create(file=open("data/train.jsonl", "rb"), purpose="fine-tune")',
        'other = client.files.create(file=open("notes.pdf", "rb"), purpose="assistants")',
        'with open("data/valid.jsonl", "rb") as handle:',
        '    valid = client.files.create(file=handle, purpose="fine-tune")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(datasets(bom), [
      'dataset data/test.jsonl',
      'dataset data/train.jsonl',
      'dataset data/valid.jsonl',
      'dataset shared/eval.parquet',
    ]);
    assert.deepEqual(occurrencesOf(bom, 'data/train.jsonl'), [
      'finetune/prepare.py:5 call load_dataset',
      'finetune/prepare.py:8 call client.files.create',
      // The file is also read where it is opened, from the folder above the script.
      'finetune/prepare.py:8 call open',
    ]);
    assert.ok(find(bom, 'sdk', 'openai').dependsOn.includes('dataset:file/data/train.jsonl'));
    assert.ok(find(bom, 'sdk', 'datasets').dependsOn.includes('dataset:file/shared/eval.parquet'));
  });

  it('promptfoo test files, relative to the config', async () => {
    const bom = await inventoryOf({
      'evals/promptfooconfig.yaml': [
        'prompts:',
        '  - file://prompts/answer.txt',
        'providers:',
        '  - openai:gpt-4o-mini',
        'tests: file://tests/cases.csv',
        '',
      ].join('\n'),
      'evals/other/promptfooconfig.yaml': 'providers: [openai:gpt-4o]\ntests:\n  - file://rows.jsonl\n  - vars: { q: hi }\n',
      'evals/cases/promptfooconfig.yaml': 'providers: [openai:gpt-4o]\ntests: file://./cases.yaml\n',
      'evals/generated/promptfooconfig.yaml': 'providers: [openai:gpt-4o]\ntests: file://./test-generator.ts\n',
    });
    assert.deepEqual(datasets(bom), ['dataset evals/cases/cases.yaml', 'dataset evals/other/rows.jsonl', 'dataset evals/tests/cases.csv']);
  });

  it('a --data_path default is a Hub dataset when it has the Hub id shape and names no data folder', async () => {
    const bom = await inventoryOf({
      'examples/alora/finetune.py': [
        'import argparse',
        'from transformers import AutoModelForCausalLM',
        'parser = argparse.ArgumentParser()',
        'parser.add_argument("--data_path", type=str, default="Lots-of-LoRAs/task1660_super_glue_question_generation")',
        'parser.add_argument("--eval_data_path", type=str, default="data/alpaca")',
        'parser.add_argument("--train_data_path", type=str, default="processed/train")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(datasets(bom), ['dataset Lots-of-LoRAs/task1660_super_glue_question_generation (huggingface)']);
  });

  it('promptfoo test variables that load files, relative to the config, when the workspace has them', async () => {
    const bom = await inventoryOf({
      'evals/summaries/promptfooconfig.yaml': [
        'prompts:',
        '  - prompts.py:summarize',
        'providers:',
        '  - anthropic:messages:claude-3-5-sonnet-20240620',
        'tests:',
        '  - vars:',
        '      article: file://articles/article1.txt',
        '  - vars:',
        '      article: file://articles/missing.txt',
        '      topic: file articles', // not a file reference
        '      context: file://get_context.py', // a script promptfoo runs to compute the value
        '  - vars:',
        '      pages: [file://docs/a.md, "file://{{name}}.md"]',
        'defaultTest:',
        '  vars:',
        '    rubric: file://../rubric.txt',
        '  assert:',
        '    - type: python',
        '      value: file://custom_llm_eval.py',
        '',
      ].join('\n'),
      'evals/summaries/articles/article1.txt': 'A long article.',
      'evals/summaries/docs/a.md': '# A',
      'evals/rubric.txt': 'Grade it.',
      'evals/summaries/get_context.py': 'def get_var(var_name, prompt, other_vars):\n    return {"output": "x"}\n',
      // `vars` outside a promptfoo config are nobody's test inputs.
      'deploy/vars.yaml': 'vars:\n  article: file://articles/article1.txt\n',
    });
    assert.deepEqual(datasets(bom), [
      'dataset evals/rubric.txt',
      'dataset evals/summaries/articles/article1.txt',
      'dataset evals/summaries/docs/a.md',
    ]);
    assert.deepEqual(occurrencesOf(bom, 'evals/summaries/articles/article1.txt'), [
      'evals/summaries/promptfooconfig.yaml:7 config vars.article',
    ]);
  });

  it('hf://datasets/ URIs in Python code and notebook code cells, not in comments, docstrings or markdown', async () => {
    const notebook = JSON.stringify({
      cells: [
        { cell_type: 'markdown', source: ['Data: hf://datasets/org/from-markdown/train.parquet'] },
        {
          cell_type: 'code',
          source: [
            'from datasets import load_dataset\n',
            'dataset = load_dataset("parquet", data_files={"train": f"hf://datasets/ought/raft@refs/convert/parquet/{name}/train/0000.parquet"})\n',
          ],
        },
      ],
    });
    const bom = await inventoryOf({
      'examples/frod.py': [
        'import pandas as pd',
        '"""Reads hf://datasets/org/in-docstring/x.parquet."""',
        '# df = pd.read_parquet("hf://datasets/org/in-comment/x.parquet")',
        'df = pd.read_parquet("hf://datasets/tanganke/stanford_cars/data/train-*.parquet")',
        'other = pd.read_parquet(f"hf://datasets/{owner}/{name}/data.parquet")',
        'url = "hf://datasets/username/repo_name/data.csv"',
        '',
      ].join('\n'),
      'examples/clm.ipynb': notebook,
    });
    assert.deepEqual(datasets(bom), ['dataset ought/raft (huggingface)', 'dataset tanganke/stanford_cars (huggingface)']);
    assert.deepEqual(occurrencesOf(bom, 'tanganke/stanford_cars'), ['examples/frod.py:4 constant hf://datasets/tanganke/stanford_cars']);
    assert.deepEqual(occurrencesOf(bom, 'ought/raft'), ['examples/clm.ipynb:1 constant hf://datasets/ought/raft']);
  });

  it('download URLs of Hub dataset files, not a link to a dataset page or a template of the id', async () => {
    const bom = await inventoryOf({
      'nanochat/dataset.py': [
        'import requests',
        'BASE_URL = "https://huggingface.co/datasets/karpathy/climbmix-400b-shuffle/resolve/main"',
        'API = "https://huggingface.co/api/datasets/org/exported/parquet/default/train"',
        'PAGE = "https://huggingface.co/datasets/org/only-a-page"',
        'IMAGE = "https://huggingface.co/datasets/huggingface/documentation-images/resolve/main/cat.png"',
        'listing = f"https://huggingface.co/api/datasets/{repo_id}/parquet/{subset}/{split}"',
        '',
      ].join('\n'),
    });
    assert.deepEqual(datasets(bom), ['dataset karpathy/climbmix-400b-shuffle (huggingface)', 'dataset org/exported (huggingface)']);
  });

  it("the Hub id given to a project's own loader named for Hub datasets, not to other loaders or a local folder", async () => {
    const bom = await inventoryOf({
      'tasks/smoltalk.py': [
        'from tasks.common import Task, load_hub_dataset',
        'class SmolTalk(Task):',
        '    def __init__(self, split):',
        '        self.ds = load_hub_dataset("HuggingFaceTB/smol-smoltalk", split=split)',
        '        self.other = load_hf_dataset(repo_id="openai/gsm8k")',
        '        self.mine = load_my_dataset("org/not-said")',
        '        self.local = load_hub_dataset("./data/x")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(datasets(bom), ['dataset HuggingFaceTB/smol-smoltalk (huggingface)', 'dataset openai/gsm8k (huggingface)']);
  });

  it('module-level tables named for datasets, not entries that name a model or tables of another name', async () => {
    const bom = await inventoryOf({
      'examples/image_classification.py': [
        'from datasets import load_dataset',
        'DATASET_CONFIGS = {',
        '    "cars": {"train": "Multimodal-Fatima/StanfordCars_train", "img_col": "image"},',
        '    "cifar100": {"train": "cifar100", "test": "cifar100"},',
        '    "eurosat": {"dataset": "timm/eurosat-rgb", "model": "google/vit-base-patch16-224"},',
        '    "local": {"train": "data/local_set"},',
        '}',
        'EVAL_DATASETS = ["openai/gsm8k", "image/png"]',
        'MODELS = {"vit": "google/vit-large-patch16-224"}',
        'def run(name):',
        '    dataset_map = {"x": "org/inside-a-function"}',
        '    return load_dataset(DATASET_CONFIGS[name]["train"])',
        '',
      ].join('\n'),
    });
    // (`image/png` is a media type, not a Hub id)
    assert.deepEqual(datasets(bom), [
      'dataset Multimodal-Fatima/StanfordCars_train (huggingface)',
      'dataset openai/gsm8k (huggingface)',
      'dataset timm/eurosat-rgb (huggingface)',
    ]);
  });

  it('dataset mixtures built in code, also in tests and as keyword arguments, with ids as entries or weighted keys', async () => {
    const bom = await inventoryOf({
      'tests/test_data.py': [
        'from alignment import ScriptArguments, get_dataset',
        'class GetDatasetTest:',
        '    def test_mixture(self):',
        '        dataset_mixture = {',
        '            "datasets": [',
        '                {"id": "HuggingFaceH4/testing_alpaca_small", "columns": ["prompt"], "weight": 0.5},',
        '                {"id": "HuggingFaceH4/testing_self_instruct_small", "weight": 0.5},',
        '            ],',
        '            "seed": 42,',
        '        }',
        '        return get_dataset(ScriptArguments(dataset_mixture=dataset_mixture))',
        '    def test_mixer(self):',
        '        return ScriptArguments(dataset_mixer={"HuggingFaceH4/testing_codealpaca_small": 1.0, "data/local": 0.5})',
        '    def test_other(self):',
        // Near misses: a function-local table of another name, a mixture of local folders.
        '        dataset_map = {"x": "org/inside-a-function"}',
        '        dataset_mixture = {"datasets": [{"id": "./data/rows"}]}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(datasets(bom), [
      'dataset HuggingFaceH4/testing_alpaca_small (huggingface)',
      'dataset HuggingFaceH4/testing_codealpaca_small (huggingface)',
      'dataset HuggingFaceH4/testing_self_instruct_small (huggingface)',
    ]);
  });

  it('kagglehub downloads and loads of Kaggle datasets and competitions, named without their version', async () => {
    const bom = await inventoryOf({
      'notebooks/movies.py': [
        'import kagglehub',
        'from kagglehub import KaggleDatasetAdapter',
        'path = kagglehub.dataset_download("asaniczka/tmdb-movies-dataset-2023-930k-movies/versions/2")',
        'df = kagglehub.load_dataset(KaggleDatasetAdapter.PANDAS, "owner/faq-set", "faq.csv")',
        'kagglehub.competition_download("titanic")',
        // Near misses: a placeholder, a model download.
        'kagglehub.dataset_download("<owner>/<dataset>")',
        'kagglehub.model_download("google/gemma/transformers/2b")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(datasets(bom), [
      'dataset asaniczka/tmdb-movies-dataset-2023-930k-movies (kaggle)',
      'dataset owner/faq-set (kaggle)',
      'dataset titanic (kaggle)',
    ]);
    assert.deepEqual(find(bom, 'sdk', 'kagglehub').dependsOn.sort(), [
      'dataset:kaggle/asaniczka/tmdb-movies-dataset-2023-930k-movies',
      'dataset:kaggle/owner/faq-set',
      'dataset:kaggle/titanic',
    ]);
  });

  it('lighteval task strings of built-in suites name their datasets, in code cells, commands and configs', async () => {
    for (const word of GATES.lightevalTasks) assert.ok(engineTriggers().scan(`"${word}mmlu|5|0"`).hasFolded(word), word);
    const notebook = JSON.stringify({
      cells: [
        { cell_type: 'markdown', source: ['Tasks are strings: `leaderboard|gsm8k|5|0`'] },
        { cell_type: 'code', source: ['domain_tasks = "leaderboard|mmlu:anatomy|5|0,leaderboard|mmlu:professional_medicine|5|0"'] },
      ],
    });
    const bom = await inventoryOf({
      'eval.ipynb': notebook,
      'run_eval.sh': 'lighteval accelerate "model_name=org/model" "lighteval|truthfulqa:mc|0|0,extended|ifeval|0"\n',
      'recipes/eval.yaml': 'tasks:\n  - lighteval|math_500|0|0\n',
      // Near misses: a custom suite, an unknown task, a regex alternation.
      'custom.sh': 'lighteval custom "custom|mmlu|5|0" "lighteval|my_task|0|0"\ngrep -E "helm|mmlu|hellaswag" x\n',
    });
    assert.deepEqual(datasets(bom), [
      'dataset HuggingFaceH4/MATH-500 (huggingface)',
      'dataset cais/mmlu (huggingface)',
      'dataset google/IFEval (huggingface)',
      'dataset truthfulqa/truthful_qa (huggingface)',
    ]);
    assert.deepEqual(occurrencesOf(bom, 'cais/mmlu'), [
      'eval.ipynb:1 config leaderboard|mmlu:anatomy|5|0',
      'eval.ipynb:1 config leaderboard|mmlu:professional_medicine|5|0',
    ]);
  });

  it('data files a builder reads through a name bound to a table, from the script folder, when the workspace has them', async () => {
    const bom = await inventoryOf({
      'third_party/wandb/prepare.py': [
        'from datasets import load_dataset',
        "usb_files = {'train': 'data/usb-train.csv', 'val': 'data/usb-val.csv'}",
        "usb_ds = load_dataset('csv', data_files=usb_files)",
        // A name bound twice is not followed.
        "other = 'data/a.csv'",
        "other = 'data/b.csv'",
        "load_dataset('csv', data_files=other)",
        '',
      ].join('\n'),
      'third_party/wandb/data/usb-val.csv': 'a,b\n',
      'third_party/wandb/data/a.csv': 'a,b\n',
    });
    assert.deepEqual(datasets(bom), ['dataset third_party/wandb/data/usb-val.csv']);
  });

  it('Hub ids given to a loader through a table of its keyword arguments, one per branch', async () => {
    const bom = await inventoryOf({
      'dev/repackage.py': [
        'from datasets import load_dataset',
        'dataset_tag = "climbmix"',
        'if dataset_tag == "fineweb_edu":',
        '    dataset_kwargs = {"path": "HuggingFaceFW/fineweb-edu", "split": "train", "name": "sample-100BT"}',
        'elif dataset_tag == "climbmix":',
        '    dataset_kwargs = {"path": "nvidia/Nemotron-ClimbMix", "split": "train"}',
        'ds = load_dataset(**dataset_kwargs)',
        // Near misses: a packaged builder, a table whose id key is not the loader's.
        'local_kwargs = {"path": "json", "data_files": "x.jsonl"}',
        'load_dataset(**local_kwargs)',
        'other_kwargs = {"repo": "org/not-an-argument"}',
        'load_dataset(**other_kwargs)',
        '',
      ].join('\n'),
    });
    assert.deepEqual(datasets(bom), ['dataset HuggingFaceFW/fineweb-edu (huggingface)', 'dataset nvidia/Nemotron-ClimbMix (huggingface)']);
  });

  it('a config data entry whose trailing comment links the Hub dataset it mirrors, not a comment line of its own', async () => {
    const bom = await inventoryOf({
      'pretraining/stage1.yaml': [
        'data_stages:',
        '- data:',
        '    dataset:',
        '    # All the datasets: https://huggingface.co/datasets/HuggingFaceTB/not-an-entry',
        '      dataset_read_path:',
        '      - /scratch/data/dclm # https://huggingface.co/datasets/mlfoundations/dclm-baseline-1.0',
        '      - /scratch/data/pes2o # https://huggingface.co/datasets/allenai/dolmino-mix-1124/viewer/pes2o',
        '      dataset_weights: [0.5, 0.5] # see https://huggingface.co/collections/org/mix',
        '',
      ].join('\n'),
    });
    assert.deepEqual(datasets(bom), [
      'dataset allenai/dolmino-mix-1124 (huggingface)',
      'dataset mlfoundations/dclm-baseline-1.0 (huggingface)',
    ]);
  });
});
