import type { Occurrence, PartialComponent } from './types';

/**
 * What an AI plugin manifest says about who may call its API and what the API can change, kept
 * beside the AI-BOM (like manifest declarations in `merge.ts`): the BOM lists the plugin and its
 * auth type; a workspace rule (AIP608) needs where each value is written and the write operations
 * of the OpenAPI description the manifest references, which is another file. The collectors put
 * these facts on their partial components (plain data, so they survive the cache and worker
 * threads); the merge remembers them by occurrence and joins each runtime to its description.
 */

/** A value as written in a manifest: its text and its 1-based line (a workspace rule reports on lines). */
export interface ValueSite {
  value: string;
  line: number;
}

/** An OpenAPI operation that changes state (POST, PUT, PATCH, DELETE). */
export interface ApiOperation {
  method: string;
  path: string;
  operationId?: string;
}

export interface PluginRuntime {
  /** `auth.type` (`None`, `OAuthPluginVault`, …; `none`, `oauth`, … in OpenAI plugins). */
  auth: ValueSite;
  /** The workspace-relative OpenAPI description the runtime calls, when it is a workspace file. */
  spec?: string;
  /** `run_for_functions`: the functions this runtime serves (wildcards allowed); all when absent. */
  runFor?: string[];
  /** Write operations of the description (inline `api_description`, or joined by the merge). */
  writeOperations?: ApiOperation[];
}

export interface PluginFunction {
  name: string;
  /** `capabilities.confirmation.type` as written. */
  confirmation?: ValueSite;
  /** `capabilities.confirmation.isNonConsequential` when written `true`. */
  nonConsequential?: ValueSite;
  /** `capabilities.security_info.data_handling`. */
  dataHandling: string[];
}

export interface PluginFacts {
  runtimes?: PluginRuntime[];
  functions?: PluginFunction[];
  /** On an OpenAPI description's own (candidate) part: its write operations. */
  writeOperations?: ApiOperation[];
}

/** The ref of the candidate part an OpenAPI description contributes; it never becomes a component. */
export function apiDescriptionRef(path: string): string {
  return `plugin:api/${path}`;
}

const factsByOccurrence = new WeakMap<Occurrence, PluginFacts>();

/** The facts of the plugin manifest an occurrence of a merged AI-BOM points at, when the merge saw them. */
export function pluginFactsAt(occurrence: Occurrence): PluginFacts | undefined {
  return factsByOccurrence.get(occurrence);
}

/** Keeps the facts with an occurrence that was copied (a BOM rebased under a folder prefix). */
export function keepPluginFacts(from: Occurrence, to: Occurrence): void {
  const facts = factsByOccurrence.get(from);
  if (facts) factsByOccurrence.set(to, facts);
}

/**
 * Gives each runtime of the plugin parts the write operations of the description it references
 * (found among the partials of the same merge), then remembers the facts by occurrence.
 */
export function rememberPluginFacts(groups: ReadonlyMap<string, PartialComponent[]>): void {
  for (const parts of groups.values()) {
    for (const part of parts) {
      if (!part.pluginFacts?.runtimes) continue;
      const runtimes = part.pluginFacts.runtimes.map((runtime) => withDescription(runtime, groups));
      const facts: PluginFacts = { ...part.pluginFacts, runtimes };
      // A rebased BOM (several folders) is merged again: its occurrences already carry theirs.
      for (const occurrence of part.occurrences) if (!factsByOccurrence.has(occurrence)) factsByOccurrence.set(occurrence, facts);
    }
  }
}

function withDescription(runtime: PluginRuntime, groups: ReadonlyMap<string, PartialComponent[]>): PluginRuntime {
  if (runtime.writeOperations || !runtime.spec) return runtime;
  const description = groups.get(apiDescriptionRef(runtime.spec))?.find((part) => part.pluginFacts?.writeOperations);
  const writeOperations = description?.pluginFacts?.writeOperations;
  return writeOperations ? { ...runtime, writeOperations } : runtime;
}
