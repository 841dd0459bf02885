import * as assert from 'node:assert/strict';
import { inventoryOf } from './helpers';

/** Prompt components only, as `name line`. */
async function promptsOf(files: Record<string, string>): Promise<string[]> {
  const bom = await inventoryOf(files);
  return bom.components
    .filter((component) => component.kind === 'prompt')
    .map((component) => `${component.name} ${component.occurrences.map((at) => at.line ?? '-').join(',')}`)
    .sort();
}

function notebook(cells: string[]): string {
  return JSON.stringify(
    {
      cells: cells.map((source) => ({ cell_type: 'code', metadata: {}, outputs: [], source: source.split(/(?<=\n)/) })),
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

describe('inventory: prompt assets by name, use and shape', () => {
  it('system roles handed to a role-taking call, in a module that imports no AI package', async () => {
    const text = [
      'from .config import cfg',
      '',
      'SHELL_ROLE = """Provide only shell commands for {os} without any description.',
      'If there is a lack of details, provide the most logical solution.',
      '"""',
      '',
      'ADMIN_ROLE = """Members of this group may read and write every table of the warehouse.',
      'They can also grant access to other members."""',
      'READER_ROLE = "reader"',
      '',
      'def create_defaults():',
      '    SystemRole("Shell Command Generator", SHELL_ROLE)',
      '    grant(ADMIN_ROLE, READER_ROLE)',
      '',
    ].join('\n');
    // A long text named for a role but used as an access group is not a prompt.
    assert.deepEqual(await promptsOf({ 'sgpt/role.py': text }), ['sgpt/role.py#SHELL_ROLE 3']);
  });

  it("a training script's system prompt: concatenated literals, the entry point, a prompt suffix; not a regex or a local", async () => {
    const text = [
      'import torch',
      'from trl import GRPOTrainer',
      '',
      'SYSTEM_PROMPT = (',
      '    "You are a helpful math tutor. Solve the problem step by step, then give the final "',
      '    "numeric answer on the last line."',
      ')',
      '_PROMPT_SUFFIX = "\\n\\nYou are a data-analysis agent with a stateful kernel. Submit your final answer to the file."',
      'PROMPT_SUFFIX = _PROMPT_SUFFIX',
      'PROMPT_PATTERN = r"^(?P<user>[A-Za-z0-9_]+):(?P<question>[^\\n]+)\\n(?P<answer>[\\s\\S]+?)(?:\\n\\n|$)[A-Z]{2,}[0-9]*"',
      '',
      'def main():',
      '    VLM_SYSTEM_PROMPT = "A conversation between user and assistant. The assistant first thinks about the reasoning process."',
      '    prompt = "A conversation between user and assistant. The assistant first thinks about the reasoning process."',
      '    GRPOTrainer(prompt)',
      '',
      'if __name__ == "__main__":',
      '    EVAL_PROMPT = "Rate the answer of the assistant between one and ten, and explain the rating in one sentence."',
      '    main()',
      '',
    ].join('\n');
    assert.deepEqual(await promptsOf({ 'examples/grpo.py': text }), [
      'examples/grpo.py#EVAL_PROMPT 18',
      'examples/grpo.py#SYSTEM_PROMPT 4',
      'examples/grpo.py#VLM_SYSTEM_PROMPT 13',
      'examples/grpo.py#_PROMPT_SUFFIX 8',
    ]);
  });

  it('notebook cells that only write a prompt or a chat of role messages, with their lines', async () => {
    const text = notebook([
      'from huggingface_hub import InferenceClient\nclient = InferenceClient()\n',
      'JUDGE_PROMPT = """\nYou will be given a user_question and system_answer couple.\nGive your answer as a float on a scale of 0 to 10.\n"""\n',
      'prompt_in_chat_format = [\n    {"role": "system", "content": "Using the information contained in the context, give a comprehensive answer."},\n    {"role": "user", "content": "Question: {question}"},\n]\n',
      'PROMPT_COLOR = "#ff0000"\nlabels = [{"role": "admin", "content": "x"}]\n',
    ]);
    assert.deepEqual(await promptsOf({ 'notebooks/judge.ipynb': text }), [
      'notebooks/judge.ipynb#JUDGE_PROMPT 17',
      'notebooks/judge.ipynb#prompt_in_chat_format 28',
    ]);
  });

  it('TypeScript functions that build a prompt; not a function that formats a console prompt', async () => {
    const text = [
      "import type { Geo } from '@vercel/functions';",
      '',
      'export const regularPrompt = `You are a friendly assistant! Keep your responses concise and helpful, and do it directly.`;',
      '',
      'export const systemPrompt = ({ hints }: { hints: Geo }) => {',
      '  if (!hints) return regularPrompt;',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source with its template placeholders.
      '  return `${regularPrompt}\\n\\n${hints.city}`;',
      '};',
      '',
      'export const updateDocumentPrompt = (current: string | null, type: string) => {',
      "  const media = type === 'code' ? 'code snippet' : 'document';",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source with its template placeholders.
      '  return `Improve the following contents of the ${media} based on the given prompt.\\n\\n${current}`;',
      '};',
      '',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source with its template placeholders.
      'export const formatPrompt = (name: string) => `> ${name} `;',
      'export function shellPrompt(user: string) {',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source with its template placeholders.
      '  return `${user}@host:~$ `;',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(await promptsOf({ 'lib/ai/prompts.ts': text }), [
      'lib/ai/prompts.ts#regularPrompt 3',
      'lib/ai/prompts.ts#systemPrompt 5',
      'lib/ai/prompts.ts#updateDocumentPrompt 10',
    ]);
  });

  it('Python functions that build a prompt; not one that returns a path or a short label', async () => {
    const text = [
      'from openai import OpenAI',
      '',
      'def build_system_prompt(user: str, today: str) -> str:',
      '    """The system prompt of the support agent."""',
      '    return f"""You are the support agent of the shop. Today is {today}.',
      'Answer the questions of {user} politely and only about orders."""',
      '',
      'def prompt_path(name: str) -> str:',
      '    return f"prompts/{name}.md"',
      '',
      'def input_prompt(name: str) -> str:',
      '    return f"{name}> "',
      '',
    ].join('\n');
    assert.deepEqual(await promptsOf({ 'app/prompts.py': text }), ['app/prompts.py#build_system_prompt 3']);
  });

  it('C# agent instructions set in an object initializer, by their constant', async () => {
    const text = [
      'using Microsoft.SemanticKernel;',
      'using Microsoft.SemanticKernel.Agents;',
      '',
      'public class Step01_Agent',
      '{',
      '    private const string ParrotName = "Parrot";',
      '    private const string ParrotInstructions = "Repeat the user message in the voice of a pirate.";',
      '    private const string ReviewerInstructions =',
      '        """',
      '        You are an art director who has opinions about copywriting.',
      '        The goal is to determine if the given copy is acceptable to print.',
      '        """;',
      '',
      '    public void Run(Kernel kernel)',
      '    {',
      '        ChatCompletionAgent agent = new() { Name = ParrotName, Instructions = ParrotInstructions, Kernel = kernel };',
      '        var options = new ProcessStartInfo { FileName = ParrotName, Arguments = ReviewerInstructions };',
      '    }',
      '}',
      '',
    ].join('\n');
    // `Arguments =` of a process is no system message: the reviewer's text, unused by an agent, is not listed.
    assert.deepEqual(await promptsOf({ 'samples/Step01_Agent.cs': text }), ['samples/Step01_Agent.cs#ParrotInstructions 7']);
  });

  it('a declarative agent spec written inline and handed to the framework; not YAML read by a YAML parser', async () => {
    const text = [
      'import yaml',
      'from semantic_kernel.agents import AgentRegistry',
      '',
      'SPEC = """',
      'type: chat_completion_agent',
      'name: Host',
      "instructions: Respond politely to the user's questions about the menu.",
      '"""',
      'SETTINGS = """',
      'name: local',
      'instructions: Keep the cache folder under the user home and rotate logs daily.',
      '"""',
      '',
      'async def main():',
      '    agent = await AgentRegistry.create_from_yaml(SPEC)',
      '    settings = yaml.safe_load(SETTINGS)',
      '',
    ].join('\n');
    assert.deepEqual(await promptsOf({ 'samples/step08_declarative.py': text }), ['samples/step08_declarative.py#SPEC 4']);
  });

  it('a Semantic Kernel agent YAML with a byte-order mark', async () => {
    const text =
      '\ufeffname: ToolAgent\ntemplate_format: semantic-kernel\ndescription: An agent.\nexecution_settings:\n  default:\n    function_choice_behavior:\n      type: auto\n';
    const settings = 'name: build\ntemplate_format: mustache\noutput: dist\n';
    assert.deepEqual(await promptsOf({ 'Resources/AutoInvokeTools.yaml': text, 'config/site.yaml': settings }), [
      'Resources/AutoInvokeTools.yaml -',
    ]);
  });

  it("crewAI configs named by a @CrewBase class, relative to the class's module", async () => {
    const crew = [
      'from crewai import Agent, Crew, Task',
      'from crewai.project import CrewBase, agent',
      '',
      '@CrewBase',
      'class StockAnalysisCrew:',
      "    agents_config = 'config/agents.yaml'",
      "    tasks_config = 'config/tasks.yaml'",
      '',
      'class Settings:',
      "    agents_config = 'settings/agents.yaml'",
      '',
    ].join('\n');
    const agents = 'financial_analyst:\n  role: >\n    The Best Financial Analyst\n  goal: >\n    Impress all customers\n';
    const tasks = 'financial_analysis:\n  description: >\n    Analyse the stock.\n  expected_output: >\n    A report.\n';
    const bom = await promptsOf({
      'src/stock/crew.py': crew,
      'src/stock/config/agents.yaml': agents,
      'src/stock/config/tasks.yaml': tasks,
      'src/stock/settings/agents.yaml': agents,
    });
    assert.deepEqual(bom, ['src/stock/config/agents.yaml 6', 'src/stock/config/tasks.yaml 7']);
  });

  it('Terraform Bedrock module arguments: instructions by argument, prompt variants, blueprint schemas; not other modules', async () => {
    const text = [
      'module "agent_supervisor" {',
      '  source                 = "../.."',
      '  supervisor_model       = "anthropic.claude-3-5-sonnet-20241022-v2:0"',
      '  supervisor_instruction = "You are a supervisor who can provide detailed information about cars."',
      '}',
      '',
      'module "prompts" {',
      '  source = "aws-ia/bedrock/aws"',
      '  variants_list = [{',
      '    name = "v1"',
      '    template_configuration = { text = { text = "Make me a {{genre}} playlist of {{number}} songs." } }',
      '  }]',
      '}',
      '',
      'module "blueprint" {',
      '  source = "../.."',
      '  blueprint_schema = jsonencode({',
      '    properties = {',
      '      product_name = { type = "string", inferenceType = "explicit", instruction = "The name of the product." }',
      '    }',
      '  })',
      '}',
      '',
      'module "docs" {',
      '  source       = "./docs"',
      '  instructions = "Read the contributing guide before opening a pull request."',
      '  schema       = jsonencode({ type = "object", properties = { inferenceMode = "x" } })',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(await promptsOf({ 'examples/main.tf': text }), [
      'examples/main.tf#agent_supervisor.supervisor_instruction 4',
      'examples/main.tf#blueprint.blueprint_schema 17',
      'examples/main.tf#prompts.variants_list 11',
    ]);
  });

  it("a CI agent's system prompt in claude_args; not one read from a file at run time", async () => {
    const workflow = (flag: string) =>
      [
        'on: issues',
        'jobs:',
        '  claude:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: anthropics/claude-code-action@v1',
        '        with:',
        '          claude_args: |',
        '            --allowedTools "Bash,WebFetch"',
        `            ${flag}`,
        '',
      ].join('\n');
    assert.deepEqual(
      await promptsOf({
        '.github/workflows/claude.yml': workflow('--append-system-prompt "Give a concise summary of the comment at the top of it."'),
        '.github/workflows/review.yml': workflow('--system-prompt "$(cat .github/review-prompt.md)"'),
      }),
      ['.github/workflows/claude.yml#append-system-prompt 10'],
    );
  });

  it('a chat template passed by path to a trainer', async () => {
    const text = [
      'from pathlib import Path',
      'from trl import SFTConfig',
      '',
      'config = SFTConfig(chat_template_path=str(Path(__file__).parent / "tiny_chat_template.jinja"))',
      'render(template_path=str(Path(__file__).parent / "page.jinja"))',
      '',
    ].join('\n');
    const template = '{% for message in messages %}{{ message.content }}{% endfor %}';
    assert.deepEqual(
      await promptsOf({ 'examples/sft.py': text, 'examples/tiny_chat_template.jinja': template, 'examples/page.jinja': template }),
      ['examples/tiny_chat_template.jinja 4'],
    );
  });
});
