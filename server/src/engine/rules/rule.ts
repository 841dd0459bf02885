import type { ResolvedConfig } from '../config/config';
import type { CodeFacts } from '../facts';
import type { AiBom, AiComponent, Occurrence } from '../inventory/types';
import type { ModelScan } from '../modelScan/scan';
import type { Node, Tree } from '../parse/treeSitter';
import type { ProjectContext, ProjectRequirement } from '../project';
import type { LineIndex } from '../text/lineIndex';
import type { FileKind, Finding, Fix, FixApplicability, Range, RuleMeta, Severity, TextEdit } from '../types';
import type { MessageData } from './messages';

/**
 * Rules come in kinds, by what they read:
 * - `text` (the default): one source file's text, its syntax tree and code facts (`analyze.ts`);
 * - `bytes`: one model file's sniffed format and scan, never decoded as text (`analyzeKinds.ts`);
 * - `workspace`: the merged AI-BOM and the configuration's `policy`, once per scan (`analyzeWorkspace.ts`).
 */
export type RuleKind = 'text' | 'bytes' | 'workspace';

/** What a rule reports; the engine adds severity, fingerprint and suppression state. */
export interface Report {
  /** A syntax node or an explicit range. */
  at: Node | Range;
  /** A key of the rule's `meta.messages`; the engine fills its `{name}` placeholders from `data`. */
  messageId: string;
  data?: MessageData;
  fix?: Fix;
  /** Overrides the rule's default severity for this finding (e.g. AIP103 raises to error). */
  severity?: Severity;
  /** Text that identifies the finding for fingerprints; defaults to the flagged text. Never a secret. */
  fingerprintText?: string;
  /** Other places that explain the finding (a data-flow source), shown as related information and SARIF code flows. */
  related?: { at: Node | Range; message: string }[];
}

/** The view of one file a rule gets. Parsing happens once, before any rule runs. */
export interface RuleContext {
  readonly path: string;
  readonly text: string;
  readonly kind: FileKind;
  readonly lines: LineIndex;
  /** The syntax tree for languages with a grammar. */
  readonly tree: Tree | undefined;
  /**
   * Code facts of a Python, JavaScript/TypeScript, C#, Java or Go file: imports, calls with resolved
   * callees and values, AI clients, hub loaders, and the flow engine. Built once per parse and shared
   * with the AI-BOM collectors. Throws for other kinds.
   */
  facts(): CodeFacts;
  /** What the scan knows about the project around the file (empty for a lone file). */
  readonly project: ProjectContext;
  /**
   * Whether one of the literals occurs in the text (with its case). Free for rule triggers and gate
   * literals, which the file's one pass already looked for; other literals are searched.
   */
  mentions(literals: readonly string[]): boolean;
  /** An edit replacing a node (or inserting at an offset when `node` is a number). */
  edit(at: Node | number, newText: string): TextEdit;
  report(report: Report): void;
}

/** A text rule (the kind every rule had before byte and workspace rules; `kind` may be left out). */
export interface Rule {
  readonly kind?: 'text';
  readonly meta: RuleMeta;
  /**
   * Cheap literal substrings: the rule runs on a file only when at least one occurs in its text.
   * One combined pass over each file decides which rules (and so which parsers) run at all.
   */
  readonly triggers: readonly string[];
  /**
   * Optional second look before the file is parsed, for rules whose triggers are common words in
   * their field (`torch` in a model library): false only when the rule cannot report anything in
   * this text. Must be conservative: when unsure, say true.
   */
  mayMatch?(source: QuickSource): boolean;
  /**
   * Literals `mayMatch` asks `source.mentions` about. The one pass over each file looks for them
   * too, so the second look costs no extra search of a large file.
   */
  readonly gateLiterals?: readonly string[];
  /**
   * The rule reads the text alone (a regex pass over literals, such as the secret rules): a file
   * whose selected rules all say so is never parsed, and a notebook is read whole as its `.ipynb`
   * text (cell outputs included) instead of cell by cell.
   */
  readonly textOnly?: boolean;
  /**
   * More general rules this one replaces where both report (the most specific rule wins, as in the
   * catalog's overlap list): their findings whose range overlaps one of this rule's are dropped.
   */
  readonly supersedes?: readonly string[];
  /**
   * Optional gate on the workspace-relative path, for rules that read files known by their name
   * (agent instruction files, prompt templates) and whose risk has no ASCII literal to trigger on
   * (hidden characters). A file whose path it rejects never runs the rule, so a rule without
   * triggers does not make every file of its kinds be decoded.
   */
  appliesTo?(path: string): boolean;
  check(context: RuleContext): void;
  /**
   * Optional: a second opinion on one of the rule's findings once the whole project is known (the
   * manifests' requirements are read during the same scan, so they come after the file's check).
   * Return what changes (severity, message, fix), or undefined to keep the finding as it is.
   */
  refine?(finding: Finding, project: ProjectView): Refinement | undefined;
}

/** What `Rule.refine` may change in a finding. */
export interface Refinement {
  severity?: Severity;
  messageId?: string;
  data?: MessageData;
  fix?: Fix;
}

/** The project around a finding's file, as `refine` sees it. */
export interface ProjectView {
  readonly context: ProjectContext;
  /** Requirements of `pkg` (`pypi:torch`) from the manifests governing the finding's file. */
  requirements(pkg: string): ProjectRequirement[];
}

/** What a rule's `mayMatch` sees: the text, before any parse. */
export interface QuickSource {
  readonly text: string;
  readonly kind: FileKind;
  /** Python: the text with comments and triple-quoted strings (docstrings) blanked, offsets kept. */
  codeView(): string;
  /**
   * Whether one of the literals occurs in the text. Free for literals the rule lists in
   * `gateLiterals`, which the file's one pass already looked for.
   */
  mentions(literals: readonly string[]): boolean;
}

/** What a byte or workspace rule reports: no node; a workspace rule may describe a text fix near the occurrence. */
export interface KindReport {
  messageId: string;
  data?: MessageData;
  severity?: Severity;
  /** Identifies the finding for fingerprints (never a secret); defaults to the path or the component. */
  fingerprintText?: string;
  /** Workspace rules only: the engine, which has the file's text, turns it into an edit (a model file has no fix). */
  fix?: OccurrenceFix;
}

/**
 * A replacement a workspace rule wants next to an occurrence (a version in a manifest, a model id):
 * the first `find` that occurs on the occurrence's line, or within `lookAhead` lines after it, is
 * replaced. When none occurs, the finding has no fix rather than a guessed edit.
 */
export interface OccurrenceFix {
  title: string;
  replacements: readonly { find: string; replace: string }[];
  lookAhead?: number;
  applicability: FixApplicability;
}

/**
 * A read-only view of one model file, from the same read that lists it in the AI-BOM: the format
 * sniffed from its bytes, the header facts, and what the model scanner found (`modelScan/`).
 */
export interface ModelFileView {
  /** Workspace-relative path with forward slashes. */
  readonly path: string;
  readonly size: number;
  /** `pickle`, `pytorch-zip`, `numpy`, `numpy-zip`, `keras-zip`, `safetensors`, `gguf`, `onnx`, `hdf5`, `zip`, … */
  readonly format: string;
  /** Header facts (pickle protocol, NumPy dtype, GGUF metadata, …), the same the AI-BOM lists. */
  readonly details: Readonly<Record<string, string>>;
  /** The scanner's findings: pickle imports with offsets, Keras layers, templates, headers. Absent when not scanned. */
  readonly scan?: ModelScan;
}

/** What a byte rule gets: the model file, and a way to report on it (always line 1). */
export interface ByteRuleContext {
  readonly file: ModelFileView;
  report(report: KindReport): void;
}

/**
 * A rule over a model file's bytes. It runs only on files sniffed as one of its `formats`, the
 * byte-rule counterpart of a text rule's triggers, so most model files cost no rule at all.
 */
export interface ByteRule {
  readonly kind: 'bytes';
  /** Derived by `byteRule()`: byte rules read model files, which have no text file kind. */
  readonly meta: RuleMeta;
  readonly formats: readonly string[];
  /**
   * Rules that, when they report on the same file, make this one silent (the most specific rule
   * wins: a pickle with a dangerous import is AIP701, not also "a pickle-based format").
   */
  readonly yieldsTo?: readonly string[];
  check(context: ByteRuleContext): void;
}

/** What a workspace rule gets: the merged AI-BOM, the configuration, and a way to report on an occurrence. */
export interface WorkspaceRuleContext {
  readonly bom: AiBom;
  readonly config: ResolvedConfig;
  /** The date (`YYYY-MM-DD`) dated data is judged at: today, or the CLI's `--as-of`. */
  readonly asOf: string;
  /** A finding on the occurrence's line (line 1 for a whole-file occurrence), on its symbol when the line shows it. */
  report(component: AiComponent, occurrence: Occurrence, report: KindReport): void;
}

/** A rule that runs once per scan over the merged AI-BOM (policy, cross-file facts). */
export interface WorkspaceRule {
  readonly kind: 'workspace';
  /** Derived by `workspaceRule()`: a workspace rule reads no file kind itself. */
  readonly meta: RuleMeta;
  check(context: WorkspaceRuleContext): void;
}

export type AnyRule = Rule | ByteRule | WorkspaceRule;

export function ruleKindOf(rule: AnyRule): RuleKind {
  return rule.kind ?? 'text';
}

/** Metadata as a byte or workspace rule writes it: the file kinds follow from the kind. */
export type KindRuleMeta = Omit<RuleMeta, 'fileKinds'>;

/** Defines a byte rule; its file kinds are derived (none: model files are found by extension and sniffed by content). */
export function byteRule(rule: Omit<ByteRule, 'kind' | 'meta'> & { meta: KindRuleMeta }): ByteRule {
  return { ...rule, kind: 'bytes', meta: { ...rule.meta, fileKinds: [] } };
}

/** Defines a workspace rule; it reads no file kind (its findings land on AI-BOM occurrences in any file). */
export function workspaceRule(rule: Omit<WorkspaceRule, 'kind' | 'meta'> & { meta: KindRuleMeta }): WorkspaceRule {
  return { ...rule, kind: 'workspace', meta: { ...rule.meta, fileKinds: [] } };
}

/** What each kind of rule reads, in words (the docs' "Files" line). */
export function ruleFilesText(rule: AnyRule): string {
  switch (ruleKindOf(rule)) {
    case 'bytes':
      return `model files sniffed as ${(rule as ByteRule).formats.join(', ')}`;
    case 'workspace':
      return 'all (the merged AI-BOM and the configuration policy)';
    default:
      return rule.meta.fileKinds.join(', ') || 'all';
  }
}
