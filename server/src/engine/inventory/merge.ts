import { folderOf } from '../project';
import { confirmServerImages } from './builtMcpServers';
import { property, purlFor } from './components';
import { MUST_EXIST } from './datasets';
import { resolveProjectReferences } from './dotnetProjects';
import { addImpliedServices } from './impliedServices';
import { confirmKeyNamedServices } from './keyConfirmation';
import { alignCodeServers } from './mcpServerCode';
import { resolveModelWrappers } from './modelWrappers';
import { keepPluginFacts, rememberPluginFacts } from './pluginFacts';
import { resolvePromptFileRefs } from './promptFiles';
import {
  type AiBom,
  type AiComponent,
  COMPONENT_KINDS,
  type EvidenceKind,
  type Occurrence,
  type PartialComponent,
  type PartialInventory,
  type Property,
} from './types';
import { confirmWorkspacePackages } from './workspacePackages';

/**
 * What one manifest or lockfile entry declared (its version, range and where the version came
 * from), kept beside the BOM rather than in it: the BOM has one version per component, while a
 * rule that judges each declaration (AIP901 in a monorepo with several manifests) needs each.
 */
export interface Declaration {
  version?: string;
  range?: string;
  source: 'lockfile' | 'manifest';
}

const declarations = new WeakMap<Occurrence, Declaration>();

/** The declaration behind a manifest or lockfile occurrence of a merged BOM, when the merge saw it. */
export function declarationAt(occurrence: Occurrence): Declaration | undefined {
  return declarations.get(occurrence);
}

/** Keeps a declaration with an occurrence that was copied (a BOM rebased under a folder prefix). */
export function keepDeclaration(from: Occurrence, to: Occurrence): Occurrence {
  const declaration = declarations.get(from);
  if (declaration) declarations.set(to, declaration);
  keepPluginFacts(from, to);
  return to;
}

function rememberDeclarations(part: PartialComponent): void {
  for (const occurrence of part.occurrences) {
    // A rebased BOM (several folders) is merged again: its occurrences already carry theirs.
    if ((occurrence.evidence !== 'manifest' && occurrence.evidence !== 'lockfile') || declarations.has(occurrence)) continue;
    const source = part.versionSource === 'lockfile' || occurrence.evidence === 'lockfile' ? 'lockfile' : 'manifest';
    declarations.set(occurrence, {
      ...(part.version ? { version: part.version } : {}),
      ...(part.versionRange ? { range: part.versionRange } : {}),
      source,
    });
  }
}

/**
 * Folds per-file partial inventories into one BOM. The result does not depend on the order the
 * partials arrive in: each component's parts are sorted by where they were found before any
 * "first wins" choice, and every list in the output is sorted.
 */
export function mergeInventory(partials: Iterable<PartialInventory>): AiBom {
  const groups = new Map<string, PartialComponent[]>();
  for (const partial of alignCodeServers(
    confirmServerImages(resolveProjectReferences(resolvePromptFileRefs(resolveModelWrappers([...partials])))),
  )) {
    for (const component of partial.components) {
      const group = groups.get(component.ref);
      if (group) group.push(component);
      else groups.set(component.ref, [component]);
    }
  }
  rememberPluginFacts(groups);
  addImpliedServices(groups);
  confirmKeyNamedServices(groups);
  confirmWorkspacePackages(groups);
  const components: AiComponent[] = [];
  for (const parts of groups.values()) {
    // Constraints, central versions and conditional packages never create a component alone.
    if (parts.every((part) => part.candidate)) continue;
    parts.sort(compareParts);
    components.push(mergeGroup(parts));
  }
  const refs = new Set(components.map((component) => component.ref));
  for (const component of components) {
    component.dependsOn = [...new Set(component.dependsOn)].filter((ref) => ref !== component.ref && refs.has(ref)).sort();
  }
  components.sort(compareComponents);
  return { components };
}

const EVIDENCE_ORDER: EvidenceKind[] = ['lockfile', 'manifest', 'config', 'import', 'call', 'constant', 'endpoint', 'file'];

function compareParts(a: PartialComponent, b: PartialComponent): number {
  const first = compareOccurrences(a.occurrences[0], b.occurrences[0]);
  if (first !== 0) return first;
  const left = JSON.stringify(a);
  const right = JSON.stringify(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

export function compareOccurrences(a: Occurrence | undefined, b: Occurrence | undefined): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  return (
    compareText(a.path, b.path) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    EVIDENCE_ORDER.indexOf(a.evidence) - EVIDENCE_ORDER.indexOf(b.evidence) ||
    compareText(a.symbol ?? '', b.symbol ?? '')
  );
}

function compareComponents(a: AiComponent, b: AiComponent): number {
  return COMPONENT_KINDS.indexOf(a.kind) - COMPONENT_KINDS.indexOf(b.kind) || compareText(a.name, b.name) || compareText(a.ref, b.ref);
}

/** Code-unit order, so output does not depend on the process locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function mergeGroup(parts: PartialComponent[]): AiComponent {
  const first = parts[0];
  const merged: AiComponent = {
    ref: first.ref,
    kind: first.kind,
    name: first.name,
    occurrences: uniqueOccurrences(parts.flatMap((part) => part.occurrences)),
    properties: [],
    dependsOn: parts.flatMap((part) => part.dependsOn),
  };
  const pick = <K extends keyof AiComponent>(key: K) => parts.find((part) => part[key] !== undefined)?.[key];
  for (const key of [
    'provider',
    'purl',
    'description',
    'ecosystem',
    'category',
    'trustZone',
    'transport',
    'sha256',
    'size',
    'format',
  ] as const) {
    const value = pick(key);
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  const endpoints = [...new Set(parts.flatMap((part) => part.endpoints ?? []))].sort(compareText);
  if (endpoints.length > 0 || parts.some((part) => part.endpoints)) merged.endpoints = endpoints;
  const properties = parts.flatMap((part) => part.properties);
  // A data file one reader names for certain (an upload for fine-tuning) exists whatever other readers guessed.
  const mustExist = (entry: Property) => entry.name === `ai-posture:${MUST_EXIST}`;
  if (first.kind === 'dataset' && !parts.every((part) => part.properties.some(mustExist)))
    properties.splice(0, properties.length, ...properties.filter((entry) => !mustExist(entry)));
  if (first.kind === 'sdk') for (const part of parts) rememberDeclarations(part);
  if (first.kind === 'sdk') mergeSdk(parts, merged, properties);
  else {
    const version = pick('version');
    if (version !== undefined) merged.version = version;
  }
  merged.properties = uniqueProperties(properties);
  return merged;
}

/** Lockfile versions win over manifest pins; ranges and a declared/transitive/undeclared verdict become properties. */
function mergeSdk(parts: PartialComponent[], merged: AiComponent, properties: Property[]): void {
  const governing = byGovernance(parts);
  const locked = governing.filter((part) => part.version && part.versionSource === 'lockfile');
  const pinned = governing.filter((part) => part.version && part.versionSource !== 'lockfile');
  const chosen = (locked[0] ?? pinned[0])?.version;
  if (chosen) merged.version = chosen;
  const versions = new Set((locked.length > 0 ? locked : pinned).map((part) => part.version as string));
  if (versions.size > 1) for (const version of versions) properties.push(property('version:seen', version));
  for (const part of parts) if (part.versionRange) properties.push(property('version:range', part.versionRange));
  // Manifests that disagree: each version (or range) with the file that says it.
  const stated = parts.filter((part) => part.version || part.versionRange);
  if (new Set(stated.map((part) => part.version ?? part.versionRange)).size > 1) {
    for (const part of stated)
      properties.push(property('version:manifest', `${part.version ?? part.versionRange} (${part.occurrences[0]?.path})`));
  }
  if (merged.ecosystem) merged.purl = purlFor(merged.ecosystem, merged.name, chosen);
  const declared = parts.filter(
    (part) => !part.candidate && (part.occurrences[0]?.evidence === 'manifest' || part.occurrences[0]?.evidence === 'lockfile'),
  );
  let dependency: string | undefined;
  if (declared.some((part) => (part.occurrences[0].evidence === 'manifest' && part.transitive !== true) || part.transitive === false)) {
    dependency = 'direct';
  } else if (declared.length > 0 && declared.every((part) => part.transitive === true)) dependency = 'transitive';
  else if (declared.length === 0) dependency = 'undeclared';
  // An SDK used in code that no manifest or lockfile declares is "shadow AI".
  if (dependency) properties.push(property('dependency', dependency));
}

/**
 * Parts ordered by how much of the code using the SDK they govern: a manifest governs the code in
 * its folder and below, unless a nearer manifest of the same SDK does. So the version comes from the
 * project's own `pyproject.toml`, not from the first example's `requirements.txt` in path order.
 * Ties (and SDKs not seen in code): the shallowest manifest, then path order.
 */
function byGovernance(parts: PartialComponent[]): PartialComponent[] {
  const declared = parts.filter((part) => part.occurrences[0]?.evidence === 'manifest' || part.occurrences[0]?.evidence === 'lockfile');
  const folders = [...new Set(declared.map((part) => folderOf(part.occurrences[0]?.path ?? '')))];
  const governed = new Map<string, number>();
  for (const part of parts) {
    for (const occurrence of part.occurrences) {
      if (occurrence.evidence !== 'import' && occurrence.evidence !== 'call') continue;
      const folder = nearestFolder(occurrence.path, folders);
      if (folder !== undefined) governed.set(folder, (governed.get(folder) ?? 0) + 1);
    }
  }
  const weight = (part: PartialComponent) => governed.get(folderOf(part.occurrences[0]?.path ?? '')) ?? 0;
  const depth = (part: PartialComponent) => (part.occurrences[0]?.path ?? '').split('/').length;
  return [...parts].sort((a, b) => weight(b) - weight(a) || depth(a) - depth(b));
}

/** The deepest of `folders` that holds `path` ('' is the root). */
function nearestFolder(path: string, folders: string[]): string | undefined {
  let best: string | undefined;
  for (const folder of folders) {
    const holds = folder === '' || path.startsWith(`${folder}/`);
    if (holds && (best === undefined || folder.length > best.length)) best = folder;
  }
  return best;
}

function uniqueOccurrences(occurrences: Occurrence[]): Occurrence[] {
  const seen = new Map<string, Occurrence>();
  for (const occurrence of occurrences) {
    const key = `${occurrence.path}\u0000${occurrence.line ?? ''}\u0000${occurrence.evidence}\u0000${occurrence.symbol ?? ''}`;
    if (!seen.has(key)) seen.set(key, occurrence);
  }
  return [...seen.values()].sort(compareOccurrences);
}

function uniqueProperties(properties: Property[]): Property[] {
  const seen = new Map<string, Property>();
  for (const entry of properties) seen.set(`${entry.name}\u0000${entry.value}`, entry);
  return [...seen.values()].sort((a, b) => compareText(a.name, b.name) || compareText(a.value, b.value));
}
