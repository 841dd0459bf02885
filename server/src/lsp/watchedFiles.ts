/**
 * `workspace/didChangeWatchedFiles`. The server registers its own watchers (the analysed file
 * kinds, which include prompt and instruction files, manifests and lockfiles; model files, which
 * the AI-BOM lists and the byte rules read; `.ai-posture.json` and `.gitignore`; never `**\/*`). A changed workspace file or
 * `.gitignore` changes what every file means, so the affected folders are rescanned; any other file
 * is re-analysed or cleared on its own.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DidChangeWatchedFilesNotification, FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import { analysedFileGlobs, CONFIG_FILE_NAME, MODEL_FILE_EXTENSIONS, SAVED_MODEL_GLOBS } from '../engine/index';
import type { ServerContext } from './context';
import { environmentChanged } from './environment';
import type { Folder } from './folders';
import { fileUriOf, relativeInside, uriToPath } from './uris';

const ENVIRONMENT_FILES = new Set([CONFIG_FILE_NAME, '.gitignore']);
/** Above this many changes in one batch (a branch switch), a rescan is cheaper than file by file. */
const MANY_CHANGES = 500;

export async function registerFileWatchers(ctx: ServerContext): Promise<void> {
  if (!ctx.features.watcherRegistration) return;
  const globs = [...analysedFileGlobs(), modelFileGlob(), ...SAVED_MODEL_GLOBS, `**/${CONFIG_FILE_NAME}`, '**/.gitignore'];
  await ctx.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: globs.map((globPattern) => ({ globPattern })) });
}

/** Model files are no analysed text kind, but a weight replaced on disk changes the AI-BOM and the byte rules' findings. */
function modelFileGlob(): string {
  return `**/*.{${[...MODEL_FILE_EXTENSIONS].map((extension) => extension.slice(1)).join(',')}}`;
}

export function registerWatchedFiles(ctx: ServerContext): void {
  // One batch at a time, in order, so a delete never overtakes the change before it.
  let queue = Promise.resolve();
  ctx.connection.onDidChangeWatchedFiles(({ changes }) => {
    queue = queue.then(() => handleChanges(ctx, changes)).catch((error) => logFailure(ctx, error));
  });
}

async function handleChanges(ctx: ServerContext, changes: FileEvent[]): Promise<void> {
  const environment = new Set<Folder>();
  const files: { uri: string; fsPath: string; type: FileChangeType }[] = [];
  for (const change of changes) {
    const uri = fileUriOf(change.uri);
    const fsPath = uri && uriToPath(uri);
    if (!uri || !fsPath) continue;
    if (ENVIRONMENT_FILES.has(path.basename(fsPath))) for (const folder of affectedFolders(ctx, fsPath)) environment.add(folder);
    else files.push({ uri, fsPath, type: change.type });
  }
  // Not awaited: the rescan reports its own progress, and later file events must not wait for it.
  if (environment.size > 0) environmentChanged(ctx, [...environment]).catch((error) => logFailure(ctx, error));
  const rest = files.filter((file) => ![...environment].some((folder) => relativeInside(folder.root, file.fsPath)));
  const rescan = new Set<Folder>();
  for (const file of rest) {
    const folder = ctx.folders.locate(file.fsPath)?.folder;
    if (rest.length > MANY_CHANGES || (file.type === FileChangeType.Created && isDirectory(file.fsPath))) {
      if (folder && ctx.scanner.hasScanned(folder)) rescan.add(folder);
    } else if (file.type === FileChangeType.Deleted) {
      ctx.diskFiles.remove(file.uri);
      ctx.bom.fileDeleted(file.uri);
    } else {
      await ctx.diskFiles.refresh(file.uri);
      await ctx.bom.fileChanged(file.uri);
    }
  }
  if (rescan.size > 0) ctx.scanner.rescan([...rescan]).catch((error) => logFailure(ctx, error));
}

/** Folders a workspace file or `.gitignore` applies to: the one holding it, or the ones below its folder. */
function affectedFolders(ctx: ServerContext, fsPath: string): Folder[] {
  const dir = path.dirname(fsPath);
  return ctx.folders
    .roots()
    .filter(
      (folder) =>
        relativeInside(folder.root, fsPath) !== undefined || folder.root === dir || relativeInside(dir, folder.root) !== undefined,
    );
}

function isDirectory(fsPath: string): boolean {
  try {
    return fs.statSync(fsPath).isDirectory();
  } catch {
    return false;
  }
}

function logFailure(ctx: ServerContext, error: unknown): void {
  ctx.connection.console.error(`Handling file changes failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
