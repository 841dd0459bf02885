/**
 * The custom requests of `shared/protocol.ts` this server answers: `aiPosture/rescan`,
 * `aiPosture/exportSarif`, `aiPosture/recommendations` (`recommendations.ts`) and `aiPosture/fixAll`
 * (`fixAllWorkspace.ts`), `aiPosture/bom` and `aiPosture/exportBom` (`bom.ts`).
 */
import { type CancellationToken, ErrorCodes, LSPErrorCodes, ResponseError, type WorkspaceEdit } from 'vscode-languageserver/node';
import { version } from '../../../package.json';
import { type ScanReport, type ScanStats, toSarif } from '../engine/index';
import {
  BOM_METHOD,
  type BomParams,
  type BomResult,
  EXPORT_BOM_METHOD,
  EXPORT_SARIF_METHOD,
  type ExportBomParams,
  FIX_ALL_METHOD,
  type FixAllParams,
  RECOMMENDATIONS_METHOD,
  RESCAN_METHOD,
  type RecommendationsResult,
  type RescanResult,
} from '../shared/protocol';
import { bomRequest, exportBom } from './bom';
import type { ServerContext } from './context';
import { revalidateOpenDocuments } from './environment';
import { fixAllWorkspace } from './fixAllWorkspace';
import type { Folder } from './folders';
import { type RecommendationsParams, recommendations } from './recommendations';

/** Optional parameters of `aiPosture/exportSarif`: narrow the export to one workspace folder. */
interface ExportSarifParams {
  folderUri?: string;
}

export function registerCustomRequests(ctx: ServerContext): void {
  onRequest(ctx, RESCAN_METHOD, (_params, token) => rescan(ctx, token));
  onRequest<ExportSarifParams, string>(ctx, EXPORT_SARIF_METHOD, (params, token) => exportSarif(ctx, params?.folderUri, token));
  onRequest<RecommendationsParams, RecommendationsResult>(ctx, RECOMMENDATIONS_METHOD, (params, token) =>
    recommendations(ctx, params, token),
  );
  onRequest<FixAllParams, WorkspaceEdit>(ctx, FIX_ALL_METHOD, (params, token) => fixAllWorkspace(ctx, params, token));
  onRequest<BomParams, BomResult>(ctx, BOM_METHOD, (params) => bomRequest(ctx, params));
  onRequest<ExportBomParams, string>(ctx, EXPORT_BOM_METHOD, (params, token) => exportBom(ctx, params, token));
}

/**
 * Registers a request that works with or without parameters: clients send these methods both as
 * `sendRequest(method)` and `sendRequest(method, {})`, and JSON-RPC passes the token last either way.
 */
function onRequest<P, R>(
  ctx: ServerContext,
  method: string,
  handler: (params: P | undefined, token: CancellationToken) => Promise<R | ResponseError>,
): void {
  ctx.connection.onRequest(method, (...args: unknown[]): Promise<unknown> => {
    const token = args.at(-1) as CancellationToken;
    const params = args.length > 1 && args[0] !== null && typeof args[0] === 'object' ? (args[0] as P) : undefined;
    return handler(params, token);
  });
}

/**
 * Reloads settings and workspace files, then scans every folder; resolves when the scan ends.
 * Cancelled by the user (progress) or by a newer scan: `cancelled: true`; by the client: an error.
 */
async function rescan(ctx: ServerContext, token: CancellationToken): Promise<RescanResult | ResponseError> {
  ctx.configs.invalidate();
  revalidateOpenDocuments(ctx);
  const result = await ctx.scanner.rescan(ctx.folders.roots(), token);
  return token.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled') : result;
}

/** One SARIF run per workspace folder, from the last scan (a folder never scanned is scanned first). */
async function exportSarif(ctx: ServerContext, folderUri: string | undefined, token: CancellationToken): Promise<string | ResponseError> {
  const folders = ctx.folders.roots().filter((folder) => !folderUri || folder.uri === folderUri);
  if (folders.length === 0) return new ResponseError(ErrorCodes.InvalidParams, 'No workspace folder to export');
  const unscanned = folders.filter((folder) => !ctx.scanner.hasScanned(folder));
  if (unscanned.length > 0) await ctx.scanner.rescan(unscanned, token);
  if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
  const logs = folders.map((folder) => toSarif(folderReport(ctx, folder)));
  return `${JSON.stringify({ ...logs[0], runs: logs.flatMap((log) => log.runs) }, null, 2)}\n`;
}

function folderReport(ctx: ServerContext, folder: Folder): ScanReport {
  const stats: ScanStats = ctx.scanner.lastStats(folder) ?? {
    filesAnalysed: 0,
    modelFiles: 0,
    skipped: {},
    durationMs: 0,
    cancelled: false,
  };
  return { toolVersion: version, root: folder.root, targets: ['.'], files: ctx.results.folderResults(folder.uri), stats };
}
