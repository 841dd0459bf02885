/**
 * Razor components and pages (`.razor`, `.cshtml`) hold C# in `@code { … }` and `@functions { … }`
 * blocks beside their markup: Blazor chat pages keep their system message and model default there
 * (`new(ChatRole.System, "You are…")`, `Configuration["deploymentname"] ?? "llama3.2"`).
 */

/** True for a Razor file, by its extension. */
export function isRazorPath(path: string): boolean {
  return /\.(?:razor|cshtml)$/i.test(path);
}

/**
 * The C# of a Razor file at the file's own offsets: each code block's body kept, its `@code`
 * keyword written as `class` (the block parses as a class body), its `@using` lines as C# `using`
 * directives, and everything else (markup,
 * `@inject` lines, inline expressions) blanked to spaces with line breaks kept, so a position in the
 * view is the same position in the file.
 */
export function razorCodeView(text: string): string {
  const view = blanked(text).split('');
  USING_LINE.lastIndex = 0;
  for (let match = USING_LINE.exec(text); match; match = USING_LINE.exec(text)) {
    // `@using Azure.AI.OpenAI` → `using Azure.AI.OpenAI;`: the same length, one column to the left.
    const directive = `using ${match[2]};`;
    const start = match.index + match[1].length;
    directive.split('').forEach((letter, offset) => {
      view[start + offset] = letter;
    });
  }
  CODE_BLOCK.lastIndex = 0;
  for (let match = CODE_BLOCK.exec(text); match; match = CODE_BLOCK.exec(text)) {
    const open = match.index + match[0].length - 1;
    const close = closingBrace(text, open);
    for (let at = open; at <= close; at++) view[at] = text[at];
    'class'.split('').forEach((letter, offset) => {
      view[match.index + offset] = letter;
    });
    CODE_BLOCK.lastIndex = close + 1;
  }
  return view.join('');
}

const CODE_BLOCK = /@(?:code|functions)\s*\{/g;
/** A namespace import of the markup (`@using OllamaSharp`), which the code blocks see. */
const USING_LINE = /^([ \t]*)@using[ \t]+([\w.]+)[ \t]*$/gm;

function blanked(text: string): string {
  return text.replace(/[^\n\r]/g, ' ');
}

/**
 * The index of the brace that closes the one at `open` (the text's last index when it is never
 * closed), skipping braces in strings, characters and comments.
 */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let at = open; at < text.length; at++) {
    const char = text[at];
    if (char === '/' && text[at + 1] === '/') at = endOf(text, '\n', at + 2) - 1;
    else if (char === '/' && text[at + 1] === '*') at = endOf(text, '*/', at + 2) + 1;
    else if (char === '"' || char === "'") at = endOfQuoted(text, at, text[at - 1] === '@' || text[at - 2] === '@');
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return at;
  }
  return text.length - 1;
}

function endOf(text: string, token: string, from: number): number {
  const found = text.indexOf(token, from);
  return found < 0 ? text.length : found;
}

/** The closing quote of a string or character literal; a verbatim string (`@"…"`) doubles its quotes instead of escaping. */
function endOfQuoted(text: string, start: number, verbatim: boolean): number {
  const quote = text[start];
  for (let at = start + 1; at < text.length; at++) {
    if (!verbatim && text[at] === '\\') at++;
    else if (text[at] === quote) {
      if (verbatim && text[at + 1] === quote) at++;
      else return at;
    } else if (text[at] === '\n' && !verbatim) return at;
  }
  return text.length - 1;
}
