import { type HubIdEvidence, hubIdKind } from '../facts/hubIds';
import { notebookCells } from '../parse/notebook';
import { programName, type ShellWord } from '../parse/shellWords';
import { shellInvocations } from '../rules/commandInvocations';
import type { Invocation } from '../rules/trustRemoteCodeFlags';
import { modelComponent } from './components';
import { hubDataset, isKaggleHandle, optionDataset } from './datasets';
import { Lines } from './manifestText';
import { isLegacyHubModel, mentionsOllama } from './modelSettings';
import { isModelSettingName, modelOfScriptSetting } from './scriptModels';
import { resolveVariable, SERVING_PROGRAMS, shellAssignments } from './servingCommands';
import type { Occurrence, PartialComponent } from './types';

/**
 * Models and datasets a launch command runs a training or evaluation script with, in shell scripts,
 * Dockerfiles and CI steps: `python train.py --model_name_or_path org/name --dataset_name org/data`,
 * through `accelerate launch`, `torchrun`, `deepspeed` or `python -m`, and the CLIs of fine-tuning
 * and evaluation tools (`trl sft`, `lm_eval`). Values may come from variables the script sets
 * (`export MODEL_NAME="org/name"` … `--pretrained_model_name_or_path=$MODEL_NAME`). The option's name
 * must say model or dataset, as a script's own settings do (`scriptModels.ts`, `datasets.ts`), and the
 * value must be a Hub id with its namespace that is no local folder (AIP105's decision) or a hosted
 * provider's model id. Repositories that `huggingface-cli download` / `hf download` fetch count too.
 */

/** Programs that run a Python script or a training or evaluation CLI given model and dataset options. */
const LAUNCHERS = new Set(['accelerate', 'torchrun', 'deepspeed', 'trl', 'lm_eval', 'lm-eval', 'lighteval']);
const PYTHON = /^(?:python|pypy)(?:\d+(?:\.\d+)*)?$/;

/** `fileLine` maps a line of `text` to the file's (a notebook's shell lines are read as one script). */
export function collectLaunchArguments(
  path: string,
  text: string,
  invocations: readonly Invocation[],
  evidence: HubIdEvidence = {},
  fileLine: (line: number) => number = (line) => line,
): PartialComponent[] {
  const variables = shellAssignments(invocations);
  const lines = new Lines(text);
  evidence = withOutputFolders(invocations, variables, evidence);
  const componentOf = (option: LaunchOption): PartialComponent | undefined => {
    const value = resolveVariable(option.value, variables).trim();
    if (value === '' || value.includes('$')) return undefined;
    const line = fileLine(lines.at(option.word.start));
    const occurrence: Occurrence = { path, line, evidence: 'config', symbol: `--${option.name}` };
    if (isModelSettingName(option.name)) return modelOfScriptSetting(value, evidence, () => mentionsOllama(text), occurrence);
    const dataset = optionDataset(option.name, value, evidence);
    return dataset ? hubDataset('huggingface', dataset, occurrence) : undefined;
  };
  const downloadOf = (words: ShellWord[]): PartialComponent | undefined => {
    const download = hubDownload(words);
    const id = download && resolveVariable(download.repo.value, variables);
    if (!download || !id?.includes('/') || hubIdKind(id, evidence) !== 'hub') return undefined;
    const occurrence: Occurrence = { path, line: fileLine(lines.at(download.repo.start)), evidence: 'config', symbol: download.command };
    if (download.type === 'dataset') return hubDataset('huggingface', id, occurrence);
    return download.type === 'model' ? modelComponent(id, 'huggingface', occurrence) : undefined;
  };
  const kaggleOf = (words: ShellWord[]): PartialComponent | undefined => {
    const download = kaggleDownload(words);
    const handle = download && resolveVariable(download.handle.value, variables);
    if (!download || !handle || !isKaggleHandle(handle)) return undefined;
    const occurrence: Occurrence = { path, line: fileLine(lines.at(download.handle.start)), evidence: 'config', symbol: download.command };
    return hubDataset('kaggle', handle, occurrence);
  };
  const cloneOf = (words: ShellWord[]): PartialComponent | undefined => {
    const clone = hubClone(words, (value) => resolveVariable(value, variables), evidence);
    if (!clone) return undefined;
    const occurrence: Occurrence = { path, line: fileLine(lines.at(clone.word.start)), evidence: 'config', symbol: 'git clone' };
    return clone.type === 'dataset' ? hubDataset('huggingface', clone.id, occurrence) : modelComponent(clone.id, 'huggingface', occurrence);
  };
  return invocations.flatMap(({ words }) => {
    const from = launchedAt(words);
    if (from >= 0) return optionsOf(words, from).flatMap((option) => componentOf(option) ?? []);
    return downloadOf(words) ?? kaggleOf(words) ?? cloneOf(words) ?? [];
  });
}

/** A Hub repository's clone URL: `https://huggingface.co/org/name(.git)`, `…/datasets/org/name`; Spaces are apps, not models. */
const HUB_CLONE_URL = /^https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/(datasets\/)?([\w.-]+(?:\/[\w.-]+)?)\/?$/;

/**
 * `git clone https://huggingface.co/org/name`: a build step or script that fetches a Hub repository's
 * files (a Dockerfile baking weights into a serving image), also through variables (`ARG MODEL_NAME=t5-small`,
 * `ARG MODEL_REPO=https://huggingface.co/\${MODEL_NAME}`). An owner-less name counts only when it is a
 * canonical Hub model (`t5-small`, `gpt2`).
 */
function hubClone(
  words: readonly ShellWord[],
  resolve: (value: string) => string,
  evidence: HubIdEvidence,
): { id: string; type: 'model' | 'dataset'; word: ShellWord } | undefined {
  const at = words.findIndex((word) => programName(word.value) === 'git');
  if (at < 0 || words[at + 1]?.value !== 'clone') return undefined;
  for (const word of words.slice(at + 2)) {
    const match = HUB_CLONE_URL.exec(resolve(word.value));
    if (!match || match[2].startsWith('spaces/')) continue;
    const id = match[2].replace(/\.git$/, '');
    const known = id.includes('/') ? hubIdKind(id, evidence) === 'hub' : !match[1] && isLegacyHubModel(id);
    return known ? { id, type: match[1] ? 'dataset' : 'model', word } : undefined;
  }
  return undefined;
}

/** Options of `kaggle datasets download` / `kaggle competitions download` that take a value (besides the handle's own). */
const KAGGLE_OPTIONS = new Set(['-f', '--file', '-p', '--path']);

/**
 * `kaggle datasets download [-d] owner/slug` and `kaggle competitions download [-c] slug`: the data a
 * notebook or script fetches from Kaggle (the handle by its flag, else the first operand).
 */
function kaggleDownload(words: readonly ShellWord[]): { handle: ShellWord; command: string } | undefined {
  const at = words.findIndex((word) => programName(word.value) === 'kaggle');
  const group = words[at + 1]?.value;
  if (at < 0 || (group !== 'datasets' && group !== 'competitions') || words[at + 2]?.value !== 'download') return undefined;
  const flags = group === 'datasets' ? ['-d', '--dataset'] : ['-c', '--competition'];
  let handle: ShellWord | undefined;
  for (let j = at + 3; j < words.length; j++) {
    const value = words[j].value;
    if (flags.includes(value)) handle = words[++j];
    else if (KAGGLE_OPTIONS.has(value)) j++;
    else if (!value.startsWith('-')) handle ??= words[j];
  }
  return handle ? { handle, command: `kaggle ${group} download` } : undefined;
}

/**
 * The folders the file's launches write (`--output_dir outputs/run1`, `--output_file outputs/scores.json`):
 * a model a later command of the same file evaluates from there (`--model_name_or_path outputs/ssd-run`)
 * is the earlier run's checkpoint, not a Hub repository.
 */
function withOutputFolders(
  invocations: readonly Invocation[],
  variables: Map<string, string | undefined>,
  evidence: HubIdEvidence,
): HubIdEvidence {
  const folders = new Set<string>();
  for (const { words } of invocations) {
    const from = launchedAt(words);
    if (from < 0) continue;
    for (const option of optionsOf(words, from)) {
      const value = resolveVariable(option.value, variables).replace(/^\.\//, '');
      if (OUTPUT_OPTION.test(option.name) && value.includes('/')) folders.add(value.split('/')[0]);
    }
  }
  if (folders.size === 0) return evidence;
  return { ...evidence, isWorkspaceFolder: (name) => folders.has(name) || evidence.isWorkspaceFolder?.(name) === true };
}

/** Options naming where a run writes (`--output_dir`, `--save_path`, `--output_file`), not a Hub repository it pushes (`--output_dataset_name`). */
const OUTPUT_OPTION = /^(?:output|save|out)_(?:dir|directory|folder|path|file)$/;

/** Options of `huggingface-cli download` / `hf download` that take a value. */
const DOWNLOAD_OPTIONS = new Set(['--repo-type', '--revision', '--local-dir', '--cache-dir', '--token', '--max-workers', '--format']);

/**
 * `huggingface-cli download org/name [files] [--repo-type dataset]` and `hf download …`: the repository
 * a script fetches from the Hub, a model unless the type says dataset (a space is neither).
 */
function hubDownload(words: readonly ShellWord[]): { repo: ShellWord; type: string; command: string } | undefined {
  const at = words.findIndex((word) => ['huggingface-cli', 'hf'].includes(programName(word.value)));
  if (at < 0 || words[at + 1]?.value !== 'download') return undefined;
  let repo: ShellWord | undefined;
  let type = 'model';
  for (let j = at + 2; j < words.length; j++) {
    const [flag, inline] = words[j].value.split(/=(.*)/s);
    if (flag === '--repo-type') type = inline ?? words[j + 1]?.value ?? type;
    if (DOWNLOAD_OPTIONS.has(flag) && inline === undefined) j++;
    else if (!flag.startsWith('-')) repo ??= words[j];
  }
  return repo ? { repo, type, command: `${programName(words[at].value)} download` } : undefined;
}

/**
 * Launch commands and Hub downloads of a notebook's shell lines (`!accelerate launch train.py \\`
 * with its continuation lines, `!huggingface-cli download org/name`), each cell read as one script.
 */
export function collectNotebookLaunches(path: string, notebookText: string, evidence: HubIdEvidence = {}): PartialComponent[] {
  return notebookCells(notebookText).flatMap((cell) => {
    const script = shellLinesOf(cell.text);
    if (!script) return [];
    const fileLine = (line: number) => cell.toFile({ line: line - 1, character: 0 }).line + 1;
    return collectLaunchArguments(path, script, shellInvocations(script, undefined), evidence, fileLine);
  });
}

/** A cell's `!` lines and their continuations as a shell script, other lines blank (rows kept); undefined without any. */
function shellLinesOf(cell: string): string | undefined {
  let continued = false;
  let any = false;
  const lines = cell.split('\n').map((line) => {
    const magic = /^\s*!/.exec(line);
    const kept = magic ? ' '.repeat(magic[0].length) + line.slice(magic[0].length) : continued ? line : '';
    continued = (magic !== null || continued) && /\\\s*$/.test(line);
    any ||= magic !== null;
    return kept;
  });
  return any ? lines.join('\n') : undefined;
}

/**
 * The index of the word after which a launch command's options start, or -1 when the command launches
 * nothing; a model server started through `python -m vllm…` is the serving reader's (`servingCommands.ts`).
 */
function launchedAt(words: readonly ShellWord[]): number {
  for (let j = 0; j < words.length; j++) {
    const value = words[j].value;
    if (value.startsWith('--')) return -1;
    const name = programName(value);
    if (PYTHON.test(name) || LAUNCHERS.has(name) || /\.py$/.test(value)) return servesModel(words, j) ? -1 : j;
  }
  return -1;
}

function servesModel(words: readonly ShellWord[], from: number): boolean {
  const module = words.findIndex((word, j) => j > from && word.value === '-m');
  return module > 0 && SERVING_PROGRAMS.modules.has((words[module + 1]?.value ?? '').split('.')[0]);
}

interface LaunchOption {
  /** The option's name in snake case, without dashes (`model_name_or_path`). */
  name: string;
  value: string;
  word: ShellWord;
}

/** `--name value` and `--name=value` after the program. */
function optionsOf(words: readonly ShellWord[], from: number): LaunchOption[] {
  const options: LaunchOption[] = [];
  for (let j = from + 1; j < words.length; j++) {
    const match = /^--([A-Za-z][\w-]*)(?:=(.*))?$/s.exec(words[j].value);
    if (!match) continue;
    const name = match[1].replace(/-/g, '_').toLowerCase();
    if (match[2] !== undefined) options.push({ name, value: match[2], word: words[j] });
    else if (words[j + 1] && !words[j + 1].value.startsWith('-')) options.push({ name, value: words[j + 1].value, word: words[++j] });
  }
  return options;
}

/**
 * Usage commands a training or evaluation script documents in its header, the module docstring and the
 * comment lines around it (`"""Usage: accelerate launch scripts/sft.py --model_name_or_path org/name
 * --dataset_name org/data"""`, as TRL, alignment-handbook and open-r1 scripts do): the script says which
 * models and datasets it is run with. Only lines that start a launch, and the lines a `\` continues, are
 * read, so prose (and its apostrophes) never reaches the tokenizer.
 */
export function collectHeaderLaunches(path: string, text: string, evidence: HubIdEvidence = {}): PartialComponent[] {
  const script = headerCommands(text);
  return script ? collectLaunchArguments(path, script, shellInvocations(script, undefined), evidence) : [];
}

/** A header line that starts a command (a launcher, Python, a Hub download), after a prompt or `Usage:`, which group 1 holds. */
const HEADER_COMMAND =
  /^(\s*(?:(?:usage|example|run(?:\s+with)?)\s*:\s*|[$>]\s+)?)(?:[A-Z_][A-Z0-9_]*=\S*\s+)*(?:(?:python|pypy)[\d.]*|uv\s+run|accelerate|torchrun|deepspeed|trl|lm_eval|lm-eval|lighteval|huggingface-cli|hf\s+download)\s/i;
const DOCSTRING_OPEN = /^\s*[rRuU]?("""|''')/;

/**
 * The file's header as a shell script: the command lines of its leading comments and module docstring at
 * their rows (other rows blank, so offsets map to the file's lines), or undefined when it documents none.
 */
function headerCommands(text: string): string | undefined {
  const kept: string[] = [];
  let quote: string | undefined;
  let docstring = false;
  let continued = false;
  let any = false;
  const keep = (row: number, content: string, lead: number): void => {
    // A non-raw docstring writes the continuation backslash doubled.
    const line = content.replace(/\\\\\s*$/, '\\');
    const start = HEADER_COMMAND.exec(line);
    if (!continued && !start) return;
    const prompt = start?.[1].length ?? 0;
    kept[row] = ' '.repeat(lead + prompt) + line.slice(prompt);
    continued = /\\\s*$/.test(line);
    any = true;
  };
  // Rows are cut one by one: the header ends at the first statement, long before most files do.
  for (let row = 0, from = 0; from <= text.length; row++) {
    const newline = text.indexOf('\n', from);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(from, end);
    from = end + 1;
    kept.push('');
    if (quote) {
      const close = line.indexOf(quote);
      keep(row, close < 0 ? line : line.slice(0, close), 0);
      if (close >= 0) quote = undefined;
      continue;
    }
    const open = DOCSTRING_OPEN.exec(line);
    if (/^\s*#/.test(line)) {
      const hash = line.indexOf('#');
      keep(row, line.slice(hash + 1), hash + 1);
    } else if (open && !docstring) {
      // Only the module docstring: a later string is code.
      docstring = true;
      continued = false;
      const rest = line.slice(open[0].length);
      const close = rest.indexOf(open[1]);
      keep(row, close < 0 ? rest : rest.slice(0, close), open[0].length);
      if (close < 0) quote = open[1];
    } else if (line.trim() !== '') break;
  }
  return any ? kept.join('\n') : undefined;
}
