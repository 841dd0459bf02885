import { hubIdKind } from '../facts/hubIds';
import { notebookCells } from '../parse/notebook';
import { pythonCodeView } from '../parse/pythonCodeView';
import { LineIndex } from '../text/lineIndex';
import { hubDataset } from './datasets';
import type { PartialComponent } from './types';

/**
 * Hub datasets read through their `hf://` file system URI (`pd.read_parquet("hf://datasets/org/name/data/train.parquet")`,
 * `load_dataset("parquet", data_files={"train": f"hf://datasets/org/name@refs/convert/parquet/{subset}/…"})`,
 * polars and DuckDB alike): the URI names the dataset repository whatever the library. Read in
 * Python code and notebook code cells, with comments and docstrings left out.
 */

/** The literal every such URI holds; the engine's one pass looks for it. */
export const HUB_DATASET_URI_LITERAL = 'hf://datasets/';

/** `hf://datasets/<namespace>/<name>` followed by a revision (`@main`), a path or the end of the string. */
const HUB_DATASET_URI = /hf:\/\/datasets\/([A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*)(?=[@/"'`\s]|$)/g;

export function collectHubDatasetUris(path: string, text: string, notebook: boolean): PartialComponent[] {
  if (!notebook) return urisIn(path, pythonCodeView(text), (offset, index) => index.positionAt(offset).line + 1);
  return notebookCells(text).flatMap((cell) =>
    cell.text.includes(HUB_DATASET_URI_LITERAL)
      ? urisIn(path, pythonCodeView(cell.text), (offset, index) => cell.toFile(index.positionAt(offset)).line + 1)
      : [],
  );
}

function urisIn(path: string, code: string, lineOf: (offset: number, index: LineIndex) => number): PartialComponent[] {
  const components: PartialComponent[] = [];
  let index: LineIndex | undefined;
  for (const match of code.matchAll(HUB_DATASET_URI)) {
    const id = match[1];
    if (hubIdKind(id) !== 'hub') continue;
    index ??= new LineIndex(code);
    components.push(
      hubDataset('huggingface', id, { path, line: lineOf(match.index, index), evidence: 'constant', symbol: `hf://datasets/${id}` }),
    );
  }
  return components;
}
