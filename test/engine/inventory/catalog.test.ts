import * as assert from 'node:assert/strict';
import endpointsData from '../../../server/src/engine/data/endpoints.json';
import modelsData from '../../../server/src/engine/data/models.json';
import {
  catalogSize,
  lookupPackage,
  lookupRepository,
  providerForModelId,
  serviceInfo,
} from '../../../server/src/engine/inventory/catalog';
import type { Ecosystem } from '../../../server/src/engine/inventory/types';

describe('inventory: catalog data', () => {
  it('knows packages by source repository: named ones, and repositories named as a package', () => {
    assert.equal(lookupRepository('pypi', 'git+https://github.com/Azure-Samples/ai-rag-chat-evaluator/@2025-06-02')?.name, 'evaltools');
    assert.equal(lookupRepository('pypi', 'git+https://github.com/anthropics/anthropic-sdk-python.git@v0.40.0')?.name, 'anthropic');
    assert.equal(lookupRepository('npm', 'git+https://github.com/Azure-Samples/ai-rag-chat-evaluator'), undefined);
    assert.equal(lookupRepository('pypi', 'git+https://github.com/contoso/openai-tools'), undefined);
    assert.equal(lookupRepository('pypi', 'git+https://github.com/run-llama/llama-index-anything'), undefined);
  });

  it('covers at least 150 AI packages across every ecosystem', () => {
    const sizes = catalogSize();
    const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
    assert.ok(total >= 150, `catalog has ${total} packages`);
    for (const [ecosystem, size] of Object.entries(sizes)) assert.ok(size >= 15, `${ecosystem} has ${size} packages`);
  });

  it('knows AI packages in every ecosystem, including prefix families, whatever their spelling', () => {
    const known: [Ecosystem, string, string][] = [
      ['pypi', 'OpenAI', 'openai'],
      ['pypi', 'llama_index.core', 'llama-index-core'],
      ['pypi', 'langchain-google-vertexai', 'langchain-google-vertexai'],
      ['pypi', 'SetFit', 'setfit'],
      ['pypi', 'Agency_Swarm', 'agency-swarm'],
      // OpenAI Swarm, installed from its repository (`pip install git+https://github.com/openai/swarm.git`).
      ['pypi', 'swarm', 'swarm'],
      ['pypi', 'unsloth_zoo', 'unsloth-zoo'],
      ['pypi', 'Bedrock_AgentCore', 'bedrock-agentcore'],
      ['npm', 'mcp-evals', 'mcp-evals'],
      ['npm', '@ai-sdk/react', '@ai-sdk/react'],
      ['npm', '@modelcontextprotocol/server-github', '@modelcontextprotocol/server-github'],
      ['nuget', 'azure.ai.openai', 'Azure.AI.OpenAI'],
      ['nuget', 'Microsoft.SemanticKernel.Plugins.Web', 'Microsoft.SemanticKernel.Plugins.Web'],
      ['maven', 'dev.langchain4j:langchain4j-vertex-ai', 'dev.langchain4j:langchain4j-vertex-ai'],
      ['golang', 'github.com/anthropics/anthropic-sdk-go/v2', 'github.com/anthropics/anthropic-sdk-go/v2'],
      ['cargo', 'async_openai', 'async-openai'],
      ['rubygems', 'ruby-openai', 'ruby-openai'],
      ['rubygems', 'ruby_llm-mcp', 'ruby_llm-mcp'],
    ];
    for (const [ecosystem, name, canonical] of known) assert.equal(lookupPackage(ecosystem, name)?.name, canonical, `${ecosystem}:${name}`);
  });

  it('knows that common non-AI packages are not AI', () => {
    const plain: [Ecosystem, string][] = [
      ['pypi', 'requests'],
      ['pypi', 'numpy'],
      ['pypi', 'pandas'],
      ['pypi', 'ts'],
      ['pypi', 'langchainx'],
      ['npm', 'lodash'],
      ['npm', 'express'],
      ['npm', '@ai-sdk'],
      ['nuget', 'Newtonsoft.Json'],
      ['maven', 'com.google.guava:guava'],
      ['golang', 'github.com/gin-gonic/gin'],
      ['cargo', 'serde'],
    ];
    for (const [ecosystem, name] of plain) assert.equal(lookupPackage(ecosystem, name), undefined, `${ecosystem}:${name}`);
  });

  it('uses one set of provider ids across packages, services, clients and models', () => {
    const providers = new Set(Object.keys(modelsData.providers));
    for (const [id, service] of Object.entries(endpointsData.services)) {
      assert.ok(providers.has(service.provider), `service ${id} provider ${service.provider}`);
    }
    for (const client of endpointsData.clients) {
      assert.ok(serviceInfo(client.service), `client ${client.package} names service ${client.service}`);
      const [ecosystem, ...rest] = client.package.split(':');
      assert.ok(lookupPackage(ecosystem as Ecosystem, rest.join(':')), `client package ${client.package} is in the catalog`);
    }
    for (const entry of modelsData.patterns) assert.ok(providers.has(entry.provider), `pattern provider ${entry.provider}`);
    for (const provider of Object.values(modelsData.routes)) assert.ok(providers.has(provider), `route provider ${provider}`);
  });

  it('normalises model ids to providers by shape', () => {
    const cases: [string, string | undefined][] = [
      ['gpt-4o', 'openai'],
      ['o3-mini', 'openai'],
      ['claude-3-5-sonnet-latest', 'anthropic'],
      ['gemini-2.0-flash', 'google'],
      ['mistral-large-latest', 'mistral'],
      ['command-r-plus', 'cohere'],
      ['anthropic.claude-3-haiku-20240307-v1:0', 'aws-bedrock'],
      ['eu.meta.llama3-2-3b-instruct-v1:0', 'aws-bedrock'],
      ['qwen2.5-coder:7b', 'ollama'],
      ['meta-llama/Llama-3.1-8B-Instruct', 'huggingface'],
      ['my-deployment', undefined],
    ];
    for (const [id, provider] of cases) assert.equal(providerForModelId(id), provider, id);
  });
});
