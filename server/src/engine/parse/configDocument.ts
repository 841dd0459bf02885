import { getNodeValue, type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { parse as parseToml, TomlError } from 'smol-toml';
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document as YamlDocument, type Node as YamlNode } from 'yaml';
import { LineIndex } from '../text/lineIndex';
import type { Range } from '../types';
import { scanToml, type TomlSpan } from './tomlSpans';

/**
 * One position-aware reader for configuration files: JSON/JSONC (jsonc-parser), YAML (yaml, every
 * document of a stream) and TOML (smol-toml for the values, `tomlSpans` for where they are written).
 * Rules and AI-BOM collectors read the same `ConfigDocument`, so a finding and a BOM occurrence point
 * at the same place, and a file version is parsed once (`configDocumentFor`).
 *
 * Ranges are zero-based lines and UTF-16 characters, like everywhere in the engine. A value's range
 * covers it as written (quotes included); an object member also has the range of its key. Reading
 * never throws: syntax errors are listed in `errors`, and JSON and YAML still give the part they
 * could read. Values are shared between readers of the cached document: never mutate them.
 */

export type ConfigFormat = 'json' | 'yaml' | 'toml';

/** Object keys and array indexes from a node down to a descendant. */
export type ConfigPath = readonly (string | number)[];

export type ConfigNodeKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'other';

export interface ConfigParseError {
  message: string;
  /** UTF-16 offset where the error starts. */
  offset: number;
  range: Range;
}

export interface ConfigDocument {
  readonly format: ConfigFormat;
  readonly text: string;
  readonly lines: LineIndex;
  /** The first (for YAML streams) document's root value; undefined for an empty or unreadable file. */
  readonly root: ConfigNode | undefined;
  /** Every document of a YAML stream; the root alone for JSON and TOML. */
  readonly documents: readonly ConfigNode[];
  readonly errors: readonly ConfigParseError[];
}

/**
 * How a format's parse tree is seen: a node's kind and span, and lazily its plain value and its
 * members. Object members carry their key and its span; array items carry their index.
 */
interface NodeSource {
  kind: ConfigNodeKind;
  start: number;
  end: number;
  tag?: string;
  value(): unknown;
  members(): MemberSource[];
}

interface MemberSource {
  key: string | number;
  keyStart?: number;
  keyEnd?: number;
  node: NodeSource;
}

/** A value in a configuration document, with where it is written. */
export class ConfigNode {
  private cachedValue: { value: unknown } | undefined;
  private cachedChildren: ConfigNode[] | undefined;

  /** @internal Built by the readers below. */
  constructor(
    private readonly source: NodeSource,
    private readonly lines: LineIndex,
    /** The member key (object) or index (array) under the parent; undefined for a root. */
    readonly key: string | number | undefined,
    private readonly keySpan: { start: number; end: number } | undefined,
    readonly parent: ConfigNode | undefined,
  ) {}

  get kind(): ConfigNodeKind {
    return this.source.kind;
  }

  /** UTF-16 offset where the value starts in the document text. */
  get start(): number {
    return this.source.start;
  }

  get end(): number {
    return this.source.end;
  }

  /** A YAML tag such as `!Ref` or `!!str`, as written. */
  get tag(): string | undefined {
    return this.source.tag;
  }

  get range(): Range {
    return this.lines.rangeOf(this.source.start, this.source.end);
  }

  /** Range of the key of an object member (a TOML dotted key gives each segment its own). */
  get keyRange(): Range | undefined {
    return this.keySpan ? this.lines.rangeOf(this.keySpan.start, this.keySpan.end) : undefined;
  }

  /** UTF-16 offset of the key of an object member. */
  get keyStart(): number | undefined {
    return this.keySpan?.start;
  }

  /** The plain JavaScript value (objects, arrays, strings, numbers, booleans, null; TOML dates). */
  get value(): unknown {
    if (!this.cachedValue) {
      let value: unknown;
      try {
        value = this.source.value();
      } catch {
        // YAML alias bombs exceed `maxAliasCount`: the value is unknown, the positions still serve.
        value = undefined;
      }
      this.cachedValue = { value };
    }
    return this.cachedValue.value;
  }

  /** The value when it is a string. */
  get string(): string | undefined {
    return this.kind === 'string' && typeof this.value === 'string' ? this.value : undefined;
  }

  /** Object members or array items, in document order. */
  get children(): readonly ConfigNode[] {
    this.cachedChildren ??= this.source
      .members()
      .map(
        (member) =>
          new ConfigNode(
            member.node,
            this.lines,
            member.key,
            member.keyStart === undefined ? undefined : { start: member.keyStart, end: member.keyEnd ?? member.keyStart },
            this,
          ),
      );
    return this.cachedChildren;
  }

  /** Object members as `[key, node]` pairs; empty for anything else. */
  entries(): [string, ConfigNode][] {
    if (this.kind !== 'object') return [];
    return this.children.map((child) => [String(child.key), child]);
  }

  /** Array items; empty for anything else. */
  items(): readonly ConfigNode[] {
    return this.kind === 'array' ? this.children : [];
  }

  /** The member or item at a path; a repeated key resolves to its last occurrence, like the value does. */
  get(path: ConfigPath | string | number): ConfigNode | undefined {
    const steps = Array.isArray(path) ? (path as ConfigPath) : [path as string | number];
    let node: ConfigNode | undefined = this;
    for (const step of steps) {
      node = node.child(step);
      if (!node) return undefined;
    }
    return node;
  }

  private child(step: string | number): ConfigNode | undefined {
    if (this.kind === 'array') return typeof step === 'number' ? this.children[step] : undefined;
    if (this.kind !== 'object') return undefined;
    const key = String(step);
    const children = this.children;
    for (let index = children.length - 1; index >= 0; index--) if (String(children[index].key) === key) return children[index];
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading and caching

/** Reads a document; never throws. */
export function readConfig(text: string, format: ConfigFormat): ConfigDocument {
  return readSpan(text, format, 0, text.length);
}

/**
 * Reads `text.slice(start, end)` as a document whose positions are those of the whole `text`, so a
 * front matter block reports ranges in its file.
 */
function readSpan(text: string, format: ConfigFormat, start: number, end: number): ConfigDocument {
  const lines = new LineIndex(text);
  const source = text.slice(start, end);
  const read = format === 'json' ? readJson(source) : format === 'yaml' ? readYaml(source) : readTomlSource(source);
  const shifted = start === 0 ? read.roots : read.roots.map((root) => shift(root, start));
  const documents = shifted.map((root) => new ConfigNode(root, lines, undefined, undefined, undefined));
  const errors = read.errors.map(({ message, offset }) => ({
    message,
    offset: offset + start,
    range: lines.rangeOf(offset + start, offset + start),
  }));
  return { format, text, lines, root: documents[0], documents, errors };
}

interface FormatRead {
  roots: NodeSource[];
  errors: { message: string; offset: number }[];
}

const cache: { key: string; text: string; document: ConfigDocument | undefined }[] = [];
const CACHE_SIZE = 4;

/**
 * The document for a text, shared by every reader of the same file version: the rules and the
 * AI-BOM collectors read one file one after the other, so a few recent documents are enough.
 */
export function configDocumentFor(text: string, format: ConfigFormat): ConfigDocument {
  return cached(format, text, () => readConfig(text, format)) as ConfigDocument;
}

/** Front matter: YAML between a `---` first line and the next `---` line, with ranges in the whole file. */
export function frontMatterFor(text: string): ConfigDocument | undefined {
  return cached('front-matter', text, () => {
    const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
    if (!match) return undefined;
    const start = match[0].indexOf(match[1]);
    return readSpan(text, 'yaml', start, start + match[1].length);
  });
}

function cached(key: string, text: string, read: () => ConfigDocument | undefined): ConfigDocument | undefined {
  const index = cache.findIndex((entry) => entry.key === key && entry.text === text);
  const entry = index >= 0 ? cache.splice(index, 1)[0] : { key, text, document: read() };
  cache.unshift(entry);
  cache.length = Math.min(cache.length, CACHE_SIZE);
  return entry.document;
}

/** The format of a configuration path by its extension, for the kinds the engine reads as config. */
export function configFormatOf(path: string): ConfigFormat | undefined {
  const lower = path.toLowerCase();
  if (/\.(?:json|jsonc|json5)$/.test(lower) || lower.endsWith('.lock.json')) return 'json';
  if (/\.ya?ml$/.test(lower)) return 'yaml';
  if (lower.endsWith('.toml')) return 'toml';
  return undefined;
}

function shift(source: NodeSource, by: number): NodeSource {
  return {
    kind: source.kind,
    start: source.start + by,
    end: source.end + by,
    tag: source.tag,
    value: () => source.value(),
    members: () =>
      source.members().map((member) => ({
        key: member.key,
        keyStart: member.keyStart === undefined ? undefined : member.keyStart + by,
        keyEnd: member.keyEnd === undefined ? undefined : member.keyEnd + by,
        node: shift(member.node, by),
      })),
  };
}

// ---------------------------------------------------------------------------------------------
// JSON and JSONC

function readJson(text: string): FormatRead {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  return {
    roots: root ? [jsonSource(root)] : [],
    errors: errors.map((error) => ({ message: printParseErrorCode(error.error), offset: error.offset })),
  };
}

function jsonSource(node: JsonNode): NodeSource {
  return {
    kind: node.type === 'property' ? 'other' : node.type,
    start: node.offset,
    end: node.offset + node.length,
    value: () => getNodeValue(node),
    members: () => {
      if (node.type === 'array') return (node.children ?? []).map((item, index) => ({ key: index, node: jsonSource(item) }));
      if (node.type !== 'object') return [];
      const members: MemberSource[] = [];
      for (const pair of node.children ?? []) {
        const [keyNode, valueNode] = pair.children ?? [];
        // A member without a value (`{"a": }`) is a syntax error, already listed.
        if (typeof keyNode?.value !== 'string' || !valueNode) continue;
        members.push({
          key: keyNode.value,
          keyStart: keyNode.offset,
          keyEnd: keyNode.offset + keyNode.length,
          node: jsonSource(valueNode),
        });
      }
      return members;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// YAML

/** Alias expansion limit for values: a document with more is an alias bomb, its value unknown. */
const MAX_ALIAS_COUNT = 100;

function readYaml(text: string): FormatRead {
  // An empty stream has no documents, and so no errors either.
  const stream = parseAllDocuments(text);
  const documents = Array.isArray(stream) ? stream : [];
  const roots: NodeSource[] = [];
  const errors: FormatRead['errors'] = [];
  for (const document of documents) {
    for (const error of document.errors) errors.push({ message: error.message.split('\n')[0], offset: error.pos[0] });
    const contents = document.contents as YamlNode | null;
    if (contents) roots.push(yamlSource(contents, document, []));
  }
  return { roots, errors };
}

/** `ancestors` guards against aliases to an enclosing node (`&a [*a]`), which would never end. */
function yamlSource(node: YamlNode, document: YamlDocument, ancestors: YamlNode[]): NodeSource {
  const [start, end] = node.range ?? [0, 0];
  if (isAlias(node)) {
    const target = node.resolve(document);
    if (!target || ancestors.includes(target)) return { kind: 'other', start, end, value: () => undefined, members: () => [] };
    // An alias reads as the node it names, at the place the alias is written.
    return { ...yamlSource(target, document, ancestors), start, end };
  }
  const inner = [...ancestors, node];
  const value = () => node.toJS(document, { maxAliasCount: MAX_ALIAS_COUNT });
  const tag = node.tag;
  if (isMap(node)) {
    return {
      kind: 'object',
      start,
      end,
      tag,
      value,
      members: () =>
        node.items.flatMap((pair) => {
          const key = isScalar(pair.key) ? pair.key.value : pair.key;
          // Complex keys (maps or sequences as keys) have no path name.
          if (!isPair(pair) || key === null || typeof key === 'object') return [];
          const keyRange = (pair.key as YamlNode).range;
          const valueNode = pair.value as YamlNode | null;
          const keyEnd = keyRange?.[1] ?? start;
          const child = valueNode ? yamlSource(valueNode, document, inner) : emptyYamlValue(keyEnd);
          return [{ key: String(key), keyStart: keyRange?.[0], keyEnd, node: child }];
        }),
    };
  }
  if (isSeq(node)) {
    return {
      kind: 'array',
      start,
      end,
      tag,
      value,
      members: () =>
        node.items.map((item, index) => ({
          key: index,
          node: item ? yamlSource(item as YamlNode, document, inner) : emptyYamlValue(start),
        })),
    };
  }
  const scalar = isScalar(node) ? node.value : undefined;
  return { kind: scalarKind(scalar), start, end, tag, value, members: () => [] };
}

function emptyYamlValue(at: number): NodeSource {
  return { kind: 'null', start: at, end: at, value: () => null, members: () => [] };
}

function scalarKind(value: unknown): ConfigNodeKind {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'other';
  }
}

// ---------------------------------------------------------------------------------------------
// TOML

function readTomlSource(text: string): FormatRead {
  let parsed: Record<string, unknown>;
  try {
    parsed = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    // smol-toml reads all or nothing: an invalid document has no value at all.
    const offset = error instanceof TomlError ? tomlErrorOffset(text, error) : 0;
    return { roots: [], errors: [{ message: error instanceof Error ? error.message.split('\n')[0] : String(error), offset }] };
  }
  let spans: TomlSpan;
  try {
    spans = scanToml(text);
  } catch {
    // Positions are a bonus over the values: a scan that trips keeps every node at the whole text.
    spans = { start: 0, end: text.length, members: new Map() };
  }
  return { roots: [tomlSource(spans, parsed)], errors: [] };
}

function tomlErrorOffset(text: string, error: TomlError): number {
  const lines = new LineIndex(text);
  return lines.offsetAt({ line: Math.max(0, error.line - 1), character: Math.max(0, error.column - 1) });
}

/**
 * Values come from the parse and drive the walk; positions come from the scan. A member the scan
 * missed (it never should) keeps its parent's span rather than vanishing from the document.
 */
function tomlSource(span: TomlSpan, value: unknown): NodeSource {
  return {
    kind: tomlKind(value),
    start: span.start,
    end: span.end,
    value: () => value,
    members: () => {
      const keys: (string | number)[] = Array.isArray(value)
        ? value.map((_, index) => index)
        : tomlKind(value) === 'object'
          ? Object.keys(value as object)
          : [];
      return keys.map((key) => {
        const child: TomlSpan = span.members.get(key) ?? { start: span.start, end: span.end, members: new Map() };
        const childValue = (value as Record<string | number, unknown>)[key];
        return { key, keyStart: child.keyStart, keyEnd: child.keyEnd, node: tomlSource(child, childValue) };
      });
    },
  };
}

function tomlKind(value: unknown): ConfigNodeKind {
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'other';
  if (value && typeof value === 'object') return 'object';
  return scalarKind(value);
}
