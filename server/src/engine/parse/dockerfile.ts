import { type ParseError, parseTree } from 'jsonc-parser';
import { alignedFragment, type Fragment, listItemRemoval, type ShellWord, sliceFragment } from './shellWords';

/** One Dockerfile instruction, its arguments joined across continuation lines. */
export interface DockerInstruction {
  /** Upper-case keyword: `FROM`, `RUN`, `CMD`, … */
  keyword: string;
  /** Zero-based line of the keyword. */
  line: number;
  /**
   * The arguments as one logical line. Line continuations and the comment lines inside an
   * instruction (which the builder drops) are blanked to spaces, so offsets still match the file.
   */
  args: Fragment;
  /** The exec form's items, when the arguments are a JSON array of strings. */
  exec?: ShellWord[];
  /** Heredoc bodies (`RUN <<EOF … EOF`) in order, as slices of the file. */
  heredocs: Fragment[];
}

interface Line {
  start: number;
  /** End of the content, before `\r\n` or `\n`. */
  end: number;
  /** Start of the next line. */
  next: number;
}

const INSTRUCTION = /^\s*([A-Za-z]+)(?=\s|$)/;
const HEREDOC = /<<(-?)\s*(["']?)([A-Za-z_][\w.-]*)\2/g;

/** Splits a Dockerfile into instructions; comments, blank lines and heredoc bodies never start one. */
export function dockerInstructions(text: string): DockerInstruction[] {
  const lines = splitLines(text);
  const escapeChar = escapeCharacter(text, lines);
  const instructions: DockerInstruction[] = [];
  let index = 0;
  while (index < lines.length) {
    const first = lines[index];
    const content = text.slice(first.start, first.end);
    const match = INSTRUCTION.exec(content);
    if (!match || /^\s*#/.test(content)) {
      index++;
      continue;
    }
    const argsStart = first.start + match[0].length;
    const markers: Array<[number, number]> = [];
    const comments: Array<[number, number]> = [];
    let last = index;
    for (;;) {
      const line = lines[last];
      const marker = continuationAt(text.slice(line.start, line.end), escapeChar);
      if (marker < 0 || last + 1 >= lines.length) break;
      markers.push([line.start + marker, line.next]);
      last++;
      while (last + 1 < lines.length && isBlankOrComment(text, lines[last])) {
        comments.push([lines[last].start, lines[last].next]);
        last++;
      }
    }
    const argsEnd = lines[last].end;
    const masked = blank(text, argsStart, argsEnd, [...markers, ...comments]);
    const args = sliceFragment(masked, argsStart, argsEnd);
    const heredocs: Fragment[] = [];
    for (const heredoc of masked.matchAll(HEREDOC)) {
      const bodyStart = last + 1;
      let close = bodyStart;
      while (close < lines.length && !closesHeredoc(text, lines[close], heredoc[3], heredoc[1] === '-')) close++;
      const from = lines[bodyStart]?.start ?? text.length;
      const to = lines[close]?.start ?? text.length;
      heredocs.push(sliceFragment(text.slice(from, to), from, to));
      last = Math.min(close, lines.length - 1);
    }
    instructions.push({
      keyword: match[1].toUpperCase(),
      line: index,
      args,
      exec: execForm(text, masked, blank(text, argsStart, argsEnd, markers), argsStart),
      heredocs,
    });
    index = last + 1;
  }
  return instructions;
}

/**
 * The JSON-array (exec) form's strings as words; undefined for the shell form. Item removals are
 * computed on `joined` (continuations blanked, comment lines kept) so a fix never deletes a comment.
 */
function execForm(text: string, masked: string, joined: string, base: number): ShellWord[] | undefined {
  if (!masked.trimStart().startsWith('[')) return undefined;
  const errors: ParseError[] = [];
  const root = parseTree(masked, errors);
  if (root?.type !== 'array' || errors.length > 0) return undefined;
  const items = root.children ?? [];
  if (!items.every((item) => item.type === 'string')) return undefined;
  return items.map((item) => {
    const start = base + item.offset;
    const end = start + item.length;
    const value = String(item.value);
    return {
      value,
      start: start + 1,
      end: end - 1,
      fragment: () => alignedFragment(value, text.slice(start, end), (i) => start + i),
      removal: listItemRemoval(joined, item.offset, item.offset + item.length, base),
    };
  });
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) {
      lines.push({ start, end: text.length, next: text.length });
      return lines;
    }
    const end = newline > start && text[newline - 1] === '\r' ? newline - 1 : newline;
    lines.push({ start, end, next: newline + 1 });
    start = newline + 1;
  }
}

/** The escape character: `\` unless a leading `# escape=` parser directive says otherwise. */
function escapeCharacter(text: string, lines: Line[]): string {
  for (const line of lines) {
    const directive = /^#\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(text.slice(line.start, line.end));
    if (!directive) break;
    if (directive[1].toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) return directive[2];
  }
  return '\\';
}

/** Index of the continuation escape at the end of a line (trailing blanks allowed), else -1. */
function continuationAt(line: string, escapeChar: string): number {
  const trimmed = line.trimEnd();
  return trimmed.endsWith(escapeChar) ? trimmed.length - 1 : -1;
}

function isBlankOrComment(text: string, line: Line): boolean {
  const content = text.slice(line.start, line.end).trim();
  return content === '' || content.startsWith('#');
}

function closesHeredoc(text: string, line: Line, delimiter: string, stripTabs: boolean): boolean {
  let content = text.slice(line.start, line.end);
  if (stripTabs) content = content.replace(/^\t+/, '');
  return content === delimiter;
}

/** The text between `start` and `end` with the given file spans replaced by spaces (same length). */
function blank(text: string, start: number, end: number, spans: Array<[number, number]>): string {
  let result = text.slice(start, end);
  for (const [from, to] of spans) {
    const a = Math.max(from, start) - start;
    const b = Math.min(to, end) - start;
    if (b > a) result = result.slice(0, a) + ' '.repeat(b - a) + result.slice(b);
  }
  return result;
}
