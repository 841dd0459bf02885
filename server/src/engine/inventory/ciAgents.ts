import { PackageURL } from 'packageurl-js';
import ciAgentData from '../data/ci-agents.json';
import { type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { alignedFragment, type ShellWord, splitCommands } from '../parse/shellWords';
import { isTestPath } from '../testCode';
import { providerForModelId } from './catalog';
import { promptComponent } from './codePrompts';
import { property, serviceComponent, serviceRef } from './components';
import { keyNameFor } from './keyNames';
import { Lines } from './manifestText';
import { configModel } from './models';
import { isNaturalLanguage } from './promptTemplates';
import type { Occurrence, PartialComponent, Property } from './types';

/**
 * AI agents that CI pipelines run: GitHub Actions such as `anthropics/claude-code-action@v1` and
 * agent command lines in script steps (`claude -p`, `codex exec`, `gemini -p`, `aider --message`).
 * A step that runs a workspace script with an AI provider's key is an LLM-backed job of the repository's
 * own, named by the script. Each becomes a `plugin` with the service it calls; an action carries its ref as the version and
 * `ci:pinned` (true only for a full commit SHA, the one ref nobody can move). The workflow is read
 * through the shared config document, so the rules and the BOM parse it once.
 */

interface ActionEntry {
  repository: string;
  service?: string;
  inputs?: Record<string, string>;
  /** A step variable naming the agent engine, and the service of each engine. */
  engine?: { env: string; services: Record<string, string> };
}

interface CliEntry {
  command: string;
  name: string;
  packages: string[];
  flags?: string[];
  subcommands?: string[];
  service?: string;
  env?: Record<string, string>;
}

const ACTIONS = ciAgentData.actions as ActionEntry[];
const CLIS = ciAgentData.clis as CliEntry[];

/** The CI system a path configures, or undefined when it is not a pipeline definition. */
export function ciPlatformOf(path: string): string | undefined {
  const lower = path.toLowerCase();
  if (/(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(lower)) return 'github-actions';
  if (/(?:^|\/)(?:\.github\/actions\/.+\/)?action\.ya?ml$/.test(lower)) return 'github-actions';
  if (/(?:^|\/)\.gitlab-ci\.ya?ml$|(?:^|\/)\.gitlab\/ci\/.+\.ya?ml$/.test(lower)) return 'gitlab-ci';
  if (/(?:^|\/)azure-pipelines[^/]*\.ya?ml$|(?:^|\/)\.azure-pipelines\/.+\.ya?ml$|(?:^|\/)\.azuredevops\/.+\.ya?ml$/.test(lower)) {
    return 'azure-pipelines';
  }
  if (/(?:^|\/)bitbucket-pipelines\.ya?ml$/.test(lower)) return 'bitbucket-pipelines';
  if (/(?:^|\/)\.circleci\/config\.ya?ml$/.test(lower)) return 'circleci';
  return undefined;
}

/**
 * A workflow kept outside `.github/workflows` (templates and examples for users to copy): a YAML
 * document with `on` and `jobs` at its root is a GitHub Actions workflow wherever it lives.
 */
export function isWorkflowDocument(text: string): boolean {
  const root = configDocumentFor(text, 'yaml').root;
  return root?.kind === 'object' && root.get('jobs')?.kind === 'object' && root.get('on') !== undefined;
}

/** Lower-case literals for the engine's one pass: action repositories and agent command names. */
export function ciAgentLiterals(): string[] {
  const repos = ACTIONS.map((action) => action.repository.split('/')[1].toLowerCase());
  return [...new Set([...repos, ...CLIS.map((cli) => cli.command)])];
}

export function collectCiAgents(path: string, text: string, platform: string): PartialComponent[] {
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  const visit = (node: ConfigNode, depth: number): void => {
    if (depth > 64) return;
    for (const child of node.children) {
      if (child.key === 'uses' && child.string) {
        const found = actionComponents(path, child, platform);
        components.push(...found);
        if (found.length > 0) components.push(...actionSystemPrompts(path, text, child, lines));
      } else if (typeof child.key === 'string' && SCRIPT_KEYS.has(child.key))
        components.push(...scriptAgents(path, text, child, platform, lines));
      if (child.kind === 'object' || child.kind === 'array') visit(child, depth + 1);
    }
  };
  for (const root of configDocumentFor(text, 'yaml').documents) visit(root, 0);
  return components;
}

// ---------------------------------------------------------------------------------------------
// Actions

const FULL_SHA = /^[0-9a-f]{40}$/i;

/** `uses: owner/repo[/path]@ref` of a known agent action, with the service it calls. */
function actionComponents(path: string, uses: ConfigNode, platform: string): PartialComponent[] {
  const spec = (uses.string ?? '').trim();
  const match = /^([\w.-]+)\/([\w.-]+)((?:\/[^@\s]*)?)@([^\s]+)$/.exec(spec);
  if (!match) return [];
  const repository = `${match[1]}/${match[2]}`.toLowerCase();
  const action = ACTIONS.find((entry) => entry.repository === repository);
  if (!action) return [];
  const ref = match[4];
  const occurrence: Occurrence = { path, line: (uses.keyRange ?? uses.range).start.line + 1, evidence: 'config', symbol: spec };
  const step = uses.parent;
  const engine = action.engine ? step?.get(['env', action.engine.env])?.string?.toLowerCase() : undefined;
  const fallback = engine ? action.engine?.services[engine] : action.service;
  const serviceId = chosenService(fallback, action.inputs, (input) => step?.get(['with', input])?.value);
  const properties: Property[] = [
    property('plugin:type', 'ci-agent'),
    property('ci:platform', platform),
    property('ci:pinned', FULL_SHA.test(ref) ? 'true' : 'false'),
  ];
  if (match[3]) properties.push(property('ci:action-path', match[3].slice(1)));
  const plugin: PartialComponent = {
    ref: `plugin:ci/github/${repository}${match[3]}@${ref}`,
    kind: 'plugin',
    name: `${match[1]}/${match[2]}${match[3]}`,
    version: ref,
    purl: new PackageURL('github', match[1], match[2], ref, undefined, match[3] ? match[3].slice(1) : undefined).toString(),
    occurrences: [occurrence],
    properties,
    dependsOn: [],
  };
  return withService(plugin, serviceId, occurrence);
}

/** Agent CLI flags that set or extend the system prompt, as passed through an action's `claude_args`. */
const SYSTEM_PROMPT_FLAGS = new Set(['--system-prompt', '--append-system-prompt']);

/**
 * The system prompt a CI agent action runs with: `claude_args: --append-system-prompt "…"`. A prompt
 * named by the flag (`.github/workflows/claude.yml#append-system-prompt`), hashed over its text; a value
 * computed at run time (`$(cat prompt.md)`, `${{ … }}`) is not text we can read.
 */
function actionSystemPrompts(path: string, text: string, uses: ConfigNode, lines: Lines): PartialComponent[] {
  const components = actionPromptInputs(path, uses, lines);
  const args = uses.parent?.get(['with', 'claude_args']);
  if (!args?.string) return components;
  const fragment = alignedFragment(args.string, text.slice(args.start, args.end), (index) => args.start + index);
  const at = (offset: number, flag: string): Occurrence => ({ path, line: lines.at(offset), evidence: 'config', symbol: flag });
  for (const words of splitCommands(fragment)) {
    words.forEach((word, index) => {
      const [flag, inline] = word.value.split(/=(.*)/s);
      const value = inline ?? words[index + 1]?.value;
      // `--model claude-sonnet-4-5-20250929` (or an alias, `--model opus`): the model the agent runs on.
      // An id of another shape says its provider (`us.anthropic.claude-…-v1:0` on Bedrock); an alias is Claude's.
      const model =
        flag === '--model' && value && !/\$[({]/.test(value)
          ? configModel(value, providerForModelId(value) ?? 'anthropic', at(word.start, flag))
          : undefined;
      if (model) components.push(model);
      if (!SYSTEM_PROMPT_FLAGS.has(flag) || !value || /\$[({]/.test(value) || !isNaturalLanguage(value)) return;
      const name = flag.slice(2);
      components.push(promptComponent(path, name, value, [property('prompt:type', 'ci-agent-system-prompt')], at(word.start, flag)));
    });
  }
  return components;
}

/** `with:` inputs of agent actions that carry the task or instructions the agent runs with. */
const PROMPT_INPUTS = new Set([
  'prompt',
  'direct_prompt',
  'override_prompt',
  'custom_instructions',
  'system_prompt',
  'system-prompt',
  'append_system_prompt',
]);

/**
 * The prompt an agent action is started with: `direct_prompt: |` of claude-code-action, `prompt:` of
 * Codex or Gemini CLI actions (`.github/workflows/review.yml#direct_prompt`). Only written prose
 * counts: an expression (`${{ github.event.comment.body }}`) or a file path is not a prompt we can read.
 */
function actionPromptInputs(path: string, uses: ConfigNode, lines: Lines): PartialComponent[] {
  const inputs = uses.parent?.get(['with']);
  const components: PartialComponent[] = [];
  for (const input of inputs?.kind === 'object' ? inputs.children : []) {
    const value = input.string;
    if (typeof input.key !== 'string' || !PROMPT_INPUTS.has(input.key) || !value) continue;
    const prose = value.replace(/\$\{\{[^}]*\}\}/g, ' ');
    if (prose.trim().length < 20 || !isNaturalLanguage(prose)) continue;
    components.push(
      promptComponent(path, input.key, value, [property('prompt:type', 'ci-agent-prompt')], {
        path,
        line: lines.at(input.start),
        evidence: 'config',
        symbol: input.key,
      }),
    );
  }
  return components;
}

/** The default service, unless an input or variable that is switched on sends the agent elsewhere. */
function chosenService(
  fallback: string | undefined,
  switches: Record<string, string> | undefined,
  settingOf: (name: string) => unknown,
): string | undefined {
  for (const [name, service] of Object.entries(switches ?? {})) if (isOn(settingOf(name))) return service;
  return fallback;
}

export function isOn(value: unknown): boolean {
  return value === true || value === 1 || (typeof value === 'string' && /^(?:true|1|yes)$/i.test(value.trim()));
}

function withService(plugin: PartialComponent, serviceId: string | undefined, occurrence: Occurrence): PartialComponent[] {
  const service = serviceId ? serviceComponent(serviceId, occurrence) : undefined;
  if (!service) return [plugin];
  plugin.dependsOn.push(serviceRef(serviceId as string));
  return [plugin, service];
}

// ---------------------------------------------------------------------------------------------
// Agent command lines

/** Keys whose value is a shell script: Actions `run`, GitLab `script` and its hooks, Azure Pipelines steps. */
const SCRIPT_KEYS = new Set(['run', 'script', 'before_script', 'after_script', 'bash', 'pwsh', 'powershell', 'inlineScript']);

function scriptAgents(path: string, text: string, script: ConfigNode, platform: string, lines: Lines): PartialComponent[] {
  const scalars = script.kind === 'array' ? script.items().filter((item) => item.string !== undefined) : script.string ? [script] : [];
  const components: PartialComponent[] = [];
  for (const scalar of scalars) {
    const source = text.slice(scalar.start, scalar.end);
    const fragment = alignedFragment(scalar.string as string, source, (index) => scalar.start + index);
    for (const words of splitCommands(fragment)) {
      const run = agentRun(words);
      if (!run) {
        components.push(...keyedScriptRun(path, words, script, platform, lines));
        continue;
      }
      const occurrence: Occurrence = { path, line: lines.at(run.at.start), evidence: 'config', symbol: run.symbol };
      const env = inheritedEnv(script);
      const serviceId = chosenService(run.cli.service, run.cli.env, (name) => env.get(name));
      const plugin: PartialComponent = {
        ref: `plugin:ci/cli/${run.cli.name}`,
        kind: 'plugin',
        name: run.cli.name,
        occurrences: [occurrence],
        properties: [property('plugin:type', 'ci-agent'), property('ci:platform', platform), property('ci:command', run.symbol)],
        dependsOn: [],
      };
      components.push(...withService(plugin, serviceId, occurrence));
    }
  }
  return components;
}

interface AgentRun {
  cli: CliEntry;
  /** The program word, for the occurrence's line. */
  at: ShellWord;
  /** The program and the flag or subcommand that makes it a non-interactive agent run (`claude -p`). */
  symbol: string;
}

/** Words before the program: `sudo`, `env A=1`, `time`, and shell keywords (`if ! claude -p …; then`). */
const PREFIXES = new Set(['sudo', 'env', 'time', 'exec', 'nohup', 'if', 'then', 'elif', 'else', 'do', 'while', 'until', '!', '{']);
const RUNNERS = new Set(['npx', 'bunx', 'pnpx']);

function agentRun(words: ShellWord[]): AgentRun | undefined {
  let i = 0;
  while (i < words.length && (PREFIXES.has(words[i].value) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].value))) i++;
  const program = words[i];
  if (!program) return undefined;
  let cli: CliEntry | undefined;
  if (RUNNERS.has(program.value) || (program.value === 'pnpm' && words[i + 1]?.value === 'dlx')) {
    i += program.value === 'pnpm' ? 2 : 1;
    while (i < words.length && words[i].value.startsWith('-')) i++;
    const spec = words[i]?.value ?? '';
    cli = CLIS.find((entry) => entry.packages.some((name) => spec === name || spec.startsWith(`${name}@`)));
  } else {
    const name = program.value.slice(program.value.lastIndexOf('/') + 1);
    cli = CLIS.find((entry) => entry.command === name);
  }
  if (!cli) return undefined;
  const rest = words.slice(i + 1).map((word) => word.value);
  const command = cli.command;
  if (cli.subcommands?.includes(rest[0])) return { cli, at: program, symbol: `${command} ${rest[0]}` };
  const flag = rest.find((word) => cli.flags?.includes(word.split('=')[0]));
  return flag ? { cli, at: program, symbol: `${command} ${flag.split('=')[0]}` } : undefined;
}

/** Variable names set for a step: its own `env`/`variables` and those of the job and workflow around it. */
function inheritedEnv(node: ConfigNode): Map<string, unknown> {
  const env = new Map<string, unknown>();
  for (let at: ConfigNode | undefined = node.parent; at; at = at.parent) {
    if (at.kind !== 'object') continue;
    for (const key of ['env', 'variables']) {
      for (const [name, value] of at.get(key)?.entries() ?? []) if (!env.has(name)) env.set(name, value.value);
    }
  }
  return env;
}

// ---------------------------------------------------------------------------------------------
// Workspace scripts that call an AI provider

/** Interpreters that run a script file given as their first argument. */
const SCRIPT_INTERPRETERS = new Set(['python', 'python3', 'node', 'tsx', 'ts-node', 'bun', 'deno', 'ruby']);
/** A script file of the workspace, written as a plain path (`skills/review/review_pr.py`, `./scripts/triage.ts`). */
const SCRIPT_FILE = /^(?:\.\/)?[\w.-]+(?:\/[\w.-]+)*\.(?:py|m?js|cjs|m?ts|rb)$/;

/**
 * A step that runs a workspace script with an AI provider's key in its environment (`python
 * skills/review/review_pr.py` with `MISTRAL_API_KEY: ${{ secrets.MISTRAL_API_KEY }}`): an LLM-backed
 * CI job the repository writes itself (a reviewer, a triager, a checker), named by its script, with
 * the service of the key. Only the step's own variables count (the job's for GitLab `script`): a
 * key set for the whole workflow reaches every step, most of which never call the provider. A test
 * run (`pytest`, a test file), a module (`python -m …`) or a script without a provider key is not one.
 */
/**
 * Services whose key says nothing of model calls: a Hub token is how CI downloads weights and
 * uploads benchmark results (diffusers' `push_results.py`, `update_metadata.py`), not an LLM.
 */
const KEYS_WITHOUT_MODEL_CALLS = new Set(['huggingface-hub']);

function keyedScriptRun(path: string, words: ShellWord[], script: ConfigNode, platform: string, lines: Lines): PartialComponent[] {
  const file = scriptFile(words);
  if (!file || isTestPath(file.path, { testCode: { paths: [], severity: 'demote' } })) return [];
  const services = [...stepEnvNames(script)]
    .map((name) => keyNameFor(name))
    .filter((key) => key !== undefined && !key.weak)
    .map((key) => key?.service as string)
    .filter((service) => !KEYS_WITHOUT_MODEL_CALLS.has(service));
  if (services.length === 0) return [];
  const occurrence: Occurrence = { path, line: lines.at(file.at.start), evidence: 'config', symbol: file.symbol };
  const plugin: PartialComponent = {
    ref: `plugin:ci/script/${file.path}`,
    kind: 'plugin',
    name: file.path,
    occurrences: [occurrence],
    properties: [property('plugin:type', 'ci-agent'), property('ci:platform', platform), property('ci:command', file.symbol)],
    dependsOn: [],
  };
  const components: PartialComponent[] = [plugin];
  for (const serviceId of [...new Set(services)].sort()) {
    const service = serviceComponent(serviceId, occurrence);
    if (!service) continue;
    plugin.dependsOn.push(serviceRef(serviceId));
    components.push(service);
  }
  return components;
}

/** `python path.py …`, `uv run path.py`, `npx tsx path.ts`, `deno run path.ts`: the script file a command runs. */
function scriptFile(words: ShellWord[]): { path: string; at: ShellWord; symbol: string } | undefined {
  let i = 0;
  while (i < words.length && (PREFIXES.has(words[i].value) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].value))) i++;
  const program = words[i];
  if (!program) return undefined;
  const name = commandWord(program.value);
  if (PROJECT_RUNNERS.has(name) && words[i + 1]?.value === 'run') i += 2;
  else if (RUNNERS.has(name) || SCRIPT_INTERPRETERS.has(name)) i += 1;
  else return undefined;
  // After a runner: the interpreter (`uv run python x.py`, `npx tsx x.ts`), `run` (`deno run`), options.
  for (; i < words.length; i++) {
    const word = words[i].value;
    // `python -m module` runs a module, `node -e` inline code: no script file.
    if (word === '-m' || word === '-c' || word === '-e') return undefined;
    if (!word.startsWith('-') && word !== 'run' && !SCRIPT_INTERPRETERS.has(word)) break;
  }
  const file = words[i]?.value ?? '';
  if (!SCRIPT_FILE.test(file)) return undefined;
  const scriptPath = file.replace(/^\.\//, '');
  return { path: scriptPath, at: program, symbol: `${name} ${scriptPath}` };
}

/** Project tools whose `run` starts a script in the project's environment. */
const PROJECT_RUNNERS = new Set(['uv', 'poetry', 'pipenv']);

function commandWord(program: string): string {
  return program.slice(program.lastIndexOf('/') + 1);
}

/** Variable names set on the step (or GitLab job) that holds a script. */
function stepEnvNames(script: ConfigNode): string[] {
  const step = script.parent;
  return ['env', 'variables'].flatMap((key) => (step?.get(key)?.entries() ?? []).map(([name]) => name));
}
