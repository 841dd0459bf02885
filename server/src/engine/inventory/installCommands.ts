import { notebookCells } from '../parse/notebook';
import { programName, type ShellWord, shellScriptWord, sliceFragment, splitCommands } from '../parse/shellWords';
import { dockerfileAssignments, dockerfileInvocations, shellInvocations, yamlInvocations } from '../rules/commandInvocations';
import type { Invocation } from '../rules/trustRemoteCodeFlags';
import type { FileKind } from '../types';
import { lookupPackage, lookupRepository, type PackageInfo, pythonPackageForModule } from './catalog';
import { sdkComponent } from './components';
import { Lines } from './manifestText';
import { parseRequirement } from './pythonManifests';
import type { Ecosystem, PartialComponent } from './types';

/**
 * AI packages installed by commands rather than declared in a manifest: `%pip install` and
 * `!pip install` lines of notebooks, `RUN pip install` in Dockerfiles, shell scripts, and CI steps
 * (`run:`/`script:`). Many notebooks and container images have no manifest at all, so these lines
 * are the only record of the SDKs they use. Only packages of the AI catalogue are listed.
 */

/** Options of the installers that take a value as the next word (`-r requirements.txt`). */
const OPTIONS_WITH_VALUE = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '--trusted-host',
  '--python',
  '--platform',
  '--registry',
  '--tag',
  '-w',
  '--workspace',
  '--filter',
  '--group',
  '-G',
  '--extra',
  '--index',
]);

interface Installer {
  ecosystem: Ecosystem;
  /** Index of the first word after the install subcommand. */
  argsFrom: number;
}

/** The installer a command runs (`pip install`, `python -m pip install`, `uv add`, `npm i`…), if any. */
function installerOf(words: readonly string[]): Installer | undefined {
  const program = programName(words[0] ?? '');
  const sub = words[1];
  if (/^pip(?:3(?:\.\d+)?)?$/.test(program) && sub === 'install') return { ecosystem: 'pypi', argsFrom: 2 };
  if (/^python(?:3(?:\.\d+)?)?$/.test(program) && sub === '-m' && /^pip3?$/.test(words[2] ?? '') && words[3] === 'install') {
    return { ecosystem: 'pypi', argsFrom: 4 };
  }
  if (program === 'uv' && sub === 'pip' && words[2] === 'install') return { ecosystem: 'pypi', argsFrom: 3 };
  if ((program === 'uv' || program === 'poetry' || program === 'pdm') && sub === 'add') return { ecosystem: 'pypi', argsFrom: 2 };
  if (program === 'npm' && ['install', 'i', 'add'].includes(sub ?? '')) return { ecosystem: 'npm', argsFrom: 2 };
  // `bun update -g @anthropic-ai/claude-code`: a global update installs the named package.
  if ((program === 'npm' || program === 'bun' || program === 'pnpm') && ['update', 'upgrade'].includes(sub ?? '') && words.includes('-g'))
    return { ecosystem: 'npm', argsFrom: 2 };
  if ((program === 'yarn' || program === 'pnpm' || program === 'bun') && ['add', 'install', 'i'].includes(sub ?? '')) {
    return { ecosystem: 'npm', argsFrom: 2 };
  }
  return undefined;
}

/** `name`, `name==1.2`, `name[extra]>=1`, `name@1.2.3`, `@scope/name@^1`; undefined for paths, URLs and variables. */
interface PackageSpec {
  name: string;
  version?: string;
  versionRange?: string;
}

function packageSpec(ecosystem: Ecosystem, word: string): PackageSpec | undefined {
  if (word === '' || word.includes('$') || /^[.~/]|:\/\/|\.(?:whl|tar\.gz|zip|txt)$/.test(word)) return undefined;
  if (ecosystem === 'pypi') {
    const requirement = parseRequirement(word);
    if (!requirement) return undefined;
    const pin = /^===?([\w.!+-]+)$/.exec(requirement.specifier);
    if (pin) return { name: requirement.name, version: pin[1] };
    return requirement.specifier ? { name: requirement.name, versionRange: requirement.specifier } : { name: requirement.name };
  }
  const match = /^(@?[^@\s]+)(?:@(.+))?$/.exec(word);
  // `@scope/name` has one slash; any other slash is a path or a git spec.
  const slashes = match ? match[1].split('/').length - 1 : 0;
  if (!match || slashes > (match[1].startsWith('@') ? 1 : 0)) return undefined;
  const version = match[2];
  if (!version || version === 'latest') return { name: match[1] };
  return /^\d+\.\d+\.\d+[\w.+-]*$/.test(version) ? { name: match[1], version } : { name: match[1], versionRange: version };
}

/** The AI packages one command installs: the catalogue entry, the package word and its spec. */
function installedPackages(command: readonly ShellWord[]): { info: PackageInfo; word: ShellWord; spec: PackageSpec }[] {
  // `BUN_INSTALL=/home/node/.local bun install -g …`: variables set for the command come first.
  const words = command.slice(leadingAssignments(command));
  const installer = installerOf(words.map((word) => word.value));
  if (!installer) return [];
  const found = [];
  for (let i = installer.argsFrom; i < words.length; i++) {
    const value = words[i].value;
    if (value.startsWith('-')) {
      if (OPTIONS_WITH_VALUE.has(value)) i++;
      continue;
    }
    // `pip install git+https://github.com/huggingface/peft.git`: the package its repository builds.
    const built = value.startsWith('git+') ? lookupRepository(installer.ecosystem, value) : undefined;
    const spec = built ? { name: built.name } : packageSpec(installer.ecosystem, value);
    const info = built ?? (spec && lookupPackage(installer.ecosystem, spec.name));
    if (spec && info) found.push({ info, word: words[i], spec });
  }
  return found;
}

/** The commands of a file of this kind, as argument vectors with file offsets: read once, shared by the command collectors. */
export function commandInvocationsOf(text: string, kind: FileKind): Invocation[] {
  switch (kind) {
    case 'shell':
      return shellInvocations(text, undefined);
    case 'dockerfile':
      // ARG and ENV values first, for the commands that name them.
      return [...dockerfileAssignments(text), ...dockerfileInvocations(text)];
    case 'yaml':
      return yamlInvocations(text);
    default:
      return [];
  }
}

/** Install commands of a shell script, Dockerfile or YAML file (CI steps, compose commands). */
export function collectInstallCommands(path: string, text: string, invocations: readonly Invocation[], kind: FileKind): PartialComponent[] {
  const lines = new Lines(text);
  // A script runs modules in the workspace's environment; a container's command runs them in its image
  // (`python3 -m vllm.entrypoints.openai.api_server` in a Kubernetes manifest is the vLLM server, not an SDK).
  const modules = kind === 'shell';
  return invocations.flatMap(({ words }) => components(path, words, (offset) => lines.at(offset), modules));
}

/** `!pip install …` and `%pip install …` lines of a notebook's code cells (also `!uv pip`, `%conda` is not PyPI). */
export function collectNotebookInstalls(path: string, notebookText: string): PartialComponent[] {
  const found: PartialComponent[] = [];
  for (const cell of notebookCells(notebookText)) {
    const lines = cell.text.split('\n');
    lines.forEach((line, row) => {
      const magic = /^\s*[!%]\s*/.exec(line);
      if (!magic || !/install|\badd\b/.test(line)) return;
      const fileLine = cell.toFile({ line: row, character: 0 }).line + 1;
      // `!pip install -qU \` with one package a line: the continuation lines belong to the command.
      let end = row;
      while (/\\\s*$/.test(lines[end]) && end + 1 < lines.length) end++;
      const command = [line.slice(magic[0].length), ...lines.slice(row + 1, end + 1)].join('\n').replace(/\\[ \t]+\n/g, '\\\n');
      for (const words of splitCommands(sliceFragment(command, 0))) found.push(...components(path, words, () => fileLine, false));
    });
  }
  return found;
}

function components(
  path: string,
  words: ShellWord[],
  lineAt: (offset: number) => number | undefined,
  modules: boolean,
  depth = 0,
): PartialComponent[] {
  const script = depth < 2 ? nestedScript(words) : undefined;
  if (script) return splitCommands(script.fragment()).flatMap((nested) => components(path, nested, lineAt, modules, depth + 1));
  const ran = modules ? ranModule(words) : undefined;
  if (ran) return [sdkComponent(ran.info, { path, line: lineAt(ran.word.start), evidence: 'import', symbol: ran.word.value })];
  return installedPackages(words).map(({ info, word, spec }) => {
    const { name: symbol, version, versionRange } = spec;
    const evidence = version ? { version, versionSource: 'manifest' as const } : versionRange ? { versionRange } : {};
    return sdkComponent(info, { path, line: lineAt(word.start), evidence: 'manifest', symbol }, evidence);
  });
}

/**
 * `python -m sglang.launch_server …`, also after a launcher (`srun … python -m sglang_router.launch_router`):
 * a script that runs an AI package's module uses that package as an import would. An MCP server's
 * module is a plugin (`mcpConfigs.ts`), and a module the catalog does not know is the workspace's own.
 */
function ranModule(words: readonly ShellWord[]): { info: PackageInfo; word: ShellWord } | undefined {
  const at = words.findIndex((word, i) => /^python(?:3(?:\.\d+)?)?$/.test(programName(word.value)) && words[i + 1]?.value === '-m');
  const word = at >= 0 ? words[at + 2] : undefined;
  if (!word || !/^[A-Za-z_]\w*(?:\.\w+)*$/.test(word.value)) return undefined;
  const info = pythonPackageForModule(word.value);
  return info && info.category !== 'mcp' ? { info, word } : undefined;
}

/** The script of `sh -c '…'`, `bash -lc "…"` or `su node -c '…'` (an install run as another user): its commands install too. */
function nestedScript(words: readonly ShellWord[]): ShellWord | undefined {
  let i = leadingAssignments(words);
  // A cluster launcher runs the shell on its nodes (`srun --nodes=2 bash -c "python -m …"`).
  if (LAUNCHERS.has(programName(words[i]?.value ?? '')))
    i = words.findIndex((word, j) => j > i && NESTING_SHELLS.has(programName(word.value)));
  if (i < 0 || !NESTING_SHELLS.has(programName(words[i]?.value ?? ''))) return undefined;
  // `su node -c '…'`, `su - node -c '…'`: options, the user, then the script's option.
  const user = programName(words[i].value) === 'su' ? words.findIndex((word, j) => j > i && !word.value.startsWith('-')) : -1;
  return shellScriptWord(words, i + 1) ?? (user > 0 ? shellScriptWord(words, user + 1) : undefined);
}

const NESTING_SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'su']);
const LAUNCHERS = new Set(['srun', 'mpirun', 'sudo', 'nohup']);

function leadingAssignments(words: readonly ShellWord[]): number {
  let i = 0;
  while (i < words.length && /^[A-Za-z_]\w*=/.test(words[i].value)) i++;
  return i;
}
