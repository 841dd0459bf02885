/** `aiPosture/rules` over real LSP: the catalogue the client's rule picker shows. */
import * as assert from 'node:assert/strict';
import { allRuleMetas } from '../../server/src/engine/index';
import type { RuleSummary } from '../../server/src/shared/protocol';
import { ensureBuilt, TestClient } from './client';

describe('LSP aiPosture/rules', function () {
  this.timeout(30_000);
  let client: TestClient;

  before(async () => {
    ensureBuilt();
    client = (await TestClient.start({ pull: true })).client;
  });
  after(() => client?.stop());

  it('lists every rule with its title, default severity, fixability and docs anchor', async () => {
    const rules = await client.request<RuleSummary[]>('aiPosture/rules');
    assert.deepEqual(
      rules.map((rule) => rule.id),
      allRuleMetas.map((meta) => meta.id),
    );
    const aip102 = rules.find((rule) => rule.id === 'AIP102');
    assert.deepEqual(aip102, {
      id: 'AIP102',
      name: 'unsafe-torch-load',
      title: 'torch.load without weights_only=True',
      defaultSeverity: 'error',
      fixable: true,
      docsUrl: 'https://github.com/ai-posture/ai-posture/blob/main/docs/rules.md#aip102',
    });
  });

  it('answers with or without params', async () => {
    const rules = await client.request<RuleSummary[]>('aiPosture/rules', {});
    assert.ok(rules.length > 0);
  });
});
