import * as assert from 'node:assert/strict';
import { formModelOptions } from '../../../server/src/engine/inventory/formOptions';
import { inventoryOf } from './helpers';

function notebook(cells: string[]): string {
  return JSON.stringify(
    {
      cells: cells.map((source) => ({ cell_type: 'code', source: [source] })),
      metadata: { kernelspec: { language: 'python' } },
    },
    null,
    1,
  );
}

describe('inventory: models offered by Colab form fields', () => {
  it('lists each model option of a form field whose name says model, at its line', async () => {
    const text = notebook([
      'from google import genai\nclient = genai.Client()\n',
      'MODEL_ID = "gemini-2.5-flash" # @param ["gemini-2.5-flash-lite", "gemini-2.5-flash", "gemini-2.5-pro"] {"allow-input": true}\n',
      'response = client.models.generate_content(model=MODEL_ID, contents="Hi")\n',
    ]);
    const formLine = text.split('\n').findIndex((line) => line.includes('@param')) + 1;
    const bom = await inventoryOf({ 'quickstarts/Get_started.ipynb': text });
    const models = bom.components.filter((component) => component.kind === 'model');
    const names = models.map((component) => component.name).sort();
    assert.deepEqual(names, ['gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-2.5-pro']);
    const pro = models.find((component) => component.name === 'gemini-2.5-pro');
    assert.equal(pro?.provider, 'google');
    assert.deepEqual(
      pro?.occurrences.map((occurrence) => [occurrence.line, occurrence.evidence, occurrence.symbol]),
      [[formLine, 'config', 'MODEL_ID']],
    );
  });

  it('reads single-quoted options and a field named for a model in any case', () => {
    const options = formModelOptions(
      "LIVE_model = 'gemini-live-2.5-flash-preview'  # @param ['gemini-2.0-flash-live-001', 'gemini-live-2.5-flash-preview'] {allow-input: true}\n",
    );
    assert.deepEqual(
      options.map((option) => option.id),
      ['gemini-2.0-flash-live-001', 'gemini-live-2.5-flash-preview'],
    );
  });

  it('near miss: options that are not model ids, on a field that names a model', () => {
    assert.deepEqual(formModelOptions('MODEL_ID = "Cats" # @param ["Cats", "Dogs"]\n'), []);
  });

  it('near miss: model ids offered on a field whose name does not say model', () => {
    assert.deepEqual(formModelOptions('text = "gemini-2.5-flash" # @param ["gemini-2.5-flash", "gemini-2.5-pro"]\n'), []);
    assert.deepEqual(formModelOptions('aspect_ratio = "16:9" # @param ["16:9", "9:16"]\n'), []);
  });

  it('near miss: a plain comment listing models, without @param', async () => {
    assert.deepEqual(formModelOptions('MODEL_ID = "gemini-2.5-flash" # or one of ["gemini-2.5-pro", "claude-sonnet-4-5"]\n'), []);
    const bom = await inventoryOf({
      'notes.ipynb': notebook(['import pandas as pd\n', 'MODEL_ID = "x" # one of ["gemini-2.5-pro", "gpt-4o"]\n']),
    });
    assert.deepEqual(
      bom.components.filter((component) => component.kind === 'model').map((component) => component.name),
      [],
    );
  });

  it('near miss: an option list that is not only quoted strings (`@param {type: "slider"}`, a computed list)', () => {
    assert.deepEqual(formModelOptions('MODEL = "gemini-2.5-pro" # @param {type: "string"}\n'), []);
    assert.deepEqual(formModelOptions('MODEL = "gemini-2.5-pro" # @param [MODELS[0], "gemini-2.5-flash"]\n'), []);
  });
});
