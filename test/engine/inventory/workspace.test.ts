import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultConfig } from '../../../server/src/engine/config/config';
import type { AiBom } from '../../../server/src/engine/inventory/types';
import { scanWorkspace } from '../../../server/src/engine/scan';
import { copyFixtureWorkspace, find, propertyValues, summary } from './helpers';

/** What the fixture workspace (`test/fixtures-bom` plus generated model files) contains, exactly. */
const EXPECTED = [
  'sdk @ai-sdk/openai@1.0.11',
  'sdk @ai-sdk/provider@1.0.3',
  'sdk @anthropic-ai/sdk@0.32.1',
  'sdk Azure.AI.OpenAI@2.1.0',
  'sdk OpenAI',
  'sdk ai@4.0.22',
  'sdk datasets',
  'sdk langchain@0.3.3',
  'sdk langchain-core',
  'sdk langchain-openai',
  'sdk openai@1.51.0',
  'sdk torch@2.4.1',
  'sdk transformers@4.44.2',
  'model claude-3-5-sonnet-latest (anthropic)',
  'model gpt-4o (azure-openai)',
  'model gpt-4o (openai)',
  'model gpt-4o-mini (openai)',
  'model meta-llama/Llama-3.2-1B-Instruct (huggingface)',
  'model sentence-transformers/all-MiniLM-L6-v2 (huggingface)',
  'model text-embedding-3-small (openai)',
  'modelFile models/classifier.safetensors',
  'modelFile models/legacy-ranker.pkl',
  'modelFile models/tiny-llama.gguf',
  'service Anthropic API (anthropic)',
  'service Azure OpenAI (azure-openai)',
  // The Hub the `from_pretrained("org/name")` loader downloads from.
  'service Hugging Face Hub (huggingface)',
  'service OpenAI API (openai)',
  'plugin fetch@2025.4.7',
  'plugin filesystem@2025.8.21',
  'plugin github',
  'plugin memory',
  'prompt .github/copilot-instructions.md',
  'prompt AGENTS.md',
  // System messages written in the calls (issue 8: prompts in code).
  'prompt dotnet/Program.cs#system@10',
  'prompt python-api/app/main.py#system@23',
  'prompt python-api/app/rag.py#system@8',
  'prompt python-api/prompts/summarize.prompty',
  'prompt web/app/api/chat/route.ts#system@10',
  // The file `load_dataset("csv", data_files=…)` reads: a local dataset, named by its path.
  'dataset data/tickets.csv',
  'dataset rajpurkar/squad (huggingface)',
];

describe('inventory: fixture workspace scan', function () {
  this.timeout(20_000);
  let root: string;
  let bom: AiBom;

  before(async () => {
    root = copyFixtureWorkspace();
    bom = (await scanWorkspace(root, defaultConfig())).bom;
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds exactly the expected AI components (full recall, no non-AI entries)', () => {
    assert.deepEqual(summary(bom), EXPECTED);
  });

  it('lists no non-AI package of the workspace', () => {
    const names = bom.components.map((component) => component.name.toLowerCase());
    for (const plain of [
      'requests',
      'numpy',
      'fastapi',
      'pydantic',
      'uvicorn',
      'lodash',
      'next',
      'react',
      'typescript',
      'azure.identity',
      'microsoft.extensions.logging',
    ]) {
      assert.ok(!names.includes(plain), plain);
    }
  });

  it('tells declared, transitive and undeclared ("shadow") SDKs apart', () => {
    assert.deepEqual(propertyValues(find(bom, 'sdk', 'openai'), 'dependency'), ['direct']);
    assert.deepEqual(propertyValues(find(bom, 'sdk', '@ai-sdk/provider'), 'dependency'), ['transitive']);
    assert.deepEqual(propertyValues(find(bom, 'sdk', 'datasets'), 'dependency'), ['undeclared']);
  });

  it('links SDKs to the models and services they call', () => {
    assert.deepEqual(find(bom, 'sdk', 'Azure.AI.OpenAI').dependsOn, ['model:azure-openai/gpt-4o', 'service:azure-openai']);
    assert.deepEqual(find(bom, 'sdk', '@anthropic-ai/sdk').dependsOn, ['model:anthropic/claude-3-5-sonnet-latest', 'service:anthropic']);
    assert.deepEqual(find(bom, 'sdk', 'transformers').dependsOn, [
      'model:huggingface/meta-llama/Llama-3.2-1B-Instruct',
      'model:huggingface/sentence-transformers/all-MiniLM-L6-v2',
    ]);
    assert.deepEqual(find(bom, 'prompt', 'python-api/prompts/summarize.prompty').dependsOn, [
      'model:azure-openai/gpt-4o',
      'service:azure-openai',
    ]);
  });

  it('records where each entry was found', () => {
    for (const component of bom.components) assert.ok(component.occurrences.length > 0, component.ref);
    assert.deepEqual(
      find(bom, 'model', 'gpt-4o-mini').occurrences.map((entry) => `${entry.path}:${entry.line}:${entry.evidence}`),
      ['python-api/.env.example:2:config', 'python-api/app/main.py:20:call', 'web/app/api/chat/route.ts:9:call'],
    );
  });

  it('hashes and sniffs model files, including git-ignored ones', () => {
    const gguf = find(bom, 'modelFile', 'models/tiny-llama.gguf');
    assert.equal(gguf.format, 'gguf');
    assert.match(gguf.sha256 ?? '', /^[0-9a-f]{64}$/);
    assert.deepEqual(propertyValues(gguf, 'modelFile:architecture'), ['llama']);
    assert.equal(find(bom, 'modelFile', 'models/legacy-ranker.pkl').format, 'pickle');
  });

  it('never copies MCP environment values', () => {
    assert.ok(!JSON.stringify(bom).includes('tok-fixture-value-not-a-secret-000'));
    assert.deepEqual(propertyValues(find(bom, 'plugin', 'memory'), 'mcp:env'), ['MEMORY_FILE_PATH', 'TICKETS_API_TOKEN']);
  });

  it('follows -r includes with other names, reads large lockfiles, and can be turned off', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-bom-ws-'));
    try {
      fs.mkdirSync(path.join(work, 'deps'));
      fs.writeFileSync(path.join(work, 'requirements.txt'), '-r deps/ml.pip\n');
      fs.writeFileSync(path.join(work, 'deps', 'ml.pip'), 'anthropic==0.34.2\n');
      const lock = {
        lockfileVersion: 3,
        packages: { '': { dependencies: { openai: '^4' } }, 'node_modules/openai': { version: '4.67.3' } } as Record<string, unknown>,
      };
      for (let i = 0; i < 20_000; i++)
        lock.packages[`node_modules/pad-${i}`] = { version: '1.0.0', resolved: `https://registry.example/pad-${i}.tgz` };
      fs.writeFileSync(path.join(work, 'package-lock.json'), JSON.stringify(lock, null, 2));
      const config = { ...defaultConfig(), maxFileBytes: 64 * 1024 };
      assert.ok(fs.statSync(path.join(work, 'package-lock.json')).size > config.maxFileBytes);
      const scan = await scanWorkspace(work, config);
      assert.deepEqual(summary(scan.bom), ['sdk anthropic@0.34.2', 'sdk openai@4.67.3']);
      const off = await scanWorkspace(work, config, { inventory: false });
      assert.deepEqual(off.bom.components, []);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
