/**
 * What the engine needs to analyse an open document: its workspace-relative path, its file kind
 * and the scope its configuration comes from. Documents the server does not analyse (other
 * schemes, unknown kinds) have no target.
 */
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type FileKind, fileKindOf } from '../engine/index';
import { folderScope, type Scope } from './configs';
import type { Folder, WorkspaceFolders } from './folders';
import { fileUriOf, isNotebookCell, isUntitled, kindForLanguage, pathToUri, posixPath, uriToPath } from './uris';

export interface Target {
  kind: FileKind;
  /** Engine path: relative to the folder, absolute (forward slashes) outside every folder. */
  relativePath: string;
  scope: Scope;
  folder?: Folder;
  /** The `file:` URI of the file on disk (the notebook for a cell); none for untitled buffers. */
  fileUri?: string;
  /** Whether results may be cached under `relativePath` (a cell's text is not the file's text). */
  cacheable: boolean;
}

const GLOBAL_SCOPE: Scope = { key: 'global' };

export function targetOf(document: Pick<TextDocument, 'uri' | 'languageId'>, folders: WorkspaceFolders): Target | undefined {
  if (isUntitled(document.uri)) return untitledTarget(document, folders);
  const fileUri = fileUriOf(document.uri);
  const fsPath = fileUri && uriToPath(fileUri);
  if (!fileUri || !fsPath) return undefined;
  const cell = isNotebookCell(document.uri);
  const kind = cell ? kindForLanguage(document.languageId) : fileKindOf(fsPath);
  if (!kind) return undefined;
  const located = folders.locate(fsPath);
  if (located)
    return {
      kind,
      relativePath: located.relativePath,
      scope: folderScope(located.folder),
      folder: located.folder,
      fileUri,
      cacheable: !cell,
    };
  const dir = path.dirname(fsPath);
  const scope = { key: `dir:${dir}`, scopeUri: pathToUri(dir), configDir: dir };
  return { kind, relativePath: posixPath(fsPath), scope, fileUri, cacheable: !cell };
}

/** Untitled buffers belong to the first folder (its settings and workspace file), if there is one. */
function untitledTarget(document: Pick<TextDocument, 'uri' | 'languageId'>, folders: WorkspaceFolders): Target | undefined {
  const kind = kindForLanguage(document.languageId);
  if (!kind) return undefined;
  const folder = folders.roots()[0];
  const relativePath = document.uri.slice('untitled:'.length);
  return { kind, relativePath, scope: folder ? folderScope(folder) : GLOBAL_SCOPE, folder, cacheable: false };
}
