import { createHash } from 'node:crypto';
import { hubIdKind } from '../facts/hubIds';
import { type Tree, withTree } from '../parse/treeSitter';
import type { FileKind } from '../types';
import { AZURE_ACCOUNT_KIND_PATTERN, AZURE_ACCOUNT_KIND_SERVICES } from './azureAccountKinds';
import { iacActionGroups } from './bedrockActionGroups';
import { providerForModelId } from './catalog';
import { modelComponent, property, serviceComponent } from './components';
import { datasetRef } from './datasets';
import { declaredPrompts } from './iacDeclaredPrompts';
import { iacDeclarationsOf, iacResourcesOf } from './iacFile';
import type { IacDeclaration, IacFormat, IacProperty, IacResource } from './iacResource';
import { strongModelId } from './modelSettings';
import { isModelIdShape } from './models';
import type { Occurrence, PartialComponent, Property } from './types';

/**
 * AI services and model deployments declared as infrastructure: Terraform, Bicep, ARM templates
 * and CloudFormation. Each format has a reader that lists `IacResource`s with ranged properties;
 * this module maps those resources to services and models. Values built from variables,
 * parameters or interpolation are not literals, so they never become names or endpoints.
 */

export type { IacFormat, IacProperty, IacPropertyKind } from './iacResource';
export { IacResource } from './iacResource';

/** Cheap checks on the text, so only files that may declare AI resources are read. */
const HINTS: Partial<Record<FileKind, RegExp>> = {
  // `Microsoft.…/` types reach Terraform through `azapi_resource`.
  terraform: new RegExp(
    `\\b(?:azurerm_(?:cognitive_|ai_services|search_service|machine_learning_)|awscc_bedrock|aws_bedrock|aws_sagemaker_|google_vertex_ai_|google_model_armor_|google_document_ai_|aws_opensearchserverless_collection|awscc_opensearchserverless_collection|pinecone_index|awscc_kendra_index|aws_kendra_index)|Microsoft\\.(?:CognitiveServices|Search|MachineLearningServices|Bing)\\/|aws-ia\\/opensearch-serverless\\/aws|avm-res-search-searchservice|\\bkind\\s*=\\s*"(?:${AZURE_ACCOUNT_KIND_PATTERN})"`,
    'i',
  ),
  // A module given a single-service account kind (`kind: 'FormRecognizer'`) creates that account.
  bicep: new RegExp(
    `Microsoft\\.(?:CognitiveServices|Search|MachineLearningServices|Bing)\\/|\\bkind\\s*:\\s*'(?:${AZURE_ACCOUNT_KIND_PATTERN})'`,
    'i',
  ),
  json: /Microsoft\.(?:CognitiveServices|Search|MachineLearningServices|Bing)\/|AWS::(?:Bedrock|SageMaker|OpenSearchServerless|Kendra)::/i,
  yaml: /AWS::(?:Bedrock|SageMaker|OpenSearchServerless|Kendra)::/,
};

/**
 * Templates that may name a model in a variable, parameter, local or module argument, whatever
 * resources they declare (`variables.tf`, a Bicep `param`, a CloudFormation `Parameters` default).
 */
const MODEL_DECLARATION_HINTS: Partial<Record<FileKind, RegExp>> = {
  terraform: /^\s*(?:variable\s+"|locals\b|module\s+")/m,
  bicep: /^\s*(?:param|var)\s/m,
  json: /deployment(?:Template|Parameters)[\s\S]*model|"AWSTemplateFormatVersion"[\s\S]*"Parameters"/i,
  yaml: /^AWSTemplateFormatVersion\s*:|^Parameters\s*:[\s\S]*AWS::/m,
};

export function mightBeIac(kind: FileKind | undefined, text: string): boolean {
  if (kind === undefined) return false;
  return HINTS[kind]?.test(text) === true || (/model/i.test(text) && MODEL_DECLARATION_HINTS[kind]?.test(text) === true);
}

export async function collectIac(path: string, text: string, kind: FileKind): Promise<PartialComponent[]> {
  const read = (tree: Tree | undefined) => ({
    resources: iacResourcesOf(kind, text, tree),
    declarations: iacDeclarationsOf(kind, text, tree),
  });
  const { resources, declarations } = kind === 'terraform' ? await withTree('hcl', text, read) : read(undefined);
  const format = resources[0]?.format ?? formatOf(kind, text);
  const azure = format === 'bicep' || format === 'arm' || (format === 'terraform' && AZURE_TERRAFORM.test(text));
  const components = [
    ...resources.flatMap((resource) => componentsOf(new Origin(path, resource.format, resource, azure))),
    ...declarations.flatMap((declaration) => declaredModel(path, format, declaration, azure)),
    ...modelMapKeys(path, format, declarations, azure),
    ...resources.flatMap((resource) => iacActionGroups(path, resource)),
  ];
  // Deployment names a template gives its Azure OpenAI deployments (`param chatGptDeploymentName string = 'chat'`).
  if (azure && AZURE_AI_TEMPLATE.test(text))
    components.push(...declarations.flatMap((declaration) => declaredDeployment(path, format, declaration)));
  // Instructions in variable defaults count in a template that names models or AI services.
  return components.length > 0 ? [...components, ...declaredPrompts(path, declarations)] : components;
}

/** Terraform for Azure: its resources, or (in a `variables.tf`) descriptions that say so. OpenAI-shaped ids there are Azure OpenAI deployments. */
const AZURE_TERRAFORM = /\bazurerm_|\bazapi_|Microsoft\.CognitiveServices\/|\bAzure\b/;

function formatOf(kind: FileKind, text: string): IacFormat {
  if (kind === 'terraform' || kind === 'bicep') return kind;
  return text.includes('AWS::') ? 'cloudformation' : 'arm';
}

// ---------------------------------------------------------------------------------------------

/** Where a resource was found, and the properties every IaC-sourced entry carries. */
class Origin {
  constructor(
    readonly path: string,
    readonly format: IacFormat,
    readonly resource: IacResource,
    /** The template deploys to Azure (Bicep, ARM, or Terraform with `azurerm`/`azapi` resources). */
    readonly azure = false,
  ) {}

  at(line = this.resource.line): Occurrence {
    return { path: this.path, line, evidence: 'config', symbol: this.resource.type };
  }

  /**
   * Every IaC entry says where it came from; the region too when the template decides it (a
   * literal `location`/`region`, or a parameter's or variable's literal default). AWS templates
   * leave the region to the deployment.
   */
  properties(): Property[] {
    const properties = [property('source', 'iac'), property('iac:format', this.format), property('iac:resource', this.resource.type)];
    const region = this.value('location', 'region')?.value;
    if (region && /^[a-z][a-z0-9-]*$/i.test(region)) properties.push(property('iac:region', region));
    return properties;
  }

  /**
   * The first string among `keys` that is literal or a parameter's or variable's literal default,
   * with its 1-based line. CloudFormation keeps settings under `Properties`, so its keys are looked
   * up there.
   */
  /**
   * Every property named as a model setting (any depth: `knowledge_base_configuration.…
   * .embedding_model_arn`, `variant.model_id`, a module's `cognitive_deployments.chat.model.name`)
   * whose value the file decides, or an ARN whose model part is literal around an interpolated region.
   */
  modelSettings(): { value: string; line: number; path: string }[] {
    const found: { value: string; line: number; path: string }[] = [];
    for (const entry of this.resource.properties) {
      // A Bedrock model ARN names its model whatever the argument is called (`…_model_source`).
      const named = isModelSettingPath(entry.path) || BEDROCK_MODEL_ARN.test(String(entry.value));
      const value = named ? settingValue(this.resource, entry) : undefined;
      if (value) found.push({ value, line: entry.range.start.line + 1, path: entry.path });
    }
    return found;
  }

  value(...keys: string[]): { value: string; line: number } | undefined {
    const paths = this.format === 'cloudformation' ? keys.map((key) => `properties.${key}`) : keys;
    const found = this.resource.stringWithDefaults(...paths);
    return found ? { value: found.value, line: found.property.range.start.line + 1 } : undefined;
  }
}

/** `arn:aws:bedrock:<region>:<account>:foundation-model/<id>` or `…:inference-profile/<id>`, literal or interpolated. */
const BEDROCK_MODEL_ARN = /^"?arn:aws[\w-]*:bedrock:[^"\s]*:(?:foundation-model|inference-profile)\/[\w.:-]+"?$/;

/** A literal or resolved string, or the text of a Bedrock ARN built around an interpolated region or account. */
function settingValue(resource: IacResource, entry: IacProperty): string | undefined {
  const known = resource.known(entry.path, { defaults: true })?.value;
  if (typeof known === 'string') return known;
  const text = entry.kind === 'expression' ? String(entry.value).trim() : '';
  const arn = /^"?arn:[^"\s]*:(?:foundation-model|inference-profile)\/([\w.:-]+)"?$/.exec(text);
  return arn ? `arn:aws:bedrock:::foundation-model/${arn[1]}` : undefined;
}

function componentsOf(origin: Origin): PartialComponent[] {
  const type = origin.resource.type.toLowerCase();
  switch (type) {
    case 'azurerm_cognitive_account':
    case 'microsoft.cognitiveservices/accounts':
      return cognitiveAccount(origin);
    case 'azurerm_ai_services':
      return service(origin, 'azure-ai-services', endpointOf(subdomain(origin), 'cognitiveservices.azure.com'));
    case 'azurerm_cognitive_deployment':
    case 'microsoft.cognitiveservices/accounts/deployments':
      return azureDeployment(origin);
    case 'azurerm_search_service':
    case 'microsoft.search/searchservices':
      return service(origin, 'azure-ai-search', endpointOf(origin.value('name')?.value, 'search.windows.net'));
    // Grounding with Bing Search: the web search an Azure AI agent's grounding tool calls (not the plain Bing Search APIs).
    case 'microsoft.bing/accounts':
      return /^bing\.grounding$/i.test(origin.value('kind')?.value ?? '') ? service(origin, 'bing-grounding') : [];
  }
  if (type.startsWith('azurerm_machine_learning_') || type.startsWith('microsoft.machinelearningservices/')) {
    return service(origin, 'azure-machine-learning');
  }
  if (type === 'module') return moduleCall(origin);
  if (type === 'azapi_resource') return opaqueAzapiAccount(origin);
  if (/^(?:(?:aws|awscc)_opensearchserverless_collection|aws::opensearchserverless::collection)$/.test(type))
    return vectorCollection(origin);
  if (type === 'pinecone_index') return service(origin, 'pinecone');
  // Amazon Kendra: an ML search index, and a Bedrock knowledge base's retriever (GenAI edition).
  if (/^(?:(?:aws|awscc)_kendra_index|aws::kendra::index)$/.test(type)) return service(origin, 'aws-kendra');
  // The Cloud Control provider (`awscc_bedrock_*`) declares the same Bedrock resources.
  if (type.startsWith('aws_bedrock') || type.startsWith('awscc_bedrock') || type.startsWith('aws::bedrock::'))
    return bedrockResource(origin);
  if (type.startsWith('aws_sagemaker_') || type.startsWith('aws::sagemaker::'))
    return [...service(origin, 'aws-sagemaker'), ...containerHubModels(origin)];
  if (type.startsWith('google_vertex_ai_')) return service(origin, 'google-vertex-ai');
  // Model Armor screens prompts and responses of LLMs (templates, floor settings).
  if (type.startsWith('google_model_armor_')) return service(origin, 'google-model-armor');
  // Document AI processors run Google's document models (OCR, form and layout parsers).
  if (type.startsWith('google_document_ai_')) return service(origin, 'google-document-ai');
  return [];
}

/** ARM account types of AI services, for an `azapi_resource` whose body is an expression. */
const AZAPI_ACCOUNTS: Record<string, string> = {
  'microsoft.cognitiveservices/accounts': 'azure-ai-services',
  'microsoft.search/searchservices': 'azure-ai-search',
  'microsoft.machinelearningservices/workspaces': 'azure-machine-learning',
};

/**
 * An `azapi_resource` whose body is built by an expression (`body = { for k, v in {…} : k => v if v != null }`,
 * as Azure Verified Modules write it) is not read as ARM, but its literal `type` still says which AI
 * account it creates; the account's `kind` is inside the expression, so it is the generic AI Services account.
 */
function opaqueAzapiAccount(origin: Origin): PartialComponent[] {
  const written = origin.resource.known('type')?.value;
  const arm = typeof written === 'string' ? written.split('@')[0].toLowerCase() : '';
  return Object.hasOwn(AZAPI_ACCOUNTS, arm) ? service(origin, AZAPI_ACCOUNTS[arm]) : [];
}

function service(origin: Origin, serviceId: string, endpoint?: string): PartialComponent[] {
  const component = serviceComponent(serviceId, origin.at(), endpoint);
  if (!component) return [];
  component.properties.push(...origin.properties());
  return [component];
}

/** Single-service Azure AI account kinds that are a service of their own, by lower-case kind. */
const ACCOUNT_KINDS: Record<string, string> = Object.fromEntries(
  Object.entries(AZURE_ACCOUNT_KIND_SERVICES).map(([kind, service]) => [kind.toLowerCase(), service]),
);

/**
 * An Azure AI account: `kind` says whether it is Azure OpenAI, a single service (`FormRecognizer`
 * is Document Intelligence, `ComputerVision` is Azure AI Vision, `ContentSafety`, `SpeechServices`) or the multi-service Azure AI Services.
 */
function cognitiveAccount(origin: Origin): PartialComponent[] {
  const kind = origin.value('kind')?.value?.toLowerCase();
  if (kind === 'openai') return service(origin, 'azure-openai', endpointOf(subdomain(origin), 'openai.azure.com'));
  const single = kind !== undefined && Object.hasOwn(ACCOUNT_KINDS, kind) ? ACCOUNT_KINDS[kind] : undefined;
  return service(origin, single ?? 'azure-ai-services', endpointOf(subdomain(origin), 'cognitiveservices.azure.com'));
}

function subdomain(origin: Origin): string | undefined {
  return origin.value('custom_subdomain_name', 'properties.customsubdomainname')?.value;
}

/** `https://<label>.<domain>` for a literal DNS label; anything else has no endpoint. */
function endpointOf(label: string | undefined, domain: string): string | undefined {
  return label && /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(label) ? `https://${label.toLowerCase()}.${domain}` : undefined;
}

/**
 * A model deployment in an Azure AI account. OpenAI-format models (the default) are Azure OpenAI
 * deployments; other formats (`Meta`, `Mistral AI`, `Microsoft`) are Azure AI Foundry models.
 */
function azureDeployment(origin: Origin): PartialComponent[] {
  const name = origin.value('model.name', 'properties.model.name');
  if (!name || !isModelIdShape(name.value)) return [];
  const format = origin.value('model.format', 'properties.model.format')?.value;
  const provider = !format || format.toLowerCase() === 'openai' ? 'azure-openai' : 'azure-ai';
  const extra = origin.properties();
  const version = origin.value('model.version', 'properties.model.version')?.value;
  if (version) extra.push(property('model:version', version));
  // ARM and Bicep write child names as `account/deployment`.
  const deployment = origin.value('name')?.value.split('/').pop();
  if (deployment) extra.push(property('model:deployment-name', deployment));
  return [modelComponent(name.value, provider, origin.at(name.line), extra)];
}

/**
 * A Bedrock resource: the service, the foundation models it names (`foundation_model`, a prompt
 * variant's `model_id`, a knowledge base's `embedding_model_arn`), the vector store a knowledge
 * base writes to, an agent's instructions or a managed prompt's templates, a customisation job's
 * training data.
 */
function bedrockResource(origin: Origin): PartialComponent[] {
  const components = service(origin, 'aws-bedrock');
  const bedrock = components[0];
  for (const found of origin.modelSettings()) {
    const model = modelFromSetting(found.value);
    if (model?.provider !== 'aws-bedrock') continue;
    components.push(modelComponent(model.id, model.provider, origin.at(found.line), origin.properties()));
  }
  components.push(...knowledgeBaseStores(origin));
  const prompt = iacPrompt(origin);
  if (prompt) components.push(prompt);
  components.push(...trainingData(origin));
  if (bedrock) bedrock.dependsOn.push(...components.slice(1).map((component) => component.ref));
  return components;
}

/**
 * A model id from a setting's value: an id the catalogue's patterns recognise for a hosted
 * provider, or a Bedrock ARN (`arn:aws:bedrock:<region>::foundation-model/<id>`, also written
 * with an interpolated region). Hub and Ollama shapes are too loose to trust in IaC.
 */
export function modelFromSetting(value: string, azure = false): { id: string; provider: string } | undefined {
  const arn = /^(?:"?arn:aws[\w-]*:bedrock:[^:]*:[^:]*:(?:foundation-model|inference-profile)\/)([\w.:-]+)"?$/.exec(value);
  const id = arn ? arn[1] : value;
  if (!isModelIdShape(id)) return undefined;
  const provider = providerForModelId(id);
  if (!provider || provider === 'huggingface' || provider === 'ollama') return undefined;
  return { id, provider: azure && provider === 'openai' ? 'azure-openai' : provider };
}

/** Setting names that hold a model id: `foundation_model`, `model_id`, `embedding_model_arn`, `chatModelName`, `FoundationModel`. */
export function isModelSettingName(name: string): boolean {
  return /models?(?:_?(?:id|name|arn|identifier)s?)?$/i.test(name);
}

/** A model setting by its last segment (`…embedding_model_arn`), a `model.name` pair (`deployments[0].model.name`), or a member of a map of model ids. */
function isModelSettingPath(path: string): boolean {
  const segments = path.replace(/\[\d+\]/g, '').split('.');
  const leaf = segments[segments.length - 1];
  const parent = segments[segments.length - 2] ?? '';
  // `model.name` (an Azure deployment), or a map of model ids (`child_agent_model_ids = { 0 = "…" }`).
  return isModelSettingName(leaf) || (leaf.toLowerCase() === 'name' && parent.toLowerCase() === 'model') || /models?_?ids$/i.test(parent);
}

/** An OpenSearch Serverless collection of type `VECTORSEARCH` is a vector store (other types are search or logs). */
function vectorCollection(origin: Origin): PartialComponent[] {
  return origin.value('type')?.value.toUpperCase() === 'VECTORSEARCH' ? service(origin, 'aws-opensearch-serverless') : [];
}

/**
 * Vector stores a Bedrock knowledge base can write to, by its `storage_configuration.type` and by
 * the store's own configuration block (`pinecone_configuration`, `PineconeConfiguration`), which
 * says it even when the type comes from a variable.
 */
const KNOWLEDGE_BASE_STORES: Record<string, string> = {
  OPENSEARCH_SERVERLESS: 'aws-opensearch-serverless',
  PINECONE: 'pinecone',
  MONGO_DB_ATLAS: 'mongodb-atlas',
  RDS: 'aws-rds',
  REDIS_ENTERPRISE_CLOUD: 'redis-enterprise-cloud',
};

/** `storage_configuration.mongo_db_atlas_configuration` → `MONGO_DB_ATLAS`, in either spelling (underscores dropped). */
const STORE_BLOCKS = new Map(
  Object.keys(KNOWLEDGE_BASE_STORES).map((type) => [`storageconfiguration.${type.toLowerCase().replace(/_/g, '')}configuration`, type]),
);

function knowledgeBaseStores(origin: Origin): PartialComponent[] {
  const found = new Map<string, number | undefined>();
  const type = origin.value('storage_configuration.type', 'storageconfiguration.type');
  const typed = type ? KNOWLEDGE_BASE_STORES[type.value.toUpperCase()] : undefined;
  if (typed) found.set(typed, type?.line);
  for (const entry of origin.resource.properties) {
    const block = STORE_BLOCKS.get(
      entry.path
        .toLowerCase()
        .replace(/^properties\./, '')
        .replace(/_/g, ''),
    );
    const serviceId = block ? KNOWLEDGE_BASE_STORES[block] : undefined;
    if (serviceId && !found.has(serviceId)) found.set(serviceId, entry.range.start.line + 1);
  }
  return [...found].flatMap(([serviceId, line]) => {
    const store = serviceComponent(serviceId, origin.at(line));
    store?.properties.push(...origin.properties());
    return store ? [store] : [];
  });
}

/**
 * A Bedrock agent's `instruction` and prompt-override templates, or a managed prompt's variant
 * templates: one prompt component per resource (`path#name`), hashed over its texts in order, so a
 * BOM diff shows when the instructions change. Only literal text (heredocs included) counts.
 */
function iacPrompt(origin: Origin, isPrompt: (path: string) => boolean = isPromptPath, byArgument = false): PartialComponent | undefined {
  const texts = origin.resource.properties.filter(
    (entry) =>
      (entry.kind === 'literal' && typeof entry.value === 'string' && entry.value.trim() !== '' && isPrompt(entry.path)) ||
      (isBlueprintSchema(entry) && (!byArgument || isPrompt(entry.path))),
  );
  if (texts.length === 0) return undefined;
  // A module call is named by the argument that carries its first prompt (`agent_supervisor.supervisor_instruction`).
  const argument = byArgument ? `.${/^[\w-]+/.exec(texts[0].path)?.[0] ?? ''}` : '';
  const name = `${origin.path}#${origin.resource.name ?? origin.resource.type}${argument === '.' ? '' : argument}`;
  const hash = createHash('sha256');
  for (const entry of texts) hash.update(String(entry.value));
  return {
    ref: `prompt:${name}`,
    kind: 'prompt',
    name,
    sha256: hash.digest('hex'),
    occurrences: [origin.at(texts[0].range.start.line + 1)],
    properties: [property('prompt:type', 'agent-instructions'), ...origin.properties()],
    dependsOn: [],
  };
}

/**
 * The instructions a module call passes, one prompt per argument (`main.tf#multi_agent_ai.supervisor_instructions`,
 * `main.tf#multi_agent_ai.child_agent_instructions` for a map of them): the module's name keeps two calls
 * in one file apart (`agent_collaborator1.instruction`, `agent_collaborator2.instruction`).
 */
function moduleArgumentPrompts(origin: Origin): PartialComponent[] {
  const argumentOf = (path: string) => /^[\w-]+/.exec(path)?.[0] ?? '';
  const names = new Set(
    origin.resource.properties
      .filter((entry) => (entry.kind === 'literal' && isModuleInstruction(entry.path)) || isBlueprintSchema(entry))
      .map((entry) => argumentOf(entry.path)),
  );
  return [...names].flatMap((argument) => {
    const prompt = iacPrompt(origin, (path) => argumentOf(path) === argument && (isModuleInstruction(path) || /schema$/i.test(path)), true);
    return prompt ? [prompt] : [];
  });
}

/** `instruction`, `collaboration_instruction`, `base_prompt_template`, a prompt variant's text or chat system text. */
function isPromptPath(path: string): boolean {
  const key = path.toLowerCase().replace(/_/g, '');
  return (
    /(?:^|\.)(?:properties\.)?(?:collaboration)?instruction$/.test(key) ||
    /\.basepromptemplate$|\.baseprompttemplate$/.test(key) ||
    /templateconfiguration\.(?:text\.text|chat\.system(?:\[\d+\])?\.text)$/.test(key)
  );
}

/**
 * A module argument named for instructions (`instruction`, `supervisor_instructions`), or an entry of a
 * map of them, or a prompt variant's text passed to a module (`variants_list[0].template_configuration.text.text`).
 */
function isModuleInstruction(path: string): boolean {
  return (
    /^\w*instructions?(?:\.[\w-]+)?$/i.test(path) ||
    /templateconfiguration\.(?:text\.text|chat\.system(?:\[\d+\])?\.text)$/.test(path.toLowerCase().replace(/_/g, ''))
  );
}

/** An argument whose value (interpolated or not) is a Bedrock ARN (`arn:aws:bedrock:${local.region}:…:inference-profile/…`). */
function namesBedrockArn(entry: IacProperty): boolean {
  return typeof entry.value === 'string' && /^"?arn:aws[\w-]*:bedrock:/.test(entry.value);
}

/**
 * A Bedrock Data Automation blueprint schema (`schema`/`blueprint_schema = jsonencode({ … })` or its JSON
 * text): each field an `instruction` the model follows with an `inferenceType`. Its text is the prompt.
 */
function isBlueprintSchema(entry: IacProperty): boolean {
  if (entry.kind !== 'literal' && entry.kind !== 'expression') return false;
  if (typeof entry.value !== 'string' || !/(?:^|[._])schema$/i.test(entry.path)) return false;
  return /\binferenceType\b/.test(entry.value) && /\binstruction\b/.test(entry.value);
}

/** Training and validation data of a Bedrock model customisation (`training_data_config.s3_uri`): literal S3 URIs only. */
function trainingData(origin: Origin): PartialComponent[] {
  const datasets: PartialComponent[] = [];
  for (const entry of origin.resource.properties) {
    const key = entry.path.toLowerCase().replace(/_/g, '');
    const use = /^(?:properties\.)?(training|validation)dataconfig\b.*\.s3uri$/.exec(key)?.[1];
    const uri = origin.resource.known(entry.path, { defaults: true })?.value;
    if (!use || typeof uri !== 'string' || !/^s3:\/\/[a-z0-9][\w.-]*\/?\S*$/.test(uri)) continue;
    datasets.push({
      ref: datasetRef('s3', uri),
      kind: 'dataset',
      name: uri,
      provider: 'aws',
      occurrences: [origin.at(entry.range.start.line + 1)],
      properties: [property('dataset:hub', 's3'), property('dataset:use', use), ...origin.properties()],
      dependsOn: [],
    });
  }
  return datasets;
}

/**
 * A Terraform or Bicep module call: the models its arguments name by a model setting
 * (`foundation_model = "anthropic.claude-…"`, `cognitive_deployments = { … model = { name = "gpt-4o" } }`),
 * and the service of a known AI module (`aws-ia/bedrock/aws`, the Azure OpenAI and Cognitive Services modules).
 */
function moduleCall(origin: Origin): PartialComponent[] {
  const source = origin.value('source')?.value ?? '';
  const known = AI_MODULES.find(([pattern]) => pattern.test(source))?.[1];
  const azure = origin.azure || known?.startsWith('azure') === true || /azure/i.test(source);
  const models = origin.modelSettings().flatMap((found) => {
    const model = modelFromSetting(found.value, azure);
    return model ? [modelComponent(model.id, model.provider, origin.at(found.line), origin.properties())] : [];
  });
  // A local module (`source = "../.."`) given a Bedrock or Azure OpenAI model deploys that service.
  // A module given a Data Automation blueprint schema, or a Bedrock ARN (an inference profile's model source), deploys Bedrock.
  const blueprint = origin.resource.properties.some((entry) => isBlueprintSchema(entry) || namesBedrockArn(entry))
    ? 'aws-bedrock'
    : undefined;
  const moduleService =
    known ??
    MODULE_SERVICES.find((serviceId) => models.some((model) => model.provider === serviceId)) ??
    blueprint ??
    accountModule(origin, source);
  const services = moduleService ? service(origin, moduleService) : [];
  // An AI module's `instruction`-like arguments are its agents' instructions.
  const prompts = moduleService ? moduleArgumentPrompts(origin) : [];
  const used = [...models, ...prompts];
  for (const entry of services) entry.dependsOn.push(...used.map((component) => component.ref));
  return [...services, ...used, ...containerHubModels(origin)];
}

/**
 * The Hub model a serving container downloads when it starts (`environment = { HF_MODEL_ID =
 * "mistralai/Mistral-7B-Instruct-v0.1" }` of a SageMaker model, or of a module's `containers`): the
 * Hugging Face containers (TGI, TEI, the inference toolkit) read these names, so the value is a Hub
 * id (`org/name`) and the Hub a service of the deployment. A name elsewhere, or a folder, is none.
 */
function containerHubModels(origin: Origin): PartialComponent[] {
  const models: PartialComponent[] = [];
  for (const entry of origin.resource.properties) {
    const segments = entry.path.replace(/\[\d+\]/g, '').split('.');
    const leaf = segments[segments.length - 1]?.replace(/^["']|["']$/g, '') ?? '';
    const parent = segments[segments.length - 2] ?? '';
    const value = typeof entry.value === 'string' ? entry.value : undefined;
    if (!value || !CONTAINER_ENV.test(parent) || !HUB_MODEL_ENV.test(leaf)) continue;
    if (!value.includes('/') || !isModelIdShape(value) || hubIdKind(value) !== 'hub') continue;
    models.push(modelComponent(value, 'huggingface', origin.at(entry.range.start.line + 1), origin.properties()));
  }
  return models.length > 0 ? [...service(origin, 'huggingface-hub'), ...models] : [];
}

const CONTAINER_ENV = /^(?:env|environment|environment_variables|variables)$/i;
const HUB_MODEL_ENV = /^(?:HF_MODEL_ID|HF_MODEL|HF_MODEL_NAME|MODEL_ID|MODEL_NAME|HUGGINGFACE_MODEL)$/i;

const MODULE_SERVICES = ['aws-bedrock', 'azure-openai'];

/**
 * A module of an Azure template (a Bicep `module 'core/ai/cognitiveservices.bicep'`, a Terraform
 * `cognitive…` module) given a single-service account `kind` (`FormRecognizer`, `ComputerVision`):
 * those kinds name nothing but an Azure AI account.
 */
function accountModule(origin: Origin, source: string): string | undefined {
  if (!origin.azure && !/cognitive/i.test(source)) return undefined;
  const kind = origin.value('kind', 'params.kind')?.value?.toLowerCase();
  return kind !== undefined && Object.hasOwn(ACCOUNT_KINDS, kind) ? ACCOUNT_KINDS[kind] : undefined;
}

/** Public modules that declare AI services, by their `source`. */
const AI_MODULES: [RegExp, string][] = [
  [/^aws-ia\/bedrock\/aws$|terraform-aws-bedrock/i, 'aws-bedrock'],
  [/^Azure\/openai\/azurerm$|terraform-azurerm-openai/i, 'azure-openai'],
  [/avm-res-cognitiveservices-account|avm\/res\/cognitive-services\/account/i, 'azure-ai-services'],
  [/avm-res-search-searchservice|avm\/res\/search\/search-service/i, 'azure-ai-search'],
  [/sagemaker/i, 'aws-sagemaker'],
  // A vector collection for Bedrock knowledge bases.
  [/^aws-ia\/opensearch-serverless\/aws$/i, 'aws-opensearch-serverless'],
];

/**
 * A model named by a template's variable, parameter or local (`variable "foundation_model" {
 * default = "anthropic.claude-…" }`, `param chatModelName string = 'gpt-4o'`): settings often live
 * in `variables.tf` or a parameters section, away from the resource that uses them.
 */
function declaredModel(path: string, format: IacFormat, declaration: IacDeclaration, azure: boolean): PartialComponent[] {
  if (typeof declaration.value !== 'string') return [];
  if (!isModelSettingPath(declaration.name) && !BEDROCK_MODEL_ARN.test(declaration.value)) return [];
  const model = modelFromSetting(declaration.value, azure);
  if (!model) return [];
  const symbol = declarationSymbol(format, declaration);
  const occurrence: Occurrence = { path, line: declaration.range.start.line + 1, evidence: 'config', symbol };
  const properties = [property('source', 'iac'), property('iac:format', format), property('iac:declaration', symbol)];
  return [modelComponent(model.id, model.provider, occurrence, properties)];
}

/** A map variable named for models, deployments or versions (`openai_version_map`, `model_deployments`). */
const MODEL_MAP_NAME = /model|deployment|version/i;
/** Maps keyed by model ids that are not a catalogue of models: prices, quotas, tags, regions. */
const NOT_MODEL_MAP_NAME = /price|pricing|cost|quota|limit|rate|tag|region|location|zone|capacity|token/i;
/** A model version as Azure OpenAI writes it: a date (`2024-11-20`), `0125`, `1`, `2.0`. */
const MODEL_VERSION = /^(?:\d{4}-\d{2}-\d{2}(?:-preview)?|\d{4}|\d+(?:\.\d+){0,2})$/;

/**
 * The keys of a map variable that catalogues models (`variable "openai_version_map" { default = {
 * "gpt-4o" = "2024-11-20" } }`, often fed to `azurerm_cognitive_deployment` through `for_each`):
 * each key with a hosted model's id (by the family patterns) is a model, its value the version.
 */
function modelMapKeys(path: string, format: IacFormat, declarations: IacDeclaration[], azure: boolean): PartialComponent[] {
  const components: PartialComponent[] = [];
  const seen = new Set<string>();
  for (const declaration of declarations) {
    const { mapKey } = declaration;
    const variable = declaration.name.split('.')[0];
    if (!mapKey || seen.has(`${variable}.${mapKey}`) || !MODEL_MAP_NAME.test(variable) || NOT_MODEL_MAP_NAME.test(variable)) continue;
    seen.add(`${variable}.${mapKey}`);
    const strong = strongModelId(mapKey);
    const model = strong && !strong.route ? modelFromSetting(mapKey, azure) : undefined;
    if (!model) continue;
    const symbol = declarationSymbol(format, { ...declaration, name: variable });
    const occurrence: Occurrence = { path, line: declaration.range.start.line + 1, evidence: 'config', symbol };
    const properties = [property('source', 'iac'), property('iac:format', format), property('iac:declaration', symbol)];
    const version = mapVersion(declarations, variable, mapKey);
    if (version) properties.push(property('model:version', version));
    components.push(modelComponent(model.id, model.provider, occurrence, properties));
  }
  return components;
}

/** The version a model map gives a key: its value (`"gpt-4o" = "2024-11-20"`) or its `version` member. */
function mapVersion(declarations: IacDeclaration[], variable: string, key: string): string | undefined {
  const value = declarations.find(({ name }) => name === `${variable}.${key}` || name === `${variable}.${key}.version`)?.value;
  return typeof value === 'string' && MODEL_VERSION.test(value) ? value : undefined;
}

/** A template that deploys Azure OpenAI or AI Services (the resource type, or a module of that name). */
const AZURE_AI_TEMPLATE = /CognitiveServices|cognitiveservices|cognitive_deployment|openai/i;

/** `azureChatGptDeploymentName`, `embedding_deployment_name`, `openAiDeploymentName`: a deployment named for a model's use. */
const DEPLOYMENT_NAME = /(?:openai|gpt|chat|embedding|completion|model)\w*deployment_?name$/i;

/**
 * The name of an Azure OpenAI deployment, as a parameter's default (`param azureChatGptDeploymentName
 * string = 'chat'`): apps call the model by this name, so it is listed as a model (deployment).
 */
function declaredDeployment(path: string, format: IacFormat, declaration: IacDeclaration): PartialComponent[] {
  if (typeof declaration.value !== 'string' || !DEPLOYMENT_NAME.test(declaration.name)) return [];
  if (!/^[A-Za-z0-9][\w.-]{0,63}$/.test(declaration.value)) return [];
  const symbol = declarationSymbol(format, declaration);
  const occurrence: Occurrence = { path, line: declaration.range.start.line + 1, evidence: 'config', symbol };
  const properties = [
    property('source', 'iac'),
    property('iac:format', format),
    property('iac:declaration', symbol),
    property('model:deployment', 'true'),
    property('model:deployment-name', declaration.value),
  ];
  return [modelComponent(declaration.value, 'azure-openai', occurrence, properties)];
}

function declarationSymbol(format: IacFormat, { name, source }: IacDeclaration): string {
  switch (format) {
    case 'terraform':
      return `${source === 'default' ? 'var' : 'local'}.${name}`;
    case 'bicep':
      return `${source === 'default' ? 'param' : 'var'} ${name}`;
    case 'arm':
      return `${source === 'default' ? 'parameters' : 'variables'}('${name}')`;
    case 'cloudformation':
      return `Parameters.${name}`;
  }
}
