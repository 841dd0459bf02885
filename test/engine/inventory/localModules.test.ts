import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultConfig } from '../../../server/src/engine/config/config';
import { scanWorkspace } from '../../../server/src/engine/scan';
import { summary } from './helpers';

function workspace(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-posture-local-modules-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

async function sdksOf(files: Record<string, string>): Promise<string[]> {
  const root = workspace(files);
  try {
    const scan = await scanWorkspace(root, defaultConfig(), { jobs: 1 });
    return summary(scan.bom).filter((line) => line.startsWith('sdk '));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe("AI-BOM: imports of the workspace's own modules", () => {
  it('an import that a module beside the file answers is not the SDK of the same name', async () => {
    const sdks = await sdksOf({
      'crews/post/main.py': 'from agents import MarketingAgents\nfrom crewai import Crew\n',
      'crews/post/agents.py': 'from crewai import Agent\n\nclass MarketingAgents:\n    pass\n',
    });
    assert.deepEqual(sdks, ['sdk crewai']);
  });

  it('a module a script runs (`python -m agents.run`) that a workspace package answers is not the SDK', async () => {
    const sdks = await sdksOf({
      'scripts/run.sh': 'python -m agents.run\npython -m vllm.entrypoints.openai.api_server --port 8000\n',
      'agents/__init__.py': 'from .run import main\n',
      'agents/run.py': 'def main():\n    pass\n',
    });
    assert.deepEqual(sdks, ['sdk vllm']);
  });

  it('a package folder at the workspace root, or a namespace folder holding the imported submodule, answers too', async () => {
    const sdks = await sdksOf({
      'agents/agent.py': 'class Agent:\n    pass\n',
      'agents/demo.ipynb': JSON.stringify({
        cells: [{ cell_type: 'code', source: ['from agents.agent import Agent\n', 'import anthropic\n'] }],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      }),
      'tools/__init__.py': '',
      'app.py': 'import tools\nfrom agents import Runner\n',
    });
    // `from agents import Runner` at the root: no agents.py, no agents/__init__.py, no agents/Runner.py: the SDK.
    assert.deepEqual(sdks, ['sdk anthropic', 'sdk openai-agents']);
  });

  it('a later notebook cell that calls what a local module import bound is not evidence of the SDK either', async () => {
    const sdks = await sdksOf({
      'agents/agent.py': 'class Agent:\n    pass\n',
      'agents/tools/mcp_tool.py': 'class MCPTool:\n    pass\n',
      'agents/demo.ipynb': JSON.stringify({
        cells: [
          {
            cell_type: 'code',
            source: ['from agents.agent import Agent\n', 'from agents.tools.mcp_tool import MCPTool\n', 'import anthropic\n'],
          },
          {
            cell_type: 'code',
            source: [
              'agent = Agent(name="x", system="You are a helpful assistant.", model="claude-3-7-sonnet-20250219")\n',
              'agent.run("hi")\n',
            ],
          },
        ],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      }),
    });
    assert.deepEqual(sdks, ['sdk anthropic']);
  });

  it('a wrapper module named like the SDK it imports lazily is not what it imports', async () => {
    const sdks = await sdksOf({
      'llm/__init__.py': '',
      'llm/anthropic.py': [
        'class AnthropicService:',
        '    def __init__(self, key):',
        '        try:',
        '            from anthropic import Anthropic',
        '            self.client = Anthropic(api_key=key)',
        '        except Exception:',
        '            raise Exception("pip install anthropic")',
        '',
      ].join('\n'),
      'llm/groq.py': 'def client():\n    from groq import Groq\n    return Groq()\n',
      // Near miss: a sibling module named `groq` still answers an import from another file of the folder.
      'llm/router.py': 'import groq\n',
    });
    assert.deepEqual(sdks, ['sdk anthropic', 'sdk groq']);
  });

  it('keeps the SDK when no local module answers, or when a manifest declares it', async () => {
    assert.deepEqual(await sdksOf({ 'main.py': 'from agents import Agent, Runner\n' }), ['sdk openai-agents']);
    const declared = await sdksOf({
      'requirements.txt': 'openai-agents==0.2.0\n',
      'main.py': 'from agents import Agent\n',
      'agents.py': 'Agent = object\n',
    });
    assert.deepEqual(declared, ['sdk openai-agents@0.2.0']);
  });
});

describe('AI-BOM: services an SDK implies follow the SDK', () => {
  async function componentsOf(files: Record<string, string>): Promise<string[]> {
    const root = workspace(files);
    try {
      return summary((await scanWorkspace(root, defaultConfig(), { jobs: 1 })).bom);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }

  it("near miss: the project's own `agents` package implies no OpenAI service", async () => {
    const lines = await componentsOf({
      'agents/__init__.py': '',
      'agents/agent.py': 'class Agent:\n    pass\n',
      'demo.py': 'import anthropic\nfrom agents.agent import Agent\nclient = anthropic.Anthropic()\n',
    });
    assert.ok(!lines.some((line) => line.startsWith('sdk openai-agents')));
    assert.ok(!lines.includes('service OpenAI API (openai)'), lines.join('\n'));
  });

  it('the Agents SDK imported where no local module shadows it implies OpenAI', async () => {
    const lines = await componentsOf({ 'app.py': 'from agents import Agent, Runner\nagent = Agent(name="a", instructions="b")\n' });
    assert.ok(lines.includes('service OpenAI API (openai)'), lines.join('\n'));
  });
});
