import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promptKindOf } from '../../../server/src/engine/inventory/prompts';
import { find, inventoryOf, propertyValues, summary } from './helpers';

describe('inventory: prompts and agent instruction files', () => {
  it('classifies instruction, rules, prompt, agent and skill files of each assistant', () => {
    const cases: [string, string | undefined][] = [
      ['.github/copilot-instructions.md', 'instructions/copilot'],
      ['.github/instructions/python.instructions.md', 'instructions/copilot'],
      ['.github/prompts/review.prompt.md', 'prompt-file/copilot'],
      ['.github/chatmodes/plan.chatmode.md', 'agent/copilot'],
      ['.github/agents/triage.agent.md', 'agent/copilot'],
      ['AGENTS.md', 'instructions/agents-md'],
      ['services/api/AGENTS.md', 'instructions/agents-md'],
      ['CLAUDE.md', 'instructions/claude-code'],
      ['.claude/agents/reviewer.md', 'agent/claude-code'],
      ['.claude/commands/release.md', 'prompt-file/claude-code'],
      ['.claude/output-styles/executive.md', 'output-style/claude-code'],
      ['docs/output-styles/executive.md', undefined],
      ['.claude/skills/pdf/SKILL.md', 'skill/claude-code'],
      ['.claude/skills/release.md', 'skill/claude-code'],
      ['.claude/skills/pdf/references/forms.md', undefined],
      ['docs/skills/release.md', undefined],
      ['GEMINI.md', 'instructions/gemini-cli'],
      ['.gemini/commands/git/commit.toml', 'prompt-file/gemini-cli'],
      ['.gemini/settings.toml', undefined],
      ['.opencode/agent/review.md', 'agent/opencode'],
      ['.opencode/command/test.md', 'prompt-file/opencode'],
      ['.cursor/commands/release.md', 'prompt-file/cursor'],
      ['.cursorrules', 'rules/cursor'],
      ['.cursor/rules/style.mdc', 'rules/cursor'],
      ['.cursor/BUGBOT.md', 'instructions/cursor-bugbot'],
      ['backend/.cursor/BUGBOT.md', 'instructions/cursor-bugbot'],
      ['docs/BUGBOT.md', undefined],
      ['.windsurf/rules/a.md', 'rules/windsurf'],
      ['.clinerules', 'rules/cline'],
      ['.roo/rules-code/a.md', 'rules/roo-code'],
      ['.continue/rules/a.md', 'rules/continue'],
      ['plugins/Writer/Summarize/skprompt.txt', 'semantic-kernel/'],
      ['prompts/triage.prompty', 'prompty/'],
      ['src/app/prompts/answer.txt', 'template/'],
      ['app/prompt_templates/summary.jinja2', 'template/'],
      ['evals/generate_prompt.txt', 'template/'],
      ['system-prompt.j2', 'template/'],
      ['README.md', undefined],
      ['docs/agents.txt', undefined],
      ['prompts/README.md', undefined],
      ['docs/prompts/guide.md', undefined],
      ['prompts/examples/data.json', undefined],
      ['requirements-prompt_toolkit.txt', undefined],
      ['tests/promptfoo.txt', undefined],
      ['src/agentConfigs/voiceAgentMetaprompt.txt', 'template/'],
      ['autonomous-coding/prompts/coding_prompt.md', 'template/'],
      ['.claude/skills/e2e/prompts/example_s3.md', 'template/'],
      ['docs/guides/prompts/writing.md', undefined],
      ['src/prompts/index.md', undefined],
      ['docs/prompt-engineering.md', undefined],
      ['plugins/context7-power/POWER.md', 'instructions/kiro'],
      ['.kiro/steering/product.md', 'rules/kiro'],
      ['providers/kiro/get-started.md', 'instructions/kiro'],
      ['plugins/cursor/context7/rules/use-context7.mdc', 'rules/cursor'],
      ['rules/style.md', 'rules/'],
      ['docs/rules/style.md', undefined],
      ['skills/best-practices.md', 'skill/'],
      ['skills/README.md', undefined],
      ['.junie/guidelines.md', 'instructions/junie'],
      ['.amazonq/rules/security.md', 'rules/amazon-q'],
      ['.augment/rules/style.md', 'rules/augment'],
      ['.augment-guidelines', 'instructions/augment'],
      ['.trae/rules/project_rules.md', 'rules/trae'],
      ['.openhands/microagents/repo.md', 'agent/openhands'],
      ['.goosehints', 'instructions/goose'],
      ['.windsurf/workflows/release.md', 'prompt-file/windsurf'],
      ['.gemini/styleguide.md', 'instructions/gemini-code-assist'],
      ['.codex/prompts/review.md', 'prompt-file/codex'],
      ['.rules', 'rules/zed'],
      ['src/.rules', undefined],
      ['.junie/notes.txt', undefined],
      ['QWEN.md', 'instructions/qwen-code'],
      ['CRUSH.md', 'instructions/crush'],
      ['WARP.md', 'instructions/warp'],
      ['.kilocode/rules/style.md', 'rules/kilo-code'],
    ];
    for (const [path, expected] of cases) {
      const kind = promptKindOf(path);
      assert.equal(kind ? `${kind.type}/${kind.tool ?? ''}` : undefined, expected, path);
    }
  });

  it('a .prompty file is a prompt that depends on its model and endpoint; the api key is never copied', async () => {
    const text = [
      '---',
      'name: Triage',
      'model:',
      '  api: chat',
      '  configuration:',
      '    type: azure_openai',
      '    azure_deployment: triage-gpt4o',
      '    azure_endpoint: https://contoso.openai.azure.com/',
      '    api_key: not-a-real-key-123',
      '---',
      'system:',
      'Classify the ticket.',
      '',
    ].join('\n');
    const bom = await inventoryOf({ 'prompts/triage.prompty': text });
    assert.deepEqual(summary(bom), [
      'model triage-gpt4o (azure-openai)',
      'service Azure OpenAI (azure-openai)',
      'prompt prompts/triage.prompty',
    ]);
    const prompt = find(bom, 'prompt', 'prompts/triage.prompty');
    assert.equal(prompt.sha256, createHash('sha256').update(text).digest('hex'));
    assert.deepEqual(prompt.dependsOn, ['model:azure-openai/triage-gpt4o', 'service:azure-openai']);
    assert.deepEqual(propertyValues(prompt, 'prompt:title'), ['Triage']);
    assert.equal(find(bom, 'model', 'triage-gpt4o').occurrences[0].line, 7);
    assert.ok(!JSON.stringify(bom).includes('not-a-real-key-123'));
  });

  it('Semantic Kernel skprompt.txt and YAML prompts; agent front matter with model and tools', async () => {
    const bom = await inventoryOf({
      'plugins/Writer/Summarize/skprompt.txt': 'Summarize: {{$input}}\n',
      'prompts/joke.yaml':
        'name: Joke\ntemplate_format: handlebars\ntemplate: |\n  Tell a joke about {{topic}}\ninput_variables:\n  - name: topic\n',
      '.github/agents/triage.agent.md':
        '---\ndescription: Triage issues\nmodel: gpt-4.1\ntools: [search, "github/*"]\n---\nYou triage issues.\n',
      '.claude/agents/reviewer.md': '---\nname: reviewer\nmodel: inherit\n---\nReview code.\n',
    });
    assert.deepEqual(summary(bom), [
      'model gpt-4.1 (openai)',
      'prompt .claude/agents/reviewer.md',
      'prompt .github/agents/triage.agent.md',
      'prompt plugins/Writer/Summarize/skprompt.txt',
      'prompt prompts/joke.yaml',
    ]);
    const sk = find(bom, 'prompt', 'plugins/Writer/Summarize/skprompt.txt');
    assert.deepEqual(propertyValues(sk, 'sk:plugin'), ['Writer']);
    assert.deepEqual(propertyValues(sk, 'sk:function'), ['Summarize']);
    assert.deepEqual(propertyValues(find(bom, 'prompt', 'prompts/joke.yaml'), 'prompt:template-format'), ['handlebars']);
    assert.deepEqual(propertyValues(find(bom, 'prompt', '.github/agents/triage.agent.md'), 'agent:tool'), ['github/*', 'search']);
  });

  it('Claude Code plugin subagents and commands: agents/ and commands/ files with Claude Code front matter', async () => {
    const bom = await inventoryOf({
      'plugins/feature-dev/agents/code-architect.md':
        '---\nname: code-architect\ndescription: Designs features\ntools: Glob, Grep, Read\nmodel: sonnet\ncolor: green\n---\nYou are a senior architect.\n',
      // Examples inside a description make the front matter invalid YAML; Claude Code still reads it.
      'plugins/plugin-dev/agents/agent-creator.md':
        '---\nname: agent-creator\ndescription: Use this agent when asked. Examples: user: "Create an agent"\nmodel: opus\n---\nYou create agents.\n',
      'agents/reviewer.md': '---\nname: reviewer\ndescription: Reviews\nmodel: inherit\n---\nReview the diff.\n',
      'plugins/commit-commands/commands/commit.md':
        '---\nallowed-tools: Bash(git add:*)\ndescription: Create a git commit\n---\nCreate a single commit.\n',
      'plugins/commit-commands/commands/clean_gone.md': '---\ndescription: Cleans up gone branches\n---\nRun git fetch --prune.\n',
      'commands/review.md':
        '---\nargument-hint: [pr]\ndescription: Review a PR\nmodel: claude-3-5-haiku-20241022\n---\nReview $ARGUMENTS.\n',
      // Near misses: documentation pages about agents or commands, a README, a description alone outside a plugin.
      'docs/commands/build.md': '---\ntitle: build\ndescription: Builds the site\nsidebar_position: 2\n---\n# build\n',
      'docs/commands/deploy.md': '---\ndescription: Deploys the site\n---\n# deploy\n',
      'docs/agents/overview.md': '---\nname: overview\ndescription: About our agents\n---\n# Agents\n',
      'src/agents/notes.md': '# Notes\n',
      'plugins/x/agents/README.md': '---\nname: x\ndescription: y\nmodel: sonnet\n---\n',
    });
    assert.deepEqual(summary(bom), [
      'model claude-3-5-haiku-20241022 (anthropic)',
      'model opus (anthropic)',
      'model sonnet (anthropic)',
      'prompt agents/reviewer.md',
      'prompt commands/review.md',
      'prompt plugins/commit-commands/commands/clean_gone.md',
      'prompt plugins/commit-commands/commands/commit.md',
      'prompt plugins/feature-dev/agents/code-architect.md',
      'prompt plugins/plugin-dev/agents/agent-creator.md',
    ]);
    assert.deepEqual(propertyValues(find(bom, 'prompt', 'plugins/feature-dev/agents/code-architect.md'), 'prompt:type'), ['agent']);
    assert.deepEqual(propertyValues(find(bom, 'prompt', 'commands/review.md'), 'prompt:tool'), ['claude-code']);
    // Rules judge prompt files by path: a docs folder named `commands` is not one to them.
    assert.equal(promptKindOf('docs/commands/deploy.md'), undefined);
  });

  it('agent-ecosystem files outside dot folders: Kiro powers, plugin rules and parts, single-file skills, Markdown prompts', async () => {
    const bom = await inventoryOf({
      'plugins/context7-power/POWER.md':
        '---\nname: "context7"\ndisplayName: "Context7"\ndescription: "Find docs"\nkeywords: ["docs"]\n---\n# Context7\nUse this power when the user asks about a library.\n',
      'providers/kiro/get-started.md': '---\nname: "stripe"\ndisplayName: "Stripe"\ndescription: "Payments"\n---\n# Stripe power\n',
      'plugins/cursor/context7/rules/use-context7.mdc': '---\nalwaysApply: true\n---\nUse Context7 when unsure about an API.\n',
      'plugins/copilot/context7/commands/docs.md': '---\ndescription: Look up documentation for any library\n---\n# /context7:docs\n',
      'plugins/cursor/context7/agents/docs-researcher.md':
        '---\nname: docs-researcher\ndescription: Fetches library documentation\n---\nYou are a documentation researcher.\n',
      'skills/stripe-best-practices.md':
        '---\ndescription: Best practices for Stripe integrations\nalwaysApply: false\n---\nPrefer CheckoutSessions.\n',
      'rules/typescript.md': '---\nglobs: "**/*.ts"\n---\nUse strict mode.\n',
      'packages/pi/prompts/c7-docs.md': '---\ndescription: Fetch docs\nargument-hint: <library>\n---\nLook up documentation for `$1`.\n',
      // Near misses: a power without front matter, rules and skills folders' notes, a docs page about prompts.
      'notes/POWER.md': '# Power supply notes\n',
      'rules/naming.md': '# Naming rules of the project\n',
      'skills/overview.md': '# Skills we teach\n',
      'skills/python.md': '---\nlayout: skill\nname: Python\ndescription: Ten years of Python\n---\n# Python\n',
      'docs/prompts/guide.md': '# How we write prompts\n',
      'plugins/x/commands/README.md': '---\ndescription: y\n---\n',
      'commands/git/commit.toml': 'description = "Writes a commit message"\nprompt = "Write a commit message for the staged diff."\n',
      'src/commands/build.toml': 'name = "build"\nrun = "make"\n',
    });
    assert.deepEqual(summary(bom), [
      'prompt commands/git/commit.toml',
      'prompt packages/pi/prompts/c7-docs.md',
      'prompt plugins/context7-power/POWER.md',
      'prompt plugins/copilot/context7/commands/docs.md',
      'prompt plugins/cursor/context7/agents/docs-researcher.md',
      'prompt plugins/cursor/context7/rules/use-context7.mdc',
      'prompt providers/kiro/get-started.md',
      'prompt rules/typescript.md',
      'prompt skills/stripe-best-practices.md',
    ]);
    assert.deepEqual(propertyValues(find(bom, 'prompt', 'plugins/context7-power/POWER.md'), 'prompt:tool'), ['kiro']);
  });

  it('agent rules a setup script installs from the top-level rules/ folder, kept when the file exists', async () => {
    const bom = await inventoryOf({
      'packages/cli/src/setup/templates.ts': [
        'const GITHUB_RAW_URLS = ["https://raw.githubusercontent.com/org/repo/main/rules"];',
        'export async function getRuleContent(mode: string) {',
        '  const filename = mode === "mcp" ? "context7-mcp.md" : "context7-cli.md";',
        '  return fetch(GITHUB_RAW_URLS[0] + "/" + filename);',
        '}',
        '',
      ].join('\n'),
      'scripts/install.sh': 'cp rules/style.md ~/.cursor/rules/style.mdc\n',
      'rules/context7-mcp.md': 'Use Context7 MCP to fetch current documentation.\n',
      'rules/context7-cli.md': 'Use the ctx7 CLI to fetch current documentation.\n',
      'rules/style.md': 'Prefer small functions.\n',
      // Near misses: a rules file no script names, a name whose file does not exist, a changelog beside the code.
      'rules/notes.md': '# Notes\n',
      'src/lint.ts': 'const RULES = "./rules";\nconst LOG = "CHANGELOG.md";\nconst MISSING = "missing.md";\n',
    });
    assert.deepEqual(summary(bom), ['prompt rules/context7-cli.md', 'prompt rules/context7-mcp.md', 'prompt rules/style.md']);
  });

  it('ordinary YAML and Markdown are not prompts', async () => {
    const bom = await inventoryOf({ 'ci.yml': 'name: ci\non: push\njobs: {}\n', 'docs/usage.md': '# Usage\n' });
    assert.deepEqual(summary(bom), []);
  });

  it('skill reference files: the files SKILL.md names inside its folder; single-file skills with front matter', async () => {
    const skill = [
      '---',
      'name: cookbook-review',
      'description: Review a cookbook file',
      '---',
      '# Cookbook Review Skill',
      'See [`inclusive-language.md`](./inclusive-language.md) for the full guide.',
      '- [`voice-and-tone.md`](./voice-and-tone.md) — Brand voice',
      '- Forms: read `references/forms.md` before filling a form.',
      "- Use the repo's [contributing guide](../../CONTRIBUTING_GUIDE.md) instead.",
      '- The [API docs](https://docs.example.com/guide.md) and the missing [notes](./notes.md).',
      '',
    ].join('\n');
    const bom = await inventoryOf({
      'skills/cookbook-review/SKILL.md': skill,
      'skills/cookbook-review/inclusive-language.md': '# Inclusive language\n',
      'skills/cookbook-review/voice-and-tone.md': '# Voice and tone\n',
      'skills/cookbook-review/references/forms.md': '# Forms\n',
      // Not named by the skill: not listed.
      'skills/cookbook-review/drafts.md': '# Drafts\n',
      'CONTRIBUTING_GUIDE.md': '# Contributing\n',
      // Front matter assistants accept though it is no valid YAML (a second `: ` in a plain scalar).
      '.claude/skills/release.md': '---\nname: release\ndescription: Open a `chore: mark v1` PR\n---\nBump the version and tag it.\n',
      // A folder's README without skill front matter is no skill.
      '.claude/skills/notes.md': '# Notes about our skills\n',
    });
    assert.deepEqual(summary(bom), [
      'prompt .claude/skills/release.md',
      'prompt skills/cookbook-review/SKILL.md',
      'prompt skills/cookbook-review/inclusive-language.md',
      'prompt skills/cookbook-review/references/forms.md',
      'prompt skills/cookbook-review/voice-and-tone.md',
    ]);
    const reference = find(bom, 'prompt', 'skills/cookbook-review/voice-and-tone.md');
    assert.equal(reference.sha256, createHash('sha256').update('# Voice and tone\n').digest('hex'));
    assert.deepEqual(reference.occurrences[0], {
      path: 'skills/cookbook-review/SKILL.md',
      line: 7,
      evidence: 'file',
      symbol: 'voice-and-tone.md',
    });
  });

  it('files a skill reference file points on to, inside the skill; not those outside it or never named', async () => {
    const bom = await inventoryOf({
      'skills/search/SKILL.md': '---\nname: search\ndescription: Search the web\n---\nAlways read `references/searching.md`.\n',
      'skills/search/references/searching.md': [
        '# Searching',
        '| File | Use |',
        '|---|---|',
        '| `patterns-code.md` | Code, APIs, docs |',
        '| `../../../docs/guide.md` | outside the skill |',
        '',
      ].join('\n'),
      'skills/search/references/patterns-code.md': '# Code patterns\n',
      'skills/search/references/patterns-unused.md': '# Unused\n',
      'docs/guide.md': '# Guide\n',
    });
    assert.deepEqual(summary(bom), [
      'prompt skills/search/SKILL.md',
      'prompt skills/search/references/patterns-code.md',
      'prompt skills/search/references/searching.md',
    ]);
  });
});
