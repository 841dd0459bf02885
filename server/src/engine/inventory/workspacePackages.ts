import type { ConfigNode } from '../parse/configDocument';
import { lookupPackage, normalizePackageName } from './catalog';
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
 * (`confirmWorkspacePackages`). An app that nothing else depends on is never listed. Python
 * workspaces say the same in `pyproject.toml`: a uv workspace member (`[tool.uv.sources]
 * graphrag-llm = { workspace = true }`) or a Poetry path dependency (`{ path = "../llm" }`) is
 * consumed, and a project whose own dependencies are AI SDKs (`litellm`) is the library.
 */

const OWN = 'workspace-package';
const CONSUMED = 'workspace-dependency';
const LOCAL_SPEC = /^(?:file|workspace|link|portal):/;
/** The category of the library: what its most specific AI dependency is. */
const CATEGORY_ORDER = [
  'agent-framework',
  'orchestration',
  'llm-sdk',
  'llm-gateway',
  'mcp',
  'eval-observability',
  'guardrails',
  'vector-store',
];

/** The most specific AI category among a package's dependencies (a conditional client says nothing alone). */
function libraryCategory(ecosystem: 'npm' | 'pypi', names: Iterable<string>): string | undefined {
  const categories = new Set<string>();
  for (const name of names) {
    const info = lookupPackage(ecosystem, name);
    if (info && !info.conditional && (LLM_CATEGORIES.has(info.category) || info.category === 'vector-store')) categories.add(info.category);
  }
  return CATEGORY_ORDER.find((entry) => categories.has(entry));
}

/** Candidate parts of one `package.json`: the package itself when it may be an AI library, and its local dependencies. */
export function workspacePackageParts(path: string, root: ConfigNode, sections: readonly string[]): PartialComponent[] {
  const parts: PartialComponent[] = [];
  const dependencies: string[] = [];
  for (const section of sections) {
    for (const [key, node] of root.get(section)?.entries() ?? []) {
      dependencies.push(key);
      if (!lookupPackage('npm', key) && LOCAL_SPEC.test(node.string ?? '')) parts.push(candidate('npm', key, path, lineOf(node), CONSUMED));
    }
  }
  const name = root.get('name');
  const category = libraryCategory('npm', dependencies);
  if (name?.string && category && root.get('private')?.value !== true && !lookupPackage('npm', name.string))
    parts.push(ownLibrary('npm', name.string, path, lineOf(name), category));
  return parts;
}

/** Candidate parts of one `pyproject.toml`: the project when it may be an AI library, and the workspace members it names. */
export function pythonWorkspacePackageParts(path: string, root: ConfigNode, dependencies: readonly string[]): PartialComponent[] {
  const parts: PartialComponent[] = [];
  const locals = [
    ...(root.get(['tool', 'uv', 'sources'])?.entries() ?? []).filter(
      ([, node]) => node.get('workspace')?.value === true || node.get('path')?.string,
    ),
    ...(root.get(['tool', 'poetry', 'dependencies'])?.entries() ?? []).filter(([, node]) => node.get('path')?.string),
  ];
  const project = root.get('project');
  const name = project?.get('name');
  // A catalog package installed from a local checkout is listed as that package already; a project
  // naming itself as a workspace member (`gpt-researcher = { workspace = true }`) is not consumed by another.
  const own = name?.string ? normalizePackageName('pypi', name.string) : undefined;
  for (const [key, node] of locals)
    if (!lookupPackage('pypi', key) && normalizePackageName('pypi', key) !== own)
      parts.push(candidate('pypi', key, path, lineOf(node), CONSUMED));
  const category = libraryCategory('pypi', dependencies);
  if (name?.string && category && !lookupPackage('pypi', name.string) && !unpublished(project))
    parts.push(ownLibrary('pypi', name.string, path, lineOf(name), category));
  return parts;
}

/** A project that is never uploaded (Python's `private`): the `Private :: Do Not Upload` classifier, or version `0.0.0` of a dev-only suite. */
function unpublished(project: ConfigNode | undefined): boolean {
  if (project?.get('version')?.string === '0.0.0') return true;
  return (project?.get('classifiers')?.items() ?? []).some((item) => /^Private\s*::\s*Do Not Upload/i.test(item.string ?? ''));
}

function ownLibrary(ecosystem: 'npm' | 'pypi', name: string, path: string, line: number | undefined, category: string): PartialComponent {
  const own = candidate(ecosystem, name, path, line, OWN);
  own.category = category;
  own.properties.push(property('category', category));
  return own;
}

function candidate(ecosystem: 'npm' | 'pypi', name: string, path: string, line: number | undefined, source: string): PartialComponent {
  return {
    ref: sdkRef(ecosystem, name),
    kind: 'sdk',
    name,
    ecosystem,
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
    if (!/^sdk:(?:npm|pypi)\//.test(ref) || !parts.some((part) => has(part, OWN)) || !parts.some((part) => has(part, CONSUMED))) continue;
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
