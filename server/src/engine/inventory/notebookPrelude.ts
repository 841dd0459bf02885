import type { NotebookCell } from '../parse/notebook';
import { pythonCodeView } from '../parse/pythonCodeView';
import { pythonImports } from '../parse/pythonImports';
import { pythonPackageForModule } from './catalog';

/**
 * Notebook cells use what earlier cells imported: `from datasets import load_dataset` in cell 2,
 * `load_dataset("org/name")` in cell 5. A cell is parsed on its own, so the AI imports of the
 * cells before it are given to it as a prelude: the import statements, each mapped back to its
 * own line in the notebook. A cell without an AI import of its own is parsed only when it uses a
 * name the prelude binds.
 */
export class NotebookPrelude {
  private readonly statements: string[] = [];
  /** The notebook line (1-based) of each prelude row. */
  private readonly lines: number[] = [];
  private readonly seen = new Set<string>();
  private names = new Set<string>();
  private usePattern: RegExp | undefined;

  /** Adds the AI import statements of a cell (after it was read). */
  add(cell: NotebookCell): void {
    const view = pythonCodeView(cell.text);
    const rows = view.split('\n');
    for (const entry of aiImports(view)) {
      const statement = statementAt(rows, entry.row);
      if (!statement || this.seen.has(statement)) continue;
      this.seen.add(statement);
      const line = cell.toFile({ line: entry.row, character: 0 }).line + 1;
      for (const row of statement.split('\n')) {
        this.statements.push(row);
        this.lines.push(line);
      }
      for (const name of boundNames(statement)) this.names.add(name);
      this.usePattern = undefined;
    }
  }

  /** True when a cell calls or reads a name the earlier AI imports bind. */
  usedBy(text: string): boolean {
    if (this.names.size === 0) return false;
    this.usePattern ??= new RegExp(`\\b(?:${[...this.names].join('|')})\\s*[.(]`);
    return this.usePattern.test(text);
  }

  get rows(): number {
    return this.statements.length;
  }

  /** The prelude's text, ending with a newline when it has any statement. */
  text(): string {
    return this.statements.length === 0 ? '' : `${this.statements.join('\n')}\n`;
  }

  /** The notebook line of a prelude row. */
  lineOf(row: number): number {
    return this.lines[row] ?? 1;
  }
}

/** The imports of AI packages in a Python code view. */
function aiImports(view: string) {
  return pythonImports(view).filter((entry) => pythonPackageForModule(entry.module));
}

/** True when a cell imports an AI package itself: its calls are decided when the cell is read alone. */
export function cellImportsAi(text: string): boolean {
  return aiImports(pythonCodeView(text)).length > 0;
}

/** The statement starting at a row, with its continuation lines while a parenthesis is open. */
function statementAt(rows: string[], row: number): string | undefined {
  const first = rows[row];
  if (first === undefined) return undefined;
  const taken = [first.trim()];
  let open = count(first, '(') - count(first, ')');
  for (let next = row + 1; open > 0 && next < rows.length && next < row + 20; next++) {
    taken.push(rows[next].trim());
    open += count(rows[next], '(') - count(rows[next], ')');
  }
  return open > 0 ? undefined : taken.join('\n');
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** `from x import a as b, c` → b, c; `import x.y as z, w.v` → z, w. */
function boundNames(statement: string): string[] {
  const flat = statement.replace(/[()\n]/g, ' ');
  const from = /^from\s+\S+\s+import\s+(.*)$/.exec(flat);
  const list = from ? from[1] : flat.replace(/^import\s+/, '');
  return list
    .split(',')
    .map((part) => part.trim().split(/\s+as\s+/))
    .map(([name, alias]) => (alias ?? (from ? name : name.split('.')[0]))?.trim())
    .filter((name): name is string => !!name && /^[A-Za-z_]\w*$/.test(name));
}
