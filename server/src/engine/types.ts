/**
 * Core data types shared by the engine, the CLI and the language server.
 * Architecture invariant: nothing in `engine/` imports `vscode` or any LSP package.
 */

/** Severity as users configure it. `off` disables a rule. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

/** Zero-based line and UTF-16 character, like LSP positions. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * How far a fix can be trusted without a person looking at it (as in ruff):
 * - `safe`: keeps the code working as intended; applied by `ai-posture fix` and every "fix all".
 * - `unsafe`: removes the risk but may change behaviour (a load that used to work can fail);
 *   offered as a quick fix, applied in bulk only with `ai-posture fix --unsafe-fixes`.
 * - `display-only`: a suggestion to complete by hand (a snippet with a placeholder such as
 *   `<commit-sha>`); offered as a quick fix marked for review, never applied in bulk.
 */
export type FixApplicability = 'safe' | 'unsafe' | 'display-only';

export interface Fix {
  title: string;
  /** Edits of the finding's own file. */
  edits: TextEdit[];
  /** Lines added at the end of other workspace files, created when missing (a `.gitignore` entry). */
  appendTo?: AppendLine[];
  applicability: FixApplicability;
}

/**
 * A line a fix adds at the end of another file. It is described by what it adds, not by a range:
 * the engine reads one file at a time, and the file may not exist yet. The CLI and the language
 * server read the file when they apply the fix, and add nothing when the line is already there.
 */
export interface AppendLine {
  /** Workspace-relative path with forward slashes. */
  path: string;
  line: string;
}

/** How a file is treated by parsers and rules. */
export type FileKind =
  | 'python'
  | 'javascript'
  | 'typescript'
  | 'tsx'
  | 'csharp'
  | 'java'
  | 'go'
  | 'notebook'
  | 'shell'
  | 'dockerfile'
  | 'yaml'
  | 'json'
  | 'toml'
  | 'dotenv'
  | 'markdown'
  | 'prompty'
  | 'terraform'
  | 'bicep'
  | 'text';

export type Confidence = 'high' | 'medium' | 'low';

/** Everything a rule says about itself; feeds docs, SARIF, hovers and the Recommendations panel. */
export interface RuleMeta {
  id: string;
  /** Slug, e.g. `unsafe-torch-load`. */
  name: string;
  title: string;
  /** One paragraph: why the pattern is risky. */
  explanation: string;
  remediation: string;
  owasp: string[];
  cwe: string[];
  atlas: string[];
  defaultSeverity: Severity;
  /** GitHub's numeric `security-severity` (0.0–10.0). */
  securitySeverity: number;
  confidence: Confidence;
  /** File kinds the rule looks at. */
  fileKinds: FileKind[];
  fixable: boolean;
  /** How far the rule's fixes can be trusted (set exactly when `fixable`); docs and `rules --format json` show it. */
  fixApplicability?: FixApplicability;
  /** What the fix changes and when it can break a program (shown under "Quick fix" in the docs). */
  fixNote?: string;
  /** How the rule did on real repositories (corpus, findings, precision), shown in the docs. */
  evaluation?: string;
  /**
   * Message templates by id; a rule reports `{ messageId, data }` and `{name}` placeholders are
   * filled from `data` (a missing value is an error, see `rules/messages.ts`).
   */
  messages: Record<string, string>;
  /** Further reading beyond the OWASP / CWE / ATLAS ids (vendor docs, advisories); listed in the docs. */
  references: RuleReference[];
  /** Version of the product that introduced the rule. */
  since: string;
  /** What the rule does not see or cannot decide (false negatives and judgement calls), listed in the docs. */
  limits?: string[];
  /** A short bad/good pair for the docs (`docs/rules.md` is generated from the metadata). */
  example?: { language: string; bad: string; good: string };
}

export interface RuleReference {
  title: string;
  url: string;
}

export interface SuppressionInfo {
  kind: 'inSource' | 'external';
  justification: string;
  until?: string;
}

/** Another place in the same file that explains a finding (a data-flow finding's source). */
export interface RelatedLocation {
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The rule's message template the message was built from (`meta.messages`); absent for engine diagnostics. */
  messageId?: string;
  /** The template's placeholder values, so a project-aware `refine` can word the message again. */
  data?: Readonly<Record<string, string | number>>;
  /** Workspace-relative path with forward slashes (or an absolute path outside a workspace). */
  path: string;
  range: Range;
  /** Where the flagged value comes from, in the same file, in path order (data-flow rules: the source). */
  related?: RelatedLocation[];
  fix?: Fix;
  /** Stable across unrelated edits: hash of rule, path and the flagged text (never a secret value). */
  fingerprint: string;
  suppression?: SuppressionInfo;
  /** Set when a suppression matched but its `until` date has passed. */
  expiredSuppression?: string;
  /** The file is test code (`testCode.ts`): reports group it apart and SARIF tags it `test`. */
  testCode?: boolean;
}

/** Something the scan wants the user to know about one file: skipped, failed, slow. */
export interface FileNotice {
  path: string;
  kind: 'skipped' | 'error' | 'budget';
  reason: string;
}

export interface FileResult {
  path: string;
  findings: Finding[];
  notices: FileNotice[];
}

/** Cooperative cancellation, shaped like the LSP token but without importing it. */
export interface CancellationSignal {
  readonly isCancellationRequested: boolean;
}
