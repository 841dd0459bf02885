import * as assert from 'node:assert/strict';
import { find, inventoryOf, propertyValues, summary } from './helpers';

/** MCP servers a workspace builds and publishes itself, read from their package manifests. */

describe('inventory: MCP servers built in the workspace', () => {
  it('lists an npm package that depends on the MCP SDK and publishes a server command', async () => {
    const bom = await inventoryOf({
      'src/memory/package.json': JSON.stringify(
        {
          name: '@modelcontextprotocol/server-memory',
          version: '0.6.3',
          bin: { 'mcp-server-memory': 'dist/index.js' },
          dependencies: { '@modelcontextprotocol/sdk': '^1.24.0' },
        },
        null,
        2,
      ),
      'src/weather/package.json': JSON.stringify({
        name: 'weather',
        mcpName: 'io.github.example/weather',
        dependencies: { '@modelcontextprotocol/sdk': '^1.24.0' },
      }),
    });
    const memory = find(bom, 'plugin', '@modelcontextprotocol/server-memory');
    assert.equal(memory.ref, 'plugin:mcp/npm/@modelcontextprotocol/server-memory');
    assert.equal(memory.version, '0.6.3');
    assert.deepEqual(propertyValues(memory, 'mcp:source'), ['workspace']);
    assert.deepEqual(memory.occurrences, [{ path: 'src/memory/package.json', line: 2, evidence: 'manifest', symbol: 'bin' }]);
    assert.equal(find(bom, 'plugin', 'weather').occurrences[0].symbol, 'mcpName');
  });

  it('lists a Python project that depends on mcp and has a server console script', async () => {
    const bom = await inventoryOf({
      'src/fetch/pyproject.toml': [
        '[project]',
        'name = "mcp-server-fetch"',
        'version = "0.6.3"',
        'dependencies = ["httpx>=0.27", "mcp>=1.1.3"]',
        '',
        '[project.scripts]',
        'mcp-server-fetch = "mcp_server_fetch:main"',
      ].join('\n'),
    });
    const fetch = find(bom, 'plugin', 'mcp-server-fetch');
    assert.equal(fetch.ref, 'plugin:mcp/pypi/mcp-server-fetch');
    assert.equal(fetch.occurrences[0].line, 2);
  });

  it('meets the plugin a client configuration launches from the same package', async () => {
    const bom = await inventoryOf({
      'src/memory/package.json': JSON.stringify({
        name: '@modelcontextprotocol/server-memory',
        bin: { 'mcp-server-memory': 'dist/index.js' },
        dependencies: { '@modelcontextprotocol/sdk': '^1.24.0' },
      }),
      '.vscode/mcp.json': JSON.stringify({ servers: { memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'] } } }),
    });
    const plugins = bom.components.filter((component) => component.kind === 'plugin');
    assert.equal(plugins.length, 1);
    assert.equal(plugins[0].occurrences.length, 2);
  });

  it('near miss: an MCP client CLI, a library without a command, a dev-only SDK and a server without mcp are not servers built here', async () => {
    const bom = await inventoryOf({
      'client/package.json': JSON.stringify({
        name: 'my-chat-cli',
        bin: { chat: 'dist/cli.js' },
        dependencies: { '@modelcontextprotocol/sdk': '^1.24.0' },
      }),
      'lib/package.json': JSON.stringify({ name: 'mcp-tools-lib', dependencies: { '@modelcontextprotocol/sdk': '^1.24.0' } }),
      'dev/package.json': JSON.stringify({
        name: 'mcp-server-dev',
        bin: { 'mcp-server-dev': 'x.js' },
        devDependencies: { '@modelcontextprotocol/sdk': '^1.24.0' },
      }),
      'web/pyproject.toml': [
        '[project]',
        'name = "web-server"',
        'dependencies = ["flask"]',
        '[project.scripts]',
        'web-server = "web:main"',
      ].join('\n'),
      'cli/pyproject.toml': [
        '[project]',
        'name = "mcp-client-cli"',
        'dependencies = ["mcp"]',
        '[project.scripts]',
        'mcp-client = "cli:main"',
      ].join('\n'),
      'agent/pyproject.toml': ['[project]', 'name = "agent"', 'dependencies = ["mcp"]', '[project.scripts]', 'agent = "agent:main"'].join(
        '\n',
      ),
    });
    assert.deepEqual(
      bom.components.filter((component) => component.kind === 'plugin').map((component) => component.name),
      [],
    );
  });

  it('lists a package that declares its MCP Registry name or has a server command and an mcp keyword, without a runtime SDK', async () => {
    const bom = await inventoryOf({
      'package.json': JSON.stringify(
        {
          name: '@acme/browser-mcp',
          version: '0.0.7',
          mcpName: 'io.github.acme/browser-mcp',
          dependencies: { 'browser-core': '1.0.0' },
          devDependencies: { '@modelcontextprotocol/sdk': '^1.25.2' },
          bin: { 'browser-mcp': 'cli.js' },
        },
        null,
        2,
      ),
      'tools/package.json': JSON.stringify({ name: 'notes-mcp', keywords: ['mcp', 'notes'], bin: { 'notes-mcp': 'cli.js' } }),
    });
    const browser = find(bom, 'plugin', '@acme/browser-mcp');
    assert.equal(browser.ref, 'plugin:mcp/npm/@acme/browser-mcp');
    assert.equal(browser.occurrences[0].symbol, 'mcpName');
    assert.equal(find(bom, 'plugin', 'notes-mcp').occurrences[0].symbol, 'bin');
  });

  it('near miss: mcp in the keywords of a library or a client app, and a server command without other evidence', async () => {
    const bom = await inventoryOf({
      'lib/package.json': JSON.stringify({ name: 'mcp-utils', keywords: ['mcp', 'model-context-protocol'] }),
      'app/package.json': JSON.stringify({
        name: 'chat-app',
        keywords: ['mcp'],
        bin: { 'chat-app': 'cli.js' },
        dependencies: { '@modelcontextprotocol/sdk': '^1.25.2' },
      }),
      'proxy/package.json': JSON.stringify({ name: 'proxy-mcp', bin: { 'proxy-mcp': 'cli.js' }, dependencies: { express: '^4' } }),
    });
    assert.deepEqual(
      bom.components.filter((component) => component.kind === 'plugin').map((component) => component.name),
      [],
    );
  });

  it('lists the packages, image and remote an MCP Registry entry (server.json) publishes', async () => {
    const bom = await inventoryOf({
      'server.json': JSON.stringify(
        {
          $schema: 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json',
          name: 'io.github.acme/weather',
          version: '1.2.0',
          packages: [
            { registryType: 'npm', identifier: '@acme/weather-mcp', version: '1.2.0', transport: { type: 'stdio' } },
            { registryType: 'pypi', identifier: 'acme-weather-mcp', version: '1.2.0', transport: { type: 'stdio' } },
            { registryType: 'oci', identifier: 'ghcr.io/acme/weather-mcp:1.2.0', transport: { type: 'stdio' } },
          ],
          remotes: [{ type: 'streamable-http', url: 'https://weather.acme.dev/mcp' }],
        },
        null,
        2,
      ),
      'package.json': JSON.stringify({ name: '@acme/weather-mcp', mcpName: 'io.github.acme/weather' }),
    });
    const npm = find(bom, 'plugin', '@acme/weather-mcp');
    assert.equal(npm.occurrences.length, 2, 'server.json and package.json name one plugin');
    assert.deepEqual(propertyValues(npm, 'mcp:registry-name'), ['io.github.acme/weather']);
    assert.equal(find(bom, 'plugin', 'acme-weather-mcp').ref, 'plugin:mcp/pypi/acme-weather-mcp');
    const image = find(bom, 'plugin', 'ghcr.io/acme/weather-mcp');
    assert.equal(image.ref, 'plugin:mcp/docker/ghcr.io/acme/weather-mcp');
    assert.equal(image.version, '1.2.0');
    assert.deepEqual(propertyValues(image, 'mcp:source'), ['workspace']);
    const remote = find(bom, 'plugin', 'io.github.acme/weather');
    assert.equal(remote.ref, 'plugin:mcp/remote/weather.acme.dev');
    assert.equal(remote.transport, 'http');
  });

  it('names a published image without a tag filled in at release time', async () => {
    const bom = await inventoryOf({
      'server.json': JSON.stringify({
        $schema: 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json',
        name: 'io.github.acme/weather',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder as a release script fills it.
        packages: [{ registryType: 'oci', identifier: 'ghcr.io/acme/weather-mcp:${VERSION}', transport: { type: 'stdio' } }],
      }),
    });
    const image = find(bom, 'plugin', 'ghcr.io/acme/weather-mcp');
    assert.equal(image.ref, 'plugin:mcp/docker/ghcr.io/acme/weather-mcp');
    assert.equal(image.version, undefined);
  });

  it('near miss: a server.json of a web server, or packages without a registry type', async () => {
    const bom = await inventoryOf({
      'server.json': JSON.stringify({ name: 'api', port: 8080, packages: [{ identifier: 'registrytype-free' }] }),
      'config/server.json': JSON.stringify({ name: 'web', registryType: 'none', routes: [] }),
    });
    assert.deepEqual(summary(bom), []);
  });

  it('lists the image a publish workflow pushes from the folder of a published MCP server', async () => {
    const workflow = [
      'on: release',
      'jobs:',
      '  docker:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          push: true',
      '          tags: |',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression as the workflow writes it.
      '            acme.azurecr.io/public/acme/mcp:${{ github.event.release.tag_name }}',
      '            acme.azurecr.io/public/acme/mcp:latest',
      '  server:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - id: meta',
      '        uses: docker/metadata-action@v5',
      '        with:',
      '          images: ghcr.io/acme/weather',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: ./servers/weather',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression as the workflow writes it.
      "          push: ${{ github.event_name != 'pull_request' }}",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression as the workflow writes it.
      '          tags: ${{ steps.meta.outputs.tags }}',
    ].join('\n');
    const bom = await inventoryOf({
      'package.json': JSON.stringify({ name: '@acme/mcp', mcpName: 'io.github.acme/mcp' }),
      'servers/weather/pyproject.toml': [
        '[project]',
        'name = "weather"',
        'dependencies = ["mcp>=1.2"]',
        '[project.scripts]',
        'mcp-server-weather = "weather:main"',
      ].join('\n'),
      '.github/workflows/publish.yml': workflow,
    });
    const image = find(bom, 'plugin', 'acme.azurecr.io/public/acme/mcp');
    assert.equal(image.ref, 'plugin:mcp/docker/acme.azurecr.io/public/acme/mcp');
    assert.deepEqual(propertyValues(image, 'mcp:image-of'), ['@acme/mcp']);
    assert.deepEqual(image.occurrences[0], {
      path: '.github/workflows/publish.yml',
      line: 9,
      evidence: 'config',
      symbol: 'docker/build-push-action',
    });
    assert.deepEqual(propertyValues(find(bom, 'plugin', 'ghcr.io/acme/weather'), 'mcp:image-of'), ['weather']);
  });

  it('near miss: images pushed from a folder that publishes no MCP server, or named for something else', async () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  docker:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          context: ./web',
      '          push: true',
      '          tags: ghcr.io/acme/web-mcp:latest',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          push: true',
      '          tags: ghcr.io/acme/docs-site:latest',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          push: false',
      '          tags: ghcr.io/acme/mcp:test',
    ].join('\n');
    const bom = await inventoryOf({
      'package.json': JSON.stringify({ name: '@acme/mcp', mcpName: 'io.github.acme/mcp' }),
      'web/package.json': JSON.stringify({ name: 'web', keywords: ['mcp'] }),
      '.github/workflows/images.yml': workflow,
    });
    assert.deepEqual(summary(bom), ['plugin @acme/mcp']);
  });
});
