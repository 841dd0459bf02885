import type { CodeCall, CodeFacts } from '../facts';
import { positionalArg } from '../facts/loaders';
import type { Node } from '../parse/treeSitter';
import type { CodeSite } from './codeImports';
import { promptComponent } from './codePrompts';
import { property } from './components';
import type { PartialComponent } from './types';

/**
 * Messages C# and Java code sends to a model by the call that carries them: Semantic Kernel
 * `chatHistory.AddUserMessage("…")` and `new ChatHistory("""You are…""")` (its system message),
 * Microsoft.Extensions.AI `new ChatMessage(ChatRole.User, "…")` and `chatClient.GetResponseAsync(prompt)`,
 * `kernel.InvokePromptAsync(prompt)`, LangChain4j `UserMessage.from("…")`, `userMessage("…")`,
 * `model.chat("…")` on a chat model, and `PromptTemplate.from("…")`. A text written at the call (or bound
 * once to a local) is `path#user@line` / `path#system@line` (the literal's line); a template bound to a
 * local is named by the local (`path#prompt`), and one a method of the file returns by the method
 * (`path#GetShortSummaryPrompt`). Only prose counts: a user's input or a label is data.
 */

type Role = 'user' | 'system' | 'prompt';

interface Message {
  role: Role;
  node: Node;
  symbol: string;
  /** A prompt template object (`PromptTemplate.from(…)`): named by the field or local it is stored in. */
  template?: boolean;
}

/** C# calls whose first argument is the user's message (Semantic Kernel, Microsoft.Extensions.AI, OpenAI, Azure OpenAI). */
const CSHARP_USER_CALLS = new Set([
  'AddUserMessage',
  'GetResponseAsync',
  'GetStreamingResponseAsync',
  'CompleteAsync',
  'CompleteStreamingAsync',
  'InvokePromptAsync',
  'InvokePromptStreamingAsync',
  'UserChatMessage',
  'ChatRequestUserMessage',
  'CreateUserMessage',
]);

/** C# image generation calls whose first argument is the image prompt (Semantic Kernel, OpenAI .NET). */
const CSHARP_IMAGE_CALLS = new Set(['GetImageContentsAsync', 'GenerateImageAsync', 'GenerateImage']);

/** Java (LangChain4j) calls whose text is the user's message. */
const JAVA_USER_CALLS = new Set(['UserMessage.from', 'userMessage', 'UserMessage.userMessage', 'new UserMessage']);

/** A LangChain4j model's generation methods, called on a variable declared as a chat or language model. */
const JAVA_MODEL_METHODS = new Set(['chat', 'generate']);
const JAVA_MODEL_TYPE = /(?:ChatModel|LanguageModel)$/;

/** `accept` judges the text (prose; or text that speaks to a model where the file imports no AI package). */
export function collectJvmMessagePrompts(
  site: CodeSite,
  facts: CodeFacts,
  accept: (text: string) => boolean,
  known: Set<string | undefined>,
): PartialComponent[] {
  if (facts.language !== 'csharp' && facts.language !== 'java') return [];
  const components: PartialComponent[] = [];
  const messages = facts.language === 'csharp' ? csharpMessages(facts) : javaMessages(facts);
  for (const message of messages) {
    const component = messagePrompt(site, facts, message, accept);
    if (!component || known.has(component.sha256)) continue;
    known.add(component.sha256);
    components.push(component);
  }
  return components;
}

function csharpMessages(facts: CodeFacts): Message[] {
  const found: Message[] = [];
  for (const call of facts.calls) {
    const first = positionalArg(call.args, 0);
    if (CSHARP_USER_CALLS.has(call.method) && first) found.push({ role: 'user', node: first.node, symbol: call.method });
    else if (CSHARP_IMAGE_CALLS.has(call.method) && first) found.push({ role: 'prompt', node: first.node, symbol: call.method });
    // `new ChatHistory("""You are…""")`: Semantic Kernel's constructor takes the system message.
    else if (call.method === 'ChatHistory' && call.callee.startsWith('new ') && first)
      found.push({ role: 'system', node: first.node, symbol: call.method });
    else if (call.method === 'ChatMessage' || call.method === 'ChatMessageContent') {
      const [role, content] = call.args;
      if (role && content && /^(?:Chat|Author)Role\.User$/.test(role.node.text))
        found.push({ role: 'user', node: content.node, symbol: call.method });
    }
  }
  return found;
}

function javaMessages(facts: CodeFacts): Message[] {
  if (facts.packages.packages.length === 0) return [];
  const found: Message[] = [];
  const modelVariables = declaredModelVariables(facts.tree.rootNode);
  for (const call of facts.calls) {
    const positional = call.args.filter((arg) => !arg.name);
    const qualified = call.callee.startsWith('new ') ? call.callee : `${ownerOf(call)}${call.method}`;
    // `UserMessage.from(name, text)`: the text is the last argument.
    if (JAVA_USER_CALLS.has(qualified) && positional.length > 0) {
      const last = positional[positional.length - 1];
      if (last) found.push({ role: 'user', node: last.node, symbol: qualified });
    } else if (qualified === 'PromptTemplate.from' && positional[0]) {
      found.push({ role: 'prompt', node: positional[0].node, symbol: qualified, template: true });
    } else if (JAVA_MODEL_METHODS.has(call.method) && positional[0] && modelVariables.has(receiverName(call) ?? '')) {
      found.push({ role: 'user', node: positional[0].node, symbol: call.method });
    }
  }
  return found;
}

function ownerOf(call: CodeCall): string {
  const parts = call.callee.split('.');
  return parts.length > 1 ? `${parts[parts.length - 2]}.` : '';
}

function receiverName(call: CodeCall): string | undefined {
  const object = call.node.childForFieldName('object');
  return object?.type === 'identifier' ? object.text : undefined;
}

/** Java variables, fields and parameters declared with a model type (`ChatModel model = …`, `AzureOpenAiStreamingChatModel model`). */
function declaredModelVariables(root: Node): Set<string> {
  const names = new Set<string>();
  for (const declaration of root.descendantsOfType(['local_variable_declaration', 'field_declaration', 'formal_parameter'])) {
    const type = declaration?.childForFieldName('type');
    const typeName = type?.type === 'generic_type' ? type.namedChild(0)?.text : type?.text;
    if (!declaration || !typeName || !JAVA_MODEL_TYPE.test(typeName)) continue;
    const parameter = declaration.type === 'formal_parameter' ? declaration.childForFieldName('name')?.text : undefined;
    if (parameter) names.add(parameter);
    for (const declarator of declaration.childrenForFieldName('declarator')) {
      const name = declarator?.childForFieldName('name')?.text;
      if (name) names.add(name);
    }
  }
  return names;
}

/** The prompt a message argument holds: its text, a local bound once to a text or template, or a method of the file returning one. */
function messagePrompt(
  site: CodeSite,
  facts: CodeFacts,
  message: Message,
  accept: (text: string) => boolean,
): PartialComponent | undefined {
  let node = message.node;
  let name: string | undefined;
  if (node.type === 'identifier') {
    const bound = localBinding(node);
    if (!bound) return undefined;
    name = node.text;
    node = bound;
  }
  const lineName = `${message.role}@${site.line(node.startPosition.row)}`;
  const text = joinedText(facts, node);
  if (text !== undefined) {
    if (!accept(text)) return undefined;
    // A plain text is named by its line, as inline system messages are; a template object by its field or local.
    const label = message.template ? (name ?? assignedName(node)) : undefined;
    return prompt(site, label ?? lineName, text, node, message);
  }
  const template = templateText(node);
  if (template !== undefined) return accept(template.prose) ? prompt(site, name ?? lineName, template.source, node, message) : undefined;
  // `var prompt = GetShortSummaryPrompt(input)`: a method of the file that returns the template.
  const method = returningMethod(node);
  if (method) {
    const returned = templateText(method.value) ?? literalText(facts, method.value);
    if (returned && accept(returned.prose)) return prompt(site, method.name, returned.source, method.value, message);
  }
  return undefined;
}

/** A literal, or literals joined with `+` (`"Answer the question…\n" + "Question: {{question}}"`). */
function joinedText(facts: CodeFacts, node: Node): string | undefined {
  const value = facts.valueOf(node);
  if (value !== undefined || node.type !== 'binary_expression') return value;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (node.childForFieldName('operator')?.text !== '+' || !left || !right) return undefined;
  const head = joinedText(facts, left);
  const tail = head === undefined ? undefined : joinedText(facts, right);
  return head === undefined || tail === undefined ? undefined : head + tail;
}

function literalText(facts: CodeFacts, node: Node): { source: string; prose: string } | undefined {
  const text = facts.valueOf(node);
  return text === undefined ? undefined : { source: text, prose: text };
}

function prompt(site: CodeSite, name: string, text: string, node: Node, message: Message): PartialComponent {
  const type = message.template
    ? 'template'
    : message.role === 'system'
      ? 'system-message'
      : message.role === 'user'
        ? 'user-message'
        : 'prompt';
  const line = site.line(node.startPosition.row);
  return promptComponent(site.path, name, text, [property('prompt:type', type)], {
    path: site.path,
    line,
    evidence: 'call',
    symbol: message.symbol,
  });
}

const SCOPES = new Set([
  'method_declaration',
  'constructor_declaration',
  'local_function_statement',
  'lambda_expression',
  'compilation_unit',
  'program',
  'class_body',
  'declaration_list',
]);

/** The value of the one declaration of a local (`var prompt = …;`, `String userMessage = "…";`) in the enclosing method. */
function localBinding(use: Node): Node | undefined {
  let scope: Node | null = use.parent;
  while (scope && !SCOPES.has(scope.type)) scope = scope.parent;
  if (!scope) return undefined;
  const values: Node[] = [];
  for (const declarator of scope.descendantsOfType('variable_declarator')) {
    if (!declarator || declaratorName(declarator) !== use.text) continue;
    const value = declaratorValue(declarator);
    if (value) values.push(value);
  }
  return values.length === 1 ? values[0] : undefined;
}

function declaratorName(declarator: Node): string | undefined {
  return (declarator.childForFieldName('name') ?? declarator.namedChild(0))?.text;
}

/** Java names the value field; C# writes `= value` as the declarator's last child. */
function declaratorValue(declarator: Node): Node | undefined {
  const value = declarator.childForFieldName('value');
  if (value) return value;
  const last = declarator.namedChild(declarator.namedChildCount - 1);
  return declarator.namedChildCount > 1 && last ? last : undefined;
}

/** The local or field a value is declared into (`PromptTemplate PROMPT_TEMPLATE = PromptTemplate.from(…)`). */
function assignedName(node: Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'variable_declarator') return declaratorName(current);
    if (!ARGUMENT_WRAPPERS.has(current.type)) return undefined;
  }
  return undefined;
}

const ARGUMENT_WRAPPERS = new Set(['argument', 'argument_list', 'method_invocation', 'invocation_expression', 'equals_value_clause']);

/** A C# interpolated string (`$"""…{x}…"""`): its source, and its prose with the placeholders left out. */
function templateText(node: Node): { source: string; prose: string } | undefined {
  if (node.type !== 'interpolated_string_expression') return undefined;
  let prose = '';
  for (const child of node.namedChildren) if (child && child.type !== 'interpolation') prose += `${child.text} `;
  return { source: node.text, prose };
}

/** `GetShortSummaryPrompt(input)`: a method of the file whose body returns one expression. */
function returningMethod(node: Node): { name: string; value: Node } | undefined {
  if (node.type !== 'invocation_expression' && node.type !== 'method_invocation') return undefined;
  const callee = node.childForFieldName('function') ?? node.childForFieldName('name');
  if (callee?.type !== 'identifier') return undefined;
  const root = rootOf(node);
  const returns: Node[] = [];
  for (const method of root.descendantsOfType(['method_declaration', 'local_function_statement'])) {
    if (method?.childForFieldName('name')?.text !== callee.text) continue;
    for (const statement of method.descendantsOfType('return_statement')) {
      const value = statement?.namedChild(0);
      if (value) returns.push(value);
    }
  }
  const [value] = returns;
  return returns.length === 1 && value ? { name: callee.text, value } : undefined;
}

function rootOf(node: Node): Node {
  let current = node;
  while (current.parent) current = current.parent;
  return current;
}
