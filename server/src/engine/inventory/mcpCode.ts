import type { ResolvedConfig } from '../config/config';
import type { CodeArg, CodeCall, CodeFacts } from '../facts';
import { hubIdKind } from '../facts/hubIds';
import { objectPairs } from '../parse/javascript';
import type { Node } from '../parse/treeSitter';
import { isTestPath } from '../testCode';
import { urlOrigin } from './catalog';
import type { CodeSite } from './codeImports';
import { keyNamedService, keyNameFor } from './keyNames';
import { commandName, launchedPackage, type McpTransport, mcpServerPlugin, SCRIPT_RUNNERS, transportOf } from './mcpConfigs';
import { MCP_SERVER_CODE_LITERALS } from './mcpServerCode';
import type { PartialComponent } from './types';

/**
 * MCP servers that code starts or connects to: the MCP SDKs' transports (`StdioServerParameters`,
 * `StdioClientTransport`, `streamablehttp_client`, C# `StdioClientTransportOptions`), agent
 * frameworks' server classes (OpenAI Agents, pydantic-ai, Semantic Kernel, LlamaIndex, Agno, Google
 * ADK, smolagents, the Vercel AI SDK) and server maps (`MultiServerMCPClient({...})`, Claude Agent SDK
 * `mcp_servers` / `mcpServers`). Each becomes the same plugin a client configuration gives
 * (`mcpServerPlugin`), so a package configured in a file and started in code is one plugin.
 *
 * Values are literals or names bound once to literals (the facts' value engine); a command, an
 * argument list or a URL built at run time leaves the server out rather than guessing it.
 */

/** Lower-case literals of the one pass: a code file without any of them is never parsed for this. */
export const MCP_CODE_LITERALS = [
  ...MCP_SERVER_CODE_LITERALS,
  'mcpstreamablehttptool',
  'mcpwebsockettool',
  'mcpstdiotool',
  'stdioserverparameters',
  'stdioclienttransport',
  'mcpserverstdio',
  'mcpserversse',
  'mcpserverstreamablehttp',
  'mcpserverhttp',
  'streamablehttp_client',
  'streamable_http_client',
  'sse_client',
  'streamablehttpclienttransport',
  'sseclienttransport',
  'httpclienttransport',
  'multiservermcpclient',
  'mcpstdioplugin',
  'mcpsseplugin',
  'mcpstreamablehttpplugin',
  'basicmcpclient',
  'mcptools',
  'from_mcp',
  'mcpclient',
  'sseconnectionparams',
  'sseserverparams',
  // `DOCS_MCP_URL = "https://…/mcp"`: a constant another file gives its MCP client.
  'mcp_url',
  'mcp_server_url',
  'mcp_endpoint',
  'streamablehttpconnectionparams',
  'createmcpclient',
  'stdiomcptransport',
  'mcp_servers',
  'mcpservers',
  // Server presets written as data: the package names say MCP.
  '@modelcontextprotocol/server-',
  'mcp-server-',
  '-mcp',
  'server_label',
  'serverlabel',
];

export function collectCodeMcpServers(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const reader = new ServerReader(facts);
  const found: Declared[] = [];
  for (const call of facts.calls) found.push(...reader.fromCall(call));
  found.push(...reader.fromServerMaps(), ...reader.fromUrlConstants());
  const plugins = found.flatMap((server) => {
    const plugin = toPlugin(server, site);
    return plugin ? [plugin, ...keyServices(server, site)] : [];
  });
  // A preset is a server not declared otherwise: not inside a call or map read above, nor its package again.
  const refs = new Set(plugins.map((plugin) => plugin.ref));
  const inside = (node: Node) => found.some((server) => server.node.startIndex <= node.startIndex && node.endIndex <= server.node.endIndex);
  for (const preset of reader.presets()) {
    const plugin = inside(preset.node) ? undefined : toPlugin(preset, site);
    if (plugin && !refs.has(plugin.ref)) plugins.push(plugin, ...keyServices(preset, site));
    if (plugin) refs.add(plugin.ref);
  }
  return plugins;
}

/** One server as code declares it, before the shared decision turns it into a plugin. */
interface Declared {
  client: string;
  /** Where it is declared: the call or map entry, for the occurrence. */
  node: Node;
  symbol: string;
  name?: string;
  type?: string;
  command?: string;
  /** The arguments, `undefined` where a value is built at run time. */
  args: (string | undefined)[];
  url?: string;
  env: string[];
  headers: string[];
  /** A hosted MCP tool whose label is written but whose URL is computed at run time (`os.getenv(…)`). */
  labelOnly?: boolean;
}

/** A transport or server class and how it takes its server. */
type Shape = 'stdio' | 'url' | 'params' | 'map' | 'commandOrUrl' | 'commandLines' | 'stdioOptions' | 'remoteOptions';

interface Entry {
  shape: Shape;
  client: string;
  /** `sse` or `http` for URL shapes whose class says it. */
  transport?: McpTransport;
  /** Only when the callee resolves through an import of this module (generic function names). */
  module?: string;
}

/** Calls by lower-case method name, per language. */
const PYTHON: Record<string, Entry> = {
  stdioserverparameters: { shape: 'stdio', client: 'mcp-sdk' },
  streamablehttp_client: { shape: 'url', client: 'mcp-sdk', transport: 'http', module: 'mcp' },
  streamable_http_client: { shape: 'url', client: 'mcp-sdk', transport: 'http', module: 'mcp' },
  sse_client: { shape: 'url', client: 'mcp-sdk', transport: 'sse', module: 'mcp' },
  mcpserverstdio: { shape: 'params', client: 'openai-agents' },
  mcpserversse: { shape: 'params', client: 'openai-agents', transport: 'sse' },
  mcpserverstreamablehttp: { shape: 'params', client: 'openai-agents', transport: 'http' },
  mcpserverhttp: { shape: 'params', client: 'pydantic-ai', transport: 'http' },
  multiservermcpclient: { shape: 'map', client: 'langchain-mcp-adapters' },
  mcpstdioplugin: { shape: 'stdio', client: 'semantic-kernel' },
  mcpsseplugin: { shape: 'url', client: 'semantic-kernel', transport: 'sse' },
  mcpstreamablehttpplugin: { shape: 'url', client: 'semantic-kernel', transport: 'http' },
  basicmcpclient: { shape: 'commandOrUrl', client: 'llama-index' },
  // Agno: `MCPTools("npx -y pkg")` / `MCPTools(url=…)`, `MultiMCPTools(["npx -y pkg", …], urls=[…])`.
  mcptools: { shape: 'commandLines', client: 'agno' },
  // smolagents `MCPClient({"url": …, "transport": …})`, `ToolCollection.from_mcp({…})`.
  mcpclient: { shape: 'params', client: 'smolagents', module: 'smolagents' },
  from_mcp: { shape: 'params', client: 'smolagents', module: 'smolagents' },
  // Google ADK `MCPToolset(connection_params=…)`: stdio goes through `StdioServerParameters`.
  sseconnectionparams: { shape: 'url', client: 'google-adk', transport: 'sse' },
  streamablehttpconnectionparams: { shape: 'url', client: 'google-adk', transport: 'http' },
  multimcptools: { shape: 'commandLines', client: 'agno' },
  // Microsoft Agent Framework `MCPStreamableHTTPTool(name=…, url=…)`, `MCPStdioTool(name=…, command=…, args=[…])`.
  mcpstreamablehttptool: { shape: 'url', client: 'agent-framework', transport: 'http' },
  mcpwebsockettool: { shape: 'url', client: 'agent-framework' },
  mcpstdiotool: { shape: 'stdio', client: 'agent-framework' },
  // Mistral `MCPClientSSE(sse_params=SSEServerParams(url=…))` (`mistralai.extra.mcp`); stdio goes through `StdioServerParameters`.
  sseserverparams: { shape: 'url', client: 'mistralai', transport: 'sse', module: 'mistralai' },
};

const JAVASCRIPT: Record<string, Entry> = {
  stdioclienttransport: { shape: 'stdio', client: 'mcp-sdk' },
  streamablehttpclienttransport: { shape: 'url', client: 'mcp-sdk', transport: 'http' },
  sseclienttransport: { shape: 'url', client: 'mcp-sdk', transport: 'sse' },
  mcpserverstdio: { shape: 'stdio', client: 'openai-agents' },
  mcpserversse: { shape: 'url', client: 'openai-agents', transport: 'sse' },
  mcpserverstreamablehttp: { shape: 'url', client: 'openai-agents', transport: 'http' },
  experimental_createmcpclient: { shape: 'url', client: 'vercel-ai' },
  createmcpclient: { shape: 'url', client: 'vercel-ai' },
  experimental_stdiomcptransport: { shape: 'stdio', client: 'vercel-ai' },
  stdiomcptransport: { shape: 'stdio', client: 'vercel-ai' },
};

const CSHARP: Record<string, Entry> = {
  stdioclienttransportoptions: { shape: 'stdioOptions', client: 'mcp-sdk' },
  sseclienttransportoptions: { shape: 'remoteOptions', client: 'mcp-sdk' },
  httpclienttransportoptions: { shape: 'remoteOptions', client: 'mcp-sdk' },
  // `new StdioClientTransport(new() { … })`: the options are an implicit `new()`, not a call.
  stdioclienttransport: { shape: 'stdioOptions', client: 'mcp-sdk' },
  sseclienttransport: { shape: 'remoteOptions', client: 'mcp-sdk' },
  httpclienttransport: { shape: 'remoteOptions', client: 'mcp-sdk' },
};

const ENTRIES: Partial<Record<CodeFacts['language'], Record<string, Entry>>> = { python: PYTHON, javascript: JAVASCRIPT, csharp: CSHARP };

/** Keys that hold a map of servers by name (Claude Agent SDK, mcp-use and most JSON configs written in code). */
const SERVER_MAP_KEYS = new Set(['mcp_servers', 'mcpServers']);
/** A package named for MCP (`@modelcontextprotocol/server-github`, `tavily-mcp`, `mcp-server-git`, `@playwright/mcp`). */
const MCP_PACKAGE = /(?:^|[/@_.-])mcp(?:$|[/_.-])|^@modelcontextprotocol\//i;
/** The label of an OpenAI hosted MCP tool, in Python and JavaScript spelling. */
const HOSTED_LABEL_KEYS = new Set(['server_label', 'serverLabel']);
/** Upper-case constants that hold an MCP server's URL (`DOCS_MCP_URL`, `MCP_SERVER_URL`, `GITHUB_MCP_ENDPOINT`). */
const MCP_URL_CONSTANT = /^(?:[A-Z0-9]+_)*MCP_(?:SERVER_)?(?:URL|ENDPOINT)$/;
const LOCAL_HOST = /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::\d+)?$/i;
/** Calls that take a URL object (`new URL("…")`, `new Uri("…")`). */
const URL_TYPES = new Set(['URL', 'Uri']);

class ServerReader {
  private readonly entries: Record<string, Entry>;
  /** Maps with a `command` key, seen by `fromServerMaps`' walk and read by `presets`. */
  private readonly commandMaps: Node[] = [];

  constructor(private readonly facts: CodeFacts) {
    this.entries = ENTRIES[facts.language] ?? {};
  }

  fromCall(call: CodeCall): Declared[] {
    const entry = this.entries[call.method.toLowerCase()];
    if (!entry || (entry.module && !call.origin?.startsWith(`${entry.module}.`))) return [];
    const base = { client: entry.client, node: call.node, symbol: call.callee, env: [], headers: [], args: [] };
    const named = (name: string) => call.args.find((arg) => arg.name === name);
    const positional = (index: number) => call.args.filter((arg) => arg.name === undefined)[index];
    const name = this.string(named('name')?.node);
    const withName = name ? { ...base, name } : base;
    switch (entry.shape) {
      case 'stdio':
        return [this.stdio(withName, named('command') ?? named('fullCommand') ?? positional(0), named('args'), named('env'))];
      case 'url':
        return [this.remote(withName, named('url') ?? positional(0), entry.transport, named('type'))];
      case 'commandOrUrl':
        return [this.commandOrUrl(withName, positional(0) ?? named('command_or_url'), named('args'))];
      case 'params':
        // smolagents names it `server_parameters` (`MCPClient(server_parameters=…)`, `ToolCollection.from_mcp(server_parameters=…)`).
        return [this.params(withName, named('params') ?? named('server_parameters') ?? positional(0), entry, named)];
      case 'map':
        return this.serverMap(entry.client, named('connections') ?? positional(0), call.callee);
      case 'commandLines':
        return this.commandLines(withName, call);
      case 'stdioOptions':
      case 'remoteOptions':
        return this.csharpOptions(call, entry);
    }
  }

  /**
   * Servers written as data anywhere in the file: maps (or Anthropic's lists) under `mcp_servers=` /
   * `mcpServers:` / `"mcpServers":`, and OpenAI hosted MCP tools (`{"type": "mcp", "server_label": …,
   * "server_url": …}`, `hostedMcpTool({ serverLabel, serverUrl })`).
   */
  fromServerMaps(): Declared[] {
    const client = this.serverMapClient();
    const found: Declared[] = [];
    const root = this.facts.tree.rootNode;
    const types = this.facts.language === 'python' ? ['keyword_argument', 'pair'] : this.facts.language === 'javascript' ? ['pair'] : [];
    for (const node of root.descendantsOfType(types)) {
      const key = node?.childForFieldName(node.type === 'pair' ? 'key' : 'name');
      const value = node?.childForFieldName('value');
      if (!key || !value) continue;
      const name = this.keyName(key);
      if (name === 'command' && node?.type === 'pair' && node.parent) this.commandMaps.push(node.parent);
      if (name && SERVER_MAP_KEYS.has(name)) found.push(...this.serverMap(client, { node: value }, name));
      if (name && HOSTED_LABEL_KEYS.has(name) && node?.parent) found.push(...this.hostedTool(node.parent, name));
    }
    return found;
  }

  /**
   * A remote server named by a constant (`DOCS_MCP_URL = \`${BASE}/mcp/assistants/${NAME}\``,
   * `GITHUB_MCP_URL = "https://…/mcp/"`): projects keep the URL in a constants module that the
   * file creating the client imports, so the constant is the declaration this file can see. Only
   * a remote URL known from literals counts; a local one needs the client that uses it.
   */
  fromUrlConstants(): Declared[] {
    const found: Declared[] = [];
    const types = this.facts.language === 'python' ? ['assignment'] : this.facts.language === 'javascript' ? ['variable_declarator'] : [];
    for (const node of this.facts.tree.rootNode.descendantsOfType(types)) {
      const name = node?.childForFieldName(node.type === 'assignment' ? 'left' : 'name');
      const value = node?.childForFieldName(node.type === 'assignment' ? 'right' : 'value');
      if (!node || !value || name?.type !== 'identifier' || !MCP_URL_CONSTANT.test(name.text)) continue;
      const url = this.url(value) ?? this.interpolated(value);
      const host = url ? urlOrigin(url)?.replace(/^[a-z]+:\/\//, '') : undefined;
      if (!url || !host || LOCAL_HOST.test(host)) continue;
      found.push({ client: 'code', node, symbol: name.text, url, env: [], headers: [], args: [] });
    }
    return found;
  }

  /** A template or f-string whose every placeholder is a name bound to a literal (`\`${BASE}/mcp\``). */
  private interpolated(node: Node): string | undefined {
    if (node.type !== 'template_string' && node.type !== 'string') return undefined;
    let text = '';
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'string_fragment' || child.type === 'string_content') text += child.text;
      else if (child.type === 'template_substitution' || child.type === 'interpolation') {
        const inner = child.namedChildren[0];
        const value = inner ? this.facts.valueOf(inner) : undefined;
        if (value === undefined) return undefined;
        text += value;
      } else if (child.type !== 'string_start' && child.type !== 'string_end') return undefined;
    }
    return text;
  }

  /**
   * Server presets an app offers its MCP client, written as data outside any server map
   * (`{ name: "github", command: "npx", args: ["-y", "@modelcontextprotocol/server-github"] }`):
   * maps with a `command` (Python dicts, JavaScript objects), counted only when the package they
   * launch is named for MCP, since `command`/`args` maps describe many other processes. The maps
   * come from the walk of `fromServerMaps`, which runs first.
   */
  presets(): Declared[] {
    return this.commandMaps.flatMap((map) => this.preset(map));
  }

  private preset(map: Node): Declared[] {
    const fields = this.mapEntries(map);
    if (!fields?.has('args')) return [];
    const name = this.string(fields.get('name') ?? fields.get('id')) ?? this.mapKeyOf(map);
    const base = { client: 'code', node: map, symbol: 'command', env: [], headers: [], args: [], ...(name ? { name } : {}) };
    const declared = this.server(base, fields);
    const args = declared.args.filter((arg): arg is string => arg !== undefined);
    const launch = declared.command ? launchedPackage(declared.command, args) : undefined;
    return launch && MCP_PACKAGE.test(launch.name) ? [declared] : [];
  }

  /** The key a map is the value of (`github: { command: … }`), which names a preset. */
  private mapKeyOf(map: Node): string | undefined {
    const pair = map.parent;
    const key = pair?.type === 'pair' ? pair.childForFieldName('key') : null;
    return key ? this.keyName(key) : undefined;
  }

  /** A map key as written: a bare name (`command:` in JavaScript) or a string (`"command":`). */
  private keyName(key: Node): string | undefined {
    return key.type === 'property_identifier' || key.type === 'identifier' ? key.text : this.facts.valueOf(key);
  }

  /**
   * A hosted MCP tool: its label names it, its `server_url` is the remote server (read at run time,
   * the label alone names it). Written as a map
   * (OpenAI Responses `{"type": "mcp", …}`), or as a tool class given keywords (Azure AI Agents
   * `McpTool(server_label=…, server_url=…)`).
   */
  private hostedTool(tool: Node, symbol: string): Declared[] {
    const call = tool.type === 'argument_list' ? tool.parent : undefined;
    const fields = call ? keywordArguments(tool) : this.mapEntries(tool);
    const name = this.string(fields?.get(symbol));
    const urlNode = fields?.get('server_url') ?? fields?.get('serverUrl');
    const url = this.url(urlNode);
    // An OpenAI connector (`"connector_id": "connector_googlecalendar"`) is a hosted server of its own, named by its id.
    const connector = this.string(fields?.get('connector_id') ?? fields?.get('connectorId'));
    // A URL read at run time still declares the server: its label names it.
    if (!url && !(urlNode && name) && !connector) return [];
    const client = call ? 'hosted-mcp-tool' : 'openai-hosted-mcp';
    const where = url ? { url } : { labelOnly: true };
    const named = url ? name : (connector ?? name);
    return [
      { client, node: call ?? tool, symbol, ...(named ? { name: named } : {}), ...where, type: 'http', env: [], headers: [], args: [] },
    ];
  }

  /** The Claude Agent SDK when the file imports it; otherwise a server map written in code. */
  private serverMapClient(): string {
    const agentSdk = /^(?:claude_agent_sdk|claude_code_sdk|@anthropic-ai\/claude-(?:agent|code))/;
    return this.facts.imports.some((entry) => agentSdk.test(entry.module)) ? 'claude-agent-sdk' : 'code';
  }

  private stdio(
    base: Declared,
    command: Pick<CodeArg, 'node'> | undefined,
    args?: Pick<CodeArg, 'node'>,
    env?: Pick<CodeArg, 'node'>,
  ): Declared {
    const written = this.string(command?.node);
    // OpenAI Agents JS `fullCommand: "npx -y pkg"`: a literal command line splits on spaces.
    const full = written?.includes(' ') ? written.split(/\s+/) : undefined;
    return {
      ...base,
      ...(written ? { command: full ? full[0] : written } : {}),
      args: full ? full.slice(1) : this.strings(args?.node),
      env: this.keys(env?.node),
    };
  }

  private remote(base: Declared, url: Pick<CodeArg, 'node'> | undefined, transport?: McpTransport, type?: Pick<CodeArg, 'node'>): Declared {
    const value = this.url(url?.node);
    const written = this.string(type?.node) ?? transport;
    return { ...base, ...(value ? { url: value } : {}), ...(written ? { type: written } : {}) };
  }

  /** LlamaIndex `BasicMCPClient("npx", args=[…])` or `BasicMCPClient("https://…/mcp")`. */
  private commandOrUrl(base: Declared, first: Pick<CodeArg, 'node'> | undefined, args?: Pick<CodeArg, 'node'>): Declared {
    const value = this.string(first?.node);
    if (value && urlOrigin(value)) return this.remote(base, first);
    return this.stdio(base, first, args);
  }

  /**
   * OpenAI Agents `MCPServerStdio(params={"command": …, "args": […]})`, or pydantic-ai's
   * `MCPServerStdio("npx", args=[…])` / `MCPServerSSE(url=…)`, told apart by the argument's shape.
   */
  private params(
    base: Declared,
    first: Pick<CodeArg, 'node'> | undefined,
    entry: Entry,
    named: (name: string) => CodeArg | undefined,
  ): Declared {
    const fields = first ? this.mapEntries(first.node) : undefined;
    if (fields) return this.server(base, fields, entry.transport);
    const pydantic = { ...base, client: 'pydantic-ai' };
    if (entry.transport) return this.remote(pydantic, named('url') ?? first, entry.transport);
    return this.stdio(pydantic, named('command') ?? first, named('args'), named('env'));
  }

  /**
   * Agno's command lines and URLs: one each (`command=`, `url=`) in `MCPTools`, lists (`commands=`,
   * `urls=`) in `MultiMCPTools`; each list item is its own server, found on its own line.
   */
  private commandLines(base: Declared, call: CodeCall): Declared[] {
    const named = (name: string) => call.args.find((arg) => arg.name === name)?.node;
    const first = call.args.find((arg) => arg.name === undefined)?.node;
    const transport = this.string(named('transport'));
    const items = (node: Node | undefined) => {
      const list = node ? this.structure(node, LIST_TYPES) : undefined;
      return list ? listItems(list) : node ? [node] : [];
    };
    const commands = items(named('command') ?? named('commands') ?? first).map((node) => this.stdio({ ...base, node }, { node }));
    const urls = items(named('url') ?? named('urls')).map((node) => this.remote({ ...base, node }, { node }, 'http', undefined));
    return [...commands, ...urls].map((server) => (transport && server.url ? { ...server, type: transport } : server));
  }

  /** One server written as a map (`{"command": …, "args": […], "env": {…}}` or `{"url": …, "transport": …}`). */
  private server(base: Declared, fields: Map<string, Node>, transport?: McpTransport): Declared {
    const type = this.string(fields.get('transport') ?? fields.get('type')) ?? transport;
    const declared = this.stdio({ ...base, ...(type ? { type } : {}) }, fieldArg(fields, 'command'), fieldArg(fields, 'args'));
    const url = this.url(fields.get('url') ?? fields.get('serverUrl'));
    return {
      ...declared,
      ...(url ? { url } : {}),
      env: this.keys(fields.get('env')),
      headers: this.keys(fields.get('headers')),
    };
  }

  /** Servers by name (`{"github": {…}}`), or a list of servers that name themselves (Anthropic's MCP connector). */
  private serverMap(client: string, value: Pick<CodeArg, 'node'> | undefined, symbol: string): Declared[] {
    const servers = value ? this.mapEntries(value.node) : undefined;
    const list = value && !servers ? this.structure(value.node, LIST_TYPES) : undefined;
    const named: [string | undefined, Node][] = servers ? [...servers] : list ? listItems(list).map((item) => [undefined, item]) : [];
    const declared: Declared[] = [];
    for (const [key, node] of named) {
      const fields = this.mapEntries(node);
      const name = key ?? this.string(fields?.get('name'));
      const base = { client, node, symbol, env: [], headers: [], args: [], ...(name ? { name } : {}) };
      if (fields) declared.push(this.server(base, fields));
    }
    return declared;
  }

  /** `new StdioClientTransportOptions { Command = …, Arguments = […] }`, or the `new() { … }` a transport is given. */
  private csharpOptions(call: CodeCall, entry: Entry): Declared[] {
    const isTransport = call.method.endsWith('Transport');
    const options = isTransport ? call.args[0]?.node : call.node;
    // A typed options object is read where it is created; a transport only reads an implicit `new()`.
    if (!options || (isTransport && options.type !== 'implicit_object_creation_expression')) return [];
    const fields = csharpInitializer(options);
    const name = this.string(fields.get('Name'));
    const base: Declared = {
      client: entry.client,
      node: call.node,
      symbol: call.callee,
      env: [],
      headers: [],
      args: [],
      ...(name ? { name } : {}),
    };
    if (entry.shape === 'remoteOptions') return [this.remote(base, fieldArg(fields, 'Endpoint'), 'http')];
    return [
      {
        ...this.stdio(base, fieldArg(fields, 'Command'), fieldArg(fields, 'Arguments')),
        env: this.keys(fields.get('EnvironmentVariables')),
      },
    ];
  }

  // -------------------------------------------------------------------------------------------
  // Values

  private string(node: Node | undefined): string | undefined {
    return node ? this.facts.valueOf(node) : undefined;
  }

  /** A URL literal, or the literal given to `new URL(…)` / `new Uri(…)` (through one variable). */
  private url(node: Node | undefined): string | undefined {
    if (!node) return undefined;
    const found = this.facts.flow.origin<string>(node, (current) => {
      const literal = this.facts.valueOf(current);
      if (literal !== undefined) return literal;
      const call = this.facts.callAt(current);
      if (!call) return undefined;
      // A call other than a URL constructor builds the value at run time: stop with nothing.
      return URL_TYPES.has(call.method) ? (this.string(call.args[0]?.node) ?? '') : '';
    });
    return found || undefined;
  }

  /** The string items of a list (bound through one variable), `undefined` for an item not known. */
  private strings(node: Node | undefined): (string | undefined)[] {
    const items = node ? this.structure(node, LIST_TYPES) : undefined;
    return (items ? listItems(items) : []).map((item) => this.facts.valueOf(item));
  }

  /** The keys of a map (environment variable and header names; never their values). */
  private keys(node: Node | undefined): string[] {
    if (!node) return [];
    if (this.facts.language === 'csharp') return [...csharpInitializer(node).keys()];
    return [...(this.mapEntries(node)?.keys() ?? [])];
  }

  /** A dict / object literal's entries by key (through one variable, and Python's `dict(k=v)`). */
  private mapEntries(node: Node): Map<string, Node> | undefined {
    const map = this.structure(node, MAP_TYPES);
    if (!map) return undefined;
    const entries = new Map<string, Node>();
    if (map.type === 'object') {
      for (const { key, value } of objectPairs(map)) entries.set(key, value);
      for (const member of map.namedChildren) if (member?.type === 'shorthand_property_identifier') entries.set(member.text, member);
    } else if (map.type === 'dictionary') {
      for (const pair of map.namedChildren) {
        const key = pair?.type === 'pair' ? this.string(pair.childForFieldName('key') ?? undefined) : undefined;
        const value = pair?.childForFieldName('value');
        if (key !== undefined && value) entries.set(key, value);
      }
    } else {
      for (const argument of map.childForFieldName('arguments')?.namedChildren ?? []) {
        const key = argument?.type === 'keyword_argument' ? argument.childForFieldName('name')?.text : undefined;
        const value = argument?.childForFieldName('value');
        if (key && value) entries.set(key, value);
      }
    }
    return entries;
  }

  /** The literal structure an expression is, written there or bound to the variable it names. */
  private structure(node: Node, types: ReadonlySet<string>): Node | undefined {
    return this.facts.flow.origin<Node>(node, (current) => {
      if (types.has(current.type)) return isDictCall(current) || current.type !== 'call' ? current : undefined;
      return undefined;
    });
  }
}

const LIST_TYPES: ReadonlySet<string> = new Set([
  'list',
  'tuple',
  'array',
  'collection_expression',
  'element_binding_expression',
  'implicit_array_creation_expression',
  'array_creation_expression',
  'object_creation_expression',
]);
const MAP_TYPES: ReadonlySet<string> = new Set(['dictionary', 'object', 'call']);

function isDictCall(node: Node): boolean {
  return node.type === 'call' && node.childForFieldName('function')?.text === 'dict';
}

function fieldArg(fields: Map<string, Node>, key: string): { node: Node } | undefined {
  const node = fields.get(key);
  return node ? { node } : undefined;
}

/** Items of a list-like node: Python and JS lists, C# collection expressions and array/list initializers. */
function listItems(node: Node): Node[] {
  const initializer = node.childForFieldName('initializer') ?? node.namedChildren.find((child) => child?.type === 'initializer_expression');
  const holder = initializer ?? node;
  return holder.namedChildren.flatMap((child) => {
    if (!child || child.type === 'comment') return [];
    // C# `["-y", "pkg"]` parses as arguments of an element binding.
    return child.type === 'argument' ? [child.namedChildren[child.namedChildCount - 1] ?? child] : [child];
  });
}

/** The keyword arguments of a Python call's argument list, by name. */
function keywordArguments(argumentList: Node): Map<string, Node> {
  const fields = new Map<string, Node>();
  for (const argument of argumentList.namedChildren) {
    const key = argument?.type === 'keyword_argument' ? argument.childForFieldName('name')?.text : undefined;
    const value = argument?.childForFieldName('value');
    if (key && value) fields.set(key, value);
  }
  return fields;
}

/** `Key = value` members of a C# object initializer. */
function csharpInitializer(node: Node): Map<string, Node> {
  const fields = new Map<string, Node>();
  const initializer = node.childForFieldName('initializer') ?? node.namedChildren.find((child) => child?.type === 'initializer_expression');
  for (const member of initializer?.namedChildren ?? []) {
    const key = member?.type === 'assignment_expression' ? member.childForFieldName('left') : undefined;
    const value = member?.childForFieldName('right');
    if (key && value) fields.set(key.text, value);
    // `EnvironmentVariables = new() { ["KEY"] = … }`: the names are the indexers.
    const indexer = key?.type === 'element_binding_expression' ? key.namedChildren[0]?.namedChildren[0] : undefined;
    if (indexer && value) fields.set(indexer.text.replace(/^["@$]+|"$/g, ''), value);
  }
  return fields;
}

// ---------------------------------------------------------------------------------------------
// The shared decision

/** Interpreters whose script argument names a local server (`python server.py`, `node build/index.js`). */
const INTERPRETERS = /^(?:python[\d.]*|py|node|deno|bun|uv|dotnet|java|tsx|ts-node)$/;
const SCRIPT = /\.(?:py|js|mjs|cjs|ts|dll|jar|csproj)$/i;
/** Documentation and test hosts: `example.com`, reserved names (`*.test`, `*.invalid`), a test client's `http://test`. */
const PLACEHOLDER_HOSTS =
  /(?:^|\.)(?:example\.(?:com|org|net)|[\w-]+\.(?:test|invalid|example))$|^(?:test|testserver|testclient|example|invalid|host|server)(?:\.local)?$/i;
/** Test conventions only (no project globs): a URL or script in a test names the test's own fixture server or a fake host. */
const CONVENTIONS: Pick<ResolvedConfig, 'testCode'> = { testCode: { paths: [], severity: 'demote' } };

function toPlugin(server: Declared, site: CodeSite): PartialComponent | undefined {
  const transport = transportOf(server.type?.toLowerCase().replace(/_/g, '-'), server.url);
  const occurrence = { path: site.path, line: site.line(server.node.startPosition.row), evidence: 'call' as const, symbol: server.symbol };
  // The package is read from the arguments known up to the first one built at run time (no guessing
  // past it); a local script may be any known argument (`--directory=<computed> run server.py`).
  const unknown = server.args.indexOf(undefined);
  const args = (unknown < 0 ? server.args : server.args.slice(0, unknown)) as string[];
  const spec = { client: server.client, env: server.env, headers: server.headers, occurrence, args };
  if (server.url !== undefined && transport !== 'stdio') {
    const host = urlOrigin(server.url)?.replace(/^[a-z]+:\/\//, '');
    if (!host || isPlaceholderHost(host) || isTestPath(site.path, CONVENTIONS)) return undefined;
    return mcpServerPlugin({ ...spec, name: server.name ?? host, transport, url: server.url });
  }
  if (server.labelOnly && server.name && hubIdKind(server.name) !== 'placeholder') {
    return isTestPath(site.path, CONVENTIONS) ? undefined : mcpServerPlugin({ ...spec, name: server.name, transport });
  }
  if (!server.command || transport !== 'stdio') return undefined;
  const plugin = mcpServerPlugin({ ...spec, name: server.name ?? '', transport, command: server.command });
  if (plugin.purl) return isPlaceholderPackage(plugin) ? undefined : { ...plugin, name: server.name ?? packageName(plugin) };
  // A test's own script is a fixture; a package it starts is the real server.
  const local = isTestPath(site.path, CONVENTIONS)
    ? undefined
    : localServer(
        server.command,
        server.args.filter((arg): arg is string => arg !== undefined),
      );
  if (!local || hubIdKind(local) === 'placeholder') return undefined;
  const name = server.name ?? local;
  return { ...plugin, name, ref: `plugin:mcp/local/${name}` };
}

/**
 * The services a server is given keys for (`"env": {"BRAVE_API_KEY": key}` for the Brave Search
 * server), as an MCP config file's `env` names them. Shared names (`GOOGLE_API_KEY`) say too little.
 */
function keyServices(server: Declared, site: CodeSite): PartialComponent[] {
  const line = site.line(server.node.startPosition.row);
  return server.env.flatMap((name) => {
    const key = keyNameFor(name);
    const service = key && !key.weak ? keyNamedService(name, key, { path: site.path, line, evidence: 'config', symbol: name }) : undefined;
    return service ? [service] : [];
  });
}

function isPlaceholderHost(host: string): boolean {
  return PLACEHOLDER_HOSTS.test(host.replace(/:\d+$/, '')) || hubIdKind(host) === 'placeholder';
}

function packageName(plugin: PartialComponent): string {
  return plugin.ref.slice(plugin.ref.indexOf('/', 'plugin:mcp/'.length) + 1);
}

function isPlaceholderPackage(plugin: PartialComponent): boolean {
  return hubIdKind(packageName(plugin).replace(/^@/, '')) === 'placeholder';
}

/**
 * The script, module or project command a local interpreter runs (`server.py`, `-m mcp_server_git`,
 * `uv run weather`), or undefined.
 */
function localServer(command: string, args: string[]): string | undefined {
  const program = commandName(command)
    .toLowerCase()
    .replace(/\.(?:exe|cmd)$/, '');
  // `pnpm exec mcp-server-filesystem`: a binary the project installed.
  if (program === 'pnpm' && args[0] === 'exec') return args.slice(1).find((arg) => !arg.startsWith('-'));
  // `npx -y tsx server.ts`: the runner package runs the project's script.
  if (program === 'npx' || program === 'bunx') {
    const positional = args.filter((arg) => !arg.startsWith('-'));
    return SCRIPT_RUNNERS.has(positional[0] ?? '') ? localServer(positional[0], positional.slice(1)) : undefined;
  }
  if (!INTERPRETERS.test(program)) return undefined;
  const script = args.find((arg) => SCRIPT.test(arg) && !arg.startsWith('-'));
  if (script) return script;
  const module = args.indexOf('-m');
  if (module >= 0 && args[module + 1]) return args[module + 1];
  // `uv run [--directory d] weather`: a console script of the project.
  const run = program === 'uv' ? args.indexOf('run') : -1;
  return run >= 0 ? args.slice(run + 1).find((arg, index, rest) => !arg.startsWith('-') && !rest[index - 1]?.startsWith('--')) : undefined;
}
