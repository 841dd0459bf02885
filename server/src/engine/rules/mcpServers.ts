import { type McpServer, mcpClientForText, mcpConfigFormat, readMcpServers } from '../inventory/mcpConfigs';
import { type ConfigNode, configDocumentFor } from '../parse/configDocument';
import type { LineIndex } from '../text/lineIndex';
import type { FileKind, Range } from '../types';

/**
 * What the MCP config rules (AIP601, AIP603–AIP605) share: the files they read, their triggers,
 * and the servers of the ranged model the AI-BOM builds its plugin components from (one parse of
 * the cached config document for the rules and the BOM alike).
 */

export const MCP_CONFIG_KINDS: FileKind[] = ['json', 'yaml', 'toml'];

/** The servers keys of every client format (`servers` of VS Code, `mcp` of OpenCode and VS Code settings, …). */
export const MCP_CONFIG_TRIGGERS = ['mcpServers', 'mcp_servers', 'context_servers', '"servers"', '"mcp"'];

/** The servers of an MCP client configuration, or none when the file is not one (the AI-BOM's own test). */
export function mcpServersIn(context: { path: string; text: string }): McpServer[] {
  const client = mcpClientForText(context.path, context.text);
  if (!client) return [];
  return readMcpServers(context.path, configDocumentFor(context.text, mcpConfigFormat(context.path)), client);
}

/** The server's command and arguments as strings, and the program's name without folder or `.cmd`/`.exe`. */
export function launchLine(server: McpServer): { program: string; args: string[] } | undefined {
  const command = server.command?.string;
  if (command === undefined) return undefined;
  const base = command.slice(Math.max(command.lastIndexOf('/'), command.lastIndexOf('\\')) + 1);
  return { program: base.toLowerCase().replace(/\.(?:cmd|exe)$/, ''), args: server.args.map((arg) => arg.string as string) };
}

/**
 * The range of characters `from`..`to` of a string node's value, when the value is written without
 * escapes (quoted or plain), so a finding or an edit can address part of an argument; undefined
 * when escapes make offsets in the value differ from offsets in the file.
 */
export function stringPartRange(node: ConfigNode, lines: LineIndex, from: number, to: number): Range | undefined {
  const value = node.string;
  if (value === undefined) return undefined;
  const start = lines.offsetAt(node.range.start);
  const raw = lines.text.slice(start, lines.offsetAt(node.range.end));
  const quoted = raw.length >= 2 && /^["']/.test(raw) && raw[raw.length - 1] === raw[0];
  const inner = quoted ? raw.slice(1, -1) : raw;
  if (inner !== value) return undefined;
  const valueStart = start + (quoted ? 1 : 0);
  return lines.rangeOf(valueStart + from, valueStart + to);
}
