import { customEndpointService, property, sdkComponent, serviceComponent } from './build';
import { type ClientEntry, clientFor, findEndpoints, type PackageInfo, serviceForImage, serviceInfo, urlOrigin } from './catalog';
import type { CodeCall, CodeFacts } from './codeFacts';
import { type CallResolver, packageKey } from './codeImports';
import type { PartialComponent } from './types';

/**
 * AI services a workspace reaches: from SDK clients (the client class, or the endpoint passed to
 * it), from endpoint literals in code and configuration, and from model-serving container images.
 * Endpoints keep scheme, host and port only; user-info, paths and queries never enter the BOM.
 */

export interface ClientUse {
  call: CodeCall;
  client: ClientEntry;
  pkg: PackageInfo;
  /** Service ref target: a catalog id or `endpoint/<host>` for an unknown endpoint. */
  serviceId: string;
  provider?: string;
  endpoint?: string;
  custom: boolean;
}

const ENDPOINT_SETTER = /url|endpoint|host|base/i;

/** Finds SDK client entry points and the service each one reaches. */
export function resolveClients(facts: CodeFacts, resolver: CallResolver): Map<CodeCall, ClientUse> {
  const uses = new Map<CodeCall, ClientUse>();
  for (const call of facts.calls) {
    const pkg = resolver.packageOf(call);
    if (!pkg) continue;
    const key = packageKey(pkg);
    const client = clientFor(key, call.method) ?? (call.typeName ? clientFor(key, call.typeName) : undefined);
    if (!client) continue;
    if (client.firstArg && !client.firstArg.includes(call.args.find((arg) => !arg.name)?.value ?? '')) continue;
    uses.set(call, { call, client, pkg, serviceId: client.service, provider: serviceInfo(client.service)?.provider, custom: false });
  }
  // URLs passed to a client, or to an endpoint setter chained on it (`.baseUrl(…)`), say where it
  // really goes. URLs in other calls on a client are data (a prompt, a header), not its endpoint.
  for (const call of facts.calls) {
    if (call.urls.length === 0 || !(uses.has(call) || ENDPOINT_SETTER.test(call.method))) continue;
    const use = resolver
      .chain(call)
      .map((link) => uses.get(link))
      .find((found) => found !== undefined);
    if (use && !use.endpoint) applyEndpoint(use, call.urls);
  }
  return uses;
}

function applyEndpoint(use: ClientUse, urls: string[]): void {
  for (const url of urls) {
    const known = findEndpoints(url)[0];
    if (known) {
      use.serviceId = known.service;
      use.provider = serviceInfo(known.service)?.provider;
      use.endpoint = known.endpoint;
      use.custom = false;
      return;
    }
  }
  const origin = urls.map(urlOrigin).find((value) => value !== undefined);
  if (origin) {
    use.serviceId = `endpoint/${origin.replace(/^[a-z]+:\/\//, '')}`;
    use.endpoint = origin;
    use.custom = true;
  }
}

/** The client a call goes through (itself, or the nearest receiver that is one). */
export function clientOf(call: CodeCall, uses: Map<CodeCall, ClientUse>, resolver: CallResolver): ClientUse | undefined {
  for (const link of resolver.chain(call)) {
    const use = uses.get(link);
    if (use) return use;
  }
  return undefined;
}

export function collectCodeServices(
  path: string,
  facts: CodeFacts,
  resolver: CallResolver,
  uses: Map<CodeCall, ClientUse>,
): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const use of uses.values()) {
    const occurrence = { path, line: use.call.line, evidence: 'call' as const, symbol: use.call.callee };
    const service = use.custom
      ? customEndpointService(use.endpoint as string, serviceInfo(use.client.service)?.provider, occurrence)
      : serviceComponent(use.serviceId, occurrence, use.endpoint);
    if (!service) continue;
    components.push(service);
    const sdk = sdkComponent(use.pkg, occurrence);
    sdk.dependsOn.push(service.ref);
    components.push(sdk);
  }
  // Endpoint literals: raw HTTP use of an AI API counts even without an SDK.
  const sole = resolver.soleProviderPackage();
  for (const hit of facts.endpoints) {
    const occurrence = { path, line: hit.line, evidence: 'endpoint' as const, symbol: hit.endpoint };
    const service = serviceComponent(hit.service, occurrence, hit.endpoint);
    if (!service) continue;
    components.push(service);
    if (sole) {
      const sdk = sdkComponent(sole, { path, line: hit.line, evidence: 'call', symbol: hit.endpoint });
      sdk.dependsOn.push(service.ref);
      components.push(sdk);
    }
  }
  return components;
}

/** Endpoint literals in configuration files (`.env`, YAML, JSON, TOML, properties). */
export function collectConfigEndpoints(path: string, text: string, lineAt: (offset: number) => number): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const hit of findEndpoints(text)) {
    const service = serviceComponent(
      hit.service,
      { path, line: lineAt(hit.index), evidence: 'endpoint', symbol: hit.endpoint },
      hit.endpoint,
    );
    if (service) components.push(service);
  }
  return components;
}

/** Model-serving images in Compose files and Dockerfiles (`image: ollama/ollama`, `FROM vllm/vllm-openai`). */
export function collectImageServices(path: string, text: string, lineAt: (offset: number) => number): PartialComponent[] {
  const components: PartialComponent[] = [];
  const pattern = /^(?:\s*-?\s*image\s*:\s*["']?|\s*FROM\s+(?:--platform=\S+\s+)?)([\w./-]+(?::[\w.-]+)?(?:@sha256:[0-9a-f]+)?)/gim;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const serviceId = serviceForImage(match[1]);
    const service = serviceId
      ? serviceComponent(serviceId, {
          path,
          line: lineAt(match.index + match[0].length - match[1].length),
          evidence: 'config',
          symbol: match[1],
        })
      : undefined;
    if (!service) continue;
    service.properties.push(property('service:image', match[1]));
    components.push(service);
  }
  return components;
}
