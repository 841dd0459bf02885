import { type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { apiWriteOperations } from './apiDescriptions';
import { urlOrigin } from './catalog';
import { property } from './components';
import { agentInstructions } from './declaredPrompts';
import type { PluginFacts, PluginFunction, PluginRuntime, ValueSite } from './pluginFacts';
import type { Occurrence, PartialComponent, Property } from './types';

/**
 * AI plugin and agent manifests: Microsoft 365 Copilot API plugins (`schema_version` v2.x with
 * `functions`/`runtimes`), legacy OpenAI `ai-plugin.json`, and declarative agents
 * (`declarativeAgent.json`). A `RemoteMCPServer` runtime also yields a remote MCP plugin.
 * One ranged read gives the AI-BOM its components and AIP608 its facts (`pluginFacts.ts`): each
 * runtime's auth value and OpenAPI description, each function's confirmation, with their lines.
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
  if (isDeclarativeAgent(doc)) {
    const agent = declarativeAgent(path, root, doc, occurrence);
    const instructions = agentInstructions(path, root.get('instructions'));
    if (!instructions) return [agent];
    agent.dependsOn.push(instructions.ref);
    return [agent, instructions];
  }
  if (typeof doc.schema_version !== 'string' || (typeof doc.name_for_human !== 'string' && typeof doc.namespace !== 'string')) return [];
  const legacy = typeof doc.name_for_model === 'string' && doc.api !== undefined;
  const name = String(doc.name_for_human ?? doc.namespace);
  const properties: Property[] = [property('plugin:type', legacy ? 'openai-plugin' : 'm365-api-plugin')];
  const functions = Array.isArray(doc.functions) ? doc.functions.length : 0;
  if (functions > 0) properties.push(property('plugin:functions', String(functions)));
  const components: PartialComponent[] = [];
  const runtimes: PluginRuntime[] = [];
  for (const runtime of root.get('runtimes')?.items() ?? []) {
    const type = runtime.get('type')?.string;
    if (!type) continue;
    properties.push(property('plugin:runtime', type));
    const auth = runtime.get(['auth', 'type']);
    if (auth?.string) properties.push(property('plugin:auth', auth.string));
    const url = runtime.get(['spec', 'url'])?.string;
    const origin = url ? urlOrigin(url) : undefined;
    if (type === 'RemoteMCPServer' && origin) components.push(remoteMcpServer(name, origin, occurrence));
    if (type === 'OpenApi' && auth?.string) runtimes.push(openApiRuntime(path, runtime, siteOf(auth)));
  }
  const auth = root.get(['auth', 'type']);
  if (auth?.string) properties.push(property('plugin:auth', auth.string));
  if (legacy && auth?.string) runtimes.push(openAiRuntime(path, root, siteOf(auth)));
  for (const spec of new Set(runtimes.map((runtime) => runtime.spec).filter((spec) => spec !== undefined))) {
    properties.push(property('plugin:api-description', spec));
  }
  const pluginFacts: PluginFacts = { runtimes, functions: (root.get('functions')?.items() ?? []).flatMap(pluginFunction) };
  components.unshift({
    ref: `plugin:manifest/${path}`,
    kind: 'plugin',
    name,
    occurrences: [occurrence],
    properties,
    dependsOn: [],
    pluginFacts,
  });
  return components;
}

function remoteMcpServer(name: string, origin: string, occurrence: Occurrence): PartialComponent {
  return {
    ref: `plugin:mcp/remote/${origin.replace(/^[a-z]+:\/\//, '')}`,
    kind: 'plugin',
    name: `${name} (MCP)`,
    transport: 'http',
    endpoints: [origin],
    trustZone: 'external',
    occurrences: [occurrence],
    properties: [property('plugin:type', 'mcp-server'), property('mcp:client', 'm365-copilot'), property('mcp:transport', 'http')],
    dependsOn: [],
  };
}

function siteOf(node: ConfigNode): ValueSite {
  return { value: String(node.value), line: node.range.start.line + 1 };
}

/** An M365 `OpenApi` runtime: its description is `spec.url` relative to the manifest, or inline `api_description`. */
function openApiRuntime(path: string, runtime: ConfigNode, auth: ValueSite): PluginRuntime {
  const result: PluginRuntime = { auth };
  const runFor = runtime.get('run_for_functions')?.value;
  if (Array.isArray(runFor)) result.runFor = runFor.filter((name): name is string => typeof name === 'string');
  const inline = runtime.get(['spec', 'api_description'])?.string;
  if (inline) {
    const writes = apiWriteOperations(inline, inline.trimStart().startsWith('{') ? 'json' : 'yaml');
    if (writes) result.writeOperations = writes;
    return result;
  }
  const url = runtime.get(['spec', 'url'])?.string;
  const spec = url && !hasScheme(url) ? workspacePath(folderOf(path), url) : undefined;
  if (spec) result.spec = spec;
  return result;
}

/**
 * A legacy OpenAI plugin's `api.url` is where its web server serves the description, usually an
 * absolute URL (`http://localhost:5003/openapi.yaml`). The server's root is the folder that holds
 * `.well-known/`, so the URL's path is looked up from there.
 */
function openAiRuntime(path: string, root: ConfigNode, auth: ValueSite): PluginRuntime {
  const url = root.get(['api', 'url'])?.string;
  const folder = folderOf(path);
  const siteRoot = folder === '.well-known' ? '' : folder.endsWith('/.well-known') ? folder.slice(0, -'/.well-known'.length) : folder;
  const served = url && hasScheme(url) ? urlPath(url) : url;
  const spec = served ? workspacePath(served.startsWith('/') ? siteRoot : folder, served.replace(/^\/+/, '')) : undefined;
  return spec ? { auth, spec } : { auth };
}

function pluginFunction(node: ConfigNode): PluginFunction[] {
  const name = node.get('name')?.string;
  if (!name) return [];
  const confirmation = node.get(['capabilities', 'confirmation']);
  const type = confirmation?.get('type');
  const nonConsequential = confirmation?.get('isNonConsequential');
  const dataHandling = node.get(['capabilities', 'security_info', 'data_handling'])?.value;
  return [
    {
      name,
      ...(type?.string ? { confirmation: siteOf(type) } : {}),
      ...(nonConsequential?.value === true ? { nonConsequential: siteOf(nonConsequential) } : {}),
      dataHandling: Array.isArray(dataHandling) ? dataHandling.filter((value): value is string => typeof value === 'string') : [],
    },
  ];
}

function hasScheme(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url);
}

function urlPath(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined;
  }
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** `relative` (a URL path or a file path) from `folder`, normalised; undefined when it leaves the workspace. */
function workspacePath(folder: string, relative: string): string | undefined {
  const parts = folder ? folder.split('/') : [];
  for (const segment of relative.split(/[?#]/)[0].split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') parts.push(segment);
    else if (parts.length === 0) return undefined;
    else parts.pop();
  }
  return parts.length > 0 ? parts.join('/') : undefined;
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

/** A declarative agent, with its capabilities, and its actions linked to the plugin manifests they name. */
function declarativeAgent(path: string, root: ConfigNode, doc: Record<string, unknown>, occurrence: Occurrence): PartialComponent {
  const properties: Property[] = [property('plugin:type', 'declarative-agent')];
  for (const capability of Array.isArray(doc.capabilities) ? (doc.capabilities as Record<string, unknown>[]) : []) {
    if (typeof capability?.name === 'string') properties.push(property('agent:capability', capability.name));
  }
  const actions = root.get('actions')?.items() ?? [];
  if (actions.length > 0) properties.push(property('agent:actions', String(actions.length)));
  const plugins = actions.map((action) => action.get('file')?.string).filter((file) => file !== undefined);
  const dependsOn = plugins.flatMap((file) => workspacePath(folderOf(path), file) ?? []).map((file) => `plugin:manifest/${file}`);
  return {
    ref: `plugin:agent/${path}`,
    kind: 'plugin',
    name: String(doc.name ?? path),
    occurrences: [occurrence],
    properties,
    dependsOn,
  };
}
