import * as assert from 'node:assert/strict';
import { find, inventoryOf } from './helpers';

/** LLM benchmark harnesses installed from git in PEP 723 script metadata. */

describe('inventory: evaluation harnesses', () => {
  it('lists a benchmark harness installed from git, and its import', async () => {
    const bom = await inventoryOf({
      'eval.py': [
        '# /// script',
        '# dependencies = [',
        '#     "trl",',
        '#     "livecodebench @ git+https://github.com/LiveCodeBench/LiveCodeBench.git",',
        '#     "mylib @ git+https://github.com/example/mylib.git",',
        '# ]',
        '# ///',
        'from lcb_runner.evaluation import codegen_metrics',
      ].join('\n'),
    });
    const harness = find(bom, 'sdk', 'livecodebench');
    assert.deepEqual(
      harness.occurrences.map((occurrence) => `${occurrence.line} ${occurrence.evidence}`),
      ['4 manifest', '8 import'],
    );
    // near miss: a git dependency that is not an AI package
    assert.equal(
      bom.components.some((component) => component.name === 'mylib'),
      false,
    );
  });
});
