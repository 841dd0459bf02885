import { type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { dockerInstructions } from '../parse/dockerfile';
import { type ShellWord, splitCommands, wordAt } from '../parse/shellWords';
import type { Tree } from '../parse/treeSitter';
import type { FileKind } from '../types';
import { dockerfileInvocations, shellInvocations } from './commandInvocations';

/**
 * Environment variables a file sets, with where each value is written: shell assignments and
 * `export` (also `docker run -e NAME=value`), Dockerfile `ENV`, compose `environment` (list or
 * map), Kubernetes `env` (`name`/`value` items), GitHub Actions `env` maps, and `.env` lines.
 * Rules about settings that live in the environment (AIP506's `OLLAMA_HOST`, AIP507's endpoint
 * URLs) read them here, whatever the file kind.
 */
export interface EnvSetting {
  name: string;
  /** The value without quotes; undefined when it comes from elsewhere (`valueFrom`, `${VAR}` only). */
  value?: string;
  /** File offsets of the value as the program receives it (inside quotes), when it is written here. */
  start: number;
  end: number;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** Every setting in the file, in file order. */
export function environmentSettings(kind: FileKind, text: string, tree: Tree | undefined): EnvSetting[] {
  switch (kind) {
    case 'shell':
      return shellEnv(text, tree);
    case 'dockerfile':
      return [
        ...dockerEnv(text),
        ...fromWords(
          dockerfileInvocations(text).flatMap((invocation) => invocation.words),
          text,
        ),
      ].sort((a, b) => a.start - b.start);
    case 'yaml':
      return yamlEnv(text);
    case 'dotenv':
      return dotenvSettings(text);
    default:
      return [];
  }
}

/**
 * Shell: assignments from the bash tree (`NAME=value cmd`, `export NAME=value`, `NAME=value` alone),
 * which are not words of a command, then `NAME=value` arguments (`env NAME=value`, `docker run -e`).
 */
function shellEnv(text: string, tree: Tree | undefined): EnvSetting[] {
  const words = shellInvocations(text, tree).flatMap((invocation) => invocation.words);
  if (!tree) return fromWords(words, text);
  const settings: EnvSetting[] = [];
  for (const node of tree.rootNode.descendantsOfType('variable_assignment')) {
    const name = node?.childForFieldName('name')?.text;
    if (node && name)
      settings.push(
        assignmentSetting(
          name,
          wordAt(text, node.startIndex, node.endIndex).value.slice(name.length + 1),
          wordAt(text, node.startIndex, node.endIndex),
          text,
        ),
      );
  }
  const seen = new Set(settings.map((setting) => setting.start));
  return [...settings, ...fromWords(words, text).filter((setting) => !seen.has(setting.start))].sort((a, b) => a.start - b.start);
}

/** `NAME=value` words of command lines: prefixes, `export`, `env`, `docker run -e`. */
function fromWords(words: ShellWord[], text: string): EnvSetting[] {
  return words.flatMap((word) => {
    const match = ASSIGNMENT.exec(word.value);
    return match ? [assignmentSetting(match[1], word.value.slice(match[0].length), word, text)] : [];
  });
}

/** Where the value part of `NAME=value` is written, quotes skipped when the word is written as is. */
function assignmentSetting(name: string, value: string, word: ShellWord, text: string): EnvSetting {
  const raw = text.slice(word.start, word.end);
  const equals = raw.indexOf('=');
  let start = word.start + equals + 1;
  let end = word.end;
  const quote = text[start];
  if ((quote === '"' || quote === "'") && text[end - 1] === quote && end - start >= 2) {
    start++;
    end--;
  }
  if (equals < 0 || text.slice(start, end) !== value) {
    // Quotes around the whole word or escapes: place the value at the word's end, length kept.
    return { name, value, start: Math.max(word.start, word.end - value.length), end: word.end };
  }
  return { name, value, start, end };
}

/** `ENV A=1 B="two"` and the legacy `ENV A one two`. */
function dockerEnv(text: string): EnvSetting[] {
  const settings: EnvSetting[] = [];
  for (const instruction of dockerInstructions(text)) {
    if (instruction.keyword !== 'ENV') continue;
    const words = splitCommands(instruction.args).flat();
    if (words.length === 0) continue;
    if (ASSIGNMENT.test(words[0].value)) {
      settings.push(...fromWords(words, text));
    } else if (words.length > 1) {
      const first = words[1];
      const last = words[words.length - 1];
      const value = words
        .slice(1)
        .map((word) => word.value)
        .join(' ');
      settings.push({ name: words[0].value, value, start: first.start, end: last.end });
    }
  }
  return settings;
}

/** Compose `environment`, Kubernetes `env`, Actions `env`: every document of the stream. */
function yamlEnv(text: string): EnvSetting[] {
  const settings: EnvSetting[] = [];
  const visit = (node: ConfigNode, depth: number): void => {
    if (depth > 40) return;
    for (const child of node.children) {
      if ((child.key === 'environment' || child.key === 'env') && node.kind === 'object') settings.push(...envBlock(child, text));
      else if (child.kind === 'object' || child.kind === 'array') visit(child, depth + 1);
    }
  };
  for (const root of configDocumentFor(text, 'yaml').documents) visit(root, 0);
  return settings.sort((a, b) => a.start - b.start);
}

function envBlock(block: ConfigNode, text: string): EnvSetting[] {
  if (block.kind === 'object') {
    return block.entries().map(([name, node]) => ({ name, ...scalarValue(node, text) }));
  }
  if (block.kind !== 'array') return [];
  return block.items().flatMap((item): EnvSetting[] => {
    if (item.kind === 'string') {
      const match = ASSIGNMENT.exec(item.string ?? '');
      if (!match) return [];
      const inner = scalarValue(item, text);
      return [{ name: match[1], value: (item.string ?? '').slice(match[0].length), start: inner.start + match[0].length, end: inner.end }];
    }
    const name = item.get('name')?.string;
    const value = item.get('value');
    if (!name) return [];
    return [value ? { name, ...scalarValue(value, text) } : { name, start: item.start, end: item.start }];
  });
}

/** A scalar's value and where it is written, inside its quotes. */
function scalarValue(node: ConfigNode, text: string): { value?: string; start: number; end: number } {
  const quote = text[node.start];
  const quoted = (quote === '"' || quote === "'") && node.end - node.start >= 2;
  const value = node.kind === 'string' || node.kind === 'number' || node.kind === 'boolean' ? String(node.value) : undefined;
  return { value, start: quoted ? node.start + 1 : node.start, end: quoted ? node.end - 1 : node.end };
}

/** `.env` lines: `NAME=value`, `export NAME=value`, quotes and trailing comments of unquoted values. */
function dotenvSettings(text: string): EnvSetting[] {
  const settings: EnvSetting[] = [];
  const line = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.]*)[ \t]*=[ \t]*(.*?)[ \t]*\r?$/gm;
  for (const match of text.matchAll(line)) {
    const raw = match[2];
    const start = (match.index ?? 0) + match[0].indexOf(raw, match[0].indexOf('=') + 1);
    const quote = raw[0];
    if ((quote === '"' || quote === "'") && raw.endsWith(quote) && raw.length >= 2) {
      settings.push({ name: match[1], value: raw.slice(1, -1), start: start + 1, end: start + raw.length - 1 });
    } else {
      const value = raw.replace(/[ \t]+#.*$/, '');
      settings.push({ name: match[1], value, start, end: start + value.length });
    }
  }
  return settings;
}
