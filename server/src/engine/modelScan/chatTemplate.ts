/**
 * Jinja chat templates (GGUF `tokenizer.chat_template*`) that reach Python internals: rendered by
 * an unsandboxed Jinja environment (llama-cpp-python before 0.2.72, CVE-2024-34359) they run code.
 * Only the template's expressions and statements are looked at (`{{ … }}`, `{% … %}`): the literal
 * text of a system prompt ("macOS.", "import the data") is not code.
 */

/**
 * Constructs that legitimate chat templates never need, each with a short shape. The first ones are
 * looked for in string literals too (`attr('__class__')` hides the attribute in a string); the
 * others only in code, since templates quote prose ("…fulfill the request.").
 */
const IN_STRINGS_TOO: ReadonlyArray<[RegExp, string]> = [
  [/__[A-Za-z]\w*__/, 'a dunder attribute'],
  [/_TemplateReference__context/, '_TemplateReference__context'],
  [/\\x5f|\\u005f|\\137/i, 'an escaped underscore'],
];
const IN_CODE: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:popen|subprocess)\b/, 'a process call'],
  [/\bos\s*\.\s*[A-Za-z_]/, 'the os module'],
  [/\b(?:eval|exec|compile)\s*\(/, 'eval/exec'],
  [/\b(?:cycler|joiner|lipsum)\b/, 'a global helper object'],
  [/\battr\s*\(/, 'the attr filter'],
  [/^\s*[-+]?\s*(?:import|from|include|extends)\b/, 'a template import'],
  [/\b(?:request|config|self)\s*[.[]/, 'a framework global'],
];
/** Jinja string literals, with backslash escapes. */
const STRING_LITERAL = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g;
const BLOCK = /\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g;
const MAX_TEMPLATE_CHARS = 4 * 1024 * 1024;

/** The first gadget in the template's code parts, as `{ construct, what }`, or undefined. */
export function templateGadget(template: string): { construct: string; what: string } | undefined {
  for (const match of template.slice(0, MAX_TEMPLATE_CHARS).matchAll(BLOCK)) {
    const code = match[1] ?? match[2] ?? '';
    const withoutStrings = code.replace(STRING_LITERAL, "''");
    for (const [patterns, text] of [
      [IN_STRINGS_TOO, code],
      [IN_CODE, withoutStrings],
    ] as const) {
      for (const [pattern, what] of patterns) {
        const found = pattern.exec(text);
        if (found) return { construct: found[0].trim().slice(0, 60), what };
      }
    }
  }
  return undefined;
}
