/**
 * `ai-posture scan`: analyse the PATHs, write the requested reports, and turn the findings into an
 * exit code (0 below `--fail-on`, 1 at or above it; with `--fail-on-bom-change`, 1 also when an AI
 * component was added since `--baseline`).
 */
import * as path from 'node:path';
import { type FileResult, formatNoticeLine, reportNotices, type ScanReport, SEVERITY_RANK, type Severity } from '../engine/index';
import type { FailOn, ScanArgs } from './args';
import { type BomChanges, bomChanges, readBaseline } from './baseline';
import { addedLine } from './bomText';
import { FORMATS, type ScanOutput } from './formats';
import { type CliIo, wantsColor, writeOutputFile } from './io';
import { createProgress } from './progress';
import { ScanCaches } from './scanCache';
import { collect } from './scanTargets';
import { formatStats } from './stats';
import { relativeToRoot, resolveConfig, resolveTargets } from './targets';

export async function runScan(args: ScanArgs, io: CliIo, toolVersion: string): Promise<number> {
  // A bad baseline is a usage error: say so before spending time on the scan.
  const baseline = args.baseline === undefined ? undefined : readBaseline(args.baseline, io.cwd);
  const set = resolveTargets(args.paths, io.cwd);
  const config = resolveConfig(args.config, io.cwd, path.resolve(io.cwd, args.paths[0]));
  const progress = createProgress(io, args.progress);
  const caches = args.cacheDir === undefined ? undefined : new ScanCaches(path.resolve(io.cwd, args.cacheDir));
  let collected: Awaited<ReturnType<typeof collect>>;
  try {
    collected = await collect(set, config, {
      onProgress: (n) => progress.update(n),
      jobs: args.jobs,
      cacheFor: caches?.forFolder,
      asOf: args.asOf,
    });
  } finally {
    progress.done();
  }
  if (!collected.stats.cancelled) caches?.save(io);
  if (args.stats) io.stderr.write(formatStats(collected.stats));
  const report: ScanReport = {
    toolVersion,
    root: set.root,
    targets: set.targets.map((target) => relativeToRoot(set.root, target.absolute)),
    files: atOrAbove(collected.files, args.minSeverity),
    stats: collected.stats,
  };
  const output: ScanOutput = { report, bom: collected.bom, bomChanges: baseline && bomChanges(baseline, collected.bom) };
  writeReports(output, args, io);
  const gate = bomGate(output.bomChanges, args, io);
  return Math.max(exitCode(report, args.failOn), gate);
}

/**
 * `--fail-on-bom-change` fails on additions only: a new model, SDK, service or MCP server is what a
 * reviewer must see. Removals and version or content changes are listed but pass.
 */
function bomGate(changes: BomChanges | undefined, args: ScanArgs, io: CliIo): number {
  if (!changes || !args.failOnBomChange || changes.added.length === 0) return 0;
  // A text report on stdout already lists them; otherwise the CI log still needs to say why it failed.
  if (!args.outputs.some((target) => target.format === 'text' && target.file === undefined))
    io.stderr.write(`ai-posture: ${addedLine(changes)}\n`);
  return 1;
}

/** `--min-severity`: what is below it is left out of every output (and so of the exit code). */
function atOrAbove(files: FileResult[], minimum: Severity): FileResult[] {
  const floor = SEVERITY_RANK[minimum];
  return files
    .map((file) => ({ ...file, findings: file.findings.filter((finding) => SEVERITY_RANK[finding.severity] >= floor) }))
    .filter((file) => file.findings.length > 0 || file.notices.length > 0);
}

function writeReports(output: ScanOutput, args: ScanArgs, io: CliIo): void {
  for (const target of args.outputs) {
    const color = target.file === undefined && target.format === 'text' && wantsColor(io);
    const text = FORMATS[target.format](output, { color, listBom: args.listBom, deterministic: args.deterministic });
    if (target.file === undefined) io.stdout.write(text);
    else writeOutputFile(io, target.file, text);
  }
  // In text mode each file the scan could not fully analyse gets one line on stderr; machine
  // formats carry them inside (`notices`, SARIF notifications).
  if (args.outputs.some((target) => target.format === 'text')) {
    for (const notice of reportNotices(output.report)) io.stderr.write(`ai-posture: ${formatNoticeLine(notice)}\n`);
  }
}

export function exitCode(report: ScanReport, failOn: FailOn): number {
  if (failOn === 'never') return 0;
  const threshold = SEVERITY_RANK[failOn];
  const failing = report.files.some((file) =>
    file.findings.some((finding) => !finding.suppression && SEVERITY_RANK[finding.severity] >= threshold),
  );
  return failing ? 1 : 0;
}
