import * as assert from 'node:assert/strict';
import { find, inventoryOf, propertyValues, summary } from './helpers';

/** Prompt components only, as `name line`. */
async function promptsOf(files: Record<string, string>): Promise<string[]> {
  const bom = await inventoryOf(files);
  return bom.components
    .filter((component) => component.kind === 'prompt')
    .map((component) => `${component.name} ${component.occurrences.map((at) => at.line).join(',')}`);
}

describe('AI-BOM: C# and Java messages, models and deployments', () => {
  it('C# messages: ChatHistory system text, AddUserMessage, target-typed role messages, prompts bound in the method or returned by one', async () => {
    const prompts = await promptsOf({
      'Hiker/Program.cs': [
        'using Microsoft.SemanticKernel.ChatCompletion;',
        'ChatHistory chatHistory = new("""',
        '    You are a hiking enthusiast who helps people discover fun hikes in their area.',
        '    """);',
        'chatHistory.AddUserMessage("Hi! Apparently you can help me find a hike that I will like?");',
        // Near miss: the user's own input is data, and a short word is no prompt.
        'chatHistory.AddUserMessage(Console.ReadLine());',
        'chatHistory.AddUserMessage("Thanks!");',
        'List<ChatMessage> history = [new(ChatRole.System, "You are a friendly assistant who answers about trails.")];',
        'string prompt = $"""',
        '    Please summarize the following text in 20 words or less:',
        '    {File.ReadAllText("benefits.md")}',
        '    """;',
        'var summary = await kernel.InvokePromptAsync<string>(prompt);',
        '',
      ].join('\n'),
      // No `using` (the project's global usings): the chat call still says what it sends.
      'Support/TicketSummarizer.cs': [
        'public class TicketSummarizer',
        '{',
        '    private string GetShortSummaryPrompt(string messages)',
        '    {',
        '        return $"""',
        '            You are part of a customer support ticketing system. Write a brief summary of the ticket.',
        '            {messages}',
        '            """;',
        '    }',
        '    public async Task<ChatResponse> SummarizeAsync(string input)',
        '    {',
        '        var prompt = GetShortSummaryPrompt(input);',
        '        return await _chatClient.GetResponseAsync(prompt);',
        '    }',
        '    // Near miss: a method of another kind named alike, given a value that is not prose.',
        '    public Task Ping() => _chatClient.GetResponseAsync(ticketId);',
        '}',
        '',
      ].join('\n'),
      'Images/Program.cs': [
        'using Microsoft.SemanticKernel.TextToImage;',
        'var images = await textToImageService.GetImageContentsAsync("""',
        '    A postal card with a happy hiker waving and a beautiful mountain in the background.',
        '    """);',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, [
      'Hiker/Program.cs#prompt 9',
      'Hiker/Program.cs#system@2 2',
      'Hiker/Program.cs#system@8 8',
      'Hiker/Program.cs#user@5 5',
      'Images/Program.cs#prompt@2 2',
      'Support/TicketSummarizer.cs#GetShortSummaryPrompt 5',
    ]);
  });

  it('Java (LangChain4j): chat calls on a model, user messages, prompt templates; not other objects’ chat methods', async () => {
    const prompts = await promptsOf({
      'src/main/java/Chat.java': [
        'import dev.langchain4j.model.chat.ChatModel;',
        'import dev.langchain4j.model.input.PromptTemplate;',
        'import static dev.langchain4j.data.message.UserMessage.userMessage;',
        'public class Chat {',
        '  private final PromptTemplate PROMPT_TEMPLATE = PromptTemplate.from(',
        '      "Is the following query related to the business of the car rental company? " +',
        '      "Answer only yes or no. Query: {{it}}");',
        '  void run(ChatModel model, Room room) {',
        '    String answer = model.chat("Provide 3 short bullet points explaining why Java is awesome");',
        '    String poem = "Write a 100-word poem about Java and AI";',
        '    model.chat(poem);',
        '    var message = userMessage("What will the weather be like in London tomorrow?");',
        // Near misses: a chat room is no model, and a model given the user's input sends data.
        '    room.chat("Welcome to the room, please be kind to each other today");',
        '    model.chat(question);',
        '  }',
        '}',
        '',
      ].join('\n'),
      // Near miss: a UserMessage class of a project without AI imports.
      'src/main/java/Mail.java': [
        'import org.example.mail.UserMessage;',
        'class Mail { Object m = UserMessage.from("Your order has shipped and will arrive tomorrow morning"); }',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, [
      'src/main/java/Chat.java#PROMPT_TEMPLATE 6',
      'src/main/java/Chat.java#user@10 10',
      'src/main/java/Chat.java#user@12 12',
      'src/main/java/Chat.java#user@9 9',
    ]);
  });

  it('LangChain4j model-name enums, in-process embedding models and integration services', async () => {
    const bom = await inventoryOf({
      'src/main/java/Rag.java': [
        'import dev.langchain4j.model.openai.OpenAiChatModel;',
        'import dev.langchain4j.model.openai.OpenAiChatModelName;',
        'import static dev.langchain4j.model.openai.OpenAiEmbeddingModelName.TEXT_EMBEDDING_3_SMALL;',
        'import static dev.langchain4j.model.anthropic.AnthropicChatModelName.*;',
        'import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;',
        'import dev.langchain4j.model.cohere.CohereScoringModel;',
        'import dev.langchain4j.web.search.tavily.TavilyWebSearchEngine;',
        'class Rag {',
        '  Object chat = OpenAiChatModel.builder().modelName(OpenAiChatModelName.GPT_4_O_MINI).build();',
        '  Object mini = OpenAiChatModel.builder().modelName(OpenAiChatModelName.GPT_4_1_MINI).build();',
        '  Object turbo = OpenAiChatModel.builder().modelName(OpenAiChatModelName.GPT_3_5_TURBO).build();',
        '  Object embed = OpenAiEmbeddingModel.builder().modelName(TEXT_EMBEDDING_3_SMALL).build();',
        '  Object claude = AnthropicChatModel.builder().modelName(CLAUDE_HAIKU_4_5_20251001).build();',
        '  Object local = new BgeSmallEnV15QuantizedEmbeddingModel();',
        '  Object rerank = CohereScoringModel.builder().apiKey(key).build();',
        '  Object web = TavilyWebSearchEngine.builder().apiKey(key).build();',
        // Near misses: a constant of the project's own enum, and a name the wildcard import does not hold.
        '  Object other = Color.GPT_4_O;',
        '  Object tokens = AnthropicChatModel.builder().modelName(MAX_TOKENS).build();',
        '}',
        '',
      ].join('\n'),
    });
    const names = summary(bom);
    for (const expected of [
      'model gpt-4o-mini (openai)',
      'model gpt-4.1-mini (openai)',
      'model gpt-3.5-turbo (openai)',
      'model text-embedding-3-small (openai)',
      'model claude-haiku-4-5-20251001 (anthropic)',
      'model BAAI/bge-small-en-v1.5 (huggingface)',
      'service Cohere API (cohere)',
      'service Tavily Search API (tavily)',
    ])
      assert.ok(names.includes(expected), `${expected} in:\n${names.join('\n')}`);
    assert.equal(names.filter((name) => name.startsWith('model')).length, 6, names.join('\n'));
    assert.deepEqual(propertyValues(find(bom, 'model', 'BAAI/bge-small-en-v1.5'), 'model:in-process'), ['true']);
    // A same-named class of a project without AI imports runs no model.
    const own = await inventoryOf({ 'src/Own.java': 'class Own { Object m = new AllMiniLmL6V2EmbeddingModel(); }\n' });
    assert.deepEqual(summary(own), []);
  });

  it('C# deployment names given by position, through a local, and Ollama models of OllamaSharp', async () => {
    const bom = await inventoryOf({
      'Program.cs': [
        'using Azure.AI.OpenAI;',
        'using OllamaSharp;',
        'var deployment = "gpt-4o-mini";',
        'IChatClient chat = new AzureOpenAIClient(new Uri(endpoint), credential).GetChatClient(deployment).AsIChatClient();',
        'IChatClient local = new OllamaApiClient(new Uri("http://localhost:11434/"), "llama3.2");',
        'var embeddings = new AzureOpenAIClient(new Uri(endpoint), credential).AsEmbeddingGenerator("embeddingsmall");',
        '',
      ].join('\n'),
    });
    const names = summary(bom);
    for (const expected of ['model gpt-4o-mini (azure-openai)', 'model llama3.2 (ollama)', 'model embeddingsmall (azure-openai)'])
      assert.ok(names.includes(expected), `${expected} in:\n${names.join('\n')}`);
  });

  it('Testcontainers Ollama: an inference runtime whose code runs Ollama', async () => {
    const bom = await inventoryOf({
      'pom.xml': [
        '<project><dependencies>',
        '  <dependency><groupId>org.testcontainers</groupId><artifactId>ollama</artifactId><version>1.20.4</version></dependency>',
        '  <dependency><groupId>org.testcontainers</groupId><artifactId>postgresql</artifactId><version>1.20.4</version></dependency>',
        '</dependencies></project>',
        '',
      ].join('\n'),
      'src/main/java/Infra.java': [
        'import org.testcontainers.ollama.OllamaContainer;',
        'class Infra { OllamaContainer ollama = new OllamaContainer("ollama/ollama:0.1.26"); }',
        '',
      ].join('\n'),
    });
    const names = summary(bom);
    assert.ok(names.includes('sdk org.testcontainers:ollama@1.20.4'), names.join('\n'));
    assert.ok(!names.some((name) => name.includes('postgresql')), names.join('\n'));
    assert.ok(
      names.some((name) => name.startsWith('service') && name.endsWith('(ollama)')),
      names.join('\n'),
    );
  });

  it('Azure OpenAI deployments a shell script makes and the deployment names it sets', async () => {
    const bom = await inventoryOf({
      'scripts/deploy.sh': [
        '#!/bin/bash',
        'AI_SERVICE="ai-samples"',
        'AZURE_OPENAI_DEPLOYMENT_NAME="gpt-35-turbo"',
        'AZURE_OPENAI_DALLE_DEPLOYMENT_NAME="dall-e-3"',
        'export CHAT_DEPLOYMENT=chat',
        // Near misses: a Kubernetes deployment name and a variable that names no deployment.
        'K8S_DEPLOYMENT_NAME="$AI_SERVICE-web"',
        'RESOURCE_GROUP="rg-gpt-4o"',
        'az cognitiveservices account deployment create \\',
        '  --name "$AI_SERVICE" \\',
        '  --deployment-name "$AZURE_OPENAI_DEPLOYMENT_NAME" \\',
        '  --model-name "gpt-35-turbo" \\',
        '  --model-version "1106" \\',
        '  --model-format OpenAI',
        'az cognitiveservices account deployment create --name "$AI_SERVICE" --deployment-name embeddings \\',
        '  --model-name text-embedding-ada-002 --model-version 2 --model-format OpenAI',
        'kubectl rollout restart deployment/web',
        '',
      ].join('\n'),
    });
    assert.deepEqual(
      summary(bom).filter((name) => name.startsWith('model')),
      [
        // A deployment named by its role, as in a `.env` file: no provider in the variable's name.
        'model chat',
        'model dall-e-3 (azure-openai)',
        'model embeddings (azure-openai)',
        'model gpt-35-turbo (azure-openai)',
        'model text-embedding-ada-002 (azure-openai)',
      ],
    );
    assert.deepEqual(propertyValues(find(bom, 'model', 'gpt-35-turbo'), 'model:version'), ['1106']);
  });
});
