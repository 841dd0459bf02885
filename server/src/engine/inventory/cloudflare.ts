import { type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { modelComponent, property, serviceComponent } from './components';
import { Lines, lineOf } from './manifestText';
import type { PartialComponent } from './types';

/**
 * Cloudflare's AI products, read where a Worker declares or calls them. A Worker reaches Workers AI,
 * Vectorize and AI Search through bindings its Wrangler configuration declares (`"ai": {"binding":
 * "AI"}`, `[[vectorize]] index_name = "docs"`), not through an SDK client, and calls them on `env`
 * (`env.AI.run("@cf/meta/llama-3.1-8b-instruct", …)`, `env.AI.autorag("docs").search(…)`).
 */

const WRANGLER_CONFIG = /(?:^|\/)wrangler\.(?:toml|json|jsonc)$/;

/** A Wrangler configuration, read by its name whatever it holds (it is small, and rare). */
export function isWranglerConfig(path: string): boolean {
  return WRANGLER_CONFIG.test(path);
}

/** The AI bindings of a Wrangler configuration: top level and in each `env.<name>` environment. */
export function collectWranglerBindings(path: string, text: string): PartialComponent[] {
  const root = configDocumentFor(text, path.endsWith('.toml') ? 'toml' : 'json').root;
  if (root?.kind !== 'object') return [];
  const components: PartialComponent[] = [];
  const environments = root.get(['env'])?.children ?? [];
  for (const scope of [root, ...environments.filter((entry) => entry.kind === 'object')]) {
    const ai = scope.get(['ai']);
    if (ai?.kind === 'object' && ai.get(['binding'])?.string)
      push(components, serviceComponent('cloudflare-workers-ai', at(path, ai, 'ai')));
    for (const index of bindings(scope, 'vectorize')) {
      const name = index.get(['index_name'])?.string;
      push(components, serviceComponent('cloudflare-vectorize', at(path, index, name ?? 'vectorize')));
    }
  }
  return components;
}

/** Binding entries of a kind: an array of tables (`[[vectorize]]`, `"vectorize": [{…}]`) whose items name a binding. */
function bindings(scope: ConfigNode, key: string): ConfigNode[] {
  return (scope.get([key])?.items() ?? []).filter((item) => item.kind === 'object' && item.get(['binding'])?.string !== undefined);
}

function at(path: string, node: ConfigNode, symbol: string) {
  return { path, line: lineOf(node), evidence: 'config' as const, symbol };
}

function push(components: PartialComponent[], component: PartialComponent | undefined): void {
  if (component) components.push(component);
}

/** Literals one of which code that names a Workers AI model or an AI Search instance holds. */
export const CLOUDFLARE_CODE_LITERALS = ['@cf/', '@hf/', 'autorag('];

/**
 * A quoted Workers AI model id (`"@cf/meta/llama-3.1-8b-instruct"`, `"@hf/…"`, through AI Gateway's unified
 * API `"workers-ai/@cf/moonshotai/kimi-k2.6"`): the namespaces are Workers AI's own, so the id is a
 * model wherever code writes it, and an AI Search instance called by name (`.autorag("docs")`).
 * Type declarations (`worker-configuration.d.ts` lists every model of the catalogue) use none.
 */
export function collectWorkersAiCode(path: string, text: string): PartialComponent[] {
  if (path.endsWith('.d.ts')) return [];
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  for (const match of text.matchAll(WORKERS_AI_MODEL)) {
    const occurrence = { path, line: lines.at(match.index), evidence: 'call' as const, symbol: match[2] };
    const routed = match[2] !== match[3];
    components.push(modelComponent(match[3], 'cloudflare', occurrence, routed ? [property('model:route', match[2])] : []));
  }
  for (const match of text.matchAll(AI_SEARCH_CALL)) {
    push(components, serviceComponent('cloudflare-ai-search', { path, line: lines.at(match.index), evidence: 'call', symbol: match[2] }));
  }
  return components;
}

const WORKERS_AI_MODEL = /(["'`])((?:workers-ai\/)?(@(?:cf|hf)\/[a-z0-9][\w.-]*\/[A-Za-z0-9][\w.:-]*\w))\1/g;
const AI_SEARCH_CALL = /\.autorag\(\s*(["'`])([\w.-]+)\1/g;
