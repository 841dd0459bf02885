import type { CodeFacts } from '../facts';
import { hubIdEvidence, hubIdKind, isSaveSetting } from '../facts/hubIds';
import { scriptDefaults } from '../facts/scriptDefaults';
import type { CodeSite } from './codeImports';
import { modelComponent } from './components';
import { isOllamaModelName, mentionsOllama, strongModelId } from './modelSettings';
import type { PartialComponent } from './types';

/**
 * Models a training or evaluation script is run with by default: argparse / click / typer options
 * (`add_argument("--model", default="Qwen/Qwen2.5-0.5B-Instruct")`) and fields of argument classes
 * (`model_name_or_path: str = field(default="…")`), through the script-defaults helper the dataset
 * collector uses too.
 *
 * The setting's name must say model (`model`, `model_id`, `model_name_or_path`, `base_model`,
 * `reward_model`, `teacher_model_name`; not an output folder) and the default must be a Hub
 * repository id with its namespace (`org/name`, not a local folder or a placeholder: AIP105's
 * decision, with the folders the script itself writes) or a hosted provider's model id (`gpt-4o`).
 */
export function collectScriptModels(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'python') return [];
  const evidence = hubIdEvidence(facts, site.project);
  const components: PartialComponent[] = [];
  for (const setting of scriptDefaults(facts.python)) {
    if (!isModelSettingName(setting.name)) continue;
    const value = facts.valueOf(setting.value)?.trim();
    if (!value) continue;
    const row = setting.value?.startPosition.row ?? setting.row;
    const occurrence = { path: site.path, line: site.line(row), evidence: 'config' as const, symbol: setting.name };
    const strong = strongModelId(value);
    if (strong && !value.includes('/')) components.push(modelComponent(strong.id, strong.provider, occurrence));
    else if (value.includes('/') && hubIdKind(value, evidence) === 'hub') components.push(modelComponent(value, 'huggingface', occurrence));
    // `--model llama3:latest` of a script that talks to Ollama (`OllamaClient`, "URL of the Ollama server").
    else if (isOllamaModelName(value) && mentionsOllama(facts.text)) components.push(modelComponent(value, 'ollama', occurrence));
  }
  return components;
}

/** `model`, `model_name_or_path`, `base_model`, `reward_model_path`; not `model_output_dir` or `model_card`. */
function isModelSettingName(name: string): boolean {
  const words = name.toLowerCase().split('_');
  if (!words.some((word) => word === 'model') || isSaveSetting(name)) return false;
  return !words.some((word) => NOT_MODEL_WORDS.has(word));
}

/** Words that make a `model…` setting something else: where it is written, its card, its type or size. */
const NOT_MODEL_WORDS = new Set([
  'output',
  'save',
  'dir',
  'card',
  'type',
  'class',
  'revision',
  'dtype',
  'max',
  'len',
  'length',
  'config',
  'kwargs',
  'init',
]);
