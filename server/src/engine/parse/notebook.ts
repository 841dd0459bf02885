import { type Node as JsonNode, parseTree } from 'jsonc-parser';
import { LineIndex } from '../text/lineIndex';
import type { Position } from '../types';

/** One code cell of a notebook, with a map from its text back to the `.ipynb` file. */
export interface NotebookCell {
  index: number;
  text: string;
  /** Maps a position in the cell text to the position in the `.ipynb` JSON text. */
  toFile(position: Position): Position;
}

/**
 * Extracts the code cells of a Jupyter notebook. A cell's `source` is an array of JSON strings
 * (one per line) or one string holding every line. Positions map through the JSON escapes of the
 * string they fall in (`\"`, `\n`, `\\`, `\uXXXX`), so a span in the cell is the same span of
 * characters in the file: one decoded character is one to six characters of JSON.
 */
export function notebookCells(jsonText: string): readonly NotebookCell[] {
  // Several collectors read the cells of the same notebook in one file's pass: parse it once.
  if (lastCells?.jsonText !== jsonText) lastCells = { jsonText, cells: readCells(jsonText) };
  return lastCells.cells;
}

let lastCells: { jsonText: string; cells: readonly NotebookCell[] } | undefined;

function readCells(jsonText: string): readonly NotebookCell[] {
  const root = parseTree(jsonText);
  const fileLines = new LineIndex(jsonText);
  const cells = root?.type === 'object' ? property(root, 'cells') : undefined;
  if (cells?.type !== 'array') return [];
  const result: NotebookCell[] = [];
  (cells.children ?? []).forEach((cell, index) => {
    if (cell.type !== 'object' || property(cell, 'cell_type')?.value !== 'code') return;
    const source = property(cell, 'source');
    const parts: JsonNode[] = source?.type === 'array' ? (source.children ?? []) : source?.type === 'string' ? [source] : [];
    const strings = parts.filter((part) => part.type === 'string');
    const text = strings.map((part) => String(part.value)).join('');
    let offsets: number[] | undefined;
    let cellLines: LineIndex | undefined;
    result.push({
      index,
      text,
      toFile(position) {
        offsets ??= strings.flatMap((part, at) => rawOffsets(jsonText, part, at === strings.length - 1));
        cellLines ??= new LineIndex(text);
        const offset = cellLines.offsetAt(position);
        return fileLines.positionAt(offsets[Math.min(offset, offsets.length - 1)] ?? 0);
      },
    });
  });
  return result;
}

/**
 * For each UTF-16 unit of a JSON string's decoded value, the offset of the JSON text it was written
 * at; the last string of a cell also maps the offset just past its value (an end position).
 */
function rawOffsets(jsonText: string, part: JsonNode, withEnd: boolean): number[] {
  const offsets: number[] = [];
  const end = part.offset + part.length - 1; // the closing quote
  let at = part.offset + 1;
  while (at < end) {
    if (jsonText[at] !== '\\') {
      offsets.push(at);
      at++;
      continue;
    }
    // `\uXXXX` is one UTF-16 unit (a surrogate pair is two escapes); any other escape is one character.
    offsets.push(at);
    at += jsonText[at + 1] === 'u' ? 6 : 2;
  }
  if (withEnd) offsets.push(end);
  return offsets;
}

function property(node: JsonNode, name: string): JsonNode | undefined {
  const pair = node.children?.find((child) => child.type === 'property' && child.children?.[0]?.value === name);
  return pair?.children?.[1];
}
