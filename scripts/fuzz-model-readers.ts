import { FUZZ_TARGETS, fuzzTarget } from '../test/engine/modelScan/fuzzTargets';

/**
 * The long fuzz run of the model scanner's byte readers: `npm run fuzz [-- runs [seed]]`
 * (default 10,000 inputs per reader, a time-based seed). Prints runs, the slowest input and the
 * process's peak memory per reader; exits non-zero with the counterexample on any escape or hang.
 */
const runs = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
console.log(`fuzzing ${FUZZ_TARGETS.length} readers, ${runs} inputs each, seed ${seed}`);
let failed = false;
for (const target of FUZZ_TARGETS) {
  const started = performance.now();
  try {
    const stats = fuzzTarget(target, runs, seed);
    const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${target.name.padEnd(12)} ${stats.runs} inputs, ${seconds} s, slowest ${stats.maxMillis.toFixed(1)} ms, rss ${rss} MB`);
  } catch (error) {
    failed = true;
    console.error(`${target.name}: FAILED\n${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failed ? 1 : 0;
