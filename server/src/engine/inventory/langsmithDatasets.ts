import * as posix from 'node:path/posix';
import type { CodeCall, CodeFacts } from '../facts';
import { namedArg, positionalArg } from '../facts/loaders';
import type { CodeSite } from './codeImports';
import { property } from './components';
import { datasetRef, evaluationDataFile } from './datasets';
import type { PartialComponent } from './types';

/**
 * LangSmith datasets a script evaluates on or reads, by name: `client.aevaluate(target,
 * data="Deep Research Bench")`, `evaluate(target, data=dataset_name)` with `dataset_name` a module
 * constant, `client.list_examples(dataset_name="…")`, `client.read_dataset(dataset_name="…")`,
 * `client.create_dataset("…")`, where the call is LangSmith's (its import or its client's, also a
 * client bound by `with Client() as client`). The JavaScript SDK's `evaluate(target, { data:
 * datasetName })` from `langsmith/evaluation`, `createDataset("…")` and `{ datasetName: "…" }`
 * count alike. A name that is a file path or an expression is not a dataset name.
 */

/** Literals without which a Python file names no LangSmith dataset (checked on the code view). */
export function mayNameLangsmithDataset(view: string): boolean {
  return view.includes('langsmith') && /\b(?:a?evaluate\s*\(|create_dataset\s*\(|dataset_name\s*=)/.test(view);
}

export function collectLangsmithDatasets(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'python' && facts.language !== 'javascript') return [];
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    if (!isLangsmith(call)) continue;
    if (facts.language === 'javascript' && call.method === 'test') {
      components.push(...testInputModules(site, facts, call));
      continue;
    }
    const evaluates = call.method === 'evaluate' || call.method === 'aevaluate';
    // `create_dataset("name", description=…)` (`createDataset` in JavaScript) takes the name first.
    const positional = /^create_?dataset$/i.test(call.method) ? positionalArg(call.args, 0) : undefined;
    const arg = evaluates
      ? namedArg(call.args, 'data')
      : (namedArg(call.args, 'dataset_name') ?? namedArg(call.args, 'datasetName') ?? positional);
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

/** The call is LangSmith's: imported from it (`langsmith.evaluation`, `langsmith/evaluation`), or made on a client LangSmith's `Client()` built. */
function isLangsmith(call: CodeCall): boolean {
  const origin = call.origin ?? call.receiver?.origin;
  return origin !== undefined && /^langsmith(?:[./]|$)/.test(origin);
}

/**
 * A LangSmith test case of `langsmith/vitest` or `langsmith/jest` (`ls.test(name, { inputs:
 * QUERY_ROUTING_DATA.inputs, referenceOutputs: … }, fn)`) whose inputs a module of the workspace
 * exports (`import { QUERY_ROUTING_DATA } from "./data/query_routing.js"`): that module is the
 * evaluation's data. Inputs written in place, or imported from a package, name no data module.
 */
function testInputModules(site: CodeSite, facts: CodeFacts, call: CodeCall): PartialComponent[] {
  const inputs = namedArg(call.args, 'inputs');
  const module = inputs ? facts.javascript?.originOf(inputs.node)?.module : undefined;
  if (!module?.startsWith('.')) return [];
  const base = posix.join(posix.dirname(site.path), module).replace(/\.(?:[cm]?js|[cm]?ts)$/, '');
  if (base.startsWith('..')) return [];
  const occurrence = { path: site.path, line: site.line(call.row), evidence: 'call' as const, symbol: call.callee };
  // TypeScript imports name the emitted `.js`; the module is whichever of them the workspace has.
  return ['.ts', '.js'].map((extension) => evaluationDataFile(`${base}${extension}`, occurrence, true));
}
