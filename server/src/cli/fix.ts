/**
 * `ai-posture fix`: applies the safe quick fixes (the same edits the editor offers) to files on
 * disk, and the unsafe ones too with `--unsafe-fixes`; display-only fixes never. A file is re-analysed after each round, since fixes that touch each other are applied one
 * per round; rounds are bounded so a misbehaving fix cannot loop.
 *
 * `--dry-run` lists the changes without writing. The list names rule, place and fix title only,
 * never file contents, so a fix near a secret cannot leak it into a CI log.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyzeFile,
  appendLineInsertion,
  applyEdits,
  bulkAppends,
  bulkFixEdits,
  decodeBytes,
  encodeText,
  type FileResult,
  type Finding,
  type FixSelection,
  LineIndex,
  type ProjectContext,
  projectAround,
  projectContextOf,
  type ResolvedConfig,
  refineWithProject,
  ruleMeta,
} from '../engine/index';
import { type FixArgs, UsageError } from './args';
import type { CliIo } from './io';
import { createProgress } from './progress';
import { absoluteOf, collect } from './scanTargets';
import { resolveConfig, resolveTargets } from './targets';

/** Enough for fixes that overlap on one line; more would mean a fix that keeps rewriting itself. */
export const MAX_FIX_ROUNDS = 5;

export interface FileFixResult {
  /** The fixed findings, in order; positions are those of the round that fixed them (the first round: the original text). */
  fixed: Finding[];
  text: string;
  changed: boolean;
}

export async function runFix(args: FixArgs, io: CliIo): Promise<number> {
  if (args.rule !== undefined && !ruleMeta(args.rule)) throw new UsageError(`unknown rule '${args.rule}' (run 'ai-posture rules')`, false);
  const set = resolveTargets(args.paths, io.cwd);
  const config = resolveConfig(args.config, io.cwd, path.resolve(io.cwd, args.paths[0]));
  const progress = createProgress(io, args.progress);
  const selection: FixSelection = { ruleId: args.rule, unsafe: args.unsafeFixes };
  let candidates: string[];
  let appends: ReturnType<typeof bulkAppends>;
  let hiddenUnsafe = 0;
  try {
    const collected = await collect(set, config, { onProgress: (n) => progress.update(n), inventory: false });
    // Whether a fix is safe may depend on the manifests around the file (AIP102 and torch >= 2.6).
    const files = await Promise.all(collected.files.map(async (file) => withProject(file, await projectOf(set.root, file.path), config)));
    candidates = files.filter((file) => bulkFixEdits(file.findings, selection).length > 0).map((file) => file.path);
    appends = files.flatMap((file) => bulkAppends(file.findings, selection));
    if (!args.unsafeFixes)
      hiddenUnsafe = countUnsafeFixes(
        files.flatMap((file) => file.findings),
        args.rule,
      );
  } finally {
    progress.done();
  }
  let filesChanged = 0;
  let fixesApplied = 0;
  for (const relative of candidates) {
    const absolute = absoluteOf(set.root, relative);
    // Read and written back in the file's own encoding (UTF-8, with its BOM, or UTF-16).
    const decoded = decodeBytes(fs.readFileSync(absolute));
    if (!decoded) continue;
    const result = await fixFile(relative, decoded.text, config, selection, await projectOf(set.root, relative));
    if (!result.changed) continue;
    if (!args.dryRun) fs.writeFileSync(absolute, encodeText(result.text, decoded.encoding));
    filesChanged++;
    fixesApplied += result.fixed.length;
    for (const finding of result.fixed) io.stdout.write(`${changeLine(finding)}\n`);
  }
  const appended = appendLines(set.root, appends, args.dryRun);
  fixesApplied += appended.fixed.length;
  filesChanged += appended.files;
  for (const finding of appended.fixed) io.stdout.write(`${changeLine(finding)}\n`);
  io.stdout.write(`${summary(fixesApplied, filesChanged, args.dryRun, args.unsafeFixes)}\n`);
  if (hiddenUnsafe > 0) {
    const counted = `${hiddenUnsafe} unsafe fix${hiddenUnsafe === 1 ? '' : 'es'}`;
    io.stdout.write(`${counted} not applied: they may change behaviour. Run with --unsafe-fixes to apply them too.\n`);
  }
  return 0;
}

/** The project around one file: the root's folders and the manifests up the tree from the file. */
async function projectOf(root: string, relative: string): Promise<ProjectContext> {
  return projectAround(projectContextOf(root), root, relative);
}

function withProject(file: FileResult, project: ProjectContext, config: ResolvedConfig): FileResult {
  return refineWithProject([file], project, config)[0] ?? file;
}

/**
 * Fixes that add a line to another file (AIP204's `.gitignore` entry): the file is read now, the
 * line added once (none when it is already there) and the file created when missing.
 */
function appendLines(root: string, appends: ReturnType<typeof bulkAppends>, dryRun: boolean): { fixed: Finding[]; files: number } {
  const fixed: Finding[] = [];
  const changed = new Set<string>();
  const pending = new Map<string, string>();
  for (const { finding, append } of appends) {
    const absolute = absoluteOf(root, append.path);
    const current = pending.get(absolute) ?? (fs.existsSync(absolute) ? fs.readFileSync(absolute, 'utf8') : '');
    const insertion = appendLineInsertion(current, append.line);
    if (insertion === undefined) continue;
    pending.set(absolute, current + insertion);
    changed.add(absolute);
    fixed.push(finding);
  }
  if (!dryRun) for (const [absolute, text] of pending) if (changed.has(absolute)) fs.writeFileSync(absolute, text);
  return { fixed, files: changed.size };
}

/** Unsuppressed findings whose fix only `--unsafe-fixes` applies (counted in the first analysis). */
function countUnsafeFixes(findings: readonly Finding[], ruleId: string | undefined): number {
  return findings.filter(
    (finding) => !finding.suppression && (!ruleId || finding.ruleId === ruleId) && finding.fix?.applicability === 'unsafe',
  ).length;
}

/** Fixes one file's text in memory, round by round, until no selected fix is left or the bound is hit. */
export async function fixFile(
  relative: string,
  original: string,
  config: ResolvedConfig,
  selection: FixSelection = {},
  project?: ProjectContext,
): Promise<FileFixResult> {
  const fixed: Finding[] = [];
  let text = original;
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const analysed = await analyzeFile({ path: relative, text }, config, project ? { project } : {});
    const { findings } = project ? withProject(analysed, project, config) : analysed;
    const batch = nonOverlapping(findings, text, selection);
    if (batch.length === 0) break;
    const next = applyEdits(text, bulkFixEdits(batch, selection)).text;
    if (next === text) break;
    fixed.push(...batch);
    text = next;
  }
  return { fixed, text, changed: text !== original };
}

/**
 * The fixable findings whose edits do not touch each other, so every one of them applies in this
 * round (and is reported); the others wait for the next round, on the re-analysed text.
 */
function nonOverlapping(findings: readonly Finding[], text: string, selection: FixSelection): Finding[] {
  const lines = new LineIndex(text);
  const spans = findings
    .map((finding) => ({ finding, edits: bulkFixEdits([finding], selection) }))
    .filter(({ edits }) => edits.length > 0)
    .map(({ finding, edits }) => ({
      finding,
      start: Math.min(...edits.map((edit) => lines.offsetAt(edit.range.start))),
      end: Math.max(...edits.map((edit) => lines.offsetAt(edit.range.end))),
    }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  const batch: Finding[] = [];
  let floor = Number.POSITIVE_INFINITY;
  for (const span of spans) {
    if (span.end >= floor) continue;
    batch.push(span.finding);
    floor = span.start;
  }
  return batch.reverse();
}

function changeLine(finding: Finding): string {
  const { line, character } = finding.range.start;
  return `${finding.path}:${line + 1}:${character + 1}  ${finding.ruleId}  ${finding.fix?.title ?? 'fixed'}`;
}

function summary(fixes: number, files: number, dryRun: boolean, unsafe: boolean): string {
  const counted = `${fixes} fix${fixes === 1 ? '' : 'es'} in ${files} file${files === 1 ? '' : 's'}`;
  if (dryRun) return `Dry run: would apply ${counted}; nothing was written.`;
  if (fixes > 0 || files > 0) return `Applied ${counted}.`;
  return unsafe ? 'No safe or unsafe fixes to apply.' : 'No safe fixes to apply.';
}
