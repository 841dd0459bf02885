import { withTree } from '../parse/treeSitter';
import type { FileKind } from '../types';
import { providerForModelId } from './catalog';
import { modelComponent, property, serviceComponent } from './components';
import { iacResourcesOf } from './iacFile';
import type { IacFormat, IacResource } from './iacResource';
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
  terraform:
    /\b(?:azurerm_(?:cognitive_|ai_services|search_service|machine_learning_)|aws_bedrock|aws_sagemaker_|google_vertex_ai_)|Microsoft\.(?:CognitiveServices|Search|MachineLearningServices)\//i,
  bicep: /Microsoft\.(?:CognitiveServices|Search|MachineLearningServices)\//i,
  json: /Microsoft\.(?:CognitiveServices|Search|MachineLearningServices)\/|AWS::(?:Bedrock|SageMaker)::/i,
  yaml: /AWS::(?:Bedrock|SageMaker)::/,
};

export function mightBeIac(kind: FileKind | undefined, text: string): boolean {
  return (kind !== undefined && HINTS[kind]?.test(text)) === true;
}

export async function collectIac(path: string, text: string, kind: FileKind): Promise<PartialComponent[]> {
  const resources =
    kind === 'terraform' ? await withTree('hcl', text, (tree) => iacResourcesOf(kind, text, tree)) : iacResourcesOf(kind, text, undefined);
  return resources.flatMap((resource) => componentsOf(path, resource.format, resource));
}

// ---------------------------------------------------------------------------------------------

/** Where a resource was found, and the properties every IaC-sourced entry carries. */
class Origin {
  constructor(
    readonly path: string,
    readonly format: IacFormat,
    readonly resource: IacResource,
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
  value(...keys: string[]): { value: string; line: number } | undefined {
    const paths = this.format === 'cloudformation' ? keys.map((key) => `properties.${key}`) : keys;
    const found = this.resource.stringWithDefaults(...paths);
    return found ? { value: found.value, line: found.property.range.start.line + 1 } : undefined;
  }
}

function componentsOf(path: string, format: IacFormat, resource: IacResource): PartialComponent[] {
  const origin = new Origin(path, format, resource);
  const type = resource.type.toLowerCase();
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
  }
  if (type.startsWith('azurerm_machine_learning_') || type.startsWith('microsoft.machinelearningservices/')) {
    return service(origin, 'azure-machine-learning');
  }
  if (type.startsWith('aws_bedrock') || type.startsWith('aws::bedrock::'))
    return [...service(origin, 'aws-bedrock'), ...bedrockModels(origin)];
  if (type.startsWith('aws_sagemaker_') || type.startsWith('aws::sagemaker::')) return service(origin, 'aws-sagemaker');
  if (type.startsWith('google_vertex_ai_')) return service(origin, 'google-vertex-ai');
  return [];
}

function service(origin: Origin, serviceId: string, endpoint?: string): PartialComponent[] {
  const component = serviceComponent(serviceId, origin.at(), endpoint);
  if (!component) return [];
  component.properties.push(...origin.properties());
  return [component];
}

/** An Azure AI account: `kind` says whether it is Azure OpenAI or the multi-service Azure AI Services. */
function cognitiveAccount(origin: Origin): PartialComponent[] {
  const kind = origin.value('kind')?.value;
  if (kind?.toLowerCase() === 'openai') return service(origin, 'azure-openai', endpointOf(subdomain(origin), 'openai.azure.com'));
  return service(origin, 'azure-ai-services', endpointOf(subdomain(origin), 'cognitiveservices.azure.com'));
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

const BEDROCK_MODEL_KEYS = [
  'foundation_model',
  'foundationmodel',
  'base_model_identifier',
  'basemodelidentifier',
  'model_arn',
  'modelarn',
  'model_id',
  'modelid',
];

/** Bedrock foundation models named by id or by ARN (`arn:aws:bedrock:<region>::foundation-model/<id>`). */
function bedrockModels(origin: Origin): PartialComponent[] {
  const found = origin.value(...BEDROCK_MODEL_KEYS);
  if (!found) return [];
  const arn = /^arn:aws[\w-]*:bedrock:[\w-]*:\d*:foundation-model\/(.+)$/.exec(found.value);
  const id = arn ? arn[1] : found.value;
  if (!isModelIdShape(id) || providerForModelId(id) !== 'aws-bedrock') return [];
  return [modelComponent(id, 'aws-bedrock', origin.at(found.line), origin.properties())];
}
