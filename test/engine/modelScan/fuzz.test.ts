import * as assert from 'node:assert/strict';
import { FUZZ_TARGETS, fuzzTarget } from './fuzzTargets';

/** A seeded run of every model-file byte reader; `npm run fuzz` runs 10,000+ inputs per reader. */
describe('model scanner fuzzing (seeded)', () => {
  for (const target of FUZZ_TARGETS) {
    it(`${target.name}: 200 random and mutated inputs return without throwing, each in bounded time`, () => {
      assert.ok(target.seeds.length > 0, 'the target has seeds');
      const stats = fuzzTarget(target, 200, 20261205);
      assert.equal(stats.runs, 200);
    });
  }
});
