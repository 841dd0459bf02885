import { hubIdKind } from '../facts/hubIds';
import { notebookCells } from '../parse/notebook';
import { pythonCodeView } from '../parse/pythonCodeView';
import { LineIndex } from '../text/lineIndex';
import { hubDataset } from './datasets';
import { Lines } from './manifestText';
import type { Occurrence, PartialComponent } from './types';

/**
 * Hub datasets read through their `hf://` file system URI or their files' download URLs (`pd.read_parquet("hf://datasets/org/name/data/train.parquet")`,
 * `load_dataset("parquet", data_files={"train": f"hf://datasets/org/name@refs/convert/parquet/{subset}/…"})`,
 * polars and DuckDB alike): the URI names the dataset repository whatever the library. Read in
 * Python code and notebook code cells, with comments and docstrings left out.
 */

/** The literals every such URI holds; the engine's one pass looks for them. */
export const HUB_DATASET_URI_LITERALS = [
  'hf://datasets/',
  'huggingface.co/datasets/',
  'huggingface.co/api/datasets/',
  'hub_dataset(',
  'hf_dataset(',
  'huggingface_dataset(',
];

/**
 * `hf://datasets/<namespace>/<name>` followed by a revision (`@main`), a path or the end of the string;
 * or the Hub's download URL of a file of the dataset (`https://huggingface.co/datasets/<namespace>/<name>/resolve/main/…`,
 * the `/parquet` export of its API). A link to the dataset's page alone is documentation, not a download, and an
 * image or a recording a dataset repository hosts is a sample input (`documentation-images/…/cat.png`), not data.
 * Also the id a project's own Hub dataset loader is given, its name saying so (`load_hub_dataset("org/name")`,
 * `load_hf_dataset(…)`, `get_huggingface_dataset(…)`): a wrapper of `load_dataset` or of the Hub's parquet export.
 */
const HUB_DATASET_URI =
  /(?:\b(?:load|get|fetch|download)_(?:hf|hub|huggingface)_dataset\(\s*(?:(?:repo_id|path|name)\s*=\s*)?["']([A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*)["']|hf:\/\/datasets\/([A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*)(?=[@/"'`\s]|$)|https?:\/\/huggingface\.co\/(?:api\/)?datasets\/([A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*)\/(?:resolve|raw|parquet)\/(?![^"'`\s]*\.(?:png|jpe?g|gif|webp|svg|bmp|mp4|mov|webm|wav|mp3|flac|ogg)(?:[?#"'`\s]|$)))/g;

export function collectHubDatasetUris(path: string, text: string, notebook: boolean): PartialComponent[] {
  if (!notebook) return urisIn(path, pythonCodeView(text), (offset, index) => index.positionAt(offset).line + 1);
  return notebookCells(text).flatMap((cell) =>
    HUB_DATASET_URI_LITERALS.some((literal) => cell.text.includes(literal))
      ? urisIn(path, pythonCodeView(cell.text), (offset, index) => cell.toFile(index.positionAt(offset)).line + 1)
      : [],
  );
}

function urisIn(path: string, code: string, lineOf: (offset: number, index: LineIndex) => number): PartialComponent[] {
  const components: PartialComponent[] = [];
  let index: LineIndex | undefined;
  for (const match of code.matchAll(HUB_DATASET_URI)) {
    const id = match[1] ?? match[2] ?? match[3];
    if (hubIdKind(id) !== 'hub') continue;
    index ??= new LineIndex(code);
    components.push(
      hubDataset('huggingface', id, {
        path,
        line: lineOf(match.index, index),
        evidence: 'constant',
        symbol: uriSymbol(match, id),
      }),
    );
  }
  return components;
}

function uriSymbol(match: RegExpMatchArray, id: string): string {
  if (match[1]) return match[0].slice(0, match[0].indexOf('('));
  // Groups: 1 a loader's argument, 2 an `hf://` URI, 3 a download URL.
  return match[2] ? `hf://datasets/${id}` : `https://huggingface.co/datasets/${id}`;
}

/**
 * A training config's data entry whose trailing comment links the Hub dataset it is a copy of
 * (`- /scratch/data/dclm # https://huggingface.co/datasets/mlfoundations/dclm-baseline-1.0`, as nanotron
 * configs of pretraining runs write them): the entry reads that dataset from a local mirror. Only a
 * comment after a value counts; a comment line on its own is prose (a collection, a note).
 */
const COMMENTED_SOURCE =
  /^[ \t]*(?:-[ \t]+)?[^#\s][^#\n]*[ \t]#[^\n]*?https?:\/\/huggingface\.co\/datasets\/([A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*)/gm;

export function collectCommentedDatasetSources(path: string, text: string): PartialComponent[] {
  if (!text.includes('huggingface.co/datasets/')) return [];
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  for (const match of text.matchAll(COMMENTED_SOURCE)) {
    if (hubIdKind(match[1]) !== 'hub') continue;
    const occurrence: Occurrence = {
      path,
      line: lines.at(match.index),
      evidence: 'config',
      symbol: `https://huggingface.co/datasets/${match[1]}`,
    };
    components.push(hubDataset('huggingface', match[1], occurrence));
  }
  return components;
}
