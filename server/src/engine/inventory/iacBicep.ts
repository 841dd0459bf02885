import { LineIndex } from '../text/lineIndex';
import { type IacDeclaration, type IacProperty, IacResource } from './iacResource';

type Resolved = NonNullable<IacProperty['resolved']>;

/**
 * Bicep `resource <symbol> '<type>@<api>' [existing] = [if (…)] [[for …:] { … }` declarations.
 * No Bicep parser ships as a package, so this is a small tokenizer (comments skipped, strings with
 * `${}` interpolation marked as not literal, every token with its offsets) and a reader of object
 * bodies: `key: value` pairs (literal strings, numbers, booleans and null; anything else is an
 * expression kept as text), nested objects as dotted paths, and child resources declared inside a parent, whose relative
 * type (`deployments@…`) is joined to the parent's. `existing` resources are references to
 * something deployed elsewhere, so they are not listed, but their child resources are. Arrays list
 * their elements as `path[i]`. A value that is just the name of a `param` with a literal default
 * resolves to it (a default), of a `var` with a literal value to that (a constant); a top-level child
 * declared with `parent: symbol` keeps `parent` as an expression naming its parent's symbol. Module
 * calls (`module sym 'file.bicep' = { params: { … } }`) are resources of type `module`.
 */

interface Token {
  kind: 'ident' | 'string' | 'number' | 'punct' | 'newline';
  text: string;
  /** UTF-16 offsets of the token as written (quotes included). */
  start: number;
  end: number;
  /** False for strings with interpolation. */
  literal?: boolean;
}

export function readBicep(text: string): IacResource[] {
  return readBicepFile(text).resources;
}

/** The resources and the literal declarations (`param` defaults, `var`s) of a Bicep file. */
export function readBicepFile(text: string): { resources: IacResource[]; declarations: IacDeclaration[] } {
  const reader = new BicepReader(text, tokenize(text));
  return { resources: reader.read(), declarations: [...reader.declarations, ...reader.collectionDeclarations()] };
}

class BicepReader {
  private readonly resources: IacResource[] = [];
  private readonly lines: LineIndex;
  private readonly symbols: Map<string, Resolved>;
  readonly declarations: IacDeclaration[] = [];

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {
    this.lines = new LineIndex(text);
    this.symbols = this.readSymbols();
  }

  /** `param name type = <literal>` and `var name = <literal>` statements. */
  private readSymbols(): Map<string, Resolved> {
    const symbols = new Map<string, Resolved>();
    this.tokens.forEach((token, index) => {
      if (index > 0 && this.tokens[index - 1].kind !== 'newline') return;
      const isParam = token.text === 'param';
      if (!isParam && token.text !== 'var') return;
      const name = this.tokens[index + 1];
      const equals = index + (isParam ? 3 : 2);
      const value = this.tokens[equals + 1];
      const after = this.tokens[equals + 2];
      if (name?.kind !== 'ident' || this.tokens[equals]?.text !== '=' || !value || (after && after.kind !== 'newline')) return;
      const literal = literalValue(value);
      if (!literal) return;
      const source = isParam ? 'default' : 'constant';
      symbols.set(name.text, { value: literal.value, source });
      this.declarations.push({ name: name.text, value: literal.value, source, range: this.lines.rangeOf(value.start, value.end) });
    });
    return symbols;
  }

  /**
   * The literal members of `param x array = [ … ]` / `object = { … }` defaults and such `var`s, by
   * path (`openAiDeployments[1].model.name`): templates often list their model deployments this way.
   */
  collectionDeclarations(): IacDeclaration[] {
    const declarations: IacDeclaration[] = [];
    this.tokens.forEach((token, index) => {
      if ((index > 0 && this.tokens[index - 1].kind !== 'newline') || (token.text !== 'param' && token.text !== 'var')) return;
      const name = this.tokens[index + 1];
      const equals = index + (token.text === 'param' ? 3 : 2);
      const open = this.tokens[equals + 1];
      if (name?.kind !== 'ident' || this.tokens[equals]?.text !== '=' || (open?.text !== '[' && open?.text !== '{')) return;
      const scratch = new IacResource('bicep', 'param', name.text, this.span(index, index + 1), this.span(index, index + 1));
      this.readValue(equals + 1, name.text, this.span(index + 1, index + 2), scratch);
      const source = token.text === 'param' ? 'default' : 'constant';
      for (const property of scratch.properties) {
        if (property.kind === 'literal') declarations.push({ name: property.path, value: property.value, source, range: property.range });
      }
    });
    return declarations;
  }

  read(): IacResource[] {
    let index = 0;
    while (index < this.tokens.length) index = this.isResource(index) ? this.readResource(index, undefined) : index + 1;
    return this.resources;
  }

  private isResource(index: number): boolean {
    const [keyword, symbol, type] = this.tokens.slice(index, index + 3);
    const declares = keyword?.text === 'resource' || keyword?.text === 'module';
    return keyword?.kind === 'ident' && declares && symbol?.kind === 'ident' && type?.kind === 'string';
  }

  /** Reads a declaration starting at `resource`; returns the index after its body. */
  private readResource(index: number, parentType: string | undefined): number {
    const keyword = this.tokens[index];
    const typeToken = this.tokens[index + 2];
    // A module call is listed as type `module`, its parameters as properties (`params.name`).
    const isModule = keyword.text === 'module';
    let type = isModule ? 'module' : typeToken.literal ? typeToken.text.split('@')[0] : '';
    if (parentType && type && !isModule && !type.includes('/')) type = `${parentType}/${type}`;
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
    const declaration = this.lines.rangeOf(keyword.start, typeToken.end);
    const bodyEnd = this.matchingBrace(cursor);
    const range = this.lines.rangeOf(keyword.start, this.tokens[bodyEnd - 1]?.end ?? this.text.length);
    const resource = new IacResource('bicep', type, this.tokens[index + 1].text, range, declaration);
    const end = this.readObject(cursor, '', resource);
    if (type && !existing) this.resources.push(resource);
    return end;
  }

  /** Index after the `}` matching the `{` at `index` (or the end of the tokens). */
  private matchingBrace(index: number): number {
    let depth = 0;
    for (let cursor = index; cursor < this.tokens.length; cursor++) {
      const text = this.tokens[cursor].text;
      if (OPEN.has(text)) depth++;
      else if (CLOSE.has(text) && --depth === 0) return cursor + 1;
    }
    return this.tokens.length;
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
        cursor = this.readValue(cursor + 2, `${prefix}${token.text}`, this.lines.rangeOf(token.start, token.end), resource);
      } else cursor = this.skipExpression(cursor);
    }
    return cursor;
  }

  private readValue(
    index: number,
    path: string,
    keyRange: IacProperty['keyRange'],
    resource: IacResource,
    enclosing: Closer = '}',
  ): number {
    const token = this.tokens[index];
    if (!token) return index;
    if (token.text === '[' && this.tokens[index + 1]?.text !== 'for') return this.readArray(index, path, keyRange, resource);
    if (token.text === '{') {
      const property: IacProperty = { path, kind: 'object', value: undefined, range: keyRange, keyRange };
      resource.add(property);
      const end = this.readObject(index, `${path}.`, resource);
      property.range = this.span(index, end);
      return end;
    }
    const next = this.tokens[index + 1];
    const alone = !next || next.kind === 'newline' || next.text === ',' || next.text === '}' || next.text === ']';
    const literal = alone ? literalValue(token) : undefined;
    if (literal) {
      resource.add({ path, kind: 'literal', value: literal.value, range: this.span(index, index + 1), keyRange });
      return index + 1;
    }
    const end = this.skipExpression(index, enclosing);
    const range = this.span(index, Math.max(end, index + 1));
    const resolved = alone && token.kind === 'ident' ? this.symbols.get(token.text) : undefined;
    resource.add({
      path,
      kind: token.text === '[' ? 'array' : 'expression',
      value: this.text.slice(this.tokens[index].start, this.tokens[Math.max(end, index + 1) - 1].end),
      range,
      keyRange,
      ...(resolved ? { resolved } : {}),
    });
    return end;
  }

  /** `[ … ]` from the `[` at `index`: elements separated by newlines or commas, each at `path[i]`. */
  private readArray(index: number, path: string, keyRange: IacProperty['keyRange'], resource: IacResource): number {
    const property: IacProperty = { path, kind: 'array', value: undefined, range: keyRange, keyRange };
    resource.add(property);
    let cursor = index + 1;
    let count = 0;
    while (cursor < this.tokens.length && this.tokens[cursor].text !== ']') {
      const token = this.tokens[cursor];
      if (token.kind === 'newline' || token.text === ',') cursor++;
      else {
        const itemRange = this.lines.rangeOf(token.start, token.end);
        const end = this.readValue(cursor, `${path}[${count++}]`, itemRange, resource, ']');
        // A stray `}` would stop an element without moving on.
        cursor = end > cursor ? end : cursor + 1;
      }
    }
    const end = Math.min(cursor + 1, this.tokens.length);
    property.range = this.span(index, end);
    property.value = this.text.slice(this.tokens[index].start, this.tokens[end - 1].end);
    return end;
  }

  /** The range from the token at `from` to the end of the token before `to`. */
  private span(from: number, to: number) {
    return this.lines.rangeOf(this.tokens[from].start, this.tokens[Math.min(to, this.tokens.length) - 1].end);
  }

  /**
   * Skips to the end of the current value: a newline or `,` outside brackets, or the bracket closing
   * the enclosing object or array (left for the caller). A stray closing bracket is consumed so
   * reading always moves on.
   */
  private skipExpression(index: number, enclosing: Closer = '}'): number {
    let depth = 0;
    for (let cursor = index; cursor < this.tokens.length; cursor++) {
      const token = this.tokens[cursor];
      if (OPEN.has(token.text)) depth++;
      else if (CLOSE.has(token.text)) {
        if (depth === 0) return token.text === enclosing || token.text === '}' ? cursor : cursor + 1;
        depth--;
      } else if (depth === 0 && (token.kind === 'newline' || token.text === ',')) return cursor;
    }
    return this.tokens.length;
  }
}

/** A plain literal token: a string without interpolation, a number, `true`, `false` or `null`. */
function literalValue(token: Token): { value: unknown } | undefined {
  if (token.kind === 'string') return token.literal ? { value: token.text } : undefined;
  if (token.kind === 'number') return { value: Number(token.text) };
  if (token.kind === 'ident' && ['true', 'false', 'null'].includes(token.text)) {
    return { value: token.text === 'null' ? null : token.text === 'true' };
  }
  return undefined;
}

type Closer = '}' | ']';

const OPEN = new Set(['{', '[', '(']);
const CLOSE = new Set(['}', ']', ')']);

// ---------------------------------------------------------------------------------------------

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

/** Identifiers, strings, single-character punctuation and newlines; comments and spaces dropped. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  const newline = (at: number) => {
    if (tokens.at(-1)?.kind !== 'newline') tokens.push({ kind: 'newline', text: '\n', start: at, end: at + 1 });
  };
  while (index < text.length) {
    const char = text[index];
    if (char === '\n') {
      newline(index);
      index++;
    } else if (char === ' ' || char === '\t' || char === '\r') index++;
    else if (text.startsWith('//', index)) {
      const end = text.indexOf('\n', index);
      index = end < 0 ? text.length : end;
    } else if (text.startsWith('/*', index)) {
      const end = text.indexOf('*/', index + 2);
      const stop = end < 0 ? text.length : end + 2;
      if (text.slice(index, stop).includes('\n')) newline(index);
      index = stop;
    } else if (text.startsWith("'''", index)) {
      // Multi-line strings have neither escapes nor interpolation.
      const end = text.indexOf("'''", index + 3);
      const stop = end < 0 ? text.length : end + 3;
      tokens.push({ kind: 'string', text: text.slice(index + 3, end < 0 ? text.length : end), start: index, end: stop, literal: true });
      index = stop;
    } else if (char === "'") {
      const string = readString(text, index);
      tokens.push({ kind: 'string', text: string.value, start: index, end: string.end, literal: string.literal });
      index = string.end;
    } else if (/[A-Za-z_0-9]/.test(char)) {
      const kind = /[0-9]/.test(char) ? 'number' : 'ident';
      const match = (kind === 'number' ? /^[0-9]+(?:\.[0-9]+)?/ : /^[A-Za-z_][A-Za-z0-9_]*/).exec(
        text.slice(index, index + 256),
      ) as RegExpExecArray;
      tokens.push({ kind, text: match[0], start: index, end: index + match[0].length });
      index += match[0].length;
    } else {
      tokens.push({ kind: 'punct', text: char, start: index, end: index + 1 });
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
