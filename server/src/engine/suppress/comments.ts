import type { LineIndex } from '../text/lineIndex';
import type { FileKind, Range, TextEdit } from '../types';

export const SUPPRESS_KEYWORD = 'ai-posture-ignore';

/** One `ai-posture-ignore…` directive found in a comment. */
export interface Directive {
  scope: 'line' | 'next-line' | 'file';
  rules: string[];
  reason: string;
  until?: string;
  /** The line the directive applies to (for `file`, its own line). */
  targetLine: number;
  /** Where the directive itself is written, for the unused-suppression report. */
  range: Range;
}

interface CommentSyntax {
  line?: string;
  block?: [string, string];
  /** Write new directives as block comments (in a prompty body `#` is prompt text). */
  preferBlock?: boolean;
}

const HASH: CommentSyntax = { line: '#' };
const SLASH: CommentSyntax = { line: '//', block: ['/*', '*/'] };
const HTML: CommentSyntax = { block: ['<!--', '-->'] };

/** Comment syntax per file kind; kinds without comments use config `ignore` entries instead. */
export const COMMENT_SYNTAX: Partial<Record<FileKind, CommentSyntax>> = {
  python: HASH,
  notebook: HASH,
  shell: HASH,
  dockerfile: HASH,
  yaml: HASH,
  toml: HASH,
  dotenv: HASH,
  // Front matter is YAML (`#`); the template body uses Jinja comments `{# … #}`.
  prompty: { line: '#', block: ['{#', '#}'], preferBlock: true },
  terraform: { line: '#', block: ['/*', '*/'] },
  javascript: SLASH,
  typescript: SLASH,
  tsx: SLASH,
  csharp: SLASH,
  java: SLASH,
  go: SLASH,
  bicep: SLASH,
  markdown: HTML,
};

const DIRECTIVE = /^ai-posture-ignore(-next-line|-file)?(?=\s|$)\s*([A-Za-z0-9_,\s]*?)\s*(?:--\s*(.*?))?\s*(?:\*\/|-->|#\})?\s*$/;
const RULE_ID = /^AIP\d{3}$/;
const UNTIL = /\buntil\s+(\d{4}-\d{2}-\d{2})\b/;

/**
 * Finds the suppression directives of a file. Only directives inside comments count:
 * `isComment(offset)` answers that from the syntax tree where there is one; otherwise the text
 * before the keyword on its line must open a comment of the file's language.
 */
export function findDirectives(text: string, kind: FileKind, lines: LineIndex, isComment?: (offset: number) => boolean): Directive[] {
  const syntax = COMMENT_SYNTAX[kind] ?? (kind === 'json' ? SLASH : undefined);
  if (!syntax) return [];
  const directives: Directive[] = [];
  for (let at = text.indexOf(SUPPRESS_KEYWORD); at !== -1; at = text.indexOf(SUPPRESS_KEYWORD, at + 1)) {
    const position = lines.positionAt(at);
    const before = text.slice(lines.lineStart(position.line), at);
    const inComment = isComment ? isComment(at) : opensComment(before, syntax);
    if (!inComment) continue;
    const rest = text.slice(at, lines.lineEnd(position.line));
    const match = DIRECTIVE.exec(rest);
    if (!match) continue;
    const rules = match[2].split(/[\s,]+/).filter((id) => RULE_ID.test(id));
    if (rules.length === 0) continue;
    const reason = (match[3] ?? '').trim();
    const scope = match[1] === '-next-line' ? 'next-line' : match[1] === '-file' ? 'file' : 'line';
    if (scope === 'file' && !inLeadingComments(lines, position.line, syntax)) continue;
    directives.push({
      scope,
      rules,
      reason,
      until: UNTIL.exec(reason)?.[1],
      targetLine: scope === 'next-line' ? nextCodeLine(lines, position.line, syntax) : position.line,
      range: lines.rangeOf(at, at + match[0].trimEnd().length),
    });
  }
  return directives;
}

function opensComment(before: string, syntax: CommentSyntax): boolean {
  if (syntax.line && before.includes(syntax.line)) return true;
  return syntax.block !== undefined && before.includes(syntax.block[0]);
}

function isCommentOrBlank(line: string, syntax: CommentSyntax): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#!')) return true;
  if (syntax.line && trimmed.startsWith(syntax.line)) return true;
  if (syntax.block && (trimmed.startsWith(syntax.block[0]) || trimmed.startsWith('*') || trimmed.endsWith(syntax.block[1]))) return true;
  return false;
}

/** A file directive must sit in the comment block at the top of the file. */
function inLeadingComments(lines: LineIndex, line: number, syntax: CommentSyntax): boolean {
  for (let i = 0; i < line; i++) if (!isCommentOrBlank(lines.lineText(i), syntax)) return false;
  return true;
}

/** The line a next-line directive covers: the next line that is not itself a comment. */
function nextCodeLine(lines: LineIndex, line: number, syntax: CommentSyntax): number {
  let target = line + 1;
  while (target < lines.lineCount - 1 && lines.lineText(target).trim() !== '' && isCommentOrBlank(lines.lineText(target), syntax)) target++;
  return target;
}

/** The edit for "ignore with comment": a next-line directive above `line`, in the file's comment syntax. */
export function ignoreCommentEdit(lines: LineIndex, kind: FileKind, line: number, ruleId: string): TextEdit | undefined {
  const syntax = COMMENT_SYNTAX[kind];
  if (!syntax) return undefined;
  const indent = /^\s*/.exec(lines.lineText(line))?.[0] ?? '';
  const body = `${SUPPRESS_KEYWORD}-next-line ${ruleId} -- reason: `;
  const comment = syntax.line && !syntax.preferBlock ? `${syntax.line} ${body}` : `${syntax.block?.[0]} ${body}${syntax.block?.[1]}`;
  const start = { line, character: 0 };
  return { range: { start, end: start }, newText: `${indent}${comment}\n` };
}
