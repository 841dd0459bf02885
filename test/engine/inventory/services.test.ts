import * as assert from 'node:assert/strict';
import { findEndpoints } from '../../../server/src/engine/inventory/catalog';
import { find, inventoryOf, propertyValues, summary } from './helpers';

const services = (bom: Awaited<ReturnType<typeof inventoryOf>>) => summary(bom).filter((line) => line.startsWith('service '));

describe('inventory: AI services', () => {
  it('matches endpoint patterns and keeps only scheme, host and port', () => {
    const hits = findEndpoints(
      [
        'https://user:secret@contoso.openai.azure.com/openai/deployments/x?api-key=abc',
        'bedrock-runtime.eu-west-1.amazonaws.com',
        'http://localhost:11434/api/chat',
        'https://us-central1-aiplatform.googleapis.com/v1/projects/p',
        'https://api.openai.com.evil.example/v1',
        'https://my-api.openai.azure.com.attacker.io',
        'localhost:8000/health',
      ].join('\n'),
    );
    assert.deepEqual(
      hits.map((hit) => `${hit.service} ${hit.endpoint}`),
      [
        'azure-openai https://contoso.openai.azure.com',
        'aws-bedrock https://bedrock-runtime.eu-west-1.amazonaws.com',
        'ollama http://localhost:11434',
        'google-vertex-ai https://us-central1-aiplatform.googleapis.com',
      ],
    );
  });

  it('services from SDK clients; an endpoint argument decides where a client goes', async () => {
    const bom = await inventoryOf({
      'clients.py': [
        'from openai import OpenAI',
        'from anthropic import Anthropic',
        'import boto3',
        'openai_client = OpenAI()',
        'local = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")',
        'gateway = OpenAI(base_url="https://llm-gateway.contoso.internal/v1?key=abc")',
        'claude = Anthropic()',
        's3 = boto3.client("s3")',
        'openai_client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "https://example.com/page"}])',
        '',
      ].join('\n'),
    });
    assert.deepEqual(services(bom), [
      'service Anthropic API (anthropic)',
      'service Ollama (local) (ollama)',
      'service OpenAI API (openai)',
      'service llm-gateway.contoso.internal',
    ]);
    const gateway = find(bom, 'service', 'llm-gateway.contoso.internal');
    assert.deepEqual(gateway.endpoints, ['https://llm-gateway.contoso.internal']);
    assert.equal(gateway.trustZone, 'external');
    assert.deepEqual(propertyValues(gateway, 'service:api-compatible-with'), ['openai']);
    assert.equal(find(bom, 'service', 'Ollama (local)').trustZone, 'local');
    // boto3 without a Bedrock client is not AI.
    assert.ok(!summary(bom).includes('sdk boto3'));
    assert.ok(!JSON.stringify(bom).includes('key=abc'));
  });

  it('a link of Markdown prose is no endpoint, also inside a data file; the same URL written as a value is', () => {
    const text = [
      '{"text": "consider a vector search engine like [Pinecone](https://www.pinecone.io) or <https://api.openai.com/v1>"}',
      '{"host": "https://api.openai.com/v1"}',
    ].join('\n');
    assert.deepEqual(
      findEndpoints(text).map((hit) => `${hit.service} ${hit.endpoint}`),
      ['openai https://api.openai.com'],
    );
  });

  it("a test's client pointed at a server of its own is the SDK, not a service of the project", async () => {
    const client = ['from ollama import Client', "client = Client('http://localhost:1234')", ''].join('\n');
    const bom = await inventoryOf({ 'tests/test_client.py': client, 'app/client.py': client });
    assert.deepEqual(
      find(bom, 'service', 'localhost:1234').occurrences.map((entry) => entry.path),
      ['app/client.py'],
    );
    assert.deepEqual([...new Set(find(bom, 'sdk', 'ollama').occurrences.map((entry) => entry.path))].sort(), [
      'app/client.py',
      'tests/test_client.py',
    ]);
  });

  it('endpoint literals in code strings count (raw HTTP use), in comments they do not', async () => {
    const bom = await inventoryOf({
      'call.ts': [
        '// Docs: https://api.anthropic.com/v1/messages',
        "const res = await fetch('https://api.openai.com/v1/chat/completions', { method: 'POST' });",
        '',
      ].join('\n'),
    });
    assert.deepEqual(services(bom), ['service OpenAI API (openai)']);
    assert.deepEqual(find(bom, 'service', 'OpenAI API').occurrences, [
      { path: 'call.ts', line: 2, evidence: 'endpoint', symbol: 'https://api.openai.com' },
    ]);
  });

  it('C# clients with Uri endpoints, Java builders and Go options', async () => {
    const bom = await inventoryOf({
      'Program.cs': 'using Azure.AI.OpenAI;\nvar client = new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com/"), cred);\n',
      'Local.java': [
        'import dev.langchain4j.model.openai.OpenAiChatModel;',
        'class Local { Object m = OpenAiChatModel.builder().baseUrl("http://localhost:11434/v1").modelName("llama3.1:8b").build(); }',
        '',
      ].join('\n'),
      'main.go': [
        'package main',
        'import (',
        '\t"github.com/openai/openai-go"',
        '\t"github.com/openai/openai-go/option"',
        ')',
        'func main() { _ = openai.NewClient(option.WithBaseURL("https://api.groq.com/openai/v1")) }',
        '',
      ].join('\n'),
    });
    assert.deepEqual(services(bom), ['service Azure OpenAI (azure-openai)', 'service Groq API (groq)', 'service Ollama (local) (ollama)']);
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('model ')),
      ['model llama3.1:8b (ollama)'],
    );
  });

  it('endpoints in configuration files and model-serving images in Compose files', async () => {
    const bom = await inventoryOf({
      'config/app.yaml': 'llm:\n  endpoint: https://contoso-ai.services.ai.azure.com/models\n  timeout: 30\n',
      'application.properties': 'spring.ai.ollama.base-url=http://localhost:11434\n',
      'docker-compose.yml': 'services:\n  llm:\n    image: ollama/ollama:0.4.7\n  db:\n    image: postgres:16\n',
      'docs/guide.md': 'Call https://api.anthropic.com for completions.\n',
    });
    assert.deepEqual(services(bom), ['service Azure AI Foundry (azure-ai)', 'service Ollama (local) (ollama)']);
    assert.deepEqual(propertyValues(find(bom, 'service', 'Ollama (local)'), 'service:image'), ['ollama/ollama:0.4.7']);
  });
});
