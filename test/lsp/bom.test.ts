/**
 * The AI-BOM over real LSP: `aiPosture/bom` after the startup scan (components, occurrences,
 * finding counts), kept current when a file changes on disk (with `aiPosture/bomChanged`), open
 * buffers winning until they are closed, deletions, and `aiPosture/exportBom` as CycloneDX 1.6 that
 * validates against the official schema, for one folder and for two folders merged.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import type { BomChangedParams, BomComponent, BomResult } from '../../server/src/shared/protocol';
import { cycloneDxValidator } from '../engine/inventory/helpers';
import { ensureBuilt, makeWorkspace, removeWorkspace, TestClient, uriOf, writeFile } from './client';

const APP_PY = [
  'import torch',
  'from openai import OpenAI',
  'from transformers import AutoModel',
  '',
  'client = OpenAI()',
  'reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])',
  'weights = torch.load("weights.pt")',
  'encoder = AutoModel.from_pretrained("org/encoder", trust_remote_code=True)',
  '',
].join('\n');
const NO_COUNTS = { error: 0, warning: 0, information: 0, hint: 0 };

// biome-ignore lint/suspicious/noExplicitAny: the tests walk parsed CycloneDX JSON freely.
type Json = Record<string, any>;

function find(result: BomResult, ref: string): BomComponent {
  const component = result.components.find((candidate) => candidate.ref === ref);
  assert.ok(component, `no ${ref} in ${result.components.map((candidate) => candidate.ref).join(', ')}`);
  return component;
}

function refs(result: BomResult): string[] {
  return result.components.map((component) => component.ref);
}

describe('LSP AI-BOM', function () {
  this.timeout(30_000);
  before(ensureBuilt);

  describe('one workspace folder', () => {
    let root: string;
    let client: TestClient;
    const changes: BomChangedParams[] = [];

    before(async () => {
      root = makeWorkspace({
        'requirements.txt': 'openai==1.58.1\nrequests==2.32.3\n',
        'app.py': APP_PY,
        'prompts/answer.prompty':
          '---\nname: answer\nmodel:\n  api: chat\n  configuration:\n    type: azure_openai\n    azure_deployment: gpt-4o\n---\nsystem:\nAnswer briefly.\n',
      });
      client = (await TestClient.start({ pull: true, folders: [root] })).client;
      client.connection.onNotification('aiPosture/bomChanged', (params: BomChangedParams) => {
        changes.push(params);
      });
    });
    after(async () => {
      await client?.stop();
      removeWorkspace(root);
    });

    function bom(): Promise<BomResult> {
      return client.request<BomResult>('aiPosture/bom', {});
    }

    /** Polls `aiPosture/bom` until `check` holds. */
    function bomUntil(check: (result: BomResult) => boolean, what: string): Promise<BomResult> {
      return client.waitFor(async () => {
        const result = await bom();
        return check(result) ? result : undefined;
      }, what);
    }

    it('answers at once, and lists the SDKs, models and services once the startup scan is complete', async () => {
      const first = await bom();
      assert.equal(typeof first.complete, 'boolean');
      const result = await bomUntil((answer) => answer.complete, 'the first scan to complete');
      assert.equal(result.scanned, true);
      assert.deepEqual(refs(result), [
        'sdk:pypi/openai',
        'sdk:pypi/torch',
        'sdk:pypi/transformers',
        'model:azure-openai/gpt-4o',
        'model:openai/gpt-4o',
        'model:huggingface/org/encoder',
        // A Hub model is downloaded from the Hugging Face Hub.
        'service:huggingface-hub',
        'service:openai',
        'prompt:prompts/answer.prompty',
      ]);
      const openai = find(result, 'sdk:pypi/openai');
      assert.equal(openai.version, '1.58.1');
      assert.equal(openai.purl, 'pkg:pypi/openai@1.58.1');
      assert.equal(openai.folderUri, pathToFileURL(root).href);
      assert.deepEqual(
        openai.occurrences.map((occurrence) => `${occurrence.path}:${occurrence.line} ${occurrence.evidence}`),
        ['app.py:2 import', 'app.py:5 call', 'app.py:6 call', 'requirements.txt:1 manifest'],
      );
      const model = find(result, 'model:openai/gpt-4o');
      assert.equal(model.providerName, 'OpenAI');
      assert.deepEqual(
        model.occurrences.map((occurrence) => `${occurrence.path}:${occurrence.line}`),
        ['app.py:6'],
      );
    });

    it('counts the unsuppressed findings on the lines of each component', async () => {
      const result = await bom();
      // `trust_remote_code=True` (AIP101) and the unpinned revision (AIP105) are on the line of the hub model.
      assert.deepEqual(find(result, 'model:huggingface/org/encoder').findingCounts, { ...NO_COUNTS, error: 1, information: 1 });
      assert.deepEqual(find(result, 'sdk:pypi/transformers').findingCounts, { ...NO_COUNTS, error: 1, information: 1 });
      // The `torch.load` finding (AIP102, line 7) is on no occurrence of any component: torch is listed by its import.
      assert.deepEqual(find(result, 'sdk:pypi/torch').findingCounts, NO_COUNTS);
      assert.deepEqual(find(result, 'sdk:pypi/openai').findingCounts, NO_COUNTS);
      assert.deepEqual(find(result, 'model:openai/gpt-4o').findingCounts, NO_COUNTS);
    });

    it('follows a file changed on disk and sends aiPosture/bomChanged', async () => {
      await client.waitFor(() => changes.length > 0 || undefined, 'a first aiPosture/bomChanged');
      const sent = changes.length;
      writeFile(
        root,
        'app.py',
        APP_PY.replace('"gpt-4o"', '"gpt-4o-mini"').replace(
          'trust_remote_code=True',
          'revision="0123456789abcdef0123456789abcdef01234567"',
        ),
      );
      await client.filesChanged([{ uri: uriOf(root, 'app.py'), type: FileChangeType.Changed }]);
      const result = await bomUntil((answer) => refs(answer).includes('model:openai/gpt-4o-mini'), 'the BOM to show gpt-4o-mini');
      assert.equal(refs(result).includes('model:openai/gpt-4o'), false);
      // The pinned revision silenced both findings on the hub model's line.
      assert.deepEqual(find(result, 'model:huggingface/org/encoder').findingCounts, NO_COUNTS);
      const change = await client.waitFor(
        () => changes.slice(sent).find((params) => params.added === 1 && params.removed === 1),
        'aiPosture/bomChanged with one added and one removed',
      );
      assert.deepEqual(change, { added: 1, removed: 1 });
    });

    it('sends aiPosture/bomChanged when only the finding counts change', async () => {
      const sent = changes.length;
      writeFile(root, 'app.py', APP_PY.replace('"gpt-4o"', '"gpt-4o-mini"'));
      await client.filesChanged([{ uri: uriOf(root, 'app.py'), type: FileChangeType.Changed }]);
      await client.waitFor(() => changes.slice(sent).find((params) => params.added === 0 && params.removed === 0), 'a counts-only change');
      const result = await bom();
      assert.deepEqual(find(result, 'model:huggingface/org/encoder').findingCounts, { ...NO_COUNTS, error: 1, information: 1 });
    });

    it('drops what a deleted file contributed, and adds a new manifest', async () => {
      fs.rmSync(path.join(root, 'prompts'), { recursive: true });
      writeFile(root, 'web/package.json', '{ "name": "web", "dependencies": { "@anthropic-ai/sdk": "0.32.1" } }\n');
      await client.filesChanged([
        { uri: uriOf(root, 'prompts'), type: FileChangeType.Deleted },
        { uri: uriOf(root, 'web/package.json'), type: FileChangeType.Created },
      ]);
      const result = await bomUntil(
        (answer) => !refs(answer).includes('prompt:prompts/answer.prompty') && refs(answer).includes('sdk:npm/@anthropic-ai/sdk'),
        'the prompt to go and the npm SDK to come',
      );
      // The prompt was the only place of the Azure OpenAI deployment.
      assert.equal(refs(result).includes('model:azure-openai/gpt-4o'), false);
      assert.equal(find(result, 'sdk:npm/@anthropic-ai/sdk').version, '0.32.1');
    });

    it('shows an open buffer, and goes back to the disk when it is closed without saving', async () => {
      const uri = uriOf(root, 'requirements.txt');
      await client.open(uri, 'openai==1.58.1\nanthropic==0.42.0\n', 'pip-requirements');
      await client.request('aiPosture/rescan');
      await bomUntil((answer) => refs(answer).includes('sdk:pypi/anthropic'), 'the unsaved anthropic pin');
      await client.close(uri);
      await bomUntil((answer) => !refs(answer).includes('sdk:pypi/anthropic'), 'the BOM to follow the disk again');
    });

    it('exports CycloneDX 1.6 that validates against the official schema', async () => {
      const text = await client.request<string>('aiPosture/exportBom', { deterministic: true });
      const document: Json = JSON.parse(text);
      const validate = cycloneDxValidator();
      assert.ok(validate(document), JSON.stringify(validate.errors, null, 2));
      assert.equal(document.specVersion, '1.6');
      assert.equal(document.serialNumber, undefined, 'deterministic: no serial number');
      assert.equal(document.metadata.component.name, path.basename(root));
      const openai = document.components.find((component: Json) => component['bom-ref'] === 'sdk:pypi/openai');
      assert.equal(openai.purl, 'pkg:pypi/openai@1.58.1');
      assert.deepEqual(
        openai.evidence.occurrences.map((occurrence: Json) => `${occurrence.location}:${occurrence.line ?? ''}`),
        ['app.py:2', 'app.py:5', 'app.py:6', 'requirements.txt:1'],
      );
      assert.ok(document.services.some((service: Json) => service['bom-ref'] === 'service:openai'));
      assert.equal(await client.request<string>('aiPosture/exportBom', { deterministic: true }), text, 'byte-identical when deterministic');
      const stamped: Json = JSON.parse(await client.request<string>('aiPosture/exportBom'));
      assert.match(String(stamped.serialNumber), /^urn:uuid:/);
      assert.ok(validate(stamped), JSON.stringify(validate.errors, null, 2));
    });
  });

  describe('MCP servers', () => {
    let root: string;
    let client: TestClient;
    const config = [
      '{',
      '  "servers": {',
      '    "github": {',
      '      "command": "npx",',
      '      "args": ["-y", "@modelcontextprotocol/server-github"]',
      '    },',
      '    "fetch": { "command": "uvx", "args": ["mcp-server-fetch@2025.4.7"] }',
      '  }',
      '}',
      '',
    ].join('\n');

    before(async () => {
      root = makeWorkspace({ '.vscode/mcp.json': config });
      client = (await TestClient.start({ pull: true, folders: [root] })).client;
    });
    after(async () => {
      await client?.stop();
      removeWorkspace(root);
    });

    it('serves each server with its transport, pinning and the findings of its whole entry', async () => {
      const result = await client.waitFor(async () => {
        const answer = await client.request<BomResult>('aiPosture/bom', {});
        return answer.complete && answer.components.length === 2 ? answer : undefined;
      }, 'the MCP servers in the BOM');
      const github = find(result, 'plugin:mcp/npm/@modelcontextprotocol/server-github');
      assert.equal(github.transport, 'stdio');
      assert.deepEqual(github.occurrences, [{ path: '.vscode/mcp.json', line: 3, endLine: 6, evidence: 'config', symbol: 'github' }]);
      assert.deepEqual(github.findingCounts, { ...NO_COUNTS, warning: 1 }, 'AIP601 on the args line counts for the server');
      const fetch = find(result, 'plugin:mcp/pypi/mcp-server-fetch');
      assert.equal(fetch.version, '2025.4.7');
      assert.deepEqual(fetch.findingCounts, NO_COUNTS);
      const document: Json = JSON.parse(await client.request<string>('aiPosture/exportBom', { deterministic: true }));
      const findings = (ref: string) =>
        document.components
          .find((component: Json) => component['bom-ref'] === ref)
          .properties.filter((property: Json) => property.name === 'ai-posture:mcp:findings')
          .map((property: Json) => property.value);
      assert.deepEqual(findings('plugin:mcp/npm/@modelcontextprotocol/server-github'), ['1']);
      assert.deepEqual(findings('plugin:mcp/pypi/mcp-server-fetch'), ['0']);
    });
  });

  describe('two workspace folders', () => {
    let roots: string[];
    let client: TestClient;

    before(async () => {
      roots = [
        makeWorkspace({ 'requirements.txt': 'openai==1.58.1\n', 'AGENTS.md': '# Agents\nBe brief.\n' }),
        makeWorkspace({ 'requirements.txt': 'openai==1.59.0\n', 'AGENTS.md': '# Agents\nBe thorough.\n' }),
      ];
      client = (await TestClient.start({ pull: true, folders: roots })).client;
    });
    after(async () => {
      await client?.stop();
      for (const root of roots) removeWorkspace(root);
    });

    it('lists each folder’s components with their folder, and filters by folder', async () => {
      const result = await client.waitFor(async () => {
        const answer = await client.request<BomResult>('aiPosture/bom');
        return answer.complete ? answer : undefined;
      }, 'both folders to be scanned');
      const folders = roots.map((root) => pathToFileURL(root).href);
      assert.deepEqual(
        result.components.map((component) => [component.folderUri === folders[0] ? 0 : 1, component.ref, component.version ?? '']),
        [
          [0, 'sdk:pypi/openai', '1.58.1'],
          [0, 'prompt:AGENTS.md', ''],
          [1, 'sdk:pypi/openai', '1.59.0'],
          [1, 'prompt:AGENTS.md', ''],
        ],
      );
      const second = await client.request<BomResult>('aiPosture/bom', { folderUri: folders[1] });
      assert.deepEqual(
        second.components.map((component) => component.version ?? component.ref),
        ['1.59.0', 'prompt:AGENTS.md'],
      );
    });

    it('exports every folder merged, its paths under the folder name, valid CycloneDX 1.6', async () => {
      const document: Json = JSON.parse(await client.request<string>('aiPosture/exportBom', { deterministic: true }));
      const validate = cycloneDxValidator();
      assert.ok(validate(document), JSON.stringify(validate.errors, null, 2));
      const [first, second] = roots.map((root) => path.basename(root));
      const prompts = document.components.filter((component: Json) => component['bom-ref'].startsWith('prompt:'));
      assert.deepEqual(
        prompts.map((component: Json) => component['bom-ref']).sort(),
        [`prompt:${first}/AGENTS.md`, `prompt:${second}/AGENTS.md`].sort(),
      );
      const openai = document.components.find((component: Json) => component['bom-ref'] === 'sdk:pypi/openai');
      assert.deepEqual(
        openai.evidence.occurrences.map((occurrence: Json) => occurrence.location).sort(),
        [`${first}/requirements.txt`, `${second}/requirements.txt`].sort(),
      );
      const one: Json = JSON.parse(await client.request<string>('aiPosture/exportBom', { folderUri: pathToFileURL(roots[1]).href }));
      assert.equal(one.metadata.component.name, second);
      assert.deepEqual(
        one.components
          .find((component: Json) => component['bom-ref'] === 'sdk:pypi/openai')
          .evidence.occurrences.map((o: Json) => o.location),
        ['requirements.txt'],
      );
    });
  });
});
