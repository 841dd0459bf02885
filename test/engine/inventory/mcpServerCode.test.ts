import * as assert from 'node:assert/strict';
import { find, inventoryOf, propertyValues, refsOf } from './helpers';

/** MCP servers that the workspace's own code defines. */

describe('inventory: MCP servers defined in code', () => {
  it('lists FastMCP, MCPServer and McpServer instances by their names', async () => {
    const bom = await inventoryOf({
      'weather-server-python/weather.py': ['from mcp.server.fastmcp import FastMCP', '', 'mcp = FastMCP("weather")'].join('\n'),
      'docs/server.py': ['from fastmcp import FastMCP', 'app = FastMCP(name="docs-server")'].join('\n'),
      'weather-server-typescript/src/index.ts': [
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";',
        'const server = new McpServer({ name: "weather", version: "1.0.0" });',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'plugin'), ['plugin:mcp/local/docs-server', 'plugin:mcp/local/weather']);
    const weather = find(bom, 'plugin', 'weather');
    assert.equal(weather.occurrences.length, 2);
    assert.deepEqual(propertyValues(weather, 'mcp:source'), ['workspace']);
  });

  it("lists the Python SDK's low-level Server by its name, not another module's Server", async () => {
    const bom = await inventoryOf({
      'examples/servers/simple-prompt/pyproject.toml': [
        '[project]',
        'name = "mcp-simple-prompt"',
        'dependencies = ["anyio>=4.5", "mcp"]',
        '[project.scripts]',
        'mcp-simple-prompt = "mcp_simple_prompt.server:main"',
      ].join('\n'),
      'examples/servers/simple-prompt/mcp_simple_prompt/server.py': [
        'from mcp.server import Server, ServerRequestContext',
        'def main() -> int:',
        '    app = Server("mcp-simple-prompt", on_list_prompts=handle_list_prompts)',
      ].join('\n'),
      'examples/servers/lowlevel/server.py': ['from mcp.server.lowlevel import Server', 'server = Server(name="mcp-website-fetcher")'].join(
        '\n',
      ),
      // Near misses: an HTTP framework's Server, and the SDK's server session.
      'web/app.py': ['import mcp.types', 'from uvicorn import Server', 'server = Server(config)', 'named = Server("web")'].join('\n'),
      'client/session.py': ['from mcp.server import ServerSession', 'session = ServerSession("x")'].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'plugin'), ['plugin:mcp/local/mcp-simple-prompt', 'plugin:mcp/local/mcp-website-fetcher']);
  });

  it('joins a server defined in code to the package that publishes it', async () => {
    const bom = await inventoryOf({
      'src/memory/package.json': JSON.stringify({
        name: '@modelcontextprotocol/server-memory',
        bin: { 'mcp-server-memory': 'dist/index.js' },
        dependencies: { '@modelcontextprotocol/sdk': '^1.24.0' },
      }),
      'src/memory/index.ts': [
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";',
        'const server = new McpServer({ name: "memory-server", version: "0.6.3" });',
      ].join('\n'),
      'src/other/index.ts': [
        'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";',
        'const server = new McpServer({ name: "other-server", version: "1" });',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'plugin'), ['plugin:mcp/local/other-server', 'plugin:mcp/npm/@modelcontextprotocol/server-memory']);
    assert.deepEqual(
      find(bom, 'plugin', '@modelcontextprotocol/server-memory').occurrences.map((occurrence) => occurrence.path),
      ['src/memory/index.ts', 'src/memory/package.json'],
    );
  });

  it('a server made without a name of its own is named by its package: SDK factories, a monorepo factory, an McpAgent', async () => {
    const factory = (hosts: string) =>
      [
        "import { createAuthenticatedMcpApp } from '@repo/mcp-common/src/mcp-app'",
        `const app = createAuthenticatedMcpApp<Env>({ serviceHostnames: [${hosts}], register(context) {} })`,
        'export default app.worker',
      ].join('\n');
    const bom = await inventoryOf({
      'package.json': JSON.stringify({ name: 'mcp-server-cloudflare', private: true }),
      'apps/radar/package.json': JSON.stringify({ name: 'cloudflare-radar-mcp-server', private: true }),
      'apps/radar/src/radar.app.ts': factory("'radar.mcp.example.com'"),
      'apps/graphql/package.json': JSON.stringify({ name: 'graphql-mcp-server', private: true }),
      'apps/graphql/src/graphql.app.ts': factory("'graphql.mcp.example.com'"),
      // The shared package wraps the SDK in functions named for making servers: its callers are the servers.
      'packages/mcp-common/package.json': JSON.stringify({ name: '@repo/mcp-common', dependencies: { agents: '0.2.0' } }),
      'packages/mcp-common/src/server.ts': [
        "import { McpServer } from '@modelcontextprotocol/server'",
        "import { createMcpHandler } from 'agents/mcp/server'",
        'function createCloudflareMcpServerFactory(options) {',
        '  return async () => new McpServer(options.serverInfo, {})',
        '}',
        'export function createCloudflareMcpHandler(options) {',
        '  return { fetch: (request, env, ctx) => createMcpHandler(createCloudflareMcpServerFactory(options))(request, env, ctx) }',
        '}',
      ].join('\n'),
      'demo/package.json': JSON.stringify({ name: 'demo-worker' }),
      // The Workers template names its server: one server, by that name.
      'demo/src/index.ts': [
        "import { McpAgent } from 'agents/mcp';",
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        'export class MyMCP extends McpAgent {',
        "  server = new McpServer({ name: 'Demo', version: '1.0.0' });",
        '}',
      ].join('\n'),
      'worker/package.json': JSON.stringify({ name: 'remote-mcp-worker' }),
      'worker/src/index.ts': [
        "import { McpAgent } from 'agents/mcp';",
        'export class MyMCP extends McpAgent {',
        '  async init() {}',
        '}',
      ].join('\n'),
      'py/pyproject.toml': '[project]\nname = "notes-mcp"\ndependencies = ["fastmcp>=2"]\n',
      'py/src/notes/server.py': ['import os', 'from fastmcp import FastMCP', 'mcp = FastMCP(name=settings.server_name)'].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'plugin'), [
      'plugin:mcp/local/Demo',
      'plugin:mcp/local/cloudflare-radar-mcp-server',
      'plugin:mcp/local/graphql-mcp-server',
      'plugin:mcp/local/notes-mcp',
      'plugin:mcp/local/remote-mcp-worker',
    ]);
    assert.deepEqual(
      find(bom, 'plugin', 'cloudflare-radar-mcp-server').occurrences.map((occurrence) => `${occurrence.path}:${occurrence.line}`),
      ['apps/radar/package.json:1', 'apps/radar/src/radar.app.ts:2'],
    );
  });

  it('a C# server registered with AddMcpServer() is named by its project', async () => {
    const bom = await inventoryOf({
      'src/CustomerQuery/CustomerQuery.csproj': [
        '<Project Sdk="Microsoft.NET.Sdk.Web">',
        '  <PropertyGroup><AssemblyName>AITravelAgent.CustomerQueryServer</AssemblyName></PropertyGroup>',
        '  <ItemGroup><PackageReference Include="ModelContextProtocol.AspNetCore" Version="0.3.0-preview.1" /></ItemGroup>',
        '</Project>',
      ].join('\n'),
      'src/CustomerQuery/Program.cs': [
        'using ModelContextProtocol.Server;',
        'var builder = WebApplication.CreateBuilder(args);',
        'builder.Services.AddMcpServer().WithHttpTransport().WithToolsFromAssembly();',
        'var app = builder.Build();',
        'app.MapMcp();',
        'app.Run();',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'plugin'), ['plugin:mcp/local/AITravelAgent.CustomerQueryServer']);
  });

  it('near miss: an unnamed server in an example or test of a package, or with no package, and an MCP client factory are not listed', async () => {
    const bom = await inventoryOf({
      'pyproject.toml': '[project]\nname = "agents-sdk"\ndependencies = ["mcp"]\n',
      'examples/mcp/server.py': ['import os', 'from mcp.server.fastmcp import FastMCP', 'mcp = FastMCP(os.environ["NAME"])'].join('\n'),
      'lone/index.ts': ["import { createMcpHandler } from 'mcp-handler';", 'export const handler = createMcpHandler((server) => {});'].join(
        '\n',
      ),
      'src/client.ts': ["import { createMcpClient } from './mcp';", 'const client = createMcpClient({ url });'].join('\n'),
    });
    // The TypeScript server beside a Python package is no server of that package.
    assert.deepEqual(refsOf(bom, 'plugin'), []);
  });

  it('near miss: a server in a test, a look-alike class of another package and a name built at run time are not listed', async () => {
    const bom = await inventoryOf({
      'tests/test_server.py': ['from mcp.server.fastmcp import FastMCP', 'mcp = FastMCP("test")'].join('\n'),
      'app.py': ['from mcp import ClientSession', 'from myproject import FastMCP', 'x = FastMCP("other")'].join('\n'),
      'dyn.py': ['import os', 'from mcp.server.fastmcp import FastMCP', 'mcp = FastMCP(os.environ["NAME"])'].join('\n'),
      'http.ts': ['import { Server } from "node:http";', 'import OpenAI from "openai";', 'const s = new Server({ name: "web" });'].join(
        '\n',
      ),
    });
    assert.deepEqual(refsOf(bom, 'plugin'), []);
  });

  it('near miss: a server template in a private test-utility package is a test double, not a plugin', async () => {
    const server = [
      "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
      'const config = JSON.parse(process.argv[2]);',
      'const server = new Server({ name: config.name, version: "1.0.0" }, { capabilities: { tools: {} } });',
    ].join('\n');
    const bom = await inventoryOf({
      'packages/test-utils/package.json': JSON.stringify({ name: '@acme/cli-test-utils', private: true }),
      'packages/test-utils/src/mcp-server-template.mjs': server,
      'packages/harness/package.json': JSON.stringify({ name: '@acme/harness', private: true }),
      'packages/harness/src/test-mcp-server.mjs': server,
      'packages/tools/package.json': JSON.stringify({ name: '@acme/tools-mcp', private: true }),
      'packages/tools/src/server.mjs': server,
    });
    // Only the package whose server is its own code is listed.
    assert.deepEqual(refsOf(bom, 'plugin'), ['plugin:mcp/local/@acme/tools-mcp']);
  });
});

describe('inventory: MCP prompts registered on a server a function is handed', () => {
  it("reads the TypeScript SDK's older server.prompt(name, description, schema, handler) without an SDK import", async () => {
    const bom = await inventoryOf({
      'src/mcp-handler.ts': [
        'export function initializeMcpServer(server: any) {',
        '  server.prompt("web_search_help", "Get help with web search", {}, async () => {',
        '    return { messages: [{ role: "user", content: { type: "text", text: "I want to search the web for current news." } }] };',
        '  });',
        '}',
        '',
      ].join('\n'),
    });
    assert.ok(
      bom.components.some((component) => component.kind === 'prompt' && component.name === 'src/mcp-handler.ts#web_search_help'),
      bom.components.map((component) => component.name).join(', '),
    );
  });

  it('near miss: a prompt() of a CLI or a dialog, not a server, and one without messages', async () => {
    const bom = await inventoryOf({
      'src/cli.ts': [
        'export async function ask(rl: any, server: any) {',
        '  const answer = await rl.prompt("name", async () => ({ value: 1 }));',
        '  server.prompt("confirm", async () => ({ ok: true }));',
        '  return answer;',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(
      bom.components.filter((component) => component.kind === 'prompt').map((component) => component.name),
      [],
    );
  });
});
