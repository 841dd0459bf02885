import type { CodeArg, CodeFacts } from '../facts';
import { hubIdEvidence, hubIdKind } from '../facts/hubIds';
import type { CodeSite } from './codeImports';
import { modelComponent } from './components';
import { strongModelId } from './modelSettings';
import type { PartialComponent } from './types';

/**
 * Keyword arguments kept in a table and spread into a call (`kwargs = {"model": "org/name", "port": 8000}` …
 * `VLLMClient(max_tokens=500, **kwargs)`, `load_dataset(**dataset_kwargs)`): the values of the table's keys,
 * each binding of the name a candidate (one per branch of an `if`).
 */
export function splattedValues(facts: CodeFacts, args: readonly CodeArg[], keys: readonly string[]): string[] {
  const splat = args.find((arg) => arg.node.type === 'dictionary_splat')?.node.namedChildren[0];
  if (splat?.type !== 'identifier') return [];
  const values: string[] = [];
  for (const source of facts.flow.sources(splat)) {
    if (source.node.type !== 'dictionary') continue;
    for (const pair of source.node.namedChildren) {
      const key = pair?.type === 'pair' ? facts.valueOf(pair.childForFieldName('key')) : undefined;
      const value = key && keys.includes(key) ? facts.valueOf(pair?.childForFieldName('value')) : undefined;
      if (value) values.push(value);
    }
  }
  return values;
}

/** Keys of a keyword table that hold the model a call is given. */
const MODEL_KEYS = ['model', 'model_name', 'model_id', 'model_name_or_path', 'pretrained_model_name_or_path'];

/** A table of keyword arguments with a model key given a Hub id (checked on the text before a parse). */
export const MODEL_KWARGS_HINT =
  /["'](?:pretrained_)?model(?:_name|_id|_name_or_path)?["']\s*:\s*["'][A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*["']/;

/**
 * Hub models given to a call through a keyword table (`mistral_kwargs = {"model": "mistralai/Mistral-7B-Instruct-v0.2", …}`
 * … `VLLMClient(**mistral_kwargs)`): only an `org/name` Hub id that names no local folder counts, since the call may be
 * any class of the workspace (a provider's route such as `openai/gpt-4o` is left to the readers of its SDK).
 */
export function collectSplattedModels(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'python' || !facts.text.includes('**') || !MODEL_KWARGS_HINT.test(facts.text)) return [];
  const evidence = hubIdEvidence(facts, site.project);
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    for (const id of new Set(splattedValues(facts, call.args, MODEL_KEYS))) {
      // A gateway route (`openai/gpt-4o`) is the provider's model, not a Hub repository.
      if (!id.includes('/') || strongModelId(id) || hubIdKind(id, evidence) !== 'hub') continue;
      components.push(
        modelComponent(id, 'huggingface', { path: site.path, line: site.line(call.row), evidence: 'call', symbol: call.callee }),
      );
    }
  }
  return components;
}
