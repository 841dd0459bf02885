import * as assert from 'node:assert/strict';
import { analyzeFile } from '../../../server/src/engine/analyze';
import { defaultConfig } from '../../../server/src/engine/config/config';
import { notebookCells } from '../../../server/src/engine/parse/notebook';
import { LineIndex } from '../../../server/src/engine/text/lineIndex';
import type { Finding } from '../../../server/src/engine/types';

/** A notebook whose one code cell has `source` as given (an array of lines, or one string). */
function notebook(source: string | string[], outputs: unknown[] = [], indent = 1): string {
  const cell = { cell_type: 'code', execution_count: 1, metadata: {}, outputs, source };
  return JSON.stringify({ cells: [cell], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, indent);
}

/** The text of the `.ipynb` a finding's range covers. */
function flagged(text: string, finding: Finding | undefined): string {
  assert.ok(finding, 'a finding');
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(finding.range.start), lines.offsetAt(finding.range.end));
}

describe('notebook cells', () => {
  it('maps a one-string source with \\n escapes to the exact span', async () => {
    const text = notebook(
      'from transformers import AutoModel\nnote = "a \\"quoted\\" word"\nmodel = AutoModel.from_pretrained("acme/sentiment")\n',
    );
    const result = await analyzeFile({ path: 'n.ipynb', text }, defaultConfig());
    assert.equal(flagged(text, result.findings[0]), '\\"acme/sentiment\\"');
  });

  it('maps through escaped quotes before the flagged call in an array source', async () => {
    const text = notebook(['import torch\n', 'label = "the \\"best\\" model"; state = torch.load("m.pt")\n']);
    const result = await analyzeFile({ path: 'n.ipynb', text }, defaultConfig());
    assert.equal(flagged(text, result.findings[0]), 'torch.load');
  });

  it('maps through \\uXXXX escapes (non-ASCII text in the cell)', async () => {
    const source = ['import torch\n', 'caf\u00e9 = "\u00fcber \u{1F600}"; state = torch.load("m.pt")\n'];
    const escaped = notebook(source).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const result = await analyzeFile({ path: 'n.ipynb', text: escaped }, defaultConfig());
    assert.equal(flagged(escaped, result.findings[0]), 'torch.load');
  });

  it('gives an end position for a span that ends the cell', () => {
    const text = notebook('x = 1');
    const [cell] = notebookCells(text);
    assert.ok(cell);
    const end = cell.toFile({ line: 0, character: 5 });
    const start = cell.toFile({ line: 0, character: 0 });
    const lines = new LineIndex(text);
    assert.equal(text.slice(lines.offsetAt(start), lines.offsetAt(end)), 'x = 1');
  });

  it('measures a notebook by its code cells, not its outputs', async () => {
    const image = { output_type: 'display_data', data: { 'image/png': 'A'.repeat(2 * 1024 * 1024) }, metadata: {} };
    const text = notebook(['import pickle\n', 'data = pickle.load(open("x.pkl", "rb"))\n'], [image]);
    assert.ok(text.length > defaultConfig().maxFileBytes);
    const result = await analyzeFile({ path: 'big.ipynb', text }, defaultConfig());
    assert.deepEqual(result.notices, []);
    assert.deepEqual(
      result.findings.map((finding) => finding.ruleId),
      ['AIP103'],
    );
  });

  it('still skips a notebook whose code itself is too large', async () => {
    const config = { ...defaultConfig(), maxFileBytes: 2048 };
    const text = notebook(['import pickle\n', `x = "${'a'.repeat(4096)}"\n`]);
    const result = await analyzeFile({ path: 'big.ipynb', text }, config);
    assert.match(result.notices[0]?.reason ?? '', /code cells larger than maxFileBytes/);
  });
});
