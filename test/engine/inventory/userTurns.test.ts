import * as assert from 'node:assert/strict';
import { sortedPromptNames } from './helpers';

const promptNames = sortedPromptNames;

describe('inventory: user turns sent to a model', () => {
  it('lists short questions at user-turn positions, conversation inputs and text parts beside media', async () => {
    const code = `from mistralai.client import Mistral
from mistralai.client.models import UserMessage

client = Mistral(api_key="x")
client.chat.complete(model="m", messages=[{"role": "user", "content": "What's in this image?"}])
client.chat.complete(model="m", messages=[UserMessage(content=[
    {"type": "text", "text": "What is this audio about?"},
    {"type": "input_audio", "input_audio": "https://example.com/a.mp3"},
])])
client.beta.conversations.start(agent_id="a", inputs="Who won the last Champions League?")
client.chat.complete(model="m", messages=[UserMessage(content=(
    "John is one of 4 children. The first sister is 4 years old. "
    "How old is John?"
))])
`;
    const lines = (await promptNames({ 'examples/chat.py': code })).map((name) => name.replace('examples/chat.py#user@', ''));
    assert.deepEqual(lines, ['10', '12', '5', '7']);
  });

  it('names a turn bound to a variable by the variable, and leaves code, greetings and replies out', async () => {
    const code = `from mistralai.client import Mistral
from mistralai.client.models import UserMessage

USER_MESSAGE = """
Please make the Secret Santa for me. Get the friend you were assigned to, then buy the gift.
"""

client = Mistral(api_key="x")

def main():
    prompt = "What is 12 * 14? Answer in one short sentence."
    code = """class Cheese(BaseModel):
    name: str
    type: str
"""
    client.chat.complete(model="m", messages=[UserMessage(content=prompt), UserMessage(content=code)])
    client.chat.complete(model="m", messages=[{"role": "user", "content": "hey"}, {"role": "user", "content": "Lame..."}])
    client.beta.conversations.run_async(run_ctx=None, inputs=USER_MESSAGE)
`;
    assert.deepEqual(await promptNames({ 'examples/run.py': code }), ['examples/run.py#USER_MESSAGE', 'examples/run.py#prompt']);
  });

  it('reads no inputs of calls that are not conversations of an AI package', async () => {
    const code = `from mistralai.client import Mistral
import pipeline

client = Mistral(api_key="x")
client.classifiers.classify(model="m", inputs="What is the weather like today?")
pipeline.conversations.start(inputs="What is the weather like today?")
`;
    assert.deepEqual(await promptNames({ 'examples/classify.py': code }), []);
  });
});

describe('inventory: fill-in-the-middle prompts', () => {
  it('lists the prompt of a FIM completion by its variable, or at its line', async () => {
    const code = `from mistralai.client import Mistral

client = Mistral(api_key="x")
prompt = "def fibonacci(n: int):"
suffix = "n = int(input('Enter a number: '))"
client.fim.complete(model="codestral-latest", prompt=prompt, suffix=suffix)
client.fim.stream(model="codestral-latest", prompt="def add(a, b):", suffix="print(add(1, 2))")
`;
    assert.deepEqual(await promptNames({ 'examples/fim.py': code }), ['examples/fim.py#prompt', 'examples/fim.py#prompt@7']);
  });

  it('needs a suffix and the fim surface of an AI package', async () => {
    const code = `from mistralai.client import Mistral
import editor

client = Mistral(api_key="x")
client.fim.complete(model="codestral-latest", prompt="def add(a, b):")
editor.fim.complete(prompt="def add(a, b):", suffix="print(add(1, 2))")
`;
    assert.deepEqual(await promptNames({ 'examples/fim.py': code }), []);
  });
});

describe('inventory: MCP tool descriptions kept in instruction constants', () => {
  it('lists constants named for instructions given as a tool description, also as templates', async () => {
    const tool = `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { FRESHNESS_NOTE } from './messages.js';
import { registerDatabaseTool } from './register-tool.js';

const INSTRUCTIONS = \`List all indexes in the project, including each index's configuration.
Use this to discover valid index names before calling other tools.\`;

const UPSERT_INSTRUCTIONS = \`Insert or update records in an integrated index. \${FRESHNESS_NOTE}\`;

export function addTools(server: McpServer) {
  registerDatabaseTool(server, 'list-indexes', { description: INSTRUCTIONS, inputSchema: {} }, async () => ({ content: [] }));
  registerDatabaseTool(server, 'upsert-records', { description: UPSERT_INSTRUCTIONS, inputSchema: {} }, async () => ({ content: [] }));
}
`;
    assert.deepEqual(await promptNames({ 'src/tools/indexes.ts': tool }), [
      'src/tools/indexes.ts#INSTRUCTIONS',
      'src/tools/indexes.ts#UPSERT_INSTRUCTIONS',
    ]);
  });

  it('leaves other description constants and files without an MCP SDK alone', async () => {
    const tool = `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

const DESCRIPTION = 'List all indexes in the project, including each configuration.';
const INSTRUCTIONS = 'short';

export function addTools(server: McpServer) {
  server.registerTool('list-indexes', { description: DESCRIPTION, inputSchema: {} }, async () => ({ content: [] }));
  server.registerTool('stats', { description: INSTRUCTIONS, inputSchema: {} }, async () => ({ content: [] }));
}
`;
    const cli = `import { Command } from 'commander';

const INSTRUCTIONS = 'List all indexes in the project, including each configuration of every index.';

new Command('list').configureHelp({ description: INSTRUCTIONS });
`;
    assert.deepEqual(await promptNames({ 'src/tools/indexes.ts': tool, 'src/cli.ts': cli }), []);
  });
});

describe('inventory: default prompts of library functions', () => {
  it('lists the fallback prompt a function sends through a provider SDK surface, in a file importing no SDK', async () => {
    const caption = `import base64

def llm_caption(file_stream, *, client, model, prompt=None):
    if prompt is None or prompt.strip() == "":
        prompt = "Write a detailed caption for this image."
    data_uri = "data:image/png;base64," + base64.b64encode(file_stream.read()).decode("utf-8")
    messages = [{"role": "user", "content": [{"type": "text", "text": prompt}, {"type": "image_url", "image_url": {"url": data_uri}}]}]
    return client.chat.completions.create(model=model, messages=messages).choices[0].message.content
`;
    assert.deepEqual(await promptNames({ 'src/converters/_llm_caption.py': caption }), ['src/converters/_llm_caption.py#prompt']);
  });

  it('lists the default an instance keeps for its prompt, by the attribute', async () => {
    const service = `class OcrService:
    def __init__(self, client, model, default_prompt=None):
        self.client = client
        self.model = model
        self.default_prompt = default_prompt or (
            "Extract all text from this image. "
            "Return ONLY the extracted text, keeping the original layout."
        )

    def extract_text(self, data_uri, prompt=None):
        actual_prompt = prompt or self.default_prompt
        return self.client.chat.completions.create(
            model=self.model,
            messages=[{"role": "user", "content": [{"type": "text", "text": actual_prompt}, {"type": "image_url", "image_url": {"url": data_uri}}]}],
        )
`;
    assert.deepEqual(await promptNames({ 'src/ocr/_ocr_service.py': service }), ['src/ocr/_ocr_service.py#default_prompt']);
  });

  it('near miss: the prompt of the caller only, or a fallback that is no sentence, is none', async () => {
    const caption = `def llm_caption(client, model, prompt=None, label=None):
    label = label or "n/a"
    messages = [{"role": "user", "content": [{"type": "text", "text": prompt}]}, {"role": "user", "content": label}]
    return client.chat.completions.create(model=model, messages=messages)
`;
    assert.deepEqual(await promptNames({ 'src/caption.py': caption }), []);
  });
});

describe('inventory: MCP tool descriptions kept in constants of the server package', () => {
  it('lists a tool description constant that speaks to the model, in a package named for MCP', async () => {
    const settings = `from pydantic_settings import BaseSettings

DEFAULT_TOOL_STORE_DESCRIPTION = (
    "Keep the memory for later use, when you are asked to remember something."
)
DEFAULT_TOOL_FIND_DESCRIPTION = "Look up memories. Use this tool when you need to find memories by their content."
METADATA_PATH = "metadata"
`;
    assert.deepEqual(await promptNames({ 'src/mcp_server_memory/settings.py': settings, 'src/tool_kit/settings.py': settings }), [
      'src/mcp_server_memory/settings.py#DEFAULT_TOOL_FIND_DESCRIPTION',
      'src/mcp_server_memory/settings.py#DEFAULT_TOOL_STORE_DESCRIPTION',
    ]);
  });
});

describe('inventory: turns given to a function that sends them', () => {
  it('lists the literal a caller gives to the parameter a function of the file sends as the user message', async () => {
    const app = `import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic();

async function chatWithClaude(sandbox: unknown, userMessage: string) {
  return client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: userMessage }] });
}

async function run(sandbox: unknown) {
  await chatWithClaude(
    sandbox,
    'Calculate the value of pi using the monte carlo method and plot every point.',
  );
  await chatWithClaude(sandbox, 'ok');
  await log('Calculate the value of pi using the monte carlo method and plot every point.');
}
`;
    assert.deepEqual(await promptNames({ 'examples/app.ts': app }), ['examples/app.ts#user@12']);
  });
});

describe('inventory: user turns through a provider API surface of a local runtime', () => {
  it('lists a user message sent through chat.completions.create of a client no catalog names', async () => {
    const code = `from mlc_llm import MLCEngine

engine = MLCEngine("HF://mlc-ai/SmolLM2-1.7B-Instruct-q0f16-MLC")
for response in engine.chat.completions.create(messages=[{"role": "user", "content": "What is the meaning of life?"}], stream=True):
    print(response)
`;
    assert.deepEqual(await promptNames({ 'tools/mlc.py': code }), ['tools/mlc.py#user@4']);
  });
});

describe('inventory: turns a loop sends and prompts created in a registry', () => {
  it('lists a list of literal turns sent one by one, by its name', async () => {
    const code = `from mistralai.client import Mistral
from mistralai.client.models import UserMessage

TURNS = [
    "What is 17 * 23?",
    "Now multiply that result by three, please.",
]
LABELS = ["a", "b"]

client = Mistral(api_key="x")
messages = []
for i, user_text in enumerate(TURNS, start=1):
    messages.append(UserMessage(content=user_text))
    client.chat.complete(model="m", messages=messages)
for label in LABELS:
    client.chat.complete(model="m", messages=[UserMessage(content=label)])
`;
    assert.deepEqual(await promptNames({ 'examples/turns.py': code }), ['examples/turns.py#TURNS']);
  });

  it('lists prompts and skills created in a provider registry by their name', async () => {
    const code = `from mistralai.client import Mistral
import catalog

client = Mistral(api_key="x")
client.beta.prompts.create(name="welcome-email", definition={"content": "Welcome to {{company}}!"})
client.beta.skills.create(name="release-notes", definition={"description": "Use when turning merged PRs into notes."})
catalog.prompts.create(name="not-a-registry")
`;
    assert.deepEqual(await promptNames({ 'examples/registry.py': code }), [
      'examples/registry.py#release-notes',
      'examples/registry.py#welcome-email',
    ]);
  });
});

describe('inventory: messages of a project helper built by keywords', () => {
  it('reads the message= text of a helper given a role, as content= is read', async () => {
    const code = `from taskweaver.llm import LLMApi, format_chat_message

def reply(llm_api: LLMApi, prompt: str):
    return llm_api.chat_completion(
        messages=[
            format_chat_message(
                role="system",
                message="Your task is to read the image path from the message.",
            ),
            format_chat_message(role="user", message=prompt),
            format_chat_message(role="assistant", message="Your image is at c:/images/cat.jpg and it shows a cat."),
        ],
    )
`;
    assert.deepEqual(await promptNames({ 'roles/image_reader.py': code }), ['roles/image_reader.py#system@7']);
  });
});

describe('inventory: user turns of a chat completion no catalog names', () => {
  it('lists a literal user turn of a chat-completion request of a runtime binding', async () => {
    const code = `from mistralrs import ChatCompletionRequest, Runner

runner = Runner(which=None)
res = runner.send_chat_completion_request(
    ChatCompletionRequest(model="mistral", messages=[{"role": "user", "content": "Tell me a story about 2 low rank matrices."}])
)
`;
    const other = `from tables import Request

rows = Request(messages=[{"role": "user", "content": "Tell me a story about 2 low rank matrices."}])
`;
    assert.deepEqual(await promptNames({ 'examples/xlora.py': code, 'examples/rows.py': other }), ['examples/xlora.py#user@5']);
  });
});

describe('inventory: messages of HTTP client request files', () => {
  it('lists the role messages of a request to an AI API in a .http file', async () => {
    const request = `POST https://{{$dotenv AZURE_OPENAI_SERVICE}}.openai.azure.com/openai/v1/responses
Authorization: Bearer {{$dotenv AZURE_OPENAI_TOKEN}}
Content-Type: application/json

{
    "model": "{{$dotenv AZURE_OPENAI_GPT_DEPLOYMENT}}",
    "input": [
        {"role": "system", "content": "Extract the event information."},
        {"role": "user", "content": "Alice and Bob are going to a science fair on Friday."},
        {"role": "user", "content": "hi"}
    ]
}
`;
    const other = `POST https://example.com/api/tickets
Content-Type: application/json

{"role": "user", "content": "Alice and Bob are going to a science fair on Friday."}
`;
    assert.deepEqual(await promptNames({ 'http/azure_openai.http': request, 'http/tickets.http': other }), [
      'http/azure_openai.http#system@8',
      'http/azure_openai.http#user@9',
    ]);
  });
});
