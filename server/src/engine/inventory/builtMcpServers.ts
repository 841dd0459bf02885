import type { ConfigNode } from '../parse/configDocument';
import { normalizePackageName } from './catalog';
import { property, purlFor } from './components';
import { lineOf } from './manifestText';
import { parseRequirement } from './pythonManifests';
import type { Ecosystem, PartialComponent } from './types';

/**
 * MCP servers the workspace builds itself: a package whose manifest depends on an MCP server SDK
 * and publishes a command named as a server (`bin: { "mcp-server-everything": … }`,
 * `[project.scripts] mcp-server-fetch = …`), or declares its MCP registry name (`mcpName`). The
 * plugin is named by the published package, with the same ref a client configuration launching
 * that package gets, so both meet in one component; `ai-posture:mcp:source` says it is built here.
 */

/** The SDK packages an MCP server is built with, per ecosystem (runtime dependencies only). */
const SERVER_SDKS: Record<'npm' | 'pypi', ReadonlySet<string>> = {
  npm: new Set(['@modelcontextprotocol/sdk', '@modelcontextprotocol/server', 'fastmcp', 'mcp-framework', 'mcp-handler']),
  pypi: new Set(['mcp', 'fastmcp']),
};

/** A command that names an MCP server: `mcp-server-x`, `x-mcp-server`, `x-mcp` (not `mcp-client`, not a bare `mcp`). */
const SERVER_COMMAND = /(?:^|[-_.])mcp[-_]?server(?:$|[-_.])|(?:^|[-_.])server[-_]mcp(?:$|[-_.])|[-_]mcp$/i;
/** A package name that says MCP (`@modelcontextprotocol/…`, `mcp-…`, `…-mcp`). */
const MCP_WORD = /(?:^|[-_./@])mcp(?:$|[-_.])/i;
const SERVER_WORD = /(?:^|[-_/])server(?:$|[-_])/i;

/** `package.json`: the package is an MCP server built here when it depends on a server SDK and publishes a server command. */
export function builtNpmMcpServer(path: string, root: ConfigNode): PartialComponent[] {
  const name = root.get('name')?.string;
  if (
    !name ||
    !dependsOn(
      root
        .get('dependencies')
        ?.entries()
        .map(([key]) => key),
      'npm',
    )
  )
    return [];
  const registered = root.get('mcpName')?.string !== undefined;
  const bin = root.get('bin');
  const commands = bin?.kind === 'object' ? bin.entries().map(([key]) => key) : bin?.string ? [name.replace(/^@[^/]+\//, '')] : [];
  if (!registered && !isServerCommand(name, commands)) return [];
  return [builtServer(path, 'npm', name, root.get('version')?.string, lineOf(root.get('name')), registered ? 'mcpName' : 'bin')];
}

/** `pyproject.toml` (PEP 621): a project depending on `mcp`/`fastmcp` whose console script is a server command. */
export function builtPythonMcpServer(path: string, root: ConfigNode): PartialComponent[] {
  const project = root.get('project');
  const name = project?.get('name')?.string;
  if (!name) return [];
  const dependencies = project
    ?.get('dependencies')
    ?.items()
    .map((item) => (item.string !== undefined ? parseRequirement(item.string)?.name : undefined));
  if (!dependsOn(dependencies, 'pypi')) return [];
  const scripts = project
    ?.get('scripts')
    ?.entries()
    .map(([key]) => key);
  if (!isServerCommand(name, scripts ?? [])) return [];
  return [builtServer(path, 'pypi', name, project?.get('version')?.string, lineOf(project?.get('name')), 'project.scripts')];
}

function dependsOn(names: (string | undefined)[] | undefined, ecosystem: 'npm' | 'pypi'): boolean {
  const sdks = SERVER_SDKS[ecosystem];
  return (names ?? []).some((name) => name !== undefined && sdks.has(ecosystem === 'pypi' ? normalizePackageName('pypi', name) : name));
}

/**
 * A command that runs an MCP server: named as one, or with `server` when the package name says
 * `mcp` (`@modelcontextprotocol/server-memory` → `mcp-server-memory`). A package without a command
 * is a library, and `mcp-client` a client, not a server one can run.
 */
function isServerCommand(packageName: string, commands: readonly string[]): boolean {
  if (commands.length === 0) return false;
  const mcpPackage = MCP_WORD.test(packageName) || packageName.startsWith('@modelcontextprotocol/');
  return commands.some((command) => SERVER_COMMAND.test(command) || (mcpPackage && SERVER_WORD.test(command)));
}

function builtServer(
  path: string,
  ecosystem: Extract<Ecosystem, 'npm' | 'pypi'>,
  name: string,
  version: string | undefined,
  line: number | undefined,
  symbol: string,
): PartialComponent {
  return {
    ref: `plugin:mcp/${ecosystem}/${name}`,
    kind: 'plugin',
    name,
    ecosystem,
    purl: purlFor(ecosystem, name, version),
    ...(version ? { version } : {}),
    occurrences: [{ path, ...(line !== undefined ? { line } : {}), evidence: 'manifest', symbol }],
    properties: [property('plugin:type', 'mcp-server'), property('mcp:source', 'workspace'), property('mcp:transport', 'stdio')],
    dependsOn: [],
    transport: 'stdio',
  };
}
