import type { Tree } from './treeSitter';

/**
 * A piece of text whose characters map back to offsets in the analysed file. Command lines come
 * from many places (a shell file, a Dockerfile instruction joined across continuation lines, a
 * YAML scalar with escapes or folding); the map lets findings and fixes land on the source text.
 */
export interface Fragment {
  readonly text: string;
  /** The file offset of `text[index]`; `index === text.length` maps just past the last character. */
  offsetAt(index: number): number;
}

/** One word of a command line after quote removal, with where it is written in the file. */
export interface ShellWord {
  /** The word as the program receives it (quotes and escapes removed). */
  value: string;
  /** File offsets of the word as written (quotes included). */
  start: number;
  end: number;
  /** The word's value mapped to the file, for words that hold a script (`sh -c "…"`). */
  fragment(): Fragment;
  /** For a word that is a whole list item (YAML sequence, JSON array): the span that deletes it cleanly. */
  removal?: { start: number; end: number };
}

/** A fragment that is a verbatim slice of the file, or a same-length copy of one (masked continuations). */
export function sliceFragment(text: string, start: number, end: number = start + text.length): Fragment {
  const value = text.length === end - start ? text : text.slice(start, end);
  return { text: value, offsetAt: (index) => start + index };
}

/**
 * A fragment for a value that the file spells differently (quotes, escapes, YAML folding).
 * Each value character is aligned greedily with the next equal source character; whitespace
 * matches any whitespace, so folded line breaks line up with the spaces they became.
 */
export function alignedFragment(value: string, source: string, sourceOffset: (index: number) => number): Fragment {
  if (value === source) return { text: value, offsetAt: sourceOffset };
  if (source.length >= 2 && source.slice(1, -1) === value) return { text: value, offsetAt: (index) => sourceOffset(index + 1) };
  const map: number[] = [];
  let cursor = 0;
  for (const char of value) {
    const space = isSpace(char);
    let at = cursor;
    const limit = Math.min(source.length, cursor + ALIGN_WINDOW);
    while (at < limit && !source.startsWith(char, at) && !(space && isSpace(source[at]))) at++;
    // A character the source does not spell (an escape such as `\u0041`) keeps the cursor.
    if (at >= limit) at = Math.min(cursor, Math.max(source.length - 1, 0));
    for (let k = 0; k < char.length; k++) map.push(at + k);
    cursor = at + char.length;
  }
  const last = map.length > 0 ? map[map.length - 1] + 1 : 0;
  return {
    text: value,
    offsetAt: (index) => sourceOffset(index >= map.length ? last : map[Math.max(index, 0)]),
  };
}

/** The value of one shell word as written (`'--a'`, `"--a"`, `--a`), after quote removal. */
export function shellWordValue(raw: string): string {
  return readWord(raw, 0)[0];
}

/** A word covering `start..end` of the file, with its value computed by shell quote removal. */
export function wordAt(file: string, start: number, end: number): ShellWord {
  const raw = file.slice(start, end);
  const [value] = readWord(raw, 0);
  return makeWord(sliceFragment(raw, start, end), 0, raw.length, value);
}

/**
 * Splits shell text into simple commands, each a list of words. This is a tokenizer, not a full
 * shell parser: it knows quotes, escapes, line continuations, comments, the control operators
 * (`;`, `&&`, `||`, `|`, `&`, newline, subshells and command substitutions) and redirections,
 * which is what finding a program and its flags needs.
 */
export function splitCommands(fragment: Fragment): ShellWord[][] {
  const text = fragment.text;
  const commands: ShellWord[][] = [];
  // Commands interrupted by a substitution or subshell resume when it closes: `vllm --x=$(cat f) --y`.
  const outer: ShellWord[][] = [];
  let current: ShellWord[] = [];
  let inBackticks = false;
  let redirectTarget = false;
  const endCommand = (): void => {
    if (current.length > 0) commands.push(current);
    current = [];
  };
  const open = (): void => {
    outer.push(current);
    current = [];
  };
  const close = (): void => {
    endCommand();
    current = outer.pop() ?? [];
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === ' ' || char === '\t' || char === '\r') {
      i++;
    } else if (char === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
    } else if (char === '#') {
      // `#` at the start of a word opens a comment up to the end of the line.
      while (i < text.length && text[i] !== '\n') i++;
    } else if ((char === '$' && text[i + 1] === '(') || char === '(') {
      open();
      i += char === '$' ? 2 : 1;
    } else if (char === ')') {
      close();
      i++;
    } else if (char === '`') {
      if (inBackticks) close();
      else open();
      inBackticks = !inBackticks;
      i++;
    } else if (OPERATORS.has(char)) {
      endCommand();
      i++;
    } else if (char === '<' || char === '>') {
      while (i < text.length && (text[i] === '<' || text[i] === '>' || text[i] === '&' || text[i] === '-')) i++;
      redirectTarget = true;
    } else {
      const [value, end] = readWord(text, i);
      const fdBeforeRedirect = /^\d+$/.test(value) && (text[end] === '<' || text[end] === '>');
      if (redirectTarget) redirectTarget = false;
      // `if [ … ]; then pip install …; fi`: a reserved word opening a command is not its program.
      else if (!fdBeforeRedirect && !(current.length === 0 && LEADING_RESERVED.has(text.slice(i, end))))
        current.push(makeWord(fragment, i, end, value));
      i = end;
    }
  }
  endCommand();
  for (const pending of outer.reverse()) if (pending.length > 0) commands.push(pending);
  return commands;
}

/** Reserved words that may open a simple command (`then pip install …`, `do npm i …`, `! grep …`). */
const LEADING_RESERVED = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', '{', 'time']);

/** The simple commands of a bash syntax tree, each with its program word first. */
export function bashCommands(tree: Tree, file: string): ShellWord[][] {
  const commands: ShellWord[][] = [];
  for (const node of tree.rootNode.descendantsOfType('command')) {
    if (!node) continue;
    const words: ShellWord[] = [];
    for (const child of node.namedChildren) {
      if (!child || NOT_WORDS.has(child.type)) continue;
      words.push(wordAt(file, child.startIndex, child.endIndex));
    }
    if (words.length > 0) commands.push(words);
  }
  return commands;
}

/** How far alignment looks ahead for a character (YAML indentation, escapes); keeps it linear. */
const ALIGN_WINDOW = 512;
const OPERATORS = new Set([';', '&', '|', '\n']);
const WORD_BREAK = new Set([' ', '\t', '\r', '\n', ';', '&', '|', '(', ')', '<', '>', '`']);
/** Children of a bash `command` node that are not argument words. */
const NOT_WORDS = new Set(['variable_assignment', 'file_redirect', 'heredoc_redirect', 'herestring_redirect', 'comment']);

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

/** Reads one shell word from `start`; returns its value after quote removal and the index after it. */
function readWord(text: string, start: number): [string, number] {
  let value = '';
  let i = start;
  while (i < text.length) {
    const char = text[i];
    if (char === '\\') {
      if (text[i + 1] !== '\n') value += text[i + 1] ?? '';
      i += 2;
    } else if (char === "'") {
      const close = text.indexOf("'", i + 1);
      const stop = close === -1 ? text.length : close;
      value += text.slice(i + 1, stop);
      i = stop + 1;
    } else if (char === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && '"\\$`\n'.includes(text[i + 1] ?? '')) {
          if (text[i + 1] !== '\n') value += text[i + 1];
          i += 2;
        } else {
          value += text[i];
          i++;
        }
      }
      i++;
    } else if (WORD_BREAK.has(char) || (char === '$' && text[i + 1] === '(')) {
      // A command substitution ends the word: its command is split out like any other (`x=$(vllm …)`).
      break;
    } else {
      value += char;
      i++;
    }
  }
  return [value, Math.min(i, text.length)];
}

function makeWord(fragment: Fragment, start: number, end: number, value: string): ShellWord {
  const fileStart = fragment.offsetAt(start);
  const fileEnd = end > start ? fragment.offsetAt(end - 1) + 1 : fileStart;
  return {
    value,
    start: fileStart,
    end: fileEnd,
    fragment: () => alignedFragment(value, fragment.text.slice(start, end), (index) => fragment.offsetAt(start + index)),
  };
}

/**
 * The span that deletes one item of a bracketed list (`["a", "b"]`) together with one adjacent
 * comma: the comma before it when there is one, else the comma and blanks after it.
 * `start`/`end` index `text`; `base` turns them into file offsets.
 */
export function listItemRemoval(text: string, start: number, end: number, base: number): { start: number; end: number } {
  let before = start;
  while (before > 0 && isSpace(text[before - 1])) before--;
  if (text[before - 1] === ',') return { start: base + before - 1, end: base + end };
  let after = end;
  while (after < text.length && isSpace(text[after])) after++;
  if (text[after] === ',') {
    after++;
    while (after < text.length && isSpace(text[after])) after++;
    return { start: base + start, end: base + after };
  }
  return { start: base + start, end: base + end };
}

/** The program a command word runs, without its folder (`/usr/bin/python3` → `python3`). */
export function programName(word: string): string {
  // A Makefile recipe's `@` (silent), `-` (ignore errors) and `+` prefixes are make's, not the program's.
  return word.slice(word.lastIndexOf('/') + 1).replace(/^[@+-]+/, '');
}

/** The script word of `sh -c script` from the word after the shell (also `-lc`, `-ec`, …); `sh run.sh` has none. */
export function shellScriptWord(words: readonly ShellWord[], afterShell: number): ShellWord | undefined {
  for (let j = afterShell; j < words.length; j++) {
    const value = words[j].value;
    if (!value.startsWith('-')) return undefined;
    if (/^-[a-z]*c[a-z]*$/.test(value)) return words[j + 1];
  }
  return undefined;
}
