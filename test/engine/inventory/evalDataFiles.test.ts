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

describe('inventory: data files an evaluation script names by a module constant', () => {
  it('lists the input file of a constant from the script folder or one above it, when the workspace has it', async () => {
    const bom = await inventoryOf({
      'evals/hallucination_eval/run_eval.py': [
        'import json',
        'from pathlib import Path',
        'from openai import OpenAI',
        'DEFAULT_QUERIES_FILE = "evals/hallucination_eval/inputs/search_queries.jsonl"',
        'RESULTS_FILE = "evals/hallucination_eval/results/results.jsonl"',
        'OUTPUT_PATH = "inputs/local.jsonl"',
        'MISSING_FILE = "inputs/missing.jsonl"',
        'class Evaluator:',
        '    def __init__(self, queries_file: str = DEFAULT_QUERIES_FILE):',
        '        self.queries_file = Path(queries_file)',
        '    def load(self):',
        '        with open(self.queries_file) as f:',
        '            return [json.loads(line) for line in f]',
        'def helper():',
        '    LOCAL_FILE = "inputs/local.jsonl"',
        '',
      ].join('\n'),
      'evals/hallucination_eval/inputs/search_queries.jsonl': '{"query": "q"}\n',
      'evals/hallucination_eval/results/results.jsonl': '{}\n',
      'evals/hallucination_eval/inputs/local.jsonl': '{}\n',
      // Not an evaluation script: its constants are not read for data.
      'app/settings.py': 'import json\nfrom openai import OpenAI\nQUERIES_FILE = "app/queries.jsonl"\nopen("x.txt")\n',
      'app/queries.jsonl': '{}\n',
    });
    assert.deepEqual(namesOf(bom, 'dataset'), ['evals/hallucination_eval/inputs/search_queries.jsonl']);
    assert.equal(find(bom, 'dataset', 'evals/hallucination_eval/inputs/search_queries.jsonl').occurrences[0].line, 4);
  });

  it("an evaluation script of the project's own package, importing no AI package, still names its input data", async () => {
    const bom = await inventoryOf({
      'evals/hallucination_eval/run_eval.py': [
        'import json',
        'from gpt_researcher.agent import GPTResearcher',
        'DEFAULT_QUERIES_FILE = "evals/hallucination_eval/inputs/search_queries.jsonl"',
        'DEFAULT_OUTPUT_DIR = "evals/hallucination_eval/results"',
        '',
      ].join('\n'),
      'evals/hallucination_eval/inputs/search_queries.jsonl': '{"query": "q"}\n',
      // Not an evaluation script.
      'app/settings.py': 'from app.core import run\nQUERIES_FILE = "app/queries.jsonl"\n',
      'app/queries.jsonl': '{}\n',
    });
    assert.deepEqual(namesOf(bom, 'dataset'), ['evals/hallucination_eval/inputs/search_queries.jsonl']);
  });

  it('benchmarks an evaluation script reads or downloads from a URL, named by the URL; pages and configs are not data', async () => {
    const bom = await inventoryOf({
      'evals/simple_evals/simpleqa_eval.py': [
        'import pandas',
        'class SimpleQAEval:',
        '    def __init__(self):',
        '        csv_url = "https://openaipublic.blob.core.windows.net/simple-evals/simple_qa_test_set.csv"',
        '        self.df = pandas.read_csv(csv_url)',
        '',
      ].join('\n'),
      'scripts/base_eval.py': [
        'import os',
        'EVAL_BUNDLE_URL = "https://karpathy-public.s3.us-west-2.amazonaws.com/eval_bundle.zip"',
        'DOCS_URL = "https://example.com/docs/eval.html"',
        'CONFIG_URL = "https://example.com/eval_config.json"',
        'RESULTS_URL = "https://example.com/results.csv"',
        'MODEL_WEIGHTS_URL = "https://example.com/weights.zip"',
        '',
      ].join('\n'),
      // Not an evaluation script.
      'app/download.py': 'import pandas\nDATA_URL = "https://example.com/rows.csv"\npandas.read_csv(DATA_URL)\n',
    });
    assert.deepEqual(namesOf(bom, 'dataset'), [
      'https://karpathy-public.s3.us-west-2.amazonaws.com/eval_bundle.zip',
      'https://openaipublic.blob.core.windows.net/simple-evals/simple_qa_test_set.csv',
    ]);
  });
});
