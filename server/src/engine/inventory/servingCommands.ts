import { type HubIdEvidence, hubIdKind } from '../facts/hubIds';
import { programName, type ShellWord } from '../parse/shellWords';
import { optionValue } from '../rules/exposedServers';
import { type Invocation, type ProgramCatalog, programInvocations } from '../rules/trustRemoteCodeFlags';
import { modelComponent, property, serviceComponent } from './components';
import { Lines } from './manifestText';
import type { PartialComponent } from './types';

/**
 * Model-serving command lines: `vllm serve <id>`, `python -m vllm.entrypoints.openai.api_server
 * --model <id>`, `text-generation-launcher --model-id <id>` (or the TGI image's arguments),
 * `ollama pull|run <tag>`, `llama-server -m x.gguf | --hf-repo <id>`, SGLang `--model-path`,
 * `lmdeploy serve api_server <id>`, `mlx_lm.server --model <id>`, Docker Model Runner's
 * `docker model pull|run ai/<name>`. They are read wherever the
 * shared command-line reader finds them (shell scripts, Dockerfile RUN/CMD/ENTRYPOINT, compose and
 * Kubernetes `command`/`args`, CI steps), launched directly or through wrappers, `python -m`,
 * `docker run` and `sh -c`. Each gives the local serving service and the model it serves.
 */

/** The programs, as the shared reader finds them; serving images are those whose entrypoint takes `--model`. */
export const SERVING_PROGRAMS: ProgramCatalog = {
  clis: new Set([
    'vllm',
    'text-generation-launcher',
    'ollama',
    'llama-server',
    'lmdeploy',
    'mlx_lm.server',
    'sglang',
    'torchserve',
    'tritonserver',
  ]),
  modules: new Set(['vllm', 'sglang', 'lmdeploy', 'mlx_lm', 'llama_cpp', 'text_generation_server']),
  isImage: (image) => servingEngineOf(image) !== undefined,
};

/** Docker's CLI as a program of its own, for its `docker model` commands (Docker Model Runner); `docker run` stays a container run. */
const DOCKER_CLI: ProgramCatalog = { clis: new Set(['docker']), modules: new Set(), isImage: () => false };

/** The serving programs the invocations run, and `docker model …` commands. */
function servingInvocations(invocations: readonly Invocation[]) {
  const docker = programInvocations(invocations, DOCKER_CLI).filter(({ words, index }) => words[index + 1]?.value === 'model');
  return [...programInvocations(invocations, SERVING_PROGRAMS), ...docker];
}

interface ServingEngine {
  service: string;
  /** Where the model is named: options (first found wins) and, for subcommand CLIs, the word after them. */
  options: string[];
  positionalAfter?: string[];
  /** Options naming a model by the runtime's own name (MaxText's `model_name=llama2-70b`), not a Hub id. */
  namedOptions?: string[];
  /** `local`: the model is a file path (llama.cpp's `-m x.gguf`). */
  fileOptions?: string[];
  /** The model is a runtime's own tag (`llama3.1:8b`, `ai/smollm2:360M-Q4_K_M`), served by that provider, not a Hub id. */
  tags?: string;
}

const ENGINES: Record<string, ServingEngine> = {
  vllm: { service: 'vllm', options: ['--model'], positionalAfter: ['serve'] },
  tgi: { service: 'text-generation-inference', options: ['--model-id'] },
  sglang: { service: 'sglang', options: ['--model-path', '--model'] },
  ollama: { service: 'ollama', options: [], positionalAfter: ['pull', 'run'], tags: 'ollama' },
  dockerModels: { service: 'docker-model-runner', options: [], positionalAfter: ['pull', 'run'], tags: 'docker-model-runner' },
  llamacpp: { service: 'llama-cpp-server', options: ['--hf-repo', '-hfr', '-hf'], fileOptions: ['-m', '--model'] },
  lmdeploy: { service: 'lmdeploy', options: ['--model-name'], positionalAfter: ['api_server'] },
  mlx: { service: 'mlx-lm-server', options: ['--model'] },
  // JetStream PyTorch takes a Hub id; JetStream MaxText a MaxText model name as a `key=value` argument.
  jetstream: { service: 'jetstream', options: ['--model_id'], namedOptions: ['model_name'] },
  // JetStream's checkpoint converter job (`inference-checkpoint` image, `-m=org/name`): the Hub model the server will run.
  jetstreamCheckpoint: { service: 'jetstream', options: ['-m'] },
  // Servers of model archives and repositories (`torchserve --start --models t5=t5.mar`): the service only.
  torchserve: { service: 'torchserve', options: [] },
  triton: { service: 'triton', options: [] },
};

/** The engine behind a program name, `python -m` module or image (`vllm/vllm-openai:v0.6`). */
function servingEngineOf(program: string): string | undefined {
  const name = program.replace(/@.*$/, '').toLowerCase();
  if (name.includes('vllm')) return 'vllm';
  // Not `text-generation-webui`, a different program.
  if (/text-generation-(?:launcher|inference|server)|text_generation_server/.test(name)) return 'tgi';
  // Hugging Face's accelerator builds of TGI (`…/optimum-tpu/tgi-tpu`, `tgi-gaudi`).
  if (/(?:^|\/)tgi(?:$|[-_.:])/.test(name)) return 'tgi';
  if (/(?:^|\/)jetstream-(?:pytorch|maxtext|pathways)/.test(name)) return 'jetstream';
  if (/(?:^|\/)inference-checkpoint(?::|$)/.test(name)) return 'jetstreamCheckpoint';
  if (name.includes('sglang')) return 'sglang';
  if (name === 'ollama') return 'ollama';
  if (name === 'llama-server' || name.startsWith('llama_cpp')) return 'llamacpp';
  if (name.startsWith('lmdeploy')) return 'lmdeploy';
  if (name.startsWith('mlx_lm')) return 'mlx';
  if (name === 'torchserve') return 'torchserve';
  if (name === 'tritonserver') return 'triton';
  return undefined;
}

/** Serving commands of a shell script, Dockerfile or YAML file (compose, Kubernetes, Helm values, CI). */
export function collectServingCommands(
  path: string,
  text: string,
  invocations: readonly Invocation[],
  evidence: HubIdEvidence = {},
): PartialComponent[] {
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  const variables = shellAssignments(invocations);
  for (const { words, index, program, env } of servingInvocations(withExecTargets(invocations))) {
    const engineName = program === 'docker' ? 'dockerModels' : servingEngineOf(program);
    const engine = engineName ? ENGINES[engineName] : undefined;
    if (!engine) continue;
    const symbol = commandName(words, index, program);
    const at = (word: ShellWord) => ({ path, line: lines.at(word.start), evidence: 'config' as const, symbol });
    const service = serviceComponent(engine.service, at(words[Math.max(index, 0)]));
    if (!service) continue;
    if (index < 0) service.properties.push(property('service:image', program));
    const resolve = (value: string) => resolveVariable(env ? kubernetesReference(value, env) : value, variables);
    const model = servedModel(words, index, engine, resolve, evidence);
    if (model) {
      const component = modelComponent(model.id, model.provider, at(model.word), [property('model:served-by', engine.service)]);
      service.dependsOn.push(component.ref);
      components.push(component);
    }
    components.push(service);
  }
  return components;
}

/** `$(MODEL_ID)` in a Kubernetes container's arguments: the container's `env` value of that name. */
function kubernetesReference(value: string, env: ReadonlyMap<string, string>): string {
  const name = /^\$\(([A-Za-z_][\w.-]*)\)$/.exec(value)?.[1];
  return (name && env.get(name)) ?? value;
}

/** `vllm serve`, `ollama pull`, `vllm.entrypoints.openai.api_server`, or the image whose entrypoint runs. */
function commandName(words: ShellWord[], index: number, program: string): string {
  const sub = words[index + 1]?.value;
  return index >= 0 && sub && /^[a-z][\w-]*$/.test(sub) && !sub.includes('/') ? `${program} ${sub}` : program;
}

interface ServedModel {
  id: string;
  provider: string | undefined;
  word: ShellWord;
}

/** The model a serving command names, when it is a Hub id, an Ollama tag or a model file. */
function servedModel(
  words: ShellWord[],
  index: number,
  engine: ServingEngine,
  resolve: (value: string) => string,
  evidence: HubIdEvidence,
): ServedModel | undefined {
  const from = index + 1;
  for (const option of engine.options) {
    const found = optionValue(words, from, option);
    if (found) return hubModel(resolve(found.value), found.word, evidence);
  }
  for (const option of engine.namedOptions ?? []) {
    const found = optionValue(words, from, option);
    const name = found && resolve(found.value);
    if (found && name && MAXTEXT_MODEL.test(name)) return { id: name, provider: undefined, word: found.word };
  }
  for (const option of engine.fileOptions ?? []) {
    const found = optionValue(words, from, option);
    if (found) return modelFile(resolve(found.value), found.word);
  }
  // `vllm serve <id>`, `ollama pull <tag>`, `lmdeploy serve api_server <id>`: a subcommand one or two words in.
  const sub = [from, from + 1].find((j) => engine.positionalAfter?.includes(words[j]?.value ?? ''));
  const operand = sub === undefined ? undefined : firstOperand(words, sub + 1);
  if (!operand) return undefined;
  const value = resolve(operand.value);
  return engine.tags ? taggedModel(value, operand, engine.tags) : hubModel(value, operand, evidence);
}

/** MaxText's model names: a family, a version and a size (`llama2-70b`, `llama3.1-405b`, `gemma-7b`, `mixtral-8x7b`). */
const MAXTEXT_MODEL = /^(?:llama|gemma|mixtral|mistral|deepseek|qwen|gpt)[\d.]*(?:-[\d.]+)?-(?:\d+x)?\d+b$/;

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
const OPTION_OVERRIDE = /^\$\{?OPTARG\}?$/;

/**
 * Variables a script sets to a literal (`model=org/name`, `export MODEL_ID=org/name`, or the
 * default of `MODEL=\${MODEL:-org/name}`): serving scripts usually name the model once and pass
 * `$model`. A variable set twice to different values is ambiguous and dropped.
 */
export function shellAssignments(invocations: readonly Invocation[]): Map<string, string | undefined> {
  const variables = new Map<string, string | undefined>();
  for (const { words } of invocations) {
    const start = words[0]?.value === 'export' || words[0]?.value === 'declare' ? 1 : 0;
    const assignments = words.slice(start).map((word) => ASSIGNMENT.exec(word.value));
    // `NAME=value command …` sets the variable for that command only.
    if (assignments.length === 0 || assignments.some((match) => match === null)) continue;
    for (const match of assignments) {
      // `m) MODEL_PATH="$OPTARG" ;;` under `getopts` lets an option override the default: the literal stays the default.
      if (!match || OPTION_OVERRIDE.test(match[2])) continue;
      const value = expandKnown(defaultOf(match[2]) ?? match[2], variables);
      const known = variables.has(match[1]) ? variables.get(match[1]) : value;
      variables.set(match[1], value.includes('$') || known !== value ? undefined : value);
    }
  }
  return variables;
}

/** `https://huggingface.co/\${MODEL_NAME}` with the variables set before it (a value still naming an unknown one keeps its `$`). */
function expandKnown(value: string, variables: Map<string, string | undefined>): string {
  if (!value.includes('$')) return value;
  return value.replace(/\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g, (reference, braced, bare) => variables.get(braced ?? bare) ?? reference);
}

/** `\${NAME:-default}` / `\${NAME-default}` → `default`. */
function defaultOf(value: string): string | undefined {
  return /^\$\{[A-Za-z_]\w*:?-([^}$]*)\}$/.exec(value)?.[1];
}

/** `$name`, `\${name}` or `\${name:-default}` through the script's literal assignments; anything else as written. */
export function resolveVariable(value: string, variables: Map<string, string | undefined>): string {
  const reference = /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\})$/.exec(value);
  const name = reference?.[1] ?? reference?.[2];
  if (name) return variables.get(name) ?? value;
  return defaultOf(value) ?? value;
}

/** `docker exec [options] <container> ollama pull llama3`: the command run inside the container. */
function withExecTargets(invocations: readonly Invocation[]): Invocation[] {
  const all = [...invocations];
  for (const { words } of invocations) {
    const cli = programName(words[0]?.value ?? '');
    if (!['docker', 'podman', 'nerdctl', 'kubectl'].includes(cli) || words[1]?.value !== 'exec') continue;
    let j = 2;
    while (j < words.length && words[j].value.startsWith('-')) j += EXEC_OPTIONS_WITH_VALUE.has(words[j].value) ? 2 : 1;
    // kubectl separates the command with `--`; docker names the container first.
    const rest = words.slice(j + 1);
    const command = cli === 'kubectl' ? words.slice(words.findIndex((word) => word.value === '--') + 1) : rest;
    if (command.length > 0 && command.length < words.length) all.push({ words: command });
  }
  return all;
}

const EXEC_OPTIONS_WITH_VALUE = new Set(['-e', '--env', '-u', '--user', '-w', '--workdir', '-n', '--namespace', '-c', '--container']);

/** The first word after `from` that is not an option (`vllm serve --port 8000 org/model` is unusual, but valid). */
function firstOperand(words: ShellWord[], from: number): ShellWord | undefined {
  const word = words[from];
  return word && !word.value.startsWith('-') ? word : undefined;
}

/** A Hugging Face id (`org/name`, with llama.cpp's `:quant` suffix dropped); local folders and variables are not. */
function hubModel(value: string, word: ShellWord, evidence: HubIdEvidence): ServedModel | undefined {
  const id = value.replace(/:[\w.-]+$/, '');
  if (id.includes('$') || hubIdKind(id, evidence) !== 'hub') return undefined;
  return { id, provider: 'huggingface', word };
}

/**
 * A runtime's tag (Ollama's `llama3.1:8b`, `phi3`; Docker Model Runner's `ai/smollm2:360M-Q4_K_M`);
 * `hf.co/org/repo:Q4_K_M` models come from the Hub.
 */
function taggedModel(value: string, word: ShellWord, provider: string): ServedModel | undefined {
  if (value.includes('$') || /[<>{}]/.test(value)) return undefined;
  const hub = /^(?:hf\.co|huggingface\.co)\/([\w.-]+\/[\w.-]+)(?::[\w.-]+)?$/.exec(value);
  if (hub) return { id: hub[1], provider: 'huggingface', word };
  return /^[a-z0-9][\w.-]*(?:\/[\w.-]+)?(?::[\w.-]+)?$/i.test(value) ? { id: value, provider, word } : undefined;
}

/** llama.cpp serves a GGUF file: named by its file name, with no provider (it is on this machine). */
function modelFile(value: string, word: ShellWord): ServedModel | undefined {
  if (value.includes('$') || !/\.gguf$/i.test(value)) return undefined;
  return { id: value.slice(value.lastIndexOf('/') + 1), provider: undefined, word };
}
