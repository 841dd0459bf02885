import fc from 'fast-check';
import { readGguf } from '../../../server/src/engine/modelScan/gguf';
import { h5LambdaHeuristic, kerasConfigIssues } from '../../../server/src/engine/modelScan/keras';
import { readNpyHeader } from '../../../server/src/engine/modelScan/npy';
import { readOnnx } from '../../../server/src/engine/modelScan/onnx';
import { scanPickle } from '../../../server/src/engine/modelScan/pickle';
import { readSafetensors } from '../../../server/src/engine/modelScan/safetensors';
import { scanModel } from '../../../server/src/engine/modelScan/scan';
import { MemorySource } from '../../../server/src/engine/modelScan/source';
import { memberBytes, readZip } from '../../../server/src/engine/modelScan/zip';
import { GENERATED_FIXTURES } from './generatedFixtures';

/**
 * Fuzz targets of the model scanner's byte readers, shared by the seeded run in the tests and the
 * long run (`npm run fuzz`). Inputs are random bytes and mutations (byte flips, insertions,
 * truncation) of the generated fixtures of each format. Each reader must return for every input,
 * never throw, and finish within `MAX_MILLIS_PER_INPUT`; the whole-file scanner runs on every input too.
 */

export const MAX_MILLIS_PER_INPUT = 2_000;

export interface FuzzTarget {
  name: string;
  /** Seeds whose mutations reach deep into the format. */
  seeds: Buffer[];
  extension: string;
  read(bytes: Uint8Array): void;
}

const seedsMatching = (pattern: RegExp) =>
  GENERATED_FIXTURES.filter((fixture) => pattern.test(fixture.path)).map((fixture) => fixture.bytes());

export const FUZZ_TARGETS: FuzzTarget[] = [
  {
    name: 'pickle',
    seeds: seedsMatching(/\.(pkl|bin|joblib)$|legacy/),
    extension: '.pkl',
    read: (bytes) => scanPickle(new MemorySource(bytes)),
  },
  {
    name: 'zip',
    seeds: seedsMatching(/\.(pt|zip|npz|keras)$/),
    extension: '.pt',
    read: (bytes) => {
      const source = new MemorySource(bytes);
      for (const entry of readZip(source).entries.slice(0, 50)) {
        const member = memberBytes(source, entry, 1024 * 1024);
        if ('source' in member) member.source.read(0, 16);
      }
    },
  },
  { name: 'gguf', seeds: seedsMatching(/\.gguf$/), extension: '.gguf', read: (bytes) => readGguf(new MemorySource(bytes)) },
  {
    name: 'safetensors',
    seeds: seedsMatching(/\.safetensors$/),
    extension: '.safetensors',
    read: (bytes) => readSafetensors(new MemorySource(bytes)),
  },
  { name: 'onnx', seeds: seedsMatching(/\.onnx$/), extension: '.onnx', read: (bytes) => readOnnx(new MemorySource(bytes)) },
  {
    name: 'keras',
    seeds: seedsMatching(/\.(keras|h5)$/),
    extension: '.keras',
    read: (bytes) => {
      h5LambdaHeuristic(new MemorySource(bytes));
      try {
        kerasConfigIssues(JSON.parse(Buffer.from(bytes).toString('utf8')));
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
      }
    },
  },
  { name: 'npy', seeds: seedsMatching(/\.(npy|npz)$/), extension: '.npy', read: (bytes) => readNpyHeader(new MemorySource(bytes)) },
];

/** Random bytes, or a seed with a few bytes replaced or inserted and maybe cut short. */
export function inputsFor(target: FuzzTarget): fc.Arbitrary<Uint8Array> {
  const random = fc.uint8Array({ maxLength: 4096 });
  if (target.seeds.length === 0) return random;
  const edit = fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), insert: fc.boolean() });
  const mutated = fc
    .tuple(fc.constantFrom(...target.seeds), fc.array(edit, { maxLength: 8 }), fc.option(fc.nat(), { nil: undefined }))
    .map(([seed, edits, cut]) => {
      let bytes = Buffer.from(seed);
      for (const { at, byte, insert } of edits) {
        const position = bytes.length === 0 ? 0 : at % bytes.length;
        bytes = insert ? Buffer.concat([bytes.subarray(0, position), Buffer.from([byte]), bytes.subarray(position)]) : bytes;
        if (!insert && bytes.length > 0) bytes[position] = byte;
      }
      return cut === undefined || bytes.length === 0 ? bytes : bytes.subarray(0, cut % bytes.length);
    });
  return fc.oneof({ arbitrary: mutated, weight: 4 }, { arbitrary: random, weight: 1 });
}

export interface FuzzStats {
  runs: number;
  maxMillis: number;
}

/** Runs a target: its reader and the whole-file scanner on each input, timed. Throws (with the counterexample) on a failure. */
export function fuzzTarget(target: FuzzTarget, numRuns: number, seed: number): FuzzStats {
  const stats: FuzzStats = { runs: 0, maxMillis: 0 };
  fc.assert(
    fc.property(inputsFor(target), (bytes) => {
      const started = performance.now();
      target.read(bytes);
      const scan = scanModel(new MemorySource(bytes), target.extension, { deep: true });
      const millis = performance.now() - started;
      stats.runs++;
      stats.maxMillis = Math.max(stats.maxMillis, millis);
      if (millis > MAX_MILLIS_PER_INPUT) throw new Error(`${target.name}: ${millis.toFixed(0)} ms for ${bytes.length} bytes`);
      if (scan.incomplete.some((reason) => reason.startsWith('the scanner stopped')))
        throw new Error(`${target.name}: ${scan.incomplete.join('; ')}`);
    }),
    { numRuns, seed, endOnFailure: true },
  );
  return stats;
}
