import * as assert from 'node:assert/strict';
import { find, inventoryOf, propertyValues, summary } from './helpers';

const plugins = (bom: Awaited<ReturnType<typeof inventoryOf>>) => summary(bom).filter((line) => line.startsWith('plugin '));
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

describe('inventory: coding-agent plugins, marketplaces and hooks', () => {
  it('a Claude Code marketplace lists each plugin with its source; the plugin manifest joins the same entry', async () => {
    const bom = await inventoryOf({
      '.claude-plugin/marketplace.json': json({
        $schema: 'https://anthropic.com/claude-code/marketplace.schema.json',
        name: 'team-tools',
        owner: { name: 'Platform team' },
        plugins: [
          { name: 'code-review', description: 'Review PRs', source: './plugins/code-review', category: 'productivity' },
          { name: 'deploy-helper', source: { source: 'github', repo: 'acme/deploy-helper', sha: 'a1b2c3d' }, version: '2.0.0' },
          { name: 'remote-one', source: { source: 'url', url: 'https://user:pw@git.example.com/tools/remote-one.git' } },
        ],
      }),
      'plugins/code-review/.claude-plugin/plugin.json': json({
        name: 'code-review',
        version: '1.0.0',
        description: 'Automated code review',
        author: { name: 'Platform team' },
        commands: './commands',
        hooks: './hooks/hooks.json',
      }),
    });
    // The marketplace is listed too, by its name: it is what users add.
    assert.deepEqual(plugins(bom), ['plugin code-review@1.0.0', 'plugin deploy-helper@2.0.0', 'plugin remote-one', 'plugin team-tools']);
    const marketplace = find(bom, 'plugin', 'team-tools');
    assert.equal(marketplace.ref, 'plugin:claude-code-marketplace/team-tools');
    assert.deepEqual(propertyValues(marketplace, 'plugin:type'), ['claude-code-marketplace']);
    const review = find(bom, 'plugin', 'code-review');
    assert.equal(review.ref, 'plugin:claude-code/code-review');
    assert.deepEqual(
      review.occurrences.map((occurrence) => `${occurrence.path}:${occurrence.line}`),
      ['.claude-plugin/marketplace.json:9', 'plugins/code-review/.claude-plugin/plugin.json:2'],
    );
    assert.deepEqual(propertyValues(review, 'plugin:source'), ['./plugins/code-review']);
    assert.deepEqual(propertyValues(review, 'plugin:declares'), ['commands', 'hooks']);
    assert.deepEqual(propertyValues(find(bom, 'plugin', 'deploy-helper'), 'plugin:source'), ['github:acme/deploy-helper@a1b2c3d']);
    // A URL keeps its origin only: user-info and paths never enter the BOM.
    assert.deepEqual(propertyValues(find(bom, 'plugin', 'remote-one'), 'plugin:source'), ['url:https://git.example.com']);
  });

  it('Codex plugins and their marketplace', async () => {
    const bom = await inventoryOf({
      '.agents/plugins/marketplace.json': json({
        name: 'acme',
        plugins: [{ name: 'ui5', source: { source: 'local', path: './plugins/ui5' } }],
      }),
      'plugins/ui5/.codex-plugin/plugin.json': json({ name: 'ui5', version: '0.3.0', skills: './skills/', mcpServers: './.mcp.json' }),
    });
    assert.equal(find(bom, 'plugin', 'acme').ref, 'plugin:codex-marketplace/acme');
    const ui5 = find(bom, 'plugin', 'ui5');
    assert.equal(ui5.ref, 'plugin:codex/ui5');
    assert.equal(ui5.version, '0.3.0');
    assert.deepEqual(propertyValues(ui5, 'plugin:type'), ['codex-plugin']);
    assert.deepEqual(propertyValues(ui5, 'plugin:source'), ['./plugins/ui5']);
  });

  it('Claude Code hooks: one plugin per command, named by its event and the script it runs', async () => {
    const bom = await inventoryOf({
      '.claude/settings.json': json({
        permissions: { allow: ['Bash(npm test)'] },
        hooks: {
          PreToolUse: [
            { matcher: 'Bash', hooks: [{ type: 'command', command: 'uv run "$CLAUDE_PROJECT_DIR"/.claude/hooks/pre_tool_use.py' }] },
          ],
          Stop: [{ hooks: [{ type: 'command', command: 'curl -s "https://hooks.example.com/notify?token=abc123"' }] }],
        },
        mcpServers: { docs: { command: 'npx', args: ['-y', '@acme/docs-mcp@1.2.3'] } },
      }),
      'plugins/guard/hooks/hooks.json': json({
        hooks: {
          PreToolUse: [
            {
              matcher: 'Edit|Write',
              // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable reference as the configuration writes it.
              hooks: [{ type: 'command', command: 'python3 ${CLAUDE_PLUGIN_ROOT}/hooks/guard.py', timeout: 10 }],
            },
          ],
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable reference as the configuration writes it.
          SessionStart: [{ hooks: [{ type: 'command', command: 'npx protect-mcp@0.7.4 evaluate --policy "${POLICY:-./p.cedar}"' }] }],
          // A launcher shim that finds an interpreter runs the script it is given: that script is the hook.
          UserPromptSubmit: [
            // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable reference as the configuration writes it.
            { hooks: [{ type: 'command', command: 'bash "${CLAUDE_PLUGIN_ROOT}/hooks/py.sh" "${CLAUDE_PLUGIN_ROOT}/hooks/remind.py"' }] },
          ],
        },
      }),
    });
    // The MCP server of the same file is read from the same parse.
    assert.deepEqual(plugins(bom), [
      'plugin PreToolUse: .claude/hooks/pre_tool_use.py',
      'plugin PreToolUse: plugins/guard/hooks/guard.py',
      'plugin SessionStart: protect-mcp@0.7.4',
      'plugin Stop: curl',
      'plugin UserPromptSubmit: plugins/guard/hooks/remind.py',
      'plugin docs@1.2.3',
    ]);
    const pre = find(bom, 'plugin', 'PreToolUse: .claude/hooks/pre_tool_use.py');
    assert.deepEqual(propertyValues(pre, 'hook:event'), ['PreToolUse']);
    assert.deepEqual(propertyValues(pre, 'hook:matcher'), ['Bash']);
    assert.deepEqual(pre.occurrences, [{ path: '.claude/settings.json', line: 14, evidence: 'config', symbol: 'PreToolUse' }]);
    assert.ok(!JSON.stringify(bom).includes('abc123'), 'a hook command is never copied');
  });

  it('files that only look like plugins are not read as such', async () => {
    const bom = await inventoryOf({
      'src/plugin.json': json({ name: 'webpack-thing', version: '1.0.0' }),
      '.git-hooks/hooks.json': json({ hooks: { 'pre-commit': 'lint-staged' } }),
      '.claude/settings.json': json({ permissions: { allow: ['Read'] } }),
      // A marketplace without a plugin list is some other file of that name.
      'tools/.claude-plugin/marketplace.json': json({ name: 'draft' }),
    });
    assert.deepEqual(plugins(bom), []);
  });
});
