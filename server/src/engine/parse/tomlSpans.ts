/**
 * Where the keys and values of a TOML document are written. smol-toml gives values but no
 * positions, so this scans the structure of a document that smol-toml has already accepted: table
 * headers (`[a.b]`), arrays of tables (`[[x]]`), dotted keys, inline tables and arrays. Scalars are
 * only skipped over (their values come from the parse), so the scan needs to know just where each
 * one ends. It is not a validator: run it on valid TOML only.
 */

export interface TomlSpan {
  /** UTF-16 offsets of the value (a table: from its header or first key to its last value). */
  start: number;
  end: number;
  keyStart?: number;
  keyEnd?: number;
  /** Table members by key, or array items by index, in document order. */
  members: Map<string | number, TomlSpan>;
}

interface ScanSpan extends TomlSpan {
  parent?: ScanSpan;
  members: Map<string | number, ScanSpan>;
  /** Created by a header or dotted key that names a table below it, not by its own header. */
  implicit?: boolean;
  /** An array made by `[[…]]` headers, whose last table the next headers extend. */
  tableArray?: boolean;
}

interface KeySegment {
  name: string;
  start: number;
  end: number;
}

export function scanToml(text: string): TomlSpan {
  return new TomlScanner(text).scan();
}

class TomlScanner {
  private index = 0;
  private readonly root: ScanSpan;

  constructor(private readonly text: string) {
    this.root = { start: 0, end: text.length, members: new Map() };
  }

  scan(): TomlSpan {
    let table = this.root;
    for (;;) {
      this.skipSpaceAndComments(true);
      if (this.index >= this.text.length) break;
      if (this.text.startsWith('[[', this.index)) table = this.arrayTableHeader();
      else if (this.text[this.index] === '[') table = this.tableHeader();
      else this.keyValue(table);
    }
    return this.root;
  }

  // ------------------------------------------------------------------------------ headers

  private tableHeader(): ScanSpan {
    const start = this.index;
    this.index++;
    const keys = this.readKey();
    this.expect(']');
    const parent = this.descend(this.root, keys.slice(0, -1), start);
    const last = keys[keys.length - 1];
    let table = parent.members.get(last.name);
    if (!table) {
      table = { start, end: this.index, keyStart: last.start, keyEnd: last.end, members: new Map(), parent };
      parent.members.set(last.name, table);
    } else if (table.implicit) {
      // `[a]` after `[a.b]`: the table's own header is where it is declared.
      Object.assign(table, { start, keyStart: last.start, keyEnd: last.end, implicit: false });
    }
    this.grow(table, this.index);
    return table;
  }

  private arrayTableHeader(): ScanSpan {
    const start = this.index;
    this.index += 2;
    const keys = this.readKey();
    this.expect(']');
    this.expect(']');
    const parent = this.descend(this.root, keys.slice(0, -1), start);
    const last = keys[keys.length - 1];
    let array = parent.members.get(last.name);
    if (!array) {
      array = { start, end: this.index, keyStart: last.start, keyEnd: last.end, members: new Map(), parent, tableArray: true };
      parent.members.set(last.name, array);
    }
    const element: ScanSpan = { start, end: this.index, members: new Map(), parent: array };
    array.members.set(array.members.size, element);
    this.grow(element, this.index);
    return element;
  }

  /** Walks (creating implicit tables) down a key path; an array of tables leads into its last table. */
  private descend(from: ScanSpan, keys: KeySegment[], start: number): ScanSpan {
    let table = from;
    for (const key of keys) {
      if (table.members === NO_MEMBERS) throw new Error(`TOML key ${key.name} under a value at offset ${key.start}`);
      let next = table.members.get(key.name);
      if (!next) {
        next = {
          start: Math.min(start, key.start),
          end: key.end,
          keyStart: key.start,
          keyEnd: key.end,
          members: new Map(),
          parent: table,
          implicit: true,
        };
        table.members.set(key.name, next);
      }
      table = next.tableArray ? (lastMember(next) ?? next) : next;
    }
    return table;
  }

  // --------------------------------------------------------------------------- key = value

  private keyValue(table: ScanSpan): void {
    const keys = this.readKey();
    this.skipSpace();
    this.expect('=');
    this.skipSpace();
    const holder = this.descend(table, keys.slice(0, -1), keys[0].start);
    const last = keys[keys.length - 1];
    const value = this.readValue(holder);
    value.keyStart = last.start;
    value.keyEnd = last.end;
    if (holder.members === NO_MEMBERS) throw new Error(`TOML key ${last.name} under a value at offset ${last.start}`);
    holder.members.set(last.name, value);
    this.grow(value, value.end);
  }

  /** A value starting at the cursor; the cursor ends after it. */
  private readValue(parent: ScanSpan): ScanSpan {
    const start = this.index;
    const char = this.text[this.index];
    // Scalars share one empty member map: a lockfile has hundreds of thousands of them.
    const span: ScanSpan = { start, end: start, members: char === '[' || char === '{' ? new Map() : NO_MEMBERS, parent };
    if (char === '"' || char === "'") this.index = this.stringEnd(this.index);
    else if (char === '[') this.readArray(span);
    else if (char === '{') this.readInlineTable(span);
    else this.index = this.scalarEnd(this.index);
    span.end = this.index;
    return span;
  }

  private readArray(span: ScanSpan): void {
    this.index++;
    for (;;) {
      this.skipSpaceAndComments(true);
      if (this.text[this.index] === ']' || this.index >= this.text.length) break;
      span.members.set(span.members.size, this.readValue(span));
      this.skipSpaceAndComments(true);
      if (this.text[this.index] === ',') this.index++;
    }
    this.index++;
  }

  private readInlineTable(span: ScanSpan): void {
    this.index++;
    for (;;) {
      // TOML 1.1 allows newlines and comments inside inline tables.
      this.skipSpaceAndComments(true);
      if (this.text[this.index] === '}' || this.index >= this.text.length) break;
      this.keyValue(span);
      this.skipSpaceAndComments(true);
      if (this.text[this.index] === ',') this.index++;
    }
    this.index++;
  }

  /** Makes a span and its tables reach at least `end`. */
  private grow(span: ScanSpan, end: number): void {
    for (let current: ScanSpan | undefined = span; current; current = current.parent) {
      if (current.end < end) current.end = end;
    }
  }

  // --------------------------------------------------------------------------------- tokens

  /** A dotted key: bare, `"basic"` or `'literal'` segments joined by dots. */
  private readKey(): KeySegment[] {
    const segments: KeySegment[] = [];
    for (;;) {
      this.skipSpace();
      const start = this.index;
      const char = this.text[this.index];
      let name: string;
      if (char === '"' || char === "'") {
        this.index = this.stringEnd(this.index);
        const inner = this.text.slice(start + 1, this.index - 1);
        name = char === '"' ? decodeBasicString(inner) : inner;
      } else {
        BARE_KEY.lastIndex = this.index;
        const match = BARE_KEY.exec(this.text);
        if (!match) throw new Error(`TOML key expected at offset ${this.index}`);
        name = match[0];
        this.index += name.length;
      }
      segments.push({ name, start, end: this.index });
      this.skipSpace();
      if (this.text[this.index] !== '.') return segments;
      this.index++;
    }
  }

  /** Offset after a string starting at `start`: basic, literal, or their multi-line forms. */
  private stringEnd(start: number): number {
    const quote = this.text[start];
    const triple = quote.repeat(3);
    if (this.text.startsWith(triple, start)) {
      let cursor = start + 3;
      for (;;) {
        const close = this.text.indexOf(triple, cursor);
        if (close < 0) return this.text.length;
        if (quote === '"' && isEscaped(this.text, close)) {
          cursor = close + 1;
          continue;
        }
        // Up to two quotes may stand right before the closing delimiter (`""""` ends with one in the value).
        let end = close + 3;
        while (end < close + 5 && this.text[end] === quote) end++;
        return end;
      }
    }
    for (let cursor = start + 1; cursor < this.text.length; cursor++) {
      const char = this.text[cursor];
      if (char === '\\' && quote === '"') cursor++;
      else if (char === quote || char === '\n') return cursor + 1;
    }
    return this.text.length;
  }

  /** Numbers, booleans and dates; a date and time may be separated by one space. */
  private scalarEnd(start: number): number {
    SCALAR.lastIndex = start;
    const match = SCALAR.exec(this.text);
    return match ? start + match[0].length : start + 1;
  }

  private skipSpace(): void {
    while (this.text[this.index] === ' ' || this.text[this.index] === '\t') this.index++;
  }

  private skipSpaceAndComments(newlines: boolean): void {
    for (;;) {
      const char = this.text[this.index];
      if (char === ' ' || char === '\t' || (newlines && (char === '\n' || char === '\r'))) this.index++;
      else if (char === '#') {
        const end = this.text.indexOf('\n', this.index);
        this.index = end < 0 ? this.text.length : end;
      } else return;
    }
  }

  private expect(char: string): void {
    if (this.text[this.index] !== char) throw new Error(`TOML '${char}' expected at offset ${this.index}`);
    this.index++;
  }
}

/** Never written to: only tables and arrays get members. */
const NO_MEMBERS: Map<string | number, ScanSpan> = new Map();
const BARE_KEY = /[A-Za-z0-9_-]+/y;
const SCALAR = /\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?(?![^\s,\]}#])|[^\s,\]}#]+/y;

function lastMember(span: ScanSpan): ScanSpan | undefined {
  return span.members.get(span.members.size - 1);
}

/** True when the character at `index` follows an odd number of backslashes. */
function isEscaped(text: string, index: number): boolean {
  let slashes = 0;
  for (let cursor = index - 1; cursor >= 0 && text[cursor] === '\\'; cursor--) slashes++;
  return slashes % 2 === 1;
}

const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' };

/** The value of a basic string's text between its quotes (keys only: values come from the parse). */
function decodeBasicString(raw: string): string {
  return raw.replace(
    /\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|(.))/g,
    (whole, u4, u8, x2, simple: string | undefined) => {
      const hex = u4 ?? u8 ?? x2;
      if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
      return simple !== undefined ? (SIMPLE_ESCAPES[simple] ?? whole) : whole;
    },
  );
}
