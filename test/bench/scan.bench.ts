/**
 * Benchmark: workspace scan throughput, warm re-scan with the cache, and per-keystroke latency.
 * Run with `npm run bench` (not part of `npm test`: timings on a shared machine are noisy).
 * Options: BENCH_FILES (default 10000), BENCH_KEEP=1 keeps the generated workspace.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnalysisCache, analyzeFile, defaultConfig, scanWorkspace } from '../../server/src/engine/index';

const FILE_COUNT = Number(process.env.BENCH_FILES ?? 10_000);

const TEMPLATES: [string, (i: number) => string][] = [
  [
    'py',
    (i) =>
      `import os\nimport json\n\ndef handler_${i}(event):\n    data = json.loads(event["body"])\n    return {"status": 200, "items": [x * 2 for x in data]}\n`.repeat(
        8,
      ),
  ],
  [
    'ts',
    (i) =>
      `import { readFile } from 'node:fs/promises';\nexport async function load${i}(p: string) {\n  const text = await readFile(p, 'utf8');\n  return text.split('\\n').map((line) => line.trim());\n}\n`.repeat(
        8,
      ),
  ],
  [
    'py',
    (i) =>
      `import torch\nfrom transformers import AutoModel\n\nmodel_${i} = AutoModel.from_pretrained("org/model-${i}", trust_remote_code=True)\nstate = torch.load("w${i}.pt")\n`,
  ],
  [
    'tsx',
    (i) =>
      `import OpenAI from 'openai';\nconst client${i} = new OpenAI({ apiKey: 'x', dangerouslyAllowBrowser: true });\nexport const C${i} = () => <div>{String(client${i})}</div>;\n`,
  ],
  ['md', (i) => `# Page ${i}\n\nSome documentation text about the service.\n`.repeat(20)],
  ['json', (i) => JSON.stringify({ name: `pkg-${i}`, version: '1.0.0', dependencies: { lodash: '^4.17.21' } }, null, 2)],
];

function generate(root: string): void {
  for (let i = 0; i < FILE_COUNT; i++) {
    const [extension, make] = TEMPLATES[i % TEMPLATES.length];
    const dir = path.join(root, `pkg${Math.floor(i / 100)}`, `mod${Math.floor(i / 10) % 10}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `file${i}.${extension}`), make(i));
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-bench-'));
  generate(root);
  const config = defaultConfig();
  const cache = new AnalysisCache();
  let peakRss = 0;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 50);

  const cold = await scanWorkspace(root, config, { cache });
  const warm = await scanWorkspace(root, config, { cache });
  clearInterval(timer);
  sample();
  const findings = cold.files.reduce((sum, file) => sum + file.findings.length, 0);

  const big = `import torch\n${'def f(x):\n    return torch.load(x, weights_only=True)\n'.repeat(1500)}`;
  const rounds = 20;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) await analyzeFile({ path: 'big.py', text: `${big}# edit ${i}\n` }, config);
  const keystrokeMs = (performance.now() - started) / rounds;

  console.log(`files: ${cold.stats.filesAnalysed} analysed, findings: ${findings}`);
  console.log(`cold scan: ${cold.stats.durationMs} ms (${((cold.stats.filesAnalysed / cold.stats.durationMs) * 1000).toFixed(0)} files/s)`);
  console.log(`warm scan (cache): ${warm.stats.durationMs} ms`);
  console.log(`re-analyse a ${big.split('\n').length}-line Python file after an edit: ${keystrokeMs.toFixed(1)} ms`);
  console.log(`peak RSS: ${mb(peakRss)}`);
  if (!process.env.BENCH_KEEP) fs.rmSync(root, { recursive: true, force: true });
}

void main();
