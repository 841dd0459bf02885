/**
 * URIs on the wire, workspace-relative paths in the engine. The engine speaks forward-slash paths
 * relative to a workspace folder; this module is the only place that converts between the two.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FileKind } from '../engine/index';

const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell:';

export function pathToUri(fsPath: string): string {
  return pathToFileURL(fsPath).href;
}

/** The file system path of a `file:` URI; undefined for other schemes or malformed URIs. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * The canonical `file:` URI of the file a document shows: the file itself, or the notebook that
 * holds a cell. Both spellings a client may use (`%3A` or `:` after a drive letter, say) map to the
 * same key, so results from the editor and from the disk scan meet.
 */
export function fileUriOf(uri: string): string | undefined {
  if (uri.startsWith(NOTEBOOK_CELL_SCHEME)) {
    try {
      return fileUriOf(`file://${new URL(uri).pathname}`);
    } catch {
      return undefined;
    }
  }
  const fsPath = uriToPath(uri);
  return fsPath === undefined ? undefined : pathToUri(fsPath);
}

export function isNotebookCell(uri: string): boolean {
  return uri.startsWith(NOTEBOOK_CELL_SCHEME);
}

export function isUntitled(uri: string): boolean {
  return uri.startsWith('untitled:');
}

/** `root`-relative path with forward slashes, or undefined when `fsPath` is not inside `root`. */
export function relativeInside(root: string, fsPath: string): string | undefined {
  const relative = path.relative(root, fsPath);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/** An absolute path in the engine's forward-slash form (files outside every workspace folder). */
export function posixPath(fsPath: string): string {
  return fsPath.split(path.sep).join('/');
}

/** Editor language ids of buffers that have no file name to go by (untitled buffers, notebook cells). */
const KIND_BY_LANGUAGE: Record<string, FileKind> = {
  python: 'python',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'tsx',
  csharp: 'csharp',
  java: 'java',
  go: 'go',
  shellscript: 'shell',
  dockerfile: 'dockerfile',
  yaml: 'yaml',
  json: 'json',
  jsonc: 'json',
  toml: 'toml',
  dotenv: 'dotenv',
  markdown: 'markdown',
  prompty: 'prompty',
  terraform: 'terraform',
  bicep: 'bicep',
  plaintext: 'text',
};

export function kindForLanguage(languageId: string): FileKind | undefined {
  return Object.hasOwn(KIND_BY_LANGUAGE, languageId) ? KIND_BY_LANGUAGE[languageId] : undefined;
}
