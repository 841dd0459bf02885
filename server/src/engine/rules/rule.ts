import type { CodeFacts } from '../facts';
import type { Node, Tree } from '../parse/treeSitter';
import type { LineIndex } from '../text/lineIndex';
import type { FileKind, Fix, Range, RuleMeta, Severity, TextEdit } from '../types';
import type { MessageData } from './messages';

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
  /** An edit replacing a node (or inserting at an offset when `node` is a number). */
  edit(at: Node | number, newText: string): TextEdit;
  report(report: Report): void;
}

export interface Rule {
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
  check(context: RuleContext): void;
}

/** What a rule's `mayMatch` sees: the text, before any parse. */
export interface QuickSource {
  readonly text: string;
  readonly kind: FileKind;
  /** Python: the text with comments and triple-quoted strings (docstrings) blanked, offsets kept. */
  codeView(): string;
}
