import { mcpClientOf, readMcpServers } from '../inventory/mcpConfigs';
import { type ConfigDocument, type ConfigNode, configDocumentFor } from '../parse/configDocument';
import type { Severity } from '../types';
import type { MessageData } from './messages';
import type { Rule, RuleContext } from './rule';

/**
 * Editor and agent settings that let an AI agent act without a person approving each step, read
 * from the shared config document (JSON/JSONC or YAML) so findings sit on the exact value:
 * - VS Code (`settings.json`, a dev container's `customizations.vscode.settings`):
 *   `chat.tools.autoApprove` / `chat.tools.global.autoApprove: true`, and
 *   `chat.tools.terminal.autoApprove` rules that approve any command line (`/.*\/`) or a shell or
 *   interpreter (approving `bash` approves whatever `bash -c` is given);
 * - Claude Code (`.claude/settings*.json`): `permissions.defaultMode: "bypassPermissions"`,
 *   `enableAllProjectMcpServers: true`;
 * - MCP server entries of any client (Cline, Roo/Kilo, Gemini CLI, …): `autoApprove` / `alwaysAllow`
 *   lists, `"trust": true`;
 * - GPT Actions OpenAPI documents: `x-openai-isConsequential: false` on a write operation.
 */

interface Approval {
  node: ConfigNode;
  messageId: string;
  data: MessageData;
  /** The value, as JSON/YAML text, that asks a person again. */
  safeValue: string;
  severity?: Severity;
}

const VSCODE_GLOBAL_KEYS = ['chat.tools.autoApprove', 'chat.tools.global.autoApprove'];
const VSCODE_TERMINAL_KEY = 'chat.tools.terminal.autoApprove';

/** Terminal rule regexes (`/…/flags` keys, source only) that match every command line. */
const MATCH_ALL_PATTERNS = new Set(['', '.*', '^.*', '.*$', '^.*$', '.+', '^.+', '^.+$', '^', '.', '[\\s\\S]*', '^[\\s\\S]*$']);

/** Commands that run whatever code they are given: approving the command approves any program. */
const ARBITRARY_CODE_COMMANDS = new Set([
  '*',
  'bash',
  'sh',
  'zsh',
  'fish',
  'dash',
  'ksh',
  'pwsh',
  'powershell',
  'cmd',
  'cmd.exe',
  'python',
  'python3',
  'node',
  'deno',
  'bun',
  'perl',
  'ruby',
  'npx',
  'eval',
  'sudo',
  'env',
  'xargs',
]);

const MAX_TOOLS_SHOWN = 4;
const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

export const aip504: Rule = {
  meta: {
    id: 'AIP504',
    name: 'tool-auto-approval',
    title: 'AI agent tools approved without a person',
    explanation:
      "Coding agents (GitHub Copilot agent mode, Claude Code, Cline, Roo Code, Gemini CLI) ask before they run a terminal command, call an MCP tool or edit files. Settings that auto-approve every tool, bypass the permission system, trust a whole MCP server or approve any shell command remove that check: a prompt injection hidden in a file, an issue, a web page or a tool result then runs commands and changes data with the developer's rights, with nobody asked. Committed to a repository, the setting applies to everyone who opens it.",
    remediation:
      'Keep approvals on: set `chat.tools.autoApprove` / `chat.tools.global.autoApprove` to `false`, list only specific, read-only commands in `chat.tools.terminal.autoApprove`, use `permissions.allow` for the few Claude Code tools you trust instead of `bypassPermissions`, approve project MCP servers one by one instead of `enableAllProjectMcpServers`, keep MCP `autoApprove` / `alwaysAllow` lists empty (or limited to read-only tools) and `trust` off. Run fully autonomous agents only in a disposable sandbox, and keep such settings out of shared repositories.',
    owasp: ['LLM06:2025', 'LLM01:2025'],
    cwe: ['CWE-862'],
    atlas: ['AML.T0053', 'AML.T0081'],
    defaultSeverity: 'error',
    securitySeverity: 8.1,
    confidence: 'high',
    fileKinds: ['json', 'yaml'],
    fixable: true,
    // Unsafe: turning approvals back on changes how the agent runs (a headless or sandboxed run that
    // relied on it stops at the first prompt), though nothing breaks for a person at the keyboard.
    fixApplicability: 'unsafe',
    messages: {
      vscodeGlobal: '"{key}": true lets the agent run every tool, terminal commands included, without asking.',
      vscodeTerminalRule: 'Terminal auto-approve rule "{rule}" approves {what} without asking.',
      claudeBypass: '"defaultMode": "bypassPermissions" turns off Claude Code\'s permission prompts: every tool runs without asking.',
      claudeAllProjectServers:
        '"enableAllProjectMcpServers": true starts every MCP server a repository declares in .mcp.json without asking.',
      mcpApproveAll: '"{key}": ["*"] lets every tool of MCP server "{server}" run without asking.',
      mcpApproveTools: '"{key}" lets {count} tool(s) of MCP server "{server}" run without asking ({tools}).',
      mcpTrust: '"trust": true skips every tool confirmation of MCP server "{server}".',
      gptActionNotConsequential:
        '"x-openai-isConsequential": false on {method} {route} lets ChatGPT users "always allow" a state-changing call.',
    },
    references: [
      { title: 'VS Code: use tools in chat (auto-approval)', url: 'https://code.visualstudio.com/docs/copilot/chat/chat-tools' },
      { title: 'Claude Code: settings and permission modes', url: 'https://docs.anthropic.com/en/docs/claude-code/settings' },
      {
        title: 'Gemini CLI: MCP server configuration',
        url: 'https://github.com/google-gemini/gemini-cli/blob/main/docs/tools/mcp-server.md',
      },
      { title: 'OpenAI: GPT Actions, consequential flag', url: 'https://platform.openai.com/docs/actions/getting-started' },
    ],
    since: '0.1.0',
    example: {
      language: 'json',
      bad: '{ "chat.tools.global.autoApprove": true }',
      good: '{ "chat.tools.global.autoApprove": false }',
    },
  },
  triggers: [
    'chat.tools.',
    'bypassPermissions',
    'enableAllProjectMcpServers',
    'autoApprove',
    'alwaysAllow',
    '"trust"',
    'x-openai-isConsequential',
  ],
  check(context: RuleContext) {
    const document = configDocumentFor(context.text, context.kind === 'yaml' ? 'yaml' : 'json');
    const root = document.root;
    if (root?.kind !== 'object') return;
    const approvals = [
      ...vscodeSettingsApprovals(root, context.path),
      ...claudeCodeApprovals(root),
      ...mcpServerApprovals(context.path, document),
      ...gptActionApprovals(root),
    ];
    for (const approval of approvals) {
      context.report({
        at: approval.node.range,
        messageId: approval.messageId,
        data: approval.data,
        ...(approval.severity ? { severity: approval.severity } : {}),
        fix: {
          title: `Set "${String(approval.node.key)}" to ${approval.safeValue}`,
          edits: [{ range: approval.node.range, newText: approval.safeValue }],
          applicability: 'unsafe',
        },
      });
    }
  },
};

// ------------------------------------------------------------------------------------- VS Code

/**
 * VS Code settings live at the root of `settings.json`, under a dev container's
 * `customizations.vscode.settings`, and under `settings` of a `.code-workspace` file.
 */
function vscodeSettingsApprovals(root: ConfigNode, path: string): Approval[] {
  const workspaceSettings = path.toLowerCase().endsWith('.code-workspace') ? root.get('settings') : undefined;
  const containers = [root, root.get(['customizations', 'vscode', 'settings']), workspaceSettings].filter(
    (node) => node?.kind === 'object',
  );
  return containers.flatMap((settings) => [...globalAutoApprove(settings as ConfigNode), ...broadTerminalRules(settings as ConfigNode)]);
}

function globalAutoApprove(settings: ConfigNode): Approval[] {
  return VSCODE_GLOBAL_KEYS.flatMap((key) => {
    const node = settings.get(key);
    return node?.value === true ? [{ node, messageId: 'vscodeGlobal', data: { key }, safeValue: 'false' }] : [];
  });
}

/** Rules (`"command": true`, `"/regex/": true`, `{ "approve": true }`) whose pattern admits any command line. */
function broadTerminalRules(settings: ConfigNode): Approval[] {
  const approvals: Approval[] = [];
  for (const [rule, node] of settings.get(VSCODE_TERMINAL_KEY)?.entries() ?? []) {
    const approves = node.value === true || node.get('approve')?.value === true;
    const what = approves ? broadRuleReach(rule) : undefined;
    if (what) approvals.push({ node, messageId: 'vscodeTerminalRule', data: { rule, what }, safeValue: 'false' });
  }
  return approvals;
}

/** What a broad rule approves, in words; undefined for a rule narrow enough to be a deliberate choice. */
function broadRuleReach(rule: string): string | undefined {
  const regex = /^\/(.*)\/[a-z]*$/s.exec(rule);
  if (regex) return MATCH_ALL_PATTERNS.has(regex[1]) ? 'every command line' : undefined;
  const command = rule.trim().toLowerCase();
  return ARBITRARY_CODE_COMMANDS.has(command)
    ? command === '*'
      ? 'every command line'
      : `any code run through ${rule.trim()}`
    : undefined;
}

// --------------------------------------------------------------------------------- Claude Code

function claudeCodeApprovals(root: ConfigNode): Approval[] {
  const approvals: Approval[] = [];
  const mode = root.get(['permissions', 'defaultMode']);
  if (mode?.string === 'bypassPermissions') approvals.push({ node: mode, messageId: 'claudeBypass', data: {}, safeValue: '"default"' });
  const allServers = root.get('enableAllProjectMcpServers');
  if (allServers?.value === true) approvals.push({ node: allServers, messageId: 'claudeAllProjectServers', data: {}, safeValue: 'false' });
  return approvals;
}

// --------------------------------------------------------------------------------- MCP servers

/** `autoApprove` (Cline) / `alwaysAllow` (Roo, Kilo) lists and Gemini's `trust`, on servers of any client's config. */
function mcpServerApprovals(path: string, document: ConfigDocument): Approval[] {
  const approvals: Approval[] = [];
  for (const server of readMcpServers(path, document, mcpClientOf(path) ?? 'unknown')) {
    const list = server.autoApprove[0]?.parent;
    if (list) {
      const key = String(list.key);
      const tools = server.autoApprove.map((item) => item.string ?? '');
      const approval: Omit<Approval, 'node' | 'safeValue'> = tools.includes('*')
        ? { messageId: 'mcpApproveAll', data: { key, server: server.name } }
        : {
            messageId: 'mcpApproveTools',
            data: { key, server: server.name, count: tools.length, tools: toolList(tools) },
            // A named list is a narrower, deliberate choice than approving every tool.
            severity: 'warning',
          };
      approvals.push({ node: list, safeValue: '[]', ...approval });
    }
    const trust = server.node.get('trust');
    if (trust?.value === true) approvals.push({ node: trust, messageId: 'mcpTrust', data: { server: server.name }, safeValue: 'false' });
  }
  return approvals;
}

/** The first few tool names: a message is read in a hover, and real lists run to dozens. */
function toolList(tools: readonly string[]): string {
  const shown = tools.slice(0, MAX_TOOLS_SHOWN).join(', ');
  return tools.length > MAX_TOOLS_SHOWN ? `${shown}, …` : shown;
}

// --------------------------------------------------------------------------------- GPT Actions

/** OpenAPI operations that change state but are marked not consequential (ChatGPT then offers "always allow"). */
function gptActionApprovals(root: ConfigNode): Approval[] {
  if (!root.get('openapi') && !root.get('swagger')) return [];
  const approvals: Approval[] = [];
  for (const [route, item] of root.get('paths')?.entries() ?? []) {
    for (const method of WRITE_METHODS) {
      const flag = item.get([method, 'x-openai-isConsequential']);
      if (flag?.value === false) {
        approvals.push({
          node: flag,
          messageId: 'gptActionNotConsequential',
          data: { method: method.toUpperCase(), route },
          safeValue: 'true',
        });
      }
    }
  }
  return approvals;
}
