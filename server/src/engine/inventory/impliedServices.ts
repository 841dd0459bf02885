import { lookupPackage } from './catalog';
import { property, serviceComponent } from './components';
import type { Occurrence, PartialComponent } from './types';

/**
 * Services an SDK implies: a package whose catalog entry names the one hosted service it reaches by
 * default (`openai-agents` and ChatKit → OpenAI, `pinecone` → Pinecone, `e2b` → E2B) reaches it
 * without a client class or endpoint in code, so the service is listed with the SDK's own manifest,
 * import and call lines. Multi-provider SDKs (LiteLLM, LangChain core) have no such entry, and an
 * SDK seen only in a lockfile (transitive) or waiting for code evidence (conditional) implies nothing.
 */

/** Where a declared or used SDK is: its non-transitive manifest lines, imports and calls. */
function directOccurrences(parts: readonly PartialComponent[]): Occurrence[] {
  return parts
    .filter((part) => !part.candidate && part.transitive !== true)
    .flatMap((part) => part.occurrences)
    .filter((occurrence) => occurrence.evidence !== 'lockfile');
}

/** Adds, to the merge's groups, one service part per SDK group whose catalog entry implies a service. */
export function addImpliedServices(groups: Map<string, PartialComponent[]>): void {
  for (const parts of [...groups.values()]) {
    const sdk = parts[0];
    if (sdk?.kind !== 'sdk' || !sdk.ecosystem) continue;
    const serviceId = lookupPackage(sdk.ecosystem, sdk.name)?.service;
    const occurrences = serviceId ? directOccurrences(parts) : [];
    const service = serviceId && occurrences.length > 0 ? serviceComponent(serviceId, occurrences[0]) : undefined;
    if (!service) continue;
    service.occurrences = occurrences;
    service.properties.push(property('service:implied-by', sdk.name));
    const group = groups.get(service.ref);
    if (group) group.push(service);
    else groups.set(service.ref, [service]);
    parts[0].dependsOn.push(service.ref);
  }
}
