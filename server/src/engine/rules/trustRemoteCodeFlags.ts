import { programName, type ShellWord, shellScriptWord, shellWordValue, splitCommands } from '../parse/shellWords';

/**
 * Recognises the model-serving and evaluation command lines that accept `--trust-remote-code`
 * (vLLM, Text Generation Inference, SGLang, lm-evaluation-harness, lighteval, optimum-cli),
 * however they are launched: directly, through `python -m`, behind wrappers such as `exec`,
 * `uv run`, `accelerate launch` or `torchrun`, inside `sh -c "…"`, or as the arguments of a
 * serving container image.
 */

/** One argument vector: a shell command, a Dockerfile CMD/ENTRYPOINT, a container's command and args. */
export interface Invocation {
  words: ShellWord[];
  /**
   * Set when the words are only arguments for the entrypoint of a serving image (compose
   * `command: [--model, …]` with `image: vllm/vllm-openai`): the image name, shown in the message.
   */
  servingImage?: string;
  /** A Kubernetes container's literal `env` values, which its `command`/`args` name as `$(NAME)`. */
  env?: ReadonlyMap<string, string>;
}

/** A place where remote code is trusted, with the edits that turn it off. */
export interface TrustRemoteCodeUse {
  start: number;
  end: number;
  /** The program that receives the setting, for the message. */
  program: string;
  /** The setting as written, e.g. `--trust-remote-code`. */
  spelling: string;
  /** `remove` deletes the flag; `disable` rewrites an embedded `trust_remote_code=True` to `False`. */
  action: 'remove' | 'disable';
  edits: Array<{ start: number; end: number; newText: string }>;
}

const FLAG = /^--trust[-_]remote[-_]code(?:=(.*))?$/s;
/** lm-eval and lighteval pass loader options inside one argument: `pretrained=x,trust_remote_code=True`. */
const EMBEDDED = /(?:^|[,\s])(trust_remote_code\s*=\s*)(true|1)(?=$|[,\s])/gi;
const TRUTHY = new Set(['true', '1', 'yes', 'on']);
const FALSY = new Set(['false', '0', 'no', 'off']);

const MODEL_CLIS = new Set([
  'vllm',
  'text-generation-launcher',
  'text-generation-server',
  'sglang',
  'lm_eval',
  'lm-eval',
  'lighteval',
  'optimum-cli',
]);
/** `python -m <module>` roots that are the same tools. */
const MODEL_MODULES = new Set(['vllm', 'sglang', 'lm_eval', 'lighteval', 'optimum', 'text_generation_server']);
/** Programs that run another program given later on their command line. */
const WRAPPERS = new Set([
  'exec',
  'nohup',
  'sudo',
  'env',
  'time',
  'nice',
  'ionice',
  'stdbuf',
  'timeout',
  'setsid',
  'taskset',
  'numactl',
  'chrt',
  'xargs',
  'uv',
  'uvx',
  'poetry',
  'pipenv',
  'pdm',
  'rye',
  'hatch',
  'conda',
  'mamba',
  'micromamba',
  'pixi',
  'accelerate',
  'torchrun',
  'deepspeed',
  'srun',
  // `ray job submit … -- vllm serve …`: the job's entrypoint follows `--`.
  'ray',
  'mpirun',
  'mpiexec',
  'dumb-init',
  'tini',
  'gosu',
  'su-exec',
]);
const LAUNCHER_MODULES = new Set(['torch.distributed.run', 'torch.distributed.launch', 'accelerate.commands.launch']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'ksh']);
const CONTAINER_CLIS = new Set(['docker', 'podman', 'nerdctl']);
const SHELL_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{']);
const PYTHON = /^(?:python|pypy)(?:\d+(?:\.\d+)*)?$/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** True for images whose entrypoint is a serving engine that honours `--trust-remote-code`. */
export function isServingImage(image: string): boolean {
  const repository = image.replace(/@.*$/, '').replace(/:[^/]*$/, '');
  const name = repository.slice(repository.lastIndexOf('/') + 1).toLowerCase();
  return /vllm|sglang|text-generation-inference|huggingfaceserver|^tgi(?:$|[-_.])|^jetstream-(?:pytorch|maxtext|pathways)|^inference-checkpoint$/.test(
    name,
  );
}

/** True when a first word is an argument rather than a program: an option or a hub model id. */
export function looksLikeArguments(word: ShellWord | undefined): boolean {
  return word !== undefined && (word.value.startsWith('-') || /^[\w.-]+\/[\w.-]+$/.test(word.value));
}

/** Every trusted-remote-code setting in the invocations, once per place in the file. */
export function trustRemoteCodeUses(invocations: Iterable<Invocation>, file: string): TrustRemoteCodeUse[] {
  const uses: TrustRemoteCodeUse[] = [];
  const seen = new Set<number>();
  for (const { words, index, program } of programInvocations(invocations, SERVING_PROGRAMS)) {
    for (const use of settingsAfter(words, index, program, file)) {
      if (seen.has(use.start)) continue;
      seen.add(use.start);
      uses.push(use);
    }
  }
  return uses.sort((a, b) => a.start - b.start);
}

/** Which programs a command-line rule is about: CLIs by name, `python -m` module roots, container images. */
export interface ProgramCatalog {
  clis: ReadonlySet<string>;
  modules: ReadonlySet<string>;
  isImage(image: string): boolean;
}

const SERVING_PROGRAMS: ProgramCatalog = { clis: MODEL_CLIS, modules: MODEL_MODULES, isImage: isServingImage };

/** A recognised program in an argument vector: its words, the program's index (-1 for an image's entrypoint) and name. */
export interface ProgramInvocation {
  words: ShellWord[];
  index: number;
  program: string;
  /** The container `env` of the invocation it came from (also for the commands of its `sh -c` script). */
  env?: ReadonlyMap<string, string>;
}

/**
 * The catalogue's programs the invocations run, however launched: directly, through `python -m`,
 * wrappers, `docker run`, the scripts of `sh -c "…"` (two levels deep) or a serving image's entrypoint.
 */
export function programInvocations(invocations: Iterable<Invocation>, catalog: ProgramCatalog): ProgramInvocation[] {
  const found: ProgramInvocation[] = [];
  const visit = (invocation: Invocation, depth: number): void => {
    const { words, servingImage, env } = invocation;
    const target = resolve(words, 0, catalog);
    if (target && 'script' in target) {
      if (depth < 3) for (const nested of splitCommands(target.script.fragment())) visit({ words: nested, env }, depth + 1);
      return;
    }
    const anchor = target ?? (servingImage && catalog.isImage(servingImage) ? { index: -1, program: servingImage } : undefined);
    if (anchor) found.push({ words, ...anchor, ...(env ? { env } : {}) });
  };
  for (const invocation of invocations) visit(invocation, 0);
  return found;
}

type Target = { index: number; program: string } | { script: ShellWord };

/** Finds the serving program a command runs (its word index), or the script of `sh -c`. */
function resolve(words: ShellWord[], from: number, catalog: ProgramCatalog): Target | undefined {
  let i = from;
  while (i < words.length && (ASSIGNMENT.test(words[i].value) || SHELL_KEYWORDS.has(words[i].value))) i++;
  const word = words[i];
  if (!word) return undefined;
  const name = programName(word.value);
  if (catalog.clis.has(name)) return { index: i, program: name };
  if (PYTHON.test(name)) return pythonModule(words, i, catalog);
  if (SHELLS.has(name)) return shellScript(words, i);
  if (CONTAINER_CLIS.has(name)) return containerRun(words, i, catalog);
  if (WRAPPERS.has(name)) return afterWrapper(words, i + 1, catalog);
  return undefined;
}

/** `python [options] -m vllm.entrypoints.openai.api_server …`; a script or `-c` is not a serving CLI. */
function pythonModule(words: ShellWord[], at: number, catalog: ProgramCatalog): Target | undefined {
  for (let j = at + 1; j < words.length; j++) {
    const value = words[j].value;
    let module: string | undefined;
    let index = j;
    if (value === '-m') {
      module = words[j + 1]?.value;
      index = j + 1;
    } else if (/^-m[\w.]/.test(value)) {
      module = value.slice(2);
    } else if (value === '-W' || value === '-X') {
      j++;
      continue;
    } else if (value.startsWith('-') && value !== '-c') {
      continue;
    } else {
      return undefined;
    }
    if (!module) return undefined;
    if (catalog.modules.has(module.split('.')[0])) return { index, program: module };
    if (LAUNCHER_MODULES.has(module)) return afterWrapper(words, index + 1, catalog);
    return undefined;
  }
  return undefined;
}

/** The script word of `sh -c script` (also `-lc`, `-ec`, …); `sh run.sh` is not followed. */
function shellScript(words: ShellWord[], at: number): Target | undefined {
  const script = shellScriptWord(words, at + 1);
  return script ? { script } : undefined;
}

/** `docker run [options] IMAGE [args]`: a serving image, or a serving CLI given as the container command. */
function containerRun(words: ShellWord[], at: number, catalog: ProgramCatalog): Target | undefined {
  const run = words.findIndex((word, j) => j > at && word.value === 'run');
  if (run < 0) return undefined;
  for (let j = run + 1; j < words.length; j++) {
    const value = words[j].value;
    if (value.startsWith('-') || ASSIGNMENT.test(value)) continue;
    if (catalog.isImage(value)) return { index: j, program: value };
    const name = programName(value);
    if (catalog.clis.has(name)) return { index: j, program: name };
    if (PYTHON.test(name)) return pythonModule(words, j, catalog);
  }
  return undefined;
}

/**
 * After a wrapper (`exec`, `uv run`, `conda run -n env`, `accelerate launch --num_processes 8`),
 * the next recognised program takes over. Option values are skipped; a script path ends the search.
 */
function afterWrapper(words: ShellWord[], from: number, catalog: ProgramCatalog): Target | undefined {
  for (let j = from; j < words.length; j++) {
    const value = words[j].value;
    if ((value === '-m' || value === '--module') && catalog.modules.has((words[j + 1]?.value ?? '').split('.')[0])) {
      return { index: j + 1, program: words[j + 1].value };
    }
    if (value.startsWith('-') || ASSIGNMENT.test(value)) continue;
    const name = programName(value);
    if (catalog.clis.has(name) || PYTHON.test(name) || SHELLS.has(name) || CONTAINER_CLIS.has(name) || WRAPPERS.has(name)) {
      return resolve(words, j, catalog);
    }
    const previous = words[j - 1]?.value ?? '';
    const optionValue = j > from && previous.startsWith('-') && !previous.includes('=');
    if (!optionValue && (value.includes('/') || /\.(?:py|sh|bash)$/.test(value))) return undefined;
  }
  return undefined;
}

/** The trust-remote-code settings among the words after the program at `anchor`. */
function settingsAfter(words: ShellWord[], anchor: number, program: string, file: string): TrustRemoteCodeUse[] {
  const uses: TrustRemoteCodeUse[] = [];
  for (let j = anchor + 1; j < words.length; j++) {
    const word = words[j];
    const flag = FLAG.exec(word.value);
    if (flag) {
      const inlineValue = flag[1]?.toLowerCase();
      if (inlineValue !== undefined) {
        if (TRUTHY.has(inlineValue)) uses.push(flagUse(word, undefined, program, file));
        continue;
      }
      const next = words[j + 1]?.value.toLowerCase();
      if (next !== undefined && FALSY.has(next)) {
        j++;
        continue;
      }
      const value = next !== undefined && TRUTHY.has(next) ? words[j + 1] : undefined;
      uses.push(flagUse(word, value, program, file));
      if (value) j++;
      continue;
    }
    uses.push(...embeddedUses(word, program, file));
  }
  return uses;
}

function flagUse(flag: ShellWord, value: ShellWord | undefined, program: string, file: string): TrustRemoteCodeUse {
  const spelling = flag.value.replace(/=.*$/s, '');
  let edits: TrustRemoteCodeUse['edits'];
  if (!writtenAsIs(flag, file) || (value && !writtenAsIs(value, file))) {
    edits = []; // Escapes inside the word: the range is approximate, so no edit is offered.
  } else if (flag.removal) {
    // Separate list items (`"--trust-remote-code", "true"`): their removals touch, so one edit covers both.
    const end = value?.removal && value.removal.start <= flag.removal.end ? value.removal.end : flag.removal.end;
    edits = [{ start: flag.removal.start, end, newText: '' }];
    if (value?.removal && end === flag.removal.end) edits.push({ ...value.removal, newText: '' });
  } else {
    const span = inlineRemoval(file, flag.start, value?.end ?? flag.end);
    edits = span ? [{ ...span, newText: '' }] : [];
  }
  return { start: flag.start, end: flag.end, program: displayName(program), spelling, action: 'remove', edits };
}

/** `--model_args pretrained=org/model,trust_remote_code=True`: the embedded setting, rewritten to False. */
function embeddedUses(word: ShellWord, program: string, file: string): TrustRemoteCodeUse[] {
  if (!/trust_remote_code/i.test(word.value)) return [];
  const fragment = word.fragment();
  const uses: TrustRemoteCodeUse[] = [];
  for (const match of fragment.text.matchAll(EMBEDDED)) {
    const keyStart = (match.index ?? 0) + match[0].length - match[1].length - match[2].length;
    const valueStart = keyStart + match[1].length;
    const valueEnd = valueStart + match[2].length;
    const start = fragment.offsetAt(keyStart);
    const end = fragment.offsetAt(valueEnd - 1) + 1;
    const edit = { start: fragment.offsetAt(valueStart), end, newText: 'False' };
    const exact = file.slice(edit.start, edit.end) === match[2];
    uses.push({
      start,
      end,
      program: displayName(program),
      spelling: 'trust_remote_code=True',
      action: 'disable',
      edits: exact ? [edit] : [],
    });
  }
  return uses;
}

/** True when the file spells the word's value at its range (no escapes that would shift an edit). */
function writtenAsIs(word: ShellWord, file: string): boolean {
  const raw = file.slice(word.start, word.end);
  return raw === word.value || shellWordValue(raw) === word.value;
}

/**
 * The span deleting a flag written inside a command line: its whole line when it stands alone
 * on a line (keeping line continuations intact), else the flag and the blanks before it.
 * Undefined when no edit is safe (a Dockerfile using `` ` `` as its escape character).
 */
export function inlineRemoval(file: string, start: number, end: number): { start: number; end: number } | undefined {
  const lineStart = file.lastIndexOf('\n', start - 1) + 1;
  const newline = file.indexOf('\n', end);
  const lineEnd = newline === -1 ? file.length : newline;
  const rest = file.slice(end, lineEnd);
  if (/^[ \t]*$/.test(file.slice(lineStart, start)) && /^[ \t]*(?:[\\`][ \t]*)?\r?$/.test(rest)) {
    const previousLine = lineStart > 0 ? file.slice(file.lastIndexOf('\n', lineStart - 2) + 1, lineStart - 1) : '';
    if (/[\\`][ \t]*\r?$/.test(rest) || !/[\\`][ \t]*\r?$/.test(previousLine)) {
      return { start: lineStart, end: Math.min(lineEnd + 1, file.length) };
    }
    // The last line of a continued command: deleting it whole would leave a dangling `\`.
    if (/`[ \t]*\r?$/.test(previousLine)) return undefined;
  }
  let from = start;
  for (;;) {
    const before = file[from - 1];
    if (before === ' ' || before === '\t') {
      from--;
      continue;
    }
    if (before === '\n') {
      let j = from - 2;
      if (file[j] === '\r') j--;
      while (file[j] === ' ' || file[j] === '\t') j--;
      if (file[j] === '\\') {
        from = j;
        continue;
      }
    }
    break;
  }
  if (from < start) return { start: from, end };
  let to = end;
  while (file[to] === ' ' || file[to] === '\t') to++;
  return { start, end: to };
}

/** `vllm.entrypoints.openai.api_server` → `vllm`; an image reference loses its digest. */
function displayName(program: string): string {
  if (program.includes('/') || program.includes(':')) return program.replace(/@.*$/, '');
  return program.split('.')[0];
}
