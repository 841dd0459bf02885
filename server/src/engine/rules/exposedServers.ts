import type { ShellWord } from '../parse/shellWords';
import { isUnspecifiedHost } from '../text/loopbackHost';
import { type Invocation, type ProgramCatalog, programInvocations } from './trustRemoteCodeFlags';

/**
 * AI servers started from a command line (shell, Dockerfile, compose, Kubernetes) that bind every
 * interface without the authentication each one offers. Only explicit bind settings count: a
 * server whose default is already every interface (TGI, LiteLLM, vLLM without `--host`) is not
 * reported, because nothing in the file says so (a known limit, written in the rule's docs).
 */

interface ServerKind {
  /** Shown in messages. */
  display: string;
  /** Options whose value is the bind address. */
  hostFlags: readonly string[];
  /** Options that turn authentication on (a non-empty value). */
  authFlags: readonly string[];
  /** Environment variables that turn authentication on. */
  authEnv: readonly string[];
  /** Options after which the file cannot tell whether authentication is on (a config file). */
  unknownAuthFlags?: readonly string[];
  /** What is missing, for the message. */
  auth: string;
  consequence: string;
  /** Extra condition on the words (Jupyter: only an empty token is unauthenticated). */
  unauthenticated?(words: ShellWord[], from: number): boolean;
}

const API_KEY_CONSEQUENCE = 'anyone who can reach the port can use the model and run up its cost';

const SERVERS: Readonly<Record<string, ServerKind>> = {
  vllm: {
    display: 'vLLM',
    hostFlags: ['--host'],
    authFlags: ['--api-key'],
    authEnv: ['VLLM_API_KEY'],
    auth: 'an API key (--api-key / VLLM_API_KEY)',
    consequence: API_KEY_CONSEQUENCE,
  },
  sglang: {
    display: 'SGLang',
    hostFlags: ['--host'],
    authFlags: ['--api-key'],
    authEnv: [],
    auth: 'an API key (--api-key)',
    consequence: API_KEY_CONSEQUENCE,
  },
  tgi: {
    display: 'Text Generation Inference',
    hostFlags: ['--hostname'],
    authFlags: ['--api-key'],
    authEnv: ['API_KEY'],
    auth: 'an API key (--api-key)',
    consequence: API_KEY_CONSEQUENCE,
  },
  llamacpp: {
    display: 'llama.cpp server',
    hostFlags: ['--host'],
    authFlags: ['--api-key', '--api-key-file'],
    authEnv: ['LLAMA_API_KEY', 'LLAMA_ARG_API_KEY'],
    auth: 'an API key (--api-key)',
    consequence: API_KEY_CONSEQUENCE,
  },
  litellm: {
    display: 'LiteLLM proxy',
    hostFlags: ['--host'],
    authFlags: [],
    authEnv: ['LITELLM_MASTER_KEY'],
    unknownAuthFlags: ['--config', '-c'],
    auth: 'a master key (LITELLM_MASTER_KEY)',
    consequence: 'anyone who can reach the port can call every configured model with its provider keys',
  },
  mlflow: {
    display: 'MLflow',
    hostFlags: ['--host', '-h'],
    authFlags: ['--app-name'],
    authEnv: ['MLFLOW_AUTH_CONFIG_PATH'],
    auth: 'authentication (--app-name basic-auth)',
    consequence: 'anyone who can reach the port can read and replace models and artifacts',
  },
  ray: {
    display: 'The Ray dashboard',
    hostFlags: ['--dashboard-host'],
    authFlags: [],
    authEnv: ['RAY_AUTH_MODE'],
    auth: 'token authentication (RAY_AUTH_MODE=token)',
    consequence: 'its Jobs API runs code on the cluster for anyone who can reach it',
  },
  jupyter: {
    display: 'Jupyter',
    hostFlags: ['--ip', '--NotebookApp.ip', '--ServerApp.ip'],
    authFlags: ['--NotebookApp.password', '--ServerApp.password', '--PasswordIdentityProvider.hashed_password'],
    authEnv: [],
    auth: 'a token or password',
    consequence: 'anyone who can reach the port runs code on this machine',
    unauthenticated: (words, from) =>
      ['--NotebookApp.token', '--ServerApp.token', '--IdentityProvider.token'].some((flag) => optionValue(words, from, flag)?.value === ''),
  },
};

/** The programs, as the shared command-line reader finds them. */
const EXPOSURE_PROGRAMS: ProgramCatalog = {
  clis: new Set([
    'vllm',
    'text-generation-launcher',
    'llama-server',
    'litellm',
    'ray',
    'mlflow',
    'jupyter',
    'jupyter-lab',
    'jupyter-notebook',
    'jupyter-server',
  ]),
  modules: new Set(['vllm', 'sglang', 'llama_cpp', 'litellm', 'mlflow', 'jupyter', 'jupyterlab', 'notebook', 'text_generation_server']),
  isImage: (image) => serverKindOf(image) !== undefined && /vllm|sglang|text-generation-inference|llama\.cpp|litellm/i.test(image),
};

function serverKindOf(program: string): string | undefined {
  const name = program.toLowerCase();
  if (/jupyter|^notebook/.test(name)) return 'jupyter';
  if (name.startsWith('mlflow')) return 'mlflow';
  if (name === 'ray') return 'ray';
  if (name.includes('litellm')) return 'litellm';
  if (name.includes('llama')) return 'llamacpp';
  if (name.includes('sglang')) return 'sglang';
  if (/text-generation|text_generation/.test(name)) return 'tgi';
  if (name.includes('vllm')) return 'vllm';
  return undefined;
}

/** A server bound to every interface without authentication. */
export interface ExposedServer {
  display: string;
  host: string;
  auth: string;
  consequence: string;
  /** The offsets of the address as written in the file, when an edit can replace it. */
  address?: { start: number; end: number };
  /** The word holding the bind setting: where the finding goes. */
  word: ShellWord;
}

/**
 * Every unauthenticated server bound to every interface. `environment` lists the variables the
 * file sets; `authUnknown` says the file loads more (an env file) so missing keys cannot be judged.
 */
export function exposedServers(
  invocations: Invocation[],
  file: string,
  environment: ReadonlySet<string>,
  authUnknown: boolean,
): ExposedServer[] {
  const found: ExposedServer[] = [];
  for (const { words, index, program } of programInvocations(invocations, EXPOSURE_PROGRAMS)) {
    const kindName = serverKindOf(program);
    const kind = kindName ? SERVERS[kindName] : undefined;
    if (!kind) continue;
    const exposure = kind.hostFlags
      .map((flag) => optionValue(words, index + 1, flag))
      .find((value) => value && isEveryInterface(value.value));
    if (!exposure || !isUnauthenticated(kind, words, index + 1, environment, authUnknown)) continue;
    found.push({
      display: kind.display,
      host: exposure.value,
      auth: kind.auth,
      consequence: kind.consequence,
      address: exposure.address(file),
      word: exposure.word,
    });
  }
  return found;
}

function isEveryInterface(host: string): boolean {
  return host === '*' || isUnspecifiedHost(host);
}

function isUnauthenticated(
  kind: ServerKind,
  words: ShellWord[],
  from: number,
  environment: ReadonlySet<string>,
  authUnknown: boolean,
): boolean {
  if (kind.unauthenticated && !kind.unauthenticated(words, from)) return false;
  if (kind.authFlags.some((flag) => (optionValue(words, from, flag)?.value ?? '') !== '')) return false;
  if (kind.unknownAuthFlags?.some((flag) => optionValue(words, from, flag) !== undefined)) return false;
  if (kind.authEnv.some((name) => environment.has(name) || words.some((word) => word.value.startsWith(`${name}=`)))) return false;
  return !(authUnknown && kind.authEnv.length > 0);
}

interface OptionValue {
  value: string;
  word: ShellWord;
  /** Where the value is written (for an edit), when the file spells it as is. */
  address(file: string): { start: number; end: number } | undefined;
}

/** `--flag value` or `--flag=value` among the words from `from` on; the first occurrence. */
export function optionValue(words: ShellWord[], from: number, flag: string): OptionValue | undefined {
  for (let j = Math.max(from, 0); j < words.length; j++) {
    const word = words[j];
    if (word.value === flag) {
      const next = words[j + 1];
      if (!next) return { value: '', word, address: () => undefined };
      return { value: next.value, word: next, address: (file) => spelledAt(file, next.start, next.end, next.value) };
    }
    if (word.value.startsWith(`${flag}=`)) {
      const value = word.value.slice(flag.length + 1);
      return { value, word, address: (file) => valueAtEnd(file, word, value) };
    }
  }
  return undefined;
}

/** `--flag=value` / `"--flag=value"`: the value ends the word, before a closing quote. */
function valueAtEnd(file: string, word: ShellWord, value: string): { start: number; end: number } | undefined {
  const end = file[word.end - 1] === '"' || file[word.end - 1] === "'" ? word.end - 1 : word.end;
  return spelledAt(file, end - value.length, end, value);
}

/** The span when the file writes `value` there (quotes around it skipped), else undefined. */
function spelledAt(file: string, start: number, end: number, value: string): { start: number; end: number } | undefined {
  if (file.slice(start, end) === value) return { start, end };
  if (end - start === value.length + 2 && file.slice(start + 1, end - 1) === value) return { start: start + 1, end: end - 1 };
  return undefined;
}
