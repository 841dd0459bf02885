/**
 * The custom requests of `shared/protocol.ts`: `aiPosture/rescan` and `aiPosture/exportSarif`.
 * (The AI-BOM and recommendations requests are not served yet; the client must not rely on them.)
 */
import { type CancellationToken, LSPErrorCodes, RequestType, RequestType0, ResponseError } from 'vscode-languageserver/node';
import type * as Sarif from 'sarif';
import { version } from '../../../package.json';
import { type ScanStats, toSarif } from '../engine/index';
import { EXPORT_SARIF_METHOD, RESCAN_METHOD, type RescanResult } from '../shared/protocol';
import type { ServerContext } from './context';
import { revalidateOpenDocuments } from './environment';
import type { Folder } from './folders';

const rescanRequest = new RequestType0<RescanResult, void>(RESCAN_METHOD);
/** Optional `folderUri` narrows the export to one workspace folder; the result is SARIF 2.1.0 JSON text. */
const exportSarifRequest = new RequestType<{ folderUri?: string } | null | undefined, string, void>(EXPORT_SARIF_METHOD);

export function registerCustomRequests(ctx: ServerContext): void {
  ctx.connection.onRequest(rescanRequest, (token) => rescan(ctx, token));
  ctx.connection.onRequest(exportSarifRequest, (params, token) => exportSarif(ctx, params?.folderUri, token));
}

/** Reloads settings and workspace files, then scans every folder; resolves when the scan ends. */
function rescan(ctx: ServerContext, token: CancellationToken): Promise<RescanResult> {
  ctx.configs.invalidate();
  revalidateOpenDocuments(ctx);
  return ctx.scanner.rescan(ctx.folders.roots(), token);
}

/** One SARIF run per workspace folder, from the last scan (a folder never scanned is scanned first). */
async function exportSarif(ctx: ServerContext, folderUri: string | undefined, token: CancellationToken): Promise<string | ResponseError> {
  const folders = ctx.folders.roots().filter((folder) => !folderUri || folder.uri === folderUri);
  const unscanned = folders.filter((folder) => !ctx.scanner.hasScanned(folder));
  if (unscanned.length > 0) await ctx.scanner.rescan(unscanned, token);
  if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
  const runs = folders.flatMap((folder) => toSarif(folderReport(ctx, folder)).runs);
  const log: Sarif.Log = { ...toSarif(emptyReport()), runs };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function folderReport(ctx: ServerContext, folder: Folder) {
  return {
    toolVersion: version,
    root: folder.root,
    targets: ['.'],
    files: ctx.results.folderResults(folder.uri),
    stats: ctx.scanner.lastStats(folder) ?? emptyStats(),
  };
}

function emptyReport() {
  return { toolVersion: version, root: '/', targets: [], files: [], stats: emptyStats() };
}

function emptyStats(): ScanStats {
  return { filesAnalysed: 0, modelFiles: 0, skipped: {}, durationMs: 0, cancelled: false };
}
