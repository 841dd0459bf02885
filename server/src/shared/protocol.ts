/**
 * The custom part of the protocol between the AI Posture client and server, typed once and
 * compiled into both bundles. Plain method names and payload types only: no runtime imports, so
 * the client and the server each wrap them with their own LSP library.
 */
import type { AiComponent } from '../engine/inventory/types';

export type { AiComponent, ComponentKind, Occurrence } from '../engine/inventory/types';

/** `aiPosture/rescan` (request): rescans every workspace folder; resolves when done. */
export const RESCAN_METHOD = 'aiPosture/rescan';
export interface RescanResult {
  filesAnalysed: number;
  findings: number;
  durationMs: number;
  cancelled: boolean;
  /** Files answered from the content cache (kept in the extension's storage between sessions). */
  cacheHits?: number;
}

/** `initializationOptions` the VS Code client sends with `initialize`. */
export interface InitializationOptions {
  /** The extension's workspace storage folder: each folder's analysis cache is kept there between sessions. */
  storagePath?: string;
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

/** `aiPosture/recommendations` (request, no params or `{folderUri}`): findings grouped by rule. */
export const RECOMMENDATIONS_METHOD = 'aiPosture/recommendations';

export interface SeverityCounts {
  error: number;
  warning: number;
  information: number;
  hint: number;
}

/** One place a recommendation applies to (an unsuppressed finding). */
export interface RecommendationPlace {
  uri: string;
  /** Workspace-relative path for display. */
  path: string;
  /** Zero-based, as in LSP. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  fixable: boolean;
  /** In test code: listed after the other places, under its own heading. */
  testCode?: boolean;
}

/** Findings of one rule across the workspace, shaped like a Defender for Cloud recommendation. */
export interface Recommendation {
  ruleId: string;
  name: string;
  title: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  /** Rule family, e.g. `AIP1xx`. */
  family: string;
  explanation: string;
  remediation: string;
  owasp: string[];
  cwe: string[];
  atlas: string[];
  docsUrl: string;
  /** True when at least one place has a safe (non-snippet) fix. */
  fixable: boolean;
  places: RecommendationPlace[];
}

export interface RecommendationsResult {
  recommendations: Recommendation[];
  /** Rules that apply to the workspace's file kinds and have no open finding (for the posture score). */
  healthyRules: { ruleId: string; title: string; severity: Recommendation['severity'] }[];
  /** False while the first workspace scan is still running. */
  complete: boolean;
}

/** `aiPosture/bom` (request, `BomParams`): the AI-BOM model of the workspace (see contracts). */
export const BOM_METHOD = 'aiPosture/bom';
/** `aiPosture/bomChanged` (notification, debounced): the BOM differs from the last one sent. */
export const BOM_CHANGED_METHOD = 'aiPosture/bomChanged';
/** `aiPosture/exportBom` (request, `ExportBomParams`): CycloneDX 1.6 JSON text. */
export const EXPORT_BOM_METHOD = 'aiPosture/exportBom';

export interface BomParams {
  /** Limit to one workspace folder; all folders when absent. */
  folderUri?: string;
}

/** An AI-BOM component as the editor shows it: the engine's component plus where and how risky. */
export interface BomComponent extends AiComponent {
  folderUri: string;
  /** The provider's display name (`Azure OpenAI` for `azure-openai`), when the component has a provider. */
  providerName?: string;
  /**
   * Unsuppressed findings on the component's occurrences: a finding counts when it is on the line of
   * one of its occurrences, or anywhere in the file for file-level components (model files, prompts,
   * plugin configs without a line).
   */
  findingCounts: SeverityCounts;
}

export interface BomResult {
  components: BomComponent[];
  /** False while the first workspace scan is still running. */
  complete: boolean;
  /** False while an enabled folder has never been scanned (with `scanOnStartup` off, until a scan). */
  scanned: boolean;
}

export interface BomChangedParams {
  added: number;
  removed: number;
}

export interface ExportBomParams {
  folderUri?: string;
  /** Omit serial number and timestamp, for reproducible output. */
  deterministic?: boolean;
}

/** `aiPosture/fixAll` (request, `FixAllParams`): every safe fix of a rule across the workspace as a workspace edit. */
export const FIX_ALL_METHOD = 'aiPosture/fixAll';
export interface FixAllParams {
  ruleId?: string;
}

/** The code action kind for fixing everything in a file. */
export const FIX_ALL_KIND = 'source.fixAll.ai-posture';

/** `aiPosture/rules` (request, no params): every rule the server knows, for pickers and docs links. */
export const RULES_METHOD = 'aiPosture/rules';
export interface RuleSummary {
  id: string;
  /** Slug, e.g. `unsafe-torch-load`. */
  name: string;
  title: string;
  defaultSeverity: 'error' | 'warning' | 'information' | 'hint';
  fixable: boolean;
  /** The rule's section in the online `docs/rules.md` (anchor `#aipnnn`). */
  docsUrl: string;
}

export { DOCS_BASE_URL, ruleDocsUrl } from '../engine/docs';
