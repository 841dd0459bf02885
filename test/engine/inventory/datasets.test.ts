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
});
