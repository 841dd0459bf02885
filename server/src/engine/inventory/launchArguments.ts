import type { HubIdEvidence } from '../facts/hubIds';
import { programName, type ShellWord } from '../parse/shellWords';
import type { Invocation } from '../rules/trustRemoteCodeFlags';
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
 * provider's model id.
 */

/** Programs that run a Python script or a training or evaluation CLI given model and dataset options. */
const LAUNCHERS = new Set(['accelerate', 'torchrun', 'deepspeed', 'trl', 'lm_eval', 'lm-eval', 'lighteval']);
const PYTHON = /^(?:python|pypy)(?:\d+(?:\.\d+)*)?$/;

export function collectLaunchArguments(
  path: string,
  text: string,
  invocations: readonly Invocation[],
  evidence: HubIdEvidence = {},
): PartialComponent[] {
  const variables = shellAssignments(invocations);
  const lines = new Lines(text);
  const componentOf = (option: LaunchOption): PartialComponent | undefined => {
    const value = resolveVariable(option.value, variables).trim();
    if (value === '' || value.includes('$')) return undefined;
    const occurrence: Occurrence = { path, line: lines.at(option.word.start), evidence: 'config', symbol: `--${option.name}` };
    if (isModelSettingName(option.name)) return modelOfScriptSetting(value, evidence, () => mentionsOllama(text), occurrence);
    const dataset = optionDataset(option.name, value, evidence);
    return dataset ? hubDataset('huggingface', dataset, occurrence) : undefined;
  };
  return invocations.flatMap(({ words }) => {
    const from = launchedAt(words);
    return from < 0 ? [] : optionsOf(words, from).flatMap((option) => componentOf(option) ?? []);
  });
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
