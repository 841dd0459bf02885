/**
 * The engine's public surface. The CLI and the language server import from here only.
 * Architecture invariant: no `vscode` and no LSP imports anywhere under `engine/` (lint-enforced).
 */

export { bundledDataSummary } from './advisories/advisories';
export { type AnalyzeInput, type AnalyzeOptions, analyzeFile, compareFindings, enabledRules } from './analyze';
export { analyzeModelFile, type WorkspaceRuleOptions, withWorkspaceFindings } from './analyzeKinds';
export { AnalysisCache, contentHash } from './cache';
export {
  CONFIG_FILE_NAME,
  ConfigError,
  defaultConfig,
  type EditorSettings,
  findConfigFile,
  loadConfigFile,
  parseConfigText,
  type ResolvedConfig,
  withEditorSettings,
} from './config/config';
export { DOCS_BASE_URL, PRODUCT, ruleDocsUrl } from './docs';
export { appendLineInsertion, applyEdits, bulkAppends, bulkFixEdits, type FixSelection, isBulkApplicable, safeFixEdits } from './fix';
export { BomBuilder } from './inventory/bomBuilder';
export { catalogSize, providerDisplayName } from './inventory/catalog';
export { collectFromFile } from './inventory/collect';
export { type FindingSpots, findingSpots, MCP_FINDINGS_PROPERTY, withMcpFindingCounts } from './inventory/componentFindings';
export { mergeInventory } from './inventory/merge';
export { type ModelFileInfo, modelFileInfo } from './inventory/modelFiles';
export { mergeTargetBoms, rebaseBom } from './inventory/multiRoot';
export type {
  AiBom,
  AiComponent,
  ComponentKind,
  Ecosystem,
  EvidenceKind,
  Occurrence,
  PartialInventory,
  Property,
} from './inventory/types';
export { documentTrees } from './parse/documentTrees';
export { preloadGrammars } from './parse/treeSitter';
export { type ProjectContext, projectContextOf } from './project';
export { projectAround, requirementsAround } from './projectRequirements';
export { refineWithProject } from './refine';
export {
  type BomDiff,
  type BomEntry,
  bomDiff,
  bomEntries,
  type CycloneDxOptions,
  cycloneDxJson,
  toCycloneDx,
} from './report/cyclonedx';
export {
  countFindings,
  formatJson,
  type JsonFinding,
  type JsonReport,
  type Region,
  reportFindings,
  reportNotices,
  type ScanReport,
  type SeverityCounts,
  toJsonReport,
  toRegion,
} from './report/json';
export { FINGERPRINT_KEY, formatSarif, SARIF_SCHEMA_URI, sarifLevel, toSarif } from './report/sarif';
export { formatFindingLine, formatNoticeLine, formatText, type TextOptions } from './report/text';
export { allRuleMetas, allRules, byteRules, ruleMeta, textRules, workspaceRules } from './rules/index';
export {
  analyzeWorkspaceFile,
  collectWorkspaceFile,
  type PipelineStats,
  type ScanOptions,
  type ScanStats,
  scanWorkspace,
  type WorkspaceScan,
  workspaceTextReader,
} from './scan';
export { type FileTask, runFileTask, type TaskOutcome, type TaskSettings } from './scan/fileTask';
export { inForeground } from './scan/foreground';
export { defaultJobs } from './scan/pool';
export { isoToday } from './suppress/apply';
export { ignoreCommentEdit } from './suppress/comments';
export { decodeBytes, encodeText, type TextEncoding } from './text/decode';
export { LineIndex } from './text/lineIndex';
export * from './types';
export {
  discoveredKindOf,
  discoverFiles,
  isDiscoverable,
  isModelFilePath,
  MODEL_FILE_EXTENSIONS,
  SAVED_MODEL_GLOBS,
} from './workspace/discover';
export { analysedFileGlobs, fileKindOf } from './workspace/fileKinds';
