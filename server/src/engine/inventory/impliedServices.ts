import { lookupPackage, ownServiceOfProvider, providerForModelId, serviceForModelPrefix } from './catalog';
import { PROPERTY_PREFIX, property, serviceComponent } from './components';
import type { Occurrence, PartialComponent } from './types';

/**
 * Services an SDK or a model implies: a package whose catalog entry names the one hosted service it
 * reaches by default (`openai-agents` and ChatKit → OpenAI, `pinecone` → Pinecone, `e2b` → E2B)
 * reaches it without a client class or endpoint in code, so the service is listed with the SDK's own
 * manifest, import and call lines. Multi-provider SDKs (LiteLLM, LangChain core) have no such entry,
 * and an SDK seen only in a lockfile (transitive) or waiting for code evidence (conditional) implies
 * nothing. A `provider:model` id implies its provider's API the same way, and so does any id of a
 * provider whose models only its own service runs (`@cf/meta/llama-3.1-8b-instruct` → Workers AI).
 */

/**
 * Where a used SDK is: its imports and calls, and its non-transitive manifest lines. A package that
 * code never imports (declared for an option left as a stub) shows no use of the service.
 */
function directOccurrences(parts: readonly PartialComponent[]): Occurrence[] {
  const occurrences = parts
    .filter((part) => !part.candidate && part.transitive !== true)
    .flatMap((part) => part.occurrences)
    .filter((occurrence) => occurrence.evidence !== 'lockfile');
  return occurrences.some((occurrence) => occurrence.evidence === 'import' || occurrence.evidence === 'call') ? occurrences : [];
}

/**
 * A model written as `provider:model` (`Agent("groq:llama-3.3-70b-versatile")`, `init_chat_model("openai:gpt-4o")`)
 * calls that provider's API. A gateway route (`anthropic/claude-…` through OpenRouter) calls the gateway, so only
 * the colon form counts, and a slash route LiteLLM itself sends (`litellm.completion(model="groq/…")`).
 */
function prefixedModelService(parts: readonly PartialComponent[]): { serviceId: string; occurrences: Occurrence[] } | undefined {
  const prefixed = parts.filter((part) => {
    if (part.properties.some((entry) => entry.name === DIRECT_ROUTE && entry.value === 'true')) return true;
    const route = part.properties.find((entry) => entry.name === ROUTE)?.value ?? '';
    const colon = route.indexOf(':');
    return colon > 0 && !route.slice(0, colon).includes('/');
  });
  const serviceId = prefixed[0]?.provider ? serviceForModelPrefix(prefixed[0].provider) : undefined;
  return serviceId ? { serviceId, occurrences: prefixed.flatMap((part) => part.occurrences) } : undefined;
}

const ROUTE = `${PROPERTY_PREFIX}model:route`;
const DIRECT_ROUTE = `${PROPERTY_PREFIX}model:direct-route`;

/** The property an implied service carries: the SDK or model that implies it. */
export const IMPLIED_BY = `${PROPERTY_PREFIX}service:implied-by`;

/** The service an SDK or a model group implies, with the occurrences that show it. */
function impliedService(parts: readonly PartialComponent[]): { serviceId: string; occurrences: Occurrence[]; by: string } | undefined {
  const first = parts[0];
  if (first?.kind === 'model') {
    // Only an id in the provider's own namespace (`@cf/…`): a gateway's provider names where any id went.
    const own = first.provider && providerForModelId(first.name) === first.provider ? ownServiceOfProvider(first.provider) : undefined;
    const found = own ? { serviceId: own, occurrences: parts.flatMap((part) => part.occurrences) } : prefixedModelService(parts);
    return found && { ...found, by: first.name };
  }
  if (first?.kind !== 'sdk' || !first.ecosystem) return undefined;
  const serviceId = lookupPackage(first.ecosystem, first.name)?.service;
  return serviceId ? { serviceId, occurrences: directOccurrences(parts), by: first.name } : undefined;
}

/** Adds, to the merge's groups, one service part per SDK or model group that implies a service. */
export function addImpliedServices(groups: Map<string, PartialComponent[]>): void {
  for (const parts of [...groups.values()]) {
    const implied = impliedService(parts);
    if (!implied || implied.occurrences.length === 0) continue;
    const service = serviceComponent(implied.serviceId, implied.occurrences[0]);
    if (!service) continue;
    service.occurrences = implied.occurrences;
    service.properties.push(property('service:implied-by', implied.by));
    const group = groups.get(service.ref);
    if (group) group.push(service);
    else groups.set(service.ref, [service]);
    parts[0].dependsOn.push(service.ref);
  }
}
