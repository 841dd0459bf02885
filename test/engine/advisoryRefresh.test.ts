/** The OSV export fold of `scripts/refresh-advisories.ts` (the script itself is run by hand, never in CI). */
import * as assert from 'node:assert/strict';
import { refreshAdvisories } from '../../scripts/advisoryRefresh';
import { allAdvisories } from '../../server/src/engine/advisories/advisories';

describe('refreshing advisories from an OSV export', () => {
  const current = allAdvisories().filter((entry) => entry.package === 'torch');

  it('keeps our summary and severity, takes the export ranges and ids, adds new advisories of tracked packages for review', () => {
    const refreshed = refreshAdvisories(current, [
      {
        id: 'GHSA-53q9-r3pm-6pq6',
        aliases: ['CVE-2025-32434', 'PYSEC-2025-41'],
        summary: 'their words',
        affected: [
          {
            package: { ecosystem: 'PyPI', name: 'torch' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.6.0' }] }],
          },
        ],
      },
      {
        id: 'GHSA-xxxx-new1-test',
        summary: 'A new torch issue',
        affected: [
          {
            package: { ecosystem: 'PyPI', name: 'Torch' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.0' }, { fixed: '2.7.1' }] }],
          },
        ],
      },
      {
        id: 'GHSA-yyyy-othr-test',
        affected: [
          {
            package: { ecosystem: 'PyPI', name: 'requests' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '9' }] }],
          },
        ],
      },
      { id: 'GHSA-zzzz-gone-test', withdrawn: '2025-01-01', affected: [{ package: { ecosystem: 'PyPI', name: 'torch' } }] },
    ]);
    const kept = refreshed.find((entry) => entry.id === 'GHSA-53q9-r3pm-6pq6');
    assert.equal(kept?.summary, current.find((entry) => entry.id === 'GHSA-53q9-r3pm-6pq6')?.summary);
    assert.deepEqual(kept?.aliases, ['CVE-2025-32434', 'PYSEC-2025-41']);
    const added = refreshed.find((entry) => entry.id === 'GHSA-xxxx-new1-test');
    assert.equal(added?.reviewNeeded, true);
    assert.equal(added?.firstFixed, '2.7.1');
    assert.match(added?.summary ?? '', /^REVIEW: /);
    assert.ok(!refreshed.some((entry) => entry.package === 'requests' || entry.id === 'GHSA-zzzz-gone-test'));
  });
});
