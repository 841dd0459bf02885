import * as fs from 'node:fs';

/**
 * What a text rule may know about the project around a file, beyond the file itself: computed once
 * per scan (plain data, so worker threads get it with their settings) and handed to every rule as
 * `context.project`. Absent knowledge is empty, never a guess: a rule must decide as before when
 * the project says nothing (a single file, an untitled buffer).
 */
export interface ProjectContext {
  /** Names of the folders at the workspace root (`src`, `outputs`, `checkpoints`). */
  rootFolders: readonly string[];
}

export const EMPTY_PROJECT: ProjectContext = { rootFolders: [] };

/** The project context of a workspace folder: one directory listing, hidden folders left out. */
export function projectContextOf(root: string): ProjectContext {
  try {
    const folders = fs
      .readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
    return { rootFolders: folders };
  } catch {
    return EMPTY_PROJECT;
  }
}

/** `isWorkspaceFolder` for `hubIdKind`: is `name` a folder at the workspace root? */
export function workspaceFolderTest(project: ProjectContext): (name: string) => boolean {
  const folders = new Set(project.rootFolders);
  return (name) => folders.has(name);
}
