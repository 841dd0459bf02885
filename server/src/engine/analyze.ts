import { createHash } from 'node:crypto';
import type { ResolvedConfig } from './config/config';
import { factsFor } from './facts';
import { JsModule } from './parse/javascript';
import { notebookCells } from './parse/notebook';
import { PythonModule } from './parse/python';
import { type Node, type Tree, withTree } from './parse/treeSitter';
import { allRules, unusedSuppressionMeta } from './rules/index';
import { TriggerIndex } from './rules/prefilter';
import type { Report, Rule, RuleContext } from './rules/rule';
import { applySuppressions, isoToday, UNUSED_SUPPRESSION_RULE } from './suppress/apply';
import { findDirectives } from './suppress/comments';
import { LineIndex } from './text/lineIndex';
import type { FileKind, FileNotice, FileResult, Finding, Range, Severity } from './types';
import { fileKindOf, grammarFor } from './workspace/fileKinds';

export interface AnalyzeInput {
  /** Workspace-relative path with forward slashes; used in findings and for config `ignore` paths. */
  path: string;
  text: string;
  /** Overrides the kind derived from the path (for example an untitled editor buffer). */
  kind?: FileKind;
}

export interface AnalyzeOptions {
  /** `YYYY-MM-DD`; suppressions with an earlier `until` no longer hold. */
  today?: string;
  /** Raise rule errors instead of reporting them (used by the fixture runner). */
  throwOnRuleError?: boolean;
}

const triggerIndex = new TriggerIndex(allRules);

/** The rules that apply to a kind under a configuration, in registry order. */
export function enabledRules(kind: FileKind, config: ResolvedConfig): Rule[] {
  return allRules.filter((rule) => rule.meta.fileKinds.includes(kind) && config.rules[rule.meta.id] !== 'off');
}

/**
 * Analyses one file's text: prefilter, parse once, run rules, apply suppressions.
 * Never throws for bad input: parser or rule failures become notices and the other rules still run.
 */
export async function analyzeFile(input: AnalyzeInput, config: ResolvedConfig, options: AnalyzeOptions = {}): Promise<FileResult> {
  const kind = input.kind ?? fileKindOf(input.path);
  const result: FileResult = { path: input.path, findings: [], notices: [] };
  if (!kind) return result;
  if (input.text.length > config.maxFileBytes) {
    result.notices.push({ path: input.path, kind: 'skipped', reason: `larger than maxFileBytes (${config.maxFileBytes})` });
    return result;
  }
  const rules = enabledRules(kind, config);
  if (kind === 'notebook') {
    await analyzeNotebook(input, rules, config, options, result);
  } else {
    const run = await runRules(input.path, input.text, kind, rules, config, options, result.notices);
    result.findings.push(...run);
  }
  result.findings.sort(compareFindings);
  return result;
}

async function analyzeNotebook(
  input: AnalyzeInput,
  rules: Rule[],
  config: ResolvedConfig,
  options: AnalyzeOptions,
  result: FileResult,
): Promise<void> {
  for (const cell of notebookCells(input.text)) {
    const findings = await runRules(input.path, cell.text, 'python', rules, config, options, result.notices);
    for (const finding of findings) {
      // Fix edits address the cell text, which the `.ipynb` JSON does not contain verbatim.
      delete finding.fix;
      finding.range = { start: cell.toFile(finding.range.start), end: cell.toFile(finding.range.end) };
      result.findings.push(finding);
    }
  }
}

/** Runs the selected rules over one text (a file, or a notebook cell) and applies its suppressions. */
async function runRules(
  path: string,
  text: string,
  kind: FileKind,
  candidates: Rule[],
  config: ResolvedConfig,
  options: AnalyzeOptions,
  notices: FileNotice[],
): Promise<Finding[]> {
  const selected = triggerIndex.select(text, candidates);
  if (selected.length === 0 && !text.includes('ai-posture-ignore')) return [];
  const lines = new LineIndex(text);
  const grammar = grammarFor(kind);
  const analyse = (tree: Tree | undefined) =>
    findingsWithSuppressions(path, text, kind, lines, tree, selected, candidates, config, options, notices);
  if (!grammar) return analyse(undefined);
  try {
    return await withTree(grammar, text, analyse);
  } catch (error) {
    if (options.throwOnRuleError) throw error;
    notices.push({ path, kind: 'error', reason: `parser failed: ${errorText(error)}` });
    return [];
  }
}

/** Rules, then comment directives and config `ignore` entries, then the unused-suppression report. */
function findingsWithSuppressions(
  path: string,
  text: string,
  kind: FileKind,
  lines: LineIndex,
  tree: Tree | undefined,
  selected: Rule[],
  candidates: Rule[],
  config: ResolvedConfig,
  options: AnalyzeOptions,
  notices: FileNotice[],
): Finding[] {
  const findings = runSelected(path, text, kind, lines, tree, selected, config, options, notices);
  const hasDirective = text.includes('ai-posture-ignore');
  const directives = hasDirective ? findDirectives(text, kind, lines, tree ? (offset) => isCommentAt(tree, offset) : undefined) : [];
  const unused = applySuppressions(findings, directives, config.ignore, options.today ?? isoToday());
  const enabled = new Set(candidates.map((rule) => rule.meta.id));
  for (const { directive, ruleId } of unused) {
    if (!enabled.has(ruleId) || config.rules[UNUSED_SUPPRESSION_RULE] === 'off') continue;
    findings.push({
      ruleId: UNUSED_SUPPRESSION_RULE,
      severity: severityFor(UNUSED_SUPPRESSION_RULE, unusedSuppressionMeta.defaultSeverity, config),
      message: `Unused suppression: no ${ruleId} finding here. Remove the directive or fix its rule id.`,
      path,
      range: directive.range,
      fingerprint: fingerprint(UNUSED_SUPPRESSION_RULE, path, `${ruleId}@${lines.lineText(directive.range.start.line).trim()}`, 0),
    });
  }
  return findings;
}

function runSelected(
  path: string,
  text: string,
  kind: FileKind,
  lines: LineIndex,
  tree: Tree | undefined,
  rules: Rule[],
  config: ResolvedConfig,
  options: AnalyzeOptions,
  notices: FileNotice[],
): Finding[] {
  const findings: Finding[] = [];
  const seenFingerprints = new Map<string, number>();
  let python: PythonModule | undefined;
  let javascript: JsModule | undefined;
  let currentRule: Rule | undefined;
  const context: RuleContext = {
    path,
    text,
    kind,
    lines,
    tree,
    python() {
      if (!tree || grammarFor(kind) !== 'python') throw new Error(`${path} is not Python`);
      python ??= new PythonModule(tree);
      return python;
    },
    javascript() {
      if (!tree || !['javascript', 'typescript', 'tsx'].includes(kind)) throw new Error(`${path} is not JavaScript/TypeScript`);
      javascript ??= new JsModule(tree);
      return javascript;
    },
    facts() {
      const facts = tree ? factsFor(tree, kind, text) : undefined;
      if (!facts) throw new Error(`${path} has no code facts`);
      return facts;
    },
    edit(at, newText) {
      const range = typeof at === 'number' ? lines.rangeOf(at, at) : lines.rangeOf(at.startIndex, at.endIndex);
      return { range, newText };
    },
    report(report: Report) {
      const rule = currentRule as Rule;
      const range = toRange(report.at, lines);
      const flagged =
        report.fingerprintText ?? (isNode(report.at) ? report.at.text : text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end)));
      const base = `${rule.meta.id}\u0000${flagged.replace(/\s+/g, ' ')}`;
      const ordinal = seenFingerprints.get(base) ?? 0;
      seenFingerprints.set(base, ordinal + 1);
      findings.push({
        ruleId: rule.meta.id,
        severity: severityFor(rule.meta.id, report.severity ?? rule.meta.defaultSeverity, config),
        message: report.message,
        path,
        range,
        ...(report.fix ? { fix: report.fix } : {}),
        fingerprint: fingerprint(rule.meta.id, path, flagged, ordinal),
      });
    },
  };
  const started = Date.now();
  for (const [index, rule] of rules.entries()) {
    if (Date.now() - started > config.fileTimeBudgetMs) {
      const skipped = rules
        .slice(index)
        .map((r) => r.meta.id)
        .join(', ');
      notices.push({ path, kind: 'budget', reason: `time budget of ${config.fileTimeBudgetMs} ms spent; skipped ${skipped}` });
      break;
    }
    currentRule = rule;
    try {
      rule.check(context);
    } catch (error) {
      if (options.throwOnRuleError) throw error;
      notices.push({ path, kind: 'error', reason: `rule ${rule.meta.id} failed: ${errorText(error)}` });
    }
  }
  return findings;
}

/** A severity after config overrides (`off` is filtered before rules run). */
function severityFor(ruleId: string, fallback: Severity, config: ResolvedConfig): Severity {
  const setting = config.rules[ruleId];
  return setting && setting !== 'off' ? setting : fallback;
}

function isNode(at: Node | Range): at is Node {
  return typeof (at as Node).startIndex === 'number';
}

function toRange(at: Node | Range, lines: LineIndex): Range {
  return isNode(at) ? lines.rangeOf(at.startIndex, at.endIndex) : at;
}

function isCommentAt(tree: Tree, offset: number): boolean {
  const node = tree.rootNode.descendantForIndex(offset, offset);
  return node?.type === 'comment' || node?.parent?.type === 'comment' || false;
}

/**
 * A fingerprint that survives unrelated edits: it hashes the rule, the path and the flagged text
 * (whitespace-folded) plus its ordinal among identical findings, never the line number.
 */
export function fingerprint(ruleId: string, path: string, flagged: string, ordinal: number): string {
  return createHash('sha256')
    .update(`${ruleId}\u0000${path}\u0000${flagged.replace(/\s+/g, ' ').trim()}\u0000${ordinal}`)
    .digest('hex')
    .slice(0, 32);
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.path.localeCompare(b.path) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
