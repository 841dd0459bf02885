import * as assert from 'node:assert/strict';
import { isModelIdShape } from '../../../server/src/engine/inventory/models';
import { find, inventoryOf, propertyValues, summary } from './helpers';

const models = (bom: Awaited<ReturnType<typeof inventoryOf>>) => summary(bom).filter((line) => line.startsWith('model '));

describe('inventory: model ids', () => {
  it('accepts model-id shapes and rejects paths, URLs, files and prose', () => {
    for (const id of [
      'gpt-4o',
      'claude-3-5-sonnet-20241022',
      'meta-llama/Llama-3.1-8B',
      'llama3.1:8b',
      'anthropic.claude-3-haiku-20240307-v1:0',
    ]) {
      assert.ok(isModelIdShape(id), id);
    }
    for (const id of ['./models/x', '/opt/model', 'https://x.y/z', 'weights.safetensors', 'two words', '', '42', 'claude-3-', 'gpt-4.'])
      assert.ok(!isModelIdShape(id), id);
  });

  it('a table of family prefixes lists its full ids only; an evaluation backend name is no model', async () => {
    const bom = await inventoryOf({
      'hooks/llm.py': [
        'import anthropic',
        '_LEGACY_THINKING_MODELS = ("claude-3-", "claude-opus-4-0")',
        'client = anthropic.Anthropic()',
        '',
      ].join('\n'),
      'eval.py': [
        'import lm_eval',
        "out = lm_eval.simple_evaluate(model='hf', model_args={'pretrained': 'bert-base-cased'}, tasks='hellaswag')",
        '',
      ].join('\n'),
    });
    const ids = models(bom);
    assert.ok(
      ids.some((line) => line.startsWith('model claude-opus-4-0 ')),
      ids.join('; '),
    );
    assert.ok(!ids.some((line) => line.startsWith('model claude-3- ') || line.startsWith('model hf ')), ids.join('; '));
  });

  it('Python: OpenAI and Azure OpenAI clients, with deployments normalised to Azure', async () => {
    const bom = await inventoryOf({
      'chat.py': [
        'from openai import OpenAI, AzureOpenAI',
        'client = OpenAI()',
        'azure = AzureOpenAI(azure_endpoint="https://contoso.openai.azure.com/", api_version="2024-06-01")',
        'def ask(q):',
        '    a = client.chat.completions.create(model="gpt-4o-mini", messages=[])',
        '    b = azure.chat.completions.create(model="support-gpt4o", messages=[])',
        '    return client.embeddings.create(model="text-embedding-3-large", input=q)',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), [
      'model gpt-4o-mini (openai)',
      'model support-gpt4o (azure-openai)',
      'model text-embedding-3-large (openai)',
    ]);
    assert.deepEqual(propertyValues(find(bom, 'model', 'text-embedding-3-large'), 'task'), ['text-embedding']);
    assert.deepEqual(find(bom, 'sdk', 'openai').dependsOn, [
      'model:azure-openai/support-gpt4o',
      'model:openai/gpt-4o-mini',
      'model:openai/text-embedding-3-large',
      'service:azure-openai',
      'service:openai',
    ]);
  });

  it('Python: Hugging Face hub loaders give hub models with purls; local checkpoints do not', async () => {
    const bom = await inventoryOf({
      'hf.py': [
        'from transformers import AutoModelForCausalLM, pipeline',
        'from sentence_transformers import SentenceTransformer',
        'from huggingface_hub import hf_hub_download',
        'model = AutoModelForCausalLM.from_pretrained("mistralai/Mistral-7B-Instruct-v0.3", revision="main")',
        'local = AutoModelForCausalLM.from_pretrained("./checkpoints/run-7")',
        'clf = pipeline("sentiment-analysis", model="distilbert/distilbert-base-uncased-finetuned-sst-2-english")',
        'emb = SentenceTransformer("all-MiniLM-L6-v2")',
        'path = hf_hub_download(repo_id="TheBloke/Llama-2-7B-GGUF", filename="llama-2-7b.Q4_K_M.gguf")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), [
      'model TheBloke/Llama-2-7B-GGUF (huggingface)',
      'model all-MiniLM-L6-v2 (huggingface)',
      'model distilbert/distilbert-base-uncased-finetuned-sst-2-english (huggingface)',
      'model mistralai/Mistral-7B-Instruct-v0.3 (huggingface)',
    ]);
    assert.equal(find(bom, 'model', 'mistralai/Mistral-7B-Instruct-v0.3').purl, 'pkg:huggingface/mistralai/Mistral-7B-Instruct-v0.3');
    assert.equal(find(bom, 'model', 'all-MiniLM-L6-v2').purl, 'pkg:huggingface/all-MiniLM-L6-v2');
    assert.deepEqual(propertyValues(find(bom, 'model', 'distilbert/distilbert-base-uncased-finetuned-sst-2-english'), 'task'), [
      'sentiment-analysis',
    ]);
  });

  it('Python: LangChain chat models, Bedrock through boto3, Ollama, and LiteLLM routes', async () => {
    const bom = await inventoryOf({
      'chains.py': [
        'import boto3, litellm, ollama',
        'from langchain_anthropic import ChatAnthropic',
        'from langchain_openai import AzureChatOpenAI',
        'llm = ChatAnthropic(model="claude-3-5-haiku-latest")',
        'azure = AzureChatOpenAI(azure_deployment="gpt-4o", api_version="2024-06-01")',
        'bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")',
        'bedrock.converse(modelId="us.anthropic.claude-3-5-sonnet-20241022-v2:0", messages=[])',
        'ollama.chat(model="llama3.1:8b", messages=[])',
        'litellm.completion(model="anthropic/claude-3-opus-20240229", messages=[])',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), [
      'model claude-3-5-haiku-latest (anthropic)',
      'model claude-3-opus-20240229 (anthropic)',
      'model gpt-4o (azure-openai)',
      'model llama3.1:8b (ollama)',
      'model us.anthropic.claude-3-5-sonnet-20241022-v2:0 (aws-bedrock)',
    ]);
    assert.deepEqual(propertyValues(find(bom, 'model', 'gpt-4o'), 'model:deployment'), ['true']);
    assert.deepEqual(propertyValues(find(bom, 'model', 'claude-3-opus-20240229'), 'model:route'), ['anthropic/claude-3-opus-20240229']);
  });

  it("a LiteLLM router's group alias passed as the model is no model; the models of its list are", async () => {
    const bom = await inventoryOf({
      'agent.py': [
        'from smolagents import CodeAgent, LiteLLMRouterModel, LiteLLMModel',
        'model_list = [',
        '    {"model_name": "model-group-1", "litellm_params": {"model": "gpt-4o-mini"}},',
        ']',
        'model = LiteLLMRouterModel(model_id="model-group-1", model_list=model_list)',
        'other = LiteLLMModel(model_id="gpt-4.1")',
        '',
      ].join('\n'),
    });
    const found = models(bom);
    assert.ok(!found.some((line) => line.includes('model-group-1')), found.join('; '));
    assert.ok(
      found.some((line) => line.startsWith('model gpt-4.1')),
      found.join('; '),
    );
  });

  it('JavaScript: Vercel AI SDK provider functions, Anthropic SDK and LangChain.js', async () => {
    const bom = await inventoryOf({
      'route.ts': [
        "import { generateText } from 'ai';",
        "import { anthropic as claude } from '@ai-sdk/anthropic';",
        "import { createAzure } from '@ai-sdk/azure';",
        "import Anthropic from '@anthropic-ai/sdk';",
        "import { ChatOpenAI } from '@langchain/openai';",
        "const azure = createAzure({ resourceName: 'contoso' });",
        "await generateText({ model: claude('claude-3-5-sonnet-latest'), prompt: 'hi' });",
        "await generateText({ model: azure('support-deployment'), prompt: 'hi' });",
        'const client = new Anthropic();',
        "await client.messages.create({ model: 'claude-3-7-sonnet-20250219', max_tokens: 10, messages: [] });",
        "const llm = new ChatOpenAI({ model: 'gpt-4.1-mini', temperature: 0 });",
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), [
      'model claude-3-5-sonnet-latest (anthropic)',
      'model claude-3-7-sonnet-20250219 (anthropic)',
      'model gpt-4.1-mini (openai)',
      'model support-deployment (azure-openai)',
    ]);
  });

  it('C#, Java and Go call sites', async () => {
    const bom = await inventoryOf({
      'Program.cs': [
        'using Azure.AI.OpenAI;',
        'using Microsoft.SemanticKernel;',
        'var client = new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com/"), credential);',
        'var chat = client.GetChatClient(deploymentName: "gpt-4o-support");',
        'var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", apiKey).Build();',
        '',
      ].join('\n'),
      'Bot.java': [
        'import dev.langchain4j.model.openai.OpenAiChatModel;',
        'class Bot {',
        '  ChatLanguageModel model = OpenAiChatModel.builder().apiKey(key).modelName("gpt-4o").build();',
        '}',
        '',
      ].join('\n'),
      'main.go': [
        'package main',
        'import "github.com/anthropics/anthropic-sdk-go"',
        'func main() {',
        '\tclient := anthropic.NewClient()',
        '\tclient.Messages.New(ctx, anthropic.MessageNewParams{Model: "claude-3-5-haiku-latest", MaxTokens: 1024})',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), [
      'model claude-3-5-haiku-latest (anthropic)',
      'model gpt-4o (openai)',
      'model gpt-4o-mini (openai)',
      'model gpt-4o-support (azure-openai)',
    ]);
    assert.deepEqual(find(bom, 'sdk', 'dev.langchain4j:langchain4j-open-ai').dependsOn, ['model:openai/gpt-4o', 'service:openai']);
  });

  it('follows names bound once to a literal, and not names bound to two values', async () => {
    const bom = await inventoryOf({
      'bot.py': [
        'from openai import OpenAI',
        'CHAT_MODEL = "gpt-4o-mini"',
        'FALLBACK = "gpt-4o"',
        'FALLBACK = "o3-mini"',
        'client = OpenAI()',
        'client.chat.completions.create(model=CHAT_MODEL, messages=[])',
        'client.chat.completions.create(model=FALLBACK, messages=[])',
        '',
      ].join('\n'),
      'bot.ts':
        "import Anthropic from '@anthropic-ai/sdk';\nconst MODEL = 'claude-3-5-haiku-latest';\nconst a = new Anthropic();\nawait a.messages.create({ model: MODEL, max_tokens: 5, messages: [] });\n",
      'bot.go': [
        'package main',
        'import "github.com/sashabaranov/go-openai"',
        'const chatModel = "gpt-4.1-nano"',
        'func main() { _ = openai.ChatCompletionRequest{Model: chatModel} }',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), [
      'model claude-3-5-haiku-latest (anthropic)',
      'model gpt-4.1-nano (openai)',
      'model gpt-4o-mini (openai)',
    ]);
  });

  it('follows env fallbacks, shorthand options and parameter defaults to the model id', async () => {
    const bom = await inventoryOf({
      'chat.ts': [
        "import OpenAI from 'openai';",
        'const client = new OpenAI();',
        "const model = process.env.OPENAI_MODEL ?? 'gpt-4.1-mini';",
        'await client.chat.completions.create({ model, messages: [] });',
        '',
      ].join('\n'),
      'peft_chat.py': [
        'from peft import PeftModel',
        'def load(base, adapter="org/lora-adapter"):',
        '    return PeftModel.from_pretrained(base, adapter)',
        '',
      ].join('\n'),
      // A one-segment parameter default is a subfolder of the caller's repository (AIP105 agrees).
      'ip_adapter.py': [
        'from transformers import CLIPVisionModelWithProjection',
        'def load_encoder(image_encoder_path="image_encoder"):',
        '    return CLIPVisionModelWithProjection.from_pretrained(image_encoder_path)',
        '',
      ].join('\n'),
      // A Hub name of one segment is still a model when a parameter's default gives it.
      'cache.py': [
        'from sentence_transformers import SentenceTransformer',
        'def embedder(embedding_model: str = "all-MiniLM-L6-v2"):',
        '    return SentenceTransformer(embedding_model)',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), [
      'model all-MiniLM-L6-v2 (huggingface)',
      'model gpt-4.1-mini (openai)',
      'model org/lora-adapter (huggingface)',
    ]);
  });

  it('model variables in .env files, and nothing from other variables', async () => {
    const bom = await inventoryOf({
      '.env': [
        'AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/',
        'AZURE_OPENAI_DEPLOYMENT_NAME=chat-prod',
        'OPENAI_MODEL="gpt-4o-mini"  # default',
        'EMBEDDING_MODEL=text-embedding-3-small',
        'MODEL_PATH=./models/llama.gguf',
        'OPENAI_API_KEY=sk-test-placeholder',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), [
      'model chat-prod (azure-openai)',
      'model gpt-4o-mini (openai)',
      'model text-embedding-3-small (openai)',
    ]);
    assert.ok(!JSON.stringify(bom).includes('sk-test-placeholder'));
  });

  it('ignores model-like keywords outside AI calls and ids in files without AI imports', async () => {
    const bom = await inventoryOf({
      'orm.py':
        'from openai import OpenAI\nfrom django.db import models\nfield = models.ForeignKey(model="auth.User")\nlabel = dict(model="User")\n',
      'plain.py': 'print("gpt-4o")\nconfig = {"model": "claude-3-opus"}\n',
    });
    assert.deepEqual(models(bom), []);
  });

  it('adapters bound to a loaded model and LangChain Hub endpoints, by Hub id, not local folders', async () => {
    const bom = await inventoryOf({
      'merge.py': [
        'from transformers import AutoModelForCausalLM',
        'from diffusers import DiffusionPipeline',
        'model = AutoModelForCausalLM.from_pretrained("TinyLlama/TinyLlama-1.1B-Chat-v1.0")',
        'model.load_adapter("smangrul/tinyllama_lora_sql", adapter_name="sql")',
        'model.load_adapter("./outputs/adapter", adapter_name="local")',
        'pipe = DiffusionPipeline.from_pretrained("stabilityai/stable-diffusion-xl-base-1.0")',
        'pipe.load_lora_weights("CiroN2022/toy-face", weight_name="toy_face_sdxl.safetensors", adapter_name="toy")',
        'pipe.load_lora_weights("path/to/your/lora")',
        '',
      ].join('\n'),
      'rag.py': [
        'from langchain_huggingface import HuggingFaceEndpoint',
        'LLM_REPO_ID = "HuggingFaceH4/zephyr-7b-beta"',
        'llm = HuggingFaceEndpoint(repo_id=LLM_REPO_ID, max_new_tokens=512)',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), [
      'model CiroN2022/toy-face (huggingface)',
      'model HuggingFaceH4/zephyr-7b-beta (huggingface)',
      'model TinyLlama/TinyLlama-1.1B-Chat-v1.0 (huggingface)',
      'model smangrul/tinyllama_lora_sql (huggingface)',
      'model stabilityai/stable-diffusion-xl-base-1.0 (huggingface)',
    ]);
  });

  it('Hub models given to a call through a spread table of keyword arguments, not routes, folders or unspread tables', async () => {
    const bom = await inventoryOf({
      'examples/run_mistral.py': [
        'from knowledge_storm.lm import VLLMClient',
        'def main(args):',
        '    mistral_kwargs = {"model": "mistralai/Mistral-7B-Instruct-v0.2", "port": args.port}',
        '    lm = VLLMClient(max_tokens=500, **mistral_kwargs)',
        '    routed = {"model": "openai/gpt-4o"}',
        '    other = OtherClient(**routed)',
        '    local = {"model_name_or_path": "./outputs/merged"}',
        '    merged = Loader(**local)',
        '    unused = {"model": "org/never-spread"}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(models(bom), ['model mistralai/Mistral-7B-Instruct-v0.2 (huggingface)']);
  });
});
