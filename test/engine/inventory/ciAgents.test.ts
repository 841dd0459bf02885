import * as assert from 'node:assert/strict';
import { ciPlatformOf } from '../../../server/src/engine/inventory/ciAgents';
import { collectFromFile } from '../../../server/src/engine/inventory/collect';
import type { AiComponent } from '../../../server/src/engine/inventory/types';
import { inventoryOf, find as named, namesOf, propertyValues, summary } from './helpers';

/** The component of that kind and name, and of that version when one is given (one action, two refs). */
function find(bom: Awaited<ReturnType<typeof inventoryOf>>, kind: AiComponent['kind'], name: string, version?: string): AiComponent {
  if (version === undefined) return named(bom, kind, name);
  const component = bom.components.find((entry) => entry.kind === kind && entry.name === name && entry.version === version);
  assert.ok(component, `no ${kind} ${name}@${version}`);
  return component;
}

const plugins = (bom: Awaited<ReturnType<typeof inventoryOf>>) => summary(bom).filter((line) => line.startsWith('plugin '));
const SHA = 'd5726de019ec4498aa667642bc3a80fca83aa102';

describe('inventory: AI agents in CI pipelines', () => {
  it('agent actions with their ref, pin state and the service they call', async () => {
    const bom = await inventoryOf({
      '.github/workflows/claude.yml': [
        'name: Claude Code',
        'on:',
        '  issue_comment:',
        '    types: [created]',
        'jobs:',
        '  claude:',
        "    if: contains(github.event.comment.body, '@claude')",
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - name: Run Claude Code',
        '        id: claude',
        '        uses: anthropics/claude-code-action@v1',
        '        with:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable reference as the configuration writes it.
        '          claude_code_oauth_token: ${{ secrets.CLAUDE_CODE_OAUTH_TOKEN }}',
        `      - uses: anthropics/claude-code-action@${SHA} # v1`,
        '        with:',
        '          use_bedrock: "true"',
        "          claude_args: '--model us.anthropic.claude-sonnet-4-5-20250929-v1:0'",
      ].join('\n'),
      '.github/workflows/gemini-review.yml': [
        'on: pull_request',
        'jobs:',
        '  review:',
        '    steps:',
        "      - uses: 'google-github-actions/run-gemini-cli@v0' # ratchet:exclude",
        '        with:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable reference as the configuration writes it.
        "          use_vertex_ai: '${{ vars.GOOGLE_GENAI_USE_VERTEXAI }}'",
        '      - uses: openai/codex-action@main',
        '      - uses: ./.github/actions/local-thing',
        '      - uses: actions/setup-node@v4',
      ].join('\n'),
    });
    assert.deepEqual(plugins(bom), [
      'plugin anthropics/claude-code-action@d5726de019ec4498aa667642bc3a80fca83aa102',
      'plugin anthropics/claude-code-action@v1',
      'plugin google-github-actions/run-gemini-cli@v0',
      'plugin openai/codex-action@main',
    ]);
    const floating = find(bom, 'plugin', 'anthropics/claude-code-action', 'v1');
    assert.equal(floating.purl, 'pkg:github/anthropics/claude-code-action@v1');
    assert.deepEqual(propertyValues(floating, 'ci:pinned'), ['false']);
    assert.deepEqual(floating.dependsOn, ['service:anthropic']);
    assert.deepEqual(floating.occurrences, [
      { path: '.github/workflows/claude.yml', line: 13, evidence: 'config', symbol: 'anthropics/claude-code-action@v1' },
    ]);
    const pinned = find(bom, 'plugin', 'anthropics/claude-code-action', SHA);
    assert.deepEqual(propertyValues(pinned, 'ci:pinned'), ['true']);
    // `use_bedrock: "true"` sends the agent to Bedrock; an expression is not known to be on.
    assert.deepEqual(pinned.dependsOn, ['service:aws-bedrock']);
    assert.deepEqual(find(bom, 'plugin', 'google-github-actions/run-gemini-cli').dependsOn, ['service:google-gemini']);
    assert.deepEqual(find(bom, 'plugin', 'openai/codex-action').dependsOn, ['service:openai']);
    assert.ok(find(bom, 'service', 'Amazon Bedrock'));
    // `--model` in `claude_args` is the model the agent runs on.
    const model = find(bom, 'model', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    assert.equal(model.provider, 'aws-bedrock');
    assert.deepEqual(model.occurrences, [{ path: '.github/workflows/claude.yml', line: 19, evidence: 'config', symbol: '--model' }]);
  });

  it('agent command lines in run and script steps, with the provider their variables choose', async () => {
    const bom = await inventoryOf({
      '.github/workflows/nightly.yml': [
        'on:',
        '  schedule: [{ cron: "0 3 * * *" }]',
        'jobs:',
        '  fix:',
        '    env:',
        '      CLAUDE_CODE_USE_VERTEX: "1"',
        '    steps:',
        '      - run: npm install -g @anthropic-ai/claude-code',
        '      - run: |',
        '          claude --version',
        '          claude mcp list',
        '          claude -p "Fix the failing tests" --output-format json --max-turns 10',
        '      - run: npx -y @openai/codex@0.58.0 exec --full-auto "update the changelog"',
      ].join('\n'),
      '.gitlab-ci.yml': [
        'review:',
        '  image: node:22',
        '  script:',
        '    - if ! gemini --yolo --prompt "$PROMPT" > out.json; then exit 1; fi',
        '    - aider --yes-always --message "apply review comments"',
        '    - echo gemini done',
      ].join('\n'),
    });
    assert.deepEqual(plugins(bom), ['plugin aider', 'plugin claude-code', 'plugin codex-cli', 'plugin gemini-cli']);
    const claude = find(bom, 'plugin', 'claude-code');
    assert.deepEqual(
      claude.occurrences.map((occurrence) => `${occurrence.line} ${occurrence.symbol}`),
      ['12 claude -p'],
    );
    assert.deepEqual(claude.dependsOn, ['service:google-vertex-ai']);
    assert.deepEqual(find(bom, 'plugin', 'codex-cli').dependsOn, ['service:openai']);
    assert.deepEqual(find(bom, 'plugin', 'gemini-cli').occurrences[0].line, 4);
    assert.deepEqual(find(bom, 'plugin', 'aider').dependsOn, []);
  });

  it('workflow templates outside .github/workflows; YAML that is not a pipeline is left alone', async () => {
    const bom = await inventoryOf({
      'examples/workflows/pr-review/gemini-review.yml': [
        'name: Gemini review',
        'on: pull_request',
        'jobs:',
        '  review:',
        '    steps:',
        "      - uses: 'google-github-actions/run-gemini-cli@v0'",
      ].join('\n'),
      'docs/tools.yml': ['tools:', '  - name: claude', '    run: claude -p "summarise"', '    uses: anthropics/claude-code-action@v1'].join(
        '\n',
      ),
    });
    assert.deepEqual(plugins(bom), ['plugin google-github-actions/run-gemini-cli@v0']);
    assert.equal(ciPlatformOf('.gitlab-ci.yml'), 'gitlab-ci');
    assert.equal(ciPlatformOf('azure-pipelines.yml'), 'azure-pipelines');
    assert.equal(ciPlatformOf('.github/actions/run-claude/action.yml'), 'github-actions');
    assert.equal(ciPlatformOf('config/app.yml'), undefined);
  });

  it('a workflow without an agent literal is not read for agents', async () => {
    const text = 'on: push\njobs:\n  build:\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n';
    assert.deepEqual((await collectFromFile('.github/workflows/ci.yml', text)).components, []);
  });
  it('the prompt an agent action runs with; an expression or a short label is no prompt', async () => {
    const bom = await inventoryOf({
      '.github/workflows/claude-code-review.yml': [
        'on: pull_request',
        'jobs:',
        '  review:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: anthropics/claude-code-action@v1',
        '        with:',
        '          direct_prompt: |',
        '            Please review this pull request and provide feedback on code quality,',
        '            potential bugs, performance and security concerns.',
        '      - uses: anthropics/claude-code-action@v1',
        '        with:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable reference as the configuration writes it.
        '          prompt: ${{ github.event.comment.body }}',
        '          custom_instructions: be brief',
      ].join('\n'),
    });
    const prompts = bom.components.filter((component) => component.kind === 'prompt');
    assert.deepEqual(
      prompts.map((component) => `${component.name} ${component.occurrences[0]?.line}`),
      ['.github/workflows/claude-code-review.yml#direct_prompt 8'],
    );
  });

  it("a workspace script a step runs with an AI provider key: the repository's own LLM-backed job", async () => {
    const bom = await inventoryOf({
      '.github/workflows/review.yml': [
        'on: pull_request',
        'permissions:',
        '  pull-requests: write',
        'jobs:',
        '  review:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: pip install -r skills/review/requirements.txt',
        '      - name: Review',
        '        env:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a secret reference as the workflow writes it.
        '          MISTRAL_API_KEY: ${{ secrets.MISTRAL_API_KEY }}',
        '        run: python skills/review/review_pr.py changed.txt',
        '      - name: Stale check',
        '        run: |',
        '          uv run ./scripts/check_stale.py \\',
        '            --use-llm',
        '        env:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a secret reference as the workflow writes it.
        '          OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}',
      ].join('\n'),
    });
    assert.deepEqual(plugins(bom), ['plugin scripts/check_stale.py', 'plugin skills/review/review_pr.py']);
    const review = named(bom, 'plugin', 'skills/review/review_pr.py');
    assert.equal(review.ref, 'plugin:ci/script/skills/review/review_pr.py');
    assert.deepEqual(review.dependsOn, ['service:mistral']);
    assert.deepEqual(propertyValues(review, 'ci:command'), ['python skills/review/review_pr.py']);
    assert.equal(review.occurrences[0].line, 12);
    assert.deepEqual(named(bom, 'plugin', 'scripts/check_stale.py').dependsOn, ['service:openai']);
  });

  it('near miss: tests, modules and scripts without a provider key of their own are no LLM-backed job', async () => {
    const bom = await inventoryOf({
      '.github/workflows/ci.yml': [
        'on: push',
        'env:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a secret reference as the workflow writes it.
        '  OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: python scripts/build_docs.py',
        '      - run: pytest tests/',
        '        env:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a secret reference as the workflow writes it.
        '          ANTHROPIC_API_KEY: ${{ secrets.ANTHROPIC_API_KEY }}',
        '      - run: python tests/test_live.py && python -m evals.run',
        '        env:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a secret reference as the workflow writes it.
        '          ANTHROPIC_API_KEY: ${{ secrets.ANTHROPIC_API_KEY }}',
        '      - run: python scripts/release.py',
        '        env:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a secret reference as the workflow writes it.
        '          PYPI_TOKEN: ${{ secrets.PYPI_TOKEN }}',
        // A Hub token uploads results and downloads weights: it says nothing of model calls.
        '      - run: cd benchmarks && python push_results.py',
        '        env:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a secret reference as the workflow writes it.
        '          HF_TOKEN: ${{ secrets.HF_TOKEN }}',
      ].join('\n'),
    });
    assert.deepEqual(plugins(bom), []);
  });
});

describe('inventory: issues assigned to a cloud coding agent', () => {
  it('lists the Copilot coding agent an issue is assigned to, with the service it runs on', async () => {
    const bom = await inventoryOf({
      'scripts/open-deps-update-issue.ts': [
        'const body = {',
        '  title: "Update Dependencies Sweep",',
        '  assignees: ["copilot-swe-agent[bot]"],',
        '  agent_assignment: { base_branch: "main", model: "claude-opus-4.5" },',
        '};',
        'await fetch("https://api.github.com/repos/o/r/issues", { method: "POST", body: JSON.stringify(body) });',
      ].join('\n'),
      'scripts/assign.sh': 'gh issue edit 12 --add-assignee copilot-swe-agent',
    });
    assert.deepEqual(namesOf(bom, 'plugin'), ['copilot-swe-agent']);
    const agent = find(bom, 'plugin', 'copilot-swe-agent');
    assert.deepEqual(
      agent.occurrences.map((occurrence) => `${occurrence.path}:${occurrence.line}`),
      ['scripts/assign.sh:1', 'scripts/open-deps-update-issue.ts:3'],
    );
    assert.deepEqual(namesOf(bom, 'service'), ['GitHub Copilot']);
  });

  it('near miss: the login in a list of bots to skip, or in prose, assigns nothing', async () => {
    const bom = await inventoryOf({
      'scripts/stats.py': ['BOTS = {"dependabot[bot]", "copilot-swe-agent[bot]"}', 'authors = [a for a in authors if a not in BOTS]'].join(
        '\n',
      ),
      'docs/notes.sh': '# PRs opened by copilot-swe-agent are labelled automatically',
      // A filter, an exclusion list and a query read assignments; they make none.
      '.github/workflows/triage.yml': [
        'on: issues',
        'jobs:',
        '  triage:',
        "    if: github.event.assignee.login != 'copilot-swe-agent'",
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/stale@v9',
        '        with:',
        '          exclude-assignees: "copilot-swe-agent,dependabot[bot]"',
        '      - run: gh issue list --assignee copilot-swe-agent --state open',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'plugin'), []);
  });
});
