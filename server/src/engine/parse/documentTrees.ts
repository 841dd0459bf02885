import type { Edit, Point } from '@vscode/tree-sitter-wasm';
import { commonPrefix, commonSuffix } from '../text/unchangedEnds';
import { type GrammarName, parserFor, registerTreeSource, type Tree } from './treeSitter';

/**
 * Syntax trees of the documents an editor has open, one per key (the language server uses the
 * document URI). A new version of a document is parsed incrementally: the change from the old
 * text is one edit (their common prefix and suffix stay), the old tree is told about it and
 * tree-sitter re-parses only what the edit touched. A keystroke in a 20,000-line file then costs
 * a fraction of a full parse.
 *
 * Every `withTree` call for a text one of these trees was parsed from reuses it (the rules and the
 * AI-BOM collectors both read an open document), so this store never parses twice either.
 *
 * Offsets and columns are UTF-16 code units: the WASM binding hands tree-sitter JS strings as
 * UTF-16 and reports `startIndex` / `column` in code units, like the rest of the engine.
 */

interface DocumentTree {
  grammar: GrammarName;
  text: string;
  tree: Tree;
}

export class DocumentTrees {
  private readonly entries = new Map<string, DocumentTree>();

  /** Parses `text` as the new version of document `key`, reusing its previous tree. */
  async update(key: string, grammar: GrammarName, text: string): Promise<void> {
    const parser = await parserFor(grammar);
    // Nothing below awaits: the entry read here is the one replaced.
    const previous = this.entries.get(key);
    if (previous?.grammar === grammar && previous.text === text) return;
    const reusable = previous?.grammar === grammar ? previous : undefined;
    if (reusable) reusable.tree.edit(textEdit(reusable.text, text));
    const tree = parser.parse(text, reusable?.tree);
    if (!tree) throw new Error(`tree-sitter returned no tree for ${grammar}`);
    previous?.tree.delete();
    this.entries.set(key, { grammar, text, tree });
  }

  /** The tree of an open document with exactly this text, if any. */
  treeFor(grammar: GrammarName, text: string): Tree | undefined {
    for (const entry of this.entries.values()) {
      // Lengths first: comparing two different long texts of the same length is the rare case.
      if (entry.grammar === grammar && entry.text.length === text.length && entry.text === text) return entry.tree;
    }
    return undefined;
  }

  /** The document closed: its tree goes. */
  close(key: string): void {
    this.entries.get(key)?.tree.delete();
    this.entries.delete(key);
  }

  clear(): void {
    for (const key of [...this.entries.keys()]) this.close(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The trees of this process's open documents (a scan's worker threads have none). */
export const documentTrees = new DocumentTrees();
registerTreeSource(documentTrees);

/**
 * The single edit turning `before` into `after`: everything between their common prefix and
 * common suffix was replaced. Boundaries never split a surrogate pair.
 */
export function textEdit(before: string, after: string): Edit {
  const shorter = Math.min(before.length, after.length);
  let prefix = commonPrefix(before, after, shorter);
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  let suffix = commonSuffix(before, after, shorter - prefix);
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  const oldEndIndex = before.length - suffix;
  const newEndIndex = after.length - suffix;
  const startPosition = pointAt(before, prefix);
  return {
    startIndex: prefix,
    oldEndIndex,
    newEndIndex,
    startPosition,
    oldEndPosition: pointAfter(before, prefix, startPosition, oldEndIndex),
    newEndPosition: pointAfter(after, prefix, startPosition, newEndIndex),
  };
}

/** Row and column (code units) of an offset, counting rows the way tree-sitter does: at `\n` only. */
export function pointAt(text: string, offset: number): Point {
  return pointAfter(text, 0, { row: 0, column: 0 }, offset);
}

/** The point of `offset`, counting on from a known point at `from` (`from <= offset`). */
function pointAfter(text: string, from: number, at: Point, offset: number): Point {
  let row = at.row;
  let lineStart = from - at.column;
  for (let newline = text.indexOf('\n', from); newline !== -1 && newline < offset; newline = text.indexOf('\n', newline + 1)) {
    row++;
    lineStart = newline + 1;
  }
  return { row, column: offset - lineStart };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
