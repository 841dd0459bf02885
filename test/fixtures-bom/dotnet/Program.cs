using Azure.AI.OpenAI;
using Azure.Identity;
using OpenAI.Chat;

var endpoint = new Uri("https://contoso-support.openai.azure.com/");
AzureOpenAIClient azureClient = new(endpoint, new DefaultAzureCredential());
ChatClient chatClient = azureClient.GetChatClient("gpt-4o");

ChatCompletion completion = chatClient.CompleteChat(
    new SystemChatMessage("You triage support tickets."),
    new UserChatMessage(args.Length > 0 ? args[0] : "Printer is on fire"));

Console.WriteLine(completion.Content[0].Text);
