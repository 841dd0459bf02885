import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnalysisCache } from '../../../server/src/engine/cache';
import { defaultConfig } from '../../../server/src/engine/config/config';
import { isPromptFileCandidate } from '../../../server/src/engine/inventory/promptFiles';
import { scanWorkspace } from '../../../server/src/engine/scan';
import { find, inventoryOf, propertyValues } from './helpers';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Prompt components only, as `name <- loading occurrences`. */
async function promptsOf(files: Record<string, string>): Promise<string[]> {
  const bom = await inventoryOf(files);
  return bom.components
    .filter((component) => component.kind === 'prompt')
    .map((component) => {
      const loads = component.occurrences.filter((at) => at.evidence !== 'file').map((at) => `${at.path}:${at.line}`);
      return `${component.name} <- ${loads.join(' ')}`;
    });
}

describe('inventory: prompt files loaded by code', () => {
  it('which files may be prompts code loads', () => {
    for (const file of [
      'app/prompts/system.md',
      'agent/overview.md',
      'templates/answer.jinja2',
      'Prompts/agent.txt',
      'prompts/few_shot.json',
    ])
      assert.ok(isPromptFileCandidate(file), file);
    for (const file of ['README.md', 'docs/CHANGELOG.md', 'requirements.txt', 'config/settings.json', 'package.json', 'data/train.yaml'])
      assert.ok(!isPromptFileCandidate(file), file);
  });

  it('package resources: importlib.resources files(…).joinpath(…) and read_text(package, name), kept when the file exists', async () => {
    const prompts = await promptsOf({
      // A library that imports no LLM SDK still ships and reads its own prompt files.
      'src/lib/agents.py': [
        'import importlib',
        'from importlib import resources',
        'import yaml',
        'CODE = yaml.safe_load(importlib.resources.files("lib.prompts").joinpath("code_agent.yaml").read_text())',
        'TOOL = resources.read_text("lib.prompts", "tool_agent.md")',
        'GONE = resources.read_text("lib.prompts", "missing.md")',
        // Near miss: a package data file that is no prompt.
        'SCHEMA = importlib.resources.files("lib.data").joinpath("schema.yaml").read_text()',
        '',
      ].join('\n'),
      'src/lib/prompts/code_agent.yaml': 'system_prompt: |\n  You are an expert assistant who can solve any task using code.\n',
      'src/lib/prompts/tool_agent.md': 'You are a tool-calling agent.\n',
      'src/lib/data/schema.yaml': 'type: object\n',
    });
    assert.deepEqual(prompts.sort(), [
      'src/lib/prompts/code_agent.yaml <- src/lib/agents.py:4',
      'src/lib/prompts/tool_agent.md <- src/lib/agents.py:5',
    ]);
  });

  it('Python paths: Path(__file__).parent / "prompts", os.path.join(dirname(__file__)), a Jinja search path, LangChain loaders', async () => {
    const prompts = await promptsOf({
      'app/agent.py': [
        'import os',
        'from pathlib import Path',
        'from openai import OpenAI',
        'from jinja2 import Environment, FileSystemLoader',
        'PROMPTS = Path(__file__).parent / "prompts"',
        'SYSTEM = (PROMPTS / "system.md").read_text()',
        'with open(os.path.join(os.path.dirname(__file__), "prompts", "few_shot.json")) as f:',
        '    SHOTS = f.read()',
        'env = Environment(loader=FileSystemLoader("templates"))',
        'answer = env.get_template("answer.jinja2")',
        '',
      ].join('\n'),
      'app/prompts/system.md': 'You are the triage agent.\n',
      'app/prompts/few_shot.json': '[{"q": "a", "a": "b"}]\n',
      'app/templates/answer.jinja2': 'Answer {{ question }} from {{ context }}.\n',
      'lc/chain.py': [
        'from langchain_core.prompts import PromptTemplate',
        'from langchain.prompts import load_prompt',
        'qa = PromptTemplate.from_file("prompts/qa.txt")',
        'summary = load_prompt("lc/prompts/summary.yaml")',
        '',
      ].join('\n'),
      'lc/prompts/qa.txt': 'Question: {question}\n',
      'lc/prompts/summary.yaml': '_type: prompt\ntemplate: Summarise {text}\n',
    });
    assert.deepEqual(prompts, [
      'app/prompts/few_shot.json <- app/agent.py:7',
      'app/prompts/system.md <- app/agent.py:6',
      'app/templates/answer.jinja2 <- app/agent.py:10',
      'lc/prompts/qa.txt <- lc/chain.py:3',
      'lc/prompts/summary.yaml <- lc/chain.py:4',
    ]);
  });

  it('a loaded file carries its hash and the code that loads it; a file already listed by its name gains the occurrence', async () => {
    const bom = await inventoryOf({
      'web/src/chat.ts': [
        "import OpenAI from 'openai';",
        "import fs from 'node:fs';",
        "import path from 'node:path';",
        "const system = fs.readFileSync(path.join(__dirname, 'prompts', 'system.txt'), 'utf8');",
        "const systemPrompt = fs.readFileSync(path.join(__dirname, 'agent', 'persona.md'), 'utf8');",
        '',
      ].join('\n'),
      'web/src/prompts/system.txt': 'Be concise.\n',
      'web/src/agent/persona.md': 'You are Max.\n',
    });
    const named = find(bom, 'prompt', 'web/src/prompts/system.txt');
    assert.deepEqual(propertyValues(named, 'prompt:type'), ['template']);
    assert.deepEqual(propertyValues(named, 'prompt:loaded-by'), ['web/src/chat.ts']);
    assert.deepEqual(
      named.occurrences.map((at) => `${at.path}:${at.line ?? ''}:${at.evidence}`),
      ['web/src/chat.ts:4:call', 'web/src/prompts/system.txt::file'],
    );
    // A Markdown file outside a prompt folder counts when it is read into a prompt-like name.
    assert.equal(find(bom, 'prompt', 'web/src/agent/persona.md').sha256, sha('You are Max.\n'));
  });

  it('C# File.ReadAllText: relative to the project folder or the app base directory', async () => {
    const prompts = await promptsOf({
      'dotnet/Agent/Program.cs': [
        'using OpenAI.Chat;',
        'using System.IO;',
        'var system = File.ReadAllText("Prompts/agent.txt");',
        'var other = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Prompts", "review.md"));',
        '',
      ].join('\n'),
      'dotnet/Agent/Prompts/agent.txt': 'Be helpful.\n',
      'dotnet/Agent/Prompts/review.md': 'Review the code.\n',
    });
    assert.deepEqual(prompts, [
      'dotnet/Agent/Prompts/agent.txt <- dotnet/Agent/Program.cs:3',
      'dotnet/Agent/Prompts/review.md <- dotnet/Agent/Program.cs:4',
    ]);
  });

  it('near misses: data files, a README read by a build script, missing files, reads in code without an LLM SDK', async () => {
    const prompts = await promptsOf({
      // contoso-chat reads its CORS origins next to the app; crewAI flows read their input notes.
      'src/api/main.py': [
        'from pathlib import Path',
        'from openai import AzureOpenAI',
        'origins = [o.strip() for o in Path(Path(__file__).parent / "origins.txt").read_text().splitlines()]',
        'with open("meeting_notes.txt") as f:',
        '    transcript = f.read()',
        'missing = open("prompts/missing.md").read()',
        '',
      ].join('\n'),
      'src/api/origins.txt': 'http://localhost:8000\n',
      'meeting_notes.txt': 'Notes.\n',
      'setup.py': ['from setuptools import setup', 'setup(long_description=open("README.md").read())', ''].join('\n'),
      'README.md': '# Demo\n',
      'tools/render.py': ['import torch', 'SYSTEM_PROMPT = open("templates/unused_prompt.md").read()', ''].join('\n'),
      'tools/templates/unused_prompt.md': 'Text.\n',
    });
    assert.deepEqual(prompts, []);
  });

  it('a real scan records prompt files as it reads them and resolves references once, with the cache too', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-posture-prompt-files-'));
    try {
      fs.mkdirSync(path.join(root, 'agent', 'prompts'), { recursive: true });
      fs.writeFileSync(
        path.join(root, 'agent', 'main.py'),
        'from pathlib import Path\nfrom anthropic import Anthropic\nSYSTEM = (Path(__file__).parent / "prompts" / "system.md").read_text()\n',
      );
      fs.writeFileSync(path.join(root, 'agent', 'prompts', 'system.md'), 'You review pull requests.\n');
      fs.writeFileSync(path.join(root, 'agent', 'notes.md'), 'Not read by code.\n');
      // The second run answers every file from the cache: the prompt file's hash must come from it.
      const cache = new AnalysisCache();
      for (let run = 0; run < 2; run++) {
        const { bom } = await scanWorkspace(root, defaultConfig(), { cache });
        const prompts = bom.components.filter((component) => component.kind === 'prompt');
        assert.deepEqual(
          prompts.map((component) => component.name),
          ['agent/prompts/system.md'],
          `run ${run}`,
        );
        assert.equal(prompts[0]?.sha256, sha('You review pull requests.\n'));
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
