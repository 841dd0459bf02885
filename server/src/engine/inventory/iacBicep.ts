import type { IacResource } from './iac';

/**
 * Bicep `resource <symbol> '<type>@<api>' [existing] = [if (…)] [[for …:] { … }` declarations.
 * No Bicep parser ships as a package, so this is a small tokenizer (comments skipped, strings with
 * `${}` interpolation marked as not literal) and a reader of object bodies: `key: 'literal'` pairs,
 * nested objects as dotted paths, and child resources declared inside a parent, whose relative
 * type (`deployments@…`) is joined to the parent's. `existing` resources are references to
 * something deployed elsewhere, so they are not listed, but their child resources are.
 */

interface Token {
  kind: 'ident' | 'string' | 'punct' | 'newline';
  text: string;
  line: number;
  /** False for strings with interpolation. */
  literal?: boolean;
}

export function readBicep(text: string): IacResource[] {
  return new BicepReader(tokenize(text)).read();
}

class BicepReader {
  private readonly resources: IacResource[] = [];

  constructor(private readonly tokens: Token[]) {}

  read(): IacResource[] {
    let index = 0;
    while (index < this.tokens.length) index = this.isResource(index) ? this.readResource(index, undefined) : index + 1;
    return this.resources;
  }

  private isResource(index: number): boolean {
    const [keyword, symbol, type] = this.tokens.slice(index, index + 3);
    return keyword?.kind === 'ident' && keyword.text === 'resource' && symbol?.kind === 'ident' && type?.kind === 'string';
  }

  /** Reads a declaration starting at `resource`; returns the index after its body. */
  private readResource(index: number, parentType: string | undefined): number {
    const keyword = this.tokens[index];
    const typeToken = this.tokens[index + 2];
    let type = typeToken.literal ? typeToken.text.split('@')[0] : '';
    if (parentType && type && !type.includes('/')) type = `${parentType}/${type}`;
    let cursor = index + 3;
    const existing = this.tokens[cursor]?.text === 'existing';
    // Skip `= if (…)` or `= [for … in …:` up to the body; parentheses may hold anything.
    let parens = 0;
    for (; cursor < this.tokens.length; cursor++) {
      const token = this.tokens[cursor];
      if (token.text === '(') parens++;
      else if (token.text === ')') parens--;
      else if (parens === 0 && token.text === '{') break;
    }
    if (cursor >= this.tokens.length) return cursor;
    const resource: IacResource = { type, line: keyword.line, values: new Map() };
    const end = this.readObject(cursor, '', resource);
    if (type && !existing) this.resources.push(resource);
    return end;
  }

  /** Reads `{ … }` from the `{` at `index`; returns the index after the matching `}`. */
  private readObject(index: number, prefix: string, resource: IacResource): number {
    let cursor = index + 1;
    while (cursor < this.tokens.length) {
      const token = this.tokens[cursor];
      if (token.text === '}') return cursor + 1;
      if (token.kind === 'newline' || token.text === ',') cursor++;
      else if (this.isResource(cursor)) cursor = this.readResource(cursor, resource.type || undefined);
      else if ((token.kind === 'ident' || (token.kind === 'string' && token.literal)) && this.tokens[cursor + 1]?.text === ':') {
        cursor = this.readValue(cursor + 2, `${prefix}${token.text.toLowerCase()}`, resource);
      } else cursor = this.skipExpression(cursor);
    }
    return cursor;
  }

  private readValue(index: number, path: string, resource: IacResource): number {
    const token = this.tokens[index];
    if (!token) return index;
    if (token.text === '{') return this.readObject(index, `${path}.`, resource);
    const next = this.tokens[index + 1];
    const alone = !next || next.kind === 'newline' || next.text === ',' || next.text === '}';
    if (token.kind === 'string' && token.literal && alone) {
      if (!resource.values.has(path)) resource.values.set(path, { value: token.text, line: token.line });
      return index + 1;
    }
    return this.skipExpression(index);
  }

  /**
   * Skips to the end of the current value: a newline or `,` outside brackets, or the `}` closing
   * the object (left for the caller). A stray closing bracket is consumed so reading always moves on.
   */
  private skipExpression(index: number): number {
    let depth = 0;
    for (let cursor = index; cursor < this.tokens.length; cursor++) {
      const token = this.tokens[cursor];
      if (OPEN.has(token.text)) depth++;
      else if (CLOSE.has(token.text)) {
        if (depth === 0) return token.text === '}' ? cursor : cursor + 1;
        depth--;
      } else if (depth === 0 && (token.kind === 'newline' || token.text === ',')) return cursor;
    }
    return this.tokens.length;
  }
}

const OPEN = new Set(['{', '[', '(']);
const CLOSE = new Set(['}', ']', ')']);

// ---------------------------------------------------------------------------------------------

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

/** Identifiers, strings, single-character punctuation and newlines; comments and spaces dropped. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let index = 0;
  const newline = () => {
    if (tokens.at(-1)?.kind !== 'newline') tokens.push({ kind: 'newline', text: '\n', line });
  };
  while (index < text.length) {
    const char = text[index];
    if (char === '\n') {
      newline();
      line++;
      index++;
    } else if (char === ' ' || char === '\t' || char === '\r') index++;
    else if (text.startsWith('//', index)) {
      const end = text.indexOf('\n', index);
      index = end < 0 ? text.length : end;
    } else if (text.startsWith('/*', index)) {
      const end = text.indexOf('*/', index + 2);
      const stop = end < 0 ? text.length : end + 2;
      const lines = countLines(text, index, stop);
      if (lines > 0) newline();
      line += lines;
      index = stop;
    } else if (text.startsWith("'''", index)) {
      // Multi-line strings have neither escapes nor interpolation.
      const end = text.indexOf("'''", index + 3);
      const stop = end < 0 ? text.length : end + 3;
      tokens.push({ kind: 'string', text: text.slice(index + 3, end < 0 ? text.length : end), line, literal: true });
      line += countLines(text, index, stop);
      index = stop;
    } else if (char === "'") {
      const string = readString(text, index);
      tokens.push({ kind: 'string', text: string.value, line, literal: string.literal });
      line += countLines(text, index, string.end);
      index = string.end;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(index, index + 256)) as RegExpExecArray;
      tokens.push({ kind: 'ident', text: match[0], line });
      index += match[0].length;
    } else {
      tokens.push({ kind: 'punct', text: char, line });
      index++;
    }
  }
  return tokens;
}

/** A single-quoted string from the `'` at `start`; interpolations may nest strings of their own. */
function readString(text: string, start: number): { value: string; literal: boolean; end: number } {
  let value = '';
  let literal = true;
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === "'") return { value, literal, end: index + 1 };
    if (char === '\\') {
      value += ESCAPES[text[index + 1]] ?? text[index + 1] ?? '';
      index += 2;
    } else if (text.startsWith('${', index)) {
      literal = false;
      index = skipInterpolation(text, index + 2);
    } else {
      value += char;
      index++;
    }
  }
  return { value, literal, end: index };
}

/** Index after the `}` closing an interpolation that starts at `index` (just past `${`). */
function skipInterpolation(text: string, index: number): number {
  let depth = 1;
  let cursor = index;
  while (cursor < text.length && depth > 0) {
    const char = text[cursor];
    if (char === "'") cursor = readString(text, cursor).end;
    else {
      if (char === '{') depth++;
      else if (char === '}') depth--;
      cursor++;
    }
  }
  return cursor;
}

function countLines(text: string, start: number, end: number): number {
  let lines = 0;
  for (let index = text.indexOf('\n', start); index >= 0 && index < end; index = text.indexOf('\n', index + 1)) lines++;
  return lines;
}
