import { compareFindings, fingerprint, severityFor } from './analyze';
import { CONFIG_FILE_NAME, type ResolvedConfig } from './config/config';
import type { AiBom, AiComponent, Occurrence } from './inventory/types';
import { SUPPRESSION_KEYWORD } from './prefilter/triggers';
import { byteRules, workspaceRules } from './rules/index';
import { ruleMessage } from './rules/messages';
import type { AnyRule, KindReport, ModelFileView, OccurrenceFix } from './rules/rule';
import { applySuppressions, isoToday } from './suppress/apply';
import { findDirectives } from './suppress/comments';
import { markTestCode } from './testCode';
import { LineIndex } from './text/lineIndex';
import type { FileNotice, FileResult, Finding, Fix, Range } from './types';
import { fileKindOf } from './workspace/fileKinds';

/**
 * The runners of the rule kinds that do not read a source file's text: byte rules over one model
 * file, and workspace rules over the merged AI-BOM. Both report through `KindReport`, get the
 * same severities, fingerprints and config `ignore` entries as text rules, and never throw for bad
 * input (a failing rule becomes a notice).
 */

export interface KindOptions {
  /** `YYYY-MM-DD`; suppressions with an earlier `until` no longer hold. */
  today?: string;
  /** Raise rule errors instead of reporting them (used by the fixture runner). */
  throwOnRuleError?: boolean;
  /** `YYYY-MM-DD` that dated data (model retirements) is judged at; defaults to `today`. */
  asOf?: string;
}

/** Line 1 of a model file: where every finding on a file that holds no text goes. */
const FIRST_LINE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Collects findings of one kind's rules, numbering identical ones for their fingerprints. */
class FindingSink {
  readonly findings: Finding[] = [];
  readonly notices: FileNotice[] = [];
  private readonly ordinals = new Map<string, number>();

  constructor(
    private readonly config: ResolvedConfig,
    private readonly options: KindOptions,
  ) {}

  add(rule: AnyRule, report: KindReport, path: string, range: Range, flagged: string, fix?: Fix): void {
    const base = `${rule.meta.id}\u0000${path}\u0000${flagged}`;
    const ordinal = this.ordinals.get(base) ?? 0;
    this.ordinals.set(base, ordinal + 1);
    this.findings.push({
      ruleId: rule.meta.id,
      severity: severityFor(rule.meta.id, report.severity ?? rule.meta.defaultSeverity, this.config),
      ...ruleMessage(rule.meta, report),
      path,
      range,
      ...(fix ? { fix } : {}),
      fingerprint: fingerprint(rule.meta.id, path, flagged, ordinal),
    });
  }

  /** Runs one rule; a failure becomes a notice on `path` unless the caller wants it raised. */
  run(rule: AnyRule, path: string, check: () => void): void {
    try {
      check();
    } catch (error) {
      if (this.options.throwOnRuleError) throw error;
      const reason = `rule ${rule.meta.id} failed: ${error instanceof Error ? error.message : String(error)}`;
      this.notices.push({ path, kind: 'error', reason });
    }
  }
}

function enabled<R extends AnyRule>(rules: readonly R[], config: ResolvedConfig): R[] {
  return rules.filter((rule) => config.rules[rule.meta.id] !== 'off');
}

/**
 * Runs the byte rules on one model file (the view comes from the read that lists it in the AI-BOM).
 * Findings sit on line 1; config `ignore` entries suppress them (a model file holds no comments);
 * `modelFiles.scan: false` turns them all off.
 */
export function analyzeModelFile(file: ModelFileView, config: ResolvedConfig, options: KindOptions = {}): FileResult {
  const result: FileResult = { path: file.path, findings: [], notices: [] };
  if (!config.modelFiles.scan || !file.scan) return result;
  const rules = enabled(byteRules, config).filter((rule) => rule.formats.includes(file.format));
  if (rules.length === 0) return result;
  const sink = new FindingSink(config, options);
  for (const rule of rules) {
    const context = {
      file,
      report: (report: KindReport) => sink.add(rule, report, file.path, FIRST_LINE, report.fingerprintText ?? file.format),
    };
    sink.run(rule, file.path, () => rule.check(context));
  }
  const reported = new Set(sink.findings.map((finding) => finding.ruleId));
  const yielded = new Set(rules.filter((rule) => rule.yieldsTo?.some((id) => reported.has(id))).map((rule) => rule.meta.id));
  result.findings = markTestCode(
    sink.findings.filter((finding) => !yielded.has(finding.ruleId)),
    file.path,
    config,
  );
  result.notices = sink.notices;
  applySuppressions(result.findings, [], config.ignore, options.today ?? isoToday());
  return result;
}

export interface WorkspaceRuleOptions extends KindOptions {
  /** The text of a workspace-relative file (an open buffer wins over the disk); undefined when unreadable. */
  readText(relativePath: string): Promise<string | undefined>;
}

/** One workspace-rule report before it is placed in its file. */
interface OccurrenceReport {
  rule: AnyRule;
  component: AiComponent;
  occurrence: Occurrence;
  report: KindReport;
}

/**
 * Runs the workspace rules once over a scan's merged AI-BOM and adds their findings to the
 * results of the occurrences' files (new result objects: cached results are never changed).
 * Each finding gets the treatment a text finding gets in its file: `ai-posture-ignore` comment
 * directives of that file and config `ignore` entries.
 */
export async function withWorkspaceFindings(
  files: readonly FileResult[],
  bom: AiBom,
  config: ResolvedConfig,
  options: WorkspaceRuleOptions,
): Promise<FileResult[]> {
  const reports: OccurrenceReport[] = [];
  const notices: FileNotice[] = [];
  const sink = new FindingSink(config, options);
  for (const rule of enabled(workspaceRules, config)) {
    const context = {
      bom,
      config,
      asOf: options.asOf ?? options.today ?? isoToday(),
      report: (component: AiComponent, occurrence: Occurrence, report: KindReport) => reports.push({ rule, component, occurrence, report }),
    };
    sink.run(rule, CONFIG_FILE_NAME, () => rule.check(context));
  }
  notices.push(...sink.notices);
  if (reports.length === 0 && notices.length === 0) return [...files];
  const byPath = new Map<string, OccurrenceReport[]>();
  for (const entry of reports) byPath.set(entry.occurrence.path, [...(byPath.get(entry.occurrence.path) ?? []), entry]);
  const findings: Finding[] = [];
  for (const [path, entries] of [...byPath].sort(([a], [b]) => a.localeCompare(b))) {
    findings.push(...(await placeInFile(path, entries, config, options)));
  }
  return mergeIntoFiles(files, findings, notices);
}

/** Places one file's reports on their lines, then applies that file's directives and the config's `ignore` entries. */
async function placeInFile(
  path: string,
  entries: OccurrenceReport[],
  config: ResolvedConfig,
  options: WorkspaceRuleOptions,
): Promise<Finding[]> {
  const text = await options.readText(path);
  const lines = text === undefined ? undefined : new LineIndex(text);
  const sink = new FindingSink(config, options);
  for (const { rule, component, occurrence, report } of entries) {
    const range = lines ? occurrenceRange(lines, occurrence, component) : lineRange(occurrence);
    const fix = lines && report.fix ? occurrenceFix(lines, occurrence, report.fix) : undefined;
    sink.add(rule, report, path, range, report.fingerprintText ?? component.ref, fix);
  }
  const kind = fileKindOf(path);
  const directives = text !== undefined && lines && kind && text.includes(SUPPRESSION_KEYWORD) ? findDirectives(text, kind, lines) : [];
  const findings = markTestCode(sink.findings, path, config);
  applySuppressions(findings, directives, config.ignore, options.today ?? isoToday());
  return findings;
}

/** The component's name (a model id) on the occurrence's line, else its symbol (a callee, a key), else the line's text. */
function occurrenceRange(lines: LineIndex, occurrence: Occurrence, component: AiComponent): Range {
  const line = Math.min(Math.max((occurrence.line ?? 1) - 1, 0), lines.lineCount - 1);
  const lineText = lines.lineText(line);
  for (const text of [component.name, occurrence.symbol]) {
    const at = text ? lineText.indexOf(text) : -1;
    if (text && at >= 0) return { start: { line, character: at }, end: { line, character: at + text.length } };
  }
  const indent = lineText.length - lineText.trimStart().length;
  return { start: { line, character: indent }, end: { line, character: lineText.trimEnd().length } };
}

/** The edit of a workspace rule's fix: its first replacement found on the occurrence's line or the few after it. */
function occurrenceFix(lines: LineIndex, occurrence: Occurrence, wanted: OccurrenceFix): Fix | undefined {
  const first = Math.min(Math.max((occurrence.line ?? 1) - 1, 0), lines.lineCount - 1);
  const last = Math.min(first + (wanted.lookAhead ?? 0), lines.lineCount - 1);
  for (let line = first; line <= last; line++) {
    const lineText = lines.lineText(line);
    for (const { find, replace } of wanted.replacements) {
      const at = find ? lineText.indexOf(find) : -1;
      if (at < 0) continue;
      const range = { start: { line, character: at }, end: { line, character: at + find.length } };
      return { title: wanted.title, edits: [{ range, newText: replace }], applicability: wanted.applicability };
    }
  }
  return undefined;
}

function lineRange(occurrence: Occurrence): Range {
  const line = Math.max((occurrence.line ?? 1) - 1, 0);
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

function mergeIntoFiles(files: readonly FileResult[], findings: Finding[], notices: FileNotice[]): FileResult[] {
  const byPath = new Map(files.map((file) => [file.path, file]));
  for (const finding of findings) {
    const known = byPath.get(finding.path);
    const findings = [...(known?.findings ?? []), finding].sort(compareFindings);
    byPath.set(finding.path, { path: finding.path, findings, notices: known?.notices ?? [] });
  }
  for (const notice of notices) {
    const known = byPath.get(notice.path);
    byPath.set(notice.path, { path: notice.path, findings: known?.findings ?? [], notices: [...(known?.notices ?? []), notice] });
  }
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}
