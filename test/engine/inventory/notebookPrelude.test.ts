import * as assert from 'node:assert/strict';
import { find, inventoryOf, namesOf, notebookOfLines as notebook } from './helpers';

/** Notebook cells that use what an earlier cell imported. */

describe('inventory: notebook cells and the imports of earlier cells', () => {
  it('resolves a dataset load in a later cell through the earlier import, at the later cell', async () => {
    const bom = await inventoryOf({
      'judge.ipynb': notebook([
        ['import pandas as pd', 'from datasets import load_dataset', 'from huggingface_hub import InferenceClient'],
        ['x = 1'],
        ['ratings = load_dataset("McGill-NLP/feedbackQA")["train"]', 'ratings = pd.DataFrame(ratings)'],
      ]),
    });
    const dataset = find(bom, 'dataset', 'McGill-NLP/feedbackQA');
    const line = dataset.occurrences[0].line ?? 0;
    // The occurrence is the load's own line in the notebook file, not the import's.
    const file = notebook([
      ['import pandas as pd', 'from datasets import load_dataset', 'from huggingface_hub import InferenceClient'],
      ['x = 1'],
      ['ratings = load_dataset("McGill-NLP/feedbackQA")["train"]', 'ratings = pd.DataFrame(ratings)'],
    ]).split('\n');
    assert.match(file[line - 1], /McGill-NLP\/feedbackQA/);
    // The SDKs are listed once, at their imports.
    assert.deepEqual(namesOf(bom, 'sdk'), ['datasets', 'huggingface-hub']);
    assert.equal(find(bom, 'sdk', 'datasets').occurrences.filter((occurrence) => occurrence.evidence === 'import').length, 1);
  });

  it('near miss: a later cell calling a look-alike name, or an import of a non-AI package, is not resolved', async () => {
    const bom = await inventoryOf({
      'other.ipynb': notebook([
        ['from datasets import load_dataset'],
        ['rows = load_data("org/local-name")', 'other = my_load_dataset("org/other-name")'],
      ]),
      'plain.ipynb': notebook([['from mylib import load_dataset'], ['rows = load_dataset("org/thing")']]),
    });
    assert.deepEqual(namesOf(bom, 'dataset'), []);
  });
});
