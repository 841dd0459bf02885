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
  const calls: (string | undefined)[] = [];
  const pattern = new RegExp(`\\b${name}\\s*\\(`, 'g');
  for (let match = pattern.exec(code); match; match = pattern.exec(code)) {
    const open = match.index + match[0].length;
    calls.push(untilClosingParen(code, open));
  }
  return calls;
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
    if (new RegExp(`\\b${name}\\s*(?::[^=\\n]*)?=\\s*(?:[rRbBuUfF]{0,2})["']`).test(code)) return true;
  }
  return false;
}
