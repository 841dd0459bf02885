import { PackageURL } from 'packageurl-js';
import type { ConfigNode } from '../parse/configDocument';
import { lookupPackage, normalizePackageName, type PackageInfo, serviceInfo, taskForModelId } from './catalog';
import { lineOf } from './manifestText';
import type { Ecosystem, Occurrence, PartialComponent, Property } from './types';

/**
 * Factories for partial components, so every collector spells refs, purls and properties the same
 * way. Refs are stable and readable: they double as CycloneDX `bom-ref`s.
 */

export const PROPERTY_PREFIX = 'ai-posture:';

export function property(name: string, value: string): Property {
  return { name: `${PROPERTY_PREFIX}${name}`, value };
}

export function sdkRef(ecosystem: Ecosystem, name: string): string {
  return `sdk:${ecosystem}/${normalizePackageName(ecosystem, name)}`;
}

/** A package-url; Maven names are `group:artifact`, npm scopes and Go paths become namespaces. */
export function purlFor(ecosystem: Ecosystem, name: string, version?: string): string {
  let namespace: string | undefined;
  let base = name;
  if (ecosystem === 'maven') [namespace, base] = name.split(':');
  else if ((ecosystem === 'npm' || ecosystem === 'golang') && name.includes('/')) {
    const cut = name.lastIndexOf('/');
    namespace = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  if (ecosystem === 'pypi') base = normalizePackageName('pypi', base);
  // The package-url type of RubyGems is `gem`.
  return new PackageURL(
    ecosystem === 'rubygems' ? 'gem' : ecosystem,
    namespace,
    base,
    version || undefined,
    undefined,
    undefined,
  ).toString();
}

export interface VersionEvidence {
  version?: string;
  versionSource?: 'lockfile' | 'manifest';
  versionRange?: string;
  candidate?: boolean;
  transitive?: boolean;
}

export function sdkComponent(info: PackageInfo, occurrence: Occurrence, evidence: VersionEvidence = {}): PartialComponent {
  const component: PartialComponent = {
    ref: sdkRef(info.ecosystem, info.name),
    kind: 'sdk',
    name: info.name,
    provider: info.provider,
    ecosystem: info.ecosystem,
    category: info.category,
    occurrences: [occurrence],
    properties: [property('category', info.category)],
    dependsOn: [],
  };
  if (evidence.version) {
    component.version = evidence.version;
    component.versionSource = evidence.versionSource ?? 'manifest';
  }
  if (evidence.versionRange) component.versionRange = evidence.versionRange;
  // Packages that are AI only with code evidence (boto3) wait for it.
  if (evidence.candidate || (info.conditional && occurrence.evidence !== 'call')) component.candidate = true;
  if (evidence.transitive !== undefined) component.transitive = evidence.transitive;
  return component;
}

/**
 * The project's own package when the catalog names it an AI package (`langgraph-supervisor` by the
 * `langgraph-*` rule, `mistralai-azure` in the Mistral client's monorepo): the repository publishes
 * that SDK, and its code is the SDK's source, so no import of it elsewhere says so.
 */
export function ownPackageComponent(ecosystem: Ecosystem, name: ConfigNode | undefined, path: string): PartialComponent[] {
  const info = name?.string ? lookupPackage(ecosystem, name.string) : undefined;
  // An app named by a catalog prefix (`langchain-rag-chatbot`) is no SDK; an MCP server package is a plugin already.
  if (!info || info.conditional || info.category === 'mcp' || APP_NAME.test(name?.string ?? '')) return [];
  const component = sdkComponent(info, { path, line: lineOf(name), evidence: 'manifest', symbol: 'name' });
  component.properties.push(property('sdk:source', 'workspace'));
  return [component];
}

/** Words that make a package name an application's, not a library's. */
const APP_NAME =
  /(?:^|[-_])(?:apps?|demo|examples?|tutorial|starter|template|quickstart|chatbot|bot|playground|workshop|course)(?:[-_]|$)/i;

export function modelRef(provider: string | undefined, id: string): string {
  return `model:${provider ?? 'unknown'}/${id}`;
}

/** A model referenced by id; hub models get a `pkg:huggingface` purl. */
export function modelComponent(id: string, provider: string | undefined, occurrence: Occurrence, extra: Property[] = []): PartialComponent {
  const component: PartialComponent = {
    ref: modelRef(provider, id),
    kind: 'model',
    name: id,
    occurrences: [occurrence],
    properties: [...extra],
    dependsOn: [],
  };
  if (provider) component.provider = provider;
  if (provider === 'huggingface') {
    const purl = huggingFacePurl(id);
    if (purl) component.purl = purl;
  }
  const task = taskForModelId(id);
  if (task && !extra.some((entry) => entry.name === `${PROPERTY_PREFIX}task`)) component.properties.push(property('task', task));
  return component;
}

function huggingFacePurl(id: string): string | undefined {
  const parts = id.split('/');
  if (parts.length > 2) return undefined;
  const [namespace, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  return new PackageURL('huggingface', namespace, name, undefined, undefined, undefined).toString();
}

export function serviceRef(serviceId: string): string {
  return `service:${serviceId}`;
}

/** A known service, with the endpoint it was reached at when one was seen. */
export function serviceComponent(serviceId: string, occurrence: Occurrence, endpoint?: string): PartialComponent | undefined {
  const info = serviceInfo(serviceId);
  if (!info) return undefined;
  return {
    ref: serviceRef(serviceId),
    kind: 'service',
    name: info.name,
    provider: info.provider,
    trustZone: info.trustZone,
    endpoints: endpoint ? [endpoint] : [],
    occurrences: [occurrence],
    properties: [],
    dependsOn: [],
  };
}

/** A model and the service that runs it (the service first, depending on the model); the model alone for an unknown service. */
export function withServingService(model: PartialComponent, serviceId: string, occurrence: Occurrence): PartialComponent[] {
  const service = serviceComponent(serviceId, occurrence);
  if (!service) return [model];
  service.dependsOn.push(model.ref);
  return [service, model];
}

/** A service known only by its endpoint (an AI gateway or self-hosted server behind a client). */
export function customEndpointService(origin: string, provider: string | undefined, occurrence: Occurrence): PartialComponent {
  const host = origin.replace(/^[a-z]+:\/\//, '');
  const local = /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|host\.docker\.internal)(?::|$)/.test(host);
  const component: PartialComponent = {
    ref: serviceRef(`endpoint/${host}`),
    kind: 'service',
    name: host,
    trustZone: local ? 'local' : 'external',
    endpoints: [origin],
    occurrences: [occurrence],
    properties: [property('service:custom-endpoint', 'true')],
    dependsOn: [],
  };
  if (provider) component.properties.push(property('service:api-compatible-with', provider));
  return component;
}
