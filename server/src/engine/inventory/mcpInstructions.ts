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
  if (facts.language === 'javascript' && found.some(isInstructionsMember)) found.push(...profileInstructions(facts));
  return found.flatMap(choices);
}

/** `instructions: profile.instructions`: the server takes the instructions of a profile or config object. */
function isInstructionsMember(node: Node): boolean {
  return node.type === 'member_expression' && node.childForFieldName('property')?.text === 'instructions';
}

/**
 * The `instructions` of the profiles or configs a server is made from (`instructions: account ? FULL_INSTRUCTIONS :
 * KEYLESS_INSTRUCTIONS` in the objects `createServer(profile)` reads as `profile.instructions`), in the same file,
 * when they name constants.
 */
function profileInstructions(facts: CodeFacts): Node[] {
  const found: Node[] = [];
  for (const pair of facts.tree.rootNode.descendantsOfType('pair')) {
    if (pair?.childForFieldName('key')?.text.replace(/["']/g, '') !== 'instructions') continue;
    // Named constants only: a text written in place under `instructions:` may be a tool result's hint or a record.
    const value = pair.childForFieldName('value');
    if (value) found.push(...choices(value).filter((choice) => choice.type === 'identifier'));
  }
  return found;
}

/** A choice between instructions (`account ? FULL : KEYLESS`, `a if b else c`): each branch is one. */
function choices(node: Node): Node[] {
  const inner = node.type === 'parenthesized_expression' ? node.namedChild(0) : node;
  if (inner?.type === 'ternary_expression' || inner?.type === 'conditional_expression') {
    const [first, second, third] = inner.namedChildren;
    const branches = inner.type === 'ternary_expression' ? [second, third] : [first, third];
    return branches.flatMap((branch) => (branch ? choices(branch) : []));
  }
  return [node];
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
 * './radar.context'`, `from .prompts import SERVER_INSTRUCTIONS`), as prompts of that module:
 * `radar.context.ts#BASE_INSTRUCTIONS`. The module file is named with the importing file's extension
 * (its text is not read here, so no hash).
 */
export function importedInstructionPrompts(site: CodeSite, facts: CodeFacts, value: Node): PartialComponent[] {
  if (facts.language !== 'javascript' && facts.language !== 'python') return [];
  const names = value.type === 'identifier' || value.type === 'shorthand_property_identifier' ? [value] : joinedNames(value);
  const relative = facts.language === 'python' ? pythonRelativeImports(facts) : undefined;
  const extension = posix.extname(site.path);
  const components: PartialComponent[] = [];
  for (const name of names) {
    const origin = relative ? relative.get(name.text) : javascriptRelativeImport(facts, name);
    if (!origin) continue;
    const module = posix.join(posix.dirname(site.path), origin.module);
    const path = `${module}${extension}`;
    components.push({
      ref: `prompt:${path}#${origin.name}`,
      kind: 'prompt',
      name: `${path}#${origin.name}`,
      occurrences: [{ path: site.path, line: site.line(name.startPosition.row), evidence: 'constant', symbol: name.text }],
      properties: [property('prompt:type', 'mcp-instructions')],
      dependsOn: [],
    });
  }
  return components;
}

interface RelativeImport {
  /** The module's path from the importing file's folder, without extension (`./radar.context`, `../shared/prompts`). */
  module: string;
  /** The name the module exports. */
  name: string;
}

function javascriptRelativeImport(facts: CodeFacts, name: Node): RelativeImport | undefined {
  const origin = facts.javascript.originOf(name);
  if (!origin?.module.startsWith('.') || origin.name === '*' || origin.name === 'default') return undefined;
  return { module: origin.module.replace(/\.(?:js|mjs|cjs)$/, ''), name: origin.name };
}

/** `from .prompts import A, B as C` → `A` and `C` by their local names (`..x.y` is `../x/y`). */
function pythonRelativeImports(facts: CodeFacts): Map<string, RelativeImport> {
  const found = new Map<string, RelativeImport>();
  for (const statement of facts.tree.rootNode.descendantsOfType('import_from_statement')) {
    const source = statement?.childForFieldName('module_name');
    if (source?.type !== 'relative_import') continue;
    const dots = source.namedChildren.find((child) => child?.type === 'import_prefix')?.text.length ?? 1;
    const dotted = source.namedChildren.find((child) => child?.type === 'dotted_name')?.text;
    if (!dotted) continue;
    const module = `${dots > 1 ? '../'.repeat(dots - 1) : './'}${dotted.replace(/\./g, '/')}`;
    for (const imported of statement?.childrenForFieldName('name') ?? []) {
      const exported = imported?.type === 'aliased_import' ? imported.childForFieldName('name')?.text : imported?.text;
      const local = imported?.type === 'aliased_import' ? imported.childForFieldName('alias')?.text : imported?.text;
      if (exported && local) found.set(local, { module, name: exported });
    }
  }
  return found;
}
