/**
 * `aiPosture/fixAll`: every safe fix of a rule (of every rule without `ruleId`) across the workspace,
 * as one workspace edit. Each file is analysed again from the text the edit will apply to: an open
 * document's buffer at its current version (the edit names that version, so a client refuses it
 * once the document has moved on), a closed file's text on disk. Per file the fixes go through the
 * engine's `applyEdits`, which leaves out overlapping ones exactly as `ai-posture fix` does, and
 * the result becomes one edit over the span that changed.
 */
import * as fs from 'node:fs';
import {
  type CancellationToken,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeWorkspaceFile, applyEdits, type Finding, ruleMeta, safeFixEdits } from '../engine/index';
import type { FixAllParams } from '../shared/protocol';
import { STALE } from './analyzer';
import { changedSpan } from './codeActions';
import { folderScope } from './configs';
import type { ServerContext } from './context';
import type { CurrentEntry } from './results';
import { fileUriOf, isNotebookCell, uriToPath } from './uris';

/** A document that keeps changing while it is analysed is left out after this many tries. */
const ANALYSIS_TRIES = 3;

interface FileEdit {
  uri: string;
  /** The open document's version; null for a file on disk. */
  version: number | null;
  edit: TextEdit;
}

export async function fixAllWorkspace(
  ctx: ServerContext,
  params: FixAllParams | undefined,
  token: CancellationToken,
): Promise<WorkspaceEdit | ResponseError> {
  const ruleId = params?.ruleId;
  if (ruleId !== undefined && (typeof ruleId !== 'string' || !ruleMeta(ruleId))) {
    return new ResponseError(ErrorCodes.InvalidParams, `Unknown rule id: ${String(ruleId)}`);
  }
  const edits: FileEdit[] = [];
  for (const entry of ctx.results.current()) {
    if (!entry.result.findings.some((finding) => hasSafeFix(finding, ruleId))) continue;
    const edit = await fixFile(ctx, entry, ruleId);
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
    if (edit) edits.push(edit);
  }
  edits.sort((a, b) => a.uri.localeCompare(b.uri));
  if (ctx.features.documentChanges) {
    const documentChanges: TextDocumentEdit[] = edits.map(({ uri, version, edit }) => ({ textDocument: { uri, version }, edits: [edit] }));
    return { documentChanges };
  }
  return { changes: Object.fromEntries(edits.map(({ uri, edit }) => [uri, [edit]])) };
}

function hasSafeFix(finding: Finding, ruleId: string | undefined): boolean {
  return safeFixEdits([finding], ruleId).length > 0;
}

/** The open document showing the entry's file wins over the disk, even before its own results arrive. */
async function fixFile(ctx: ServerContext, entry: CurrentEntry, ruleId: string | undefined): Promise<FileEdit | undefined> {
  const document = entry.open
    ? ctx.documents.get(entry.uri)
    : ctx.documents.all().find((candidate) => !isNotebookCell(candidate.uri) && fileUriOf(candidate.uri) === entry.uri);
  if (document) return fixDocument(ctx, document, ruleId);
  if (entry.open) return undefined;
  return fixDiskFile(ctx, entry, ruleId);
}

async function fixDocument(ctx: ServerContext, document: TextDocument, ruleId: string | undefined): Promise<FileEdit | undefined> {
  for (let attempt = 0; attempt < ANALYSIS_TRIES; attempt++) {
    const analysis = await ctx.analyzer.analyse(document);
    if (analysis === STALE) continue;
    if (!analysis) return undefined;
    // No await since the analysis: the text is the one of the version analysed.
    const edit = fixedSpan(document.getText(), analysis.result.findings, ruleId);
    return edit && { uri: document.uri, version: document.version, edit };
  }
  return undefined;
}

async function fixDiskFile(ctx: ServerContext, entry: CurrentEntry, ruleId: string | undefined): Promise<FileEdit | undefined> {
  const folder = ctx.folders.roots().find((candidate) => candidate.uri === entry.folderUri);
  const fsPath = uriToPath(entry.uri);
  if (!folder || !fsPath) return undefined;
  const { config, settings } = await ctx.configs.resolve(folderScope(folder));
  if (!settings.enable) return undefined;
  let text: string;
  try {
    text = await fs.promises.readFile(fsPath, 'utf8');
  } catch {
    return undefined;
  }
  // The overlay makes the analysis read exactly the text the edit applies to.
  const result = await analyzeWorkspaceFile(folder.root, entry.result.path, config, { cache: folder.cache, overlay: () => text });
  const edit = result && fixedSpan(text, result.findings, ruleId);
  return edit && { uri: entry.uri, version: null, edit };
}

function fixedSpan(text: string, findings: readonly Finding[], ruleId: string | undefined): TextEdit | undefined {
  const edits = safeFixEdits(findings, ruleId);
  if (edits.length === 0) return undefined;
  return changedSpan(text, applyEdits(text, edits).text);
}
