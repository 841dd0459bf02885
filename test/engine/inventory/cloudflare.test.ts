import * as assert from 'node:assert/strict';
import { find, inventoryOf, namesOf, propertyValues } from './helpers';

describe('inventory: Cloudflare AI (Workers AI, Vectorize, AI Search, AI Gateway)', () => {
  it('lists the AI bindings of Wrangler configurations, in every environment and format', async () => {
    const bom = await inventoryOf({
      'apps/docs/wrangler.jsonc': [
        '{',
        '  // the docs worker',
        '  "name": "docs",',
        '  "ai": { "binding": "AI" },',
        '  "vectorize": [{ "binding": "VECTORIZE", "index_name": "docs-embeddinggemma-v1" }],',
        '  "env": {',
        '    "staging": {',
        '      "vectorize": [{ "binding": "VECTORIZE", "index_name": "docs-staging" },],',
        '    },',
        '  },',
        '}',
      ].join('\n'),
      'apps/api/wrangler.toml': [
        'name = "api"',
        '',
        '[ai]',
        'binding = "AI"',
        '',
        '[[vectorize]]',
        'binding = "INDEX"',
        'index_name = "products"',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'service'), ['Cloudflare Vectorize (vector store)', 'Cloudflare Workers AI']);
    assert.deepEqual(
      find(bom, 'service', 'Cloudflare Vectorize (vector store)').occurrences.map((entry) => `${entry.path}:${entry.line} ${entry.symbol}`),
      ['apps/api/wrangler.toml:6 products', 'apps/docs/wrangler.jsonc:5 docs-embeddinggemma-v1', 'apps/docs/wrangler.jsonc:8 docs-staging'],
    );
    assert.deepEqual(
      find(bom, 'service', 'Cloudflare Workers AI').occurrences.map((entry) => `${entry.path}:${entry.line}`),
      ['apps/api/wrangler.toml:3', 'apps/docs/wrangler.jsonc:4'],
    );
  });

  it('reads no binding of other products, nor a key named ai elsewhere', async () => {
    const bom = await inventoryOf({
      'wrangler.toml': [
        'name = "site"',
        '[[kv_namespaces]]',
        'binding = "CACHE"',
        '[[d1_databases]]',
        'binding = "DB"',
        'database_name = "vectorize"',
      ].join('\n'),
      'config/wrangler.json': JSON.stringify({ name: 'x', ai: 'none', vectorize: [{ index_name: 'orphan' }] }),
      'settings.json': JSON.stringify({ ai: { binding: 'AI' }, vectorize: [{ binding: 'V', index_name: 'docs' }] }),
    });
    assert.deepEqual(namesOf(bom, 'service'), []);
  });

  it('lists Workers AI models, AI Search instances and AI Gateway calls in code, with their services', async () => {
    const bom = await inventoryOf({
      'src/index.ts': [
        "import { createWorkersAI } from 'workers-ai-provider'",
        "const EMBEDDING_MODEL = '@cf/baai/bge-base-en-v1.5'",
        'export default {',
        '  async fetch(request: Request, env: Env) {',
        "    const answer = await env.AI.run('@cf/meta/llama-3.1-8b-instruct', { prompt: 'hi' })",
        "    const code = await env.AI.run('@hf/thebloke/deepseek-coder-6.7b-instruct-awq', { prompt: 'hi' })",
        "    const results = await env.AI.autorag('docs-mcp-rag').search({ query: 'q' })",
        '    return Response.json({ answer, results })',
        '  },',
        '}',
      ].join('\n'),
      'evals/models.ts': [
        "import { createAiGateway } from 'ai-gateway-provider'",
        "import { createUnified } from 'ai-gateway-provider/providers/unified'",
        "const gateway = createAiGateway({ accountId: 'a', gateway: 'g' })",
        'const unified = createUnified()',
        "export const judge = gateway(unified('workers-ai/@cf/moonshotai/kimi-k2.6'))",
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'model'), [
      '@cf/baai/bge-base-en-v1.5',
      '@cf/meta/llama-3.1-8b-instruct',
      '@cf/moonshotai/kimi-k2.6',
      '@hf/thebloke/deepseek-coder-6.7b-instruct-awq',
    ]);
    assert.deepEqual(propertyValues(find(bom, 'model', '@cf/moonshotai/kimi-k2.6'), 'model:route'), [
      'workers-ai/@cf/moonshotai/kimi-k2.6',
    ]);
    assert.equal(find(bom, 'model', '@cf/meta/llama-3.1-8b-instruct').provider, 'cloudflare');
    assert.deepEqual(namesOf(bom, 'service'), ['Cloudflare AI Gateway', 'Cloudflare AI Search (AutoRAG)', 'Cloudflare Workers AI']);
    assert.deepEqual(
      find(bom, 'service', 'Cloudflare AI Search (AutoRAG)').occurrences.map((entry) => `${entry.path}:${entry.line} ${entry.symbol}`),
      ['src/index.ts:7 docs-mcp-rag'],
    );
  });

  it('lists a model sent through an AI Gateway URL under the gateway, not Workers AI', async () => {
    const bom = await inventoryOf({
      'app.py': [
        'from openai import OpenAI',
        'client = OpenAI(base_url="https://gateway.ai.cloudflare.com/v1/account/my-gateway/openai")',
        'reply = client.chat.completions.create(model="gpt-4o-mini", messages=[])',
      ].join('\n'),
    });
    assert.deepEqual(
      bom.components.filter((entry) => entry.kind !== 'sdk').map((entry) => entry.ref),
      ['model:cloudflare-ai-gateway/gpt-4o-mini', 'service:cloudflare-ai-gateway'],
    );
  });

  it('lists the hosted ids a helper of the same TypeScript module hands to the gateway, and nothing else it is given', async () => {
    const bom = await inventoryOf({
      'evals/test-models.ts': [
        "import { createAiGateway } from 'ai-gateway-provider'",
        "import { createUnified } from 'ai-gateway-provider/providers/unified'",
        'function getGatewayModel(modelName: string) {',
        "  const gateway = createAiGateway({ accountId: 'a', gateway: 'g' })",
        '  return gateway(createUnified()(modelName))',
        '}',
        'const label = (name: string) => name.toUpperCase()',
        "export const judge = getGatewayModel('openai/gpt-5.4-nano')",
        "export const local = getGatewayModel('my-finetune')",
        "export const title = label('openai/gpt-4.1')",
      ].join('\n'),
      'scripts/plain.ts': ['function pick(model: string) { return model }', "pick('openai/gpt-4.1')"].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'model'), ['gpt-5.4-nano']);
    assert.deepEqual(propertyValues(find(bom, 'model', 'gpt-5.4-nano'), 'model:route'), ['openai/gpt-5.4-nano']);
  });

  it('reads no model from type declarations, comments, other namespaces or a cut-off id', async () => {
    const bom = await inventoryOf({
      'worker-configuration.d.ts': [
        'interface AiModels {',
        '  "@cf/huggingface/distilbert-sst-2-int8": BaseAiTextClassification;',
        '  "@cf/meta/llama-2-7b-chat-int8": BaseAiTextGeneration;',
        '}',
      ].join('\n'),
      'src/util.ts': [
        "import { z } from 'zod'",
        '// see @cf/meta/llama-3.1-8b-instruct in the docs',
        "const scope = '@cfworker/json-schema'",
        "const hub = '@hf/'",
        "const prefix = '@cf/meta/'",
        "const cache = caches.default.match('autorag')",
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'model'), []);
    assert.deepEqual(namesOf(bom, 'service'), []);
  });
});
