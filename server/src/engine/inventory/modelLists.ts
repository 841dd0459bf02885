import modelsData from '../data/models.json';
import type { CodeFacts } from '../facts';
import { hubIdKind } from '../facts/hubIds';
import { descendantsOf } from '../parse/nodeIndex';
import type { Node } from '../parse/treeSitter';
import { isTestPath } from '../testCode';
import { catalogProvider, isCatalogIdKey, isCatalogProviderKey, isModelEnvName } from './catalog';
import type { CodeSite } from './codeImports';
import { modelComponent, property } from './components';
import { catalogEntryModel, isNotModelWord, settingComponent, settingKey, strongModelId } from './modelSettings';
import { isModelIdShape } from './models';
import type { PartialComponent, Property } from './types';

/**
 * Models an application lists as data rather than passing at a call: a model picker
 * (`export const chatModels = [{ id: "anthropic/claude-sonnet-4.5", … }]`), a table keyed by model
 * (`MODEL_TO_CONF = {"claude-opus-4-1": …}`), an enum of models (`class Model(str, Enum): HAIKU =
 * "claude-haiku-4-5"`) or a module constant (`DEFAULT_CHAT_MODEL = "google/gemini-2.5-flash-lite"`).
 *
 * Two conditions, both required: a name on the way from the string up to its declaration says model
 * (`chatModels`, `MODEL_TO_CONF`, `Model`, `DEFAULT_CHAT_MODEL`; the words of `settingKey`), and the
 * string is a model id by a hosted provider's pattern (`claude-…`, `gpt-…`, a Bedrock id) or a
 * gateway id of one (`anthropic/claude-…`, `xai/grok-…`). Hub ids (`org/name`) name as many
 * datasets, spaces and folders, so they do not count here. A plain variable counts only at module or
 * class level (a function's `model = "…"` is the settings collector's); test code never counts.
 */
export function collectCodeModelLists(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (isTestPath(site.path, CONVENTIONS_ONLY)) return [];
  const language = facts.language;
  if (language !== 'python' && language !== 'javascript' && language !== 'csharp') return [];
  // In a file that imports an AI package the settings collector reads `DEFAULT_MODEL = "…"` already
  // (names of its pattern); this one reads the rest (`DEFAULT_MODEL_FOR_TITLES = "…"`).
  const usesAi = facts.packages.packages.length > 0;
  const components: PartialComponent[] = [];
  const seen = new Set<string>();
  const root = facts.tree.rootNode;
  const strings = language === 'python' ? descendantsOf(root, 'string', 'python') : root.descendantsOfType(STRING_TYPES[language]);
  for (const node of strings) {
    // Model ids are short: prose and code in strings are skipped before any resolution.
    if (!node || node.endIndex - node.startIndex > MAX_ID_TEXT) continue;
    const value = facts.valueOf(node);
    const model =
      value === undefined
        ? undefined
        : (strongModelId(value) ?? providerListModel(node, value) ?? (usesAi ? sentenceTransformer(value) : undefined));
    // A piece of `"a" "b"` is not the value; asked last (a `parent` is a search from the root).
    if (!model || node.parent?.type === 'concatenated_string' || inCatalogEntry(node, facts) || namesConfigOrFamily(node)) continue;
    if (labelsConfiguredEntry(node)) continue;
    const base = baseConstructorOf(node);
    const named = base
      ? { name: base, own: false, qualified: true }
      : language === 'javascript'
        ? (pickerName(node) ?? modelName(node))
        : modelName(node);
    // A bare `model = "gpt-4o"` in a file without AI is as likely a label: the name must say which model,
    // or be an app's constant (`export const MODEL = "gpt-5.2"` in `config/constants.ts`, imported by the code that calls).
    const appConstant = named?.own === true && !usesAi && CONSTANT_NAME.test(named.name);
    if (!named || (named.own && ((usesAi && isModelEnvName(settingKey(named.name))) || (!named.qualified && !appConstant)))) continue;
    const line = site.line(node.startPosition.row);
    const key = `${line}\u0000${model.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const extra: Property[] = model.route ? [property('model:route', model.route)] : [];
    const evidence = base ? 'call' : named.own ? 'config' : 'constant';
    components.push(modelComponent(model.id, model.provider, { path: site.path, line, evidence, symbol: named.name }, extra));
  }
  return components;
}

/**
 * An entry of a table of models by provider (`model_names = {"ollama": ["qwen2.5:14b"], "siliconflow":
 * ["deepseek-ai/DeepSeek-R1"], "alibaba": ["qwen-max"]}`), as model pickers list what each provider
 * serves: the key naming a provider makes any id shape an id that provider is sent, a Hub id or an
 * Ollama tag included. The list's own name must still say model (the caller's `modelName`).
 */
function providerListModel(node: Node, value: string): { id: string; provider: string; route?: string } | undefined {
  const list = node.parent;
  const pair = list && PROVIDER_LISTS.has(list.type) ? list.parent : undefined;
  if (pair?.type !== 'pair') return undefined;
  const key = plain(pair.childForFieldName('key'));
  const provider = key === undefined ? undefined : catalogProvider(key);
  if (!provider || !ID_PUNCTUATION.test(value) || !isModelIdShape(value) || isNotModelWord(value)) return undefined;
  if (hubIdKind(value) === 'placeholder' || !keyedByProviders(pair.parent)) return undefined;
  return { id: value, provider };
}

/** Model ids have a version, a size or a namespace (`qwen-max`, `llama2:7b`, `org/name`); layer names (`q_proj`) have none. */
const ID_PUNCTUATION = /[-./:\d]/;

/**
 * Most keys of the table name providers: a table keyed by model architecture (`{"mistral": ["q_proj"],
 * "bloom": […]}`) has a provider's name among its keys by chance.
 */
function keyedByProviders(table: Node | null): boolean {
  const keys = (table?.namedChildren ?? []).filter((child) => child?.type === 'pair').map((pair) => plain(pair?.childForFieldName('key')));
  const providers = keys.filter((key) => key !== undefined && catalogProvider(key) !== undefined).length;
  return providers >= 2 && providers * 2 >= keys.length;
}

const PROVIDER_LISTS = new Set(['list', 'tuple', 'array']);

/** A constant's name as apps write it (`MODEL`, `CHAT_MODEL`). */
const CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;

const SENTENCE_TRANSFORMERS = new RegExp(modelsData.settings.sentenceTransformers);
/** A quoted name that may be one of them: a file that imports AI is parsed for its lists then. */
export const SENTENCE_TRANSFORMERS_QUOTED = /["'](?:all-|multi-qa-|paraphrase-|distiluse-|msmarco-|gtr-t5-|sentence-t5-|LaBSE|clip-ViT-)/;

/** A pretrained sentence-transformers model by its short name (`all-mpnet-base-v2`): a Hub model, in a file that uses AI. */
function sentenceTransformer(value: string): { id: string; provider: string; route?: string } | undefined {
  return SENTENCE_TRANSFORMERS.test(value) ? { id: value, provider: 'huggingface' } : undefined;
}

/**
 * Model catalogs of apps: entries that name their provider beside the id the provider is sent
 * (`const LLaMA3_8B: LLM = { modelId: "llama3-8b-8192", provider: "groq", hostedId: "…" }`,
 * `{"model_id": "gemma-7b-it", "provider": "groq"}`). The provider's word makes any id shape a model
 * (`catalogEntryModel`); a plain `id` counts only in a list whose name says models (`chatModels`).
 */
export function collectCodeModelCatalogs(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const language = facts.language;
  if ((language !== 'python' && language !== 'javascript') || !facts.text.includes('provider')) return [];
  if (isTestPath(site.path, CONVENTIONS_ONLY)) return [];
  const root = facts.tree.rootNode;
  const objects = language === 'python' ? descendantsOf(root, 'dictionary', 'python') : root.descendantsOfType('object');
  const components: PartialComponent[] = [];
  for (const object of objects) {
    if (!object) continue;
    const pairs = pairsOf(object);
    const provider = catalogProviderOf(pairs, facts);
    if (!provider) continue;
    for (const pair of pairs) {
      const key = plain(pair.childForFieldName('key'));
      const value = pair.childForFieldName('value');
      // The list's name (`chatModels`) is the symbol when there is one, as for the lists read by pattern.
      const list = modelName(object)?.name;
      const named = key === 'name' && list !== undefined && !pairs.some(isIdPair);
      if (!key || !value || !(isCatalogIdKey(key) || (key === 'id' && list !== undefined) || named)) continue;
      const written = facts.valueOf(value);
      const model = written === undefined || (named && !namesModelById(written)) ? undefined : catalogEntryModel(written, provider);
      if (!model) continue;
      const occurrence = { path: site.path, line: site.line(value.startPosition.row), evidence: 'constant' as const, symbol: list ?? key };
      components.push(settingComponent(model, occurrence));
    }
  }
  return components;
}

/** An entry's own id (`id`, `modelId`): beside it, `name` is a label. */
function isIdPair(pair: Node): boolean {
  const key = plain(pair.childForFieldName('key'));
  return key !== undefined && (key === 'id' || isCatalogIdKey(key));
}

/**
 * `name` is the id only in entries that have no other (`{ provider: "sagemaker", name:
 * "intfloat/multilingual-e5-large" }` in `embeddingsModels`), and only when it is one by shape: a
 * hosted provider's id or a Hub `org/name`, never a display name (`GPT-4o`).
 */
function namesModelById(value: string): boolean {
  return strongModelId(value) !== undefined || (value.includes('/') && hubIdKind(value) === 'hub');
}

function pairsOf(object: Node): Node[] {
  return object.namedChildren.filter((child): child is Node => child?.type === 'pair');
}

/** The model provider an object's provider key names (`provider: "groq"`), or undefined. */
function catalogProviderOf(pairs: Node[], facts: CodeFacts): string | undefined {
  for (const pair of pairs) {
    const key = plain(pair.childForFieldName('key'));
    const value = key && isCatalogProviderKey(key) ? pair.childForFieldName('value') : null;
    const written = value ? facts.valueOf(value) : undefined;
    const provider = written === undefined ? undefined : catalogProvider(written);
    if (provider) return provider;
  }
  return undefined;
}

/** A string keyed `modelId`/`id` in an entry that names its provider: the catalog collector reads it with that provider. */
function inCatalogEntry(node: Node, facts: CodeFacts): boolean {
  const pair = node.parent;
  const key = pair?.type === 'pair' ? plain(pair.childForFieldName('key')) : undefined;
  if (!key || !pair?.parent || !(key === 'id' || isCatalogIdKey(key))) return false;
  return catalogProviderOf(pairsOf(pair.parent), facts) !== undefined;
}

/**
 * A table of model configurations names more than models: a family an entry belongs to (`family:
 * 'gemini-2.5'`) and a configuration other entries extend (`'gemini-3-flash-base': { extends: 'base', … }`)
 * are names of groups, not ids a request is sent with.
 */
function namesConfigOrFamily(node: Node): boolean {
  const pair = node.parent;
  if (pair?.type !== 'pair') return false;
  const key = pair.childForFieldName('key');
  const value = pair.childForFieldName('value');
  if (value?.id === node.id) return GROUP_KEYS.has(plain(key) ?? '');
  if (key?.id !== node.id || (value?.type !== 'object' && value?.type !== 'dictionary')) return false;
  return value.namedChildren.some((member) => member?.type === 'pair' && plain(member.childForFieldName('key')) === 'extends');
}

const GROUP_KEYS = new Set(['family', 'extends']);

/**
 * A table's key whose entry names its own model (`"o3_high": ResponsesSampler(model="o3-2025-04-16",
 * reasoning_effort="high")`, `"fast": { model: "gpt-4o-mini" }`): the key is the configuration's label,
 * the entry's model is read where it is written.
 */
function labelsConfiguredEntry(node: Node): boolean {
  const pair = node.parent;
  if (pair?.type !== 'pair' || pair.childForFieldName('key')?.id !== node.id) return false;
  const value = pair.childForFieldName('value');
  return value !== null && value.type !== 'string' && ENTRY_MODEL.test(value.text);
}

/** A model keyword or property inside an entry (`model=`, `model_name=`, `modelId:`, `"model":`). */
const ENTRY_MODEL = /\b(?:model|model_name|model_id|modelId|modelName|deployment_name|deploymentName)["']?\s*[=:](?!=)/;

/** An id is at most 128 characters (`isModelIdShape`), plus quotes and a prefix. */
const MAX_ID_TEXT = 140;

/** The ecosystems' test-code conventions, without a project's own globs (the collector has no config). */
const CONVENTIONS_ONLY = { testCode: { paths: [], severity: 'demote' as const } };

const STRING_TYPES: Record<'python' | 'javascript' | 'csharp', string[]> = {
  python: ['string'],
  javascript: ['string', 'template_string'],
  csharp: ['string_literal', 'verbatim_string_literal', 'raw_string_literal'],
};

/**
 * C#: a string handed to a base constructor (`class Step03(…) : BaseAgentTest(output, "o4-mini")`,
 * `: base(output, "gpt-4o")`): the type it passes it to, or undefined. Only a provider's id counts.
 */
function baseConstructorOf(node: Node): string | undefined {
  const list = node.parent?.type === 'argument' ? node.parent.parent : undefined;
  const owner = list?.type === 'argument_list' ? list.parent : undefined;
  if (owner?.type === 'constructor_initializer') return 'base';
  if (owner?.type !== 'base_list' && owner?.type !== 'primary_constructor_base_type') return undefined;
  return list?.previousNamedSibling?.text;
}

/**
 * A UI model picker in JSX: an option of a select (`<SelectItem value="gemini-2.5-flash">`, `<option
 * value="gpt-4o">`) or the picker's state default (`const [model, setModel] = useState("gemini-…")`).
 * Only a hosted provider's id by pattern reaches here (the caller's `strongModelId`).
 */
function pickerName(node: Node): ModelName | undefined {
  const parent = node.parent;
  if (parent?.type === 'jsx_attribute' && parent.namedChild(0)?.text === 'value') {
    const tag = parent.parent?.childForFieldName('name')?.text ?? '';
    return PICKER_TAGS.test(tag) ? { name: tag, own: false, qualified: true } : undefined;
  }
  if (parent?.type === 'binary_expression') return comparedSelection(parent, node);
  const call = parent?.type === 'arguments' ? parent.parent : undefined;
  const state = call?.type === 'call_expression' && STATE_HOOKS.has(call.childForFieldName('function')?.text ?? '');
  const declarator = state ? call?.parent : undefined;
  const pattern = declarator?.type === 'variable_declarator' ? declarator.childForFieldName('name') : undefined;
  const name = pattern?.type === 'array_pattern' ? pattern.namedChild(0)?.text : undefined;
  return name && nameWords(name).some((word) => MODEL_WORDS.has(word)) ? { name, own: false, qualified: true } : undefined;
}

/**
 * A picker's preferred model, compared with the selection (`bedrockModels.find((m) => m.name ===
 * "anthropic.claude-v2")`, `if (selectedModel === "gpt-4")`): the other side, or the list searched,
 * must say model (`m.name` of `bedrockModels`, `selectedModel`), so a comparison with a label does not count.
 */
function comparedSelection(comparison: Node, node: Node): ModelName | undefined {
  if (!EQUALITY.has(comparison.childForFieldName('operator')?.text ?? '')) return undefined;
  const left = comparison.childForFieldName('left');
  const other = left?.id === node.id ? comparison.childForFieldName('right') : left;
  const compared = other?.type === 'identifier' || other?.type === 'member_expression' ? other.text : undefined;
  // `getModelDefinition(id)?.family === "gemini-3"` compares a family, not a selected model.
  if (compared && GROUP_KEYS.has(compared.slice(compared.lastIndexOf('.') + 1))) return undefined;
  if (compared && saysModel(compared)) return { name: compared, own: false, qualified: true };
  // The predicate of a search over a list of models: `models.find((m) => m.id === "…")`.
  const predicate = comparison.parent?.type === 'arrow_function' ? comparison.parent : undefined;
  const search = predicate?.parent?.type === 'arguments' ? predicate.parent.parent : undefined;
  const callee = search?.type === 'call_expression' ? search.childForFieldName('function') : undefined;
  const list =
    callee?.type === 'member_expression' && SEARCHES.has(callee.childForFieldName('property')?.text ?? '')
      ? callee.childForFieldName('object')?.text
      : undefined;
  return list && saysModel(list) ? { name: list, own: false, qualified: true } : undefined;
}

const EQUALITY = new Set(['===', '==']);
const SEARCHES = new Set(['find', 'findIndex', 'filter', 'some']);

/** A segment of a name or member chain says model (`selectedModel`, `model.id`, `bedrockModels`). */
function saysModel(text: string): boolean {
  return text.split(/\??\./).some((segment) => nameWords(segment).some((word) => MODEL_WORDS.has(word)));
}

/** Elements whose `value` is one choice of a picker: `option`, `SelectItem`, `MenuItem`, `RadioGroupItem`, `ToggleGroupItem`. */
const PICKER_TAGS = /(?:^option$|Option$|Item$|Radio$|Choice$|Tab$)/;

/** React's state hooks: the default of the picker's state is its preselected model. */
const STATE_HOOKS = new Set(['useState', 'React.useState']);

const FUNCTIONS = new Set([
  'function_definition',
  'lambda',
  'function_declaration',
  'function_expression',
  'arrow_function',
  'method_definition',
  'generator_function_declaration',
  'method_declaration',
  'constructor_declaration',
  'local_function_statement',
  'lambda_expression',
]);
const CONTAINERS = new Set([
  'list',
  'tuple',
  'set',
  'dictionary',
  'array',
  'object',
  'enum_body',
  'initializer_expression',
  'union_type',
  'collection_expression',
]);

const CLASSES = new Set(['class_definition', 'class_declaration', 'enum_declaration']);

/** Calls pass their own arguments: the call collectors read those. */
const CALLS = new Set([
  'call',
  'call_expression',
  'new_expression',
  'argument_list',
  'arguments',
  'decorator',
  'invocation_expression',
  'object_creation_expression',
  'attribute_list',
]);

interface ModelName {
  name: string;
  /** True when the string is the name's own value (`DEFAULT_MODEL = "…"`), not an entry of a list or table under it. */
  own: boolean;
  /** True when the name says which model (`DEFAULT_CHAT_MODEL`, `chatModel`), not only `model`. */
  qualified: boolean;
}

/**
 * The name saying model on the way up from a string to its declaration (`chatModels`), or undefined.
 * Inside a function only data structures count (a picker's list); a bare variable there does not.
 */
function modelName(node: Node): ModelName | undefined {
  let inContainer = false;
  let inFunction = false;
  let hops = 0;
  for (let current: Node | null = node.parent; current && hops < 12; current = current.parent, hops++) {
    if (isSchemaEnum(current)) {
      inContainer = true;
      continue;
    }
    if (CALLS.has(current.type)) return undefined;
    if (FUNCTIONS.has(current.type)) {
      if (!inContainer) return undefined;
      inFunction = true;
      continue;
    }
    // A class or enum of models (`class Model(str, Enum)`) lists its members like a table.
    if (CONTAINERS.has(current.type) || CLASSES.has(current.type)) inContainer = true;
    if (inFunction && !CLASSES.has(current.type)) continue;
    const name = declaredName(current);
    const words = name ? nameWords(name) : [];
    // `single_param_model_patterns = ["anthropic.claude-opus-4", …]` is matched against ids (`pattern in model_id`):
    // its entries are families cut short, not models.
    if (words.some((word) => MATCHER_WORDS.has(word))) return undefined;
    if (name && words.some((word) => MODEL_WORDS.has(word))) return { name, own: !inContainer, qualified: words.length > 1 };
  }
  return undefined;
}

/**
 * The options of a tool's or API's input schema are a list, not a call's arguments: `z.enum([…])`
 * with its chained refinements (`.optional().describe(…)`, as MCP servers and AI SDK tools declare
 * parameters) and Python's `Literal[…]` annotation. The name above them (`model:`,
 * `RERANK_MODEL_SCHEMA`, `model: Literal[…]`) must still say model.
 */
function isSchemaEnum(node: Node): boolean {
  if (node.type === 'arguments') return node.parent?.type === 'call_expression' && startsWithZodEnum(node.parent);
  if (node.type === 'call_expression') return startsWithZodEnum(node);
  if (node.type !== 'subscript' && node.type !== 'generic_type') return false;
  return LITERAL_TYPES.has(node.childForFieldName('value')?.text ?? node.namedChild(0)?.text ?? '');
}

/** `z.enum(…)`, or a chain of calls on one (`z.enum(…).optional().describe(…)`), read by its callees only. */
function startsWithZodEnum(call: Node): boolean {
  let current: Node | null = call;
  for (let hops = 0; current?.type === 'call_expression' && hops < 8; hops++) {
    const callee = current.childForFieldName('function');
    if (callee?.type !== 'member_expression') return false;
    const object = callee.childForFieldName('object');
    if (object?.type === 'identifier') return ZOD_NAMES.has(object.text) && callee.childForFieldName('property')?.text === 'enum';
    current = object;
  }
  return false;
}

const ZOD_NAMES = new Set(['z', 'zod']);
const LITERAL_TYPES = new Set(['Literal', 'typing.Literal', 'typing_extensions.Literal']);

/** The name a node declares or keys: a variable, a member, a dict key, a class or enum, a keyword. */
function declaredName(node: Node): string | undefined {
  switch (node.type) {
    case 'variable_declarator':
    case 'class_definition':
    case 'class_declaration':
    case 'enum_declaration':
    case 'keyword_argument':
      return plain(node.childForFieldName('name'));
    case 'public_field_definition':
    case 'field_definition':
      return plain(node.childForFieldName('name') ?? node.childForFieldName('property'));
    case 'assignment':
    case 'assignment_expression': {
      const left = node.childForFieldName('left');
      return plain(left?.type === 'attribute' || left?.type === 'member_expression' ? left.lastNamedChild : left);
    }
    case 'pair':
      return plain(node.childForFieldName('key'));
    case 'type_alias_declaration':
    case 'typed_default_parameter':
      return plain(node.childForFieldName('name'));
    case 'typed_parameter':
      return plain(node.namedChild(0));
    default:
      return undefined;
  }
}

function plain(node: Node | null | undefined): string | undefined {
  if (
    !node ||
    (node.type !== 'identifier' && node.type !== 'property_identifier' && node.type !== 'type_identifier' && node.type !== 'string')
  )
    return undefined;
  return node.text.replace(/^["'`]|["'`]$/g, '');
}

const MODEL_WORDS = new Set(['MODEL', 'MODELS', 'LLM', 'LLMS']);

/** Names of tables an id is matched against, whose entries are patterns or prefixes of ids. */
const MATCHER_WORDS = new Set(['PATTERN', 'PATTERNS', 'PREFIX', 'PREFIXES', 'REGEX', 'REGEXES']);

/** `chatModels` → `CHAT`, `MODELS`; `MODEL_TO_MODEL_CONF` → `MODEL`, `TO`, `MODEL`, `CONF`. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((word) => word !== '');
}
