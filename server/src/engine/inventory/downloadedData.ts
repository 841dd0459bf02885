import type { NotebookCell } from '../parse/notebook';
import { pythonCodeView } from '../parse/pythonCodeView';
import { LineIndex } from '../text/lineIndex';
import { property } from './components';
import { fileDataset, MUST_EXIST, workspaceDataPath } from './datasets';
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
/** Folders of dates, hashes and escaped titles (`2018/03`, `48affa55…`, `Processed%20Traffic`) name no dataset either. */
const UNNAMED_FOLDER = /^\d+$|^[0-9a-f]{16,}$|%/i;
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
    index ??= new LineIndex(code);
    found.push(downloadedDataset(url, stem, { path, line: index.positionAt(match.index).line + 1 }));
  }
  return found;
}

/** The dataset a download names: the URL's last folder, or the file's stem when that folder is generic. */
function downloadedDataset(url: string, stem: string, at: { path: string; line: number }): PartialComponent {
  const folders = new URL(url).pathname.split('/').slice(1, -1);
  const folder = folders[folders.length - 1];
  const name = folder && !GENERIC_FOLDERS.has(folder.toLowerCase()) && !UNNAMED_FOLDER.test(folder) ? folder : stem;
  return {
    ref: `dataset:download/${name}`,
    kind: 'dataset',
    name,
    occurrences: [{ ...at, evidence: 'constant', symbol: url }],
    properties: [property('dataset:source', 'download'), property('dataset:url', url)],
    dependsOn: [],
  };
}

/**
 * A notebook of an AI project whose shell line downloads a data file or a corpus archive
 * (`!wget https://www.replaywell.com/atco2/download/ATCO2-ASRdataset-v1_beta.tgz`, `! wget
 * https://guillaumejaume.github.io/FUNSD/dataset.zip`) that its cells then read for training or
 * evaluation. Weights, code archives (`/archive/…zip`) and installers do not count.
 */
export function collectNotebookDownloads(path: string, cells: readonly NotebookCell[]): PartialComponent[] {
  if (!cells.some((cell) => cellImportsAi(cell.text))) return [];
  const found: PartialComponent[] = [];
  for (const cell of cells) {
    const rows = cell.text.split('\n');
    rows.forEach((row, at) => {
      const match = SHELL_DOWNLOAD.exec(row);
      const [, url, stem] = match ?? [];
      if (!url || !stem || NOT_DATA_FILE.test(stem) || NOT_DATA_URL.test(url)) return;
      const line = cell.toFile({ line: at, character: 0 }).line + 1;
      found.push(ownRepositoryFile(url, { path, line }) ?? downloadedDataset(url, stem, { path, line }));
    });
  }
  return found;
}

/**
 * A notebook that fetches a file of its own repository (`!wget https://raw.githubusercontent.com/owner/repo/main/data/q_a.json`,
 * so it runs in Colab) reads that workspace file: listed by its path, when the workspace has it.
 */
function ownRepositoryFile(url: string, at: { path: string; line: number }): PartialComponent | undefined {
  const raw = RAW_GITHUB.exec(url);
  const file = raw?.[1] ? workspaceDataPath(decodeURIComponent(raw[1]), at.path) : undefined;
  if (!file) return undefined;
  const dataset = fileDataset(file, { ...at, evidence: 'constant', symbol: url });
  dataset.properties.push(property(MUST_EXIST, 'true'));
  return dataset;
}

/** `raw.githubusercontent.com/<owner>/<repo>/<branch>/<path>` (a branch may be written `refs/heads/<branch>`). */
const RAW_GITHUB = /^https:\/\/raw\.githubusercontent\.com\/[^/]+\/[^/]+\/(?:refs\/heads\/)?[^/]+\/(.+)$/;

const SHELL_DOWNLOAD =
  /^\s*![^\n]*?\b(?:wget|curl)\s[^\n]*?\b(https?:\/\/[^\s"'{}$]+?\/([\w.-]+)\.(?:csv|tsv|jsonl|json|parquet|zip|tar\.gz|tgz))(?=[\s"']|$)/;
/** Downloads that are no data: weights and checkpoints, source archives, installers. */
const NOT_DATA_URL = /\/archive\/|\/releases\/download\/|model|weights|checkpoint|ckpt|install|setup/i;
