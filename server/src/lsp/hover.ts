/**
 * `textDocument/hover` on AI Posture findings: for each finding under the cursor, its rule, the
 * message, why the pattern is risky, how to fix it, the OWASP / CWE / ATLAS ids, whether a quick fix
 * exists and a link to the rule's docs. A hover reads the document's current analysis (reused per
 * version, see `analyzer.ts`); it analyses only when the document has none yet, as a pull would.
 * Suppressed findings are not shown, as they have no diagnostic either.
 */
import {
  type CancellationToken,
  type Connection,
  type Hover,
  type HoverParams,
  MarkupKind,
  type Position,
  type Range,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type Finding, type RuleMeta, ruleDocsUrl, ruleMeta } from '../engine/index';
import { type DocumentAnalyzer, STALE } from './analyzer';
import { fixTitle } from './codeActions';

export interface HoverDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  analyzer: DocumentAnalyzer;
}

export function registerHover(deps: HoverDeps): void {
  deps.connection.onHover((params, token) => findingsHover(deps, params, token));
}

async function findingsHover({ documents, analyzer }: HoverDeps, params: HoverParams, token: CancellationToken): Promise<Hover | null> {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const analysis = await analyzer.analyse(document);
  if (token.isCancellationRequested || !analysis || analysis === STALE) return null;
  const findings = findingsAt(analysis.result.findings, params.position);
  if (findings.length === 0) return null;
  return hoverOf(findings);
}

/** One section per finding, separated by rules; the range is where all of them apply. */
export function hoverOf(findings: Finding[]): Hover {
  return {
    contents: { kind: MarkupKind.Markdown, value: findings.map(findingMarkdown).join('\n\n---\n\n') },
    range: commonRange(findings.map((finding) => finding.range)),
  };
}

/** Unsuppressed findings whose range holds the position (both ends included, like a squiggle's hover). */
export function findingsAt(findings: readonly Finding[], position: Position): Finding[] {
  return findings.filter((finding) => !finding.suppression && contains(finding.range, position));
}

/** One hover section: everything a developer needs to judge and fix the finding without leaving the editor. */
export function findingMarkdown(finding: Finding): string {
  const meta = ruleMeta(finding.ruleId);
  const heading = `**${finding.ruleId}** · ${meta ? escapeMarkdown(meta.title) : 'AI Posture'} · *${finding.severity}*`;
  const parts = [heading, escapeMarkdown(finding.message)];
  // Rule texts are written as Markdown (they are the source of `docs/rules.md`).
  if (meta) parts.push(`**Why this is risky.** ${meta.explanation}`, `**How to fix.** ${meta.remediation}`);
  const ids = meta ? references(meta) : '';
  if (ids) parts.push(ids);
  parts.push(quickFixLine(finding, meta), `[${finding.ruleId} documentation](${ruleDocsUrl(finding.ruleId)})`);
  return parts.join('\n\n');
}

function references(meta: RuleMeta): string {
  const groups: [string, string[]][] = [
    ['OWASP', meta.owasp],
    ['CWE', meta.cwe],
    ['ATLAS', meta.atlas],
  ];
  return groups
    .filter(([, ids]) => ids.length > 0)
    .map(([label, ids]) => `${label}: ${ids.map((id) => `\`${id}\``).join(', ')}`)
    .join(' · ');
}

function quickFixLine(finding: Finding, meta: RuleMeta | undefined): string {
  const fix = finding.fix;
  if (fix) return `**Quick fix:** ${escapeMarkdown(fixTitle(fix))}`;
  // A fixable rule without a fix here: a notebook shown as JSON, or a place the rule cannot rewrite safely.
  return meta?.fixable ? 'No quick fix for this place.' : 'No automatic fix; follow the steps above.';
}

function contains(range: Range, position: Position): boolean {
  return compare(range.start, position) <= 0 && compare(position, range.end) <= 0;
}

/** The part every range shares (they all hold the hovered position, so it is never empty). */
function commonRange(ranges: Range[]): Range {
  return ranges.reduce((common, range) => ({
    start: compare(range.start, common.start) > 0 ? range.start : common.start,
    end: compare(range.end, common.end) < 0 ? range.end : common.end,
  }));
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Messages quote code (`weights_only=True`, `torch.load()`): keep Markdown from reading it as emphasis or HTML. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, '\\$&');
}
