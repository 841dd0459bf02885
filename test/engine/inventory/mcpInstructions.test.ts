import * as assert from 'node:assert/strict';
import { find, inventoryOf, propertyValues, summary } from './helpers';

const prompts = (bom: Awaited<ReturnType<typeof inventoryOf>>) => summary(bom).filter((line) => line.startsWith('prompt '));

describe('inventory: MCP server instructions and prompts', () => {
  it('an MCP prompt registered through a project registration context; an Inquirer prompt plugin is none', async () => {
    const bom = await inventoryOf({
      'packages/common/src/shared-prompts/docs.prompts.ts': [
        "import type { McpRegistrationContext } from '../registration-context'",
        'export function registerPrompts(context: McpRegistrationContext) {',
        "  context.registerPrompt('workers-prompt-full', { description: 'Prompt for Workers code' }, async () => ({",
        "    messages: [{ role: 'user', content: { type: 'text', text: await (await fetch(PROMPT_URL)).text() } }],",
        '  }))',
        '}',
      ].join('\n'),
      'cli/prompts.js': [
        "const inquirer = require('inquirer');",
        "inquirer.registerPrompt('autocomplete', require('inquirer-autocomplete-prompt'));",
      ].join('\n'),
    });
    assert.deepEqual(prompts(bom), ['prompt packages/common/src/shared-prompts/docs.prompts.ts#workers-prompt-full']);
  });

  it('Python servers: FastMCP and the low-level Server, inline or through a module constant', async () => {
    const bom = await inventoryOf({
      'weather/server.py': [
        'from mcp.server.fastmcp import FastMCP',
        '',
        'WEATHER_INSTRUCTIONS = """Use get_forecast for a place and get_alerts for a US state.',
        'Always give temperatures in Celsius and say which station the data came from."""',
        '',
        'mcp = FastMCP("weather", instructions=WEATHER_INSTRUCTIONS)',
        '',
      ].join('\n'),
      // A constant of a sibling module: that module's prompt.
      'src/tickets/server.py': [
        'from mcp.server.fastmcp import FastMCP',
        'from .prompts import SERVER_INSTRUCTIONS as INSTRUCTIONS',
        'mcp = FastMCP("tickets", instructions=INSTRUCTIONS)',
      ].join('\n'),
      'notes/server.py': [
        'from mcp.server.lowlevel import Server',
        '',
        'server = Server(',
        '    "notes",',
        '    instructions="Search the notes before you create one, and never delete a note without asking.",',
        ')',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts(bom), [
      'prompt notes/server.py#system@5',
      'prompt src/tickets/prompts.py#SERVER_INSTRUCTIONS',
      'prompt weather/server.py#WEATHER_INSTRUCTIONS',
    ]);
  });

  it('TypeScript servers: McpServer options, a factory given serverOptions, joined and imported constants', async () => {
    const bom = await inventoryOf({
      'src/server.ts': [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        '',
        "const server = new McpServer({ name: 'docs', version: '1.0.0' }, {",
        '  instructions: `Search the documentation with search_docs before answering.',
        'Quote the page you used and link to it.`,',
        '});',
        '',
      ].join('\n'),
      'apps/radar/src/radar.app.ts': [
        "import { createAuthenticatedMcpApp } from '@repo/mcp-common/src/mcp-app'",
        "import { BASE_INSTRUCTIONS } from './radar.context'",
        '',
        'export const DEPRECATION_INSTRUCTIONS = `This server is deprecated: tell the user to move to the unified server, then answer.`',
        '',
        'const app = createAuthenticatedMcpApp({',
        "  serviceHostnames: ['radar.example.com'],",
        '  serverOptions: {',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the TypeScript source under test.
        '    instructions: `${DEPRECATION_INSTRUCTIONS}\\n\\n---\\n\\n${BASE_INSTRUCTIONS}`,',
        '  },',
        '  register(context) {',
        "    context.registerTool('x', { instructions: 'not the server' }, () => 1)",
        '  },',
        '})',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts(bom), [
      'prompt apps/radar/src/radar.app.ts#DEPRECATION_INSTRUCTIONS',
      'prompt apps/radar/src/radar.context.ts#BASE_INSTRUCTIONS',
      'prompt src/server.ts#system@4',
    ]);
    const imported = find(bom, 'prompt', 'apps/radar/src/radar.context.ts#BASE_INSTRUCTIONS');
    assert.deepEqual(imported.occurrences, [
      { path: 'apps/radar/src/radar.app.ts', line: 9, evidence: 'constant', symbol: 'BASE_INSTRUCTIONS' },
    ]);
    assert.deepEqual(propertyValues(imported, 'prompt:type'), ['mcp-instructions']);
  });

  it('TypeScript servers made from profiles: the instructions of each profile, a choice between two included', async () => {
    const bom = await inventoryOf({
      'src/index.ts': [
        "import { FastMCP } from 'fastmcp';",
        'const FULL_INSTRUCTIONS = `Firecrawl provides web search and page retrieval. Use firecrawl_search first, then scrape.`;',
        'const KEYLESS_INSTRUCTIONS = `Without authentication, this endpoint exposes Search and Scrape with usage limits.`;',
        'const SEARCH_INSTRUCTIONS = `Use firecrawl_search to find relevant results across the web and specialized indexes.`;',
        'const NOTE = `Use the staging server for the release checks, then promote the build to production.`;',
        'function fullProfile(account: boolean) {',
        "  return { id: 'full', instructions: account ? FULL_INSTRUCTIONS : KEYLESS_INSTRUCTIONS };",
        '}',
        "const searchProfile = { id: 'search', instructions: SEARCH_INSTRUCTIONS };",
        "const release = { title: 'x', notes: NOTE };",
        "const payload = { code: 'DEPRECATED', instructions: 'Call once per known URL and pass the extraction prompt in jsonOptions.' };",
        'function createServer(profile) {',
        "  return new FastMCP({ name: 'firecrawl', instructions: profile.instructions });",
        '}',
        '',
      ].join('\n'),
      // Near miss: `instructions:` keys of a file whose MCP server takes its instructions in place.
      'src/other.ts': [
        "import { FastMCP } from 'fastmcp';",
        'const RECIPE_INSTRUCTIONS = `Mix the flour and the water, then knead the dough for ten minutes.`;',
        "const recipe = { title: 'Bread', instructions: RECIPE_INSTRUCTIONS };",
        "const server = new FastMCP({ name: 'kitchen', instructions: 'Search the recipes before you answer any question.' });",
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts(bom), [
      'prompt src/index.ts#FULL_INSTRUCTIONS',
      'prompt src/index.ts#KEYLESS_INSTRUCTIONS',
      'prompt src/index.ts#SEARCH_INSTRUCTIONS',
      'prompt src/other.ts#system@4',
    ]);
  });

  it('Go servers: ServerOptions instructions and Prompt literals of the Go SDK, WithInstructions and NewPrompt of mcp-go', async () => {
    const bom = await inventoryOf({
      'internal/server.go': [
        'package internal',
        '',
        'import "github.com/modelcontextprotocol/go-sdk/mcp"',
        '',
        'const serverInstructions = "Use list_issues to browse and search_issues to find issues by text."',
        '',
        'func New() *mcp.Server {',
        '\ts := mcp.NewServer(&mcp.Implementation{Name: "issues"}, &mcp.ServerOptions{Instructions: serverInstructions})',
        '\ts.AddPrompt(&mcp.Prompt{Name: "triage", Description: "Triage new issues"}, triage)',
        '\treturn s',
        '}',
      ].join('\n'),
      'cmd/main.go': [
        'package main',
        '',
        'import (',
        '\t"github.com/mark3labs/mcp-go/mcp"',
        '\t"github.com/mark3labs/mcp-go/server"',
        ')',
        '',
        'func main() {',
        '\ts := server.NewMCPServer("notes", "1.0.0", server.WithInstructions("Search the notes before you create a new one, and never delete notes."))',
        '\ts.AddPrompt(mcp.NewPrompt("summarize", mcp.WithPromptDescription("Summarize the notes")), handler)',
        '}',
      ].join('\n'),
    });
    assert.deepEqual(prompts(bom), [
      'prompt cmd/main.go#summarize',
      'prompt cmd/main.go#system@9',
      'prompt internal/server.go#serverInstructions',
      'prompt internal/server.go#triage',
    ]);
  });

  it('Go: the second name of a grouped constant declaration is a constant too', async () => {
    const bom = await inventoryOf({
      'internal/server.go': [
        'package internal',
        '',
        'import "github.com/modelcontextprotocol/go-sdk/mcp"',
        '',
        'const name, serverInstructions = "issues", "Use list_issues to browse and search_issues to find issues by text."',
        '',
        'func New() *mcp.Server {',
        '\treturn mcp.NewServer(&mcp.Implementation{Name: name}, &mcp.ServerOptions{Instructions: serverInstructions})',
        '}',
      ].join('\n'),
    });
    assert.deepEqual(prompts(bom), ['prompt internal/server.go#serverInstructions']);
  });

  it('instructions of other calls, of MCP clients and of test servers are not server instructions', async () => {
    const bom = await inventoryOf({
      // A recipe app that also mentions MCP somewhere.
      'src/recipes.ts': [
        '// exposed over MCP later',
        "const recipe = createRecipe({ title: 'Bread', instructions: 'Mix the flour and the water, then knead it for ten minutes.' })",
        '',
      ].join('\n'),
      'src/client.ts': [
        "import { Client } from '@modelcontextprotocol/sdk/client/index.js';",
        "const client = new McpClient({ name: 'c' }, { instructions: 'Connect to the weather server and list its tools first.' });",
        '',
      ].join('\n'),
      'tests/test_server.py': [
        'from mcp.server.fastmcp import FastMCP',
        'mcp = FastMCP("t", instructions="You are a test server used to check the handshake only.")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts(bom), []);
  });
});
