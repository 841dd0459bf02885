import * as assert from 'node:assert/strict';
import { isPromptModule } from '../../../server/src/engine/inventory/promptTemplates';
import { inventoryOf, sortedPromptNames } from './helpers';

const promptNames = sortedPromptNames;

const PLANNER = [
  'report_planner_instructions = """I want a plan for a report that is concise and focused.',
  '',
  '<Report topic>',
  'The topic of the report is: {topic}',
  '</Report topic>',
  '',
  'Generate a list of sections for the report. Each section should have the fields listed below.',
  '"""',
  '',
].join('\n');

describe('inventory: prompt templates and modules of prompts', () => {
  it('tells a module of prompts by its name or folder', () => {
    assert.equal(isPromptModule('src/open_deep_research/prompts.py'), true);
    assert.equal(isPromptModule('app/prompts/planner.ts'), true);
    assert.equal(isPromptModule('app/prompt.py'), true);
    assert.equal(isPromptModule('app/prompts/__init__.py'), false);
    assert.equal(isPromptModule('app/messages.py'), false);
    assert.equal(isPromptModule('docs/prompts/guide.md'), false);
  });

  it('long prose constants of a prompt module are prompts whatever their names; labels and data are not', async () => {
    const text = [
      PLANNER,
      'section_writer_inputs = """',
      '<Report topic>',
      '{topic}',
      '</Report topic>',
      '',
      '<Section name>',
      '{section_name}',
      '</Section name>',
      '',
      '<Source material>',
      '{context}',
      '</Source material>',
      '"""',
      'SCHEMA_JSON = """{"type": "object", "properties": {"title": {"type": "string"}, "sections": {"type": "array"}}}"""',
      'SUPERVISOR_INSTRUCTIONS = """You are scoping research for a report based on a user-provided topic. Ask questions first."""',
      'DEFAULT_REPORT_STRUCTURE = "intro, body, conclusion"',
      'ALLOWED_TOOLS = "search,fetch,read,write,summarize,plan,reflect,answer,clarify,compress,delegate,finish"',
      '',
      'def rag_classify(context):',
      '    prompt = f"""You will classify a customer support ticket into one of the categories below.',
      '{context}',
      'Answer with the category label only, and nothing else."""',
      '    return prompt',
      '',
      'def section_names(report):',
      '    return [section.name for section in report.sections]',
      '',
    ].join('\n');
    assert.deepEqual(await promptNames({ 'src/research/prompts.py': text }), [
      'src/research/prompts.py#SUPERVISOR_INSTRUCTIONS',
      'src/research/prompts.py#rag_classify',
      'src/research/prompts.py#report_planner_instructions',
      'src/research/prompts.py#section_writer_inputs',
    ]);
  });

  it('near miss: the same prose constants outside a prompt module are not prompts', async () => {
    assert.deepEqual(await promptNames({ 'src/research/messages.py': PLANNER }), []);
  });

  it('methods of a class in a prompt module that return prose are prompts; methods returning data or code are not', async () => {
    const text = [
      'from langchain_core.documents import Document',
      '',
      'class PromptFamily:',
      '    def __init__(self, config):',
      '        self.cfg = config',
      '',
      '    @staticmethod',
      '    def generate_report_prompt(question, context, total_words=1000):',
      '        return f"""Information: {context}',
      'Using the above information, answer the following query or task: {question} in a detailed report.',
      'The report should be well structured, informative and at least {total_words} words long.',
      '"""',
      '',
      '    @classmethod',
      '    def curate_sources(cls, query):',
      '        return (',
      '            f"Your goal is to evaluate and curate the provided scraped content for the research task: {query}. "',
      '            f"Keep the sources that carry statistics, numbers or concrete data."',
      '        )',
      '',
      '    def auto_agent_instructions(self):',
      '        return """This task involves researching a given topic, regardless of its complexity. Pick the agent and role that fits the topic."""',
      '',
      '    @staticmethod',
      '    def pretty_print_docs(docs):',
      '        return "\\n".join(f"Source: {d.metadata.get(\'source\')}" for d in docs)',
      '',
      '    @staticmethod',
      '    def join_local_web_documents(docs_context, web_context):',
      '        return f"Context from local documents: {docs_context}\\n\\nContext from web sources: {web_context}"',
      '',
      '    @staticmethod',
      '    def report_settings():',
      '        return {"format": "apa", "tone": "objective", "total_words": 1000, "language": "english"}',
      '',
      '    @staticmethod',
      '    def tool_names():',
      '        return ["search", "fetch", "summarize"]',
      '',
      '    @staticmethod',
      '    def short_label():',
      '        return "Research report"',
      '',
      'class DetailedPromptFamily(PromptFamily):',
      '    @staticmethod',
      '    def generate_report_prompt(question, context, total_words=2000):',
      '        return f"Using the above information, answer the following query in a long and detailed report: {question}"',
      '',
    ].join('\n');
    assert.deepEqual(await promptNames({ 'src/research/prompts.py': text }), [
      'src/research/prompts.py#auto_agent_instructions',
      'src/research/prompts.py#curate_sources',
      'src/research/prompts.py#generate_report_prompt',
    ]);
  });

  it('near miss: the same prompt class outside a prompt module has no prompts by its methods', async () => {
    const text = [
      'from langchain_core.documents import Document',
      '',
      'class ReportWriter:',
      '    @staticmethod',
      '    def describe(question):',
      '        return f"Using the above information, answer the following query or task in a detailed report: {question}"',
      '',
    ].join('\n');
    assert.deepEqual(await promptNames({ 'src/research/writer.py': text }), []);
  });

  it('a prompt constant written as an f-string or a format template', async () => {
    const text = [
      'import platform',
      'from anthropic import Anthropic',
      '',
      'SYSTEM_PROMPT = f"""<SYSTEM_CAPABILITY>',
      '* You are utilising an Ubuntu virtual machine using {platform.machine()} architecture with internet access.',
      '* To open firefox, please just click on the firefox icon.',
      '</SYSTEM_CAPABILITY>"""',
      'GRADER_PROMPT = """You grade the answer below against the reference answer given, strictly and fairly.\\n{answer}\\n{reference}""".format(answer="a", reference="b")',
      'BANNER_TEXT = f"Running on {platform.machine()} with the default settings of the demo application."',
      '',
      'client = Anthropic()',
      'client.messages.create(model="claude-sonnet-4-5", system=SYSTEM_PROMPT, messages=[])',
      '',
    ].join('\n');
    assert.deepEqual(await promptNames({ 'demo/loop.py': text }), ['demo/loop.py#GRADER_PROMPT', 'demo/loop.py#SYSTEM_PROMPT']);
  });

  it('a system prompt bound in a handler and passed at a system position; a computed value is not', async () => {
    const text = [
      "import Anthropic from '@anthropic-ai/sdk';",
      'const client = new Anthropic();',
      'export async function POST(req: Request) {',
      '  const { context, question } = await req.json();',
      '  const systemPrompt = `You are acting as a customer support assistant inside a chat window on a website.',
      '  Answer from the knowledge base below, and keep a polite and professional tone.',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a TypeScript template as the source file writes it.
      '  ${context}`;',
      '  const reply = await client.messages.create({ model: "claude-sonnet-4-5", system: systemPrompt, messages: [] });',
      '  const summary = await client.messages.create({ model: "claude-sonnet-4-5", system: question, messages: [] });',
      '  return Response.json({ reply, summary });',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(await promptNames({ 'app/api/chat/route.ts': text }), ['app/api/chat/route.ts#systemPrompt']);
  });
  it("a project's own loader reading prompts/<name>.md: the files its calls name; a config loader is not", async () => {
    const loader = [
      'from pathlib import Path',
      '',
      'PROMPTS_DIR = Path(__file__).parent / "prompts"',
      'CONFIG_DIR = Path(__file__).parent / "config"',
      '',
      'def load_prompt(name: str) -> str:',
      '    return (PROMPTS_DIR / f"{name}.md").read_text()',
      '',
      'def load_config(name):',
      '    return (CONFIG_DIR / f"{name}.md").read_text()',
      '',
      'def get_coding_prompt() -> str:',
      '    return load_prompt("coding_prompt")',
      '',
      'def get_settings():',
      '    return load_config("settings")',
      '',
    ].join('\n');
    const names = await promptNames({
      'agent/prompts.py': loader,
      'agent/prompts/coding_prompt.md': 'You are a coding agent. Build the app from the spec, one feature at a time.',
      // Not loaded by any code, but a Markdown file in a prompts folder is a prompt by its folder.
      'agent/prompts/unused_prompt.md': 'Not loaded by any code.',
      'agent/config/settings.md': 'Settings of the agent.',
    });
    assert.deepEqual(names, ['agent/prompts/coding_prompt.md', 'agent/prompts/unused_prompt.md']);
  });
  it('a system prompt given through an options dict of the Claude Code SDK, and its model', async () => {
    const text = [
      'from claude_code_sdk import ClaudeCodeOptions, query',
      '',
      'def build_options(persona):',
      '    system_prompt = """You are the Chief of Staff for a 50-person startup.',
      '        You can run the Python scripts in the scripts/ directory with Bash.',
      '        """',
      '    options = {"model": "claude-sonnet-4-20250514", "system_prompt": system_prompt}',
      '    other = {"system_prompt": persona, "append_system_prompt": "Be brief."}',
      '    return ClaudeCodeOptions(**options), ClaudeCodeOptions(**other)',
      '',
    ].join('\n');
    const bom = await inventoryOf({ 'agent/agent.py': text });
    const names = bom.components
      .filter((component) => component.kind === 'prompt' || component.kind === 'model')
      .map((c) => `${c.kind} ${c.name}`);
    assert.deepEqual(names.sort(), ['model claude-sonnet-4-20250514', 'prompt agent/agent.py#system_prompt']);
  });
  it('a file read from a prompts folder set in another module; a data folder is not one', async () => {
    const code = [
      'from openai import AsyncOpenAI',
      'from .rag_base import RAGChatBase',
      '',
      'class AdvancedRAGChat(RAGChatBase):',
      '    query_fewshots = open(RAGChatBase.prompts_dir / "query_fewshots.json").read()',
      '    rows = open(RAGChatBase.data_dir / "rows.json").read()',
      '',
    ].join('\n');
    const names = await promptNames({
      'app/rag_advanced.py': code,
      'app/prompts/query_fewshots.json': '[{"role": "user", "content": "What is the capital of France?"}]',
      'app/data/rows.json': '[]',
    });
    assert.deepEqual(names, ['app/prompts/query_fewshots.json']);
  });
});
