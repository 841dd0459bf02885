import { PackageURL } from 'packageurl-js';
import mcpModulesData from '../data/mcp-modules.json';
import { type ConfigDocument, type ConfigFormat, type ConfigNode, configDocumentFor } from '../parse/configDocument';
import type { Range } from '../types';
import { urlOrigin } from './catalog';
import { property, purlFor } from './components';
import type { Ecosystem, Occurrence, PartialComponent, Property } from './types';

/**
 * MCP servers in every client configuration format (VS Code, Copilot, Claude Desktop and Code,
 * Cursor, Windsurf, Gemini CLI, Kiro, Cline, Roo/Kilo, Continue, OpenCode, Codex, Zed). A local
 * server becomes a plugin with the package it runs (`npx pkg@1.2.3`, `uvx pkg==1.0`, a container
 * image); a remote one a plugin with its endpoint. Environment variables and headers are recorded
 * by name only: their values are often secrets.
 *
 * `readMcpServers` is the ranged model the BOM and the MCP rules share: every part of a server is
 * the `ConfigNode` it was read from, so a rule can point at the exact `command`, `args` item,
 * `env`/`headers` value or `url`.
 */

export type McpTransport = 'stdio' | 'http' | 'sse';

export interface McpServer {
  name: string;
  /** The MCP client whose configuration declares the server (`vscode`, `claude-desktop`, `codex`, …). */
  client: string;
  path: string;
  /** The server's whole entry. */
  node: ConfigNode;
  /** Where the name is written: the key of the entry, or the `name` value in a Continue list. */
  nameRange: Range;
  transport: McpTransport;
  /** `type` (or `transport`) as written. */
  type?: ConfigNode;
  /** The program: `command`, the first item of a command array, or Zed's `command.path`. */
  command?: ConfigNode;
  /** Each argument, in order (string items only). */
  args: ConfigNode[];
  /** `env` (or `environment`) members: `key`/`keyRange` name the variable, `range` is its value. */
  env: ConfigNode[];
  headers: ConfigNode[];
  /** `url` (or `serverUrl`). */
  url?: ConfigNode;
  disabled: boolean;
  /** `autoApprove` / `alwaysAllow` items. */
  autoApprove: ConfigNode[];
  sandboxed: boolean;
  /** VS Code's `inputs` (prompted variables such as `${input:token}`), when the file has them. */
  inputs?: ConfigNode;
}

/** Which MCP client a config path belongs to, or undefined when the path is not an MCP config. */
export function mcpClientOf(path: string): string | undefined {
  const lower = path.toLowerCase();
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  const known: [RegExp, string][] = [
    [/(?:^|\/)\.vscode\/mcp\.json$/, 'vscode'],
    [/(?:^|\/)\.vscode\/settings\.json$/, 'vscode'],
    [/(?:^|\/)\.cursor\/mcp\.json$/, 'cursor'],
    [/(?:^|\/)\.kiro\/settings\/mcp\.json$/, 'kiro'],
    [/(?:^|\/)\.roo\/mcp\.json$/, 'roo-code'],
    [/(?:^|\/)\.kilocode\/mcp\.json$/, 'kilo-code'],
    [/(?:^|\/)\.gemini\/(?:antigravity\/mcp_config|settings)\.json$/, 'gemini-cli'],
    [/(?:^|\/)\.claude\/settings(?:\.local)?\.json$/, 'claude-code'],
    [/(?:^|\/)\.zed\/settings\.json$/, 'zed'],
    [/(?:^|\/)\.continue\/(?:config\.ya?ml|mcpservers\/[^/]+\.(?:ya?ml|json))$/, 'continue'],
    [/(?:^|\/)\.codex\/config\.toml$/, 'codex'],
    [/(?:^|\/)\.copilot\/mcp-config\.json$/, 'copilot-cli'],
  ];
  for (const [pattern, client] of known) if (pattern.test(lower)) return client;
  switch (base) {
    case '.mcp.json':
      return 'claude-code';
    case 'claude_desktop_config.json':
      return 'claude-desktop';
    case 'mcp_config.json':
      return 'windsurf';
    case 'cline_mcp_settings.json':
      return 'cline';
    case 'mcp_settings.json':
      return 'roo-code';
    case 'managed-mcp.json':
      return 'claude-code';
    case 'opencode.json':
    case 'opencode.jsonc':
      return 'opencode';
    case 'mcp.json':
    case 'mcp-config.json':
      return 'mcp';
    default:
      return undefined;
  }
}

/**
 * The MCP client whose configuration a text is, the way the AI-BOM decides it: a known config path
 * (VS Code settings only when they have an `mcp` section), else `unknown` for a configuration file
 * elsewhere that has an MCP servers key, else undefined. Rules and the BOM read the same files.
 */
export function mcpClientForText(path: string, text: string): string | undefined {
  const client = mcpClientOf(path);
  const basename = path.slice(path.lastIndexOf('/') + 1);
  if (client === 'vscode' && basename === 'settings.json') return text.includes('"mcp"') ? client : undefined;
  return client ?? (mightBeMcpConfig(text) ? 'unknown' : undefined);
}

/** Cheap test for configs in unknown places: the file mentions a servers key of some client. */
export function mightBeMcpConfig(text: string): boolean {
  return /["']?(?:mcpServers|mcp_servers|context_servers)["']?\s*[:=\]]|\[mcp_servers\./.test(text);
}

/** The format of an MCP configuration file, by its extension (JSON with comments unless YAML or TOML). */
export function mcpConfigFormat(path: string): ConfigFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.toml')) return 'toml';
  return /\.ya?ml$/.test(lower) ? 'yaml' : 'json';
}

export function collectMcpConfig(path: string, text: string, client: string): PartialComponent[] {
  const document = configDocumentFor(text, mcpConfigFormat(path));
  return readMcpServers(path, document, client).map((server) => serverComponent(path, client, server));
}

// ---------------------------------------------------------------------------------------------
// The ranged model

/**
 * Where each format keeps its servers: JSON clients under `servers` (VS Code), `mcpServers`,
 * `context_servers` (Zed) or `mcp` (`mcp.servers` in VS Code settings, OpenCode's `mcp`); Continue's
 * YAML under `mcpServers` (a list of `{ name, … }` or a map); Codex's TOML under `[mcp_servers.<name>]`.
 */
function serverContainers(root: ConfigNode, format: ConfigFormat): ConfigNode[] {
  if (format === 'toml') return [root.get('mcp_servers')].filter(isContainer);
  if (format === 'yaml') return [root.get('mcpServers')].filter(isContainer);
  const containers = ['servers', 'mcpServers', 'context_servers'].map((key) => root.get(key)).filter(isObject);
  const mcp = root.get('mcp');
  const mcpServers = root.get(['mcp', 'servers']);
  if (isObject(mcp)) containers.push(isObject(mcpServers) ? mcpServers : mcp);
  return containers;
}

/** Every MCP server a configuration document declares, with the nodes it was read from. */
export function readMcpServers(path: string, document: ConfigDocument, client: string): McpServer[] {
  const root = document.root;
  if (root?.kind !== 'object') return [];
  const inputs = root.get('inputs') ?? root.get(['mcp', 'inputs']);
  const servers: McpServer[] = [];
  for (const container of serverContainers(root, document.format)) {
    for (const entry of container.children) {
      if (entry.kind !== 'object') continue;
      // A list entry names itself; a map entry is named by its key.
      const listed = container.kind === 'array';
      const nameNode = listed ? entry.get('name') : undefined;
      const name = listed ? String(nameNode?.value ?? 'unnamed') : String(entry.key);
      const nameRange = (listed ? nameNode?.range : entry.keyRange) ?? entry.range;
      const server = readServer(entry, { name, client, path, nameRange, ...(inputs ? { inputs } : {}) });
      if (server) servers.push(server);
    }
  }
  return servers;
}

type ServerIdentity = Pick<McpServer, 'name' | 'client' | 'path' | 'nameRange' | 'inputs'>;

/** One server entry of any client; undefined when it has neither a command nor a URL. */
function readServer(node: ConfigNode, identity: ServerIdentity): McpServer | undefined {
  const launch = launchNodes(node);
  const url = stringNode(node.get('url')) ?? stringNode(node.get('serverUrl'));
  if (!launch.command && !url) return undefined;
  const type = stringNode(node.get('type')) ?? stringNode(node.get('transport'));
  const env = node.get('env') ?? node.get('environment');
  return {
    ...identity,
    node,
    transport: transportOf(type?.string, url?.string),
    ...(type ? { type } : {}),
    ...(launch.command ? { command: launch.command } : {}),
    args: launch.args,
    env: [...members(env), ...launch.env],
    headers: members(node.get('headers')),
    ...(url ? { url } : {}),
    disabled: node.get('disabled')?.value === true || node.get('enabled')?.value === false,
    autoApprove: stringItems(node.get('autoApprove') ?? node.get('alwaysAllow')),
    sandboxed: node.get('sandboxEnabled')?.value === true,
  };
}

/** `command` + `args`; a command array (`["npx", "-y", "pkg"]`); Zed's `command: { path, args, env }`. */
function launchNodes(node: ConfigNode): { command?: ConfigNode; args: ConfigNode[]; env: ConfigNode[] } {
  const command = node.get('command');
  if (command?.kind === 'array') {
    const [program, ...args] = stringItems(command);
    return { command: program, args, env: [] };
  }
  if (command?.kind === 'object') {
    return { command: stringNode(command.get('path')), args: stringItems(command.get('args')), env: members(command.get('env')) };
  }
  return { command: stringNode(command), args: stringItems(node.get('args')), env: [] };
}

function stringNode(node: ConfigNode | undefined): ConfigNode | undefined {
  return node?.string !== undefined ? node : undefined;
}

function stringItems(node: ConfigNode | undefined): ConfigNode[] {
  return (node?.items() ?? []).filter((item) => item.string !== undefined);
}

function members(node: ConfigNode | undefined): ConfigNode[] {
  return node?.kind === 'object' ? [...node.children] : [];
}

function isObject(node: ConfigNode | undefined): node is ConfigNode {
  return node?.kind === 'object';
}

function isContainer(node: ConfigNode | undefined): node is ConfigNode {
  return node?.kind === 'object' || node?.kind === 'array';
}

// ---------------------------------------------------------------------------------------------
// Components

/** The transport a server's `type` (or `transport`) says, else its URL's path (`/sse`), else stdio. */
export function transportOf(written: string | undefined, url: string | undefined): McpTransport {
  const type = written?.toLowerCase();
  if (type === 'sse') return 'sse';
  if (type && ['http', 'streamable-http', 'streamablehttp', 'remote'].includes(type)) return 'http';
  if (type && ['stdio', 'local'].includes(type)) return 'stdio';
  if (url) return /\/sse\/?(?:[?#].*)?$/.test(url) ? 'sse' : 'http';
  return 'stdio';
}

/** Names only: values are often secrets. */
function names(entries: ConfigNode[]): string[] {
  return entries.map((entry) => String(entry.key));
}

/** `*` when everything is approved, else how many tools are. */
function autoApproveSummary(items: ConfigNode[]): string {
  return items.some((item) => item.string === '*') ? '*' : String(items.length);
}

function serverComponent(path: string, client: string, server: McpServer): PartialComponent {
  const line = server.nameRange.start.line + 1;
  const endLine = Math.max(line, server.node.range.end.line + 1);
  return mcpServerPlugin({
    name: server.name,
    client,
    transport: server.transport,
    ...(server.command?.string !== undefined ? { command: server.command.string } : {}),
    args: server.args.map((arg) => arg.string as string),
    ...(server.url?.string !== undefined ? { url: server.url.string } : {}),
    env: names(server.env),
    headers: names(server.headers),
    disabled: server.disabled,
    ...(server.autoApprove.length > 0 ? { autoApprove: autoApproveSummary(server.autoApprove) } : {}),
    sandboxed: server.sandboxed,
    occurrence: { path, line, ...(endLine > line ? { endLine } : {}), evidence: 'config', symbol: server.name },
  });
}

/**
 * An MCP server as plain values, wherever it was declared (a client configuration, or code that
 * starts or connects to it): the one input of `mcpServerPlugin`.
 */
export interface McpServerSpec {
  /** The server's name as written (a config key, a `name` argument), or what it runs when it has none. */
  name: string;
  /** The MCP client or framework that declares it (`vscode`, `claude-desktop`, `openai-agents`, …). */
  client: string;
  transport: McpTransport;
  command?: string;
  args: string[];
  url?: string;
  /** Environment variable and header names (never their values). */
  env: string[];
  headers: string[];
  disabled?: boolean;
  autoApprove?: string;
  sandboxed?: boolean;
  occurrence: Occurrence;
}

/**
 * The plugin component of an MCP server: one identity for a package however it is declared (the
 * package it launches, else the remote host, else the local name), so the same server configured in
 * a file and started in code is one plugin with two occurrences.
 */
export function mcpServerPlugin(spec: McpServerSpec): PartialComponent {
  const { transport, command, url } = spec;
  const properties: Property[] = [
    property('plugin:type', 'mcp-server'),
    property('mcp:client', spec.client),
    property('mcp:transport', transport),
  ];
  for (const name of [...new Set(spec.env)].sort()) properties.push(property('mcp:env', name));
  for (const name of [...new Set(spec.headers)].sort()) properties.push(property('mcp:header', name));
  if (spec.disabled) properties.push(property('mcp:disabled', 'true'));
  if (spec.autoApprove) properties.push(property('mcp:auto-approve', spec.autoApprove));
  if (spec.sandboxed) properties.push(property('mcp:sandbox', 'true'));
  const base = { kind: 'plugin' as const, name: spec.name, transport, occurrences: [spec.occurrence], properties, dependsOn: [] };
  if (transport !== 'stdio') {
    const origin = url ? urlOrigin(url) : undefined;
    const host = origin?.replace(/^[a-z]+:\/\//, '');
    const local = host !== undefined && /^(?:localhost|127\.|0\.0\.0\.0|\[::1\])/.test(host);
    return {
      ...base,
      ref: `plugin:mcp/remote/${host ?? spec.name}`,
      endpoints: origin ? [origin] : [],
      trustZone: local ? 'local' : 'external',
    };
  }
  const launch = command ? launchedPackage(command, spec.args) : undefined;
  if (command) properties.push(property('mcp:command', commandName(command)));
  if (!launch) return { ...base, ref: `plugin:mcp/local/${spec.name}` };
  properties.push(property('mcp:package', launch.version ? `${launch.name}@${launch.version}` : launch.name));
  if (launch.module) properties.push(property('mcp:module', launch.module));
  else properties.push(property('mcp:pinned', isExactPin(launch) ? 'true' : 'false'));
  const purl =
    launch.ecosystem === 'docker' ? dockerPurl(launch.name, launch.version) : purlFor(launch.ecosystem, launch.name, launch.version);
  return {
    ...base,
    ref: `plugin:mcp/${launch.ecosystem}/${launch.name}`,
    purl,
    ...(launch.version ? { version: launch.version } : {}),
    ...(launch.ecosystem !== 'docker' ? { ecosystem: launch.ecosystem } : {}),
  };
}

export function commandName(command: string): string {
  return command.slice(Math.max(command.lastIndexOf('/'), command.lastIndexOf('\\')) + 1);
}

export interface Launch {
  ecosystem: Ecosystem | 'docker';
  name: string;
  version?: string;
  /** The Python module `python -m` runs, when the package is known by its module. */
  module?: string;
}

/** `1.2.3`, `v1.2.3-rc.1+build`: an npm version that names one release (`@1`, `@^1.2`, `@latest` move). */
export const EXACT_SEMVER = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Whether the launch names one release, as AIP601 judges it: an exact npm version, a Python
 * `==`/`@` version, or an image digest (a tag can be pushed again).
 */
function isExactPin(launch: Launch): boolean {
  if (!launch.version) return false;
  if (launch.ecosystem === 'docker') return launch.version.startsWith('sha256:');
  if (launch.ecosystem === 'npm') return EXACT_SEMVER.test(launch.version);
  return true;
}

/** A launched package and where its spec is written, for rules that point at it or edit it. */
export interface PlacedLaunch extends Launch {
  /** The package or image as written (`pkg@^1`, `pkg>=1`, `image:tag`). */
  spec: string;
  /** Which argument holds the spec, and where it starts in it (after `--package=`). */
  argIndex: number;
  specStart: number;
}

/** Options of package runners that take a value as the next argument. */
const VALUE_OPTIONS = new Set([
  '-p',
  '--package',
  '--from',
  '--with',
  '--python',
  '--index-url',
  '-e',
  '--env',
  '-v',
  '--volume',
  '--name',
  '--network',
  '--mount',
  '-w',
  '--workdir',
  '--user',
  '-u',
  '--entrypoint',
  '--env-file',
  '--platform',
  '--registry',
  '--cache',
  '--prefix',
]);

/** The package a server command runs: `npx -y pkg@1`, `uvx --from pkg==1 cmd`, `docker run image:tag`, `dnx Pkg@1`, `go run mod@v1`. */
export function launchedPackage(command: string, args: string[]): Launch | undefined {
  const placed = placedLaunch(command, args);
  if (!placed) return moduleLaunch(command, args);
  const { spec: _spec, argIndex: _argIndex, specStart: _specStart, ...launch } = placed;
  return launch;
}

const MCP_MODULES: Readonly<Record<string, string>> = mcpModulesData.modules;
const PYTHON_PROGRAM = /^python(?:3(?:\.\d+)?)?(?:\.exe)?$/i;

/**
 * `python -m mcp_server_git`, `uv run python -m mcp_server_git`, `uv run -m mcp_server_git`: the
 * published server whose module runs (`mcp-modules.json`). The module comes from an environment
 * the project installed, so no runner fetches it: the BOM names it, pin rules do not judge it.
 */
function moduleLaunch(command: string, args: string[]): Launch | undefined {
  let start = 0;
  if (commandName(command) === 'uv' && args[0] === 'run') {
    const python = args.findIndex((arg, index) => index > 0 && PYTHON_PROGRAM.test(commandName(arg)));
    start = python > 0 ? python + 1 : args.findIndex((arg) => arg === '-m' || arg === '--module');
    if (start < 0) return undefined;
  } else if (!PYTHON_PROGRAM.test(commandName(command))) return undefined;
  if (args[start] !== '-m' && args[start] !== '--module') return undefined;
  const module = args[start + 1];
  const name = module !== undefined && Object.hasOwn(MCP_MODULES, module) ? MCP_MODULES[module] : undefined;
  return name ? { ecosystem: 'pypi', name, module } : undefined;
}

/** `launchedPackage` with the argument and offset of the package spec. */
export function placedLaunch(command: string, args: string[]): PlacedLaunch | undefined {
  const name = commandName(command)
    .toLowerCase()
    .replace(/\.(?:cmd|exe)$/, '');
  let skipped = 0;
  if ((name === 'pnpm' || name === 'yarn') && args[0] === 'dlx') skipped = 1;
  else if (name === 'npm' && args[0] === 'exec') skipped = 1;
  else if (name === 'uv' && args[0] === 'tool' && args[1] === 'run') skipped = 2;
  else if (name === 'pipx' && args[0] === 'run') skipped = 1;
  else if ((name === 'docker' || name === 'podman') && args[0] === 'run') skipped = 1;
  else if (name === 'go' && args[0] === 'run') skipped = 1;
  // `pnpm start`, `npm run dev`, `docker mcp gateway run`: a subcommand that starts no package.
  else if (!['npx', 'bunx', 'uvx', 'dnx'].includes(name)) return undefined;
  const rest = args.slice(skipped);
  const container = name === 'docker' || name === 'podman';
  const found = container ? imagePositional(rest) : (optionValue(rest, ['-p', '--package', '--from']) ?? firstPositional(rest));
  if (!found) return undefined;
  const where = { spec: found.spec, argIndex: found.index + skipped, specStart: found.start };
  const launch = launchOf(name, found.spec);
  return launch ? { ...launch, ...where } : undefined;
}

function launchOf(runner: string, spec: string): Launch | undefined {
  if (runner === 'docker' || runner === 'podman') return imageLaunch(spec);
  if (runner === 'uvx' || runner === 'uv' || runner === 'pipx') return pythonLaunch(spec);
  if (runner === 'dnx') return splitAt('nuget', spec);
  if (runner === 'go') return spec.includes('.') ? splitAt('golang', spec) : undefined;
  if (spec.startsWith('.') || spec.startsWith('/')) return undefined;
  const launch = splitAt('npm', spec);
  // `npx tsx server.ts`: the package only runs the project's own script, which is the server.
  return SCRIPT_RUNNERS.has(launch.name) ? undefined : launch;
}

/** npm packages that run a script file rather than being the server (`npx -y tsx src/server.ts`). */
export const SCRIPT_RUNNERS: ReadonlySet<string> = new Set(['tsx', 'ts-node', 'node']);

interface FoundSpec {
  spec: string;
  index: number;
  start: number;
}

function optionValue(args: string[], names: string[]): FoundSpec | undefined {
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (!names.includes(flag)) continue;
    if (inline !== undefined) return { spec: inline, index: i, start: flag.length + 1 };
    return i + 1 < args.length ? { spec: args[i + 1], index: i + 1, start: 0 } : undefined;
  }
  return undefined;
}

function firstPositional(args: string[]): FoundSpec | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-')) return { spec: arg, index: i, start: 0 };
    if (VALUE_OPTIONS.has(arg)) i++;
  }
  return undefined;
}

/** `docker run` options without a value; every other long option and most short ones take one. */
const DOCKER_FLAGS = new Set([
  '-i',
  '-t',
  '-it',
  '-ti',
  '-d',
  '-P',
  '--rm',
  '--init',
  '--interactive',
  '--tty',
  '--detach',
  '--privileged',
  '--read-only',
  '--publish-all',
  '--no-healthcheck',
  '--oom-kill-disable',
  '--sig-proxy',
  '--quiet',
  '-q',
]);

/** The image of `docker run [options] image [command]`. */
function imagePositional(args: string[]): FoundSpec | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-')) return { spec: arg, index: i, start: 0 };
    if (!arg.includes('=') && !DOCKER_FLAGS.has(arg)) i++;
  }
  return undefined;
}

/** `name@1.2.3`, `@scope/name@1.2.3`; a tag such as `@latest` is not a version. */
function splitAt(ecosystem: Ecosystem, spec: string): Launch {
  const at = spec.lastIndexOf('@');
  if (at <= 0) return { ecosystem, name: spec };
  const version = spec.slice(at + 1);
  return { ecosystem, name: spec.slice(0, at), ...(/^v?\d/.test(version) ? { version } : {}) };
}

function pythonLaunch(spec: string): Launch {
  // `pkg@latest` is a moving tag, not a version: only a version that starts with a digit pins.
  const pinned = /^([A-Za-z0-9][\w.-]*)(?:\[[^\]]*\])?\s*(?:===?|@)\s*(v?\d[\w.!+-]*)$/.exec(spec);
  if (pinned) return { ecosystem: 'pypi', name: pinned[1], version: pinned[2] };
  const bare = /^([A-Za-z0-9][\w.-]*)/.exec(spec);
  return { ecosystem: 'pypi', name: bare ? bare[1] : spec };
}

/** An image reference as a launch: its name without tag or digest, and the tag or digest as the version. */
export function imageLaunch(spec: string): Launch {
  const digest = /@(sha256:[0-9a-f]+)$/i.exec(spec);
  const withoutDigest = digest ? spec.slice(0, digest.index) : spec;
  const tag = /:([\w][\w.-]*)$/.exec(withoutDigest);
  const name = tag ? withoutDigest.slice(0, tag.index) : withoutDigest;
  const version = digest?.[1] ?? (tag && tag[1] !== 'latest' ? tag[1] : undefined);
  return { ecosystem: 'docker', name, ...(version ? { version } : {}) };
}

export function dockerPurl(image: string, version?: string): string {
  const cut = image.lastIndexOf('/');
  const namespace = cut > 0 ? image.slice(0, cut) : undefined;
  return new PackageURL('docker', namespace, image.slice(cut + 1), version, undefined, undefined).toString();
}
