import { type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { modelComponent, property, serviceComponent } from './components';
import { lineOf } from './manifestText';
import type { PartialComponent } from './types';

/**
 * Models a Compose application runs on Docker Model Runner: the top-level `models:` element
 * (`models: {llm: {model: ai/smollm2}}`) and provider services (`services: {llm: {provider: {type:
 * model, options: {model: ai/phi4:14B-Q4_0}}}}`). A model given as `${DOCKER_MODEL:-ai/phi4}` is
 * its default. Gated in `collect.ts` on `COMPOSE_MODEL_LITERALS`.
 */

export const COMPOSE_MODEL_LITERALS = ['models:', 'type: model'];

export function collectComposeModels(path: string, text: string): PartialComponent[] {
  const root = configDocumentFor(text, 'yaml').root;
  // A Compose file has services; a `models:` key elsewhere (a provider's config) is not this element.
  if (root?.kind !== 'object' || root.get('services')?.kind !== 'object') return [];
  const components: PartialComponent[] = [];
  const add = (node: ConfigNode | undefined, symbol: string) => {
    const id = node?.string === undefined ? undefined : modelOf(node.string);
    if (!node || !id) return;
    const occurrence = { path, line: lineOf(node), evidence: 'config' as const, symbol };
    const model = modelComponent(id, 'docker-model-runner', occurrence, [property('model:served-by', 'docker-model-runner')]);
    const service = serviceComponent('docker-model-runner', occurrence);
    if (service) service.dependsOn.push(model.ref);
    components.push(model, ...(service ? [service] : []));
  };
  for (const [name, entry] of root.get('models')?.entries() ?? [])
    add(entry.kind === 'object' ? entry.get('model') : entry, `models.${name}`);
  for (const [name, service] of root.get('services')?.entries() ?? []) {
    const provider = service.get('provider');
    if (provider?.get('type')?.string === 'model') add(provider.get(['options', 'model']), `services.${name}.provider`);
  }
  return components;
}

/** `ai/smollm2:360M-Q4_K_M`, `hf.co/org/repo`, or the default of `${VAR:-…}`; a bare variable is unknown. */
function modelOf(value: string): string | undefined {
  const written = /^\$\{[A-Za-z_]\w*:?-([^}$]+)\}$/.exec(value.trim())?.[1] ?? value.trim();
  return /^[a-z0-9][\w.-]*(?:\/[\w.-]+)+(?::[\w.-]+)?$/i.test(written) ? written : undefined;
}
