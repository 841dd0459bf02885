import { hubIdKind } from '../facts/hubIds';
import { type ConfigNode, configDocumentFor } from '../parse/configDocument';
import type { FileKind } from '../types';
import { modelComponent } from './components';
import { Lines } from './manifestText';
import { strongModelId } from './modelSettings';
import type { PartialComponent } from './types';

/**
 * Models a self-hosted serving stack is deployed with, in its Helm values and Kubernetes resources:
 * the vLLM production stack's `servingEngineSpec.modelSpec[].modelURL` (and the `VLLMRuntime`
 * resource's `spec.model.modelURL`), LoRA adapters pulled from the Hub (`adapterSource: {type:
 * huggingface, repository: org/name}`), the router's `--static-models a,b` argument, and a KServe
 * `InferenceService`'s Hub model (`storageUri: hf://org/name`).
 *
 * Read through the config document (positions kept); a value counts when it is a Hub repository
 * id (`org/name`, not a local folder or a placeholder: the decision AIP105 makes) or a hosted
 * provider's model id. Gated in `collect.ts` on `GATES.servingConfig`.
 */

const MAX_NODES = 20_000;

export function collectServingConfigModels(path: string, text: string, kind: FileKind): PartialComponent[] {
  if (kind !== 'yaml' && kind !== 'json') return [];
  const document = configDocumentFor(text, kind);
  const components: PartialComponent[] = kind === 'yaml' ? loraSyncerAdapters(path, text) : [];
  const add = (id: string, node: ConfigNode, symbol: string) => {
    const model = servedModel(id);
    if (!model) return;
    const line = document.lines.positionAt(node.start).line + 1;
    components.push(modelComponent(model.id, model.provider, { path, line, evidence: 'config', symbol }));
  };
  for (const root of document.documents) {
    const stack: ConfigNode[] = [root];
    let visited = 0;
    while (stack.length > 0 && visited++ < MAX_NODES) {
      const node = stack.pop() as ConfigNode;
      stack.push(...node.children);
      const value = node.string;
      if (value === undefined) continue;
      const key = typeof node.key === 'string' ? node.key : undefined;
      if (key && /^model_?url$/i.test(key)) add(value, node, key);
      else if (key && /^storage_?uri$/i.test(key) && value.startsWith('hf://') && !value.startsWith('hf://datasets/'))
        add(value.slice('hf://'.length), node, key);
      else if (key === 'repository' && isHubAdapterSource(node.parent)) add(value, node, 'adapterSource.repository');
      else if (node.parent?.kind === 'array') for (const id of staticModels(node)) add(id, node, '--static-models');
    }
  }
  return components;
}

/**
 * The LoRA adapter syncer of vLLM deployments behind the Gateway API Inference Extension reads a
 * `vLLMLoRAConfig` (usually a ConfigMap's embedded file): `ensureExist: {models: [{id, source: org/name}]}`
 * loads Hub adapters into the server, `defaultBaseModel` names the base. Read as text after the
 * `vLLMLoRAConfig` key, since the config is a string inside the manifest.
 */
function loraSyncerAdapters(path: string, text: string): PartialComponent[] {
  const start = text.indexOf('vLLMLoRAConfig');
  if (start < 0) return [];
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  LORA_SOURCE.lastIndex = start;
  for (let match = LORA_SOURCE.exec(text); match; match = LORA_SOURCE.exec(text)) {
    const model = servedModel(match[2]);
    if (!model || !match[2].includes('/')) continue;
    const symbol = match[1] === 'source' ? 'vLLMLoRAConfig.ensureExist.models.source' : 'vLLMLoRAConfig.defaultBaseModel';
    components.push(modelComponent(model.id, model.provider, { path, line: lines.at(match.index), evidence: 'config', symbol }));
  }
  return components;
}

const LORA_SOURCE = /^[ \t]*(?:-[ \t]+)?(source|defaultBaseModel):[ \t]*["']?([\w.-]+\/[\w.-]+)["']?[ \t]*$/gm;

/** `adapterSource: {type: huggingface, repository: …}` (a local or S3 source has no Hub repository). */
function isHubAdapterSource(node: ConfigNode | undefined): boolean {
  if (node?.key !== 'adapterSource') return false;
  const type = node.get('type')?.string;
  return type === undefined || type.toLowerCase() === 'huggingface';
}

/** The ids of `--static-models a,b` (two items of an argument list) or `--static-models=a,b`. */
function staticModels(node: ConfigNode): string[] {
  const value = node.string ?? '';
  const inline = /^--static-models=(.+)$/.exec(value);
  if (inline) return inline[1].split(',');
  const index = typeof node.key === 'number' ? node.key : -1;
  const previous = index > 0 ? node.parent?.items()[index - 1]?.string : undefined;
  return previous === '--static-models' ? value.split(',') : [];
}

/** A Hub repository id (`meta-llama/Llama-3.1-8B-Instruct`) or a hosted provider's model id. */
function servedModel(raw: string): { id: string; provider: string | undefined } | undefined {
  const id = raw.trim();
  const strong = strongModelId(id);
  if (strong && !id.includes('/')) return strong;
  return id.includes('/') && hubIdKind(id) === 'hub' ? { id, provider: 'huggingface' } : undefined;
}
