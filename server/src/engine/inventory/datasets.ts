import * as posixPath from 'node:path/posix';
import type { CodeArg, CodeFacts } from '../facts';
import { type HubIdEvidence, hubIdEvidence, hubIdKind, isSaveSetting } from '../facts/hubIds';
import { currentDatasetId, isPackagedBuilder, namedArg, ownerName, positionalArg } from '../facts/loaders';
import { namedStringAssignments, scriptDefaults } from '../facts/scriptDefaults';
import { type ConfigFormat, type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { descendantsOf } from '../parse/nodeIndex';
import type { Node } from '../parse/treeSitter';
import { folderOf, type ProjectContext, workspaceFolderTest } from '../project';
import type { CodeSite } from './codeImports';
import { property, sdkComponent } from './components';
import { splattedValues } from './kwargTables';
import { lineOf } from './manifestText';
import type { Occurrence, PartialComponent } from './types';

/**
 * Datasets, from four places:
 * - hub loads of the code facts that fetch a dataset (`load_dataset("org/name")`,
 *   `hf_hub_download`/`snapshot_download` with `repo_type="dataset"`, `tfds.load("name")`; the list
 *   is `data/loaders.json`);
 * - defaults of script arguments named for a dataset (argparse `add_argument("--dataset_name",
 *   default=…)`, click and typer options, dataclass fields such as TRL's `dataset_name`);
 * - training and evaluation configs (`dataset_name:`, `dataset:`, axolotl `datasets: - path:`);
 * - data files that an unmistakable dataset call reads (`load_dataset("json", data_files=…)`, a file
 *   uploaded with `purpose="fine-tune"`, promptfoo `tests: file://…`), named by their path.
 * Hub ids go through the one decision AIP105 makes (`facts/hubIds.ts`).
 */

export function datasetRef(hub: string, name: string): string {
  return `dataset:${hub}/${name}`;
}

export function collectCodeDatasets(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  const evidence = hubIdEvidence(facts, site.project);
  for (const load of facts.hubLoads) {
    const { call, loader } = load;
    const pkg = facts.packageOf(call);
    if (load.loads !== 'dataset' || !pkg) continue;
    const occurrence: Occurrence = { path: site.path, line: site.line(call.row), evidence: 'call', symbol: call.callee };
    const name = load.idArg?.value;
    if (!name) {
      const splatted = splattedValues(facts, call.args, loader.keywords).filter((id) => isDatasetName(id, loader.hub, evidence));
      if (splatted.length > 0)
        pushWithSdk(
          components,
          pkg,
          occurrence,
          splatted.map((id) => hubDataset(loader.hub, id, occurrence)),
        );
      continue;
    }
    const datasets =
      loader.hub === 'huggingface' && isPackagedBuilder(name)
        ? // A packaged builder (`json`, `csv`) reads the files it is given: those are the datasets.
          dataFiles(facts, namedArg(call.args, 'data_files'), site.path).map((file) => readDataFile(file, occurrence))
        : isDatasetName(name, loader.hub, evidence)
          ? [hubDataset(loader.hub, name, occurrence)]
          : [];
    if (datasets.length > 0) pushWithSdk(components, pkg, occurrence, datasets);
  }
  components.push(
    ...collectUploadedDatasets(site, facts),
    ...collectArgumentDatasets(site, facts, evidence),
    ...collectComparedDatasets(site, facts, evidence),
    ...collectDatasetTables(site, facts, evidence),
    ...collectSklearnFetches(site, facts),
    ...collectPushedDatasets(site, facts, evidence),
  );
  return components;
}

/**
 * Datasets scikit-learn downloads: `fetch_california_housing()`, `fetch_20newsgroups(subset="train")`,
 * `fetch_openml("mnist_784")`, named as scikit-learn names them. The bundled toy sets (`load_iris`) ship
 * with the library and are not listed.
 */
function collectSklearnFetches(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'python' || !facts.text.includes('fetch_') || !facts.text.includes('sklearn')) return [];
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    const fetched = /^fetch_(\w+)$/.exec(call.method)?.[1];
    if (!fetched || !call.origin?.startsWith('sklearn.datasets.')) continue;
    const name = fetched === 'openml' ? (namedArg(call.args, 'name') ?? positionalArg(call.args, 0))?.value : fetched;
    if (!name || !/^[\w.-]+$/.test(name)) continue;
    const occurrence: Occurrence = { path: site.path, line: site.line(call.row), evidence: 'call', symbol: call.callee };
    components.push({
      ref: datasetRef('sklearn', name),
      kind: 'dataset',
      name,
      provider: fetched === 'openml' ? 'openml' : 'scikit-learn',
      occurrences: [occurrence],
      properties: [property('dataset:hub', fetched === 'openml' ? 'openml' : 'sklearn')],
      dependsOn: [],
    });
  }
  return components;
}

/**
 * Datasets a script publishes to the Hub: `dataset.push_to_hub("org/name")`, distilabel's
 * `distiset.push_to_hub("org/name")`. The receiver must be named for a dataset: a model, a tokenizer
 * or a trainer pushes a model.
 */
function collectPushedDatasets(site: CodeSite, facts: CodeFacts, evidence: HubIdEvidence): PartialComponent[] {
  if (facts.language !== 'python' || !facts.text.includes('push_to_hub')) return [];
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    if (call.method !== 'push_to_hub' || !DATASET_RECEIVER.test(ownerName(call.callee) ?? '')) continue;
    const id = (namedArg(call.args, 'repo_id') ?? positionalArg(call.args, 0))?.value;
    if (!id || !isHubDatasetValue(id, evidence)) continue;
    components.push(hubDataset('huggingface', id, { path: site.path, line: site.line(call.row), evidence: 'call', symbol: call.callee }));
  }
  return components;
}

/** Names of a dataset object: `dataset`, `ds`, `distiset`, `train_dataset`, `dataset_dict`, `dsets`. */
const DATASET_RECEIVER = /^(?:[a-z\d]+_)*(?:datasets?|ds|dsets?|distisets?)(?:_[a-z\d]+)*$/i;

/** The datasets and the SDK that reads them, which depends on them. */
function pushWithSdk(
  components: PartialComponent[],
  pkg: Parameters<typeof sdkComponent>[0],
  occurrence: Occurrence,
  datasets: PartialComponent[],
): void {
  const sdk = sdkComponent(pkg, occurrence);
  sdk.dependsOn.push(...datasets.map((dataset) => dataset.ref));
  components.push(...datasets, sdk);
}

function isDatasetName(name: string, hub: string, evidence: HubIdEvidence): boolean {
  // The decision AIP105 makes too: placeholders, local folders and packaged builders are not Hub datasets.
  if (hub === 'huggingface') return !isPackagedBuilder(name) && hubIdKind(name, evidence) === 'hub';
  if (hub === 'kaggle') return isKaggleHandle(kaggleHandle(name));
  // TensorFlow Datasets names carry a config and a version: `glue/mrpc:2.0.0`.
  if (name.startsWith('.') || name.startsWith('/') || name.includes('\\') || name.includes('//')) return false;
  return /^[A-Za-z0-9][\w.-]*(?:\/[\w.-]+)?(?::[\w.-]+)?$/.test(name);
}

/** A Kaggle dataset handle without its version (`owner/name/versions/3` → `owner/name`). */
function kaggleHandle(written: string): string {
  return written.replace(/\/versions\/\d+$/, '');
}

/**
 * A Kaggle dataset `owner/slug` or competition `slug`, as `kaggle datasets download -d` and `kagglehub`
 * take them; placeholders (`<owner>/<dataset>`, `your-username/…`) name none.
 */
export function isKaggleHandle(handle: string): boolean {
  return /^[A-Za-z0-9][\w-]*(?:\/[A-Za-z0-9][\w.-]*)?$/.test(handle) && hubIdKind(handle) === 'hub';
}

// ---------------------------------------------------------------------------------------------
// Data files named by their workspace path

/** Files a dataset is read from: JSON Lines, Parquet, CSV/TSV, Arrow, JSON (optionally compressed), or a glob of them. */
const DATA_FILE = /\.(?:jsonl|json|parquet|csv|tsv|arrow)(?:\.gz)?$/i;

/** Marks a data file that counts only when the workspace has it (`withExistingDataFiles`). */
export const MUST_EXIST = 'dataset:read-by-ai-code';

export function fileDatasetRef(path: string): string {
  return `dataset:file/${path}`;
}

/**
 * The workspace path of a data file named in code or config at `fromPath`, or undefined when it is
 * not a workspace data file (a URL, an absolute or home path, a template, another extension).
 * `../` is resolved from the naming file's folder; other relative paths are kept as written, since
 * scripts resolve them from the folder they run in (usually the workspace root).
 */
export function workspaceDataPath(written: string, fromPath: string, relativeToFile = false, dataFile = DATA_FILE): string | undefined {
  const value = written.trim().replace(/^file:\/\//, '');
  if (!dataFile.test(value) || /^[/\\~]|^[A-Za-z]:|:\/\/|[{}<>$%]/.test(value) || value.includes('\\')) return undefined;
  const base = relativeToFile || value.startsWith('../') ? posixPath.dirname(fromPath) : '';
  const resolved = posixPath.normalize(posixPath.join(base, value));
  return resolved.startsWith('../') || resolved === '..' ? undefined : resolved;
}

/**
 * Workspace paths a relative path written in a script may name: from the script's folder when the
 * path is built from `__file__`, else from that folder and each folder above it (a script runs from
 * its own folder, its project's or the repository root). Callers keep only those the workspace has.
 */
export function candidatePaths(written: string, fromPath: string, fromOwnFolder: boolean, dataFile: RegExp = DATA_FILE): string[] {
  // Absolute paths, URLs and templates name no workspace file from any folder.
  if (workspaceDataPath(written, fromPath, false, dataFile) === undefined) return [];
  const folders: string[] = [];
  for (let folder = folderOf(fromPath); ; folder = folderOf(folder)) {
    folders.push(folder);
    if (fromOwnFolder || folder === '') break;
  }
  const paths = folders.map((folder) => workspaceDataPath(posixPath.join(folder, written), fromPath, false, dataFile));
  return [...new Set(paths.filter((path): path is string => path !== undefined && path !== '.'))];
}

function readDataFile(file: { path: string; mustExist: boolean }, occurrence: Occurrence): PartialComponent {
  const dataset = fileDataset(file.path, occurrence);
  if (file.mustExist) dataset.properties.push(property(MUST_EXIST, 'true'));
  return dataset;
}

export function fileDataset(path: string, occurrence: Occurrence): PartialComponent {
  return {
    ref: fileDatasetRef(path),
    kind: 'dataset',
    name: path,
    occurrences: [occurrence],
    properties: [property('dataset:source', 'file')],
    dependsOn: [],
  };
}

/** A data file an evaluation runs on; with `mustExist` it counts only when the workspace has it. */
export function evaluationDataFile(path: string, occurrence: Occurrence, mustExist: boolean): PartialComponent {
  const dataset = fileDataset(path, occurrence);
  dataset.properties.push(property('dataset:use', 'evaluation'), ...(mustExist ? [property(MUST_EXIST, 'true')] : []));
  return dataset;
}

/**
 * `data_files="a.jsonl"`, `data_files=["a.jsonl", …]`, `data_files={"train": "a.jsonl", "test": […]}`: workspace paths.
 * A name bound once to such a table (`usb_files = {"train": "data/usb-train.csv"}` … `data_files=usb_files`) is followed
 * too, from the script's folder or one above it (a notebook runs from its own folder); as a path from a variable is as
 * often a file the script wrote itself, those count only when the workspace has them.
 */
function dataFiles(facts: CodeFacts, arg: CodeArg | undefined, fromPath: string): { path: string; mustExist: boolean }[] {
  if (!arg) return [];
  const paths: { path: string; mustExist: boolean }[] = [];
  const visit = (node: Node, followed: boolean): void => {
    if (node.type === 'list' || node.type === 'tuple' || node.type === 'dictionary') {
      for (const item of node.namedChildren) {
        const value = item?.type === 'pair' ? item.childForFieldName('value') : item;
        if (value) visit(value, followed);
      }
      return;
    }
    if (node.type === 'identifier' && !followed) {
      const sources = facts.flow.sources(node);
      if (sources.length === 1 && sources[0].node.id !== node.id) visit(sources[0].node, true);
      return;
    }
    const value = node.type === 'string' ? facts.valueOf(node) : undefined;
    if (!value) return;
    if (followed) for (const path of candidatePaths(value, fromPath, false)) paths.push({ path, mustExist: true });
    else {
      const path = workspaceDataPath(value, fromPath);
      if (path) paths.push({ path, mustExist: false });
    }
  };
  visit(arg.node, false);
  return paths;
}

/**
 * Files uploaded for fine-tuning (`client.files.create(file=open("train.jsonl", "rb"), purpose="fine-tune")`):
 * the purpose makes the call unmistakable, whatever SDK the client comes from.
 */
function collectUploadedDatasets(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    if (!call.callee.endsWith('files.create') || namedArg(call.args, 'purpose')?.value !== 'fine-tune') continue;
    const pkg = facts.packageOf(call);
    const opened = openedFile(facts, namedArg(call.args, 'file') ?? positionalArg(call.args, 0));
    const path = opened && workspaceDataPath(opened, site.path);
    if (!pkg || !path) continue;
    const occurrence: Occurrence = { path: site.path, line: site.line(call.row), evidence: 'call', symbol: call.callee };
    pushWithSdk(components, pkg, occurrence, [fileDataset(path, occurrence)]);
  }
  return components;
}

/** The path of `open("x", "rb")`, `Path("x")` / `Path("x").open()`, a `with open("x") as f` name, or a plain string. */
function openedFile(facts: CodeFacts, arg: CodeArg | undefined): string | undefined {
  if (!arg) return undefined;
  const opened = arg.node.type === 'identifier' ? withTarget(arg.node) : arg.node;
  let call = opened && facts.callAt(opened);
  if (call?.method === 'open' && call.receiver) call = call.receiver;
  if (!call) return arg.value;
  return ['open', 'Path'].includes(call.method) ? positionalArg(call.args, 0)?.value : undefined;
}

/** The expression a name is bound to by an enclosing `with <expression> as <name>:`. */
function withTarget(name: Node): Node | undefined {
  for (let node = name.parent; node; node = node.parent) {
    if (node.type !== 'with_statement') continue;
    for (const item of descendantsOf(node, 'as_pattern', 'python')) {
      const alias = item?.childForFieldName('alias');
      if (alias?.text === name.text && item?.parent?.type === 'with_item') return item.namedChildren[0] ?? undefined;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Defaults of script arguments and configuration keys named for a dataset

/**
 * Argument, field and key names that hold a dataset's Hub id: `dataset`, `datasets`, `dataset_name`,
 * `dataset_id`, `train_dataset`, `eval_dataset_name`, `dataset_name_or_path` (not `dataset_dir`,
 * `dataset_config`, `dataset_text_field`, …).
 */
const DATASET_KEY = /^(?:[a-z]+_)*datasets?(?:_(?:name|id|repo|repo_id|name_or_path))?$/i;
/**
 * The names match datasets a job reads and those it pushes (`output_dataset_name`, `push_dataset_id`):
 * a dataset the project publishes to the Hub is part of what it is made of too.
 */
function isDatasetKey(name: string): boolean {
  return DATASET_KEY.test(name.replace(/^-+/, '').replace(/-/g, '_'));
}

/** Script options that name the data a fine-tuning script reads, besides those named like a dataset. */
const DATA_OPTIONS = new Set(['data_path', 'data_name_or_path', 'train_data_path']);

/** First segments that name a project's own data folder (`--data_path data/alpaca`), not a Hub namespace. */
const LOCAL_DATA_FOLDERS = new Set([
  'data',
  'dataset',
  'datasets',
  'raw',
  'processed',
  'input',
  'inputs',
  'output',
  'outputs',
  'tmp',
  'cache',
]);

/**
 * The Hub dataset a script option is given (`--dataset_name org/name`, `--data_path org/name`, as a
 * default or on a launch command line), or undefined for another option or a local path.
 */
export function optionDataset(name: string, value: string, evidence: HubIdEvidence): string | undefined {
  const key = name.replace(/^-+/, '').replace(/-/g, '_').toLowerCase();
  if (!isDatasetKey(key) && !DATA_OPTIONS.has(key)) return undefined;
  const local = LOCAL_DATA_FOLDERS.has(value.split('/')[0].toLowerCase());
  return !local && isHubDatasetValue(value, evidence) ? value : undefined;
}

/** alignment-handbook's `dataset_mixer: { org/name: 0.5 }`: dataset ids as keys, weights as values. */
const DATASET_MIXER_KEY = /^dataset_mix(?:er|ture)$/i;

/**
 * A default or config value that names a Hub dataset. Only `namespace/name` counts: a bare word in a
 * `--dataset` option is as often a torchvision or project dataset (`cifar10`, `custom`) as a Hub one.
 */
function isHubDatasetValue(value: string, evidence: HubIdEvidence): boolean {
  return value.includes('/') && !isPackagedBuilder(value) && hubIdKind(value, evidence) === 'hub';
}

/** A dataset of the Hugging Face Hub, of TensorFlow Datasets (`tfds`) or of Kaggle. */
export function hubDataset(hub: string, written: string, occurrence: Occurrence): PartialComponent {
  const name = hub === 'huggingface' ? currentDatasetId(written) : hub === 'kaggle' ? kaggleHandle(written) : written;
  return {
    ref: datasetRef(hub, name),
    kind: 'dataset',
    name,
    provider: hub === 'huggingface' || hub === 'kaggle' ? hub : 'google',
    occurrences: [occurrence],
    properties: [property('dataset:hub', hub)],
    dependsOn: [],
  };
}

/** Script settings named for a dataset whose default is a Hub id (`--dataset_name`, TRL's `dataset_name` field). */
function collectArgumentDatasets(site: CodeSite, facts: CodeFacts, evidence: HubIdEvidence): PartialComponent[] {
  if (facts.language !== 'python') return [];
  const components: PartialComponent[] = [];
  for (const setting of scriptDefaults(facts.python)) {
    // The default, and the datasets the option allows (`choices=["org/a", "org/b"]`).
    for (const node of [setting.value, ...(setting.choices ?? [])]) {
      const written = node && facts.valueOf(node);
      const value = written && optionDataset(setting.name, written, evidence);
      const row = node === setting.value ? setting.row : (node?.startPosition.row ?? setting.row);
      if (value)
        components.push(
          hubDataset('huggingface', value, { path: site.path, line: site.line(row), evidence: 'config', symbol: setting.name }),
        );
    }
  }
  // `dataset_id = "lerobot/svla_so101_pickplace"` then `LeRobotDataset(dataset_id)`: a variable named for a dataset.
  for (const { name, value } of namedStringAssignments(facts)) {
    const written = facts.valueOf(value);
    const id = written && optionDataset(name, written, evidence);
    if (id)
      components.push(
        hubDataset('huggingface', id, { path: site.path, line: site.line(value.startPosition.row), evidence: 'config', symbol: name }),
      );
  }
  return components;
}

/**
 * Datasets a script keeps in a module-level table named for datasets (`DATASET_CONFIGS = {"cars":
 * {"train": "org/cars_train", …}}`, `EVAL_DATASETS = ["org/a", "org/b"]`): the `org/name` strings of
 * its values (Hub ids that name no local folder), not those under a key that says model or output.
 */
function collectDatasetTables(site: CodeSite, facts: CodeFacts, evidence: HubIdEvidence): PartialComponent[] {
  if (facts.language !== 'python') return [];
  const tables = DATASET_TABLE_HINT.test(facts.text);
  const mixtures = DATASET_MIXTURE_HINT.test(facts.text);
  if (!tables && !mixtures) return [];
  const components: PartialComponent[] = [];
  const visit = (node: Node, table: string, depth: number): void => {
    if (node.type === 'string') {
      const value = facts.valueOf(node);
      const id = value && !MEDIA_TYPE.test(value) ? optionDataset('dataset', value, evidence) : undefined;
      const occurrence: Occurrence = { path: site.path, line: site.line(node.startPosition.row), evidence: 'constant', symbol: table };
      if (id) components.push(hubDataset('huggingface', id, occurrence));
      return;
    }
    if (depth > 3) return;
    for (const item of node.namedChildren) {
      if (!item || item.type === 'comment') continue;
      const key = item.type === 'pair' ? item.childForFieldName('key') : undefined;
      // A mixer's weights: `{"org/name": 0.5}` names its datasets by the keys.
      if (key?.type === 'string' && NUMBER_TYPES.has(item.childForFieldName('value')?.type ?? '')) visit(key, table, depth + 1);
      else if (item.type !== 'pair') visit(item, table, depth + 1);
      else if (!NOT_DATASET_ENTRY.test(item.childForFieldName('key')?.text ?? '')) {
        const value = item.childForFieldName('value');
        if (value) visit(value, table, depth + 1);
      }
    }
  };
  for (const assignment of descendantsOf(facts.tree.rootNode, 'assignment', 'python')) {
    const name = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (name?.type !== 'identifier' || !right || !TABLE_TYPES.has(right.type) || !namesDatasets(name.text)) continue;
    // A mixture is what a run trains on wherever it is written (a test builds one in a function).
    if (assignment?.parent?.parent?.type === 'module' || DATASET_MIXER_KEY.test(name.text)) visit(right, name.text, 0);
  }
  if (mixtures) {
    for (const argument of descendantsOf(facts.tree.rootNode, 'keyword_argument', 'python')) {
      const name = argument?.childForFieldName('name')?.text ?? '';
      const value = argument?.childForFieldName('value');
      if (value && TABLE_TYPES.has(value.type) && DATASET_MIXER_KEY.test(name)) visit(value, name, 0);
    }
  }
  return components;
}

/** A module-level table whose name holds `dataset` (checked on the text before any walk). */
const DATASET_TABLE_HINT = /^[A-Za-z_]*datasets?[A-Za-z_]*\s*(?::[^=\n]*)?=\s*[[{(]/im;
/** alignment-handbook's `dataset_mixture = {"datasets": [{"id": "org/name", …}]}`, also a keyword argument, at any depth. */
export const DATASET_MIXTURE_HINT = /\bdataset_mix(?:er|ture)\s*=\s*[[{(]/i;
const TABLE_TYPES = new Set(['dictionary', 'list', 'tuple']);
const NUMBER_TYPES = new Set(['float', 'integer']);
/** `image/png`, `application/json`: the media type of a table's files. */
const MEDIA_TYPE = /^(?:application|audio|font|image|multipart|text|video)\/[\w.+-]+$/;
/** Entries of a dataset table that name something else: the model, tokenizer or output it goes with. */
const NOT_DATASET_ENTRY = /model|tokenizer|checkpoint|output|save|adapter/i;

/** `DATASET_CONFIGS`, `EVAL_DATASETS`, `datasetMap`: a `dataset` word in snake or camel case. */
function namesDatasets(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split('_');
  return words.some((word) => word === 'dataset' || word === 'datasets');
}

/**
 * Datasets a script special-cases: `if script_args.dataset_name == "org/name":` names a dataset the
 * script is written to train or evaluate on (its preparation is tailored to it).
 */
const COMPARED_ID_HINT = /[=!]=\s*[rbufRBUF]*["']{1,3}[^"'\n/]+\/|["'][^"'\n/]+\/[^"'\n]*["']{1,3}\s*[=!]=/;

function collectComparedDatasets(site: CodeSite, facts: CodeFacts, evidence: HubIdEvidence): PartialComponent[] {
  // Only a comparison with a quoted `org/name` can name a dataset: no walk over every comparison without one.
  if (facts.language !== 'python' || !COMPARED_ID_HINT.test(facts.text)) return [];
  const components: PartialComponent[] = [];
  for (const comparison of descendantsOf(facts.tree.rootNode, 'comparison_operator', 'python')) {
    const [left, right] = comparison?.namedChildren ?? [];
    const operator = comparison?.children.find((child) => child && !child.isNamed)?.text;
    if (!comparison || !left || !right || (operator !== '==' && operator !== '!=')) continue;
    for (const [name, literal] of [
      [left, right],
      [right, left],
    ]) {
      const key =
        name.type === 'attribute' ? name.childForFieldName('attribute')?.text : name.type === 'identifier' ? name.text : undefined;
      const value = literal.type === 'string' ? facts.valueOf(literal) : undefined;
      if (!key || !value || !isDatasetKey(key) || !isHubDatasetValue(value, evidence)) continue;
      const occurrence: Occurrence = { path: site.path, line: site.line(comparison.startPosition.row), evidence: 'constant', symbol: key };
      components.push(hubDataset('huggingface', value, occurrence));
    }
  }
  return components;
}

/**
 * Datasets in training and evaluation configs (YAML/JSON): string values of dataset keys
 * (`dataset_name: org/name`, LLaMA-Factory's comma lists), items of dataset lists (axolotl
 * `datasets: - path: org/name`, where a data file counts too; alignment-handbook `- id: org/name`),
 * dataset mixers (`dataset_mixer: { org/name: 1.0 }`) and promptfoo `tests: file://…`.
 * Hydra `defaults:` lists name config groups, not datasets, and are skipped.
 */
export function collectConfigDatasets(path: string, text: string, format: ConfigFormat, project?: ProjectContext): PartialComponent[] {
  const documents = configDocumentFor(text, format).documents;
  const evidence: HubIdEvidence = { saved: configSavedPaths(documents) };
  if (project && project.rootFolders.length > 0) evidence.isWorkspaceFolder = workspaceFolderTest(project);
  const components: PartialComponent[] = [];
  const occurrence = (node: ConfigNode, key: string): Occurrence => ({ path, line: lineOf(node), evidence: 'config', symbol: key });
  const promptfoo = isPromptfooConfig(path);
  const addValue = (written: string, node: ConfigNode, key: string, files: boolean): void => {
    // LLaMA-Factory lists datasets with commas, Hugging Face training scripts interleave them with `+`
    // (`train_dataset_name: "blabble-io/libritts_r+parler-tts/mls_eng_10k"`); neither is in a Hub id.
    for (const value of written.split(/[,+]/).map((part) => part.trim())) {
      // promptfoo resolves `file://` from the config's folder; trainers (axolotl) from the folder they run in.
      const file = files ? workspaceDataPath(value, path, promptfoo, promptfoo ? PROMPTFOO_TEST_FILE : DATA_FILE) : undefined;
      if (file) components.push(fileDataset(file, occurrence(node, key)));
      else if (isHubDatasetValue(value, evidence)) components.push(hubDataset('huggingface', value, occurrence(node, key)));
    }
  };
  const visit = (node: ConfigNode): void => {
    for (const [key, child] of node.entries()) {
      if (key === 'defaults') continue;
      if (DATASET_MIXER_KEY.test(key)) {
        for (const [id, weight] of child.entries())
          if (weight.kind === 'number' && isHubDatasetValue(id, evidence))
            components.push(hubDataset('huggingface', id, occurrence(weight, key)));
      }
      const documents = child.string !== undefined && KNOWLEDGE_BASE_FILES.test(key) ? knowledgeBaseFolder(child.string, path) : undefined;
      if (documents) components.push(fileDataset(documents, occurrence(child, key)));
      else if (key === 'data_files' && isDatasetSection(node)) {
        for (const { written, at } of configStrings(child)) {
          const file = trainerDataPath(written, path);
          if (file) components.push(fileDataset(file, occurrence(at, key)));
        }
      } else if (child.string !== undefined && isDatasetKey(key)) addValue(child.string, child, key, false);
      else if (promptfoo && key === 'vars') components.push(...promptfooVarFiles(path, child));
      else if (child.string !== undefined && promptfoo && key === 'tests') addValue(child.string, child, key, true);
      else if (isDatasetKey(key) || (promptfoo && key === 'tests')) {
        for (const item of child.items()) {
          const written = item.string ?? (item.get('path') ?? item.get('id'))?.string;
          if (written !== undefined) addValue(written, item, key, true);
        }
      }
      visit(child);
    }
    for (const item of node.items()) visit(item);
  };
  for (const root of documents) visit(root);
  return components;
}

/**
 * A training config's dataset section (`dataset: {_component_: torchtune.datasets.instruct_dataset,
 * source: json, data_files: …}`): its key or its component says dataset.
 */
function isDatasetSection(node: ConfigNode): boolean {
  const component = node.get('_component_')?.string ?? node.get('source')?.string ?? '';
  return (typeof node.key === 'string' && /dataset/i.test(node.key)) || /dataset/i.test(component);
}

/** `kb_files_path`, `knowledge_base_docs_dir`: the folder of documents a deployment uploads to a knowledge base. */
const KNOWLEDGE_BASE_FILES = /^(?:kb|knowledge_base)_(?:files|docs|documents|data)(?:_(?:path|dir|folder))?$/i;

/**
 * The workspace folder a knowledge base's documents come from (`kb_files_path: 'kb_files'` in
 * `prereqs/prereqs_config.yaml`), resolved from the config's folder, where the code that reads the
 * config uploads it from; a path, a URL, an S3 key or a file is none.
 */
function knowledgeBaseFolder(written: string, configPath: string): string | undefined {
  const value = written.trim().replace(/^\.\//, '').replace(/\/+$/, '');
  if (!/^[\w][\w. -]*(?:\/[\w][\w. -]*)*$/.test(value) || /\.\w{2,5}$/.test(value)) return undefined;
  const folder = posixPath.normalize(posixPath.join(posixPath.dirname(configPath), value));
  return folder.startsWith('..') ? undefined : folder;
}

/** The strings of a value: itself, a list's items, a table's values (`{train: a.json, test: b.json}`). */
function configStrings(node: ConfigNode): { written: string; at: ConfigNode }[] {
  if (node.string !== undefined) return [{ written: node.string, at: node }];
  const children = [...node.items(), ...[...node.entries()].map(([, child]) => child)];
  return children.flatMap((child) => (child.string !== undefined ? [{ written: child.string, at: child }] : []));
}

/**
 * A data file a trainer's config names, relative to the folder the trainer runs in: the folder that
 * holds the config's own folder when the path starts with it (`torchtune_configs/pii_train.json` in
 * `llama_guard/torchtune_configs/8B_guard_full.yaml`), else the workspace root. The file is often
 * written by the notebook that runs the trainer, so it counts whether or not the workspace has it.
 */
function trainerDataPath(written: string, configPath: string): string | undefined {
  const folders = posixPath.dirname(configPath).split('/');
  const first = written.replace(/^\.\//, '').split('/')[0];
  const at = folders.lastIndexOf(first ?? '');
  const base = at >= 0 && written.includes('/') ? folders.slice(0, at).join('/') : '';
  return workspaceDataPath(base ? `${base}/${written.replace(/^\.\//, '')}` : written, configPath);
}

/** Folders the config writes (`output_dir: data/run1`): a dataset id naming one is local. */
function configSavedPaths(documents: readonly ConfigNode[]): Set<string> {
  const saved = new Set<string>();
  const visit = (node: ConfigNode): void => {
    for (const [key, child] of node.entries()) {
      if (child.string !== undefined && isSaveSetting(key)) saved.add(child.string.replace(/\/+$/, ''));
      visit(child);
    }
    for (const item of node.items()) visit(item);
  };
  for (const root of documents) visit(root);
  return saved;
}

/** promptfoo reads test cases from data files and from YAML lists of cases (`tests: file://cases.yaml`). */
const PROMPTFOO_TEST_FILE = /\.(?:jsonl|json|csv|tsv|ya?ml)$/i;

/**
 * The inputs a promptfoo test variable loads (`vars: { article: file://articles/a1.txt }`): documents,
 * tables and images. A `.py` or `.js` variable is a script promptfoo runs to compute the value, not data.
 */
const PROMPTFOO_VAR_FILE = /\.(?:txt|md|csv|tsv|jsonl?|ya?ml|xml|html?|pdf|png|jpe?g|gif|webp)$/i;

/**
 * Files the test variables of a promptfoo config load (under `tests`, `defaultTest` or `scenarios`; a
 * variable may list several files), resolved from the config's folder. Only a `file://` value is a file,
 * and it counts when the workspace has it.
 */
function promptfooVarFiles(path: string, vars: ConfigNode): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const [name, value] of vars.entries()) {
    for (const node of value.string !== undefined ? [value] : value.items()) {
      const written = node.string;
      const file = written?.startsWith('file://') ? workspaceDataPath(written, path, true, PROMPTFOO_VAR_FILE) : undefined;
      if (!file) continue;
      components.push(evaluationDataFile(file, { path, line: lineOf(node), evidence: 'config', symbol: `vars.${name}` }, true));
    }
  }
  return components;
}

function isPromptfooConfig(path: string): boolean {
  return /(?:^|\/)promptfooconfig[^/]*\.(?:ya?ml|json)$/i.test(path);
}
