import { type HubIdEvidence, hubIdKind } from '../facts/hubIds';
import { notebookCells } from '../parse/notebook';
import { programName, type ShellWord } from '../parse/shellWords';
import { shellInvocations } from '../rules/commandInvocations';
import type { Invocation } from '../rules/trustRemoteCodeFlags';
import { modelComponent } from './components';
import { hubDataset, optionDataset } from './datasets';
import { Lines } from './manifestText';
import { mentionsOllama } from './modelSettings';
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
  return invocations.flatMap(({ words }) => {
    const from = launchedAt(words);
    if (from >= 0) return optionsOf(words, from).flatMap((option) => componentOf(option) ?? []);
    return downloadOf(words) ?? [];
  });
}

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
