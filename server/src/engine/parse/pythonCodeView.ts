import { unchangedEnds } from '../text/unchangedEnds';

/**
 * A Python file's text with its comments and triple-quoted strings blanked out (replaced by
 * spaces, newlines kept, so offsets and lines stay those of the file). Docstrings are where most
 * example code of a library lives (`>>> pipe = Pipeline.from_pretrained("org/model")`); the quick
 * checks that decide whether a file is worth parsing run on this view, so examples in docs never
 * cost a parse. Ordinary string literals are kept: model ids and URLs live in them.
 *
 * This is a lexer for exactly three token kinds (comments, single-line strings, triple-quoted
 * strings, with prefixes and escapes), linear in the text, far cheaper than a parse.
 */

const HASH = 0x23;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

/** A text, its code view, and where every comment and string of it is (start, end pairs in order). */
interface CodeView {
  text: string;
  view: string;
  tokens: number[];
}

let last: CodeView | undefined;

/**
 * The code view of `text`. The rules and the AI-BOM ask for the same file's view in turn, so the
 * last one is kept; an editor asks again after every keystroke, so a new version of the last text
 * is re-lexed only around the edit (`viewAfterEdit`).
 */
export function pythonCodeView(text: string): string {
  if (last?.text !== text) last = (last && text.length >= INCREMENTAL_FROM && viewAfterEdit(last, text)) || lexed(text);
  return last.view;
}

/** Below this a whole lex costs less than a microsecond's worth of bookkeeping. */
const INCREMENTAL_FROM = 4096;

function lexed(text: string): CodeView {
  const tokens: number[] = [];
  const builder = new ViewBuilder(text, 0, '');
  const cursor = new TokenCursor(text, 0);
  for (let i = 0; cursor.next(i); i = cursor.end) {
    tokens.push(cursor.start, cursor.end);
    if (cursor.blanked) builder.blank(cursor.start, cursor.end);
  }
  return { text, view: builder.finish(text.length), tokens };
}

/**
 * The view of `text`, a new version of `before.text`: the tokens that end before the edit read
 * only unchanged text and stay; lexing restarts at the first one that may reach the edit and stops
 * as soon as it is, past the edit, at a place where the old lexing was also between tokens (from
 * there both read the same text the same way, so the old view and tokens, shifted, are the rest).
 * Undefined when the texts have little in common (another file).
 */
function viewAfterEdit(before: CodeView, text: string): CodeView | undefined {
  const { prefix, suffix } = unchangedEnds(before.text, text);
  if (prefix + suffix < text.length / 2) return undefined;
  const delta = text.length - before.text.length;
  const editEnd = text.length - suffix;
  const old = before.tokens;
  const kept = firstTokenEndingFrom(old, prefix);
  const restart = kept < old.length && old[kept] < prefix ? old[kept] : prefix;
  const tokens = old.slice(0, kept);
  const builder = new ViewBuilder(text, restart, before.view.slice(0, restart));
  const cursor = new TokenCursor(text, restart);
  for (let i = restart; ; i = cursor.end) {
    const found = cursor.next(i);
    // [i, the next token) is code; its first place past the edit may be where the old lexing was too.
    const resume = Math.max(i, editEnd);
    if (resume <= (found ? cursor.start : text.length)) {
      const rest = firstTokenEndingFrom(old, resume - delta + 1);
      if (rest >= old.length || old[rest] >= resume - delta) {
        for (let t = rest; t < old.length; t++) tokens.push(old[t] + delta);
        return { text, view: builder.finish(resume, before.view.slice(resume - delta)), tokens };
      }
    }
    if (!found) break;
    tokens.push(cursor.start, cursor.end);
    if (cursor.blanked) builder.blank(cursor.start, cursor.end);
  }
  return { text, view: builder.finish(text.length), tokens };
}

/** The index (into the start, end pairs) of the first token whose end is at or after `offset`. */
function firstTokenEndingFrom(tokens: number[], offset: number): number {
  let low = 0;
  let high = tokens.length / 2;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (tokens[2 * middle + 1] < offset) low = middle + 1;
    else high = middle;
  }
  return 2 * low;
}

/** Walks a text from one comment or string to the next, jumping with native searches. */
class TokenCursor {
  start = 0;
  end = 0;
  /** Comments and triple-quoted strings are blanked; one-line strings are kept. */
  blanked = false;
  private nextHash: number;
  private nextQuote: number;
  private nextApostrophe: number;

  constructor(
    private readonly text: string,
    from: number,
  ) {
    this.nextHash = text.indexOf('#', from);
    this.nextQuote = text.indexOf('"', from);
    this.nextApostrophe = text.indexOf("'", from);
  }

  /** Moves to the first comment or string at or after `i` (a place between tokens); false when there is none. */
  next(i: number): boolean {
    const text = this.text;
    if (this.nextHash >= 0 && this.nextHash < i) this.nextHash = text.indexOf('#', i);
    if (this.nextQuote >= 0 && this.nextQuote < i) this.nextQuote = text.indexOf('"', i);
    if (this.nextApostrophe >= 0 && this.nextApostrophe < i) this.nextApostrophe = text.indexOf("'", i);
    const at = firstOf(this.nextHash, this.nextQuote, this.nextApostrophe);
    if (at < 0) return false;
    const code = text.charCodeAt(at);
    this.start = at;
    if (code === HASH) {
      const newline = text.indexOf('\n', at);
      this.end = newline < 0 ? text.length : newline;
      this.blanked = true;
    } else {
      const triple = text.charCodeAt(at + 1) === code && text.charCodeAt(at + 2) === code;
      this.end = triple ? tripleEnd(text, at, code) : lineStringEnd(text, at, code);
      this.blanked = triple;
    }
    return true;
  }
}

/** The view as pieces: code copied, blanked tokens as spaces with their newlines kept. */
class ViewBuilder {
  private readonly out: string[];
  private copiedUpTo: number;

  constructor(
    private readonly text: string,
    from: number,
    viewBefore: string,
  ) {
    this.out = [viewBefore];
    this.copiedUpTo = from;
  }

  blank(start: number, end: number): void {
    const { text, out } = this;
    out.push(text.slice(this.copiedUpTo, start));
    // Spaces for every character, newlines kept (a comment has none; a docstring often has many).
    for (let line = start; line < end; ) {
      const newline = text.indexOf('\n', line);
      const stop = newline < 0 || newline >= end ? end : newline;
      out.push(' '.repeat(stop - line));
      if (stop < end) out.push('\n');
      line = stop + 1;
    }
    this.copiedUpTo = end;
  }

  /**
   * The view up to `end`, then `rest`. Joined into one flat string: the callers search it many
   * times, and a search step on a concatenation of pieces costs ten times one on a flat string.
   */
  finish(end: number, rest = ''): string {
    this.out.push(this.text.slice(this.copiedUpTo, end), rest);
    return this.out.join('');
  }
}

/** The smallest of the offsets that were found (not -1), or -1. */
function firstOf(a: number, b: number, c: number): number {
  let first = a;
  if (b >= 0 && (first < 0 || b < first)) first = b;
  if (c >= 0 && (first < 0 || c < first)) first = c;
  return first;
}

/** The offset after a triple-quoted string starting at `start` (or the end of the text). */
function tripleEnd(text: string, start: number, quote: number): number {
  const closing = String.fromCharCode(quote).repeat(3);
  let i = start + 3;
  for (;;) {
    const found = text.indexOf(closing, i);
    if (found < 0) return text.length;
    if (!isEscaped(text, found)) return found + 3;
    i = found + 1;
  }
}

/** The offset after a one-line string (unterminated ones end at the line's end, as Python reports them). */
function lineStringEnd(text: string, start: number, quote: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i++;
    else if (code === quote) return i + 1;
    else if (code === NEWLINE) return i;
  }
  return text.length;
}

function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && text.charCodeAt(i) === BACKSLASH; i--) backslashes++;
  return backslashes % 2 === 1;
}
