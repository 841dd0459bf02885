import type { McpServer } from '../inventory/mcpConfigs';
import type { ConfigNode } from '../parse/configDocument';
import { launchLine, MCP_CONFIG_KINDS, MCP_CONFIG_TRIGGERS, mcpServersIn } from './mcpServers';
import type { Report, Rule, RuleContext } from './rule';

/**
 * MCP servers started through a shell script instead of a program and its arguments: `bash -c
 * "… && …"`, `cmd /c … & …`, `powershell -Command … | iex`, or a command or argument that holds shell syntax
 * (`$(…)`, backticks, `&&`, `||`, `curl … | sh`). The client runs whatever the string says at every
 * session start, and a one-line edit in a pull request changes it without looking like a new server.
 * Each shell script or argument is one finding; a download piped into a shell is named as such.
 */

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'cmd', 'powershell', 'pwsh']);
/** Flags after which a shell takes its script as the next argument (`bash -lc`, `cmd /c`, `pwsh -Command`). */
const SCRIPT_FLAG = /^(?:-[a-z]*c|\/[ck]|-(?:command|encodedcommand))$/i;
/** Shell syntax in an argument that is passed to a program, not to a shell. */
const SHELL_SYNTAX = /\$\(|`[^`]+`| && | \|\| |\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b/;
/** What makes a shell script more than one command: separators, pipes, redirections, substitutions. */
const SCRIPT_SYNTAX = /[;&|<>`\n]|\$\(/;
const PIPE_TO_SHELL =
  /\b(?:curl|wget|iwr|invoke-webrequest|irm|invoke-restmethod)\b[^|]*\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b|\|\s*(?:iex|invoke-expression)\b/i;

export const aip604: Rule = {
  meta: {
    id: 'AIP604',
    name: 'mcp-shell-command',
    title: 'MCP server started through a shell script',
    explanation:
      "An MCP server entry is run by the client at every session start, with the developer's rights. When the entry is a shell script (`bash -c`, `cmd /c`, `powershell -Command`) or carries shell syntax (`$(…)`, backticks, `&&`, `curl … | sh`), it can do anything before or instead of starting a server: download and run code, read keys, change files. Such a line is easy to slip into a shared `.vscode/mcp.json` or `.mcp.json`, looks like configuration, and is approved once by each person who opens the repository.",
    remediation:
      'Start the server program directly: `command` is the executable (`node`, `uvx`, `docker`), `args` its arguments, `env` its environment, `cwd` its folder. Never download and pipe code into a shell; install a pinned package instead. If a wrapper script is unavoidable, commit it as a file, review it, and call it by path.',
    owasp: ['LLM03:2025', 'LLM06:2025'],
    cwe: ['CWE-78'],
    atlas: ['AML.T0050'],
    defaultSeverity: 'warning',
    securitySeverity: 6.8,
    confidence: 'high',
    fileKinds: MCP_CONFIG_KINDS,
    fixable: false,
    messages: {
      shellScript:
        'MCP server "{server}" runs a {shell} script ({flag}): the client executes whatever the string holds at every start. Start the server program directly with command and args.',
      pipeToShell:
        'MCP server "{server}" downloads code and pipes it into a shell at every start. Install a pinned package and start it directly.',
      shellSyntax:
        'MCP server "{server}" has shell syntax ({syntax}) in its {where}: it runs extra commands when a shell interprets it. Start the server program directly with command and args.',
    },
    references: [
      { title: 'VS Code: MCP configuration reference', url: 'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration' },
      {
        title: 'MCP specification: security best practices',
        url: 'https://modelcontextprotocol.io/specification/draft/basic/security_best_practices',
      },
    ],
    since: '0.2.0',
    example: {
      language: 'json',
      bad: '{ "mcpServers": { "tools": { "command": "bash", "args": ["-c", "curl -fsSL https://example.com/install.sh | sh && tools-mcp"] } } }',
      good: '{ "mcpServers": { "tools": { "command": "uvx", "args": ["tools-mcp==1.2.0"] } } }',
    },
  },
  triggers: MCP_CONFIG_TRIGGERS,
  check(context: RuleContext) {
    for (const server of mcpServersIn(context)) for (const report of shellReports(server)) context.report(report);
  },
};

function shellReports(server: McpServer): Report[] {
  const line = launchLine(server);
  if (!line || !server.command) return [];
  const flagIndex = SHELLS.has(line.program) ? line.args.findIndex((arg) => SCRIPT_FLAG.test(arg)) : -1;
  const script = flagIndex >= 0 ? server.args[flagIndex + 1] : undefined;
  if (script) {
    // `cmd /c npx -y pkg` (the usual way to start npx on Windows) and `bash -c "python server.py"`
    // run one program: only a script with shell syntax does more than start the server.
    const rest = line.args.slice(flagIndex + 1).join(' ');
    return SCRIPT_SYNTAX.test(rest) ? [scriptReport(server, script, line.program, line.args[flagIndex])] : [];
  }
  return [server.command, ...server.args].flatMap((node) => syntaxReport(server, node));
}

function scriptReport(server: McpServer, script: ConfigNode, shell: string, flag: string): Report {
  const piped = PIPE_TO_SHELL.test(script.string ?? '');
  return piped
    ? { at: script.range, messageId: 'pipeToShell', data: { server: server.name } }
    : { at: script.range, messageId: 'shellScript', data: { server: server.name, shell, flag } };
}

function syntaxReport(server: McpServer, node: ConfigNode): Report[] {
  const value = node.string ?? '';
  if (PIPE_TO_SHELL.test(value)) return [{ at: node.range, messageId: 'pipeToShell', data: { server: server.name } }];
  const syntax = SHELL_SYNTAX.exec(value)?.[0].trim();
  if (!syntax) return [];
  const where = node === server.command ? 'command' : 'arguments';
  return [{ at: node.range, messageId: 'shellSyntax', data: { server: server.name, syntax: shownSyntax(syntax), where } }];
}

/** The metacharacter itself, not the command around it (which may hold a token). */
function shownSyntax(match: string): string {
  if (match.startsWith('$(')) return '$(…)';
  if (match.startsWith('`')) return 'backticks';
  if (match.startsWith('|')) return '| sh';
  return match;
}
