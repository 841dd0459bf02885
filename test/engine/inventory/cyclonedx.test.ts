import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { defaultConfig } from '../../../server/src/engine/config/config';
import { clearPartialCache } from '../../../server/src/engine/inventory/bomBuilder';
import type { AiBom } from '../../../server/src/engine/inventory/types';
import { bomDiff, cycloneDxJson, toCycloneDx, unversionedPurl } from '../../../server/src/engine/report/cyclonedx';
import { scanWorkspace } from '../../../server/src/engine/scan';
import { copyFixtureWorkspace, cycloneDxValidator, inventoryOf } from './helpers';

// biome-ignore lint/suspicious/noExplicitAny: the tests walk parsed CycloneDX JSON freely.
type Json = Record<string, any>;
const OPTIONS = { workspaceName: 'support-suite', toolVersion: '0.1.0', deterministic: true };

function byRef(document: Json, ref: string): Json {
  const entry = [...document.components, ...document.services].find((item: Json) => item['bom-ref'] === ref);
  assert.ok(entry, `no ${ref}`);
  return entry;
}

describe('inventory: CycloneDX 1.6 export', function () {
  this.timeout(20_000);
  let root: string;
  let bom: AiBom;
  let document: Json;

  before(async () => {
    root = copyFixtureWorkspace();
    bom = (await scanWorkspace(root, defaultConfig())).bom;
    document = JSON.parse(cycloneDxJson(bom, OPTIONS));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('validates against the official CycloneDX 1.6 JSON schema', () => {
    const validate = cycloneDxValidator();
    assert.ok(validate(document), JSON.stringify(validate.errors, null, 2));
    const timestamped = toCycloneDx(bom, { ...OPTIONS, deterministic: false });
    assert.ok(validate(timestamped), JSON.stringify(validate.errors, null, 2));
    assert.match(String(timestamped.serialNumber), /^urn:uuid:[0-9a-f-]{36}$/);
    assert.ok(validate(toCycloneDx({ components: [] }, OPTIONS)), 'an empty BOM is valid too');
  });

  it('is byte-identical across two scans in deterministic mode', async () => {
    clearPartialCache();
    const again = (await scanWorkspace(root, defaultConfig())).bom;
    assert.equal(cycloneDxJson(again, OPTIONS), cycloneDxJson(bom, OPTIONS));
    assert.equal(document.serialNumber, undefined);
    assert.equal(document.metadata.timestamp, undefined);
  });

  it('names the tool and the workspace in metadata', () => {
    assert.deepEqual(
      document.metadata.tools.components.map((tool: Json) => [tool.name, tool.version]),
      [['ai-posture', '0.1.0']],
    );
    assert.deepEqual(document.metadata.component, { type: 'application', 'bom-ref': 'workspace', name: 'support-suite' });
  });

  it('maps each kind as the contract says', () => {
    const sdk = byRef(document, 'sdk:npm/@anthropic-ai/sdk');
    assert.deepEqual(
      [sdk.type, sdk.group, sdk.name, sdk.version, sdk.purl],
      ['library', '@anthropic-ai', 'sdk', '0.32.1', 'pkg:npm/%40anthropic-ai/sdk@0.32.1'],
    );
    const hubModel = byRef(document, 'model:huggingface/meta-llama/Llama-3.2-1B-Instruct');
    assert.deepEqual(
      [hubModel.type, hubModel.purl, hubModel.supplier.name],
      ['machine-learning-model', 'pkg:huggingface/meta-llama/Llama-3.2-1B-Instruct', 'Hugging Face'],
    );
    assert.equal(hubModel.modelCard.modelParameters.task, 'text-generation');
    const file = byRef(document, 'modelFile:models/tiny-llama.gguf');
    assert.equal(file.type, 'machine-learning-model');
    assert.equal(file.hashes[0].alg, 'SHA-256');
    assert.equal(file.modelCard.modelParameters.modelArchitecture, 'llama');
    const service = byRef(document, 'service:azure-openai');
    assert.deepEqual(service.endpoints, ['https://contoso-support.openai.azure.com']);
    assert.equal(service.trustZone, 'external');
    assert.deepEqual(service.data, [{ flow: 'bi-directional', classification: 'ai-prompts-and-completions' }]);
    const local = byRef(document, 'plugin:mcp/npm/@modelcontextprotocol/server-filesystem');
    assert.deepEqual([local.type, local.purl], ['application', 'pkg:npm/%40modelcontextprotocol/server-filesystem@2025.8.21']);
    const remote = byRef(document, 'plugin:mcp/remote/api.githubcopilot.com');
    assert.ok(document.services.includes(remote), 'a remote MCP server is a service');
    assert.equal(remote.authenticated, true);
    assert.deepEqual(byRef(document, 'prompt:AGENTS.md').data, [{ type: 'configuration', name: 'AGENTS.md' }]);
    assert.deepEqual(byRef(document, 'dataset:huggingface/rajpurkar/squad').data, [{ type: 'dataset', name: 'rajpurkar/squad' }]);
  });

  it('gives every entry its occurrences and links the workspace to SDKs and SDKs to models and services', () => {
    for (const component of document.components) assert.ok(component.evidence.occurrences.length > 0, component['bom-ref']);
    for (const service of document.services) {
      assert.ok(
        service.properties.some((entry: Json) => entry.name === 'ai-posture:occurrence'),
        service['bom-ref'],
      );
    }
    const refs = new Set([...document.components, ...document.services].map((item: Json) => item['bom-ref']));
    const dependencies = new Map<string, string[]>(document.dependencies.map((entry: Json) => [entry.ref, entry.dependsOn]));
    assert.equal(dependencies.size, refs.size + 1, 'one entry per component and service, plus the workspace');
    for (const targets of dependencies.values()) for (const target of targets) assert.ok(refs.has(target), target);
    const workspace = dependencies.get('workspace') ?? [];
    assert.ok(workspace.includes('sdk:pypi/openai'));
    assert.ok(!workspace.includes('model:openai/gpt-4o-mini'), 'models reached through an SDK hang below it');
    assert.deepEqual(dependencies.get('sdk:pypi/openai'), ['model:openai/gpt-4o-mini', 'service:openai']);
  });

  it('bomDiff reports added, removed and changed AI components against a baseline', async () => {
    const baseline = await inventoryOf({
      'requirements.txt': 'openai==1.40.0\nanthropic==0.30.0\n',
      '.vscode/mcp.json':
        '{ "servers": { "filesystem": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21"] } } }',
    });
    const diff = bomDiff(cycloneDxJson(baseline, OPTIONS), document);
    assert.deepEqual(
      diff.removed.map((entry) => entry.key),
      ['sdk:pkg:pypi/anthropic'],
    );
    assert.deepEqual(
      diff.changed.map((entry) => `${entry.after.name} ${entry.before.version} -> ${entry.after.version}`),
      ['openai 1.40.0 -> 1.51.0'],
    );
    assert.ok(diff.added.some((entry) => entry.key === 'plugin:mcp/remote/api.githubcopilot.com' || entry.name === 'github'));
    assert.ok(diff.added.some((entry) => entry.key === 'model:pkg:huggingface/meta-llama/Llama-3.2-1B-Instruct'));
    assert.ok(!diff.added.some((entry) => entry.name === 'filesystem'), 'an unchanged plugin is not added');
    assert.deepEqual(bomDiff(document, document), { added: [], removed: [], changed: [] });
    // An AiBom and its CycloneDX document compare equal.
    assert.deepEqual(bomDiff(bom, document), { added: [], removed: [], changed: [] });
  });

  it('bomDiff reads BOMs written by other tools (no ai-posture properties)', () => {
    const foreign = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      components: [{ type: 'library', name: 'openai', version: '1.51.0', purl: 'pkg:pypi/openai@1.51.0' }],
    };
    const diff = bomDiff(foreign, document);
    assert.ok(!diff.added.some((entry) => entry.key === 'sdk:pkg:pypi/openai'));
    assert.ok(diff.added.length > 10);
    assert.throws(() => bomDiff('{"not": "a bom"}', document), /not a BOM/);
  });

  it('strips versions, qualifiers and subpaths from purls', () => {
    assert.equal(unversionedPurl('pkg:npm/%40scope/name@1.0.0?arch=x#sub'), 'pkg:npm/%40scope/name');
    assert.equal(unversionedPurl('pkg:golang/github.com/openai/openai-go/v2@v2.1.0'), 'pkg:golang/github.com/openai/openai-go/v2');
    assert.equal(unversionedPurl('pkg:huggingface/org/model'), 'pkg:huggingface/org/model');
  });
});
