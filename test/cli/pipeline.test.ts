import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace } from '../bench/generate';
import { ensureBuilt, makeWorkspace, removeWorkspaces, runCli } from './helpers';

/**
 * The scan pipeline end to end through the built CLI: worker threads and the cache never change
 * an output byte, `--stats` explains the run, and text files in UTF-16 or with a BOM are read.
 */
describe('scan pipeline: threads, cache, statistics, encodings', function () {
  this.timeout(300_000);
  const roots: string[] = [];
  let tree: string;
  let out: string;

  before(() => {
    ensureBuilt();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-posture-pipeline-'));
    // Over the pool's threshold (400 files), with AI files, notebooks and vendored folders.
    tree = path.join(out, 'tree');
    generateWorkspace(tree, 900, 'mixed', 11);
    roots.push(out);
  });
  after(() => removeWorkspaces(roots));

  const scan = (name: string, extra: string[]) => {
    const sarif = path.join(out, `${name}.sarif`);
    const bom = path.join(out, `${name}.cdx.json`);
    const result = runCli([
      'scan',
      tree,
      '--sarif',
      sarif,
      '--cyclonedx',
      bom,
      '--deterministic',
      '--fail-on',
      'never',
      '--stats',
      ...extra,
    ]);
    assert.equal(result.code, 0, result.stderr);
    return { sarif: fs.readFileSync(sarif, 'utf8'), bom: fs.readFileSync(bom, 'utf8'), stderr: result.stderr };
  };

  it('gives byte-identical SARIF and CycloneDX with one thread and with a pool of workers', () => {
    const one = scan('one', ['--jobs', '1']);
    const pool = scan('pool', ['--jobs', '3']);
    assert.match(one.stderr, /analysis threads\s+1\n/);
    assert.match(pool.stderr, /analysis threads\s+3\n/);
    assert.ok(JSON.parse(one.sarif).runs[0].results.length > 0, 'the tree has findings');
    assert.equal(pool.sarif, one.sarif);
    assert.equal(pool.bom, one.bom);
  });

  it('answers a warm scan from --cache with the same output, and re-reads only what changed', () => {
    const cache = path.join(out, 'cache');
    const cold = scan('cold', ['--cache', cache]);
    const warm = scan('warm', ['--cache', cache]);
    const discovered = /files discovered\s+([\d,]+)/.exec(cold.stderr)?.[1];
    assert.match(cold.stderr, /answered from the cache\s+0\n/);
    assert.match(warm.stderr, new RegExp(`answered from the cache\\s+${discovered}\\n`));
    assert.match(warm.stderr, /parsed\s+0\n/);
    assert.equal(warm.sarif, cold.sarif);
    assert.equal(warm.bom, cold.bom);
    const changed = path.join(tree, 'late.py');
    fs.writeFileSync(changed, 'import torch\nstate = torch.load("w.pt")\n');
    const after = scan('after', ['--cache', cache]);
    assert.match(after.stderr, new RegExp(`answered from the cache\\s+${discovered}\\n`), 'every file but the new one');
    assert.ok(after.sarif.includes('late.py'));
    fs.rmSync(changed);
  });

  it('explains where the time went: files left out by the prefilter and why files were parsed', () => {
    const { stderr } = scan('stats', ['--jobs', '1']);
    const discovered = Number(/files discovered\s+([\d,]+)/.exec(stderr)?.[1].replace(/,/g, ''));
    const prefiltered = Number(/left out by the prefilter\s+([\d,]+)/.exec(stderr)?.[1].replace(/,/g, ''));
    const parsed = Number(/\n {2}parsed\s+([\d,]+)/.exec(stderr)?.[1].replace(/,/g, ''));
    assert.ok(prefiltered > discovered / 2, `most files are never decoded (${prefiltered} of ${discovered})`);
    assert.ok(parsed < discovered / 20, `few files are parsed (${parsed} of ${discovered})`);
    assert.match(stderr, /asked by rule AIP\d{3}\s+\d+/);
    assert.match(stderr, /asked by ai-bom: import\s+\d+/);
  });

  it('reads UTF-16 (both byte orders) and UTF-8 with a BOM, with positions as the editor shows them', () => {
    const source = 'import torch\nstate = torch.load("w.pt")\n';
    const swap = (buffer: Buffer) => Buffer.from(buffer).swap16();
    const root = makeWorkspace({});
    roots.push(root);
    fs.writeFileSync(path.join(root, 'le.py'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(source, 'utf16le')]));
    fs.writeFileSync(path.join(root, 'be.py'), Buffer.concat([Buffer.from([0xfe, 0xff]), swap(Buffer.from(source, 'utf16le'))]));
    fs.writeFileSync(path.join(root, 'bom.py'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(source, 'utf8')]));
    fs.writeFileSync(path.join(root, 'binary.py'), Buffer.from([0x69, 0x00, 0x6d, 0x00, 0x70]));
    const result = runCli(['scan', root, '--format', 'json', '--fail-on', 'never']);
    const findings = JSON.parse(result.stdout).findings as {
      path: string;
      ruleId: string;
      region: { startLine: number; startColumn: number };
    }[];
    const places = findings.map((f) => `${f.path}:${f.region.startLine}:${f.region.startColumn}:${f.ruleId}`).sort();
    assert.deepEqual(places, ['be.py:2:9:AIP102', 'bom.py:2:9:AIP102', 'le.py:2:9:AIP102']);
  });

  it('fix writes a UTF-16 file back in UTF-16, with its byte-order mark', () => {
    // torch >= 2.6 makes adding weights_only=True a safe fix.
    const root = makeWorkspace({ 'requirements.txt': 'torch>=2.6\n' });
    roots.push(root);
    const file = path.join(root, 'le.py');
    fs.writeFileSync(
      file,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('import torch\nstate = torch.load("w.pt")\n', 'utf16le')]),
    );
    const result = runCli(['fix', root]);
    assert.equal(result.code, 0, result.stderr);
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xfe]);
    assert.equal(bytes.subarray(2).toString('utf16le'), 'import torch\nstate = torch.load("w.pt", weights_only=True)\n');
  });

  it('refuses a --jobs that is not a whole number', () => {
    const result = runCli(['scan', tree, '--jobs', 'many']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /invalid value 'many' for --jobs/);
  });
});
