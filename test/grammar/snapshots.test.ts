import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatTokens, scopeForFile, tokenize } from './tokenize';

const SAMPLES = path.join(__dirname, 'samples');
const SNAPSHOTS = path.join(__dirname, '__snapshots__');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

describe('grammar token snapshots', function () {
  // The first test loads the WASM regex engine and the host grammars; the machine may be busy.
  this.timeout(30_000);

  for (const sample of fs.readdirSync(SAMPLES).sort()) {
    it(sample, async () => {
      const scope = scopeForFile(sample);
      const text = fs.readFileSync(path.join(SAMPLES, sample), 'utf8');
      const actual = `# ${sample} tokenised as ${scope}; one token a line: line:start-end "text" scopes\n${formatTokens(await tokenize(scope, text))}\n`;
      const file = path.join(SNAPSHOTS, `${sample}.snap`);
      if (UPDATE) {
        fs.mkdirSync(SNAPSHOTS, { recursive: true });
        fs.writeFileSync(file, actual);
        return;
      }
      assert.ok(
        fs.existsSync(file),
        `no snapshot ${path.relative(process.cwd(), file)}: run the tests with UPDATE_SNAPSHOTS=1 to write it`,
      );
      assert.equal(actual, fs.readFileSync(file, 'utf8'), `tokens of ${sample} changed: review, then rerun with UPDATE_SNAPSHOTS=1`);
    });
  }

  it('has no stale snapshot', () => {
    const samples = new Set(fs.readdirSync(SAMPLES).map((sample) => `${sample}.snap`));
    const stale = fs.existsSync(SNAPSHOTS) ? fs.readdirSync(SNAPSHOTS).filter((snapshot) => !samples.has(snapshot)) : [];
    if (UPDATE) for (const snapshot of stale) fs.rmSync(path.join(SNAPSHOTS, snapshot));
    else assert.deepEqual(stale, []);
  });
});
