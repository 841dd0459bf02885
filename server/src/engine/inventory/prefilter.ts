import packagesData from '../data/ai-packages.json';
import endpointsData from '../data/endpoints.json';
import modelsData from '../data/models.json';
import { type CodeLanguage, codeLanguageOf } from '../facts';
import { type LoaderIdPlaces, loaderIdPlaces } from '../facts/loaders';
import { PROBE_LITERALS } from '../parse/pythonImports';
import type { FileTriggers } from '../prefilter/triggers';
import { argumentText, callArguments, mayCarryString, occursAsWord } from '../rules/quickChecks';
import type { FileKind } from '../types';
import { AGENT_PLUGIN_LITERALS } from './agentPlugins';
import { AZURE_ACCOUNT_KIND_LITERALS } from './azureAccountKinds';
import { ACTION_GROUP_LITERALS } from './bedrockActionGroups';
import { ESM_CDN_HOSTS, endpointHints, importRoots, lookupPackage, pythonPackageForModule } from './catalog';
import { CDK_CONSTRUCT_LITERALS } from './cdkFoundationModels';
import { CDK_PROMPT_LITERALS } from './cdkPrompts';
import { CDK_SERVICE_LITERALS } from './cdkServices';
import { ciAgentLiterals } from './ciAgents';
import { CLOUDFLARE_CODE_LITERALS } from './cloudflare';
import { REALTIME_EVENT_LITERALS } from './codePrompts';
import { CODING_AGENT_LITERAL } from './codingAgentAssignments';
import { COMPOSE_MODEL_LITERALS } from './composeModels';
import { DATASET_MIXTURE_HINT } from './datasets';
import { DOCUMENT_MODEL_LITERALS } from './documentModels';
import { FRAMEWORK_PROMPT_LITERALS } from './frameworkPrompts';
import { HOOK_CONTEXT_LITERAL } from './hookContext';
import { HUB_DATASET_URI_LITERALS } from './hubDatasetUris';
import { JUMPSTART_LITERALS } from './jumpStartModels';
import { KAGGLE_MODEL_LITERALS } from './kaggleModels';
import { MODEL_KWARGS_HINT } from './kwargTables';
import { LIGHTEVAL_TASK_LITERALS } from './lightevalTasks';
import { escapeRegExp } from './manifestText';
import { MCP_CODE_LITERALS } from './mcpCode';
import { MCP_SERVER_PART_LITERALS } from './mcpInstructions';
import { BATCH_INPUTS_KEY } from './promptflowBatchInputs';
import { RAG_DOCUMENT_LITERALS } from './ragDocuments';
import { RULE_INSTALLER_LITERAL } from './ruleInstallers';
import { LEGACY_HUB_QUOTED, MODEL_PART_DEFAULT } from './scriptModels';
import { REPORT_TO_LITERAL } from './settingServices';
import { VECTOR_INDEX_LITERALS } from './vectorIndexes';

/**
 * Whether a source file is worth parsing for the AI-BOM, decided without parsing it. The engine's
 * one pass over each file (`prefilter/triggers.ts`) looks for every literal listed here; only a
 * file where one occurs is checked further (an import scan, or a precise pattern), and only a file
 * that passes is parsed. Most files of a large workspace stop at the first step.
 */

/** Lower-case literals whose absence proves a code file names no AI package or endpoint. */
export function codeLiterals(language: CodeLanguage): string[] {
  return literalsByLanguage()[language];
}

/** Every code literal of every language, plus the endpoint hosts. */

/**
 * Why a code file must be parsed for the AI-BOM (`import` of an AI package or an AI `endpoint`
 * literal), or undefined when it need not be. `triggers` are the file's one-pass results.
 */
export function codeParseReason(
  language: CodeLanguage,
  text: string,
  triggers: FileTriggers,
): 'import' | 'endpoint' | 'model setting' | 'dataset mixture' | 'dataset builder' | undefined {
  if (hostLiterals().some((host) => triggers.hasFolded(host))) return 'endpoint';
  const named =
    codeLiterals(language).some((literal) => triggers.hasFolded(literal)) || (language === 'python' && mayProbeByName(triggers));
  const imports = named && importsAi(language, text, triggers);
  if (imports) return 'import';
  // A settings module (`chat_model: str = "gpt-4o"`) may import no AI package at all.
  // An Ollama settings module (`OLLAMA_MODEL = os.getenv("OLLAMA_MODEL", "llama3.1:8b")`) may import nothing of AI.
  return mayNameModelSetting(triggers) ||
    (language === 'python' && (mayNameOllamaModel(triggers) || mayPassHubModel(text) || LEGACY_HUB_QUOTED.test(text))) ||
    mayListModelCatalog(triggers, text)
    ? 'model setting'
    : language === 'python' && mayMixDatasets(text)
      ? 'dataset mixture'
      : language === 'python' && mayImportDatasetBuilder(text)
        ? 'dataset builder'
        : undefined;
}

/** A named dataset of a training library (`from llama_cookbook.configs.datasets import samsum_dataset`): `datasetBuilders.ts`. */
export function mayImportDatasetBuilder(text: string): boolean {
  return text.includes('.datasets') && DATASET_BUILDER_IMPORT.test(text);
}

const DATASET_BUILDER_IMPORT = /^\s*from\s+\w[\w.]*\.datasets\b[\w.]*\s+import\b[^\n]*_dataset\b/m;

/** A dataset mixture built in code (`dataset_mixture = {"datasets": [{"id": "org/name"}]}`), often in tests importing no AI package. */
function mayMixDatasets(text: string): boolean {
  return text.includes('dataset_mix') && DATASET_MIXTURE_HINT.test(text);
}

/**
 * A model-named keyword given a Hub `org/name` (`super().__init__(model_repo="org/name-GGUF")`,
 * `Embedder(model_name="BAAI/bge-m3")`): a call of the workspace's own wrapper, in a file that may
 * import no AI package (`modelWrappers.ts` decides with the wrapper's definition).
 */
const HUB_MODEL_KEYWORD = /\bmodel(?:_?(?:name|id|repo(?:_?id)?))?\s*=\s*["'][A-Za-z0-9][\w.-]*\/[\w.-]+["']/;

function mayPassHubModel(text: string): boolean {
  // Also a table of keyword arguments spread into a call (`kwargs = {"model": "org/name"}` … `Client(**kwargs)`).
  // And an argument class of a training script (`asr_model_name_or_path: str = field(default="org/name")`), which imports
  // only `dataclasses`.
  return (
    text.includes('model') &&
    (HUB_MODEL_KEYWORD.test(text) || (text.includes('**') && MODEL_KWARGS_HINT.test(text)) || MODEL_DEFAULT.test(text))
  );
}

/** Literals of a model catalog's id keys (`modelId`, `model_id`, `hostedId`): `modelLists.ts`. */
const CATALOG_LITERALS = modelsData.catalogs.codeLiterals;

/** An entry of a model catalog in code: an id key and a provider key with string values (`{ modelId: "…", provider: "groq" }`). */
const CATALOG_ENTRY = /\bprovider(?:_?[Ii]d|_?[Nn]ame)?["']?\s*[:=]\s*["'`]/;

/** True when a code file may hold a model catalog whose entries name their provider (`modelLists.ts`). */
export function mayListModelCatalog(triggers: FileTriggers, text: string): boolean {
  return CATALOG_LITERALS.some((literal) => triggers.hasFolded(literal)) && CATALOG_ENTRY.test(text);
}

/** A Python file that names Ollama: its settings and script defaults may be `name:tag` models. */
export function mayNameOllamaModel(triggers: FileTriggers): boolean {
  return triggers.hasFolded(OLLAMA_LITERAL);
}

/** Ollama by name: its `name:tag` settings are models in a file that says so (`modelSettings.ts`). */
const OLLAMA_LITERAL = 'ollama';

function importsAi(language: CodeLanguage, text: string, triggers: FileTriggers): boolean {
  if (language !== 'python') return prefilterFor(language).test(text);
  // A module named in a string (`import_module("x")`, `find_spec("x")`) or a star import is no `import` statement to read.
  const dynamic = STAR_IMPORT.test(text) || (mayProbeByName(triggers) && DYNAMIC_IMPORT.test(text));
  return dynamic ? prefilterFor(language).test(text) : importsAiPython(text);
}

/** True when the one pass found a call that names a module in a string (`parse/pythonImports.ts`). */
export function mayProbeByName(triggers: FileTriggers): boolean {
  return PROBE_LITERALS.some((literal) => triggers.hasFolded(literal));
}

let quotedModelIds: string[] | undefined;

/**
 * A quoted id of a known model family (`"gpt-`, `'claude-`), or one after a colon (the default of
 * `@Value("${openai.model:gpt-4o}")`): the gate for model settings in code.
 */
function modelIdLiterals(): string[] {
  quotedModelIds ??= modelsData.settings.codeLiterals.flatMap((prefix) => ['"', "'", '`', ':'].map((quote) => `${quote}${prefix}`));
  return quotedModelIds;
}

/** True when the one pass found a quoted id of a known model family (`"gpt-`): a model setting may be there. */
export function mayNameModelSetting(triggers: FileTriggers): boolean {
  return modelIdLiterals().some((literal) => triggers.hasFolded(literal));
}

/** True when the one pass found a literal of the MCP servers code declares (`StdioServerParameters`, `mcpServers`, …). */
export function mayDeclareMcpServers(triggers: FileTriggers): boolean {
  return MCP_CODE_LITERALS.some((literal) => triggers.hasFolded(literal));
}

/** True when one of the language's AI literals or an endpoint host occurs (the one-pass result). */
export function mayMentionAi(language: CodeLanguage, triggers: FileTriggers): boolean {
  return [...codeLiterals(language), ...hostLiterals(), ...modelIdLiterals()].some((literal) => triggers.hasFolded(literal));
}

/**
 * Whether the calls of a Python file can add anything to the AI-BOM beyond its imports: a client
 * constructor of an AI SDK (a service), or a hub loader, model method or model argument that may
 * be given a string (a model or dataset id). Read on the code view (docstrings blanked); built from
 * the same catalogue data the collectors use, so a new loader or client is gated automatically.
 * False means the imports alone (`pythonImports`) are the file's whole contribution.
 */
export function pythonCallsMayMatter(code: string, imports: readonly string[], found?: FileTriggers): boolean {
  const gate = pythonCallGate();
  // A name the one pass looked for and did not find needs no search of its own.
  const mayOccur = (name: string) => !found || !gate.literals.includes(name) || found.hasGate(name);
  // A client of an SDK the file does not import cannot be resolved to it.
  const infos = imports.map((module) => pythonPackageForModule(module));
  const packages = new Set(infos.map((info) => info && `pypi:${info.name}`));
  const symbols = gate.clients.filter((client) => packages.has(client.package)).flatMap((client) => client.symbols);
  if (symbols.some((symbol) => mayOccur(symbol) && occursAsWord(code, symbol))) return true;
  // A general-purpose client used for AI (`"knn_vector"` beside `opensearchpy`).
  if (infos.some((info) => info?.aiMarkers?.some((marker) => code.includes(marker)))) return true;
  for (const call of gate.calls) {
    if (!mayOccur(call.method)) continue;
    const argumentLists = callArguments(code, call.method);
    const carries = (args: string | undefined) => call.positions.some((at) => mayCarryString(argumentText(args, at, call.keywords), code));
    if (argumentLists.some(carries)) return true;
  }
  if (
    DATASET_DEFAULT.test(code) ||
    MODEL_DEFAULT.test(code) ||
    MODEL_PART_DEFAULT.test(code) ||
    MODEL_CHOICES.test(code) ||
    pythonCallGate().modelLiteral.test(code)
  )
    return true;
  gate.modelArgument.lastIndex = 0;
  for (let match = gate.modelArgument.exec(code); match; match = gate.modelArgument.exec(code)) {
    if (mayCarryString(match[1], code)) return true;
  }
  return false;
}

/** The names `pythonCallsMayMatter` searches for, for the one pass to look for first (four characters at least). */
export function collectorGateLiterals(): string[] {
  return pythonCallGate().literals;
}

/**
 * A script option or argument-class field named for a model whose default is an `org/name` string
 * (`add_argument("--model", …, default="Qwen/…")`, `model_name_or_path: str = field(default="…")`, the
 * field's `default=` on the line after `field(` as formatters write it).
 */
const MODEL_DEFAULT =
  /(?:["']--?[\w-]*model[\w-]*["'][^)]{0,300}?\bdefault\s*=\s*|^[ \t]+\w*model\w*[ \t]*:[^=\n]{1,60}=[ \t]*(?:\w*\.?[Ff]ield\(\s*(?:default[ \t]*=[ \t]*)?)?)["'][A-Za-z0-9][\w.-]*\/[\w.-]+["']/m;

/** A model option whose `choices` list an `org/name` string (`choices=["t5-small", "facebook/opt-125m"]`). */
const MODEL_CHOICES = /["']--?[\w-]*model[\w-]*["'][^)]{0,300}?\bchoices\s*=\s*[[(][^\])]{0,300}?["'][A-Za-z0-9][\w.-]*\/[\w.-]+["']/;

/** A name with `dataset` in it followed, within the same call or field, by an `org/name` string (a dataset default). */
const DATASET_DEFAULT = /(?:datasets?|data_path)\w*["']?[^)\n]*(?:\n[^)\n]*){0,6}["'][A-Za-z0-9][\w.-]*\/[\w.-]+["']/i;

type GatedCall = LoaderIdPlaces;

interface PythonCallGate {
  clients: { package: string; symbols: string[] }[];
  calls: GatedCall[];
  modelArgument: RegExp;
  /** The client symbols and callee names the one pass can look for (ASCII, four characters or more). */
  literals: string[];
  /** A quoted id of a known family (`"gpt-…`, `'claude-…`, a spaCy pipeline): a model table or setting to read. */
  modelLiteral: RegExp;
}

let callGate: PythonCallGate | undefined;

function pythonCallGate(): PythonCallGate {
  if (callGate) return callGate;
  // Hub loaders (models and datasets) by the places of their ids; model methods take the model first.
  const modelMethods: GatedCall[] = modelsData.modelMethods.map((method) => ({ method, positions: [0], keywords: [] }));
  // Checkpoints loaded by a short name (`whisper.load_model("base")`, `inProcessModels.ts`).
  const checkpoints: GatedCall[] = modelsData.namedCheckpoints.loaders.map(({ method, keyword }) => ({
    method,
    positions: [0],
    keywords: [keyword],
  }));
  const gate: PythonCallGate = {
    clients: endpointsData.clients.filter((client) => client.package.startsWith('pypi:')),
    calls: [...loaderIdPlaces(), ...modelMethods, ...checkpoints],
    modelLiteral: new RegExp(
      `["'](?:${modelsData.settings.codeLiterals.map(escapeRegExp).join('|')})|["'](?:[a-z]{2}|xx)_(?:core|dep|ent|sent)_(?:web|news|wiki)_(?:sm|md|lg|trf)["']`,
    ),
    // Keyword arguments only (after `(` or `,`): `model_name = "flux"` as a statement is not a call's model.
    modelArgument: new RegExp(`[(,]\\s*(?:${modelsData.modelArguments.map(escapeRegExp).join('|')})\\s*=(?!=)\\s*([^,)\\n]+)`, 'gi'),
    literals: [],
  };
  const names = [...gate.clients.flatMap((client) => client.symbols), ...gate.calls.map((call) => call.method)];
  gate.literals = [...new Set(names)].filter((name) => /^[\x21-\x7e]{4,}$/.test(name));
  callGate = gate;
  return gate;
}

/** Notebook cells are small and often rely on an earlier cell's imports: the precise pattern decides. */
export function cellMayUseAi(text: string): boolean {
  return prefilterFor('python').test(text);
}

/**
 * Lower-case literals without which a collector has nothing to read in a file (each collector's
 * precise check runs only after one of them occurs). The engine's one pass looks for all of them.
 */
export const GATES = {
  bom: ['bomformat'],
  mcp: ['mcpservers', 'mcp_servers', 'context_servers'],
  plugin: ['schema_version', 'instructions'],
  /** MCP Registry entries (`server.json`) of servers the workspace publishes (`builtMcpServers.ts`). */
  mcpRegistry: ['server.schema.json', 'registrytype'],
  /** Container images a workflow pushes, kept when they are a published MCP server's (`builtMcpServers.ts`). */
  imagePush: ['build-push-action'],
  /** OpenAPI descriptions, for the AI plugins that reference them. */
  openapi: ['openapi', 'swagger'],
  semanticKernel: ['template_format', 'input_variables'],
  /** A configuration's prompt key and a training recipe's chat template (`frameworkPrompts.ts`). */
  frameworkPrompts: FRAMEWORK_PROMPT_LITERALS,
  /** Setup scripts that install the repository's agent rules (`ruleInstallers.ts`). */
  ruleInstallers: [RULE_INSTALLER_LITERAL],
  /** Issues assigned to a cloud coding agent (`codingAgentAssignments.ts`). */
  codingAgents: [CODING_AGENT_LITERAL],
  /** The batch inputs of a Prompt flow (`promptflowBatchInputs.ts`). */
  promptflowBatch: [BATCH_INPUTS_KEY],
  image: ['image'],
  /** Provider key variable names (`OPENAI_API_KEY`) in `.env` files and settings (`keyNames.ts`). */
  keyNames: keyNameLiterals(),
  /** AI agent actions and command lines in CI pipelines (`ciAgents.ts`). */
  ciAgents: ciAgentLiterals(),
  /** Claude Code and Codex plugin manifests, marketplaces and hooks (`agentPlugins.ts`). */
  agentPlugins: AGENT_PLUGIN_LITERALS,
  /** Context a Claude Code hook script adds to the model's (`hookContext.ts`). */
  hookContext: [HOOK_CONTEXT_LITERAL],
  /** Install commands (`pip install`, `uv add`, `npm i`) in scripts, Dockerfiles, CI steps and notebooks. */
  install: ['install', ' add '],
  /** `python -m <module>` in shell scripts and Makefiles (`installCommands.ts`): an AI module run is its SDK. */
  runModule: ['python -m ', 'python3 -m '],
  /** Shell downloads in notebook cells (`!wget https://…/corpus.tgz`): `downloadedData.ts`. */
  download: ['wget ', 'curl '],
  /** PEP 723 inline script metadata in Python scripts. */
  inlineScript: ['# /// script'],
  /** Dataset keys of training and evaluation configs, and promptfoo's `file://` test files. */
  dataset: ['dataset', 'file://', 'kb_files', 'kb_doc', 'kb_data', 'knowledge_base_'],
  /** Model and dataset options of launch commands (`python train.py --model_name_or_path …`): `launchArguments.ts`. */
  launch: [
    '--model',
    'model_name',
    'model_id',
    'model-name',
    'model-id',
    'base_model',
    'base-model',
    'dataset',
    'data_path',
    'data-path',
    'huggingface-cli',
    'hf download',
    // Kaggle CLI downloads (`kaggle datasets download -d owner/slug`).
    'kaggle datasets',
    'kaggle competitions',
    // Hub repositories a build step clones (`git clone https://huggingface.co/org/name`).
    'huggingface.co/',
  ],
  /** Vector index folders code or configs load (`FAISS.load_local("faiss_index")`, `index_folder:`): `vectorIndexes.ts`. */
  vectorIndex: VECTOR_INDEX_LITERALS,
  /** lighteval task strings of built-in suites (`leaderboard|mmlu:anatomy|5|0`): `lightevalTasks.ts`. */
  lightevalTasks: LIGHTEVAL_TASK_LITERALS,
  /** Agent eval set files (`*.evalset.json`): `agentEvalSets.ts`. */
  evalSet: ['eval_set_id'],
  /** Azure OpenAI deployments a script makes or names (`az cognitiveservices account deployment create`, `*_DEPLOYMENT_NAME=…`): `azureDeployCommands.ts`. */
  azureDeployments: ['cognitiveservices', '_deployment'],
  /** Kaggle Models handles in jobs, scripts and Dockerfiles (`kaggleModels.ts`). */
  kaggleModels: KAGGLE_MODEL_LITERALS,
  /** Model-serving command lines (`vllm serve`, `ollama pull`, `text-generation-launcher`, …): `servingCommands.ts`. */
  serving: [
    'vllm',
    'text-generation',
    'text_generation',
    'ollama',
    'llama-server',
    'llama_cpp',
    'sglang',
    'lmdeploy',
    'mlx_lm',
    'docker model',
    'tgi-',
    'jetstream-',
    'inference-checkpoint',
    'torchserve',
    'tritonserver',
  ],
  /** Models in configuration files: keys that say model or deployment (`ChatDeploymentName`, `llm:`), promptfoo providers. */
  // Rare key shapes and model-family values, not the word `model`, which most configuration files of
  // a code base hold (ORM models, `data_model`): a settings file naming a model has one of these.
  modelSettings: [
    ...modelsData.gateLiterals,
    'llama',
    'phi3',
    'phi-',
    'model_name',
    'model_id',
    'modelid',
    'modelname',
    'modelurl',
    'base_model',
    'chat_model',
    'chatmodel',
    'embedding_model',
    'embeddingmodel',
    'deploymentname',
    'deployment_name',
    'deployment"',
    'deployment:',
    'llm:',
    'llm"',
    'providers',
    // Model catalogs of apps: entries that name their provider (`{"id": "llama3.1", "providerId": "ollama"}`).
    '"provider',
    // Hub repositories of training configs (`tokenizer_name_or_path: org/name`, `hub_model_id`).
    'name_or_path',
    'hub_model_id',
    'tokenizer_name',
    'extractor_name',
    'processor_name',
  ],
  iac: [
    'azurerm_cognitive_',
    'azurerm_ai_services',
    'azurerm_search_service',
    'azurerm_machine_learning_',
    'aws_bedrock',
    'aws_sagemaker_',
    'google_vertex_ai_',
    'microsoft.cognitiveservices/',
    'microsoft.search/',
    'microsoft.bing/',
    'microsoft.machinelearningservices/',
    'aws::bedrock::',
    'aws::sagemaker::',
    'aws_opensearchserverless_collection',
    'aws::opensearchserverless::collection',
    'pinecone_index',
    // Bedrock Data Automation blueprint schemas (`inferenceType` beside each field's `instruction`).
    'inferencetype',
    'awscc_bedrock',
    'awscc_opensearchserverless_collection',
    'awscc_kendra_index',
    'aws_kendra_index',
    'aws::kendra::index',
    'aws-ia/opensearch-serverless/aws',
    'avm-res-search-searchservice',
    'avm/res/search/search-service',
    'google_model_armor_',
    'google_document_ai_',
    // Azure AI account kinds a Bicep or Terraform module is given (`kind: 'FormRecognizer'`, `kind = "FormRecognizer"`).
    ...AZURE_ACCOUNT_KIND_LITERALS,
  ],
  /** Models a serving stack is deployed with (Helm values, Kubernetes resources): `servingConfigs.ts`. */
  /** Experiment trackers a training config reports to (`report_to: wandb`): `settingServices.ts`. */
  trackers: [REPORT_TO_LITERAL],
  servingConfig: ['modelurl', 'model_url', 'adaptersource', 'static-models', 'storageuri: hf://', 'storageuri: "hf://', 'vllmloraconfig'],
  /** Docker Model Runner models of a Compose application (`composeModels.ts`). */
  composeModels: COMPOSE_MODEL_LITERALS,
  /** Templates whose parameters may name a model (CloudFormation, ARM templates and parameters files): `iac.ts`. */
  iacDeclarations: ['awstemplateformatversion', 'deploymentparameters', 'deploymenttemplate'],
};

/**
 * Terraform and Bicep variables, parameters, locals and module arguments that name a model: only
 * ids of hosted providers count there, and each holds one of these literals (`gpt-`, `claude`,
 * `anthropic.`, `foundation-model`, …; `models.json`), looked for only in those two kinds.
 */
export const IAC_MODEL_LITERALS: readonly string[] = modelsData.gateLiterals;

/**
 * Prompt constants (`SYSTEM_PROMPT = """…`, `const systemPrompt = \`…`, `string SystemPrompt = "…"`, a system role
 * `CODE_ROLE = """…`):
 * a module of prompts often imports nothing, so the name's assignment is its own gate; so are
 * Langfuse prompt pulls through a project's own client factory, and so is a package of prompts a
 * library reads its own files from (`importlib.resources.files("lib.prompts")`).
 */
export const PROMPT_CONSTANT_LITERALS = [
  'prompt =',
  // `DC_PROMPT_TEMPLATE = """…"""`, `CORRECTION_PROMPT_TEMPLATE_V1_0 = …` in a module of one template.
  'prompt_template',
  // `AGENTIC_REFUTE_SYSTEM = ("You adversarially verify…" …)`: a system prompt named for the system message.
  '_system = """',
  '_system = (',
  'getprompt(',
  'get_prompt(',
  'system_message =',
  '_role = """',
  '.prompts"',
  ".prompts'",
  // `prompts = {"en": {"qa_prompt": "…"}}`: a dict of prompts per language in a module of prompts.
  'prompts = {',
];

/** True when a code file that imports no AI package may still define prompt constants. */
export function mayDefinePrompts(triggers: FileTriggers): boolean {
  return PROMPT_CONSTANT_LITERALS.some((literal) => triggers.hasFolded(literal));
}

/**
 * Words of a system message written by its shape (`{"role": "system", …}`, `("system", …)`,
 * `SystemMessage(…)`, `system_message="…"`): a file that imports no AI package may still hand one to
 * the project's own LLM wrapper.
 */
export const SYSTEM_MESSAGE_LITERALS = ['"system"', "'system'", 'systemmessage(', 'system_message=', 'system_prompt='];

export function maySendSystemMessage(triggers: FileTriggers): boolean {
  return SYSTEM_MESSAGE_LITERALS.some((literal) => triggers.hasFolded(literal));
}

/** `DEFAULT_TOOL_FIND_DESCRIPTION = (…)` in an MCP server's package (`codePrompts.ts` `isToolDescriptionConstant`). */
export function mayDescribeMcpTools(path: string, text: string): boolean {
  return /mcp/i.test(path) && text.includes('TOOL_') && text.includes('DESCRIPTION');
}

/**
 * Calls of a provider SDK's resource methods (`client.chat.completions.create(…)`) with a client the code is given:
 * a library that imports no SDK may still send a default prompt through one (`codePrompts.ts` `defaultTurnPrompts`).
 */
export const SDK_SURFACE_CALL_LITERALS = ['completions.create(', 'messages.create(', 'responses.create('];

export function mayCallSdkSurface(triggers: FileTriggers): boolean {
  return SDK_SURFACE_CALL_LITERALS.some((literal) => triggers.hasFolded(literal));
}

/** Realtime API client events (`{type: "response.create", response: {instructions}}`), sent from code that may import no SDK. */
export function mayWriteRealtimeEvents(triggers: FileTriggers): boolean {
  return REALTIME_EVENT_LITERALS.some((literal) => triggers.hasFolded(literal));
}

/**
 * C# calls that send a message to a chat client (`chatClient.GetResponseAsync(prompt)`, Semantic Kernel
 * `chatHistory.AddUserMessage(…)`): a project with global usings sends them from files without an AI `using`.
 */
export const CSHARP_MESSAGE_LITERALS = ['getresponseasync(', 'getstreamingresponseasync(', 'addusermessage(', 'invokepromptasync('];

export function maySendChatMessage(triggers: FileTriggers): boolean {
  return CSHARP_MESSAGE_LITERALS.some((literal) => triggers.hasFolded(literal));
}

/** The variable names of `endpoints.json` services, lower-case. */
function keyNameLiterals(): string[] {
  const services = Object.values(endpointsData.services as Record<string, { keyNames?: string[]; weakKeyNames?: string[] }>);
  return services.flatMap((entry) => [...(entry.keyNames ?? []), ...(entry.weakKeyNames ?? [])]).map((name) => name.toLowerCase());
}

/** Every literal the AI-BOM collectors gate on, for the engine's one pass. */
export function collectorLiterals(): Record<LiteralGroup, string[]> {
  const byLanguage = literalsByLanguage();
  return {
    config: Object.values(GATES).flat(),
    iac: [...IAC_MODEL_LITERALS],
    hosts: hostLiterals(),
    'mcp:code': MCP_CODE_LITERALS,
    'code:python': [
      ...byLanguage.python,
      ...PROMPT_CONSTANT_LITERALS,
      ...SYSTEM_MESSAGE_LITERALS,
      ...SDK_SURFACE_CALL_LITERALS,
      ...modelIdLiterals(),
      ...CATALOG_LITERALS,
      OLLAMA_LITERAL,
      ...CLOUDFLARE_CODE_LITERALS,
      ...PROBE_LITERALS,
      ...MCP_SERVER_PART_LITERALS,
      HOOK_CONTEXT_LITERAL,
      ...HUB_DATASET_URI_LITERALS,
      ...RAG_DOCUMENT_LITERALS,
      ...ACTION_GROUP_LITERALS,
      RULE_INSTALLER_LITERAL,
      CODING_AGENT_LITERAL,
      ...LIGHTEVAL_TASK_LITERALS,
      ...VECTOR_INDEX_LITERALS,
      ...CDK_PROMPT_LITERALS,
      ...REALTIME_EVENT_LITERALS,
      ...JUMPSTART_LITERALS,
      ...KAGGLE_MODEL_LITERALS,
      ...CDK_SERVICE_LITERALS,
      ...CDK_CONSTRUCT_LITERALS,
      ...DOCUMENT_MODEL_LITERALS,
    ],
    'code:javascript': [
      ...byLanguage.javascript,
      ...PROMPT_CONSTANT_LITERALS,
      ...SYSTEM_MESSAGE_LITERALS,
      ...SDK_SURFACE_CALL_LITERALS,
      ...modelIdLiterals(),
      ...CATALOG_LITERALS,
      ...CLOUDFLARE_CODE_LITERALS,
      ...MCP_SERVER_PART_LITERALS,
      HOOK_CONTEXT_LITERAL,
      ...ACTION_GROUP_LITERALS,
      RULE_INSTALLER_LITERAL,
      CODING_AGENT_LITERAL,
      ...CDK_PROMPT_LITERALS,
      ...REALTIME_EVENT_LITERALS,
      ...JUMPSTART_LITERALS,
      ...CDK_SERVICE_LITERALS,
      ...CDK_CONSTRUCT_LITERALS,
      ...DOCUMENT_MODEL_LITERALS,
    ],
    'code:csharp': [
      ...byLanguage.csharp,
      ...PROMPT_CONSTANT_LITERALS,
      ...SYSTEM_MESSAGE_LITERALS,
      ...CSHARP_MESSAGE_LITERALS,
      ...modelIdLiterals(),
      ...DOCUMENT_MODEL_LITERALS,
    ],
    'code:java': [...byLanguage.java, ...modelIdLiterals(), ...RAG_DOCUMENT_LITERALS, ...DOCUMENT_MODEL_LITERALS],
    'code:go': [...byLanguage.go, CODING_AGENT_LITERAL],
  };
}

/** Collector literals by the files they concern: a Python import root says nothing about a Terraform file. */
export type LiteralGroup = 'config' | 'iac' | 'hosts' | 'mcp:code' | `code:${CodeLanguage}`;

/** The literal groups a collector reads in a file of this kind. */
export function literalGroupsFor(kind: FileKind): LiteralGroup[] {
  const language = codeLanguageOf(kind);
  if (language) return [`code:${language}`, 'hosts', 'mcp:code'];
  if (kind === 'terraform' || kind === 'bicep') return ['config', 'iac', 'hosts'];
  return CONFIG_KINDS.has(kind) ? ['config', 'hosts'] : [];
}

const CONFIG_KINDS = new Set<FileKind>(['json', 'yaml', 'toml', 'dotenv', 'text', 'dockerfile', 'terraform', 'bicep', 'shell']);

// ---------------------------------------------------------------------------------------------

const DYNAMIC_IMPORT = /\b(?:__import__|import_module|find_spec|is_package_available)\s*\(/;
const STAR_IMPORT = /^[ \t]*from[ \t]+\S+[ \t]+import[ \t]+\*/m;
const PYTHON_IMPORT = /^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import\b|import[ \t]+([\w.][\w., \t]*))/gm;

/** True when a Python module imports an AI package (`import torch`, `from openai import OpenAI`, `import os, torch as t`). */
function importsAiPython(text: string): boolean {
  PYTHON_IMPORT.lastIndex = 0;
  for (let match = PYTHON_IMPORT.exec(text); match; match = PYTHON_IMPORT.exec(text)) {
    const modules = match[1] ? [match[1]] : match[2].split(',').map((part) => part.trim().split(/[ \t]/)[0]);
    if (modules.some((module) => module && pythonPackageForModule(module))) return true;
  }
  return false;
}

let literals: Record<CodeLanguage, string[]> | undefined;
let hosts: string[] | undefined;

function hostLiterals(): string[] {
  hosts ??= endpointHints().map((hint) => hint.toLowerCase());
  return hosts;
}

function literalsByLanguage(): Record<CodeLanguage, string[]> {
  if (literals) return literals;
  const lower = (words: string[]) => [...new Set(words.map((word) => word.toLowerCase()))];
  const npmNames = Object.keys(packagesData.npm).map((name) => name.replace(/\*$/, ''));
  // The one pass needs four bytes at least: a short name is looked for in the context it is imported in.
  const widen = (words: string[], contexts: ((word: string) => string)[]) =>
    words.flatMap((word) => (word.length >= 4 ? [word] : contexts.map((context) => context(word))));
  const pythonRoots = [...importRoots('pypi'), ...prefixWords('pypi').map((word) => word.replace(/-/g, '_'))];
  literals = {
    python: lower(widen(pythonRoots, [(w) => `import ${w}`, (w) => `from ${w}`, (w) => `, ${w}`])),
    javascript: lower(widen(npmNames, [(w) => `'${w}'`, (w) => `"${w}"`, (w) => `'${w}/`, (w) => `"${w}/`, (w) => `\`${w}\``])),
    csharp: lower(widen(importRootsFull('nuget'), [(w) => `using ${w}`, (w) => `${w}.`])),
    java: lower(importRootsFull('maven')),
    go: lower(Object.keys(packagesData.golang)),
  };
  return literals;
}

const cache = new Map<CodeLanguage, RegExp>();

/** The precise pattern a candidate file of a language must match: an AI import root or endpoint host. */
function prefilterFor(language: CodeLanguage): RegExp {
  let pattern = cache.get(language);
  if (!pattern) {
    const hints = endpointHints().map(escapeRegExp);
    pattern = new RegExp([...languagePatterns(language), ...hints].join('|'), language === 'csharp' ? 'i' : '');
    cache.set(language, pattern);
  }
  return pattern;
}

/** Regular-expression sources for the import roots of a language, longest first. */
function languagePatterns(language: CodeLanguage): string[] {
  const alternation = (words: string[]) =>
    [...new Set(words)]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|');
  switch (language) {
    case 'python':
      // Prefix families (`langchain_*`, `llama_index`) share their first word.
      return [`\\b(?:${alternation([...importRoots('pypi'), ...prefixWords('pypi').map((word) => word.replace(/-/g, '_'))])})`];
    case 'javascript': {
      const names = Object.keys(packagesData.npm);
      const exact = names.filter((name) => !name.endsWith('*'));
      const prefixes = names.filter((name) => name.endsWith('*')).map((name) => name.slice(0, -1));
      // A CDN import (`"https://esm.sh/@google/genai@1.4.0"`) names the package after the host.
      const cdn = `${ESM_CDN_HOSTS}(?:${alternation([...exact, ...prefixes])})`;
      return [`["'\`](?:${alternation(exact)})["'\`/]`, `["'\`](?:${alternation(prefixes)})`, cdn];
    }
    case 'csharp':
      return [`\\b(?:${alternation(importRootsFull('nuget'))})`];
    case 'java':
      return [`\\b(?:${alternation(importRootsFull('maven'))})`];
    case 'go':
      return [`["\`](?:${alternation(Object.keys(packagesData.golang))})`];
  }
}

function prefixWords(ecosystem: 'pypi'): string[] {
  return Object.keys(packagesData[ecosystem])
    .filter((name) => name.endsWith('*'))
    .map((name) => name.slice(0, -1).replace(/[-_]+$/, ''));
}

/** Whole namespaces for languages whose first segment (`Microsoft`, `com`) says nothing. */
function importRootsFull(ecosystem: 'nuget' | 'maven'): string[] {
  const roots: string[] = [];
  for (const [name, entry] of Object.entries(packagesData[ecosystem] as Record<string, { imports?: string[] }>)) {
    if (name.endsWith('*')) continue;
    const info = lookupPackage(ecosystem, name);
    if (!info) continue;
    roots.push(...(entry.imports ?? (ecosystem === 'nuget' ? [name] : [])));
  }
  return roots;
}
