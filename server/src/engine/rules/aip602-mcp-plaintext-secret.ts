import { type FormattingOptions, modify } from 'jsonc-parser';
import type { McpServer } from '../inventory/mcpConfigs';
import type { ConfigNode } from '../parse/configDocument';
import { allSecretTriggers } from '../secrets/detect';
import { type McpSecret, mcpSecrets } from '../secrets/mcpSecrets';
import { redactSecret, secretHash } from '../secrets/redact';
import type { LineIndex } from '../text/lineIndex';
import type { Fix, TextEdit } from '../types';
import type { Rule, RuleContext } from './rule';

/**
 * A credential written into an MCP server entry (`env`, `headers`, an argument, the URL), read
 * from the shared ranged MCP model. The fix moves it out of the file: VS Code prompts for it once
 * and keeps it in its secret storage (an `inputs` entry, `promptString` with `password: true`,
 * referenced as `${input:id}`); other clients read it from the environment.
 */

/** How each client expands an environment variable inside its MCP config; clients not listed expand none we know of. */
const ENV_REFERENCE: Readonly<Record<string, (variable: string) => string>> = {
  cursor: (variable) => `\${env:${variable}}`,
  'claude-code': (variable) => `\${${variable}}`,
  'gemini-cli': (variable) => `\${${variable}}`,
};

export const aip602: Rule = {
  meta: {
    id: 'AIP602',
    name: 'mcp-plaintext-secret',
    title: 'Credential written in an MCP server configuration',
    explanation:
      'MCP client configurations (`.vscode/mcp.json`, `.mcp.json`, `.cursor/mcp.json`, Claude Desktop, Cline, Continue, Codex and others) are often committed so a team shares its servers, and the API keys and tokens the servers need get pasted into their `env`, `headers`, arguments or URL. Everyone who can read the repository (and every agent that reads the workspace) then holds the credential, which usually grants far more than the one tool needs: a GitHub token, a database password, a provider API key.',
    remediation:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: VS Code's variable syntax, shown to users as written.
      'Rotate the credential. In VS Code, declare an `inputs` entry (`"type": "promptString"`, `"password": true`) and reference it as `${input:id}`: VS Code asks once and keeps the value in its secret storage. In other clients reference an environment variable (`${env:NAME}` in Cursor, `${NAME}` in Claude Code and Gemini CLI) or an `envFile` outside the repository.',
    owasp: ['LLM02:2025', 'LLM06:2025'],
    cwe: ['CWE-798', 'CWE-312'],
    atlas: ['AML.T0055'],
    defaultSeverity: 'error',
    securitySeverity: 8.5,
    confidence: 'high',
    fileKinds: ['json', 'yaml', 'toml'],
    fixable: true,
    // Unsafe: the server then needs the value from a prompt or the environment before it starts.
    fixApplicability: 'unsafe',
    messages: {
      providerKey:
        '{provider} key {key} is written in the {place} of MCP server "{server}": everyone who can read this file can use it. Rotate it and {remedy}.',
      namedCredential:
        'A credential {key} is written in the {place} of MCP server "{server}": everyone who can read this file can use it. Rotate it and {remedy}.',
    },
    references: [
      {
        title: 'VS Code: MCP configuration reference (input variables)',
        url: 'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration',
      },
      {
        title: 'Model Context Protocol: security best practices',
        url: 'https://modelcontextprotocol.io/specification/draft/basic/security_best_practices',
      },
    ],
    since: '0.1.0',
    example: {
      language: 'json',
      bad: '{ "servers": { "github": { "command": "github-mcp-server", "env": { "GITHUB_TOKEN": "ghp_…" } } } }',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: VS Code's variable syntax, shown to users as written.
      good: '{\n  "inputs": [{ "type": "promptString", "id": "github-token", "description": "GITHUB_TOKEN", "password": true }],\n  "servers": { "github": { "command": "github-mcp-server", "env": { "GITHUB_TOKEN": "${input:github-token}" } } }\n}',
    },
    limits: [
      'A credential is found by its provider format anywhere in a value, or by its name (`*_API_KEY`, `*TOKEN*`, `Authorization`, `--api-key`, `?token=`) when the value is at least 16 random-looking characters.',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: variable syntax of the configs, shown as written.
      'Quick fixes for JSON configs only: VS Code (`inputs`), Cursor (`${env:…}`), Claude Code and Gemini CLI (`${…}`); Claude Desktop, Cline, Windsurf and the YAML/TOML clients get no fix (no variable expansion we can rely on).',
      'A new VS Code input is appended after the existing ones with an id made from the variable name; an existing input for the same secret is not reused.',
    ],
  },
  triggers: ['mcpServers', 'mcp_servers', 'context_servers', '"servers"'],
  check(context: RuleContext) {
    if (!allSecretTriggers().some((trigger) => context.text.includes(trigger)) && !mayNameCredential(context.text)) return;
    const secrets = mcpSecrets(context.path, context.text);
    const newInputs = vscodeInputsEdit(context, secrets);
    for (const secret of secrets) {
      const fix = secretFix(context, secret, newInputs);
      context.report({
        at: context.lines.rangeOf(secret.start, secret.end),
        messageId: secret.provider ? 'providerKey' : 'namedCredential',
        data: {
          ...(secret.provider ? { provider: secret.provider.provider } : {}),
          key: redactSecret(secret.value),
          place: secret.place,
          server: secret.server.name,
          remedy: remedyText(secret),
        },
        ...(fix ? { fix } : {}),
        fingerprintText: `${secret.server.name}:${secret.place}:${secretHash(secret.value)}`,
      });
    }
  },
};

/** Credentials recognised by name need no provider trigger, only a name that says so. */
function mayNameCredential(text: string): boolean {
  return /api[_-]?key|apikey|token|secret|passw|credential|authorization/i.test(text);
}

function remedyText(secret: McpSecret): string {
  if (secret.server.client === 'vscode') return 'let VS Code prompt for it (an `inputs` entry with "password": true)';
  const reference = ENV_REFERENCE[secret.server.client];
  return reference ? `reference it as ${reference(secret.variable)}` : `pass it from the environment (${secret.variable})`;
}

// ------------------------------------------------------------------------------------------ fixes

function secretFix(context: RuleContext, secret: McpSecret, newInputs: Map<McpSecret, VscodeInput> | undefined): Fix | undefined {
  if (context.kind !== 'json') return undefined;
  const replace = (newText: string): TextEdit => ({ range: context.lines.rangeOf(secret.start, secret.end), newText });
  if (secret.server.client === 'vscode') {
    const input = newInputs?.get(secret);
    if (!input) return undefined;
    return {
      title: `Move the credential to a VS Code input (\${input:${input.id}})`,
      edits: [replace(`\${input:${input.id}}`), ...input.edits],
      applicability: 'unsafe',
    };
  }
  const reference = ENV_REFERENCE[secret.server.client];
  if (!reference) return undefined;
  return {
    title: `Read the credential from ${reference(secret.variable)}`,
    edits: [replace(reference(secret.variable))],
    applicability: 'unsafe',
  };
}

interface VscodeInput {
  id: string;
  /** One edit adding every new input of the file: each fix carries the same edit, applied once. */
  edits: TextEdit[];
}

/**
 * The `inputs` entries the file's VS Code fixes need, added by one shared edit (jsonc-parser
 * `modify`, which keeps comments and formatting) so that applying all fixes adds each input once.
 */
function vscodeInputsEdit(context: RuleContext, secrets: McpSecret[]): Map<McpSecret, VscodeInput> | undefined {
  const vscode = secrets.filter((secret) => secret.server.client === 'vscode');
  if (vscode.length === 0 || context.kind !== 'json') return undefined;
  const server = vscode[0].server;
  const taken = new Set(existingInputIds(server.inputs));
  const ids = new Map<McpSecret, string>();
  const added: Record<string, unknown>[] = [];
  for (const secret of vscode) {
    const id = uniqueId(inputIdFor(secret.variable), taken);
    ids.set(secret, id);
    added.push({ type: 'promptString', id, description: `${secret.variable} for MCP server ${secret.server.name}`, password: true });
  }
  const edits = inputsEdits(context.text, context.lines, server, added);
  return new Map([...ids].map(([secret, id]) => [secret, { id, edits }]));
}

function inputsEdits(text: string, lines: LineIndex, server: McpServer, added: Record<string, unknown>[]): TextEdit[] {
  const formatting = formattingOf(text);
  const inputsPath = server.inputs ? pathOf(server.inputs) : isUnderMcpKey(server.node) ? ['mcp', 'inputs'] : ['inputs'];
  const existing = server.inputs?.items().length ?? 0;
  const jsonEdits =
    server.inputs && existing > 0
      ? added.flatMap((input, index) =>
          modify(text, [...inputsPath, existing + index], input, { formattingOptions: formatting, isArrayInsertion: true }),
        )
      : modify(text, inputsPath, added, { formattingOptions: formatting });
  // Appends after the last item are computed on the original text: chain them into one insertion.
  const merged = jsonEdits.length > 1 && jsonEdits.every((edit) => edit.offset === jsonEdits[0].offset && edit.length === 0);
  const spans = merged ? [{ offset: jsonEdits[0].offset, length: 0, content: jsonEdits.map((edit) => edit.content).join('') }] : jsonEdits;
  return spans.map((edit) => ({ range: lines.rangeOf(edit.offset, edit.offset + edit.length), newText: edit.content }));
}

function existingInputIds(inputs: ConfigNode | undefined): string[] {
  return (inputs?.items() ?? []).map((item) => item.get('id')?.string).filter((id): id is string => id !== undefined);
}

function inputIdFor(variable: string): string {
  return (
    variable
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'mcp-secret'
  );
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

function pathOf(node: ConfigNode): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: ConfigNode | undefined = node; at?.key !== undefined; at = at.parent) path.unshift(at.key);
  return path;
}

/** A server of VS Code `settings.json` lives under `mcp.servers`; its inputs go to `mcp.inputs`. */
function isUnderMcpKey(server: ConfigNode): boolean {
  return pathOf(server)[0] === 'mcp';
}

/** The file's own indentation, so the added entry looks like the rest. */
function formattingOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return indent.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indent.length, eol };
}
