import * as assert from 'node:assert/strict';
import { inventoryOf, namesOf } from './helpers';

/** Data files that code calling a model reads or uploads for fine-tuning. */

describe('inventory: training files read or uploaded by AI code', () => {
  it('a path read from the repository root by a script in a subfolder is the workspace file it names', async () => {
    const bom = await inventoryOf({
      'examples/fixtures/ft_training_file.jsonl': '{"messages": []}\n',
      'examples/jobs/fine_tuning.py': [
        'from mistralai.client import Mistral',
        'client = Mistral(api_key=key)',
        'with open("examples/fixtures/ft_training_file.jsonl", "rb") as f:',
        '    training_file = client.files.upload(file=File(file_name="file.jsonl", content=f))',
        'client.fine_tuning.jobs.create(model="open-mistral-7b", training_files=[{"file_id": training_file.id}])',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'dataset'), ['examples/fixtures/ft_training_file.jsonl']);
  });

  it('training files named by a list that a helper uploads to a fine-tuning job', async () => {
    const bom = await inventoryOf({
      'examples/fixtures/classifier_sentiments.jsonl': '{"text": "great", "labels": {"sentiment": "positive"}}\n',
      'examples/classifier/train.py': [
        'from mistralai.client import Mistral',
        'async def upload_files(client, file_names):',
        '    for file_name in file_names:',
        '        with open(file_name, "rb") as file:',
        '            await client.files.upload_async(file={"file_name": file_name, "content": file.read()}, purpose="fine-tune")',
        'async def main():',
        '    training_files = ["./examples/fixtures/classifier_sentiments.jsonl"]',
        '    await upload_files(Mistral(api_key=key), training_files)',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'dataset'), ['examples/fixtures/classifier_sentiments.jsonl']);
  });

  it('near miss: a file the workspace lacks, an output list, and the same names in code that calls no model', async () => {
    const bom = await inventoryOf({
      'data/train.jsonl': '{}\n',
      'jobs/tune.py': [
        'from openai import OpenAI',
        'training_files = ["data/missing.jsonl"]',
        'output_files = ["data/train.jsonl"]',
        'with open("data/absent.jsonl") as f:',
        '    OpenAI().files.create(file=f, purpose="batch")',
      ].join('\n'),
      'etl/split.py': [
        'import pandas as pd',
        'train_file = "data/train.jsonl"',
        'df = pd.read_json(open("data/train.jsonl"), lines=True)',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'dataset'), []);
  });

  it('a data file a TypeScript app reads and writes into a code sandbox for the model', async () => {
    const bom = await inventoryOf({
      'examples/together-js/data.csv': 'a,b\n1,2\n',
      'examples/together-js/package.json': '{"name": "together-js"}',
      'examples/together-js/index.ts': [
        "import Together from 'together-ai';",
        "import { Sandbox } from '@e2b/code-interpreter';",
        "import fs from 'node:fs';",
        'async function uploadDataset(sandbox: Sandbox) {',
        "  const datasetPath = './data.csv';",
        "  const fileContent = fs.readFileSync(datasetPath, 'utf-8');",
        "  const config = JSON.parse(fs.readFileSync('./package.json', 'utf-8'));",
        "  await sandbox.files.write('data.csv', fileContent);",
        '}',
      ].join('\n'),
      'scripts/report.ts': ["import fs from 'node:fs';", "const rows = fs.readFileSync('examples/together-js/data.csv', 'utf-8');"].join(
        '\n',
      ),
    });
    // Configuration JSON is no data, and code that calls no model reads no AI data.
    assert.deepEqual(namesOf(bom, 'dataset'), ['examples/together-js/data.csv']);
    assert.equal(bom.components.find((entry) => entry.kind === 'dataset')?.occurrences.length, 1);
  });
});
