import { pythonCodeView } from '../parse/pythonCodeView';
import { LineIndex } from '../text/lineIndex';
import { property } from './components';
import { cellImportsAi } from './notebookPrelude';
import type { PartialComponent } from './types';

/**
 * A data preparation script (`prepare.py`, `prepare_data.py`, `download_data.py`, `get_dataset.py`) of an
 * AI project that downloads a data file (`requests.get("https://…/tinyshakespeare/input.txt")`,
 * `urlretrieve`, `wget`): the dataset, named by the folder that holds the file in the URL
 * (`tinyshakespeare`) or else by the file's stem. Only data files count (text, CSV/TSV, JSON Lines,
 * Parquet, archives), not a tokenizer's vocabulary or a configuration.
 */
const PREPARE_SCRIPT = /^(?:prepare|download|get|fetch)(?:_\w+)?\.py$/i;
const DOWNLOAD_CALL = /\b(?:requests\.get|urlretrieve|urlopen|wget|download_url|download_file)\b/;
const DOWNLOADED_DATA = /["'](https?:\/\/[^\s"'{}]+?\/([\w.-]+)\.(?:txt|csv|tsv|jsonl|parquet|zip|tar\.gz|tgz|gz))["']/g;
const NOT_DATA_FILE = /vocab|merges|tokenizer|config|requirements|license|readme|encoder/i;
/** URL folders that name no dataset: the file's stem does then. */
const GENERIC_FOLDERS = new Set([
  'data',
  'datasets',
  'dataset',
  'master',
  'main',
  'raw',
  'resolve',
  'files',
  'download',
  'downloads',
  'latest',
  'blob',
]);

export function isPrepareScript(basename: string): boolean {
  return PREPARE_SCRIPT.test(basename);
}

export function collectDownloadedData(path: string, text: string): PartialComponent[] {
  if (!DOWNLOAD_CALL.test(text) || !cellImportsAi(text)) return [];
  const code = pythonCodeView(text);
  const found: PartialComponent[] = [];
  let index: LineIndex | undefined;
  for (const match of code.matchAll(DOWNLOADED_DATA)) {
    const [, url, stem] = match;
    if (NOT_DATA_FILE.test(stem)) continue;
    const folders = new URL(url).pathname.split('/').slice(1, -1);
    const folder = folders[folders.length - 1];
    const name = folder && !GENERIC_FOLDERS.has(folder.toLowerCase()) ? folder : stem;
    index ??= new LineIndex(code);
    found.push({
      ref: `dataset:download/${name}`,
      kind: 'dataset',
      name,
      occurrences: [{ path, line: index.positionAt(match.index).line + 1, evidence: 'constant', symbol: url }],
      properties: [property('dataset:source', 'download'), property('dataset:url', url)],
      dependsOn: [],
    });
  }
  return found;
}
