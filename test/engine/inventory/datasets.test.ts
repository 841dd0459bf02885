import * as assert from 'node:assert/strict';
import { find, inventoryOf, summary } from './helpers';

describe('inventory: datasets', () => {
  it('hub datasets from load_dataset, hub downloads of dataset repos and TensorFlow Datasets', async () => {
    const bom = await inventoryOf({
      'data.py': [
        'from datasets import load_dataset',
        'from huggingface_hub import snapshot_download',
        'import tensorflow_datasets as tfds',
        'squad = load_dataset("rajpurkar/squad", split="train")',
        'glue = load_dataset(path="nyu-mll/glue", name="mrpc")',
        'local = load_dataset("csv", data_files="tickets.csv")',
        'folder = load_dataset("./data/my_dataset")',
        'snapshot_download(repo_id="HuggingFaceFW/fineweb-edu", repo_type="dataset")',
        'snapshot_download(repo_id="openai-community/gpt2")',
        'mnist = tfds.load("mnist", split="train")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('dataset ')),
      [
        'dataset HuggingFaceFW/fineweb-edu (huggingface)',
        'dataset mnist (google)',
        'dataset nyu-mll/glue (huggingface)',
        'dataset rajpurkar/squad (huggingface)',
        // The packaged `csv` builder is no Hub dataset; the file it reads is a workspace dataset.
        'dataset tickets.csv',
      ],
    );
    assert.deepEqual(find(bom, 'sdk', 'datasets').dependsOn, [
      'dataset:file/tickets.csv',
      'dataset:huggingface/nyu-mll/glue',
      'dataset:huggingface/rajpurkar/squad',
    ]);
    // A model repository downloaded the same way is a model, not a dataset.
    assert.ok(summary(bom).includes('model openai-community/gpt2 (huggingface)'));
  });

  it('a load_dataset that is not from the datasets package is not a dataset', async () => {
    const bom = await inventoryOf({ 'mine.py': 'from mylib import load_dataset\nrows = load_dataset("org/name")\n' });
    assert.deepEqual(summary(bom), []);
  });

  it('follows import aliases, variables and env defaults to the dataset id', async () => {
    const bom = await inventoryOf({
      'train.py': [
        'import os',
        'from datasets import load_dataset as get_dataset',
        'NAME = os.getenv("DATASET", "org/corpus")',
        'def load(split="train", repo="org/other"):',
        '    return get_dataset(NAME, split=split), get_dataset(repo)',
        '',
      ].join('\n'),
    });
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('dataset ')),
      ['dataset org/corpus (huggingface)', 'dataset org/other (huggingface)'],
    );
  });

  it('lists the datasets scikit-learn downloads, not its bundled toy sets nor a function of the same shape', async () => {
    const bom = await inventoryOf({
      'prep.py': [
        'from sklearn.datasets import fetch_california_housing, load_iris, fetch_openml',
        'import sklearn.datasets as skd',
        'houses = fetch_california_housing(as_frame=True)',
        'iris = load_iris()',
        'digits = fetch_openml("mnist_784")',
        'news = skd.fetch_20newsgroups(subset="train")',
        '',
      ].join('\n'),
      'other.py': 'import sklearn\ndef fetch_data():\n    return 1\nfetch_data()\n',
    });
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('dataset ')),
      ['dataset 20newsgroups (scikit-learn)', 'dataset california_housing (scikit-learn)', 'dataset mnist_784 (openml)'],
    );
  });
  it('lighteval task configs: the hf_repo each task evaluates on, a moved canonical name by its current id', async () => {
    const bom = await inventoryOf({
      'tasks.py': [
        'from lighteval.tasks.lighteval_task import LightevalTaskConfig',
        'TASKS = [',
        '    LightevalTaskConfig(name="arc:easy", prompt_function=arc, hf_repo="ai2_arc", hf_subset="ARC-Easy"),',
        '    LightevalTaskConfig(name="mmlu", prompt_function=mmlu, hf_repo="cais/mmlu", hf_subset="all"),',
        '    LightevalTaskConfig(name="mine", prompt_function=p, hf_repo=hf_repo, hf_subset="x"),',
        ']',
        '',
      ].join('\n'),
      // The same keyword in a function of the project is no task config.
      'other.py': ['from mylib import TaskConfig', 'TaskConfig(name="x", hf_repo="org/name")', ''].join('\n'),
    });
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('dataset ')),
      ['dataset allenai/ai2_arc (huggingface)', 'dataset cais/mmlu (huggingface)'],
    );
  });

  it('datasets pushed to the Hub by a dataset object, not models a trainer or a model pushes', async () => {
    const bom = await inventoryOf({
      'pipeline.py': [
        'from datasets import load_dataset',
        'from distilabel.pipeline import Pipeline',
        'distiset = pipeline.run()',
        'distiset.push_to_hub("argilla/magpie-ultra-v1.0")',
        'train_dataset.push_to_hub(repo_id="org/filtered", private=True)',
        'model.push_to_hub("org/my-model")',
        'trainer.push_to_hub("org/my-trainer")',
        'dataset.push_to_hub(args.output_dataset_name)',
        'dataset.push_to_hub("<your-org>/name")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('dataset ')),
      ['dataset argilla/magpie-ultra-v1.0 (huggingface)', 'dataset org/filtered (huggingface)'],
    );
  });
});
