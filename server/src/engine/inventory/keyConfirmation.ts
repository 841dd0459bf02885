import endpointsData from '../data/endpoints.json';
import type { CodeFacts } from '../facts';
import type { CodeSite } from './codeImports';
import { PROPERTY_PREFIX, sdkRef } from './components';
import { keyNamedService, keyNameFor } from './keyNames';
import type { Ecosystem, PartialComponent } from './types';

/**
 * A provider key name that other products share (`GOOGLE_API_KEY`), or one that only code mentions
 * (`_set_env("GROQ_API_KEY")`), names a service only with more evidence. Besides the service found
 * another way, an SDK that exists only to reach that service (`langchain-google-genai` → Gemini,
 * `langchain-groq` → Groq: every client entry point it has reaches the one service) confirms it.
 */

const KEY_NAME = `${PROPERTY_PREFIX}service:key-name`;

let dedicated: Map<string, string> | undefined;

/** `sdk:ecosystem/name` → the one service all of the package's client entry points reach. */
function dedicatedSdks(): Map<string, string> {
  if (dedicated) return dedicated;
  const services = new Map<string, Set<string>>();
  for (const client of endpointsData.clients as { package: string; service: string }[]) {
    const cut = client.package.indexOf(':');
    const ecosystem = client.package.slice(0, cut) as Ecosystem;
    const ref = sdkRef(ecosystem, client.package.slice(cut + 1));
    const set = services.get(ref) ?? new Set<string>();
    set.add(client.service);
    services.set(ref, set);
  }
  dedicated = new Map([...services].flatMap(([ref, set]) => (set.size === 1 ? [[ref, [...set][0]] as const] : [])));
  return dedicated;
}

/** Clears `candidate` on key-name parts of services a dedicated SDK of the workspace confirms. */
export function confirmKeyNamedServices(groups: ReadonlyMap<string, PartialComponent[]>): void {
  const confirmed = new Set<string>();
  for (const [ref, parts] of groups) {
    const service = ref.startsWith('sdk:') ? dedicatedSdks().get(ref) : undefined;
    if (service && parts.some((part) => !part.candidate)) confirmed.add(`service:${service}`);
  }
  for (const ref of confirmed) {
    for (const part of groups.get(ref) ?? []) {
      if (part.candidate && part.properties.some((entry) => entry.name === KEY_NAME)) part.candidate = false;
    }
  }
}

/**
 * Provider key names code reads or asks for (`os.getenv("GROQ_API_KEY")`, `_set_env("GROQ_API_KEY")`,
 * `process.env` helpers): candidates, which a dedicated SDK or the service found elsewhere confirms.
 */
export function collectCodeKeyNames(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    const first = call.args[0];
    if (!first || first.name !== undefined || !STRING_NODE.test(first.node.type)) continue;
    const name = facts.valueOf(first.node);
    const key = name ? keyNameFor(name) : undefined;
    if (!key || !name) continue;
    const service = keyNamedService(name, key, { path: site.path, line: site.line(call.row), evidence: 'constant', symbol: name }, true);
    if (service) components.push(service);
  }
  return components;
}

const STRING_NODE = /^(?:string|string_literal|interpreted_string_literal|raw_string_literal)$/;
