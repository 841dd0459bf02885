/**
 * What everything else depends on changed: settings, a `.ai-posture.json`, a `.gitignore`, the
 * workspace folders. There is no smartness here: drop what was derived, have open documents
 * validated again, and rescan the affected folders (the content cache keeps that cheap).
 */
import type { WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node';
import { folderScope } from './configs';
import type { ServerContext } from './context';
import type { Folder } from './folders';

export async function environmentChanged(ctx: ServerContext, folders: Folder[] = ctx.folders.roots()): Promise<void> {
  ctx.configs.invalidate();
  revalidateOpenDocuments(ctx);
  const toScan: Folder[] = [];
  for (const folder of folders) if (ctx.scanner.hasScanned(folder) || (await wantsScan(ctx, folder))) toScan.push(folder);
  if (toScan.length > 0) await ctx.scanner.rescan(toScan);
}

/** Pull clients are asked to pull again; for push clients the server validates every open document. */
export function revalidateOpenDocuments(ctx: ServerContext): void {
  if (!ctx.features.pullDiagnostics) ctx.validator.validateAll();
  else if (ctx.features.diagnosticRefresh) ctx.connection.languages.diagnostics.refresh().catch(() => undefined);
}

/**
 * How long the scan at start leaves the editor to open the files it restores: their first
 * diagnostics come before the scan's threads compete for the processor.
 */
const OPEN_DOCUMENTS_FIRST_MS = 300;

/** The scan at start: every folder whose settings ask for it, after the documents opened with the editor. */
export async function startupScan(ctx: ServerContext): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, OPEN_DOCUMENTS_FIRST_MS));
  await ctx.analyzer.settled();
  const folders: Folder[] = [];
  for (const folder of ctx.folders.roots()) if (await wantsScan(ctx, folder)) folders.push(folder);
  if (folders.length > 0) await ctx.scanner.rescan(folders);
}

async function wantsScan(ctx: ServerContext, folder: Folder): Promise<boolean> {
  const { settings } = await ctx.configs.resolve(folderScope(folder));
  return settings.enable && settings.scanOnStartup;
}

/** Added roots are scanned; removed ones, and roots a new outer folder now covers, drop their results. */
export async function workspaceFoldersChanged(ctx: ServerContext, event: WorkspaceFoldersChangeEvent): Promise<void> {
  const before = ctx.folders.roots();
  ctx.folders.remove(event.removed);
  ctx.folders.add(event.added);
  const after = ctx.folders.roots();
  for (const folder of before) if (!after.includes(folder)) ctx.scanner.forget(folder);
  await environmentChanged(
    ctx,
    after.filter((folder) => !before.includes(folder)),
  );
}
