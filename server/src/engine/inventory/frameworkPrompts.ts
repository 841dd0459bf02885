import { createHash } from 'node:crypto';
import { type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { property } from './components';
import { isNaturalLanguage } from './promptTemplates';
import type { PartialComponent, Property } from './types';

/**
 * Prompts agent frameworks keep in YAML by convention, read without the code that loads them:
 * - prompt files named for prompts (`planner_prompt.yaml`, `code_generator_prompt_cli_only.yaml`,
 *   `prompt.yaml`) or kept in a prompts folder, holding instruction prose (TaskWeaver, smolagents, many
 *   apps' `prompts.yaml`);
 * - role definitions (`*.role.yaml`) whose `intro` the planner's system prompt quotes (TaskWeaver);
 * - few-shot conversations in an examples folder of a role (`planner_examples/*.yaml`: `rounds` of
 *   posts sent from one participant to another), rendered into the prompt as worked examples;
 * - a configuration's prompt key (`prompt:`, `system_prompt:`) holding several lines of prose (`path#key`);
 * - a training recipe's `chat_template` (axolotl's `chat_template_jinja`) that writes a default system message (TRL, alignment-handbook,
 *   axolotl recipes): the tokenizer injects it into every conversation (`path#chat_template`).
 * - the Jinja templates a Prompt flow's `llm` and `prompt` nodes render (`flow.dag.yaml`).
 * Each is one prompt with a content hash. Bare role-tag templates, short values and data are not.
 */

/** `planner_prompt.yaml`, `prompt.yaml`, `prompts.yml`, `code_generator_prompt_cli_only.yaml`. */
const PROMPT_NAMED_YAML = /(?:^|[_.-])prompts?(?:[_.-][\w.-]*)?\.ya?ml$/;
const PROMPT_NAMED_JSON = /(?:^|\/|[_-])prompts?\.json$/;
/** UI strings of a translation are no prompts, whatever their file is called. */
const LOCALE_FOLDER = /(?:^|\/)(?:locales?|i18n|l10n|lang|translations?|messages)\//;
/** A folder of prompts (`src/smolagents/prompts/code_agent.yaml`): its YAML files are prompts when they hold prose. */
const PROMPT_FOLDER = /^(?:prompts?|prompt[_-]templates)$/;
/** A role's folder of worked examples (`planner_examples`, `code_generator_examples`), or a few-shot folder. */
const EXAMPLES_FOLDER = /^(?:[\w-]+[_-]examples|few[_-]?shots?)$/;
/** GitHub Models files (`x.prompt.yml`) and workflows are read by their own collectors. */
const OWN_COLLECTOR = /\.prompt\.ya?ml$|(?:^|\/)\.github\/workflows\//;

export type FrameworkYaml = 'prompt-file' | 'role' | 'examples' | 'plugin' | 'flow';

/** What a YAML path is to an agent framework, by its name and folder alone. */
export function frameworkYamlOf(path: string): FrameworkYaml | undefined {
  const lower = path.toLowerCase();
  // A JSON file named for prompts (`configs/prompts.json`: benchmark or agent prompts by name), outside translations.
  if (lower.endsWith('.json')) return PROMPT_NAMED_JSON.test(lower) && !LOCALE_FOLDER.test(lower) ? 'prompt-file' : undefined;
  if (!/\.ya?ml$/.test(lower) || OWN_COLLECTOR.test(lower)) return undefined;
  const parts = lower.split('/');
  const base = parts[parts.length - 1] ?? '';
  if (/\.role\.ya?ml$/.test(base)) return 'role';
  if (/^flow\.dag\.ya?ml$/.test(base)) return 'flow';
  const folder = parts[parts.length - 2] ?? '';
  if (PROMPT_NAMED_YAML.test(base) || PROMPT_FOLDER.test(folder)) return 'prompt-file';
  if (folder === 'plugins') return 'plugin';
  return EXAMPLES_FOLDER.test(folder) ? 'examples' : undefined;
}

/** Whether a YAML file not named by a framework convention may hold a configuration's prompt or a chat template. */
export function mayHoldConfigPrompts(path: string): boolean {
  return !OWN_COLLECTOR.test(path.toLowerCase());
}

/** Literals without which a YAML file has no prompt key or chat template to read. */
export const FRAMEWORK_PROMPT_LITERALS = ['prompt:', 'chat_template', 'prompt":'];

/** Prose long enough to be instructions, not a label: several words over more than one line, or a long sentence. */
const MIN_PROSE_WORDS = 12;

function isProse(value: string | undefined, minWords = MIN_PROSE_WORDS): value is string {
  if (!value || value.length < minWords * 4) return false;
  const words = value.match(/[A-Za-z][a-z'’-]+/g)?.length ?? 0;
  return words >= minWords && isNaturalLanguage(value);
}

/** A default system message is often one sentence (`You are a helpful AI assistant named SmolLM, trained by Hugging Face`). */
const MIN_SYSTEM_WORDS = 7;

export function collectFrameworkPrompts(path: string, text: string, file: FrameworkYaml | undefined): PartialComponent[] {
  const json = path.toLowerCase().endsWith('.json');
  const document = configDocumentFor(text, json ? 'json' : 'yaml');
  const root = document.root;
  if (root?.kind !== 'object') return [];
  if (json && file === undefined) return appConfigPrompts(path, root);
  switch (file) {
    case 'prompt-file':
      return hasProse(root, 0) ? [promptOf(path, text, 'template', path)] : [];
    case 'role':
      // The planner's prompt quotes every role's intro, however short (`Echo is responsible for echoing the user input.`).
      return isNaturalLanguage(root.get('intro')?.string ?? '') ? [promptOf(path, text, 'role', path)] : [];
    case 'examples':
      return isConversation(root) ? [promptOf(path, text, 'few-shot', path)] : [];
    case 'plugin':
      return pluginOf(path, root);
    case 'flow':
      return flowTemplates(path, root);
    default:
      return [
        ...configPrompts(path, root),
        ...chatTemplate(path, root),
        ...document.documents.flatMap((doc) => configMapTemplates(path, doc)),
      ];
  }
}

/** Any string of the document (three levels deep) that reads as instructions. */
function hasProse(node: ConfigNode, depth: number): boolean {
  if (node.kind === 'string') return isProse(node.string);
  if (depth >= 3) return false;
  const children = node.kind === 'object' ? node.entries().map(([, child]) => child) : node.kind === 'array' ? node.items() : [];
  return children.some((child) => hasProse(child, depth + 1));
}

/**
 * A worked conversation: `rounds` whose posts are sent from one participant to another (TaskWeaver's
 * `post_list` with `send_from`/`send_to`), or `messages`/`examples` with `role` and `content`.
 */
function isConversation(root: ConfigNode): boolean {
  const posts =
    root
      .get('rounds')
      ?.items()
      .flatMap((round) => round.get('post_list')?.items() ?? []) ?? [];
  if (posts.some((post) => post.get('send_from')?.string && post.get('send_to')?.string && post.get('message') !== undefined)) return true;
  const messages = [...(root.get('messages')?.items() ?? []), ...(root.get('examples')?.items() ?? [])];
  return messages.some((message) => message.get('role')?.string && message.get('content')?.string);
}

/** Keys that hold a prompt in a configuration (`prompt`, `system_prompt`, `instruction_template`). */
const PROMPT_KEY = /^(?:\w+_)?(?:prompt|system_message|system_instructions?|instructions?_template)(?:_template)?$/i;

/** `prompt: |-` holding several lines of instructions, at the top or one level down (`agent: {system_prompt: …}`). */
function configPrompts(path: string, root: ConfigNode): PartialComponent[] {
  const components: PartialComponent[] = [];
  const visit = (node: ConfigNode, prefix: string, depth: number) => {
    for (const [key, child] of node.entries()) {
      if (child.kind === 'object' && depth === 0) visit(child, `${prefix}${key}.`, depth + 1);
      if (!PROMPT_KEY.test(key) || !isConfigPrompt(key, child.string)) continue;
      const value = child.string ?? '';
      components.push(promptOf(path, value, 'config', `${path}#${prefix}${key}`, child.range.start.line + 1));
    }
  };
  visit(root, '', 0);
  return components;
}

/**
 * An app's JSON configuration keeps its editable prompts in a `prompts` object (`config/default.json`:
 * `{"prompts": {"answering_system_prompt": "## On your profile…", "post_answering_prompt": "You help fact checking…"}}`,
 * loaded as the defaults an admin page edits): each prompt-named key holding prose, as `path#prompts.key`. Other JSON
 * (package manifests, data records, translations) has no `prompts` object of prompt-named prose keys.
 */
function appConfigPrompts(path: string, root: ConfigNode): PartialComponent[] {
  const prompts = root.get('prompts');
  if (prompts?.kind !== 'object' || LOCALE_FOLDER.test(path.toLowerCase())) return [];
  const components: PartialComponent[] = [];
  for (const [key, child] of prompts.entries()) {
    if (!PROMPT_KEY.test(key) || !isConfigPrompt(key, child.string)) continue;
    components.push(promptOf(path, child.string ?? '', 'config', `${path}#prompts.${key}`, child.range.start.line + 1));
  }
  return components;
}

/** Whether a JSON file may be an app configuration with prompts (`"prompts": {` and a prompt-named key). */
export function mayHoldJsonConfigPrompts(text: string): boolean {
  return /"prompts"\s*:\s*\{/.test(text);
}

/**
 * A generic prompt key needs several lines of prose (`prompt: |-` instructions, not `prompt: Enter your name`);
 * a system message is often one sentence (`system_prompt: "You are a helpful AI Assistant that provides…"`
 * in a GRPO recipe, axolotl's `default_system_message`).
 */
function isConfigPrompt(key: string, value: string | undefined): boolean {
  if (/system/i.test(key)) return isProse(value, MIN_SYSTEM_WORDS);
  return !!value?.includes('\n') && isProse(value);
}

/** Jinja statements and comments, and the messages of `raise_exception(…)` (errors, never sent to the model). */
const JINJA_NOISE = /\{#[\s\S]*?#\}|raise_exception\(\s*(["'])(?:\\.|(?!\1).)*\1\s*\)/g;
/** A string literal inside a template's expressions. */
const TEMPLATE_STRING = /(["'])((?:\\.|(?!\1)[^\\])*)\1/g;

/**
 * A chat template that writes a default system message (`{{ '<|im_start|>system\nYou are a helpful AI
 * assistant named SmolLM…' }}`): a string of its expressions, or its text outside tags, reads as prose
 * once special tokens and escapes are removed. A template that only wraps roles in tags writes none.
 */
function chatTemplate(path: string, root: ConfigNode): PartialComponent[] {
  const key = root.get('chat_template')?.string ? 'chat_template' : 'chat_template_jinja';
  return templateWithSystemMessage(path, key, root.get(key));
}

/**
 * A Kubernetes ConfigMap of chat templates mounted for a model server (`data: {tool_chat_template_llama3.1_json.jinja:
 * "…"}` given to vLLM's `--chat-template`): each Jinja entry named for a chat template that writes a default system
 * message, as `path#<entry>`.
 */
function configMapTemplates(path: string, root: ConfigNode): PartialComponent[] {
  if (root.kind !== 'object' || root.get('kind')?.string !== 'ConfigMap') return [];
  const data = root.get('data');
  if (data?.kind !== 'object') return [];
  return data
    .entries()
    .filter(([key]) => /chat_template.*\.jinja$/i.test(key))
    .flatMap(([key, node]) => templateWithSystemMessage(path, key, node));
}

function templateWithSystemMessage(path: string, key: string, node: ConfigNode | undefined): PartialComponent[] {
  const template = node?.string;
  if (node === undefined || template === undefined || !template.includes('{%')) return [];
  const cleaned = template.replace(JINJA_NOISE, ' ');
  const outside = cleaned.replace(/\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g, ' ');
  const literals = [...cleaned.matchAll(TEMPLATE_STRING)].map((match) => match[2] ?? '');
  const prose = [outside, ...literals].some((part) =>
    isProse(part.replace(/<\|[^|]*\|>|<\/?[a-z_]+>|\\n|\\t/gi, ' ').replace(/\s+/g, ' '), MIN_SYSTEM_WORDS),
  );
  return prose ? [promptOf(path, template, 'chat-template', `${path}#${key}`, node.range.start.line + 1)] : [];
}

/**
 * A TaskWeaver plugin (`plugins/<name>.yaml` beside `<name>.py` with `@register_plugin`): its `name`
 * (the file's), `description`, `parameters` and `returns` are rendered into the code generator's prompt,
 * and the model calls it as a function. Other YAML of a `plugins/` folder lacks that shape.
 */
function pluginOf(path: string, root: ConfigNode): PartialComponent[] {
  const name = root.get('name');
  const stem = path.slice(path.lastIndexOf('/') + 1).replace(/\.ya?ml$/i, '');
  if (name?.string !== stem || !root.get('description')?.string) return [];
  if (root.get('parameters')?.kind !== 'array' || root.get('returns')?.kind !== 'array') return [];
  const properties: Property[] = [property('plugin:type', 'taskweaver-plugin')];
  if (root.get('enabled')?.value === false) properties.push(property('plugin:enabled', 'false'));
  return [
    {
      ref: `plugin:taskweaver/${stem}`,
      kind: 'plugin',
      name: stem,
      occurrences: [{ path, line: name.range.start.line + 1, evidence: 'config', symbol: stem }],
      properties,
      dependsOn: [],
    },
  ];
}

/**
 * Prompt flow (`flow.dag.yaml`): each `llm` or `prompt` node renders the Jinja template of its
 * `source.path`, relative to the flow's folder. A reference the merge keeps when the file exists.
 */
function flowTemplates(path: string, root: ConfigNode): PartialComponent[] {
  const folder = path.slice(0, path.lastIndexOf('/') + 1);
  const components: PartialComponent[] = [];
  for (const node of root.get('nodes')?.items() ?? []) {
    const type = node.get('type')?.string;
    const source = node.get(['source', 'path']);
    const written = source?.string;
    if ((type !== 'llm' && type !== 'prompt') || !source || !written || /^[a-z]+:|^\/|\.\./i.test(written)) continue;
    const line = source.range.start.line + 1;
    components.push({
      ref: `prompt-file:${path}:${line}:${written}`,
      kind: 'prompt',
      name: written,
      occurrences: [{ path, line, evidence: 'config', symbol: node.get('name')?.string ?? written }],
      properties: [],
      dependsOn: [],
      promptFile: { candidates: [`${folder}${written.replace(/^\.\//, '')}`] },
    });
  }
  return components;
}

function promptOf(path: string, text: string, type: string, name: string, line?: number): PartialComponent {
  const properties: Property[] = [property('prompt:type', type)];
  return {
    ref: `prompt:${name}`,
    kind: 'prompt',
    name,
    sha256: createHash('sha256').update(text).digest('hex'),
    occurrences: [line ? { path, line, evidence: 'config', symbol: name.slice(name.indexOf('#') + 1) } : { path, evidence: 'file' }],
    properties,
    dependsOn: [],
  };
}
