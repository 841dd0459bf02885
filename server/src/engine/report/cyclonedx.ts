/**
 * The AI-BOM as CycloneDX 1.6 JSON, and the diff of two BOMs for `--baseline`.
 *
 * Mapping (see `docs/ai-bom.md`): SDKs → `library`; models and model files →
 * `machine-learning-model` (files with SHA-256 `hashes`); local MCP servers and plugin manifests →
 * `application`; prompts and datasets → `data` with `data[].type` `configuration` / `dataset`;
 * AI services and remote MCP servers → `services[]`. Every component carries
 * `evidence.occurrences`; services (which have no `evidence` in 1.6) carry one
 * `ai-posture:occurrence` property per place. `dependencies[]` links the workspace to what it uses
 * and each SDK to the models and services it calls.
 *
 * Built from plain objects: `@cyclonedx/cyclonedx-library` 10.x models have no
 * `evidence.occurrences`, service `endpoints`/`trustZone`/`data`, `modelCard` or component `data`,
 * so it would drop most of the AI-BOM. Tests validate the output against the library's bundled
 * official 1.6 schema instead.
 */
import { randomUUID } from 'node:crypto';
import { PRODUCT } from '../docs';
import { providerDisplayName } from '../inventory/catalog';
import { compareText } from '../inventory/merge';
import type { AiBom, AiComponent, Occurrence, Property } from '../inventory/types';

export interface CycloneDxOptions {
  /** Name of the scanned workspace, for `metadata.component`. */
  workspaceName: string;
  toolVersion: string;
  /** Omit `serialNumber` and `metadata.timestamp` so the same inventory gives byte-identical output. */
  deterministic?: boolean;
  /** ISO timestamp (defaults to now) when not deterministic. */
  timestamp?: string;
}

type Json = Record<string, unknown>;

export const WORKSPACE_REF = 'workspace';
const KIND_PROPERTY = 'ai-posture:kind';

/** The CycloneDX document as an object (stable key and array order). */
export function toCycloneDx(bom: AiBom, options: CycloneDxOptions): Json {
  const components: Json[] = [];
  const services: Json[] = [];
  for (const component of bom.components) {
    if (isService(component)) services.push(serviceOf(component));
    else components.push(componentOf(component));
  }
  const document: Json = { bomFormat: 'CycloneDX', specVersion: '1.6' };
  if (!options.deterministic) document.serialNumber = `urn:uuid:${randomUUID()}`;
  document.version = 1;
  const metadata: Json = {};
  if (!options.deterministic) metadata.timestamp = options.timestamp ?? new Date().toISOString();
  metadata.tools = {
    components: [
      {
        type: 'application',
        name: PRODUCT.name,
        version: options.toolVersion,
        externalReferences: [{ type: 'website', url: PRODUCT.informationUri }],
      },
    ],
  };
  metadata.component = { type: 'application', 'bom-ref': WORKSPACE_REF, name: options.workspaceName };
  document.metadata = metadata;
  document.components = components;
  document.services = services.sort(
    (a, b) => compareText(String(a.name), String(b.name)) || compareText(String(a['bom-ref']), String(b['bom-ref'])),
  );
  document.dependencies = dependenciesOf(bom);
  return document;
}

/** The CycloneDX JSON text, two-space indented with a final newline. */
export function cycloneDxJson(bom: AiBom, options: CycloneDxOptions): string {
  return `${JSON.stringify(toCycloneDx(bom, options), null, 2)}\n`;
}

function isService(component: AiComponent): boolean {
  return component.kind === 'service' || (component.kind === 'plugin' && (component.transport === 'http' || component.transport === 'sse'));
}

function componentOf(component: AiComponent): Json {
  const json: Json = { type: componentType(component), 'bom-ref': component.ref };
  if (component.provider && (component.kind === 'model' || component.kind === 'dataset')) {
    json.supplier = { name: providerDisplayName(component.provider) };
  }
  Object.assign(json, nameAndGroup(component));
  if (component.version) json.version = component.version;
  if (component.description) json.description = component.description;
  if (component.sha256) json.hashes = [{ alg: 'SHA-256', content: component.sha256 }];
  if (component.purl) json.purl = component.purl;
  const task = component.properties.find((entry) => entry.name === 'ai-posture:task')?.value;
  const architecture = component.properties.find((entry) => entry.name === 'ai-posture:modelFile:architecture')?.value;
  if (task || architecture) {
    json.modelCard = { modelParameters: { ...(task ? { task } : {}), ...(architecture ? { modelArchitecture: architecture } : {}) } };
  }
  if (component.kind === 'prompt') json.data = [{ type: 'configuration', name: baseName(component.name) }];
  if (component.kind === 'dataset') json.data = [{ type: 'dataset', name: component.name }];
  json.properties = propertiesOf(component);
  json.evidence = { occurrences: component.occurrences.map(occurrenceOf) };
  return json;
}

function componentType(component: AiComponent): string {
  switch (component.kind) {
    case 'sdk':
      return 'library';
    case 'model':
    case 'modelFile':
      return 'machine-learning-model';
    case 'plugin':
      return 'application';
    default:
      return 'data';
  }
}

/** npm scopes and Maven groupIds go to `group`, as CycloneDX generators for those ecosystems do. */
function nameAndGroup(component: AiComponent): { group?: string; name: string } {
  if (component.kind === 'sdk' && component.ecosystem === 'maven' && component.name.includes(':')) {
    const [group, name] = component.name.split(':');
    return { group, name };
  }
  if (component.kind === 'sdk' && component.ecosystem === 'npm' && component.name.startsWith('@') && component.name.includes('/')) {
    const cut = component.name.indexOf('/');
    return { group: component.name.slice(0, cut), name: component.name.slice(cut + 1) };
  }
  return { name: component.name };
}

function serviceOf(component: AiComponent): Json {
  const json: Json = { 'bom-ref': component.ref };
  if (component.provider) json.provider = { name: providerDisplayName(component.provider) };
  json.name = component.name;
  if (component.version) json.version = component.version;
  if (component.endpoints && component.endpoints.length > 0) json.endpoints = component.endpoints;
  const headers = component.properties.filter((entry) => entry.name === 'ai-posture:mcp:header').map((entry) => entry.value.toLowerCase());
  if (headers.some((name) => name === 'authorization' || name.includes('key') || name.includes('token'))) json.authenticated = true;
  if (component.trustZone) {
    json['x-trust-boundary'] = component.trustZone !== 'local';
    json.trustZone = component.trustZone;
  }
  // What crosses the boundary: prompts out, completions (or tool results) back.
  json.data = [{ flow: 'bi-directional', classification: component.kind === 'plugin' ? 'mcp-tool-calls' : 'ai-prompts-and-completions' }];
  const properties = propertiesOf(component);
  for (const occurrence of component.occurrences) {
    properties.push({ name: 'ai-posture:occurrence', value: occurrence.line ? `${occurrence.path}:${occurrence.line}` : occurrence.path });
  }
  json.properties = properties;
  return json;
}

function propertiesOf(component: AiComponent): Property[] {
  const properties: Property[] = [{ name: KIND_PROPERTY, value: component.kind }];
  if (component.provider) properties.push({ name: 'ai-posture:provider', value: component.provider });
  if (component.ecosystem) properties.push({ name: 'ai-posture:ecosystem', value: component.ecosystem });
  if (component.transport) properties.push({ name: 'ai-posture:transport', value: component.transport });
  if (component.size !== undefined) properties.push({ name: 'ai-posture:modelFile:size', value: String(component.size) });
  const own = component.properties.filter((entry) => !properties.some((other) => other.name === entry.name && other.value === entry.value));
  return [...properties, ...own];
}

function occurrenceOf(occurrence: Occurrence): Json {
  const json: Json = { location: occurrence.path };
  if (occurrence.line !== undefined) json.line = occurrence.line;
  if (occurrence.symbol) json.symbol = occurrence.symbol;
  json.additionalContext = occurrence.evidence;
  return json;
}

/** One entry per component and service (empty `dependsOn` included), the workspace first. */
function dependenciesOf(bom: AiBom): Json[] {
  const used = new Set(bom.components.flatMap((component) => component.dependsOn));
  const roots = bom.components.filter((component) => !used.has(component.ref)).map((component) => component.ref);
  const entries = bom.components
    .map((component) => ({ ref: component.ref, dependsOn: [...component.dependsOn].sort(compareText) }))
    .sort((a, b) => compareText(a.ref, b.ref));
  return [{ ref: WORKSPACE_REF, dependsOn: roots.sort(compareText) }, ...entries];
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

// ---------------------------------------------------------------------------------------------
// Baseline diff

/** One AI-BOM entry as the diff sees it. */
export interface BomEntry {
  /** Identity across versions: the purl without version, else `kind:name`. */
  key: string;
  kind: string;
  name: string;
  version?: string;
  purl?: string;
  /** SHA-256 of a model file or prompt: content changes show as `changed`. */
  hash?: string;
}

export interface BomDiff {
  added: BomEntry[];
  removed: BomEntry[];
  /** Same identity, different version or content hash. */
  changed: { before: BomEntry; after: BomEntry }[];
}

/**
 * Compares two BOMs. Each side may be CycloneDX JSON text, a parsed CycloneDX document (ours or
 * another tool's), or an `AiBom`. Entries are matched by purl without version, else kind and name.
 */
export function bomDiff(baseline: unknown, current: unknown): BomDiff {
  const before = indexEntries(bomEntries(baseline));
  const after = indexEntries(bomEntries(current));
  const diff: BomDiff = { added: [], removed: [], changed: [] };
  for (const [key, entry] of after) {
    const old = before.get(key);
    if (!old) diff.added.push(entry);
    else if (old.version !== entry.version || old.hash !== entry.hash) diff.changed.push({ before: old, after: entry });
  }
  for (const [key, entry] of before) if (!after.has(key)) diff.removed.push(entry);
  const byKey = (a: BomEntry, b: BomEntry) => compareText(a.key, b.key);
  diff.added.sort(byKey);
  diff.removed.sort(byKey);
  diff.changed.sort((a, b) => byKey(a.after, b.after));
  return diff;
}

function indexEntries(entries: BomEntry[]): Map<string, BomEntry> {
  const index = new Map<string, BomEntry>();
  for (const entry of entries) if (!index.has(entry.key)) index.set(entry.key, entry);
  return index;
}

/** The entries of a BOM in any of the accepted shapes. */
export function bomEntries(bom: unknown): BomEntry[] {
  const value = typeof bom === 'string' ? (JSON.parse(bom) as unknown) : bom;
  if (!value || typeof value !== 'object') throw new Error('not a BOM: expected CycloneDX JSON or an AI-BOM');
  const object = value as Json;
  if (object.bomFormat === 'CycloneDX') {
    const entries: BomEntry[] = [];
    const walk = (list: unknown, service: boolean) => {
      for (const item of Array.isArray(list) ? (list as Json[]) : []) {
        entries.push(cdxEntry(item, service));
        walk(item.components, false);
        walk(item.services, true);
      }
    };
    walk(object.components, false);
    walk(object.services, true);
    return entries;
  }
  if (Array.isArray(object.components)) return (object.components as AiComponent[]).map(aiEntry);
  throw new Error('not a BOM: expected CycloneDX JSON or an AI-BOM');
}

function aiEntry(component: AiComponent): BomEntry {
  return entry(component.kind, component.name, component.version, component.purl, component.sha256, component.provider);
}

function cdxEntry(item: Json, service: boolean): BomEntry {
  const properties = Array.isArray(item.properties) ? (item.properties as Property[]) : [];
  const kind = properties.find((entry) => entry.name === KIND_PROPERTY)?.value ?? kindOfType(item, service);
  const group = typeof item.group === 'string' && item.group ? item.group : undefined;
  const plain = String(item.name ?? '');
  // Our own documents split npm scopes and Maven groups; join them back to the inventory name.
  const name = group ? (group.startsWith('@') ? `${group}/${plain}` : `${group}:${plain}`) : plain;
  const hashes = Array.isArray(item.hashes) ? (item.hashes as Json[]) : [];
  const sha256 = hashes.find((hash) => hash.alg === 'SHA-256')?.content;
  return entry(
    kind,
    name,
    typeof item.version === 'string' ? item.version : undefined,
    typeof item.purl === 'string' ? item.purl : undefined,
    typeof sha256 === 'string' ? sha256 : undefined,
    properties.find((entry) => entry.name === 'ai-posture:provider')?.value,
  );
}

function kindOfType(item: Json, service: boolean): string {
  if (service) return 'service';
  switch (item.type) {
    case 'library':
    case 'framework':
      return 'sdk';
    case 'machine-learning-model':
      return Array.isArray(item.hashes) ? 'modelFile' : 'model';
    case 'application':
      return 'plugin';
    case 'data': {
      const data = Array.isArray(item.data) ? (item.data as Json[]) : [];
      return data.some((entry) => entry.type === 'dataset') ? 'dataset' : 'prompt';
    }
    default:
      return String(item.type ?? 'component');
  }
}

function entry(kind: string, name: string, version?: string, purl?: string, hash?: string, provider?: string): BomEntry {
  // A model id served by a new provider is a new dependency (`gpt-4o` moving from Azure OpenAI to OpenAI).
  const identity = kind === 'model' && provider ? `${provider}/${name}` : name;
  const key = purl ? `${kind}:${unversionedPurl(purl)}` : `${kind}:${identity}`;
  return { key, kind, name, ...(version ? { version } : {}), ...(purl ? { purl } : {}), ...(hash ? { hash } : {}) };
}

/** `pkg:npm/%40scope/name@1.0.0?x=y#sub` → `pkg:npm/%40scope/name`. */
export function unversionedPurl(purl: string): string {
  const bare = purl.replace(/[#?].*$/, '');
  const slash = bare.lastIndexOf('/');
  const at = bare.indexOf('@', slash + 1);
  return at > 0 ? bare.slice(0, at) : bare;
}
