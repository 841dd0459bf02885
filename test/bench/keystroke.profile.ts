/**
 * In-process keystroke profile: re-analyses an open document after each one-character edit, as the
 * language server does, and prints p50/p95 (no LSP transport). `tsx test/bench/keystroke.profile.ts
 * [python|typescript] [lines] [edits]`; add `--cpu-prof` to node for a profile.
 */
import { analyzeFile } from '../../server/src/engine/analyze';
import { defaultConfig } from '../../server/src/engine/config/config';
import { preloadGrammars } from '../../server/src/engine/parse/treeSitter';
import { sourceFile } from './lsp.bench';

async function main(): Promise<void> {
  const language = (process.argv[2] ?? 'python') as 'python' | 'typescript';
  const lines = Number(process.argv[3] ?? 5000);
  const edits = Number(process.argv[4] ?? 200);
  preloadGrammars([language]);
  const config = defaultConfig();
  const path = language === 'python' ? 'typed.py' : 'typed.ts';
  const original = sourceFile(language, lines).split('\n');
  const line = Math.floor(lines / 2);
  const comment = language === 'python' ? '# ' : '// ';
  const times: number[] = [];
  let typed = '';
  for (let key = 0; key < edits; key++) {
    typed += 'abcdefghij '[key % 11];
    const text = [...original.slice(0, line), comment + typed, ...original.slice(line)].join('\n');
    const started = performance.now();
    await analyzeFile({ path, text }, config, { document: { key: `file:///${path}` } });
    times.push(performance.now() - started);
  }
  const sorted = times.slice(10).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)].toFixed(1);
  console.log(`${language} ${lines} lines: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`);
}

void main();
