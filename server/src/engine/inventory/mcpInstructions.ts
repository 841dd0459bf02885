import * as posix from 'node:path/posix';
import type { CodeCall, CodeFacts } from '../facts';
import type { Node } from '../parse/treeSitter';
import type { FileTriggers } from '../prefilter/triggers';
import type { CodeSite } from './codeImports';
import { property } from './components';
import { joinedNames } from './messagePrompts';
import type { PartialComponent } from './types';

/**
 * The instructions an MCP server gives every client when it connects (added to the model's context
 * as a system prompt): `FastMCP("weather", instructions=…)`, `Server("x", instructions=…)`,
 * `new McpServer({ name, version }, { instructions })`, and the same option handed to a project's
 * own server factory (`createMcpApp({ serverOptions: { instructions: BUILDS_INSTRUCTIONS } })`).
 * The value is read by `codePrompts.ts` like a system message (a constant as `path#NAME`, text in
 * place as `path#system@line`); a name imported from a sibling module is that module's constant
 * (`radar.context.ts#BASE_INSTRUCTIONS`).
 */

/**
 * Lower-case literals the one pass looks for: `instructions` (with a mention of MCP, checked on the
 * text) and the SDK's `registerPrompt(` (also through a project's own registration context).
 */
export const MCP_SERVER_PART_LITERALS = ['instructions', 'registerprompt('];

const INSTRUCTIONS_OPTION = /\binstructions\b\s*[:=,}]/;
const MENTIONS_MCP = /mcp|modelcontextprotocol/i;

/** Whether a code file may give an MCP server its instructions or register MCP prompts (then it is parsed for them). */
export function mayDeclareMcpServerParts(triggers: FileTriggers, text: string): boolean {
  if (triggers.hasFolded('registerprompt(')) return true;
  return triggers.hasFolded('instructions') && INSTRUCTIONS_OPTION.test(text) && MENTIONS_MCP.test(text);
}

/** A call that makes an MCP server: its name says MCP (`FastMCP`, `McpServer`, `createMcpHandler`) or it is the SDK's `Server`. */
function makesMcpServer(call: CodeCall): boolean {
  if (/client/i.test(call.method)) return false;
  if (/mcp/i.test(call.method)) return true;
  return call.method === 'Server' && MENTIONS_MCP.test(call.origin ?? '');
}

/** The expressions given as a server's `instructions`, with the call that takes them. */
export function mcpInstructionValues(facts: CodeFacts): Node[] {
  const found: Node[] = [];
  for (const call of facts.calls) {
    if (!makesMcpServer(call)) continue;
    const keyword = call.args.find((arg) => arg.name === 'instructions');
    if (keyword && facts.language === 'python') found.push(keyword.node);
    else if (facts.language === 'javascript') found.push(...optionValues(call.node.childForFieldName('arguments')));
  }
  if (facts.language === 'go') found.push(...goInstructions(facts));
  return found;
}

/** Go SDK `&mcp.ServerOptions{Instructions: …}`, mcp-go `server.WithInstructions(…)`. */
function goInstructions(facts: CodeFacts): Node[] {
  const found: Node[] = [];
  for (const call of facts.calls) {
    if (!/mcp/i.test(call.origin ?? '')) continue;
    const value =
      call.method === 'ServerOptions'
        ? call.args.find((arg) => arg.name === 'Instructions')
        : call.method === 'WithInstructions'
          ? call.args.find((arg) => arg.name === undefined)
          : undefined;
    if (value) found.push(value.node);
  }
  return found;
}

/** Nodes that end the search for options: a nested call or function has options of its own. */
const OWN_SCOPES = new Set(['call_expression', 'new_expression', 'arrow_function', 'function_expression', 'method_definition']);

/** `instructions: X` and `{ instructions }` in a call's object arguments, at any depth of plain objects. */
function optionValues(node: Node | null): Node[] {
  if (!node) return [];
  const found: Node[] = [];
  for (const child of node.namedChildren) {
    if (!child || OWN_SCOPES.has(child.type)) continue;
    if (child.type === 'pair' && child.childForFieldName('key')?.text.replace(/["']/g, '') === 'instructions') {
      const value = child.childForFieldName('value');
      if (value) found.push(value);
    } else if (child.type === 'shorthand_property_identifier' && child.text === 'instructions') found.push(child);
    else found.push(...optionValues(child));
  }
  return found;
}

/**
 * The names an instructions value takes from a sibling module (`import { BASE_INSTRUCTIONS } from
 * './radar.context'`), as prompts of that module: `radar.context.ts#BASE_INSTRUCTIONS`. The module
 * file is named with the importing file's extension (its text is not read here, so no hash).
 */
export function importedInstructionPrompts(site: CodeSite, facts: CodeFacts, value: Node): PartialComponent[] {
  if (facts.language !== 'javascript') return [];
  const names = value.type === 'identifier' || value.type === 'shorthand_property_identifier' ? [value] : joinedNames(value);
  const components: PartialComponent[] = [];
  for (const name of names) {
    const origin = facts.javascript.originOf(name);
    if (!origin?.module.startsWith('.') || origin.name === '*' || origin.name === 'default') continue;
    const extension = posix.extname(site.path);
    const module = posix.join(posix.dirname(site.path), origin.module).replace(/\.(?:js|mjs|cjs)$/, '');
    const path = `${module}${extension}`;
    const line = site.line(name.startPosition.row);
    components.push({
      ref: `prompt:${path}#${origin.name}`,
      kind: 'prompt',
      name: `${path}#${origin.name}`,
      occurrences: [{ path: site.path, line, evidence: 'constant', symbol: name.text }],
      properties: [property('prompt:type', 'mcp-instructions')],
      dependsOn: [],
    });
  }
  return components;
}
