/**
 * `textDocument/codeAction`: per AI Posture diagnostic its rule's fix (read back from the
 * diagnostic's `data`) and "ignore with a comment"; and `source.fixAll.ai-posture`, every safe fix
 * of the document at once (overlapping fixes are left for a second run, as in `ai-posture fix`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type CancellationToken,
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Connection,
  type CreateFile,
  type Diagnostic,
  LSPErrorCodes,
  ResponseError,
  type TextDocumentEdit,
  type TextDocuments,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { appendLineInsertion, applyEdits, type Fix, ignoreCommentEdit, LineIndex, safeFixEdits } from '../engine/index';
import { FIX_ALL_KIND } from '../shared/protocol';
import { type DocumentAnalyzer, STALE } from './analyzer';
import { type DiagnosticData, isUnusedSuppression, ruleDiagnosticData } from './diagnostics';
import type { WorkspaceFolders } from './folders';
import { type Target, targetOf } from './targets';
import { pathToUri } from './uris';

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.SourceFixAll];

export interface CodeActionDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  folders: WorkspaceFolders;
  analyzer: DocumentAnalyzer;
  /** The client applies `documentChanges` (versioned edits, refused when the document moved on). */
  documentChanges: boolean;
}

export function registerCodeActions(deps: CodeActionDeps): void {
  deps.connection.onCodeAction((params, token) => codeActions(deps, params, token));
}

async function codeActions(
  deps: CodeActionDeps,
  params: CodeActionParams,
  token: CancellationToken,
): Promise<CodeAction[] | ResponseError> {
  const document = deps.documents.get(params.textDocument.uri);
  if (!document) return [];
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) actions.push(...quickFixes(deps, document, params.context.diagnostics));
  if (wants(only, FIX_ALL_KIND)) {
    const fixAll = await fixAllAction(deps, document);
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** Whether a kind passes the request's `only` filter (a kind matches itself and its sub-kinds). */
function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

function quickFixes(deps: CodeActionDeps, document: TextDocument, diagnostics: Diagnostic[]): CodeAction[] {
  const target = targetOf(document, deps.folders);
  let lines: LineIndex | undefined;
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const data = ruleDiagnosticData(diagnostic);
    if (!data) continue;
    const fix = ruleFix(deps, document, diagnostic, data);
    if (fix) actions.push(fix);
    lines ??= new LineIndex(document.getText());
    const ignore = ignoreAction(deps, document, target, lines, diagnostic, data.ruleId);
    if (ignore) actions.push(ignore);
  }
  return actions;
}

/**
 * The rule's own fix, whatever its applicability (a person picks it here), but only a safe one is
 * preferred; only for the document version it was computed for.
 */
function ruleFix(deps: CodeActionDeps, document: TextDocument, diagnostic: Diagnostic, data: DiagnosticData): CodeAction | undefined {
  const fix = data.fix;
  if (!fix || (data.version !== undefined && data.version !== document.version)) return undefined;
  const edit = fix.appendTo?.length ? appendingEdit(deps, document, fix) : workspaceEdit(deps, document, fix.edits);
  if (!edit) return undefined;
  return {
    title: fixTitle(fix),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.applicability === 'safe',
    edit,
  };
}

/**
 * A fix that adds lines to other files of the document's folder (AIP204's `.gitignore` entry),
 * read from disk now: an edit at the end of an existing file, or a file created with the line
 * (which needs `documentChanges`). Undefined when there is nothing to add or no way to add it.
 */
function appendingEdit(deps: CodeActionDeps, document: TextDocument, fix: Fix): WorkspaceEdit | undefined {
  const folder = targetOf(document, deps.folders)?.folder;
  if (!folder) return undefined;
  const files: { uri: string; create: boolean; edits: TextEdit[] }[] = [];
  for (const append of fix.appendTo ?? []) {
    const absolute = path.join(folder.root, ...append.path.split('/'));
    const current = fs.existsSync(absolute) ? fs.readFileSync(absolute, 'utf8') : undefined;
    const insertion = appendLineInsertion(current ?? '', append.line);
    if (insertion === undefined) continue;
    const end = current === undefined ? { line: 0, character: 0 } : new LineIndex(current).positionAt(current.length);
    files.push({ uri: pathToUri(absolute), create: current === undefined, edits: [{ range: { start: end, end }, newText: insertion }] });
  }
  if (files.length === 0) return undefined;
  const own = fix.edits.length > 0 ? [{ uri: document.uri, create: false, edits: fix.edits }] : [];
  if (deps.documentChanges) {
    const changes: (TextDocumentEdit | CreateFile)[] = own.map((file) => ({
      textDocument: { uri: file.uri, version: document.version },
      edits: file.edits,
    }));
    for (const file of files) {
      if (file.create) changes.push({ kind: 'create', uri: file.uri, options: { ignoreIfExists: true } });
      changes.push({ textDocument: { uri: file.uri, version: null }, edits: file.edits });
    }
    return { documentChanges: changes };
  }
  // Without `documentChanges` a client cannot create a file: only edits of existing files.
  if (files.some((file) => file.create)) return undefined;
  return { changes: Object.fromEntries([...own, ...files].map((file) => [file.uri, file.edits])) };
}

/** A fix's title as the editor shows it: what is not safe says so (also used by hovers). */
export function fixTitle(fix: Fix): string {
  if (fix.applicability === 'display-only') return `${fix.title} (needs review: fill in the placeholder)`;
  if (fix.applicability === 'unsafe') return `${fix.title} (unsafe: review, may change behaviour)`;
  return fix.title;
}

/** A next-line `ai-posture-ignore` directive in the file's comment syntax (none for notebooks' JSON or plain JSON). */
function ignoreAction(
  deps: CodeActionDeps,
  document: TextDocument,
  target: Target | undefined,
  lines: LineIndex,
  diagnostic: Diagnostic,
  ruleId: string,
): CodeAction | undefined {
  if (!target || target.kind === 'notebook' || isUnusedSuppression(ruleId)) return undefined;
  const edit = ignoreCommentEdit(lines, target.kind, diagnostic.range.start.line, ruleId);
  if (!edit) return undefined;
  return {
    title: `Ignore ${ruleId} on this line (ai-posture-ignore comment)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: workspaceEdit(deps, document, [edit]),
  };
}

async function fixAllAction(deps: CodeActionDeps, document: TextDocument): Promise<CodeAction | undefined> {
  const analysis = await deps.analyzer.analyse(document);
  if (!analysis || analysis === STALE) return undefined;
  const edits = safeFixEdits(analysis.result.findings);
  if (edits.length === 0) return undefined;
  const text = document.getText();
  const fixed = applyEdits(text, edits);
  const edit = changedSpan(text, fixed.text);
  if (!edit) return undefined;
  return { title: 'Fix all AI Posture problems that have a safe fix', kind: FIX_ALL_KIND, edit: workspaceEdit(deps, document, [edit]) };
}

/** One edit covering only what differs between two texts (common prefix and suffix kept). */
export function changedSpan(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end])
    end++;
  // Never split a CRLF or a surrogate pair: an LSP position cannot point between their halves.
  if (start > 0 && (before[start - 1] === '\r' || isHighSurrogate(before.charCodeAt(start - 1)))) start--;
  const kept = before.length - end;
  if (end > 0 && ((before[kept] === '\n' && before[kept - 1] === '\r') || isHighSurrogate(before.charCodeAt(kept - 1)))) end--;
  const lines = new LineIndex(before);
  return { range: lines.rangeOf(start, before.length - end), newText: after.slice(start, after.length - end) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function workspaceEdit(deps: CodeActionDeps, document: TextDocument, edits: TextEdit[]): WorkspaceEdit {
  if (deps.documentChanges) return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] };
  return { changes: { [document.uri]: edits } };
}
