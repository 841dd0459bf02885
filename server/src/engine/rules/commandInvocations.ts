import { isMap, isScalar, isSeq, parseAllDocuments, type Scalar, type YAMLMap } from 'yaml';
import { dockerInstructions } from '../parse/dockerfile';
import {
  alignedFragment,
  bashCommands,
  type Fragment,
  listItemRemoval,
  type ShellWord,
  sliceFragment,
  splitCommands,
} from '../parse/shellWords';
import type { Tree } from '../parse/treeSitter';
import { type Invocation, isServingImage, looksLikeArguments } from './trustRemoteCodeFlags';

/**
 * The command lines of shell scripts, Dockerfiles and YAML (compose, Kubernetes, CI), as argument
 * vectors with file offsets. Rules about command-line flags work on these, whatever the file kind.
 */

/** The simple commands of a shell script: from the bash syntax tree, else from the tokenizer. */
export function shellInvocations(text: string, tree: Tree | undefined): Invocation[] {
  const commands = tree ? bashCommands(tree, text) : splitCommands(sliceFragment(text, 0));
  return commands.map((words) => ({ words }));
}

interface Stage {
  image: string;
  /** The exec-form ENTRYPOINT, which CMD's items are appended to. */
  entrypoint?: ShellWord[];
}

/**
 * RUN, CMD and ENTRYPOINT of a Dockerfile. CMD items are appended to the stage's exec-form
 * ENTRYPOINT; a CMD of bare arguments on a serving base image goes to that image's entrypoint.
 */
export function dockerfileInvocations(text: string): Invocation[] {
  const invocations: Invocation[] = [];
  const stages = new Map<string, Stage>();
  let stage: Stage = { image: '' };
  const shellForm = (args: Fragment): void => {
    for (const words of splitCommands(args)) invocations.push({ words });
  };
  for (const instruction of dockerInstructions(text)) {
    const { keyword, exec } = instruction;
    if (keyword === 'FROM') {
      const operands = (splitCommands(instruction.args)[0] ?? []).filter((word) => !word.value.startsWith('--'));
      const image = operands[0]?.value ?? '';
      const base = stages.get(image.toLowerCase());
      stage = base ? { ...base } : { image };
      if (operands[1]?.value.toLowerCase() === 'as' && operands[2]) stages.set(operands[2].value.toLowerCase(), stage);
    } else if (keyword === 'ENTRYPOINT') {
      stage.entrypoint = exec;
      if (exec) invocations.push({ words: exec });
      else shellForm(instruction.args);
    } else if (keyword === 'CMD') {
      if (!exec) {
        shellForm(instruction.args);
        continue;
      }
      const head = stage.entrypoint ?? [];
      const toImage = head.length === 0 && isServingImage(stage.image) && looksLikeArguments(exec[0]);
      invocations.push({ words: [...head, ...exec], servingImage: toImage ? stage.image : undefined });
    } else if (keyword === 'RUN') {
      if (exec) invocations.push({ words: exec });
      else shellForm(instruction.args);
      for (const body of instruction.heredocs) shellForm(body);
    }
  }
  return invocations;
}

/**
 * A Dockerfile's `ARG NAME=value` and `ENV NAME=value` instructions as assignment-only command lines,
 * so the AI-BOM's readers of scripts resolve `$NAME` in RUN commands (`ARG MODEL_NAME=t5-small` …
 * `RUN git clone https://huggingface.co/\${MODEL_NAME}`). Kept apart from `dockerfileInvocations`,
 * which the rules read as the commands the image runs.
 */
export function dockerfileAssignments(text: string): Invocation[] {
  const invocations: Invocation[] = [];
  for (const { keyword, args } of dockerInstructions(text)) {
    if (keyword !== 'ARG' && keyword !== 'ENV') continue;
    const words = splitCommands(args)[0] ?? [];
    if (words.length > 0 && words.every((word) => /^[A-Za-z_]\w*=/.test(word.value))) invocations.push({ words });
  }
  return invocations;
}

/** Keys whose value is a shell script: GitHub Actions `run`, GitLab CI `script` and its hooks. */
const SCRIPT_KEYS = new Set(['run', 'script', 'before_script', 'after_script']);

/**
 * Container commands in YAML, every document of the stream: compose `entrypoint`/`command`,
 * Kubernetes `command`/`args` (strings or lists), plus CI script keys.
 */
export function yamlInvocations(text: string): Invocation[] {
  const invocations: Invocation[] = [];
  for (const document of parseAllDocuments(text)) visit(document.contents, text, invocations);
  return invocations;
}

function visit(node: unknown, text: string, out: Invocation[]): void {
  if (isMap(node)) {
    containerInvocations(node, text, out);
    for (const pair of node.items) visit(pair.value, text, out);
  } else if (isSeq(node)) {
    for (const item of node.items) visit(item, text, out);
  }
}

function containerInvocations(map: YAMLMap, text: string, out: Invocation[]): void {
  const property = (key: string): unknown => map.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.value;
  for (const pair of map.items) {
    if (!isScalar(pair.key) || !SCRIPT_KEYS.has(String(pair.key.value))) continue;
    for (const scalar of scalarsOf(pair.value)) {
      for (const words of splitCommands(scalarFragment(scalar, text))) out.push({ words });
    }
  }
  const args = property('args');
  // Kubernetes: `command` replaces the entrypoint and `args` the CMD; compose: `entrypoint` and `command`.
  const [head, tail] = args !== undefined ? [property('command'), args] : [property('entrypoint'), property('command')];
  const headWords = argumentVector(head, text, out);
  const tailWords = argumentVector(tail, text, out);
  if (!headWords && !tailWords) return;
  const image = property('image');
  const imageName = isScalar(image) ? String(image.value) : '';
  // Kubernetes `args` without `command` always go to the image's entrypoint; a compose `command` may be a whole command line.
  const toImage = !headWords && isServingImage(imageName) && (args !== undefined || looksLikeArguments(tailWords?.[0]));
  const env = containerEnv(property('env'));
  out.push({ words: [...(headWords ?? []), ...(tailWords ?? [])], servingImage: toImage ? imageName : undefined, ...(env ? { env } : {}) });
}

/** A Kubernetes container's `env: [{name, value}]` literals (Kubernetes expands `$(NAME)` in `command` and `args` from them). */
function containerEnv(node: unknown): Map<string, string> | undefined {
  if (!isSeq(node)) return undefined;
  const env = new Map<string, string>();
  for (const item of node.items) {
    if (!isMap(item)) continue;
    const name = item.get('name');
    const value = item.get('value');
    if (typeof name === 'string' && (typeof value === 'string' || typeof value === 'number')) env.set(name, String(value));
  }
  return env.size > 0 ? env : undefined;
}

/**
 * A list of scalars is one word per item; a string is split like a command line. A string
 * holding several commands (`a && b`) is reported as separate invocations and not combined.
 */
function argumentVector(node: unknown, text: string, out: Invocation[]): ShellWord[] | undefined {
  if (isSeq(node)) {
    const items = node.items.filter((item): item is Scalar => isScalar(item) && item.range !== undefined && item.range !== null);
    return items.map((item) => itemWord(item, Boolean(node.flow), text));
  }
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const commands = splitCommands(scalarFragment(node, text));
  if (commands.length === 1) return commands[0];
  for (const words of commands) out.push({ words });
  return undefined;
}

function scalarsOf(node: unknown): Scalar[] {
  if (isScalar(node)) return typeof node.value === 'string' && node.range ? [node] : [];
  if (isSeq(node)) return node.items.flatMap((item) => scalarsOf(item));
  return [];
}

function scalarFragment(scalar: Scalar, text: string): Fragment {
  const [start, end] = scalar.range ?? [0, 0];
  return alignedFragment(String(scalar.value), text.slice(start, end), (index) => start + index);
}

/** One list item as a word; deleting it removes its line (block list) or its comma (flow list). */
function itemWord(scalar: Scalar, flow: boolean, text: string): ShellWord {
  const [start, end] = scalar.range ?? [0, 0];
  const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
  const value = String(scalar.value);
  return {
    value,
    start: quoted ? start + 1 : start,
    end: quoted ? end - 1 : end,
    fragment: () => alignedFragment(value, text.slice(start, end), (index) => start + index),
    removal: flow ? listItemRemoval(text, start, end, 0) : blockItemRemoval(text, start, end),
  };
}

function blockItemRemoval(text: string, start: number, end: number): { start: number; end: number } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline === -1 ? text.length : newline;
  if (/^[ \t]*-[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*(?:#.*)?\r?$/.test(text.slice(end, lineEnd))) {
    return { start: lineStart, end: Math.min(lineEnd + 1, text.length) };
  }
  return { start, end };
}
