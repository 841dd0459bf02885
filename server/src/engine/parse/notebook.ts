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
 * Extracts the code cells of a Jupyter notebook. Each cell line is stored as one JSON string of
 * the `source` array; positions map to that string's line in the file (column adjusted for the
 * opening quote; escapes before the column shift it, which we accept for CLI/SARIF display).
 */
export function notebookCells(jsonText: string): NotebookCell[] {
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
    const starts: Position[] = strings.map((part) => fileLines.positionAt(part.offset + 1));
    result.push({
      index,
      text,
      toFile(position) {
        // Array-form sources hold one line per string; a single string keeps its own line breaks.
        if (strings.length === 1) {
          const start = starts[0];
          return position.line === 0 ? { line: start.line, character: start.character + position.character } : start;
        }
        const start = starts[Math.min(position.line, starts.length - 1)] ?? { line: 0, character: 0 };
        return { line: start.line, character: start.character + position.character };
      },
    });
  });
  return result;
}

function property(node: JsonNode, name: string): JsonNode | undefined {
  const pair = node.children?.find((child) => child.type === 'property' && child.children?.[0]?.value === name);
  return pair?.children?.[1];
}
