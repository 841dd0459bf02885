/**
 * Benchmark of the language server as an editor sees it, over stdio against the BUILT server
 * (`server/out/server.js`), through the test client of `test/lsp/client.ts`:
 *
 * - start-up: server start → first diagnostics of an opened file (empty workspace, and a large
 *   workspace whose scan starts with the server);
 * - typing: `didChange` → pulled diagnostics, one character at a time, in generated 1k-, 5k- and
 *   20k-line Python and TypeScript files that hold AI code (so there are findings), once idle and
 *   once while a scan of a generated `mixed` workspace runs;
 * - memory: the server's resident set after a full scan and after many edits.
 *
 * Not a mocha test (timings on a shared machine are noisy). `runLspBench(options)` returns the
 * results as JSON; `npx tsx test/bench/lsp.bench.ts` runs it alone and prints a table. Environment
 * for the stand-alone run: BENCH_LSP_FILES (workspace size, default 10000), BENCH_LSP_KEYS
 * (keystrokes per file, default 200), BENCH_LSP_EDITS (edits for the memory figure, default 10000).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureBuilt, TestClient, uriOf } from '../lsp/client';
import { generateWorkspace } from './generate';

export interface LspBenchOptions {
  /** Lines of the typed-in files. */
  sizes?: number[];
  languages?: Language[];
  /** Keystrokes per file and mode. */
  keystrokes?: number;
  /** Pause between a keystroke's diagnostics and the next keystroke (a fast typist). */
  paceMs?: number;
  /** Files of the generated workspace scanned during the "scanning" runs and the memory run. */
  workspaceFiles?: number;
  /** Edits made before the second memory reading. */
  memoryEdits?: number;
  /** Print progress and the table (default true). */
  print?: boolean;
}

type Language = 'python' | 'typescript';

export interface LatencyRow {
  language: Language;
  lines: number;
  mode: 'idle' | 'scanning';
  /** Keystrokes measured (while scanning, each one made while a full workspace scan ran). */
  keystrokes: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Diagnostics of the file after the last keystroke (the generated files hold findings). */
  findings: number;
}

export interface LspBenchResults {
  machine: { cpus: number; node: string; note: string };
  startup: { firstStartMs: number; emptyWorkspaceMs: number; scanningWorkspaceMs: number; workspaceFiles: number };
  typing: LatencyRow[];
  memory: { afterScan: ProcessMemory; afterEdits: ProcessMemory; edits: number; workspaceFiles: number; scanMs: number };
}

export interface ProcessMemory {
  rssMb: number;
  peakRssMb: number;
}

/** Extra Node options for the typing runs' servers, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (BENCH_LSP_NODE_ARGS). */
/** A little longer than the server waits before writing its code cache (`server/src/lsp/start.ts`). */
const CODE_CACHE_WRITE_WAIT_MS = 2500;
const SERVER_NODE_ARGS = (process.env.BENCH_LSP_NODE_ARGS ?? '').split(' ').filter(Boolean);

const DEFAULTS: Required<Omit<LspBenchOptions, 'print'>> = {
  sizes: [1_000, 5_000, 20_000],
  languages: ['python', 'typescript'],
  keystrokes: 200,
  paceMs: 30,
  workspaceFiles: 10_000,
  memoryEdits: 10_000,
};

export async function runLspBench(options: LspBenchOptions = {}): Promise<LspBenchResults> {
  const settings = { ...DEFAULTS, ...options };
  const print = options.print !== false;
  const log = (message: string) => print && console.error(message);
  ensureBuilt();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-posture-lsp-bench-'));
  try {
    const quiet = path.join(scratch, 'quiet');
    const big = path.join(scratch, 'workspace');
    // As the VS Code client does, the server keeps its code cache in a folder of its own.
    const codeCache = path.join(scratch, 'global-storage');
    fs.mkdirSync(quiet);
    log(`generating a ${settings.workspaceFiles}-file workspace…`);
    generateWorkspace(big, settings.workspaceFiles, 'mixed');
    const results: LspBenchResults = {
      machine: {
        cpus: os.availableParallelism(),
        node: process.version,
        note: 'wall-clock timings on this machine; a shared machine makes them noisy',
      },
      startup: {
        // The very first start, before V8's code cache of the server exists (once per install).
        firstStartMs: await firstDiagnostics(quiet, false, codeCache),
        emptyWorkspaceMs: await median(3, () => firstDiagnostics(quiet, false, codeCache)),
        scanningWorkspaceMs: await median(3, () => firstDiagnostics(big, true, codeCache)),
        workspaceFiles: settings.workspaceFiles,
      },
      typing: [],
      memory: await memory(big, settings.memoryEdits, log),
    };
    for (const language of settings.languages) {
      for (const lines of settings.sizes) {
        for (const mode of ['idle', 'scanning'] as const) {
          log(`typing: ${language}, ${lines} lines, ${mode}…`);
          const root = mode === 'idle' ? quiet : big;
          results.typing.push(await typing(root, language, lines, mode, settings));
        }
      }
    }
    if (print) console.log(formatTable(results));
    return results;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Server start (spawn, `initialize`) → the first full diagnostics of a file opened right away. */
async function firstDiagnostics(root: string, scanOnStartup: boolean, codeCache: string): Promise<number> {
  const relative = 'bench-open/first.py';
  const text = sourceFile('python', 200);
  const started = performance.now();
  const { client } = await TestClient.start({
    pull: true,
    folders: [root],
    settings: () => ({ scanOnStartup }),
    serverArgs: ['--code-cache', codeCache],
  });
  try {
    const uri = uriOf(root, relative);
    await client.open(uri, text);
    await client.pullUntil(uri, (items) => items.length > 0, 'the first diagnostics');
    const elapsed = round(performance.now() - started);
    // The server writes its code cache 2 s after start: let the first one do so.
    await sleep(CODE_CACHE_WRITE_WAIT_MS);
    return elapsed;
  } finally {
    await client.stop();
  }
}

/** One file typed into one character at a time; the latency of each keystroke's pulled diagnostics. */
async function typing(
  root: string,
  language: Language,
  lines: number,
  mode: 'idle' | 'scanning',
  settings: Required<Omit<LspBenchOptions, 'print'>>,
): Promise<LatencyRow> {
  const relative = `bench-open/typed-${lines}.${language === 'python' ? 'py' : 'ts'}`;
  const text = sourceFile(language, lines);
  const { client } = await TestClient.start({
    pull: true,
    folders: [root],
    settings: () => ({ scanOnStartup: mode === 'scanning' }),
    execArgv: SERVER_NODE_ARGS,
  });
  try {
    const uri = uriOf(root, relative);
    await client.open(uri, text, language);
    await client.pullUntil(uri, (items) => items.length > 0, 'the first diagnostics');
    const scan = new ScanKeeper(client);
    if (mode === 'scanning') await scan.keepRunning();
    // Type on a fresh comment line in the middle of the file, as someone annotating code would.
    const line = Math.floor(lines / 2);
    const comment = language === 'python' ? '# ' : '// ';
    await client.change(uri, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `${comment}\n` }]);
    const latencies: number[] = [];
    let findings = 0;
    for (let key = 0; key < settings.keystrokes; key++) {
      if (mode === 'scanning') await scan.keepRunning();
      const character = comment.length + key;
      const started = performance.now();
      await client.change(uri, [{ range: { start: { line, character }, end: { line, character } }, text: 'abcdefghij '[key % 11] }]);
      findings = (await pullCurrent(client, uri)).length;
      latencies.push(performance.now() - started);
      await sleep(settings.paceMs);
    }
    return { language, lines, mode, keystrokes: latencies.length, ...percentiles(latencies), findings };
  } finally {
    await client.stop();
  }
}

/**
 * Keeps a workspace scan running: when one ends, a settings change (a rule's severity, toggled)
 * makes the server drop its cache and scan the whole workspace again.
 */
class ScanKeeper {
  private toggled = false;

  constructor(private readonly client: TestClient) {}

  private count(kind: 'begin' | 'report' | 'end'): number {
    return this.client.progress.filter((event) => event.value.kind === kind).length;
  }

  async keepRunning(): Promise<void> {
    const begun = this.count('begin');
    if (begun > 0 && begun > this.count('end')) return;
    if (begun > 0) {
      this.toggled = !this.toggled;
      const rules = this.toggled ? { AIP105: 'information' } : {};
      await this.client.changeSettings(() => ({ scanOnStartup: true, rules }));
    }
    await this.client.waitFor(() => (this.count('begin') > begun ? true : undefined), 'a scan to start', 60_000);
  }
}

/** Pulls until the server answers for the current version (it asks to retry while a version is stale). */
async function pullCurrent(client: TestClient, uri: string): Promise<unknown[]> {
  for (;;) {
    try {
      const report = await client.pull(uri);
      if (report.kind === 'full') return report.items;
    } catch {
      // `ServerCancelled`: a newer version superseded the analysis; VS Code pulls again too.
    }
  }
}

/** The server's memory after a full scan, then after many edits (each pulled) of an open file. */
async function memory(root: string, edits: number, log: (message: string) => void): Promise<LspBenchResults['memory']> {
  log('memory: full scan…');
  const { client } = await TestClient.start({ pull: true, folders: [root], settings: () => ({ scanOnStartup: false }) });
  try {
    const started = performance.now();
    await client.request('aiPosture/rescan');
    const scanMs = round(performance.now() - started);
    const afterScan = processMemory(client.pid);
    log(`memory: ${edits} edits…`);
    const uri = uriOf(root, 'bench-open/edited.py');
    await client.open(uri, sourceFile('python', 1_000));
    const line = 500;
    for (let edit = 0; edit < edits; edit++) {
      // Type a word, then delete it again, so the text stays the same size.
      const cycle = edit % 10;
      const change =
        cycle < 5
          ? { range: { start: { line, character: cycle }, end: { line, character: cycle } }, text: 'x' }
          : { range: { start: { line, character: 9 - cycle }, end: { line, character: 10 - cycle } }, text: '' };
      await client.change(uri, [change]);
      await pullCurrent(client, uri);
    }
    return { afterScan, afterEdits: processMemory(client.pid), edits, workspaceFiles: countFiles(root), scanMs };
  } finally {
    await client.stop();
  }
}

function processMemory(pid: number | undefined): ProcessMemory {
  const status = pid ? fs.readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: round(kb('VmRSS') / 1024), peakRssMb: round(kb('VmHWM') / 1024) };
}

function countFiles(root: string): number {
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}

/**
 * A source file of about `lines` lines: AI code at the top (a finding), then ordinary functions.
 * Deterministic, so runs compare.
 */
export function sourceFile(language: Language, lines: number): string {
  const out: string[] =
    language === 'python'
      ? ['import json', 'import torch', '', 'model = torch.load("weights.pt")', '']
      : [
          "import OpenAI from 'openai';",
          '',
          'const client = new OpenAI({ dangerouslyAllowBrowser: true });',
          'export const ask = (q: string) => client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: q }] });',
          '',
        ];
  for (let i = 0; out.length < lines; i++) {
    if (language === 'python') {
      out.push(
        `def handler_${i}(event, context):`,
        `    """Handles event ${i}."""`,
        '    data = json.loads(event["body"])',
        `    total = sum(item * ${i % 17} for item in data if item > ${i % 5})`,
        '    return {"status": 200, "total": total}',
        '',
      );
    } else {
      out.push(
        `export function handler${i}(items: readonly number[]): number {`,
        '  let total = 0;',
        `  for (const item of items) if (item > ${i % 5}) total += item * ${i % 17};`,
        '  return total;',
        '}',
        '',
      );
    }
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}

function percentiles(values: number[]): { p50Ms: number; p95Ms: number; maxMs: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
  return { p50Ms: round(at(0.5)), p95Ms: round(at(0.95)), maxMs: round(sorted.at(-1) ?? 0) };
}

export function formatTable(results: LspBenchResults): string {
  const { startup, memory: mem } = results;
  const rows = results.typing.map(
    (row) =>
      `${row.language.padEnd(10)} ${String(row.lines).padStart(6)} ${row.mode.padEnd(8)} ${String(row.keystrokes).padStart(5)} ` +
      `${row.p50Ms.toFixed(1).padStart(8)} ${row.p95Ms.toFixed(1).padStart(8)} ${row.maxMs.toFixed(1).padStart(8)} ${String(row.findings).padStart(8)}`,
  );
  return [
    `LSP benchmark (${results.machine.cpus} CPUs, Node ${results.machine.node}; ${results.machine.note})`,
    `start → first diagnostics (median of 3, with the server's code cache): ${startup.emptyWorkspaceMs} ms (empty workspace), ${startup.scanningWorkspaceMs} ms (${startup.workspaceFiles}-file workspace scanning); very first start (no code cache yet): ${startup.firstStartMs} ms`,
    '',
    'didChange → diagnostics (ms)',
    'language    lines mode      keys      p50      p95      max findings',
    ...rows,
    '',
    `memory: after a full scan of ${mem.workspaceFiles} files (${mem.scanMs} ms): RSS ${mem.afterScan.rssMb} MB (peak ${mem.afterScan.peakRssMb} MB); ` +
      `after ${mem.edits} more edits: RSS ${mem.afterEdits.rssMb} MB (peak ${mem.afterEdits.peakRssMb} MB)`,
  ].join('\n');
}

/** The median of `runs` measurements (process start-up varies a lot on a shared machine). */
async function median(runs: number, measure: () => Promise<number>): Promise<number> {
  const values: number[] = [];
  for (let run = 0; run < runs; run++) values.push(await measure());
  return values.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

if (require.main === module) {
  runLspBench({
    workspaceFiles: Number(process.env.BENCH_LSP_FILES ?? DEFAULTS.workspaceFiles),
    keystrokes: Number(process.env.BENCH_LSP_KEYS ?? DEFAULTS.keystrokes),
    memoryEdits: Number(process.env.BENCH_LSP_EDITS ?? DEFAULTS.memoryEdits),
  })
    .then((results) => fs.writeFileSync(path.join(os.tmpdir(), 'ai-posture-lsp-bench.json'), JSON.stringify(results, null, 2)))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
