/**
 * The performance benchmark: `npm run bench` (not part of `npm test`; timings on a shared machine
 * are noisy, so targets are checked here and in docs/performance.md, never in tests).
 *
 * For each workspace it runs the built CLI cold (SARIF and AI-BOM, all rules) and warm (`--cache`),
 * and ripgrep over the same tree with the engine's own trigger literals (`rg -uuu -c -i -F`) in the
 * same run, so the ratio holds on any machine. Then the language-server figures (when the editor
 * benchmark is present) and the `.vsix` size. Prints a table and writes `bench-results.json`.
 *
 * Options (environment): BENCH_SIZES (default `1000,10000,50000`), BENCH_DENSE_FILES (2800),
 * BENCH_REAL (a folder to measure too, e.g. a checkout of a model library's source),
 * BENCH_SKIP_LSP=1, BENCH_SKIP_VSIX=1, BENCH_KEEP=1 (keep the generated trees).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { engineTriggers } from '../../server/src/engine/prefilter/engineTriggers';
import { REPO } from '../support/bundles';
import { generateWorkspace, type Profile } from './generate';

const CLI = path.join(REPO, 'server', 'out', 'cli.js');

interface TreeResult {
  name: string;
  files: number;
  megabytes: number;
  coldSeconds: number;
  filesPerSecond: number;
  megabytesPerSecond: number;
  peakRssMegabytes: number;
  ripgrepSeconds: number;
  ratioToRipgrep: number;
  warmSeconds: number;
  parsedFiles: number;
  findings: number;
}

function megabytesOf(root: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

/** Wall time of a command, in seconds, and its stderr. */
function timed(command: string, args: string[]): { seconds: number; stderr: string; stdout: string } {
  const started = process.hrtime.bigint();
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  return { seconds, stderr: run.stderr, stdout: run.stdout };
}

function statNumber(stderr: string, label: string): number {
  const line = stderr.split('\n').find((row) => row.trim().startsWith(label));
  return Number(
    (
      line
        ?.slice(line.indexOf(label) + label.length)
        .trim()
        .split(' ')[0] ?? '0'
    ).replace(/,/g, ''),
  );
}

function measureTree(name: string, root: string, work: string): TreeResult {
  const { files, bytes } = megabytesOf(root);
  const patterns = path.join(work, 'triggers.txt');
  fs.writeFileSync(patterns, `${engineTriggers().literals().join('\n')}\n`);
  const cache = fs.mkdtempSync(path.join(work, 'cache-'));
  const sarif = path.join(work, `${name}.sarif`);
  const scan = (extra: string[]) =>
    timed(process.execPath, [
      CLI,
      'scan',
      root,
      '--format',
      'sarif',
      '--output',
      sarif,
      '--no-progress',
      '--fail-on',
      'never',
      '--stats',
      ...extra,
    ]);
  // ripgrep first and last, best of two, so a cold disk cache does not favour either side.
  const rg = () => timed('rg', ['-uuu', '-c', '-i', '-F', '-f', patterns, root]).seconds;
  const ripgrepFirst = rg();
  const cold = scan(['--cache', cache]);
  const ripgrepSeconds = Math.min(ripgrepFirst, rg());
  const warm = scan(['--cache', cache]);
  const findings = (JSON.parse(fs.readFileSync(sarif, 'utf8')).runs[0].results as unknown[]).length;
  const megabytes = bytes / 1024 / 1024;
  return {
    name,
    files,
    megabytes: round(megabytes, 1),
    coldSeconds: round(cold.seconds, 2),
    filesPerSecond: Math.round(files / cold.seconds),
    megabytesPerSecond: round(megabytes / cold.seconds, 1),
    peakRssMegabytes: statNumber(cold.stderr, 'peak memory'),
    ripgrepSeconds: round(ripgrepSeconds, 3),
    ratioToRipgrep: round(cold.seconds / ripgrepSeconds, 1),
    warmSeconds: round(warm.seconds, 2),
    parsedFiles: statNumber(cold.stderr, 'parsed'),
    findings,
  };
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function table(rows: TreeResult[]): string {
  const head = ['tree', 'files', 'MB', 'cold s', 'files/s', 'MB/s', 'peak RSS MB', 'rg s', '× rg', 'warm s', 'parsed', 'findings'];
  const body = rows.map((r) => [
    r.name,
    r.files,
    r.megabytes,
    r.coldSeconds,
    r.filesPerSecond,
    r.megabytesPerSecond,
    r.peakRssMegabytes,
    r.ripgrepSeconds,
    r.ratioToRipgrep,
    r.warmSeconds,
    r.parsedFiles,
    r.findings,
  ]);
  const cells = [head, ...body].map((row) => row.map(String));
  const widths = head.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(cells[0]), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join('\n');
}

function vsixSize(): number | undefined {
  if (process.env.BENCH_SKIP_VSIX) return undefined;
  execFileSync('npm', ['run', 'package'], { cwd: REPO, stdio: 'ignore' });
  return fs.statSync(path.join(REPO, 'ai-posture.vsix')).size;
}

async function lspFigures(): Promise<unknown> {
  if (process.env.BENCH_SKIP_LSP) return undefined;
  const module = path.join(__dirname, 'lsp.bench.ts');
  if (!fs.existsSync(module)) return undefined;
  const { runLspBench } = (await import(module)) as { runLspBench: () => Promise<unknown> };
  return runLspBench();
}

async function main(): Promise<void> {
  // Measure the minified bundles the .vsix ships (the CLI and the server users run), not the
  // development build with source maps that the tests use.
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs'), '--production'], { cwd: REPO, stdio: 'ignore' });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-posture-bench-'));
  const sizes = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
  const trees: [string, number, Profile][] = [
    ...sizes.map((size): [string, number, Profile] => [`mixed-${size / 1000}k`, size, 'mixed']),
    ['ai-dense', Number(process.env.BENCH_DENSE_FILES ?? 2800), 'ai-dense'],
  ];
  const results: TreeResult[] = [];
  for (const [name, count, profile] of trees) {
    const root = path.join(work, name);
    generateWorkspace(root, count, profile);
    results.push(measureTree(name, root, work));
    console.error(`measured ${name}`);
    if (!process.env.BENCH_KEEP) fs.rmSync(root, { recursive: true, force: true });
  }
  if (process.env.BENCH_REAL) results.push(measureTree(path.basename(process.env.BENCH_REAL), path.resolve(process.env.BENCH_REAL), work));
  const lsp = await lspFigures();
  const vsixBytes = vsixSize();
  const report = {
    date: new Date().toISOString(),
    machine: { cores: os.availableParallelism(), node: process.version },
    trees: results,
    lsp,
    vsixBytes,
  };
  fs.writeFileSync(path.join(REPO, 'bench-results.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(table(results));
  if (vsixBytes !== undefined) console.log(`\n.vsix: ${(vsixBytes / 1024 / 1024).toFixed(2)} MB`);
  console.log('\nFull results: bench-results.json');
  if (!process.env.BENCH_KEEP) fs.rmSync(work, { recursive: true, force: true });
}

void main();
