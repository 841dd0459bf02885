import { createHash } from 'node:crypto';
import * as posix from 'node:path/posix';
import { parse as parseYaml } from 'yaml';
import { type CodeArg, type CodeCall, type CodeFacts, packageKey } from '../facts';
import { positionalArg } from '../facts/loaders';
import { type StringConstant, stringConstants, textOfWrapper } from '../facts/stringConstants';
import { descendantsOf } from '../parse/nodeIndex';
import type { Node } from '../parse/treeSitter';
import { isConventionalTestPath } from '../testCode';
import { isSdkModelSurface } from './catalog';
import type { CodeSite } from './codeImports';
import { property } from './components';
import { collectJvmMessagePrompts } from './jvmMessages';
import { isLiveTest } from './liveTestModels';
import { importedInstructionPrompts, mcpInstructionValues } from './mcpInstructions';
import { formattedConstant, isMessageProse, joinedConstants, joinedNames, ownLiteralText, speaksToModel } from './messagePrompts';
import { collectPromptFileRefs } from './promptFiles';
import { appendedInFunction, collectProviderPrompts } from './promptProviders';
import {
  boundText,
  functionAssignments,
  isNaturalLanguage,
  isPromptModule,
  literalProse,
  type TemplateConstant,
  templateConstants,
  templateOf,
  writtenTemplateOf,
} from './promptTemplates';
import type { Occurrence, PartialComponent, Property } from './types';
import { conversationInputs, fimPrompts, forwardedTurns, isShortTurn, looksLikeCode, loopedTurns, registeredPrompts } from './userTurns';

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
  const passed = llmCode ? identifiersPassedToAi(facts) : generationTaskArguments(facts);
  const roles = roleArguments(facts);
  const texts = new Set<string>();
  // In a module of prompts (`prompts.py`) long prose constants are prompts whatever their names.
  const promptModule = isPromptModule(site.path);
  const mcpModule = isMcpModule(site.path, facts);
  for (const constant of constants.values()) {
    if (mcpModule && isToolDescriptionConstant(constant)) {
      texts.add(constant.value);
      components.push(constantPrompt(site, constant, 'constant', constant.name));
      continue;
    }
    // A declarative agent or prompt template written inline and handed to the framework (`create_from_yaml(SPEC)`).
    if (passed.has(constant.name) && !promptNameStrength(constant.name) && isAgentSpec(constant.value)) {
      texts.add(constant.value);
      components.push(constantPrompt(site, constant, 'constant', constant.name));
      continue;
    }
    // `PROMPT_SUFFIX = _JUPYTER_PROMPT_SUFFIX`: the same text under a second name is the same prompt.
    if (texts.has(constant.value)) continue;
    const strength = promptModule ? 'strong' : (promptNameStrength(constant.name) ?? systemNamedPrompt(constant));
    if (promptModule && !promptNameStrength(constant.name)) {
      if (!isModuleProse(constant.value)) continue;
    } else if (
      !strength ||
      !isLongText(constant.value, passed.has(constant.name) && isCompoundName(constant.name)) ||
      !isNaturalLanguage(constant.value)
    )
      continue;
    // `*_INSTRUCTIONS` and `*_TEMPLATE` are prompts only where code hands them to an AI call.
    if (strength === 'weak' && !passed.has(constant.name)) continue;
    // `CODE_ROLE = """Provide only code…"""` is a prompt where it becomes a system role (`SystemRole("Coder", CODE_ROLE)`).
    if (strength === 'role' && !roles.has(constant.name)) continue;
    if (strength === 'strong' && !llmCode && constant.value.length < MIN_CONSTANT_LENGTH) continue;
    texts.add(constant.value);
    components.push(constantPrompt(site, constant, 'constant', constant.name));
  }
  // `SYSTEM_PROMPT = f"""…{platform.machine()}…"""`: a prompt constant written as a template.
  for (const template of templateConstants(facts)) {
    // `SYS = B_SYS + '…' + E_SYS` with both markers known is a constant, read above.
    if (constants.has(template.name)) continue;
    const strength = promptModule ? 'strong' : promptNameStrength(template.name);
    if (strength !== 'strong' && !(strength === 'weak' && passed.has(template.name))) continue;
    if (promptModule && !promptNameStrength(template.name)) {
      if (!isModuleProse(template.source)) continue;
    } else if (!isLongText(template.prose) || !isNaturalLanguage(template.prose)) continue;
    components.push(
      promptComponent(site.path, template.name, template.source, [property('prompt:type', 'template')], {
        path: site.path,
        line: site.line(template.row),
        evidence: 'constant',
        symbol: template.name,
      }),
    );
  }
  // A prompt-named function of a test (`@pytest.fixture def sample_text_prompt(): return "A cat…"`) is a fixture's sample.
  // A live test sends its messages to a real model (`generateText({ model: anthropic("claude-…"), messages })`).
  const testCode = isConventionalTestPath(site.path) && !(llmCode && isLiveTest(site.path, facts));
  if (!testCode) {
    const named = new Set(components.map((component) => component.name.slice(site.path.length + 1)));
    components.push(...promptFunctions(site, facts, named, promptModule));
  }
  const messageLists = chatMessageLists(facts);
  for (const list of messageLists) components.push(list.component(site));
  components.push(...collectPromptFileRefs(site, facts, llmCode), ...hubPrompts(site, facts));
  // Strings written inline at system-message positions of a test (`Agent(system="Be brief.")`) are
  // placeholders of the test, not prompts of the project; its named prompt constants still count.
  if (testCode) return components;
  components.push(...collectProviderPrompts(site, facts));
  components.push(...mcpServerInstructions(site, facts, constants), ...mcpPrompts(site, facts));
  const toolInstructions = mcpToolInstructions(site, facts, constants);
  components.push(...realtimeEventPrompts(site, facts, constants), ...toolInstructions);
  components.push(...instructionDescriptions(site, facts, constants, toolInstructions));
  components.push(...lightevalPromptFunctions(site, facts), ...agentInputPrompts(site, facts));
  components.push(...mcpEvalPrompts(site, facts), ...promptDictionaries(site, facts, llmCode));
  // Code calling an AI API over HTTP without an SDK (`requests.post("https://api.mistral.ai/v1/chat/completions",
  // json={"messages": [{"role": "system", "content": _LLM_SYSTEM}, …]})`) writes its system message as a role message.
  if (!llmCode) {
    // A user message of a notebook cell whose client was made in another cell (`{"role": "user", "content": prompt}`).
    components.push(...userPromptTemplates(site, facts), ...formattedMessagePrompts(site, facts, constants, speaksToModel));
    // Over HTTP to an AI API every role message counts; elsewhere (the project's own LLM wrapper,
    // `create_chat_completion(messages=[{"role": "system", …}])`) a system message counts by its shape:
    // text written for a model.
    const http = facts.endpoints.length > 0;
    const methods = new InstructionFunctions(site, facts, components, speaksToModel);
    for (const message of http ? fileRoleMessages(facts) : systemMessages(facts)) {
      if (messageLists.some((list) => list.contains(message.node))) continue;
      if (!http && methods.passedAt(message.node)) continue;
      components.push(...systemMessagePrompts(site, facts, constants, message, http || message.surface ? undefined : speaksToModel));
    }
    // Code that calls an AI API over HTTP builds its prompts in functions as an SDK's code does.
    if (http) components.push(...localPromptTemplates(site, facts, components));
    // C# with global usings (`IChatClient` without a `using` in the file): the messages its chat calls send.
    components.push(...collectJvmMessagePrompts(site, facts, isMessageProse, knownTexts(components)));
    components.push(...defaultTurnPrompts(site, facts, components));
    // A client of a local runtime that speaks a provider's API (`MLCEngine(…).chat.completions.create(messages=[…])`,
    // mistral.rs `ChatCompletionRequest(messages=[…])`, a project's `llm_api.chat_completion(messages=[…])`).
    if (facts.calls.some((call) => isSdkModelSurface(call.callee) || CHAT_COMPLETION_CALL.test(call.method)))
      components.push(...userMessageLiterals(site, facts, components));
    return components;
  }
  const functions = new InstructionFunctions(site, facts, components);
  for (const message of systemMessages(facts)) {
    if (messageLists.some((list) => list.contains(message.node))) continue;
    if (functions.passedAt(message.node)) continue;
    components.push(...systemMessagePrompts(site, facts, constants, message));
  }
  functions.registeredByDecorators();
  components.push(...userPromptTemplates(site, facts), ...formattedMessagePrompts(site, facts, constants, isMessageProse));
  components.push(...humanMessageTemplates(site, facts, components), ...requestMessageTemplates(site, facts, components));
  components.push(...localPromptTemplates(site, facts, components));
  components.push(...collectJvmMessagePrompts(site, facts, isMessageProse, knownTexts(components)));
  components.push(...userMessageLiterals(site, facts, components), ...fimPrompts(site, facts), ...registeredPrompts(site, facts));
  components.push(...defaultTurnPrompts(site, facts, components));
  components.push(...aiSdkPromptOptions(site, facts, constants, components));
  return components;
}

/** Code of an MCP server: it imports an MCP SDK, or lives in a package named for MCP (`src/mcp_server_qdrant/settings.py`). */
function isMcpModule(path: string, facts: CodeFacts): boolean {
  return MCP_PACKAGE_PATH.test(path) || facts.packages.packages.some((pkg) => pkg.category === 'mcp');
}

const MCP_PACKAGE_PATH = /(?:^|\/)[\w.-]*mcp[\w.-]*\//i;

/**
 * The default description of an MCP tool kept in a constant (`DEFAULT_TOOL_FIND_DESCRIPTION = ("Look up memories in
 * Qdrant. Use this tool when you need to: …")`, overridable by a setting): the text the model reads to choose the tool.
 */
function isToolDescriptionConstant(constant: StringConstant): boolean {
  return TOOL_DESCRIPTION_NAME.test(constant.name) && speaksToModel(constant.value);
}

const TOOL_DESCRIPTION_NAME = /^(?:[A-Z0-9]+_)*TOOL_(?:[A-Z0-9]+_)*DESCRIPTION$/;

/** The texts already listed, so a message is not listed again under a second name. */
function knownTexts(components: PartialComponent[]): Set<string | undefined> {
  return new Set(components.map((component) => component.sha256).filter((hash) => hash !== undefined));
}

/**
 * Prompt-named variables a function binds to a long prose text or template in LLM code
 * (`analysis_prompt = f"""You are an expert web page analyzer…{user_task}…"""` returned by an agent's tool,
 * `prompt_template = """You are a BigQuery SQL expert…{SCHEMA}…"""` formatted for `generate_content`), as
 * `path#name`. The name must say prompt in two words at least: a bare `prompt` is named by its function
 * when it is sent (`userPromptTemplates`). A text already listed under another name is not listed again.
 */
function localPromptTemplates(site: CodeSite, facts: CodeFacts, found: PartialComponent[]): PartialComponent[] {
  if (facts.language !== 'python' || !LOCAL_PROMPT_HINT.test(facts.text)) return [];
  const hashes = new Set(found.map((component) => component.sha256));
  const names = new Set(found.map((component) => component.name));
  const components: PartialComponent[] = [];
  for (const assignment of facts.tree.rootNode.descendantsOfType('assignment')) {
    const left = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (left?.type !== 'identifier' || !right || !left.text.includes('_') || promptNameStrength(left.text) !== 'strong') continue;
    // A piece of a prompt function already listed (`reference_prompt` inside `generate_report_prompt`) is that prompt.
    const owner = enclosingFunctionName(assignment as Node);
    if (!owner || names.has(`${site.path}#${owner}`) || fillsTemplate(assignment as Node, left.text)) continue;
    const template = localText(facts, right);
    if (!template || template.prose.trim().length < MIN_CONSTANT_LENGTH || !isNaturalLanguage(template.prose)) continue;
    const component = symbolPrompt(site, left, template.source, 'template');
    if (hashes.has(component.sha256)) continue;
    hashes.add(component.sha256);
    components.push(component);
  }
  return components;
}

/**
 * A text, a template, or texts joined with values (`"Review this change…\n\n" + diff_text + "Investigate per the
 * method in your instructions…"`): its source and the prose written in it, values left out.
 */
function localText(facts: CodeFacts, value: Node): { source: string; prose: string } | undefined {
  const literal = facts.valueOf(value);
  if (literal !== undefined) return { source: literal, prose: literal };
  const template = templateOf(value);
  if (template) return template;
  // Only the text written here counts: `complete_prompt = intro_prompt + record_part` puts other prompts together.
  const prose = ownLiteralText(value);
  return prose.trim() ? { source: value.text, prose } : undefined;
}

/**
 * A default the function fills into a template (`.partial(system_prompt=system_prompt)`): part of the template
 * prompt (`templateObjects.ts`), not a prompt of its own.
 */
function fillsTemplate(assignment: Node, name: string): boolean {
  let owner = assignment.parent;
  while (owner && owner.type !== 'function_definition') owner = owner.parent;
  return (owner?.descendantsOfType('keyword_argument') ?? []).some((argument) => {
    const call = argument?.parent?.parent;
    const callee = call?.type === 'call' ? call.childForFieldName('function') : undefined;
    return argument?.childForFieldName('value')?.text === name && callee?.childForFieldName('attribute')?.text === 'partial';
  });
}

/** `analysis_prompt =`, `prompt_template =`: the cheap test before walking a module's assignments. */
const LOCAL_PROMPT_HINT = /\w_prompt\w*\s*=[^=]|\bprompt_\w+\s*=[^=]/i;

type Strength = 'strong' | 'weak' | 'role';

/**
 * `AGENTIC_INVESTIGATE_SYSTEM = """You are a senior application-security engineer…"""`: a constant named for the
 * system message that speaks to a model (`COORDINATE_SYSTEM = "EPSG:4326"` does not).
 */
function systemNamedPrompt(constant: StringConstant): Strength | undefined {
  return /(?:^|_)SYSTEM$|[a-z]System$/.test(constant.name) && constant.name.length > 6 && speaksToModel(constant.value)
    ? 'strong'
    : undefined;
}

/** Words a prompt constant's name may end with after `prompt` (`RAG_PROMPT_TEMPLATE_JSON`, `_PROMPT_SUFFIX`). */
const PROMPT_NAME_TAILS = new Set(['template', 'templates', 'suffix', 'prefix', 'addendum', 'text', 'str', 'json', 'header', 'footer']);

/** Words after `system_prompt` that make the name one of a setting about the prompt, not the prompt. */
const NOT_PROMPT_TAILS = new Set([
  'help',
  'description',
  'desc',
  'doc',
  'docs',
  'error',
  'label',
  'title',
  'hint',
  'tooltip',
  'placeholder',
  'path',
  'file',
  'filename',
  'dir',
  'folder',
  'key',
  'env',
  'var',
  'name',
  'id',
  'url',
  'enabled',
  'length',
  'tokens',
]);

/**
 * `SYSTEM_PROMPT`, `systemPrompt`, `SystemMessage`, `JUDGE_PROMPT_SUFFIX` are prompts by name;
 * `*_INSTRUCTIONS`, `*_TEMPLATE` only by use (handed to an AI call), `*_ROLE` only as a system role.
 */
export function promptNameStrength(name: string): Strength | undefined {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    // An acronym before a word (`QAPrompt`, `RAGTemplate`) ends where the word starts.
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/_+/)
    .filter(Boolean);
  const last = words[words.length - 1];
  if (words.length < 2 && last !== 'prompt' && last !== 'instructions') return undefined;
  if (last === 'prompt' || last === 'prompts' || (words.includes('prompt') && last === 'template')) return 'strong';
  const prompt = words.lastIndexOf('prompt');
  if (prompt >= 0 && words.slice(prompt + 1).every((word) => PROMPT_NAME_TAILS.has(word) || /^v?\d+$/.test(word))) return 'strong';
  // `_SYSTEM_PROMPT_MD_DIFF`, `SYSTEM_PROMPT_EN`: variants of a system prompt, unless the tail says it is about one (`SYSTEM_PROMPT_HELP`).
  const system = words.indexOf('system');
  if (system >= 0 && words[system + 1] === 'prompt' && !words.slice(system + 2).some((word) => NOT_PROMPT_TAILS.has(word))) return 'strong';
  if (last === 'role') return 'role';
  // `sys_msg`, `SYS_MESSAGE`: the system message under its short name, as Llama-2 chat notebooks write it.
  if (
    (words.includes('system') || words[0] === 'sys') &&
    (last === 'message' || last === 'msg' || last === 'instructions' || last === 'instruction')
  )
    return 'strong';
  if (last === 'instructions' || last === 'template' || last === 'preamble') return 'weak';
  return undefined;
}

/**
 * A prose constant of a prompt module without a prompt name: several lines or sentences of text
 * (`report_planner_instructions = """<Report topic>…"""`), not a label or a path list.
 */
function isModuleProse(value: string): boolean {
  const text = value.trim();
  if (text.length < MIN_CONSTANT_LENGTH) return false;
  // A template of tagged sections to fill (`<Report topic>\n{topic}\n</Report topic>`) is a prompt's input part.
  const placeholders = text.match(/\{[A-Za-z_][\w.]*\}/g)?.length ?? 0;
  if (placeholders >= 2 && text.split('\n').length >= 3) return true;
  return isNaturalLanguage(text) && (text.split('\n').length >= 3 || (text.match(/[.!?:](?:\s|$)/g)?.length ?? 0) >= 2);
}

/** `FIRST_PROMPT`, `taskPrompt`: a name of several words. A bare `prompt` is a sample's user input as often as not. */
function isCompoundName(name: string): boolean {
  return /[A-Za-z0-9]_[A-Za-z]|[a-z][A-Z]/.test(name);
}

/**
 * Long enough to be a prompt by its name alone; a constant handed to an AI call as is
 * (`Runner.run(agent, FIRST_PROMPT)` with `FIRST_PROMPT = "Inspect workspace and fix…"`) from a sentence's length.
 */
function isLongText(value: string, passed = false): boolean {
  const text = value.trim();
  if (passed && text.length >= MIN_INLINE_LENGTH) return true;
  // A line break written as an escape (`'Recreate this diagram:\\n\\n{instructions}'`) is one too.
  const multiline = text.includes('\n') || text.includes('\\n');
  return text.length >= MIN_CONSTANT_LENGTH || (multiline && text.length >= MIN_MULTILINE_LENGTH);
}

/**
 * A YAML agent or prompt spec (Semantic Kernel declarative agents, prompt templates): a mapping with a
 * `name` or `type` and the prose it runs with (`instructions`, `template`).
 */
function isAgentSpec(value: string): boolean {
  if (!/^\s*(?:instructions|template)\s*:/m.test(value) || !/^\s*(?:name|type)\s*:/m.test(value)) return false;
  let spec: unknown;
  try {
    spec = parseYaml(value);
  } catch {
    return false;
  }
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return false;
  const fields = spec as Record<string, unknown>;
  const text = fields.instructions ?? fields.template;
  return (typeof fields.name === 'string' || typeof fields.type === 'string') && typeof text === 'string' && isNaturalLanguage(text);
}

/** Callees that take a system role's text (`SystemRole("Coder", CODE_ROLE)`, `set_system_prompt(ROLE)`, `Persona(…)`). */
const ROLE_TAKERS = /role|system|prompt|persona|instruction/i;

/** Names passed to a call that takes a system role. */
function roleArguments(facts: CodeFacts): Set<string> {
  const names = new Set<string>();
  for (const call of facts.calls) {
    if (!ROLE_TAKERS.test(call.method)) continue;
    for (const arg of call.args) if (arg.node.type === 'identifier') names.add(arg.node.text);
  }
  return names;
}

/**
 * Functions that build a prompt (`export const systemPrompt = ({ hints }) => \`…\``, `function updateDocumentPrompt(…)`,
 * Python `def build_system_prompt(…): return f"""…"""`):
 * named for a prompt, returning a template or string that is prose, or that puts together the file's prompt
 * constants (`\`${regularPrompt}\n\n${artifactsPrompt}\``). The function's text is the asset.
 */
function promptFunctions(site: CodeSite, facts: CodeFacts, prompts: Set<string>, promptModule: boolean): PartialComponent[] {
  if (facts.language !== 'javascript' && facts.language !== 'python') return [];
  const components: PartialComponent[] = [];
  // In a module of prompts the methods of a prompt class (`class PromptFamily: def generate_report_prompt(…)`) count as its functions do.
  const statements = facts.tree.rootNode.namedChildren.flatMap((statement) => [
    { statement, method: false },
    ...(promptModule ? classMethods(statement).map((method) => ({ statement: method, method: true })) : []),
  ]);
  for (const { statement, method } of statements) {
    const found = functionBinding(statement);
    // In a module of prompts a function returning prose is a prompt whatever its name (promptfoo's `prompts.py:rag_classify`).
    if (!found || (!promptModule && promptNameStrength(found.name.text) !== 'strong')) continue;
    // A subclass overriding a prompt method (`class Granite3PromptFamily(PromptFamily)`) keeps the one prompt name.
    if (prompts.has(found.name.text)) continue;
    // `prompt = f"""…"""; return prompt`: a returned variable stands for the templates bound to it
    // (`inserted_prompt = ""`, then `inserted_prompt = """You are a question answering agent…{}""".format(…)`).
    const returned = returnedExpressions(found.body).flatMap((expression) => {
      if (expression.type !== 'identifier') return [expression];
      const sources = facts.flow.sources(expression);
      return sources.length > 0 && sources.every((source) => source.binding) ? sources.map((source) => source.node) : [expression];
    });
    const builds = returned.some((expression) => {
      const formatted = expression.type === 'call' ? templateOf(expression) : undefined;
      if (formatted)
        return method
          ? isModuleProse(formatted.prose)
          : formatted.prose.trim().length >= MIN_FUNCTION_TEXT && isNaturalLanguage(formatted.prose);
      const parts = expression.type === 'concatenated_string' ? expression.namedChildren : [expression];
      const literals = parts.filter((part): part is Node => !!part && TEMPLATE_LITERALS.has(part.type));
      if (literals.length === 0 || literals.length !== parts.length) return false;
      const substitutions = literals.flatMap((literal) => literal.namedChildren.filter((child) => child && PLACEHOLDERS.has(child.type)));
      if (substitutions.some((child) => child?.namedChild(0)?.type === 'identifier' && prompts.has(child.namedChild(0)?.text ?? '')))
        return true;
      const written = literals.map((literal) => literal.text.replace(/^[rRbBuUfF]*("""|'''|["'`])([\s\S]*)\1$/, '$2')).join('');
      const prose = substitutions.reduce((text, child) => text.replace(child?.text ?? '', ' '), written);
      // A class's helpers format text too (`f"Context from local documents: {docs}\n\nContext from web: {web}"`):
      // a method counts with the prose of a module's prompt constant, several lines or sentences.
      // A line break written as an escape (`f"{data}\n Using the above text, summarize it…"`) is one too.
      if (method) return isModuleProse(prose.replace(/\\n/g, '\n'));
      return prose.trim().length >= MIN_FUNCTION_TEXT && isNaturalLanguage(prose);
    });
    if (!builds && !buildsPieceByPiece(facts, found.body)) continue;
    prompts.add(found.name.text);
    components.push(symbolPrompt(site, found.name, found.node.text, 'function'));
  }
  return components;
}

/**
 * A prompt function that builds its text piece by piece (`let fullPrompt = ""; fullPrompt += \`You are ${name}…\`;
 * return fullPrompt`): the pieces together are prose that speaks to a model.
 */
function buildsPieceByPiece(facts: CodeFacts, body: Node): boolean {
  const text = returnedText(facts, body);
  return text !== undefined && text.trim().length >= MIN_FUNCTION_TEXT && speaksToModel(text);
}

/** The methods written in a module-level class (`class PromptFamily:` → its `def`s, decorated or not). */
function classMethods(statement: Node | null): (Node | null)[] {
  const declaration = statement?.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
  if (declaration?.type !== 'class_definition') return [];
  return declaration.childForFieldName('body')?.namedChildren ?? [];
}

/** The prose a prompt function writes itself, placeholders aside ("Improve the following contents of the … based on the given prompt."). */
const MIN_FUNCTION_TEXT = 40;

/** Placeholders of a template: JavaScript `${x}`, Python f-string `{x}`. */
const PLACEHOLDERS = new Set(['template_substitution', 'interpolation']);

const FUNCTIONS = new Set([
  'arrow_function',
  'function_expression',
  'function',
  'function_declaration',
  'function_definition',
  'lambda',
  'class_definition',
]);

/** `[export] const name = (…) => …`, `[export] function name(…) {…}`, Python `def name(…):` at module level. */
export function functionBinding(statement: Node | null): { name: Node; body: Node; node: Node } | undefined {
  const exported = statement?.type === 'export_statement' ? statement.childForFieldName('declaration') : statement;
  const declaration = exported?.type === 'decorated_definition' ? exported.childForFieldName('definition') : exported;
  if (!declaration) return undefined;
  if (declaration.type === 'function_declaration' || declaration.type === 'function_definition') {
    const name = declaration.childForFieldName('name');
    const body = declaration.childForFieldName('body');
    return name && body ? { name, body, node: declaration } : undefined;
  }
  if (declaration.type !== 'lexical_declaration' && declaration.type !== 'variable_declaration') return undefined;
  const declarator = declaration.namedChildren.find((child) => child?.type === 'variable_declarator');
  const name = declarator?.childForFieldName('name');
  const value = declarator?.childForFieldName('value');
  const body = value && FUNCTIONS.has(value.type) ? value.childForFieldName('body') : undefined;
  return name?.type === 'identifier' && body && declarator ? { name, body, node: declarator } : undefined;
}

/** What a function body returns: an arrow's expression, or each `return`'s value (nested functions aside). */
export function returnedExpressions(body: Node): Node[] {
  if (body.type !== 'statement_block' && body.type !== 'block') return [unwrapped(body)];
  const found: Node[] = [];
  const walk = (node: Node) => {
    for (const child of node.namedChildren) {
      if (!child || FUNCTIONS.has(child.type)) continue;
      if (child.type === 'return_statement') {
        const value = child.namedChild(0);
        if (value) found.push(unwrapped(value));
      } else walk(child);
    }
  };
  walk(body);
  return found;
}

function unwrapped(node: Node): Node {
  return node.type === 'parenthesized_expression' && node.namedChild(0) ? (node.namedChild(0) as Node) : node;
}

/** A chat as written at module level: `prompt_in_chat_format = [{"role": "system", "content": "…"}, …]`. */
interface MessageList {
  contains(node: Node): boolean;
  component(site: CodeSite): PartialComponent;
}

/** Module-level lists of role messages with a system message long enough to be a prompt: one prompt named by the variable. */
function chatMessageLists(facts: CodeFacts): MessageList[] {
  if (facts.language !== 'python' && facts.language !== 'javascript') return [];
  const lists: MessageList[] = [];
  for (const statement of facts.tree.rootNode.namedChildren) {
    const binding = listBinding(statement);
    if (!binding) continue;
    const { name, list } = binding;
    const system = roleMessages(list).find((message) => {
      const text = message.node.type === 'identifier' ? facts.valueOf(message.node) : writtenText(facts, message.node);
      return text !== undefined && text.trim().length >= MIN_INLINE_LENGTH && isNaturalLanguage(text);
    });
    if (!system) continue;
    lists.push({
      contains: (node) => node.startIndex >= list.startIndex && node.endIndex <= list.endIndex,
      component: (site) => symbolPrompt(site, name, list.text, 'chat-messages'),
    });
  }
  return lists;
}

/** `NAME = [...]` (Python) or `const NAME = [...]` (JavaScript, exported or not). */
function listBinding(statement: Node | null): { name: Node; list: Node } | undefined {
  if (!statement) return undefined;
  if (statement.type === 'expression_statement') {
    const assignment = statement.namedChild(0);
    const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
    const right = assignment?.childForFieldName('right');
    return left?.type === 'identifier' && right && LISTS.has(right.type) ? { name: left, list: right } : undefined;
  }
  const declaration = statement.type === 'export_statement' ? statement.childForFieldName('declaration') : statement;
  if (declaration?.type !== 'lexical_declaration' && declaration?.type !== 'variable_declaration') return undefined;
  const declarator = declaration.namedChildren.find((child) => child?.type === 'variable_declarator');
  const name = declarator?.childForFieldName('name');
  const value = declarator?.childForFieldName('value');
  return name?.type === 'identifier' && value && LISTS.has(value.type) ? { name, list: value } : undefined;
}

function constantPrompt(site: CodeSite, constant: StringConstant, evidence: Occurrence['evidence'], symbol: string): PartialComponent {
  return promptComponent(site.path, constant.name, constant.value, [property('prompt:type', 'constant')], {
    path: site.path,
    line: site.line(constant.row),
    evidence,
    symbol,
  });
}

/** A prompt named by a symbol of the file (`path#NAME`), found where the name is written. */
export function symbolPrompt(site: CodeSite, name: Node, text: string, type: string): PartialComponent {
  return promptComponent(site.path, name.text, text, [property('prompt:type', type)], {
    path: site.path,
    line: site.line(name.startPosition.row),
    evidence: 'constant',
    symbol: name.text,
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

// --- model-facing texts of events and tools -----------------------------------------------------------

/**
 * Realtime API client events written in code (`{type: "response.create", response: {instructions: "…"}}`,
 * `{type: "session.update", session: {instructions, tools: [{name, description}]}}`), in a browser client that
 * imports no SDK as often as in a server: the `instructions` are the session's or the response's system message
 * (`path#system@line` or the constant's name), and each function tool's `description` tells the model when to
 * call it (`path#functionDescription`, or the tool's name when written in place).
 */
function realtimeEventPrompts(site: CodeSite, facts: CodeFacts, constants: Map<string, StringConstant>): PartialComponent[] {
  if (!REALTIME_EVENT_LITERALS.some((literal) => facts.text.includes(literal))) return [];
  const components: PartialComponent[] = [];
  const events = messageShapes(facts).filter(
    (event): event is Node =>
      !!event && MAPPINGS.has(event.type) && REALTIME_EVENTS.has(stringText(pairsOf(event).get('type') ?? event) ?? ''),
  );
  // The Python SDK's connection methods (`await connection.session.update(session={"instructions": …})`).
  for (const call of facts.calls) {
    if (REALTIME_EVENTS.has(call.callee.split('.').slice(-2).join('.')))
      events.push(...call.args.map((arg) => arg.node).filter((node) => MAPPINGS.has(node.type)));
  }
  for (const event of events) {
    for (const pair of event.descendantsOfType('pair')) {
      const key = pair?.childForFieldName('key');
      const value = pair?.childForFieldName('value');
      if (!key || !value) continue;
      const name = stringText(key) ?? key.text;
      if (name === 'instructions')
        components.push(...systemMessagePrompts(site, facts, constants, { node: value, symbol: name, certain: true }));
      if (name === 'tools' && LISTS.has(value.type)) components.push(...toolDescriptions(site, facts, constants, value, isMessageProse));
    }
  }
  return components;
}

/** The Realtime API's client events that carry instructions and tools. */
export const REALTIME_EVENT_LITERALS = ['response.create', 'session.update'];
const REALTIME_EVENTS = new Set(REALTIME_EVENT_LITERALS);

/** The `description` of each tool object of a list, by its constant or by the tool's `name`. */
function toolDescriptions(site: CodeSite, facts: CodeFacts, constants: Map<string, StringConstant>, list: Node, accept: Accept) {
  const components: PartialComponent[] = [];
  for (const tool of list.namedChildren) {
    const pairs = tool && MAPPINGS.has(tool.type) ? pairsOf(tool) : undefined;
    const description = pairs?.get('description');
    const name = pairs?.get('name');
    const found = description && toolDescription({ site, facts, constants }, description, name && facts.valueOf(name), accept);
    if (found) components.push(found);
  }
  return components;
}

/** A tool's description as a prompt: `path#CONSTANT`, or the tool's name (`path#tool`) when written in place. */
function toolDescription(scope: PromptScope, description: Node, tool: string | undefined, accept: Accept): PartialComponent | undefined {
  const { site, facts, constants } = scope;
  const constant = description.type === 'identifier' ? constants.get(description.text) : undefined;
  if (constant) return accept(constant.value) ? constantPrompt(site, constant, 'constant', constant.name) : undefined;
  const text = proseOf(facts, description);
  if (text === undefined || !accept(text)) return undefined;
  const line = site.line(description.startPosition.row);
  return promptComponent(site.path, tool ?? `description@${line}`, text, [property('prompt:type', 'tool-description')], {
    path: site.path,
    line,
    evidence: 'call',
    symbol: 'description',
  });
}

interface PromptScope {
  site: CodeSite;
  facts: CodeFacts;
  constants: Map<string, StringConstant>;
}

/** The pairs of a dict or object literal by key. */
function pairsOf(mapping: Node): Map<string, Node> {
  const pairs = new Map<string, Node>();
  for (const pair of mapping.namedChildren) {
    const key = pair?.childForFieldName('key');
    const value = pair?.childForFieldName('value');
    if (key && value) pairs.set(stringText(key) ?? key.text, value);
  }
  return pairs;
}

/**
 * MCP tools whose description is a usage instruction for the model rather than a summary
 * (`server.registerTool("resolve-library-id", { description: \`…You MUST call this function before…\` })`,
 * `server.tool(name, description, schema, handler)`): long, and telling the model what it must or must not do.
 */
function mcpToolInstructions(site: CodeSite, facts: CodeFacts, constants: Map<string, StringConstant>): PartialComponent[] {
  if (facts.language !== 'javascript' || !(facts.text.includes('.tool(') || facts.text.includes('.registerTool('))) return [];
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    if (call.method !== 'registerTool' && call.method !== 'tool') continue;
    const tool = positionalArg(call.args, 0)?.value;
    // The options object's keys are the call's named arguments (`{ title, description }`).
    const description = call.args.find((arg) => arg.name === 'description')?.node ?? positionalArg(call.args, 1)?.node;
    const found = tool && description && toolDescription({ site, facts, constants }, description, tool, isToolInstruction);
    if (found) components.push(found);
  }
  return components;
}

/**
 * Tool descriptions kept in a constant named for instructions (`const INSTRUCTIONS = \`List all Pinecone indexes… Use this
 * to discover valid index names before calling other tools.\``, then `description: INSTRUCTIONS` in the options of
 * `server.registerTool(…)` or of the project's own wrapper around it), in a file that imports an MCP SDK: the author
 * writes them as instructions to the model, so any prose counts, not only directives. Named by the constant.
 */
function instructionDescriptions(
  site: CodeSite,
  facts: CodeFacts,
  constants: Map<string, StringConstant>,
  found: PartialComponent[],
): PartialComponent[] {
  if (!facts.text.includes('INSTRUCTIONS') || !facts.packages.packages.some((pkg) => pkg.category === 'mcp')) return [];
  const names = new Set(found.map((component) => component.name));
  const components: PartialComponent[] = [];
  // `\`Upsert records… ${FRESHNESS_NOTE}\``: a description may be a template of other constants.
  const templates = new Map(templateConstants(facts).map((template) => [template.name, template]));
  for (const pair of facts.tree.rootNode.descendantsOfType('pair')) {
    const key = pair?.childForFieldName('key');
    const value = pair?.childForFieldName('value');
    if (!key || value?.type !== 'identifier' || (stringText(key) ?? key.text) !== 'description') continue;
    if (!INSTRUCTION_CONSTANT.test(value.text)) continue;
    const component = instructionConstant(site, value.text, constants.get(value.text), templates);
    if (!component || names.has(component.name)) continue;
    names.add(component.name);
    components.push(component);
  }
  return components;
}

/** The constant or template an instruction description names, as a prompt when it is prose. */
function instructionConstant(
  site: CodeSite,
  name: string,
  constant: StringConstant | undefined,
  templates: Map<string, TemplateConstant>,
): PartialComponent | undefined {
  if (constant) return isMessageProse(constant.value) ? constantPrompt(site, constant, 'constant', name) : undefined;
  const template = templates.get(name);
  if (!template || !isMessageProse(template.prose)) return undefined;
  return promptComponent(site.path, name, template.source, [property('prompt:type', 'tool-description')], {
    path: site.path,
    line: site.line(template.row),
    evidence: 'constant',
    symbol: name,
  });
}

/** `INSTRUCTIONS`, `TOOL_INSTRUCTIONS`, `SEARCH_PROMPT`: a constant named as text for the model. */
const INSTRUCTION_CONSTANT = /^(?:[A-Z0-9]+_)*(?:INSTRUCTIONS?|PROMPT)$/;

/**
 * The task of an mcp-evals case (`grade(openai("gpt-4"), "Please start a new code generation session…")`): the model
 * is given the text with the server's tools and its answer graded, so the text is a user prompt. Named by the eval
 * it belongs to (`const startSessionEval: EvalFunction = { run: async () => grade(…) }`), else by its line.
 */
function mcpEvalPrompts(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'javascript' || !facts.text.includes('mcp-evals')) return [];
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    if (call.method !== 'grade' || call.origin !== 'mcp-evals') continue;
    const task = positionalArg(call.args, 1);
    const text = task && facts.valueOf(task.node);
    if (!task || text === undefined || !isMessageProse(text)) continue;
    const owner = enclosingDeclarator(call.node);
    const line = site.line(task.node.startPosition.row);
    components.push(
      promptComponent(site.path, owner ?? `user@${line}`, text, [property('prompt:type', 'eval')], {
        path: site.path,
        line,
        evidence: 'call',
        symbol: call.method,
      }),
    );
  }
  return components;
}

/**
 * A module-level dict of prompts, often one per language (`prompts = {"en": {"qa_prompt": "Use the following pieces
 * of context…", "question_word": "Question"}, "fr-ca": {…}}`), read by key where a template is built: one prompt
 * named by the dict when a prompt-named key holds text for a model. Labels beside them (`question_word`) belong to
 * it. In LLM code or a module named for prompts: elsewhere such a dict may hold a command line's questions.
 */
function promptDictionaries(site: CodeSite, facts: CodeFacts, llmCode: boolean): PartialComponent[] {
  if (facts.language !== 'python') return [];
  if (!llmCode && !/prompt/i.test(posix.basename(site.path)) && !isPromptModule(site.path)) return [];
  if (!PROMPT_DICT_HINT.test(facts.text)) return [];
  const components: PartialComponent[] = [];
  for (const statement of facts.tree.rootNode.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : undefined;
    const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
    const right = assignment?.childForFieldName('right');
    if (left?.type !== 'identifier' || right?.type !== 'dictionary') continue;
    if (!/^prompts$/i.test(left.text) && promptNameStrength(left.text) !== 'strong') continue;
    if (!holdsPromptProse(facts, right, 0)) continue;
    components.push(symbolPrompt(site, left, right.text, 'dictionary'));
  }
  return components;
}

const PROMPT_DICT_HINT = /^\w*prompts?\s*=\s*\{/im;

/** Whether a dict holds, at most two levels down, a prompt-named key whose value is prose for a model. */
function holdsPromptProse(facts: CodeFacts, dict: Node, depth: number): boolean {
  for (const pair of dict.namedChildren) {
    if (pair?.type !== 'pair') continue;
    const key = pair.childForFieldName('key');
    const value = pair.childForFieldName('value');
    if (!key || !value) continue;
    if (value.type === 'dictionary') {
      if (depth < 2 && holdsPromptProse(facts, value, depth + 1)) return true;
      continue;
    }
    const name = facts.valueOf(key);
    const text = facts.valueOf(value);
    if (name && text && promptNameStrength(name) === 'strong' && speaksToModel(text)) return true;
  }
  return false;
}

/** The name of the variable whose value holds a node (`const x: EvalFunction = { … }`). */
function enclosingDeclarator(node: Node): string | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type !== 'variable_declarator') continue;
    const name = parent.childForFieldName('name');
    if (name?.type === 'identifier' && name.text !== 'result') return name.text;
  }
  return undefined;
}

/** A description that directs the model (`You MUST call this function before…`, `Do not call this tool more than 3 times`). */
function isToolInstruction(text: string): boolean {
  return text.trim().length >= MIN_TOOL_INSTRUCTION_LENGTH && TOOL_DIRECTIVE.test(text) && isNaturalLanguage(text);
}

const MIN_TOOL_INSTRUCTION_LENGTH = 200;
const TOOL_DIRECTIVE = /\b(?:you (?:must|should)(?: not)?|(?:must|always|never) (?:call|use)|do not (?:call|use))\b/i;

/**
 * lighteval prompt functions (`LightevalTaskConfig(prompt_function=prompt_fn)`, `def prompt_fn(line, task_name):
 * return Doc(query=f"{instruction} {line['question']}", instruction=instruction)`) that instruct the model
 * ("Choose the correct answer…", "Please reason step by step…"), as `path#function`. A function that only lays
 * out the benchmark ("Question: …\nAnswer:", "The following are multiple choice questions…") is formatting.
 */
function lightevalPromptFunctions(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'python' || !facts.text.includes('prompt_function')) return [];
  const passed = new Set(
    facts.calls.flatMap((call) =>
      call.args.filter((arg) => arg.name === 'prompt_function' && arg.node.type === 'identifier').map((arg) => arg.node.text),
    ),
  );
  const components: PartialComponent[] = [];
  for (const statement of facts.tree.rootNode.namedChildren) {
    const found = functionBinding(statement);
    if (!found || !passed.has(found.name.text)) continue;
    const docs = facts.calls.filter((call) => isLightevalDoc(facts, call) && contains(found.body, call.node));
    const texts = docs.flatMap((call) =>
      ['instruction', 'query'].flatMap((name) => {
        const arg = call.args.find((entry) => entry.name === name);
        return (arg && proseOf(facts, arg.node)) ?? [];
      }),
    );
    const text = texts.join('\n');
    if (!BENCHMARK_INSTRUCTION.test(text) || !isNaturalLanguage(text)) continue;
    components.push(symbolPrompt(site, found.name, text, 'template'));
  }
  return components;
}

/**
 * The text a function sends to a Bedrock agent (`bedrock_agent_client.invoke_agent(agentId=…, inputText=f"What is the
 * top trending repository…")`, `new InvokeAgentCommand({ inputText })`), written in that function, as `path#function`.
 * The user's own input passed through (`inputText=event["question"]`) is data.
 */
function agentInputPrompts(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (!facts.text.includes('inputText')) return [];
  const components: PartialComponent[] = [];
  const named = new Set<string>();
  for (const call of facts.calls) {
    if (!AGENT_INPUT_CALLS.has(call.method)) continue;
    const input = call.args.find((arg) => arg.name === 'inputText');
    const owner = input && enclosingFunctionName(call.node);
    const text = owner && !named.has(owner) ? proseOf(facts, input.node) : undefined;
    if (!owner || text === undefined || text.trim().length < MIN_MULTILINE_LENGTH || !isNaturalLanguage(text)) continue;
    named.add(owner);
    components.push(
      promptComponent(site.path, owner, text, [property('prompt:type', 'user-template')], {
        path: site.path,
        line: site.line(input.node.startPosition.row),
        evidence: 'call',
        symbol: 'inputText',
      }),
    );
  }
  return components;
}

/** Bedrock Agents runtime calls that send the user's turn as `inputText` (boto3 and the JavaScript SDK's command). */
const AGENT_INPUT_CALLS = new Set(['invoke_agent', 'invoke_inline_agent', 'InvokeAgentCommand', 'InvokeInlineAgentCommand']);

/** An instruction to the model in a benchmark prompt, at the start of a sentence or line. */
const BENCHMARK_INSTRUCTION =
  /(?:^\s*|[.:!?\n]\s*|\\n\s*)(?:please|choose|select|solve|think|reason|respond|answer the|explain|write|give|pick|read|return|output)\b/i;

function isLightevalDoc(facts: CodeFacts, call: CodeCall): boolean {
  return call.method === 'Doc' && facts.packageOf(call)?.name === 'lighteval';
}

export function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

// --- system messages ------------------------------------------------------------------------------

/** The instructions an MCP server gives its clients (`mcpInstructions.ts`), read like system messages. */
function mcpServerInstructions(site: CodeSite, facts: CodeFacts, constants: Map<string, StringConstant>): PartialComponent[] {
  return mcpInstructionValues(facts).flatMap((node) => [
    ...systemMessagePrompts(site, facts, constants, { node, symbol: 'instructions' }),
    ...importedInstructionPrompts(site, facts, node),
  ]);
}

/** Keyword and option names that carry the system message of an LLM or agent call. */
const SYSTEM_ARGUMENTS = new Set([
  'system',
  'instructions',
  'instruction',
  'globalinstruction',
  'systemprompt',
  'systemmessage',
  'systeminstruction',
  'preamble',
  'agentinstructions',
  'additionalinstructions',
  // pydantic_evals `generate_dataset(extra_instructions=…)`: the instructions of the model that writes the cases.
  'extrainstructions',
]);

/** Keywords that name the system message whatever the callee (`system_prompt=`, `system_message=`). */
const NAMED_SYSTEM_ARGUMENTS = new Set(['systemprompt', 'systemmessage', 'systeminstruction']);

/** Calls whose first argument is the system message. */
const SYSTEM_MESSAGE_CALLS = new Set([
  'SystemMessage',
  'SystemMessagePromptTemplate.from_template',
  'SystemChatMessage',
  'CreateSystemMessage',
  'AddSystemMessage',
  'ChatRequestSystemMessage',
  'SystemMessageChunk',
  // LangChain4j's message factory.
  'SystemMessage.from',
]);

interface SystemMessage {
  node: Node;
  symbol: string;
  /** A keyword of an AI package's call (`Agent(instructions="Be helpful")`): a short text there is still the prompt. */
  certain?: boolean;
  /** Where a message written in place is named (`system@line`): a role message by its `role` line. */
  at?: Node;
  /** An argument of a provider SDK's resource method (`….assistants.create`): certain even without the SDK's import. */
  surface?: boolean;
  /** The variable a message object written in place is bound to (`sys_msg = SystemMessage(…)`): the prompt's name. */
  name?: string;
}

/** The plain variable named for the system message an expression is assigned to (`sys_msg = …`, `const sysMsg = …`). */
function boundName(node: Node): string | undefined {
  const parent = node.parent;
  const left =
    parent?.type === 'assignment'
      ? parent.childForFieldName('left')
      : parent?.type === 'variable_declarator'
        ? parent.childForFieldName('name')
        : null;
  const bound = left?.type === 'identifier' && parent?.childForFieldName(parent.type === 'assignment' ? 'right' : 'value')?.id === node.id;
  // A name that says system (`sys_msg`, `SYSTEM_MESSAGE`); a generic one (`msg`) says less than the line.
  return bound && SYSTEM_NAME.test(left.text) ? left.text : undefined;
}

const SYSTEM_NAME = /sys/i;

function systemMessages(facts: CodeFacts): SystemMessage[] {
  const found: SystemMessage[] = [];
  for (const call of facts.calls) {
    const ai = facts.packageOf(call) !== undefined;
    // lighteval's `Doc(instruction=…)` is part of a benchmark prompt function (`lightevalPromptFunctions`).
    if (isLightevalDoc(facts, call)) continue;
    const byName = SYSTEM_MESSAGE_CALLS.has(call.method) || SYSTEM_MESSAGE_CALLS.has(`${ownerOf(call)}.${call.method}`);
    if (byName) {
      const first = positionalArg(call.args, 0) ?? call.args.find((arg) => arg.name === 'content');
      // `sys_msg = SystemMessage(content="You are…")`, then `[sys_msg] + state["messages"]`: named by its variable.
      if (first) found.push({ node: first.node, symbol: call.method, name: boundName(call.node) });
      continue;
    }
    // `instructions=` and `system_prompt=` in LLM code say what they carry in a call of an AI package
    // or of an agent-like class the catalog lacks (`MyAgent(instructions=…)`), not in a record of data
    // (`Alert(instructions=props.get("instruction"))`); a bare `system=` only in a call of an AI package.
    const agentLike = ai || AGENT_LIKE_CALLEE.test(call.method);
    const builder = builderSystemMessage(facts, call, ai) ?? roleKeywordMessage(call);
    if (builder) found.push(builder);
    // `openai.beta.assistants.create({ instructions })` through a client of the workspace's own module.
    let surface: boolean | undefined;
    for (const arg of call.args) {
      const key = arg.name?.replace(/_/g, '').toLowerCase();
      if (!arg.name || !key || !SYSTEM_ARGUMENTS.has(key)) continue;
      surface ??= !ai && isSdkModelSurface(call.callee);
      // `super().__init__(system_prompt="You are…")` of a project's own LLM tool: the name says what it carries.
      if (ai || surface || (agentLike && key !== 'system') || NAMED_SYSTEM_ARGUMENTS.has(key))
        found.push({ node: arg.node, symbol: arg.name, certain: ai || surface, surface });
    }
  }
  for (const message of fileRoleMessages(facts)) found.push(message);
  found.push(...systemOptionPairs(messageShapes(facts)));
  if (facts.language === 'csharp') found.push(...initializerMessages(facts.tree.rootNode));
  if (facts.language === 'java' && facts.packages.packages.length > 0) found.push(...systemMessageAnnotations(facts.tree.rootNode));
  if (facts.language === 'python' && PROMPT_ATTRIBUTE_HINT.test(facts.text)) found.push(...promptAttributeTexts(facts));
  if (facts.language === 'python' && AGENT_FIELD_HINT.test(facts.text)) found.push(...agentFieldDefaults(facts));
  return found;
}

/** `instructions: str = "…"` in a class body: the cheap test before walking the classes. */
const AGENT_FIELD_HINT = /^[ \t]+(?:instructions|system_prompt|system_message)\s*:[^=\n]*=/m;

/**
 * The default instructions of an agent class (OpenAI Swarm's `class Agent(BaseModel): instructions: str = "You are a
 * helpful agent."`): a typed field named for the system message, with a text default, in a class named for an agent
 * or assistant. Every agent made without instructions sends that text as its system message.
 */
function agentFieldDefaults(facts: CodeFacts): SystemMessage[] {
  const found: SystemMessage[] = [];
  for (const cls of facts.tree.rootNode.descendantsOfType('class_definition')) {
    if (!AGENT_CLASS.test(cls?.childForFieldName('name')?.text ?? '')) continue;
    for (const statement of cls?.childForFieldName('body')?.namedChildren ?? []) {
      const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : undefined;
      const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
      const right = assignment?.childForFieldName('right');
      if (!left || !right || !assignment?.childForFieldName('type')) continue;
      const key = left.text.replace(/_/g, '').toLowerCase();
      if (key !== 'system' && SYSTEM_ARGUMENTS.has(key)) found.push({ node: right, symbol: left.text, certain: true, at: left });
    }
  }
  return found;
}

/** Class names of agents (`Agent`, `ChatAssistant`, `BaseAgent`), not of their settings or results. */
const AGENT_CLASS = /^(?:\w*(?:Agent|Assistant))$/;

/** `agent.prompt_templates["managed_agent"]["task"] += """…"""`, `agent.system_prompt = "…"`. */
const PROMPT_ATTRIBUTE_HINT = /\.(?:prompt_templates|system_prompt|system_message|instructions)\b[^\n=]*\+?=(?!=)/;

/**
 * Text set on (or added to) an agent's prompt after it was made: `agent.prompt_templates["managed_agent"]["task"] += "…"`
 * (smolagents), `agent.system_prompt = "You are…"`, `agent.instructions = "…"`. The text must speak to a model: the same
 * attribute of a form or a widget holds text for people.
 */
function promptAttributeTexts(facts: CodeFacts): SystemMessage[] {
  const found: SystemMessage[] = [];
  for (const assignment of facts.tree.rootNode.descendantsOfType(['assignment', 'augmented_assignment'])) {
    const left = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (!left || !right || (left.type !== 'attribute' && left.type !== 'subscript')) continue;
    if (!/\.(?:prompt_templates|system_prompt|system_message|instructions)\b/.test(left.text)) continue;
    const text = facts.valueOf(right);
    if (text !== undefined && speaksToModel(text)) found.push({ node: right, symbol: left.text, at: left });
  }
  return found;
}

/**
 * A system message given by position where the call says what it carries: a builder method of an AI
 * package (ADK Java `LlmAgent.builder().instruction("…")`, LangChain4j `.systemMessage(…)`; its
 * `.description(…)` is for other agents, not the model) or a C# chat message of the system role
 * (`new ChatMessage(ChatRole.System, "…")`, `new ChatMessageContent(AuthorRole.System, "…")`).
 */
function builderSystemMessage(facts: CodeFacts, call: CodeCall, ai: boolean): SystemMessage | undefined {
  if (facts.language === 'java' && ai && call.method !== 'system' && SYSTEM_ARGUMENTS.has(call.method.toLowerCase())) {
    const first = positionalArg(call.args, 0);
    // Named at the method (`.instruction(` above its text block), as a role message is at its `role`.
    const at = call.node.childForFieldName('name') ?? undefined;
    return first ? { node: first.node, symbol: call.method, at } : undefined;
  }
  if (facts.language !== 'csharp' || !ROLE_MESSAGE_TYPES.has(call.method)) return undefined;
  const [role, content] = call.args;
  return role && content && /^(?:Chat|Author)Role\.System$/.test(role.node.text) ? { node: content.node, symbol: call.method } : undefined;
}

/** `ChatMessage(role="system", content="You are…")` (LlamaIndex, Mistral): named at its `role` line, as a role dict is. */
function roleKeywordMessage(call: CodeCall): SystemMessage | undefined {
  const role = call.args.find((arg) => arg.name === 'role');
  const content = messageTextArg(call);
  return role?.value === 'system' && content ? { node: content.node, symbol: call.method, at: role.node } : undefined;
}

/** The text of a message built by keywords: `content=`, or `message=` / `text=` of a project's helper (`format_chat_message(role="system", message="…")`). */
function messageTextArg(call: CodeCall): CodeArg | undefined {
  const content = call.args.find((arg) => arg.name === 'content');
  // `log_event(role="system", message="…")` is a log line: only a helper named for messages takes `message=`/`text=`.
  if (content || !/message/i.test(call.method)) return content;
  return call.args.find((arg) => arg.name === 'message' || arg.name === 'text');
}

/** C# message types taking a role and a text (Microsoft.Extensions.AI, Semantic Kernel, Azure OpenAI). */
const ROLE_MESSAGE_TYPES = new Set(['ChatMessage', 'ChatMessageContent']);

/** LangChain4j AI services: `@SystemMessage("You are…")` or `@SystemMessage({"…", "…"})` on an interface method. */
function systemMessageAnnotations(root: Node): SystemMessage[] {
  const found: SystemMessage[] = [];
  for (const annotation of root.descendantsOfType('annotation')) {
    if (annotation?.childForFieldName('name')?.text !== 'SystemMessage') continue;
    const value = annotation.childForFieldName('arguments')?.namedChild(0);
    if (value?.type === 'string_literal' || value?.type === 'element_value_array_initializer')
      found.push({ node: value, symbol: 'SystemMessage' });
  }
  return found;
}

/** C# object initializers of agents and options: `new ChatCompletionAgent { Name = …, Instructions = ParrotInstructions }`. */
function initializerMessages(root: Node): SystemMessage[] {
  const found: SystemMessage[] = [];
  for (const initializer of root.descendantsOfType('initializer_expression')) {
    for (const assignment of initializer?.namedChildren ?? []) {
      if (assignment?.type !== 'assignment_expression') continue;
      const left = assignment.childForFieldName('left');
      const right = assignment.childForFieldName('right');
      const key = left?.type === 'identifier' ? left.text.toLowerCase() : undefined;
      if (key && right && key !== 'system' && SYSTEM_ARGUMENTS.has(key)) found.push({ node: right, symbol: left?.text ?? key });
    }
  }
  return found;
}

/** Callee names of agent frameworks the catalog may lack. */
const AGENT_LIKE_CALLEE = /agent|assistant|llm|chat|bot|crew|prompt|completion/i;

function ownerOf(call: CodeCall): string {
  const parts = call.callee.split('.');
  return parts.length > 1 ? (parts[parts.length - 2] ?? '') : '';
}

const MAPPINGS = new Set(['dictionary', 'object', 'anonymous_object_creation_expression']);

/** Option keys that say they carry the system prompt, whatever takes the options (`ClaudeCodeOptions(**options)`). */
const SYSTEM_OPTION_KEYS = new Set(['systemprompt', 'systemmessage', 'systeminstruction', 'systeminstructions', 'appendsystemprompt']);

/** `{"system_prompt": system_prompt, …}`: options built as a dict or object in LLM code, then spread into a client's options. */
function systemOptionPairs(nodes: (Node | null)[]): SystemMessage[] {
  const found: SystemMessage[] = [];
  for (const node of nodes) {
    if (node?.type === 'tuple') continue;
    for (const pair of node?.namedChildren ?? []) {
      if (pair?.type !== 'pair') continue;
      const key = pair.childForFieldName('key');
      const value = pair.childForFieldName('value');
      const name = key ? (stringText(key) ?? (key.type === 'property_identifier' ? key.text : undefined)) : undefined;
      if (name && value && SYSTEM_OPTION_KEYS.has(name.replace(/_/g, '').toLowerCase())) found.push({ node: value, symbol: name });
    }
  }
  return found;
}

/** `{"role": "system", "content": X}` (Python dicts, JS objects) and `("system", X)` message tuples (of `role`). */
function roleMessages(root: Node, role = 'system'): SystemMessage[] {
  return roleMessagesIn(root.descendantsOfType(MESSAGE_SHAPES), role);
}

const MESSAGE_SHAPES = ['dictionary', 'object', 'tuple'];
const PYTHON_MESSAGE_SHAPES = ['dictionary', 'tuple'];

/** The dicts, objects and tuples of a file, walked once for its role messages and option pairs. */
function messageShapes(facts: CodeFacts): (Node | null)[] {
  let nodes = shapes.get(facts);
  if (!nodes) {
    // Python's dicts and tuples come from the tree's one prefetch walk (`parse/nodeIndex.ts`).
    nodes =
      facts.language === 'python'
        ? descendantsOf(facts.tree.rootNode, PYTHON_MESSAGE_SHAPES, 'python')
        : facts.tree.rootNode.descendantsOfType(MESSAGE_SHAPES);
    shapes.set(facts, nodes);
  }
  return nodes;
}

const shapes = new WeakMap<CodeFacts, (Node | null)[]>();

function roleMessagesIn(nodes: (Node | null)[], role: string): SystemMessage[] {
  const found: SystemMessage[] = [];
  for (const node of nodes) {
    if (!node) continue;
    if (node.type === 'tuple') {
      const [written, content] = node.namedChildren;
      if (node.namedChildCount === 2 && written && content && stringText(written) === role) found.push({ node: content, symbol: role });
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
    const written = pairs.get('role');
    if (content && written && namesRole(written, role)) found.push({ node: content, symbol: `role: ${role}`, at: written });
  }
  return found;
}

/** `"system"`, or an enum member of that role (`MessageRole.SYSTEM`, `Role.System`). */
function namesRole(written: Node, role: string): boolean {
  if (stringText(written) === role) return true;
  const member = written.type === 'attribute' || written.type === 'member_expression' ? written.lastNamedChild : undefined;
  return member?.text.toLowerCase() === role;
}

/** The text of a plain string literal node (quotes removed), or undefined. */
function stringText(node: Node): string | undefined {
  if (node.type === 'property_identifier' || node.type === 'identifier') return undefined;
  const match = /^(?:[rbuRBU]{0,2})(["'`])([^"'`\\]*)\1$/.exec(node.text);
  return match?.[2];
}

/** A text at a message position found by its shape only must pass this test (`speaksToModel`). */
type Accept = (text: string) => boolean;

/**
 * A system-message expression as prompts: the prompt constants it puts together (`PREFIX + INSTRUCTIONS`,
 * `"\n".join([A, B])`), the module template it is formatted from, or its own text (`textPrompt`).
 */
function systemMessagePrompts(
  site: CodeSite,
  facts: CodeFacts,
  constants: Map<string, StringConstant>,
  message: SystemMessage,
  accept?: Accept,
): PartialComponent[] {
  const { node } = message;
  // `instructions = "…"` then, on a branch, `instructions = ("Use AI Search always. …")`: each text it may be is a prompt.
  const branches = branchLiterals(facts, node);
  if (branches.length > 1)
    return branches.flatMap((literal) => systemMessagePrompts(site, facts, constants, { ...message, node: literal, at: literal }, accept));
  const joined = joinedPromptConstants(facts, node, constants).filter((constant) => isMessageProse(constant.value));
  if (joined.length > 0 && (!accept || joined.some((constant) => accept(constant.value)))) {
    const found = joined.map((constant) => constantPrompt(site, constant, 'constant', constant.name));
    // `f"You are a helpful assistant… {RULES}"`: the prose written around the constants is a prompt as well.
    const own = ownLiteralText(node).trim().length >= MIN_INLINE_LENGTH ? textPrompt(site, facts, constants, message, accept) : undefined;
    return own ? [...found, own] : found;
  }
  const formatted = formattedConstant(facts, node, constants);
  if (formatted) return (accept ?? isMessageProse)(formatted.value) ? [constantPrompt(site, formatted, 'constant', formatted.name)] : [];
  const found = textPrompt(site, facts, constants, message, accept);
  return found ? [found] : [];
}

/**
 * The string literals a variable is bound to on different branches of one function (`instructions =
 * "You are a helpful assistant."`, then `instructions = "Use File Search always…"` when a tool is
 * there): every binding must be a plain literal in the same scope, else the variable is left to the
 * one-binding readers (a value from elsewhere may be anything).
 */
function branchLiterals(facts: CodeFacts, node: Node): Node[] {
  if (node.type !== 'identifier') return [];
  const sources = facts.flow.sources(node);
  if (sources.length < 2 || sources.length > MAX_BRANCHES) return [];
  const literals = sources.map((source) => (source.binding === 'local variable' ? unwrapped(source.node) : undefined));
  return literals.every(
    (literal) =>
      literal && (literal.type === 'string' || literal.type === 'concatenated_string') && literalText(facts, literal) !== undefined,
  )
    ? (literals as Node[])
    : [];
}

/** More bindings than a few branches is a variable built up, not a choice of texts. */
const MAX_BRANCHES = 4;

/**
 * The module constants a system message puts together, written in place or through a variable bound once to the
 * join (an agent's prompt parts: `template = "\n\n".join([PREFIX, TOOLS_PREFIX, format_instructions, SUFFIX])` then
 * `("system", template)`), a part formatted first (`format_instructions = FORMAT_INSTRUCTIONS.format(…)`) included.
 */
function joinedPromptConstants(facts: CodeFacts, node: Node, constants: Map<string, StringConstant>): StringConstant[] {
  const direct = joinedConstants(node, constants);
  if (direct.length > 0 || node.type !== 'identifier') return direct;
  const bound = boundExpression(facts, node);
  if (bound === node) return [];
  const found = new Map<string, StringConstant>();
  for (const name of joinedNames(bound)) {
    const constant = constants.get(name.text) ?? formattedConstant(facts, name, constants);
    if (constant) found.set(constant.name, constant);
  }
  return [...found.values()];
}

/** A system-message expression as a prompt: through its constant (`path#NAME`) or written in place. */
function textPrompt(
  site: CodeSite,
  facts: CodeFacts,
  constants: Map<string, StringConstant>,
  message: SystemMessage,
  accept?: Accept,
): PartialComponent | undefined {
  // `"content": [{"type": "text", "text": system_message}]`: the one text part names the prompt as the content would.
  const part = namedTextPart(message.node);
  const named = part && textPrompt(site, facts, constants, { ...message, node: part }, accept);
  if (named) return named;
  const helped = promptHelperArgument(message.node);
  // Named where the helper is called (`instructions=prompt_with_handoff_instructions(`), the line the keyword is on.
  if (helped) return textPrompt(site, facts, constants, { ...message, node: helped, at: message.at ?? message.node }, accept);
  const { node, symbol } = message;
  // `createMcpServer({ name, instructions })`: a shorthand option names its constant as `instructions: instructions` would.
  const constant = node.type === 'identifier' || node.type === 'shorthand_property_identifier' ? constants.get(node.text) : undefined;
  if (constant) {
    const long = accept ? accept(constant.value) : constant.value.trim().length >= MIN_INLINE_LENGTH;
    return long ? constantPrompt(site, constant, 'constant', constant.name) : undefined;
  }
  // `const systemPrompt = \`…${context}…\`` bound in the handler, then passed as `system: systemPrompt`.
  const bound = boundText(facts, node);
  if (bound) {
    // `SystemMessage(content=system_message)` says what it carries: a short text there (`f"Summary of conversation
    // earlier: {summary}"`) is the system message all the same.
    const prose = bound.prose.trim();
    const said = SYSTEM_MESSAGE_CALLS.has(symbol)
      ? prose.length >= MIN_INLINE_LENGTH && wordCount(prose) >= 3
      : prose.length >= MIN_CONSTANT_LENGTH && isNaturalLanguage(prose);
    if (!said) return undefined;
    if (accept && !accept(bound.prose)) return undefined;
    return promptComponent(site.path, node.text, bound.source, [property('prompt:type', 'system-message')], {
      path: site.path,
      line: site.line(bound.row),
      evidence: 'call',
      symbol,
    });
  }
  const object = boundMessageObject(facts, node);
  if (object && (!accept || accept(object.text)))
    return promptComponent(site.path, node.text, object.text, [property('prompt:type', 'system-message')], {
      path: site.path,
      line: site.line(object.row),
      evidence: 'call',
      symbol,
    });
  const value = writtenText(facts, node);
  if (value === undefined || !longEnough(value, message.certain) || (accept && !accept(value))) return undefined;
  // `instructions: "Custom instructions for testing"`: a test's stand-in, whoever runs it (a short line that says so).
  if (TEST_STAND_IN.test(value)) return undefined;
  const line = site.line((message.at ?? node).startPosition.row);
  return promptComponent(
    site.path,
    message.name ?? mappingFunction(facts, node) ?? `system@${line}`,
    value,
    [property('prompt:type', 'system-message')],
    {
      path: site.path,
      line,
      evidence: 'call',
      symbol,
    },
  );
}

/**
 * A message object bound to a name and passed as the system message (CAMEL `sys_msg = BaseMessage.make_assistant_message(
 * role_name="CAMEL Agent", content="You are a helpful assistant…")` then `ChatAgent(system_message=sys_msg)`): its content.
 */
function boundMessageObject(facts: CodeFacts, node: Node): { text: string; row: number } | undefined {
  const bound = boundExpression(facts, node);
  const call = bound !== node && bound.type === 'call' ? facts.callAt(bound) : undefined;
  const content = call?.args.find((arg) => arg.name === 'content');
  const text = content && proseOf(facts, content.node);
  return text && text.trim().length >= MIN_INLINE_LENGTH && isNaturalLanguage(text) ? { text, row: bound.startPosition.row } : undefined;
}

/**
 * The function a dataset maps its rows with (`gsm8k.map(process_gsm8k)`), when it writes the system message into
 * every training conversation: the prompt is that function's (`path#process_gsm8k`).
 */
function mappingFunction(facts: CodeFacts, node: Node): string | undefined {
  const name = facts.language === 'python' ? enclosingFunctionName(node) : undefined;
  const mapped =
    name &&
    facts.calls.some((call) => call.method === 'map' && call.args.some((arg) => arg.node.type === 'identifier' && arg.node.text === name));
  return mapped ? name : undefined;
}

/** A text written inline at a system-message position: a sentence, or two words where the position is certain ("Be helpful"). */
const TEST_STAND_IN = /^[^\n]{0,60}(?:\bfor test(?:ing|s)?\b|\btest (?:prompt|instructions?|message|system prompt)\b)[^\n]{0,20}$/i;

function longEnough(value: string, certain = false): boolean {
  const text = value.trim();
  return text.length >= MIN_INLINE_LENGTH || (certain && text.length >= MIN_CERTAIN_LENGTH && wordCount(text) >= 2);
}

const MIN_CERTAIN_LENGTH = 8;

/**
 * The text a prompt helper is given (`instructions=prompt_with_handoff_instructions("You're speaking to a human…")`):
 * a call named for prompts or instructions whose first argument is a text or a name. The helper adds to that text.
 */
function promptHelperArgument(node: Node): Node | undefined {
  if (node.type !== 'call' && node.type !== 'call_expression') return undefined;
  const callee = node.childForFieldName('function');
  const name = (callee?.childForFieldName('attribute') ?? callee?.childForFieldName('property') ?? callee)?.text ?? '';
  if (!/prompt|instruction/i.test(name)) return undefined;
  const first = node.childForFieldName('arguments')?.namedChildren.find((child) => child?.type !== 'comment');
  return first && TEXT_ARGUMENTS.has(first.type) ? first : undefined;
}

const TEXT_ARGUMENTS = new Set(['string', 'concatenated_string', 'template_string', 'identifier']);

/** Templates with placeholders (`f"…{topic}…"`, `` `…${topic}…` ``, `$"…{x}…"`): their source text is the prompt asset. */
const TEMPLATE_LITERALS = new Set(['string', 'template_string', 'interpolated_string_expression']);
const LISTS = new Set(['list', 'array', 'element_value_array_initializer']);

/**
 * The text written at a system-message position: a string, a template (as written), or a list of
 * strings (Agno's `instructions=["…", "…"]`, one instruction a line).
 */
function writtenText(facts: CodeFacts, node: Node): string | undefined {
  const value = facts.valueOf(node);
  if (value !== undefined) return value;
  // `instructions=dedent("""…""")`, `instructions=(…)`: the text inside.
  const inner = node.type === 'parenthesized_expression' ? node.namedChild(0) : textOfWrapper(node);
  if (inner) return writtenText(facts, inner);
  if (TEMPLATE_LITERALS.has(node.type)) return node.text;
  // `(f"{PREFIX} " "You are a helpful triaging agent…")`: strings and templates written one after another.
  if (node.type === 'concatenated_string' && node.namedChildren.every((part) => part?.type === 'string')) return node.text;
  // `"You will have to write a short caption for this file…" + question`: prose joined with a value, as written.
  if (JOINED_TEXT.has(node.type) && ownLiteralText(node).trim().length >= MIN_INLINE_LENGTH) return node.text;
  if (!LISTS.has(node.type) || node.namedChildCount === 0) return undefined;
  const items = node.namedChildren.filter((item) => item?.type !== 'comment');
  const lines = items.map((item) => (item && !LISTS.has(item.type) ? writtenText(facts, textPartOf(item)) : undefined));
  return lines.every((line) => line !== undefined) ? lines.join('\n') : undefined;
}

const JOINED_TEXT = new Set(['binary_operator', 'binary_expression']);

/** The name in the only text part of a content list (`[{"type": "text", "text": system_message}]`). */
function namedTextPart(node: Node): Node | undefined {
  if (!LISTS.has(node.type)) return undefined;
  const items = node.namedChildren.filter((item) => item?.type !== 'comment');
  const part = items.length === 1 && items[0] ? textPartOf(items[0]) : undefined;
  return part?.type === 'identifier' ? part : undefined;
}

/** The text of a content part (`{"type": "text", "text": …}`, in a message whose content is a list of parts), or the item itself. */
function textPartOf(item: Node): Node {
  if (!MAPPINGS.has(item.type)) return item;
  for (const pair of item.namedChildren) {
    const key = pair?.childForFieldName('key');
    const value = pair?.childForFieldName('value');
    if (key && value && (stringText(key) ?? key.text) === 'text') return value;
  }
  return item;
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
  for (const message of fileRoleMessages(facts)) if (message.node.type === 'identifier') names.add(message.node.text);
  return names;
}

/**
 * Names handed to a generation step of a library outside the LLM catalog (distilabel's
 * `TextGeneration(llm=…, system_prompt=SYSTEM_PROMPT, template=INSTRUCTION_TEMPLATE)`): a call given a model
 * and a system prompt or template is a model call, so its `*_TEMPLATE` and `*_INSTRUCTIONS` arguments are prompts.
 */
function generationTaskArguments(facts: CodeFacts): Set<string> {
  const names = new Set<string>();
  if (!facts.text.includes('llm') || !GENERATION_TASK_HINT.test(facts.text)) return names;
  for (const call of facts.calls) {
    const keys = new Set(call.args.map((arg) => arg.name));
    if (!keys.has('llm') || !(keys.has('system_prompt') || keys.has('template'))) continue;
    for (const arg of call.args) if (arg.node.type === 'identifier') names.add(arg.node.text);
  }
  return names;
}

const GENERATION_TASK_HINT = /\bllm\s*=/;

// --- user prompt templates -----------------------------------------------------------------------

/**
 * The user message of a RAG or tool step written as a template in the function that sends it:
 * `prompt = f"""Use the following context to answer the question…{context}…"""` then
 * `messages=[{"role": "user", "content": prompt}]`, `ChatMessage(role="user", content=prompt)`, or the
 * prompt handed to a model call (`llm.invoke(prompt)`, `my_model(prompt)` where `my_model = LitellmModel(…)`).
 * Only a variable bound once, in the same function, to long prose with placeholders: a message of the
 * user's input alone (`content=query`) is data, and a module-level template is a prompt constant already.
 * Named by the function (two functions of a notebook both call theirs `prompt`).
 */
function userPromptTemplates(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  const named = new Set<string>();
  for (const node of userMessageContents(facts)) {
    const name = node.type === 'identifier' ? enclosingFunctionName(node) : undefined;
    const bound = name ? boundText(facts, node) : undefined;
    if (!name || !bound || named.has(name) || bound.source === bound.prose) continue;
    if (bound.prose.trim().length < MIN_CONSTANT_LENGTH || !isNaturalLanguage(bound.prose)) continue;
    // Bound in the same function: a module-level template is found as a prompt constant.
    const [source] = facts.flow.sources(node);
    if (!source || enclosingFunctionName(source.node) !== name) continue;
    named.add(name);
    components.push(
      promptComponent(site.path, name, bound.source, [property('prompt:type', 'user-template')], {
        path: site.path,
        line: site.line(bound.row),
        evidence: 'call',
        symbol: node.text,
      }),
    );
  }
  return components;
}

/**
 * A LangChain human message a function builds from a template (LangGraph nodes: `HumanMessage(content=f"Reflect on our
 * existing knowledge: {summary}… generate a follow-up web search query:")`, or a variable the function binds to one
 * template or another, `if existing: content = (f"…Update the Existing Summary…") else: content = (f"…Create a
 * Summary…")`), as `path#function`: the instruction the node sends with its state. At least 80 characters of prose.
 */
function humanMessageTemplates(site: CodeSite, facts: CodeFacts, found: PartialComponent[]): PartialComponent[] {
  if (facts.language !== 'python' || !facts.text.includes('HumanMessage(')) return [];
  const named = new Set(found.map((component) => component.name));
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    if (call.method !== 'HumanMessage' || facts.packageOf(call) === undefined) continue;
    const content = (call.args.find((arg) => arg.name === 'content') ?? positionalArg(call.args, 0))?.node;
    const owner = content && enclosingFunctionName(content);
    if (!content || !owner || named.has(`${site.path}#${owner}`)) continue;
    const templates = content.type === 'identifier' ? functionTemplates(content) : [writtenTemplateOf(content)];
    const written = templates.filter((template) => template !== undefined);
    const prose = written.map((template) => template.prose).join('\n');
    if (written.length === 0 || written.length < templates.length || prose.trim().length < MIN_CONSTANT_LENGTH || !isNaturalLanguage(prose))
      continue;
    named.add(`${site.path}#${owner}`);
    components.push(
      promptComponent(site.path, owner, written.map((template) => template.source).join('\n'), [property('prompt:type', 'user-template')], {
        path: site.path,
        line: site.line(content.startPosition.row),
        evidence: 'call',
        symbol: call.method,
      }),
    );
  }
  return components;
}

/**
 * A request or message list a notebook cell or script binds at module level, whose user message is an instruction
 * template (`converse_request = {"messages": [{"role": "user", "content": [{"text": f"Please provide a concise summary
 * of the following text… {text}"}]}]}` then `bedrock.converse(messages=converse_request["messages"])`), as
 * `path#converse_request`. Inside a function the function names it (`userPromptTemplates`); a question without an
 * instruction is a sample input.
 */
function requestMessageTemplates(site: CodeSite, facts: CodeFacts, found: PartialComponent[]): PartialComponent[] {
  if (facts.language !== 'python') return [];
  const named = new Set(found.map((component) => component.name));
  const components: PartialComponent[] = [];
  for (const message of roleMessagesIn(messageShapes(facts), 'user')) {
    const binding = moduleBinding(message.node);
    const name = binding && `${site.path}#${binding.text}`;
    if (!binding || !name || named.has(name) || facts.text.split(binding.text).length < 3) continue;
    const template = contentTexts(message.node)
      .map((node) => writtenTemplateOf(node))
      .find((text) => text !== undefined && speaksToModel(text.prose.replace(/^\s*please\s+/i, '')));
    if (!template) continue;
    named.add(name);
    components.push(symbolPrompt(site, binding, template.source, 'user-template'));
  }
  return components;
}

/** A message's content, or the `text` of each of its content parts (`[{"text": …}]`, `[{"type": "text", "text": …}]`). */
function contentTexts(content: Node): Node[] {
  if (content.type !== 'list') return [content];
  return content.namedChildren.flatMap((part) => {
    const text = part?.type === 'dictionary' ? pairsOf(part).get('text') : undefined;
    return text ? [text] : [];
  });
}

/** The module-level name a value is bound into (`converse_request = {…{…}…}`), outside any function or class. */
function moduleBinding(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_definition' || current.type === 'class_definition' || current.type === 'lambda') return undefined;
    if (current.type !== 'assignment' || current.parent?.type !== 'expression_statement') continue;
    const left = current.childForFieldName('left');
    return current.parent.parent?.type === 'module' && left?.type === 'identifier' ? left : undefined;
  }
  return undefined;
}

/** The templates a function binds to a name, in any branch (none when it is also bound to something else). */
function functionTemplates(name: Node): ({ source: string; prose: string } | undefined)[] {
  return functionAssignments(name, name.text).map((right) => writtenTemplateOf(right));
}

/** User messages (`{"role": "user", "content": X}`, `ChatMessage(role="user", content=X)`) and the text of a model call (`llm.invoke(X)`). */
function userMessageContents(facts: CodeFacts): Node[] {
  let contents = userContents.get(facts);
  if (!contents) {
    contents = findUserMessageContents(facts);
    userContents.set(facts, contents);
  }
  return contents;
}

/** Several collectors of one file read its messages: each walk is done once per file's facts. */
const userContents = new WeakMap<CodeFacts, Node[]>();
const systemRoleMessages = new WeakMap<CodeFacts, SystemMessage[]>();

/** The file's `{"role": "system", …}` messages and `("system", …)` tuples, walked once. */
function fileRoleMessages(facts: CodeFacts): SystemMessage[] {
  let found = systemRoleMessages.get(facts);
  if (!found) {
    found = roleMessagesIn(messageShapes(facts), 'system');
    systemRoleMessages.set(facts, found);
  }
  return found;
}

function findUserMessageContents(facts: CodeFacts): Node[] {
  const contents = roleMessagesIn(messageShapes(facts), 'user').map((message) => message.node);
  for (const call of facts.calls) {
    const role = call.args.find((arg) => arg.name === 'role');
    const content = messageTextArg(call);
    if (role?.value === 'user' && content) contents.push(content.node);
    const first = positionalArg(call.args, 0);
    if (first && callsModel(facts, call)) contents.push(first.node);
    const prompt = aiSdkPrompt(facts, call);
    if (prompt) contents.push(prompt);
  }
  return contents;
}

/**
 * A module template formatted into a user message or a model call (`prompt = GRADER_TEMPLATE.format(…)`
 * then `grader.invoke([{"role": "user", "content": prompt}])`): the constant is a prompt, `path#NAME`.
 */
function formattedMessagePrompts(
  site: CodeSite,
  facts: CodeFacts,
  constants: Map<string, StringConstant>,
  accept: Accept,
): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const node of userMessageContents(facts)) {
    const constant = formattedConstant(facts, node, constants);
    if (constant && accept(constant.value)) components.push(constantPrompt(site, constant, 'constant', constant.name));
    // `agent.run(task + helium_instructions)`, `content = task + "\n" + RULES` then sent: the constants joined into
    // the message, when named for a prompt (a `tweet` or a `question` joined in is the user's data).
    for (const joined of joinedConstants(boundExpression(facts, node), constants)) {
      if (joined.name === constant?.name || !promptNameStrength(joined.name) || !accept(joined.value)) continue;
      components.push(constantPrompt(site, joined, 'constant', joined.name));
    }
  }
  return components;
}

/** The expression a variable is bound to once (`content = task + RULES` for `content`), or the node itself. */
function boundExpression(facts: CodeFacts, node: Node): Node {
  return node.type === 'identifier' ? (facts.flow.soleBinding(node) ?? node) : node;
}

/**
 * A model call: a generation method of an AI package or one made through its client (`llm.invoke(prompt)`,
 * `model.generate_content(prompt)`), or a call of a variable bound to an AI client or an agent-like object
 * (`my_model = LitellmModel(…)`). Other calls of an AI package take text for people (LangGraph's `interrupt(message)`).
 */
function callsModel(facts: CodeFacts, call: CodeCall): boolean {
  if (facts.packageOf(call) && (MODEL_CALL_METHODS.test(call.method) || facts.clientOf(call))) return true;
  let callee = call.node.childForFieldName('function');
  // `agent = initialize_agent(model)` then `agent.run(task)`: a generation method of an agent-like object.
  if (callee?.type === 'attribute' && MODEL_CALL_METHODS.test(call.method)) callee = callee.childForFieldName('object');
  if (callee?.type !== 'identifier') return false;
  return facts.flow.sources(callee).some((source) => {
    const maker = source.node.type === 'call' ? facts.callAt(source.node) : undefined;
    return !!maker && (facts.packageOf(maker) !== undefined || AGENT_LIKE_CALLEE.test(maker.method));
  });
}

const MODEL_CALL_METHODS = /^(?:a?invoke|a?generate\w*|complete|a?predict|a?run|a?stream|a?chat|send_message|prompt|__call__)$/i;

export function enclosingFunctionName(node: Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_definition' || current.type === 'function_declaration') return current.childForFieldName('name')?.text;
  }
  return undefined;
}

// --- instruction functions -----------------------------------------------------------------------

/**
 * Functions an agent calls for its instructions: passed as `instructions=` (OpenAI Agents SDK
 * `Agent(instructions=seat_services_instructions)`), called there (`instructions=_instructions(web_search=…)`),
 * or registered by a decorator of the agent (Pydantic AI `@support_agent.instructions`,
 * `@agent.system_prompt`). The use is certain, so any function returning text counts, whatever its
 * name: its returns must all be text (strings, templates, their concatenation, a choice between texts,
 * `dedent(f"""…""")`), not a list or a value of the context. The function's text is the asset.
 */
class InstructionFunctions {
  private bindings: Map<string, { name: Node; body: Node; node: Node }> | undefined;
  private readonly named: Set<string>;

  constructor(
    private readonly site: CodeSite,
    private readonly facts: CodeFacts,
    private readonly components: PartialComponent[],
    /** Outside LLM code (the project's own wrapper) the returned text must speak to a model. */
    private readonly accept?: Accept,
  ) {
    this.named = new Set(components.map((component) => component.name));
  }

  /** True when the expression at a system-message position is (a call of) a function of this file or a method of its class. */
  passedAt(node: Node): boolean {
    const callee = node.type === 'call' || node.type === 'call_expression' ? node.childForFieldName('function') : node;
    const found = callee?.type === 'identifier' ? this.functions().get(callee.text) : callee && ownMethod(callee);
    if (!found) return false;
    this.add(found);
    return true;
  }

  /** Python functions decorated by an agent's `instructions` or `system_prompt` (`@agent.system_prompt(dynamic=True)`). */
  registeredByDecorators(): void {
    if (this.facts.language !== 'python') return;
    for (const statement of this.facts.tree.rootNode.namedChildren) {
      if (statement?.type !== 'decorated_definition') continue;
      const found = functionBinding(statement);
      const decorators = statement.namedChildren.filter((child) => child?.type === 'decorator');
      if (found && decorators.some((decorator) => decorator && this.isAgentInstructionDecorator(decorator))) this.add(found);
    }
  }

  private isAgentInstructionDecorator(decorator: Node): boolean {
    let expression = decorator.namedChild(0);
    if (expression?.type === 'call') expression = expression.childForFieldName('function');
    if (expression?.type !== 'attribute' || !INSTRUCTION_DECORATORS.has(expression.childForFieldName('attribute')?.text ?? ''))
      return false;
    const owner = expression.childForFieldName('object');
    if (owner?.type !== 'identifier') return false;
    // The decorated object is an agent: bound to an AI package's call or an agent-like constructor.
    return this.facts.flow.sources(owner).some((source) => {
      const call = source.node.type === 'call' ? this.facts.callAt(source.node) : undefined;
      return !!call && (this.facts.packageOf(call) !== undefined || AGENT_LIKE_CALLEE.test(call.method));
    });
  }

  private add(found: { name: Node; body: Node; node: Node }): void {
    const name = `${this.site.path}#${found.name.text}`;
    if (this.named.has(name)) return;
    const text = returnedText(this.facts, found.body);
    if (text === undefined || text.trim().length < MIN_INLINE_LENGTH || wordCount(text) < MIN_INSTRUCTION_WORDS) return;
    if (this.accept && !this.accept(text)) return;
    this.named.add(name);
    this.components.push(symbolPrompt(this.site, found.name, found.node.text, 'function'));
  }

  private functions(): Map<string, { name: Node; body: Node; node: Node }> {
    if (!this.bindings) {
      this.bindings = new Map();
      for (const statement of this.facts.tree.rootNode.namedChildren) {
        const found = functionBinding(statement);
        if (found) this.bindings.set(found.name.text, found);
      }
    }
    return this.bindings;
  }
}

/** `self._get_system_prompt()`: the method of the enclosing Python class it calls. */
function ownMethod(callee: Node): { name: Node; body: Node; node: Node } | undefined {
  if (callee.type !== 'attribute' || callee.childForFieldName('object')?.text !== 'self') return undefined;
  const name = callee.childForFieldName('attribute')?.text;
  for (let current = callee.parent; current; current = current.parent) {
    if (current.type !== 'class_definition') continue;
    return classMethods(current)
      .map((method) => functionBinding(method))
      .find((found) => found?.name.text === name);
  }
  return undefined;
}

/** Decorators of an agent that register a function's result as its instructions (Pydantic AI). */
const INSTRUCTION_DECORATORS = new Set(['instructions', 'system_prompt']);

/** "The customer's name is {name!r}": a dynamic instruction may be one short sentence. */
const MIN_INSTRUCTION_WORDS = 3;

export function wordCount(text: string): number {
  return text.match(/[A-Za-z][A-Za-z'’-]*/g)?.length ?? 0;
}

/** The prose a function returns when every return is text (placeholders blanked), else undefined. */
function returnedText(facts: CodeFacts, body: Node): string | undefined {
  const texts = returnedExpressions(body).map((expression) => proseOf(facts, expression, 0));
  if (texts.length === 0 || texts.some((text) => text === undefined)) return undefined;
  return texts.join('\n');
}

/** Bound to how deep a text expression is followed (concatenations, choices, variables). */
const MAX_TEXT_DEPTH = 8;

/**
 * The prose of a text expression: a string or template, strings written one after another, `a + b`
 * of texts (a name or call inside counts as a placeholder), a choice between texts, a cleaned text
 * (`dedent(…)`), a variable bound once to a text. Undefined for anything else (a list, a number, a call).
 */
export function proseOf(facts: CodeFacts, node: Node, depth = 0): string | undefined {
  if (depth > MAX_TEXT_DEPTH) return undefined;
  const next = (child: Node | null | undefined) => (child ? proseOf(facts, child, depth + 1) : undefined);
  switch (node.type) {
    case 'string':
    case 'template_string':
      return literalProse(node);
    case 'concatenated_string':
      return joined(node.namedChildren.map(next));
    case 'parenthesized_expression':
      return next(node.namedChild(0));
    case 'binary_operator':
    case 'binary_expression': {
      if (node.childForFieldName('operator')?.text !== '+') return undefined;
      const parts = [node.childForFieldName('left'), node.childForFieldName('right')];
      const texts = parts.map((part) => next(part) ?? (part && OPERANDS.has(part.type) ? '' : undefined));
      return texts.some((text) => text) ? joined(texts) : undefined;
    }
    case 'conditional_expression':
      return joined([node.namedChild(0), node.namedChild(2)].map(next));
    case 'ternary_expression':
      return joined([node.childForFieldName('consequence'), node.childForFieldName('alternative')].map(next));
    case 'identifier': {
      // `base = "You are…"; if fields: base += "\n--- FIELDS ---\n" + "\n".join(lines)`: a text built piece by piece.
      const sources = facts.flow.sources(node).filter((source) => source.node.id !== node.id);
      if (sources.length === 0 || sources.some((source) => !source.binding)) return undefined;
      if (sources.every((source) => source.node.type === 'augmented_assignment')) return undefined;
      // `let fullPrompt = ""` then `fullPrompt += \`You are…\``: JavaScript appends are not bindings of the flow.
      const appended = facts.language === 'javascript' ? appendedInFunction(node).map(next) : [];
      return joined([
        ...sources.map((source) => (source.node.type === 'augmented_assignment' ? appendedProse(source.node, next) : next(source.node))),
        ...appended,
      ]);
    }
    default:
      return next(textOfWrapper(node));
  }
}

/** What `text += …` appends: a text, or a value standing in for one. */
function appendedProse(assignment: Node, next: (child: Node | null | undefined) => string | undefined): string | undefined {
  const right = assignment.childForFieldName('right');
  if (assignment.childForFieldName('operator')?.text !== '+=' || !right) return undefined;
  return next(right) ?? (OPERANDS.has(right.type) ? '' : undefined);
}

/** Values a concatenation may add to a text without being text themselves (`PREFIX + "…"`, `"…" + str(n)`). */
const OPERANDS = new Set(['identifier', 'attribute', 'member_expression', 'call', 'call_expression', 'subscript']);

function joined(texts: (string | undefined)[]): string | undefined {
  return texts.every((text) => text !== undefined) ? texts.join('') : undefined;
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
    // Own keys only: `result.toString()` must not find `Object.prototype.toString`.
    const hub = Object.hasOwn(HUB_CALLS, call.method) ? HUB_CALLS[call.method] : undefined;
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
const MCP_PROMPT_METHODS = new Set(['prompt', 'registerPrompt', 'addPrompt', 'NewPrompt']);

function mcpPrompts(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  const at = (row: number, symbol: string): Occurrence => ({ path: site.path, line: site.line(row), evidence: 'call', symbol });
  const mcpServerCode = facts.packages.packages.some((pkg) => pkg.category === 'mcp');
  for (const call of facts.calls) {
    // A project's own registration context (`context.registerPrompt(…)`) passes the SDK's call shape on.
    const registered =
      (call.method === 'registerPrompt' && hasMcpPromptShape(call)) || (call.method === 'prompt' && hasLegacyMcpPromptShape(facts, call));
    if (!mcpServerCode && !registered) continue;
    // The low-level Python server lists `types.Prompt(name="fetch", …)` from its `list_prompts` handler; a Go
    // server registers `mcp.Prompt{Name: "AssignCodingAgent", …}` (Go SDK).
    const nameField = facts.language === 'go' ? 'Name' : 'name';
    const listed =
      call.method === 'Prompt' &&
      (facts.language === 'python' || facts.language === 'go') &&
      call.args.some((arg) => arg.name === nameField);
    if (!MCP_PROMPT_METHODS.has(call.method) && !listed) continue;
    // A server passed in as a parameter (`(server: McpServer) => server.registerPrompt(…)`) has no receiver call.
    const onServer =
      listed ||
      registered ||
      facts.packageOf(call)?.category === 'mcp' ||
      (call.method !== 'prompt' && /(?:server|mcp)$/i.test(ownerOf(call)));
    if (!onServer) continue;
    const named = call.args.find((arg) => arg.name === nameField)?.value ?? positionalArg(call.args, 0)?.value;
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

/**
 * The MCP SDK's `registerPrompt(name, { description, argsSchema }, handler)`: a name, a config object
 * and the function that builds the messages (Inquirer's `registerPrompt('autocomplete', Plugin)` is not).
 */
function hasMcpPromptShape(call: CodeCall): boolean {
  const nodes = argumentNodes(call);
  const [name, config] = nodes;
  const handler = nodes[nodes.length - 1];
  return (
    nodes.length >= 3 &&
    name?.type === 'string' &&
    config?.type === 'object' &&
    (handler?.type === 'arrow_function' || handler?.type === 'function_expression')
  );
}

/**
 * The TypeScript SDK's older `server.prompt("name", "description", {…}, async () => ({ messages: […] }))` on a
 * server the function is handed (`initializeMcpServer(server: any)`, no SDK import in the file): a
 * receiver named for a server, a literal name first, and a handler last that returns messages.
 */
function hasLegacyMcpPromptShape(facts: CodeFacts, call: CodeCall): boolean {
  if (facts.language !== 'javascript' || !/(?:server|mcp)$/i.test(ownerOf(call))) return false;
  const nodes = argumentNodes(call);
  const handler = nodes[nodes.length - 1];
  const functional = handler?.type === 'arrow_function' || handler?.type === 'function_expression';
  return nodes.length >= 2 && nodes[0]?.type === 'string' && functional && /\bmessages\b/.test(handler?.text ?? '');
}

/** A call's argument expressions as written, comments left out. */
function argumentNodes(call: CodeCall): (Node | null)[] {
  return call.node.childForFieldName('arguments')?.namedChildren.filter((node) => node && node.type !== 'comment') ?? [];
}

/** The function a Python decorator call decorates (`@mcp.prompt()` above `def review(…)`). */
function decoratedDefinition(call: Node): Node | undefined {
  const decorator = call.parent;
  if (decorator?.type !== 'decorator') return undefined;
  const definition = decorator.parent?.childForFieldName('definition');
  return definition?.type === 'function_definition' ? definition : undefined;
}

// --- literal user messages -----------------------------------------------------------------------

/**
 * A question or instruction written in place as the user message of a model call in LLM code:
 * `{"role": "user", "content": "Alice and Bob are going to a science fair on Friday."}`,
 * `HumanMessage(content="I changed my mind. Decline ticket booking.")`, `llm.invoke("Tell me a story about…")`,
 * content parts (`[{"text": "Please continue your response from where you left off."}]`). Named `user@line`
 * at the text's line. Short replies and labels ("Hello", "Looks good") are not prompts; nor is a template
 * (`userPromptTemplates` names those) or a text another prompt of the file already holds.
 */
function userMessageLiterals(site: CodeSite, facts: CodeFacts, found: PartialComponent[]): PartialComponent[] {
  // A notebook's questions are the lesson's sample inputs, typed anew on each run.
  if (site.path.endsWith('.ipynb')) return [];
  const lines = new Set(found.flatMap((component) => component.occurrences.map((at) => at.line)));
  const names = new Set(found.map((component) => component.name));
  const components: PartialComponent[] = [];
  const contents = [...userMessageContents(facts), ...humanMessageContents(facts)];
  for (const written of [...contents, ...conversationInputs(facts), ...forwardedTurns(facts, contents)]) {
    const node = unwrapped(written);
    if (isAgentTask(facts, node)) continue;
    // `prompt = "What is 12 * 14? Answer in one short sentence."` then `UserMessage(content=prompt)`: named by the variable.
    const bound: { text: string; node: Node; name?: string } | undefined =
      node.type === 'identifier' ? (boundLiteral(facts, node) ?? loopedTurn(facts, node)) : undefined;
    // A turn template with values (`content: \`You are an expert at classifying…${message}…\``) is the function's, as
    // a template bound there is; one written in a test's callback is named by its line.
    const template = node.type === 'template_string' && node.namedChildren.some((child) => child && PLACEHOLDERS.has(child.type));
    const name = bound?.name ?? (bound ? node.text : template ? enclosingFunctionName(node) : undefined);
    const value = bound?.text ?? literalText(facts, node);
    if (value === undefined || !(isUserProse(value) || isShortTurn(value)) || looksLikeCode(value)) continue;
    const line = site.line((bound?.node ?? firstTextPart(node)).startPosition.row);
    const symbol = name ?? `user@${line}`;
    if (lines.has(line) || names.has(`${site.path}#${symbol}`)) continue;
    lines.add(line);
    names.add(`${site.path}#${symbol}`);
    components.push(userMessagePrompt(site, symbol, value, line));
  }
  return components;
}

/** A user message the code sends, as a prompt named `path#name` at `line`. */
function userMessagePrompt(site: CodeSite, name: string, text: string, line: number, symbol = 'user'): PartialComponent {
  return promptComponent(site.path, name, text, [property('prompt:type', 'user-message')], {
    path: site.path,
    line,
    evidence: 'call',
    symbol,
  });
}

/**
 * The default prompt of a library function that sends the caller's prompt or its own
 * (`if prompt is None or prompt.strip() == "": prompt = "Write a detailed caption for this image."`, `prompt = prompt or "…"`,
 * `def caption(image, prompt="Describe this image.")`) as the text of a user message on a provider SDK's surface
 * (`client.chat.completions.create(model=model, messages=messages)`, the client given by the caller). Named by the
 * variable (`path#prompt`), at the default's line.
 */
function defaultTurnPrompts(site: CodeSite, facts: CodeFacts, found: PartialComponent[]): PartialComponent[] {
  if (!facts.calls.some((call) => isSdkModelSurface(call.callee))) return [];
  const names = new Set(found.map((component) => component.name));
  const components: PartialComponent[] = [];
  for (const content of roleMessagesIn(messageShapes(facts), 'user').map((message) => message.node)) {
    const variable = firstTextPart(unwrapped(content));
    if (variable.type !== 'identifier' || names.has(`${site.path}#${variable.text}`)) continue;
    const sources = facts.flow.sources(variable);
    // The caller's value stays possible: a parameter or another expression beside the default.
    if (sources.length < 2) continue;
    const fallback: { node: Node; name?: string } | undefined =
      sources.find((source) => source.binding && isUserProse(facts.valueOf(source.node) ?? '')) ?? attributeDefault(facts, sources);
    const text = fallback && facts.valueOf(fallback.node);
    if (!fallback || text === undefined || looksLikeCode(text)) continue;
    const name = fallback.name ?? variable.text;
    if (names.has(`${site.path}#${name}`)) continue;
    names.add(`${site.path}#${name}`);
    const line = site.line(fallback.node.startPosition.row);
    components.push(userMessagePrompt(site, name, text, line));
  }
  return components;
}

/**
 * The default an instance keeps for the prompt (`actual_prompt = prompt or self.default_prompt` with
 * `self.default_prompt = default_prompt or ("Extract all text from this image. …")` in `__init__`), named by the attribute.
 */
function attributeDefault(facts: CodeFacts, sources: { node: Node }[]): { node: Node; name: string } | undefined {
  for (const { node } of sources) {
    if (node.type !== 'attribute' || node.childForFieldName('object')?.text !== 'self') continue;
    let owner = node.parent;
    while (owner && owner.type !== 'class_definition') owner = owner.parent;
    for (const assignment of owner?.descendantsOfType('assignment') ?? []) {
      if (assignment?.childForFieldName('left')?.text !== node.text) continue;
      let value = assignment.childForFieldName('right');
      // `default_prompt or ("…")`: the literal after `or` is the default.
      if (value?.type === 'boolean_operator') value = value.childForFieldName('right');
      const literal = value && unwrapped(value);
      if (literal && isUserProse(facts.valueOf(literal) ?? ''))
        return { node: literal, name: node.childForFieldName('attribute')?.text ?? node.text };
    }
  }
  return undefined;
}

/** A chat completion by its name (`chat_completion`, `ChatCompletionRequest`, `createChatCompletion`). */
const CHAT_COMPLETION_CALL = /chat_?completion/i;

/** The first text part of a content list (`[{"type": "text", "text": "What is this audio about?"}, {audio}]`), where the turn is written. */
function firstTextPart(node: Node): Node {
  if (!LISTS.has(node.type)) return node;
  const first = node.namedChildren.find((item) => item && item.type !== 'comment');
  return first ? textPartOf(first) : node;
}

/** The turns a loop sends one by one (`for user_text in TURNS:`), named by the list when one of them is a question or request. */
function loopedTurn(facts: CodeFacts, node: Node): { text: string; node: Node; name: string } | undefined {
  const looped = loopedTurns(facts, node);
  if (!looped?.texts.some((text) => isUserProse(text) || isShortTurn(text))) return undefined;
  return { text: looped.texts.join('\n'), node: looped.list, name: looped.name.text };
}

/** The literal a variable is bound to once (`prompt = "…"`, `USER_MESSAGE = """…"""`), with its binding. */
function boundLiteral(facts: CodeFacts, node: Node): { text: string; node: Node } | undefined {
  const bound = facts.flow.soleBinding(node);
  const text = bound && literalText(facts, unwrapped(bound));
  return bound && text !== undefined ? { text, node: bound } : undefined;
}

/**
 * The `prompt` option of a Vercel AI SDK call written as a template (`generateText({ model, prompt:
 * \`<instruction>${instructions}</instruction>…\` })`, `generateObject({ prompt: \`You are comparing…${input}…\` })`), as
 * `path#prompt@line`, or its module constant (`path#NAME`); a plain text there is a literal user message (`user@line`).
 * A template needs some text of its own besides its values: `prompt: \`${question}\`` is the user's input.
 */
function aiSdkPromptOptions(
  site: CodeSite,
  facts: CodeFacts,
  constants: Map<string, StringConstant>,
  found: PartialComponent[],
): PartialComponent[] {
  if (facts.language !== 'javascript' || !facts.text.includes('prompt')) return [];
  const lines = new Set(found.flatMap((component) => component.occurrences.map((at) => at.line)));
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    const value = aiSdkPrompt(facts, call);
    const constant = value?.type === 'identifier' ? constants.get(value.text) : undefined;
    if (constant) {
      if (isUserProse(constant.value)) components.push(constantPrompt(site, constant, 'constant', constant.name));
      continue;
    }
    // A plain text is a literal user message (`userMessageLiterals`); a template with values is this prompt.
    if (value?.type !== 'template_string' || !value.namedChildren.some((child) => child && PLACEHOLDERS.has(child.type))) continue;
    if (literalProse(value).replace(/\s+/g, '').length < MIN_INLINE_LENGTH) continue;
    const line = site.line(value.startPosition.row);
    if (lines.has(line)) continue;
    lines.add(line);
    components.push(userMessagePrompt(site, `prompt@${line}`, value.text, line, 'prompt'));
  }
  return components;
}

/** The `prompt` option of a Vercel AI SDK call. */
function aiSdkPrompt(facts: CodeFacts, call: CodeCall): Node | undefined {
  if (!AI_SDK_PROMPT_CALLS.has(call.method) || facts.packageOf(call)?.name !== 'ai') return undefined;
  return call.args.find((arg) => arg.name === 'prompt')?.node;
}

/** The Vercel AI SDK calls that take the user's turn as `prompt`. */
const AI_SDK_PROMPT_CALLS = new Set(['generateText', 'streamText', 'generateObject', 'streamObject']);

/** `agent.run("What's the weather like in Paris?")`: the task an example gives its agent, not a message it writes. */
function isAgentTask(facts: CodeFacts, node: Node): boolean {
  const call = node.parent?.type === 'argument_list' ? node.parent.parent : undefined;
  const method = call ? facts.callAt(call)?.method : undefined;
  return method !== undefined && /^a?run$/i.test(method);
}

/** LangChain's `HumanMessage("…")` / `HumanMessage(content="…")` and the `UserMessage` of other SDKs. */
const USER_MESSAGE_CALLS = new Set(['HumanMessage', 'UserMessage']);

function humanMessageContents(facts: CodeFacts): Node[] {
  const contents: Node[] = [];
  for (const call of facts.calls) {
    if (!USER_MESSAGE_CALLS.has(call.method)) continue;
    const content = call.args.find((arg) => arg.name === 'content') ?? positionalArg(call.args, 0);
    if (content) contents.push(content.node);
  }
  return contents;
}

/** The text of a plain literal or of a list of literal content parts; a template, a name or a call is none. */
function literalText(facts: CodeFacts, node: Node): string | undefined {
  // A role message's content (`{ role: 'user', content: \`…\` }`); an AI SDK `prompt:` template is `aiSdkPromptOptions`'.
  if (node.type === 'template_string') return isContentValue(node) ? templateTurn(node) : undefined;
  if (node.type === 'string' || node.type === 'concatenated_string') {
    const interpolated = node.descendantsOfType(['interpolation', 'template_substitution']).length > 0;
    return interpolated ? undefined : facts.valueOf(node);
  }
  if (!LISTS.has(node.type)) return undefined;
  const items = node.namedChildren.filter((item): item is Node => !!item && item.type !== 'comment');
  // Beside an image or an audio part (`{"type": "input_audio", …}`) the text parts are the turn's words.
  const parts = items.map(textPartOf).filter((part, index) => part !== items[index] || !MAPPINGS.has(part.type));
  if (parts.length === 0 || parts.some((part) => part.type !== 'string')) return undefined;
  const texts = parts.map((part) => literalText(facts, part));
  return texts.every((text) => text !== undefined) ? texts.join('\n') : undefined;
}

/**
 * A JavaScript template written as the turn (`content: \`Deploy an edge function to project with ref ${project.id}
 * that returns the current time in UTC.\``): its own words are the instruction, the values only fill it in. A
 * template whose words are few beside its values (`\`Summarize: ${text}\``) is a wrapper of the data, not a prompt.
 */
function templateTurn(node: Node): string | undefined {
  const values = node.namedChildren.filter((child) => child && PLACEHOLDERS.has(child.type));
  if (values.length === 0) return literalProse(node);
  if (values.some((value) => !SIMPLE_VALUES.has(value?.namedChild(0)?.type ?? ''))) return undefined;
  const words = literalProse(node).trim();
  return words.length >= MIN_TEMPLATE_TURN && isNaturalLanguage(words) ? node.text.slice(1, -1) : undefined;
}

/** The value of a `content` property (`{ role: 'user', content: … }`). */
function isContentValue(node: Node): boolean {
  const key = node.parent?.type === 'pair' ? node.parent.childForFieldName('key') : undefined;
  return !!key && (stringText(key) ?? key.text) === 'content';
}

/** A turn template fills in names and fields (`${project.id}`), not code. */
const SIMPLE_VALUES = new Set(['identifier', 'member_expression']);
const MIN_TEMPLATE_TURN = 40;

/** A question or instruction: a sentence of several words, not a label or a one-word reply. */
export function isUserProse(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length >= MIN_INLINE_LENGTH && isNaturalLanguage(trimmed);
}
