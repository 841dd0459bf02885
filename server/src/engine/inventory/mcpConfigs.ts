import { findNodeAtLocation, getNodeValue, type Node as JsonNode, parseTree } from 'jsonc-parser';
import { PackageURL } from 'packageurl-js';
import { isMap, isSeq, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { property, purlFor } from './build';
import { urlOrigin } from './catalog';
import { escapeRegExp, keyName, Lines, readToml } from './manifestText';
import type { Ecosystem, PartialComponent, Property } from './types';

/**
 * MCP servers in every client configuration format (VS Code, Copilot, Claude Desktop and Code,
 * Cursor, Windsurf, Gemini CLI, Kiro, Cline, Roo/Kilo, Continue, OpenCode, Codex, Zed). A local
 * server becomes a plugin with the package it runs (`npx pkg@1.2.3`, `uvx pkg==1.0`, a container
 * image); a remote one a plugin with its endpoint. Environment variables and headers are recorded
 * by name only: their values are often secrets.
 */

interface McpServer {
  name: string;
  line?: number;
  type?: string;
  command?: string;
  args: string[];
  url?: string;
  envNames: string[];
  headerNames: string[];
  disabled: boolean;
  autoApprove?: string;
  sandboxed: boolean;
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

/** Cheap test for configs in unknown places: the file mentions a servers key of some client. */
export function mightBeMcpConfig(text: string): boolean {
  return /["']?(?:mcpServers|mcp_servers|context_servers)["']?\s*[:=\]]|\[mcp_servers\./.test(text);
}

export function collectMcpConfig(path: string, text: string, client: string): PartialComponent[] {
  const lower = path.toLowerCase();
  let servers: McpServer[];
  if (lower.endsWith('.toml')) servers = tomlServers(text);
  else if (/\.ya?ml$/.test(lower)) servers = yamlServers(text);
  else servers = jsonServers(text);
  return servers.map((server) => serverComponent(path, client, server));
}

// ---------------------------------------------------------------------------------------------
// Formats

function jsonServers(text: string): McpServer[] {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (root?.type !== 'object') return [];
  const containers: JsonNode[] = [];
  for (const key of ['servers', 'mcpServers', 'context_servers']) {
    const node = findNodeAtLocation(root, [key]);
    if (node?.type === 'object') containers.push(node);
  }
  // VS Code settings: `"mcp": { "servers": … }`; OpenCode: `"mcp": { "name": { … } }`.
  const mcp = findNodeAtLocation(root, ['mcp']);
  const mcpServers = findNodeAtLocation(root, ['mcp', 'servers']);
  if (mcp?.type === 'object') containers.push(mcpServers?.type === 'object' ? mcpServers : mcp);
  const lines = new Lines(text);
  const servers: McpServer[] = [];
  for (const container of containers) {
    for (const pair of container.children ?? []) {
      const [keyNode, valueNode] = pair.children ?? [];
      if (typeof keyNode?.value !== 'string' || valueNode?.type !== 'object') continue;
      const server = toServer(keyNode.value, getNodeValue(valueNode) as Record<string, unknown>);
      if (server) servers.push({ ...server, line: lines.at(keyNode.offset) });
    }
  }
  return servers;
}

/** Continue: `mcpServers:` is a list of `{ name, type, command, args, env, url }`. */
function yamlServers(text: string): McpServer[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (!isMap(doc.contents)) return [];
  const list = doc.contents.get('mcpServers', true);
  const servers: McpServer[] = [];
  const add = (name: string, node: YAMLMap, offset: number | undefined) => {
    const server = toServer(name, node.toJSON() as Record<string, unknown>);
    if (server) servers.push({ ...server, line: offset !== undefined ? lineCounter.linePos(offset).line : undefined });
  };
  if (isSeq(list)) {
    for (const item of list.items) {
      if (isMap(item)) add(String(item.get('name') ?? 'unnamed'), item, item.range?.[0]);
    }
  } else if (isMap(list)) {
    for (const pair of list.items) {
      if (isMap(pair.value)) add(String((pair.key as { value?: unknown })?.value ?? pair.key), pair.value, pair.value.range?.[0]);
    }
  }
  return servers;
}

/** Codex: `[mcp_servers.<name>]` tables with `command`, `args`, `env`, `url`. */
function tomlServers(text: string): McpServer[] {
  const doc = readToml(text);
  if (!doc) return [];
  const lines = new Lines(text);
  const servers: McpServer[] = [];
  for (const [name, value] of Object.entries((doc.mcp_servers ?? {}) as Record<string, unknown>)) {
    if (!value || typeof value !== 'object') continue;
    const server = toServer(name, value as Record<string, unknown>);
    const line = lines.find(new RegExp(`^\\s*\\[mcp_servers\\.["']?${escapeRegExp(name)}["']?\\]`, 'm')) ?? lines.find(keyName(name));
    if (server) servers.push({ ...server, line });
  }
  return servers;
}

/** Normalises one server object of any client; undefined when it has neither a command nor a URL. */
function toServer(name: string, raw: Record<string, unknown>): McpServer | undefined {
  let command: string | undefined;
  let args: string[] = stringList(raw.args);
  if (typeof raw.command === 'string') command = raw.command;
  else if (Array.isArray(raw.command)) [command, ...args] = stringList(raw.command);
  else if (raw.command && typeof raw.command === 'object') {
    // Zed: `"command": { "path": "…", "args": [ … ] }`.
    const zed = raw.command as Record<string, unknown>;
    command = typeof zed.path === 'string' ? zed.path : undefined;
    args = stringList(zed.args);
  }
  const url = typeof raw.url === 'string' ? raw.url : typeof raw.serverUrl === 'string' ? raw.serverUrl : undefined;
  if (!command && !url) return undefined;
  const autoApprove = stringList(raw.autoApprove ?? raw.alwaysAllow);
  return {
    name,
    type: typeof raw.type === 'string' ? raw.type : typeof raw.transport === 'string' ? raw.transport : undefined,
    command,
    args,
    url,
    envNames: Object.keys(objectOf(raw.env ?? raw.environment)).sort(),
    headerNames: Object.keys(objectOf(raw.headers)).sort(),
    disabled: raw.disabled === true || raw.enabled === false,
    autoApprove: autoApprove.length > 0 ? (autoApprove.includes('*') ? '*' : String(autoApprove.length)) : undefined,
    sandboxed: raw.sandboxEnabled === true,
  };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function objectOf(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

// ---------------------------------------------------------------------------------------------
// Components

function transportOf(server: McpServer): 'stdio' | 'http' | 'sse' {
  const type = server.type?.toLowerCase();
  if (type === 'sse') return 'sse';
  if (type && ['http', 'streamable-http', 'streamablehttp', 'remote'].includes(type)) return 'http';
  if (type && ['stdio', 'local'].includes(type)) return 'stdio';
  if (server.url) return /\/sse\/?(?:[?#].*)?$/.test(server.url) ? 'sse' : 'http';
  return 'stdio';
}

function serverComponent(path: string, client: string, server: McpServer): PartialComponent {
  const transport = transportOf(server);
  const properties: Property[] = [
    property('plugin:type', 'mcp-server'),
    property('mcp:client', client),
    property('mcp:transport', transport),
  ];
  for (const name of server.envNames) properties.push(property('mcp:env', name));
  for (const name of server.headerNames) properties.push(property('mcp:header', name));
  if (server.disabled) properties.push(property('mcp:disabled', 'true'));
  if (server.autoApprove) properties.push(property('mcp:auto-approve', server.autoApprove));
  if (server.sandboxed) properties.push(property('mcp:sandbox', 'true'));
  const occurrence = { path, line: server.line, evidence: 'config' as const, symbol: server.name };
  const base = { kind: 'plugin' as const, name: server.name, transport, occurrences: [occurrence], properties, dependsOn: [] };
  if (transport !== 'stdio') {
    const origin = server.url ? urlOrigin(server.url) : undefined;
    const host = origin?.replace(/^[a-z]+:\/\//, '');
    const local = host !== undefined && /^(?:localhost|127\.|0\.0\.0\.0|\[::1\])/.test(host);
    return {
      ...base,
      ref: `plugin:mcp/remote/${host ?? server.name}`,
      endpoints: origin ? [origin] : [],
      trustZone: local ? 'local' : 'external',
    };
  }
  const launch = server.command ? launchedPackage(server.command, server.args) : undefined;
  if (server.command) properties.push(property('mcp:command', commandName(server.command)));
  if (!launch) return { ...base, ref: `plugin:mcp/local/${server.name}` };
  properties.push(property('mcp:package', launch.version ? `${launch.name}@${launch.version}` : launch.name));
  properties.push(property('mcp:pinned', launch.version ? 'true' : 'false'));
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

function commandName(command: string): string {
  return command.slice(Math.max(command.lastIndexOf('/'), command.lastIndexOf('\\')) + 1);
}

interface Launch {
  ecosystem: Ecosystem | 'docker';
  name: string;
  version?: string;
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
  const name = commandName(command)
    .toLowerCase()
    .replace(/\.(?:cmd|exe)$/, '');
  let rest = args;
  if ((name === 'pnpm' || name === 'yarn') && rest[0] === 'dlx') rest = rest.slice(1);
  else if (name === 'npm' && rest[0] === 'exec') rest = rest.slice(1);
  else if (name === 'uv' && rest[0] === 'tool' && rest[1] === 'run') rest = rest.slice(2);
  else if (name === 'pipx' && rest[0] === 'run') rest = rest.slice(1);
  else if ((name === 'docker' || name === 'podman') && rest[0] === 'run') rest = rest.slice(1);
  else if (name === 'go' && rest[0] === 'run') rest = rest.slice(1);
  else if (!['npx', 'bunx', 'pnpm', 'yarn', 'npm', 'uvx', 'dnx', 'docker', 'podman'].includes(name)) return undefined;
  const explicit = optionValue(rest, ['-p', '--package', '--from']);
  const spec = explicit ?? firstPositional(rest);
  if (!spec) return undefined;
  if (name === 'docker' || name === 'podman') return imageLaunch(spec);
  if (name === 'uvx' || name === 'uv' || name === 'pipx') return pythonLaunch(spec);
  if (name === 'dnx') return splitAt('nuget', spec);
  if (name === 'go') return spec.includes('.') ? splitAt('golang', spec) : undefined;
  return spec.startsWith('.') || spec.startsWith('/') ? undefined : splitAt('npm', spec);
}

function optionValue(args: string[], names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (names.includes(flag)) return inline ?? args[i + 1];
  }
  return undefined;
}

function firstPositional(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-')) return arg;
    if (VALUE_OPTIONS.has(arg)) i++;
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
  const pinned = /^([A-Za-z0-9][\w.-]*)(?:\[[^\]]*\])?\s*(?:===?|@)\s*([\w.!+-]+)$/.exec(spec);
  if (pinned) return { ecosystem: 'pypi', name: pinned[1], version: pinned[2] };
  const bare = /^([A-Za-z0-9][\w.-]*)/.exec(spec);
  return { ecosystem: 'pypi', name: bare ? bare[1] : spec };
}

function imageLaunch(spec: string): Launch {
  const digest = /@(sha256:[0-9a-f]+)$/i.exec(spec);
  const withoutDigest = digest ? spec.slice(0, digest.index) : spec;
  const tag = /:([\w][\w.-]*)$/.exec(withoutDigest);
  const name = tag ? withoutDigest.slice(0, tag.index) : withoutDigest;
  const version = digest?.[1] ?? (tag && tag[1] !== 'latest' ? tag[1] : undefined);
  return { ecosystem: 'docker', name, ...(version ? { version } : {}) };
}

function dockerPurl(image: string, version?: string): string {
  const cut = image.lastIndexOf('/');
  const namespace = cut > 0 ? image.slice(0, cut) : undefined;
  return new PackageURL('docker', namespace, image.slice(cut + 1), version, undefined, undefined).toString();
}
