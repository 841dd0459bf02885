import * as assert from 'node:assert/strict';
import { find, inventoryOf, propertyValues, refsOf } from './helpers';

/** AI services reached through agent-framework classes, trainer settings and script options. */

async function services(files: Record<string, string>): Promise<string[]> {
  return refsOf(await inventoryOf(files), 'service');
}

describe('inventory: services of framework classes and settings', () => {
  it('reads Semantic Kernel agents, legacy LangChain Ollama and the Copilot Studio client in Python', async () => {
    assert.deepEqual(
      await services({
        'agents.py': [
          'from semantic_kernel.agents import AzureAIAgent, BedrockAgent, CopilotStudioAgent',
          'a = AzureAIAgent(client=client, definition=definition)',
          'b = BedrockAgent(agent_model)',
          'c = CopilotStudioAgent(name="PhysicsAgent", instructions="x")',
        ].join('\n'),
        'crew.py': ['from langchain.llms import Ollama', 'llm = Ollama(model="llama3.1")'].join('\n'),
        'copilot.py': ['from microsoft_agents.copilotstudio.client import CopilotClient', 'client = CopilotClient(settings, token)'].join(
          '\n',
        ),
      }),
      ['service:aws-bedrock', 'service:azure-ai-foundry', 'service:copilot-studio', 'service:ollama'],
    );
  });

  it('reads the service of single-provider LangChain chat and embedding classes imported from their package', async () => {
    assert.deepEqual(
      await services({
        'llms.py': [
          'def chat(provider, **kwargs):',
          '    if provider == "fireworks":',
          '        from langchain_fireworks import ChatFireworks',
          '        return ChatFireworks(**kwargs)',
          '    if provider == "xai":',
          '        from langchain_xai import ChatXAI',
          '        return ChatXAI(**kwargs)',
          '    from langchain_gigachat.chat_models import GigaChat',
          '    return GigaChat(**kwargs)',
        ].join('\n'),
        'embeddings.py': [
          'from langchain_netmind import NetmindEmbeddings',
          'from langchain_nomic import NomicEmbeddings',
          'from langchain_voyageai import VoyageAIEmbeddings',
          'a = NetmindEmbeddings(model=m)',
          'b = NomicEmbeddings(model=m)',
          'c = VoyageAIEmbeddings(voyage_api_key=key, model=m)',
        ].join('\n'),
      }),
      ['service:fireworks', 'service:gigachat', 'service:netmind', 'service:nomic', 'service:voyage', 'service:xai'],
    );
  });

  it('does not read a service from a same-named local class or a class named only in text', async () => {
    assert.deepEqual(
      await services({
        'local.py': [
          'import langchain_core',
          'class ChatFireworks:',
          '    pass',
          'llm = ChatFireworks()',
          '# VoyageAIEmbeddings(model="voyage-3") would need a key',
          'label = "ChatXAI(model=grok)"',
        ].join('\n'),
        'other.py': ['from mylib.models import GigaChat, NomicEmbeddings', 'a = GigaChat()', 'b = NomicEmbeddings()'].join('\n'),
      }),
      [],
    );
  });

  it('reads the provider service of a LiteLLM route given to LiteLLM or its wrapper classes', async () => {
    assert.deepEqual(
      await services({
        'agent.py': [
          'import os',
          'from smolagents import LiteLLMModel',
          'model = LiteLLMModel(model_id="groq/llama-3.1-70b-versatile", api_key=os.environ.get("GROQ_API_KEY"))',
        ].join('\n'),
        'tool.py': ['import litellm', 'litellm.completion(model="mistral/mistral-large-latest", messages=[])'].join('\n'),
      }),
      ['service:groq', 'service:mistral'],
    );
  });

  it('does not read a provider service from a gateway route, a local LiteLLMModel class or a route in a comment', async () => {
    assert.deepEqual(
      await services({
        'gateway.ts': [
          'import { createOpenRouter } from "@openrouter/ai-sdk-provider";',
          'const openrouter = createOpenRouter({});',
          'export const model = openrouter("anthropic/claude-3.5-sonnet");',
        ].join('\n'),
        'local.py': [
          'import smolagents',
          'class LiteLLMModel:',
          '    def __init__(self, model_id): self.model_id = model_id',
          'm = LiteLLMModel(model_id="groq/llama-3.1-70b-versatile")',
          '# LiteLLMModel(model_id="mistral/mistral-large-latest")',
        ].join('\n'),
      }),
      ['service:openrouter'],
    );
  });

  it('reads Semantic Kernel and AWS agent clients in C#, and maps Amazon and A2A namespaces to their packages', async () => {
    const bom = await inventoryOf({
      'Bedrock.cs': [
        'using Amazon.BedrockAgent;',
        'using Microsoft.SemanticKernel.Agents.Bedrock;',
        'var client = new AmazonBedrockAgentClient();',
        'var thread = new BedrockAgentThread(runtimeClient);',
      ].join('\n'),
      'A2AAgent.cs': ['using A2A;', 'var card = new AgentCard();'].join('\n'),
    });
    assert.ok(find(bom, 'sdk', 'AWSSDK.BedrockAgent'));
    assert.ok(find(bom, 'sdk', 'A2A'));
    assert.ok(bom.components.some((component) => component.ref === 'service:aws-bedrock'));
  });

  it('reads the Vercel AI Gateway from its provider and its key', async () => {
    assert.deepEqual(
      await services({
        'providers.ts': ['import { gateway } from "@ai-sdk/gateway";', 'export const model = gateway("openai/gpt-4.1-mini");'].join('\n'),
      }),
      ['service:vercel-ai-gateway'],
    );
    assert.deepEqual(await services({ '.env.example': 'AI_GATEWAY_API_KEY=****\n' }), ['service:vercel-ai-gateway']);
  });

  it('reads a hosted tracker from report_to and a model server from a script option default', async () => {
    const bom = await inventoryOf({
      'train.py': [
        'import argparse',
        'from trl import GRPOConfig',
        'parser = argparse.ArgumentParser()',
        'parser.add_argument("--vllm-server-url", type=str, default="http://localhost:8000")',
        'config = GRPOConfig(output_dir="out", report_to=["wandb", "tensorboard"])',
      ].join('\n'),
    });
    const server = find(bom, 'service', 'localhost:8000');
    assert.deepEqual(propertyValues(server, 'service:api-compatible-with'), ['vllm']);
    assert.equal(server.occurrences[0].line, 4);
    assert.equal(find(bom, 'service', 'Weights & Biases').occurrences[0].symbol, 'report_to');
  });

  it('reads Hub uploads and Spaces as the Hugging Face Hub', async () => {
    assert.deepEqual(
      await services({
        'train.py': [
          'from trl import SFTTrainer',
          'trainer = SFTTrainer(model=model)',
          'trainer.train()',
          'trainer.push_to_hub(dataset_name="x")',
        ].join('\n'),
      }),
      ['service:huggingface-hub'],
    );
    assert.deepEqual(
      await services({ 'env.py': ['from trl import GRPOTrainer', 'ENV_URL = "https://openenv-sudoku.hf.space"'].join('\n') }),
      ['service:huggingface-hub'],
    );
  });

  it('near miss: a languageModel call on a provider of another package is not the gateway', async () => {
    assert.deepEqual(
      await services({
        'providers.ts': [
          'import { gateway } from "@ai-sdk/gateway";',
          'import { customProvider } from "ai";',
          'export const myProvider = isTest ? customProvider({ languageModels: {} }) : null;',
          'export const title = () => myProvider.languageModel("title-model");',
        ].join('\n'),
      }),
      [],
    );
  });

  it('near miss: local trackers, other URL options, Azure agents of other SDKs and langchain classes that are not clients', async () => {
    assert.deepEqual(
      await services({
        'train.py': [
          'import argparse',
          'from trl import SFTConfig',
          'parser = argparse.ArgumentParser()',
          'parser.add_argument("--webhook-url", default="http://localhost:9000")',
          'parser.add_argument("--vllm-server-url", default=None)',
          'config = SFTConfig(report_to="tensorboard")',
          'other = SFTConfig(report_to="none")',
        ].join('\n'),
        'tools.py': ['from langchain.agents import load_tools', 'tools = load_tools(["serpapi"])'].join('\n'),
        'agent.py': ['from my_agents import AzureAIAgent', 'a = AzureAIAgent()'].join('\n'),
        'save.py': [
          'from huggingface_hub import HfApi',
          'import boto3',
          's3 = boto3.client("s3")',
          's3.upload_file("a.bin", "bucket", "a.bin")',
        ].join('\n'),
      }),
      [],
    );
  });
});

describe('inventory: services of provider clients, search tools and grounding', () => {
  const services = (bom: Awaited<ReturnType<typeof inventoryOf>>) =>
    bom.components
      .filter((component) => component.kind === 'service')
      .map((component) => component.name)
      .sort();

  it("names Bedrock and SageMaker for Cohere's cloud clients, Tavily for LangChain's search tool, and Bing grounding", async () => {
    const bom = await inventoryOf({
      'agent.py': [
        'import cohere',
        'from azure.ai.agents.models import BingGroundingTool',
        'from langchain_community.tools.tavily_search import TavilySearchResults',
        'co = cohere.BedrockClient(aws_region="us-east-1")',
        'sm = cohere.SagemakerClient(aws_region="us-east-1")',
        'tool = BingGroundingTool(connection_id=conn.id)',
        'search = TavilySearchResults(max_results=3)',
        '',
      ].join('\n'),
      'infra/bing.bicep': "resource bing 'Microsoft.Bing/accounts@2020-06-10' = {\n  name: 'grounding'\n  kind: 'Bing.Grounding'\n}\n",
    });
    assert.deepEqual(services(bom), [
      'Amazon Bedrock',
      'Amazon SageMaker',
      'Grounding with Bing Search (Azure AI Agents)',
      'Tavily Search API',
    ]);
  });

  it('near miss: a plain Bing Search account, and a Redis client that is not a vector store', async () => {
    const bom = await inventoryOf({
      'infra/bing.bicep': "resource bing 'Microsoft.Bing/accounts@2020-06-10' = {\n  name: 'search'\n  kind: 'Bing.Search.v7'\n}\n",
      'cache.py': 'import openai\nfrom redis import Redis\ncache = Redis(host="localhost")\n',
    });
    assert.ok(!services(bom).some((name) => /bing|redis/i.test(name)), services(bom).join(', '));
  });
});
