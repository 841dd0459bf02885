import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promptNameStrength } from '../../../server/src/engine/inventory/codePrompts';
import { find, inventoryOf, propertyValues } from './helpers';

/** Prompt components only, as `name line evidence`. */
async function promptsOf(files: Record<string, string>): Promise<string[]> {
  const bom = await inventoryOf(files);
  return bom.components
    .filter((component) => component.kind === 'prompt')
    .map((component) => `${component.name} ${component.occurrences.map((at) => `${at.line}:${at.evidence}`).join(',')}`);
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

const notebook = (cells: string[]) =>
  JSON.stringify({ cells: cells.map((source) => ({ cell_type: 'code', source })), metadata: {}, nbformat: 4, nbformat_minor: 5 });

/** A notebook as Jupyter writes it: one source line per file line, so each call has its own line. */
const linedNotebook = (cells: string[]) =>
  JSON.stringify(
    {
      cells: cells.map((source) => ({ cell_type: 'code', source: source.split(/(?<=\n)/) })),
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );

const LONG = 'You are an expert assistant for the documentation of this project. Answer only from the context.';

describe('inventory: prompts in code', () => {
  it('names prompt-like constants: PROMPT and system message names always, INSTRUCTIONS and TEMPLATE by use', () => {
    const cases: [string, string | undefined][] = [
      ['SYSTEM_PROMPT', 'strong'],
      ['docs_agent_prompt', 'strong'],
      ['systemPrompt', 'strong'],
      ['SystemPrompt', 'strong'],
      ['Llama3QAPrompt', 'strong'],
      ['QA_PROMPT_TEMPLATE', 'strong'],
      ['SYSTEM_MESSAGE', 'strong'],
      ['AGENT_INSTRUCTIONS', 'weak'],
      ['CONDENSE_TEMPLATE', 'weak'],
      ['PROMPT', 'strong'],
      ['HTML', undefined],
      ['prompt_toolkit_style', undefined],
      ['MESSAGE', undefined],
      ['ERROR_MESSAGE', undefined],
    ];
    for (const [name, expected] of cases) assert.equal(promptNameStrength(name), expected, name);
  });

  it('a module of prompts that imports nothing: long prompt constants, with their hash and line', async () => {
    // The shape of chat-langchain's `src/prompts/*.py`.
    const text = [
      '"""Prompts of the docs agent."""',
      '',
      `docs_agent_prompt = """${LONG}`,
      'Cite the page you used.',
      '"""',
      '',
      'INPUT_PROMPT = "Question: "',
      `HTML_TEMPLATE = """<div class="answer">${'x'.repeat(90)}</div>"""`,
      '',
    ].join('\n');
    const bom = await inventoryOf({ 'src/prompts/docs_agent_prompt.py': text });
    const prompt = find(bom, 'prompt', 'src/prompts/docs_agent_prompt.py#docs_agent_prompt');
    assert.equal(prompt.sha256, sha(`${LONG}\nCite the page you used.\n`));
    assert.deepEqual(prompt.occurrences, [
      { path: 'src/prompts/docs_agent_prompt.py', line: 3, evidence: 'constant', symbol: 'docs_agent_prompt' },
    ]);
    assert.deepEqual(propertyValues(prompt, 'prompt:type'), ['constant']);
    // A short input prompt and an HTML template are not prompt assets.
    assert.equal(bom.components.length, 1);
  });

  it('Python, TypeScript and C# constants and the system messages that use them', async () => {
    const prompts = await promptsOf({
      'app/rag.py': [
        'from openai import OpenAI',
        'from langchain_core.prompts import ChatPromptTemplate, PromptTemplate',
        '',
        `SYSTEM_PROMPT = "${LONG}"`,
        `CONDENSE_TEMPLATE = """Rephrase the follow-up question.\n{chat_history}\nFollow up: {question}"""`,
        `UNUSED_TEMPLATE = """${'y'.repeat(100)}"""`,
        '',
        'client = OpenAI()',
        'def answer(question):',
        '    return client.chat.completions.create(',
        '        model="gpt-4o",',
        '        messages=[{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": question}],',
        '    )',
        '',
        'condense = PromptTemplate.from_template(CONDENSE_TEMPLATE)',
        'grader = ChatPromptTemplate.from_messages([("system", "You grade answers for relevance to the question."), ("user", "{q}")])',
        '',
      ].join('\n'),
      'web/lib/agent.ts': [
        "import { Agent } from '@openai/agents';",
        `export const SUPPORT_INSTRUCTIONS = \`${LONG}\`;`,
        "export const agent = new Agent({ name: 'Support', instructions: SUPPORT_INSTRUCTIONS, model: 'gpt-4.1' });",
        '',
      ].join('\n'),
      'dotnet/Triage.cs': [
        'using OpenAI.Chat;',
        'class Triage {',
        `  private const string SystemPrompt = """\n    ${LONG}\n    """;`,
        '  ChatMessage[] Messages(string ticket) => [new SystemChatMessage(SystemPrompt), new UserChatMessage(ticket)];',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, [
      'app/rag.py#CONDENSE_TEMPLATE 5:constant',
      'app/rag.py#SYSTEM_PROMPT 4:constant',
      'app/rag.py#grader 18:constant',
      'app/rag.py#system@18 18:call',
      'dotnet/Triage.cs#SystemPrompt 3:constant',
      'web/lib/agent.ts#SUPPORT_INSTRUCTIONS 2:constant',
    ]);
  });

  it('Java and C# instructions by position: ADK builders, LangChain4j @SystemMessage, C# system-role messages; not descriptions', async () => {
    const prompts = await promptsOf({
      'bugs/Assistant.java': [
        'import com.google.adk.agents.LlmAgent;',
        'public class Assistant {',
        '  public static LlmAgent create() {',
        // A method named like one of `Object.prototype` is no prompt hub pull.
        '    logger.info("Tools: " + tools.toString());',
        '    return LlmAgent.builder()',
        '        .model("gemini-2.0-flash")',
        '        .description("Helps fix bugs in the ticket database of the support team")',
        '        .instruction(',
        '            """',
        '            You are a skilled expert in triaging and debugging software issues.',
        '            """)',
        '        .build();',
        '  }',
        '}',
        '',
      ].join('\n'),
      'chat/Assistant.java': [
        'import dev.langchain4j.service.SystemMessage;',
        'interface Assistant {',
        '  @SystemMessage("You are a polite assistant. Answer in at most three sentences.")',
        '  String chat(String message);',
        '  @SystemMessage({"You are a translator.", "Translate the text into French only."})',
        '  String translate(String text);',
        '}',
        '',
      ].join('\n'),
      // Near miss: a builder of a library that is not AI with the same method name.
      'jobs/Job.java': [
        'import org.example.jobs.JobSpec;',
        'class Job { Object spec = JobSpec.builder().instruction("Copy the nightly backup to the archive bucket now").build(); }',
        '',
      ].join('\n'),
      'dotnet/Chat.cs': [
        'using Microsoft.Extensions.AI;',
        'class Chat {',
        '  List<ChatMessage> history = [new ChatMessage(ChatRole.System, "You are a hiking assistant. Suggest trails near the user."),',
        '    new ChatMessage(ChatRole.User, "Where should I hike this weekend near the lake district?")];',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, [
      'bugs/Assistant.java#system@8 8:call',
      'chat/Assistant.java#system@3 3:call',
      'chat/Assistant.java#system@5 5:call',
      'dotnet/Chat.cs#system@3 3:call',
      // The user turn written in the sample is a prompt too (`jvmMessages.ts`).
      'dotnet/Chat.cs#user@4 4:call',
    ]);
  });

  it('strings written at system-message positions: instructions=, system:, SystemMessage, role system', async () => {
    const prompts = await promptsOf({
      'agents/triage.py': [
        'from agents import Agent',
        'from langchain_core.messages import SystemMessage',
        'triage = Agent(name="Triage", instructions="Route the customer to the right specialist agent.")',
        'short = Agent(name="Echo", instructions="Echo.")',
        'messages = [SystemMessage(content="You summarise meeting notes in three bullets.")]',
        'user = {"role": "user", "content": "Summarise the notes of the meeting please."}',
        '',
      ].join('\n'),
      'web/app/api/chat/route.ts': [
        "import { streamText } from 'ai';",
        "import { openai } from '@ai-sdk/openai';",
        'export async function POST(req: Request) {',
        "  return streamText({ model: openai('gpt-4o-mini'), system: 'You are the support assistant of Contoso.', prompt: 'x' });",
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, [
      'agents/triage.py#system@3 3:call',
      'agents/triage.py#system@5 5:call',
      'agents/triage.py#user@6 6:call',
      'web/app/api/chat/route.ts#system@4 4:call',
    ]);
  });

  it('instructions= of a data record in LLM code is not a prompt; of an agent-like class the catalogue lacks, it is', async () => {
    const prompts = await promptsOf({
      'weather.py': [
        'from mcp.server.fastmcp import FastMCP',
        'from pydantic import BaseModel',
        'mcp = FastMCP("weather")',
        'alert = Alert(event="Storm", instructions=props.get("instruction") or "No specific instructions provided to residents")',
        'helper = ResearchAgent(name="r", instructions="Research the question and cite every source you used.")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, ['weather.py#system@5 5:call']);
  });

  it('a test with a test double passes placeholders at system-message positions: not prompts; its named prompt constants are', async () => {
    const prompts = await promptsOf({
      'agents/test_agent.py': [
        'from anthropic import Anthropic',
        `JUDGE_PROMPT = "${LONG}"`,
        'from unittest.mock import patch',
        'def test_basic():',
        '    agent = Agent(name="A", system="You are a helpful assistant. Be very brief.")',
        '    client = Anthropic()',
        '    client.messages.create(model="claude-sonnet-4-5", system="You are a helpful assistant. Be very brief.", messages=[])',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, ['agents/test_agent.py#JUDGE_PROMPT 2:constant']);
  });

  it('instruction lists (Agno), templates as written, dedent-wrapped constants; a list with a variable item is left out', async () => {
    const prompts = await promptsOf({
      'agents/flight.py': [
        'from textwrap import dedent',
        'from agno.agent import Agent',
        'SEARCH_AGENT_INSTRUCTIONS = dedent("""',
        '    You are a search agent. Find recent, reliable sources.',
        '""")',
        'search = Agent(name="Search", instructions=SEARCH_AGENT_INSTRUCTIONS)',
        'flight = Agent(',
        '    name="Flight Search Assistant",',
        '    instructions=[',
        '        "You are a sophisticated flight search assistant.",',
        '        # cabin class is optional',
        '        "Always compare at least three options.",',
        '    ],',
        ')',
        'def writer(style):',
        '    return Agent(instructions=["You write outreach emails.", style])',
        'def researcher(topic):',
        '    return Agent(instructions=f"You research {topic} and cite every source you use.")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, [
      'agents/flight.py#SEARCH_AGENT_INSTRUCTIONS 3:constant',
      'agents/flight.py#system@18 18:call',
      'agents/flight.py#system@9 9:call',
    ]);
  });

  it('prompt-hub pulls: LangChain hub, LangSmith, Langfuse (also through a project factory); not MCP or git pulls', async () => {
    const bom = await inventoryOf({
      'rag/chain.py': [
        'from langchain import hub',
        'from langsmith import Client',
        'prompt = hub.pull("rlm/rag-prompt:50442af1")',
        'client = Client()',
        'grader = client.pull_prompt("acme/grader")',
        '',
      ].join('\n'),
      // The shape of a Langfuse app whose client comes from its own module.
      'src/proofreader.ts': [
        "import { getLangfuse } from './langfuse-client.js';",
        'const langfuse = getLangfuse();',
        "const prompt = await langfuse.getPrompt('veeds-proofreader', undefined, { label: 'production' });",
        '',
      ].join('\n'),
      'client/mcp_client.py': [
        'from mcp import ClientSession',
        'async def run(session: ClientSession, repo):',
        '    await session.get_prompt("review", {"code": "x"})',
        '    repo.pull("origin")',
        '',
      ].join('\n'),
    });
    const hub = find(bom, 'prompt', 'langsmith:rlm/rag-prompt');
    assert.deepEqual(propertyValues(hub, 'prompt:version'), ['50442af1']);
    assert.deepEqual(propertyValues(hub, 'prompt:hub'), ['langsmith']);
    find(bom, 'prompt', 'langsmith:acme/grader');
    assert.equal(find(bom, 'prompt', 'langfuse:veeds-proofreader').occurrences[0].line, 3);
    assert.equal(bom.components.filter((component) => component.kind === 'prompt').length, 3);
  });

  it('MCP prompts registered by servers: FastMCP decorators, TypeScript registerPrompt, C# [McpServerPrompt]', async () => {
    const prompts = await promptsOf({
      'server.py': [
        'from fastmcp import FastMCP',
        'mcp = FastMCP("Echo")',
        '@mcp.prompt("echo")',
        'def echo_prompt(text: str) -> str:',
        '    return text',
        '@mcp.prompt',
        'def explain_concept(concept: str) -> str:',
        '    return f"Explain {concept}"',
        '',
      ].join('\n'),
      // The everything server registers prompts on a server passed in.
      'src/prompts/simple.ts': [
        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
        'export const registerSimplePrompt = (server: McpServer) => {',
        "  server.registerPrompt('simple-prompt', { title: 'Simple Prompt' }, () => ({ messages: [] }));",
        '};',
        '',
      ].join('\n'),
      'Prompts/SimplePromptType.cs': [
        'using ModelContextProtocol.Server;',
        '[McpServerPromptType]',
        'public class SimplePromptType {',
        '    [McpServerPrompt(Name = "simple_prompt"), Description("A prompt without arguments")]',
        '    public static string SimplePrompt() => "This is a simple prompt without arguments";',
        '    [McpServerPrompt]',
        '    public static string Review(string code) => code;',
        '}',
        '',
      ].join('\n'),
      // The low-level server lists its prompts from a handler.
      'fetch_server.py': [
        'from mcp.server import Server',
        'from mcp.types import Prompt, PromptArgument',
        'server = Server("mcp-fetch")',
        '@server.list_prompts()',
        'async def list_prompts() -> list[Prompt]:',
        '    return [Prompt(name="fetch", description="Fetch a URL", arguments=[PromptArgument(name="url", required=True)])]',
        '',
      ].join('\n'),
      // Not MCP: a CLI prompt.
      'cli.py': ['import click', 'name = click.prompt("Your name")', ''].join('\n'),
    });
    assert.deepEqual(prompts, [
      'Prompts/SimplePromptType.cs#Review 6:call',
      'Prompts/SimplePromptType.cs#simple_prompt 4:call',
      'fetch_server.py#fetch 6:call',
      'server.py#echo 3:call',
      'server.py#explain_concept 6:call',
      'src/prompts/simple.ts#simple-prompt 3:call',
    ]);
  });

  it('DSPy signatures: a class deriving from dspy.Signature is a prompt named by the class, its docstring the instruction', async () => {
    const prompts = await promptsOf({
      // The shape of STORM's `knowledge_curation.py`.
      'storm/modules/curation.py': [
        'import dspy',
        '',
        'class AskQuestion(dspy.Signature):',
        '    """You are an experienced Wikipedia writer. Ask good questions to get more useful information."""',
        '',
        '    topic = dspy.InputField(prefix="Topic you want to write: ", format=str)',
        '    question = dspy.OutputField(format=str)',
        '',
        'class Grounded(AskQuestion):',
        '    """Answer only from the gathered information and cite each source you used."""',
        '',
        'class Helper:',
        '    """You are a helper class that formats the conversation history for display."""',
        '',
        'class Bare(dspy.Signature):',
        '    question = dspy.InputField()',
        '',
        'class Tiny(dspy.Signature):',
        '    """Summarise."""',
        '',
      ].join('\n'),
      'storm/modules/imported.py': [
        'from dspy import Signature, InputField, OutputField',
        'class WriteSection(Signature):',
        '    """Write a Wikipedia section based on the collected information, citing every source."""',
        '    info = InputField()',
        '',
      ].join('\n'),
      // Near misses: a `Signature` of another library, and a module that does not import DSPy.
      'crypto/verify.py': [
        'import dspy',
        'from cryptography.signature import Signature',
        'class Detached(Signature):',
        '    """A detached signature of a release artifact, verified before it is installed."""',
        '',
      ].join('\n'),
      'other/sig.py': [
        'import openai',
        'class AskQuestion(Signature):',
        '    """You are an experienced Wikipedia writer. Ask good questions to get more useful information."""',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, [
      'storm/modules/curation.py#AskQuestion 3:constant',
      'storm/modules/curation.py#Grounded 9:constant',
      'storm/modules/imported.py#WriteSection 2:constant',
    ]);
  });

  it('instruction functions: passed as instructions=, called there, or registered by an agent decorator', async () => {
    const prompts = await promptsOf({
      // The shape of the OpenAI customer-service agents demo.
      'airline/agents.py': [
        'from agents import Agent, RunContextWrapper',
        'from agents.extensions.handoff_prompt import RECOMMENDED_PROMPT_PREFIX',
        'def seat_services_instructions(run_context: RunContextWrapper, agent: Agent) -> str:',
        '    seat = run_context.context.seat or "[unassigned]"',
        '    return (',
        '        f"{RECOMMENDED_PROMPT_PREFIX}\\n"',
        '        "You are the Seat Services Agent. Handle seat changes.\\n"',
        '        f"The current seat is {seat}."',
        '    )',
        'def _instructions(*, web_search: bool) -> str:',
        '    return "You are a concise voice assistant." + (" Search the web when needed." if web_search else "")',
        'def tool_names(run_context, agent):',
        '    return [tool.name for tool in agent.tools]',
        'seat_agent = Agent(name="Seat", instructions=seat_services_instructions)',
        'voice_agent = Agent(name="Voice", instructions=_instructions(web_search=True))',
        'odd_agent = Agent(name="Odd", instructions=tool_names)',
        'triage_agent = Agent(',
        '    name="Triage",',
        '    instructions=(',
        '        f"{RECOMMENDED_PROMPT_PREFIX} "',
        '        "You are a helpful triaging agent. Route the customer to the best agent."',
        '    ),',
        ')',
        '',
      ].join('\n'),
      // Pydantic AI: dynamic instructions registered on the agent.
      'bank_support.py': [
        'from textwrap import dedent',
        'from pydantic_ai import Agent, RunContext',
        'support_agent = Agent("openai:gpt-4o", instructions=dedent("""',
        '    You are a support agent in our bank.',
        '"""))',
        '@support_agent.instructions',
        'async def add_customer_name(ctx: RunContext) -> str:',
        '    name = await ctx.deps.db.customer_name(id=ctx.deps.customer_id)',
        '    return f"The customer\'s name is {name!r}"',
        '@support_agent.system_prompt(dynamic=True)',
        'def recipe_rules(ctx: RunContext) -> str:',
        '    return dedent(f"""',
        '        You are a helpful assistant for creating recipes. The current recipe is {ctx.deps.state}.',
        '    """)',
        '@support_agent.tool',
        'async def customer_balance(ctx: RunContext) -> str:',
        '    return f"The balance is {ctx.deps.balance} dollars today"',
        '',
      ].join('\n'),
      // Near misses: a function passed as instructions= to a record that is no agent, an app decorator.
      'recipes.py': [
        'from openai import OpenAI',
        'from flask import Flask',
        'app = Flask(__name__)',
        'def format_steps(recipe):',
        '    return "Preheat the oven and then mix all of the ingredients."',
        'card = RecipeCard(title="Cake", instructions=format_steps)',
        '@app.instructions',
        'def page_text():',
        '    return "Read the instructions on the page before you start cooking."',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, [
      'airline/agents.py#_instructions 10:constant',
      'airline/agents.py#seat_services_instructions 3:constant',
      'airline/agents.py#system@19 19:call',
      'bank_support.py#add_customer_name 7:constant',
      'bank_support.py#recipe_rules 11:constant',
      'bank_support.py#system@3 3:call',
    ]);
  });

  it('variants of a system prompt by name (SYSTEM_PROMPT_MD_DIFF), not a setting about one (SYSTEM_PROMPT_HELP)', () => {
    const cases: [string, string | undefined][] = [
      ['_SYSTEM_PROMPT_MD_DIFF', 'strong'],
      ['SYSTEM_PROMPT_IPYNB', 'strong'],
      ['SYSTEM_PROMPT_HELP', undefined],
      ['SYSTEM_PROMPT_PATH', undefined],
    ];
    for (const [name, expected] of cases) assert.equal(promptNameStrength(name), expected, name);
  });

  it('role messages of code calling an AI API over HTTP without an SDK; not in code that names no AI endpoint', async () => {
    const body = [
      '    return requests.post(URL, json={"messages": [',
      '        {"role": "system", "content": _LLM_SYSTEM},',
      '        {"role": "user", "content": code},',
      '    ]})',
    ];
    const prompts = await promptsOf({
      'tools/check_stale.py': [
        'import requests',
        'URL = "https://api.mistral.ai/v1/chat/completions"',
        '_LLM_SYSTEM = "You are a technical reviewer. Find deprecated patterns only with explicit evidence."',
        'def review(code):',
        ...body,
        '',
      ].join('\n'),
      // Near miss: the same shape sent to the project's own service, with a text not written for a model.
      'tools/relay.py': [
        'import requests',
        'URL = "https://relay.example.com/v1/messages"',
        '_LLM_SYSTEM = "Forwarded by the relay service of the build farm, version two of the protocol."',
        'def review(code):',
        ...body,
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, ['tools/check_stale.py#_LLM_SYSTEM 3:constant']);
  });

  it('a notebook cell that only writes a lower-case prompt variable for a later cell', async () => {
    const prompts = await promptsOf({
      'teacher.ipynb': notebook([
        'import mistralai\nclient = mistralai.Mistral(api_key=KEY)\n',
        'system_prompt = "You are a math college teacher. You resolve maths problems to your students, be pedagogical"\n',
        'reply = client.chat.complete(model="open-mistral-7b", messages=[{"role": "system", "content": system_prompt}])\n',
        // Near miss: a cell of plain data.
        'labels = "positive, negative, neutral and mixed are the four classes of the sentiment data set"\n',
      ]),
    });
    assert.deepEqual(prompts, ['teacher.ipynb#system_prompt 1:constant']);
  });

  it('notebook system messages of calls through a client made in another cell; not a keyword of a call that is no model call', async () => {
    const prompts = await promptsOf({
      'tutor.ipynb': linedNotebook([
        'import anthropic\nclient = anthropic.Anthropic()\n',
        'message = client.messages.create(\n    model="claude-3-haiku-20240307",\n    system="You are a helpful foreign language tutor that always responds in French.",\n    messages=[{"role": "user", "content": "Hey there"}],\n)\n',
        'def generate_questions(topic):\n    return client.messages.create(\n        model="claude-3-haiku-20240307",\n        system=f"You are an expert on {topic}. Generate thought-provoking questions about this topic.",\n        messages=[],\n    )\n',
        // Near miss: a plotting call's keyword in a cell without AI.
        'import matplotlib.pyplot as plt\nplt.figure(system="You are looking at the distribution of answers per category")\n',
      ]),
    });
    assert.deepEqual(prompts, ['tutor.ipynb#system@15 15:call', 'tutor.ipynb#system@26 26:call']);
  });

  it('prompt-named templates a function binds in LLM code; not a bare prompt variable, not one of code without AI', async () => {
    const prompts = await promptsOf({
      'agents/browse.py': [
        'from google import genai',
        'def analyze_webpage(page_source, user_task):',
        '    analysis_prompt = f"""',
        '    You are an expert web page analyzer. The user task is: {user_task}. Decide on the next action to take.',
        '    {page_source}',
        '    """',
        '    return analysis_prompt',
        'def nl2sql(question):',
        '    prompt_template = """You are a BigQuery SQL expert. Answer the question of the user with one GoogleSQL query: {QUESTION}"""',
        '    prompt = prompt_template.format(QUESTION=question)',
        '    return genai.Client().models.generate_content(model="gemini-2.0-flash", contents=prompt)',
        'def review(diff_text, error):',
        '    user_prompt = (',
        '        "Review this change for security vulnerabilities and report every finding.\\n\\n"',
        '        + diff_text',
        '        + "\\n\\nInvestigate per the method in your instructions, then return the findings list."',
        '    )',
        '    error_prompt = "Error: " + str(error)',
        '    return user_prompt, error_prompt',
        'def show(question):',
        '    prompt = f"You asked the following question, which we print for the log of this session: {question}"',
        '    print(prompt)',
        '',
      ].join('\n'),
      'hooks/http_review.py': [
        'import requests',
        'def review(diff_text):',
        '    review_prompt = f"You previously flagged these candidate vulnerabilities. Now try to disprove each one: {diff_text}"',
        '    return requests.post("https://api.anthropic.com/v1/messages", json={"prompt": review_prompt, "max_tokens": 800})',
        '',
      ].join('\n'),
      'cli/ask.py': [
        'import click',
        'def ask(name):',
        '    greeting_prompt = f"Hello {name}, please type the name of the project you would like to create today."',
        '    return click.prompt(greeting_prompt)',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, [
      'agents/browse.py#analysis_prompt 3:constant',
      'agents/browse.py#prompt_template 9:constant',
      'agents/browse.py#user_prompt 13:constant',
      'hooks/http_review.py#review_prompt 3:constant',
    ]);
  });

  it('agent instructions given through a prompt helper or short, task prompts run by an agent; not empty or one-word texts', async () => {
    const prompts = await promptsOf({
      'voice/main.py': [
        'from agents import Agent, Runner',
        'from agents.extensions.handoff_prompt import prompt_with_handoff_instructions',
        'FIRST_PROMPT = "Inspect workspace and fix the invoice total bug in the report module."',
        'PROMPT_LABEL = "Inspect workspace and fix the invoice total bug in the report module."',
        'SHORT_PROMPT = "Fix the bug."',
        'agent = Agent(',
        '    name="Assistant",',
        '    instructions=prompt_with_handoff_instructions(',
        '        "You are speaking to a human, so be polite and concise.",',
        '    ),',
        ')',
        'fetcher = Agent(name="ToolFetcher", instructions="Be helpful")',
        'echo = Agent(name="Echo", instructions="Echo")',
        'blank = Agent(name="Blank", instructions="")',
        'named = Agent(name="Named", instructions=format_name("Support desk agent"))',
        'result = Runner.run_sync(agent, FIRST_PROMPT)',
        'other = Runner.run_sync(agent, SHORT_PROMPT)',
        // Near miss: a sample's bare user input.
        'prompt = "Describe this image in just three words."',
        'third = Runner.run_sync(agent, prompt)',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, [
      'voice/main.py#FIRST_PROMPT 3:constant',
      'voice/main.py#system@12 12:call',
      'voice/main.py#system@8 8:call',
    ]);
  });

  it('OpenAI Swarm agents: short instructions, and the default instructions of an agent class', async () => {
    const prompts = await promptsOf({
      'examples/basic.py': [
        'from swarm import Swarm, Agent',
        'english_agent = Agent(name="English Agent", instructions="You only speak English.")',
        'echo = Agent(name="Echo", instructions="Echo")',
        '',
      ].join('\n'),
      'framework/types.py': [
        'from openai.types.chat import ChatCompletionMessage',
        'from pydantic import BaseModel',
        'class Agent(BaseModel):',
        '    name: str = "Agent"',
        '    instructions: str = "You are a helpful agent."',
        // Near misses: a settings class, an untyped attribute, a field of a class that is no agent.
        'class AgentSettings(BaseModel):',
        '    instructions: str = "Read the manual before starting."',
        'class Task(BaseModel):',
        '    instructions: str = "You are a helpful agent."',
        'class HelperAgent:',
        '    instructions = "You are a helpful agent."',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, ['examples/basic.py#system@2 2:call', 'framework/types.py#system@5 5:call']);
  });

  it('LangGraph nodes: a human message built from a template, named by the node; not a short or plain one', async () => {
    const prompts = await promptsOf({
      'graph.py': [
        'from langchain_core.messages import HumanMessage, SystemMessage',
        'def summarize_sources(state, config):',
        '    if state.summary:',
        '        content = (',
        '            f"<Existing Summary> {state.summary} <Existing Summary>"',
        '            f"Update the Existing Summary with the New Context on this topic: <User Input> {state.topic} <User Input>"',
        '        )',
        '    else:',
        '        content = (f"<Context> {state.context} <Context>" f"Create a Summary using the Context on this topic: {state.topic}")',
        '    return llm.invoke([HumanMessage(content=content)])',
        'def reflect_on_summary(state):',
        '    messages = [HumanMessage(content=f"Reflect on our existing knowledge: {state.summary}. Now identify a knowledge gap and generate a follow-up web search query:")]',
        '    return llm.invoke(messages)',
        // Near misses: the user's input, a short template.
        'def answer(state):',
        '    return llm.invoke([HumanMessage(content=state.question)])',
        'def greet(state):',
        '    return llm.invoke([HumanMessage(content=f"Hi {state.name}")])',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, ['graph.py#reflect_on_summary 12:call', 'graph.py#summarize_sources 10:call']);
  });

  it('a one-sentence persona at a system role of code without an SDK; not a short status line', async () => {
    const prompts = await promptsOf({
      'app/app.py': [
        'import requests',
        'def chat(history, model_id):',
        '    message = {"model": model_id, "messages": []}',
        '    system_message = {',
        '        "role": "system",',
        '        "content": "You are a helpful assistant.",',
        '    }',
        '    message["messages"].append(system_message)',
        '    other = {"role": "system", "content": "You are logged in."}',
        '    return requests.post(URL, json=message)',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, ['app/app.py#system@5 5:call']);
  });

  it('a request bound in a notebook cell whose user message is an instruction template; not a sample question', async () => {
    const prompts = await promptsOf({
      'summarize.ipynb': linedNotebook([
        'import boto3\nsession = boto3.session.Session()\nbedrock = boto3.client(service_name="bedrock-runtime", region_name=session.region_name)\ntext_to_summarize = "..."\n',
        [
          'converse_request = {',
          '    "messages": [{"role": "user", "content": [{"text": f"Please provide a concise summary of the following text in 2-3 sentences. Text to summarize: {text_to_summarize}"}]}],',
          '    "inferenceConfig": {"temperature": 0.4},',
          '}',
          '',
        ].join('\n'),
        'response = bedrock.converse(modelId=MODEL, messages=converse_request["messages"])\n',
        'question_request = [{"role": "user", "content": [{"text": f"What is the capital of {country}?"}]}]\n',
        'response = bedrock.converse(modelId=MODEL, messages=question_request)\n',
      ]),
    });
    assert.deepEqual(prompts, ['summarize.ipynb#converse_request 15:constant']);
  });

  it('mcp-evals cases: the task graded, named by its eval; not a short task nor another grade function', async () => {
    const prompts = await promptsOf({
      'src/evals/evals.ts': [
        "import { openai } from '@ai-sdk/openai';",
        "import { grade, EvalFunction } from 'mcp-evals';",
        'const startSessionEval: EvalFunction = {',
        "  name: 'start',",
        '  run: async () => {',
        '    const result = await grade(openai("gpt-4"), "Please start a new code generation session and confirm it was created.");',
        '    return JSON.parse(result);',
        '  },',
        '};',
        'const shortEval: EvalFunction = { run: async () => grade(openai("gpt-4"), "Start") };',
        '',
      ].join('\n'),
      // Near miss: a grading helper of another package.
      'src/school.ts': [
        "import { openai } from '@ai-sdk/openai';",
        "import { grade } from './grading';",
        'const report = grade(openai("gpt-4"), "Please grade the essay of the student on the causes of the war.");',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, ['src/evals/evals.ts#startSessionEval 6:call']);
  });

  it('prompt pieces joined into the task an agent runs; not pieces joined into a log line', async () => {
    const prompts = await promptsOf({
      'browser.py': [
        'from smolagents import CodeAgent',
        'helium_instructions = """',
        'You can use helium to access websites. Never try to log in to a page, and close pop-ups before you click.',
        '"""',
        'banner_text = """',
        'This tool opens a browser window and prints every page it visits to the console for the user.',
        '"""',
        'sample_review = "I am a huge fan of this phone, the battery lasts two days and the screen is bright."',
        'def initialize_agent(model):',
        '    return CodeAgent(tools=[], model=model)',
        'def run(task, model):',
        '    agent = initialize_agent(model)',
        '    print(banner_text + task)',
        // Near miss: the user's data joined into the task.
        '    agent.run(f"Rate this review: {sample_review}")',
        '    agent.run(task + helium_instructions)',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, ['browser.py#helium_instructions 2:constant']);
  });

  it('chat messages built with keywords: the system role, and a question written as the user message', async () => {
    const prompts = await promptsOf({
      'chat.py': [
        'from llama_index.core.llms import ChatMessage',
        'messages = [',
        '    ChatMessage(role="system", content="You are a helpful assistant."),',
        '    ChatMessage(role="user", content="What is the capital city of France, and why?"),',
        ']',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, ['chat.py#system@3 3:call', 'chat.py#user@4 4:call']);
  });

  it('constants named for the system message that speak to a model, also in a module without an AI import', async () => {
    const prompts = await promptsOf({
      'hooks/review_api.py': [
        'import json',
        'AGENTIC_INVESTIGATE_SYSTEM = """You are a senior application-security engineer performing a deep security review of a code change."""',
        'AGENTIC_REFUTE_SYSTEM = (',
        '    "You adversarially verify security findings. For each finding, try to prove it is a false positive "',
        '    "by reading the code paths involved."',
        ')',
        // Near misses: a system that is no message, and a description of one.
        'COORDINATE_SYSTEM = """EPSG:4326 is the coordinate reference system of every layer that this module writes to disk."""',
        'BUILD_SYSTEM = """The build system of the project compiles the sources with the version pinned in the lock file."""',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, [
      'hooks/review_api.py#AGENTIC_INVESTIGATE_SYSTEM 2:constant',
      'hooks/review_api.py#AGENTIC_REFUTE_SYSTEM 3:constant',
    ]);
  });

  it('text set on or added to an agent prompt after it was made; not the same attribute holding text for people', async () => {
    const prompts = await promptsOf({
      'research/run.py': [
        'from smolagents import CodeAgent',
        'agent = CodeAgent(tools=[], model=model)',
        'agent.prompt_templates["managed_agent"]["task"] += """You can navigate to .txt online files.',
        '    If a page is a PDF, use the tool inspect_file_as_text to read it."""',
        'form.instructions = "Fill in every field of the form before pressing the submit button."',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, ['research/run.py#system@3 3:call']);
  });

  it('a function called for the system message that builds its text piece by piece (+=); not one returning data', async () => {
    const prompts = await promptsOf({
      'invoice/app.py': [
        'from openai import AzureOpenAI',
        'def _build_system_prompt() -> str:',
        '    base = (',
        '        "You are a helpful invoice assistant. You help users understand their invoices. "',
        '    )',
        '    if fields:',
        '        base += "\\n--- FIELDS ---\\n" + "\\n".join(fields)',
        '    return base',
        'def _context():',
        '    base = {"fields": fields}',
        '    return base',
        'messages = [{"role": "system", "content": _build_system_prompt()}]',
        'other = [{"role": "system", "content": _context()}]',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, ['invoice/app.py#_build_system_prompt 2:constant']);
  });

  it('a short prompt constant whose line breaks are written as escapes', async () => {
    const prompts = await promptsOf({
      'draw.py': [
        'from pydantic_ai import Agent',
        "DRAW_PROMPT = 'Recreate this diagram as a self-contained HTML page:\\n\\n{instructions}'",
        "LABEL_PROMPT = 'Label:\\n'",
        'agent = Agent("openai:gpt-4o")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, ['draw.py#DRAW_PROMPT 2:constant']);
  });

  it('user-message templates a function sends, named by the function; not a message of the user input alone', async () => {
    const prompts = await promptsOf({
      'rag.py': [
        'from mistralai import Mistral',
        'from mistralai.models import ChatMessage',
        'client = Mistral(api_key=KEY)',
        'def generate_cypher_query(question):',
        '    prompt = f"""You are a coding agent interacting with a Neo4j database. Write one cypher query for:',
        '    {question}',
        '    """',
        '    return client.chat.complete(model="mistral-large-latest", messages=[{"role": "user", "content": prompt}])',
        'def respond_to_query(question, rows):',
        '    prompt = f"""Answer the user question from the rows the query returned. Be concise and cite each row: {rows} {question}"""',
        '    return client.chat.complete(model="mistral-large-latest", messages=[ChatMessage(role="user", content=prompt)])',
        'def echo(query):',
        '    text = query',
        '    short = f"Question: {query}"',
        '    return client.chat.complete(model="m", messages=[{"role": "user", "content": text}, {"role": "user", "content": short}])',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, ['rag.py#generate_cypher_query 5:call', 'rag.py#respond_to_query 10:call']);
  });

  it('a notebook function sending a user-message template through a client made in another cell', async () => {
    const prompts = await promptsOf({
      'neo4j.ipynb': notebook([
        'from mistralai import Mistral\n',
        'client = Mistral(api_key=key)\n',
        'def respond_to_query(question, rows):\n    prompt = f"""Answer the user question from the rows the cypher query returned. Be straight to the point and concise: {rows} {question}"""\n    return client.chat.complete(model="m", messages=[{"role": "user", "content": prompt}])\n',
        // Near miss: a prompt variable of the user's input alone.
        'def ask(question):\n    prompt = question\n    return client.chat.complete(model="m", messages=[{"role": "user", "content": prompt}])\n',
      ]),
    });
    assert.deepEqual(prompts, ['neo4j.ipynb#respond_to_query 1:call']);
  });

  it('a prompt template handed to a model object bound in the function; not to a print, not a module-level template twice', async () => {
    const prompts = await promptsOf({
      'storm/utils.py': [
        'import dspy',
        'from langgraph.types import interrupt',
        'from .lm import LitellmModel',
        'SYSTEM_PROMPT = f"""You are a careful moderator of topics for a knowledge curation engine. Judge each topic on {ENGINE}."""',
        'def user_input_appropriateness_check(user_input):',
        '    my_model = LitellmModel(model="azure/gpt-4o-mini", max_tokens=10)',
        '    prompt = f"""Here is a topic input into a knowledge curation engine. Please judge whether it is appropriate.',
        'User input: {user_input}"""',
        '    return my_model(prompt)',
        'def log_topic(user_input):',
        '    note = f"""Here is a topic input into a knowledge curation engine that we log for the audit trail: {user_input}"""',
        '    print(note)',
        'def human_feedback(sections):',
        '    message = f"""Please provide feedback on the following report plan and say whether it meets your needs: {sections}"""',
        '    return interrupt(message)',
        'def moderate(user_input):',
        '    my_model = LitellmModel(model="azure/gpt-4o-mini")',
        '    return my_model(SYSTEM_PROMPT)',
        '',
      ].join('\n'),
    });
    assert.deepEqual(prompts, ['storm/utils.py#SYSTEM_PROMPT 4:constant', 'storm/utils.py#user_input_appropriateness_check 7:call']);
  });

  it('a prompt module holding only a constant whose name says nothing (`prompt.py`, read by its name)', async () => {
    const prompts = await promptsOf({
      'tools/sql/prompt.py': [
        'QUERY_CHECKER = """',
        '{query}',
        'Double check the {dialect} query above for common mistakes.',
        'If there are any mistakes, rewrite the query. Output the final SQL query only.',
        '"""',
        '',
      ].join('\n'),
      // Near miss: the same constant in a module not named for prompts.
      'tools/sql/checks.py': 'QUERY_CHECKER = """\n{query}\nDouble check the {dialect} query above for common mistakes.\n"""\n',
      'app.py': 'import openai\n',
    });
    assert.deepEqual(prompts, ['tools/sql/prompt.py#QUERY_CHECKER 1:constant']);
  });

  describe('prompts by the shape of their message', () => {
    it('system messages handed to a project wrapper without an AI SDK import, when written for a model', async () => {
      const prompts = await promptsOf({
        'agents/writer.py': [
          'from .utils.llms import call_model',
          'TEMPLATE = """You are an expert research article reviewer. Review drafts against the guidelines."""',
          'async def write(task):',
          '    prompt = [',
          '        {',
          '            "role": "system",',
          '            "content": ("You are a research writer. Your sole purpose is to write a well-written "',
          '                        "research report about a topic."),',
          '        },',
          '        {"role": "user", "content": task},',
          '    ]',
          '    review = [{"role": "system", "content": TEMPLATE}]',
          '    return await call_model(prompt + review)',
          '',
        ].join('\n'),
        // Near misses: a label, a short string and a dict that is no chat message.
        'ops/audit.py': [
          'from .store import save',
          'def log(event):',
          '    save([{"role": "system", "content": "Nightly backup of the accounts table finished"}])',
          '    save([{"role": "system", "content": "ok"}])',
          '    save({"role": "admin", "content": "You are allowed to delete every record of this table."})',
          '',
        ].join('\n'),
      });
      assert.deepEqual(prompts.sort(), ['agents/writer.py#TEMPLATE 2:constant', 'agents/writer.py#system@6 6:call']);
    });

    it('SystemMessage(…) and system_message= of an agent-like class outside AI-SDK code', async () => {
      const prompts = await promptsOf({
        'team.py': [
          'from .agents import ConversableAgent, SystemMessage',
          'editor = ConversableAgent(name="Editor", system_message="You plan the research outline from initial findings.")',
          'msg = SystemMessage(content="Return only valid JSON arrays of visualization concepts.")',
          // Near miss: a record of data with a system message label.
          'note = Record(system_message="Maintenance window")',
          '',
        ].join('\n'),
      });
      assert.deepEqual(prompts.sort(), ['team.py#system@2 2:call', 'team.py#system@3 3:call']);
    });

    it('constants joined into a system message are each a prompt', async () => {
      const prompts = await promptsOf({
        'bench.py': [
          'from deepagents import create_deep_agent',
          'SYSTEM_PROMPT = "You are an expert researcher. Answer with sources."',
          'TOOL_GUIDE = """',
          '## internet_search',
          'Use this to run an internet search for a given query. Run as many searches as you need."""',
          'FILES_GUIDE = "Write the final report to report.md in the working folder when you are done."',
          'DATE = "2024-01-01"',
          'def build(system_prompt=None):',
          '    return create_deep_agent(tools=[], system_prompt=(system_prompt or SYSTEM_PROMPT) + TOOL_GUIDE + DATE)',
          'def files():',
          '    return create_deep_agent(tools=[], system_prompt="\\n".join([SYSTEM_PROMPT, FILES_GUIDE]))',
          '',
        ].join('\n'),
        // Without an SDK import, joined constants count when one speaks to the model; a join of labels does not.
        'ui/titles.py': [
          'from .client import chat',
          'HEADER = "Quarterly numbers of the sales team for the board"',
          'FOOTER = "Prepared by the finance department of the company"',
          'ROLE = "You are a librarian. Produce a concise title for the report."',
          'def title(text):',
          '    chat([{"role": "system", "content": f"{HEADER}\\n{FOOTER}"}])',
          '    return chat([{"role": "system", "content": ROLE + "\\n" + FOOTER}])',
          '',
        ].join('\n'),
      });
      assert.deepEqual(prompts.sort(), [
        'bench.py#FILES_GUIDE 6:constant',
        'bench.py#SYSTEM_PROMPT 2:constant',
        'bench.py#TOOL_GUIDE 3:constant',
        'ui/titles.py#FOOTER 3:constant',
        'ui/titles.py#ROLE 4:constant',
      ]);
    });

    it('module templates formatted into a user message or a model call', async () => {
      const prompts = await promptsOf({
        'grade.py': [
          'from langchain_openai import ChatOpenAI',
          'GRADER_TEMPLATE = """You are grading a technical report against checkpoints.',
          'Checkpoints: {checkpoints}',
          'Report: {report}"""',
          'JUDGE_TEMPLATE = "Two reports follow. Say which one answers the question better: {a} or {b}."',
          'ROW = "{name},{score}"',
          'def grade(grader, checkpoints, report):',
          '    prompt = GRADER_TEMPLATE.format(checkpoints=checkpoints, report=report)',
          '    return grader.invoke([{"role": "user", "content": prompt}])',
          'def judge(a, b):',
          '    return ChatOpenAI().invoke(JUDGE_TEMPLATE.format(a=a, b=b))',
          'def row(name, score):',
          '    line = ROW.format(name=name, score=score)',
          '    return [{"role": "user", "content": line}]',
          '',
        ].join('\n'),
      });
      assert.deepEqual(prompts.sort(), ['grade.py#GRADER_TEMPLATE 2:constant', 'grade.py#JUDGE_TEMPLATE 5:constant']);
    });

    it('content parts and enum roles: {"role": MessageRole.SYSTEM, "content": [{"type": "text", "text": …}]}', async () => {
      const prompts = await promptsOf({
        'inspect.py': [
          'from smolagents.models import MessageRole',
          'def caption(model, question):',
          '    messages = [',
          '        {',
          '            "role": MessageRole.SYSTEM,',
          '            "content": [{"type": "text", "text": "You will have to write a short caption for this file, then answer: " + question}],',
          '        }',
          '    ]',
          '    return model(messages)',
          '',
        ].join('\n'),
      });
      assert.deepEqual(prompts, ['inspect.py#system@5 5:call']);
    });
  });
});

describe('inventory: system messages a variable may be on different branches', () => {
  const agent = (branches: string[]) =>
    [
      'from azure.ai.projects.models import PromptAgentDefinition',
      'async def create_agent(project, tool, search):',
      ...branches,
      '    return await project.agents.create_version(definition=PromptAgentDefinition(model="gpt-4o", instructions=instructions))',
      '',
    ].join('\n');

  it('lists each literal the instructions may be, named by its line', async () => {
    const bom = await inventoryOf({
      'src/agent.py': agent([
        '    instructions = "You are a helpful assistant."',
        '    if search:',
        '        instructions = (',
        '            "Use AI Search always. "',
        '            "You must always provide citations for answers using the tool."',
        '        )',
        '    elif tool:',
        '        instructions = "Use File Search always with citations. Avoid to use base knowledge."',
      ]),
    });
    const prompts = bom.components.filter((component) => component.kind === 'prompt').map((component) => component.name);
    assert.deepEqual(prompts.sort(), ['src/agent.py#system@10', 'src/agent.py#system@3', 'src/agent.py#system@6']);
  });

  it('near miss: one branch binds a value from elsewhere, so the variable is left to the one-binding readers', async () => {
    const bom = await inventoryOf({
      'src/agent.py': agent([
        '    instructions = "You are a helpful assistant."',
        '    if tool:',
        '        instructions = load_instructions(tool)',
      ]),
    });
    assert.deepEqual(
      bom.components.filter((component) => component.kind === 'prompt').map((component) => component.name),
      [],
    );
  });
});
