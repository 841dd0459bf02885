/**
 * No output of the CLI contains a credential it found. A workspace holds a fake key of every
 * provider the secret rules know (assembled at run time) in a Python file, a TypeScript file, a
 * notebook cell output, a `.env` file and a YAML config, plus tokens in an MCP config; every
 * report format, the text report with the AI-BOM and stats, and `fix --dry-run` are searched for
 * each value, its body and its tail. Each key must also be found, with its provider named.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { leakNeedles, plantedKeys, SECRET_FILES, secretWorkspaceFiles } from '../support/secretWorkspace';
import { ensureBuilt, makeWorkspace, removeWorkspaces, runCli } from './helpers';

interface JsonFinding {
  ruleId: string;
  path: string;
  message: string;
}

describe('secrets never leave the engine (CLI)', function () {
  this.timeout(120_000);
  const keys = plantedKeys();
  const roots: string[] = [];

  before(ensureBuilt);
  after(() => removeWorkspaces(roots));

  it('finds every planted key, names its provider, and no output contains a value', () => {
    const root = makeWorkspace(secretWorkspaceFiles(keys));
    roots.push(root);
    const outDir = path.join(root, '..', `${path.basename(root)}-out`);
    fs.mkdirSync(outDir);
    roots.push(outDir);
    const files = ['sarif', 'json', 'cyclonedx'].map((format) => path.join(outDir, `report.${format}`));
    const runs = [
      runCli(['scan', root, '--fail-on', 'never', '--bom', '--stats']),
      runCli(['scan', root, '--fail-on', 'never', '--format', 'json']),
      runCli(['scan', root, '--fail-on', 'never', '--format', 'sarif']),
      runCli(['scan', root, '--fail-on', 'never', '--format', 'cyclonedx']),
      runCli(['scan', root, '--fail-on', 'never', '--sarif', files[0], '--json', files[1], '--cyclonedx', files[2]]),
      runCli(['fix', root, '--dry-run', '--unsafe-fixes']),
    ];
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    const outputs = [...runs.flatMap((run) => [run.stdout, run.stderr]), ...files.map((file) => fs.readFileSync(file, 'utf8'))];

    const leaks = leakNeedles(keys).filter((needle) => outputs.some((output) => output.includes(needle)));
    assert.deepEqual(leaks.length, 0, `${leaks.length} credential value(s) or parts of them appear in the output`);

    // SARIF carries no snippet of the flagged text (a region only), for these rules or any other.
    assert.ok(!runs[2].stdout.includes('"snippet"'), 'SARIF results hold no snippet');
    const findings = (JSON.parse(runs[1].stdout) as { findings: JsonFinding[] }).findings;
    for (const file of SECRET_FILES) {
      const messages = findings.filter((finding) => finding.ruleId === 'AIP201' && finding.path === file).map((finding) => finding.message);
      assert.equal(messages.length, keys.length, `AIP201 findings in ${file}`);
      const unnamed = keys.filter(
        (key) => !messages.some((message) => message.startsWith(`${key.provider} API key ${key.value.slice(0, 4)}…`)),
      );
      assert.deepEqual(
        unnamed.map((key) => key.providerId),
        [],
        `providers not named in ${file}`,
      );
    }
    assert.equal(findings.filter((finding) => finding.ruleId === 'AIP602').length, 3, 'the MCP config tokens are AIP602 findings');
    assert.equal(findings.filter((finding) => finding.ruleId === 'AIP204').length, 1, 'the .env file is not ignored');
  });
});
