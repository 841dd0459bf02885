import type { CodeFacts } from '../facts';
import { hubIdKind } from '../facts/hubIds';
import type { Node } from '../parse/treeSitter';
import { folderOf } from '../project';
import { isTestPath } from '../testCode';
import { PACKAGE_FACT } from './builtMcpServers';
import type { CodeSite } from './codeImports';
import { property } from './components';
import type { Occurrence, PartialComponent, PartialInventory } from './types';

/**
 * MCP servers that code in the workspace defines: Python `FastMCP("weather")` (the MCP SDK's and
 * the `fastmcp` package's) or `MCPServer("weather")`, TypeScript `new McpServer({ name: "weather" })`
 * or the low-level `new Server({ name, version })` of the MCP SDK. Each is a plugin the workspace
 * builds, named by the server name it gives (`plugin:mcp/local/<name>`, as a config starting a
 * local server names it); a test's server is a fixture and is left out. A server made without a
 * name of its own (an SDK or project factory, an `McpAgent` class, C# `AddMcpServer()`) is named by
 * the package it is in, when the merge knows it (`alignCodeServers`).
 */

/** Server classes by language: the called name and the module it must resolve through. */
const SERVER_CLASSES: Partial<Record<CodeFacts['language'], { method: string; origin: RegExp }[]>> = {
  python: [
    { method: 'FastMCP', origin: /^(?:mcp|fastmcp)\./ },
    { method: 'MCPServer', origin: /^mcp\./ },
    // The SDK's low-level server (`Server("mcp-simple-prompt")`), as its example servers are written.
    { method: 'Server', origin: /^mcp\.server\.(?:lowlevel\.(?:server\.)?)?Server$/ },
  ],
  // The C# SDK's server has no class to construct: `AddMcpServer()` (below) registers it.
  csharp: [],
  javascript: [
    { method: 'McpServer', origin: /^@modelcontextprotocol\/(?:sdk\/server|server)/ },
    { method: 'Server', origin: /^@modelcontextprotocol\/sdk\/server/ },
  ],
};

/**
 * Lower-case literals of the server classes, for the engine's one pass (`MCP_CODE_LITERALS`): a
 * Python file that only imports `mcp` is then parsed rather than read for its imports alone. The
 * low-level `new Server(…)` is too common a spelling to gate on; its file imports the SDK. Python's
 * low-level `Server` is gated by its import (`from mcp.server import Server`, `mcp.server.lowlevel`).
 */
export const MCP_SERVER_CODE_LITERALS = [
  'fastmcp(',
  'mcpserver(',
  'new mcpserver',
  'mcpapp',
  'mcphandler',
  'extends mcpagent',
  'mcp_server(',
  'mcp_app(',
  'mcp.server import server',
  'mcp.server.lowlevel',
];

/**
 * Functions that make an MCP server by their name (`createMcpHandler` of the Cloudflare Agents SDK
 * and `mcp-handler`, a monorepo's own `createAuthenticatedMcpApp`, `create_mcp_server()`): a call is
 * a server of the package it is in. A client's factory is not one.
 */
const SERVER_FACTORY = /^(?:create|make|build|init|setup|start|serve)_?\w*?mcp_?\w*?(?:server|app|handler|worker|agent)$/i;

/** The C# SDK registers a server in an ASP.NET or generic host: `builder.Services.AddMcpServer()`. */
const CSHARP_SERVER = 'AddMcpServer';

/** The Cloudflare Agents SDK class a Durable Object extends to serve MCP (`class MyMCP extends McpAgent`). */
const AGENT_CLASS = { name: 'McpAgent', origin: /^agents(?:\/|$)/ };

export function collectCodeMcpServerDefinitions(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const classes = SERVER_CLASSES[facts.language];
  if (!classes || isTestPath(site.path, { testCode: { paths: [], severity: 'demote' } })) return [];
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    const sdkClass = classes.some((entry) => entry.method === call.method && entry.origin.test(call.origin ?? ''));
    const csharp = facts.language === 'csharp' && call.method === CSHARP_SERVER;
    if (!sdkClass && !csharp && !SERVER_FACTORY.test(call.method)) continue;
    const name = sdkClass
      ? (call.args.find((arg) => arg.name === 'name') ?? call.args.find((arg) => arg.name === undefined))?.value
      : undefined;
    if (!name) {
      // The project's own factory wraps the SDK (`function createCloudflareMcpHandler() { return new McpServer(info) }`):
      // its callers make the servers.
      if (!insideServerFactory(call.node)) components.push(unnamedServer(site, site.line(call.row), call.callee));
      continue;
    }
    if (!/^[\w@./ -]{1,80}$/.test(name) || hubIdKind(name) === 'placeholder') continue;
    components.push({
      ref: `plugin:mcp/local/${name}`,
      kind: 'plugin',
      name,
      occurrences: [{ path: site.path, line: site.line(call.row), evidence: 'call', symbol: call.callee }],
      properties: [property('plugin:type', 'mcp-server'), property('mcp:source', 'workspace')],
      dependsOn: [],
    });
  }
  if (facts.language === 'javascript') components.push(...agentClasses(site, facts));
  // A file that names its server (`class MyMCP extends McpAgent { server = new McpServer({ name: "Demo" }) }`)
  // needs no name from its package: it is one server.
  const named = components.some((component) => !component.ref.startsWith(UNNAMED));
  return named ? components.filter((component) => !component.ref.startsWith(UNNAMED)) : components;
}

/** `class MyMCP extends McpAgent` (Cloudflare Agents SDK): a server of the package it is in. */
function agentClasses(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const heritage of facts.tree.rootNode.descendantsOfType('class_heritage')) {
    const base = heritage?.descendantsOfType('identifier')[0];
    const origin = base ? facts.javascript.originOf(base) : undefined;
    if (base?.text !== AGENT_CLASS.name || !origin || !AGENT_CLASS.origin.test(origin.module)) continue;
    components.push(unnamedServer(site, site.line(heritage?.startPosition.row ?? 0), `extends ${AGENT_CLASS.name}`));
  }
  return components;
}

/** A function or method whose name says it makes MCP servers: what it creates is made where it is called. */
function insideServerFactory(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    const name = FUNCTION_NODES.has(current.type) ? functionName(current) : undefined;
    if (name && FACTORY_NAME.test(name) && !/client/i.test(name)) return true;
  }
  return false;
}

/** A function that makes MCP servers for others, whatever it returns (`createCloudflareMcpServerFactory`, `create_mcp_app`). */
const FACTORY_NAME = /^(?:create|make|build|init|setup|get|new)_?\w*?mcp/i;

const FUNCTION_NODES = new Set([
  'function_declaration',
  'function_definition',
  'method_definition',
  'arrow_function',
  'function_expression',
]);

function functionName(node: Node): string | undefined {
  const own = node.childForFieldName('name')?.text;
  if (own) return own;
  // `const createMcpApp = (…) => …`
  return node.parent?.type === 'variable_declarator' ? node.parent.childForFieldName('name')?.text : undefined;
}

/** Refs of servers made without a name of their own: named by the package they are in, else left out. */
const UNNAMED = 'plugin:mcp/code/';

function unnamedServer(site: CodeSite, line: number, symbol: string): PartialComponent {
  return {
    ref: `${UNNAMED}${site.path}`,
    kind: 'plugin',
    name: site.path,
    occurrences: [{ path: site.path, line, evidence: 'call', symbol }],
    properties: [property('plugin:type', 'mcp-server'), property('mcp:source', 'workspace')],
    dependsOn: [],
    candidate: true,
  };
}

/**
 * A server defined in code inside a package that a manifest publishes as an MCP server
 * (`src/memory/index.ts` under `src/memory/package.json`) is that package's server: its occurrence
 * joins the package's plugin rather than listing the same server twice. A server made without a
 * name of its own (`createAuthenticatedMcpApp({…})` in `apps/radar/src/radar.app.ts`) is named by
 * the nearest package (`apps/radar/package.json`: `cloudflare-radar-mcp-server`), unless its code is
 * an example, a test or docs of that package; without a package it is left out. Partials may be
 * cached: they are copied, never changed in place.
 */
export function alignCodeServers(partials: PartialInventory[]): PartialInventory[] {
  const packages: { folder: string; ref: string; name: string; ecosystem?: string; published: boolean; manifest?: Occurrence }[] = [];
  let defined = false;
  for (const partial of partials) {
    for (const component of partial.components) {
      const occurrence = component.occurrences[0];
      if (component.ref.startsWith(PACKAGE_FACT) && occurrence)
        packages.push({
          folder: folderOf(occurrence.path),
          ref: `plugin:mcp/local/${component.name}`,
          name: component.name,
          ecosystem: component.ecosystem,
          published: false,
          manifest: occurrence,
        });
      if (!isWorkspaceServer(component)) continue;
      // A published package owns the code; its container image or hosted endpoint does not.
      if (occurrence?.evidence === 'manifest' && /^plugin:mcp\/(?:npm|pypi)\//.test(component.ref))
        packages.push({
          folder: folderOf(occurrence.path),
          ref: component.ref,
          name: component.name,
          ecosystem: component.ecosystem,
          published: true,
        });
      else if (isCodeDefined(component)) defined = true;
    }
  }
  if (!defined || packages.length === 0) return partials;
  // The nearest package folder wins; in one folder the published server.
  packages.sort((a, b) => b.folder.length - a.folder.length || Number(b.published) - Number(a.published));
  // A Python server belongs to a Python package, a TypeScript one to an npm package.
  const owner = (path: string) =>
    packages.find(
      (entry) =>
        (entry.folder === '' || path.startsWith(`${entry.folder}/`)) &&
        (entry.ecosystem === undefined || entry.ecosystem === ecosystemOfCode(path)),
    );
  return partials.map((partial) => {
    if (!partial.components.some((component) => isCodeDefined(component))) return partial;
    const components = partial.components.map((component) => {
      const path = component.occurrences[0]?.path ?? '';
      const found = isCodeDefined(component) ? owner(path) : undefined;
      if (!found) return component;
      if (component.ref.startsWith(UNNAMED)) {
        if (!found.published && (isAsideCode(path.slice(found.folder ? found.folder.length + 1 : 0)) || isTestUtilityPackage(found.name)))
          return component;
        const occurrences = found.manifest ? [...component.occurrences, found.manifest] : component.occurrences;
        return { ...component, ref: found.ref, name: found.name, occurrences, candidate: false };
      }
      return found.published ? { ...component, ref: found.ref, name: found.name } : component;
    });
    return { ...partial, components };
  });
}

function ecosystemOfCode(path: string): string {
  if (/\.(?:py|ipynb)$/i.test(path)) return 'pypi';
  return /\.cs$/i.test(path) ? 'nuget' : 'npm';
}

/**
 * Code of a package that is not the package's own server: examples, samples, tests, docs, scripts,
 * and test doubles by their file name (`test-mcp-server.ts`, `mock_server.py`).
 */
function isAsideCode(relative: string): boolean {
  return (
    /(?:^|\/)(?:examples?|samples?|demos?|tests?|__tests__|docs?|scripts|benchmarks?|evals?)\//i.test(relative) ||
    /(?:^|\/)(?:test|mock|fake|stub)[-_][^/]*$/i.test(relative)
  );
}

/**
 * A private package of test helpers (`@google/gemini-cli-test-utils`, `testing`, `test-helpers`):
 * the servers it starts are doubles for the project's tests, not a plugin the project ships.
 */
function isTestUtilityPackage(name: string): boolean {
  return /(?:^|[-_/.])(?:test|testing)(?:[-_]?(?:utils?|utilities|helpers?|kit|support|harness|fixtures?|rig))?$|(?:^|[-_/])(?:mocks?|fixtures)$/i.test(
    name,
  );
}

function isWorkspaceServer(component: PartialComponent): boolean {
  return (
    component.kind === 'plugin' &&
    component.properties.some((entry) => entry.name === 'ai-posture:mcp:source' && entry.value === 'workspace')
  );
}

function isCodeDefined(component: PartialComponent): boolean {
  return isWorkspaceServer(component) && (component.ref.startsWith('plugin:mcp/local/') || component.ref.startsWith(UNNAMED));
}
