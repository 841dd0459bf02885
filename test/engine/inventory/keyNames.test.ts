import * as assert from 'node:assert/strict';
import { collectFromFile } from '../../../server/src/engine/inventory/collect';
import { keyNameFor } from '../../../server/src/engine/inventory/keyNames';
import { collectorLiterals } from '../../../server/src/engine/inventory/prefilter';
import { engineTriggers } from '../../../server/src/engine/prefilter/engineTriggers';
import { find, inventoryOf, propertyValues, summary } from './helpers';

const services = (bom: Awaited<ReturnType<typeof inventoryOf>>) => summary(bom).filter((line) => line.startsWith('service '));
const places = (bom: Awaited<ReturnType<typeof inventoryOf>>, name: string) =>
  find(bom, 'service', name).occurrences.map((occurrence) => `${occurrence.path}:${occurrence.line} ${occurrence.symbol}`);

describe('inventory: services named by provider key variables', () => {
  it('reads `.env.example` names, never values, and leaves commented-out providers out', async () => {
    const bom = await inventoryOf({
      '.env.example': [
        '# Required',
        'OPENAI_API_KEY=your-openai-api-key-here',
        'LANGSMITH_API_KEY=lsv2_your_langsmith_api_key_here',
        'LANGSMITH_TRACING=true',
        'TAVILY_API_KEY=',
        'export PINECONE_API_KEY="your-pinecone-key"',
        '',
        '# Optional: other providers (set the one you use)',
        '# ANTHROPIC_API_KEY=',
        'POSTGRES_PASSWORD=change-me',
      ].join('\n'),
    });
    assert.deepEqual(services(bom), [
      'service LangSmith (langchain)',
      'service OpenAI API (openai)',
      'service Pinecone (pinecone)',
      'service Tavily Search API (tavily)',
    ]);
    assert.deepEqual(places(bom, 'OpenAI API'), ['.env.example:2 OPENAI_API_KEY']);
    assert.deepEqual(propertyValues(find(bom, 'service', 'LangSmith'), 'service:key-name'), ['LANGSMITH_API_KEY']);
    assert.ok(!JSON.stringify(bom).includes('your-openai-api-key-here'), 'values never enter the BOM');
  });

  it('Compose environment (list and map), Kubernetes env items, Render envVars and Turborepo globalEnv', async () => {
    const bom = await inventoryOf({
      'docker-compose.yml': [
        'services:',
        '  app:',
        '    image: ghcr.io/acme/app:1.2',
        '    environment:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable reference as the configuration writes it.
        '      - LANGFUSE_SECRET_KEY=${LANGFUSE_SECRET_KEY}',
        '      - LANGFUSE_HOST=http://langfuse:3000',
        '      - TAVILY_API_KEY',
        '  worker:',
        '    environment:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable reference as the configuration writes it.
        '      ANTHROPIC_API_KEY: ${ANTHROPIC_API_KEY}',
        '      LOG_LEVEL: info',
      ].join('\n'),
      'k8s/deployment.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: api',
        '          env:',
        '            - name: AZURE_OPENAI_ENDPOINT',
        '              valueFrom: { configMapKeyRef: { name: ai, key: endpoint } }',
        '            - name: HF_TOKEN',
        '              valueFrom: { secretKeyRef: { name: hf, key: token } }',
      ].join('\n'),
      'render.yaml': ['services:', '  - type: web', '    envVars:', '      - key: GROQ_API_KEY', '        sync: false'].join('\n'),
      'turbo.json': JSON.stringify({ globalEnv: ['MISTRAL_API_KEY', 'NODE_ENV'] }, null, 2),
    });
    assert.deepEqual(places(bom, 'Langfuse'), ['docker-compose.yml:5 LANGFUSE_SECRET_KEY', 'docker-compose.yml:6 LANGFUSE_HOST']);
    assert.deepEqual(places(bom, 'Anthropic API'), ['docker-compose.yml:10 ANTHROPIC_API_KEY']);
    assert.deepEqual(places(bom, 'Azure OpenAI'), ['k8s/deployment.yaml:9 AZURE_OPENAI_ENDPOINT']);
    assert.deepEqual(places(bom, 'Hugging Face Hub'), ['k8s/deployment.yaml:11 HF_TOKEN']);
    assert.deepEqual(places(bom, 'Groq API'), ['render.yaml:4 GROQ_API_KEY']);
    assert.deepEqual(places(bom, 'Mistral AI API'), ['turbo.json:3 MISTRAL_API_KEY']);
    assert.ok(places(bom, 'Tavily Search API').includes('docker-compose.yml:7 TAVILY_API_KEY'));
  });

  it('CI secrets and variables, each on its own line of a script', async () => {
    const bom = await inventoryOf({
      '.github/workflows/evals.yml': [
        'on: [push]',
        'jobs:',
        '  evals:',
        '    runs-on: ubuntu-latest',
        '    env:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable reference as the configuration writes it.
        '      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}',
        '    steps:',
        '      - run: |',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable reference as the configuration writes it.
        '          if [ -z "${LANGSMITH_API_KEY:-}" ]; then exit 1; fi',
        '          write_env COHERE_API_KEY "$COHERE_API_KEY"',
        '        env:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable reference as the configuration writes it.
        '          LANGSMITH_API_KEY: ${{ secrets.LANGSMITH_KEY }}',
      ].join('\n'),
      '.gitlab-ci.yml': ['test:', '  script:', '    - export DEEPSEEK_API_KEY=$CI_DEEPSEEK', '    - pytest'].join('\n'),
      'litellm/config.yaml': [
        'model_list:',
        '  - model_name: chat',
        '    litellm_params:',
        '      api_key: os.environ/OPENROUTER_API_KEY',
      ].join('\n'),
    });
    assert.deepEqual(places(bom, 'OpenAI API'), ['.github/workflows/evals.yml:6 OPENAI_API_KEY']);
    assert.deepEqual(places(bom, 'LangSmith'), [
      '.github/workflows/evals.yml:9 LANGSMITH_API_KEY',
      '.github/workflows/evals.yml:12 LANGSMITH_API_KEY',
    ]);
    assert.deepEqual(places(bom, 'Cohere API'), ['.github/workflows/evals.yml:10 COHERE_API_KEY']);
    assert.deepEqual(places(bom, 'DeepSeek API'), ['.gitlab-ci.yml:3 DEEPSEEK_API_KEY']);
    assert.deepEqual(places(bom, 'OpenRouter'), ['litellm/config.yaml:4 OPENROUTER_API_KEY']);
  });

  it('prefixed names count; shared or too-short names need evidence', async () => {
    assert.equal(keyNameFor('NEXT_PUBLIC_OPENAI_API_KEY')?.service, 'openai');
    assert.equal(keyNameFor('SPRING_AI_ANTHROPIC_API_KEY')?.service, 'anthropic');
    assert.equal(keyNameFor('INPUT_GEMINI_API_KEY_PRESENT'), undefined);
    assert.equal(keyNameFor('TWILIO_CO_API_KEY'), undefined);
    assert.equal(keyNameFor('OPENAI_API_KEYS_FILE'), undefined);
    // GOOGLE_API_KEY is also the Maps and YouTube key: alone it lists nothing.
    const maps = await inventoryOf({ '.env.example': 'GOOGLE_API_KEY=your-maps-key\nMAPS_REGION=eu\n' });
    assert.deepEqual(services(maps), []);
    const gemini = await inventoryOf({ '.env.example': '# Gemini API key from AI Studio\nGOOGLE_API_KEY=your-google-api-key\n' });
    assert.deepEqual(services(gemini), ['service Google Gemini API (google)']);
    const elsewhere = await inventoryOf({
      '.env': 'GOOGLE_API_KEY=\n',
      'compose.yaml': 'services:\n  agent:\n    environment:\n      - GEMINI_API_KEY\n',
    });
    assert.deepEqual(places(elsewhere, 'Google Gemini API')[0], '.env:1 GOOGLE_API_KEY');
  });

  it('words in prose, code and unrelated keys are not configuration', async () => {
    const bom = await inventoryOf({
      'evals/cases.json': JSON.stringify({ expectations: ['fails fast if neither GEMINI_API_KEY nor GOOGLE_API_KEY is set'] }),
      'app/settings.py': 'import os\nOPENAI_API_KEY = os.environ["OPENAI_API_KEY"]\n',
      'docs/mkdocs.yml': 'site_name: Set OPENAI_API_KEY first\n',
      '.github/workflows/summary.yml':
        'on: [push]\njobs:\n  s:\n    steps:\n      - run: echo "- `OPENAI_API_KEY`" >> $GITHUB_STEP_SUMMARY\n',
    });
    assert.deepEqual(services(bom), []);
  });

  it('the key names are literals of the one pass, so a file without them is never read for them', async () => {
    assert.ok(collectorLiterals().config.includes('openai_api_key'));
    assert.ok(collectorLiterals().config.includes('langfuse_secret_key'));
    const text = 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: x\n';
    assert.equal(engineTriggers().scan(text).hasGroup('config'), false);
    assert.deepEqual((await collectFromFile('docker-compose.yml', text)).components, []);
  });
});
