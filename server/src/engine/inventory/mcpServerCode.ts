import type { CodeFacts } from '../facts';
import { hubIdKind } from '../facts/hubIds';
import { isTestPath } from '../testCode';
import type { CodeSite } from './codeImports';
import { property } from './components';
import type { PartialComponent, PartialInventory } from './types';

/**
 * MCP servers that code in the workspace defines: Python `FastMCP("weather")` (the MCP SDK's and
 * the `fastmcp` package's) or `MCPServer("weather")`, TypeScript `new McpServer({ name: "weather" })`
 * or the low-level `new Server({ name, version })` of the MCP SDK. Each is a plugin the workspace
 * builds, named by the server name it gives (`plugin:mcp/local/<name>`, as a config starting a
 * local server names it); a test's server is a fixture and is left out.
 */

/** Server classes by language: the called name and the module it must resolve through. */
const SERVER_CLASSES: Partial<Record<CodeFacts['language'], { method: string; origin: RegExp }[]>> = {
  python: [
    { method: 'FastMCP', origin: /^(?:mcp|fastmcp)\./ },
    { method: 'MCPServer', origin: /^mcp\./ },
  ],
  javascript: [
    { method: 'McpServer', origin: /^@modelcontextprotocol\/(?:sdk\/server|server)/ },
    { method: 'Server', origin: /^@modelcontextprotocol\/sdk\/server/ },
  ],
};

/**
 * Lower-case literals of the server classes, for the engine's one pass (`MCP_CODE_LITERALS`): a
 * Python file that only imports `mcp` is then parsed rather than read for its imports alone. The
 * low-level `new Server(…)` is too common a spelling to gate on; its file imports the SDK.
 */
export const MCP_SERVER_CODE_LITERALS = ['fastmcp(', 'mcpserver(', 'new mcpserver'];

export function collectCodeMcpServerDefinitions(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const classes = SERVER_CLASSES[facts.language];
  if (!classes || isTestPath(site.path, { testCode: { paths: [], severity: 'demote' } })) return [];
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    if (!classes.some((entry) => entry.method === call.method && entry.origin.test(call.origin ?? ''))) continue;
    const name = (call.args.find((arg) => arg.name === 'name') ?? call.args.find((arg) => arg.name === undefined))?.value;
    if (!name || !/^[\w@./ -]{1,80}$/.test(name) || hubIdKind(name) === 'placeholder') continue;
    components.push({
      ref: `plugin:mcp/local/${name}`,
      kind: 'plugin',
      name,
      occurrences: [{ path: site.path, line: site.line(call.row), evidence: 'call', symbol: call.callee }],
      properties: [property('plugin:type', 'mcp-server'), property('mcp:source', 'workspace')],
      dependsOn: [],
    });
  }
  return components;
}

/**
 * A server defined in code inside a package that a manifest publishes as an MCP server
 * (`src/memory/index.ts` under `src/memory/package.json`) is that package's server: its occurrence
 * joins the package's plugin rather than listing the same server twice. Partials may be cached:
 * they are copied, never changed in place.
 */
export function alignCodeServers(partials: PartialInventory[]): PartialInventory[] {
  const packages: { folder: string; ref: string; name: string }[] = [];
  let defined = false;
  for (const partial of partials) {
    for (const component of partial.components) {
      if (!isWorkspaceServer(component)) continue;
      const occurrence = component.occurrences[0];
      // A published package owns the code; its container image or hosted endpoint does not.
      if (occurrence?.evidence === 'manifest' && /^plugin:mcp\/(?:npm|pypi)\//.test(component.ref))
        packages.push({ folder: folderOf(occurrence.path), ref: component.ref, name: component.name });
      else if (isCodeDefined(component)) defined = true;
    }
  }
  if (!defined || packages.length === 0) return partials;
  // The nearest package folder wins.
  packages.sort((a, b) => b.folder.length - a.folder.length);
  const owner = (path: string) => packages.find((entry) => entry.folder === '' || path.startsWith(`${entry.folder}/`));
  return partials.map((partial) => {
    if (!partial.components.some((component) => isCodeDefined(component))) return partial;
    const components = partial.components.map((component) => {
      const found = isCodeDefined(component) ? owner(component.occurrences[0]?.path ?? '') : undefined;
      return found ? { ...component, ref: found.ref, name: found.name } : component;
    });
    return { ...partial, components };
  });
}

function isWorkspaceServer(component: PartialComponent): boolean {
  return (
    component.kind === 'plugin' &&
    component.properties.some((entry) => entry.name === 'ai-posture:mcp:source' && entry.value === 'workspace')
  );
}

function isCodeDefined(component: PartialComponent): boolean {
  return isWorkspaceServer(component) && component.ref.startsWith('plugin:mcp/local/');
}

export function folderOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut < 0 ? '' : path.slice(0, cut);
}
