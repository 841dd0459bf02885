import * as posixPath from 'node:path/posix';
import type { CodeFacts } from '../facts';
import type { CodeSite } from './codeImports';
import { property } from './components';
import { fileDatasetRef, workspaceDataPath } from './datasets';
import type { Occurrence, PartialComponent } from './types';

/**
 * Evaluation and fine-tuning data that a script reads from the workspace: in a Python file named as
 * an evaluation or fine-tuning script (`evaluate.py`, `run_evals.py`, `finetune.py`, or under an
 * `evals/` folder), the JSON Lines, JSON, CSV/TSV or Parquet file given to a reader
 * (`pd.read_json(data_path, lines=True)`, `jsonlines.open(…)`, `open(…)`, `load_jsonl(…)`), with the
 * path a literal or a variable bound to one. Such a script runs from its own folder (it imports its
 * sibling modules), so the path is resolved from there.
 */

/** A script whose file or folder name says it evaluates or fine-tunes a model. */
const EVAL_SCRIPT =
  /(?:^|\/)(?:evals?|evaluations?|evaluators?)\/|(?:^|[/_-])(?:evals?|evaluate|evaluation|fine_?tun\w*|finetun\w*)(?:[_-][^/]*)?\.(?:py|ipynb)$/i;

/** Readers of a data file by their called name; the path is the first argument. */
const READERS = new Set(['read_json', 'read_csv', 'read_table', 'read_parquet', 'open', 'load_jsonl', 'read_jsonl', 'load_json']);

/** A JSON Lines, JSON, CSV/TSV or Parquet file. */
export const EVAL_DATA_FILE = /\.(?:jsonl|json|csv|tsv|parquet)$/i;

/** Words without which an evaluation script reads no data file (checked before a parse). */
export const EVAL_DATA_HINT = /\b(?:read_json|read_csv|read_table|read_parquet|jsonlines|load_jsonl|read_jsonl|load_json|open)\s*\(/;

export function isEvalScript(path: string): boolean {
  return EVAL_SCRIPT.test(path);
}

export function collectEvalDataFiles(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'python' || !isEvalScript(site.path)) return [];
  return dataFilesRead(site, facts).map(({ path, occurrence }) => ({
    ref: fileDatasetRef(path),
    kind: 'dataset',
    name: path,
    occurrences: [occurrence],
    properties: [property('dataset:source', 'file'), property('dataset:use', 'evaluation')],
    dependsOn: [],
  }));
}

/**
 * The workspace data files (JSON, JSONL, CSV, TSV, Parquet) a Python file reads with a reader call,
 * with where: `open(path, "w")` and other files it writes, outputs and configuration are left out.
 */
export function dataFilesRead(site: CodeSite, facts: CodeFacts): { path: string; occurrence: Occurrence }[] {
  const found: { path: string; occurrence: Occurrence }[] = [];
  for (const call of facts.calls) {
    if (!READERS.has(call.method)) continue;
    const mode = call.args.find((arg, index) => arg.name === 'mode' || (arg.name === undefined && index === 1))?.value;
    if (call.method === 'open' && mode !== undefined && /[wax]/.test(mode)) continue;
    const written = call.args.find((arg) => arg.name === undefined)?.value;
    if (!written || !EVAL_DATA_FILE.test(written) || isNotInputData(facts, written)) continue;
    const path = workspaceDataPath(written, site.path, true);
    if (path) found.push({ path, occurrence: { path: site.path, line: site.line(call.row), evidence: 'call', symbol: call.callee } });
  }
  return found;
}

/** Configuration, not data: `config.json`, `eval_config.json`, `settings.json`, a schema or manifest. */
const CONFIG_NAME = /(?:^|[._-])(?:config|configs|settings|package|tsconfig|credentials|secrets?|schema|manifest|env)(?:[._-]|$)/i;

/** Names of what an evaluation writes: results, outputs, predictions, scores. */
const OUTPUT_NAME = /(?:^|[_.-])(?:results?|outputs?|predictions?|preds|scores?|responses)(?:[_.-]|$)/i;

/**
 * A file the script writes (`open("result.jsonl", "w")`, `df.to_json("result.jsonl")`, in this file or
 * this notebook cell) or names as an output is its product, and a configuration file is not data.
 */
function isNotInputData(facts: CodeFacts, written: string): boolean {
  const name = posixPath.basename(written);
  if (OUTPUT_NAME.test(name) || CONFIG_NAME.test(name)) return true;
  return facts.calls.some((call) => {
    const first = call.args.find((arg) => arg.name === undefined)?.value;
    if (!first || posixPath.basename(first) !== name) return false;
    if (/^to_(?:json|csv|parquet)$/.test(call.method)) return true;
    const mode = call.args.find((arg, index) => arg.name === 'mode' || (arg.name === undefined && index === 1))?.value;
    return call.method === 'open' && mode !== undefined && /[wax]/.test(mode);
  });
}
