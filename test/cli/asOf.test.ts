/** `ai-posture scan --as-of`: model retirements judged on a fixed day, so CI gives the same answer every day. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ensureBuilt, REPO, runCli } from './helpers';

const WORKSPACE = path.join(REPO, 'test', 'fixtures', 'workspaces', 'advisories');

describe('CLI --as-of', function () {
  this.timeout(60_000);
  before(ensureBuilt);

  const retiredIn = (args: string[]) => {
    const result = runCli(['scan', 'py', 'js', '--format', 'json', '--fail-on', 'never', '--no-progress', ...args], { cwd: WORKSPACE });
    assert.equal(result.code, 0, result.stderr);
    return (JSON.parse(result.stdout).findings as { ruleId: string; path: string }[]).filter((finding) => finding.ruleId === 'AIP903');
  };

  it('reports retired model ids after their retirement date and none before it', () => {
    assert.equal(retiredIn(['--as-of', '2026-12-05']).length, 3);
    assert.deepEqual(retiredIn(['--as-of', '2023-01-01']), []);
  });

  it('rejects a date that is not YYYY-MM-DD with a usage error', () => {
    const result = runCli(['scan', '.', '--as-of', '2026-13-01'], { cwd: WORKSPACE });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /invalid value '2026-13-01' for --as-of/);
  });

  it('shows the dates of the bundled data in `ai-posture rules`', () => {
    const text = runCli(['rules']).stdout;
    assert.match(
      text,
      /Offline data: advisories of \d{4}-\d{2}-\d{2} \(\d+ entries, AIP901\/AIP609\), model lifecycle of \d{4}-\d{2}-\d{2}/,
    );
    const json = JSON.parse(runCli(['rules', '--format', 'json']).stdout);
    assert.match(json.data.advisories.date, /^\d{4}-\d{2}-\d{2}$/);
  });
});
