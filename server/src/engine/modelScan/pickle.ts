import { type ByteSource, Cursor, Truncated } from './source';

/**
 * A pickle opcode reader (protocols 0–5) that never unpickles: it walks the opcodes of one or
 * more concatenated pickles through a bounded window, simulates the stack and the memo abstractly
 * (strings, imported callables, everything else), and records every callable the pickle imports
 * (GLOBAL, STACK_GLOBAL, INST, EXT1/2/4) with its byte offset and whether something calls it
 * (REDUCE, OBJ, INST, NEWOBJ, NEWOBJ_EX). Module and name of STACK_GLOBAL come from the simulated
 * stack, so strings fetched from the memo (BINGET after MEMOIZE) resolve like Python resolves them;
 * an operand that is not a string resolves to `unknown`, which the classifier treats as dangerous.
 */

export interface PickleImport {
  module: string;
  name: string;
  /** Offset of the opcode that imports it, from the start of the source (a file or a zip member). */
  offset: number;
  opcode: 'GLOBAL' | 'STACK_GLOBAL' | 'INST' | 'EXT';
  /** A REDUCE/OBJ/INST/NEWOBJ(_EX) calls it (BUILD calls `__setstate__` of what it built). */
  called: boolean;
}

export interface PickleScan {
  /** Distinct imported callables in order of first appearance (at most `MAX_IMPORTS`). */
  imports: PickleImport[];
  /** Complete pickles (ended by STOP). */
  pickles: number;
  /** The highest PROTO seen (0 when none). */
  protocol: number;
  /** Why the walk stopped before the end of the source, with the offset: a malformed or truncated stream. */
  error?: { offset: number; reason: string };
  /** Bytes walked. */
  walked: number;
  /** Opcodes walked. */
  opcodes: number;
}

type Value =
  | { readonly kind: 'str'; readonly text: string }
  | { readonly kind: 'global'; readonly ref: PickleImport }
  | { readonly kind: 'other' };

const OTHER: Value = { kind: 'other' };
/** Longer strings are not names: kept as `other`, so a STACK_GLOBAL over them resolves to `unknown`. */
const MAX_NAME_CHARS = 512;
const MAX_LINE_BYTES = 64 * 1024;
const MAX_STACK = 1_000_000;
const MAX_MEMO = 1_000_000;
const MAX_MARKS = 100_000;
export const MAX_IMPORTS = 10_000;
const UNKNOWN = 'unknown';

class PickleError extends Error {}

type Decoder = { decode(bytes: Uint8Array): string };
const utf8: Decoder = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

/** Walks every pickle in `source` from `start` until the bytes end or stop being a pickle. */
export function scanPickle(source: ByteSource, start = 0): PickleScan {
  const walker = new PickleWalker(source, start);
  return walker.run();
}

class PickleWalker {
  private readonly cursor: Cursor;
  private readonly imports = new Map<string, PickleImport>();
  private stack: Value[] = [];
  private marks: number[] = [];
  private memo = new Map<number, Value>();
  private protocol = 0;
  private pickles = 0;
  private opcodesInPickle = 0;
  private opcodes = 0;

  constructor(
    source: ByteSource,
    private readonly start: number,
  ) {
    this.cursor = new Cursor(source, start);
  }

  run(): PickleScan {
    let error: PickleScan['error'];
    while (!this.cursor.atEnd()) {
      const opcodeStart = this.cursor.position;
      try {
        if (this.step()) this.endPickle();
      } catch (caught) {
        if (!(caught instanceof PickleError || caught instanceof Truncated)) throw caught;
        // Bytes after a complete pickle that are not a pickle (legacy torch storages, padding) end the walk quietly.
        const trailing = this.pickles > 0 && this.opcodesInPickle <= 1 && this.importsSince === 0;
        if (!trailing) error = { offset: opcodeStart, reason: caught.message };
        break;
      }
    }
    return {
      imports: [...this.imports.values()],
      pickles: this.pickles,
      protocol: this.protocol,
      ...(error ? { error } : {}),
      walked: this.cursor.position - this.start,
      opcodes: this.opcodes,
    };
  }

  private importsSince = 0;

  private endPickle(): void {
    this.pickles++;
    this.stack = [];
    this.marks = [];
    this.memo = new Map();
    this.opcodesInPickle = 0;
    this.importsSince = 0;
  }

  // --- the stack ---------------------------------------------------------------------------

  private push(value: Value): void {
    if (this.stack.length >= MAX_STACK) throw new PickleError('stack limit reached');
    this.stack.push(value);
  }

  /** Python raises on an empty stack; the walker goes on with `other` so later imports are still seen. */
  private pop(): Value {
    const marksFloor = this.marks.length > 0 ? this.marks[this.marks.length - 1] : 0;
    return this.stack.length > marksFloor ? (this.stack.pop() as Value) : OTHER;
  }

  private top(): Value {
    return this.stack.length > 0 ? this.stack[this.stack.length - 1] : OTHER;
  }

  private mark(): void {
    if (this.marks.length >= MAX_MARKS) throw new PickleError('mark limit reached');
    this.marks.push(this.stack.length);
  }

  /** Pops everything down to the last MARK and the mark itself. */
  private popMark(): Value[] {
    const at = this.marks.pop() ?? 0;
    return this.stack.splice(Math.min(at, this.stack.length));
  }

  private remember(index: number): void {
    if (!Number.isSafeInteger(index) || index < 0) throw new PickleError('negative memo index');
    if (this.memo.size >= MAX_MEMO && !this.memo.has(index)) throw new PickleError('memo limit reached');
    this.memo.set(index, this.top());
  }

  private recall(index: number): void {
    // An index never stored is an evasion attempt (Python raises): what it stands for is unknown.
    this.push(this.memo.get(index) ?? OTHER);
  }

  private call(callee: Value): void {
    if (callee.kind === 'global') callee.ref.called = true;
  }

  private importOf(module: string, name: string, offset: number, opcode: PickleImport['opcode']): PickleImport {
    const key = `${module}\u0000${name}`;
    let found = this.imports.get(key);
    if (!found) {
      found = { module, name, offset, opcode, called: false };
      if (this.imports.size < MAX_IMPORTS) this.imports.set(key, found);
    }
    this.importsSince++;
    return found;
  }

  // --- operands ----------------------------------------------------------------------------

  private textLine(): string {
    return utf8.decode(this.cursor.line(MAX_LINE_BYTES));
  }

  private decimalLine(what: string): number {
    const text = latin1.decode(this.cursor.line(MAX_LINE_BYTES)).trim();
    const value = Number.parseInt(text, 10);
    if (!/^[+-]?\d+L?$/.test(text) || !Number.isSafeInteger(value)) throw new PickleError(`bad ${what} operand`);
    return value;
  }

  /** A GLOBAL/INST operand: `module\nname\n`, each a dotted identifier (garbage is not a pickle). */
  private qualifiedName(): { module: string; name: string } {
    const module = this.textLine().trim();
    const name = this.textLine().trim();
    if (!isDottedName(module) || !isDottedName(name)) throw new PickleError('bad GLOBAL operand');
    return { module, name };
  }

  private string(bytes: Uint8Array, decoder: Decoder = utf8): Value {
    if (bytes.length > MAX_NAME_CHARS * 4) return OTHER;
    return { kind: 'str', text: decoder.decode(bytes) };
  }

  private sized(length: number, what: string): Uint8Array | undefined {
    if (!Number.isFinite(length) || length < 0) throw new PickleError(`bad ${what} length`);
    if (length > MAX_NAME_CHARS * 4) {
      this.cursor.skip(length, what);
      return undefined;
    }
    return this.cursor.bytes(length, what);
  }

  private sizedString(length: number, what: string, decoder: Decoder = utf8): Value {
    const bytes = this.sized(length, what);
    return bytes ? this.string(bytes, decoder) : OTHER;
  }

  private stackGlobal(offset: number): void {
    const name = this.pop();
    const module = this.pop();
    const text = (value: Value) => (value.kind === 'str' && value.text.length <= MAX_NAME_CHARS ? value.text : UNKNOWN);
    this.push({ kind: 'global', ref: this.importOf(text(module), text(name), offset, 'STACK_GLOBAL') });
  }

  // --- one opcode --------------------------------------------------------------------------

  /** Executes one opcode abstractly; true at STOP. */
  private step(): boolean {
    const offset = this.cursor.position;
    const opcode = this.cursor.u8();
    this.opcodesInPickle++;
    this.opcodes++;
    const c = this.cursor;
    switch (opcode) {
      case 0x80: // PROTO
        this.protocol = Math.max(this.protocol, c.u8());
        if (this.protocol > 5) throw new PickleError('unsupported protocol');
        return false;
      case 0x95: // FRAME: frames are transparent
        c.skip(8, 'frame length');
        return false;
      case 0x2e: // STOP
        return true;
      case 0x28: // MARK
        this.mark();
        return false;
      case 0x30: // POP
        if (this.stack.length === 0 && this.marks.length > 0) this.popMark();
        else this.pop();
        return false;
      case 0x31: // POP_MARK
        this.popMark();
        return false;
      case 0x32: // DUP
        this.push(this.top());
        return false;
      // Constants and numbers: an opaque value.
      case 0x4e: // NONE
      case 0x88: // NEWTRUE
      case 0x89: // NEWFALSE
      case 0x29: // EMPTY_TUPLE
      case 0x5d: // EMPTY_LIST
      case 0x7d: // EMPTY_DICT
      case 0x8f: // EMPTY_SET
      case 0x97: // NEXT_BUFFER
        this.push(OTHER);
        return false;
      case 0x98: // READONLY_BUFFER
        return false;
      case 0x49: // INT
      case 0x4c: // LONG
      case 0x46: // FLOAT
        c.line(MAX_LINE_BYTES);
        this.push(OTHER);
        return false;
      case 0x4a: // BININT
        c.skip(4);
        this.push(OTHER);
        return false;
      case 0x4b: // BININT1
        c.skip(1);
        this.push(OTHER);
        return false;
      case 0x4d: // BININT2
        c.skip(2);
        this.push(OTHER);
        return false;
      case 0x47: // BINFLOAT
        c.skip(8);
        this.push(OTHER);
        return false;
      case 0x8a: // LONG1
        this.sized(c.u8(), 'LONG1');
        this.push(OTHER);
        return false;
      case 0x8b: // LONG4
        this.sized(c.i32(), 'LONG4');
        this.push(OTHER);
        return false;
      // Strings: names for STACK_GLOBAL.
      case 0x53: // STRING
        this.push(pythonStringLiteral(c.line(MAX_LINE_BYTES)));
        return false;
      case 0x54: // BINSTRING
        this.push(this.sizedString(c.i32(), 'BINSTRING', latin1));
        return false;
      case 0x55: // SHORT_BINSTRING
        this.push(this.sizedString(c.u8(), 'SHORT_BINSTRING', latin1));
        return false;
      case 0x56: // UNICODE
        this.push(rawUnicodeEscape(c.line(MAX_LINE_BYTES)));
        return false;
      case 0x58: // BINUNICODE
        this.push(this.sizedString(c.u32(), 'BINUNICODE'));
        return false;
      case 0x8c: // SHORT_BINUNICODE
        this.push(this.sizedString(c.u8(), 'SHORT_BINUNICODE'));
        return false;
      case 0x8d: // BINUNICODE8
        this.push(this.sizedString(c.u64(), 'BINUNICODE8'));
        return false;
      // Bytes are not names: STACK_GLOBAL over them resolves to `unknown`.
      case 0x43: // SHORT_BINBYTES
        this.sized(c.u8(), 'SHORT_BINBYTES');
        this.push(OTHER);
        return false;
      case 0x42: // BINBYTES
        this.sized(c.u32(), 'BINBYTES');
        this.push(OTHER);
        return false;
      case 0x8e: // BINBYTES8
      case 0x96: // BYTEARRAY8
        this.sized(c.u64(), 'BINBYTES8');
        this.push(OTHER);
        return false;
      // Containers.
      case 0x74: // TUPLE
      case 0x6c: // LIST
      case 0x64: // DICT
      case 0x91: // FROZENSET
        this.popMark();
        this.push(OTHER);
        return false;
      case 0x85: // TUPLE1
      case 0x86: // TUPLE2
      case 0x87: // TUPLE3
        for (let count = opcode - 0x84; count > 0; count--) this.pop();
        this.push(OTHER);
        return false;
      case 0x61: // APPEND
        this.pop();
        return false;
      case 0x73: // SETITEM
        this.pop();
        this.pop();
        return false;
      case 0x65: // APPENDS
      case 0x75: // SETITEMS
      case 0x90: // ADDITEMS
        this.popMark();
        return false;
      // Memo.
      case 0x70: // PUT
        this.remember(this.decimalLine('PUT'));
        return false;
      case 0x71: // BINPUT
        this.remember(c.u8());
        return false;
      case 0x72: // LONG_BINPUT
        this.remember(c.u32());
        return false;
      case 0x94: // MEMOIZE
        this.remember(this.memo.size);
        return false;
      case 0x67: // GET
        this.recall(this.decimalLine('GET'));
        return false;
      case 0x68: // BINGET
        this.recall(c.u8());
        return false;
      case 0x6a: // LONG_BINGET
        this.recall(c.u32());
        return false;
      // Imports and calls.
      case 0x63: {
        // GLOBAL
        const { module, name } = this.qualifiedName();
        this.push({ kind: 'global', ref: this.importOf(module, name, offset, 'GLOBAL') });
        return false;
      }
      case 0x93: // STACK_GLOBAL
        this.stackGlobal(offset);
        return false;
      case 0x69: {
        // INST: import and call with the marked arguments
        const { module, name } = this.qualifiedName();
        const ref = this.importOf(module, name, offset, 'INST');
        ref.called = true;
        this.popMark();
        this.push(OTHER);
        return false;
      }
      case 0x6f: {
        // OBJ: the first marked item is the class
        const items = this.popMark();
        if (items.length > 0) this.call(items[0]);
        this.push(OTHER);
        return false;
      }
      case 0x52: // REDUCE
      case 0x81: {
        // NEWOBJ
        this.pop();
        this.call(this.pop());
        this.push(OTHER);
        return false;
      }
      case 0x92: // NEWOBJ_EX
        this.pop();
        this.pop();
        this.call(this.pop());
        this.push(OTHER);
        return false;
      case 0x62: // BUILD
        this.pop();
        return false;
      case 0x82: // EXT1
      case 0x83: // EXT2
      case 0x84: {
        // EXT4: a callable from the copyreg extension registry
        const code = opcode === 0x82 ? c.u8() : opcode === 0x83 ? c.u16() : c.i32();
        this.push({ kind: 'global', ref: this.importOf('copyreg', `extension[${code}]`, offset, 'EXT') });
        return false;
      }
      case 0x50: // PERSID
        c.line(MAX_LINE_BYTES);
        this.push(OTHER);
        return false;
      case 0x51: // BINPERSID
        this.pop();
        this.push(OTHER);
        return false;
      default:
        throw new PickleError(`unknown opcode 0x${opcode.toString(16).padStart(2, '0')}`);
    }
  }
}

/** Python identifiers joined by dots (what `find_class` can resolve); `<locals>` and spaces are not. */
function isDottedName(text: string): boolean {
  if (text.length === 0 || text.length > MAX_NAME_CHARS) return false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code <= 0x20 || code === 0x7f || code === 0x3c || code === 0x3e) return false;
  }
  return true;
}

/** `STRING`: a quoted Python bytes literal (`'os'`, `"po\x73ix"`), decoded like `codecs.escape_decode`. */
function pythonStringLiteral(line: Uint8Array): Value {
  let text = latin1.decode(line).replace(/\r$/, '');
  const quote = text[0];
  if (text.length < 2 || (quote !== "'" && quote !== '"') || text[text.length - 1] !== quote) throw new PickleError('bad STRING operand');
  text = text.slice(1, -1);
  if (text.length > MAX_NAME_CHARS * 4) return OTHER;
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char !== '\\' || index + 1 >= text.length) {
      out += char;
      continue;
    }
    const next = text[++index];
    const simple: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      '\\': '\\',
      "'": "'",
      '"': '"',
      a: '\x07',
      b: '\b',
      f: '\f',
      v: '\v',
      '\n': '',
    };
    if (simple[next] !== undefined) out += simple[next];
    else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(index + 1, index + 3))) {
      out += String.fromCharCode(Number.parseInt(text.slice(index + 1, index + 3), 16));
      index += 2;
    } else if (/[0-7]/.test(next)) {
      const digits = /^[0-7]{1,3}/.exec(text.slice(index))?.[0] ?? next;
      out += String.fromCharCode(Number.parseInt(digits, 8) & 0xff);
      index += digits.length - 1;
    } else out += `\\${next}`;
  }
  return { kind: 'str', text: out };
}

/** `UNICODE`: raw-unicode-escape (`\uXXXX`, `\UXXXXXXXX`, everything else Latin-1). */
function rawUnicodeEscape(line: Uint8Array): Value {
  if (line.length > MAX_NAME_CHARS * 4) return OTHER;
  const text = latin1.decode(line);
  const decoded = text.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (whole, four: string | undefined, eight: string | undefined) => {
    const code = Number.parseInt(four ?? eight ?? '', 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
  return { kind: 'str', text: decoded };
}
