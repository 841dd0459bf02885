import type { ConfigNode } from '../parse/configDocument';
import { lookupPackage } from './catalog';
import { LLM_CATEGORIES } from './codePrompts';
import { property, sdkRef } from './components';
import { lineOf } from './manifestText';
import { mcpServerPlugin } from './mcpConfigs';
import type { PartialComponent } from './types';

/**
 * The repository's own AI library in a monorepo (`packages/core` of an agent CLI, published as
 * `@google/gemini-cli-core`): a package that is published (not `private`), depends on AI SDKs
 * itself, and that other packages of the workspace depend on by a local reference (`file:../core`,
 * `workspace:*`). Neither manifest says it alone (an app depends on AI SDKs too; a local package
 * may be any helper), so each gives a candidate and the merge confirms the pair
 * (`confirmWorkspacePackages`). An app that nothing else depends on is never listed.
 */

const OWN = 'workspace-package';
const CONSUMED = 'workspace-dependency';
const LOCAL_SPEC = /^(?:file|workspace|link|portal):/;
/** The category of the library: what its most specific AI dependency is. */
const CATEGORY_ORDER = ['agent-framework', 'orchestration', 'llm-sdk', 'llm-gateway', 'mcp', 'eval-observability', 'guardrails'];

/** Candidate parts of one `package.json`: the package itself when it may be an AI library, and its local dependencies. */
export function workspacePackageParts(path: string, root: ConfigNode, sections: readonly string[]): PartialComponent[] {
  const parts: PartialComponent[] = [];
  const categories = new Set<string>();
  for (const section of sections) {
    for (const [key, node] of root.get(section)?.entries() ?? []) {
      const spec = node.string ?? '';
      const info = lookupPackage('npm', key);
      if (info && !info.conditional && LLM_CATEGORIES.has(info.category)) categories.add(info.category);
      if (!info && LOCAL_SPEC.test(spec)) parts.push(candidate(key, path, lineOf(node), CONSUMED));
    }
  }
  const name = root.get('name');
  const category = CATEGORY_ORDER.find((entry) => categories.has(entry));
  if (name?.string && category && root.get('private')?.value !== true && !lookupPackage('npm', name.string)) {
    const own = candidate(name.string, path, lineOf(name), OWN);
    own.category = category;
    own.properties.push(property('category', category));
    parts.push(own);
  }
  return parts;
}

function candidate(name: string, path: string, line: number | undefined, source: string): PartialComponent {
  return {
    ref: sdkRef('npm', name),
    kind: 'sdk',
    name,
    ecosystem: 'npm',
    occurrences: [{ path, ...(line !== undefined ? { line } : {}), evidence: 'manifest', symbol: source === OWN ? 'name' : name }],
    properties: [property('sdk:source', source)],
    dependsOn: [],
    candidate: true,
  };
}

/** A workspace AI library another workspace package depends on is listed; its parts are copied, never changed. */
export function confirmWorkspacePackages(groups: Map<string, PartialComponent[]>): void {
  const has = (part: PartialComponent, source: string) =>
    part.properties.some((entry) => entry.value === source && entry.name === 'ai-posture:sdk:source');
  for (const [ref, parts] of groups) {
    if (!ref.startsWith('sdk:npm/') || !parts.some((part) => has(part, OWN)) || !parts.some((part) => has(part, CONSUMED))) continue;
    groups.set(
      ref,
      parts.map((part) => (has(part, OWN) ? { ...part, candidate: false } : part)),
    );
  }
}

/** A package named as an MCP server (`chrome-devtools-mcp`, `figma-developer-mcp`, `mcp-server-kubernetes`, `@scope/x-mcp-server`). */
const MCP_SERVER_PACKAGE = /^(?:@[a-z0-9._-]+\/)?(?:[a-z0-9._-]+-mcp(?:-server)?|mcp-server-[a-z0-9._-]+)$/;
/** Hooks and framework plugins named for MCP (`use-mcp`, `fastify-mcp`, `vite-plugin-mcp`): libraries, not servers. */
const LIBRARY_PREFIX = /^(?:@[^/]+\/)?(?:use|fastify|express|koa|hono|next|nuxt|vite-plugin|rollup-plugin|webpack-plugin|eslint-plugin)-/;
const EXACT_VERSION = /^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/;

/**
 * MCP servers a package ships or starts itself, declared as its dependencies (`"chrome-devtools-mcp":
 * "0.19.0"` in an agent that bundles it as its browser tool): a dependency named as a server, in a
 * package that is an MCP client (it depends on an MCP SDK of the catalog). A library named for MCP
 * (`workers-mcp`, `@mastra/mcp`) is a catalog SDK or has no server name.
 */
export function dependencyMcpServers(path: string, root: ConfigNode, sections: readonly string[]): PartialComponent[] {
  const entries = sections.flatMap((section) => root.get(section)?.entries() ?? []);
  if (!entries.some(([key]) => lookupPackage('npm', key)?.category === 'mcp')) return [];
  const servers: PartialComponent[] = [];
  for (const [key, node] of entries) {
    if (!MCP_SERVER_PACKAGE.test(key) || LIBRARY_PREFIX.test(key) || lookupPackage('npm', key)) continue;
    const version = node.string && EXACT_VERSION.test(node.string) ? node.string : undefined;
    const occurrence = { path, line: lineOf(node), evidence: 'manifest' as const, symbol: key };
    const args = ['-y', version ? `${key}@${version}` : key];
    servers.push(
      mcpServerPlugin({ name: key, client: 'npm-dependency', transport: 'stdio', command: 'npx', args, env: [], headers: [], occurrence }),
    );
  }
  return servers;
}
