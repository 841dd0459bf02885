import * as assert from 'node:assert/strict';
import { ensureBuilt, runCli } from './helpers';

describe('ai-posture rules', function () {
  this.timeout(120_000);
  before(ensureBuilt);

  it('--format json lists AIP102 with its metadata and docs link', () => {
    const result = runCli(['rules', '--format', 'json']);
    assert.equal(result.code, 0);
    const document = JSON.parse(result.stdout);
    assert.equal(document.tool.name, 'ai-posture');
    const rule = document.rules.find((candidate: { id: string }) => candidate.id === 'AIP102');
    assert.ok(rule);
    assert.equal(rule.name, 'unsafe-torch-load');
    assert.equal(rule.defaultSeverity, 'error');
    assert.equal(rule.fixable, true);
    assert.ok(rule.cwe.includes('CWE-502'));
    assert.match(rule.helpUri, /#aip102$/);
  });

  it('text lists one rule per line', () => {
    const result = runCli(['rules']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^AIP102 +error +fix +unsafe-torch-load +torch\.load without weights_only=True$/m);
  });

  it('rejects an unknown format', () => {
    const result = runCli(['rules', '--format', 'sarif']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^ai-posture: invalid value 'sarif' for --format \(expected text, json\)/);
  });
});
