import * as assert from 'node:assert/strict';
import { inventoryOf, propertyValues, refsOf, summary } from './helpers';

/** Services and plugins named by shape: pgvector SQL, agent web APIs, GitHub Models, Model Armor, Hub downloads, MCP modules. */

const plugins = (bom: Awaited<ReturnType<typeof inventoryOf>>) => bom.components.filter((component) => component.kind === 'plugin');

describe('inventory: pgvector written in code', () => {
  it('reads `CREATE EXTENSION … vector` in a code string as the pgvector vector store', async () => {
    const bom = await inventoryOf({
      'setup_db.py': [
        'from openai import OpenAI',
        'async def setup(conn):',
        '    await conn.execute("CREATE EXTENSION IF NOT EXISTS vector")',
      ].join('\n'),
      'init.js': "await client.query('create extension vector;');\n",
    });
    assert.ok(refsOf(bom, 'service').includes('service:pgvector'));
    const pgvector = bom.components.find((component) => component.ref === 'service:pgvector');
    assert.deepEqual(
      pgvector?.occurrences.map((occurrence) => `${occurrence.path}:${occurrence.line}`),
      ['init.js:1', 'setup_db.py:3'].sort(),
    );
  });

  it('near miss: other extensions, the words in a comment and a plain Postgres client are not a vector store', async () => {
    const bom = await inventoryOf({
      'db.py': [
        'import psycopg',
        '# CREATE EXTENSION IF NOT EXISTS vector once pgvector is installed',
        'conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), []);
  });
});

describe('inventory: agent web APIs and GitHub Models', () => {
  it('reads Firecrawl clients and hosts, and GitHub Models endpoints', async () => {
    const bom = await inventoryOf({
      'scrape.py': ['from firecrawl import FirecrawlApp', 'app = FirecrawlApp(api_key=key)'].join('\n'),
      'models.py': ['from openai import OpenAI', 'client = OpenAI(base_url="https://models.inference.ai.azure.com")'].join('\n'),
      '.env.example': 'FIRECRAWL_API_KEY=\n',
    });
    const services = refsOf(bom, 'service');
    assert.ok(services.includes('service:firecrawl'), services.join(','));
    assert.ok(services.includes('service:github-models'), services.join(','));
    assert.ok(summary(bom).includes('sdk firecrawl-py'));
  });

  it('lists Firecrawl under either published name', async () => {
    const bom = await inventoryOf({ 'requirements.txt': 'firecrawl>=2.0\nfirecrawl-py==1.2.0\nrequests\n' });
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('sdk ')),
      ['sdk firecrawl', 'sdk firecrawl-py@1.2.0'],
    );
  });

  it('near miss: a local class named FirecrawlApp and the name in a string are not the API', async () => {
    const bom = await inventoryOf({
      'crawl.py': ['class FirecrawlApp:', '    pass', 'app = FirecrawlApp()', 'print("FirecrawlApp")'].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), []);
  });

  it('reads GitHub AI actions as CI plugins that call GitHub Models', async () => {
    const bom = await inventoryOf({
      '.github/workflows/moderate.yml': [
        'on: issues',
        'permissions:',
        '  models: read',
        'jobs:',
        '  moderate:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: github/ai-moderator@v1',
        '      - uses: actions/checkout@v4',
      ].join('\n'),
    });
    assert.deepEqual(
      plugins(bom).map((plugin) => `${plugin.name}@${plugin.version}`),
      ['github/ai-moderator@v1'],
    );
    assert.deepEqual(refsOf(bom, 'service'), ['service:github-models']);
  });
});

describe('inventory: AI services in Terraform', () => {
  it('reads Model Armor templates and the Azure Verified Module for AI Search', async () => {
    const bom = await inventoryOf({
      'armor.tf': [
        'resource "google_model_armor_template" "default" {',
        '  location    = "us-central1"',
        '  template_id = "guard"',
        '}',
      ].join('\n'),
      'search.tf': ['module "aisearch" {', '  source  = "Azure/avm-res-search-searchservice/azurerm"', '  version = "0.1.5"', '}'].join(
        '\n',
      ),
    });
    assert.deepEqual(refsOf(bom, 'service'), ['service:azure-ai-search', 'service:google-model-armor']);
  });

  it('near miss: other Google resources and other Azure Verified Modules are not AI services', async () => {
    const bom = await inventoryOf({
      'main.tf': [
        'resource "google_storage_bucket" "armor" {',
        '  name = "model-armor-logs"',
        '}',
        'module "storage" {',
        '  source = "Azure/avm-res-storage-storageaccount/azurerm"',
        '}',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'service'), []);
  });
});

describe('inventory: Hub downloads', () => {
  it('lists the Hugging Face Hub where a loader downloads an org/name id', async () => {
    const bom = await inventoryOf({
      'embed.py': [
        'from transformers import AutoModel',
        'from huggingface_hub import hf_hub_download',
        'model = AutoModel.from_pretrained("BAAI/bge-m3")',
      ].join('\n'),
    });
    const hub = bom.components.find((component) => component.ref === 'service:huggingface-hub');
    assert.equal(hub?.occurrences[0].line, 3);
  });

  it('lists the Hub for local embeddings classes given a Hub id', async () => {
    const bom = await inventoryOf({
      'rm.py': [
        'from langchain_huggingface import HuggingFaceEmbeddings',
        'emb = HuggingFaceEmbeddings(model_name="BAAI/bge-m3", model_kwargs={"device": "cpu"})',
      ].join('\n'),
    });
    assert.ok(refsOf(bom, 'service').includes('service:huggingface-hub'), refsOf(bom, 'service').join(','));
  });

  it('near miss: local embeddings of a workspace folder name no Hub service', async () => {
    const bom = await inventoryOf({
      'rm.py': [
        'from langchain_huggingface import HuggingFaceEmbeddings',
        'emb = HuggingFaceEmbeddings(model_name="./models/bge-m3")',
      ].join('\n'),
    });
    assert.ok(!refsOf(bom, 'service').includes('service:huggingface-hub'));
  });

  it('near miss: a local folder, a placeholder and a bare name do not name the Hub service', async () => {
    const bom = await inventoryOf({
      'load.py': [
        'from transformers import AutoModel, AutoTokenizer',
        'model = AutoModel.from_pretrained("./outputs/merged")',
        'other = AutoModel.from_pretrained("path/to/your/model")',
        'tok = AutoTokenizer.from_pretrained("gpt2")',
      ].join('\n'),
    });
    assert.ok(!refsOf(bom, 'service').includes('service:huggingface-hub'));
  });
});

describe('inventory: MCP servers run as Python modules', () => {
  it('names `python -m` and `uv run python -m` of a published server by its package', async () => {
    const bom = await inventoryOf({
      '.mcp.json': JSON.stringify({
        mcpServers: {
          git: { command: 'uv', args: ['run', 'python', '-m', 'mcp_server_git', '--repository', '.'] },
          fetch: { command: 'python3', args: ['-m', 'mcp_server_fetch'] },
        },
      }),
    });
    const found = plugins(bom);
    assert.deepEqual(found.map((plugin) => plugin.purl).sort(), ['pkg:pypi/mcp-server-fetch', 'pkg:pypi/mcp-server-git']);
    assert.deepEqual(propertyValues(found[0], 'mcp:pinned'), []);
    assert.equal(propertyValues(found[0], 'mcp:module').length, 1);
  });

  it("near miss: the workspace's own module and `python -m pip` stay local servers", async () => {
    const bom = await inventoryOf({
      '.mcp.json': JSON.stringify({
        mcpServers: {
          mine: { command: 'python', args: ['-m', 'my_project.server'] },
          odd: { command: 'uv', args: ['run', 'python', '-m', 'pip', 'install', 'x'] },
        },
      }),
    });
    assert.deepEqual(
      plugins(bom)
        .map((plugin) => plugin.ref)
        .sort(),
      ['plugin:mcp/local/mine', 'plugin:mcp/local/odd'],
    );
  });

  it('reads server presets an app offers as data when the package they launch is named for MCP', async () => {
    const bom = await inventoryOf({
      'components/McpSelector.tsx': [
        'const PRESETS = [',
        "  { name: 'github', command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_TOKEN: '' } },",
        "  { name: 'tavily', command: 'npx', args: ['-y', 'tavily-mcp@0.1.2'] },",
        '];',
      ].join('\n'),
    });
    assert.deepEqual(
      plugins(bom)
        .map((plugin) => plugin.purl)
        .sort(),
      ['pkg:npm/%40modelcontextprotocol/server-github', 'pkg:npm/tavily-mcp@0.1.2'],
    );
  });

  it('near miss: command/args maps that launch other tools are not MCP presets', async () => {
    const bom = await inventoryOf({
      'tasks.ts': [
        '// run with npx -y tavily-mcp later',
        "const build = { command: 'npx', args: ['-y', 'prettier', '--write', '.'] };",
        "const lint = { command: 'uvx', args: ['ruff', 'check'] };",
      ].join('\n'),
    });
    assert.deepEqual(plugins(bom), []);
  });

  it('reads a server map given to the agent in a later notebook cell', async () => {
    const cell = (source: string) => ({ cell_type: 'code', metadata: {}, outputs: [], source });
    const bom = await inventoryOf({
      'agent.ipynb': JSON.stringify({
        cells: [
          cell('from claude_code_sdk import ClaudeSDKClient, ClaudeCodeOptions\n'),
          cell('git_mcp = {"git": {"command": "uv", "args": ["run", "python", "-m", "mcp_server_git"]}}\n'),
          cell('options = ClaudeCodeOptions(model="claude-sonnet-4-20250514", mcp_servers=git_mcp)\n'),
        ],
        metadata: { kernelspec: { language: 'python' } },
        nbformat: 4,
        nbformat_minor: 5,
      }),
    });
    assert.deepEqual(
      plugins(bom).map((plugin) => plugin.purl),
      ['pkg:pypi/mcp-server-git'],
    );
  });
});

describe('inventory: tracing and gateway services', () => {
  it('reads Phoenix `register()` from phoenix.otel and the Helicone key name', async () => {
    const bom = await inventoryOf({
      'trace.py': ['from phoenix.otel import register', 'tracer_provider = register(project_name="agents")'].join('\n'),
      '.env.example': 'HELICONE_API_KEY=\n',
    });
    assert.deepEqual(refsOf(bom, 'service'), ['service:arize-phoenix', 'service:helicone']);
  });

  it('near miss: a `register` of another module is not Phoenix', async () => {
    const bom = await inventoryOf({
      'plugins.py': ['from app.plugins import register', 'import openai', 'register("x")'].join('\n'),
    });
    assert.ok(!refsOf(bom, 'service').includes('service:arize-phoenix'));
  });
});

describe('inventory: GitHub Models prompt files', () => {
  it('lists a `.prompt.yml` as a prompt, its model and the GitHub Models service', async () => {
    const bom = await inventoryOf({
      '.github/prompts/review.prompt.yml': [
        'name: Review',
        'model: openai/gpt-4o-mini',
        'messages:',
        '  - role: system',
        '    content: You triage GitHub issues and label them.',
        '  - role: user',
        '    content: "{{input}}"',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'prompt'), ['prompt:.github/prompts/review.prompt.yml']);
    assert.deepEqual(refsOf(bom, 'service'), ['service:github-models']);
    assert.ok(
      summary(bom).some((line) => line.startsWith('model ') && line.includes('gpt-4o-mini')),
      summary(bom).join('\n'),
    );
  });

  it('near miss: a `.prompt.yml` without messages is not a prompt file', async () => {
    const bom = await inventoryOf({ 'ci/release.prompt.yml': ['steps:', '  - run: make release', 'confirm: true'].join('\n') });
    assert.deepEqual(bom.components, []);
  });
});

describe('inventory: smolagents MCP clients', () => {
  it('reads `MCPClient(server_parameters=…)` with the map bound to a name', async () => {
    const bom = await inventoryOf({
      'main.py': [
        'from smolagents import CodeAgent, MCPClient',
        'params = {"url": "https://tools.example-hub.dev/mcp", "transport": "streamable-http"}',
        'client = MCPClient(server_parameters=params)',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'plugin'), ['plugin:mcp/remote/tools.example-hub.dev']);
  });

  it('near miss: an `MCPClient` of another module is not read', async () => {
    const bom = await inventoryOf({
      'main.py': [
        'from app.clients import MCPClient',
        'import openai',
        'client = MCPClient(server_parameters={"url": "https://tools.example-hub.dev/mcp"})',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'plugin'), []);
  });
});
