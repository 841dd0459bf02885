import type { CodeCall, CodeFacts } from '../facts';
import { positionalArg } from '../facts/loaders';
import type { Node } from '../parse/treeSitter';
import type { CodeSite } from './codeImports';
import { promptComponent } from './codePrompts';
import { property } from './components';
import type { PartialComponent } from './types';

/**
 * User turns a model call is given besides the chat messages: the `inputs` of an agent conversation
 * (Mistral `client.beta.conversations.start(agent_id=…, inputs="Who won the last Champions League?")`,
 * `run_async(run_ctx=…, inputs=USER_MESSAGE)`), and the code a fill-in-the-middle completion is asked
 * to continue (`client.fim.complete(model="codestral-latest", prompt=prompt, suffix=suffix)`).
 */

/** Methods of an agent conversation that send the user's turn as `inputs` (start, continue, restart, run). */
const CONVERSATION_METHOD = /^(?:start|append|restart|run)(?:_stream)?(?:_async)?$/;

/** The `inputs` of conversation calls of an AI package (`client.beta.conversations.start_async(inputs=…)`). */
export function conversationInputs(facts: CodeFacts): Node[] {
  const inputs: Node[] = [];
  for (const call of facts.calls) {
    if (!CONVERSATION_METHOD.test(call.method) || !call.callee.includes('conversations.') || !facts.packageOf(call)) continue;
    const input = call.args.find((arg) => arg.name === 'inputs');
    if (input) inputs.push(input.node);
  }
  return inputs;
}

/** Words that open a question or a request (`What's in this image?`, `Tell me the weather…`). */
const TURN_START =
  /^(?:what|what's|which|who|whom|whose|when|where|why|how|is|are|can|could|would|should|do|does|did|please|tell|describe|explain|list|give|show|write|summari[sz]e|translate|make|find|plot|calculate|compare|create|generate)\b/i;

/** Letters-only words of a text (`What's`, `image?`), not numbers, symbols or identifiers (`T1001`). */
const WORD = /(?:^|\s)[A-Za-z][a-z'’-]*[,.:;!?]?(?=\s|$)/g;

/**
 * A short question or request at a certain user-turn position: three words or more, opening as a question or
 * request or ending as a question (`What's in this image?`, `Describe the video`). A greeting (`hey`), a reply
 * (`Lame...`) or a label is not one.
 */
export function isShortTurn(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length < MIN_TURN_LENGTH || (trimmed.match(WORD)?.length ?? 0) < MIN_TURN_WORDS) return false;
  return TURN_START.test(trimmed) || trimmed.endsWith('?');
}

const MIN_TURN_LENGTH = 12;
const MIN_TURN_WORDS = 3;

/**
 * Fill-in-the-middle requests: a completion given both `prompt` and `suffix` (`client.fim.complete(…)`,
 * `fim.stream_async(…)`) sends the code before the gap as its prompt. Named by the variable that holds it
 * (`path#prompt`), else by its line (`path#prompt@14`); code, not prose, so any text counts.
 */
export function fimPrompts(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'python' && facts.language !== 'javascript') return [];
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    if (!isFimCall(facts, call)) continue;
    const prompt = call.args.find((arg) => arg.name === 'prompt') ?? positionalArg(call.args, 0);
    const found = prompt && fimPrompt(site, facts, prompt.node);
    if (found) components.push(found);
  }
  return components;
}

/** A completion of an AI package through its `fim` surface, or any of its completions given a `suffix`. */
function isFimCall(facts: CodeFacts, call: CodeCall): boolean {
  if (!/^(?:complete|stream)(?:_async)?$|^(?:complete|stream)Async$/.test(call.method)) return false;
  if (!call.args.some((arg) => arg.name === 'suffix')) return false;
  return facts.packageOf(call) !== undefined && call.callee.includes('fim');
}

function fimPrompt(site: CodeSite, facts: CodeFacts, node: Node): PartialComponent | undefined {
  let text = facts.valueOf(node);
  let at = node;
  let name: string | undefined;
  if (node.type === 'identifier') {
    const bound = facts.flow.soleBinding(node);
    if (!bound) return undefined;
    text = facts.valueOf(bound);
    at = bound;
    name = node.text;
  }
  if (!text?.trim()) return undefined;
  const line = site.line(at.startPosition.row);
  return promptComponent(site.path, name ?? `prompt@${line}`, text, [property('prompt:type', 'fill-in-the-middle')], {
    path: site.path,
    line,
    evidence: 'call',
    symbol: 'prompt',
  });
}

/** Source code sent as a turn (`code = """class Cheese(BaseModel): …"""`) is the user's data, not a prompt. */
export function looksLikeCode(text: string): boolean {
  return CODE_LINE.test(text);
}

const CODE_LINE =
  /^[ \t]*(?:class \w+\s*[(:]|def \w+\s*\(|import [\w.]+|from [\w.]+ import\b|function \w+\s*\(|(?:const|let|var) \w+\s*=)/m;

const FUNCTION_NODES = new Set([
  'function_definition',
  'function_declaration',
  'function_expression',
  'arrow_function',
  'method_definition',
]);

/**
 * Turns given to a function of the same file that sends its parameter as the user message
 * (`async function chatWithClaude(sandbox, userMessage) { … messages: [{ role: 'user', content: userMessage }] … }`
 * called as `chatWithClaude(sandbox, 'Calculate value of pi using monte carlo method…')`): the literal at the
 * parameter's position is the turn, `user@line` at its line. `contents` are the file's user-message contents.
 */
export function forwardedTurns(facts: CodeFacts, contents: Node[]): Node[] {
  const targets = new Map<string, { index: number; name: string }>();
  for (const content of contents) {
    if (content.type !== 'identifier') continue;
    const owner = enclosingFunction(content);
    const name = owner && functionName(owner);
    const index = owner ? parameterNames(owner).indexOf(content.text) : -1;
    if (!name || index < 0 || !facts.flow.sources(content).every((source) => !source.binding || source.binding === 'parameter default'))
      continue;
    targets.set(name, { index, name: content.text });
  }
  if (targets.size === 0) return [];
  const turns: Node[] = [];
  for (const call of facts.calls) {
    const target = targets.get(call.method);
    const callee = call.node.childForFieldName('function');
    // `chat(…)`, or `self.chat(…)` / `this.chat(…)` of the same class (its `self` not passed).
    const own = callee?.type === 'identifier' || /^(?:self|this)\./.test(call.callee);
    if (!target || !own) continue;
    const index = target.index - (/^self\./.test(call.callee) ? 1 : 0);
    const arg = call.args.find((entry) => entry.name === target.name) ?? positionalArg(call.args, index);
    if (arg) turns.push(arg.node);
  }
  return turns;
}

function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (FUNCTION_NODES.has(current.type)) return current;
  return undefined;
}

/** `def chat(…)`, `function chat(…)`, `chat(…) {…}` in a class, `const chat = async (…) => …`. */
function functionName(node: Node): string | undefined {
  const name =
    node.childForFieldName('name') ?? (node.parent?.type === 'variable_declarator' ? node.parent.childForFieldName('name') : null);
  return name?.text;
}

/** The parameter names of a function in order (`self` included), whatever their annotations and defaults. */
function parameterNames(node: Node): string[] {
  const parameters = node.childForFieldName('parameters');
  return (parameters?.namedChildren ?? []).map((parameter) => {
    if (!parameter) return '';
    if (parameter.type === 'identifier') return parameter.text;
    const named = parameter.childForFieldName('pattern') ?? parameter.childForFieldName('name') ?? parameter.namedChild(0);
    return named?.type === 'identifier' ? named.text : '';
  });
}

/** `client.beta.prompts.create(…)`, `client.beta.skills.create(…)` (Mistral), Langfuse `create_prompt`, LangSmith `push_prompt`. */
const REGISTRY_CREATE = /(?:^|\.)(?:prompts|skills)\.create$|(?:^|\.)(?:create_prompt|push_prompt|createPrompt|pushPrompt)$/;

/**
 * Prompts and skills a project creates in a provider's registry (`client.beta.prompts.create(name="welcome-email",
 * definition={"content": "Welcome to {{company}}!…"})`, `client.beta.skills.create(name="release-notes", …)`,
 * `langfuse.create_prompt(name="movie-critic", prompt="…")`): named by the registered name, `path#welcome-email`.
 */
export function registeredPrompts(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (!(facts.text.includes('create') || facts.text.includes('push'))) return [];
  const components: PartialComponent[] = [];
  const names = new Set<string>();
  for (const call of facts.calls) {
    if (!REGISTRY_CREATE.test(call.callee.replace(/\s+/g, '')) || !facts.packageOf(call)) continue;
    const named = call.args.find((arg) => arg.name === 'name' || arg.name === 'prompt_identifier') ?? positionalArg(call.args, 0);
    const name = named?.value;
    if (!named || !name || !/^[\w.-]+$/.test(name) || names.has(name)) continue;
    names.add(name);
    components.push(
      promptComponent(site.path, name, call.node.text, [property('prompt:type', 'registry')], {
        path: site.path,
        line: site.line(named.node.startPosition.row),
        evidence: 'call',
        symbol: call.method,
      }),
    );
  }
  return components;
}

/**
 * The list a loop variable walks (`for i, user_text in enumerate(TURNS, start=1): messages.append(UserMessage(content=user_text))`,
 * `for (const turn of TURNS)`), when the list is bound once in the file to literal texts: its name and texts.
 */
export function loopedTurns(facts: CodeFacts, variable: Node): { name: Node; list: Node; texts: string[] } | undefined {
  let loop = variable.parent;
  while (loop && loop.type !== 'for_statement' && loop.type !== 'for_in_statement') loop = loop.parent;
  const target = loop?.childForFieldName('left');
  if (!loop || !target?.descendantsOfType('identifier').some((name) => name?.text === variable.text)) return undefined;
  let walked = loop.childForFieldName('right');
  // `enumerate(TURNS)`: the list is the first argument.
  if (walked?.type === 'call' && walked.childForFieldName('function')?.text === 'enumerate')
    walked = walked.childForFieldName('arguments')?.namedChild(0) ?? null;
  if (walked?.type !== 'identifier') return undefined;
  const sources = facts.flow.sources(walked);
  const [source] = sources;
  if (sources.length !== 1 || !source?.binding || (source.node.type !== 'list' && source.node.type !== 'array')) return undefined;
  const items = source.node.namedChildren.filter((item): item is Node => !!item && item.type !== 'comment');
  const texts = items.map((item) => facts.valueOf(item));
  if (texts.length === 0 || texts.some((text) => text === undefined)) return undefined;
  return { name: walked, list: source.node, texts: texts as string[] };
}
