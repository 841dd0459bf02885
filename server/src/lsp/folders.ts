/**
 * The workspace folders the server analyses. A folder nested inside another one is covered by the
 * outer folder (its scan, its `.ai-posture.json`), so no file is ever analysed or reported twice.
 */
import type { WorkspaceFolder } from 'vscode-languageserver/node';
import { AnalysisCache, type ProjectContext } from '../engine/index';
import { relativeInside, uriToPath } from './uris';

export interface Folder {
  uri: string;
  name: string;
  /** Absolute file system path. */
  root: string;
  /** Results per workspace-relative path; shared by the scan, watched files and open documents. */
  cache: AnalysisCache;
  /** What the last complete workspace scan learnt about the project (root folders, requirements). */
  project?: ProjectContext;
}

export class WorkspaceFolders {
  private folders: Folder[] = [];

  constructor(initial: readonly WorkspaceFolder[]) {
    this.add(initial);
  }

  /** The folders that are scanned: outermost ones only. */
  roots(): Folder[] {
    return this.folders.filter((folder) => !this.folders.some((other) => other !== folder && relativeInside(other.root, folder.root)));
  }

  add(added: readonly WorkspaceFolder[]): Folder[] {
    const created: Folder[] = [];
    for (const { uri, name } of added) {
      const root = uriToPath(uri);
      if (root === undefined || this.folders.some((folder) => folder.root === root)) continue;
      const folder = { uri, name, root, cache: new AnalysisCache() };
      this.folders.push(folder);
      created.push(folder);
    }
    return created;
  }

  remove(removed: readonly WorkspaceFolder[]): Folder[] {
    const roots = new Set(removed.map(({ uri }) => uriToPath(uri)));
    const gone = this.folders.filter((folder) => roots.has(folder.root));
    this.folders = this.folders.filter((folder) => !roots.has(folder.root));
    return gone;
  }

  /** The outermost folder holding `fsPath`, with the path relative to it. */
  locate(fsPath: string): { folder: Folder; relativePath: string } | undefined {
    for (const folder of this.roots()) {
      const relativePath = relativeInside(folder.root, fsPath);
      if (relativePath !== undefined) return { folder, relativePath };
    }
    return undefined;
  }
}
