import { getNodeValue, type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { parse as parseToml, TomlError } from 'smol-toml';
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document as YamlDocument, type Node as YamlNode } from 'yaml';
import { LineIndex } from '../text/lineIndex';
import type { Range } from '../types';
import { jsonMembers, jsonValueSpan } from './jsonSpans';
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

/** Where a node sits under its parent: its key (object) or index (array), and the key's offsets. */
interface Placement {
  parent: ConfigNode | undefined;
  key: string | number | undefined;
  keyStart: number | undefined;
  keyEnd: number | undefined;
}

const ROOT: Placement = { parent: undefined, key: undefined, keyStart: undefined, keyEnd: undefined };

/**
 * A value in a configuration document, with where it is written. One object per node, its members
 * made on first use: lockfiles have hundreds of thousands of nodes and collectors visit few.
 */
export abstract class ConfigNode {
  private cachedValue: { value: unknown } | undefined;
  private cachedChildren: ConfigNode[] | undefined;
  readonly parent: ConfigNode | undefined;
  /** The member key (object) or index (array) under the parent; undefined for a root. */
  readonly key: string | number | undefined;
  /** UTF-16 offsets of the key of an object member. */
  readonly keyStart: number | undefined;
  readonly keyEnd: number | undefined;
  protected constructor(
    protected readonly lines: LineIndex,
    placement: Placement,
    readonly kind: ConfigNodeKind,
    /** UTF-16 offsets of the value as written. */
    readonly start: number,
    readonly end: number,
  ) {
    this.parent = placement.parent;
    this.key = placement.key;
    this.keyStart = placement.keyStart;
    this.keyEnd = placement.keyEnd;
  }

  protected abstract readValue(): unknown;
  protected abstract readChildren(): ConfigNode[];

  /** A YAML tag such as `!Ref` or `!!str`, as written. */
  get tag(): string | undefined {
    return undefined;
  }

  get range(): Range {
    return this.lines.rangeOf(this.start, this.end);
  }

  /** Range of the key of an object member (a TOML dotted key gives each segment its own). */
  get keyRange(): Range | undefined {
    return this.keyStart === undefined ? undefined : this.lines.rangeOf(this.keyStart, this.keyEnd ?? this.keyStart);
  }

  /** The plain JavaScript value (objects, arrays, strings, numbers, booleans, null; TOML dates). */
  get value(): unknown {
    if (!this.cachedValue) {
      let value: unknown;
      try {
        value = this.readValue();
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
    const value = this.kind === 'string' ? this.value : undefined;
    return typeof value === 'string' ? value : undefined;
  }

  /** Object members or array items, in document order. */
  get children(): readonly ConfigNode[] {
    this.cachedChildren ??= this.readChildren();
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
 * front matter block reports ranges in its file (only YAML is ever read from a part of a file).
 */
function readSpan(text: string, format: ConfigFormat, start: number, end: number): ConfigDocument {
  const lines = new LineIndex(text);
  const read =
    format === 'json' ? readJson(text, lines) : format === 'yaml' ? readYaml(text.slice(start, end), lines, start) : readToml(text, lines);
  const errors = read.errors.map(({ message, offset }) => ({
    message,
    offset: offset + start,
    range: lines.rangeOf(offset + start, offset + start),
  }));
  return { format, text, lines, root: read.roots[0], documents: read.roots, errors };
}

interface FormatRead {
  roots: ConfigNode[];
  errors: { message: string; offset: number }[];
}

const cache: { key: string; text: string; document: ConfigDocument | undefined }[] = [];
const CACHE_SIZE = 4;
/**
 * Larger texts are not kept: rules skip files above `maxFileBytes` (1 MiB by default), so only the
 * BOM reads a large lockfile, once, and keeping it would only hold memory.
 */
const CACHE_MAX_TEXT = 4 * 1024 * 1024;

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
    // The YAML starts after the opening `---` line (and a byte order mark).
    const start = match[0].indexOf('\n') + 1;
    return readSpan(text, 'yaml', start, start + match[1].length);
  });
}

function cached(key: string, text: string, read: () => ConfigDocument | undefined): ConfigDocument | undefined {
  if (text.length > CACHE_MAX_TEXT) return read();
  const index = cache.findIndex((entry) => entry.key === key && entry.text === text);
  const entry = index >= 0 ? cache.splice(index, 1)[0] : { key, text, document: read() };
  cache.unshift(entry);
  cache.length = Math.min(cache.length, CACHE_SIZE);
  return entry.document;
}

// ---------------------------------------------------------------------------------------------
// JSON and JSONC

/**
 * Strict JSON (most files, and every large lockfile) takes the fast path: native `JSON.parse` for
 * the values and a lazy scan for positions. JSONC and broken JSON go through jsonc-parser, which
 * reads comments and trailing commas, lists errors and keeps what it could read.
 */
function readJson(text: string, lines: LineIndex): FormatRead {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return readJsonc(text, lines);
  }
  const { start, end } = jsonValueSpan(text);
  return { roots: [new StrictJsonNode(lines, ROOT, text, start, end, parsed)], errors: [] };
}

class StrictJsonNode extends ConfigNode {
  constructor(
    lines: LineIndex,
    placement: Placement,
    private readonly text: string,
    start: number,
    end: number,
    private readonly parsed: unknown,
  ) {
    super(lines, placement, valueKind(parsed), start, end);
  }

  protected readValue(): unknown {
    return this.parsed;
  }

  protected readChildren(): ConfigNode[] {
    if (this.kind !== 'object' && this.kind !== 'array') return [];
    return jsonMembers(this.text, this.start).map(
      (member) =>
        new StrictJsonNode(
          this.lines,
          { parent: this, key: member.key, keyStart: member.keyStart, keyEnd: member.keyEnd },
          this.text,
          member.start,
          member.end,
          childValue(this.parsed, member.key),
        ),
    );
  }
}

function readJsonc(text: string, lines: LineIndex): FormatRead {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  return {
    roots: root ? [new JsoncNode(lines, ROOT, root)] : [],
    errors: errors.map((error) => ({ message: printParseErrorCode(error.error), offset: error.offset })),
  };
}

class JsoncNode extends ConfigNode {
  constructor(
    lines: LineIndex,
    placement: Placement,
    private readonly node: JsonNode,
  ) {
    super(lines, placement, node.type === 'property' ? 'other' : node.type, node.offset, node.offset + node.length);
  }

  protected readValue(): unknown {
    return getNodeValue(this.node);
  }

  protected readChildren(): ConfigNode[] {
    const children = this.node.children ?? [];
    if (this.node.type === 'array') {
      return children.map((item, index) => new JsoncNode(this.lines, { ...ROOT, parent: this, key: index }, item));
    }
    if (this.node.type !== 'object') return [];
    const members: ConfigNode[] = [];
    for (const pair of children) {
      const [keyNode, valueNode] = pair.children ?? [];
      // A member without a value (`{"a": }`) is a syntax error, already listed.
      if (typeof keyNode?.value !== 'string' || !valueNode) continue;
      const placement = { parent: this, key: keyNode.value, keyStart: keyNode.offset, keyEnd: keyNode.offset + keyNode.length };
      members.push(new JsoncNode(this.lines, placement, valueNode));
    }
    return members;
  }
}

// ---------------------------------------------------------------------------------------------
// YAML

/** Alias expansion limit for values: a document with more is an alias bomb, its value unknown. */
const MAX_ALIAS_COUNT = 100;

function readYaml(text: string, lines: LineIndex, base: number): FormatRead {
  // An empty stream has no documents, and so no errors either.
  const stream = parseAllDocuments(text);
  const documents = Array.isArray(stream) ? stream : [];
  const roots: ConfigNode[] = [];
  const errors: FormatRead['errors'] = [];
  for (const document of documents) {
    for (const error of document.errors) errors.push({ message: error.message.split('\n')[0], offset: error.pos[0] });
    const contents = document.contents as YamlNode | null;
    if (contents) roots.push(YamlConfigNode.of(lines, ROOT, contents, document, base));
  }
  return { roots, errors };
}

/** A YAML node; offsets are shifted by `base` when the YAML is a part of its file (front matter). */
class YamlConfigNode extends ConfigNode {
  constructor(
    lines: LineIndex,
    placement: Placement,
    written: YamlNode | undefined,
    /** The node whose content this is: the anchored node for an alias. */
    private readonly content: YamlNode | undefined,
    private readonly document: YamlDocument,
    private readonly base: number,
    /** Where a member without a value (`key:`) is: right after its key. */
    emptyAt = 0,
  ) {
    const [start, end] = written?.range ?? [emptyAt, emptyAt];
    super(lines, placement, content ? yamlKind(content) : written ? 'other' : 'null', start + base, end + base);
  }

  /**
   * A node at the place it is written. An alias reads as the node it names; one naming an enclosing
   * node (`&a [*a]`) would never end, so it reads as nothing.
   */
  static of(lines: LineIndex, placement: Placement, written: YamlNode | undefined, document: YamlDocument, base: number, emptyAt?: number) {
    const target = written && isAlias(written) ? (written.resolve(document) as YamlNode | undefined) : written;
    const content = target && !YamlConfigNode.encloses(placement.parent, target) ? target : undefined;
    return new YamlConfigNode(lines, placement, written, content, document, base, emptyAt);
  }

  get tag(): string | undefined {
    return this.content?.tag;
  }

  protected readValue(): unknown {
    if (!this.content) return this.kind === 'null' ? null : undefined;
    return this.content.toJS(this.document, { maxAliasCount: MAX_ALIAS_COUNT });
  }

  protected readChildren(): ConfigNode[] {
    const content = this.content;
    if (isSeq(content)) {
      return content.items.map((item, index) =>
        this.member({ ...ROOT, parent: this, key: index }, item as YamlNode, this.start - this.base),
      );
    }
    if (!isMap(content)) return [];
    return content.items.flatMap((pair) => {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      // Complex keys (maps or sequences as keys) have no path name.
      if (!isPair(pair) || key === null || typeof key === 'object') return [];
      const keyRange = (pair.key as YamlNode).range;
      const keyEnd = keyRange?.[1] ?? this.start - this.base;
      const placement = { parent: this, key: String(key), keyStart: (keyRange?.[0] ?? keyEnd) + this.base, keyEnd: keyEnd + this.base };
      return [this.member(placement, pair.value as YamlNode | null, keyEnd)];
    });
  }

  private member(placement: Placement, node: YamlNode | null, emptyAt: number): ConfigNode {
    return YamlConfigNode.of(this.lines, placement, node ?? undefined, this.document, this.base, emptyAt);
  }

  /** True when `node` is the content of `from` or of one of its parents. */
  private static encloses(from: ConfigNode | undefined, node: YamlNode): boolean {
    for (let current = from; current; current = current.parent) {
      if (current instanceof YamlConfigNode && current.content === node) return true;
    }
    return false;
  }
}

function yamlKind(node: YamlNode): ConfigNodeKind {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  return scalarKind(isScalar(node) ? node.value : undefined);
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

function readToml(text: string, lines: LineIndex): FormatRead {
  let parsed: Record<string, unknown>;
  try {
    parsed = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    // smol-toml reads all or nothing: an invalid document has no value at all.
    const offset =
      error instanceof TomlError ? lines.offsetAt({ line: Math.max(0, error.line - 1), character: Math.max(0, error.column - 1) }) : 0;
    return { roots: [], errors: [{ message: error instanceof Error ? error.message.split('\n')[0] : String(error), offset }] };
  }
  let spans: TomlSpan;
  try {
    spans = scanToml(text);
  } catch {
    // Positions are a bonus over the values: a scan that trips keeps every node at the whole text.
    spans = { start: 0, end: text.length, members: new Map() };
  }
  return { roots: [new TomlNode(lines, ROOT, spans, parsed)], errors: [] };
}

/**
 * Values come from the parse and drive the walk; positions come from the scan. A member the scan
 * missed (it never should) keeps its parent's span rather than vanishing from the document.
 */
class TomlNode extends ConfigNode {
  constructor(
    lines: LineIndex,
    placement: Placement,
    private readonly span: TomlSpan,
    private readonly parsed: unknown,
  ) {
    super(lines, placement, valueKind(parsed), span.start, span.end);
  }

  protected readValue(): unknown {
    return this.parsed;
  }

  protected readChildren(): ConfigNode[] {
    const parsed = this.parsed;
    const keys: (string | number)[] = Array.isArray(parsed)
      ? parsed.map((_, index) => index)
      : this.kind === 'object'
        ? Object.keys(parsed as object)
        : [];
    return keys.map((key) => {
      const span: TomlSpan = this.span.members.get(key) ?? { start: this.span.start, end: this.span.end, members: new Map() };
      const placement = { parent: this, key, keyStart: span.keyStart, keyEnd: span.keyEnd };
      return new TomlNode(this.lines, placement, span, childValue(parsed, key));
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Parsed values

function childValue(value: unknown, key: string | number): unknown {
  if (Array.isArray(value)) return typeof key === 'number' ? value[key] : undefined;
  if (value && typeof value === 'object' && Object.hasOwn(value, key)) return (value as Record<string, unknown>)[key];
  return undefined;
}

/** The kind of a parsed value; TOML dates are `other`. */
function valueKind(value: unknown): ConfigNodeKind {
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'other';
  if (value && typeof value === 'object') return 'object';
  return scalarKind(value);
}
