import * as assert from 'node:assert/strict';
import type { AiBom } from '../../../server/src/engine/inventory/types';
import { find, inventoryOf } from './helpers';

/** `kind name (provider) path:line,…` of every model and service. */
function entries(bom: AiBom): string[] {
  return bom.components
    .filter((component) => component.kind === 'model' || component.kind === 'service')
    .map(
      (component) =>
        `${component.kind} ${component.name} (${component.provider}) ${component.occurrences.map((entry) => `${entry.path}:${entry.line}`).join(',')}`,
    );
}

describe('inventory: local model runtimes (Docker Model Runner, Foundry Local)', () => {
  it('reads docker model commands, Compose models and provider services, the endpoint and its settings', async () => {
    const bom = await inventoryOf({
      'infra/setup.sh': [
        '#!/bin/bash',
        'docker desktop enable model-runner --tcp 12434',
        'docker model pull ai/phi4:14B-Q4_0',
        'bash -c "docker model run ai/smollm2 hello"',
      ].join('\n'),
      'docker-compose.yml': [
        'services:',
        '  api:',
        '    image: node:20',
        '  llm:',
        '    provider:',
        '      type: model',
        '      options:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a Compose variable with its default, not a template.
        '        model: ${DOCKER_MODEL:-ai/phi4:14B-Q4_0}',
        'models:',
        '  embed:',
        '    model: ai/mxbai-embed-large',
      ].join('\n'),
      '.env': [
        'LLM_PROVIDER=docker-models',
        'DOCKER_MODEL_ENDPOINT=http://localhost:12434/engines/llama.cpp/v1',
        'DOCKER_MODEL=ai/qwen3',
      ].join('\n'),
    });
    assert.deepEqual(entries(bom), [
      'model ai/mxbai-embed-large (docker-model-runner) docker-compose.yml:11',
      'model ai/phi4:14B-Q4_0 (docker-model-runner) docker-compose.yml:8,infra/setup.sh:3',
      'model ai/qwen3 (docker-model-runner) .env:3',
      'model ai/smollm2 (docker-model-runner) infra/setup.sh:4',
      'service Docker Model Runner (local) (docker-model-runner) .env:2,docker-compose.yml:8,docker-compose.yml:11,infra/setup.sh:3,infra/setup.sh:4',
    ]);
    assert.equal(find(bom, 'service', 'Docker Model Runner (local)').trustZone, 'local');
  });

  it('reads no model from other docker commands, a models key outside Compose, or a variable without default', async () => {
    const bom = await inventoryOf({
      'run.sh': [
        'docker run --rm -it model ai/notreally',
        'docker compose up models',
        'docker model list',
        'docker model pull "$MODEL"',
      ].join('\n'),
      'config/providers.yml': ['providers:', '  models:', '    - ai/phi4'].join('\n'),
      'compose.yaml': [
        'services:',
        '  llm:',
        '    provider:',
        '      type: model',
        '      options:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a Compose variable, not a template.
        '        model: ${DOCKER_MODEL}',
      ].join('\n'),
    });
    assert.deepEqual(entries(bom), ['service Docker Model Runner (local) (docker-model-runner) run.sh:3,run.sh:4']);
  });

  it('lists Foundry Local, the model alias it downloads, and its SDK in both ecosystems', async () => {
    const bom = await inventoryOf({
      'src/providers/foundry-local.ts': [
        "import { FoundryLocalManager } from 'foundry-local-sdk'",
        'export async function llm() {',
        "  const alias = process.env.AZURE_FOUNDRY_LOCAL_MODEL_ALIAS || 'phi-3.5-mini'",
        '  const manager = new FoundryLocalManager()',
        '  return manager.init(alias)',
        '}',
      ].join('\n'),
      'app.py': ['from foundry_local import FoundryLocalManager', 'manager = FoundryLocalManager("qwen2.5-0.5b")'].join('\n'),
    });
    assert.deepEqual(entries(bom), [
      'model phi-3.5-mini (foundry-local) src/providers/foundry-local.ts:3',
      'model qwen2.5-0.5b (foundry-local) app.py:2',
      'service Foundry Local (local) (foundry-local) app.py:2,src/providers/foundry-local.ts:4',
    ]);
  });
});
