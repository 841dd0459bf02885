import type { NotebookCell } from '../parse/notebook';
import { fileKindOf } from '../workspace/fileKinds';
import { collectKeyNameServices } from './keyNames';
import type { PartialComponent } from './types';

/**
 * `%%writefile [-a] PATH` opening a cell (after comment lines, which tutorials put first as often
 * as not): the rest of the cell is that file's text.
 */
const WRITEFILE = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*%%writefile(?:\s+-a)?\s+(\S+)[ \t]*\r?\n/;

/**
 * The file a cell writes with `%%writefile` and its text, the lines up to the magic blanked so the
 * body keeps the cell's rows (a body line, 1-based, is the cell's row of that number minus one).
 */
export function writtenFile(cellText: string): { target: string; body: string } | undefined {
  const match = WRITEFILE.exec(cellText);
  const target = match?.[1].replace(/^["']|["']$/g, '');
  if (!match || !target) return undefined;
  return { target, body: `${'\n'.repeat(match[0].split('\n').length - 1)}${cellText.slice(match[0].length)}` };
}

/**
 * Tutorials write their settings from a cell (`%%writefile .env` then `OPENROUTER_API_KEY=…`) and
 * load them in the next one (`load_dotenv()`): the key names configure services as a `.env` file
 * of the workspace does. Only dotenv files are read this way (undefined for any other cell); other
 * written files are the notebook's data or scripts.
 */
export function collectWrittenDotenv(path: string, cell: NotebookCell): PartialComponent[] | undefined {
  const written = writtenFile(cell.text);
  if (!written || fileKindOf(written.target) !== 'dotenv') return undefined;
  const components = collectKeyNameServices(path, written.body, 'dotenv');
  for (const component of components) {
    for (const occurrence of component.occurrences) {
      if (occurrence.line !== undefined) occurrence.line = cell.toFile({ line: occurrence.line - 1, character: 0 }).line + 1;
    }
  }
  return components;
}
