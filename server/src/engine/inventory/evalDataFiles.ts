import * as posixPath from 'node:path/posix';
import { type CodeCall, type CodeFacts, packageForModule } from '../facts';
import { MAX_HOPS } from '../facts/flow';
import { descendantsOf } from '../parse/nodeIndex';
import type { Node } from '../parse/treeSitter';
import type { PackageInfo } from './catalog';
import type { CodeSite } from './codeImports';
import { candidatePaths, evaluationDataFile, workspaceDataPath } from './datasets';
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
export const EVAL_DATA_HINT =
  /\b(?:read_json|read_csv|read_table|read_parquet|jsonlines|load_jsonl|read_jsonl|load_json|open|from_file)\s*\(/;

export function isEvalScript(path: string): boolean {
  return EVAL_SCRIPT.test(path);
}

/** `onlyExisting`: a notebook read as one module, whose later cells often read what earlier ones wrote. */
export function collectEvalDataFiles(site: CodeSite, facts: CodeFacts, onlyExisting = false): PartialComponent[] {
  if (facts.language !== 'python' || !isEvalScript(site.path)) return [];
  const read = dataFilesRead(site, facts).map(({ path, occurrence, mustExist }) =>
    EVAL_DATA_URL.test(path) ? evaluationDataUrl(path, occurrence) : evaluationDataFile(path, occurrence, mustExist || onlyExisting),
  );
  return [...read, ...dataFileConstants(site, facts)];
}

/**
 * Module constants of an evaluation script that name its input data (`DEFAULT_QUERIES_FILE =
 * "evals/inputs/queries.jsonl"`, handed to a class or a function as a default): a data file that is
 * no output or configuration, from the script's folder or one above it, when the workspace has it.
 */
function dataFileConstants(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const assignment of descendantsOf(facts.tree.rootNode, 'assignment', 'python')) {
    const name = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (name?.type !== 'identifier' || !CONSTANT_NAME.test(name.text) || OUTPUT_CONSTANT.test(name.text) || right?.type !== 'string')
      continue;
    const written = facts.valueOf(right);
    const url = written !== undefined && EVAL_DATA_URL.test(written) && !NOT_DATA_URL_CONSTANT.test(name.text);
    // The module-level test first: `isNotInputData` walks the file's calls.
    if (
      !written ||
      !(url || EVAL_DATA_FILE.test(written)) ||
      assignment?.parent?.parent?.type !== 'module' ||
      isNotInputData(facts, written)
    )
      continue;
    const occurrence: Occurrence = {
      path: site.path,
      line: site.line(assignment.startPosition.row),
      evidence: 'constant',
      symbol: name.text,
    };
    // A benchmark bundle the script downloads (`EVAL_BUNDLE_URL = "https://…/eval_bundle.zip"`), named by its URL.
    if (url) components.push(evaluationDataUrl(written, occurrence));
    else
      for (const path of candidatePaths(written, site.path, false, EVAL_DATA_FILE))
        components.push(evaluationDataFile(path, occurrence, true));
  }
  return components;
}

/**
 * `QUERIES_FILE = "evals/inputs/queries.jsonl"`, `triage_cases = "eval_cases/triage_cases.json"` at the
 * top level (checked on the text before a parse).
 */
const DATA_FILE_CONSTANT = /^[A-Za-z_]\w*\s*(?::[^=\n]*)?=\s*[rR]?["'][^"'\n]+\.(?:jsonl|json|csv|tsv|parquet|zip)["']/m;

/** A benchmark published at a URL: a data file or an archive of them (not a page, an API or a config). */
const EVAL_DATA_URL = /^https?:\/\/[^\s"'?#]+\.(?:jsonl|csv|tsv|parquet|zip|tar\.gz|tgz)$/i;

/** Evaluation data named by the URL it is downloaded from. */
function evaluationDataUrl(url: string, occurrence: Occurrence): PartialComponent {
  const dataset = evaluationDataFile(url, occurrence, false);
  return {
    ...dataset,
    ref: `dataset:url/${url}`,
    properties: dataset.properties.map((entry) => (entry.name.endsWith(':dataset:source') ? { ...entry, value: 'url' } : entry)),
  };
}

/** An evaluation script that may name its input data by a module constant or a URL, whatever it imports. */
export function mayNameEvalDataConstant(path: string, text: string): boolean {
  return isEvalScript(path) && (DATA_FILE_CONSTANT.test(text) || /["']https?:\/\/[^"'\s]+\.(?:jsonl|csv|tsv|parquet)["']/.test(text));
}

/** `QUERIES_FILE`, `DATA_PATH`: an upper-case module constant. */
const CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;
/** Archives of weights rather than data: `MODEL_URL`, `CHECKPOINT_URL`, `TOKENIZER_URL`. */
const NOT_DATA_URL_CONSTANT = /(?:^|_)(?:MODELS?|WEIGHTS|CHECKPOINTS?|CKPT|TOKENIZER|VOCAB)(?:_|$)/;
/** Constants that name what the script writes: `OUTPUT_FILE`, `RESULTS_PATH`, `LOG_FILE`. */
const OUTPUT_CONSTANT = /(?:^|_)(?:OUT|OUTPUT|OUTPUTS|RESULTS?|SAVE|LOG|LOGS|CACHE|PREDICTIONS?|PREDS|SCORES?|REPORT)(?:_|$)/;

export interface DataFileRead {
  path: string;
  occurrence: Occurrence;
  mustExist: boolean;
  /** The path as the code gives it, and whether it is built from the script's own folder (`__file__`). */
  written: string;
  fromOwnFolder: boolean;
}

/**
 * The workspace data files (JSON, JSONL, CSV, TSV, Parquet) a Python file reads with a reader call,
 * with where: `open(path, "w")` and other files it writes, outputs and configuration are left out.
 */
export function dataFilesRead(site: CodeSite, facts: CodeFacts): DataFileRead[] {
  const found: DataFileRead[] = [];
  for (const call of facts.calls) {
    const evalLoader = isEvalFrameworkLoader(facts, call);
    if (!READERS.has(call.method) && !evalLoader) continue;
    const mode = call.args.find((arg, index) => arg.name === 'mode' || (arg.name === undefined && index === 1))?.value;
    if (call.method === 'open' && mode !== undefined && /[wax]/.test(mode)) continue;
    const first = call.args.find((arg) => arg.name === undefined);
    const written = first?.value ?? (first ? builtPath(facts, first.node) : undefined);
    const dataFile = evalLoader ? EVAL_FRAMEWORK_FILE : EVAL_DATA_FILE;
    if (!written || !dataFile.test(written) || isNotInputData(facts, written)) continue;
    const occurrence: Occurrence = { path: site.path, line: site.line(call.row), evidence: 'call', symbol: call.callee };
    // A benchmark read straight from where it is published (`pd.read_csv("https://…/simple_qa_test_set.csv")`).
    const read = { occurrence, written, fromOwnFolder: first?.node.text.includes('__file__') === true };
    if (call.method !== 'open' && EVAL_DATA_URL.test(written)) found.push({ ...read, path: written, mustExist: false });
    const path = workspaceDataPath(written, fromAncestorFolder(written, site.path), true, dataFile);
    // An evaluation framework's YAML may be written by the script itself: only a file the workspace has counts.
    if (path) found.push({ ...read, path, mustExist: evalLoader });
  }
  return found;
}

/**
 * The file a relative path resolves from. A path that starts with a folder the script sits under
 * (`examples/fixtures/train.jsonl` read by `examples/jobs/fine_tuning.py`) is written from above
 * that folder, where the script is run; any other from the script's own folder.
 */
function fromAncestorFolder(written: string, fromPath: string): string {
  const first = written.replace(/^\.\//, '').split('/');
  if (first.length < 2 || first[0] === '..' || first[0] === '.') return fromPath;
  const folders = posixPath.dirname(fromPath).split('/');
  const at = folders.lastIndexOf(first[0]);
  return at < 0 ? fromPath : posixPath.join(...folders.slice(0, at), posixPath.basename(fromPath));
}

/** Evaluation frameworks keep their cases in YAML too (`pydantic_evals` `Dataset.from_file("cases.yaml")`). */
const EVAL_FRAMEWORK_FILE = /\.(?:jsonl|json|csv|tsv|parquet|ya?ml)$/i;

/** `Dataset.from_file(path)` of an evaluation package: the dataset of cases the evaluation runs. */
function isEvalFrameworkLoader(facts: CodeFacts, call: CodeCall): boolean {
  if (call.method !== 'from_file' || facts.language !== 'python') return false;
  return (facts.packageOf(call) ?? genericClassPackage(facts, call))?.category === 'eval-observability';
}

/** The package of a generic class's static call (`Dataset[In, Out, Meta].from_file(…)`), through its import. */
function genericClassPackage(facts: CodeFacts, call: CodeCall): PackageInfo | undefined {
  const receiver = call.node.childForFieldName('function')?.childForFieldName('object');
  const named = receiver?.type === 'subscript' ? receiver.childForFieldName('value') : undefined;
  const qualified = named ? facts.python.qualifiedName(named) : undefined;
  return qualified?.imported ? packageForModule('python', qualified.name) : undefined;
}

/** Calls that build a path from their arguments (`Path("data")`, `os.path.join(DATA_DIR, "train.jsonl")`). */
const PATH_BUILDERS = new Set(['Path', 'pathlib.Path', 'PurePath', 'os.path.join']);

/** `Path(__file__).parent`, `os.path.dirname(__file__)`: the script's own folder, where relative paths resolve anyway. */
const OWN_FOLDER =
  /^(?:(?:pathlib\.)?Path\(__file__\)(?:\.resolve\(\)|\.absolute\(\))?\.parent|os\.path\.dirname\((?:os\.path\.(?:abspath|realpath)\()?__file__\)?\))$/;

/**
 * A path built of literals (`DATA_PATH / "fib-train.jsonl"` with `DATA_PATH = Path("./data")`,
 * `os.path.join(DATA_DIR, "train.jsonl")`, `Path(__file__).parent / "datasets" / "v1.yaml"`),
 * following variables like `valueOf` does; undefined when any part is not a literal.
 */
export function builtPath(facts: CodeFacts, node: Node, hops = 0): string | undefined {
  const value = facts.valueOf(node);
  if (value !== undefined) return value;
  if (OWN_FOLDER.test(node.text.replace(/\s+/g, ''))) return '.';
  if (hops > MAX_HOPS) return undefined;
  let parts: (Node | null)[] = [];
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '/')
    parts = [node.childForFieldName('left'), node.childForFieldName('right')];
  else if (node.type === 'call' && PATH_BUILDERS.has(facts.callAt(node)?.origin ?? facts.callAt(node)?.callee ?? ''))
    parts = facts.callAt(node)?.args.map((arg) => (arg.name === undefined ? arg.node : null)) ?? [];
  else if (node.type === 'identifier') {
    const sources = readBefore(facts.flow.sources(node), node);
    return sources.length === 1 && sources[0].node.id !== node.id ? builtPath(facts, sources[0].node, hops + 1) : undefined;
  }
  const values = parts.map((part) => (part ? builtPath(facts, part, hops + 1) : undefined));
  return values.length > 0 && values.every((part) => part !== undefined) ? posixPath.join(...(values as string[])) : undefined;
}

/**
 * The bindings a read can see when a name is bound again after it: `cases = "cases.json"` then
 * `with open(cases) as f: cases = json.load(f)` rebinds the path's name to the data it names.
 */
function readBefore<T extends { node: Node }>(sources: readonly T[], read: Node): readonly T[] {
  if (sources.length < 2) return sources;
  const before = sources.filter((source) => source.node.startIndex < read.startIndex);
  return before.length > 0 ? before : sources;
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
