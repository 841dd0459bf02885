import { type ClientUse, type CodeArg, type CodeCall, type CodeFacts, type HubLoad, packageKey } from '../facts';
import { type HubIdEvidence, hubIdEvidence, hubIdKind, isSubfolderDefault } from '../facts/hubIds';
import { HUB_MODEL_CLASSES, positionalArg } from '../facts/loaders';
import { descendantsOf } from '../parse/nodeIndex';
import { stringValue } from '../parse/python';
import {
  argumentKey,
  isDirectRouteCaller,
  isModelArgument,
  isModelMethod,
  isRoutingContext,
  isSdkModelSurface,
  type PackageInfo,
  providerForModelId,
  splitRoute,
  withoutResourcePrefix,
} from './catalog';
import type { CodeSite } from './codeImports';
import { modelComponent, property, sdkComponent, serviceComponent } from './components';
import { isNotModelWord, isTestDoubleName, promptfooModel, strongModelId } from './modelSettings';
import type { Occurrence, PartialComponent, Property } from './types';

/**
 * Model ids: at SDK call sites (`model=`, deployment names, `from_pretrained("org/name")`,
 * `pipeline(model=…)`, `openai('gpt-4o')`, builder `.modelName("…")`), in `.env` variables and in
 * prompt configuration. Each id is normalised to a provider and an id; hub models get a purl.
 */

/** Plausible model ids: no spaces, paths, URLs or file names. */
export function isModelIdShape(value: string | undefined): value is string {
  if (!value || value.length > 128 || !/[A-Za-z]/.test(value)) return false;
  // A leading `@` is a scoped npm name unless a provider's namespace says model (`@cf/meta/llama-3.1-8b-instruct`).
  const unscoped = value.startsWith('@') && providerForModelId(value) ? value.slice(1) : value;
  if (!/^[A-Za-z0-9][\w.:/@+-]*$/.test(unscoped)) return false;
  // A prefix or a cut-off id (`"claude-3-"` in a table of families a check starts with) names no model.
  if (/[-_.:@+]$/.test(value)) return false;
  if (
    value.includes('//') ||
    value.endsWith('/') ||
    /\.(?:bin|pt|pth|gguf|onnx|safetensors|pkl|json|jsonl|csv|parquet|ya?ml|txt|md|prompty|jinja2?|j2|py|ts|js|html|h5|ckpt)$/i.test(value)
  ) {
    return false;
  }
  return true;
}

/**
 * A provider pattern specific enough to trust without an SDK call around it; at a call site also a
 * known provider's prefix before an id of its shape (`Agent[Deps, Out]("google:gemini-…")`,
 * `agent.override(model="openai:gpt-5.1")`). Tables keyed by such ids are not calls, so they stay out.
 */
function isStrongPattern(id: string): boolean {
  return strongModelId(id) !== undefined || (id.includes(':') && promptfooModel(id)?.strong === true);
}

const DEPLOYMENT_ARGUMENTS = new Set(['deploymentname', 'azuredeployment', 'deploymentid', 'deployment']);

interface Candidate {
  id: string;
  call: CodeCall;
  argument?: string;
  hub: boolean;
  task?: string;
}

export function collectCodeModels(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  const evidence = hubIdEvidence(facts, site.project);
  const aliases = routerAliases(facts);
  for (const call of facts.calls) {
    const pkg = facts.packageOf(call);
    for (const candidate of candidatesOf(facts, call, pkg, facts.clients.get(call), facts.hubLoadOf(call), evidence)) {
      // `model="tgi"`, `modelId=YOUR_PROVISIONED_THROUGHPUT_ARN`: a word or a placeholder names no model.
      if (isNotModelWord(candidate.id) || hubIdKind(candidate.id) === 'placeholder' || aliases.has(candidate.id)) continue;
      // A Google Cloud resource other than a publisher model (`projects/p/locations/l/endpoints/123`) names no model id.
      if (withoutResourcePrefix(candidate.id).startsWith('projects/')) continue;
      // Without an AI package behind the call, only an unmistakable id counts: in a file that imports AI, or on
      // an SDK's own surface reached through the workspace's client module (`openai.beta.assistants.create`).
      if (!pkg && !(isStrongPattern(candidate.id) && (facts.packages.packages.length > 0 || isSdkModelSurface(call.callee)))) continue;
      const owner = pkg ?? facts.packages.soleProviderPackage();
      const use = facts.clientOf(call);
      const direct = isDirectRouteCaller(pkg ? packageKey(pkg) : undefined, [call.method, call.typeName]);
      const normalized = normalizeModel(candidate, pkg, use, direct);
      const occurrence: Occurrence = { path: site.path, line: site.line(call.row), evidence: 'call', symbol: call.callee };
      const extra: Property[] = [];
      if (candidate.argument && DEPLOYMENT_ARGUMENTS.has(argumentKey(candidate.argument))) extra.push(property('model:deployment', 'true'));
      if (normalized.route) extra.push(property('model:route', normalized.route));
      // LiteLLM calls a route's provider itself: the model implies that provider's service.
      if (normalized.route && direct) extra.push(property('model:direct-route', 'true'));
      if (candidate.task) extra.push(property('task', candidate.task));
      const model = modelComponent(normalized.id, normalized.provider, occurrence, extra);
      components.push(model);
      // A Hub loader (or a local embeddings class) given an `org/name` id downloads it from the Hugging Face Hub at run time.
      const downloads = candidate.hub || (HUB_MODEL_CLASSES.has(call.method) && hubIdKind(candidate.id, evidence) === 'hub');
      const hub = downloads && candidate.id.includes('/') ? serviceComponent('huggingface-hub', occurrence) : undefined;
      if (hub) components.push(hub);
      if (owner) {
        const sdk = sdkComponent(owner, occurrence);
        sdk.dependsOn.push(model.ref);
        components.push(sdk);
      }
    }
  }
  return components;
}

/**
 * The names a LiteLLM router's model list routes by: `{"model_name": "model-group-1",
 * "litellm_params": {"model": "gpt-4o-mini"}}`. Code then passes the alias as its model
 * (`LiteLLMRouterModel(model_id="model-group-1")`); the models are those of `litellm_params`.
 */
function routerAliases(facts: CodeFacts): Set<string> {
  const aliases = new Set<string>();
  if (facts.language !== 'python' || !facts.text.includes('litellm_params')) return aliases;
  for (const pair of descendantsOf(facts.tree.rootNode, 'pair', 'python')) {
    const key = pair.childForFieldName('key');
    if (!key || stringValue(key) !== 'litellm_params') continue;
    for (const sibling of pair.parent?.namedChildren ?? []) {
      const siblingKey = sibling?.type === 'pair' ? sibling.childForFieldName('key') : null;
      const value = siblingKey && stringValue(siblingKey) === 'model_name' ? sibling?.childForFieldName('value') : null;
      const alias = value ? stringValue(value) : undefined;
      if (alias) aliases.add(alias);
    }
  }
  return aliases;
}

/** The model ids one call passes, with how they were passed. */
function candidatesOf(
  facts: CodeFacts,
  call: CodeCall,
  pkg: PackageInfo | undefined,
  use: ClientUse | undefined,
  hub: HubLoad | undefined,
  evidence: HubIdEvidence,
): Candidate[] {
  if (hub) {
    if (hub.loads !== 'model') return [];
    // MLC LLM names a Hub repository with its scheme (`MLCEngine("HF://mlc-ai/…-MLC")`).
    const id = hub.idArg?.value?.replace(HUB_SCHEME, '');
    // The decision AIP105 makes too: placeholders and local folders are not Hub models.
    return isModelIdShape(id) && hubIdKind(id, evidence) === 'hub' && !(hub.idArg && isSubfolderDefault(facts, hub.idArg.node, id))
      ? [{ id, call, argument: hub.loader.keywords[0], hub: true, task: hub.task }]
      : [];
  }
  const found: Candidate[] = [];
  for (const arg of call.args) {
    if (arg.name && isModelArgument(arg.name) && isModelIdShape(arg.value))
      found.push({ id: arg.value, call, argument: arg.name, hub: false });
  }
  if (found.length > 0) return found;
  const byMethod = isModelMethod(call.method) || (use?.call === call && use.client.modelArg !== undefined);
  // Resolving a value follows variables: only do it for calls that could pass a model id.
  if (!byMethod && pkg === undefined) return found;
  const first = positional(call.args, use?.call === call && use.client.modelArg !== undefined ? use.client.modelArg : 0);
  // A bare string argument counts when the callee takes a model id, or when its shape says so.
  // `Agent("groq:llama-3.3-70b-versatile")`: a known provider's prefix says model as surely as the id's shape.
  // A test double's name (`client.generate('dummy-image', …)` against a mocked server) is no model.
  if (first !== undefined && isTestDoubleName(first)) return found;
  if (isModelIdShape(first) && (byMethod || (pkg !== undefined && (isStrongPattern(first) || promptfooModel(first) !== undefined)))) {
    found.push({ id: first, call, argument: isModelMethod(call.method) ? call.method : undefined, hub: false });
  }
  return found;
}

const HUB_SCHEME = /^HF:\/\/(?!datasets\/|spaces\/)/i;

function positional(args: CodeArg[], index: number): string | undefined {
  return positionalArg(args, index)?.value;
}

/**
 * Provider, in order: hub loaders → Hugging Face; gateway routes (`anthropic/claude-…` through
 * LiteLLM or OpenRouter); the service the client reaches (Azure deployments are Azure OpenAI);
 * a route to a hosted-only family (`deepseek/deepseek-chat`); the id's shape; the SDK's own provider.
 */
function normalizeModel(
  candidate: Candidate,
  pkg: PackageInfo | undefined,
  use: ClientUse | undefined,
  directRoute = false,
): { id: string; provider?: string; route?: string } {
  const id = withoutResourcePrefix(candidate.id);
  if (candidate.hub) return { id, provider: 'huggingface' };
  // An Ollama client takes `name:tag` (`mistral:instruct`): the name before the colon is no provider prefix.
  if (use && !use.custom && use.provider === 'ollama') return { id, provider: 'ollama' };
  // LangChain's `provider:model` (`init_chat_model("anthropic:claude-…")`, `init_embeddings("openai:text-embedding-3-small")`).
  const prefixed = id.includes(':') ? promptfooModel(id) : undefined;
  if (prefixed) return { id: prefixed.id, provider: prefixed.provider, route: id };
  if (directRoute || isRoutingContext(pkg ? packageKey(pkg) : undefined, use?.serviceId)) {
    const route = splitRoute(id);
    if (route) return { id: route.id, provider: route.provider, route: id };
  }
  if (use && !use.custom && use.client.modelProvider) return { id, provider: use.client.modelProvider };
  if (use && !use.custom && use.provider) return { id, provider: use.provider };
  // `deepseek/deepseek-chat`, `anthropic/claude-…` given to a wrapper of LiteLLM or a gateway: a route, not a Hub id.
  const routed = strongModelId(id);
  if (routed?.route) return { id: routed.id, provider: routed.provider, route: routed.route };
  const byShape = providerForModelId(id);
  if (byShape) return { id, provider: byShape };
  if (pkg && pkg.category === 'llm-sdk') return { id, provider: pkg.provider };
  return { id };
}

/** A model named by configuration (prompt files, agent files), normalised like code. */
export function configModel(
  id: string,
  providerHint: string | undefined,
  occurrence: Occurrence,
  extra: Property[] = [],
): PartialComponent | undefined {
  if (!isModelIdShape(id)) return undefined;
  return modelComponent(id, providerHint ?? providerForModelId(id), occurrence, extra);
}
