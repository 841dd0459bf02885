import * as assert from 'node:assert/strict';
import { inventoryOf, namesOf } from './helpers';

/** Data files read through paths built of literals, and evaluation frameworks' case files. */

function notebook(cells: string[]): string {
  return JSON.stringify({
    cells: cells.map((source) => ({ cell_type: 'code', source: [source] })),
    metadata: { kernelspec: { language: 'python' } },
  });
}

describe('inventory: data files read through built paths', () => {
  it('resolves `Path("./data") / "x.jsonl"` and `os.path.join(DATA_DIR, "x.jsonl")` when the file exists', async () => {
    const bom = await inventoryOf({
      'wandb/finetune.ipynb': notebook([
        'from pathlib import Path\nimport json\nDATA_PATH = Path("./data")\n',
        'from mistralai import Mistral\n',
        'def read_jsonl(path):\n    with open(path) as f:\n        return [json.loads(line) for line in f]\n',
        'train_ds = read_jsonl(DATA_PATH / "fib-train.jsonl")\n',
      ]),
      'wandb/data/fib-train.jsonl': '{}\n',
      'wandb/02_finetune_and_eval.ipynb': notebook([
        'from pathlib import Path\nDATA_PATH = Path("./data")\n',
        'from mistralai import Mistral\nclient = Mistral(api_key=key)\n',
        'with open(DATA_PATH / "formatted_train.jsonl", "rb") as f:\n    client.files.create(file=("train.jsonl", f))\n',
      ]),
      'rag/run.py': [
        'import os',
        'import anthropic',
        'DATA_DIR = os.path.join(os.path.dirname(__file__), "data")',
        'rows = open(os.path.join(DATA_DIR, "qa.jsonl")).read()',
      ].join('\n'),
      'rag/data/qa.jsonl': '{}\n',
    });
    assert.deepEqual(namesOf(bom, 'dataset'), ['rag/data/qa.jsonl', 'wandb/data/fib-train.jsonl']);
  });

  it('near miss: a built path to a file the workspace lacks, a written file and a non-literal part are not listed', async () => {
    const bom = await inventoryOf({
      'ft.ipynb': notebook([
        'from pathlib import Path\nimport json\nfrom mistralai import Mistral\nDATA_PATH = Path("./data")\n',
        'val = json.load(open(DATA_PATH / "missing.jsonl"))\n',
        'with open(DATA_PATH / "formatted.jsonl", "w") as f:\n    f.write("{}")\n',
        'rows = open(Path(user_folder) / "train.jsonl").read()\n',
      ]),
      'data/formatted.jsonl': '{}\n',
      'train.jsonl': '{}\n',
    });
    assert.deepEqual(namesOf(bom, 'dataset'), []);
  });

  it('reads the case files an evaluation framework loads, through a generic class and a variable', async () => {
    const bom = await inventoryOf({
      'examples/evals/unit_testing.py': [
        'from pathlib import Path',
        'from types import NoneType',
        'from pydantic_evals import Dataset',
        '',
        'def main():',
        "    dataset_path = Path(__file__).parent / 'datasets' / 'time_range_v2.yaml'",
        '    dataset = Dataset[str, str, NoneType].from_file(dataset_path)',
        "    draft = Dataset.from_file(Path(__file__).parent / 'datasets' / 'not_written_yet.yaml')",
      ].join('\n'),
      'examples/evals/datasets/time_range_v2.yaml': 'cases: []\n',
    });
    assert.deepEqual(namesOf(bom, 'dataset'), ['examples/evals/datasets/time_range_v2.yaml']);
  });

  it('near miss: `from_file` of a tokenizer in AI code is no dataset', async () => {
    const bom = await inventoryOf({
      'tok.py': "from tokenizers import Tokenizer\nimport openai\ntok = Tokenizer.from_file('tokenizer.json')\n",
      'tokenizer.json': '{}',
    });
    assert.deepEqual(namesOf(bom, 'dataset'), []);
  });
});
