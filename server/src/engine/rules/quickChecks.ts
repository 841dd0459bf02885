/**
 * Building blocks for rules' `mayMatch`: cheap, conservative looks at a text before it is parsed.
 * They run on a Python code view (comments and docstrings blanked), so examples in docs never
 * cost a parse. When in doubt they answer "may match".
 */

/** The longest argument list looked at; a longer one is taken to possibly hold anything. */
const MAX_ARGUMENTS = 4000;

/**
 * The argument text of each call of `name` in `code` (from after `(` to its matching `)`), or
 * `undefined` in the list for a call whose end could not be found within reach.
 */
export function callArguments(code: string, name: string): (string | undefined)[] {
  const index = callIndexOf(code);
  return [name, ...index.aliasesOf(name)].flatMap((callee) => index.argumentsOf(callee));
}

/**
 * The calls and `as` aliases of a code view, looked up by name and kept for the last view (the
 * rules and the AI-BOM gate ask about the same file in turn, for a dozen names each). Only the
 * names asked about are searched (a native substring search each), never every call of the file.
 */
class CallIndex {
  private readonly found = new Map<string, NameUses>();

  constructor(private readonly code: string) {}

  argumentsOf(name: string): (string | undefined)[] {
    return this.usesOf(name).opens.map((open) => untilClosingParen(this.code, open));
  }

  aliasesOf(name: string): string[] {
    return this.usesOf(name).aliases;
  }

  /** Where `name` is called and what it is imported `as`, from one search for the whole word. */
  private usesOf(name: string): NameUses {
    let uses = this.found.get(name);
    if (uses) return uses;
    uses = { opens: [], aliases: [] };
    const { code } = this;
    for (let at = code.indexOf(name); at >= 0; at = code.indexOf(name, at + 1)) {
      if (at > 0 && isWordCharCode(code.charCodeAt(at - 1))) continue;
      const end = at + name.length;
      if (end < code.length && isWordCharCode(code.charCodeAt(end))) continue;
      CALL_OR_ALIAS.lastIndex = end;
      const match = CALL_OR_ALIAS.exec(code);
      if (!match) continue;
      if (match[1] === undefined) uses.opens.push(CALL_OR_ALIAS.lastIndex);
      else uses.aliases.push(match[1]);
    }
    this.found.set(name, uses);
    return uses;
  }
}

interface NameUses {
  /** Offsets right after the `(` of each call. */
  opens: number[];
  /** Names it is imported as (`import x as y`). */
  aliases: string[];
}

/** Right after a name: the `(` of a call, or `as alias`. */
const CALL_OR_ALIAS = /\s*\(|\s+as\s+([A-Za-z_]\w*)/y;

/** Whether `word` occurs in `code` with no identifier character right before or after it. */
export function occursAsWord(code: string, word: string): boolean {
  for (let at = code.indexOf(word); at >= 0; at = code.indexOf(word, at + 1)) {
    const end = at + word.length;
    if ((at === 0 || !isWordCharCode(code.charCodeAt(at - 1))) && (end === code.length || !isWordCharCode(code.charCodeAt(end))))
      return true;
  }
  return false;
}

function isWordCharCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

let lastIndex: CallIndex | undefined;
let lastCode: string | undefined;

function callIndexOf(code: string): CallIndex {
  if (code !== lastCode || !lastIndex) {
    lastIndex = new CallIndex(code);
    lastCode = code;
  }
  return lastIndex;
}

function untilClosingParen(code: string, start: number): string | undefined {
  let depth = 1;
  const end = Math.min(code.length, start + MAX_ARGUMENTS);
  for (let i = start; i < end; i++) {
    const char = code[i];
    if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') {
      depth--;
      if (depth === 0) return code.slice(start, i);
    }
  }
  return undefined;
}

/**
 * True when an argument list may carry a string literal: one written in it, or a name that the code
 * assigns (or gives as a default) a string literal somewhere.
 */
export function mayCarryString(argumentsText: string | undefined, code: string): boolean {
  if (argumentsText === undefined || /["']/.test(argumentsText)) return true;
  for (const name of new Set(argumentsText.match(/\b[A-Za-z_]\w*\b/g) ?? [])) {
    if (assignsString(code, name)) return true;
  }
  return false;
}

/** What follows a name given a string: `name = "…"`, `name: str = "…"`, `name: Optional[str] = "…"`. */
const STRING_ASSIGNMENT_AFTER_NAME = /\s*(?::[\w.[\], |]*)?=\s*(?:[rRbBuUfF]{0,2})["']/y;

/** The answers for the last code searched: the loader checks ask about the same names call after call. */
let assignedNames: { code: string; answers: Map<string, boolean> } = { code: '', answers: new Map() };

/**
 * True when `code` assigns (or gives as a default) a string literal to `name`. Jumps between the
 * name's occurrences: a whole-text regular expression per name was a hot spot on AI-dense code.
 */
function assignsString(code: string, name: string): boolean {
  if (assignedNames.code !== code) assignedNames = { code, answers: new Map() };
  let answer = assignedNames.answers.get(name);
  if (answer === undefined) {
    answer = false;
    for (let at = code.indexOf(name); at >= 0 && !answer; at = code.indexOf(name, at + 1)) {
      if (at > 0 && isWordCharCode(code.charCodeAt(at - 1))) continue;
      STRING_ASSIGNMENT_AFTER_NAME.lastIndex = at + name.length;
      answer = STRING_ASSIGNMENT_AFTER_NAME.test(code);
    }
    assignedNames.answers.set(name, answer);
  }
  return answer;
}

/**
 * The text of one argument of an argument list: the keyword argument `keyword` when given, else the
 * positional argument at `position` (top-level commas split; `*args`/`**kwargs` make it unknown).
 * Undefined means "could be anything" only when the list itself is unknown; a missing argument is ''.
 */
export function argumentText(argumentsText: string | undefined, position: number, keywords: readonly string[]): string | undefined {
  if (argumentsText === undefined) return undefined;
  const parts = splitTopLevel(argumentsText);
  for (const part of parts) {
    const keyword = /^\s*([A-Za-z_]\w*)\s*=(?!=)/.exec(part);
    if (keyword && keywords.includes(keyword[1])) return part.slice(keyword[0].length);
  }
  if (parts.some((part) => /^\s*\*/.test(part))) return undefined;
  const positional = parts.filter((part) => !/^\s*[A-Za-z_]\w*\s*=(?!=)/.test(part));
  return positional[position] ?? '';
}

/** The value text of keyword argument `keyword`, or undefined when the call does not pass it. */
export function keywordArgumentText(argumentsText: string, keyword: string): string | undefined {
  const pattern = new RegExp(`^\\s*${keyword}\\s*=(?!=)`);
  const part = splitTopLevel(argumentsText).find((candidate) => pattern.test(candidate));
  return part?.replace(pattern, '').trim();
}

/** True when an argument list unpacks arguments (`*args`, `**kwargs`): it may pass anything. */
export function unpacksArguments(argumentsText: string): boolean {
  return splitTopLevel(argumentsText).some((part) => /^\s*\*/.test(part));
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '(' || char === '[' || char === '{') depth++;
    else if (char === ')' || char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((part) => part.trim() !== '');
}
