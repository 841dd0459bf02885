import * as assert from 'node:assert/strict';
import { modelOfSetting, settingKey } from '../../../server/src/engine/inventory/modelSettings';
import { find, inventoryOf, summary } from './helpers';

const models = (bom: Awaited<ReturnType<typeof inventoryOf>>) => summary(bom).filter((line) => line.startsWith('model '));

describe('inventory: models named by settings', () => {
  it('names settings in every spelling, with the provider their section implies', () => {
    assert.equal(settingKey('ChatDeploymentName'), 'CHAT_DEPLOYMENT_NAME');
    assert.equal(settingKey('AzureOpenAI'), 'AZURE_OPENAI');
    assert.equal(settingKey('embedding-model'), 'EMBEDDING_MODEL');
    assert.equal(modelOfSetting(['AzureOpenAI', 'ChatDeploymentName'], 'chat')?.provider, 'azure-openai');
    assert.equal(modelOfSetting(['spring', 'ai', 'openai', 'chat', 'options', 'model'], 'gpt-4o')?.provider, 'openai');
  });

  it('recognises new releases by family, Bedrock ids, inference profiles and Ollama tags', () => {
    for (const id of [
      'gpt-5.1',
      'o4-mini',
      'claude-opus-4-5',
      'claude-sonnet-4-5-20250929',
      'gemini-3-pro-preview',
      'mistral-large-latest',
      'text-embedding-3-large',
      'anthropic.claude-3-5-sonnet-20240620-v1:0',
      'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
      'amazon.titan-embed-text-v2:0',
      'meta.llama3-70b-instruct-v1:0',
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0',
      'llama3.1:8b',
      'qwen2.5-coder:7b',
      'phi3',
      'sentence-transformers/all-MiniLM-L6-v2',
    ]) {
      assert.ok(modelOfSetting(['model'], id), id);
    }
  });

  it('rejects arbitrary values, paths, URLs, placeholders and names that do not say model', () => {
    for (const value of [
      'default',
      'latest',
      'true',
      'auto',
      './models/llama',
      '/opt/models/x',
      'https://api.openai.com/v1',
      'your-model-name',
      'openai',
      'chat',
      'my-app',
      '42',
    ]) {
      assert.equal(modelOfSetting(['model'], value), undefined, value);
    }
    assert.equal(modelOfSetting(['model_path'], 'gpt-4o'), undefined);
    assert.equal(modelOfSetting(['provider'], 'gpt-4o'), undefined);
    assert.equal(modelOfSetting(['deployment_name'], 'default'), undefined);
    assert.ok(modelOfSetting(['deployment_name'], 'chat'));
  });

  it('Python: env-read defaults, pydantic and dataclass settings fields', async () => {
    const bom = await inventoryOf({
      'app/config.py': [
        'import os',
        'from pydantic import Field',
        'from pydantic_settings import BaseSettings',
        '',
        'class Settings(BaseSettings):',
        '    chat_model: str = "gpt-5.1"',
        '    embedding_model: str = Field(default="text-embedding-3-large")',
        '    temperature: float = 0.2',
        '    environment: str = "default"',
        '',
        'OPENAI_MODEL = os.getenv("OPENAI_MODEL", "gpt-4o-mini")',
        'DEPLOYMENT = os.environ.get("AZURE_OPENAI_CHATGPT_DEPLOYMENT", "chat")',
        'LOG_LEVEL = os.getenv("LOG_LEVEL", "claude-is-not-a-level")',
        '',
      ].join('\n'),
      'app/agent.py': [
        'import os',
        'from anthropic import Anthropic',
        'client = Anthropic()',
        'class Agent:',
        '    def __init__(self):',
        '        self.model = os.getenv("ANTHROPIC_MODEL") or "claude-sonnet-4-5-20250929"',
        '        self.llm_config = {"model": "claude-opus-4-5", "temperature": 0}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), [
      'model chat (azure-openai)',
      'model claude-opus-4-5 (anthropic)',
      'model claude-sonnet-4-5-20250929 (anthropic)',
      'model gpt-4o-mini (openai)',
      'model gpt-5.1 (openai)',
      'model text-embedding-3-large (openai)',
    ]);
    const occurrence = find(bom, 'model', 'gpt-5.1')?.occurrences[0];
    assert.deepEqual(occurrence, { path: 'app/config.py', line: 6, evidence: 'config', symbol: 'chat_model' });
  });

  it('JavaScript, C# and Java: env fallbacks, configuration reads and @Value defaults', async () => {
    const bom = await inventoryOf({
      'src/config.ts': [
        'export const config = {',
        "  chatModel: process.env.CHAT_MODEL ?? 'gpt-4.1',",
        "  embeddingModel: process.env.EMBEDDING_MODEL || 'text-embedding-3-small',",
        "  port: process.env.PORT ?? '3000',",
        '};',
        "const ollamaModel = process.env.OLLAMA_MODEL ?? 'llama3.1:8b';",
        '',
      ].join('\n'),
      'Program.cs': [
        'var builder = WebApplication.CreateBuilder(args);',
        'var deployment = builder.Configuration["AzureOpenAI:ChatDeploymentName"] ?? "gpt-4o";',
        'var embedding = builder.Configuration.GetValue<string>("OpenAI:EmbeddingModel", "text-embedding-3-small");',
        'var name = builder.Configuration["App:Name"] ?? "gpt-4o";',
        '',
      ].join('\n'),
      'src/main/java/demo/ChatService.java': [
        'package demo;',
        'import org.springframework.beans.factory.annotation.Value;',
        'public class ChatService {',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Spring, azd and Compose placeholders, as written in their files.
        '  @Value("${spring.ai.openai.chat.options.model:gpt-4o-mini}")',
        '  private String model;',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Spring, azd and Compose placeholders, as written in their files.
        '  @Value("${server.port:8080}")',
        '  private String port;',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), [
      'model gpt-4.1 (openai)',
      'model gpt-4o (azure-openai)',
      'model gpt-4o-mini (openai)',
      'model llama3.1:8b (ollama)',
      'model text-embedding-3-small (openai)',
    ]);
  });

  it('configuration files: appsettings, Spring, YAML and TOML app configs, .env variants, promptfoo', async () => {
    const bom = await inventoryOf({
      'appsettings.Development.json': JSON.stringify(
        {
          AzureOpenAI: { Endpoint: 'https://contoso.openai.azure.com/', ChatDeploymentName: 'chat-prod' },
          Logging: { LogLevel: { Default: 'Information' } },
        },
        null,
        2,
      ),
      'src/main/resources/application.yml':
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Spring, azd and Compose placeholders, as written in their files.
        'spring:\n  ai:\n    openai:\n      chat:\n        options:\n          model: ${OPENAI_MODEL:gpt-4o}\n',
      'src/main/resources/application.properties': 'spring.ai.ollama.chat.options.model=qwen2.5-coder:7b\nserver.port=8080\n',
      'config.yaml':
        'llm:\n  provider: openai\n  model: gpt-5-mini\nembedding_model: nomic-embed-text\nmodel_path: ./checkpoints/run1\nmodel: default\n',
      'settings.toml': '[llm]\nmodel_name = "mistral-large-latest"\n',
      '.env.example': 'OPENAI_MODEL=gpt-4o\nAZURE_OPENAI_DEPLOYMENT=your-deployment-name\n',
      'sample.env': 'OLLAMA_MODEL=phi3\n',
      'promptfooconfig.yaml': [
        'providers:',
        '  - openai:chat:gpt-4.1-mini',
        '  - anthropic:messages:claude-3-5-haiku-20241022',
        '  - id: bedrock:us.anthropic.claude-3-7-sonnet-20250219-v1:0',
        '  - ollama:chat:llama3.1:8b',
        'tests: []',
        '',
      ].join('\n'),
      'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      - MODE=production\n',
    });
    assert.deepEqual(models(bom), [
      'model chat-prod (azure-openai)',
      'model claude-3-5-haiku-20241022 (anthropic)',
      'model gpt-4.1-mini (openai)',
      'model gpt-4o (openai)',
      'model gpt-5-mini (openai)',
      'model llama3.1:8b (ollama)',
      'model mistral-large-latest (mistral)',
      'model nomic-embed-text',
      'model phi3 (ollama)',
      'model qwen2.5-coder:7b (ollama)',
      'model us.anthropic.claude-3-7-sonnet-20250219-v1:0 (aws-bedrock)',
    ]);
  });

  it('Kubernetes env lists, ARM parameter files with azd defaults, promptfoo ids as values', async () => {
    const bom = await inventoryOf({
      'k8s/deployment.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: api',
        '          env:',
        '            - name: OLLAMA_MODEL',
        '              value: qwen2.5-coder:7b',
        '            - name: LOG_LEVEL',
        '              value: debug',
        '',
      ].join('\n'),
      'infra/main.parameters.json': JSON.stringify(
        {
          parameters: {
            // biome-ignore lint/suspicious/noTemplateCurlyInString: Spring, azd and Compose placeholders, as written in their files.
            openAiDeploymentName: { value: '${AZURE_OPENAI_CHAT_DEPLOYMENT_NAME=gpt-4o-mini}' },
            // biome-ignore lint/suspicious/noTemplateCurlyInString: Spring, azd and Compose placeholders, as written in their files.
            location: { value: '${AZURE_LOCATION}' },
          },
        },
        null,
        2,
      ),
      'promptfoo-evaluations.ts':
        "import promptfoo from 'promptfoo';\nexport const options = { defaultModel: 'bedrock:eu.anthropic.claude-3-5-sonnet-20241022-v2:0' };\n",
    });
    assert.deepEqual(models(bom), [
      'model eu.anthropic.claude-3-5-sonnet-20241022-v2:0 (aws-bedrock)',
      'model gpt-4o-mini (azure-openai)',
      'model qwen2.5-coder:7b (ollama)',
    ]);
  });

  it('near misses: a provider-named key with a library name, test doubles, made-up dicts in tests', async () => {
    const bom = await inventoryOf({
      'fixtures/api_policy.json': JSON.stringify({ optional_bindings: { OpenAISTTModel: 'numpy', OpenAITTSModel: 'numpy' } }),
      'tests/test_reasoning.py': [
        'from openai import OpenAI',
        'def test_reasoning():',
        '    settings = {"model": "claude-x", "fallback_model": "anthropic/fake-responses-model"}',
        '    other = {"model": "litellm/test"}',
        '',
      ].join('\n'),
      'app/settings.py': 'import os\nOPENAI_AGENTS_ANTHROPIC_MODEL = os.getenv("OPENAI_AGENTS_ANTHROPIC_MODEL", "claude-sonnet-4-5")\n',
    });
    // The Anthropic model keeps its own provider although the variable starts with OPENAI_.
    assert.deepEqual(models(bom), ['model claude-sonnet-4-5 (anthropic)']);
  });

  it('near misses in serving configs: a LoRA adapter names its base model by the pods label; a Helm test sets made-up values', async () => {
    const bom = await inventoryOf({
      'helm/values.yaml': [
        'loraAdapters:',
        '  - name: adapter',
        '    baseModel: llama3-8b-instr',
        'servingEngineSpec:',
        '  modelSpec:',
        '    - name: llama3',
        '      modelURL: meta-llama/Llama-3.1-8B-Instruct',
        '',
      ].join('\n'),
      'helm/tests/lora_test.yaml': ['set:', '  model: llama3', '  fallbackModel: gpt-4o-mini', ''].join('\n'),
    });
    assert.deepEqual(models(bom), ['model gpt-4o-mini (openai)', 'model meta-llama/Llama-3.1-8B-Instruct (huggingface)']);
  });
});
