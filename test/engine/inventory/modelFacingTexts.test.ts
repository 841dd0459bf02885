import * as assert from 'node:assert/strict';
import { inventoryOf } from './helpers';

async function promptNames(files: Record<string, string>): Promise<string[]> {
  const bom = await inventoryOf(files);
  return bom.components.filter((component) => component.kind === 'prompt').map((component) => component.name);
}

describe('inventory: model-facing texts of Realtime events and MCP tools', () => {
  it('lists the instructions and tool descriptions of Realtime client events, in a client importing no SDK', async () => {
    const panel = `import { useEffect } from "react";

const functionDescription = \`
Call this function when a user asks for a color palette.
\`;

const sessionUpdate = {
  type: "session.update",
  session: {
    tools: [{ type: "function", name: "display_color_palette", description: functionDescription, parameters: {} }],
  },
};

export function Panel({ sendClientEvent }) {
  useEffect(() => {
    sendClientEvent({
      type: "response.create",
      response: {
        instructions: \`
          ask for feedback about the color palette - don't repeat the colors.
        \`,
      },
    });
  }, []);
}
`;
    const server = `async def greet(session):
    await session.send_event({
        "type": "response.create",
        "other_data": {"response": {"instructions": ("Say exactly " f"{WELCOME}" " now before continuing the conversation.")}},
    })
`;
    assert.deepEqual((await promptNames({ 'client/ToolPanel.jsx': panel, 'server.py': server })).sort(), [
      'client/ToolPanel.jsx#functionDescription',
      'client/ToolPanel.jsx#system@19',
      'server.py#system@4',
    ]);
  });

  it('reads no event without instructions, and no other type of object', async () => {
    const code = `const a = { type: "session.update", session: { voice: "alloy", tools: [{ name: "x", description: "short" }] } };
const b = { type: "message.create", instructions: "Print the report of the day for every user of the team." };
`;
    assert.deepEqual(await promptNames({ 'client/events.js': code }), []);
  });

  it('lists MCP tool descriptions that direct the model, not summaries', async () => {
    const server = `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
const server = new McpServer({ name: "docs", version: "1.0.0" });
server.registerTool(
  "resolve-library-id",
  {
    title: "Resolve Library ID",
    description: \`Resolves a package name to a library ID and returns matching libraries.

You MUST call this function before 'Query Documentation' to obtain a valid library ID UNLESS the user provides one.
For best results, select libraries based on name match and relevance to your use case.\`,
  },
  async () => ({ content: [] }),
);
server.tool("read_file", "Read the complete contents of a file from the file system as text, in the allowed directories only, with detailed errors when it cannot be read.", {}, async () => ({ content: [] }));
server.registerTool("echo", { description: "Echoes back the input" }, async () => ({ content: [] }));
`;
    assert.deepEqual(await promptNames({ 'src/index.ts': server }), ['src/index.ts#resolve-library-id']);
  });
});

describe('inventory: chat-format system messages of notebooks', () => {
  it('lists a Llama-2 system message joined with its markers and a short-named system message', async () => {
    const notebook = JSON.stringify({
      cells: [
        { cell_type: 'code', source: 'from langchain.agents import initialize_agent\nagent = initialize_agent(tools, llm)\n' },
        { cell_type: 'code', source: 'B_INST, E_INST = "[INST]", "[/INST]"\nB_SYS, E_SYS = "<<SYS>>\\n", "\\n<</SYS>>\\n\\n"\n' },
        {
          cell_type: 'code',
          source:
            'sys_msg = B_SYS + """Assistant is an expert JSON builder designed to assist with a wide range of tasks, answering with action and action_input.""" + E_SYS\nnew_prompt = agent.agent.create_prompt(system_message=sys_msg, tools=tools)\n',
        },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    });
    const script = `SYS_MSG = "You are a helpful AI assistant. Use the tools when you need to calculate something."
print(SYS_MSG)
`;
    const names = await promptNames({ 'agent.ipynb': notebook, 'agent.py': script });
    assert.deepEqual(names.sort(), ['agent.ipynb#sys_msg']);
  });

  it('reads no joined text of a name that is not the system message, nor a short marker join', async () => {
    const code = `header = B_SYS + """Assistant is an expert JSON builder designed to assist with a wide range of tasks.""" + E_SYS
sys_msg = B_SYS + "Hi" + E_SYS
`;
    assert.deepEqual(await promptNames({ 'chat.py': code }), []);
  });
});

describe('inventory: lighteval prompt functions', () => {
  it('lists the prompt functions that instruct the model, not benchmark layouts', async () => {
    const tasks = `from lighteval.tasks.lighteval_task import LightevalTaskConfig
from lighteval.tasks.requests import Doc


def prompt_fn(line, task_name: str = None):
    instruction = "Choose the correct answer for the following exam question:"
    return Doc(task_name=task_name, query=f"{instruction} {line['question']}", choices=line["choices"], gold_index=0, instruction=instruction)


def prompt_math(line, task_name: str = None):
    return Doc(task_name=task_name, query=f"{line['problem']}\\nPlease reason step by step, and put your final answer within a box.", gold_index=0)


def mmlu_prompt(line, task_name: str = None):
    topic = line["subject"]
    return Doc(task_name=task_name, query="Question: " + line["question"] + "\\nAnswer:", gold_index=0, instruction=f"The following are multiple choice questions about {topic}.")


def unused_prompt(line, task_name: str = None):
    return Doc(task_name=task_name, query="Please answer the question in one word only.", gold_index=0)


TASKS_TABLE = [
    LightevalTaskConfig(name="exam", prompt_function=prompt_fn, hf_repo="org/exam"),
    LightevalTaskConfig(name="math", prompt_function=prompt_math, hf_repo="org/math"),
    LightevalTaskConfig(name="mmlu", prompt_function=mmlu_prompt, hf_repo="org/mmlu"),
]
`;
    assert.deepEqual((await promptNames({ 'evaluation/tasks.py': tasks })).sort(), [
      'evaluation/tasks.py#prompt_fn',
      'evaluation/tasks.py#prompt_math',
    ]);
  });
});

describe('inventory: system prompts named by their keyword', () => {
  it('lists system_prompt= given to a project class whatever its name, when the text speaks to a model', async () => {
    const rewriter = `from .base import SmolTool

class SmolRewriter(SmolTool):
    def __init__(self):
        super().__init__(
            model_repo="org/model-GGUF",
            system_prompt="You are an AI writing assistant. Rewrite the user's email to make it more professional.",
        )
`;
    const alerts = `from .base import Notifier

class DiskAlert(Notifier):
    def __init__(self):
        super().__init__(system_message="Disk usage of the build server is above ninety percent", system_prompt_path="prompts/alert.md")
`;
    assert.deepEqual(await promptNames({ 'tools/rewriter.py': rewriter, 'tools/alerts.py': alerts }), ['tools/rewriter.py#system@7']);
  });
});

describe('inventory: system prompts returned by a method of the class', () => {
  it('lists the method a system prompt keyword calls on self, when it returns text for a model', async () => {
    const agent = `from .base import SmolTool

class SmolToolAgent(SmolTool):
    def __init__(self):
        super().__init__(model_repo="org/model-GGUF", system_prompt=self._get_system_prompt())

    def _get_system_prompt(self) -> str:
        return """You are an expert in composing functions. You are given a question and a set of possible functions."""


class Report(SmolTool):
    def __init__(self):
        super().__init__(system_prompt=self._footer())

    def _footer(self) -> str:
        return "Generated on the third of May"
`;
    assert.deepEqual(await promptNames({ 'tools/agent.py': agent }), ['tools/agent.py#_get_system_prompt']);
  });
});

describe('inventory: system messages of training conversations', () => {
  it('names a system message by the function a dataset maps its rows with, and a content part by its variable', async () => {
    const prepare = `from datasets import load_dataset
gsm8k = load_dataset("openai/gsm8k", "main", split="train")

def process_gsm8k(examples):
    processed = []
    for question, answer in zip(examples["question"], examples["answer"]):
        processed.append([{"role": "system", "content": "You are a math tutor. Solve problems step by step."}, {"role": "user", "content": question}])
    return {"messages": processed}

def collate_fn(examples):
    system_message = """You are a Vision Language Model specialized in interpreting visual data from chart images. Answer concisely."""
    return [{"messages": [{"role": "system", "content": [{"type": "text", "text": system_message}]}]} for example in examples]

gsm8k = gsm8k.map(process_gsm8k, batched=True)
`;
    assert.deepEqual((await promptNames({ 'prepare.py': prepare })).sort(), ['prepare.py#process_gsm8k', 'prepare.py#system_message']);
  });
});

describe('inventory: text sent to a Bedrock agent', () => {
  it('lists the input a function writes for invoke_agent, not the user input it passes through', async () => {
    const handler = `import boto3
client = boto3.client("bedrock-agent-runtime")

def lookup_trending_repo_agent(event, context):
    for i in range(3):
        input_text = f"What is the top trending repository on GitHub today? Provide only the URL of the repository."
        if i > 0:
            input_text = "What is the URL of the top trending repository?"
        response = client.invoke_agent(agentId=AGENT, agentAliasId=ALIAS, sessionId="s", inputText=input_text)

def answer(event, context):
    return client.invoke_agent(agentId=AGENT, agentAliasId=ALIAS, sessionId="s", inputText=event["question"])
`;
    assert.deepEqual(await promptNames({ 'agent/index.py': handler }), ['agent/index.py#lookup_trending_repo_agent']);
  });
});

describe('inventory: template objects built in a special method', () => {
  it('names the template by the variable holding its text when the method is __call__', async () => {
    const plugin = `from langchain.prompts import ChatPromptTemplate
from taskweaver.plugin import Plugin

class SqlPullData(Plugin):
    def __call__(self, query: str):
        template = """Based on the table schema below, write a SQL query that would answer the user's question:
            {schema}
            Question: {question}
            Please only write the sql query."""
        prompt = ChatPromptTemplate.from_template(template)
        return prompt
`;
    assert.deepEqual(await promptNames({ 'plugins/sql_pull_data.py': plugin }), ['plugins/sql_pull_data.py#template']);
  });
});

describe('inventory: instructions given to a provider SDK surface through a workspace client', () => {
  it('lists the instructions of assistants.create through the project module, not of other records', async () => {
    const route = `import { openai } from "@/app/openai";

export async function POST() {
  const assistant = await openai.beta.assistants.create({
    instructions: "You are a helpful assistant.",
    model: "gpt-4o",
  });
  await db.records.create({ instructions: "Keep the lid closed until the timer rings twice.", model: "gpt-4o" });
  return assistant;
}
`;
    assert.deepEqual(await promptNames({ 'app/api/assistants/route.ts': route }), ['app/api/assistants/route.ts#system@5']);
  });
});

describe('inventory: prompts of Vercel AI SDK calls', () => {
  it('lists the prompt option written in place, not the user input passed through', async () => {
    const code = `import { generateText, generateObject } from 'ai'
import { openai } from '@ai-sdk/openai'

export async function applyPatch(instructions: string, code: string) {
  const { text } = await generateText({
    model: openai('gpt-4o-mini'),
    prompt: \`<instruction>\${instructions}</instruction>\\n<code>\${code}</code>\\n<update>\${code}</update>\`,
  })
  const answer = await generateText({ model: openai('gpt-4o-mini'), prompt: \`\${instructions}\` })
  const judged = await generateObject({ model: openai('gpt-4o-mini'), prompt: 'Ok', schema })
  const story = await generateText({ model: openai('gpt-4o-mini'), prompt: 'Write a short story about a robot learning to paint.' })
  return [text, answer, judged, story]
}
`;
    assert.deepEqual((await promptNames({ 'lib/morph.ts': code })).sort(), ['lib/morph.ts#prompt@7', 'lib/morph.ts#user@11']);
  });
});

describe('inventory: message objects passed as the system message', () => {
  it('lists the content of a message object bound to a name and given as an agent system message', async () => {
    const code = `from camel.agents import ChatAgent
from camel.messages import BaseMessage

sys_msg = BaseMessage.make_assistant_message(
    role_name="CAMEL Agent",
    content="""You are a helpful assistant to answer question, based on the Retrieved Context.""",
)
agent = ChatAgent(system_message=sys_msg, model=model)
note = BaseMessage.make_assistant_message(role_name="Note", content="Short")
other = ChatAgent(system_message=note, model=model)
`;
    assert.deepEqual(await promptNames({ 'rag.py': code }), ['rag.py#sys_msg']);
  });
});

describe('inventory: content parts of a short system text', () => {
  it('keeps a short system text of a content part at its line', async () => {
    const code = `from openai import OpenAI
client = OpenAI()

def ask(question):
    system_text = "Answer in one short sentence only."
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": [{"type": "text", "text": system_text}]}, {"role": "user", "content": question}])
`;
    assert.deepEqual(await promptNames({ 'ask.py': code }), ['ask.py#system@6']);
  });
});

describe('inventory: Realtime sessions of the Python SDK', () => {
  it('lists the instructions given to connection.session.update', async () => {
    const code = `from openai import AsyncOpenAI

async def main():
    client = AsyncOpenAI()
    async with client.realtime.connect(model="gpt-realtime") as connection:
        await connection.session.update(session={"type": "realtime", "instructions": "You are a cheerful assistant who answers in short sentences."})
`;
    assert.deepEqual(await promptNames({ 'voice.py': code }), ['voice.py#system@6']);
  });
});

describe('inventory: prompt constants written as strings one after another', () => {
  it('lists a prompt constant whose first string is a template of another prompt', async () => {
    const code = `from agents import Agent

WRITER_PROMPT = "You are a senior financial analyst. You will be provided with the original query."

REVISION_PROMPT = (
    f"{WRITER_PROMPT} You are revising an existing report after evidence verification. Address "
    "every verification issue, remove claims that cannot be supported, preserve valid analysis."
)

LABELS_TEXT = (f"{WRITER_PROMPT}" "-")
writer_agent = Agent(name="Writer", instructions=WRITER_PROMPT)
`;
    assert.deepEqual((await promptNames({ 'writer_agent.py': code })).sort(), [
      'writer_agent.py#REVISION_PROMPT',
      'writer_agent.py#WRITER_PROMPT',
    ]);
  });
});

describe('inventory: prompt functions returning a variable bound to several templates', () => {
  it('lists a prompt-module function whose returned variable is a formatted prompt in one branch', async () => {
    const code = `def build_rag_prompt(results, display_citation=True):
    context = "".join(results)
    inserted_prompt = ""
    if display_citation:
        inserted_prompt = """You are a question answering agent. I will provide you with a set of search results.
Here are the search results:
{}
""".format(context)
    return inserted_prompt


def build_label(name):
    label = ""
    if name:
        label = "Name: {}".format(name)
    return label
`;
    assert.deepEqual(await promptNames({ 'backend/app/prompt.py': code }), ['backend/app/prompt.py#build_rag_prompt']);
  });
});
