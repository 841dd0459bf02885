import modelsData from '../data/models.json';
import type { CodeFacts } from '../facts';
import { type HubIdEvidence, hubIdEvidence, hubIdKind, isSaveSetting } from '../facts/hubIds';
import { namedStringAssignments, type ScriptDefault, scriptDefaults } from '../facts/scriptDefaults';
import { descendantsOf } from '../parse/nodeIndex';
import type { Node } from '../parse/treeSitter';
import type { CodeSite } from './codeImports';
import { modelComponent } from './components';
import { escapeRegExp } from './manifestText';
import { isLegacyHubModel, isNotModelWord, isOllamaModelName, LEGACY_HUB_MODELS, mentionsOllama, strongModelId } from './modelSettings';

import { isModelIdShape } from './models';
import type { Occurrence, PartialComponent } from './types';

/**
 * Models a training or evaluation script is run with by default: argparse / click / typer options
 * (`add_argument("--model", default="Qwen/Qwen2.5-0.5B-Instruct")`) and fields of argument classes
 * (`model_name_or_path: str = field(default="…")`), through the script-defaults helper the dataset
 * collector uses too.
 *
 * The setting's name must say model (`model`, `model_id`, `model_name_or_path`, `base_model`,
 * `reward_model`, `teacher_model_name`; not an output folder) and the default must be a Hub
 * repository id with its namespace (`org/name`, not a local folder or a placeholder: AIP105's
 * decision, with the folders the script itself writes) or a hosted provider's model id (`gpt-4o`).
 */
export function collectScriptModels(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'python') return [];
  const evidence = hubIdEvidence(facts, site.project);
  const components: PartialComponent[] = [];
  for (const setting of scriptDefaults(facts.python)) {
    const named = isModelSettingName(setting.name);
    if (!named && !isModelPartSettingName(setting.name)) continue;
    const value = facts.valueOf(setting.value)?.trim();
    const row = setting.value?.startPosition.row ?? setting.row;
    const occurrence = { path: site.path, line: site.line(row), evidence: 'config' as const, symbol: setting.name };
    const model = !value
      ? undefined
      : named
        ? modelOfScriptSetting(value, evidence, () => mentionsOllama(facts.text), occurrence)
        : hubRepositoryModel(value, evidence, occurrence);
    if (model) components.push(model);
    if (named) components.push(...choiceModels(site, facts, setting, evidence));
  }
  // `GROOT_BASE_MODEL = "nvidia/GR00T-N1.7-3B"`, `vlm_name = "Qwen/…"`: a variable of an AI module named for a model or a part of one.
  for (const { name, value } of namedStringAssignments(facts)) {
    if (!isModelSettingName(name) && !isModelPartSettingName(name)) continue;
    const written = facts.valueOf(value)?.trim();
    const occurrence = { path: site.path, line: site.line(value.startPosition.row), evidence: 'config' as const, symbol: name };
    const model = written ? hubRepositoryModel(written, evidence, occurrence) : undefined;
    if (model) components.push(model);
  }
  return components;
}

/** A Hub repository with its namespace that is no folder of the workspace: the model a setting names. */
function hubRepositoryModel(value: string, evidence: HubIdEvidence, occurrence: Occurrence): PartialComponent | undefined {
  // A gateway route (`google/gemini-2.5-flash`) is a hosted model the settings readers name; not a Hub repository.
  return value.includes('/') && isModelIdShape(value) && !strongModelId(value) && hubIdKind(value, evidence) === 'hub'
    ? modelComponent(value, 'huggingface', occurrence)
    : undefined;
}

/**
 * Settings named for a part of a model a run loads from the Hub (`tokenizer_name`, `vlm_base`,
 * `jepa_encoder_name`, `pretrained_name_or_path`, `text_backbone`): only a Hub id with its namespace
 * counts there (`hubRepositoryModel`), never a bare name or a folder.
 */
function isModelPartSettingName(name: string): boolean {
  return isSettingNamedFor(name, MODEL_PART_WORDS);
}

const MODEL_PART_WORDS = new Set([
  'tokenizer',
  'vlm',
  'llm',
  'encoder',
  'decoder',
  'backbone',
  'checkpoint',
  'pretrained',
  'processor',
  'extractor',
  'embedder',
  'reranker',
  'vae',
  'teacher',
  'student',
]);

/**
 * The gate of files that may name one: a variable, field or parameter named for a model or a part of
 * one bound to an `org/name` string (`vlm_base: str = "Qwen/…"`, `GROOT_BASE_MODEL = "nvidia/…"`,
 * `tokenizer_name = field(default="…")`, `def from_pretrained(model_name = "unsloth/…")`).
 */
export const MODEL_PART_DEFAULT = new RegExp(
  `(?:^[ \\t]*|[(,][ \\t]*)\\w*(?:${['model', ...MODEL_PART_WORDS].join('|')})\\w*[ \\t]*(?::[^=\\n,)]{1,60})?=[ \\t]*(?:\\w*\\.?[Ff]ield\\(\\s*(?:default[ \\t]*=[ \\t]*)?)?["'][A-Za-z0-9][\\w.-]*\\/[\\w.-]+["']`,
  'im',
);

/**
 * The models a model option allows (`choices=["t5-small", "t5-base", "facebook/opt-125m"]`): each
 * decided like a default; a list that holds Hub ids with their namespace names Hub models, so its
 * one-segment Hub names (`t5-small`, `gpt2`) count too.
 */
function choiceModels(site: CodeSite, facts: CodeFacts, setting: ScriptDefault, evidence: HubIdEvidence): PartialComponent[] {
  const choices = (setting.choices ?? []).flatMap((node) => {
    const value = facts.valueOf(node)?.trim();
    return value ? [{ node, value }] : [];
  });
  const hubList = choices.some(({ value }) => value.includes('/') && hubIdKind(value, evidence) === 'hub');
  return choices.flatMap(({ node, value }) => {
    const occurrence = { path: site.path, line: site.line(node.startPosition.row), evidence: 'config' as const, symbol: setting.name };
    const model = modelOfScriptSetting(value, evidence, () => mentionsOllama(facts.text), occurrence);
    if (model) return [model];
    const bareHubName = hubList && !value.includes('/') && hubIdKind(value, evidence) === 'hub' && !isNotModelWord(value);
    return bareHubName ? [modelComponent(value, 'huggingface', occurrence)] : [];
  });
}

/**
 * The model a script setting named for a model is given (a default, or a launch command's option): a
 * hosted provider's id (`gpt-4o`), a Hub id with its namespace that is no local folder, or an Ollama
 * tag when the script talks to Ollama (`--model llama3:latest` beside "URL of the Ollama server").
 */
export function modelOfScriptSetting(
  value: string,
  evidence: HubIdEvidence,
  talksToOllama: () => boolean,
  occurrence: Occurrence,
): PartialComponent | undefined {
  const strong = strongModelId(value);
  if (strong && !value.includes('/')) return modelComponent(strong.id, strong.provider, occurrence);
  if (value.includes('/') && hubIdKind(value, evidence) === 'hub') return modelComponent(value, 'huggingface', occurrence);
  if (isOllamaModelName(value) && talksToOllama()) return modelComponent(value, 'ollama', occurrence);
  if (isLegacyHubModel(value)) return modelComponent(value, 'huggingface', occurrence);
  return undefined;
}

const LEGACY_HUB_SETTINGS = new Set(modelsData.settings.legacyHubSettings);

/** A quoted canonical Hub name (`'gpt2-xl'`): the gate of files that may give one to a loader or a setting. */
export const LEGACY_HUB_QUOTED = new RegExp(`["'](?:${[...LEGACY_HUB_MODELS].map(escapeRegExp).join('|')})["']`);

/**
 * Canonical Hub models without an owner, where the code says they are loaded: a module-level setting
 * named for a model or for the checkpoint a run starts from (`init_from = 'gpt2-xl'` in a nanoGPT
 * config), and the names a function checks or maps before handing its parameter to a Hub loader
 * (`assert model_type in {'gpt2', 'gpt2-medium'}` … `GPT2LMHeadModel.from_pretrained(model_type)`).
 */
export function collectLegacyHubModels(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'python' || !LEGACY_HUB_QUOTED.test(facts.text)) return [];
  const components: PartialComponent[] = [];
  const add = (node: Node, symbol: string) => {
    const value = facts.valueOf(node);
    if (value === undefined || !isLegacyHubModel(value)) return;
    components.push(
      modelComponent(value, 'huggingface', { path: site.path, line: site.line(node.startPosition.row), evidence: 'config', symbol }),
    );
  };
  for (const statement of facts.tree.rootNode.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : undefined;
    const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
    const right = assignment?.childForFieldName('right');
    if (left?.type === 'identifier' && right?.type === 'string' && (LEGACY_HUB_SETTINGS.has(left.text) || isModelSettingName(left.text)))
      add(right, left.text);
  }
  for (const call of facts.calls) {
    const load = facts.hubLoadOf(call);
    const id = load?.loads === 'model' ? load.idArg?.node : undefined;
    const fn = id?.type === 'identifier' ? enclosingFunction(call.node) : undefined;
    if (!id || !fn || !parameterNames(fn).has(id.text)) continue;
    for (const node of descendantsOf(fn, 'string', 'python')) if (node) add(node, call.callee);
  }
  return components;
}

function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'function_definition') return current;
  return undefined;
}

function parameterNames(fn: Node): Set<string> {
  const names = new Set<string>();
  for (const parameter of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    const name = parameter?.type === 'identifier' ? parameter : (parameter?.childForFieldName('name') ?? parameter?.namedChild(0));
    if (name?.type === 'identifier') names.add(name.text);
  }
  return names;
}

/** `model`, `model_name_or_path`, `base_model`, `reward_model_path`; not `model_output_dir` or `model_card`. */
export function isModelSettingName(name: string): boolean {
  return isSettingNamedFor(name, MODEL_WORD);
}

const MODEL_WORD: ReadonlySet<string> = new Set(['model']);

/** A snake_case name with one of `words` and none saying where it is written or what else it is. */
function isSettingNamedFor(name: string, words: ReadonlySet<string>): boolean {
  const parts = name.toLowerCase().split('_');
  if (!parts.some((part) => words.has(part)) || isSaveSetting(name)) return false;
  return !parts.some((part) => NOT_MODEL_WORDS.has(part));
}

/** Words that make a `model…` setting something else: where it is written, its card, its type or size. */
const NOT_MODEL_WORDS = new Set([
  // The machine's model (`gpu_model = "N/A"`), not a model the code runs.
  'gpu',
  'cpu',
  'device',
  'hardware',
  'output',
  'save',
  'dir',
  'card',
  'type',
  'class',
  'revision',
  'dtype',
  'max',
  'len',
  'length',
  'config',
  'kwargs',
  'init',
]);
