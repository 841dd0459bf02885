/**
 * The custom part of the protocol between the AI Posture client and server, typed once and
 * compiled into both bundles. Plain method names and payload types only: no runtime imports, so
 * the client and the server each wrap them with their own LSP library.
 */

/** `aiPosture/rescan` (request): rescans every workspace folder; resolves when done. */
export const RESCAN_METHOD = 'aiPosture/rescan';
export interface RescanResult {
  filesAnalysed: number;
  findings: number;
  durationMs: number;
  cancelled: boolean;
}

/** `aiPosture/summary` (notification, server → client): counts for the status bar after each change. */
export const SUMMARY_METHOD = 'aiPosture/summary';
export interface SummaryParams {
  /** Unsuppressed findings across the workspace, per severity. */
  counts: { error: number; warning: number; information: number; hint: number };
  scanning: boolean;
}

/** `aiPosture/exportSarif` (request): the SARIF 2.1.0 log of the last workspace scan as JSON text. */
export const EXPORT_SARIF_METHOD = 'aiPosture/exportSarif';

/** `aiPosture/recommendations` (request): findings grouped by rule. */
export const RECOMMENDATIONS_METHOD = 'aiPosture/recommendations';

/** `aiPosture/bom`, `aiPosture/bomChanged`, `aiPosture/exportBom`: the AI-BOM (see contracts). */
export const BOM_METHOD = 'aiPosture/bom';
export const BOM_CHANGED_METHOD = 'aiPosture/bomChanged';
export const EXPORT_BOM_METHOD = 'aiPosture/exportBom';

/** The code action kind for fixing everything in a file. */
export const FIX_ALL_KIND = 'source.fixAll.ai-posture';

export { DOCS_BASE_URL, ruleDocsUrl } from '../engine/docs';
