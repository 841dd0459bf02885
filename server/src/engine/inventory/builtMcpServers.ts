import { type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { folderOf } from '../project';
import { normalizePackageName } from './catalog';
import { isOn } from './ciAgents';
import { property, purlFor } from './components';
import { lineOf } from './manifestText';
import { dockerPurl, imageLaunch, type McpTransport, mcpServerPlugin, transportOf } from './mcpConfigs';
import { parseRequirement } from './pythonManifests';
import type { Ecosystem, PartialComponent, PartialInventory } from './types';

/**
 * MCP servers the workspace builds itself: a package that declares its MCP Registry name
 * (`mcpName`), or publishes a command named as a server (`bin: { "mcp-server-everything": … }`,
 * `[project.scripts] mcp-server-fetch = …`) and depends on an MCP server SDK or says `mcp` in its
 * keywords; and the packages an MCP Registry
 * entry (`server.json`) publishes. The plugin is named by the published package, with the same ref
 * a client configuration launching that package gets, so both meet in one component;
 * `ai-posture:mcp:source` says it is built here.
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

/**
 * `package.json`: the package is an MCP server built here when it declares its registry name, or
 * publishes a server command with other evidence of MCP (a server SDK dependency, an `mcp` keyword).
 * A keyword alone, or an SDK without a server command (a client, a library), is not a server.
 */
export function builtNpmMcpServer(path: string, root: ConfigNode): PartialComponent[] {
  const name = root.get('name')?.string;
  if (!name) return [];
  const registered = root.get('mcpName')?.string !== undefined;
  if (!registered) {
    const bin = root.get('bin');
    const commands = bin?.kind === 'object' ? bin.entries().map(([key]) => key) : bin?.string ? [name.replace(/^@[^/]+\//, '')] : [];
    if (!isServerCommand(name, commands) || !(dependsOnSdk(root) || hasMcpKeyword(root)))
      return [packageFact(path, 'npm', name, lineOf(root.get('name')))];
  }
  return [builtServer(path, 'npm', name, root.get('version')?.string, lineOf(root.get('name')), registered ? 'mcpName' : 'bin')];
}

/** A runtime dependency on a server SDK: a dev-only SDK may serve a test harness or a client. */
function dependsOnSdk(root: ConfigNode): boolean {
  return dependsOn(
    root
      .get('dependencies')
      ?.entries()
      .map(([key]) => key),
    'npm',
  );
}

function hasMcpKeyword(root: ConfigNode): boolean {
  return (root.get('keywords')?.items() ?? []).some((item) =>
    /^(?:mcp|mcp-server|modelcontextprotocol|model-context-protocol)$/i.test(item.string ?? ''),
  );
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
  const fact = packageFact(path, 'pypi', name, lineOf(project?.get('name')));
  if (!dependsOn(dependencies, 'pypi')) return [fact];
  const scripts = project
    ?.get('scripts')
    ?.entries()
    .map(([key]) => key);
  if (!isServerCommand(name, scripts ?? [])) return [fact];
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

/** Refs of the package facts: never components themselves (`candidate`). */
export const PACKAGE_FACT = 'plugin:mcp-package/';

/**
 * A package of the workspace that publishes no MCP server by its manifest: the name a server its
 * code makes is known by (`alignCodeServers`: `apps/radar/package.json` names the server
 * `apps/radar/src/radar.app.ts` makes through the monorepo's own factory).
 */
export function packageFact(
  path: string,
  ecosystem: Extract<Ecosystem, 'npm' | 'pypi' | 'nuget'>,
  name: string,
  line: number | undefined,
): PartialComponent {
  return {
    ref: `${PACKAGE_FACT}${path}`,
    kind: 'plugin',
    name,
    ecosystem,
    occurrences: [{ path, ...(line !== undefined ? { line } : {}), evidence: 'manifest', symbol: 'name' }],
    properties: [property('plugin:type', 'mcp-server'), property('mcp:source', 'workspace')],
    dependsOn: [],
    candidate: true,
  };
}

function builtServer(
  path: string,
  ecosystem: Extract<Ecosystem, 'npm' | 'pypi'>,
  name: string,
  version: string | undefined,
  line: number | undefined,
  symbol: string,
  transport: McpTransport = 'stdio',
): PartialComponent {
  return {
    ref: `plugin:mcp/${ecosystem}/${name}`,
    kind: 'plugin',
    name,
    ecosystem,
    purl: purlFor(ecosystem, name, version),
    ...(version ? { version } : {}),
    occurrences: [{ path, ...(line !== undefined ? { line } : {}), evidence: 'manifest', symbol }],
    properties: [property('plugin:type', 'mcp-server'), property('mcp:source', 'workspace'), property('mcp:transport', transport)],
    dependsOn: [],
    transport,
  };
}

// ---------------------------------------------------------------------------------------------
// MCP Registry entries

/** Registry types of an MCP Registry entry's packages that name a package the BOM knows how to name. */
const REGISTRY_ECOSYSTEMS: Record<string, Extract<Ecosystem, 'npm' | 'pypi'> | 'docker'> = { npm: 'npm', pypi: 'pypi', oci: 'docker' };

/**
 * `server.json`, the MCP Registry entry `mcp-publisher` publishes: its `packages[]` are the server's
 * published packages (`registryType` npm, pypi or oci, with a transport) and its `remotes[]` the
 * endpoints it is hosted at. Each is a plugin built here, named as a client launching it names it.
 * A JSON file without the registry schema or a package with a registry type is something else.
 */
export function collectMcpRegistryEntry(path: string, text: string): PartialComponent[] {
  const root = configDocumentFor(text, 'json').root;
  const registryName = root?.get('name')?.string;
  if (root?.kind !== 'object' || !registryName) return [];
  const packages = (root.get('packages')?.items() ?? []).filter(
    (item) => item.get('registryType')?.string && item.get('identifier')?.string,
  );
  const schema = root.get('$schema')?.string ?? '';
  if (!/modelcontextprotocol\.io\/schemas\/.*server\.schema\.json/.test(schema) && packages.length === 0) return [];
  const components: PartialComponent[] = [];
  for (const entry of packages) {
    const ecosystem = REGISTRY_ECOSYSTEMS[(entry.get('registryType')?.string ?? '').toLowerCase()];
    const identifier = entry.get('identifier')?.string as string;
    if (!ecosystem) continue;
    const transport = transportOf(entry.get(['transport', 'type'])?.string, entry.get(['transport', 'url'])?.string);
    const line = lineOf(entry.get('identifier'));
    const version = entry.get('version')?.string;
    const component =
      ecosystem === 'docker'
        ? serverImage(path, identifier, line, 'server.json packages', 'manifest')
        : builtServer(path, ecosystem, identifier, version, line, 'server.json packages', transport);
    component.properties.push(property('mcp:registry-name', registryName));
    components.push(component);
  }
  for (const remote of root.get('remotes')?.items() ?? []) {
    const url = remote.get('url')?.string;
    if (!url || /\{[^}]*\}/.test(url)) continue;
    const plugin = mcpServerPlugin({
      name: registryName,
      client: 'mcp-registry',
      transport: transportOf(remote.get('type')?.string, url),
      url,
      args: [],
      env: [],
      headers: [],
      occurrence: { path, line: lineOf(remote.get('url')), evidence: 'manifest', symbol: 'server.json remotes' },
    });
    plugin.properties.push(property('mcp:source', 'workspace'), property('mcp:registry-name', registryName));
    components.push(plugin);
  }
  return components;
}

/** The container image of a server built here (`ghcr.io/org/server:1.0` → `plugin:mcp/docker/ghcr.io/org/server`). */
/** `ghcr.io/org/server:${VERSION}`: a tag filled in at release time names no version, and the image is the same. */
function withoutPlaceholderTag(spec: string): string {
  return spec.replace(/:(?:\$\{[^}]*\}|\{[^}]*\}|\$\w+)$/, '');
}

function serverImage(
  path: string,
  spec: string,
  line: number | undefined,
  symbol: string,
  evidence: 'manifest' | 'config',
): PartialComponent {
  const image = imageLaunch(withoutPlaceholderTag(spec));
  return {
    ref: `plugin:mcp/docker/${image.name}`,
    kind: 'plugin',
    name: image.name,
    purl: dockerPurl(image.name, image.version),
    ...(image.version ? { version: image.version } : {}),
    occurrences: [{ path, ...(line !== undefined ? { line } : {}), evidence, symbol }],
    properties: [property('plugin:type', 'mcp-server'), property('mcp:source', 'workspace'), property('mcp:transport', 'stdio')],
    dependsOn: [],
    transport: 'stdio',
  };
}

// ---------------------------------------------------------------------------------------------
// Container images a publish workflow pushes

const IMAGE_CONTEXT = 'mcp:image-context';

/**
 * Images a GitHub Actions workflow builds and pushes (`docker/build-push-action` with `push: true`,
 * its `tags`, or the `images` of the `docker/metadata-action` step its tags come from). Each is a
 * candidate with the folder it is built from: it becomes a plugin only when that folder publishes an
 * MCP server (`confirmServerImages`), so the images of other projects never reach the BOM.
 */
export function collectPushedImages(path: string, text: string): PartialComponent[] {
  const components: PartialComponent[] = [];
  const visit = (node: ConfigNode, depth: number): void => {
    if (depth > 32) return;
    for (const child of node.children) {
      if (child.key === 'steps' && child.kind === 'array') components.push(...pushedFromSteps(path, child.items()));
      else if (child.kind === 'object' || child.kind === 'array') visit(child, depth + 1);
    }
  };
  for (const root of configDocumentFor(text, 'yaml').documents) visit(root, 0);
  return components;
}

function pushedFromSteps(path: string, steps: readonly ConfigNode[]): PartialComponent[] {
  const usesOf = (step: ConfigNode) => step.get('uses')?.string ?? '';
  const metadata = new Map(
    steps.filter((step) => usesOf(step).startsWith('docker/metadata-action@')).map((step) => [step.get('id')?.string, step] as const),
  );
  const components: PartialComponent[] = [];
  for (const step of steps) {
    if (!usesOf(step).startsWith('docker/build-push-action@')) continue;
    const inputs = step.get('with');
    const context = buildContext(inputs?.get('context')?.string);
    if (!pushes(inputs?.get('push')) || context === undefined) continue;
    const tags = inputs?.get('tags');
    const fromMetadata = /steps\.([\w-]+)\.outputs\.tags/.exec(tags?.string ?? '')?.[1];
    const listed = fromMetadata ? metadata.get(fromMetadata)?.get(['with', 'images']) : tags;
    for (const spec of listedValues(listed)) {
      const candidate = serverImage(path, spec, lineOf(listed), usesOf(step).split('@')[0], 'config');
      candidate.candidate = true;
      candidate.properties = [property(IMAGE_CONTEXT, context)];
      components.push(candidate);
    }
  }
  return components;
}

/** `push: true`, or an expression (`${{ github.event_name != 'pull_request' }}`): it pushes on some events. */
function pushes(push: ConfigNode | undefined): boolean {
  return isOn(push?.value) || (push?.string?.includes('${{') ?? false);
}

/** The build context as a workspace folder (`.` → ``, `./server` → `server`); undefined when computed at run time. */
function buildContext(written: string | undefined): string | undefined {
  if (written === undefined) return '';
  if (written.includes('${{') || /^[a-z]+:\/\//i.test(written)) return undefined;
  return written.replace(/^\.\/?/, '').replace(/\/+$/, '');
}

/** Image references of a `tags`/`images` input: a list, or lines and commas; `name=…` entries of metadata-action too. */
function listedValues(node: ConfigNode | undefined): string[] {
  const values = node?.kind === 'array' ? node.items().map((item) => item.string ?? '') : (node?.string ?? '').split(/[\n,]/);
  return values
    .map((value) => value.trim().replace(/^name=/, ''))
    .filter(
      (value) => /^[a-z0-9][\w.-]*(?::\d+)?(?:\/[\w.-]+)+(?::[\w.-]+)?$/i.test(value) || /^[a-z0-9][\w.-]*(?::[\w.-]+)?$/i.test(value),
    );
}

/**
 * Keeps a pushed image when it is built from the folder of an MCP server the workspace publishes
 * (a `package.json`/`pyproject.toml` server or a `server.json` entry there) and its name says so
 * (`…/mcp`, `…-mcp-server`, or the server package's own name): it is then that server's container
 * image. Other candidates stay candidates, which the merge drops. Partials are copied, never changed.
 */
export function confirmServerImages(partials: PartialInventory[]): PartialInventory[] {
  const isCandidateImage = (component: PartialComponent) =>
    component.candidate === true && component.properties.some((entry) => entry.name === `ai-posture:${IMAGE_CONTEXT}`);
  if (!partials.some((partial) => partial.components.some(isCandidateImage))) return partials;
  const servers = new Map<string, string[]>();
  for (const partial of partials) {
    for (const component of partial.components) {
      const occurrence = component.occurrences[0];
      if (!isPublishedServer(component) || occurrence?.evidence !== 'manifest') continue;
      const folder = folderOf(occurrence.path);
      servers.set(folder, [...(servers.get(folder) ?? []), component.name]);
    }
  }
  return partials.map((partial) => {
    if (!partial.components.some(isCandidateImage)) return partial;
    const components = partial.components.map((component) => {
      if (!isCandidateImage(component)) return component;
      const context = component.properties[0]?.value ?? '';
      const server = (servers.get(context) ?? []).find((name) => imageNamesServer(component.name, name));
      if (!server) return component;
      const { candidate: _candidate, ...image } = component;
      return {
        ...image,
        properties: [
          property('plugin:type', 'mcp-server'),
          property('mcp:source', 'workspace'),
          property('mcp:transport', 'stdio'),
          property('mcp:image-of', server),
        ],
      };
    });
    return { ...partial, components };
  });
}

function isPublishedServer(component: PartialComponent): boolean {
  return (
    component.kind === 'plugin' &&
    !component.candidate &&
    component.properties.some((entry) => entry.name === 'ai-posture:mcp:source' && entry.value === 'workspace')
  );
}

/** `playwright/mcp`, `acme/weather-mcp-server`, or an image named after the package (`acme/weather` for `weather`). */
function imageNamesServer(image: string, server: string): boolean {
  const repository = image.slice(image.indexOf('/') + 1);
  const base = server.replace(/^@[^/]+\//, '').toLowerCase();
  return MCP_WORD.test(repository) || repository.toLowerCase().split('/').includes(base);
}
