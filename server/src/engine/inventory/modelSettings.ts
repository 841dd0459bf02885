import * as posix from 'node:path/posix';
import modelsData from '../data/models.json';
import type { CodeFacts } from '../facts';
import { hubIdKind } from '../facts/hubIds';
import { type ConfigDocument, type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { descendantsOf } from '../parse/nodeIndex';
import type { Node } from '../parse/treeSitter';
import { isEnvTemplate } from '../secrets/envFiles';
import { isConventionalTestPath, isTestPath } from '../testCode';
import type { FileKind } from '../types';
import { fileKindOf } from '../workspace/fileKinds';
import {
  catalogProvider,
  isCatalogIdKey,
  isCatalogProviderKey,
  isModelEnvName,
  providerForEnvName,
  providerForModelId,
  splitRoute,
  withoutResourcePrefix,
} from './catalog';
import type { CodeSite } from './codeImports';
import { modelComponent, property } from './components';
import { isPromptfooConfig } from './declaredPrompts';
import { isEvalScript } from './evalDataFiles';
import { isModelIdShape } from './models';
import { writtenFile } from './notebookFiles';
import type { Occurrence, PartialComponent, Property } from './types';

/**
 * Models named by settings rather than at a call: defaults of environment reads
 * (`os.getenv("CHAT_MODEL", "gpt-4o")`, `process.env.MODEL ?? "gpt-4o"`, C# `config["OpenAI:Model"] ??
 * "gpt-4o"`, Java `@Value("${openai.model:gpt-4o}")`), settings fields (`chat_model: str = "gpt-4o"`,
 * `Field(default="…")`), configuration files (`appsettings.json`, Spring `application.yml` /
 * `.properties`, YAML/TOML app configs, `.env` files) and promptfoo provider ids.
 *
 * One decision (`modelOfSetting`) for all of them: the setting's name must say model or deployment
 * (`env.names` in models.json, written in any case), and its value must be shaped like a model id.
 */

const settings = modelsData.settings;
const BARE_FAMILIES = new RegExp(settings.bareFamilies);
const NOT_MODELS = new Set(settings.notModels);
const OPEN_WEIGHTS = new RegExp(settings.openWeights, 'i');
const HUB_KEYS = new RegExp(settings.hubKeys);
/** Words that name no model (`default`, `model`, `tgi`: a TGI endpoint ignores the model it is sent). */
export function isNotModelWord(id: string): boolean {
  return NOT_MODELS.has(id.trim().toLowerCase());
}
/** Role words that are real Azure deployment names (`chat`, `embedding`), though never model ids. */
const DEPLOYMENT_WORDS = new Set(['chat', 'completion', 'completions', 'embedding', 'embeddings', 'text']);

export interface SettingModel {
  id: string;
  provider?: string;
  route?: string;
  deployment: boolean;
  /**
   * True when the id's shape names a provider (`gpt-…`, `claude-…`, a Bedrock id) or the setting's
   * name does (`AZURE_OPENAI_DEPLOYMENT`): evidence enough in a file that imports no AI package.
   */
  strong: boolean;
}

/**
 * `chatDeploymentName`, `ChatDeploymentName`, `chat-deployment-name` → `CHAT_DEPLOYMENT_NAME`, so the
 * `.env` name pattern decides for every spelling. `OpenAI` stays one word (`AzureOpenAI`, `openAiDeployment` → `AZURE_OPENAI`, `OPENAI_DEPLOYMENT`).
 */
export function settingKey(name: string): string {
  return name
    .replace(/[Oo]pen[Aa][Ii]/g, 'Openai')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** The provider the setting's own name or an enclosing section implies (`AzureOpenAI: { DeploymentName }`). */
function providerOfPath(path: readonly string[]): string | undefined {
  for (let start = 0; start < path.length; start++) {
    const provider = providerForEnvName(settingKey(path.slice(start).join('_')));
    if (provider) return provider;
  }
  return undefined;
}

/**
 * The model a setting names, or undefined. `path` is the setting's name with its enclosing sections
 * first (`["AzureOpenAI", "ChatDeploymentName"]`, `["spring", "ai", "openai", "chat", "options", "model"]`).
 */
export function modelOfSetting(path: readonly string[], raw: string): SettingModel | undefined {
  const name = path[path.length - 1];
  const key = name === undefined ? '' : settingKey(name);
  if (!isModelEnvName(key)) return undefined;
  const value = raw.trim();
  const lower = value.toLowerCase();
  const deployment = key.includes('DEPLOYMENT');
  if (!isModelIdShape(value) || NOT_MODELS.has(lower) || (!deployment && DEPLOYMENT_WORDS.has(lower))) return undefined;
  const openRouter = openRouterModel(value);
  if (openRouter) return { ...openRouter, deployment, strong: true };
  const hub = hubIdKind(value);
  const shape = providerForModelId(value);
  // `hf.co/bartowski/…-GGUF:Q4_K_M` and `@cf/meta/llama-3.1-8b-instruct` have two slashes, yet they
  // are an Ollama and a Workers AI model, not folders.
  if (hub === 'placeholder' || (hub === 'local' && (shape === undefined || shape === 'huggingface'))) return undefined;
  // `defaultModel: "bedrock:eu.anthropic.claude-…"`: a promptfoo provider id as a setting's value.
  const prefixed = promptfooModel(value);
  if (prefixed?.strong) return { ...prefixed, deployment: deployment || prefixed.deployment };
  // A deployment of an OpenAI model is an Azure OpenAI deployment (`openAiDeploymentName`).
  const byName = providerOfPath(path);
  const named = deployment && byName === 'openai' ? 'azure-openai' : byName;
  const strong = shape !== undefined && shape !== 'huggingface' && shape !== 'ollama';
  if (strong) return { id: value, provider: strongProvider(shape, named, deployment), deployment, strong };
  const route = splitRoute(value);
  if (route) {
    // `openai/gpt-4o` through a gateway; `anthropic/fake-model` names no model and no Hub repository.
    const routed = providerForModelId(route.id);
    // `google/gemma-3-12b-it` is a Hub repository (a family with open weights), not a gateway id.
    const known = routed !== undefined && routed !== 'huggingface' && !OPEN_WEIGHTS.test(route.id);
    if (known) return { id: route.id, provider: route.provider, route: value, deployment, strong: true };
    if (routed === undefined || routed === 'huggingface') return undefined;
  }
  if (TEST_NAMES.test(value)) return undefined;
  // Hub ids, `name:tag` and bare local families (`phi3`) are model ids by shape; a deployment's name
  // is whatever its owner chose (`AZURE_OPENAI_DEPLOYMENT=chat`).
  if (shape || BARE_FAMILIES.test(lower) || deployment)
    return { id: value, provider: named ?? shape, deployment, strong: named !== undefined };
  return undefined;
}

/**
 * OpenRouter names every model `vendor/model` (`openrouter/meta-llama/llama-3.3-70b-instruct`): its
 * prefix says model, though the rest has a Hub repository's shape and the whole a folder's.
 */
function openRouterModel(value: string): { id: string; provider: string; route: string } | undefined {
  const route = splitRoute(value);
  if (route?.provider !== 'openrouter' || hubIdKind(route.id) !== 'hub' || TEST_NAMES.test(route.id)) return undefined;
  return { id: route.id, provider: route.provider, route: value };
}

/** Ollama tags that say model: a size, a quantization, a variant (`7b`, `q4_K_M`, `instruct`, `latest`). */
const OLLAMA_TAG =
  /^(?:latest|instruct|chat|text|code|vision|embed|\d+(?:\.\d+)?[bBmMkK](?:[-_][\w.-]+)?|(?:[\w.]+[-_])?(?:q\d|fp16|bf16|it|instruct|chat)[\w.-]*)$/;

/**
 * An Ollama model name: a local family alone or with any tag (`phi3`, `mistral-nemo`, `qwen2.5:7b`), or
 * `name:tag` whose tag is one a model has (`llama3:latest`, `foo:7b-instruct`). `redis:7`,
 * `python:3.11` and `localhost:8000` are not: their tags are versions and ports.
 */
export function isOllamaModelName(raw: string): boolean {
  const value = raw.trim();
  if (!isModelIdShape(value) || NOT_MODELS.has(value.toLowerCase()) || value.includes('/')) return false;
  if (BARE_FAMILIES.test(value.toLowerCase())) return true;
  const colon = value.indexOf(':');
  return colon > 0 && /^[a-z0-9][\w.-]*:[\w.-]+$/.test(value) && OLLAMA_TAG.test(value.slice(colon + 1));
}

/** A file that names Ollama (`OllamaClient`, `OLLAMA_MODEL`, "the Ollama server"): `name:tag` settings there are Ollama models. */
export function mentionsOllama(text: string): boolean {
  return /ollama/i.test(text);
}

/**
 * A model id by a hosted provider's pattern (`claude-…`, `gpt-…`, a Bedrock id) or a gateway id of
 * one (`anthropic/claude-sonnet-4.5`, `xai/grok-4`): evidence enough wherever a name says model.
 * Hub ids, `name:tag` and bare families are not (they name folders, datasets and images as often).
 */
export function strongModelId(raw: string): { id: string; provider: string; route?: string } | undefined {
  const value = raw.trim();
  if (!isModelIdShape(value) || NOT_MODELS.has(value.toLowerCase()) || TEST_NAMES.test(value)) return undefined;
  const shape = providerForModelId(value);
  if (shape !== undefined && shape !== 'huggingface' && shape !== 'ollama') return { id: value, provider: shape };
  // A Hub model known by its short name (`bge-reranker-v2-m3`): no folder is written without a slash like that.
  if (shape === 'huggingface' && !value.includes('/')) return { id: value, provider: shape };
  const route = splitRoute(value);
  const routed = route ? providerForModelId(route.id) : undefined;
  // `google/gemma-2-2b-it`, `openai/gpt-oss-20b` are Hub repositories: only hosted-only families route.
  if (route && routed !== undefined && routed !== 'huggingface' && routed !== 'ollama' && !OPEN_WEIGHTS.test(route.id))
    return { id: route.id, provider: route.provider, route: value };
  return undefined;
}

/** JSON Schema keywords whose values describe what a value may be (a type's `enum` of every known model), not a setting. */
const SCHEMA_KEYWORDS = new Set(['enum', 'examples', 'anyOf', 'oneOf']);

/**
 * A `provider:model` string as LangChain's `init_chat_model`/`init_embeddings`, LangGraph's store and
 * pydantic-ai take it (`openai:text-embedding-3-small`, `anthropic:claude-sonnet-4-5`,
 * `ollama:llama3.1:8b`), read by the same prefixes as promptfoo's (`promptfooModel`). Outside a
 * providers list the id must also be one by shape, a Hub id, or an Ollama tag: `openai:beta` is none.
 */
export function providerQualifiedModel(raw: string): SettingModel | undefined {
  const found = promptfooModel(raw);
  if (!found) return undefined;
  const { id, provider } = found;
  const byShape = found.strong || (id.includes('/') && hubIdKind(id) === 'hub') || (provider === 'ollama' && isOllamaModelName(id));
  return byShape ? { ...found, strong: true } : undefined;
}

/** Providers that serve other providers' models: their name wins over the id's shape. */
const HOSTING_PROVIDERS = new Set([
  'azure-openai',
  'azure-ai',
  'aws-bedrock',
  'google',
  'ollama',
  'groq',
  'together',
  'openrouter',
  'litellm',
  'vllm',
  'docker-model-runner',
  'foundry-local',
]);

/**
 * `AZURE_OPENAI_MODEL=gpt-4o` is an Azure OpenAI deployment and `BEDROCK_MODEL=anthropic.claude-…`
 * a Bedrock model, but `OPENAI_AGENTS_ANTHROPIC_MODEL=claude-…` is Anthropic's: a setting's name
 * decides only for a provider that hosts other models.
 */
function strongProvider(shape: string | undefined, named: string | undefined, deployment: boolean): string | undefined {
  if (named && HOSTING_PROVIDERS.has(named)) return named;
  return deployment && shape === 'openai' ? 'azure-openai' : shape;
}

/**
 * The model of a model catalog's entry, whose provider the entry names (`{ "id": "llama3.1", "providerId":
 * "ollama" }`): the provider's word makes any id shape a model (`llama3-8b-8192` on Groq,
 * `accounts/fireworks/models/…`), but never a word, a placeholder, a test double or a folder.
 */
export function catalogEntryModel(raw: string, provider: string): SettingModel | undefined {
  const value = raw.trim();
  if (!isModelIdShape(value) || NOT_MODELS.has(value.toLowerCase()) || TEST_NAMES.test(value)) return undefined;
  const openRouter = openRouterModel(value);
  if (openRouter) return { ...openRouter, deployment: false, strong: true };
  const hub = hubIdKind(value);
  const shape = providerForModelId(value);
  if (hub === 'placeholder' || (hub === 'local' && (shape === undefined || shape === 'huggingface'))) return undefined;
  // A gateway route (`anthropic/claude-sonnet-4.5` in a Vercel AI Gateway picker) is read as everywhere else.
  const routed = strongModelId(value);
  if (routed?.route) return { ...routed, deployment: false, strong: true };
  // The Gemini API's resource name (`models/gemini-2.0-flash`) names the model after its prefix.
  return { id: withoutResourcePrefix(value), provider, deployment: false, strong: true };
}

/** Test doubles: `fake-model`, `mock-llm`, `litellm/test`. */
const TEST_NAMES = /(?:^|[-_/.])(?:test|fake|mock|dummy|stub)(?:[-_.]|$)/i;

/** `dummy`, `fake-model`, `mock_llm`: a test double's name, never a model. */
export function isTestDoubleName(id: string): boolean {
  return TEST_NAMES.test(id);
}

export function settingComponent(model: SettingModel, occurrence: Occurrence): PartialComponent {
  const extra: Property[] = [];
  if (model.deployment) extra.push(property('model:deployment', 'true'));
  if (model.route) extra.push(property('model:route', model.route));
  return modelComponent(model.id, model.provider, occurrence, extra);
}

/**
 * `${openai.model:gpt-4o}` (Spring), `${MODEL:-gpt-4o}` (shell, Compose), `${MODEL=gpt-4o}` (azd),
 * `${env:AZURE_OPENAI_DEPLOYMENT:gpt-4}` (Prompty), and a
 * GitHub Actions expression's fallback (`${{ vars.GH_AW_MODEL_AGENT_COPILOT || 'claude-sonnet-4.6' }}`,
 * as agentic workflows set the agent's model): the name and its default.
 */
function placeholderDefault(value: string): { name: string; value: string } | undefined {
  // Prompty's `${env:AZURE_OPENAI_DEPLOYMENT:gpt-4}`: the variable, then its default.
  const prompty = /^\$\{env:([A-Za-z_]\w*):([^}]+)\}$/.exec(value.trim());
  if (prompty) return { name: prompty[1], value: prompty[2] };
  const match = /^\$\{([A-Za-z_][\w.-]*)(?::-?|=)([^}]+)\}$/.exec(value.trim());
  if (match) return { name: match[1], value: match[2] };
  const fallback = /^\$\{\{\s*(?:[A-Za-z_][\w.]*\s*\|\|\s*)*?(?:vars|env|inputs)\.([A-Za-z_]\w*)\s*\|\|\s*'([^'\s]+)'\s*\}\}$/.exec(
    value.trim(),
  );
  return fallback ? { name: fallback[1], value: fallback[2] } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Configuration files

const CONFIG_FORMATS: Partial<Record<FileKind, 'json' | 'yaml' | 'toml'>> = { json: 'json', yaml: 'yaml', toml: 'toml' };
/** Deep trees (lockfiles are read elsewhere, but big generated JSON is not) stop here. */
const MAX_NODES = 20_000;

/** Models in a JSON, YAML or TOML document (through the shared config document) or a `.properties` file. */
export function collectConfigModels(path: string, text: string, kind: FileKind, basename: string): PartialComponent[] {
  if (kind === 'text') return /\.properties$/i.test(basename) ? collectPropertiesModels(path, text) : [];
  const format = CONFIG_FORMATS[kind];
  if (!format) return [];
  const document = configDocumentFor(text, format);
  const components: PartialComponent[] = [];
  for (const root of document.documents) components.push(...walkDocument(path, document, root));
  // A test's configuration sets made-up values (`baseModel: llama3` in a Helm unit test): only ids a
  // provider's pattern recognises count there.
  return isConventionalTestPath(path) ? components.filter(isStrongSetting) : components;
}

export const WRITEFILE_LITERAL = '%%writefile';
/** Configuration files a notebook cell writes (`%%writefile config.yaml`) that the notebook then runs with. */
const WRITTEN_CONFIG = /\.(?:ya?ml|json|toml)$/;

/**
 * Models in a configuration file a notebook cell writes (`%%writefile custom_config.yaml` then
 * `task_model: openrouter/meta-llama/llama-3.3-70b-instruct`): read as that file would be, with the
 * cell's lines. `line` maps a row of the cell to the notebook's line.
 */
export function collectWrittenConfigModels(path: string, cellText: string, line: (row: number) => number): PartialComponent[] {
  const written = writtenFile(cellText);
  const kind = written && WRITTEN_CONFIG.test(written.target) ? fileKindOf(written.target) : undefined;
  if (!written || !kind) return [];
  return collectConfigModels(path, written.body, kind, posix.basename(written.target)).map((component) => ({
    ...component,
    occurrences: component.occurrences.map((occurrence) => ({ ...occurrence, line: line((occurrence.line ?? 1) - 1) })),
  }));
}

function isStrongSetting(component: PartialComponent): boolean {
  return component.kind !== 'model' || strongModelId(component.name) !== undefined;
}

function walkDocument(path: string, document: ConfigDocument, root: ConfigNode): PartialComponent[] {
  const components: PartialComponent[] = [];
  const stack: { node: ConfigNode; keys: string[] }[] = [{ node: root, keys: [] }];
  let visited = 0;
  while (stack.length > 0 && visited++ < MAX_NODES) {
    const { node, keys } = stack.pop() as { node: ConfigNode; keys: string[] };
    const line = () => document.lines.positionAt(node.start).line + 1;
    const catalog = node.kind === 'string' ? catalogModelOf(path, node) : undefined;
    const qualified =
      node.kind === 'string' && !keys.some((key) => SCHEMA_KEYWORDS.has(key)) ? providerQualifiedModel(node.string ?? '') : undefined;
    if (catalog) {
      components.push(settingComponent(catalog, { path, line: line(), evidence: 'config', symbol: keys.join('.') }));
    } else if (node.kind === 'string' && (isPromptfooProviderItem(node) || isPromptfooGrader(path, node))) {
      const found = promptfooModel(node.string ?? '');
      // In a `providers` list the prefix is the evidence: `azureopenai:chat:my-deployment` is a model too.
      if (found) components.push(settingComponent(found, { path, line: line(), evidence: 'config', symbol: 'providers' }));
    } else if (node.kind === 'string' && isModelsListItem(node)) {
      // `models: [{id: gpt-4o}]`, `models: [gpt-4o]` (a gateway's or router's provider config): the list says model.
      const found = strongModelId(node.string ?? '');
      if (found)
        components.push(
          settingComponent(
            { ...found, deployment: false, strong: true },
            { path, line: line(), evidence: 'config', symbol: keys.join('.') },
          ),
        );
    } else if (node.kind === 'string' && isHubRepositorySetting(node)) {
      // `tokenizer_name_or_path: HuggingFaceTB/cosmo2-tokenizer` in a training config: a Hub repository, never a folder.
      const id = node.string ?? '';
      const component = modelComponent(id, 'huggingface', { path, line: line(), evidence: 'config', symbol: keys.join('.') });
      // A pushed model's repository is `<user>/<id>`: no canonical Hub package has the bare name.
      if (!id.includes('/')) delete component.purl;
      components.push(component);
    } else if (qualified) {
      // `embed: "openai:text-embedding-3-small"` (LangGraph's store, `init_chat_model` strings): the prefix names the provider.
      components.push(settingComponent(qualified, { path, line: line(), evidence: 'config', symbol: keys.join('.') }));
    } else if (node.kind === 'string' && typeof node.key === 'string' && !isLabel(node)) {
      const found = azureDeployed(node, stringSetting(settingPath(node, keys), node.string ?? ''));
      if (found) components.push(settingComponent(found, { path, line: line(), evidence: 'config', symbol: keys.join('.') }));
    }
    for (const child of node.children) {
      const childKeys = typeof child.key === 'string' ? [...keys, child.key] : keys;
      stack.push({ node: child, keys: childKeys });
    }
  }
  return components;
}

/**
 * A training or evaluation config's Hub repository by its key (`description_tokenizer_name`,
 * `asr_model_name_or_path`, `hub_model_id`) and an `org/name` value; any other value under such a
 * key (a provider id, a folder) is left to the setting reader.
 */
function isHubRepositorySetting(node: ConfigNode): boolean {
  if (typeof node.key !== 'string' || !HUB_KEYS.test(node.key)) return false;
  const id = node.string ?? '';
  return (id.includes('/') ? hubIdKind(id) === 'hub' : pushedRepository(node, id)) && isModelIdShape(id) && !TEST_NAMES.test(id);
}

/**
 * `hub_model_id: OlympicCoder-32B` beside `push_to_hub: true` in a training recipe: the model the run
 * pushes under the user's own namespace, named without an owner. Without the push it may be a folder.
 */
/** Canonical Hub models without an owner (`gpt2`, `bert-base-uncased`, `t5-small`): `models.json` `legacyHubModels`. */
export const LEGACY_HUB_MODELS: ReadonlySet<string> = new Set(modelsData.settings.legacyHubModels);

export function isLegacyHubModel(value: string): boolean {
  return LEGACY_HUB_MODELS.has(value);
}

function pushedRepository(node: ConfigNode, id: string): boolean {
  if (node.key !== 'hub_model_id' || !/^[A-Za-z][\w.-]*\d[\w.-]*$/.test(id) || !/[A-Za-z]{2}/.test(id)) return false;
  // `hub_model_id: gpt2` is a fine-tune pushed under the user's name, not the canonical `gpt2`.
  if (isLegacyHubModel(id)) return false;
  return node.parent?.children.some((child) => child.key === 'push_to_hub' && child.value === true) === true;
}

/**
 * A model catalog's entry (`lib/models.json`: `{"id": "llama3.1", "provider": "Ollama", "providerId": "ollama"}`):
 * an id key beside a key naming a model provider. A plain `id` counts only where the list or the file says
 * models (`"models": [ … ]`, `models.json`): elsewhere `{"id": "github", "provider": "google"}` is a login.
 */
function catalogModelOf(path: string, node: ConfigNode): SettingModel | undefined {
  const entry = node.parent;
  if (typeof node.key !== 'string' || entry?.kind !== 'object' || node.string === undefined) return undefined;
  const plainId = node.key === 'id';
  if (!plainId && !isCatalogIdKey(node.key)) return undefined;
  let provider: string | undefined;
  for (const child of entry.children) {
    if (typeof child.key === 'string' && isCatalogProviderKey(child.key) && child.string !== undefined)
      provider ??= catalogProvider(child.string);
  }
  if (!provider) return undefined;
  if (plainId && !saysModels(entry.parent?.key) && !saysModels(path.slice(path.lastIndexOf('/') + 1).replace(/\.\w+$/, '')))
    return undefined;
  return catalogEntryModel(node.string, provider);
}

/** `models`, `chatModels`, `llm-list`, `MODELS`: a list or file name that says models. */
export function saysModels(name: string | number | undefined): boolean {
  return (
    typeof name === 'string' &&
    settingKey(name)
      .split('_')
      .some((word) => MODELS_WORDS.has(word))
  );
}

const MODELS_WORDS = new Set(['MODEL', 'MODELS', 'LLM', 'LLMS']);

/** `model: {format: OpenAI, name: gpt-4o}` is the model of an Azure OpenAI deployment (azd `ai.yaml`, ARM). */
function azureDeployed(node: ConfigNode, found: SettingModel | undefined): SettingModel | undefined {
  const format = node.key === 'name' && node.parent?.key === 'model' ? node.parent.get('format')?.string : undefined;
  return found && found.provider === 'openai' && format?.toLowerCase() === 'openai' ? { ...found, provider: 'azure-openai' } : found;
}

/** A string item of a `models` list, or the `id`/`name` of an object item of one. */
function isModelsListItem(node: ConfigNode): boolean {
  const list = node.key === 'id' || node.key === 'name' ? node.parent?.parent : node.parent;
  return (
    list?.kind === 'array' &&
    typeof list.key === 'string' &&
    /^models$/i.test(list.key) &&
    (typeof node.key !== 'string' || node.parent?.kind === 'object')
  );
}

/** A Kubernetes label or selector (`labels: {model: llama-prefill}`): a name for matching, not a setting. */
function isLabel(node: ConfigNode): boolean {
  // `DeploymentId: !Ref ApiDeployment` (CloudFormation): a reference to another resource, never a literal id.
  if (node.tag !== undefined && INTRINSIC_TAG.test(node.tag)) return true;
  const section = node.parent?.key;
  if (typeof section === 'string' && /(?:labels|selector)$/i.test(section)) return true;
  // A LoRA adapter's `baseModel` names the serving pods it attaches to (their `model` label), not a model id.
  return node.key === 'baseModel' && underSection(node, /lora|adapter/i);
}

/** CloudFormation's short-form references to another resource or stack output (`!Ref`, `!GetAtt`, `!ImportValue`). */
const INTRINSIC_TAG = /^!(?:Ref|GetAtt|ImportValue)$/;

function underSection(node: ConfigNode, name: RegExp): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) if (typeof parent.key === 'string' && name.test(parent.key)) return true;
  return false;
}

/**
 * The name a value is set under: its key, or for a `value` member the `name` beside it (`env:
 * [{name: OPENAI_MODEL, value: gpt-4o}]` in Kubernetes and Container Apps) or the key above it
 * (ARM parameter files: `"chatDeploymentName": {"value": "…"}`), and for a `name` under `model` that
 * key (`model: {format: OpenAI, name: gpt-4o}` of an azd `ai.yaml` deployment).
 */
function settingPath(node: ConfigNode, keys: string[]): string[] {
  if (node.key === 'name' && node.parent?.key === 'model') return keys.slice(0, -1);
  if (node.key !== 'value') return keys;
  const sibling = node.parent?.get('name')?.string;
  return sibling ? [sibling] : keys.slice(0, -1);
}

function stringSetting(keys: readonly string[], value: string): SettingModel | undefined {
  const placeholder = placeholderDefault(value);
  // `model: ${OPENAI_MODEL:gpt-4o}`: the default is the model; the variable's name may say so too.
  if (placeholder) return modelOfSetting(keys, placeholder.value) ?? modelOfSetting(placeholder.name.split('.'), placeholder.value);
  return modelOfSetting(keys, value);
}

/** A string item of a `providers` list, or the `id` of an object item of one (promptfoo). */
function isPromptfooProviderItem(node: ConfigNode): boolean {
  const list = node.key === 'id' ? node.parent?.parent : node.parent;
  return list?.kind === 'array' && list.key === 'providers' && (node.key === 'id' || typeof node.key === 'number');
}

/**
 * The grader of a promptfoo config's model-graded assertions (`defaultTest.assert[].provider:
 * anthropic:messages:claude-3-opus-…`, `defaultTest.options.provider`): a model the eval runs too.
 */
function isPromptfooGrader(path: string, node: ConfigNode): boolean {
  return node.key === 'provider' && isPromptfooConfig(path);
}

/** `openai:gpt-4o`, `openai:chat:gpt-4o`, `anthropic:messages:claude-…`, `bedrock:anthropic.claude-…:0`, `ollama:chat:llama3.1:8b`. */
export function promptfooModel(value: string): SettingModel | undefined {
  const segments = value.trim().split(':');
  const provider = (settings.promptfoo.providers as Record<string, string>)[segments[0]?.toLowerCase() ?? ''];
  if (!provider || segments.length < 2) return undefined;
  const rest = segments.slice(1);
  while (rest.length > 1 && settings.promptfoo.modes.includes(rest[0])) rest.shift();
  const id = rest.join(':');
  if (!isModelIdShape(id) || NOT_MODELS.has(id.toLowerCase()) || hubIdKind(id) === 'placeholder') return undefined;
  const deployment = provider === 'azure-openai';
  // The prefix makes any id a model in a `providers` list; as a setting's value the id must be one by shape too.
  return { id, provider, deployment, strong: providerForModelId(id) !== undefined };
}

/** `spring.ai.openai.chat.options.model=gpt-4o`: a `.properties` line is a dotted key and its value. */
function collectPropertiesModels(path: string, text: string): PartialComponent[] {
  const components: PartialComponent[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^\s*([A-Za-z_][\w.-]*)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (!match) return;
    const found = stringSetting(match[1].split('.'), match[2]);
    if (found) components.push(settingComponent(found, { path, line: index + 1, evidence: 'config', symbol: match[1] }));
  });
  return components;
}

const ENV_SETTING = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;
/** A setting, or a comment that is only one (`# NAME=value`, no space around `=`). */
const COMMENTED_ENV_SETTING = /^\s*(?:#\s*(?=[A-Za-z_][A-Za-z0-9_]*=\S))?(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

/**
 * A `.env` value without its trailing comment and quotes; a quote at one end only is a slip
 * (`MODEL=mistral-small-2503-1"`), not part of the id, so it goes too.
 */
export function unquotedEnvValue(raw: string): string {
  const value = raw
    .replace(/\s+#.*$/, '')
    .trim()
    .replace(/^(['"])(.*)\1$/, '$2');
  return value.replace(/^['"](?=[^'"]*$)|(?<=^[^'"]*)['"]$/, '');
}

/** `OPENAI_MODEL=gpt-4o`, `AZURE_OPENAI_DEPLOYMENT=chat-prod` in `.env` files. Values are read only for these names. */
export function collectEnvModels(path: string, text: string): PartialComponent[] {
  const components: PartialComponent[] = [];
  // A template documents the alternatives a user uncomments (`# OLLAMA_MODEL=llama3.1` under "for
  // LLM_PROVIDER=ollama-models"): a commented line that is nothing but the setting counts there.
  const setting = isEnvTemplate(path) ? COMMENTED_ENV_SETTING : ENV_SETTING;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const match = setting.exec(raw);
    if (!match || !isModelEnvName(match[1])) continue;
    const found = modelOfSetting([match[1]], unquotedEnvValue(match[2]));
    if (!found) continue;
    const occurrence = { path, line: index + 1, evidence: 'config' as const, symbol: match[1] };
    components.push(settingComponent(found, /^\s*#/.test(raw) ? { ...occurrence, commented: true } : occurrence));
  }
  return components;
}

// ---------------------------------------------------------------------------------------------
// Code

/** The ecosystems' test-code conventions, without a project's own globs (the collector has no config). */
const CONVENTIONS_ONLY = { testCode: { paths: [], severity: 'demote' as const } };

/** A place in code that names a setting and gives it a value. */
interface SettingSite {
  /** The setting's name with enclosing names first (an env variable, a field, a config key). */
  names: string[][];
  value: Node;
  /**
   * `settings`: an env-read default, a settings class field or a configuration read, which name a
   * model wherever they are; `data`: a plain variable or a dict/object member, which count only in a
   * file that imports an AI package (elsewhere `model = "gpt-4o"` is as likely a label or a test value);
   * `parameter`: a parameter's default, a setting outside test code (a test's parameters are made up).
   */
  shape: 'settings' | 'data' | 'parameter';
  /**
   * The factory call the value is the first argument of (`model: gateway("anthropic/claude-sonnet-4")`):
   * the workspace's own provider factory; a factory of an AI package is read at its call site (`models.ts`).
   */
  factory?: Node;
  /**
   * A default of a configuration read (`info.get("model_id", "N/A")`): report code writes `N/A` or
   * `unknown/…` there as often as a model, so an `org/name` shape alone is no Hub id.
   */
  readDefault?: boolean;
}

/** Python and JavaScript environment reads: the variable's name (`os.getenv("X", …)`, `process.env.X ?? …`). */
const PY_ENV_READ = /^(?:os\.)?(?:getenv|environ\.get|environ\.setdefault)\s*\(\s*(?:key\s*=\s*)?["']([A-Za-z_]\w*)["']/;
const JS_ENV_READ = /^process\.env(?:\.([A-Za-z_]\w*)|\[\s*["'`]([A-Za-z_]\w*)["'`]\s*\])/;
/** C# configuration reads: `config["OpenAI:Model"]`, `GetEnvironmentVariable("X")`, `GetValue<string>("X", "d")`. */
const CS_CONFIG_KEY = /(?:\[\s*"([^"]+)"\s*\]|GetEnvironmentVariable\s*\(\s*"([^"]+)"\s*\)|GetValue\s*<\s*string\s*>\s*\(\s*"([^"]+)")/;

/**
 * Models named by settings in one parsed source file. In a file that imports no AI package (or is
 * test code) only settings-shaped sites count (env reads, settings fields, configuration reads), and
 * only with an id a provider's pattern or the setting's name recognises.
 */
export function collectCodeSettingModels(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  // Test code builds dicts of made-up settings (`{"model": "claude-x"}`): only its settings count.
  // An evaluation script kept under `tests/` (`tests/run_evaluate.py`) runs real models: its settings count.
  // A file that calls an AI API over plain HTTP (`fetch("https://api.openai.com/v1/realtime/sessions", …)`) uses AI
  // as much as one importing its SDK: the body it posts (`{ model: "…" }`) names the model.
  const importsAi = facts.packages.packages.length > 0;
  const callsAi = importsAi || facts.endpoints.length > 0;
  const testCode = isTestPath(site.path, CONVENTIONS_ONLY) && !isEvalScript(site.path);
  const usesAi = callsAi && !testCode;
  const components: PartialComponent[] = [];
  const seen = new Set<string>();
  for (const setting of settingSites(facts)) {
    if ((setting.shape === 'data' && !usesAi) || (setting.shape === 'parameter' && testCode)) continue;
    // An option of an SDK client (`new ChatOpenAI({ model: … })`) is the call's model, with the client's service (`models.ts`).
    if (setting.shape === 'data' && inClientOptions(facts, setting.value)) continue;
    if (setting.factory && !isWorkspaceFactory(facts, setting.factory)) continue;
    // A name that says nothing of a model names none (`modelOfSetting`): its value is never resolved.
    if (facts.language !== 'java' && !setting.names.some(namesModel)) continue;
    const value = facts.valueOf(setting.value);
    if (value === undefined) continue;
    const placeholder = facts.language === 'java' ? placeholderDefault(value) : undefined;
    const names = placeholder ? [placeholder.name.split('.')] : setting.names;
    if (names.length === 0) continue;
    let found = names.map((path) => modelOfSetting(path, placeholder?.value ?? value)).find((model) => model !== undefined);
    // `OLLAMA_MODEL = os.getenv("OLLAMA_MODEL", "llama3.1:8b")`, `model: str = "phi3"` in a file that names Ollama.
    if (found && !found.strong && !importsAi && mentionsOllama(facts.text) && isOllamaModelName(found.id))
      found = { ...found, provider: 'ollama', strong: true };
    // A factory's argument and a parameter's default name a model only by a hosted provider's pattern or a
    // gateway route of one (a parameter handed to a Hub loader is followed there, `models.ts`).
    if (!found || ((!usesAi || setting.factory || setting.shape === 'parameter') && !found.strong)) continue;
    if (setting.readDefault && !found.strong && found.id.includes('/')) continue;
    const line = site.line(setting.value.startPosition.row);
    const symbol = names[0].join('.');
    const key = `${line}\u0000${found.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    components.push(settingComponent(found, { path: site.path, line, evidence: 'config', symbol }));
  }
  return components;
}

/** A factory call no AI package answers (`createStripe(…)`'s provider, a helper of the file): its model id is read here. */
function isWorkspaceFactory(facts: CodeFacts, factory: Node): boolean {
  const call = facts.callAt(factory);
  return call !== undefined && !facts.clients.has(call) && facts.packageOf(call) === undefined;
}

/** True when a value is an option of an SDK client's constructor or factory (`new X({ model: … })`), a few levels up. */
function inClientOptions(facts: CodeFacts, value: Node): boolean {
  let node = value.parent;
  for (let depth = 0; node && depth < 4; depth++, node = node.parent) {
    const call = facts.callAt(node);
    if (call) return facts.clients.has(call);
  }
  return false;
}

function namesModel(path: readonly string[]): boolean {
  const name = path[path.length - 1];
  return name !== undefined && isModelEnvName(settingKey(name));
}

function settingSites(facts: CodeFacts): SettingSite[] {
  const root = facts.tree.rootNode;
  switch (facts.language) {
    case 'python':
      return pythonSites(root, PARAMETER_DEFAULT_HINT.test(facts.text));
    case 'javascript':
      return javascriptSites(root, PARAMETER_DEFAULT_HINT.test(facts.text));
    case 'csharp':
      return csharpSites(root);
    case 'java':
      return javaSites(root);
    default:
      return [];
  }
}

const nonNull = (node: Node | null | undefined): node is Node => node !== null && node !== undefined;

/** A string default of a name that says model (`model: str = "…"`, `model = '…'`): parameters are walked only then. */
const PARAMETER_DEFAULT_HINT = /model\w*\s*(?::[^=\n,)]{0,60})?=\s*["'`]/i;

/** `X = os.getenv(…)`, `self.model = …`, `chat_model: str = "gpt-4o"`, `Field(default="…")`, `{"model": …}`. */
function pythonSites(root: Node, parameters: boolean): SettingSite[] {
  const sites: SettingSite[] = [];
  const types = parameters ? ['assignment', 'pair', 'call', 'function_definition'] : ['assignment', 'pair', 'call'];
  for (const node of descendantsOf(root, types, 'python')) {
    if (node.type === 'function_definition') {
      sites.push(...parameterDefaults(node));
      continue;
    }
    if (node.type === 'call') {
      const env = PY_ENV_READ.exec(node.text);
      const read = env ? { names: [[env[1]]], value: node, shape: 'settings' as const } : configRead(node);
      if (read) sites.push(read);
      continue;
    }
    const target = node.type === 'pair' ? node.childForFieldName('key') : node.childForFieldName('left');
    const right = node.type === 'pair' ? node.childForFieldName('value') : node.childForFieldName('right');
    // `config["configurable"]["summarization_model"] = "openai:gpt-4.1-nano"`: the key written last names the setting.
    const name =
      target?.type === 'attribute'
        ? target.childForFieldName('attribute')?.text
        : target?.type === 'subscript'
          ? pythonName(target.childForFieldName('subscript'))
          : pythonName(target);
    // Only a name that says something of a model is ever resolved (`collectCodeSettingModels`): the
    // walk up to the class (three parent lookups, each a search from the root in tree-sitter) is
    // left for those.
    if (!name || !right || !namesModel([name])) continue;
    const inClass = node.parent?.parent?.parent?.type === 'class_definition';
    // `{"planner_provider": "groq", "planner_model": "deepseek-r1-distill-llama-70b"}`: the sibling names the provider.
    const provider = node.type === 'pair' ? siblingProvider(node, name) : undefined;
    const names = provider ? [[provider, name], [name]] : [[name]];
    // A model beside the AI provider that serves it is a setting wherever it is written (a notebook's config cell).
    const settings = (node.type === 'assignment' && inClass) || (provider !== undefined && providerOfPath([provider, name]) !== undefined);
    sites.push({ names, value: fieldDefault(right), shape: settings ? 'settings' : 'data' });
  }
  return sites;
}

/**
 * Defaults of parameters named for a model (`def invoke_chain(scope, claude_model_id: str =
 * "global.anthropic.claude-haiku-4-5-20251001-v1:0")`, `def ask(prompt, model="gpt-4o")`): what the
 * function runs when its callers name none.
 */
function parameterDefaults(definition: Node): SettingSite[] {
  const sites: SettingSite[] = [];
  for (const parameter of definition.childForFieldName('parameters')?.namedChildren ?? []) {
    if (parameter?.type !== 'default_parameter' && parameter?.type !== 'typed_default_parameter') continue;
    const name = pythonName(parameter.childForFieldName('name'));
    const value = parameter.childForFieldName('value');
    if (name && value?.type === 'string' && namesModel([name])) sites.push({ names: [[name]], value, shape: 'parameter' });
  }
  return sites;
}

/** Getters of a configuration object: `config.get(…)`, `self._get_str(…)`, `settings.get_value(…)`, `self._get_enum(…)`. */
const CONFIG_GETTER = /(?:^|\.)_?get(?:_?(?:str|string|enum|value|setting|config|option|param))?$/i;

/**
 * A configuration read with a default, keyed by a model setting: `self._get_str("model", "gpt-4")`
 * in an LLM service's config class, `config.get("embedding_model", "text-embedding-3-small")`,
 * `self._get_enum("embedding_model", candidates, default=…)`. The default is what runs when nothing
 * is configured; `shared if shared is not None else "gpt-4"` defaults to its literal branch.
 */
function configRead(call: Node): SettingSite | undefined {
  if (!CONFIG_GETTER.test(call.childForFieldName('function')?.text ?? '')) return undefined;
  const args = call.childForFieldName('arguments')?.namedChildren.filter(nonNull) ?? [];
  const positional = args.filter((arg) => arg.type !== 'keyword_argument');
  const key = positional[0]?.type === 'string' ? pythonName(positional[0]) : undefined;
  if (!key || !namesModel([key])) return undefined;
  const keyword = args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'default');
  const fallback = keyword?.childForFieldName('value') ?? (positional.length >= 2 ? positional[positional.length - 1] : undefined);
  const value = fallback && literalBranch(fallback);
  return value ? { names: [[key]], value, shape: 'settings', readDefault: true } : undefined;
}

/** `("x")` → `"x"`; `a if cond else "x"` → the branch that is a string literal. */
function literalBranch(node: Node): Node | undefined {
  if (node.type === 'parenthesized_expression') return node.namedChildren[0] ? literalBranch(node.namedChildren[0]) : undefined;
  if (node.type !== 'conditional_expression') return node;
  const [consequence, , alternative] = node.namedChildren;
  return [alternative, consequence].find((branch) => branch?.type === 'string') ?? undefined;
}

/** The value of `<prefix>_provider` (or `provider`) beside a `<prefix>_model` pair of the same dict. */
function siblingProvider(pair: Node, name: string): string | undefined {
  const prefix = /^(.*?)_?model(?:_name|_id)?$/i.exec(name)?.[1];
  if (prefix === undefined) return undefined;
  const wanted = prefix ? `${prefix}_provider` : 'provider';
  for (const sibling of pair.parent?.namedChildren ?? []) {
    if (sibling?.type !== 'pair' || pythonName(sibling.childForFieldName('key')) !== wanted) continue;
    const value = sibling.childForFieldName('value');
    const text = value?.type === 'string' ? pythonName(value) : undefined;
    return text && /^[a-z][\w-]{1,30}$/i.test(text) ? text : undefined;
  }
  return undefined;
}

function pythonName(node: Node | null): string | undefined {
  if (node?.type === 'identifier') return node.text;
  if (node?.type === 'string') return node.namedChildren.find((child) => child?.type === 'string_content')?.text;
  return undefined;
}

/** `Field(default="gpt-4o")`, `Field("gpt-4o", …)`, `field(default="…")`: the default a settings field has. */
function fieldDefault(value: Node): Node {
  if (value.type !== 'call' || !/^(?:\w+\.)?(?:Field|field|attrib|attr\.ib)$/.test(value.childForFieldName('function')?.text ?? ''))
    return value;
  const args = value.childForFieldName('arguments')?.namedChildren.filter(nonNull) ?? [];
  const keyword = args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'default');
  return keyword?.childForFieldName('value') ?? args.find((arg) => arg.type !== 'keyword_argument') ?? value;
}

/** `const model = process.env.X ?? "…"`, `{ model: "…" }`, `this.model = …`, class fields. */
function javascriptSites(root: Node, parameters: boolean): SettingSite[] {
  const sites: SettingSite[] = [];
  const types = ['variable_declarator', 'pair', 'assignment_expression', 'public_field_definition', 'field_definition'];
  for (const node of root.descendantsOfType(parameters ? [...types, ...PARAMETER_TYPES] : types).filter(nonNull)) {
    const parameter = parameterDefault(node);
    if (parameter) {
      sites.push(parameter);
      continue;
    }
    const [target, value] =
      node.type === 'variable_declarator'
        ? [node.childForFieldName('name'), node.childForFieldName('value')]
        : node.type === 'pair'
          ? [node.childForFieldName('key'), node.childForFieldName('value')]
          : node.type === 'assignment_expression'
            ? [node.childForFieldName('left'), node.childForFieldName('right')]
            : [node.childForFieldName('name') ?? node.childForFieldName('property'), node.childForFieldName('value')];
    if (!target || !value) continue;
    const name = (target.type === 'member_expression' ? target.childForFieldName('property')?.text : target.text)?.replace(
      /^["'`]|["'`]$/g,
      '',
    );
    const env = envName(value, JS_ENV_READ);
    const names = [env, ...(name ? [[name]] : [])].filter((path) => path.length > 0);
    const field = node.type === 'public_field_definition' || node.type === 'field_definition';
    // `model: stripeLLM("openai/gpt-4.1")`: a provider factory's model id, the value the AI SDK is given.
    const factoryId = node.type === 'pair' ? factoryModelArgument(value) : undefined;
    if (factoryId) sites.push({ names, value: factoryId, shape: 'data', factory: value });
    else if (names.length > 0) sites.push({ names, value, shape: env.length > 0 || field ? 'settings' : 'data' });
  }
  return sites;
}

/** Parameters with a default: `function ask(model = "gpt-4o")` (also destructured), TypeScript `model: string = "…"`. */
const PARAMETER_TYPES = ['assignment_pattern', 'required_parameter', 'optional_parameter'];

function parameterDefault(node: Node): SettingSite | undefined {
  if (!PARAMETER_TYPES.includes(node.type)) return undefined;
  const [target, value] =
    node.type === 'assignment_pattern'
      ? [node.childForFieldName('left'), node.childForFieldName('right')]
      : [node.childForFieldName('pattern'), node.childForFieldName('value')];
  if (target?.type !== 'identifier' && target?.type !== 'shorthand_property_identifier_pattern') return undefined;
  if (value?.type !== 'string' || !namesModel([target.text])) return undefined;
  return { names: [[target.text]], value, shape: 'parameter' };
}

/** The string first argument of a plain function call (`gateway("openai/gpt-4.1", {…})`), not a method's. */
function factoryModelArgument(value: Node): Node | undefined {
  if (value.type !== 'call_expression' || value.childForFieldName('function')?.type !== 'identifier') return undefined;
  const first = value.childForFieldName('arguments')?.namedChildren[0];
  return first?.type === 'string' ? first : undefined;
}

/** The env variable a `x ?? "d"` / `x || "d"` reads on its left, as a one-name path (or none). */
function envName(value: Node, read: RegExp): string[] {
  const left = value.type === 'binary_expression' ? value.childForFieldName('left') : undefined;
  const match = left ? read.exec(left.text) : undefined;
  const name = match?.slice(1).find((group) => group !== undefined);
  return name ? [name] : [];
}

/** `config["OpenAI:ChatModel"] ?? "gpt-4o"`, `GetValue<string>("Model", "gpt-4o")`, `string Model = "gpt-4o"`. */
function csharpSites(root: Node): SettingSite[] {
  const sites: SettingSite[] = [];
  for (const node of root
    .descendantsOfType(['binary_expression', 'invocation_expression', 'variable_declarator', 'property_declaration'])
    .filter(nonNull)) {
    if (node.type === 'binary_expression') {
      const right = node.childForFieldName('right');
      const key = CS_CONFIG_KEY.exec(node.childForFieldName('left')?.text ?? '');
      const name = key?.slice(1).find((group) => group !== undefined);
      if (right && name && node.childForFieldName('operator')?.text === '??')
        sites.push({ names: [name.split(/:|__/)], value: right, shape: 'settings' });
    } else if (node.type === 'invocation_expression') {
      const key = CS_CONFIG_KEY.exec(node.text);
      const args = node.childForFieldName('arguments')?.namedChildren.filter(nonNull) ?? [];
      if (key?.[3] && args.length >= 2)
        sites.push({ names: [key[3].split(/:|__/)], value: args[1].namedChildren[0] ?? args[1], shape: 'settings' });
    } else {
      const name = node.childForFieldName('name')?.text ?? node.namedChildren.find((child) => child?.type === 'identifier')?.text;
      const value =
        node.childForFieldName('value') ?? node.namedChildren.find((child) => child?.type === 'equals_value_clause')?.namedChildren[0];
      const initializer = value ?? node.namedChildren[node.namedChildren.length - 1];
      const shape = node.type === 'property_declaration' ? 'settings' : 'data';
      if (name && initializer?.type.includes('string')) sites.push({ names: [[name]], value: initializer, shape });
    }
  }
  return sites;
}

/** `@Value("${openai.model:gpt-4o}")` and `String model = "gpt-4o"`. */
function javaSites(root: Node): SettingSite[] {
  const sites: SettingSite[] = [];
  for (const node of root.descendantsOfType(['string_literal', 'variable_declarator']).filter(nonNull)) {
    if (node.type === 'string_literal') {
      if (node.text.startsWith('"${')) sites.push({ names: [], value: node, shape: 'settings' });
      continue;
    }
    const name = node.childForFieldName('name')?.text;
    const value = node.childForFieldName('value');
    if (name && value?.type === 'string_literal') sites.push({ names: [[name]], value, shape: 'data' });
  }
  return sites;
}
