import type { CodeCall, CodeFacts } from '../facts';
import { namedArg, positionalArg } from '../facts/loaders';
import type { CodeSite } from './codeImports';
import { property } from './components';
import { datasetRef } from './datasets';
import type { PartialComponent } from './types';

/**
 * LangSmith datasets a script evaluates on or reads, by name: `client.aevaluate(target,
 * data="Deep Research Bench")`, `evaluate(target, data=dataset_name)` with `dataset_name` a module
 * constant, `client.list_examples(dataset_name="…")`, `client.read_dataset(dataset_name="…")`,
 * `client.create_dataset("…")`, where the call is LangSmith's (its import or its client's, also a
 * client bound by `with Client() as client`). A name that is a file path or an expression
 * is not a dataset name.
 */

/** Literals without which a Python file names no LangSmith dataset (checked on the code view). */
export function mayNameLangsmithDataset(view: string): boolean {
  return view.includes('langsmith') && /\b(?:a?evaluate\s*\(|create_dataset\s*\(|dataset_name\s*=)/.test(view);
}

export function collectLangsmithDatasets(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'python') return [];
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    if (!isLangsmith(call)) continue;
    const evaluates = call.method === 'evaluate' || call.method === 'aevaluate';
    // `create_dataset("name", description=…)` takes the name first.
    const positional = call.method === 'create_dataset' ? positionalArg(call.args, 0) : undefined;
    const arg = evaluates ? namedArg(call.args, 'data') : (namedArg(call.args, 'dataset_name') ?? positional);
    const name = arg ? facts.valueOf(arg.node) : undefined;
    if (!name || !DATASET_NAME.test(name) || /\.(?:jsonl?|csv|tsv|parquet)$/i.test(name)) continue;
    components.push({
      ref: datasetRef('langsmith', name),
      kind: 'dataset',
      name,
      provider: 'langsmith',
      occurrences: [{ path: site.path, line: site.line(call.row), evidence: 'call', symbol: call.callee }],
      properties: [property('dataset:hub', 'langsmith'), property('dataset:use', 'evaluation')],
      dependsOn: [],
    });
  }
  return components;
}

/** A dataset's display name: printable, one line, not a path or URL. */
const DATASET_NAME = /^(?![./~]|[a-z]+:\/\/)[^\n/\\{}]{1,120}$/i;

/** The call is LangSmith's: imported from it, or made on a client LangSmith's `Client()` built. */
function isLangsmith(call: CodeCall): boolean {
  const origin = call.origin ?? call.receiver?.origin;
  return origin?.startsWith('langsmith.') === true;
}
