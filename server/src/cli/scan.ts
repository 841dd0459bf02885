/**
 * `ai-posture scan`: analyse the PATHs, write the requested reports, and turn the findings into an
 * exit code (0 below `--fail-on`, 1 at or above it).
 */
import * as path from 'node:path';
import { type FileResult, formatNoticeLine, reportNotices, type ScanReport, SEVERITY_RANK, type Severity } from '../engine/index';
import { type FailOn, type ScanArgs, UsageError } from './args';
import { collect } from './collect';
import { AI_BOM_UNAVAILABLE, FORMATS } from './formats';
import { type CliIo, wantsColor, writeOutputFile } from './io';
import { createProgress } from './progress';
import { relativeToRoot, resolveConfig, resolveTargets } from './targets';

export async function runScan(args: ScanArgs, io: CliIo, toolVersion: string): Promise<number> {
  checkAvailable(args);
  const set = resolveTargets(args.paths, io.cwd);
  const config = resolveConfig(args.config, io.cwd, path.resolve(io.cwd, args.paths[0]));
  const progress = createProgress(io, args.progress);
  let collected: Awaited<ReturnType<typeof collect>>;
  try {
    collected = await collect(set, config, { onProgress: (n) => progress.update(n) });
  } finally {
    progress.done();
  }
  const report: ScanReport = {
    toolVersion,
    root: set.root,
    targets: set.targets.map((target) => relativeToRoot(set.root, target.absolute)),
    files: atOrAbove(collected.files, args.minSeverity),
    stats: collected.stats,
  };
  writeReports(report, args, io);
  return exitCode(report, args.failOn);
}

/** Refuses, before any work, an output this build cannot produce. */
function checkAvailable(args: ScanArgs): void {
  for (const output of args.outputs) {
    const format = FORMATS[output.format];
    if (!format.available) throw new UsageError(format.reason, false);
  }
  if (args.baseline !== undefined) throw new UsageError(AI_BOM_UNAVAILABLE, false);
}

/** `--min-severity`: what is below it is left out of every output (and so of the exit code). */
function atOrAbove(files: FileResult[], minimum: Severity): FileResult[] {
  const floor = SEVERITY_RANK[minimum];
  return files
    .map((file) => ({ ...file, findings: file.findings.filter((finding) => SEVERITY_RANK[finding.severity] >= floor) }))
    .filter((file) => file.findings.length > 0 || file.notices.length > 0);
}

function writeReports(report: ScanReport, args: ScanArgs, io: CliIo): void {
  for (const output of args.outputs) {
    const format = FORMATS[output.format];
    if (!format.available) continue;
    const text = format.render(report, { color: output.file === undefined && output.format === 'text' && wantsColor(io) });
    if (output.file === undefined) io.stdout.write(text);
    else writeOutputFile(io, output.file, text);
  }
  // In text mode each file the scan could not fully analyse gets one line on stderr; machine
  // formats carry them inside (`notices`, SARIF notifications).
  if (args.outputs.some((output) => output.format === 'text')) {
    for (const notice of reportNotices(report)) io.stderr.write(`ai-posture: ${formatNoticeLine(notice)}\n`);
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
