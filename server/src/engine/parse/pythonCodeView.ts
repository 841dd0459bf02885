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

let last: { text: string; view: string } | undefined;

/** The code view of `text`; the rules and the AI-BOM ask for the same file's view in turn, so the last one is kept. */
export function pythonCodeView(text: string): string {
  if (last?.text !== text) last = { text, view: codeViewOf(text) };
  return last.view;
}

function codeViewOf(text: string): string {
  const out: string[] = [];
  let copiedUpTo = 0;
  const blank = (start: number, end: number) => {
    out.push(text.slice(copiedUpTo, start));
    // Spaces for every character, newlines kept (a comment has none; a docstring often has many).
    for (let line = start; line < end; ) {
      const newline = text.indexOf('\n', line);
      const stop = newline < 0 || newline >= end ? end : newline;
      out.push(' '.repeat(stop - line));
      if (stop < end) out.push('\n');
      line = stop + 1;
    }
    copiedUpTo = end;
  };
  // Jump from one `#`, `"` or `'` to the next (native searches) instead of testing every character.
  let nextHash = text.indexOf('#');
  let nextQuote = text.indexOf('"');
  let nextApostrophe = text.indexOf("'");
  let i = 0;
  for (;;) {
    if (nextHash >= 0 && nextHash < i) nextHash = text.indexOf('#', i);
    if (nextQuote >= 0 && nextQuote < i) nextQuote = text.indexOf('"', i);
    if (nextApostrophe >= 0 && nextApostrophe < i) nextApostrophe = text.indexOf("'", i);
    i = firstOf(nextHash, nextQuote, nextApostrophe);
    if (i < 0) break;
    const code = text.charCodeAt(i);
    if (code === HASH) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else {
      const triple = text.charCodeAt(i + 1) === code && text.charCodeAt(i + 2) === code;
      const end = triple ? tripleEnd(text, i, code) : lineStringEnd(text, i, code);
      if (triple) blank(i, end);
      i = end;
    }
  }
  out.push(text.slice(copiedUpTo));
  return out.join('');
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
