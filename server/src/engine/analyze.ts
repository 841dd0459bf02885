import { createHash } from 'node:crypto';
import type { ResolvedConfig } from './config/config';
import { factsFor } from './facts';
import { documentTrees } from './parse/documentTrees';
import { type NotebookCell, notebookCells } from './parse/notebook';
import { pythonCodeView } from './parse/pythonCodeView';
import { isRazorPath, razorCodeView } from './parse/razor';
import { type Node, type Tree, withTree } from './parse/treeSitter';
import { engineTriggers } from './prefilter/engineTriggers';
import { withParseReason } from './prefilter/parseLedger';
import { type FileTriggers, SUPPRESSION_KEYWORD, triggerOccurs } from './prefilter/triggers';
import { EMPTY_PROJECT, type ProjectContext } from './project';
import { textRules, unusedSuppressionMeta } from './rules/index';
import { ruleMessage } from './rules/messages';
import type { QuickSource, Report, Rule, RuleContext } from './rules/rule';
import { applySuppressions, isoToday, UNUSED_SUPPRESSION_RULE } from './suppress/apply';
import { findDirectives } from './suppress/comments';
import { markTestCode } from './testCode';
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
  /** The file's one-pass trigger results when the caller already has them (the scan does). */
  triggers?: FileTriggers;
  /** An open editor document: its tree is kept under `key` and re-parsed incrementally (`documentTrees.ts`). */
  document?: { key: string };
  /** What the scan knows about the project around the file (`project.ts`); empty when absent. */
  project?: ProjectContext;
}

/** The rules that apply to a kind under a configuration, in registry order. */
export function enabledRules(kind: FileKind, config: ResolvedConfig, path?: string): Rule[] {
  return textRules.filter(
    (rule) =>
      rule.meta.fileKinds.includes(kind) &&
      config.rules[rule.meta.id] !== 'off' &&
      (path === undefined || !rule.appliesTo || rule.appliesTo(path)),
  );
}

/** One file's analysis: what every step needs, passed as one value instead of ten parameters. */
interface FileJob {
  path: string;
  kind: FileKind;
  config: ResolvedConfig;
  options: AnalyzeOptions;
  notices: FileNotice[];
  /** Rules enabled for the file's kind: a directive naming one of them and matching nothing is AIP000. */
  enabledIds: ReadonlySet<string>;
  /** The one pass over the file's text (`onePassText`): a cell's rules search their own text instead. */
  triggers?: FileTriggers;
  onePassText?: string;
}

/**
 * Analyses one file's text: prefilter, parse once, run rules, apply suppressions.
 * Never throws for bad input: parser or rule failures become notices and the other rules still run.
 */
export async function analyzeFile(input: AnalyzeInput, config: ResolvedConfig, options: AnalyzeOptions = {}): Promise<FileResult> {
  const kind = input.kind ?? fileKindOf(input.path);
  const result: FileResult = { path: input.path, findings: [], notices: [] };
  if (!kind) return result;
  // A notebook is measured by its code: embedded outputs (images, tables) are never analysed.
  const cells = kind === 'notebook' ? notebookCells(input.text) : undefined;
  const size = cells ? cells.reduce((sum, cell) => sum + cell.text.length, 0) : input.text.length;
  if (size > config.maxFileBytes) {
    const what = cells ? 'code cells larger than' : 'larger than';
    result.notices.push({ path: input.path, kind: 'skipped', reason: `${what} maxFileBytes (${config.maxFileBytes})` });
    return result;
  }
  const enabled = enabledRules(kind, config, input.path);
  const triggers = options.triggers ?? engineTriggers().scan(input.text);
  const selected = withSecondLook(engineTriggers().select(triggers, enabled), input.text, kind, triggers);
  if (selected.length === 0 && !triggers.has(SUPPRESSION_KEYWORD)) return result;
  const job: FileJob = {
    path: input.path,
    kind,
    config,
    options,
    notices: result.notices,
    enabledIds: new Set(enabled.map((r) => r.meta.id)),
    triggers,
    onePassText: input.text,
  };
  if (cells) result.findings.push(...(await analyzeNotebookFile(job, cells, input.text, selected)));
  else if (isRazorPath(input.path)) result.findings.push(...(await analyzeRazorFile(job, input.text, selected)));
  else result.findings.push(...(await runRules(job, input.text, kind, selected)));
  result.findings = markTestCode(result.findings, input.path, config).sort(compareFindings);
  return result;
}

/**
 * Text-only rules read the `.ipynb` text whole (a key in a cell output is as leaked as one in a
 * cell), the others read the code cells as Python. Each pass owns its rules' directives, so a
 * directive is judged unused only by the pass that runs its rule.
 */
async function analyzeNotebookFile(
  job: FileJob,
  cells: readonly NotebookCell[],
  notebookText: string,
  selected: Rule[],
): Promise<Finding[]> {
  const { whole, code } = byTextOnly(job, selected);
  const findings = await analyzeNotebook(code.job, cells, code.rules);
  if (whole.rules.length > 0) findings.push(...(await runRules(whole.job, notebookText, 'notebook', whole.rules)));
  return findings;
}

/** The text-only rules and the others, each with a job that owns only its rules' directives. */
function byTextOnly(job: FileJob, selected: Rule[]): Record<'whole' | 'code', { job: FileJob; rules: Rule[] }> {
  const whole = selected.filter((rule) => rule.textOnly);
  const wholeIds = new Set(whole.map((rule) => rule.meta.id));
  return {
    whole: { job: { ...job, enabledIds: wholeIds }, rules: whole },
    code: {
      job: { ...job, enabledIds: new Set([...job.enabledIds].filter((id) => !wholeIds.has(id))) },
      rules: selected.filter((rule) => !rule.textOnly),
    },
  };
}

/**
 * A Razor file: text-only rules read it whole (a key in the markup is as leaked as one in code), the
 * others its `@code` blocks as C# at the file's own positions, each pass with its rules' directives.
 */
async function analyzeRazorFile(job: FileJob, text: string, selected: Rule[]): Promise<Finding[]> {
  const { whole, code } = byTextOnly(job, selected);
  return [
    ...(code.rules.length > 0 ? await runRules(code.job, razorCodeView(text), job.kind, code.rules) : []),
    ...(whole.rules.length > 0 ? await runRules(whole.job, text, job.kind, whole.rules) : []),
  ];
}

async function analyzeNotebook(job: FileJob, cells: readonly NotebookCell[], selected: Rule[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const cell of cells) {
    // The file's one pass chose `selected`; a cell keeps those whose triggers it holds.
    const forCell = withSecondLook(
      selected.filter((rule) => ruleMayMatch(rule, cell.text)),
      cell.text,
      'python',
    );
    for (const finding of await runRules(job, cell.text, 'python', forCell)) {
      // Fix edits address the cell text, which the `.ipynb` JSON does not contain verbatim.
      delete finding.fix;
      finding.range = { start: cell.toFile(finding.range.start), end: cell.toFile(finding.range.end) };
      for (const related of finding.related ?? [])
        related.range = { start: cell.toFile(related.range.start), end: cell.toFile(related.range.end) };
      findings.push(finding);
    }
  }
  return findings;
}

/** Runs the selected rules over one text (a file, or a notebook cell) and applies its suppressions. */
async function runRules(job: FileJob, text: string, kind: FileKind, selected: Rule[]): Promise<Finding[]> {
  if (selected.length === 0 && !text.includes(SUPPRESSION_KEYWORD)) return [];
  const lines = new LineIndex(text);
  // Rules that read the text alone never cost a parse (nor does the notebook JSON they read whole).
  const textOnly = selected.length > 0 && selected.every((rule) => rule.textOnly);
  const grammar = textOnly ? undefined : grammarFor(kind);
  const analyse = (tree: Tree | undefined) => findingsWithSuppressions(job, { text, kind, lines, tree }, selected);
  if (!grammar) return analyse(undefined);
  try {
    // Text-only rules never ask for the tree: they are not the reason a file is parsed.
    const reasons = selected.filter((rule) => !rule.textOnly).map((rule) => `rule ${rule.meta.id}`);
    // A notebook's cells are not the document: only a whole document's text keeps its tree.
    const document = job.kind === 'notebook' ? undefined : job.options.document;
    if (document) await documentTrees.update(document.key, grammar, text);
    return await withParseReason(reasons.length > 0 ? reasons : ['suppression comments'], () => withTree(grammar, text, analyse));
  } catch (error) {
    if (job.options.throwOnRuleError) throw error;
    job.notices.push({ path: job.path, kind: 'error', reason: `parser failed: ${errorText(error)}` });
    return [];
  }
}

/** The text a set of rules runs over, with its parse. */
interface Source {
  text: string;
  kind: FileKind;
  lines: LineIndex;
  tree: Tree | undefined;
}

/** Rules, then comment directives and config `ignore` entries, then the unused-suppression report. */
function findingsWithSuppressions(job: FileJob, source: Source, selected: Rule[]): Finding[] {
  const { config, path } = job;
  const { text, kind, lines, tree } = source;
  const findings = runSelected(job, source, selected);
  const hasDirective = text.includes(SUPPRESSION_KEYWORD);
  const directives = hasDirective ? findDirectives(text, kind, lines, tree ? (offset) => isCommentAt(tree, offset) : undefined) : [];
  const unused = applySuppressions(findings, directives, config.ignore, job.options.today ?? isoToday());
  for (const { directive, ruleId } of unused) {
    if (!job.enabledIds.has(ruleId) || config.rules[UNUSED_SUPPRESSION_RULE] === 'off') continue;
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

function runSelected(job: FileJob, source: Source, rules: Rule[]): Finding[] {
  const { path, config, options, notices } = job;
  const { text, kind, lines, tree } = source;
  const findings: Finding[] = [];
  const seenFingerprints = new Map<string, number>();
  let currentRule: Rule | undefined;
  const context: RuleContext = {
    path,
    text,
    kind,
    lines,
    tree,
    project: options.project ?? EMPTY_PROJECT,
    mentions: literalLookup(text, job.onePassText === text ? job.triggers : undefined),
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
        ...ruleMessage(rule.meta, report),
        ...(report.data && rule.refine ? { data: report.data } : {}),
        path,
        range,
        ...(report.related ? { related: report.related.map((item) => ({ range: toRange(item.at, lines), message: item.message })) } : {}),
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
  return withoutSuperseded(findings, rules);
}

/** Drops findings that a more specific rule replaces at the same place (`Rule.supersedes`). */
function withoutSuperseded(findings: Finding[], rules: Rule[]): Finding[] {
  const replacing = rules.filter((rule) => rule.supersedes && rule.supersedes.length > 0);
  if (replacing.length === 0) return findings;
  return findings.filter((finding) => {
    const winners = new Set(replacing.filter((rule) => rule.supersedes?.includes(finding.ruleId)).map((rule) => rule.meta.id));
    return !findings.some((other) => winners.has(other.ruleId) && rangesOverlap(other.range, finding.range));
  });
}

function rangesOverlap(a: Range, b: Range): boolean {
  return !(comparePositions(a.end, b.start) <= 0 || comparePositions(b.end, a.start) <= 0);
}

function comparePositions(a: Range['start'], b: Range['start']): number {
  return a.line - b.line || a.character - b.character;
}

/** A severity after config overrides (`off` is filtered before rules run). */
export function severityFor(ruleId: string, fallback: Severity, config: ResolvedConfig): Severity {
  const setting = config.rules[ruleId];
  return setting && setting !== 'off' ? setting : fallback;
}

/**
 * The rules whose `mayMatch` (if any) does not rule the text out. `triggers` are the text's one-pass
 * results when there are some (a whole file); a notebook cell has none, and its (small) text is searched.
 */
function withSecondLook(rules: Rule[], text: string, kind: FileKind, triggers?: FileTriggers): Rule[] {
  if (!rules.some((rule) => rule.mayMatch)) return rules;
  let view: string | undefined;
  const source: QuickSource = {
    text,
    kind,
    codeView: () => {
      view ??= kind === 'python' ? pythonCodeView(text) : text;
      return view;
    },
    mentions: literalLookup(text, triggers),
  };
  // A notebook's JSON is not Python: its cells get the second look one by one.
  return kind === 'notebook' ? rules : rules.filter((rule) => !rule.mayMatch || rule.mayMatch(source));
}

/**
 * `mentions` of a text: answered from the one pass for the literals it looked for (rule triggers and
 * gate literals), searched otherwise. Answers are kept per list: rules ask with the same lists.
 */
function literalLookup(text: string, triggers: FileTriggers | undefined): (literals: readonly string[]) => boolean {
  const index = engineTriggers();
  const occurs = (literal: string) => {
    if (!triggers) return text.includes(literal);
    if (index.looksForTrigger(literal)) return triggers.has(literal);
    return index.looksFor(literal) ? triggers.hasGate(literal) : text.includes(literal);
  };
  const answers = new Map<readonly string[], boolean>();
  return (literals) => {
    let found = answers.get(literals);
    if (found === undefined) {
      found = literals.some(occurs);
      answers.set(literals, found);
    }
    return found;
  };
}

function ruleMayMatch(rule: Rule, text: string): boolean {
  return rule.triggers.length === 0 || rule.triggers.some((trigger) => triggerOccurs(trigger, text));
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
