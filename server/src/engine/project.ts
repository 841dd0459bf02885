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
  /**
   * What the manifests and lockfiles of the workspace require, from the AI-BOM collectors' own
   * reading (a scan fills it at its end; the editor keeps the last scan's).
   */
  requirements?: readonly ProjectRequirement[];
}

/** One package a manifest or lockfile requires. */
export interface ProjectRequirement {
  /** Workspace-relative path of the manifest or lockfile. */
  manifest: string;
  /** `ecosystem:name` (`pypi:torch`). */
  package: string;
  /** A pinned or locked version. */
  version?: string;
  /** A range as written (`>=2.6,<3`). */
  range?: string;
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

/**
 * The requirements of `pkg` from the manifests that govern `path`: those in the nearest folder, up
 * from the file's own, that has any manifest naming the package (a sub-project's `pyproject.toml`
 * governs its files, not the root's). Lockfile versions come first.
 */
export function governingRequirements(project: ProjectContext, path: string, pkg: string): ProjectRequirement[] {
  const named = (project.requirements ?? []).filter((requirement) => requirement.package === pkg);
  if (named.length === 0) return [];
  const segments = path.split('/').slice(0, -1);
  for (let depth = segments.length; depth >= 0; depth--) {
    const folder = segments.slice(0, depth).join('/');
    const here = named.filter((requirement) => folderOf(requirement.manifest) === folder);
    if (here.length > 0) return here.sort((a, b) => Number(b.version !== undefined) - Number(a.version !== undefined));
  }
  return [];
}

export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}
