/**
 * What the Recommendations view's buttons do in the editor: open a place, apply a rule's safe fixes
 * across the workspace (`aiPosture/fixAll`), and add an `ignore` entry to `.ai-posture.json`.
 */
import {
  Position,
  Range,
  type TextDocument,
  TextEditorRevealType,
  Uri,
  WorkspaceEdit,
  type WorkspaceFolder,
  window,
  workspace,
} from 'vscode';
import type { WorkspaceEdit as LspWorkspaceEdit } from 'vscode-languageclient';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FIX_ALL_METHOD, type FixAllParams, type RecommendationsResult } from '../../../server/src/shared/protocol';
import {
  addIgnoreEntry,
  CONFIG_FILE_NAME,
  ConfigEditError,
  configCandidates,
  exactPathPattern,
  type IgnoreEntry,
  localToday,
  outermostFolder,
  relativePosix,
  validateExpiry,
  validateReason,
} from './ignoreConfig';
import type { PlaceRange } from './messages';
import { pluralize } from './model';

export async function openPlace(uri: string, range: PlaceRange): Promise<void> {
  const selection = new Range(new Position(range.start.line, range.start.character), new Position(range.end.line, range.end.character));
  const editor = await window.showTextDocument(Uri.parse(uri, true), { selection, preview: true });
  editor.revealRange(selection, TextEditorRevealType.InCenterIfOutsideViewport);
}

/**
 * Applies the server's edit for every safe fix of a rule. Nothing is saved: the changed files stay
 * dirty for the user to review. An edit computed for document versions that have since changed is
 * refused rather than applied to the wrong text.
 */
export async function fixAll(client: LanguageClient, ruleId: string): Promise<void> {
  const params: FixAllParams = { ruleId };
  const edit = await client.sendRequest<LspWorkspaceEdit>(FIX_ALL_METHOD, params);
  const files = editedFiles(edit);
  if (files.length === 0) {
    void window.showInformationMessage(`AI Posture: ${ruleId} has no safe fix to apply now.`);
    return;
  }
  const moved = files.filter(({ uri, version }) => {
    if (version === null || version === undefined) return false;
    const document = openDocument(Uri.parse(uri, true));
    return document !== undefined && document.version !== version;
  });
  if (moved.length > 0) {
    void window.showWarningMessage('AI Posture: files changed while the fixes were prepared. Run Fix all again.');
    return;
  }
  const applied = await workspace.applyEdit(await client.protocol2CodeConverter.asWorkspaceEdit(edit));
  if (!applied) {
    void window.showWarningMessage(`AI Posture: the fixes of ${ruleId} could not be applied.`);
    return;
  }
  void window.showInformationMessage(
    `AI Posture: applied the safe fixes of ${ruleId} in ${pluralize(files.length, 'file')}. Review the changes, then save.`,
  );
}

function editedFiles(edit: LspWorkspaceEdit | null | undefined): { uri: string; version: number | null | undefined }[] {
  if (!edit) return [];
  const fromChanges = Object.entries(edit.changes ?? {})
    .filter(([, edits]) => edits.length > 0)
    .map(([uri]) => ({ uri, version: undefined }));
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((change) =>
    'textDocument' in change && change.edits.length > 0 ? [{ uri: change.textDocument.uri, version: change.textDocument.version }] : [],
  );
  return [...fromChanges, ...fromDocumentChanges];
}

function openDocument(uri: Uri): TextDocument | undefined {
  const key = uri.toString();
  return workspace.textDocuments.find((document) => document.uri.toString() === key);
}

/**
 * Asks for a reason and an optional expiry, then adds `{rule, paths?, reason, until?}` to the
 * `ignore` list of the configuration that covers the folder. With a place, only that file is
 * ignored; without, the rule is ignored in the whole folder.
 */
export async function ignoreRule(
  ruleId: string,
  place: { uri: string; path: string } | undefined,
  last: RecommendationsResult | undefined,
): Promise<void> {
  const target = await ignoreTarget(ruleId, place, last);
  if (!target) return;
  const scope = target.file ? `in ${target.file}` : `in ${target.folder.name}`;
  const reason = await window.showInputBox({
    title: `Ignore ${ruleId} ${scope} (1/2)`,
    prompt: `Why is it acceptable? The reason is kept with the entry in ${CONFIG_FILE_NAME}.`,
    placeHolder: 'e.g. the model files come from our own signed build',
    ignoreFocusOut: true,
    validateInput: validateReason,
  });
  if (reason === undefined) return;
  const until = await window.showInputBox({
    title: `Ignore ${ruleId} ${scope} (2/2)`,
    prompt: 'Expiry date (optional): after it the finding comes back. Leave empty to ignore it until removed.',
    placeHolder: 'YYYY-MM-DD',
    ignoreFocusOut: true,
    validateInput: (value) => validateExpiry(value, localToday()),
  });
  if (until === undefined) return;
  const entry: IgnoreEntry = {
    rule: ruleId,
    ...(target.file ? { paths: [exactPathPattern(target.file)] } : {}),
    reason: reason.trim(),
    ...(until.trim() ? { until: until.trim() } : {}),
  };
  const configUri = await configFile(target.folder);
  try {
    await writeEntry(configUri, entry);
  } catch (error) {
    if (!(error instanceof ConfigEditError)) throw error;
    const open = await window.showErrorMessage(`AI Posture: ${error.message}`, 'Open File');
    if (open) await window.showTextDocument(configUri);
    return;
  }
  const choice = await window.showInformationMessage(
    `AI Posture: ${ruleId} is ignored ${scope} (${workspace.asRelativePath(configUri)}).`,
    `Open ${CONFIG_FILE_NAME}`,
  );
  if (choice) await window.showTextDocument(configUri);
}

interface IgnoreTarget {
  folder: WorkspaceFolder;
  /** Folder-relative path of the one file to ignore the rule in. */
  file?: string;
}

async function ignoreTarget(
  ruleId: string,
  place: { uri: string; path: string } | undefined,
  last: RecommendationsResult | undefined,
): Promise<IgnoreTarget | undefined> {
  const folders = (workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
  const candidates = folders.map((folder) => ({ folder, fsPath: folder.uri.fsPath }));
  if (place) {
    const file = fileOf(place.uri);
    const holder = file && outermostFolder(candidates, file.fsPath);
    if (!file || !holder) {
      void window.showWarningMessage(`AI Posture: only saved files inside a workspace folder can be ignored in ${CONFIG_FILE_NAME}.`);
      return undefined;
    }
    return { folder: holder.folder, file: relativePosix(holder.fsPath, file.fsPath) };
  }
  // The folders where the rule has places; every folder when none is known.
  const places = last?.recommendations.find((recommendation) => recommendation.ruleId === ruleId)?.places ?? [];
  const holders = new Set(
    places.flatMap((candidate) => {
      const file = fileOf(candidate.uri);
      const holder = file && outermostFolder(candidates, file.fsPath);
      return holder ? [holder.folder] : [];
    }),
  );
  const choices = holders.size > 0 ? [...holders] : folders;
  if (choices.length === 0) {
    void window.showWarningMessage(`AI Posture: open a folder to keep ignore entries in its ${CONFIG_FILE_NAME}.`);
    return undefined;
  }
  if (choices.length === 1) return { folder: choices[0] };
  const picked = await window.showQuickPick(
    choices.map((folder) => ({ label: folder.name, description: folder.uri.fsPath, folder })),
    { title: `Ignore ${ruleId} in which folder?`, ignoreFocusOut: true },
  );
  return picked && { folder: picked.folder };
}

/** The file on disk a place is in (a notebook for a cell); none for untitled buffers. */
function fileOf(uri: string): Uri | undefined {
  const parsed = Uri.parse(uri, true);
  if (parsed.scheme === 'file') return parsed;
  if (parsed.scheme === 'vscode-notebook-cell') return parsed.with({ scheme: 'file', fragment: '', query: '' });
  return undefined;
}

/** The configuration the server reads for the folder (the nearest upwards), or a new one in the folder. */
async function configFile(folder: WorkspaceFolder): Promise<Uri> {
  for (const candidate of configCandidates(folder.uri.fsPath)) {
    const uri = Uri.file(candidate);
    if (await exists(uri)) return uri;
  }
  return Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
}

async function exists(uri: Uri): Promise<boolean> {
  try {
    await workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * An open, possibly unsaved, document is edited in place (undoable) and saved, since the server
 * reads the file from disk; otherwise the file is read and written directly.
 */
async function writeEntry(uri: Uri, entry: IgnoreEntry): Promise<void> {
  const document = openDocument(uri);
  if (document) {
    const text = addIgnoreEntry(document.getText(), entry);
    const edit = new WorkspaceEdit();
    edit.replace(uri, new Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
    if (!(await workspace.applyEdit(edit))) throw new Error(`${CONFIG_FILE_NAME} could not be edited.`);
    await document.save();
    return;
  }
  const before = (await exists(uri)) ? new TextDecoder().decode(await workspace.fs.readFile(uri)) : undefined;
  await workspace.fs.writeFile(uri, new TextEncoder().encode(addIgnoreEntry(before, entry)));
}
