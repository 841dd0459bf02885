import * as assert from 'node:assert/strict';
import { find, inventoryOf, namesOf } from './helpers';

/** Evaluation data files that evaluation scripts read. */

const EVALUATE = [
  'import json',
  'import pandas as pd',
  'import prompty',
  '',
  'def load_data():',
  '    data_path = "./evaluators/data.jsonl"',
  '    df = pd.read_json(data_path, lines=True)',
  '    return df',
  '',
  'def save(results):',
  "    with open('result.jsonl', 'w') as file:",
  '        file.write(json.dumps(results))',
  "    with open('result.jsonl', 'r') as file:",
  '        return file.read()',
].join('\n');

describe('inventory: evaluation data files', () => {
  it('lists the data file an evaluation script reads, from the script folder, and not the results it writes', async () => {
    const bom = await inventoryOf({ 'src/api/evaluate.py': EVALUATE });
    assert.deepEqual(namesOf(bom, 'dataset'), ['src/api/evaluators/data.jsonl']);
    assert.equal(find(bom, 'dataset', 'src/api/evaluators/data.jsonl').occurrences[0].line, 7);
  });

  it('near miss: the same reads in a script that is not an evaluation, or of a file that is not data, are not listed', async () => {
    const bom = await inventoryOf({
      'src/api/app.py': EVALUATE,
      'evals/run_eval.py': [
        'import json',
        'import openai',
        'import pandas as pd',
        'cfg = open("config.yaml").read()',
        'settings = json.load(open("eval_config.json"))',
        'df = pd.read_csv(path)',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'dataset'), []);
  });
});

describe('inventory: datasets a script special-cases', () => {
  it('lists a Hub dataset compared with a dataset setting', async () => {
    const bom = await inventoryOf({
      'sft_vlm.py': [
        'from datasets import load_dataset',
        'dataset = load_dataset(script_args.dataset_name)',
        'if script_args.dataset_name == "FanqingM/MMIU-Benchmark":',
        '    dataset = prepare_dataset(dataset)',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'dataset'), ['FanqingM/MMIU-Benchmark']);
    assert.equal(find(bom, 'dataset', 'FanqingM/MMIU-Benchmark').occurrences[0].line, 3);
  });

  it('near miss: a model setting, a bare word and a path compared are not datasets', async () => {
    const bom = await inventoryOf({
      'sft.py': [
        'from datasets import load_dataset',
        'dataset = load_dataset(args.dataset_name)',
        'if args.model_name == "org/model-7b":',
        '    pass',
        'if args.dataset_name == "custom":',
        '    pass',
        'if args.dataset_name == "./data/train":',
        '    pass',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'dataset'), []);
  });
});
