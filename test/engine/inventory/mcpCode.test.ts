import * as assert from 'node:assert/strict';
import { collectFromFile } from '../../../server/src/engine/inventory/collect';
import { literalGroupsFor } from '../../../server/src/engine/inventory/prefilter';
import type { AiBom, AiComponent } from '../../../server/src/engine/inventory/types';
import { engineTriggers } from '../../../server/src/engine/prefilter/engineTriggers';
import { find, inventoryOf, propertyValues } from './helpers';

/** MCP servers that code starts or connects to, as plugins (shapes from the SDKs' own examples). */

function plugins(bom: AiBom): string[] {
  return bom.components
    .filter((component) => component.kind === 'plugin')
    .map((component) => `${component.ref} ${component.name}`)
    .sort();
}

function byRef(bom: AiBom, ref: string): AiComponent {
  const component = bom.components.find((entry) => entry.ref === ref);
  if (!component) throw new Error(`no ${ref} in:\n${plugins(bom).join('\n')}`);
  return component;
}

describe('inventory: MCP servers declared in code', () => {
  it('reads the Python MCP SDK, OpenAI Agents, pydantic-ai, Semantic Kernel and LlamaIndex', async () => {
    const bom = await inventoryOf({
      'client.py': [
        'import os',
        'from mcp import ClientSession, StdioServerParameters',
        'from mcp.client.stdio import stdio_client',
        'from mcp.client.streamable_http import streamablehttp_client',
        '',
        'server_params = StdioServerParameters(',
        '    command="npx",',
        '    args=["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/tmp"],',
        '    env={"GITHUB_TOKEN": os.environ["GITHUB_TOKEN"]},',
        ')',
        'git = StdioServerParameters(command="uvx", args=["mcp-server-git", "--repository", "."])',
        'local = StdioServerParameters(command="python", args=["weather_server.py"])',
        'URL = "https://mcp.deepwiki.com/mcp?token=abc"',
        'async def main():',
        '    async with streamablehttp_client(URL) as (read, write, _):',
        '        pass',
      ].join('\n'),
      'agent.py': [
        'from agents import Agent',
        'from agents.mcp import MCPServerStdio, MCPServerStreamableHttp',
        'samples_dir = "/tmp/samples"',
        'async def run():',
        '    async with MCPServerStdio(',
        '        name="Filesystem Server, via npx",',
        '        params={"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", samples_dir]},',
        '    ) as server:',
        '        pass',
        '    async with MCPServerStreamableHttp(name="docs", params={"url": "https://gitmcp.io/openai/codex", "headers": {"Authorization": "x"}}) as s:',
        '        pass',
      ].join('\n'),
      'pyd.py': [
        'from pydantic_ai.mcp import MCPServerStdio, MCPServerSSE',
        "run_python = MCPServerStdio('deno', args=['run', '-N', 'jsr:@pydantic/mcp-run-python', 'stdio'])",
        "sse = MCPServerSSE(url='http://localhost:3001/sse')",
      ].join('\n'),
      'sk.py': [
        'from semantic_kernel.connectors.mcp import MCPStdioPlugin',
        'async def main():',
        '    async with MCPStdioPlugin(name="Github", description="Github Plugin", command="docker",',
        '        args=["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"]) as github:',
        '        pass',
        '    async with MCPStdioPlugin(name="Menu", command="uv",',
        '        args=[f"--directory={Path(__file__).parent / \'servers\'}", "run", "menu_agent_server.py"]) as menu:',
        '        pass',
      ].join('\n'),
      'llama.py': [
        'from llama_index.tools.mcp import BasicMCPClient',
        'http_client = BasicMCPClient("https://mcp.example.org/mcp")',
        'remote = BasicMCPClient("https://api.githubcopilot.com/mcp/")',
        'from google.adk.tools.mcp_tool.mcp_toolset import MCPToolset, SseConnectionParams',
        'toolset = MCPToolset(connection_params=SseConnectionParams(url="https://mcp.linear.app/sse"))',
        'from smolagents import MCPClient, ToolCollection',
        'with MCPClient({"url": "https://huggingface.co/mcp", "transport": "streamable-http"}) as tools:',
        '    pass',
      ].join('\n'),
    });
    const filesystem = byRef(bom, 'plugin:mcp/npm/@modelcontextprotocol/server-filesystem');
    // One plugin, two occurrences: the same package started by two frameworks.
    assert.deepEqual(
      filesystem.occurrences.map((occurrence) => `${occurrence.path}:${occurrence.line} ${occurrence.evidence} ${occurrence.symbol}`),
      ['agent.py:5 call MCPServerStdio', 'client.py:6 call StdioServerParameters'],
    );
    assert.equal(filesystem.version, '2025.8.21');
    assert.deepEqual(propertyValues(filesystem, 'mcp:client'), ['mcp-sdk', 'openai-agents']);
    assert.deepEqual(propertyValues(filesystem, 'mcp:env'), ['GITHUB_TOKEN']);
    assert.deepEqual(propertyValues(filesystem, 'mcp:pinned'), ['false', 'true']);
    assert.equal(byRef(bom, 'plugin:mcp/pypi/mcp-server-git').purl, 'pkg:pypi/mcp-server-git');
    assert.equal(byRef(bom, 'plugin:mcp/local/weather_server.py').transport, 'stdio');
    const deepwiki = byRef(bom, 'plugin:mcp/remote/mcp.deepwiki.com');
    // Scheme and host only: a path or query can carry a key.
    assert.deepEqual(deepwiki.endpoints, ['https://mcp.deepwiki.com']);
    assert.equal(deepwiki.transport, 'http');
    const docs = byRef(bom, 'plugin:mcp/remote/gitmcp.io');
    assert.equal(docs.name, 'docs');
    assert.deepEqual(propertyValues(docs, 'mcp:header'), ['Authorization']);
    assert.equal(byRef(bom, 'plugin:mcp/remote/localhost:3001').trustZone, 'local');
    assert.equal(byRef(bom, 'plugin:mcp/remote/localhost:3001').transport, 'sse');
    assert.equal(byRef(bom, 'plugin:mcp/docker/ghcr.io/github/github-mcp-server').name, 'Github');
    assert.deepEqual(propertyValues(byRef(bom, 'plugin:mcp/docker/ghcr.io/github/github-mcp-server'), 'mcp:client'), ['semantic-kernel']);
    assert.ok(byRef(bom, 'plugin:mcp/remote/api.githubcopilot.com'));
    assert.equal(byRef(bom, 'plugin:mcp/remote/mcp.linear.app').transport, 'sse');
    assert.deepEqual(propertyValues(byRef(bom, 'plugin:mcp/remote/huggingface.co'), 'mcp:client'), ['smolagents']);
    // A computed `--directory=` does not hide the script the server runs.
    assert.equal(byRef(bom, 'plugin:mcp/local/Menu').name, 'Menu');
    // `deno run jsr:…` runs no package of a known registry and no script file: left out.
    assert.ok(!plugins(bom).some((entry) => entry.includes('deno') || entry.includes('mcp.example.org')), plugins(bom).join('\n'));
  });

  it('reads server maps: langchain-mcp-adapters and the Claude Agent SDK', async () => {
    const bom = await inventoryOf({
      'graph.py': [
        'from langchain_mcp_adapters.client import MultiServerMCPClient',
        'client = MultiServerMCPClient(',
        '    {',
        '        "math": {"command": "python", "args": ["./servers/math_server.py"], "transport": "stdio"},',
        '        "weather": {"url": "http://localhost:8000/mcp", "transport": "streamable_http"},',
        '        "tavily": {"command": "npx", "args": ["-y", "tavily-mcp@0.2.4"], "env": {"TAVILY_API_KEY": "k"}, "transport": "stdio"},',
        '    }',
        ')',
      ].join('\n'),
      'claude.py': [
        'from claude_agent_sdk import ClaudeAgentOptions, create_sdk_mcp_server',
        'calculator = create_sdk_mcp_server(name="calculator", tools=[])',
        'options = ClaudeAgentOptions(',
        '    mcp_servers={',
        '        "calc": calculator,',
        '        "playwright": {"command": "npx", "args": ["@playwright/mcp@latest"]},',
        '    },',
        ')',
      ].join('\n'),
      'agent.ts': [
        "import { query } from '@anthropic-ai/claude-agent-sdk';",
        'for await (const message of query({',
        "  prompt: 'List files',",
        '  options: {',
        '    mcpServers: {',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source written as text
        "      github: { type: 'http', url: 'https://api.githubcopilot.com/mcp/', headers: { Authorization: `Bearer ${process.env.GH}` } },",
        "      filesystem: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', process.cwd()] },",
        '    },',
        '  },',
        '})) {}',
      ].join('\n'),
    });
    assert.deepEqual(plugins(bom), [
      'plugin:mcp/local/math math',
      'plugin:mcp/npm/@modelcontextprotocol/server-filesystem filesystem',
      'plugin:mcp/npm/@playwright/mcp playwright',
      'plugin:mcp/npm/tavily-mcp tavily',
      'plugin:mcp/remote/api.githubcopilot.com github',
      'plugin:mcp/remote/localhost:8000 weather',
    ]);
    const tavily = byRef(bom, 'plugin:mcp/npm/tavily-mcp');
    assert.deepEqual(propertyValues(tavily, 'mcp:env'), ['TAVILY_API_KEY']);
    assert.deepEqual(propertyValues(tavily, 'mcp:client'), ['langchain-mcp-adapters']);
    assert.deepEqual(propertyValues(byRef(bom, 'plugin:mcp/remote/api.githubcopilot.com'), 'mcp:client'), ['claude-agent-sdk']);
    assert.equal(byRef(bom, 'plugin:mcp/remote/localhost:8000').transport, 'http');
    assert.equal(find(bom, 'plugin', 'github').occurrences[0].line, 6);
  });

  it('reads the TypeScript MCP SDK, OpenAI Agents JS and the Vercel AI SDK', async () => {
    const bom = await inventoryOf({
      'client.ts': [
        "import { Client } from '@modelcontextprotocol/sdk/client/index.js';",
        "import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';",
        "import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';",
        "const transport = new StdioClientTransport({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-everything'] });",
        "const ts = new StdioClientTransport({ command: 'npx', args: ['-y', 'tsx', 'src/server.ts'] });",
        "const serverUrl = 'https://mcp.notion.com/mcp';",
        'const http = new StreamableHTTPClientTransport(new URL(serverUrl));',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source written as text
        'const built = new StreamableHTTPClientTransport(new URL(`http://localhost:${port}/mcp`));',
      ].join('\n'),
      'agents.ts': [
        "import { MCPServerStdio, MCPServerStreamableHttp } from '@openai/agents';",
        "const fs = new MCPServerStdio({ name: 'Filesystem Server', fullCommand: 'npx -y @modelcontextprotocol/server-filesystem ./sample_files' });",
        "const git = new MCPServerStreamableHttp({ url: 'https://gitmcp.io/openai/codex', name: 'GitMCP Documentation Server' });",
      ].join('\n'),
      'vercel.ts': [
        "import { experimental_createMCPClient as createMCPClient } from 'ai';",
        "const client = await createMCPClient({ transport: { type: 'sse', url: 'https://my-server.com/sse' } });",
      ].join('\n'),
    });
    assert.deepEqual(plugins(bom), [
      'plugin:mcp/local/src/server.ts src/server.ts',
      'plugin:mcp/npm/@modelcontextprotocol/server-everything @modelcontextprotocol/server-everything',
      'plugin:mcp/npm/@modelcontextprotocol/server-filesystem Filesystem Server',
      'plugin:mcp/remote/gitmcp.io GitMCP Documentation Server',
      'plugin:mcp/remote/mcp.notion.com mcp.notion.com',
      'plugin:mcp/remote/my-server.com my-server.com',
    ]);
    assert.equal(byRef(bom, 'plugin:mcp/remote/my-server.com').transport, 'sse');
    assert.deepEqual(propertyValues(byRef(bom, 'plugin:mcp/remote/my-server.com'), 'mcp:client'), ['vercel-ai']);
  });

  it('reads C# StdioClientTransportOptions and HTTP transports', async () => {
    const bom = await inventoryOf({
      'Program.cs': [
        'using ModelContextProtocol.Client;',
        'var clientTransport = new StdioClientTransport(new StdioClientTransportOptions',
        '{',
        '    Name = "Everything",',
        '    Command = "npx",',
        '    Arguments = ["-y", "@modelcontextprotocol/server-everything"],',
        '});',
        'var git = new StdioClientTransport(new() { Name = "git", Command = "uvx", Arguments = new[] { "mcp-server-git" } });',
        'var remote = new HttpClientTransport(new() { Endpoint = new Uri("https://learn.microsoft.com/api/mcp"), Name = "MS Learn" });',
        'var local = new HttpClientTransport(new() { Endpoint = new Uri(builder.Configuration["McpUrl"]) });',
      ].join('\n'),
    });
    assert.deepEqual(plugins(bom), [
      'plugin:mcp/npm/@modelcontextprotocol/server-everything Everything',
      'plugin:mcp/pypi/mcp-server-git git',
      'plugin:mcp/remote/learn.microsoft.com MS Learn',
    ]);
    assert.equal(find(bom, 'plugin', 'Everything').occurrences[0].line, 2);
  });

  it('reads Agno command lines and URLs, one server per item', async () => {
    const bom = await inventoryOf({
      'travel.py': [
        'from agno.tools.mcp import MCPTools, MultiMCPTools',
        'servers = [',
        '    "npx -y @openbnb/mcp-server-airbnb --ignore-robots-txt",',
        '    "npx @gongrzhe/server-travelplanner-mcp",',
        ']',
        'async def run(env):',
        '    async with MultiMCPTools(servers, env=env) as tools:',
        '        pass',
        '    async with MCPTools(url="https://docs.agno.com/mcp", transport="streamable-http") as docs:',
        '        pass',
        '    async with MCPTools(f"fastmcp run {path}") as built:',
        '        pass',
      ].join('\n'),
    });
    assert.deepEqual(plugins(bom), [
      'plugin:mcp/npm/@gongrzhe/server-travelplanner-mcp @gongrzhe/server-travelplanner-mcp',
      'plugin:mcp/npm/@openbnb/mcp-server-airbnb @openbnb/mcp-server-airbnb',
      'plugin:mcp/remote/docs.agno.com docs.agno.com',
    ]);
    assert.equal(byRef(bom, 'plugin:mcp/npm/@openbnb/mcp-server-airbnb').occurrences[0].line, 3);
    assert.deepEqual(propertyValues(byRef(bom, 'plugin:mcp/remote/docs.agno.com'), 'mcp:client'), ['agno']);
  });

  it('reads hosted MCP tools and the Anthropic MCP connector', async () => {
    const bom = await inventoryOf({
      'hosted.py': [
        'from agents import Agent, HostedMCPTool',
        'agent = Agent(',
        '    name="Assistant",',
        '    tools=[HostedMCPTool(tool_config={"type": "mcp", "server_label": "gitmcp", "server_url": "https://gitmcp.io/openai/codex", "require_approval": "never"})],',
        ')',
        '# An OpenAI connector has no URL: its id names it.',
        'calendar = HostedMCPTool(tool_config={"type": "mcp", "server_label": "google_calendar", "connector_id": "connector_googlecalendar",',
        '    "authorization": os.environ["TOKEN"]})',
      ].join('\n'),
      'connector.py': [
        'import anthropic',
        'client = anthropic.Anthropic()',
        'response = client.beta.messages.create(',
        '    model="claude-sonnet-4-5",',
        '    max_tokens=1000,',
        '    messages=[{"role": "user", "content": "What tools do you have available?"}],',
        '    mcp_servers=[{"type": "url", "url": "https://mcp.asana.com/sse", "name": "asana", "authorization_token": "t"}],',
        '    betas=["mcp-client-2025-04-04"],',
        ')',
      ].join('\n'),
      'local.ts': [
        "import { hostedMcpTool, MCPServerStdio } from '@openai/agents';",
        "const fs = new MCPServerStdio({ fullCommand: 'pnpm exec mcp-server-filesystem ./sample_files' });",
        "const tool = hostedMcpTool({ serverLabel: 'deepwiki', serverUrl: 'https://mcp.deepwiki.com/mcp' });",
      ].join('\n'),
    });
    assert.deepEqual(plugins(bom), [
      'plugin:mcp/local/mcp-server-filesystem mcp-server-filesystem',
      'plugin:mcp/remote/connector_googlecalendar connector_googlecalendar',
      'plugin:mcp/remote/gitmcp.io gitmcp',
      'plugin:mcp/remote/mcp.asana.com asana',
      'plugin:mcp/remote/mcp.deepwiki.com deepwiki',
    ]);
    assert.equal(byRef(bom, 'plugin:mcp/remote/mcp.asana.com').transport, 'sse');
    assert.deepEqual(propertyValues(byRef(bom, 'plugin:mcp/remote/gitmcp.io'), 'mcp:client'), ['openai-hosted-mcp']);
  });

  it('is one plugin with the same server in a client configuration', async () => {
    const bom = await inventoryOf({
      '.vscode/mcp.json': JSON.stringify({ servers: { github: { type: 'http', url: 'https://api.githubcopilot.com/mcp/' } } }, null, 2),
      'app.py': [
        'from agents.mcp import MCPServerStreamableHttp',
        'server = MCPServerStreamableHttp(params={"url": "https://api.githubcopilot.com/mcp/"})',
      ].join('\n'),
    });
    const github = byRef(bom, 'plugin:mcp/remote/api.githubcopilot.com');
    assert.deepEqual(
      github.occurrences.map((occurrence) => `${occurrence.path} ${occurrence.evidence}`),
      ['.vscode/mcp.json config', 'app.py call'],
    );
  });

  it('leaves out servers built at run time, placeholders and lookalikes', async () => {
    const bom = await inventoryOf({
      'dynamic.py': [
        'import sys',
        'from mcp import StdioServerParameters',
        'from mcp.client.sse import sse_client',
        'def connect(command, args, url):',
        '    a = StdioServerParameters(command=command, args=args)',
        '    b = StdioServerParameters(command=sys.executable, args=["server.py"])',
        '    c = StdioServerParameters(command="npx", args=["-y", package_name])',
        '    d = StdioServerParameters(command="python", args=["path/to/your/server.py"])',
        '    e = StdioServerParameters(command="uv", args=["run", script])',
        '    return sse_client(url)',
        'f = sse_client("https://your-mcp-server.example.com/sse")',
      ].join('\n'),
      'lookalike.py': [
        '# A local helper named like the SDK function: not imported from mcp.',
        'def sse_client(url):',
        '    return url',
        'sse_client("https://events.internal.test/stream")',
        'settings = {"mcp_servers": "configs/servers.json"}',
      ].join('\n'),
      'notes.ts': 'const mcpServers = loadServers(); // configured elsewhere\nconst x = { mcpServers };\n',
    });
    assert.deepEqual(plugins(bom), []);
  });

  it('registers its literals with the one pass, so a file that imports no AI package is still read', async () => {
    const text =
      "import { connect } from './transport';\nconst servers = { mcpServers: { git: { command: 'uvx', args: ['mcp-server-git'] } } };\n";
    assert.ok(engineTriggers().scan(text).hasGroup('mcp:code'));
    assert.ok(literalGroupsFor('typescript').includes('mcp:code'));
    const partial = await collectFromFile('servers.ts', text);
    assert.deepEqual(
      partial.components.map((component) => component.ref),
      ['plugin:mcp/pypi/mcp-server-git'],
    );
  });

  it('never parses a code file without an MCP literal for this', async () => {
    const partial = await collectFromFile('plain.py', 'import os\nparams = dict(command="npx", args=["-y", "pkg"])\n');
    assert.deepEqual(partial.components, []);
  });
});
