import * as assert from 'node:assert/strict';
import { inventoryOf, summary } from './helpers';

const models = async (files: Record<string, string>) => summary(await inventoryOf(files)).filter((line) => line.startsWith('model '));

describe('inventory: LangChain provider:model ids and evaluation settings', () => {
  it('init_chat_model / init_embeddings with provider:model, evaluation scripts under tests/, subscript settings', async () => {
    const found = await models({
      'src/graph.py': [
        'from langchain.chat_models import init_chat_model',
        'from langchain.embeddings import init_embeddings',
        'llm = init_chat_model("anthropic:claude-3-5-haiku-latest")',
        'embeddings = init_embeddings("openai:text-embedding-3-small")',
        '',
      ].join('\n'),
      'tests/run_evaluate.py': [
        'from langsmith import Client',
        'research_model = "openai:gpt-5"',
        'config = {"configurable": {}}',
        'config["configurable"]["summarization_model"] = "openai:gpt-4.1-nano"',
        '',
      ].join('\n'),
    });
    assert.deepEqual(found, [
      'model claude-3-5-haiku-latest (anthropic)',
      'model gpt-4.1-nano (openai)',
      'model gpt-5 (openai)',
      'model text-embedding-3-small (openai)',
    ]);
  });

  it('near miss: a unit test’s made-up settings and a subscript that names no model setting', async () => {
    const found = await models({
      'tests/test_graph.py': [
        'from langsmith import Client',
        'research_model = "openai:gpt-5"',
        'def test_config():',
        '    config = {"model": "openai:gpt-4o"}',
        '',
      ].join('\n'),
      'src/labels.py': ['from langsmith import Client', 'labels = {}', 'labels["title"] = "openai:gpt-4o"', ''].join('\n'),
    });
    assert.deepEqual(found, []);
  });
  it('a config dict naming provider and model side by side; a provider that is no model host names none', async () => {
    const found = await models({
      'src/run.py': [
        'import uuid',
        'thread = {"configurable": {',
        '    "planner_provider": "groq", "planner_model": "deepseek-r1-distill-llama-70b",',
        '    "writer_provider": "groq", "writer_model": "llama-3.3-70b-versatile",',
        '    "search_provider": "tavily", "search_model": "basic-depth",',
        '}}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(found, ['model deepseek-r1-distill-llama-70b (groq)', 'model llama-3.3-70b-versatile (groq)']);
  });
  it('Perplexity Sonar ids in a chat payload; a code-quality scanner named sonar is no model', async () => {
    const found = await models({
      'src/search.py': [
        'import requests',
        'from langchain_core.messages import HumanMessage',
        'payload = {"model": "sonar-pro", "messages": []}',
        'scanner = {"model": "sonar-scanner"}',
        'requests.post("https://api.perplexity.ai/chat/completions", json=payload)',
        '',
      ].join('\n'),
    });
    assert.deepEqual(found, ['model sonar-pro (perplexity)']);
  });
});
