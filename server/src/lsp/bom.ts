/**
 * The AI-BOM in the editor: `aiPosture/bom` (every folder's components with their finding counts),
 * `aiPosture/exportBom` (CycloneDX 1.6 JSON text) and `aiPosture/bomChanged`, sent at most every
 * 500 ms when what `aiPosture/bom` answers has changed: a component came or went, an occurrence
 * moved, a finding count changed, or the first scan completed. The inventory itself is kept per
 * file by `bomStore.ts`; the counts come from the server's current results (`bomFindings.ts`).
 */
import { type CancellationToken, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { version } from '../../../package.json';
import {
  type AiBom,
  type AiComponent,
  cycloneDxJson,
  type FileResult,
  mergeTargetBoms,
  providerDisplayName,
  rebaseBom,
  withMcpFindingCounts,
} from '../engine/index';
import {
  BOM_CHANGED_METHOD,
  type BomChangedParams,
  type BomComponent,
  type BomParams,
  type BomResult,
  type ExportBomParams,
} from '../shared/protocol';
import { FindingIndex } from './bomFindings';
import { folderScope } from './configs';
import type { ServerContext } from './context';
import type { Folder } from './folders';
import type { CurrentEntry } from './results';
import { fileUriOf, isNotebookCell } from './uris';

/** The quiet time before `aiPosture/bomChanged`; a slow merge (a huge workspace) stretches it. */
const BOM_CHANGED_DELAY_MS = 500;

/** Follows the inventory and the findings, and tells the client when the BOM it shows is out of date. */
export function registerBomNotifications(ctx: ServerContext): void {
  const notifier = new BomNotifier(ctx);
  ctx.bom.onDidChange(() => notifier.schedule());
  ctx.results.onDidChange(() => notifier.schedule());
  // An editor closed, perhaps without saving: the BOM goes back to the file on disk.
  ctx.documents.onDidClose(({ document }) => {
    const fileUri = fileUriOf(document.uri);
    if (fileUri && !isNotebookCell(document.uri)) ctx.bom.fileChanged(fileUri).catch((error) => logFailure(ctx, error));
  });
}

/** `aiPosture/bom`: answers at once with what is known, so a view can paint while the first scan runs. */
export async function bomRequest(ctx: ServerContext, params: BomParams | undefined): Promise<BomResult> {
  const folderUri = typeof params?.folderUri === 'string' ? params.folderUri : undefined;
  const index = new FindingIndex(ctx.results.current());
  const result: BomResult = { components: [], complete: true, scanned: true };
  for (const folder of ctx.folders.roots().filter((root) => !folderUri || root.uri === folderUri)) {
    const { settings } = await ctx.configs.resolve(folderScope(folder));
    if (!settings.enable) continue;
    const ended = ctx.bom.hasScanEnded(folder);
    if (settings.scanOnStartup && !ended) result.complete = false;
    if (!ended) result.scanned = false;
    const bom = await ctx.bom.bom(folder);
    for (const component of bom?.components ?? []) result.components.push(bomComponent(component, folder, index));
  }
  return result;
}

function bomComponent(component: AiComponent, folder: Folder, index: FindingIndex): BomComponent {
  const shown: BomComponent = { ...component, folderUri: folder.uri, findingCounts: index.counts(folder.uri, component) };
  if (component.provider) shown.providerName = providerDisplayName(component.provider);
  return shown;
}

/**
 * `aiPosture/exportBom`: one folder, or every folder merged with its paths under the folder's name
 * (as the CLI merges several targets). A folder never scanned is scanned first.
 */
export async function exportBom(
  ctx: ServerContext,
  params: ExportBomParams | undefined,
  token: CancellationToken,
): Promise<string | ResponseError> {
  const folderUri = typeof params?.folderUri === 'string' ? params.folderUri : undefined;
  const folders = ctx.folders.roots().filter((folder) => !folderUri || folder.uri === folderUri);
  if (folders.length === 0) return new ResponseError(ErrorCodes.InvalidParams, 'No workspace folder to export');
  const unscanned = folders.filter((folder) => !ctx.scanner.hasScanned(folder));
  if (unscanned.length > 0) await ctx.scanner.rescan(unscanned, token);
  if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
  const boms: AiBom[] = [];
  const current = ctx.results.current();
  for (const folder of folders) {
    const bom = withMcpFindingCounts((await ctx.bom.bom(folder)) ?? { components: [] }, folderResults(current, folder));
    boms.push(folders.length > 1 ? rebaseBom(bom, folder.name) : bom);
  }
  return cycloneDxJson(mergeTargetBoms(boms), {
    workspaceName: folders.map((folder) => folder.name).join(', '),
    toolVersion: version,
    deterministic: params?.deterministic === true,
  });
}

/** The folder's current results as the engine counts them: whole files (a notebook cell's lines are the cell's). */
function folderResults(current: readonly CurrentEntry[], folder: Folder): FileResult[] {
  return current.filter((entry) => entry.folderUri === folder.uri && !isNotebookCell(entry.uri)).map((entry) => entry.result);
}

/** Coalesces changes: one comparison per quiet moment, one notification when the answer differs. */
class BomNotifier {
  private timer: NodeJS.Timeout | undefined;
  private flushing = false;
  private dirty = false;
  private delay = BOM_CHANGED_DELAY_MS;
  private lastSignature = '';
  private lastKeys = new Set<string>();

  constructor(private readonly ctx: ServerContext) {}

  schedule(): void {
    this.dirty = true;
    if (this.timer === undefined && !this.flushing) this.timer = setTimeout(() => void this.flush(), this.delay);
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    this.flushing = true;
    this.dirty = false;
    const started = Date.now();
    try {
      await this.compare(await bomRequest(this.ctx, undefined));
    } catch (error) {
      logFailure(this.ctx, error);
    } finally {
      this.flushing = false;
      this.delay = Math.max(BOM_CHANGED_DELAY_MS, (Date.now() - started) * 4);
      if (this.dirty) this.schedule();
    }
  }

  private async compare(result: BomResult): Promise<void> {
    const signature = JSON.stringify(result);
    if (signature === this.lastSignature) return;
    const keys = new Set(result.components.map((component) => `${component.folderUri}\u0000${component.ref}`));
    const params: BomChangedParams = {
      added: [...keys].filter((key) => !this.lastKeys.has(key)).length,
      removed: [...this.lastKeys].filter((key) => !keys.has(key)).length,
    };
    this.lastSignature = signature;
    this.lastKeys = keys;
    await this.ctx.connection.sendNotification(BOM_CHANGED_METHOD, params).catch(() => undefined);
  }
}

function logFailure(ctx: ServerContext, error: unknown): void {
  ctx.connection.console.error(`Updating the AI-BOM failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
