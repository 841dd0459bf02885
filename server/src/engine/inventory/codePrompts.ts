import { createHash } from 'node:crypto';
import { type CodeCall, type CodeFacts, packageKey } from '../facts';
import { positionalArg } from '../facts/loaders';
import { type StringConstant, stringConstants } from '../facts/stringConstants';
import type { Node } from '../parse/treeSitter';
import type { CodeSite } from './codeImports';
import { property } from './components';
import { collectPromptFileRefs } from './promptFiles';
import type { Occurrence, PartialComponent, Property } from './types';

/**
 * Prompts written in code: long prompt constants (`SYSTEM_PROMPT = """…"""`), strings passed as the
 * system message (`system=`, `instructions=`, `SystemMessage(…)`, `{"role": "system", …}`), prompts
 * pulled from a prompt hub (`hub.pull("owner/name")`, LangSmith `pull_prompt`, Langfuse
 * `get_prompt`) and MCP prompts a server registers (`@mcp.prompt()`, `server.registerPrompt("name")`,
 * `[McpServerPrompt]`). Each is a `prompt` component; text in the file carries its SHA-256.
 */

/** Packages whose code calls language models: a prompt constant there is used as a prompt. */
export const LLM_CATEGORIES: ReadonlySet<string> = new Set([
  'llm-sdk',
  'orchestration',
  'agent-framework',
  'llm-gateway',
  'eval-observability',
  'mcp',
  'guardrails',
]);

/** A long constant counts: at least this many characters, or a shorter multi-line text. */
const MIN_CONSTANT_LENGTH = 80;
const MIN_MULTILINE_LENGTH = 30;
/** A string written at a system-message position is a prompt from this length ("You are a helpful assistant."). */
const MIN_INLINE_LENGTH = 20;

export function collectCodePrompts(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const llmCode = facts.packages.packages.some((pkg) => LLM_CATEGORIES.has(pkg.category));
  const constants = new Map(stringConstants(facts).map((constant) => [constant.name, constant]));
  const components: PartialComponent[] = [];
  const passed = llmCode ? identifiersPassedToAi(facts) : new Set<string>();
  for (const constant of constants.values()) {
    const strength = promptNameStrength(constant.name);
    if (!strength || !isLongText(constant.value)) continue;
    // `*_INSTRUCTIONS` and `*_TEMPLATE` are prompts only where code hands them to an AI call.
    if (strength === 'weak' && !passed.has(constant.name)) continue;
    if (strength === 'strong' && !llmCode && constant.value.length < MIN_CONSTANT_LENGTH) continue;
    components.push(constantPrompt(site, constant, 'constant', constant.name));
  }
  components.push(...collectPromptFileRefs(site, facts, llmCode), ...hubPrompts(site, facts));
  if (!llmCode) return components;
  for (const { node, symbol } of systemMessages(facts)) {
    const found = textPrompt(site, facts, constants, node, symbol);
    if (found) components.push(found);
  }
  components.push(...mcpPrompts(site, facts));
  return components;
}

type Strength = 'strong' | 'weak';

/** `SYSTEM_PROMPT`, `systemPrompt`, `SystemMessage` are prompts by name; `*_INSTRUCTIONS`, `*_TEMPLATE` only by use. */
export function promptNameStrength(name: string): Strength | undefined {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/_+/)
    .filter(Boolean);
  const last = words[words.length - 1];
  if (words.length < 2 && last !== 'prompt' && last !== 'instructions') return undefined;
  if (last === 'prompt' || last === 'prompts' || (words.includes('prompt') && last === 'template')) return 'strong';
  if (words.includes('system') && (last === 'message' || last === 'msg' || last === 'instructions' || last === 'instruction'))
    return 'strong';
  if (last === 'instructions' || last === 'template' || last === 'preamble') return 'weak';
  return undefined;
}

function isLongText(value: string): boolean {
  const text = value.trim();
  return text.length >= MIN_CONSTANT_LENGTH || (text.includes('\n') && text.length >= MIN_MULTILINE_LENGTH);
}

function constantPrompt(site: CodeSite, constant: StringConstant, evidence: Occurrence['evidence'], symbol: string): PartialComponent {
  return promptComponent(site.path, constant.name, constant.value, [property('prompt:type', 'constant')], {
    path: site.path,
    line: site.line(constant.row),
    evidence,
    symbol,
  });
}

export function promptComponent(
  path: string,
  name: string,
  text: string | undefined,
  properties: Property[],
  at: Occurrence,
): PartialComponent {
  const component: PartialComponent = {
    ref: `prompt:${path}#${name}`,
    kind: 'prompt',
    name: `${path}#${name}`,
    occurrences: [at],
    properties,
    dependsOn: [],
  };
  if (text !== undefined) component.sha256 = createHash('sha256').update(text).digest('hex');
  return component;
}

// --- system messages ------------------------------------------------------------------------------

/** Keyword and option names that carry the system message of an LLM or agent call. */
const SYSTEM_ARGUMENTS = new Set([
  'system',
  'instructions',
  'systemprompt',
  'systemmessage',
  'systeminstruction',
  'preamble',
  'agentinstructions',
  'additionalinstructions',
]);

/** Calls whose first argument is the system message. */
const SYSTEM_MESSAGE_CALLS = new Set([
  'SystemMessage',
  'SystemMessagePromptTemplate.from_template',
  'SystemChatMessage',
  'CreateSystemMessage',
  'AddSystemMessage',
  'ChatRequestSystemMessage',
  'SystemMessageChunk',
]);

interface SystemMessage {
  node: Node;
  symbol: string;
}

function systemMessages(facts: CodeFacts): SystemMessage[] {
  const found: SystemMessage[] = [];
  for (const call of facts.calls) {
    const ai = facts.packageOf(call) !== undefined;
    const byName = SYSTEM_MESSAGE_CALLS.has(call.method) || SYSTEM_MESSAGE_CALLS.has(`${ownerOf(call)}.${call.method}`);
    if (byName) {
      const first = positionalArg(call.args, 0) ?? call.args.find((arg) => arg.name === 'content');
      if (first) found.push({ node: first.node, symbol: call.method });
      continue;
    }
    // `instructions=` and `system_prompt=` in LLM code say what they carry in a call of an AI package
    // or of an agent-like class the catalog lacks (`MyAgent(instructions=…)`), not in a record of data
    // (`Alert(instructions=props.get("instruction"))`); a bare `system=` only in a call of an AI package.
    const agentLike = ai || AGENT_LIKE_CALLEE.test(call.method);
    for (const arg of call.args) {
      const key = arg.name?.replace(/_/g, '').toLowerCase();
      if (arg.name && key && SYSTEM_ARGUMENTS.has(key) && (ai || (agentLike && key !== 'system')))
        found.push({ node: arg.node, symbol: arg.name });
    }
  }
  for (const message of roleMessages(facts.tree.rootNode)) found.push(message);
  return found;
}

/** Callee names of agent frameworks the catalog may lack. */
const AGENT_LIKE_CALLEE = /agent|assistant|llm|chat|bot|crew|prompt|completion/i;

function ownerOf(call: CodeCall): string {
  const parts = call.callee.split('.');
  return parts.length > 1 ? (parts[parts.length - 2] ?? '') : '';
}

const MAPPINGS = new Set(['dictionary', 'object', 'anonymous_object_creation_expression']);

/** `{"role": "system", "content": X}` (Python dicts, JS objects) and `("system", X)` message tuples. */
function roleMessages(root: Node): SystemMessage[] {
  const found: SystemMessage[] = [];
  for (const node of root.descendantsOfType(['dictionary', 'object', 'tuple'])) {
    if (!node) continue;
    if (node.type === 'tuple') {
      const [role, content] = node.namedChildren;
      if (node.namedChildCount === 2 && role && content && stringText(role) === 'system') found.push({ node: content, symbol: 'system' });
      continue;
    }
    if (!MAPPINGS.has(node.type)) continue;
    const pairs = new Map<string, Node>();
    for (const pair of node.namedChildren) {
      const key = pair?.childForFieldName('key');
      const value = pair?.childForFieldName('value');
      if (key && value) pairs.set(stringText(key) ?? key.text, value);
    }
    const content = pairs.get('content');
    const role = pairs.get('role');
    if (content && role && stringText(role) === 'system') found.push({ node: content, symbol: 'role: system' });
  }
  return found;
}

/** The text of a plain string literal node (quotes removed), or undefined. */
function stringText(node: Node): string | undefined {
  if (node.type === 'property_identifier' || node.type === 'identifier') return undefined;
  const match = /^(?:[rbuRBU]{0,2})(["'`])([^"'`\\]*)\1$/.exec(node.text);
  return match?.[2];
}

/** A system-message expression as a prompt: through its constant (`path#NAME`) or written in place. */
function textPrompt(site: CodeSite, facts: CodeFacts, constants: Map<string, StringConstant>, node: Node, symbol: string) {
  const constant = node.type === 'identifier' ? constants.get(node.text) : undefined;
  if (constant) {
    return constant.value.trim().length >= MIN_INLINE_LENGTH ? constantPrompt(site, constant, 'constant', constant.name) : undefined;
  }
  const value = writtenText(facts, node);
  if (value === undefined || value.trim().length < MIN_INLINE_LENGTH) return undefined;
  const line = site.line(node.startPosition.row);
  return promptComponent(site.path, `system@${line}`, value, [property('prompt:type', 'system-message')], {
    path: site.path,
    line,
    evidence: 'call',
    symbol,
  });
}

/** Templates with placeholders (`f"…{topic}…"`, `` `…${topic}…` ``, `$"…{x}…"`): their source text is the prompt asset. */
const TEMPLATE_LITERALS = new Set(['string', 'template_string', 'interpolated_string_expression']);
const LISTS = new Set(['list', 'array']);

/**
 * The text written at a system-message position: a string, a template (as written), or a list of
 * strings (Agno's `instructions=["…", "…"]`, one instruction a line).
 */
function writtenText(facts: CodeFacts, node: Node): string | undefined {
  const value = facts.valueOf(node);
  if (value !== undefined) return value;
  if (TEMPLATE_LITERALS.has(node.type)) return node.text;
  if (!LISTS.has(node.type) || node.namedChildCount === 0) return undefined;
  const items = node.namedChildren.filter((item) => item?.type !== 'comment');
  const lines = items.map((item) => (item && !LISTS.has(item.type) ? writtenText(facts, item) : undefined));
  return lines.every((line) => line !== undefined) ? lines.join('\n') : undefined;
}

/** Names of variables handed to calls of AI packages (`PromptTemplate(template=QA_TEMPLATE)`, `Agent(instructions=X)`). */
function identifiersPassedToAi(facts: CodeFacts): Set<string> {
  const names = new Set<string>();
  for (const call of facts.calls) {
    if (!facts.packageOf(call) && !SYSTEM_MESSAGE_CALLS.has(call.method)) continue;
    for (const arg of call.args) {
      if (arg.node.type === 'identifier') names.add(arg.node.text);
      else for (const inner of arg.node.descendantsOfType('identifier')) if (inner) names.add(inner.text);
    }
  }
  for (const message of roleMessages(facts.tree.rootNode)) if (message.node.type === 'identifier') names.add(message.node.text);
  return names;
}

// --- prompt hubs ------------------------------------------------------------------------------------

interface HubCall {
  hub: string;
  /** Package keys that make the call a hub pull. */
  packages: string[];
}

/** `method` → the hub it pulls from, when the call belongs to one of `packages`. */
const HUB_CALLS: Record<string, HubCall> = {
  pull: { hub: 'langsmith', packages: ['pypi:langchain', 'pypi:langchainhub', 'pypi:langsmith', 'npm:langchain'] },
  pull_prompt: { hub: 'langsmith', packages: ['pypi:langsmith', 'pypi:langchain'] },
  pullPrompt: { hub: 'langsmith', packages: ['npm:langsmith'] },
  get_prompt: { hub: 'langfuse', packages: ['pypi:langfuse'] },
  getPrompt: { hub: 'langfuse', packages: ['npm:langfuse'] },
};

function hubPrompts(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    const hub = HUB_CALLS[call.method];
    const pkg = hub ? facts.packageOf(call) : undefined;
    // A client behind a project's own factory (`const langfuse = getLangfuse()`) is known by its name.
    const named = hub?.hub === 'langfuse' && /\blangfuse\b/i.test(call.callee);
    if (!hub || !((pkg && hub.packages.includes(packageKey(pkg))) || named)) continue;
    // LangChain's hub is `hub.pull` (or `langchain/hub` in JS); a bare `pull` is something else.
    if (call.method === 'pull' && !/(?:^|\.|\/)hub(?:\.pull)?$/.test(call.origin ?? call.callee.replace(/\.pull$/, ''))) continue;
    const arg = positionalArg(call.args, 0) ?? call.args.find((entry) => entry.name === 'name' || entry.name === 'prompt_identifier');
    const at: Occurrence = { path: site.path, line: site.line(call.row), evidence: 'call', symbol: call.callee };
    for (const id of arg ? possibleStrings(facts, arg.node, arg.value) : []) {
      if (!/^[\w.@/-]+(?::[\w.-]+)?$/.test(id)) continue;
      const [name, version] = id.split(':');
      if (name) components.push(hubPromptComponent(hub.hub, name, version, at));
    }
  }
  return components;
}

/** The strings an argument may be: its value, or each literal of a choice (`"x:staging" if staging else "x:production"`). */
function possibleStrings(facts: CodeFacts, node: Node, value: string | undefined): string[] {
  if (value !== undefined) return [value];
  const literals = facts.flow.sources(node).map((source) => facts.valueOf(source.node));
  return literals.every((literal) => literal !== undefined) ? (literals as string[]).slice(0, 4) : [];
}

/** A prompt kept in a prompt hub (`langsmith:rlm/rag-prompt`, `langfuse:support-agent`), by name. */
export function hubPromptComponent(hub: string, name: string, version: string | undefined, at: Occurrence): PartialComponent {
  const properties = [property('prompt:type', 'hub'), property('prompt:hub', hub)];
  if (version) properties.push(property('prompt:version', version));
  return { ref: `prompt:${hub}/${name}`, kind: 'prompt', name: `${hub}:${name}`, occurrences: [at], properties, dependsOn: [] };
}

// --- MCP prompts ----------------------------------------------------------------------------------

/** Prompt registrations of MCP server SDKs, by method: the name's position, or the decorated function. */
const MCP_PROMPT_METHODS = new Set(['prompt', 'registerPrompt', 'addPrompt']);

function mcpPrompts(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  const at = (row: number, symbol: string): Occurrence => ({ path: site.path, line: site.line(row), evidence: 'call', symbol });
  const mcpServerCode = facts.packages.packages.some((pkg) => pkg.category === 'mcp');
  for (const call of facts.calls) {
    if (!mcpServerCode) continue;
    // The low-level Python server lists `types.Prompt(name="fetch", …)` from its `list_prompts` handler.
    const listed = call.method === 'Prompt' && facts.language === 'python' && call.args.some((arg) => arg.name === 'name');
    if (!MCP_PROMPT_METHODS.has(call.method) && !listed) continue;
    // A server passed in as a parameter (`(server: McpServer) => server.registerPrompt(…)`) has no receiver call.
    const onServer =
      listed || facts.packageOf(call)?.category === 'mcp' || (call.method !== 'prompt' && /(?:server|mcp)$/i.test(ownerOf(call)));
    if (!onServer) continue;
    const named = call.args.find((arg) => arg.name === 'name')?.value ?? positionalArg(call.args, 0)?.value;
    const definition = decoratedDefinition(call.node);
    const name = named ?? definition?.childForFieldName('name')?.text;
    if (!name || !/^[\w.-]{1,100}$/.test(name)) continue;
    const body = definition ?? call.node;
    components.push(promptComponent(site.path, name, body.text, [property('prompt:type', 'mcp-prompt')], at(call.row, call.callee)));
  }
  if (facts.language === 'python' && mcpServerCode) {
    // `@mcp.prompt` without parentheses is no call: the decorator names the prompt function.
    for (const decorator of facts.tree.rootNode.descendantsOfType('decorator')) {
      const expression = decorator?.namedChild(0);
      if (expression?.type !== 'attribute' || expression.childForFieldName('attribute')?.text !== 'prompt') continue;
      const definition = decorator?.parent?.childForFieldName('definition');
      const name = definition?.type === 'function_definition' ? definition.childForFieldName('name')?.text : undefined;
      if (name && definition)
        components.push(
          promptComponent(
            site.path,
            name,
            definition.text,
            [property('prompt:type', 'mcp-prompt')],
            at(expression.startPosition.row, expression.text),
          ),
        );
    }
  }
  if (facts.language === 'csharp') {
    for (const attribute of facts.tree.rootNode.descendantsOfType('attribute')) {
      const attributeName = attribute?.childForFieldName('name')?.text ?? attribute?.namedChild(0)?.text;
      if (!attribute || !/^(?:\w+\.)*McpServerPrompt(?:Attribute)?$/.test(attributeName ?? '')) continue;
      const method = attribute.parent?.parent;
      if (method?.type !== 'method_declaration') continue;
      const explicit = /\bName\s*=\s*"([\w.-]{1,100})"/.exec(attribute.text)?.[1];
      const name = explicit ?? method.childForFieldName('name')?.text;
      if (name)
        components.push(
          promptComponent(
            site.path,
            name,
            method.text,
            [property('prompt:type', 'mcp-prompt')],
            at(method.startPosition.row, 'McpServerPrompt'),
          ),
        );
    }
  }
  return components;
}

/** The function a Python decorator call decorates (`@mcp.prompt()` above `def review(…)`). */
function decoratedDefinition(call: Node): Node | undefined {
  const decorator = call.parent;
  if (decorator?.type !== 'decorator') return undefined;
  const definition = decorator.parent?.childForFieldName('definition');
  return definition?.type === 'function_definition' ? definition : undefined;
}
