import * as assert from 'node:assert/strict';
import { find, inventoryOf, propertyValues, summary } from './helpers';

/** GitHub Agentic Workflows: the Markdown source (front matter and prompt) and the compiled lock file. */

const SHA = '8c7d04ebf1ece56cd381446125da3e0f6896294a';

const TRIAGE = [
  '---',
  'description: Triage new issues',
  '"on":',
  '  issues:',
  '    types: [opened]',
  'permissions:',
  '  contents: read',
  '  copilot-requests: write',
  'safe-outputs:',
  '  add-comment:',
  '    max: 1',
  'tools:',
  '  github:',
  '    toolsets: [default]',
  '  web-fetch: {}',
  'mcp-servers:',
  '  microsoftdocs:',
  '    url: "https://learn.microsoft.com/api/mcp"',
  '    allowed: ["*"]',
  '  notion:',
  '    container: mcp/notion',
  '    version: "1.2.0"',
  '    env:',
  '      NOTION_TOKEN: secret',
  '  fetch:',
  '    command: uvx',
  '    args: ["mcp-server-fetch==2025.4.7"]',
  '---',
  '',
  '# Issue triage',
  '',
  'You are an AI agent that triages newly opened issues. Read the issue, find duplicates and add labels.',
].join('\n');

describe('inventory: GitHub Agentic Workflows', () => {
  it('the engine service, the MCP servers the agent is given and the prompt of a workflow source', async () => {
    const bom = await inventoryOf({ '.github/workflows/issue-triage.md': TRIAGE });
    assert.deepEqual(summary(bom), [
      'service GitHub Copilot (github)',
      'plugin fetch@2025.4.7',
      'plugin github',
      'plugin microsoftdocs',
      'plugin notion@1.2.0',
      'plugin safeoutputs',
      'prompt .github/workflows/issue-triage.md',
    ]);
    assert.equal(find(bom, 'plugin', 'github').ref, 'plugin:mcp/docker/ghcr.io/github/github-mcp-server');
    const docs = find(bom, 'plugin', 'microsoftdocs');
    assert.equal(docs.ref, 'plugin:mcp/remote/learn.microsoft.com');
    assert.deepEqual(propertyValues(docs, 'mcp:auto-approve'), ['*']);
    assert.deepEqual(propertyValues(docs, 'mcp:client'), ['gh-aw']);
    const notion = find(bom, 'plugin', 'notion');
    assert.equal(notion.ref, 'plugin:mcp/docker/mcp/notion');
    assert.deepEqual(propertyValues(notion, 'mcp:env'), ['NOTION_TOKEN']);
    assert.equal(find(bom, 'plugin', 'fetch').ref, 'plugin:mcp/pypi/mcp-server-fetch');
    assert.deepEqual(propertyValues(find(bom, 'prompt', '.github/workflows/issue-triage.md'), 'prompt:type'), ['agentic-workflow']);
  });

  it('the engine a workflow names, and the remote GitHub server of mode: remote', async () => {
    const bom = await inventoryOf({
      '.github/workflows/claude.md': [
        '---',
        'on: workflow_dispatch',
        'engine:',
        '  id: claude',
        'tools:',
        '  github:',
        '    mode: remote',
        '---',
        'Summarise the open pull requests for the weekly report.',
      ].join('\n'),
      '.github/workflows/codex.md': [
        '---',
        'on: push',
        'engine: codex',
        'tools:',
        '  playwright:',
        '---',
        'Check the docs site renders.',
      ].join('\n'),
    });
    assert.ok(find(bom, 'service', 'Anthropic API'));
    assert.ok(find(bom, 'service', 'OpenAI API'));
    assert.equal(find(bom, 'plugin', 'github').ref, 'plugin:mcp/remote/api.githubcopilot.com');
    assert.equal(find(bom, 'plugin', 'playwright').ref, 'plugin:mcp/docker/mcr.microsoft.com/playwright/mcp');
    assert.equal(
      bom.components.some((component) => component.name === 'GitHub Copilot'),
      false,
    );
  });

  it('near miss: a Markdown page in the workflows folder, front matter without agent settings, Markdown elsewhere, copilot in a comment', async () => {
    const bom = await inventoryOf({
      '.github/workflows/README.md': '# Workflows\n\nThe release workflow runs copilot review on each pull request (see copilot docs).\n',
      '.github/workflows/notes.md': ['---', 'title: Release notes', 'tools: [gh, jq]', '---', 'How we release.'].join('\n'),
      '.github/workflows/schedule.md': ['---', 'on: push', 'owner: infra', '---', 'Which workflows run on push.'].join('\n'),
      'docs/triage.md': TRIAGE,
      '.github/workflows/ci.yml': [
        '# Review with GitHub Copilot (copilot -p) once the gh-aw-actions setup lands.',
        'on: push',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: echo "copilot review is manual"',
      ].join('\n'),
    });
    assert.deepEqual(summary(bom), []);
  });

  it('the compiled lock file: the gh-aw action with the service of the engine its steps name', async () => {
    const lock = [
      'name: "Issue Triage"',
      '"on":',
      '  issues:',
      'jobs:',
      '  agent:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - name: Setup Scripts',
      `        uses: github/gh-aw-actions/setup@${SHA} # v0.80.9`,
      '        env:',
      '          GH_AW_INFO_ENGINE_ID: "claude"',
      '      - name: Other job setup',
      `        uses: github/gh-aw-actions/setup@${SHA} # v0.80.9`,
    ].join('\n');
    const bom = await inventoryOf({ '.github/workflows/issue-triage.lock.yml': lock });
    const action = find(bom, 'plugin', 'github/gh-aw-actions/setup');
    assert.equal(action.version, SHA);
    assert.deepEqual(propertyValues(action, 'ci:pinned'), ['true']);
    assert.deepEqual(action.dependsOn, ['service:anthropic']);
    assert.equal(action.occurrences.length, 2);
  });
});
