/**
 * Jinja chat templates (GGUF `tokenizer.chat_template*`) that reach Python internals: rendered by
 * an unsandboxed Jinja environment (llama-cpp-python before 0.2.72, CVE-2024-34359) they run code.
 * Only the template's expressions and statements are looked at (`{{ … }}`, `{% … %}`): the literal
 * text of a system prompt ("macOS.", "import the data") is not code.
 */

/** Constructs that legitimate chat templates never need, each with a short shape. */
const GADGETS: ReadonlyArray<[RegExp, string]> = [
  [/__[A-Za-z]\w*__/, 'a dunder attribute'],
  [/_TemplateReference__context/, '_TemplateReference__context'],
  [/\\x5f|\\u005f|\\137/i, 'an escaped underscore'],
  [/\b(?:popen|subprocess)\b/, 'a process call'],
  [/\bos\s*\.\s*[A-Za-z_]/, 'the os module'],
  [/\b(?:eval|exec|compile)\s*\(/, 'eval/exec'],
  [/\b(?:cycler|joiner|lipsum|namespace)\s*\.\s*_/, 'a global helper object'],
  [/\b(?:cycler|joiner|lipsum)\b/, 'a global helper object'],
  [/\battr\s*\(/, 'the attr filter'],
  [/^\s*[-+]?\s*(?:import|from|include|extends)\b/, 'a template import'],
  [/\b(?:request|config|self)\s*[.[]/, 'a framework global'],
];
const BLOCK = /\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g;
const MAX_TEMPLATE_CHARS = 4 * 1024 * 1024;

/** The first gadget in the template's code parts, as `{ construct, what }`, or undefined. */
export function templateGadget(template: string): { construct: string; what: string } | undefined {
  for (const match of template.slice(0, MAX_TEMPLATE_CHARS).matchAll(BLOCK)) {
    const code = match[1] ?? match[2] ?? '';
    for (const [pattern, what] of GADGETS) {
      const found = pattern.exec(code);
      if (found) return { construct: found[0].trim().slice(0, 60), what };
    }
  }
  return undefined;
}
