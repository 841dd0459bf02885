/**
 * Where the members of strict JSON are written, found lazily. Lockfiles are large (tens of MB) and
 * strict; native `JSON.parse` reads their values fast, and this scanner finds a container's members
 * only when someone asks, skipping nested values without building anything. Only for text that
 * `JSON.parse` has accepted: JSONC and broken JSON go through jsonc-parser instead.
 */

export interface JsonMemberSpan {
  /** Object key (decoded) or array index. */
  key: string | number;
  keyStart?: number;
  keyEnd?: number;
  start: number;
  end: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;

/** The span of the single value of a document, from its first non-space character. */
export function jsonValueSpan(text: string): { start: number; end: number } {
  const start = skipSpace(text, 0);
  return { start, end: valueEnd(text, start) };
}

/** The members of the object or array whose `{`/`[` is at `start`. */
export function jsonMembers(text: string, start: number): JsonMemberSpan[] {
  const open = text.charCodeAt(start);
  if (open !== OPEN_BRACE && open !== OPEN_BRACKET) return [];
  const close = open === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
  const members: JsonMemberSpan[] = [];
  let index = skipSpace(text, start + 1);
  while (index < text.length && text.charCodeAt(index) !== close) {
    if (open === OPEN_BRACE) {
      const keyStart = index;
      const keyEnd = stringEnd(text, keyStart);
      const raw = text.slice(keyStart + 1, keyEnd - 1);
      const key = raw.includes('\\') ? (JSON.parse(text.slice(keyStart, keyEnd)) as string) : raw;
      // Past the `:`.
      const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
      const end = valueEnd(text, valueStart);
      members.push({ key, keyStart, keyEnd, start: valueStart, end });
      index = end;
    } else {
      const end = valueEnd(text, index);
      members.push({ key: members.length, start: index, end });
      index = end;
    }
    index = skipSpace(text, index);
    if (text.charCodeAt(index) === COMMA) index = skipSpace(text, index + 1);
  }
  return members;
}

/** Offset after the value starting at `start`. */
function valueEnd(text: string, start: number): number {
  const char = text.charCodeAt(start);
  if (char === QUOTE) return stringEnd(text, start);
  if (char === OPEN_BRACE || char === OPEN_BRACKET) return containerEnd(text, start);
  let index = start;
  while (index < text.length && !isDelimiter(text.charCodeAt(index))) index++;
  return index;
}

/** Offset after the `"…"` string starting at `start`. */
function stringEnd(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === BACKSLASH) index++;
    else if (char === QUOTE) return index + 1;
  }
  return text.length;
}

/** Offset after the container starting at `start`, counting brackets outside strings. */
function containerEnd(text: string, start: number): number {
  let depth = 0;
  for (let index = start; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === QUOTE) index = stringEnd(text, index) - 1;
    else if (char === OPEN_BRACE || char === OPEN_BRACKET) depth++;
    else if ((char === CLOSE_BRACE || char === CLOSE_BRACKET) && --depth === 0) return index + 1;
  }
  return text.length;
}

function skipSpace(text: string, start: number): number {
  let index = start;
  while (index < text.length && isSpace(text.charCodeAt(index))) index++;
  return index;
}

function isSpace(char: number): boolean {
  return char === 32 || char === 9 || char === 10 || char === 13;
}

function isDelimiter(char: number): boolean {
  return isSpace(char) || char === COMMA || char === CLOSE_BRACE || char === CLOSE_BRACKET;
}
