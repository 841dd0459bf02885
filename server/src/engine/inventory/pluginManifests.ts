import { configDocumentFor } from '../parse/configDocument';
import { urlOrigin } from './catalog';
import { property } from './components';
import type { PartialComponent, Property } from './types';

/**
 * AI plugin and agent manifests: Microsoft 365 Copilot API plugins (`schema_version` v2.x with
 * `functions`/`runtimes`), legacy OpenAI `ai-plugin.json`, and declarative agents
 * (`declarativeAgent.json`). A `RemoteMCPServer` runtime also yields a remote MCP plugin.
 */

/** Cheap name test before parsing: plugin manifests are JSON files named like plugins or agents. */
export function mightBePluginManifest(basename: string): boolean {
  return /plugin.*\.json$|agent.*\.json$|manifest.*\.json$/i.test(basename);
}

export function collectPluginManifest(path: string, text: string): PartialComponent[] {
  const root = configDocumentFor(text, 'json').root;
  if (root?.kind !== 'object') return [];
  const doc = root.value as Record<string, unknown>;
  const occurrence = { path, line: 1, evidence: 'config' as const };
  if (isDeclarativeAgent(doc)) return [declarativeAgent(path, doc, occurrence)];
  if (typeof doc.schema_version !== 'string' || (typeof doc.name_for_human !== 'string' && typeof doc.namespace !== 'string')) return [];
  const legacy = typeof doc.name_for_model === 'string' && doc.api !== undefined;
  const name = String(doc.name_for_human ?? doc.namespace);
  const properties: Property[] = [property('plugin:type', legacy ? 'openai-plugin' : 'm365-api-plugin')];
  const functions = Array.isArray(doc.functions) ? doc.functions.length : 0;
  if (functions > 0) properties.push(property('plugin:functions', String(functions)));
  const components: PartialComponent[] = [];
  for (const runtime of Array.isArray(doc.runtimes) ? (doc.runtimes as Record<string, unknown>[]) : []) {
    const type = typeof runtime?.type === 'string' ? runtime.type : undefined;
    if (!type) continue;
    properties.push(property('plugin:runtime', type));
    const auth = (runtime.auth as Record<string, unknown> | undefined)?.type;
    if (typeof auth === 'string') properties.push(property('plugin:auth', auth));
    const url = (runtime.spec as Record<string, unknown> | undefined)?.url;
    const origin = typeof url === 'string' ? urlOrigin(url) : undefined;
    if (type === 'RemoteMCPServer' && origin) {
      components.push({
        ref: `plugin:mcp/remote/${origin.replace(/^[a-z]+:\/\//, '')}`,
        kind: 'plugin',
        name: `${name} (MCP)`,
        transport: 'http',
        endpoints: [origin],
        trustZone: 'external',
        occurrences: [occurrence],
        properties: [property('plugin:type', 'mcp-server'), property('mcp:client', 'm365-copilot'), property('mcp:transport', 'http')],
        dependsOn: [],
      });
    }
  }
  const auth = (doc.auth as Record<string, unknown> | undefined)?.type;
  if (typeof auth === 'string') properties.push(property('plugin:auth', auth));
  components.unshift({ ref: `plugin:manifest/${path}`, kind: 'plugin', name, occurrences: [occurrence], properties, dependsOn: [] });
  return components;
}

function isDeclarativeAgent(doc: Record<string, unknown>): boolean {
  const schema = typeof doc.$schema === 'string' ? doc.$schema.toLowerCase() : '';
  return (
    schema.includes('declarative-agent') ||
    (typeof doc.instructions === 'string' &&
      typeof doc.name === 'string' &&
      (Array.isArray(doc.capabilities) || Array.isArray(doc.actions)))
  );
}

function declarativeAgent(
  path: string,
  doc: Record<string, unknown>,
  occurrence: PartialComponent['occurrences'][number],
): PartialComponent {
  const properties: Property[] = [property('plugin:type', 'declarative-agent')];
  for (const capability of Array.isArray(doc.capabilities) ? (doc.capabilities as Record<string, unknown>[]) : []) {
    if (typeof capability?.name === 'string') properties.push(property('agent:capability', capability.name));
  }
  const actions = Array.isArray(doc.actions) ? doc.actions.length : 0;
  if (actions > 0) properties.push(property('agent:actions', String(actions)));
  return {
    ref: `plugin:agent/${path}`,
    kind: 'plugin',
    name: String(doc.name ?? path),
    occurrences: [occurrence],
    properties,
    dependsOn: [],
  };
}
