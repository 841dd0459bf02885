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
 * Tutorials write their settings from a cell (`%%writefile .env` then `OPENROUTER_API_KEY=…`) and
 * load them in the next one (`load_dotenv()`): the key names configure services as a `.env` file
 * of the workspace does. Only dotenv files are read this way (undefined for any other cell); other
 * written files are the notebook's data or scripts.
 */
export function collectWrittenDotenv(path: string, cell: NotebookCell): PartialComponent[] | undefined {
  const match = WRITEFILE.exec(cell.text);
  const target = match?.[1].replace(/^["']|["']$/g, '');
  if (!match || !target || fileKindOf(target.split('/').pop() ?? target) !== 'dotenv') return undefined;
  // The lines up to the magic are blanked so the body keeps its rows.
  const body = `${'\n'.repeat(match[0].split('\n').length - 1)}${cell.text.slice(match[0].length)}`;
  const components = collectKeyNameServices(path, body, 'dotenv');
  for (const component of components) {
    for (const occurrence of component.occurrences) {
      if (occurrence.line !== undefined) occurrence.line = cell.toFile({ line: occurrence.line - 1, character: 0 }).line + 1;
    }
  }
  return components;
}
