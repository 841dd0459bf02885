import * as assert from 'node:assert/strict';
import type { AiBom, AiComponent } from '../../../server/src/engine/inventory/types';
import { inventoryOf } from './helpers';

/** A model's id, a service's catalog id or endpoint host (from its ref), an SDK's package. */
function idOf(component: AiComponent): string {
  return component.kind === 'service' ? component.ref.replace(/^service:(?:endpoint\/)?/, '') : component.name;
}

/** `kind id path:line` of every model and service, for compact comparisons. */
function entries(bom: AiBom): string[] {
  return bom.components
    .filter((component) => component.kind === 'model' || component.kind === 'service')
    .map((component) => `${component.kind} ${idOf(component)} ${component.occurrences.map((o) => `${o.path}:${o.line}`).join(',')}`)
    .sort();
}

/** A GitHub Actions expression (`$` + `{{ … }}`), written so that it reads as no template placeholder. */
function expression(inner: string): string {
  return `$${'{{'} ${inner} }}`;
}

function names(bom: AiBom, kind: 'model' | 'service' | 'sdk'): string[] {
  return bom.components
    .filter((component) => component.kind === kind)
    .map(idOf)
    .sort();
}

describe('inventory: model options of tool schemas, commented-out alternatives, and services by switch, method or local endpoint', () => {
  it('reads the options of a zod enum or a Literal under a model name, with Pinecone Inference ids by pattern', async () => {
    const bom = await inventoryOf({
      'src/rerank-model.ts': [
        "import {z} from 'zod';",
        "import {Pinecone} from '@pinecone-database/pinecone';",
        'export const RERANK_MODEL_SCHEMA = z.enum([',
        "  'cohere-rerank-3.5',",
        "  'bge-reranker-v2-m3',",
        "  'pinecone-rerank-v0',",
        "]).describe('Choose a reranking model');",
        'export const SCHEMA = {',
        '  embed: z.object({',
        "    model: z.enum(['multilingual-e5-large', 'llama-text-embed-v2', 'pinecone-sparse-english-v0']).optional(),",
        '  }),',
        "  cloud: z.enum(['aws', 'gcp', 'azure']),",
        '};',
      ].join('\n'),
      'tools.py': [
        'from typing import Literal',
        'from openai import OpenAI',
        '',
        'def ask(question: str, model: Literal["gpt-4o", "o3-mini"] = "gpt-4o") -> str:',
        '    return OpenAI().responses.create(model=model, input=question).output_text',
      ].join('\n'),
    });
    const models = names(bom, 'model');
    for (const id of [
      'cohere-rerank-3.5',
      'bge-reranker-v2-m3',
      'pinecone-rerank-v0',
      'multilingual-e5-large',
      'llama-text-embed-v2',
      'pinecone-sparse-english-v0',
      'gpt-4o',
      'o3-mini',
    ]) {
      assert.ok(models.includes(id), `${id} in ${models.join(', ')}`);
    }
    assert.ok(entries(bom).includes('model pinecone-rerank-v0 src/rerank-model.ts:6'));
  });

  it('leaves enums whose name does not say model, and model ids in descriptions, alone', async () => {
    const bom = await inventoryOf({
      'schema.ts': [
        "import {z} from 'zod';",
        "import OpenAI from 'openai';",
        'export const SCHEMA = {',
        "  style: z.enum(['gpt-4o', 'claude-3-haiku-20240307']).describe('a label'),",
        "  model: z.string().describe('for example gpt-4o-mini'),",
        '};',
      ].join('\n'),
      'labels.py': [
        'from typing import Literal',
        'import anthropic',
        '',
        'class Settings:',
        '    mode: Literal["claude-3-opus-20240229", "fast"]',
      ].join('\n'),
    });
    assert.deepEqual(names(bom, 'model'), []);
  });

  it('lists commented-out alternatives of the active model setting, in a file that uses AI', async () => {
    const bom = await inventoryOf({
      'index.ts': [
        "import Together from 'together-ai'",
        '',
        '// Choose from the codegen models:',
        "const MODEL_NAME = 'meta-llama/Llama-3.3-70B-Instruct-Turbo'",
        "// const MODEL_NAME = 'Qwen/Qwen2.5-7B-Instruct-Turbo'",
        '// const MODEL_NAME = "deepseek-ai/DeepSeek-V3"',
        "// const MODEL_NAME = './checkpoints/local'",
        '',
        "// const OTHER_MODEL = 'Qwen/Qwen2.5-72B-Instruct'",
        '',
        "const STYLE = 'gpt-4o'",
        "// const STYLE = 'claude-3-haiku-20240307'",
        '',
        'const together = new Together()',
      ].join('\n'),
      'app.py': [
        'import anthropic',
        '',
        '#MODEL_NAME = "claude-opus-4-1"',
        'MODEL_NAME = "claude-sonnet-4-5"',
        '# The model: MODEL_NAME = "claude-3-haiku-20240307" is cheaper',
        '',
        '# MODEL = "claude-3-5-haiku-latest"',
      ].join('\n'),
      'plain.py': ['#MODEL_NAME = "gpt-4o-mini"', 'MODEL_NAME = "gpt-4o"'].join('\n'),
    });
    const listed = entries(bom);
    assert.ok(listed.includes('model Qwen/Qwen2.5-7B-Instruct-Turbo index.ts:5'), listed.join('\n'));
    assert.ok(listed.includes('model deepseek-ai/DeepSeek-V3 index.ts:6'), listed.join('\n'));
    assert.ok(listed.includes('model claude-opus-4-1 app.py:3'), listed.join('\n'));
    const models = names(bom, 'model');
    // A folder, a lone comment without an active setting, a name that says no model, prose, and a file without AI.
    for (const id of [
      './checkpoints/local',
      'Qwen/Qwen2.5-72B-Instruct',
      'claude-3-haiku-20240307',
      'claude-3-5-haiku-latest',
      'gpt-4o-mini',
    ]) {
      assert.ok(!models.includes(id), `${id} not in ${models.join(', ')}`);
    }
  });

  it('finds services: the Together JS client, Mistral on Vertex AI and Azure, Google speech recognition, Redis vector queries', async () => {
    const bom = await inventoryOf({
      'together.ts': [
        "import Together from 'together-ai/index.mjs'",
        'const together = new Together()',
        "const response = await together.chat.completions.create({ model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', messages: [] })",
      ].join('\n'),
      'gcp.py': [
        'from mistralai.gcp.client import MistralGCP',
        'client = MistralGCP(project_id="p", region="us-central1")',
        'client.chat.complete(model="mistral-small-2503", messages=[])',
      ].join('\n'),
      'azure.py': [
        'from mistralai.azure.client import MistralAzure',
        'client = MistralAzure(api_key=key, server_url=url)',
        'client.chat.complete(model="mistral-small-2503", messages=[])',
      ].join('\n'),
      'speech.py': [
        'import speech_recognition as sr',
        '',
        'def transcribe(path):',
        '    recognizer = sr.Recognizer()',
        '    with sr.AudioFile(path) as source:',
        '        audio = recognizer.record(source)',
        '    return recognizer.recognize_google(audio)',
      ].join('\n'),
      'search.py': [
        'from redis.commands.search.query import Query',
        '',
        'def search(r, k):',
        '    query = Query(f"*=>[KNN {k} @vec $v AS score]").dialect(2)',
        '    return r.ft("idx").search(query)',
      ].join('\n'),
    });
    const services = names(bom, 'service');
    for (const id of ['together', 'google-vertex-ai', 'azure-ai-foundry', 'google-speech', 'redis']) {
      assert.ok(services.includes(id), `${id} in ${services.join(', ')}`);
    }
    assert.ok(names(bom, 'sdk').includes('redis'));
  });

  it('does not take a method of the same name outside its library, nor Redis without a vector query', async () => {
    const bom = await inventoryOf({
      'own.py': [
        'import openai',
        '',
        'class Listener:',
        '    def recognize_google(self, audio):',
        '        return audio',
        '',
        '    def run(self):',
        '        return self.recognize_google(openai.OpenAI())',
      ].join('\n'),
      'cache.py': ['import redis', '', 'r = redis.Redis()', 'r.set("KNN", "=> [value]")'].join('\n'),
    });
    const services = names(bom, 'service');
    assert.ok(!services.includes('google-speech'), services.join(', '));
    assert.ok(!services.includes('redis'), services.join(', '));
    assert.ok(!names(bom, 'sdk').includes('redis'));
  });

  it('adds Vertex AI when the Gen AI client’s vertexai option is set from configuration, and uses it alone when written true', async () => {
    const bom = await inventoryOf({
      'switch.ts': [
        "import { GoogleGenAI } from '@google/genai';",
        'export function make(config: { vertexai?: boolean; apiKey: string }) {',
        '  return new GoogleGenAI({ apiKey: config.apiKey, vertexai: config.vertexai });',
        '}',
      ].join('\n'),
      'vertex.py': [
        'from google import genai',
        '',
        'client = genai.Client(vertexai=True, project="p", location="us-central1")',
        'client.models.generate_content(model="gemini-2.5-flash", contents="hi")',
      ].join('\n'),
      'studio.py': [
        'from google import genai',
        '',
        'client = genai.Client(vertexai=False, api_key=key)',
        'client.models.generate_content(model="gemini-2.5-flash", contents="hi")',
      ].join('\n'),
    });
    const listed = entries(bom).filter((entry) => entry.startsWith('service'));
    assert.deepEqual(listed, ['service google-gemini studio.py:3,switch.ts:3', 'service google-vertex-ai switch.ts:3,vertex.py:3']);
  });

  it('lists a local OpenAI-compatible server an app is pointed at by a .env setting', async () => {
    const bom = await inventoryOf({
      '.env.sample': [
        '# For local models, like Ollama/llamafile:',
        'LOCAL_OPENAI_ENDPOINT="http://localhost:8080/v1"',
        'OPENAI_BASE_URL=http://127.0.0.1:11434/v1',
        'REDIS_URL=http://localhost:6379',
        'OPENAI_API_BASE=https://gateway.example.com/v1',
        'SERVICE_URL=http://localhost:3000',
      ].join('\n'),
      // Near miss: a test environment points the app at a mock server.
      '.env.test': 'OPENAI_BASE_URL=http://localhost:4010/v1\n',
    });
    const services = bom.components.filter((component) => component.kind === 'service');
    const local = services.find((service) => service.name === 'localhost:8080');
    assert.ok(local, services.map(idOf).join(', '));
    assert.equal(local.trustZone, 'local');
    assert.deepEqual(
      services.map(idOf).sort(),
      ['localhost:8080', 'ollama'].sort(),
      'Ollama by its port, nothing for Redis, a remote gateway or a name that says no LLM',
    );
  });

  it('reads a model a live test sends with a real client, not one given beside a test double', async () => {
    const bom = await inventoryOf({
      'tests/test_llm.py': [
        'import openai',
        'from unittest.mock import MagicMock',
        'from app import Converter',
        '',
        'def test_mocked():',
        '    client = MagicMock()',
        '    Converter(llm_client=client, llm_model="gpt-4o-mini")',
        '',
        'def test_live():',
        '    client = openai.OpenAI()',
        '    Converter(llm_client=client, llm_model="gpt-4o")',
        '',
        'def test_inline():',
        '    Converter(llm_client=openai.OpenAI(), llm_model="o3-mini", label="gpt-4.1")',
      ].join('\n'),
    });
    assert.deepEqual(names(bom, 'model'), ['gpt-4o', 'o3-mini']);
  });

  it('reads the fallback of a GitHub expression in a model setting, and a promptfoo grader', async () => {
    const bom = await inventoryOf({
      '.github/workflows/triage.lock.yml': [
        'on: issues',
        'jobs:',
        '  agent:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: copilot --prompt "$PROMPT"',
        '        env:',
        `          COPILOT_MODEL: ${expression("vars.GH_AW_MODEL_AGENT_COPILOT || vars.GH_AW_DEFAULT_MODEL_COPILOT || 'claude-sonnet-4.6'")}`,
        `          GH_AW_MAX_TURNS: ${expression("vars.GH_AW_DEFAULT_MAX_TURNS || '30'")}`,
        `          STYLE: ${expression("vars.STYLE || 'gpt-4o'")}`,
      ].join('\n'),
      'evals/promptfooconfig.yaml': [
        'prompts: [prompt.txt]',
        'providers: [anthropic:messages:claude-3-5-sonnet-20240620]',
        'defaultTest:',
        '  assert:',
        '    - type: llm-rubric',
        '      provider: anthropic:messages:claude-3-opus-20240229',
        "      value: 'Is not apologetic'",
      ].join('\n'),
      // A provider-qualified id names a model in any configuration (`providerQualifiedModel`); a word after the prefix does not.
      'deploy.yaml': ['service:', '  provider: openai:gpt-4o-mini', '  channel: openai:beta'].join('\n'),
    });
    assert.deepEqual(names(bom, 'model'), ['claude-3-5-sonnet-20240620', 'claude-3-opus-20240229', 'claude-sonnet-4.6', 'gpt-4o-mini']);
  });

  it('names the service of a workspace class built on an SDK client (Python and JavaScript)', async () => {
    const bom = await inventoryOf({
      'lm.py': [
        'import dspy',
        '',
        'class OllamaClient(dspy.OllamaLocal):',
        '    def __init__(self, model, port, url="http://localhost", **kwargs):',
        '        super().__init__(model=model, base_url=f"{url}:{port}", **kwargs)',
        '',
        'class Settings(dict):',
        '    pass',
      ].join('\n'),
      'own.py': ['import openai', '', 'class OpenAI:', '    pass', '', 'class Client(OpenAI):', '    pass'].join('\n'),
      'client.ts': [
        "import { Anthropic } from '@anthropic-ai/sdk';",
        '',
        'export class Claude extends Anthropic {}',
        'class Local extends Anthropic {',
        "  constructor() { super({ baseURL: 'http://localhost:1234/v1' }); }",
        '}',
        'class Items extends Array {}',
      ].join('\n'),
      'lmstudio.py': [
        'from langchain_openai import ChatOpenAI',
        '',
        'class ChatLMStudio(ChatOpenAI):',
        '    def __init__(self, base_url: str = "http://localhost:1234/v1", model: str = "local", **kwargs):',
        '        super().__init__(base_url=base_url, model=model, **kwargs)',
      ].join('\n'),
    });
    assert.deepEqual(
      entries(bom).filter((entry) => entry.startsWith('service')),
      // LM Studio by its address literals; not OpenAI, which those subclasses no longer reach.
      ['service anthropic client.ts:3', 'service lmstudio client.ts:5,lmstudio.py:4', 'service ollama lm.py:3'],
    );
  });

  it('reads the commented alternatives of a .env template, not of a .env in use nor prose', async () => {
    const template = [
      'LLM_PROVIDER=azure-openai',
      'AZURE_OPENAI_DEPLOYMENT=gpt-5',
      '# Ollama Models Configuration (for LLM_PROVIDER=ollama-models)',
      '# OLLAMA_MODEL=llama3.1',
      '# The OPENAI_MODEL=gpt-4o-mini setting is cheaper',
      '#GITHUB_MODEL=openai/gpt-5',
    ].join('\n');
    const bom = await inventoryOf({ 'api/.env.sample': template, 'app/.env': template.replace('llama3.1', 'qwen2.5:7b') });
    const models = names(bom, 'model');
    assert.ok(models.includes('llama3.1'), models.join(', '));
    assert.ok(!models.includes('gpt-4o-mini') && !models.includes('qwen2.5:7b'), models.join(', '));
    assert.ok(entries(bom).some((entry) => entry.startsWith('model llama3.1 api/.env.sample:4')));
  });

  it('reads `name` as the id of a model list entry that names its provider and has no id of its own', async () => {
    const bom = await inventoryOf({
      'bin/config.ts': [
        "import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';",
        'export const config = {',
        '  embeddingsModels: [',
        "    { provider: 'sagemaker', name: 'intfloat/multilingual-e5-large', dimensions: 1024 },",
        "    { provider: 'openai', name: 'GPT-4o', id: 'gpt-4o' },",
        "    { provider: 'openai', name: 'Fancy Model' },",
        "    { provider: 'sagemaker', name: './models/local' },",
        '  ],',
        "  crossEncoderModels: [{ provider: 'sagemaker', name: 'cross-encoder/ms-marco-MiniLM-L-12-v2', default: true }],",
        "  users: [{ provider: 'google', name: 'someone/else' }],",
        '};',
      ].join('\n'),
    });
    assert.deepEqual(names(bom, 'model'), ['cross-encoder/ms-marco-MiniLM-L-12-v2', 'gpt-4o', 'intfloat/multilingual-e5-large']);
  });
});
