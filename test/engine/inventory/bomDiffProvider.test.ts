import * as assert from 'node:assert/strict';
import type { AiComponent } from '../../../server/src/engine/inventory/types';
import { bomDiff, cycloneDxJson } from '../../../server/src/engine/report/cyclonedx';

function model(provider: string): AiComponent {
  return {
    ref: `model:${provider}/gpt-4o`,
    kind: 'model',
    name: 'gpt-4o',
    provider,
    occurrences: [{ path: 'app.py', line: 3, evidence: 'call' }],
    properties: [],
    dependsOn: [],
  };
}

describe('inventory: BOM diff identity of models', () => {
  it('treats the same model id from a new provider as added (and the old one as removed)', () => {
    const before = cycloneDxJson(
      { components: [model('azure-openai')] },
      { deterministic: true, workspaceName: 'w', toolVersion: '0.0.0' },
    );
    const after = cycloneDxJson({ components: [model('openai')] }, { deterministic: true, workspaceName: 'w', toolVersion: '0.0.0' });
    const diff = bomDiff(before, after);
    assert.deepEqual(
      diff.added.map((entry) => entry.key),
      ['model:openai/gpt-4o'],
    );
    assert.deepEqual(
      diff.removed.map((entry) => entry.key),
      ['model:azure-openai/gpt-4o'],
    );
  });
});
