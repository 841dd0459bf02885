import type { CodeFacts } from '../facts';
import { type ConfigFormat, type ConfigNode, configDocumentFor } from '../parse/configDocument';
import type { CodeSite } from './codeImports';
import { LLM_CATEGORIES } from './codePrompts';
import { property } from './components';
import { evaluationDataFile, fileDatasetRef, MUST_EXIST, workspaceDataPath } from './datasets';
import { dataFilesRead, EVAL_DATA_FILE, isEvalScript } from './evalDataFiles';
import { lineOf } from './manifestText';
import type { AiBom, AiComponent, PartialComponent } from './types';

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
  // Evaluation scripts have their own reader (`evalDataFiles.ts`).
  if (facts.language !== 'python' || isEvalScript(site.path)) return [];
  if (!facts.packages.packages.some((pkg) => LLM_CATEGORIES.has(pkg.category))) return [];
  return dataFilesRead(site, facts).map(({ path, occurrence }) => ({
    ref: fileDatasetRef(path),
    kind: 'dataset',
    name: path,
    occurrences: [occurrence],
    properties: [property('dataset:source', 'file'), property(MUST_EXIST, 'true')],
    dependsOn: [],
  }));
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
