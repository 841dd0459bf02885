/**
 * The AI-BOM model: what AI a workspace uses, where each piece was found, and how the pieces link.
 * Collectors produce partial inventories per file; `mergeInventory` folds them into one `AiBom`;
 * `report/cyclonedx.ts` renders it as CycloneDX 1.6.
 */

import type { PluginFacts } from './pluginFacts';

export type ComponentKind = 'sdk' | 'model' | 'modelFile' | 'service' | 'plugin' | 'prompt' | 'dataset';

/** Every kind, in the order the BOM lists them. */
export const COMPONENT_KINDS: readonly ComponentKind[] = ['sdk', 'model', 'modelFile', 'service', 'plugin', 'prompt', 'dataset'];

/** Package ecosystems, spelled as their package-url types. */
export type Ecosystem = 'pypi' | 'npm' | 'nuget' | 'maven' | 'golang' | 'cargo' | 'rubygems';

/** What kind of evidence an occurrence is. */
export type EvidenceKind = 'manifest' | 'lockfile' | 'import' | 'call' | 'config' | 'endpoint' | 'file' | 'constant';

/** One place a component was found. Lines are 1-based; a whole-file occurrence has no line. */
export interface Occurrence {
  /** Workspace-relative path with forward slashes. */
  path: string;
  line?: number;
  /** The last line of an entry that spans several (an MCP server's config entry), so its findings can be counted. */
  endLine?: number;
  evidence: EvidenceKind;
  /** The name as found there: an import, a callee, a variable, a dependency key. */
  symbol?: string;
  /**
   * Found on a commented-out line: an alternative the project offers (`// const MODEL = '…'` beside the
   * active one, `# OLLAMA_MODEL=…` in a `.env` template). Listed, but not used, so policy findings skip it.
   */
  commented?: boolean;
}

export interface Property {
  name: string;
  value: string;
}

export interface AiComponent {
  /** Stable identity and the CycloneDX `bom-ref`, e.g. `sdk:pypi/openai`, `model:openai/gpt-4o`. */
  ref: string;
  kind: ComponentKind;
  /** Full package name (`@anthropic-ai/sdk`, `dev.langchain4j:langchain4j`), model id, server name, path. */
  name: string;
  version?: string;
  /** A catalog provider id: `openai`, `azure-openai`, `anthropic`, `huggingface`, … */
  provider?: string;
  purl?: string;
  description?: string;
  occurrences: Occurrence[];
  /** Extra facts as `ai-posture:*` name/value pairs; a name may repeat with different values. */
  properties: Property[];
  /** Refs of the components this one uses (an SDK → the models and services it calls). */
  dependsOn: string[];
  /** Package ecosystem of SDKs and package-based plugins. */
  ecosystem?: Ecosystem;
  /** SDK category from the catalog (`llm-sdk`, `orchestration`, `vector-store`, …). */
  category?: string;
  /** Service and remote plugin endpoints (scheme, host and port only). */
  endpoints?: string[];
  trustZone?: string;
  /** Plugin transport. */
  transport?: 'stdio' | 'http' | 'sse';
  /** SHA-256 (hex) of a model file's bytes or a prompt file's text. */
  sha256?: string;
  size?: number;
  /** Model file format sniffed from its bytes. */
  format?: string;
}

export interface AiBom {
  components: AiComponent[];
}

/**
 * A component as one file sees it. The extra fields steer the merge and are dropped from the BOM.
 */
export interface PartialComponent extends AiComponent {
  /** Where `version` came from: a lockfile wins over a manifest pin. */
  versionSource?: 'lockfile' | 'manifest';
  /** A manifest range such as `^4.2.0` or `>=1.30`. */
  versionRange?: string;
  /**
   * Evidence that cannot create a component on its own: constraint files, central package versions,
   * dependency-management sections, and packages that are only AI when code shows it (boto3).
   */
  candidate?: boolean;
  /** A lockfile entry that is not a direct dependency of the project. */
  transitive?: boolean;
  /** A .NET project reference: the referenced project file's workspace path (`dotnetProjects.ts`), resolved by the merge. */
  projectReference?: string;
  /** A .NET project file's published package id, for the project references to it (`dotnetProjects.ts`). */
  projectFact?: boolean;
  /** Plugin manifests and OpenAPI descriptions: auth, confirmations and write operations with positions (`pluginFacts.ts`). */
  pluginFacts?: PluginFacts;
  /**
   * A prompt file code loads: the workspace paths it may be (nearest first), or the end of a path
   * looked up in a search path. The merge keeps it only when such a file exists (`promptFiles.ts`).
   */
  promptFile?: { candidates: string[]; suffix?: string };
  /** A model id passed to the workspace's own class or function: kept by the merge when its definition takes it (`modelWrappers.ts`). */
  wrapperCall?: WrapperCall;
}

/** Where a called wrapper may be defined (files, or package folders ending in `/`), and how the id was passed. */
export interface WrapperCall {
  targets: string[];
  name: string;
  keyword?: string;
  index?: number;
}

/** A class or function of a module that imports AI, with the parameters that take a model id. */
export interface ModelWrapperFact {
  path: string;
  name: string;
  keywords: string[];
  positions: number[];
  /** It takes `**kwargs`: a model-named keyword is handed on. */
  kwargs?: boolean;
}

/** A file that may be a prompt some code loads, with the SHA-256 of its text. */
export interface PromptFileFact {
  path: string;
  sha256: string;
}

/** A requirements file named by `-r`/`-c` in another one, to be read when discovery did not. */
export interface RequirementInclude {
  path: string;
  mode: 'requirements' | 'constraints';
}

export interface PartialInventory {
  components: PartialComponent[];
  includes?: RequirementInclude[];
  /** Collector failures for this file; the other collectors still ran. */
  notices?: string[];
  /** This file, when it may be a prompt that code loads (cross-file: resolved by the merge). */
  promptFiles?: PromptFileFact[];
  /** This file's wrappers of AI SDKs (cross-file: joined with the calls by the merge). */
  modelWrappers?: ModelWrapperFact[];
}
