import * as assert from 'node:assert/strict';
import { inventoryOf, summary } from './helpers';

const models = (bom: Awaited<ReturnType<typeof inventoryOf>>) =>
  summary(bom)
    .filter((line) => line.startsWith('model '))
    .sort((a, b) => a.localeCompare(b));

describe('inventory: model catalogs of apps', () => {
  it('lists every id of a JSON catalog whose entries name their provider, whatever the id shape', async () => {
    const bom = await inventoryOf({
      'lib/models.json': JSON.stringify(
        {
          models: [
            { id: 'models/gemini-2.0-flash', provider: 'Google Generative AI', providerId: 'google', name: 'Gemini 2.0 Flash' },
            { id: 'qwen/qwen3-32b', provider: 'Groq', providerId: 'groq', name: 'Qwen3 32B' },
            { id: 'accounts/fireworks/models/zai-org/glm-4p5', provider: 'Fireworks', providerId: 'fireworks', name: 'GLM' },
            { id: 'llama3.1', provider: 'Ollama', providerId: 'ollama', name: 'Llama 3.1' },
            { id: 'default', provider: 'Ollama', providerId: 'ollama' },
            { id: 'your-model-id', provider: 'Groq' },
          ],
        },
        null,
        2,
      ),
      // A login provider list is no model catalog: neither the key nor the list says model.
      'config/auth.json': JSON.stringify({ providers: [{ id: 'github', provider: 'google' }] }, null, 2),
      // A provider that serves no models (`github`) makes no catalog.
      'lib/other-models.json': JSON.stringify({ models: [{ id: 'octo', provider: 'github' }] }, null, 2),
    });
    assert.deepEqual(models(bom), [
      'model accounts/fireworks/models/zai-org/glm-4p5 (fireworks)',
      'model gemini-2.0-flash (google)',
      'model llama3.1 (ollama)',
      'model qwen/qwen3-32b (groq)',
    ]);
  });

  it('lists TypeScript and Python catalog entries by their id keys, once, with the entry provider', async () => {
    const bom = await inventoryOf({
      'lib/models/llm/groq-llm-list.ts': [
        'import { LLM } from "@/types"',
        'const LLaMA3_8B: LLM = {',
        '  modelId: "llama3-8b-8192",',
        '  modelName: "LLaMA3-8b-chat",',
        '  provider: "groq",',
        '  hostedId: "llama3-8b-8192",',
        '}',
        'const MIXTRAL: LLM = { modelId: "mixtral-8x7b-32768", modelName: "Mixtral", provider: "groq" }',
        'export const GROQ_LLM_LIST: LLM[] = [LLaMA3_8B, MIXTRAL]',
        '',
      ].join('\n'),
      'catalog.py': 'MODELS = [{"model_id": "sonar-small-chat", "provider": "perplexity"}]\n',
      // Neither a provider that serves models nor an id key: not a catalog.
      'lib/db.ts': 'export const tables = [{ modelId: "User", provider: "prisma" }, { name: "gemma-7b-it", provider: "groq" }]\n',
    });
    assert.deepEqual(models(bom), [
      'model llama3-8b-8192 (groq)',
      'model mixtral-8x7b-32768 (groq)',
      'model sonar-small-chat (perplexity)',
    ]);
  });

  it('reads ids on an SDK surface reached through the workspace client module', async () => {
    const bom = await inventoryOf({
      'app/openai.ts': 'import OpenAI from "openai";\nexport const openai = new OpenAI();\n',
      'app/api/route.ts': [
        'import { openai } from "@/app/openai";',
        'export async function POST() {',
        '  return openai.beta.assistants.create({ name: "A", model: "gpt-4o" });',
        '}',
        // Not an SDK surface, not a hosted provider's id.
        'export const saved = store.save({ model: "gpt-4o-mini" });',
        'export const other = openai.beta.assistants.create({ model: "my-assistant" });',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), ['model gpt-4o (openai)']);
  });
});
