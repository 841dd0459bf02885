/** `--stats`: where a scan's time went, for users tuning excludes and for performance work. */
import type { ScanStats } from '../engine/index';

export function formatStats(stats: ScanStats, peakRssBytes = process.resourceUsage().maxRSS * 1024): string {
  const pipeline = stats.pipeline;
  const rows: [string, string][] = [];
  const count = (n: number) => n.toLocaleString('en-US');
  const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (pipeline) {
    rows.push(['files discovered', `${count(pipeline.filesDiscovered)} (${megabytes(pipeline.bytesRead)} read)`]);
    rows.push(['left out by the prefilter', `${count(pipeline.prefilteredOut)} (no trigger: never decoded or parsed)`]);
    rows.push(['answered from the cache', count(pipeline.cacheHits)]);
    rows.push(['parsed', count(pipeline.filesParsed)]);
    const reasons = Object.entries(pipeline.parseReasons).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const [reason, files] of reasons) rows.push([`  asked by ${reason}`, count(files)]);
    rows.push(['analysis threads', count(pipeline.threads)]);
  }
  const skipped = Object.entries(stats.skipped).sort((a, b) => a[0].localeCompare(b[0]));
  if (skipped.length > 0) rows.push(['skipped', skipped.map(([reason, n]) => `${reason} ${count(n)}`).join(', ')]);
  const seconds = stats.durationMs / 1000;
  const rate = pipeline && seconds > 0 ? ` (${(pipeline.bytesRead / 1024 / 1024 / seconds).toFixed(1)} MB/s)` : '';
  rows.push(['wall time', `${count(stats.durationMs)} ms${rate}`]);
  rows.push(['peak memory', megabytes(peakRssBytes)]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return `ai-posture: scan statistics\n${rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n')}\n`;
}
