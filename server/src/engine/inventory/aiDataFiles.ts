import type { CodeFacts } from '../facts';
import { type ConfigFormat, type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { descendantsOf } from '../parse/nodeIndex';
import type { CodeSite } from './codeImports';
import { LLM_CATEGORIES } from './codePrompts';
import { property } from './components';
import { candidatePaths, evaluationDataFile, fileDatasetRef, MUST_EXIST, workspaceDataPath } from './datasets';
import { dataFilesRead, EVAL_DATA_FILE, isEvalScript } from './evalDataFiles';
import { lineOf } from './manifestText';
import type { AiBom, AiComponent, Occurrence, PartialComponent } from './types';

/**
 * Data files that code calling a language model or an embeddings API reads: in a Python file or a
 * notebook that imports an LLM SDK (`anthropic`, `voyageai`, `langchain_*`), the CSV/TSV, JSON,
 * JSON Lines or Parquet file given to a reader (`pd.read_csv("data/train.tsv")`,
 * `json.load(open("data/evaluation_set.jsonl"))`, `load_jsonl(…)`): a training, retrieval or
 * evaluation set of the AI task. Files it writes, configuration files and result files are not
 * data. Paths resolve from the file's folder (a notebook runs there), and a file counts only when
 * the workspace has it (`withExistingDataFiles`, at the end of a scan).
 */

export function collectAiDataFiles(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (!facts.packages.packages.some((pkg) => LLM_CATEGORIES.has(pkg.category))) return [];
  if (facts.language === 'javascript') return javascriptDataFiles(site, facts);
  // Evaluation scripts have their own reader (`evalDataFiles.ts`).
  if (facts.language !== 'python' || isEvalScript(site.path)) return [];
  // A script runs from its own folder, its project's or the repository root
  // (`open("examples/fixtures/ft_training_file.jsonl")` in `examples/mistral/jobs/fine_tuning.py`):
  // each folder is a candidate, and only a file the workspace has is kept. A bare file name
  // (`products.csv`) is the script's own: from the root it would be any table of the app. Plain JSON
  // is as often an app's state or settings (`profiles/itinerary_default.json`): only beside the script.
  const ownFolderOnly = (written: string) => !written.replace(/^\.\//, '').includes('/') || /\.json$/i.test(written);
  const read = dataFilesRead(site, facts).flatMap(({ written, fromOwnFolder, occurrence }) =>
    candidatePaths(written, site.path, fromOwnFolder || ownFolderOnly(written), EVAL_DATA_FILE).map((path) =>
      existingDataFile(path, occurrence),
    ),
  );
  return [...read, ...trainingFileNames(site, facts)];
}

/** Node's file readers (`fs.readFileSync`, `fs.promises.readFile`, `createReadStream`, Bun/Deno alike). */
const JS_READERS = new Set(['readFileSync', 'readFile', 'createReadStream', 'readTextFile', 'readTextFileSync']);
/** Data a JavaScript app hands its model or sandbox: JSON is left out (JavaScript reads its configuration as JSON). */
const JS_DATA_FILE = /\.(?:jsonl|csv|tsv|parquet)$/i;

/**
 * The data files a JavaScript or TypeScript file that calls a model reads (`fs.readFileSync('./data.csv')`,
 * then written into a code sandbox for the model to analyse): from the package folder, where the
 * script runs, or a folder above; only files the workspace has.
 */
function javascriptDataFiles(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    const first = call.args.find((arg) => arg.name === undefined);
    if (!JS_READERS.has(call.method) || !first) continue;
    const written = facts.valueOf(first.node);
    if (!written || !JS_DATA_FILE.test(written)) continue;
    const occurrence: Occurrence = { path: site.path, line: site.line(call.row), evidence: 'call', symbol: call.callee };
    for (const path of candidatePaths(written, site.path, false, JS_DATA_FILE)) components.push(existingDataFile(path, occurrence));
  }
  return components;
}

function existingDataFile(path: string, occurrence: Occurrence): PartialComponent {
  return {
    ref: fileDatasetRef(path),
    kind: 'dataset',
    name: path,
    occurrences: [occurrence],
    properties: [property('dataset:source', 'file'), property(MUST_EXIST, 'true')],
    dependsOn: [],
  };
}

/** Names that say a value holds the data a model is trained or validated on (`training_files`, `train_file`, `validation_data_path`). */
const TRAINING_FILE_NAME = /^(?:training|train|validation|valid|val)_?(?:files?|data(?:_?(?:path|file)s?)?|sets?|paths?)$/i;

/**
 * Training files named in code that uploads them to a fine-tuning job
 * (`training_files = ["./examples/fixtures/classifier_sentiments.jsonl"]`, then a helper uploads each):
 * a name saying training or validation data bound to data-file literals, in a file that imports an LLM SDK.
 */
function trainingFileNames(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const assignment of descendantsOf(facts.tree.rootNode, 'assignment', 'python')) {
    const name = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (!assignment || name?.type !== 'identifier' || !right || !TRAINING_FILE_NAME.test(name.text)) continue;
    const items = right.type === 'list' || right.type === 'tuple' ? right.namedChildren : [right];
    const occurrence: Occurrence = { path: site.path, line: site.line(assignment.startPosition.row), evidence: 'call', symbol: name.text };
    for (const item of items) {
      const written = item?.type === 'string' ? facts.valueOf(item) : undefined;
      if (!written || !EVAL_DATA_FILE.test(written)) continue;
      for (const path of candidatePaths(written, site.path, false, EVAL_DATA_FILE)) components.push(existingDataFile(path, occurrence));
    }
  }
  return components;
}

/** Drops data files AI code reads that the workspace does not have (a path built at run time, a download target). */
export function withExistingDataFiles(bom: AiBom, exists: (path: string) => boolean): AiBom {
  const name = `ai-posture:${MUST_EXIST}`;
  const marked = (component: AiComponent) => component.properties.some((entry) => entry.name === name);
  if (!bom.components.some(marked)) return bom;
  const components = bom.components.filter((component) => !marked(component) || exists(component.name));
  for (const component of components) component.properties = component.properties.filter((entry) => entry.name !== name);
  const refs = new Set(components.map((component) => component.ref));
  for (const component of components) component.dependsOn = component.dependsOn.filter((ref) => refs.has(ref));
  return { ...bom, components };
}

/** An evaluation's configuration: `eval_config.json`, `evaluation-config.yaml`, a config under `evals/`. */
const EVAL_CONFIG =
  /(?:^|\/)(?:evals?|evaluations?)(?:[_-]?config)[^/]*\.(?:json|ya?ml)$|(?:^|\/)(?:evals?|evaluations?)\/[^/]*config[^/]*\.(?:json|ya?ml)$/i;

/** Keys that name an evaluation's test data (`testdata_path`, `test_data_file`, `eval_dataset_path`). */
const TEST_DATA_KEY = /^(?:test_?data|eval(?:uation)?_?(?:data|dataset)|ground_?truth)(?:_?(?:path|file))?$/i;

export function isEvalConfig(path: string): boolean {
  return EVAL_CONFIG.test(path);
}

/**
 * The test data an evaluation config names (`"testdata_path": "ground_truth.jsonl"` in
 * `evals/eval_config.json`): a data file, resolved from the config's folder, that the workspace has.
 */
export function collectEvalConfigData(path: string, text: string, format: ConfigFormat): PartialComponent[] {
  const components: PartialComponent[] = [];
  const visit = (node: ConfigNode): void => {
    for (const [key, child] of node.entries()) {
      const written = child.string;
      if (written !== undefined && TEST_DATA_KEY.test(key) && EVAL_DATA_FILE.test(written)) {
        const file = workspaceDataPath(written, path, true);
        if (file) components.push(evaluationDataFile(file, { path, line: lineOf(child), evidence: 'config', symbol: key }, true));
      }
      visit(child);
    }
  };
  for (const root of configDocumentFor(text, format).documents) visit(root);
  return components;
}
