/** Characters that continue an identifier in the languages whose text we search (JS adds `$`). */
const IDENTIFIER_CHAR = /[\p{L}\p{N}_$]/u;

/**
 * Offsets where `word` occurs in `text` as a whole identifier. Readers use it to ask the syntax
 * tree only at the places a word occurs, instead of walking every node of a large file.
 */
export function wordOffsets(text: string, word: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
    const before = at > 0 ? text[at - 1] : '';
    const after = text[at + word.length] ?? '';
    if (!IDENTIFIER_CHAR.test(before) && !IDENTIFIER_CHAR.test(after)) offsets.push(at);
  }
  return offsets;
}
